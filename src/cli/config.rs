//! Finding and loading `relecture.toml`: the closest one up the directory tree of each
//! checked file (like ruff and typos), its `extend` chain, its glossaries, and the checker
//! built from them (one per configuration, shared by its files).

use super::CheckArgs;
use crate::check::Checker;
use crate::config::{self, Config, Override};
use crate::glossary::Glossary;
use crate::report::InputError;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A configuration ready to use for the files it governs.
pub struct Loaded {
    /// The folder globs are relative to.
    pub dir: PathBuf,
    pub config: Config,
    include: Option<GlobSet>,
    exclude: GlobSet,
    overrides: Vec<(GlobSet, Override)>,
    pub checker: Checker,
}

impl Loaded {
    fn relative(&self, file: &Path) -> PathBuf {
        let abs = absolute(file);
        abs.strip_prefix(&self.dir)
            .map(Path::to_path_buf)
            .unwrap_or(abs)
    }

    /// True when a file found in a directory walk is to be checked.
    pub fn selects(&self, file: &Path) -> bool {
        let rel = self.relative(file);
        !self.exclude.is_match(&rel) && self.include.as_ref().is_none_or(|i| i.is_match(&rel))
    }

    /// The overrides whose globs match the file.
    pub fn overrides_for(&self, file: &Path) -> Vec<&Override> {
        let rel = self.relative(file);
        self.overrides
            .iter()
            .filter(|(g, _)| g.is_match(&rel))
            .map(|(_, o)| o)
            .collect()
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    })
}

fn globs(dir_file: &str, patterns: &[String]) -> Result<GlobSet, InputError> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let g = Glob::new(p).map_err(|e| InputError {
            path: dir_file.to_string(),
            line: None,
            column: None,
            message: format!("motif glob invalide « {p} » : {e}"),
        })?;
        b.add(g);
        // « dossier/** » also names the folder itself; « *.md » matches at any depth.
        if !p.contains('/')
            && let Ok(g) = Glob::new(&format!("**/{p}"))
        {
            b.add(g);
        }
    }
    b.build().map_err(|e| InputError {
        path: dir_file.to_string(),
        line: None,
        column: None,
        message: e.to_string(),
    })
}

/// Finds, loads and caches configurations.
pub struct Resolver<'a> {
    args: &'a CheckArgs,
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<Option<PathBuf>, Arc<Loaded>>,
    /// Glossaries that could not be loaded: reported, while the files are checked with
    /// the others.
    pub glossary_errors: Vec<InputError>,
    /// External engines given to every checker built (`--with`, `--languagetool-url`).
    pub engines: Vec<Arc<dyn crate::external::Engine>>,
}

impl<'a> Resolver<'a> {
    pub fn new(args: &'a CheckArgs) -> Resolver<'a> {
        Resolver {
            args,
            dirs: HashMap::new(),
            loaded: HashMap::new(),
            glossary_errors: Vec::new(),
            engines: Vec::new(),
        }
    }

    /// The configuration file that governs a path (None when there is none).
    fn find(&mut self, path: &Path) -> Option<PathBuf> {
        if self.args.no_config {
            return None;
        }
        if let Some(c) = &self.args.config {
            return Some(absolute(c));
        }
        let abs = absolute(path);
        let start = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or(abs)
        };
        let mut visited = Vec::new();
        let mut dir = Some(start.as_path());
        let mut found = None;
        while let Some(d) = dir {
            if let Some(hit) = self.dirs.get(d) {
                found = hit.clone();
                break;
            }
            visited.push(d.to_path_buf());
            if let Some(f) = config::FILE_NAMES
                .iter()
                .map(|n| d.join(n))
                .find(|p| p.is_file())
            {
                found = Some(f);
                break;
            }
            dir = d.parent();
        }
        for v in visited {
            self.dirs.insert(v, found.clone());
        }
        found
    }

    /// The loaded configuration for a path.
    pub fn for_path(&mut self, path: &Path) -> Result<Arc<Loaded>, InputError> {
        let file = self.find(path);
        if let Some(l) = self.loaded.get(&file) {
            return Ok(l.clone());
        }
        let l = Arc::new(self.load(file.clone())?);
        self.loaded.insert(file, l.clone());
        Ok(l)
    }

    fn load(&mut self, file: Option<PathBuf>) -> Result<Loaded, InputError> {
        let (config, dir) = match &file {
            None => (Config::default(), absolute(Path::new("."))),
            Some(f) => (
                read_chain(f, 0)?,
                f.parent().map(Path::to_path_buf).unwrap_or_default(),
            ),
        };
        let shown = file
            .as_ref()
            .map_or_else(|| ".".to_string(), |f| f.display().to_string());
        // Glossaries: built-in ones, the configuration's (relative to it), the command line's.
        let mut glossary = Glossary::default();
        if !self.args.no_default_glossary && config.default_glossary.unwrap_or(true) {
            glossary = crate::glossary::defaults::load().map_err(super::glossary_error)?;
        }
        let paths = config
            .glossaries
            .iter()
            .map(PathBuf::from)
            .chain(self.args.glossaries.iter().cloned());
        for p in paths {
            match super::load_glossary_file(&p) {
                Ok(g) => glossary.merge(g),
                Err(e) => {
                    let e = super::glossary_error(e);
                    if !self.glossary_errors.contains(&e) {
                        self.glossary_errors.push(e);
                    }
                }
            }
        }
        let mut checker = Checker::new(glossary);
        checker.select_rules(|id| config.rule_enabled(id));
        checker.engines = self.engines.clone();
        checker.settings.variant = config.variant.unwrap_or_default();
        checker.settings.breaking_space = config.breaking_space_severity();
        if let Some(n) = config.thresholds.repeated_phrase_min {
            checker.settings.repeated_phrase_min = n;
        }
        if let Some(n) = config.thresholds.repeated_phrase_window {
            checker.settings.repeated_phrase_window = n;
        }
        let include = if config.include.is_empty() {
            None
        } else {
            Some(globs(&shown, &config.include)?)
        };
        let exclude = globs(&shown, &config.exclude)?;
        let overrides = config
            .overrides
            .iter()
            .map(|o| Ok((globs(&shown, &o.paths)?, o.clone())))
            .collect::<Result<Vec<_>, InputError>>()?;
        Ok(Loaded {
            dir: absolute(&dir),
            config,
            include,
            exclude,
            overrides,
            checker,
        })
    }
}

/// Reads a configuration and the ones it extends.
fn read_chain(file: &Path, depth: usize) -> Result<Config, InputError> {
    let shown = file.display().to_string();
    if depth > 10 {
        return Err(InputError {
            path: shown,
            line: None,
            column: None,
            message: "chaîne `extend` trop longue ou circulaire".into(),
        });
    }
    // An empty configuration file is valid: it only marks where a project starts.
    let empty = std::fs::metadata(file).is_ok_and(|m| m.len() == 0);
    let text = if empty {
        String::new()
    } else {
        super::read_text_file(file).map_err(|(line, column, message)| InputError {
            path: shown.clone(),
            line,
            column,
            message,
        })?
    };
    let mut c = config::parse(&shown, &text).map_err(|e| InputError {
        path: e.file,
        line: Some(e.line),
        column: Some(e.column),
        message: e.message,
    })?;
    let dir = absolute(
        file.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    );
    // Glossaries are relative to the file that names them.
    c.glossaries = c
        .glossaries
        .iter()
        .map(|g| dir.join(g).display().to_string())
        .collect();
    match c.extend.clone() {
        None => Ok(c),
        Some(base) => {
            let base_path = dir.join(base);
            let mut base = read_chain(&base_path, depth + 1)?;
            let base_dir = absolute(base_path.parent().unwrap_or(Path::new(".")));
            rebase_globs(&mut base, &base_dir, &dir);
            Ok(c.on_top_of(base))
        }
    }
}

/// Makes the globs of a configuration written in `from` relative to `to`, a folder below
/// it (the folder of the configuration that extends it, which governs only its own
/// subtree): « articles/dossier/x/** » becomes « x/** », « **/*.md » stays, globs that
/// cannot match under `to` are dropped.
fn rebase_globs(c: &mut Config, from: &Path, to: &Path) {
    let prefix = to
        .strip_prefix(from)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let rebase = |patterns: &mut Vec<String>| {
        *patterns = patterns
            .iter()
            .filter_map(|p| {
                if p.starts_with("**") || !p.contains('/') || prefix.is_empty() {
                    Some(p.clone())
                } else {
                    p.strip_prefix(&format!("{prefix}/")).map(str::to_string)
                }
            })
            .collect();
    };
    rebase(&mut c.include);
    rebase(&mut c.exclude);
    for o in &mut c.overrides {
        rebase(&mut o.paths);
    }
    c.overrides.retain(|o| !o.paths.is_empty());
}
