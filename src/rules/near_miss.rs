//! `near-miss`: a sequence of capitalised words close to a known multi-word name, but not it.

use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity, Span};
use crate::document::Document;
use crate::glossary::Target;
use foldhash::fast::FixedState;
use std::collections::{HashMap, HashSet};

pub struct NearMiss;

static META: RuleMeta = RuleMeta {
    id: "near-miss",
    category: Category::Terminology,
    severity: Severity::Warning,
    summary: "Nom proche d'un nom du glossaire sans lui être identique (une lettre ou un mot de travers).",
    doc: RuleDoc {
        what: "Compare les suites de mots à majuscule du texte aux noms composés du glossaire \
               (noms complets, graphies admises) ; signale celles qui en sont très proches sans \
               leur être identiques.",
        why: "Un nom presque juste (« Taiwan Semiconductor Manufacturing Corporation ») passe \
              inaperçu à la relecture mais reste faux.",
        example: "Taiwan Semiconductor Manufacturing Corporation fabrique la puce.",
        instead: "Taiwan Semiconductor Manufacturing Company fabrique la puce.",
    },
};

impl Rule for NearMiss {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let g = &cx.glossary.glossary;
        let names = &cx.glossary.multiword_names;
        let index = &cx.glossary.name_index;
        if names.is_empty() {
            return;
        }
        // Spans already known as entity forms are not near misses.
        let known = super::SpanSet::new(
            cx.hits
                .iter()
                .filter(|h| {
                    h.target.is_entity_form() || matches!(h.target, Target::EntityWrong { .. })
                })
                .map(|h| h.span()),
        );
        let toks = &cx.doc.tokens;
        // The words of the names, to turn away first the runs that share none with a name
        // (`best_window` finds no candidate for them): most runs, without folding their
        // words or storing them.
        let words: HashSet<&str, FixedState> = index.keys().map(String::as_str).collect();
        let mut memo: HashMap<Vec<&str>, Option<Window>, FixedState> = HashMap::default();
        // Whether each distinct word is one of `words`, found at its first look-up (a name's
        // words come back: the folding is done once per word, not once per token).
        let vocabulary = cx.doc.vocabulary();
        let is_name_word = vocabulary.lazy();
        let in_a_name = |k: usize| is_name_word.get(k, || in_names(&words, &toks[k].norm));
        // The capitalised tokens from `next` on, each starting a run: a run's tokens are not
        // visited again.
        let capitalized = super::capitalized(cx.doc);
        // In a large document, the runs far from every token of a name's words are turned
        // away before their tokens are read (`NameWords`).
        let mut near = (toks.len() >= super::Forms::FROM)
            .then(|| NameWords::new(cx.doc, &capitalized.tokens, &words));
        let mut next = 0;
        for (k, (i, f)) in capitalized.iter().enumerate() {
            if i < next || !f.capitalized() {
                continue;
            }
            if near.as_mut().is_some_and(|near| !near.may_hold(k)) {
                continue;
            }
            let Some((f, l)) = run_before(cx.doc, i, run_end(cx.doc, i)) else {
                next = i + 1;
                continue;
            };
            next = l + 1;
            if !(f..=l).any(in_a_name) {
                continue;
            }
            let run: Vec<&str> = toks[f..=l].iter().map(|t| t.norm.as_str()).collect();
            // The best window depends on the run's words only: a name that comes back is
            // scored once (offsets relative to the run).
            let best = *memo
                .entry(run)
                .or_insert_with_key(|run| best_window(run, names, index));
            let best = best.map(|(score, c, s, e)| (score, c, f + s, f + e));
            let Some((score, c, s, e)) = best else {
                continue;
            };
            let span = Span::new(toks[s].start(), toks[e].end());
            let (name, cw, entity) = &names[c];
            let window: Vec<&str> = toks[s..=e].iter().map(|t| t.norm.as_str()).collect();
            if window.iter().copied().eq(cw.iter().map(String::as_str)) || score < 0.6 {
                continue;
            }
            if known.overlaps(&span) {
                continue;
            }
            let written = cx.text(span);
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    span,
                    format!("« {written} » ressemble à « {name} » sans lui être identique : nom mal recopié ?"),
                )
                .with_replacements([name.clone()])
                .with_applicability(Applicability::Unsafe)
                .with_entry(&g.entities[*entity].id),
            );
        }
    }
}

/// The tokens of the names' words in a document, to turn away the capitalised tokens whose
/// run holds none of them without reading the run's tokens: reading them (`run_end`,
/// `run_before`), each capitalised token waited for the memory (most of the rule's time on
/// the man pages, whose runs share no word with a name).
///
/// A run (`run_before` of `run_end`) holds the tokens from its first to its last
/// capitalised word; its first is at most `RUN_WALK - 1` (eleven) tokens before the
/// capitalised token `i` it is found from (`name_run_before` walks back `RUN_WALK` tokens
/// from the run's end, which is `i` or after it), and its capitalised words follow each
/// other at most two tokens apart (a joiner between them), so that they are listed
/// (`Capitalized`) each at most two tokens after the one before. The run lies in
/// `i - (RUN_WALK - 1) ..= hi`, where `hi` ends the chain of listed tokens two or fewer
/// apart that holds `i`.
struct NameWords<'a> {
    /// The capitalised tokens (`Capitalized::tokens`).
    list: &'a [u32],
    /// The tokens of the names' words, in order.
    tokens: Vec<u32>,
    /// The first of `tokens` not before the last token asked about, less `RUN_WALK - 1`.
    cursor: usize,
    /// The last listed token of the last chain found (by its place in `list`).
    chain_end: Option<usize>,
}

impl<'a> NameWords<'a> {
    fn new(doc: &Document, list: &'a [u32], words: &HashSet<&str, FixedState>) -> Self {
        let pick = super::per_form(doc, |w| in_names(words, w));
        let tokens = super::occurrences(doc).of_words(&pick);
        NameWords {
            list,
            tokens,
            cursor: 0,
            chain_end: None,
        }
    }

    /// False when the run of the `k`th listed token holds no name's word (asked in the
    /// order of the list).
    fn may_hold(&mut self, k: usize) -> bool {
        let list = self.list;
        let end = match self.chain_end {
            Some(e) if e >= k => e,
            _ => {
                let mut e = k;
                while e + 1 < list.len() && list[e + 1] - list[e] <= 2 {
                    e += 1;
                }
                self.chain_end = Some(e);
                e
            }
        };
        let (lo, hi) = (
            (list[k] as usize).saturating_sub(RUN_WALK - 1),
            list[end] as usize,
        );
        while self
            .tokens
            .get(self.cursor)
            .is_some_and(|&t| (t as usize) < lo)
        {
            self.cursor += 1;
        }
        self.tokens
            .get(self.cursor)
            .is_some_and(|&t| t as usize <= hi)
    }
}

/// True when the word, folded, is one of `words` (the keys of the name index). (An ASCII
/// word is its own folding: it is not copied.)
fn in_names(words: &HashSet<&str, FixedState>, w: &str) -> bool {
    if w.is_ascii() {
        words.contains(w)
    } else if let Some(folded) = fold_latin(w, &mut [0; 32]) {
        words.contains(folded)
    } else {
        words.contains(fold(w).as_str())
    }
}

/// Per lower-case letter of Latin-1 (U+00E0 to U+00FF, `0xC3` then `0xA0 + k` in UTF-8),
/// the ASCII letter it folds to, or 0 for one that does not fold to ASCII (« æ », « ð »,
/// « ÷ », « ø », « þ »).
const LATIN_1_FOLDED: &[u8; 32] = b"aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";

/// `fold` of a word of ASCII and the lower-case accented letters of Latin-1 (« é », « à »,
/// « ç »: each its ASCII letter and marks in `fold`'s decomposition), written into `buf`,
/// without decomposing; `None` for another word or one longer than `buf`. (`NameWords`
/// asks every distinct word of a document: folding the man pages' 4,000 words with
/// accents was half of the rule's instructions.)
fn fold_latin<'b>(w: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let b = w.as_bytes();
    let (mut k, mut n) = (0, 0);
    while k < b.len() {
        let c = if b[k] < 0x80 {
            k += 1;
            b[k - 1]
        } else if b[k] == 0xC3 && b.get(k + 1).is_some_and(|&x| x >= 0xA0) {
            k += 2;
            LATIN_1_FOLDED[usize::from(b[k - 1] - 0xA0)]
        } else {
            return None;
        };
        if c == 0 || n == buf.len() {
            return None;
        }
        buf[n] = c;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// A window of a run that resembles a name: (score, name index, first and last word of
/// the window in the run).
type Window = (f64, usize, usize, usize);

/// The window of `run` most like one of the glossary's multi-word names, if any shares a
/// word with it. Candidates are tried in index order: a tie goes to the first name.
fn best_window(
    run: &[&str],
    names: &[(String, Vec<String>, usize)],
    index: &HashMap<String, Vec<usize>>,
) -> Option<Window> {
    // (The run's words and each candidate's are folded once, not at each comparison.)
    let folded: Vec<String> = run.iter().map(|w| fold(w)).collect();
    let mut cands: Vec<usize> = Vec::new();
    for w in &folded {
        if let Some(v) = index.get(w) {
            cands.extend(v);
        }
    }
    cands.sort_unstable();
    cands.dedup();
    let last = run.len() - 1;
    let mut best: Option<Window> = None;
    for &c in &cands {
        let (_, cw, _) = &names[c];
        let name_folded: Vec<String> = cw.iter().map(|x| fold(x)).collect();
        let n = cw.len();
        for len in n.saturating_sub(1).max(2)..=n + 1 {
            for s in 0..=last {
                let e = s + len - 1;
                if e > last {
                    break;
                }
                if shortened(&folded[s..=e], &name_folded) {
                    continue;
                }
                let score = similarity(&run[s..=e], &folded[s..=e], cw, &name_folded);
                if score > best.map_or(0.0, |b| b.0) {
                    best = Some((score, c, s, e));
                }
            }
        }
    }
    best
}

/// How many tokens back from a run's end `run_before` walks for its start
/// (`entity_full_name::name_run_before`); `NameWords` relies on it.
const RUN_WALK: usize = 12;

/// The run of name-like tokens that `name_run_before` finds back from `end`, the end of the
/// run that starts at the capitalised token `i` (`run_end`). The walk back passes every
/// token from `end` to `i` (`run_end` has tested them as the walk does) when they are
/// fewer than twelve, and stops at `i` when the token before cannot be in a name: then
/// the run is `i..=end`, known without the walk. (That is most runs: a capitalised word at
/// the start of its sentence, « Le », « Cette », or after a common word. The walk was
/// 33,567 calls on the man pages, 5.4 M instructions.)
fn run_before(doc: &Document, i: usize, end: usize) -> Option<(usize, usize)> {
    let toks = &doc.tokens;
    let stops_before = |p: &crate::document::Token| {
        p.sentence != toks[i].sentence
            || !(p.capitalized || super::entity_full_name::is_joiner(&p.norm) || p.is_number())
    };
    if end - i < RUN_WALK && (i == 0 || stops_before(&toks[i - 1])) {
        return Some((i, end));
    }
    super::entity_full_name::name_run_before(doc, end, RUN_WALK)
}

/// The last token of the name-like run that starts at `i`.
fn run_end(doc: &Document, i: usize) -> usize {
    let toks = &doc.tokens;
    let mut end = i;
    let mut j = i + 1;
    // (The gap last: most words after a name are not capitalised.)
    while j < toks.len()
        && toks[j].sentence == toks[i].sentence
        && (toks[j].capitalized
            || (matches!(toks[j].norm.as_str(), "de" | "of" | "and" | "&")
                && toks.get(j + 1).is_some_and(|n| n.capitalized)))
        && doc.gap_is_joiner(toks[j - 1].end(), toks[j].start())
    {
        if toks[j].capitalized {
            end = j;
        }
        j += 1;
    }
    end
}

use crate::document::fold_accents as fold;

/// A shortened form of the name (« Wall Street » beside « Wall Street Journal »,
/// « Taiwan Semiconductor »): it names something else, or the same thing on purpose; only
/// a changed or swapped word is a slip. Words of the window outside the name may stand
/// before its first word or after its last, not in the place of a missing word
/// (« … Manufacturing Corporation » for « … Manufacturing Company » is a slip).
///
/// (`w` and `n` are the words of the window and of the name, folded.)
fn shortened(w: &[String], n: &[String]) -> bool {
    let inside = |x: &String| n.contains(x);
    let (Some(a), Some(b)) = (w.iter().position(inside), w.iter().rposition(inside)) else {
        return false;
    };
    let core = &w[a..=b];
    if core.len() >= n.len() {
        return false;
    }
    let Some(k) = n.windows(core.len()).position(|x| x == core) else {
        return false;
    };
    (a == 0 || k == 0) && (b + 1 == w.len() || k + core.len() == n.len())
}

/// Word-level closeness of two names: the share of words in common (weighted by the
/// longer name), or, for names of equal length, the character similarity when only
/// spelling differs.
///
/// (`folded_a` and `folded_b` are the words of `a` and `b`, folded.)
fn similarity(a: &[&str], folded_a: &[String], b: &[String], folded_b: &[String]) -> f64 {
    let shared = folded_a.iter().filter(|w| folded_b.contains(w)).count();
    if shared < 2 {
        return 0.0;
    }
    let word_score = shared as f64 / a.len().max(b.len()) as f64;
    let (fa, fb) = (fold(&a.join(" ")), fold(&b.join(" ")));
    if fa == fb {
        return 1.0; // same name but for accents
    }
    let chars = strsim::normalized_damerau_levenshtein(&fa, &fb);
    // Same first word, most words shared: a word was swapped.
    let anchored = if a.first().copied() == b.first().map(String::as_str) {
        0.05
    } else {
        0.0
    };
    word_score.max(if chars >= 0.85 { chars } else { 0.0 }) + anchored
}

#[cfg(test)]
mod tests {
    use super::{NameWords, fold, fold_latin, in_names, run_before, run_end};
    use crate::document::Document;
    use crate::rules::entity_full_name::name_run_before;
    use crate::testing::{Rng, check_with};

    /// The run of a capitalised word is what the walk back finds, on random texts of
    /// capitalised words, joiners, numbers and signs (runs of more than twelve words too).
    #[test]
    fn runs_are_those_of_the_walk_back() {
        let pieces = [
            "Taiwan ",
            "Semiconductor ",
            "Bank ",
            "de ",
            "of ",
            "la ",
            "Le ",
            "2 ",
            "x ",
            ", ",
            ". ",
            "-",
            "'",
            "Wall ",
            "Street ",
            "and ",
            "\n\n",
            "É ",
        ];
        let mut rng = Rng::new(0x04ea_70b5);
        let (mut alone, mut walked) = (0, 0);
        for _ in 0..2000 {
            let doc = Document::from_str(&rng.string(&pieces, 40));
            let toks = &doc.tokens;
            for i in (0..toks.len()).filter(|&i| toks[i].capitalized) {
                let end = run_end(&doc, i);
                let run = run_before(&doc, i, end);
                assert_eq!(run, name_run_before(&doc, end, 12), "{:?} {i}", doc.text);
                if end == i && (i == 0 || toks[i - 1].sentence != toks[i].sentence) {
                    alone += 1;
                } else {
                    walked += 1;
                }
            }
        }
        assert!(alone > 1000 && walked > 1000, "{alone} {walked}");
    }

    /// Every capitalised token whose run holds a word of a name passes `NameWords`, and
    /// most others are turned away, on random texts of names' words, capitalised words,
    /// joiners, numbers and signs (runs longer than twelve words too).
    #[test]
    fn name_words_keep_every_run_with_one() {
        let pieces = [
            "Taiwan ",
            "Semiconductor ",
            "Bank ",
            "de ",
            "of ",
            "and ",
            "la ",
            "Le ",
            "2 ",
            "x ",
            "y ",
            "z ",
            ", ",
            ". ",
            "-",
            "Wall ",
            "Street ",
            "\n\n",
            "Été ",
            "société ",
            "Société ",
            "iPhone ",
            "A ",
            "B ",
            "C ",
        ];
        let words = ["taiwan", "and", "societe", "street"].into_iter().collect();
        let mut rng = Rng::new(0x4a3e_5011);
        let (mut held, mut away) = (0, 0);
        for _ in 0..2000 {
            let doc = Document::from_str(&rng.string(&pieces, 60));
            let toks = &doc.tokens;
            let capitalized = crate::rules::capitalized(&doc);
            let mut near = NameWords::new(&doc, &capitalized.tokens, &words);
            for (k, (i, f)) in capitalized.iter().enumerate() {
                if !f.capitalized() {
                    continue;
                }
                let holds = run_before(&doc, i, run_end(&doc, i))
                    .is_some_and(|(f, l)| (f..=l).any(|x| in_names(&words, &toks[x].norm)));
                let may = near.may_hold(k);
                assert!(may || !holds, "{:?} {i}", doc.text);
                if holds {
                    held += 1;
                } else if !may {
                    away += 1;
                }
            }
        }
        assert!(held > 1000 && away > 1000, "{held} {away}");
    }

    /// The fold of the accented letters of Latin-1 is `fold`'s, on random words of ASCII,
    /// every letter from U+00C0 to U+00FF, other letters and marks, short and long.
    #[test]
    fn latin_fold_is_the_fold() {
        let mut pieces: Vec<String> = ('\u{c0}'..='\u{ff}').map(String::from).collect();
        pieces.extend(
            [
                "a", "z", "-", "'", "1", "œ", "\u{301}", "ł", "ā", "ǖ", "ﬁ", "Ω",
            ]
            .map(String::from),
        );
        pieces.extend(["abcdefghij", "klmnopqrst"].map(String::from));
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let mut rng = Rng::new(0x1a7_1f01);
        let mut folded = 0;
        for round in 0..20_000 {
            let w = rng.string(&pieces, 1 + round % 12);
            if let Some(f) = fold_latin(&w, &mut [0; 32]) {
                assert_eq!(f, fold(&w), "{w:?}");
                folded += 1;
            }
        }
        assert!(folded > 5000, "{folded}");
    }

    #[test]
    fn in_names_folds_as_the_index_does() {
        let keys = [
            "societe", "generale", "taiwan", "ile", "œuvre", "ca", "l'ia", "2024",
        ];
        let words = keys.iter().copied().collect();
        for w in "société societe générale GENERALE taiwan taïwan île ile œuvre ça ca l'ia l’ia \
                  2024 😀 x é"
            .split(' ')
            .chain(["", "\u{a0}", "ile\u{a0}"])
        {
            assert_eq!(in_names(&words, w), keys.contains(&fold(w).as_str()), "{w}");
        }
    }

    const G: &str = r#"
[glossary]
name = "t"
[[entity]]
id = "tsmc"
name = "TSMC"
full-name = "Taiwan Semiconductor Manufacturing Company"
"#;

    #[test]
    fn one_word_off() {
        let d = check_with(
            G,
            "Selon Taiwan Semiconductor Manufacturing Corporation, la demande croît.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].rule, "near-miss");
        assert_eq!(
            d[0].suggestions[0].replacement,
            "Taiwan Semiconductor Manufacturing Company"
        );
        assert_eq!(
            &"Selon Taiwan Semiconductor Manufacturing Corporation"[6..],
            "Taiwan Semiconductor Manufacturing Corporation"
        );
    }

    #[test]
    fn exact_or_unrelated_is_quiet() {
        assert!(check_with(G, "Taiwan Semiconductor Manufacturing Company livre.").is_empty());
        assert!(check_with(G, "Le Taiwan Economic Journal écrit.").is_empty());
        assert!(
            check_with(
                G,
                "Selon Taiwan Semiconductor Manufacturing, la demande croît."
            )
            .is_empty()
        );
    }

    #[test]
    fn accents_are_folded() {
        let g = "[glossary]\nname='t'\n[[entity]]\nid='sg'\nname='Société Générale'\n";
        let d = check_with(g, "La banque Societe Generale a publié ses comptes.");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].suggestions[0].replacement, "Société Générale");
    }
}
