//! `end-punctuation-mismatch`: the source ends with ? ! : or … and the target does not (or
//! the other way round).

use super::{BiContext, UnitRule};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{RuleDoc, RuleMeta};

pub struct EndPunctuation;

static META: RuleMeta = RuleMeta {
    id: "end-punctuation-mismatch",
    category: Category::Punctuation,
    severity: Severity::Warning,
    summary: "Ponctuation finale différente de la source (? ! : …).",
    doc: RuleDoc {
        what: "Compare la ponctuation finale forte (? ! : …) de la source et de la traduction, \
               espaces (insécables) ignorées.",
        why: "Une question devenue affirmation, ou un deux-points perdu devant une valeur \
              affichée, change le sens ou la présentation.",
        example: "Source : « Delete this page? » ; traduction : « Supprimer cette page. »",
        instead: "« Supprimer cette page ? »",
    },
};

fn end_mark(s: &str) -> Option<char> {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '»' | '”' | '*' | '_')
    });
    if t.ends_with("...") {
        return Some('…');
    }
    t.chars()
        .next_back()
        .filter(|c| matches!(c, '?' | '!' | ':' | '…'))
}

impl UnitRule for EndPunctuation {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        for (_, u) in cx.translated() {
            let (s, t) = (end_mark(&u.source), end_mark(&u.target));
            if s == t {
                continue;
            }
            let describe = |m: Option<char>| m.map_or("aucune".to_string(), |c| format!("« {c} »"));
            // A lost question mark changes the sentence; a lost « ! » or « : » is style (French
            // translations often tone exclamations down).
            let severity = if matches!(s, Some('?')) || matches!(t, Some('?')) {
                Severity::Warning
            } else {
                Severity::Info
            };
            out.push(cx.unit_diag(
                u,
                Diagnostic::new(
                    META.id,
                    META.category,
                    severity,
                    cx.target_span(u),
                    format!(
                        "ponctuation finale : {} dans la source, {} dans la traduction.",
                        describe(s),
                        describe(t)
                    ),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_pairs;

    #[test]
    fn question_lost() {
        let g = "[glossary]\nname='t'\n";
        assert_eq!(
            check_pairs(g, &[("Delete this page?", "Supprimer cette page.")]).len(),
            1
        );
        assert!(
            check_pairs(
                g,
                &[
                    ("Delete this page?", "Supprimer cette page\u{A0}?"),
                    ("Loading...", "Chargement…"),
                    ("Name:", "Nom :")
                ]
            )
            .is_empty()
        );
    }
}
