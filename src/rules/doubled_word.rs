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
        for (w, id) in toks.windows(2).zip(ids.windows(2)) {
            let (a, b) = (&w[0], &w[1]);
            if id[0] != id[1]
                || !a.is_word()
                || a.sentence != b.sentence
                || ALLOWED.contains(&a.norm.as_str())
                || a.norm.chars().count() == 1
                || a.all_caps
                || b.all_caps
                || a.norm.contains(|c: char| c == '_' || c.is_ascii_digit())
                || cx.doc.view[a.end..b.start] != *" "
            {
                continue;
            }
            let span = Span::new(a.start, b.end);
            let word = cx.text(Span::new(a.start, a.end));
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

#[cfg(test)]
mod tests {
    use crate::testing::{check_with, rules_of};

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
