//! `currency-position`: a currency symbol before the amount, the English way (« $65 »,
//! « €5 », « $65 milliards »).

use super::thousands_separator::group;
use super::typography::{Prose, Variant, char_offsets, merged, word_after_space};
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity, Span};
use regex::Regex;
use std::sync::LazyLock;

pub struct CurrencyPosition;

static META: RuleMeta = RuleMeta {
    id: "currency-position",
    category: Category::LocaleConvention,
    severity: Severity::Warning,
    summary: "Symbole monétaire avant le montant, à l'anglaise (« $65 milliards »).",
    doc: RuleDoc {
        what: "Signale un symbole de devise ($, €, £) placé avant le montant : « $65 », « €5 », \
               « $65 milliards », « $1.5 billion ». La correction proposée (à vérifier) écrit le \
               montant à la française, la devise en toutes lettres après lui : « 65 dollars », \
               « 5 euros », « 65 milliards de dollars », « 1,5 milliard de dollars » (le \
               « billion » anglais est un milliard) ; en fr-CA, le symbole suit le montant \
               (« 65 $ »). Ne signale pas les variables du shell ou des expressions régulières \
               (« $1 », « $HOME », « \\$5 »), les registres d'assembleur (« $31 » dans une phrase \
               qui parle de registre ou cite d'autres « $ »), les symboles précédés d'une lettre (« US$ », \
               « R$ », dont la devise est ambiguë), le code ni les phrases en anglais.",
        why: "En français, l'unité monétaire suit le nombre, comme toute unité ; « $65 » est une \
              convention anglaise, et dans un texte courant la devise s'écrit en toutes \
              lettres.",
        example: "Meta prévoit des dépenses de $65 milliards et un prix de €5 par mois.",
        instead: "Meta prévoit des dépenses de 65 milliards de dollars et un prix de 5 euros par mois.",
    },
};

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([$€£])\x20?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)(?:\x20?(k|K|M|B|bn|Md|Mds)\b)?")
        .expect("valid regex")
});

/// A match of `AMOUNT`: start, end, symbol, number, scale (if any).
type Amount<'a> = (usize, usize, &'a str, &'a str, Option<&'a str>);

/// The matches of `AMOUNT` in the view, in order, as `captures_iter` over the view finds
/// them. A match never crosses a line, and starts with a currency symbol followed by a
/// digit, or by a space and a digit: the regex only runs on the lines with such a place
/// (a `$` of the shell, « $HOME », is followed by a letter). A character that is not
/// ASCII after the symbol is left to the regex.
fn amounts(view: &str) -> Vec<Amount<'_>> {
    let bytes = view.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    // (Each symbol searched for alone: a search for « $ » and the first bytes of « € » and
    // « £ », E2 and C2, stopped at every typographic quote, space and dash of French text;
    // « € » and « £ » by their last bytes, see `char_offsets`.)
    let symbols = merged(
        merged(memchr::memchr_iter(b'$', bytes), char_offsets(bytes, '€')),
        char_offsets(bytes, '£'),
    );
    for at in symbols {
        if at < from {
            continue;
        }
        let len = match &bytes[at..] {
            [b'$', ..] => 1,
            [0xE2, 0x82, 0xAC, ..] | [0xC2, 0xA3, ..] => {
                view[at..].chars().next().map_or(1, char::len_utf8)
            }
            _ => continue,
        };
        let mut q = at + len;
        if bytes.get(q) == Some(&b' ') {
            q += 1;
        }
        if !bytes
            .get(q)
            .is_some_and(|&b| b.is_ascii_digit() || !b.is_ascii())
        {
            continue;
        }
        let (line_start, line_end) = super::typography::line_around(view, at);
        let line = &view[line_start..line_end];
        for c in AMOUNT.captures_iter(line) {
            let all = c.get(0).expect("match");
            let (symbol, number) = (c.get(1).expect("symbol"), c.get(2).expect("number"));
            out.push((
                line_start + all.start(),
                line_start + all.end(),
                &line[symbol.range()],
                &line[number.range()],
                c.get(3).map(|m| &line[m.range()]),
            ));
        }
        from = line_end;
    }
    out
}

impl Rule for CurrencyPosition {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let text = &cx.doc.text;
        let view = &cx.doc.view;
        let variant = cx.settings.variant;
        // Every amount starts with a currency sign: without one, the regex is not built.
        // (Each sign looked for with memchr: a search for any of three characters decodes
        // every character, and most files of a repository hold none.)
        let b = view.as_bytes();
        let finder = |sign: char| char_offsets(b, sign).next().is_some();
        if memchr::memchr(b'$', b).is_none() && !finder('€') && !finder('£') {
            return;
        }
        for (s, mut e, symbol, number, scale_sign) in amounts(view) {
            let before = view[..s].chars().next_back();
            let after = view[e..].chars().next();
            if before.is_some_and(|b| b.is_alphanumeric() || "\\_$@{".contains(b))
                || after.is_some_and(|a| {
                    a.is_alphanumeric()
                        || a == '_'
                        || (a == '.' && view[e + 1..].starts_with(|x: char| x.is_ascii_digit()))
                })
            {
                continue;
            }
            // A scale word after the amount: « $65 milliards », « $1.5 billion ».
            let scale_word = word_after_space(text, e);
            let scale = scale_sign.or(match scale_word {
                "millier" | "milliers" | "thousand" => Some("k"),
                "million" | "millions" => Some("M"),
                "milliard" | "milliards" | "billion" | "billions" => Some("B"),
                "trillion" | "trillions" => Some("T"),
                _ => None,
            });
            if scale_sign.is_none() && scale.is_some() {
                e = text[e..]
                    .find(scale_word)
                    .map_or(e, |i| e + i + scale_word.len());
            }
            // « $1 », « $2 »: positional parameters of the shell, back-references.
            if symbol == "$" && number.len() == 1 && scale.is_none() {
                continue;
            }
            if !p.is_visible_french(s, e) || p.is_numeric_at(s) {
                continue;
            }
            // « $31 », « $sp »: registers of an assembler, not dollars.
            let sentence = p
                .sentence_at(s)
                .map(|i| &cx.doc.sentences[i])
                .map_or("", |x| &view[x.start..x.end]);
            if symbol == "$"
                && scale.is_none()
                && !number.contains(['.', ','])
                && (sentence.contains("regist")
                    || sentence.matches('$').count() > 1
                    || ["%s", "%d", "%p"].iter().any(|x| sentence.contains(x)))
            {
                continue;
            }
            let amount = french_number(number);
            let value: f64 = french_number(number)
                .replace('\u{A0}', "")
                .replace(',', ".")
                .parse()
                .unwrap_or(2.0);
            let (unit_one, unit_many) = match symbol {
                "$" => ("dollar", "dollars"),
                "€" => ("euro", "euros"),
                _ => ("livre", "livres"),
            };
            let replacement = match scale {
                Some("k") => {
                    let whole = (value * 1000.0).round() as u64;
                    let n = group(&whole.to_string(), '\u{A0}');
                    if variant == Variant::FrCa {
                        format!("{n}\u{A0}{symbol}")
                    } else {
                        format!("{n} {unit_many}")
                    }
                }
                Some(sc) => {
                    let (one, many) = match sc {
                        "M" => ("million", "millions"),
                        "T" => ("billion", "billions"),
                        _ => ("milliard", "milliards"),
                    };
                    let word = if value < 2.0 { one } else { many };
                    format!("{amount} {word} de {unit_many}")
                }
                None => {
                    if variant == Variant::FrCa {
                        format!("{amount}\u{A0}{symbol}")
                    } else {
                        format!(
                            "{amount} {}",
                            if value < 2.0 { unit_one } else { unit_many }
                        )
                    }
                }
            };
            let found = &text[s..e];
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    Span::new(s, e),
                    format!("« {found} » : en français, la devise suit le montant."),
                )
                .with_replacements([replacement])
                .with_applicability(Applicability::Unsafe),
            );
        }
    }
}

/// « 1.5 » → « 1,5 », « 65,000 » → « 65 000 », « 5,50 » stays.
fn french_number(n: &str) -> String {
    static GROUPED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$").expect("valid regex"));
    let (int, dec) = if GROUPED.is_match(n) {
        let (i, d) = n.split_once('.').unwrap_or((n, ""));
        (i.replace(',', ""), d)
    } else {
        let (i, d) = n.split_once(['.', ',']).unwrap_or((n, ""));
        (i.to_string(), d)
    };
    let int = if int.len() > 4 {
        group(&int, '\u{A0}')
    } else {
        int
    };
    if dec.is_empty() {
        int
    } else {
        format!("{int},{dec}")
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Variant;
    use crate::diagnostic::{Applicability, Diagnostic};
    use crate::rules::RuleSettings;

    fn check_variant(text: &str, variant: Variant) -> Vec<Diagnostic> {
        let g = crate::glossary::parse("t.toml", "[glossary]\nname='t'\n").unwrap();
        let mut c = crate::check::Checker::new(g);
        c.settings = RuleSettings {
            variant,
            ..RuleSettings::default()
        };
        c.select_rules(|id| id == "currency-position");
        c.check(&crate::document::Document::from_str(text))
    }

    fn fixes(text: &str) -> Vec<String> {
        check_variant(text, Variant::FrFr)
            .into_iter()
            .map(|d| d.suggestions[0].replacement.clone())
            .collect()
    }

    /// `amounts` finds what `AMOUNT` finds over the whole view.
    #[test]
    fn amounts_are_those_of_the_whole_text() {
        let pieces = [
            "$",
            "€",
            "£",
            "$ ",
            "65",
            "1,234",
            ".5",
            " k",
            "M",
            "Md",
            "bn",
            " ",
            "\n",
            "x",
            "é",
            "٣",
            "$HOME",
            "€\u{a0}5",
            "\u{a0}",
            "«",
            "’",
            "_",
            "US",
        ];
        let mut rng = crate::testing::Rng::new(0x00c0_ffee);
        let mut found = 0;
        for _ in 0..4000 {
            let text = rng.string(&pieces, 12);
            let all: Vec<super::Amount> = super::AMOUNT
                .captures_iter(&text)
                .map(|c| {
                    let m = c.get(0).unwrap();
                    (
                        m.start(),
                        m.end(),
                        c.get(1).unwrap().as_str(),
                        c.get(2).unwrap().as_str(),
                        c.get(3).map(|m| m.as_str()),
                    )
                })
                .collect();
            found += all.len();
            assert_eq!(super::amounts(&text), all, "{text:?}");
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn symbol_before_the_amount() {
        assert_eq!(
            fixes("Des dépenses de $65 milliards."),
            ["65 milliards de dollars"]
        );
        assert_eq!(
            fixes("Un prix de €5 par mois et de $65."),
            ["5 euros", "65 dollars"]
        );
        assert_eq!(
            fixes("Soit $1.5 billion ou $1.5B."),
            ["1,5 milliard de dollars", "1,5 milliard de dollars"]
        );
        assert_eq!(
            fixes("Un salaire de $65,000 et de $65k."),
            ["65\u{A0}000 dollars", "65\u{A0}000 dollars"]
        );
        assert_eq!(fixes("Un prix de £1 seulement."), ["1 livre"]);
        let d = check_variant("Un prix de $65.", Variant::FrFr);
        assert_eq!(d[0].suggestions[0].applicability, Applicability::Unsafe);
    }

    #[test]
    fn quebec_puts_the_symbol_after() {
        let d = check_variant("Un prix de $65.", Variant::FrCa);
        assert_eq!(d[0].suggestions[0].replacement, "65\u{A0}$");
    }

    #[test]
    fn shell_variables_and_ambiguous_dollars_are_left() {
        for t in [
            "Le premier argument est $1 et le second $2.",
            "La variable $HOME et ${10} et \\$5.",
            "Un prix de US$65 ou de R$5.",
            "Le prix est de 65 $ ou 5 € ou 65 dollars.",
            "The chip costs $65 and is sold in the US.",
            "echo $((5 + 3));",
            "Appel PIC MIPS à un registre autre que $25.",
            "Seuls $sp ou $15 sont autorisés avec cet opcode.",
        ] {
            assert!(fixes(t).is_empty(), "{t}: {:?}", fixes(t));
        }
    }
}
