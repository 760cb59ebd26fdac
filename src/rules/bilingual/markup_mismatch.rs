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

impl UnitRule for MarkupMismatch {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        for (_, u) in cx.translated() {
            let mut used = vec![false; u.target_codes.len()];
            let mut missing = Vec::new();
            for s in &u.source_codes {
                match (0..u.target_codes.len()).find(|&i| !used[i] && &u.target_codes[i] == s) {
                    Some(i) => used[i] = true,
                    None => missing.push(s.clone()),
                }
            }
            let added: Vec<&String> = u.target_codes.iter().enumerate().filter(|&(i, _)| !used[i]).map(|(_, c)| c).collect();
            if missing.is_empty() && added.is_empty() {
                continue;
            }
            let mut parts = Vec::new();
            if !missing.is_empty() {
                parts.push(format!("balise{} absente{} : {}", plural(missing.len()), plural(missing.len()), missing.join(" ")));
            }
            if !added.is_empty() {
                let a: Vec<&str> = added.iter().map(|s| s.as_str()).collect();
                parts.push(format!("balise{} en trop : {}", plural(a.len()), a.join(" ")));
            }
            out.push(cx.unit_diag(u, Diagnostic::new(META.id, META.category, META.severity, cx.target_span(u), format!("{}.", parts.join(" ; ")))));
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}
