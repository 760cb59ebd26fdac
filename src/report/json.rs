//! `--format json`: one object `{"diagnostics": [...], "errors": [...], "summary": {...}}`,
//! the stable contract documented in the README.

use super::{FileResult, InputError, Reporter, Summary, positions};
use crate::diagnostic::Suggestion;
use serde::Serialize;
use std::io::{self, Write};

pub struct Json;

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

impl Reporter for Json {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut diagnostics = Vec::new();
        for f in files {
            for d in &f.diagnostics {
                let (line, column, end_line, end_column) = positions(&f.doc, d);
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
        // Buffered here: serde_json makes many small writes.
        let mut w = io::BufWriter::with_capacity(1 << 16, &mut *out);
        serde_json::to_writer_pretty(&mut w, &report).map_err(io::Error::other)?;
        writeln!(w)?;
        w.flush()
    }
}
