//! `url-mismatch`: URLs and e-mail addresses that differ between source and target.

use super::{BiContext, UnitRule};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{RuleDoc, RuleMeta};
use regex::Regex;
use std::sync::LazyLock;

pub struct UrlMismatch;

static META: RuleMeta = RuleMeta {
    id: "url-mismatch",
    category: Category::Mistranslation,
    severity: Severity::Warning,
    summary: "Adresse web ou électronique de la source absente ou modifiée dans la traduction.",
    doc: RuleDoc {
        what: "Compare les URL et adresses électroniques de la source et de la traduction.",
        why: "Un lien modifié mène ailleurs ou nulle part.",
        example: "Source : « see https://example.com/docs » ; traduction : « voir https://example.com/doc ».",
        instead: "« voir https://example.com/docs ».",
    },
};

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:https?|ftp)://[^\s<>«»\x22']+[^\s<>«»\x22'.,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    )
    .expect("valid regex")
});

impl UnitRule for UrlMismatch {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        for (_, u) in cx.translated() {
            let src: Vec<&str> = URL.find_iter(&u.source).map(|m| m.as_str()).collect();
            for s in &src {
                if !URL.find_iter(&u.target).any(|m| m.as_str() == *s) {
                    out.push(cx.unit_diag(u, Diagnostic::new(META.id, META.category, META.severity, cx.target_span(u), format!("l'adresse « {s} » de la source manque ou a changé dans la traduction."))));
                }
            }
            for m in URL.find_iter(&u.target) {
                if !src.contains(&m.as_str()) {
                    out.push(cx.unit_diag(
                        u,
                        Diagnostic::new(
                            META.id,
                            META.category,
                            Severity::Info,
                            u.file_span(m.start(), m.end()),
                            format!("l'adresse « {} » ne figure pas dans la source.", m.as_str()),
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_pairs;

    #[test]
    fn urls() {
        let g = "[glossary]\nname='t'\n";
        let d = check_pairs(
            g,
            &[(
                "see https://example.com/docs.",
                "voir https://example.com/doc.",
            )],
        );
        assert_eq!(d.len(), 2);
        assert!(
            check_pairs(
                g,
                &[(
                    "see https://example.com/docs.",
                    "voir https://example.com/docs."
                )]
            )
            .is_empty()
        );
    }
}
