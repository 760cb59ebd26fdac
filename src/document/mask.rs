/*! Ranges of the original text that are not prose. Masking replaces them byte for byte in
the view, so offsets never move. */

use super::BARRIER;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaskKind {
    /// Markup syntax (`#`, `*`, `>`, a BOM): becomes white space, words on both sides still
    /// form a phrase.
    Syntax,
    /// Content that is not French prose (code, URL, HTML, front matter): becomes a barrier.
    Content,
    /// Everything outside the text to check (the source side and the syntax of a bilingual
    /// file): white space, line breaks included.
    Hidden,
}

#[derive(Debug, Clone, Default)]
pub struct Mask {
    ranges: Vec<(usize, usize, MaskKind)>,
}

impl Mask {
    pub fn new() -> Mask {
        Mask::default()
    }

    pub fn add(&mut self, start: usize, end: usize, kind: MaskKind) {
        if start < end {
            self.ranges.push((start, end, kind));
        }
    }

    pub fn ranges(&self) -> &[(usize, usize, MaskKind)] {
        &self.ranges
    }

    /// The view: `text` with masked bytes replaced (line breaks kept, so lines and
    /// paragraphs keep their shape). Content ranges get a barrier at their first byte and
    /// white space elsewhere.
    pub fn apply(&self, text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        for &(start, end, kind) in &self.ranges {
            let end = end.min(bytes.len());
            for (i, b) in bytes[start..end].iter_mut().enumerate() {
                if (*b == b'\n' || *b == b'\r') && kind != MaskKind::Hidden {
                    continue;
                }
                *b = if kind == MaskKind::Content && (i == 0) {
                    BARRIER
                } else {
                    b' '
                };
            }
            if kind == MaskKind::Content && end > start + 1 && bytes[end - 1] != b'\n' {
                bytes[end - 1] = BARRIER;
            }
        }
        // Every replaced byte is ASCII and whole characters are replaced: still UTF-8.
        String::from_utf8(bytes).unwrap_or_else(|e| {
            // A range that cut a character: fall back to a lossless-length repair.
            let mut b = e.into_bytes();
            for x in b.iter_mut() {
                if !x.is_ascii() {
                    *x = b' ';
                }
            }
            String::from_utf8(b).expect("ASCII only")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_keeps_length_and_lines() {
        let text = "voir `é = 1`\net la suite";
        let mut m = Mask::new();
        m.add(5, 13, MaskKind::Content);
        let v = m.apply(text);
        assert_eq!(v.len(), text.len());
        assert!(v.starts_with("voir \u{1A}"));
        assert!(v.ends_with("\net la suite"));
    }
}
