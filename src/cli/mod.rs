/*! The command line: arguments (clap) resolved once into settings, files found and read,
one error per unreadable file while the others are still checked, reports written. */

pub mod alloc;
mod check;
mod config;
mod files;
mod fix;
mod git;
mod report;

use crate::diagnostic::Severity;
use crate::glossary::{self, Glossary, GlossaryError};
use crate::report::InputError;
use crate::rules;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Vérifie des fichiers ou des dossiers (.txt, .md, .po, .xlf, .xliff, .tmx).
    Check(CheckArgs),
    /// Écrit un rapport de correction (HTML autonome ou Markdown) avec le score de qualité MQM.
    Report(ReportArgs),
    /// Écrit une ligne de base : les signalements actuels, qu'une équipe accepte.
    Baseline {
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Écrit une configuration de départ commentée et un glossaire d'exemple.
    Init {
        /// Dossier où écrire relecture.toml et glossaire.toml (par défaut : le dossier courant).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
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
    Test { files: Vec<PathBuf> },
    /// Convertit un glossaire entre TOML, TBX et CSV/TSV (d'après les extensions).
    Convert { input: PathBuf, output: PathBuf },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
    Rdjson,
    Checkstyle,
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Markdown,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// Format du rapport.
    #[arg(long = "report-format", value_enum, default_value = "html")]
    pub report_format: ReportFormat,
    /// Poids des sévérités pour le score MQM : mineure, majeure, critique.
    #[arg(long, value_name = "M,M,C", default_value = "1,5,25")]
    pub weights: String,
    /// Pénalité maximale admise pour 1000 mots (au-delà : refusé).
    #[arg(long, value_name = "POINTS", default_value_t = 10.0)]
    pub threshold: f64,
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

    fn parse(s: &str) -> Option<FailOn> {
        <FailOn as ValueEnum>::from_str(s, true).ok()
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Fichiers ou dossiers à vérifier (par défaut : le dossier courant, .gitignore respecté) ;
    /// « - » lit l'entrée standard.
    pub paths: Vec<PathBuf>,
    /// Nom à donner à l'entrée standard (« - ») : son extension choisit le format, son dossier
    /// la configuration.
    #[arg(long, value_name = "NOM")]
    pub stdin_filename: Option<PathBuf>,
    /// Glossaire supplémentaire (TOML, TBX, CSV) ; répétable. Ses entrées remplacent celles de même id.
    #[arg(long = "glossary", short = 'g', value_name = "FICHIER")]
    pub glossaries: Vec<PathBuf>,
    /// N'utilise pas les glossaires intégrés.
    #[arg(long)]
    pub no_default_glossary: bool,
    /// Fichier de configuration à utiliser (sinon : relecture.toml le plus proche de chaque fichier).
    #[arg(long, value_name = "FICHIER")]
    pub config: Option<PathBuf>,
    /// N'utilise aucun fichier de configuration.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Format de sortie.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Sévérité à partir de laquelle le code de sortie vaut 1 (par défaut : error, ou celle de la configuration).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Échoue aussi quand il y a plus de N avertissements.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Écrit le rapport dans ce fichier plutôt que sur la sortie standard.
    #[arg(long, short = 'o', value_name = "FICHIER")]
    pub output: Option<PathBuf>,
    /// Affiche le nombre de signalements par règle.
    #[arg(long)]
    pub statistics: bool,
    /// N'affiche que les signalements (ni résumé ni progression).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Ignore les signalements déjà enregistrés dans cette ligne de base.
    #[arg(long, value_name = "FICHIER")]
    pub baseline: Option<PathBuf>,
    /// Ne signale que les lignes ajoutées ou modifiées depuis cette révision git.
    #[arg(long, value_name = "REV")]
    pub diff_base: Option<String>,
    /// Texte source (anglais) du fichier vérifié, pour le contrôle bilingue d'un fichier
    /// texte ou Markdown : les deux sont alignés par paragraphes puis par phrases.
    #[arg(long, value_name = "FICHIER")]
    pub source: Option<PathBuf>,
    /// Nombre de fichiers vérifiés en parallèle (par défaut : un par cœur).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Applique les corrections sûres (une seule correction possible, sans ambiguïté).
    #[arg(long)]
    pub fix: bool,
    /// Avec --fix ou --diff : applique aussi les corrections à vérifier.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Affiche le diff unifié des corrections, sans rien écrire.
    #[arg(long)]
    pub diff: bool,
    /// Ajoute l'avis d'un autre correcteur installé : grammalecte (paquet grammalecte-cli).
    /// Ses règles sont préfixées (grammalecte/…) ; ce qui répète un signalement de relecture
    /// est omis.
    #[arg(long = "with", value_enum, value_name = "MOTEUR")]
    pub engines: Vec<EngineName>,
    /// Ajoute l'avis d'un serveur LanguageTool (API /v2/check), par exemple
    /// http://localhost:8081 ; règles préfixées languagetool/….
    #[arg(long, value_name = "URL")]
    pub languagetool_url: Option<String>,
    /// Délai d'attente d'une réponse de LanguageTool, en secondes.
    #[arg(long, value_name = "SECONDES", default_value_t = 30)]
    pub languagetool_timeout: u64,
}

/// Checkers that `--with` can add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EngineName {
    Grammalecte,
}

/// The engines the arguments ask for, each checked to be usable (once per process): an
/// error message naming the option otherwise.
pub fn engines(args: &CheckArgs) -> Result<Vec<Arc<dyn crate::external::Engine>>, String> {
    type Engines = Result<Vec<Arc<dyn crate::external::Engine>>, String>;
    static ONCE: std::sync::OnceLock<Engines> = std::sync::OnceLock::new();
    if args.engines.is_empty() && args.languagetool_url.is_none() {
        return Ok(Vec::new());
    }
    ONCE.get_or_init(|| make_engines(args)).clone()
}

fn make_engines(args: &CheckArgs) -> Result<Vec<Arc<dyn crate::external::Engine>>, String> {
    use crate::external::{grammalecte, languagetool};
    let mut out: Vec<Arc<dyn crate::external::Engine>> = Vec::new();
    if args.engines.contains(&EngineName::Grammalecte) {
        if !grammalecte::available() {
            return Err(format!(
                "--with grammalecte : {}",
                grammalecte::Error::NotInstalled(grammalecte::program().display().to_string())
            ));
        }
        out.push(Arc::new(grammalecte::Grammalecte));
    }
    if let Some(url) = &args.languagetool_url {
        let lt = languagetool::LanguageTool::new(
            url,
            std::time::Duration::from_secs(args.languagetool_timeout.max(1)),
        )?;
        lt.probe()?;
        out.push(Arc::new(lt));
    }
    Ok(out)
}

/// Exit statuses: 0 nothing reaches --fail-on, 1 something does, 2 usage or input error.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// Runs the command line; returns the exit status.
pub fn run(cli: Cli) -> i32 {
    let color = std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal();
    colored::control::set_override(color);
    // An engine asked for and missing stops the run before any file is read.
    let asked = match &cli.command {
        Command::Check(a) | Command::Baseline { check: a } => Some(a),
        Command::Report(r) => Some(&r.check),
        _ => None,
    };
    if let Some(Err(m)) = asked.map(engines) {
        eprintln!("relecture : {m}");
        return EXIT_ERROR;
    }
    let result = match cli.command {
        Command::Check(args) if args.fix || args.diff => fix::run(&args),
        Command::Check(args) => check::check(&args, false),
        Command::Report(args) => report::run(&args),
        Command::Baseline { check } => check::check(&check, true),
        Command::Init { dir } => init(&dir),
        Command::Rules { id } => list_rules(id.as_deref()),
        Command::Glossary(GlossaryCommand::Test { files }) => glossary_test(&files),
        Command::Glossary(GlossaryCommand::Convert { input, output }) => {
            glossary_convert(&input, &output)
        }
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

fn read_text_file(path: &Path) -> Result<String, (Option<usize>, Option<usize>, String)> {
    let bytes = std::fs::read(path).map_err(|e| (None, None, files::io_message(&e)))?;
    crate::formats::decode(bytes).map_err(|e| {
        let place = match &e {
            crate::formats::DecodeError::Binary { line, column }
            | crate::formats::DecodeError::NotUtf8 { line, column, .. } => {
                (Some(*line), Some(*column))
            }
            crate::formats::DecodeError::Empty | crate::formats::DecodeError::TooLarge { .. } => {
                (None, None)
            }
        };
        (place.0, place.1, e.to_string())
    })
}

pub(crate) fn load_glossary_file(path: &Path) -> Result<Glossary, GlossaryError> {
    let name = path.display().to_string();
    glossary::defaults::parse_file_cached(&name, path, || {
        read_text_file(path).map_err(|(line, column, message)| GlossaryError {
            file: name.clone(),
            line: line.unwrap_or(0),
            column: column.unwrap_or(0),
            message,
        })
    })
}

pub(crate) fn glossary_error(e: GlossaryError) -> InputError {
    InputError {
        path: e.file,
        line: (e.line > 0).then_some(e.line),
        column: (e.column > 0).then_some(e.column),
        message: format!("glossaire invalide : {}", e.message),
    }
}

/// Writes a file atomically: a temporary file beside it, then a rename. Something that is
/// not a file (`--output /dev/null`, a named pipe) is written to as it is, since a file
/// renamed over it would replace it; a symbolic link stays a link (the file it points to is
/// replaced); a file replaced keeps its permissions.
pub(crate) fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let existing = std::fs::metadata(path).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return std::fs::write(path, contents);
    }
    let resolved;
    let path = if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = std::fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.relecture-{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        if let Some(m) = &existing {
            f.set_permissions(m.permissions())?;
        }
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    written.inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn init(dir: &Path) -> io::Result<i32> {
    let config = dir.join("relecture.toml");
    let glossary = dir.join("glossaire.toml");
    for p in [&config, &glossary] {
        if p.exists() {
            eprintln!(
                "relecture : {} existe déjà ; rien n'a été écrit",
                p.display()
            );
            return Ok(EXIT_ERROR);
        }
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("relecture : {} : {}", dir.display(), files::io_message(&e));
        return Ok(EXIT_ERROR);
    }
    write_atomically(&config, crate::config::STARTER.as_bytes())?;
    write_atomically(&glossary, crate::config::STARTER_GLOSSARY.as_bytes())?;
    println!("écrit : {} et {}", config.display(), glossary.display());
    Ok(EXIT_OK)
}

fn list_rules(id: Option<&str>) -> io::Result<i32> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let metas = || rules::all_metas().chain(std::iter::once(&crate::suppress::UNUSED));
    match id {
        None => {
            for m in metas() {
                writeln!(
                    out,
                    "{:<26} {:<24} {:<8} {}",
                    m.id,
                    m.category.as_str(),
                    m.severity.as_str(),
                    m.summary
                )?;
            }
            Ok(EXIT_OK)
        }
        Some(id) => match metas().find(|m| m.id == id) {
            Some(m) => {
                writeln!(
                    out,
                    "{} ({}, {} par défaut)\n",
                    m.id,
                    m.category,
                    m.severity.label_fr()
                )?;
                writeln!(out, "{}\n", m.summary)?;
                writeln!(out, "Ce qu'elle signale\n  {}\n", m.doc.what)?;
                writeln!(out, "Pourquoi\n  {}\n", m.doc.why)?;
                writeln!(out, "Exemple\n  {}\n", m.doc.example)?;
                writeln!(out, "À écrire plutôt\n  {}", m.doc.instead)?;
                Ok(EXIT_OK)
            }
            None => {
                let close = metas()
                    .map(|m| m.id)
                    .max_by(|a, b| {
                        strsim::jaro_winkler(a, id).total_cmp(&strsim::jaro_winkler(b, id))
                    })
                    .unwrap_or("");
                eprintln!(
                    "relecture : règle inconnue « {id} » (voulez-vous dire « {close} » ? `relecture rules` les liste toutes)"
                );
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
            writeln!(
                out,
                "{}:{}: entrée « {} » : {}",
                f.file, f.line, f.entry, f.message
            )?;
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

fn glossary_convert(input: &Path, output: &Path) -> io::Result<i32> {
    let name = input.display().to_string();
    let text = match read_text_file(input) {
        Ok(t) => t,
        Err((line, column, message)) => {
            eprintln!(
                "{}",
                InputError {
                    path: name,
                    line,
                    column,
                    message
                }
            );
            return Ok(EXIT_ERROR);
        }
    };
    match glossary::write::convert(&name, &text, &output.display().to_string()) {
        Ok(converted) => {
            write_atomically(output, converted.as_bytes())?;
            println!("écrit : {}", output.display());
            Ok(EXIT_OK)
        }
        Err(e) => {
            eprintln!("{}", glossary_error(e));
            Ok(EXIT_ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::write_atomically;

    fn scratch(name: &str) -> std::path::PathBuf {
        let d =
            std::env::temp_dir().join(format!("relecture-atomic-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_file_is_replaced_with_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let d = scratch("file");
        let p = d.join("rapport.json");
        std::fs::write(&p, "ancien").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&p, b"nouveau").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "nouveau");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // Nothing left beside it.
        assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_link_stays_a_link() {
        let d = scratch("link");
        let target = d.join("vrai.json");
        let link = d.join("lien.json");
        std::fs::write(&target, "ancien").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"nouveau").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "nouveau");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_pipe_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let d = scratch("fifo");
        let fifo = d.join("tube");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this system
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        write_atomically(&fifo, b"rapport").unwrap();
        // (Checked first: had the pipe been replaced, its reader would wait for ever.)
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), "rapport");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
