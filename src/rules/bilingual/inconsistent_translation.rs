//! `inconsistent-translation`: the same source translated differently in one file, or one
//! translation used for different sources.

use super::{BiContext, UnitRule, excerpt};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{RuleDoc, RuleMeta};
use std::collections::HashMap;

pub struct InconsistentTranslation;

static META: RuleMeta = RuleMeta {
    id: "inconsistent-translation",
    category: Category::Inconsistency,
    severity: Severity::Warning,
    summary: "Même source traduite de plusieurs façons dans un fichier (ou même traduction pour des sources différentes).",
    doc: RuleDoc {
        what: "Regroupe les unités par source (même contexte) : une source traduite de deux \
               façons est signalée (avertissement) ; une même traduction pour des sources \
               différentes aussi (info).",
        why: "L'utilisateur voit deux libellés pour une même action, ou ne distingue plus deux \
              actions différentes.",
        example: "« Save » → « Enregistrer » puis « Save » → « Sauvegarder ».",
        instead: "« Save » → « Enregistrer » partout.",
    },
};

/// `s` in lower case, its runs of white space (no-break spaces included) as one space.
/// Joined into one string, lowered in place when ASCII: every unit's source and target
/// come here (a list of words, a joined copy, a lowered copy and a replaced copy each cost
/// 63 M instructions on a PO file of 11,000 units).
fn norm(s: &str) -> String {
    let mut joined = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            joined.push(' ');
        }
        joined.push_str(w);
    }
    if joined.is_ascii() {
        joined.make_ascii_lowercase();
        joined
    } else {
        joined.to_lowercase()
    }
}

/// Key that ignores the final punctuation and spacing (« Name: » ≈ « Name »).
fn loose(s: &str) -> String {
    norm(s)
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace() || c == '…')
        .to_string()
}

impl UnitRule for InconsistentTranslation {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        // Same source (and context) → targets. Plural forms other than the first are left out.
        let mut by_source: HashMap<(String, String), Vec<usize>> = HashMap::new();
        let mut by_target: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, u) in cx.translated() {
            if u.plural.is_some_and(|n| n > 0) {
                continue;
            }
            let context = u.context.clone().unwrap_or_default();
            by_source
                .entry((context, norm(&u.source)))
                .or_default()
                .push(i);
            by_target.entry(norm(&u.target)).or_default().push(i);
        }
        let mut groups: Vec<&Vec<usize>> = by_source.values().filter(|v| v.len() > 1).collect();
        groups.sort();
        for v in groups {
            let mut counts: Vec<(String, usize, usize)> = Vec::new();
            for &i in v {
                let t = norm(&cx.units[i].target);
                match counts.iter_mut().find(|c| c.0 == t) {
                    Some(c) => c.1 += 1,
                    None => counts.push((t, 1, i)),
                }
            }
            if counts.len() < 2 {
                continue;
            }
            let majority = counts
                .iter()
                .max_by_key(|c| (c.1, std::cmp::Reverse(c.2)))
                .map(|c| c.2)
                .unwrap_or(v[0]);
            let reference = &cx.units[majority];
            for &i in v {
                let u = &cx.units[i];
                if norm(&u.target) == norm(&reference.target) {
                    continue;
                }
                out.push(
                    cx.unit_diag(
                        u,
                        Diagnostic::new(
                            META.id,
                            META.category,
                            META.severity,
                            cx.target_span(u),
                            format!(
                                "« {} » est traduit ici « {} » mais ailleurs « {} » (unité {}).",
                                excerpt(&u.source, 50),
                                excerpt(&u.target, 50),
                                excerpt(&reference.target, 50),
                                reference.id
                            ),
                        )
                        .with_replacements([reference.target.clone()])
                        .with_applicability(crate::diagnostic::Applicability::Unsafe),
                    ),
                );
            }
        }
        let mut groups: Vec<&Vec<usize>> = by_target.values().filter(|v| v.len() > 1).collect();
        groups.sort();
        for v in groups {
            let first = &cx.units[v[0]];
            for &i in &v[1..] {
                let u = &cx.units[i];
                if loose(&u.source) == loose(&first.source)
                    || u.target.split_whitespace().count() < 2
                {
                    continue;
                }
                out.push(cx.unit_diag(
                    u,
                    Diagnostic::new(
                        META.id,
                        META.category,
                        Severity::Info,
                        cx.target_span(u),
                        format!(
                            "même traduction « {} » pour deux sources différentes : « {} » et « {} » (unité {}).",
                            excerpt(&u.target, 50),
                            excerpt(&u.source, 50),
                            excerpt(&first.source, 50),
                            first.id
                        ),
                    ),
                ));
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_pairs;

    /// `norm` gives what its first definition gave (words joined, lowered, no-break spaces
    /// replaced) on random texts of letters of both cases, Greek capitals (a final sigma),
    /// accents and every kind of space.
    #[test]
    fn norm_as_first_defined() {
        let plain = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
                .replace(['\u{A0}', '\u{202F}'], " ")
        };
        let pieces = [
            "Ab", "é", "É", "ΟΔΟΣ", "Σ", "x", " ", "  ", "\u{A0}", "\u{202F}", "\t", "\n", ":", "İ",
        ];
        let mut rng = crate::testing::Rng::new(0x4E4F_524D);
        for _ in 0..20_000 {
            let t = rng.string(&pieces, 8);
            assert_eq!(super::norm(&t), plain(&t), "{t:?}");
        }
    }

    #[test]
    fn two_targets_for_one_source() {
        let g = "[glossary]\nname='t'\n";
        let d = check_pairs(
            g,
            &[
                ("Save file", "Enregistrer le fichier"),
                ("Save file", "Sauvegarder le fichier"),
                ("Save file", "Enregistrer le fichier"),
            ],
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].unit.as_deref(), Some("u2"));
        let d = check_pairs(
            g,
            &[
                ("Delete the page", "Supprimer la page"),
                ("Remove the page", "Supprimer la page"),
            ],
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, crate::diagnostic::Severity::Info);
    }
}
