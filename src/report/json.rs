//! `--format json`: one object `{"diagnostics": [...], "errors": [...], "summary": {...}}`,
//! the stable contract documented in the README.
//!
//! The findings are written by hand, byte for byte as `serde_json::to_writer_pretty`
//! writes them (two-space indentation, the fields in the order below, absent optional
//! fields left out): a report may hold tens of thousands of findings, and the serializer
//! makes a call and a small write for every key, value and step of indentation. The
//! errors and the summary, written once, still go through serde_json. A test checks the
//! output against serde_json's.

use super::{FileResult, InputError, Positions, Reporter, Summary};
use crate::diagnostic::Diagnostic;
use serde::Serialize;
use std::io::{self, Write};

pub struct Json;

/// What is held before it is handed to the output.
const CHUNK: usize = 1 << 16;

impl Reporter for Json {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut w = Vec::with_capacity(2 * CHUNK);
        w.extend_from_slice(b"{\n  \"diagnostics\": [");
        let mut first = true;
        let mut shared = Shared::default();
        for f in files {
            // The file's path, escaped once for all its findings.
            let mut path = Vec::new();
            string(&mut path, &f.doc.path);
            let mut positions = Positions::new(&f.doc);
            for d in &f.diagnostics {
                w.extend_from_slice(if first { b"\n    {" } else { b",\n    {" });
                first = false;
                diagnostic(&mut w, f, d, &path, positions.of(d), &mut shared);
                w.extend_from_slice(b"\n    }");
                if w.len() >= CHUNK {
                    out.write_all(&w)?;
                    w.clear();
                }
            }
        }
        w.extend_from_slice(if first { b"]" } else { b"\n  ]" });
        w.extend_from_slice(b",\n  \"errors\": ");
        nested(&mut w, errors);
        w.extend_from_slice(b",\n  \"summary\": ");
        nested(&mut w, &Summary::new(files, errors));
        w.extend_from_slice(b"\n}\n");
        out.write_all(&w)?;
        out.flush()
    }
}

/// The members of one finding's object.
fn diagnostic(
    w: &mut Vec<u8>,
    f: &FileResult,
    d: &Diagnostic,
    path: &[u8],
    (line, column, end_line, end_column): (usize, usize, usize, usize),
    shared: &mut Shared,
) {
    w.extend_from_slice(b"\n      \"path\": ");
    w.extend_from_slice(path);
    w.extend_from_slice(b",\n      \"start\": ");
    number(w, d.span.start);
    w.extend_from_slice(b",\n      \"end\": ");
    number(w, d.span.end);
    w.extend_from_slice(b",\n      \"line\": ");
    number(w, line);
    w.extend_from_slice(b",\n      \"column\": ");
    number(w, column);
    w.extend_from_slice(b",\n      \"end_line\": ");
    number(w, end_line);
    w.extend_from_slice(b",\n      \"end_column\": ");
    number(w, end_column);
    w.extend_from_slice(b",\n      \"rule\": ");
    name(w, d.rule);
    w.extend_from_slice(b",\n      \"category\": ");
    name(w, d.category.as_str());
    w.extend_from_slice(b",\n      \"severity\": ");
    name(w, d.severity.as_str());
    w.extend_from_slice(b",\n      \"message\": ");
    string(w, &d.message);
    w.extend_from_slice(b",\n      \"text\": ");
    string(w, &f.doc.text[d.span.start..d.span.end]);
    w.extend_from_slice(b",\n      \"suggestions\": [");
    // Where each replacement is written, to be copied into its fix.
    let mut written = [(0, 0); 4];
    for (i, s) in d.suggestions.iter().enumerate() {
        w.extend_from_slice(if i == 0 {
            b"\n        "
        } else {
            b",\n        "
        });
        let at = w.len();
        string(w, &s.replacement);
        if let Some(place) = written.get_mut(i) {
            *place = (at, w.len());
        }
    }
    w.extend_from_slice(if d.suggestions.is_empty() {
        b"]"
    } else {
        b"\n      ]"
    });
    w.extend_from_slice(b",\n      \"fixes\": [");
    for (i, s) in d.suggestions.iter().enumerate() {
        w.extend_from_slice(if i == 0 {
            b"\n        {"
        } else {
            b",\n        {"
        });
        w.extend_from_slice(b"\n          \"replacement\": ");
        // (Escaped once: the replacement as written in `suggestions`.)
        match written.get(i) {
            Some(&(a, b)) => w.extend_from_within(a..b),
            None => string(w, &s.replacement),
        }
        w.extend_from_slice(b",\n          \"applicability\": ");
        name(w, s.applicability.as_str());
        w.extend_from_slice(b"\n        }");
    }
    w.extend_from_slice(if d.suggestions.is_empty() {
        b"]"
    } else {
        b"\n      ]"
    });
    // The note and the entry are shared by the findings of one glossary entry.
    for (key, value) in [
        (&b",\n      \"note\": "[..], d.note.as_deref()),
        (b",\n      \"entry\": ", d.entry.as_deref()),
    ] {
        if let Some(v) = value {
            w.extend_from_slice(key);
            shared.string(w, v);
        }
    }
    for (key, value) in [
        (&b",\n      \"unit\": "[..], d.unit.as_deref()),
        (b",\n      \"source\": ", f.source_of(d)),
    ] {
        if let Some(v) = value {
            w.extend_from_slice(key);
            string(w, v);
        }
    }
}

/// The JSON of the shared strings written last (the notes and ids of the glossary's
/// entries, each an `Arc<str>` given to all the entry's findings), by address: a
/// termbase's 14,000 findings on the PO text were each looked at for escapes twice
/// (27,000 calls, 3.9 M instructions) for some 1,500 distinct strings. Strings at one
/// address (and of one length) while the findings live are one string.
struct Shared {
    /// Per slot (by address): the string's address and length, where its JSON starts in
    /// `json` and its length there.
    slots: Vec<(usize, usize, usize, usize)>,
    json: Vec<u8>,
}

const SHARED_SLOTS: usize = 1024;

impl Default for Shared {
    fn default() -> Shared {
        Shared {
            slots: vec![(0, 0, 0, 0); SHARED_SLOTS],
            json: Vec::new(),
        }
    }
}

impl Shared {
    /// `s` as a JSON string, as `string` writes it.
    fn string(&mut self, w: &mut Vec<u8>, s: &str) {
        let at = s.as_ptr() as usize;
        let slot = &mut self.slots[(at >> 3) % SHARED_SLOTS];
        if slot.0 == at && slot.1 == s.len() && at != 0 {
            w.extend_from_slice(&self.json[slot.2..slot.2 + slot.3]);
            return;
        }
        let start = w.len();
        string(w, s);
        // Written anew when the JSON grows large (many distinct strings).
        if self.json.len() > 1 << 20 {
            self.json.clear();
            self.slots.iter_mut().for_each(|s| *s = (0, 0, 0, 0));
        }
        let slot = &mut self.slots[(at >> 3) % SHARED_SLOTS];
        *slot = (at, s.len(), self.json.len(), w.len() - start);
        self.json.extend_from_slice(&w[start..]);
    }
}

/// `s` as a JSON string, escaped as serde_json escapes it: most strings need no escape
/// and are copied whole; the others are left to serde_json.
fn string(w: &mut Vec<u8>, s: &str) {
    if needs_escape(s.as_bytes()) {
        serde_json::to_writer(&mut *w, s).expect("a string is written to memory");
    } else {
        w.reserve(s.len() + 2);
        w.push(b'"');
        w.extend_from_slice(s.as_bytes());
        w.push(b'"');
    }
}

/// A name of the program's own (a rule id, a category, a severity, an applicability) as a
/// JSON string: these are ASCII words and signs that need no escape (a test checks them
/// all), written without looking for one. (Inlined: 60,000 calls for the termbase's
/// findings on the PO text, most of their cost the call.)
#[inline(always)]
fn name(w: &mut Vec<u8>, s: &'static str) {
    debug_assert!(!needs_escape(s.as_bytes()), "{s:?}");
    w.reserve(s.len() + 2);
    w.push(b'"');
    w.extend_from_slice(s.as_bytes());
    w.push(b'"');
}

/// True when `s` holds a byte JSON escapes: a quote, a backslash, a control character.
fn needs_escape(s: &[u8]) -> bool {
    // Eight bytes at a time as one number, the last eight overlapping the word before
    // them and a string shorter than eight padded with a letter: no byte is tested on its
    // own (a report writes some ten short strings per finding, and the bytes past the last
    // whole block, tested one by one, cost most of the 150 instructions a string took).
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("eight bytes"));
    if s.len() < 8 {
        let mut padded = [b'a'; 8];
        padded[..s.len()].copy_from_slice(s);
        return escapes_in(word(&padded));
    }
    s.chunks_exact(8).any(|w| escapes_in(word(w))) || escapes_in(word(&s[s.len() - 8..]))
}

/// True when one of the eight bytes of `x` is below 0x20, a quote or a backslash.
fn escapes_in(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Some byte of `x` is zero (the bytes flagged past the first zero do not matter).
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    // A byte below 0x20 stays below 0x80 once 0x60 is added; a byte from 0x80 on (never
    // escaped) is kept out of the sum by its high bit, and out of the result by `!x`.
    let control = !(x & !HIGH).wrapping_add(0x60 * ONES) & !x & HIGH;
    (control | zero_byte(x ^ (u64::from(b'"') * ONES)) | zero_byte(x ^ (u64::from(b'\\') * ONES)))
        != 0
}

fn number(w: &mut Vec<u8>, n: usize) {
    w.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `value` as `to_writer_pretty` writes it as a member of the top object: every line after
/// the first indented by two more spaces (a line break is never inside a JSON string,
/// where it is escaped).
fn nested<T: Serialize + ?Sized>(w: &mut Vec<u8>, value: &T) {
    let json = serde_json::to_vec_pretty(value).expect("the errors and summary serialize");
    for (i, line) in json.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            w.extend_from_slice(b"\n  ");
        }
        w.extend_from_slice(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Category, Severity, Span, Suggestion};
    use crate::document::Document;
    use crate::formats::Format;

    /// The report as serde_json writes it: the definition the hand-written one must match.
    fn reference(files: &[FileResult], errors: &[InputError]) -> Vec<u8> {
        #[derive(Serialize)]
        struct JsonDiagnostic<'a> {
            path: &'a str,
            start: usize,
            end: usize,
            line: usize,
            column: usize,
            end_line: usize,
            end_column: usize,
            rule: &'a str,
            category: &'a str,
            severity: &'a str,
            message: &'a str,
            text: &'a str,
            suggestions: Vec<&'a str>,
            fixes: &'a [Suggestion],
            #[serde(skip_serializing_if = "Option::is_none")]
            note: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            entry: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            unit: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            source: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct JsonReport<'a> {
            diagnostics: Vec<JsonDiagnostic<'a>>,
            errors: &'a [InputError],
            summary: Summary,
        }
        let mut diagnostics = Vec::new();
        for f in files {
            for d in &f.diagnostics {
                let (line, column, end_line, end_column) = super::super::positions(&f.doc, d);
                diagnostics.push(JsonDiagnostic {
                    path: &f.doc.path,
                    start: d.span.start,
                    end: d.span.end,
                    line,
                    column,
                    end_line,
                    end_column,
                    rule: d.rule,
                    category: d.category.as_str(),
                    severity: d.severity.as_str(),
                    message: &d.message,
                    text: &f.doc.text[d.span.start..d.span.end],
                    suggestions: d
                        .suggestions
                        .iter()
                        .map(|s| s.replacement.as_str())
                        .collect(),
                    fixes: &d.suggestions,
                    note: d.note.as_deref(),
                    entry: d.entry.as_deref(),
                    unit: d.unit.as_deref(),
                    source: f.source_of(d),
                });
            }
        }
        let report = JsonReport {
            diagnostics,
            errors,
            summary: Summary::new(files, errors),
        };
        let mut out = serde_json::to_vec_pretty(&report).unwrap();
        out.push(b'\n');
        out
    }

    fn written(files: &[FileResult], errors: &[InputError]) -> Vec<u8> {
        let mut out = Vec::new();
        Json.report(files, errors, &mut out).unwrap();
        out
    }

    /// Every character serde_json escapes, and a few it does not.
    const AWKWARD: &str = "a\"b\\c\u{0}\u{1}\u{8}\t\n\u{c}\r\u{1f} \u{7f}é€😀/";

    #[test]
    fn written_as_serde_json_writes_it() {
        // Nothing at all.
        assert_eq!(written(&[], &[]), reference(&[], &[]));
        // A checked article and a bilingual file (units, sources).
        let checker = crate::check::Checker::new(crate::glossary::defaults::load().unwrap());
        let article = checker
            .check_text(
                "corpus/meta-puce-ia.fr.txt",
                include_str!("../../corpus/meta-puce-ia.fr.txt").to_string(),
                Format::Text,
            )
            .unwrap();
        let po = checker
            .check_text(
                "corpus/meta-puce-ia.fr.po",
                include_str!("../../corpus/meta-puce-ia.fr.po").to_string(),
                Format::Po,
            )
            .unwrap();
        assert!(article.diagnostics.len() > 10 && !po.diagnostics.is_empty());
        // Awkward strings everywhere, several suggestions, none, empty spans, offsets out
        // of order, lines of several bytes per character.
        let text = format!("ligne é\n{AWKWARD}\n\n« fin » é");
        let mk = |s: usize, e: usize, sev| {
            Diagnostic::new(
                "forbidden-term",
                Category::Terminology,
                sev,
                Span::new(s, e),
                AWKWARD,
            )
        };
        let (n, emoji) = (text.len(), text.find('😀').unwrap());
        let diags = vec![
            mk(0, 5, Severity::Error)
                .with_replacements([AWKWARD, "b", ""])
                .with_note(Some(AWKWARD.to_string()))
                .with_entry(AWKWARD),
            mk(9, 20, Severity::Info)
                .with_replacements(["x"])
                .with_applicability(Applicability::Unsafe),
            mk(n, n, Severity::Warning),
            mk(3, emoji, Severity::Warning).with_replacements(["y"]),
            mk(n - 2, n, Severity::Info),
        ];
        let mut awkward = FileResult::new(
            Document::new(format!("dir/{AWKWARD}.txt"), text, Format::Text),
            diags,
        );
        awkward.diagnostics[1].unit = Some(AWKWARD.to_string());
        let errors = [
            InputError {
                path: AWKWARD.to_string(),
                line: Some(3),
                column: None,
                message: AWKWARD.to_string(),
            },
            InputError {
                path: "b.po".to_string(),
                line: Some(1),
                column: Some(2),
                message: "illisible".to_string(),
            },
        ];
        let files = [article, po, awkward];
        assert_eq!(
            String::from_utf8(written(&files, &errors)).unwrap(),
            String::from_utf8(reference(&files, &errors)).unwrap()
        );
        assert_eq!(written(&files[..1], &[]), reference(&files[..1], &[]));
        assert_eq!(written(&[], &errors), reference(&[], &errors));
    }

    /// The test eight bytes at a time says what the test of each byte says, on random
    /// strings of bytes (the high ones and those next to the escaped ones most of all).
    #[test]
    fn escapes_are_found_as_byte_by_byte() {
        let plain = |s: &[u8]| s.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        let mut rng = crate::testing::Rng::new(0x4A53_4F4E);
        let near = [
            0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0x9F, 0xA0, 0xA2,
            0xDC, 0xFF, b'a',
        ];
        for _ in 0..20_000 {
            let n = rng.below(40);
            let s: Vec<u8> = (0..n)
                .map(|_| {
                    if rng.below(2) == 0 {
                        near[rng.below(near.len())]
                    } else {
                        rng.below(256) as u8
                    }
                })
                .collect();
            assert_eq!(needs_escape(&s), plain(&s), "{s:?}");
            // One byte of any value among plain letters, at any place.
            let mut one = vec![b'x'; n.max(1)];
            let at = rng.below(one.len());
            one[at] = rng.below(256) as u8;
            assert_eq!(needs_escape(&one), plain(&one), "{one:?}");
        }
    }

    /// The names written without an escape (`name`) need none: every rule id, category,
    /// severity and applicability.
    #[test]
    fn names_need_no_escape() {
        use crate::diagnostic::{Applicability, Category, Severity};
        let metas: Vec<_> = crate::rules::all_metas().collect();
        assert!(metas.len() > 20);
        let names = metas
            .iter()
            .flat_map(|m| [m.id, m.category.as_str(), m.severity.as_str()])
            .chain([Severity::Info, Severity::Warning, Severity::Error].map(Severity::as_str))
            .chain(
                [
                    Applicability::Safe,
                    Applicability::Unsafe,
                    Applicability::DisplayOnly,
                ]
                .map(Applicability::as_str),
            )
            .chain(
                [
                    Category::Terminology,
                    Category::Mistranslation,
                    Category::Untranslated,
                    Category::Grammar,
                    Category::Style,
                    Category::LocaleConvention,
                    Category::Omission,
                    Category::Addition,
                    Category::Inconsistency,
                    Category::Punctuation,
                    Category::Spelling,
                    Category::Markup,
                ]
                .map(Category::as_str),
            );
        for n in names {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            name(&mut a, n);
            string(&mut b, n);
            assert_eq!(a, b, "{n:?}");
        }
    }

    /// Shared strings are written as `string` writes them, whether their address was met
    /// before or not, with other strings in between, and after the kept JSON is cleared.
    #[test]
    fn shared_strings_as_written_each_time() {
        let mut rng = crate::testing::Rng::new(0x05A2_ED00);
        let strings: Vec<std::sync::Arc<str>> = (0..3000)
            .map(|i| {
                let s = rng.string(&["a", "é", "\"", "\\", "\n", " ", "«"], 12);
                std::sync::Arc::from(format!("{s}{i}").repeat(1 + i % 3 * 200))
            })
            .collect();
        let mut shared = Shared::default();
        for _ in 0..20_000 {
            let s = &strings[rng.below(strings.len())];
            let (mut a, mut b) = (b"x".to_vec(), b"x".to_vec());
            shared.string(&mut a, s);
            string(&mut b, s);
            assert_eq!(a, b, "{s:?}");
        }
    }

    #[test]
    fn strings_escaped_as_serde_json_escapes_them() {
        for c in (0u32..0x80)
            .filter_map(char::from_u32)
            .chain(['é', '\u{2028}'])
        {
            // The character in a block of sixteen bytes and in the remainder.
            for at in [0, 5, 15, 16, 17, 31, 40] {
                let mut s = "x".repeat(at);
                s.push(c);
                s.push_str("yz");
                let mut w = Vec::new();
                string(&mut w, &s);
                assert_eq!(w, serde_json::to_vec(&s).unwrap(), "{c:?} at {at}");
            }
        }
    }
}
