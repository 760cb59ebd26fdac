/*! The bilingual rules: each compares a translation unit's target with its source. They
run after the monolingual rules, on the same glossary hits, and point into the file at the
target text. */

mod empty_target;
mod end_punctuation;
mod fuzzy_unit;
mod inconsistent_translation;
mod length_mismatch;
mod markup_mismatch;
mod missing_key_term;
mod name_mismatch;
mod number_mismatch;
mod placeholder_mismatch;
mod unaligned;
mod untranslated_segment;
mod url_mismatch;

pub use unaligned::{ADDED, OMITTED};

use super::{Context, RuleMeta};
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::formats::bilingual::{Unit, UnitState};
use crate::glossary::Hit;

pub trait UnitRule: Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, cx: &BiContext, out: &mut Vec<Diagnostic>);
}

/// Every bilingual rule. `OMITTED` and `ADDED` are listed for their documentation; their
/// findings come from the alignment of plain files.
pub static ALL: &[&dyn UnitRule] = &[
    &missing_key_term::MissingKeyTerm,
    &number_mismatch::NumberMismatch,
    &name_mismatch::NameMismatch,
    &untranslated_segment::UntranslatedSegment,
    &empty_target::EmptyTarget,
    &fuzzy_unit::FuzzyUnit,
    &length_mismatch::LengthMismatch,
    &placeholder_mismatch::PlaceholderMismatch,
    &markup_mismatch::MarkupMismatch,
    &inconsistent_translation::InconsistentTranslation,
    &end_punctuation::EndPunctuation,
    &url_mismatch::UrlMismatch,
    &unaligned::Omitted,
    &unaligned::Added,
];

/// What a bilingual rule sees: the monolingual context of the whole file (the targets),
/// the units, and each unit's source as a document with its own glossary hits.
pub struct BiContext<'a> {
    pub cx: &'a Context<'a>,
    pub units: &'a [Unit],
    pub sources: Vec<Document>,
    pub source_hits: Vec<Vec<Hit>>,
    /// True when the target document's hits come in order of their starts (as the matcher
    /// gives them): a unit's hits are then found by bisection (`target_hits`).
    hits_in_order: bool,
}

impl<'a> BiContext<'a> {
    pub fn new(cx: &'a Context<'a>, units: &'a [Unit]) -> BiContext<'a> {
        let sources: Vec<Document> = units
            .iter()
            .map(|u| Document::from_str(&u.source))
            .collect();
        let source_hits = sources.iter().map(|d| cx.glossary.find(d)).collect();
        BiContext {
            cx,
            units,
            sources,
            source_hits,
            hits_in_order: cx.hits.is_sorted_by_key(|h| h.span().start),
        }
    }

    /// Units whose target is to be compared with the source (translated ones).
    pub fn translated(&self) -> impl Iterator<Item = (usize, &'a Unit)> {
        self.units.iter().enumerate().filter(|(_, u)| {
            u.state == UnitState::Translated
                && u.target_range.is_some()
                && !u.target.trim().is_empty()
        })
    }

    /// The file span of a unit's whole target (an empty target: its position; no target
    /// at all: the start of the unit's first line, not the start of the file).
    pub fn target_span(&self, u: &Unit) -> Span {
        let (s, e) = u.target_range.unwrap_or_else(|| {
            let (doc, line) = (self.cx.doc, u.line);
            let at = if line >= 1 && line <= doc.lines.len() {
                let start = doc.lines.line_start(line - 1);
                let text = doc.lines.line_text(&doc.text, line - 1);
                start + (text.len() - text.trim_start_matches([' ', '\t']).len())
            } else {
                0
            };
            (at, at)
        });
        Span::new(s, e)
    }

    /// Glossary hits of the target document that fall inside a unit's target; `raw` also
    /// gives forbidden variants whose context does not hold.
    pub fn target_hits(&self, u: &Unit, raw: bool) -> impl Iterator<Item = &Hit> {
        let (s, e) = u.target_range.unwrap_or((0, 0));
        let hits: Box<dyn Iterator<Item = &Hit>> = if raw {
            Box::new(self.cx.raw_hits())
        } else if self.hits_in_order {
            // Those that start within the unit, in their order: a scan of all the file's
            // hits for each unit took 4.4 G instructions on a PO file of 11,000 units with
            // a termbase (its 190,000 hits).
            let hits = &self.cx.hits;
            let from = hits.partition_point(|h| h.span().start < s);
            let to = from + hits[from..].partition_point(|h| h.span().start <= e);
            Box::new(hits[from..to].iter())
        } else {
            Box::new(self.cx.hits.iter())
        };
        hits.filter(move |h| h.span().start >= s && h.span().end <= e)
    }

    /// A finding on a unit: its id attached.
    pub fn unit_diag(&self, u: &Unit, d: Diagnostic) -> Diagnostic {
        let mut d = d;
        d.unit = Some(u.id.clone());
        d
    }
}

/// Shortens a text for a message.
pub fn excerpt(s: &str, max: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::check::Checker;
    use crate::diagnostic::Diagnostic;
    use crate::formats::bilingual::{Piece, Unit};

    /// Checks (source, target) pairs as units of a plain file whose text is the targets,
    /// one per line; returns only bilingual findings.
    pub fn check_pairs(glossary_toml: &str, pairs: &[(&str, &str)]) -> Vec<Diagnostic> {
        let g = crate::glossary::parse("test.toml", glossary_toml).expect("test glossary");
        let checker = Checker::new(g);
        let (doc, units) = pairs_document(pairs);
        checker
            .check_units(&doc, &units)
            .into_iter()
            .filter(|d| super::ALL.iter().any(|r| r.meta().id == d.rule))
            .collect()
    }

    /// The document and units of (source, target) pairs (see `check_pairs`).
    pub fn pairs_document(pairs: &[(&str, &str)]) -> (crate::document::Document, Vec<Unit>) {
        let mut text = String::new();
        let mut units = Vec::new();
        for (i, (s, t)) in pairs.iter().enumerate() {
            let start = text.len();
            text.push_str(t);
            units.push(Unit {
                id: format!("u{}", i + 1),
                line: i + 1,
                source: s.to_string(),
                target: t.to_string(),
                pieces: vec![Piece {
                    decoded: 0,
                    decoded_len: t.len(),
                    file: start,
                    file_len: t.len(),
                }],
                target_range: Some((start, start + t.len())),
                state: if t.is_empty() {
                    crate::formats::bilingual::UnitState::Untranslated
                } else {
                    Default::default()
                },
                ..Unit::default()
            });
            text.push('\n');
        }
        let (doc, _) =
            crate::bilingual::target_document("t.po", text, crate::formats::Format::Text, &units);
        (doc, units)
    }

    /// A unit's hits found by bisection (`target_hits`) are those a scan of all the hits
    /// finds, in the same order: random units of names and terms, some of them found in
    /// several units, some across a unit's end.
    #[test]
    fn unit_hits_by_bisection_are_those_of_the_scan() {
        let g = "[glossary]\nname='t'\n[[entity]]\nid='tsmc'\nname='TSMC'\n\
                 [[entity]]\nid='reuters'\nname='Reuters'\n\
                 [[term]]\nid='training'\napproved=['entraînement']\n\
                 [[term.forbidden]]\nterm='formation'\nreason='r'\n";
        let checker = Checker::new(crate::glossary::parse("t.toml", g).expect("glossary"));
        let pieces = [
            "TSMC ",
            "Reuters ",
            "entraînement ",
            "formation ",
            "la puce ",
            "et ",
        ];
        let mut rng = crate::testing::Rng::new(0x4249_4E47);
        let mut found = 0;
        for _ in 0..50 {
            let targets: Vec<String> = (0..1 + rng.below(12))
                .map(|_| rng.string(&pieces, 6))
                .collect();
            let pairs: Vec<(&str, &str)> = targets
                .iter()
                .map(|t| ("TSMC and Reuters", t.as_str()))
                .collect();
            let (doc, units) = pairs_document(&pairs);
            let mut out = Vec::new();
            let cx = checker.run_rules(&doc, &mut out);
            let mut bx = super::BiContext::new(&cx, &units);
            assert!(bx.hits_in_order);
            for u in &units {
                let by_bisection: Vec<_> = bx.target_hits(u, false).copied().collect();
                bx.hits_in_order = false;
                let by_scan: Vec<_> = bx.target_hits(u, false).copied().collect();
                bx.hits_in_order = true;
                assert_eq!(by_bisection, by_scan, "{targets:?}");
                found += by_scan.len();
            }
        }
        assert!(found > 200, "{found}");
    }
}
