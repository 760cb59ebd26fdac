/*! Byte offset → line and column, computed only when a report is rendered. */

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Each line's first byte: 32 bits, as a document holds less than 4 GiB
    /// (`Document::MAX_LEN`). The list lives to the end of the run, in the heap (on huge
    /// pages, see `cli::alloc`), written whole: as `usize` it took 512 KB of it on the PO
    /// text.
    pub(super) starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        assert!(u32::try_from(text.len()).is_ok(), "text of 4 GiB or more");
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        // The room the list grew into but did not write goes back to the heap (in place),
        // for the blocks made after it.
        starts.shrink_to_fit();
        LineIndex { starts }
    }

    /// The index of lines that start at `starts` (those `new` finds: 0, then after each
    /// line feed), found on the way by the splitter (`segment::Builder::line`).
    pub(super) fn from_starts(mut starts: Vec<u32>) -> LineIndex {
        starts.shrink_to_fit();
        LineIndex { starts }
    }

    /// 0-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// `line_of(offset)` where it is line `from` or a later one: found by steps doubling
    /// from `from`, then a bisection between the last two. A walk over offsets in order
    /// (`report::Positions`, a termbase's 15,000 findings on the PO text) bisected all the
    /// lines for each, and read the line starts of each bisection's last steps from
    /// memory, where the next finding is most often a few lines on.
    pub fn line_of_from(&self, from: usize, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let starts = &self.starts;
        debug_assert!(starts[from] <= offset);
        // Line `lo` starts at or before `offset`, line `hi` (or the end) after it.
        let (mut lo, mut step) = (from, 1);
        let hi = loop {
            let probe = lo + step;
            if probe >= starts.len() {
                break starts.len();
            }
            if starts[probe] > offset {
                break probe;
            }
            lo = probe;
            step *= 2;
        };
        lo + starts[lo..hi].partition_point(|&s| s <= offset) - 1
    }

    /// The 0-based lines holding these byte offsets, each once, in order: a rule that
    /// visits only the lines where a search over the whole text found something.
    pub fn lines_of(&self, offsets: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut lines: Vec<usize> = offsets.into_iter().map(|o| self.line_of(o)).collect();
        lines.sort_unstable();
        lines.dedup();
        lines
    }

    /// 1-based line and column; the column counts Unicode scalar values.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let col = text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// 1-based line and column counted in UTF-8 bytes.
    pub fn line_col_bytes(&self, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        (line + 1, offset - self.starts[line] as usize + 1)
    }

    /// The text of a 0-based line, without its line ending.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.starts[line] as usize;
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&e| e as usize);
        // (The line end taken off byte by byte: `trim_end_matches` with a list of two
        // characters decoded the line's last character each time, 50 instructions a line
        // for the typography view's 28,600 lines judged in full on the PO text.)
        let line = &text[start..end];
        let body = line.len()
            - (line.bytes().rev())
                .take_while(|&b| b == b'\n' || b == b'\r')
                .count();
        &line[..body]
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line] as usize
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalar_values() {
        let text = "é\nça va à Paris";
        let idx = LineIndex::new(text);
        let off = text.find("à").unwrap();
        assert_eq!(idx.line_col(text, off), (2, 7));
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_text(text, 1), "ça va à Paris");
    }

    /// The line and column of every offset of random texts are those counted from the
    /// text's start (line feeds before the offset, scalar values since the last one).
    #[test]
    fn lines_and_columns_are_those_counted_from_the_start() {
        let pieces = ["a", "é", "\n", "\r\n", " ", "\n\n", "ça"];
        let mut rng = crate::testing::Rng::new(0x0011_e50f_7e47);
        for _ in 0..500 {
            let text = rng.string(&pieces, 30);
            let idx = LineIndex::new(&text);
            assert_eq!(idx.len(), text.matches('\n').count() + 1);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let before = &text[..offset];
                let line = before.matches('\n').count();
                let start = before.rfind('\n').map_or(0, |i| i + 1);
                assert_eq!(idx.line_of(offset), line);
                for from in 0..=line {
                    assert_eq!(idx.line_of_from(from, offset), line);
                }
                assert_eq!(idx.line_start(line), start);
                assert_eq!(
                    idx.line_col(&text, offset),
                    (line + 1, before[start..].chars().count() + 1)
                );
                assert_eq!(idx.line_col_bytes(offset), (line + 1, offset - start + 1));
            }
        }
    }

    /// A line's text is the text between its start and the next line's, its line feeds
    /// and carriage returns taken off its end (`trim_end_matches`), on random texts with
    /// lone carriage returns and characters of several bytes.
    #[test]
    fn line_texts_are_the_lines_trimmed_of_their_ends() {
        let pieces = ["a", "é", "\n", "\r\n", "\r", " ", "\r\r\n", "ça", "€"];
        let mut rng = crate::testing::Rng::new(0x7e47_11e5);
        for _ in 0..2000 {
            let text = rng.string(&pieces, 20);
            let idx = LineIndex::new(&text);
            let mut rest = text.as_str();
            for line in 0..idx.len() {
                let (this, next) = rest.split_at(rest.find('\n').map_or(rest.len(), |i| i + 1));
                assert_eq!(
                    idx.line_text(&text, line),
                    this.trim_end_matches(['\n', '\r']),
                    "{text:?}"
                );
                rest = next;
            }
        }
    }

    #[test]
    fn crlf_lines() {
        let text = "un\r\ndeux\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_text(text, 0), "un");
        assert_eq!(idx.line_col(text, 4), (2, 1));
    }
}
