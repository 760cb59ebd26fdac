/*! What the typography and locale-convention rules share: the French variant, the kinds of
space, and a `Prose` view of a document that tells which lines are code (a C snippet, a shell
session, a JSON sample left unmasked in a plain-text file) and which sentences are English,
so that French conventions are judged on French prose only. Not a rule. */

use crate::document::{BARRIER, Document, LineIndex};
use regex::Regex;
use std::sync::LazyLock;

pub use crate::config::Variant;

/// A non-breaking space: U+00A0, the narrow U+202F, or the figure space U+2007.
pub fn is_nb_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}')
}

/// White space on one line that a line may break at (space, tab, thin space...).
pub fn is_breaking_space(c: char) -> bool {
    c != '\n' && c != '\r' && c.is_whitespace() && !is_nb_space(c)
}

/// The character that stands for masked content (code, URL) in `Prose::before`/`after`.
pub const BARRIER_CHAR: char = BARRIER as char;

/// Variant names as users write them, for messages.
pub fn variant_name(v: Variant) -> &'static str {
    match v {
        Variant::FrFr => "fr-FR",
        Variant::FrCa => "fr-CA",
        Variant::FrCh => "fr-CH",
        Variant::FrBe => "fr-BE",
    }
}

/// How far back or forward masked markup (`**`, a PO string's `"\n"`) is looked through.
const MAX_MASKED_SKIP: usize = 16;

/// A document seen by the typography rules.
pub struct Prose<'a> {
    pub doc: &'a Document,
    lines: std::sync::Arc<ProseLines>,
    /// The text already uses the narrow non-breaking space U+202F somewhere.
    pub uses_narrow: bool,
}

/// What `Prose` knows of each line: computed once per document and shared by every
/// typography rule (`Document::memo`).
struct ProseLines {
    /// Per line, its `LINE_*` bits: one byte pushed per line by the pass, where four lists
    /// of booleans took four pushes (and a fifth list, of « clé: valeur » lines, for the
    /// listings).
    flags: Vec<u8>,
    /// Per sentence: true when it is English.
    english: Vec<bool>,
    /// See `Prose::spacing_signs`.
    signs: Vec<usize>,
    /// See `Prose::numeric_runs`.
    numeric_runs: Vec<(usize, usize)>,
    /// Per numeric run, its `RUN_*` bits (`run_facts`).
    run_facts: Vec<u8>,
    /// The text uses the narrow non-breaking space U+202F somewhere (see `Prose`).
    uses_narrow: bool,
}

/// `ProseLines::flags`: the line looks like code (`is_code_line`).
const LINE_CODE: u8 = 1;
/// It holds more digits than letters (`LineScan::is_numeric`).
const LINE_NUMERIC: u8 = 2;
/// It is a « clé: valeur » line (`is_key_value`).
const LINE_KEYED: u8 = 4;
/// It is part of a listing: a keyed line next to another.
const LINE_LISTING: u8 = 8;
/// It holds a placeholder (`has_placeholder`).
const LINE_PLACEHOLDER: u8 = 16;

/// `Prose::numeric_runs_with_facts`: the run holds a « . ».
pub const RUN_POINT: u8 = 1;
/// It holds a « % ».
pub const RUN_PERCENT: u8 = 2;
/// It holds a byte from C4 on, a character from U+0100 on: its digits may not all be ASCII
/// (without one, `digits_are_ascii` says yes).
pub const RUN_FROM_C4: u8 = 4;
/// It holds a byte beyond ASCII.
pub const RUN_BEYOND_ASCII: u8 = 8;
/// It holds four ASCII digits or more.
pub const RUN_FOUR_DIGITS: u8 = 16;
/// An ASCII digit is followed by an ASCII letter or by C2 (the first byte of « µ », « ° »).
pub const RUN_DIGIT_LETTER: u8 = 32;

/// `RUN_BYTE`: an ASCII digit.
const BYTE_DIGIT: u8 = 64;
/// `RUN_BYTE`: an ASCII letter or C2, which `RUN_DIGIT_LETTER` looks for after a digit (the
/// bit of `BYTE_DIGIT`, shifted by one).
const BYTE_AFTER_DIGIT: u8 = BYTE_DIGIT << 1;

/// Per byte, the `RUN_*` bits it gives a run, and its `BYTE_*` bits.
static RUN_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_digit() {
            BYTE_DIGIT
        } else if c.is_ascii_alphabetic() {
            BYTE_AFTER_DIGIT
        } else if c == b'.' {
            RUN_POINT
        } else if c == b'%' {
            RUN_PERCENT
        } else if c == 0xC2 {
            RUN_BEYOND_ASCII | BYTE_AFTER_DIGIT
        } else if c >= 0xC4 {
            RUN_BEYOND_ASCII | RUN_FROM_C4
        } else if c >= 0x80 {
            RUN_BEYOND_ASCII
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The `RUN_*` bits of the numeric run `run`, in one pass over its bytes, one table look-up
/// a byte: the number rules asked their questions of every run (25,000 on the man pages),
/// each with a pass or a search of its own.
fn run_facts(run: &[u8]) -> u8 {
    let (mut seen, mut pair, mut digits, mut digit) = (0u8, 0u8, 0u32, 0u8);
    for &b in run {
        let t = RUN_BYTE[usize::from(b)];
        seen |= t;
        pair |= (digit << 1) & t;
        digit = t & BYTE_DIGIT;
        digits += u32::from(digit >> 6);
    }
    (seen & (RUN_POINT | RUN_PERCENT | RUN_FROM_C4 | RUN_BEYOND_ASCII))
        | if digits >= 4 { RUN_FOUR_DIGITS } else { 0 }
        | if pair != 0 { RUN_DIGIT_LETTER } else { 0 }
}

impl<'a> Prose<'a> {
    pub fn new(doc: &'a Document) -> Prose<'a> {
        let lines: std::sync::Arc<ProseLines> = doc
            .memo
            .get_or_init(|| crate::timing::time("prose-lines", || ProseLines::new(doc)));
        Prose {
            doc,
            uses_narrow: lines.uses_narrow,
            lines,
        }
    }
}

impl ProseLines {
    fn new(doc: &Document) -> ProseLines {
        let n = doc.lines.len();
        let mut flags = Vec::with_capacity(n);
        // One pass over the view's bytes gathers, line by line, what every test below needs
        // (digit and symbol counts, code markers, the signs the regexes require); a regex
        // only runs on a line holding a character it needs, and is not even built for a
        // text without one.
        let mut signs = Vec::new();
        let mut runs = Runs::default();
        LineScan::each(&doc.view, &doc.lines, &mut signs, &mut runs, |l, scan| {
            let facts = scan.facts(&doc.view, &doc.lines, l);
            flags.push(
                if facts.code { LINE_CODE } else { 0 }
                    | if facts.numeric { LINE_NUMERIC } else { 0 }
                    | if facts.keyed { LINE_KEYED } else { 0 }
                    | if facts.placeholder {
                        LINE_PLACEHOLDER
                    } else {
                        0
                    },
            );
        });
        // Two neighbouring « clé: valeur » lines make a listing (program output, a
        // configuration file), not prose.
        let keyed = |i: usize| flags.get(i).is_some_and(|f| f & LINE_KEYED != 0);
        let listing: Vec<usize> = (0..flags.len())
            .filter(|&i| keyed(i) && ((i > 0 && keyed(i - 1)) || keyed(i + 1)))
            .collect();
        for i in listing {
            flags[i] |= LINE_LISTING;
        }
        ProseLines {
            flags,
            english: english_sentences(doc),
            signs,
            numeric_runs: runs.bounds,
            run_facts: runs.facts,
            // (Once per document, found by the line pass: every typography rule asked, and
            // searching for a string set up a searcher each time, 6,000 instructions a small
            // file; a search of its own read the whole view again, 0.4 ms of the PO text,
            // whose first U+202F is near its end.)
            uses_narrow: runs.narrow,
        }
    }
}

impl<'a> Prose<'a> {
    /// Whether line `line` has the `LINE_*` bit `bit`.
    fn line_has(&self, line: usize, bit: u8) -> bool {
        self.lines.flags.get(line).is_some_and(|f| f & bit != 0)
    }

    /// True when the line holding `offset` looks like code, not prose.
    pub fn is_code_at(&self, offset: usize) -> bool {
        self.line_has(self.doc.lines.line_of(offset), LINE_CODE)
    }

    /// True when the 0-based line `line` looks like code (`is_code_at` for a rule that
    /// counts lines as it goes).
    pub fn line_is_code(&self, line: usize) -> bool {
        self.line_has(line, LINE_CODE)
    }

    /// True when the line holding `offset` holds more digits than letters: a table, a
    /// program's output (« 8K... 16K- : 810 1979 0.7% »).
    pub fn is_numeric_at(&self, offset: usize) -> bool {
        self.line_has(self.doc.lines.line_of(offset), LINE_NUMERIC)
    }

    /// True when the line holding `offset` is part of a listing of « clé: valeur » lines.
    pub fn is_listing_at(&self, offset: usize) -> bool {
        self.line_has(self.doc.lines.line_of(offset), LINE_LISTING)
    }

    /// True when the 0-based line `line` is part of a listing (`is_listing_at` for a rule
    /// that knows the line).
    pub fn line_is_listing(&self, line: usize) -> bool {
        self.line_has(line, LINE_LISTING)
    }

    /// True when the line holding `offset` holds a placeholder (`%s`, `{name}`, `%1`): a
    /// program's message, whose format the translation may have to keep.
    pub fn has_placeholder_at(&self, offset: usize) -> bool {
        self.line_has(self.doc.lines.line_of(offset), LINE_PLACEHOLDER)
    }

    /// The offsets of the view's « : ; ! ? », and of its « , » and « . » that follow a
    /// space, a tab, a vertical tab, a form feed or a byte beyond ASCII (which may end a
    /// breaking space), in order: the signs written in ASCII that `punctuation-spacing`
    /// may judge (the other « , » and « . », nearly all, follow a letter). Gathered by the
    /// pass over the lines, which reads these bytes anyway, where a search for them stopped
    /// every fifty bytes; and the offsets of the view's « and » (their first byte, C2),
    /// which the pass visits as bytes that may start a numeric character, where the rule
    /// searched the text for C2 (30,966 of them in the PO text, most of them no-break
    /// spaces) and read the view's byte of each quote to tell it visible. (The view's signs
    /// are the text's visible ones: masking writes spaces and barriers only.)
    pub fn spacing_signs(&self) -> &[usize] {
        &self.lines.signs
    }

    /// The index of the sentence holding `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let s = &self.doc.sentences;
        let i = s.partition_point(|x| x.start <= offset);
        (i > 0 && sentence_holds(&s[i - 1], offset)).then(|| i - 1)
    }

    /// True when the sentence holding `offset` is English (untranslated text, a quotation).
    pub fn is_english_at(&self, offset: usize) -> bool {
        self.sentence_at(offset)
            .is_some_and(|s| self.lines.english.get(s) == Some(&true))
    }

    /// True when the judged byte is French prose: not code, not English.
    pub fn is_french_prose_at(&self, offset: usize) -> bool {
        !self.is_code_at(offset) && !self.is_english_at(offset)
    }

    /// A `Prose` to ask `is_french_prose_at` of offsets in increasing order (see `InOrder`).
    pub fn in_order(&self) -> InOrder<'_, 'a> {
        InOrder {
            prose: self,
            line: 0,
            sentence: 0,
        }
    }

    /// True when every byte of `start..end` is shown as written (nothing masked) and the
    /// place is French prose (not code, not English): where the typography rules judge.
    pub fn is_visible_french(&self, start: usize, end: usize) -> bool {
        (start..end).all(|i| self.visible(i)) && self.is_french_prose_at(start)
    }

    /// True when the byte at `i` is shown as it is written (not masked).
    pub fn visible(&self, i: usize) -> bool {
        self.doc.text.as_bytes().get(i) == self.doc.view.as_bytes().get(i)
    }

    /// The character before offset `i` as a reader sees it: masked markup is looked
    /// through (a few bytes at most), masked content gives `BARRIER_CHAR`.
    pub fn before(&self, i: usize) -> Option<(usize, char)> {
        let (text, view) = (&self.doc.text, self.doc.view.as_bytes());
        let mut skipped = 0;
        for (p, c) in text[..i].char_indices().rev() {
            if view[p] == BARRIER {
                return Some((p, BARRIER_CHAR));
            }
            if self.visible(p) {
                return Some((p, c));
            }
            skipped += c.len_utf8();
            if skipped > MAX_MASKED_SKIP {
                return None;
            }
        }
        None
    }

    /// The character at offset `i` as a reader sees it (masked markup looked through).
    pub fn at(&self, i: usize) -> Option<(usize, char)> {
        let (text, view) = (&self.doc.text, self.doc.view.as_bytes());
        let mut skipped = 0;
        for (p, c) in text[i..].char_indices().map(|(p, c)| (p + i, c)) {
            if view[p] == BARRIER {
                return Some((p, BARRIER_CHAR));
            }
            if self.visible(p) {
                return Some((p, c));
            }
            skipped += c.len_utf8();
            if skipped > MAX_MASKED_SKIP {
                return None;
            }
        }
        None
    }

    /// The character after the one at offset `i`.
    pub fn after(&self, i: usize) -> Option<(usize, char)> {
        let c = self.doc.text[i..].chars().next()?;
        self.at(i + c.len_utf8())
    }

    /// The non-breaking space a fix inserts: the narrow one when the variant asks for it
    /// (`narrow_due`) or when the text already uses it, U+00A0 otherwise.
    pub fn nb_space(&self, narrow_due: bool) -> char {
        if narrow_due || self.uses_narrow {
            '\u{202F}'
        } else {
            '\u{A0}'
        }
    }

    /// The word that ends right before offset `end` (visible, non-space characters).
    pub fn word_before(&self, end: usize) -> &'a str {
        let text = &self.doc.text[..end];
        let start = text
            .char_indices()
            .rev()
            .take_while(|&(p, c)| !c.is_whitespace() && self.visible(p))
            .last()
            .map_or(end, |(p, _)| p);
        &self.doc.text[start..end]
    }

    /// The word that starts at offset `start`.
    pub fn word_at(&self, start: usize) -> &'a str {
        let text = &self.doc.text[start..];
        let len = text
            .char_indices()
            .take_while(|&(p, c)| !c.is_whitespace() && self.visible(start + p))
            .last()
            .map_or(0, |(p, c)| p + c.len_utf8());
        &text[..len]
    }
}

/// True when `offset`, not before the sentence's start, is inside it (an empty sentence
/// holds its start): `Prose::sentence_at` and `InOrder` find sentences the same way.
fn sentence_holds(s: &crate::document::Sentence, offset: usize) -> bool {
    offset < s.end.max(s.start + 1)
}

/// `Prose::is_french_prose_at` for a rule that asks it of offsets in increasing order (of
/// every apostrophe of a text): the line and the sentence are followed from one offset to
/// the next, a step or two, where each was searched for, some thirty steps.
pub struct InOrder<'p, 'a> {
    prose: &'p Prose<'a>,
    /// The line of the offset asked last.
    line: usize,
    /// The number of sentences that start at or before the offset asked last.
    sentence: usize,
}

impl InOrder<'_, '_> {
    /// `Prose::is_french_prose_at(offset)`, for an offset not before the one asked last.
    pub fn is_french_prose_at(&mut self, offset: usize) -> bool {
        let doc = self.prose.doc;
        while self.line + 1 < doc.lines.len() && doc.lines.line_start(self.line + 1) <= offset {
            self.line += 1;
        }
        let english = self.is_english_at(offset);
        !self.prose.line_is_code(self.line) && !english
    }

    /// `Prose::is_english_at(offset)`, for an offset not before the one asked last: the
    /// sentences are walked in order, where `Prose::sentence_at` bisects them (a bisection per
    /// sign of `punctuation-spacing` missed the caches on its last steps: 0.7 ms of the man
    /// pages).
    pub fn is_english_at(&mut self, offset: usize) -> bool {
        let s = &self.prose.doc.sentences;
        while self.sentence < s.len() && s[self.sentence].start <= offset {
            self.sentence += 1;
        }
        // (As `sentence_at`: the last sentence that starts at or before `offset`, when it
        // holds it.)
        self.sentence.checked_sub(1).is_some_and(|k| {
            sentence_holds(&s[k], offset) && self.prose.lines.english.get(k) == Some(&true)
        })
    }
}

/// The runs of the view between ASCII white space (space, tab, line ends) that hold a
/// numeric character, by a pass of their own: the reference of the test for those that
/// `LineScan::each` finds on its way (`note_numeric`).
#[cfg(test)]
struct NumericRuns(Vec<(usize, usize)>);

#[cfg(test)]
impl NumericRuns {
    fn new(view: &str) -> NumericRuns {
        let bytes = view.as_bytes();
        let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        let mut runs = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            // Straight to the next byte that may start a numeric character.
            match next_may_start_numeric(bytes, i) {
                Some(k) => i = k,
                None => break,
            }
            if !numeric_at(view, i) {
                i += 1;
                continue;
            }
            // (The previous run ends on white space before `i`: runs never overlap.)
            let start = bytes[..i].iter().rposition(is_space).map_or(0, |p| p + 1);
            let end = bytes[i..]
                .iter()
                .position(is_space)
                .map_or(bytes.len(), |p| i + p);
            runs.push((start, end));
            i = end;
        }
        NumericRuns(runs)
    }
}

/// Eight bytes read as one number (little-endian): the high bit of each byte, and a 1 in
/// each byte.
const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// Per byte of the eight of `x`, the high bit of: an ASCII byte from `lo` to `hi`. (Sums of
/// seven-bit values: no carry crosses a byte.)
fn ascii_within(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & !HIGH;
    (low + ONES * u64::from(0x80 - lo)) & !(low + ONES * u64::from(0x7F - hi)) & !x & HIGH
}

/// The first byte from `from` on that may start a numeric character (`MAY_START_NUMERIC`).
/// Sixteen bytes at a time, without early exit inside a block (the compiler tests a block
/// with a few vector instructions): a block without an ASCII digit, a C2 or a byte from C4
/// up (letters, accented or not, spaces, signs) is passed over whole.
#[cfg(test)]
fn next_may_start_numeric(bytes: &[u8], mut from: usize) -> Option<usize> {
    let may = |b: u8| b.is_ascii_digit() | (b == 0xC2) | (b >= 0xC4);
    while let Some(block) = bytes.get(from..from + 16) {
        if block.iter().fold(false, |m, &b| m | may(b))
            && let Some(k) = block.iter().position(|&b| MAY_START_NUMERIC[b as usize])
        {
            return Some(from + k);
        }
        from += 16;
    }
    bytes[from..]
        .iter()
        .position(|&b| MAY_START_NUMERIC[b as usize])
        .map(|k| from + k)
}

/// Two increasing sequences of offsets merged into one, in increasing order: a rule that
/// looks for several bytes with several memchr searches.
pub fn merged(
    a: impl Iterator<Item = usize>,
    b: impl Iterator<Item = usize>,
) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// The offsets of the character `c` (of two bytes or more) in `bytes`, valid UTF-8, in
/// order: what `memchr::memmem::find_iter` finds, by a memchr search for the character's
/// last byte, checked on the bytes before it (a continuation byte ends one character
/// only). The last bytes of « “ », « … », « € » and « £ » (9C, A6, AC, A3) are rare in
/// French text: 220, 37, 47 and 33 times in the 4 MB of man pages, where memmem's
/// prefilter stopped at their lead bytes (E2: the 32,000 box drawings, quotes and dashes),
/// about 1.1 M instructions a search over them.
pub fn char_offsets(bytes: &[u8], c: char) -> impl Iterator<Item = usize> + '_ {
    let mut buf = [0u8; 4];
    let n = c.encode_utf8(&mut buf).len();
    debug_assert!(n >= 2, "{c:?} is ASCII");
    memchr::memchr_iter(buf[n - 1], bytes)
        .filter(move |&i| i + 1 >= n && bytes[i + 1 - n..i] == buf[..n - 1])
        .map(move |i| i + 1 - n)
}

/// The start and end of the line of `text` holding byte `at` (its line feed left out): a
/// rule that runs a regex on the lines that may hold a match.
pub fn line_around(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    (start, end)
}

/// The bytes `numeric_at` may say yes to: a loop over a text of letters tests one table
/// entry a byte.
static MAY_START_NUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = may_start_numeric(b as u8);
        b += 1;
    }
    table
};

/// The bytes that may start a numeric character (`numeric_at`), for other tables.
pub const fn may_start_numeric(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | 0xC2 | 0xC4..)
}

/// True when a numeric character (`char::is_numeric`) starts at byte `i` of `text`.
/// Characters are decoded only where a numeric one may be: U+0080 to U+00FF (lead bytes C2
/// and C3) have no numeric character but ², ³, ¹ and ¼ to ¾ (C2 B2, B3, B9, BC to BE),
/// U+2000 to U+2FFF (lead byte E2) none outside a few blocks (E2 80 is the typographic
/// spaces, quotes, dashes and the ellipsis of French text), and a continuation byte starts
/// no character.
#[inline]
pub fn numeric_at(text: &str, i: usize) -> bool {
    // (The table inline, in the loops over every byte; the rest out of line.)
    MAY_START_NUMERIC[text.as_bytes()[i] as usize] && numeric_char_at(text, i)
}

fn numeric_char_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    match b[i] {
        b'0'..=b'9' => true,
        0xC2 => matches!(b.get(i + 1), Some(0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE)),
        // (U+2000 to U+2FFF, lead byte E2: the second byte says which 64 characters; the
        // numeric ones are in the blocks of 81, 82 (super- and subscripts), 85, 86 (number
        // forms), 91 to 93 (enclosed numbers), 9D, 9E (dingbat numbers) and B3 (Coptic).
        // The others, the box drawing of the man pages' tables (E2 94, 24,000 times there)
        // among them, are turned away without decoding.)
        0xE2 if !matches!(
            b.get(i + 1),
            Some(0x81 | 0x82 | 0x85 | 0x86 | 0x91..=0x93 | 0x9D | 0x9E | 0xB3)
        ) =>
        {
            false
        }
        0xC4.. => text[i..].chars().next().is_some_and(char::is_numeric),
        _ => false,
    }
}

impl<'a> Prose<'a> {
    /// The runs of the view between ASCII white space that hold a numeric character, as
    /// (offset, text). A regex whose every match holds a digit (`\d`, which
    /// `char::is_numeric` takes in) and no white space matches only inside these runs,
    /// and, without look-around (`\b`, `^`), the same in a run searched alone as in the
    /// whole view: searching the runs in order finds what `find_iter` over the view finds,
    /// without reading the rest of the text.
    ///
    /// (Found by the pass of `ProseLines`, which looks at every ASCII digit already, and at
    /// the few bytes beyond ASCII that may start a numeric character: a pass of their own,
    /// 16 bytes at a time, took 11.8 M instructions on the man pages.)
    pub fn numeric_runs(&self) -> impl Iterator<Item = (usize, &'a str)> + use<'a> {
        let view = &self.doc.view;
        let lines = std::sync::Arc::clone(&self.lines);
        (0..lines.numeric_runs.len()).map(move |k| {
            let (s, e) = lines.numeric_runs[k];
            (s, &view[s..e])
        })
    }

    /// The runs of `numeric_runs` with their `RUN_*` bits, as (start, end, bits): a rule
    /// turns most runs away on their bits, before it takes their text.
    pub fn numeric_runs_with_facts(&self) -> impl Iterator<Item = (usize, usize, u8)> + '_ {
        let lines = &self.lines;
        lines
            .numeric_runs
            .iter()
            .zip(&lines.run_facts)
            .map(|(&(s, e), &facts)| (s, e, facts))
    }

    /// The runs of `numeric_runs` as (start, end) offsets of the view, for a rule that
    /// reads their bytes in a loop of its own.
    pub fn numeric_run_bounds(&self) -> &[(usize, usize)] {
        &self.lines.numeric_runs
    }

    /// The matches of `re` in the view, as (start, end), as `find_iter` over the view finds
    /// them, for a regex whose every match holds a digit and no white space (see
    /// `numeric_runs`): only the runs for which `may` is true, those that may hold a match,
    /// are searched: those with one of the `RUN_*` bits of `need`, for which `may`, asked
    /// with the run's bits, says yes. A run whose digits are all ASCII (`digits_are_ascii`),
    /// nearly every one, is searched by `by_hand`, written to find what the regex finds
    /// there; the regex is built and run only for the others.
    pub fn numeric_matches(
        &self,
        re: &'static LazyLock<Regex>,
        need: u8,
        may: impl Fn(&str, u8) -> bool,
        by_hand: AsciiSearch,
    ) -> std::vec::IntoIter<(usize, usize)> {
        // (Gathered in one loop: an iterator chaining the two searches of each run cost more
        // than the searches. The bits turn a run away before its text is taken.)
        let view = self.doc.view.as_str();
        let mut found = Vec::new();
        for (base, end, facts) in self.numeric_runs_with_facts() {
            if facts & need == 0 {
                continue;
            }
            let run = &view[base..end];
            if !may(run, facts) {
                continue;
            }
            if facts & RUN_FROM_C4 == 0 || digits_are_ascii(run) {
                found.extend(
                    ascii_matches(run.as_bytes(), by_hand).map(|(s, e)| (base + s, base + e)),
                );
            } else {
                found.extend(
                    re.find_iter(run)
                        .map(|m| (base + m.start(), base + m.end())),
                );
            }
        }
        found.into_iter()
    }
}

/// A regex of the number rules written by hand for a run whose digits are all ASCII: the
/// first match in `run` that starts at or after byte `from`, as (start, end), the one the
/// regex's `find_at` gives.
pub type AsciiSearch = fn(run: &[u8], from: usize) -> Option<(usize, usize)>;

/// Every match of `search` in `run`, in order, each search starting where the last match
/// ended (as `find_iter`; no regex of these rules matches the empty string).
pub fn ascii_matches(run: &[u8], search: AsciiSearch) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let (s, e) = search(run, from)?;
        from = e;
        Some((s, e))
    })
}

/// True when every digit of the regexes (`\d`, a Unicode decimal digit, which is numeric)
/// in `run` is an ASCII one: no character of `run` from U+0100 on is numeric (Latin-1 has
/// no other decimal digit: « ² », « ½ » are numeric, not digits). Characters are decoded
/// only in a run with a byte from C4 on (a character from U+0100 on: « ’ », « … »).
pub fn digits_are_ascii(run: &str) -> bool {
    run.bytes().all(|b| b < 0xC4) || !run.chars().any(|c| c > '\u{FF}' && c.is_numeric())
}

/// The end of the run of ASCII digits that starts at byte `i` of `bytes` (`i` itself when
/// there is none).
pub fn ascii_digits_end(bytes: &[u8], i: usize) -> usize {
    i + bytes.get(i..).map_or(0, |rest| {
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    })
}

/// The first answer of `at_run` for the runs of ASCII digits of `bytes` from `from`, each
/// asked at its start, in order. A regex match of a number starts a run of digits (from
/// inside one, it would end where one from its start ends), and the search goes on after a
/// run that gives none.
pub fn first_at_digit_runs<T>(
    bytes: &[u8],
    from: usize,
    mut at_run: impl FnMut(usize) -> Option<T>,
) -> Option<T> {
    let mut i = from;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        if let Some(found) = at_run(i) {
            return Some(found);
        }
        i = ascii_digits_end(bytes, i);
    }
    None
}

/// The end of the ASCII number that starts at byte `i` of `bytes`: its digits, then a
/// decimal part when one follows (a point or a comma, and a digit).
pub fn ascii_decimal_end(bytes: &[u8], i: usize) -> usize {
    let digits = ascii_digits_end(bytes, i);
    if matches!(bytes.get(digits), Some(b'.' | b','))
        && bytes.get(digits + 1).is_some_and(u8::is_ascii_digit)
    {
        ascii_digits_end(bytes, digits + 1)
    } else {
        digits
    }
}

/// Placeholders of program messages: printf (`%s`, `%-5.2lf`, `%<PRIx64>`), Python
/// (`%(name)s`, `{name}`), Qt (`%1`), shell (`$1`, `${x}`), `top` (`~1`).
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"%[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[sdiuxXfFeEgGcpaon]|%<PRI\w+>|%\(\w+\)[sdifr]|%\d|\{\w*\}|\$\{?\w+\}?|~\d",
    )
    .expect("valid regex")
});

/// True when `line` holds a match of `PLACEHOLDER`. Found by `placeholder_at` at each
/// sign, on the line's bytes; the regex (which takes 10 M instructions to build) runs only
/// on a line where a character beyond ASCII stands where `\d` or `\w` is asked of it and
/// the standard library cannot tell (a digit of another script, a combining mark).
///
/// The signs are found with memchr, « % { $ » first and « ~ » (rare) only when none of
/// them makes a match: whatever their order, the answer is the same (a match found, or
/// every sign tried, `unsure` set by the same ones). (Looked for byte by byte, they were
/// 40 % of the per-line facts' time on the PO text, whose lines hold a « %s » in three of
/// eight.)
fn has_placeholder(line: &str) -> bool {
    let mut unsure = false;
    let b = line.as_bytes();
    let found = memchr::memchr3_iter(b'%', b'{', b'$', b)
        .any(|i| placeholder_at(line, i, &mut unsure))
        || memchr::memchr_iter(b'~', b).any(|i| placeholder_at(line, i, &mut unsure));
    found || (unsure && PLACEHOLDER.is_match(line))
}

/// True when a match of `PLACEHOLDER` starts at byte `i` of `s` (a sign), each character
/// judged by `digit_at` and `word_at`; `unsure` is set when one could not be judged and
/// might have made a match.
fn placeholder_at(s: &str, i: usize, unsure: &mut bool) -> bool {
    let b = s.as_bytes();
    let at = |j: usize| b.get(j).copied().unwrap_or(0);
    match b[i] {
        // `~\d`
        b'~' => digit_at(s, i + 1, unsure),
        // `\$\{?\w+\}?`: a word character after « $ » or « ${ ».
        b'$' => {
            let j = if at(i + 1) == b'{' { i + 2 } else { i + 1 };
            word_run(s, i + 1, unsure).is_some_and(|end| end > i + 1)
                || (j > i + 1 && word_run(s, j, unsure).is_some_and(|end| end > j))
        }
        // `\{\w*\}`
        b'{' => word_run(s, i + 1, unsure).is_some_and(|end| at(end) == b'}'),
        _ => {
            let conversion = |j: usize| b"sdiuxXfFeEgGcpaon".contains(&at(j));
            let length = |j: usize| match (at(j), at(j + 1)) {
                (b'h', b'h') | (b'l', b'l') => conversion(j + 2) || conversion(j + 1),
                (b'h' | b'l' | b'L' | b'q' | b'j' | b'z' | b't', _) => conversion(j + 1),
                _ => false,
            };
            // « %s », « %d », « %lu », most of them: a conversion, or a length and a
            // conversion, right after the « % » (no flag, width or precision) is a match
            // of the last form below, answered before the other forms and the flags are
            // looked for (the byte after « % », ASCII, leaves `unsure` as it is). (214
            // instructions a sign on the PO text, whose lines hold a « %s » in three of
            // eight.)
            if conversion(i + 1) || length(i + 1) {
                return true;
            }
            // `%\d`, `%<PRI\w+>`, `%\(\w+\)[sdifr]`
            if digit_at(s, i + 1, unsure)
                || (b[i + 1..].starts_with(b"<PRI")
                    && word_run(s, i + 5, unsure).is_some_and(|end| end > i + 5 && at(end) == b'>'))
                || (at(i + 1) == b'('
                    && word_run(s, i + 2, unsure).is_some_and(|end| {
                        end > i + 2 && at(end) == b')' && b"sdifr".contains(&at(end + 1))
                    }))
            {
                return true;
            }
            // `%[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[sdiuxXfFeEgGcpaon]`: the
            // flags and the width reach every place from after « % » to the end of the
            // digits that follow the flags (« 0 » is both), the precision every place
            // after its point; a conversion may follow any of them.
            let flags = i
                + 1
                + b[i + 1..]
                    .iter()
                    .take_while(|&&x| b"-+ #0".contains(&x))
                    .count();
            let width = digit_run(s, flags, unsure);
            let precision = if at(width) == b'.' && digit_at(s, width + 1, unsure) {
                digit_run(s, width + 1, unsure)
            } else {
                width
            };
            (i + 1..=precision)
                .filter(|&j| j <= width || j >= width + 2)
                .any(|j| conversion(j) || length(j))
        }
    }
}

/// Whether the character at byte `j` of `s` is a `\d` of the regexes. A numeric character
/// beyond Latin-1 may be one or not (not every one is a decimal digit; those of Latin-1,
/// « ² » or « ½ », are not): `unsure` is set, and it is taken for none.
fn digit_at(s: &str, j: usize, unsure: &mut bool) -> bool {
    match s.as_bytes().get(j) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_digit(),
        Some(_) => {
            *unsure |= s[j..]
                .chars()
                .next()
                .is_some_and(|c| c > '\u{FF}' && c.is_numeric());
            false
        }
    }
}

/// The end of the run of ASCII digits from byte `j` of `s`; `unsure` is set when the
/// character after it may be a digit.
fn digit_run(s: &str, j: usize, unsure: &mut bool) -> usize {
    let end = j + s.as_bytes()[j.min(s.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    digit_at(s, end, unsure);
    end
}

/// Whether `c` is a word character (`\w`) of the regexes, where the standard library can
/// tell: ASCII letters, digits and « _ », and the letters of Latin-1 and the Latin Extended
/// blocks are; white space is not, nor the other characters of these blocks and of the
/// General Punctuation block (U+2000 to U+206F: dashes, quotes, « … ») but its joiners and
/// connectors. `None` for the others (a letter, a mark or a digit of another script).
pub fn word_char(c: char) -> Option<bool> {
    if c.is_ascii() {
        Some(c.is_ascii_alphanumeric() || c == '_')
    } else if c <= '\u{24F}' {
        // (Latin-1 and the Latin Extended blocks, whose word characters are all letters:
        // beyond, the standard library may know letters newer than the regexes' tables.)
        Some(c.is_alphabetic())
    } else if c.is_whitespace() {
        Some(false)
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        Some(matches!(
            c,
            '\u{200C}' | '\u{200D}' | '\u{203F}' | '\u{2040}' | '\u{2054}'
        ))
    } else {
        None
    }
}

/// The end of the run of word characters (`word_char`) from byte `j` of `s`; `None` (and
/// `unsure` set) at a character that may be one or not.
fn word_run(s: &str, j: usize, unsure: &mut bool) -> Option<usize> {
    let mut end = j.min(s.len());
    for c in s[end..].chars() {
        match word_char(c) {
            Some(true) => end += c.len_utf8(),
            Some(false) => break,
            None => {
                *unsure = true;
                return None;
            }
        }
    }
    Some(end)
}

/// Scale words of amounts (« 5,5 milliards »).
pub const SCALE_WORDS: &[&str] = &[
    "millier",
    "milliers",
    "million",
    "millions",
    "milliard",
    "milliards",
    "billion",
    "billions",
    "trillion",
    "trillions",
];

/// Currencies written out (« 65 dollars »).
pub const CURRENCY_WORDS: &[&str] = &[
    "dollar",
    "dollars",
    "euro",
    "euros",
    "yen",
    "yens",
    "yuan",
    "yuans",
    "franc",
    "francs",
    "livre",
    "livres",
    "roupie",
    "roupies",
    "bitcoin",
    "bitcoins",
    "won",
    "wons",
    "rouble",
    "roubles",
    "couronne",
    "couronnes",
    "peso",
    "pesos",
];

/// Things counted in amounts of thousands (« 65 000 personnes »).
pub const COUNT_NOUNS: &[&str] = &[
    "personnes",
    "habitants",
    "employés",
    "salariés",
    "emplois",
    "postes",
    "utilisateurs",
    "clients",
    "abonnés",
    "visiteurs",
    "lecteurs",
    "élèves",
    "étudiants",
    "foyers",
    "ménages",
    "entreprises",
    "sociétés",
    "unités",
    "exemplaires",
    "puces",
    "processeurs",
    "serveurs",
    "voitures",
    "véhicules",
    "appareils",
    "smartphones",
    "téléphones",
    "ordinateurs",
    "tonnes",
    "kilomètres",
    "mètres",
    "km",
    "kilos",
    "litres",
    "barils",
    "hectares",
    "morts",
    "victimes",
    "blessés",
    "manifestants",
    "soldats",
    "réfugiés",
    "spectateurs",
    "participants",
    "membres",
    "signatures",
    "votes",
    "voix",
    "actions",
    "exemplaires",
    "logements",
    "articles",
    "pages",
    "mots",
    "ventes",
    "commandes",
    "licences",
    "brevets",
    "développeurs",
    "ingénieurs",
    "chercheurs",
    "patients",
    "cas",
    "tests",
    "dollars",
    "euros",
    "yens",
    "yuans",
    "francs",
    "livres",
    "roupies",
    "bitcoins",
];

/// Units and measure words after a number with a decimal part (« 5,5 nm », « 2,5 fois »).
pub const MEASURE_WORDS: &[&str] = &[
    "%",
    "fois",
    "points",
    "point",
    "degrés",
    "°C",
    "pouces",
    "pouce",
    "ans",
    "années",
    "mois",
    "semaines",
    "jours",
    "heures",
    "heure",
    "minutes",
    "secondes",
    "litres",
    "mètres",
    "kilomètres",
    "tonnes",
    "kilos",
    "grammes",
    "nm",
    "µm",
    "mm",
    "cm",
    "km",
    "kg",
    "mg",
    "Ko",
    "Mo",
    "Go",
    "To",
    "Po",
    "Kio",
    "Mio",
    "Gio",
    "Tio",
    "ko",
    "kB",
    "KB",
    "MB",
    "GB",
    "TB",
    "Hz",
    "kHz",
    "MHz",
    "GHz",
    "kW",
    "MW",
    "GW",
    "TW",
    "Wh",
    "kWh",
    "MWh",
    "GWh",
    "TWh",
    "mAh",
    "ms",
    "µs",
    "ns",
];

/// The word after the white space that follows byte `end` of `text` (letters, digits,
/// `%`, `°`), or "".
pub fn word_after_space(text: &str, end: usize) -> &str {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\u{A0}', '\u{202F}']);
    if trimmed.len() == rest.len() && !trimmed.starts_with('%') {
        return "";
    }
    let len = trimmed
        .char_indices()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '%' || c == '°')
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    &trimmed[..len]
}

/// The word before the white space that precedes byte `start` of `text`, or "".
pub fn word_before_space(text: &str, start: usize) -> &str {
    let head = text[..start].trim_end_matches([' ', '\u{A0}', '\u{202F}']);
    if head.len() == start {
        return "";
    }
    let from = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '\'' || c == '’')
        .last()
        .map_or(head.len(), |(i, _)| i);
    &head[from..]
}

/// True when `line` starts with a short key and a colon: « hosts: dns files », « Class:
/// 0x02 ». The key (after leading white space) is 2 to 41 characters: a first that is not
/// white space nor one of `: . ! ? ; « »`, then up to 39 that are none of `: . ! ? ; « »`,
/// then a last that is not white space nor `:`; one white space may come before the
/// colon, and white space or the end of the line after it.
///
/// (What `KEY_VALUE_REGEX` matches, written out: that regex took 10 M instructions, some
/// 3 ms, to build in every run that met a line with a colon.)
fn is_key_value(line: &str) -> bool {
    let stop = |c: char| matches!(c, ':' | '.' | '!' | '?' | ';' | '«' | '»');
    let key = line.trim_start();
    // The colon is the first one: no part of the key may be one.
    // (`memchr`, where `str::find` of a `char` set up a searcher: 186 instructions a line
    // with a colon on the PO text, 9,600 of them.)
    let Some(colon) = memchr::memchr(b':', key.as_bytes()) else {
        return false;
    };
    if !key[colon + 1..]
        .chars()
        .next()
        .is_none_or(char::is_whitespace)
    {
        return false;
    }
    let mut chars = key[..colon].chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if first.is_whitespace() || stop(first) {
        return false;
    }
    // One white space may stand before the colon, after the last character of the key.
    let mut rest = chars.as_str();
    if rest.ends_with(char::is_whitespace) {
        let space = rest.chars().next_back().map_or(0, char::len_utf8);
        rest = &rest[..rest.len() - space];
    }
    let Some(last) = rest.chars().next_back() else {
        return false;
    };
    let inner = &rest[..rest.len() - last.len_utf8()];
    // (The inner part's length and stops read on its bytes: no more bytes than 39 are no
    // more characters, and « and » are C2 AB and C2 BB, where the characters were decoded
    // twice, 300 instructions a line with a colon on the PO text.)
    let b = inner.as_bytes();
    let stop_at = |k: usize| {
        matches!(b[k], b'.' | b'!' | b'?' | b';')
            || (b[k] == 0xC2 && matches!(b.get(k + 1), Some(0xAB | 0xBB)))
    };
    !last.is_whitespace()
        && (b.len() <= 39 || inner.chars().count() <= 39)
        && !(0..b.len()).any(stop_at)
}

/// True when a word reads as a French word: letters with inner hyphens or apostrophes,
/// at least two letters, no digit, underscore, placeholder sign or inner capital
/// (`camelCase`, `iPhone` are names or identifiers).
///
/// (One pass over the characters, each test asked as it comes, where four passes and a
/// list of the characters took 790 instructions a word, 3,200 words of `punctuation-spacing`
/// on the PO text.)
pub fn is_plain_word(w: &str) -> bool {
    let w = w.trim_start_matches(['(', '«', '"', '“', '[', '\u{A0}', '\u{202F}']);
    if !w.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    let (mut letters, mut after_lower) = (0, false);
    for c in w.chars() {
        let letter = c.is_alphabetic();
        if !letter && !matches!(c, '-' | '\'' | '’') {
            return false;
        }
        // (A capital after a lower-case letter: `camelCase`.)
        if after_lower && c.is_uppercase() {
            return false;
        }
        letters += usize::from(letter);
        after_lower = c.is_lowercase();
    }
    letters >= 2
}

/// A line that looks like code rather than prose: a C declaration or statement, a
/// comment, a preprocessor line, a shell prompt, a line of operators.
pub fn is_code_line(line: &str) -> bool {
    LineScan::of(line).is_code(line)
}

/// Line beginnings that mark code.
const CODE_STARTS: &[&str] = &[
    "#include", "#define", "#if", "#endif", "#else", "#elif", "#undef", "#pragma", "$ ", "# ",
    "% ", ">>> ", "//", "/*", "*/", "C:\\", "PS ", "echo ", "sudo ", "export ",
];

/// The first bytes of `CODE_STARTS`.
static CODE_START_FIRST: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < CODE_STARTS.len() {
        table[CODE_STARTS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

/// Operators and signs that mark code anywhere in a line. None starts or ends with white
/// space, so they are found the same in a line and in the line trimmed.
const CODE_INSIDE: &[&str] = &[
    "/*", "*/", "==", "!=", "&&", "||", "->", "::", "+=", "-=", "++", "<<", ">>", "();", "){",
    ") {", "= {", "[]", "\\n", "=>", "<=", ">=", "\":", "':", "};",
];

/// Per first byte of a `CODE_INSIDE` marker, the second bytes of the markers that start
/// with it, as bits: the first bytes of markers are common in prose (« ' », « - », « ( »),
/// the pairs are not, and a byte followed by none is turned away without comparing the
/// markers.
static INSIDE_SECOND: [u128; 128] = {
    let mut table = [0u128; 128];
    let mut i = 0;
    while i < CODE_INSIDE.len() {
        let m = CODE_INSIDE[i].as_bytes();
        table[m[0] as usize] |= 1 << m[1];
        i += 1;
    }
    table
};

/// True when a `CODE_INSIDE` marker starts `rest`, whose first byte is ASCII.
fn marker_at(rest: &[u8]) -> bool {
    rest.get(1).is_some_and(|&second| {
        second < 0x80 && INSIDE_SECOND[usize::from(rest[0] & 0x7F)] >> second & 1 != 0
    }) && CODE_INSIDE.iter().any(|m| rest.starts_with(m.as_bytes()))
}

/// Classes of the bytes `LineScan` looks for, as bits of `BYTE_CLASS`.
const DIGIT: u8 = 1;
/// Signs dense in code: `{}[]()<>=;*&|\$#_/`.
const SYMBOL: u8 = 2;
const COLON: u8 = 4;
/// A sign every placeholder holds: `%`, `{`, `$`, `~`.
const PLACEHOLDER_SIGN: u8 = 8;
/// The first byte of a `CODE_INSIDE` marker.
const INSIDE_FIRST: u8 = 16;
/// A sign of `Prose::spacing_signs`: « : ; ! ? , . ».
const SPACING_SIGN: u8 = 32;

/// The class bits of every byte (non-ASCII bytes have none).
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = b'0';
    while b <= b'9' {
        table[b as usize] |= DIGIT;
        b += 1;
    }
    let symbols = b"{}[]()<>=;*&|\\$#_/";
    let mut i = 0;
    while i < symbols.len() {
        table[symbols[i] as usize] |= SYMBOL;
        i += 1;
    }
    table[b':' as usize] |= COLON;
    let signs = b"%{$~";
    let mut i = 0;
    while i < signs.len() {
        table[signs[i] as usize] |= PLACEHOLDER_SIGN;
        i += 1;
    }
    let mut i = 0;
    while i < CODE_INSIDE.len() {
        table[CODE_INSIDE[i].as_bytes()[0] as usize] |= INSIDE_FIRST;
        i += 1;
    }
    let signs = b":;!?,.";
    let mut i = 0;
    while i < signs.len() {
        table[signs[i] as usize] |= SPACING_SIGN;
        i += 1;
    }
    table
};

/// What one pass over a line's bytes tells: enough for `is_code`, `is_numeric` and the
/// quick tests before `is_key_value` and the `PLACEHOLDER` regex. (Prose is mostly letters
/// and spaces, which have no class: the pass does little more than one table look-up a
/// byte, where searching each marker list over the line took a pass each.)
struct LineScan {
    /// ASCII digits.
    digits: usize,
    /// Bytes of `SYMBOL`.
    symbols: usize,
    /// A `CODE_INSIDE` marker occurs in the line.
    inside: bool,
    /// The line holds a `:`.
    colon: bool,
    /// The line holds a `PLACEHOLDER_SIGN`.
    placeholder_sign: bool,
    /// The line holds fewer than six digits, no symbol, colon or placeholder sign, and no
    /// `CODE_INSIDE` marker: only its first byte (a `CODE_STARTS` beginning, a « " ») can
    /// make it anything but prose (see `LineScan::facts`).
    plain: bool,
}

/// What `ProseLines` asks of a line (see `LineScan::facts`).
#[derive(Debug, PartialEq)]
struct LineFacts {
    /// `is_code_line`.
    code: bool,
    /// More digits than letters (`LineScan::is_numeric`).
    numeric: bool,
    /// A « clé: valeur » line (`is_key_value`).
    keyed: bool,
    /// The line holds a placeholder (`has_placeholder`).
    placeholder: bool,
}

/// What `LineScan` counts, as it goes.
#[derive(Default)]
struct Tally {
    digits: usize,
    symbols: usize,
    /// The class bits seen.
    seen: u8,
    inside: bool,
}

impl Tally {
    /// Counts the byte at `i` of `bytes`, which ends where its line does (a `CODE_INSIDE`
    /// marker may run past `i`, not past the line), and returns its class.
    #[inline(always)]
    fn add_byte(&mut self, bytes: &[u8], i: usize) -> u8 {
        let class = BYTE_CLASS[bytes[i] as usize];
        if class == 0 {
            return class;
        }
        self.seen |= class;
        self.digits += usize::from(class & DIGIT != 0);
        self.symbols += usize::from(class & SYMBOL != 0);
        if class & INSIDE_FIRST != 0 && !self.inside {
            self.inside = marker_at(&bytes[i..]);
        }
        class
    }

    /// Counts the bytes `from..to` of `bytes` one by one.
    fn add(&mut self, bytes: &[u8], from: usize, to: usize) {
        for i in from..to {
            self.add_byte(bytes, i);
        }
    }

    fn scan(self) -> LineScan {
        LineScan {
            digits: self.digits,
            symbols: self.symbols,
            inside: self.inside,
            colon: self.seen & COLON != 0,
            placeholder_sign: self.seen & PLACEHOLDER_SIGN != 0,
            plain: self.digits < 6
                && self.seen & (SYMBOL | COLON | PLACEHOLDER_SIGN) == 0
                && !self.inside,
        }
    }
}

/// Per byte of the eight of `x`, the high bit of: a byte that may have a class, an ASCII
/// byte above the space that is not a letter (letters, spaces, line ends and the bytes of
/// other characters have none, and make most of a line of prose). (The test's reference for
/// `line_pass_candidates_16`, which `LineScan::each` uses.)
#[cfg(test)]
fn class_candidates(x: u64) -> u64 {
    // Per byte, the high bit of: ASCII; a letter (its low seven bits, lower-cased, from
    // 'a' to 'z'); above the space. (Sums of seven-bit values: no carry crosses a byte.)
    let ascii = !x & HIGH;
    let folded = (x | (ONES * 0x20)) & !HIGH;
    let letter = ascii_within(folded, b'a', b'z');
    let above_space = ascii_within(x, 0x21, 0x7F);
    ascii & !letter & above_space
}

/// Whether « or » (C2 AB, C2 BB) starts at byte `k` of `bytes`. (Neither starts a numeric
/// character: the line pass, which visits every C2 byte for `high_may_be_numeric`, asks this
/// first, even within a numeric run, « 12» ».)
#[inline(always)]
fn quote_at(bytes: &[u8], k: usize) -> bool {
    bytes[k] == 0xC2 && matches!(bytes.get(k + 1), Some(0xAB | 0xBB))
}

/// Pushes `i`, where `bytes` has a « : ; ! ? , . » (`SPACING_SIGN`) or the first byte of
/// « or » (`quote_at`), to `signs` when it is one of `Prose::spacing_signs`. (Called from `LineScan::each`'s loop, not from the closure
/// it calls for each byte with a class: that closure grew too large to be inlined, 10 M
/// instructions more on 4 MB.)
fn note_spacing_sign(signs: &mut Vec<usize>, bytes: &[u8], i: usize) {
    if matches!(bytes[i], b':' | b';' | b'!' | b'?' | 0xC2)
        || i.checked_sub(1)
            .is_some_and(|p| matches!(bytes[p], b' ' | b'\t' | 0x0B | 0x0C | 0x80..))
    {
        signs.push(i);
    }
}

/// The numeric runs that `LineScan::each` finds: `ProseLines::numeric_runs` and
/// `ProseLines::run_facts`; and whether the text holds a U+202F (`ProseLines::uses_narrow`),
/// which the pass sees on its way (`narrow_at`).
#[derive(Default)]
struct Runs {
    bounds: Vec<(usize, usize)>,
    facts: Vec<u8>,
    narrow: bool,
}

/// U+202F, the narrow non-breaking space, in UTF-8.
const NARROW_NBSP: &[u8] = "\u{202F}".as_bytes();

/// Whether a U+202F starts at byte `k` of `bytes`.
#[inline(always)]
fn narrow_at(bytes: &[u8], k: usize) -> bool {
    bytes[k..].starts_with(NARROW_NBSP)
}

/// Pushes the run of `bytes` between ASCII white space around `i`, where a numeric
/// character starts, to `runs` (`Prose::numeric_runs`) with its `run_facts`, and returns
/// its end. (Called for a numeric character past the last run pushed: runs never overlap.
/// Out of line, as `note_spacing_sign`: inlined, it kept `LineScan::each`'s closure from
/// being inlined, 10 M instructions more on the man pages.) The run's facts are read here,
/// where its bytes have just been read: read after the pass over the 4 MB of the man pages,
/// the bytes of their 25,000 runs had left the caches (9 % of the view's time samples
/// waited on those loads).
#[inline(never)]
fn note_numeric(runs: &mut Runs, bytes: &[u8], i: usize) -> usize {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let start = bytes[..i].iter().rposition(is_space).map_or(0, |p| p + 1);
    let end = bytes[i..]
        .iter()
        .position(is_space)
        .map_or(bytes.len(), |p| i + p);
    let run = &bytes[start..end];
    let facts = run_facts(run);
    // (A U+202F within a run, « 1\u{202F}000 »: the pass visits no byte of the run after
    // the one that starts it.)
    if facts & RUN_FROM_C4 != 0 && !runs.narrow {
        runs.narrow = memchr::memchr_iter(NARROW_NBSP[0], run).any(|j| narrow_at(run, j));
    }
    runs.bounds.push((start, end));
    runs.facts.push(facts);
    end
}

/// `note_numeric` at `i`, a byte of `view` beyond ASCII, when a numeric character starts
/// there; the end of the run, or `i` when none does. (Out of line, as `note_numeric`.)
/// A U+202F there, which `high_may_be_numeric` lets through, is noted in `runs.narrow`.
#[inline(never)]
fn note_high_numeric(runs: &mut Runs, view: &str, i: usize) -> usize {
    if narrow_at(view.as_bytes(), i) {
        runs.narrow = true;
        i
    } else if numeric_char_at(view, i) {
        note_numeric(runs, view.as_bytes(), i)
    } else {
        i
    }
}

/// The bytes of `block` that `LineScan::each` looks at, as the high bits of a `u128`: those
/// of `class_candidates`, and the bytes beyond ASCII that may start a numeric character
/// (`may_start_numeric`: C2, or C4 and up). Written per byte, as comparisons the compiler
/// turns into a few vector instructions (about 20 for the sixteen bytes, where the
/// eight-byte arithmetic of `class_candidates` took about 17 for eight; a mask of bits
/// built per byte, instead of whole bytes, was not vectorised, nor were two loops, one for
/// each kind of byte: 35 M instructions more on the man pages).
#[inline(always)]
fn line_pass_candidates_16(block: &[u8; 16]) -> u128 {
    let mut may = [0u8; 16];
    for (m, &b) in may.iter_mut().zip(block) {
        // (`&`, not `&&`: branches would stop the vectorising.)
        // (Above the space, not just other than it: no control byte has a class, and the
        // line feeds were 57,000 of the man pages' candidates.)
        let class = (b < 0x80) & ((b | 0x20).wrapping_sub(b'a') >= 26) & (b > b' ');
        let numeric = (b == 0xC2) | (b >= 0xC4);
        *m = u8::from(class | numeric).wrapping_neg();
    }
    u128::from_le_bytes(may) & (u128::from(HIGH) << 64 | u128::from(HIGH))
}

/// The bytes of `block` that `LineScan::each` visits, one bit each (bit `k` for byte `k`):
/// those of `line_pass_candidates_16`, less those that their neighbours (`prev`, the sixteen
/// bytes one before, `next`, one after) show to do nothing there: a « . » or « , » after no
/// white space (no class but `SPACING_SIGN`, and `note_spacing_sign` keeps it only after
/// white space or a byte beyond ASCII), a « - », « + », « ' » or « \" » before no second byte
/// of their `CODE_INSIDE` markers (they have no other class), « @ ^ ` » (no class), and
/// the first byte of U+00A0 (C2 A0: neither a quote, `quote_at`, nor numeric,
/// `high_may_be_numeric`; the PO text's 14,800 no-break spaces, 46 % of its visits beyond
/// ASCII: the pass 3.3 -> 3.0 ms a run, man pages 4.1 -> 3.9 ms, for 0.9 M instructions
/// more on the man pages; the box drawing « ─ » (E2 94) left out too, 24,000 of the man
/// pages' visits, cost 0.7 M more and was no faster). Of the man pages' 308,000
/// candidates, about 120,000 are such bytes, each a branch or two and a look-up in the
/// loop. Written per byte as comparisons, as `line_pass_candidates_16`,
/// and turned into bits by a multiplication per eight bytes, so that the loop keeps one
/// register where the `u128` of high bits was stored to the stack and read back.
#[inline(always)]
fn line_pass_visits_16(prev: &[u8; 16], block: &[u8; 16], next: &[u8; 16]) -> u32 {
    let mut idle = [0u8; 16];
    for (k, m) in idle.iter_mut().enumerate() {
        let (p, b, n) = (prev[k], block[k], next[k]);
        let point = (b == b'.') | (b == b',');
        let after_space = (p == b' ') | (p == b'\t') | (p == 0x0B) | (p == 0x0C) | (p >= 0x80);
        let dash = (b == b'-') & (n != b'>') & (n != b'=');
        let plus = (b == b'+') & (n != b'=') & (n != b'+');
        let quote = ((b == b'\'') | (b == b'"')) & (n != b':');
        let none = (b == b'@') | (b == b'^') | (b == b'`');
        let high = (b == 0xC2) & (n == 0xA0);
        *m = u8::from((point & !after_space) | dash | plus | quote | none | high).wrapping_neg();
    }
    let may = line_pass_candidates_16(block) & !u128::from_le_bytes(idle);
    high_bits(may as u64) | high_bits((may >> 64) as u64) << 8
}

/// The high bits of the eight bytes of `x` (which has no other bits), as the eight low bits
/// of the result: the multiplication moves byte `k`'s bit to bit 56 + `k`, without carries.
#[inline(always)]
fn high_bits(x: u64) -> u32 {
    (x.wrapping_mul(0x0002_0408_1020_4081) >> 56) as u32
}

/// Whether the byte at `k` of `bytes`, beyond ASCII and one that `may_start_numeric`, may
/// start a numeric character, on its second byte for the lead bytes C2 and E2
/// (`numeric_char_at`'s tests): the man pages' 38,000 such bytes are nearly all box
/// drawing (E2 94), typographic quotes, dashes and spaces (E2 80) and « » (C2 AB, BB),
/// turned away here before the call to `note_high_numeric` (about 50 instructions each).
#[inline(always)]
fn high_may_be_numeric(bytes: &[u8], k: usize) -> bool {
    let second = bytes.get(k + 1).copied().unwrap_or(0);
    match bytes[k] {
        0xC2 => matches!(second, 0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE),
        0xE2 => match second {
            0x81 | 0x82 | 0x85 | 0x86 | 0x91..=0x93 | 0x9D | 0x9E | 0xB3 => true,
            // (U+202F, which `note_high_numeric` notes.)
            0x80 => bytes.get(k + 2) == Some(&NARROW_NBSP[2]),
            _ => false,
        },
        _ => true,
    }
}

impl LineScan {
    /// The scan of one line, byte by byte.
    fn of(line: &str) -> LineScan {
        let mut tally = Tally::default();
        tally.add(line.as_bytes(), 0, line.len());
        tally.scan()
    }

    /// The scan of every line of `view` (as `lines` cuts it), in order, to `f`: one pass
    /// over the whole text, eight bytes at a time, that looks only at the bytes that may
    /// have a class (`class_candidates`), found by their bits. The offsets of
    /// `Prose::spacing_signs` are pushed to `signs` on the way, and the runs of
    /// `Prose::numeric_runs` to `runs`: their ASCII digits are bytes with a class, and the
    /// rare bytes beyond ASCII that may start a numeric character are looked at too.
    fn each(
        view: &str,
        lines: &LineIndex,
        signs: &mut Vec<usize>,
        runs: &mut Runs,
        mut f: impl FnMut(usize, LineScan),
    ) {
        let bytes = view.as_bytes();
        let n = lines.len();
        // (Where line `l` ends: where the next starts. Its line end, \n or \r, has no
        // class; a masked one may be a space in the view, and still ends the line.)
        let end_of = |l: usize| {
            if l + 1 < n {
                lines.line_start(l + 1)
            } else {
                bytes.len()
            }
        };
        let (mut line, mut end) = (0, end_of(0));
        let mut tally = Tally::default();
        let mut visit = |i: usize| {
            while i >= end {
                f(line, std::mem::take(&mut tally).scan());
                line += 1;
                end = end_of(line);
            }
            tally.add_byte(&bytes[..end], i)
        };
        // (Where the last numeric run ends: a numeric character before it is in that run.)
        let mut run_end = 0;
        let mut i = 0;
        while let Some(block) = bytes.get(i..i + 16) {
            let block: &[u8; 16] = block.try_into().expect("sixteen bytes");
            // (The bytes one before and one after each: a byte before the text is taken
            // for a letter, and one after it for a line end, as `note_spacing_sign` and
            // `marker_at` find no sign and no marker there.)
            let prev: [u8; 16] = match i.checked_sub(1) {
                Some(p) => bytes[p..p + 16].try_into().expect("sixteen bytes"),
                None => std::array::from_fn(|k| if k == 0 { b'a' } else { block[k - 1] }),
            };
            let next: [u8; 16] = match bytes.get(i + 1..i + 17) {
                Some(n) => n.try_into().expect("sixteen bytes"),
                None => std::array::from_fn(|k| if k == 15 { b'\n' } else { block[k + 1] }),
            };
            let mut may = line_pass_visits_16(&prev, block, &next);
            while may != 0 {
                let k = i + may.trailing_zeros() as usize;
                if bytes[k] < 0x80 {
                    let class = visit(k);
                    if class & SPACING_SIGN != 0 {
                        note_spacing_sign(signs, bytes, k);
                    }
                    if class & DIGIT != 0 && k >= run_end {
                        run_end = note_numeric(runs, bytes, k);
                    }
                } else if quote_at(bytes, k) {
                    signs.push(k);
                } else if k >= run_end && high_may_be_numeric(bytes, k) {
                    run_end = note_high_numeric(runs, view, k);
                }
                may &= may - 1;
            }
            i += 16;
        }
        // (A U+202F that starts in the bytes left, under sixteen.)
        runs.narrow |= memchr::memmem::find(&bytes[i..], NARROW_NBSP).is_some();
        for k in i..bytes.len() {
            let class = visit(k);
            if class & SPACING_SIGN != 0 || quote_at(bytes, k) {
                note_spacing_sign(signs, bytes, k);
            }
            if k >= run_end && numeric_at(view, k) {
                run_end = note_numeric(runs, bytes, k);
            }
        }
        while line < n {
            f(line, std::mem::take(&mut tally).scan());
            line += 1;
        }
    }

    /// The facts of line `l` of `view` (as `lines` cuts it), of which this is the scan.
    ///
    /// A plain line (`LineScan::plain`: fewer than six digits, no symbol, colon, placeholder
    /// sign or `CODE_INSIDE` marker; 34,700 of the man pages' 57,000 lines, 19,000 of them
    /// empty) is judged without reading it: too few digits to be numeric, no colon, no
    /// placeholder sign, and `looks_like_c` needs a symbol (« ( », « ; », braces), a colon,
    /// or a first « " » (« "option inconnue", »), so it is code only when it starts (after
    /// white space) with a « " » or a `CODE_STARTS` marker, which needs its first byte to be
    /// one of theirs, or beyond ASCII (white space that `trim` takes off). The others are
    /// judged in full (`LineScan::facts_in_full`). (The view's per-line work 22.5 -> 20.4 M
    /// instructions on the man pages when plain lines were those with no digit and no sign;
    /// allowing a few digits, « , . ! ? » and the markers' first bytes makes 8,400 more
    /// lines plain: 19.2 -> 17.9 M.)
    fn facts(&self, view: &str, lines: &LineIndex, l: usize) -> LineFacts {
        if self.plain {
            let start = lines.line_start(l);
            let end = if l + 1 < lines.len() {
                lines.line_start(l + 1)
            } else {
                view.len()
            };
            let first = view.as_bytes()[start..end]
                .iter()
                .find(|&&b| !matches!(b, b'\t'..=b'\r' | b' '));
            if first.is_none_or(|&b| b.is_ascii() && b != b'"' && !CODE_START_FIRST[usize::from(b)])
            {
                return LineFacts {
                    code: false,
                    numeric: false,
                    keyed: false,
                    placeholder: false,
                };
            }
        }
        self.facts_in_full(lines.line_text(view, l))
    }

    /// The facts of `line`, of which this is the scan, each test asked.
    fn facts_in_full(&self, line: &str) -> LineFacts {
        LineFacts {
            code: self.is_code(line),
            numeric: self.is_numeric(line),
            keyed: self.colon && is_key_value(line),
            placeholder: self.placeholder_sign && has_placeholder(line),
        }
    }

    /// A line with more digits than letters (and a few of them: six or more).
    fn is_numeric(&self, line: &str) -> bool {
        self.digits >= 6 && letters_at_most(line, self.digits)
    }

    /// See `is_code_line`; `line` is the line this scan was made of.
    fn is_code(&self, line: &str) -> bool {
        let t = trim_white(line);
        if t.is_empty() {
            return false;
        }
        // (Most lines start with none of the markers' first bytes: one look-up turns them away.)
        if CODE_START_FIRST[t.as_bytes()[0] as usize]
            && CODE_STARTS.iter().any(|s| t.starts_with(s))
        {
            return true;
        }
        if self.inside {
            return true;
        }
        if looks_like_c(t) {
            return true;
        }
        // Symbols dense enough to be code: `[-V] [-q file]`, `a = (b & c) << 3`. (Symbols
        // are not white space: the count of the line is the count of the line trimmed, and
        // so is the count of letters, only made when it matters.)
        self.symbols >= 4 && letters_at_most(t, self.symbols * 5)
    }
}

/// `s.trim()`, the ASCII white space taken off byte by byte: `str::trim` decodes each end
/// character to ask `char::is_whitespace` (62 instructions a line judged in full on the PO
/// text, 28,600 of them). A character beyond ASCII left at an end may be white space
/// (U+00A0, U+3000): `str::trim` is asked then.
fn trim_white(s: &str) -> &str {
    // (The ASCII characters of `char::is_whitespace`: tab, line feed, vertical tab, form
    // feed, carriage return, space.)
    let white = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let b = s.as_bytes();
    let start = b.iter().position(|x| !white(x)).unwrap_or(b.len());
    let end = b.iter().rposition(|x| !white(x)).map_or(start, |p| p + 1);
    // (Both ends stand next to ASCII bytes or the ends of `s`: character boundaries.)
    let t = &s[start..end];
    let beyond = |b: Option<&u8>| b.is_some_and(|b| !b.is_ascii());
    if beyond(t.as_bytes().first()) || beyond(t.as_bytes().last()) {
        t.trim()
    } else {
        t
    }
}

/// A trimmed line shaped like C: a call, arguments of a call, a `case`, braces, a
/// statement ending in « ; ».
fn looks_like_c(t: &str) -> bool {
    // « printf("…", x); », « test_kcmp("…", »: a line that starts with a call (but
    // « open(2) renvoie… » names a manual page).
    // (The name is the bytes before the first one that is not ASCII alphanumeric or « _ »:
    // the call needs that byte to be the first « ( », and a prose line stops at its first
    // space, where searching for the « ( » read the whole line.)
    let name = t
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
        .unwrap_or(t.len());
    if name > 0
        && t.as_bytes().get(name) == Some(&b'(')
        && !t[name + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    // « "option inconnue", "Consultez mount(8).", »: arguments of a call.
    if t.starts_with('"') && (t.ends_with("\",") || t.ends_with("\");") || t.ends_with("\")")) {
        return true;
    }
    if (t.starts_with("case ") || t.starts_with("default:")) && t.ends_with(':') {
        return true;
    }
    let last = t.chars().next_back().unwrap_or(' ');
    if matches!(last, '{' | '}') || t.starts_with('}') || t.starts_with('{') {
        return true;
    }
    if last == ';' {
        let body = &t[..t.len() - 1];
        let before = body.chars().next_back().unwrap_or(' ');
        // « fichier ; » is prose; « int fd; », « exit(1); », « x = 1; » are code.
        if !before.is_whitespace()
            && !is_nb_space(before)
            && (body.contains(['(', '=', '[', '*', '&', '_'])
                || body.split_whitespace().count() <= 3
                || C_WORDS.iter().any(|w| body.starts_with(w))
                || body.split_whitespace().next().is_some_and(is_c_type))
        {
            return true;
        }
    }
    false
}

/// True when `line` holds at most `n` alphabetic characters. They are counted eight bytes
/// at a time: the ASCII letters by their bits, the characters beyond ASCII by their
/// first byte (the only one from 0xC0 up), decoded; counting stops at the first eight
/// bytes that go past `n` (a line of prose has many more letters).
fn letters_at_most(line: &str, n: usize) -> bool {
    let bytes = line.as_bytes();
    let beyond_ascii = |i: usize| line[i..].chars().next().is_some_and(char::is_alphabetic);
    let mut letters = 0;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Per byte, the high bit of: an ASCII letter (lower-cased from 'a' to 'z'); a
        // first byte of a character beyond ASCII (its two high bits set).
        let ascii = ascii_within((x | (ONES * 0x20)) & !HIGH, b'a', b'z') & !x;
        letters += (((ascii >> 7).wrapping_mul(ONES)) >> 56) as usize;
        let mut first = x & (x << 1) & HIGH;
        while first != 0 {
            letters += usize::from(beyond_ascii(i + (first.trailing_zeros() / 8) as usize));
            first &= first - 1;
        }
        if letters > n {
            return false;
        }
        i += 8;
    }
    for (k, &b) in bytes.iter().enumerate().skip(i) {
        letters += usize::from(if b.is_ascii() {
            b.is_ascii_alphabetic()
        } else {
            b >= 0xC0 && beyond_ascii(k)
        });
    }
    letters <= n
}

/// `size_t`, `u64`, `__be16`, `int32`: a C type name.
fn is_c_type(w: &str) -> bool {
    w.ends_with("_t")
        || w.starts_with("__")
        || (w.len() <= 6
            && w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.ends_with(|c: char| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_alphanumeric()))
}

const C_WORDS: &[&str] = &[
    "int ",
    "char ",
    "struct ",
    "void ",
    "return",
    "if (",
    "for (",
    "while (",
    "else",
    "const ",
    "unsigned ",
    "long ",
    "short ",
    "static ",
    "typedef ",
    "enum ",
    "union ",
    "size_t ",
    "double ",
    "float ",
    "bool ",
    "uint",
    "int8",
    "int16",
    "int32",
    "int64",
    "let ",
    "var ",
    "def ",
    "import ",
    "export ",
    "fn ",
    "pub ",
    "case ",
    "break",
    "continue",
    "goto ",
];

/// English words that French text does not use.
static ENGLISH_WORDS: super::WordList = super::WordList::new(&[
    "the",
    "and",
    "of",
    "to",
    "is",
    "are",
    "with",
    "this",
    "that",
    "be",
    "by",
    "it",
    "from",
    "for",
    "was",
    "were",
    "will",
    "can",
    "which",
    "has",
    "have",
    "not",
    "if",
    "when",
    "you",
    "your",
    "its",
    "into",
    "should",
    "must",
    "been",
    "these",
    "those",
    "following",
    "may",
    "there",
    "their",
    "they",
    "we",
    "our",
    "but",
    "any",
    "each",
    "such",
    "than",
    "then",
    "what",
    "who",
    "how",
    "does",
    "do",
    "at",
    "no",
    "see",
    "use",
    "used",
    "using",
    "only",
    "also",
    "all",
    "in",
    "would",
    "could",
    "about",
    "other",
    "more",
    "most",
    "some",
    "between",
    "after",
    "before",
    "without",
    "under",
    "over",
    "where",
    "while",
    "because",
]);

/// French words for `english_sentences`.
static FRENCH_WORDS: super::WordList = super::WordList::new(&[
    "le", "la", "les", "l'", "de", "d'", "des", "du", "un", "une", "et", "est", "sont", "en",
    "pour", "dans", "sur", "par", "avec", "qui", "que", "qu'", "ne", "pas", "ce", "cette", "au",
    "aux", "à", "il", "elle", "ils", "se", "s'", "son", "sa", "ses", "n'", "c'", "vous", "nous",
    "ou", "si", "plus",
]);

/// The test of `english_sentences` on a sentence's counts of English words, French words
/// and words.
fn mostly_english(en: usize, fr: usize, all: usize) -> bool {
    (en >= 2 && en * 4 >= all && en > fr)
        || (en >= 3 && en > 2 * fr)
        || (en >= 1 && fr == 0 && en * 4 >= all)
}

/// Per distinct word (by vocabulary id), its `FORM_*` bits: what the typography view and
/// `elision` ask of a word alone. Worked out in one pass over the forms' first tokens and
/// shared (`Document::memo`): each form's first token is a cache miss (the man pages' 24,000
/// forms are scattered over 30 MB of tokens), and the view and `elision` each paid them in
/// a pass of their own.
pub struct FormFlags(pub Vec<u8>);

/// `FormFlags`: the word is in `ENGLISH_WORDS`.
pub const FORM_ENGLISH: u8 = 1;
/// It is in `FRENCH_WORDS`.
pub const FORM_FRENCH: u8 = 2;
/// `elision::may_elide`.
pub const FORM_MAY_ELIDE: u8 = 4;
/// `elision::may_follow`.
pub const FORM_MAY_FOLLOW: u8 = 8;

/// The `FORM_*` bits of one word.
fn form_bits(w: &str) -> u8 {
    (if ENGLISH_WORDS.contains(w) {
        FORM_ENGLISH
    } else {
        0
    }) | if FRENCH_WORDS.contains(w) {
        FORM_FRENCH
    } else {
        0
    } | if super::elision::may_elide(w) {
        FORM_MAY_ELIDE
    } else {
        0
    } | if super::elision::may_follow(w) {
        FORM_MAY_FOLLOW
    } else {
        0
    }
}

/// See `FormFlags`.
///
/// The forms are read through `rules::per_form`: in a large document, from the string of
/// forms copied once and shared with the other rules that judge each distinct word, where
/// reading each form's first token was a cache miss per form (one pass that read and judged
/// each form: 1.7 ms of the man pages' time; the tokens' strings gathered first, then
/// judged: 1.0 ms).
pub fn form_flags(doc: &Document) -> std::sync::Arc<FormFlags> {
    doc.memo
        .get_or_init(|| FormFlags(super::per_form(doc, form_bits)))
}

/// Sentences whose words are English: two English function words making a quarter of
/// the words, or more English function words than French ones. Only a sentence with an
/// English word can be English: those are found from the tokens of the English words
/// (`Occurrences`), and only their tokens are counted. (A French text has few: 10,000
/// of the man pages' 626,000 tokens, where the count of every sentence read every token.)
fn english_sentences(doc: &Document) -> Vec<bool> {
    let mut english: Vec<bool> = super::per_sentence(doc);
    let toks = &doc.tokens;
    let words = doc.vocabulary();
    let flags = form_flags(doc);
    let language = &flags.0;
    let listed: Vec<bool> = language.iter().map(|&f| f & FORM_ENGLISH != 0).collect();
    let mut judged = None;
    for k in super::occurrences(doc).of_words(&listed) {
        let k = k as usize;
        let s = toks[k].sentence;
        // (The English words come in order: a sentence's come one after another.)
        if judged == Some(s) {
            continue;
        }
        judged = Some(s);
        let sentence = super::sentence_range(toks, k);
        let (mut en, mut fr, mut all) = (0, 0, 0);
        for (t, &id) in toks[sentence.clone()].iter().zip(&words.ids[sentence]) {
            if !t.is_word() {
                continue;
            }
            all += 1;
            let f = language[id as usize];
            if f & FORM_ENGLISH != 0 {
                en += 1;
            } else if f & FORM_FRENCH != 0 {
                fr += 1;
            }
        }
        english[s as usize] = mostly_english(en, fr, all);
    }
    english
}

/// Asserts that a rule's search of the numeric runs (`search`) finds, in every sample of
/// `number_samples`, what `re` finds in the whole view, and that it finds something.
#[cfg(test)]
pub fn assert_runs_find_what_the_regex_finds(
    re: &regex::Regex,
    search: impl Fn(&Prose) -> Vec<(usize, usize)>,
) {
    let mut found = 0;
    for text in number_samples() {
        let doc = crate::document::Document::from_str(&text);
        let p = Prose::new(&doc);
        let all: Vec<(usize, usize)> = re
            .find_iter(&doc.view)
            .map(|m| (m.start(), m.end()))
            .collect();
        found += all.len();
        assert_eq!(search(&p), all);
    }
    assert!(found > 0);
}

/// Random runs whose digits are ASCII (`digits_are_ascii`), made of the pieces of numbers,
/// signs and units the number rules' regexes read: for the tests of their searches by hand.
#[cfg(test)]
pub fn ascii_digit_runs() -> Vec<String> {
    let pieces = [
        "1", "23", "4567", "0", "12345", ".", ",", "%", "..", ",,", "a", "x", "é", "²", "½", "µ",
        "°", "C", "GB", "Go/s", "MB/s", "Mb", "ms", "kWh", "-", "/", "\u{A0}", "12,345", "1,2345",
        "1234,567", "3.5", "2,5%", "’", "…", "œ",
    ];
    let mut rng = crate::testing::Rng::new(0x5eed_d161);
    (0..20_000).map(|_| rng.string(&pieces, 10)).collect()
}

/// Asserts that `search`, a regex of the number rules written by hand, finds in every run
/// of `ascii_digit_runs` what `re` finds (`find_iter`), and that it finds something.
#[cfg(test)]
pub fn assert_search_finds_what_the_regex_finds(re: &Regex, search: AsciiSearch) {
    let mut found = 0;
    for run in ascii_digit_runs() {
        assert!(digits_are_ascii(&run));
        let all: Vec<(usize, usize)> = re.find_iter(&run).map(|m| (m.start(), m.end())).collect();
        found += all.len();
        assert_eq!(
            ascii_matches(run.as_bytes(), search).collect::<Vec<_>>(),
            all,
            "{run:?}"
        );
    }
    assert!(found > 0);
}

/// Texts full of numbers, units, percentages and ordinals, written every way (Unicode
/// digits, non-breaking spaces, tabs, CRLF, glued to words and signs), with the article of
/// the corpus: for the tests that compare a rule's quick search with its regex over the
/// whole text.
#[cfg(test)]
pub fn number_samples() -> Vec<String> {
    let mut texts = vec![
        include_str!("../../corpus/meta-puce-ia.fr.txt").to_string(),
        include_str!("../../corpus/meta-puce-ia.fr.po").to_string(),
    ];
    let pieces = [
        "65,000",
        "120000",
        "1,234,567",
        "12345",
        "1234,567",
        "65536",
        "3,5",
        "2.5",
        "10%",
        "3,5%",
        "100%%",
        "%d",
        "5GB",
        "2,5GHz",
        "512MB/s",
        "10Mbit/s",
        "3µs",
        "20°C",
        "6dB",
        "5km",
        "x86",
        "DDR5-6400",
        "4K",
        "2ème",
        "1ère",
        "XXème",
        "21st",
        "2nd",
        "4th",
        "IInd",
        "Lère",
        "CVIIth",
        "٣٤٥٦٧",
        "٣ème",
        "５GB",
        "²³",
        "½%",
        "1ʳᵉ",
        "2e",
        "3rd-party",
        "a1st",
        "Indique",
        "2ndes",
        "1stx",
        "XIème_",
        "2ndé",
    ];
    let glue = [
        "", " ", "\u{A0}", "\u{202F}", "\t", "\r\n", "\n", "(", ")", "-", "«", "é", "x",
    ];
    let mut text = String::new();
    for (k, a) in pieces.iter().enumerate() {
        for (j, g) in glue.iter().enumerate() {
            let b = pieces[(k * 7 + j * 3 + 1) % pieces.len()];
            text.push_str(&format!("{a}{g}{b} "));
        }
        text.push_str("personnes dollars millions. Le 2ème jour, 45% des 12000 clients.\n");
    }
    texts.push(text);
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `next_may_start_numeric` finds the byte a scan of the table finds, over every
    /// first byte of the characters beyond ASCII.
    #[test]
    fn next_numeric_start_is_that_of_the_table() {
        let pieces = [
            "a", "Z", " ", "/", "0", "9", ":", "é", "’", "²", "٣", "\u{a0}", "€", "\n", "½", "Ā",
            "I", "V", "X", "L", "C", "@", "[", "H", "Y", "\u{80}", "ÿ", "ǅ", "Ω", "ㄱ", "𝟘", "😀",
            "\u{7FF}",
        ];
        let mut rng = crate::testing::Rng::new(0x0d1_9175);
        for _ in 0..20_000 {
            let t = rng.string(&pieces, 30);
            let b = t.as_bytes();
            for from in 0..=b.len() {
                let scan = b[from..]
                    .iter()
                    .position(|&x| MAY_START_NUMERIC[x as usize])
                    .map(|k| from + k);
                assert_eq!(next_may_start_numeric(b, from), scan, "{t:?} {from}");
            }
        }
    }

    /// `run_facts` gives each bit as its plain test does, on the numeric runs of the number
    /// samples and on random runs.
    #[test]
    fn run_facts_are_those_of_the_plain_tests() {
        let plain = |run: &str| {
            let b = run.as_bytes();
            let bit = |yes: bool, bit: u8| if yes { bit } else { 0 };
            bit(run.contains('.'), RUN_POINT)
                | bit(run.contains('%'), RUN_PERCENT)
                | bit(b.iter().any(|&x| x >= 0xC4), RUN_FROM_C4)
                | bit(!run.is_ascii(), RUN_BEYOND_ASCII)
                | bit(
                    b.iter().filter(|x| x.is_ascii_digit()).count() >= 4,
                    RUN_FOUR_DIGITS,
                )
                | bit(
                    b.windows(2).any(|w| {
                        w[0].is_ascii_digit() && (w[1].is_ascii_alphabetic() || w[1] == 0xC2)
                    }),
                    RUN_DIGIT_LETTER,
                )
        };
        let mut runs: Vec<String> = Vec::new();
        for text in number_samples() {
            let doc = crate::document::Document::from_str(&text);
            runs.extend(Prose::new(&doc).numeric_runs().map(|(_, r)| r.to_string()));
        }
        let pieces = [
            "1", "23", "4567", ".", "%", ",", "k", "GHz", "µs", "°C", "é", "’", "٣", "x", "-",
        ];
        let mut rng = crate::testing::Rng::new(0x0f_ac75);
        for _ in 0..5000 {
            runs.push(rng.string(&pieces, 8));
        }
        let mut bits = 0;
        for run in &runs {
            let facts = super::run_facts(run.as_bytes());
            assert_eq!(facts, plain(run), "{run:?}");
            bits |= facts;
        }
        assert_eq!(bits, 63);
    }

    /// `char_offsets` finds what memmem finds, on random texts of the characters it looks
    /// for and of others that share their bytes.
    #[test]
    fn char_offsets_are_those_of_memmem() {
        let pieces = [
            "a", " ", "“", "”", "…", "€", "£", "├", "┣", "¬", "ã", "é", "\u{202F}", "’", ".",
        ];
        let mut rng = crate::testing::Rng::new(0xc4a7_0ff5);
        let mut found = 0;
        for _ in 0..5000 {
            let t = rng.string(&pieces, 16);
            for c in ['“', '…', '€', '£', '’', 'é'] {
                let b = t.as_bytes();
                let by_memmem: Vec<usize> =
                    memchr::memmem::find_iter(b, c.encode_utf8(&mut [0; 4]).as_bytes()).collect();
                found += by_memmem.len();
                assert_eq!(
                    super::char_offsets(b, c).collect::<Vec<_>>(),
                    by_memmem,
                    "{t:?} {c:?}"
                );
            }
        }
        assert!(found > 0);
    }

    #[test]
    fn code_lines() {
        for l in [
            "int fd, poll_num;",
            "struct acct {",
            "char ac_flag; /* Attribut de comptabilité */",
            "$ find . -perm -a+r -perm /a+w",
            "v = (c & 0x1fff) << (((c >> 13) & 0x7) * 3);",
            "exit(EXIT_FAILURE);",
            "test_kcmp(\"Comparer les FDs :\",",
            "};",
            "at [-V] [-q file] [-f fichier] [-u nom_utilisateur] [-mMlv] spécification_de_temps...",
        ] {
            assert!(is_code_line(l), "{l}");
        }
        for l in [
            "Meta a récemment annoncé qu'il teste une puce.",
            "atq affiche la liste des commandes en attente, sauf s'il s'agit du superutilisateur ;",
            "Consultez at.allow(5) pour plus de précisions.",
            "open(2) renvoie un descripteur de fichier.",
            "Le format de sortie est (une ligne par tâche) : numéro de tâche, date, heure.",
            "- l'option -a ;",
        ] {
            assert!(!is_code_line(l), "{l}");
        }
    }

    /// The line tests as they were written before `LineScan`: one search per marker list.
    fn is_code_line_reference(line: &str) -> bool {
        let t = line.trim();
        if t.is_empty() {
            return false;
        }
        if CODE_STARTS.iter().any(|s| t.starts_with(s)) {
            return true;
        }
        let ac = aho_corasick::AhoCorasick::new(CODE_INSIDE).expect("valid patterns");
        if ac.is_match(t) {
            return true;
        }
        if looks_like_c(t) {
            return true;
        }
        let symbols = t
            .chars()
            .filter(|c| "{}[]()<>=;*&|\\$#_/".contains(*c))
            .count();
        symbols >= 4 && symbols * 5 >= t.chars().filter(|c| c.is_alphabetic()).count()
    }

    fn is_numeric_line_reference(line: &str) -> bool {
        let digits = line.bytes().filter(u8::is_ascii_digit).count();
        digits >= 6 && digits >= line.chars().filter(|c| c.is_alphabetic()).count()
    }

    /// `LineScan` answers as the plain tests do, on prose, code, PO files and lines made
    /// of every marker with and without white space and non-ASCII text around it.
    #[test]
    fn line_scan_agrees_with_the_plain_tests() {
        let mut lines: Vec<String> = [
            include_str!("../../corpus/meta-puce-ia.fr.txt"),
            include_str!("../../corpus/meta-puce-ia.fr.po"),
            include_str!("../../corpus/meta-puce-ia.fr.xlf"),
            include_str!("typography.rs"),
            include_str!("punctuation_spacing.rs"),
        ]
        .iter()
        .flat_map(|t| t.lines())
        .map(str::to_string)
        .collect();
        for m in CODE_INSIDE.iter().chain(CODE_STARTS) {
            for (a, b) in [
                ("", ""),
                ("  ", " \u{A0}"),
                ("l'été ", " à 12 h"),
                ("x", "y;"),
                ("\u{3000}", "…"),
            ] {
                lines.push(format!("{a}{m}{b}"));
                // A marker cut in two is no marker.
                let cut = m.len() / 2;
                lines.push(format!("{a}{}é{}{b}", &m[..cut], &m[cut..]));
            }
        }
        lines.extend(
            [
                "123456 abc",
                "12345 abcdef",
                "1 2 3 4 5 6",
                "8K... 16K- : 810 1979 0.7%",
                "%s: %d",
                "{name}",
                "$1 ${x}",
                "~1",
                "a: b",
                "hosts: dns files",
                "« clé » : valeur",
                "(((a)))",
                "[-V] [-q file]",
                "fichier ;",
                "int fd;",
                "\"option inconnue\",",
                "  \"a, b.\",",
                "\"a\" ou \"b\", etc.",
                "version 2.5, mars 2024",
                "12345, 1.2!",
                "1, 2, 3 - 4 - 5 - 6",
                "echo bonjour, monde",
                "sudo 1 2",
                "",
                " ",
                "\t",
                "é",
                "'",
                "':",
                "-",
                "->",
            ]
            .map(str::to_string),
        );
        // Markers and signs across the sixteen-byte steps, after letters, spaces, accents.
        for m in CODE_INSIDE.iter().chain(&[
            ":", "%", "{", "$", "~", "7", "_", "é", "\t", ",", ";", "!?", " ,", "\t.", "\u{A0}.",
            "\u{B},", "\u{C}.",
        ]) {
            for pad in 0..18 {
                for filler in ["a", " ", "é", "Z", ".", "😀"] {
                    lines.push(format!(
                        "{}{m}{}",
                        filler.repeat(pad),
                        filler.repeat(17 - pad)
                    ));
                }
            }
        }
        // Random lines of what plain lines may hold (letters, a few digits, « , . ! ? »,
        // the markers' first bytes, quotes) with the bytes that make a line code (a first
        // « " », a `CODE_STARTS` beginning, a symbol): their facts are those of every test.
        let mut rng = crate::testing::Rng::new(0x9a1e_11e5);
        let pieces = [
            "a", "mot", " ", "  ", "\t", "é", "\u{A0}", "1", "23", ",", ".", "!", "?", "-", "+",
            "'", "\"", "\",", "\")", ";", "(", ")", ":", "e", "echo ", "# ", "$ ", "C", "s", "«",
            "»", "12»", "1«2", "\u{B2}",
        ];
        for _ in 0..3000 {
            lines.push(rng.string(&pieces, 12));
        }
        // Markers across a line end masked in the view (below): « f(x) », then « { ».
        lines.extend(["f(x)", "{ corps }", "a =", "{", "", "x)", "{"].map(str::to_string));
        let inside = aho_corasick::AhoCorasick::new(CODE_INSIDE).expect("valid patterns");
        for line in &lines {
            let scan = LineScan::of(line);
            assert_eq!(scan.inside, inside.is_match(line), "{line:?}");
            assert_eq!(scan.is_code(line), is_code_line_reference(line), "{line:?}");
            assert_eq!(
                scan.is_numeric(line),
                is_numeric_line_reference(line),
                "{line:?}"
            );
            assert_eq!(scan.colon, line.contains(':'), "{line:?}");
            assert_eq!(
                scan.placeholder_sign,
                line.contains(['%', '{', '$', '~']),
                "{line:?}"
            );
        }
        // The pass over a whole text finds, line by line, what the scan of each line alone
        // finds: with LF and CRLF line ends, and with line ends that the view masks (a
        // space where the text has a line feed, as a hidden range leaves them).
        let counts = |s: &LineScan| {
            (
                s.digits,
                s.symbols,
                s.inside,
                s.colon,
                s.placeholder_sign,
                s.plain,
            )
        };
        for (end, masked) in [("\n", "\n"), ("\r\n", "\r\n"), ("\n", " "), ("\r\n", "\r ")] {
            for lines in [&lines[..], &lines[..1], &[]] {
                let text = lines.join(end);
                let view = lines.join(masked);
                let index = LineIndex::new(&text);
                let mut next = 0;
                let mut signs = Vec::new();
                let mut runs = Runs::default();
                LineScan::each(&view, &index, &mut signs, &mut runs, |l, scan| {
                    let line = index.line_text(&view, l);
                    assert_eq!(counts(&scan), counts(&LineScan::of(line)), "{line:?}");
                    // (A plain line's facts, found without reading it, are those of every
                    // test.)
                    assert_eq!(
                        scan.facts(&view, &index, l),
                        scan.facts_in_full(line),
                        "{line:?}"
                    );
                    assert_eq!(l, next);
                    next += 1;
                });
                assert_eq!(next, index.len());
                // The signs are those a look at every byte finds.
                let b = view.as_bytes();
                let every: Vec<usize> = (0..b.len())
                    .filter(|&i| {
                        matches!(b[i], b':' | b';' | b'!' | b'?')
                            || (b[i] == 0xC2 && matches!(b.get(i + 1), Some(0xAB | 0xBB)))
                            || (matches!(b[i], b',' | b'.')
                                && i > 0
                                && (matches!(b[i - 1], b' ' | b'\t' | 0x0B | 0x0C)
                                    || !b[i - 1].is_ascii()))
                    })
                    .collect();
                assert_eq!(signs, every, "{view:?}");
                assert_eq!(runs.bounds, NumericRuns::new(&view).0, "{view:?}");
            }
        }
    }

    /// The candidates of sixteen bytes are those of their two halves of eight, and those of
    /// a byte's own test, on every byte value at every place and on random blocks.
    #[test]
    fn sixteen_byte_candidates_are_those_of_eight() {
        let by_byte = |b: u8| b.is_ascii() && !b.is_ascii_alphabetic() && b > b' ';
        // (The space and the control bytes, left out, have no class.)
        assert!((0..=b' ').all(|b| BYTE_CLASS[usize::from(b)] == 0));
        let check = |block: [u8; 16]| {
            let got = line_pass_candidates_16(&block);
            let lo = u64::from_le_bytes(block[..8].try_into().expect("eight bytes"));
            let hi = u64::from_le_bytes(block[8..].try_into().expect("eight bytes"));
            let halves = u128::from(class_candidates(hi)) << 64 | u128::from(class_candidates(lo));
            // (Beyond ASCII, the bytes that may start a numeric character.)
            let mut high = 0u128;
            for (k, &b) in block.iter().enumerate() {
                high |= u128::from(!b.is_ascii() && may_start_numeric(b)) << (8 * k + 7);
            }
            assert_eq!(got, halves | high, "{block:?}");
            for (k, &b) in block.iter().enumerate() {
                let want = by_byte(b) || (b == 0xC2 || b >= 0xC4);
                assert_eq!(got >> (8 * k + 7) & 1 == 1, want, "{block:?} {k}");
            }
        };
        for b in 0..=255u8 {
            for k in 0..16 {
                let mut block = [b'a'; 16];
                block[k] = b;
                check(block);
                let mut block = [b' '; 16];
                block[k] = b;
                check(block);
            }
        }
        let mut rng = crate::testing::Rng::new(0xc1a5_5e16);
        for _ in 0..20_000 {
            let mut block = [0u8; 16];
            for b in &mut block {
                // (Half the bytes among letters, spaces and signs, half of any value.)
                *b = if rng.below(2) == 0 {
                    b"aZ ,.:;(-'\n0\t"[rng.below(13)]
                } else {
                    rng.below(256) as u8
                };
            }
            check(block);
        }
    }

    /// The pass visits only candidate bytes (`line_pass_candidates_16`), and each candidate
    /// it leaves out has no class but `SPACING_SIGN` and `INSIDE_FIRST` (or, beyond ASCII,
    /// starts no quote and, by `high_may_be_numeric`, no numeric character),
    /// and neither `note_spacing_sign` keeps it nor a `CODE_INSIDE` marker starts there; on
    /// random windows of eighteen bytes, mostly signs, markers' bytes and white space.
    #[test]
    fn bytes_the_pass_leaves_out_do_nothing() {
        let mut rng = crate::testing::Rng::new(0x1d1e_b17e);
        let common =
            b"aZ0 \t\x0B\x0C\n.,:;!?-+'\"@^`>=*/&|<()[]{}_%$~#\\\xC3\xA9\xC2\xE2\xA0\x94\xAB\x80";
        let mut left_out = 0;
        for _ in 0..100_000 {
            let mut w = [0u8; 18];
            for b in &mut w {
                *b = if rng.below(4) == 0 {
                    rng.below(256) as u8
                } else {
                    common[rng.below(common.len())]
                };
            }
            let (prev, block, next) = (&w[..16], &w[1..17], &w[2..]);
            let block: &[u8; 16] = block.try_into().expect("sixteen bytes");
            let got = line_pass_visits_16(
                prev.try_into().expect("sixteen bytes"),
                block,
                next.try_into().expect("sixteen bytes"),
            );
            let candidates = line_pass_candidates_16(block);
            for k in 0..16 {
                let (i, b) = (k + 1, w[k + 1]);
                let class = BYTE_CLASS[usize::from(b)];
                let mut signs = Vec::new();
                if class & SPACING_SIGN != 0 {
                    note_spacing_sign(&mut signs, &w, i);
                }
                let acts = (!b.is_ascii() && (quote_at(&w, i) || high_may_be_numeric(&w, i)))
                    || class & !(SPACING_SIGN | INSIDE_FIRST) != 0
                    || !signs.is_empty()
                    || (class & INSIDE_FIRST != 0 && marker_at(&w[i..]));
                let (candidate, visited) = (candidates >> (8 * k + 7) & 1 == 1, got >> k & 1 == 1);
                assert!(!visited || candidate, "{w:?} {k}");
                assert!(visited || !candidate || !acts, "{w:?} {k}");
                left_out += usize::from(candidate && !visited);
            }
        }
        // (Some are left out: the test sees the filter at work.)
        assert!(left_out > 100_000, "{left_out}");
    }

    /// `high_may_be_numeric` turns away no character that `numeric_char_at` finds numeric
    /// (every character from U+0080 to U+1FFFF, `char::is_numeric` the reference), and does
    /// turn away the common ones of the man pages.
    #[test]
    fn high_bytes_turned_away_start_no_numeric_character() {
        for c in ('\u{80}'..='\u{FFFF}').chain('\u{10000}'..='\u{1FFFF}') {
            let mut buf = [0u8; 4];
            let text = c.encode_utf8(&mut buf);
            let may =
                may_start_numeric(text.as_bytes()[0]) && high_may_be_numeric(text.as_bytes(), 0);
            assert_eq!(numeric_char_at(text, 0), c.is_numeric(), "{c:?}");
            if c.is_numeric() {
                assert!(may, "{c:?}");
            }
        }
        for c in ['─', '│', '’', '—', '«', '»', '\u{A0}'] {
            let mut buf = [0u8; 4];
            assert!(
                !high_may_be_numeric(c.encode_utf8(&mut buf).as_bytes(), 0),
                "{c:?}"
            );
        }
        // (U+202F is let through, for `note_high_numeric` to note it: `Runs::narrow`.)
        assert!(high_may_be_numeric("\u{202F}".as_bytes(), 0));
    }

    /// `letters_at_most` counts as `char::is_alphabetic` does, on lines of letters,
    /// accents, digits, signs, spaces and emoji across the eight-byte steps.
    #[test]
    fn letters_are_counted_as_chars_are() {
        let pieces = [
            "a", "Z", " ", "é", "É", "ß", "œ", "\u{A0}", "’", "«", "1", "_", "(", "😀", "ǅ", "٣",
            "中", "\u{301}", "Ω", "ℵ", "ⅷ", "abcdefgh", "        ",
        ];
        let mut rng = crate::testing::Rng::new(0x1e77_e125);
        for _ in 0..20_000 {
            let line = rng.string(&pieces, 40);
            let letters = line.chars().filter(|c| c.is_alphabetic()).count();
            for n in [0, 1, letters.saturating_sub(1), letters, letters + 1, 200] {
                assert_eq!(letters_at_most(&line, n), letters <= n, "{line:?} {n}");
            }
        }
    }

    /// `numeric_at` is `char::is_numeric` for every character, alone and after others;
    /// every digit of the regexes (`\d`) is numeric; `numeric_runs` finds every run that
    /// holds one.
    #[test]
    fn numeric_characters_and_runs() {
        let digit = Regex::new(r"^\d$").expect("valid regex");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(numeric_at(&s, 0), c.is_numeric(), "{c:?}");
            let s = format!("é{c}");
            assert_eq!(numeric_at(&s, 2), c.is_numeric(), "{c:?}");
            if digit.is_match(&c.to_string()) {
                assert!(c.is_numeric(), "{c:?}");
                // (A run whose digits `digits_are_ascii` says are ASCII holds no other.)
                assert!(
                    c.is_ascii_digit() || !digits_are_ascii(&c.to_string()),
                    "{c:?}"
                );
            }
        }
        let view = "Le 12 mai, 3,5\u{A0}% de x86 et 2²\t« ½ »\n٣ fois 65,000$ fin";
        let runs: Vec<&str> = NumericRuns::new(view)
            .0
            .iter()
            .map(|&(s, e)| &view[s..e])
            .collect();
        assert_eq!(runs, ["12", "3,5\u{A0}%", "x86", "2²", "½", "٣", "65,000$"]);
    }

    /// The numeric runs that `LineScan::each` finds on its way are those of a pass of
    /// their own (`NumericRuns`), on random texts of digits, numeric characters beyond
    /// ASCII, the bytes that share their lead bytes (« ’ », box drawing, « « »), white space
    /// and line ends, across the sixteen-byte steps.
    #[test]
    fn numeric_runs_of_the_line_pass_are_those_of_their_own_pass() {
        let pieces = [
            "a",
            "é",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "1",
            "42",
            "3,5",
            "²",
            "½",
            "\u{A0}",
            "«",
            "’",
            "─",
            "٣",
            "ⅷ",
            "①",
            "⁴",
            "€",
            "%",
            "-",
            "x86",
            "abcdefghijklmnop",
            "\u{202F}",
            "1\u{202F}000",
            "\u{2000}",
            "\u{20AF}",
        ];
        let mut rng = crate::testing::Rng::new(0x0a0e_5e75);
        let mut narrow = 0;
        for _ in 0..20_000 {
            let text = rng.string(&pieces, 60);
            let index = LineIndex::new(&text);
            let (mut signs, mut runs) = (Vec::new(), Runs::default());
            LineScan::each(&text, &index, &mut signs, &mut runs, |_, _| {});
            assert_eq!(runs.bounds, NumericRuns::new(&text).0, "{text:?}");
            // (Each run's facts, read as it is found, are those of its text.)
            let facts: Vec<u8> = (runs.bounds.iter())
                .map(|&(s, e)| run_facts(&text.as_bytes()[s..e]))
                .collect();
            assert_eq!(runs.facts, facts, "{text:?}");
            // (The pass finds a U+202F where a search of the whole text does.)
            let has_narrow = memchr::memmem::find(text.as_bytes(), NARROW_NBSP).is_some();
            assert_eq!(runs.narrow, has_narrow, "{text:?}");
            narrow += usize::from(has_narrow);
        }
        assert!(narrow > 1_000 && narrow < 19_000, "{narrow}");
    }

    /// `is_plain_word` as first written: four passes and a list of the characters.
    fn is_plain_word_reference(w: &str) -> bool {
        let w = w.trim_start_matches(['(', '«', '"', '“', '[', '\u{A0}', '\u{202F}']);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 {
            return false;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        {
            return false;
        }
        let chars: Vec<char> = w.chars().collect();
        let inner_capital = chars
            .windows(2)
            .any(|p| p[0].is_lowercase() && p[1].is_uppercase());
        !inner_capital && w.chars().next().is_some_and(char::is_alphabetic)
    }

    #[test]
    fn plain_words_are_those_of_the_reference() {
        let pieces = [
            "a", "b", "é", "É", "C", "x", "ʰ", "ǅ", "ª", "-", "'", "’", "(", "«", "\"", "“", "[",
            "\u{A0}", "\u{202F}", "1", "_", "%", " ", ".", "中",
        ];
        let mut rng = crate::testing::Rng::new(0x0b1a_1d00);
        let (mut plain, mut not) = (0, 0);
        for _ in 0..50_000 {
            let w = rng.string(&pieces, 6);
            let expected = is_plain_word_reference(&w);
            assert_eq!(is_plain_word(&w), expected, "{w:?}");
            if expected {
                plain += 1;
            } else {
                not += 1;
            }
        }
        // Both answers are met often.
        assert!(plain > 1_000 && not > 1_000, "{plain} {not}");
    }

    /// `trim_white` is `str::trim`, on lines of ASCII and other white space.
    #[test]
    fn trim_white_is_trim() {
        let pieces = [
            " ", "\t", "\n", "\r", "\u{B}", "\u{C}", "\u{1C}", "\u{85}", "\u{A0}", "\u{3000}",
            "\u{2003}", "a", "é", "中", "\"", "{",
        ];
        let mut rng = crate::testing::Rng::new(0x7e1a_7e1a);
        for _ in 0..50_000 {
            let line = rng.string(&pieces, 8);
            assert_eq!(trim_white(&line), line.trim(), "{line:?}");
        }
    }

    #[test]
    fn plain_words() {
        assert!(is_plain_word("exemple"));
        assert!(is_plain_word("c'est-à-dire"));
        assert!(is_plain_word("«Erreur"));
        for w in [
            "%s",
            "pyls.enabled",
            "serverSettings",
            "O_NONBLOCK",
            "x86",
            "a",
            "C",
        ] {
            assert!(!is_plain_word(w), "{w}");
        }
    }

    /// The regex `is_key_value` stands for.
    const KEY_VALUE_REGEX: &str = r"^\s*[^\s:.!?;«»][^:.!?;«»]{0,39}[^\s:]\s?:(?:\s|$)";

    #[test]
    fn key_value_lines_are_what_the_regex_matches() {
        let re = Regex::new(KEY_VALUE_REGEX).unwrap();
        let samples = [
            "hosts: dns files",
            "Class: 0x02",
            "  Clé : valeur",
            "ab:",
            "a:",
            "a :",
            ":x",
            "Note : voir plus haut",
            "Il a dit : oui.",
            "une phrase bien trop longue pour être une clé avant ses deux-points : non",
            "x.y: z",
            "«a»: b",
            "a\u{A0}: b",
            "key:value",
        ];
        for line in samples {
            assert_eq!(is_key_value(line), re.is_match(line), "{line:?}");
        }
        let pieces = [
            "a",
            "é",
            "Z",
            "0",
            " ",
            "  ",
            "\t",
            "\u{A0}",
            "\u{202F}",
            ":",
            ".",
            "!",
            "?",
            ";",
            "«",
            "»",
            "-",
            "_",
            "x",
            "clé",
            "abcdefghij",
            "’",
            "🙂",
            // (C3 AB and C7 BB: bytes of « and » after another first byte.)
            "ë",
            "ǻ",
        ];
        let mut rng = crate::testing::Rng::new(0x006B_6579);
        for _ in 0..200_000 {
            let line = rng.string(&pieces, 24);
            assert_eq!(is_key_value(&line), re.is_match(&line), "{line:?}");
        }
    }

    /// `InOrder` answers as `is_french_prose_at` at every offset of texts with code lines,
    /// English sentences, empty lines and CRLF line ends.
    #[test]
    fn in_order_answers_as_is_french_prose_at() {
        let mut texts = number_samples();
        texts.push(
            "Since Linux 2.6.8, the records are defined as follows:\r\n\r\nint fd, poll_num;\n\
             Le format de sortie est le suivant : « oui ».\nThe value of the flag is set.\n\n"
                .repeat(3),
        );
        texts.push(String::new());
        for text in texts {
            let doc = Document::from_str(&text);
            let p = Prose::new(&doc);
            let mut in_order = p.in_order();
            // (English asked of every third offset: sentences passed over between two asks.)
            let mut english = p.in_order();
            for i in 0..=text.len() {
                assert_eq!(
                    in_order.is_french_prose_at(i),
                    p.is_french_prose_at(i),
                    "{i}"
                );
                if i % 3 == 0 {
                    assert_eq!(english.is_english_at(i), p.is_english_at(i), "{i}");
                }
            }
        }
    }

    /// `has_placeholder` answers as `PLACEHOLDER` does, on lines of signs, flags, digits of
    /// several scripts, letters, marks and spaces.
    #[test]
    fn placeholders_are_what_the_regex_matches() {
        let pieces = [
            "%", "%", "{", "}", "$", "~", "<PRI", ">", "(", ")", "-", "+", " ", "#", "0", "5", ".",
            "h", "l", "L", "q", "z", "s", "d", "x", "r", "a", "_", "é", "\u{A0}", "٣", "²", "中",
            "\u{301}", "‿", "«", "%s", "%d", "%5.2lf", "${x}", "{nom}", "%(a)s", "%1",
        ];
        // Every character `word_char` and `digit_at` judge is judged as the regexes do.
        let (word, digit) = (Regex::new(r"^\w$").unwrap(), Regex::new(r"^\d$").unwrap());
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            if let Some(w) = word_char(c) {
                assert_eq!(w, word.is_match(&s), "{c:?}");
            }
            let mut unsure = false;
            if digit_at(&s, 0, &mut unsure) || !unsure {
                assert_eq!(digit_at(&s, 0, &mut unsure), digit.is_match(&s), "{c:?}");
            }
        }
        let mut rng = crate::testing::Rng::new(0x0007_1ace);
        let mut unsure = 0;
        for _ in 0..100_000 {
            let line = rng.string(&pieces, 12);
            assert_eq!(
                has_placeholder(&line),
                PLACEHOLDER.is_match(&line),
                "{line:?}"
            );
            let mut u = false;
            let signs = line
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b"%{$~".contains(&b));
            let found = signs.fold(false, |f, (i, _)| placeholder_at(&line, i, &mut u) || f);
            if found {
                assert!(PLACEHOLDER.is_match(&line), "{line:?}");
            } else if !u {
                assert!(!PLACEHOLDER.is_match(&line), "{line:?}");
            }
            unsure += usize::from(u && !found);
        }
        // The regex decides on few lines.
        assert!(unsure < 10_000, "{unsure}");
    }

    #[test]
    fn english_sentences_are_those_of_every_token() {
        // Against the count of every sentence over every token, on random texts of English
        // and French words (sentences of one to many words, empty ones too).
        fn by_token(doc: &Document) -> Vec<bool> {
            let mut counts: Vec<(usize, usize, usize)> = super::super::per_sentence(doc);
            for t in doc.tokens.iter().filter(|t| t.is_word()) {
                let c = &mut counts[t.sentence as usize];
                c.2 += 1;
                if super::ENGLISH_WORDS.contains(&t.norm) {
                    c.0 += 1;
                } else if super::FRENCH_WORDS.contains(&t.norm) {
                    c.1 += 1;
                }
            }
            counts
                .into_iter()
                .map(|(en, fr, all)| super::mostly_english(en, fr, all))
                .collect()
        }
        let pieces = [
            "the ", "The ", "of ", "and ", "is ", "le ", "la ", "de ", "l'", "qu'", "et ", "file ",
            "fichier ", "2 ", ". ", ", ", "\n\n", "x ", "é ", "  ", "! ",
        ];
        let mut rng = crate::testing::Rng::new(0xe9_115);
        let (mut english, mut french) = (0, 0);
        for round in 0..1000 {
            let doc = Document::from_str(&rng.string(&pieces, 60));
            let expected = by_token(&doc);
            assert_eq!(
                super::english_sentences(&doc),
                expected,
                "round {round}: {:?}",
                doc.text
            );
            english += expected.iter().filter(|&&e| e).count();
            french += expected.iter().filter(|&&e| !e).count();
        }
        assert!(english > 1000 && french > 1000, "{english} {french}");
    }

    /// The shared bits of each token's form are those of the tests asked of the token itself
    /// (the lists, `elision`'s two tests), on random texts of words that pass and fail each.
    #[test]
    fn form_flags_are_those_of_each_token() {
        let pieces = [
            "the ", "of ", "le ", "la ", "de ", "De ", "si ", "que ", "jusque ", "l'", "qu'",
            "et ", "ou ", "où ", "il ", "est ", "un ", "été ", "à ", "fichier ", "2 ", ". ",
            "\n\n", "x ",
        ];
        let mut rng = crate::testing::Rng::new(0xf0_f1a9);
        let mut seen = 0u8;
        for round in 0..500 {
            let doc = Document::from_str(&rng.string(&pieces, 40));
            let flags = super::form_flags(&doc);
            let words = doc.vocabulary();
            for (t, &id) in doc.tokens.iter().zip(&words.ids) {
                let w = t.norm.as_str();
                let expected = [
                    (super::FORM_ENGLISH, super::ENGLISH_WORDS.contains(w)),
                    (super::FORM_FRENCH, super::FRENCH_WORDS.contains(w)),
                    (super::FORM_MAY_ELIDE, super::super::elision::may_elide(w)),
                    (super::FORM_MAY_FOLLOW, super::super::elision::may_follow(w)),
                ];
                for (bit, set) in expected {
                    assert_eq!(flags.0[id as usize] & bit != 0, set, "round {round}: {w:?}");
                    seen |= if set { bit } else { 0 };
                }
            }
        }
        assert_eq!(seen, 15);
    }

    #[test]
    fn english_is_told_from_french() {
        let d = Document::from_str(
            "Since Linux 2.6.8, the records are defined as follows:\nLe format de sortie est le suivant :",
        );
        let p = Prose::new(&d);
        assert!(p.is_english_at(3));
        assert!(!p.is_english_at(d.text.find("format").unwrap()));
    }
}
