/*! gettext PO files read into the bilingual model: one unit per `msgstr` (per `msgstr[n]` for
plurals), with the decoded target mapped back to the file byte by byte so that findings on the
target land on the right place of the file, escapes and continuation lines included.

Choices made here (the format leaves them open):
- a unit's `line` is the line of its `msgid` keyword, and its `id` is its `msgctxt`, or
  « ligne N » of the `msgid` when there is no `msgctxt` (or an empty one); `context` is the
  `msgctxt`, `None` when it is empty;
- an entry with a `msgid` but no `msgstr` is kept as an untranslated unit without target
  (`target_range` is `None`), as a linter is more useful going on than stopping there;
- the source keeps its HTML tags verbatim, like the target (the codes list them as well);
- an empty target is `Untranslated` even when the entry is fuzzy;
- octal escapes take one to three digits, hex escapes one or two; escaped bytes of a multibyte
  character (`\303\251`) are decoded together as one character, and as one piece;
- comments are read anywhere before an entry's `msgstr`; a comment after it starts the next
  entry; empty comments are not kept as notes. */

use super::bilingual::{BilingualFile, ParseError, Piece, Unit, UnitState};

/// Reads a PO file. The first syntax error stops the reading.
pub fn parse(text: &str) -> Result<BilingualFile, ParseError> {
    let mut parser = Parser {
        text,
        file: BilingualFile::default(),
        entry: Entry::default(),
        slot: None,
        header_seen: false,
    };
    let mut pos = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut line = 1;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let content_end = if text.as_bytes()[pos..line_end].last() == Some(&b'\r') {
            line_end - 1
        } else {
            line_end
        };
        parser.line(pos, content_end, line)?;
        pos = line_end + 1;
        line += 1;
    }
    parser.finish_entry()?;
    Ok(parser.file)
}

/// A keyword's string, its continuation lines included, decoded.
#[derive(Debug, Default)]
struct PoString {
    /// Offset of the keyword (for errors).
    keyword: usize,
    text: String,
    pieces: Vec<Piece>,
    /// First byte inside the first opening quote.
    start: usize,
    /// The closing quote of the last string.
    end: usize,
}

/// The entry being read: its comments, then its keywords.
#[derive(Debug, Default)]
struct Entry {
    translator_comments: Vec<String>,
    extracted_comments: Vec<String>,
    fuzzy: bool,
    msgctxt: Option<PoString>,
    msgid: Option<PoString>,
    msgid_line: usize,
    msgid_plural: Option<PoString>,
    msgstrs: Vec<(Option<usize>, PoString)>,
}

impl Entry {
    fn has_keyword(&self) -> bool {
        self.msgctxt.is_some() || self.msgid.is_some()
    }
}

/// The string continuation lines add to.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Msgctxt,
    Msgid,
    MsgidPlural,
    Msgstr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyword {
    Msgctxt,
    Msgid,
    MsgidPlural,
    Msgstr(Option<usize>),
}

/// What an escape decodes to.
enum Escaped {
    Char(char),
    /// An octal or hex escape: a byte, maybe part of a multibyte character.
    Byte(u8),
}

struct Parser<'a> {
    text: &'a str,
    file: BilingualFile,
    entry: Entry,
    slot: Option<Slot>,
    header_seen: bool,
}

impl Parser<'_> {
    fn error(&self, offset: usize, message: impl Into<String>) -> ParseError {
        ParseError::at(self.text, offset, message)
    }

    /// One line, `start..end` without its line ending.
    fn line(&mut self, start: usize, end: usize, line: usize) -> Result<(), ParseError> {
        let bytes = self.text.as_bytes();
        let mut i = start;
        while i < end && matches!(bytes[i], b' ' | b'\t' | b'\r') {
            i += 1;
        }
        if i == end {
            return Ok(()); // blank: continuation lines may still follow, as in gettext
        }
        match bytes[i] {
            b'#' => self.comment(i, end),
            b'"' => {
                let Some(slot) = self.slot else {
                    return Err(self.error(
                        i,
                        "chaîne inattendue : elle ne suit aucun mot-clé (msgid, msgstr…)",
                    ));
                };
                let mut s = std::mem::take(self.slot_string(slot));
                let result = self.strings(i, end, &mut s);
                *self.slot_string(slot) = s;
                result
            }
            _ => self.keyword_line(i, end, line),
        }
    }

    fn slot_string(&mut self, slot: Slot) -> &mut PoString {
        let e = &mut self.entry;
        let s = match slot {
            Slot::Msgctxt => e.msgctxt.as_mut(),
            Slot::Msgid => e.msgid.as_mut(),
            Slot::MsgidPlural => e.msgid_plural.as_mut(),
            Slot::Msgstr => e.msgstrs.last_mut().map(|(_, s)| s),
        };
        s.expect("a slot names a string that exists")
    }

    fn comment(&mut self, hash: usize, end: usize) -> Result<(), ParseError> {
        self.slot = None;
        if !self.entry.msgstrs.is_empty() {
            self.finish_entry()?; // the comment belongs to the next entry
        }
        let rest = &self.text[hash + 1..end];
        match rest.as_bytes().first() {
            Some(b'~') => {
                // Obsolete entry: skipped, with the comments before it.
                if self.entry.has_keyword() {
                    self.finish_entry()?;
                }
                self.entry = Entry::default();
            }
            Some(b'|' | b':') => {}
            Some(b',') => {
                if rest[1..].split(',').any(|flag| flag.trim() == "fuzzy") {
                    self.entry.fuzzy = true;
                }
            }
            Some(b'.') => {
                let note = rest[1..].strip_prefix(' ').unwrap_or(&rest[1..]).trim_end();
                if !note.is_empty() {
                    self.entry.extracted_comments.push(note.to_string());
                }
            }
            _ => {
                let note = rest.strip_prefix(' ').unwrap_or(rest).trim_end();
                if !note.is_empty() {
                    self.entry.translator_comments.push(note.to_string());
                }
            }
        }
        Ok(())
    }

    fn keyword_line(&mut self, start: usize, end: usize, line: usize) -> Result<(), ParseError> {
        let bytes = self.text.as_bytes();
        let mut i = start;
        while i < end && (bytes[i].is_ascii_lowercase() || bytes[i] == b'_') {
            i += 1;
        }
        let word = &self.text[start..i];
        let keyword = match word {
            "msgctxt" => Keyword::Msgctxt,
            "msgid" => Keyword::Msgid,
            "msgid_plural" => Keyword::MsgidPlural,
            "msgstr" if bytes.get(i) == Some(&b'[') && i < end => {
                let digits = i + 1;
                let mut j = digits;
                while j < end && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                let index = self.text[digits..j].parse::<usize>().ok();
                match index {
                    Some(n) if j < end && bytes[j] == b']' => {
                        i = j + 1;
                        Keyword::Msgstr(Some(n))
                    }
                    _ => {
                        return Err(self.error(
                            i,
                            "indice de pluriel invalide : msgstr[0], msgstr[1]… attendu",
                        ));
                    }
                }
            }
            "msgstr" => Keyword::Msgstr(None),
            _ => {
                return Err(self.error(
                    start,
                    "ligne invalide : mot-clé PO (msgctxt, msgid, msgid_plural, msgstr), commentaire ou chaîne attendu",
                ));
            }
        };
        let name = &self.text[start..i];
        let after_keyword = i;
        while i < end && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        if i == end || bytes[i] != b'"' {
            let message = if i == after_keyword && i < end {
                format!(
                    "ligne invalide : espace puis chaîne entre guillemets attendus après « {name} »"
                )
            } else {
                format!("chaîne entre guillemets attendue après « {name} »")
            };
            return Err(self.error(i, message));
        }
        self.begin(keyword, start, name, line)?;
        let mut s = PoString {
            keyword: start,
            ..PoString::default()
        };
        let result = self.strings(i, end, &mut s);
        let e = &mut self.entry;
        match keyword {
            Keyword::Msgctxt => e.msgctxt = Some(s),
            Keyword::Msgid => e.msgid = Some(s),
            Keyword::MsgidPlural => e.msgid_plural = Some(s),
            Keyword::Msgstr(n) => e.msgstrs.push((n, s)),
        }
        self.slot = Some(match keyword {
            Keyword::Msgctxt => Slot::Msgctxt,
            Keyword::Msgid => Slot::Msgid,
            Keyword::MsgidPlural => Slot::MsgidPlural,
            Keyword::Msgstr(_) => Slot::Msgstr,
        });
        result
    }

    /// Checks that a keyword may come here, and closes the previous entry when it starts a
    /// new one.
    fn begin(
        &mut self,
        keyword: Keyword,
        at: usize,
        name: &str,
        line: usize,
    ) -> Result<(), ParseError> {
        let e = &self.entry;
        match keyword {
            Keyword::Msgctxt | Keyword::Msgid => {
                if e.msgid.is_some() {
                    // The previous entry is complete, or has no msgstr (kept as untranslated);
                    // comments after a msgstr have already closed it, so none are lost here.
                    self.finish_entry()?;
                } else if keyword == Keyword::Msgctxt && e.msgctxt.is_some() {
                    return Err(self.error(at, "msgctxt en double : un seul msgctxt par entrée"));
                }
                if keyword == Keyword::Msgid {
                    self.entry.msgid_line = line;
                }
            }
            Keyword::MsgidPlural => {
                if e.msgid.is_none() {
                    return Err(self.error(at, "msgid_plural sans msgid"));
                }
                if !e.msgstrs.is_empty() {
                    return Err(
                        self.error(at, "msgid_plural inattendu : il doit précéder les msgstr")
                    );
                }
                if e.msgid_plural.is_some() {
                    return Err(self.error(at, "msgid_plural en double"));
                }
            }
            Keyword::Msgstr(index) => {
                if e.msgid.is_none() {
                    return Err(self.error(at, format!("{name} sans msgid")));
                }
                match index {
                    None if e.msgid_plural.is_some() => {
                        return Err(self.error(
                            at,
                            "msgstr sans indice dans une entrée au pluriel : msgstr[0], msgstr[1]… attendus",
                        ));
                    }
                    None if !e.msgstrs.is_empty() => {
                        return Err(self.error(at, "msgstr en double"));
                    }
                    None => {}
                    Some(_) if e.msgid_plural.is_none() => {
                        return Err(self.error(at, format!("{name} sans msgid_plural")));
                    }
                    Some(n) if n != e.msgstrs.len() => {
                        return Err(self.error(
                            at,
                            format!("{name} inattendu : msgstr[{}] attendu", e.msgstrs.len()),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(())
    }

    /// The quoted strings from `open` (an opening quote) to the end of the line, decoded and
    /// appended to `s`.
    fn strings(&self, open: usize, end: usize, s: &mut PoString) -> Result<(), ParseError> {
        let bytes = self.text.as_bytes();
        let mut i = open;
        loop {
            i = self.string(i, end, s)?;
            while i < end && matches!(bytes[i], b' ' | b'\t' | b'\r') {
                i += 1;
            }
            if i == end {
                return Ok(());
            }
            if bytes[i] != b'"' {
                return Err(self.error(i, "texte inattendu après la chaîne"));
            }
        }
    }

    /// One quoted string at `open`: decodes it into `s` and returns the offset after its
    /// closing quote.
    fn string(&self, open: usize, end: usize, s: &mut PoString) -> Result<usize, ParseError> {
        let text = self.text;
        let bytes = text.as_bytes();
        if s.start == 0 {
            // Not set yet: once set, it is after a quote, never 0.
            s.start = open + 1;
        }
        let mut i = open + 1;
        let mut run = i;
        while i < end {
            match bytes[i] {
                b'"' => {
                    push_verbatim(s, text, run, i);
                    s.end = i;
                    return Ok(i + 1);
                }
                b'\\' => {
                    push_verbatim(s, text, run, i);
                    i = self.escape(i, end, s)?;
                    run = i;
                }
                _ => i += 1,
            }
        }
        Err(self.error(open, "chaîne non terminée : guillemet fermant manquant"))
    }

    /// Decodes the escape at `at` (a backslash) into `s`; returns the offset after it.
    fn escape(&self, at: usize, end: usize, s: &mut PoString) -> Result<usize, ParseError> {
        let (escaped, mut next) = self.escaped(at, end)?;
        let c = match escaped {
            Escaped::Char(c) => c,
            Escaped::Byte(b) if b < 0x80 => char::from(b),
            Escaped::Byte(lead) => {
                // A multibyte character written as escaped bytes: read all its bytes.
                let len = match lead {
                    0xC2..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    0xF0..=0xF4 => 4,
                    _ => 0,
                };
                let mut buf = [lead, 0, 0, 0];
                let mut n = 1;
                while n < len && next < end && self.text.as_bytes()[next] == b'\\' {
                    match self.escaped(next, end) {
                        Ok((Escaped::Byte(b), after)) if (0x80..=0xBF).contains(&b) => {
                            buf[n] = b;
                            n += 1;
                            next = after;
                        }
                        _ => break,
                    }
                }
                match std::str::from_utf8(&buf[..n]).ok().filter(|_| n == len) {
                    Some(decoded) => decoded.chars().next().expect("one character"),
                    None => {
                        return Err(self.error(
                            at,
                            format!(
                                "échappement invalide : « {} » ne forme pas un caractère UTF-8",
                                &self.text[at..next]
                            ),
                        ));
                    }
                }
            }
        };
        s.pieces.push(Piece {
            decoded: s.text.len(),
            decoded_len: c.len_utf8(),
            file: at,
            file_len: next - at,
        });
        s.text.push(c);
        Ok(next)
    }

    /// The escape at `at` (a backslash), and the offset after it.
    fn escaped(&self, at: usize, end: usize) -> Result<(Escaped, usize), ParseError> {
        let bytes = self.text.as_bytes();
        let Some(&c) = bytes.get(at + 1).filter(|_| at + 1 < end) else {
            return Err(self.error(at, "échappement invalide : « \\ » en fin de ligne"));
        };
        let simple = match c {
            b'n' => Some('\n'),
            b't' => Some('\t'),
            b'r' => Some('\r'),
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'a' => Some('\u{07}'),
            b'b' => Some('\u{08}'),
            b'f' => Some('\u{0C}'),
            b'v' => Some('\u{0B}'),
            _ => None,
        };
        if let Some(decoded) = simple {
            return Ok((Escaped::Char(decoded), at + 2));
        }
        let (radix, first, max_digits) = match c {
            b'0'..=b'7' => (8, at + 1, 3),
            b'x' => (16, at + 2, 2),
            _ => {
                let shown = self.text[at + 1..].chars().next().unwrap_or('?');
                return Err(self.error(at, format!("échappement invalide : « \\{shown} »")));
            }
        };
        let mut j = first;
        let mut value: u32 = 0;
        while j < end && j < first + max_digits {
            let Some(d) = char::from(bytes[j]).to_digit(radix) else {
                break;
            };
            value = value * radix + d;
            j += 1;
        }
        if j == first {
            return Err(self.error(
                at,
                "échappement invalide : « \\x » sans chiffre hexadécimal",
            ));
        }
        match u8::try_from(value) {
            Ok(b) => Ok((Escaped::Byte(b), j)),
            Err(_) => Err(self.error(
                at,
                format!(
                    "échappement invalide : « {} » dépasse un octet",
                    &self.text[at..j]
                ),
            )),
        }
    }

    /// Turns the entry read so far into units, and starts a new one.
    fn finish_entry(&mut self) -> Result<(), ParseError> {
        self.slot = None;
        let entry = std::mem::take(&mut self.entry);
        let Some(msgid) = entry.msgid else {
            if let Some(ctxt) = entry.msgctxt {
                return Err(self.error(ctxt.keyword, "msgctxt sans msgid"));
            }
            return Ok(()); // comments only
        };
        if entry.msgctxt.is_none() && msgid.text.is_empty() {
            // The header: not a unit.
            if !self.header_seen {
                self.header_seen = true;
                if let Some((_, header)) = entry.msgstrs.first() {
                    self.file.target_lang = header_language(&header.text);
                }
            }
            return Ok(());
        }
        let id = match &entry.msgctxt {
            Some(c) if !c.text.is_empty() => c.text.clone(),
            _ => format!("ligne {}", entry.msgid_line),
        };
        let context = entry.msgctxt.map(|c| c.text).filter(|c| !c.is_empty());
        let mut notes = entry.translator_comments;
        notes.extend(entry.extracted_comments);
        let singular_codes = tag_codes(&msgid.text);
        let plural_codes = entry.msgid_plural.as_ref().map(|p| tag_codes(&p.text));
        if entry.msgstrs.is_empty() {
            self.file.units.push(Unit {
                id,
                line: entry.msgid_line,
                source: msgid.text,
                source_codes: singular_codes,
                state: UnitState::Untranslated,
                context,
                notes,
                ..Unit::default()
            });
            return Ok(());
        }
        for (index, msgstr) in entry.msgstrs {
            let (source, source_codes) = match (index, &entry.msgid_plural, &plural_codes) {
                (Some(n), Some(p), Some(codes)) if n >= 1 => (p.text.clone(), codes.clone()),
                _ => (msgid.text.clone(), singular_codes.clone()),
            };
            let state = if msgstr.text.is_empty() {
                UnitState::Untranslated
            } else if entry.fuzzy {
                UnitState::Fuzzy
            } else {
                UnitState::Translated
            };
            self.file.units.push(Unit {
                id: id.clone(),
                line: entry.msgid_line,
                source,
                target_codes: tag_codes(&msgstr.text),
                target: msgstr.text,
                pieces: msgstr.pieces,
                target_range: Some((msgstr.start, msgstr.end)),
                source_codes,
                state,
                context: context.clone(),
                notes: notes.clone(),
                plural: index,
            });
        }
        Ok(())
    }
}

/// Appends the verbatim text `start..end` of the file to `s`, as one piece.
fn push_verbatim(s: &mut PoString, text: &str, start: usize, end: usize) {
    if end > start {
        s.pieces.push(Piece {
            decoded: s.text.len(),
            decoded_len: end - start,
            file: start,
            file_len: end - start,
        });
        s.text.push_str(&text[start..end]);
    }
}

/// The `Language:` field of a PO header, if it is there and not empty.
fn header_language(header: &str) -> Option<String> {
    header
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("Language:"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
}

/// The HTML/XML tags of a decoded text, as comparable codes: `<b>`, `</b>`, `<br/>` (name in
/// lower case, attributes dropped), in order. Only what looks like a tag counts: `<` then a
/// letter, a name, maybe attributes, then `>`; « a < b » or `<user@example.com>` do not.
fn tag_codes(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut codes = Vec::new();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let lt = i + off;
        match tag_at(text, lt) {
            Some((code, after)) => {
                codes.push(code);
                i = after;
            }
            None => i = lt + 1,
        }
    }
    codes
}

/// The tag at `lt` (a `<`) as a code, and the offset after its `>`. The scan stops at the next
/// `<`, so that finding all the tags of a text stays linear.
fn tag_at(text: &str, lt: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut j = lt + 1;
    let closing = bytes.get(j) == Some(&b'/');
    if closing {
        j += 1;
    }
    if !bytes.get(j)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = j;
    while j < bytes.len()
        && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'-' | b'_' | b':'))
    {
        j += 1;
    }
    let name = text[name_start..j].to_ascii_lowercase();
    let mut self_closing = false;
    match *bytes.get(j)? {
        b'>' => {}
        b'/' if !closing && bytes.get(j + 1) == Some(&b'>') => {
            self_closing = true;
            j += 1;
        }
        b if b.is_ascii_whitespace() => {
            let mut quote: Option<u8> = None;
            let mut last = b' ';
            loop {
                let b = *bytes.get(j)?;
                if b == b'<' {
                    return None;
                }
                match quote {
                    Some(q) if b == q => quote = None,
                    Some(_) => {}
                    None => match b {
                        b'>' => break,
                        b'"' | b'\'' if last == b'=' => quote = Some(b),
                        _ if closing && !b.is_ascii_whitespace() => return None,
                        _ => {}
                    },
                }
                if !b.is_ascii_whitespace() {
                    last = b;
                }
                j += 1;
            }
            self_closing = !closing && last == b'/';
        }
        _ => return None,
    }
    let code = if closing {
        format!("</{name}>")
    } else if self_closing {
        format!("<{name}/>")
    } else {
        format!("<{name}>")
    };
    Some((code, j + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> BilingualFile {
        match parse(text) {
            Ok(f) => {
                check_invariants(text, &f);
                f
            }
            Err(e) => panic!("{e}\n{text}"),
        }
    }

    /// A piece: decoded start and length, file start and length.
    fn piece(decoded: usize, decoded_len: usize, file: usize, file_len: usize) -> Piece {
        Piece {
            decoded,
            decoded_len,
            file,
            file_len,
        }
    }

    fn err(text: &str) -> ParseError {
        parse(text).expect_err("an error")
    }

    /// What every unit must satisfy: pieces in order, covering the target without gap, verbatim
    /// pieces equal to the file, escapes starting with a backslash, all inside the target range.
    fn check_invariants(text: &str, file: &BilingualFile) {
        for u in &file.units {
            let mut decoded = 0;
            let mut file_pos = u.target_range.map_or(0, |r| r.0);
            for p in &u.pieces {
                assert_eq!(p.decoded, decoded, "{u:?}");
                assert!(p.file >= file_pos, "{u:?}");
                let piece_text = &text[p.file..p.file + p.file_len];
                if p.file_len == p.decoded_len {
                    assert_eq!(piece_text, &u.target[p.decoded..p.decoded + p.decoded_len]);
                } else {
                    assert!(piece_text.starts_with('\\'), "{u:?}");
                    assert!(u.target.is_char_boundary(p.decoded));
                }
                decoded += p.decoded_len;
                file_pos = p.file + p.file_len;
            }
            assert_eq!(decoded, u.target.len(), "{u:?}");
            match u.target_range {
                Some((s, e)) => {
                    assert!(s <= e && e <= text.len() && file_pos <= e, "{u:?}");
                    assert_eq!(&text[e..e + 1], "\"");
                }
                None => assert!(u.pieces.is_empty() && u.target.is_empty()),
            }
        }
    }

    #[test]
    fn simple_entry_and_header() {
        let text = "# Traduction\nmsgid \"\"\nmsgstr \"\"\n\"Language: fr_FR\\n\"\n\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n#: a.py:3\nmsgid \"Open\"\nmsgstr \"Ouvrir\"\n";
        let f = parse_ok(text);
        assert_eq!(f.target_lang.as_deref(), Some("fr_FR"));
        assert_eq!(f.units.len(), 1);
        let u = &f.units[0];
        assert_eq!(u.id, "ligne 8");
        assert_eq!(u.line, 8);
        assert_eq!(u.source, "Open");
        assert_eq!(u.target, "Ouvrir");
        assert_eq!(u.state, UnitState::Translated);
        assert_eq!(u.plural, None);
        let start = text.find("Ouvrir").unwrap();
        assert_eq!(u.target_range, Some((start, start + 6)));
        assert_eq!(u.pieces, vec![piece(0, 6, start, 6)]);
        assert!(u.notes.is_empty());
    }

    #[test]
    fn msgctxt_is_the_id() {
        let f = parse_ok("msgctxt \"menu|file\"\nmsgid \"Open\"\nmsgstr \"Ouvrir\"\n");
        assert_eq!(f.units[0].id, "menu|file");
        assert_eq!(f.units[0].line, 2);
        assert_eq!(f.units[0].context.as_deref(), Some("menu|file"));
        // An empty msgid with a msgctxt is a unit, not the header.
        let f = parse_ok("msgctxt \"c\"\nmsgid \"\"\nmsgstr \"x\"\n");
        assert_eq!(f.units.len(), 1);
        assert_eq!(f.units[0].id, "c");
        // An empty msgctxt falls back to the line.
        let f = parse_ok("msgctxt \"\"\nmsgid \"a\"\nmsgstr \"b\"\n");
        assert_eq!(f.units[0].id, "ligne 2");
        assert_eq!(f.units[0].context, None);
        let f = parse_ok("msgid \"a\"\nmsgstr \"b\"\n");
        assert_eq!(f.units[0].context, None);
    }

    #[test]
    fn continuation_lines_join_without_pieces() {
        let text = "msgid \"\"\n\"Hello \"\n\"world\"\nmsgstr \"\"\n\"Bonjour \"\n\"le monde\"\n";
        let f = parse_ok(text);
        let u = &f.units[0];
        assert_eq!(u.source, "Hello world");
        assert_eq!(u.target, "Bonjour le monde");
        assert_eq!(u.line, 1);
        let b = text.find("Bonjour").unwrap();
        let l = text.find("le monde").unwrap();
        assert_eq!(u.pieces, vec![piece(0, 8, b, 8), piece(8, 8, l, 8),]);
        let first = text.find("msgstr \"").unwrap() + 8;
        assert_eq!(u.target_range, Some((first, l + 8)));
        assert_eq!(u.file_offset(8), l);
        assert_eq!(u.file_offset(7), b + 7);
    }

    #[test]
    fn several_strings_on_one_line() {
        let text = "msgid \"a\" \"b\"\nmsgstr \"c\"  \"d\"\n";
        let f = parse_ok(text);
        assert_eq!(f.units[0].source, "ab");
        assert_eq!(f.units[0].target, "cd");
        assert_eq!(f.units[0].pieces.len(), 2);
    }

    #[test]
    fn escapes_are_pieces_of_their_own() {
        let text = "msgid \"x\"\nmsgstr \"a\\n\\t\\\"b\\\\\"\n";
        let f = parse_ok(text);
        let u = &f.units[0];
        assert_eq!(u.target, "a\n\t\"b\\");
        let s = text.find("a\\n").unwrap();
        assert_eq!(
            u.pieces,
            vec![
                piece(0, 1, s, 1),
                piece(1, 1, s + 1, 2),
                piece(2, 1, s + 3, 2),
                piece(3, 1, s + 5, 2),
                piece(4, 1, s + 7, 1),
                piece(5, 1, s + 8, 2),
            ]
        );
        assert_eq!(u.target_range, Some((s, s + 10)));
    }

    #[test]
    fn all_escapes_decode() {
        let f = parse_ok("msgid \"x\"\nmsgstr \"\\a\\b\\f\\v\\r\\101\\0\\x41\\x7e\\7\"\n");
        assert_eq!(f.units[0].target, "\u{7}\u{8}\u{c}\u{b}\rA\0A~\u{7}");
        assert_eq!(f.units[0].pieces.len(), 10);
        assert_eq!(f.units[0].pieces[5].file_len, 4); // \101
        assert_eq!(f.units[0].pieces[6].file_len, 2); // \0
        // Octal stops after three digits, hex after two.
        let f = parse_ok("msgid \"x\"\nmsgstr \"\\1011\\x414\"\n");
        assert_eq!(f.units[0].target, "A1A4");
    }

    #[test]
    fn escaped_utf8_bytes_make_one_character() {
        let text = "msgid \"x\"\nmsgstr \"d\\303\\251j\\xC3\\xA0\"\n";
        let f = parse_ok(text);
        let u = &f.units[0];
        assert_eq!(u.target, "déjà");
        assert_eq!(u.pieces.len(), 4);
        assert_eq!(u.pieces[1].decoded_len, 2);
        assert_eq!(u.pieces[1].file_len, 8);
        assert_eq!(u.pieces[3].file_len, 8);
        assert_eq!(err("msgid \"x\"\nmsgstr \"\\303\"\n").column, 9);
        assert!(
            err("msgid \"x\"\nmsgstr \"\\377\"\n")
                .message
                .contains("UTF-8")
        );
        assert!(
            err("msgid \"x\"\nmsgstr \"\\303a\"\n")
                .message
                .contains("UTF-8")
        );
        assert!(
            err("msgid \"x\"\nmsgstr \"\\xC3\\n\"\n")
                .message
                .contains("UTF-8")
        );
    }

    #[test]
    fn raw_multibyte_text_is_verbatim() {
        let text = "msgid \"Café\"\nmsgstr \"« Café » 🎉\"\n";
        let f = parse_ok(text);
        assert_eq!(f.units[0].target, "« Café » 🎉");
        assert_eq!(f.units[0].pieces.len(), 1);
        assert_eq!(f.units[0].pieces[0].file_len, "« Café » 🎉".len());
    }

    #[test]
    fn empty_msgstr_is_untranslated_with_an_empty_range() {
        let text = "msgid \"Open\"\nmsgstr \"\"\n";
        let f = parse_ok(text);
        let u = &f.units[0];
        let inside = text.find("msgstr \"").unwrap() + 8;
        assert_eq!(u.target_range, Some((inside, inside)));
        assert_eq!(u.state, UnitState::Untranslated);
        assert!(u.pieces.is_empty());
        assert_eq!(u.file_offset(0), inside);
    }

    #[test]
    fn msgid_without_msgstr_is_kept_without_target() {
        let f = parse_ok("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"B\"\n");
        assert_eq!(f.units.len(), 2);
        assert_eq!(f.units[0].target_range, None);
        assert_eq!(f.units[0].state, UnitState::Untranslated);
        assert_eq!(f.units[1].target, "B");
        let f = parse_ok("msgid \"a\"\n");
        assert_eq!(f.units[0].target_range, None);
    }

    #[test]
    fn plurals_make_one_unit_per_form() {
        let text = "msgctxt \"files\"\nmsgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"%d fichier\"\nmsgstr[1] \"%d fichiers\"\nmsgstr[2] \"\"\n";
        let f = parse_ok(text);
        assert_eq!(f.units.len(), 3);
        let u: Vec<_> = f
            .units
            .iter()
            .map(|u| (u.plural, u.source.as_str(), u.target.as_str(), u.state))
            .collect();
        assert_eq!(
            u,
            vec![
                (Some(0), "%d file", "%d fichier", UnitState::Translated),
                (Some(1), "%d files", "%d fichiers", UnitState::Translated),
                (Some(2), "%d files", "", UnitState::Untranslated),
            ]
        );
        assert!(f.units.iter().all(|u| u.id == "files" && u.line == 2));
        let p = text.find("%d fichiers").unwrap();
        assert_eq!(f.units[1].target_range, Some((p, p + 11)));
    }

    #[test]
    fn fuzzy_and_notes() {
        let text = "# Relu par Anne\n#\n#. Button label\n#: src/a.py:12\n#, fuzzy, python-format\n#| msgid \"Opn\"\nmsgid \"Open\"\nmsgstr \"Ouvrir\"\n\n#, python-format\nmsgid \"Close\"\nmsgstr \"Fermer\"\n";
        let f = parse_ok(text);
        assert_eq!(f.units[0].state, UnitState::Fuzzy);
        assert_eq!(f.units[0].notes, vec!["Relu par Anne", "Button label"]);
        assert_eq!(f.units[0].line, 7);
        assert_eq!(f.units[1].state, UnitState::Translated);
        assert!(f.units[1].notes.is_empty());
        // Translator comments first, whatever the order in the file.
        let f = parse_ok("#. extracted\n# translator\nmsgid \"a\"\nmsgstr \"b\"\n");
        assert_eq!(f.units[0].notes, vec!["translator", "extracted"]);
        // An empty fuzzy target is untranslated.
        let f = parse_ok("#, fuzzy\nmsgid \"a\"\nmsgstr \"\"\n");
        assert_eq!(f.units[0].state, UnitState::Untranslated);
        // « fuzzy » must be a flag of its own.
        let f = parse_ok("#, no-fuzzy-thing\nmsgid \"a\"\nmsgstr \"b\"\n");
        assert_eq!(f.units[0].state, UnitState::Translated);
    }

    #[test]
    fn comments_after_msgstr_belong_to_the_next_entry() {
        let f =
            parse_ok("msgid \"a\"\nmsgstr \"b\"\n#, fuzzy\n# note\nmsgid \"c\"\nmsgstr \"d\"\n");
        assert_eq!(f.units[0].state, UnitState::Translated);
        assert!(f.units[0].notes.is_empty());
        assert_eq!(f.units[1].state, UnitState::Fuzzy);
        assert_eq!(f.units[1].notes, vec!["note"]);
    }

    #[test]
    fn entries_need_no_blank_line_between_them() {
        let f = parse_ok(
            "msgid \"a\"\nmsgstr \"b\"\nmsgctxt \"c\"\nmsgid \"d\"\nmsgstr \"e\"\nmsgid \"f\"\nmsgstr \"g\"\n",
        );
        let ids: Vec<_> = f.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, vec!["ligne 1", "c", "ligne 6"]);
    }

    #[test]
    fn obsolete_entries_are_skipped() {
        let text = "msgid \"a\"\nmsgstr \"b\"\n\n# old note\n#, fuzzy\n#~ msgid \"old\"\n#~ msgstr \"vieux\"\n\n#~| msgid \"x\"\n#~ msgid \"y\"\n#~ msgstr \"\\q\"\n\nmsgid \"c\"\nmsgstr \"d\"\n";
        let f = parse_ok(text);
        assert_eq!(f.units.len(), 2);
        assert_eq!(f.units[1].source, "c");
        assert_eq!(f.units[1].state, UnitState::Translated);
        assert!(f.units[1].notes.is_empty());
    }

    #[test]
    fn tags_become_codes() {
        assert_eq!(
            tag_codes("<b>bold</b> and <BR/> <br /> <a href=\"x>y\" class='c'>l</a>"),
            vec!["<b>", "</b>", "<br/>", "<br/>", "<a>", "</a>"]
        );
        assert_eq!(
            tag_codes("a < b, c > d, <user@example.com>, <https://x.org>, <%s>, <>, </ b>"),
            Vec::<String>::new()
        );
        assert_eq!(tag_codes("<b"), Vec::<String>::new());
        assert_eq!(tag_codes("<b <i>x</i >"), vec!["<i>", "</i>"]);
        assert_eq!(
            tag_codes("<h1 id=a>t</h1><x:y/>"),
            vec!["<h1>", "</h1>", "<x:y/>"]
        );
        assert_eq!(tag_codes("<é>"), Vec::<String>::new());
        let f =
            parse_ok("msgid \"<b>Save</b> now\"\nmsgstr \"<strong>Enregistrer</strong> <br>\"\n");
        assert_eq!(f.units[0].source_codes, vec!["<b>", "</b>"]);
        assert_eq!(
            f.units[0].target_codes,
            vec!["<strong>", "</strong>", "<br>"]
        );
        assert_eq!(f.units[0].source, "<b>Save</b> now");
    }

    #[test]
    fn tag_codes_stay_linear() {
        let text = "<a title=\"".repeat(20_000);
        assert!(tag_codes(&text).is_empty());
        let text = "<b ".repeat(20_000);
        assert!(tag_codes(&text).is_empty());
    }

    #[test]
    fn crlf_and_bom_keep_file_offsets() {
        let text = "\u{FEFF}msgid \"\"\r\nmsgstr \"Language: fr\\n\"\r\n\r\nmsgid \"a\"\r\nmsgstr \"\"\r\n\"b\"\r\n\"c\\n\"\r\n";
        let f = parse_ok(text);
        assert_eq!(f.target_lang.as_deref(), Some("fr"));
        let u = &f.units[0];
        assert_eq!(u.target, "bc\n");
        assert_eq!(u.line, 4);
        let b = text.find("\"b\"").unwrap() + 1;
        assert_eq!(u.pieces[0], piece(0, 1, b, 1));
        let close = text.rfind('"').unwrap();
        assert_eq!(u.target_range.unwrap().1, close);
        // A BOM before the first keyword of a unit.
        let f = parse_ok("\u{FEFF}msgid \"a\"\nmsgstr \"b\"\n");
        assert_eq!(f.units[0].pieces[0].file, 21);
    }

    #[test]
    fn leading_whitespace_and_blank_lines_inside_strings() {
        let f = parse_ok("  msgid \"a\"\n\tmsgstr \"b\"\n   \"c\"\n\n\r\r\n\"d\"\n");
        assert_eq!(f.units[0].target, "bcd");
    }

    #[test]
    fn header_language_only_from_the_first_header() {
        let f = parse_ok("msgid \"\"\nmsgstr \"Project: x\\nLanguage: \\n\"\n");
        assert_eq!(f.target_lang, None);
        let f = parse_ok(
            "msgid \"\"\nmsgstr \"Language: fr-CA\\n\"\n\nmsgid \"\"\nmsgstr \"Language: de\\n\"\n",
        );
        assert_eq!(f.target_lang.as_deref(), Some("fr-CA"));
        assert!(f.units.is_empty());
    }

    #[test]
    fn empty_and_comment_only_files() {
        assert!(parse_ok("").units.is_empty());
        assert!(parse_ok("\u{FEFF}").units.is_empty());
        assert!(parse_ok("# only a comment\n\n").units.is_empty());
        assert!(parse_ok("\n\n\r\n").units.is_empty());
    }

    #[test]
    fn syntax_errors_say_where_and_what() {
        let e = err("msgid \"a\"\nmsgstr \"b\"\nbonjour\n");
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.message.starts_with("ligne invalide"), "{e}");
        let e = err("msgid \"a\"\nmsgstr \"b\n");
        assert_eq!((e.line, e.column), (2, 8));
        assert!(e.message.contains("non terminée"), "{e}");
        let e = err("msgid \"a\"\nmsgstr \"b\\\"\n");
        assert!(e.message.contains("non terminée"), "{e}");
        let e = err("msgid \"a\"\nmsgstr \"b\\q\"\n");
        assert_eq!((e.line, e.column), (2, 10));
        assert_eq!(e.message, "échappement invalide : « \\q »");
        let e = err("msgid \"a\"\nmsgstr \"\\é\"\n");
        assert_eq!(e.message, "échappement invalide : « \\é »");
        assert!(
            err("msgid \"a\"\nmsgstr \"\\x\"\n")
                .message
                .contains("hexadécimal")
        );
        assert!(
            err("msgid \"a\"\nmsgstr \"\\777\"\n")
                .message
                .contains("octet")
        );
        assert!(
            err("msgid \"a\"\nmsgstr \"b\\")
                .message
                .contains("fin de ligne")
        );
        let e = err("msgstr \"b\"\n");
        assert_eq!(e.message, "msgstr sans msgid");
        let e = err("msgctxt \"c\"\nmsgstr \"b\"\n");
        assert_eq!((e.line, e.message.as_str()), (2, "msgstr sans msgid"));
        let e = err("msgid \"a\"\nmsgstr[0] \"b\"\n");
        assert_eq!(e.message, "msgstr[0] sans msgid_plural");
        let e = err("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"b\"\n");
        assert!(e.message.starts_with("msgstr sans indice"), "{e}");
        let e = err("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[1] \"b\"\n");
        assert_eq!(e.message, "msgstr[1] inattendu : msgstr[0] attendu");
        assert!(
            err("msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"\n")
                .message
                .contains("en double")
        );
        assert!(
            err("msgctxt \"a\"\nmsgctxt \"b\"\n")
                .message
                .contains("en double")
        );
        assert_eq!(err("msgctxt \"a\"\n").message, "msgctxt sans msgid");
        assert_eq!(
            err("msgid_plural \"a\"\n").message,
            "msgid_plural sans msgid"
        );
        assert!(
            err("msgid \"a\"\nmsgstr \"b\"\nmsgid_plural \"c\"\n")
                .message
                .contains("précéder")
        );
        assert!(err("\"orphan\"\n").message.starts_with("chaîne inattendue"));
        assert!(
            err("msgid \"a\"\nmsgstr \"b\"\n# c\n\"d\"\n")
                .message
                .starts_with("chaîne inattendue")
        );
        assert!(
            err("msgid \"a\" x\n")
                .message
                .starts_with("texte inattendu")
        );
        assert!(
            err("msgid a\n")
                .message
                .starts_with("chaîne entre guillemets attendue")
        );
        assert!(
            err("msgid\n")
                .message
                .starts_with("chaîne entre guillemets attendue")
        );
        assert!(err("msgid2 \"a\"\n").message.starts_with("ligne invalide"));
        assert!(
            err("msgstr[x] \"a\"\n")
                .message
                .starts_with("indice de pluriel invalide")
        );
        assert!(
            err("msgstr[99999999999999999999999] \"a\"\n")
                .message
                .starts_with("indice")
        );
        assert!(err("msgstr[").message.starts_with("indice"));
        assert!(err("msgfoo \"a\"\n").message.starts_with("ligne invalide"));
        assert!(err("Msgid \"a\"\n").message.starts_with("ligne invalide"));
    }

    #[test]
    fn the_first_error_is_returned() {
        let e = err("msgid \"a\"\nmsgstr \"\\q\"\n\nmsgid \"b\n");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn error_offsets_are_file_offsets_with_crlf_and_bom() {
        let e = err("\u{FEFF}msgid \"a\"\r\nmsgstr \"é\\q\"\r\n");
        assert_eq!((e.line, e.column), (2, 10));
    }

    #[test]
    fn never_panics() {
        let sample = "\u{FEFF}# tr\n#. ex\n#, fuzzy\nmsgctxt \"c\"\nmsgid \"é\\n\\303\\251\"\nmsgid_plural \"x\\x41\"\r\nmsgstr[0] \"\"\n\"a\\\"b\"\nmsgstr[1] \"<b>\\t</b>\"\n#~ msgid \"o\"\n";
        for (i, _) in sample.char_indices() {
            let _ = parse(&sample[..i]);
            let _ = parse(&sample[i..]);
        }
        // Pseudo-random splices of PO fragments.
        let fragments = [
            "msgid",
            "msgstr",
            "msgstr[0]",
            "msgstr[1]",
            "msgid_plural",
            "msgctxt",
            " ",
            "\"",
            "\\",
            "\n",
            "\r\n",
            "#",
            "#,",
            " fuzzy",
            "#~",
            "#|",
            "#.",
            "é",
            "🎉",
            "\\3",
            "\\303",
            "\\x",
            "\\xC3",
            "0",
            "7",
            "n",
            "[",
            "]",
            "<b>",
            "</b",
            "\u{FEFF}",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(fragments[(seed % fragments.len() as u64) as usize]);
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            if let Ok(f) = parse(&text) {
                check_invariants(&text, &f);
                let _ = f.mask(text.len());
            }
        }
    }

    #[test]
    fn big_files_parse_whole() {
        // Speed is measured by the benchmarks (benches/, bench/), not here.
        let mut text = String::from("msgid \"\"\nmsgstr \"Language: fr\\n\"\n\n");
        for i in 0..20_000 {
            text.push_str(&format!(
                "#: src/x.py:{i}\nmsgid \"Message number {i} with <b>tags</b>\\n\"\nmsgstr \"\"\n\"Message numéro {i} \"\n\"avec des <b>balises</b>\\n\"\n\n"
            ));
        }
        let f = parse(&text).unwrap();
        assert_eq!(f.units.len(), 20_000);
    }

    /// Every PO file of the real corpora, when they are there.
    #[test]
    fn real_corpora_parse() {
        let root = std::path::Path::new("/tmp/relecture-corpora/src");
        if !root.is_dir() {
            eprintln!(
                "note : {} absent, test des corpus PO réels sauté",
                root.display()
            );
            return;
        }
        let mut stack = vec![root.to_path_buf()];
        let mut files = 0;
        let mut units = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "po") {
                    let bytes = std::fs::read(&path).unwrap();
                    let text = crate::formats::decode(bytes)
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    let f = parse(&text).unwrap_or_else(|e| panic!("{}:{e}", path.display()));
                    check_invariants(&text, &f);
                    files += 1;
                    units += f.units.len();
                }
            }
        }
        eprintln!("corpus PO : {files} fichiers, {units} unités");
        assert!(
            units > 40_000,
            "{units} unités seulement dans {files} fichiers"
        );
    }
}
