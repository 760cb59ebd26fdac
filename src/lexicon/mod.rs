/*! The French dictionary: Grammalecte/Dicollecte's Hunspell dictionary « toutes variantes »
(v7.0, MPL 2.0, see `dict/fr/README.md`), compiled into the binary. Two views of it, each
built once, on first use, and only by the rules that need it:

- `speller()`: spellbook's Hunspell-compatible checker and suggester (`spelling`);
- `morphology()`: every form with its part of speech, gender and number (`agreement`).

Neither is built when those rules are disabled, so a run without them pays nothing. */

mod morph;

pub use morph::{Analysis, Gender, Morphology, Number, Pos};

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

/// The morphology of the dictionary, expanded on first use (about 80 ms and 17 MB in a
/// release build: 86,000 entries, 198,000 forms).
pub fn morphology() -> &'static Morphology {
    static MORPH: OnceLock<Morphology> = OnceLock::new();
    MORPH.get_or_init(|| Morphology::new(AFF, DIC))
}

#[cfg(test)]
mod tests {
    use super::*;

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

/// The infinitives of the dictionary: stems of its verb entries (`po:v…`), read from the
/// word list on first use.
pub fn infinitives() -> &'static std::collections::HashSet<&'static str> {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        DIC.lines()
            .skip(1)
            .filter(|l| l.contains(" po:v"))
            .filter_map(|l| l.split_whitespace().next())
            .map(|w| w.split('/').next().unwrap_or(w))
            .filter(|s| {
                (s.ends_with("er") || s.ends_with("ir") || s.ends_with("re"))
                    && !s.chars().any(char::is_uppercase)
            })
            .collect()
    })
}
