//! `--format github`: GitHub Actions workflow commands, which annotate the pull request.

use super::{FileResult, InputError, Reporter, positions};
use crate::diagnostic::Severity;
use std::io::{self, Write};

pub struct Github;

/// Escapes a message (data) of a workflow command.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for Github {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for f in files {
            for d in &f.diagnostics {
                let (line, col, end_line, end_col) = positions(&f.doc, d);
                let command = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "notice",
                };
                let mut message = d.message.clone();
                match d.suggestions.first() {
                    Some(s) if s.replacement.is_empty() => message.push_str(" → supprimer"),
                    Some(s) => message.push_str(&format!(" → « {} »", s.replacement)),
                    None => {}
                }
                writeln!(
                    out,
                    "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                    property(&f.doc.path),
                    property(&format!("relecture ({})", d.rule)),
                    data(&message)
                )?;
            }
        }
        for e in errors {
            let place = e
                .line
                .map(|l| format!(",line={l},col={}", e.column.unwrap_or(1)))
                .unwrap_or_default();
            writeln!(
                out,
                "::error file={}{place},title=relecture::{}",
                property(&e.path),
                data(&e.message)
            )?;
        }
        Ok(())
    }
}
