//! Finding the files to check and reading them; every failure becomes an `InputError` that
//! names the file, and the run goes on.

use crate::check::Checker;
use crate::document::Document;
use crate::formats::{self, DecodeError, Format};
use crate::report::{FileResult, InputError};
use std::path::{Path, PathBuf};

/// A file to check and the format it is read as.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub format: Format,
    /// Named on the command line (an empty file is then an error, not a skip; the
    /// configuration's include/exclude do not apply).
    pub explicit: bool,
    /// Read from standard input (`-`); `path` is then `--stdin-filename` or `-`.
    pub stdin: bool,
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "fichier introuvable".to_string(),
        std::io::ErrorKind::PermissionDenied => "lecture refusée (droits insuffisants)".to_string(),
        std::io::ErrorKind::IsADirectory => "c'est un dossier".to_string(),
        _ => format!("lecture impossible : {e}"),
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

/// Expands the paths: files as given (an unknown extension is read as text), directories
/// walked for .txt, .md, .po, .xlf, .xliff and .tmx files, honouring .gitignore; `-` is
/// standard input, named `stdin_name` (its extension gives the format, its folder the
/// configuration).
pub fn collect(
    paths: &[PathBuf],
    stdin_name: Option<&Path>,
    errors: &mut Vec<InputError>,
) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            let name = stdin_name.unwrap_or(Path::new("-"));
            out.push(Input {
                format: Format::from_path(name).unwrap_or(Format::Text),
                path: name.to_path_buf(),
                explicit: true,
                stdin: true,
            });
        } else if p.is_dir() {
            let mut found: Vec<PathBuf> = Vec::new();
            for e in ignore::WalkBuilder::new(p).require_git(false).build() {
                match e {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let path = e.into_path();
                        if Format::from_path(&path).is_some() {
                            found.push(path);
                        }
                    }
                    Ok(_) => {}
                    Err(err) => errors.push(error(
                        p,
                        None,
                        None,
                        format!("parcours du dossier impossible : {err}"),
                    )),
                }
            }
            found.sort();
            out.extend(found.into_iter().map(|path| Input {
                format: Format::from_path(&path).unwrap_or(Format::Text),
                path: clean(path),
                explicit: false,
                stdin: false,
            }));
        } else if p.exists() {
            out.push(Input {
                format: Format::from_path(p).unwrap_or(Format::Text),
                path: p.clone(),
                explicit: true,
                stdin: false,
            });
        } else {
            errors.push(error(
                p,
                None,
                None,
                "fichier ou dossier introuvable".to_string(),
            ));
        }
    }
    out
}

/// `./a/b.md` → `a/b.md`, for reports.
fn clean(p: PathBuf) -> PathBuf {
    p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p)
}

/// Reads, decodes and checks one file. An empty file found in a directory is skipped
/// (`Ok(None)`); named on the command line, it is an error.
pub fn check_input(checker: &Checker, input: &Input) -> Result<Option<FileResult>, InputError> {
    let Some(text) = read_text(input)? else {
        return Ok(None);
    };
    let name = input.path.display().to_string();
    checker
        .check_text(&name, text, input.format)
        .map(Some)
        .map_err(|e| error(&input.path, Some(e.line), Some(e.column), e.message))
}

/// Checks one plain file against its plain source (`--source`).
pub fn check_pair(
    checker: &Checker,
    target: &Input,
    source: &Path,
) -> Result<FileResult, InputError> {
    if target.format.is_bilingual() {
        return Err(error(&target.path, None, None, "--source s'emploie avec un fichier texte ou Markdown ; un fichier PO, XLIFF ou TMX contient déjà sa source".to_string()));
    }
    let source_input = Input {
        format: Format::from_path(source).unwrap_or(Format::Text),
        path: source.to_path_buf(),
        explicit: true,
        stdin: false,
    };
    let source_text = read_text(&source_input)?.unwrap_or_default();
    let target_text = read_text(target)?.unwrap_or_default();
    let source_doc = Document::new(
        source.display().to_string(),
        source_text,
        source_input.format,
    );
    let target_doc = Document::new(
        target.path.display().to_string(),
        target_text,
        target.format,
    );
    Ok(checker.check_pair(target_doc, &source_doc))
}

/// Reads and decodes a file; `None` for an empty file met in a directory walk.
pub(crate) fn read_text(input: &Input) -> Result<Option<String>, InputError> {
    let bytes = if input.stdin {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
            .map_err(|e| error(&input.path, None, None, io_message(&e)))?;
        b
    } else {
        // Read at its full size, and kept so: in the heap (see `alloc::in_heap`).
        super::alloc::in_heap(|| std::fs::read(&input.path))
            .map_err(|e| error(&input.path, None, None, io_message(&e)))?
    };
    match formats::decode(bytes) {
        Ok(t) => Ok(Some(t)),
        Err(DecodeError::Empty) if !input.explicit => Ok(None),
        Err(e) => {
            let (line, column) = match &e {
                DecodeError::Binary { line, column }
                | DecodeError::NotUtf8 { line, column, .. } => (Some(*line), Some(*column)),
                DecodeError::Empty | crate::formats::DecodeError::TooLarge { .. } => (None, None),
            };
            Err(error(&input.path, line, column, e.to_string()))
        }
    }
}
