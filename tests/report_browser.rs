//! The HTML correction report in a real browser: headless Chromium renders the report of
//! the article (with markup injected into it), its script writes what it sees into
//! `<pre id="selftest">`, and the test reads the DOM after the script ran: the highlights,
//! the score, the side-by-side view are there and the injected markup ran nothing. A
//! screenshot of the article's report is taken too (`RELECTURE_UPDATE_SCREENSHOT=1`
//! copies it to docs/report-screenshot.png).
//!
//! Chromium is installed by scripts/test.sh (Debian package `chromium`); this test never
//! installs anything.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const INJECTED: &str = "\nEssai d'injection : <script>document.body.dataset.pwned=1</script> puis \
<img src=x onerror=\"document.body.dataset.pwned=1\"> et <svg onload=\"document.body.dataset.pwned=1\"></svg> \
pour la formation des modèles d'IA.\n";

fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("RELECTURE_CHROMIUM") {
        return PathBuf::from(p);
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Some(dir) = std::env::var_os("PATH") {
            for d in std::env::split_paths(&dir) {
                let p = d.join(name);
                if p.is_file() {
                    return p;
                }
            }
        }
    }
    panic!(
        "Chromium est introuvable : ce test affiche le rapport HTML dans un navigateur sans interface. \
         Lancez `bash scripts/test.sh`, qui installe le paquet Debian `chromium`, \
         ou indiquez le navigateur dans RELECTURE_CHROMIUM."
    );
}

/// Runs Chromium headless on a file with extra flags; returns its standard output.
fn run_chromium(page: &Path, profile: &Path, extra: &[&str]) -> String {
    let out_path = profile.with_extension("out");
    let out = std::fs::File::create(&out_path).unwrap();
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .expect("Chromium ne démarre pas");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "Chromium a échoué : {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium n'a pas fini en 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read_to_string(&out_path).unwrap()
}

fn report(article: &Path, html: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_relecture"))
        .current_dir(repo())
        .args([
            "report",
            "--no-config",
            "--quiet",
            "--report-format",
            "html",
            "--output",
        ])
        .arg(html)
        .arg(article)
        .status()
        .unwrap();
    // The article fails the default threshold.
    assert_eq!(status.code(), Some(1));
}

fn selftest(dom: &str) -> std::collections::HashMap<String, String> {
    let start = dom
        .find("<pre id=\"selftest\"")
        .expect("pas de <pre id=\"selftest\"> dans le DOM");
    let body = &dom[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</pre>").unwrap()];
    body.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn html_report_renders_in_chromium_and_runs_no_injected_markup() {
    let chromium_path = chromium();
    assert!(chromium_path.exists());
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.fr.txt");
    let mut text = std::fs::read_to_string(repo().join("corpus/meta-puce-ia.fr.txt")).unwrap();
    text.push_str(INJECTED);
    std::fs::write(&article, &text).unwrap();
    let html = dir.path().join("rapport.html");
    report(&article, &html);

    // Desktop: the DOM after the script ran.
    let dom = run_chromium(
        &html,
        &dir.path().join("p1"),
        &[
            "--dump-dom",
            "--virtual-time-budget=3000",
            "--window-size=1280,2000",
        ],
    );
    let st = selftest(&dom);
    assert_eq!(
        st.get("js").map(String::as_str),
        Some("ok"),
        "le script de la page n'a pas tourné : {st:?}"
    );
    let highlights: usize = st["highlights"].parse().unwrap();
    let findings: usize = st["findings"].parse().unwrap();
    assert!(findings >= 30, "{st:?}");
    assert_eq!(
        highlights, findings,
        "chaque signalement est surligné : {st:?}"
    );
    assert!(st["score"].contains(','), "score absent : {st:?}");
    assert!(
        st["side-by-side"].parse::<usize>().unwrap() >= 1,
        "vue côte à côte absente : {st:?}"
    );
    assert_eq!(st["pwned"], "no");
    // The injected markup is text, not elements, and ran nothing.
    assert!(
        !dom.contains("data-pwned"),
        "le balisage injecté s'est exécuté"
    );
    let body = &dom[dom.find("<body").unwrap()..];
    assert!(
        !body.contains("<img"),
        "une balise <img> du texte est devenue un élément"
    );
    assert!(
        !body.contains("<svg onload"),
        "une balise <svg> du texte est devenue un élément"
    );
    assert_eq!(
        body.matches("<script").count(),
        1,
        "seul le script du rapport est un élément <script>"
    );
    assert!(body.contains("&lt;img src=x onerror="));
    assert!(body.contains("&lt;script&gt;document.body.dataset.pwned=1&lt;/script&gt;"));
    assert!(dom.contains("<html lang=\"fr\""));

    // Phone: nothing wider than the screen.
    let dom = run_chromium(
        &html,
        &dir.path().join("p2"),
        &[
            "--dump-dom",
            "--virtual-time-budget=3000",
            "--window-size=390,844",
        ],
    );
    let st = selftest(&dom);
    let (scroll, client) = st["width"].split_once('/').unwrap();
    let (scroll, client): (usize, usize) = (scroll.parse().unwrap(), client.parse().unwrap());
    assert!(
        scroll <= client + 1,
        "la page déborde sur un téléphone : {scroll} px pour {client} px"
    );

    // The screenshot of the article's own report.
    let html = dir.path().join("article.html");
    report(Path::new("corpus/meta-puce-ia.fr.txt"), &html);
    let shot = dir.path().join("report.png");
    run_chromium(
        &html,
        &dir.path().join("p3"),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000",
        ],
    );
    let png = std::fs::read(&shot).expect("pas de capture d'écran");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(
        png.len() > 50_000,
        "capture presque vide ({} octets)",
        png.len()
    );
    if std::env::var_os("RELECTURE_UPDATE_SCREENSHOT").is_some() {
        std::fs::create_dir_all(repo().join("docs")).unwrap();
        std::fs::write(repo().join("docs/report-screenshot.png"), &png).unwrap();
    }
}
