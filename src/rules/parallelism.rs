//! `parallelism`: two infinitives joined by « et » or « ou » that do not hang from the same
//! word — « pour améliorer sa compétitivité et de jeter les bases » (the second
//! infinitive takes a « de » that nothing governs: « pour améliorer … et jeter … »).
//!
//! The rule looks at « et de / ou de » + infinitive and at the nearest infinitive before it
//! in the sentence: when that one is introduced by « pour », « sans » or « à » (and not by
//! « de »), the two are not parallel. Precision first: the nearest infinitive must be
//! introduced directly by the preposition (an object pronoun or « ne pas » may come
//! between), and a clause boundary (« ; », « : », a relative or a new subject) in between
//! silences the rule.

use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity, Span};
use crate::document::Token;
use crate::lexicon::{Morphology, Pos};

pub struct Parallelism;

static META: RuleMeta = RuleMeta {
    id: "parallelism",
    category: Category::Grammar,
    severity: Severity::Warning,
    summary: "Infinitifs coordonnés non parallèles (« pour améliorer … et de jeter »).",
    doc: RuleDoc {
        what: "Signale un infinitif coordonné par « et de » ou « ou de » alors que l'infinitif \
               qui le précède dans la phrase est introduit par « pour », « sans » ou « à » : \
               les deux dépendent du même mot et doivent se construire de la même façon. La \
               correction proposée (à vérifier) retire le « de » en trop ou le remplace par \
               la préposition du premier infinitif. Ne signale rien quand un « de » introduit \
               le premier infinitif (« permet de lancer … et de suivre ») ni quand une \
               proposition s'intercale (« ; », « : », « qui », un nouveau sujet).",
        why: "La traduction automatique raccroche le second verbe à un « de » qu'aucun mot ne \
              gouverne ; la phrase devient bancale, voire ambiguë.",
        example: "Meta développe ses puces pour améliorer sa compétitivité et de jeter les bases \
                  de son avenir.",
        instead: "Meta développe ses puces pour améliorer sa compétitivité et jeter les bases \
                  de son avenir.",
    },
};

/// Prepositions that introduce an infinitive without « de ».
const INTRODUCERS: &[&str] = &["pour", "sans", "à"];

/// What may stand between a preposition and its infinitive (« pour ne pas le dire »).
const CLITICS: &[&str] = &[
    "le", "la", "les", "l'", "se", "s'", "en", "y", "lui", "leur", "me", "m'", "te", "t'", "nous",
    "vous", "ne", "n'", "pas", "plus", "jamais", "mieux", "bien", "encore", "enfin",
];

/// Words that open a new clause: past them, the first infinitive is in another
/// construction.
const CLAUSE_WORDS: &[&str] = &[
    "qui", "que", "qu'", "dont", "où", "lorsque", "quand", "si", "car", "mais", "puis", "il",
    "elle", "ils", "elles", "on", "je", "nous", "vous", "afin", "parce", "tandis", "alors",
];

/// What a word is to the « et de » pattern.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    /// « et », « ou ».
    And,
    /// « de », « d' ».
    De,
    Other,
}

/// Infinitives that are nouns far more often (« le devoir », « un pouvoir »).
fn is_infinitive(m: &Morphology, t: &Token) -> bool {
    if t.capitalized || t.all_caps || !t.is_word() {
        return false;
    }
    let w = t.norm.as_str();
    if !(w.ends_with("er") || w.ends_with("ir") || w.ends_with("re")) {
        return false;
    }
    crate::lexicon::is_infinitive(w) || m.analyses(w).iter().any(|a| a.pos.has(Pos::INFI))
}

impl Rule for Parallelism {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let toks = &cx.doc.tokens;
        if toks.len() < 6 {
            return;
        }
        let m = crate::lexicon::morphology();
        // Which distinct words are « et / ou » and « de / d' », found once per word: the
        // loop reads two flags per token instead of comparing its word.
        let words = cx.doc.vocabulary();
        let link = super::per_form(cx.doc, |w| match w {
            "et" | "ou" => Link::And,
            "de" | "d'" => Link::De,
            _ => Link::Other,
        });
        let (ids, link) = (&words.ids[..], &link[..]);
        // Only the tokens of « et » and « ou » are visited.
        let and: Vec<bool> = link.iter().map(|&l| l == Link::And).collect();
        for i in super::occurrences(cx.doc).of_words(&and) {
            let i = i as usize;
            if i == 0 || i + 2 >= toks.len() || link[ids[i + 1] as usize] != Link::De {
                continue;
            }
            let (and, de, verb) = (&toks[i], &toks[i + 1], &toks[i + 2]);
            if and.sentence != verb.sentence
                || !cx.doc.gap_is_space(and.end(), de.start())
                // After a comma, « et de » may go back to a construction further up.
                || cx.doc.view[toks[i - 1].end()..and.start()].contains(',')
                || !is_infinitive(m, verb)
            {
                continue;
            }
            // The nearest infinitive before, in the same sentence, with only words between.
            let mut j = i;
            let mut first = None;
            while j > 0 && i - j < 25 {
                j -= 1;
                let t = &toks[j];
                if t.sentence != and.sentence {
                    break;
                }
                let gap = &cx.doc.view[t.end()..toks[j + 1].start()];
                if gap.contains([';', ':', '(', ')', '«', '»', '"', '—']) {
                    break;
                }
                if CLAUSE_WORDS.contains(&t.norm.as_str()) {
                    break;
                }
                if is_infinitive(m, t) {
                    first = Some(j);
                    break;
                }
            }
            let Some(f) = first else { continue };
            // Its introducer, past object pronouns and negations.
            let mut k = f;
            while k > 0 && CLITICS.contains(&toks[k - 1].norm.as_str()) && f - k < 3 {
                k -= 1;
            }
            if k == 0 || toks[k - 1].sentence != and.sentence {
                continue;
            }
            let intro = toks[k - 1].norm.as_str();
            if !INTRODUCERS.contains(&intro) {
                continue;
            }
            // « à » after « de quoi », « avoir à », « prêt à »…: the structure is not a pair.
            if intro == "à"
                && k >= 2
                && matches!(
                    toks[k - 2].norm.as_str(),
                    "quoi" | "a" | "ont" | "as" | "avoir"
                )
            {
                continue;
            }
            let replacement = if intro == "pour" || intro == "sans" {
                String::new()
            } else {
                "à ".to_string()
            };
            let first_word = cx.text(Span::new(toks[f].start(), toks[f].end()));
            let intro_word = cx.text(Span::new(toks[k - 1].start(), toks[k - 1].end()));
            let de_word = cx.text(Span::new(de.start(), de.end()));
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    Span::new(de.start(), verb.start()),
                    format!(
                        "« {de_word} » en trop : « {} » est coordonné à « {intro_word} {first_word} » \
                         et se construit comme lui (« {intro_word} {first_word} … et {}{} »).",
                        cx.text(Span::new(verb.start(), verb.end())),
                        replacement,
                        cx.text(Span::new(verb.start(), verb.end())),
                    ),
                )
                .with_replacements([replacement])
                .with_applicability(Applicability::Unsafe),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    fn flagged(text: &str) -> Vec<String> {
        check_with("[glossary]\nname='t'\n", text)
            .iter()
            .filter(|d| d.rule == "parallelism")
            .map(|d| {
                let end = (d.span.end + 8).min(text.len());
                let end = (end..=text.len())
                    .find(|&e| text.is_char_boundary(e))
                    .unwrap_or(text.len());
                format!(
                    "{}→{}",
                    &text[d.span.start..end],
                    d.suggestions[0].replacement
                )
            })
            .collect()
    }

    #[test]
    fn unparallel_infinitives() {
        for bad in [
            "Meta explore la possibilité de développer des puces pour améliorer sa compétitivité dans le domaine de l'IA et de jeter les bases du développement futur.",
            "Il faut agir sans attendre les résultats et de prévenir les équipes.",
            "L'outil sert à vérifier les fichiers et de corriger les erreurs.",
            "Pour ne pas perdre de données et d'éviter les pannes, sauvegardez.",
        ] {
            assert_eq!(flagged(bad).len(), 1, "{bad}");
        }
        assert!(
            flagged("L'outil sert à vérifier les fichiers et de corriger les erreurs.")[0]
                .ends_with("→à ")
        );
    }

    #[test]
    fn parallel_or_unrelated_is_quiet() {
        for ok in [
            "Cette option permet de lancer le service et de suivre ses journaux.",
            "Pour installer le paquet, il suffit de taper la commande et de valider.",
            "Il est utile pour comprendre la façon de faire et de tester.",
            "Pour éviter la perte de données et de temps, sauvegardez.",
            "Pour lancer le programme et le tester, tapez make.",
            "Utilisez --force pour écraser le fichier ; et de plus, vérifiez les droits.",
            "Il a préféré partir pour réfléchir, puis il a décidé de revenir et de rester.",
            "Il n'y a rien à faire et de toute façon rien à dire.",
            "Le script sert à sauvegarder les données qui risquent de disparaître et de migrer.",
            "Lancez debugfs pour lier les inœuds au chemin de destination, ou d'utiliser e2fsck.",
        ] {
            assert!(flagged(ok).is_empty(), "{ok}: {:?}", flagged(ok));
        }
    }
}
