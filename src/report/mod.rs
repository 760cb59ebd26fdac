/*! Reporters: one per output format behind one trait. Output is sorted by path, then
offset, then rule, so that it is deterministic. */

mod github;
mod html;
mod human;
mod json;
mod markdown;
mod pretty;
mod rdjson;
mod sarif;
mod xml;

pub use github::Github;
pub use html::Html;
pub use human::Human;
pub use json::Json;
pub use markdown::Markdown;
pub use rdjson::Rdjson;
pub use sarif::Sarif;
pub use xml::{Checkstyle, Junit};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The findings of one checked file.
pub struct FileResult {
    pub doc: Document,
    pub diagnostics: Vec<Diagnostic>,
    /// For a bilingual file: the translation units (to show the source next to a finding).
    pub units: Vec<crate::formats::bilingual::Unit>,
    /// Why an external engine (`--with grammalecte`, `--languagetool-url`) gave nothing
    /// for this file; the file's own findings are still there.
    pub engine_errors: Vec<String>,
}

impl FileResult {
    pub fn new(doc: Document, diagnostics: Vec<Diagnostic>) -> FileResult {
        FileResult {
            doc,
            diagnostics,
            units: Vec::new(),
            engine_errors: Vec::new(),
        }
    }

    /// The source text of the unit a finding belongs to, for bilingual files.
    pub fn source_of(&self, d: &Diagnostic) -> Option<&str> {
        let id = d.unit.as_deref()?;
        self.units
            .iter()
            .find(|u| {
                u.id == id
                    && u.target_range
                        .is_some_and(|(s, e)| s <= d.span.start && d.span.start <= e)
            })
            .or_else(|| self.units.iter().find(|u| u.id == id))
            .map(|u| u.source.as_str())
    }
}

/// A file that could not be checked (unreadable, not UTF-8, bad glossary...).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InputError {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.path, self.message),
            (Some(l), None) => write!(f, "{}:{l}: {}", self.path, self.message),
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub words: usize,
    pub diagnostics: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub input_errors: usize,
    pub by_rule: BTreeMap<String, usize>,
}

impl Summary {
    pub fn new(files: &[FileResult], errors: &[InputError]) -> Summary {
        let mut s = Summary {
            files: files.len(),
            input_errors: errors.len(),
            ..Summary::default()
        };
        // Counted under the rules' static names, first by their address (a rule gives its
        // findings one name: a few rules, where the names of a termbase's 15,000 findings
        // on the PO text were each compared with a map's, 3 M instructions), then by
        // their text, copied once each at the end.
        let mut by_name: Vec<(&'static str, usize)> = Vec::new();
        for f in files {
            s.words += f.doc.word_count();
            for d in &f.diagnostics {
                s.diagnostics += 1;
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
                match by_name.iter_mut().find(|(r, _)| std::ptr::eq(*r, d.rule)) {
                    Some((_, n)) => *n += 1,
                    None => by_name.push((d.rule, 1)),
                }
            }
        }
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for (rule, n) in by_name {
            *by_rule.entry(rule).or_default() += n;
        }
        s.by_rule = by_rule
            .into_iter()
            .map(|(rule, n)| (rule.to_string(), n))
            .collect();
        s
    }
}

pub trait Reporter {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// Position of a diagnostic for reports: 1-based line and column (Unicode scalar values)
/// of its start and end. For every finding of a file, `Positions` is cheaper.
pub fn positions(doc: &Document, d: &Diagnostic) -> (usize, usize, usize, usize) {
    let (l1, c1) = doc.lines.line_col(&doc.text, d.span.start);
    let (l2, c2) = doc.lines.line_col(&doc.text, d.span.end);
    (l1, c1, l2, c2)
}

/// The positions of a file's findings, as `positions` gives them, found by walking
/// forward: findings come sorted by offset, so the column of a start is counted from the
/// previous start when both are on one line (not from the line's start: a text of few, long
/// lines would make that quadratic), and the line is searched for only when the walk
/// leaves its line. Any order of offsets gives the right answer; sorted ones are cheap.
#[derive(Clone, Copy)]
pub struct Positions<'a> {
    doc: &'a Document,
    /// 0-based line of `offset`.
    line: usize,
    /// The offset the walk has reached, and its 1-based column.
    offset: usize,
    column: usize,
}

impl<'a> Positions<'a> {
    pub fn new(doc: &'a Document) -> Positions<'a> {
        Positions {
            doc,
            line: 0,
            offset: 0,
            column: 1,
        }
    }

    /// 1-based line and column of `offset`; the walk moves there.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let lines = &self.doc.lines;
        let next_line = if self.line + 1 < lines.len() {
            lines.line_start(self.line + 1)
        } else {
            usize::MAX
        };
        if offset < self.offset || offset >= next_line {
            self.line = if offset < self.offset {
                lines.line_of(offset)
            } else {
                lines.line_of_from(self.line + 1, offset)
            };
            self.offset = lines.line_start(self.line);
            self.column = 1;
        }
        self.column += self.doc.text[self.offset..offset].chars().count();
        self.offset = offset;
        (self.line + 1, self.column)
    }

    /// Line and column of a finding's start and end, as `positions`; the walk moves to
    /// its start (the next finding may start before this one ends).
    pub fn of(&mut self, d: &Diagnostic) -> (usize, usize, usize, usize) {
        let (l1, c1) = self.at(d.span.start);
        let mut end = *self;
        let (l2, c2) = end.at(d.span.end);
        (l1, c1, l2, c2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Span};

    #[test]
    fn walked_positions_are_the_searched_ones() {
        let text = "é\nça va à Paris\n\nune très longue ligne, « à part »\r\nfin é";
        let doc = Document::new("t.txt", text.to_string(), crate::formats::Format::Text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        // Every pair of offsets, in order and out of order, one walk for all.
        let mut walk = Positions::new(&doc);
        for &s in &bounds {
            for &e in bounds.iter().filter(|&&e| e >= s) {
                let d = Diagnostic::new("x", Category::Style, Severity::Info, Span::new(s, e), "m");
                assert_eq!(walk.of(&d), positions(&doc, &d), "{s}..{e}");
            }
        }
        for &s in bounds.iter().rev() {
            assert_eq!(walk.at(s), doc.lines.line_col(text, s));
        }
    }

    /// The findings counted by rule, whatever the address of each rule's name, as a count
    /// by name.
    #[test]
    fn rules_counted_by_name() {
        let doc = Document::new("t.txt", "abc".to_string(), crate::formats::Format::Text);
        // The same names at other addresses.
        let leaked = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
        let names = ["calque", "forbidden-term", leaked("calque"), "agreement"];
        let mut rng = crate::testing::Rng::new(0x0005_C04E);
        let diags: Vec<Diagnostic> = (0..200)
            .map(|_| {
                Diagnostic::new(
                    names[rng.below(names.len())],
                    Category::Style,
                    Severity::Info,
                    Span::new(0, 1),
                    "m",
                )
            })
            .collect();
        let mut expected: BTreeMap<String, usize> = BTreeMap::new();
        for d in &diags {
            *expected.entry(d.rule.to_string()).or_default() += 1;
        }
        let files = [FileResult::new(doc, diags)];
        assert_eq!(Summary::new(&files, &[]).by_rule, expected);
        assert_eq!(expected.len(), 3);
    }

    /// The walk over texts of many lines, by offsets in order with jumps of any length,
    /// gives the searched positions.
    #[test]
    fn long_walks_are_the_searched_ones() {
        let mut rng = crate::testing::Rng::new(0x9051_7105);
        for _ in 0..200 {
            let text = rng.string(&["a", "é", " ", "\n", "\n\n", "«", "\r\n", "xyz"], 400);
            let doc = Document::new("t.txt", text.clone(), crate::formats::Format::Text);
            let mut offsets: Vec<usize> = (0..rng.below(40))
                .map(|_| rng.below(text.len() + 1))
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            offsets.sort_unstable();
            let mut walk = Positions::new(&doc);
            for &o in &offsets {
                assert_eq!(walk.at(o), doc.lines.line_col(&text, o), "{text:?} {o}");
            }
        }
    }
}
