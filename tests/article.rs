//! The article the project was started for: every annotated error is found, the corrected
//! version is clean at warning level, and the human output is pinned by a snapshot.

use relecture::Checker;
use relecture::document::Document;
use relecture::formats::Format;
use serde::Deserialize;

const ARTICLE: &str = include_str!("../corpus/meta-puce-ia.fr.txt");
const CORRECTED: &str = include_str!("../corpus/meta-puce-ia.corrige.fr.txt");
const ANNOTATIONS: &str = include_str!("../corpus/meta-puce-ia.annotations.toml");

#[derive(Deserialize)]
struct Annotations {
    error: Vec<Annotation>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Annotation {
    text: String,
    occurrence: usize,
    rule: String,
    category: String,
    severity: String,
    correction: String,
    explanation: String,
    deferred: Option<String>,
}

fn checker() -> Checker {
    Checker::new(relecture::glossary::defaults::load().expect("default glossaries load"))
}

fn doc(name: &str, text: &str) -> Document {
    Document::new(name, text.to_string(), Format::Text)
}

#[test]
fn every_annotated_error_is_found() {
    let ann: Annotations = toml::from_str(ANNOTATIONS).expect("annotations parse");
    let diags = checker().check(&doc("corpus/meta-puce-ia.fr.txt", ARTICLE));
    let mut missing = Vec::new();
    let mut checked = 0;
    for a in &ann.error {
        let start = ARTICLE
            .match_indices(&a.text)
            .nth(a.occurrence - 1)
            .unwrap_or_else(|| {
                panic!(
                    "annotation text not in the article: {:?} #{}",
                    a.text, a.occurrence
                )
            })
            .0;
        if a.deferred.is_some() {
            continue;
        }
        checked += 1;
        let span = relecture::Span::new(start, start + a.text.len());
        if !diags
            .iter()
            .any(|d| d.rule == a.rule && d.span.overlaps(&span))
        {
            missing.push(format!("{} « {} » (#{})", a.rule, a.text, a.occurrence));
        }
    }
    assert!(checked >= 20, "only {checked} annotations checked");
    assert!(
        missing.is_empty(),
        "annotated errors not found:\n{}",
        missing.join("\n")
    );
}

#[test]
fn corrected_version_is_clean() {
    let diags = checker().check(&doc("corpus/meta-puce-ia.corrige.fr.txt", CORRECTED));
    let loud: Vec<String> = diags
        .iter()
        .filter(|d| d.severity >= relecture::Severity::Warning)
        .map(|d| {
            format!(
                "{} {:?}: {}",
                d.rule,
                &CORRECTED[d.span.start..d.span.end],
                d.message
            )
        })
        .collect();
    assert!(
        loud.is_empty(),
        "findings on the corrected text:\n{}",
        loud.join("\n")
    );
}

#[test]
fn human_output_snapshot() {
    let d = doc("corpus/meta-puce-ia.fr.txt", ARTICLE);
    let diags = checker().check(&d);
    let files = vec![relecture::report::FileResult::new(d, diags)];
    let mut out = Vec::new();
    colored::control::set_override(false);
    relecture::report::Reporter::report(&relecture::report::Human, &files, &[], &mut out).unwrap();
    insta::assert_snapshot!("article_human", String::from_utf8(out).unwrap());
}
