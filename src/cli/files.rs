//! Finding the files to check and reading them; every failure becomes an `InputError` that
//! names the file, and the run goes on.

use crate::document::Document;
use crate::formats::{self, DecodeError, Format};
use crate::report::InputError;
use std::path::{Path, PathBuf};

/// A file to check and the format it is read as.
pub struct Input {
    pub path: PathBuf,
    pub format: Format,
    /// Named on the command line (an empty file is then an error, not a skip).
    pub explicit: bool,
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

/// Expands the paths: files as given (any extension is read as text unless it is
/// Markdown), directories walked for .txt and .md files, honouring .gitignore.
pub fn collect(paths: &[PathBuf], errors: &mut Vec<InputError>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(p)
                .build()
                .filter_map(|e| match e {
                    Ok(e) => Some(e),
                    Err(err) => {
                        errors.push(error(p, None, None, format!("parcours du dossier impossible : {err}")));
                        None
                    }
                })
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(|e| e.into_path())
                .filter(|p| Format::from_path(p).is_some())
                .collect();
            found.sort();
            out.extend(found.into_iter().map(|path| Input {
                format: Format::from_path(&path).unwrap_or(Format::Text),
                path,
                explicit: false,
            }));
        } else if p.exists() {
            out.push(Input {
                format: Format::from_path(p).unwrap_or(Format::Text),
                path: p.clone(),
                explicit: true,
            });
        } else {
            errors.push(error(p, None, None, "fichier ou dossier introuvable".to_string()));
        }
    }
    out
}

/// Reads and decodes one file. An empty file found in a directory is skipped silently
/// (returned as an empty document); named on the command line, it is an error.
pub fn read_document(input: &Input) -> Result<Document, InputError> {
    let bytes = std::fs::read(&input.path).map_err(|e| error(&input.path, None, None, io_message(&e)))?;
    let text = match formats::decode(bytes) {
        Ok(t) => t,
        Err(DecodeError::Empty) if !input.explicit => String::new(),
        Err(e) => {
            let (line, column) = match &e {
                DecodeError::Binary { line, column } | DecodeError::NotUtf8 { line, column, .. } => {
                    (Some(*line), Some(*column))
                }
                DecodeError::Empty => (None, None),
            };
            return Err(error(&input.path, line, column, e.to_string()));
        }
    };
    Ok(Document::new(input.path.display().to_string(), text, input.format))
}
