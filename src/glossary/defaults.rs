/*! The default glossaries, compiled into the binary from the `glossary/` folder. */

use super::{Glossary, GlossaryError, parse};

/// (file name, text) of every default glossary, in the order they are merged.
pub const FILES: &[(&str, &str)] = &[
    (
        "glossary/tech.toml",
        include_str!("../../glossary/tech.toml"),
    ),
    (
        "glossary/entities.toml",
        include_str!("../../glossary/entities.toml"),
    ),
    (
        "glossary/calques.toml",
        include_str!("../../glossary/calques.toml"),
    ),
];

/// The default glossaries merged into one.
pub fn load() -> Result<Glossary, GlossaryError> {
    let mut g = Glossary::default();
    for (file, text) in FILES {
        g.merge(parse(file, text)?);
    }
    Ok(g)
}
