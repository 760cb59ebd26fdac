//! `relecture report`: checks the files, then writes the correction report (see
//! `crate::report::html` and `crate::report::markdown`) to `--output` (atomically) or to
//! standard output. Exit status: 2 when a file could not be checked (it is listed in the
//! report), else 0 when the MQM verdict passes and 1 when it fails.

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, ReportArgs, ReportFormat};
use crate::baseline::Baseline;
use crate::mqm::{Score, Weights, format_fr};
use crate::report::{self, Reporter};
use std::io::{self, Write};

pub fn run(args: &ReportArgs) -> io::Result<i32> {
    let check = &args.check;
    let weights = match Weights::parse(&args.weights) {
        Ok(w) => w,
        Err(message) => {
            eprintln!("relecture : --weights : {message}");
            return Ok(EXIT_ERROR);
        }
    };
    if !(args.threshold.is_finite() && args.threshold >= 0.0) {
        eprintln!(
            "relecture : --threshold : il faut un nombre de points positif ou nul (pénalité admise pour 1000 mots)"
        );
        return Ok(EXIT_ERROR);
    }
    if let Some(n) = check.threads {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    if let Some(rev) = &check.diff_base
        && let Err(message) = super::git::verify(rev)
    {
        eprintln!("relecture : {message}");
        return Ok(EXIT_ERROR);
    }
    let baseline = match &check.baseline {
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
        None => None,
    };
    let mut errors = Vec::new();
    let (mut results, _) = super::check::run_checks(check, &mut errors);
    if let Some(rev) = &check.diff_base {
        super::check::diff_filter(rev, &mut results, &mut errors);
    }
    if let Some(b) = &baseline {
        b.filter(&mut results);
    }
    let reporter: Box<dyn Reporter> = match args.report_format {
        ReportFormat::Html => Box::new(report::Html {
            weights,
            threshold: args.threshold,
        }),
        ReportFormat::Markdown => Box::new(report::Markdown {
            weights,
            threshold: args.threshold,
        }),
    };
    let mut buffer = Vec::new();
    reporter.report(&results, &errors, &mut buffer)?;
    let score = Score::of_files(&results, weights, args.threshold);
    match &check.output {
        Some(path) => {
            if let Err(e) = super::write_atomically(path, &buffer) {
                eprintln!(
                    "relecture : {} : écriture impossible : {}",
                    path.display(),
                    super::files::io_message(&e)
                );
                return Ok(EXIT_ERROR);
            }
            if !check.quiet {
                eprintln!(
                    "rapport écrit : {} (score MQM {} / 100, {} pts pour 1000 mots : {})",
                    path.display(),
                    format_fr(score.quality, 1),
                    format_fr(score.per_thousand, 1),
                    score.verdict_fr()
                );
            }
        }
        None => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(&buffer)?;
            lock.flush()?;
        }
    }
    for e in &errors {
        eprintln!("erreur : {e}");
    }
    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if score.pass {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}
