/*! Byte offset → line and column, computed only when a report is rendered. */

#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 0-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
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
        let start = self.starts[line];
        let col = text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// 1-based line and column counted in UTF-8 bytes.
    pub fn line_col_bytes(&self, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        (line + 1, offset - self.starts[line] + 1)
    }

    /// The text of a 0-based line, without its line ending.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
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

    #[test]
    fn crlf_lines() {
        let text = "un\r\ndeux\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_text(text, 0), "un");
        assert_eq!(idx.line_col(text, 4), (2, 1));
    }
}
