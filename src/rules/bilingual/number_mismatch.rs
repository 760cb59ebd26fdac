//! `number-mismatch`: a figure of the source missing or different in the target.

use super::{BiContext, UnitRule};
use crate::bilingual::{numbers, placeholders};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{RuleDoc, RuleMeta};

pub struct NumberMismatch;

static META: RuleMeta = RuleMeta {
    id: "number-mismatch",
    category: Category::Mistranslation,
    severity: Severity::Error,
    summary: "Chiffre de la source absent, différent ou ajouté dans la traduction.",
    doc: RuleDoc {
        what: "Compare les nombres de la source et de la traduction en valeur, selon les \
               conventions de chaque langue : « 65 billion » = « 65 milliards », « 39.2 » = \
               « 39,2 », « 4% » = « 4 % », « $65 » = « 65 dollars », « two » = « 2 ».",
        why: "Un chiffre faux est l'erreur factuelle la plus coûteuse d'un article ; « billion » \
              traduit par « billion » multiplie la somme par mille.",
        example: "Source : « $65 billion » ; traduction : « 65 billions de dollars ».",
        instead: "« 65 milliards de dollars ».",
    },
};

/// The text with placeholders blanked (`%1$s`, `{0}` hold digits that are not figures).
fn without_placeholders(s: &str) -> String {
    let mut out = s.to_string();
    for p in placeholders::find(s, true) {
        out.replace_range(p.start..p.end, &" ".repeat(p.end - p.start));
    }
    out
}

impl UnitRule for NumberMismatch {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        for (_, u) in cx.translated() {
            for m in numbers::compare_texts(
                &without_placeholders(&u.source),
                &without_placeholders(&u.target),
            ) {
                let d = match m {
                    numbers::Mismatch::Changed { source, target } => Diagnostic::new(
                        META.id,
                        META.category,
                        Severity::Error,
                        u.file_span(target.start, target.end),
                        format!(
                            "« {} » ne correspond pas au chiffre de la source « {} ».",
                            &u.target[target.start..target.end],
                            &u.source[source.start..source.end]
                        ),
                    ),
                    numbers::Mismatch::Missing(source) => Diagnostic::new(
                        META.id,
                        META.category,
                        Severity::Error,
                        cx.target_span(u),
                        format!(
                            "le chiffre « {} » de la source manque dans la traduction.",
                            &u.source[source.start..source.end]
                        ),
                    ),
                    numbers::Mismatch::Added(target) => Diagnostic::new(
                        META.id,
                        Category::Addition,
                        Severity::Info,
                        u.file_span(target.start, target.end),
                        format!(
                            "« {} » ne figure pas dans la source.",
                            &u.target[target.start..target.end]
                        ),
                    ),
                };
                out.push(cx.unit_diag(u, d));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_pairs;

    const G: &str = "[glossary]\nname='t'\n";

    #[test]
    fn figures() {
        assert!(
            check_pairs(
                G,
                &[(
                    "Capex will reach $65 billion, up 4%.",
                    "Les dépenses atteindront 65 milliards de dollars, en hausse de 4 %."
                )]
            )
            .is_empty()
        );
        let d = check_pairs(G, &[("$65 billion", "65 billions de dollars")]);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message
                .starts_with("« 65 billions » ne correspond pas"),
            "{}",
            d[0].message
        );
        let d = check_pairs(G, &[("In 2024 and 2025", "En 2024")]);
        assert!(d[0].message.contains("« 2025 » de la source manque"));
    }

    #[test]
    fn placeholders_are_not_figures() {
        assert!(check_pairs(G, &[("%1$s of %2$s", "%1$s sur %2$s")]).is_empty());
    }
}
