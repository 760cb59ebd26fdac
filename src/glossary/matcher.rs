/*! The compiled glossary: every pattern of every entry, tokenised like a text and expanded
to its inflected forms, indexed by its first word. Matching is one hash look-up per token of
the text, then a check of the following tokens; no regular expression, no re-search. */

mod cache;
#[cfg(test)]
pub(crate) use cache::key as compiled_key;
pub(crate) use cache::{dir as cache_dir, prune as prune_cache};

use super::inflect::{self, Mode};
use super::model::*;
use crate::diagnostic::Span;
use crate::document::{Document, tokenize_phrase};
use std::collections::HashMap;

/// Numbers built by compiling, or read in place from a compiled glossary on disk (see
/// `cache`): the file is mapped, not copied.
type Words<T> = std::borrow::Cow<'static, [T]>;

/// A hash map with a fast, fixed hasher (compile-time tables; keys come from glossaries).
type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// What a pattern stands for in the glossary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Approved { term: u32, index: u32 },
    Forbidden { term: u32, index: u32 },
    Source { term: u32, index: u32 },
    Expression { expr: u32, index: u32 },
    Overuse { overuse: u32 },
    EntityName { entity: u32 },
    EntityAlso { entity: u32, index: u32 },
    EntityFullName { entity: u32 },
    EntityWrong { entity: u32, index: u32 },
    Context { phrase: u32 },
}

impl Target {
    /// A right form of an entity: its name, full name or another admitted spelling.
    pub fn is_entity_form(self) -> bool {
        matches!(
            self,
            Target::EntityName { .. } | Target::EntityFullName { .. } | Target::EntityAlso { .. }
        )
    }
}

/// One occurrence of a pattern: tokens `first..=last` of the document, and its bytes
/// `start..end` (`span`). In 32 bits (a document holds less than 4 GiB,
/// `Document::MAX_LEN`): 28 bytes where it was 48, as a termbase's search writes a hit for
/// most words (273,589 on the PO text with the 100k termbase: 13 MB of fresh memory, read
/// again by the rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    first: u32,
    last: u32,
    start: u32,
    end: u32,
}

// The size the comment above counts on.
const _: () = assert!(std::mem::size_of::<Hit>() == 28);

impl Hit {
    /// The hit of `target` on tokens `first..=last`, bytes `span`.
    #[inline]
    pub fn new(target: Target, first: usize, last: usize, span: Span) -> Hit {
        debug_assert!(span.end <= crate::document::Document::MAX_LEN && first <= last);
        Hit {
            target,
            first: first as u32,
            last: last as u32,
            start: span.start as u32,
            end: span.end as u32,
        }
    }
    /// Index of its first token.
    #[inline]
    pub fn first(&self) -> usize {
        self.first as usize
    }
    /// Index of its last token.
    #[inline]
    pub fn last(&self) -> usize {
        self.last as usize
    }
    /// Its bytes in the text.
    #[inline]
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }
}

/// True for the target of a context phrase.
fn is_context(t: &Target) -> bool {
    matches!(t, Target::Context { .. })
}

/// What a rule's context asks of the context phrases once the other hits are known
/// (`CompiledGlossary::find_apart`).
#[derive(Debug, Clone, Default)]
pub struct Asked {
    /// Per context phrase (by id): whether its occurrences are needed.
    pub phrases: Vec<bool>,
    /// The tokens to look in: ranges `from..to`, in order and apart (none overlaps
    /// another), each made of whole sentences.
    pub ranges: Vec<(usize, usize)>,
}

/// Context phrases of a variant, as ids into the compiled context phrases.
#[derive(Debug, Clone, Default)]
pub struct CtxIds {
    pub when: Vec<u32>,
    pub unless: Vec<u32>,
    pub scope: Scope,
}

impl CtxIds {
    fn is_empty(&self) -> bool {
        self.when.is_empty() && self.unless.is_empty() && self.scope == Scope::default()
    }
}

/// The context phrases of every forbidden variant, by term and variant, in three flat
/// vectors: most variants have none (a termbase's never do) and share one empty entry, so
/// that a termbase's 100,000 terms take no allocation each.
#[derive(Debug, Clone)]
pub struct VariantContexts {
    /// Per term, the index in `of` of its first variant; one more at the end. (This and
    /// `of` are used in place from the compiled cache.)
    first: Words<u32>,
    /// Per variant, the index of its context in `contexts`.
    of: Words<u32>,
    /// The contexts that are not empty, after the empty one.
    contexts: Vec<CtxIds>,
}

impl Default for VariantContexts {
    fn default() -> Self {
        VariantContexts {
            first: vec![0].into(),
            of: Words::default(),
            contexts: vec![CtxIds::default()],
        }
    }
}

impl VariantContexts {
    /// Room for this many terms.
    pub fn with_capacity(terms: usize) -> Self {
        let mut v = VariantContexts::default();
        v.first.to_mut().reserve_exact(terms);
        v.of.to_mut().reserve(terms);
        v
    }
    /// The tables read back from the cache, if they fit together: offsets of the
    /// variants (`cache::valid_offsets`) and context indices in range.
    fn from_parts(
        first: Words<u32>,
        of: Words<u32>,
        contexts: Vec<CtxIds>,
    ) -> Option<VariantContexts> {
        // (One number per term and per variant: cheap beside the matcher's tables.)
        let fits = cache::valid_offsets(&first, of.len())
            && of.iter().all(|&c| (c as usize) < contexts.len())
            && contexts.first().is_some_and(CtxIds::is_empty);
        fits.then_some(VariantContexts {
            first,
            of,
            contexts,
        })
    }
    /// Adds the context of the next variant of the term being added.
    pub fn push(&mut self, c: CtxIds) {
        if c.is_empty() {
            self.of.to_mut().push(0);
        } else {
            self.of.to_mut().push(self.contexts.len() as u32);
            self.contexts.push(c);
        }
    }
    /// Ends the term being added: the variants pushed since the last end are its own.
    pub fn end_term(&mut self) {
        let n = self.of.len() as u32;
        self.first.to_mut().push(n);
    }
    /// The number of terms.
    pub fn len(&self) -> usize {
        self.first.len() - 1
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The contexts of one term's variants, in order.
    pub fn of_term(&self, term: u32) -> impl ExactSizeIterator<Item = &CtxIds> {
        let (a, b) = (self.first[term as usize], self.first[term as usize + 1]);
        self.of[a as usize..b as usize]
            .iter()
            .map(|&c| &self.contexts[c as usize])
    }
    /// The context of a term's variant.
    pub fn get(&self, term: u32, index: u32) -> &CtxIds {
        let at = self.first[term as usize] + index;
        debug_assert!(at < self.first[term as usize + 1]);
        &self.contexts[self.of[at as usize] as usize]
    }
}

/// Every generated form, once: the bytes of all forms in one arena and a hash table of form
/// ids, so that a million forms cost a few bytes each and no allocation.
///
/// The table is open addressing with linear probing over a power-of-two number of slots:
/// per slot a tag (0 when empty, else 7 bits of the form's hash) and the form's id, so that
/// a probe compares bytes only when the tags agree. It is plain numbers, written as is in
/// the cache and used in place from it, without hashing a form again.
#[derive(Debug, Default)]
struct FormTable {
    arena: Words<u8>,
    /// Form `i` is `arena[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Words<u32>,
    tags: Words<u8>,
    ids: Words<u32>,
}

fn hash_bytes(b: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x5EED_F0A4).hash_one(b)
}

/// The tag of a hash: never 0, which marks an empty slot.
fn tag_of(h: u64) -> u8 {
    0x80 | (h >> 57) as u8
}

impl FormTable {
    /// The bytes of form `id` (none for an id that names no form: never met, see
    /// `from_parts`).
    fn form(&self, id: u32) -> &[u8] {
        let i = id as usize;
        let start = match i.checked_sub(1) {
            None => 0,
            Some(p) => self.ends.get(p).map_or(0, |&e| e as usize),
        };
        let end = self.ends.get(i).map_or(0, |&e| e as usize);
        self.arena.get(start..end).unwrap_or_default()
    }

    fn get(&self, s: &str) -> Option<u32> {
        self.get_hashed(s, hash_bytes(s.as_bytes()))
    }

    /// `get` of `s`, of hash `h` (`hash_bytes`).
    fn get_hashed(&self, s: &str, h: u64) -> Option<u32> {
        let s = s.as_bytes();
        find_id(&self.tags, &self.ids, h, |id| {
            crate::lexicon::same_bytes(self.form(id), s)
        })
    }

    /// The hash of `s`, its first slot asked of the memory ahead of `get_hashed` (see
    /// `prefetch`).
    fn hash_ahead(&self, s: &str) -> u64 {
        let h = hash_bytes(s.as_bytes());
        if !self.tags.is_empty() {
            let i = h as usize & (self.tags.len() - 1);
            prefetch(&self.tags[i]);
            prefetch(&self.ids[i]);
        }
        h
    }

    /// Puts form `id` in the first free slot from its hash's.
    fn place(tags: &mut [u8], ids: &mut [u32], h: u64, id: u32) {
        let mask = tags.len() - 1;
        let mut i = h as usize & mask;
        while tags[i] != 0 {
            i = (i + 1) & mask;
        }
        tags[i] = tag_of(h);
        ids[i] = id;
    }

    /// The id of `s`, of hash `h` (`hash_bytes`), added if new. `hashes` holds the hash of
    /// every form (by id; kept by the caller), so that growing hashes no form again.
    fn intern_hashed(&mut self, s: &str, h: u64, hashes: &mut Vec<u64>) -> u32 {
        let found = find_id(&self.tags, &self.ids, h, |id| {
            crate::lexicon::same_bytes(self.form(id), s.as_bytes())
        });
        if let Some(id) = found {
            return id;
        }
        let id = self.ends.len() as u32;
        debug_assert_eq!(hashes.len(), self.ends.len());
        hashes.push(h);
        self.arena.to_mut().extend_from_slice(s.as_bytes());
        self.ends.to_mut().push(self.arena.len() as u32);
        // At most five slots in eight taken.
        if self.ends.len() * 8 > self.tags.len() * 5 {
            let n = (self.tags.len() * 2).max(64);
            let (mut tags, mut ids) = (vec![0u8; n], vec![0u32; n]);
            for (i, &t) in self.tags.iter().enumerate() {
                if t != 0 {
                    let other = self.ids[i];
                    Self::place(&mut tags, &mut ids, hashes[other as usize], other);
                }
            }
            self.tags = tags.into();
            self.ids = ids.into();
        }
        Self::place(self.tags.to_mut(), self.ids.to_mut(), h, id);
        id
    }

    /// The second step of `hash_ahead`, once the slot of `h` is in the caches: the form
    /// its first slot with `h`'s tag names (the one `get_hashed` finds, nearly always),
    /// whose place in the arena is asked for.
    fn id_ahead(&self, h: u64) -> Option<u32> {
        if self.tags.is_empty() {
            return None;
        }
        let (tag, mask) = (tag_of(h), self.tags.len() - 1);
        let mut i = h as usize & mask;
        // (A few slots from the first: a run of taken slots is short.)
        for _ in 0..4 {
            match self.tags[i] {
                0 => return None,
                t if t == tag => {
                    let id = self.ids[i];
                    if let Some(end) = self.ends.get(id as usize) {
                        prefetch(end);
                    }
                    return Some(id);
                }
                _ => i = (i + 1) & mask,
            }
        }
        None
    }

    /// The third step: the bytes of form `id` are asked for.
    fn form_ahead(&self, id: u32) {
        let start = match (id as usize).checked_sub(1) {
            None => 0,
            Some(p) => self.ends.get(p).map_or(0, |&e| e as usize),
        };
        if let Some(b) = self.arena.get(start) {
            prefetch(b);
        }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// A table read back from the cache, if its parts fit together: ends within the
    /// arena, and a power-of-two table with more slots than there are forms.
    /// The slots themselves are not read: the file's checksum says they are those this
    /// code wrote (scanning a termbase's millions of slots cost 27 M instructions a run).
    fn from_parts(
        arena: Words<u8>,
        ends: Words<u32>,
        tags: Words<u8>,
        ids: Words<u32>,
    ) -> Option<FormTable> {
        let n = ends.len();
        if ends.last().is_some_and(|&e| e as usize > arena.len())
            || !tags.len().is_power_of_two()
            || tags.len() != ids.len()
            || tags.len() <= n
        {
            return None;
        }
        Some(FormTable {
            arena,
            ends,
            tags,
            ids,
        })
    }
}

/// Lists of numbers stored one after the other: list `i` is `items[off[i]..off[i + 1]]`.
#[derive(Debug)]
struct Lists<T: Clone + 'static> {
    off: Words<u32>,
    items: Words<T>,
}

impl<T: Clone> Default for Lists<T> {
    fn default() -> Self {
        Lists {
            off: Words::default(),
            items: Words::default(),
        }
    }
}

impl<T: Copy> Lists<T> {
    fn get(&self, i: u32) -> &[T] {
        let (a, b) = self.range(i);
        &self.items[a..b]
    }

    /// Where list `i` lies in `items` (empty for a list that does not exist).
    fn range(&self, i: u32) -> (usize, usize) {
        let i = i as usize;
        match (self.off.get(i), self.off.get(i + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        }
    }
}

/// The compiled patterns: forms → lemmas → patterns that start with the lemma.
#[derive(Debug, Default)]
struct Matcher {
    forms: FormTable,
    /// Form id → the lemmas it is a form of, in the order the lemmas were made.
    form_lemmas: Lists<u32>,
    /// Lemma id → the patterns whose first word it is, sorted by their second lemma
    /// (`ANY_WORD`, then `SINGLE` for one-word patterns, come last), then by id.
    by_first: Lists<u32>,
    /// Beside each item of `by_first`: the pattern's second lemma, `ANY_WORD`, or `SINGLE`.
    /// The patterns the next token allows are found by bisection, without reading the
    /// others (a termbase's frequent first words start hundreds of patterns).
    by_first_second: Words<u32>,
    /// Pattern id → its lemmas.
    pattern_lemmas: Lists<u32>,
    /// Pattern id → what it stands for, each target as the cache holds it (a tag and two
    /// numbers, see `cache::encode_target`): used in place from the mapped cache, where
    /// decoding a termbase's 355,000 targets into a list took 4 MB (1,000 page faults) and
    /// 6 M instructions on every run. Read through `targets`.
    pattern_targets: Lists<[u32; 3]>,
    /// Context phrase id → its patterns (`Matcher::patterns_by_phrase`), kept with the
    /// compiled glossary: worked out from every pattern's targets, it read a termbase's
    /// 355,000 (10.3 M instructions and 4 MB of the cache touched) on every run whose hits
    /// asked for a context phrase.
    phrase_patterns: Lists<u32>,
}

// A look-up in a termbase's tables waits for the memory at each step, and the look-ups of a
// document's words are independent, so one word's steps are asked for (`prefetch`) while
// earlier words are looked up (see `WordMemo::add_ahead`).
use crate::hint::prefetch;

/// Looks up an open-addressing table of ids (a tag per slot: 0 when empty, else 7 bits
/// of the hash): the id of hash `h` that `same` recognises.
fn find_id(tags: &[u8], ids: &[u32], h: u64, mut same: impl FnMut(u32) -> bool) -> Option<u32> {
    if tags.is_empty() {
        return None;
    }
    let tag = tag_of(h);
    let mask = tags.len() - 1;
    let mut i = h as usize & mask;
    // (At most every slot once: a table always has an empty one, but one read from a file
    // is not scanned for it, see `FormTable::from_parts`.)
    for _ in 0..tags.len() {
        let t = tags[i];
        if t == 0 {
            return None;
        }
        if t == tag && same(ids[i]) {
            return Some(ids[i]);
        }
        i = (i + 1) & mask;
    }
    None
}

/// An open-addressing table of ids by hash, for the builder: per slot a tag (0 when
/// empty, else 7 bits of the hash) and an id; the caller compares what the ids stand for.
/// The hash of every id is kept, so that growing never hashes a key again.
#[derive(Debug, Default)]
struct IdTable {
    tags: Vec<u8>,
    ids: Vec<u32>,
    /// Id → its hash.
    hashes: Vec<u64>,
}

impl IdTable {
    /// The id whose key `same` recognises among those of hash `h`.
    fn find(&self, h: u64, same: impl FnMut(u32) -> bool) -> Option<u32> {
        find_id(&self.tags, &self.ids, h, same)
    }

    /// Adds the next id (ids are given in order from 0), of hash `h`.
    fn push(&mut self, h: u64) {
        let id = self.hashes.len() as u32;
        self.hashes.push(h);
        // At most five slots in eight taken.
        if self.hashes.len() * 8 > self.tags.len() * 5 {
            let n = (self.tags.len() * 2).max(64);
            self.tags = vec![0; n];
            self.ids = vec![0; n];
            for (other, &h) in self.hashes.iter().enumerate() {
                FormTable::place(&mut self.tags, &mut self.ids, h, other as u32);
            }
        } else {
            FormTable::place(&mut self.tags, &mut self.ids, h, id);
        }
    }

    fn with_capacity(n: usize) -> IdTable {
        let slots = (n * 8 / 5 + 1).next_power_of_two().max(64);
        IdTable {
            tags: vec![0; slots],
            ids: vec![0; slots],
            hashes: Vec::with_capacity(n),
        }
    }
}

/// No lemma yet (in `Builder::class_lemmas`).
const NO_LEMMA: u32 = u32::MAX;

/// The matcher while patterns are added; `finish` packs it.
#[derive(Debug)]
struct Builder {
    forms: FormTable,
    /// Form id → its hash (see `FormTable::intern_hashed`).
    form_hashes: Vec<u64>,
    /// Form id → its first lemma; further lemmas (rare) in `more_lemmas`.
    first_lemma: Vec<u32>,
    more_lemmas: FastMap<u32, Vec<u32>>,
    /// The lemmas of words, by the hash of the word: a lemma is its word and its mode.
    word_lemmas: IdTable,
    /// Per entry of `word_lemmas`: its lemma id, its mode and where its word is in
    /// `word_text`.
    word_keys: Vec<(u32, Mode, u32, u32)>,
    word_text: String,
    /// Lemma id → what it stands for. The forms of the lemmas are recorded once every
    /// pattern is added (see `add_forms`), in this order, so that a form's id is what it
    /// would be had the forms been recorded as each lemma was made.
    lemmas: Vec<Lemma>,
    /// Class index → the lemma of the class (every class is of mode `Exact`), or `NO_LEMMA`.
    class_lemmas: [u32; inflect::CLASS_COUNT],
    lemma_count: u32,
    /// Pattern `i` is `pattern_items[pattern_ends[i - 1]..pattern_ends[i]]`.
    pattern_items: Vec<u32>,
    pattern_ends: Vec<u32>,
    /// Pattern ids by the hash of their lemmas.
    pattern_ids: IdTable,
    /// Every (pattern, target) added, in order, duplicates included: grouped by pattern
    /// (and the duplicates dropped) by `finish`.
    targets: Vec<(u32, Target)>,
    /// The lemmas of the pattern being added (kept for its room).
    scratch: Vec<u32>,
    /// The lemmas of the words of the chunk being added (kept for its room).
    chunk_lemmas: Vec<u32>,
}

fn hash_lemmas(lemmas: &[u32]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x5EED_F0A4).hash_one(lemmas)
}

/// The single normalised word of a phrase part made of ASCII letters and digits and of
/// lower-case accented Latin letters, as `tokenize_phrase` would return it (such a part is
/// one UAX #29 word, NFC, with no apostrophe to split): `None` for any other part.
fn plain_word(part: &str) -> Option<std::borrow::Cow<'_, str>> {
    let mut upper = false;
    for c in part.chars() {
        match c {
            'a'..='z' | '0'..='9' => {}
            'A'..='Z' => upper = true,
            'à' | 'â' | 'ä' | 'ç' | 'é' | 'è' | 'ê' | 'ë' | 'î' | 'ï' | 'ô' | 'ö' | 'ù' | 'û'
            | 'ü' | 'ÿ' | 'œ' | 'æ' => {}
            _ => return None,
        }
    }
    if part.is_empty() {
        return None;
    }
    Some(if upper {
        part.to_ascii_lowercase().into()
    } else {
        part.into()
    })
}

/// Calls `f` with each word of a phrase, tokenised like a text (`None` for a `*`, which
/// stands for any one word).
fn for_each_word(phrase: &str, mut f: impl FnMut(Option<&str>)) {
    for part in phrase.split_whitespace() {
        if part == "*" {
            f(None);
        } else if let Some(w) = plain_word(part) {
            f(Some(&w));
        } else {
            for w in tokenize_phrase(part) {
                f(Some(&w));
            }
        }
    }
}

/// One phrase for the builder to add: `compile` lists them in the order it adds them.
struct Add<'a> {
    phrase: std::borrow::Cow<'a, str>,
    mode: Mode,
    target: Target,
    /// Whether the phrase goes to `empty_patterns` when it holds no word.
    noted: bool,
}

/// Calls `take` with what `prepare` makes of each chunk of `items` (`chunk` items each),
/// and the chunk, in order. When the pool has threads, chunks are prepared in parallel,
/// `batch` at a time, each batch while `take` runs on the one before: `take` is the serial
/// part, and the batches bound what is prepared and not yet taken.
fn pipeline<T: Sync, P: Send>(
    items: &[T],
    chunk: usize,
    batch: usize,
    prepare: impl Fn(&[T]) -> P + Sync + Send,
    mut take: impl FnMut(P, &[T]) + Send,
) {
    if rayon::current_num_threads() > 1 && items.len() > chunk {
        use rayon::prelude::*;
        let batches: Vec<&[T]> = items.chunks(chunk * batch).collect();
        let run = |b: &[T]| -> Vec<P> { b.par_chunks(chunk).map(&prepare).collect() };
        let mut ready = run(batches[0]);
        for (i, b) in batches.iter().enumerate() {
            let next = batches.get(i + 1).copied();
            let now = std::mem::take(&mut ready);
            let ((), prepared) = rayon::join(
                || {
                    for (p, c) in now.into_iter().zip(b.chunks(chunk)) {
                        take(p, c);
                    }
                },
                || next.map(&run).unwrap_or_default(),
            );
            ready = prepared;
        }
    } else {
        for c in items.chunks(chunk) {
            take(prepare(c), c);
        }
    }
}

/// A word of a chunk of phrases, as `Tokenised` finds it.
#[derive(Debug, Clone, Copy)]
enum ChunkWord {
    /// A function word of the class of this index (see `inflect::class_index`).
    Class(usize),
    /// Another word: its mode, its hash (`hash_bytes`) and where it is in `Tokenised::text`.
    Word {
        mode: Mode,
        hash: u64,
        start: u32,
        end: u32,
    },
}

/// The words of a chunk of phrases, tokenised apart from the builder, so that chunks can
/// be tokenised in parallel.
#[derive(Debug, Default)]
struct Tokenised {
    /// The distinct words of the chunk (a function word by its class, another word with
    /// its mode), in the order they first occur.
    words: Vec<ChunkWord>,
    /// The words, end to end.
    text: String,
    /// Per phrase, its words (indices into `words`, `ANY_WORD` for a `*`): phrase `i` is
    /// `items[ends[i - 1]..ends[i]]`.
    items: Vec<u32>,
    ends: Vec<u32>,
}

impl Tokenised {
    fn new(chunk: &[Add]) -> Tokenised {
        let mut t = Tokenised::default();
        // The index in `words` of a function word's class, if it occurred.
        let mut classes = [NO_LEMMA; inflect::CLASS_COUNT];
        // Other words by hash: ids index `others`, which holds their place in `words`.
        let mut table = IdTable::default();
        let mut others: Vec<u32> = Vec::new();
        for add in chunk {
            for_each_word(&add.phrase, |w| {
                let Some(w) = w else {
                    t.items.push(ANY_WORD);
                    return;
                };
                let item = if let Some(class) = inflect::class_index(w) {
                    if classes[class] == NO_LEMMA {
                        classes[class] = t.words.len() as u32;
                        t.words.push(ChunkWord::Class(class));
                    }
                    classes[class]
                } else {
                    let h = hash_bytes(w.as_bytes());
                    let found = table.find(h, |e| match t.words[others[e as usize] as usize] {
                        ChunkWord::Word {
                            mode, start, end, ..
                        } => mode == add.mode && t.word(start, end) == w,
                        ChunkWord::Class(_) => false,
                    });
                    match found {
                        Some(e) => others[e as usize],
                        None => {
                            let id = t.words.len() as u32;
                            let start = t.text.len() as u32;
                            t.text.push_str(w);
                            t.words.push(ChunkWord::Word {
                                mode: add.mode,
                                hash: h,
                                start,
                                end: t.text.len() as u32,
                            });
                            table.push(h);
                            others.push(id);
                            id
                        }
                    }
                };
                t.items.push(item);
            });
            t.ends.push(t.items.len() as u32);
        }
        t
    }

    fn word(&self, start: u32, end: u32) -> &str {
        &self.text[start as usize..end as usize]
    }

    /// The words of phrase `i`.
    fn phrase(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.items[start..self.ends[i] as usize]
    }
}

/// What a lemma stands for (see `Builder::lemmas`).
#[derive(Debug, Clone, Copy)]
enum Lemma {
    /// The function words of the class of this index.
    Class(usize),
    /// A word with its mode: the next entry of `Builder::word_keys`.
    Word,
}

/// The forms of a run of words, inflected apart from the builder (in parallel): word `i`
/// has the forms `forms[ends[i - 1]..ends[i]]`, each (start, end, hash) in `text`.
#[derive(Debug, Default)]
struct Inflected {
    text: String,
    forms: Vec<(u32, u32, u64)>,
    ends: Vec<u32>,
}

impl Inflected {
    /// The forms of `words`, each (start, end, mode) in `text`.
    fn new(words: &[(u32, u32, Mode)], text: &str) -> Inflected {
        let mut out = Inflected::default();
        let mut scratch = inflect::Forms::default();
        for &(a, b, mode) in words {
            inflect::forms_into(&text[a as usize..b as usize], mode, &mut scratch);
            for f in scratch.iter() {
                let start = out.text.len() as u32;
                out.text.push_str(f);
                let end = out.text.len() as u32;
                out.forms.push((start, end, hash_bytes(f.as_bytes())));
            }
            out.ends.push(out.forms.len() as u32);
        }
        out
    }

    /// The forms of word `i`, with their hashes.
    fn of(&self, i: usize) -> impl Iterator<Item = (&str, u64)> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.forms[start..self.ends[i] as usize]
            .iter()
            .map(|&(a, b, h)| (&self.text[a as usize..b as usize], h))
    }
}

/// Phrases per chunk that `Tokenised` takes (a termbase's 100,000 concepts make some
/// 400,000 phrases), and words per chunk that `Inflected` takes.
const PHRASE_CHUNK: usize = 2048;
const WORD_CHUNK: usize = 1024;

/// Chunks prepared at once (see `pipeline`).
const BATCH: usize = 8;

impl Builder {
    /// A builder with room for about `phrases` patterns.
    fn with_capacity(phrases: usize) -> Builder {
        Builder {
            forms: FormTable::default(),
            form_hashes: Vec::new(),
            first_lemma: Vec::new(),
            more_lemmas: FastMap::default(),
            word_lemmas: IdTable::default(),
            word_keys: Vec::new(),
            word_text: String::new(),
            lemmas: Vec::new(),
            class_lemmas: [NO_LEMMA; inflect::CLASS_COUNT],
            lemma_count: 0,
            pattern_items: Vec::with_capacity(phrases * 2),
            pattern_ends: Vec::with_capacity(phrases),
            pattern_ids: IdTable::with_capacity(phrases),
            targets: Vec::with_capacity(phrases),
            scratch: Vec::new(),
            chunk_lemmas: Vec::new(),
        }
    }

    /// Records that `form`, of hash `h` (`hash_bytes`), is a form of lemma `id`.
    fn add_form(&mut self, form: &str, h: u64, id: u32) {
        let form = self.forms.intern_hashed(form, h, &mut self.form_hashes);
        if form as usize == self.first_lemma.len() {
            self.first_lemma.push(id);
        } else if self.first_lemma[form as usize] != id {
            let more = self.more_lemmas.entry(form).or_default();
            if !more.contains(&id) {
                more.push(id);
            }
        }
    }

    fn new_lemma(&mut self, what: Lemma) -> u32 {
        let id = self.lemma_count;
        self.lemma_count += 1;
        self.lemmas.push(what);
        id
    }

    /// The lemma of the function words of class `class`, made the first time.
    fn class_lemma(&mut self, class: usize) -> u32 {
        if self.class_lemmas[class] == NO_LEMMA {
            self.class_lemmas[class] = self.new_lemma(Lemma::Class(class));
        }
        self.class_lemmas[class]
    }

    /// The lemma of `word` (of hash `h`) in `mode`, made the first time.
    fn word_lemma(&mut self, word: &str, mode: Mode, h: u64) -> u32 {
        let (keys, text) = (&self.word_keys, &self.word_text);
        let found = self.word_lemmas.find(h, |e| {
            let (_, m, a, b) = keys[e as usize];
            m == mode && text.as_bytes()[a as usize..b as usize] == *word.as_bytes()
        });
        if let Some(e) = found {
            return self.word_keys[e as usize].0;
        }
        let id = self.new_lemma(Lemma::Word);
        let start = self.word_text.len() as u32;
        self.word_text.push_str(word);
        self.word_keys
            .push((id, mode, start, self.word_text.len() as u32));
        self.word_lemmas.push(h);
        id
    }

    /// Adds a phrase; returns false when it holds no word. A `*` between two words stands
    /// for any one word (« adresser * problème »); one at either end is dropped. (What
    /// `add_all` does, one phrase at a time, but for the forms, which `add_forms` records:
    /// kept to test it against.)
    #[cfg(test)]
    fn add(&mut self, phrase: &str, mode: Mode, target: Target) -> bool {
        let mut lemmas = Vec::new();
        for_each_word(phrase, |w| {
            let l = match w {
                None => ANY_WORD,
                Some(w) => match inflect::class_index(w) {
                    Some(class) => self.class_lemma(class),
                    None => self.word_lemma(w, mode, hash_bytes(w.as_bytes())),
                },
            };
            lemmas.push(l);
        });
        self.add_lemmas(lemmas, target)
    }

    /// Adds the phrases in order, then the forms of their words, and tells for each phrase
    /// whether it held a word. The phrases are tokenised and the words inflected apart from
    /// the builder, by chunks (in parallel when the pool has threads, see `pipeline`); the
    /// builder takes them in order, so that every id is the one a single pass gives,
    /// whatever the number of threads.
    fn add_all(&mut self, adds: &[Add]) -> Vec<bool> {
        self.add_all_in(adds, PHRASE_CHUNK, WORD_CHUNK, BATCH)
    }

    /// `add_all`, with these chunks and batches.
    fn add_all_in(
        &mut self,
        adds: &[Add],
        phrases: usize,
        words: usize,
        batch: usize,
    ) -> Vec<bool> {
        let mut ok = Vec::with_capacity(adds.len());
        pipeline(adds, phrases, batch, Tokenised::new, |t, chunk| {
            self.add_tokenised(&t, chunk, &mut ok)
        });
        self.add_forms(words, batch);
        ok
    }

    /// Adds the phrases of `chunk`, tokenised in `t`; pushes to `ok` whether each held a
    /// word.
    fn add_tokenised(&mut self, t: &Tokenised, chunk: &[Add], ok: &mut Vec<bool>) {
        // The lemma of each word, in the order the words first occur: the order in which
        // a pass over the phrases, word by word, meets them.
        let mut lemma_of = std::mem::take(&mut self.chunk_lemmas);
        lemma_of.clear();
        for w in &t.words {
            let l = match *w {
                ChunkWord::Class(class) => self.class_lemma(class),
                ChunkWord::Word {
                    mode,
                    hash,
                    start,
                    end,
                } => self.word_lemma(t.word(start, end), mode, hash),
            };
            lemma_of.push(l);
        }
        for (i, add) in chunk.iter().enumerate() {
            let mut lemmas = std::mem::take(&mut self.scratch);
            lemmas.clear();
            lemmas.extend(t.phrase(i).iter().map(|&w| {
                if w == ANY_WORD {
                    ANY_WORD
                } else {
                    lemma_of[w as usize]
                }
            }));
            ok.push(self.add_lemmas(lemmas, add.target));
        }
        self.chunk_lemmas = lemma_of;
    }

    /// Records the forms of every lemma, in the order the lemmas were made; the words are
    /// inflected by chunks of `words` (see `pipeline`).
    fn add_forms(&mut self, words: usize, batch: usize) {
        let lemmas = std::mem::take(&mut self.lemmas);
        let text = std::mem::take(&mut self.word_text);
        let keys: Vec<(u32, u32, Mode)> = self
            .word_keys
            .iter()
            .map(|&(_, m, a, b)| (a, b, m))
            .collect();
        // The next lemma whose forms to record.
        let mut next = 0;
        let classes_up_to = |b: &mut Builder, next: &mut usize| {
            while let Some(&Lemma::Class(class)) = lemmas.get(*next) {
                for f in inflect::class_at(class) {
                    b.add_form(f, hash_bytes(f.as_bytes()), *next as u32);
                }
                *next += 1;
            }
        };
        pipeline(
            &keys,
            words,
            batch,
            |ws| Inflected::new(ws, &text),
            |inflected, ws| {
                for i in 0..ws.len() {
                    classes_up_to(self, &mut next);
                    debug_assert!(matches!(lemmas[next], Lemma::Word));
                    for (f, h) in inflected.of(i) {
                        self.add_form(f, h, next as u32);
                    }
                    next += 1;
                }
            },
        );
        classes_up_to(self, &mut next);
        debug_assert_eq!(next, lemmas.len());
    }

    /// Adds the pattern of these lemmas (`ANY_WORD` for a `*`) for `target`; returns false
    /// when it holds no word. `lemmas` is kept as `scratch`.
    fn add_lemmas(&mut self, mut lemmas: Vec<u32>, target: Target) -> bool {
        while lemmas.last() == Some(&ANY_WORD) {
            lemmas.pop();
        }
        let lead = lemmas.iter().take_while(|&&l| l == ANY_WORD).count();
        lemmas.drain(..lead);
        if lemmas.is_empty() {
            self.scratch = lemmas;
            return false;
        }
        let h = hash_lemmas(&lemmas);
        let (items, ends) = (&self.pattern_items, &self.pattern_ends);
        let found = self.pattern_ids.find(h, |p| {
            let p = p as usize;
            let start = if p == 0 { 0 } else { ends[p - 1] as usize };
            items[start..ends[p] as usize] == lemmas[..]
        });
        let id = match found {
            Some(id) => id,
            None => {
                let id = self.pattern_ends.len() as u32;
                self.pattern_items.extend_from_slice(&lemmas);
                self.pattern_ends.push(self.pattern_items.len() as u32);
                self.pattern_ids.push(h);
                id
            }
        };
        self.targets.push((id, target));
        self.scratch = lemmas;
        true
    }

    fn finish(self) -> Matcher {
        let Builder {
            forms,
            first_lemma,
            more_lemmas,
            word_lemmas,
            word_keys,
            lemma_count,
            pattern_items,
            pattern_ends,
            pattern_ids,
            targets,
            ..
        } = self;
        drop((word_lemmas, word_keys, pattern_ids));
        let form_lemmas = {
            let mut off = Vec::with_capacity(forms.len() + 1);
            let mut items = Vec::with_capacity(forms.len() + more_lemmas.len());
            off.push(0);
            for (form, &first) in first_lemma.iter().enumerate() {
                items.push(first);
                if let Some(more) = more_lemmas.get(&(form as u32)) {
                    items.extend_from_slice(more);
                }
                off.push(items.len() as u32);
            }
            Lists {
                off: off.into(),
                items: items.into(),
            }
        };
        drop((first_lemma, more_lemmas));
        let patterns = pattern_ends.len();
        let mut pattern_off = Vec::with_capacity(patterns + 1);
        pattern_off.push(0);
        pattern_off.extend_from_slice(&pattern_ends);
        drop(pattern_ends);
        let pattern_lemmas = Lists {
            off: pattern_off.into(),
            items: pattern_items.into(),
        };
        // Patterns by first lemma, in id order (a counting sort), then each list sorted by
        // second lemma (one-word patterns last), so that the patterns a next word allows
        // are found by bisection.
        let second = |pid: u32| {
            let (a, b) = pattern_lemmas.range(pid);
            if b - a > 1 {
                pattern_lemmas.items[a + 1]
            } else {
                SINGLE
            }
        };
        let by_first = {
            let off = starts_of(
                (0..patterns as u32).map(|p| pattern_lemmas.items[pattern_lemmas.range(p).0]),
                lemma_count as usize,
            );
            let mut next = off.clone();
            let mut items = vec![0u32; patterns];
            for p in 0..patterns as u32 {
                let first = pattern_lemmas.items[pattern_lemmas.range(p).0] as usize;
                items[next[first] as usize] = p;
                next[first] += 1;
            }
            drop(next);
            for w in off.windows(2) {
                // Ids ascending already: a stable sort by second lemma keeps them so.
                items[w[0] as usize..w[1] as usize].sort_by_key(|&pid| second(pid));
            }
            Lists {
                off: off.into(),
                items: items.into(),
            }
        };
        let by_first_second = by_first
            .items
            .iter()
            .map(|&pid| second(pid))
            .collect::<Vec<u32>>()
            .into();
        // Targets grouped by pattern, in the order they were added (a stable counting
        // sort), each once.
        let pattern_targets = {
            let off = starts_of(targets.iter().map(|&(p, _)| p), patterns);
            let mut next = off.clone();
            let placeholder = Target::Overuse { overuse: 0 };
            let mut grouped = vec![placeholder; targets.len()];
            for &(p, t) in &targets {
                grouped[next[p as usize] as usize] = t;
                next[p as usize] += 1;
            }
            drop(targets);
            // Duplicates dropped, the first kept; lists are short but for a few.
            let mut items = Vec::with_capacity(grouped.len());
            let mut seen: std::collections::HashSet<Target, foldhash::fast::FixedState> =
                Default::default();
            let mut kept_off = Vec::with_capacity(patterns + 1);
            kept_off.push(0u32);
            for w in off.windows(2) {
                let group = &grouped[w[0] as usize..w[1] as usize];
                let start = items.len();
                if group.len() <= 16 {
                    for &t in group {
                        if !items[start..].contains(&t) {
                            items.push(t);
                        }
                    }
                } else {
                    seen.clear();
                    items.extend(group.iter().filter(|&&t| seen.insert(t)));
                }
                kept_off.push(items.len() as u32);
            }
            Lists {
                off: kept_off.into(),
                items: items
                    .into_iter()
                    .map(cache::encode_target)
                    .collect::<Vec<_>>()
                    .into(),
            }
        };
        let mut matcher = Matcher {
            forms,
            form_lemmas,
            by_first,
            by_first_second,
            pattern_lemmas,
            pattern_targets,
            phrase_patterns: Lists::default(),
        };
        matcher.phrase_patterns = matcher.patterns_by_phrase();
        matcher
    }
}

/// Adds a group of candidate patterns (ids in ascending order, each once, as every group
/// of `Matcher::by_first` is) to those of a word: the first nonempty group is kept as it
/// stands in `one`, so that the usual word, with one group, is neither copied nor
/// sorted; with a second one, both go to `more`, which the caller sorts and dedups.
fn gather<'a>(one: &mut &'a [u32], more: &mut Vec<u32>, group: &'a [u32]) {
    if group.is_empty() {
        return;
    }
    if one.is_empty() {
        *one = group;
        return;
    }
    if more.is_empty() {
        more.extend_from_slice(one);
    }
    more.extend_from_slice(group);
}

/// Where `l` lies in the sorted `v`: by a scan when `v` is short (most first lemmas start
/// a few patterns, and a scan there costs less than a bisection's dependent steps), by
/// bisection when it is long (a termbase's frequent first words start hundreds). The end
/// of a long list's run is looked for first in the `RUN_SCAN` places after its start:
/// most runs (the patterns of one first and second word) are that short, where the
/// bisection of the whole rest of the list took some five dependent steps (PO text,
/// default glossary: 143,000 steps for 26,500 runs).
fn equal_range(v: &[u32], l: u32) -> (usize, usize) {
    const RUN_SCAN: usize = 4;
    if v.len() <= 8 {
        let lo = v.iter().take_while(|&&s| s < l).count();
        (lo, lo + v[lo..].iter().take_while(|&&s| s == l).count())
    } else {
        let lo = v.partition_point(|&s| s < l);
        let rest = &v[lo..];
        let near = rest.iter().take(RUN_SCAN).take_while(|&&s| s == l).count();
        if near < RUN_SCAN {
            (lo, lo + near)
        } else {
            (lo, lo + near + rest[near..].partition_point(|&s| s == l))
        }
    }
}

/// True when `l` is among a word's `lemmas` (one or two, seldom more), by a plain scan:
/// `contains` sets up a vectorised search, which cost 3 million more instructions on the
/// man pages.
#[allow(clippy::manual_contains)]
fn has_lemma(lemmas: &[u32], l: u32) -> bool {
    lemmas.iter().any(|&x| x == l)
}

/// The targets of a pattern as the cache holds them, decoded (a target the cache does not
/// know is left out: a cache file is checked as a whole, never target by target).
fn decoded(targets: &[[u32; 3]]) -> impl Iterator<Item = Target> + '_ {
    targets.iter().filter_map(|&t| cache::decode_target(t))
}

/// True when a `*` of a pattern may stand for token `t`: a word, but not an auxiliary, a
/// conjunction or a relative pronoun (`NOT_IN_A_STAR`).
fn may_be_star(t: &crate::document::Token) -> bool {
    t.is_word() && !NOT_IN_A_STAR.contains(&t.norm.as_str())
}

/// The second lemma of a one-word pattern (see `Matcher::by_first_second`).
const SINGLE: u32 = u32::MAX;

/// The lemma of `*` in a pattern: any one word.
const ANY_WORD: u32 = u32::MAX - 1;

/// Words a `*` does not stand for: a star fills a slot inside a phrase (a determiner, an
/// adjective, an adverb); an auxiliary, a conjunction or a relative pronoun starts
/// another one (« le calcul d'adresse a besoin » is not « adresser * besoin »).
const NOT_IN_A_STAR: &[&str] = &[
    "a", "as", "ai", "ont", "avait", "avaient", "est", "es", "sont", "était", "étaient", "sera",
    "seront", "et", "ou", "mais", "qui", "que", "qu'", "dont", "où", "ne", "n'", "se", "s'", "si",
    "car", "donc",
];

/// The offsets of `n` lists (`Lists::off`: `n + 1` of them) whose items have the keys
/// `keys` (each below `n`), once grouped by key: a count per key, then their running sum.
fn starts_of(keys: impl Iterator<Item = u32>, n: usize) -> Vec<u32> {
    let mut off = vec![0u32; n + 1];
    for k in keys {
        off[k as usize + 1] += 1;
    }
    for i in 1..off.len() {
        off[i] += off[i - 1];
    }
    off
}

impl Matcher {
    /// What pattern `pid` stands for (see `decoded`).
    fn targets(&self, pid: u32) -> impl Iterator<Item = Target> + '_ {
        decoded(self.pattern_targets.get(pid))
    }

    /// The third words of `group`, patterns that share their first two.
    fn thirds(&self, group: &[u32]) -> Thirds {
        let mut t = Thirds {
            lemmas: LemmaSet::default(),
            any_third: false,
            two_words: None,
        };
        for (k, &pid) in group.iter().enumerate() {
            match *self.pattern_lemmas.get(pid) {
                [_, _] => t.two_words = Some(k),
                [_, _, third, ..] if third != ANY_WORD => t.lemmas.add(third),
                // (A `*`, or a pattern not of the group's kind: never left out.)
                _ => t.any_third = true,
            }
        }
        t
    }

    fn lemmas_of(&self, word: &str) -> &[u32] {
        self.forms
            .get(word)
            .map_or(&[], |f| self.form_lemmas.get(f))
    }

    /// Every hit of the document, those of context phrases left out when `apart`.
    fn find(&self, doc: &Document, memos: &WordMemos, apart: bool) -> Found {
        self.find_then(doc, memos, apart, |_, _| ()).0
    }

    /// `find`, then `then` called with its hits and the document's words (`Local`) before
    /// they go back to the memo.
    fn find_then<R>(
        &self,
        doc: &Document,
        memos: &WordMemos,
        apart: bool,
        then: impl FnOnce(&[Hit], &Local) -> R,
    ) -> (Found, R) {
        if crate::document::in_parallel(doc.text.len()) {
            // About 64,000 tokens a piece: a few dozen pieces for a book.
            let pieces = sentence_pieces(&doc.tokens, 1 << 16);
            self.find_in_pieces_then(doc, memos, &pieces, true, apart, then)
        } else {
            let all = [(0, doc.tokens.len())];
            self.find_in_pieces_then(doc, memos, &all, false, apart, then)
        }
    }

    /// The hits of the other patterns, then those of the context phrases that `ask` asks
    /// for, given the others (see `CompiledGlossary::find_apart`).
    fn find_asking(
        &self,
        doc: &Document,
        memos: &WordMemos,
        ask: impl FnOnce(&[Hit]) -> Asked,
    ) -> (Vec<Hit>, Vec<Hit>) {
        let (found, context) = self.find_then(doc, memos, true, |hits, forms| {
            let asked = ask(hits);
            if !asked.phrases.contains(&true) || asked.ranges.is_empty() {
                return Vec::new();
            }
            crate::timing::time("glossary/context", || {
                self.phrases_in(doc, forms, &self.phrase_patterns, &asked)
            })
        });
        (found.hits, context)
    }

    /// The patterns of each context phrase (phrase id: pattern ids, ascending), read from
    /// the patterns' targets (once, when the matcher is built: `phrase_patterns`).
    fn patterns_by_phrase(&self) -> Lists<u32> {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for pid in 0..self.pattern_targets.off.len().saturating_sub(1) as u32 {
            for t in self.targets(pid) {
                if let Target::Context { phrase } = t {
                    pairs.push((phrase, pid));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let phrases = pairs.last().map_or(0, |p| p.0 as usize + 1);
        Lists {
            off: starts_of(pairs.iter().map(|p| p.0), phrases).into(),
            items: pairs.iter().map(|p| p.1).collect::<Vec<u32>>().into(),
        }
    }

    /// The hits of the context phrases `asked.phrases` in the tokens `asked.ranges`, as a
    /// search that does not leave them out finds them, in token order: the same patterns
    /// (those of the phrases, `by_phrase`), tried at the tokens that have their first lemma,
    /// the following tokens matched as `find_in` matches them (same lemmas, same joins, a
    /// `*` for what `may_be_star` allows). The default glossary's context phrases are
    /// common words (« fichier », « ne », « option »): searched with the others, they made
    /// 95,000 hits on the man pages for 5,400 others, and a rule asks for those of a few
    /// phrases in a few sentences.
    fn phrases_in(
        &self,
        doc: &Document,
        forms: &Local,
        by_phrase: &Lists<u32>,
        asked: &Asked,
    ) -> Vec<Hit> {
        let tokens = &doc.tokens;
        // The patterns of the phrases asked, by first lemma: (lemma, pattern), sorted.
        let mut firsts: Vec<(u32, u32)> = Vec::new();
        let mut set = LemmaSet::default();
        for (phrase, _) in asked.phrases.iter().enumerate().filter(|p| *p.1) {
            for &pid in by_phrase.get(phrase as u32) {
                if let Some(&l) = self.pattern_lemmas.get(pid).first() {
                    firsts.push((l, pid));
                    set.add(l);
                }
            }
        }
        firsts.sort_unstable();
        firsts.dedup();
        let joined = |a: &crate::document::Token, b: &crate::document::Token| {
            a.sentence == b.sentence && doc.gap_is_joiner(a.end(), b.start())
        };
        let mut hits = Vec::new();
        for &(from, to) in &asked.ranges {
            for i in from..to.min(tokens.len()) {
                for &l in forms.lemmas(i) {
                    if !set.may_hold(l) {
                        continue;
                    }
                    let (lo, hi) = (
                        firsts.partition_point(|f| f.0 < l),
                        firsts.partition_point(|f| f.0 <= l),
                    );
                    'pattern: for &(_, pid) in &firsts[lo..hi] {
                        let lemmas = self.pattern_lemmas.get(pid);
                        let last = i + lemmas.len() - 1;
                        if last >= tokens.len() {
                            continue;
                        }
                        for k in 1..lemmas.len() {
                            let word_ok = if lemmas[k] == ANY_WORD {
                                may_be_star(&tokens[i + k])
                            } else {
                                has_lemma(forms.lemmas(i + k), lemmas[k])
                            };
                            if !word_ok || !joined(&tokens[i + k - 1], &tokens[i + k]) {
                                continue 'pattern;
                            }
                        }
                        let span = Span::new(tokens[i].start(), tokens[last].end());
                        for target in self.targets(pid) {
                            if let Target::Context { phrase } = target
                                && asked.phrases.get(phrase as usize) == Some(&true)
                            {
                                hits.push(Hit::new(target, i, last, span));
                            }
                        }
                    }
                }
            }
        }
        hits
    }

    /// The hits of a document whose tokens are cut in `pieces` (consecutive ranges of token
    /// indices, each ending at the end of a sentence), the pieces searched side by side when
    /// `parallel`. A phrase never crosses a sentence, and the hits of each token depend on
    /// its sentence alone: the hits are those of one search over the whole, in its order.
    #[cfg(test)]
    fn find_in_pieces(
        &self,
        doc: &Document,
        memos: &WordMemos,
        pieces: &[(usize, usize)],
        parallel: bool,
        apart: bool,
    ) -> Found {
        (self.find_in_pieces_then(doc, memos, pieces, parallel, apart, |_, _| ())).0
    }

    /// `find_in_pieces`, then `then` called with its hits and the document's words.
    fn find_in_pieces_then<R>(
        &self,
        doc: &Document,
        memos: &WordMemos,
        pieces: &[(usize, usize)],
        parallel: bool,
        apart: bool,
        then: impl FnOnce(&[Hit], &Local) -> R,
    ) -> (Found, R) {
        // One look-up per distinct word (`Vocabulary`), in the memo of the words met by this
        // thread's earlier documents; the following words of a phrase are then compared by
        // id. The memo goes back to its slot once the search is done, but not after a
        // document searched in pieces (1 MB or more: such documents are few): its words,
        // kept to the end of the run, raised the peak memory of the PO text with the
        // termbase on 2 threads by 1.3 MB.
        use crate::timing::time;
        let words = doc.vocabulary();
        let forms = time("glossary/forms", || {
            Local::new(self, doc, &words, memos.take(), apart)
        });
        let found = self.find_with(doc, &forms, pieces, parallel);
        let then = then(&found.hits, &forms);
        if !parallel {
            memos.put(forms.into_memo());
        }
        (found, then)
    }

    /// The room `find_with` makes at first for the hits of a document of `tokens` tokens:
    /// a hit per word, but less than a block mapped apart (`HEAP_HITS`), for a glossary as
    /// large as a termbase (hundreds of thousands of hits, copied once into a mapped block
    /// when they outgrow it); a hit per 64 words for a smaller one, which finds few (the
    /// default glossary: 5,400 on the man pages, 260 KB). The heap is on huge pages
    /// (`cli::alloc`), and room never written still takes its place there: the 2 MB made
    /// for the default glossary's hits moved the heap's later blocks into one more fresh
    /// huge page (2 MB zeroed by the kernel) on the PO text and the man pages.
    fn first_room(&self, tokens: usize) -> usize {
        if self.pattern_lemmas.off.len() > LARGE_GLOSSARY {
            tokens.min(HEAP_HITS)
        } else {
            (tokens / 64).min(HEAP_HITS)
        }
    }

    /// The hits of `find_in_pieces`, the document's words looked up in `forms`.
    fn find_with(
        &self,
        doc: &Document,
        forms: &Local,
        pieces: &[(usize, usize)],
        parallel: bool,
    ) -> Found {
        use crate::timing::time;
        if !parallel {
            return time("glossary/match", || {
                // Every piece's hits go straight to the one list (a termbase finds hundreds of
                // thousands of hits: no list per piece to copy), room made for a hit per
                // word, but less than a block the allocator maps apart (`cli::alloc`): the default glossary finds
                // few hits (5,400 on the man pages, 260 KB), and the first hit written in a
                // block of its own faulted in a fresh huge page (2 MB zeroed by the kernel),
                // where the heap's memory is used again. A list that outgrows it (a
                // termbase's) is copied once into a mapped block, which then grows in
                // place or is moved by the kernel, never copied.
                let mut found = Found {
                    hits: Vec::with_capacity(self.first_room(doc.tokens.len())),
                };
                for &(a, b) in pieces {
                    self.find_in::<true>(doc, forms, (a, b), NARROW_FROM, &mut found);
                }
                found
            });
        }
        use rayon::prelude::*;
        time("glossary/match", || {
            let found: Vec<Found> = pieces
                .par_iter()
                .map(|&(a, b)| {
                    let mut found = Found::default();
                    self.find_in::<true>(doc, forms, (a, b), NARROW_FROM, &mut found);
                    found
                })
                .collect();
            // Put together at once, in lists of the exact size.
            let mut all = Found {
                hits: Vec::with_capacity(found.iter().map(|f| f.hits.len()).sum()),
            };
            for piece in found {
                all.hits.extend_from_slice(&piece.hits);
            }
            all
        })
    }

    /// Adds to `found` the hits that start at tokens `from..to`, those of context phrases
    /// left out when `forms.apart`; `forms` holds the lemmas of every token. The candidates of a
    /// group of `narrow_from` patterns or more that share their first two words are
    /// narrowed by their third (see `Thirds`). `QUICK` lets a token whose next word may
    /// continue none of its patterns skip the candidates (the search proper; without it,
    /// for the tests, every token goes through them).
    fn find_in<const QUICK: bool>(
        &self,
        doc: &Document,
        forms: &Local,
        (from, to): (usize, usize),
        narrow_from: usize,
        found: &mut Found,
    ) {
        let (tokens, apart) = (&doc.tokens, forms.apart);
        let view = doc.view.as_bytes();
        // How far ahead the tokens listed are asked of the memory (see below).
        const FAR: usize = 16;
        const NEAR: usize = 8;
        // True when tokens `a` and `a + 1` may be two words of one phrase.
        let joined = |a: &crate::document::Token, b: &crate::document::Token| {
            a.sentence == b.sentence && doc.gap_is_joiner(a.end(), b.start())
        };
        // True when token `k` is joined to the one before, worked out once into `known`.
        let joined_at = |known: &mut Option<bool>, k: usize| {
            *known.get_or_insert_with(|| k < tokens.len() && joined(&tokens[k - 1], &tokens[k]))
        };
        let mut candidates: Vec<u32> = Vec::new();
        // The third words of the groups met so far, by where each starts in `by_first`.
        let mut thirds: FastMap<u32, Thirds> = FastMap::default();
        // The verdicts of the pairs of words met (`pair_verdict`), by their ids, in a
        // table of `pair_slots` slots, one pair a slot (a pair that comes after another of
        // its slot is worked out again); made at the first token that asks for it.
        let mut pairs: Vec<(u64, u64)> = Vec::new();
        // Most tokens have nothing to do here (`Local::busy`): they are passed over in a
        // loop of their own, which lists the others, `BUSY` tokens at a time (by index: an
        // enumerated, skipped and taken iterator of the tokens cost some thirty
        // instructions a token). Without `QUICK`, every token is listed.
        let end = to.min(tokens.len());
        let (mut at, mut busy) = (from, [0u32; BUSY]);
        while at < end {
            let n = if QUICK {
                let (n, next) = forms.busy(at, end, &mut busy);
                at = next;
                n
            } else {
                let n = (end - at).min(BUSY);
                for (k, b) in busy[..n].iter_mut().enumerate() {
                    *b = (at + k) as u32;
                }
                at += n;
                n
            };
            let listed = &busy[..n];
            for (j, &i) in listed.iter().enumerate() {
                // What the tests of a token read and the caches seldom hold (the tokens listed
                // lie a few cache lines apart in 22 MB of tokens for the man pages, and the
                // processor did not guess them): the token and the next, asked of the memory
                // `FAR` tokens ahead, then the byte after the token in the text (the gap to
                // the next, `joined`), `NEAR` ahead, once the token is there. The two loads
                // took half the time of this loop.
                if QUICK {
                    if let Some(&far) = listed.get(j + FAR) {
                        prefetch(&tokens[far as usize]);
                        if let Some(t) = tokens.get(far as usize + 1) {
                            prefetch(t);
                        }
                    }
                    if let Some(&near) = listed.get(j + NEAR)
                        && let Some(b) = view.get(tokens[near as usize].end())
                    {
                        prefetch(b);
                    }
                }
                let i = i as usize;
                let id = forms.ids[i];
                let word = &forms.words[id as usize];
                let (a, b) = word.starts;
                if a == b {
                    continue;
                }
                let starts = &forms.memo.starts[a as usize..b as usize];
                let tok = &tokens[i];
                // Most tokens whose word starts patterns (half of the man pages' tokens: « de »,
                // « la »…) start none of two words or more here: the next word is no second
                // word of them, or the third word none of the patterns' third. Those push their
                // one-word patterns' targets (those of the word's starts lie in a row in
                // `memo.targets`) at once, without the candidates' set-up: 140 instructions a
                // token before.
                // The words' signatures (`WordRanges::seconds`) turn most of them away in a few
                // instructions (and every last token, which has no next word), the verdict of
                // the word and the next (`pair_verdict`) most of the others: it is kept per
                // pair of word ids, as « de la », « dans le »… come back thousands of times,
                // and tells whether the next word is the second of a pattern of the word's
                // (where the starts' sets of second lemmas were tested for each token), then
                // whether the third token may be the third word of such a pattern (the
                // signatures say so). On the PO text with the default glossary, 32,000 tokens
                // went through the candidates, for 400 that matched patterns of two words or
                // more: `find_in` ran 7.4 M instructions fewer.
                if QUICK {
                    let next = forms.ids.get(i + 1);
                    let next_bits = next.map_or(0, |&n| forms.words[n as usize].bits);
                    let nothing = match next {
                        Some(&second) if word.seconds & next_bits != 0 => {
                            if pairs.is_empty() {
                                pairs = vec![(u64::MAX, 0); pair_slots(end - from)];
                            }
                            let key = u64::from(id) << 32 | u64::from(second);
                            let k = pair_slot(key, pairs.len());
                            let slot = &mut pairs[k];
                            if slot.0 != key {
                                *slot = (key, self.pair_verdict(starts, forms.lemmas(i + 1)));
                            }
                            let third = forms.ids.get(i + 2);
                            slot.1 & third.map_or(ANY_TOKEN, |&t| forms.words[t as usize].bits) == 0
                        }
                        _ => true,
                    };
                    if nothing {
                        let targets = forms.row(&starts[0], &starts[starts.len() - 1]);
                        if !targets.is_empty() {
                            let span = Span::new(tok.start(), tok.end());
                            Self::push_decoded(targets, i, i, span, apart, found);
                        }
                        continue;
                    }
                }
                // The lemmas of the next two tokens (none past the end), and whether each is
                // joined to the one before, each worked out once for all the candidates, and
                // only when asked: the gap test only for a second word that starts a pattern
                // (most next words are no second word of the lemma's patterns: the mask says so
                // without it), the third token only for a pattern of three words or more.
                let lemmas_at = |k: usize| {
                    if k < tokens.len() {
                        forms.lemmas(k)
                    } else {
                        &[]
                    }
                };
                let (second_lemmas, mut third_lemmas) = (lemmas_at(i + 1), None);
                let (mut second_joined, mut third_joined) = (None, None);
                for st in starts {
                    let a = st.start as usize;
                    let (single, star) = (st.single as usize, st.star as usize);
                    // The patterns whose second word may be the next token, tried in the order
                    // they were made (the order of the hits). (Their lists are read only when a
                    // pattern is a candidate: most lemmas get none.)
                    let items = move || &self.by_first.items[a..st.end as usize];
                    let mut one: &[u32] = &[];
                    candidates.clear();
                    if single > 0 {
                        for &l in second_lemmas {
                            if !st.seconds.may_hold(l) {
                                continue;
                            }
                            let seconds = &self.by_first_second[a..st.end as usize];
                            let (lo, hi) = equal_range(&seconds[..star], l);
                            if lo < hi && joined_at(&mut second_joined, i + 1) {
                                let group = &items()[lo..hi];
                                let group = if group.len() < narrow_from {
                                    group
                                } else {
                                    let third =
                                        *third_lemmas.get_or_insert_with(|| lemmas_at(i + 2));
                                    let t = thirds
                                        .entry((a + lo) as u32)
                                        .or_insert_with(|| self.thirds(group));
                                    t.narrowed(group, third)
                                };
                                gather(&mut one, &mut candidates, group);
                            }
                        }
                        // The patterns whose second word is a `*`, if it may stand for the next
                        // token.
                        if star < single
                            && joined_at(&mut second_joined, i + 1)
                            && may_be_star(&tokens[i + 1])
                        {
                            gather(&mut one, &mut candidates, &items()[star..single]);
                        }
                    }
                    if one.is_empty() && candidates.is_empty() {
                        // The lemma's one-word pattern alone, if any: its targets are in `forms`.
                        // (Most lemmas that get here have none: « dans » starts phrases only.)
                        let targets = forms.one_word_targets(st);
                        if !targets.is_empty() {
                            let span = Span::new(tok.start(), tok.end());
                            Self::push_decoded(targets, i, i, span, apart, found);
                        }
                        continue;
                    }
                    gather(&mut one, &mut candidates, &items()[single..]);
                    let candidates: &[u32] = if candidates.is_empty() {
                        one
                    } else {
                        candidates.sort_unstable();
                        candidates.dedup();
                        &candidates
                    };
                    // The lemma's one-word pattern, if any (at most one: patterns are unique). It
                    // matches as it stands, without reading its lemmas: most of a termbase's hits
                    // are one-word terms, and that look-up was a cache miss each.
                    'pattern: for &pid in candidates {
                        if st.one_word == pid {
                            let span = Span::new(tok.start(), tok.end());
                            Self::push_decoded(
                                forms.one_word_targets(st),
                                i,
                                i,
                                span,
                                apart,
                                found,
                            );
                            continue;
                        }
                        let lemmas = self.pattern_lemmas.get(pid);
                        let last = i + lemmas.len().saturating_sub(1);
                        if lemmas.is_empty() || last >= tokens.len() {
                            continue;
                        }
                        // The second word (if any) is the next token, joined to this one, and
                        // allowed by the pattern: that is how the candidate was chosen. (The
                        // third token's lemmas and gap are the same for every candidate.)
                        for k in 2..lemmas.len() {
                            let l = lemmas[k];
                            let word_ok = if l == ANY_WORD {
                                may_be_star(&tokens[i + k])
                            } else if k == 2 {
                                let third = third_lemmas.get_or_insert_with(|| lemmas_at(i + 2));
                                has_lemma(third, l)
                            } else {
                                has_lemma(forms.lemmas(i + k), l)
                            };
                            let ok = word_ok
                                && if k == 2 {
                                    joined_at(&mut third_joined, i + 2)
                                } else {
                                    joined(&tokens[i + k - 1], &tokens[i + k])
                                };
                            if !ok {
                                continue 'pattern;
                            }
                        }
                        let span = Span::new(tok.start(), tokens[last].end());
                        self.push_hits(pid, i, last, span, apart, found);
                    }
                }
            }
        }
    }

    /// What a token whose word starts `starts` and whose next word has lemmas `second` may
    /// match past its one-word patterns, whatever the gap between them: the signature
    /// (`signature`) of the third words of the patterns that the two words may start, or
    /// all bits when one of them has a `*` second or third word, or only two words (it
    /// may match whatever the third token). A third token whose lemmas' signature
    /// (`WordRanges::bits`) shares no bit with it matches none of them: no pattern of two
    /// words or more starts there. None (0) when no pattern has the next word as second.
    fn pair_verdict(&self, starts: &[Start], second: &[u32]) -> u64 {
        let mut bits = 0;
        for st in starts {
            if st.star < st.single {
                return u64::MAX;
            }
            let a = st.start as usize;
            let seconds = &self.by_first_second[a..st.end as usize];
            for &l in second {
                if !st.seconds.may_hold(l) {
                    continue;
                }
                let (lo, hi) = equal_range(&seconds[..st.star as usize], l);
                for &pid in &self.by_first.items[a + lo..a + hi] {
                    match *self.pattern_lemmas.get(pid) {
                        [_, _, third, ..] if third != ANY_WORD => bits |= signature(third),
                        _ => return u64::MAX,
                    }
                }
            }
        }
        bits
    }

    /// Adds the hits of pattern `pid` found at tokens `first..=last`, those of context
    /// phrases apart when `apart`.
    fn push_hits(
        &self,
        pid: u32,
        first: usize,
        last: usize,
        span: Span,
        apart: bool,
        found: &mut Found,
    ) {
        let targets = self.pattern_targets.get(pid);
        Self::push_targets(targets, first, last, span, apart, found);
    }

    /// Adds the hits of a pattern whose targets, as the cache holds them, are `targets`
    /// (see `push_hits`).
    fn push_targets(
        targets: &[[u32; 3]],
        first: usize,
        last: usize,
        span: Span,
        apart: bool,
        found: &mut Found,
    ) {
        for target in decoded(targets) {
            Self::push_hit(target, first, last, span, apart, found);
        }
    }

    /// Adds the hits of a pattern whose targets are `targets` (see `push_hits`).
    fn push_decoded(
        targets: &[Target],
        first: usize,
        last: usize,
        span: Span,
        apart: bool,
        found: &mut Found,
    ) {
        for &target in targets {
            Self::push_hit(target, first, last, span, apart, found);
        }
    }

    /// Adds a hit of `target` at tokens `first..=last`, unless `apart` and it is a context
    /// phrase's.
    #[inline(always)]
    fn push_hit(
        target: Target,
        first: usize,
        last: usize,
        span: Span,
        apart: bool,
        found: &mut Found,
    ) {
        if !(apart && is_context(&target)) {
            found.hits.push(Hit::new(target, first, last, span));
        }
    }
}

/// The lemmas of a document's words, copied out of the matcher's tables once per distinct
/// word: a termbase's tables weigh tens of megabytes, and reading them for every token
/// missed the processor's caches at almost every step (the search took three times as long
/// as with the default glossary for half again as many instructions); a document's
/// distinct words fit in them.
struct Local<'d> {
    /// Per token, the id of its word (`Vocabulary::ids`).
    ids: &'d [u32],
    /// Per word: where its lemmas lie in `memo.lemmas`, and where those that start
    /// patterns lie in `memo.starts` (copied from `memo.words`, so that a token reads them
    /// in one look-up by its word id).
    words: Vec<WordRanges>,
    /// Per word: what tells at once whether a token of it has anything to do in the
    /// search (`busy`).
    quick: Vec<Quick>,
    /// True when `words` was taken from `memo.words` (see `looked_up`), to which
    /// `into_memo` gives it back.
    taken: bool,
    /// True for a search that leaves the context phrases out (`Matcher::find_asking`):
    /// the one-word targets are then `memo.plain`, else `memo.targets`.
    apart: bool,
    /// The words of this document, and of the documents this thread searched before.
    memo: WordMemo,
}

/// What `Local::new` works out for a word, kept for the documents that follow: a
/// repository's files share most of their words (the 435 man pages look up 191,000
/// distinct words one file at a time, 22,700 as one file), and with a termbase the look-up
/// in the matcher's tables (45 MB, mapped) missed the processor's caches at almost every
/// step, where a word met before is found in this small table.
///
/// Words are kept by their bytes in an open-addressing table (as `FormTable`); entry `e`
/// is a word whose lemmas are `lemmas[words[e].lemmas]`, and whose lemmas that start
/// patterns are `starts[words[e].starts]`. A word the glossary does not know has an entry
/// too, empty. The table is built when a second document comes (`index`): a run of one
/// file never looks a word up in it (a document's words are distinct), and the table
/// cost 2 M instructions on the man pages.
#[derive(Default)]
struct WordMemo {
    /// Per slot: 0 when empty, else the tag of its word's hash (`tag_of`); and its entry.
    tags: Vec<u8>,
    slots: Vec<u32>,
    /// The entries in the table: `0..indexed`.
    indexed: usize,
    /// Per entry: its word (`WordKey`).
    keys: Vec<WordKey>,
    /// The bytes of the words longer than a key holds (see `WordKey::at`).
    long: Vec<u8>,
    words: Vec<WordRanges>,
    lemmas: Vec<u32>,
    starts: Vec<Start>,
    /// The targets of the one-word patterns of `starts`, decoded once per word (most of a
    /// termbase's hits are one-word terms).
    targets: Vec<Target>,
    /// The same but those of context phrases, for the search that leaves them out
    /// (`Local::apart`).
    plain: Vec<Target>,
}

/// A word of the memo: its length and its first 16 bytes in two numbers, so that a word
/// is hashed and compared in a few instructions (the memo's look-ups by the bytes, with
/// `hash_bytes` and `same_bytes`, cost 160 instructions a word); a word of more than 16
/// bytes is compared in full with its bytes, at `long[at..]`.
#[derive(Clone, Copy, Default)]
struct WordKey {
    lo: u64,
    hi: u64,
    len: u32,
    at: u32,
}

impl WordKey {
    /// The key of `w` (`at` left 0).
    #[inline]
    fn of(w: &[u8]) -> WordKey {
        let (lo, hi) = crate::document::first_16_bytes(w);
        WordKey {
            lo,
            hi,
            len: w.len() as u32,
            at: 0,
        }
    }

    /// The hash of the key, by a folded multiplication (as `foldhash`'s).
    fn hash(&self) -> u64 {
        let a = self.lo ^ 0x243F_6A88_85A3_08D3;
        let b = self.hi ^ 0x1319_8A2E_0370_7344 ^ (self.len as u64) << 40;
        let x = (a as u128).wrapping_mul(b as u128);
        (x as u64) ^ (x >> 64) as u64
    }

    /// True when the key's first 16 bytes and length are those of `other`.
    fn same(&self, other: &WordKey) -> bool {
        self.lo == other.lo && self.hi == other.hi && self.len == other.len
    }
}

/// The memos of a compiled glossary's searches, one per thread of the pool (see
/// `WordMemos::take`).
struct WordMemos {
    slots: Box<[std::sync::Mutex<Option<WordMemo>>]>,
    /// False when no document follows the one being searched (`keep_word_memos`): a memo
    /// is then dropped after its search, not put back.
    keep: std::sync::atomic::AtomicBool,
}

/// The number of slots of the matcher's forms from which a document's words are looked
/// up with their memory asked for ahead (`WordMemo::add_ahead`): smaller tables stay in
/// the caches (the default glossaries' compiled form weighs under 1 MB in all), where the
/// steps cost 2.8 M instructions on the PO text for nothing.
const AHEAD_FROM: usize = 1 << 18;

/// Slots of `WordMemos`: the pool's threads by their index (modulo), a thread outside the
/// pool in slot 0.
const MEMO_SLOTS: usize = 16;

/// A memo that has grown past this many bytes is dropped, not kept for the next document
/// (one thread's memo of the 435 man pages with the 100k termbase: about 3 MB, the peak
/// memory of that run +2.6 MB).
const MEMO_BYTES: usize = 16 << 20;

impl Default for WordMemos {
    fn default() -> Self {
        WordMemos {
            slots: (0..MEMO_SLOTS).map(|_| Default::default()).collect(),
            keep: std::sync::atomic::AtomicBool::new(true),
        }
    }
}

impl std::fmt::Debug for WordMemos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WordMemos")
    }
}

impl WordMemos {
    /// This thread's slot.
    fn slot(&self) -> &std::sync::Mutex<Option<WordMemo>> {
        let i = rayon::current_thread_index().map_or(0, |i| i + 1);
        &self.slots[i % self.slots.len()]
    }

    /// This thread's memo, taken out of its slot for the time of a search (an empty one if
    /// the slot holds none). No lock is held during the search: a thread that waits for
    /// the pieces of a large document may run another document's search meanwhile, and
    /// that one finds the slot empty.
    fn take(&self) -> WordMemo {
        let mut slot = self.slot().lock().unwrap_or_else(|e| e.into_inner());
        slot.take().unwrap_or_default()
    }

    /// Puts `memo` back into this thread's slot, unless it has grown too large or the slot
    /// holds a larger one.
    fn put(&self, memo: WordMemo) {
        if memo.bytes() > MEMO_BYTES || !self.keep.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let mut slot = self.slot().lock().unwrap_or_else(|e| e.into_inner());
        if slot.as_ref().is_none_or(|s| s.keys.len() < memo.keys.len()) {
            *slot = Some(memo);
        }
    }
}

impl WordMemo {
    /// Puts every entry in the table, with room for `more` more entries (at most five
    /// slots in eight taken).
    fn index(&mut self, more: usize) {
        let n = self.keys.len();
        if (n + more) * 8 > self.tags.len() * 5 {
            let slots = ((n + more) * 8 / 5 + 1).next_power_of_two().max(64);
            self.tags = vec![0; slots];
            self.slots = vec![0; slots];
            self.indexed = 0;
        }
        for e in self.indexed..n {
            FormTable::place(
                &mut self.tags,
                &mut self.slots,
                self.keys[e].hash(),
                e as u32,
            );
        }
        self.indexed = n;
    }

    /// The entry of `word`, if it has one. The table holds every entry and has room for
    /// the words to add (`index`).
    fn entry(&self, word: &str) -> Option<u32> {
        let s = word.as_bytes();
        debug_assert!(self.indexed == self.keys.len());
        let key = WordKey::of(s);
        find_id(&self.tags, &self.slots, key.hash(), |e| {
            let k = &self.keys[e as usize];
            k.same(&key)
                && (s.len() <= 16
                    || self
                        .long
                        .get(k.at as usize..)
                        .is_some_and(|l| l.starts_with(s)))
        })
    }

    /// Puts entry `e`, just added, in the table.
    fn place(&mut self, e: u32) {
        let h = self.keys[e as usize].hash();
        FormTable::place(&mut self.tags, &mut self.slots, h, e);
        self.indexed += 1;
    }

    /// Adds `words`, all new and distinct (`add`), and gives their entries in order.
    ///
    /// What each word's look-up in the matcher's tables reads is asked of the memory ahead
    /// (`prefetch`), in seven steps (`FormTable::hash_ahead`, `id_ahead`, `form_ahead`, the
    /// patterns the form's lemmas start, both ends of their lists, then the one-word
    /// pattern's targets: where they start, and the targets themselves), each `AHEAD` words
    /// after the one before: a termbase's tables are read at random, and each step waited
    /// for the memory (on the PO text with the 100k termbase, the look-ups took 6.9 % of
    /// the run; 2.8 % so). The last two steps were left out at first: `add` finds a lemma's
    /// one-word pattern at the end of its list and reads its targets, and those two reads
    /// took half of its samples. With `ahead` false (tables that fit in the caches,
    /// `AHEAD_FROM`), one word after the other.
    fn add_ahead<'w>(
        &mut self,
        m: &Matcher,
        words: impl ExactSizeIterator<Item = &'w str>,
        ahead: bool,
    ) -> Vec<u32> {
        const AHEAD: usize = 4;
        let n = words.len();
        let mut words = words.fuse();
        if !ahead && n < NEAR_FROM {
            return words
                .map(|w| self.add(m, w, WordKey::of(w.as_bytes()), hash_bytes(w.as_bytes())))
                .collect();
        }
        if !ahead {
            // The tables are small, but a run reads them for the first time: the first slot
            // of each word's form is asked of the memory `NEAR` words before its look-up
            // (the first step below), where `get_hashed` waited for it (61 % of its samples
            // on the PO text with the default glossary, on the loads of the slot's tag and
            // id). The words asked for and not yet looked up wait in `near`, with their
            // hashes (by index modulo `NEAR`).
            const NEAR: usize = 4;
            let mut near = [("", 0); NEAR];
            for slot in &mut near {
                if let Some(w) = words.next() {
                    *slot = (w, m.forms.hash_ahead(w));
                }
            }
            return (0..n)
                .map(|k| {
                    let (w, h) = near[k % NEAR];
                    if let Some(next) = words.next() {
                        near[k % NEAR] = (next, m.forms.hash_ahead(next));
                    }
                    self.add(m, w, WordKey::of(w.as_bytes()), h)
                })
                .collect();
        }
        let mut ahead: Vec<(&str, u64, Option<u32>)> = Vec::with_capacity(n);
        let mut entries = Vec::with_capacity(n);
        let lemmas = |f: Option<u32>| f.map_or(&[][..], |f| m.form_lemmas.get(f));
        for k in 0..n + 7 * AHEAD {
            if let Some(w) = words.next() {
                ahead.push((w, m.forms.hash_ahead(w), None));
            }
            let at = |steps: usize| k.checked_sub(steps * AHEAD).filter(|&j| j < n);
            if let Some(j) = at(1) {
                let form = m.forms.id_ahead(ahead[j].1);
                ahead[j].2 = form;
                if let Some(off) = form.and_then(|f| m.form_lemmas.off.get(f as usize)) {
                    prefetch(off);
                }
            }
            if let Some(f) = at(2).and_then(|j| ahead[j].2) {
                m.forms.form_ahead(f);
                if let Some(l) = m.form_lemmas.items.get(m.form_lemmas.range(f).0) {
                    prefetch(l);
                }
            }
            if let Some(j) = at(3) {
                for &l in lemmas(ahead[j].2) {
                    if let Some(off) = m.by_first.off.get(l as usize) {
                        prefetch(off);
                    }
                }
            }
            if let Some(j) = at(4) {
                for &l in lemmas(ahead[j].2) {
                    let (a, b) = m.by_first.range(l);
                    // The start of the list (its patterns of two words or more) and its
                    // end (the one-word pattern, see `add`).
                    for k in [a, b.wrapping_sub(1)] {
                        if let Some(x) = m.by_first_second.get(k) {
                            prefetch(x);
                        }
                        if let Some(x) = m.by_first.items.get(k) {
                            prefetch(x);
                        }
                    }
                }
            }
            // The one-word pattern of each lemma that has one (the last of its list), where
            // its targets start, then the targets.
            let one_word = |l: u32| {
                let (a, b) = m.by_first.range(l);
                (a < b && m.by_first_second.get(b - 1) == Some(&SINGLE))
                    .then(|| m.by_first.items.get(b - 1).copied())
                    .flatten()
            };
            if let Some(j) = at(5) {
                for &l in lemmas(ahead[j].2) {
                    if let Some(off) =
                        one_word(l).and_then(|p| m.pattern_targets.off.get(p as usize))
                    {
                        prefetch(off);
                    }
                }
            }
            if let Some(j) = at(6) {
                for &l in lemmas(ahead[j].2) {
                    if let Some(p) = one_word(l) {
                        let (a, _) = m.pattern_targets.range(p);
                        if let Some(t) = m.pattern_targets.items.get(a) {
                            prefetch(t);
                        }
                    }
                }
            }
            if let Some(j) = at(7) {
                let (w, h, _) = ahead[j];
                entries.push(self.add(m, w, WordKey::of(w.as_bytes()), h));
            }
        }
        entries
    }

    /// Adds word `s`, of key `key` (`WordKey::of`), to the entries (not to the table): its
    /// lemmas and the patterns they start, read from the matcher's tables.
    /// `h` is the word's hash in the matcher's forms (`FormTable::hash_ahead`).
    #[inline(never)]
    fn add(&mut self, m: &Matcher, word: &str, mut key: WordKey, h: u64) -> u32 {
        let (lemmas_from, starts_from) = (self.lemmas.len() as u32, self.starts.len() as u32);
        let (mut bits, mut any_seconds) = (ANY_TOKEN, 0);
        if let Some(form) = m.forms.get_hashed(word, h) {
            for &lemma in m.form_lemmas.get(form) {
                self.lemmas.push(lemma);
                bits |= signature(lemma);
                let (a, b) = m.by_first.range(lemma);
                if a == b {
                    continue;
                }
                // Found from the end, where a lemma has at most one one-word pattern
                // (patterns are unique) and seldom a starred one.
                let seconds = &m.by_first_second[a..b];
                let single =
                    seconds.len() - seconds.iter().rev().take_while(|&&s| s == SINGLE).count();
                let star = single
                    - seconds[..single]
                        .iter()
                        .rev()
                        .take_while(|&&s| s == ANY_WORD)
                        .count();
                let one_word = m.by_first.items[a..b].get(single).copied();
                let (from, plain_from) = (self.targets.len() as u32, self.plain.len() as u32);
                if let Some(pid) = one_word {
                    self.targets.extend(decoded(m.pattern_targets.get(pid)));
                    let all = &self.targets[from as usize..];
                    (self.plain).extend(all.iter().filter(|t| !is_context(t)));
                }
                if star < single {
                    any_seconds |= ANY_TOKEN;
                }
                self.starts.push(Start {
                    start: a as u32,
                    end: b as u32,
                    single: single as u32,
                    star: star as u32,
                    seconds: seconds[..star]
                        .iter()
                        .fold(LemmaSet::default(), |mut m, &l| {
                            m.add(l);
                            any_seconds |= signature(l);
                            m
                        }),
                    one_word: one_word.unwrap_or(NO_PATTERN),
                    targets: (from, self.targets.len() as u32),
                    plain: (plain_from, self.plain.len() as u32),
                });
            }
        }
        self.words.push(WordRanges {
            lemmas: (lemmas_from, self.lemmas.len() as u32),
            starts: (starts_from, self.starts.len() as u32),
            bits,
            seconds: any_seconds,
        });
        if word.len() > 16 {
            key.at = self.long.len() as u32;
            self.long.extend_from_slice(word.as_bytes());
        }
        self.keys.push(key);
        self.keys.len() as u32 - 1
    }

    /// Makes room for `n` words (grown by doubling, a first document's words were copied
    /// over and over: 2 M instructions on the man pages) and as many lemmas. The patterns
    /// the words start (`starts`, 72 bytes each) grow as they come: few words start one,
    /// and room for one per word (1.1 MB for the PO text, kept with the memo to the end of
    /// the run) raised the heap's high-water mark, which the later blocks of the run then
    /// lay above, in fresh huge pages.
    fn reserve(&mut self, n: usize) {
        self.keys.reserve(n);
        self.words.reserve(n);
        self.lemmas.reserve(n);
    }

    /// About the memory it holds.
    fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.tags.capacity() * 5
            + self.keys.capacity() * size_of::<WordKey>()
            + self.long.capacity()
            + self.words.capacity() * size_of::<WordRanges>()
            + self.lemmas.capacity() * 4
            + self.starts.capacity() * size_of::<Start>()
            + (self.targets.capacity() + self.plain.capacity()) * size_of::<Target>()
    }
}

/// A lemma that starts patterns: where they lie in `Matcher::by_first` (`start..end`), and
/// where, from `start`, those of one word (`single`) and those whose second word is `*`
/// (`star`) begin. `SINGLE` and `ANY_WORD` are the two largest second lemmas, so their
/// patterns end the list.
#[derive(Clone, Copy)]
struct Start {
    start: u32,
    end: u32,
    single: u32,
    star: u32,
    /// The second lemmas of its patterns.
    seconds: LemmaSet,
    /// Its one-word pattern (at most one: patterns are unique), or `NO_PATTERN`; the
    /// targets of that pattern are `WordMemo::targets[targets.0..targets.1]`, and those
    /// that are no context phrase `WordMemo::plain[plain.0..plain.1]`.
    one_word: u32,
    targets: (u32, u32),
    plain: (u32, u32),
}

/// Where a word's lemmas lie in `Local::lemmas` and those that start patterns in
/// `Local::starts` (from, to): side by side, so that a token reads both in one look-up
/// (two tables of offsets were two look-ups for each, far apart).
///
/// With them, two signatures of 64 bits (`signature`): `bits`, of the word's lemmas, with
/// `ANY_TOKEN` (every token has it); `seconds`, of the second lemmas of the patterns it
/// starts, with `ANY_TOKEN` when one of them has a `*` second word. A token whose
/// `seconds` shares no bit with the next token's `bits` starts no pattern of two words or
/// more (`Matcher::find_in`).
#[derive(Clone, Copy)]
struct WordRanges {
    lemmas: (u32, u32),
    starts: (u32, u32),
    bits: u64,
    seconds: u64,
}

/// What `Local::busy_from` reads of a word: 16 bytes, where `WordRanges` takes 32.
///
/// `next` is the signature of its lemmas (`WordRanges::bits`, with `ANY_TOKEN`). `first`
/// is 0 for a word that starts no pattern; else the signature of the second lemmas of its
/// patterns (`WordRanges::seconds`), with `ANY_TOKEN` when one of its starts has a one-word
/// pattern. A token whose `first` shares no bit with the next token's `next` starts no
/// pattern of two words or more there, and has no one-word pattern: the search has nothing
/// to do with it.
#[derive(Clone, Copy)]
struct Quick {
    first: u64,
    next: u64,
}

impl Quick {
    /// The records of `words`, whose starts are in `memo` (see `of`). A start of
    /// `heavy_from` second lemmas or more (bits of its `LemmaSet`), of no `*` second word,
    /// takes one of `HEAVY_SLOTS` bits of its own, in the order the first `HEAVY_SEARCH`
    /// words bring them: a word whose starts all have one keeps their bits as `first` (and
    /// `ANY_TOKEN` for a one-word pattern), and a word has in `next` the bit of each heavy
    /// start whose set may hold one of its lemmas (from a table of the sets' 256 places).
    /// On the PO text with the default glossary, « le », « la », « les », « l' » (lemma
    /// « le »), « de », « du »… have second lemmas on 29 to 34 of the signature's 63 bits,
    /// and 25,000 of their tokens were listed for a next word their sets then turned away
    /// (30,000 in all). A next word none of whose lemmas a start's set may hold is the
    /// second word of none of its patterns (`pair_verdict` tests the sets first, then
    /// looks for the lemma), so no token with something to do is left out.
    fn table(words: &[WordRanges], memo: &WordMemo, apart: bool, heavy_from: u32) -> Vec<Quick> {
        // Padded to a power of two (one or more records), so that `busy` reads a record by
        // its word's id masked, without a bounds test. The padding, never read, is the
        // record of a word the glossary does not know: not zeros, which made it a call to
        // `memset` per document (+1.2 M instructions under callgrind on the 435 man pages,
        // against +0.8 M for this loop).
        let records = words.len().next_power_of_two();
        let mut quick = Vec::with_capacity(records);
        let starts = |w: &WordRanges| &memo.starts[w.starts.0 as usize..w.starts.1 as usize];
        // The heavy starts (by `Start::start`, the same for every word of the lemma), and
        // per place of a `LemmaSet`, the bits of those whose set holds it.
        let (mut heavy, mut n) = ([u32::MAX; HEAVY_SLOTS], 0);
        let mut by_place = [0u64; 256];
        let search = if heavy_from == NO_HEAVY {
            0
        } else {
            HEAVY_SEARCH
        };
        'search: for w in words.iter().take(search) {
            for st in starts(w) {
                let set = &st.seconds.0;
                if st.star < st.single
                    || set.iter().map(|b| b.count_ones()).sum::<u32>() < heavy_from
                    || heavy[..n].contains(&st.start)
                {
                    continue;
                }
                let bit = 1 << (SIGNATURE_BITS as usize + n);
                for (k, &bits) in set.iter().enumerate() {
                    let mut bits = bits;
                    while bits != 0 {
                        by_place[64 * k + bits.trailing_zeros() as usize] |= bit;
                        bits &= bits - 1;
                    }
                }
                heavy[n] = st.start;
                n += 1;
                if n == HEAVY_SLOTS {
                    break 'search;
                }
            }
        }
        let heavy = &heavy[..n];
        quick.extend(words.iter().map(|w| {
            let mut q = Quick::of(w, memo, apart);
            if n == 0 {
                return q;
            }
            let lemmas = &memo.lemmas[w.lemmas.0 as usize..w.lemmas.1 as usize];
            q.next |= (lemmas.iter()).fold(0, |b, &l| b | by_place[LemmaSet::place(l)]);
            let mut own = 0;
            for st in starts(w) {
                match heavy.iter().position(|&h| h == st.start) {
                    Some(k) => own |= 1 << (SIGNATURE_BITS as usize + k),
                    None => return q,
                }
            }
            if own != 0 {
                // (A heavy start has no `*` second word: `ANY_TOKEN` in `first` is that of
                // a one-word pattern.)
                q.first = own | q.first & ANY_TOKEN;
            }
            q
        }));
        let unknown = Quick {
            first: 0,
            next: ANY_TOKEN,
        };
        quick.resize(records, unknown);
        quick
    }

    /// The record of word `w`, whose starts are in `memo`, context phrases left out when
    /// `apart` (a word whose one-word patterns are context phrases alone, « fichier »,
    /// « option », has nothing to do then).
    fn of(w: &WordRanges, memo: &WordMemo, apart: bool) -> Quick {
        let starts = &memo.starts[w.starts.0 as usize..w.starts.1 as usize];
        let first = match starts {
            [] => 0,
            [a, .., b] | [a @ b] => {
                let one_word = if apart {
                    a.plain.0 < b.plain.1
                } else {
                    a.targets.0 < b.targets.1
                };
                w.seconds | if one_word { ANY_TOKEN } else { 0 }
            }
        };
        Quick {
            first,
            next: w.bits,
        }
    }
}

/// The bit of a token in `WordRanges::bits` and of a `*` in `WordRanges::seconds`.
const ANY_TOKEN: u64 = 1 << 63;

/// The bit of lemma `l` in a signature (`WordRanges`): one of the 63 others.
///
/// Its hash is not `LemmaSet`'s: with the same (the signature's bit was the set's bit
/// modulo 63), a token that the signatures let through and a start's set turned away was
/// only the signatures' collision, and the two tests, one after the other, turned away no
/// more than the set alone.
fn signature(l: u32) -> u64 {
    1 << ((l.wrapping_mul(0x85EB_CA77) >> 24) % SIGNATURE_BITS)
}

/// The bits of a signature (`signature`) below those of the heavy starts
/// (`Quick::table`) and `ANY_TOKEN`.
const SIGNATURE_BITS: u32 = 63 - HEAVY_SLOTS as u32;

/// The most starts that `Quick::table` tells apart by a bit of their own (bits
/// `SIGNATURE_BITS..63` of `Quick`).
const HEAVY_SLOTS: usize = 8;

/// The second lemmas (bits of its `LemmaSet`) from which a start has a bit of its own in
/// `Quick` (see `Quick::table`).
const HEAVY_FROM: u32 = 16;

/// No start is heavy (`Quick::table`): for a document of fewer than `HEAVY_TOKENS` tokens.
const NO_HEAVY: u32 = u32::MAX;

/// The tokens from which a document's heavy starts are looked for (`Quick::table`): the
/// search and the records' bits cost some 30,000 instructions a document, and the 435
/// small man pages (440 tokens each) gained 13.5 M instructions with them.
const HEAVY_TOKENS: usize = 1 << 14;

/// How many of a document's words `Quick::table` reads for heavy starts: the words come in
/// order of first occurrence, and « le », « de » come early.
const HEAVY_SEARCH: usize = 1024;

/// The third words of a group of patterns that share their first two words (« dans le
/// cadre de », « dans la mesure où »…: « dans le » starts dozens), worked out the first
/// time a search meets the group: a third token that is none of them leaves out all but
/// the group's pattern of two words, without reading each pattern.
#[derive(Clone, Copy)]
struct Thirds {
    /// The third lemmas of its patterns of three words or more.
    lemmas: LemmaSet,
    /// Whether a pattern of it may match whatever the third token (a `*`).
    any_third: bool,
    /// Where its pattern of two words lies in it (at most one: patterns are unique).
    two_words: Option<usize>,
}

impl Thirds {
    /// The patterns of `group`, whose third words these are, that a third token of lemmas
    /// `third` (none past the end) may allow.
    fn narrowed<'g>(&self, group: &'g [u32], third: &[u32]) -> &'g [u32] {
        if self.any_third || third.iter().any(|&l| self.lemmas.may_hold(l)) {
            group
        } else {
            self.two_words.map_or(&[], |k| &group[k..=k])
        }
    }
}

/// How many words ahead `Local::looked_up` asks for a word's first token.
const FIRST_AHEAD: usize = 16;

/// The number of tokens from which `Local::looked_up` asks for the words' first tokens
/// ahead: 1 MB of tokens, the size of a core's second-level cache on the machine measured.
const FAR_TOKENS: usize = 1 << 15;

/// The number of words from which `WordMemo::add_ahead` asks for the first slot of each
/// word's form ahead in small tables: the few new words of a file among many (the 435
/// man pages) are looked up one after the other, as the call per word cost more than the
/// tables, warm by then, made them wait.
const NEAR_FROM: usize = 1024;

/// The most tokens `Local::busy` lists at a time.
const BUSY: usize = 1024;

/// Groups of this many patterns or more that share their first two words are narrowed by
/// their third (see `Thirds`); a smaller one (a lone pattern) is tried as it stands,
/// without a look-up. From 4, the groups of two and three were tried pattern by pattern:
/// on the PO text with the default glossary, 44,700 patterns of three words or more had
/// their lemmas read (two loads far apart each, a fifth of `find_in`'s samples) for 3,300
/// that passed their third word; the `Thirds` of a group, worked out once per search,
/// stay in the caches.
const NARROW_FROM: usize = 2;

/// The slots of `Matcher::find_in`'s table of pair verdicts for a search of `tokens`
/// tokens: a power of two, a slot per 32 tokens, from 64 to `PAIR_SLOTS`.
fn pair_slots(tokens: usize) -> usize {
    (tokens / 32).next_power_of_two().clamp(64, PAIR_SLOTS)
}

/// The most slots of the table of pair verdicts (16 bytes each).
const PAIR_SLOTS: usize = 2048;

/// The slot of the pair of word ids `key` in a table of `slots` slots (a power of two).
fn pair_slot(key: u64, slots: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & (slots - 1)
}

/// No pattern (`Start::one_word`).
const NO_PATTERN: u32 = u32::MAX;

/// A set of lemmas as 256 bits, a lemma's bit chosen by a hash: the second lemmas of a
/// lemma's patterns (most next words are no second word of them, and the set says so
/// without searching the list; with 64 bits, 58 % of the words the set let through on
/// the man pages were in no pattern), the third lemmas of a group of patterns (`Thirds`).
#[derive(Clone, Copy, Default)]
struct LemmaSet([u64; 4]);

impl LemmaSet {
    /// The word and the bit of lemma `l`.
    fn bit(l: u32) -> (usize, u64) {
        let h = Self::place(l);
        (h >> 6, 1 << (h & 63))
    }

    /// The place of lemma `l`'s bit among the 256.
    fn place(l: u32) -> usize {
        (l.wrapping_mul(0x9E37_79B9) >> 24) as usize
    }

    fn add(&mut self, l: u32) {
        let (w, b) = Self::bit(l);
        self.0[w] |= b;
    }

    /// False when `l` is none of the lemmas added; true when it is one, and seldom else.
    fn may_hold(&self, l: u32) -> bool {
        let (w, b) = Self::bit(l);
        self.0[w] & b != 0
    }
}

impl<'d> Local<'d> {
    /// The words of `doc` (whose vocabulary is `words`), looked up in `memo` and added to
    /// it when new.
    /// Context phrases left out when `apart` (see `Local::apart`).
    fn new(
        m: &Matcher,
        doc: &Document,
        words: &'d crate::document::Vocabulary,
        memo: WordMemo,
        apart: bool,
    ) -> Local<'d> {
        let ahead = m.forms.tags.len() >= AHEAD_FROM;
        let heavy_from = if doc.tokens.len() >= HEAVY_TOKENS {
            HEAVY_FROM
        } else {
            NO_HEAVY
        };
        Local::looked_up(m, doc, words, memo, ahead, apart, heavy_from)
    }

    /// `new`, the words' look-ups asked ahead or not (`WordMemo::add_ahead`).
    fn looked_up(
        m: &Matcher,
        doc: &Document,
        words: &'d crate::document::Vocabulary,
        mut memo: WordMemo,
        ahead: bool,
        apart: bool,
        heavy_from: u32,
    ) -> Local<'d> {
        // Each word is read from its first token, and those lie scattered in the token list
        // (13 MB for the PO text): that load missed the caches for nearly every word (87 %
        // of this function's samples on the PO text with the default glossary). The token
        // of the word `FIRST_AHEAD` places on is asked of the memory as each word is read,
        // in a document whose tokens outgrow the caches (`FAR_TOKENS`): a small file's are
        // still there, and the 435 man pages' 191,000 words took 1.6 M more instructions.
        let tokens = &doc.tokens;
        let first = &words.first;
        let far = tokens.len() >= FAR_TOKENS;
        let word = |k: usize| {
            if far && let Some(&ahead) = first.get(k + FIRST_AHEAD) {
                prefetch(&tokens[ahead as usize]);
            }
            tokens[first[k] as usize].norm.as_str()
        };
        let taken = memo.keys.is_empty();
        let ranges: Vec<WordRanges> = if taken {
            // The document's words are distinct: each is new, and its entry is its id. The
            // memo's words are then the document's, taken (not copied: 700 KB written for
            // the first time on the man pages) and given back after the search.
            memo.reserve(words.len());
            let entries = memo.add_ahead(m, (0..first.len()).map(word), ahead);
            debug_assert!(entries.iter().enumerate().all(|(k, &e)| e as usize == k));
            std::mem::take(&mut memo.words)
        } else {
            // The words met before, then the new ones added together (`add_ahead`).
            memo.index(words.len());
            let mut entries: Vec<Option<u32>> =
                (0..first.len()).map(|k| memo.entry(word(k))).collect();
            let new: Vec<usize> = (0..entries.len())
                .filter(|&k| entries[k].is_none())
                .collect();
            // (The new words' tokens were read just above, and are likely still cached.)
            let added = memo.add_ahead(
                m,
                new.iter().map(|&k| tokens[first[k] as usize].norm.as_str()),
                ahead,
            );
            for (&k, &e) in new.iter().zip(&added) {
                memo.place(e);
                entries[k] = Some(e);
            }
            (entries.iter())
                .map(|e| memo.words[e.unwrap_or_default() as usize])
                .collect()
        };
        let quick = Quick::table(&ranges, &memo, apart, heavy_from);
        Local {
            ids: &words.ids,
            words: ranges,
            quick,
            taken,
            apart,
            memo,
        }
    }

    /// The memo, with the words of its entries that `looked_up` took.
    fn into_memo(self) -> WordMemo {
        let mut memo = self.memo;
        if self.taken {
            memo.words = self.words;
        }
        memo
    }

    /// Lists in `out` the tokens from `i` (below `end`, `BUSY` at most) that the search
    /// must look at, and says how many it listed and where it stopped: those that start a
    /// pattern of two words or more that the next token may continue, or have a one-word
    /// pattern (`Quick`). Four tokens in five of the man pages are neither: half start no
    /// pattern, and most of the others (« de », « la ») are not followed by a second word
    /// of theirs and have no one-word pattern. This loop passes them over in some 12
    /// instructions a token, each token's record read once, and without a branch on
    /// whether it is listed (every token is written, the count moves on for those
    /// listed); the search's own loop took 18 for a token that starts nothing, 45 for the
    /// others (its values, too many for the registers, went through the stack), and a call
    /// per token listed cost 40.
    #[inline(never)]
    fn busy(&self, i: usize, end: usize, out: &mut [u32; BUSY]) -> (usize, usize) {
        // A record read by its word's id masked: the ids are below the number of words, and
        // `quick` has a power of two of records (see `looked_up`), so the mask changes no id
        // and takes the place of a bounds test.
        let mask = self.quick.len() - 1;
        let (ids, quick) = (self.ids, &self.quick[..=mask]);
        // Up to the last token, each with a next one: its record, read for the token before,
        // is kept for its own test.
        let last = ids.len().saturating_sub(1);
        let stop = end.min(last).min(i + BUSY);
        let mut n = 0;
        let mut first = ids.get(i).map_or(0, |&id| quick[id as usize & mask].first);
        // (Token indices fit in 32 bits: `Document::MAX_LEN`.)
        for (k, &id) in (i as u32..stop as u32).zip(ids.get(i + 1..=stop).unwrap_or_default()) {
            let next = quick[id as usize & mask];
            // (`n` is below `BUSY`: at most `BUSY` tokens are read.)
            out[n % BUSY] = k;
            n += usize::from(first & next.next != 0);
            first = next.first;
        }
        // The last token, if in range and there is room: no next word, so only its
        // one-word patterns (or a `*` second word, `ANY_TOKEN` too) give the search
        // something to do.
        if stop == last && stop < end && stop < i + BUSY {
            out[n % BUSY] = stop as u32;
            n += usize::from(first & ANY_TOKEN != 0);
            return (n, stop + 1);
        }
        (n, stop)
    }

    /// The lemmas of token `i`'s word (none for a word the glossary does not know).
    fn lemmas(&self, i: usize) -> &[u32] {
        let (a, b) = self.words[self.ids[i] as usize].lemmas;
        &self.memo.lemmas[a as usize..b as usize]
    }

    /// The targets of the one-word pattern of `st` (none if it has none), those of
    /// context phrases left out when `apart`.
    fn one_word_targets(&self, st: &Start) -> &[Target] {
        self.row(st, st)
    }

    /// The targets of the one-word patterns of starts `a..=b` of a word, which lie in a row
    /// (see `one_word_targets`).
    fn row(&self, a: &Start, b: &Start) -> &[Target] {
        if self.apart {
            &self.memo.plain[a.plain.0 as usize..b.plain.1 as usize]
        } else {
            &self.memo.targets[a.targets.0 as usize..b.targets.1 as usize]
        }
    }
}

/// The most hits for which `find_with` makes room at first: the most that fit in a block
/// the allocator gives from its heap (under 2 MB, `cli::alloc`).
const HEAP_HITS: usize = ((2 << 20) - 64) / std::mem::size_of::<Hit>();

/// The number of patterns from which `find_with` makes room for a hit per word at first
/// (`Matcher::first_room`): the default glossaries have some thousands, a termbase of
/// 100,000 concepts more than 100,000.
const LARGE_GLOSSARY: usize = 50_000;

/// The hits of a search.
#[derive(Debug, Default, PartialEq)]
struct Found {
    /// In token order; without those of context phrases when they were left out.
    hits: Vec<Hit>,
}

/// Consecutive ranges of token indices covering `tokens`, of about `size` tokens each,
/// each ending at the end of a sentence.
fn sentence_pieces(tokens: &[crate::document::Token], size: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < tokens.len() {
        let mut end = (start + size.max(1)).min(tokens.len());
        while end < tokens.len() && tokens[end].sentence == tokens[end - 1].sentence {
            end += 1;
        }
        out.push((start, end));
        start = end;
    }
    out
}

/// A glossary ready to match: the entries and their compiled patterns.
#[derive(Debug)]
pub struct CompiledGlossary {
    pub glossary: Glossary,
    matcher: Matcher,
    /// Context phrases, by id.
    pub context_phrases: Vec<String>,
    /// Per term, per forbidden variant.
    pub variant_contexts: VariantContexts,
    /// Per expression.
    pub expression_contexts: Vec<CtxIds>,
    /// Patterns that hold no word (ignored), for `glossary test` to report.
    pub empty_patterns: Vec<String>,
    /// The approved terms in which « de » or « d' » stands between two words (`de_phrases`),
    /// in order: `agreement` reads its « N de N » compounds from them.
    pub de_phrases: Vec<String>,
    /// Multi-word entity names (name, full name, `also`): (spelling, words, entity index).
    pub multiword_names: Vec<(String, Vec<String>, usize)>,
    /// Accent-folded word → indices into `multiword_names` (for `near-miss`).
    pub name_index: HashMap<String, Vec<usize>>,
    /// What rules derive from the glossary alone, computed by the first document that
    /// needs it and shared by the others (see `Document::memo`).
    pub memo: crate::document::Memo,
    /// What the searches found out about the words of the documents (see `WordMemo`).
    words: WordMemos,
}

fn mode(inflect: bool) -> Mode {
    if inflect { Mode::French } else { Mode::Exact }
}

/// Compiles the patterns of every entry, and the context phrases of the variants and
/// expressions.
fn compile(glossary: &Glossary) -> cache::Compiled {
    let (adds, contexts) = list_phrases(glossary);
    let mut m = Builder::with_capacity(adds.len());
    let ok = m.add_all(&adds);
    let empty_patterns = adds
        .iter()
        .zip(ok)
        .filter(|(a, ok)| a.noted && !ok)
        .map(|(a, _)| a.phrase.to_string())
        .collect();
    cache::Compiled {
        matcher: m.finish(),
        context_phrases: contexts.phrases,
        variant_contexts: contexts.variants,
        expression_contexts: contexts.expressions,
        empty_patterns,
        de_phrases: de_phrases(glossary),
    }
}

/// The approved terms of `glossary` in which the word « de » or « d' » stands between two
/// words (« puce de silicium »), in order. Kept with the compiled tables: `agreement` read
/// the 100,000 approved terms of a termbase on every run to find these (about 21 M
/// instructions, its pages of the cache files touched), where a few hundred hold one.
fn de_phrases(glossary: &Glossary) -> Vec<String> {
    let mut out = Vec::new();
    glossary.terms.each_approved(|p| {
        // (A phrase without a byte « d » or « D » holds no such word: most of them.)
        if memchr::memchr2(b'd', b'D', p.as_bytes()).is_some() {
            let w = tokenize_phrase(p);
            if w.len() >= 3 && w[1..w.len() - 1].iter().any(|x| x == "de" || x == "d'") {
                out.push(p.to_string());
            }
        }
    });
    out
}

/// The context tables of a compiled glossary.
struct Contexts {
    phrases: Vec<String>,
    variants: VariantContexts,
    expressions: Vec<CtxIds>,
}

/// Every phrase of the glossary to add to the matcher, in order (the patterns of every
/// entry, and the context phrases of the variants and expressions, each numbered the first
/// time it occurs), and the context tables.
fn list_phrases(glossary: &Glossary) -> (Vec<Add<'_>>, Contexts) {
    use std::borrow::Cow;
    // About one pattern per phrase (a few phrases repeat one).
    let phrases = glossary
        .terms
        .iter()
        .map(|t| t.approved.len() + t.forbidden.len() + t.source.len())
        .sum::<usize>()
        + glossary
            .expressions
            .iter()
            .map(|x| x.patterns.len())
            .sum::<usize>()
        + glossary
            .overuses
            .iter()
            .map(|o| o.patterns.len())
            .sum::<usize>()
        + glossary.entities.len();
    let mut l = PhraseList {
        adds: Vec::with_capacity(phrases),
        context_ids: FastMap::default(),
    };
    let mut variant_contexts = VariantContexts::with_capacity(glossary.terms.len());
    for (ti, t) in glossary.terms.iter().enumerate() {
        let term = ti as u32;
        for (i, a) in t.approved.iter().enumerate() {
            let index = i as u32;
            l.noted(a, Mode::French, Target::Approved { term, index });
        }
        for (i, v) in t.forbidden.iter().enumerate() {
            let index = i as u32;
            l.noted(&v.term, mode(v.inflect), Target::Forbidden { term, index });
            variant_contexts.push(l.context_ids(&v.context));
        }
        variant_contexts.end_term();
        for (i, s) in t.source.iter().enumerate() {
            let is_acronym = s.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !s.chars().any(char::is_lowercase);
            let md = if is_acronym {
                Mode::Exact
            } else {
                Mode::English
            };
            let target = Target::Source {
                term,
                index: i as u32,
            };
            l.add(Cow::Borrowed(s), md, target);
            if is_acronym {
                l.add(Cow::Owned(format!("{s}s")), Mode::Exact, target);
            }
        }
    }
    let mut expression_contexts = Vec::new();
    for (xi, x) in glossary.expressions.iter().enumerate() {
        for (i, p) in x.patterns.iter().enumerate() {
            let target = Target::Expression {
                expr: xi as u32,
                index: i as u32,
            };
            l.noted(p, mode(x.inflect), target);
        }
        expression_contexts.push(l.context_ids(&x.context));
    }
    for (oi, o) in glossary.overuses.iter().enumerate() {
        for p in &o.patterns {
            let target = Target::Overuse { overuse: oi as u32 };
            l.noted(p, Mode::French, target);
        }
    }
    for (ei, e) in glossary.entities.iter().enumerate() {
        let entity = ei as u32;
        l.add(
            Cow::Borrowed(&e.name),
            Mode::Exact,
            Target::EntityName { entity },
        );
        if let Some(f) = &e.full_name {
            l.add(
                Cow::Borrowed(f),
                Mode::Exact,
                Target::EntityFullName { entity },
            );
        }
        for (i, a) in e.also.iter().enumerate() {
            let index = i as u32;
            l.add(
                Cow::Borrowed(a),
                Mode::Exact,
                Target::EntityAlso { entity, index },
            );
        }
        for (i, w) in e.wrong.iter().enumerate() {
            let index = i as u32;
            l.add(
                Cow::Borrowed(w),
                Mode::Exact,
                Target::EntityWrong { entity, index },
            );
        }
    }
    let mut context_phrases = vec![String::new(); l.context_ids.len()];
    for (p, id) in l.context_ids {
        context_phrases[id as usize] = p.to_string();
    }
    let contexts = Contexts {
        phrases: context_phrases,
        variants: variant_contexts,
        expressions: expression_contexts,
    };
    (l.adds, contexts)
}

/// The phrases `list_phrases` lists, and the ids of the context phrases listed so far.
struct PhraseList<'a> {
    adds: Vec<Add<'a>>,
    context_ids: FastMap<&'a str, u32>,
}

impl<'a> PhraseList<'a> {
    fn add(&mut self, phrase: std::borrow::Cow<'a, str>, mode: Mode, target: Target) {
        self.adds.push(Add {
            phrase,
            mode,
            target,
            noted: false,
        });
    }

    /// Adds a phrase that goes to `empty_patterns` when it holds no word.
    fn noted(&mut self, phrase: &'a str, mode: Mode, target: Target) {
        self.adds.push(Add {
            phrase: std::borrow::Cow::Borrowed(phrase),
            mode,
            target,
            noted: true,
        });
    }

    /// The ids of the phrases of a context (numbered the first time each occurs), whose
    /// phrases are added.
    fn context_ids(&mut self, c: &'a Context) -> CtxIds {
        let mut id_of = |p: &'a String| -> u32 {
            let n = self.context_ids.len() as u32;
            let id = *self.context_ids.entry(p.as_str()).or_insert(n);
            let target = Target::Context { phrase: id };
            self.add(std::borrow::Cow::Borrowed(p), Mode::French, target);
            id
        };
        CtxIds {
            when: c.when.iter().map(&mut id_of).collect(),
            unless: c.unless.iter().map(&mut id_of).collect(),
            scope: c.scope,
        }
    }
}

impl CompiledGlossary {
    pub fn new(glossary: Glossary) -> CompiledGlossary {
        // A large glossary (a termbase) is compiled once and its tables kept on disk.
        let compiled = if glossary.len() >= cache::MIN_ENTRIES {
            let key = cache::key(&glossary);
            cache::load(key).unwrap_or_else(|| {
                let c = compile(&glossary);
                cache::store(key, &c);
                c
            })
        } else {
            compile(&glossary)
        };
        let cache::Compiled {
            matcher,
            context_phrases,
            variant_contexts,
            expression_contexts,
            empty_patterns,
            de_phrases,
        } = compiled;
        let mut multiword_names = Vec::new();
        let mut name_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in glossary.entities.iter().enumerate() {
            for n in e.accepted() {
                let w = tokenize_phrase(n);
                if w.len() >= 2 {
                    for x in &w {
                        name_index
                            .entry(crate::document::fold_accents(x))
                            .or_default()
                            .push(multiword_names.len());
                    }
                    multiword_names.push((n.to_string(), w, i));
                }
            }
        }
        CompiledGlossary {
            glossary,
            matcher,
            context_phrases,
            variant_contexts,
            expression_contexts,
            empty_patterns,
            de_phrases,
            multiword_names,
            name_index,
            memo: crate::document::Memo::default(),
            words: WordMemos::default(),
        }
    }

    /// Whether what a search finds out about a document's words is kept for the next
    /// documents (true at first), and what the rules find out about them (`agreement`'s
    /// facts of each word, `keeps_word_memos`). A run of one file sets false: its memo (2 MB
    /// on the PO text) is then freed once the search is done, and the rules' blocks take
    /// its room in the heap instead of pages above it.
    pub fn keep_word_memos(&self, keep: bool) {
        self.words
            .keep
            .store(keep, std::sync::atomic::Ordering::Relaxed);
    }

    /// False when no document follows the one being checked (`keep_word_memos`): what is
    /// found out about its words is then freed when done with, not kept for the next.
    pub fn keeps_word_memos(&self) -> bool {
        self.words.keep.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Every occurrence of every pattern in the document, in token order.
    pub fn find(&self, doc: &Document) -> Vec<Hit> {
        self.matcher.find(doc, &self.words, false).hits
    }

    /// The occurrences of `find` but those of context phrases; then, given those, `ask`
    /// says which context phrases it needs and where: (the others, those of the phrases
    /// asked in the tokens asked), each in token order, the second as `find` finds them.
    /// A rule's context looks at the second list, and the first need not be sifted.
    pub fn find_apart(
        &self,
        doc: &Document,
        ask: impl FnOnce(&[Hit]) -> Asked,
    ) -> (Vec<Hit>, Vec<Hit>) {
        (self.matcher).find_asking(doc, &self.words, ask)
    }

    /// Number of distinct compiled patterns (for statistics and benchmarks).
    pub fn pattern_count(&self) -> usize {
        self.matcher.pattern_lemmas.off.len().saturating_sub(1)
    }

    /// Number of distinct generated forms (for statistics and benchmarks).
    pub fn form_count(&self) -> usize {
        self.matcher.forms.len()
    }

    /// True when `word` (normalised) is a form of an approved French term or of an
    /// entity name: such a word is never « untranslated English ».
    pub fn is_known_french(&self, word: &str) -> bool {
        let m = &self.matcher;
        m.lemmas_of(word).iter().any(|&l| {
            m.by_first.get(l).iter().any(|&p| {
                m.targets(p)
                    .any(|t| matches!(t, Target::Approved { .. } | Target::EntityName { .. }))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse;

    /// The default glossary is far from `LARGE_GLOSSARY`: its hit list starts with room
    /// for a hit per 64 words (no 2 MB of unwritten room in the heap), and the room is
    /// never more than the heap gives (`HEAP_HITS`).
    #[test]
    fn the_default_glossary_makes_little_room_for_its_hits() {
        let g = CompiledGlossary::new(crate::glossary::defaults::load().unwrap());
        assert!(
            g.pattern_count() * 4 < LARGE_GLOSSARY,
            "{}",
            g.pattern_count()
        );
        let m = &g.matcher;
        assert_eq!(m.first_room(640_000), 10_000);
        assert_eq!(m.first_room(64 * HEAP_HITS + 640), HEAP_HITS);
    }

    #[test]
    fn pieces_of_sentences_find_the_hits_of_the_whole() {
        let g = CompiledGlossary::new(crate::glossary::defaults::load().unwrap());
        let doc = Document::from_str(include_str!("../../corpus/meta-puce-ia.fr.txt"));
        let m = &g.matcher;
        let memos = WordMemos::default();
        let whole = m.find_in_pieces(&doc, &memos, &[(0, doc.tokens.len())], false, false);
        assert!(whole.hits.len() > 20);
        // Apart, the hits are those of the whole but the context phrases'.
        let apart = m.find_in_pieces(&doc, &memos, &[(0, doc.tokens.len())], false, true);
        let (context, others): (Vec<Hit>, Vec<Hit>) = whole
            .hits
            .iter()
            .partition(|h| matches!(h.target, Target::Context { .. }));
        assert!(!context.is_empty());
        assert_eq!(apart.hits, others);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        for size in [1, 7, 100, 1 << 16] {
            let pieces = sentence_pieces(&doc.tokens, size);
            assert_eq!(pieces.first().map(|p| p.0), Some(0));
            assert_eq!(pieces.last().map(|p| p.1), Some(doc.tokens.len()));
            for w in pieces.windows(2) {
                assert_eq!(w[0].1, w[1].0);
                let (before, after) = (&doc.tokens[w[0].1 - 1], &doc.tokens[w[1].0]);
                assert_ne!(before.sentence, after.sentence);
            }
            assert_eq!(m.find_in_pieces(&doc, &memos, &pieces, false, false), whole);
            assert_eq!(
                pool.install(|| m.find_in_pieces(&doc, &memos, &pieces, true, false)),
                whole
            );
            assert_eq!(m.find_in_pieces(&doc, &memos, &pieces, false, true), apart);
            assert_eq!(
                pool.install(|| m.find_in_pieces(&doc, &memos, &pieces, true, true)),
                apart
            );
        }
    }

    /// Phrases of all kinds, words repeated within and across phrases.
    fn generated_phrases(n: usize) -> Vec<String> {
        const WORDS: &[&str] = &[
            "chaîne",
            "approvisionnement",
            "mondiale",
            "global",
            "développer",
            "finir",
            "réseau",
            "journal",
            "nouvelle",
            "créatrice",
            "préférer",
            "appeler",
            "l'interface",
            "d'accès",
            "la",
            "des",
            "au",
            "*",
            "API",
            "URLs",
            "Serveur",
            "ÉCRAN",
            "x86-64",
            "café-crème",
            "jusqu'à",
            "rapide",
            "1",
            "!!",
            "œuvre",
            "naïf",
        ];
        (0..n)
            .map(|i| {
                let len = 1 + i % 4;
                (0..len)
                    .map(|k| WORDS[(i * 7 + k * 13 + i / 5) % WORDS.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// A matcher of `phrases`, each an overuse pattern (its index) in the mode `mode` gives
    /// its index.
    fn overuse_matcher(phrases: &[String], mode: impl Fn(usize) -> Mode) -> Matcher {
        let adds: Vec<Add> = (phrases.iter().enumerate())
            .map(|(i, p)| Add {
                phrase: p.into(),
                mode: mode(i),
                target: Target::Overuse { overuse: i as u32 },
                noted: false,
            })
            .collect();
        let mut b = Builder::with_capacity(adds.len());
        b.add_all(&adds);
        b.finish()
    }

    /// Groups of patterns that share their first two words, narrowed by their third, find
    /// what trying each of their patterns finds.
    #[test]
    fn narrowed_groups_find_what_each_pattern_finds() {
        const WORDS: &[&str] = &["dans", "le", "cadre", "mesure", "où", "de", "but", "*"];
        // Phrases of two to five of a few words: many share their first two.
        let mut rng = crate::testing::Rng::new(0x7468_6972);
        let phrases: Vec<String> = (0..1000)
            .map(|_| {
                let n = 2 + rng.below(4);
                let words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
                words.join(" ")
            })
            .collect();
        let m = overuse_matcher(&phrases, |_| Mode::French);
        let pieces = [
            " dans", " le", " la", " cadre", " cadres", " mesure", " où", " de", " but", " a",
            " projet", ".", ",", " l'", "-",
        ];
        // Some groups are large enough to be narrowed.
        let largest = (0..m.by_first.off.len() as u32 - 1)
            .flat_map(|l| {
                let (a, b) = m.by_first.range(l);
                let seconds = &m.by_first_second[a..b];
                let groups = seconds.chunk_by(|x, y| x == y);
                groups.filter(|g| g[0] < ANY_WORD).map(<[u32]>::len)
            })
            .max();
        assert!(largest >= Some(2 * NARROW_FROM), "{largest:?}");
        let mut long = 0;
        for _ in 0..300 {
            let text = rng.string(&pieces, 80);
            let doc = Document::from_str(&text);
            let words = doc.vocabulary();
            let forms = Local::new(&m, &doc, &words, WordMemo::default(), false);
            let all = (0, doc.tokens.len());
            let find = |narrow_from| {
                let mut found = Found::default();
                m.find_in::<true>(&doc, &forms, all, narrow_from, &mut found);
                found
            };
            // Every token through the candidates, every group tried pattern by pattern.
            let mut each = Found::default();
            m.find_in::<false>(&doc, &forms, all, usize::MAX, &mut each);
            assert_eq!(find(usize::MAX), each, "{text:?}");
            assert_eq!(find(1), each, "{text:?}");
            assert_eq!(find(NARROW_FROM), each, "{text:?}");
            long += each.hits.iter().filter(|h| h.last >= h.first + 2).count();
        }
        // Phrases of three words or more were found.
        assert!(long > 100, "{long}");
    }

    /// Tokens whose next word continues none of their patterns, sent straight to their
    /// one-word patterns or passed over when they have none (`find_in::<true>`,
    /// `Local::busy`), find what going through the candidates finds:
    /// on random texts of the words of generated phrases (one to four words, some of them
    /// `*`, exact and inflected), and on the default glossary's corpus.
    #[test]
    fn the_quick_test_of_the_next_word_finds_what_the_candidates_find() {
        let phrases = generated_phrases(3000);
        let m = overuse_matcher(&phrases, |i| {
            if i % 3 == 0 {
                Mode::Exact
            } else {
                Mode::French
            }
        });
        let pieces = [
            " chaîne",
            " chaînes",
            " approvisionnement",
            " mondiale",
            " global",
            " globaux",
            " développé",
            " finir",
            " réseaux",
            " journal",
            " nouvelle",
            " la",
            " des",
            " au",
            " l'interface",
            " d'accès",
            " API",
            " URLs",
            " serveur",
            " écran",
            " x86-64",
            " café-crème",
            " jusqu'à",
            " rapide",
            " 1",
            " !!",
            " œuvre",
            " naïf",
            " inconnu",
            ".",
            ",",
            "\n",
            "-",
        ];
        let mut rng = crate::testing::Rng::new(0x7175_6963);
        // Starts told apart by bits of their own (`Quick::table`) from `HEAVY_FROM` second
        // lemmas, or from one (every start with a second word, the first `HEAVY_SLOTS`).
        let heavy_from = std::cell::Cell::new(HEAVY_FROM);
        let heavy_tokens = std::cell::Cell::new(0);
        let search_apart = |m: &Matcher, doc: &Document, quick: bool, apart: bool| {
            let words = doc.vocabulary();
            let (memo, ahead) = (WordMemo::default(), m.forms.tags.len() >= AHEAD_FROM);
            let forms = Local::looked_up(m, doc, &words, memo, ahead, apart, heavy_from.get());
            let heavy = |q: &Quick| q.first & !ANY_TOKEN >= 1 << SIGNATURE_BITS;
            let n = (forms.ids.iter()).filter(|&&id| heavy(&forms.quick[id as usize]));
            heavy_tokens.set(heavy_tokens.get() + n.count());
            let (mut found, all) = (Found::default(), (0, doc.tokens.len()));
            if quick {
                m.find_in::<true>(doc, &forms, all, NARROW_FROM, &mut found);
            } else {
                m.find_in::<false>(doc, &forms, all, NARROW_FROM, &mut found);
            }
            found
        };
        let search = |m: &Matcher, doc: &Document, quick: bool| search_apart(m, doc, quick, false);
        let (mut one, mut more) = (0, 0);
        for round in 0..600 {
            heavy_from.set(if round % 2 == 0 { HEAVY_FROM } else { 1 });
            let text = rng.string(&pieces, 80);
            let doc = Document::from_str(&text);
            let found = search(&m, &doc, false);
            assert_eq!(search(&m, &doc, true), found, "{text:?}");
            one += found.hits.iter().filter(|h| h.last == h.first).count();
            more += found.hits.iter().filter(|h| h.last > h.first).count();
        }
        assert!(one > 1000 && more > 1000, "{one} {more}");
        assert!(heavy_tokens.get() > 1000, "{}", heavy_tokens.get());
        heavy_from.set(HEAVY_FROM);
        let g = CompiledGlossary::new(crate::glossary::defaults::load().unwrap());
        let doc = Document::from_str(include_str!("../../corpus/meta-puce-ia.fr.txt"));
        let found = search(&g.matcher, &doc, false);
        assert_eq!(search(&g.matcher, &doc, true), found);
        // The context phrases left out, the others found all the same, quick or not.
        let (context, others): (Vec<Hit>, Vec<Hit>) =
            found.hits.into_iter().partition(|h| is_context(&h.target));
        assert!(others.len() > 20 && context.len() > 20);
        for quick in [false, true] {
            assert_eq!(search_apart(&g.matcher, &doc, quick, true).hits, others);
        }
    }

    /// What `Local::new` worked out for a word before the memo, straight from the
    /// matcher's tables: its lemmas, and per lemma that starts patterns, its `Start` (as a
    /// tuple) with the targets of its one-word pattern.
    #[allow(clippy::type_complexity)]
    fn straight(
        m: &Matcher,
        word: &str,
    ) -> (
        Vec<u32>,
        Vec<(u32, u32, u32, u32, [u64; 4], u32, Vec<Target>)>,
    ) {
        let (mut lemmas, mut starts) = (Vec::new(), Vec::new());
        let Some(form) = m.forms.get(word) else {
            return (lemmas, starts);
        };
        for &lemma in m.form_lemmas.get(form) {
            lemmas.push(lemma);
            let (a, b) = m.by_first.range(lemma);
            if a == b {
                continue;
            }
            let seconds = &m.by_first_second[a..b];
            let single = (seconds.iter().position(|&s| s == SINGLE)).unwrap_or(seconds.len());
            let star = (seconds.iter().position(|&s| s >= ANY_WORD)).unwrap_or(seconds.len());
            let mut set = LemmaSet::default();
            for &l in &seconds[..star] {
                set.add(l);
            }
            let one_word = m.by_first.items[a..b].get(single).copied();
            let targets = one_word.map_or(vec![], |p| m.targets(p).collect());
            let one_word = one_word.unwrap_or(NO_PATTERN);
            starts.push((
                a as u32,
                b as u32,
                single as u32,
                star as u32,
                set.0,
                one_word,
                targets,
            ));
        }
        (lemmas, starts)
    }

    /// A memo carried from document to document (and one started afresh) gives each token
    /// what the matcher's tables give its word.
    #[test]
    fn the_words_memo_gives_what_the_tables_give() {
        let phrases = generated_phrases(3000);
        let m = overuse_matcher(&phrases, |i| {
            if i % 5 == 0 {
                Mode::Exact
            } else {
                Mode::French
            }
        });
        // Words of the phrases and others, some longer than a key holds, two of them the
        // same in their first 16 bytes.
        let pieces = [
            " chaîne",
            " chaînes",
            " approvisionnement",
            " approvisionnements",
            " approvisionnemenx",
            " approvisionnementaux",
            " mondiale",
            " mondiales",
            " global",
            " globaux",
            " développé",
            " développer",
            " finir",
            " réseaux",
            " la",
            " des",
            " au",
            " l'interface",
            " d'accès",
            " API",
            " URLs",
            " serveur",
            " écran",
            " x86-64",
            " café-crème",
            " jusqu'à",
            " rapide",
            " œuvre",
            " naïf",
            " inconnu",
            " autre",
            " anticonstitutionnellement",
            ".",
            ",",
            "\n",
        ];
        let mut rng = crate::testing::Rng::new(0x6D65_6D6F);
        let (mut memo, mut starts, mut long) = (WordMemo::default(), 0, 0);
        for round in 0..300 {
            let text = rng.string(&pieces, 60);
            let doc = Document::from_str(&text);
            let words = doc.vocabulary();
            if round % 7 == 0 {
                memo = WordMemo::default();
            }
            // The look-ups asked ahead (a termbase's tables) in every other document.
            // Context phrases left out in every third (none in this glossary).
            let apart = round % 3 == 0;
            let local = Local::looked_up(&m, &doc, &words, memo, round % 2 == 0, apart, HEAVY_FROM);
            for (i, t) in doc.tokens.iter().enumerate() {
                let (lemmas, want) = straight(&m, &t.norm);
                assert_eq!(local.lemmas(i), lemmas, "{:?}", t.norm);
                let (a, b) = local.words[local.ids[i] as usize].starts;
                let got: Vec<_> = (local.memo.starts[a as usize..b as usize].iter())
                    .map(|st| {
                        let targets = local.one_word_targets(st).to_vec();
                        let (seconds, one) = (st.seconds.0, st.one_word);
                        (st.start, st.end, st.single, st.star, seconds, one, targets)
                    })
                    .collect();
                assert_eq!(got, want, "{:?}", t.norm);
                // The signatures of the word's lemmas and of its second lemmas.
                let word = &local.words[local.ids[i] as usize];
                let bits = lemmas.iter().fold(ANY_TOKEN, |b, &l| b | signature(l));
                assert_eq!(word.bits, bits, "{:?}", t.norm);
                let seconds = (want.iter()).fold(0, |b, &(a, _, single, star, ..)| {
                    let set = &m.by_first_second[a as usize..][..star as usize];
                    let star = if star < single { ANY_TOKEN } else { 0 };
                    set.iter().fold(b | star, |b, &l| b | signature(l))
                });
                assert_eq!(word.seconds, seconds, "{:?}", t.norm);
                starts += want.len();
                long += usize::from(t.norm.len() > 16 && !lemmas.is_empty());
            }
            memo = local.into_memo();
        }
        assert!(starts > 1000 && long > 100, "{starts} {long}");
    }

    /// A document of more words than `NEAR_FROM` (each one's slot in the tables asked ahead
    /// in `add_ahead`, without `ahead`) and more tokens than `FAR_TOKENS` (the words' first
    /// tokens asked ahead in `looked_up`) gets from the memo what the tables give each of
    /// its words, as a first document (the memo's words taken) and as a later one (its new
    /// words added).
    #[test]
    fn a_large_document_gets_what_the_tables_give() {
        let phrases = generated_phrases(3000);
        let m = overuse_matcher(&phrases, |i| {
            if i % 5 == 0 {
                Mode::Exact
            } else {
                Mode::French
            }
        });
        // The glossary's words, some inflected, among many it does not know.
        let known = [
            "chaîne",
            "chaînes",
            "approvisionnement",
            "mondiales",
            "global",
            "globaux",
            "développé",
            "réseaux",
            "la",
            "des",
            "l'interface",
            "api",
            "café-crème",
            "jusqu'à",
            "œuvre",
        ];
        let mut rng = crate::testing::Rng::new(0x6661_7274);
        let mut text = String::new();
        let (mut memo, mut checked) = (WordMemo::default(), 0);
        for round in 0..2 {
            text.clear();
            while text.len() < 8 * FAR_TOKENS {
                if rng.below(3) == 0 {
                    text.push_str(known[rng.below(known.len())]);
                } else {
                    let n = rng.below(3000) + 3000 * round;
                    text.push_str(&format!("mot{n}"));
                }
                text.push(' ');
            }
            let doc = Document::from_str(&text);
            let words = doc.vocabulary();
            assert!(words.len() > NEAR_FROM && doc.tokens.len() > FAR_TOKENS);
            let local = Local::looked_up(&m, &doc, &words, memo, false, false, HEAVY_FROM);
            for &first in &words.first {
                let (i, t) = (first as usize, &doc.tokens[first as usize]);
                let (lemmas, want) = straight(&m, &t.norm);
                assert_eq!(local.lemmas(i), lemmas, "{:?}", t.norm);
                let (a, b) = local.words[local.ids[i] as usize].starts;
                let got: Vec<_> = (local.memo.starts[a as usize..b as usize].iter())
                    .map(|st| {
                        let targets = local.one_word_targets(st).to_vec();
                        let (seconds, one) = (st.seconds.0, st.one_word);
                        (st.start, st.end, st.single, st.star, seconds, one, targets)
                    })
                    .collect();
                assert_eq!(got, want, "{:?}", t.norm);
                checked += usize::from(!want.is_empty());
            }
            memo = local.into_memo();
        }
        assert!(checked > 10, "{checked}");
    }

    /// Documents searched one after the other, and side by side (pieces of each side by side
    /// too, so that a thread waiting for its pieces searches another document), with the
    /// glossary's memos find what each finds with a memo of its own.
    #[test]
    fn documents_that_share_the_memos_find_what_each_finds_alone() {
        let g = CompiledGlossary::new(crate::glossary::defaults::load().unwrap());
        let m = &g.matcher;
        let text = [
            include_str!("../../corpus/meta-puce-ia.fr.txt"),
            include_str!("../../corpus/meta-puce-ia.corrige.fr.txt"),
        ]
        .concat();
        // Pieces of 60 and 25 words (a phrase cut at their ends is not found: alike).
        let words: Vec<&str> = text.split_inclusive(' ').collect();
        let docs: Vec<Document> = (words.chunks(60).chain(words.chunks(25).rev()))
            .map(|c| Document::from_str(&c.concat()))
            .collect();
        let alone: Vec<Found> = (docs.iter())
            .map(|d| m.find(d, &WordMemos::default(), false))
            .collect();
        let n = alone.iter().filter(|f| !f.hits.is_empty()).count();
        assert!(n > 40, "{n} of {}", docs.len());
        let memos = WordMemos::default();
        for (d, want) in docs.iter().zip(&alone) {
            assert_eq!(&m.find(d, &memos, false), want);
        }
        use rayon::prelude::*;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        for parallel in [false, true] {
            let memos = WordMemos::default();
            let found: Vec<Found> = pool.install(|| {
                (docs.par_iter())
                    .map(|d| {
                        let pieces = sentence_pieces(&d.tokens, 10);
                        m.find_in_pieces(d, &memos, &pieces, parallel, false)
                    })
                    .collect()
            });
            assert!(found == alone, "{parallel}");
        }
    }

    /// A glossary keeps its memo of words for the next document until told that none
    /// follows (`keep_word_memos(false)`): the memo is then dropped after the search, and
    /// the search finds the same.
    #[test]
    fn a_memo_is_kept_only_while_documents_follow() {
        let g = CompiledGlossary::new(crate::glossary::defaults::load().unwrap());
        let doc = Document::from_str(include_str!("../../corpus/meta-puce-ia.fr.txt"));
        let held = |g: &CompiledGlossary| {
            let slot = g.words.slot().lock().unwrap();
            slot.as_ref().map_or(0, |m| m.keys.len())
        };
        let kept = g.find(&doc);
        assert!(held(&g) > 100, "{}", held(&g));
        g.keep_word_memos(false);
        // (The slot's memo is taken by the search, then dropped.)
        assert_eq!(g.find(&doc), kept);
        assert_eq!(held(&g), 0);
        g.keep_word_memos(true);
        assert_eq!(g.find(&doc), kept);
        assert!(held(&g) > 100);
    }

    /// A builder's tables and answers, to compare.
    fn built(adds: &[Add], by: impl FnOnce(&mut Builder) -> Vec<bool>) -> String {
        let mut m = Builder::with_capacity(adds.len());
        let ok = by(&mut m);
        format!("{ok:?} {:?}", m.finish())
    }

    #[test]
    fn phrases_prepared_in_chunks_compile_as_added_one_by_one() {
        let generated = generated_phrases(3000);
        let modes = [Mode::French, Mode::Exact, Mode::English];
        let generated: Vec<Add> = generated
            .iter()
            .enumerate()
            .map(|(i, p)| Add {
                phrase: p.as_str().into(),
                mode: modes[i / 3 % 3],
                target: Target::Overuse {
                    overuse: i as u32 / 2,
                },
                noted: true,
            })
            .collect();
        let default = crate::glossary::defaults::load().unwrap();
        let (listed, _) = list_phrases(&default);
        let pools = [1, 3].map(|n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
        });
        for adds in [&generated, &listed] {
            let one_by_one = built(adds, |m| {
                let ok = adds
                    .iter()
                    .map(|a| m.add(&a.phrase, a.mode, a.target))
                    .collect();
                m.add_forms(usize::MAX, 1);
                ok
            });
            assert!(one_by_one.contains("false") && one_by_one.contains("true"));
            for pool in &pools {
                for (phrases, words, batch) in [
                    (1, 1, 1),
                    (7, 5, 3),
                    (100, 30, 2),
                    (PHRASE_CHUNK, WORD_CHUNK, BATCH),
                ] {
                    let in_chunks =
                        pool.install(|| built(adds, |m| m.add_all_in(adds, phrases, words, batch)));
                    assert!(in_chunks == one_by_one, "{phrases} {words} {batch}");
                }
            }
        }
    }

    fn compiled(toml: &str) -> CompiledGlossary {
        CompiledGlossary::new(parse("t.toml", toml).unwrap())
    }

    const G: &str = r#"
[glossary]
name = "t"
[[term]]
id = "supply-chain"
approved = ["chaîne d'approvisionnement mondiale"]
[[term.forbidden]]
term = "chaîne d'approvisionnement global"
reason = "r"
[[expression]]
id = "dev"
kind = "calque"
patterns = ["développé indépendamment", "réduire la dépendance à l'égard de"]
reason = "r"
"#;

    /// `de_phrases` keeps exactly the approved terms in which « de » or « d' » stands between
    /// two words, in order, on random phrases (its byte test turns the others away first).
    #[test]
    fn de_phrases_are_the_approved_terms_with_de_inside() {
        let pieces = [
            "de", "De", "DE", "d'", "d’", "D'", "puce", "prix", "mode", "dé", "é", " ", " ", "-",
            "a", "e", "gros", "\u{a0}",
        ];
        let mut rng = crate::testing::Rng::new(0xde);
        let mut toml = String::from("[glossary]\nname = \"t\"\n");
        let mut terms = Vec::new();
        for i in 0..400 {
            let t = rng.string(&pieces, 8);
            if !t.chars().any(char::is_alphabetic) || terms.contains(&t) {
                continue;
            }
            // (The pieces hold no quote nor backslash: written as they stand.)
            toml.push_str(&format!("[[term]]\nid = \"t{i}\"\napproved = [\"{t}\"]\n"));
            terms.push(t);
        }
        let g = compiled(&toml);
        let expected: Vec<&String> = terms
            .iter()
            .filter(|t| {
                let w = tokenize_phrase(t);
                (0..w.len().saturating_sub(2)).any(|k| matches!(w[k + 1].as_str(), "de" | "d'"))
            })
            .collect();
        assert!(
            expected.len() > 20 && expected.len() < terms.len() / 2,
            "{}",
            expected.len()
        );
        assert_eq!(g.de_phrases.iter().collect::<Vec<_>>(), expected);
    }

    fn hits(g: &CompiledGlossary, text: &str) -> Vec<(Target, String)> {
        let doc = Document::from_str(text);
        g.find(&doc)
            .into_iter()
            .map(|h| (h.target, text[h.span().start..h.span().end].to_string()))
            .collect()
    }

    #[test]
    fn equal_range_scans_and_bisects_alike() {
        let bisect = |v: &[u32], l: u32| {
            let lo = v.partition_point(|&s| s < l);
            (lo, lo + v[lo..].partition_point(|&s| s == l))
        };
        let lists: [&[u32]; 6] = [
            &[],
            &[3],
            &[1, 3, 3, 7, ANY_WORD, SINGLE],
            &[0, 0, 2, 2, 2, 5, 9, 9],
            &[0, 1, 1, 2, 4, 4, 4, 6, 8, 8, 11, ANY_WORD, ANY_WORD, SINGLE],
            &[5; 20],
        ];
        for v in lists {
            for l in (0..13).chain([ANY_WORD, SINGLE]) {
                assert_eq!(equal_range(v, l), bisect(v, l), "{v:?} {l}");
            }
        }
        // Long random lists, with runs of every length around the scan of a run's end.
        let mut rng = crate::testing::Rng::new(0x7275_6e73);
        for _ in 0..2000 {
            let n = 9 + rng.below(60);
            let mut v: Vec<u32> = (0..n).map(|_| rng.below(12) as u32).collect();
            v.sort_unstable();
            for l in 0..13 {
                assert_eq!(equal_range(&v, l), bisect(&v, l), "{v:?} {l}");
            }
        }
    }

    #[test]
    fn gathered_candidates_are_the_sorted_union() {
        let groups: [&[u32]; 4] = [&[2, 9], &[], &[1, 9, 12], &[4]];
        for mask in 0..16u32 {
            let chosen: Vec<&[u32]> = (0..4)
                .filter(|k| mask & 1 << k != 0)
                .map(|k| groups[k])
                .collect();
            let (mut one, mut more): (&[u32], Vec<u32>) = (&[], Vec::new());
            for g in &chosen {
                gather(&mut one, &mut more, g);
            }
            let got = if more.is_empty() {
                one.to_vec()
            } else {
                more.sort_unstable();
                more.dedup();
                more
            };
            let mut want: Vec<u32> = chosen.concat();
            want.sort_unstable();
            want.dedup();
            assert_eq!(got, want, "{chosen:?}");
        }
    }

    #[test]
    fn inflected_multi_word_matches() {
        let g = compiled(G);
        let h = hits(&g, "Les chaînes d’approvisionnement globales sont tendues.");
        assert_eq!(
            h,
            [(
                Target::Forbidden { term: 0, index: 0 },
                "chaînes d’approvisionnement globales".into()
            )]
        );
        let h = hits(
            &g,
            "des puces développées indépendamment ; il faut développer indépendamment",
        );
        assert_eq!(h.len(), 2);
        let h = hits(&g, "Elle réduit sa dépendance à l'égard des fournisseurs.");
        assert!(h.is_empty(), "« sa » is not « la »: {h:?}");
        let h = hits(&g, "réduire la dépendance à l'égard d'Nvidia");
        assert_eq!(h.len(), 1);
    }

    #[test]
    fn a_star_stands_for_one_word() {
        let g = compiled(
            r#"
[glossary]
name = "t"
[[expression]]
id = "adresser"
kind = "false-friend"
patterns = ["adresser * problème"]
reason = "r"
"#,
        );
        let h = hits(
            &g,
            "Il faut adresser ce problème et adresser les graves problèmes.",
        );
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].1, "adresser ce problème");
        let h = hits(&g, "Nvidia adresse le problème.");
        assert_eq!(h.len(), 1, "{h:?}");
        assert!(hits(&g, "On va adresser un courrier.").is_empty());
        // A star at an end is dropped: « * adresser * » is « adresser ».
        let g = compiled(
            "[glossary]\nname = \"t\"\n[[expression]]\nid = \"a\"\nkind = \"calque\"\npatterns = [\"* adresser *\"]\nreason = \"r\"\n",
        );
        assert_eq!(hits(&g, "On va adresser.").len(), 1);
    }

    #[test]
    fn plain_words_are_tokenized_as_phrases() {
        // Every string of up to four of these characters.
        let chars = ['a', 'Z', '9', 'é', 'œ', 'ÿ', 's', '\'', '-', 'É'];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| chars.iter().map(move |&c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        words.dedup();
        let mut plain = 0;
        for w in &words {
            if let Some(p) = plain_word(w) {
                assert_eq!(tokenize_phrase(w), [p.into_owned()], "{w}");
                plain += 1;
            }
        }
        assert!(plain > 1000);
        assert!(plain_word("État").is_none() && plain_word("l'égard").is_none());
    }

    #[test]
    fn phrases_do_not_cross_punctuation_or_sentences() {
        let g = compiled(G);
        assert!(hits(&g, "une puce développée. Indépendamment de cela").is_empty());
        assert!(hits(&g, "une puce développée, indépendamment de cela").is_empty());
    }

    /// The context phrases found after the other hits, where and as asked (`find_asking`),
    /// are the hits of those phrases that the whole search finds among the tokens asked,
    /// in the same order; the other hits are those of the whole search.
    #[test]
    fn phrases_asked_are_those_the_whole_search_finds() {
        let g = CompiledGlossary::new(crate::glossary::defaults::load().unwrap());
        // The words of the context phrases, and a few others.
        let mut words: Vec<String> = (g.context_phrases.iter())
            .flat_map(|p| p.split_whitespace().map(|w| format!(" {w}")))
            .collect();
        words.sort();
        words.dedup();
        assert!(words.len() > 50, "{}", words.len());
        words.extend(
            [
                " de",
                " la",
                ".",
                ",",
                "\n\n",
                " l'",
                " fichiers",
                " options",
            ]
            .map(String::from),
        );
        let pieces: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut rng = crate::testing::Rng::new(0x0063_7478);
        let mut docs: Vec<String> = (0..200).map(|_| rng.string(&pieces, 120)).collect();
        docs.push(include_str!("../../corpus/meta-puce-ia.fr.txt").to_string());
        let phrases = g.context_phrases.len();
        let (mut asked_hits, mut tried) = (0, 0);
        for text in &docs {
            let doc = Document::from_str(text);
            let whole = g.find(&doc);
            for round in 0..4 {
                // Some phrases (all of them in the first round), in some sentences (all of
                // them in the first round), as ranges of whole sentences.
                let phrases_asked: Vec<bool> = (0..phrases)
                    .map(|_| round == 0 || rng.below(3) == 0)
                    .collect();
                let sentences = doc.tokens.last().map_or(0, |t| t.sentence as usize + 1);
                let chosen: Vec<bool> = (0..sentences)
                    .map(|_| round == 0 || rng.below(2) == 0)
                    .collect();
                let mut ranges: Vec<(usize, usize)> = Vec::new();
                for (i, t) in doc.tokens.iter().enumerate() {
                    if !chosen[t.sentence as usize] {
                        continue;
                    }
                    match ranges.last_mut() {
                        Some(r) if r.1 == i && rng.below(4) > 0 => r.1 = i + 1,
                        _ => ranges.push((i, i + 1)),
                    }
                }
                // (A range ended in a sentence goes on to its end.)
                for r in &mut ranges {
                    while r.1 < doc.tokens.len()
                        && doc.tokens[r.1].sentence == doc.tokens[r.1 - 1].sentence
                    {
                        r.1 += 1;
                    }
                }
                ranges.dedup_by(|b, a| {
                    b.0 < a.1 && {
                        a.1 = a.1.max(b.1);
                        true
                    }
                });
                let want: Vec<Hit> = (whole.iter())
                    .filter(|h| match h.target {
                        Target::Context { phrase } => {
                            phrases_asked[phrase as usize]
                                && ranges.iter().any(|r| (r.0..r.1).contains(&h.first()))
                        }
                        _ => false,
                    })
                    .copied()
                    .collect();
                let others: Vec<Hit> = whole
                    .iter()
                    .filter(|h| !is_context(&h.target))
                    .copied()
                    .collect();
                let asked = Asked {
                    phrases: phrases_asked,
                    ranges,
                };
                let mut seen = None;
                let (hits, context) = g.find_apart(&doc, |hits| {
                    seen = Some(hits.to_vec());
                    asked.clone()
                });
                assert_eq!(seen.as_ref(), Some(&others));
                assert_eq!(hits, others);
                assert_eq!(context, want, "{text:?}");
                asked_hits += want.len();
                tried += 1;
            }
        }
        assert!(tried > 800 && asked_hits > 5000, "{asked_hits}");
    }
}
