/*! The text model. A `Document` keeps the original text untouched and a *view* of the same
byte length in which what is not prose (markup, code, URLs, front matter) is masked. Every
analysis runs on the view, so every offset is an offset into the original file: nothing is
ever searched again to find positions. */

mod lines;
mod mask;
mod segment;
mod tokens;
mod uax29;
mod vocabulary;

pub use lines::LineIndex;
pub use mask::{Mask, MaskKind};
pub use segment::{Sentence, sentences};
pub use tokens::{
    Token, find_lowercase, fold_accents, is_elision, normalize_word, tokenize, tokenize_phrase,
};
pub use vocabulary::{PerForm, Vocabulary, WordIds, first_16_bytes};

use crate::formats::Format;

/// The byte that replaces masked content (code, URLs) in the view. It is not a word
/// character and not white space, so it breaks phrases and sentences stay whole.
pub const BARRIER: u8 = 0x1A;

#[derive(Debug, Clone)]
pub struct Document {
    /// Path as given by the user, for reports.
    pub path: String,
    /// The original text, byte for byte (BOM included when there is one).
    pub text: SharedText,
    /// Same length as `text`; masked bytes replaced by spaces or `BARRIER`. The same
    /// string as `text` when nothing is masked (see `SharedText`).
    pub view: SharedText,
    pub format: Format,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub lines: LineIndex,
    /// Analyses that several rules share, computed once per document (see `Memo`).
    pub memo: Memo,
    /// The number of words (`word_count`), counted in the pass that gives each token its
    /// sentence and kept when `release` drops the tokens.
    words: usize,
}

/// A document's text or view, read as a `str`: one string that the text and the view
/// share when nothing is masked (a text without URLs, addresses or code).
///
/// A view copied from the text is as large as the text and written whole into fresh
/// memory: on the 4 MB of man pages with their URLs and addresses taken out, two huge
/// pages more for the kernel to zero and 4 MB copied; sharing took that run from 31 huge
/// page faults to 29 and its task-clock from 114.5 to 111.4 ms and from 118.1 to
/// 112.4 ms (medians of 41 and 61 alternated runs). Every file of the benchmarks masks
/// something (each man page names its translators' addresses) and is copied as before.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SharedText(std::sync::Arc<String>);

impl SharedText {
    pub fn new(text: String) -> SharedText {
        SharedText(std::sync::Arc::new(text))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// True when `self` and `other` are one string, not two equal ones.
    pub fn is_shared_with(&self, other: &SharedText) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl std::borrow::Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl std::fmt::Debug for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl std::fmt::Display for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self.0.as_str(), f)
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.0.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.0.as_str() == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        self.0.as_str() == other
    }
}

/// Per-document results that several rules need (the typography rules' view of lines,
/// say): computed by the first rule that asks, then shared. One value per type.
#[derive(Default)]
pub struct Memo(std::sync::Mutex<Vec<(std::any::TypeId, MemoSlot)>>);

/// The value of one type in a `Memo`, made once.
type MemoSlot =
    std::sync::Arc<std::sync::OnceLock<std::sync::Arc<dyn std::any::Any + Send + Sync>>>;

impl Memo {
    /// The value of type `T` for this document, computed by `make` the first time.
    ///
    /// The list of values is locked only to find the type's slot: `make` may ask for
    /// another value (the typography view counts English words by the vocabulary), and
    /// rules on other threads get other values meanwhile. A rule that asks for a value
    /// being made waits for it, so no two values may each be made of the other.
    pub fn get_or_init<T: std::any::Any + Send + Sync>(
        &self,
        make: impl FnOnce() -> T,
    ) -> std::sync::Arc<T> {
        let id = std::any::TypeId::of::<T>();
        let slot = {
            let mut slots = self.0.lock().unwrap_or_else(|e| e.into_inner());
            match slots.iter().find(|(t, _)| *t == id) {
                Some((_, slot)) => slot.clone(),
                None => {
                    let slot = MemoSlot::default();
                    slots.push((id, slot.clone()));
                    slot
                }
            }
        };
        let value = slot.get_or_init(|| std::sync::Arc::new(make())).clone();
        value
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable!("a slot holds a value of the type it is found by"))
    }
}

impl Clone for Memo {
    /// A copy starts empty (the copy may be changed).
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Document {
    /// The longest text a document holds: its tokens keep byte offsets in 32 bits. Files
    /// are refused beyond it when read (`formats::DecodeError::TooLarge`); a document
    /// built from a longer text in code panics rather than give wrong offsets.
    pub const MAX_LEN: usize = u32::MAX as usize;

    /// Builds a document from text already decoded; `format` decides what is masked.
    pub fn new(path: impl Into<String>, text: String, format: Format) -> Document {
        let mask = crate::timing::time("document/mask", || crate::formats::mask_for(format, &text));
        Self::with_mask(path, text, format, &mask)
    }

    pub fn with_mask(
        path: impl Into<String>,
        text: String,
        format: Format,
        mask: &Mask,
    ) -> Document {
        assert!(text.len() <= Self::MAX_LEN, "text of 4 GiB or more");
        let (text, view) = crate::timing::time("document/view", || text_and_view(text, mask));
        let Split {
            sentences,
            tokens,
            listed,
            words,
            line_starts,
        } = crate::timing::time("document/segment", || sentences_and_tokens(&view));
        let lines = crate::timing::time("document/lines", || match line_starts {
            Some(starts) if same_line_feeds(&text, mask) => LineIndex::from_starts(starts),
            _ => LineIndex::new(&text),
        });
        let doc = Document {
            path: path.into(),
            text,
            view,
            format,
            tokens,
            sentences,
            lines,
            memo: Memo::default(),
            words,
        };
        doc.memo.get_or_init(|| listed);
        doc
    }

    /// A document whose prose is cut into independent segments (the targets of a bilingual
    /// file): sentences and paragraphs never cross a segment boundary.
    pub fn with_segments(
        path: impl Into<String>,
        text: String,
        format: Format,
        mask: &Mask,
        segments: &[(usize, usize)],
    ) -> Document {
        assert!(text.len() <= Self::MAX_LEN, "text of 4 GiB or more");
        let (text, view) = text_and_view(text, mask);
        let mut all = Vec::new();
        let mut paragraph = 0;
        for &(s, e) in segments {
            let mut last = 0;
            for mut sent in sentences(&view[s..e]) {
                last = sent.paragraph;
                sent.start += s;
                sent.end += s;
                sent.paragraph += paragraph;
                all.push(sent);
            }
            paragraph += last + 1;
        }
        let mut tokens = tokenize(&view, 0, view.len());
        let (listed, words) = assign_sentences(&mut tokens, &all);
        let lines = LineIndex::new(&text);
        let doc = Document {
            path: path.into(),
            text,
            view,
            format,
            tokens,
            sentences: all,
            lines,
            memo: Memo::default(),
            words,
        };
        doc.memo.get_or_init(|| listed);
        doc
    }

    /// Plain text with nothing masked but URLs; handy in tests.
    #[allow(clippy::should_implement_trait)] // infallible, unlike `FromStr`
    pub fn from_str(text: &str) -> Document {
        Document::new("<texte>", text.to_string(), Format::Text)
    }

    pub fn slice(&self, start: usize, end: usize) -> &str {
        &self.text[start..end]
    }

    /// The text of a span as a reader sees it: the original bytes, or, where markup or
    /// file syntax was hidden inside the span (a PO string continued on the next line),
    /// the visible text with its white space collapsed.
    pub fn display(&self, start: usize, end: usize) -> std::borrow::Cow<'_, str> {
        let original = &self.text[start..end];
        let view = &self.view[start..end];
        if original == view {
            std::borrow::Cow::Borrowed(original)
        } else {
            std::borrow::Cow::Owned(view.split_whitespace().collect::<Vec<_>>().join(" "))
        }
    }

    /// The distinct words of the document and each token's id among them: made by the
    /// first rule that asks, then shared (`memo`).
    pub fn vocabulary(&self) -> std::sync::Arc<Vocabulary> {
        self.memo.get_or_init(|| {
            crate::timing::time("document/vocabulary", || Vocabulary::new(&self.tokens))
        })
    }

    /// Number of words (tokens holding a letter), for per-1000-word figures.
    ///
    /// Counted when the document is made (`assign_sentences`): counted when asked, it was
    /// a pass over every token (the 20 MB of the man pages') when `release` kept it.
    pub fn word_count(&self) -> usize {
        self.words
    }

    /// Drops what only checking needs (the words, the sentences, the shared analyses) and
    /// keeps what reports use (the text, the view, the lines, the number of words): the
    /// results of a whole repository are held until its report is written, and the words
    /// of a text weigh about eight times the text.
    pub fn release(&mut self) {
        self.tokens = Vec::new();
        self.sentences = Vec::new();
        self.memo = Memo::default();
    }

    /// `release`, but the tokens are left to the process, not freed: for the document of
    /// a run that checks one file, whose process ends once the report is written (and
    /// leaves its results unfreed, see `cli::check`). Dropping the tokens reads the whole
    /// list for the few norms on the heap (`drop_in_place<[Token]>`: 0.44 ms of the PO
    /// text's 61 ms, 13 MB read) and gives back its mapping, which the process's end does
    /// anyway. The rest is freed as `release` does: the heap's blocks of the shared
    /// analyses are reused by the report, which otherwise grew the heap into fresh pages
    /// (keeping the whole document unreleased was no faster).
    pub fn release_at_exit(&mut self) {
        std::mem::forget(std::mem::take(&mut self.tokens));
        self.release();
    }

    /// True when the view between two offsets holds only white space (no punctuation,
    /// no masked content): the two tokens around it belong to one phrase.
    pub fn gap_is_space(&self, start: usize, end: usize) -> bool {
        self.view[start..end].chars().all(|c| c.is_whitespace())
    }

    /// True when the view between two offsets may sit inside a phrase: white space only,
    /// or one hyphen or apostrophe (« semi-conducteur », « l'IA »). The usual gap, one
    /// space, is answered without decoding: the glossary and several rules ask this of
    /// most pairs of words.
    #[inline]
    pub fn gap_is_joiner(&self, start: usize, end: usize) -> bool {
        if end == start + 1 && self.view.as_bytes()[start] == b' ' {
            return true;
        }
        self.gap_is_joiner_beyond_space(start, end)
    }

    /// `gap_is_joiner` of a gap other than one space. A gap that starts with an ASCII byte
    /// (a line feed, « , », « . »: most of the other gaps between words) is answered from
    /// its bytes, any other one from its characters.
    fn gap_is_joiner_beyond_space(&self, start: usize, end: usize) -> bool {
        // (`char::is_whitespace` of ASCII: tab, line feed, vertical tab, form feed,
        // carriage return, space.)
        let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
        let gap = &self.view[start..end];
        match *gap.as_bytes() {
            [b'-' | b'\''] => return true,
            [b, ..] if b.is_ascii() && !space(b) => return false,
            ref bytes if bytes.iter().all(|&b| space(b)) => return true,
            _ => {}
        }
        let mut chars = gap.chars();
        match (chars.next(), chars.next()) {
            (Some('-' | '‑' | '\'' | '’' | 'ʼ'), None) => true,
            _ => gap.chars().all(char::is_whitespace),
        }
    }
}

/// The text and its view under `mask`: one string, shared, when nothing is masked (the
/// view would be a copy of the text). A view made is made at its full size and kept so:
/// in the heap, beside the text (see `cli::alloc::in_heap`).
fn text_and_view(text: String, mask: &Mask) -> (SharedText, SharedText) {
    if mask.ranges().is_empty() {
        let text = SharedText::new(text);
        (text.clone(), text)
    } else {
        let view = SharedText::new(crate::cli::alloc::in_heap(|| mask.apply(&text)));
        (SharedText::new(text), view)
    }
}

/// From this size on, a document is analysed on several threads of the pool: its words and
/// sentences are cut in pieces of lines side by side, and its rules run side by side (see
/// `Checker`). The files of a repository are already spread over the threads, one per
/// file; one large file (a book, a whole site's export) would otherwise keep one core busy.
pub const PARALLEL_FROM: usize = 1 << 20;

/// True when a text of `len` bytes is analysed on several threads (`PARALLEL_FROM`, and a
/// pool of more than one thread).
pub fn in_parallel(len: usize) -> bool {
    len >= PARALLEL_FROM && rayon::current_num_threads() > 1
}

/// What `sentences_and_tokens` finds in a view.
struct Split {
    sentences: Vec<Sentence>,
    /// The words, each given its sentence.
    tokens: Vec<Token>,
    /// The tokens with a capital, and the word count (`assign_sentences`).
    listed: crate::rules::Capitalized,
    words: usize,
    /// The view's line starts (as `LineIndex` holds them), when found on the way.
    line_starts: Option<Vec<u32>>,
}

/// The sentences and the words of a view, from one pass of UAX #29 over its lines (the
/// same as `sentences` and `tokenize` apart), each token given its sentence, with the
/// tokens with a capital and the word count (`assign_sentences`), and on one thread the
/// line starts, from the lines the splitter walks.
fn sentences_and_tokens(view: &str) -> Split {
    if in_parallel(view.len()) {
        // Lines are independent in UAX #29: pieces cut after a line feed give the same
        // boundaries, joined in order.
        use rayon::prelude::*;
        let pieces: Vec<_> = line_pieces(view, PARALLEL_FROM / 4)
            .into_par_iter()
            .map(|(a, b)| words_and_bounds(view, a, b))
            .collect();
        let (mut tokens, bounds) = join(pieces);
        let sentences = segment::from_bounds(view, &bounds);
        let (listed, words) = assign_sentences(&mut tokens, &sentences);
        Split {
            sentences,
            tokens,
            listed,
            words,
            line_starts: None,
        }
    } else {
        // The sentence segments go to the sentences as they come, not through a list, and
        // the paragraph breaks and the line starts are found on the lines the splitter
        // walks. The tokens are given their sentences line by line, as the sentences come
        // (`Assign`).
        let mut sentences = segment::Builder::streaming(view);
        // About one token in six bytes of French prose.
        let mut tokens = words_with(view, 0, view.len(), view.len() / 6, &mut sentences);
        let (sentences, listed, words, line_starts) = sentences.finish_assigned(&mut tokens);
        Split {
            sentences,
            tokens,
            listed,
            words,
            line_starts: Some(line_starts),
        }
    }
}

/// True when the view under `mask` has its line feeds where `text` has them: the mask
/// keeps them but in its hidden ranges (`mask::mask_bytes`), and puts none of its own.
fn same_line_feeds(text: &str, mask: &Mask) -> bool {
    mask.ranges().iter().all(|&(start, end, kind)| {
        kind != MaskKind::Hidden
            || text
                .as_bytes()
                .get(start..end.min(text.len()))
                .is_none_or(|r| memchr::memchr(b'\n', r).is_none())
    })
}

/// The words and the UAX #29 sentence segments of `view[from..to]`, in offsets of `view`.
fn words_and_bounds(view: &str, from: usize, to: usize) -> Piece {
    let mut bounds = Vec::new();
    // Room for 2 MB of tokens at least: a block mapped apart on huge pages (see
    // `cli::alloc`), where the tokens of a piece of 256 KB (1.4 MB of 32-byte tokens) came
    // from the system allocator on 4 KB pages (man pages, 2 threads: 7,100 page faults
    // instead of 4,200), and the first piece's list grows by `mremap` in `join`.
    let capacity = ((to - from) / 6).max((2 << 20) / std::mem::size_of::<Token>());
    let tokens = words_with(view, from, to, capacity, &mut bounds);
    (tokens, bounds)
}

/// The words of `view[from..to]`, in a list with room for `capacity` tokens; gives
/// `sentences` each of its UAX #29 sentence segments and lines, in order (offsets of
/// `view`).
#[inline(always)]
fn words_with(
    view: &str,
    from: usize,
    to: usize,
    capacity: usize,
    sentences: &mut impl tokens::Sentences,
) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(capacity);
    let mut tokeniser = tokens::Tokeniser {
        view,
        from,
        tokens: &mut tokens,
        sentences,
    };
    uax29::bounds(&view[from..to], &mut tokeniser);
    tokens
}

/// The words and the sentence segments of a piece of text (`words_and_bounds`).
type Piece = (Vec<Token>, Vec<(usize, usize)>);

/// The words and segments of pieces side by side, joined in order. The first piece's lists
/// are grown to take the others: its tokens, a block mapped apart (see `cli::alloc`), grow
/// by `mremap` without a copy, where a new list copied every token into fresh pages (on
/// the man pages, 29 MB written twice).
fn join(pieces: Vec<Piece>) -> Piece {
    let tokens_in_all = pieces.iter().map(|(t, _)| t.len()).sum::<usize>();
    let bounds_in_all = pieces.iter().map(|(_, b)| b.len()).sum::<usize>();
    let mut pieces = pieces.into_iter();
    let (mut tokens, mut bounds) = pieces.next().unwrap_or_default();
    tokens.reserve_exact(tokens_in_all - tokens.len());
    bounds.reserve_exact(bounds_in_all - bounds.len());
    for (t, b) in pieces {
        tokens.extend(t);
        bounds.extend(b);
    }
    (tokens, bounds)
}

/// `text` cut into pieces of about `size` bytes, each ending after a line feed (the last
/// one at the end of the text).
fn line_pieces(text: &str, size: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let from = (start + size).min(text.len());
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i + 1);
        out.push((start, end));
        start = end;
    }
    out
}

/// Gives each token the index of the first sentence that ends after its start (the last
/// sentence, or 0, when none does). Tokens and sentences are in order: each sentence takes
/// the tokens that start before its end and were not taken by the sentences before it.
///
/// The same pass lists the tokens with a capital (`rules::Capitalized`), which the rules
/// about names ask of every document, and counts the words (`Document::word_count`): made
/// apart, each was one more pass over the 20 MB of the man pages' tokens (the list about
/// 1 ms a run), where here each token is already read. All at once, by `Assign`, which the
/// splitter gives line by line instead.
fn assign_sentences(
    tokens: &mut [Token],
    sentences: &[Sentence],
) -> (crate::rules::Capitalized, usize) {
    Assign::new().finish(tokens, sentences)
}

/// `assign_sentences` made on the way, as the sentences come: `settle` after each line
/// of the splitter (`segment::Builder`), `finish` at the end. The tokens of a line are
/// still in the caches when they are given their sentence, where `assign_sentences` read
/// and wrote the whole list again (13 MB on the PO text) after the splitter.
///
/// A token's sentence is the first that ends after its start, the last one for the
/// tokens after them all. Sentences come in order and only the last one given so far
/// may still grow (its end moves on when the next segment continues it): a token that
/// starts before its end has its sentence for good; the others wait for the next
/// sentences or for `finish`.
pub(super) struct Assign {
    /// The next token to give its sentence.
    next: usize,
    /// The sentence of the last token given one (`usize::MAX` before the first).
    last: usize,
    listed: crate::rules::Capitalized,
    words: usize,
}

impl Assign {
    pub(super) fn new() -> Assign {
        Assign {
            next: 0,
            last: usize::MAX,
            listed: crate::rules::Capitalized::empty(),
            words: 0,
        }
    }

    /// Gives its sentence to each token from the next one on that starts before the end
    /// of the last of `sentences`. (Out of line, out of the splitter's loop.)
    #[inline(never)]
    pub(super) fn settle(&mut self, tokens: &mut [Token], sentences: &[Sentence]) {
        let Some(end) = sentences.last().map(|s| s.end) else {
            return;
        };
        // (In locals: in the fields, each was stored again at every token, the list's
        // growth being a call that may read them.)
        let (mut k, mut last, mut words) = (self.next, self.last, self.words);
        // (The sentence of the last token given one, or the first, and its end.)
        let mut s = if last == usize::MAX { 0 } else { last };
        let mut ends = sentences[s].end;
        while let Some(t) = tokens.get_mut(k)
            && t.start() < end
        {
            // (Found before the last sentence, whose end is after the start. The end is
            // kept at hand: found from `s` at each token, a chain of loads, each waiting
            // for the one before, 1.35 ms a run on the PO text.)
            if ends <= t.start() {
                while sentences[s].end <= t.start() {
                    s += 1;
                }
                ends = sentences[s].end;
            }
            t.sentence = s as u32;
            self.listed.note(k, t, last == s);
            words += usize::from(t.word);
            last = s;
            k += 1;
        }
        (self.next, self.last, self.words) = (k, last, words);
    }

    /// The tokens from which `settle` has yet to give sentences.
    #[inline(always)]
    pub(super) fn next(&self) -> usize {
        self.next
    }

    /// Gives the tokens left the last of `sentences` (0 when there is none), after
    /// `settle`: the tokens with a capital and the word count.
    pub(super) fn finish(
        mut self,
        tokens: &mut [Token],
        sentences: &[Sentence],
    ) -> (crate::rules::Capitalized, usize) {
        self.settle(tokens, sentences);
        let last = sentences.len().saturating_sub(1);
        let next = self.next;
        for (k, t) in tokens.iter_mut().enumerate().skip(next) {
            self.give(k, t, last);
        }
        (self.listed, self.words)
    }

    #[inline(always)]
    fn give(&mut self, k: usize, t: &mut Token, s: usize) {
        t.sentence = s as u32;
        self.listed.note(k, t, self.last == s);
        self.words += usize::from(t.word);
        self.last = s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-space shortcut of `gap_is_joiner` says what the general test says, on every
    /// gap of random texts.
    #[test]
    fn gaps_are_joiners_as_the_general_test_says() {
        let general = |doc: &Document, start: usize, end: usize| {
            let gap = &doc.view[start..end];
            let mut chars = gap.chars();
            match (chars.next(), chars.next()) {
                (Some('-' | '‑' | '\'' | '’' | 'ʼ'), None) => true,
                _ => gap.chars().all(char::is_whitespace),
            }
        };
        let pieces = [
            " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{1a}", "\u{85}", "\u{a0}",
            "\u{202f}", "-", "‑", "'", "’", "ʼ", ",", ".", "a", "É", "de", "(", "😀",
        ];
        let mut rng = crate::testing::Rng::new(0x6a95);
        for _ in 0..2000 {
            let doc = Document::from_str(&rng.string(&pieces, 30));
            let n = doc.view.len();
            for start in (0..=n).filter(|&i| doc.view.is_char_boundary(i)) {
                for end in (start..=n.min(start + 8)).filter(|&i| doc.view.is_char_boundary(i)) {
                    assert_eq!(
                        doc.gap_is_joiner(start, end),
                        general(&doc, start, end),
                        "{:?}",
                        &doc.view[start..end]
                    );
                }
            }
        }
    }

    /// The text and the view are one string exactly when nothing is masked, and the view
    /// is always the mask applied to the text (random texts, with and without what
    /// `mask_for` masks, with and without segments).
    #[test]
    fn text_and_view_are_shared_only_when_nothing_is_masked() {
        let pieces = [
            " ",
            "\n",
            "\n\n",
            "le",
            "modèle",
            "É",
            ",",
            ".",
            "’",
            "https://a.fr",
            "x@y.fr",
            "`code`",
            "www.b.fr",
            "<!-- c -->",
            "\u{feff}",
        ];
        let mut rng = crate::testing::Rng::new(0x5eed_7e47);
        let (mut shared, mut copied) = (0, 0);
        for round in 0..3000 {
            let text = rng.string(&pieces, 12);
            if text.is_empty() {
                continue;
            }
            let mask = crate::formats::mask_for(Format::Text, &text);
            let doc = if round % 2 == 0 {
                Document::new("<texte>", text.clone(), Format::Text)
            } else {
                Document::with_segments(
                    "<texte>",
                    text.clone(),
                    Format::Text,
                    &mask,
                    &[(0, text.len())],
                )
            };
            assert_eq!(doc.text, text);
            assert_eq!(doc.view, mask.apply(&text), "{text:?}");
            let nothing_masked = mask.ranges().is_empty();
            assert_eq!(
                doc.text.is_shared_with(&doc.view),
                nothing_masked,
                "{text:?}"
            );
            if nothing_masked {
                shared += 1;
            } else {
                copied += 1;
            }
        }
        assert!(
            shared > 100 && copied > 100,
            "{shared} shared, {copied} copied"
        );
    }

    #[test]
    fn a_released_document_keeps_its_word_count_and_text() {
        for at_exit in [false, true] {
            let mut doc = Document::from_str("La puce de Meta, gravée en 3 nm, arrive.");
            let (words, text) = (doc.word_count(), doc.text.clone());
            assert_eq!(words, 8);
            let vocabulary = doc.vocabulary();
            if at_exit {
                doc.release_at_exit();
            } else {
                doc.release();
            }
            assert!(doc.tokens.is_empty() && doc.sentences.is_empty());
            // The memo was emptied: its vocabulary is made again (of no tokens).
            assert!(!std::sync::Arc::ptr_eq(&vocabulary, &doc.vocabulary()));
            assert_eq!(doc.vocabulary().len(), 0);
            assert_eq!(
                (doc.word_count(), doc.text.as_str()),
                (words, text.as_str())
            );
        }
    }

    #[test]
    fn a_memo_value_may_be_made_of_another() {
        struct Outer(usize);
        let doc = Document::from_str("Le modèle et le modèle.");
        // Made while the vocabulary is made inside it: no lock is held across `make`.
        let outer = doc.memo.get_or_init(|| Outer(doc.vocabulary().len()));
        assert_eq!(outer.0, 3);
        // Asked again, from threads at once: one value, made once.
        let made = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    doc.memo.get_or_init(|| {
                        made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        7u8
                    })
                });
            }
        });
        assert_eq!(made.into_inner(), 1);
        assert!(std::sync::Arc::ptr_eq(&doc.vocabulary(), &doc.vocabulary()));
        assert_eq!(doc.memo.get_or_init(|| Outer(0)).0, 3);
    }

    /// `assign_sentences` as it was: one token at a time.
    fn reference_assign(tokens: &mut [Token], sentences: &[Sentence]) {
        let mut s = 0;
        for t in tokens.iter_mut() {
            while s + 1 < sentences.len() && sentences[s].end <= t.start() {
                s += 1;
            }
            t.sentence = s as u32;
        }
    }

    /// The tokens with a capital and their flags, as `rules::capitalized` read them apart
    /// from the tokens with their sentences.
    fn reference_capitals(tokens: &[Token]) -> Vec<(usize, [bool; 5])> {
        (tokens.iter().enumerate())
            .filter(|(_, t)| t.has_upper || t.capitalized || t.all_caps)
            .map(|(i, t)| {
                let inside = i > 0 && tokens[i - 1].sentence == t.sentence;
                (i, [t.word, t.capitalized, t.all_caps, t.has_upper, inside])
            })
            .collect()
    }

    fn capitals(listed: &crate::rules::Capitalized) -> Vec<(usize, [bool; 5])> {
        (listed.iter())
            .map(|(i, f)| {
                let flags = [f.is_word(), f.capitalized(), f.all_caps(), f.has_upper()];
                (
                    i,
                    [flags[0], flags[1], flags[2], flags[3], f.inside_sentence()],
                )
            })
            .collect()
    }

    #[test]
    fn sentences_are_assigned_as_one_token_at_a_time() {
        let pieces = [
            "M. Dupont",
            " ",
            "l’IA",
            ".",
            "\n\n",
            "Fin",
            "!",
            "3,14",
            "« Oui »",
        ];
        let mut rng = crate::testing::Rng::new(0x5851_F42D_4C95_7F2D);
        for _ in 0..5_000 {
            let t = rng.string(&pieces, 20);
            let Split {
                sentences,
                mut tokens,
                ..
            } = sentences_and_tokens(&t);
            let mut expected = tokens.clone();
            reference_assign(&mut expected, &sentences);
            let (listed, words) = assign_sentences(&mut tokens, &sentences);
            assert_eq!(tokens, expected, "{t:?}");
            assert_eq!(capitals(&listed), reference_capitals(&expected), "{t:?}");
            assert_eq!(
                words,
                tokens.iter().filter(|t| t.is_word()).count(),
                "{t:?}"
            );
            // Sentences given out of step with the tokens (none, or cut elsewhere).
            let mut cut = rng.below(t.len() + 1);
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            let other = segment::sentences(&t[..cut]);
            for sentences in [&[][..], &other] {
                reference_assign(&mut expected, sentences);
                let (listed, words) = assign_sentences(&mut tokens, sentences);
                assert_eq!(tokens, expected, "{t:?}");
                assert_eq!(capitals(&listed), reference_capitals(&expected), "{t:?}");
                assert_eq!(words, tokens.iter().filter(|t| t.is_word()).count());
            }
        }
    }

    /// A document's line index is the text's, whatever its mask: the line starts the
    /// splitter notes on the view are taken only when the view has the text's line feeds
    /// (`same_line_feeds`), on random texts under random masks of every kind (hidden
    /// ranges with line feeds among them).
    #[test]
    fn a_masked_document_has_the_lines_of_its_text() {
        let pieces = ["le", " ", "\n", "\r\n", "\n\n", "é", ".", "`x`"];
        let kinds = [MaskKind::Syntax, MaskKind::Content, MaskKind::Hidden];
        let mut rng = crate::testing::Rng::new(0x6C1E_57A2_0D93_B4F1);
        let mut from_starts = 0;
        for _ in 0..3_000 {
            let text = rng.string(&pieces, 30);
            let mut mask = Mask::new();
            for _ in 0..rng.below(4) {
                let start = rng.below(text.len() + 1);
                let end = (start + rng.below(12)).min(text.len());
                let ok = |i: usize| (0..=i).rev().find(|&j| text.is_char_boundary(j));
                let (start, end) = (ok(start).unwrap_or(0), ok(end).unwrap_or(0));
                mask.add(start, end, kinds[rng.below(3)]);
            }
            from_starts += usize::from(same_line_feeds(&text, &mask));
            let doc = Document::with_mask("<texte>", text.clone(), Format::Text, &mask);
            assert_eq!(
                doc.lines.starts,
                LineIndex::new(&text).starts,
                "{text:?} {:?}",
                mask.ranges()
            );
        }
        // Both ways are taken.
        assert!((500..2_900).contains(&from_starts), "{from_starts}");
    }

    /// The sentences made as the splitter finds their segments are those made from the
    /// list of the segments, and the words those of `tokenize` with the sentences,
    /// capitals and word count `assign_sentences` gives them all at once (where the
    /// splitter's `Assign` gives them line by line), on random texts.
    #[test]
    fn sentences_made_on_the_way_are_those_of_the_segments() {
        let pieces = [
            "M. Dupont",
            " ",
            "p. ex.",
            "l’IA",
            ".",
            "\n",
            "\n\n",
            " \t\r\n",
            "Fin",
            "!",
            "?",
            "3,14",
            "« Oui »",
            "Mme.",
            "X.",
            "\u{A0}",
            "\u{2028}",
            "😀",
        ];
        let mut rng = crate::testing::Rng::new(0x2F6B_1D3A_9C4E_0B57);
        let whole = super::tokens::tests::VARIED;
        for t in
            std::iter::once(whole.to_string()).chain((0..5_000).map(|_| rng.string(&pieces, 24)))
        {
            let mut bounds = Vec::new();
            uax29::sentence_bounds(&t, |s, e| bounds.push((s, e)));
            let Split {
                sentences,
                tokens,
                listed,
                words,
                line_starts,
            } = sentences_and_tokens(&t);
            assert_eq!(line_starts, Some(LineIndex::new(&t).starts), "{t:?}");
            let expected_sentences = segment::from_bounds(&t, &bounds);
            let mut expected = tokenize(&t, 0, t.len());
            let (expected_listed, expected_words) =
                assign_sentences(&mut expected, &expected_sentences);
            assert_eq!((sentences, tokens), (expected_sentences, expected), "{t:?}");
            assert_eq!(capitals(&listed), capitals(&expected_listed), "{t:?}");
            assert_eq!(words, expected_words, "{t:?}");
        }
    }

    #[test]
    fn pieces_of_lines_cut_as_the_whole() {
        let text = include_str!("../../corpus/meta-puce-ia.fr.txt").repeat(3);
        let whole = words_and_bounds(&text, 0, text.len());
        for size in [1, 50, 700, text.len()] {
            let pieces = line_pieces(&text, size);
            assert_eq!(pieces.first().map(|p| p.0), Some(0));
            assert_eq!(pieces.last().map(|p| p.1), Some(text.len()));
            let (mut tokens, mut bounds) = (Vec::new(), Vec::new());
            let mut cut = Vec::new();
            for (a, b) in pieces {
                let (t, s) = words_and_bounds(&text, a, b);
                tokens.extend(t.iter().cloned());
                bounds.extend(s.iter().copied());
                cut.push((t, s));
            }
            assert_eq!(join(cut), whole, "pieces of {size} bytes, joined");
            assert_eq!((tokens, bounds), whole, "pieces of {size} bytes");
        }
    }
}
