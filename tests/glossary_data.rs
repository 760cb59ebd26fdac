//! The default glossaries: they load, every entry's examples pass, ids are sorted and
//! unique, and the sizes asked of them are met.

use relecture::glossary::{self, defaults};
use std::collections::HashSet;

#[test]
fn default_glossaries_load() {
    let g = defaults::load().unwrap_or_else(|e| panic!("{e}"));
    assert!(g.terms.len() >= 150, "tech terms: {}", g.terms.len());
    assert!(
        g.expressions.len() >= 200,
        "calques: {}",
        g.expressions.len()
    );
    assert!(g.entities.len() >= 50, "entities: {}", g.entities.len());
}

#[test]
fn every_example_of_every_entry_passes() {
    let mut failures = Vec::new();
    for (file, text) in defaults::FILES {
        let g = glossary::parse(file, text).unwrap_or_else(|e| panic!("{e}"));
        let outcome = glossary::examples::run(&g);
        assert!(outcome.examples > 0, "{file} has no examples");
        failures.extend(
            outcome
                .failures
                .into_iter()
                .map(|f| format!("{}:{}: {}: {}", f.file, f.line, f.entry, f.message)),
        );
    }
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn ids_are_sorted_within_each_kind_and_unique_across_files() {
    let mut seen = HashSet::new();
    for (file, text) in defaults::FILES {
        let g = glossary::parse(file, text).unwrap();
        let kinds: [(&str, Vec<&str>); 4] = [
            ("term", g.terms.iter().map(|e| e.id.as_str()).collect()),
            ("entity", g.entities.iter().map(|e| e.id.as_str()).collect()),
            (
                "expression",
                g.expressions.iter().map(|e| e.id.as_str()).collect(),
            ),
            (
                "overuse",
                g.overuses.iter().map(|e| e.id.as_str()).collect(),
            ),
        ];
        for (kind, ids) in kinds {
            for w in ids.windows(2) {
                assert!(
                    w[0] < w[1],
                    "{file}: [[{kind}]] ids not sorted: {} then {}",
                    w[0],
                    w[1]
                );
            }
            for id in ids {
                assert!(seen.insert(id.to_string()), "{file}: id {id} defined twice");
            }
        }
    }
}

#[test]
fn patterns_hold_words_and_fixes_do_not_loop() {
    // A replacement that is itself a forbidden pattern of the same entry would be flagged
    // again after the fix (prh's trap).
    let g = defaults::load().unwrap();
    let compiled = relecture::glossary::CompiledGlossary::new(g.clone());
    assert!(
        compiled.empty_patterns.is_empty(),
        "patterns without words: {:?}",
        compiled.empty_patterns
    );
    for t in &g.terms {
        for v in &t.forbidden {
            for s in t.suggestions_for(v) {
                assert_ne!(
                    s.to_lowercase(),
                    v.term.to_lowercase(),
                    "{}: suggestion equals the forbidden term",
                    t.id
                );
            }
        }
    }
    for x in &g.expressions {
        for s in &x.suggest {
            assert!(
                !x.patterns
                    .iter()
                    .any(|p| p.to_lowercase() == s.to_lowercase()),
                "{}: suggestion equals a pattern",
                x.id
            );
        }
    }
}
