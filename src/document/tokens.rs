/*! Words with their byte spans. Words come from Unicode word boundaries (UAX #29); French
elisions are split off (« l'IA » → « l' » + « IA »), and each word carries a normalised
form: NFC, lower case, typographic apostrophes as `'`. */

use compact_str::CompactString;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// NFC, lower case, apostrophes as `'`. Stored inline (no allocation) up to 24 bytes,
    /// which is nearly every word: a text of 50 MB has 8 million tokens.
    pub norm: CompactString,
    /// Index of the sentence holding the token.
    pub sentence: u32,
    /// True when the original starts with an upper-case letter.
    pub capitalized: bool,
    /// True when every letter of the original is upper case (and there are two or more).
    pub all_caps: bool,
    /// True when the token holds at least one letter (see `is_word`).
    pub word: bool,
}

impl Token {
    /// A token that holds at least one letter.
    pub fn is_word(&self) -> bool {
        self.word
    }
    pub fn is_number(&self) -> bool {
        !self.is_word()
    }
}

/// Elided words that are split from the word they precede.
const ELISIONS: &[&str] = &[
    "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu",
];

pub fn is_elision(norm: &str) -> bool {
    norm.strip_suffix('\'')
        .is_some_and(|w| ELISIONS.contains(&w))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Removes accents (NFD, combining marks dropped): « Générale » → « Generale ».
pub fn fold_accents(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string(); // nothing to decompose
    }
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Normalises one word: NFC, lower case, typographic apostrophes as `'`.
pub fn normalize_word(word: &str) -> String {
    normalize_compact(word).into_string()
}

/// `normalize_word` into a string stored inline when short.
fn normalize_compact(word: &str) -> CompactString {
    let mut out = CompactString::with_capacity(word.len());
    let push = |out: &mut CompactString, c: char| {
        if is_apostrophe(c) {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    };
    if word.is_ascii() || is_nfc_quick(word.chars()) == unicode_normalization::IsNormalized::Yes {
        for c in word.chars() {
            push(&mut out, c);
        }
    } else {
        for c in word.nfc() {
            push(&mut out, c);
        }
    }
    out
}

fn make_token(view: &str, start: usize, end: usize) -> Token {
    let word = &view[start..end];
    if word.is_ascii() {
        // ASCII is NFC, its letters are the ASCII letters and `'` stays `'`.
        let bytes = word.as_bytes();
        let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
        let upper = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
        let mut norm = CompactString::from(word);
        norm.make_ascii_lowercase();
        return Token {
            start,
            end,
            norm,
            sentence: 0,
            capitalized: bytes.first().is_some_and(u8::is_ascii_uppercase),
            all_caps: letters >= 2 && upper == letters,
            word: letters > 0,
        };
    }
    let mut letters = 0;
    let mut upper = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    let norm = normalize_compact(word);
    Token {
        start,
        end,
        word: norm.chars().any(char::is_alphabetic),
        norm,
        sentence: 0,
        capitalized: word.chars().next().is_some_and(char::is_uppercase),
        all_caps: letters >= 2 && upper == letters,
    }
}

/// Tokenises `view[from..to]`; spans are offsets into `view` (and so into the original).
pub fn tokenize(view: &str, from: usize, to: usize) -> Vec<Token> {
    // About one token in six bytes of French prose.
    let mut out = Vec::with_capacity((to - from) / 6);
    super::uax29::word_bounds(&view[from..to], |s, e| {
        let w = &view[from + s..from + e];
        let first = w.as_bytes()[0];
        let alnum = if first < 0x80 {
            first.is_ascii_alphanumeric()
        } else {
            w.chars().next().is_some_and(char::is_alphanumeric)
        };
        if alnum {
            push_word(view, from + s, from + e, &mut out);
        }
    });
    out
}

/// Splits French elisions off a UAX #29 word, then pushes the pieces.
fn push_word(view: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &view[start..end];
    if let Some((i, c)) = word.char_indices().find(|&(_, c)| is_apostrophe(c)) {
        // (Every elided word is ASCII: compared without allocating.)
        let prefix = &word[..i];
        if i + c.len_utf8() < word.len() && ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(prefix))
        {
            let cut = start + i + c.len_utf8();
            out.push(make_token(view, start, cut));
            push_word(view, cut, end, out);
            return;
        }
    }
    // A trailing apostrophe (« les développeurs' ») is not part of the word, nor an English
    // possessive (« Microsoft's shares », in a source text).
    let trimmed = word.trim_end_matches(is_apostrophe);
    let trimmed = match trimmed.strip_suffix('s') {
        Some(stem) if stem.ends_with(is_apostrophe) && stem.chars().count() >= 3 => {
            stem.trim_end_matches(is_apostrophe)
        }
        _ => trimmed,
    };
    let end = start + trimmed.len();
    if end > start {
        out.push(make_token(view, start, end));
    }
}

/// Tokenises a glossary phrase the way a text is tokenised; returns normalised words.
pub fn tokenize_phrase(phrase: &str) -> Vec<String> {
    tokenize(phrase, 0, phrase.len())
        .into_iter()
        .map(|t| t.norm.into_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        tokenize(s, 0, s.len())
            .into_iter()
            .map(|t| t.norm.into_string())
            .collect()
    }

    #[test]
    fn elisions_are_split() {
        assert_eq!(
            norms("l’IA d'approvisionnement"),
            ["l'", "ia", "d'", "approvisionnement"]
        );
        assert_eq!(norms("jusqu'à aujourd'hui"), ["jusqu'", "à", "aujourd'hui"]);
        // An English possessive is not part of the name.
        assert_eq!(norms("Microsoft's shares"), ["microsoft", "shares"]);
    }

    #[test]
    fn spans_point_into_the_original() {
        let s = "Meta développe l’IA";
        let t = tokenize(s, 0, s.len());
        assert_eq!(&s[t[2].start..t[2].end], "l’");
        assert_eq!(&s[t[3].start..t[3].end], "IA");
        assert!(t[3].all_caps && t[0].capitalized && !t[0].all_caps);
    }

    #[test]
    fn nfc_and_case() {
        // "é" decomposed (e + combining acute) becomes the composed form.
        assert_eq!(normalize_word("Ce\u{301}DER"), "c\u{e9}der");
        assert_eq!(normalize_word("ÉTÉ"), "été");
    }

    #[test]
    fn hyphens_split_words() {
        assert_eq!(
            norms("peut-être semi-conducteurs"),
            ["peut", "être", "semi", "conducteurs"]
        );
    }
}
