//! `thousands-separator`: an amount grouped the English way (« 65,000 ») or not grouped
//! (« 65000 personnes ») where French groups thousands with a non-breaking space.

use super::typography::{
    COUNT_NOUNS, Prose, RUN_BEYOND_ASCII, RUN_FOUR_DIGITS, SCALE_WORDS, ascii_digits_end,
    word_after_space, word_before_space,
};
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use regex::Regex;
use std::sync::LazyLock;

pub struct ThousandsSeparator;

static META: RuleMeta = RuleMeta {
    id: "thousands-separator",
    category: Category::LocaleConvention,
    severity: Severity::Warning,
    summary: "Milliers séparés par une virgule (« 65,000 ») ou non séparés (« 65000 personnes »).",
    doc: RuleDoc {
        what: "Signale un montant d'au moins 10 000 suivi d'un mot de quantité (devise, \
               personnes, employés, utilisateurs, unités, tonnes, millions...) : groupé par des \
               virgules à l'anglaise (« 65,000 dollars » : avertissement, car en français la \
               virgule est décimale) ou écrit d'un bloc de cinq chiffres ou plus (« 65000 \
               personnes » : info). La correction sûre groupe les chiffres par trois avec une \
               espace insécable (fine U+202F si le texte en emploie déjà, U+00A0 sinon). Ne \
               signale pas les nombres de moins de 10 000, les années, les ports, codes, \
               numéros et identifiants (« port 8443 », « code 10001 », « n° 12345 »), les \
               constantes techniques (puissances de deux : « 65536 », « 65535 »), ni les \
               nombres sans mot de quantité, le code, les tableaux et sorties de programme (lignes où les chiffres dominent) et les phrases en anglais.",
        why: "Le français groupe les chiffres par tranches de trois séparées par une espace \
              insécable ; « 65,000 » se lit « soixante-cinq virgule zéro » et un bloc de \
              chiffres se lit mal.",
        example: "La société emploie 65,000 personnes et compte 120000 clients.",
        instead: "La société emploie 65\u{202F}000 personnes et compte 120\u{202F}000 clients.",
    },
};

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{1,3}(?:,\d{3})+|\d{5,}").expect("valid regex"));

/// Words after which a number is a code or an identifier, not an amount.
const CODE_WORDS: &[&str] = &[
    "port",
    "ports",
    "code",
    "codes",
    "n°",
    "no",
    "numéro",
    "numéros",
    "pid",
    "uid",
    "gid",
    "id",
    "identifiant",
    "erreur",
    "version",
    "ligne",
    "lignes",
    "article",
    "réf",
    "référence",
    "téléphone",
    "tél",
    "cp",
    "bp",
    "dossier",
    "ticket",
    "issue",
    "bogue",
    "bug",
];

/// The matches of `NUMBER` in the view, as `find_iter` finds them. Every match holds four
/// digits or more and no white space: only the numeric runs with four numeric characters
/// are searched (`Prose::numeric_runs`; in an ASCII run, the numeric characters are its
/// digits, counted without decoding).
fn numbers(p: &Prose) -> impl Iterator<Item = (usize, usize)> {
    p.numeric_matches(
        &NUMBER,
        // (An ASCII run needs four digits; another is judged on its characters.)
        RUN_FOUR_DIGITS | RUN_BEYOND_ASCII,
        |run, facts| {
            if facts & RUN_BEYOND_ASCII == 0 {
                true
            } else {
                run.chars().filter(|c| c.is_numeric()).nth(3).is_some()
            }
        },
        ascii_number,
    )
}

/// `NUMBER` (`\d{1,3}(?:,\d{3})+|\d{5,}`) in a run whose digits are ASCII: the first
/// match from `from`, tried at each digit in turn as the regex does (a match may start
/// inside a run of digits: « 1234,567 » holds « 234,567 »). From a digit followed by `n`
/// digits in all, the first alternative needs `n` ≤ 3 (it takes them all before its
/// comma) and as many groups « ,ddd » as follow, one at least; the second, `n` ≥ 5.
fn ascii_number(run: &[u8], from: usize) -> Option<(usize, usize)> {
    for i in from..run.len() {
        if !run[i].is_ascii_digit() {
            continue;
        }
        let digits = ascii_digits_end(run, i);
        if digits - i <= 3 {
            let mut end = digits;
            while run.get(end) == Some(&b',') && ascii_digits_end(run, end + 1) >= end + 4 {
                end += 4;
            }
            if end > digits {
                return Some((i, end));
            }
        } else if digits - i >= 5 {
            return Some((i, digits));
        }
    }
    None
}

impl Rule for ThousandsSeparator {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let text = &cx.doc.text;
        let view = &cx.doc.view;
        let nb = p.nb_space(false);
        for (s, e) in numbers(&p) {
            let found = &text[s..e];
            let before = view[..s].chars().next_back();
            let after = view[e..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric() || ".,_-/#$€£:".contains(c))
                || after.is_some_and(|c| {
                    c.is_alphanumeric()
                        || c == '_'
                        || (matches!(c, '.' | ',')
                            && view[e + 1..].starts_with(|x: char| x.is_ascii_digit()))
                })
            {
                continue;
            }
            let digits: String = found.chars().filter(char::is_ascii_digit).collect();
            let grouped = found.contains(',');
            if digits.len() < 5 || digits.starts_with('0') {
                continue;
            }
            // 65535, 65536: a technical constant (a power of two), not an amount.
            let value: u64 = digits.parse().unwrap_or(0);
            if value.is_power_of_two() || (value + 1).is_power_of_two() {
                continue;
            }
            let next = word_after_space(text, e);
            let prev = word_before_space(text, s).to_lowercase();
            if !(COUNT_NOUNS.contains(&next) || SCALE_WORDS.contains(&next))
                || CODE_WORDS.contains(&prev.as_str())
                || !p.is_visible_french(s, e)
                || p.is_numeric_at(s)
            {
                continue;
            }
            let replacement = group(&digits, nb);
            let (severity, message) = if grouped {
                (
                    Severity::Warning,
                    format!(
                        "« {found} » : en français, la virgule est décimale ; les milliers se séparent par une espace insécable."
                    ),
                )
            } else {
                (
                    Severity::Info,
                    format!(
                        "« {found} » : les chiffres se groupent par trois, séparés par une espace insécable."
                    ),
                )
            };
            out.push(
                Diagnostic::new(META.id, META.category, severity, Span::new(s, e), message)
                    .with_replacements([replacement]),
            );
        }
    }
}

/// « 65000 » → « 65 000 », with the given space.
pub fn group(digits: &str, space: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(space);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::testing::check_with;

    /// The search by hand finds what the regex finds, in runs whose digits are ASCII.
    #[test]
    fn search_by_hand_is_the_regex() {
        crate::rules::typography::assert_search_finds_what_the_regex_finds(
            &super::NUMBER,
            super::ascii_number,
        );
    }

    /// The search of the numeric runs finds what `NUMBER` finds in the whole view.
    #[test]
    fn run_search_finds_every_match() {
        crate::rules::typography::assert_runs_find_what_the_regex_finds(&super::NUMBER, |p| {
            super::numbers(p).collect()
        });
    }

    const G: &str = "[glossary]\nname='t'\n";

    fn thousands(text: &str) -> Vec<(Severity, String)> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "thousands-separator")
            .map(|d| (d.severity, d.suggestions[0].replacement.clone()))
            .collect()
    }

    #[test]
    fn english_grouping_and_long_blocks() {
        assert_eq!(
            thousands("Elle emploie 65,000 personnes."),
            [(Severity::Warning, "65\u{A0}000".to_string())]
        );
        assert_eq!(
            thousands("Elle compte 1,250,000 utilisateurs."),
            [(Severity::Warning, "1\u{A0}250\u{A0}000".to_string())]
        );
        assert_eq!(
            thousands("Elle compte 120000 clients."),
            [(Severity::Info, "120\u{A0}000".to_string())]
        );
        assert_eq!(
            thousands("Soit 65\u{202F}000 euros et 120000 clients.")[0].1,
            "120\u{202F}000"
        );
    }

    #[test]
    fn small_numbers_codes_and_good_forms_are_left() {
        for t in [
            "Elle emploie 1,500 personnes.",
            "Elle emploie 65 000 personnes et 65\u{A0}000 clients.",
            "Le port 65535 utilisateurs et le code 10001 clients.",
            "En 2024, 12345 est un identifiant.",
            "Une valeur de 3,14159 km.",
            "Le serveur écoute sur 8080 et 65536 octets.",
            "The company employs 65,000 people and has 120000 users.",
            "Le fichier 00001 personnes.",
            "Une table plus grande que 65535 mots de 32 bits.",
        ] {
            assert!(thousands(t).is_empty(), "{t}: {:?}", thousands(t));
        }
    }
}
