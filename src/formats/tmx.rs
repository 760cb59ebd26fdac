/*! TMX reader (translation memories, 1.1 to 1.4): each `tu` is a unit whose source is the
variant in the header's source language and whose target is the French variant, so that a
memory exported from any tool can be checked like an XLIFF file. The XML layer (offsets,
strictness, no DTD) is the XLIFF reader's.

Inline markup: `bpt`, `ept`, `it`, `ph`, `ut` are native codes (no text; codes `<bpt 1>` by
their `i` attribute, `<ph 2>` by their `x`); `hi` keeps its content as text (code `<hi x>`);
`sub` inside a code is skipped with it. */

use super::bilingual::{BilingualFile, ParseError, Unit, UnitState};
use super::xliff::xml::{Content, Ev, Lines, Tag, XmlReader};

/// Reads a TMX file.
pub fn parse(text: &str) -> Result<BilingualFile, ParseError> {
    let mut xml = XmlReader::new(text);
    let root = match xml.next()? {
        Ev::Start(tag) => tag,
        _ => {
            return Err(ParseError::at(
                text,
                0,
                "ce fichier n'est pas un TMX : aucun élément <tmx>",
            ));
        }
    };
    if root.name != "tmx" {
        return Err(xml.error(
            root.start,
            format!(
                "ce fichier n'est pas un TMX : l'élément racine est <{}>, pas <tmx>",
                root.name
            ),
        ));
    }
    let mut w = Walker {
        lines: Lines::new(text),
        stack: vec![Ctx::Root],
        srclang: None,
        tu: None,
        tuv: None,
        capture: None,
        note: None,
        rank: 0,
        first_tu: None,
        any_french: false,
        file: BilingualFile::default(),
    };
    loop {
        match xml.next()? {
            Ev::Start(tag) => w.start(&tag),
            Ev::End { start } => w.end(start),
            Ev::Text { raw, start } => w.text(|c| c.push_raw(raw, start)),
            Ev::Char { ch, start, len } => w.text(|c| c.push_char(ch, start, len)),
            Ev::Eof => break,
        }
    }
    if let Some(at) = w.first_tu
        && !w.any_french
    {
        return Err(xml.error(at, "aucune langue cible française (fr) dans le fichier TMX"));
    }
    Ok(w.file)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Root,
    Header,
    Body,
    Tu,
    Tuv,
    Seg,
    Note,
    /// `hi`: its content is text.
    TextInline,
    /// Native code (`bpt`, `ept`, `it`, `ph`, `ut`), `sub`, unknown elements: no text.
    Opaque,
    /// Anything else (`prop`, extra `seg`...): ignored with its content.
    Other,
}

#[derive(Debug)]
struct Tuv {
    lang: Option<String>,
    /// The `seg` content and range.
    seg: Option<(Content, (usize, usize))>,
}

#[derive(Debug, Default)]
struct Tu {
    id: Option<String>,
    line: usize,
    tuvs: Vec<Tuv>,
    notes: Vec<String>,
}

struct Walker<'a> {
    lines: Lines<'a>,
    stack: Vec<Ctx>,
    /// Primary subtag of `header@srclang`, lowercase; `None` for `*all*` or none.
    srclang: Option<String>,
    tu: Option<Tu>,
    tuv: Option<Tuv>,
    /// The `seg` being read: content, start of its content, empty element.
    capture: Option<(Content, usize, bool)>,
    note: Option<Content>,
    rank: usize,
    first_tu: Option<usize>,
    any_french: bool,
    file: BilingualFile,
}

/// The primary subtag of a language tag, lowercase (`fr-CA` → `fr`, `EN_us` → `en`).
fn primary(lang: &str) -> String {
    lang.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

impl Walker<'_> {
    fn start(&mut self, tag: &Tag) {
        let parent = *self.stack.last().unwrap_or(&Ctx::Other);
        let ctx = match (parent, tag.name) {
            (Ctx::Seg | Ctx::TextInline, _) => self.inline(tag),
            (Ctx::Opaque, _) => Ctx::Opaque,
            (Ctx::Root, "header") => Ctx::Header,
            (Ctx::Root, "body") => Ctx::Body,
            (Ctx::Body, "tu") => Ctx::Tu,
            (Ctx::Tu, "tuv") => Ctx::Tuv,
            (Ctx::Tu | Ctx::Tuv, "note") => Ctx::Note,
            (Ctx::Tuv, "seg")
                if self.capture.is_none() && self.tuv.as_ref().is_some_and(|t| t.seg.is_none()) =>
            {
                self.capture = Some((
                    Content::default(),
                    if tag.empty { tag.start } else { tag.end },
                    tag.empty,
                ));
                Ctx::Seg
            }
            _ => Ctx::Other,
        };
        match ctx {
            Ctx::Header if self.srclang.is_none() && self.file.source_lang.is_none() => {
                let lang = tag.attr("srclang").filter(|l| l.trim() != "*all*");
                self.srclang = lang.as_deref().map(primary);
                self.file.source_lang = lang;
            }
            Ctx::Tu => {
                self.rank += 1;
                self.first_tu.get_or_insert(tag.start);
                self.tu = Some(Tu {
                    id: tag.attr("tuid"),
                    line: self.lines.line_at(tag.start),
                    ..Tu::default()
                });
            }
            Ctx::Tuv => {
                self.tuv = Some(Tuv {
                    lang: tag.attr("xml:lang").or_else(|| tag.attr("lang")),
                    seg: None,
                });
            }
            Ctx::Note => self.note = Some(Content::default()),
            _ => {}
        }
        self.stack.push(ctx);
    }

    fn inline(&mut self, tag: &Tag) -> Ctx {
        let (ctx, keys): (Ctx, &[&str]) = match tag.name {
            "hi" => (Ctx::TextInline, &["x"]),
            "bpt" | "ept" => (Ctx::Opaque, &["i", "x"]),
            "it" | "ph" | "ut" => (Ctx::Opaque, &["x"]),
            _ => return Ctx::Opaque,
        };
        if let Some((c, _, _)) = self.capture.as_mut() {
            c.codes.push(super::xliff::xml::code(tag, keys));
        }
        ctx
    }

    fn text(&mut self, push: impl FnOnce(&mut Content)) {
        match self.stack.last() {
            Some(Ctx::Seg | Ctx::TextInline) => {
                if let Some((c, _, _)) = self.capture.as_mut() {
                    push(c);
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
            Some(Ctx::Seg) => {
                if let (Some((c, s, empty)), Some(tuv)) = (self.capture.take(), self.tuv.as_mut()) {
                    tuv.seg = Some((c, (s, if empty { s } else { start })));
                }
            }
            Some(Ctx::Note) => {
                if let (Some(n), Some(tu)) = (self.note.take(), self.tu.as_mut()) {
                    tu.notes.push(n.text);
                }
            }
            Some(Ctx::Tuv) => {
                if let (Some(tuv), Some(tu)) = (self.tuv.take(), self.tu.as_mut()) {
                    tu.tuvs.push(tuv);
                }
            }
            Some(Ctx::Tu) => {
                if let Some(tu) = self.tu.take() {
                    self.finish(tu);
                }
            }
            _ => {}
        }
    }

    fn finish(&mut self, tu: Tu) {
        let lang = |t: &Tuv| t.lang.as_deref().map(primary).unwrap_or_default();
        let target = tu.tuvs.iter().position(|t| lang(t) == "fr");
        let other = |i: usize| Some(i) != target;
        let source = self
            .srclang
            .as_ref()
            .and_then(|src| (0..tu.tuvs.len()).find(|&i| other(i) && &lang(&tu.tuvs[i]) == src))
            .or_else(|| (0..tu.tuvs.len()).find(|&i| other(i) && lang(&tu.tuvs[i]) != "fr"));
        let mut tuvs: Vec<Option<Tuv>> = tu.tuvs.into_iter().map(Some).collect();
        let mut unit = Unit {
            id: tu.id.unwrap_or_else(|| self.rank.to_string()),
            line: tu.line,
            notes: tu.notes,
            state: UnitState::Untranslated,
            ..Unit::default()
        };
        if let Some((c, _)) = source.and_then(|i| tuvs[i].take()).and_then(|t| t.seg) {
            unit.source = c.text;
            unit.source_codes = c.codes;
        }
        if let Some(t) = target.and_then(|i| tuvs[i].take()) {
            self.any_french = true;
            if self.file.target_lang.is_none() {
                self.file.target_lang = t.lang.clone();
            }
            if let Some((c, range)) = t.seg {
                if !c.text.is_empty() || !c.codes.is_empty() {
                    unit.state = UnitState::Translated;
                }
                unit.target = c.text;
                unit.pieces = c.pieces;
                unit.target_codes = c.codes;
                unit.target_range = Some(range);
            }
        }
        self.file.units.push(unit);
    }
}

#[cfg(test)]
mod tests {
    use super::super::xliff::xml::testing::assert_exact;
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

    const TMX14: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-US" datatype="plaintext">
    <prop type="x">y</prop>
  </header>
  <body>
    <tu tuid="hello">
      <note>relecture: ok</note>
      <tuv xml:lang="de-DE"><seg>Hallo Welt</seg></tuv>
      <tuv xml:lang="en-US"><seg>Hello world</seg></tuv>
      <tuv xml:lang="fr-FR"><prop type="x">z</prop><seg>Bonjour le monde</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="EN"><seg>Cat &amp; dog</seg></tuv>
      <tuv xml:lang="fr-CA"><seg>Chat &amp; chien</seg><note>tuv note</note></tuv>
    </tu>
    <tu tuid="no-fr">
      <tuv xml:lang="en-US"><seg>Alone</seg></tuv>
    </tu>
    <tu tuid="empty">
      <tuv xml:lang="en-US"><seg>Empty</seg></tuv>
      <tuv xml:lang="fr-FR"><seg/></tuv>
    </tu>
  </body>
</tmx>
"#;

    #[test]
    fn tmx_1_4_units() {
        let f = parse(TMX14).unwrap();
        assert_eq!(f.source_lang.as_deref(), Some("en-US"));
        assert_eq!(f.target_lang.as_deref(), Some("fr-FR"));
        let u = &f.units;
        assert_eq!(u.len(), 4);
        assert_eq!((u[0].id.as_str(), u[0].line), ("hello", 8));
        assert_eq!(
            u[0].source, "Hello world",
            "la langue source du header, pas la première"
        );
        assert_eq!(u[0].target, "Bonjour le monde");
        assert_eq!(u[0].state, UnitState::Translated);
        assert_eq!(u[0].notes, ["relecture: ok"]);
        let (s, e) = u[0].target_range.unwrap();
        assert_eq!(&TMX14[s..e], "Bonjour le monde");
        assert_eq!(
            (u[1].id.as_str(), u[1].line),
            ("2", 14),
            "le rang du tu à défaut de tuid"
        );
        assert_eq!(u[1].source, "Cat & dog");
        assert_eq!(u[1].target, "Chat & chien");
        assert_eq!(u[1].notes, ["tuv note"]);
        assert_eq!(u[2].state, UnitState::Untranslated);
        assert_eq!(u[2].target_range, None);
        assert_eq!(u[2].source, "Alone");
        assert_eq!(u[3].state, UnitState::Untranslated);
        let at = TMX14.find("<seg/>").unwrap();
        assert_eq!(u[3].target_range, Some((at, at)));
        for u in u {
            if u.target_range.is_some() {
                assert_exact(TMX14, u);
            }
        }
    }

    #[test]
    fn srclang_all_takes_the_first_non_french_variant() {
        let text = r#"<tmx version="1.4"><header srclang="*all*"/><body>
<tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="es"><seg>Hola</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>
</body></tmx>"#;
        let f = parse(text).unwrap();
        assert_eq!(f.source_lang, None);
        assert_eq!(
            (f.units[0].source.as_str(), f.units[0].target.as_str()),
            ("Hola", "Bonjour")
        );
        // A source language no variant has: the first non-French one.
        let text = text.replace("*all*", "ja");
        assert_eq!(units(&text)[0].source, "Hola");
    }

    #[test]
    fn tmx_1_1_lang_attribute() {
        let text = r#"<tmx version="1.1"><header srclang="EN"/><body>
<tu><tuv lang="EN-GB"><seg>Colour</seg></tuv><tuv lang="FR-FR"><seg>Couleur</seg></tuv></tu>
</body></tmx>"#;
        let u = units(text);
        assert_eq!(
            (u[0].source.as_str(), u[0].target.as_str()),
            ("Colour", "Couleur")
        );
    }

    #[test]
    fn inline_codes() {
        let text = r#"<tmx version="1.4"><header srclang="en"/><body><tu>
<tuv xml:lang="en"><seg>A <bpt i="1" x="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept> <ph x="2">{0}</ph><it pos="begin" x="3">&lt;i&gt;</it><ut x="4">\par</ut><hi x="5" type="t">term</hi>.</seg></tuv>
<tuv xml:lang="fr"><seg>Un <bpt i="1" x="1">&lt;b<sub>note</sub>&gt;</bpt>gras<ept i="1">&lt;/b&gt;</ept> <ph x="2">{0}</ph><it pos="begin" x="3">&lt;i&gt;</it><ut x="4">\par</ut><hi x="5">terme</hi>.</seg></tuv>
</tu></body></tmx>"#;
        let u = units(text);
        assert_eq!(u[0].source, "A bold term.");
        assert_eq!(u[0].target, "Un gras terme.");
        let codes = ["<bpt 1>", "<ept 1>", "<ph 2>", "<it 3>", "<ut 4>", "<hi 5>"];
        assert_eq!(u[0].source_codes, codes);
        assert_eq!(u[0].target_codes, codes);
    }

    #[test]
    fn references_cdata_crlf_bom() {
        let text = "\u{FEFF}<tmx version=\"1.4\">\r\n<header srclang=\"en\"/>\r\n<body>\r\n<tu>\r\n\
            <tuv xml:lang=\"en\"><seg>x</seg></tuv>\r\n\
            <tuv xml:lang=\"fr\"><seg>&#xE9;t&#233; &lt;<![CDATA[a&b]]>\r\nligne</seg></tuv>\r\n</tu>\r\n</body>\r\n</tmx>\r\n";
        let u = units(text);
        assert_eq!(u[0].line, 4);
        assert_eq!(u[0].target, "été <a&b\nligne");
        let ligne = text.find("ligne").unwrap();
        assert_eq!(u[0].file_offset(u[0].target.find("ligne").unwrap()), ligne);
    }

    #[test]
    fn no_french_at_all_is_an_error() {
        let text = "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"de\"><seg>b</seg></tuv></tu></body></tmx>";
        let e = parse(text).unwrap_err();
        assert_eq!(
            e.message,
            "aucune langue cible française (fr) dans le fichier TMX"
        );
        assert_eq!((e.line, e.column), (2, 1));
        // An empty memory has nothing to check, and is no error.
        assert!(
            parse("<tmx version=\"1.4\"><header srclang=\"en\"/><body/></tmx>")
                .unwrap()
                .units
                .is_empty()
        );
    }

    #[test]
    fn not_a_tmx() {
        let e = parse("<xliff version=\"1.2\"/>").unwrap_err();
        assert!(e.message.starts_with("ce fichier n'est pas un TMX"), "{e}");
    }

    #[test]
    fn malformed_xml_is_placed() {
        let cases: [(&str, (usize, usize), &str); 4] = [
            ("<tmx>\n<body>\n<tu></tuv>\n</body></tmx>", (3, 5), "</tuv>"),
            ("<tmx>\n<body><tu>", (2, 7), "<tu> non fermée"),
            (
                "<tmx><body>\n<tu><tuv xml:lang=\"fr\"><seg>&eacute;</seg></tuv></tu></body></tmx>",
                (2, 29),
                "entité inconnue",
            ),
            (
                "<tmx><body><tu tuid=\"a></body></tmx>",
                (1, 12),
                "introuvable",
            ),
        ];
        for (text, place, part) in cases {
            let e = parse(text).unwrap_err();
            assert!(e.message.starts_with("XML mal formé : "), "{text}: {e}");
            assert!(e.message.contains(part), "{text}: {e}");
            assert_eq!((e.line, e.column), place, "{text}: {e}");
        }
    }

    #[test]
    fn external_entities_are_never_resolved() {
        let text = r#"<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="fr"><seg>&xxe;</seg></tuv></tu></body></tmx>"#;
        let e = parse(text).unwrap_err();
        assert!(e.message.contains("entité inconnue « &xxe; »"), "{e}");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!(
            r#"<tmx version="1.4"><body><tu><tuv xml:lang="fr"><seg>{}</seg></tuv></tu></body></tmx>"#,
            "<hi>".repeat(100_000)
        );
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("imbrication trop profonde"), "{e}");
    }

    #[test]
    fn never_panics_on_truncated_input() {
        for (i, _) in TMX14.char_indices() {
            if let Ok(f) = parse(&TMX14[..i]) {
                for u in &f.units {
                    if u.target_range.is_some() {
                        assert_exact(&TMX14[..i], u);
                    }
                }
            }
        }
    }

    #[test]
    fn large_memories_parse_whole() {
        // Speed is measured by the benchmarks, not here.
        let tu = "<tu><tuv xml:lang=\"en\"><seg>Hello &amp; <ph x=\"1\"/>world</seg></tuv><tuv xml:lang=\"fr\"><seg>Bonjour &amp; <ph x=\"1\"/>le monde</seg></tuv></tu>\n";
        let n = 2_000_000 / tu.len();
        let mut text = String::from("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n");
        for _ in 0..n {
            text.push_str(tu);
        }
        text.push_str("</body></tmx>");
        let f = parse(&text).unwrap();
        assert_eq!(f.units.len(), n);
    }
}
