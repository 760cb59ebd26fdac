/*! `relecture.toml`: the user's configuration (what is written in the file, with serde,
unknown keys refused) and its resolution into what a run uses for one file. Finding the
file on disk is the CLI's business (`cli::config`); this module is pure. */

use crate::diagnostic::{Diagnostic, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The names a configuration file may have, in order of preference.
pub const FILE_NAMES: &[&str] = &["relecture.toml", ".relecture.toml"];

/// French variants whose typographic conventions differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
pub enum Variant {
    #[default]
    #[serde(rename = "fr-FR")]
    FrFr,
    #[serde(rename = "fr-CA")]
    FrCa,
    #[serde(rename = "fr-CH")]
    FrCh,
    #[serde(rename = "fr-BE")]
    FrBe,
}

/// A configuration file as written.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Another configuration this one builds on (path relative to this file).
    pub extend: Option<String>,
    /// User glossaries (TOML, TBX, CSV), relative to this file.
    #[serde(default)]
    pub glossaries: Vec<String>,
    /// Use the built-in glossaries (default true).
    pub default_glossary: Option<bool>,
    /// Globs of files to check (relative to this file); default: every supported file.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files never to check.
    #[serde(default)]
    pub exclude: Vec<String>,
    pub variant: Option<Variant>,
    /// Severity of an ordinary space where French wants a non-breaking one (« mot : »):
    /// off, info (default), warning or error.
    pub breaking_space: Option<String>,
    pub fail_on: Option<String>,
    #[serde(default)]
    pub rules: RulesConfig,
    #[serde(default)]
    pub thresholds: Thresholds,
    /// Settings for some paths only.
    #[serde(default)]
    pub overrides: Vec<Override>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesConfig {
    /// Rules turned off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Only these rules (when not empty).
    #[serde(default)]
    pub only: Vec<String>,
    /// Severity per rule.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Thresholds {
    pub repeated_phrase_min: Option<usize>,
    pub repeated_phrase_window: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Globs the override applies to (relative to the configuration file).
    pub paths: Vec<String>,
    #[serde(default)]
    pub disable: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

/// A configuration that cannot be used: the file, the place and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses a configuration file; unknown keys and unknown rule ids are errors.
pub fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
    let place = |offset: usize| {
        let before = &text[..offset.min(text.len())];
        (
            before.matches('\n').count() + 1,
            before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
        )
    };
    let config: Config = toml::from_str(text).map_err(|e| {
        let (line, column) = place(e.span().map_or(0, |s| s.start));
        ConfigError {
            file: file.to_string(),
            line,
            column,
            message: format!(
                "configuration invalide : {}",
                translate_toml_error(e.message())
            ),
        }
    })?;
    // Rule ids must exist: a typo would silently keep a rule on.
    let mut ids: Vec<&String> = config
        .rules
        .disable
        .iter()
        .chain(&config.rules.only)
        .chain(config.rules.severity.keys())
        .collect();
    for o in &config.overrides {
        ids.extend(o.disable.iter().chain(o.severity.keys()));
    }
    for id in ids {
        if crate::rules::find(id).is_none()
            && id != crate::suppress::UNUSED.id
            && !crate::external::is_engine_rule(id)
        {
            let at = text
                .find(&format!("\"{id}\""))
                .or_else(|| text.find(id.as_str()))
                .unwrap_or(0);
            let (line, column) = place(at);
            return Err(ConfigError {
                file: file.to_string(),
                line,
                column,
                message: format!("règle inconnue « {id} » (`relecture rules` les liste toutes)"),
            });
        }
    }
    if let Some(b) = &config.breaking_space
        && !matches!(b.as_str(), "off" | "info" | "warning" | "error")
    {
        let (line, column) = place(text.find("breaking-space").unwrap_or(0));
        return Err(ConfigError {
            file: file.to_string(),
            line,
            column,
            message: format!(
                "breaking-space = « {b} » : valeurs admises off, info, warning, error"
            ),
        });
    }
    if let Some(f) = &config.fail_on
        && !matches!(f.as_str(), "error" | "warning" | "info" | "never")
    {
        let (line, column) = place(text.find("fail-on").unwrap_or(0));
        return Err(ConfigError {
            file: file.to_string(),
            line,
            column,
            message: format!("fail-on = « {f} » : valeurs admises error, warning, info, never"),
        });
    }
    Ok(config)
}

/// Serde's English messages, with the words editors need in French.
pub fn translate_toml_error(message: &str) -> String {
    let m = message.trim();
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let key = rest.split(',').next().unwrap_or(rest).trim_matches('`');
        let expected = rest.split_once("expected ").map(|(_, e)| e).unwrap_or("");
        return format!(
            "clé inconnue « {key} » (attendu : {})",
            expected.replace('`', "").replace(" or ", " ou ")
        );
    }
    m.to_string()
}

impl Config {
    /// `self` on top of `base` (an `extend`ed configuration): lists add up, values of
    /// `self` win.
    pub fn on_top_of(self, base: Config) -> Config {
        let mut severity = base.rules.severity;
        severity.extend(self.rules.severity);
        Config {
            extend: None,
            glossaries: base.glossaries.into_iter().chain(self.glossaries).collect(),
            default_glossary: self.default_glossary.or(base.default_glossary),
            include: if self.include.is_empty() {
                base.include
            } else {
                self.include
            },
            exclude: base.exclude.into_iter().chain(self.exclude).collect(),
            variant: self.variant.or(base.variant),
            breaking_space: self.breaking_space.or(base.breaking_space),
            fail_on: self.fail_on.or(base.fail_on),
            rules: RulesConfig {
                disable: base
                    .rules
                    .disable
                    .into_iter()
                    .chain(self.rules.disable)
                    .collect(),
                only: if self.rules.only.is_empty() {
                    base.rules.only
                } else {
                    self.rules.only
                },
                severity,
            },
            thresholds: Thresholds {
                repeated_phrase_min: self
                    .thresholds
                    .repeated_phrase_min
                    .or(base.thresholds.repeated_phrase_min),
                repeated_phrase_window: self
                    .thresholds
                    .repeated_phrase_window
                    .or(base.thresholds.repeated_phrase_window),
            },
            overrides: base.overrides.into_iter().chain(self.overrides).collect(),
        }
    }

    /// True when the rule runs at all (before per-path overrides).
    /// `breaking-space` as a severity (`None`: off).
    pub fn breaking_space_severity(&self) -> Option<Severity> {
        match self.breaking_space.as_deref() {
            Some("off") => None,
            Some("warning") => Some(Severity::Warning),
            Some("error") => Some(Severity::Error),
            _ => Some(Severity::Info),
        }
    }

    pub fn rule_enabled(&self, id: &str) -> bool {
        (self.rules.only.is_empty() || self.rules.only.iter().any(|r| names(r, id)))
            && !self.rules.disable.iter().any(|r| names(r, id))
    }
}

/// Applies severity overrides and per-path disables to a file's findings. `overrides` are
/// those whose globs match the file, in file order (later ones win).
pub fn apply(config: &Config, overrides: &[&Override], diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.retain(|d| {
        config.rule_enabled(d.rule)
            && !overrides
                .iter()
                .any(|o| o.disable.iter().any(|r| names(r, d.rule)))
    });
    for d in diagnostics.iter_mut() {
        let engine = d.rule.split_once('/').map(|(e, _)| e);
        for table in
            std::iter::once(&config.rules.severity).chain(overrides.iter().map(|o| &o.severity))
        {
            // « grammalecte = "info" » sets all of an engine's rules; its own id wins.
            if let Some(s) = table
                .get(d.rule)
                .or_else(|| engine.and_then(|e| table.get(e)))
            {
                d.severity = *s;
            }
        }
    }
}

/// True when the rule id written in a configuration or a directive, `written`, names the
/// rule `id`: the same id, or an engine's name for all its rules (« grammalecte »).
pub fn names(written: &str, id: &str) -> bool {
    written == id
        || id
            .strip_prefix(written)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The starter configuration written by `relecture init`.
pub const STARTER: &str = r#"# Configuration de relecture (https://…/relecture) — clés en kebab-case.
# Ce fichier s'applique aux fichiers de ce dossier et de ses sous-dossiers ; un
# relecture.toml plus proche d'un fichier le remplace (utiliser `extend` pour hériter).

# Glossaires du projet (TOML, TBX ou CSV), chemins relatifs à ce fichier. Leurs entrées
# s'ajoutent aux glossaires intégrés et remplacent celles de même identifiant.
glossaries = ["glossaire.toml"]

# Glossaires intégrés (IA, semi-conducteurs, entités, calques) : true par défaut.
# default-glossary = true

# Fichiers à vérifier et à ignorer (motifs glob, relatifs à ce fichier). Par défaut :
# tous les .md, .txt, .po, .xlf, .xliff et .tmx non ignorés par git.
# include = ["articles/**/*.md"]
exclude = ["brouillons/**"]

# Variante du français pour la typographie : fr-FR, fr-CA, fr-CH ou fr-BE.
variant = "fr-FR"

# Espace ordinaire là où le français veut une insécable (« mot : ») : off, info (par
# défaut), warning ou error.
# breaking-space = "info"

# Sévérité à partir de laquelle `relecture check` échoue : error, warning, info, never.
fail-on = "error"

[rules]
# Règles désactivées (voir `relecture rules`).
disable = []
# Sévérité par règle : error, warning ou info.
[rules.severity]
# "doubled-word" = "error"

[thresholds]
# repeated-phrase-min = 4       # occurrences d'une locution avant signalement
# repeated-phrase-window = 600  # fenêtre, en mots

# Réglages propres à certains chemins.
# [[overrides]]
# paths = ["traductions/**/*.po"]
# disable = ["length-mismatch"]
# severity = { "untranslated-segment" = "error" }
"#;

/// The example project glossary written by `relecture init`.
pub const STARTER_GLOSSARY: &str = r#"# Glossaire du projet : voir glossary/README.md pour le format complet.
[glossary]
name = "projet"
description = "Terminologie maison"

[[term]]
id = "maison-training"
source = ["training"]
approved = ["entraînement"]
severity = "error"
bad = ["La puce sert à la formation des modèles d'IA."]
good = ["Un programme de formation des salariés."]

[[term.forbidden]]
term = "formation"
reason = "pour un modèle d'IA, on parle d'entraînement."
when = ["IA", "modèle", "puce"]
unless = ["salarié", "employé"]

[[entity]]
id = "maison-exemple"
name = "ExempleCorp"
full-name = "Exemple Corporation"
wrong = ["Exemple Corp"]
bad = ["Exemple Corp a publié ses résultats."]
good = ["ExempleCorp a publié ses résultats."]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_is_valid() {
        let c = parse("relecture.toml", STARTER).unwrap();
        assert_eq!(c.variant, Some(Variant::FrFr));
        assert_eq!(c.exclude, ["brouillons/**"]);
        crate::glossary::parse("glossaire.toml", STARTER_GLOSSARY).unwrap();
    }

    #[test]
    fn unknown_key_and_rule_are_errors() {
        let e = parse("r.toml", "variant = \"fr-FR\"\nfail-onn = \"error\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(
            e.message.contains("clé inconnue « fail-onn »"),
            "{}",
            e.message
        );
        let e = parse("r.toml", "[rules]\ndisable = [\"doubled-wrd\"]\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("doubled-wrd"));
        let e = parse("r.toml", "variant = \"fr-XX\"\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn extend_and_overrides() {
        let base = parse(
            "b.toml",
            "glossaries = [\"a.toml\"]\n[rules]\ndisable = [\"doubled-word\"]\n",
        )
        .unwrap();
        let top = parse(
            "t.toml",
            "glossaries = [\"b.toml\"]\n[rules.severity]\ncalque = \"error\"\n",
        )
        .unwrap();
        let c = top.on_top_of(base);
        assert_eq!(c.glossaries, ["a.toml", "b.toml"]);
        assert!(!c.rule_enabled("doubled-word"));
        let mut d = vec![
            Diagnostic::new(
                "calque",
                crate::Category::Style,
                Severity::Warning,
                crate::Span::new(0, 1),
                "m",
            ),
            Diagnostic::new(
                "doubled-word",
                crate::Category::Grammar,
                Severity::Warning,
                crate::Span::new(0, 1),
                "m",
            ),
        ];
        apply(&c, &[], &mut d);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
    }
}
