//! `relecture report --report-format html`: one self-contained HTML page for an editor
//! (inline CSS and JavaScript, no network, no external font): the summary with the MQM
//! score, the text with every finding highlighted in place, a filter, the original and
//! the corrected text side by side, the table of findings and, for bilingual files, source
//! and target per segment. Every piece of text from the checked files goes through `esc`;
//! a Content-Security-Policy that allows only the page's own script (by its SHA-256) is a
//! second wall.

use super::{FileResult, InputError, Reporter, positions};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity};
use crate::formats::bilingual::Unit;
use crate::mqm::{self, MqmSeverity, Score, Weights, format_fr};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// The HTML report, with the scoring parameters.
#[derive(Debug, Clone, Copy)]
pub struct Html {
    pub weights: Weights,
    /// Maximum penalty points per 1000 words for a pass.
    pub threshold: f64,
}

impl Default for Html {
    fn default() -> Self {
        Html {
            weights: Weights::default(),
            threshold: 10.0,
        }
    }
}

impl Reporter for Html {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        out.write_all(render(files, errors, self.weights, self.threshold).as_bytes())
    }
}

/// Escapes text for HTML content and attribute values. C0 control characters other than
/// tab and line breaks become U+FFFD.
pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 || c == '\u{7F}' => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

/// The French name of an MQM category.
pub(crate) fn category_fr(c: Category) -> &'static str {
    match c {
        Category::Terminology => "Terminologie",
        Category::Mistranslation => "Exactitude : contresens",
        Category::Untranslated => "Exactitude : non traduit",
        Category::Omission => "Exactitude : omission",
        Category::Addition => "Exactitude : ajout",
        Category::Grammar => "Fluidité : grammaire",
        Category::Inconsistency => "Fluidité : incohérence",
        Category::Punctuation => "Fluidité : ponctuation",
        Category::Spelling => "Fluidité : orthographe",
        Category::Style => "Style",
        Category::LocaleConvention => "Conventions locales",
        Category::Markup => "Présentation : balisage",
    }
}

/// The suggestion of a finding as one French phrase, or `None` without suggestion.
pub(crate) fn suggestion_fr(d: &Diagnostic) -> Option<String> {
    let s = &d.suggestions;
    if s.is_empty() {
        return None;
    }
    if s.len() == 1 && s[0].replacement.is_empty() {
        return Some("supprimer".into());
    }
    // A piece of advice rather than a replacement (« Varier : … »).
    if s.len() == 1
        && s[0].applicability == Applicability::DisplayOnly
        && s[0].replacement.ends_with('.')
    {
        return Some(s[0].replacement.clone());
    }
    let reps: Vec<String> = s.iter().map(|x| format!("« {} »", x.replacement)).collect();
    let verb = if reps.len() > 1 {
        "remplacer par l'un de"
    } else {
        "remplacer par"
    };
    let tag = match s[0].applicability {
        Applicability::Safe if s.len() == 1 => " (correction sûre)",
        Applicability::Unsafe => " (à vérifier)",
        _ => "",
    };
    Some(format!("{verb} {}{tag}", reps.join(", ")))
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// One finding with its place in the report.
struct Item<'a> {
    id: usize,
    file: usize,
    d: &'a Diagnostic,
    line: usize,
    col: usize,
}

/// Renders the whole page.
pub fn render(
    files: &[FileResult],
    errors: &[InputError],
    weights: Weights,
    threshold: f64,
) -> String {
    let mut items: Vec<Item> = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        for d in &f.diagnostics {
            let (line, col, _, _) = positions(&f.doc, d);
            items.push(Item {
                id: items.len(),
                file: fi,
                d,
                line,
                col,
            });
        }
    }
    let score = Score::of_files(files, weights, threshold);
    let mut body = String::new();
    header(&mut body, files, errors);
    summary(&mut body, files, errors, &items, &score);
    if !items.is_empty() {
        filters(&mut body, &items);
    }
    let mut start = 0;
    for (fi, f) in files.iter().enumerate() {
        let n = f.diagnostics.len();
        file_section(
            &mut body,
            fi,
            files.len(),
            f,
            &items[start..start + n],
            weights,
            threshold,
        );
        start += n;
    }
    if !errors.is_empty() {
        input_errors(&mut body, errors);
    }
    body.push_str("</main>\n<footer><p>Rapport produit par <strong>relecture</strong> ");
    body.push_str(env!("CARGO_PKG_VERSION"));
    body.push_str(
        " : vérification des traductions françaises pilotée par un glossaire. \
         Les signalements sont des propositions : la décision revient au correcteur.</p></footer>\n",
    );
    // Tooltip contents, one per finding, read by the script (and by screen readers
    // through aria-describedby).
    body.push_str("<div id=\"tips\" hidden>\n");
    for it in &items {
        tip(&mut body, it, &files[it.file]);
    }
    body.push_str("</div>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n");
    body.push_str("<pre id=\"selftest\" hidden></pre>\n");

    let title = match files {
        [f] => format!("Rapport de correction : {}", f.doc.path),
        _ => "Rapport de correction".to_string(),
    };
    let mut page = String::with_capacity(body.len() + CSS.len() + SCRIPT.len() + 1024);
    page.push_str("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        page,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{}'; base-uri 'none'; form-action 'none'\">",
        base64(&sha256(SCRIPT.as_bytes()))
    );
    page.push_str("<meta name=\"generator\" content=\"relecture\">\n");
    let _ = writeln!(page, "<title>{}</title>", esc(&title));
    page.push_str("<style>");
    page.push_str(CSS);
    page.push_str("</style>\n</head>\n<body>\n");
    page.push_str(&body);
    page.push_str("<script>");
    page.push_str(SCRIPT);
    page.push_str("</script>\n</body>\n</html>\n");
    page
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        format_fr(n as f64, 0),
        if n > 1 { many } else { one }
    )
}

fn header(o: &mut String, files: &[FileResult], errors: &[InputError]) {
    o.push_str("<header class=\"top\"><div class=\"wrap\">\n<p class=\"kicker\">relecture · rapport de correction</p>\n");
    match files {
        [f] => {
            let _ = writeln!(o, "<h1>{}</h1>", esc(&f.doc.path));
        }
        [] if errors.len() == 1 => {
            let _ = writeln!(o, "<h1>{}</h1>", esc(&errors[0].path));
        }
        _ => {
            let _ = writeln!(
                o,
                "<h1>{}</h1>",
                plural(files.len(), "fichier vérifié", "fichiers vérifiés")
            );
        }
    }
    o.push_str("<nav aria-label=\"Sommaire\"><a href=\"#synthese\">Synthèse</a>");
    if files.len() == 1 {
        let f = &files[0];
        if !f.doc.format.is_bilingual() {
            o.push_str("<a href=\"#texte-0\">Texte annoté</a>");
        }
        if !f.units.is_empty() {
            o.push_str("<a href=\"#segments-0\">Segments</a>");
        }
        if !f.doc.format.is_bilingual() {
            o.push_str("<a href=\"#corrige-0\">Original et corrigé</a>");
        }
        o.push_str("<a href=\"#signalements-0\">Signalements</a>");
    } else {
        for (i, f) in files.iter().enumerate() {
            let _ = write!(o, "<a href=\"#fichier-{i}\">{}</a>", esc(&f.doc.path));
        }
    }
    if !errors.is_empty() {
        o.push_str("<a href=\"#erreurs\">Fichiers illisibles</a>");
    }
    o.push_str("</nav>\n</div></header>\n<main class=\"wrap\">\n");
}

fn summary(
    o: &mut String,
    files: &[FileResult],
    errors: &[InputError],
    items: &[Item],
    score: &Score,
) {
    let by_sev = |s: Severity| items.iter().filter(|i| i.d.severity == s).count();
    o.push_str("<section id=\"synthese\" aria-labelledby=\"h-synthese\">\n<h2 id=\"h-synthese\">Synthèse</h2>\n<div class=\"cards\">\n");
    let _ = writeln!(
        o,
        "<div class=\"card\"><p class=\"label\">Mots vérifiés</p><p class=\"big\">{}</p><p class=\"sub\">{}</p></div>",
        format_fr(score.words as f64, 0),
        plural(files.len(), "fichier", "fichiers")
    );
    let _ = writeln!(
        o,
        "<div class=\"card\"><p class=\"label\">Signalements</p><p class=\"big\">{}</p><p class=\"sub\"><span class=\"dot s-error\"></span>{} · <span class=\"dot s-warning\"></span>{} · <span class=\"dot s-info\"></span>{}</p></div>",
        format_fr(items.len() as f64, 0),
        plural(by_sev(Severity::Error), "erreur", "erreurs"),
        plural(by_sev(Severity::Warning), "avertissement", "avertissements"),
        plural(by_sev(Severity::Info), "info", "infos"),
    );
    let verdict_class = if score.pass { "pass" } else { "fail" };
    let _ = writeln!(
        o,
        "<div class=\"card score {verdict_class}\"><p class=\"label\">Score de qualité MQM</p><p class=\"big\" id=\"score\">{}<small> / 100</small></p><p class=\"sub\">{} points de pénalité</p></div>",
        format_fr(score.quality, 1),
        format_fr(score.penalty, 1),
    );
    let _ = writeln!(
        o,
        "<div class=\"card verdict {verdict_class}\"><p class=\"label\">Verdict</p><p class=\"big\" id=\"verdict\">{} {}</p><p class=\"sub\">{} pts / 1\u{202F}000 mots · seuil {}</p></div>",
        if score.pass { "✓" } else { "✗" },
        capitalize(score.verdict_fr()),
        format_fr(score.per_thousand, 1),
        format_fr(score.threshold, 1),
    );
    o.push_str("</div>\n");
    formula(o, score);
    if !errors.is_empty() {
        let _ = writeln!(
            o,
            "<p class=\"alert\" role=\"alert\"><strong>{}</strong> : voir <a href=\"#erreurs\">la liste</a>. Le score ne porte que sur les fichiers lus.</p>",
            capitalize(&plural(
                errors.len(),
                "fichier n'a pas pu être vérifié",
                "fichiers n'ont pas pu être vérifiés"
            ))
        );
    }

    // MQM severities.
    o.push_str("<div class=\"grid2\">\n<div>\n<h3>Par niveau de gravité MQM</h3>\n<div class=\"tablewrap\"><table class=\"compact\">\n<thead><tr><th scope=\"col\">Niveau MQM</th><th scope=\"col\">Signalements relecture</th><th scope=\"col\" class=\"num\">Poids</th><th scope=\"col\" class=\"num\">Nombre</th><th scope=\"col\" class=\"num\">Points</th></tr></thead>\n<tbody>\n");
    for s in MqmSeverity::ALL.iter().rev() {
        let from = match s {
            MqmSeverity::Critical => "erreurs sur un chiffre, un passage omis, une variable",
            MqmSeverity::Major => "autres erreurs",
            MqmSeverity::Minor => "avertissements",
            MqmSeverity::Neutral => "infos (sans pénalité)",
        };
        let w = score.weights.of(*s);
        let n = score.count(*s);
        let _ = writeln!(
            o,
            "<tr><td><span class=\"mqm m-{}\">{}</span></td><td>{from}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            s.as_str(),
            s.label_fr(),
            format_fr(w, if w.fract() == 0.0 { 0 } else { 1 }),
            n,
            format_fr(
                w * n as f64,
                if (w * n as f64).fract() == 0.0 { 0 } else { 1 }
            ),
        );
    }
    let _ = writeln!(
        o,
        "</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"3\">Total</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></tfoot>\n</table></div>\n</div>",
        items.len(),
        format_fr(
            score.penalty,
            if score.penalty.fract() == 0.0 { 0 } else { 1 }
        )
    );

    // Categories: table and chart.
    let mut cats: BTreeMap<Category, [usize; 3]> = BTreeMap::new();
    for it in items {
        let e = cats.entry(it.d.category).or_default();
        e[sev_index(it.d.severity)] += 1;
    }
    o.push_str("<div>\n<h3>Par catégorie MQM</h3>\n");
    if cats.is_empty() {
        o.push_str("<p class=\"muted\">Aucun signalement.</p>\n");
    } else {
        chart(o, &cats);
        o.push_str("<div class=\"tablewrap\"><table class=\"compact\">\n<thead><tr><th scope=\"col\">Catégorie</th><th scope=\"col\" class=\"num\">Erreurs</th><th scope=\"col\" class=\"num\">Avert.</th><th scope=\"col\" class=\"num\">Infos</th><th scope=\"col\" class=\"num\">Total</th></tr></thead>\n<tbody>\n");
        for (c, n) in &cats {
            let _ = writeln!(
                o,
                "<tr><td>{} <code class=\"cat\">{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\"><strong>{}</strong></td></tr>",
                esc(category_fr(*c)),
                esc(c.as_str()),
                n[0],
                n[1],
                n[2],
                n.iter().sum::<usize>()
            );
        }
        o.push_str("</tbody>\n</table></div>\n");
    }
    o.push_str("</div>\n</div>\n</section>\n");
}

fn formula(o: &mut String, s: &Score) {
    let w = |x: f64| format_fr(x, if x.fract() == 0.0 { 0 } else { 1 });
    let _ = writeln!(
        o,
        "<p class=\"formula\">Score = 100 × (1 − P ÷ M), où P est la somme des points de pénalité \
         (erreur mineure = {} point, majeure = {}, critique = {} ; les infos sont neutres et ne coûtent rien) \
         et M le nombre de mots vérifiés : 100 × (1 − {} ÷ {}) = <strong>{}</strong>. \
         Le texte est accepté si sa pénalité ramenée à 1\u{202F}000 mots (P × 1\u{202F}000 ÷ M = {}) \
         ne dépasse pas le seuil de {} : il est <strong>{}</strong>.</p>",
        w(s.weights.minor),
        w(s.weights.major),
        w(s.weights.critical),
        w(s.penalty),
        format_fr(s.words.max(1) as f64, 0),
        format_fr(s.quality, 1),
        format_fr(s.per_thousand, 1),
        w(s.threshold),
        s.verdict_fr(),
    );
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// Horizontal stacked bars, one per category, as inline SVG.
fn chart(o: &mut String, cats: &BTreeMap<Category, [usize; 3]>) {
    let max = cats
        .values()
        .map(|n| n.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let row = 30;
    let label_w = 210.0;
    let bar_w = 250.0;
    let height = cats.len() * row + 34;
    let _ = writeln!(
        o,
        "<figure class=\"chart\"><svg viewBox=\"0 0 520 {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-title\">Signalements par catégorie MQM</title>"
    );
    for (i, (c, n)) in cats.iter().enumerate() {
        let y = i * row + 4;
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"cl\">{}</text>",
            label_w - 8.0,
            y + 16,
            esc(category_fr(*c))
        );
        let mut x = label_w;
        for (k, sev) in SEVERITIES.iter().enumerate() {
            if n[k] == 0 {
                continue;
            }
            let w = bar_w * n[k] as f64 / max as f64;
            let _ = write!(
                o,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"22\" rx=\"3\" class=\"b-{}\"><title>{} : {}</title></rect>",
                sev.as_str(),
                esc(category_fr(*c)),
                plural(n[k], sev.label_fr(), &format!("{}s", sev.label_fr()))
            );
            x += w;
        }
        let _ = write!(
            o,
            "<text x=\"{:.1}\" y=\"{}\" class=\"cn\">{}</text>",
            x + 6.0,
            y + 16,
            n.iter().sum::<usize>()
        );
    }
    let ly = cats.len() * row + 18;
    let mut lx = label_w;
    for sev in SEVERITIES {
        let name = match sev {
            Severity::Error => "erreurs",
            Severity::Warning => "avertissements",
            Severity::Info => "infos",
        };
        let _ = write!(
            o,
            "<rect x=\"{lx:.0}\" y=\"{}\" width=\"12\" height=\"12\" rx=\"2\" class=\"b-{}\"/><text x=\"{:.0}\" y=\"{}\" class=\"lg\">{name}</text>",
            ly - 10,
            sev.as_str(),
            lx + 17.0,
            ly
        );
        lx += 17.0 + name.len() as f64 * 7.0 + 16.0;
    }
    o.push_str("</svg></figure>\n");
}

fn filters(o: &mut String, items: &[Item]) {
    let mut cats: BTreeMap<Category, usize> = BTreeMap::new();
    let mut sevs: BTreeMap<Severity, usize> = BTreeMap::new();
    for it in items {
        *cats.entry(it.d.category).or_default() += 1;
        *sevs.entry(it.d.severity).or_default() += 1;
    }
    o.push_str("<section class=\"filters js-only\" aria-label=\"Filtrer les signalements\">\n<fieldset><legend>Sévérité</legend>");
    for s in SEVERITIES {
        if let Some(n) = sevs.get(&s) {
            let _ = write!(
                o,
                "<label class=\"chip\"><input type=\"checkbox\" data-f=\"sev\" value=\"{}\" checked><span class=\"dot s-{}\"></span>{} <span class=\"n\">{n}</span></label>",
                s.as_str(),
                s.as_str(),
                s.label_fr()
            );
        }
    }
    o.push_str("</fieldset>\n<fieldset><legend>Catégorie</legend>");
    for (c, n) in &cats {
        let _ = write!(
            o,
            "<label class=\"chip\"><input type=\"checkbox\" data-f=\"cat\" value=\"{}\" checked>{} <span class=\"n\">{n}</span></label>",
            esc(c.as_str()),
            esc(category_fr(*c))
        );
    }
    let _ = writeln!(
        o,
        "</fieldset>\n<p class=\"shown\" aria-live=\"polite\"><span id=\"shown\">{}</span> signalement(s) affiché(s) sur {}</p>\n</section>",
        items.len(),
        items.len()
    );
}

fn file_section(
    o: &mut String,
    fi: usize,
    nfiles: usize,
    f: &FileResult,
    items: &[Item],
    weights: Weights,
    threshold: f64,
) {
    let _ = writeln!(o, "<section class=\"file\" id=\"fichier-{fi}\">");
    if nfiles > 1 {
        let s = Score::of_file(f, weights, threshold);
        let _ = writeln!(
            o,
            "<h2 class=\"fname\">{}</h2>\n<p class=\"muted\">{} · {} · score {} / 100 · {} pts / 1\u{202F}000 mots · {}</p>",
            esc(&f.doc.path),
            plural(s.words, "mot", "mots"),
            plural(items.len(), "signalement", "signalements"),
            format_fr(s.quality, 1),
            format_fr(s.per_thousand, 1),
            s.verdict_fr()
        );
    }
    let h = if nfiles > 1 { "h3" } else { "h2" };
    // The whole text, also for a plain translation checked against its source (passages
    // that found no counterpart are in no segment); not for PO, XLIFF, TMX files.
    if !f.doc.format.is_bilingual() {
        let _ = writeln!(
            o,
            "<section id=\"texte-{fi}\"><{h}>Texte annoté</{h}>\n<p class=\"hint js-only\">Survolez ou sélectionnez (touche Tab) un passage surligné pour lire le signalement.</p>"
        );
        let hls: Vec<Hl> = items
            .iter()
            .map(|it| Hl {
                start: it.d.span.start,
                end: it.d.span.end,
                id: it.id,
                d: it.d,
            })
            .collect();
        let _ = writeln!(
            o,
            "<div class=\"textgrid\"><div class=\"text\">{}</div>{LEGEND}</div>\n</section>",
            highlight(&f.doc.text, &hls, "h")
        );
    }
    if !f.units.is_empty() {
        segments(o, fi, f, items, h);
    }
    if !f.doc.format.is_bilingual() {
        corrected(o, fi, f, h);
    }
    findings_table(o, fi, f, items, h);
    o.push_str("</section>\n");
}

const LEGEND: &str = "<aside class=\"legend\" aria-label=\"Légende\"><h4>Légende</h4>\
<p><span class=\"lg-mark s-error\">erreur</span> à corriger</p>\
<p><span class=\"lg-mark s-warning\">avertissement</span> à revoir</p>\
<p><span class=\"lg-mark s-info\">info</span> suggestion de style</p>\
<p><span class=\"lg-mark s-info nested\">double trait</span> signalement dans un autre</p>\
<p class=\"js-only\">Tab et Maj+Tab passent d'un signalement à l'autre ; Échap ferme la bulle.</p>\
<p class=\"js-only\">Les cases à cocher en haut filtrent par sévérité et par catégorie.</p></aside>";

/// A span to highlight in a text, in offsets of that text.
struct Hl<'a> {
    start: usize,
    end: usize,
    id: usize,
    d: &'a Diagnostic,
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn open_mark(o: &mut String, h: &Hl, first: bool, point: bool, prefix: &str) {
    let _ = write!(
        o,
        "<mark class=\"hl s-{}{}{}\" data-d=\"{}\" data-cat=\"{}\" data-sev=\"{}\"",
        h.d.severity.as_str(),
        if first { "" } else { " cont" },
        if point { " pt" } else { "" },
        h.id,
        esc(h.d.category.as_str()),
        h.d.severity.as_str()
    );
    if first {
        let _ = write!(
            o,
            " id=\"{prefix}{}\" tabindex=\"0\" aria-describedby=\"t{}\"",
            h.id, h.id
        );
    }
    o.push('>');
}

/// The text, escaped, with a `<mark>` per finding. Nested spans nest; a span that crosses
/// the end of another is cut in pieces (the later pieces are marked `cont`), so that the
/// elements stay well formed. An empty span (a passage missing here) shows as ⁁.
/// `prefix` starts the element id of each finding's first piece (`h12`): the table of
/// findings links to `#h12`.
fn highlight(text: &str, hls: &[Hl], prefix: &str) -> String {
    let spans: Vec<(usize, usize)> = hls
        .iter()
        .map(|h| {
            let s = floor_boundary(text, h.start);
            (s, ceil_boundary(text, h.end.max(s)))
        })
        .collect();
    let mut points: Vec<usize> = vec![0, text.len()];
    for &(s, e) in &spans {
        points.push(s);
        points.push(e);
    }
    points.sort_unstable();
    points.dedup();
    let mut o = String::with_capacity(text.len() * 2);
    let mut stack: Vec<usize> = Vec::new();
    let mut opened = vec![false; hls.len()];
    // Starts in order, to find the spans that open at a point.
    let mut by_start: Vec<usize> = (0..hls.len()).collect();
    by_start.sort_by_key(|&k| (spans[k].0, std::cmp::Reverse(spans[k].1), hls[k].id));
    let mut next = 0;
    for (pi, &p) in points.iter().enumerate() {
        // Close what ends here (and what is nested inside it, to be reopened).
        let mut reopen: Vec<usize> = Vec::new();
        if let Some(i) = stack.iter().position(|&k| spans[k].1 <= p) {
            for k in stack.drain(i..) {
                o.push_str("</mark>");
                if spans[k].1 > p {
                    reopen.push(k);
                }
            }
        }
        let mut open = reopen;
        while next < by_start.len() && spans[by_start[next]].0 == p {
            let k = by_start[next];
            next += 1;
            if spans[k].1 == p {
                // An empty span: a point marker.
                open_mark(&mut o, &hls[k], true, true, prefix);
                o.push_str("⁁</mark>");
                opened[k] = true;
            } else {
                open.push(k);
            }
        }
        // Longer spans outside; on one span, the more severe inside (its colour shows).
        open.sort_by_key(|&k| {
            (
                std::cmp::Reverse(spans[k].1),
                spans[k].0,
                hls[k].d.severity,
                hls[k].id,
            )
        });
        for k in open {
            open_mark(&mut o, &hls[k], !opened[k], false, prefix);
            opened[k] = true;
            stack.push(k);
        }
        if let Some(&q) = points.get(pi + 1) {
            o.push_str(&esc(&text[p..q]));
        }
    }
    for _ in stack {
        o.push_str("</mark>");
    }
    o
}

/// The text with the safe fixes applied, as `relecture check --fix` plans them
/// (`crate::fix`: one unambiguous safe suggestion, no overlap, case and elision kept; one
/// pass, since the report has no checker to run again). Returns the text and the number of
/// edits.
fn fixed_text(f: &FileResult) -> (String, usize) {
    let plan = crate::fix::plan(
        &f.doc.text,
        f.doc.format,
        &f.units,
        &f.diagnostics,
        &crate::fix::FixOptions::default(),
    );
    (
        crate::fix::apply(&f.doc.text, &plan.edits),
        plan.edits.len(),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    Same,
    Deleted,
    Inserted,
}

fn diff_tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<u8> = None;
    for (i, c) in s.char_indices() {
        let class = if c.is_alphanumeric() {
            0
        } else if c.is_whitespace() {
            1
        } else {
            2
        };
        if i > start && (prev != Some(class) || class == 2) {
            out.push(&s[start..i]);
            start = i;
        }
        prev = Some(class);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// A word-level diff of two texts: runs of unchanged, deleted and inserted text. Words,
/// runs of white space and single punctuation marks are the units; a change is shown
/// whole words at a time (the spaces between two changed words belong to the change).
pub(crate) fn word_diff(a: &str, b: &str) -> Vec<(Change, String)> {
    let ta = diff_tokens(a);
    let tb = diff_tokens(b);
    let prefix = ta.iter().zip(&tb).take_while(|(x, y)| x == y).count();
    let suffix = ta[prefix..]
        .iter()
        .rev()
        .zip(tb[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let ma = &ta[prefix..ta.len() - suffix];
    let mb = &tb[prefix..tb.len() - suffix];
    let mut ops: Vec<(Change, &str)> = ta[..prefix].iter().map(|t| (Change::Same, *t)).collect();
    let (n, m) = (ma.len(), mb.len());
    if n * m <= 4_000_000 {
        // Longest common subsequence, table filled from the end.
        let mut t = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                t[at(i, j)] = if ma[i] == mb[j] {
                    t[at(i + 1, j + 1)] + 1
                } else {
                    t[at(i + 1, j)].max(t[at(i, j + 1)])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && ma[i] == mb[j] {
                ops.push((Change::Same, ma[i]));
                i += 1;
                j += 1;
            } else if j < m && (i == n || t[at(i, j + 1)] >= t[at(i + 1, j)]) {
                ops.push((Change::Inserted, mb[j]));
                j += 1;
            } else {
                ops.push((Change::Deleted, ma[i]));
                i += 1;
            }
        }
    } else {
        ops.extend(ma.iter().map(|t| (Change::Deleted, *t)));
        ops.extend(mb.iter().map(|t| (Change::Inserted, *t)));
    }
    ops.extend(ta[ta.len() - suffix..].iter().map(|t| (Change::Same, *t)));

    // Group: a change runs over the white space between two changed tokens; within a
    // group, what is deleted comes before what is inserted.
    let mut out: Vec<(Change, String)> = Vec::new();
    let mut i = 0;
    while i < ops.len() {
        if ops[i].0 == Change::Same {
            push_run(&mut out, Change::Same, ops[i].1);
            i += 1;
            continue;
        }
        let mut del = String::new();
        let mut ins = String::new();
        while i < ops.len() {
            match ops[i].0 {
                Change::Deleted => del.push_str(ops[i].1),
                Change::Inserted => ins.push_str(ops[i].1),
                Change::Same => {
                    let space = ops[i].1.chars().all(char::is_whitespace);
                    let more = ops.get(i + 1).is_some_and(|o| o.0 != Change::Same);
                    if space && more {
                        del.push_str(ops[i].1);
                        ins.push_str(ops[i].1);
                    } else {
                        break;
                    }
                }
            }
            i += 1;
        }
        if !del.is_empty() {
            out.push((Change::Deleted, del));
        }
        if !ins.is_empty() {
            out.push((Change::Inserted, ins));
        }
    }
    out
}

fn push_run(out: &mut Vec<(Change, String)>, c: Change, s: &str) {
    match out.last_mut() {
        Some((k, t)) if *k == c => t.push_str(s),
        _ => out.push((c, s.to_string())),
    }
}

/// The original and the corrected text side by side, paragraph by paragraph, with
/// `<del>` and `<ins>` on the differences.
fn corrected(o: &mut String, fi: usize, f: &FileResult, h: &str) {
    let (fixed, n) = fixed_text(f);
    let _ = writeln!(
        o,
        "<section id=\"corrige-{fi}\" class=\"sbs-wrap\"><{h}>Original et texte corrigé</{h}>"
    );
    if n == 0 {
        o.push_str("<p class=\"muted\">Aucune correction sûre à appliquer : les suggestions demandent toutes un choix du correcteur.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        o,
        "<p class=\"hint\">{} appliquée{} automatiquement (une seule correction possible, sans ambiguïté) ; les autres suggestions demandent un choix du correcteur. <label class=\"js-only only-changed\"><input type=\"checkbox\" data-only-changed> Seulement les paragraphes modifiés</label></p>",
        capitalize(&plural(n, "correction sûre", "corrections sûres")),
        if n > 1 { "s" } else { "" }
    );
    let _ = writeln!(
        o,
        "<div class=\"sbs\" role=\"table\" aria-label=\"Original et texte corrigé\">\n<div class=\"sbs-row sbs-head\" role=\"row\"><div role=\"columnheader\">Original</div><div role=\"columnheader\">Corrigé</div></div>"
    );
    let a: Vec<&str> = f.doc.text.split('\n').collect();
    let b: Vec<&str> = fixed.split('\n').collect();
    let pairs: Vec<(&str, &str)> = if a.len() == b.len() {
        a.into_iter().zip(b).collect()
    } else {
        vec![(f.doc.text.as_str(), fixed.as_str())]
    };
    for (x, y) in pairs {
        if x.trim().is_empty() && y.trim().is_empty() {
            continue;
        }
        let ops = word_diff(x.trim_end_matches('\r'), y.trim_end_matches('\r'));
        let changed = ops.iter().any(|(c, _)| *c != Change::Same);
        let mut left = String::new();
        let mut right = String::new();
        for (c, t) in &ops {
            match c {
                Change::Same => {
                    left.push_str(&esc(t));
                    right.push_str(&esc(t));
                }
                Change::Deleted => {
                    let _ = write!(left, "<del>{}</del>", esc(t));
                }
                Change::Inserted => {
                    let _ = write!(right, "<ins>{}</ins>", esc(t));
                }
            }
        }
        let _ = writeln!(
            o,
            "<div class=\"sbs-row{}\" role=\"row\"><div class=\"sbs-a\" role=\"cell\">{left}</div><div class=\"sbs-b\" role=\"cell\">{right}</div></div>",
            if changed { " changed" } else { "" }
        );
    }
    o.push_str("</div>\n</section>\n");
}

/// The decoded offset in `unit.target` of a file offset.
fn decoded_offset(unit: &Unit, off: usize, end: bool) -> usize {
    for p in &unit.pieces {
        if off < p.file {
            return p.decoded;
        }
        if off <= p.file + p.file_len {
            if p.file_len == p.decoded_len {
                return p.decoded + (off - p.file);
            }
            return if (end && off > p.file) || off == p.file + p.file_len {
                p.decoded + p.decoded_len
            } else {
                p.decoded
            };
        }
    }
    unit.target.len()
}

/// For bilingual files: source and target side by side per unit, with the unit's findings.
fn segments(o: &mut String, fi: usize, f: &FileResult, items: &[Item], h: &str) {
    // Plain translations also show the whole text, which holds the `h` anchors.
    let prefix = if f.doc.format.is_bilingual() {
        "h"
    } else {
        "s"
    };
    // Units by the start of their target in the file, to place each finding.
    let mut order: Vec<(usize, usize, usize)> = f
        .units
        .iter()
        .enumerate()
        .filter_map(|(k, u)| u.target_range.map(|(s, e)| (s, e, k)))
        .collect();
    order.sort();
    let mut ids: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (k, u) in f.units.iter().enumerate() {
        ids.entry(u.id.as_str()).or_default().push(k);
    }
    let mut per_unit: Vec<Vec<&Item>> = vec![Vec::new(); f.units.len()];
    let mut outside: Vec<&Item> = Vec::new();
    for it in items {
        let x = it.d.span.start;
        let by_id = it.d.unit.as_deref().and_then(|id| {
            ids.get(id)?.iter().copied().find(|&k| {
                f.units[k]
                    .target_range
                    .is_some_and(|(s, e)| s <= x && x <= e)
            })
        });
        let by_place = || {
            let i = order.partition_point(|&(s, _, _)| s <= x);
            (i > 0 && x <= order[i - 1].1).then(|| order[i - 1].2)
        };
        match by_id.or_else(by_place) {
            Some(k) => per_unit[k].push(it),
            None => outside.push(it),
        }
    }
    let _ = writeln!(
        o,
        "<section id=\"segments-{fi}\"><{h}>Segments : source et traduction</{h}>\n<p class=\"hint js-only\">Survolez ou sélectionnez (touche Tab) un passage surligné pour lire le signalement.</p>\n<div class=\"segs\">"
    );
    for (k, u) in f.units.iter().enumerate() {
        let list = &per_unit[k];
        // A finding on the whole target is listed, not highlighted (it would hide the others).
        let whole = |it: &&&Item| {
            !u.target.is_empty()
                && decoded_offset(u, it.d.span.start, false) == 0
                && decoded_offset(u, it.d.span.end, true) >= u.target.len()
        };
        let hls: Vec<Hl> = list
            .iter()
            .filter(|it| !whole(it))
            .map(|it| {
                let s = decoded_offset(u, it.d.span.start, false);
                let e = decoded_offset(u, it.d.span.end, true).max(s);
                Hl {
                    start: s,
                    end: e,
                    id: it.id,
                    d: it.d,
                }
            })
            .collect();
        let _ = writeln!(
            o,
            "<article class=\"seg{}\"><header><span class=\"unit\">{}</span><span class=\"muted\">ligne {}</span>{}</header>\n<div class=\"pair\"><div class=\"src\" lang=\"en\"><p class=\"label\">Source</p><div class=\"t\">{}</div></div><div class=\"tgt\"><p class=\"label\">Traduction</p><div class=\"t\">{}</div></div></div>",
            if list.is_empty() { " clean" } else { "" },
            esc(&u.id),
            u.line,
            if list.is_empty() {
                String::new()
            } else {
                format!(
                    "<span class=\"count\">{}</span>",
                    plural(list.len(), "signalement", "signalements")
                )
            },
            esc(&u.source),
            if u.target.is_empty() && hls.is_empty() {
                "<span class=\"muted\">(vide)</span>".to_string()
            } else {
                highlight(&u.target, &hls, prefix)
            },
        );
        if !list.is_empty() {
            o.push_str("<ul class=\"seg-findings\">");
            for it in list {
                finding_li(o, it, whole(&it), prefix);
            }
            o.push_str("</ul>");
        }
        o.push_str("</article>\n");
    }
    o.push_str("</div>\n");
    if !outside.is_empty() {
        let _ = write!(o, "<h4>Hors des segments</h4><ul class=\"seg-findings\">");
        for it in &outside {
            finding_li(o, it, true, prefix);
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");
}

/// A finding in the list of a segment; `anchor` when it has no highlight to link to.
fn finding_li(o: &mut String, it: &Item, anchor: bool, prefix: &str) {
    let d = it.d;
    let _ = write!(
        o,
        "<li{} data-d=\"{}\" data-cat=\"{}\" data-sev=\"{}\"><span class=\"badge s-{}\">{}</span> <code>{}</code> {}",
        if anchor {
            format!(" id=\"{prefix}{}\" tabindex=\"-1\"", it.id)
        } else {
            String::new()
        },
        it.id,
        esc(d.category.as_str()),
        d.severity.as_str(),
        d.severity.as_str(),
        d.severity.label_fr(),
        esc(d.rule),
        esc(&d.message)
    );
    if let Some(s) = suggestion_fr(d) {
        let _ = write!(o, " <span class=\"sugg\">→ {}</span>", esc(&s));
    }
    o.push_str("</li>");
}

fn findings_table(o: &mut String, fi: usize, f: &FileResult, items: &[Item], h: &str) {
    let _ = writeln!(
        o,
        "<section id=\"signalements-{fi}\"><{h}>Signalements</{h}>"
    );
    if items.is_empty() {
        o.push_str("<p class=\"muted\">Aucun signalement : rien à corriger.</p>\n</section>\n");
        return;
    }
    o.push_str("<div class=\"tablewrap\"><table class=\"findings\">\n<thead><tr><th scope=\"col\">Lieu</th><th scope=\"col\">Sévérité</th><th scope=\"col\">Règle</th><th scope=\"col\">Catégorie</th><th scope=\"col\">Texte</th><th scope=\"col\">Problème</th><th scope=\"col\">Suggestion</th></tr></thead>\n<tbody>\n");
    for it in items {
        let d = it.d;
        let text = f.doc.display(
            d.span.start.min(f.doc.text.len()),
            d.span.end.min(f.doc.text.len()),
        );
        let place = match d.unit.as_deref() {
            Some(u) => format!(
                "{}:{}<br><span class=\"muted\">{}</span>",
                it.line,
                it.col,
                esc(u)
            ),
            None => format!("{}:{}", it.line, it.col),
        };
        let _ = writeln!(
            o,
            "<tr data-d=\"{id}\" data-cat=\"{cat}\" data-sev=\"{sev}\"><td data-label=\"Lieu\"><a href=\"#h{id}\" class=\"loc\">{place}</a></td><td data-label=\"Sévérité\"><span class=\"badge s-{sev}\">{}</span> <span class=\"mqm m-{}\">{}</span></td><td data-label=\"Règle\"><code>{}</code></td><td data-label=\"Catégorie\">{}</td><td data-label=\"Texte\" class=\"flagged\">{}</td><td data-label=\"Problème\">{}{}</td><td data-label=\"Suggestion\">{}</td></tr>",
            d.severity.label_fr(),
            mqm::severity_of(d).as_str(),
            mqm::severity_of(d).label_fr(),
            esc(d.rule),
            esc(category_fr(d.category)),
            if text.is_empty() {
                "<span class=\"muted\">(passage absent)</span>".to_string()
            } else {
                format!("« {} »", esc(&text))
            },
            esc(&d.message),
            d.note
                .as_deref()
                .map(|n| format!("<br><span class=\"note\">{}</span>", esc(n)))
                .unwrap_or_default(),
            suggestion_fr(d)
                .map(|s| esc(&s))
                .unwrap_or_else(|| "<span class=\"muted\">—</span>".into()),
            id = it.id,
            cat = esc(d.category.as_str()),
            sev = d.severity.as_str(),
        );
    }
    o.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn tip(o: &mut String, it: &Item, f: &FileResult) {
    let d = it.d;
    let _ = write!(
        o,
        "<div id=\"t{}\" class=\"tipc\"><p class=\"tip-h\"><span class=\"badge s-{}\">{}</span> <code>{}</code> · {} · MQM {}</p><p class=\"tip-m\">{}</p>",
        it.id,
        d.severity.as_str(),
        d.severity.label_fr(),
        esc(d.rule),
        esc(category_fr(d.category)),
        mqm::severity_of(d).label_fr(),
        esc(&d.message)
    );
    if let Some(s) = suggestion_fr(d) {
        let _ = write!(o, "<p class=\"tip-s\">→ {}</p>", esc(&capitalize(&s)));
    }
    if let Some(n) = &d.note {
        let _ = write!(o, "<p class=\"tip-n\">{}</p>", esc(n));
    }
    if let Some(src) = f.source_of(d) {
        let _ = write!(
            o,
            "<p class=\"tip-n\" lang=\"en\">Source : {}</p>",
            esc(src)
        );
    }
    o.push_str("</div>\n");
}

fn input_errors(o: &mut String, errors: &[InputError]) {
    o.push_str("<section id=\"erreurs\"><h2>Fichiers illisibles</h2>\n<p>Ces fichiers n'ont pas pu être vérifiés ; ils ne comptent pas dans le score.</p>\n<ul class=\"errors\">\n");
    for e in errors {
        let _ = writeln!(o, "<li>{}</li>", esc(&e.to_string()));
    }
    o.push_str("</ul>\n</section>\n");
}

// SHA-256 (FIPS 180-4) and base64, for the Content-Security-Policy hash of the script.

fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for block in msg.chunks(64) {
        let mut w = [0u32; 64];
        for (i, c) in block.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut o = String::new();
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= c.len() {
                o.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                o.push('=');
            }
        }
    }
    o
}

const CSS: &str = r#"
:root{--ink:#1f2430;--muted:#5b6475;--line:#dde1e8;--bg:#f6f7f9;--card:#fff;--accent:#3346a8;
--err:#c0262d;--err-bg:#fde3e3;--warn:#a85d00;--warn-bg:#ffefc7;--info:#1d63b8;--info-bg:#e1edfc;
--ok:#1f7a3f;--ok-bg:#e2f4e8;--serif:Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,"Times New Roman",serif;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;
--mono:ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.55 var(--sans);color:var(--ink);background:var(--bg)}
.wrap{max-width:1180px;margin:0 auto;padding:0 20px}
header.top{background:#1e2a4f;color:#fff;padding:22px 0 0;margin-bottom:24px}
header.top .kicker{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:#b9c3e6}
header.top h1{margin:4px 0 14px;font-size:26px;font-weight:650;word-break:break-word}
header.top nav{display:flex;flex-wrap:wrap;gap:2px}
header.top nav a{color:#dfe5fa;text-decoration:none;padding:8px 12px;border-radius:6px 6px 0 0;font-size:14px}
header.top nav a:hover,header.top nav a:focus{background:rgba(255,255,255,.12);color:#fff}
h2{font-size:21px;margin:34px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:17px;margin:26px 0 10px}
h4{font-size:15px;margin:18px 0 8px}
section>h2:first-child{margin-top:8px}
.muted{color:var(--muted)}
code{font-family:var(--mono);font-size:.88em;background:#eef0f4;padding:1px 5px;border-radius:4px}
code.cat{background:none;color:var(--muted);font-size:.8em;padding:0}
.cards{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.card .label{margin:0;font-size:13px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.card .big{margin:4px 0 2px;font-size:30px;font-weight:700;line-height:1.15}
.card .big small{font-size:15px;color:var(--muted);font-weight:500}
.card .sub{margin:0;font-size:13px;color:var(--muted)}
.card.pass{border-color:#9fd3b0}.card.fail{border-color:#efb1b1}
.card.verdict.pass{background:var(--ok-bg)}.card.verdict.fail{background:var(--err-bg)}
.card.verdict.pass .big,.card.score.pass .big{color:var(--ok)}
.card.verdict.fail .big,.card.score.fail .big{color:var(--err)}
.formula{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:6px;padding:10px 14px;margin:14px 0;font-size:14px}
.alert{background:var(--err-bg);border:1px solid #efb1b1;border-radius:6px;padding:10px 14px}
.grid2>*,.textgrid>*{min-width:0}
.grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:24px}
.tablewrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{background:#eef0f5;font-size:12.5px;text-transform:uppercase;letter-spacing:.03em;color:#404a5d;white-space:nowrap}
tbody tr:last-child td{border-bottom:none}
tfoot th,tfoot td{border-top:2px solid var(--line);border-bottom:none}
table.compact th,table.compact td{padding:6px 9px}
table.compact thead th{letter-spacing:.02em}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.chart{margin:0 0 12px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px}
.chart svg{display:block;max-width:560px}
.chart .cl{font:12.5px var(--sans);fill:#333b4d}.chart .cn{font:600 12.5px var(--sans);fill:#333b4d}.chart .lg{font:12px var(--sans);fill:#5b6475}
.b-error{fill:var(--err)}.b-warning{fill:#e39a1c}.b-info{fill:#5b93d6}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin:0 4px 0 2px;vertical-align:baseline}
.dot.s-error{background:var(--err)}.dot.s-warning{background:#e39a1c}.dot.s-info{background:#5b93d6}
.badge{display:inline-block;font-size:11.5px;font-weight:650;padding:1px 7px;border-radius:999px;white-space:nowrap}
.badge.s-error{background:var(--err-bg);color:var(--err)}.badge.s-warning{background:var(--warn-bg);color:var(--warn)}.badge.s-info{background:var(--info-bg);color:var(--info)}
.mqm{display:inline-block;font-size:11.5px;padding:0 6px;border-radius:4px;border:1px solid var(--line);color:var(--muted);white-space:nowrap}
.mqm.m-critical{border-color:var(--err);color:var(--err);font-weight:700}.mqm.m-major{color:#7a1f24;border-color:#e2a3a6}
.filters{position:sticky;top:0;z-index:5;background:rgba(246,247,249,.96);backdrop-filter:blur(4px);border-bottom:1px solid var(--line);margin:22px -20px 0;padding:10px 20px;display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center}
.filters fieldset{border:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.filters legend{float:left;font-size:12.5px;font-weight:650;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;margin-right:6px}
.chip{display:inline-flex;align-items:center;gap:3px;background:var(--card);border:1px solid var(--line);border-radius:999px;padding:3px 10px 3px 6px;font-size:13px;cursor:pointer;user-select:none}
.chip input{margin:0 3px 0 0;accent-color:var(--accent)}
.chip .n{color:var(--muted);font-variant-numeric:tabular-nums}
.chip:has(input:not(:checked)){opacity:.55}
.filters .shown{margin:0 0 0 auto;font-size:13px;color:var(--muted)}
.hint{font-size:13.5px;color:var(--muted);margin:4px 0 10px}
.text{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:22px 28px;font:17px/1.75 var(--serif);white-space:pre-wrap;overflow-wrap:anywhere}
.textgrid{display:grid;grid-template-columns:minmax(0,860px) minmax(0,1fr);gap:22px;align-items:start}
.legend{position:sticky;top:84px;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:4px 16px 8px;font-size:13.5px}
.legend h4{margin:10px 0 8px;font-size:12.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.legend p{margin:7px 0}
.lg-mark{font-family:var(--serif);padding:0 3px;border-radius:2px;border-bottom:2px solid var(--info);background:var(--info-bg)}
.lg-mark.s-warning{background:var(--warn-bg);border-bottom-color:#e39a1c}.lg-mark.s-error{background:var(--err-bg);border-bottom-color:var(--err)}
.lg-mark.nested{border-bottom-style:double;border-bottom-width:3px}
td code{white-space:nowrap}
.sbs-row.changed>.sbs-a{box-shadow:inset 3px 0 0 #e8a0a3}
mark.hl{background:var(--info-bg);color:inherit;border-bottom:2px solid var(--info);border-radius:2px;padding:1px 0;cursor:help}
mark.hl.s-warning{background:var(--warn-bg);border-bottom-color:#e39a1c}
mark.hl.s-error{background:var(--err-bg);border-bottom-color:var(--err)}
mark.hl mark.hl{border-bottom-style:double;border-bottom-width:3px;filter:saturate(1.4) brightness(.96)}
mark.hl.pt{font-weight:700;color:var(--err);padding:0 2px}
mark.hl:focus{outline:2px solid var(--accent);outline-offset:1px}
mark.hl.off,mark.hl mark.hl.off{background:none;border-bottom:none;cursor:auto;filter:none}
mark.hl.off.pt{display:none}
mark.hl.flash{outline:3px solid var(--accent)}
#tip{position:absolute;z-index:20;max-width:min(440px,calc(100vw - 24px));background:#fff;border:1px solid #c9cfdb;border-radius:8px;box-shadow:0 8px 28px rgba(20,30,60,.18);padding:4px 14px;font:14px/1.45 var(--sans)}
.tipc+.tipc{border-top:1px solid var(--line)}
.tipc p{margin:8px 0}.tip-h{font-size:12.5px;color:var(--muted)}.tip-s{font-weight:600;color:var(--ok)}.tip-n{font-size:13px;color:var(--muted)}
.sbs{background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
.sbs-row{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);border-top:1px solid var(--line)}
.sbs-row>div{padding:12px 18px;font:15.5px/1.65 var(--serif);white-space:pre-wrap;overflow-wrap:anywhere}
.sbs-row>div+div{border-left:1px solid var(--line)}
.sbs-head{border-top:none;background:#eef0f5}.sbs-head>div{font:650 12.5px var(--sans);text-transform:uppercase;letter-spacing:.04em;color:#404a5d;padding:8px 18px}
.sbs.only-changed .sbs-row:not(.changed):not(.sbs-head){display:none}
.only-changed{white-space:nowrap;margin-left:8px;color:var(--ink)}
del{background:#fbd5d5;color:#8a1c22;text-decoration:line-through;text-decoration-color:rgba(138,28,34,.6);border-radius:2px}
ins{background:#cdeed8;color:#145a2d;text-decoration:none;border-radius:2px;box-shadow:inset 0 -1px 0 #65b883}
table.findings td{font-size:13.5px}
table.findings td.flagged{font-family:var(--serif);font-size:14.5px;min-width:9em}
table.findings td:nth-child(6){min-width:16em}
table.findings .note{color:var(--muted);font-size:12.5px}
table.findings tr:hover td{background:#f9fafc}
a.loc{font-variant-numeric:tabular-nums;white-space:nowrap;color:var(--accent)}
.segs{display:flex;flex-direction:column;gap:12px}
.seg{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 16px}
.seg>header{display:flex;gap:10px;align-items:baseline;font-size:13px}
.seg .unit{font-family:var(--mono);font-weight:600}
.seg .count{margin-left:auto;color:var(--err);font-weight:600}
.seg .pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:18px;margin-top:6px}
.seg .label{margin:0;font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.seg .t{font:15.5px/1.6 var(--serif);white-space:pre-wrap;overflow-wrap:anywhere}
.seg .src .t{color:#3c4456}
.seg-findings{margin:8px 0 2px;padding-left:18px;font-size:13.5px}
.seg-findings li{margin:3px 0}.sugg{color:var(--ok)}
ul.errors li{margin:4px 0;font-family:var(--mono);font-size:13px}
footer{max-width:1180px;margin:40px auto 30px;padding:14px 20px 0;border-top:1px solid var(--line);font-size:13px;color:var(--muted)}
[hidden]{display:none!important}
html:not(.js) .js-only{display:none}
@media (max-width:900px){.cards{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}.grid2,.textgrid{grid-template-columns:minmax(0,1fr)}.legend{position:static}}
@media (max-width:700px){
 body{font-size:14.5px}.wrap{padding:0 12px}header.top h1{font-size:20px}
 .card .big{font-size:24px}
 .text{padding:14px 14px;font-size:16px}
 .sbs-row,.seg .pair{grid-template-columns:minmax(0,1fr)}
 .sbs-row>div+div{border-left:none;border-top:1px dashed var(--line)}
 .sbs-head{display:none}
 .sbs-row>div::before{display:block;font:650 11px var(--sans);text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin-bottom:2px}
 .sbs-row>.sbs-a::before{content:"Original"}.sbs-row>.sbs-b::before{content:"Corrigé"}
 .filters{position:static;margin:16px 0 0;padding:10px 0}
 table.findings thead{display:none}
 table.findings,table.findings tbody,table.findings tr,table.findings td{display:block;width:auto}
 table.findings tr{border-bottom:1px solid var(--line);padding:8px 4px}
 table.findings td{border:none;padding:2px 8px;min-width:0!important}
 table.findings td::before{content:attr(data-label);display:inline-block;min-width:6.5em;font-size:11.5px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
}
@media print{
 @page{margin:14mm}
 body{background:#fff;font-size:10.5pt}
 header.top{background:none;color:var(--ink);padding:0;margin:0 0 8px}
 header.top .kicker{color:var(--muted)}
 header.top nav,.filters,.js-only,#tip,.hint,.legend{display:none!important}
 .textgrid{display:block}
 .wrap{max-width:none;padding:0}
 .card,.chart,.tablewrap,.text,.sbs,.seg,.formula{border-color:#bbb;box-shadow:none}
 .cards{grid-template-columns:repeat(4,minmax(0,1fr))}
 .grid2{grid-template-columns:minmax(0,1fr);gap:0}
 .tablewrap{overflow:visible}
 .card{padding:8px 10px}.card .big{font-size:18pt}.card .label,.card .sub{font-size:8.5pt}
 .chart svg{max-width:130mm}
 table{font-size:9.5pt}
 .text{max-width:none;font-size:11pt}
 mark.hl,del,ins,.badge,.card,.b-error,.b-warning,.b-info,.dot{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 tr,.seg,.card,.sbs-row{break-inside:avoid}
 h2,h3{break-after:avoid}
 a{color:inherit;text-decoration:none}
 table.findings tr:hover td{background:none}
}
"#;

const SCRIPT: &str = r#"
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var tip = document.getElementById('tip');
  var pinned = null;
  function marksAt(m) {
    var ids = [];
    for (var e = m; e; e = e.parentElement ? e.parentElement.closest('mark.hl') : null) {
      if (!e.classList.contains('off') && ids.indexOf(e.dataset.d) < 0) ids.push(e.dataset.d);
    }
    return ids;
  }
  function show(m) {
    var ids = marksAt(m);
    if (!ids.length) { hide(); return; }
    tip.replaceChildren();
    ids.forEach(function (id) {
      var src = document.getElementById('t' + id);
      if (src) { var c = src.cloneNode(true); c.removeAttribute('id'); tip.appendChild(c); }
    });
    tip.hidden = false;
    var r = m.getBoundingClientRect();
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - w - 8));
    var top = r.bottom + 6;
    if (top + h > window.innerHeight && r.top - h - 6 > 0) top = r.top - h - 6;
    tip.style.left = (left + window.scrollX) + 'px';
    tip.style.top = (top + window.scrollY) + 'px';
  }
  function hide() { tip.hidden = true; pinned = null; }
  document.addEventListener('mouseover', function (e) {
    var m = e.target.closest && e.target.closest('mark.hl');
    if (m) show(m); else if (!pinned && !(e.target.closest && e.target.closest('#tip'))) tip.hidden = true;
  });
  document.addEventListener('focusin', function (e) {
    var m = e.target.closest && e.target.closest('mark.hl');
    if (m) { pinned = m; show(m); }
  });
  document.addEventListener('focusout', function (e) {
    if (e.target.closest && e.target.closest('mark.hl')) hide();
  });
  document.addEventListener('click', function (e) {
    var m = e.target.closest && e.target.closest('mark.hl');
    if (m) { pinned = m; show(m); } else if (!(e.target.closest && e.target.closest('#tip'))) hide();
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hide();
  });
  window.addEventListener('resize', hide);

  var boxes = document.querySelectorAll('input[data-f]');
  function applyFilter() {
    var on = { cat: {}, sev: {} };
    boxes.forEach(function (b) { on[b.dataset.f][b.value] = b.checked; });
    var visible = function (el) { return on.cat[el.dataset.cat] !== false && on.sev[el.dataset.sev] !== false; };
    document.querySelectorAll('mark.hl').forEach(function (m) {
      var v = visible(m);
      m.classList.toggle('off', !v);
      if (m.id) m.tabIndex = v ? 0 : -1;
    });
    var shown = 0;
    document.querySelectorAll('table.findings tr[data-d]').forEach(function (r) {
      var v = visible(r); r.hidden = !v; if (v) shown++;
    });
    document.querySelectorAll('.seg-findings li[data-d]').forEach(function (li) {
      var v = visible(li); li.hidden = !v;
      if (!document.querySelector('table.findings') && v) shown++;
    });
    var s = document.getElementById('shown');
    if (s) s.textContent = String(shown);
    hide();
  }
  boxes.forEach(function (b) { b.addEventListener('change', applyFilter); });
  document.querySelectorAll('input[data-only-changed]').forEach(function (b) {
    b.addEventListener('change', function () {
      var s = b.closest('section').querySelector('.sbs');
      if (s) s.classList.toggle('only-changed', b.checked);
    });
  });
  document.querySelectorAll('a.loc').forEach(function (a) {
    a.addEventListener('click', function (e) {
      var m = document.getElementById(a.getAttribute('href').slice(1));
      if (!m) return;
      e.preventDefault();
      m.scrollIntoView({ block: 'center' });
      m.focus({ preventScroll: true });
      m.classList.add('flash');
      setTimeout(function () { m.classList.remove('flash'); }, 1200);
    });
  });

  var marks = document.querySelectorAll('mark.hl');
  var ids = {};
  marks.forEach(function (m) { ids[m.dataset.d] = 1; });
  var score = document.getElementById('score');
  document.getElementById('selftest').textContent = [
    'highlights=' + Object.keys(ids).length,
    'marks=' + marks.length,
    'findings=' + document.querySelectorAll('#tips .tipc').length,
    'score=' + (score ? score.firstChild.textContent.trim() : 'absent'),
    'side-by-side=' + document.querySelectorAll('.sbs .sbs-row.changed').length,
    'pwned=' + (document.body.dataset.pwned ? 'yes' : 'no'),
    'width=' + document.documentElement.scrollWidth + '/' + document.documentElement.clientWidth,
    'js=ok'
  ].join('\n');
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;
    use crate::document::Document;

    fn diag(s: usize, e: usize, sev: Severity) -> Diagnostic {
        Diagnostic::new(
            "forbidden-term",
            Category::Terminology,
            sev,
            Span::new(s, e),
            "m",
        )
    }

    #[test]
    fn escapes_everything() {
        assert_eq!(
            esc("<script>a&b</script>\"'"),
            "&lt;script&gt;a&amp;b&lt;/script&gt;&quot;&#39;"
        );
        assert_eq!(esc("a\u{0}b\tc"), "a\u{FFFD}b\tc");
    }

    #[test]
    fn nested_and_crossing_spans_stay_well_formed() {
        let text = "abcdefghij";
        let d = [
            diag(0, 6, Severity::Info),
            diag(2, 4, Severity::Error),
            diag(3, 8, Severity::Warning),
            diag(5, 5, Severity::Error),
        ];
        let hls: Vec<Hl> = d
            .iter()
            .enumerate()
            .map(|(i, d)| Hl {
                start: d.span.start,
                end: d.span.end,
                id: i,
                d,
            })
            .collect();
        let h = highlight(text, &hls, "h");
        assert_eq!(h.matches("<mark").count(), h.matches("</mark>").count());
        // Text order is kept once the tags are removed (the point marker adds ⁁).
        let plain = regex::Regex::new("<[^>]*>")
            .unwrap()
            .replace_all(&h, "")
            .to_string();
        assert_eq!(plain, "abcde⁁fghij");
        // Every finding has exactly one focusable first piece.
        for i in 0..4 {
            assert_eq!(h.matches(&format!("id=\"h{i}\"")).count(), 1, "{h}");
        }
        // Well nested: a stack check.
        let mut depth = 0i32;
        for t in regex::Regex::new("</?mark").unwrap().find_iter(&h) {
            depth += if t.as_str() == "<mark" { 1 } else { -1 };
            assert!(depth >= 0);
        }
        assert_eq!(depth, 0);
    }

    #[test]
    fn spans_inside_multibyte_characters_are_widened() {
        let text = "été";
        let d = [diag(1, 2, Severity::Error)];
        let hls: Vec<Hl> = d
            .iter()
            .map(|d| Hl {
                start: 1,
                end: 2,
                id: 0,
                d,
            })
            .collect();
        let h = highlight(text, &hls, "h");
        assert!(h.contains(">é</mark>té"), "{h}");
    }

    #[test]
    fn word_diff_groups_whole_words() {
        let ops = word_diff(
            "la puce développée indépendamment pour",
            "la puce conçue en interne pour",
        );
        assert_eq!(
            ops,
            vec![
                (Change::Same, "la puce ".to_string()),
                (Change::Deleted, "développée indépendamment".to_string()),
                (Change::Inserted, "conçue en interne".to_string()),
                (Change::Same, " pour".to_string()),
            ]
        );
        assert_eq!(
            word_diff("même", "même"),
            vec![(Change::Same, "même".to_string())]
        );
        assert_eq!(
            word_diff("", "x"),
            vec![(Change::Inserted, "x".to_string())]
        );
    }

    #[test]
    fn decoded_offsets_follow_escapes() {
        use crate::formats::bilingual::Piece;
        // File: `a&amp;b` at 10; decoded `a&b`.
        let u = Unit {
            target: "a&b".into(),
            pieces: vec![
                Piece {
                    decoded: 0,
                    decoded_len: 1,
                    file: 10,
                    file_len: 1,
                },
                Piece {
                    decoded: 1,
                    decoded_len: 1,
                    file: 11,
                    file_len: 5,
                },
                Piece {
                    decoded: 2,
                    decoded_len: 1,
                    file: 16,
                    file_len: 1,
                },
            ],
            target_range: Some((10, 17)),
            ..Unit::default()
        };
        assert_eq!(decoded_offset(&u, 10, false), 0);
        assert_eq!(decoded_offset(&u, 11, false), 1);
        assert_eq!(decoded_offset(&u, 16, true), 2);
        assert_eq!(decoded_offset(&u, 17, true), 3);
    }

    #[test]
    fn sha256_and_base64_match_known_values() {
        assert_eq!(
            base64(&sha256(b"")),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
        assert_eq!(
            base64(&sha256(b"abc")),
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
        );
        assert_eq!(base64(b"ab"), "YWI=");
    }

    #[test]
    fn page_is_self_contained_and_escaped() {
        let text =
            "Intro <script>alert(1)</script> et <img src=x onerror=alert(1)> la formation.\n"
                .to_string();
        let doc = Document::new("a<b>.txt", text, crate::formats::Format::Text);
        let f = FileResult::new(
            doc,
            vec![diag(6, 31, Severity::Error).with_replacements(["<b>x</b>"])],
        );
        let page = render(&[f], &[], Weights::default(), 10.0);
        assert!(!page.contains("<script>alert"));
        assert!(!page.contains("<img"));
        assert!(!page.contains("<b>"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(
            !page.contains("http://")
                || page.matches("http://").count()
                    == page.matches("http://www.w3.org/2000/svg").count()
        );
        assert!(!page.contains("https://"));
        assert!(page.contains("<html lang=\"fr\">"));
        assert_eq!(page.matches("<script>").count(), 1);
    }
}
