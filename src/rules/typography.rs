/*! What the typography and locale-convention rules share: the French variant, the kinds of
space, and a `Prose` view of a document that tells which lines are code (a C snippet, a shell
session, a JSON sample left unmasked in a plain-text file) and which sentences are English,
so that French conventions are judged on French prose only. Not a rule. */

use crate::document::{BARRIER, Document};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

pub use crate::config::Variant;

/// A non-breaking space: U+00A0, the narrow U+202F, or the figure space U+2007.
pub fn is_nb_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}')
}

/// White space on one line that a line may break at (space, tab, thin space...).
pub fn is_breaking_space(c: char) -> bool {
    c != '\n' && c != '\r' && c.is_whitespace() && !is_nb_space(c)
}

/// The character that stands for masked content (code, URL) in `Prose::before`/`after`.
pub const BARRIER_CHAR: char = BARRIER as char;

/// Variant names as users write them, for messages.
pub fn variant_name(v: Variant) -> &'static str {
    match v {
        Variant::FrFr => "fr-FR",
        Variant::FrCa => "fr-CA",
        Variant::FrCh => "fr-CH",
        Variant::FrBe => "fr-BE",
    }
}

/// How far back or forward masked markup (`**`, a PO string's `"\n"`) is looked through.
const MAX_MASKED_SKIP: usize = 16;

/// A document seen by the typography rules.
pub struct Prose<'a> {
    pub doc: &'a Document,
    lines: std::sync::Arc<ProseLines>,
    /// The text already uses the narrow non-breaking space U+202F somewhere.
    pub uses_narrow: bool,
}

/// What `Prose` knows of each line: computed once per document and shared by every
/// typography rule (`Document::memo`).
struct ProseLines {
    code: Vec<bool>,
    numeric: Vec<bool>,
    listing: Vec<bool>,
    placeholders: Vec<bool>,
    english: HashSet<u32>,
}

impl<'a> Prose<'a> {
    pub fn new(doc: &'a Document) -> Prose<'a> {
        Prose {
            doc,
            lines: doc
                .memo
                .get_or_init(|| crate::timing::time("prose-lines", || ProseLines::new(doc))),
            uses_narrow: doc.view.contains('\u{202F}'),
        }
    }
}

impl ProseLines {
    fn new(doc: &Document) -> ProseLines {
        let lines = || (0..doc.lines.len()).map(|l| doc.lines.line_text(&doc.view, l));
        // (Each regex needs a character that most lines lack: tested first, the regex is
        // not even built for a text without it.)
        let keyed: Vec<bool> = lines()
            .map(|l| l.contains(':') && KEY_VALUE.is_match(l))
            .collect();
        // Two neighbouring « clé: valeur » lines make a listing (program output, a
        // configuration file), not prose.
        let listing = (0..keyed.len())
            .map(|i| {
                keyed[i] && ((i > 0 && keyed[i - 1]) || keyed.get(i + 1).copied().unwrap_or(false))
            })
            .collect();
        ProseLines {
            code: lines().map(is_code_line).collect(),
            numeric: lines().map(is_numeric_line).collect(),
            listing,
            placeholders: lines()
                .map(|l| l.contains(['%', '{', '$', '~']) && PLACEHOLDER.is_match(l))
                .collect(),
            english: english_sentences(doc),
        }
    }
}

impl<'a> Prose<'a> {
    /// True when the line holding `offset` looks like code, not prose.
    pub fn is_code_at(&self, offset: usize) -> bool {
        self.lines
            .code
            .get(self.doc.lines.line_of(offset))
            .copied()
            .unwrap_or(false)
    }

    /// True when the line holding `offset` holds more digits than letters: a table, a
    /// program's output (« 8K... 16K- : 810 1979 0.7% »).
    pub fn is_numeric_at(&self, offset: usize) -> bool {
        self.lines
            .numeric
            .get(self.doc.lines.line_of(offset))
            .copied()
            .unwrap_or(false)
    }

    /// True when the line holding `offset` is part of a listing of « clé: valeur » lines.
    pub fn is_listing_at(&self, offset: usize) -> bool {
        self.lines
            .listing
            .get(self.doc.lines.line_of(offset))
            .copied()
            .unwrap_or(false)
    }

    /// True when the line holding `offset` holds a placeholder (`%s`, `{name}`, `%1`): a
    /// program's message, whose format the translation may have to keep.
    pub fn has_placeholder_at(&self, offset: usize) -> bool {
        self.lines
            .placeholders
            .get(self.doc.lines.line_of(offset))
            .copied()
            .unwrap_or(false)
    }

    /// The index of the sentence holding `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let s = &self.doc.sentences;
        let i = s.partition_point(|x| x.start <= offset);
        (i > 0 && offset < s[i - 1].end.max(s[i - 1].start + 1)).then(|| i - 1)
    }

    /// True when the sentence holding `offset` is English (untranslated text, a quotation).
    pub fn is_english_at(&self, offset: usize) -> bool {
        self.sentence_at(offset)
            .is_some_and(|s| self.lines.english.contains(&(s as u32)))
    }

    /// True when the judged byte is French prose: not code, not English.
    pub fn is_french_prose_at(&self, offset: usize) -> bool {
        !self.is_code_at(offset) && !self.is_english_at(offset)
    }

    /// True when every byte of `start..end` is shown as written (nothing masked) and the
    /// place is French prose (not code, not English): where the typography rules judge.
    pub fn is_visible_french(&self, start: usize, end: usize) -> bool {
        (start..end).all(|i| self.visible(i)) && self.is_french_prose_at(start)
    }

    /// True when the byte at `i` is shown as it is written (not masked).
    pub fn visible(&self, i: usize) -> bool {
        self.doc.text.as_bytes().get(i) == self.doc.view.as_bytes().get(i)
    }

    /// The character before offset `i` as a reader sees it: masked markup is looked
    /// through (a few bytes at most), masked content gives `BARRIER_CHAR`.
    pub fn before(&self, i: usize) -> Option<(usize, char)> {
        let (text, view) = (&self.doc.text, self.doc.view.as_bytes());
        let mut skipped = 0;
        for (p, c) in text[..i].char_indices().rev() {
            if view[p] == BARRIER {
                return Some((p, BARRIER_CHAR));
            }
            if self.visible(p) {
                return Some((p, c));
            }
            skipped += c.len_utf8();
            if skipped > MAX_MASKED_SKIP {
                return None;
            }
        }
        None
    }

    /// The character at offset `i` as a reader sees it (masked markup looked through).
    pub fn at(&self, i: usize) -> Option<(usize, char)> {
        let (text, view) = (&self.doc.text, self.doc.view.as_bytes());
        let mut skipped = 0;
        for (p, c) in text[i..].char_indices().map(|(p, c)| (p + i, c)) {
            if view[p] == BARRIER {
                return Some((p, BARRIER_CHAR));
            }
            if self.visible(p) {
                return Some((p, c));
            }
            skipped += c.len_utf8();
            if skipped > MAX_MASKED_SKIP {
                return None;
            }
        }
        None
    }

    /// The character after the one at offset `i`.
    pub fn after(&self, i: usize) -> Option<(usize, char)> {
        let c = self.doc.text[i..].chars().next()?;
        self.at(i + c.len_utf8())
    }

    /// The non-breaking space a fix inserts: the narrow one when the variant asks for it
    /// (`narrow_due`) or when the text already uses it, U+00A0 otherwise.
    pub fn nb_space(&self, narrow_due: bool) -> char {
        if narrow_due || self.uses_narrow {
            '\u{202F}'
        } else {
            '\u{A0}'
        }
    }

    /// The word that ends right before offset `end` (visible, non-space characters).
    pub fn word_before(&self, end: usize) -> &'a str {
        let text = &self.doc.text[..end];
        let start = text
            .char_indices()
            .rev()
            .take_while(|&(p, c)| !c.is_whitespace() && self.visible(p))
            .last()
            .map_or(end, |(p, _)| p);
        &self.doc.text[start..end]
    }

    /// The word that starts at offset `start`.
    pub fn word_at(&self, start: usize) -> &'a str {
        let text = &self.doc.text[start..];
        let len = text
            .char_indices()
            .take_while(|&(p, c)| !c.is_whitespace() && self.visible(start + p))
            .last()
            .map_or(0, |(p, c)| p + c.len_utf8());
        &text[..len]
    }
}

/// Placeholders of program messages: printf (`%s`, `%-5.2lf`, `%<PRIx64>`), Python
/// (`%(name)s`, `{name}`), Qt (`%1`), shell (`$1`, `${x}`), `top` (`~1`).
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"%[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[sdiuxXfFeEgGcpaon]|%<PRI\w+>|%\(\w+\)[sdifr]|%\d|\{\w*\}|\$\{?\w+\}?|~\d",
    )
    .expect("valid regex")
});

/// Scale words of amounts (« 5,5 milliards »).
pub const SCALE_WORDS: &[&str] = &[
    "millier",
    "milliers",
    "million",
    "millions",
    "milliard",
    "milliards",
    "billion",
    "billions",
    "trillion",
    "trillions",
];

/// Currencies written out (« 65 dollars »).
pub const CURRENCY_WORDS: &[&str] = &[
    "dollar",
    "dollars",
    "euro",
    "euros",
    "yen",
    "yens",
    "yuan",
    "yuans",
    "franc",
    "francs",
    "livre",
    "livres",
    "roupie",
    "roupies",
    "bitcoin",
    "bitcoins",
    "won",
    "wons",
    "rouble",
    "roubles",
    "couronne",
    "couronnes",
    "peso",
    "pesos",
];

/// Things counted in amounts of thousands (« 65 000 personnes »).
pub const COUNT_NOUNS: &[&str] = &[
    "personnes",
    "habitants",
    "employés",
    "salariés",
    "emplois",
    "postes",
    "utilisateurs",
    "clients",
    "abonnés",
    "visiteurs",
    "lecteurs",
    "élèves",
    "étudiants",
    "foyers",
    "ménages",
    "entreprises",
    "sociétés",
    "unités",
    "exemplaires",
    "puces",
    "processeurs",
    "serveurs",
    "voitures",
    "véhicules",
    "appareils",
    "smartphones",
    "téléphones",
    "ordinateurs",
    "tonnes",
    "kilomètres",
    "mètres",
    "km",
    "kilos",
    "litres",
    "barils",
    "hectares",
    "morts",
    "victimes",
    "blessés",
    "manifestants",
    "soldats",
    "réfugiés",
    "spectateurs",
    "participants",
    "membres",
    "signatures",
    "votes",
    "voix",
    "actions",
    "exemplaires",
    "logements",
    "articles",
    "pages",
    "mots",
    "ventes",
    "commandes",
    "licences",
    "brevets",
    "développeurs",
    "ingénieurs",
    "chercheurs",
    "patients",
    "cas",
    "tests",
    "dollars",
    "euros",
    "yens",
    "yuans",
    "francs",
    "livres",
    "roupies",
    "bitcoins",
];

/// Units and measure words after a number with a decimal part (« 5,5 nm », « 2,5 fois »).
pub const MEASURE_WORDS: &[&str] = &[
    "%",
    "fois",
    "points",
    "point",
    "degrés",
    "°C",
    "pouces",
    "pouce",
    "ans",
    "années",
    "mois",
    "semaines",
    "jours",
    "heures",
    "heure",
    "minutes",
    "secondes",
    "litres",
    "mètres",
    "kilomètres",
    "tonnes",
    "kilos",
    "grammes",
    "nm",
    "µm",
    "mm",
    "cm",
    "km",
    "kg",
    "mg",
    "Ko",
    "Mo",
    "Go",
    "To",
    "Po",
    "Kio",
    "Mio",
    "Gio",
    "Tio",
    "ko",
    "kB",
    "KB",
    "MB",
    "GB",
    "TB",
    "Hz",
    "kHz",
    "MHz",
    "GHz",
    "kW",
    "MW",
    "GW",
    "TW",
    "Wh",
    "kWh",
    "MWh",
    "GWh",
    "TWh",
    "mAh",
    "ms",
    "µs",
    "ns",
];

/// The word after the white space that follows byte `end` of `text` (letters, digits,
/// `%`, `°`), or "".
pub fn word_after_space(text: &str, end: usize) -> &str {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\u{A0}', '\u{202F}']);
    if trimmed.len() == rest.len() && !trimmed.starts_with('%') {
        return "";
    }
    let len = trimmed
        .char_indices()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '%' || c == '°')
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    &trimmed[..len]
}

/// The word before the white space that precedes byte `start` of `text`, or "".
pub fn word_before_space(text: &str, start: usize) -> &str {
    let head = text[..start].trim_end_matches([' ', '\u{A0}', '\u{202F}']);
    if head.len() == start {
        return "";
    }
    let from = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '\'' || c == '’')
        .last()
        .map_or(head.len(), |(i, _)| i);
    &head[from..]
}

/// A line that starts with a short key and a colon: « hosts: dns files », « Class: 0x02 ».
static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[^\s:.!?;«»][^:.!?;«»]{0,39}[^\s:]\s?:(?:\s|$)").expect("valid regex")
});

/// True when a word reads as a French word: letters with inner hyphens or apostrophes,
/// at least two letters, no digit, underscore, placeholder sign or inner capital
/// (`camelCase`, `iPhone` are names or identifiers).
pub fn is_plain_word(w: &str) -> bool {
    let w = w.trim_start_matches(['(', '«', '"', '“', '[', '\u{A0}', '\u{202F}']);
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return false;
    }
    if !w
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
    {
        return false;
    }
    let chars: Vec<char> = w.chars().collect();
    let inner_capital = chars
        .windows(2)
        .any(|p| p[0].is_lowercase() && p[1].is_uppercase());
    !inner_capital && w.chars().next().is_some_and(char::is_alphabetic)
}

/// A line with more digits than letters (and a few of them).
fn is_numeric_line(line: &str) -> bool {
    let digits = line.bytes().filter(u8::is_ascii_digit).count();
    digits >= 6 && digits >= line.chars().filter(|c| c.is_alphabetic()).count()
}

/// A line that looks like code rather than prose: a C declaration or statement, a
/// comment, a preprocessor line, a shell prompt, a line of operators.
pub fn is_code_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    const STARTS: &[&str] = &[
        "#include", "#define", "#if", "#endif", "#else", "#elif", "#undef", "#pragma", "$ ", "# ",
        "% ", ">>> ", "//", "/*", "*/", "C:\\", "PS ", "echo ", "sudo ", "export ",
    ];
    if STARTS.iter().any(|s| t.starts_with(s)) {
        return true;
    }
    const INSIDE: &[&str] = &[
        "/*", "*/", "==", "!=", "&&", "||", "->", "::", "+=", "-=", "++", "<<", ">>", "();", "){",
        ") {", "= {", "[]", "\\n", "=>", "<=", ">=", "\":", "':", "};",
    ];
    // One pass over the line for all of them.
    static INSIDE_AC: LazyLock<aho_corasick::AhoCorasick> =
        LazyLock::new(|| aho_corasick::AhoCorasick::new(INSIDE).expect("valid patterns"));
    if INSIDE_AC.is_match(t) {
        return true;
    }
    // « printf("…", x); », « test_kcmp("…", »: a line that starts with a call (but
    // « open(2) renvoie… » names a manual page).
    if let Some(paren) = t.find('(') {
        let name = &t[..paren];
        if !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !t[paren + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return true;
        }
    }
    // « "option inconnue", "Consultez mount(8).", »: arguments of a call.
    if t.starts_with('"') && (t.ends_with("\",") || t.ends_with("\");") || t.ends_with("\")")) {
        return true;
    }
    if (t.starts_with("case ") || t.starts_with("default:")) && t.ends_with(':') {
        return true;
    }
    let last = t.chars().next_back().unwrap_or(' ');
    if matches!(last, '{' | '}') || t.starts_with('}') || t.starts_with('{') {
        return true;
    }
    if last == ';' {
        let body = &t[..t.len() - 1];
        let before = body.chars().next_back().unwrap_or(' ');
        // « fichier ; » is prose; « int fd; », « exit(1); », « x = 1; » are code.
        if !before.is_whitespace()
            && !is_nb_space(before)
            && (body.contains(['(', '=', '[', '*', '&', '_'])
                || body.split_whitespace().count() <= 3
                || C_WORDS.iter().any(|w| body.starts_with(w))
                || body.split_whitespace().next().is_some_and(is_c_type))
        {
            return true;
        }
    }
    // Symbols dense enough to be code: `[-V] [-q file]`, `a = (b & c) << 3`.
    // (All ASCII: counted on bytes; letters only counted when it matters.)
    const fn symbol_table() -> [bool; 256] {
        let mut table = [false; 256];
        let symbols = b"{}[]()<>=;*&|\\$#_/";
        let mut i = 0;
        while i < symbols.len() {
            table[symbols[i] as usize] = true;
            i += 1;
        }
        table
    }
    static SYMBOL: [bool; 256] = symbol_table();
    let symbols = t.bytes().filter(|&b| SYMBOL[b as usize]).count();
    symbols >= 4 && symbols * 5 >= t.chars().filter(|c| c.is_alphabetic()).count()
}

/// `size_t`, `u64`, `__be16`, `int32`: a C type name.
fn is_c_type(w: &str) -> bool {
    w.ends_with("_t")
        || w.starts_with("__")
        || (w.len() <= 6
            && w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.ends_with(|c: char| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_alphanumeric()))
}

const C_WORDS: &[&str] = &[
    "int ",
    "char ",
    "struct ",
    "void ",
    "return",
    "if (",
    "for (",
    "while (",
    "else",
    "const ",
    "unsigned ",
    "long ",
    "short ",
    "static ",
    "typedef ",
    "enum ",
    "union ",
    "size_t ",
    "double ",
    "float ",
    "bool ",
    "uint",
    "int8",
    "int16",
    "int32",
    "int64",
    "let ",
    "var ",
    "def ",
    "import ",
    "export ",
    "fn ",
    "pub ",
    "case ",
    "break",
    "continue",
    "goto ",
];

/// English words that French text does not use.
static ENGLISH_WORDS: super::WordList = super::WordList::new(&[
    "the",
    "and",
    "of",
    "to",
    "is",
    "are",
    "with",
    "this",
    "that",
    "be",
    "by",
    "it",
    "from",
    "for",
    "was",
    "were",
    "will",
    "can",
    "which",
    "has",
    "have",
    "not",
    "if",
    "when",
    "you",
    "your",
    "its",
    "into",
    "should",
    "must",
    "been",
    "these",
    "those",
    "following",
    "may",
    "there",
    "their",
    "they",
    "we",
    "our",
    "but",
    "any",
    "each",
    "such",
    "than",
    "then",
    "what",
    "who",
    "how",
    "does",
    "do",
    "at",
    "no",
    "see",
    "use",
    "used",
    "using",
    "only",
    "also",
    "all",
    "in",
    "would",
    "could",
    "about",
    "other",
    "more",
    "most",
    "some",
    "between",
    "after",
    "before",
    "without",
    "under",
    "over",
    "where",
    "while",
    "because",
]);

/// Sentences whose words are English: two English function words making a quarter of
/// the words, or more English function words than French ones.
fn english_sentences(doc: &Document) -> HashSet<u32> {
    static FRENCH: super::WordList = super::WordList::new(&[
        "le", "la", "les", "l'", "de", "d'", "des", "du", "un", "une", "et", "est", "sont", "en",
        "pour", "dans", "sur", "par", "avec", "qui", "que", "qu'", "ne", "pas", "ce", "cette",
        "au", "aux", "à", "il", "elle", "ils", "se", "s'", "son", "sa", "ses", "n'", "c'", "vous",
        "nous", "ou", "si", "plus",
    ]);
    // (English words, French words, words) per sentence.
    let mut counts: Vec<(usize, usize, usize)> = super::per_sentence(doc);
    for t in &doc.tokens {
        if !t.is_word() {
            continue;
        }
        let c = &mut counts[t.sentence as usize];
        c.2 += 1;
        let w = t.norm.as_str();
        if ENGLISH_WORDS.contains(w) {
            c.0 += 1;
        } else if FRENCH.contains(w) {
            c.1 += 1;
        }
    }
    counts
        .into_iter()
        .enumerate()
        .filter(|&(_, (en, fr, all))| {
            (en >= 2 && en * 4 >= all && en > fr)
                || (en >= 3 && en > 2 * fr)
                || (en >= 1 && fr == 0 && en * 4 >= all)
        })
        .map(|(s, _)| s as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lines() {
        for l in [
            "int fd, poll_num;",
            "struct acct {",
            "char ac_flag; /* Attribut de comptabilité */",
            "$ find . -perm -a+r -perm /a+w",
            "v = (c & 0x1fff) << (((c >> 13) & 0x7) * 3);",
            "exit(EXIT_FAILURE);",
            "test_kcmp(\"Comparer les FDs :\",",
            "};",
            "at [-V] [-q file] [-f fichier] [-u nom_utilisateur] [-mMlv] spécification_de_temps...",
        ] {
            assert!(is_code_line(l), "{l}");
        }
        for l in [
            "Meta a récemment annoncé qu'il teste une puce.",
            "atq affiche la liste des commandes en attente, sauf s'il s'agit du superutilisateur ;",
            "Consultez at.allow(5) pour plus de précisions.",
            "open(2) renvoie un descripteur de fichier.",
            "Le format de sortie est (une ligne par tâche) : numéro de tâche, date, heure.",
            "- l'option -a ;",
        ] {
            assert!(!is_code_line(l), "{l}");
        }
    }

    #[test]
    fn plain_words() {
        assert!(is_plain_word("exemple"));
        assert!(is_plain_word("c'est-à-dire"));
        assert!(is_plain_word("«Erreur"));
        for w in [
            "%s",
            "pyls.enabled",
            "serverSettings",
            "O_NONBLOCK",
            "x86",
            "a",
            "C",
        ] {
            assert!(!is_plain_word(w), "{w}");
        }
    }

    #[test]
    fn english_is_told_from_french() {
        let d = Document::from_str(
            "Since Linux 2.6.8, the records are defined as follows:\nLe format de sortie est le suivant :",
        );
        let p = Prose::new(&d);
        assert!(p.is_english_at(3));
        assert!(!p.is_english_at(d.text.find("format").unwrap()));
    }
}
