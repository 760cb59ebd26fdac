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
        // Ranges of whole characters (nearly always) are replaced in a copy of the text;
        // a range that cuts a character takes the byte by byte way.
        let whole = self.ranges.iter().all(|&(start, end, _)| {
            let end = end.min(text.len());
            start >= end || (text.is_char_boundary(start) && text.is_char_boundary(end))
        });
        if !whole {
            return self.apply_bytes(text);
        }
        let mut view = text.to_string();
        let mut with = Vec::new();
        for &(start, end, kind) in &self.ranges {
            let end = end.min(view.len());
            if start >= end {
                continue;
            }
            with.clear();
            with.extend_from_slice(&view.as_bytes()[start..end]);
            mask_bytes(&mut with, kind);
            // (Every replaced byte is ASCII and whole characters are replaced.)
            view.replace_range(start..end, std::str::from_utf8(&with).expect("ASCII"));
        }
        view
    }

    /// `apply` byte by byte, repaired when a range cut a character.
    fn apply_bytes(&self, text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        for &(start, end, kind) in &self.ranges {
            let end = end.min(bytes.len());
            if start < end {
                mask_bytes(&mut bytes[start..end], kind);
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

/// Masks the bytes of one range: white space, a barrier first and last for content, line
/// breaks kept but where hidden.
fn mask_bytes(bytes: &mut [u8], kind: MaskKind) {
    for (i, b) in bytes.iter_mut().enumerate() {
        if (*b == b'\n' || *b == b'\r') && kind != MaskKind::Hidden {
            continue;
        }
        *b = if kind == MaskKind::Content && (i == 0) {
            BARRIER
        } else {
            b' '
        };
    }
    let n = bytes.len();
    if kind == MaskKind::Content && n > 1 && bytes[n - 1] != b'\n' {
        bytes[n - 1] = BARRIER;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_ranges_give_the_bytes_view() {
        let text = super::super::tokens::tests::VARIED;
        let kinds = [MaskKind::Syntax, MaskKind::Content, MaskKind::Hidden];
        let mut rng = crate::testing::Rng::new(0x2545_F491_4F6C_DD1D);
        let mut next = |m: usize| rng.below(m);
        for _ in 0..5_000 {
            let mut m = Mask::new();
            for _ in 0..next(5) {
                let start = next(text.len());
                let end = (start + next(40)).min(text.len());
                // Mostly whole characters, sometimes not (the bytes way then).
                let whole = |i: usize| (0..=i).rev().find(|&j| text.is_char_boundary(j));
                let (start, end) = if next(4) > 0 {
                    (whole(start).unwrap_or(0), whole(end).unwrap_or(0))
                } else {
                    (start, end)
                };
                m.add(start, end, kinds[next(3)]);
            }
            assert_eq!(m.apply(text), m.apply_bytes(text), "{:?}", m.ranges());
        }
    }

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
