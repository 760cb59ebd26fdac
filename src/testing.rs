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

/// A small deterministic generator (xorshift) for tests that try many random cases.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A number below `m`.
    pub fn below(&mut self, m: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % m as u64) as usize
    }

    /// Fewer than `most` of `pieces`, picked at random and put end to end.
    pub fn string(&mut self, pieces: &[&str], most: usize) -> String {
        let n = self.below(most);
        (0..n).map(|_| pieces[self.below(pieces.len())]).collect()
    }
}
