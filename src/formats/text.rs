/*! Plain text: everything is prose but URLs, e-mail addresses and `code` in backticks. */

use crate::document::{Mask, MaskKind};
use regex::Regex;
use std::sync::LazyLock;

/// What is not prose, as a regular expression: `not_prose` finds its matches by hand (the
/// tests compare them). (The `www` boundary is ASCII: a Unicode `\b` keeps the regular
/// expression off its fast engines on French text. The two differ only after a non-ASCII
/// letter glued to « www. », which no address is.)
#[cfg(test)]
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

/// `\w` of `NOT_PROSE`: Unicode's word characters (letters, marks, decimal digits,
/// connector punctuation, joiners). Asked of the regex crate itself, whose tables `\w`
/// reads, for the rare characters outside ASCII that are neither Latin letters nor the
/// usual punctuation and spaces (a test checks `is_word` on every character).
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("valid regex"));

/// `\w`, as `NOT_PROSE` reads it. (Inlined in the runs of address characters, which are
/// mostly ASCII.)
#[inline]
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        is_word_beyond_ascii(c)
    }
}

/// `is_word` on a character that is not ASCII.
fn is_word_beyond_ascii(c: char) -> bool {
    if ('\u{A0}'..='\u{24F}').contains(&c) {
        // Latin-1 signs and Latin letters, whose properties have not moved in Unicode's
        // versions (no mark, digit or connector among them): elsewhere the standard
        // library's tables may be of another version than the regex crate's.
        c.is_alphabetic()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        // General punctuation (dashes, bullets, spaces, quotes): only the joiners and the
        // connectors « ‿ », « ⁀ », « ⁔ » are word characters.
        matches!(c, '\u{200C}' | '\u{200D}' | '‿' | '⁀' | '⁔')
    } else if ('\u{2500}'..='\u{25FF}').contains(&c) {
        // Box drawing, block elements, geometric shapes.
        false
    } else if c.is_whitespace()
        || matches!(
            c,
            '«' | '»' | '⟨' | '⟩' | '‘' | '’' | '“' | '”' | '…' | '–' | '—' | '·' | '°'
        )
    {
        false
    } else {
        WORD.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

/// `[^\s<>«»\x22]`: what follows « :// » or « www. » in an address.
fn is_address_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '<' | '>' | '«' | '»' | '"'))
}

/// `[\w.+-]`: the part of an e-mail address before « @ ».
fn is_local_char(c: char) -> bool {
    matches!(c, '.' | '+' | '-') || is_word(c)
}

/// `[\w-]`: a label of the domain of an e-mail address.
fn is_domain_char(c: char) -> bool {
    c == '-' || is_word(c)
}

/// The end of the run of characters of `class` that starts at byte `from` of `w` (`from`
/// when there is none).
fn run_end(w: &str, from: usize, class: impl Fn(char) -> bool) -> usize {
    let b = w.as_bytes();
    let mut i = from;
    while i < b.len() {
        let c = if b[i].is_ascii() {
            b[i] as char
        } else {
            w[i..].chars().next().expect("a character starts here")
        };
        if !class(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// The end of the URL `(?:https?|ftp)://[^\s<>«»\x22]+` that starts at `p`, if one does.
/// (`https?` tries « https » first; the two never both fit.)
fn url_at(w: &str, p: usize) -> Option<usize> {
    let rest = &w.as_bytes()[p..];
    let scheme = [&b"http://"[..], b"https://", b"ftp://"]
        .into_iter()
        .find(|s| rest.starts_with(s))?;
    let body = p + scheme.len();
    let end = run_end(w, body, is_address_char);
    (end > body).then_some(end)
}

/// The end of the address `(?-u:\b)www\.[^\s<>«»\x22]+` that starts at `p`, if one does.
/// (The boundary is before a word character « w »: the byte before is no ASCII word
/// character, or there is none.)
fn www_at(w: &str, p: usize) -> Option<usize> {
    let b = w.as_bytes();
    let boundary = p == 0 || !(b[p - 1].is_ascii_alphanumeric() || b[p - 1] == b'_');
    if !boundary || !b[p..].starts_with(b"www.") {
        return None;
    }
    let end = run_end(w, p + 4, is_address_char);
    (end > p + 4).then_some(end)
}

/// The end of the domain `[\w-]+(?:\.[\w-]+)+` that starts at `d`, if one does. Each label
/// takes all the characters it can (the dot that follows is no label character), and the
/// repetition takes all the labels it can: the regular expression's greedy match.
fn domain_end(w: &str, d: usize) -> Option<usize> {
    let b = w.as_bytes();
    let mut end = run_end(w, d, is_domain_char);
    if end == d {
        return None;
    }
    let mut labels = 0;
    while b.get(end) == Some(&b'.') {
        let next = run_end(w, end + 1, is_domain_char);
        if next == end + 1 {
            break;
        }
        end = next;
        labels += 1;
    }
    (labels > 0).then_some(end)
}

/// The end of the code `` `[^`\n]+` `` that starts at `p` (on « ` »), if one does.
fn code_at(w: &[u8], p: usize) -> Option<usize> {
    let i = memchr::memchr2(b'`', b'\n', &w[p + 1..])?;
    (i > 0 && w[p + 1 + i] == b'`').then_some(p + i + 2)
}

/// The end of the comment `<!--[\s\S]*?-->` that starts at `p` (on « <!-- »), if one does:
/// the end of the first « --> » after « <!-- ». Places from `*no_close` on have no « --> »
/// after them (it is lowered when a search fails, so that no place is searched twice).
fn comment_at(w: &[u8], p: usize, no_close: &mut usize) -> Option<usize> {
    let body = p + 4;
    if body >= *no_close {
        return None;
    }
    match memchr::memmem::find(&w[body..], b"-->") {
        Some(i) => Some(body + i + 3),
        None => {
            *no_close = body;
            None
        }
    }
}

/// Whether a match may start on a character whose first byte is `first`: a URL starts with
/// « h » or « f », a www address with « w », code with « ` », a comment with « < », and an
/// e-mail address with a character of `[\w.+-]` (`email` says whether one may start here).
/// A byte beyond ASCII is left to the full tests. (Most bytes of an address start nothing:
/// this spares them the tests.)
fn may_start(first: u8, email: bool) -> bool {
    !first.is_ascii()
        || matches!(first, b'h' | b'f' | b'w' | b'`' | b'<')
        || email && is_local_char(first as char)
}

/// The first match of `NOT_PROSE` at or after `pos` in `w`. By the regular expression's
/// leftmost-first rule it is the match that starts first, and at one start, that of the
/// first alternative that matches there. (Only the www address and the e-mail address can
/// start at one place: the others start with bytes of their own.)
///
/// An e-mail address `[\w.+-]+@…` starting at `p` takes the run of `[\w.+-]` from `p` (« @ »
/// is not in the class), which must end on « @ » followed by a domain: every place of a run
/// starts one or none alike, so the run is looked at once, from its first place.
fn next_match(w: &str, pos: usize, no_close: &mut usize) -> Option<(usize, usize)> {
    let b = w.as_bytes();
    // Places before `no_email` start no e-mail address.
    let mut no_email = pos;
    let mut p = pos;
    while p < b.len() {
        if !w.is_char_boundary(p) || !may_start(b[p], p >= no_email) {
            p += 1;
            continue;
        }
        if let Some(end) = url_at(w, p).or_else(|| www_at(w, p)) {
            return Some((p, end));
        }
        if p >= no_email {
            let run = run_end(w, p, is_local_char);
            if run > p {
                if b.get(run) == Some(&b'@')
                    && let Some(end) = domain_end(w, run + 1)
                {
                    return Some((p, end));
                }
                no_email = run;
            }
        }
        let found = match b[p] {
            b'`' => code_at(b, p),
            b'<' if b[p..].starts_with(b"<!--") => comment_at(b, p, no_close),
            _ => None,
        };
        if let Some(end) = found {
            return Some((p, end));
        }
        p += 1;
    }
    None
}

/// The matches of `NOT_PROSE` in `w`, as (start, end).
fn not_prose(w: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    let mut no_close = usize::MAX;
    std::iter::from_fn(move || {
        let (start, end) = next_match(w, pos, &mut no_close)?;
        pos = end;
        Some((start, end))
    })
}

/// The searchers for « :// » and « www. », made once (`triggers`).
static URL: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("://"));
static WWW: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("www."));

/// The triggers of `text` in order, as (start, end, is a comment): the leftmost-first,
/// non-overlapping matches of « :// », « www. », « @ », « ` » and « <!-- », from a memchr
/// scan for the first bytes of the last three (these bytes are rare in prose; « <!-- »
/// found by its « ! »: the man pages hold 6,400 « < », « <fichier », and 180 « ! »), and a
/// search for each of the first two.
///
/// Every match of `NOT_PROSE` contains a trigger. A match never crosses a line but a
/// comment, and a comment runs from « <!-- » to the first « --> »: `not_prose` only runs
/// around the triggers.
fn triggers(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let bytes = text.as_bytes();
    // (A « ! » stands for the « < » before it; no other trigger starts on « < », so the
    // places stay in order and apart from those of `b`.)
    let mut a = memchr::memchr3_iter(b'@', b'`', b'!', bytes)
        .filter_map(|at| match bytes[at] {
            b'!' => (at > 0 && bytes[at - 1] == b'<').then(|| at - 1),
            _ => Some(at),
        })
        .peekable();
    // (« :// » and « www. » by a search each for the whole string, where one memchr2 for
    // « : » and « w » stopped at each of the PO text's 13,500: 0.22 -> 0.12 ms on it, 0.18
    // -> 0.15 ms on the man pages, out of the caches. The two never start at one place.)
    let mut urls = URL.find_iter(bytes).peekable();
    let mut www = WWW.find_iter(bytes).peekable();
    let mut b = std::iter::from_fn(move || match (urls.peek(), www.peek()) {
        (Some(x), Some(y)) if x < y => urls.next(),
        (Some(_), None) => urls.next(),
        _ => www.next(),
    })
    .peekable();
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

/// A trigger: start, end, and whether it opens a comment.
type Trigger = (usize, usize, bool);

/// The stretches of whole lines of `text` that may hold a match of `NOT_PROSE`: every match
/// lies inside one of them, and no match reaches into one from outside, so searching
/// them alone finds the very matches that searching the whole text finds. With them, the
/// triggers of `text` in order: those of a window are the triggers of its text alone (a
/// window starts a line, and no trigger holds a line break).
fn candidate_windows(text: &str) -> (Vec<(usize, usize)>, Vec<Trigger>) {
    let bytes = text.as_bytes();
    let line_start = |at: usize| memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let line_end = |at: usize| memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |i| at + i);
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut found = Vec::new();
    for (m_start, m_end, comment) in triggers(text) {
        found.push((m_start, m_end, comment));
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
    (windows, found)
}

/// Whether byte `b` is the first byte of a character that `char::is_whitespace` holds to
/// be white space, for an ASCII byte (`None` beyond ASCII).
#[inline]
fn ascii_white(b: u8) -> Option<bool> {
    b.is_ascii()
        .then_some(b == b' ' || (b'\t'..=b'\r').contains(&b))
}

/// The start of the run of characters that are not white space and that ends at byte `at`
/// of `w` (a character boundary). ASCII bytes are read alone; a character beyond ASCII is
/// decoded.
fn white_before(w: &str, at: usize) -> usize {
    let b = w.as_bytes();
    let mut i = at;
    while i > 0 {
        match ascii_white(b[i - 1]) {
            Some(true) => break,
            Some(false) => i -= 1,
            None => {
                let c = w[..i].chars().next_back().expect("a character ends here");
                if c.is_whitespace() {
                    break;
                }
                i -= c.len_utf8();
            }
        }
    }
    i
}

/// The end of the run of characters that are not white space and that starts at byte
/// `at` of `w` (a character boundary).
fn white_after(w: &str, at: usize) -> usize {
    let b = w.as_bytes();
    let mut i = at;
    while i < b.len() {
        match ascii_white(b[i]) {
            Some(true) => break,
            Some(false) => i += 1,
            None => {
                let c = w[i..].chars().next().expect("a character starts here");
                if c.is_whitespace() {
                    break;
                }
                i += c.len_utf8();
            }
        }
    }
    i
}

/// `candidate_windows` narrowed: in a window without « ` » or « <!-- », every match is an
/// address (a URL, a www address, an e-mail address), which holds no white space, so it
/// lies in the run of non-white-space characters around one of the window's triggers, and
/// `not_prose` finds the same matches in these runs alone (at a run's start, as at the
/// window's, the character before is not a word character).
///
/// The triggers of each window are those the search over the whole text found (no second
/// search in the window): every « ` » and every « <!-- » of the text is a trigger, since
/// no trigger holds their first bytes.
fn narrow_windows(text: &str) -> Vec<(usize, usize)> {
    let (windows, found) = candidate_windows(text);
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut next = 0;
    for (ws, we) in windows {
        let first = next;
        while next < found.len() && found[next].0 < we {
            next += 1;
        }
        let inside = &found[first..next];
        if inside
            .iter()
            .any(|&(s, _, comment)| comment || bytes[s] == b'`')
        {
            out.push((ws, we));
            continue;
        }
        for &(s, e, _) in inside {
            let start = white_before(text, s).max(ws);
            let end = white_after(text, e).min(we);
            match out.last_mut() {
                // Two triggers in one run: one window.
                Some(last) if last.1 >= start => last.1 = last.1.max(end),
                _ => out.push((start, end)),
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

    /// `white_before` by the standard library's search over the characters.
    fn white_before_plain(t: &str, at: usize) -> usize {
        t[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// `white_after` by the standard library's search.
    fn white_after_plain(t: &str, at: usize) -> usize {
        t[at..]
            .find(char::is_whitespace)
            .map_or(t.len(), |i| at + i)
    }

    /// `narrow_windows` as it was: a second search for the triggers in each window, and
    /// the runs around them found with the standard library's searches.
    fn narrow_windows_plain(text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (ws, we) in candidate_windows(text).0 {
            let window = &text[ws..we];
            let bytes = window.as_bytes();
            let comment =
                || memchr::memchr_iter(b'<', bytes).any(|i| bytes[i..].starts_with(b"<!--"));
            if memchr::memchr(b'`', bytes).is_some() || comment() {
                out.push((ws, we));
                continue;
            }
            for (s, e, _) in triggers(window) {
                let (start, end) = (white_before_plain(window, s), white_after_plain(window, e));
                match out.last_mut() {
                    Some(last) if last.1 >= ws + start => last.1 = last.1.max(ws + end),
                    _ => out.push((ws + start, ws + end)),
                }
            }
        }
        out
    }

    /// The windows from the first search's triggers are those of a search per window, on
    /// random texts of triggers, white space of every kind, line breaks and comments.
    #[test]
    fn narrow_windows_are_those_of_a_search_per_window() {
        let pieces = [
            "://",
            "www.",
            "@",
            "`",
            "<!--",
            "-->",
            "<",
            "w",
            ":",
            "a",
            "é",
            "日",
            " ",
            "\n",
            "\t",
            "\x0b",
            "\x0c",
            "\r",
            "\x1c",
            "\u{85}",
            "\u{A0}",
            "\u{202F}",
            "\u{2003}",
            "\u{3000}",
            "\u{2028}",
            "x@y.fr",
            "http://a.fr",
        ];
        let mut rng = crate::testing::Rng::new(0x9E37_79B9_7F4A_7C15);
        let mut runs = 0;
        for _ in 0..50_000 {
            let t = rng.string(&pieces, 16);
            let fast = narrow_windows(&t);
            assert_eq!(fast, narrow_windows_plain(&t), "{t:?}");
            runs += fast.len();
        }
        assert!(runs > 30_000, "{runs}");
    }

    /// `white_before` and `white_after` are the standard library's searches for white
    /// space, at every character boundary of random texts.
    #[test]
    fn white_runs_are_those_of_the_standard_library() {
        let pieces = [
            "a", "é", "日", "😀", " ", "\n", "\t", "\x0b", "\x0c", "\r", "\x1c", "\x1f", "\u{85}",
            "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}",
            "\u{202F}", "\u{205F}", "\u{3000}", "@",
        ];
        let mut rng = crate::testing::Rng::new(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let t = rng.string(&pieces, 10);
            for (at, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
                let (before, after) = (white_before_plain(&t, at), white_after_plain(&t, at));
                assert_eq!(white_before(&t, at), before, "{t:?} {at}");
                assert_eq!(white_after(&t, at), after, "{t:?} {at}");
            }
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

    /// On ASCII text, `not_prose` finds what the regex finds.
    #[test]
    fn not_prose_is_the_regex_on_ascii() {
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
        let found = same_as_regex(&pieces, 0x5eed_a5c1, 30_000, 12);
        assert!(found > 1000, "{found}");
    }

    /// Compares `not_prose` with the regex on `n` random texts of fewer than `most` of
    /// `pieces`; gives the number of matches found.
    fn same_as_regex(pieces: &[&str], seed: u64, n: usize, most: usize) -> usize {
        let mut rng = crate::testing::Rng::new(seed);
        let mut found = 0;
        for _ in 0..n {
            let t = rng.string(pieces, most);
            let regex: Vec<(usize, usize)> = NOT_PROSE
                .find_iter(&t)
                .map(|m| (m.start(), m.end()))
                .collect();
            found += regex.len();
            assert_eq!(not_prose(&t).collect::<Vec<_>>(), regex, "{t:?}");
        }
        found
    }

    /// `is_word` is `\w` on every character: those `\w` finds in a text of them all.
    #[test]
    fn is_word_is_the_regex_word_class() {
        let all: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        let word = Regex::new(r"\w").expect("valid regex");
        let mut by_regex = vec![false; 0x110000];
        for m in word.find_iter(&all) {
            let c = all[m.start()..].chars().next().expect("a character");
            by_regex[c as usize] = true;
        }
        for c in all.chars() {
            assert_eq!(is_word(c), by_regex[c as usize], "{c:?} U+{:04X}", c as u32);
        }
        assert!(by_regex.iter().filter(|&&w| w).count() > 100_000);
    }

    /// `not_prose` finds what the regex finds: on random texts of address pieces, code,
    /// comments, word characters outside ASCII (letters, marks, digits, connectors,
    /// joiners) and characters that are not.
    #[test]
    fn not_prose_is_the_regex() {
        let pieces = [
            "https://a.fr/x",
            "https://",
            "http://",
            "ftp://",
            "http:/",
            "https",
            "ftp",
            "://",
            "www.",
            "wwww.",
            "ww",
            "w",
            "a.b@c.fr",
            "@",
            "@@",
            "x@y",
            ".",
            "..",
            "-",
            "+",
            "_",
            "<",
            ">",
            "<!-",
            "<!--",
            "<!-- a -->",
            "-->",
            "`",
            "`x`",
            "``",
            "\"",
            "«",
            "»",
            "⟨",
            "⟩",
            "\n",
            " ",
            "\t",
            "\u{A0}",
            "\u{202F}",
            "\u{2003}",
            "\u{85}",
            "a",
            "Z",
            "9",
            "é",
            "É",
            "e\u{301}",
            "\u{301}",
            "ǅ",
            "ß",
            "٣",
            "²",
            "Ⅻ",
            "‿",
            "\u{200D}",
            "\u{200C}",
            "ª",
            "日本",
            "😀",
            "/",
            ":",
            ",",
            ";",
            ")",
            "!",
            "?",
            "#",
            "%",
            "’",
        ];
        let found = same_as_regex(&pieces, 0xadd2_e55e, 200_000, 14);
        assert!(found > 50_000, "{found}");
    }

    /// The same on the whole of the tests' texts and the project's documents and sources,
    /// on every line of them, and on every run of non-white-space characters of them.
    #[test]
    fn not_prose_is_the_regex_on_real_text() {
        let mut texts = Vec::new();
        let mut dirs = vec![
            std::path::PathBuf::from("docs"),
            "tests".into(),
            "src".into(),
        ];
        for e in std::fs::read_dir(".").into_iter().flatten().flatten() {
            texts.extend(std::fs::read_to_string(e.path()));
        }
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if e.path().is_dir() {
                    dirs.push(e.path());
                } else {
                    texts.extend(std::fs::read_to_string(e.path()));
                }
            }
        }
        let mut checked = 0;
        for t in &texts {
            let pieces = std::iter::once(t.as_str())
                .chain(t.lines())
                .chain(t.split(char::is_whitespace));
            for piece in pieces {
                let regex: Vec<(usize, usize)> = NOT_PROSE
                    .find_iter(piece)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                assert_eq!(not_prose(piece).collect::<Vec<_>>(), regex, "{piece:?}");
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
