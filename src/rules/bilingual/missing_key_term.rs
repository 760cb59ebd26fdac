//! `missing-key-term`: the source has a glossary term, the target none of its approved
//! renderings.

use super::{BiContext, UnitRule};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::glossary::Target;
use crate::rules::{RuleDoc, RuleMeta, match_case, quote_list};
use std::collections::BTreeSet;

pub struct MissingKeyTerm;

static META: RuleMeta = RuleMeta {
    id: "missing-key-term",
    category: Category::Terminology,
    severity: Severity::Warning,
    summary: "Terme du glossaire présent dans la source mais pas rendu par le terme approuvé dans la traduction.",
    doc: RuleDoc {
        what: "Pour chaque terme source du glossaire trouvé dans le segment source, vérifie que \
               la traduction contient l'un des termes français approuvés (sous une forme fléchie \
               quelconque) ; signale la variante interdite employée à la place, ou l'absence du terme.",
        why: "La terminologie convenue doit être respectée d'un segment à l'autre ; un terme clé \
              omis ou remplacé est une erreur de terminologie, parfois un contresens.",
        example: "Source : « a chip for AI training » ; traduction : « une puce pour la formation en IA ».",
        instead: "« une puce pour l'entraînement en IA ».",
    },
};

impl UnitRule for MissingKeyTerm {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        let g = &cx.cx.glossary.glossary;
        for (i, u) in cx.translated() {
            let terms: BTreeSet<u32> = cx.source_hits[i]
                .iter()
                // « Meta AI » is a name, kept as is in the translation.
                .filter(|h| !crate::rules::beside_a_name(&cx.sources[i], h.first(), h.last()))
                .filter_map(|h| match h.target {
                    Target::Source { term, index } => {
                        // Acronyms must keep their case in the source too (« AI », not « ai »).
                        let s = &g.terms[term as usize].source[index as usize];
                        let found = &u.source[h.span().start..h.span().end];
                        let acronym = !s.chars().any(char::is_lowercase);
                        (!acronym || !found.chars().any(char::is_lowercase)).then_some(term)
                    }
                    _ => None,
                })
                .collect();
            for term in terms {
                let t = &g.terms[term as usize];
                if cx
                    .target_hits(u, false)
                    .any(|h| matches!(h.target, Target::Approved { term: x, .. } if x == term))
                {
                    continue;
                }
                let forbidden = cx
                    .target_hits(u, false)
                    .find(|h| matches!(h.target, Target::Forbidden { term: x, .. } if x == term));
                // A variant present in its legitimate sense (context) renders the term.
                let legit = cx
                    .target_hits(u, true)
                    .any(|h| matches!(h.target, Target::Forbidden { term: x, .. } if x == term));
                let source_term = t.source.first().cloned().unwrap_or_default();
                let d = match forbidden {
                    Some(h) => {
                        let found: &str = &cx.cx.text(h.span());
                        Diagnostic::new(
                            META.id,
                            META.category,
                            t.severity,
                            h.span(),
                            format!(
                                "« {found} » rend « {source_term} » ; le glossaire demande {}.",
                                quote_list(&t.approved)
                            ),
                        )
                        .with_replacements(t.approved.iter().map(|a| match_case(found, a)))
                    }
                    None if legit => continue,
                    None => Diagnostic::new(
                        META.id,
                        META.category,
                        t.severity.min(Severity::Warning),
                        cx.target_span(u),
                        format!(
                            "la source contient « {source_term} » mais la traduction n'a pas {} (terme du glossaire).",
                            quote_list(&t.approved)
                        ),
                    ),
                };
                out.push(cx.unit_diag(u, d.with_entry(t.id.as_str())));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_pairs;

    const G: &str = r#"
[glossary]
name = "t"
[[term]]
id = "training"
source = ["training"]
approved = ["entraînement", "entraîner"]
[[term.forbidden]]
term = "formation"
reason = "r"
when = ["IA", "modèle"]
"#;

    #[test]
    fn forbidden_or_missing() {
        let d: Vec<_> = check_pairs(
            G,
            &[
                ("AI training chips", "des puces pour la formation en IA"),
                ("model training", "le calcul des modèles"),
            ],
        )
        .into_iter()
        .filter(|d| d.rule == "missing-key-term")
        .collect();
        // « formation » is reported by forbidden-term, which says it better.
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("n'a pas « entraînement »"));
        assert_eq!(d[0].unit.as_deref(), Some("u2"));
    }

    #[test]
    fn approved_inflected_or_legitimate_variant() {
        assert!(
            check_pairs(
                G,
                &[(
                    "the models were trained; training is costly",
                    "les modèles ont été entraînés"
                )]
            )
            .is_empty()
        );
        assert!(check_pairs(G, &[("staff training", "la formation du personnel")]).is_empty());
    }
}
