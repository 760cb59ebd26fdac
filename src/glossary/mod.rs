/*! Glossaries: the model, the loaders, the default glossaries compiled into the binary,
the compiled matcher, and the runner of each entry's own examples. */

mod checksum;
pub mod csv;
pub mod defaults;
pub mod examples;
mod inflect;
mod matcher;
mod model;
mod stamp;
pub mod tbx;
mod terms;
mod toml;
pub mod write;

pub use inflect::{Mode, class_of, forms};
pub use matcher::{Asked, CompiledGlossary, CtxIds, Hit, Target};
pub use model::*;
pub use terms::Terms;

use thiserror::Error;

/// A glossary that cannot be loaded: the file, the place and what is wrong, in French.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{file}:{line}:{column}: {message}")]
pub struct GlossaryError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses a glossary from its text; the format follows the file name's extension
/// (`.toml`, `.tbx`, `.csv`, `.tsv`).
pub fn parse(file: &str, text: &str) -> Result<Glossary, GlossaryError> {
    let ext = std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("toml") | None => toml::parse(file, text),
        Some("tbx") => tbx::parse(file, text),
        Some("csv") | Some("tsv") => csv::parse(file, text),
        Some(other) => Err(GlossaryError {
            file: file.to_string(),
            line: 1,
            column: 1,
            message: format!(
                "format de glossaire inconnu « .{other} » (attendu : .toml, .tbx, .csv ou .tsv)"
            ),
        }),
    }
}
