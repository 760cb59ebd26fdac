/*! Plain text: everything is prose but URLs, e-mail addresses and `code` in backticks. */

use crate::document::{Mask, MaskKind};
use regex::Regex;
use std::sync::LazyLock;

static NOT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:https?|ftp)://[^\s<>«»\x22]+         # URL
        | \bwww\.[^\s<>«»\x22]+                 # bare www address
        | [\w.+-]+@[\w-]+(?:\.[\w-]+)+          # e-mail address
        | `[^`\n]+`                             # code in backticks
        | <!--[\s\S]*?-->                        # comments (suppression directives)
        ",
    )
    .expect("valid regex")
});

/// Masks what is not prose in any text (also used inside Markdown prose).
pub fn mask_inline(text: &str, offset: usize, mask: &mut Mask) {
    for m in NOT_PROSE.find_iter(text) {
        let mut end = m.end();
        // A URL does not take the sentence's final punctuation with it.
        while end > m.start() + 1 && matches!(text.as_bytes()[end - 1], b'.' | b',' | b';' | b':' | b')' | b'!' | b'?') {
            end -= 1;
        }
        mask.add(offset + m.start(), offset + end, MaskKind::Content);
    }
}

pub fn mask(text: &str, mask: &mut Mask) {
    mask_inline(text, 0, mask);
}
