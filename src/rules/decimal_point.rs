//! `decimal-point`: a decimal point where French writes a decimal comma (« 5.5 milliards »).

use super::typography::{
    CURRENCY_WORDS, MEASURE_WORDS, Prose, RUN_POINT, SCALE_WORDS, ascii_digits_end,
    first_at_digit_runs, word_after_space, word_before_space,
};
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use regex::Regex;
use std::sync::LazyLock;

pub struct DecimalPoint;

static META: RuleMeta = RuleMeta {
    id: "decimal-point",
    category: Category::LocaleConvention,
    severity: Severity::Warning,
    summary: "Point décimal anglais dans un nombre (« 5.5 milliards » pour « 5,5 milliards »).",
    doc: RuleDoc {
        what: "Signale un nombre à point décimal (« 5.5 ») suivi d'un mot d'échelle (millions, \
               milliards), d'une devise écrite en toutes lettres, de « % » ou d'une unité \
               (« nm », « Go », « GHz », « fois », « points », « ans »...) ; la correction sûre \
               remplace le point par une virgule. Ne signale pas les numéros de version \
               (« version 2.5 », « Linux 2.6 », « v1.5 »), les adresses et numéros à plusieurs \
               points (« 192.168.1.1 », « 1.2.3 »), les nombres sans unité, le code, les tableaux \
               et sorties de programme (lignes où les chiffres dominent) ni les phrases en \
               anglais.",
        why: "En français, la virgule sépare la partie entière de la partie décimale ; le point \
              est la convention anglaise, et « 5.5 milliards » se lit mal, voire comme \
              « 5 500 milliards » pour un lecteur habitué au point de groupement.",
        example: "Meta investira 5.5 milliards de dollars, soit une hausse de 2.5 %.",
        instead: "Meta investira 5,5 milliards de dollars, soit une hausse de 2,5 %.",
    },
};

static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+\.\d+").expect("valid regex"));

/// The matches of `NUMBER` in the view, as `find_iter` over the view finds them. Every
/// match holds a digit and a point and no white space: only the numeric runs that hold a
/// point are searched (`Prose::numeric_runs`).
fn numbers(p: &Prose) -> impl Iterator<Item = (usize, usize)> {
    p.numeric_matches(&NUMBER, RUN_POINT, |_, _| true, ascii_number)
}

/// `NUMBER` (`\d+\.\d+`) in a run whose digits are ASCII: the first match from `from`
/// (`find_iter` goes on after a match, at a byte that is not a digit): the first run of
/// digits followed by a point and a digit, to the end of the digits after the point.
fn ascii_number(run: &[u8], from: usize) -> Option<(usize, usize)> {
    first_at_digit_runs(run, from, |i| {
        let point = ascii_digits_end(run, i);
        (run.get(point) == Some(&b'.') && run.get(point + 1).is_some_and(u8::is_ascii_digit))
            .then(|| (i, ascii_digits_end(run, point + 1)))
    })
}

/// Words after which a number with a point is a version, not a quantity.
const VERSION_WORDS: &[&str] = &[
    "version",
    "versions",
    "v",
    "release",
    "révision",
    "noyau",
    "norme",
    "standard",
    "api",
    "protocole",
];

impl Rule for DecimalPoint {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let text = &cx.doc.text;
        let view = &cx.doc.view;
        for (s, e) in numbers(&p) {
            let before = view[..s].chars().next_back();
            let after = view[e..].chars().next();
            // Part of a longer token: « 1.2.3 », « v1.5 », « 192.168.1.1 », « x.5.y ».
            if before.is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '.' | ',' | '_' | '-' | '/' | '$' | '€' | '£')
            }) || after.is_some_and(|c| {
                c.is_alphanumeric()
                    || matches!(c, '.' | ',' | '_' | '-' | '/')
                        && view[e + 1..].starts_with(|x: char| x.is_alphanumeric())
            }) {
                continue;
            }
            let next = word_after_space(text, e);
            let unit = if after == Some('%') { "%" } else { next };
            if !(MEASURE_WORDS.contains(&unit)
                || SCALE_WORDS.contains(&unit)
                || CURRENCY_WORDS.contains(&unit))
            {
                continue;
            }
            let prev = word_before_space(text, s);
            if VERSION_WORDS.contains(&prev.to_lowercase().as_str())
                || prev.starts_with(char::is_uppercase)
                    && prev.len() > 1
                    && !is_common_capitalized(prev)
                || !p.is_visible_french(s, e)
                || p.is_numeric_at(s)
            {
                continue;
            }
            let found = &text[s..e];
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    Span::new(s, e),
                    format!("« {found} » : le français sépare les décimales par une virgule."),
                )
                .with_replacements([found.replace('.', ",")]),
            );
        }
    }
}

/// Capitalised words at the start of a sentence that may precede a quantity.
fn is_common_capitalized(w: &str) -> bool {
    matches!(
        w,
        "Environ"
            | "Près"
            | "Plus"
            | "Moins"
            | "Soit"
            | "Avec"
            | "Pour"
            | "De"
            | "En"
            | "Les"
            | "Des"
            | "Sur"
            | "Par"
            | "Et"
    )
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    /// The search by hand finds what the regex finds, in runs whose digits are ASCII.
    #[test]
    fn search_by_hand_is_the_regex() {
        crate::rules::typography::assert_search_finds_what_the_regex_finds(
            &super::NUMBER,
            super::ascii_number,
        );
    }

    const G: &str = "[glossary]\nname='t'\n";

    fn decimals(text: &str) -> Vec<String> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "decimal-point")
            .map(|d| d.suggestions[0].replacement.clone())
            .collect()
    }

    #[test]
    fn decimal_point_before_a_unit_or_a_scale() {
        assert_eq!(
            decimals("Meta investira 5.5 milliards de dollars."),
            ["5,5"]
        );
        assert_eq!(decimals("Une hausse de 2.5 % et de 3.7%."), ["2,5", "3,7"]);
        assert_eq!(
            decimals("Une gravure en 1.8 nm et 2.4 GHz."),
            ["1,8", "2,4"]
        );
    }

    /// The numbers found in the numeric runs are those of the regex over the whole text.
    #[test]
    fn numbers_of_the_runs_are_those_of_the_whole_text() {
        let pieces = [
            "1", "2.5", ".", "..", " ", "\n", "\t", "a", "é", "٣", "²", "\u{a0}", "x.5", "0.",
            "v1", "12.34.56", "\u{202f}", "%", "-", ",",
        ];
        let mut rng = crate::testing::Rng::new(0x00de_c1ae);
        for _ in 0..3000 {
            let text: String = (0..rng.below(14))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            let doc = crate::document::Document::from_str(&text);
            let p = super::Prose::new(&doc);
            let all: Vec<(usize, usize)> = super::NUMBER
                .find_iter(&doc.view)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(super::numbers(&p).collect::<Vec<_>>(), all, "{text:?}");
        }
    }

    #[test]
    fn versions_addresses_and_bare_numbers_are_left() {
        for t in [
            "La version 2.5 millions de fois téléchargée.",
            "Depuis Linux 2.6 fois plus rapide.",
            "L'adresse 192.168.1.1 et la version 1.2.3 Go.",
            "La glibc 2.17 et Python 3.11 sont requis.",
            "Un écart de 5,5 milliards et de 2.5.",
            "Le fichier v1.5 ans et x.5 %.",
            "Revenue grew by 5.5 % this year and the company said it would expand.",
            "8K... 16K- : 810 1979 0.7%",
        ] {
            assert!(decimals(t).is_empty(), "{t}: {:?}", decimals(t));
        }
    }
}
