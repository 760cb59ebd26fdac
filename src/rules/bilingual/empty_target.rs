//! `empty-target`: a unit with no translation.

use super::{BiContext, UnitRule, excerpt};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::formats::bilingual::UnitState;
use crate::rules::{RuleDoc, RuleMeta};

pub struct EmptyTarget;

static META: RuleMeta = RuleMeta {
    id: "empty-target",
    category: Category::Untranslated,
    severity: Severity::Warning,
    summary: "Segment sans traduction (cible vide ou absente).",
    doc: RuleDoc {
        what: "Signale une unité dont la cible est vide ou absente (msgstr \"\", <target/>).",
        why: "Le texte source s'affichera tel quel, en anglais, ou rien ne s'affichera.",
        example: "msgid \"Save\" / msgstr \"\"",
        instead: "msgid \"Save\" / msgstr \"Enregistrer\"",
    },
};

impl UnitRule for EmptyTarget {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        for u in cx.units {
            let empty = u.state == UnitState::Untranslated
                || (u.target.trim().is_empty() && !u.source.trim().is_empty());
            if !empty || u.state == UnitState::Fuzzy {
                continue;
            }
            out.push(cx.unit_diag(
                u,
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    cx.target_span(u),
                    format!("segment non traduit : « {} ».", excerpt(&u.source, 60)),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_pairs;

    #[test]
    fn empty() {
        let d = check_pairs(
            "[glossary]\nname='t'\n",
            &[("Save", ""), ("Open", "Ouvrir")],
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].rule, "empty-target");
    }
}
