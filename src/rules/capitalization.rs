//! `capitalization`: capitals the English way in French prose: months, days, languages and
//! nationality adjectives capitalised (« en Janvier », « le marché Américain »), nationality
//! nouns left in lower case (« les américains ont »).

use super::typography::Prose;
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity, Span};
use crate::document::Token;

pub struct Capitalization;

static META: RuleMeta = RuleMeta {
    id: "capitalization",
    category: Category::LocaleConvention,
    severity: Severity::Warning,
    summary: "Majuscule à l'anglaise (« en Janvier », « le marché Américain ») ou oubliée (« les américains »).",
    doc: RuleDoc {
        what: "Signale, au milieu d'une phrase : un mois capitalisé après un quantième ou « en », \
               « début », « fin », « mi- », « courant », « depuis », « dès », « mois de » (« le 5 \
               Janvier », « en Mars ») ; un jour capitalisé après « le », « ce », « chaque », \
               « dès », « depuis » (« ce Lundi ») — avertissement, correction sûre ; une langue \
               capitalisée après « en » (« traduit en Anglais ») — avertissement, correction \
               sûre ; un adjectif de nationalité capitalisé après un nom en minuscules (« le \
               marché Américain », « le gouvernement Français ») — avertissement, correction à \
               vérifier ; un nom de peuple en minuscules après un déterminant pluriel et devant \
               une ponctuation ou un verbe (« les américains ont », « selon les chinois. ») — \
               info seulement, car « les constructeurs chinois et les américains » est une \
               ellipse correcte : ce cas n'est pas signalé quand un adjectif de nationalité en \
               minuscules précède dans la phrase. Ne signale pas les débuts de phrase, de \
               citation ou d'élément de liste, les titres (phrase dont les deux tiers des mots sont \
               capitalisés), les fêtes et dates historiques (« Mardi gras », « Vendredi saint », \
               « Lundi de Pâques », « le 14 Juillet », « le 11 Septembre », « le 8 Mai », « le \
               1er Mai », « le 11 Novembre » sans année), les noms propres où l'adjectif suit un \
               mot capitalisé (« Banque Centrale Européenne », « Alliance Française »), « Mars » \
               la planète (« sur Mars »), les mots tout en capitales, le code ni les phrases en \
               anglais.",
        why: "En français, les noms de mois, de jours et de langues et les adjectifs de \
              nationalité s'écrivent en minuscules ; seul le nom désignant les habitants prend \
              la majuscule (« les Américains », « un marché américain »). La majuscule à \
              l'anglaise est un calque typographique fréquent en traduction.",
        example: "En Janvier, le groupe Américain a annoncé que les américains paieront plus.",
        instead: "En janvier, le groupe américain a annoncé que les Américains paieront plus.",
    },
};

const MONTHS: &[&str] = &[
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
];

const DAYS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Dates that name an event and keep their capital (« le 14 Juillet »), without a year.
const NAMED_DATES: &[(&str, &str)] = &[
    ("14", "juillet"),
    ("11", "novembre"),
    ("8", "mai"),
    ("1er", "mai"),
    ("11", "septembre"),
    ("18", "juin"),
    ("6", "juin"),
];

const LANGUAGES: &[&str] = &[
    "anglais",
    "français",
    "allemand",
    "espagnol",
    "italien",
    "portugais",
    "chinois",
    "japonais",
    "coréen",
    "russe",
    "arabe",
    "néerlandais",
    "polonais",
    "suédois",
    "norvégien",
    "danois",
    "finnois",
    "grec",
    "turc",
    "hébreu",
    "hindi",
    "vietnamien",
    "ukrainien",
    "tchèque",
    "roumain",
    "hongrois",
    "catalan",
    "breton",
    "basque",
    "latin",
    "mandarin",
    "cantonais",
    "persan",
    "indonésien",
];

/// Nationality adjectives, masculine singular; their other forms are derived.
const NATIONALITIES: &[&str] = &[
    "américain",
    "français",
    "anglais",
    "allemand",
    "chinois",
    "japonais",
    "coréen",
    "européen",
    "britannique",
    "italien",
    "espagnol",
    "russe",
    "canadien",
    "indien",
    "taïwanais",
    "néerlandais",
    "belge",
    "africain",
    "asiatique",
    "mexicain",
    "brésilien",
    "israélien",
    "iranien",
    "ukrainien",
    "turc",
    "grec",
    "polonais",
    "suédois",
    "norvégien",
    "danois",
    "finlandais",
    "irlandais",
    "écossais",
    "portugais",
    "australien",
    "autrichien",
    "hongrois",
    "saoudien",
    "égyptien",
    "vietnamien",
    "indonésien",
    "pakistanais",
    "argentin",
    "chilien",
    "colombien",
    "marocain",
    "algérien",
    "tunisien",
    "libanais",
    "syrien",
    "irakien",
    "afghan",
    "québécois",
    "suisse",
];

/// The base form of a nationality adjective or noun (« Américaines » → « américain »).
fn nationality(norm: &str) -> Option<&'static str> {
    NATIONALITY_FORMS.get(norm).copied()
}

/// Every form of every nationality, with its base form: the first base of `NATIONALITIES`
/// that has the form.
static NATIONALITY_FORMS: std::sync::LazyLock<std::collections::HashMap<String, &'static str>> =
    std::sync::LazyLock::new(|| {
        let mut map = std::collections::HashMap::new();
        for &base in NATIONALITIES {
            for form in std::iter::once(base.to_string()).chain(nationality_forms(base)) {
                map.entry(form).or_insert(base);
            }
        }
        map
    });

/// The inflected forms of a nationality's base form (feminine, plurals).
fn nationality_forms(base: &str) -> Vec<String> {
    if base.ends_with("ien") {
        vec![
            format!("{base}s"),
            format!("{base}ne"),
            format!("{base}nes"),
        ]
    } else if base.ends_with('s') {
        vec![format!("{base}e"), format!("{base}es")]
    } else if base.ends_with('e') {
        vec![format!("{base}s")]
    } else if base == "turc" {
        vec!["turcs".into(), "turque".into(), "turques".into()]
    } else if base == "grec" {
        vec!["grecs".into(), "grecque".into(), "grecques".into()]
    } else {
        vec![format!("{base}s"), format!("{base}e"), format!("{base}es")]
    }
}

/// Words after which a capitalised nationality word is a noun (« les Américains », « deux
/// Français », « de jeunes Européens ») or stands in a name.
const BEFORE_NOUN: &[&str] = &[
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "de",
    "d'",
    "du",
    "au",
    "aux",
    "ces",
    "cette",
    "ce",
    "cet",
    "mon",
    "ma",
    "mes",
    "ton",
    "ta",
    "tes",
    "son",
    "sa",
    "ses",
    "notre",
    "nos",
    "votre",
    "vos",
    "leur",
    "leurs",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "vingt",
    "cent",
    "mille",
    "plusieurs",
    "quelques",
    "certains",
    "certaines",
    "nombreux",
    "nombreuses",
    "tous",
    "toutes",
    "autres",
    "autre",
    "entre",
    "chez",
    "contre",
    "sans",
    "selon",
    "par",
    "pour",
    "avec",
    "vers",
    "comme",
    "que",
    "qu'",
    "qui",
    "dont",
    "où",
    "et",
    "ou",
    "ni",
    "mais",
    "car",
    "donc",
    "or",
    "à",
    "en",
    "y",
    "ne",
    "pas",
    "plus",
    "moins",
    "très",
    "tant",
    "trop",
    "beaucoup",
    "peu",
    "jeunes",
    "jeune",
    "vieux",
    "vieille",
    "vieilles",
    "petits",
    "petites",
    "grands",
    "grandes",
    "riches",
    "pauvres",
    "premiers",
    "premières",
    "derniers",
    "dernières",
    "meilleurs",
    "meilleures",
    "simples",
    "bons",
    "braves",
    "nouveaux",
    "chers",
    "envers",
    "parmi",
    "face",
    "sauf",
    "hors",
    "après",
    "avant",
    "depuis",
    "dès",
    "surtout",
    "notamment",
    "aussi",
    "même",
    "sont",
    "était",
    "étaient",
    "être",
    "devenu",
    "devenus",
    "naturalisé",
    "naturalisés",
    "tel",
    "tels",
    "telle",
    "telles",
    "ainsi",
];

/// Plural determiners before a nationality noun (« les américains » → « les Américains »).
/// (A `match`: asked of every distinct word of a text.)
fn is_plural_determiner(w: &str) -> bool {
    matches!(
        w,
        "les" | "des" | "aux" | "ces" | "deux" | "trois" | "plusieurs" | "quelques" | "nombreux"
    )
}

/// Words that may follow a nationality noun used as subject or object.
const AFTER_NOUN: &[&str] = &[
    "ont",
    "sont",
    "ne",
    "n'",
    "se",
    "s'",
    "qui",
    "eux-mêmes",
    "eux",
    "veulent",
    "peuvent",
    "doivent",
    "étaient",
    "avaient",
    "auraient",
    "seraient",
    "font",
    "vont",
    "disent",
    "pensent",
    "estiment",
    "restent",
];

impl Rule for Capitalization {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let toks = &cx.doc.tokens;
        // Whether each sentence is written as a title, found when one of its words is
        // first a candidate (few are).
        let mut titles: Vec<Option<bool>> = super::per_sentence(cx.doc);
        // Whether each distinct word is a plural determiner, and whether it is listed (see
        // `is_listed`), looked up once per word, in one pass over the words' forms (see
        // `per_form`).
        let words = cx.doc.vocabulary();
        let (plural_determiner, listed): (Vec<bool>, Vec<bool>) =
            super::per_form(cx.doc, |w| (is_plural_determiner(w), is_listed(w)))
                .into_iter()
                .unzip();
        let after_plural_determiner = |k: usize| plural_determiner[words.ids[k - 1] as usize];
        // A finding is about a listed word alone: only the tokens of those words are visited.
        for k in super::occurrences(cx.doc).of_words(&listed) {
            let k = k as usize;
            // Only a capitalised word or a word after a plural determiner can be a finding
            // (see below): tested first, before the sentence, the gap and the text are
            // looked at.
            let t = &toks[k];
            if k == 0 || !t.capitalized && !after_plural_determiner(k) {
                continue;
            }
            let prev = &toks[k - 1];
            if prev.sentence != t.sentence
                || t.all_caps
                || !t.is_word()
                || *titles[t.sentence as usize].get_or_insert_with(|| is_title(toks, k))
            {
                continue;
            }
            let joined_by_space = cx.doc.gap_is_space(prev.end(), t.start());
            let mi = prev.norm == "mi" && &cx.doc.view[prev.end()..t.start()] == "-";
            if !joined_by_space && !mi {
                continue;
            }
            let norm = t.norm.as_str();
            let next = toks.get(k + 1).filter(|n| n.sentence == t.sentence);
            let before_prev = (k >= 2)
                .then(|| &toks[k - 2])
                .filter(|b| b.sentence == t.sentence);
            let found = cx.text(Span::new(t.start(), t.end()));
            let finding = if t.capitalized {
                if MONTHS.contains(&norm) {
                    month_context(prev, before_prev, next, norm, mi).then(|| {
                        (
                            Severity::Warning,
                            Applicability::Safe,
                            format!("« {found} » : les noms de mois s'écrivent en minuscules."),
                            found.to_lowercase(),
                        )
                    })
                } else if DAYS.contains(&norm) {
                    day_context(prev, next, toks.get(k + 2)).then(|| {
                        (
                            Severity::Warning,
                            Applicability::Safe,
                            format!("« {found} » : les noms de jours s'écrivent en minuscules."),
                            found.to_lowercase(),
                        )
                    })
                } else if prev.norm == "en" && LANGUAGES.contains(&norm) {
                    Some((
                        Severity::Warning,
                        Applicability::Safe,
                        format!("« {found} » : les noms de langues s'écrivent en minuscules."),
                        found.to_lowercase(),
                    ))
                } else if let Some(base) = nationality(norm) {
                    // « le marché Américain »: an adjective after a lower-case noun.
                    let adjective = !prev.capitalized
                        && prev.norm.chars().nth(2).is_some()
                        && prev.norm.chars().all(char::is_alphabetic)
                        && !BEFORE_NOUN.contains(&prev.norm.as_str())
                        && base != "suisse";
                    adjective.then(|| {
                        (
                            Severity::Warning,
                            Applicability::Unsafe,
                            format!("« {found} » : les adjectifs de nationalité et les noms de langues s'écrivent en minuscules ; seul le nom des habitants prend la majuscule."),
                            found.to_lowercase(),
                        )
                    })
                } else {
                    None
                }
            } else if after_plural_determiner(k)
                && nationality(norm).is_some_and(|b| b != "suisse")
                && norm.ends_with('s')
            {
                // « les américains ont » but not « les constructeurs chinois et les américains ».
                let ends = match next {
                    None => true,
                    Some(n) => {
                        AFTER_NOUN.contains(&n.norm.as_str())
                            || !cx.doc.gap_is_space(t.end(), n.start())
                    }
                };
                let ellipsis = (1..k - 1)
                    .rev()
                    .take_while(|&j| toks[j].sentence == t.sentence)
                    .any(|j| {
                        !toks[j].capitalized
                            && nationality(&toks[j].norm).is_some()
                            && !is_plural_determiner(&toks[j - 1].norm)
                    });
                (ends && !ellipsis).then(|| {
                    let mut cap = String::new();
                    let mut cs = found.chars();
                    if let Some(f) = cs.next() {
                        cap.extend(f.to_uppercase());
                        cap.extend(cs);
                    }
                    (
                        Severity::Info,
                        Applicability::Unsafe,
                        format!("« {found} » : le nom des habitants prend une majuscule (« {cap} ») ; l'adjectif reste en minuscules."),
                        cap,
                    )
                })
            } else {
                None
            };
            let Some((severity, applicability, message, replacement)) = finding else {
                continue;
            };
            if !p.is_visible_french(t.start(), t.end()) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    severity,
                    Span::new(t.start(), t.end()),
                    message,
                )
                .with_replacements([replacement])
                .with_applicability(applicability),
            );
        }
    }
}

fn is_day_number(t: &Token) -> bool {
    t.norm == "1er" || t.norm.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n))
}

fn month_context(
    prev: &Token,
    before_prev: Option<&Token>,
    next: Option<&Token>,
    month: &str,
    mi: bool,
) -> bool {
    if is_day_number(prev) {
        let year =
            next.is_some_and(|n| n.norm.len() == 4 && n.norm.chars().all(|c| c.is_ascii_digit()));
        let named = NAMED_DATES
            .iter()
            .any(|&(d, m)| d == prev.norm && m == month);
        return year || !named;
    }
    if mi {
        return true;
    }
    match prev.norm.as_str() {
        "en" | "début" | "fin" | "courant" | "depuis" | "dès" => true,
        "de" | "d'" => before_prev
            .is_some_and(|b| matches!(b.norm.as_str(), "mois" | "début" | "fin" | "courant")),
        _ => false,
    }
}

fn day_context(prev: &Token, next: Option<&Token>, after_next: Option<&Token>) -> bool {
    // After a determiner or a preposition of time (« ce Lundi », « dès Mardi »), or after
    // a lower-case verb or adverb (« a annoncé Lundi que »); not after « et », « de »… where
    // the day may be a name (« Robinson et Vendredi »).
    let article = matches!(
        prev.norm.as_str(),
        "le" | "ce" | "chaque" | "dès" | "depuis"
    );
    let verb = !prev.capitalized
        && prev.is_word()
        && prev.norm.chars().nth(2).is_some()
        && !matches!(
            prev.norm.as_str(),
            "et" | "ou" | "avec" | "par" | "chez" | "pour" | "sur" | "dans" | "sans" | "contre"
        )
        && next.is_some_and(|n| !n.capitalized && n.is_word());
    if !article && !verb {
        return false;
    }
    // « Mardi gras », « Vendredi saint », « Lundi de Pâques », « Mercredi des Cendres ».
    match next {
        Some(n)
            if matches!(
                n.norm.as_str(),
                "gras" | "saint" | "sainte" | "noir" | "noire" | "rouge" | "sanglant"
            ) =>
        {
            false
        }
        Some(n) if matches!(n.norm.as_str(), "de" | "des") => {
            !after_next.is_some_and(|a| a.capitalized)
        }
        Some(n) if n.capitalized => false,
        _ => true,
    }
}

/// True when `w` has four characters or more: at once when its first four bytes are
/// ASCII (most words), by decoding otherwise.
fn at_least_four_chars(w: &str) -> bool {
    w.len() >= 4 && (w.as_bytes()[..4].is_ascii() || w.chars().nth(3).is_some())
}

/// True when the word is a month, a day, a language or a form of a nationality: a finding
/// is about one of these alone. (One look-up in a set of them all: asked of every distinct
/// word of a text.)
fn is_listed(norm: &str) -> bool {
    LISTED.contains(norm)
}

/// The words `is_listed` accepts.
static LISTED: std::sync::LazyLock<
    std::collections::HashSet<&'static str, foldhash::fast::FixedState>,
> = std::sync::LazyLock::new(|| {
    (MONTHS.iter().chain(DAYS).chain(LANGUAGES).copied())
        .chain(NATIONALITY_FORMS.keys().map(String::as_str))
        .collect()
});

/// True when the sentence of token `k` is written as a title: two thirds of its longer
/// words capitalised.
fn is_title(toks: &[Token], k: usize) -> bool {
    // (Capitalised words, words) of four letters or more.
    let (mut cap, mut all) = (0, 0);
    for t in super::sentence_tokens(toks, k)
        .iter()
        .filter(|t| t.is_word() && at_least_four_chars(&t.norm))
    {
        all += 1;
        if t.capitalized {
            cap += 1;
        }
    }
    all >= 4 && cap * 3 >= all * 2
}

/// Sentences written as titles (`is_title`), all at once over the text: what `is_title`
/// must say of each sentence.
#[cfg(test)]
fn title_sentences(doc: &crate::document::Document) -> Vec<bool> {
    // (Capitalised words, words) of four letters or more, per sentence.
    let mut counts: Vec<(usize, usize)> = super::per_sentence(doc);
    for t in doc
        .tokens
        .iter()
        .filter(|t| t.is_word() && at_least_four_chars(&t.norm))
    {
        let c = &mut counts[t.sentence as usize];
        c.1 += 1;
        if t.capitalized {
            c.0 += 1;
        }
    }
    counts
        .into_iter()
        .map(|(cap, all)| all >= 4 && cap * 3 >= all * 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{
        DAYS, LANGUAGES, MONTHS, NATIONALITIES, at_least_four_chars, is_listed, is_title,
        nationality, title_sentences,
    };
    use crate::diagnostic::{Applicability, Severity};
    use crate::document::Document;
    use crate::testing::{Rng, check_with};

    const G: &str = "[glossary]\nname='t'\n";

    /// The set of listed words accepts what asking each list accepts: every word of the
    /// lists, their nationalities' forms, near misses and random words.
    #[test]
    fn listed_words_are_those_of_the_lists() {
        let by_lists = |w: &str| {
            MONTHS.contains(&w)
                || DAYS.contains(&w)
                || LANGUAGES.contains(&w)
                || nationality(w).is_some()
        };
        let mut words: Vec<String> = (MONTHS.iter().chain(DAYS).chain(LANGUAGES))
            .chain(NATIONALITIES)
            .map(|w| w.to_string())
            .collect();
        for base in NATIONALITIES {
            words.extend(super::nationality_forms(base));
        }
        let listed = words.len();
        for k in 0..listed {
            let w = words[k].clone();
            words.extend([
                format!("{w}s"),
                format!("{w}e"),
                w.to_uppercase(),
                w.chars().skip(1).collect(),
                w.chars().rev().collect(),
            ]);
        }
        let mut rng = Rng::new(0x11_57ed);
        let pieces = ["a", "n", "i", "s", "e", "é", "ç", "ai", "ien", "ne", "'"];
        words.extend((0..3000).map(|_| rng.string(&pieces, 9)));
        let mut found = 0;
        for w in &words {
            assert_eq!(is_listed(w), by_lists(w), "{w:?}");
            found += usize::from(by_lists(w));
        }
        assert!(found >= listed, "{found}");
    }

    fn caps(text: &str) -> Vec<(Severity, Applicability, String)> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "capitalization")
            .map(|d| {
                (
                    d.severity,
                    d.suggestions[0].applicability,
                    d.suggestions[0].replacement.clone(),
                )
            })
            .collect()
    }

    fn replacements(text: &str) -> Vec<String> {
        caps(text).into_iter().map(|c| c.2).collect()
    }

    #[test]
    fn four_characters_on_bytes_as_on_characters() {
        for w in
            "mai juin août Août été ÉTÉ œuvre île îles 😀😀😀 😀😀😀😀 a😀b abc abcd l'ia l’ia \
                  ça çà 1er 2024 mi-mars x"
                .split(' ')
                .chain(["", "\u{a0}", "a\u{a0}b", "a\u{202f}bc"])
        {
            assert_eq!(at_least_four_chars(w), w.chars().nth(3).is_some(), "{w}");
        }
    }

    /// A sentence is a title by its own tokens as by a count over the whole text, on
    /// random texts of short and long, capitalised and lower-case words.
    #[test]
    fn titles_by_sentence_as_over_the_whole_text() {
        let pieces = [
            "Le ",
            "le ",
            "Marché ",
            "marché ",
            "Américain",
            "De ",
            "Résultats ",
            "ÉTÉ ",
            "x ",
            "Œuvre ",
            "l'",
            "2024 ",
            ". ",
            "! ",
            "? ",
            "\n\n",
            "\n",
            " ",
        ];
        let mut rng = Rng::new(0x7171e5);
        let mut titles = 0;
        for _ in 0..400 {
            let doc = Document::from_str(&rng.string(&pieces, 80));
            let all = title_sentences(&doc);
            for (k, t) in doc.tokens.iter().enumerate() {
                assert_eq!(is_title(&doc.tokens, k), all[t.sentence as usize], "{k}");
                titles += usize::from(all[t.sentence as usize]);
            }
        }
        assert!(titles > 100, "{titles}");
    }

    #[test]
    fn months_days_and_languages() {
        assert_eq!(
            replacements("Meta a annoncé en Janvier une puce, livrée le 5 Mars 2025."),
            ["janvier", "mars"]
        );
        assert_eq!(
            replacements("La puce sortira début Avril, ou mi-Juin, au plus tard fin Septembre."),
            ["avril", "juin", "septembre"]
        );
        assert_eq!(
            replacements("Le rapport paraîtra ce Lundi et chaque Vendredi."),
            ["lundi", "vendredi"]
        );
        assert_eq!(
            replacements("Apple a annoncé Lundi qu'elle retardait le lancement."),
            ["lundi"]
        );
        assert_eq!(
            replacements("L'article a été traduit en Anglais par Meta."),
            ["anglais"]
        );
        assert_eq!(
            replacements("Il vit en Chine et parle Anglais."),
            ["anglais"]
        );
        assert_eq!(
            caps("Meta a annoncé en Janvier une puce.")[0].1,
            Applicability::Safe
        );
    }

    #[test]
    fn nationality_adjectives_and_nouns() {
        let c = caps("Le groupe Américain a rassuré le gouvernement Français hier.");
        assert_eq!(
            c.iter().map(|c| c.2.as_str()).collect::<Vec<_>>(),
            ["américain", "français"]
        );
        assert!(
            c.iter()
                .all(|c| c.0 == Severity::Warning && c.1 == Applicability::Unsafe)
        );
        let c = caps("Selon Meta, les américains ont acheté plus de puces que les chinois.");
        assert_eq!(
            c.iter().map(|c| c.2.as_str()).collect::<Vec<_>>(),
            ["Américains", "Chinois"]
        );
        assert!(c.iter().all(|c| c.0 == Severity::Info));
    }

    #[test]
    fn guards_from_real_french() {
        for t in [
            "Janvier a été un mois difficile pour Meta.",
            "La Banque Centrale Européenne et l'Alliance Française ont parlé.",
            "Les Américains et deux Français ont rencontré de jeunes Européens.",
            "Le défilé du 14 Juillet et les attentats du 11 Septembre ont marqué la France.",
            "Le Mardi gras, le Vendredi saint et le Lundi de Pâques sont fériés.",
            "La sonde s'est posée sur Mars en 2021.",
            "Résultats Financiers De Meta En Janvier",
            "Les constructeurs chinois et les américains dominent le marché.",
            "Le marché américain et le groupe français sont en hausse.",
            "Chez les Suisses, la banque Suisse UBS est connue.",
            "The Americans said in January that the French market was growing.",
            "Le 5 janvier, en mars, ce lundi.",
            "Robinson et Vendredi vivent sur l'île.",
            "Le personnage de Vendredi intrigue.",
        ] {
            assert!(caps(t).is_empty(), "{t}: {:?}", caps(t));
        }
        assert_eq!(
            replacements("Le 14 Juillet 2024 a été pluvieux."),
            ["juillet"]
        );
    }
}
