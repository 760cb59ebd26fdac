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
        what: "Signale deux mots identiques qui se suivent, séparés seulement par une espace.",
        why: "C'est presque toujours une coquille de saisie ou de traduction.",
        example: "Meta teste une puce pour le le marché.",
        instead: "Meta teste une puce pour le marché.",
    },
};

/// Words that French legitimately doubles (« nous nous sommes », « vous vous trompez »).
const ALLOWED: &[&str] = &["nous", "vous", "si", "très", "bien", "non", "oui", "beaucoup", "plus", "encore", "tout", "ha", "pour"];

impl Rule for DoubledWord {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let toks = &cx.doc.tokens;
        for w in toks.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.norm != b.norm
                || !a.is_word()
                || a.sentence != b.sentence
                || ALLOWED.contains(&a.norm.as_str())
                || a.norm.chars().count() == 1
                || !cx.doc.gap_is_space(a.end, b.start)
                || cx.doc.view[a.end..b.start].contains('\n')
            {
                continue;
            }
            let span = Span::new(a.start, b.end);
            let word = cx.text(Span::new(a.start, a.end));
            out.push(
                Diagnostic::new(META.id, META.category, META.severity, span, format!("« {word} » est répété."))
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
    }
}
