//! Helpers for unit tests.

use crate::check::Checker;
use crate::diagnostic::Diagnostic;
use crate::document::Document;

/// Checks a text against a glossary given as TOML (the default glossaries are not used).
pub fn check_with(glossary_toml: &str, text: &str) -> Vec<Diagnostic> {
    let g = crate::glossary::parse("test.toml", glossary_toml).expect("test glossary parses");
    Checker::new(g).check(&Document::from_str(text))
}

pub fn rules_of(d: &[Diagnostic]) -> Vec<&'static str> {
    d.iter().map(|d| d.rule).collect()
}
