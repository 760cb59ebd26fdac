//! `term-inconsistency`: one concept rendered two ways in one text.

use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity, Span};
use crate::glossary::Target;

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
        // Only a term met in a forbidden rendering can be inconsistent: they are few, while
        // a large termbase's approved terms are met everywhere.
        let mut with_forbidden: Vec<u32> = cx
            .hits
            .iter()
            .filter_map(|h| match h.target {
                Target::Forbidden { term, .. } => Some(term),
                _ => None,
            })
            .collect();
        if with_forbidden.is_empty() {
            return;
        }
        with_forbidden.sort_unstable();
        with_forbidden.dedup();
        // (term, rendering: None = approved, Some(i) = forbidden variant i, span), sorted
        // by term and rendering, spans in the order of the text (a stable sort).
        let mut seen: Vec<(u32, Option<u32>, Span)> = cx
            .hits
            .iter()
            .filter_map(|h| match h.target {
                Target::Approved { term, .. } => Some((term, None, h.span)),
                Target::Forbidden { term, index } => Some((term, Some(index), h.span)),
                _ => None,
            })
            .filter(|(term, _, _)| with_forbidden.binary_search(term).is_ok())
            .collect();
        seen.sort_by_key(|&(term, key, _)| (term, key));
        for group in seen.chunk_by(|a, b| a.0 == b.0) {
            let term = group[0].0;
            // One rendering, or none approved: consistent (most terms).
            if group[0].1.is_some() || group[group.len() - 1].1.is_none() {
                continue;
            }
            // Rendering → its spans, approved first.
            let renderings: Vec<(Option<u32>, Vec<Span>)> = group
                .chunk_by(|a, b| a.1 == b.1)
                .map(|r| (r[0].1, r.iter().map(|x| x.2).collect()))
                .collect();
            if renderings.len() < 2 || renderings[0].0.is_some() {
                continue;
            }
            let t = &cx.glossary.glossary.terms[term as usize];
            let approved_count = renderings[0].1.len();
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
                .with_entry(t.id.as_str()),
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
