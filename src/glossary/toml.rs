/*! The TOML glossary format (documented in glossary/README.md): parsing, validation and
errors that name the file, line and column. */

use super::GlossaryError;
use super::model::*;
use crate::diagnostic::Severity;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFile {
    glossary: Option<RawHeader>,
    #[serde(default)]
    term: Vec<RawTerm>,
    #[serde(default)]
    entity: Vec<RawEntity>,
    #[serde(default)]
    expression: Vec<RawExpression>,
    #[serde(default)]
    overuse: Vec<RawOveruse>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawHeader {
    #[allow(dead_code)]
    name: String,
    #[allow(dead_code)]
    description: Option<String>,
    #[allow(dead_code)]
    language: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTerm {
    id: Spanned<String>,
    #[serde(default)]
    source: Vec<String>,
    #[serde(default)]
    approved: Vec<String>,
    #[serde(default)]
    forbidden: Vec<RawVariant>,
    domain: Option<String>,
    severity: Option<Spanned<String>>,
    note: Option<String>,
    check_untranslated: Option<bool>,
    #[serde(default)]
    bad: Vec<String>,
    #[serde(default)]
    good: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawVariant {
    term: Spanned<String>,
    reason: String,
    #[serde(default)]
    suggest: Vec<String>,
    severity: Option<Spanned<String>>,
    #[serde(default)]
    when: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    scope: Option<Spanned<String>>,
    inflect: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEntity {
    id: Spanned<String>,
    name: String,
    full_name: Option<String>,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    wrong: Vec<String>,
    #[serde(default)]
    source: Vec<String>,
    note: Option<String>,
    severity: Option<Spanned<String>>,
    #[serde(default)]
    bad: Vec<String>,
    #[serde(default)]
    good: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawExpression {
    id: Spanned<String>,
    kind: Spanned<String>,
    patterns: Vec<String>,
    #[serde(default)]
    suggest: Vec<String>,
    reason: String,
    severity: Option<Spanned<String>>,
    #[serde(default)]
    when: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    scope: Option<Spanned<String>>,
    inflect: Option<bool>,
    #[serde(default)]
    bad: Vec<String>,
    #[serde(default)]
    good: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOveruse {
    id: Spanned<String>,
    patterns: Vec<String>,
    max: usize,
    window: Option<usize>,
    reason: String,
    #[serde(default)]
    suggest: Vec<String>,
    severity: Option<Spanned<String>>,
    #[serde(default)]
    bad: Vec<String>,
    #[serde(default)]
    good: Vec<String>,
}

struct Ctx<'a> {
    file: Arc<str>,
    text: &'a str,
    /// Line starts, so that placing each entry costs a binary search, not a rescan.
    lines: crate::document::LineIndex,
}

impl Ctx<'_> {
    fn place(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(self.text, offset.min(self.text.len()))
    }
    fn err(&self, offset: usize, message: impl Into<String>) -> GlossaryError {
        let (line, column) = self.place(offset);
        GlossaryError {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
    fn origin(&self, offset: usize) -> Origin {
        Origin {
            file: self.file.clone(),
            line: self.place(offset).0,
        }
    }
    fn severity(
        &self,
        s: &Option<Spanned<String>>,
        default: Severity,
    ) -> Result<Severity, GlossaryError> {
        match s {
            None => Ok(default),
            Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
                self.err(
                    s.span().start,
                    format!(
                        "sévérité inconnue « {} » (attendu : error, warning ou info)",
                        s.get_ref()
                    ),
                )
            }),
        }
    }
    fn scope(&self, s: &Option<Spanned<String>>) -> Result<Scope, GlossaryError> {
        match s.as_ref().map(|s| (s.get_ref().as_str(), s.span().start)) {
            None | Some(("sentence", _)) => Ok(Scope::Sentence),
            Some(("paragraph", _)) => Ok(Scope::Paragraph),
            Some((other, at)) => Err(self.err(
                at,
                format!("portée inconnue « {other} » (attendu : sentence ou paragraph)"),
            )),
        }
    }
    fn id(
        &self,
        id: &Spanned<String>,
        seen: &mut HashMap<String, usize>,
    ) -> Result<String, GlossaryError> {
        let value = id.get_ref();
        let at = id.span().start;
        let valid = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !value.starts_with('-')
            && !value.ends_with('-');
        if !valid {
            return Err(self.err(
                at,
                format!("identifiant « {value} » invalide : lettres minuscules ASCII, chiffres et tirets (kebab-case)"),
            ));
        }
        if let Some(first) = seen.insert(value.clone(), at) {
            let (line, _) = self.place(first);
            return Err(self.err(
                at,
                format!("identifiant « {value} » en double (déjà défini à la ligne {line})"),
            ));
        }
        Ok(value.clone())
    }
}

fn non_empty(ctx: &Ctx, at: usize, what: &str, values: &[String]) -> Result<(), GlossaryError> {
    if values.is_empty()
        || values
            .iter()
            .any(|v| v.trim().is_empty() || !v.chars().any(char::is_alphanumeric))
    {
        return Err(ctx.err(
            at,
            format!("« {what} » doit contenir au moins un terme, sans chaîne vide"),
        ));
    }
    Ok(())
}

/// Parses one TOML glossary. `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Glossary, GlossaryError> {
    let ctx = Ctx {
        file: Arc::from(file),
        text,
        lines: crate::document::LineIndex::new(text),
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        ctx.err(at, crate::config::translate_toml_error(e.message()))
    })?;
    if raw.glossary.is_none() {
        return Err(ctx.err(
            0,
            "en-tête [glossary] manquant (avec au moins name = \"…\")",
        ));
    }
    let mut seen = HashMap::new();
    let mut g = Glossary::default();
    for t in raw.term {
        let at = t.id.span().start;
        let id = ctx.id(&t.id, &mut seen)?;
        non_empty(&ctx, at, "approved", &t.approved)?;
        let severity = ctx.severity(&t.severity, Severity::Warning)?;
        let mut forbidden = Vec::new();
        for v in t.forbidden {
            let vat = v.term.span().start;
            non_empty(&ctx, vat, "term", std::slice::from_ref(v.term.get_ref()))?;
            if v.reason.trim().is_empty() {
                return Err(ctx.err(
                    vat,
                    "« reason » est obligatoire pour une variante interdite",
                ));
            }
            forbidden.push(Variant {
                term: v.term.into_inner().into(),
                reason: v.reason.into(),
                suggest: texts(v.suggest),
                severity: match v.severity {
                    None => None,
                    s => Some(ctx.severity(&s, severity)?),
                },
                context: Context {
                    when: v.when.into(),
                    unless: v.unless.into(),
                    scope: ctx.scope(&v.scope)?,
                },
                inflect: v.inflect.unwrap_or(true),
            });
        }
        g.terms.push(Term {
            id: id.into(),
            source: texts(t.source),
            approved: texts(t.approved),
            forbidden,
            domain: t.domain,
            severity,
            note: t.note,
            check_untranslated: t.check_untranslated.unwrap_or(true),
            examples: Examples {
                bad: t.bad.into(),
                good: t.good.into(),
            },
            origin: ctx.origin(at),
        });
    }
    for e in raw.entity {
        let at = e.id.span().start;
        let id = ctx.id(&e.id, &mut seen)?;
        non_empty(&ctx, at, "name", std::slice::from_ref(&e.name))?;
        g.entities.push(Entity {
            id,
            source: if e.source.is_empty() {
                vec![e.name.clone()]
            } else {
                e.source
            },
            name: e.name,
            full_name: e.full_name,
            also: e.also,
            wrong: e.wrong,
            note: e.note,
            severity: ctx.severity(&e.severity, Severity::Warning)?,
            examples: Examples {
                bad: e.bad.into(),
                good: e.good.into(),
            },
            origin: ctx.origin(at),
        });
    }
    for x in raw.expression {
        let at = x.id.span().start;
        let id = ctx.id(&x.id, &mut seen)?;
        let kind = ExpressionKind::parse(x.kind.get_ref()).ok_or_else(|| {
            ctx.err(
                x.kind.span().start,
                format!(
                    "type « {} » inconnu (attendu : calque, anglicism, false-friend, mistranslation ou awkward)",
                    x.kind.get_ref()
                ),
            )
        })?;
        non_empty(&ctx, at, "patterns", &x.patterns)?;
        g.expressions.push(Expression {
            id,
            kind,
            patterns: x.patterns,
            suggest: x.suggest,
            reason: x.reason,
            severity: ctx.severity(&x.severity, Severity::Warning)?,
            context: Context {
                when: x.when.into(),
                unless: x.unless.into(),
                scope: ctx.scope(&x.scope)?,
            },
            inflect: x.inflect.unwrap_or(true),
            examples: Examples {
                bad: x.bad.into(),
                good: x.good.into(),
            },
            origin: ctx.origin(at),
        });
    }
    for o in raw.overuse {
        let at = o.id.span().start;
        let id = ctx.id(&o.id, &mut seen)?;
        non_empty(&ctx, at, "patterns", &o.patterns)?;
        g.overuses.push(Overuse {
            id,
            patterns: o.patterns,
            max: o.max,
            window: o.window.unwrap_or(1000).max(1),
            reason: o.reason,
            suggest: o.suggest,
            severity: ctx.severity(&o.severity, Severity::Warning)?,
            examples: Examples {
                bad: o.bad.into(),
                good: o.good.into(),
            },
            origin: ctx.origin(at),
        });
    }
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"
[glossary]
name = "t"

[[term]]
id = "training"
source = ["training"]
approved = ["entraînement"]
severity = "error"

[[term.forbidden]]
term = "formation"
reason = "r"
when = ["IA"]
"#;

    #[test]
    fn parses_a_term() {
        let g = parse("g.toml", OK).unwrap();
        assert_eq!(g.terms[0].id, "training");
        assert_eq!(g.terms[0].severity, Severity::Error);
        assert_eq!(g.terms[0].forbidden[0].context.when, ["IA"]);
        assert_eq!(g.terms[0].origin.line, 6);
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let bad = OK.replace("when = [\"IA\"]", "whenn = [\"IA\"]");
        let e = parse("g.toml", &bad).unwrap_err();
        assert_eq!((e.file.as_str(), e.line, e.column), ("g.toml", 14, 1));
        assert!(e.message.contains("whenn"), "{}", e.message);
    }

    #[test]
    fn duplicate_ids_and_bad_values() {
        let dup = format!("{OK}\n[[term]]\nid = \"training\"\napproved = [\"x\"]\n");
        let e = parse("g.toml", &dup).unwrap_err();
        assert!(e.message.contains("en double"), "{}", e.message);
        let sev = OK.replace("\"error\"", "\"fatal\"");
        let e = parse("g.toml", &sev).unwrap_err();
        assert!(e.message.contains("fatal") && e.line == 9, "{e}");
        let e = parse(
            "g.toml",
            "[glossary]\nname='x'\n[[term]]\nid='a'\napproved=[]\n",
        )
        .unwrap_err();
        assert!(e.message.contains("approved"), "{e}");
        let e = parse("g.toml", "[[term]]\nid='a'\napproved=['b']\n").unwrap_err();
        assert!(e.message.contains("[glossary]"), "{e}");
    }
}
