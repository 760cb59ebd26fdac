/*! Numbers in English and French text, read as values so that « 65 billion » and « 65
milliards », « 39.2 » and « 39,2 », « 4% » and « 4 % », « $65 » and « 65 dollars » compare
equal. Version-like strings (« 2.6.14 ») compare as written. */

use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// The value, scale words applied (« 65 milliards » → 65e9).
    pub value: f64,
    /// For version-like strings, the text itself; compared as is.
    pub literal: Option<String>,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Written in words (« deux »): may confirm a figure, never reported itself.
    pub word: bool,
}

impl Num {
    pub fn same(&self, other: &Num) -> bool {
        match (&self.literal, &other.literal) {
            (Some(a), Some(b)) => a == b,
            (None, None) => (self.value - other.value).abs() <= 1e-9 * self.value.abs().max(1.0),
            _ => false,
        }
    }
}

static EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<version>\d+(?:\.\d+){2,})
        | (?P<int>\d{1,3}(?:,\d{3})+\b|\d+)(?:\.(?P<dec>\d+))?
    ",
    )
    .expect("valid regex")
});

static FR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<version>\d+(?:\.\d+){2,})
        | (?P<int>\d{1,3}(?:[\x20\u{A0}\u{202F}]\d{3})+\b|\d+)(?:[,.](?P<dec>\d+))?
    ",
    )
    .expect("valid regex")
});

const EN_SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("billion", 1e9),
    ("billions", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("trillions", 1e12),
];
const FR_SCALES: &[(&str, f64)] = &[
    ("mille", 1e3),
    ("million", 1e6),
    ("millions", 1e6),
    ("milliard", 1e9),
    ("milliards", 1e9),
    ("md", 1e9),
    ("mds", 1e9),
    ("mrd", 1e9),
    ("billion", 1e12),
    ("billions", 1e12),
];
const EN_WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("twenty", 20.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
    ("half", 0.5),
];
const FR_WORDS: &[(&str, f64)] = &[
    ("zéro", 0.0),
    ("nul", 0.0),
    ("nulle", 0.0),
    ("un", 1.0),
    ("une", 1.0),
    ("premier", 1.0),
    ("première", 1.0),
    ("deuxième", 2.0),
    ("second", 2.0),
    ("seconde", 2.0),
    ("troisième", 3.0),
    ("deux", 2.0),
    ("trois", 3.0),
    ("quatre", 4.0),
    ("cinq", 5.0),
    ("six", 6.0),
    ("sept", 7.0),
    ("huit", 8.0),
    ("neuf", 9.0),
    ("dix", 10.0),
    ("onze", 11.0),
    ("douze", 12.0),
    ("vingt", 20.0),
    ("cent", 100.0),
    ("douzaine", 12.0),
    ("moitié", 0.5),
    ("demi", 0.5),
];

fn next_word(text: &str, from: usize) -> (&str, usize) {
    let rest = &text[from..];
    let trimmed = rest.trim_start_matches([' ', '\u{A0}', '\u{202F}', '-']);
    let skip = rest.len() - trimmed.len();
    let w: &str = trimmed
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    (w, from + skip + w.len())
}

fn extract(
    text: &str,
    re: &Regex,
    scales: &[(&str, f64)],
    words: &[(&str, f64)],
    french: bool,
) -> Vec<Num> {
    let mut out = Vec::new();
    // (A text with no digit is not searched: `\d` and `\b` are Unicode's, so that the
    // regex's fast engines give up on a text beyond ASCII, and the search with its groups
    // cost some 16,000 instructions a translation unit of a PO file, nearly all finding
    // nothing.)
    let figures = if may_hold_digit(text) {
        Some(re.captures_iter(text))
    } else {
        None
    };
    for c in figures.into_iter().flatten() {
        let m = c.get(0).expect("match");
        // Inside a word or an identifier (« H100 », « IPv4 », « TLSv1.3 »): it may confirm
        // a figure of the other side, it is never reported itself.
        let glued = text[..m.start()].chars().next_back().is_some_and(|p| p.is_alphanumeric() || p == '_')
            // Clock times (« 18:00 », « 6 p.m. ») are written differently in each language.
            || text[m.end()..].starts_with(':')
            || text[..m.start()].ends_with(':')
            || text[m.end()..].trim_start().starts_with(['a', 'p']) && text[m.end()..].trim_start()[1..].starts_with(".m.");
        if let Some(v) = c.name("version") {
            out.push(Num {
                value: 0.0,
                literal: Some(v.as_str().to_string()),
                start: m.start(),
                end: m.end(),
                word: glued,
            });
            continue;
        }
        let int: String = c["int"].chars().filter(char::is_ascii_digit).collect();
        let dec = c.name("dec").map_or("", |d| d.as_str());
        // French « 1.000 » is a thousands separator only if written so; a lone point with
        // three digits after it is ambiguous: read as thousands in French.
        let mut value: f64 = if french && m.as_str().contains('.') && dec.len() == 3 {
            format!("{int}{dec}").parse().unwrap_or(0.0)
        } else {
            format!("{int}.{}", if dec.is_empty() { "0" } else { dec })
                .parse()
                .unwrap_or(0.0)
        };
        let mut end = m.end();
        let (w, wend) = next_word(text, end);
        if let Some((_, s)) = find_word(w, scales) {
            value *= s;
            end = wend;
        }
        out.push(Num {
            value,
            literal: None,
            start: m.start(),
            end,
            word: glued,
        });
    }
    // Numbers in words.
    let mut pos = 0;
    for w in text.split(|c: char| !c.is_alphabetic()) {
        let start = pos;
        pos += w.len()
            + text[pos + w.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        if let Some((_, v)) = find_word(w, words) {
            let mut value = *v;
            let mut end = start + w.len();
            let (nw, nend) = next_word(text, end);
            if let Some((_, s)) = find_word(nw, scales) {
                value *= s;
                end = nend;
            }
            out.push(Num {
                value,
                literal: None,
                start,
                end,
                word: true,
            });
        }
    }
    out
}

/// True when `text` may hold a character `\d` matches (a decimal digit of any script):
/// an ASCII digit, or a numeric character beyond ASCII (`char::is_numeric`, which holds
/// every decimal digit).
fn may_hold_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
        || (!text.is_ascii() && text.chars().any(char::is_numeric))
}

/// The entry of `list` (words in lower case) that is `w` in lower case (a PO file's texts
/// hold some 170,000 words to try).
fn find_word<'a>(w: &str, list: &'a [(&str, f64)]) -> Option<&'a (&'a str, f64)> {
    crate::document::find_lowercase(w, list, |(k, _)| k)
}

pub fn english(text: &str) -> Vec<Num> {
    extract(text, &EN, EN_SCALES, EN_WORDS, false)
}

pub fn french(text: &str) -> Vec<Num> {
    extract(text, &FR, FR_SCALES, FR_WORDS, true)
}

/// A source number and what became of it in the target.
#[derive(Debug, Clone, PartialEq)]
pub enum Mismatch {
    /// Missing from the target; the target has no unmatched figure to blame.
    Missing(Num),
    /// The target has another figure where the source had this one.
    Changed { source: Num, target: Num },
    /// A figure in the target that the source does not have.
    Added(Num),
}

/// Pairs the figures of two texts, figures written identically in both first (« [0,127] »
/// copied as is is the same range, whatever the decimal conventions say), then by value.
pub fn compare_texts(source_text: &str, target_text: &str) -> Vec<Mismatch> {
    let mut source = english(source_text);
    let mut target = french(target_text);
    let mut copied: Vec<(usize, usize)> = Vec::new();
    target.retain(|t| {
        let raw = &target_text[t.start..t.end];
        let found: Vec<(usize, usize)> = source_text
            .match_indices(raw)
            .filter(|(i, _)| {
                let before = source_text[..*i].chars().next_back();
                let after = source_text[i + raw.len()..].chars().next();
                !before.is_some_and(|c| c.is_ascii_digit())
                    && !after.is_some_and(|c| c.is_ascii_digit())
            })
            .map(|(i, _)| (i, i + raw.len()))
            .collect();
        let keep = found.is_empty() || !raw.contains([',', '.', ' ', '\u{A0}', '\u{202F}']);
        if !keep {
            copied.extend(found);
        }
        keep
    });
    source.retain(|s| !copied.iter().any(|&(a, b)| s.start >= a && s.end <= b));
    compare(&source, &target)
}

/// Pairs the figures of source and target; what does not pair is a mismatch.
pub fn compare(source: &[Num], target: &[Num]) -> Vec<Mismatch> {
    let mut used = vec![false; target.len()];
    let mut missing = Vec::new();
    for s in source.iter().filter(|n| !n.word) {
        match target
            .iter()
            .enumerate()
            .position(|(i, t)| !used[i] && t.same(s))
        {
            Some(i) => used[i] = true,
            None => missing.push(s.clone()),
        }
    }
    // Word numbers of the source may be written as figures in the target.
    for s in source.iter().filter(|n| n.word) {
        if let Some(i) = target
            .iter()
            .enumerate()
            .position(|(i, t)| !used[i] && t.same(s))
        {
            used[i] = true;
        }
    }
    let mut extra: Vec<Num> = target
        .iter()
        .enumerate()
        .filter(|&(i, t)| !used[i] && !t.word)
        .map(|(_, t)| t.clone())
        .collect();
    let mut out = Vec::new();
    for s in missing {
        if extra.len() == 1
            || (!extra.is_empty()
                && source.iter().filter(|n| !n.word).count()
                    == target.iter().filter(|n| !n.word).count())
        {
            out.push(Mismatch::Changed {
                source: s,
                target: extra.remove(0),
            });
        } else {
            out.push(Mismatch::Missing(s));
        }
    }
    out.extend(extra.into_iter().map(Mismatch::Added));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text the digit test turns away holds nothing either regex matches, and the words'
    /// look-up without a copy finds what the look-up of the lower case finds: random
    /// strings of letters of both cases, accented letters, digits of several scripts,
    /// other numeric characters and signs.
    #[test]
    fn shortcuts_find_what_the_plain_search_finds() {
        let pieces = [
            "a", "B", "é", "É", "un", "UNE", "Deux", "trois", "Zéro", "ZÉRO", "ten", "Half",
            "mille", "Million", "MDS", "x", " ", "-", ".", ",", "\u{a0}", "1", "42", "٣", "४", "²",
            "Ⅻ", "½",
        ];
        let mut rng = crate::testing::Rng::new(0x4E55_4D53);
        let (mut turned_away, mut matched) = (0, 0);
        for _ in 0..20_000 {
            let t = rng.string(&pieces, 8);
            if !may_hold_digit(&t) {
                turned_away += 1;
                assert!(EN.find(&t).is_none() && FR.find(&t).is_none(), "{t:?}");
            } else if FR.find(&t).is_some() {
                matched += 1;
            }
            for w in t.split(|c: char| !c.is_alphabetic()) {
                for list in [EN_WORDS, FR_WORDS, EN_SCALES, FR_SCALES] {
                    let lower = w.to_lowercase();
                    let plain = list.iter().find(|(k, _)| *k == lower);
                    assert_eq!(find_word(w, list), plain, "{w:?}");
                }
            }
        }
        assert!(
            turned_away > 1000 && matched > 1000,
            "{turned_away} {matched}"
        );
    }

    fn values(v: &[Num]) -> Vec<f64> {
        v.iter().filter(|n| !n.word).map(|n| n.value).collect()
    }

    #[test]
    fn english_and_french_conventions() {
        assert_eq!(
            values(&english("$65 billion, 39.2% and 1,500 units in 2025")),
            [65e9, 39.2, 1500.0, 2025.0]
        );
        assert_eq!(
            values(&french(
                "65 milliards de dollars, 39,2 % et 1 500 unités en 2025"
            )),
            [65e9, 39.2, 1500.0, 2025.0]
        );
        assert_eq!(values(&french("65\u{202F}000 puces")), [65000.0]);
    }

    #[test]
    fn billion_is_a_false_friend() {
        let m = compare(
            &english("65 billion dollars"),
            &french("65 billions de dollars"),
        );
        assert!(matches!(m[0], Mismatch::Changed { .. }), "{m:?}");
    }

    #[test]
    fn agreement_and_mismatch() {
        assert!(
            compare(
                &english("It costs $4.5 billion, up 4%."),
                &french("Il coûte 4,5 milliards de dollars, en hausse de 4 %.")
            )
            .is_empty()
        );
        assert!(compare(&english("two chips"), &french("2 puces")).is_empty());
        assert!(compare(&english("2 chips"), &french("deux puces")).is_empty());
        let m = compare(&english("in 2024"), &french("en 2025"));
        assert!(
            matches!(&m[0], Mismatch::Changed { source, target } if source.value == 2024.0 && target.value == 2025.0)
        );
        let m = compare(
            &english("version 2.6.14 and 3 items"),
            &french("version 2.6.15 et 3 éléments"),
        );
        assert_eq!(m.len(), 1);
        let m = compare(&english("no figure"), &french("un chiffre : 12"));
        assert!(matches!(m[0], Mismatch::Added(_)));
    }

    #[test]
    fn copied_ranges_times_and_words() {
        assert!(
            compare_texts("in the range of +/-[0,127]", "dans l'intervalle +/-[0,127]").is_empty()
        );
        assert!(compare_texts("select 2-3,6-9", "sélectionner 2-3,6-9").is_empty());
        assert!(compare_texts("6 p.m.", "18:00").is_empty());
        assert!(
            compare_texts(
                "at least 1 bit, division by 0",
                "au moins un bit, division par zéro"
            )
            .is_empty()
        );
        assert!(compare_texts("The 1st commit", "Le premier commit").is_empty());
        assert_eq!(compare_texts("ISO 8601", "ISO 8601").len(), 0);
    }

    #[test]
    fn identifiers_are_not_numbers() {
        assert!(values(&english("the H100 and IPv4 on x86")).is_empty());
        assert!(compare(&english("TLS 1.3"), &french("TLSv1.3")).is_empty());
        assert_eq!(values(&english("a 5nm process")), [5.0]);
    }
}
