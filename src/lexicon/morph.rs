/*! The morphology of the Grammalecte/Dicollecte French dictionary, read from its Hunspell
files. Spellbook checks spelling but does not expose morphology, so the `.dic` entries and
the `.aff` suffix rules are expanded here once: every form of a noun, adjective, participle
or function word gets its part of speech, gender and number (`po:nom is:fem is:sg`).
Conjugated verb forms other than participles are only remembered as a set of hashes: the
rules only need to know that a word *can* be a verb. */

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};

/// Parts of speech, as a bit set (an entry may be `po:ppas po:adj`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Pos(pub u16);

impl Pos {
    pub const NOUN: Pos = Pos(1);
    pub const ADJ: Pos = Pos(1 << 1);
    pub const PPAS: Pos = Pos(1 << 2);
    /// Any other verb form: infinitive, present participle, conjugated.
    pub const VERB: Pos = Pos(1 << 3);
    pub const ADV: Pos = Pos(1 << 4);
    pub const PREP: Pos = Pos(1 << 5);
    pub const DET: Pos = Pos(1 << 6);
    pub const PRON: Pos = Pos(1 << 7);
    /// Proper names, first names, place names.
    pub const NAME: Pos = Pos(1 << 8);
    /// Conjunctions, interjections, numerals, prefixes...
    pub const OTHER: Pos = Pos(1 << 9);

    pub fn has(self, p: Pos) -> bool {
        self.0 & p.0 != 0
    }
    fn add(&mut self, p: Pos) {
        self.0 |= p.0;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Masculine,
    Feminine,
    /// `is:epi`: both genders, or no gender given.
    Either,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Number {
    Singular,
    Plural,
    /// `is:inv`: both numbers, or no number given.
    Either,
}

impl Gender {
    pub fn accepts(self, other: Gender) -> bool {
        self == Gender::Either || other == Gender::Either || self == other
    }
}

impl Number {
    pub fn accepts(self, other: Number) -> bool {
        self == Number::Either || other == Number::Either || self == other
    }
}

/// One reading of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analysis {
    pub pos: Pos,
    pub gender: Gender,
    pub number: Number,
    /// The dictionary entry the form comes from (for its other forms).
    pub entry: u32,
}

#[derive(Debug)]
struct Entry {
    stem: &'static str,
    flags: &'static str,
    morph: &'static str,
}

#[derive(Debug)]
enum CondChar {
    Any,
    Char(char),
    Set { negated: bool, chars: Vec<char> },
}

impl CondChar {
    fn matches(&self, c: char) -> bool {
        match self {
            CondChar::Any => true,
            CondChar::Char(x) => *x == c,
            CondChar::Set { negated, chars } => chars.contains(&c) != *negated,
        }
    }
}

#[derive(Debug)]
struct Suffix {
    strip: &'static str,
    add: &'static str,
    cond: Vec<CondChar>,
    morph: &'static str,
}

impl Suffix {
    /// The form this rule makes of `stem`, when its condition holds.
    fn apply(&self, stem: &str) -> Option<String> {
        if !stem.ends_with(self.strip) {
            return None;
        }
        let mut chars = stem.chars().rev();
        for c in self.cond.iter().rev() {
            if !chars.next().is_some_and(|ch| c.matches(ch)) {
                return None;
            }
        }
        let mut s = String::with_capacity(stem.len() + self.add.len());
        s.push_str(&stem[..stem.len() - self.strip.len()]);
        s.push_str(self.add);
        Some(s)
    }
}

fn parse_cond(s: &str) -> Vec<CondChar> {
    let mut out = Vec::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '.' => out.push(CondChar::Any),
            '[' => {
                let negated = it.peek() == Some(&'^');
                if negated {
                    it.next();
                }
                let chars: Vec<char> = it.by_ref().take_while(|&c| c != ']').collect();
                out.push(CondChar::Set { negated, chars });
            }
            c => out.push(CondChar::Char(c)),
        }
    }
    out
}

/// Part of speech, gender and number from morphological fields.
fn read_morph(fields: &str, pos: &mut Pos, gender: &mut Option<Gender>, number: &mut Option<Number>) {
    for f in fields.split_whitespace() {
        if let Some(p) = f.strip_prefix("po:") {
            // Persons (`po:3sg`) and « mot grammatical » say nothing of the part of speech.
            let person = p.len() >= 3 && p.starts_with(|c: char| c.is_ascii_digit()) && (p.ends_with("sg") || p.ends_with("pl"));
            if person || p == "mg" {
                continue;
            }
            pos.add(match p {
                "nom" => Pos::NOUN,
                "adj" => Pos::ADJ,
                "ppas" => Pos::PPAS,
                "infi" | "ppre" | "ipre" | "iimp" | "ipsi" | "ifut" | "spre" | "simp" | "cond" | "impe" => Pos::VERB,
                p if p.starts_with('v') && p[1..].starts_with(|c: char| c.is_ascii_digit()) => Pos::VERB,
                "adv" | "negadv" | "advint" | "proadv" | "loc" => Pos::ADV,
                "prep" | "prepv" => Pos::PREP,
                "det" | "detpos" | "detdem" | "detind" | "detneg" => Pos::DET,
                "npr" | "patr" | "prn" | "titr" => Pos::NAME,
                "1pe" | "2pe" | "3pe" | "preverb" => Pos::PRON,
                p if p.starts_with("pro") => Pos::PRON,
                _ => Pos::OTHER,
            });
        } else if let Some(i) = f.strip_prefix("is:") {
            match i {
                "mas" => *gender = Some(Gender::Masculine),
                "fem" => *gender = Some(Gender::Feminine),
                "epi" => *gender = Some(Gender::Either),
                "sg" => *number = Some(Number::Singular),
                "pl" => *number = Some(Number::Plural),
                "inv" => *number = Some(Number::Either),
                _ => {}
            }
        }
    }
}

/// The reading of a form made by a rule whose fields are `rule_morph` from an entry whose
/// fields are `entry_morph`. A verb entry's rule names the form's own part of speech
/// (infinitive, participle...): the entry's `po:v1...` is not that of the form.
fn form_reading(entry_morph: &str, rule_morph: &str) -> (Pos, Option<Gender>, Option<Number>) {
    let mut pos = Pos::default();
    let (mut g, mut n) = (None, None);
    read_morph(entry_morph, &mut pos, &mut g, &mut n);
    let mut own = Pos::default();
    read_morph(rule_morph, &mut own, &mut g, &mut n);
    if pos.has(Pos::VERB) && own != Pos::default() {
        pos = own;
    } else {
        pos.add(own);
    }
    (pos, g, n)
}

/// A fast, fixed hasher for the set of verb forms (deterministic across runs).
#[derive(Default, Clone, Copy)]
struct Fnv;
struct FnvHasher(u64);
impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= *b as u64;
            self.0 = self.0.wrapping_mul(0x100000001b3);
        }
    }
}
impl BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf29ce484222325)
    }
}

fn hash_word(w: &str) -> u64 {
    Fnv.hash_one(w)
}

/// Word forms with their readings.
pub struct Morphology {
    entries: Vec<Entry>,
    suffixes: HashMap<&'static str, Vec<Suffix>>,
    /// Lower-case form → readings (verb forms other than participles excepted).
    forms: HashMap<Box<str>, Vec<Analysis>>,
    /// Hashes of the lower-case conjugated verb forms (infinitives, finite forms).
    verb_forms: HashSet<u64, Fnv>,
}

impl std::fmt::Debug for Morphology {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Morphology({} entries, {} forms)", self.entries.len(), self.forms.len())
    }
}

impl Morphology {
    /// Expands the dictionary `dic` with the suffix rules of `aff` (both 'static: the
    /// entries keep slices of them).
    pub fn new(aff: &'static str, dic: &'static str) -> Morphology {
        let mut suffixes: HashMap<&'static str, Vec<Suffix>> = HashMap::new();
        for line in aff.lines() {
            let mut p = line.split_whitespace();
            if p.next() != Some("SFX") {
                continue;
            }
            let (Some(flag), Some(strip), Some(add), Some(cond)) = (p.next(), p.next(), p.next(), p.next()) else {
                continue;
            };
            // The header line: `SFX flag Y count`.
            if matches!(strip, "Y" | "N") && add.parse::<usize>().is_ok() && cond.is_empty() {
                continue;
            }
            let add = add.split('/').next().unwrap_or("");
            // The morphological fields follow the condition.
            let morph = p.next().map_or("", |first| {
                let at = first.as_ptr() as usize - line.as_ptr() as usize;
                &line[at..]
            });
            suffixes.entry(flag).or_default().push(Suffix {
                strip: if strip == "0" { "" } else { strip },
                add: if add == "0" { "" } else { add },
                cond: parse_cond(cond),
                morph,
            });
        }
        let mut entries = Vec::new();
        let mut forms: HashMap<Box<str>, Vec<Analysis>> = HashMap::with_capacity(400_000);
        let mut verb_forms: HashSet<u64, Fnv> = HashSet::with_capacity_and_hasher(400_000, Fnv);
        for line in dic.lines().skip(1) {
            let line = line.trim_end();
            let Some(word) = line.split_whitespace().next() else { continue };
            let morph = line[word.len()..].trim_start();
            let (stem, flags) = match word.find('/') {
                Some(i) => (&word[..i], &word[i + 1..]),
                None => (word, ""),
            };
            let id = entries.len() as u32;
            entries.push(Entry { stem, flags, morph });
            let mut pos0 = Pos::default();
            let (mut g0, mut n0) = (None, None);
            read_morph(morph, &mut pos0, &mut g0, &mut n0);
            let mut record = |form: String, pos: Pos, g: Option<Gender>, n: Option<Number>| {
                let lower = crate::document::normalize_word(&form);
                if pos == Pos::VERB {
                    verb_forms.insert(hash_word(&lower));
                    return;
                }
                let a = Analysis {
                    pos,
                    gender: g.unwrap_or(Gender::Either),
                    number: n.unwrap_or(Number::Either),
                    entry: id,
                };
                let v = forms.entry(lower.into_boxed_str()).or_default();
                if !v.contains(&a) {
                    v.push(a);
                }
            };
            let mut any_suffix = false;
            for k in (0..flags.len()).step_by(2) {
                let Some(flag) = flags.get(k..k + 2) else { break };
                let Some(rules) = suffixes.get(flag) else { continue };
                any_suffix = true;
                for r in rules {
                    let Some(form) = r.apply(stem) else { continue };
                    let (pos, g, n) = form_reading(morph, r.morph);
                    record(form, pos, g, n);
                }
            }
            if !any_suffix && !flags.contains("()") {
                record(stem.to_string(), pos0, g0, n0);
            }
        }
        Morphology {
            entries,
            suffixes,
            forms,
            verb_forms,
        }
    }

    /// The readings of a lower-case, NFC word (conjugated verb forms are not among them:
    /// see `is_verb_form`).
    pub fn analyses(&self, word: &str) -> &[Analysis] {
        self.forms.get(word).map_or(&[], Vec::as_slice)
    }

    /// True when the lower-case word is an infinitive, a present participle or a
    /// conjugated verb form.
    pub fn is_verb_form(&self, word: &str) -> bool {
        self.verb_forms.contains(&hash_word(word))
    }

    /// The forms of `entry` with a reading of part of speech `pos` and the given gender
    /// and number (exactly, or `Either`).
    pub fn inflect(&self, entry: u32, pos: Pos, gender: Gender, number: Number) -> Vec<String> {
        let e = &self.entries[entry as usize];
        let mut out: Vec<String> = Vec::new();
        for k in (0..e.flags.len()).step_by(2) {
            let Some(rules) = e.flags.get(k..k + 2).and_then(|f| self.suffixes.get(f)) else { continue };
            for r in rules {
                let Some(form) = r.apply(e.stem) else { continue };
                let (p, g, n) = form_reading(e.morph, r.morph);
                let g = g.unwrap_or(Gender::Either);
                let n = n.unwrap_or(Number::Either);
                if p.has(pos) && gender.accepts(g) && number.accepts(n) && !out.contains(&form) {
                    out.push(form);
                }
            }
        }
        out
    }

    pub fn form_count(&self) -> usize {
        self.forms.len()
    }
}
