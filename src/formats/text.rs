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

/// `NOT_PROSE` for a window that is all ASCII, where it finds the very same matches: its
/// classes hold the same ASCII characters. Its automata are a fraction of the size of those
/// of the Unicode classes (`\w`, `\s`), whose states cost most of the search.
static NOT_PROSE_ASCII: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"(?x-u)
        (?:https?|ftp)://[^\s<>\x22]+
        | \bwww\.[^\s<>\x22]+
        | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
        | `[^`\n]+`
        | <!--[\s\S]*?-->
        ",
    )
    .expect("valid regex")
});

/// The matches of `NOT_PROSE` in `window`, as (start, end).
fn not_prose(window: &str) -> Vec<(usize, usize)> {
    if window.is_ascii() {
        NOT_PROSE_ASCII
            .find_iter(window.as_bytes())
            .map(|m| (m.start(), m.end()))
            .collect()
    } else {
        NOT_PROSE
            .find_iter(window)
            .map(|m| (m.start(), m.end()))
            .collect()
    }
}

/// The triggers of `text` in order, as (start, end, is a comment): the leftmost-first,
/// non-overlapping matches of « :// », « www. », « @ », « ` » and « <!-- », from two memchr
/// scans for their first bytes (these bytes are rare in prose).
///
/// Every match of `NOT_PROSE` contains a trigger. A match never crosses a line but a
/// comment, and a comment runs from « <!-- » to the first « --> »: the regular expression
/// (slow on non-ASCII text, for its Unicode `\b`) only runs around the triggers.
fn triggers(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let bytes = text.as_bytes();
    let mut a = memchr::memchr3_iter(b'@', b'`', b'<', bytes).peekable();
    let mut b = memchr::memchr2_iter(b':', b'w', bytes).peekable();
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let at = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x < y => a.next(),
                (Some(_), None) => a.next(),
                _ => b.next(),
            }?;
            if at < from {
                continue;
            }
            let rest = &bytes[at..];
            let len = match rest[0] {
                b'@' | b'`' => 1,
                b'<' if rest.starts_with(b"<!--") => 4,
                b':' if rest.starts_with(b"://") => 3,
                b'w' if rest.starts_with(b"www.") => 4,
                _ => continue,
            };
            from = at + len;
            return Some((at, at + len, rest[0] == b'<'));
        }
    })
}

/// The stretches of whole lines of `text` that may hold a match of `NOT_PROSE`: every match
/// lies inside one of them, and no match reaches into one from outside, so searching
/// them alone finds the very matches that searching the whole text finds.
fn candidate_windows(text: &str) -> Vec<(usize, usize)> {
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |i| at + i);
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for (m_start, m_end, comment) in triggers(text) {
        // A comment runs to the line of its first « --> ».
        let comment_end = || {
            comment
                .then(|| {
                    text[m_end..]
                        .find("-->")
                        .map(|close| line_end(m_end + close + 3))
                })
                .flatten()
        };
        if let Some(last) = windows.last_mut().filter(|w| m_start < w.1) {
            // Inside the current window: only a comment can make it longer.
            if let Some(end) = comment_end() {
                last.1 = last.1.max(end);
            }
            continue;
        }
        let start = line_start(m_start);
        let end = line_end(m_end).max(comment_end().unwrap_or(0));
        match windows.last_mut() {
            // Touching or overlapping windows are one window.
            Some(last) if start <= last.1 + 1 => last.1 = last.1.max(end),
            _ => windows.push((start, end)),
        }
    }
    windows
}

/// `candidate_windows` narrowed: in a window without « ` » or « <!-- », every match is an
/// address (a URL, a www address, an e-mail address), which holds no white space, so it
/// lies in the run of non-white-space characters around one of the window's triggers, and
/// the regular expression finds the same matches in these runs alone (at a run's start, as
/// at the window's, the character before is not a word character).
fn narrow_windows(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (ws, we) in candidate_windows(text) {
        let window = &text[ws..we];
        if memchr::memchr(b'`', window.as_bytes()).is_some() || window.contains("<!--") {
            out.push((ws, we));
            continue;
        }
        for (s, e, _) in triggers(window) {
            let start = window[..s]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let end = window[e..]
                .find(char::is_whitespace)
                .map_or(window.len(), |i| e + i);
            match out.last_mut() {
                // Two triggers in one run: one window.
                Some(last) if last.1 >= ws + start => last.1 = last.1.max(ws + end),
                _ => out.push((ws + start, ws + end)),
            }
        }
    }
    out
}

/// Masks what is not prose in any text (also used inside Markdown prose).
pub fn mask_inline(text: &str, offset: usize, mask: &mut Mask) {
    for (ws, we) in narrow_windows(text) {
        let window = &text[ws..we];
        for (m_start, m_end) in not_prose(window) {
            let mut end = m_end;
            // A URL does not take the sentence's final punctuation with it.
            while end > m_start + 1
                && matches!(
                    window.as_bytes()[end - 1],
                    b'.' | b',' | b';' | b':' | b')' | b'!' | b'?'
                )
            {
                end -= 1;
            }
            mask.add(offset + ws + m_start, offset + ws + end, MaskKind::Content);
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
    fn triggers_are_those_of_aho_corasick() {
        let ac = aho_corasick::AhoCorasick::new(["://", "www.", "@", "`", "<!--"])
            .expect("valid patterns");
        let text = "voir https://a.fr/www.b@c `x` <!-- y --> wwww.z <!<!-- :/:// @@ w";
        let general: Vec<_> = ac
            .find_iter(text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize() == 4))
            .collect();
        assert_eq!(triggers(text).collect::<Vec<_>>(), general);
        let mut rng = crate::testing::Rng::new(0x2545_F491_4F6C_DD1D);
        let pieces = [
            "://", "www.", "@", "`", "<!--", "w", ":", "/", "<", "!", "-", "é", " ",
        ];
        for _ in 0..20_000 {
            let t = rng.string(&pieces, 10);
            let general: Vec<_> = ac
                .find_iter(&t)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize() == 4))
                .collect();
            assert_eq!(triggers(&t).collect::<Vec<_>>(), general, "{t:?}");
        }
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
            "\u{A0}",
            "\u{202F}",
            "\t",
            "\u{2003}",
            "http://",
            "x.fr",
            "-",
            "+",
            "_",
            "<",
            "!",
            "ww",
            ":/",
        ];
        let mut rng = crate::testing::Rng::new(88172645463325252);
        for _ in 0..20_000 {
            let t = rng.string(&pieces, 12);
            assert_eq!(ranges(&t), reference(&t), "{t:?}");
        }
    }

    /// On ASCII text, the ASCII regex finds what the Unicode one finds.
    #[test]
    fn ascii_regex_finds_what_the_unicode_one_finds() {
        let pieces = [
            "https://a.fr/x",
            "ftp://",
            "http://",
            "www.",
            "wwww.",
            "a.b@c.fr",
            "@",
            "x@y",
            ".",
            "-",
            "+",
            "_",
            "`",
            "`x`",
            "<!--",
            "-->",
            "<",
            ">",
            "\"",
            "\n",
            " ",
            "\t",
            "\r",
            "\x0b",
            "\x0c",
            "a",
            "Z",
            "9",
            "/",
            ":",
            ",",
            ";",
            ")",
            "!",
        ];
        let mut rng = crate::testing::Rng::new(0x5eed_a5c1);
        let mut found = 0;
        for _ in 0..30_000 {
            let t = rng.string(&pieces, 12);
            let unicode: Vec<(usize, usize)> = NOT_PROSE
                .find_iter(&t)
                .map(|m| (m.start(), m.end()))
                .collect();
            found += unicode.len();
            assert_eq!(not_prose(&t), unicode, "{t:?}");
        }
        assert!(found > 1000, "{found}");
    }
}
