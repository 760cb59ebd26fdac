//! Articles written for testing after the default glossaries, in the style of machine
//! translations of tech news (corpus/unseen/): what relecture reports on each is pinned by
//! a snapshot, so that a lost finding or a new false alarm shows in review. Every finding
//! in the snapshots was read and is right.

use relecture::Checker;
use relecture::document::Document;
use relecture::formats::Format;

fn checker() -> Checker {
    Checker::new(relecture::glossary::defaults::load().expect("default glossaries load"))
}

fn findings(path: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Document::new(path, text.clone(), Format::Text);
    listing(&text, &checker().check(&doc))
}

fn listing(text: &str, diags: &[relecture::Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            format!(
                "{:<7} {:<22} {}",
                format!("{:?}", d.severity).to_lowercase(),
                d.rule,
                &text[d.span.start..d.span.end]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn nvidia_results() {
    insta::assert_snapshot!(findings("corpus/unseen/nvidia-resultats.fr.txt"));
}

#[test]
fn apple_dma() {
    insta::assert_snapshot!(findings("corpus/unseen/apple-dma.fr.txt"));
}

#[test]
fn samsung_foundry() {
    insta::assert_snapshot!(findings("corpus/unseen/samsung-fonderie.fr.txt"));
}

#[test]
fn openai_reasoning() {
    insta::assert_snapshot!(findings("corpus/unseen/openai-raisonnement.fr.txt"));
}

#[test]
fn intel_results() {
    insta::assert_snapshot!(findings("corpus/unseen/intel-resultats.fr.txt"));
}

#[test]
fn cisco_flaw() {
    insta::assert_snapshot!(findings("corpus/unseen/cisco-faille.fr.txt"));
}

#[test]
fn huawei_phone() {
    insta::assert_snapshot!(findings("corpus/unseen/huawei-mate.fr.txt"));
}

/// One sentence per common slip of machine translation (« excédé les attentes »,
/// « supposé livrer », « effectif immédiatement »…).
#[test]
fn common_slips() {
    insta::assert_snapshot!(findings("corpus/unseen/tournures.fr.txt"));
}

/// A translation checked against its English source (`--source`): numbers, names,
/// omissions.
#[test]
fn microsoft_investment_against_its_source() {
    let read = |p: &str| std::fs::read_to_string(p).unwrap();
    let source = Document::new(
        "en.txt",
        read("corpus/unseen/microsoft-investissement.en.txt"),
        Format::Text,
    );
    let text = read("corpus/unseen/microsoft-investissement.fr.txt");
    let target = Document::new("fr.txt", text.clone(), Format::Text);
    let r = checker().check_pair(target, &source);
    insta::assert_snapshot!(listing(&text, &r.diagnostics));
}
