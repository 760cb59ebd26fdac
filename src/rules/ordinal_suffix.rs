//! `ordinal-suffix`: an ordinal abbreviated the English way or with a wrong French suffix
//! (« 1st », « 2nd », « 1ère », « 2ème », « XXème »).

use super::typography::Prose;
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use regex::Regex;
use std::sync::LazyLock;

pub struct OrdinalSuffix;

static META: RuleMeta = RuleMeta {
    id: "ordinal-suffix",
    category: Category::LocaleConvention,
    severity: Severity::Warning,
    summary: "Abréviation d'ordinal fautive (« 2ème », « 1ère », « 3rd » pour « 2e », « 1re », « 3e »).",
    doc: RuleDoc {
        what: "Signale les ordinaux abrégés à l'anglaise (« 1st », « 2nd », « 3rd », « 4th ») \
               et les suffixes français fautifs (« 2ème », « 2eme », « 2ième », « 1ère », \
               « 1ere », « 1ème », « 2nde », « XXème »), en chiffres arabes ou romains. La \
               correction est sûre (« 2e », « 1re », « 1res », « 2de », « XXe », « 21e ») sauf \
               pour « 1st » et « 1ème », dont le genre est à choisir (« 1er » ou « 1re »). \
               « 2nd » devient « 2e » (deuxième) ; « 2nde », déjà français, « 2de ». Ne signale \
               pas les ordinaux anglais suivis d'un mot à majuscule (« 4th Gen »), le code ni \
               les phrases en anglais.",
        why: "Les abréviations françaises des ordinaux sont « 1er », « 1re », « 2e », « 2d », \
              « 2de » (Imprimerie nationale, Académie française) ; « ème », « ième » et les \
              suffixes anglais sont des fautes fréquentes des traductions.",
        example: "Meta est le 2ème acheteur de GPU, derrière le 1st client de Nvidia.",
        instead: "Meta est le 2e acheteur de GPU, derrière le 1er client de Nvidia.",
    },
};

static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d+|[IVXLC]+)(st|nd|rd|th|ème|eme|ième|ieme|ière|iere|ère|ere|nde|ndes|èmes|emes|ièmes|iemes|ères|eres)\b")
        .expect("valid regex")
});

/// `ORDINAL` without its word boundaries: no Unicode look-around, so the fast engines run
/// it. A match of `ORDINAL` never spans two lines and is a match of this one: only the
/// lines where this one matches are searched with `ORDINAL` (a line's ends are not word
/// characters, so its boundaries are the same alone as in the whole text).
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\d+|[IVXLC]+)(?:st|nd|rd|th|ème|eme|ième|ieme|ière|iere|ère|ere|nde|ndes|èmes|emes|ièmes|iemes|ères|eres)")
        .expect("valid regex")
});

/// Every match of `ORDINAL` in the view, as (start, end, number, suffix), in order.
fn ordinals(view: &str) -> Vec<(usize, usize, &str, &str)> {
    let mut out = Vec::new();
    let mut done = 0; // lines before this offset are searched
    for m in CANDIDATE.find_iter(view) {
        if m.start() < done {
            continue;
        }
        let line_start = view[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let line_end = view[m.end()..]
            .find('\n')
            .map_or(view.len(), |i| m.end() + i);
        let line = &view[line_start..line_end];
        for c in ORDINAL.captures_iter(line) {
            let all = c.get(0).expect("match");
            let (num, suffix) = (c.get(1).expect("number"), c.get(2).expect("suffix"));
            out.push((
                line_start + all.start(),
                line_start + all.end(),
                &line[num.range()],
                &line[suffix.range()],
            ));
        }
        done = line_end + 1;
    }
    out
}

static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$").expect("valid regex")
});

impl Rule for OrdinalSuffix {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let text = &cx.doc.text;
        for (s, e, num, suffix) in ordinals(&cx.doc.view) {
            let roman = !num.starts_with(|x: char| x.is_ascii_digit());
            if roman && !ROMAN.is_match(num) || num.starts_with('0') {
                continue;
            }
            let english = matches!(suffix, "st" | "nd" | "rd" | "th");
            if english && roman {
                continue;
            }
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            if before.is_some_and(|b| "-_./'’".contains(b))
                || after.is_some_and(|a| "_/'’".contains(a))
            {
                continue;
            }
            if english {
                // « 4th Gen », « 2nd Edition »: an English name.
                let next = text[e..].trim_start_matches(' ');
                if next.len() < text[e..].len() && next.starts_with(char::is_uppercase) {
                    continue;
                }
            }
            if !p.is_visible_french(s, e) {
                continue;
            }
            let first = num == "1" || num == "I";
            let plural = suffix.ends_with('s') && suffix != "st";
            let fixes: Vec<String> = match suffix {
                "st" if first => vec![format!("{num}er"), format!("{num}re")],
                "ème" | "eme" | "ième" | "ieme" if first => {
                    vec![format!("{num}er"), format!("{num}re")]
                }
                "ère" | "ere" | "ière" | "iere" | "ères" | "eres" if first => {
                    vec![format!("{num}re{}", if plural { "s" } else { "" })]
                }
                "ère" | "ere" | "ière" | "iere" | "ères" | "eres" => continue,
                "nde" | "ndes" if num == "2" => {
                    vec![format!("{num}de{}", if plural { "s" } else { "" })]
                }
                "nde" | "ndes" => continue,
                _ => vec![format!("{num}e{}", if plural { "s" } else { "" })],
            };
            let found = &text[s..e];
            let message = if english {
                format!(
                    "« {found} » : abréviation anglaise ; en français, {}.",
                    fixes
                        .iter()
                        .map(|f| format!("« {f} »"))
                        .collect::<Vec<_>>()
                        .join(" ou ")
                )
            } else {
                format!(
                    "« {found} » : l'abréviation de l'ordinal s'écrit {}.",
                    fixes
                        .iter()
                        .map(|f| format!("« {f} »"))
                        .collect::<Vec<_>>()
                        .join(" ou ")
                )
            };
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    Span::new(s, e),
                    message,
                )
                .with_replacements(fixes),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Applicability;
    use crate::testing::check_with;

    const G: &str = "[glossary]\nname='t'\n";

    fn ordinals(text: &str) -> Vec<Vec<String>> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "ordinal-suffix")
            .map(|d| {
                d.suggestions
                    .iter()
                    .map(|s| s.replacement.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn wrong_suffixes() {
        assert_eq!(
            ordinals(
                "le 2ème, la 1ère, les 1ères, le 3eme, le 21st, le 2nd, la 2nde, au XXème siècle, le 4th."
            ),
            [
                vec!["2e"],
                vec!["1re"],
                vec!["1res"],
                vec!["3e"],
                vec!["21e"],
                vec!["2e"],
                vec!["2de"],
                vec!["XXe"],
                vec!["4e"]
            ]
        );
        let d = check_with(G, "le 1st client");
        assert_eq!(d[0].suggestions.len(), 2);
        assert_eq!(
            d[0].suggestions[0].applicability,
            Applicability::DisplayOnly
        );
        let d = check_with(G, "le 2ème client");
        assert_eq!(d[0].suggestions[0].applicability, Applicability::Safe);
    }

    #[test]
    fn good_forms_names_and_english_are_left() {
        for t in [
            "le 1er, la 1re, le 2e, le 2d, la 2de, le XXe siècle, les 3es.",
            "Les processeurs Intel Core de 4th Gen sont lents.",
            "He finished 2nd in the race and was happy with the result.",
            "La fonction get_1st_item et le fichier a.2nd et x86.",
            "Le mot Lère et Cère et MIème.",
        ] {
            assert!(ordinals(t).is_empty(), "{t}: {:?}", ordinals(t));
        }
    }
}
