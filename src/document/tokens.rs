/*! Words with their byte spans. Words come from Unicode word boundaries (UAX #29); French
elisions are split off (« l'IA » → « l' » + « IA »), and each word carries a normalised
form: NFC, lower case, typographic apostrophes as `'`. */

use ecow::EcoString;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets of the word in the text (`start()`, `end()`): 32 bits, as a document
    /// holds less than 4 GiB (`Document::MAX_LEN`): with the 16-byte norm, a token is 32
    /// bytes, where it was 48 (there are some 600,000 in 4 MB of text, all written for the
    /// first time).
    pub(super) start: u32,
    pub(super) end: u32,
    /// NFC, lower case, apostrophes as `'`. Stored inline (no allocation) up to 15 bytes,
    /// which is nearly every word (all but 0.4 % of the man pages' 626,000), in 16 bytes
    /// (`ecow`), where a `CompactString` took 24 (inline up to 24 bytes): with 32-bit
    /// offsets, a token of 32 bytes instead of 40.
    pub norm: EcoString,
    /// Index of the sentence holding the token.
    pub sentence: u32,
    /// True when the original starts with an upper-case letter.
    pub capitalized: bool,
    /// True when every letter of the original is upper case (and there are two or more).
    pub all_caps: bool,
    /// True when the original holds an upper-case character (`char::is_uppercase`).
    pub has_upper: bool,
    /// True when the token holds at least one letter (see `is_word`).
    pub word: bool,
}

impl Token {
    /// Byte offset of the word's start in the text.
    #[inline]
    pub fn start(&self) -> usize {
        self.start as usize
    }
    /// Byte offset just past the word's end in the text.
    #[inline]
    pub fn end(&self) -> usize {
        self.end as usize
    }
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

/// True when `prefix` is one of `ELISIONS` in any case (`eq_ignore_ascii_case` with each),
/// matched at once (`ascii_lowered`).
fn is_elided_prefix(prefix: &str) -> bool {
    ascii_lowered::<7>(prefix.as_bytes(), |lower| {
        matches!(
            lower,
            b"c" | b"d"
                | b"j"
                | b"l"
                | b"m"
                | b"n"
                | b"s"
                | b"t"
                | b"qu"
                | b"jusqu"
                | b"lorsqu"
                | b"puisqu"
                | b"quoiqu"
                | b"presqu"
                | b"quelqu"
        )
    })
}

/// `is(word)` of `word` in ASCII lower case, lowered into a buffer of `N` bytes (false
/// for a longer word): a word matched against a list of short lower-case words at once
/// (`matches!`) without a new string, where comparing it with each cost some 30
/// instructions a word. (Lowered byte by byte: `copy_from_slice` of a length not known
/// called `memcpy`.)
#[inline]
pub(crate) fn ascii_lowered<const N: usize>(word: &[u8], is: impl FnOnce(&[u8]) -> bool) -> bool {
    let mut buf = [0u8; N];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    for (l, b) in lower.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    is(lower)
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

/// The first of `items` whose key (`key`, in lower case) is `w` in lower case. An ASCII
/// word is compared without a lower-case copy (its lower case has its length), another is
/// lowered once: the bilingual rules look up every word of a PO file's units in short
/// lists this way.
pub fn find_lowercase<'a, T>(w: &str, items: &'a [T], key: impl Fn(&T) -> &str) -> Option<&'a T> {
    if w.is_ascii() {
        items.iter().find(|x| {
            let k = key(x);
            k.len() == w.len() && w.eq_ignore_ascii_case(k)
        })
    } else {
        let lower = w.to_lowercase();
        items.iter().find(|x| key(x) == lower)
    }
}

/// Normalises one word: NFC, lower case, typographic apostrophes as `'`.
pub fn normalize_word(word: &str) -> String {
    normalize_compact(word).into()
}

/// `normalize_word` into a string stored inline when short.
fn normalize_compact(word: &str) -> EcoString {
    let mut out = EcoString::with_capacity(word.len());
    let push = |out: &mut EcoString, c: char| {
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

/// The token of `view[start..end]`: ASCII, then Latin, then any word (`push_word` tries
/// `short_latin_token` first where it can succeed).
fn make_token(view: &str, start: usize, end: usize) -> Token {
    let word = &view[start..end];
    let bytes = word.as_bytes();
    // One pass: ASCII? letters, capitals.
    let (mut letters, mut upper, mut ascii) = (0, 0, true);
    for &b in bytes {
        ascii &= b < 0x80;
        letters += b.is_ascii_alphabetic() as usize;
        upper += b.is_ascii_uppercase() as usize;
    }
    if ascii {
        // ASCII is NFC, its letters are the ASCII letters and `'` stays `'`.
        let mut norm = EcoString::from(word);
        norm.make_mut().make_ascii_lowercase();
        return Token {
            start: start as u32,
            end: end as u32,
            norm,
            sentence: 0,
            capitalized: bytes.first().is_some_and(u8::is_ascii_uppercase),
            all_caps: letters >= 2 && upper == letters,
            has_upper: upper > 0,
            word: letters > 0,
        };
    }
    if let Some(t) = latin_token(word, start, end) {
        return t;
    }
    general_token(word, start, end)
}

/// `make_token` for any word: NFC, lower case and letters from the Unicode tables.
fn general_token(word: &str, start: usize, end: usize) -> Token {
    let (mut letters, mut upper) = (0, 0);
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
        start: start as u32,
        end: end as u32,
        word: norm.chars().any(char::is_alphabetic),
        norm,
        sentence: 0,
        capitalized: word.chars().next().is_some_and(char::is_uppercase),
        all_caps: letters >= 2 && upper == letters,
        // (From every character, as `char::is_uppercase` says: `upper` counts letters.)
        has_upper: word.chars().any(char::is_uppercase),
    }
}

/// Longest word `short_latin_token` takes (its counts fit in a byte each).
const SHORT: usize = 24;

/// `make_token` for a word of at most `SHORT` bytes whose characters are all below U+0180
/// (one or two bytes each) and that holds no apostrophe: nearly every word of French.
/// One pass over the bytes adds up the characters' counts (letters, capitals, characters
/// that lower case changes) when the word is ASCII (most words), and tells when it is not:
/// only then are its characters beyond ASCII decoded, one table look-up each. A word that
/// lower case does not change (most words) is its own normalised form. None for any other
/// word (and so for every elision). (`counts`: the word's summed `BYTE_COUNTS` when the
/// caller has them.)
#[inline(always)]
fn short_latin_token(view: &str, start: usize, end: usize, counts: Option<u64>) -> Option<Token> {
    let word = view.get(start..end)?;
    let bytes = word.as_bytes();
    if bytes.len() > SHORT {
        return None;
    }
    let sum = counts.unwrap_or_else(|| byte_counts(bytes));
    let first = bytes.first().copied().unwrap_or(0);
    if sum >> 32 == 0 {
        let [.., refused] = (sum as u32).to_le_bytes();
        return (refused == 0).then(|| ascii_token(view, first, start, end, sum as u32));
    }
    // (A word of `SHORT` bytes cannot carry over.)
    let (sum, capitalized) = if sum < NOT_COUNTED {
        // The splitter's counts of a word whose characters beyond ASCII are all letters of
        // Latin-1 with codes of their own (see `uax29::CODE_COUNTS`: most words with an
        // accent): they are all counted, only a capital at the start is looked up.
        let capitalized = if first < 0x80 {
            first.is_ascii_uppercase()
        } else {
            latin_at(latin_table(), bytes, 0)?.0.uppercase
        };
        (sum as u32, capitalized)
    } else {
        // (The low 32 bits of the bytes' sum are the counts of the ASCII characters.)
        let ascii = if counts.is_some() {
            byte_counts(bytes)
        } else {
            sum
        };
        latin_counts(bytes, ascii as u32)?
    };
    let [letters, upper, changed, refused] = sum.to_le_bytes();
    if refused > 0 {
        return None;
    }
    Some(Token {
        start: start as u32,
        end: end as u32,
        norm: if changed == 0 {
            norm_of(view, start, end)
        } else {
            latin_lower(bytes)?
        },
        sentence: 0,
        capitalized,
        all_caps: letters >= 2 && upper == letters,
        // (Below U+0180 every capital is a letter.)
        has_upper: upper > 0,
        word: letters > 0,
    })
}

/// `EcoString::from(&view[start..end])`, one branch per length that an `EcoString`
/// holds inline (up to 15 bytes, nearly every word): each copies a length known when
/// compiled, in a few loads and stores, where a copy of the word's length called
/// `memcpy` (man pages: 465,000 calls, +15 M instructions; a window of 15 bytes cut to
/// the word by `EcoString::truncate` cost +23 M).
#[inline(always)]
fn norm_of(view: &str, start: usize, end: usize) -> EcoString {
    let w = &view[start..end];
    macro_rules! by_length {
        ($($n:literal)*) => {
            match w.len() {
                $($n => EcoString::from(&w[..$n]),)*
                _ => EcoString::from(w),
            }
        };
    }
    by_length!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
}

/// The `BYTE_COUNTS` of a word of at most `SHORT` bytes, added up.
#[inline]
fn byte_counts(bytes: &[u8]) -> u64 {
    bytes.iter().map(|&b| BYTE_COUNTS[usize::from(b)]).sum()
}

/// The bits of the splitter's counts that must be 0 for a word beyond ASCII to be made
/// by `ascii_token`: characters that lower case changes, refused characters, characters
/// not counted (`NOT_COUNTED`).
const LOWER_LATIN: u64 = 0xFFFF_0000 | !(NOT_COUNTED - 1);

/// The token of an ASCII word of at most `SHORT` bytes without an apostrophe, from its
/// first byte and its summed `BYTE_COUNTS`: ASCII is NFC, its letters are the ASCII
/// letters and its lower case is `make_ascii_lowercase`. (A capital at the start only,
/// the usual one, is the only byte lowered.) Also the token of a word that lower case
/// does not change, without an apostrophe, whose characters beyond ASCII are counted
/// (see `LOWER_LATIN`): it is its own normalised form, and holds no capital.
#[inline(always)]
fn ascii_token(view: &str, first: u8, start: usize, end: usize, counts: u32) -> Token {
    let [letters, upper, changed, _] = counts.to_le_bytes();
    let capitalized = first.is_ascii_uppercase();
    let mut norm = norm_of(view, start, end);
    if changed > 0 {
        let lowered = if changed == 1 && capitalized {
            norm.make_mut().get_mut(..1)
        } else {
            Some(norm.make_mut())
        };
        if let Some(lowered) = lowered {
            lowered.make_ascii_lowercase();
        }
    }
    Token {
        start: start as u32,
        end: end as u32,
        norm,
        sentence: 0,
        capitalized,
        all_caps: letters >= 2 && upper == letters,
        // (Below U+0180 every capital is a letter.)
        has_upper: upper > 0,
        word: letters > 0,
    }
}

/// Pushes `ascii_token(view, first, start, end, counts)` to `out`, lowered in place in the
/// list (`lower_last`) when lower case changes it. Lowered on the stack before the push (as
/// `ascii_token` does), the norm was stored in pieces (8 bytes, then its lowered bytes one
/// by one) and read back whole to be copied into the list: every such read that spans two
/// stores waits for them (failed store forwarding, some 16 % of `sentences_and_tokens`'
/// samples on the man pages). Pushed as it is built, the norm goes from registers to the
/// list, and only the few words with a capital are written again there.
#[inline(always)]
fn push_ascii_token(view: &str, start: usize, end: usize, counts: u32, out: &mut Vec<Token>) {
    let [letters, upper, changed, _] = counts.to_le_bytes();
    let capitalized = view.as_bytes()[start].is_ascii_uppercase();
    push_token(
        out,
        Token {
            start: start as u32,
            end: end as u32,
            norm: norm_of(view, start, end),
            sentence: 0,
            capitalized,
            all_caps: letters >= 2 && upper == letters,
            // (Below U+0180 every capital is a letter.)
            has_upper: upper > 0,
            word: letters > 0,
        },
    );
    if changed > 0 {
        lower_last(out, changed == 1 && capitalized);
    }
}

/// `out.push(t)`, the list grown out of line: in the usual case (room left) the token goes
/// from registers to the list. (With `Vec::push`, whose growth is a call on the same path,
/// the token's parts were kept on the stack across it and read back in other pieces to be
/// stored: failed store forwarding, in `push_word` about a fifth of its samples.)
#[inline(always)]
fn push_token(out: &mut Vec<Token>, t: Token) {
    if out.len() < out.capacity() {
        out.push(t);
    } else {
        push_grown(out, t);
    }
}

/// `out.push(t)` when `out` is full.
#[cold]
#[inline(never)]
fn push_grown(out: &mut Vec<Token>, t: Token) {
    out.push(t);
}

/// The norm of the last token of `tokens` (an ASCII word) in lower case: its first byte
/// only when `first_only` (a capital at the start and no other, the usual case). Out of
/// line: one call for the words with a capital, where `make_mut` was one.
#[inline(never)]
fn lower_last(tokens: &mut [Token], first_only: bool) {
    if let Some(t) = tokens.last_mut() {
        let norm = t.norm.make_mut();
        let lowered = if first_only {
            norm.get_mut(..1)
        } else {
            Some(norm)
        };
        if let Some(lowered) = lowered {
            lowered.make_ascii_lowercase();
        }
    }
}

/// The character at byte `i` of a word, when it is below U+0180, and its length.
#[inline]
fn latin_at(
    table: &'static LatinTable,
    bytes: &[u8],
    i: usize,
) -> Option<(&'static LatinChar, usize)> {
    let b = *bytes.get(i)?;
    if b < 0x80 {
        Some((&table[b as usize], 1))
    } else if (0xC2..0xC6).contains(&b) {
        // Two bytes, U+0080 to U+017F.
        let c = (usize::from(b & 0x1F) << 6) | usize::from(*bytes.get(i + 1)? & 0x3F);
        Some((&table[c], 2))
    } else {
        None
    }
}

/// The summed `LatinChar::counts` of a non-empty word of characters below U+0180, from
/// those of its ASCII characters (`ascii`, their `BYTE_COUNTS`), and whether its first
/// character is upper case; None when a character is not below U+0180.
fn latin_counts(bytes: &[u8], ascii: u32) -> Option<(u32, bool)> {
    let table = latin_table();
    let (first, _) = latin_at(table, bytes, 0)?;
    let (mut sum, mut i) = (ascii, 0);
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let (e, len) = latin_at(table, bytes, i)?;
        sum += e.counts;
        i += len;
    }
    Some((sum, first.uppercase))
}

/// The lower case of a word of at most `SHORT` bytes whose characters are all below
/// U+0180 and that lower case does not drop.
fn latin_lower(bytes: &[u8]) -> Option<EcoString> {
    // (A lower case below U+0180 takes as many bytes as its capital.)
    let table = latin_table();
    let mut buf = [0u8; SHORT];
    let (mut i, mut o) = (0, 0);
    while let Some((e, len)) = latin_at(table, bytes, i) {
        o += e.lower.encode_utf8(&mut buf[o..]).len();
        i += len;
    }
    Some(EcoString::from(std::str::from_utf8(&buf[..o]).ok()?))
}

/// What a byte of a longer character adds to the counts (`BYTE_COUNTS`): one above their
/// 32 bits.
pub(super) const BEYOND_ASCII: u64 = 1 << 32;

/// What the first byte of a character beyond ASCII whose counts are not added up adds to
/// them (`BYTE_COUNTS`, and in the splitter's `uax29::CODE_COUNTS` the characters but the
/// Latin-1 letters that have codes of their own): the word's characters are then looked
/// up (`latin_counts`).
pub(super) const NOT_COUNTED: u64 = 1 << 48;

/// `LatinChar::counts` of the ASCII characters, known at compile time: letters, capitals
/// (the characters lower case changes), refused (NUL, lowered to nothing known, and the
/// apostrophe). A byte of a longer character counts `BEYOND_ASCII` and `NOT_COUNTED`.
pub(super) static BYTE_COUNTS: [u64; 256] = {
    let mut t = [BEYOND_ASCII | NOT_COUNTED; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let upper = c.is_ascii_uppercase() as u64;
        t[b] = c.is_ascii_alphabetic() as u64
            | upper << 8
            | upper << 16
            | ((c == 0 || c == b'\'') as u64) << 24;
        b += 1;
    }
    t
};

/// What `make_token` needs of a character below U+0180 (Latin-1 and Latin Extended-A, the
/// letters of French): its lower case, whether it is a letter, a capital. All of them are
/// NFC as they stand.
#[derive(Clone, Copy, Default)]
struct LatinChar {
    lower: char,
    alphabetic: bool,
    uppercase: bool,
    /// For `short_latin_token`, one byte each (a word of `SHORT` bytes cannot carry over):
    /// a letter, a capital letter, a character that lower case changes, a character the
    /// short path refuses (an apostrophe, or one left to the general path).
    counts: u32,
}

const LATIN_END: u32 = 0x180;

type LatinTable = [LatinChar; LATIN_END as usize];

fn latin_table() -> &'static LatinTable {
    static TABLE: std::sync::LazyLock<LatinTable> = std::sync::LazyLock::new(|| {
        let mut t = [LatinChar::default(); LATIN_END as usize];
        for (u, e) in t.iter_mut().enumerate() {
            let c = char::from_u32(u as u32).expect("below U+0180");
            let mut lower = c.to_lowercase();
            // (« İ » lowers to two characters: it is left to the general path.)
            let lower = if lower.len() == 1 {
                lower.next().expect("one")
            } else {
                '\0'
            };
            let alphabetic = c.is_alphabetic();
            let uppercase = c.is_uppercase();
            let counts = [
                alphabetic,
                alphabetic && uppercase,
                lower != c,
                lower == '\0' || is_apostrophe(c),
            ];
            *e = LatinChar {
                lower,
                alphabetic,
                uppercase,
                counts: u32::from_le_bytes(counts.map(u8::from)),
            };
        }
        t
    });
    &TABLE
}

/// `make_token` for a word whose characters are all below U+0180 (nearly every French
/// word with an accent): one pass over a table. None for any other word.
fn latin_token(word: &str, start: usize, end: usize) -> Option<Token> {
    let table = latin_table();
    let mut norm = EcoString::with_capacity(word.len());
    let (mut letters, mut upper) = (0, 0);
    let mut capitalized = None;
    for c in word.chars() {
        let e = table.get(c as usize)?;
        if e.lower == '\0' {
            return None;
        }
        capitalized.get_or_insert(e.uppercase);
        letters += e.alphabetic as usize;
        upper += (e.alphabetic && e.uppercase) as usize;
        norm.push(e.lower);
    }
    Some(Token {
        start: start as u32,
        end: end as u32,
        norm,
        sentence: 0,
        capitalized: capitalized.unwrap_or(false),
        all_caps: letters >= 2 && upper == letters,
        // (Below U+0180 every capital is a letter.)
        has_upper: upper > 0,
        word: letters > 0,
    })
}

/// Tokenises `view[from..to]`; spans are offsets into `view` (and so into the original).
pub fn tokenize(view: &str, from: usize, to: usize) -> Vec<Token> {
    // About one token in six bytes of French prose.
    let mut out = Vec::with_capacity((to - from) / 6);
    let mut tokeniser = Tokeniser {
        view,
        from,
        tokens: &mut out,
        sentences: (),
    };
    super::uax29::bounds(&view[from..to], &mut tokeniser);
    out
}

/// What the tokeniser gives the sentence segments to, and the lines before the segments
/// within them, in offsets of the view.
pub(super) trait Sentences {
    fn segment(&mut self, start: usize, end: usize);
    /// A segment without a full stop, `!` or `?` (`uax29::Sink::plain_sentence`).
    fn plain_segment(&mut self, start: usize, end: usize) {
        self.segment(start, end);
    }
    fn line(&mut self, _start: usize, _end: usize) {}
    /// Called before each line with the tokens so far: those of the lines before it, whose
    /// sentence segments have all been given (see `super::Assign`).
    fn settle(&mut self, _tokens: &mut [Token]) {}
}

impl<T: Sentences> Sentences for &mut T {
    #[inline(always)]
    fn segment(&mut self, start: usize, end: usize) {
        (**self).segment(start, end);
    }
    #[inline(always)]
    fn plain_segment(&mut self, start: usize, end: usize) {
        (**self).plain_segment(start, end);
    }
    #[inline(always)]
    fn line(&mut self, start: usize, end: usize) {
        (**self).line(start, end);
    }
    #[inline(always)]
    fn settle(&mut self, tokens: &mut [Token]) {
        (**self).settle(tokens);
    }
}

/// The segments in a list.
impl Sentences for Vec<(usize, usize)> {
    #[inline(always)]
    fn segment(&mut self, start: usize, end: usize) {
        self.push((start, end));
    }
}

/// The tokeniser as the splitter calls it (`uax29::Sink`), on `view[from..]`: pushes the
/// words of each word segment (`push_segment`) to `tokens`, and gives each sentence segment
/// and each line to `sentences` (`Sentences`, or `()` for none), in offsets of `view`. (The
/// list is borrowed, not held: the address of a list that grows escapes to the allocator,
/// and with it that of the struct around it, whose `view` and `from` were then read again
/// after each push: +3 M instructions on the man pages.)
pub(super) struct Tokeniser<'a, 'b, S> {
    pub(super) view: &'a str,
    pub(super) from: usize,
    pub(super) tokens: &'b mut Vec<Token>,
    pub(super) sentences: S,
}

impl super::uax29::Sink for Tokeniser<'_, '_, ()> {
    const WORDS: bool = true;
    const SENTENCES: bool = false;
    const GAPS: bool = false;
    #[inline(always)]
    fn word(&mut self, start: usize, end: usize, counts: Option<u64>) {
        let from = self.from;
        push_segment(self.view, from + start, from + end, counts, self.tokens);
    }
}

impl<S: Sentences> super::uax29::Sink for Tokeniser<'_, '_, S> {
    const WORDS: bool = true;
    const SENTENCES: bool = true;
    const GAPS: bool = false;
    #[inline(always)]
    fn word(&mut self, start: usize, end: usize, counts: Option<u64>) {
        let from = self.from;
        push_segment(self.view, from + start, from + end, counts, self.tokens);
    }
    #[inline(always)]
    fn sentence(&mut self, start: usize, end: usize) {
        self.sentences.segment(self.from + start, self.from + end);
    }
    #[inline(always)]
    fn plain_sentence(&mut self, start: usize, end: usize) {
        self.sentences
            .plain_segment(self.from + start, self.from + end);
    }
    #[inline(always)]
    fn line(&mut self, start: usize, end: usize) {
        self.sentences.settle(self.tokens);
        self.sentences.line(self.from + start, self.from + end);
    }
}

/// Pushes the words of one UAX #29 word segment `view[start..end]` whose first character
/// is alphanumeric (the splitter gives no other: see `uax29::Sink::GAPS`): one or more
/// (elisions split off). `counts`, when given, is the sum of the `uax29::CODE_COUNTS` of
/// the segment's codes (see `uax29::bounds`): an ASCII word of at most `SHORT` bytes
/// without an apostrophe (most words), or such a word whose characters beyond ASCII are
/// all letters of Latin-1 in lower case (`LOWER_LATIN`: « été », « données »), is then
/// made here, as `short_latin_token` makes it, without reading it again, and any other
/// word is not read again for them. (Kept small, to be inlined in the loops over the
/// segments.)
#[inline(always)]
pub(super) fn push_segment(
    view: &str,
    start: usize,
    end: usize,
    counts: Option<u64>,
    out: &mut Vec<Token>,
) {
    if let Some(counts) = counts
        && end - start <= SHORT
        && (counts >> 24 == 0 || counts & LOWER_LATIN == 0)
    {
        // ASCII (nothing above the 32 bits of the counts), none refused; or no character
        // that lower case changes, none refused, and every one beyond ASCII counted (a
        // letter of Latin-1: NFC, its own lower case).
        push_ascii_token(view, start, end, counts as u32, out);
    } else {
        push_word(view, start, end, counts, out);
    }
}

/// Splits French elisions off a UAX #29 word, then pushes the pieces. (`counts`: the
/// word's summed `BYTE_COUNTS`, when known.)
fn push_word(view: &str, start: usize, end: usize, counts: Option<u64>, out: &mut Vec<Token>) {
    // An ASCII elision of one or two letters and `'` (« l'option », « d'un », « qu'il »:
    // 18,000 words of the PO text, one in twenty-three) is split at once: its apostrophe,
    // the word's first, is found on the second or third byte, where the path below added
    // up the word's counts (`short_latin_token`, which refuses it), then searched it for
    // an apostrophe (`memchr3`, a call) and again by characters.
    let bytes = &view.as_bytes()[start..end];
    let i = match bytes {
        [_, b'\'', _, ..] => 1,
        [_, _, b'\'', _, ..] => 2,
        _ => 0,
    };
    // (A segment starts with an alphanumeric character, so `i` is 0 when nothing was
    // found. An ASCII byte is a character of its own: the prefix is one or two whole
    // characters, and holds no apostrophe (none is a single byte but `'`). An elision's
    // letters are ASCII: `is_elided_prefix` turns away any other prefix.)
    if i > 0 && is_elided_prefix(&view[start..start + i]) {
        // (The counts of the rest, the word's without those of its ASCII elision: as the
        // splitter adds them up, those of ASCII bytes are their `BYTE_COUNTS`.)
        let rest = counts.map(|c| c - byte_counts(&bytes[..=i]));
        push_elided(view, start, start + i + 1, end, '\'', rest, out);
        return;
    }
    // (A word the short path takes has no apostrophe.)
    if let Some(t) = short_latin_token(view, start, end, counts) {
        push_token(out, t);
        return;
    }
    let word = &view[start..end];
    // No apostrophe of any kind (`'`, or ’ ‘ ʼ, whose UTF-8 starts with E2 or CA): the
    // word as it is.
    if memchr::memchr3(b'\'', 0xE2, 0xCA, word.as_bytes()).is_none() {
        push_token(out, make_token(view, start, end));
        return;
    }
    if let Some((i, c)) = word.char_indices().find(|&(_, c)| is_apostrophe(c)) {
        // (Every elided word is ASCII: compared without allocating.)
        let prefix = &word[..i];
        if i + c.len_utf8() < word.len() && is_elided_prefix(prefix) {
            push_elided(view, start, start + i + c.len_utf8(), end, c, None, out);
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
        // (An apostrophe trimmed off, the short path may take the rest.)
        out.push(
            short_latin_token(view, start, end, None)
                .unwrap_or_else(|| make_token(view, start, end)),
        );
    }
}

/// Pushes the elided word `view[start..cut]` (an elision, then `apostrophe`) and the
/// words of the rest of the segment, `view[cut..end]` (not empty). (`counts`: the sum
/// of the `uax29::CODE_COUNTS` of the rest's codes, when known: it is then pushed as a
/// segment of its own, `push_segment`, without reading it again for them.)
#[inline(always)]
fn push_elided(
    view: &str,
    start: usize,
    cut: usize,
    end: usize,
    apostrophe: char,
    counts: Option<u64>,
    out: &mut Vec<Token>,
) {
    push_token(out, elision_token(&view[start..cut], apostrophe, start));
    if counts.is_some() {
        push_segment(view, cut, end, counts, out);
        return;
    }
    // The word after an ASCII elision (« l'option »), ASCII and short itself (most of
    // them), is pushed as `push_segment` pushes it, its norm built in the list: made by
    // `short_latin_token` and pushed, its norm was stored on the stack in pieces and read
    // back in others (failed store forwarding, about a fifth of `push_word`'s samples on
    // the man pages).
    if let Some(rest) = view.as_bytes().get(cut..end).filter(|r| r.len() <= SHORT) {
        let counts = byte_counts(rest);
        if counts >> 24 == 0 {
            // (ASCII, none refused: as `short_latin_token` takes it.)
            push_ascii_token(view, cut, end, counts as u32, out);
            return;
        }
    }
    push_word(view, cut, end, None, out);
}

/// The token of an elided word at `start`: one of `ELISIONS` in any case (ASCII letters),
/// then `apostrophe`, of any kind. It is `make_token`'s: its letters are those of the
/// elision (and « ʼ », a letter), its normalised form the elision in lower case and `'`.
fn elision_token(elided: &str, apostrophe: char, start: usize) -> Token {
    let prefix = &elided[..elided.len() - apostrophe.len_utf8()];
    let bytes = prefix.as_bytes();
    let upper = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
    // (All the letters are capitals when those of the prefix are and « ʼ » is not one of
    // them: a letter, never a capital.)
    let all_caps = upper >= 2 && upper == bytes.len() && !apostrophe.is_alphabetic();
    let mut norm = if apostrophe == '\'' {
        EcoString::from(elided)
    } else {
        let mut norm = EcoString::from(prefix);
        norm.push('\'');
        norm
    };
    norm.make_mut().make_ascii_lowercase();
    Token {
        start: start as u32,
        end: (start + elided.len()) as u32,
        norm,
        sentence: 0,
        capitalized: bytes.first().is_some_and(u8::is_ascii_uppercase),
        all_caps,
        has_upper: upper > 0,
        word: true,
    }
}

/// Tokenises a glossary phrase the way a text is tokenised; returns normalised words.
pub fn tokenize_phrase(phrase: &str) -> Vec<String> {
    tokenize(phrase, 0, phrase.len())
        .into_iter()
        .map(|t| t.norm.into())
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The table's path gives what the general one gives, for every character it takes,
    /// alone and in words.
    #[test]
    fn latin_path_is_the_general_path() {
        let general = |w: &str| {
            let norm = normalize_compact(w);
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let upper = w
                .chars()
                .filter(|c| c.is_alphabetic() && c.is_uppercase())
                .count();
            (
                norm.to_string(),
                norm.chars().any(char::is_alphabetic),
                w.chars().next().is_some_and(char::is_uppercase),
                letters >= 2 && upper == letters,
                w.chars().any(char::is_uppercase),
            )
        };
        let fast = |w: &str| {
            latin_token(w, 0, w.len()).map(|t| {
                (
                    t.norm.to_string(),
                    t.word,
                    t.capitalized,
                    t.all_caps,
                    t.has_upper,
                )
            })
        };
        let mut words: Vec<String> = (0..LATIN_END)
            .filter_map(char::from_u32)
            .map(|c| c.to_string())
            .collect();
        for w in [
            "Élysée", "ÉTÉ", "cœur", "Œuvre", "naïve", "l'été", "ÀÉ1", "Ÿ", "ſ", "µs", "x²",
        ] {
            words.push(w.to_string());
        }
        for w in &words {
            if let Some(f) = fast(w) {
                assert_eq!(f, general(w), "{w:?}");
            }
        }
        assert!(fast("İ").is_none() && fast("l’été").is_none());
    }

    /// Varied text for the fast paths' tests: accents, both apostrophes, non-breaking
    /// spaces, emoji, CJK, combining marks, digits with separators, URLs, line feeds,
    /// abbreviations.
    pub(in crate::document) const VARIED: &str = "L’IA d'approvisionnement, jusqu'à 3,14 ou \
        1.000.000 € (p. ex. M. Dupont) !\nÉTÉ naïve cœur Œuvre ÀÉ1 x² µs ſ İstanbul Ÿ.\n\
        100\u{202F}000 km\u{A0}: « oui » ; 😀 emoji, 中文字 ici, cafe\u{301} et soft\u{AD}hyphen.\n\n\
        Voir https://exemple.fr/a-b?c=1. Microsoft's shares, les développeurs' code_snake \
        aujourd’hui quelqu’un presqu'île l’été ʼx ‘y ⟨fichier⟩ → suite. p. ex. le M. Martin.\r\n\
        Un titre très long: anticonstitutionnellement et ANTICONSTITUTIONNELLEMENT.";

    /// `push_word` as it was, every word through the general path.
    fn reference_push_word(view: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let word = &view[start..end];
        if let Some((i, c)) = word.char_indices().find(|&(_, c)| is_apostrophe(c)) {
            let prefix = &word[..i];
            if i + c.len_utf8() < word.len()
                && ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(prefix))
            {
                let cut = start + i + c.len_utf8();
                out.push(general_token(&view[start..cut], start, cut));
                reference_push_word(view, cut, end, out);
                return;
            }
        }
        let trimmed = word.trim_end_matches(is_apostrophe);
        let trimmed = match trimmed.strip_suffix('s') {
            Some(stem) if stem.ends_with(is_apostrophe) && stem.chars().count() >= 3 => {
                stem.trim_end_matches(is_apostrophe)
            }
            _ => trimmed,
        };
        let end = start + trimmed.len();
        if end > start {
            out.push(general_token(&view[start..end], start, end));
        }
    }

    /// The words of a text from the crate's word boundaries and the general path alone.
    fn reference_tokens(view: &str) -> Vec<Token> {
        use unicode_segmentation::UnicodeSegmentation;
        let mut out = Vec::new();
        for (i, w) in view.split_word_bound_indices() {
            if w.chars().next().is_some_and(char::is_alphanumeric) {
                reference_push_word(view, i, i + w.len(), &mut out);
            }
        }
        out
    }

    #[test]
    fn tokens_are_those_of_the_general_path() {
        assert_eq!(tokenize(VARIED, 0, VARIED.len()), reference_tokens(VARIED));
        // Random words over letters, accents, apostrophes, signs and other scripts.
        let alphabet: Vec<char> = (0u32..0x180)
            .filter_map(char::from_u32)
            .chain("’ʼ‘\u{A0}\u{202F}😀中\u{301}\u{AD}İ→⟨".chars())
            .collect();
        let frequent: Vec<char> = "aeéèçàôœÉÀQZ'’-1,. ".chars().collect();
        let mut rng = crate::testing::Rng::new(0x9E37_79B9_7F4A_7C15);
        let mut next = |m: usize| rng.below(m);
        for _ in 0..50_000 {
            let len = next(30);
            let t: String = (0..len)
                .map(|_| {
                    if next(3) == 0 {
                        alphabet[next(alphabet.len())]
                    } else {
                        frequent[next(frequent.len())]
                    }
                })
                .collect();
            assert_eq!(tokenize(&t, 0, t.len()), reference_tokens(&t), "{t:?}");
            if let Some(fast) = short_latin_token(&t, 0, t.len(), None) {
                assert_eq!(fast, general_token(&t, 0, t.len()), "{t:?}");
            }
        }
    }

    /// `norm_of` (a window of 15 bytes, cut) is the word's own string, for words of 0 to
    /// 20 bytes at every place of random texts, near their end too, before multi-byte
    /// characters or not.
    #[test]
    fn norm_of_is_the_words_string() {
        let mut rng = crate::testing::Rng::new(0xD1B5_4A32_D192_ED03);
        for _ in 0..3_000 {
            let view = rng.string(
                &["a", "B", " ", "é", "’", "中", "😀", "0123456789", "x'"],
                12,
            );
            let bounds: Vec<usize> = (0..=view.len())
                .filter(|&i| view.is_char_boundary(i))
                .collect();
            for (k, &start) in bounds.iter().enumerate() {
                for &end in bounds[k..].iter().take_while(|&&e| e - start <= 20) {
                    let norm = norm_of(&view, start, end);
                    assert_eq!(norm, view[start..end], "{view:?} {start} {end}");
                    assert_eq!(norm.len(), end - start);
                }
            }
        }
    }

    /// A token is 32 bytes (the point of its 32-bit offsets and 16-byte norm).
    #[test]
    fn a_token_is_32_bytes() {
        assert_eq!(std::mem::size_of::<Token>(), 32);
    }

    /// Norms round-trip whether held inline (up to 15 bytes) or not: words of 1 to 40
    /// bytes around the limits (15/16, 24/25 bytes), ASCII or not, capitalised or not,
    /// with each kind of apostrophe, are the general path's, and their norms are
    /// `normalize_word`'s.
    #[test]
    fn norms_of_every_length_are_those_of_the_general_path() {
        let mut rng = crate::testing::Rng::new(0x2545_F491_4F6C_DD1D);
        let letters: Vec<char> = "abcdefghijklmnopqrstuvwxyzABCZéèÉÀçœŒßſİ’'\u{301}"
            .chars()
            .collect();
        for len in 1..=40 {
            for fill in ["a", "A", "é", "É"] {
                // Exactly `len` bytes of one kind (two-byte letters: `len` rounded down).
                let w = fill.repeat(len / fill.len());
                if w.is_empty() {
                    continue;
                }
                let t = tokenize(&w, 0, w.len());
                assert_eq!(t, reference_tokens(&w), "{w:?}");
                assert_eq!(t[0].norm, normalize_word(&w), "{w:?}");
                assert_eq!(t[0].norm.len(), w.len(), "{w:?}");
            }
            for _ in 0..200 {
                let w: String = (0..len)
                    .map(|_| letters[rng.below(letters.len())])
                    .collect();
                assert_eq!(tokenize(&w, 0, w.len()), reference_tokens(&w), "{w:?}");
            }
        }
        // An elision then a word of 15, 16, 24 and 25 bytes.
        for n in [15, 16, 24, 25] {
            let w = format!("L’{}", "É".repeat(n / 2) + &"A".repeat(n % 2));
            assert_eq!(tokenize(&w, 0, w.len()), reference_tokens(&w), "{w:?}");
        }
    }

    /// Words with elisions of every kind (ASCII ones of one or two letters on the short
    /// path of `push_word`), and words that only look like them, are the general path's.
    #[test]
    fn elided_words_are_those_of_the_general_path() {
        let pieces = [
            "l", "D", "qu", "Qu", "QU", "j", "s", "a", "é", "É", "x", "ab", "'", "'", "’", "ʼ",
            "-", "1", " ", "c", "lorsqu", "q",
        ];
        let mut rng = crate::testing::Rng::new(0x3C6E_F372_FE94_F82B);
        for _ in 0..50_000 {
            let t = rng.string(&pieces, 8);
            assert_eq!(tokenize(&t, 0, t.len()), reference_tokens(&t), "{t:?}");
        }
    }

    #[test]
    fn elision_tokens_are_those_of_the_general_path() {
        for e in ELISIONS {
            let cases = [e.to_string(), e.to_uppercase(), {
                let mut c = e.to_string();
                c[..1].make_ascii_uppercase();
                c
            }];
            for prefix in cases {
                for apostrophe in ['\'', '’', 'ʼ', '‘'] {
                    let w = format!("{prefix}{apostrophe}");
                    assert_eq!(
                        elision_token(&w, apostrophe, 0),
                        general_token(&w, 0, w.len()),
                        "{w:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn elided_prefixes_are_the_elisions() {
        let longest = ELISIONS.iter().map(|e| e.len()).max().unwrap_or(0);
        let mut cases: Vec<String> = ELISIONS.iter().map(|e| e.to_string()).collect();
        cases.extend(ELISIONS.iter().map(|e| e.to_uppercase()));
        cases.extend(
            [
                "", "Qu", "qU", "x", "quelque", "jusqu'", "é", "lé", "Lorsqu",
            ]
            .map(String::from),
        );
        for e in ELISIONS {
            for cut in 0..e.len() {
                cases.push(e[..cut].to_string());
                cases.push(format!("{e}{}", &e[..cut]));
            }
        }
        assert!(longest <= 7);
        for p in &cases {
            let expected = ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(p));
            assert_eq!(is_elided_prefix(p), expected, "{p:?}");
        }
    }

    #[test]
    fn short_path_takes_the_words_of_french() {
        for w in [
            "Élysée", "cœur", "ÉTÉ", "naïve", "x²", "abc", "Meta", "3,14",
        ] {
            assert!(short_latin_token(w, 0, w.len(), None).is_some(), "{w}");
        }
        for w in [
            "l'été",
            "aujourd’hui",
            "İ",
            "anticonstitutionnellement",
            "中",
        ] {
            assert!(short_latin_token(w, 0, w.len(), None).is_none(), "{w}");
        }
        for (b, counts) in BYTE_COUNTS.iter().enumerate() {
            let expected = latin_table()
                .get(b)
                .filter(|_| b < 0x80)
                .map_or(BEYOND_ASCII | NOT_COUNTED, |e| e.counts.into());
            assert_eq!(*counts, expected, "{b}");
        }
        // Lowering keeps the length of every character of the table (the buffer is the
        // word's size).
        for (u, e) in latin_table().iter().enumerate() {
            let c = char::from_u32(u as u32).expect("below U+0180");
            assert!(
                e.lower == '\0' || e.lower.len_utf8() == c.len_utf8(),
                "{c:?}"
            );
        }
    }

    fn norms(s: &str) -> Vec<String> {
        tokenize(s, 0, s.len())
            .into_iter()
            .map(|t| t.norm.into())
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
        assert_eq!(&s[t[2].start()..t[2].end()], "l’");
        assert_eq!(&s[t[3].start()..t[3].end()], "IA");
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
