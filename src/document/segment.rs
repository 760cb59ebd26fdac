/*! Sentence segmentation: Unicode sentence boundaries (UAX #29), then French repairs:
no break after an abbreviation such as « M. », « Mme », « p. ex. », « cf. ». */

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (blocks separated by a blank line).
    pub paragraph: u32,
}

/// Abbreviations after which a period does not end a sentence (lower case, no period).
const ABBREVIATIONS: &[&str] = &[
    "art", "av", "cf", "chap", "dr", "env", "ex", "fig", "hab", "mgr", "m", "me", "mlle", "mm",
    "mme", "mmes", "n°", "no", "p", "pp", "pr", "réf", "st", "ste", "t", "vol",
];

pub fn sentences(view: &str) -> Vec<Sentence> {
    let mut out = Builder::new(view);
    super::uax29::sentence_bounds(view, |s, e| out.push(s, e));
    out.finish()
}

/// The sentences of `view` from its UAX #29 sentence segments, in order.
pub(super) fn from_bounds(view: &str, bounds: &[(usize, usize)]) -> Vec<Sentence> {
    let mut out = Builder::new(view);
    for &(start, end) in bounds {
        out.push(start, end);
    }
    out.finish()
}

/// The sentences of a view made from its UAX #29 sentence segments given one by one, in
/// order, as the splitter finds them: no list of the segments is kept (on the man pages
/// it held 16 bytes a segment, more than 2 MB, copied once as it grew into a block
/// mapped apart, and each page of it written for the first time).
pub(super) struct Builder<'a> {
    view: &'a str,
    /// Offsets of the paragraph breaks (`paragraph_breaks`).
    breaks: Vec<usize>,
    out: Vec<Sentence>,
    /// True when the last segment ends with an abbreviation: the next one continues its
    /// sentence (in the same paragraph).
    merge_next: bool,
    /// Paragraph breaks before the current segment (segments come in order).
    before: usize,
    /// The tokens' sentences given on the way (`streaming`, `settle`).
    assign: super::Assign,
    /// The lines' starts (`line`), as `LineIndex` holds them.
    line_starts: Vec<u32>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(view: &'a str) -> Builder<'a> {
        Builder {
            breaks: paragraph_breaks(view),
            ..Builder::streaming(view)
        }
    }

    /// Takes the next segment, `view[start..end]`. (Not inlined: the splitter's loop,
    /// which calls it, runs short of registers.)
    #[inline(never)]
    pub(super) fn push(&mut self, start: usize, end: usize) {
        let s = &self.view[start..end];
        let lead = leading_space(s);
        if lead == s.len() {
            return; // white space only
        }
        // (The end keeps its white space; `ends_with_abbreviation` trims it.)
        let start = start + lead;
        self.add(start, end, ends_with_abbreviation(&s[lead..]));
    }

    /// `push` for a segment without a full stop, `!` or `?` (the splitter's whole plain
    /// lines without a terminator: 37,000 of the PO text's 46,000 lines): it cannot end
    /// with an abbreviation, and when it starts with a visible ASCII character it has no
    /// white space to skip, so neither is looked for. (Not inlined, as `push`.)
    #[inline(never)]
    pub(super) fn push_plain(&mut self, start: usize, end: usize) {
        // (ASCII white space is at most 0x20; a character beyond ASCII may be a space.)
        if (0x21..0x80).contains(&self.view.as_bytes()[start]) {
            self.add(start, end, false);
        } else {
            self.push(start, end);
        }
    }

    /// Takes the segment `view[start..end]`, its leading white space skipped, not white
    /// space only: a sentence of its own, or the end of the last one when that one ends
    /// with an abbreviation; `abbreviation` tells whether this one does.
    #[inline(always)]
    fn add(&mut self, start: usize, end: usize, abbreviation: bool) {
        while self.before < self.breaks.len() && self.breaks[self.before] <= start {
            self.before += 1;
        }
        let paragraph = self.before as u32;
        if self.merge_next
            && let Some(prev) = self.out.last_mut()
            && prev.paragraph == paragraph
        {
            prev.end = end;
        } else {
            self.out.push(Sentence {
                start,
                end,
                paragraph,
            });
        }
        self.merge_next = abbreviation;
    }

    pub(super) fn finish(mut self) -> Vec<Sentence> {
        // The room guessed but not written (`streaming`: one sentence in 48 bytes, where
        // the man pages have one in 80) goes back to the heap, in place, for the blocks
        // made after the list; a list mapped apart (2 MB or more, `cli::alloc`) keeps it
        // unwritten, never touched.
        if self.out.capacity() * std::mem::size_of::<Sentence>() < (2 << 20) {
            self.out.shrink_to_fit();
        }
        self.out
    }

    /// A builder that is given the view's lines (`line`), each before its segments, and
    /// finds the paragraph breaks on them: `paragraph_breaks` searched the 4 MB of the man
    /// pages for their 57,000 line feeds again, one `memchr` call each (5 M instructions).
    pub(super) fn streaming(view: &'a str) -> Builder<'a> {
        Builder {
            view,
            breaks: Vec::new(),
            // (A guess: one in 48 bytes, where the PO text has one in 56 and the man pages
            // one in 80. Room not written is not touched, but a list of 2 MB or more is
            // mapped apart on huge pages: the man pages' sentences would then take a
            // whole 2 MB page.)
            out: Vec::with_capacity(view.len() / 48),
            merge_next: false,
            before: 0,
            assign: super::Assign::new(),
            line_starts: Vec::new(),
        }
    }

    /// `finish`, the tokens given their sentences (those `settle` left): the tokens with a
    /// capital and the word count (see `super::Assign`).
    pub(super) fn finish_assigned(
        mut self,
        tokens: &mut [super::Token],
    ) -> (Vec<Sentence>, crate::rules::Capitalized, usize, Vec<u32>) {
        let assign = std::mem::replace(&mut self.assign, super::Assign::new());
        let (listed, words) = assign.finish(tokens, &self.out);
        let mut line_starts = std::mem::take(&mut self.line_starts);
        // (A start after the last line feed, as `LineIndex::new` has one: the splitter
        // gives no empty line there; and a first line in an empty view.)
        if self.view.ends_with('\n') || self.view.is_empty() {
            line_starts.push(self.view.len() as u32);
        }
        (self.finish(), listed, words, line_starts)
    }

    /// Takes the line `view[start..end]` (with its line feed, the last one without),
    /// before its segments: its start is noted (`finish_assigned`: the line starts of
    /// `LineIndex`, where `LineIndex::new` searched the text again for its line feeds,
    /// one `memchr` call each), and its line feed is a paragraph break when the line is
    /// blank (as in `paragraph_breaks`). Most lines start with a letter or a sign: turned
    /// away on their first byte.
    #[inline(always)]
    pub(super) fn line(&mut self, start: usize, end: usize) {
        // (A view holds less than 4 GiB: `Document::MAX_LEN`.)
        self.line_starts.push(start as u32);
        if matches!(self.view.as_bytes()[start], b'\n' | b' ' | b'\t' | b'\r') {
            self.blank_line(start, end);
        }
    }

    #[inline(never)]
    fn blank_line(&mut self, start: usize, end: usize) {
        // (A line after the first starts after a line feed.)
        if let [body @ .., b'\n'] = &self.view.as_bytes()[start..end]
            && start > 0
            && body.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
        {
            self.breaks.push(end - 1);
        }
    }
}

impl super::tokens::Sentences for Builder<'_> {
    #[inline(always)]
    fn segment(&mut self, start: usize, end: usize) {
        self.push(start, end);
    }
    #[inline(always)]
    fn plain_segment(&mut self, start: usize, end: usize) {
        self.push_plain(start, end);
    }
    #[inline(always)]
    fn line(&mut self, start: usize, end: usize) {
        Builder::line(self, start, end);
    }
    /// (Once 64 tokens wait, 2 KB, still in the caches: each call ends its loop on a
    /// branch not foreseen, where a line holds about ten.)
    #[inline(always)]
    fn settle(&mut self, tokens: &mut [super::Token]) {
        if tokens.len() >= self.assign.next() + 64 {
            self.assign.settle(tokens, &self.out);
        }
    }
}

/// The length in bytes of the white space `s` starts with (`s.len() - s.trim_start().len()`,
/// byte by byte over ASCII).
fn leading_space(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_whitespace() && b != 0x0B {
                break;
            }
            i += 1;
        } else {
            match s[i..].chars().next() {
                Some(c) if c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// `s.trim_end()`, byte by byte over ASCII.
fn trim_end(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    while end > 0 {
        let b = bytes[end - 1];
        if b < 0x80 {
            if !b.is_ascii_whitespace() && b != 0x0B {
                break;
            }
            end -= 1;
        } else {
            match s[..end].chars().next_back() {
                Some(c) if c.is_whitespace() => end -= c.len_utf8(),
                _ => break,
            }
        }
    }
    &s[..end]
}

/// Offsets where a blank line separates two paragraphs: line feeds after a line of
/// spaces, tabs and carriage returns only (found from line feed to line feed).
fn paragraph_breaks(view: &str) -> Vec<usize> {
    let bytes = view.as_bytes();
    let mut out = Vec::new();
    let mut last_newline: Option<usize> = None;
    for i in memchr::memchr_iter(b'\n', bytes) {
        if let Some(p) = last_newline
            && bytes[p + 1..i]
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
        {
            out.push(i);
        }
        last_newline = Some(i);
    }
    out
}

fn ends_with_abbreviation(s: &str) -> bool {
    let s = trim_end(s);
    let Some(body) = s.strip_suffix('.') else {
        return false;
    };
    // The word before the full stop: letters, digits and « ° ». (Abbreviations are short:
    // a longer word than `LONGEST_WORD` is not looked up, nor walked to its start.)
    let bytes = body.as_bytes();
    let mut start = body.len();
    while start > 0 {
        let b = bytes[start - 1];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            start -= 1;
        } else {
            match body[..start].chars().next_back() {
                Some(c) if c.is_alphanumeric() || c == '°' => start -= c.len_utf8(),
                _ => break,
            }
        }
        if body.len() - start > LONGEST_WORD {
            return false;
        }
    }
    let word = &body[start..];
    if let &[b] = word.as_bytes() {
        // One ASCII character: a capital, or an abbreviation of one letter.
        return b.is_ascii_uppercase() || ABBREVIATIONS.contains(&word);
    }
    let mut chars = word.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    // (An ASCII word is compared without being lowered into a new string: the
    // abbreviations are in lower case, and none is longer than `LONGEST_ABBREVIATION`.)
    single_capital
        || if word.is_ascii() {
            is_ascii_abbreviation(word.as_bytes())
        } else {
            ABBREVIATIONS.contains(&word.to_lowercase().as_str())
        }
}

/// True when the ASCII `word` is one of `ABBREVIATIONS` in any case
/// (`eq_ignore_ascii_case` with each), matched at once (`ascii_lowered`).
fn is_ascii_abbreviation(word: &[u8]) -> bool {
    super::tokens::ascii_lowered::<LONGEST_ABBREVIATION>(word, |lower| {
        matches!(
            lower,
            b"art"
                | b"av"
                | b"cf"
                | b"chap"
                | b"dr"
                | b"env"
                | b"ex"
                | b"fig"
                | b"hab"
                | b"mgr"
                | b"m"
                | b"me"
                | b"mlle"
                | b"mm"
                | b"mme"
                | b"mmes"
                | b"no"
                | b"p"
                | b"pp"
                | b"pr"
                | b"st"
                | b"ste"
                | b"t"
                | b"vol"
        )
    })
}

/// The longest word in bytes that `ends_with_abbreviation` looks up: a single capital (at
/// most four bytes) or one of `ABBREVIATIONS`, in any case. (Lower case leaves the bytes
/// of their letters as many: among the characters that lower case shortens, only the
/// Kelvin sign becomes an ASCII letter, « k », in no abbreviation. The walk to a word's
/// start stopped at 8 bytes, most words of French at the end of a sentence being longer.)
const LONGEST_WORD: usize = if LONGEST_ABBREVIATION > 4 {
    LONGEST_ABBREVIATION
} else {
    4
};

/// The length in bytes of the longest of `ABBREVIATIONS`.
const LONGEST_ABBREVIATION: usize = {
    let (mut longest, mut i) = (0, 0);
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &str) -> Vec<&str> {
        sentences(v)
            .iter()
            .map(|s| v[s.start..s.end].trim_end())
            .collect()
    }

    /// `from_bounds` as it was: `str::trim`, a byte loop for paragraphs, `to_lowercase`.
    fn reference_from_bounds(view: &str, bounds: &[(usize, usize)]) -> Vec<Sentence> {
        let breaks: Vec<usize> = {
            let mut out = Vec::new();
            let mut last_newline: Option<usize> = None;
            for (i, &b) in view.as_bytes().iter().enumerate() {
                match b {
                    b'\n' => {
                        if last_newline.is_some() {
                            out.push(i);
                        }
                        last_newline = Some(i);
                    }
                    b' ' | b'\t' | b'\r' => {}
                    _ => last_newline = None,
                }
            }
            out
        };
        let abbreviation = |s: &str| {
            let s = s.trim_end();
            let Some(body) = s.strip_suffix('.') else {
                return false;
            };
            let start = body
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_alphanumeric() || c == '°')
                .last()
                .map_or(body.len(), |(i, _)| i);
            let word = &body[start..];
            if word.len() > 8 {
                return false;
            }
            let lower = word.to_lowercase();
            ABBREVIATIONS.contains(&lower.as_str())
                || (word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()))
        };
        let mut out: Vec<Sentence> = Vec::new();
        let (mut merge_next, mut before) = (false, 0);
        for &(start, end) in bounds {
            let s = &view[start..end];
            let trimmed = s.trim();
            if trimmed.is_empty() {
                continue;
            }
            let start = start + s.len() - s.trim_start().len();
            while before < breaks.len() && breaks[before] <= start {
                before += 1;
            }
            let paragraph = before as u32;
            if merge_next
                && let Some(prev) = out.last_mut()
                && prev.paragraph == paragraph
            {
                prev.end = end;
                merge_next = abbreviation(trimmed);
                continue;
            }
            out.push(Sentence {
                start,
                end,
                paragraph,
            });
            merge_next = abbreviation(trimmed);
        }
        out
    }

    fn same_as_reference(view: &str) {
        let mut bounds = Vec::new();
        super::super::uax29::sentence_bounds(view, |s, e| bounds.push((s, e)));
        assert_eq!(
            from_bounds(view, &bounds),
            reference_from_bounds(view, &bounds),
            "{view:?}"
        );
        assert_eq!(streaming(view), from_bounds(view, &bounds), "{view:?}");
    }

    /// The sentences of a builder given the lines before their segments
    /// (`Builder::streaming`, as the tokeniser gives them), and the plain lines without a
    /// terminator by `push_plain`.
    fn streaming(view: &str) -> Vec<Sentence> {
        struct Lines<'a>(Builder<'a>);
        impl super::super::uax29::Sink for Lines<'_> {
            const WORDS: bool = false;
            const SENTENCES: bool = true;
            const GAPS: bool = true;
            fn sentence(&mut self, start: usize, end: usize) {
                self.0.push(start, end);
            }
            // (`push_plain`, compared with `push` in `from_bounds`.)
            fn plain_sentence(&mut self, start: usize, end: usize) {
                self.0.push_plain(start, end);
            }
            fn line(&mut self, start: usize, end: usize) {
                self.0.line(start, end);
            }
        }
        let mut lines = Lines(Builder::streaming(view));
        super::super::uax29::bounds(view, &mut lines);
        lines.0.finish()
    }

    /// The ASCII abbreviations are matched as a comparison with each of `ABBREVIATIONS`
    /// finds them, in any case, and no other word.
    #[test]
    fn ascii_abbreviations_are_the_abbreviations() {
        let mut cases: Vec<String> = Vec::new();
        for a in ABBREVIATIONS {
            cases.extend([a.to_string(), a.to_uppercase(), {
                let mut c = a.to_string();
                c[..1].make_ascii_uppercase();
                c
            }]);
            for cut in 0..a.len() {
                if a.is_char_boundary(cut) {
                    cases.extend([a[..cut].to_string(), format!("{a}{}", &a[..cut])]);
                }
            }
            cases.push(format!("{a}s"));
        }
        cases.extend(["ref", "REF", "n", "x", "mmess", "@", "[", "chapitre"].map(String::from));
        for w in cases.iter().filter(|w| w.is_ascii()) {
            let expected = ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w));
            assert_eq!(is_ascii_abbreviation(w.as_bytes()), expected, "{w:?}");
        }
        for a in ABBREVIATIONS.iter().filter(|a| a.is_ascii()) {
            assert!(is_ascii_abbreviation(a.to_uppercase().as_bytes()), "{a}");
        }
    }

    #[test]
    fn sentences_are_those_of_the_general_path() {
        same_as_reference(super::super::tokens::tests::VARIED);
        let pieces = [
            "M.",
            " ",
            "p. ex.",
            "Réf.",
            "RÉF.",
            "N°.",
            "n°",
            "Mme",
            "X.",
            "É.",
            "ΣΑ.",
            "İ.",
            "fin.",
            " Suite",
            "\n",
            "\n\n",
            " \t\r\n",
            "\u{A0}",
            "\u{202F}",
            "\u{2003}",
            "\x0B",
            "\x0C",
            "\u{85}",
            "\u{2028}",
            "!",
            "?",
            "…",
            "«",
            "»",
            "abcdefghi.",
            "12345678.",
            "é",
            "😀",
            "中",
            "\u{301}",
            "’",
            "'",
            "3.",
            "vol.",
            "Dr.",
            "ST.",
            // (Characters that lower case shortens, and the longest abbreviations.)
            "\u{212A}",
            "\u{1E9E}",
            "\u{2126}",
            "CHAP.",
            "mMeS.",
        ];
        let mut rng = crate::testing::Rng::new(0x2545_F491_4F6C_DD1D);
        for _ in 0..30_000 {
            let t = rng.string(&pieces, 14);
            same_as_reference(&t);
        }
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = "M. Dupont est venu. Il a parlé, p. ex. de la puce. Fin.";
        assert_eq!(
            texts(t),
            vec![
                "M. Dupont est venu.",
                "Il a parlé, p. ex. de la puce.",
                "Fin."
            ]
        );
    }

    #[test]
    fn paragraphs_are_counted() {
        let t = "Un. Deux.\n\nTrois.";
        let s = sentences(t);
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].paragraph, 0);
        assert_eq!(s[2].paragraph, 1);
    }

    #[test]
    fn line_breaks_end_sentences() {
        let t = "Titre\nLe texte commence";
        assert_eq!(texts(t), vec!["Titre", "Le texte commence"]);
    }
}
