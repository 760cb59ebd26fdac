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
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    super::uax29::sentence_bounds(view, |s, e| bounds.push((s, e)));
    from_bounds(view, &bounds)
}

/// The sentences of `view` from its UAX #29 sentence segments, in order.
pub(super) fn from_bounds(view: &str, bounds: &[(usize, usize)]) -> Vec<Sentence> {
    let breaks = paragraph_breaks(view);
    let mut out: Vec<Sentence> = Vec::new();
    let mut merge_next = false;
    // Paragraph breaks before the current segment (segments come in order).
    let mut before = 0;
    for &(start, end) in bounds {
        let s = &view[start..end];
        let trimmed = s.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = s.len() - s.trim_start().len();
        let start = start + lead;
        let end = start + s.trim_start().len();
        while before < breaks.len() && breaks[before] <= start {
            before += 1;
        }
        let paragraph = before as u32;
        if merge_next
            && let Some(prev) = out.last_mut()
            && prev.paragraph == paragraph
        {
            prev.end = end;
            merge_next = ends_with_abbreviation(trimmed);
            continue;
        }
        out.push(Sentence {
            start,
            end,
            paragraph,
        });
        merge_next = ends_with_abbreviation(trimmed);
    }
    out
}

/// Offsets where a blank line separates two paragraphs.
fn paragraph_breaks(view: &str) -> Vec<usize> {
    let bytes = view.as_bytes();
    let mut out = Vec::new();
    let mut last_newline: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
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
}

fn ends_with_abbreviation(s: &str) -> bool {
    let s = s.trim_end();
    let Some(body) = s.strip_suffix('.') else {
        return false;
    };
    if s.ends_with('\n') {
        return false;
    }
    // The word before the full stop: letters, digits and « ° ».
    let start = body
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '°')
        .last()
        .map_or(body.len(), |(i, _)| i);
    let word = &body[start..];
    // (Abbreviations are short: a long word is not looked up.)
    if word.len() > 8 {
        return false;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &str) -> Vec<&str> {
        sentences(v)
            .iter()
            .map(|s| v[s.start..s.end].trim_end())
            .collect()
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
