//! `relecture report`: HTML and Markdown correction reports, the MQM verdict in the exit
//! status, input errors, escaping of hostile text. (The browser test is
//! tests/report_browser.rs.)

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn relecture() -> Command {
    let mut c = Command::cargo_bin("relecture").unwrap();
    c.env("NO_COLOR", "1");
    c
}

const GLOSSARY: &str = r#"
[glossary]
name = "test"

[[term]]
id = "training"
source = ["training"]
approved = ["entraînement"]
severity = "error"

[[term.forbidden]]
term = "formation"
reason = "pour un modèle d'IA, on parle d'entraînement."
when = ["IA", "modèle"]
"#;

fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("g.toml"), GLOSSARY).unwrap();
    dir
}

fn report(dir: &tempfile::TempDir) -> Command {
    let mut c = relecture();
    c.current_dir(dir.path()).args([
        "report",
        "--no-config",
        "--no-default-glossary",
        "-g",
        "g.toml",
    ]);
    c
}

/// The report of one file whose findings fail the verdict (exit status 1).
fn failing_report(dir: &tempfile::TempDir, file: &str) -> String {
    let out = report(dir)
        .arg(file)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

const HOSTILE: &str = "La formation des modèles d'IA <script>alert(1)</script> coûte cher.\n\n\
<img src=x onerror=alert(1)> Une | table `code` @someone #12 et la formation des modèles d'IA.\n";

#[test]
fn html_report_escapes_hostile_text_and_fails_the_verdict() {
    let dir = workdir();
    fs::write(dir.path().join("a<b>.txt"), HOSTILE).unwrap();
    let html = failing_report(&dir, "a<b>.txt");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("a&lt;b&gt;.txt"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("alert(1)</script>"));
    assert!(!html.contains("<b>"));
    assert_eq!(html.matches("<script").count(), 1);
    // Self-contained: no resource fetched from anywhere.
    for needle in ["https://", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(needle), "{needle}");
    }
    assert!(html.contains("Content-Security-Policy"));
    // Every finding is highlighted in place and listed.
    assert_eq!(html.matches("<mark class=\"hl s-error\"").count(), 2);
    assert!(html.contains("id=\"score\""));
    assert!(html.contains("class=\"sbs\""));
    // The safe fix, as `check --fix` makes it (elision included: « La formation » →
    // « L'entraînement »).
    assert!(html.contains("formation</del>"), "{html}");
    assert!(html.contains("entraînement</ins>"));
    assert!(html.contains("@media print"));
    assert!(html.contains("<svg"));
}

#[test]
fn clean_text_passes_and_output_is_written_to_a_file() {
    let dir = workdir();
    fs::write(
        dir.path().join("a.txt"),
        "L'entraînement des modèles d'IA coûte cher.\n",
    )
    .unwrap();
    report(&dir)
        .args(["--output", "out/r.html", "a.txt"])
        .assert()
        .failure()
        .code(2)
        .stderr(predicate::str::contains("out/r.html"));
    fs::create_dir(dir.path().join("out")).unwrap();
    report(&dir)
        .args(["--output", "out/r.html", "a.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("accepté"));
    let html = fs::read_to_string(dir.path().join("out/r.html")).unwrap();
    assert!(html.contains("Accepté"));
    assert!(html.contains("100,0<small>"));
    assert!(html.contains("Aucun signalement"));
}

#[test]
fn threshold_and_weights_decide_the_verdict() {
    let dir = workdir();
    // 1 major finding in 8 words: 625 points per 1000 words.
    fs::write(
        dir.path().join("a.txt"),
        "La formation des modèles d'IA coûte cher.\n",
    )
    .unwrap();
    report(&dir).arg("a.txt").assert().code(1);
    report(&dir)
        .args(["--threshold", "700", "a.txt"])
        .assert()
        .code(0);
    report(&dir)
        .args(["--weights", "1,0,25", "a.txt"])
        .assert()
        .code(0);
    report(&dir)
        .args(["--weights", "1,5", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trois nombres"));
    report(&dir)
        .args(["--threshold", "-1", "a.txt"])
        .assert()
        .code(2);
}

#[test]
fn input_errors_are_listed_and_exit_2() {
    let dir = workdir();
    fs::write(
        dir.path().join("a.txt"),
        "L'entraînement des modèles d'IA.\n",
    )
    .unwrap();
    fs::write(dir.path().join("latin1.txt"), b"caf\xe9\n").unwrap();
    let out = report(&dir)
        .args(["a.txt", "latin1.txt", "absent.txt"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let html = String::from_utf8(out).unwrap();
    assert!(html.contains("Fichiers illisibles"));
    assert!(html.contains("latin1.txt:1:4"));
    assert!(html.contains("absent.txt"));
    let out = report(&dir)
        .args(["--report-format", "markdown", "a.txt", "absent.txt"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    assert!(md.contains("fichier illisible"));
    assert!(md.contains("absent.txt"));
}

#[test]
fn markdown_report_for_a_pull_request() {
    let dir = workdir();
    fs::write(dir.path().join("a.txt"), HOSTILE).unwrap();
    fs::write(
        dir.path().join("b.txt"),
        "L'entraînement des modèles d'IA.\n",
    )
    .unwrap();
    let out = report(&dir)
        .args(["--report-format", "markdown", "a.txt", "b.txt"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(out).unwrap();
    assert!(md.starts_with("## Rapport de relecture\n"));
    assert!(md.contains("❌ refusé"));
    assert!(md.contains("| Fichiers | Mots |"));
    assert!(md.contains("<details>\n<summary><strong>a.txt</strong> : "));
    assert!(md.contains("`forbidden-term`"));
    assert!(md.contains("remplacer par « entraînement »"));
    assert!(!md.contains("<script>"));
    assert!(!md.contains("<img"));
    assert!(md.chars().count() < 65_000);
}

#[test]
fn bilingual_files_show_source_and_target_per_segment() {
    let dir = workdir();
    let po = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n\
msgid \"The training of AI models is costly.\"\nmsgstr \"La formation des modèles d'IA <b>coûte</b> cher.\"\n";
    fs::write(dir.path().join("a.po"), po).unwrap();
    let html = failing_report(&dir, "a.po");
    assert!(html.contains("Segments : source et traduction"));
    assert!(html.contains("The training of AI models is costly."));
    assert!(html.contains("&lt;b&gt;coûte&lt;/b&gt;"));
    assert!(html.contains("<mark class=\"hl s-error\""));
    // The corrected text is offered for plain texts only.
    assert!(!html.contains("class=\"sbs\""));
}
