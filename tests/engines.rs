//! `--with grammalecte` and `--languagetool-url`: second opinions merged into relecture's
//! findings. A stand-in program and a stand-in HTTP server make the tests independent of
//! what is installed; the real Grammalecte is run too when it is.

use assert_cmd::Command;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

fn relecture() -> Command {
    let mut c = Command::cargo_bin("relecture").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// A stand-in for `grammalecte-cli`: prints the JSON Grammalecte would print for the
/// text below (line 2, characters 10–13: « est »).
fn fake_grammalecte(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("grammalecte-cli");
    let json = r#"{"grammalecte": "2.1.2", "lang": "fr", "data": [{"iParagraph": 2, "lGrammarErrors": [{"nStart": 10, "nEnd": 13, "sRuleId": "conj_les_nom", "sType": "conj", "sMessage": "Accord avec “Les puces”.", "aSuggestions": ["sont"]}], "lSpellingErrors": []}]}"#;
    fs::write(
        &p,
        format!("#!/bin/sh\nif [ \"$1\" = -h ]; then exit 0; fi\ncat <<'EOF'\n{json}\nEOF\n"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    }
    p
}

/// `check --format json --with grammalecte FILE` with the stand-in program.
fn with_fake(prog: &std::path::Path, file: &std::path::Path) -> std::process::Output {
    relecture()
        .env("RELECTURE_GRAMMALECTE", prog)
        .args(["check", "--format", "json", "--with", "grammalecte"])
        .arg(file)
        .output()
        .unwrap()
}

const TEXT: &str = "Meta a lancé une puce.\nLes puces est conçues pour l'IA.\n";

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap()
}

fn rules(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn grammalecte_findings_are_merged_at_file_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let prog = fake_grammalecte(dir.path());
    let f = dir.path().join("a.txt");
    fs::write(&f, TEXT).unwrap();
    let out = relecture()
        .env("RELECTURE_GRAMMALECTE", &prog)
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--with",
            "grammalecte",
        ])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v = json(&out.stdout);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "grammalecte/conj_les_nom")
        .expect("merged");
    assert_eq!(d["text"], "est");
    assert_eq!(d["line"], 2);
    assert_eq!(d["column"], 11);
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["message"], "Accord avec « Les puces ».");
}

#[test]
fn engine_rules_obey_configuration_and_directives() {
    let dir = tempfile::tempdir().unwrap();
    let prog = fake_grammalecte(dir.path());
    let f = dir.path().join("a.txt");
    fs::write(&f, TEXT).unwrap();
    // Severity of all of Grammalecte's rules at once.
    fs::write(
        dir.path().join("relecture.toml"),
        "[rules.severity]\ngrammalecte = \"info\"\n",
    )
    .unwrap();
    let out = with_fake(&prog, &f);
    let v = json(&out.stdout);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "grammalecte/conj_les_nom")
        .unwrap()
        .clone();
    assert_eq!(d["severity"], "info", "{v}");
    // Disabled by its own id.
    fs::write(
        dir.path().join("relecture.toml"),
        "[rules]\ndisable = [\"grammalecte/conj_les_nom\"]\n",
    )
    .unwrap();
    let out = with_fake(&prog, &f);
    assert!(
        !rules(&json(&out.stdout))
            .iter()
            .any(|r| r.starts_with("grammalecte/"))
    );
    // A misspelt engine id is still an error.
    fs::write(
        dir.path().join("relecture.toml"),
        "[rules]\ndisable = [\"grammalect/x\"]\n",
    )
    .unwrap();
    let out = relecture().args(["check"]).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("règle inconnue"), "{all}");
    // A Markdown directive silences it.
    fs::remove_file(dir.path().join("relecture.toml")).unwrap();
    let md = dir.path().join("a.md");
    fs::write(
        &md,
        "<!-- relecture-disable-next-line grammalecte -->\nLes puces est conçues pour l'IA.\n",
    )
    .unwrap();
    let out = with_fake(&prog, &md);
    let r = rules(&json(&out.stdout));
    assert!(!r.iter().any(|r| r.starts_with("grammalecte/")), "{r:?}");
    assert!(!r.iter().any(|r| r == "unused-suppression"), "{r:?}");
}

#[test]
fn missing_grammalecte_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, TEXT).unwrap();
    let out = relecture()
        .env("RELECTURE_GRAMMALECTE", dir.path().join("absent"))
        .args(["check", "--no-config", "--with", "grammalecte"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("apt-get install grammalecte-cli"), "{err}");
    // Without the option, Grammalecte is never needed.
    let out = relecture()
        .env("RELECTURE_GRAMMALECTE", dir.path().join("absent"))
        .args(["check", "--no-config"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn real_grammalecte_on_the_article_when_installed() {
    let ok = std::process::Command::new("grammalecte-cli")
        .arg("-h")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("grammalecte-cli is not installed: skipped");
        return;
    }
    let out = relecture()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--with",
            "grammalecte",
            "corpus/meta-puce-ia.fr.txt",
        ])
        .output()
        .unwrap();
    let v = json(&out.stdout);
    let text = std::fs::read_to_string("corpus/meta-puce-ia.fr.txt").unwrap();
    for d in v["diagnostics"].as_array().unwrap() {
        // Every finding's offsets point at its text in the file.
        let (s, e) = (
            d["start"].as_u64().unwrap() as usize,
            d["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], d["text"].as_str().unwrap());
    }
    // « conçu » is ours (agreement) and not repeated by Grammalecte.
    let at_concu: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["text"] == "conçu")
        .collect();
    assert_eq!(at_concu.len(), 1, "{at_concu:?}");
    assert_eq!(at_concu[0]["rule"], "agreement");
}

/// A stand-in LanguageTool server answering `/v2/languages` and one `/v2/check`.
fn languagetool_server() -> (String, std::thread::JoinHandle<String>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    let h = std::thread::spawn(move || {
        let mut check_body = String::new();
        for _ in 0..2 {
            let (s, _) = l.accept().unwrap();
            let mut r = BufReader::new(s.try_clone().unwrap());
            let mut first = String::new();
            r.read_line(&mut first).unwrap();
            let mut len = 0;
            loop {
                let mut h = String::new();
                r.read_line(&mut h).unwrap();
                if h.trim().is_empty() {
                    break;
                }
                if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body).unwrap();
            let reply = if first.contains("/v2/languages") {
                r#"[{"name":"French","code":"fr","longCode":"fr"}]"#.to_string()
            } else {
                check_body = String::from_utf8(body).unwrap();
                // « est » at UTF-16 offset 33 (line 2, after « Les puces »).
                r#"{"matches":[{"message":"Le verbe ne s'accorde pas avec le sujet.","offset":33,"length":3,"replacements":[{"value":"sont"}],"rule":{"id":"ACCORD_SV","issueType":"grammar"}}]}"#.to_string()
            };
            let mut s = s;
            write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
                reply.len()
            )
            .unwrap();
        }
        check_body
    });
    (url, h)
}

#[test]
fn languagetool_findings_are_merged() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, TEXT).unwrap();
    let (url, h) = languagetool_server();
    let out = relecture()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--languagetool-url",
        ])
        .arg(&url)
        .arg(&f)
        .output()
        .unwrap();
    let body = h.join().unwrap();
    assert!(body.contains("language=fr"), "{body}");
    let v = json(&out.stdout);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "languagetool/ACCORD_SV")
        .expect("merged");
    assert_eq!(d["text"], "est");
    assert_eq!(d["line"], 2);
}

#[test]
fn unreachable_languagetool_is_a_clear_error() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = relecture()
        .args(["check", "--no-config", "--languagetool-url"])
        .arg(format!("http://127.0.0.1:{port}"))
        .arg("corpus/meta-puce-ia.fr.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("injoignable"), "{err}");
}
