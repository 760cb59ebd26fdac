//! `relecture report --report-format markdown`: GitHub-flavoured Markdown for a
//! pull-request comment: the score and verdict, a summary table, then the findings of each
//! file in a `<details>` block. Text from the checked files is escaped (Markdown syntax,
//! pipes, backticks, HTML, @mentions and #references); the comment stays under GitHub's
//! 65,536-character limit, with a note in French when findings had to be left out.

use super::html::{category_fr, esc, suggestion_fr};
use super::{FileResult, InputError, Reporter, positions};
use crate::diagnostic::{Category, Severity};
use crate::mqm::{Score, Weights, format_fr};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Maximum length of the comment, in characters (GitHub refuses more than 65,536).
pub const LIMIT: usize = 65_000;

/// Longest text kept in one table cell, in characters.
const CELL: usize = 300;

#[derive(Debug, Clone, Copy)]
pub struct Markdown {
    pub weights: Weights,
    /// Maximum penalty points per 1000 words for a pass.
    pub threshold: f64,
}

impl Default for Markdown {
    fn default() -> Self {
        Markdown {
            weights: Weights::default(),
            threshold: 10.0,
        }
    }
}

impl Reporter for Markdown {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        out.write_all(render(files, errors, self.weights, self.threshold, LIMIT).as_bytes())
    }
}

/// Escapes text for a GitHub Markdown table cell: one line, Markdown punctuation
/// backslash-escaped, `<`, `>` and `&` as entities, mentions and issue references
/// neutralised. Long text is cut with « … ».
pub(crate) fn md_escape(s: &str) -> String {
    md_cell(s, CELL)
}

/// `md_escape` with a length of its own.
fn md_cell(s: &str, max: usize) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    let mut space = false;
    for (n, c) in s.chars().enumerate() {
        if n >= max {
            o.push('…');
            break;
        }
        if c.is_whitespace() {
            if !space {
                o.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' => {
                o.push('\\');
                o.push(c);
            }
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '@' => o.push_str("&#64;"),
            '#' => o.push_str("&#35;"),
            c if c.is_control() => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

fn sev_icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "🔴",
        Severity::Warning => "🟠",
        Severity::Info => "🔵",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        format_fr(n as f64, 0),
        if n > 1 { many } else { one }
    )
}

fn points(x: f64) -> String {
    format_fr(x, if x.fract() == 0.0 { 0 } else { 1 })
}

/// Renders the comment, at most `limit` characters long.
pub fn render(
    files: &[FileResult],
    errors: &[InputError],
    weights: Weights,
    threshold: f64,
    limit: usize,
) -> String {
    let score = Score::of_files(files, weights, threshold);
    let total: usize = files.iter().map(|f| f.diagnostics.len()).sum();
    let count = |s: Severity| {
        files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    };
    let mut head = String::new();
    head.push_str("## Rapport de relecture\n\n");
    let _ = writeln!(
        head,
        "**Score de qualité MQM : {} / 100 — {} {}** ({} points de pénalité pour 1\u{202F}000 mots ; seuil : {})\n",
        format_fr(score.quality, 1),
        if score.pass { "✅" } else { "❌" },
        score.verdict_fr(),
        format_fr(score.per_thousand, 1),
        points(score.threshold),
    );
    head.push_str("| Fichiers | Mots | Signalements | 🔴 Erreurs | 🟠 Avertissements | 🔵 Infos | Points de pénalité |\n");
    head.push_str("|---:|---:|---:|---:|---:|---:|---:|\n");
    let _ = writeln!(
        head,
        "| {} | {} | {} | {} | {} | {} | {} |\n",
        files.len(),
        format_fr(score.words as f64, 0),
        total,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        points(score.penalty)
    );
    let mut cats: BTreeMap<Category, [usize; 3]> = BTreeMap::new();
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        let k = match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        cats.entry(d.category).or_default()[k] += 1;
    }
    if !cats.is_empty() {
        head.push_str("| Catégorie MQM | 🔴 | 🟠 | 🔵 | Total |\n|---|---:|---:|---:|---:|\n");
        for (c, n) in &cats {
            let _ = writeln!(
                head,
                "| {} (`{}`) | {} | {} | {} | {} |",
                category_fr(*c),
                c.as_str(),
                n[0],
                n[1],
                n[2],
                n.iter().sum::<usize>()
            );
        }
        head.push('\n');
    }
    let _ = writeln!(
        head,
        "<sub>Score = 100 × (1 − P ÷ M) : P = {} points de pénalité (erreur mineure = {}, majeure = {}, critique = {} ; infos neutres), M = {} mots. Accepté si P × 1\u{202F}000 ÷ M ≤ {}.</sub>\n",
        points(score.penalty),
        points(weights.minor),
        points(weights.major),
        points(weights.critical),
        format_fr(score.words.max(1) as f64, 0),
        points(threshold),
    );
    if !errors.is_empty() {
        let _ = writeln!(
            head,
            "### ⚠️ {}\n",
            capitalize(&plural(
                errors.len(),
                "fichier illisible",
                "fichiers illisibles"
            ))
        );
        for e in errors {
            let _ = writeln!(head, "- {}", md_escape(&e.to_string()));
        }
        head.push('\n');
    }

    // The findings, file by file, as long as they fit.
    let reserve = 700;
    let budget = limit.saturating_sub(head.chars().count() + reserve);
    let mut body = String::new();
    let mut used = 0;
    let mut shown = 0;
    let mut truncated = false;
    for f in files {
        if f.diagnostics.is_empty() {
            continue;
        }
        let s = Score::of_file(f, weights, threshold);
        let open = format!(
            "<details>\n<summary><strong>{}</strong> : {} · score {} / 100 · {}</summary>\n\n| Lieu | Sévérité | Règle | Texte | Problème | Suggestion |\n|---|---|---|---|---|---|\n",
            esc(&f.doc.path),
            plural(f.diagnostics.len(), "signalement", "signalements"),
            format_fr(s.quality, 1),
            s.verdict_fr()
        );
        let close = "\n</details>\n\n";
        let fixed = open.chars().count() + close.chars().count();
        if used + fixed > budget {
            truncated = true;
            break;
        }
        let mut rows = String::new();
        let mut rows_len = 0;
        for d in &f.diagnostics {
            let (line, col, _, _) = positions(&f.doc, d);
            let text = f.doc.display(
                d.span.start.min(f.doc.text.len()),
                d.span.end.min(f.doc.text.len()),
            );
            let place = match d.unit.as_deref() {
                Some(u) => format!("{line}:{col} ({})", md_escape(u)),
                None => format!("{line}:{col}"),
            };
            let row = format!(
                "| {place} | {} {} | `{}` | {} | {} | {} |\n",
                sev_icon(d.severity),
                d.severity.label_fr(),
                d.rule,
                if text.is_empty() {
                    "*(passage absent)*".to_string()
                } else {
                    format!("« {} »", md_cell(&text, 120))
                },
                md_escape(&d.message),
                suggestion_fr(d)
                    .map(|s| md_escape(&s))
                    .unwrap_or_else(|| "—".into()),
            );
            let n = row.chars().count();
            if used + fixed + rows_len + n > budget {
                truncated = true;
                break;
            }
            rows.push_str(&row);
            rows_len += n;
            shown += 1;
        }
        if rows.is_empty() {
            break;
        }
        body.push_str(&open);
        body.push_str(&rows);
        body.push_str(close);
        used += fixed + rows_len;
        if truncated {
            break;
        }
    }
    let mut out = head;
    out.push_str(&body);
    if truncated {
        let _ = writeln!(
            out,
            "> **Rapport tronqué** : {} sur {} ne {} pas affiché{}, pour rester sous la limite de longueur d'un commentaire GitHub. Le rapport HTML (`relecture report --report-format html`) les montre tous.\n",
            plural(total - shown, "signalement", "signalements"),
            format_fr(total as f64, 0),
            if total - shown > 1 { "sont" } else { "est" },
            if total - shown > 1 { "s" } else { "" },
        );
    }
    out.push_str("<sub>Produit par relecture ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str(".</sub>\n");
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Span};
    use crate::document::Document;

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(
            md_escape("a|b `c` <img> *d* [e](f) @g #1\nh"),
            "a\\|b \\`c\\` &lt;img&gt; \\*d\\* \\[e\\](f) &#64;g &#35;1 h"
        );
        let long = "x".repeat(400);
        assert_eq!(md_escape(&long).chars().count(), CELL + 1);
    }

    fn file(n: usize) -> FileResult {
        let unit = "La formation | `code` <b>x</b>. ";
        let text = unit.repeat(n);
        let doc = Document::new("a|b.txt", text, crate::formats::Format::Text);
        let diags = (0..n)
            .map(|i| {
                let s = i * unit.len() + 3;
                Diagnostic::new(
                    "forbidden-term",
                    Category::Terminology,
                    Severity::Error,
                    Span::new(s, s + 9),
                    "« formation » | mot `faux` <i>",
                )
                .with_replacements(["entraînement"])
            })
            .collect();
        FileResult::new(doc, diags)
    }

    #[test]
    fn details_per_file_and_escaped_cells() {
        let md = render(&[file(2)], &[], Weights::default(), 10.0, LIMIT);
        assert!(
            md.contains("<details>\n<summary><strong>a|b.txt</strong>"),
            "{md}"
        );
        assert!(
            md.contains("« formation » \\| mot \\`faux\\` &lt;i&gt;"),
            "{md}"
        );
        assert!(md.contains("remplacer par « entraînement » (correction sûre)"));
        assert!(!md.contains("<i>"));
        assert!(!md.contains("Rapport tronqué"));
        // Every table row has the same number of unescaped pipes.
        for l in md.lines().filter(|l| l.starts_with("| 1:")) {
            assert_eq!(l.replace("\\|", "").matches('|').count(), 7, "{l}");
        }
    }

    #[test]
    fn long_reports_are_cut_under_the_limit_with_a_note() {
        let md = render(&[file(2000)], &[], Weights::default(), 10.0, LIMIT);
        assert!(md.chars().count() <= LIMIT, "{}", md.chars().count());
        assert!(md.contains("> **Rapport tronqué** :"));
        assert!(md.contains("</details>"));
        assert_eq!(
            md.matches("<details>").count(),
            md.matches("</details>").count()
        );
    }
}
