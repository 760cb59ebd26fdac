//! `relecture check --fix` / `--diff`: applies the fixes of each file (see `crate::fix`),
//! writes files atomically or prints a unified diff.
//!
//! Decisions:
//! - Each file gets its own configuration, as with `check` (closest `relecture.toml`,
//!   overrides, disabled rules, severities); a finding the configuration or a suppression
//!   directive hides is not fixed.
//! - `--baseline` and `--diff-base` do not limit the fixes: a safe fix is applied wherever its
//!   finding stands (a baseline records findings a team puts up with, not text it wants
//!   kept; a directive does that). They filter the report of the findings that remain, as
//!   with `check`, so that the exit status means the same.
//! - `--diff` writes nothing: the unified diff of every file that would change goes to
//!   standard output (or `--output`); the exit status is 1 when something would change, 0
//!   when nothing would (as ruff's `--diff`), 2 when a file could not be read. With both
//!   `--fix` and `--diff`, `--diff` wins.
//! - `--fix` writes the changed files atomically (a temporary file beside the real one,
//!   then a rename; the permissions are kept; a symbolic link is followed, not replaced); a
//!   read-only file is not written and is reported. Then the findings that remain are
//!   reported as `check` reports them (`--format`, `--output`, `--quiet`, `--statistics`),
//!   with « N corrections appliquées dans M fichiers » on standard error; the exit status
//!   is `check`'s on what remains, 2 when a file could not be read or written.
//! - `--source` (plain file aligned on its source) is not fixed: refused.

use super::config::Loaded;
use super::files::{self, Input};
use super::{CheckArgs, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use crate::baseline::Baseline;
use crate::diagnostic::Diagnostic;
use crate::fix::{self, FixOptions, FixOutcome, SkipReason};
use crate::report::{FileResult, InputError};
use colored::Colorize;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file and what fixing it did.
struct Fixed {
    input: Input,
    loaded: Arc<Loaded>,
    original: String,
    outcome: FixOutcome,
}

impl Fixed {
    fn changed(&self) -> bool {
        self.outcome.text != self.original
    }

    /// The findings of the file as it was (when the fixed text could not be written).
    fn original_result(&self) -> Option<FileResult> {
        let name = self.input.path.display().to_string();
        let mut r = self
            .loaded
            .checker
            .check_text(&name, self.original.clone(), self.input.format)
            .ok()?;
        crate::config::apply(
            &self.loaded.config,
            &self.loaded.overrides_for(&self.input.path),
            &mut r.diagnostics,
        );
        Some(r)
    }
}

fn error(path: &Path, line: Option<usize>, column: Option<usize>, message: String) -> InputError {
    InputError {
        path: path.display().to_string(),
        line,
        column,
        message,
    }
}

pub fn run(args: &CheckArgs) -> io::Result<i32> {
    if let Some(n) = args.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    if args.source.is_some() {
        eprintln!(
            "relecture : --fix et --diff ne s'emploient pas avec --source (corriger la traduction seule, sans --source)"
        );
        return Ok(EXIT_ERROR);
    }
    if !args.diff && args.paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!(
            "relecture : --fix ne s'emploie pas avec l'entrée standard (« - ») ; --diff montre les corrections"
        );
        return Ok(EXIT_ERROR);
    }
    if let Some(Err(message)) = args.diff_base.as_deref().map(super::git::verify) {
        eprintln!("relecture : {message}");
        return Ok(EXIT_ERROR);
    }
    let baseline = match &args.baseline {
        None => None,
        Some(path) => match super::read_text_file(path)
            .map_err(|(_, _, m)| m)
            .and_then(|t| Baseline::parse(&t))
        {
            Ok(b) => Some(b),
            Err(message) => {
                eprintln!("relecture : {} : {message}", path.display());
                return Ok(EXIT_ERROR);
            }
        },
    };
    let mut errors = Vec::new();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (jobs, first) = super::check::resolve_jobs(args, &paths, &mut errors);
    let options = FixOptions {
        unsafe_fixes: args.unsafe_fixes,
    };
    let outcomes: Vec<Result<Option<Fixed>, InputError>> = jobs
        .into_par_iter()
        .map(|(input, loaded)| fix_one(input, loaded, &options))
        .collect();
    let mut fixed = Vec::new();
    for o in outcomes {
        match o {
            Ok(Some(f)) => fixed.push(f),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    fixed.sort_by(|a, b| a.input.path.cmp(&b.input.path));
    for f in fixed.iter().filter(|f| !f.outcome.converged) {
        eprintln!(
            "relecture : {} : les corrections ne se stabilisent pas après {} passes ; le reste n'est pas corrigé",
            f.input.path.display(),
            f.outcome.passes
        );
    }
    let corrections: usize = fixed
        .iter()
        .filter(|f| f.changed())
        .map(|f| f.outcome.applied.len())
        .sum();
    let hidden: usize = fixed
        .iter()
        .map(|f| {
            f.outcome
                .skipped
                .iter()
                .filter(|s| s.reason == SkipReason::NeedsUnsafe)
                .count()
        })
        .sum();
    let left_out = left_out_line(&fixed);
    if args.diff {
        return diff(args, &fixed, &errors, corrections, hidden, left_out);
    }

    // --fix: write, then report what remains.
    let mut written = 0;
    let mut applied = 0;
    let mut results = Vec::new();
    for f in fixed {
        if !f.changed() {
            results.push(f.outcome.result);
            continue;
        }
        match write_fixed(&f.input.path, f.outcome.text.as_bytes()) {
            Ok(()) => {
                written += 1;
                applied += f.outcome.applied.len();
                results.push(f.outcome.result);
            }
            Err(e) => {
                let message = if e.kind() == io::ErrorKind::PermissionDenied {
                    "fichier en lecture seule : corrections non appliquées".to_string()
                } else {
                    format!("écriture impossible, corrections non appliquées : {e}")
                };
                errors.push(error(&f.input.path, None, None, message));
                if let Some(r) = f.original_result() {
                    results.push(r);
                }
            }
        }
    }
    if let Some(rev) = &args.diff_base {
        super::check::diff_filter(rev, &mut results, &mut errors);
    }
    if let Some(b) = &baseline {
        b.filter(&mut results);
    }
    super::check::write_report(args, &results, &errors)?;
    if !args.quiet {
        eprintln!(
            "{}",
            summary_line(applied, written, "appliquée", "appliquées")
        );
        if hidden > 0 {
            eprintln!("{}", hidden_line(hidden));
        }
        if let Some(line) = &left_out {
            eprintln!("{line}");
        }
    }
    Ok(super::check::exit_status(
        args,
        first.as_deref(),
        &results,
        &errors,
    ))
}

/// « 3 corrections appliquées dans 2 fichiers ».
fn summary_line(n: usize, files: usize, one: &str, many: &str) -> String {
    let s = |k: usize| if k > 1 { "s" } else { "" };
    format!(
        "{n} correction{} {} dans {files} fichier{}",
        s(n),
        if n > 1 { many } else { one },
        s(files)
    )
}

fn hidden_line(n: usize) -> String {
    if n > 1 {
        format!("{n} autres corrections, à vérifier, sont possibles avec --unsafe-fixes")
    } else {
        "1 autre correction, à vérifier, est possible avec --unsafe-fixes".to_string()
    }
}

/// Fixes offered as safe (or unsafe, when asked) and still not applied, by reason:
/// « 2 corrections laissées de côté : article ou possessif à choisir selon le genre
/// (élision) (2) ». Several choices and overlaps are not counted (the first is normal,
/// the second resolved by the next pass).
fn left_out_line(fixed: &[Fixed]) -> Option<String> {
    let mut by_reason: BTreeMap<SkipReason, usize> = BTreeMap::new();
    for s in fixed.iter().flat_map(|f| &f.outcome.skipped) {
        if !matches!(
            s.reason,
            SkipReason::Ambiguous | SkipReason::NeedsUnsafe | SkipReason::Overlap
        ) {
            *by_reason.entry(s.reason).or_default() += 1;
        }
    }
    let n: usize = by_reason.values().sum();
    (n > 0).then(|| {
        let reasons: Vec<String> = by_reason
            .iter()
            .map(|(r, k)| format!("{} ({k})", r.message_fr()))
            .collect();
        let s = if n > 1 { "s" } else { "" };
        format!(
            "{n} correction{s} laissée{s} de côté : {}",
            reasons.join(", ")
        )
    })
}

/// Reads, decodes and fixes one file (in memory); `None` for an empty file met in a walk.
fn fix_one(
    input: Input,
    loaded: Arc<Loaded>,
    options: &FixOptions,
) -> Result<Option<Fixed>, InputError> {
    let Some(text) = files::read_text(&input)? else {
        return Ok(None);
    };
    let name = input.path.display().to_string();
    let overrides = loaded.overrides_for(&input.path);
    let adjust = |d: &mut Vec<Diagnostic>| crate::config::apply(&loaded.config, &overrides, d);
    let outcome = fix::fix_text(
        &loaded.checker,
        &name,
        text.clone(),
        input.format,
        options,
        &adjust,
    )
    .map_err(|e| error(&input.path, Some(e.line), Some(e.column), e.message))?;
    drop(overrides);
    Ok(Some(Fixed {
        input,
        loaded,
        original: text,
        outcome,
    }))
}

/// Writes a fixed file in place of the old one (`write_atomically`: atomically, keeping
/// its permissions, through a symbolic link); a read-only file is refused.
fn write_fixed(path: &Path, contents: &[u8]) -> io::Result<()> {
    if std::fs::metadata(path)?.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "lecture seule",
        ));
    }
    super::write_atomically(path, contents)
}

/// `--diff`: the unified diff of every file that would change; nothing written.
fn diff(
    args: &CheckArgs,
    fixed: &[Fixed],
    errors: &[InputError],
    corrections: usize,
    hidden: usize,
    left_out: Option<String>,
) -> io::Result<i32> {
    let mut buffer: Vec<u8> = Vec::new();
    let mut files = 0;
    for f in fixed.iter().filter(|f| f.changed()) {
        files += 1;
        let name = f.input.path.display().to_string();
        let text = similar::TextDiff::from_lines(&f.original, &f.outcome.text)
            .unified_diff()
            .context_radius(3)
            .header(&name, &name)
            .to_string();
        for line in text.split_inclusive('\n') {
            let (body, end) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            let colored = if line.starts_with("+++") || line.starts_with("---") {
                body.bold().to_string()
            } else if line.starts_with('+') {
                body.green().to_string()
            } else if line.starts_with('-') {
                body.red().to_string()
            } else if line.starts_with("@@") {
                body.cyan().to_string()
            } else {
                body.to_string()
            };
            buffer.extend_from_slice(colored.as_bytes());
            buffer.extend_from_slice(end.as_bytes());
        }
    }
    match &args.output {
        Some(path) => super::write_atomically(path, &buffer)?,
        None => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(&buffer)?;
            lock.flush()?;
        }
    }
    for e in errors {
        eprintln!("erreur : {e}");
    }
    if !args.quiet {
        eprintln!(
            "{} (rien n'a été écrit)",
            summary_line(corrections, files, "possible", "possibles")
        );
        if hidden > 0 {
            eprintln!("{}", hidden_line(hidden));
        }
        if let Some(line) = &left_out {
            eprintln!("{line}");
        }
    }
    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if files > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
