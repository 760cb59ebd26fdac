//! The default output, in the manner of rustc: severity and rule, message, place, the line
//! with the span underlined, the suggestion and the note. Coloured only on a terminal.

use super::{FileResult, InputError, Reporter, Summary, positions};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use colored::Colorize;
use std::io::{self, Write};

pub struct Human;

/// Characters of context shown on each side of a span on long lines.
const CONTEXT: usize = 40;

fn severity_label(s: Severity) -> colored::ColoredString {
    match s {
        Severity::Error => s.label_fr().red().bold(),
        Severity::Warning => s.label_fr().yellow().bold(),
        Severity::Info => s.label_fr().cyan().bold(),
    }
}

fn render(f: &FileResult, d: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    let doc = &f.doc;
    let (line, col, end_line, end_col) = positions(doc, d);
    writeln!(
        out,
        "{}{}: {}",
        severity_label(d.severity),
        format!("[{}]", d.rule).bold(),
        d.message.bold()
    )?;
    let gutter = " ".repeat(line.to_string().len());
    writeln!(
        out,
        "{gutter}{} {}:{line}:{col}",
        "-->".blue().bold(),
        doc.path
    )?;
    let text: Vec<char> = doc.lines.line_text(&doc.text, line - 1).chars().collect();
    let start = (col - 1).min(text.len());
    let end = if end_line == line {
        (end_col - 1).min(text.len())
    } else {
        text.len()
    };
    let from = start.saturating_sub(CONTEXT);
    let to = (end + CONTEXT).min(text.len());
    let mut shown: String = text[from..to].iter().collect::<String>().replace('\t', " ");
    let mut pad = start - from;
    if from > 0 {
        shown = format!("…{shown}");
        pad += 1;
    }
    if to < text.len() {
        shown.push('…');
    }
    let bar = "|".blue().bold();
    writeln!(out, "{gutter} {bar}")?;
    writeln!(out, "{} {bar} {shown}", line.to_string().blue().bold())?;
    let marks = "^".repeat((end - start).max(1));
    let marks = match d.severity {
        Severity::Error => marks.red().bold(),
        Severity::Warning => marks.yellow().bold(),
        Severity::Info => marks.cyan().bold(),
    };
    writeln!(out, "{gutter} {bar} {}{marks}", " ".repeat(pad))?;
    if d.suggestions.len() == 1 && d.suggestions[0].replacement.is_empty() {
        writeln!(out, "{gutter} {} aide : supprimer", "=".blue().bold())?;
    } else if !d.suggestions.is_empty() {
        let reps: Vec<String> = d
            .suggestions
            .iter()
            .map(|s| format!("« {} »", s.replacement))
            .collect();
        let verb = if d
            .suggestions
            .iter()
            .all(|s| s.applicability == Applicability::DisplayOnly)
            && reps.len() > 1
        {
            "remplacer par l'un de"
        } else {
            "remplacer par"
        };
        writeln!(
            out,
            "{gutter} {} aide : {verb} {}",
            "=".blue().bold(),
            reps.join(", ")
        )?;
    }
    if let Some(source) = f.source_of(d) {
        let unit = d.unit.as_deref().unwrap_or("");
        writeln!(
            out,
            "{gutter} {} source ({unit}) : {}",
            "=".blue().bold(),
            shorten(source, 160)
        )?;
    }
    if let Some(note) = &d.note {
        writeln!(out, "{gutter} {} note : {note}", "=".blue().bold())?;
    }
    writeln!(out)
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= max {
        return s;
    }
    let mut t: String = s.chars().take(max).collect();
    t.push('…');
    t
}

impl Reporter for Human {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for f in files {
            for d in &f.diagnostics {
                render(f, d, out)?;
            }
        }
        for e in errors {
            writeln!(out, "{}: {e}", "erreur".red().bold())?;
        }
        let s = Summary::new(files, errors);
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n > 1 { many } else { one });
        let mut line = format!(
            "{} vérifié{} ({} mots) : {}, {}, {}",
            plural(s.files, "fichier", "fichiers"),
            if s.files > 1 { "s" } else { "" },
            s.words,
            plural(s.errors, "erreur", "erreurs"),
            plural(s.warnings, "avertissement", "avertissements"),
            plural(s.infos, "info", "infos"),
        );
        if s.input_errors > 0 {
            line.push_str(&format!(
                " ; {} illisible{}",
                plural(s.input_errors, "fichier", "fichiers"),
                if s.input_errors > 1 { "s" } else { "" }
            ));
        }
        writeln!(out, "{}", line.bold())
    }
}
