/*! Fixes: the edits `relecture check --fix` applies and `--diff` shows. Pure: text in,
text out; the CLI reads and writes the files.

What is applied (after ruff's `Fix` and typos' « only one correction »):
- a suggestion marked `Safe` (and `Unsafe` with `unsafe_fixes`), when it is the only one of
  its diagnostic that may be applied; display-only suggestions never are;
- never two edits over the same bytes: when two overlap, the first by position (then by
  severity, then the longer) is kept and the other waits for the next pass;
- in PO, XLIFF and TMX only the target text of a unit changes: the edit is made on the
  decoded target, then written back escaped for the format (`\"` `\\` `\n` in PO, `&amp;`
  `&lt;` `&gt;` in XML, raw inside CDATA); an edit that would cross inline markup is refused,
  one that crosses a PO string continuation (`"` newline `"`) keeps it;
- the replacement takes the case of the text it replaces (sentence start, all capitals) and
  the text's own apostrophe (`'` or `’`), and French elision follows: « la formation » →
  « l'entraînement », « de inférence » → « d'inférence », « d'investissement » before a
  consonant → « de … »; where the article would have to be chosen by gender (« l' »,
  « son » before a consonant) the fix is not applied;
- line endings are never touched: a span that covers a line break keeps it (on a space of
  the replacement) or is not fixed.

`fix_text` runs the checker, applies the edits, checks the new text, and again until
nothing changes (a few passes at most: `MAX_PASSES`). An edit whose replacement would be
flagged again by the same rule (prh's loop: the replacement still matches the pattern) is
refused and reported as skipped, as is one that would make the file unreadable. */

use crate::check::Checker;
use crate::diagnostic::{Applicability, Diagnostic, Severity, Span};
use crate::formats::Format;
use crate::formats::bilingual::{ParseError, Unit};
use crate::report::FileResult;
use std::cmp::Reverse;

/// The most passes `fix_text` makes before giving up on convergence.
pub const MAX_PASSES: usize = 8;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FixOptions {
    /// Also apply the suggestions marked `Unsafe`.
    pub unsafe_fixes: bool,
}

/// One edit of the file: bytes `span` replaced by `replacement` (already escaped for the
/// format).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
    /// The text replaced, as the reader sees it (decoded target for bilingual files).
    pub original: String,
    /// The new text, as the reader sees it.
    pub decoded: String,
    /// The rules whose findings this edit fixes (two rules may suggest the same edit).
    pub rules: Vec<&'static str>,
    /// The spans of those findings (before elision widened the edit).
    pub sources: Vec<Span>,
    pub applicability: Applicability,
    pub severity: Severity,
}

/// Why a fix offered by a finding was not applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// More than one replacement could be applied.
    Ambiguous,
    /// Marked unsafe, and `unsafe_fixes` is off.
    NeedsUnsafe,
    /// Overlaps an edit kept before it (it may be applied at the next pass).
    Overlap,
    /// Outside the target text of a bilingual file.
    OutsideTarget,
    /// Would cross inline markup or file syntax.
    Markup,
    /// Would remove or add a line break.
    LineBreak,
    /// The elided article or the possessive would depend on a gender we do not know.
    Elision,
    /// The replacement would be flagged again by the same rule, or changes nothing.
    Loops,
    /// The fixed file could not be read back.
    Broken,
}

impl SkipReason {
    /// The reason, in French, for editors.
    pub fn message_fr(self) -> &'static str {
        match self {
            SkipReason::Ambiguous => "plusieurs corrections possibles",
            SkipReason::NeedsUnsafe => "correction à vérifier (--unsafe-fixes)",
            SkipReason::Overlap => "chevauche une autre correction",
            SkipReason::OutsideTarget => "hors du texte traduit",
            SkipReason::Markup => "toucherait au balisage du fichier",
            SkipReason::LineBreak => "toucherait à un saut de ligne",
            SkipReason::Elision => "article ou possessif à choisir selon le genre (élision)",
            SkipReason::Loops => "la correction serait signalée à nouveau",
            SkipReason::Broken => "le fichier corrigé serait illisible",
        }
    }
}

/// A fix not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub rule: &'static str,
    pub span: Span,
    pub reason: SkipReason,
}

/// The edits to apply to one text, sorted and free of overlaps, and the fixes left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub edits: Vec<Edit>,
    pub skipped: Vec<Skipped>,
}

/// A finding whose fix was refused in an earlier pass (its span follows the edits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Refusal {
    rule: &'static str,
    span: Span,
    reason: SkipReason,
}

/// Computes the edits for the findings of one text. `units` are the bilingual units of
/// the file (empty for text and Markdown); `diagnostics` are the findings as the caller
/// wants them fixed (filtered, severities adjusted).
pub fn plan(
    text: &str,
    format: Format,
    units: &[Unit],
    diagnostics: &[Diagnostic],
    options: &FixOptions,
) -> Plan {
    plan_with(text, format, units, diagnostics, options, &[])
}

fn plan_with(
    text: &str,
    format: Format,
    units: &[Unit],
    diagnostics: &[Diagnostic],
    options: &FixOptions,
    refused: &[Refusal],
) -> Plan {
    // Targets by start, to find the unit of a finding by binary search.
    let mut targets: Vec<(usize, usize, usize)> = units
        .iter()
        .enumerate()
        .filter(|(_, u)| !u.pieces.is_empty())
        .filter_map(|(i, u)| u.target_range.map(|(s, e)| (s, e, i)))
        .collect();
    targets.sort_unstable();
    let cx = Ctx {
        text,
        format,
        units,
        targets,
        apostrophe: apostrophe_style(text, format, units),
    };
    let mut candidates: Vec<Edit> = Vec::new();
    let mut skipped = Vec::new();
    let mut skip = |d: &Diagnostic, reason| {
        skipped.push(Skipped {
            rule: d.rule,
            span: d.span,
            reason,
        })
    };
    for d in diagnostics {
        let allowed: Vec<_> = d
            .suggestions
            .iter()
            .filter(|s| {
                s.applicability == Applicability::Safe
                    || (options.unsafe_fixes && s.applicability == Applicability::Unsafe)
            })
            .collect();
        match allowed.len() {
            0 => {
                match d
                    .suggestions
                    .iter()
                    .filter(|s| s.applicability == Applicability::Unsafe)
                    .count()
                {
                    0 => {}
                    1 => skip(d, SkipReason::NeedsUnsafe),
                    _ => skip(d, SkipReason::Ambiguous),
                }
                continue;
            }
            1 => {}
            _ => {
                skip(d, SkipReason::Ambiguous);
                continue;
            }
        }
        if let Some(r) = refused
            .iter()
            .find(|r| r.rule == d.rule && r.span == d.span)
        {
            skip(d, r.reason);
            continue;
        }
        match cx.edit(d, &allowed[0].replacement, allowed[0].applicability) {
            Ok(e) => candidates.push(e),
            Err(reason) => skip(d, reason),
        }
    }
    // The first by position wins; at one position, the more severe, then the longer.
    candidates.sort_by(|x, y| {
        (
            x.span.start,
            Reverse(x.severity),
            Reverse(x.span.end),
            x.rules[0],
        )
            .cmp(&(
                y.span.start,
                Reverse(y.severity),
                Reverse(y.span.end),
                y.rules[0],
            ))
    });
    let mut edits: Vec<Edit> = Vec::new();
    for c in candidates {
        if let Some(same) = edits
            .iter_mut()
            .find(|e| e.span == c.span && e.replacement == c.replacement)
        {
            same.rules.extend(c.rules);
            same.sources.extend(c.sources);
            continue;
        }
        if edits
            .iter()
            .any(|e| e.span.overlaps(&c.span) || e.span == c.span)
        {
            for (rule, span) in c.rules.iter().zip(&c.sources) {
                skipped.push(Skipped {
                    rule,
                    span: *span,
                    reason: SkipReason::Overlap,
                });
            }
            continue;
        }
        edits.push(c);
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    skipped.sort_by_key(|s| (s.span.start, s.span.end, s.rule));
    Plan { edits, skipped }
}

/// Applies sorted, non-overlapping edits.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for e in edits {
        debug_assert!(e.span.start >= pos, "edits overlap");
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// What fixing one text did.
pub struct FixOutcome {
    /// The fixed text (the input itself when nothing applied).
    pub text: String,
    /// Every edit applied, pass after pass (spans in the text of their pass).
    pub applied: Vec<Edit>,
    /// The fixes offered by the remaining findings and not applied.
    pub skipped: Vec<Skipped>,
    /// Passes that applied edits (0 when there was nothing to fix).
    pub passes: usize,
    /// False when `MAX_PASSES` passes still left something to apply.
    pub converged: bool,
    /// The check of the fixed text: the findings that remain.
    pub result: FileResult,
}

/// Fixes one file's text: check, apply, check again, until nothing changes. `adjust`
/// filters the findings the way the caller reports them (configuration, overrides).
pub fn fix_text(
    checker: &Checker,
    path: &str,
    text: String,
    format: Format,
    options: &FixOptions,
    adjust: &dyn Fn(&mut Vec<Diagnostic>),
) -> Result<FixOutcome, ParseError> {
    let check = |text: &str| -> Result<FileResult, ParseError> {
        let mut r = checker.check_text(path, text.to_string(), format)?;
        adjust(&mut r.diagnostics);
        Ok(r)
    };
    let mut result = check(&text)?;
    let mut text = text;
    let mut refused: Vec<Refusal> = Vec::new();
    let mut applied = Vec::new();
    let mut passes = 0;
    loop {
        let plan = plan_with(
            &text,
            format,
            &result.units,
            &result.diagnostics,
            options,
            &refused,
        );
        if plan.edits.is_empty() || passes == MAX_PASSES {
            let converged = plan.edits.is_empty();
            return Ok(FixOutcome {
                text,
                applied,
                skipped: plan.skipped,
                passes,
                converged,
                result,
            });
        }
        let new_text = apply(&text, &plan.edits);
        let new_result = match check(&new_text) {
            Ok(r) => r,
            Err(_) => {
                // Should never happen (edits stay inside target text); refuse the pass.
                for e in &plan.edits {
                    refuse(&mut refused, e, SkipReason::Broken);
                }
                continue;
            }
        };
        // prh's loop: a replacement that the same rule flags again is refused, and the
        // pass is made again without it.
        let mut looping = false;
        let mut delta: isize = 0;
        for e in &plan.edits {
            let start = (e.span.start as isize + delta) as usize;
            let end = start + e.replacement.len();
            delta += e.replacement.len() as isize - (e.span.end - e.span.start) as isize;
            let again = new_result.diagnostics.iter().any(|d| {
                e.rules.contains(&d.rule)
                    && d.span.start < d.span.end
                    && start <= d.span.start
                    && d.span.end <= end
            });
            if again {
                refuse(&mut refused, e, SkipReason::Loops);
                looping = true;
            }
        }
        if looping {
            continue;
        }
        refused = shift_refusals(&refused, &plan.edits);
        passes += 1;
        applied.extend(plan.edits);
        text = new_text;
        result = new_result;
    }
}

fn refuse(refused: &mut Vec<Refusal>, e: &Edit, reason: SkipReason) {
    for (rule, span) in e.rules.iter().zip(&e.sources) {
        refused.push(Refusal {
            rule,
            span: *span,
            reason,
        });
    }
}

/// Moves refusals past the edits of a pass; one that an edit touched is dropped.
fn shift_refusals(refused: &[Refusal], edits: &[Edit]) -> Vec<Refusal> {
    refused
        .iter()
        .filter_map(|r| {
            let mut delta: isize = 0;
            for e in edits {
                if e.span.overlaps(&r.span) || e.span == r.span {
                    return None;
                }
                if e.span.end <= r.span.start {
                    delta += e.replacement.len() as isize - (e.span.end - e.span.start) as isize;
                }
            }
            let start = (r.span.start as isize + delta) as usize;
            Some(Refusal {
                span: Span::new(start, start + (r.span.end - r.span.start)),
                ..*r
            })
        })
        .collect()
}

/// What building one edit needs to know about the file.
struct Ctx<'a> {
    text: &'a str,
    format: Format,
    units: &'a [Unit],
    /// (start, end, unit index) of every target with text, sorted.
    targets: Vec<(usize, usize, usize)>,
    /// The apostrophe the text uses most, if it uses one.
    apostrophe: Option<char>,
}

impl Ctx<'_> {
    /// The edit that applies `replacement` to the finding `d`.
    fn edit(
        &self,
        d: &Diagnostic,
        replacement: &str,
        applicability: Applicability,
    ) -> Result<Edit, SkipReason> {
        // The text the edit works on: the whole file, or the decoded target of a unit.
        let unit = if self.format.is_bilingual() {
            let k = self.targets.partition_point(|t| t.0 <= d.span.start);
            let &(_, end, i) = k
                .checked_sub(1)
                .map(|k| &self.targets[k])
                .ok_or(SkipReason::OutsideTarget)?;
            if d.span.end > end {
                return Err(SkipReason::OutsideTarget);
            }
            Some(&self.units[i])
        } else {
            None
        };
        let (s, a, b): (&str, usize, usize) = match unit {
            Some(u) => (
                &u.target,
                to_decoded(u, d.span.start, false),
                to_decoded(u, d.span.end, true),
            ),
            None => (self.text, d.span.start, d.span.end),
        };
        if a > b || !s.is_char_boundary(a) || !s.is_char_boundary(b) {
            return Err(SkipReason::Markup);
        }
        let original = &s[a..b];
        let apos = self.apostrophe.unwrap_or('\'');
        let mut rep = adjust_case(d.rule, original, replacement);
        let words = CASED_RULES.contains(&d.rule) || NAME_RULES.contains(&d.rule);
        if let Some(style) = self.apostrophe.filter(|_| words) {
            rep = rep
                .chars()
                .map(|c| if is_apostrophe(c) { style } else { c })
                .collect();
        }
        if rep.contains(['\n', '\r']) {
            return Err(SkipReason::LineBreak);
        }
        // Elision and apostrophes concern words; typography rules replace signs.
        let (a, b, rep) = if words {
            adjust_elision(s, a, b, rep, apos)?
        } else {
            (a, b, rep)
        };
        let replaced = &s[a..b];
        let rep = if replaced.contains(['\n', '\r']) {
            if unit.is_some() {
                return Err(SkipReason::LineBreak);
            }
            keep_line_breaks(replaced, &rep).ok_or(SkipReason::LineBreak)?
        } else {
            rep
        };
        if replaced == rep {
            return Err(SkipReason::Loops);
        }
        let (span, file_rep) = match unit {
            None => (Span::new(a, b), rep.clone()),
            Some(u) => self.materialize(u, a, b, &rep)?,
        };
        Ok(Edit {
            span,
            replacement: file_rep,
            original: replaced.to_string(),
            decoded: rep,
            rules: vec![d.rule],
            sources: vec![d.span],
            applicability,
            severity: d.severity,
        })
    }

    /// The file bytes of a decoded target range of `u` and its replacement, escaped.
    fn materialize(
        &self,
        u: &Unit,
        a: usize,
        b: usize,
        rep: &str,
    ) -> Result<(Span, String), SkipReason> {
        let fs = u.file_offset(a);
        let fe = if b > a { u.file_span(a, b).end } else { fs };
        // The pieces the range covers must follow each other; between two, only a PO
        // string continuation may stand (it is kept).
        let mut gaps: Vec<(usize, &str)> = Vec::new();
        let mut prev: Option<&crate::formats::bilingual::Piece> = None;
        for p in u
            .pieces
            .iter()
            .filter(|p| p.file < fe && p.file + p.file_len > fs)
        {
            if let Some(q) = prev {
                let gap = &self.text[q.file + q.file_len..p.file];
                if !gap.is_empty() {
                    if self.format == Format::Po && is_po_continuation(gap) {
                        gaps.push((q.decoded + q.decoded_len, gap));
                    } else {
                        return Err(SkipReason::Markup);
                    }
                }
            }
            prev = Some(p);
        }
        let in_cdata = matches!(self.format, Format::Xliff | Format::Tmx) && {
            let from = u.target_range.map_or(0, |r| r.0);
            let before = &self.text[from.min(fs)..fs];
            match (before.rfind("<![CDATA["), before.rfind("]]>")) {
                (Some(o), Some(c)) => o > c,
                (Some(_), None) => true,
                _ => false,
            }
        };
        if in_cdata && rep.contains("]]>") {
            return Err(SkipReason::Markup);
        }
        let escape = |t: &str| -> String {
            match self.format {
                Format::Po => escape_po(t),
                Format::Xliff | Format::Tmx if !in_cdata => escape_xml(t),
                _ => t.to_string(),
            }
        };
        // Each continuation goes after the space of the replacement nearest to where it
        // stood (PO lines are wrapped after a space), or at its end.
        let mut out = String::new();
        let mut from = 0;
        let len = (b - a).max(1) as f64;
        for (at, gap) in gaps {
            let want = ((at - a) as f64 / len * rep.len() as f64) as usize;
            let cut = rep[from..]
                .match_indices(' ')
                .map(|(i, _)| from + i + 1)
                .chain(std::iter::once(rep.len()))
                .min_by_key(|&i| i.abs_diff(want))
                .unwrap_or(rep.len());
            out.push_str(&escape(&rep[from..cut]));
            out.push_str(gap);
            from = cut;
        }
        out.push_str(&escape(&rep[from..]));
        Ok((Span::new(fs, fe), out))
    }
}

/// The decoded target offset of a file offset (`end`: the offset ends a range).
fn to_decoded(u: &Unit, off: usize, end: bool) -> usize {
    for p in &u.pieces {
        let (fs, fe) = (p.file, p.file + p.file_len);
        if off < fs || off > fe {
            continue;
        }
        if p.file_len == p.decoded_len {
            return p.decoded + (off - fs);
        }
        // An escape maps as a whole.
        return if off == fs || (!end && off < fe) {
            p.decoded
        } else {
            p.decoded + p.decoded_len
        };
    }
    // Between two pieces (markup, a PO continuation).
    if end {
        u.pieces
            .iter()
            .rev()
            .find(|p| p.file + p.file_len <= off)
            .map_or(0, |p| p.decoded + p.decoded_len)
    } else {
        u.pieces
            .iter()
            .find(|p| p.file >= off)
            .map_or(u.target.len(), |p| p.decoded)
    }
}

/// `"` newline `"`, with blanks: where a PO string goes on on the next line.
fn is_po_continuation(gap: &str) -> bool {
    gap.len() >= 3
        && gap.starts_with('"')
        && gap.ends_with('"')
        && gap[1..gap.len() - 1].contains('\n')
        && gap[1..gap.len() - 1].chars().all(char::is_whitespace)
}

fn escape_po(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

fn escape_xml(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The apostrophe the prose uses most: `’` or `'` (None when it uses neither).
fn apostrophe_style(text: &str, format: Format, units: &[Unit]) -> Option<char> {
    let count = |t: &str| (t.matches('’').count(), t.matches('\'').count());
    let (curly, straight) = if format.is_bilingual() {
        units
            .iter()
            .map(|u| count(&u.target))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    } else {
        count(text)
    };
    match (curly, straight) {
        (0, 0) => None,
        (c, s) if c > s => Some('’'),
        _ => Some('\''),
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Rules whose replacements are ordinary words: they take the case of the text they
/// replace. Names (entities), placeholders and punctuation keep their own.
const CASED_RULES: &[&str] = &[
    "forbidden-term",
    "calque",
    "anglicism",
    "false-friend",
    "mistranslation",
    "awkward-phrasing",
    "missing-key-term",
    "term-inconsistency",
    "doubled-word",
];

/// Rules whose replacements are names: their case is their own, but they take the text's
/// apostrophe and the elision of the word before (« de Intel » → « d'Intel »).
const NAME_RULES: &[&str] = &[
    "entity-spelling",
    "entity-inconsistent",
    "entity-full-name",
    "near-miss",
    "untranslated-english",
    "inconsistent-translation",
];

/// A capital at the start stays a capital; a word in capitals (four letters or more, not
/// an acronym) gets a replacement in capitals; after an acronym the rule's case stands.
fn adjust_case(rule: &str, original: &str, replacement: &str) -> String {
    if !CASED_RULES.contains(&rule) {
        return replacement.to_string();
    }
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    match (caps, letters.len()) {
        (true, 4..) => replacement.to_uppercase(),
        // An acronym (« ML ») says nothing of the sentence: the rule's case stands.
        (true, _) => replacement.to_string(),
        _ => capitalized_like(original, replacement),
    }
}

/// A capital first letter when the model has one (« Formation » → « Entraînement »).
fn capitalized_like(model: &str, word: &str) -> String {
    if model.chars().next().is_some_and(char::is_uppercase)
        && word.chars().next().is_some_and(char::is_lowercase)
    {
        let mut c = word.chars();
        return c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
    }
    word.to_string()
}

/// `word` with the case of `model`: capitals when the model is in capitals (two letters
/// or more), a capital first letter when the model has one.
fn with_case_of(model: &str, word: &str) -> String {
    let letters: Vec<char> = model.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && model.split_whitespace().count() == 1
    {
        return word.to_uppercase();
    }
    capitalized_like(model, word)
}

/// Words that elide before a vowel sound: the full form, what it becomes, and whether an
/// apostrophe (glued to the next word) or a space follows.
const ELIDE: &[(&str, &str, bool)] = &[
    ("le", "l", true),
    ("la", "l", true),
    ("de", "d", true),
    ("que", "qu", true),
    ("ne", "n", true),
    ("se", "s", true),
    ("je", "j", true),
    ("me", "m", true),
    ("te", "t", true),
    ("lorsque", "lorsqu", true),
    ("puisque", "puisqu", true),
    ("quoique", "quoiqu", true),
    ("jusque", "jusqu", true),
    ("du", "de l", true),
    ("au", "à l", true),
    ("ce", "cet", false),
    ("ma", "mon", false),
    ("ta", "ton", false),
    ("sa", "son", false),
];

/// Elided forms before a consonant: the full form, or None when it depends on the gender
/// (« l' » is « le » or « la »; « c' » only stands before « est »).
const UNELIDE: &[(&str, Option<&str>)] = &[
    ("d", Some("de")),
    ("qu", Some("que")),
    ("n", Some("ne")),
    ("s", Some("se")),
    ("j", Some("je")),
    ("m", Some("me")),
    ("t", Some("te")),
    ("lorsqu", Some("lorsque")),
    ("puisqu", Some("puisque")),
    ("quoiqu", Some("quoique")),
    ("jusqu", Some("jusque")),
    ("l", None),
    ("c", None),
];

fn elide(word: &str) -> Option<(&'static str, bool)> {
    let w = word.to_lowercase();
    ELIDE.iter().find(|e| e.0 == w).map(|e| (e.1, e.2))
}

fn unelide(word: &str) -> Option<Option<&'static str>> {
    let w = word.to_lowercase();
    UNELIDE.iter().find(|e| e.0 == w).map(|e| e.1)
}

/// Words with an aspirated « h » (no elision: « le hardware », « la hausse »), and a few
/// others that refuse it (« le onze », « le yaourt »). Compared without a final s/x.
const NO_ELISION: &[&str] = &[
    "haie",
    "haine",
    "hall",
    "halte",
    "hamac",
    "hameau",
    "hamster",
    "hanche",
    "handicap",
    "hangar",
    "hardware",
    "hareng",
    "haricot",
    "harpe",
    "hasard",
    "hâte",
    "hâtif",
    "hâtive",
    "havre",
    "héros",
    "hérisson",
    "hibou",
    "hippie",
    "hobby",
    "hockey",
    "holding",
    "homard",
    "honte",
    "hoquet",
    "hors",
    "hotline",
    "houle",
    "housse",
    "hublot",
    "hub",
    "huée",
    "huit",
    "huitième",
    "hutte",
    "hype",
    "onze",
    "onzième",
    "oui",
    "yacht",
    "yaourt",
    "yoga",
];

/// Beginnings of word families with an aspirated « h ».
const NO_ELISION_STEMS: &[&str] = &[
    "hach",
    "hack",
    "handicap",
    "harcel",
    "hasard",
    "hauss",
    "haut",
    "hiérarch",
    "hongr",
    "hurl",
];

/// Whether `text` starts with a vowel sound: Some(true) for « IA », « inférence »,
/// « homme »; Some(false) for « puce », « hausse », « yacht »; None when it does not start
/// with a letter.
fn vowel_sound(text: &str) -> Option<bool> {
    let end = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    let word = &text[..end];
    let first = word.chars().next()?;
    let letters = word.chars().count();
    let vowel = |c: char| {
        let f = crate::document::fold_accents(&c.to_lowercase().to_string());
        matches!(f.as_str(), "a" | "e" | "i" | "o" | "u")
    };
    if letters >= 2 && word.chars().all(char::is_uppercase) {
        // An acronym: « l'IA », « l'UE », but « la SNCF », « le FMI ».
        return Some(vowel(first));
    }
    let lower = word.to_lowercase();
    let bare = lower
        .strip_suffix(['s', 'x'])
        .filter(|b| b.chars().count() >= 3)
        .unwrap_or(&lower);
    if NO_ELISION.contains(&lower.as_str())
        || NO_ELISION.contains(&bare)
        || NO_ELISION_STEMS.iter().any(|s| lower.starts_with(s))
    {
        return Some(false);
    }
    let mut chars = lower.chars();
    match chars.next()? {
        'h' => Some(true),
        'y' => Some(!chars.next().is_some_and(vowel)),
        c => Some(vowel(c)),
    }
}

/// Start of the run of letters that ends `s`.
fn letters_start(s: &str) -> usize {
    s.char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(s.len(), |(i, _)| i)
}

/// True when a word starting at `at` is a word of its own (not the end of « est-ce »,
/// « aujourd'hui » or « M_le »).
fn word_boundary(s: &str, at: usize) -> bool {
    s[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_' || is_apostrophe(c)))
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != '\r'
}

/// Makes the words around the replacement agree with it: elision of the word before
/// (« la » + « entraînement » → « l'entraînement »), or its full form (« d' » + « puce »
/// → « de puce »), and the same at the end of the replacement. The range may grow to take
/// the word before or the blank after. Fails where the right form depends on gender.
fn adjust_elision(
    s: &str,
    a: usize,
    b: usize,
    rep: String,
    apos: char,
) -> Result<(usize, usize, String), SkipReason> {
    let (a0, mut a, mut b, mut rep) = (a, a, b, rep);
    let original_sound = vowel_sound(&s[a0..b]);
    // The word before.
    let before = &s[..a];
    if let Some(ap) = before.chars().next_back().filter(|c| is_apostrophe(*c)) {
        let w_end = a - ap.len_utf8();
        let w_start = letters_start(&s[..w_end]);
        if w_start < w_end && word_boundary(s, w_start) && vowel_sound(&rep) == Some(false) {
            let w = &s[w_start..w_end];
            match unelide(w) {
                Some(Some(full)) => {
                    rep = format!("{} {rep}", with_case_of(w, full));
                    a = w_start;
                }
                Some(None) => return Err(SkipReason::Elision),
                None => {}
            }
        }
    } else {
        let gap_start = before.trim_end_matches(is_blank).len();
        let w_start = letters_start(&s[..gap_start]);
        if gap_start < a && w_start < gap_start && word_boundary(s, w_start) {
            let w = &s[w_start..gap_start];
            let gap = &s[gap_start..a];
            let lower = w.to_lowercase();
            match vowel_sound(&rep) {
                Some(true) => {
                    if let Some((form, glued)) = elide(w) {
                        let form = with_case_of(w, form);
                        rep = if glued {
                            format!("{form}{apos}{rep}")
                        } else {
                            format!("{form}{gap}{rep}")
                        };
                        a = w_start;
                    }
                }
                Some(false) => {
                    if lower == "cet" {
                        rep = format!("{}{gap}{rep}", with_case_of(w, "ce"));
                        a = w_start;
                    } else if ["mon", "ton", "son"].contains(&lower.as_str())
                        && original_sound == Some(true)
                    {
                        // « son entraînement » → « sa formation » or « son … »?
                        return Err(SkipReason::Elision);
                    }
                }
                None => {}
            }
        }
    }
    // The end of the replacement and the word after.
    let original = &s[a0..b];
    let after = &s[b..];
    let glued_after = after.chars().next().is_some_and(char::is_alphabetic);
    let rep_last = letters_start(&rep);
    let rep_last_word = &rep[rep_last..];
    let last_is_word = !rep_last_word.is_empty() && word_boundary(&rep, rep_last);
    if original.chars().next_back().is_some_and(is_apostrophe) && glued_after {
        // « en termes d'investissement » → « en matière d'investissement ».
        if !rep.chars().next_back().is_some_and(is_apostrophe) {
            match elide(rep_last_word).filter(|_| last_is_word) {
                Some((form, true)) => {
                    rep = format!(
                        "{}{}{apos}",
                        &rep[..rep_last],
                        with_case_of(rep_last_word, form)
                    )
                }
                Some((form, false)) => {
                    rep = format!("{}{} ", &rep[..rep_last], with_case_of(rep_last_word, form))
                }
                None => rep.push(' '),
            }
        }
    } else if let Some(ap) = rep.chars().next_back().filter(|c| is_apostrophe(*c)) {
        // A replacement ending in « d' » before a word of the text.
        let blank = after.len() - after.trim_start_matches(is_blank).len();
        if blank > 0 {
            let w_end = rep.len() - ap.len_utf8();
            let w_start = letters_start(&rep[..w_end]);
            match vowel_sound(&after[blank..]) {
                Some(true) => b += blank,
                Some(false) => match unelide(&rep[w_start..w_end]) {
                    Some(Some(full)) => {
                        rep = format!(
                            "{}{}",
                            &rep[..w_start],
                            with_case_of(&rep[w_start..w_end], full)
                        )
                    }
                    Some(None) => return Err(SkipReason::Elision),
                    None => {}
                },
                None => {}
            }
        }
    } else if last_is_word {
        // A replacement ending in « de » before « inférence ».
        let blank = after.len() - after.trim_start_matches(is_blank).len();
        if blank > 0
            && vowel_sound(&after[blank..]) == Some(true)
            && let Some((form, glued)) = elide(rep_last_word)
        {
            let form = with_case_of(rep_last_word, form);
            if glued {
                rep = format!("{}{form}{apos}", &rep[..rep_last]);
                b += blank;
            } else {
                rep = format!("{}{form}", &rep[..rep_last]);
            }
        }
    }
    Ok((a, b, rep))
}

/// Puts the line breaks of `original` back into `rep`, each on the space of `rep` nearest
/// to where it stood; None when `rep` has too few spaces.
fn keep_line_breaks(original: &str, rep: &str) -> Option<String> {
    // Runs of white space holding a line break, with their relative place.
    let mut breaks: Vec<(f64, &str)> = Vec::new();
    let mut i = 0;
    let len = original.len().max(1) as f64;
    while i < original.len() {
        let c = original[i..].chars().next()?;
        if c.is_whitespace() {
            let run_len =
                original[i..].len() - original[i..].trim_start_matches(char::is_whitespace).len();
            let run = &original[i..i + run_len];
            if run.contains(['\n', '\r']) {
                breaks.push((i as f64 / len, run));
            }
            i += run_len;
        } else {
            i += c.len_utf8();
        }
    }
    let spaces: Vec<usize> = rep.match_indices(' ').map(|(i, _)| i).collect();
    if spaces.len() < breaks.len() {
        return None;
    }
    let mut chosen: Vec<(usize, &str)> = Vec::new();
    let mut next = 0;
    for (k, (at, run)) in breaks.iter().enumerate() {
        let want = (at * rep.len() as f64) as usize;
        // Leave enough spaces for the breaks still to place.
        let last = spaces.len() - (breaks.len() - k);
        let pick = (next..=last).min_by_key(|&j| spaces[j].abs_diff(want))?;
        chosen.push((spaces[pick], run));
        next = pick + 1;
    }
    let mut out = String::with_capacity(rep.len() + 8);
    let mut pos = 0;
    for (at, run) in chosen {
        out.push_str(&rep[pos..at]);
        out.push_str(run);
        pos = at + 1;
    }
    out.push_str(&rep[pos..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Suggestion};

    const G: &str = r#"
[glossary]
name = "t"

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
id = "inference"
source = ["inference"]
approved = ["inférence"]
severity = "error"

[[term.forbidden]]
term = "fonctionnement"
reason = "« inference » est l'inférence."
when = ["modèle"]

[[term]]
id = "chip"
source = ["chip"]
approved = ["puce"]
severity = "error"

[[term.forbidden]]
term = "interface"
reason = "test."
when = ["silicium"]

[[term]]
id = "capex"
approved = ["dépenses d'investissement"]
severity = "warning"

[[term.forbidden]]
term = "dépenses en capital"
reason = "calque."
suggest = ["dépenses d'investissement"]
"#;

    fn checker() -> Checker {
        Checker::new(crate::glossary::parse("t.toml", G).expect("test glossary"))
    }

    fn fix(text: &str, format: Format) -> FixOutcome {
        fix_text(
            &checker(),
            "t",
            text.to_string(),
            format,
            &FixOptions::default(),
            &|_| {},
        )
        .expect("parses")
    }

    fn fixed(text: &str) -> String {
        fix(text, Format::Text).text
    }

    /// A finding with one safe suggestion, for plan-level tests.
    fn diag(
        rule: &'static str,
        start: usize,
        end: usize,
        rep: &str,
        a: Applicability,
    ) -> Diagnostic {
        let mut d = Diagnostic::new(
            rule,
            Category::Terminology,
            Severity::Error,
            Span::new(start, end),
            "m",
        );
        d.suggestions = vec![Suggestion {
            replacement: rep.to_string(),
            applicability: a,
        }];
        d
    }

    /// The text after one safe forbidden-term fix of `start..end` into `replacement`.
    fn safe_fix(text: &str, start: usize, end: usize, replacement: &str) -> String {
        let d = diag(
            "forbidden-term",
            start,
            end,
            replacement,
            Applicability::Safe,
        );
        plan_text(text, &[d], false).0
    }

    fn plan_text(text: &str, diags: &[Diagnostic], unsafe_fixes: bool) -> (String, Plan) {
        let p = plan(text, Format::Text, &[], diags, &FixOptions { unsafe_fixes });
        (apply(text, &p.edits), p)
    }

    #[test]
    fn elision_before_a_vowel() {
        assert_eq!(
            fixed("La formation des modèles d'IA coûte cher.\n"),
            "L'entraînement des modèles d'IA coûte cher.\n"
        );
        assert_eq!(
            fixed("Le coût de la formation des modèles d'IA.\n"),
            "Le coût de l'entraînement des modèles d'IA.\n"
        );
        assert_eq!(
            fixed("Le coût du fonctionnement du modèle.\n"),
            "Le coût de l'inférence du modèle.\n"
        );
        assert_eq!(
            fixed("Un coût de fonctionnement du modèle.\n"),
            "Un coût d'inférence du modèle.\n"
        );
        assert_eq!(
            fixed("Il faut que fonctionnement du modèle soit rapide.\n"),
            "Il faut qu'inférence du modèle soit rapide.\n"
        );
        // The text's own apostrophe is kept.
        assert_eq!(
            fixed("La formation des modèles d’IA.\n"),
            "L’entraînement des modèles d’IA.\n"
        );
        // An aspirated h does not elide; « l'IA » stays.
        let (t, _) = plan_text(
            "la formation",
            &[diag("forbidden-term", 3, 12, "hausse", Applicability::Safe)],
            false,
        );
        assert_eq!(t, "la hausse");
        let t = safe_fix("la formation", 3, 12, "hiérarchie");
        assert_eq!(t, "la hiérarchie");
        let (t, _) = plan_text(
            "de formation",
            &[diag("forbidden-term", 3, 12, "homme", Applicability::Safe)],
            false,
        );
        assert_eq!(t, "d'homme");
        let (t, _) = plan_text(
            "l'AI",
            &[diag(
                "untranslated-english",
                2,
                4,
                "IA",
                Applicability::Safe,
            )],
            false,
        );
        assert_eq!(t, "l'IA");
        // Possessive and demonstrative: « sa » → « son », « ce » → « cet ».
        let t = safe_fix("sa formation", 3, 12, "entraînement");
        assert_eq!(t, "son entraînement");
        let t = safe_fix("ce calcul", 3, 9, "entraînement");
        assert_eq!(t, "cet entraînement");
        // « est-ce » is not a demonstrative.
        let t = safe_fix("est-ce calcul", 7, 13, "entraînement");
        assert_eq!(t, "est-ce entraînement");
    }

    /// `rep` for the first `needle` of `text`, as a forbidden term.
    fn fix_at(text: &str, needle: &str, rep: &str) -> (String, Plan) {
        let s = text.find(needle).expect("needle");
        plan_text(
            text,
            &[diag(
                "forbidden-term",
                s,
                s + needle.len(),
                rep,
                Applicability::Safe,
            )],
            false,
        )
    }

    #[test]
    fn elision_undone_before_a_consonant() {
        assert_eq!(
            fix_at("coût d'interface", "interface", "puce").0,
            "coût de puce"
        );
        assert_eq!(
            fix_at("D'interface, rien.", "interface", "puce").0,
            "De puce, rien."
        );
        assert_eq!(
            fix_at("cet entraînement", "entraînement", "calcul").0,
            "ce calcul"
        );
        // « l' » is « le » or « la »: gender unknown, not applied.
        let (t, p) = fix_at("l'interface", "interface", "puce");
        assert_eq!(t, "l'interface");
        assert_eq!(p.skipped[0].reason, SkipReason::Elision);
        let (t, p) = fix_at("son entraînement", "entraînement", "formation");
        assert_eq!(t, "son entraînement");
        assert_eq!(p.skipped[0].reason, SkipReason::Elision);
        // End of the span: « en termes d'investissement » → « en matière d'investissement ».
        assert_eq!(
            fix_at(
                "en termes d'investissement",
                "en termes d'",
                "en matière de"
            )
            .0,
            "en matière d'investissement"
        );
        assert_eq!(
            fix_at("en termes d'investissement", "en termes d'", "concernant").0,
            "concernant investissement"
        );
        assert_eq!(
            fix_at("quant aux investissements", "quant aux", "au sujet de").0,
            "au sujet d'investissements"
        );
        assert_eq!(
            fix_at("à propos de puces", "à propos de", "en matière d'").0,
            "en matière de puces"
        );
        assert_eq!(
            fix_at("à propos de IA", "à propos de", "en matière d'").0,
            "en matière d'IA"
        );
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(
            fixed("Formation des modèles d'IA, un coût.\n"),
            "Entraînement des modèles d'IA, un coût.\n"
        );
        let t = safe_fix("LA FORMATION DES MODÈLES", 3, 12, "entraînement");
        assert_eq!(t, "L'ENTRAÎNEMENT DES MODÈLES");
        // An acronym is not a word in capitals.
        let t = safe_fix("le ML progresse", 3, 5, "apprentissage automatique");
        assert_eq!(t, "l'apprentissage automatique progresse");
        assert_eq!(
            fix_at("Les modèles de formation", "formation", "entraînement").0,
            "Les modèles d'entraînement"
        );
        // Names keep their own case.
        let (t, _) = plan_text(
            "NVIDIA vend.",
            &[diag("entity-spelling", 0, 6, "Nvidia", Applicability::Safe)],
            false,
        );
        assert_eq!(t, "Nvidia vend.");
    }

    #[test]
    fn only_one_safe_replacement_is_applied() {
        let mut two = diag("forbidden-term", 0, 4, "a", Applicability::Safe);
        two.suggestions.push(Suggestion {
            replacement: "b".into(),
            applicability: Applicability::Safe,
        });
        let (t, p) = plan_text("xxxx", &[two], false);
        assert_eq!(t, "xxxx");
        assert_eq!(p.skipped[0].reason, SkipReason::Ambiguous);
        let shown = diag("calque", 0, 4, "a", Applicability::DisplayOnly);
        let (t, p) = plan_text("xxxx", &[shown], true);
        assert_eq!((t.as_str(), p.skipped.len()), ("xxxx", 0));
        let risky = diag("near-miss", 0, 4, "abcd", Applicability::Unsafe);
        let (t, p) = plan_text("xxxx", std::slice::from_ref(&risky), false);
        assert_eq!(t, "xxxx");
        assert_eq!(p.skipped[0].reason, SkipReason::NeedsUnsafe);
        let (t, _) = plan_text("xxxx", &[risky], true);
        assert_eq!(t, "abcd");
    }

    #[test]
    fn overlapping_edits_keep_the_first() {
        let text = "un deux trois";
        let diags = [
            diag("calque", 3, 13, "2 3", Applicability::Safe),
            diag("forbidden-term", 0, 7, "1 2", Applicability::Safe),
            diag("doubled-word", 8, 13, "3", Applicability::Safe),
        ];
        let (t, p) = plan_text(text, &diags, false);
        assert_eq!(t, "1 2 3");
        assert_eq!(p.edits.len(), 2);
        assert_eq!(
            p.skipped,
            vec![Skipped {
                rule: "calque",
                span: Span::new(3, 13),
                reason: SkipReason::Overlap
            }]
        );
        // The same edit suggested by two rules is one edit.
        let diags = [
            diag("entity-spelling", 0, 6, "Nvidia", Applicability::Safe),
            diag("entity-inconsistent", 0, 6, "Nvidia", Applicability::Safe),
        ];
        let (t, p) = plan_text("NVIDIA", &diags, false);
        assert_eq!(
            (t.as_str(), p.edits.len(), p.edits[0].rules.len()),
            ("Nvidia", 1, 2)
        );
    }

    #[test]
    fn line_breaks_and_bom_are_kept() {
        let text = "\u{FEFF}Ligne un.\r\nLa formation des modèles d'IA\r\ncoûte cher.\r\n";
        let out = fixed(text);
        assert_eq!(
            out,
            "\u{FEFF}Ligne un.\r\nL'entraînement des modèles d'IA\r\ncoûte cher.\r\n"
        );
        // A span over a line break keeps it on a space of the replacement.
        let t = safe_fix(
            "des dépenses\r\nen capital.",
            4,
            25,
            "dépenses d'investissement plus",
        );
        assert_eq!(t, "des dépenses\r\nd'investissement plus.");
        let (t, p) = plan_text(
            "des dépenses\nen capital.",
            &[diag("forbidden-term", 4, 22, "capex", Applicability::Safe)],
            false,
        );
        assert_eq!(t, "des dépenses\nen capital.");
        assert_eq!(p.skipped[0].reason, SkipReason::LineBreak);
    }

    #[test]
    fn a_replacement_flagged_again_is_refused() {
        // prh's trap: the replacement matches the forbidden pattern itself.
        let g = r#"
[glossary]
name = "t"
[[term]]
id = "x"
approved = ["cours"]
[[term.forbidden]]
term = "formation"
reason = "r"
suggest = ["formations"]
"#;
        let c = Checker::new(crate::glossary::parse("t.toml", g).unwrap());
        let out = fix_text(
            &c,
            "t",
            "Une formation.\n".into(),
            Format::Text,
            &FixOptions::default(),
            &|_| {},
        )
        .unwrap();
        assert_eq!(out.text, "Une formation.\n");
        assert_eq!(out.skipped[0].reason, SkipReason::Loops);
        assert!(out.converged && out.passes == 0);
    }

    #[test]
    fn fixing_twice_changes_nothing() {
        let text = "La formation des modèles d'IA. Les dépenses en capital du modèle. Formation du modèle d'IA.\n";
        let once = fix(text, Format::Text);
        assert_ne!(once.text, text);
        assert!(once.converged && once.passes <= 2, "{}", once.passes);
        let twice = fix(&once.text, Format::Text);
        assert_eq!(twice.text, once.text);
        assert_eq!(twice.passes, 0);
    }

    const PO: &str = "# Traduction\nmsgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n#: a.c:1\nmsgid \"Training \\\"AI\\\" models\"\nmsgstr \"La formation des \\\"modèles\\\" d'IA\"\n\nmsgid \"Capital spending on the model\"\nmsgstr \"\"\n\"Les dépenses \"\n\"en capital du modèle\"\n";

    /// The bytes before the first target edit and after the last one are untouched, and
    /// every edit lies inside a target.
    fn assert_only_targets_changed(before: &str, out: &FixOutcome, format: Format) {
        let units = format.parse_bilingual(before).unwrap().unwrap().units;
        let targets: Vec<(usize, usize)> = units.iter().filter_map(|u| u.target_range).collect();
        assert_eq!(out.passes, 1);
        for e in &out.applied {
            assert!(
                targets
                    .iter()
                    .any(|&(s, t)| s <= e.span.start && e.span.end <= t),
                "{e:?}"
            );
        }
        let prefix = before
            .bytes()
            .zip(out.text.bytes())
            .take_while(|(x, y)| x == y)
            .count();
        let suffix = before
            .bytes()
            .rev()
            .zip(out.text.bytes().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let first = out.applied.iter().map(|e| e.span.start).min().unwrap();
        let last = out.applied.iter().map(|e| e.span.end).max().unwrap();
        assert!(
            prefix >= first && before.len() - suffix <= last,
            "{prefix} {first} {suffix} {last}"
        );
        assert_eq!(before[..first], out.text[..first]);
        assert_eq!(
            before[last..],
            out.text[out.text.len() - (before.len() - last)..]
        );
    }

    #[test]
    fn po_targets_only_escaped() {
        let out = fix(PO, Format::Po);
        assert_eq!(
            out.text,
            "# Traduction\nmsgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n#: a.c:1\nmsgid \"Training \\\"AI\\\" models\"\nmsgstr \"L'entraînement des \\\"modèles\\\" d'IA\"\n\nmsgid \"Capital spending on the model\"\nmsgstr \"\"\n\"Les dépenses \"\n\"d'investissement du modèle\"\n"
        );
        assert_only_targets_changed(PO, &out, Format::Po);
        assert_eq!(fix(&out.text, Format::Po).text, out.text);
    }

    #[test]
    fn po_replacement_is_escaped_and_continuations_kept() {
        let po = "msgid \"Capital spending\"\nmsgstr \"\"\n\"Les dépenses \"\n\"en capital\"\n";
        let units = Format::Po.parse_bilingual(po).unwrap().unwrap().units;
        let start = po.find("dépenses \"").unwrap();
        let end = po.find("capital\"").unwrap() + "capital".len();
        let d = diag(
            "forbidden-term",
            start,
            end,
            "dépenses \"à\" \\ investir",
            Applicability::Safe,
        );
        let p = plan(po, Format::Po, &units, &[d], &FixOptions::default());
        assert_eq!(
            apply(po, &p.edits),
            "msgid \"Capital spending\"\nmsgstr \"\"\n\"Les dépenses \"\n\"\\\"à\\\" \\\\ investir\"\n"
        );
        // Outside the target: not applied.
        let d = diag("unused-suppression", 0, 5, "", Applicability::Safe);
        let p = plan(po, Format::Po, &units, &[d], &FixOptions::default());
        assert!(p.edits.is_empty());
        assert_eq!(p.skipped[0].reason, SkipReason::OutsideTarget);
    }

    const XLF: &str = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"en\" trgLang=\"fr\">\r\n<file id=\"f\">\r\n<unit id=\"u1\"><segment><source>Training AI models &amp; chips</source>\r\n<target>La formation des modèles d'IA &amp; des <pc id=\"1\">puces</pc></target></segment></unit>\r\n<unit id=\"u2\"><segment><source>Capital spending</source>\r\n<target>Les dépenses en capital du <ph id=\"2\"/>modèle</target></segment></unit>\r\n</file>\r\n</xliff>\r\n";

    #[test]
    fn xliff_targets_only_bom_and_crlf_kept() {
        let out = fix(XLF, Format::Xliff);
        let expected = XLF
            .replace("La formation des", "L'entraînement des")
            .replace("dépenses en capital", "dépenses d'investissement");
        assert_eq!(out.text, expected);
        assert_only_targets_changed(XLF, &out, Format::Xliff);
        assert!(out.text.starts_with('\u{FEFF}'));
        assert_eq!(
            out.text.matches("\r\n").count(),
            XLF.matches("\r\n").count()
        );
        assert_eq!(fix(&out.text, Format::Xliff).text, out.text);
    }

    #[test]
    fn xml_replacement_is_escaped_and_markup_untouched() {
        let units = Format::Xliff.parse_bilingual(XLF).unwrap().unwrap().units;
        let s = XLF.find("modèles d'IA").unwrap();
        let d = diag(
            "forbidden-term",
            s,
            s + "modèles".len(),
            "<modèles> & co",
            Applicability::Safe,
        );
        let p = plan(XLF, Format::Xliff, &units, &[d], &FixOptions::default());
        assert!(apply(XLF, &p.edits).contains("des &lt;modèles&gt; &amp; co d'IA"));
        // A span across inline markup is not fixed.
        let s = XLF.find("du <ph").unwrap();
        let e = XLF.find("modèle</target>").unwrap() + "modèle".len();
        let d = diag("forbidden-term", s, e, "du puce", Applicability::Safe);
        let p = plan(XLF, Format::Xliff, &units, &[d], &FixOptions::default());
        assert!(p.edits.is_empty());
        assert_eq!(p.skipped[0].reason, SkipReason::Markup);
    }

    #[test]
    fn tmx_targets_escaped_cdata_raw() {
        let tmx = "<tmx version=\"1.4\">\r\n<header srclang=\"en\"/>\r\n<body>\r\n<tu tuid=\"1\">\r\n\
            <tuv xml:lang=\"en\"><seg>Training AI models &amp; more</seg></tuv>\r\n\
            <tuv xml:lang=\"fr\"><seg>La formation &amp; les modèles d&apos;IA <![CDATA[<b>formation</b>]]></seg></tuv>\r\n</tu>\r\n</body>\r\n</tmx>\r\n";
        let units = Format::Tmx.parse_bilingual(tmx).unwrap().unwrap().units;
        let d = |needle: &str, rep: &str| {
            let s = tmx.find(needle).unwrap();
            diag(
                "forbidden-term",
                s,
                s + needle.len(),
                rep,
                Applicability::Safe,
            )
        };
        let p = plan(
            tmx,
            Format::Tmx,
            &units,
            &[d("formation &amp;", "entraînement & <x>")],
            &FixOptions::default(),
        );
        let out = apply(tmx, &p.edits);
        assert!(
            out.contains("<seg>L'entraînement &amp; &lt;x&gt; les modèles d&apos;IA"),
            "{out}"
        );
        // Inside CDATA, no entities.
        let s = tmx.rfind("formation").unwrap();
        let in_cdata = diag(
            "forbidden-term",
            s,
            s + "formation".len(),
            "a & b",
            Applicability::Safe,
        );
        let p = plan(
            tmx,
            Format::Tmx,
            &units,
            &[in_cdata],
            &FixOptions::default(),
        );
        assert!(apply(tmx, &p.edits).contains("<![CDATA[<b>a & b</b>]]>"));
        assert_eq!(
            apply(tmx, &p.edits).matches("\r\n").count(),
            tmx.matches("\r\n").count()
        );
    }

    /// The article and its PO and XLIFF versions: every fix applies in one pass, a second
    /// run changes nothing, and only target text changes.
    #[test]
    fn the_article_converges_in_two_passes() {
        let checker = Checker::new(crate::glossary::defaults::load().expect("default glossaries"));
        for (name, text, format) in [
            (
                "meta-puce-ia.fr.txt",
                include_str!("../corpus/meta-puce-ia.fr.txt"),
                Format::Text,
            ),
            (
                "meta-puce-ia.fr.po",
                include_str!("../corpus/meta-puce-ia.fr.po"),
                Format::Po,
            ),
            (
                "meta-puce-ia.fr.xlf",
                include_str!("../corpus/meta-puce-ia.fr.xlf"),
                Format::Xliff,
            ),
        ] {
            let opts = FixOptions::default();
            let once =
                fix_text(&checker, name, text.to_string(), format, &opts, &|_| {}).expect("parses");
            assert!(
                once.converged && (1..=2).contains(&once.passes),
                "{name}: {} passes",
                once.passes
            );
            eprintln!(
                "{name}: {} edits in {} pass(es), {} skipped",
                once.applied.len(),
                once.passes,
                once.skipped.len()
            );
            assert!(once.applied.len() >= 4, "{name}: {:?}", once.applied);
            assert!(
                once.text.contains("pour l'entraînement de systèmes"),
                "{name}"
            );
            assert!(
                once.text.contains("plutôt que pour l'entraînement."),
                "{name}"
            );
            assert!(
                once.text.contains("chaîne d'approvisionnement mondiale"),
                "{name}"
            );
            if format.is_bilingual() {
                let before = format.parse_bilingual(text).unwrap().unwrap().units;
                let after = format.parse_bilingual(&once.text).unwrap().unwrap().units;
                assert_eq!(before.len(), after.len());
                for (b, a) in before.iter().zip(&after) {
                    assert_eq!((&b.id, &b.source), (&a.id, &a.source), "{name}");
                }
                if once.passes == 1 {
                    assert_only_targets_changed(text, &once, format);
                }
            }
            let twice = fix_text(&checker, name, once.text.clone(), format, &opts, &|_| {})
                .expect("parses");
            assert_eq!(twice.text, once.text, "{name}");
            assert_eq!(twice.passes, 0, "{name}");
        }
    }

    #[test]
    fn vowel_sounds() {
        for w in [
            "IA",
            "inférence",
            "homme",
            "hôpital",
            "entraînement",
            "UE",
            "Yves",
        ] {
            assert_eq!(vowel_sound(w), Some(true), "{w}");
        }
        for w in [
            "puce", "hausse", "hardware", "hackers", "héros", "hasard", "handicap", "hâte", "haut",
            "SNCF", "yacht", "onze",
        ] {
            assert_eq!(vowel_sound(w), Some(false), "{w}");
        }
        assert_eq!(vowel_sound("« x »"), None);
        assert_eq!(vowel_sound("8"), None);
    }
}
