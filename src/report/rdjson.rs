//! `--format rdjson`: reviewdog's diagnostic format, so that reviewdog posts findings and
//! their fixes as suggested changes. Columns are UTF-8 byte counts, as reviewdog expects.

use super::{FileResult, InputError, Reporter, pretty};
use crate::diagnostic::{Applicability, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

pub struct Rdjson;

fn position(f: &FileResult, offset: usize) -> Value {
    let (line, column) = f.doc.lines.line_col_bytes(offset);
    json!({"line": line, "column": column})
}

impl Reporter for Rdjson {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        // Each finding's object is made and written as it comes (`pretty`), not held.
        let findings = files.iter().flat_map(|f| {
            f.diagnostics.iter().map(move |d| {
                let range =
                    json!({"start": position(f, d.span.start), "end": position(f, d.span.end)});
                let mut diag = json!({
                    "message": d.message,
                    "location": {"path": crate::baseline::normalize_path(&f.doc.path), "range": range},
                    "severity": match d.severity { Severity::Error => "ERROR", Severity::Warning => "WARNING", Severity::Info => "INFO" },
                    "code": {"value": d.rule},
                });
                let fixes: Vec<&crate::diagnostic::Suggestion> = d
                    .suggestions
                    .iter()
                    .filter(|s| s.applicability != Applicability::DisplayOnly)
                    .collect();
                if fixes.len() == 1 {
                    diag["suggestions"] = json!([{"range": range, "text": fixes[0].replacement}]);
                }
                diag
            })
        });
        let input_errors = errors.iter().map(|e| {
            let mut diag = json!({
                "message": e.message,
                "location": {"path": crate::baseline::normalize_path(&e.path)},
                "severity": "ERROR",
                "code": {"value": "input-error"},
            });
            if let Some(l) = e.line {
                diag["location"]["range"] =
                    json!({"start": {"line": l, "column": e.column.unwrap_or(1)}});
            }
            diag
        });
        let doc = json!({"source": {"name": "relecture"}, "diagnostics": pretty::HOLE});
        pretty::write_with_items(out, &doc, findings.chain(input_errors))
    }
}
