/*! Bilingual checking: a translation against its source. Readers (PO, XLIFF, TMX, or a
pair of plain files aligned here) give translation units; the monolingual rules run on the
targets, the bilingual rules (`rules::bilingual`) compare each target with its source. */

pub mod align;
pub mod numbers;
pub mod placeholders;

use crate::document::Document;
use crate::formats::Format;
use crate::formats::bilingual::{BilingualFile, Unit};

/// The document the monolingual rules check in a bilingual file: the whole file, with
/// only the targets visible, each target its own segment (sentences never cross units).
pub fn target_document(
    path: &str,
    text: String,
    format: Format,
    units: &[Unit],
) -> (Document, Vec<(usize, usize)>) {
    let file = BilingualFile {
        units: units.to_vec(),
        ..BilingualFile::default()
    };
    let mask = file.mask(text.len());
    let segments = file.segments();
    (
        Document::with_segments(path, text, format, &mask, &segments),
        segments,
    )
}
