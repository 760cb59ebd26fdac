/*! External checkers that relecture can run as a second opinion, never required. They
are the only part of the library that starts other programs or opens connections.

Each is an [`Engine`]: given a checked document, it returns its own findings with byte
offsets into the file and rule ids prefixed with its name (`grammalecte/…`,
`languagetool/…`). The checker merges them with its own before suppression directives and
configuration apply, dropping those that repeat one of relecture's findings ([`merge`]). */

pub mod grammalecte;
pub mod languagetool;

use crate::diagnostic::{Applicability, Category, Diagnostic, Suggestion};
use crate::document::Document;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A second checker run on the same document.
pub trait Engine: Send + Sync {
    /// Its name, for messages (« Grammalecte », « LanguageTool »).
    fn name(&self) -> &'static str;
    /// Its findings on `doc`; an error message (in French) when it could not run.
    fn check(&self, doc: &Document) -> Result<Vec<Diagnostic>, String>;
}

/// Prefixes of the rule ids engines give their findings: configuration files and
/// suppression directives may name them (`grammalecte/…`, or `grammalecte` for all).
pub const PREFIXES: &[&str] = &["grammalecte", "languagetool"];

/// True when `id` names an engine's rule or all of an engine's rules.
pub fn is_engine_rule(id: &str) -> bool {
    PREFIXES.iter().any(|p| {
        id == *p
            || id
                .strip_prefix(p)
                .and_then(|r| r.strip_prefix('/'))
                .is_some_and(|r| !r.is_empty())
    })
}

/// Adds an engine's findings to relecture's, without those that repeat one of ours: a
/// finding of the same category that overlaps one of ours, or any finding on exactly the
/// same span as one of ours.
pub fn merge(ours: &mut Vec<Diagnostic>, theirs: Vec<Diagnostic>) {
    let mut kept = Vec::new();
    for d in theirs {
        let dup = ours.iter().any(|o| {
            o.span == d.span
                || (o.span.overlaps(&d.span)
                    || (d.span.start == d.span.end && o.span.contains(&d.span)))
                    && (o.category == d.category
                        || matches!(
                            (o.category, d.category),
                            (Category::Grammar, Category::Spelling)
                                | (Category::Spelling, Category::Grammar)
                        ))
        });
        if !dup
            && !kept
                .iter()
                .any(|k: &Diagnostic| k.span == d.span && k.message == d.message)
        {
            kept.push(d);
        }
    }
    ours.extend(kept);
    crate::diagnostic::sort_diagnostics(ours);
}

/// Rule ids are `&'static str`: the engines' few hundred rule ids are interned once.
pub(crate) fn intern(s: &str) -> &'static str {
    static TABLE: OnceLock<Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut t = TABLE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&x) = t.get(s) {
        return x;
    }
    let leaked: &'static str = Box::leak(s.to_string().into_boxed_str());
    t.insert(s.to_string(), leaked);
    leaked
}

/// An engine's corrections as suggestions: the first three, applied by `--fix --unsafe`
/// only when there is a single one (several are choices for the translator), with a note
/// naming the engine.
pub(crate) fn attach_suggestions(d: &mut Diagnostic, engine: &str, replacements: Vec<String>) {
    let applicability = if replacements.len() > 1 {
        Applicability::DisplayOnly
    } else {
        Applicability::Unsafe
    };
    d.suggestions = replacements
        .into_iter()
        .take(3)
        .map(|replacement| Suggestion {
            replacement,
            applicability,
        })
        .collect();
    d.note = Some(format!("Signalé par {engine}.").into());
}

/// Engine messages use typographic English quotes and may lack a final full stop; ours
/// use « » and end with one.
pub(crate) fn tidy(m: &str) -> String {
    let m = m.trim().replace('“', "« ").replace('”', " »");
    if m.ends_with(['.', '?', '!', '»']) {
        m
    } else {
        format!("{m}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Severity, Span};

    #[test]
    fn engine_rule_ids() {
        assert!(is_engine_rule("grammalecte/g3__gn_une_2m"));
        assert!(is_engine_rule("grammalecte"));
        assert!(is_engine_rule("languagetool/ACCORD_GENRE"));
        assert!(!is_engine_rule("grammalecte/"));
        assert!(!is_engine_rule("grammalecteX/a"));
        assert!(!is_engine_rule("agreement"));
    }

    #[test]
    fn duplicates_of_our_findings_are_dropped() {
        let mk = |rule: &'static str, cat, s, e| {
            Diagnostic::new(rule, cat, Severity::Warning, Span::new(s, e), "m")
        };
        let mut ours = vec![mk("agreement", Category::Grammar, 10, 15)];
        let theirs = vec![
            mk("grammalecte/a", Category::Grammar, 10, 15),
            mk("grammalecte/b", Category::Grammar, 12, 20),
            mk("grammalecte/c", Category::Style, 12, 20),
            mk("grammalecte/d", Category::Grammar, 30, 35),
        ];
        merge(&mut ours, theirs);
        let rules: Vec<&str> = ours.iter().map(|d| d.rule).collect();
        assert_eq!(rules, ["agreement", "grammalecte/c", "grammalecte/d"]);
    }
}
