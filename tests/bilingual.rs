//! End-to-end tests of bilingual checking. Every bilingual rule is exercised, where the format
//! allows it, with a unit that must trigger it and a near-miss unit that must not, in each
//! format: PO, XLIFF 1.2, XLIFF 2.0, TMX, and a plain (Markdown) translation aligned with its
//! source. Findings must name their unit and point inside that unit's target in the file.
//! Then the CLI: JSON `unit` and `source`, the human « source (…) : » line, and bad inputs
//! (exit status 2, file and place named, the other files still checked).
//!
//! Fixtures: tests/fixtures/bilingual/. The four bilingual files hold the same units under
//! the same ids (PO: `msgctxt`), so that one table of cases serves them all.

use assert_cmd::Command;
use predicates::prelude::*;
use relecture::formats::Format;
use relecture::report::FileResult;
use relecture::{Checker, Diagnostic, Document};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Every bilingual rule.
const BILINGUAL: &[&str] = &[
    "missing-key-term",
    "number-mismatch",
    "name-mismatch",
    "untranslated-segment",
    "empty-target",
    "fuzzy-unit",
    "length-mismatch",
    "placeholder-mismatch",
    "markup-mismatch",
    "inconsistent-translation",
    "end-punctuation-mismatch",
    "url-mismatch",
    "omitted-segment",
    "added-segment",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bilingual")
        .join(name)
}

fn read(name: &str) -> String {
    fs::read_to_string(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn checker() -> Checker {
    let g = relecture::glossary::parse("test-glossary.toml", &read("test-glossary.toml"))
        .expect("test glossary");
    Checker::new(g)
}

/// The bilingual formats, each with its fixture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bi {
    Po,
    Xliff12,
    Xliff20,
    Tmx,
}

const ALL_BI: [Bi; 4] = [Bi::Po, Bi::Xliff12, Bi::Xliff20, Bi::Tmx];

impl Bi {
    fn file(self) -> &'static str {
        match self {
            Bi::Po => "rules.po",
            Bi::Xliff12 => "rules-12.xlf",
            Bi::Xliff20 => "rules-20.xlf",
            Bi::Tmx => "rules.tmx",
        }
    }

    fn format(self) -> Format {
        match self {
            Bi::Po => Format::Po,
            Bi::Xliff12 | Bi::Xliff20 => Format::Xliff,
            Bi::Tmx => Format::Tmx,
        }
    }

    /// The unit flagged for a second, different translation of « Open the settings ». In
    /// PO, units without msgctxt are named by the line of their msgid.
    fn inconsistent_unit(self) -> &'static str {
        match self {
            Bi::Po => "ligne 95",
            _ => "inconsistent-2",
        }
    }

    /// Two consistent units (near-misses of inconsistent-translation). In PO: the same
    /// msgid translated differently under two msgctxt, which is legitimate.
    fn consistent_units(self) -> [&'static str; 2] {
        match self {
            Bi::Po => ["inconsistent-ok-menu", "inconsistent-ok-dialog"],
            _ => ["consistent-1", "consistent-2"],
        }
    }
}

fn check(bi: Bi) -> (String, FileResult) {
    let text = read(bi.file());
    let r = checker()
        .check_text(bi.file(), text.clone(), bi.format())
        .unwrap_or_else(|e| panic!("{}: {e}", bi.file()));
    (text, r)
}

fn check_pair() -> (String, FileResult) {
    let fr = read("pair.fr.md");
    let en = read("pair.en.md");
    let source = Document::new("pair.en.md", en, Format::Markdown);
    let target = Document::new("pair.fr.md", fr.clone(), Format::Markdown);
    (fr, checker().check_pair(target, &source))
}

fn in_unit<'a>(r: &'a FileResult, unit: &str) -> Vec<&'a Diagnostic> {
    r.diagnostics
        .iter()
        .filter(|d| d.unit.as_deref() == Some(unit))
        .collect()
}

fn of_rule<'a>(r: &'a FileResult, unit: &str, rule: &str) -> Vec<&'a Diagnostic> {
    in_unit(r, unit)
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

fn unit<'a>(r: &'a FileResult, id: &str) -> &'a relecture::formats::bilingual::Unit {
    r.units
        .iter()
        .find(|u| u.id == id)
        .unwrap_or_else(|| panic!("no unit {id:?} in {:?}", ids(r)))
}

fn ids(r: &FileResult) -> Vec<&str> {
    r.units.iter().map(|u| u.id.as_str()).collect()
}

fn show(r: &FileResult) -> String {
    r.diagnostics
        .iter()
        .map(|d| format!("  {:?} {} {:?}: {}", d.unit, d.rule, d.span, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where a finding must point.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// The unit's whole target, as it stands in the file.
    Whole,
    /// This exact text, inside the unit's target.
    Text(&'static str),
    /// An empty span where the target is (`msgstr ""`, `<target/>`, `<seg/>`).
    Empty,
}

/// A unit that must trigger `rule`, with its decoded target.
struct Pos {
    unit: &'static str,
    rule: &'static str,
    want: Want,
    target: &'static str,
}

const fn pos(unit: &'static str, rule: &'static str, want: Want, target: &'static str) -> Pos {
    Pos {
        unit,
        rule,
        want,
        target,
    }
}

/// The positive cases of the four bilingual fixtures.
fn positives(bi: Bi) -> Vec<Pos> {
    let mut v = vec![
        // « formation » near « modèles d'IA »: forbidden-term points at the word, and the
        // missing-key-term finding on the same span is folded into it.
        pos(
            "key-term-forbidden",
            "forbidden-term",
            Want::Text("formation"),
            "Meta utilise la puce pour la formation des modèles d'IA.",
        ),
        pos(
            "key-term-missing",
            "missing-key-term",
            Want::Whole,
            "Le calcul du modèle a pris des mois.",
        ),
        pos(
            "number-bad",
            "number-mismatch",
            Want::Text("65 billions"),
            "Les dépenses d'investissement atteindront 65 billions de dollars en 2025.",
        ),
        pos(
            "name-bad",
            "name-mismatch",
            Want::Whole,
            "Selon l'agence, la puce est fabriquée à Taïwan.",
        ),
        pos(
            "untranslated-bad",
            "untranslated-segment",
            Want::Whole,
            "Meta is testing a new chip.",
        ),
        pos("empty-bad", "empty-target", Want::Empty, ""),
        pos(
            "length-bad",
            "length-mismatch",
            Want::Whole,
            "Meta prévoit un record.",
        ),
        pos(
            "placeholder-bad",
            "placeholder-mismatch",
            Want::Text("%(nombre)d"),
            "%(nombre)d fichiers dans {folder}",
        ),
        pos(
            "placeholder-bad",
            "placeholder-mismatch",
            Want::Whole,
            "%(nombre)d fichiers dans {folder}",
        ),
        pos(
            "markup-bad",
            "markup-mismatch",
            Want::Whole,
            "Attention\u{a0}: disque plein",
        ),
        pos(
            bi.inconsistent_unit(),
            "inconsistent-translation",
            Want::Whole,
            "Ouvrir les réglages",
        ),
        pos(
            "punctuation-bad",
            "end-punctuation-mismatch",
            Want::Whole,
            "Supprimer cette page.",
        ),
        pos(
            "url-bad",
            "url-mismatch",
            Want::Text("https://example.com/doc"),
            "Voir https://example.com/doc pour en savoir plus.",
        ),
        pos(
            "url-bad",
            "url-mismatch",
            Want::Whole,
            "Voir https://example.com/doc pour en savoir plus.",
        ),
    ];
    if bi != Bi::Tmx {
        // TMX has no review state.
        v.push(pos(
            "fuzzy-bad",
            "fuzzy-unit",
            Want::Whole,
            "Nvidia a vendu 2 millions de GPU.",
        ));
    }
    v
}

/// Near-miss units: no bilingual finding at all (nor forbidden-term) may land on them. Each
/// is named with the rule it nearly triggers.
fn negatives(bi: Bi) -> Vec<(&'static str, &'static str)> {
    let [c1, c2] = bi.consistent_units();
    let mut v = vec![
        ("key-term-ok", "missing-key-term"),
        // « formation du personnel »: the forbidden variant outside its context (when =
        // modèle, IA) renders « training » legitimately.
        ("key-term-other-sense", "missing-key-term"),
        // « 4 % » and « 39,2 milliards » for « 4% » and « $39.2 billion »; « 4% to » is
        // not a printf placeholder either.
        ("number-ok", "number-mismatch"),
        ("name-ok", "name-mismatch"),
        // Only names: identical, yet translated.
        ("untranslated-ok", "untranslated-segment"),
        // « OK » → « OK »: short, not empty, not untranslated.
        ("empty-ok", "empty-target"),
        ("length-ok", "length-mismatch"),
        // Reordered positional arguments: %1$s and %2$s kept, in another order.
        ("placeholder-ok", "placeholder-mismatch"),
        ("markup-ok", "markup-mismatch"),
        (c1, "inconsistent-translation"),
        (c2, "inconsistent-translation"),
        // The majority translation is the reference, not flagged.
        (
            if bi == Bi::Po {
                "ligne 92"
            } else {
                "inconsistent-1"
            },
            "inconsistent-translation",
        ),
        // « Nom : » for « Name: » (non-breaking space before the colon).
        ("punctuation-ok", "end-punctuation-mismatch"),
        ("url-ok", "url-mismatch"),
    ];
    if bi != Bi::Tmx {
        v.push(("fuzzy-ok", "fuzzy-unit"));
    }
    v
}

/// The name of the element (or PO keyword) whose content a whole-target span must start.
fn assert_starts_target(bi: Bi, text: &str, start: usize, what: &str) {
    let before = &text[..start];
    match bi {
        Bi::Po => assert!(
            before.ends_with("msgstr \""),
            "{what}: the span should start a msgstr: {:?}",
            &before[before.len().saturating_sub(30)..]
        ),
        _ => {
            let tag = &before[before.rfind('<').expect("a tag before the target")..];
            let name = if bi == Bi::Tmx { "<seg" } else { "<target" };
            assert!(
                tag.starts_with(name) && tag.ends_with('>'),
                "{what}: the span should follow {name}…>, not {tag:?}"
            );
        }
    }
}

fn assert_positive(bi: Bi, text: &str, r: &FileResult, p: &Pos) {
    let what = format!("{} / {} / {}", bi.file(), p.unit, p.rule);
    let u = unit(r, p.unit);
    assert_eq!(u.target, p.target, "{what}: decoded target");
    let found = of_rule(r, p.unit, p.rule);
    assert!(
        !found.is_empty(),
        "{what}: not reported; findings:\n{}",
        show(r)
    );
    match p.want {
        Want::Whole => {
            let (s, e) = u.target_range.expect("a target");
            let d = found
                .iter()
                .find(|d| (d.span.start, d.span.end) == (s, e))
                .unwrap_or_else(|| panic!("{what}: no finding on the whole target: {found:?}"));
            let in_file = &text[d.span.start..d.span.end];
            assert!(
                in_file.starts_with(p.target),
                "{what}: span text {in_file:?}"
            );
            assert_starts_target(bi, text, d.span.start, &what);
        }
        Want::Text(t) => {
            let (s, e) = u.target_range.expect("a target");
            let d = found
                .iter()
                .find(|d| &text[d.span.start..d.span.end] == t)
                .unwrap_or_else(|| {
                    let spans: Vec<&str> = found
                        .iter()
                        .map(|d| &text[d.span.start..d.span.end])
                        .collect();
                    panic!("{what}: no finding on {t:?}, only on {spans:?}")
                });
            assert!(
                s <= d.span.start && d.span.end <= e,
                "{what}: span {:?} outside the target {s}..{e}",
                d.span
            );
        }
        Want::Empty => {
            let d = found[0];
            assert_eq!(d.span.start, d.span.end, "{what}: empty span");
            let (s, _) = u.target_range.expect("an empty target element");
            assert_eq!(d.span.start, s, "{what}: at the target");
            let rest = &text[s..];
            let ok = match bi {
                Bi::Po => text[..s].ends_with("msgstr \"") && rest.starts_with('"'),
                Bi::Xliff12 => rest.starts_with("<target/>"),
                Bi::Xliff20 => rest.starts_with("</target>"),
                Bi::Tmx => rest.starts_with("<seg/>"),
            };
            assert!(
                ok,
                "{what}: empty span at {:?}",
                rest.chars().take(20).collect::<String>()
            );
        }
    }
}

fn assert_negatives(what: &str, r: &FileResult, negatives: &[(&str, &str)]) {
    for (id, near) in negatives {
        unit(r, id); // the unit exists: the negative is not vacuous
        let bad: Vec<&Diagnostic> = in_unit(r, id)
            .into_iter()
            .filter(|d| BILINGUAL.contains(&d.rule) || d.rule == "forbidden-term")
            .collect();
        assert!(
            bad.is_empty(),
            "{what}: near-miss {id} (for {near}) reported: {bad:#?}"
        );
    }
}

fn run_format(bi: Bi) {
    let (text, r) = check(bi);
    for p in positives(bi) {
        assert_positive(bi, &text, &r, &p);
    }
    assert_negatives(bi.file(), &r, &negatives(bi));

    // Two names missing: one finding each.
    let names: Vec<&str> = of_rule(&r, "name-bad", "name-mismatch")
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "« Reuters » figure dans la source mais pas dans la traduction.",
            "« TSMC » figure dans la source mais pas dans la traduction."
        ],
        "{}",
        bi.file()
    );
    // forbidden-term says it better than missing-key-term, on the same span.
    assert!(of_rule(&r, "key-term-forbidden", "missing-key-term").is_empty());
    // A renamed placeholder: missing one on the whole target, added one with its fix.
    let added = of_rule(&r, "placeholder-bad", "placeholder-mismatch")
        .into_iter()
        .find(|d| d.message.contains("n'existe pas"))
        .unwrap();
    assert_eq!(added.suggestions[0].replacement, "%(count)d");
    // The inconsistent unit names the unit it disagrees with.
    let inc = &of_rule(&r, bi.inconsistent_unit(), "inconsistent-translation")[0];
    let reference = if bi == Bi::Po {
        "ligne 92"
    } else {
        "inconsistent-1"
    };
    assert!(
        inc.message.contains(&format!("(unité {reference})")),
        "{}",
        inc.message
    );
    // A unit under review is reported once, and skipped by the other rules (its figures
    // differ from the source: 3 million vs 2 millions).
    if bi != Bi::Tmx {
        let fuzzy: Vec<&str> = in_unit(&r, "fuzzy-bad").iter().map(|d| d.rule).collect();
        assert_eq!(fuzzy, ["fuzzy-unit"], "{}", bi.file());
    } else {
        assert!(r.diagnostics.iter().all(|d| d.rule != "fuzzy-unit"));
    }
    // Alignment findings exist only for plain pairs.
    assert!(
        r.diagnostics
            .iter()
            .all(|d| d.rule != "omitted-segment" && d.rule != "added-segment"),
        "{}",
        bi.file()
    );
    // Every bilingual finding names a unit.
    for d in r.diagnostics.iter().filter(|d| BILINGUAL.contains(&d.rule)) {
        assert!(d.unit.is_some(), "{}: {d:?}", bi.file());
    }
}

#[test]
fn po_rules() {
    run_format(Bi::Po);
}

#[test]
fn xliff_1_2_rules() {
    run_format(Bi::Xliff12);
}

#[test]
fn xliff_2_0_rules() {
    run_format(Bi::Xliff20);
}

#[test]
fn tmx_rules() {
    run_format(Bi::Tmx);
}

/// The rule × format matrix these tests cover: each bilingual rule has a positive and a
/// near-miss case in each format, except where the format cannot express it.
#[test]
fn every_rule_is_covered_in_every_format() {
    for bi in ALL_BI {
        let not_applicable: &[&str] = match bi {
            // Alignment findings exist only for plain pairs; TMX has no review state.
            Bi::Tmx => &["omitted-segment", "added-segment", "fuzzy-unit"],
            _ => &["omitted-segment", "added-segment"],
        };
        let pos: Vec<&str> = positives(bi).iter().map(|p| p.rule).collect();
        let neg: Vec<&str> = negatives(bi).iter().map(|n| n.1).collect();
        for rule in BILINGUAL.iter().filter(|r| !not_applicable.contains(r)) {
            assert!(
                pos.contains(rule),
                "{}: no positive case for {rule}",
                bi.file()
            );
            assert!(neg.contains(rule), "{}: no near-miss for {rule}", bi.file());
        }
    }
}

#[test]
fn unit_ids_follow_each_format() {
    let (text, po) = check(Bi::Po);
    // msgctxt, else « ligne N » of the msgid.
    assert_eq!(unit(&po, "key-term-missing").line, 16);
    assert_eq!(text.lines().nth(94), Some("msgid \"Open the settings\""));
    assert_eq!(unit(&po, "ligne 95").source, "Open the settings");
    assert_eq!(unit(&po, "ligne 92").target, "Ouvrir les paramètres");
    assert_eq!(
        unit(&po, "inconsistent-ok-menu").context.as_deref(),
        Some("inconsistent-ok-menu")
    );
    // XLIFF 1.2 trans-unit ids; 2.0 unit ids, « unit/segment » for several segments.
    let (_, x12) = check(Bi::Xliff12);
    assert_eq!(unit(&x12, "number-bad").line, 21);
    let (_, x20) = check(Bi::Xliff20);
    assert!(ids(&x20).contains(&"two-segments/s1") && ids(&x20).contains(&"two-segments/s2"));
    // TMX tuid, else the rank of the tu.
    let (_, tmx) = check(Bi::Tmx);
    assert_eq!(ids(&tmx).last(), Some(&"28"));
    assert_eq!(tmx.units.len(), 28);
}

#[test]
fn po_multiline_msgstr_finding_has_its_line_and_column() {
    let (text, r) = check(Bi::Po);
    let d = of_rule(&r, "multiline", "forbidden-term");
    assert_eq!(d.len(), 1, "{}", show(&r));
    let d = d[0];
    assert_eq!(&text[d.span.start..d.span.end], "formation");
    // msgstr ""
    // "La puce a été conçue en interne. "
    // "Elle servira à la formation des modèles d'IA."
    assert_eq!(r.doc.lines.line_col(&text, d.span.start), (128, 20));
    assert_eq!(
        text.lines().nth(127),
        Some("\"Elle servira à la formation des modèles d'IA.\"")
    );
    let u = unit(&r, "multiline");
    assert_eq!(
        u.target,
        "La puce a été conçue en interne. Elle servira à la formation des modèles d'IA."
    );
    assert_eq!(
        r.source_of(d),
        Some("The chip was designed in-house. It will be used for AI model training.")
    );
}

#[test]
fn xliff_escapes_and_segments_keep_spans_exact() {
    // « R&amp;D » before the figure: the span still lands on « 12 billions ».
    let (text, r) = check(Bi::Xliff12);
    let d = of_rule(&r, "escaped", "number-mismatch");
    assert_eq!(d.len(), 1, "{}", show(&r));
    assert_eq!(&text[d[0].span.start..d[0].span.end], "12 billions");
    assert_eq!(
        unit(&r, "escaped").source,
        "R&D spending rose to $12 billion."
    );
    // A trans-unit without <target>: reported on its own line, not at the top of the file.
    let d = of_rule(&r, "empty-missing", "empty-target");
    assert_eq!(d.len(), 1);
    assert!(text[d[0].span.start..].starts_with("<trans-unit id=\"empty-missing\">"));

    // XLIFF 2.0: a finding in the second segment of a unit.
    let (text, r) = check(Bi::Xliff20);
    let d = of_rule(&r, "two-segments/s2", "number-mismatch");
    assert_eq!(d.len(), 1, "{}", show(&r));
    assert_eq!(&text[d[0].span.start..d[0].span.end], "40 billions");
    assert!(in_unit(&r, "two-segments/s1").is_empty());
    let d = of_rule(&r, "empty-missing", "empty-target");
    assert_eq!(d.len(), 1);
    assert!(text[d[0].span.start..].starts_with("<unit id=\"empty-missing\">"));
}

#[test]
fn tmx_rank_ids_language_order_and_missing_french() {
    let (text, r) = check(Bi::Tmx);
    // The last tu has no tuid and its French variant comes first.
    let u = unit(&r, "28");
    assert_eq!(u.source, "TSMC revenue reached $20 billion.");
    let d = of_rule(&r, "28", "number-mismatch");
    assert_eq!(d.len(), 1, "{}", show(&r));
    assert_eq!(&text[d[0].span.start..d[0].span.end], "20 billions");
    // A tu without a French variant: reported on the tu.
    let d = of_rule(&r, "empty-missing", "empty-target");
    assert_eq!(d.len(), 1);
    assert!(text[d[0].span.start..].starts_with("<tu tuid=\"empty-missing\">"));
}

// ---------------------------------------------------------------------------------------
// Plain pair: pair.fr.md checked against pair.en.md (paragraphs, then sentences).

#[test]
fn plain_pair_rules() {
    let (text, r) = check_pair();
    let positives = [
        pos(
            "§3.1",
            "name-mismatch",
            Want::Whole,
            "Deux sources ont indiqué que le test avait commencé le mois dernier.",
        ),
        pos(
            "§4.1",
            "number-mismatch",
            Want::Text("65 billions"),
            "Meta prévoit jusqu'à 65 billions de dollars de dépenses d'investissement cette année.",
        ),
        pos(
            "§7.1",
            "missing-key-term",
            Want::Whole,
            "Le calcul de tels modèles prend des mois.",
        ),
        pos(
            "§8.1",
            "untranslated-segment",
            Want::Whole,
            "The company declined to comment on the report.",
        ),
        pos(
            "§9.1",
            "length-mismatch",
            Want::Whole,
            "Bernstein y voit un gain pour Meta.",
        ),
        pos(
            "§10.1",
            "end-punctuation-mismatch",
            Want::Whole,
            "La puce remplacera les GPU de Nvidia.",
        ),
        pos(
            "§12.1",
            "url-mismatch",
            Want::Text("https://example.com/papier"),
            "L'article complet est disponible sur https://example.com/papier.",
        ),
        pos(
            "§12.1",
            "url-mismatch",
            Want::Whole,
            "L'article complet est disponible sur https://example.com/papier.",
        ),
        pos(
            "§14.1",
            "placeholder-mismatch",
            Want::Text("{nom}"),
            "Les modèles emploient {nom} pour le nom du lecteur.",
        ),
        pos(
            "§14.1",
            "placeholder-mismatch",
            Want::Whole,
            "Les modèles emploient {nom} pour le nom du lecteur.",
        ),
        pos(
            "§19.1",
            "inconsistent-translation",
            Want::Whole,
            "Meta n'a pas souhaité répondre.",
        ),
    ];
    for p in &positives {
        let what = format!("pair / {} / {}", p.unit, p.rule);
        let u = unit(&r, p.unit);
        assert_eq!(u.target, p.target, "{what}");
        let found = of_rule(&r, p.unit, p.rule);
        assert!(!found.is_empty(), "{what}: not reported:\n{}", show(&r));
        let (s, e) = u.target_range.unwrap();
        let expected = match p.want {
            Want::Whole => p.target,
            Want::Text(t) => t,
            Want::Empty => unreachable!(),
        };
        assert!(
            found
                .iter()
                .any(|d| &text[d.span.start..d.span.end] == expected
                    && s <= d.span.start
                    && d.span.end <= e),
            "{what}: no finding on {expected:?}: {found:?}"
        );
    }
    // The omitted paragraph: an empty span where it would have been (before the next
    // translated paragraph), with the source text in the message.
    let omitted: Vec<&Diagnostic> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "omitted-segment")
        .collect();
    assert_eq!(omitted.len(), 1, "{}", show(&r));
    assert!(
        omitted[0].message.contains("Broadcom"),
        "{}",
        omitted[0].message
    );
    assert_eq!(omitted[0].span.start, omitted[0].span.end);
    assert!(text[omitted[0].span.start..].starts_with("Le chiffre d'affaires a progressé"));
    // The added paragraph: its whole text.
    let added: Vec<&Diagnostic> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule == "added-segment")
        .collect();
    assert_eq!(added.len(), 1, "{}", show(&r));
    assert_eq!(
        &text[added[0].span.start..added[0].span.end],
        "Cet article a été mis à jour mercredi soir avec des précisions apportées par notre rédaction."
    );
    // Near-misses.
    assert_negatives(
        "pair",
        &r,
        &[
            ("§1.1", "missing-key-term"),          // « entraînement » in the title
            ("§2.1", "name-mismatch"),             // TSMC and Reuters kept
            ("§2.2", "length-mismatch"),           // second sentence of a paragraph
            ("§6.1", "number-mismatch"),           // 4 %, 39,2 milliards de dollars
            ("§11.1", "end-punctuation-mismatch"), // « AMD ? » with a narrow space
            ("§13.1", "url-mismatch"),             // e-mail address kept
            ("§15.1", "placeholder-mismatch"),     // {{ date }} kept
            ("§16.1", "length-mismatch"),          // condensed, not truncated (0,76)
            ("§17.1", "inconsistent-translation"), // the majority translation
            ("§18.1", "untranslated-segment"),
        ],
    );
    // Not applicable to plain files: no review state, no empty target, no inline codes.
    for rule in ["empty-target", "fuzzy-unit", "markup-mismatch"] {
        assert!(r.diagnostics.iter().all(|d| d.rule != rule), "{rule}");
    }
    // The unit's source is the source text, URLs included.
    assert_eq!(
        unit(&r, "§13.1").source,
        "Questions can be sent to press@example.com."
    );
}

// ---------------------------------------------------------------------------------------
// The command line.

fn relecture() -> Command {
    let mut c = Command::cargo_bin("relecture").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// `relecture check --no-default-glossary -g test-glossary.toml …`
fn check_cmd() -> Command {
    let mut c = relecture();
    c.args(["check", "--no-default-glossary", "-g"])
        .arg(fixture("test-glossary.toml"));
    c
}

fn json_of(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON: {e}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn find_json<'a>(v: &'a serde_json::Value, unit: &str, rule: &str) -> &'a serde_json::Value {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["unit"] == unit && d["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} on {unit} in {v:#}"))
}

#[test]
fn cli_json_carries_unit_and_source() {
    for (file, unit, rule, source, line, column) in [
        (
            "rules.po",
            "key-term-missing",
            "missing-key-term",
            "The training of the model took months.",
            17,
            9,
        ),
        (
            "rules-12.xlf",
            "number-bad",
            "number-mismatch",
            "Capital expenditures will reach $65 billion in 2025.",
            23,
            78,
        ),
        (
            "rules-20.xlf",
            "two-segments/s2",
            "number-mismatch",
            "It costs $40 billion.",
            194,
            28,
        ),
        (
            "rules.tmx",
            "url-bad",
            "url-mismatch",
            "See https://example.com/docs for details.",
            106,
            34,
        ),
    ] {
        let out = check_cmd()
            .args(["--format", "json"])
            .arg(fixture(file))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{file}: errors found");
        let v = json_of(&out);
        let d = find_json(&v, unit, rule);
        assert_eq!(d["source"], source, "{file}");
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(line), Some(column)),
            "{file}: {d:#}"
        );
        assert!(v["errors"].as_array().unwrap().is_empty());
    }
}

#[test]
fn cli_human_output_shows_the_source() {
    check_cmd()
        .arg(fixture("rules.po"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("avertissement[missing-key-term]"))
        .stdout(predicate::str::contains("rules.po:17:9"))
        .stdout(predicate::str::contains(
            "= source (key-term-missing) : The training of the model took months.",
        ))
        .stdout(predicate::str::contains(
            "= source (ligne 95) : Open the settings",
        ));
    check_cmd()
        .arg(fixture("rules-12.xlf"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "= source (markup-bad) : Warning: disk full",
        ));
}

#[test]
fn cli_plain_pair_with_source() {
    let out = check_cmd()
        .args(["--format", "json", "--source"])
        .arg(fixture("pair.en.md"))
        .arg(fixture("pair.fr.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json_of(&out);
    let d = find_json(&v, "§4.1", "number-mismatch");
    assert_eq!(d["text"], "65 billions");
    assert_eq!(
        d["source"],
        "Meta expects capital expenditures of up to $65 billion this year."
    );
    let rules: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"omitted-segment") && rules.contains(&"added-segment"),
        "{rules:?}"
    );
    check_cmd()
        .arg("--source")
        .arg(fixture("pair.en.md"))
        .arg(fixture("pair.fr.md"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "= source (§3.1) : Two sources told Reuters that the test began last month.",
        ));
}

// ---------------------------------------------------------------------------------------
// Bad input: exit status 2, the file and the place named, the other files still checked.

/// A directory with `good.po` (one finding) and the bad file.
fn with_good(name: &str, content: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join(name);
    fs::write(&bad, content).unwrap();
    let good = dir.path().join("good.po");
    fs::write(&good, "msgid \"Save the file\"\nmsgstr \"\"\n").unwrap();
    (dir, bad, good)
}

/// Checks the bad file and the good one: exit 2, `bad:place: message`, the good file's
/// finding still reported, and the count of unreadable files.
fn assert_refused(bad: &Path, good: &Path, place_and_message: &str) -> std::process::Output {
    let out = check_cmd().arg(bad).arg(good).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    let expected = format!("{}:{place_and_message}", bad.display());
    assert!(
        stdout.contains(&expected),
        "expected {expected:?} in:\n{stdout}"
    );
    assert!(
        stdout.contains(&format!("{}:2:9", good.display())) && stdout.contains("[empty-target]"),
        "the good file is still checked:\n{stdout}"
    );
    assert!(stdout.contains("1 fichier illisible"), "{stdout}");
    out
}

#[test]
fn malformed_xml_names_line_and_column() {
    let (_dir, bad, good) = with_good(
        "malformed.xlf",
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n  <file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"x\">\n    <body>\n      <trans-unit id=\"a\">\n        <source>Save</source>\n        <target>Enregistrer</targte>\n      </trans-unit>\n    </body>\n  </file>\n</xliff>\n",
    );
    assert_refused(
        &bad,
        &good,
        "7:28: XML mal formé : </targte> trouvé là où </target> était attendu",
    );
    // The same error in JSON.
    let out = check_cmd()
        .args(["--format", "json"])
        .arg(&bad)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v = json_of(&out);
    let e = &v["errors"][0];
    assert_eq!(e["path"], bad.display().to_string());
    assert_eq!(
        (e["line"].as_u64(), e["column"].as_u64()),
        (Some(7), Some(28))
    );
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn unknown_xliff_version_is_refused() {
    let (_dir, bad, good) = with_good(
        "version.xlf",
        "<?xml version=\"1.0\"?>\n<xliff version=\"3.0\" xmlns=\"urn:oasis:names:tc:xliff:document:3.0\">\n  <file id=\"f\"/>\n</xliff>\n",
    );
    assert_refused(
        &bad,
        &good,
        "2:1: version XLIFF inconnue « 3.0 » (1.2 ou 2.0 à 2.2 attendue)",
    );
}

#[test]
fn po_syntax_error_names_its_line() {
    let (_dir, bad, good) = with_good(
        "syntax.po",
        "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\nmsgid \"Save\"\nmsgstr \"Enregistrer\"\n\nmsgid \"Open\"\nmsgtsr \"Ouvrir\"\n",
    );
    assert_refused(&bad, &good, "9:1: ligne invalide : mot-clé PO");
}

#[test]
fn tmx_without_french_is_refused() {
    let (_dir, bad, good) = with_good(
        "nofr.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n  <header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/>\n  <body>\n    <tu tuid=\"a\">\n      <tuv xml:lang=\"en\"><seg>Save</seg></tuv>\n      <tuv xml:lang=\"de\"><seg>Speichern</seg></tuv>\n    </tu>\n  </body>\n</tmx>\n",
    );
    assert_refused(
        &bad,
        &good,
        "5:5: aucune langue cible française (fr) dans le fichier TMX",
    );
}

#[test]
fn deeply_nested_xml_fails_fast() {
    let n = 100_000;
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"x\"><body><trans-unit id=\"a\"><source>x</source><target>\n{}x{}</target></trans-unit></body></file></xliff>\n",
        "<g id=\"1\">\n".repeat(n),
        "</g>".repeat(n)
    );
    let (_dir, bad, good) = with_good("deep.xlf", &xml);
    let started = Instant::now();
    // With 256 elements open, the next one is refused: <xliff>, <file>, <body>,
    // <trans-unit>, <target> on line 2, then one <g> a line from line 3; the 252nd <g>.
    assert_refused(
        &bad,
        &good,
        "254:1: imbrication trop profonde : plus de 256 éléments emboîtés",
    );
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
}

#[test]
fn external_entities_are_never_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    fs::write(&secret, "TOP-SECRET-MARKER\n").unwrap();
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [\n  <!ENTITY xxe SYSTEM \"file://{}\">\n]>\n<xliff version=\"1.2\">\n  <file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"x\">\n    <body>\n      <trans-unit id=\"a\">\n        <source>Save</source>\n        <target>Enregistrer &xxe;</target>\n      </trans-unit>\n    </body>\n  </file>\n</xliff>\n",
        secret.display()
    );
    let bad = dir.path().join("xxe.xlf");
    fs::write(&bad, xml).unwrap();
    let good = dir.path().join("good.po");
    fs::write(&good, "msgid \"Save the file\"\nmsgstr \"\"\n").unwrap();
    let out = assert_refused(
        &bad,
        &good,
        "10:29: XML mal formé : entité inconnue « &xxe; »",
    );
    for stream in [&out.stdout, &out.stderr] {
        assert!(!String::from_utf8_lossy(stream).contains("TOP-SECRET-MARKER"));
    }
    // Declared internal entities are not expanded either.
    let internal = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY co \"Compagnie\">]>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"x\"><body><trans-unit id=\"a\"><source>Co</source><target>&co;</target></trans-unit></body></file></xliff>\n";
    fs::write(&bad, internal).unwrap();
    assert_refused(&bad, &good, "3:");
}
