/*! A quality score in the manner of the MQM scoring model (Multidimensional Quality
Metrics, "MQM Core" non-calibrated scoring), for the correction reports.

Each finding gets an MQM severity from its relecture severity:

| relecture | MQM | default weight |
|---|---|---|
| `info` | neutral (recorded, not counted: suggestions and repetitions, not errors) | 0 |
| `warning` | minor | 1 |
| `error` | major | 5 |
| `error` of a rule in [`CRITICAL_RULES`] (a figure changed, a passage lost, a broken placeholder) | critical | 25 |

Then, with *EWC* the evaluation word count (the words of the checked text; for a bilingual
file the words of the targets):

- absolute penalty total `APT = Σ weight(severity)`;
- normed penalty `ONPT = APT × 1000 / EWC` (penalty points per 1000 words);
- quality score `OQS = 100 × (1 − APT / EWC)`, i.e. `100 − ONPT / 10`, floored at 0;
- verdict: *pass* when `ONPT ≤ threshold` (default 10 points per 1000 words, i.e. a score
  of 99 or more).

A text with no words counts as one word (so that a finding on an empty target still costs).
Several files are scored together: their penalties and their words are added up. Pure:
no I/O. */

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::FileResult;
use std::fmt;

/// Rules whose `error` findings are critical: the reader is misinformed (a figure
/// changed or lost, a passage of the source missing) or the software breaks (a
/// placeholder lost).
pub const CRITICAL_RULES: &[&str] = &["number-mismatch", "omitted-segment", "placeholder-mismatch"];

/// Words of the MQM reference text the penalty is normed to.
pub const REFERENCE_WORDS: f64 = 1000.0;

/// MQM severity levels, from least to most serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MqmSeverity {
    Neutral,
    Minor,
    Major,
    Critical,
}

impl MqmSeverity {
    pub const ALL: [MqmSeverity; 4] = [
        MqmSeverity::Neutral,
        MqmSeverity::Minor,
        MqmSeverity::Major,
        MqmSeverity::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MqmSeverity::Neutral => "neutral",
            MqmSeverity::Minor => "minor",
            MqmSeverity::Major => "major",
            MqmSeverity::Critical => "critical",
        }
    }

    /// The French label shown to editors.
    pub fn label_fr(self) -> &'static str {
        match self {
            MqmSeverity::Neutral => "neutre",
            MqmSeverity::Minor => "mineure",
            MqmSeverity::Major => "majeure",
            MqmSeverity::Critical => "critique",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The MQM severity of a finding (see the module documentation).
pub fn severity_of(d: &Diagnostic) -> MqmSeverity {
    match d.severity {
        Severity::Info => MqmSeverity::Neutral,
        Severity::Warning => MqmSeverity::Minor,
        Severity::Error if CRITICAL_RULES.contains(&d.rule) => MqmSeverity::Critical,
        Severity::Error => MqmSeverity::Major,
    }
}

/// Penalty points of each MQM severity (neutral always weighs 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub minor: f64,
    pub major: f64,
    pub critical: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            minor: 1.0,
            major: 5.0,
            critical: 25.0,
        }
    }
}

impl Weights {
    /// Parses `"minor,major,critical"`, e.g. `"1,5,25"`: three finite numbers ≥ 0.
    pub fn parse(s: &str) -> Result<Weights, String> {
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        if parts.len() != 3 {
            return Err(format!(
                "poids invalides « {s} » : il faut trois nombres séparés par des virgules (mineure, majeure, critique), par exemple « 1,5,25 »"
            ));
        }
        let mut values = [0.0; 3];
        for (v, p) in values.iter_mut().zip(&parts) {
            *v = p
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x >= 0.0)
                .ok_or_else(|| {
                    format!(
                        "poids invalide « {p} » dans « {s} » : il faut un nombre positif ou nul"
                    )
                })?;
        }
        Ok(Weights {
            minor: values[0],
            major: values[1],
            critical: values[2],
        })
    }

    pub fn of(&self, s: MqmSeverity) -> f64 {
        match s {
            MqmSeverity::Neutral => 0.0,
            MqmSeverity::Minor => self.minor,
            MqmSeverity::Major => self.major,
            MqmSeverity::Critical => self.critical,
        }
    }
}

impl fmt::Display for Weights {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{}", self.minor, self.major, self.critical)
    }
}

/// The score of a text (or of several texts taken together).
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Evaluation word count (EWC).
    pub words: usize,
    /// Findings per MQM severity, indexed by `MqmSeverity as usize`.
    pub counts: [usize; 4],
    /// Absolute penalty total (APT).
    pub penalty: f64,
    /// Penalty points per 1000 words (ONPT).
    pub per_thousand: f64,
    /// Quality score (OQS), from 0 to 100.
    pub quality: f64,
    /// Maximum penalty per 1000 words for a pass.
    pub threshold: f64,
    pub pass: bool,
    pub weights: Weights,
}

impl Score {
    /// Scores findings on a text of `words` words.
    pub fn new<'a>(
        findings: impl IntoIterator<Item = &'a Diagnostic>,
        words: usize,
        weights: Weights,
        threshold: f64,
    ) -> Score {
        let mut counts = [0; 4];
        for d in findings {
            counts[severity_of(d).index()] += 1;
        }
        Score::from_counts(counts, words, weights, threshold)
    }

    /// Scores files together: their penalties and their words add up.
    pub fn of_files(files: &[FileResult], weights: Weights, threshold: f64) -> Score {
        let words = files.iter().map(|f| f.doc.word_count()).sum();
        Score::new(
            files.iter().flat_map(|f| &f.diagnostics),
            words,
            weights,
            threshold,
        )
    }

    /// Scores one file.
    pub fn of_file(file: &FileResult, weights: Weights, threshold: f64) -> Score {
        Score::new(&file.diagnostics, file.doc.word_count(), weights, threshold)
    }

    pub fn from_counts(
        counts: [usize; 4],
        words: usize,
        weights: Weights,
        threshold: f64,
    ) -> Score {
        let penalty: f64 = MqmSeverity::ALL
            .iter()
            .map(|&s| counts[s.index()] as f64 * weights.of(s))
            .sum();
        let ewc = words.max(1) as f64;
        let per_thousand = penalty * REFERENCE_WORDS / ewc;
        let quality = (100.0 * (1.0 - penalty / ewc)).max(0.0);
        Score {
            words,
            counts,
            penalty,
            per_thousand,
            quality,
            threshold,
            pass: per_thousand <= threshold,
            weights,
        }
    }

    pub fn count(&self, s: MqmSeverity) -> usize {
        self.counts[s.index()]
    }

    /// « accepté » or « refusé ».
    pub fn verdict_fr(&self) -> &'static str {
        if self.pass { "accepté" } else { "refusé" }
    }
}

/// A number the French way: decimal comma, narrow no-break space between thousands,
/// `decimals` digits after the comma (trailing zeros kept).
pub fn format_fr(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x);
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{202F}');
        }
        grouped.push(c);
    }
    let sign = if sign == "-"
        && grouped.chars().all(|c| c == '0' || c == '\u{202F}')
        && frac.chars().all(|c| c == '0')
    {
        ""
    } else {
        sign
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Span};

    fn d(rule: &'static str, severity: Severity) -> Diagnostic {
        Diagnostic::new(rule, Category::Terminology, severity, Span::new(0, 1), "m")
    }

    #[test]
    fn severities_map_to_mqm_levels() {
        assert_eq!(
            severity_of(&d("calque", Severity::Info)),
            MqmSeverity::Neutral
        );
        assert_eq!(
            severity_of(&d("calque", Severity::Warning)),
            MqmSeverity::Minor
        );
        assert_eq!(
            severity_of(&d("forbidden-term", Severity::Error)),
            MqmSeverity::Major
        );
        assert_eq!(
            severity_of(&d("number-mismatch", Severity::Error)),
            MqmSeverity::Critical
        );
        assert_eq!(
            severity_of(&d("omitted-segment", Severity::Error)),
            MqmSeverity::Critical
        );
        // Lowered by the configuration: no longer critical.
        assert_eq!(
            severity_of(&d("number-mismatch", Severity::Warning)),
            MqmSeverity::Minor
        );
    }

    #[test]
    fn score_follows_the_mqm_formula() {
        let findings = vec![
            d("forbidden-term", Severity::Error),
            d("calque", Severity::Warning),
            d("calque", Severity::Warning),
            d("overuse", Severity::Info),
        ];
        let s = Score::new(&findings, 500, Weights::default(), 10.0);
        assert_eq!(s.counts, [1, 2, 1, 0]);
        assert_eq!(s.penalty, 7.0);
        assert!((s.per_thousand - 14.0).abs() < 1e-9);
        assert!((s.quality - 98.6).abs() < 1e-9);
        assert!(!s.pass);
        let s = Score::new(&findings, 1000, Weights::default(), 10.0);
        assert!((s.per_thousand - 7.0).abs() < 1e-9);
        assert!((s.quality - 99.3).abs() < 1e-9);
        assert!(s.pass);
    }

    #[test]
    fn threshold_is_inclusive_and_score_floored_at_zero() {
        let findings = vec![d("forbidden-term", Severity::Error); 2];
        assert!(Score::new(&findings, 1000, Weights::default(), 10.0).pass);
        let s = Score::new(&findings, 5, Weights::default(), 10.0);
        assert_eq!(s.quality, 0.0);
        assert_eq!(s.per_thousand, 2000.0);
    }

    #[test]
    fn critical_weighs_25_and_empty_texts_count_one_word() {
        let s = Score::new(
            &[d("omitted-segment", Severity::Error)],
            0,
            Weights::default(),
            10.0,
        );
        assert_eq!(s.penalty, 25.0);
        assert_eq!(s.quality, 0.0);
        let s = Score::new(&[], 0, Weights::default(), 10.0);
        assert_eq!((s.penalty, s.quality, s.pass), (0.0, 100.0, true));
    }

    #[test]
    fn weights_are_configurable() {
        let w = Weights::parse("0.5, 2,10").unwrap();
        assert_eq!(
            w,
            Weights {
                minor: 0.5,
                major: 2.0,
                critical: 10.0
            }
        );
        let s = Score::new(
            &[d("x", Severity::Warning), d("y", Severity::Error)],
            100,
            w,
            10.0,
        );
        assert_eq!(s.penalty, 2.5);
        assert_eq!(Weights::parse("1,5,25").unwrap(), Weights::default());
        assert!(Weights::parse("1,5").is_err());
        assert!(Weights::parse("1,-5,25").is_err());
        assert!(Weights::parse("1,x,25").is_err());
        assert!(Weights::parse("1,inf,25").is_err());
    }

    #[test]
    fn numbers_are_written_the_french_way() {
        assert_eq!(format_fr(88.8636, 1), "88,9");
        assert_eq!(format_fr(1234.5, 1), "1\u{202F}234,5");
        assert_eq!(format_fr(440.0, 0), "440");
        assert_eq!(format_fr(1_000_000.0, 0), "1\u{202F}000\u{202F}000");
        assert_eq!(format_fr(-0.01, 1), "0,0");
    }
}
