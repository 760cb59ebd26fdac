//! `repeated-phrase`: the same multi-word phrase repeated in a short stretch of text.

use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

pub struct RepeatedPhrase;

static META: RuleMeta = RuleMeta {
    id: "repeated-phrase",
    category: Category::Style,
    severity: Severity::Info,
    summary: "Même groupe de mots répété plusieurs fois en peu de lignes (« dans le domaine de l'IA »).",
    doc: RuleDoc {
        what: "Cherche les locutions de quatre à sept mots qui commencent par une préposition \
               (« dans le domaine de l'IA ») et reviennent quatre fois ou plus dans une fenêtre \
               de 600 mots ; ne signale que la plus longue. Les groupes nominaux, qui sont de la \
               terminologie, ne sont pas comptés.",
        why: "La répétition mécanique d'une même formule alourdit le texte et signale une \
              traduction automatique non relue.",
        example: "Meta investit dans le domaine de l'IA. Sa compétitivité dans le domaine de l'IA \
                  progresse. Son avance dans le domaine de l'IA se confirme. Ses puces dans le \
                  domaine de l'IA sont attendues.",
        instead: "Meta investit dans l'IA. Sa compétitivité progresse. Son avance se confirme. \
                  Ses puces sont attendues.",
    },
};

/// Words that do not make a phrase meaningful on their own.
const STOP: &[&str] = &[
    "à",
    "a",
    "au",
    "aux",
    "avec",
    "ce",
    "ces",
    "cet",
    "cette",
    "d'",
    "dans",
    "de",
    "des",
    "du",
    "elle",
    "en",
    "est",
    "et",
    "il",
    "ils",
    "l'",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "mais",
    "ne",
    "n'",
    "ou",
    "où",
    "par",
    "pas",
    "plus",
    "pour",
    "qu'",
    "que",
    "qui",
    "s'",
    "sa",
    "se",
    "ses",
    "son",
    "sont",
    "sur",
    "un",
    "une",
    "y",
    "été",
    "être",
    "ont",
    "c'",
    "on",
    "nous",
    "vous",
    "si",
    "tout",
    "tous",
    "aussi",
    "non",
    "seulement",
];

/// A filler phrase starts with a preposition (« dans le domaine de », « en termes de »).
/// Noun phrases (« descripteur de fichier ») are terminology: repeating them is right.
static LEADS: super::WordList = super::WordList::new(&[
    "à", "au", "aux", "afin", "avec", "dans", "en", "grâce", "par", "pour", "selon", "sur",
]);

const MIN_N: usize = 4;
const MAX_N: usize = 7;

impl Rule for RepeatedPhrase {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        // PO and TMX files are collections of independent strings, not one text.
        if matches!(
            cx.doc.format,
            crate::formats::Format::Po | crate::formats::Format::Tmx
        ) {
            return;
        }
        let toks = &cx.doc.tokens;
        // Words compared by their id in the vocabulary; the lists asked once per word.
        let words = cx.doc.vocabulary();
        let ids = &words.ids;
        let leads = super::per_form(cx.doc, |w| LEADS.contains(w));
        // (Whether a word is a stop word is asked of the words of the phrases kept alone,
        // a few hundred forms of the man pages' 22,000.)
        let stops = words.lazy();
        let is_stop_at = |j: usize| stops.get(j, || is_stop(&toks[j].norm));
        let joiner = |start: usize, end: usize| cx.doc.gap_is_joiner(start, end);
        let min = cx.settings.repeated_phrase_min.max(2);
        let window = cx.settings.repeated_phrase_window;
        // How many tokens from token `i` (up to `MAX_N`) make a phrase: words of its
        // sentence, each joined to the one before. (Found once, for the starts whose hash
        // may repeat, up to the longest phrase: the grams of the kept starts are then made
        // from it, where reading their tokens again cost a cache miss or more per start,
        // the tokens and the text read a while before: half of the rule's time.)
        let phrase_len = |i: usize| -> usize {
            let words = &toks[i.min(toks.len())..toks.len().min(i + MAX_N)];
            let Some(first) = words.first() else {
                return 0;
            };
            let mut n = 0;
            for (k, t) in words.iter().enumerate() {
                if !t.is_word()
                    || t.sentence != first.sentence
                    || (k > 0 && !joiner(words[k - 1].end(), t.start()))
                {
                    break;
                }
                n += 1;
            }
            n
        };
        // First the shortest phrases, by hash: a longer phrase that repeats `min` times
        // starts with a short one that does, so most starts are dropped here, before any
        // phrase is stored. (A collision only keeps a start that would have gone.)
        let hash = |i: usize| start_hash(&ids[i..i + MIN_N]);
        // (Only the tokens of the lead words are visited, and only those whose phrase may
        // repeat are read: see `may_repeat`.)
        let leads: Vec<(usize, u64)> = (super::occurrences(cx.doc).of_words(&leads))
            .into_iter()
            .map(|i| i as usize)
            .filter(|&i| i + MIN_N <= toks.len())
            .map(|i| (i, hash(i)))
            .collect();
        let starts = may_repeat(leads, min, window, phrase_len);
        let mut counts: HashMap<u64, usize, foldhash::fast::FixedState> =
            HashMap::with_capacity_and_hasher(starts.len(), Default::default());
        for &(_, _, h) in &starts {
            *counts.entry(h).or_default() += 1;
        }
        // n-gram → starting token indices: each gram's index (`index`, its words in
        // `keys`, its number of starts in `sizes`) and every (gram, start) in one list, in
        // the order of the starts, put gram by gram only for the grams of `min` starts or
        // more. (A list per gram took an allocation for each of the man pages' 6,600 grams,
        // 2 M instructions, and the table grew four times: it is made with room for a gram
        // per kept start, as a gram kept repeats: room for every gram the kept starts may
        // make, four times as much, was written all over and cost 60 more page faults.)
        let kept: Vec<(usize, usize)> = (starts.into_iter())
            .filter(|(_, _, h)| counts[h] >= min)
            .map(|(i, len, _)| (i as usize, len as usize))
            .collect();
        let mut index: HashMap<Gram, u32, foldhash::fast::FixedState> =
            HashMap::with_capacity_and_hasher(kept.len(), Default::default());
        let mut keys: Vec<Gram> = Vec::with_capacity(kept.len());
        let mut sizes: Vec<u32> = Vec::with_capacity(kept.len());
        let mut added: Vec<(u32, usize)> = Vec::with_capacity(kept.len() * (MAX_N - MIN_N + 1));
        for (i, len) in kept {
            let mut content = 0;
            for j in i..i + len {
                if !is_stop_at(j) {
                    content += 1;
                }
                if j + 1 - i >= MIN_N && content >= 2 {
                    let gram = Gram(&ids[i..=j]);
                    let k = match index.entry(gram) {
                        Entry::Occupied(e) => *e.get(),
                        Entry::Vacant(e) => {
                            keys.push(Gram(&ids[i..=j]));
                            sizes.push(0);
                            *e.insert(keys.len() as u32 - 1)
                        }
                    };
                    sizes[k as usize] += 1;
                    added.push((k, i));
                }
            }
        }
        // Each gram's starts in order, for the grams of `min` starts or more (fewer starts
        // than `min` have fewer dense ones).
        let (grams, ranges) = super::by_group(&sizes, &added, min);
        // Longest phrases first; a shorter one only if it repeats outside the longer ones.
        let mut found: Vec<(Gram, Vec<usize>)> = ranges
            .into_iter()
            .filter_map(|(k, range)| {
                let dense: Vec<usize> = dense_run(&grams[range], min, window);
                (dense.len() >= min).then_some((Gram(keys[k].0), dense))
            })
            .collect();
        // (The order of `found` before this sort does not matter: a phrase is its length
        // and first start, so no two have the same key.)
        found.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1[0].cmp(&b.1[0])));
        // Token ranges already reported: first token → the largest last token. A phrase has
        // at most MAX_N tokens, so a range holding tokens `f..=l` starts at most MAX_N - 1
        // tokens before `f` (token order is byte order: containment is the same).
        let mut covered: HashMap<usize, usize, foldhash::fast::FixedState> = HashMap::default();
        let is_covered = |covered: &HashMap<usize, usize, foldhash::fast::FixedState>,
                          f: usize,
                          l: usize| {
            (f.saturating_sub(MAX_N - 1)..=f).any(|cf| covered.get(&cf).is_some_and(|&cl| cl >= l))
        };
        for (g, starts) in found {
            let spans: Vec<Span> = starts
                .iter()
                .map(|&s| Span::new(toks[s].start(), toks[s + g.len() - 1].end()))
                .collect();
            if starts
                .iter()
                .filter(|&&s| !is_covered(&covered, s, s + g.len() - 1))
                .count()
                < min
            {
                continue;
            }
            for &s in &starts {
                let last = covered.entry(s).or_insert(s + g.len() - 1);
                *last = (*last).max(s + g.len() - 1);
            }
            let phrase = cx.text(spans[0]).to_string();
            for (k, span) in spans.iter().enumerate().skip(1) {
                out.push(Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    *span,
                    format!(
                        "« {phrase} » revient {} fois en peu de lignes (occurrence {}) : varier ou alléger.",
                        spans.len(),
                        k + 1
                    ),
                ));
            }
        }
    }
}

/// An n-gram: the vocabulary ids of consecutive tokens, equal to another when their
/// normalised words are.
#[derive(PartialEq, Eq, Hash)]
struct Gram<'a>(&'a [u32]);

impl Gram<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
}

/// The starts of `leads` (token, hash of its first `MIN_N` ids, in the order of the tokens)
/// whose phrase (`phrase_len`: how many tokens from the start make one) has `MIN_N` words
/// or more, each as (token, length, hash), less some that no dense run (`dense_run`, in
/// `window`) can count: the hashes are counted first, from the ids alone, in small tables
/// of counters by their top bits (a collision only adds to a count), and a start goes
/// before `phrase_len` reads its tokens if fewer than `min` starts have its hash in the
/// whole text, or within two `window`s of it. (The man pages have 36,500 leads and few
/// repeated phrases; reading the tokens of each cost a cache miss or more.)
///
/// The grams of a start begin with its first `MIN_N` words, so a gram's starts have one
/// hash: a start that a gram's dense run counts is within a `window` of a start that has
/// `min` starts of that gram, hence of that hash, within a `window` of it, all of them
/// within two `window`s of the first start. Those kept, the rule's dense runs are the
/// same as with every start.
fn may_repeat(
    leads: Vec<(usize, u64)>,
    min: usize,
    window: usize,
    phrase_len: impl Fn(usize) -> usize,
) -> Vec<(u32, u32, u64)> {
    let bits = (leads.len() * 4)
        .next_power_of_two()
        .max(64)
        .trailing_zeros();
    let bucket = |h: u64| (h >> (64 - bits)) as usize;
    // Near a start: by hash and block of `window` tokens, the blocks being mixed into
    // the hash (two blocks of a hash that share a counter only add to a count). The
    // starts within two `window`s of token `i` lie in the five blocks around `i`'s.
    let block = window.max(1);
    let near = |h: u64, b: usize| bucket(h ^ (b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut tally = vec![0u8; 1 << bits];
    let mut nearby = vec![0u8; 1 << bits];
    for &(i, h) in &leads {
        let c = &mut tally[bucket(h)];
        *c = c.saturating_add(1);
        let c = &mut nearby[near(h, i / block)];
        *c = c.saturating_add(1);
    }
    // (A counter stops at 255: one there may count more.)
    let least = min.min(usize::from(u8::MAX));
    let near_enough = |i: usize, h: u64| {
        let b = i / block;
        (b.saturating_sub(2)..=b + 2)
            .map(|b| usize::from(nearby[near(h, b)]))
            .sum::<usize>()
            >= least
    };
    leads
        .into_iter()
        .filter(|&(i, h)| usize::from(tally[bucket(h)]) >= least && near_enough(i, h))
        // (The starts in the leads' own room: entries of 16 bytes as theirs, collected in
        // place, where 24 bytes took a new list grown by copies, 0.7 M instructions on the
        // man pages.)
        .map(|(i, h)| (i as u32, phrase_len(i) as u32, h))
        .filter(|&(_, len, _)| len as usize >= MIN_N)
        .collect()
}

/// A hash of the ids of a phrase's first `MIN_N` words: the four ids in two 64-bit
/// numbers, mixed by one wide multiplication (the halves of the product folded together,
/// as `foldhash` does). (Hashing the ids as a slice wrote its length and its bytes, some
/// 40 instructions for each of the man pages' 36,500 leads. Hashes that collide only keep
/// starts that the grams' table, keyed by the ids themselves, then drops.)
fn start_hash(ids: &[u32]) -> u64 {
    let pair = |a: u32, b: u32| u64::from(a) | u64::from(b) << 32;
    let (x, y) = (pair(ids[0], ids[1]), pair(ids[2], ids[3]));
    let p = u128::from(x ^ 0x243f_6a88_85a3_08d3) * u128::from(y ^ 0x1319_8a2e_0370_7344);
    (p as u64) ^ (p >> 64) as u64
}

fn is_stop(w: &str) -> bool {
    static SET: super::WordList = super::WordList::new(STOP);
    SET.contains(w)
}

/// The occurrences that have at least `min` occurrences within `window` tokens around them.
fn dense_run(starts: &[usize], min: usize, window: usize) -> Vec<usize> {
    let mut starts = starts.to_vec();
    starts.sort_unstable();
    starts.dedup();
    // Sorted: the occurrences within the window are a contiguous run, found by bisection.
    starts
        .iter()
        .copied()
        .filter(|&s| {
            let lo = s.saturating_sub(window);
            let hi = s + window;
            starts.partition_point(|&x| x <= hi) - starts.partition_point(|&x| x < lo) >= min
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::testing::{check_with, rules_of};

    #[test]
    fn may_repeat_keeps_every_start_a_dense_run_counts() {
        // Against every start of a phrase: the same dense runs (`dense_run`) for each
        // hash, and for each of two grams a hash may part into (longer phrases), on random
        // starts whose hashes collide in the tables (few distinct hashes, some differing in
        // their low bits only), in windows of a few starts to more than all.
        use super::{MAX_N, MIN_N, dense_run, may_repeat};
        use std::collections::{BTreeMap, HashMap};
        let mut rng = crate::testing::Rng::new(7);
        // The dense runs of each gram (hash and part) among `starts`.
        let runs = |starts: &[(usize, u64)],
                    part: &HashMap<usize, u64>,
                    min: usize,
                    window: usize|
         -> BTreeMap<(u64, u64), Vec<usize>> {
            let mut grams: BTreeMap<(u64, u64), Vec<usize>> = BTreeMap::new();
            for &(i, h) in starts {
                grams.entry((h, 2)).or_default().push(i);
                grams.entry((h, part[&i])).or_default().push(i);
            }
            (grams.into_iter())
                .map(|(g, s)| (g, dense_run(&s, min, window)))
                .filter(|(_, d)| d.len() >= min)
                .collect()
        };
        let (mut dense, mut dropped) = (0, 0);
        for round in 0..3000 {
            let n = rng.below(300);
            let kinds = 1 + rng.below(40);
            let gap = 1 + rng.below(4);
            let leads: Vec<(usize, u64)> = (0..n)
                .map(|i| {
                    let k = rng.below(kinds) as u64;
                    let h = if k.is_multiple_of(3) {
                        k
                    } else {
                        k.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    };
                    (i * 3 * gap + rng.below(3), h)
                })
                .collect();
            // Each start's phrase length, from none to the longest (under `MIN_N` for a
            // third of them), and the gram it has beyond its hash.
            let mut lens = HashMap::new();
            let mut part = HashMap::new();
            for &(i, _) in &leads {
                let len = if rng.below(3) == 0 {
                    rng.below(MIN_N)
                } else {
                    MIN_N + rng.below(MAX_N - MIN_N + 1)
                };
                lens.insert(i, len);
                part.insert(i, rng.below(2) as u64);
            }
            let phrase_len = |i: usize| lens[&i];
            let min = [2, 3, 4, 5, 300][round % 5];
            let window = [0, 1, 7, 30, 100, 600, 5000][round % 7];
            let all: Vec<(usize, u64)> = (leads.iter().copied())
                .filter(|&(i, _)| phrase_len(i) >= MIN_N)
                .collect();
            let expected = runs(&all, &part, min, window);
            let fast = may_repeat(leads, min, window, phrase_len);
            for &(i, len, _) in &fast {
                assert_eq!(len as usize, phrase_len(i as usize), "round {round}");
            }
            let fast: Vec<(usize, u64)> = (fast.into_iter())
                .map(|(i, _, h)| (i as usize, h))
                .collect();
            assert_eq!(runs(&fast, &part, min, window), expected, "round {round}");
            dense += expected.len();
            dropped += all.len() - fast.len();
        }
        // (Both the kept and the dropped must be many for the test to tell.)
        assert!(dense > 1000 && dropped > 10_000, "{dense} {dropped}");
    }

    /// `start_hash` tells distinct phrases apart and spreads them over the top bits that
    /// `may_repeat` counts by, on random ids of a vocabulary's size (close ids too).
    #[test]
    fn start_hashes_differ_and_spread() {
        use super::start_hash;
        let mut rng = crate::testing::Rng::new(0x5_7a27);
        let mut seen = std::collections::HashMap::new();
        let mut buckets = vec![false; 1 << 12];
        for _ in 0..20_000 {
            let base = rng.below(30_000) as u32;
            let ids: Vec<u32> = (0..4).map(|_| base + rng.below(8) as u32).collect();
            let h = start_hash(&ids);
            if let Some(other) = seen.insert(h, ids.clone()) {
                assert_eq!(other, ids, "{h:x}");
            }
            buckets[(h >> 52) as usize] = true;
        }
        assert!(seen.len() > 19_000, "{}", seen.len());
        let filled = buckets.iter().filter(|&&b| b).count();
        assert!(filled > 3_900, "{filled}");
    }

    #[test]
    fn longest_repeated_phrase() {
        let g = "[glossary]\nname='t'\n";
        let d = check_with(
            g,
            "Meta investit dans le domaine de l'IA. Sa place dans le domaine de l'IA progresse. Son avance dans le domaine de l'IA se confirme. Ses puces dans le domaine de l'IA aussi.",
        );
        assert_eq!(rules_of(&d), ["repeated-phrase"; 3]);
        assert!(
            d[0].message
                .starts_with("« dans le domaine de l'IA » revient 4 fois"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn twice_or_function_words_only() {
        let g = "[glossary]\nname='t'\n";
        assert!(
            check_with(
                g,
                "dans le domaine de l'IA. Et dans le domaine de l'IA. Puis dans le domaine de l'IA."
            )
            .is_empty()
        );
        let noun = "le descripteur de fichier ouvert. ".repeat(5);
        assert!(check_with(g, &noun).is_empty());
        assert!(check_with(g, &"pour il y a de la. ".repeat(5)).is_empty());
    }
}
