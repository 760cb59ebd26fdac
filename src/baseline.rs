/*! Baselines: the findings a team accepts when it adopts relecture on an existing
repository. A finding is matched by file, rule and flagged text (and unit), never by line,
so that edits elsewhere in the file do not break the match; each key holds a count. */

use crate::report::FileResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

type Key = (String, String, String, Option<String>);

/// Paths are compared without a leading `./` and with `/` separators.
pub fn normalize_path(p: &str) -> String {
    let p = p.replace('\\', "/");
    p.strip_prefix("./").unwrap_or(&p).to_string()
}

fn key(f: &FileResult, d: &crate::Diagnostic) -> Key {
    let text = f
        .doc
        .display(d.span.start, d.span.end)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (
        normalize_path(&f.doc.path),
        d.rule.to_string(),
        text,
        d.unit.clone(),
    )
}

impl Baseline {
    /// The baseline that accepts every finding of these results.
    pub fn from_results(files: &[FileResult]) -> Baseline {
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for f in files {
            for d in &f.diagnostics {
                *counts.entry(key(f, d)).or_default() += 1;
            }
        }
        Baseline {
            version: VERSION,
            findings: counts
                .into_iter()
                .map(|((path, rule, text, unit), count)| Entry {
                    path,
                    rule,
                    text,
                    unit,
                    count,
                })
                .collect(),
        }
    }

    /// Reads a baseline; the message says what is wrong, in French.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| {
            format!(
                "ligne de base invalide (ligne {}, colonne {}) : {e}",
                e.line(),
                e.column()
            )
        })?;
        if b.version != VERSION {
            return Err(format!(
                "version de ligne de base {} inconnue (attendu : {VERSION})",
                b.version
            ));
        }
        Ok(b)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a baseline serialises") + "\n"
    }

    /// Removes from `files` the findings the baseline accepts (up to each key's count);
    /// returns how many were removed.
    pub fn filter(&self, files: &mut [FileResult]) -> usize {
        let mut left: BTreeMap<Key, usize> = self
            .findings
            .iter()
            .map(|e| {
                (
                    (
                        normalize_path(&e.path),
                        e.rule.clone(),
                        e.text.clone(),
                        e.unit.clone(),
                    ),
                    e.count,
                )
            })
            .collect();
        let mut removed = 0;
        for f in files.iter_mut() {
            let keys: Vec<Key> = f.diagnostics.iter().map(|d| key(f, d)).collect();
            let mut keep = keys.into_iter().map(|k| match left.get_mut(&k) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            });
            let before = f.diagnostics.len();
            f.diagnostics.retain(|_| keep.next().unwrap_or(true));
            removed += before - f.diagnostics.len();
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Document, formats::Format};

    fn results(text: &str) -> Vec<FileResult> {
        let g = crate::glossary::parse("t.toml", "[glossary]\nname='t'\n").unwrap();
        let doc = Document::new("./a.md", text.to_string(), Format::Markdown);
        let d = Checker::new(g).check(&doc);
        vec![FileResult::new(doc, d)]
    }

    #[test]
    fn matches_by_text_not_line() {
        let b = Baseline::from_results(&results("pour le le marché\n"));
        let b = Baseline::parse(&b.to_json()).unwrap();
        assert_eq!(b.findings[0].path, "a.md");
        // Lines added above: still accepted; a new finding is not.
        let mut r = results("Titre\n\nAutre ligne.\n\npour le le marché et de de plus\n");
        assert_eq!(b.filter(&mut r), 1);
        assert_eq!(r[0].diagnostics.len(), 1);
        assert_eq!(r[0].diagnostics[0].rule, "doubled-word");
    }

    #[test]
    fn invalid_baselines() {
        assert!(Baseline::parse("{").unwrap_err().contains("ligne 1"));
        assert!(
            Baseline::parse("{\"version\": 9, \"findings\": []}")
                .unwrap_err()
                .contains("version")
        );
    }
}
