//! `overuse`: a construction of the glossary's `[[overuse]]` list repeated beyond its limit.

use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity};
use crate::glossary::{Hit, Target};
use std::collections::BTreeMap;

pub struct Overuse;

static META: RuleMeta = RuleMeta {
    id: "overuse",
    category: Category::Style,
    severity: Severity::Warning,
    summary: "Tournure répétée au-delà du raisonnable (« non seulement… mais » quatre fois).",
    doc: RuleDoc {
        what: "Compte les tournures listées dans les entrées [[overuse]] du glossaire ; signale \
               chaque occurrence qui dépasse le maximum admis dans une fenêtre de mots.",
        why: "Une tournure utile une fois devient un tic d'écriture quand elle revient ; les \
              traductions automatiques en abusent.",
        example: "Il est non seulement rapide, mais aussi sobre. Il est non seulement sûr, mais aussi simple.",
        instead: "Il est rapide et sobre. Il est aussi sûr et simple.",
    },
};

impl Rule for Overuse {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        // PO and TMX files are collections of independent strings, not one text.
        if matches!(
            cx.doc.format,
            crate::formats::Format::Po | crate::formats::Format::Tmx
        ) {
            return;
        }
        let mut by_entry: BTreeMap<u32, Vec<&Hit>> = BTreeMap::new();
        for h in &cx.hits {
            if let Target::Overuse { overuse } = h.target {
                by_entry.entry(overuse).or_default().push(h);
            }
        }
        for (id, mut hits) in by_entry {
            let o = &cx.glossary.glossary.overuses[id as usize];
            hits.sort_by_key(|h| h.first());
            hits.dedup_by_key(|h| h.first());
            for (j, h) in hits.iter().enumerate() {
                // Sorted by token: those within the window are the run that ends at `j`.
                let in_window =
                    j + 1 - hits[..=j].partition_point(|p| h.first() - p.first() >= o.window);
                if in_window <= o.max {
                    continue;
                }
                let found: &str = &cx.text(h.span());
                let message = format!(
                    "« {found} » revient {in_window} fois en moins de {} mots (au plus {} conseillé{}) : {}",
                    o.window,
                    o.max,
                    if o.max > 1 { "s" } else { "" },
                    o.reason.trim()
                );
                out.push(
                    Diagnostic::new(META.id, META.category, o.severity, h.span(), message)
                        .with_replacements(o.suggest.clone())
                        .with_applicability(Applicability::DisplayOnly)
                        .with_entry(&o.id),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_with, rules_of};

    const G: &str = r#"
[glossary]
name = "t"
[[overuse]]
id = "non-seulement"
patterns = ["non seulement"]
max = 1
window = 100
reason = "tournure répétée."
"#;

    #[test]
    fn beyond_the_limit() {
        let d = check_with(
            G,
            "Il est non seulement rapide, mais sobre. Il est non seulement sûr, mais simple. Non seulement il suit.",
        );
        let d: Vec<_> = rules_of(&d)
            .into_iter()
            .filter(|r| *r == "overuse")
            .collect();
        assert_eq!(d, ["overuse", "overuse"]);
    }

    #[test]
    fn within_the_limit_or_far_apart() {
        let overuse = |t: &str| rules_of(&check_with(G, t)).contains(&"overuse");
        assert!(!overuse("Il est non seulement rapide, mais sobre."));
        let filler: String = (0..150).map(|i| format!("m{i} ")).collect();
        assert!(!overuse(&format!("non seulement {filler}non seulement")));
    }
}
