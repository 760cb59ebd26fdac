/*! TBX termbases (ISO 30042), the exchange format of terminology tools, in both dialects:
TBX v3 (`<tbx>`: `conceptEntry` / `langSec` / `termSec` / `term`, DCA or DCT style) and
TBX v2 / TBX-Basic (`<martif>`: `termEntry` / `langSet` / `tig` or `ntig`/`termGrp` / `term`).

Each concept becomes one `Term`: its English terms are the sources, its French terms the
approved or forbidden renderings according to their administrative status
(`administrativeStatus` or `normativeAuthorization`). The reader is one streaming pass over
quick-xml events: no DTD and no external entity is ever read, nesting is limited to
[`MAX_DEPTH`], time is linear in the size of the file. */

use super::model::*;
use super::{GlossaryError, Terms};
use crate::diagnostic::Severity;
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::sync::Arc;

/// The ids given so far (a fast hasher: a termbase has 100,000 of them).
type IdSet = std::collections::HashSet<String, foldhash::fast::FixedState>;

/// Deepest element nesting accepted; a termbase needs about ten levels.
pub const MAX_DEPTH: usize = 256;

/// Reason given to a French term marked `deprecatedTerm` (followed by its notes, if any).
pub const DEPRECATED_REASON: &str = "terme déconseillé par la base terminologique";
/// Reason given to a French term marked `supersededTerm` (followed by its notes, if any).
pub const SUPERSEDED_REASON: &str = "terme remplacé (superseded)";

/// What the reader did with the concepts of a termbase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TbxStats {
    /// Concept entries read.
    pub concepts: usize,
    /// Concepts turned into terms.
    pub terms: usize,
    /// Concepts skipped because they have no French term.
    pub without_french: usize,
    /// Concepts skipped because all their French terms are deprecated or superseded.
    pub without_approved: usize,
}

/// Parses a TBX termbase. `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Glossary, GlossaryError> {
    parse_with_stats(file, text).map(|(g, _)| g)
}

/// Parses a TBX termbase and tells how many concepts were kept and skipped.
///
/// A large termbase is read in two halves at once (see [`parse_split`]); the result is
/// always that of one pass from the start, errors included.
pub fn parse_with_stats(file: &str, text: &str) -> Result<(Glossary, TbxStats), GlossaryError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: Arc<str> = Arc::from(file);
    if text.len() >= SPLIT_FROM
        && rayon::current_num_threads() > 1
        && let Some((parsed, _)) = parse_split(&file, text)
    {
        return parsed;
    }
    parse_one_pass(file, text)
}

/// Parses a termbase in one pass from the start.
fn parse_one_pass(file: Arc<str>, text: &str) -> Result<(Glossary, TbxStats), GlossaryError> {
    let mut p = Parser::new(file, text);
    p.run()?;
    p.finish()
}

/// Size from which a termbase is read in two halves on two threads (below it, starting a
/// second thread and reading the head twice cost more than they save).
const SPLIT_FROM: usize = 1 << 20;

/// Reads a termbase in two halves at once, the second starting at a concept entry near
/// the middle, and gives exactly what one pass from the start gives; `None` where the
/// termbase has no such entry (then the caller reads it in one pass). With the result
/// comes how the first half ended: `Stopped` when the halves were joined, `ToEnd` when the
/// guess did not hold and it was read in one pass.
///
/// The halves cannot know what precedes them, so the second is read on a guess and the
/// guess is checked:
///
/// 1. The head of the file is read up to the first concept entry: the elements then open
///    (`<tbx>`, `<text>`, `<body>`, say) are the guess of what is open around every concept
///    entry. The split point is the first `<conceptEntry` (the same name as that first
///    entry) written at or after the middle.
/// 2. The first half is read from the start, as in one pass; the second half is read from
///    the split point with the guessed elements open (its quick-xml reader, which knows
///    only the elements it opened, lets [`Parser::run`] check the closing tags of the others
///    as quick-xml would have done).
/// 3. When the first half reaches the split point, it checks the guess: an event must
///    start exactly there (the `<conceptEntry` was not inside a comment, a CDATA section or
///    a value), no concept may be open and the open elements must be the guessed ones (the
///    same elements, at the same offsets). Then the state of one pass at that point is the
///    one the second half started from, but for what depends on the concepts before it,
///    which is put right when the halves are joined: the ranks of concepts (offset by the
///    count of the first half), the ids (all given after reading, in order, see
///    [`assign_ids`]), the counts, whether a French section was seen. Otherwise the first
///    half simply goes on to the end, as one pass, and the second half is dropped.
///
/// Errors: one in the first half is the first error of one pass; one in the second half
/// counts only when the guess held, and is then the error one pass would meet first.
type Parsed = Result<(Glossary, TbxStats), GlossaryError>;

fn parse_split(file: &Arc<str>, text: &str) -> Option<(Parsed, Ran)> {
    // 1. The head, up to the first concept entry (an error there is left to one pass).
    let mut head = Parser::new(file.clone(), text);
    head.names = Some(Vec::new());
    head.stop = Stop::FirstConcept;
    if !matches!(head.run(), Ok(Ran::Stopped)) {
        return None;
    }
    let concept = head.stack.pop()?;
    let mut names = head.names.take()?;
    let entry = names.pop()?;
    let split = find_entry(text, &entry, (text.len() / 2).max(concept.at + 1))?;

    let mut first = Parser::new(file.clone(), text);
    first.stop = Stop::At {
        offset: split,
        open: head.stack.iter().map(|f| (f.kind, f.at)).collect(),
    };
    let mut second = Parser::new(file.clone(), text);
    second.base = split;
    second.stack = std::mem::take(&mut head.stack);
    second.outer = names;
    second.root = head.root;
    second.line_offset = split;
    second.line = 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..split]).count();

    // 2. Both halves at once.
    let (ran, second_ran) = rayon::join(|| first.run(), || second.run());
    let ran = match ran {
        Ok(ran) => ran,
        Err(e) => return Some((Err(e), Ran::ToEnd)),
    };
    // 3. The guess did not hold: the first half went on to the end.
    if ran == Ran::ToEnd {
        return Some((first.finish(), ran));
    }
    if let Err(e) = second_ran {
        return Some((Err(e), ran));
    }
    first.join(second);
    Some((first.finish(), ran))
}

/// The offset of the first `<entry` at or after `from` that is followed by a space, `>`
/// or `/` (the start of an element named `entry`, unless it lies in a comment, a CDATA
/// section or a value, which the caller checks).
fn find_entry(text: &str, entry: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let pattern = format!("<{entry}");
    let finder = memchr::memmem::Finder::new(pattern.as_bytes());
    let mut at = from;
    while let Some(i) = finder.find(bytes.get(at..)?) {
        let start = at + i;
        match bytes.get(start + pattern.len()) {
            Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') => return Some(start),
            _ => at = start + 1,
        }
    }
    None
}

/// Gives every kept concept its id, in the order of the file: the id it asks for (made a
/// slug) unless it is empty or taken, else `tbx-RANK`, else `tbx-RANK-2`, `tbx-RANK-3`...
fn assign_ids(terms: &mut Terms, wanted: Vec<WantedId>) {
    let mut ids = IdSet::default();
    ids.reserve(wanted.len());
    for (term, w) in terms.iter_mut().zip(wanted) {
        let mut id = match w.id {
            Some(wanted) if !wanted.is_empty() && !ids.contains(&wanted) => wanted,
            _ => format!("tbx-{}", w.rank),
        };
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("tbx-{}-{n}", w.rank);
            n += 1;
        }
        term.id = id.as_str().into();
        ids.insert(id);
    }
}

/// A kebab-case ASCII identifier from any text: accents dropped, lowercase, every run of
/// other characters turned into one `-`. Empty when the text has no letter or digit.
pub fn slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if text.is_ascii() {
        slug_of(text.chars())
    } else {
        slug_of(text.nfd())
    }
}

fn slug_of(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in chars {
        let ascii = match c {
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            'ß' => "ss",
            'ø' | 'Ø' => "o",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' => "d",
            _ if unicode_normalization::char::is_combining_mark(c) => continue,
            _ if c.is_ascii_alphanumeric() => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => {
                dash = true;
                continue;
            }
        };
        if dash && !out.is_empty() {
            out.push('-');
        }
        dash = false;
        out.push_str(ascii);
    }
    if out.len() > 64 {
        out.truncate(64);
        while out.ends_with('-') {
            out.pop();
        }
    }
    out
}

/// Line and column (1-based, in characters) of a byte offset.
pub(crate) fn place(text: &str, offset: usize) -> (usize, usize) {
    let bytes = &text.as_bytes()[..offset.min(text.len())];
    let line_start = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = bytes[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count()
        + 1;
    (line, column)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    Preferred,
    Admitted,
    Deprecated,
    Superseded,
}

impl Status {
    fn parse(value: &str) -> Option<Status> {
        let v = value.trim();
        let v = v.strip_suffix("-admn-sts").unwrap_or(v);
        let known = [
            ("preferredTerm", Status::Preferred),
            ("standardizedTerm", Status::Preferred),
            ("admittedTerm", Status::Admitted),
            ("legalTerm", Status::Admitted),
            ("regulatedTerm", Status::Admitted),
            ("deprecatedTerm", Status::Deprecated),
            ("supersededTerm", Status::Superseded),
        ];
        known
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(v))
            .map(|&(_, s)| s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Fr,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Root,
    Concept,
    Lang,
    Group,
    Capture,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Term,
    Status,
    Definition,
    Note,
    Subject,
}

struct Frame {
    kind: Kind,
    at: usize,
}

/// Where [`Parser::run`] stops before the end of the file.
enum Stop {
    /// It reads to the end.
    Never,
    /// Once the first concept entry is open (to read the head of a file).
    FirstConcept,
    /// At `offset`, if an event starts there, no concept is open and the open elements are
    /// `open` (their kinds and offsets): the state a second half read from `offset` starts
    /// in (see [`parse_split`]). Otherwise it reads on to the end.
    At {
        offset: usize,
        open: Vec<(Kind, usize)>,
    },
}

/// How [`Parser::run`] ended without error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ran {
    ToEnd,
    Stopped,
}

/// The id a kept concept asks for and its rank, for [`assign_ids`].
struct WantedId {
    id: Option<String>,
    rank: usize,
}

struct Capture {
    field: Field,
    at: usize,
}

struct FrTerm {
    term: Text,
    status: Option<Status>,
    notes: Vec<String>,
}

#[derive(Default)]
struct TermAcc {
    text: Option<Text>,
    status: Option<Status>,
    notes: Vec<String>,
}

struct ConceptAcc {
    id: Option<String>,
    rank: usize,
    line: usize,
    domain: Option<String>,
    notes: Vec<String>,
    fr_notes: Vec<String>,
    en: Vec<Text>,
    fr: Vec<FrTerm>,
}

struct Parser<'a> {
    file: Arc<str>,
    /// The whole text (offsets, lines and columns are counted in it).
    text: &'a str,
    /// Where reading starts in `text`: 0, or the split point of a second half.
    base: usize,
    /// Where reading stops.
    stop: Stop,
    stack: Vec<Frame>,
    /// Names (as written) of the elements a second half found open at its start and that
    /// are still open: the bottom of `stack`. Its reader does not know them, so `run`
    /// checks their closing tags. Empty when reading from the start.
    outer: Vec<String>,
    /// Names of the open elements, kept only while reading the head of a file (`None`
    /// otherwise): they become the `outer` of a second half.
    names: Option<Vec<String>>,
    /// Offset of the root element, once seen.
    root: Option<usize>,
    concept: Option<ConceptAcc>,
    lang: Option<Lang>,
    group: Option<TermAcc>,
    capture: Option<Capture>,
    /// The text of the element being captured (one buffer, reused).
    buf: String,
    saw_french: bool,
    rank: usize,
    /// The id each kept concept asks for, in order (ids are given once all is read).
    wanted: Vec<WantedId>,
    stats: TbxStats,
    glossary: Glossary,
    /// Incremental line count: `line` is the line of byte `line_offset`.
    line_offset: usize,
    line: usize,
}

/// The text with its whitespace runs collapsed into one space, trimmed.
fn collapse(text: &str) -> String {
    if is_collapsed(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `collapse` would give `text` back as it is (as most terms are): no whitespace
/// but single spaces (U+0020) between other characters.
fn is_collapsed(text: &str) -> bool {
    let mut after_space = true; // at the start, as after a space: no space allowed
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space || text.is_empty()
}

/// The text of a term: whitespace runs collapsed; `None` without any letter or digit. A
/// `Text` from the start: most terms are held inline, without an allocation.
fn clean_term(text: &str) -> Option<Text> {
    let t = if is_collapsed(text) {
        Text::from(text)
    } else {
        Text::from(collapse(text))
    };
    t.chars().any(char::is_alphanumeric).then_some(t)
}

fn xml_message(e: &quick_xml::Error) -> String {
    use quick_xml::errors::{IllFormedError as I, SyntaxError as S};
    let what = match e {
        quick_xml::Error::Syntax(s) => match s {
            S::InvalidBangMarkup => "balise « <! » invalide".to_string(),
            S::UnclosedPI | S::UnclosedXmlDecl => {
                "instruction de traitement « <? » non fermée".to_string()
            }
            S::UnclosedComment => "commentaire « <!-- » non fermé".to_string(),
            S::UnclosedDoctype => "déclaration « <!DOCTYPE » non fermée".to_string(),
            S::UnclosedCData => "section « <![CDATA[ » non fermée".to_string(),
            S::UnclosedTag => "balise non fermée (« > » manquant)".to_string(),
            S::UnclosedSingleQuotedAttributeValue | S::UnclosedDoubleQuotedAttributeValue => {
                "valeur d'attribut non fermée".to_string()
            }
        },
        quick_xml::Error::IllFormed(i) => match i {
            I::MismatchedEndTag { expected, found } => {
                format!("balise fermante </{found}> inattendue : </{expected}> attendue")
            }
            I::UnmatchedEndTag(t) => format!("balise fermante </{t}> sans balise ouvrante"),
            I::MissingEndTag(t) => format!("l'élément <{t}> n'est jamais fermé"),
            I::UnclosedReference => "référence d'entité non terminée (« ; » manquant)".to_string(),
            I::MissingDeclVersion(_) | I::UnknownVersion => {
                "déclaration XML sans version 1.0 ou 1.1".to_string()
            }
            I::MissingDoctypeName => "déclaration <!DOCTYPE> sans nom".to_string(),
            other => other.to_string(),
        },
        other => other.to_string(),
    };
    format!("XML mal formé : {what}")
}

fn attr_offset(e: &AttrError) -> usize {
    match *e {
        AttrError::ExpectedEq(p)
        | AttrError::ExpectedValue(p)
        | AttrError::UnquotedValue(p)
        | AttrError::ExpectedQuote(p, _)
        | AttrError::Duplicated(p, _) => p,
    }
}

fn attr_message(e: &AttrError) -> String {
    let what = match e {
        AttrError::ExpectedEq(_) => "attribut sans « = »",
        AttrError::ExpectedValue(_) => "attribut sans valeur après « = »",
        AttrError::UnquotedValue(_) => "valeur d'attribut sans guillemets",
        AttrError::ExpectedQuote(..) => "valeur d'attribut non fermée",
        AttrError::Duplicated(..) => "attribut en double",
    };
    format!("XML mal formé : {what}")
}

impl<'a> Parser<'a> {
    fn new(file: Arc<str>, text: &'a str) -> Parser<'a> {
        Parser {
            file,
            text,
            base: 0,
            stop: Stop::Never,
            stack: Vec::new(),
            outer: Vec::new(),
            names: None,
            root: None,
            concept: None,
            lang: None,
            group: None,
            capture: None,
            buf: String::new(),
            saw_french: false,
            rank: 0,
            wanted: Vec::new(),
            stats: TbxStats::default(),
            glossary: Glossary::default(),
            line_offset: 0,
            line: 1,
        }
    }

    /// The glossary and counts, once the whole file is read: the last check (a French
    /// section), then the ids.
    fn finish(mut self) -> Result<(Glossary, TbxStats), GlossaryError> {
        if !self.saw_french {
            let root = self.root.unwrap_or(0);
            return Err(self.err(root, "aucune section française (fr) dans la base TBX"));
        }
        assign_ids(&mut self.glossary.terms, self.wanted);
        Ok((self.glossary, self.stats))
    }

    /// Takes in what `second`, the second half of the file, read (this is the first half,
    /// stopped where the second started).
    fn join(&mut self, second: Parser) {
        let s = second.stats;
        self.stats.concepts += s.concepts;
        self.stats.terms += s.terms;
        self.stats.without_french += s.without_french;
        self.stats.without_approved += s.without_approved;
        self.saw_french |= second.saw_french;
        let before = self.rank;
        self.wanted
            .extend(second.wanted.into_iter().map(|w| WantedId {
                id: w.id,
                rank: before + w.rank,
            }));
        self.rank += second.rank;
        self.glossary.terms.append(second.glossary.terms);
    }

    /// Whether the state at `at`, where a first half meets its `Stop::At`, is the one the
    /// second half started from. Checked once: either way, the first half stops checking.
    fn at_split(&mut self, at: usize) -> bool {
        let Stop::At { offset, open } = std::mem::replace(&mut self.stop, Stop::Never) else {
            return false;
        };
        at == offset
            && self.concept.is_none()
            && self.lang.is_none()
            && self.group.is_none()
            && self.capture.is_none()
            && self.stack.len() == open.len()
            && self
                .stack
                .iter()
                .zip(&open)
                .all(|(f, &(kind, at))| f.kind == kind && f.at == at)
    }

    fn push(&mut self, frame: Frame, name: &str) {
        if let Some(names) = &mut self.names {
            names.push(name.to_string());
        }
        self.stack.push(frame);
    }

    fn err(&self, at: usize, message: impl Into<String>) -> GlossaryError {
        let (line, column) = place(self.text, at);
        GlossaryError {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    /// Line of `at`, counted from the previous call (offsets only grow): linear overall.
    fn line_of(&mut self, at: usize) -> usize {
        let at = at.min(self.text.len());
        if at >= self.line_offset {
            let bytes = &self.text.as_bytes()[self.line_offset..at];
            self.line += memchr::memchr_iter(b'\n', bytes).count();
            self.line_offset = at;
        }
        self.line
    }

    /// The element name written at `at` (`<name ...`), for messages.
    fn name_at(&self, at: usize) -> &str {
        let rest = self.text.get(at + 1..).unwrap_or("");
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        &rest[..end]
    }

    fn run(&mut self) -> Result<Ran, GlossaryError> {
        let mut reader = Reader::from_str(&self.text[self.base..]);
        // A second half's reader has not seen the `outer` elements open: it must let their
        // closing tags through, and they are checked below.
        reader.config_mut().allow_unmatched_ends = !self.outer.is_empty();
        loop {
            let at = self.base + reader.buffer_position() as usize;
            if let Stop::At { offset, .. } = self.stop
                && at >= offset
                && self.at_split(at)
            {
                return Ok(Ran::Stopped);
            }
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let at = self.base + reader.error_position() as usize;
                    return Err(self.err(at, xml_message(&e)));
                }
            };
            match event {
                Event::Start(e) => {
                    self.open(&e, at)?;
                    if self.stopped_at_concept() {
                        return Ok(Ran::Stopped);
                    }
                }
                Event::Empty(e) => {
                    self.open(&e, at)?;
                    if self.stopped_at_concept() {
                        return Ok(Ran::Stopped);
                    }
                    self.close()?;
                }
                Event::End(e) => {
                    if self.stack.len() == self.outer.len() {
                        self.close_outer(e.name().as_ref(), at)?;
                    }
                    self.close()?;
                }
                Event::Text(t) => {
                    if self.capture.is_some() {
                        self.buf.push_str(&t.xml10_content());
                    }
                }
                Event::CData(t) => {
                    if self.capture.is_some() {
                        self.buf.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if self.capture.is_some() {
                        self.reference(&r, at)?;
                    }
                }
                // Never read: DTDs (internal or external), processing instructions, comments.
                Event::DocType(_) | Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => break,
            }
        }
        if let Some(frame) = self.stack.last() {
            let name = self.name_at(frame.at);
            return Err(self.err(
                frame.at,
                format!("XML mal formé : l'élément <{name}> n'est jamais fermé"),
            ));
        }
        if self.root.is_none() {
            return Err(self.err(0, "XML mal formé : aucun élément racine (fichier vide ?)"));
        }
        Ok(Ran::ToEnd)
    }

    fn stopped_at_concept(&self) -> bool {
        matches!(self.stop, Stop::FirstConcept) && self.concept.is_some()
    }

    /// Checks the closing tag `found`, at `at`, of an element the reader did not see open
    /// (one of the `outer` elements of a second half) as quick-xml checks the others: the
    /// same errors at the same place as in one pass from the start.
    fn close_outer(&mut self, found: &str, at: usize) -> Result<(), GlossaryError> {
        use quick_xml::errors::IllFormedError as I;
        let error = match self.outer.pop() {
            Some(expected) if expected == found => return Ok(()),
            Some(expected) => I::MismatchedEndTag {
                expected,
                found: found.to_string(),
            },
            None => I::UnmatchedEndTag(found.to_string()),
        };
        Err(self.err(at, xml_message(&quick_xml::Error::IllFormed(error))))
    }

    /// Appends the character or predefined entity `r` stands for to the captured text.
    fn reference(&mut self, r: &BytesRef, at: usize) -> Result<(), GlossaryError> {
        match r.resolve_char_ref() {
            Ok(Some(c)) => {
                self.buf.push(c);
                return Ok(());
            }
            Ok(None) => {}
            Err(_) => {
                return Err(self.err(
                    at,
                    format!(
                        "XML mal formé : référence de caractère « &{}; » invalide",
                        &**r
                    ),
                ));
            }
        }
        match quick_xml::escape::resolve_predefined_entity(r) {
            Some(s) => {
                self.buf.push_str(s);
                Ok(())
            }
            None => Err(self.err(
                at,
                format!(
                    "entité « &{}; » inconnue : les entités déclarées dans une DTD ne sont pas lues",
                    &**r
                ),
            )),
        }
    }

    /// The first error quick-xml finds in the attributes of `e`, the element at `at`.
    fn attribute_error(&self, e: &BytesStart, at: usize) -> GlossaryError {
        match e.attributes().find_map(Result::err) {
            Some(err) => self.err(at + 1 + attr_offset(&err), attr_message(&err)),
            // (Never met: `open` calls this only where quick-xml finds an error.)
            None => self.err(at, "XML mal formé : attribut illisible"),
        }
    }

    fn open(&mut self, e: &BytesStart, at: usize) -> Result<(), GlossaryError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.err(
                at,
                format!("XML trop profondément imbriqué (plus de {MAX_DEPTH} niveaux)"),
            ));
        }
        let qname = e.name();
        let local = qname.local_name().into_inner();
        if local.is_empty() {
            return Err(self.err(at, "XML mal formé : nom d'élément manquant après « < »"));
        }
        // Every attribute is checked, whatever the element; only three are read. The check
        // for duplicates is made here, on the stack (quick-xml's allocates a list for every
        // element); at the first attribute that is ill-formed or a duplicate, the attributes
        // are read again with all of quick-xml's checks, whose first error is reported.
        let (mut id, mut lang, mut kind_attr) = (None, None, None);
        let mut attributes = e.attributes();
        attributes.with_checks(false);
        let mut keys: smallvec::SmallVec<[&str; 4]> = smallvec::SmallVec::new();
        for a in attributes {
            let a = match a {
                Ok(a) if !keys.contains(&a.key.0) => a,
                _ => return Err(self.attribute_error(e, at)),
            };
            keys.push(a.key.0);
            let slot = match a.key.as_ref() {
                "id" => &mut id,
                "xml:lang" => &mut lang,
                "type" => &mut kind_attr,
                _ => continue,
            };
            let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(|_| {
                self.err(
                    at,
                    format!(
                        "valeur d'attribut « {} » illisible : seules les entités prédéfinies \
                         (&amp; &lt; &gt; &quot; &apos;) et les références de caractères sont lues",
                        a.key.as_ref()
                    ),
                )
            })?;
            *slot = Some(value);
        }

        if self.stack.is_empty() {
            if self.root.is_some() {
                return Err(self.err(
                    at,
                    format!("XML mal formé : second élément racine <{}>", qname.as_ref()),
                ));
            }
            if local != "tbx" && local != "martif" {
                return Err(self.err(
                    at,
                    format!(
                        "élément racine <{}> inattendu : une base TBX commence par <tbx> (TBX v3) \
                         ou <martif> (TBX v2)",
                        qname.as_ref()
                    ),
                ));
            }
            self.root = Some(at);
            self.push(
                Frame {
                    kind: Kind::Root,
                    at,
                },
                qname.as_ref(),
            );
            return Ok(());
        }

        let typ = kind_attr.as_deref().unwrap_or("");
        let is = |name: &str| typ.eq_ignore_ascii_case(name);
        let field = if self.capture.is_some() || self.concept.is_none() {
            None
        } else {
            match local {
                "term" if self.group.is_some() => Some(Field::Term),
                "termNote"
                    if self.group.is_some()
                        && (is("administrativeStatus") || is("normativeAuthorization")) =>
                {
                    Some(Field::Status)
                }
                "administrativeStatus" | "normativeAuthorization" if self.group.is_some() => {
                    Some(Field::Status)
                }
                "descrip" if is("definition") => Some(Field::Definition),
                "descrip" if is("subjectField") => Some(Field::Subject),
                "definition" => Some(Field::Definition),
                "subjectField" => Some(Field::Subject),
                "note" => Some(Field::Note),
                _ => None,
            }
        };
        let kind = if let Some(field) = field {
            self.buf.clear();
            self.capture = Some(Capture { field, at });
            Kind::Capture
        } else if self.capture.is_some() {
            Kind::Other
        } else {
            match local {
                "conceptEntry" | "termEntry" if self.concept.is_none() => {
                    self.rank += 1;
                    let line = self.line_of(at);
                    self.concept = Some(ConceptAcc {
                        id: id.map(|v| slug(&v)),
                        rank: self.rank,
                        line,
                        domain: None,
                        notes: Vec::new(),
                        fr_notes: Vec::new(),
                        en: Vec::new(),
                        fr: Vec::new(),
                    });
                    Kind::Concept
                }
                "langSec" | "langSet" if self.concept.is_some() && self.lang.is_none() => {
                    let Some(tag) = lang else {
                        return Err(
                            self.err(at, format!("<{}> sans attribut xml:lang", qname.as_ref()))
                        );
                    };
                    let primary = tag.split(['-', '_']).next().unwrap_or("").trim();
                    let l = if primary.eq_ignore_ascii_case("en") {
                        Lang::En
                    } else if primary.eq_ignore_ascii_case("fr") {
                        self.saw_french = true;
                        Lang::Fr
                    } else {
                        Lang::Other
                    };
                    self.lang = Some(l);
                    Kind::Lang
                }
                "termSec" | "tig" | "ntig" if self.lang.is_some() && self.group.is_none() => {
                    self.group = Some(TermAcc::default());
                    Kind::Group
                }
                _ => Kind::Other,
            }
        };
        self.push(Frame { kind, at }, qname.as_ref());
        Ok(())
    }

    fn close(&mut self) -> Result<(), GlossaryError> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        if let Some(names) = &mut self.names {
            names.pop();
        }
        match frame.kind {
            Kind::Root | Kind::Other => {}
            Kind::Capture => {
                if let Some(c) = self.capture.take() {
                    self.end_capture(c)?;
                }
            }
            Kind::Group => {
                if let Some(g) = self.group.take() {
                    self.end_group(g);
                }
            }
            Kind::Lang => self.lang = None,
            Kind::Concept => {
                if let Some(c) = self.concept.take() {
                    self.end_concept(c);
                }
            }
        }
        Ok(())
    }

    fn end_capture(&mut self, c: Capture) -> Result<(), GlossaryError> {
        let buf = std::mem::take(&mut self.buf);
        let text = buf.trim();
        match c.field {
            Field::Term => {
                if let Some(g) = &mut self.group
                    && g.text.is_none()
                {
                    g.text = clean_term(text);
                }
            }
            Field::Status if text.is_empty() => {}
            Field::Status => {
                let Some(status) = Status::parse(text) else {
                    return Err(self.err(
                        c.at,
                        format!(
                            "statut « {text} » inconnu (attendu : preferredTerm-admn-sts, \
                             admittedTerm-admn-sts, deprecatedTerm-admn-sts ou \
                             supersededTerm-admn-sts, ou sans le suffixe -admn-sts)"
                        ),
                    ));
                };
                if let Some(g) = &mut self.group {
                    // Two statuses on one term: the stricter wins.
                    g.status = g.status.max(Some(status));
                }
            }
            Field::Definition | Field::Note if text.is_empty() => {}
            Field::Definition | Field::Note => {
                if let Some(g) = &mut self.group {
                    g.notes.push(text.to_string());
                } else if let Some(concept) = &mut self.concept {
                    match self.lang {
                        None => concept.notes.push(text.to_string()),
                        Some(Lang::Fr) => concept.fr_notes.push(text.to_string()),
                        Some(_) => {}
                    }
                }
            }
            Field::Subject => {
                if let Some(concept) = &mut self.concept
                    && concept.domain.is_none()
                    && !text.is_empty()
                {
                    concept.domain = Some(collapse(text));
                }
            }
        }
        self.buf = buf;
        self.buf.clear();
        Ok(())
    }

    fn end_group(&mut self, g: TermAcc) {
        let (Some(term), Some(concept)) = (g.text, &mut self.concept) else {
            return;
        };
        match self.lang {
            Some(Lang::En) if !concept.en.contains(&term) => concept.en.push(term),
            Some(Lang::Fr) => concept.fr.push(FrTerm {
                term,
                status: g.status,
                notes: g.notes,
            }),
            _ => {}
        }
    }

    fn end_concept(&mut self, c: ConceptAcc) {
        self.stats.concepts += 1;
        if c.fr.is_empty() {
            self.stats.without_french += 1;
            return;
        }
        // The preferred terms first: the first approved term is the suggested one.
        let mut approved: Vec<Text> = Vec::new();
        let mut preferred = 0;
        let mut others: Vec<FrTerm> = Vec::new();
        for t in c.fr {
            match t.status.unwrap_or(Status::Admitted) {
                _ if approved.contains(&t.term) => {}
                Status::Preferred => {
                    approved.insert(preferred, t.term);
                    preferred += 1;
                }
                Status::Admitted => approved.push(t.term),
                Status::Deprecated | Status::Superseded => others.push(t),
            }
        }
        if approved.is_empty() {
            self.stats.without_approved += 1;
            return;
        }
        // A term approved in one French variety and deprecated in another stays approved.
        let mut forbidden: Vec<Variant> = Vec::new();
        for t in others {
            if approved.contains(&t.term) || forbidden.iter().any(|v| v.term == t.term) {
                continue;
            }
            let mut reason = String::from(if t.status == Some(Status::Superseded) {
                SUPERSEDED_REASON
            } else {
                DEPRECATED_REASON
            });
            for (i, note) in t.notes.iter().enumerate() {
                reason.push_str(if i == 0 { " : " } else { " " });
                reason.push_str(note);
            }
            forbidden.push(Variant {
                term: t.term,
                reason: text(&reason),
                suggest: Texts::new(),
                severity: None,
                context: Context::default(),
                inflect: true,
            });
        }
        let notes = if c.notes.is_empty() {
            &c.fr_notes
        } else {
            &c.notes
        };
        let note = (!notes.is_empty()).then(|| notes.join(" "));

        // The id is given once all is read (see `assign_ids`).
        self.wanted.push(WantedId {
            id: c.id,
            rank: c.rank,
        });
        self.stats.terms += 1;
        // Exact capacities: a vector grown by `push` keeps room for four (a termbase has
        // 100,000 concepts of one or two terms each; the room took 50 MB). The sources and
        // approved terms are copied into `Texts` of their own length.
        let source = c.en;
        forbidden.shrink_to_fit();
        self.glossary.terms.push(Term {
            id: Text::default(),
            source: source.into_iter().collect(),
            approved: approved.into_iter().collect(),
            forbidden,
            domain: c.domain,
            severity: Severity::Warning,
            note,
            check_untranslated: true,
            examples: Examples::default(),
            origin: Origin {
                file: self.file.clone(),
                line: c.line,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V3: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="TBXcoreStructV03.rng" type="application/xml"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>Test &amp; essai</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="Model Training">
        <descrip type="subjectField">IA</descrip>
        <descrip type="definition">Ajustement des poids d'un modèle.</descrip>
        <langSec xml:lang="en-US">
          <termSec><term>training</term></termSec>
          <termSec><term>model training</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        </langSec>
        <langSec xml:lang="fr-FR">
          <termSec><term>apprentissage</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
          <termSec><term>entraînement</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
          <termSec><term>formation</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            <note>Désigne l'enseignement donné à des personnes.</note></termSec>
        </langSec>
        <langSec xml:lang="fr-CA">
          <termSec><term>
              entraînage</term>
            <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
        </langSec>
      </conceptEntry>
      <conceptEntry id="c2">
        <langSec xml:lang="en"><termSec><term>chip</term></termSec></langSec>
        <langSec xml:lang="fr"><termSec><term>puce <hi>électronique</hi></term></termSec></langSec>
      </conceptEntry>
      <conceptEntry id="c3">
        <langSec xml:lang="en"><termSec><term>only English</term></termSec></langSec>
        <langSec xml:lang="de"><termSec><term>nur Deutsch</term></termSec></langSec>
      </conceptEntry>
      <conceptEntry id="c4">
        <langSec xml:lang="fr"><termSec><term>mauvais</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"#;

    #[test]
    fn tbx_v3_statuses_and_language_tags() {
        let (g, stats) = parse_with_stats("base.tbx", V3).unwrap();
        assert_eq!(
            stats,
            TbxStats {
                concepts: 4,
                terms: 2,
                without_french: 1,
                without_approved: 1
            }
        );
        let t = &g.terms[0];
        assert_eq!(t.id, "model-training");
        assert_eq!(t.source[..], ["training", "model training"]);
        assert_eq!(t.approved[..], ["entraînement", "apprentissage"]);
        assert_eq!(t.domain.as_deref(), Some("IA"));
        assert_eq!(t.note.as_deref(), Some("Ajustement des poids d'un modèle."));
        assert_eq!(t.forbidden.len(), 2);
        assert_eq!(t.forbidden[0].term, "formation");
        assert_eq!(
            t.forbidden[0].reason,
            "terme déconseillé par la base terminologique : Désigne l'enseignement donné à des personnes."
        );
        assert_eq!(t.forbidden[1].term, "entraînage");
        assert_eq!(t.forbidden[1].reason, SUPERSEDED_REASON);
        assert!(t.forbidden[1].inflect && t.forbidden[1].context.is_empty());
        assert_eq!(t.origin.line, 7);
        assert_eq!(&*t.origin.file, "base.tbx");
        assert_eq!(g.terms[1].id, "c2");
        assert_eq!(g.terms[1].approved[..], ["puce électronique"]);
        assert_eq!(g.terms[1].origin.line, 30);
    }

    const V2: &str = r#"<?xml version='1.0' encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
<martifHeader><fileDesc><sourceDesc><p>essai</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="eid-1">
  <descrip type="subjectField">semi-conducteurs</descrip>
  <langSet xml:lang="en-US"><tig><term>foundry</term></tig></langSet>
  <langSet xml:lang="fr-FR">
    <descripGrp><descrip type="definition">Usine de fabrication de puces pour des tiers.</descrip></descripGrp>
    <ntig><termGrp><term>fondeur</term>
      <termNote type="normativeAuthorization">preferredTerm</termNote></termGrp></ntig>
    <tig><term>fonderie</term><termNote type="normativeAuthorization">admittedTerm</termNote></tig>
    <tig><term>foundry</term><termNote type="normativeAuthorization">deprecatedTerm</termNote>
      <descrip type="definition">Anglicisme.</descrip></tig>
    <tig><term>fab</term><termNote type="normativeAuthorization">supersededTerm</termNote></tig>
    <tig><term>atelier &amp; <![CDATA[<usine>]]> &#233;</term></tig>
  </langSet>
</termEntry>
<termEntry>
  <langSet xml:lang="fr-CA"><tig><term>courriel</term></tig></langSet>
</termEntry>
<termEntry id="eid-1">
  <langSet xml:lang="fr"><tig><term>doublon</term>
    <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
</termEntry>
</body></text>
</martif>"#;

    #[test]
    fn tbx_v2_martif_tig_and_ntig() {
        let (g, stats) = parse_with_stats("base.tbx", V2).unwrap();
        assert_eq!(stats.terms, 3);
        let t = &g.terms[0];
        assert_eq!(t.id, "eid-1");
        assert_eq!(t.source[..], ["foundry"]);
        assert_eq!(
            t.approved[..],
            ["fondeur", "fonderie", "atelier & <usine> é"]
        );
        assert_eq!(t.domain.as_deref(), Some("semi-conducteurs"));
        // No concept-level note: the French definition is used.
        assert_eq!(
            t.note.as_deref(),
            Some("Usine de fabrication de puces pour des tiers.")
        );
        let f: Vec<_> = t
            .forbidden
            .iter()
            .map(|v| (v.term.as_str(), v.reason.as_str()))
            .collect();
        assert_eq!(
            f,
            [
                (
                    "foundry",
                    "terme déconseillé par la base terminologique : Anglicisme."
                ),
                ("fab", "terme remplacé (superseded)")
            ]
        );
        // Missing id, then a clashing id: numbered by rank.
        assert_eq!(g.terms[1].id, "tbx-2");
        assert_eq!(g.terms[1].approved[..], ["courriel"]);
        assert_eq!(g.terms[2].id, "tbx-3");
    }

    #[test]
    fn dct_style_elements() {
        let text = r#"<tbx style="dct" xmlns:basic="http://www.tbxinfo.net/ns/basic">
<text><body><conceptEntry id="x">
<langSec xml:lang="fr"><termSec><term>bon</term></termSec>
<termSec><term>mauvais</term><basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec>
</langSec></conceptEntry></body></text></tbx>"#;
        let g = parse("d.tbx", text).unwrap();
        assert_eq!(g.terms[0].approved[..], ["bon"]);
        assert_eq!(g.terms[0].forbidden[0].term, "mauvais");
    }

    #[test]
    fn no_french_section_is_an_error() {
        let text = "<tbx>\n<text><body><conceptEntry id=\"a\"><langSec xml:lang=\"en\">\
                    <termSec><term>chip</term></termSec></langSec></conceptEntry></body></text></tbx>";
        let e = parse("en.tbx", text).unwrap_err();
        assert_eq!(e.message, "aucune section française (fr) dans la base TBX");
        assert_eq!((e.file.as_str(), e.line, e.column), ("en.tbx", 1, 1));
        let e = parse("vide.tbx", "<martif/>").unwrap_err();
        assert!(e.message.contains("aucune section française"), "{e}");
    }

    #[test]
    fn malformed_xml_names_line_and_column() {
        let text =
            "<tbx>\n  <text><body>\n    <conceptEntry id=\"a\"></langSec>\n</body></text></tbx>";
        let e = parse("m.tbx", text).unwrap_err();
        assert_eq!((e.line, e.column), (3, 26), "{e}");
        assert!(
            e.message.starts_with("XML mal formé : ") && e.message.contains("</langSec>"),
            "{e}"
        );

        let e = parse("m.tbx", "<tbx>\n<text>\n<body>\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1), "{e}");
        assert!(e.message.contains("<body> n'est jamais fermé"), "{e}");

        let e = parse("m.tbx", "<tbx>\n  <text a=\"1\" a=\"2\"/></tbx>").unwrap_err();
        assert_eq!((e.line, e.column), (2, 15), "{e}");
        assert!(e.message.contains("attribut en double"), "{e}");

        let e = parse("m.tbx", "<tbx>\n<!-- jamais fermé").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");

        let e = parse("m.tbx", "<tbx></tbx>\n<tbx></tbx>").unwrap_err();
        assert!(e.message.contains("second élément racine"), "{e}");
        let e = parse("m.tbx", "<html></html>").unwrap_err();
        assert!(e.message.contains("<html>"), "{e}");
        let e = parse("m.tbx", "").unwrap_err();
        assert!(e.message.contains("aucun élément racine"), "{e}");
        let e = parse("m.tbx", "<tbx>a < b</tbx>").unwrap_err();
        assert!(e.message.starts_with("XML mal formé"), "{e}");
    }

    #[test]
    fn entities_are_never_resolved_from_a_dtd() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n\
                    <tbx><text><body><conceptEntry><langSec xml:lang=\"fr\"><termSec>\
                    <term>&xxe;</term></termSec></langSec></conceptEntry></body></text></tbx>";
        let e = parse("x.tbx", text).unwrap_err();
        assert!(e.message.contains("&xxe;") && e.line == 3, "{e}");
    }

    #[test]
    fn unknown_status_and_missing_lang_are_errors() {
        let text = "<tbx><text><body><conceptEntry><langSec xml:lang=\"fr\"><termSec><term>a</term>\n\
                    <termNote type=\"administrativeStatus\">obsolete</termNote></termSec></langSec>\
                    </conceptEntry></body></text></tbx>";
        let e = parse("s.tbx", text).unwrap_err();
        assert!(
            e.message.contains("« obsolete »") && e.line == 2 && e.column == 1,
            "{e}"
        );
        let text = "<tbx><text><body><conceptEntry><langSec><termSec><term>a</term></termSec>\
                    </langSec></conceptEntry></body></text></tbx>";
        let e = parse("s.tbx", text).unwrap_err();
        assert!(e.message.contains("xml:lang"), "{e}");
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let text = format!("<tbx>{}", "<a>".repeat(100_000));
        let e = parse("p.tbx", &text).unwrap_err();
        assert!(e.message.contains("256"), "{e}");
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let text = format!("\u{feff}{V3}");
        assert_eq!(parse("b.tbx", &text).unwrap().terms.len(), 2);
    }

    /// A termbase of `n` concepts of every kind: ids missing, asked twice, asked as
    /// `tbx-N` of a later concept; concepts without French or without approved term;
    /// `before(i)` is written before concept `i`.
    fn generated(n: usize, before: impl Fn(usize) -> String) -> String {
        let mut t = String::from(
            "<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\">\n<tbxHeader/>\n<text><body>\n",
        );
        for i in 0..n {
            t.push_str(&before(i));
            let id = match i % 5 {
                0 => String::new(),
                1 => format!(" id=\"c{i}\""),
                2 => " id=\"dup\"".to_string(),
                3 => format!(" id=\"tbx-{}\"", i + 2),
                _ => format!(" id=\"c{}\"", i - 3),
            };
            let lang = if i % 11 == 0 { "de" } else { "fr-FR" };
            let status = if i % 13 == 0 {
                "deprecatedTerm"
            } else {
                "preferredTerm"
            };
            t.push_str(&format!(
                "<conceptEntry{id}>\n  <descrip type=\"subjectField\">d{}</descrip>\n  \
                 <langSec xml:lang=\"en\"><termSec><term>term {i}</term></termSec></langSec>\n  \
                 <langSec xml:lang=\"{lang}\"><termSec><term>mot {i}</term>\
                 <termNote type=\"administrativeStatus\">{status}</termNote></termSec>\
                 <termSec><term>vieux {i}</term><termNote type=\"administrativeStatus\">\
                 deprecatedTerm</termNote><note>note {i}</note></termSec></langSec>\n</conceptEntry>\n",
                i % 3
            ));
        }
        t.push_str("</body></text>\n</tbx>\n");
        t
    }

    /// Checks that reading `text` in two halves gives exactly what one pass gives, and
    /// tells how the halves went (`None`: not split, for want of a split point or of a
    /// readable head).
    fn same_as_one_pass(text: &str) -> Option<Ran> {
        let file: Arc<str> = Arc::from("g.tbx");
        let (split, ran) = parse_split(&file, text)?;
        let one = parse_one_pass(file, text);
        match (&split, &one) {
            (Ok((g, stats)), Ok((g1, stats1))) => {
                assert_eq!(stats, stats1);
                assert_eq!(g.terms, g1.terms);
            }
            (Err(e), Err(e1)) => assert_eq!(e, e1),
            _ => panic!("split: {:?}\none pass: {:?}", split.err(), one.err()),
        }
        Some(ran)
    }

    /// `text` with `what` put in place of the first `from` at or after byte `at`.
    fn replaced_after(text: &str, at: usize, from: &str, what: &str) -> String {
        let i = at + text[at..].find(from).expect("found");
        format!("{}{what}{}", &text[..i], &text[i + from.len()..])
    }

    #[test]
    fn two_halves_read_as_one_pass() {
        let t = generated(400, |_| String::new());
        assert_eq!(same_as_one_pass(&t), Some(Ran::Stopped));
        let (g, stats) = parse_one_pass(Arc::from("g.tbx"), &t).unwrap();
        assert_eq!(stats.concepts, 400);
        // Ids asked twice or taken are numbered by rank, across the halves.
        let ids: Vec<&str> = g.terms.iter().map(|t| t.id.as_str()).collect();
        assert!(ids.contains(&"dup") && ids.contains(&"tbx-398"), "{ids:?}");
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());

        // TBX v2, a namespace prefix, CRLF line ends, an empty concept at the split.
        let v2 = t
            .replace("conceptEntry", "termEntry")
            .replace("langSec", "langSet")
            .replace("termSec", "tig")
            .replace("<tbx ", "<martif ")
            .replace("</tbx>", "</martif>");
        assert_eq!(same_as_one_pass(&v2), Some(Ran::Stopped));
        let prefixed = t.replace("conceptEntry", "x:conceptEntry");
        assert_eq!(same_as_one_pass(&prefixed), Some(Ran::Stopped));
        assert_eq!(
            same_as_one_pass(&t.replace('\n', "\r\n")),
            Some(Ran::Stopped)
        );
        let empty = generated(400, |i| {
            if i > 150 {
                "<conceptEntry id=\"e\"/>".to_string()
            } else {
                String::new()
            }
        });
        assert_eq!(same_as_one_pass(&empty), Some(Ran::Stopped));
    }

    #[test]
    fn french_in_one_half_only() {
        let t = generated(400, |_| String::new());
        let mid = t.len() / 2;
        let first = format!("{}{}", &t[..mid], t[mid..].replace("fr-FR", "de"));
        assert_eq!(same_as_one_pass(&first), Some(Ran::Stopped));
        let second = format!("{}{}", t[..mid].replace("fr-FR", "de"), &t[mid..]);
        assert_eq!(same_as_one_pass(&second), Some(Ran::Stopped));
        let neither = t.replace("fr-FR", "de");
        assert_eq!(same_as_one_pass(&neither), Some(Ran::Stopped));
        assert!(parse_one_pass(Arc::from("g"), &neither).is_err());
    }

    #[test]
    fn errors_in_either_half_are_those_of_one_pass() {
        let t = generated(400, |_| String::new());
        let (early, late) = (t.len() / 4, t.len() * 3 / 4);
        // An element left open, in the second half, in the first, in both (the first wins).
        let second = replaced_after(&t, late, "</termSec>", "");
        assert_eq!(same_as_one_pass(&second), Some(Ran::Stopped));
        let first = replaced_after(&t, early, "</termSec>", "");
        same_as_one_pass(&first);
        same_as_one_pass(&replaced_after(&second, early, "</termSec>", ""));
        // Errors of every kind in the second half.
        for (from, to) in [
            ("preferredTerm", "obsolete"),
            ("<langSec xml:lang=\"en\">", "<langSec>"),
            ("<term>", "<term>&inconnue;"),
            ("<term>", "<term>a < b"),
            ("id=\"", "id=\"a\" id=\""),
            ("<conceptEntry>", "<conceptEntry a=b>"),
            ("<conceptEntry>", &"<a>".repeat(300)),
            ("</body>", "</bdy>"),
            ("</body>", ""),
            ("</tbx>", "</tbx></text>"),
            ("</tbx>\n", "</tbx>\n<tbx/>"),
        ] {
            let bad = replaced_after(&t, late, from, to);
            assert_eq!(same_as_one_pass(&bad), Some(Ran::Stopped), "{from} -> {to}");
            assert!(
                parse_one_pass(Arc::from("g"), &bad).is_err(),
                "{from} -> {to}"
            );
        }
        // Nesting just at the limit around the split point.
        for n in [248, 249, 250] {
            let deep = generated(400, |i| {
                if i == 0 {
                    "<a>".repeat(n)
                } else {
                    String::new()
                }
            })
            .replace("</body>", &format!("{}</body>", "</a>".repeat(n)));
            same_as_one_pass(&deep);
        }
        // A closing tag with spaces, as XML allows.
        let spaced = t.replace("</body>", "</body  >");
        assert_eq!(same_as_one_pass(&spaced), Some(Ran::Stopped));
    }

    #[test]
    fn a_wrong_guess_is_read_in_one_pass() {
        let t = generated(400, |_| String::new());
        // From a concept entry a quarter of the way to one three quarters of the way, so
        // that the split point lies inside: a comment, a CDATA section, a concept entry, an
        // element opened before the first half's last concept. The first half reads on to
        // the end.
        let a = find_entry(&t, "conceptEntry", t.len() / 4).unwrap();
        let b = find_entry(&t, "conceptEntry", t.len() * 3 / 4).unwrap();
        let around =
            |open: &str, close: &str| format!("{}{open}{}{close}{}", &t[..a], &t[a..b], &t[b..]);
        let comment = around("<!--", "-->");
        let cdata = around("<![CDATA[", "]]>");
        let inside = around("<conceptEntry id=\"out\">", "</conceptEntry>");
        let wrapped = around("<group>", "</group>");
        for text in [comment, cdata, inside, wrapped] {
            assert_eq!(same_as_one_pass(&text), Some(Ran::ToEnd));
            // With an error after the split point, too.
            let bad = replaced_after(&text, text.len() * 3 / 4, "</termSec>", "");
            same_as_one_pass(&bad);
        }
        // No concept entry after the middle, or none at all: no split.
        let head_only = generated(3, |_| String::new()).replace("</body>", &" ".repeat(5000));
        assert!(parse_split(&Arc::from("g"), &head_only).is_none());
        assert!(parse_split(&Arc::from("g"), "<tbx><text/></tbx>").is_none());
    }

    #[test]
    fn collapse_keeps_collapsed_text_as_it_is() {
        fn by_words(text: &str) -> String {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        for text in [
            "",
            " ",
            "  ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\nb",
            "a\u{a0}b",
            "a\u{2009}b",
            "é è",
            "\u{3000}",
            "puce électronique",
            "a b c d",
        ] {
            assert_eq!(collapse(text), by_words(text), "{text:?}");
            assert_eq!(is_collapsed(text), collapse(text) == text, "{text:?}");
        }
    }

    #[test]
    fn attribute_errors_are_quick_xml_s() {
        // A duplicate is reported before its ill-formed value; an ill-formed value before
        // a later duplicate.
        let e = parse("m.tbx", "<tbx>\n  <text a=\"1\" a=2/></tbx>").unwrap_err();
        assert_eq!((e.line, e.column), (2, 15), "{e}");
        assert!(e.message.contains("attribut en double"), "{e}");
        let e = parse("m.tbx", "<tbx>\n  <text a=\"1\" b=2 a=\"3\"/></tbx>").unwrap_err();
        assert_eq!((e.line, e.column), (2, 17), "{e}");
        assert!(e.message.contains("sans guillemets"), "{e}");
        let e = parse("m.tbx", "<tbx>\n  <text a b=\"1\"/></tbx>").unwrap_err();
        assert!(e.message.contains("sans « = »"), "{e}");
        // Many attributes, the duplicate last.
        let many: String = (0..20).map(|i| format!(" a{i}=\"{i}\"")).collect();
        let e = parse("m.tbx", &format!("<tbx{many} a7=\"x\"/>")).unwrap_err();
        assert!(e.message.contains("attribut en double"), "{e}");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Model Training"), "model-training");
        assert_eq!(slug("  Œuvre d'État — n°2 "), "oeuvre-d-etat-n-2");
        assert_eq!(slug("_5g"), "5g");
        assert_eq!(slug("→"), "");
    }
}
