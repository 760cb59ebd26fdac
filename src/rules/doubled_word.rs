//! `doubled-word`: the same word twice in a row (« le le »).

use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};

pub struct DoubledWord;

static META: RuleMeta = RuleMeta {
    id: "doubled-word",
    category: Category::Grammar,
    severity: Severity::Warning,
    summary: "Mot répété deux fois de suite (« le le »).",
    doc: RuleDoc {
        what: "Signale deux mots identiques qui se suivent, séparés par une seule espace ; \
               avertissement pour un mot-outil (« le le »), info pour les autres mots, qui \
               peuvent être du code ou une sortie de terminal (« root root »).",
        why: "C'est presque toujours une coquille de saisie ou de traduction.",
        example: "Meta teste une puce pour le le marché.",
        instead: "Meta teste une puce pour le marché.",
    },
};

/// Words that French legitimately doubles (« nous nous sommes », « vous vous trompez »).
const ALLOWED: &[&str] = &[
    "nous", "vous", "si", "très", "bien", "non", "oui", "beaucoup", "plus", "encore", "tout", "ha",
    "long",
];

/// Function words: doubled, they are a typo for sure. Other doubled words may be code,
/// identifiers or terminal output (« root root »), so they are only an info.
const FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "l'", "un", "une", "de", "d'", "des", "du", "à", "au", "aux", "et", "ou",
    "en", "que", "qu'", "qui", "il", "elle", "ils", "elles", "est", "sont", "a", "ont", "pour",
    "dans", "sur", "par", "avec", "ne", "pas", "se", "son", "sa", "ses", "ce", "cette", "ces",
    "leur", "leurs", "on", "y", "mais", "comme", "être", "été",
];

impl Rule for DoubledWord {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let toks = &cx.doc.tokens;
        // (Words compared by their id in the vocabulary: two numbers, not two strings.)
        let ids = &cx.doc.vocabulary().ids;
        for k in repeats(ids) {
            let (a, b) = (&toks[k], &toks[k + 1]);
            if !a.is_word()
                || a.sentence != b.sentence
                || ALLOWED.contains(&a.norm.as_str())
                || a.norm.chars().count() == 1
                || a.all_caps
                || b.all_caps
                || a.norm.contains(|c: char| c == '_' || c.is_ascii_digit())
                || cx.doc.view[a.end()..b.start()] != *" "
            {
                continue;
            }
            let span = Span::new(a.start(), b.end());
            let word = cx.text(Span::new(a.start(), a.end()));
            let severity = if FUNCTION_WORDS.contains(&a.norm.as_str()) {
                META.severity
            } else {
                Severity::Info
            };
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    severity,
                    span,
                    format!("« {word} » est répété."),
                )
                .with_replacements([word.to_string()]),
            );
        }
    }
}

/// The indices `k` where `ids[k] == ids[k + 1]`, in order. Pairs are compared eight at a
/// time without a branch (the compiler makes vector instructions of it), and only a block
/// that holds a repeat is read pair by pair: repeats are rare, and a test per pair cost
/// more than the rest of the rule.
fn repeats(ids: &[u32]) -> Vec<usize> {
    let (first, second) = (ids, ids.get(1..).unwrap_or(&[]));
    let pairs = second.len();
    let in_block = |k: usize| (k..k + 8).filter(move |&j| first[j] == second[j]);
    let mut out = Vec::new();
    let blocks = first[..pairs].chunks_exact(8).zip(second.chunks_exact(8));
    for (n, (x, y)) in blocks.enumerate() {
        if x.iter().zip(y).fold(false, |any, (p, q)| any | (p == q)) {
            out.extend(in_block(n * 8));
        }
    }
    let rest = pairs - pairs % 8;
    out.extend((rest..pairs).filter(|&j| first[j] == second[j]));
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::{Rng, check_with, rules_of};

    /// The repeats found block by block are those a test of every pair finds, on random
    /// lists of every length up to 40 over a few ids (many repeats) and many (few).
    #[test]
    fn repeats_are_those_of_every_pair() {
        let mut rng = Rng::new(0xd0_0b1e);
        for _ in 0..20_000 {
            let len = rng.below(41);
            let range = if rng.below(2) == 0 { 3 } else { 1000 };
            let ids: Vec<u32> = (0..len).map(|_| rng.below(range) as u32).collect();
            let by_pair: Vec<usize> = (0..len.saturating_sub(1))
                .filter(|&k| ids[k] == ids[k + 1])
                .collect();
            assert_eq!(super::repeats(&ids), by_pair, "{ids:?}");
        }
    }

    #[test]
    fn doubled() {
        let d = check_with("[glossary]\nname='t'\n", "pour le le marché");
        assert_eq!(rules_of(&d), ["doubled-word"]);
        assert_eq!(d[0].suggestions[0].replacement, "le");
    }

    #[test]
    fn legitimate_or_separated() {
        let g = "[glossary]\nname='t'\n";
        assert!(check_with(g, "Nous nous sommes trompés.").is_empty());
        assert!(check_with(g, "Il dit que, que tu le veuilles").is_empty());
        assert!(check_with(g, "le 12 12 mai").is_empty());
        assert!(
            !rules_of(&check_with(g, "le FICHIER FICHIER ; le fichier  fichier"))
                .contains(&"doubled-word")
        );
        let d = check_with(g, "-rw-r--r-- 1 root root 0");
        assert_eq!(d[0].severity, crate::diagnostic::Severity::Info);
    }
}
