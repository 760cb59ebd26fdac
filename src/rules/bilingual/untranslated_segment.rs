//! `untranslated-segment`: a target identical to its source, or still mostly English.

use super::{BiContext, UnitRule, excerpt};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{RuleDoc, RuleMeta};

pub struct UntranslatedSegment;

static META: RuleMeta = RuleMeta {
    id: "untranslated-segment",
    category: Category::Untranslated,
    severity: Severity::Warning,
    summary: "Segment non traduit : identique à la source, ou encore en anglais.",
    doc: RuleDoc {
        what: "Signale une traduction identique à sa source (au moins deux mots, pas seulement \
               des noms, sigles ou codes), ou dont une large part des mots sont des mots-outils \
               anglais (the, and, of, with...).",
        why: "Un segment oublié reste en anglais dans la version publiée.",
        example: "Source : « Meta is testing a new chip. » ; traduction : « Meta is testing a new chip. »",
        instead: "« Meta teste une nouvelle puce. »",
    },
};

const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "is", "are", "with", "this", "that", "be", "by", "it", "from", "for",
    "was", "were", "will", "can", "which", "has", "have", "an", "or", "not", "you", "your", "its",
    "into", "should", "must", "been", "these", "those", "when", "if",
];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A word that a translation may keep as is: a name, an acronym, a code.
fn keepable(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        || w.chars().any(|c| c.is_ascii_digit() || c == '_')
}

impl UnitRule for UntranslatedSegment {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        for (_, u) in cx.translated() {
            let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let same = norm(&u.source) == norm(&u.target);
            // Words of prose: not names, codes, options (-x, --all), placeholders (<file>).
            let ordinary: Vec<&str> = u
                .target
                .split(|c: char| c.is_whitespace())
                .filter(|w| !w.starts_with(['-', '<', '[', '(', '{', '%', '$', '|']))
                .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
                .filter(|w| {
                    w.chars().all(char::is_alphabetic) && w.chars().count() > 1 && !keepable(w)
                })
                .collect();
            let english = ordinary
                .iter()
                .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
                .count();
            let message = if same && (ordinary.len() >= 4 || (ordinary.len() >= 2 && english >= 1))
            {
                "la traduction est identique à la source : segment non traduit ?".to_string()
            } else {
                let w = words(&u.target);
                let english = w.iter().filter(|x| ENGLISH.contains(&x.as_str())).count();
                if english >= 3 && english * 10 >= w.len() * 3 {
                    format!(
                        "la traduction est encore en anglais : « {} ».",
                        excerpt(&u.target, 60)
                    )
                } else {
                    continue;
                }
            };
            out.push(cx.unit_diag(
                u,
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    cx.target_span(u),
                    message,
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_pairs;

    const G: &str = "[glossary]\nname='t'\n";

    #[test]
    fn identical_or_english() {
        let d = check_pairs(
            G,
            &[
                ("Meta is testing a new chip.", "Meta is testing a new chip."),
                (
                    "The chip is made by TSMC for the data center.",
                    "The chip is made by TSMC for the centre de données.",
                ),
            ],
        );
        assert_eq!(d.len(), 2, "{d:?}");
    }

    #[test]
    fn names_and_french() {
        assert!(
            check_pairs(
                G,
                &[
                    ("Django", "Django"),
                    ("JSON API", "JSON API"),
                    ("Meta tests a chip.", "Meta teste une puce.")
                ]
            )
            .is_empty()
        );
        assert!(
            check_pairs(
                G,
                &[
                    (
                        "git am [<options>] (--continue | --skip)",
                        "git am [<options>] (--continue | --skip)"
                    ),
                    ("%s versus %s", "%s versus %s")
                ]
            )
            .is_empty()
        );
    }
}
