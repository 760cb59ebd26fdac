/*! Runs the `bad` and `good` examples of every entry: each `bad` sentence must be flagged by
its own entry, no `good` sentence may be. Used by `relecture glossary test` and by the test
suite for the default glossaries. */

use super::{EntryRef, Glossary};
use crate::check::Checker;
use crate::document::Document;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub entry: String,
    pub file: String,
    pub line: usize,
    /// What went wrong, in French.
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub entries: usize,
    pub examples: usize,
    pub failures: Vec<Failure>,
}

/// Runs every example of `glossary`. Each entry is checked alone, so that its examples
/// test it and nothing else.
pub fn run(glossary: &Glossary) -> Outcome {
    let mut outcome = Outcome::default();
    for entry in glossary.entries() {
        outcome.entries += 1;
        let id = entry.id();
        let checker = Checker::new(glossary.only(id));
        let ex = entry.examples();
        let fail = |message: String| Failure {
            entry: id.to_string(),
            file: entry.origin().file.to_string(),
            line: entry.origin().line,
            message,
        };
        if ex.bad.is_empty() && has_variants(entry) {
            outcome.failures.push(fail(
                "aucun exemple « bad » : l'entrée n'est pas testée".into(),
            ));
        }
        for bad in &ex.bad {
            outcome.examples += 1;
            let d = checker.check(&Document::from_str(bad));
            if !d.iter().any(|d| d.entry.as_deref() == Some(id)) {
                outcome
                    .failures
                    .push(fail(format!("exemple « bad » non signalé : {bad}")));
            }
        }
        for good in &ex.good {
            outcome.examples += 1;
            let d = checker.check(&Document::from_str(good));
            if let Some(d) = d.iter().find(|d| d.entry.as_deref() == Some(id)) {
                outcome.failures.push(fail(format!(
                    "exemple « good » signalé ({}, « {} ») : {good}",
                    d.rule,
                    &good[d.span.start..d.span.end]
                )));
            }
        }
    }
    outcome
}

fn has_variants(e: EntryRef) -> bool {
    match e {
        EntryRef::Term(t) => !t.forbidden.is_empty(),
        EntryRef::Entity(x) => !x.wrong.is_empty(),
        EntryRef::Expression(_) | EntryRef::Overuse(_) => true,
    }
}
