/*! Aligning a translation with its source when both are plain files: paragraphs first,
then sentences inside aligned paragraphs, with a length-based dynamic programme in the
manner of Gale and Church (1993), helped by anchors (numbers and names that both sides
share). What cannot be aligned is returned as such, never dropped. */

use crate::document::Document;
use crate::formats::bilingual::{Piece, Unit};

/// Expected French length for one character of English (calibrated on the corpora: see
/// the README) and the variance of the Gale–Church model.
pub const FR_EN_RATIO: f64 = 1.23;
const VARIANCE: f64 = 6.8;

/// One step of an alignment: `source` and `target` item index ranges (either may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bead {
    pub source: std::ops::Range<usize>,
    pub target: std::ops::Range<usize>,
}

/// Priors of the bead types (Gale and Church's figures).
const STEPS: &[(usize, usize, f64)] = &[
    (1, 1, 0.89),
    (1, 0, 0.0099),
    (0, 1, 0.0099),
    (2, 1, 0.089 / 2.0),
    (1, 2, 0.089 / 2.0),
    (2, 2, 0.011),
];

/// -log of the probability that `lt` French characters translate `ls` English ones: the
/// two-tailed normal probability of the length difference. An empty side costs nothing
/// here: insertions and deletions pay their prior only.
fn length_cost(ls: f64, lt: f64) -> f64 {
    if ls == 0.0 || lt == 0.0 {
        return 0.0;
    }
    let mean = (ls + lt / FR_EN_RATIO) / 2.0;
    let delta = (lt - ls * FR_EN_RATIO) / (mean * VARIANCE).sqrt();
    let p = erfc(delta.abs() / std::f64::consts::SQRT_2).max(1e-300);
    -p.ln()
}

/// Complementary error function (Abramowitz and Stegun 7.1.26, error < 1.5e-7).
fn erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.3275911 * x);
    let poly = t
        * (0.254829592
            + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    poly * (-x * x).exp()
}

/// Aligns two sequences of lengths; `bonus(i, j)` (≥ 0) rewards pairing source item `i`
/// with target item `j` (shared numbers and names).
pub fn align(src: &[usize], tgt: &[usize], bonus: &dyn Fn(usize, usize) -> f64) -> Vec<Bead> {
    let (n, m) = (src.len(), tgt.len());
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            for &(di, dj, prior) in STEPS {
                if di > i || dj > j {
                    continue;
                }
                let prev = cost[i - di][j - dj];
                if !prev.is_finite() {
                    continue;
                }
                let ls: usize = src[i - di..i].iter().sum();
                let lt: usize = tgt[j - dj..j].iter().sum();
                let mut c = prev - prior.ln() + length_cost(ls as f64, lt as f64);
                // Shared anchors count once per source item: merging a neighbour into a
                // group must not collect the same credit twice.
                if di > 0 && dj > 0 {
                    for a in i - di..i {
                        c -= (j - dj..j).map(|b| bonus(a, b)).fold(0.0, f64::max);
                    }
                }
                if c < cost[i][j] {
                    cost[i][j] = c;
                    back[i][j] = (i - di, j - dj);
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (pi, pj) = back[i][j];
        beads.push(Bead {
            source: pi..i,
            target: pj..j,
        });
        i = pi;
        j = pj;
    }
    beads.reverse();
    beads
}

/// Paragraphs of a document: blocks separated by blank lines; a text without blank lines
/// has a paragraph per line.
pub fn paragraphs(doc: &Document) -> Vec<(usize, usize)> {
    let v = &doc.view;
    let has_blank = v.contains("\n\n") || v.contains("\n\r\n");
    let mut out = Vec::new();
    let mut start = None;
    let mut pos = 0;
    for line in v.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                out.push((s, pos));
            }
        } else if start.is_none() {
            start = Some(pos + (line.len() - line.trim_start().len()));
        }
        pos += line.len();
        if !has_blank
            && !blank
            && let Some(s) = start.take()
        {
            out.push((s, pos - (line.len() - line.trim_end().len())));
        }
    }
    if let Some(s) = start {
        out.push((s, v.trim_end().len().max(s)));
    }
    out.into_iter()
        .map(|(s, e)| (s, s + v[s..e].trim_end().len()))
        .filter(|(s, e)| e > s)
        .collect()
}

/// Anchors of a piece of text: figures and words with a capital or in capitals, which a
/// translation keeps.
fn anchors(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .filter(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || w.chars().skip(1).any(char::is_uppercase)
                || (w.chars().next().is_some_and(char::is_uppercase) && w.len() > 2)
        })
        .map(|w| w.to_string())
        .collect()
}

fn shared(a: &[String], b: &[String]) -> f64 {
    a.iter().filter(|x| b.contains(x)).count() as f64
}

/// What aligning a target document with its source gives: units (one per aligned group of
/// sentences) and the parts that found no counterpart.
#[derive(Debug, Default)]
pub struct Alignment {
    pub units: Vec<Unit>,
    /// Source paragraphs or sentences with no translation: (source text, target offset
    /// where it would have been).
    pub omitted: Vec<(String, usize)>,
    /// Target paragraphs or sentences with no source: their byte range.
    pub added: Vec<(usize, usize)>,
}

/// Aligns `target` (French) with `source` (English), paragraphs then sentences.
pub fn align_documents(source: &Document, target: &Document) -> Alignment {
    let sp = paragraphs(source);
    let tp = paragraphs(target);
    let text_of = |d: &Document, (s, e): (usize, usize)| d.view[s..e].to_string();
    let sa: Vec<Vec<String>> = sp.iter().map(|&r| anchors(&text_of(source, r))).collect();
    let ta: Vec<Vec<String>> = tp.iter().map(|&r| anchors(&text_of(target, r))).collect();
    let lens = |v: &[(usize, usize)], d: &Document| -> Vec<usize> {
        v.iter()
            .map(|&(s, e)| d.view[s..e].chars().count())
            .collect()
    };
    let beads = align(&lens(&sp, source), &lens(&tp, target), &|i, j| {
        shared(&sa[i], &ta[j]) * 2.0
    });
    let mut out = Alignment::default();
    let mut next_target = 0;
    for b in beads {
        if b.target.is_empty() {
            for i in b.source.clone() {
                let at = tp.get(next_target).map_or(target.text.len(), |r| r.0);
                out.omitted.push((text_of(source, sp[i]), at));
            }
            continue;
        }
        if b.source.is_empty() {
            for j in b.target.clone() {
                out.added.push(tp[j]);
            }
            next_target = b.target.end;
            continue;
        }
        next_target = b.target.end;
        let s_range = (sp[b.source.start].0, sp[b.source.end - 1].1);
        let t_range = (tp[b.target.start].0, tp[b.target.end - 1].1);
        align_sentences(
            source,
            target,
            s_range,
            t_range,
            out_units_id(b.source.start),
            &mut out,
        );
    }
    out
}

fn out_units_id(paragraph: usize) -> String {
    format!("§{}", paragraph + 1)
}

fn sentences_in(doc: &Document, (s, e): (usize, usize)) -> Vec<(usize, usize)> {
    doc.sentences
        .iter()
        .filter(|x| x.start >= s && x.end <= e + 1)
        .map(|x| (x.start, s + doc.view[s..x.end.min(e)].trim_end().len()))
        .filter(|(a, b)| b > a)
        .collect()
}

fn align_sentences(
    source: &Document,
    target: &Document,
    sr: (usize, usize),
    tr: (usize, usize),
    pid: String,
    out: &mut Alignment,
) {
    let ss = sentences_in(source, sr);
    let ts = sentences_in(target, tr);
    let sa: Vec<Vec<String>> = ss
        .iter()
        .map(|&(a, b)| anchors(&source.view[a..b]))
        .collect();
    let ta: Vec<Vec<String>> = ts
        .iter()
        .map(|&(a, b)| anchors(&target.view[a..b]))
        .collect();
    let sl: Vec<usize> = ss
        .iter()
        .map(|&(a, b)| source.view[a..b].chars().count())
        .collect();
    let tl: Vec<usize> = ts
        .iter()
        .map(|&(a, b)| target.view[a..b].chars().count())
        .collect();
    let beads = align(&sl, &tl, &|i, j| shared(&sa[i], &ta[j]) * 2.0);
    let mut k = 0;
    let mut next_target = tr.0;
    for b in beads {
        if b.target.is_empty() {
            for i in b.source.clone() {
                out.omitted
                    .push((source.view[ss[i].0..ss[i].1].to_string(), next_target));
            }
            continue;
        }
        if b.source.is_empty() {
            for j in b.target.clone() {
                out.added.push(ts[j]);
            }
            next_target = ts[b.target.end - 1].1;
            continue;
        }
        k += 1;
        let (s0, s1) = (ss[b.source.start].0, ss[b.source.end - 1].1);
        let (t0, t1) = (ts[b.target.start].0, ts[b.target.end - 1].1);
        next_target = t1;
        let target_text = target.text[t0..t1].to_string();
        out.units.push(Unit {
            id: format!("{pid}.{k}"),
            line: target.lines.line_of(t0) + 1,
            // The file text, like the target: the view has URLs and e-mails masked.
            source: source.text[s0..s1]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            pieces: vec![Piece {
                decoded: 0,
                decoded_len: target_text.len(),
                file: t0,
                file_len: t1 - t0,
            }],
            target: target_text,
            target_range: Some((t0, t1)),
            ..Unit::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_one_and_omission() {
        let beads = align(&[100, 50, 200], &[117, 230], &|_, _| 0.0);
        assert_eq!(beads.len(), 3);
        assert_eq!(
            beads[1],
            Bead {
                source: 1..2,
                target: 1..1
            }
        );
    }

    #[test]
    fn merge_two_into_one() {
        let beads = align(&[60, 60, 100], &[140, 117], &|_, _| 0.0);
        assert_eq!(
            beads[0],
            Bead {
                source: 0..2,
                target: 0..1
            }
        );
    }

    #[test]
    fn documents_align_by_paragraph_and_sentence() {
        let en = Document::from_str(
            "Meta tests a chip. It was made by TSMC.\nCapex will reach $65 billion.\n",
        );
        let fr = Document::from_str(
            "Meta teste une puce. Elle a été fabriquée par TSMC.\nLes dépenses atteindront 65 milliards de dollars.\n",
        );
        let a = align_documents(&en, &fr);
        assert!(a.omitted.is_empty() && a.added.is_empty(), "{a:?}");
        assert_eq!(a.units.len(), 3);
        assert_eq!(a.units[1].source, "It was made by TSMC.");
        assert_eq!(a.units[1].target, "Elle a été fabriquée par TSMC.");
        assert_eq!(a.units[2].id, "§2.1");
    }

    #[test]
    fn missing_paragraph_is_reported() {
        let en = Document::from_str(
            "First paragraph about Meta and chips.\nSecond paragraph about Nvidia GPUs in 2025, a long one indeed.\nThird one on TSMC.\n",
        );
        let fr =
            Document::from_str("Premier paragraphe sur Meta et les puces.\nTroisième sur TSMC.\n");
        let a = align_documents(&en, &fr);
        assert_eq!(a.omitted.len(), 1, "{a:?}");
        assert!(a.omitted[0].0.starts_with("Second"));
    }
}
