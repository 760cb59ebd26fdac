//! `acronym-plural`: an acronym with the English plural « s » (« des GPUs », « les APIs »).
//! French leaves acronyms invariable: « des GPU », « les API ».

use super::typography::Prose;
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
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

impl Rule for AcronymPlural {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let mut p: Option<Prose> = None;
        // (Such a word starts with a capital: the token's flag turns the others away before
        // their text is read.)
        let capitalized = super::capitalized(cx.doc);
        for t in capitalized
            .0
            .iter()
            .map(|&i| &cx.doc.tokens[i as usize])
            .filter(|t| t.capitalized)
        {
            let word = &cx.doc.view[t.start..t.end];
            let Some(stem) = word.strip_suffix('s') else {
                continue;
            };
            if stem.len() < 2
                || !stem.starts_with(|c: char| c.is_ascii_uppercase())
                || !stem
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                || stem.chars().filter(char::is_ascii_uppercase).count() < 2
            {
                continue;
            }
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
            let mut rest = cx.doc.view[t.end..].chars();
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
            if !p.is_visible_french(t.start, t.end) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    Span::new(t.start, t.end),
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
