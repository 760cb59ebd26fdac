/*! Grammalecte, the French grammar checker, as an optional second opinion
(`--with grammalecte`). relecture runs `grammalecte-cli` (Debian package `grammalecte-cli`)
on the prose of a document, maps its findings back onto the file's byte offsets and merges
them with its own, dropping those that say again what relecture already says.

Never required: when the program is missing, `check` returns `Error::NotInstalled`, whose
message tells the user what to install.

How the text is given: `grammalecte-cli -f FILE -j -owe` reads a file line by line and
reports, per line (`iParagraph`, 1-based), character offsets (`nStart`, `nEnd`, Unicode
scalar values). relecture writes the document's *view* (the same bytes as the file, with
code, URLs and markup masked) to a temporary file, so Grammalecte checks exactly the prose
relecture checks, at the same offsets. */

use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::Document;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The program run; `RELECTURE_GRAMMALECTE` overrides it (tests, other installs).
pub fn program() -> PathBuf {
    std::env::var_os("RELECTURE_GRAMMALECTE")
        .map_or_else(|| PathBuf::from("grammalecte-cli"), PathBuf::from)
}

/// Grammalecte options turned off: relecture's own rules cover typography (apostrophes,
/// spaces, non-breaking spaces), and the typographic apostrophe would be flagged at every
/// straight one.
const OPTIONS_OFF: &[&str] = &["apos", "esp", "nbsp", "typo", "unit", "num"];

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "Grammalecte est introuvable (« {0} ») : installez le paquet grammalecte-cli \
         (apt-get install grammalecte-cli) ou relancez sans --with grammalecte."
    )]
    NotInstalled(String),
    #[error("Grammalecte a échoué : {0}")]
    Failed(String),
    #[error("la sortie de Grammalecte est illisible : {0}")]
    BadOutput(String),
}

/// Grammalecte as an engine of `Checker::engines`.
pub struct Grammalecte;

impl super::Engine for Grammalecte {
    fn name(&self) -> &'static str {
        "Grammalecte"
    }
    fn check(&self, doc: &Document) -> Result<Vec<Diagnostic>, String> {
        check(doc).map_err(|e| e.to_string())
    }
}

/// True when `grammalecte-cli` can be run.
pub fn available() -> bool {
    Command::new(program())
        .arg("-h")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Grammalecte's findings on the prose of `doc`, as diagnostics with byte offsets into
/// the file. Rule ids are `grammalecte/` followed by Grammalecte's own rule id.
pub fn check(doc: &Document) -> Result<Vec<Diagnostic>, Error> {
    if !doc.tokens.iter().any(|t| t.is_word()) {
        return Ok(Vec::new());
    }
    let input = prose_lines(doc);
    let tmp =
        TempFile::new(&input).map_err(|e| Error::Failed(format!("fichier temporaire : {e}")))?;
    let prog = program();
    let out = Command::new(&prog)
        .arg("-f")
        .arg(tmp.path())
        .args(["-j", "-owe", "-off"])
        .args(OPTIONS_OFF)
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
                Error::NotInstalled(prog.display().to_string())
            }
            _ => Error::Failed(e.to_string()),
        })?;
    if !out.status.success() {
        return Err(Error::Failed(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    parse_output(&input, &stdout)
}

/// The document's view with the original line breaks: what Grammalecte reads. Masked
/// bytes are spaces or `BARRIER`, which Grammalecte takes for ordinary characters.
fn prose_lines(doc: &Document) -> String {
    let mut s: Vec<u8> = doc.view.as_bytes().to_vec();
    for (i, b) in doc.text.bytes().enumerate() {
        if b == b'\n' || b == b'\r' {
            s[i] = b;
        } else if s[i] == crate::document::BARRIER {
            s[i] = b' ';
        }
    }
    // Masking writes ASCII over whole characters, so the bytes stay UTF-8.
    String::from_utf8(s).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[derive(serde::Deserialize)]
struct Output {
    data: Vec<Paragraph>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Paragraph {
    #[serde(rename = "iParagraph")]
    i_paragraph: usize,
    #[serde(rename = "lGrammarErrors", default)]
    grammar: Vec<GrammarError>,
}

#[derive(serde::Deserialize)]
struct GrammarError {
    #[serde(rename = "nStart")]
    start: usize,
    #[serde(rename = "nEnd")]
    end: usize,
    #[serde(rename = "sRuleId")]
    rule: String,
    #[serde(rename = "sType")]
    kind: String,
    #[serde(rename = "sMessage")]
    message: String,
    #[serde(rename = "aSuggestions", default)]
    suggestions: Vec<String>,
}

/// Maps Grammalecte's JSON onto the document: line `iParagraph` of `input` (Python's
/// universal newlines: `\n`, `\r\n` or `\r`), character offsets within it.
fn parse_output(input: &str, json: &str) -> Result<Vec<Diagnostic>, Error> {
    // `grammalecte-cli` prints « # Error: … » lines on failure, before or instead of JSON.
    let body = json.find('{').map_or("", |i| &json[i..]);
    let out: Output = serde_json::from_str(body).map_err(|e| Error::BadOutput(e.to_string()))?;
    let starts = line_starts(input);
    let mut diags = Vec::new();
    for p in out.data {
        let Some(&line_start) = starts.get(p.i_paragraph.wrapping_sub(1)) else {
            continue;
        };
        let line_end = starts.get(p.i_paragraph).copied().unwrap_or(input.len());
        let line = &input[line_start..line_end];
        for e in p.grammar {
            let (Some(s), Some(t)) = (char_to_byte(line, e.start), char_to_byte(line, e.end))
            else {
                continue;
            };
            if t < s {
                continue;
            }
            let span = Span::new(line_start + s, line_start + t);
            let (category, severity) = classify(&e.kind);
            let mut d = Diagnostic::new(
                super::intern(&format!("grammalecte/{}", e.rule)),
                category,
                severity,
                span,
                super::tidy(&e.message),
            );
            super::attach_suggestions(&mut d, "Grammalecte", e.suggestions);
            diags.push(d);
        }
    }
    Ok(diags)
}

/// Offsets where the lines of `text` start, as Python's universal newlines cut them.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = vec![0];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => out.push(i + 1),
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.push(i + 2);
                i += 1;
            }
            b'\r' => out.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    out
}

/// The byte offset of the `n`-th character of `line` (`n` may be its length).
fn char_to_byte(line: &str, n: usize) -> Option<usize> {
    line.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(line.len()))
        .nth(n)
}

/// Grammalecte's option (`sType`) → MQM category and severity.
fn classify(kind: &str) -> (Category, Severity) {
    match kind {
        "gn" | "conj" | "ppas" | "infi" | "imp" | "inte" | "vmode" | "eleu" | "neg" => {
            (Category::Grammar, Severity::Warning)
        }
        "conf" | "loc" => (Category::Mistranslation, Severity::Warning),
        "tu" | "mc" | "ocr" | "maj" | "minis" | "chim" => (Category::Spelling, Severity::Info),
        "virg" | "typo" | "apos" | "poncfin" | "esp" | "tab" => {
            (Category::Punctuation, Severity::Info)
        }
        "nbsp" | "unit" | "num" | "date" | "nf" => (Category::LocaleConvention, Severity::Info),
        _ => (Category::Style, Severity::Info),
    }
}

/// A temporary file removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(content: &str) -> std::io::Result<TempFile> {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "relecture-grammalecte-{}-{n}-{nanos}.txt",
            std::process::id()
        ));
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        f.write_all(content.as_bytes())?;
        Ok(TempFile(path))
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = r##"{ "grammalecte": "2.1.2", "lang": "fr", "data" : [
{"iParagraph": 3, "lGrammarErrors": [{"nStart": 14, "nEnd": 18, "sLineId": "#24854", "sRuleId": "g3__gn_une_2m_virg__b1_a1_1", "sType": "gn", "aColor": [64, 127, 191], "sMessage": "Cet adjectif n’est pas accordé avec “Une société”.", "aSuggestions": ["créée"], "URL": ""}], "lSpellingErrors": []}
]}"##;

    #[test]
    fn offsets_map_to_the_file() {
        let text = "Première ligne é.\r\n\r\nUne société , créé en 2020.\n";
        let doc = Document::from_str(text);
        let input = prose_lines(&doc);
        let d = parse_output(&input, JSON).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(&text[d[0].span.start..d[0].span.end], "créé");
        assert_eq!(d[0].rule, "grammalecte/g3__gn_une_2m_virg__b1_a1_1");
        assert_eq!(d[0].category, Category::Grammar);
        assert!(d[0].message.contains("« Une société »"), "{}", d[0].message);
        assert_eq!(d[0].suggestions[0].replacement, "créée");
    }

    #[test]
    fn missing_program_says_what_to_install() {
        let e = Error::NotInstalled("grammalecte-cli".into()).to_string();
        assert!(e.contains("apt-get install grammalecte-cli"), "{e}");
    }

    /// Runs the real program when it is installed.
    #[test]
    fn real_grammalecte_when_installed() {
        if !available() {
            return;
        }
        let text = "Meta a lancé une puce.\n\nLes puces est conçues pour l'IA.\n";
        let d = check(&Document::from_str(text)).unwrap();
        assert!(
            d.iter().any(|d| &text[d.span.start..d.span.end] == "est"),
            "{d:?}"
        );
    }
}
