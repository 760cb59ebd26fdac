//! `entity-inconsistent`: one name spelled two ways in one text.

use super::entity_spelling::is_judged_spelling;
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::glossary::Target;
use std::borrow::Cow;
use std::collections::HashMap;

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
        // (Groups by hashing, then in the order of their keys: a long text has tens of
        // thousands of capitalised words, which a sorted map compared string by string.)
        let mut groups = Groups::default();
        let mut covered: Vec<Span> = Vec::new();
        for hit in &cx.hits {
            if let Target::EntityName { entity } = hit.target
                && is_judged_spelling(cx, hit.span, hit.first)
            {
                let found = cx.text(hit.span);
                groups.push(
                    found.to_lowercase().into(),
                    (found, hit.span, Some(entity as usize)),
                );
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
            // (`cx.text(span)` has the characters of the view but its white space.)
            if !has_upper_case(&cx.doc.view, t.start, t.end)
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
            groups.push(Cow::Borrowed(t.norm.as_str()), (cx.text(span), span, None));
        }
        for occurrences in groups.in_order() {
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

/// The spellings of each name, by lower-case key.
#[derive(Default)]
struct Groups<'a> {
    index: HashMap<Cow<'a, str>, usize, foldhash::fast::FixedState>,
    groups: Vec<Vec<Spelling<'a>>>,
}

impl<'a> Groups<'a> {
    fn push(&mut self, key: Cow<'a, str>, spelling: Spelling<'a>) {
        let next = self.groups.len();
        let k = *self.index.entry(key).or_insert(next);
        if k == next {
            self.groups.push(Vec::new());
        }
        self.groups[k].push(spelling);
    }

    /// The groups in the order of their keys.
    fn in_order(&self) -> impl Iterator<Item = &Vec<Spelling<'a>>> {
        let mut keys: Vec<(&str, usize)> = self.index.iter().map(|(k, &i)| (&**k, i)).collect();
        keys.sort_unstable();
        keys.into_iter().map(|(_, i)| &self.groups[i])
    }
}

/// True when `text[start..end]` holds an upper-case letter: on its bytes up to the first
/// that is not ASCII (most words are ASCII), character by character from there.
fn has_upper_case(text: &str, start: usize, end: usize) -> bool {
    for (i, &b) in text.as_bytes()[start..end].iter().enumerate() {
        if b.is_ascii_uppercase() {
            return true;
        }
        if !b.is_ascii() {
            // (The first byte that is not ASCII starts a character.)
            return text[start + i..end].chars().any(char::is_uppercase);
        }
    }
    false
}

/// Two spellings of one name are the same if they differ at most by the case of the
/// first letter (« Réseau » at a sentence start, « réseau » elsewhere).
fn same_shape(a: &str, b: &str) -> bool {
    // (Most occurrences are written as the first: equal, without decoding.)
    if a == b {
        return true;
    }
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
    use super::{has_upper_case, same_shape};
    use crate::testing::{check_with, rules_of};

    const G: &str = "[glossary]\nname = \"t\"\n[[entity]]\nid = \"nvidia\"\nname = \"Nvidia\"\n";

    #[test]
    fn upper_case_on_bytes_as_on_characters() {
        for w in "Nvidia NVIDIA nvidia ABCDEFGHIJ abcdefghijklmnopQ abcdefghé abcdefgÉ @[`{ AZaz réseau Réseau ÉTAT état île Île œuvre Œuvre ça Ça \
                  iPhone l'IA l’IA 2024 1er x X 😀 😀A a😀 ß ẞ ǅ ǆ Ω ω ΑΒΓ"
            .split(' ')
            .chain(["", "\u{a0}", "a\u{a0}B", "a\u{202f}b"])
        {
            assert_eq!(
                has_upper_case(w, 0, w.len()),
                w.chars().any(char::is_uppercase),
                "{w}"
            );
        }
        // Every slice of a text, near its end too (fewer than eight bytes left).
        let text = "Le réseau NVIDIA d’iPhone\u{a0}: état 2024 😀 Œuvre ÉTÉ île x";
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|&&b| b >= a) {
                assert_eq!(
                    has_upper_case(text, a, b),
                    text[a..b].chars().any(char::is_uppercase),
                    "{:?}",
                    &text[a..b]
                );
            }
        }
        for (a, b) in [
            ("Nvidia", "Nvidia"),
            ("Nvidia", "nvidia"),
            ("NVIDIA", "Nvidia"),
        ] {
            assert_eq!(same_shape(a, b), a != "NVIDIA", "{a} {b}");
        }
    }

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
