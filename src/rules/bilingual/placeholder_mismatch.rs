//! `placeholder-mismatch`: a placeholder of the source (`%s`, `{name}`, `{{x}}`) missing,
//! renamed or added in the target.

use super::{BiContext, UnitRule};
use crate::bilingual::placeholders;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{RuleDoc, RuleMeta};

pub struct PlaceholderMismatch;

static META: RuleMeta = RuleMeta {
    id: "placeholder-mismatch",
    category: Category::Markup,
    severity: Severity::Error,
    summary: "Variable de substitution (%s, {nom}, {{x}}) absente, renommée ou ajoutée.",
    doc: RuleDoc {
        what: "Compare les variables de substitution de la source et de la traduction (printf, \
               Python, accolades, Jinja, ${var}), dans n'importe quel ordre.",
        why: "Une variable perdue ou renommée fait planter le programme ou affiche une valeur \
              fausse.",
        example: "msgid \"%(count)d files\" / msgstr \"%(nombre)d fichiers\"",
        instead: "msgstr \"%(count)d fichiers\"",
    },
};

impl UnitRule for PlaceholderMismatch {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        for (_, u) in cx.translated() {
            let src = placeholders::find(&u.source, true);
            let space_flag = src.iter().any(|p| p.text.starts_with("% "));
            let tgt = placeholders::find(&u.target, space_flag);
            let (missing, added) = placeholders::diff(&src, &tgt);
            for m in &missing {
                out.push(cx.unit_diag(
                    u,
                    Diagnostic::new(
                        META.id,
                        META.category,
                        META.severity,
                        cx.target_span(u),
                        format!(
                            "la variable « {} » de la source manque dans la traduction.",
                            m.text
                        ),
                    ),
                ));
            }
            for a in &added {
                let mut d = Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    u.file_span(a.start, a.end),
                    format!("la variable « {} » n'existe pas dans la source.", a.text),
                );
                if missing.len() == 1 && added.len() == 1 {
                    d = d.with_replacements([missing[0].text.clone()]);
                }
                out.push(cx.unit_diag(u, d));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_pairs;

    #[test]
    fn renamed() {
        let g = "[glossary]\nname='t'\n";
        let d = check_pairs(
            g,
            &[(
                "%(count)d files in {folder}",
                "%(nombre)d fichiers dans {folder}",
            )],
        );
        assert_eq!(d.len(), 2, "{d:?}");
        let added = d
            .iter()
            .find(|d| d.message.contains("n'existe pas"))
            .unwrap();
        assert_eq!(added.suggestions[0].replacement, "%(count)d");
        assert!(check_pairs(g, &[("%s of %d (50%%)", "%d sur %s (50 %)")]).is_empty());
    }
}
