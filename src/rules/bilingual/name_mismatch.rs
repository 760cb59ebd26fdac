//! `name-mismatch`: a name of the source (glossary entity, acronym, product) missing from
//! the target, or a name in the target that the source does not have.

use super::{BiContext, UnitRule};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::glossary::Target;
use crate::rules::{RuleDoc, RuleMeta};
use std::collections::BTreeSet;

pub struct NameMismatch;

static META: RuleMeta = RuleMeta {
    id: "name-mismatch",
    category: Category::Mistranslation,
    severity: Severity::Warning,
    summary: "Nom propre ou terme à ne pas traduire présent d'un côté seulement.",
    doc: RuleDoc {
        what: "Vérifie que les noms de la source (entités du glossaire, sigles, noms de produits \
               en casse mixte comme « OpenAI ») figurent dans la traduction, et qu'aucune entité \
               du glossaire n'y apparaît sans être dans la source.",
        why: "Un nom perdu ou remplacé change l'information : « Reuters » qui disparaît, c'est \
              une source qui n'est plus citée.",
        example: "Source : « According to Reuters, TSMC made the chip » ; traduction : « Selon \
                  l'agence, la puce a été fabriquée ».",
        instead: "« Selon Reuters, la puce a été fabriquée par TSMC ».",
    },
};

/// A do-not-translate token outside the glossary: a word with a capital after a small
/// letter (« OpenAI », « GitHub », « iPhone »). Words in capitals are left out: in software
/// strings they are placeholders (FILE, NAME) that translators translate, and acronyms
/// have French forms (UN → ONU).
fn generic_name(w: &str) -> bool {
    // (One pass without a list of the characters: every word of a PO file's sources comes
    // here.)
    let (mut letters, mut camel, mut after_lower) = (0, false, false);
    for c in w.chars() {
        letters += usize::from(c.is_alphabetic());
        camel |= after_lower && c.is_uppercase();
        after_lower = c.is_lowercase();
    }
    letters >= 3 && camel
}

/// The form compared between source and target: an acronym's English plural dropped
/// (« GPUs » → « GPU »).
fn base(w: &str) -> &str {
    match w.strip_suffix('s') {
        Some(s) if s.len() >= 2 && s.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) => s,
        _ => w,
    }
}

impl UnitRule for NameMismatch {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        let g = &cx.cx.glossary.glossary;
        for (i, u) in cx.translated() {
            let entity_of = |t: Target| match t {
                Target::EntityName { entity }
                | Target::EntityFullName { entity }
                | Target::EntityAlso { entity, .. }
                | Target::EntityWrong { entity, .. } => Some(entity),
                _ => None,
            };
            let in_source: BTreeSet<u32> = cx.source_hits[i]
                .iter()
                .filter(|h| {
                    u.source[h.span().start..h.span().end]
                        .chars()
                        .any(char::is_uppercase)
                })
                .filter_map(|h| entity_of(h.target))
                .collect();
            let in_target: BTreeSet<u32> = cx
                .target_hits(u, false)
                .filter_map(|h| entity_of(h.target))
                .collect();
            for &e in in_source.difference(&in_target) {
                let name = &g.entities[e as usize].name;
                out.push(
                    cx.unit_diag(
                        u,
                        Diagnostic::new(
                            META.id,
                            META.category,
                            META.severity,
                            cx.target_span(u),
                            format!(
                                "« {name} » figure dans la source mais pas dans la traduction."
                            ),
                        )
                        .with_entry(&g.entities[e as usize].id),
                    ),
                );
            }
            for h in cx.target_hits(u, false) {
                if let Some(e) = entity_of(h.target)
                    && !in_source.contains(&e)
                    && cx.cx.text(h.span()).chars().any(char::is_uppercase)
                {
                    let name = &g.entities[e as usize].name;
                    out.push(cx.unit_diag(
                            u,
                            Diagnostic::new(META.id, Category::Addition, Severity::Info, h.span(), format!("« {name} » apparaît dans la traduction mais pas dans la source."))
                                .with_entry(&g.entities[e as usize].id),
                        ));
                }
            }
            // Acronyms and mixed-case names outside the glossary (glossary term sources such
            // as « AI » are the key-term rule's business).
            let covered: Vec<crate::diagnostic::Span> =
                cx.source_hits[i].iter().map(|h| h.span()).collect();
            // The target's words, cut when a source has such a name (most have none).
            let mut target_words: Option<BTreeSet<&str>> = None;
            let mut seen = BTreeSet::new();
            for t in &cx.sources[i].tokens {
                let w = &u.source[t.start()..t.end()];
                let span = crate::diagnostic::Span::new(t.start(), t.end());
                if !generic_name(w) || covered.iter().any(|c| c.overlaps(&span)) || !seen.insert(w)
                {
                    continue;
                }
                let target_words = target_words.get_or_insert_with(|| {
                    u.target
                        .split(|c: char| !c.is_alphanumeric())
                        .map(base)
                        .collect()
                });
                if !target_words.contains(base(w)) {
                    out.push(cx.unit_diag(
                        u,
                        Diagnostic::new(
                            META.id,
                            META.category,
                            Severity::Info,
                            cx.target_span(u),
                            format!("« {w} » figure dans la source mais pas dans la traduction."),
                        ),
                    ));
                }
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
[[entity]]
id = "reuters"
name = "Reuters"
[[entity]]
id = "nvidia"
name = "Nvidia"
[[entity]]
id = "tsmc"
name = "TSMC"
"#;

    #[test]
    fn missing_and_added_names() {
        let d = check_pairs(
            G,
            &[(
                "According to Reuters, TSMC made it.",
                "Selon l'agence, la puce a été fabriquée.",
            )],
        );
        let msgs: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "« Reuters » figure dans la source mais pas dans la traduction.",
                "« TSMC » figure dans la source mais pas dans la traduction."
            ]
        );
        let d = check_pairs(G, &[("The chip is fast.", "La puce de Nvidia est rapide.")]);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("pas dans la source"));
    }

    /// `generic_name` in one pass agrees with its definition over the list of characters,
    /// on random words of letters of both cases (accented too), digits and signs.
    #[test]
    fn generic_names_as_defined() {
        let by_list = |w: &str| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let chars: Vec<char> = w.chars().collect();
            letters >= 3
                && chars
                    .windows(2)
                    .any(|p| p[0].is_lowercase() && p[1].is_uppercase())
        };
        let pieces = ["a", "B", "é", "É", "x", "Q", "1", "-", "_", "ß", "ǅ"];
        let mut rng = crate::testing::Rng::new(0x4E41_4D45);
        let mut names = 0;
        for _ in 0..20_000 {
            let w = rng.string(&pieces, 7);
            assert_eq!(super::generic_name(&w), by_list(&w), "{w:?}");
            names += usize::from(by_list(&w));
        }
        assert!(names > 1000, "{names}");
    }

    #[test]
    fn names_kept() {
        assert!(
            check_pairs(
                G,
                &[(
                    "According to Reuters, TSMC and OpenAI agree.",
                    "Selon Reuters, TSMC et OpenAI sont d'accord."
                )]
            )
            .is_empty()
        );
        let d = check_pairs(
            G,
            &[(
                "Push to GitHub with a FILE name.",
                "Pousser vers le dépôt avec un nom de FICHIER.",
            )],
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("GitHub"));
    }
}
