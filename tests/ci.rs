//! End to end on a small editorial repository (tests/fixtures/repo): nested configuration,
//! .gitignore, excludes, suppression directives, baseline, --diff-base, every output format.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

/// A fresh copy of the fixture repository, committed in git.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    copy_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/repo")
            .as_path(),
        &root,
    );
    fs::rename(root.join("gitignore"), root.join(".gitignore")).unwrap();
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "init"]);
    (tmp, root)
}

fn relecture(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("relecture").unwrap();
    c.current_dir(dir).env("NO_COLOR", "1").env_remove("CI");
    c
}

fn json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let out = relecture(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), v)
}

fn findings(v: &serde_json::Value) -> Vec<(String, String, String, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(f: &[(String, String, String, String)], path: &str, rule: &str, text: &str) -> bool {
    f.iter()
        .any(|x| x.0 == path && x.1 == rule && x.3.contains(text))
}

#[test]
fn whole_repository_with_configuration() {
    let (_tmp, root) = repo();
    let (code, v) = json(&root, &[]);
    let f = findings(&v);
    // Excluded (brouillons/) and git-ignored (ignored/) files are not checked.
    assert_eq!(v["summary"]["files"], 3, "{f:?}");
    assert!(
        !f.iter()
            .any(|x| x.0.starts_with("brouillons") || x.0.starts_with("ignored"))
    );
    // The project glossary applies, the built-in ones do not (default-glossary = false).
    assert!(has(&f, "articles/puce.md", "forbidden-term", "formation"));
    assert!(has(&f, "articles/puce.md", "entity-spelling", "NVIDIA"));
    // Severity override: doubled-word is an error here.
    assert!(
        f.iter()
            .any(|x| x.1 == "doubled-word" && x.2 == "error" && x.3 == "les les")
    );
    // Suppressed: the first « le le »; reported: the directive that suppresses nothing.
    assert!(!has(&f, "articles/puce.md", "doubled-word", "le le"));
    assert!(has(
        &f,
        "articles/puce.md",
        "unused-suppression",
        "relecture-disable-next-line forbidden-term"
    ));
    // Nested configuration: entity-spelling is off in articles/dossier/, the rest still on.
    assert!(!has(
        &f,
        "articles/dossier/note.md",
        "entity-spelling",
        "NVIDIA"
    ));
    assert!(has(
        &f,
        "articles/dossier/note.md",
        "forbidden-term",
        "formation"
    ));
    // PO: a translator comment disables placeholder-mismatch for its entry only; the
    // per-path override turns length-mismatch off for traductions/.
    let po: Vec<_> = f.iter().filter(|x| x.0 == "traductions/app.po").collect();
    assert_eq!(
        po.iter().filter(|x| x.1 == "placeholder-mismatch").count(),
        2,
        "{po:?}"
    );
    assert!(!po.iter().any(|x| x.1 == "length-mismatch"));
    // fail-on = "warning" in the configuration.
    assert_eq!(code, 1);
}

#[test]
fn baseline_accepts_recorded_findings_only() {
    let (_tmp, root) = repo();
    let (_, before) = json(&root, &[]);
    let (_, after) = json(&root, &["--baseline", "relecture-baseline.json"]);
    let n = |v: &serde_json::Value| v["diagnostics"].as_array().unwrap().len();
    assert_eq!(n(&before) - n(&after), 1);
    assert!(!has(
        &findings(&after),
        "articles/puce.md",
        "entity-spelling",
        "NVIDIA"
    ));
    // Writing a baseline, then checking against it: nothing left; edits above a finding
    // do not break the match.
    relecture(&root)
        .args(["baseline", "--output", "base.json"])
        .assert()
        .success();
    let text = fs::read_to_string(root.join("articles/puce.md")).unwrap();
    fs::write(
        root.join("articles/puce.md"),
        format!("Une ligne ajoutée.\n\n{text}"),
    )
    .unwrap();
    let (code, v) = json(&root, &["--baseline", "base.json"]);
    assert_eq!(n(&v), 0, "{:?}", findings(&v));
    assert_eq!(code, 0);
    // A broken baseline is an error.
    fs::write(
        root.join("bad.json"),
        "{\"version\": 1, \"findings\": [{\"path\": 3}]}",
    )
    .unwrap();
    relecture(&root)
        .args(["check", "--baseline", "bad.json"])
        .assert()
        .code(2);
}

#[test]
fn diff_base_reports_changed_lines_only() {
    let (_tmp, root) = repo();
    let path = root.join("articles/dossier/note.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        format!("{text}\nUne nouvelle ligne avec de de coquille.\n"),
    )
    .unwrap();
    let (_, v) = json(&root, &["--diff-base", "HEAD"]);
    let f = findings(&v);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "doubled-word");
    relecture(&root)
        .args(["check", "--diff-base", "nonexistent-rev"])
        .assert()
        .code(2);
}

#[test]
fn broken_configuration_is_an_error_with_its_place() {
    let (_tmp, root) = repo();
    fs::write(
        root.join("relecture.toml"),
        "exclude = [\"brouillons/**\"]\nfail-onn = \"warning\"\n",
    )
    .unwrap();
    relecture(&root)
        .args(["check"])
        .assert()
        .code(2)
        .stdout(predicates::str::contains(
            "relecture.toml:2:1: configuration invalide : clé inconnue « fail-onn »",
        ));
}

#[test]
fn init_writes_a_valid_starter() {
    let tmp = tempfile::tempdir().unwrap();
    relecture(tmp.path()).args(["init"]).assert().success();
    fs::write(tmp.path().join("a.md"), "La formation des modèles d'IA.\n").unwrap();
    relecture(tmp.path())
        .args(["check", "a.md"])
        .assert()
        .code(1);
    relecture(tmp.path()).args(["init"]).assert().code(2);
}

fn report(root: &Path, format: &str) -> String {
    let out = relecture(root)
        .args([
            "check",
            "--format",
            format,
            "articles/puce.md",
            "traductions/app.po",
        ])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_output_format_is_stable() {
    let (_tmp, root) = repo();
    for format in ["github", "rdjson", "checkstyle", "junit", "sarif"] {
        let out = report(&root, format);
        insta::assert_snapshot!(format!("ci_{format}"), out);
    }
}

#[test]
fn github_columns_count_characters_and_rdjson_bytes() {
    let (_tmp, root) = repo();
    // « L'équipe a présenté à Séville la formation » : « formation » starts at character
    // 34 of line 3, byte 39 (five accented letters of two bytes before it).
    let gh = report(&root, "github");
    assert!(
        gh.contains("file=articles/puce.md,line=3,col=34,endLine=3,endColumn=43"),
        "{gh}"
    );
    let rd: serde_json::Value = serde_json::from_str(&report(&root, "rdjson")).unwrap();
    let d = rd["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"]["value"] == "forbidden-term")
        .unwrap();
    assert_eq!(
        d["location"]["range"]["start"],
        serde_json::json!({"line": 3, "column": 39})
    );
    assert_eq!(d["suggestions"][0]["text"], "entraînement");
}

/// The official SARIF 2.1.0 schema, from the npm registry (package @microsoft/jest-sarif,
/// MIT), cached under target/.
fn sarif_schema() -> serde_json::Value {
    let cache = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/sarif-schema-2.1.0.json");
    if !cache.exists() {
        let tmp = tempfile::tempdir().unwrap();
        let npm = std::process::Command::new("npm")
            .args(["pack", "-q", "@microsoft/jest-sarif@1.0.0-beta.0"])
            .current_dir(tmp.path())
            .output()
            .expect("npm is needed to fetch the SARIF schema (scripts/test.sh installs it)");
        assert!(
            npm.status.success(),
            "npm pack failed: {}",
            String::from_utf8_lossy(&npm.stderr)
        );
        let tar = std::process::Command::new("tar")
            .args([
                "xzf",
                "microsoft-jest-sarif-1.0.0-beta.0.tgz",
                "package/lib/schemas/sarif-2.1.0-rtm.5.json",
            ])
            .current_dir(tmp.path())
            .status()
            .unwrap();
        assert!(tar.success());
        fs::create_dir_all(cache.parent().unwrap()).unwrap();
        fs::copy(
            tmp.path()
                .join("package/lib/schemas/sarif-2.1.0-rtm.5.json"),
            &cache,
        )
        .unwrap();
    }
    // Erratum of the published rtm.5 schema: its `language` patterns have a stray bracket
    // and are not valid regular expressions. The corrected pattern says what the
    // specification says (a language tag such as « fr » or « fr-FR »).
    let text = fs::read_to_string(cache).unwrap().replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    serde_json::from_str(&text).unwrap()
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let (_tmp, root) = repo();
    let sarif: serde_json::Value = serde_json::from_str(&report(&root, "sarif")).unwrap();
    let schema = sarif_schema();
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let r = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "forbidden-term")
        .unwrap();
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        34
    );
    assert!(
        r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
            == "entraînement"
    );
}
