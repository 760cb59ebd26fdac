/*! The checker: a compiled glossary and the enabled rules, applied to one document. Pure:
no file system, no output. */

use crate::diagnostic::{Diagnostic, sort_diagnostics};
use crate::document::Document;
use crate::glossary::{CompiledGlossary, Glossary};
use crate::rules::{self, Context, Rule, RuleSettings};

/// Rules whose findings come from glossary patterns; where two of them cover nested
/// spans, the longer match wins.
const PATTERN_RULES: &[&str] = &[
    "forbidden-term",
    "calque",
    "anglicism",
    "false-friend",
    "mistranslation",
    "awkward-phrasing",
    "untranslated-english",
];

pub struct Checker {
    pub glossary: CompiledGlossary,
    pub settings: RuleSettings,
    rules: Vec<&'static dyn Rule>,
}

impl Checker {
    pub fn new(glossary: Glossary) -> Checker {
        Checker {
            glossary: CompiledGlossary::new(glossary),
            settings: RuleSettings::default(),
            rules: rules::ALL.to_vec(),
        }
    }

    /// Keeps only the rules for which `keep(id)` is true.
    pub fn select_rules(&mut self, keep: impl Fn(&str) -> bool) {
        self.rules = rules::ALL.iter().copied().filter(|r| keep(r.meta().id)).collect();
    }

    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let cx = Context::new(doc, &self.glossary, &self.settings);
        let mut out = Vec::new();
        for r in &self.rules {
            r.check(&cx, &mut out);
        }
        let mut out = dedupe(out);
        sort_diagnostics(&mut out);
        out
    }
}

/// Drops findings that say again what another finding says better.
fn dedupe(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let keep: Vec<bool> = diags
        .iter()
        .enumerate()
        .map(|(i, d)| {
            !diags.iter().enumerate().any(|(j, o)| {
                if i == j {
                    return false;
                }
                let both_patterns = PATTERN_RULES.contains(&d.rule) && PATTERN_RULES.contains(&o.rule);
                let nested = o.span.contains(&d.span) && o.span != d.span;
                let same = o.span == d.span;
                (both_patterns && (nested || (same && (o.severity > d.severity || (o.severity == d.severity && j < i)))))
                    || (d.rule == "near-miss" && o.rule == "entity-full-name" && o.span.overlaps(&d.span))
                    || (d.rule == o.rule && same && j < i)
            })
        })
        .collect();
    diags
        .into_iter()
        .zip(keep)
        .filter_map(|(d, k)| k.then_some(d))
        .collect()
}
