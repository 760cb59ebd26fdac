//! `omitted-segment` and `added-segment`: when a plain translation is aligned with its
//! source, a source paragraph or sentence with no translation, or a target one with no
//! source. Findings come from the alignment (`bilingual::align`); these rules document them.

use super::{BiContext, UnitRule};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{RuleDoc, RuleMeta};

pub struct Omitted;
pub struct Added;

pub static OMITTED: RuleMeta = RuleMeta {
    id: "omitted-segment",
    category: Category::Omission,
    severity: Severity::Error,
    summary: "Paragraphe ou phrase de la source sans traduction (fichiers alignés).",
    doc: RuleDoc {
        what: "Aligne la traduction sur la source (paragraphes, puis phrases, d'après leur \
               longueur et les chiffres et noms qu'ils partagent) et signale ce que la source \
               dit et que la traduction ne dit pas.",
        why: "Une phrase sautée est une omission : le lecteur français perd une information.",
        example: "Source de trois phrases, traduction de deux.",
        instead: "Traduire la phrase manquante.",
    },
};

pub static ADDED: RuleMeta = RuleMeta {
    id: "added-segment",
    category: Category::Addition,
    severity: Severity::Warning,
    summary: "Paragraphe ou phrase de la traduction sans équivalent dans la source (fichiers alignés).",
    doc: RuleDoc {
        what: "Signale, après alignement sur la source, une phrase ou un paragraphe de la \
               traduction qui ne correspond à rien dans la source.",
        why: "Un ajout non demandé engage la rédaction sur des faits que la source ne donne pas.",
        example: "Traduction de trois phrases pour une source de deux.",
        instead: "Supprimer l'ajout, ou le faire valider.",
    },
};

impl UnitRule for Omitted {
    fn meta(&self) -> &RuleMeta {
        &OMITTED
    }
    fn check(&self, _: &BiContext, _: &mut Vec<Diagnostic>) {}
}

impl UnitRule for Added {
    fn meta(&self) -> &RuleMeta {
        &ADDED
    }
    fn check(&self, _: &BiContext, _: &mut Vec<Diagnostic>) {}
}
