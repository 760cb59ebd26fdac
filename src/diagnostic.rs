/*! What a rule reports: a span of the original file, a rule id, an MQM category, a severity,
a French message and replacement suggestions. Line and column are computed only when a
report is rendered (see `document::LineIndex`). */

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// A byte range into the original file, end-exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    /// The French label shown to editors.
    pub fn label_fr(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "avertissement",
            Severity::Error => "erreur",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// MQM error categories (Multidimensional Quality Metrics), the subset relecture reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Category {
    #[serde(rename = "terminology")]
    Terminology,
    #[serde(rename = "accuracy/mistranslation")]
    Mistranslation,
    #[serde(rename = "accuracy/untranslated")]
    Untranslated,
    #[serde(rename = "fluency/grammar")]
    Grammar,
    #[serde(rename = "style")]
    Style,
    #[serde(rename = "locale-convention")]
    LocaleConvention,
    #[serde(rename = "accuracy/omission")]
    Omission,
    #[serde(rename = "accuracy/addition")]
    Addition,
    #[serde(rename = "fluency/inconsistency")]
    Inconsistency,
    #[serde(rename = "fluency/punctuation")]
    Punctuation,
    #[serde(rename = "fluency/spelling")]
    Spelling,
    #[serde(rename = "design/markup")]
    Markup,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Terminology => "terminology",
            Category::Mistranslation => "accuracy/mistranslation",
            Category::Untranslated => "accuracy/untranslated",
            Category::Grammar => "fluency/grammar",
            Category::Style => "style",
            Category::LocaleConvention => "locale-convention",
            Category::Omission => "accuracy/omission",
            Category::Addition => "accuracy/addition",
            Category::Inconsistency => "fluency/inconsistency",
            Category::Punctuation => "fluency/punctuation",
            Category::Spelling => "fluency/spelling",
            Category::Markup => "design/markup",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure a suggestion is; decides what `--fix` may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// One unambiguous replacement.
    Safe,
    /// A plausible rewrite that needs a human eye.
    Unsafe,
    /// Shown to the reader, never applied.
    DisplayOnly,
}

impl Applicability {
    /// The name in the JSON report (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub replacement: String,
    pub applicability: Applicability,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub suggestions: Vec<Suggestion>,
    /// Extra explanation (the glossary entry's note), in French. Shared: a glossary entry
    /// found ten thousand times gives its note and its id to each finding without a copy.
    pub note: Option<Arc<str>>,
    /// The glossary entry behind the finding, when there is one.
    pub entry: Option<Arc<str>>,
    /// The translation unit of a bilingual file (XLIFF id, PO msgctxt or msgid line).
    pub unit: Option<String>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        category: Category,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            category,
            severity,
            span,
            message: message.into(),
            suggestions: Vec::new(),
            note: None,
            entry: None,
            unit: None,
        }
    }

    /// Replacement suggestions: safe when there is exactly one, display-only otherwise.
    pub fn with_replacements<I, S>(mut self, replacements: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.suggestions = replacements
            .into_iter()
            .map(|r| Suggestion {
                replacement: r.into(),
                applicability: Applicability::Safe,
            })
            .collect();
        if self.suggestions.len() != 1 {
            self = self.with_applicability(Applicability::DisplayOnly);
        }
        self
    }

    pub fn with_applicability(mut self, applicability: Applicability) -> Self {
        for s in &mut self.suggestions {
            s.applicability = applicability;
        }
        self
    }

    pub fn with_note(mut self, note: Option<String>) -> Self {
        self.note = note.filter(|n| !n.is_empty()).map(Arc::from);
        self
    }

    /// `with_note` of a note shared with other findings.
    pub fn with_shared_note(mut self, note: Arc<str>) -> Self {
        self.note = Some(note).filter(|n| !n.is_empty());
        self
    }

    pub fn with_entry(self, entry: impl AsRef<str>) -> Self {
        self.with_shared_entry(Arc::from(entry.as_ref()))
    }

    /// `with_entry` of an id shared with other findings.
    pub fn with_shared_entry(mut self, entry: Arc<str>) -> Self {
        self.entry = Some(entry);
        self
    }
}

/// Sort diagnostics the way every report shows them: by offset, then rule.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule,
            &b.message,
        ))
    });
}
