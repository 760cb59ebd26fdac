//! `term-inconsistency`: one concept rendered two ways in one text.

use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity, Span};
use crate::glossary::Target;
use std::collections::BTreeMap;

pub struct TermInconsistency;

static META: RuleMeta = RuleMeta {
    id: "term-inconsistency",
    category: Category::Terminology,
    severity: Severity::Warning,
    summary: "Même notion traduite de deux façons dans un texte (formation / entraînement).",
    doc: RuleDoc {
        what: "Pour chaque entrée du glossaire, compte les traductions rencontrées dans le texte : \
               le terme approuvé et les variantes interdites (dans leur contexte fautif). \
               Signale le texte qui en mélange plusieurs.",
        why: "Deux mots pour une même notion font croire au lecteur qu'il s'agit de deux choses \
              différentes.",
        example: "La puce sert à la formation des modèles. Ses puces d'entraînement sont attendues.",
        instead: "La puce sert à l'entraînement des modèles. Ses puces d'entraînement sont attendues.",
    },
};

impl Rule for TermInconsistency {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        // term → rendering (None = approved, Some(i) = forbidden variant i) → spans.
        let mut seen: BTreeMap<u32, BTreeMap<Option<u32>, Vec<Span>>> = BTreeMap::new();
        for h in &cx.hits {
            let (term, key) = match h.target {
                Target::Approved { term, .. } => (term, None),
                Target::Forbidden { term, index } => (term, Some(index)),
                _ => continue,
            };
            seen.entry(term)
                .or_default()
                .entry(key)
                .or_default()
                .push(h.span);
        }
        for (term, renderings) in seen {
            if renderings.len() < 2 || !renderings.contains_key(&None) {
                continue;
            }
            let t = &cx.glossary.glossary.terms[term as usize];
            let approved_count = renderings[&None].len();
            let mut parts = vec![format!("« {} » ({} fois)", t.approved[0], approved_count)];
            let mut first_wrong: Option<Span> = None;
            for (key, spans) in &renderings {
                if let Some(i) = key {
                    parts.push(format!(
                        "« {} » ({} fois)",
                        t.forbidden[*i as usize].term,
                        spans.len()
                    ));
                    let s = spans[0];
                    if first_wrong.is_none_or(|f| s < f) {
                        first_wrong = Some(s);
                    }
                }
            }
            let Some(span) = first_wrong else { continue };
            let what = t.source.first().map_or_else(|| t.id.clone(), |s| s.clone());
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    span,
                    format!(
                        "la notion « {what} » est traduite de plusieurs façons dans ce texte : {} ; s'en tenir à « {} ».",
                        parts.join(", "),
                        t.approved[0]
                    ),
                )
                .with_replacements([super::match_case(&cx.text(span), &t.approved[0])])
                .with_applicability(Applicability::DisplayOnly)
                .with_entry(&t.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_with, rules_of};

    const G: &str = r#"
[glossary]
name = "t"
[[term]]
id = "training"
source = ["training"]
approved = ["entraînement"]
[[term.forbidden]]
term = "formation"
reason = "r"
when = ["modèle", "IA"]
"#;

    #[test]
    fn two_renderings() {
        let d = check_with(
            G,
            "La formation des modèles coûte cher. L'entraînement dure.",
        );
        assert_eq!(rules_of(&d), ["forbidden-term", "term-inconsistency"]);
    }

    #[test]
    fn one_rendering_or_legitimate_use() {
        let d = check_with(G, "La formation des modèles coûte cher.");
        assert_eq!(rules_of(&d), ["forbidden-term"]);
        assert!(check_with(G, "La formation des salariés. L'entraînement des modèles.").is_empty());
    }
}
