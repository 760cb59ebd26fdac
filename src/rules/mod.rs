/*! The rules: one per file, each with its documentation (in French, for editors) in the
same sections, a stable kebab-case id that names the problem, an MQM category and a
default severity. `ALL` is the registry. */

mod acronym_plural;
mod agreement;
pub mod bilingual;
mod capitalization;
mod currency_position;
mod decimal_point;
mod double_space;
mod doubled_word;
mod elision;
mod ellipsis;
mod english_quotes;
mod entity_full_name;
mod entity_inconsistent;
mod entity_spelling;
mod expression;
mod forbidden_term;
mod mixed_apostrophes;
mod near_miss;
mod ordinal_suffix;
mod overuse;
mod parallelism;
mod percent_space;
mod pronoun_gender;
mod punctuation_spacing;
mod repeated_phrase;
mod spelling;
mod term_inconsistency;
mod thousands_separator;
pub mod typography;
mod unit_space;
mod untranslated_english;

use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::{Document, Token};
use crate::glossary::{Asked, CompiledGlossary, CtxIds, Hit, Scope, Target};

/// A rule's documentation, shown by `relecture rules ID`.
#[derive(Debug)]
pub struct RuleDoc {
    /// What it detects.
    pub what: &'static str,
    /// Why it is a problem.
    pub why: &'static str,
    /// A sentence it flags.
    pub example: &'static str,
    /// What to write instead.
    pub instead: &'static str,
}

#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// One line, in French.
    pub summary: &'static str,
    pub doc: RuleDoc,
}

pub trait Rule: Sync {
    fn meta(&self) -> &RuleMeta;
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>);
}

/// Every rule, in the order `relecture rules` lists them.
pub static ALL: &[&dyn Rule] = &[
    &forbidden_term::ForbiddenTerm,
    &expression::CALQUE,
    &expression::ANGLICISM,
    &expression::FALSE_FRIEND,
    &expression::MISTRANSLATION,
    &expression::AWKWARD,
    &entity_spelling::EntitySpelling,
    &entity_inconsistent::EntityInconsistent,
    &entity_full_name::EntityFullName,
    &near_miss::NearMiss,
    &term_inconsistency::TermInconsistency,
    &untranslated_english::UntranslatedEnglish,
    &overuse::Overuse,
    &repeated_phrase::RepeatedPhrase,
    &doubled_word::DoubledWord,
    &elision::Elision,
    &spelling::Spelling,
    &agreement::Agreement,
    &parallelism::Parallelism,
    &pronoun_gender::PronounGender,
    &punctuation_spacing::PunctuationSpacing,
    &double_space::DoubleSpace,
    &english_quotes::EnglishQuotes,
    &mixed_apostrophes::MixedApostrophes,
    &ellipsis::Ellipsis,
    &decimal_point::DecimalPoint,
    &thousands_separator::ThousandsSeparator,
    &currency_position::CurrencyPosition,
    &percent_space::PercentSpace,
    &ordinal_suffix::OrdinalSuffix,
    &unit_space::UnitSpace,
    &capitalization::Capitalization,
    &acronym_plural::AcronymPlural,
];

/// The documentation of every rule, monolingual then bilingual.
pub fn all_metas() -> impl Iterator<Item = &'static RuleMeta> {
    ALL.iter()
        .map(|r| r.meta())
        .chain(bilingual::ALL.iter().map(|r| r.meta()))
}

pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all_metas().find(|m| m.id == id)
}

/// Settings that tune rules (thresholds); resolved from the command line.
#[derive(Debug, Clone)]
pub struct RuleSettings {
    /// `repeated-phrase`: occurrences from which a phrase is reported.
    pub repeated_phrase_min: usize,
    /// `repeated-phrase`: window, in words, in which they are counted.
    pub repeated_phrase_window: usize,
    /// The French variant whose typographic conventions apply (default fr-FR).
    pub variant: typography::Variant,
    /// `punctuation-spacing`: severity of an ordinary space where a non-breaking one is
    /// due (« mot : »); `None` turns that finding off.
    pub breaking_space: Option<Severity>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            repeated_phrase_min: 4,
            repeated_phrase_window: 600,
            variant: typography::Variant::default(),
            breaking_space: Some(Severity::Info),
        }
    }
}

/// What a rule sees: the document, the glossary, the glossary hits whose context holds.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub glossary: &'a CompiledGlossary,
    pub hits: Vec<Hit>,
    /// The hits whose context does not hold, each with its place among all the hits (see
    /// `raw_hits`): few, where a termbase finds hundreds of thousands of hits in all.
    dropped: Vec<(usize, Hit)>,
    pub settings: &'a RuleSettings,
    /// A number no other context of this process has: what a document's memo keeps about
    /// these hits (`forbidden_term::HitPlaces`) is known by it, where the hits' address
    /// could be that of another context's hits made after those were freed.
    pub(crate) run: u64,
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Document,
        glossary: &'a CompiledGlossary,
        settings: &'a RuleSettings,
    ) -> Self {
        // The hits of context phrases come apart: the others are the raw hits as they stand.
        // The hits whose variant or expression has a context, with their places, and the
        // context phrases those ask for: most hits have none (a termbase's variants never
        // do), and most context phrases are asked by no hit of a text. The matcher then
        // finds those phrases in the sentences or paragraphs of those hits only: a hit
        // only ever looks at the occurrences of its own sentence or paragraph.
        let mut with_context: Vec<(usize, &CtxIds)> = Vec::new();
        let mut asked = vec![false; glossary.context_phrases.len()];
        let (raw_hits, context) = glossary.find_apart(doc, |raw_hits| {
            for (at, h) in raw_hits.iter().enumerate() {
                let ctx = match h.target {
                    Target::Forbidden { term, index } => glossary.variant_contexts.get(term, index),
                    Target::Expression { expr, .. } => &glossary.expression_contexts[expr as usize],
                    _ => continue,
                };
                if ctx.when.is_empty() && ctx.unless.is_empty() {
                    continue;
                }
                for &id in ctx.when.iter().chain(&ctx.unless) {
                    if let Some(a) = asked.get_mut(id as usize) {
                        *a = true;
                    }
                }
                with_context.push((at, ctx));
            }
            Asked {
                phrases: asked.clone(),
                ranges: context_ranges(doc, raw_hits, &with_context),
            }
        });
        // Where each asked phrase occurs, by sentence and by paragraph (those of the hits
        // with a context: the others are never looked at).
        let (mut in_sentence, mut in_paragraph) = context_places(doc, &context, &asked);
        drop(context);
        let mut holds = |ctx: &CtxIds, hit: &Hit| -> bool {
            let s = doc.tokens[hit.first()].sentence;
            let p = doc.sentences.get(s as usize).map_or(0, |x| x.paragraph);
            // A `when` phrase must be another part of the sentence than the match itself; an
            // `unless` phrase may contain it (« formation politique » protects « formation »)
            // but may not be the match itself (a form of the matched word).
            let mut near = |id: &u32, may_overlap: bool| {
                let found = match ctx.scope {
                    Scope::Sentence => in_sentence.of(*id, s),
                    Scope::Paragraph => in_paragraph.of(*id, p),
                };
                found.iter().any(|(_, _, span)| {
                    !span.overlaps(&hit.span()) || (may_overlap && !hit.span().contains(span))
                })
            };
            (ctx.when.is_empty() || ctx.when.iter().any(|id| near(id, false)))
                && !ctx.unless.iter().any(|id| near(id, true))
        };
        // The hits whose context fails, with their places: few, so the hits between two of
        // them are moved down run by run, where `retain` tested every hit of the list
        // through a closure (a termbase finds a great many).
        let dropped: Vec<(usize, Hit)> = with_context
            .into_iter()
            .filter(|&(at, ctx)| !holds(ctx, &raw_hits[at]))
            .map(|(at, _)| (at, raw_hits[at]))
            .collect();
        let mut hits = raw_hits;
        if let Some(&(first, _)) = dropped.first() {
            // Each run of kept hits between two dropped ones moves down.
            let mut to = first;
            for (k, &(at, _)) in dropped.iter().enumerate() {
                let next = dropped.get(k + 1).map_or(hits.len(), |&(n, _)| n);
                for from in at + 1..next {
                    hits[to] = hits[from];
                    to += 1;
                }
            }
            hits.truncate(to);
        }
        static RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Context {
            doc,
            glossary,
            hits,
            dropped,
            settings,
            run: RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Every hit, context phrases excepted, whether or not its context holds, in the order
    /// the glossary found them.
    pub fn raw_hits(&self) -> impl Iterator<Item = &Hit> {
        let (mut hits, mut dropped) = (self.hits.iter(), self.dropped.iter().peekable());
        let mut at = 0;
        std::iter::from_fn(move || {
            let next = match dropped.next_if(|(i, _)| *i == at) {
                Some((_, h)) => Some(h),
                None => hits.next(),
            };
            at += 1;
            next
        })
    }

    /// The text of a span as a reader sees it (see `Document::display`).
    pub fn text(&self, span: Span) -> std::borrow::Cow<'a, str> {
        self.doc.display(span.start, span.end)
    }
}

/// The tokens in which the hits `with_context` (places in `hits`, in order) look for their
/// context phrases: the sentence or the paragraph (`CtxIds::scope`) of each, as ranges of
/// tokens in order and apart (see `Asked`).
fn context_ranges(
    doc: &Document,
    hits: &[Hit],
    with_context: &[(usize, &CtxIds)],
) -> Vec<(usize, usize)> {
    let tokens = &doc.tokens;
    // The paragraph of sentence `s`, as `Context::new` reads it. Sentences, and so
    // paragraphs, go up with the tokens: the tokens of one are found by bisection.
    let paragraph = |s: u32| doc.sentences.get(s as usize).map_or(0, |x| x.paragraph);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    // The last sentence and paragraph taken: hits come in order, and many share them.
    let (mut last_sentence, mut last_paragraph) = (None, None);
    for &(at, ctx) in with_context {
        let s = tokens[hits[at].first()].sentence;
        let range = match ctx.scope {
            Scope::Sentence => {
                if last_sentence.replace(s) == Some(s) {
                    continue;
                }
                (
                    tokens.partition_point(|t| t.sentence < s),
                    tokens.partition_point(|t| t.sentence <= s),
                )
            }
            Scope::Paragraph => {
                let p = paragraph(s);
                if last_paragraph.replace(p) == Some(p) {
                    continue;
                }
                (
                    tokens.partition_point(|t| paragraph(t.sentence) < p),
                    tokens.partition_point(|t| paragraph(t.sentence) <= p),
                )
            }
        };
        ranges.push(range);
    }
    // A paragraph holds sentences taken apart: ranges that overlap are made one.
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Occurrences of context phrases: (phrase, sentence or paragraph, span), sorted by phrase
/// and then by sentence or paragraph.
#[derive(Debug, PartialEq)]
struct Places {
    places: Vec<(u32, u32, Span)>,
    /// Where each phrase's occurrences start (and, last, where they all end).
    starts: Vec<u32>,
    /// Per phrase, where its last look-up ended, from the start of its occurrences: hits
    /// come in order, so a look-up most often moves on from there (a bisection per hit cost
    /// 6 % of a run on a text with many findings).
    cursor: Vec<u32>,
}

impl Places {
    fn empty() -> Places {
        Places {
            places: Vec::new(),
            starts: Vec::new(),
            cursor: Vec::new(),
        }
    }

    /// The occurrences of `phrase` in sentence (or paragraph) `key`.
    fn of(&mut self, phrase: u32, key: u32) -> &[(u32, u32, Span)] {
        let p = phrase as usize;
        let (Some(&lo), Some(&hi)) = (self.starts.get(p), self.starts.get(p + 1)) else {
            return &[];
        };
        let run = &self.places[lo as usize..hi as usize];
        let mut c = self.cursor[p] as usize;
        if c > 0 && run[c - 1].1 >= key {
            // Back to an earlier sentence or paragraph: never met while hits come in order,
            // but a bisection then finds the right place all the same.
            c = run.partition_point(|x| x.1 < key);
        } else {
            c += run[c..].iter().take_while(|x| x.1 < key).count();
        }
        self.cursor[p] = c as u32;
        let end = c + run[c..].iter().take_while(|x| x.1 == key).count();
        &run[c..end]
    }
}

/// The occurrences of the `asked` context phrases among `hits` (by phrase id) as two lists
/// of (phrase, sentence, span) and (phrase, paragraph, span), each sorted by its first two
/// numbers.
///
/// The hits come in token order, so sentences and paragraphs already go up: a stable
/// counting sort by phrase leaves each list sorted, without comparing. Should a list not be
/// in order after all, it is sorted; within a group of equal keys the order does not matter
/// (a group is only ever searched for any place that fits).
fn context_places(doc: &Document, hits: &[Hit], asked: &[bool]) -> (Places, Places) {
    let phrases = asked.len();
    // The phrase of a hit of an asked context phrase.
    let asked_phrase = |h: &Hit| match h.target {
        Target::Context { phrase } if asked.get(phrase as usize) == Some(&true) => Some(phrase),
        _ => None,
    };
    // Occurrences per phrase, then where each phrase's run starts.
    let mut next = vec![0u32; phrases + 1];
    let mut n = 0;
    for h in hits {
        if let Some(phrase) = asked_phrase(h) {
            next[phrase as usize + 1] += 1;
            n += 1;
        }
    }
    if n == 0 {
        return (Places::empty(), Places::empty());
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let starts = next.clone();
    let empty = (0, 0, Span::new(0, 0));
    let (mut in_sentence, mut in_paragraph) = (vec![empty; n], vec![empty; n]);
    for h in hits {
        if let Some(phrase) = asked_phrase(h) {
            let s = doc.tokens[h.first()].sentence;
            let p = doc.sentences.get(s as usize).map_or(0, |x| x.paragraph);
            let at = &mut next[phrase as usize];
            in_sentence[*at as usize] = (phrase, s, h.span());
            in_paragraph[*at as usize] = (phrase, p, h.span());
            *at += 1;
        }
    }
    let cursor = vec![0; phrases];
    let [in_sentence, in_paragraph] = [in_sentence, in_paragraph].map(|mut places| {
        if !places.is_sorted_by_key(|x| (x.0, x.1)) {
            places.sort_unstable_by_key(|x| (x.0, x.1));
        }
        Places {
            places,
            starts: starts.clone(),
            cursor: cursor.clone(),
        }
    });
    (in_sentence, in_paragraph)
}

/// Words that start sentences without being names.
const SENTENCE_OPENERS: &[&str] = &[
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "ce", "cet", "cette", "ces",
    "son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes",
    "chaque", "tout", "toute", "tous", "toutes", "aucun", "aucune", "quel", "quelle", "en", "dans",
    "pour", "par", "sur", "avec", "sans", "selon", "mais", "et", "ou", "si", "the", "a", "an",
    "this", "our", "your", "their", "its", "my", "each", "every", "no", "any",
];

/// True when the words next to tokens `first..=last` make them part of a name: a
/// capitalised neighbour in the same sentence, separated by a space only, that is not a
/// mere sentence opener (« Meta AI », « AI Act »; not « Le dataset »).
pub fn beside_a_name(doc: &Document, first: usize, last: usize) -> bool {
    let toks = &doc.tokens;
    let prev = first > 0 && {
        let p = &toks[first - 1];
        p.capitalized
            && p.sentence == toks[first].sentence
            && !SENTENCE_OPENERS.contains(&p.norm.as_str())
            && doc.gap_is_space(p.end(), toks[first].start())
    };
    let next = toks.get(last + 1).is_some_and(|n| {
        n.capitalized
            && n.sentence == toks[last].sentence
            && doc.gap_is_space(toks[last].end(), n.start())
    });
    prev || next
}

/// Gives a replacement the case of the text it replaces: a capital at the start of the
/// original gives a capital at the start of the replacement.
pub fn match_case(original: &str, replacement: &str) -> String {
    // An acronym (« ML », « AI ») says nothing about the case of its replacement.
    let mut letters = original.chars().filter(|c| c.is_alphabetic());
    let acronym = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
    if acronym {
        return replacement.to_string();
    }
    let starts_upper = original.chars().next().is_some_and(char::is_uppercase);
    let rep_upper = replacement.chars().next().is_some_and(char::is_uppercase);
    if starts_upper && !rep_upper {
        let mut c = replacement.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    } else {
        replacement.to_string()
    }
}

/// « a », « b » ou « c »: a list of quoted alternatives for a message.
pub fn quote_list<S: AsRef<str>>(items: &[S]) -> String {
    // Room for each item, its quotes (« and » take two bytes each) and a separator.
    let mut out = String::with_capacity(items.iter().map(|s| s.as_ref().len() + 10).sum());
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " ou " } else { ", " });
        }
        out.push_str("« ");
        out.push_str(s.as_ref());
        out.push_str(" »");
    }
    out
}

/// A fixed list of words that rules test every token against, with a table built on first
/// use.
pub struct WordList {
    words: &'static [&'static str],
    table: std::sync::OnceLock<WordTable>,
}

/// The words of a list by class of (length, first byte, last byte) (see `class`): most
/// words of a text are in no class of a short list and are turned away by one look-up;
/// the others are compared with the few words of their class, without hashing them.
struct WordTable {
    /// Per class, 1 + the index of its first word (0: none).
    first: Box<[u16; CLASSES]>,
    /// Per word, 1 + the index of the next word of its class (0: none).
    next: Vec<u16>,
}

const CLASSES: usize = 4096;

/// The class of a word (one of `CLASSES`).
#[inline(always)]
fn class(word: &str) -> usize {
    let b = word.as_bytes();
    let (first, last) = (
        *b.first().unwrap_or(&0) as usize,
        *b.last().unwrap_or(&0) as usize,
    );
    (first * 31 + last * 7 + b.len().min(15) * 257) & (CLASSES - 1)
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            table: std::sync::OnceLock::new(),
        }
    }

    /// (Inlined: most calls end at the class's empty slot, in loops over every token.)
    #[inline(always)]
    pub fn contains(&self, word: &str) -> bool {
        let table = self.table.get_or_init(|| WordTable::new(self.words));
        let k = table.first[class(word)];
        k != 0 && self.in_class(table, k, word)
    }

    /// True when `word` is one of the class whose first word is `k` (1-based).
    #[inline(never)]
    fn in_class(&self, table: &WordTable, mut k: u16, word: &str) -> bool {
        while k != 0 {
            // (Byte by byte: the words are short, and a call to memcmp cost more.)
            let w = self.words[k as usize - 1].as_bytes();
            if w.len() == word.len() && w.iter().zip(word.as_bytes()).all(|(a, b)| a == b) {
                return true;
            }
            k = table.next[k as usize - 1];
        }
        false
    }
}

impl WordTable {
    fn new(words: &[&str]) -> WordTable {
        assert!(words.len() < u16::MAX as usize, "a word list this long");
        let mut first = Box::new([0u16; CLASSES]);
        let mut next = vec![0u16; words.len()];
        // Each word goes in front of its class's chain (the order does not matter).
        for (k, w) in words.iter().enumerate() {
            let c = class(w);
            next[k] = first[c];
            first[c] = k as u16 + 1;
        }
        WordTable { first, next }
    }
}

/// The tokens of the sentence of token `k`: side by side, tokens and sentences being in
/// the order of the text.
pub fn sentence_tokens(toks: &[Token], k: usize) -> &[Token] {
    &toks[sentence_range(toks, k)]
}

/// The indices of the tokens of the sentence of token `k` (see `sentence_tokens`).
pub fn sentence_range(toks: &[Token], k: usize) -> std::ops::Range<usize> {
    let s = toks[k].sentence;
    let first = toks[..k]
        .iter()
        .rposition(|t| t.sentence != s)
        .map_or(0, |j| j + 1);
    let last = toks[k..]
        .iter()
        .position(|t| t.sentence != s)
        .map_or(toks.len(), |j| k + j);
    first..last
}

/// The indices of the tokens that hold a capital (`Token::has_upper`), start with one or
/// are written in capitals (`Token::capitalized`, `Token::all_caps`), in order: found once
/// per document and shared (`Document::memo`) by the rules that look at names alone, which
/// then visit these tokens instead of reading every token of the text. (The rules that
/// want capitalised words only test the token's flags: words with a capital inside,
/// « iPhone », are few.)
///
/// Each listed token's flags are kept beside it (`Capital`), read here in the one pass over
/// the tokens: the rules turn most listed tokens away on them, where each read of a token
/// of the 20 MB list (some 60,000 on the man pages, ten tokens apart) waited for the
/// memory (`pronoun-gender`: a third of its time on that load).
pub struct Capitalized {
    /// The tokens, in order.
    pub tokens: Vec<u32>,
    /// Per listed token, its flags.
    pub flags: Vec<Capital>,
}

/// A listed token's flags (see `Capitalized`): its `Token::is_word`, `capitalized`,
/// `all_caps`, `has_upper`, and whether the token before it is in the same sentence.
#[derive(Clone, Copy)]
pub struct Capital(u8);

impl Capital {
    const WORD: u8 = 1;
    const CAPITALIZED: u8 = 2;
    const ALL_CAPS: u8 = 4;
    const HAS_UPPER: u8 = 8;
    const INSIDE: u8 = 16;

    /// The flags of token `t`; `inside` when the token before it is in its sentence.
    fn of(t: &Token, inside: bool) -> Capital {
        Capital(
            (u8::from(t.word) * Self::WORD)
                | (u8::from(t.capitalized) * Self::CAPITALIZED)
                | (u8::from(t.all_caps) * Self::ALL_CAPS)
                | (u8::from(t.has_upper) * Self::HAS_UPPER)
                | (u8::from(inside) * Self::INSIDE),
        )
    }
    pub fn is_word(self) -> bool {
        self.0 & Self::WORD != 0
    }
    pub fn capitalized(self) -> bool {
        self.0 & Self::CAPITALIZED != 0
    }
    pub fn all_caps(self) -> bool {
        self.0 & Self::ALL_CAPS != 0
    }
    pub fn has_upper(self) -> bool {
        self.0 & Self::HAS_UPPER != 0
    }
    /// The token is not the first of the document and the one before it is in its
    /// sentence.
    pub fn inside_sentence(self) -> bool {
        self.0 & Self::INSIDE != 0
    }
}

impl Capitalized {
    /// An empty list, to which a pass over the tokens adds (`note`).
    pub(crate) fn empty() -> Capitalized {
        Capitalized {
            tokens: Vec::new(),
            flags: Vec::new(),
        }
    }

    /// Adds token `i`, `t`, if it is one to list; `inside` when `i > 0` and the token
    /// before it is in its sentence. Tokens are noted in order.
    #[inline]
    pub(crate) fn note(&mut self, i: usize, t: &Token, inside: bool) {
        // (`|`, not `||`: one branch per token.)
        if t.has_upper | t.capitalized | t.all_caps {
            self.tokens.push(i as u32);
            self.flags.push(Capital::of(t, inside));
        }
    }

    /// The listed tokens with their flags, in order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, Capital)> + '_ {
        (self.tokens.iter().map(|&i| i as usize)).zip(self.flags.iter().copied())
    }
}

/// See `Capitalized`. A document made by `Document::new` already holds the list, made in
/// its pass that gives each token its sentence (`assign_sentences`); made here otherwise
/// (a copy of a document).
pub fn capitalized(doc: &Document) -> std::sync::Arc<Capitalized> {
    doc.memo.get_or_init(|| {
        let toks = &doc.tokens;
        let mut tokens = Vec::new();
        let mut flags = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            // (`|`, not `||`: one branch per token. The sentence of the token before is read
            // for the listed tokens alone: for every token, it cost 6.6 M instructions on
            // the man pages.)
            if t.has_upper | t.capitalized | t.all_caps {
                tokens.push(i as u32);
                flags.push(Capital::of(t, i > 0 && toks[i - 1].sentence == t.sentence));
            }
        }
        Capitalized { tokens, flags }
    })
}

/// The tokens of each distinct word (by `Vocabulary` id), in order: found once per
/// document and shared (`Document::memo`) by the rules that look at a few words alone
/// (« de », « et », the prepositions that start a filler phrase, the names of months),
/// which then visit those words' tokens instead of reading every token of the text.
pub struct Occurrences {
    /// Per id, where its tokens start in `tokens` (and, at `id + 1`, where they end).
    starts: Vec<u32>,
    /// The tokens, word by word (a counting sort of the ids), each word's in order.
    tokens: Lists,
}

/// The tokens of `Occurrences`, in three bytes each from `Lists::NARROW_FROM` tokens up to
/// `Lists::NARROW`: a token per word of the text, 1.6 MB on the PO text in four bytes,
/// whose top pushed the heap's later blocks into one more fresh huge page (zeroed by the
/// kernel), and 2.4 MB on the man pages, mapped apart on two huge pages; in three bytes
/// they take 1.2 and 1.8 MB.
enum Lists {
    /// Three bytes a token, and one more after the last, so that each is read and
    /// written in four (`Occurrences::with_width`).
    Narrow(Vec<u8>),
    Wide(Vec<u32>),
}

impl Lists {
    /// The fewest tokens kept in three bytes each: a smaller list (under 128 KB in four
    /// bytes) saves no huge page, and three bytes cost more instructions to write and read
    /// (the 435 man pages, each its own document: +6.3 M).
    const NARROW_FROM: usize = 1 << 15;
    /// The most tokens kept in three bytes each.
    const NARROW: usize = 1 << 24;
}

impl Occurrences {
    /// The occurrences of the ids of `ids`, whose first tokens are `first` (by id), each
    /// word's tokens side by side: a pass to count them, a pass to place them. (Linked
    /// lists, one pass and a token before each token, were cheaper to make, but `of_words`
    /// then waited for a load at each step of a list: 4.8 ms of the man pages' 7 calls for
    /// 6.4 M instructions. Lists side by side are read as a stream.)
    fn new(ids: &[u32], first: &[u32]) -> Occurrences {
        let narrow = (Lists::NARROW_FROM..=Lists::NARROW).contains(&ids.len());
        Occurrences::with_width(ids, first, narrow)
    }

    /// `new`, with the tokens in three bytes each if `narrow` (`ids` then has at most
    /// `Lists::NARROW` tokens), else in four.
    fn with_width(ids: &[u32], first: &[u32], narrow: bool) -> Occurrences {
        let mut starts = vec![0u32; first.len() + 1];
        for &id in ids {
            starts[id as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        // (Each word's next free place: its start, moved along as its tokens come.)
        let mut next = starts.clone();
        let tokens = if narrow {
            // Each token is written in four bytes, its last (zero) over the first byte of
            // the place after it: a word's next token writes that place in turn, but the
            // place after a word's last token is the first of another word, which may have
            // come before; each word's first place is given its first byte again after.
            // (A write of three bytes took two stores and a shift: +2.4 M instructions on
            // the man pages.)
            let mut b = vec![0u8; 3 * ids.len() + 1];
            for (k, &id) in ids.iter().enumerate() {
                let at = &mut next[id as usize];
                let p = 3 * *at as usize;
                b[p..p + 4].copy_from_slice(&(k as u32).to_le_bytes());
                *at += 1;
            }
            for (&k, &at) in first.iter().zip(&starts) {
                b[3 * at as usize] = k as u8;
            }
            Lists::Narrow(b)
        } else {
            let mut tokens = vec![0u32; ids.len()];
            for (k, &id) in ids.iter().enumerate() {
                let at = &mut next[id as usize];
                tokens[*at as usize] = k as u32;
                *at += 1;
            }
            Lists::Wide(tokens)
        };
        Occurrences { starts, tokens }
    }

    /// The indices of the tokens of the words that `pick` (by id) marks, in order: one
    /// word's list as it is; several words' lists marked in a bit per token, then read in
    /// the order of the bits (a sort of the words' lists cost ten times as much).
    pub fn of_words(&self, pick: &[bool]) -> Vec<u32> {
        match &self.tokens {
            // (The last token's four bytes end with the byte after it.)
            Lists::Narrow(b) => self.picked(pick, (b.len() - 1) / 3, |i| {
                let at = 3 * i;
                u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) & 0xFF_FFFF
            }),
            Lists::Wide(tokens) => self.picked(pick, tokens.len(), |i| tokens[i]),
        }
    }

    /// `of_words`, from the `len` tokens of the lists, the `i`th read by `get`.
    fn picked(&self, pick: &[bool], len: usize, get: impl Fn(usize) -> u32) -> Vec<u32> {
        // The places of the tokens of the word `id` (none for an id beyond the
        // document's).
        let of = |id: usize| match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        let mut picked = (pick.iter().enumerate())
            .filter(|(_, p)| **p)
            .map(|(id, _)| of(id))
            .filter(|list| !list.is_empty());
        let Some(first) = picked.next() else {
            return Vec::new();
        };
        let Some(second) = picked.next() else {
            return first.map(get).collect();
        };
        let mut marks = vec![0u64; len.div_ceil(64)];
        let mut n = 0;
        for list in [first, second].into_iter().chain(picked) {
            n += list.len();
            for k in list.map(&get) {
                marks[k as usize / 64] |= 1 << (k % 64);
            }
        }
        let mut out = Vec::with_capacity(n);
        for (w, &m) in marks.iter().enumerate() {
            let mut m = m;
            while m != 0 {
                out.push(w as u32 * 64 + m.trailing_zeros());
                m &= m - 1;
            }
        }
        out
    }
}

/// See `Occurrences`.
pub fn occurrences(doc: &Document) -> std::sync::Arc<Occurrences> {
    doc.memo.get_or_init(|| {
        let words = doc.vocabulary();
        Occurrences::new(&words.ids, &words.first)
    })
}

/// The normalised form of each distinct word (by `Vocabulary` id), side by side in one
/// string: found once per document and shared (`Document::memo`) by the rules that ask a
/// question of each distinct word (`per_form`, in a large document). Asked of the words'
/// first tokens (`Vocabulary::per_form`), each rule read some 22,000 tokens of the man
/// pages' 20 MB list, each a cache miss (a fifth of `repeated-phrase`'s time); here they
/// are read once.
pub struct Forms {
    text: String,
    /// Per id, where its form ends in `text` (it starts where the one before ends).
    ends: Vec<usize>,
}

impl Forms {
    /// The fewest tokens for which `per_form` asks the shared forms.
    const FROM: usize = 1 << 15;

    /// The form of the word `id`.
    pub fn get(&self, id: usize) -> &str {
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.text[start..self.ends[id]]
    }

    /// A value per distinct word, by id: `f` of its form.
    pub fn per_form<T>(&self, mut f: impl FnMut(&str) -> T) -> Vec<T> {
        let mut start = 0;
        (self.ends.iter())
            .map(|&end| f(&self.text[std::mem::replace(&mut start, end)..end]))
            .collect()
    }
}

/// A value per distinct word of `doc`, by id: `f` of its form. A large document asks its
/// shared `Forms`; a small one (fewer than `Forms::FROM` tokens: 1 MB of them, which the
/// caches hold) asks its words' first tokens, as copying its forms cost more than it saved
/// (the 435 man pages, a new word every 4-5 tokens: +3.4 ms, +16.7 M instructions).
pub fn per_form<T>(doc: &Document, mut f: impl FnMut(&str) -> T) -> Vec<T> {
    if doc.tokens.len() < Forms::FROM {
        (doc.vocabulary()).per_form(&doc.tokens, |t| f(&t.norm))
    } else {
        forms(doc).per_form(f)
    }
}

/// See `Forms`.
pub fn forms(doc: &Document) -> std::sync::Arc<Forms> {
    doc.memo.get_or_init(|| {
        let words = doc.vocabulary();
        let mut text = String::with_capacity(words.len() * 8);
        let ends = (words.first.iter())
            .map(|&k| {
                text.push_str(&doc.tokens[k as usize].norm);
                text.len()
            })
            .collect();
        Forms { text, ends }
    })
}

/// Counts per sentence, in a vector indexed by the sentence (tokens know theirs).
pub fn per_sentence<T: Default + Clone>(doc: &Document) -> Vec<T> {
    let n = doc
        .tokens
        .last()
        .map_or(0, |t| t.sentence as usize + 1)
        .max(doc.sentences.len());
    vec![T::default(); n]
}

/// Sentences that are English left in a French text: at least two of their words are in
/// `english`, and they make at least one in `share` of the sentence's words. Each rule
/// passes its own list and share (how much English it can bear).
pub fn english_sentences(
    doc: &Document,
    english: &WordList,
    share: usize,
) -> impl Iterator<Item = u32> {
    let mut counts: Vec<(usize, usize)> = per_sentence(doc);
    // (Each distinct word looked up once.)
    let words = doc.vocabulary();
    let listed = per_form(doc, |w| english.contains(w));
    for (t, &id) in doc.tokens.iter().zip(&words.ids) {
        if !t.is_word() {
            continue;
        }
        let c = &mut counts[t.sentence as usize];
        c.1 += 1;
        if listed[id as usize] {
            c.0 += 1;
        }
    }
    counts
        .into_iter()
        .enumerate()
        .filter(move |&(_, (en, all))| mostly_english(en, all, share))
        .map(|(s, _)| s as u32)
}

/// The test of `english_sentences` on one sentence's counts: `en` of its `all` words in the
/// English list, at least two, and at least one word in `share`.
pub fn mostly_english(en: usize, all: usize, share: usize) -> bool {
    en >= 2 && en * share >= all
}

/// A fixed set of spans that answers « does this span overlap one of them? » in O(log n):
/// the spans sorted by start, with the largest end seen so far.
pub struct SpanSet {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl SpanSet {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanSet {
        let mut v: Vec<Span> = spans.into_iter().collect();
        v.sort_unstable();
        let mut m = 0;
        SpanSet {
            starts: v.iter().map(|s| s.start).collect(),
            max_end: v
                .iter()
                .map(|s| {
                    m = m.max(s.end);
                    m
                })
                .collect(),
        }
    }

    /// True when `span` overlaps a span of the set (as `Span::overlaps` says).
    pub fn overlaps(&self, span: &Span) -> bool {
        // Those that start before `span` ends; one overlaps when it ends after `span` starts.
        let k = self.starts.partition_point(|&s| s < span.end);
        k > 0 && self.max_end[k - 1] > span.start
    }

    /// `overlaps`, for spans asked in the order of their ends: `cursor` (0 before the first
    /// span asked) goes forward over the set's starts instead of a bisection for each span
    /// (`entity-inconsistent` asks for 50,000 tokens of the man pages: the bisections cost
    /// some 2 M instructions).
    pub fn overlaps_in_order(&self, cursor: &mut usize, span: &Span) -> bool {
        let k = cursor;
        while *k < self.starts.len() && self.starts[*k] < span.end {
            *k += 1;
        }
        *k > 0 && self.max_end[*k - 1] > span.start
    }
}

/// Items added with their group, put group by group for the groups of `min` items or more
/// (a counting sort, which keeps each group's items in the order added): from `sizes` (per
/// group, its number of items) and `added` (every (group, item), in order). Returns the
/// items and, per group kept, its index and range among them, in the order of the groups.
/// (`repeated-phrase`'s grams and their starts, `entity-inconsistent`'s names and their
/// spellings: a list per group took an allocation for each of thousands of groups.)
pub(crate) fn by_group<T: Copy>(
    sizes: &[u32],
    added: &[(u32, T)],
    min: usize,
) -> (Vec<T>, Vec<(usize, std::ops::Range<usize>)>) {
    const NONE: usize = usize::MAX;
    let mut next = vec![NONE; sizes.len()];
    let mut ranges = Vec::new();
    let mut total = 0;
    for (k, &n) in sizes.iter().enumerate() {
        let n = n as usize;
        if n >= min {
            next[k] = total;
            ranges.push((k, total..total + n));
            total += n;
        }
    }
    let Some(&(_, fill)) = added.first() else {
        return (Vec::new(), ranges);
    };
    // (Filled in place: each item at its group's next free slot.)
    let mut items = vec![fill; total];
    for &(k, item) in added {
        let at = &mut next[k as usize];
        if *at != NONE {
            items[*at] = item;
            *at += 1;
        }
    }
    (items, ranges)
}

#[cfg(test)]
mod tests {
    /// `by_group` gives each group of `min` items or more its items in the order added,
    /// as a list per group does, on random groups and items.
    #[test]
    fn by_group_gives_each_group_its_items_in_order() {
        use super::by_group;
        let mut rng = crate::testing::Rng::new(0x9_7a35);
        let mut kept = 0;
        for round in 0..2000 {
            let grams = 1 + rng.below(20);
            let mut sizes = vec![0u32; grams];
            let mut added = Vec::new();
            let mut reference: Vec<Vec<usize>> = vec![Vec::new(); grams];
            for _ in 0..rng.below(100) {
                let (k, start) = (rng.below(grams), rng.below(1000));
                sizes[k] += 1;
                added.push((k as u32, start));
                reference[k].push(start);
            }
            let min = 2 + rng.below(4);
            let (starts, ranges) = by_group(&sizes, &added, min);
            let got: Vec<(usize, Vec<usize>)> = (ranges.into_iter())
                .map(|(k, r)| (k, starts[r].to_vec()))
                .collect();
            let want: Vec<(usize, Vec<usize>)> = (reference.into_iter().enumerate())
                .filter(|(_, v)| v.len() >= min)
                .collect();
            assert_eq!(got, want, "round {round}");
            kept += got.len();
        }
        assert!(kept > 1000, "{kept}");
    }

    use super::*;

    #[test]
    fn word_lists_hold_what_their_words_hold() {
        static LIST: WordList = WordList::new(&[
            "le",
            "la",
            "les",
            "l'",
            "de",
            "d'",
            "à",
            "où",
            "été",
            "être",
            "the",
            "of",
            "and",
            "ça",
            "œuvre",
            "Île",
            "naïve",
            "e",
            "",
            "a",
            "aa",
            "aaa",
            "ab",
            "ba",
            "x-y",
            "l’",
            "\u{a0}",
            "😀",
            "1er",
            "2024",
            "dé",
            "ed",
            "emphase",
            "entreprise",
            "é",
        ]);
        let mut samples: Vec<String> = LIST.words.iter().map(|w| w.to_string()).collect();
        for w in LIST.words {
            // Near misses: the same class or length, a byte more or less, other cases.
            samples.push(w.to_uppercase());
            samples.push(format!("{w}s"));
            samples.push(format!("s{w}"));
            samples.extend(w.char_indices().map(|(i, _)| format!("{}{}", &w[..i], "z")));
            samples.push(w.chars().rev().collect());
        }
        samples.extend(
            "Le chat mange à l'œil ; the cat ; 12 000 € ; l’IA ; 😀😀 ; ÉTÉ ; a\u{a0}b ; aba abb"
                .split([' ', ';'])
                .map(String::from),
        );
        for s in &samples {
            assert_eq!(LIST.contains(s), LIST.words.contains(&s.as_str()), "{s:?}");
        }
    }

    /// The shared list holds every token with a capital, in order, on random texts: the
    /// rules that visit it instead of every token (`entity-inconsistent`: `has_upper`;
    /// `near-miss`, `pronoun-gender`, `acronym-plural`: `capitalized`, `all_caps`) miss none.
    #[test]
    fn capitalized_lists_every_token_with_a_capital() {
        let pieces = [
            "De ", "la ", "IA ", "iPhone ", "macOS ", "l'", "L’", "ÉTÉ ", "été ", "x ", "X. ",
            "ǅ ", "ǆa ", "ΣΑ ", "1 ", "3D ", "\n\n", "  ", "aB ", "É",
        ];
        let mut rng = crate::testing::Rng::new(0xca_9175);
        let mut listed = 0;
        for round in 0..300 {
            let doc = Document::from_str(&rng.string(&pieces, 100));
            let expected: Vec<u32> = (0..doc.tokens.len() as u32)
                .filter(|&i| {
                    let t = &doc.tokens[i as usize];
                    t.has_upper || t.capitalized || t.all_caps
                })
                .collect();
            let listed_here = capitalized(&doc);
            assert_eq!(listed_here.tokens, expected, "round {round}");
            // Each token's flags are its own.
            for (i, f) in listed_here.iter() {
                let t = &doc.tokens[i];
                assert_eq!(f.is_word(), t.is_word(), "round {round}");
                assert_eq!(f.capitalized(), t.capitalized, "round {round}");
                assert_eq!(f.all_caps(), t.all_caps, "round {round}");
                assert_eq!(f.has_upper(), t.has_upper, "round {round}");
                let inside = i > 0 && doc.tokens[i - 1].sentence == t.sentence;
                assert_eq!(f.inside_sentence(), inside, "round {round}");
            }
            listed += expected.len();
        }
        assert!(listed > 1000, "{listed}");
    }

    /// The forms side by side are the words' own, read from their first tokens, on random
    /// texts (empty ones too).
    #[test]
    fn forms_are_the_words_forms() {
        let pieces = [
            "de ",
            "la ",
            "De ",
            "l'",
            "et ",
            "Mai ",
            "mai. ",
            "x ",
            "été ",
            "Été ",
            "1 ",
            "\n\n",
            "anticonstitutionnellement ",
            "ŒUVRE ",
        ];
        let mut rng = crate::testing::Rng::new(0xf0_5735);
        for round in 0..300 {
            let doc = Document::from_str(&rng.string(&pieces, 60));
            let words = doc.vocabulary();
            let forms = forms(&doc);
            let expected = words.per_form(&doc.tokens, |t| t.norm.to_string());
            assert_eq!(forms.per_form(str::to_string), expected, "round {round}");
            // (A small document's words, asked of their first tokens.)
            assert_eq!(per_form(&doc, str::to_string), expected, "round {round}");
            for (id, w) in expected.iter().enumerate() {
                assert_eq!(forms.get(id), w, "round {round}");
            }
        }
    }

    /// The occurrences of words, one by one and picked together, are the tokens a filter
    /// over every token finds, in order, on random texts (empty ones too).
    #[test]
    fn occurrences_are_the_tokens_of_each_word() {
        let pieces = [
            "de ", "la ", "De ", "l'", "et ", "ou ", "Mai ", "mai. ", "x ", "é ", "1 ", "\n\n",
            "  ", "l’", "été ", "Été ",
        ];
        let mut rng = crate::testing::Rng::new(0x0cc_0005);
        // (Up to some 200 tokens: more than the 64 of one word of marks.)
        for round in 0..300 {
            let doc = Document::from_str(&rng.string(&pieces, 200));
            let words = doc.vocabulary();
            let (occ, narrow) = (
                occurrences(&doc),
                Occurrences::with_width(&words.ids, &words.first, true),
            );
            // (A small document's are in four bytes: see `Lists::NARROW_FROM`.)
            assert!(matches!(occ.tokens, Lists::Wide(_)));
            assert!(matches!(narrow.tokens, Lists::Narrow(_)));
            let by_filter = |pick: &dyn Fn(u32) -> bool| -> Vec<u32> {
                (0..doc.tokens.len() as u32)
                    .filter(|&k| pick(words.ids[k as usize]))
                    .collect()
            };
            for id in 0..words.len() as u32 {
                let one: Vec<bool> = (0..words.len() as u32).map(|x| x == id).collect();
                for occ in [&occ, &narrow] {
                    assert_eq!(occ.of_words(&one), by_filter(&|x| x == id), "round {round}");
                }
            }
            let pick: Vec<bool> = (0..words.len()).map(|_| rng.below(3) == 0).collect();
            for occ in [&occ, &narrow] {
                assert!(occ.of_words(&[]).is_empty(), "round {round}");
                assert_eq!(
                    occ.of_words(&pick),
                    by_filter(&|x| pick[x as usize]),
                    "round {round}"
                );
            }
        }
    }

    /// Occurrences in three bytes and in four are the tokens a filter finds, on random
    /// ids of more than 65,536 tokens (each byte of a token's index in use).
    #[test]
    fn occurrences_in_three_bytes_are_those_in_four() {
        let mut rng = crate::testing::Rng::new(0x0cc_0024);
        for (forms, tokens) in [(1, 300), (50, 70_000), (3_000, 140_000)] {
            // (Each id's first token before those of the ids after it, as a vocabulary's.)
            let mut ids: Vec<u32> = (0..forms as u32).collect();
            ids.extend((forms..tokens).map(|_| rng.below(forms) as u32));
            let first: Vec<u32> = (0..forms as u32).collect();
            let narrow = Occurrences::with_width(&ids, &first, true);
            let wide = Occurrences::with_width(&ids, &first, false);
            for _ in 0..4 {
                let pick: Vec<bool> = (0..forms).map(|_| rng.below(4) == 0).collect();
                let id = rng.below(forms);
                let one: Vec<bool> = (0..forms).map(|x| x == id).collect();
                for pick in [pick, one] {
                    let expected: Vec<u32> = (0..tokens as u32)
                        .filter(|&k| pick[ids[k as usize] as usize])
                        .collect();
                    assert_eq!(narrow.of_words(&pick), expected);
                    assert_eq!(wide.of_words(&pick), expected);
                }
            }
        }
    }

    #[test]
    fn quoted_lists() {
        let none: [&str; 0] = [];
        assert_eq!(quote_list(&none), "");
        assert_eq!(quote_list(&["a"]), "« a »");
        assert_eq!(quote_list(&["a", "b"]), "« a » ou « b »");
        assert_eq!(quote_list(&["a", "b", "c"]), "« a », « b » ou « c »");
    }

    #[test]
    fn every_rule_is_documented_and_unique() {
        let mut ids = std::collections::HashSet::new();
        for m in all_metas() {
            assert!(ids.insert(m.id), "duplicate rule id {}", m.id);
            assert!(
                m.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                m.id
            );
            for (name, text) in [
                ("summary", m.summary),
                ("what", m.doc.what),
                ("why", m.doc.why),
                ("example", m.doc.example),
                ("instead", m.doc.instead),
            ] {
                assert!(text.trim().len() > 10, "rule {} has no {name}", m.id);
            }
        }
    }

    /// A compiled glossary from TOML.
    fn compiled(toml: &str) -> CompiledGlossary {
        CompiledGlossary::new(crate::glossary::parse("t.toml", toml).unwrap())
    }

    #[test]
    fn context_places_are_those_a_sort_gives() {
        let g = compiled(
            r#"
[glossary]
name = "t"
[[term]]
id = "training"
approved = ["entraînement"]
[[term.forbidden]]
term = "formation"
reason = "r"
when = ["IA", "modèle"]
unless = ["formation politique"]
scope = "paragraph"
"#,
        );
        let text = "Le modèle d'IA. La formation politique du modèle.\n\nUn modèle, l'IA, \
                    un modèle.\n\nIA IA. Rien ici. La formation du modèle d'IA.";
        let doc = Document::from_str(text);
        let all = g.find(&doc);
        // Every phrase asked, then each alone.
        let phrases = g.context_phrases.len();
        let mut asks = vec![vec![true; phrases]];
        asks.extend((0..phrases).map(|p| (0..phrases).map(|q| q == p).collect()));
        for asked in asks {
            places_are_those_a_sort_gives(&g, &doc, &all, &asked);
        }
        assert_eq!(
            context_places(&doc, &[], &[true; 3]),
            (Places::empty(), Places::empty())
        );
        assert_eq!(
            context_places(&doc, &all, &vec![false; phrases]),
            (Places::empty(), Places::empty())
        );
    }

    /// `context_places` of `asked` against a sort of the occurrences of those phrases.
    fn places_are_those_a_sort_gives(
        g: &CompiledGlossary,
        doc: &Document,
        all: &[Hit],
        asked: &[bool],
    ) {
        let (in_sentence, in_paragraph) = context_places(doc, all, asked);
        // What sorting every occurrence by (phrase, sentence or paragraph) gives.
        let (mut want_s, mut want_p) = (Vec::new(), Vec::new());
        for h in all {
            if let Target::Context { phrase } = h.target
                && asked[phrase as usize]
            {
                let s = doc.tokens[h.first()].sentence;
                want_s.push((phrase, s, h.span()));
                want_p.push((phrase, doc.sentences[s as usize].paragraph, h.span()));
            }
        }
        assert!(want_s.len() >= 8 || !asked.iter().all(|&a| a), "{want_s:?}");
        for (mut got, mut want) in [(in_sentence, want_s), (in_paragraph, want_p)] {
            assert!(got.places.is_sorted_by_key(|x| (x.0, x.1)), "{got:?}");
            // Look-ups in any order, forward and back, find what a filter finds.
            let keys = (0..g.context_phrases.len() as u32 + 1)
                .flat_map(|p| [(p, 0), (p, 3), (p, 1), (p, 1), (p, 9), (p, 2), (p, 4)]);
            for (p, k) in keys.clone().chain(keys.rev()) {
                let by_filter: Vec<_> = (got.places.iter())
                    .filter(|x| (x.0, x.1) == (p, k))
                    .copied()
                    .collect();
                assert_eq!(got.of(p, k), &by_filter[..], "phrase {p}, key {k}");
            }
            let mut got = got.places;
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn raw_hits_are_every_hit_in_order_whether_its_context_holds_or_not() {
        let g = compiled(
            r#"
[glossary]
name = "t"
[[term]]
id = "training"
approved = ["entraînement"]
[[term.forbidden]]
term = "formation"
reason = "r"
when = ["IA", "modèle"]
[[term]]
id = "mail"
approved = ["courriel"]
[[term.forbidden]]
term = "mail"
reason = "r"
"#,
        );
        let text = "Une formation, un mail. La formation du modèle, un mail, une formation. \
                    Un mail. Une formation sans rien. Le modèle d'IA et sa formation. Un mail. Une formation.";
        let doc = Document::from_str(text);
        let settings = RuleSettings::default();
        let cx = Context::new(&doc, &g, &settings);
        let want: Vec<Hit> = g
            .find(&doc)
            .into_iter()
            .filter(|h| !matches!(h.target, Target::Context { .. }))
            .collect();
        let raw: Vec<Hit> = cx.raw_hits().copied().collect();
        assert_eq!(raw, want);
        // Some were dropped (first, in the middle and last among them) and some kept.
        let dropped: Vec<usize> = cx.dropped.iter().map(|(i, _)| *i).collect();
        assert_eq!(dropped.first(), Some(&0), "{dropped:?}");
        assert_eq!(dropped.last(), Some(&(raw.len() - 1)), "{dropped:?}");
        assert!(dropped.len() >= 3 && cx.hits.len() + dropped.len() == raw.len());
        assert!(cx.hits.iter().all(|h| raw.contains(h)));
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(match_case("Formation", "entraînement"), "Entraînement");
        assert_eq!(match_case("formation", "entraînement"), "entraînement");
        assert_eq!(match_case("nvidia", "Nvidia"), "Nvidia");
    }

    /// The hits whose context holds, as `Context::new` finds them (the context phrases
    /// asked searched afterwards, in the sentences or paragraphs of the hits that ask), are
    /// those that every context phrase's occurrence gives (what it did before), on random
    /// texts.
    #[test]
    fn contexts_hold_as_with_every_occurrence_of_the_phrases() {
        let g = compiled(
            r#"
[glossary]
name = "t"
[[term]]
id = "training"
approved = ["entraînement"]
[[term.forbidden]]
term = "formation"
reason = "r"
when = ["IA", "modèle de langue"]
unless = ["formation politique", "école"]
[[term]]
id = "mail"
approved = ["courriel"]
[[term.forbidden]]
term = "mail"
reason = "r"
when = ["envoyer", "boîte aux lettres"]
scope = "paragraph"
[[term.forbidden]]
term = "poste"
reason = "r"
unless = ["poste de travail", "bureau"]
scope = "paragraph"
"#,
        );
        // The reference: every hit of the glossary, the context phrases' among them.
        let reference = |doc: &Document| -> (Vec<Hit>, Vec<usize>) {
            let (context, raw): (Vec<Hit>, Vec<Hit>) =
                (g.find(doc).into_iter()).partition(|h| matches!(h.target, Target::Context { .. }));
            let all = vec![true; g.context_phrases.len()];
            let (mut in_sentence, mut in_paragraph) = context_places(doc, &context, &all);
            let (mut kept, mut dropped) = (Vec::new(), Vec::new());
            for (at, hit) in raw.iter().enumerate() {
                let ctx = match hit.target {
                    Target::Forbidden { term, index } => g.variant_contexts.get(term, index),
                    Target::Expression { expr, .. } => &g.expression_contexts[expr as usize],
                    _ => {
                        kept.push(*hit);
                        continue;
                    }
                };
                let s = doc.tokens[hit.first()].sentence;
                let p = doc.sentences.get(s as usize).map_or(0, |x| x.paragraph);
                let mut near = |id: &u32, may_overlap: bool| {
                    let found = match ctx.scope {
                        Scope::Sentence => in_sentence.of(*id, s),
                        Scope::Paragraph => in_paragraph.of(*id, p),
                    };
                    found.iter().any(|(_, _, span)| {
                        !span.overlaps(&hit.span()) || (may_overlap && !hit.span().contains(span))
                    })
                };
                let holds = (ctx.when.is_empty() || ctx.when.iter().any(|id| near(id, false)))
                    && !ctx.unless.iter().any(|id| near(id, true));
                if holds {
                    kept.push(*hit);
                } else {
                    dropped.push(at);
                }
            }
            (kept, dropped)
        };
        let pieces = [
            " formation",
            " formations",
            " politique",
            " IA",
            " modèle",
            " modèles",
            " de",
            " langue",
            " école",
            " mail",
            " mails",
            " poste",
            " envoyer",
            " envoie",
            " boîte",
            " aux",
            " lettres",
            " travail",
            " bureau",
            " le",
            " la",
            ".",
            ",",
            "\n\n",
            "\n",
        ];
        let mut rng = crate::testing::Rng::new(0x686f_6c64);
        let settings = RuleSettings::default();
        let (mut kept, mut dropped) = (0, 0);
        for _ in 0..400 {
            let text = rng.string(&pieces, 150);
            let doc = Document::from_str(&text);
            let cx = Context::new(&doc, &g, &settings);
            let (want, want_dropped) = reference(&doc);
            assert_eq!(cx.hits, want, "{text:?}");
            let got: Vec<usize> = cx.dropped.iter().map(|(i, _)| *i).collect();
            assert_eq!(got, want_dropped, "{text:?}");
            kept += want.len();
            dropped += want_dropped.len();
        }
        assert!(kept > 2000 && dropped > 1000, "{kept} {dropped}");
    }
}
