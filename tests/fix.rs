//! `relecture check --fix` and `--diff` end to end: what is written, what is shown, exit
//! statuses, files that cannot be read or written.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

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

[[term]]
id = "chip"
approved = ["puce"]
severity = "error"

[[term.forbidden]]
term = "interface"
reason = "« chip » est une puce."
when = ["silicium"]

[[entity]]
id = "nvidia"
name = "Nvidia"
wrong = ["NVIDIA"]
"#;

const BAD: &str = "La formation des modèles d'IA coûte cher.\nNVIDIA vend des puces.\n";
const GOOD: &str = "L'entraînement des modèles d'IA coûte cher.\nNvidia vend des puces.\n";

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("g.toml"), GLOSSARY).unwrap();
        Dir { dir }
    }
    fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        fs::write(&p, contents).unwrap();
        p
    }
    /// `relecture check --no-default-glossary -g g.toml --no-config ARGS...`
    fn check(&self, args: &[&str], paths: &[&Path]) -> assert_cmd::assert::Assert {
        relecture()
            .current_dir(self.dir.path())
            .args(["check", "--no-config", "--no-default-glossary", "-g"])
            .arg(self.dir.path().join("g.toml"))
            .args(args)
            .args(paths)
            .assert()
    }
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap()
}

#[test]
fn diff_shows_the_changes_and_writes_nothing() {
    let d = Dir::new();
    let f = d.file("a.txt", BAD);
    let out = d.check(&["--diff"], &[&f]).code(1).get_output().clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(&format!("--- {}", f.display())), "{stdout}");
    assert!(
        stdout.contains("-La formation des modèles d'IA coûte cher."),
        "{stdout}"
    );
    assert!(
        stdout.contains("+L'entraînement des modèles d'IA coûte cher."),
        "{stdout}"
    );
    assert!(stdout.contains("+Nvidia vend des puces."), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("2 corrections possibles dans 1 fichier (rien n'a été écrit)"),
        "{stderr}"
    );
    assert_eq!(read(&f), BAD, "--diff wrote the file");
    // Nothing to change: no diff, exit 0.
    let g = d.file("b.txt", GOOD);
    d.check(&["--diff"], &[&g]).code(0).stdout("");
}

#[test]
fn fix_writes_the_file_and_a_second_run_changes_nothing() {
    let d = Dir::new();
    let f = d.file("a.txt", BAD);
    d.check(&["--fix"], &[&f])
        .code(0)
        .stderr(predicate::str::contains(
            "2 corrections appliquées dans 1 fichier",
        ));
    assert_eq!(read(&f), GOOD);
    d.check(&["--fix"], &[&f])
        .code(0)
        .stderr(predicate::str::contains(
            "0 correction appliquée dans 0 fichier",
        ));
    assert_eq!(read(&f), GOOD);
    d.check(&["--diff"], &[&f]).code(0).stdout("");
}

#[test]
fn remaining_findings_are_reported_as_check_does() {
    let d = Dir::new();
    // « formations » (plural) gets no automatic fix: the suggestion is not inflected.
    let f = d.file(
        "a.txt",
        "Les formations des modèles d'IA coûtent cher. NVIDIA vend.\n",
    );
    let out = d
        .check(&["--fix", "--format", "json"], &[&f])
        .code(1)
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["forbidden-term"], "{json}");
    assert_eq!(
        read(&f),
        "Les formations des modèles d'IA coûtent cher. Nvidia vend.\n"
    );
}

#[test]
fn elision_by_gender_is_left_to_the_editor() {
    let d = Dir::new();
    let text = "Le coût de l'interface en silicium. Le coût d'interface en silicium.\n";
    let f = d.file("a.txt", text);
    d.check(&["--fix"], &[&f])
        .code(1)
        .stderr(predicate::str::contains(
            "1 correction appliquée dans 1 fichier",
        ))
        .stderr(predicate::str::contains(
            "1 correction laissée de côté : article ou possessif à choisir selon le genre",
        ));
    assert_eq!(
        read(&f),
        "Le coût de l'interface en silicium. Le coût de puce en silicium.\n"
    );
}

#[test]
fn unsafe_fixes_only_when_asked() {
    let d = Dir::new();
    let text =
        "# Titre\n\n<!-- relecture-disable-next-line forbidden-term -->\nUn texte sans faute.\n";
    let f = d.file("a.md", text);
    d.check(&["--fix", "--fail-on", "never"], &[&f])
        .code(0)
        .stderr(predicate::str::contains(
            "1 autre correction, à vérifier, est possible avec --unsafe-fixes",
        ));
    assert_eq!(read(&f), text);
    d.check(&["--diff", "--unsafe-fixes"], &[&f])
        .code(1)
        .stdout(predicate::str::contains(
            "-<!-- relecture-disable-next-line forbidden-term -->",
        ));
    assert_eq!(read(&f), text);
    d.check(&["--fix", "--unsafe-fixes", "--fail-on", "never"], &[&f])
        .code(0);
    assert!(!read(&f).contains("relecture-disable"), "{}", read(&f));
}

#[test]
fn unreadable_and_read_only_files_are_reported_and_the_others_fixed() {
    let d = Dir::new();
    let latin1 = d.file("latin1.txt", b"La formation des mod\xE8les d'IA.\n");
    let read_only = d.file("ro.txt", BAD);
    let mut perms = fs::metadata(&read_only).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&read_only, perms).unwrap();
    let ok = d.file("ok.txt", BAD);
    let out = d
        .check(&["--fix"], &[&latin1, &read_only, &ok])
        .code(2)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("latin1.txt:1:21"), "{stdout}");
    assert!(stdout.contains("UTF-8"), "{stdout}");
    assert!(
        stdout.contains("ro.txt") && stdout.contains("lecture seule"),
        "{stdout}"
    );
    assert_eq!(read(&ok), GOOD);
    assert_eq!(read(&read_only), BAD);
    assert_eq!(
        fs::read(&latin1).unwrap(),
        b"La formation des mod\xE8les d'IA.\n"
    );
    // --diff: the error is reported, the other files' diff shown, exit 2.
    let ok2 = d.file("ok2.txt", BAD);
    d.check(&["--diff"], &[&latin1, &ok2])
        .code(2)
        .stdout(predicate::str::contains("+L'entraînement"))
        .stderr(predicate::str::contains("latin1.txt"));
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    let f = d.file("a.txt", BAD);
    fs::set_permissions(&f, fs::Permissions::from_mode(0o640)).unwrap();
    d.check(&["--fix"], &[&f]).code(0);
    assert_eq!(read(&f), GOOD);
    assert_eq!(
        fs::metadata(&f).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // A symbolic link is followed, not replaced by a file.
    let g = d.file("b.txt", BAD);
    let link = d.dir.path().join("lien.txt");
    std::os::unix::fs::symlink(&g, &link).unwrap();
    d.check(&["--fix"], &[&link]).code(0);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(read(&g), GOOD);
}

#[test]
fn crlf_bom_and_bilingual_files_keep_their_bytes() {
    let d = Dir::new();
    let txt = d.file("a.txt", format!("\u{FEFF}{}", BAD.replace('\n', "\r\n")));
    let po_text = "msgid \"\"\r\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\r\n\r\n\
        #. « formation » ici ne change pas\r\nmsgid \"Training \\\"AI\\\" models\"\r\n\
        msgstr \"\"\r\n\"La formation des \\\"modèles\\\" \"\r\n\"d'IA\"\r\n";
    let po = d.file("a.po", po_text);
    let xlf_text = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"x\"><body>\n\
        <trans-unit id=\"1\"><source>Training AI models</source><target>La formation &amp; <g id=\"1\">les modèles</g> d'IA</target><note>la formation</note></trans-unit>\n\
        </body></file></xliff>\n";
    let xlf = d.file("a.xlf", xlf_text);
    d.check(&["--fix"], &[&txt, &po, &xlf]).code(0);
    assert_eq!(
        read(&txt),
        format!("\u{FEFF}{}", GOOD.replace('\n', "\r\n"))
    );
    assert_eq!(
        read(&po),
        po_text.replace("\"La formation des", "\"L'entraînement des")
    );
    assert_eq!(
        read(&xlf),
        xlf_text.replace(">La formation &amp;", ">L'entraînement &amp;")
    );
    d.check(&["--diff"], &[&txt, &po, &xlf]).code(0).stdout("");
}

#[test]
fn configuration_applies_to_fixes() {
    let d = Dir::new();
    let f = d.file("a.txt", BAD);
    fs::write(d.dir.path().join("relecture.toml"), "glossaries = [\"g.toml\"]\ndefault-glossary = false\n[rules]\ndisable = [\"entity-spelling\", \"entity-inconsistent\"]\n").unwrap();
    relecture()
        .current_dir(d.dir.path())
        .args(["check", "--fix", "a.txt"])
        .assert()
        .code(0);
    assert_eq!(
        read(&f),
        "L'entraînement des modèles d'IA coûte cher.\nNVIDIA vend des puces.\n"
    );
}

#[test]
fn the_article_is_fixed_in_place_and_stays_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths = Vec::new();
    for name in [
        "meta-puce-ia.fr.txt",
        "meta-puce-ia.fr.po",
        "meta-puce-ia.fr.xlf",
    ] {
        let p = dir.path().join(name);
        fs::write(&p, fs::read(root.join(name)).unwrap()).unwrap();
        paths.push(p);
    }
    let out = relecture()
        .args(["check", "--no-config", "--fix", "--fail-on", "never"])
        .args(&paths)
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("dans 3 fichiers"), "{stderr}");
    for p in &paths {
        assert!(
            read(p).contains("pour l'entraînement de systèmes"),
            "{}",
            p.display()
        );
    }
    relecture()
        .args(["check", "--no-config", "--diff"])
        .args(&paths)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "0 correction possible dans 0 fichier",
        ));
}
