//! `relecture check` and `relecture baseline`: configuration per file, parallel checking,
//! baseline and diff filters, the report, the exit status.

use super::config::{Loaded, Resolver};
use super::files::{self, Input};
use super::{CheckArgs, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FailOn, OutputFormat};
use crate::baseline::Baseline;
use crate::diagnostic::Severity;
use crate::report::{self, FileResult, InputError, Reporter, Summary};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

fn reporter(format: OutputFormat) -> Box<dyn Reporter> {
    match format {
        OutputFormat::Human => Box::new(report::Human),
        OutputFormat::Json => Box::new(report::Json),
        OutputFormat::Sarif => Box::new(report::Sarif),
        OutputFormat::Github => Box::new(report::Github),
        OutputFormat::Rdjson => Box::new(report::Rdjson),
        OutputFormat::Checkstyle => Box::new(report::Checkstyle),
        OutputFormat::Junit => Box::new(report::Junit),
    }
}

/// Files to check, each with its configuration.
type Jobs = Vec<(Input, Arc<Loaded>)>;

/// The files to check, each with its configuration (serially: loading builds checkers),
/// as the arguments and the configuration files select them; also the first
/// configuration (for `fail-on`).
pub(crate) fn resolve_jobs(
    args: &CheckArgs,
    paths: &[PathBuf],
    errors: &mut Vec<InputError>,
) -> (Jobs, Option<Arc<Loaded>>) {
    let inputs = files::collect(paths, args.stdin_filename.as_deref(), errors);
    let mut resolver = Resolver::new(args);
    // Checked by `cli::run` before any file is read.
    resolver.engines = super::engines(args).unwrap_or_default();
    let mut jobs: Vec<(Input, Arc<Loaded>)> = Vec::new();
    let mut first: Option<Arc<Loaded>> = None;
    for input in inputs {
        match resolver.for_path(&input.path) {
            Ok(l) => {
                if input.explicit || l.selects(&input.path) {
                    first.get_or_insert_with(|| l.clone());
                    jobs.push((input, l));
                }
            }
            Err(e) => {
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
        }
    }
    if first.is_none() && errors.is_empty() {
        first = resolver
            .for_path(&paths[0])
            .map_err(|e| errors.push(e))
            .ok();
    }
    errors.append(&mut resolver.glossary_errors);
    (jobs, first)
}

/// Checks every input; results sorted by path, errors in input order.
pub(crate) fn run_checks(
    args: &CheckArgs,
    errors: &mut Vec<InputError>,
) -> (Vec<FileResult>, Option<Arc<Loaded>>) {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (jobs, first) = resolve_jobs(args, &paths, errors);
    if let Some(source) = &args.source {
        if jobs.len() != 1 {
            errors.push(InputError {
                path: source.display().to_string(),
                line: None,
                column: None,
                message:
                    "--source demande un seul fichier à vérifier (la traduction de cette source)"
                        .into(),
            });
            return (Vec::new(), first);
        }
        let (input, loaded) = &jobs[0];
        return match files::check_pair(&loaded.checker, input, source) {
            Ok(mut r) => {
                engine_errors(&r, errors);
                crate::config::apply(
                    &loaded.config,
                    &loaded.overrides_for(&input.path),
                    &mut r.diagnostics,
                );
                (vec![r], first)
            }
            Err(e) => {
                errors.push(e);
                (Vec::new(), first)
            }
        };
    }
    let progress = progress_bar(args, jobs.len());
    // A lone file's tokens are left to the process's end (`Document::release_at_exit`).
    let lone = jobs.len() == 1;
    if lone {
        // No document follows: the glossary's memo of words is freed after the search, and
        // the rules' facts of words when done with (`keep_word_memos`).
        jobs[0].1.checker.glossary.keep_word_memos(false);
    }
    let outcomes: Vec<Result<Option<FileResult>, InputError>> = jobs
        .par_iter()
        .map(|(input, loaded)| {
            let r = files::check_input(&loaded.checker, input).map(|r| {
                r.map(|mut r| {
                    crate::config::apply(
                        &loaded.config,
                        &loaded.overrides_for(&input.path),
                        &mut r.diagnostics,
                    );
                    // Held until the report: only what the report needs.
                    if lone {
                        r.doc.release_at_exit();
                    } else {
                        r.doc.release();
                    }
                    r
                })
            });
            if let Some(p) = &progress {
                p.inc(1);
            }
            r
        })
        .collect();
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let mut results = Vec::new();
    for o in outcomes {
        match o {
            Ok(Some(r)) => {
                engine_errors(&r, errors);
                results.push(r);
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    results.sort_by(|a, b| a.doc.path.cmp(&b.doc.path));
    (results, first)
}

/// An engine that failed on a file is an error for that file (its own findings stay).
fn engine_errors(r: &FileResult, errors: &mut Vec<InputError>) {
    for m in &r.engine_errors {
        errors.push(InputError {
            path: r.doc.path.clone(),
            line: None,
            column: None,
            message: m.clone(),
        });
    }
}

/// A progress bar on standard error, for long runs on a terminal only (never in CI logs
/// or machine formats).
fn progress_bar(args: &CheckArgs, files: usize) -> Option<indicatif::ProgressBar> {
    let interactive = io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !interactive
        || args.quiet
        || args.format != OutputFormat::Human
        || args.output.is_some()
        || files < 50
    {
        return None;
    }
    let p = indicatif::ProgressBar::new(files as u64);
    p.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} fichiers ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(p)
}

/// Keeps the findings on lines changed since `rev`.
pub(crate) fn diff_filter(rev: &str, results: &mut [FileResult], errors: &mut Vec<InputError>) {
    let mut filter = super::git::DiffFilter::new(rev);
    for r in results.iter_mut() {
        match filter.changed(&r.doc.path) {
            Ok(None) => {}
            Ok(Some(ranges)) => {
                let ranges = ranges.clone();
                let doc = &r.doc;
                r.diagnostics.retain(|d| {
                    let (l1, _) = doc.lines.line_col(&doc.text, d.span.start);
                    let (l2, _) = doc.lines.line_col(&doc.text, d.span.end);
                    ranges.iter().any(|&(a, b)| l1 <= b && l2 >= a)
                });
            }
            Err(message) => errors.push(InputError {
                path: r.doc.path.clone(),
                line: None,
                column: None,
                message,
            }),
        }
    }
}

pub fn check(args: &CheckArgs, write_baseline: bool) -> io::Result<i32> {
    if let Some(n) = args.threads {
        // The global pool can only be set once; a second call changes nothing.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let mut errors = Vec::new();
    if let Some(rev) = &args.diff_base
        && let Err(message) = super::git::verify(rev)
    {
        eprintln!("relecture : {message}");
        return Ok(EXIT_ERROR);
    }
    let baseline = match (&args.baseline, write_baseline) {
        (Some(path), false) => match super::read_text_file(path) {
            Ok(text) => match Baseline::parse(&text) {
                Ok(b) => Some(b),
                Err(message) => {
                    eprintln!("relecture : {} : {message}", path.display());
                    return Ok(EXIT_ERROR);
                }
            },
            Err((_, _, message)) => {
                eprintln!("relecture : {} : {message}", path.display());
                return Ok(EXIT_ERROR);
            }
        },
        _ => None,
    };
    let (mut results, loaded) = run_checks(args, &mut errors);
    if let Some(rev) = &args.diff_base {
        diff_filter(rev, &mut results, &mut errors);
    }
    if write_baseline {
        let path = args
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from("relecture-baseline.json"));
        let b = Baseline::from_results(&results);
        super::write_atomically(&path, b.to_json().as_bytes())?;
        let n: usize = b.findings.iter().map(|e| e.count).sum();
        println!(
            "ligne de base écrite : {} ({n} signalements)",
            path.display()
        );
        for e in &errors {
            eprintln!("erreur : {e}");
        }
        return Ok(if errors.is_empty() {
            EXIT_OK
        } else {
            EXIT_ERROR
        });
    }
    if let Some(b) = &baseline {
        b.filter(&mut results);
    }
    write_report(args, &results, &errors)?;
    let status = exit_status(args, loaded.as_deref(), &results, &errors);
    // The process ends now: its documents, findings and glossaries are left to it rather
    // than freed piece by piece (freeing a 100,000-concept termbase takes 0.1 s).
    std::mem::forget(results);
    std::mem::forget(loaded);
    Ok(status)
}

/// Writes the report of `results` as the arguments ask (`--format`, `--quiet`,
/// `--statistics`, `--output`): into a buffer written at once to the output file, or
/// straight to standard output (a report of 50 MB of text may weigh hundreds of
/// megabytes).
pub(crate) fn write_report(
    args: &CheckArgs,
    results: &[FileResult],
    errors: &[InputError],
) -> io::Result<()> {
    let mut buffer: Vec<u8> = Vec::new();
    let mut direct = args
        .output
        .is_none()
        .then(|| io::BufWriter::with_capacity(1 << 16, io::stdout().lock()));
    {
        let out: &mut dyn Write = match &mut direct {
            Some(w) => w,
            None => &mut buffer,
        };
        if args.statistics && args.format == OutputFormat::Human {
            statistics(results, out)?;
        } else if args.quiet && args.format == OutputFormat::Human {
            // Findings only: the human reporter without its summary line.
            let mut all = Vec::new();
            report::Human.report(results, errors, &mut all)?;
            let text = String::from_utf8_lossy(&all);
            let body = text.trim_end().rsplit_once('\n').map_or("", |(b, _)| b);
            writeln!(out, "{body}")?;
        } else {
            crate::timing::time("report", || {
                reporter(args.format).report(results, errors, out)
            })?;
        }
    }
    match (&args.output, direct) {
        (Some(path), _) => super::write_atomically(path, &buffer)?,
        (None, Some(mut w)) => w.flush()?,
        (None, None) => {}
    }
    if args.statistics && args.format != OutputFormat::Human {
        statistics(results, &mut io::stderr())?;
    }
    Ok(())
}

/// The exit status of a check: 2 when an input failed, 1 when a finding reaches
/// `--fail-on` (or the configuration's `fail-on`) or the warnings pass `--max-warnings`.
pub(crate) fn exit_status(
    args: &CheckArgs,
    config: Option<&Loaded>,
    results: &[FileResult],
    errors: &[InputError],
) -> i32 {
    if !errors.is_empty() {
        return EXIT_ERROR;
    }
    let fail_on = args
        .fail_on
        .or_else(|| {
            config
                .and_then(|l| l.config.fail_on.as_deref())
                .and_then(FailOn::parse)
        })
        .unwrap_or(FailOn::Error);
    let summary = Summary::new(results, errors);
    let failing = fail_on.threshold().is_some_and(|t| {
        results
            .iter()
            .any(|r| r.diagnostics.iter().any(|d| d.severity >= t))
    });
    let too_many = args.max_warnings.is_some_and(|n| summary.warnings > n);
    if failing || too_many {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// `--statistics`: findings per rule, most frequent first.
fn statistics(results: &[FileResult], out: &mut dyn Write) -> io::Result<()> {
    let mut counts: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    for r in results {
        for d in &r.diagnostics {
            *counts.entry((d.rule, d.severity)).or_default() += 1;
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((rule, severity), n) in rows {
        writeln!(out, "{n:>6}  {rule:<26} {}", severity.label_fr())?;
    }
    Ok(())
}
