/*! relecture: a glossary-driven checker for French translations of news and technology
articles. The library is pure (no file system, no terminal): it reads text already in
memory, runs the rules and returns diagnostics; the binary (`cli`) owns I/O. */

pub mod baseline;
pub mod bilingual;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod external;
pub mod fix;
pub mod formats;
pub mod glossary;
mod hint;
pub mod lexicon;
pub mod mqm;
pub mod report;
pub mod rules;
pub mod suppress;
pub mod timing;

#[cfg(test)]
mod testing;

pub use check::Checker;
pub use diagnostic::{Category, Diagnostic, Severity, Span};
pub use document::Document;
