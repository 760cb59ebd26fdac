//! `acronym-plural`: an acronym with the English plural « s » (« des GPUs », « les APIs »).
//! French leaves acronyms invariable: « des GPU », « les API ».

use super::typography::Prose;
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::hint::prefetch;
use crate::lexicon::{Number, Pos};

pub struct AcronymPlural;

static META: RuleMeta = RuleMeta {
    id: "acronym-plural",
    category: Category::LocaleConvention,
    severity: Severity::Warning,
    summary: "Sigle au pluriel à l'anglaise (« des GPUs » pour « des GPU »).",
    doc: RuleDoc {
        what: "Signale un sigle en capitales suivi d'un « s » minuscule (« GPUs », « APIs », \
               « CPUs », « URLs ») ; la correction sûre retire le « s ». Ne signale pas un mot \
               français écrit en capitales (« FICHIERs », métavariable d'une page de manuel), \
               le code ni les phrases en anglais.",
        why: "En français, les sigles sont invariables : le pluriel se lit dans le déterminant \
              (« des GPU », « plusieurs API »). Le « s » collé est une habitude de l'anglais.",
        example: "OpenAI utilise des dizaines de milliers de GPUs pour entraîner ses modèles.",
        instead: "OpenAI utilise des dizaines de milliers de GPU pour entraîner ses modèles.",
    },
};

/// The acronym of `word`, written in capitals and digits (two capitals at least, the first
/// character one) before a lower-case « s »: « GPU » of « GPUs ».
fn acronym_stem(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('s')?;
    (stem.len() >= 2
        && stem.starts_with(|c: char| c.is_ascii_uppercase())
        && stem
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && stem.chars().filter(char::is_ascii_uppercase).count() >= 2)
        .then_some(stem)
}

/// False when a word whose normalised form is `norm` has no `acronym_stem`: the form of such
/// a word is its ASCII lower case, an « s » after ASCII letters and digits that start with
/// a letter and hold two of them.
fn may_be_acronym_plural(norm: &str) -> bool {
    norm.strip_suffix('s').is_some_and(|stem| {
        stem.starts_with(|c: char| c.is_ascii_lowercase())
            && stem
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && stem.bytes().filter(u8::is_ascii_lowercase).count() >= 2
    })
}

/// How many words of the rule's shape ahead of the one judged `check` asks for the token
/// (`TOKENS_AHEAD`), and for the text (`TEXT_AHEAD`).
const TOKENS_AHEAD: usize = 8;
const TEXT_AHEAD: usize = 4;

impl Rule for AcronymPlural {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let mut p: Option<Prose> = None;
        let toks = &cx.doc.tokens;
        // (Such a word starts with a capital: only the shared list's tokens are visited, and
        // their normalised form, asked once per distinct word, turns nearly all away before
        // the token is read.)
        let capitalized = super::capitalized(cx.doc);
        let vocabulary = cx.doc.vocabulary();
        let shape = vocabulary.lazy();
        // (The words of that shape, capitalised plurals (« Les », « Options »), are gathered
        // first, then judged on their tokens and their text with those of the words a few
        // places ahead asked for (`prefetch`): they lie far apart in the token list and the
        // view, and each token's read missed the caches, 70 % of the rule's time samples
        // on the PO text.)
        let candidates: Vec<usize> = capitalized
            .iter()
            .filter(|&(i, f)| {
                f.capitalized() && shape.get(i, || may_be_acronym_plural(&toks[i].norm))
            })
            .map(|(i, _)| i)
            .collect();
        let view = cx.doc.view.as_bytes();
        for (n, &i) in candidates.iter().enumerate() {
            if let Some(&ahead) = candidates.get(n + TOKENS_AHEAD) {
                prefetch(&toks[ahead]);
            }
            // (The token of this one was asked for `TOKENS_AHEAD - TEXT_AHEAD` words ago.)
            if let Some(&ahead) = candidates.get(n + TEXT_AHEAD)
                && let Some(b) = view.get(toks[ahead].start())
            {
                prefetch(b);
            }
            let t = &toks[i];
            let word = &cx.doc.view[t.start()..t.end()];
            let Some(stem) = acronym_stem(word) else {
                continue;
            };
            // A French word in capitals (« FICHIERs », « NOMs »): a metavariable. The
            // dictionary's acronyms (« API », « CPU ») are invariable; its nouns and
            // adjectives have a singular.
            let lower = stem.to_lowercase();
            if crate::lexicon::morphology()
                .analyses(&lower)
                .iter()
                .any(|a| {
                    a.number == Number::Singular && (a.pos.has(Pos::NOUN) || a.pos.has(Pos::ADJ))
                })
            {
                continue;
            }
            // Followed by an apostrophe or a hyphen: a name or a compound (« URLs-list »).
            let mut rest = cx.doc.view[t.end()..].chars();
            let glued = match rest.next() {
                Some(c) if c.is_alphanumeric() || "-_'’/".contains(c) => true,
                // « GPUs.txt », not the end of a sentence.
                Some('.') => rest.next().is_some_and(char::is_alphanumeric),
                _ => false,
            };
            if glued {
                continue;
            }
            let p = p.get_or_insert_with(|| Prose::new(cx.doc));
            if !p.is_visible_french(t.start(), t.end()) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    Span::new(t.start(), t.end()),
                    format!(
                        "« {word} » : les sigles sont invariables en français (« des {stem} »)."
                    ),
                )
                .with_replacements([stem.to_string()]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    const G: &str = "[glossary]\nname='t'\n";

    #[test]
    fn every_acronym_plural_has_the_form_asked_first() {
        // `may_be_acronym_plural` on a token's normalised form keeps every token whose word
        // `acronym_stem` finds, on random texts of capitals, digits, accents, apostrophes.
        use super::{acronym_stem, may_be_acronym_plural};
        use crate::document::Document;
        let pieces = [
            "G", "P", "U", "A", "I", "s", "S", "1", "0", "x", "É", "é", "'", "’", "-", "Ss", "ß",
            "İ", "K", "\u{212A}", " ", " ", "l'", ". ", "GPUs ", "APIs", "s ", "s. ",
        ];
        let mut rng = crate::testing::Rng::new(0xac_50);
        let mut found = 0;
        for _ in 0..3000 {
            let doc = Document::from_str(&rng.string(&pieces, 40));
            for t in &doc.tokens {
                if acronym_stem(&doc.view[t.start()..t.end()]).is_some() {
                    found += 1;
                    assert!(may_be_acronym_plural(&t.norm), "{:?}", t.norm);
                }
            }
        }
        assert!(found > 500, "{found}");
    }

    fn plurals(text: &str) -> Vec<String> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "acronym-plural")
            .map(|d| d.suggestions[0].replacement.clone())
            .collect()
    }

    #[test]
    fn english_plurals_of_acronyms() {
        assert_eq!(
            plurals("OpenAI utilise des milliers de GPUs et plusieurs APIs pour ses LLMs."),
            ["GPU", "API", "LLM"]
        );
        assert_eq!(plurals("Les URLs des CPUs."), ["URL", "CPU"]);
    }

    #[test]
    fn invariable_metavariables_and_english_are_quiet() {
        for t in [
            "OpenAI utilise des milliers de GPU et plusieurs API.",
            "Copie les FICHIERs vers le DOSSIER indiqué.",
            "The company bought thousands of GPUs from Nvidia for its data centers.",
            "La variable NOMs et les SOURCEs.",
            "Voir `GPUs` dans le code.",
            "Il a 2 Ms et le mot Gs.",
        ] {
            assert!(plurals(t).is_empty(), "{t}: {:?}", plurals(t));
        }
    }
}
