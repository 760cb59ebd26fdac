/*! French inflection by rule: from one base word, the forms an entry should match.

No lexicon: the rules generate plural and feminine forms of nouns and adjectives, the
conjugation of regular `-er` and `-ir` verbs (from the infinitive or the past participle),
and group function words with their elided and contracted forms. Over-generation is
harmless (a non-word never occurs in text); the rules stay conservative where a generated
form would be another real word (no feminine for nouns, see `ADJECTIVE_ENDINGS`).
Irregular verbs and plurals are not generated: glossary authors list those forms. */

/// Function words that stand for one another in a pattern (articles with their elisions
/// and contractions, possessives, demonstratives). The first word names the class.
const CLASSES: &[&[&str]] = &[
    &["le", "la", "l'", "les"],
    &["de", "d'", "du", "des"],
    &["un", "une"],
    &["ce", "cet", "cette", "ces", "c'"],
    &["son", "sa", "ses"],
    &["mon", "ma", "mes"],
    &["ton", "ta", "tes"],
    &["leur", "leurs"],
    &["notre", "nos"],
    &["votre", "vos"],
    &["que", "qu'"],
    &["ne", "n'"],
    &["se", "s'"],
    &["me", "m'"],
    &["te", "t'"],
    &["je", "j'"],
    &["à", "au", "aux"],
    &["lorsque", "lorsqu'"],
    &["puisque", "puisqu'"],
    &["jusque", "jusqu'"],
    &["quelque", "quelqu'"],
];

/// Words that are never inflected (prepositions, conjunctions, pronouns, auxiliaries).
const INVARIABLE: &[&str] = &[
    "à", "a", "ai", "alors", "as", "aussi", "avec", "avez", "avons", "bien", "car", "chez",
    "comme", "dans", "déjà", "donc", "dont", "elle", "elles", "en", "encore", "entre", "es", "est",
    "et", "été", "être", "eu", "il", "ils", "jamais", "là", "lui", "mais", "moins", "ne", "ni",
    "non", "nous", "on", "ont", "or", "ou", "où", "oui", "par", "pas", "peu", "plus", "pour",
    "près", "puis", "quand", "qui", "quoi", "sans", "si", "sont", "sous", "suis", "sur", "tant",
    "toujours", "très", "trop", "vers", "vous", "y",
];

/// Endings of words that take a feminine form (mostly adjectives and participles).
/// Nouns such as « port » or « point » do not get one: « porte » is another word.
const ADJECTIVE_ENDINGS: &[&str] = &[
    "al", "el", "eil", "if", "eux", "ien", "ier", "et", "é", "u", "i", "ant", "ent", "ais", "ois",
    "in", "ain", "ein", "un", "eur", "ert", "ct", "ique", "aire",
];
const COMMON_ADJECTIVES: &[&str] = &[
    "grand", "petit", "haut", "fort", "court", "long", "gros", "bas", "lourd", "plein", "droit",
    "prêt", "lent", "vert", "faux", "chaud", "froid", "profond", "rond", "sourd", "brut", "net",
    "seul", "nul", "gris", "mondial", "global", "premier", "dernier",
];

/// The class a function word belongs to, if any.
pub fn class_of(word: &str) -> Option<&'static str> {
    CLASSES.iter().find(|c| c.contains(&word)).map(|c| c[0])
}

/// The index of the class a function word belongs to (into `class_at`), if any.
pub fn class_index(word: &str) -> Option<usize> {
    // Every member is at most 7 bytes long (« lorsqu' »): a longer word is in none.
    if word.len() > 8 {
        return None;
    }
    CLASSES.iter().position(|c| c.contains(&word))
}

/// Number of classes (`class_index` is below it).
pub const CLASS_COUNT: usize = CLASSES.len();

/// Every form of the class at `index`.
pub fn class_at(index: usize) -> &'static [&'static str] {
    CLASSES[index]
}

/// How the words of a pattern are expanded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// French inflection by rule.
    French,
    /// The word itself only.
    Exact,
    /// English source terms: the word and its `-s`/`-es` plural.
    English,
}

/// Forms written one after the other in one buffer, so that generating the forms of a word
/// allocates nothing once the buffer has grown (a termbase has some 170,000 words).
#[derive(Debug, Default)]
pub struct Forms {
    /// The forms, end to end (each built from whole `str`s).
    text: String,
    /// Form `i` is `text[spans[i].0..spans[i].1]`.
    spans: Vec<(u32, u32)>,
}

impl Forms {
    fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Form `i`. (A slice of the text, not bytes checked again: that check was a tenth of
    /// compiling a large termbase.)
    pub fn get(&self, i: usize) -> &str {
        let (a, b) = self.spans[i];
        &self.text[a as usize..b as usize]
    }

    /// The forms, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Adds the form made of these pieces.
    fn push(&mut self, parts: &[&str]) {
        let start = self.text.len() as u32;
        for p in parts {
            self.text.push_str(p);
        }
        self.spans.push((start, self.text.len() as u32));
    }

    /// Adds form `i` with its last `cut` bytes replaced by `suffix`.
    fn push_from(&mut self, i: usize, cut: usize, suffix: &str) {
        let (a, b) = self.spans[i];
        let start = self.text.len() as u32;
        self.text.extend_from_within(a as usize..b as usize - cut);
        self.text.push_str(suffix);
        self.spans.push((start, self.text.len() as u32));
    }

    /// Sorts the forms (in byte order, as strings sort) and drops repeats.
    fn sort_dedup(&mut self) {
        // (Compared as bytes: no char boundary to check.)
        let text = self.text.as_bytes();
        let of = |&(a, b): &(u32, u32)| &text[a as usize..b as usize];
        self.spans.sort_unstable_by(|x, y| of(x).cmp(of(y)));
        self.spans.dedup_by(|x, y| of(x) == of(y));
    }
}

/// All the forms a pattern word matches (normalised, lower case), itself included.
pub fn forms(word: &str, mode: Mode) -> Vec<String> {
    let mut out = Forms::default();
    forms_into(word, mode, &mut out);
    out.iter().map(str::to_string).collect()
}

/// `forms`, into `out` (cleared first): sorted, each once.
pub fn forms_into(word: &str, mode: Mode, out: &mut Forms) {
    out.clear();
    out.push(&[word]);
    match mode {
        Mode::Exact => return,
        Mode::English => {
            if word.chars().any(char::is_alphabetic) {
                out.push(&[word, "s"]);
                out.push(&[word, "es"]);
            }
        }
        Mode::French => {
            if word.chars().count() >= 3
                && word.chars().all(|c| c.is_alphabetic() || c == '\'')
                && !INVARIABLE.contains(&word)
            {
                french_forms(word, out);
            }
        }
    }
    out.sort_dedup();
}

fn french_forms(word: &str, out: &mut Forms) {
    let mut bases = vec![word.to_string()];
    // Back from the plural and the feminine to the masculine singular.
    let singular = singular_of(word);
    if singular != word {
        bases.push(singular.clone());
    }
    for s in [word, singular.as_str()] {
        if let Some(m) = masculine_of(s) {
            bases.push(m);
        }
    }
    bases.sort();
    bases.dedup();
    for b in &bases {
        out.push(&[b]);
        plurals(out, out.len() - 1);
        if takes_feminine(b) {
            let from = out.len();
            feminines(b, out);
            for f in from..out.len() {
                plurals(out, f);
            }
        }
        verb_forms(b, out);
    }
}

fn singular_of(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("aux")
        && stem.chars().count() >= 2
    {
        return format!("{stem}al");
    }
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return w.to_string();
    }
    if let Some(stem) = w.strip_suffix('s').or_else(|| w.strip_suffix('x'))
        && stem.chars().count() >= 2
    {
        return stem.to_string();
    }
    w.to_string()
}

fn masculine_of(w: &str) -> Option<String> {
    const PAIRS: &[(&str, &str)] = &[
        ("ive", "if"),
        ("elle", "el"),
        ("ienne", "ien"),
        ("enne", "en"),
        ("euse", "eux"),
        ("rice", "eur"),
        ("ère", "er"),
        ("ette", "et"),
        ("ée", "é"),
        ("ue", "u"),
        ("ie", "i"),
    ];
    for (fem, masc) in PAIRS {
        if let Some(stem) = w.strip_suffix(fem)
            && stem.chars().count() >= 2
        {
            return Some(format!("{stem}{masc}"));
        }
    }
    let stem = w.strip_suffix('e')?;
    takes_feminine(stem).then(|| stem.to_string())
}

fn takes_feminine(w: &str) -> bool {
    COMMON_ADJECTIVES.contains(&w)
        || ADJECTIVE_ENDINGS
            .iter()
            .any(|e| w.ends_with(e) && w.len() > e.len() + 1)
}

/// Adds the plurals of form `i`.
fn plurals(out: &mut Forms, i: usize) {
    let w = out.get(i).as_bytes();
    if w.ends_with(b"s") || w.ends_with(b"x") || w.ends_with(b"z") {
        return;
    }
    if w.ends_with(b"al") {
        out.push_from(i, 2, "aux");
        out.push_from(i, 0, "s");
    } else if w.ends_with(b"au") || w.ends_with(b"eu") {
        out.push_from(i, 0, "x");
        out.push_from(i, 0, "s");
    } else {
        out.push_from(i, 0, "s");
    }
}

fn feminines(w: &str, out: &mut Forms) {
    const PAIRS: &[(&str, &str)] = &[
        ("eux", "euse"),
        ("if", "ive"),
        ("el", "elle"),
        ("eil", "eille"),
        ("ien", "ienne"),
        ("en", "enne"),
        ("on", "onne"),
        ("ier", "ière"),
        ("teur", "trice"),
        ("et", "ette"),
        ("faux", "fausse"),
    ];
    for (masc, fem) in PAIRS {
        if let Some(stem) = w.strip_suffix(masc) {
            out.push(&[stem, fem]);
        }
    }
    if !w.ends_with('e') {
        out.push(&[w, "e"]);
    }
}

const ER_ENDINGS: &[&str] = &[
    "e", "es", "ent", "ons", "ez", "ais", "ait", "ions", "iez", "aient", "ai", "as", "a", "âmes",
    "âtes", "èrent", "erai", "eras", "era", "erons", "erez", "eront", "erais", "erait", "erions",
    "eriez", "eraient", "ant", "é", "ée", "és", "ées", "er", "asse", "assent",
];
const IR_ENDINGS: &[&str] = &[
    "ir", "is", "it", "issons", "issez", "issent", "issais", "issait", "issions", "issiez",
    "issaient", "irai", "iras", "ira", "irons", "irez", "iront", "irais", "irait", "irions",
    "iriez", "iraient", "issant", "i", "ie", "ies", "isse",
];

fn verb_forms(w: &str, out: &mut Forms) {
    let er_stem = w
        .strip_suffix("er")
        .or_else(|| w.strip_suffix("ées"))
        .or_else(|| w.strip_suffix("ée"))
        .or_else(|| w.strip_suffix("és"))
        .or_else(|| w.strip_suffix('é'));
    if let Some(stem) = er_stem.filter(|s| s.chars().count() >= 2) {
        for e in ER_ENDINGS {
            er_form(stem, e, out);
        }
        // « préférer » → « préfère », « acheter » → « achète », « appeler » → « appelle ».
        if let Some(grave) = open_last_e(stem) {
            for e in [
                "e", "es", "ent", "erai", "era", "erons", "eront", "erait", "eraient",
            ] {
                out.push(&[&grave, e]);
            }
        }
        if stem.ends_with("el") || stem.ends_with("et") {
            let last = if stem.ends_with('l') { "l" } else { "t" };
            for e in ["e", "es", "ent", "era", "eront", "erait"] {
                out.push(&[stem, last, e]);
            }
        }
    }
    if let Some(stem) = w.strip_suffix("ir").filter(|s| s.chars().count() >= 2) {
        for e in IR_ENDINGS {
            out.push(&[stem, e]);
        }
    }
}

/// `-cer` verbs take « ç » and `-ger` verbs « ge » before a and o.
fn er_form(stem: &str, ending: &str, out: &mut Forms) {
    let hard = ending.starts_with('a') || ending.starts_with('â') || ending.starts_with('o');
    if hard {
        if let Some(s) = stem.strip_suffix('c') {
            return out.push(&[s, "ç", ending]);
        }
        if stem.ends_with('g') {
            return out.push(&[stem, "e", ending]);
        }
    }
    out.push(&[stem, ending]);
}

/// The stem with its last « é » or « e » before the final consonants opened to « è ».
fn open_last_e(stem: &str) -> Option<String> {
    let chars: Vec<char> = stem.chars().collect();
    let mut i = chars.len();
    while i > 0 && !"aeiouyéèêâîôû".contains(chars[i - 1]) {
        i -= 1;
    }
    if i == 0 || i == chars.len() || !matches!(chars[i - 1], 'é' | 'e') {
        return None;
    }
    let mut c = chars.clone();
    c[i - 1] = 'è';
    Some(c.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(word: &str, form: &str) -> bool {
        forms(word, Mode::French).iter().any(|f| f == form)
    }

    #[test]
    fn nouns_and_adjectives() {
        assert!(has("puce", "puces"));
        assert!(has("mondial", "mondiaux"));
        assert!(has("global", "globale"));
        assert!(has("global", "globales"));
        assert!(has("mondiale", "mondial"));
        assert!(has("actif", "active"));
        assert!(has("professionnel", "professionnelles"));
        assert!(has("investissements", "investissement"));
    }

    #[test]
    fn nouns_get_no_feminine() {
        assert!(!has("port", "porte"));
        assert!(!has("point", "pointe"));
        assert!(!has("porte", "port"));
    }

    #[test]
    fn er_verbs_from_infinitive_or_participle() {
        for f in [
            "développer",
            "développe",
            "développent",
            "développée",
            "développées",
            "développait",
            "développant",
            "développera",
        ] {
            assert!(has("développé", f), "{f}");
            assert!(has("développer", f), "{f}");
        }
        assert!(has("lancer", "lançons"));
        assert!(has("changer", "changeant"));
        assert!(has("préférer", "préfère"));
        assert!(has("appeler", "appelle"));
    }

    #[test]
    fn ir_verbs() {
        assert!(has("fournir", "fournissent"));
        assert!(has("fournir", "fournie"));
    }

    #[test]
    fn invariable_and_exact() {
        assert_eq!(forms("pour", Mode::French), ["pour"]);
        assert_eq!(forms("formation", Mode::Exact), ["formation"]);
        assert!(forms("chip", Mode::English).contains(&"chips".to_string()));
    }

    #[test]
    fn classes() {
        assert_eq!(class_of("l'"), Some("le"));
        assert_eq!(class_of("des"), Some("de"));
        assert_eq!(class_of("aux"), Some("à"));
        assert_eq!(class_of("formation"), None);
        assert!(class_at(class_index("le").unwrap()).contains(&"les"));
        assert_eq!(class_index("l'"), class_index("les"));
        assert_eq!(class_index("formation"), None);
        // `class_index` turns longer words away unread.
        assert!(CLASSES.iter().flat_map(|c| c.iter()).all(|w| w.len() <= 8));
    }
}
