//! `entity-inconsistent`: one name spelled two ways in one text.

use super::entity_spelling::is_judged_spelling;
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::glossary::Target;
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
        let mut groups = Groups::default();
        let mut covered: Vec<Span> = Vec::new();
        for hit in &cx.hits {
            if let Target::EntityName { entity } = hit.target
                && is_judged_spelling(cx, hit.span, hit.first)
            {
                let key = cx.text(hit.span).to_lowercase();
                groups.push(key.into(), (hit.span, Some(entity as usize)));
                covered.push(hit.span);
            }
        }
        let covered = super::SpanSet::new(covered);
        // Names outside the glossary: the spellings of a word that has a capital, compared
        // with each other. Words in capitals are left out: capitals mark headings,
        // placeholders (FICHIER) and emphasis, not another spelling.
        // Whether each sentence has a lower-case letter (`is_judged_spelling`), found once.
        let mut has_lower: Vec<Option<bool>> = vec![None; cx.doc.sentences.len()];
        // What each distinct word tells before a token's letters are read, and the group
        // its tokens go to, found when the first of them is pushed.
        let words = cx.doc.vocabulary();
        let forms = words.per_form(&cx.doc.tokens, |t| Form::of(&t.norm));
        let mut group_of: Vec<Option<u32>> = vec![None; words.len()];
        let view = cx.doc.view.as_bytes();
        for ((i, t), &id) in cx.doc.tokens.iter().enumerate().zip(&words.ids) {
            // (The cheap tests first: most words have no capital.)
            if !t.is_word() || t.all_caps {
                continue;
            }
            // (`cx.text(span)` has the characters of the view but its white space.)
            let has_upper = match forms[id as usize] {
                Form::Short => continue,
                // (A capitalised token starts with an upper-case letter.)
                _ if t.capitalized => true,
                Form::Lower(key) => {
                    !key.is_at(view, t.start, t.end) && has_upper_case(&cx.doc.view, t.start, t.end)
                }
                Form::Other => has_upper_case(&cx.doc.view, t.start, t.end),
            };
            let span = Span::new(t.start, t.end);
            if !has_upper || covered.overlaps(&span) {
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
            groups.groups[group as usize].push((span, None));
        }
        for occurrences in groups.in_order() {
            let texts: Vec<Cow<str>> = occurrences.iter().map(|o| cx.text(o.0)).collect();
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
            let entity = occurrences.iter().find_map(|o| o.1);
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
                    first_other.0,
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
type Spelling = (Span, Option<usize>);

/// The spellings of each name, by lower-case key.
#[derive(Default)]
struct Groups<'a> {
    index: HashMap<Cow<'a, str>, usize, foldhash::fast::FixedState>,
    groups: Vec<Vec<Spelling>>,
}

impl<'a> Groups<'a> {
    fn push(&mut self, key: Cow<'a, str>, spelling: Spelling) {
        let k = self.group(key);
        self.groups[k].push(spelling);
    }

    /// The index of the group of `key`, made empty if there is none yet.
    fn group(&mut self, key: Cow<'a, str>) -> usize {
        let next = self.groups.len();
        let k = *self.index.entry(key).or_insert(next);
        if k == next {
            self.groups.push(Vec::new());
        }
        k
    }

    /// The groups of two spellings or more (a single one is never reported), in the order
    /// of their keys.
    fn in_order(&self) -> impl Iterator<Item = &Vec<Spelling>> {
        let mut keys: Vec<(&str, usize)> = self
            .index
            .iter()
            .filter(|&(_, &i)| self.groups[i].len() >= 2)
            .map(|(k, &i)| (&**k, i))
            .collect();
        keys.sort_unstable();
        keys.into_iter().map(|(_, i)| &self.groups[i])
    }
}

/// What a distinct word (its normalised form) tells of its tokens before their letters are
/// read.
#[derive(Clone, Copy)]
enum Form {
    /// Fewer than three characters: never taken as a name.
    Short,
    /// The key of a form of at most 16 bytes without an upper-case letter: a token written
    /// with the very bytes of its form (most words: in lower case, composed) has none
    /// either, and its letters need not be read.
    Lower(Key),
    /// Any other form: the token's letters are read.
    Other,
}

impl Form {
    fn of(norm: &str) -> Form {
        // (Three ASCII bytes are three characters; `has_upper_case` reads ASCII at once.)
        let bytes = norm.as_bytes();
        let short = bytes.len() < 3 || (!bytes[..3].is_ascii() && norm.chars().nth(2).is_none());
        if short {
            Form::Short
        } else if norm.len() <= 16 && !has_upper_case(norm, 0, norm.len()) {
            Form::Lower(Key::of(norm.as_bytes()))
        } else {
            Form::Other
        }
    }
}

/// The bytes of a word of at most 16 bytes, read as two numbers (zero-padded), and its
/// length: words are compared without a call to `memcmp`. (24 bytes a form: the table of
/// forms is read at random, by word id, for every token.)
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    lo: u64,
    hi: u64,
    len: u8,
}

/// Per length up to 16, the masks of the bytes of the two numbers of a key.
const MASKS: [(u64, u64); 17] = {
    /// The mask of the first `k` bytes of a number.
    const fn mask(k: usize) -> u64 {
        if k >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * k)) - 1
        }
    }
    let mut masks = [(0, 0); 17];
    let mut n = 0;
    while n <= 16 {
        let k = if n < 8 { n } else { 8 };
        masks[n] = (mask(k), mask(n - k));
        n += 1;
    }
    masks
};

impl Key {
    /// The key of `w`, of at most 16 bytes.
    fn of(w: &[u8]) -> Key {
        let k = w.len().min(8);
        Key {
            lo: crate::lexicon::load_le(&w[..k]),
            hi: crate::lexicon::load_le(&w[k..]),
            len: w.len() as u8,
        }
    }

    /// True when `text[start..end]` has the bytes of the key: read in two loads of eight
    /// bytes masked to its length where the text goes on for 16 bytes (nearly always),
    /// as `Key::of` near its end.
    #[inline]
    fn is_at(self, text: &[u8], start: usize, end: usize) -> bool {
        let Some(block) = text.get(start..start + 16) else {
            return end - start <= 16 && Key::of(&text[start..end]) == self;
        };
        let (lo, hi) = block.split_at(8);
        let load = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("eight bytes"));
        let masks = MASKS[self.len as usize];
        // (`&`, not `&&`: no branch per test.)
        (end - start == self.len as usize)
            & (load(lo) & masks.0 == self.lo)
            & (load(hi) & masks.1 == self.hi)
    }
}

/// True when `text[start..end]` holds an upper-case letter: on its bytes up to the first
/// that is not ASCII (most words are ASCII), character by character from there.
fn has_upper_case(text: &str, start: usize, end: usize) -> bool {
    for (i, &b) in text.as_bytes()[start..end].iter().enumerate() {
        if b.is_ascii_uppercase() {
            return true;
        }
        if !b.is_ascii() {
            // (The first byte that is not ASCII starts a character.)
            return text[start + i..end].chars().any(char::is_uppercase);
        }
    }
    false
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
    use super::{Form, Key, has_upper_case, same_shape};
    use crate::document::normalize_word;
    use crate::testing::{Rng, check_with, rules_of};

    const G: &str = "[glossary]\nname = \"t\"\n[[entity]]\nid = \"nvidia\"\nname = \"Nvidia\"\n";

    #[test]
    fn upper_case_on_bytes_as_on_characters() {
        for w in "Nvidia NVIDIA nvidia ABCDEFGHIJ abcdefghijklmnopQ abcdefghé abcdefgÉ @[`{ AZaz réseau Réseau ÉTAT état île Île œuvre Œuvre ça Ça \
                  iPhone l'IA l’IA 2024 1er x X 😀 😀A a😀 ß ẞ ǅ ǆ Ω ω ΑΒΓ"
            .split(' ')
            .chain(["", "\u{a0}", "a\u{a0}B", "a\u{202f}b"])
        {
            assert_eq!(
                has_upper_case(w, 0, w.len()),
                w.chars().any(char::is_uppercase),
                "{w}"
            );
        }
        // Every slice of a text, near its end too (fewer than eight bytes left).
        let text = "Le réseau NVIDIA d’iPhone\u{a0}: état 2024 😀 Œuvre ÉTÉ île x";
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|&&b| b >= a) {
                assert_eq!(
                    has_upper_case(text, a, b),
                    text[a..b].chars().any(char::is_uppercase),
                    "{:?}",
                    &text[a..b]
                );
            }
        }
        for (a, b) in [
            ("Nvidia", "Nvidia"),
            ("Nvidia", "nvidia"),
            ("NVIDIA", "Nvidia"),
        ] {
            assert_eq!(same_shape(a, b), a != "NVIDIA", "{a} {b}");
        }
    }

    /// The forms' test decides as the letters would: a word of fewer than three characters
    /// is `Short`, and a word written with the bytes of a `Lower` form has no capital (on
    /// words beside their own form and beside others).
    #[test]
    fn forms_decide_as_the_letters() {
        let pieces = [
            "a",
            "z",
            "A",
            "Z",
            "é",
            "É",
            "œ",
            "Œ",
            "ß",
            "ẞ",
            "ǅ",
            "ǆ",
            "ω",
            "Ω",
            "'",
            "’",
            "-",
            "1",
            "😀",
            "e\u{301}",
            "E\u{301}",
            "\u{1d400}",
            "\u{24b6}",
            "\u{24d0}",
            "ı",
            "İ",
        ];
        let mut rng = Rng::new(0x5eed_1e77);
        let mut words: Vec<String> =
            "réseau Réseau RÉSEAU iPhone nvidia Nvidia ab abc Abc l' l'IA \
             abcdefghijklmnop abcdefghijklmnopq Abcdefghijklmnop œuvre Œuvre"
                .split(' ')
                .map(String::from)
                .collect();
        words.extend((0..3000).map(|_| rng.string(&pieces, 20)));
        // Words without a capital, which their forms' keys take at once.
        let lower: Vec<&str> = pieces
            .iter()
            .copied()
            .filter(|p| !p.chars().any(char::is_uppercase))
            .collect();
        words.extend((0..3000).map(|_| rng.string(&lower, 20)));
        let forms: Vec<String> = words.iter().map(|w| normalize_word(w)).collect();
        let mut fast = 0;
        for (k, w) in words.iter().enumerate() {
            let others = [k, (k + 1) % words.len(), rng.below(words.len())];
            for f in others
                .iter()
                .flat_map(|&j| [forms[j].as_str(), words[j].as_str()])
            {
                match Form::of(f) {
                    Form::Short => assert!(f.chars().nth(2).is_none(), "{f:?}"),
                    Form::Lower(key) => {
                        // The word alone, and followed by more text than a load reads.
                        let long = format!("{w}{}", words[(k + 7) % words.len()].repeat(9));
                        let at = key.is_at(w.as_bytes(), 0, w.len());
                        assert_eq!(at, w.len() <= 16 && Key::of(w.as_bytes()) == key);
                        assert_eq!(key.is_at(long.as_bytes(), 0, w.len()), at, "{w:?} {f:?}");
                        if at {
                            fast += 1;
                            assert!(!has_upper_case(w, 0, w.len()), "{w:?} as {f:?}");
                        }
                    }
                    _ => assert!(f.chars().nth(2).is_some(), "{f:?}"),
                }
            }
        }
        assert!(fast > 1000, "{fast}");
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
