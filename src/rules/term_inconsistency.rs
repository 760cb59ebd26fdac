//! `term-inconsistency`: one concept rendered two ways in one text.

use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity, Span};
use crate::glossary::Target;
use std::collections::HashMap;

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
        // Only a term met in a forbidden rendering can be inconsistent: such hits are few,
        // while a large termbase's approved terms are met everywhere. (term, variant, span)
        // of each, to be sorted by term and variant, spans in the order of the text (a
        // stable sort).
        let places = super::forbidden_term::HitPlaces::of(cx);
        let mut forbidden: Vec<(u32, u32, Span)> = places
            .forbidden
            .iter()
            .filter_map(|&at| match cx.hits[at].target {
                Target::Forbidden { term, index } => Some((term, index, cx.hits[at].span())),
                _ => None,
            })
            .collect();
        if forbidden.is_empty() {
            return;
        }
        // The approved hits of those terms, counted by term: a bit per term of the glossary
        // says which to count (a search in the sorted list for each of a termbase's
        // approved hits cost some hundred instructions a hit), and only those terms have a
        // count (one per term of the glossary, zeroed for every file, weighed 400 KB with a
        // termbase: 174 MB written over the 435 man pages).
        let terms = cx.glossary.glossary.terms.len();
        let mut marked = vec![0u64; terms.div_ceil(64)];
        let bit = |term: u32| (term as usize / 64, 1u64 << (term % 64));
        let mut approved: HashMap<u32, u32, foldhash::fast::FixedState> = HashMap::default();
        for &(term, _, _) in &forbidden {
            let (w, b) = bit(term);
            if let Some(m) = marked.get_mut(w) {
                *m |= b;
                approved.insert(term, 0);
            }
        }
        for h in &cx.hits {
            if let Target::Approved { term, .. } = h.target {
                let (w, b) = bit(term);
                if marked.get(w).is_some_and(|m| m & b != 0)
                    && let Some(n) = approved.get_mut(&term)
                {
                    *n += 1;
                }
            }
        }
        // Only the terms met approved too make a finding (43 of the 731 terms of a
        // termbase's 14,000 forbidden hits on the PO text): the others' hits are left out
        // before the sort, where sorting them all cost 4 M instructions.
        forbidden.retain(|(term, _, _)| approved.get(term).is_some_and(|&n| n > 0));
        forbidden.sort_by_key(|&(term, index, _)| (term, index));
        for group in forbidden.chunk_by(|a, b| a.0 == b.0) {
            let term = group[0].0;
            // None approved: consistent.
            let approved_count = approved.get(&term).copied().unwrap_or(0);
            if approved_count == 0 {
                continue;
            }
            let t = &cx.glossary.glossary.terms[term as usize];
            let mut parts = vec![format!("« {} » ({} fois)", t.approved[0], approved_count)];
            // Each variant met, with its count; the finding is at the first of the first hits
            // of each variant.
            let mut first_wrong: Option<Span> = None;
            for variant in group.chunk_by(|a, b| a.1 == b.1) {
                let (_, i, s) = variant[0];
                parts.push(format!(
                    "« {} » ({} fois)",
                    t.forbidden[i as usize].term,
                    variant.len()
                ));
                if first_wrong.is_none_or(|f| s < f) {
                    first_wrong = Some(s);
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

    /// Each term mixed with its approved rendering is counted apart, its variants in
    /// their order, at the first of their hits; a term without approved hits is left.
    #[test]
    fn renderings_are_counted_per_term() {
        const TWO: &str = r#"
[glossary]
name = "t"
[[term]]
id = "training"
approved = ["entraînement"]
[[term.forbidden]]
term = "formation"
reason = "r"
[[term.forbidden]]
term = "apprentissage"
reason = "r"
[[term]]
id = "mail"
approved = ["courriel"]
[[term.forbidden]]
term = "mail"
reason = "r"
[[term]]
id = "dataset"
approved = ["jeu de données"]
[[term.forbidden]]
term = "dataset"
reason = "r"
"#;
        let d = check_with(
            TWO,
            "Un apprentissage, un mail, un dataset. Une formation, un courriel. Un \
             entraînement, un apprentissage, un entraînement et un apprentissage.",
        );
        let found: Vec<(&str, usize)> = d
            .iter()
            .filter(|d| d.rule == "term-inconsistency")
            .map(|d| (d.message.as_str(), d.span.start))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "la notion « training » est traduite de plusieurs façons dans ce texte : \
                     « entraînement » (2 fois), « formation » (1 fois), « apprentissage » \
                     (3 fois) ; s'en tenir à « entraînement ».",
                    3
                ),
                (
                    "la notion « mail » est traduite de plusieurs façons dans ce texte : \
                     « courriel » (1 fois), « mail » (1 fois) ; s'en tenir à « courriel ».",
                    21
                ),
            ]
        );
    }

    #[test]
    fn one_rendering_or_legitimate_use() {
        let d = check_with(G, "La formation des modèles coûte cher.");
        assert_eq!(rules_of(&d), ["forbidden-term"]);
        assert!(check_with(G, "La formation des salariés. L'entraînement des modèles.").is_empty());
    }
}
