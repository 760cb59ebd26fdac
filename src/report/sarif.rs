//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. Columns
//! are Unicode code points (`columnKind: unicodeCodePoints`); fixes carry byte regions.

use super::{FileResult, InputError, Positions, Reporter, pretty};
use crate::diagnostic::{Applicability, Severity};
use crate::rules;
use serde_json::{Value, json};
use std::io::{self, Write};

pub struct Sarif;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI for a path as the user gave it (`./a b.md` → `a%20b.md`).
pub fn uri(path: &str) -> String {
    let p = crate::baseline::normalize_path(path);
    let mut out = String::new();
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Reporter for Sarif {
    fn report(
        &self,
        files: &[FileResult],
        errors: &[InputError],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let metas: Vec<&rules::RuleMeta> = rules::all_metas()
            .chain(std::iter::once(&crate::suppress::UNUSED))
            .collect();
        let rule_objs: Vec<Value> = metas
            .iter()
            .map(|m| {
                json!({
                    "id": m.id,
                    "name": m.id,
                    "shortDescription": {"text": m.summary},
                    "fullDescription": {"text": m.doc.what},
                    "help": {
                        "text": format!("{}\n\nPourquoi : {}\n\nExemple : {}\n\nÀ écrire plutôt : {}", m.doc.what, m.doc.why, m.doc.example, m.doc.instead),
                    },
                    "defaultConfiguration": {"level": level(m.severity)},
                    "properties": {"category": m.category.as_str(), "tags": [m.category.as_str()]}
                })
            })
            .collect();
        // Each finding's object is made and written as it comes (`pretty`), not held.
        let results = files.iter().flat_map(|f| {
            let u = uri(&f.doc.path);
            let mut positions = Positions::new(&f.doc);
            let metas = &metas;
            f.diagnostics.iter().map(move |d| {
                let (line, col, end_line, end_col) = positions.of(d);
                let index = metas.iter().position(|m| m.id == d.rule);
                let mut region = json!({
                    "startLine": line,
                    "startColumn": col,
                    "endLine": end_line,
                    "endColumn": end_col,
                    "byteOffset": d.span.start,
                    "byteLength": d.span.end - d.span.start,
                    "snippet": {"text": &f.doc.text[d.span.start..d.span.end]},
                });
                if d.span.start == d.span.end {
                    region.as_object_mut().expect("object").remove("snippet");
                }
                let mut result = json!({
                    "ruleId": d.rule,
                    "level": level(d.severity),
                    "message": {"text": d.message},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": u}, "region": region}}],
                    "partialFingerprints": {"relecture/v1": fingerprint(f, d)},
                    "properties": {"category": d.category.as_str()}
                });
                if let Some(i) = index {
                    result["ruleIndex"] = json!(i);
                }
                if let Some(unit) = &d.unit {
                    result["properties"]["unit"] = json!(unit);
                }
                let fixes: Vec<Value> = d
                    .suggestions
                    .iter()
                    .filter(|s| s.applicability != Applicability::DisplayOnly)
                    .map(|s| {
                        json!({
                            "description": {"text": format!("Remplacer par « {} »", s.replacement)},
                            "artifactChanges": [{
                                "artifactLocation": {"uri": u},
                                "replacements": [{
                                    "deletedRegion": {"byteOffset": d.span.start, "byteLength": d.span.end - d.span.start},
                                    "insertedContent": {"text": s.replacement}
                                }]
                            }]
                        })
                    })
                    .collect();
                if !fixes.is_empty() {
                    result["fixes"] = json!(fixes);
                }
                result
            })
        });
        let notifications: Vec<Value> = errors
            .iter()
            .map(|e| {
                let mut n = json!({
                    "level": "error",
                    "message": {"text": e.message},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path)}}}]
                });
                if let Some(l) = e.line {
                    n["locations"][0]["physicalLocation"]["region"] =
                        json!({"startLine": l, "startColumn": e.column.unwrap_or(1)});
                }
                n
            })
            .collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "relecture",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "language": "fr",
                    "rules": rule_objs
                }},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": errors.is_empty(), "toolExecutionNotifications": notifications}],
                "results": pretty::HOLE
            }]
        });
        pretty::write_with_items(out, &log, results)
    }
}

/// A fingerprint that survives edits elsewhere in the file: rule, path and flagged text.
fn fingerprint(f: &FileResult, d: &crate::Diagnostic) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        d.rule,
        crate::baseline::normalize_path(&f.doc.path),
        &f.doc.text[d.span.start..d.span.end],
        &d.unit,
    )
        .hash(&mut h);
    format!("{:016x}", h.finish())
}
