//! `mixed-apostrophes`: a text that writes its elisions with both ' and ’.

use super::typography::Prose;
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};

pub struct MixedApostrophes;

static META: RuleMeta = RuleMeta {
    id: "mixed-apostrophes",
    category: Category::Inconsistency,
    severity: Severity::Info,
    summary: "Apostrophes droites (') et typographiques (’) mêlées dans un même texte.",
    doc: RuleDoc {
        what: "Compte les apostrophes des élisions françaises (« l'IA », « d’un », \
               « aujourd'hui ») hors code et hors phrases anglaises ; quand le texte emploie les \
               deux formes, signale la moins employée. Quand elle est rare (au plus dix fois et \
               au plus un quart des apostrophes), chaque occurrence est signalée, avec la forme \
               majoritaire en correction sûre : ce sont des oublis. Sinon le texte a deux \
               habitudes (des passages de mains ou d'origines différentes) et une seule info, \
               sur la première occurrence de la forme minoritaire, donne les comptes : un \
               rechercher-remplacer suffit. Les apostrophes des guillemets simples, des mots anglais \
               (« don't ») et du code ne sont pas comptées.",
        why: "Une publication choisit une forme d'apostrophe et s'y tient ; le mélange trahit \
              des copier-coller de sources différentes et gêne la recherche dans le texte.",
        example: "L’entreprise a présenté sa puce d’entraînement pour l'IA.",
        instead: "L’entreprise a présenté sa puce d’entraînement pour l’IA.",
    },
};

/// Words that end in an elided apostrophe, and « aujourd » (« aujourd'hui »).
const ELIDED: &[&str] = &[
    "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu", "aujourd",
];

/// Up to this many, the rare apostrophes are slips reported one by one; beyond, the text
/// has two habits and one finding with the counts says it.
const MAX_EACH: usize = 10;

/// True when the word that ends at byte `i` of `text`, before an apostrophe, is one of
/// `ELIDED`, and stands alone (no letter, digit, apostrophe or `_` just before it).
fn elided_before(text: &str, i: usize) -> bool {
    let word = text[..i]
        .char_indices()
        .rev()
        .take_while(|&(_, x)| x.is_alphabetic())
        .last()
        .map_or("", |(s, _)| &text[s..i]);
    let before_word = text[..i - word.len()].chars().next_back();
    if word.is_empty()
        || before_word.is_some_and(|b| b.is_alphanumeric() || matches!(b, '\'' | '’' | '_'))
    {
        return false;
    }
    // (An ASCII word is compared without a lower-case copy.)
    if word.is_ascii() {
        ELIDED.iter().any(|e| e.eq_ignore_ascii_case(word))
    } else {
        ELIDED.contains(&word.to_lowercase().as_str())
    }
}

/// `elided_before` where the bytes before `i` answer it alone: ASCII letters after an ASCII
/// byte that is not one (or the start of the text), or more ASCII letters than the longest
/// of `ELIDED` (seven; a word only grows in lower case). `None` when a byte beyond ASCII
/// stands where it matters (« é’ », « ’l’ »): `elided_before` is asked then. (Most
/// apostrophes follow a short ASCII word: the characters were decoded backwards and each
/// tested with `char::is_alphabetic`.)
fn ascii_elided_before(bytes: &[u8], i: usize) -> Option<bool> {
    const LONGEST: usize = 7;
    let mut s = i;
    while s > 0 && i - s <= LONGEST && bytes[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if i - s > LONGEST {
        return Some(false);
    }
    match s.checked_sub(1).map(|p| bytes[p]) {
        Some(b) if !b.is_ascii() => None,
        _ if s == i => None,
        Some(b) if b.is_ascii_digit() || matches!(b, b'\'' | b'_') => Some(false),
        _ => Some(is_elided_ascii(&bytes[s..i])),
    }
}

/// Whether `word`, ASCII letters, is one of `ELIDED` in any case. A word of one letter, most
/// of them (« l' », « d' »), is judged on its byte, where the list was compared entry by
/// entry (the rule on the man pages 10.2 -> 8.8 M instructions).
fn is_elided_ascii(word: &[u8]) -> bool {
    match word {
        [b] => matches!(
            b | 0x20,
            b'c' | b'd' | b'j' | b'l' | b'm' | b'n' | b's' | b't'
        ),
        _ => ELIDED
            .iter()
            .any(|e| e.as_bytes().eq_ignore_ascii_case(word)),
    }
}

/// The apostrophes of elisions in `text` (`p`'s document's), in order: (offset, is the
/// typographic one).
///
/// The apostrophes shown as written (`Prose::visible`) are those of the view, found by one
/// search of it: the masked bytes of the view are white space, line ends and `BARRIER`,
/// never « ' » nor 0x99, and a masked « ’ » is masked whole (a range that cuts a character
/// leaves no byte beyond ASCII in the view: `Mask::apply`), so a byte of the view that is
/// one of them is the text's, shown, and the view's 0x99 is the last byte of a shown « ’ »
/// when the text has E2 80 before it. (Read at each apostrophe, the view's byte was a cache
/// miss: 84 % of the rule's time on the man pages, 0.8 ms. Then a search of the text was
/// walked along with one of the view, each with a return from memchr at every apostrophe
/// (the PO text's 21,000): the view's alone finds the same, memchr2 0.68 -> 0.51 ms a run.)
fn elided_apostrophes(p: &Prose, text: &str) -> Vec<(usize, bool)> {
    let mut found: Vec<(usize, bool)> = Vec::new();
    let bytes = text.as_bytes();
    // (A view that is the text, nothing masked, is the text: `SharedText`.)
    let view = p.doc.view.as_bytes();
    debug_assert_eq!(view.len(), bytes.len());
    // The apostrophes, found with memchr: « ' », and « ’ » by its last byte (E2 80 99
    // in UTF-8), without decoding the text.
    let apostrophes = memchr::memchr2_iter(b'\'', 0x99, view).filter_map(|i| {
        if bytes[i] == b'\'' {
            Some((i, '\''))
        } else {
            (i >= 2 && bytes[i - 2..i] == [0xE2, 0x80]).then(|| (i - 2, '’'))
        }
    });
    let mut french = p.in_order();
    for (i, c) in apostrophes {
        let next = text[i + c.len_utf8()..].chars().next();
        if !next.is_some_and(char::is_alphabetic) {
            continue;
        }
        let elided = ascii_elided_before(bytes, i).unwrap_or_else(|| elided_before(text, i));
        if !elided || !french.is_french_prose_at(i) {
            continue;
        }
        found.push((i, c == '’'));
    }
    found
}

impl Rule for MixedApostrophes {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &cx.doc.text;
        // A text that lacks one of the two apostrophes cannot mix them (the rule reports
        // only when both are found below): two searches, where each apostrophe was judged
        // (a third of the 435 man pages and the article have no « ’ »).
        let bytes = text.as_bytes();
        if memchr::memchr(b'\'', bytes).is_none()
            || memchr::memmem::find(bytes, "’".as_bytes()).is_none()
        {
            return;
        }
        let p = Prose::new(cx.doc);
        let found = elided_apostrophes(&p, text);
        let curly = found.iter().filter(|f| f.1).count();
        let straight = found.len() - curly;
        if curly == 0 || straight == 0 {
            return;
        }
        let minority_curly = curly < straight;
        let (minority, majority) = if minority_curly {
            (curly, straight)
        } else {
            (straight, curly)
        };
        let (wrong, right) = if minority_curly {
            ('’', '\'')
        } else {
            ('\'', '’')
        };
        let name = |c: char| {
            if c == '’' {
                "typographique (’)"
            } else {
                "droite (')"
            }
        };
        let spans = found
            .iter()
            .filter(|f| f.1 == minority_curly)
            .map(|f| Span::new(f.0, f.0 + wrong.len_utf8()));
        if minority <= MAX_EACH && minority * 4 <= minority + majority {
            for span in spans {
                out.push(
                    Diagnostic::new(
                        META.id,
                        META.category,
                        META.severity,
                        span,
                        format!(
                            "apostrophe {} dans un texte qui emploie l'apostrophe {} ({majority} fois contre {minority}).",
                            name(wrong),
                            name(right)
                        ),
                    )
                    .with_replacements([right.to_string()]),
                );
            }
        } else if let Some(span) = spans.into_iter().next() {
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    span,
                    format!(
                        "le texte mêle les apostrophes : {majority} {} et {minority} {} ; choisir une forme et s'y tenir (première apostrophe {} ici).",
                        name(right),
                        name(wrong),
                        name(wrong)
                    ),
                )
                .with_replacements([right.to_string()]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::check_with;

    /// `is_elided_ascii` answers as the list, on every word of one or two ASCII letters and
    /// on random longer ones.
    #[test]
    fn one_letter_elisions_are_those_of_the_list() {
        let by_list = |w: &[u8]| ELIDED.iter().any(|e| e.as_bytes().eq_ignore_ascii_case(w));
        let letters: Vec<u8> = (b'a'..=b'z').chain(b'A'..=b'Z').collect();
        let mut words: Vec<Vec<u8>> = Vec::new();
        for &a in &letters {
            words.push(vec![a]);
            for &b in &letters {
                words.push(vec![a, b]);
            }
        }
        let mut rng = crate::testing::Rng::new(0xe1_1de5);
        let pieces = ["q", "Q", "u", "U", "jusq", "aujourd", "l", "d", "x", "S"];
        for _ in 0..2000 {
            words.push(rng.string(&pieces, 5).into_bytes());
        }
        let mut yes = 0;
        for w in words.iter().filter(|w| !w.is_empty()) {
            assert_eq!(
                is_elided_ascii(w),
                by_list(w),
                "{:?}",
                String::from_utf8_lossy(w)
            );
            yes += usize::from(by_list(w));
        }
        assert!(yes > 20);
    }

    /// `ascii_elided_before`, where it answers, answers as `elided_before`, on random texts
    /// of elided words, longer words, letters beyond ASCII, digits, apostrophes and signs.
    #[test]
    fn ascii_elision_test_agrees_with_the_plain_one() {
        let pieces = [
            "l", "L", "qu", "QU", "aujourd", "jusqu", "x", "abcdefgh", "é", "É", "ß", "İ", "1",
            "_", "'", "’", " ", "-", "(", "«", "\u{A0}",
        ];
        let mut rng = crate::testing::Rng::new(0xe11d_ed01);
        let mut answered = 0;
        for _ in 0..50_000 {
            let text = rng.string(&pieces, 8) + "'";
            let i = text.len() - 1;
            if let Some(fast) = ascii_elided_before(text.as_bytes(), i) {
                assert_eq!(fast, elided_before(&text, i), "{text:?}");
                answered += 1;
            }
        }
        // (The fast test answers for a good part of them: about 11,600.)
        assert!(answered > 5_000, "{answered}");
    }

    const G: &str = "[glossary]\nname='t'\n";

    fn apostrophes(text: &str) -> Vec<(usize, String)> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "mixed-apostrophes")
            .map(|d| (d.span.start, d.suggestions[0].replacement.clone()))
            .collect()
    }

    /// The rule returns at once on a text that lacks one of the apostrophes: there, the
    /// apostrophes of elisions are all of one kind (random texts).
    #[test]
    fn a_text_without_one_apostrophe_has_elisions_of_one_kind() {
        use crate::document::Document;
        let pieces = [
            "l'",
            "l’",
            "d’",
            "qu'",
            "IA ",
            "un ",
            "'",
            "’",
            "ʼ",
            "aujourd’hui ",
            "rock'n'roll ",
            "\u{2019}",
            "x",
            ". ",
            "\n\n",
            "`l'a` ",
        ];
        let mut rng = crate::testing::Rng::new(0x0a9_057);
        let (mut lacking, mut mixed) = (0, 0);
        for round in 0..2000 {
            // (One text in three without « ’ », one in three without « ' ».)
            let kept: Vec<&str> = (pieces.iter().copied())
                .filter(|p| match round % 3 {
                    0 => !p.contains('’'),
                    1 => !p.contains('\''),
                    _ => true,
                })
                .collect();
            let doc = Document::from_str(&rng.string(&kept, 30));
            let found = super::elided_apostrophes(&super::Prose::new(&doc), &doc.text);
            let kinds = (found.iter().any(|f| f.1), found.iter().any(|f| !f.1));
            if !doc.text.contains('\'') || !doc.text.contains('’') {
                assert!(!(kinds.0 && kinds.1), "round {round}: {:?}", doc.text);
                lacking += usize::from(!found.is_empty());
            } else {
                mixed += usize::from(kinds.0 && kinds.1);
            }
        }
        assert!(lacking > 200 && mixed > 100, "{lacking} {mixed}");
    }

    /// `elided_apostrophes`, which tells the apostrophes shown by a search of the view,
    /// finds those that `Prose::visible` shows, on random texts with masked code, URLs and
    /// addresses around and over apostrophes (and with nothing masked).
    #[test]
    fn shown_apostrophes_are_the_visible_ones() {
        use crate::document::Document;
        let reference = |p: &super::Prose, text: &str| -> Vec<(usize, bool)> {
            let bytes = text.as_bytes();
            let mut french = p.in_order();
            let mut found = Vec::new();
            for i in memchr::memchr2_iter(b'\'', 0x99, bytes) {
                let (i, c) = match bytes[i] {
                    b'\'' => (i, '\''),
                    _ if i >= 2 && bytes[i - 2..i] == [0xE2, 0x80] => (i - 2, '’'),
                    _ => continue,
                };
                let next = text[i + c.len_utf8()..].chars().next();
                if p.visible(i)
                    && next.is_some_and(char::is_alphabetic)
                    && super::elided_before(text, i)
                    && french.is_french_prose_at(i)
                {
                    found.push((i, c == '’'));
                }
            }
            found
        };
        let pieces = [
            "l'",
            "l’",
            "d’",
            "qu'",
            "un ",
            "'",
            "’",
            "x",
            " ",
            ". ",
            "\n",
            "`",
            "`l'a` ",
            "`d’un` ",
            "http://l'a.fr/d’un ",
            "l’a@b.fr ",
            "<l'a> ",
            "Ù",
            "é",
            "ʼ",
        ];
        let mut rng = crate::testing::Rng::new(0x0005_a03a);
        let (mut masked, mut shown) = (0, 0);
        for _ in 0..3000 {
            let doc = Document::from_str(&rng.string(&pieces, 25));
            let p = super::Prose::new(&doc);
            let found = super::elided_apostrophes(&p, &doc.text);
            assert_eq!(found, reference(&p, &doc.text), "{:?}", doc.text);
            masked += usize::from(doc.view.as_bytes() != doc.text.as_bytes());
            shown += found.len();
        }
        assert!(masked > 1000 && shown > 3000, "{masked} {shown}");
    }

    #[test]
    fn rare_minority_is_reported_each_time() {
        let t = "L’IA d’un groupe, l’entreprise, aujourd’hui, qu’il dit, l'usine.";
        let d = apostrophes(t);
        assert_eq!(d, [(t.find("l'usine").unwrap() + 1, "’".to_string())]);
    }

    #[test]
    fn a_real_mixture_is_reported_once() {
        let d = apostrophes("l’IA, d’un, l'usine, d'une, qu'il");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].1, "'");
    }

    #[test]
    fn quotes_english_and_consistent_texts_are_left() {
        assert!(apostrophes("L’IA d’un groupe, le mot 'test' et don't ni rock'n'roll.").is_empty());
        assert!(apostrophes("l'IA d'un groupe qu'il dit").is_empty());
        assert!(apostrophes("Le fichier l’IA.\nprintf('%s', l'x);\necho 'l'").is_empty());
    }
}
