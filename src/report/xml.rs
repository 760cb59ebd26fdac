//! `--format checkstyle` and `--format junit`: the XML formats CI servers read (Jenkins,
//! GitLab test reports).

use super::{FileResult, InputError, Reporter, positions};
use quick_xml::escape::escape;
use std::io::{self, Write};

pub struct Checkstyle;
pub struct Junit;

impl Reporter for Checkstyle {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<checkstyle version=\"4.3\">")?;
        for f in files {
            writeln!(out, "  <file name=\"{}\">", escape(f.doc.path.as_str()))?;
            for d in &f.diagnostics {
                let (line, col, _, _) = positions(&f.doc, d);
                writeln!(
                    out,
                    "    <error line=\"{line}\" column=\"{col}\" severity=\"{}\" message=\"{}\" source=\"relecture.{}\"/>",
                    d.severity.as_str(),
                    escape(d.message.as_str()),
                    d.rule
                )?;
            }
            writeln!(out, "  </file>")?;
        }
        for e in errors {
            writeln!(out, "  <file name=\"{}\">", escape(e.path.as_str()))?;
            writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"error\" message=\"{}\" source=\"relecture.input-error\"/>",
                e.line.unwrap_or(0),
                e.column.unwrap_or(0),
                escape(e.message.as_str())
            )?;
            writeln!(out, "  </file>")?;
        }
        writeln!(out, "</checkstyle>")
    }
}

impl Reporter for Junit {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let failures: usize = files.iter().filter(|f| !f.diagnostics.is_empty()).count();
        let tests = files.len() + errors.len();
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"relecture\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">",
            errors.len()
        )?;
        writeln!(
            out,
            "  <testsuite name=\"relecture\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">",
            errors.len()
        )?;
        for f in files {
            let name = escape(f.doc.path.as_str());
            if f.diagnostics.is_empty() {
                writeln!(
                    out,
                    "    <testcase name=\"{name}\" classname=\"relecture\"/>"
                )?;
                continue;
            }
            writeln!(
                out,
                "    <testcase name=\"{name}\" classname=\"relecture\">"
            )?;
            let mut body = String::new();
            for d in &f.diagnostics {
                let (line, col, _, _) = positions(&f.doc, d);
                body.push_str(&format!(
                    "{}:{line}:{col}: {} [{}] {}\n",
                    f.doc.path,
                    d.severity.label_fr(),
                    d.rule,
                    d.message
                ));
            }
            writeln!(
                out,
                "      <failure message=\"{} signalement(s)\" type=\"relecture\">{}</failure>",
                f.diagnostics.len(),
                escape(body.as_str())
            )?;
            writeln!(out, "    </testcase>")?;
        }
        for e in errors {
            writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"relecture\">",
                escape(e.path.as_str())
            )?;
            writeln!(
                out,
                "      <error message=\"{}\" type=\"input-error\"/>",
                escape(e.to_string().as_str())
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}
