/*! The model every bilingual reader (PO, XLIFF, TMX) produces: translation units with their
decoded source and target, and where the target lies in the file. The monolingual rules run
on a `Document` of the whole file whose view reveals only the targets; the bilingual rules
compare decoded source and target and map their findings back to file offsets. */

use crate::document::{Mask, MaskKind};

/// Where a piece of the decoded target text comes from in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Start of the piece in the decoded target.
    pub decoded: usize,
    /// Length of the piece in the decoded target.
    pub decoded_len: usize,
    /// Start of the piece in the file.
    pub file: usize,
    /// Length of the piece in the file. Equal to `decoded_len` for verbatim text; an escape
    /// (`\n`, `&amp;`) has its own lengths and maps as a whole.
    pub file_len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitState {
    #[default]
    Translated,
    /// PO `#, fuzzy`, XLIFF state needs-review...: checked, reported as info.
    Fuzzy,
    /// No target, or an empty one.
    Untranslated,
}

/// One translation unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    /// XLIFF `id`, PO `msgctxt` (else « ligne N » of the msgid), TMX `tuid` (else its rank).
    pub id: String,
    /// 1-based line where the unit starts.
    pub line: usize,
    /// Decoded source text; inline markup left out (its codes are in `source_codes`).
    pub source: String,
    /// Decoded target text (empty when there is none).
    pub target: String,
    /// Map from decoded target offsets to file offsets, in order.
    pub pieces: Vec<Piece>,
    /// Byte range of the whole target content in the file (for findings on the whole unit);
    /// `None` when the unit has no target element at all.
    pub target_range: Option<(usize, usize)>,
    /// Inline markup of the source and of the target, as comparable codes: XLIFF elements as
    /// `"<name id>"` (`<g 1>`, `<ph 2>`, `<pc 3>`), PO HTML tags as `"<b>"`, `"</b>"`.
    pub source_codes: Vec<String>,
    pub target_codes: Vec<String>,
    pub state: UnitState,
    /// What distinguishes two units with the same source (PO `msgctxt`), if anything.
    pub context: Option<String>,
    /// Translator comments (PO `# `) and XLIFF notes, for suppression directives.
    pub notes: Vec<String>,
    /// PO plural form index (`msgstr[n]`), if any.
    pub plural: Option<usize>,
}

impl Unit {
    /// The file offset of a decoded target offset.
    pub fn file_offset(&self, decoded: usize) -> usize {
        for p in &self.pieces {
            if decoded < p.decoded + p.decoded_len
                || (decoded == p.decoded + p.decoded_len && p.decoded_len == 0)
            {
                if p.file_len == p.decoded_len {
                    return p.file + (decoded - p.decoded);
                }
                return p.file; // inside an escape: its start
            }
        }
        match self.pieces.last() {
            Some(p) => p.file + p.file_len,
            None => self.target_range.map_or(0, |r| r.0),
        }
    }

    /// The file span of a decoded target range.
    pub fn file_span(&self, start: usize, end: usize) -> crate::diagnostic::Span {
        let s = self.file_offset(start);
        let e = if end > start {
            self.file_end_offset(end)
        } else {
            s
        };
        crate::diagnostic::Span::new(s, e.max(s))
    }

    fn file_end_offset(&self, decoded_end: usize) -> usize {
        for p in &self.pieces {
            if decoded_end > p.decoded && decoded_end <= p.decoded + p.decoded_len {
                if p.file_len == p.decoded_len {
                    return p.file + (decoded_end - p.decoded);
                }
                return p.file + p.file_len; // an escape is kept whole
            }
        }
        self.file_offset(decoded_end)
    }
}

/// A parsed bilingual file.
#[derive(Debug, Clone, Default)]
pub struct BilingualFile {
    pub units: Vec<Unit>,
    /// Source and target languages when the file says (`fr-FR`...).
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
}

impl BilingualFile {
    /// The mask that reveals only the target texts: everything else, and escapes inside
    /// targets, is hidden.
    pub fn mask(&self, file_len: usize) -> Mask {
        let mut mask = Mask::new();
        let mut visible: Vec<(usize, usize)> = Vec::new();
        for u in &self.units {
            for p in &u.pieces {
                if p.file_len == p.decoded_len
                    && !u.target[p.decoded..p.decoded + p.decoded_len].contains('\n')
                {
                    visible.push((p.file, p.file + p.file_len));
                }
            }
        }
        visible.sort_unstable();
        let mut pos = 0;
        for (s, e) in visible {
            if s > pos {
                mask.add(pos, s, MaskKind::Hidden);
            }
            pos = pos.max(e);
        }
        mask.add(pos, file_len, MaskKind::Hidden);
        mask
    }

    /// Target ranges, one per unit with a target: sentences never cross them.
    pub fn segments(&self) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = self.units.iter().filter_map(|u| u.target_range).collect();
        v.sort_unstable();
        v
    }
}

/// A bilingual file that cannot be read: the place and what is wrong, in French.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ParseError {
    /// An error at a byte offset of `text`.
    pub fn at(text: &str, offset: usize, message: impl Into<String>) -> ParseError {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        ParseError {
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_through_escapes() {
        // File: msgstr "a\"b" → decoded a"b ; the escape \" is 2 bytes in the file.
        let u = Unit {
            target: "a\"b".into(),
            pieces: vec![
                Piece {
                    decoded: 0,
                    decoded_len: 1,
                    file: 8,
                    file_len: 1,
                },
                Piece {
                    decoded: 1,
                    decoded_len: 1,
                    file: 9,
                    file_len: 2,
                },
                Piece {
                    decoded: 2,
                    decoded_len: 1,
                    file: 11,
                    file_len: 1,
                },
            ],
            target_range: Some((8, 12)),
            ..Unit::default()
        };
        assert_eq!(u.file_offset(0), 8);
        assert_eq!(u.file_offset(1), 9);
        assert_eq!(u.file_offset(2), 11);
        assert_eq!(u.file_span(0, 3), crate::diagnostic::Span::new(8, 12));
        assert_eq!(u.file_span(2, 3), crate::diagnostic::Span::new(11, 12));
    }
}
