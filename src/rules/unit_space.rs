//! `unit-space`: a unit symbol glued to its number (« 5nm », « 10GB », « 3GHz »).

use super::typography::{
    Prose, RUN_DIGIT_LETTER, RUN_FROM_C4, ascii_decimal_end, digits_are_ascii, first_at_digit_runs,
};
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use regex::Regex;
use std::sync::LazyLock;

pub struct UnitSpace;

static META: RuleMeta = RuleMeta {
    id: "unit-space",
    category: Category::LocaleConvention,
    severity: Severity::Info,
    summary: "Symbole d'unité collé au nombre (« 5nm », « 10Go » pour « 5 nm », « 10 Go »).",
    doc: RuleDoc {
        what: "Signale un nombre suivi sans espace d'un symbole d'unité de mesure : longueurs \
               (nm, mm, cm, km), masses (mg, kg), données (Ko, Mo, Go, To, Kio, Mio, Gio, MB, \
               GB, TB...), débits (Mbit/s, Go/s...), fréquences (Hz à GHz), puissance et énergie \
               (kW, MW, kWh, mAh), durées (ms, µs, ns), °C, dB. La correction sûre insère une \
               espace insécable (fine U+202F si le texte en emploie déjà, U+00A0 sinon) ; elle \
               ne traduit pas le symbole (« GB » reste « GB », « Go » est le symbole français). \
               Ne signale pas les noms de produits et identifiants où le nombre fait partie \
               d'un mot (« x86 », « DDR5-6400 », « H264 »), les options (« --size=512MB »), \
               « 5G », « 4K », le code, les tableaux et sorties de programme (lignes où les chiffres dominent) ni les phrases en anglais.",
        why: "Le Système international et la typographie française séparent le nombre de \
              l'unité par une espace insécable ; le collage est une habitude de l'anglais \
              technique et des fiches produits.",
        example: "Une puce gravée en 5nm, cadencée à 3GHz, avec 16Go de mémoire.",
        instead: "Une puce gravée en 5\u{A0}nm, cadencée à 3\u{A0}GHz, avec 16\u{A0}Go de mémoire.",
    },
};

/// The unit symbols, in the order of `QUANTITY`'s alternation: at a place, the first that
/// starts there is the one the regex takes (« Gbit/s » before « Gb/s », « MB/s » before
/// « MB »).
const UNITS: &[&str] = &[
    "Gbit/s", "Mbit/s", "kbit/s", "Gb/s", "Mb/s", "Go/s", "Mo/s", "GB/s", "MB/s", "Kio", "Mio",
    "Gio", "Tio", "KiB", "MiB", "GiB", "TiB", "kHz", "MHz", "GHz", "THz", "mAh", "kWh", "MWh",
    "GWh", "TWh", "nm", "µm", "mm", "cm", "km", "mg", "kg", "Ko", "Mo", "Go", "To", "Po", "kB",
    "KB", "MB", "GB", "TB", "PB", "Hz", "Wh", "kW", "MW", "GW", "mW", "ms", "µs", "ns", "°C", "dB",
];

/// The first bytes of `UNITS`: after most numbers comes none of them (« ls(1) », « 2.6 »).
static UNIT_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < UNITS.len() {
        table[UNITS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(\d+(?:[.,]\d+)?)({})", UNITS.join("|"))).expect("valid regex")
});

/// False when `run` certainly holds no match of `QUANTITY`: in a match, a digit is
/// followed by a decimal sign or by the first character of a unit (a letter, µ or °).
fn may_hold_quantity(run: &str) -> bool {
    let mut chars = run.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_numeric()
            && chars
                .peek()
                .is_some_and(|&n| n.is_alphabetic() || matches!(n, '°' | '.' | ','))
        {
            return true;
        }
    }
    false
}

/// `QUANTITY` in a run whose digits are ASCII (`typography::digits_are_ascii`): the first
/// match from `from`, as (start, end of the number, end) (see `first_at_digit_runs`); the
/// unit follows the decimal part when there is one (a point or a comma and a digit:
/// without it, the unit would have to start at that sign, and none does), the digits
/// otherwise.
fn ascii_quantity(run: &[u8], from: usize) -> Option<(usize, usize, usize)> {
    first_at_digit_runs(run, from, |i| {
        let number = ascii_decimal_end(run, i);
        if !run.get(number).is_some_and(|&b| UNIT_START[b as usize]) {
            return None;
        }
        let unit = UNITS
            .iter()
            .find(|u| run[number..].starts_with(u.as_bytes()))?;
        Some((i, number, number + unit.len()))
    })
}

/// The matches of `QUANTITY` in the view, as `captures_iter` finds them: (start, end of the
/// number, end). Every match holds a digit and no white space: only the numeric runs are
/// searched (`Prose::numeric_runs`), by `ascii_quantity` where their digits are ASCII; the
/// regex runs on the others where a numeric character is followed by a sign a match may
/// have after a digit (`may_hold_quantity`).
fn quantities(p: &Prose) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    let view = p.doc.view.as_str();
    for (base, end, facts) in p.numeric_runs_with_facts() {
        // (A unit's first byte, after the last digit of the number, is an ASCII letter or
        // C2: most runs have no such pair, and those whose digits are ASCII are turned away
        // on their bits, before their text is taken.)
        if facts & (RUN_FROM_C4 | RUN_DIGIT_LETTER) == 0 {
            continue;
        }
        let run = &view[base..end];
        let at = |(s, n, e): (usize, usize, usize)| (base + s, base + n, base + e);
        if facts & RUN_FROM_C4 == 0 || digits_are_ascii(run) {
            if facts & RUN_DIGIT_LETTER == 0 {
                continue;
            }
            let mut from = 0;
            while let Some(m) = ascii_quantity(run.as_bytes(), from) {
                found.push(at(m));
                from = m.2;
            }
        } else if may_hold_quantity(run) {
            found.extend(QUANTITY.captures_iter(run).map(|c| {
                let all = c.get(0).expect("match");
                at((all.start(), c.get(1).expect("number").end(), all.end()))
            }));
        }
    }
    found
}

impl Rule for UnitSpace {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let view = &cx.doc.view;
        let nb = p.nb_space(false);
        for (s, n, e) in quantities(&p) {
            let before = view[..s].chars().next_back();
            let after = view[e..].chars().next();
            if before.is_some_and(|b| b.is_alphanumeric() || "_-./=:#@+\\".contains(b))
                || after.is_some_and(|a| a.is_alphanumeric() || "_/-".contains(a))
                || !p.is_visible_french(s, e)
                || p.is_numeric_at(s)
            {
                continue;
            }
            let (number, unit) = (&view[s..n], &view[n..e]);
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    Span::new(s, e),
                    format!("« {number}{unit} » : le symbole d'unité se sépare du nombre par une espace insécable."),
                )
                .with_replacements([format!("{number}{nb}{unit}")]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    /// The search of the numeric runs finds what `QUANTITY` finds in the whole view.
    #[test]
    fn run_search_finds_every_match() {
        let mut found = 0;
        for text in crate::rules::typography::number_samples() {
            let doc = crate::document::Document::from_str(&text);
            let p = super::Prose::new(&doc);
            let all: Vec<_> = super::QUANTITY
                .captures_iter(&doc.view)
                .map(|c| {
                    let all = c.get(0).expect("match");
                    (all.start(), c.get(1).expect("number").end(), all.end())
                })
                .collect();
            found += all.len();
            let quick = super::quantities(&p);
            assert_eq!(quick, all);
        }
        assert!(found > 0);
    }

    /// `ascii_quantity` finds the matches and numbers `QUANTITY` finds, in runs whose
    /// digits are ASCII.
    #[test]
    fn search_by_hand_is_the_regex() {
        let mut found = 0;
        for run in crate::rules::typography::ascii_digit_runs() {
            let all: Vec<_> = super::QUANTITY
                .captures_iter(&run)
                .map(|c| {
                    let all = c.get(0).expect("match");
                    (all.start(), c.get(1).expect("number").end(), all.end())
                })
                .collect();
            found += all.len();
            let mut quick = Vec::new();
            let mut from = 0;
            while let Some(m) = super::ascii_quantity(run.as_bytes(), from) {
                quick.push(m);
                from = m.2;
            }
            assert_eq!(quick, all, "{run:?}");
        }
        assert!(found > 0);
    }

    const G: &str = "[glossary]\nname='t'\n";

    fn units(text: &str) -> Vec<String> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "unit-space")
            .map(|d| d.suggestions[0].replacement.clone())
            .collect()
    }

    #[test]
    fn glued_units() {
        assert_eq!(
            units("Gravée en 5nm, à 3GHz, avec 16Go et 1,5TB."),
            ["5\u{A0}nm", "3\u{A0}GHz", "16\u{A0}Go", "1,5\u{A0}TB"]
        );
        assert_eq!(
            units("Un débit de 10Go/s pour 5kWh."),
            ["10\u{A0}Go/s", "5\u{A0}kWh"]
        );
    }

    #[test]
    fn names_options_and_spaced_units_are_left() {
        for t in [
            "Gravée en 5 nm avec 16\u{A0}Go.",
            "La 5G, la 4K, le x86_64, la DDR5-6400 et le H264.",
            "L'option --size=512MB et le fichier a.16Go.",
            "La puce 5nmX et le modèle 10GBASE-T.",
            "The chip is built on a 5nm process and it was a success.",
            "int buf[16MB];",
        ] {
            assert!(units(t).is_empty(), "{t}: {:?}", units(t));
        }
    }
}
