//! `fuzzy-unit`: a unit marked as needing review (PO fuzzy, XLIFF needs-review).

use super::{BiContext, UnitRule, excerpt};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::formats::bilingual::UnitState;
use crate::rules::{RuleDoc, RuleMeta};

pub struct FuzzyUnit;

static META: RuleMeta = RuleMeta {
    id: "fuzzy-unit",
    category: Category::Untranslated,
    severity: Severity::Info,
    summary: "Segment marqué « à revoir » (fuzzy) : non vérifié par les autres règles bilingues.",
    doc: RuleDoc {
        what: "Signale les unités marquées floues (#, fuzzy) ou à revoir (state needs-review-…).",
        why: "Une traduction floue n'est pas publiée par gettext et n'a pas été validée ; elle \
              attend une relecture humaine.",
        example: "#, fuzzy / msgid \"Save file\" / msgstr \"Enregistrer\"",
        instead: "Relire la traduction, puis retirer la marque fuzzy.",
    },
};

impl UnitRule for FuzzyUnit {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        for u in cx.units.iter().filter(|u| u.state == UnitState::Fuzzy) {
            out.push(cx.unit_diag(
                u,
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    cx.target_span(u),
                    format!(
                        "traduction à revoir (fuzzy) : « {} ».",
                        excerpt(&u.target, 60)
                    ),
                ),
            ));
        }
    }
}
