//! End-to-end tests of the `relecture` binary: exit statuses, the JSON contract, bad input.

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

#[test]
fn exit_status_follows_fail_on() {
    let dir = workdir();
    let f = dir.path().join("a.txt");
    fs::write(&f, "La formation des modèles d'IA coûte cher.\n").unwrap();
    let g = dir.path().join("g.toml");
    relecture()
        .args(["check", "--no-default-glossary", "-g"])
        .arg(&g)
        .arg(&f)
        .assert()
        .code(1);
    relecture()
        .args(["check", "--no-default-glossary", "--fail-on", "never", "-g"])
        .arg(&g)
        .arg(&f)
        .assert()
        .code(0);
    fs::write(&f, "L'entraînement des modèles d'IA coûte cher.\n").unwrap();
    relecture()
        .args(["check", "--no-default-glossary", "-g"])
        .arg(&g)
        .arg(&f)
        .assert()
        .code(0);
}

#[test]
fn human_output_points_at_the_span() {
    let dir = workdir();
    let f = dir.path().join("a.md");
    fs::write(&f, "# Titre\n\nÉté : la formation des modèles d'IA.\n").unwrap();
    relecture()
        .args(["check", "--no-default-glossary", "-g"])
        .arg(dir.path().join("g.toml"))
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "erreur[forbidden-term]: « formation » : pour un modèle d'IA",
        ))
        .stdout(predicate::str::contains("a.md:3:10"))
        .stdout(predicate::str::contains(
            "= aide : remplacer par « entraînement »",
        ))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn json_contract() {
    let dir = workdir();
    let f = dir.path().join("a.txt");
    fs::write(&f, "Été.\nÀ la formation des modèles d'IA.\n").unwrap();
    let out = relecture()
        .args(["check", "--no-default-glossary", "--format", "json", "-g"])
        .arg(dir.path().join("g.toml"))
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["diagnostics"][0];
    let text = "Été.\nÀ la formation des modèles d'IA.\n";
    let start = text.find("formation").unwrap();
    assert_eq!(d["start"], start);
    assert_eq!(d["end"], start + "formation".len());
    assert_eq!(d["line"], 2);
    assert_eq!(d["column"], 6);
    assert_eq!(d["end_line"], 2);
    assert_eq!(d["end_column"], 15);
    assert_eq!(d["rule"], "forbidden-term");
    assert_eq!(d["category"], "terminology");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["suggestions"][0], "entraînement");
    assert_eq!(d["fixes"][0]["applicability"], "safe");
    assert!(d["path"].as_str().unwrap().ends_with("a.txt"));
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["by_rule"]["forbidden-term"], 1);
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_checked() {
    let dir = workdir();
    let good = dir.path().join("bon.txt");
    fs::write(&good, "La formation des modèles d'IA.\n").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    fs::write(&latin1, b"Premi\xe8re ligne\nd\xe9j\xe0\n").unwrap();
    let binary = dir.path().join("image.txt");
    fs::write(&binary, b"PNG\x00\x01\x02").unwrap();
    let empty = dir.path().join("vide.txt");
    fs::write(&empty, b"").unwrap();
    let missing = dir.path().join("absent.txt");
    let out = relecture()
        .args(["check", "--no-default-glossary", "-g"])
        .arg(dir.path().join("g.toml"))
        .args([&good, &latin1, &binary, &empty, &missing])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("bon.txt:1:4"), "{stdout}");
    assert!(
        stdout.contains("latin1.txt:1:6: le fichier n'est pas en UTF-8"),
        "{stdout}"
    );
    assert!(stdout.contains("Latin-1"), "{stdout}");
    assert!(
        stdout.contains("image.txt:1:4: fichier binaire"),
        "{stdout}"
    );
    assert!(stdout.contains("vide.txt: le fichier est vide"), "{stdout}");
    assert!(
        stdout.contains("absent.txt: fichier ou dossier introuvable"),
        "{stdout}"
    );
}

#[test]
fn malformed_glossary_names_file_line_and_column() {
    let dir = workdir();
    let g = dir.path().join("bad.toml");
    fs::write(&g, "[glossary]\nname = \"x\"\n\n[[term]]\nid = \"a\"\napproved = [\"b\"]\nsevere = \"error\"\n").unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "Texte.\n").unwrap();
    relecture()
        .args(["check", "--no-default-glossary", "-g"])
        .arg(&g)
        .arg(&f)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("bad.toml:7:1: glossaire invalide"))
        .stdout(predicate::str::contains("severe"))
        .stdout(predicate::str::contains("1 fichier vérifié"));
}

#[test]
fn directories_are_walked_for_text_and_markdown() {
    let dir = workdir();
    fs::create_dir(dir.path().join("articles")).unwrap();
    fs::write(
        dir.path().join("articles/a.md"),
        "La formation des modèles d'IA.\n",
    )
    .unwrap();
    fs::write(dir.path().join("articles/b.txt"), "Rien à signaler.\n").unwrap();
    fs::write(
        dir.path().join("articles/c.rs"),
        "// formation des modèles d'IA\n",
    )
    .unwrap();
    fs::write(dir.path().join("articles/vide.md"), "").unwrap();
    let out = relecture()
        .args(["check", "--no-default-glossary", "--format", "json", "-g"])
        .arg(dir.path().join("g.toml"))
        .arg(dir.path().join("articles"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // a.md and b.txt; the empty vide.md is skipped, c.rs is not a text format.
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn rules_are_listed_and_explained() {
    relecture()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("forbidden-term"))
        .stdout(predicate::str::contains("untranslated-english"));
    relecture()
        .args(["rules", "entity-full-name"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Taiwan Semiconductor Manufacturing Company (TSMC)",
        ));
    relecture()
        .args(["rules", "forbiden-term"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("forbidden-term"));
}

#[test]
fn glossary_test_runs_examples() {
    let dir = workdir();
    let g = dir.path().join("g.toml");
    let with_examples = GLOSSARY.replace(
        "severity = \"error\"\n",
        "severity = \"error\"\nbad = [\"La formation des modèles d'IA.\"]\ngood = [\"La formation des salariés.\", \"Le modèle de formation.\"]\n",
    );
    fs::write(&g, &with_examples).unwrap();
    relecture()
        .args(["glossary", "test"])
        .arg(&g)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "exemple « good » signalé (forbidden-term, « formation ») : Le modèle de formation.",
        ));
    fs::write(
        &g,
        with_examples.replace(", \"Le modèle de formation.\"", ""),
    )
    .unwrap();
    relecture()
        .args(["glossary", "test"])
        .arg(&g)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 échec"));
}

#[test]
fn usage_errors_exit_2() {
    relecture()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn configuration_sets_variant_and_breaking_space_severity() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    // An ordinary space before « ? » and « : ».
    fs::write(&f, "Vraiment ? Voici la liste : trois puces.\n").unwrap();
    let run = |config: &str| {
        fs::write(dir.path().join("relecture.toml"), config).unwrap();
        let out = relecture()
            .args(["check", "--format", "json", "--fail-on", "never"])
            .arg(&f)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "punctuation-spacing")
            .map(|d| {
                (
                    d["severity"].as_str().unwrap().to_string(),
                    d["message"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let default = run("");
    assert_eq!(default.len(), 2, "{default:?}");
    assert!(default.iter().all(|(s, _)| s == "info"));
    let warning = run("breaking-space = \"warning\"\n");
    assert!(warning.iter().all(|(s, _)| s == "warning"), "{warning:?}");
    assert!(run("breaking-space = \"off\"\n").is_empty());
    // In fr-CA, no space before « ? »: the space is superfluous, not breaking.
    let ca = run("variant = \"fr-CA\"\n");
    assert!(
        ca.iter()
            .any(|(_, m)| m.contains("fr-CA") || m.contains("québécois")),
        "{ca:?}"
    );
    // A bad value names the file and the line.
    fs::write(
        dir.path().join("relecture.toml"),
        "breaking-space = \"parfois\"\n",
    )
    .unwrap();
    let out = relecture().args(["check"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("relecture.toml:1"), "{all}");
}

#[test]
fn standard_input_is_checked_under_the_name_given() {
    let dir = tempfile::tempdir().unwrap();
    let out = relecture()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "docs/a.md",
            "-",
        ])
        .write_stdin(
            "# Titre\n\nLa formation des modèles d'IA : `la formation des modèles d'IA`.\n",
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "forbidden-term")
        .collect();
    // Markdown: the code span is not checked; the finding is named after --stdin-filename.
    assert_eq!(d.len(), 1, "{v}");
    assert_eq!(d[0]["path"], "docs/a.md");
    assert_eq!(d[0]["line"], 3);
    // --fix cannot write standard input back.
    let out = relecture()
        .args(["check", "--fix", "-"])
        .write_stdin("La formation des modèles d'IA.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("entrée standard"));
}

#[test]
fn timing_table_on_request_only() {
    let dir = workdir();
    let f = dir.path().join("a.txt");
    fs::write(&f, "La formation des modèles d'IA coûte cher.\n").unwrap();
    let out = relecture()
        .env("RELECTURE_TIMING", "1")
        .args(["check", "--fail-on", "never"])
        .arg(&f)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    for stage in ["stage", "document", "glossary", "agreement", "total"] {
        assert!(
            err.lines().any(|l| l.starts_with(stage)),
            "{stage} missing: {err}"
        );
    }
    let out = relecture()
        .env_remove("RELECTURE_TIMING")
        .args(["check", "--fail-on", "never"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stderr).unwrap().contains("stage"));
}
