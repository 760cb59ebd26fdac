//! A memo of the morphology's readings for one text (`ReadingsMemo`).

use super::morph::{Analysis, Morphology, load_le};

/// The readings of the words of one text, kept as they are first looked up: a text
/// repeats its words (a man page, 28 times on average), and finding a kept word costs a
/// fraction of `Morphology::analyses` (two short loads and a multiplication, no look-up in
/// the large table). A word is kept by its length and its first 16 bytes, zero-padded,
/// so a longer one is looked up each time.
pub struct ReadingsMemo<'m> {
    m: &'m Morphology,
    /// Open addressing, linear probing, at most half full; a length of 0 is an empty slot.
    slots: Vec<MemoSlot<'m>>,
    /// The number of bits of a slot's index (`slots` has `1 << bits`).
    bits: u32,
    kept: usize,
}

#[derive(Clone, Copy)]
struct MemoSlot<'m> {
    len: usize,
    lo: u64,
    hi: u64,
    readings: &'m [Analysis],
}

impl<'m> ReadingsMemo<'m> {
    /// The longest word kept.
    const LONGEST: usize = 16;

    pub fn new(m: &'m Morphology) -> ReadingsMemo<'m> {
        // (Small at first: a document may be one short string of a PO file.)
        let bits = 4;
        ReadingsMemo {
            m,
            slots: vec![MemoSlot::EMPTY; 1 << bits],
            bits,
            kept: 0,
        }
    }

    fn index(lo: u64, hi: u64, len: usize, bits: u32) -> usize {
        let h = (lo ^ hi.rotate_left(29) ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - bits)) as usize
    }

    /// `Morphology::analyses(word)`.
    pub fn analyses(&mut self, word: &str) -> &'m [Analysis] {
        let w = word.as_bytes();
        let len = w.len();
        if len == 0 || len > Self::LONGEST {
            return self.m.analyses(word);
        }
        let k = len.min(8);
        let (lo, hi) = (load_le(&w[..k]), load_le(&w[k..]));
        let mask = self.slots.len() - 1;
        let mut i = Self::index(lo, hi, len, self.bits);
        loop {
            let s = &self.slots[i];
            if s.len == len && s.lo == lo && s.hi == hi {
                return s.readings;
            }
            if s.len == 0 {
                return self.insert(i, word, lo, hi);
            }
            i = (i + 1) & mask;
        }
    }

    /// Looks `word` up in the morphology and keeps its readings in the empty slot `i`.
    #[cold]
    #[inline(never)]
    fn insert(&mut self, i: usize, word: &str, lo: u64, hi: u64) -> &'m [Analysis] {
        let readings = self.m.analyses(word);
        self.slots[i] = MemoSlot {
            len: word.len(),
            lo,
            hi,
            readings,
        };
        self.kept += 1;
        if 2 * self.kept > self.slots.len() {
            self.grow();
        }
        readings
    }

    fn grow(&mut self) {
        self.bits += 1;
        let old = std::mem::replace(&mut self.slots, vec![MemoSlot::EMPTY; 1 << self.bits]);
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.len != 0) {
            let mut i = Self::index(s.lo, s.hi, s.len, self.bits);
            while self.slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

impl MemoSlot<'_> {
    const EMPTY: MemoSlot<'static> = MemoSlot {
        len: 0,
        lo: 0,
        hi: 0,
        readings: &[],
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_gives_the_readings_of_the_morphology() {
        let m = crate::lexicon::morphology();
        let mut memo = ReadingsMemo::new(m);
        let mut rng = crate::testing::Rng::new(0x5eed_a9f0);
        // Words of the dictionary and others, short and long (past the 16 bytes kept),
        // each asked several times, enough of them for the table to grow.
        let known = [
            "puce",
            "puces",
            "conçue",
            "performant",
            "performantes",
            "été",
            "est",
            "de",
            "l'",
            "a",
            "d'approvisionnement",
            "anticonstitutionnellement",
            "extrêmement",
            "particulièrement",
            "chaîne",
            "œuvre",
            "système",
            "systèmes",
            "grande",
        ];
        let pieces = [
            "a", "e", "é", "è", "s", "t", "n", "ion", "ment", "ée", "es", "\0", "'", "œ", "x",
            "aient", "con", "pré", "ç", "i",
        ];
        let mut words: Vec<String> = known.iter().map(|w| w.to_string()).collect();
        words.extend((0..6000).map(|_| rng.string(&pieces, 9)));
        words.push("abc\0".into());
        words.push("abc".into());
        for round in 0..3 {
            for w in &words {
                assert_eq!(memo.analyses(w), m.analyses(w), "{w:?} (round {round})");
            }
        }
        for _ in 0..20_000 {
            let w = &words[rng.below(words.len())];
            assert_eq!(memo.analyses(w), m.analyses(w), "{w:?}");
        }
        assert!(memo.slots.len() > 4096);
        assert!(!m.analyses("puce").is_empty() && !m.analyses("performantes").is_empty());
    }
}
