/*! Input formats: how a file's bytes become text, and what in the text is not prose. */

pub mod bilingual;
mod markdown;
pub mod po;
mod text;
pub mod tmx;
pub mod xliff;

use crate::document::Mask;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Po,
    Xliff,
    Tmx,
}

impl Format {
    /// The format a path's extension names, if relecture reads it.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "po" => Some(Format::Po),
            "xlf" | "xliff" => Some(Format::Xliff),
            "tmx" => Some(Format::Tmx),
            _ => None,
        }
    }

    /// True for the formats that hold a source and a target (PO, XLIFF, TMX).
    pub fn is_bilingual(self) -> bool {
        matches!(self, Format::Po | Format::Xliff | Format::Tmx)
    }

    /// Parses a bilingual file into translation units.
    pub fn parse_bilingual(
        self,
        text: &str,
    ) -> Option<Result<bilingual::BilingualFile, bilingual::ParseError>> {
        match self {
            Format::Po => Some(po::parse(text)),
            Format::Xliff => Some(xliff::parse(text)),
            Format::Tmx => Some(tmx::parse(text)),
            Format::Text | Format::Markdown => None,
        }
    }
}

/// The ranges of `text` that are not prose, for the given format.
pub fn mask_for(format: Format, text: &str) -> Mask {
    let mut mask = Mask::new();
    if text.starts_with('\u{FEFF}') {
        mask.add(0, 3, crate::document::MaskKind::Syntax);
    }
    match format {
        Format::Text => text::mask(text, &mut mask),
        Format::Markdown => markdown::mask(text, &mut mask),
        // Bilingual files are masked from their units (`BilingualFile::mask`); read as
        // text, nothing else is hidden.
        Format::Po | Format::Xliff | Format::Tmx => text::mask(text, &mut mask),
    }
    mask
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("le fichier est vide")]
    Empty,
    /// 4 GiB or more: a document's offsets are 32 bits (`Document::MAX_LEN`).
    #[error("le fichier est trop grand ({len} octets) : 4 Gio au plus")]
    TooLarge { len: usize },
    #[error("fichier binaire (octet nul à la ligne {line}, colonne {column})")]
    Binary { line: usize, column: usize },
    #[error(
        "le fichier n'est pas en UTF-8 : octet invalide 0x{byte:02X} à la ligne {line}, colonne {column}{hint}"
    )]
    NotUtf8 {
        line: usize,
        column: usize,
        byte: u8,
        hint: &'static str,
    },
}

/// Decodes a file's bytes: UTF-8 (with or without BOM) only. Latin-1 and binary files are
/// refused with the place of the first bad byte; the text is never altered.
pub fn decode(bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.is_empty() || (bytes.len() == 3 && bytes == b"\xEF\xBB\xBF") {
        return Err(DecodeError::Empty);
    }
    if bytes.len() > crate::document::Document::MAX_LEN {
        return Err(DecodeError::TooLarge { len: bytes.len() });
    }
    let place = |bytes: &[u8], at: usize| {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&bytes[line_start..at])
            .chars()
            .count()
            + 1;
        (line, column)
    };
    if let Some(at) = memchr::memchr(0, &bytes[..bytes.len().min(8192)]) {
        let (line, column) = place(&bytes, at);
        return Err(DecodeError::Binary { line, column });
    }
    // (simdutf8 checks a text several times as fast as the standard library; the standard
    // library's check, run only on a text found wrong, says where.)
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just found to be valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let (line, column) = place(&bytes, at);
            let byte = bytes[at];
            let hint = if (0xA0..=0xFF).contains(&byte) {
                " ; encodage Latin-1 (ISO-8859-1) ou Windows-1252 probable : convertir avec « iconv -f latin1 -t utf-8 »"
            } else {
                ""
            };
            Err(DecodeError::NotUtf8 {
                line,
                column,
                byte,
                hint,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_refused_with_its_place() {
        let err = decode(b"ligne un\nd\xE9j\xE0".to_vec()).unwrap_err();
        assert_eq!(
            err,
            DecodeError::NotUtf8 {
                line: 2,
                column: 2,
                byte: 0xE9,
                hint: " ; encodage Latin-1 (ISO-8859-1) ou Windows-1252 probable : convertir avec « iconv -f latin1 -t utf-8 »"
            }
        );
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(decode(Vec::new()), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"ab\0cd".to_vec()),
            Err(DecodeError::Binary { line: 1, column: 3 })
        ));
    }

    /// A text of 4 GiB is refused before it is read (the zeroed block is never touched).
    #[test]
    fn four_gib_are_refused() {
        let len = crate::document::Document::MAX_LEN + 1;
        assert_eq!(decode(vec![0u8; len]), Err(DecodeError::TooLarge { len }));
    }

    #[test]
    fn bom_is_kept() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc".to_vec()).unwrap(), "\u{FEFF}abc");
    }
}
