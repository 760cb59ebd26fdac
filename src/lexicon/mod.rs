/*! The French dictionary: Grammalecte/Dicollecte's Hunspell dictionary « toutes variantes »
(v7.0, MPL 2.0, see `dict/fr/README.md`), compiled into the binary. Two views of it, each
built once, on first use, and only by the rules that need it:

- `speller()`: spellbook's Hunspell-compatible checker and suggester (`spelling`);
- `morphology()`: every form with its part of speech, gender and number (`agreement`).

Neither is built when those rules are disabled, so a run without them pays nothing. */

mod morph;

pub use morph::{
    Analysis, Gender, Morphology, Number, Pos, ReadingsAt, WordSet, load_le, same_bytes,
};

use std::sync::OnceLock;

/// The affix file of the dictionary.
pub const AFF: &str = include_str!("../../dict/fr/fr.aff");
/// The word list of the dictionary.
pub const DIC: &str = include_str!("../../dict/fr/fr.dic");

/// The Hunspell dictionary, parsed on first use (about 30 ms and 7 MB in a release build).
pub fn speller() -> &'static spellbook::Dictionary {
    static DICT: OnceLock<spellbook::Dictionary> = OnceLock::new();
    DICT.get_or_init(|| {
        spellbook::Dictionary::new(AFF, DIC).expect("the embedded French dictionary parses")
    })
}

/// The words the dictionary accepts as they stand (see `morph::plain_words`), made by the
/// build script.
const WORDS_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.bin"));

/// True when the dictionary accepts `word` as it stands, found in a frozen list of its
/// plain words (entries and suffixed forms) without parsing the dictionary; false means
/// « ask `speller()` ». Hunspell accepts every word of the list.
pub fn plain_word(word: &str) -> bool {
    static SET: OnceLock<Option<WordSet>> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(WORDS_IMAGE))
        .as_ref()
        .is_some_and(|s| s.contains(word))
}

/// True when `word`, or its lower case if it is capitalised (« Bord » for « bord », as
/// Hunspell reads a word at the start of a sentence), is one of the plain words: what a
/// spelling suggestion is checked against (Hunspell itself costs 1 µs a word, and a word
/// has about 800 candidate corrections).
pub fn plain_word_any_case(word: &str) -> bool {
    if plain_word(word) {
        return true;
    }
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && !chars.clone().any(char::is_uppercase)
        && plain_word(&word.to_lowercase())
}

/// True when the dictionary accepts `word`: the plain list first, Hunspell (parsed on
/// first need) for the rest. Always what `speller().check(word)` says.
pub fn check_word(word: &str) -> bool {
    if plain_word(word) {
        return true;
    }
    // Hunspell's answers, kept per thread: a text repeats its unknown words (program names
    // in man pages), and asking Hunspell costs about a microsecond each time.
    thread_local! {
        static ASKED: std::cell::RefCell<std::collections::HashMap<String, bool, foldhash::fast::FixedState>> =
            Default::default();
    }
    ASKED.with_borrow_mut(|asked| {
        if let Some(&known) = asked.get(word) {
            return known;
        }
        let known = speller().check(word);
        // (Bounded: a whole repository of text may hold millions of distinct words.)
        if asked.len() >= 200_000 {
            asked.clear();
        }
        asked.insert(word.to_string(), known);
        known
    })
}

/// The frozen image of the morphology, made by the build script (`build.rs`).
const MORPHOLOGY_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/morphology.bin"));

/// The readings of the frozen morphology, decoded from its image at compile time and read
/// in place (`morph::readings_of`).
#[allow(long_running_const_eval)]
static READINGS: [Analysis; morph::reading_count(MORPHOLOGY_IMAGE)] =
    morph::readings_of(MORPHOLOGY_IMAGE);

/// The morphology of the dictionary: 86,000 entries, 198,000 forms. Expanding them takes
/// about 80 ms, so the build script does it once and the binary carries the result
/// (`Morphology::frozen`), its readings decoded at compile time (`READINGS`).
pub fn morphology() -> &'static Morphology {
    static MORPH: OnceLock<Morphology> = OnceLock::new();
    MORPH.get_or_init(|| {
        Morphology::frozen_with(AFF, DIC, MORPHOLOGY_IMAGE, Some(&READINGS))
            .unwrap_or_else(|| Morphology::new(AFF, DIC))
    })
}

/// The infinitives of the dictionary, made by the build script (`morph::infinitives_of`).
const INFINITIVES_IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/infinitives.bin"));

/// True when `word` (lower case, NFC) is the infinitive of a verb of the dictionary.
pub fn is_infinitive(word: &str) -> bool {
    static SET: OnceLock<Option<WordSet>> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(INFINITIVES_IMAGE))
        .as_ref()
        .is_some_and(|s| s.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infinitives_are_frozen_at_build_time() {
        let list = morph::infinitives_of(DIC);
        assert!(list.len() > 5000, "{}", list.len());
        for w in ["jeter", "améliorer", "prendre", "finir"] {
            assert!(is_infinitive(w), "{w}");
        }
        for w in ["mer", "hiver", "offre", "puce"] {
            assert!(!is_infinitive(w), "{w}");
        }
        let frozen = WordSet::new(INFINITIVES_IMAGE).unwrap();
        assert_eq!(frozen.len(), list.len());
    }

    #[test]
    fn speller_knows_both_spellings_of_1990() {
        let d = speller();
        for w in [
            "entraînement",
            "entrainement",
            "puce",
            "conçue",
            "semi-conducteurs",
            "aujourd'hui",
            "l'entraînement",
        ] {
            assert!(d.check(w), "{w}");
        }
        assert!(!d.check("approvisionement"));
    }

    #[test]
    fn plain_words_are_words_hunspell_accepts() {
        let set = WordSet::new(WORDS_IMAGE).expect("a valid image");
        let words = morph::plain_words(AFF, DIC);
        assert_eq!(set.len(), words.len());
        assert!(set.len() > 300_000, "{}", set.len());
        let d = speller();
        // Every word in an optimised build; one in 7 in a debug build (Hunspell is slow there).
        let step = if cfg!(debug_assertions) { 7 } else { 1 };
        for (i, w) in words.iter().enumerate().step_by(step) {
            assert_eq!(set.word(i), w);
            assert!(set.contains(w), "{w}");
            assert!(d.check(w), "Hunspell rejects {w}");
        }
        for w in ["", "approvisionement", "xyzzy", "Puce"] {
            assert!(!set.contains(w), "{w}");
        }
        for w in ["puce", "entraînement", "développe", "conçues", "Paris"] {
            assert!(set.contains(w), "{w}");
        }
    }

    #[test]
    fn frozen_morphology_is_the_expanded_one() {
        let built = Morphology::new(AFF, DIC);
        let frozen = Morphology::frozen(AFF, DIC, MORPHOLOGY_IMAGE).expect("a valid image");
        assert_eq!(built.form_count(), frozen.form_count());
        // (And the program's, whose readings were decoded at compile time: `READINGS`.)
        let in_place = morphology();
        let mut n = 0;
        for word in built.forms() {
            assert_eq!(built.analyses(word), frozen.analyses(word), "{word}");
            assert_eq!(built.analyses(word), in_place.analyses(word), "{word}");
            n += 1;
        }
        assert_eq!(n, built.form_count());
        // Words that are no form, next to forms stored whole in their slot (up to 11
        // bytes) or in the arena: a longer word, a trailing zero byte, another tail after
        // the same first seven bytes, a word of 11 or 12 bytes.
        for word in [
            "",
            "xyzzy",
            "puceS",
            "puce\0",
            "puce\0\0\0\0\0\0\0",
            "approvisionement",
            "approvisionnemenz",
            "approvisionnementss",
            "conçuesz",
            "globalement",
            "globalementx",
            "développemenz",
        ] {
            assert_eq!(built.analyses(word), frozen.analyses(word), "{word}");
        }
        assert!(!frozen.analyses("approvisionnement").is_empty());
        for a in built
            .analyses("conçu")
            .iter()
            .chain(built.analyses("global"))
        {
            for g in [Gender::Masculine, Gender::Feminine, Gender::Either] {
                for n in [Number::Singular, Number::Plural] {
                    assert_eq!(
                        built.inflect(a.entry, a.pos, g, n),
                        frozen.inflect(a.entry, a.pos, g, n)
                    );
                }
            }
        }
    }

    /// The readings decoded at compile time (`READINGS`) are those the image gives at run
    /// time, every one in its place, and the program's morphology reads them in place; a
    /// list of readings that is not the image's is refused.
    #[test]
    fn readings_decoded_at_compile_time_are_the_images() {
        let decoded = Morphology::frozen(AFF, DIC, MORPHOLOGY_IMAGE).expect("a valid image");
        let m = morphology();
        assert!(READINGS.len() > 200_000, "{}", READINGS.len());
        assert_eq!(decoded.frozen_readings(), &READINGS[..]);
        assert!(std::ptr::eq(m.frozen_readings(), &READINGS[..]));
        assert!(
            Morphology::frozen_with(AFF, DIC, MORPHOLOGY_IMAGE, Some(&READINGS[1..])).is_none()
        );
        assert_eq!(morph::reading_count(&MORPHOLOGY_IMAGE[..20]), 0);
        assert_eq!(morph::reading_count(b"not an image, not at all"), 0);
    }

    /// The readings of many words looked up together (`analyses_of`, in groups side by
    /// side) are each word's own (`analyses`), the very same slices: random runs of forms,
    /// of words that are no form (next to forms, stored whole or in the arena), of empty
    /// and overlong words, split into random batches.
    #[test]
    fn analyses_of_many_words_are_each_words_own() {
        let m = morphology();
        let long = "é".repeat(130);
        let pieces = [
            "puce",
            "puces",
            "conçu",
            "conçue",
            "global",
            "la",
            "est",
            "approvisionnement",
            "approvisionnements",
            "anticonstitutionnellement",
            "développement",
            "s",
            "e",
            "x",
            "ment",
            "z",
            "\0",
            "performant",
        ];
        let mut rng = crate::testing::Rng::new(0xa11_f0c5);
        let (mut found, mut none) = (0, 0);
        for _ in 0..2_000 {
            let n = rng.below(60);
            let words: Vec<String> = (0..n)
                .map(|_| match rng.below(10) {
                    0 => String::new(),
                    1 => long.clone(),
                    2 => pieces[rng.below(pieces.len())].repeat(2),
                    _ => rng.string(&pieces, 3),
                })
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let mut out = vec![m.analyses("puce")];
            m.analyses_of(&words, &mut out);
            assert_eq!(out.len(), words.len() + 1);
            assert!(std::ptr::eq(out[0], m.analyses("puce")));
            for (w, r) in words.iter().zip(&out[1..]) {
                let one = m.analyses(w);
                // (The same readings of the table, or none.)
                assert_eq!(r.len(), one.len(), "{w:?}");
                assert!(one.is_empty() || std::ptr::eq(*r, one), "{w:?}");
                if r.is_empty() {
                    none += 1;
                } else {
                    found += 1;
                }
            }
        }
        assert!(found > 5_000 && none > 5_000, "{found} {none}");
    }

    #[test]
    fn morphology_of_nouns_adjectives_participles() {
        let m = morphology();
        let puces = m.analyses("puces");
        assert!(
            puces.iter().any(|a| a.pos.has(Pos::NOUN)
                && a.gender == Gender::Feminine
                && a.number == Number::Plural),
            "{puces:?}"
        );
        let concu = m.analyses("conçu");
        assert!(
            concu.iter().any(|a| a.pos.has(Pos::PPAS)
                && a.gender == Gender::Masculine
                && a.number == Number::Singular),
            "{concu:?}"
        );
        let global = m.analyses("global");
        assert!(global.iter().all(|a| a.pos.has(Pos::ADJ)), "{global:?}");
        let e = global[0].entry;
        assert_eq!(
            m.inflect(e, Pos::ADJ, Gender::Feminine, Number::Singular),
            ["globale"]
        );
        assert_eq!(
            m.inflect(
                concu[0].entry,
                Pos::PPAS,
                Gender::Feminine,
                Number::Singular
            ),
            ["conçue"]
        );
        assert!(m.is_verb_form("ferme") && m.is_verb_form("porte") && m.is_verb_form("demande"));
        assert!(!m.is_verb_form("approvisionnement") && !m.is_verb_form("conçu"));
        assert!(m.analyses("conçoit").is_empty());
    }
}
