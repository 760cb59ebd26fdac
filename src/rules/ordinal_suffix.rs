//! `ordinal-suffix`: an ordinal abbreviated the English way or with a wrong French suffix
//! (« 1st », « 2nd », « 1ère », « 2ème », « XXème »).

use super::typography::{Prose, merged, numeric_at, word_char};
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

/// The suffixes of `ORDINAL`.
const SUFFIXES: &[&str] = &[
    "st", "nd", "rd", "th", "ème", "eme", "ième", "ieme", "ière", "iere", "ère", "ere", "nde",
    "ndes", "èmes", "emes", "ièmes", "iemes", "ères", "eres",
];

/// The first bytes of the suffixes.
static SUFFIX_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < SUFFIXES.len() {
        table[SUFFIXES[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

/// The offsets of `bytes` where one of I V X L C stands before a byte that starts a suffix
/// (`SUFFIX_START`: s, n, r, t, e, i, and C3 for « è »), in order: the Roman numerals'
/// candidates. Sixteen bytes are judged at a time, with the byte after each, as comparisons
/// the compiler turns into vector instructions: a search for the capitals with memchr (three
/// and two at a time, merged) stopped at each of the man pages' 63,000, of which 10,400 are
/// followed by such a byte, and took 1.7 ms of their time with the rule's filter.
fn roman_before_suffix(bytes: &[u8]) -> Vec<usize> {
    let roman = |b: u8| (b == b'I') | (b == b'V') | (b == b'X') | (b == b'L') | (b == b'C');
    let suffix_start = |b: u8| {
        (b == b's')
            | (b == b'n')
            | (b == b'r')
            | (b == b't')
            | (b == b'e')
            | (b == b'i')
            | (b == 0xC3)
    };
    let mut out = Vec::new();
    let mut i = 0;
    // (The block's sixteen bytes and the sixteen after each, one further on.)
    while let Some(window) = bytes.get(i..i + 17) {
        let mut hit = [0u8; 16];
        for (k, h) in hit.iter_mut().enumerate() {
            // (`&`, not `&&`: branches would stop the vectorising.)
            *h = u8::from(roman(window[k]) & suffix_start(window[k + 1])).wrapping_neg();
        }
        let mut hits = u128::from_le_bytes(hit) & (u128::MAX / 255 * 0x80);
        while hits != 0 {
            out.push(i + (hits.trailing_zeros() / 8) as usize);
            hits &= hits - 1;
        }
        i += 16;
    }
    for k in i..bytes.len() {
        if roman(bytes[k]) && bytes.get(k + 1).is_some_and(|&b| suffix_start(b)) {
            out.push(k);
        }
    }
    out
}

/// Every match of `ORDINAL` in the view, as (start, end, number, suffix), in order.
///
/// `ORDINAL` runs on the lines that may hold a match, with its word boundaries (Unicode
/// look-around, which the fast engines do not run) then judged on the line alone: a
/// match never spans two lines, and a line's ends are not word characters. A match is a
/// digit (`\d`, a numeric character) or one of I V X L C right before a suffix: the
/// numeric characters are those of the view's numeric runs (`Prose::numeric_runs`, found
/// once for the number rules), the capitals are found by memchr, and the lines without
/// such a place before a suffix, nearly all, are never read.
fn ordinals<'a>(p: &Prose<'a>) -> Vec<(usize, usize, &'a str, &'a str)> {
    let view: &'a str = &p.doc.view;
    let bytes = view.as_bytes();
    // (Gathered in a loop over the runs' bytes, an ASCII digit judged on the byte after it:
    // a chain of iterators over the runs and their bytes, filtered, took 4.7 M instructions
    // on the man pages, and the rule 17.2 M against 16.4 M now.)
    let mut numeric = Vec::new();
    for &(start, end) in p.numeric_run_bounds() {
        for i in start..end {
            let b = bytes[i];
            if b.is_ascii_digit() {
                if bytes.get(i + 1).is_some_and(|&n| SUFFIX_START[n as usize]) {
                    numeric.push(i);
                }
            } else if !b.is_ascii() && numeric_at(view, i) {
                numeric.push(i);
            }
        }
    }
    let roman = roman_before_suffix(bytes).into_iter();
    let mut out = Vec::new();
    // Where the next line to search starts: a line is searched once.
    let mut next_line = 0;
    for i in merged(numeric.into_iter(), roman) {
        if i < next_line {
            continue;
        }
        let len = match bytes[i] {
            b'I' | b'V' | b'X' | b'L' | b'C' => 1,
            _ => view[i..].chars().next().map_or(1, char::len_utf8),
        };
        let after = &bytes[i + len..];
        // A suffix that ends a word: `\b` after a suffix's last letter needs a character
        // that is not a word character (« 2nd », not « Indique »). One that is not ASCII is
        // left to the regex. (Every suffix starts with one of these bytes; 0xC3 starts « è ».)
        let ends_word = |n: usize| {
            after
                .get(n)
                .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
        };
        // (The first two bytes of every suffix: « st », « nd », « rd », « th », « em », « er »,
        // « ie », « iè » (i, C3), « è » (C3 A8).)
        if !matches!(
            after,
            [b's', b't', ..]
                | [b'n' | b'r', b'd', ..]
                | [b't', b'h', ..]
                | [b'e', b'm' | b'r', ..]
                | [b'i', b'e' | 0xC3, ..]
                | [0xC3, 0xA8, ..]
        ) || !SUFFIXES
            .iter()
            .any(|s| after.starts_with(s.as_bytes()) && ends_word(s.len()))
        {
            continue;
        }
        let (line_start, line_end) = super::typography::line_around(view, i);
        let line = &view[line_start..line_end];
        let found = ordinals_in_line(line).unwrap_or_else(|| {
            ORDINAL
                .captures_iter(line)
                .map(|c| {
                    let all = c.get(0).expect("match");
                    // (The suffix runs from the number's end to the match's.)
                    (all.start(), all.end(), c.get(1).expect("number").end())
                })
                .collect()
        });
        for (start, end, number_end) in found {
            out.push((
                line_start + start,
                line_start + end,
                &line[start..number_end],
                &line[number_end..end],
            ));
        }
        next_line = line_end + 1;
    }
    out
}

/// The matches of `ORDINAL` in `line`, as (start, end, end of the number), in order; `None`
/// when `line` holds a character that `word_char` cannot judge (a letter, a mark or a digit
/// of another script: `\w` and `\d` of the regex would decide), which the regex is left to.
/// Judged without the regex, the rule no longer builds it (1.3 M instructions, once per
/// process) nor runs it (1.7 M on the 25 lines of the man pages that need it).
///
/// The characters `word_char` judges hold no digit but the ASCII ones, so a match is an
/// ASCII number or a run of I V X L C that starts a word, then the first suffix, in the
/// regex's order, that ends one. The run is a whole one: no suffix starts with a digit or
/// with one of these capitals, so a shorter run is never followed by a suffix.
fn ordinals_in_line(line: &str) -> Option<Vec<(usize, usize, usize)>> {
    let bytes = line.as_bytes();
    if !line.is_ascii() && line.chars().any(|c| word_char(c).is_none()) {
        return None;
    }
    let is_word = |c: char| word_char(c) == Some(true);
    let roman = |b: u8| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C');
    let mut found = Vec::new();
    let mut p = 0;
    while p < bytes.len() {
        let first = bytes[p];
        let digits = first.is_ascii_digit();
        if !(digits || roman(first)) || line[..p].chars().next_back().is_some_and(is_word) {
            p += 1;
            continue;
        }
        let run = bytes[p..]
            .iter()
            .position(|&b| {
                if digits {
                    !b.is_ascii_digit()
                } else {
                    !roman(b)
                }
            })
            .map_or(bytes.len(), |n| p + n);
        let rest = &line[run..];
        let suffix = SUFFIXES
            .iter()
            .find(|s| rest.starts_with(*s) && !rest[s.len()..].chars().next().is_some_and(is_word));
        match suffix {
            Some(s) => {
                found.push((p, run + s.len(), run));
                p = run + s.len();
            }
            None => p = run,
        }
    }
    Some(found)
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
        for (s, e, num, suffix) in ordinals(&p) {
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
    use crate::rules::typography::Prose;
    use crate::testing::check_with;

    /// `roman_before_suffix` finds what the memchr searches for the capitals, filtered on
    /// `SUFFIX_START`, found, on random texts across the sixteen-byte steps and the last
    /// bytes; its bytes after a capital are those of `SUFFIX_START`.
    #[test]
    fn roman_candidates_are_those_of_memchr() {
        let reference = |bytes: &[u8]| -> Vec<usize> {
            super::merged(
                memchr::memchr3_iter(b'I', b'V', b'X', bytes),
                memchr::memchr2_iter(b'L', b'C', bytes),
            )
            .filter(|&i| {
                bytes
                    .get(i + 1)
                    .is_some_and(|&b| super::SUFFIX_START[b as usize])
            })
            .collect()
        };
        for b in 0..=255u8 {
            let text = [b'X', b];
            assert_eq!(
                super::roman_before_suffix(&text),
                reference(&text),
                "{b:#x}"
            );
        }
        let pieces = [
            "I",
            "V",
            "X",
            "L",
            "C",
            "XX",
            "e",
            "ème",
            "è",
            "i",
            "s",
            "n",
            "r",
            "t",
            "a",
            "M",
            "D",
            " ",
            "\n",
            "1",
            "é",
            "abcdefghijklmno",
        ];
        let mut rng = crate::testing::Rng::new(0x0_4d_a1);
        let mut found = 0;
        for _ in 0..20_000 {
            let text = rng.string(&pieces, 40);
            let expected = reference(text.as_bytes());
            assert_eq!(
                super::roman_before_suffix(text.as_bytes()),
                expected,
                "{text:?}"
            );
            found += expected.len();
        }
        assert!(found > 10_000, "{found}");
    }

    /// `ordinals` finds what `ORDINAL` finds line by line in the whole view.
    #[test]
    fn quick_search_finds_every_ordinal() {
        let mut found = 0;
        for text in crate::rules::typography::number_samples() {
            let doc = crate::document::Document::from_str(&text);
            let view = doc.view.as_str();
            let mut all = Vec::new();
            let mut line_start = 0;
            for line in view.split('\n') {
                for c in super::ORDINAL.captures_iter(line) {
                    let m = c.get(0).unwrap();
                    let (n, s) = (c.get(1).unwrap(), c.get(2).unwrap());
                    all.push((
                        line_start + m.start(),
                        line_start + m.end(),
                        &line[n.range()],
                        &line[s.range()],
                    ));
                }
                line_start += line.len() + 1;
            }
            found += all.len();
            assert_eq!(super::ordinals(&Prose::new(&doc)), all);
        }
        assert!(found > 0);
    }

    /// `ordinals_in_line` finds what `ORDINAL` finds, on random lines of numbers, capitals,
    /// suffixes, letters, signs and characters of other scripts; and every character that
    /// `word_char` judges is a `\d` of the regex only when it is an ASCII digit.
    #[test]
    fn ordinals_in_line_are_those_of_the_regex() {
        let digit = regex::Regex::new(r"^\d$").unwrap();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if crate::rules::typography::word_char(c).is_some() {
                assert_eq!(digit.is_match(&c.to_string()), c.is_ascii_digit(), "{c:?}");
            }
        }
        let pieces = [
            "1", "2", "0", "42", "I", "V", "X", "L", "C", "XX", "st", "nd", "rd", "th", "ème",
            "eme", "ième", "ière", "ère", "ere", "nde", "ndes", "èmes", "emes", "ères", "s", "e",
            "d", "a", "Z", "_", " ", "-", ".", "'", "’", "é", "è", "\u{A0}", "\u{2011}", "٣",
            "\u{88F}", "\u{301}", "²", "中", "ǅ", "\u{200D}",
        ];
        let mut rng = crate::testing::Rng::new(0x0e_d1a1);
        let (mut judged, mut matches) = (0, 0);
        for _ in 0..200_000 {
            let line = rng.string(&pieces, 10);
            let want: Vec<_> = super::ORDINAL
                .captures_iter(&line)
                .map(|c| {
                    let all = c.get(0).unwrap();
                    (all.start(), all.end(), c.get(1).unwrap().end())
                })
                .collect();
            if let Some(got) = super::ordinals_in_line(&line) {
                assert_eq!(got, want, "{line:?}");
                judged += 1;
                matches += got.len();
            }
        }
        assert!(judged > 50_000 && matches > 3_000, "{judged} {matches}");
    }

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
