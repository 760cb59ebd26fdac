/*! XLIFF reader (1.2, read also for 1.0 and 1.1; 2.0, 2.1, 2.2): the translation units of
a localisation exchange file, their decoded source and target, and where each piece of the
target lies in the file, so that findings on the decoded text map back to exact offsets.

Inline markup is not text: `g`, `mrk` (1.2) and `pc`, `mrk` (2.x) keep their content as text,
the other inline elements (`x`, `bx`, `ex`, `ph`, `bpt`, `ept`, `it`; 2.x `ph`, `sc`, `ec`,
`sm`, `em`, `cp`) contribute none; each one gives a comparable code (`<g 1>`, `<ph p1>`).

The `xml` submodule is the XML layer shared with the TMX reader: a strict, streaming tokenizer
over quick-xml that keeps file offsets. It never reads a DTD nor resolves an external entity:
only the five predefined entities and character references are decoded, and any other entity
reference (declared in a DOCTYPE or not) is an error, reported at its place. */

use super::bilingual::{BilingualFile, ParseError, Unit, UnitState};
use xml::{Content, Ev, Lines, Tag, XmlReader};

/// Reads an XLIFF file.
pub fn parse(text: &str) -> Result<BilingualFile, ParseError> {
    let mut xml = XmlReader::new(text);
    let root = match xml.next()? {
        Ev::Start(tag) => tag,
        _ => {
            return Err(ParseError::at(
                text,
                0,
                "version XLIFF inconnue : aucun élément <xliff>",
            ));
        }
    };
    if root.local() != "xliff" {
        return Err(xml.error(
            root.start,
            format!(
                "version XLIFF inconnue : l'élément racine est <{}>, pas <xliff>",
                root.name
            ),
        ));
    }
    let version = match root.attr("version").as_deref().map(str::trim) {
        Some("1.0" | "1.1" | "1.2") => Version::V1,
        Some("2.0" | "2.1" | "2.2") => Version::V2,
        Some(v) => {
            return Err(xml.error(
                root.start,
                format!("version XLIFF inconnue « {v} » (1.2 ou 2.0 à 2.2 attendue)"),
            ));
        }
        None => {
            return Err(xml.error(
                root.start,
                "version XLIFF inconnue : l'élément <xliff> n'a pas d'attribut version",
            ));
        }
    };
    let mut walker = Walker {
        version,
        xliff_prefixes: root
            .attrs()
            .into_iter()
            .filter(|(k, v)| {
                k.starts_with("xmlns:") && v.starts_with("urn:oasis:names:tc:xliff:document:")
            })
            .map(|(k, _)| k["xmlns:".len()..].to_string())
            .collect(),
        file: BilingualFile::default(),
        lines: Lines::new(text),
        stack: vec![Ctx::Root],
        unit: None,
        seg: None,
        capture: None,
        note: None,
        unit_rank: 0,
    };
    if version == Version::V2 {
        walker.file.source_lang = root.attr("srcLang");
        walker.file.target_lang = root.attr("trgLang");
    }
    loop {
        match xml.next()? {
            Ev::Start(tag) => walker.start(&tag),
            Ev::End { start } => walker.end(start),
            Ev::Text { raw, start } => walker.text(|c| c.push_raw(raw, start)),
            Ev::Char { ch, start, len } => walker.text(|c| c.push_char(ch, start, len)),
            Ev::Eof => break,
        }
    }
    Ok(walker.file)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    /// XLIFF 1.2 (and 1.0, 1.1): `file/body/(group/)*trans-unit`.
    V1,
    /// XLIFF 2.x: `file/(group/)*unit/segment`.
    V2,
}

/// What an open element is, for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Root,
    File,
    Body,
    Group,
    Unit,
    Segment,
    Source,
    Target,
    Notes,
    Note,
    /// Inline element whose content is text (`g`, `mrk`, `pc`).
    TextInline,
    /// Inline element whose content is not text (native code, `sub`, foreign elements).
    Opaque,
    /// Anything else: ignored with its whole content (`alt-trans`, `seg-source`, `ignorable`,
    /// `header`, extensions...).
    Other,
}

/// A segment being read: in 1.2, the trans-unit itself.
#[derive(Debug, Default)]
struct Seg {
    id: Option<String>,
    line: usize,
    /// 2.x `segment@state`.
    state: Option<String>,
    source: Option<Content>,
    target: Option<TargetPart>,
}

#[derive(Debug)]
struct TargetPart {
    content: Content,
    range: (usize, usize),
    /// 1.2 `target@state`.
    state: Option<String>,
}

#[derive(Debug, Default)]
struct UnitBuilder {
    id: Option<String>,
    line: usize,
    notes: Vec<String>,
    segs: Vec<Seg>,
}

/// The source or target being read.
#[derive(Debug)]
struct Capture {
    target: bool,
    content: Content,
    /// Where the target content starts, and whether the element is empty (`<target/>`).
    start: usize,
    empty: bool,
    state: Option<String>,
}

struct Walker<'a> {
    version: Version,
    /// Prefixes bound to an XLIFF namespace on the root (`xmlns:xlf="urn:oasis:..."`).
    xliff_prefixes: Vec<String>,
    file: BilingualFile,
    lines: Lines<'a>,
    stack: Vec<Ctx>,
    unit: Option<UnitBuilder>,
    seg: Option<Seg>,
    capture: Option<Capture>,
    note: Option<Content>,
    unit_rank: usize,
}

impl Walker<'_> {
    fn is_xliff(&self, tag: &Tag) -> bool {
        match tag.prefix() {
            None => true,
            Some(p) => self.xliff_prefixes.iter().any(|x| x == p),
        }
    }

    fn start(&mut self, tag: &Tag) {
        let parent = *self.stack.last().unwrap_or(&Ctx::Other);
        let name = tag.local();
        let v1 = self.version == Version::V1;
        let ctx = match parent {
            Ctx::Source | Ctx::Target | Ctx::TextInline => self.inline(tag),
            Ctx::Opaque => Ctx::Opaque,
            Ctx::Other | Ctx::Note => Ctx::Other,
            _ if !self.is_xliff(tag) => Ctx::Other,
            Ctx::Root if name == "file" => Ctx::File,
            Ctx::File if v1 && name == "body" => Ctx::Body,
            Ctx::Body | Ctx::Group if v1 && name == "group" => Ctx::Group,
            Ctx::Body | Ctx::Group if v1 && name == "trans-unit" => Ctx::Unit,
            Ctx::File | Ctx::Group if !v1 && name == "group" => Ctx::Group,
            Ctx::File | Ctx::Group if !v1 && name == "unit" => Ctx::Unit,
            Ctx::Unit if !v1 && name == "segment" => Ctx::Segment,
            Ctx::Unit if !v1 && name == "notes" => Ctx::Notes,
            Ctx::Notes if name == "note" => Ctx::Note,
            Ctx::Unit if v1 && name == "note" => Ctx::Note,
            Ctx::Unit if v1 && (name == "source" || name == "target") => self.open_text(tag),
            Ctx::Segment if name == "source" || name == "target" => self.open_text(tag),
            _ => Ctx::Other,
        };
        match ctx {
            Ctx::File if v1 => {
                if self.file.source_lang.is_none() {
                    self.file.source_lang = tag.attr("source-language");
                }
                if self.file.target_lang.is_none() {
                    self.file.target_lang = tag.attr("target-language");
                }
            }
            Ctx::Unit => {
                self.unit_rank += 1;
                let line = self.lines.line_at(tag.start);
                self.unit = Some(UnitBuilder {
                    id: tag.attr("id"),
                    line,
                    ..UnitBuilder::default()
                });
                if v1 {
                    self.seg = Some(Seg {
                        line,
                        ..Seg::default()
                    });
                }
            }
            Ctx::Segment => {
                self.seg = Some(Seg {
                    id: tag.attr("id"),
                    line: self.lines.line_at(tag.start),
                    state: tag.attr("state"),
                    ..Seg::default()
                });
            }
            Ctx::Note => self.note = Some(Content::default()),
            _ => {}
        }
        self.stack.push(ctx);
    }

    /// A `source` or `target`: read unless the segment already has one.
    fn open_text(&mut self, tag: &Tag) -> Ctx {
        let target = tag.local() == "target";
        let Some(seg) = &self.seg else {
            return Ctx::Other;
        };
        if (target && seg.target.is_some())
            || (!target && seg.source.is_some())
            || self.capture.is_some()
        {
            return Ctx::Other;
        }
        self.capture = Some(Capture {
            target,
            content: Content::default(),
            start: if tag.empty { tag.start } else { tag.end },
            empty: tag.empty,
            state: if target { tag.attr("state") } else { None },
        });
        if target { Ctx::Target } else { Ctx::Source }
    }

    /// An element inside a source or target: its code, and whether its content is text.
    fn inline(&mut self, tag: &Tag) -> Ctx {
        if !self.is_xliff(tag) {
            return Ctx::Opaque;
        }
        let (ctx, keys): (Ctx, &[&str]) = match (self.version, tag.local()) {
            (Version::V1, "g") | (Version::V2, "pc") => (Ctx::TextInline, &["id"]),
            (_, "mrk") => (Ctx::TextInline, &["id", "mid"]),
            (Version::V1, "x" | "bx" | "ex" | "ph" | "bpt" | "it") => (Ctx::Opaque, &["id"]),
            (Version::V1, "ept") => (Ctx::Opaque, &["rid", "id"]),
            (Version::V2, "ph" | "sc" | "sm") => (Ctx::Opaque, &["id"]),
            (Version::V2, "ec" | "em") => (Ctx::Opaque, &["startRef", "id"]),
            (Version::V2, "cp") => (Ctx::Opaque, &["hex"]),
            _ => return Ctx::Opaque,
        };
        if let Some(c) = self.capture.as_mut() {
            c.content.codes.push(xml::code(tag, keys));
        }
        ctx
    }

    fn text(&mut self, push: impl FnOnce(&mut Content)) {
        match self.stack.last() {
            Some(Ctx::Source | Ctx::Target | Ctx::TextInline) => {
                if let Some(c) = self.capture.as_mut() {
                    push(&mut c.content);
                }
            }
            Some(Ctx::Note) => {
                if let Some(n) = self.note.as_mut() {
                    push(n);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, start: usize) {
        match self.stack.pop() {
            Some(Ctx::Source | Ctx::Target) => {
                if let (Some(c), Some(seg)) = (self.capture.take(), self.seg.as_mut()) {
                    if c.target {
                        let end = if c.empty { c.start } else { start };
                        seg.target = Some(TargetPart {
                            content: c.content,
                            range: (c.start, end),
                            state: c.state,
                        });
                    } else {
                        seg.source = Some(c.content);
                    }
                }
            }
            Some(Ctx::Note) => {
                if let (Some(n), Some(u)) = (self.note.take(), self.unit.as_mut()) {
                    u.notes.push(n.text);
                }
            }
            Some(Ctx::Segment) => {
                if let (Some(s), Some(u)) = (self.seg.take(), self.unit.as_mut()) {
                    u.segs.push(s);
                }
            }
            Some(Ctx::Unit) => {
                if let Some(mut u) = self.unit.take() {
                    if let Some(s) = self.seg.take() {
                        u.segs.push(s);
                    }
                    self.finish(u);
                }
            }
            _ => {}
        }
    }

    fn finish(&mut self, u: UnitBuilder) {
        let unit_id = u.id.unwrap_or_else(|| self.unit_rank.to_string());
        let several = u.segs.len() > 1;
        for (rank, seg) in u.segs.into_iter().enumerate() {
            let id = if several {
                format!(
                    "{unit_id}/{}",
                    seg.id.unwrap_or_else(|| (rank + 1).to_string())
                )
            } else {
                unit_id.clone()
            };
            let (source, source_codes) = match seg.source {
                Some(c) => (c.text, c.codes),
                None => (String::new(), Vec::new()),
            };
            let mut unit = Unit {
                id,
                line: if several { seg.line } else { u.line },
                source,
                source_codes,
                notes: u.notes.clone(),
                state: UnitState::Untranslated,
                ..Unit::default()
            };
            if let Some(t) = seg.target {
                let empty = t.content.text.is_empty() && t.content.codes.is_empty();
                unit.state = match self.version {
                    _ if empty => UnitState::Untranslated,
                    Version::V1 => state_v1(t.state.as_deref()),
                    Version::V2 => state_v2(seg.state.as_deref()),
                };
                unit.target = t.content.text;
                unit.pieces = t.content.pieces;
                unit.target_codes = t.content.codes;
                unit.target_range = Some(t.range);
            }
            self.file.units.push(unit);
        }
    }
}

/// XLIFF 1.2 `target@state` of a non-empty target.
fn state_v1(state: Option<&str>) -> UnitState {
    match state.map(str::trim) {
        Some("new" | "needs-translation") => UnitState::Untranslated,
        Some(
            "needs-review-translation"
            | "needs-adaptation"
            | "needs-l10n"
            | "needs-review-adaptation"
            | "needs-review-l10n",
        ) => UnitState::Fuzzy,
        _ => UnitState::Translated,
    }
}

/// XLIFF 2.x `segment@state` of a non-empty target: `initial` with a target filled in (by
/// a machine, a copy of the source...) is not yet a translation; no state at all is trusted.
fn state_v2(state: Option<&str>) -> UnitState {
    match state.map(str::trim) {
        Some("initial") => UnitState::Fuzzy,
        _ => UnitState::Translated,
    }
}

/// The XML layer shared by the XLIFF and TMX readers.
pub(super) mod xml {
    use super::super::bilingual::{ParseError, Piece};
    use quick_xml::errors::{Error, IllFormedError, SyntaxError};
    use quick_xml::events::attributes::AttrError;
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::{Reader, XmlVersion};
    use std::borrow::Cow;

    /// Deeper nesting is refused (no real file comes near it).
    pub const MAX_DEPTH: usize = 256;

    /// A start (or empty-element) tag.
    #[derive(Debug, Clone)]
    pub struct Tag<'a> {
        /// Qualified name, as written (`xlf:target`).
        pub name: &'a str,
        /// The tag between `<` and `>` (or `/>`): name and attributes.
        content: &'a str,
        /// Offset of `<` and offset after `>`.
        pub start: usize,
        pub end: usize,
        /// `<name/>`: an `End` at `end` follows.
        pub empty: bool,
    }

    impl<'a> Tag<'a> {
        pub fn local(&self) -> &'a str {
            self.name.split_once(':').map_or(self.name, |(_, l)| l)
        }

        pub fn prefix(&self) -> Option<&'a str> {
            self.name.split_once(':').map(|(p, _)| p)
        }

        /// The decoded value of an attribute (qualified name, `xml:lang`).
        pub fn attr(&self, key: &str) -> Option<String> {
            let tag = BytesStart::from_content(self.content, self.name.len());
            tag.attributes()
                .flatten()
                .find(|a| a.key.as_ref() == key)
                .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
                .map(Cow::into_owned)
        }

        /// All attributes, decoded.
        pub fn attrs(&self) -> Vec<(String, String)> {
            let tag = BytesStart::from_content(self.content, self.name.len());
            tag.attributes()
                .flatten()
                .filter_map(|a| {
                    let v = a.normalized_value(XmlVersion::Implicit1_0).ok()?;
                    Some((a.key.as_ref().to_string(), v.into_owned()))
                })
                .collect()
        }
    }

    /// An event with its file offsets.
    #[derive(Debug)]
    pub enum Ev<'a> {
        Start(Tag<'a>),
        /// End of the innermost open element; `start` is the offset of `</` (for an empty
        /// element, the offset after `/>`).
        End {
            start: usize,
        },
        /// Verbatim text (character data or the content of a CDATA section) at `start`.
        Text {
            raw: &'a str,
            start: usize,
        },
        /// A character or predefined entity reference: `len` bytes at `start` in the file.
        Char {
            ch: char,
            start: usize,
            len: usize,
        },
        Eof,
    }

    /// A strict streaming XML tokenizer with file offsets. Refuses what quick-xml lets pass
    /// but a conforming parser would not: unclosed elements at the end, text or a second
    /// element outside the root, undefined entities, bad attributes; and nesting deeper than
    /// `MAX_DEPTH`. Comments, processing instructions and the DOCTYPE are skipped (the DOCTYPE
    /// is never read: its entities stay undefined).
    pub struct XmlReader<'a> {
        reader: Reader<&'a [u8]>,
        text: &'a str,
        /// Length of the BOM, stripped before quick-xml sees the text.
        base: usize,
        /// Open elements: name and offset of `<`.
        open: Vec<(&'a str, usize)>,
        root_seen: bool,
        pending_end: Option<usize>,
        done: bool,
    }

    impl<'a> XmlReader<'a> {
        pub fn new(text: &'a str) -> XmlReader<'a> {
            let base = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
            let mut reader = Reader::from_str(&text[base..]);
            let config = reader.config_mut();
            config.trim_text(false);
            config.check_end_names = true;
            config.expand_empty_elements = false;
            XmlReader {
                reader,
                text,
                base,
                open: Vec::new(),
                root_seen: false,
                pending_end: None,
                done: false,
            }
        }

        /// An error at a file offset.
        pub fn error(&self, offset: usize, message: impl Into<String>) -> ParseError {
            ParseError::at(self.text, offset, message)
        }

        fn malformed(&self, offset: usize, detail: impl std::fmt::Display) -> ParseError {
            self.error(offset, format!("XML mal formé : {detail}"))
        }

        pub fn next(&mut self) -> Result<Ev<'a>, ParseError> {
            loop {
                if let Some(start) = self.pending_end.take() {
                    return Ok(Ev::End { start });
                }
                if self.done {
                    return Ok(Ev::Eof);
                }
                if !self.root_seen
                    && self.reader.buffer_position() == 0
                    && self.text[self.base..].starts_with('\u{FEFF}')
                {
                    // quick-xml would strip a second BOM without counting it.
                    self.done = true;
                    return Err(self.malformed(self.base, "du texte avant l'élément racine"));
                }
                let pos = self.base + self.reader.buffer_position() as usize;
                let event = match self.reader.read_event() {
                    Ok(e) => e,
                    Err(e) => {
                        self.done = true;
                        let at = self.base + self.reader.error_position() as usize;
                        return Err(self.malformed(at, describe(&e)));
                    }
                };
                let end = self.base + self.reader.buffer_position() as usize;
                let empty = matches!(event, Event::Empty(_));
                match event {
                    Event::Start(e) | Event::Empty(e) => {
                        let name_len = e.name().as_ref().len();
                        let content_end = end.saturating_sub(if empty { 2 } else { 1 });
                        let (Some(name), Some(content)) = (
                            self.text.get(pos + 1..pos + 1 + name_len),
                            self.text.get(pos + 1..content_end.max(pos + 1)),
                        ) else {
                            return Err(self.malformed(pos, "balise illisible"));
                        };
                        if !valid_name(name) {
                            return Err(
                                self.malformed(pos, format!("nom d'élément invalide « {name} »"))
                            );
                        }
                        self.check_attributes(&e, pos)?;
                        if self.open.is_empty() && self.root_seen {
                            return Err(
                                self.malformed(pos, format!("second élément racine <{name}>"))
                            );
                        }
                        if self.open.len() >= MAX_DEPTH {
                            return Err(self.error(
                                pos,
                                format!("imbrication trop profonde : plus de {MAX_DEPTH} éléments emboîtés"),
                            ));
                        }
                        self.root_seen = true;
                        if empty {
                            self.pending_end = Some(end);
                        } else {
                            self.open.push((name, pos));
                        }
                        return Ok(Ev::Start(Tag {
                            name,
                            content,
                            start: pos,
                            end,
                            empty,
                        }));
                    }
                    Event::End(_) => {
                        if self.open.pop().is_none() {
                            return Err(self.malformed(pos, "balise fermante sans balise ouvrante"));
                        }
                        return Ok(Ev::End { start: pos });
                    }
                    Event::Text(_) => {
                        let raw = self.text.get(pos..end).unwrap_or("");
                        if self.open.is_empty() {
                            if let Some(i) =
                                raw.find(|c: char| !matches!(c, ' ' | '\t' | '\r' | '\n'))
                            {
                                return Err(self.outside_root(pos + i));
                            }
                            continue;
                        }
                        return Ok(Ev::Text { raw, start: pos });
                    }
                    Event::CData(_) => {
                        if self.open.is_empty() {
                            return Err(self.outside_root(pos));
                        }
                        let raw = self.text.get(pos + 9..end.saturating_sub(3)).unwrap_or("");
                        return Ok(Ev::Text {
                            raw,
                            start: pos + 9,
                        });
                    }
                    Event::GeneralRef(r) => {
                        let written = self.text.get(pos..end).unwrap_or("");
                        let ch = if r.is_char_ref() {
                            match r.resolve_char_ref() {
                                Ok(Some(ch)) => ch,
                                _ => {
                                    return Err(self.malformed(
                                        pos,
                                        format!("référence de caractère invalide « {written} »"),
                                    ));
                                }
                            }
                        } else {
                            match quick_xml::escape::resolve_predefined_entity(&r)
                                .and_then(|s| s.chars().next())
                            {
                                Some(ch) => ch,
                                None => {
                                    return Err(self.malformed(
                                        pos,
                                        format!(
                                            "entité inconnue « {written} » (seules &amp; &lt; &gt; &quot; &apos; et les références &#…; sont lues ; les DTD ne le sont jamais)"
                                        ),
                                    ));
                                }
                            }
                        };
                        if self.open.is_empty() {
                            return Err(self.outside_root(pos));
                        }
                        return Ok(Ev::Char {
                            ch,
                            start: pos,
                            len: end - pos,
                        });
                    }
                    Event::Eof => {
                        self.done = true;
                        if let Some(&(name, start)) = self.open.last() {
                            return Err(
                                self.malformed(start, format!("balise <{name}> non fermée"))
                            );
                        }
                        if !self.root_seen {
                            return Err(self.malformed(self.text.len(), "aucun élément racine"));
                        }
                        return Ok(Ev::Eof);
                    }
                    Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
                }
            }
        }

        fn outside_root(&mut self, at: usize) -> ParseError {
            self.done = true;
            if self.root_seen {
                self.malformed(at, "du texte après l'élément racine")
            } else {
                self.malformed(at, "du texte avant l'élément racine")
            }
        }

        fn check_attributes(&self, e: &BytesStart, pos: usize) -> Result<(), ParseError> {
            for a in e.attributes() {
                let a = match a {
                    Ok(a) => a,
                    Err(err) => {
                        let (p, what) = match err {
                            AttrError::ExpectedEq(p) => (p, "attribut sans « = »"),
                            AttrError::ExpectedValue(p) => (p, "attribut sans valeur"),
                            AttrError::UnquotedValue(p) => (p, "valeur d'attribut sans guillemets"),
                            AttrError::ExpectedQuote(p, _) => (p, "valeur d'attribut non fermée"),
                            AttrError::Duplicated(p, _) => (p, "attribut en double"),
                        };
                        return Err(self.malformed(pos + 1 + p, what));
                    }
                };
                if a.normalized_value(XmlVersion::Implicit1_0).is_err() {
                    return Err(self.malformed(
                        pos,
                        format!(
                            "valeur de l'attribut « {} » illisible (entité inconnue ou « & » seul)",
                            a.key.as_ref()
                        ),
                    ));
                }
            }
            Ok(())
        }
    }

    fn valid_name(name: &str) -> bool {
        let mut chars = name.chars();
        match chars.next() {
            Some(c) if c.is_alphabetic() || c == '_' || c == ':' || !c.is_ascii() => {}
            _ => return false,
        }
        chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.') || !c.is_ascii())
    }

    /// A quick-xml error, in French.
    fn describe(e: &Error) -> String {
        match e {
            Error::Syntax(s) => match s {
                SyntaxError::InvalidBangMarkup => {
                    "balisage « <! » inconnu (commentaire, CDATA ou DOCTYPE attendu)"
                }
                SyntaxError::UnclosedPI => {
                    "instruction de traitement non fermée : « ?> » introuvable"
                }
                SyntaxError::UnclosedXmlDecl => "déclaration XML non fermée : « ?> » introuvable",
                SyntaxError::UnclosedComment => "commentaire non fermé : « --> » introuvable",
                SyntaxError::UnclosedDoctype => "DOCTYPE non fermé : « > » introuvable",
                SyntaxError::UnclosedCData => "section CDATA non fermée : « ]]> » introuvable",
                SyntaxError::UnclosedTag => "balise non fermée : « > » introuvable",
                SyntaxError::UnclosedSingleQuotedAttributeValue => {
                    "valeur d'attribut non fermée : « ' » introuvable"
                }
                SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                    "valeur d'attribut non fermée : « \" » introuvable"
                }
            }
            .to_string(),
            Error::IllFormed(i) => match i {
                IllFormedError::MissingDeclVersion(_) => {
                    "déclaration XML sans attribut « version »".to_string()
                }
                IllFormedError::UnknownVersion => {
                    "version XML inconnue (1.0 ou 1.1 attendue)".to_string()
                }
                IllFormedError::MissingDoctypeName => "DOCTYPE sans nom".to_string(),
                IllFormedError::MissingEndTag(t) => format!("balise <{t}> non fermée"),
                IllFormedError::UnmatchedEndTag(t) => {
                    format!("balise fermante </{t}> sans balise ouvrante")
                }
                IllFormedError::MismatchedEndTag { expected, found } => {
                    format!("</{found}> trouvé là où </{expected}> était attendu")
                }
                IllFormedError::DoubleHyphenInComment => {
                    "« -- » interdit dans un commentaire".to_string()
                }
                IllFormedError::UnclosedReference => {
                    "« & » sans « ; » (une esperluette s'écrit « &amp; »)".to_string()
                }
            },
            other => format!("erreur de lecture ({other})"),
        }
    }

    /// Decoded text read from an element, the map of its pieces to the file, and the codes of
    /// its inline markup.
    #[derive(Debug, Default)]
    pub struct Content {
        pub text: String,
        pub pieces: Vec<Piece>,
        pub codes: Vec<String>,
    }

    impl Content {
        /// Verbatim text at `file`. Line ends are normalised as XML requires (`\r\n` and a
        /// lone `\r` become `\n`), and each line end is its own piece, so that the mask keeps
        /// the lines of a multi-line target visible.
        pub fn push_raw(&mut self, raw: &str, file: usize) {
            let bytes = raw.as_bytes();
            let mut run = 0;
            let mut i = 0;
            while i < bytes.len() {
                let len = match bytes[i] {
                    b'\n' => 1,
                    b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
                    b'\r' => 1,
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                self.piece(&raw[run..i], file + run, i - run);
                self.piece("\n", file + i, len);
                i += len;
                run = i;
            }
            self.piece(&raw[run..], file + run, bytes.len() - run);
        }

        /// A character written as a reference of `file_len` bytes at `file`.
        pub fn push_char(&mut self, ch: char, file: usize, file_len: usize) {
            let mut buf = [0u8; 4];
            self.piece(ch.encode_utf8(&mut buf), file, file_len);
        }

        fn piece(&mut self, s: &str, file: usize, file_len: usize) {
            if s.is_empty() {
                return;
            }
            self.pieces.push(Piece {
                decoded: self.text.len(),
                decoded_len: s.len(),
                file,
                file_len,
            });
            self.text.push_str(s);
        }
    }

    /// The comparable code of an inline element: `<name id>` with the first of `keys` it has.
    pub fn code(tag: &Tag, keys: &[&str]) -> String {
        match keys.iter().find_map(|k| tag.attr(k)) {
            Some(id) => format!("<{} {id}>", tag.local()),
            None => format!("<{}>", tag.local()),
        }
    }

    /// Line numbers of increasing offsets, in linear time over the file.
    pub struct Lines<'a> {
        text: &'a str,
        pos: usize,
        line: usize,
    }

    impl<'a> Lines<'a> {
        pub fn new(text: &'a str) -> Lines<'a> {
            Lines {
                text,
                pos: 0,
                line: 1,
            }
        }

        /// The 1-based line of `offset`.
        pub fn line_at(&mut self, offset: usize) -> usize {
            let offset = offset.min(self.text.len());
            if offset < self.pos {
                self.pos = 0;
                self.line = 1;
            }
            let bytes = &self.text.as_bytes()[self.pos..offset];
            self.line += bytes.iter().filter(|&&b| b == b'\n').count();
            self.pos = offset;
            self.line
        }
    }

    /// Test helpers shared with the TMX reader's tests.
    #[cfg(test)]
    pub mod testing {
        use super::super::super::bilingual::Unit;

        /// How an XML parser reads a piece of the file: a reference, or verbatim text with
        /// its line ends normalised.
        fn decode(s: &str) -> String {
            if let Some(r) = s.strip_prefix('&').and_then(|s| s.strip_suffix(';')) {
                let code = if let Some(h) = r.strip_prefix("#x") {
                    u32::from_str_radix(h, 16).unwrap()
                } else if let Some(d) = r.strip_prefix('#') {
                    d.parse().unwrap()
                } else {
                    return match r {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => panic!("entité inattendue {s}"),
                    }
                    .to_string();
                };
                return char::from_u32(code).unwrap().to_string();
            }
            s.replace("\r\n", "\n").replace('\r', "\n")
        }

        /// Every piece maps exactly: decoding its bytes in the file gives its part of the
        /// target; pieces tile the target in order and lie inside the target range.
        pub fn assert_exact(text: &str, u: &Unit) {
            let mut decoded = 0;
            let mut file = 0;
            for p in &u.pieces {
                assert_eq!(p.decoded, decoded, "pièces contiguës dans {u:?}");
                assert!(p.file >= file, "pièces dans l'ordre du fichier dans {u:?}");
                let in_file = &text[p.file..p.file + p.file_len];
                let in_target = &u.target[p.decoded..p.decoded + p.decoded_len];
                assert_eq!(decode(in_file), in_target, "pièce {p:?} de {u:?}");
                let (s, e) = u.target_range.expect("une cible");
                assert!(
                    s <= p.file && p.file + p.file_len <= e,
                    "pièce {p:?} hors de la cible"
                );
                decoded += p.decoded_len;
                file = p.file + p.file_len;
            }
            assert_eq!(
                decoded,
                u.target.len(),
                "les pièces couvrent la cible de {u:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::bilingual;
    use super::xml::testing::assert_exact;
    use super::*;

    fn units(text: &str) -> Vec<Unit> {
        let f = parse(text).unwrap();
        for u in &f.units {
            if u.target_range.is_some() {
                assert_exact(text, u);
            }
        }
        f.units
    }

    fn err(text: &str) -> ParseError {
        parse(text).unwrap_err()
    }

    const V12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="en-US" target-language="fr-FR" datatype="plaintext">
    <header><note>pas une note d'unité</note></header>
    <body>
      <trans-unit id="t1" approved="no">
        <source>Hello world</source>
        <target state="translated">Bonjour le monde</target>
        <note>relecture: ignorer</note>
      </trans-unit>
      <group id="g">
        <group>
          <trans-unit id="t2">
            <source>Cat</source>
            <seg-source><mrk mtype="seg" mid="1">Cat</mrk></seg-source>
            <target state="needs-review-translation">Chat</target>
            <alt-trans><source>Dog</source><target>Chien</target><note>non</note></alt-trans>
          </trans-unit>
        </group>
      </group>
      <trans-unit id="t3"><source>Missing</source></trans-unit>
      <bin-unit id="b"><bin-source><external-file href="x.png"/></bin-source></bin-unit>
    </body>
  </file>
</xliff>
"#;

    #[test]
    fn xliff_1_2_units() {
        let f = parse(V12).unwrap();
        assert_eq!(f.source_lang.as_deref(), Some("en-US"));
        assert_eq!(f.target_lang.as_deref(), Some("fr-FR"));
        let u = &f.units;
        assert_eq!(u.len(), 3);
        assert_eq!((u[0].id.as_str(), u[0].line), ("t1", 6));
        assert_eq!(u[0].source, "Hello world");
        assert_eq!(u[0].target, "Bonjour le monde");
        assert_eq!(
            u[0].state,
            UnitState::Translated,
            "approved=\"no\" seul ne rend pas fuzzy"
        );
        assert_eq!(u[0].notes, vec!["relecture: ignorer".to_string()]);
        let (s, e) = u[0].target_range.unwrap();
        assert_eq!(&V12[s..e], "Bonjour le monde");
        assert_exact(V12, &u[0]);
        assert_eq!((u[1].id.as_str(), u[1].line), ("t2", 13));
        assert_eq!(u[1].source, "Cat");
        assert_eq!(u[1].target, "Chat", "alt-trans et seg-source ignorés");
        assert_eq!(u[1].state, UnitState::Fuzzy);
        assert!(u[1].notes.is_empty());
        assert_eq!(u[2].id, "t3");
        assert_eq!(u[2].state, UnitState::Untranslated);
        assert_eq!(u[2].target_range, None);
        assert_eq!(u[2].target, "");
    }

    fn one_v12(target: &str) -> Unit {
        let text = format!(
            r#"<xliff version="1.2"><file source-language="en" target-language="fr"><body>
<trans-unit id="u"><source>Some text</source>{target}</trans-unit></body></file></xliff>"#
        );
        let mut u = units(&text);
        assert_eq!(u.len(), 1);
        u.remove(0)
    }

    #[test]
    fn xliff_1_2_states() {
        let cases = [
            ("new", UnitState::Untranslated),
            ("needs-translation", UnitState::Untranslated),
            ("needs-review-translation", UnitState::Fuzzy),
            ("needs-adaptation", UnitState::Fuzzy),
            ("needs-l10n", UnitState::Fuzzy),
            ("needs-review-adaptation", UnitState::Fuzzy),
            ("needs-review-l10n", UnitState::Fuzzy),
            ("translated", UnitState::Translated),
            ("signed-off", UnitState::Translated),
            ("final", UnitState::Translated),
            ("x-custom", UnitState::Translated),
        ];
        for (state, expected) in cases {
            let u = one_v12(&format!(r#"<target state="{state}">Du texte</target>"#));
            assert_eq!(u.state, expected, "{state}");
        }
        assert_eq!(
            one_v12("<target>Du texte</target>").state,
            UnitState::Translated
        );
        assert_eq!(
            one_v12(r#"<target approved="no">Du texte</target>"#).state,
            UnitState::Translated
        );
    }

    #[test]
    fn empty_targets_are_untranslated() {
        let text = r#"<xliff version="1.2"><file><body><trans-unit id="a"><source>x</source><target state="translated"/></trans-unit><trans-unit id="b"><source>y</source><target state="final"></target></trans-unit></body></file></xliff>"#;
        let u = units(text);
        assert_eq!(u[0].state, UnitState::Untranslated);
        let at = text.find("<target state=\"translated\"/>").unwrap();
        assert_eq!(u[0].target_range, Some((at, at)));
        assert_eq!(u[0].file_offset(0), at);
        assert_eq!(u[1].state, UnitState::Untranslated);
        let at = text.find("</target>").unwrap();
        assert_eq!(u[1].target_range, Some((at, at)));
    }

    #[test]
    fn inline_markup_1_2() {
        let u = one_v12(
            r#"<target>Un <g id="1">gras <x id="2"/>lien</g> <bx id="3"/>a<ex id="4"/> <bpt id="5">&lt;b&gt;<sub>note</sub></bpt>b<ept id="6" rid="5">&lt;/b&gt;</ept> <ph id="7">{0}</ph> <it id="8" pos="open">&lt;i&gt;</it><mrk mtype="term" mid="m1">terme</mrk>.</target>"#,
        );
        assert_eq!(u.target, "Un gras lien a b  terme.");
        assert_eq!(
            u.target_codes,
            [
                "<g 1>", "<x 2>", "<bx 3>", "<ex 4>", "<bpt 5>", "<ept 5>", "<ph 7>", "<it 8>",
                "<mrk m1>"
            ]
        );
        assert_eq!(u.state, UnitState::Translated);
        let only_codes = one_v12(r#"<target><x id="1"/></target>"#);
        assert_eq!(only_codes.target, "");
        assert_eq!(only_codes.target_codes, ["<x 1>"]);
        assert_eq!(
            only_codes.state,
            UnitState::Translated,
            "une cible faite de codes n'est pas vide"
        );
    }

    #[test]
    fn source_codes_and_text() {
        let text = r#"<xliff version="1.2"><file><body><trans-unit id="u"><source>Click <g id="1">here</g><x id="2"/> &amp; go</source><target>Cliquez <g id="1">ici</g><x id="2"/> et allez-y</target></trans-unit></body></file></xliff>"#;
        let u = units(text);
        assert_eq!(u[0].source, "Click here & go");
        assert_eq!(u[0].source_codes, ["<g 1>", "<x 2>"]);
        assert_eq!(u[0].target_codes, ["<g 1>", "<x 2>"]);
    }

    #[test]
    fn references_and_cdata_map_exactly() {
        let text = "<xliff version=\"1.2\"><file><body><trans-unit id=\"u\"><source>s</source>\
            <target>A&amp;B &lt;b&gt; &#233;t&#xE9; &quot;x&apos; <![CDATA[<i>&amp;</i>]]> fin</target>\
            </trans-unit></body></file></xliff>";
        let u = units(text);
        assert_eq!(u[0].target, "A&B <b> été \"x' <i>&amp;</i> fin");
        let amp = text.find("&amp;B").unwrap();
        assert!(u[0].pieces.contains(&bilingual::Piece {
            decoded: 1,
            decoded_len: 1,
            file: amp,
            file_len: 5
        }));
        let e = text.find("&#233;").unwrap();
        let p = u[0].pieces.iter().find(|p| p.file == e).unwrap();
        assert_eq!((p.file_len, p.decoded_len), (6, 2));
        let hex = text.find("&#xE9;").unwrap();
        let p = u[0].pieces.iter().find(|p| p.file == hex).unwrap();
        assert_eq!((p.file_len, p.decoded_len), (6, 2));
        // An offset inside a decoded escape maps to its start; a whole escape keeps its span.
        let d = u[0].target.find('é').unwrap();
        assert_eq!(u[0].file_offset(d), e);
        assert_eq!(
            u[0].file_span(d, d + 2),
            crate::diagnostic::Span::new(e, e + 6)
        );
        let cdata = text.find("<i>&amp;").unwrap();
        let d = u[0].target.find("<i>").unwrap();
        assert_eq!(u[0].file_offset(d), cdata, "CDATA verbatim");
        let fin = u[0].target.find("fin").unwrap();
        assert_eq!(
            &text[u[0].file_offset(fin)..u[0].file_offset(fin) + 3],
            "fin"
        );
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{FEFF}<?xml version=\"1.0\"?>\r\n<xliff version=\"1.2\">\r\n<file><body>\r\n\
            <trans-unit id=\"u\">\r\n<source>One\r\ntwo</source>\r\n<target>Un\r\ndeux\rtrois\n</target>\r\n\
            </trans-unit></body></file></xliff>\r\n";
        let u = units(text);
        assert_eq!(u[0].line, 4);
        assert_eq!(u[0].source, "One\ntwo");
        assert_eq!(u[0].target, "Un\ndeux\ntrois\n");
        let deux = text.find("deux").unwrap();
        assert_eq!(u[0].file_offset(3), deux);
        let crlf = text.find("Un\r\n").unwrap() + 2;
        let p = u[0].pieces.iter().find(|p| p.file == crlf).unwrap();
        assert_eq!((p.file_len, p.decoded_len), (2, 1));
        // The mask reveals each line of the target, not the line ends.
        let f = parse(text).unwrap();
        let mask = f.mask(text.len());
        let hidden = |o: usize| mask.ranges().iter().any(|&(s, e, _)| s <= o && o < e);
        assert!(!hidden(deux) && !hidden(crlf - 2) && hidden(crlf) && hidden(0));
        // An error after a BOM is placed in the file.
        let e = err("\u{FEFF}<xliff version=\"1.2\">\n<file></fil>\n</xliff>");
        assert_eq!((e.line, e.column), (2, 7));
    }

    const V20: &str = r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr-CA">
 <file id="f1">
  <notes><note>note de fichier</note></notes>
  <unit id="u1">
   <notes><note category="x">relecture: ok</note><note>deux</note></notes>
   <segment state="translated"><source>Hello <pc id="1">bold</pc><ph id="p1"/>.</source>
     <target>Bonjour <pc id="1">gras</pc><ph id="p1"/>.</target></segment>
  </unit>
  <group id="g"><group id="g2">
  <unit id="u2">
   <originalData><data id="d1">&lt;br/&gt;</data></originalData>
   <segment id="s1" state="initial"><source>One.</source><target></target></segment>
   <ignorable><source> </source><target> </target></ignorable>
   <segment state="initial"><source>Two.</source><target>Deux.</target></segment>
   <segment id="s3" state="final"><source>Three.</source><target>Trois <sc id="1"/>x<ec startRef="1"/><cp hex="0007"/><sm id="m" type="x"/>y<em startRef="m"/><mrk id="k" translate="no">z</mrk></target></segment>
   <segment state="reviewed"><source>Four.</source></segment>
  </unit>
  </group></group>
  <unit id="u3"><segment><source>Five</source><target>Cinq</target></segment></unit>
 </file>
</xliff>"#;

    #[test]
    fn xliff_2_units() {
        let f = parse(V20).unwrap();
        assert_eq!(f.source_lang.as_deref(), Some("en"));
        assert_eq!(f.target_lang.as_deref(), Some("fr-CA"));
        let u: Vec<_> = f
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.target.as_str(), u.state))
            .collect();
        assert_eq!(
            u,
            [
                ("u1", "Bonjour gras.", UnitState::Translated),
                ("u2/s1", "", UnitState::Untranslated),
                ("u2/2", "Deux.", UnitState::Fuzzy),
                ("u2/s3", "Trois xyz", UnitState::Translated),
                ("u2/4", "", UnitState::Untranslated),
                ("u3", "Cinq", UnitState::Translated),
            ]
        );
        let u1 = &f.units[0];
        assert_eq!(u1.line, 5);
        assert_eq!(u1.source, "Hello bold.");
        assert_eq!(u1.source_codes, ["<pc 1>", "<ph p1>"]);
        assert_eq!(u1.target_codes, ["<pc 1>", "<ph p1>"]);
        assert_eq!(u1.notes, ["relecture: ok", "deux"]);
        assert_eq!(f.units[1].line, 13);
        assert_eq!(f.units[1].notes, Vec::<String>::new());
        assert_eq!(
            f.units[3].target_codes,
            [
                "<sc 1>",
                "<ec 1>",
                "<cp 0007>",
                "<sm m>",
                "<em m>",
                "<mrk k>"
            ]
        );
        assert_eq!(f.units[4].target_range, None);
        for u in &f.units {
            if u.target_range.is_some() {
                assert_exact(V20, u);
            }
        }
    }

    #[test]
    fn versions() {
        for v in ["1.0", "1.1", "1.2"] {
            let t = format!(
                r#"<xliff version="{v}"><file><body><trans-unit id="a"><source>s</source><target>c</target></trans-unit></body></file></xliff>"#
            );
            assert_eq!(units(&t).len(), 1, "{v}");
        }
        for v in ["2.0", "2.1", "2.2"] {
            let t = format!(
                r#"<xliff version="{v}" srcLang="en" trgLang="fr"><file id="f"><unit id="a"><segment><source>s</source><target>c</target></segment></unit></file></xliff>"#
            );
            assert_eq!(units(&t).len(), 1, "{v}");
        }
        for bad in [
            r#"<xliff version="3.0"><file/></xliff>"#,
            r#"<xliff version="1.3"/>"#,
            r#"<xliff><file/></xliff>"#,
            r#"<tmx version="1.4"><body/></tmx>"#,
        ] {
            let e = err(bad);
            assert!(
                e.message.starts_with("version XLIFF inconnue"),
                "{bad}: {e}"
            );
            assert_eq!((e.line, e.column), (1, 1));
        }
    }

    #[test]
    fn prefixed_namespace_and_foreign_elements() {
        let text = r#"<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:1.2" xmlns:m="urn:tool" version="1.2"><x:file><x:body>
<x:trans-unit id="a"><m:extra><x:target>non</x:target></m:extra><x:source>s</x:source><x:target>Un <m:tag>caché</m:tag><x:g id="1">oui</x:g></x:target></x:trans-unit>
<m:trans-unit id="b"><x:source>s</x:source></m:trans-unit></x:body></x:file></x:xliff>"#;
        let u = units(text);
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].target, "Un oui");
        assert_eq!(u[0].target_codes, ["<g 1>"]);
    }

    #[test]
    fn missing_ids_use_ranks() {
        let text = r#"<xliff version="2.0"><file><unit><segment><source>a</source></segment></unit><unit><segment><source>b</source></segment><segment><source>c</source></segment></unit></file></xliff>"#;
        let ids: Vec<_> = units(text).into_iter().map(|u| u.id).collect();
        assert_eq!(ids, ["1", "2/1", "2/2"]);
    }

    #[test]
    fn whitespace_is_kept() {
        let u = one_v12("<target>  Deux espaces\t</target>");
        assert_eq!(u.target, "  Deux espaces\t");
    }

    #[test]
    fn malformed_xml_is_placed() {
        let cases: [(&str, (usize, usize), &str); 12] = [
            (
                "<xliff version=\"1.2\">\n<file>\n</body>\n</xliff>",
                (3, 1),
                "</body>",
            ),
            (
                "<xliff version=\"1.2\">\n<file><body>",
                (2, 7),
                "<body> non fermée",
            ),
            (
                "<xliff version=\"1.2\">\n  <file",
                (2, 3),
                "« > » introuvable",
            ),
            (
                "<xliff version=\"1.2\">\n<file>a & b</file></xliff>",
                (2, 9),
                "« & »",
            ),
            (
                "<xliff version=\"1.2\">\n<file>a &nbsp; b</file></xliff>",
                (2, 9),
                "entité inconnue « &nbsp; »",
            ),
            (
                "<xliff version=\"1.2\"><file>&#0;</file></xliff>",
                (1, 28),
                "référence de caractère invalide",
            ),
            (
                "<xliff version=\"1.2\"><file a=\"1\" a=\"2\"/></xliff>",
                (1, 34),
                "attribut en double",
            ),
            (
                "<xliff version=\"1.2\"><file a=1/></xliff>",
                (1, 30),
                "sans guillemets",
            ),
            (
                "<xliff version=\"1.2\"></xliff>\n<xliff/>",
                (2, 1),
                "second élément racine",
            ),
            (
                "<xliff version=\"1.2\"></xliff>\ntexte",
                (2, 1),
                "après l'élément racine",
            ),
            (
                "texte <xliff version=\"1.2\"></xliff>",
                (1, 1),
                "avant l'élément racine",
            ),
            (
                "<xliff version=\"1.2\"><!-- pas fini </xliff>",
                (1, 22),
                "commentaire non fermé",
            ),
        ];
        for (text, place, part) in cases {
            let e = err(text);
            assert!(e.message.starts_with("XML mal formé : "), "{text}: {e}");
            assert!(e.message.contains(part), "{text}: {e}");
            assert_eq!((e.line, e.column), place, "{text}: {e}");
        }
        let e = err("");
        assert!(e.message.starts_with("XML mal formé : "), "{e}");
        let e = err("<xliff version=\"1.2\" a=\"&foo;\"></xliff>");
        assert!(e.message.starts_with("XML mal formé : "), "{e}");
    }

    #[test]
    fn external_entities_are_never_resolved() {
        let doctype = r#"<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY web SYSTEM "http://127.0.0.1:1/x.dtd">
  <!ENTITY % pe SYSTEM "http://127.0.0.1:1/pe.dtd"> %pe;
]>
<xliff version="1.2"><file><body><trans-unit id="a"><source>s</source><target>T</target></trans-unit></body></file></xliff>"#;
        // Declared but unused: the DOCTYPE is skipped, nothing fetched.
        assert_eq!(units(doctype)[0].target, "T");
        // Used: an undefined entity, reported where it is, never expanded.
        let used = doctype.replace("<target>T</target>", "<target>&xxe;</target>");
        let e = err(&used);
        assert!(e.message.contains("entité inconnue « &xxe; »"), "{e}");
        assert_eq!(e.line, 7);
        let internal = "<!DOCTYPE xliff [<!ENTITY nom \"valeur\">]><xliff version=\"1.2\"><file>&nom;</file></xliff>";
        assert!(err(internal).message.contains("entité inconnue"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = |n: usize| {
            format!(
                r#"<xliff version="1.2"><file><body><trans-unit id="a"><source>s</source><target>{}x{}</target></trans-unit></body></file></xliff>"#,
                "<g>".repeat(n),
                "</g>".repeat(n)
            )
        };
        assert_eq!(units(&deep(200))[0].target, "x");
        let e = err(&deep(300));
        assert!(e.message.contains("imbrication trop profonde"), "{e}");
        let e = err(&format!(
            "<xliff version=\"1.2\">{}",
            "<g>".repeat(1_000_000)
        ));
        assert!(e.message.contains("imbrication trop profonde"), "{e}");
    }

    /// Inputs that exercise the reader: every prefix of them, and many small mutations, must
    /// give a result or an error, never a panic.
    const SAMPLES: [&str; 3] = [
        V12,
        V20,
        "\u{FEFF}<xliff version=\"1.2\"><file><body><trans-unit id=\"é\"><source>a &amp; b</source><target>é&#233;<![CDATA[x]]>\r\n<g id=\"1\">y</g></target></trans-unit></body></file></xliff>",
    ];

    #[test]
    fn never_panics_on_truncated_input() {
        for s in SAMPLES {
            for (i, _) in s.char_indices() {
                let _ = parse(&s[..i]);
            }
        }
    }

    #[test]
    fn never_panics_on_mutated_input() {
        let alphabet = [
            '<', '>', '/', '&', ';', '#', 'x', '"', '\'', '=', '!', '[', ']', '?', ' ', 'é', '\r',
            '-', ':',
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for s in SAMPLES {
            let chars: Vec<char> = s.chars().collect();
            for _ in 0..3000 {
                let mut m = chars.clone();
                for _ in 0..(1 + next() % 3) {
                    let i = (next() % m.len() as u64) as usize;
                    match next() % 3 {
                        0 => m[i] = alphabet[(next() % alphabet.len() as u64) as usize],
                        1 => {
                            m.remove(i);
                        }
                        _ => m.insert(i, alphabet[(next() % alphabet.len() as u64) as usize]),
                    }
                }
                let text: String = m.into_iter().collect();
                if let Ok(f) = parse(&text) {
                    for u in &f.units {
                        if u.target_range.is_some() {
                            assert_exact(&text, u);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn large_files_parse_whole() {
        // Speed is measured by the benchmarks, not here.
        let unit = r#"<trans-unit id="x"><source>Hello <g id="1">world</g> &amp; more text here</source><target state="translated">Bonjour <g id="1">le monde</g> &amp; encore du texte ici</target><note>n</note></trans-unit>
"#;
        let n = 5_000_000 / unit.len();
        let mut text = String::with_capacity(5_000_100);
        text.push_str(r#"<xliff version="1.2"><file><body>"#);
        for _ in 0..n {
            text.push_str(unit);
        }
        text.push_str("</body></file></xliff>");
        let f = parse(&text).unwrap();
        assert_eq!(f.units.len(), n);
        assert_eq!(f.units[n - 1].line, n);
    }
}
