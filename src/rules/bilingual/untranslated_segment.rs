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

/// The English function words of `s` and all its words (runs of letters): `(english,
/// words)`. Every translation unit of a PO file comes here.
fn english_share(s: &str) -> (usize, usize) {
    let (mut english, mut words) = (0, 0);
    for w in s
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        english += usize::from(is_english(w));
    }
    (english, words)
}

/// True when `w` in lower case is one of `ENGLISH`.
fn is_english(w: &str) -> bool {
    crate::document::find_lowercase(w, ENGLISH, |e| e).is_some()
}

/// True when `target`, identical to its source, holds prose left in English: four words
/// of prose or more, or two with an English function word among them. Words of prose are
/// not names, codes, options (-x, --all) nor placeholders (<file>).
fn untranslated_prose(target: &str) -> bool {
    let ordinary: Vec<&str> = target
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.starts_with(['-', '<', '[', '(', '{', '%', '$', '|']))
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().all(char::is_alphabetic) && w.chars().count() > 1 && !keepable(w))
        .collect();
    let english = ordinary.iter().filter(|w| is_english(w)).count();
    ordinary.len() >= 4 || (ordinary.len() >= 2 && english >= 1)
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
            // The same words, whatever the white space between them.
            let same = u.source.split_whitespace().eq(u.target.split_whitespace());
            let message = if same && untranslated_prose(&u.target) {
                "la traduction est identique à la source : segment non traduit ?".to_string()
            } else {
                let (english, words) = english_share(&u.target);
                if english >= 3 && english * 10 >= words * 3 {
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

    /// The shortcuts agree with the plain forms on random texts: `english_share` with the
    /// words lowered into a list, and the comparison of the words with the words joined.
    #[test]
    fn shortcuts_as_the_plain_forms() {
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let pieces = [
            "the", "The", "AND", "of", "été", "Été", "la", "x", " ", "  ", "\t", "\n", "-", "'",
            "1", "İs",
        ];
        let mut rng = crate::testing::Rng::new(0x5345_474D);
        let (mut english, mut same) = (0, 0);
        for _ in 0..20_000 {
            let (a, b) = (rng.string(&pieces, 8), rng.string(&pieces, 8));
            let w = words(&a);
            let plain = w
                .iter()
                .filter(|x| super::ENGLISH.contains(&x.as_str()))
                .count();
            assert_eq!(super::english_share(&a), (plain, w.len()), "{a:?}");
            english += usize::from(plain > 0);
            let equal = norm(&a) == norm(&b);
            assert_eq!(
                a.split_whitespace().eq(b.split_whitespace()),
                equal,
                "{a:?} {b:?}"
            );
            same += usize::from(equal);
        }
        assert!(english > 1000 && same > 100, "{english} {same}");
    }

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
