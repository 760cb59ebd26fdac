/*! The checker: a compiled glossary and the enabled rules, applied to one document. Pure:
no file system, no output. */

use crate::diagnostic::{Diagnostic, sort_diagnostics};
use crate::document::Document;
use crate::glossary::{CompiledGlossary, Glossary};
use crate::diagnostic::Span;
use crate::formats::Format;
use crate::formats::bilingual::{ParseError, Unit};
use crate::report::FileResult;
use crate::rules::bilingual::BiContext;
use crate::rules::{self, Context, Rule, RuleSettings};

/// Rules whose findings come from glossary patterns; where two of them cover nested
/// spans, the longer match wins.
const PATTERN_RULES: &[&str] = &[
    "forbidden-term",
    "calque",
    "anglicism",
    "false-friend",
    "mistranslation",
    "awkward-phrasing",
    "untranslated-english",
];

pub struct Checker {
    pub glossary: CompiledGlossary,
    pub settings: RuleSettings,
    rules: Vec<&'static dyn Rule>,
    disabled_bilingual: Vec<&'static str>,
}

impl Checker {
    pub fn new(glossary: Glossary) -> Checker {
        Checker {
            glossary: CompiledGlossary::new(glossary),
            settings: RuleSettings::default(),
            rules: rules::ALL.to_vec(),
            disabled_bilingual: Vec::new(),
        }
    }

    /// Keeps only the rules for which `keep(id)` is true.
    pub fn select_rules(&mut self, keep: impl Fn(&str) -> bool) {
        self.rules = rules::ALL.iter().copied().filter(|r| keep(r.meta().id)).collect();
        self.disabled_bilingual = rules::bilingual::ALL
            .iter()
            .map(|r| r.meta().id)
            .filter(|id| !keep(id))
            .collect();
    }

    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let cx = Context::new(doc, &self.glossary, &self.settings);
        let mut out = Vec::new();
        for r in &self.rules {
            r.check(&cx, &mut out);
        }
        let mut out = dedupe(out);
        sort_diagnostics(&mut out);
        out
    }

    /// Checks a bilingual file: the monolingual rules on the targets (`doc` reveals only
    /// them), then the bilingual rules on each unit. Every finding names its unit.
    pub fn check_units(&self, doc: &Document, units: &[Unit]) -> Vec<Diagnostic> {
        let cx = Context::new(doc, &self.glossary, &self.settings);
        let mut out = Vec::new();
        for r in &self.rules {
            r.check(&cx, &mut out);
        }
        let bx = BiContext::new(&cx, units);
        for r in rules::bilingual::ALL {
            if self.bilingual_enabled(r.meta().id) {
                r.check(&bx, &mut out);
            }
        }
        let mut out = dedupe(out);
        // Monolingual findings get the unit whose target holds them.
        let mut ranges: Vec<(usize, usize, &str)> = units
            .iter()
            .filter_map(|u| u.target_range.map(|(s, e)| (s, e, u.id.as_str())))
            .collect();
        ranges.sort_unstable();
        for d in out.iter_mut().filter(|d| d.unit.is_none()) {
            let i = ranges.partition_point(|r| r.0 <= d.span.start);
            if i > 0 && d.span.start <= ranges[i - 1].1 {
                d.unit = Some(ranges[i - 1].2.to_string());
            }
        }
        sort_diagnostics(&mut out);
        out
    }

    /// Checks one file's text in its format: plain text and Markdown with the monolingual
    /// rules, PO, XLIFF and TMX unit by unit against their sources.
    pub fn check_text(&self, path: &str, text: String, format: Format) -> Result<FileResult, ParseError> {
        match format.parse_bilingual(&text) {
            None => {
                let doc = Document::new(path, text, format);
                let mut diagnostics = self.check(&doc);
                crate::suppress::apply(&doc, &[], &mut diagnostics);
                Ok(FileResult::new(doc, diagnostics))
            }
            Some(parsed) => {
                let file = parsed?;
                let (doc, _) = crate::bilingual::target_document(path, text, format, &file.units);
                let mut diagnostics = self.check_units(&doc, &file.units);
                crate::suppress::apply(&doc, &file.units, &mut diagnostics);
                let mut r = FileResult::new(doc, diagnostics);
                r.units = file.units;
                Ok(r)
            }
        }
    }

    /// Checks a plain translation against its plain source: the two are aligned
    /// (paragraphs, then sentences), the aligned pairs become units, and what found no
    /// counterpart is reported.
    pub fn check_pair(&self, target: Document, source: &Document) -> FileResult {
        let alignment = crate::bilingual::align::align_documents(source, &target);
        let mut diagnostics = self.check_units(&target, &alignment.units);
        for (text, at) in &alignment.omitted {
            let meta = &rules::bilingual::OMITTED;
            diagnostics.push(Diagnostic::new(
                meta.id,
                meta.category,
                meta.severity,
                Span::new(*at, *at),
                format!("passage de la source sans traduction : « {} ».", rules::bilingual::excerpt(text, 100)),
            ));
        }
        for &(s, e) in &alignment.added {
            let meta = &rules::bilingual::ADDED;
            diagnostics.push(Diagnostic::new(
                meta.id,
                meta.category,
                meta.severity,
                Span::new(s, e),
                "passage sans équivalent dans la source : ajout ?".to_string(),
            ));
        }
        crate::suppress::apply(&target, &[], &mut diagnostics);
        let mut r = FileResult::new(target, diagnostics);
        r.units = alignment.units;
        r
    }

    fn bilingual_enabled(&self, id: &str) -> bool {
        self.disabled_bilingual.iter().all(|d| *d != id)
    }
}

/// Drops findings that say again what another finding says better.
fn dedupe(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let keep: Vec<bool> = diags
        .iter()
        .enumerate()
        .map(|(i, d)| {
            !diags.iter().enumerate().any(|(j, o)| {
                if i == j {
                    return false;
                }
                let both_patterns = PATTERN_RULES.contains(&d.rule) && PATTERN_RULES.contains(&o.rule);
                let nested = o.span.contains(&d.span) && o.span != d.span;
                let same = o.span == d.span;
                // The longer match wins, unless the shorter one is more severe.
                (both_patterns
                    && ((nested && o.severity >= d.severity)
                        || (same && (o.severity > d.severity || (o.severity == d.severity && j < i)))))
                    || (d.rule == "near-miss" && o.rule == "entity-full-name" && o.span.overlaps(&d.span))
                    || (d.rule == "missing-key-term" && o.rule == "forbidden-term" && same)
                    || (d.rule == o.rule && same && d.message == o.message && j < i)
            })
        })
        .collect();
    diags
        .into_iter()
        .zip(keep)
        .filter_map(|(d, k)| k.then_some(d))
        .collect()
}
