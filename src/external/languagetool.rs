/*! LanguageTool as an optional second opinion (`--languagetool-url URL`): relecture sends
the prose of a document to a LanguageTool HTTP server (`POST /v2/check`, the public API of
`languagetool-server`), maps the matches back onto the file's byte offsets and merges them
with its own.

How the text is given: as LanguageTool's *annotated text* (`data` parameter): what
relecture checks is `text`, what it masks (code, URLs, markup, the sources of a PO file) is
`markup`, so LanguageTool's offsets are offsets into the original file. LanguageTool counts
in UTF-16 code units (Java strings); they are converted to bytes here.

Long documents are sent in pieces of at most `CHUNK` bytes cut at line ends (public
servers limit the size of a request). Plain `http://` only: the tool opens no TLS
connection (run the server beside it, e.g. `java -cp languagetool-server.jar
org.languagetool.server.HTTPServer --port 8081`). */

use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::Document;
use std::time::Duration;

/// Largest piece of a document sent in one request, in bytes.
const CHUNK: usize = 20_000;

/// A LanguageTool server.
pub struct LanguageTool {
    /// Base URL, without `/v2/check` (`http://localhost:8081`).
    base: String,
    agent: ureq::Agent,
    /// The `language` parameter (`fr`).
    language: String,
}

impl LanguageTool {
    /// A client for the server at `url` (its base, or its `/v2/check` address), giving up
    /// on a request after `timeout`. Errors when the URL is not a plain `http://` one.
    pub fn new(url: &str, timeout: Duration) -> Result<LanguageTool, String> {
        let base = base_url(url)?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build()
            .into();
        Ok(LanguageTool {
            base,
            agent,
            language: "fr".to_string(),
        })
    }

    /// Asks the server for its languages (`GET /v2/languages`): an error message when it
    /// cannot be reached or does not answer like LanguageTool.
    pub fn probe(&self) -> Result<(), String> {
        let url = format!("{}/v2/languages", self.base);
        let mut resp = self
            .agent
            .get(&url)
            .call()
            .map_err(|e| self.unreachable(&e))?;
        let status = resp.status().as_u16();
        let body = resp.body_mut().read_to_string().unwrap_or_default();
        if status != 200 || !body.trim_start().starts_with('[') {
            return Err(format!(
                "{url} ne répond pas comme un serveur LanguageTool (statut {status})."
            ));
        }
        Ok(())
    }

    fn unreachable(&self, e: &ureq::Error) -> String {
        let why = match e {
            ureq::Error::Timeout(_) => "délai dépassé".to_string(),
            ureq::Error::ConnectionFailed | ureq::Error::Io(_) | ureq::Error::HostNotFound => {
                format!("connexion impossible ({e})")
            }
            other => other.to_string(),
        };
        format!(
            "serveur LanguageTool injoignable à {} : {why}. Vérifiez l'adresse donnée à \
             --languagetool-url ou relancez sans cette option.",
            self.base
        )
    }

    /// The server's findings on the prose of `doc`.
    pub fn check_document(&self, doc: &Document) -> Result<Vec<Diagnostic>, String> {
        let mut out = Vec::new();
        for (start, end) in chunks(&doc.text, CHUNK) {
            let (data, visible) = annotation(&doc.text[start..end], &doc.view[start..end]);
            if !visible {
                continue;
            }
            let body = self.post(&data)?;
            out.extend(parse_matches(&doc.text[start..end], start, &body)?);
        }
        Ok(out)
    }

    fn post(&self, data: &str) -> Result<String, String> {
        let url = format!("{}/v2/check", self.base);
        let mut resp = self
            .agent
            .post(&url)
            .send_form([("language", self.language.as_str()), ("data", data)])
            .map_err(|e| self.unreachable(&e))?;
        let status = resp.status().as_u16();
        let body = resp
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| self.unreachable(&e))?;
        if status != 200 {
            let first = body.lines().next().unwrap_or("").trim();
            return Err(format!(
                "LanguageTool a refusé la requête ({status}) : {first}"
            ));
        }
        Ok(body)
    }
}

impl super::Engine for LanguageTool {
    fn name(&self) -> &'static str {
        "LanguageTool"
    }
    fn check(&self, doc: &Document) -> Result<Vec<Diagnostic>, String> {
        self.check_document(doc)
    }
}

/// The base URL of a server from what the user gave.
fn base_url(url: &str) -> Result<String, String> {
    let u = url.trim();
    if u.starts_with("https://") {
        return Err(format!(
            "--languagetool-url {u} : seul http:// est pris en charge (relecture n'ouvre pas \
             de connexion chiffrée) ; lancez le serveur LanguageTool sur la machine ou le \
             réseau local."
        ));
    }
    if !u.starts_with("http://") || u.len() <= "http://".len() {
        return Err(format!(
            "--languagetool-url « {u} » : adresse attendue de la forme http://hôte:port"
        ));
    }
    let mut base = u.trim_end_matches('/');
    for suffix in ["/v2/check", "/v2"] {
        base = base.strip_suffix(suffix).unwrap_or(base);
    }
    Ok(base.trim_end_matches('/').to_string())
}

/// Pieces of `text` of at most `max` bytes (unless a line is longer), cut after a line
/// break.
fn chunks(text: &str, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + max).min(text.len());
        if end < text.len() {
            end = match text[start..end].rfind('\n') {
                Some(i) => start + i + 1,
                None => text[end..].find('\n').map_or(text.len(), |i| end + i + 1),
            };
        }
        out.push((start, end));
        start = end;
    }
    out
}

#[derive(serde::Serialize)]
struct Annotated<'a> {
    annotation: Vec<Part<'a>>,
}

#[derive(serde::Serialize)]
#[serde(untagged)]
enum Part<'a> {
    Text {
        text: &'a str,
    },
    Markup {
        markup: &'a str,
        #[serde(rename = "interpretAs")]
        interpret_as: &'static str,
    },
}

/// LanguageTool's annotated text for `text` (the file's bytes) and `view` (the same bytes
/// with masked parts overwritten): runs where the two agree are text, the others markup,
/// read as a space. Also says whether any letter is visible.
fn annotation(text: &str, view: &str) -> (String, bool) {
    let (t, v) = (text.as_bytes(), view.as_bytes());
    let mut parts = Vec::new();
    let mut visible = false;
    let mut i = 0;
    while i < t.len() {
        let masked = t[i] != v[i];
        let mut j = i + 1;
        while j < t.len() && ((t[j] != v[j]) == masked || !text.is_char_boundary(j)) {
            j += 1;
        }
        let s = &text[i..j];
        if masked {
            parts.push(Part::Markup {
                markup: s,
                interpret_as: if s.contains('\n') { "\n" } else { " " },
            });
        } else {
            visible |= s.chars().any(char::is_alphabetic);
            parts.push(Part::Text { text: s });
        }
        i = j;
    }
    let json = serde_json::to_string(&Annotated { annotation: parts }).unwrap_or_default();
    (json, visible)
}

#[derive(serde::Deserialize)]
struct Response {
    matches: Vec<Match>,
}

#[derive(serde::Deserialize)]
struct Match {
    message: String,
    #[serde(default)]
    replacements: Vec<Replacement>,
    offset: usize,
    length: usize,
    rule: MatchRule,
}

#[derive(serde::Deserialize)]
struct Replacement {
    value: String,
}

#[derive(serde::Deserialize)]
struct MatchRule {
    id: String,
    #[serde(rename = "issueType", default)]
    issue_type: String,
}

/// Maps the server's answer for the piece `text` (starting at byte `at` of the file) to
/// diagnostics.
fn parse_matches(text: &str, at: usize, json: &str) -> Result<Vec<Diagnostic>, String> {
    let r: Response = serde_json::from_str(json)
        .map_err(|e| format!("la réponse de LanguageTool est illisible : {e}"))?;
    // Byte offset of each UTF-16 position.
    let mut bytes_at = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        for _ in 0..c.len_utf16() {
            bytes_at.push(i);
        }
    }
    bytes_at.push(text.len());
    let mut out = Vec::new();
    for m in r.matches {
        let (Some(&s), Some(&e)) = (bytes_at.get(m.offset), bytes_at.get(m.offset + m.length))
        else {
            continue;
        };
        let (category, severity) = classify(&m.rule.issue_type);
        let mut d = Diagnostic::new(
            super::intern(&format!("languagetool/{}", m.rule.id)),
            category,
            severity,
            Span::new(at + s, at + e),
            super::tidy(&m.message),
        );
        let replacements = m.replacements.into_iter().map(|r| r.value).collect();
        super::attach_suggestions(&mut d, "LanguageTool", replacements);
        out.push(d);
    }
    Ok(out)
}

/// LanguageTool's issue type (the Localization Quality Issue Type vocabulary) → MQM
/// category and severity.
fn classify(issue: &str) -> (Category, Severity) {
    match issue {
        "grammar" => (Category::Grammar, Severity::Warning),
        "misspelling" => (Category::Spelling, Severity::Info),
        "typographical" | "whitespace" => (Category::Punctuation, Severity::Info),
        "inconsistency" => (Category::Inconsistency, Severity::Info),
        "locale-violation" => (Category::LocaleConvention, Severity::Info),
        "mistranslation" | "untranslated" => (Category::Mistranslation, Severity::Warning),
        _ => (Category::Style, Severity::Info),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;

    /// A one-shot HTTP server: answers each request with `reply(path, body)`; returns its
    /// URL and the requests it received.
    fn server(
        requests: usize,
        reply: impl Fn(&str, &str) -> (u16, String) + Send + 'static,
    ) -> (String, std::thread::JoinHandle<Vec<(String, String)>>) {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", l.local_addr().unwrap());
        let h = std::thread::spawn(move || {
            let mut seen = Vec::new();
            for _ in 0..requests {
                let (s, _) = l.accept().unwrap();
                let mut r = BufReader::new(s.try_clone().unwrap());
                let mut first = String::new();
                r.read_line(&mut first).unwrap();
                let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
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
                let body = String::from_utf8(body).unwrap();
                let (status, out) = reply(&path, &body);
                let mut s = s;
                write!(
                    s,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{out}",
                    out.len()
                )
                .unwrap();
                seen.push((path, body));
            }
            seen
        });
        (url, h)
    }

    fn form_value(body: &str, key: &str) -> String {
        body.split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
            .map(|v| {
                let v = v.replace('+', " ");
                let mut out = Vec::new();
                let b = v.as_bytes();
                let mut i = 0;
                while i < b.len() {
                    if b[i] == b'%' {
                        out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
                        i += 3;
                    } else {
                        out.push(b[i]);
                        i += 1;
                    }
                }
                String::from_utf8(out).unwrap()
            })
            .unwrap_or_default()
    }

    #[test]
    fn matches_map_to_file_offsets_in_utf16() {
        // « 😀 » counts 2 UTF-16 units, « é » one, the code span is markup.
        let text = "Intro 😀 é.\n\nLes puces est `code` conçues.\n";
        let doc = Document::new("a.md", text.to_string(), crate::formats::Format::Markdown);
        let (url, h) = server(1, |_, body| {
            let data = form_value(body, "data");
            let text = data.clone();
            assert!(
                text.contains(r#"{"markup":"`code`","interpretAs":" "}"#),
                "{text}"
            );
            // « est » in UTF-16 units: « Intro 😀 é.\n\nLes puces » = 23 units.
            let json = r#"{"matches":[{"message":"Accord avec “puces”","offset":23,"length":3,
              "replacements":[{"value":"sont"}],"rule":{"id":"ACCORD_SUJET_VERBE","issueType":"grammar"}}]}"#;
            (200, json.to_string())
        });
        let lt = LanguageTool::new(&url, Duration::from_secs(5)).unwrap();
        let d = lt.check_document(&doc).unwrap();
        let seen = h.join().unwrap();
        assert_eq!(seen[0].0, "/v2/check");
        assert_eq!(form_value(&seen[0].1, "language"), "fr");
        assert_eq!(d.len(), 1);
        assert_eq!(&text[d[0].span.start..d[0].span.end], "est");
        assert_eq!(d[0].rule, "languagetool/ACCORD_SUJET_VERBE");
        assert_eq!(d[0].category, Category::Grammar);
        assert_eq!(d[0].message, "Accord avec « puces »");
        assert_eq!(d[0].suggestions[0].replacement, "sont");
    }

    #[test]
    fn unreachable_server_is_a_clear_error() {
        // A port nobody listens on: bind, read the port, close.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let lt = LanguageTool::new(
            &format!("http://127.0.0.1:{port}/v2/check"),
            Duration::from_secs(2),
        )
        .unwrap();
        let e = lt.probe().unwrap_err();
        assert!(e.contains("injoignable"), "{e}");
        assert!(e.contains(&format!("127.0.0.1:{port}")), "{e}");
    }

    #[test]
    fn a_silent_server_times_out() {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", l.local_addr().unwrap());
        let keep = std::thread::spawn(move || {
            let c = l.accept();
            std::thread::sleep(Duration::from_secs(3));
            drop(c);
        });
        let lt = LanguageTool::new(&url, Duration::from_millis(300)).unwrap();
        let e = lt.probe().unwrap_err();
        assert!(e.contains("délai"), "{e}");
        keep.join().unwrap();
    }

    #[test]
    fn urls() {
        assert_eq!(
            base_url("http://localhost:8081/v2/check").unwrap(),
            "http://localhost:8081"
        );
        assert_eq!(base_url("http://lt.local/").unwrap(), "http://lt.local");
        assert!(
            base_url("https://api.languagetool.org")
                .unwrap_err()
                .contains("http://")
        );
        assert!(base_url("localhost:8081").is_err());
    }

    #[test]
    fn long_documents_go_in_pieces_cut_at_line_ends() {
        let text = "ligne un\nligne deux\nligne trois\n";
        let c = chunks(text, 12);
        assert_eq!(c, [(0, 9), (9, 20), (20, 32)]);
        assert_eq!(chunks("sans fin de ligne", 5), [(0, 17)]);
    }

    #[test]
    fn probe_checks_the_answer() {
        let (url, h) = server(1, |path, _| {
            assert_eq!(path, "/v2/languages");
            (
                200,
                r#"[{"name":"French","code":"fr","longCode":"fr"}]"#.into(),
            )
        });
        LanguageTool::new(&url, Duration::from_secs(5))
            .unwrap()
            .probe()
            .unwrap();
        h.join().unwrap();
    }
}
