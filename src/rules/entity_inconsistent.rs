//! `entity-inconsistent`: one name spelled two ways in one text.

use super::entity_spelling::is_judged_spelling;
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::glossary::Target;
use crate::hint::prefetch;
use std::borrow::Cow;
use std::collections::HashMap;

pub struct EntityInconsistent;

static META: RuleMeta = RuleMeta {
    id: "entity-inconsistent",
    category: Category::Terminology,
    severity: Severity::Warning,
    summary: "Même nom écrit de plusieurs façons dans un texte (Nvidia / NVIDIA).",
    doc: RuleDoc {
        what: "Signale un nom propre écrit avec des casses différentes dans un même texte, qu'il \
               figure ou non au glossaire (« Nvidia » puis « NVIDIA »).",
        why: "Un nom qui change de forme fait croire à deux entités et signale une relecture \
              insuffisante.",
        example: "Meta achète des GPU de Nvidia. Elle veut réduire sa dépendance à NVIDIA.",
        instead: "Meta achète des GPU de Nvidia. Elle veut réduire sa dépendance à Nvidia.",
    },
};

impl Rule for EntityInconsistent {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        // Key: lower-case spelling; value: spellings in order of appearance with their spans.
        // (Borrowed where the text allows: a long text has many capitalised words.)
        // (Groups by hashing, then in the order of their keys: a long text has tens of
        // thousands of capitalised words, which a sorted map compared string by string.)
        let capitalized = super::capitalized(cx.doc);
        let mut groups = Groups::default();
        // (At most a spelling per capitalised token and per hit: the list is made once,
        // where growing it cost 2.4 M instructions on the man pages. Only what is written is
        // touched.)
        groups
            .added
            .reserve(capitalized.tokens.len() + cx.hits.len());
        let mut covered: Vec<Span> = Vec::new();
        for hit in &cx.hits {
            if let Target::EntityName { entity } = hit.target
                && is_judged_spelling(cx, hit.span(), hit.first())
            {
                let key = cx.text(hit.span()).to_lowercase();
                groups.push(key.into(), Spelling::new(hit.span(), Some(entity as usize)));
                covered.push(hit.span());
            }
        }
        // (Asked in the order of the tokens: see `SpanSet::overlaps_in_order`.)
        let (covered, mut cursor) = (super::SpanSet::new(covered), 0);
        // Names outside the glossary: the spellings of a word that has a capital, compared
        // with each other. Words in capitals are left out: capitals mark headings,
        // placeholders (FICHIER) and emphasis, not another spelling.
        // Whether each sentence has a lower-case letter (`is_judged_spelling`), found once.
        let mut has_lower: Vec<Option<bool>> = vec![None; cx.doc.sentences.len()];
        // Which distinct words are too short to be names, and the group a word's tokens go
        // to, found when the first of them is pushed.
        let words = cx.doc.vocabulary();
        let short = super::per_form(cx.doc, is_short);
        let mut group_of: Vec<Option<u32>> = vec![None; words.len()];
        // (Only the tokens that hold a capital, listed once per document, are visited.)
        // A listed token the flags let through is read (its span, sentence and form): each
        // such read, scattered over the token list, was a cache miss waited for in turn
        // (two thirds of the rule's own samples on the PO text, on that one load). The
        // token and its word id are asked of the memory `AHEAD` entries on, as
        // `pronoun-gender` does, in a document of `Forms::FROM` tokens or more (a small
        // one's tokens are in the caches).
        const AHEAD: usize = 16;
        let ahead = if cx.doc.tokens.len() >= super::Forms::FROM {
            AHEAD
        } else {
            usize::MAX / 2
        };
        let asks = |f: super::Capital| f.has_upper() && f.is_word() && !f.all_caps();
        let (list, flags) = (&capitalized.tokens, &capitalized.flags);
        let toks = &cx.doc.tokens;
        for (k, (i, f)) in capitalized.iter().enumerate() {
            if let (Some(&j), Some(&g)) = (list.get(k + ahead), flags.get(k + ahead))
                && asks(g)
            {
                prefetch(&toks[j as usize]);
                prefetch(&words.ids[j as usize]);
            }
            // (The cheap tests first, on the list's flags: the token is read after them.)
            if !asks(f) || short[words.ids[i] as usize] {
                continue;
            }
            let (t, id) = (&cx.doc.tokens[i], words.ids[i]);
            let span = Span::new(t.start(), t.end());
            if covered.overlaps_in_order(&mut cursor, &span) {
                continue;
            }
            let judged = match has_lower.get_mut(t.sentence as usize) {
                Some(memo) => *memo.get_or_insert_with(|| is_judged_spelling(cx, span, i)),
                None => is_judged_spelling(cx, span, i),
            };
            if !judged {
                continue;
            }
            let group = *group_of[id as usize]
                .get_or_insert_with(|| groups.group(Cow::Borrowed(t.norm.as_str())) as u32);
            groups.add(group as usize, Spelling::new(span, None));
        }
        // (A name written one way throughout, most of them, has one spelling: told from
        // the bytes, without making the text of each occurrence, and left out before the
        // names are put in order.)
        let (spellings, in_order) = groups.in_order(|o| !written_alike(cx.doc, o));
        for range in in_order {
            let occurrences = &spellings[range];
            let texts: Vec<Cow<str>> = occurrences.iter().map(|o| cx.text(o.span())).collect();
            // Spellings that differ beyond the capital of a sentence start.
            let mut kinds: Vec<(&str, usize)> = Vec::new();
            for s in &texts {
                let key: &str = s;
                if let Some(k) = kinds.iter_mut().find(|(k, _)| same_shape(k, key)) {
                    k.1 += 1;
                } else {
                    kinds.push((key, 1));
                }
            }
            if kinds.len() < 2 {
                continue;
            }
            let entity = occurrences.iter().find_map(|o| o.entity());
            let canonical = entity.map(|e| cx.glossary.glossary.entities[e].name.clone());
            // Report at the first occurrence that is not the canonical (or first) spelling.
            let reference = canonical.clone().unwrap_or_else(|| kinds[0].0.to_string());
            let Some((first_other, _)) = occurrences
                .iter()
                .zip(&texts)
                .find(|(_, text)| !same_shape(text, &reference))
            else {
                continue;
            };
            let counts: Vec<String> = kinds
                .iter()
                .map(|(k, n)| format!("« {k} » ({n} fois)"))
                .collect();
            let message = format!(
                "le nom « {reference} » est écrit de {} façons dans ce texte : {} ; garder une seule graphie.",
                kinds.len(),
                counts.join(", ")
            );
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    first_other.span(),
                    message,
                )
                .with_replacements([reference.clone()])
                .with_applicability(if canonical.is_some() {
                    crate::diagnostic::Applicability::Safe
                } else {
                    crate::diagnostic::Applicability::Unsafe
                }),
            );
        }
    }
}

/// One occurrence of a name: where (its text is read when it is compared with others), and
/// the glossary entity it is a form of.
/// An occurrence of a name: its span, and the glossary entity it was found as, if any.
/// Offsets and the entity's index in 32 bits (a document holds less than 4 GiB,
/// `Document::MAX_LEN`): 12 bytes, where a span and an `Option<usize>` took 32, and each
/// of `Groups::added` 40. The man pages' 60,000 capitalised words made that list grow to
/// 2.4 MB, a block mapped apart on a fresh huge page (`cli::alloc`).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Spelling {
    start: u32,
    end: u32,
    /// The entity's index, or `NO_ENTITY`.
    entity: u32,
}

const NO_ENTITY: u32 = u32::MAX;

impl Spelling {
    fn new(span: Span, entity: Option<usize>) -> Spelling {
        Spelling {
            start: span.start as u32,
            end: span.end as u32,
            entity: entity.map_or(NO_ENTITY, |e| e as u32),
        }
    }

    fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    fn entity(&self) -> Option<usize> {
        (self.entity != NO_ENTITY).then_some(self.entity as usize)
    }
}

/// The spellings of each name, by lower-case key.
///
/// Kept in one list of (group, spelling) in the order they come, and put group by group
/// (a counting sort, which keeps that order) only for the groups of two or more: a list
/// per group took an allocation for each of the man pages' 3,500 names and more as they
/// grew (5,500 in all: 2.7 M instructions, and 0.7 M to free them).
#[derive(Default)]
struct Groups<'a> {
    index: HashMap<Cow<'a, str>, usize, foldhash::fast::FixedState>,
    /// Per group, its number of spellings.
    sizes: Vec<u32>,
    /// Every spelling, with its group, in the order added.
    added: Vec<(u32, Spelling)>,
}

impl<'a> Groups<'a> {
    fn push(&mut self, key: Cow<'a, str>, spelling: Spelling) {
        let k = self.group(key);
        self.add(k, spelling);
    }

    /// Adds `spelling` to group `k` (from `Groups::group`).
    fn add(&mut self, k: usize, spelling: Spelling) {
        self.sizes[k] += 1;
        self.added.push((k as u32, spelling));
    }

    /// The index of the group of `key`, made empty if there is none yet.
    fn group(&mut self, key: Cow<'a, str>) -> usize {
        let next = self.sizes.len();
        let k = *self.index.entry(key).or_insert(next);
        if k == next {
            self.sizes.push(0);
        }
        k
    }

    /// The groups of two spellings or more (a single one is never reported) that `keep`
    /// keeps (it is given each group's spellings), in the order of their keys, each group's
    /// spellings in the order they were added: the spellings, group after group, and the
    /// range of each group kept among them. (The groups are put in order after `keep`:
    /// sorting the man pages' 3,500 names of two spellings or more, string against string,
    /// cost some 3 M instructions, for the few that are reported.)
    fn in_order(
        &self,
        mut keep: impl FnMut(&[Spelling]) -> bool,
    ) -> (Vec<Spelling>, Vec<std::ops::Range<usize>>) {
        let (spellings, groups) = super::by_group(&self.sizes, &self.added, 2);
        // Each group's range among the spellings, by its index (empty for a group left out).
        let mut range = vec![0..0; self.sizes.len()];
        for (k, r) in groups {
            range[k] = r;
        }
        let mut keys: Vec<(&str, usize)> = self
            .index
            .iter()
            .filter(|&(_, &i)| self.sizes[i] >= 2 && keep(&spellings[range[i].clone()]))
            .map(|(k, &i)| (&**k, i))
            .collect();
        keys.sort_unstable();
        let ranges = keys.into_iter().map(|(_, i)| range[i].clone()).collect();
        (spellings, ranges)
    }
}

/// True when every occurrence is written as the first, in the text and in the view: their
/// texts as shown (`Document::display`, made of these bytes) are then the same, and the
/// name has one spelling. (The man pages' 38,000 occurrences in groups of two or more were
/// each made into a text and compared, 5 M instructions.)
fn written_alike(doc: &crate::document::Document, occurrences: &[Spelling]) -> bool {
    let (text, view) = (doc.text.as_bytes(), doc.view.as_bytes());
    let Some((first, rest)) = occurrences.split_first() else {
        return true;
    };
    let range = |s: Span| s.start..s.end;
    let (t, v) = (&text[range(first.span())], &view[range(first.span())]);
    rest.iter()
        .all(|o| &text[range(o.span())] == t && &view[range(o.span())] == v)
}

/// True when a word (its normalised form) has fewer than three characters: never taken as
/// a name.
fn is_short(norm: &str) -> bool {
    // (Three ASCII bytes are three characters.)
    let bytes = norm.as_bytes();
    bytes.len() < 3 || (!bytes[..3].is_ascii() && norm.chars().nth(2).is_none())
}

/// Two spellings of one name are the same if they differ at most by the case of the
/// first letter (« Réseau » at a sentence start, « réseau » elsewhere).
fn same_shape(a: &str, b: &str) -> bool {
    // (Most occurrences are written as the first: equal, without decoding.)
    if a == b {
        return true;
    }
    let mut ca = a.chars();
    let mut cb = b.chars();
    match (ca.next(), cb.next()) {
        (Some(x), Some(y)) => x.to_lowercase().eq(y.to_lowercase()) && ca.eq(cb),
        (None, None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_short, same_shape};
    use crate::document::normalize_word;
    use crate::testing::{Rng, check_with, rules_of};

    const G: &str = "[glossary]\nname = \"t\"\n[[entity]]\nid = \"nvidia\"\nname = \"Nvidia\"\n";

    #[test]
    fn same_shape_allows_only_the_first_capital() {
        for (a, b) in [
            ("Nvidia", "Nvidia"),
            ("Nvidia", "nvidia"),
            ("NVIDIA", "Nvidia"),
        ] {
            assert_eq!(same_shape(a, b), a != "NVIDIA", "{a} {b}");
        }
    }

    /// `is_short` counts characters as `chars` does, on words of every width.
    #[test]
    fn short_words_have_fewer_than_three_characters() {
        let pieces = ["a", "É", "œ", "'", "😀", "e\u{301}", "中", "1", "ß"];
        let mut rng = Rng::new(0x5eed_1e77);
        for _ in 0..5000 {
            let w = normalize_word(&rng.string(&pieces, 5));
            assert_eq!(is_short(&w), w.chars().count() < 3, "{w:?}");
        }
    }

    /// `SpanSet::overlaps_in_order` answers as `overlaps` does, for spans asked in the order
    /// of their ends: on random sets of spans (overlapping, nested, empty) and random spans
    /// asked.
    #[test]
    fn covered_in_order_is_the_span_set() {
        use crate::diagnostic::Span;
        use crate::rules::SpanSet;
        let mut rng = Rng::new(0xc0_7e2e);
        let (mut hit, mut missed) = (0, 0);
        for _ in 0..2000 {
            let spans: Vec<Span> = (0..rng.below(8))
                .map(|_| {
                    let s = rng.below(60);
                    Span::new(s, s + rng.below(6))
                })
                .collect();
            let set = SpanSet::new(spans.clone());
            let mut cursor = 0;
            let mut asked: Vec<Span> = (0..rng.below(20))
                .map(|_| {
                    let s = rng.below(70);
                    Span::new(s, s + 1 + rng.below(5))
                })
                .collect();
            asked.sort_by_key(|s| s.end);
            for span in &asked {
                let want = set.overlaps(span);
                assert_eq!(set.overlaps_in_order(&mut cursor, span), want, "{span:?}");
                if want { hit += 1 } else { missed += 1 }
            }
        }
        assert!(hit > 1000 && missed > 1000, "{hit} {missed}");
    }

    /// A spelling gives back the span and the entity it was made of, up to offsets and
    /// indices near 4 GiB.
    #[test]
    fn spellings_keep_their_span_and_entity() {
        use super::Spelling;
        use crate::diagnostic::Span;
        let mut rng = Rng::new(0x5_9e11);
        for _ in 0..1000 {
            let start = rng.below(u32::MAX as usize);
            let end = start + rng.below(u32::MAX as usize - start);
            let entity = [None, Some(0), Some(rng.below(u32::MAX as usize))][rng.below(3)];
            let s = Spelling::new(Span::new(start, end), entity);
            assert_eq!((s.span(), s.entity()), (Span::new(start, end), entity));
        }
        assert_eq!(std::mem::size_of::<(u32, Spelling)>(), 16);
    }

    /// The groups in order are those of a list per key that `keep` keeps, in the order of
    /// the keys: on random spellings added under random keys.
    #[test]
    fn groups_in_order_are_those_of_a_list_per_key() {
        use super::{Groups, Spelling};
        use crate::diagnostic::Span;
        use std::borrow::Cow;
        use std::collections::BTreeMap;
        let keys = ["a", "b", "é", "ab", "ba", "nvidia", "Nvidia"];
        let mut rng = Rng::new(0x6_0a95);
        let mut reported = 0;
        for _ in 0..3000 {
            let mut groups = Groups::default();
            let mut reference: BTreeMap<&str, Vec<Spelling>> = BTreeMap::new();
            for n in 0..rng.below(40) {
                let key = keys[rng.below(keys.len())];
                let spelling = Spelling::new(Span::new(n, n + 1), (rng.below(2) == 0).then_some(n));
                if rng.below(2) == 0 {
                    groups.push(Cow::Owned(key.to_string()), spelling);
                } else {
                    let g = groups.group(Cow::Borrowed(key));
                    groups.add(g, spelling);
                }
                reference.entry(key).or_default().push(spelling);
            }
            // (Groups kept on their spellings: here, those whose first has an even start
            // or whose last has an entity.)
            let keep = |v: &[Spelling]| {
                v[0].span().start.is_multiple_of(2) || v[v.len() - 1].entity().is_some()
            };
            let (spellings, ranges) = groups.in_order(keep);
            let got: Vec<&[Spelling]> = ranges.into_iter().map(|r| &spellings[r]).collect();
            let want: Vec<&[Spelling]> = (reference.values())
                .filter(|v| v.len() >= 2 && keep(v))
                .map(|v| &v[..])
                .collect();
            assert_eq!(got, want);
            reported += got.len();
        }
        assert!(reported > 3000);
    }

    /// Occurrences that `written_alike` finds written alike are shown alike: on random
    /// texts of one name in several spellings, masked or not (an address, inline code),
    /// taken in random groups.
    #[test]
    fn occurrences_written_alike_are_shown_alike() {
        use super::{Spelling, written_alike};
        use crate::diagnostic::Span;
        use crate::document::Document;
        let pieces = [
            "Nvidia",
            "NVIDIA",
            "nvidia",
            "NVidia",
            " ",
            ". ",
            "\n",
            "https://Nvidia.com ",
            "`Nvidia` ",
            "`Nvidia  x` ",
            "é",
        ];
        let mut rng = Rng::new(0x000a_114e);
        let (mut alike, mut unlike) = (0, 0);
        for _ in 0..3000 {
            let doc = Document::from_str(&rng.string(&pieces, 12));
            let names: Vec<Span> = doc
                .tokens
                .iter()
                .filter(|t| t.has_upper)
                .map(|t| Span::new(t.start(), t.end()))
                .collect();
            // (Spans of a name's length anywhere too, in masked text among others.)
            let t = &doc.text;
            let anywhere: Vec<Span> = (0..t.len().saturating_sub(6))
                .filter(|&p| t.is_char_boundary(p) && t.is_char_boundary(p + 6))
                .map(|p| Span::new(p, p + 6))
                .collect();
            for _ in 0..4 {
                let mut group: Vec<Spelling> = Vec::new();
                for _ in 0..2 + rng.below(3) {
                    let from = if rng.below(2) == 0 { &names } else { &anywhere };
                    if !from.is_empty() {
                        group.push(Spelling::new(from[rng.below(from.len())], None));
                    }
                }
                if group.len() < 2 {
                    continue;
                }
                if written_alike(&doc, &group) {
                    alike += 1;
                    let first = doc.display(group[0].span().start, group[0].span().end);
                    for o in &group {
                        let span = o.span();
                        assert_eq!(doc.display(span.start, span.end), first, "{:?}", doc.text);
                    }
                } else {
                    unlike += 1;
                }
            }
        }
        assert!(alike > 500 && unlike > 500, "{alike} {unlike}");
    }

    /// In a document of `Forms::FROM` tokens or more, where the listed tokens are asked
    /// for ahead, each spelling of a name is counted as it comes: on random texts of names
    /// in two spellings (the second one rare), words in capitals, short names and filler,
    /// the finding's counts and place are those counted while the text is made.
    #[test]
    fn spellings_are_counted_in_a_large_document() {
        use crate::rules::Forms;
        let pieces = [
            "le ", "texte ", "suit ", "et ", "la ", "Foxconn ", "Nvidia ", "NVIDIA ", "Xo ", ". ",
            "\n",
        ];
        let mut rng = Rng::new(0xf0c_0a11);
        for _ in 0..2 {
            let (mut text, mut usual, mut other, mut first_other) = (String::new(), 0, 0, None);
            // (Two tokens at most a piece: twice as many pieces as the tokens wanted.)
            while text.len() < 7 * Forms::FROM {
                if usual > 0 && rng.below(400) == 0 {
                    first_other.get_or_insert(text.len());
                    text.push_str("FoxConn ");
                    other += 1;
                    continue;
                }
                let piece = pieces[rng.below(pieces.len())];
                usual += usize::from(piece == "Foxconn ");
                text.push_str(piece);
            }
            let doc = crate::document::Document::from_str(&text);
            assert!(doc.tokens.len() >= Forms::FROM && other > 0);
            let d: Vec<_> = check_with("[glossary]\nname = \"t\"\n", &text)
                .into_iter()
                .filter(|d| d.rule == "entity-inconsistent")
                .collect();
            assert_eq!(d.len(), 1);
            assert_eq!(d[0].span.start, first_other.unwrap());
            let counts = format!("« Foxconn » ({usual} fois), « FoxConn » ({other} fois)");
            assert!(d[0].message.contains(&counts), "{} {counts}", d[0].message);
        }
    }

    #[test]
    fn two_spellings_of_a_glossary_name() {
        let d = check_with(
            G,
            "Meta achète chez Nvidia. Elle veut moins dépendre de NVIDIA.",
        );
        assert_eq!(rules_of(&d), ["entity-inconsistent", "entity-spelling"]);
    }

    #[test]
    fn two_spellings_outside_the_glossary() {
        let d = check_with(G, "Le groupe Foxconn livre. FoxConn a confirmé.");
        assert_eq!(rules_of(&d), ["entity-inconsistent"]);
        assert!(check_with(G, "Réseau et réseau. Le réseau.").is_empty());
        assert!(check_with(G, "Le fichier FICHIER est lu. Fichier suivant.").is_empty());
    }
}
