//! Termbases in the formats translators exchange (TBX, CSV) used as glossaries, and
//! `relecture glossary convert` between TOML, TBX and CSV.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn relecture() -> Command {
    let mut c = Command::cargo_bin("relecture").unwrap();
    c.current_dir(root()).env("NO_COLOR", "1");
    c
}

fn rules(args: &[&str]) -> Vec<(String, String)> {
    let out = relecture()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(args)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_article_termbase_drives_the_checks() {
    // Only the TBX: its deprecated terms are forbidden, its English terms are key terms.
    let d = rules(&[
        "--no-default-glossary",
        "-g",
        "corpus/meta-puce-ia.tbx",
        "corpus/meta-puce-ia.fr.xlf",
    ]);
    assert!(
        d.iter()
            .any(|(r, t)| r == "forbidden-term" && t == "formation"),
        "{d:?}"
    );
    assert!(
        d.iter()
            .any(|(r, t)| r == "forbidden-term" && t.contains("dépenses en capital")),
        "{d:?}"
    );
    assert!(d.iter().any(|(r, _)| r == "missing-key-term"), "{d:?}");
}

#[test]
fn csv_glossary() {
    let d = rules(&[
        "--no-default-glossary",
        "-g",
        "tests/fixtures/glossaire.csv",
        "corpus/meta-puce-ia.fr.txt",
    ]);
    assert!(
        d.iter()
            .any(|(r, t)| r == "forbidden-term" && t == "formation"),
        "{d:?}"
    );
    assert!(
        d.iter()
            .any(|(r, t)| r == "forbidden-term" && t == "investissement en capital"),
        "{d:?}"
    );
}

#[test]
fn convert_round_trips_without_loss() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("g.csv");
    let tbx = tmp.path().join("g.tbx");
    let toml = tmp.path().join("g.toml");
    relecture()
        .args(["glossary", "convert", "corpus/meta-puce-ia.tbx"])
        .arg(&csv)
        .assert()
        .success();
    relecture()
        .args(["glossary", "convert"])
        .arg(&csv)
        .arg(&tbx)
        .assert()
        .success();
    relecture()
        .args(["glossary", "convert"])
        .arg(&tbx)
        .arg(&toml)
        .assert()
        .success();
    let text = fs::read_to_string(&toml).unwrap();
    let g = relecture::glossary::parse("g.toml", &text).unwrap();
    let original = relecture::glossary::parse(
        "t.tbx",
        &fs::read_to_string(root().join("corpus/meta-puce-ia.tbx")).unwrap(),
    )
    .unwrap();
    assert_eq!(g.terms.len(), original.terms.len());
    for (a, b) in g.terms.iter().zip(&original.terms) {
        assert_eq!(a.approved, b.approved);
        assert_eq!(a.source, b.source);
        let fa: Vec<&str> = a.forbidden.iter().map(|v| v.term.as_str()).collect();
        let fb: Vec<&str> = b.forbidden.iter().map(|v| v.term.as_str()).collect();
        assert_eq!(fa, fb);
    }
    // The default glossaries hold entities and expressions, which CSV cannot: refused.
    relecture()
        .args(["glossary", "convert", "glossary/calques.toml"])
        .arg(tmp.path().join("x.csv"))
        .assert()
        .code(2);
}

#[test]
fn bad_termbases_are_errors_with_their_place() {
    let tmp = tempfile::tempdir().unwrap();
    let tbx = tmp.path().join("g.tbx");
    fs::write(&tbx, "<tbx><text><body><conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>").unwrap();
    relecture()
        .args(["check", "--no-default-glossary", "-g"])
        .arg(&tbx)
        .arg("corpus/meta-puce-ia.fr.txt")
        .assert()
        .code(2)
        .stdout(predicates::str::contains("aucune section française"));
    let csv = tmp.path().join("g.csv");
    fs::write(&csv, "source,target\ntraining,entraînement\nchip\n").unwrap();
    relecture()
        .args(["check", "--no-default-glossary", "-g"])
        .arg(&csv)
        .arg("corpus/meta-puce-ia.fr.txt")
        .assert()
        .code(2)
        .stdout(predicates::str::contains(":3:"));
    let bad = tmp.path().join("b.tbx");
    fs::write(&bad, "<tbx>\n<text><body>\n<conceptEntry></langSec>").unwrap();
    relecture()
        .args(["check", "--no-default-glossary", "-g"])
        .arg(&bad)
        .arg("corpus/meta-puce-ia.fr.txt")
        .assert()
        .code(2)
        .stdout(predicates::str::contains("b.tbx:3:"));
}
