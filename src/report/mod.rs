/*! Reporters: one per output format behind one trait. Output is sorted by path, then
offset, then rule, so that it is deterministic. */

mod github;
mod html;
mod human;
mod json;
mod markdown;
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
        for f in files {
            s.words += f.doc.word_count();
            for d in &f.diagnostics {
                s.diagnostics += 1;
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
                *s.by_rule.entry(d.rule.to_string()).or_default() += 1;
            }
        }
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
/// of its start and end.
pub fn positions(doc: &Document, d: &Diagnostic) -> (usize, usize, usize, usize) {
    let (l1, c1) = doc.lines.line_col(&doc.text, d.span.start);
    let (l2, c2) = doc.lines.line_col(&doc.text, d.span.end);
    (l1, c1, l2, c2)
}
