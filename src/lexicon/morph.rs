/*! The morphology of the Grammalecte/Dicollecte French dictionary, read from its Hunspell
files. Spellbook checks spelling but does not expose morphology, so the `.dic` entries and
the `.aff` suffix rules are expanded here once: every form of a noun, adjective, participle
or function word gets its part of speech, gender and number (`po:nom is:fem is:sg`).
Conjugated verb forms other than participles are only remembered when they are also
something else (« ferme », « porte »): the rules only need to know that such a word *can* be
a verb. */

/// Parts of speech, as a bit set (an entry may be `po:ppas po:adj`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Pos(pub u16);

impl Pos {
    pub const NOUN: Pos = Pos(1);
    pub const ADJ: Pos = Pos(1 << 1);
    pub const PPAS: Pos = Pos(1 << 2);
    /// Any other verb form: infinitive, conjugated.
    pub const VERB: Pos = Pos(1 << 3);
    pub const ADV: Pos = Pos(1 << 4);
    pub const PREP: Pos = Pos(1 << 5);
    pub const DET: Pos = Pos(1 << 6);
    pub const PRON: Pos = Pos(1 << 7);
    /// Proper names, first names, place names.
    pub const NAME: Pos = Pos(1 << 8);
    /// Conjunctions, interjections, numerals, prefixes...
    pub const OTHER: Pos = Pos(1 << 9);
    /// Present participle (« performant » of « performer »).
    pub const PPRE: Pos = Pos(1 << 10);
    /// Infinitive.
    pub const INFI: Pos = Pos(1 << 11);

    pub fn has(self, p: Pos) -> bool {
        self.0 & p.0 != 0
    }
    /// Only verb readings: infinitive, conjugated form or present participle.
    pub fn verbal(self) -> bool {
        self.0 != 0 && self.0 & !(Pos::VERB.0 | Pos::PPRE.0 | Pos::INFI.0) == 0
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

#[derive(Debug, Clone, Copy)]
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
    /// The reading the rule gives its form (`po:ppas is:fem is:sg`).
    reading: Reading,
    /// The flags the rule gives its form (after `/`).
    #[allow(dead_code)] // used by the build script
    cont: &'static str,
}

/// Part of speech, gender and number as the fields of an entry or a rule give them.
#[derive(Debug, Clone, Copy, Default)]
struct Reading {
    pos: Pos,
    gender: Option<Gender>,
    number: Option<Number>,
}

impl Reading {
    fn of(fields: &str) -> Reading {
        let mut r = Reading::default();
        read_morph(fields, &mut r.pos, &mut r.gender, &mut r.number);
        r
    }

    /// The reading of a form made by `rule` from an entry of this reading. A verb entry's
    /// rule names the form's own part of speech (infinitive, participle...): the entry's
    /// `po:v1...` is not that of the form.
    fn with_rule(self, rule: Reading) -> Reading {
        let pos = if self.pos.has(Pos::VERB) && rule.pos != Pos::default() {
            rule.pos
        } else {
            Pos(self.pos.0 | rule.pos.0)
        };
        Reading {
            pos,
            gender: rule.gender.or(self.gender),
            number: rule.number.or(self.number),
        }
    }
}

impl Suffix {
    /// The part of `stem` kept by this rule, when its condition holds: the form is that
    /// part followed by `add`.
    fn kept<'s>(&self, stem: &'s str) -> Option<&'s str> {
        if !stem.ends_with(self.strip) {
            return None;
        }
        let mut chars = stem.chars().rev();
        for c in self.cond.iter().rev() {
            if !chars.next().is_some_and(|ch| c.matches(ch)) {
                return None;
            }
        }
        Some(&stem[..stem.len() - self.strip.len()])
    }

    /// The form this rule makes of `stem`, when its condition holds.
    fn apply(&self, stem: &str) -> Option<String> {
        self.kept(stem).map(|k| format!("{k}{}", self.add))
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
fn read_morph(
    fields: &str,
    pos: &mut Pos,
    gender: &mut Option<Gender>,
    number: &mut Option<Number>,
) {
    for f in fields.split_whitespace() {
        if let Some(p) = f.strip_prefix("po:") {
            // Persons (`po:3sg`) and « mot grammatical » say nothing of the part of speech.
            let person = p.len() >= 3
                && p.starts_with(|c: char| c.is_ascii_digit())
                && (p.ends_with("sg") || p.ends_with("pl"));
            if person || p == "mg" {
                continue;
            }
            pos.add(match p {
                "nom" => Pos::NOUN,
                "adj" => Pos::ADJ,
                "ppas" => Pos::PPAS,
                "ppre" => Pos::PPRE,
                "infi" => Pos::INFI,
                "ipre" | "iimp" | "ipsi" | "ifut" | "spre" | "simp" | "cond" | "impe" => Pos::VERB,
                p if p.starts_with('v') && p[1..].starts_with(|c: char| c.is_ascii_digit()) => {
                    Pos::VERB
                }
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

type Fast = foldhash::fast::FixedState;

/// The place of a flag in a table indexed by flags. Flags are two ASCII characters
/// (`FLAG long`): such a table costs no hashing.
fn flag_slot(flag: &str) -> Option<usize> {
    match flag.as_bytes() {
        [a, b] => Some(((*a as usize) << 8) | *b as usize),
        _ => None,
    }
}

/// The forms, stored compactly: their text in one arena, their readings in one array,
/// a hash table of indices. (A `HashMap<String, Vec<Analysis>>` of the 200,000 forms took
/// 42 MB and twice the time to build.)
#[derive(Default)]
struct Forms {
    /// Every form, end to end.
    arena: String,
    /// Per form: (start in `arena`, end in `arena`).
    spans: Vec<(u32, u32)>,
    /// Per form: readings `readings[ranges[i].0..ranges[i].1]` once `freeze` has run.
    ranges: Vec<(u32, u32)>,
    readings: Vec<Analysis>,
    /// While building: (form, reading).
    pending: Vec<(u32, Analysis)>,
    table: hashbrown::HashTable<u32>,
}

fn hash(s: &str) -> u64 {
    use std::hash::BuildHasher;
    Fast::default().hash_one(s)
}

impl Forms {
    fn key(&self, i: u32) -> &str {
        let (s, e) = self.spans[i as usize];
        &self.arena[s as usize..e as usize]
    }

    fn find(&self, word: &str) -> Option<u32> {
        self.table
            .find(hash(word), |&i| self.key(i) == word)
            .copied()
    }

    /// The index of `form`, added when new.
    fn intern(&mut self, form: &str) -> u32 {
        let h = hash(form);
        if let Some(&i) = self.table.find(h, |&i| {
            let (s, e) = self.spans[i as usize];
            &self.arena[s as usize..e as usize] == form
        }) {
            return i;
        }
        let i = self.spans.len() as u32;
        let start = self.arena.len() as u32;
        self.arena.push_str(form);
        self.spans.push((start, self.arena.len() as u32));
        let (arena, spans) = (&self.arena, &self.spans);
        self.table.insert_unique(h, i, |&j| {
            let (s, e) = spans[j as usize];
            hash(&arena[s as usize..e as usize])
        });
        i
    }

    /// Groups the pending readings by form.
    fn freeze(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by_key(|&(f, _)| f);
        self.ranges = vec![(0, 0); self.spans.len()];
        self.readings = Vec::with_capacity(pending.len());
        let mut k = 0;
        while k < pending.len() {
            let f = pending[k].0;
            let start = self.readings.len() as u32;
            while k < pending.len() && pending[k].0 == f {
                let a = pending[k].1;
                if !self.readings[start as usize..].contains(&a) {
                    self.readings.push(a);
                }
                k += 1;
            }
            self.ranges[f as usize] = (start, self.readings.len() as u32);
        }
        self.pending = Vec::new();
    }

    fn get(&self, word: &str) -> &[Analysis] {
        match self.find(word) {
            Some(i) => {
                let (s, e) = self.ranges[i as usize];
                &self.readings[s as usize..e as usize]
            }
            None => &[],
        }
    }
}

/// A suffix rule of the affix file, with its flag; `None` for any other line (a rule
/// group's header among them).
fn parse_rule(line: &'static str) -> Option<(&'static str, Suffix)> {
    let mut p = line.split_whitespace();
    if p.next() != Some("SFX") {
        return None;
    }
    let (Some(flag), Some(strip), Some(add), Some(cond)) = (p.next(), p.next(), p.next(), p.next())
    else {
        return None;
    };
    // The header line: `SFX flag Y count`.
    if matches!(strip, "Y" | "N") && add.parse::<usize>().is_ok() && cond.is_empty() {
        return None;
    }
    let (add, cont) = add.split_once('/').unwrap_or((add, ""));
    // The morphological fields follow the condition.
    let morph = p.next().map_or("", |first| {
        let at = first.as_ptr() as usize - line.as_ptr() as usize;
        &line[at..]
    });
    Some((
        flag,
        Suffix {
            strip: if strip == "0" { "" } else { strip },
            add: if add == "0" { "" } else { add },
            cond: parse_cond(cond),
            reading: Reading::of(morph),
            cont,
        },
    ))
}

/// Where the first « \n » of `b` is: eight bytes at a time (the classic test for a zero
/// byte, on the bytes xor « \n »: exact for the lowest one), then byte by byte. (This
/// file is built into the build script too, which has no `memchr`.)
fn newline(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let (blocks, _) = b.as_chunks::<8>();
    for (k, block) in blocks.iter().enumerate() {
        let x = u64::from_le_bytes(*block) ^ (ONES * b'\n' as u64);
        let zero = x.wrapping_sub(ONES) & !x & (ONES << 7);
        if zero != 0 {
            return Some(8 * k + zero.trailing_zeros() as usize / 8);
        }
    }
    let k = 8 * blocks.len();
    b[k..].iter().position(|&c| c == b'\n').map(|p| k + p)
}

/// The lines of `text`, as `str::lines` gives them, each end found by `newline`:
/// `str::lines` searched for it character by character, 220 instructions a line of the
/// affix file (1.5 M instructions of each run that inflects a word, `Suffixes::new`).
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = text.get(at..).filter(|r| !r.is_empty())?;
        let Some(end) = newline(rest.as_bytes()) else {
            at = text.len();
            return Some(rest);
        };
        at += end + 1;
        let line = &rest[..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// The flag slot (`flag_slot`) of a line whose first word is `SFX`: its second word,
/// when that has two bytes. Nearly every line of the affix file is « SFX », a space, two
/// ASCII signs and a space: read as bytes; the others are cut into words
/// (`split_whitespace` decoded the first two words of every line).
fn sfx_flag(line: &str) -> Option<usize> {
    let blank = |c: &u8| matches!(c, b' ' | b'\t');
    if let [b'S', b'F', b'X', gap, a, b, rest @ ..] = line.as_bytes()
        && blank(gap)
        && a.is_ascii_graphic()
        && b.is_ascii_graphic()
        && rest.first().is_none_or(blank)
    {
        return flag_slot(&line[4..6]);
    }
    // (A line that starts with an ASCII sign other than « S » starts with another word.)
    if line
        .as_bytes()
        .first()
        .is_some_and(|c| c.is_ascii_graphic() && *c != b'S')
    {
        return None;
    }
    let mut p = line.split_whitespace();
    if p.next() != Some("SFX") {
        return None;
    }
    p.next().and_then(flag_slot)
}

/// The suffix rules of the affix file by flag, each flag's parsed the first time it is
/// asked for: expanding the dictionary (the build script) asks for them all, a run
/// (`inflect`) for a few, and parsing all 6,000 took 40 % of a run on a small file.
///
/// A flag keeps the span of the affix file from its first line to its last, not a list
/// of its lines, and flags are found by a binary search, not in a table of every slot:
/// a flag's lines follow each other in the file (its header, then its rules), and a run
/// asks for a flag only to inflect a word (`inflect`, for suggestions). The table of
/// 65,536 slots and the lists of 6,000 lines took 272 KB of the heap (massif), made by
/// the first inflection and kept to the end, below every block made after it; making
/// them took 1.54 M instructions, the spans 1.26 M.
struct Suffixes {
    aff: &'static str,
    /// Per flag, sorted by flag slot (see `flag_slot`): its slot, the span of `aff` from
    /// the start of its first line to the end of its last, and its rules once parsed.
    flags: Vec<(u16, u32, u32, std::sync::OnceLock<Vec<Suffix>>)>,
}

impl Suffixes {
    fn new(aff: &'static str) -> Suffixes {
        let mut flags: Vec<(u16, u32, u32, std::sync::OnceLock<Vec<Suffix>>)> = Vec::new();
        // The flag of the last line met, and its place in `flags`: nearly every line is
        // that of the line before.
        let mut last: Option<(usize, usize)> = None;
        for line in lines(aff) {
            let Some(slot) = sfx_flag(line) else {
                continue;
            };
            let start = line.as_ptr() as usize - aff.as_ptr() as usize;
            let end = (start + line.len()) as u32;
            let i = match last {
                Some((s, i)) if s == slot => i,
                _ => match flags.iter().position(|f| f.0 as usize == slot) {
                    Some(i) => i,
                    None => {
                        flags.push((slot as u16, start as u32, end, Default::default()));
                        flags.len() - 1
                    }
                },
            };
            flags[i].2 = end;
            last = Some((slot, i));
        }
        flags.sort_unstable_by_key(|f| f.0);
        Suffixes { aff, flags }
    }

    fn get(&self, flag: &str) -> Option<&[Suffix]> {
        let slot = flag_slot(flag)?;
        let i = self
            .flags
            .binary_search_by_key(&slot, |f| f.0 as usize)
            .ok()?;
        let (_, start, end, rules) = &self.flags[i];
        let rules = rules.get_or_init(|| {
            // The lines of other flags within the span, if any, are passed over.
            lines(&self.aff[*start as usize..*end as usize])
                .filter(|l| sfx_flag(l) == Some(slot))
                .filter_map(|l| parse_rule(l).map(|(_, r)| r))
                .collect()
        });
        (!rules.is_empty()).then_some(rules.as_slice())
    }
}

#[allow(dead_code)] // used by the build script and the tests
/// True when one of the two-character flags of `flags` is in `special`.
fn has_flag(flags: &str, special: &[&str]) -> bool {
    (0..flags.len())
        .step_by(2)
        .any(|k| flags.get(k..k + 2).is_some_and(|f| special.contains(&f)))
}

#[allow(dead_code)] // used by the build script and the tests
/// Every word the dictionary accepts as it stands, without a prefix, compounding or a
/// change of case: each entry (in its own case) and each form its suffix rules make,
/// conjugated verb forms included. Entries and forms that need another affix, are
/// forbidden or only live in compounds are left out, so every word of the list is one
/// that Hunspell accepts (a test checks it); the `spelling` rule asks Hunspell only about
/// the others. Sorted, without duplicates.
pub fn plain_words(aff: &'static str, dic: &'static str) -> Vec<String> {
    let suffixes = Suffixes::new(aff);
    // Flags that keep a word out of the list, and the flag of roots that are no word
    // without a suffix (most entries of this dictionary).
    let mut special: Vec<&str> = Vec::new();
    let mut need_affix: Vec<&str> = Vec::new();
    for line in aff.lines() {
        let mut p = line.split_whitespace();
        match (p.next(), p.next()) {
            (Some("NEEDAFFIX"), Some(flag)) => {
                need_affix.push(flag);
                special.push(flag);
            }
            (
                Some(
                    "FORBIDDENWORD" | "CIRCUMFIX" | "ONLYINCOMPOUND" | "COMPOUNDFLAG"
                    | "COMPOUNDBEGIN" | "COMPOUNDMIDDLE" | "COMPOUNDEND" | "WARN" | "SUBSTANDARD",
                ),
                Some(flag),
            ) => special.push(flag),
            _ => {}
        }
    }
    let others: Vec<&str> = special
        .iter()
        .copied()
        .filter(|f| !need_affix.contains(f))
        .collect();
    let mut out: Vec<String> = Vec::with_capacity(1 << 20);
    for line in dic.lines().skip(1) {
        let Some(word) = line.split_whitespace().next() else {
            continue;
        };
        let (stem, flags) = word.split_once('/').unwrap_or((word, ""));
        if stem.is_empty() {
            continue;
        }
        if has_flag(flags, &others) {
            continue;
        }
        if !has_flag(flags, &need_affix) {
            out.push(stem.to_string());
        }
        for k in (0..flags.len()).step_by(2) {
            let Some(rules) = flags.get(k..k + 2).and_then(|f| suffixes.get(f)) else {
                continue;
            };
            for rule in rules {
                if has_flag(rule.cont, &special) {
                    continue;
                }
                if let Some(kept) = rule.kept(stem) {
                    let form = format!("{kept}{}", rule.add);
                    if !form.is_empty() {
                        out.push(form);
                    }
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A set of words frozen into an image by the build script (`freeze_words`) and read in
/// place: an open-addressing table of indices (plus one), the end of each word, the words.
pub struct WordSet {
    table: &'static [u8],
    mask: usize,
    ends: &'static [u8],
    arena: &'static [u8],
}

const WORDS_MAGIC: u32 = 0x5344_5257; // "WRDS"

#[allow(dead_code)] // used by the build script and the tests
/// The infinitives of a dictionary: stems of its verb entries (`po:v…`) in lower case.
/// Sorted, without duplicates.
pub fn infinitives_of(dic: &str) -> Vec<String> {
    let mut out: Vec<String> = dic
        .lines()
        .skip(1)
        .filter(|l| l.contains(" po:v"))
        .filter_map(|l| l.split_whitespace().next())
        .map(|w| w.split('/').next().unwrap_or(w))
        .filter(|s| {
            (s.ends_with("er") || s.ends_with("ir") || s.ends_with("re"))
                && !s.chars().any(char::is_uppercase)
        })
        .map(str::to_string)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[allow(dead_code)] // used by the build script and the tests
/// The image of a set of words for `WordSet::new`.
pub fn freeze_words(words: &[String]) -> Vec<u8> {
    let size = (2 * words.len()).next_power_of_two().max(2);
    let mut table = vec![0u32; size];
    let mut ends = Vec::with_capacity(words.len());
    let mut arena: Vec<u8> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        arena.extend_from_slice(w.as_bytes());
        ends.push(arena.len() as u32);
        let mut slot = stable_hash(w.as_bytes()) as usize & (size - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (size - 1);
        }
        table[slot] = i as u32 + 1;
    }
    let head = [
        WORDS_MAGIC,
        words.len() as u32,
        size as u32,
        arena.len() as u32,
    ];
    let mut out: Vec<u8> = head
        .iter()
        .chain(&table)
        .chain(&ends)
        .flat_map(|w| w.to_le_bytes())
        .collect();
    out.extend_from_slice(&arena);
    out
}

impl WordSet {
    /// The set of an image made by `freeze_words`; `None` when it is not one.
    pub fn new(image: &'static [u8]) -> Option<WordSet> {
        if image.len() < 16 || le32(image, 0) != WORDS_MAGIC {
            return None;
        }
        let (n, size, na) = (
            le32(image, 1) as usize,
            le32(image, 2) as usize,
            le32(image, 3) as usize,
        );
        let (_, rest) = split_at(image, 16);
        let (table, rest) = split_at(rest, 4 * size);
        let (ends, arena) = split_at(rest, 4 * n);
        if arena.len() != na || !size.is_power_of_two() || ends.len() != 4 * n {
            return None;
        }
        Some(WordSet {
            table,
            mask: size - 1,
            ends,
            arena,
        })
    }

    pub fn len(&self) -> usize {
        self.ends.len() / 4
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `i`th word, in sorted order.
    pub fn word(&self, i: usize) -> &'static str {
        let start = if i == 0 {
            0
        } else {
            le32(self.ends, i - 1) as usize
        };
        std::str::from_utf8(&self.arena[start..le32(self.ends, i) as usize]).unwrap_or("")
    }

    pub fn contains(&self, word: &str) -> bool {
        let mut slot = stable_hash(word.as_bytes()) as usize & self.mask;
        loop {
            let v = le32(self.table, slot) as usize;
            if v == 0 {
                return false;
            }
            let i = v - 1;
            let start = if i == 0 {
                0
            } else {
                le32(self.ends, i - 1) as usize
            };
            if same_bytes(
                &self.arena[start..le32(self.ends, i) as usize],
                word.as_bytes(),
            ) {
                return true;
            }
            slot = (slot + 1) & self.mask;
        }
    }
}

/// A form's readings named by their place among `Morphology::all_readings`: the first
/// (24 bits) and their count (8 bits) in one `u32`, where a slice takes 16 bytes. For the
/// rules that keep the readings of many words (`agreement`'s per-word records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadingsAt(u32);

impl ReadingsAt {
    /// No reading.
    pub const NONE: ReadingsAt = ReadingsAt(0);

    /// The place of `readings` among `all`, of which it is a slice (as `analyses` gives);
    /// `None` when it is not one, or lies beyond what a `ReadingsAt` can name.
    pub fn of(all: &[Analysis], readings: &[Analysis]) -> Option<ReadingsAt> {
        if readings.is_empty() {
            return Some(ReadingsAt::NONE);
        }
        let size = std::mem::size_of::<Analysis>();
        let offset = (readings.as_ptr() as usize).wrapping_sub(all.as_ptr() as usize);
        let (start, n) = (offset / size, readings.len());
        (offset.is_multiple_of(size) && start + n <= all.len() && start < 1 << 24 && n < 256)
            .then_some(ReadingsAt(start as u32 | (n as u32) << 24))
    }

    /// The readings among `all` (the `all` given to `of`).
    #[inline]
    pub fn get(self, all: &[Analysis]) -> &[Analysis] {
        let (start, n) = ((self.0 & 0xff_ffff) as usize, (self.0 >> 24) as usize);
        all.get(start..start + n).unwrap_or(&[])
    }
}

/// Word forms with their readings.
pub struct Morphology {
    dic: &'static str,
    aff: &'static str,
    entries: Entries,
    /// Indexed on first use, each flag's rules parsed on first use: only `inflect` needs
    /// them once the forms are built.
    suffixes: std::sync::OnceLock<Suffixes>,
    /// Lower-case form → readings. Conjugated verb forms (infinitives, finite forms,
    /// present participles) are there only when the form has another reading too.
    forms: Store,
}

/// The dictionary entries: slices of the `.dic` text.
enum Entries {
    Built(Vec<Entry>),
    /// Six little-endian `u32` per entry: offset and length of stem, flags and fields.
    Frozen(&'static [u8]),
}

/// The forms: expanded in this process, or read from their frozen image.
enum Store {
    Built(Forms),
    Frozen(Frozen),
}

impl std::fmt::Debug for Morphology {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Morphology({} entries, {} forms)",
            self.entry_count(),
            self.form_count()
        )
    }
}

/// A hash that is the same on every machine and in every build (the frozen tables are
/// made by the build script and read by the program): FNV-1a. (`WordSet`'s.)
fn stable_hash(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The bytes of `b` (at most 8) as a little-endian number, zero-padded, read in at most
/// two overlapping loads: no loop over the bytes and no call to `memcpy`.
#[inline]
pub fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    match n {
        0 => 0,
        1 => b[0] as u64,
        // The two loads overlap on the same bytes, so OR-ing them is exact.
        2..=3 => {
            let lo = u16::from_le_bytes([b[0], b[1]]) as u64;
            let hi = u16::from_le_bytes([b[n - 2], b[n - 1]]) as u64;
            lo | hi << ((n - 2) * 8)
        }
        4..=7 => {
            let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
            let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
            lo | hi << ((n - 4) * 8)
        }
        _ => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
    }
}

/// `a == b`, without a call to `memcmp` when they are short: hash tables compare the word
/// looked up with the key of a matching slot, nearly always a short word, and the call cost
/// more than the comparison.
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() > 16 {
        return a == b;
    }
    let k = a.len().min(8);
    load_le(&a[..k]) == load_le(&b[..k]) && load_le(&a[k..]) == load_le(&b[k..])
}

/// The hash of a form in the frozen morphology: eight bytes at a time (FNV-1a's byte
/// after byte multiplications were a long chain of dependent multiplications per word),
/// then a final mix, since the low bits pick the slot. Stable like `stable_hash`.
fn slot_hash(w: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (w.len() as u64).wrapping_mul(K) ^ 0x2545_f491_4f6c_dd1d;
    for chunk in w.chunks(8) {
        h = (h ^ load_le(chunk)).wrapping_mul(K);
        h ^= h >> 32;
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

const FROZEN_MAGIC: u32 = 0x3252_5046; // "FPR2": 16-byte slots with inline keys

const fn le32(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]])
}

/// Bytes per slot of the frozen table.
const SLOT: usize = 16;
/// Forms of at most this many bytes (96 % of the words of a text) are stored whole in
/// their slot.
const INLINE: usize = 11;

/// What a slot of the frozen table must hold for a word to be its form: the bits of the
/// slot to compare (`mask`) and their value (`want`). See `Frozen` for the layout. A form
/// stored inline is recognised by this comparison alone; a longer one by its length and
/// first seven bytes, then its bytes in the arena.
fn slot_pattern(w: &[u8]) -> (u128, u128) {
    let len = w.len() as u128;
    let lo = load_le(&w[..w.len().min(8)]) as u128;
    if w.len() <= INLINE {
        let hi = load_le(&w[w.len().min(8)..]) as u128;
        (0xff | !0u128 << 40, len | (lo | hi << 64) << 40)
    } else {
        (
            0xff | !0u128 << 72,
            len | (lo & 0x00ff_ffff_ffff_ffff) << 72,
        )
    }
}

/// The forms of a `Morphology` in an image made once by the build script (`build.rs`) and
/// compiled into the binary: nothing to expand at run time. A header of little-endian
/// `u32`, an open-addressing table of 16-byte slots, the readings, the entries, then the
/// arena of the forms too long to be stored in their slot.
///
/// A slot (a little-endian `u128`) holds, from the low bits: the form's length in bytes
/// (8 bits; 0 for an empty slot), its number of readings (8 bits), the index of its first
/// reading (24 bits), then 88 bits: the form itself, zero-padded, when it has at most
/// `INLINE` bytes; else its offset in the arena (32 bits) and its first seven bytes. So
/// looking up a word reads one slot (seldom two: the table is less than half full) and
/// its readings, with no comparison of bytes elsewhere for most words. (The former table
/// of indices led to the form's end, the arena and the readings' range: four dependent
/// cache misses and a `memcmp` per look-up, most of the time of `agreement`.)
struct Frozen {
    table: &'static [u8],
    mask: usize,
    arena: &'static [u8],
    /// In place in the binary (`readings_of`), or decoded from the image.
    readings: std::borrow::Cow<'static, [Analysis]>,
    forms: usize,
}

impl Frozen {
    fn slot(&self, i: usize) -> u128 {
        let s = &self.table[SLOT * i..SLOT * i + SLOT];
        u128::from_le_bytes(s.try_into().expect("16 bytes"))
    }

    fn get(&self, word: &str) -> &[Analysis] {
        let w = word.as_bytes();
        if w.is_empty() || w.len() > 255 {
            return &[];
        }
        let i = slot_hash(w) as usize & self.mask;
        self.probe(w, i, self.slot(i))
    }

    /// The readings of each of `words` (`get`), pushed onto `out`, looked up side by side:
    /// the first slot of every word of a group is read before any is probed, then the
    /// first reading of each is read. A word's slot is a cache miss (the table's 8 MB are
    /// read from the binary's pages at random: nine in ten of `get`'s samples were that
    /// load), and one look-up after another waited for each miss in turn; loads that do
    /// not depend on each other are in flight together. (Groups of 32: of 16, the
    /// look-ups of the man pages' new words took 0.2 ms more.)
    fn get_many<'s>(&'s self, words: &[&str], out: &mut Vec<&'s [Analysis]>) {
        const GROUP: usize = 32;
        for group in words.chunks(GROUP) {
            // The words' slots first, then their loads in a loop of their own: with the
            // hashing between them, the loads of a group stood some 40 instructions apart,
            // and the processor's window held only a few of them in flight at once.
            // (`usize::MAX` for a word that cannot be a form: an empty slot, which `probe`
            // finds nothing in.)
            let mut slots = [usize::MAX; GROUP];
            for (i, w) in slots.iter_mut().zip(group) {
                let w = w.as_bytes();
                if !w.is_empty() && w.len() <= 255 {
                    *i = slot_hash(w) as usize & self.mask;
                }
            }
            let mut first = [(0usize, 0u128); GROUP];
            for (f, &i) in first.iter_mut().zip(&slots[..group.len()]) {
                if i != usize::MAX {
                    *f = (i, self.slot(i));
                }
            }
            let start = out.len();
            for (&(i, s), w) in first.iter().zip(group) {
                out.push(self.probe(w.as_bytes(), i, s));
            }
            // The first reading of each word, read now for the same reason (the caller
            // reads them one word at a time, with work between).
            let seen = out[start..]
                .iter()
                .fold(0u16, |m, r| m | r.first().map_or(0, |a| a.pos.0));
            std::hint::black_box(seen);
        }
    }

    /// The readings of `w`, looked up from slot `i`, whose value `s` is at hand.
    #[inline]
    fn probe(&self, w: &[u8], mut i: usize, mut s: u128) -> &[Analysis] {
        let (mask, want) = slot_pattern(w);
        loop {
            if s as u8 == 0 {
                return &[];
            }
            if s & mask == want
                && (w.len() <= INLINE || {
                    let at = (s >> 40) as u32 as usize;
                    self.arena
                        .get(at..at + w.len())
                        .is_some_and(|k| same_bytes(k, w))
                })
            {
                let (start, count) = ((s >> 16) as usize & 0xff_ffff, (s >> 8) as u8 as usize);
                return self.readings.get(start..start + count).unwrap_or(&[]);
            }
            i = (i + 1) & self.mask;
            s = self.slot(i);
        }
    }
}

/// Reading `k` of the readings' part of a frozen image (8 bytes a reading: part of
/// speech, gender, number, entry; see `Morphology::freeze_image`). A `const fn`, for
/// `readings_of`.
const fn reading_at(readings: &[u8], k: usize) -> Analysis {
    let c = 8 * k;
    Analysis {
        pos: Pos(u16::from_le_bytes([readings[c], readings[c + 1]])),
        gender: match readings[c + 2] {
            0 => Gender::Masculine,
            1 => Gender::Feminine,
            _ => Gender::Either,
        },
        number: match readings[c + 3] {
            0 => Number::Singular,
            1 => Number::Plural,
            _ => Number::Either,
        },
        entry: u32::from_le_bytes([
            readings[c + 4],
            readings[c + 5],
            readings[c + 6],
            readings[c + 7],
        ]),
    }
}

/// The number of readings of the frozen image `image` (0 when it is not one): the length
/// of `readings_of`'s array.
pub const fn reading_count(image: &[u8]) -> usize {
    if image.len() < 24 || le32(image, 0) != FROZEN_MAGIC {
        return 0;
    }
    le32(image, 3) as usize
}

/// The readings of the frozen image `image`, decoded at compile time into a `static`
/// (`crate::lexicon::morphology`) that the program reads in place: decoded at run time,
/// the 211,757 readings cost about 0.5 ms a run (a `match` per byte), and their 1.7 MB
/// were fresh pages the kernel zeroed. `N` is `reading_count(image)`.
pub const fn readings_of<const N: usize>(image: &[u8]) -> [Analysis; N] {
    let none = Analysis {
        pos: Pos(0),
        gender: Gender::Either,
        number: Number::Either,
        entry: 0,
    };
    let mut out = [none; N];
    if N == 0 {
        return out;
    }
    // (The header, then the table of slots, then the readings.)
    let size = le32(image, 2) as usize;
    let start = 24 + SLOT * size;
    let (_, readings) = image.split_at(start);
    let mut k = 0;
    while k < N {
        out[k] = reading_at(readings, k);
        k += 1;
    }
    out
}

fn split_at(b: &'static [u8], n: usize) -> (&'static [u8], &'static [u8]) {
    b.split_at(n.min(b.len()))
}

impl Morphology {
    /// The frozen image of this morphology's forms and entries (see `Frozen`), for
    /// `Morphology::frozen`. Only for a morphology built by `new`.
    pub fn freeze_image(&self) -> Vec<u8> {
        let (Store::Built(forms), Entries::Built(entries)) = (&self.forms, &self.entries) else {
            panic!("only a built morphology is frozen");
        };
        let n = forms.spans.len();
        let size = (2 * n).next_power_of_two().max(2);
        let mut table = vec![0u128; size];
        let mut arena: Vec<u8> = Vec::new();
        for i in 0..n {
            let key = forms.key(i as u32).as_bytes();
            let (start, end) = forms.ranges[i];
            assert!(
                (1..=255).contains(&key.len()) && end - start <= 255 && end < 1 << 24,
                "a form the frozen table cannot hold: {key:?}"
            );
            let (_, mut slot) = slot_pattern(key);
            if key.len() > INLINE {
                slot |= (arena.len() as u128) << 40;
                arena.extend_from_slice(key);
            }
            slot |= ((end - start) as u128) << 8 | (start as u128) << 16;
            let mut at = slot_hash(key) as usize & (size - 1);
            while table[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            table[at] = slot;
        }
        let base = self.dic.as_ptr() as usize;
        let off = |s: &str| match s.len() {
            0 => [0, 0],
            len => [(s.as_ptr() as usize - base) as u32, len as u32],
        };
        let mut out: Vec<u32> = vec![
            FROZEN_MAGIC,
            n as u32,
            size as u32,
            forms.readings.len() as u32,
            entries.len() as u32,
            arena.len() as u32,
        ];
        for a in &forms.readings {
            let g = match a.gender {
                Gender::Masculine => 0,
                Gender::Feminine => 1,
                Gender::Either => 2,
            };
            let nb = match a.number {
                Number::Singular => 0,
                Number::Plural => 1,
                Number::Either => 2,
            };
            out.extend_from_slice(&[a.pos.0 as u32 | g << 16 | nb << 24, a.entry]);
        }
        for e in entries {
            out.extend_from_slice(&off(e.stem));
            out.extend_from_slice(&off(e.flags));
            out.extend_from_slice(&off(e.morph));
        }
        let head = 6 * 4;
        let mut bytes: Vec<u8> = Vec::with_capacity(head + SLOT * size + 4 * out.len());
        bytes.extend(out[..6].iter().flat_map(|w| w.to_le_bytes()));
        bytes.extend(table.iter().flat_map(|s| s.to_le_bytes()));
        bytes.extend(out[6..].iter().flat_map(|w| w.to_le_bytes()));
        bytes.extend_from_slice(&arena);
        bytes
    }

    /// The morphology of `aff` and `dic` read from the image `freeze_image` made of them
    /// (by the build script): a few table look-ups instead of expanding 86,000 entries.
    /// `None` when the image is not one.
    pub fn frozen(
        aff: &'static str,
        dic: &'static str,
        image: &'static [u8],
    ) -> Option<Morphology> {
        Morphology::frozen_with(aff, dic, image, None)
    }

    /// `frozen`, with the image's readings already decoded (`readings_of`, at compile
    /// time): read in place, not decoded on every run. `None` when they are not as many as
    /// the image's.
    pub fn frozen_with(
        aff: &'static str,
        dic: &'static str,
        image: &'static [u8],
        readings_in_place: Option<&'static [Analysis]>,
    ) -> Option<Morphology> {
        if image.len() < 24 || le32(image, 0) != FROZEN_MAGIC {
            return None;
        }
        let h = |i| le32(image, i) as usize;
        let (n, size, nr, ne, na) = (h(1), h(2), h(3), h(4), h(5));
        let (_, rest) = split_at(image, 24);
        let (table, rest) = split_at(rest, SLOT * size);
        let (readings, rest) = split_at(rest, 8 * nr);
        let (entries, arena) = split_at(rest, 24 * ne);
        if arena.len() != na
            || !size.is_power_of_two()
            || table.len() != SLOT * size
            || readings.len() != 8 * nr
        {
            return None;
        }
        let readings = match readings_in_place {
            Some(r) if r.len() == nr => std::borrow::Cow::Borrowed(r),
            Some(_) => return None,
            None => std::borrow::Cow::Owned(
                (0..nr).map(|k| reading_at(readings, k)).collect::<Vec<_>>(),
            ),
        };
        Some(Morphology {
            dic,
            aff,
            entries: Entries::Frozen(entries),
            suffixes: std::sync::OnceLock::new(),
            forms: Store::Frozen(Frozen {
                table,
                mask: size - 1,
                arena,
                readings,
                forms: n,
            }),
        })
    }

    fn entry(&self, i: u32) -> Entry {
        match &self.entries {
            Entries::Built(v) => v[i as usize],
            Entries::Frozen(b) => {
                let i = i as usize * 6;
                let s = |k: usize| {
                    let at = le32(b, i + k) as usize;
                    &self.dic[at..at + le32(b, i + k + 1) as usize]
                };
                Entry {
                    stem: s(0),
                    flags: s(2),
                    morph: s(4),
                }
            }
        }
    }

    fn entry_count(&self) -> usize {
        match &self.entries {
            Entries::Built(v) => v.len(),
            Entries::Frozen(b) => b.len() / 24,
        }
    }

    fn suffixes(&self) -> &Suffixes {
        self.suffixes.get_or_init(|| Suffixes::new(self.aff))
    }

    /// Expands the dictionary `dic` with the suffix rules of `aff` (both 'static: the
    /// entries keep slices of them).
    pub fn new(aff: &'static str, dic: &'static str) -> Morphology {
        let suffixes = Suffixes::new(aff);
        let mut entries = Vec::with_capacity(90_000);
        let mut forms = Forms {
            arena: String::with_capacity(2_500_000),
            spans: Vec::with_capacity(210_000),
            pending: Vec::with_capacity(260_000),
            table: hashbrown::HashTable::with_capacity(210_000),
            ..Forms::default()
        };
        let add_form = |forms: &mut Forms, form: &str, r: Reading, entry: u32| {
            let a = Analysis {
                pos: r.pos,
                gender: r.gender.unwrap_or(Gender::Either),
                number: r.number.unwrap_or(Number::Either),
                entry,
            };
            // The dictionary is in NFC; only names need lower-casing.
            let i = if form.chars().any(char::is_uppercase) {
                forms.intern(&form.to_lowercase())
            } else {
                forms.intern(form)
            };
            forms.pending.push((i, a));
        };
        let mut buf = String::new();
        let mut verbs: Vec<u32> = Vec::new();
        for line in dic.lines().skip(1) {
            let line = line.trim_end();
            let Some(word) = line.split_whitespace().next() else {
                continue;
            };
            let morph = line[word.len()..].trim_start();
            let (stem, flags) = match word.find('/') {
                Some(i) => (&word[..i], &word[i + 1..]),
                None => (word, ""),
            };
            let id = entries.len() as u32;
            entries.push(Entry { stem, flags, morph });
            let reading = Reading::of(morph);
            let lower_stem = !stem.chars().any(char::is_uppercase);
            let mut any_suffix = false;
            for k in (0..flags.len()).step_by(2) {
                let Some(flag) = flags.get(k..k + 2) else {
                    break;
                };
                let Some(rules) = suffixes.get(flag) else {
                    continue;
                };
                any_suffix = true;
                for rule in rules {
                    let r = reading.with_rule(rule.reading);
                    if r.pos.verbal() && lower_stem {
                        if verbs.last() != Some(&id) {
                            verbs.push(id);
                        }
                        continue;
                    }
                    let Some(kept) = rule.kept(stem) else {
                        continue;
                    };
                    buf.clear();
                    buf.push_str(kept);
                    buf.push_str(rule.add);
                    add_form(&mut forms, &buf, r, id);
                }
            }
            if !any_suffix && !flags.contains("()") {
                add_form(&mut forms, stem, reading, id);
            }
        }
        // Conjugated forms that are also nouns, adjectives... (« ferme », « porte »).
        for &id in &verbs {
            let e: &Entry = &entries[id as usize];
            let reading = Reading::of(e.morph);
            for k in (0..e.flags.len()).step_by(2) {
                let Some(rules) = e.flags.get(k..k + 2).and_then(|f| suffixes.get(f)) else {
                    continue;
                };
                for rule in rules {
                    let r = reading.with_rule(rule.reading);
                    if !r.pos.verbal() {
                        continue;
                    }
                    let Some(kept) = rule.kept(e.stem) else {
                        continue;
                    };
                    buf.clear();
                    buf.push_str(kept);
                    buf.push_str(rule.add);
                    if let Some(i) = forms.find(&buf) {
                        let a = Analysis {
                            pos: r.pos,
                            gender: Gender::Either,
                            number: Number::Either,
                            entry: id,
                        };
                        forms.pending.push((i, a));
                    }
                }
            }
        }
        forms.freeze();
        Morphology {
            dic,
            aff,
            entries: Entries::Built(entries),
            suffixes: std::sync::OnceLock::new(),
            forms: Store::Built(forms),
        }
    }

    /// The readings of a lower-case, NFC word (a form that is only a conjugated verb form
    /// has none).
    pub fn analyses(&self, word: &str) -> &[Analysis] {
        match &self.forms {
            Store::Built(f) => f.get(word),
            Store::Frozen(f) => f.get(word),
        }
    }

    /// The readings of each of `words` (`analyses`), pushed onto `out`: for many words at
    /// once, faster than one after the other (see `Frozen::get_many`).
    pub fn analyses_of<'s>(&'s self, words: &[&str], out: &mut Vec<&'s [Analysis]>) {
        match &self.forms {
            Store::Built(f) => out.extend(words.iter().map(|w| f.get(w))),
            Store::Frozen(f) => f.get_many(words, out),
        }
    }

    /// True when the lower-case word, which has other readings, is also an infinitive, a
    /// present participle or a conjugated verb form (« ferme », « porte »).
    pub fn is_verb_form(&self, word: &str) -> bool {
        self.analyses(word).iter().any(|a| a.pos.verbal())
    }

    /// The forms of `entry` with a reading of part of speech `pos` and the given gender
    /// and number (exactly, or `Either`).
    pub fn inflect(&self, entry: u32, pos: Pos, gender: Gender, number: Number) -> Vec<String> {
        let e = self.entry(entry);
        let reading = Reading::of(e.morph);
        let mut out: Vec<String> = Vec::new();
        for k in (0..e.flags.len()).step_by(2) {
            let Some(rules) = e.flags.get(k..k + 2).and_then(|f| self.suffixes().get(f)) else {
                continue;
            };
            for rule in rules {
                let Some(form) = rule.apply(e.stem) else {
                    continue;
                };
                let r = reading.with_rule(rule.reading);
                let g = r.gender.unwrap_or(Gender::Either);
                let n = r.number.unwrap_or(Number::Either);
                if r.pos.has(pos) && gender.accepts(g) && number.accepts(n) && !out.contains(&form)
                {
                    out.push(form);
                }
            }
        }
        out
    }

    /// Every form (of a morphology built by `new`; none for a frozen one).
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        let n = match &self.forms {
            Store::Built(f) => f.spans.len(),
            Store::Frozen(_) => 0,
        };
        (0..n as u32).map(move |i| match &self.forms {
            Store::Built(f) => f.key(i),
            Store::Frozen(_) => unreachable!(),
        })
    }

    /// Every reading of the forms, of which `analyses` gives slices: a form's readings
    /// can be named by their place among them (`ReadingsAt`).
    pub fn all_readings(&self) -> &[Analysis] {
        match &self.forms {
            Store::Built(f) => &f.readings,
            Store::Frozen(f) => &f.readings,
        }
    }

    /// Every reading of a frozen morphology, in the image's order (none for one built by
    /// `new`).
    #[cfg(test)]
    pub fn frozen_readings(&self) -> &[Analysis] {
        match &self.forms {
            Store::Built(_) => &[],
            Store::Frozen(f) => &f.readings,
        }
    }

    pub fn form_count(&self) -> usize {
        match &self.forms {
            Store::Built(f) => f.spans.len(),
            Store::Frozen(f) => f.forms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form's readings, named by their place (`ReadingsAt`), are the very slice
    /// `analyses` gives, in the frozen and the built morphology; a slice from elsewhere has
    /// no place.
    #[test]
    fn readings_named_by_their_place_are_the_forms_own() {
        let (aff, dic) = (crate::lexicon::AFF, crate::lexicon::DIC);
        let built = Morphology::new(aff, dic);
        let frozen = crate::lexicon::morphology();
        let mut many = 0;
        for m in [&built, frozen] {
            let all = m.all_readings();
            for word in built.forms() {
                let r = m.analyses(word);
                let at = ReadingsAt::of(all, r).expect("a slice of the readings");
                assert!(std::ptr::eq(at.get(all), r) || r.is_empty(), "{word}");
                assert_eq!(at.get(all), r, "{word}");
                many += usize::from(r.len() > 1);
            }
            assert_eq!(ReadingsAt::NONE.get(all), &[][..]);
            assert_eq!(ReadingsAt::of(all, &[]), Some(ReadingsAt::NONE));
            let elsewhere = [all[0], all[1]];
            assert_eq!(ReadingsAt::of(all, &elsewhere), None);
            assert_eq!(ReadingsAt::of(&all[1..], &all[..1]), None);
        }
        assert!(many > 10_000, "{many}");
    }

    #[test]
    fn suffixes_parsed_flag_by_flag_are_those_parsed_at_once() {
        let aff = crate::lexicon::AFF;
        // Every rule of the file, in order, grouped by flag.
        let mut all: std::collections::HashMap<&str, Vec<Suffix>> = Default::default();
        for (flag, rule) in aff.lines().filter_map(parse_rule) {
            all.entry(flag).or_default().push(rule);
        }
        let by_flag = Suffixes::new(aff);
        let mut flags = 0;
        for slot in 0..1usize << 16 {
            let bytes = [(slot >> 8) as u8, slot as u8];
            let Ok(flag) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let a = all.get(flag).map(Vec::as_slice);
            assert_eq!(
                format!("{a:?}"),
                format!("{:?}", by_flag.get(flag)),
                "{flag}"
            );
            flags += a.is_some() as usize;
        }
        assert!(flags > 100, "{flags} flags");
    }

    /// Flags whose lines are interleaved with other flags' and other lines (the span a
    /// flag keeps then holds lines of others) give the rules parsed at once: random
    /// affix texts of rules of a few flags, headers and other lines, in random order,
    /// with `\n` and `\r\n` line ends.
    #[test]
    fn suffixes_of_interleaved_flags_are_those_parsed_at_once() {
        let mut rng = crate::testing::Rng::new(0x5AFF_17E5);
        let flags = ["AA", "Ab", "zz", "é", "A", "ABC"];
        let ends = ["e", "es", "ent", "0", "s/AA"];
        for _ in 0..300 {
            let mut aff = String::new();
            for _ in 0..rng.below(40) {
                let flag = flags[rng.below(flags.len())];
                let line = match rng.below(5) {
                    0 => format!("SFX {flag} Y {}", rng.below(9)),
                    1 => "PFX AA Y 1".to_string(),
                    2 => format!("# SFX {flag}"),
                    _ => format!(
                        "SFX {flag} {} {} .",
                        ends[rng.below(ends.len())],
                        ends[rng.below(ends.len())]
                    ),
                };
                aff += &line;
                aff += if rng.below(4) == 0 { "\r\n" } else { "\n" };
            }
            let aff: &'static str = Box::leak(aff.into_boxed_str());
            let mut all: std::collections::HashMap<&str, Vec<Suffix>> = Default::default();
            for (flag, rule) in aff.lines().filter_map(parse_rule) {
                all.entry(flag).or_default().push(rule);
            }
            let by_flag = Suffixes::new(aff);
            // Flags of other than two bytes are no flag slot: the rules of none.
            for flag in flags.into_iter().filter(|f| f.len() == 2) {
                assert_eq!(
                    format!("{:?}", all.get(flag).map(Vec::as_slice)),
                    format!("{:?}", by_flag.get(flag)),
                    "{flag} in {aff:?}"
                );
            }
        }
    }

    /// `lines` and `sfx_flag` give what `str::lines` and cutting the line into words gave,
    /// on the affix file and on random texts of blanks, line ends and signs.
    #[test]
    fn affix_lines_and_flags_are_those_of_str_lines() {
        let by_words = |line: &str| {
            let mut p = line.split_whitespace();
            if p.next() != Some("SFX") {
                return None;
            }
            p.next().and_then(flag_slot)
        };
        let aff = crate::lexicon::AFF;
        assert!(lines(aff).eq(aff.lines()));
        let mut flags = 0;
        for line in aff.lines() {
            assert_eq!(sfx_flag(line), by_words(line), "{line:?}");
            flags += sfx_flag(line).is_some() as usize;
        }
        assert!(flags > 5000, "{flags}");
        let pieces = [
            "SFX", "SF", "S", "X", " ", "\t", "\n", "\r", "\r\n", "ab", "a", "é", "\u{a0}",
            "\u{b}", "0", "/", "Y",
        ];
        let mut rng = crate::testing::Rng::new(0xaff1_11e5);
        let (mut fast, mut found) = (0, 0);
        for _ in 0..50_000 {
            let text: &'static str = rng.string(&pieces, 12).leak();
            assert!(lines(text).eq(text.lines()), "{text:?}");
            for line in text.lines() {
                assert_eq!(sfx_flag(line), by_words(line), "{line:?}");
                found += by_words(line).is_some() as usize;
                fast += line.starts_with("SFX ") as usize;
            }
        }
        assert!(found > 200 && fast > 200, "{found} {fast}");
        for _ in 0..20_000 {
            let text = rng.string(
                &["\n", "a", "\n\n", "é", "\u{10a}", "\u{a0a}", "abcdefg"],
                30,
            );
            let want = text.bytes().position(|c| c == b'\n');
            assert_eq!(newline(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn short_loads_and_comparisons_are_exact() {
        let text = b"abcdefghijklmnopqrstuvwxyz\0\0\xc3\xa9";
        for a in 0..text.len() {
            for b in a..text.len().min(a + 8) {
                let w = &text[a..b];
                let mut padded = [0u8; 8];
                padded[..w.len()].copy_from_slice(w);
                assert_eq!(load_le(w), u64::from_le_bytes(padded), "{w:?}");
            }
        }
        let words: Vec<&[u8]> = (0..text.len())
            .flat_map(|a| (a..=text.len()).map(move |b| &text[a..b]))
            .chain([&b"abc\0"[..], b"abc", b"\0abc"])
            .collect();
        for x in &words {
            for y in &words {
                assert_eq!(same_bytes(x, y), x == y, "{x:?} {y:?}");
            }
        }
    }
}
