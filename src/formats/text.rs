/*! Plain text: everything is prose but URLs, e-mail addresses and `code` in backticks. */

use crate::document::{Mask, MaskKind};
use regex::Regex;
use std::sync::LazyLock;

/// (The `www` boundary is ASCII: a Unicode `\b` keeps the regular expression off its fast
/// engines on French text. The two differ only after a non-ASCII letter glued to
/// « www. », which no address is.)
static NOT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:https?|ftp)://[^\s<>«»\x22]+         # URL
        | (?-u:\b)www\.[^\s<>«»\x22]+           # bare www address
        | [\w.+-]+@[\w-]+(?:\.[\w-]+)+          # e-mail address
        | `[^`\n]+`                             # code in backticks
        | <!--[\s\S]*?-->                        # comments (suppression directives)
        ",
    )
    .expect("valid regex")
});

/// What every match of `NOT_PROSE` contains. A match never crosses a line but a comment,
/// and a comment runs from « <!-- » to the first « --> »: the regular expression (slow on
/// non-ASCII text, for its Unicode `\b`) only runs on the lines that hold one of these.
static TRIGGERS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(["://", "www.", "@", "`", "<!--"]).expect("valid patterns")
});

/// The stretches of whole lines of `text` that may hold a match of `NOT_PROSE`: every match
/// lies inside one of them, and no match reaches into one from outside, so searching
/// them alone finds the very matches that searching the whole text finds.
fn candidate_windows(text: &str) -> Vec<(usize, usize)> {
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |i| at + i);
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(m) = TRIGGERS.find(aho_corasick::Input::new(text).range(from..)) {
        from = m.end();
        // A comment runs to the line of its first « --> ».
        let comment_end = || {
            (m.pattern().as_usize() == 4)
                .then(|| {
                    text[m.end()..]
                        .find("-->")
                        .map(|close| line_end(m.end() + close + 3))
                })
                .flatten()
        };
        if let Some(last) = windows.last_mut().filter(|w| m.start() < w.1) {
            // Inside the current window: only a comment can make it longer.
            if let Some(end) = comment_end() {
                last.1 = last.1.max(end);
            }
            continue;
        }
        let start = line_start(m.start());
        let end = line_end(m.end()).max(comment_end().unwrap_or(0));
        match windows.last_mut() {
            // Touching or overlapping windows are one window.
            Some(last) if start <= last.1 + 1 => last.1 = last.1.max(end),
            _ => windows.push((start, end)),
        }
    }
    windows
}

/// Masks what is not prose in any text (also used inside Markdown prose).
pub fn mask_inline(text: &str, offset: usize, mask: &mut Mask) {
    for (ws, we) in candidate_windows(text) {
        let window = &text[ws..we];
        for m in NOT_PROSE.find_iter(window) {
            let mut end = m.end();
            // A URL does not take the sentence's final punctuation with it.
            while end > m.start() + 1
                && matches!(
                    window.as_bytes()[end - 1],
                    b'.' | b',' | b';' | b':' | b')' | b'!' | b'?'
                )
            {
                end -= 1;
            }
            mask.add(
                offset + ws + m.start(),
                offset + ws + end,
                MaskKind::Content,
            );
        }
    }
}

pub fn mask(text: &str, mask: &mut Mask) {
    mask_inline(text, 0, mask);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str) -> Vec<(usize, usize)> {
        let mut m = Mask::new();
        mask(text, &mut m);
        m.ranges().iter().map(|r| (r.0, r.1)).collect()
    }

    /// The regular expression over the whole text, as `mask_inline` once did.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        NOT_PROSE
            .find_iter(text)
            .map(|m| {
                let mut end = m.end();
                while end > m.start() + 1
                    && matches!(
                        text.as_bytes()[end - 1],
                        b'.' | b',' | b';' | b':' | b')' | b'!' | b'?'
                    )
                {
                    end -= 1;
                }
                (m.start(), end)
            })
            .collect()
    }

    #[test]
    fn windows_find_what_the_whole_text_finds() {
        let pieces = [
            "voir https://exemple.fr/a.",
            " www.exemple.fr",
            "écrire à a.b@c.fr",
            "`code`",
            "<!-- x\ny -->",
            "<!--",
            "-->",
            "\n",
            " ",
            "é",
            "mot",
            "`",
            "@",
            "a",
            ".",
            "://",
            "www.",
            "\n\n",
            "«",
            "»",
        ];
        let mut x: u64 = 88172645463325252;
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..(x % 12) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push_str(pieces[(x % pieces.len() as u64) as usize]);
            }
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            assert_eq!(ranges(&t), reference(&t), "{t:?}");
        }
    }
}
