//! `markup-mismatch`: inline markup of the source (XLIFF inline elements, HTML tags in PO)
//! missing or added in the target.

use super::{BiContext, UnitRule};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{RuleDoc, RuleMeta};

pub struct MarkupMismatch;

static META: RuleMeta = RuleMeta {
    id: "markup-mismatch",
    category: Category::Markup,
    severity: Severity::Error,
    summary: "Balise de la source (élément XLIFF en ligne, balise HTML) absente ou ajoutée.",
    doc: RuleDoc {
        what: "Compare les balises en ligne de la source et de la traduction : éléments XLIFF \
               (g, x, ph, bpt/ept, pc, sc/ec...) par leur identifiant, balises HTML des PO par \
               leur nom.",
        why: "Une balise perdue casse la mise en forme ou le lien ; une balise en trop peut \
              rendre le fichier invalide.",
        example: "msgid \"<b>Warning</b>: disk full\" / msgstr \"Attention : disque plein\"",
        instead: "msgstr \"<b>Attention</b> : disque plein\"",
    },
};

/// HTML elements: in PO strings, only these are markup. Other `<words>` are placeholders
/// of command synopses (`<file>`, `<nom>`) that translators translate.
const HTML: &[&str] = &[
    "a",
    "abbr",
    "b",
    "big",
    "blockquote",
    "br",
    "button",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "ol",
    "option",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "select",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
];

/// Elements that have no closing tag.
const VOID: &[&str] = &["br", "hr", "img", "input"];

/// True for the codes to compare: XLIFF inline elements (`<g 1>`) and HTML tags that are
/// closed in the same string (or void). A lone `<time>` or `<mark>` is a placeholder of a
/// command synopsis, which translators translate.
fn relevant(code: &str, all: &[String]) -> bool {
    if code.contains(' ') {
        return true;
    }
    let name = code.trim_matches(|c| c == '<' || c == '>' || c == '/');
    if !HTML.contains(&name) {
        return false;
    }
    VOID.contains(&name) || code.ends_with("/>") || {
        let (open, close) = (format!("<{name}>"), format!("</{name}>"));
        all.contains(&open) && all.contains(&close)
    }
}

impl UnitRule for MarkupMismatch {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        for (_, u) in cx.translated() {
            let source: Vec<&String> = u
                .source_codes
                .iter()
                .filter(|c| relevant(c, &u.source_codes))
                .collect();
            let target: Vec<&String> = u
                .target_codes
                .iter()
                .filter(|c| relevant(c, &u.target_codes))
                .collect();
            let mut used = vec![false; target.len()];
            let mut missing = Vec::new();
            for s in &source {
                match (0..target.len()).find(|&i| !used[i] && target[i] == *s) {
                    Some(i) => used[i] = true,
                    None => missing.push(s.to_string()),
                }
            }
            let added: Vec<&String> = target
                .iter()
                .enumerate()
                .filter(|&(i, _)| !used[i])
                .map(|(_, c)| *c)
                .collect();
            if missing.is_empty() && added.is_empty() {
                continue;
            }
            let mut parts = Vec::new();
            if !missing.is_empty() {
                parts.push(format!(
                    "balise{} absente{} : {}",
                    plural(missing.len()),
                    plural(missing.len()),
                    missing.join(" ")
                ));
            }
            if !added.is_empty() {
                let a: Vec<&str> = added.iter().map(|s| s.as_str()).collect();
                parts.push(format!(
                    "balise{} en trop : {}",
                    plural(a.len()),
                    a.join(" ")
                ));
            }
            // Tags only added (« 1<sup>er</sup> ») are often French typography: an info.
            let severity = if missing.is_empty() {
                Severity::Info
            } else {
                META.severity
            };
            out.push(cx.unit_diag(
                u,
                Diagnostic::new(
                    META.id,
                    META.category,
                    severity,
                    cx.target_span(u),
                    format!("{}.", parts.join(" ; ")),
                ),
            ));
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}

#[cfg(test)]
mod tests {
    use super::relevant;

    #[test]
    fn lost_bold() {
        let g = crate::glossary::parse("t.toml", "[glossary]\nname='t'\n").unwrap();
        let checker = crate::Checker::new(g);
        let po = "msgid \"<b>Warning</b>: disk full\"\nmsgstr \"Attention : disque plein\"\n\nmsgid \"<b>Warning</b>: see <time>\"\nmsgstr \"<b>Attention</b> : voir <heure>\"\n";
        let r = checker
            .check_text("t.po", po.to_string(), crate::formats::Format::Po)
            .unwrap();
        let d: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == "markup-mismatch")
            .collect();
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("<b> </b>"), "{}", d[0].message);
        assert_eq!(d[0].unit.as_deref(), Some("ligne 1"));
    }

    #[test]
    fn html_and_xliff_codes_only() {
        let pair = vec!["<b>".to_string(), "</b>".to_string()];
        assert!(
            relevant("<b>", &pair)
                && relevant("<g 1>", &[])
                && relevant("<br/>", &[])
                && relevant("<br>", &[])
        );
        assert!(!relevant("<file>", &[]) && !relevant("<mark>", &["<mark>".to_string()]));
    }
}
