/*! The checker: a compiled glossary and the enabled rules, applied to one document. Pure:
no file system, no output. */

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Span;
use crate::document::Document;
use crate::external::Engine;
use crate::formats::Format;
use crate::formats::bilingual::{ParseError, Unit};
use crate::glossary::{CompiledGlossary, Glossary};
use crate::report::FileResult;
use crate::rules::bilingual::BiContext;
use crate::rules::{self, Context, Rule, RuleSettings};
use crate::timing;
use std::sync::Arc;

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
    /// Second opinions run on each document after the rules (Grammalecte, LanguageTool).
    pub engines: Vec<Arc<dyn Engine>>,
}

impl Checker {
    pub fn new(glossary: Glossary) -> Checker {
        Checker {
            glossary: CompiledGlossary::new(glossary),
            settings: RuleSettings::default(),
            rules: rules::ALL.to_vec(),
            disabled_bilingual: Vec::new(),
            engines: Vec::new(),
        }
    }

    /// Keeps only the rules for which `keep(id)` is true.
    pub fn select_rules(&mut self, keep: impl Fn(&str) -> bool) {
        self.rules = rules::ALL
            .iter()
            .copied()
            .filter(|r| keep(r.meta().id))
            .collect();
        self.disabled_bilingual = rules::bilingual::ALL
            .iter()
            .map(|r| r.meta().id)
            .filter(|id| !keep(id))
            .collect();
    }

    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.run_rules(doc, &mut out);
        timing::time("dedupe", || settle(&doc.text, &mut out));
        out
    }

    /// Matches the glossary and runs every enabled monolingual rule on `doc`.
    pub(crate) fn run_rules<'a>(
        &'a self,
        doc: &'a Document,
        out: &mut Vec<Diagnostic>,
    ) -> Context<'a> {
        let cx = timing::time("glossary", || {
            Context::new(doc, &self.glossary, &self.settings)
        });
        self.apply_rules(&cx, crate::document::in_parallel(doc.text.len()), out);
        cx
    }

    /// Runs every enabled monolingual rule, one after the other or side by side.
    fn apply_rules(&self, cx: &Context, parallel: bool, out: &mut Vec<Diagnostic>) {
        let run = |r: &&dyn Rule, out: &mut Vec<Diagnostic>| {
            if timing::enabled() {
                timing::time(r.meta().id, || r.check(cx, out));
            } else {
                r.check(cx, out);
            }
        };
        if parallel {
            // Each rule into its own list, the lists then joined in rule order: the same
            // findings in the same order as one after the other.
            use rayon::prelude::*;
            let found: Vec<Vec<Diagnostic>> = self
                .rules
                .par_iter()
                .map(|r| {
                    let mut v = Vec::new();
                    run(r, &mut v);
                    v
                })
                .collect();
            out.extend(found.into_iter().flatten());
        } else {
            for r in &self.rules {
                run(r, out);
            }
        }
    }

    /// Checks a bilingual file: the monolingual rules on the targets (`doc` reveals only
    /// them), then the bilingual rules on each unit. Every finding names its unit.
    pub fn check_units(&self, doc: &Document, units: &[Unit]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let cx = self.run_rules(doc, &mut out);
        let bx = BiContext::new(&cx, units);
        for r in rules::bilingual::ALL {
            if self.bilingual_enabled(r.meta().id) {
                timing::time(r.meta().id, || r.check(&bx, &mut out));
            }
        }
        settle(&doc.text, &mut out);
        // (A finding's unit depends on its span alone, not on the order.)
        assign_units(units, &mut out);
        out
    }

    /// Runs the engines on `doc` and merges their findings into `diagnostics`; returns
    /// why an engine could not run, if one could not.
    fn run_engines(
        &self,
        doc: &Document,
        units: &[Unit],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<String> {
        let mut errors = Vec::new();
        for e in &self.engines {
            match e.check(doc) {
                Ok(mut theirs) => {
                    assign_units(units, &mut theirs);
                    crate::external::merge(diagnostics, theirs);
                }
                Err(m) => errors.push(format!("{} : {m}", e.name())),
            }
        }
        errors
    }

    /// Checks one file's text in its format: plain text and Markdown with the monolingual
    /// rules, PO, XLIFF and TMX unit by unit against their sources.
    pub fn check_text(
        &self,
        path: &str,
        text: String,
        format: Format,
    ) -> Result<FileResult, ParseError> {
        match format.parse_bilingual(&text) {
            None => {
                let doc = timing::time("document", || Document::new(path, text, format));
                let mut diagnostics = self.check(&doc);
                let engine_errors = self.run_engines(&doc, &[], &mut diagnostics);
                crate::suppress::apply(&doc, &[], &mut diagnostics);
                let mut r = FileResult::new(doc, diagnostics);
                r.engine_errors = engine_errors;
                Ok(r)
            }
            Some(parsed) => {
                let file = parsed?;
                let (doc, _) = crate::bilingual::target_document(path, text, format, &file.units);
                let mut diagnostics = self.check_units(&doc, &file.units);
                let engine_errors = self.run_engines(&doc, &file.units, &mut diagnostics);
                crate::suppress::apply(&doc, &file.units, &mut diagnostics);
                let mut r = FileResult::new(doc, diagnostics);
                r.units = file.units;
                r.engine_errors = engine_errors;
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
                format!(
                    "passage de la source sans traduction : « {} ».",
                    rules::bilingual::excerpt(text, 100)
                ),
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
        let engine_errors = self.run_engines(&target, &alignment.units, &mut diagnostics);
        crate::suppress::apply(&target, &[], &mut diagnostics);
        let mut r = FileResult::new(target, diagnostics);
        r.units = alignment.units;
        r.engine_errors = engine_errors;
        r
    }

    fn bilingual_enabled(&self, id: &str) -> bool {
        self.disabled_bilingual.iter().all(|d| *d != id)
    }
}

/// Findings without a unit get the unit whose target holds them.
fn assign_units(units: &[Unit], diags: &mut [Diagnostic]) {
    let mut ranges: Vec<(usize, usize, &str)> = units
        .iter()
        .filter_map(|u| u.target_range.map(|(s, e)| (s, e, u.id.as_str())))
        .collect();
    if ranges.is_empty() {
        return;
    }
    ranges.sort_unstable();
    for d in diags.iter_mut().filter(|d| d.unit.is_none()) {
        let i = ranges.partition_point(|r| r.0 <= d.span.start);
        if i > 0 && d.span.start <= ranges[i - 1].1 {
            d.unit = Some(ranges[i - 1].2.to_string());
        }
    }
}

/// The findings of `diags` kept and in the order every report shows them: `dedupe`, then
/// `drop_repeats`, then sorted by offset and rule (`sort_diagnostics`). Each step works on
/// the places of the findings, which are moved once at the end, in place: each step made a
/// new list of them (with a termbase's 15,000 findings on the PO text, some 2 MB each, and
/// the sort's scratch as much again: fresh memory the kernel zeroes on every run).
fn settle(text: &str, diags: &mut Vec<Diagnostic>) {
    let is_pattern: Vec<bool> = diags
        .iter()
        .map(|d| PATTERN_RULES.contains(&d.rule))
        .collect();
    let kept = dedupe(diags, &is_pattern);
    let mut kept = drop_repeats(text, diags, &is_pattern, kept);
    // `sort_diagnostics` is a stable sort by (start, end, rule, message): the places come by
    // (start, end), and in their order in `diags` on one span, so only the findings of one
    // span are left to sort, by rule and message (stably).
    let mut g = 0;
    while g < kept.len() {
        let span = diags[kept[g]].span;
        let mut h = g + 1;
        while h < kept.len() && diags[kept[h]].span == span {
            h += 1;
        }
        if h - g > 1 {
            kept[g..h].sort_by(|&a, &b| {
                (diags[a].rule, &diags[a].message).cmp(&(diags[b].rule, &diags[b].message))
            });
        }
        g = h;
    }
    permute(diags, &kept);
}

/// Moves the findings at the places `kept` to the front of `diags`, in that order, and
/// drops the others.
fn permute<T>(items: &mut Vec<T>, kept: &[usize]) {
    // Where each item goes: the kept ones to their rank, the others after them.
    let mut to = vec![usize::MAX; items.len()];
    for (rank, &i) in kept.iter().enumerate() {
        to[i] = rank;
    }
    let mut next = kept.len();
    for t in &mut to {
        if *t == usize::MAX {
            *t = next;
            next += 1;
        }
    }
    // Each swap puts one item in its place for good.
    for i in 0..items.len() {
        while to[i] != i {
            let j = to[i];
            items.swap(i, j);
            to.swap(i, j);
        }
    }
    items.truncate(kept.len());
}

/// Overlapping pattern findings that say one thing, after `dedupe`: two matches of one
/// entry (« sommes excités », « excités de »), or a container that holds nothing but a
/// more severe finding and function words (« le CEO », an anglicism at info level, around
/// « CEO » left in English, a warning). The first of two matches of an entry stays; of
/// such a container and its content, the content. A container that says more (« puces
/// AI personnalisées » around « AI ») stays. `kept` are the places in `diags` of the
/// findings `dedupe` kept, sorted by span as it leaves them; those of `kept` left are
/// returned in the same order.
fn drop_repeats(
    text: &str,
    diags: &[Diagnostic],
    is_pattern: &[bool],
    kept: Vec<usize>,
) -> Vec<usize> {
    debug_assert!(kept.windows(2).all(|w| {
        let (a, b) = (&diags[w[0]].span, &diags[w[1]].span);
        (a.start, a.end) <= (b.start, b.end)
    }));
    // In order of (start, end, index), as the findings come; places in `kept`.
    let order: Vec<usize> = (0..kept.len()).filter(|&k| is_pattern[kept[k]]).collect();
    let mut drop = vec![false; kept.len()];
    let mut active: Vec<usize> = Vec::new();
    for &k in &order {
        let i = kept[k];
        let d = &diags[i];
        active.retain(|&a| !drop[a] && diags[kept[a]].span.end > d.span.start);
        for &a in &active {
            let o = &diags[kept[a]];
            if d.entry.is_some() && d.entry == o.entry {
                drop[k] = true;
            } else if o.span.contains(&d.span)
                && d.severity > o.severity
                && only_function_words(text, o.span, d.span)
            {
                drop[a] = true;
            } else if d.span.contains(&o.span)
                && o.severity > d.severity
                && only_function_words(text, d.span, o.span)
            {
                drop[k] = true;
            }
        }
        if !drop[k] {
            active.push(k);
        }
    }
    kept.into_iter()
        .zip(drop)
        .filter_map(|(i, x)| (!x).then_some(i))
        .collect()
}

/// True when the text of `outer` outside `inner` is made of function words only.
fn only_function_words(text: &str, outer: Span, inner: Span) -> bool {
    const FUNCTION: &[&str] = &[
        "le", "la", "les", "l'", "l’", "de", "d'", "d’", "du", "des", "un", "une", "au", "aux",
        "à", "en", "son", "sa", "ses", "leur", "leurs",
    ];
    let rest = format!(
        "{} {}",
        text.get(outer.start..inner.start).unwrap_or(""),
        text.get(inner.end..outer.end).unwrap_or("")
    );
    rest.split(|c: char| c.is_whitespace() || c == '\u{A0}')
        .flat_map(|w| {
            // « l'IA »: the elided article stays a word of its own.
            let cut = w.find(['\'', '’']).map_or(w.len(), |i| {
                i + w[i..].chars().next().map_or(1, char::len_utf8)
            });
            [&w[..cut], &w[cut..]]
        })
        .filter(|w| !w.is_empty())
        .all(|w| FUNCTION.contains(&w.to_lowercase().as_str()))
}

/// Drops findings that say again what another finding says better: a pattern finding
/// nested in a longer one at least as severe, or on the same span as a more severe one (or
/// an equal one found first); a `near-miss` overlapping an `entity-full-name`; a
/// `missing-key-term` on the span of a `forbidden-term`; a repeated identical finding.
/// O(n log n): findings on one span are compared with each other, nesting is found by a
/// sweep over the starts.
/// Returns the places in `diags` of the findings kept (`is_pattern`: which are pattern
/// findings), sorted by span (start, then end), those on one span in their order in
/// `diags`: what `drop_repeats` expects, and what `settle` sorts further.
fn dedupe(diags: &[Diagnostic], is_pattern: &[bool]) -> Vec<usize> {
    let n = diags.len();
    let mut drop = vec![false; n];
    // Findings sorted by span: those on one span are neighbours. The keys are sorted on
    // their own, without going back to the findings at each comparison, by a merge sort:
    // each rule's findings come in order, runs it merges.
    let mut keys: Vec<(usize, usize, usize)> = diags
        .iter()
        .enumerate()
        .map(|(i, d)| (d.span.start, d.span.end, i))
        .collect();
    keys.sort();
    let order: Vec<usize> = keys.into_iter().map(|(_, _, i)| i).collect();
    let mut g = 0;
    while g < n {
        let span = diags[order[g]].span;
        let mut h = g + 1;
        while h < n && diags[order[h]].span == span {
            h += 1;
        }
        let group = &order[g..h];
        for &i in group {
            let d = &diags[i];
            drop[i] = group.iter().any(|&j| {
                let o = &diags[j];
                j != i
                    && ((is_pattern[i]
                        && is_pattern[j]
                        && (o.severity > d.severity || (o.severity == d.severity && j < i)))
                        || (d.rule == "missing-key-term" && o.rule == "forbidden-term")
                        || (d.rule == o.rule && d.message == o.message && j < i))
            });
        }
        g = h;
    }
    // Nesting among pattern findings: `o` strictly contains `d` and is at least as severe.
    // Sweep by start; `best[s]` is the largest end of the pattern findings of severity `s`
    // that start strictly before the current start.
    let sev = |s: crate::diagnostic::Severity| s as usize;
    let mut best = [None::<usize>; 3];
    let pats: Vec<usize> = order.iter().copied().filter(|&i| is_pattern[i]).collect();
    let mut g = 0;
    while g < pats.len() {
        let start = diags[pats[g]].span.start;
        let mut h = g + 1;
        while h < pats.len() && diags[pats[h]].span.start == start {
            h += 1;
        }
        // Same start: sorted by end, so a longer one at least as severe comes later.
        let mut same_start_best = [None::<usize>; 3];
        for k in (g..h).rev() {
            let i = pats[k];
            let d = &diags[i];
            let covered = (sev(d.severity)..3).any(|s| {
                best[s].is_some_and(|e| e >= d.span.end)
                    || same_start_best[s].is_some_and(|e| e > d.span.end)
            });
            if covered {
                drop[i] = true;
            }
            let s = sev(d.severity);
            same_start_best[s] = same_start_best[s].max(Some(d.span.end));
        }
        for (b, x) in best.iter_mut().zip(same_start_best) {
            *b = (*b).max(x);
        }
        g = h;
    }
    // A near miss overlapping an entity's full name.
    let mut full_names: Vec<crate::diagnostic::Span> = diags
        .iter()
        .filter(|d| d.rule == "entity-full-name")
        .map(|d| d.span)
        .collect();
    if !full_names.is_empty() {
        full_names.sort_unstable();
        // prefix_end[k] = largest end among the first k + 1 full names (by start).
        let prefix_end: Vec<usize> = full_names
            .iter()
            .scan(0, |m, s| {
                *m = (*m).max(s.end);
                Some(*m)
            })
            .collect();
        for (i, d) in diags.iter().enumerate() {
            if d.rule != "near-miss" {
                continue;
            }
            // Full names that start before `d` ends; one of them overlaps when it ends
            // after `d` starts (and is not empty).
            let k = full_names.partition_point(|s| s.start < d.span.end);
            if k > 0 && prefix_end[k - 1] > d.span.start {
                drop[i] = true;
            }
        }
    }
    order.into_iter().filter(|&i| !drop[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity};

    #[test]
    fn rules_side_by_side_find_what_they_find_one_after_the_other() {
        let checker = Checker::new(crate::glossary::defaults::load().unwrap());
        let doc = Document::from_str(include_str!("../corpus/meta-puce-ia.fr.txt"));
        let cx = Context::new(&doc, &checker.glossary, &checker.settings);
        let mut one_by_one = Vec::new();
        checker.apply_rules(&cx, false, &mut one_by_one);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let mut side_by_side = Vec::new();
        pool.install(|| checker.apply_rules(&cx, true, &mut side_by_side));
        assert!(one_by_one.len() > 10);
        assert_eq!(one_by_one, side_by_side);
    }

    fn patterns(diags: &[Diagnostic]) -> Vec<bool> {
        diags
            .iter()
            .map(|d| PATTERN_RULES.contains(&d.rule))
            .collect()
    }

    /// The findings `dedupe` keeps, in its order.
    fn dedupe_of(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let kept = dedupe(&diags, &patterns(&diags));
        kept.iter().map(|&i| diags[i].clone()).collect()
    }

    /// The findings `drop_repeats` keeps of `diags` (sorted by span), in their order.
    fn drop_repeats_of(text: &str, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let kept = drop_repeats(text, &diags, &patterns(&diags), (0..diags.len()).collect());
        kept.iter().map(|&i| diags[i].clone()).collect()
    }

    /// `settle` keeps and orders the findings as the three steps one after the other, each
    /// making its list: the definition of `dedupe`, `drop_repeats` on the findings sorted
    /// by span (stably), then `sort_diagnostics`.
    #[test]
    fn settled_as_the_steps_one_after_the_other() {
        const RULES: &[&str] = &[
            "forbidden-term",
            "calque",
            "anglicism",
            "untranslated-english",
            "near-miss",
            "entity-full-name",
            "missing-key-term",
            "doubled-word",
        ];
        const SEVERITIES: &[Severity] = &[Severity::Info, Severity::Warning, Severity::Error];
        let text = "le CEO de la AI un des puces";
        let mut rng = crate::testing::Rng::new(0x5E77_1E00);
        let mut next = |m: usize| rng.below(m);
        let mut moved = 0;
        for _ in 0..20_000 {
            let n = next(14);
            let diags: Vec<Diagnostic> = (0..n)
                .map(|_| {
                    let start = next(10);
                    let end = start + next(6);
                    let d = Diagnostic::new(
                        RULES[next(RULES.len())],
                        Category::Terminology,
                        SEVERITIES[next(3)],
                        Span::new(start, end),
                        ["a", "b", "c"][next(3)],
                    );
                    match next(3) {
                        0 => d,
                        k => d.with_entry(["e", "f"][k - 1]),
                    }
                })
                .collect();
            let mut expected = dedupe_reference(diags.clone());
            expected.sort_by_key(|d| (d.span.start, d.span.end));
            let mut expected = drop_repeats_of(text, expected);
            crate::diagnostic::sort_diagnostics(&mut expected);
            let mut settled = diags.clone();
            settle(text, &mut settled);
            assert_eq!(settled, expected, "{diags:?}");
            moved += usize::from(settled != diags);
        }
        assert!(moved > 10_000, "{moved}");
    }

    /// `permute` gives what picking the kept items in order gives.
    #[test]
    fn permuted_as_picked() {
        let mut rng = crate::testing::Rng::new(0x0BE7_0017);
        for _ in 0..5_000 {
            let n = rng.below(20);
            let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            // A random choice of places in a random order.
            let mut places: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                places.swap(i, rng.below(i + 1));
            }
            places.truncate(rng.below(n + 1));
            let picked: Vec<String> = places.iter().map(|&i| items[i].clone()).collect();
            let mut permuted = items.clone();
            permute(&mut permuted, &places);
            assert_eq!(permuted, picked, "{places:?}");
        }
    }

    /// The quadratic definition `dedupe` must agree with.
    fn dedupe_reference(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let keep: Vec<bool> = diags
            .iter()
            .enumerate()
            .map(|(i, d)| {
                !diags.iter().enumerate().any(|(j, o)| {
                    if i == j {
                        return false;
                    }
                    let both_patterns =
                        PATTERN_RULES.contains(&d.rule) && PATTERN_RULES.contains(&o.rule);
                    let nested = o.span.contains(&d.span) && o.span != d.span;
                    let same = o.span == d.span;
                    (both_patterns
                        && ((nested && o.severity >= d.severity)
                            || (same
                                && (o.severity > d.severity
                                    || (o.severity == d.severity && j < i)))))
                        || (d.rule == "near-miss"
                            && o.rule == "entity-full-name"
                            && o.span.overlaps(&d.span))
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

    #[test]
    fn repeats_of_one_entry_and_weaker_containers_go() {
        let mk = |rule: &'static str, sev, s, e, entry: &str| {
            let d = Diagnostic::new(rule, Category::Terminology, sev, Span::new(s, e), "m");
            if entry.is_empty() {
                d
            } else {
                d.with_entry(entry)
            }
        };
        let text = "le CEO d'Intel et des puces AI personnalisées";
        let kept = |v: Vec<Diagnostic>| -> Vec<(usize, usize)> {
            drop_repeats_of(text, v)
                .iter()
                .map(|d| (d.span.start, d.span.end))
                .collect()
        };
        // Two matches of one entry that overlap: the first stays.
        assert_eq!(
            kept(vec![
                mk("false-friend", Severity::Warning, 0, 14, "excite"),
                mk("false-friend", Severity::Warning, 7, 17, "excite"),
            ]),
            [(0, 14)]
        );
        // « le CEO » (info) around « CEO » (warning), and « CEO d' » (info) over it.
        assert_eq!(
            kept(vec![
                mk("anglicism", Severity::Info, 0, 6, "ceo"),
                mk("untranslated-english", Severity::Warning, 3, 6, "chief"),
                mk("anglicism", Severity::Info, 3, 9, "ceo"),
            ]),
            [(3, 6)]
        );
        // « puces AI personnalisées » says more than « AI »: both stay.
        let (s, e) = (text.find("puces").unwrap(), text.len());
        let ai = text.find("AI").unwrap();
        assert_eq!(
            kept(vec![
                mk("awkward-phrasing", Severity::Info, s, e, "custom"),
                mk("untranslated-english", Severity::Warning, ai, ai + 2, "ai"),
            ]),
            [(s, e), (ai, ai + 2)]
        );
        // Different entries side by side, or a non-pattern rule: all stay.
        assert_eq!(
            kept(vec![
                mk("calque", Severity::Warning, 0, 5, "a"),
                mk("calque", Severity::Warning, 3, 9, "b"),
                mk("agreement", Severity::Warning, 3, 9, ""),
            ]),
            [(0, 5), (3, 9), (3, 9)]
        );
    }

    #[test]
    fn dedupe_agrees_with_its_definition() {
        const RULES: &[&str] = &[
            "forbidden-term",
            "calque",
            "untranslated-english",
            "near-miss",
            "entity-full-name",
            "missing-key-term",
            "doubled-word",
        ];
        const SEVERITIES: &[Severity] = &[Severity::Info, Severity::Warning, Severity::Error];
        // A small deterministic generator (xorshift), many small cases with many collisions.
        let mut rng = crate::testing::Rng::new(0x9E37_79B9_7F4A_7C15);
        let mut next = |m: u64| rng.below(m as usize);
        for _ in 0..20_000 {
            let n = 1 + next(12);
            let diags: Vec<Diagnostic> = (0..n)
                .map(|_| {
                    let start = next(8);
                    let end = start + next(5);
                    Diagnostic::new(
                        RULES[next(RULES.len() as u64)],
                        Category::Terminology,
                        SEVERITIES[next(3)],
                        Span::new(start, end),
                        ["a", "b"][next(2)],
                    )
                })
                .collect();
            // The same findings, sorted by span (a stable sort: those on one span in
            // their first order).
            let mut expected = dedupe_reference(diags.clone());
            expected.sort_by_key(|d| (d.span.start, d.span.end));
            assert_eq!(dedupe_of(diags.clone()), expected, "{diags:?}");
        }
    }
}
