/*! Inline suppression directives: in Markdown and text, HTML comments
`<!-- relecture-disable rule-a rule-b -->` … `<!-- relecture-enable -->` and
`<!-- relecture-disable-next-line rule -->`; in PO translator comments and XLIFF notes,
`relecture-disable rule` for that unit. A directive that suppresses nothing is reported. */

use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::Document;
use crate::formats::bilingual::Unit;
use crate::rules::{RuleDoc, RuleMeta};
use regex::Regex;
use std::sync::LazyLock;

pub static UNUSED: RuleMeta = RuleMeta {
    id: "unused-suppression",
    category: Category::Style,
    severity: Severity::Info,
    summary: "Directive relecture-disable qui ne masque aucun signalement.",
    doc: RuleDoc {
        what: "Signale une directive de suppression (<!-- relecture-disable … -->, commentaire \
               PO ou note XLIFF) sous laquelle aucune règle nommée ne signale plus rien.",
        why: "Une directive inutile masquerait demain une vraie erreur ; mieux vaut la retirer.",
        example: "<!-- relecture-disable-next-line doubled-word --> suivi d'une ligne sans mot répété.",
        instead: "Retirer la directive.",
    },
};

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*relecture-(disable-next-line|disable|enable)\b([^>]*?)-->")
        .expect("valid regex")
});
static NOTE_DIRECTIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"relecture-disable\b([^\n]*)").expect("valid regex"));

/// A region where some rules (or all, when `rules` is empty) are silenced.
#[derive(Debug, Clone)]
struct Region {
    start: usize,
    end: usize,
    rules: Vec<String>,
    /// Where the directive is written, and its text, for the unused report.
    at: Span,
    text: String,
    used: bool,
}

impl Region {
    fn covers(&self, d: &Diagnostic) -> bool {
        d.span.start >= self.start
            && d.span.start < self.end.max(self.start + 1)
            && (self.rules.is_empty() || self.rules.iter().any(|r| crate::config::names(r, d.rule)))
    }
}

fn rule_list(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn regions(doc: &Document, units: &[Unit]) -> Vec<Region> {
    let text = &doc.text;
    let mut out: Vec<Region> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    // (A directive holds « relecture- »: most texts have none, and the regex is not built.)
    if !doc.format.is_bilingual() && memchr::memmem::find(text.as_bytes(), b"relecture-").is_some()
    {
        for c in DIRECTIVE.captures_iter(text) {
            let m = c.get(0).expect("match");
            let at = Span::new(m.start(), m.end());
            let rules = rule_list(&c[2]);
            let shown = m.as_str().to_string();
            match &c[1] {
                "disable" => {
                    open.push(out.len());
                    out.push(Region {
                        start: m.end(),
                        end: text.len(),
                        rules,
                        at,
                        text: shown,
                        used: false,
                    });
                }
                "enable" => {
                    for &i in &open {
                        let r = &mut out[i];
                        if r.end == text.len()
                            && (rules.is_empty() || r.rules.iter().all(|x| rules.contains(x)))
                        {
                            r.end = m.start();
                        }
                    }
                    open.retain(|&i| out[i].end == text.len());
                }
                _ => {
                    // The next line that holds something.
                    let line = doc.lines.line_of(m.end());
                    let mut l = line + 1;
                    while l < doc.lines.len() && doc.lines.line_text(text, l).trim().is_empty() {
                        l += 1;
                    }
                    // A directive at the end of a line of text applies to that line's next line;
                    // one alone on its line too.
                    if l < doc.lines.len() {
                        let start = doc.lines.line_start(l);
                        let end = start + doc.lines.line_text(text, l).len();
                        out.push(Region {
                            start,
                            end,
                            rules,
                            at,
                            text: shown,
                            used: false,
                        });
                    } else {
                        out.push(Region {
                            start: text.len(),
                            end: text.len(),
                            rules,
                            at,
                            text: shown,
                            used: false,
                        });
                    }
                }
            }
        }
    }
    for u in units {
        for note in &u.notes {
            if let Some(c) = NOTE_DIRECTIVE.captures(note) {
                let (s, e) = u.target_range.unwrap_or((0, 0));
                out.push(Region {
                    start: s,
                    end: e.max(s + 1),
                    rules: rule_list(&c[1]),
                    at: Span::new(s, s),
                    text: format!(
                        "relecture-disable{} (unité {})",
                        &c[1]
                            .trim_end()
                            .to_string()
                            .chars()
                            .take(80)
                            .collect::<String>(),
                        u.id
                    ),
                    used: false,
                });
            }
        }
    }
    out
}

/// Removes the findings that a directive silences, then reports the directives that
/// silenced nothing.
pub fn apply(doc: &Document, units: &[Unit], diagnostics: &mut Vec<Diagnostic>) {
    let mut regions = regions(doc, units);
    if regions.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        let mut keep = true;
        for r in regions.iter_mut() {
            if r.covers(d) {
                r.used = true;
                keep = false;
            }
        }
        keep
    });
    for r in regions.iter().filter(|r| !r.used) {
        diagnostics.push(
            Diagnostic::new(
                UNUSED.id,
                UNUSED.category,
                UNUSED.severity,
                r.at,
                format!(
                    "la directive « {} » ne masque aucun signalement : la retirer ?",
                    r.text.trim()
                ),
            )
            .with_replacements([String::new()])
            .with_applicability(crate::diagnostic::Applicability::Unsafe),
        );
    }
    crate::diagnostic::sort_diagnostics(diagnostics);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Format;

    fn run(text: &str) -> Vec<(&'static str, String)> {
        let g = crate::glossary::parse("t.toml", "[glossary]\nname='t'\n").unwrap();
        let checker = crate::Checker::new(g);
        let doc = Document::new("t.md", text.to_string(), Format::Markdown);
        let mut d = checker.check(&doc);
        apply(&doc, &[], &mut d);
        d.into_iter()
            .map(|d| (d.rule, text[d.span.start..d.span.end].to_string()))
            .collect()
    }

    #[test]
    fn disable_enable_and_next_line() {
        let t = "pour le le marché\n\n<!-- relecture-disable doubled-word -->\npour la la suite\n<!-- relecture-enable -->\n\net de de nouveau\n\n<!-- relecture-disable-next-line -->\npour les les autres\n";
        let d = run(t);
        assert_eq!(
            d,
            [
                ("doubled-word", "le le".to_string()),
                ("doubled-word", "de de".to_string())
            ]
        );
    }

    #[test]
    fn unused_directive_is_reported() {
        let t = "<!-- relecture-disable-next-line doubled-word -->\nUne ligne correcte.\n";
        let d = run(t);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, "unused-suppression");
    }
}
