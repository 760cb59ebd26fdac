/*! The distinct words of a document. A text of a million words has some twenty thousand
distinct ones: what depends on a word alone (its forms in the glossary, whether it is in a
word list) is worked out once per distinct word, then read per token by its id. */

use super::Token;

/// Each token's id among the distinct normalised forms (`Token::norm`) of a document.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Per token: the id of its normalised form. Ids are given in order of first occurrence,
    /// from 0.
    pub ids: Vec<u32>,
    /// Per id: the index of the first token of that form.
    pub first: Vec<u32>,
}

impl Vocabulary {
    pub fn new(tokens: &[Token]) -> Vocabulary {
        // Sized for a distinct word in 32 tokens (the man pages have one in 26) and grown
        // as needed: a table sized for the tokens was mostly empty, and its probes missed
        // the caches. A short text has more distinct words for its length (one in 4 or 5
        // tokens in each of the 435 man pages), and its table, sized for one in 32, grew
        // three or four times (`WordIds::grow`: 15 M instructions on those files): up to
        // 4,096 words, it is sized for one in 4.
        let mut table = WordIds::new((tokens.len() / 4).min(4096).max(tokens.len() / 32));
        let mut first: Vec<u32> = Vec::new();
        // Two tokens at a time: the first slots of both words are read (`first_slot`)
        // before either is tested. Most words are found in their first slot; the table
        // (512 KB for the PO text) is read at random, and that load was where 41 % of this
        // function's samples sat, each token's read waiting for the branches on its word's
        // length (`Key::of`: most words have 8 bytes or fewer, in no order, and those
        // branches go either way). The second word's key is now built while the first
        // word's slot is on its way: the function's own time 5.8-7.3 -> 5.6-6.0 ms per run
        // on the PO text (perf, five sittings on a busy host), for as many instructions.
        // A word its first slot does not tell (a collision, a new word, one of 17 bytes or
        // more) is looked up in full (`settle`), in order, after those before it:
        // the second slot, read before the first word was added, tells a word the table
        // held then, whose id has not changed.
        let mut ids: Vec<u32> = Vec::with_capacity(tokens.len());
        let mut pairs = tokens.chunks_exact(2);
        for (c, pair) in (&mut pairs).enumerate() {
            let ka = Key::of(pair[0].norm.as_bytes());
            let sa = table.first_slot(ka);
            let kb = Key::of(pair[1].norm.as_bytes());
            let sb = table.first_slot(kb);
            let a = match table.quick(sa, ka) {
                Some(id) => id,
                None => Self::settle(&mut table, &mut first, tokens, 2 * c),
            };
            let b = match table.quick(sb, kb) {
                Some(id) => id,
                None => Self::settle(&mut table, &mut first, tokens, 2 * c + 1),
            };
            ids.extend_from_slice(&[a, b]);
        }
        if let [_] = pairs.remainder() {
            ids.push(Self::settle(
                &mut table,
                &mut first,
                tokens,
                tokens.len() - 1,
            ));
        }
        Vocabulary { ids, first }
    }

    /// The id of token `i`, whose word's first slot did not tell it (`WordIds::quick`): a
    /// new word (kept with the next id), one in a later slot, or one longer than 16 bytes.
    /// Out of line, as few tokens get here on a long text (a new word in 30 tokens on the PO
    /// text), so that the loop of `new` keeps its values in registers. (A look-up that
    /// tried the later slots first, before this one for a new word, cost the 435 man
    /// pages, a new word in 4 or 5 tokens, 20 M more instructions.)
    #[inline(never)]
    fn settle(table: &mut WordIds, first: &mut Vec<u32>, tokens: &[Token], i: usize) -> u32 {
        let t = &tokens[i];
        let next = first.len() as u32;
        let id = table.id_of(t.norm.as_bytes(), next, |id| {
            tokens[first[id as usize] as usize].norm == t.norm
        });
        if id == next {
            first.push(i as u32);
        }
        id
    }

    /// The number of distinct forms.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// `f` of every token, called once per distinct form (on its first token): `f` must
    /// depend on the token's normalised form alone.
    pub fn per_token<T: Copy>(&self, tokens: &[Token], f: impl FnMut(&Token) -> T) -> Vec<T> {
        let by_id = self.per_form(tokens, f);
        self.ids.iter().map(|&id| by_id[id as usize]).collect()
    }

    /// `f` of every distinct form, by id (called on each form's first token).
    pub fn per_form<T>(&self, tokens: &[Token], f: impl FnMut(&Token) -> T) -> Vec<T> {
        self.first
            .iter()
            .map(|&i| &tokens[i as usize])
            .map(f)
            .collect()
    }

    /// A value per distinct form, each worked out when a token of that form first asks
    /// (`PerForm::get`): for what costs too much to work out for every form (`per_form`)
    /// when few forms are asked.
    pub fn lazy<T: Copy>(&self) -> PerForm<'_, T> {
        PerForm {
            ids: &self.ids,
            values: vec![std::cell::Cell::new(None); self.len()],
        }
    }
}

/// See `Vocabulary::lazy`.
pub struct PerForm<'v, T> {
    ids: &'v [u32],
    values: Vec<std::cell::Cell<Option<T>>>,
}

impl<T: Copy> PerForm<'_, T> {
    /// The value of the form of token `token`: `make()` the first time a token of that form
    /// asks (`make` must depend on the form alone). Inlined, as rules ask it for every
    /// token; making a value is out of line.
    #[inline]
    pub fn get(&self, token: usize, make: impl FnOnce() -> T) -> T {
        let cell = &self.values[self.ids[token] as usize];
        match cell.get() {
            Some(v) => v,
            None => Self::make(cell, make),
        }
    }

    #[cold]
    #[inline(never)]
    fn make(cell: &std::cell::Cell<Option<T>>, make: impl FnOnce() -> T) -> T {
        let v = make();
        cell.set(Some(v));
        v
    }
}

/// A word's key: its length and its first 16 bytes (zero-padded), read in a few loads.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    lo: u64,
    hi: u64,
    len: usize,
}

/// The first 16 bytes of a word, zero-padded, as two little-endian numbers: with its
/// length, the key by which the tables of words (`WordIds`, and the glossary's memo)
/// find a word in a few instructions. A word of 16 bytes or more is read in
/// two loads of 8 bytes; one of 9 to 15 bytes reads its last 8 bytes and shifts off those
/// before its ninth. Most words have 8 bytes or fewer (80 % of the man pages' tokens), and
/// their lengths come in no order: they take two paths, not the five of a branch per
/// width (`lexicon::load_le`), whose tests cost the vocabulary some 8 instructions a token.
#[inline]
pub fn first_16_bytes(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    let load = |at: usize| u64::from_le_bytes(w[at..at + 8].try_into().expect("8 bytes"));
    if n <= 8 {
        (load_up_to_8(w), 0)
    } else if n < 16 {
        (load(0), load(n - 8) >> (8 * (16 - n)))
    } else {
        (load(0), load(8))
    }
}

/// The bytes of `w`, of 8 bytes or fewer, zero-padded, as a little-endian number. From 4
/// bytes, its first 4 and its last 4, which overlap on the same bytes (so that OR-ing them
/// is exact); from 1 to 3, its first, middle and last bytes (the same byte twice or three
/// times for a shorter word).
#[inline]
fn load_up_to_8(w: &[u8]) -> u64 {
    let n = w.len();
    if n >= 4 {
        let load = |at: usize| u32::from_le_bytes(w[at..at + 4].try_into().expect("4 bytes"));
        load(0) as u64 | (load(n - 4) as u64) << (8 * (n - 4))
    } else if n > 0 {
        let byte = |at: usize| (w[at] as u64) << (8 * at);
        byte(0) | byte(n / 2) | byte(n - 1)
    } else {
        0
    }
}

impl Key {
    /// The key of `w`.
    #[inline]
    fn of(w: &[u8]) -> Key {
        let (lo, hi) = first_16_bytes(w);
        Key {
            lo,
            hi,
            len: w.len(),
        }
    }

    /// The slot where a table of `1 << bits` slots starts looking for the key.
    #[inline]
    fn index(self, bits: u32) -> usize {
        let h = (self.lo ^ self.hi.rotate_left(29) ^ self.len as u64)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - bits)) as usize
    }
}

/// An empty slot.
const EMPTY: u32 = u32::MAX;

/// A table of words and their ids, by their key (`Key`): open addressing, linear probing,
/// at most half full. (A hash map of the words cost a hash of each word's bytes and a call
/// to compare them: 100 instructions a token, three times this table.) The words
/// themselves are kept by its user, who compares a word longer than a key with the word of
/// an id (`id_of`): the vocabulary of a document, `agreement`'s words kept from file to
/// file.
///
/// A slot holds a word's first 8 bytes, its length and its id (16 bytes); bytes 8 to 16 of
/// a longer word (a fifth of the man pages' tokens) are kept by id in `his`, read only
/// when the rest of the key matches. With the whole key in each slot (32 bytes), the man
/// pages' table of 65,536 slots took 2 MB, a block mapped on its own and faulted in fresh
/// (a huge page zeroed by the kernel on every run); it takes 1 MB now, from the heap, and
/// `his` 180 KB.
pub struct WordIds {
    slots: Vec<Slot>,
    /// Per id: `Key::hi` of its word, for a word longer than 8 bytes (else unused).
    his: Vec<u64>,
    bits: u32,
    used: usize,
}

#[derive(Clone, Copy)]
struct Slot {
    /// `Key::lo` and `Key::len` of the word.
    lo: u64,
    len: u32,
    id: u32,
}

impl WordIds {
    /// A table with room for `expected` words before it grows.
    pub fn new(expected: usize) -> WordIds {
        let bits = (expected * 2).max(16).next_power_of_two().trailing_zeros();
        WordIds {
            slots: vec![WordIds::EMPTY_SLOT; 1 << bits],
            his: Vec::new(),
            bits,
            used: 0,
        }
    }

    const EMPTY_SLOT: Slot = Slot {
        lo: 0,
        len: 0,
        id: EMPTY,
    };

    /// The id of word `w`; when the table holds none, `next` (below `u32::MAX`), kept as
    /// its id. `same(id)` says whether the word of `id`, of the same length and first 16
    /// bytes as `w`, is `w`: it is asked only of a word longer than 16 bytes.
    #[inline]
    pub fn id_of(&mut self, w: &[u8], next: u32, same: impl Fn(u32) -> bool) -> u32 {
        let key = Key::of(w);
        let mask = self.slots.len() - 1;
        let mut s = key.index(self.bits);
        loop {
            let slot = self.slots[s];
            if slot.id == EMPTY {
                self.put(s, key, next);
                return next;
            }
            // (A key holds the whole of a word of 16 bytes or fewer, its first 8 bytes the
            // whole of one of 8 or fewer.)
            if slot.lo == key.lo
                && slot.len as usize == key.len
                && (key.len <= 8
                    || self.his[slot.id as usize] == key.hi && (key.len <= 16 || same(slot.id)))
            {
                return slot.id;
            }
            s = (s + 1) & mask;
        }
    }

    /// The first slot where the word of key `key` is looked for (a copy: the table may
    /// move before it is tested, `Vocabulary::new`).
    #[inline]
    fn first_slot(&self, key: Key) -> Slot {
        let mask = self.slots.len() - 1;
        self.slots[key.index(self.bits) & mask]
    }

    /// The id of `slot`'s word, if it is the word of key `key` and the key tells it (16
    /// bytes or fewer); else `None`, whether or not the table holds the word.
    #[inline]
    fn quick(&self, slot: Slot, key: Key) -> Option<u32> {
        let hit = slot.id != EMPTY
            && slot.lo == key.lo
            && slot.len as usize == key.len
            && (key.len <= 8 || key.len <= 16 && self.his[slot.id as usize] == key.hi);
        hit.then_some(slot.id)
    }

    /// Makes room for `more` words beyond those it holds, so that it does not grow while
    /// they come (each step of growth moves every word).
    pub fn reserve(&mut self, more: usize) {
        let want = (2 * (self.used + more)).next_power_of_two();
        if want > self.slots.len() {
            self.grow(want.trailing_zeros());
        }
    }

    /// Puts `id` in the empty slot `s`, and doubles the table when it is half full.
    fn put(&mut self, s: usize, key: Key, id: u32) {
        // (Words are shorter than 4 GiB: `Document::MAX_LEN`.)
        self.slots[s] = Slot {
            lo: key.lo,
            len: key.len as u32,
            id,
        };
        if key.len > 8 {
            // (Ids most often come in order, from 0: the vocabulary's do.)
            let at = id as usize;
            if at == self.his.len() {
                self.his.push(key.hi);
            } else {
                if at > self.his.len() {
                    self.his.resize(at + 1, 0);
                }
                self.his[at] = key.hi;
            }
        }
        self.used += 1;
        if self.used * 2 > self.slots.len() {
            self.grow(self.bits + 1);
        }
    }

    /// Moves every word to a table of `1 << bits` slots.
    fn grow(&mut self, bits: u32) {
        let old = std::mem::take(&mut self.slots);
        self.bits = bits;
        self.slots = vec![WordIds::EMPTY_SLOT; 1 << bits];
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|s| s.id != EMPTY) {
            let key = Key {
                lo: slot.lo,
                hi: if slot.len > 8 {
                    self.his[slot.id as usize]
                } else {
                    0
                },
                len: slot.len as usize,
            };
            let mut s = key.index(self.bits);
            while self.slots[s].id != EMPTY {
                s = (s + 1) & mask;
            }
            self.slots[s] = slot;
        }
    }
}

/// An empty table (of the smallest size).
impl Default for WordIds {
    fn default() -> WordIds {
        WordIds::new(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lazy value is made once per form, by the first token of that form that asks.
    #[test]
    fn a_lazy_value_is_made_once_per_form() {
        let doc = crate::document::Document::from_str("le chat et le chien et le chat");
        let v = Vocabulary::new(&doc.tokens);
        let lazy = v.lazy::<usize>();
        let made = std::cell::Cell::new(0);
        let firsts: Vec<usize> = (0..doc.tokens.len())
            .map(|k| {
                lazy.get(k, || {
                    made.set(made.get() + 1);
                    k
                })
            })
            .collect();
        assert_eq!(made.get(), v.len());
        assert_eq!(firsts, [0, 1, 2, 0, 4, 2, 0, 1]);
    }

    #[test]
    fn tokens_of_one_form_share_its_id() {
        let doc = crate::document::Document::from_str(
            "Le modèle et le Modèle : l'entraînement du modèle, L’entraînement.",
        );
        let v = Vocabulary::new(&doc.tokens);
        assert_eq!(v.ids.len(), doc.tokens.len());
        for (i, a) in doc.tokens.iter().enumerate() {
            // The first token of its id has its form, and comes first.
            let first = v.first[v.ids[i] as usize] as usize;
            assert_eq!(doc.tokens[first].norm, a.norm);
            assert!(first <= i);
            for (j, b) in doc.tokens.iter().enumerate() {
                assert_eq!(v.ids[i] == v.ids[j], a.norm == b.norm);
            }
        }
        // « le », « modèle », « et », « : »? (not a token), « l' », « entraînement », « du ».
        assert_eq!(v.len(), 6);
        let lengths = v.per_token(&doc.tokens, |t| t.norm.len());
        let direct: Vec<usize> = doc.tokens.iter().map(|t| t.norm.len()).collect();
        assert_eq!(lengths, direct);
        assert_eq!(v.per_form(&doc.tokens, |t| t.norm.to_string())[1], "modèle");
    }

    #[test]
    fn ids_are_those_of_a_hash_map_on_random_texts() {
        // Long words sharing their first 16 bytes, short ones, many forms (the table grows).
        let pieces = [
            "a",
            "é",
            "b",
            "internationalisation",
            "internationalisations",
            "internationaliser",
            "constitu",
            "constitue",
            "constitué",
            "constitution",
            "constitutions",
            "x1",
            "l'",
            "Le",
            "LE",
            "œuvre",
            "’",
            " ",
            " ",
            " ",
            "-",
            ".",
            "\n",
            "9",
        ];
        let mut rng = crate::testing::Rng::new(0x766F_6361);
        for _ in 0..300 {
            let text = rng.string(&pieces, 400);
            let doc = crate::document::Document::from_str(&text);
            let v = Vocabulary::new(&doc.tokens);
            let mut seen: std::collections::HashMap<&str, u32> = Default::default();
            for (t, &id) in doc.tokens.iter().zip(&v.ids) {
                let n = seen.len() as u32;
                assert_eq!(*seen.entry(t.norm.as_str()).or_insert(n), id, "{text:?}");
            }
            assert_eq!(seen.len(), v.len());
        }
    }

    /// A table's ids are those of a hash map, for words of random bytes and lengths that
    /// share their first bytes (16, 8 or fewer) and come in any order of ids.
    #[test]
    fn word_ids_are_those_of_a_hash_map() {
        let mut rng = crate::testing::Rng::new(0x7769_6473);
        for _ in 0..50 {
            // Words that share their first 8 or 16 bytes and their length, so that their
            // probes meet slots whose key differs only beyond the first 8 bytes.
            let stems: [&[u8]; 4] = [b"", b"abc", b"abcdefgh", b"abcdefghijklmnop"];
            let mut table = WordIds::new(rng.below(64));
            let mut words: Vec<Vec<u8>> = Vec::new();
            let mut seen: std::collections::HashMap<Vec<u8>, u32> = Default::default();
            for _ in 0..2000 {
                let mut w = stems[rng.below(stems.len())].to_vec();
                w.extend((0..rng.below(7)).map(|_| rng.below(4) as u8));
                // Ids given apart from the order of first occurrence, as `agreement` does.
                let next = words.len() as u32 * 3 + 1;
                let id = table.id_of(&w, next, |id| words[(id as usize - 1) / 3] == w);
                if id == next {
                    words.push(w.clone());
                }
                assert_eq!(*seen.entry(w.clone()).or_insert(next), id, "{w:?}");
            }
            assert_eq!(seen.len(), words.len());
        }
    }

    /// What a word's first slot tells (`quick`) agrees with the ids the table gave, for
    /// words of every length class, before and after they are added.
    #[test]
    fn quick_agrees_with_id_of() {
        let mut rng = crate::testing::Rng::new(0x7175_6963);
        for _ in 0..50 {
            let stems: [&[u8]; 4] = [b"", b"abc", b"abcdefgh", b"abcdefghijklmnop"];
            let mut table = WordIds::new(rng.below(64));
            let mut ids: std::collections::HashMap<Vec<u8>, u32> = Default::default();
            for _ in 0..1000 {
                let mut w = stems[rng.below(stems.len())].to_vec();
                w.extend((0..rng.below(7)).map(|_| rng.below(4) as u8));
                let key = Key::of(&w);
                let held = ids.get(&w).copied();
                let told = held.filter(|_| w.len() <= 16);
                let first = table.quick(table.first_slot(key), key);
                assert!(first.is_none() || first == told, "{w:?}");
                let next = ids.len() as u32;
                let id = table.id_of(&w, next, |id| ids.get(&w) == Some(&id));
                assert_eq!(id, held.unwrap_or(next), "{w:?}");
                ids.insert(w, id);
            }
        }
    }

    /// Pairs of tokens of one new word (the second slot read before the first word is
    /// added), a table that grows between the two words of a pair, an odd number of tokens.
    #[test]
    fn ids_of_words_new_twice_in_a_pair() {
        for n in [1, 2, 3, 17, 2001] {
            let words: Vec<String> = (0..n).map(|k| format!("mot{k}")).collect();
            for offset in [0, 1] {
                let text = (words.iter().flat_map(|w| [w, w]).skip(offset))
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(" ");
                let doc = crate::document::Document::from_str(&text);
                let v = Vocabulary::new(&doc.tokens);
                let mut seen: std::collections::HashMap<&str, u32> = Default::default();
                for (t, &id) in doc.tokens.iter().zip(&v.ids) {
                    let next = seen.len() as u32;
                    assert_eq!(*seen.entry(t.norm.as_str()).or_insert(next), id);
                }
                assert_eq!(seen.len(), v.len());
            }
        }
    }

    /// The key of a word is its length and its first 16 bytes, zero-padded.
    #[test]
    fn keys_hold_the_first_sixteen_bytes() {
        let word: Vec<u8> = (1..=40).collect();
        for n in 0..=word.len() {
            let w = &word[..n];
            let mut padded = [0u8; 16];
            padded[..n.min(16)].copy_from_slice(&w[..n.min(16)]);
            let key = Key::of(w);
            assert_eq!(key.lo, u64::from_le_bytes(padded[..8].try_into().unwrap()));
            assert_eq!(key.hi, u64::from_le_bytes(padded[8..].try_into().unwrap()));
            assert_eq!(key.len, n);
        }
    }

    /// `first_16_bytes` reads the bytes of words of every length, whatever their bytes.
    #[test]
    fn the_first_sixteen_bytes_of_random_words() {
        let mut rng = crate::testing::Rng::new(0x3136_6279);
        for _ in 0..2000 {
            let n = rng.below(41);
            let word: Vec<u8> = (0..n).map(|_| rng.below(256) as u8).collect();
            let mut padded = [0u8; 16];
            padded[..n.min(16)].copy_from_slice(&word[..n.min(16)]);
            let want = (
                u64::from_le_bytes(padded[..8].try_into().unwrap()),
                u64::from_le_bytes(padded[8..].try_into().unwrap()),
            );
            assert_eq!(first_16_bytes(&word), want, "{word:?}");
            if n <= 8 {
                assert_eq!(load_up_to_8(&word), crate::lexicon::load_le(&word));
            }
        }
    }

    #[test]
    fn an_empty_text_has_no_forms() {
        let v = Vocabulary::new(&[]);
        assert!(v.is_empty() && v.ids.is_empty());
    }
}
