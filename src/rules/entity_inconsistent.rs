//! `entity-inconsistent`: one name spelled two ways in one text.

use super::entity_spelling::is_judged_spelling;
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::glossary::Target;
use std::borrow::Cow;
use std::collections::BTreeMap;

pub struct EntityInconsistent;

static META: RuleMeta = RuleMeta {
    id: "entity-inconsistent",
    category: Category::Terminology,
    severity: Severity::Warning,
    summary: "Même nom écrit de plusieurs façons dans un texte (Nvidia / NVIDIA).",
    doc: RuleDoc {
        what: "Signale un nom propre écrit avec des casses différentes dans un même texte, qu'il \
               figure ou non au glossaire (« Nvidia » puis « NVIDIA »).",
        why: "Un nom qui change de forme fait croire à deux entités et signale une relecture \
              insuffisante.",
        example: "Meta achète des GPU de Nvidia. Elle veut réduire sa dépendance à NVIDIA.",
        instead: "Meta achète des GPU de Nvidia. Elle veut réduire sa dépendance à Nvidia.",
    },
};

impl Rule for EntityInconsistent {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        // Key: lower-case spelling; value: spellings in order of appearance with their spans.
        // (Borrowed where the text allows: a long text has many capitalised words.)
        let mut groups: BTreeMap<Cow<str>, Vec<Spelling>> = BTreeMap::new();
        let mut covered: Vec<Span> = Vec::new();
        for hit in &cx.hits {
            if let Target::EntityName { entity } = hit.target
                && is_judged_spelling(cx, hit.span, hit.first)
            {
                let found = cx.text(hit.span);
                groups
                    .entry(found.to_lowercase().into())
                    .or_default()
                    .push((found, hit.span, Some(entity as usize)));
                covered.push(hit.span);
            }
        }
        let covered = super::SpanSet::new(covered);
        // Names outside the glossary: the spellings of a word that has a capital, compared
        // with each other. Words in capitals are left out: capitals mark headings,
        // placeholders (FICHIER) and emphasis, not another spelling.
        // Whether each sentence has a lower-case letter (`is_judged_spelling`), found once.
        let mut has_lower: Vec<Option<bool>> = vec![None; cx.doc.sentences.len()];
        for (i, t) in cx.doc.tokens.iter().enumerate() {
            // (The cheap tests first: most words have no capital.)
            if !t.is_word() || t.all_caps {
                continue;
            }
            let span = Span::new(t.start, t.end);
            if !cx.text(span).chars().any(char::is_uppercase)
                || t.norm.chars().nth(2).is_none()
                || covered.overlaps(&span)
            {
                continue;
            }
            let judged = match has_lower.get_mut(t.sentence as usize) {
                Some(memo) => *memo.get_or_insert_with(|| is_judged_spelling(cx, span, i)),
                None => is_judged_spelling(cx, span, i),
            };
            if !judged {
                continue;
            }
            groups
                .entry(Cow::Borrowed(t.norm.as_str()))
                .or_default()
                .push((cx.text(span), span, None));
        }
        for occurrences in groups.values() {
            // Spellings that differ beyond the capital of a sentence start.
            let mut kinds: Vec<(&str, usize)> = Vec::new();
            for (s, _, _) in occurrences {
                let key: &str = s;
                if let Some(k) = kinds.iter_mut().find(|(k, _)| same_shape(k, key)) {
                    k.1 += 1;
                } else {
                    kinds.push((key, 1));
                }
            }
            if kinds.len() < 2 {
                continue;
            }
            let entity = occurrences.iter().find_map(|o| o.2);
            let canonical = entity.map(|e| cx.glossary.glossary.entities[e].name.clone());
            // Report at the first occurrence that is not the canonical (or first) spelling.
            let reference = canonical.clone().unwrap_or_else(|| kinds[0].0.to_string());
            let Some(first_other) = occurrences.iter().find(|o| !same_shape(&o.0, &reference))
            else {
                continue;
            };
            let counts: Vec<String> = kinds
                .iter()
                .map(|(k, n)| format!("« {k} » ({n} fois)"))
                .collect();
            let message = format!(
                "le nom « {reference} » est écrit de {} façons dans ce texte : {} ; garder une seule graphie.",
                kinds.len(),
                counts.join(", ")
            );
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    first_other.1,
                    message,
                )
                .with_replacements([reference.clone()])
                .with_applicability(if canonical.is_some() {
                    crate::diagnostic::Applicability::Safe
                } else {
                    crate::diagnostic::Applicability::Unsafe
                }),
            );
        }
    }
}

/// One occurrence of a name: as written, where, and the glossary entity it is a form of.
type Spelling<'a> = (Cow<'a, str>, Span, Option<usize>);

/// Two spellings of one name are the same if they differ at most by the case of the
/// first letter (« Réseau » at a sentence start, « réseau » elsewhere).
fn same_shape(a: &str, b: &str) -> bool {
    let mut ca = a.chars();
    let mut cb = b.chars();
    match (ca.next(), cb.next()) {
        (Some(x), Some(y)) => x.to_lowercase().eq(y.to_lowercase()) && ca.eq(cb),
        (None, None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_with, rules_of};

    const G: &str = "[glossary]\nname = \"t\"\n[[entity]]\nid = \"nvidia\"\nname = \"Nvidia\"\n";

    #[test]
    fn two_spellings_of_a_glossary_name() {
        let d = check_with(
            G,
            "Meta achète chez Nvidia. Elle veut moins dépendre de NVIDIA.",
        );
        assert_eq!(rules_of(&d), ["entity-inconsistent", "entity-spelling"]);
    }

    #[test]
    fn two_spellings_outside_the_glossary() {
        let d = check_with(G, "Le groupe Foxconn livre. FoxConn a confirmé.");
        assert_eq!(rules_of(&d), ["entity-inconsistent"]);
        assert!(check_with(G, "Réseau et réseau. Le réseau.").is_empty());
        assert!(check_with(G, "Le fichier FICHIER est lu. Fichier suivant.").is_empty());
    }
}
