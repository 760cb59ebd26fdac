//! `percent-space`: « % » glued to its number (« 4% »).

use super::typography::{Prose, RUN_PERCENT, ascii_decimal_end, first_at_digit_runs};
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use regex::Regex;
use std::sync::LazyLock;

pub struct PercentSpace;

static META: RuleMeta = RuleMeta {
    id: "percent-space",
    category: Category::LocaleConvention,
    severity: Severity::Warning,
    summary: "Signe « % » collé au nombre (« 4% » pour « 4 % »).",
    doc: RuleDoc {
        what: "Signale un nombre suivi sans espace du signe « % » (« 4% », « 2,5% ») ; la \
               correction sûre insère une espace insécable (fine U+202F si le texte en emploie \
               déjà, U+00A0 sinon). Vaut pour toutes les variantes (fr-FR, fr-CA, fr-CH, fr-BE). \
               Ne signale pas les formats de programme (« %d », « %5s », « 100%% »), le code \
               (« width: 100%; »), les tableaux et sorties de programme (lignes où \
               les chiffres dominent) ni les phrases en anglais.",
        why: "En français, le signe de pourcentage est une unité et se sépare du nombre par une \
              espace insécable, comme « 5 km » ; le collage est la convention anglaise.",
        example: "Le chiffre d'affaires a progressé de 4% sur un an.",
        instead: "Le chiffre d'affaires a progressé de 4\u{A0}% sur un an.",
    },
};

static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[.,]\d+)?%").expect("valid regex"));

/// The matches of `PERCENT` in the view, as `find_iter` finds them. Every match holds a
/// digit and a « % » and no white space: only the numeric runs that hold a « % » are
/// searched (`Prose::numeric_runs`).
fn percents(p: &Prose) -> impl Iterator<Item = (usize, usize)> {
    p.numeric_matches(&PERCENT, RUN_PERCENT, |_, _| true, ascii_percent)
}

/// `PERCENT` (`\d+(?:[.,]\d+)?%`) in a run whose digits are ASCII: the first match from
/// `from` (see `first_at_digit_runs`); its « % » follows the decimal part when there is
/// one (a point or a comma and a digit), the digits otherwise.
fn ascii_percent(run: &[u8], from: usize) -> Option<(usize, usize)> {
    first_at_digit_runs(run, from, |i| {
        // (Without its decimal part, the « % » would have to stand at the point or comma.)
        let sign = ascii_decimal_end(run, i);
        (run.get(sign) == Some(&b'%')).then_some((i, sign + 1))
    })
}

impl Rule for PercentSpace {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let text = &cx.doc.text;
        let view = &cx.doc.view;
        let nb = p.nb_space(false);
        // Without a « % », the regex is not built.
        if !view.contains('%') {
            return;
        }
        for (s, e) in percents(&p) {
            let before = view[..s].chars().next_back();
            let after = view[e..].chars().next();
            if before.is_some_and(|b| b.is_alphanumeric() || "%_.,-/=:$#".contains(b))
                || after.is_some_and(|a| a.is_alphanumeric() || "%_{(".contains(a))
                || (after == Some('.') && view[e + 1..].starts_with(|c: char| c.is_ascii_digit()))
                || !p.is_visible_french(s, e)
                || p.is_numeric_at(s)
            {
                continue;
            }
            let number = &text[s..e - 1];
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    Span::new(s, e),
                    format!("« {number}% » : le signe « % » se sépare du nombre par une espace insécable."),
                )
                .with_replacements([format!("{number}{nb}%")]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    /// The search by hand finds what the regex finds, in runs whose digits are ASCII.
    #[test]
    fn search_by_hand_is_the_regex() {
        crate::rules::typography::assert_search_finds_what_the_regex_finds(
            &super::PERCENT,
            super::ascii_percent,
        );
    }

    /// The search of the numeric runs finds what `PERCENT` finds in the whole view.
    #[test]
    fn run_search_finds_every_match() {
        crate::rules::typography::assert_runs_find_what_the_regex_finds(&super::PERCENT, |p| {
            super::percents(p).collect()
        });
    }

    const G: &str = "[glossary]\nname='t'\n";

    fn percents(text: &str) -> Vec<String> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "percent-space")
            .map(|d| d.suggestions[0].replacement.clone())
            .collect()
    }

    #[test]
    fn glued_percent() {
        assert_eq!(
            percents("Une hausse de 4% et de 2,5%."),
            ["4\u{A0}%", "2,5\u{A0}%"]
        );
        assert_eq!(percents("Soit 3\u{202F}% puis (12%)."), ["12\u{202F}%"]);
    }

    #[test]
    fn formats_code_and_good_forms_are_left() {
        for t in [
            "Une hausse de 4 % et de 4\u{A0}%.",
            "printf(\"%5d%%\", n);",
            "Le format %1% et 100%% et %5s.",
            "width: 100%;",
            "Revenue grew 4% in the quarter and the company said it was pleased.",
            "L'URL a%20b et x=50%.",
        ] {
            assert!(percents(t).is_empty(), "{t}: {:?}", percents(t));
        }
    }
}
