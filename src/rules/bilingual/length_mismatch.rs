//! `length-mismatch`: a target much shorter or longer than its source predicts (omission
//! or addition).

use super::{BiContext, UnitRule};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{RuleDoc, RuleMeta};

pub struct LengthMismatch;

/// Bounds of the French/English length ratio, in characters, for sources of
/// `MIN_SOURCE` characters or more. Measured on the human translations of the corpora
/// (19,292 segments): median 1.23, 0.1 % below 0.79, 0.1 % above 2.20.
pub const LOW: f64 = 0.55;
pub const HIGH: f64 = 2.4;
pub const MIN_SOURCE: usize = 40;

static META: RuleMeta = RuleMeta {
    id: "length-mismatch",
    category: Category::Omission,
    severity: Severity::Warning,
    summary: "Traduction beaucoup plus courte ou plus longue que la source : omission ou ajout ?",
    doc: RuleDoc {
        what: "Compare la longueur de la traduction à celle de la source : le français est en \
               moyenne 1,23 fois plus long que l'anglais ; un rapport inférieur à 0,55 ou \
               supérieur à 2,4 (sources d'au moins 40 caractères) est signalé.",
        why: "Une phrase ou une proposition sautée passe inaperçue à la relecture du seul texte \
              français.",
        example: "Source : « Meta expects capital expenditures to reach $65 billion this year, much \
                  of it going to Nvidia GPUs. » ; traduction : « Meta prévoit 65 milliards. »",
        instead: "Traduire toute la phrase : « … dont une grande partie consacrée aux GPU de Nvidia. »",
    },
};

impl UnitRule for LengthMismatch {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>) {
        for (_, u) in cx.translated() {
            let ls = u.source.trim().chars().count();
            let lt = u.target.trim().chars().count();
            if ls < MIN_SOURCE {
                continue;
            }
            let ratio = lt as f64 / ls as f64;
            let (category, what) = if ratio < LOW {
                (Category::Omission, "beaucoup plus courte")
            } else if ratio > HIGH {
                (Category::Addition, "beaucoup plus longue")
            } else {
                continue;
            };
            out.push(cx.unit_diag(
                u,
                Diagnostic::new(
                    META.id,
                    category,
                    META.severity,
                    cx.target_span(u),
                    format!("la traduction est {what} que la source ({lt} caractères pour {ls}, rapport {} ; attendu autour de 1,23) : omission ou ajout ?", format!("{ratio:.2}").replace('.', ",")),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_pairs;

    #[test]
    fn ratio() {
        let g = "[glossary]\nname='t'\n";
        let d: Vec<_> = check_pairs(g, &[("Meta expects capital expenditures to reach a record this year, much of it going to GPUs.", "Meta prévoit un record.")])
            .into_iter()
            .filter(|d| d.rule == "length-mismatch")
            .collect();
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(check_pairs(g, &[("Meta expects capital expenditures to reach a record this year.", "Meta prévoit que ses dépenses d'investissement atteindront un record cette année.")]).is_empty());
    }
}
