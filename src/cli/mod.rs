/*! The command line: arguments (clap) resolved once into settings, files read and decoded,
one error per unreadable file while the others are still checked, reports written. */

mod files;

use crate::check::Checker;
use crate::diagnostic::Severity;
use crate::glossary::{self, Glossary, GlossaryError};
use crate::report::{self, FileResult, InputError, Reporter};
use crate::rules;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Relecture des traductions françaises d'articles d'actualité et de technologie,
/// pilotée par un glossaire.
#[derive(Debug, Parser)]
#[command(name = "relecture", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Vérifie des fichiers ou des dossiers (.txt, .md).
    Check(CheckArgs),
    /// Liste les règles, ou explique l'une d'elles.
    Rules {
        /// Identifiant d'une règle (ex. forbidden-term).
        id: Option<String>,
    },
    /// Outils pour les glossaires.
    #[command(subcommand)]
    Glossary(GlossaryCommand),
}

#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// Exécute les exemples (bad/good) de chaque entrée ; sans fichier, ceux des glossaires par défaut.
    Test {
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Fichiers ou dossiers à vérifier (par défaut : le dossier courant).
    pub paths: Vec<PathBuf>,
    /// Glossaire supplémentaire (TOML) ; répétable. Ses entrées remplacent celles de même id.
    #[arg(long = "glossary", short = 'g', value_name = "FICHIER")]
    pub glossaries: Vec<PathBuf>,
    /// N'utilise pas les glossaires intégrés.
    #[arg(long)]
    pub no_default_glossary: bool,
    /// Format de sortie.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Sévérité à partir de laquelle le code de sortie vaut 1.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Texte source (anglais) du fichier vérifié, pour le contrôle bilingue d'un fichier
    /// texte ou Markdown : les deux sont alignés par paragraphes puis par phrases.
    #[arg(long, value_name = "FICHIER")]
    pub source: Option<PathBuf>,
}

/// Exit statuses: 0 nothing reaches --fail-on, 1 something does, 2 usage or input error.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// Runs the command line; returns the exit status.
pub fn run(cli: Cli) -> i32 {
    let color = std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal();
    colored::control::set_override(color);
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Rules { id } => list_rules(id.as_deref()),
        Command::Glossary(GlossaryCommand::Test { files }) => glossary_test(&files),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("relecture : erreur d'écriture : {e}");
            EXIT_ERROR
        }
    }
}

fn load_glossary_file(path: &std::path::Path) -> Result<Glossary, GlossaryError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| GlossaryError {
        file: name.clone(),
        line: 0,
        column: 0,
        message: files::io_message(&e),
    })?;
    let text = crate::formats::decode(bytes).map_err(|e| GlossaryError {
        file: name.clone(),
        line: 0,
        column: 0,
        message: e.to_string(),
    })?;
    glossary::parse(&name, &text)
}

fn glossary_error(e: GlossaryError) -> InputError {
    InputError {
        path: e.file,
        line: (e.line > 0).then_some(e.line),
        column: (e.column > 0).then_some(e.column),
        message: format!("glossaire invalide : {}", e.message),
    }
}

/// The glossary for a run: the defaults (unless refused) and the user's files.
fn resolve_glossary(args: &CheckArgs, errors: &mut Vec<InputError>) -> Glossary {
    let mut g = Glossary::default();
    if !args.no_default_glossary {
        match glossary::defaults::load() {
            Ok(d) => g = d,
            Err(e) => errors.push(glossary_error(e)),
        }
    }
    for path in &args.glossaries {
        match load_glossary_file(path) {
            Ok(user) => g.merge(user),
            Err(e) => errors.push(glossary_error(e)),
        }
    }
    g
}

fn check(args: &CheckArgs) -> io::Result<i32> {
    let mut errors = Vec::new();
    let glossary = resolve_glossary(args, &mut errors);
    let checker = Checker::new(glossary);
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let mut results: Vec<FileResult> = Vec::new();
    let inputs = files::collect(&paths, &mut errors);
    match &args.source {
        Some(source) => match files::check_pair(&checker, &inputs, source) {
            Ok(r) => results.push(r),
            Err(e) => errors.push(e),
        },
        None => {
            for input in &inputs {
                match files::check_input(&checker, input) {
                    Ok(Some(r)) => results.push(r),
                    Ok(None) => {}
                    Err(e) => errors.push(e),
                }
            }
        }
    }
    results.sort_by(|a, b| a.doc.path.cmp(&b.doc.path));
    let reporter: Box<dyn Reporter> = match args.format {
        OutputFormat::Human => Box::new(report::Human),
        OutputFormat::Json => Box::new(report::Json),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    reporter.report(&results, &errors, &mut out)?;
    out.flush()?;
    if !errors.is_empty() {
        return Ok(EXIT_ERROR);
    }
    let failing = args.fail_on.threshold().is_some_and(|t| {
        results.iter().any(|r| r.diagnostics.iter().any(|d| d.severity >= t))
    });
    Ok(if failing { EXIT_FINDINGS } else { EXIT_OK })
}

fn list_rules(id: Option<&str>) -> io::Result<i32> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match id {
        None => {
            for m in rules::all_metas() {
                writeln!(out, "{:<22} {:<24} {:<8} {}", m.id, m.category.as_str(), m.severity.as_str(), m.summary)?;
            }
            Ok(EXIT_OK)
        }
        Some(id) => match rules::find(id) {
            Some(m) => {
                writeln!(out, "{} ({}, {} par défaut)\n", m.id, m.category, m.severity.label_fr())?;
                writeln!(out, "{}\n", m.summary)?;
                writeln!(out, "Ce qu'elle signale\n  {}\n", m.doc.what)?;
                writeln!(out, "Pourquoi\n  {}\n", m.doc.why)?;
                writeln!(out, "Exemple\n  {}\n", m.doc.example)?;
                writeln!(out, "À écrire plutôt\n  {}", m.doc.instead)?;
                Ok(EXIT_OK)
            }
            None => {
                let known: Vec<&str> = rules::all_metas().map(|m| m.id).collect();
                let close = known
                    .iter()
                    .max_by(|a, b| strsim::jaro_winkler(a, id).total_cmp(&strsim::jaro_winkler(b, id)))
                    .copied()
                    .unwrap_or("");
                eprintln!("relecture : règle inconnue « {id} » (voulez-vous dire « {close} » ? `relecture rules` les liste toutes)");
                Ok(EXIT_ERROR)
            }
        },
    }
}

fn glossary_test(files: &[PathBuf]) -> io::Result<i32> {
    let mut sets: Vec<(String, Glossary)> = Vec::new();
    let mut load_errors = 0;
    if files.is_empty() {
        for (name, text) in glossary::defaults::FILES {
            match glossary::parse(name, text) {
                Ok(g) => sets.push((name.to_string(), g)),
                Err(e) => {
                    eprintln!("{}", glossary_error(e));
                    load_errors += 1;
                }
            }
        }
    } else {
        for f in files {
            match load_glossary_file(f) {
                Ok(g) => sets.push((f.display().to_string(), g)),
                Err(e) => {
                    eprintln!("{}", glossary_error(e));
                    load_errors += 1;
                }
            }
        }
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut failures = 0;
    for (name, g) in &sets {
        let outcome = glossary::examples::run(g);
        for f in &outcome.failures {
            writeln!(out, "{}:{}: entrée « {} » : {}", f.file, f.line, f.entry, f.message)?;
        }
        failures += outcome.failures.len();
        writeln!(
            out,
            "{name} : {} entrées, {} exemples, {} échec{}",
            outcome.entries,
            outcome.examples,
            outcome.failures.len(),
            if outcome.failures.len() > 1 { "s" } else { "" }
        )?;
    }
    Ok(if load_errors > 0 {
        EXIT_ERROR
    } else if failures > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
