//! `spelling`: a word that the French dictionary (Grammalecte's Hunspell dictionary,
//! « toutes variantes ») does not know, reported once per text with its number of
//! occurrences and at most three suggestions.

use super::{Context, Rule, RuleDoc, RuleMeta, match_case};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity, Span, Suggestion};
use crate::document::{Document, Token, fold_accents, is_elision};
use crate::glossary::Target;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

pub struct Spelling;

static META: RuleMeta = RuleMeta {
    id: "spelling",
    category: Category::Spelling,
    severity: Severity::Info,
    summary: "Mot inconnu du dictionnaire français (coquille, faute d'orthographe).",
    doc: RuleDoc {
        what: "Signale, une seule fois par texte avec son nombre d'occurrences, un mot que le \
               dictionnaire orthographique français (Grammalecte, « toutes variantes » : \
               orthographe traditionnelle et rectifiée de 1990) ne connaît pas, avec au plus \
               trois suggestions. Ne sont jamais signalés : les termes et les noms du \
               glossaire, les noms propres (majuscule hors début de phrase), les sigles, les \
               mots qui contiennent un chiffre, un tiret bas ou une majuscule interne (code, \
               identifiants), les phrases en anglais, le code et les adresses.",
        why: "Une coquille échappe facilement à la relecture d'une traduction ; le \
              dictionnaire la trouve. Le signalement est une information : un mot inconnu \
              peut être un néologisme ou un nom juste.",
        example: "La puce sert à l'entraînement des modèles de langage et à l'inférrence.",
        instead: "La puce sert à l'entraînement des modèles de langage et à l'inférence.",
    },
};

/// At most this many words of one text get suggestions (suggesting takes 15 to 50 ms a
/// word); the others are still reported.
const MAX_SUGGESTED: usize = 30;

impl Rule for Spelling {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let toks = &doc.tokens;
        if !toks.iter().any(|t| t.is_word()) {
            return;
        }
        // The plain word list answers for most words; Hunspell is parsed only for the others.
        let check = crate::lexicon::check_word;
        let english = english_sentences(doc);
        let glossary_spans = super::SpanSet::new(
            cx.raw_hits()
                .filter(|h| !matches!(h.target, Target::Context { .. }))
                .map(|h| h.span()),
        );
        // Words written with a capital in the middle of a sentence: names.
        let names: HashSet<&str> = toks
            .iter()
            .enumerate()
            .filter(|&(i, t)| t.capitalized && !at_sentence_start(doc, i))
            .map(|(_, t)| t.norm.as_str())
            .collect();
        // Unknown words, by normalised form: (first span, occurrences).
        let mut unknown: HashMap<String, (Span, usize)> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            // A hyphenated compound: tokens joined by single hyphens.
            let mut j = i;
            while j + 1 < toks.len()
                && toks[j + 1].sentence == toks[i].sentence
                && is_hyphen(&doc.view[toks[j].end()..toks[j + 1].start()])
            {
                j += 1;
            }
            let (first, last) = (i, j);
            i = j + 1;
            let t = &toks[first];
            if english.contains(&t.sentence) {
                continue;
            }
            let compound_start = t.start();
            let compound = &doc.view[t.start()..toks[last].end()];
            let lower = || compound.to_lowercase();
            let plain = crate::lexicon::plain_word;
            if last > first
                && (plain(compound) || plain(&lower()) || check(compound) || check(&lower()))
            {
                continue;
            }
            // Code, options, paths, placeholders, a single quoted word (« graph »): the
            // characters around the whole word or compound tell (looked at only when one
            // of its words is unknown).
            let mut code: Option<bool> = None;
            for (k, t) in toks.iter().enumerate().take(last + 1).skip(first) {
                if !worth_checking(cx, doc, k, &names, &glossary_spans) {
                    continue;
                }
                let word = &doc.view[t.start()..t.end()];
                if known(doc, t, word, k > first, k < last) {
                    continue;
                }
                if *code
                    .get_or_insert_with(|| looks_like_code(doc, compound_start, toks[last].end()))
                {
                    break;
                }
                // A capital at a sentence start may be a name (« Reuters a confirmé ») or a
                // typo (« Finallement ») : a typo is one edit away from a word.
                if t.capitalized && !looks_like_a_typo(word) {
                    continue;
                }
                let e = unknown.entry(t.norm.to_string()).or_insert_with(|| {
                    order.push(t.norm.to_string());
                    (Span::new(t.start(), t.end()), 0)
                });
                e.1 += 1;
            }
        }
        for (n, norm) in order.iter().enumerate() {
            let (span, count) = unknown[norm];
            let word = cx.text(span).to_string();
            let message = if count > 1 {
                format!("« {word} » : mot inconnu du dictionnaire ({count} occurrences).")
            } else {
                format!("« {word} » : mot inconnu du dictionnaire.")
            };
            let mut d = Diagnostic::new(META.id, META.category, META.severity, span, message);
            if n < MAX_SUGGESTED {
                d.suggestions = suggestions(&word)
                    .into_iter()
                    .map(|s| Suggestion {
                        replacement: match_case(&word, &s),
                        applicability: Applicability::DisplayOnly,
                    })
                    .collect();
            }
            out.push(d);
        }
    }
}

/// True when the word at `start..end` of the view is code or a cited literal rather than
/// prose: an option (`--decode`, `-lc`), a path or a placeholder (`/dev`, `$HOME`,
/// `%s`), a call or a manual reference (`free(`, `stat(2)`), a dotted or colon name
/// (`unistd.h`, `const:env`), or a single word between quotes (« graph », "lineno").
fn looks_like_code(doc: &Document, start: usize, end: usize) -> bool {
    let word = &doc.view[start..end];
    if word.contains(['.', ':', '@']) {
        return true;
    }
    let before = doc.view[..start].chars().next_back();
    let before2 = doc.view[..start].chars().rev().nth(1);
    let after = doc.view[end..].chars().next();
    if matches!(
        before,
        Some('$' | '%' | '<' | '/' | '\\' | '#' | '[' | '=' | '{' | '&' | '~' | '`' | '*')
    ) || matches!(
        after,
        Some('(' | '/' | '=' | '>' | ']' | '[' | '{' | '}' | '`' | '\\' | '*')
    ) {
        return true;
    }
    // An argument of a call or a named placeholder: « free(line) », « %(title)s ».
    if before == Some('(') && before2.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '%') {
        return true;
    }
    // An option: a hyphen at the start of a word.
    if before == Some('-')
        && before2.is_none_or(|c| c.is_whitespace() || c == '-' || c == '(' || c == '[')
    {
        return true;
    }
    // A command named at the start of a line (« strsep - Extraction de séquence »).
    let line_start = doc.view[..start].rfind('\n').map_or(0, |p| p + 1);
    if doc.view[line_start..start].trim().is_empty() && doc.view[end..].starts_with(" - ") {
        return true;
    }
    // One word alone between quotes.
    let quotes = |o: char, c: char| {
        doc.view[..start]
            .trim_end_matches(['\u{a0}', '\u{202f}', ' '])
            .ends_with(o)
            && doc.view[end..]
                .trim_start_matches(['\u{a0}', '\u{202f}', ' '])
                .starts_with(c)
    };
    quotes('«', '»')
        || quotes('"', '"')
        || quotes('“', '”')
        || quotes('\'', '\'')
        || quotes('‘', '’')
}

fn is_hyphen(gap: &str) -> bool {
    matches!(gap, "-" | "‑" | "‐")
}

/// True when the token is the first word of its sentence or of its line (a title, an item).
fn at_sentence_start(doc: &Document, i: usize) -> bool {
    let t = &doc.tokens[i];
    if i == 0 || doc.tokens[i - 1].sentence != t.sentence {
        return true;
    }
    let line_start = doc.view[..t.start()].rfind('\n').map_or(0, |p| p + 1);
    !doc.view[line_start..t.start()]
        .chars()
        .any(char::is_alphanumeric)
}

/// The tokens the dictionary is asked about: words of French prose that are neither names,
/// acronyms, code nor glossary terms.
fn worth_checking(
    cx: &Context,
    doc: &Document,
    i: usize,
    names: &HashSet<&str>,
    glossary: &super::SpanSet,
) -> bool {
    let t: &Token = &doc.tokens[i];
    let word = &doc.view[t.start()..t.end()];
    if !t.is_word() || is_elision(&t.norm) || t.norm.chars().nth(1).is_none() || t.all_caps {
        return false;
    }
    // Code and identifiers: digits, underscores, an upper-case letter inside the word.
    if word.chars().any(|c| c.is_ascii_digit() || c == '_')
        || word.chars().skip(1).any(char::is_uppercase)
    {
        return false;
    }
    // Names: a capital in the middle of a sentence, or a word written so elsewhere.
    if t.capitalized && (!at_sentence_start(doc, i) || names.contains(t.norm.as_str())) {
        return false;
    }
    // Roman numerals and ordinals: « XIXe », « IIIe ».
    if is_roman_ordinal(word) {
        return false;
    }
    if glossary.overlaps(&Span::new(t.start(), t.end())) || cx.glossary.is_known_french(&t.norm) {
        return false;
    }
    true
}

fn is_roman_ordinal(word: &str) -> bool {
    let body = ["e", "er", "re", "ème", "nd", "nde"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word);
    !body.is_empty() && body.chars().all(|c| "IVXLCDM".contains(c))
}

/// True when the dictionary knows the word, as written or in lower case, as part of a
/// compound (« semi- », « -ci »), or abbreviated with its full stop (« etc. »).
fn known(doc: &Document, t: &Token, word: &str, after_hyphen: bool, before_hyphen: bool) -> bool {
    let check = crate::lexicon::check_word;
    let lower = word.to_lowercase();
    // The plain list first for both cases: Hunspell is parsed only when neither is there.
    let plain = crate::lexicon::plain_word;
    if plain(word) || plain(&lower) || check(word) || check(&lower) {
        return true;
    }
    // A typographic apostrophe inside the word (« aujourd’hui »).
    if word.contains('’') && check(&word.replace('’', "'")) {
        return true;
    }
    if before_hyphen && check(&format!("{lower}-")) || after_hyphen && check(&format!("-{lower}")) {
        return true;
    }
    doc.view[t.end()..].starts_with('.') && check(&format!("{lower}."))
}

/// True when the closest suggestion is one letter away (not merely an accent away): a
/// capitalised word at a sentence start is then a typo rather than a name.
fn looks_like_a_typo(word: &str) -> bool {
    let lower = word.to_lowercase();
    suggestions(word).first().is_some_and(|s| {
        let s = s.to_lowercase();
        fold_accents(&s) != fold_accents(&lower) && strsim::damerau_levenshtein(&s, &lower) == 1
    })
}

/// At most three corrections, the closest to the word first. Cached across texts.
fn suggestions(word: &str) -> Vec<String> {
    static CACHE: OnceLock<Mutex<HashMap<String, Vec<String>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(s) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(word) {
        return s.clone();
    }
    let raw: Vec<String> = candidates(word)
        .into_iter()
        .filter(|c| crate::lexicon::plain_word_any_case(c))
        .collect();
    let ranked = rank(word, raw);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(word.to_string(), ranked.clone());
    ranked
}

/// Letters tried by the edits, the most frequent in French first.
const ALPHABET: &str = "esaitnrulodcpmévqfgbhàxèjyêzçôîâùûœïëük";

/// What a word may have been meant to be: the same word with other accents (« elements »
/// → « éléments »), and every word one edit away (a letter deleted, inserted, replaced,
/// or two swapped). Spellbook's own suggester finds the same corrections but takes 0.2 to
/// 0.6 s a word with the French dictionary; checking these candidates takes 15 to 50 ms.
fn candidates(word: &str) -> Vec<String> {
    let c: Vec<char> = word.chars().collect();
    let mut out: Vec<String> = Vec::new();
    // Accents, all positions at once (bounded).
    let variants: Vec<&[char]> = c
        .iter()
        .map(|&ch| -> &[char] {
            match ch {
                'e' | 'é' | 'è' | 'ê' | 'ë' => &['e', 'é', 'è', 'ê', 'ë'],
                'a' | 'à' | 'â' => &['a', 'à', 'â'],
                'i' | 'î' | 'ï' => &['i', 'î', 'ï'],
                'o' | 'ô' => &['o', 'ô'],
                'u' | 'ù' | 'û' | 'ü' => &['u', 'ù', 'û', 'ü'],
                'c' | 'ç' => &['c', 'ç'],
                _ => &[],
            }
        })
        .collect();
    let combos = variants
        .iter()
        .filter(|v| !v.is_empty())
        .try_fold(1usize, |n, v| n.checked_mul(v.len()));
    if combos.is_some_and(|n| n <= 2000) {
        let mut idx = vec![0usize; c.len()];
        loop {
            let w: String = c
                .iter()
                .enumerate()
                .map(|(i, &ch)| {
                    if variants[i].is_empty() {
                        ch
                    } else {
                        variants[i][idx[i]]
                    }
                })
                .collect();
            if w != word {
                out.push(w);
            }
            // Next combination.
            let mut k = 0;
            while k < c.len() {
                if variants[k].is_empty() {
                    k += 1;
                    continue;
                }
                idx[k] += 1;
                if idx[k] < variants[k].len() {
                    break;
                }
                idx[k] = 0;
                k += 1;
            }
            if k == c.len() {
                break;
            }
        }
    }
    let s = |v: &[char]| v.iter().collect::<String>();
    for i in 0..c.len() {
        let mut v = c.clone();
        v.remove(i);
        out.push(s(&v));
    }
    for i in 0..c.len().saturating_sub(1) {
        let mut v = c.clone();
        v.swap(i, i + 1);
        out.push(s(&v));
    }
    for i in 0..c.len() {
        for a in ALPHABET.chars() {
            if a != c[i] {
                let mut v = c.clone();
                v[i] = a;
                out.push(s(&v));
            }
        }
    }
    for i in 0..=c.len() {
        for a in ALPHABET.chars() {
            let mut v = c.clone();
            v.insert(i, a);
            out.push(s(&v));
        }
    }
    let mut seen = HashSet::new();
    out.retain(|w| seen.insert(w.clone()));
    out
}

/// Ranks the corrections by closeness to the word: accents only first, then by
/// Damerau-Levenshtein distance on lower-case words, then by the length of the shared
/// beginning (« title » → « titre » before « tille »), then by Jaro-Winkler similarity.
/// Splits into two words are dropped unless nothing else is offered.
fn rank(word: &str, raw: Vec<String>) -> Vec<String> {
    let lower = word.to_lowercase();
    let folded = fold_accents(&lower);
    // Too short to say anything (« at » → « a », « t »).
    if word.chars().count() <= 3 {
        return Vec::new();
    }
    // (split, distance, letters not shared at the start, 1 - Jaro-Winkler in millionths,
    // order)
    let mut scored: Vec<(bool, usize, usize, u32, usize, String)> = raw
        .into_iter()
        .enumerate()
        .filter(|(_, s)| s.chars().count() >= 3 && s != word)
        .map(|(i, s)| {
            let l = s.to_lowercase();
            let split = l.contains(' ') || (l.contains('-') && !lower.contains('-'));
            let accent_only = fold_accents(&l) == folded;
            let dist = if accent_only {
                0
            } else {
                strsim::damerau_levenshtein(&lower, &l)
            };
            let jw = ((1.0 - strsim::jaro_winkler(&lower, &l)) * 1e6) as u32;
            let prefix = lower
                .chars()
                .zip(l.chars())
                .take_while(|(a, b)| a == b)
                .count();
            (
                split,
                dist,
                lower.chars().count().saturating_sub(prefix),
                jw,
                i,
                s,
            )
        })
        .collect();
    scored.sort();
    let has_whole = scored.iter().any(|s| !s.0);
    let mut out: Vec<String> = Vec::new();
    for (split, _, _, _, _, s) in scored {
        if split && has_whole {
            continue;
        }
        if !out.iter().any(|o| o.to_lowercase() == s.to_lowercase()) {
            out.push(s);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// English words that French text does not use (see `untranslated-english`): two of them,
/// making a fifth of a sentence's words, make the sentence English.
static ENGLISH_WORDS: super::WordList = super::WordList::new(&[
    "the", "and", "of", "to", "is", "are", "with", "this", "that", "be", "by", "it", "from", "for",
    "was", "were", "will", "can", "which", "has", "have", "an", "or", "not", "if", "when", "you",
    "your", "its", "into", "should", "must", "been", "these", "those", "at", "in", "we", "they",
    "their", "there", "but", "all", "any", "each", "may", "would", "could", "than", "then", "also",
    "such", "only", "other", "more", "most", "no", "yes", "how", "what", "do", "does",
]);

fn english_sentences(doc: &Document) -> HashSet<u32> {
    let mut out: HashSet<u32> = super::english_sentences(doc, &ENGLISH_WORDS, 5).collect();
    // Code left in the prose (a synopsis, an example program).
    for (i, s) in doc.sentences.iter().enumerate() {
        let v = &doc.view[s.start..s.end];
        if v.contains(['{', '}'])
            || ["();", "->", "==", "#include", "&&", "||", "::", " = "]
                .iter()
                .any(|p| v.contains(p))
            // A C prototype: « int setns(int fd, int nstype); »
            || v.trim_end().ends_with(");")
        {
            out.insert(i as u32);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    const G: &str = r#"
[glossary]
name = "t"
[[term]]
id = "finetuning"
source = ["fine-tuning"]
approved = ["affinage"]
[[entity]]
id = "tsmc"
name = "TSMC"
full-name = "Taiwan Semiconductor Manufacturing Company"
[[entity]]
id = "deepseek"
name = "DeepSeek"
also = ["Deepseek"]
"#;

    fn spelling(text: &str) -> Vec<crate::diagnostic::Diagnostic> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "spelling")
            .collect()
    }

    #[test]
    fn unknown_word_once_with_count_and_suggestions() {
        let d = spelling(
            "La chaîne d'approvisionement est tendue. L'approvisionement reste difficile.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("approvisionement") && d[0].message.contains("2 occurrences"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].suggestions[0].replacement, "approvisionnement");
        assert_eq!(d[0].severity, crate::diagnostic::Severity::Info);
        assert!(d[0].suggestions.len() <= 3);
    }

    #[test]
    fn a_shared_beginning_ranks_first() {
        let d = spelling("Le title de la page.");
        assert_eq!(d[0].suggestions[0].replacement, "titre", "{d:?}");
        let d = spelling("Cliquer sur %(title)s pour voir.");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn accent_errors_rank_the_accented_word_first() {
        let d = spelling("Le systeme est prêt.");
        assert_eq!(d[0].suggestions[0].replacement, "système", "{d:?}");
    }

    #[test]
    fn rectified_spellings_are_french() {
        assert!(
            spelling(
                "L'entrainement et l'entraînement des modèles coutent cher ; il connait le sujet."
            )
            .is_empty()
        );
    }

    #[test]
    fn names_code_acronyms_and_glossary_are_quiet() {
        for ok in [
            "Le fondeur TSMC et la société Deepseek fabriquent des puces avec Taiwan Semiconductor Manufacturing Company.",
            "Le modèle Llama de Zuckerberg tourne sur les GPU H100.",
            "Appelez la fonction parse_config ou getUserName, puis lancez v2beta3.",
            "Le fine-tuning est appelé affinage.",
            "Le XIXe siècle, le 1er janvier, l'arc-en-ciel, c'est-à-dire aujourd'hui, etc.",
            "Le texte dit : the model was trained on these datasets with a learning rate.",
            "Voir https://exemple.com/chemin/inconnuuu pour les détails.",
            "Les semi-conducteurs et les micro-ordinateurs, est-ce vrai ? Celui-ci, peut-être.",
            // From the man pages and Debian's PO files.
            "Consultez setrlimit(2) et free(line) ; utilisez --decode ou --preserve-permissions et -lc.",
            "définissent _POSIX_PRIORITY_SCHEDULING dans <unistd.h> ; response.fd vaut const:env.",
            "de la classe « alnum », de la classe « graph » et de la classe \"lineno\".",
            "Voir /dev/udp et $RANDOM ou %s.",
            "static volatile sig_atomic_t gotSIGQUIT = 0;",
            "strsep - Extraction de séquence d'une chaîne",
            "int setns(int fd, int nstype);",
            "The second format (e.g., <file:/etc/passwd>) is a correct format for referring to a local file.",
        ] {
            let d = spelling(ok);
            assert!(d.is_empty(), "{ok}: {d:?}");
        }
    }

    #[test]
    fn quoted_phrases_are_checked() {
        let d = spelling("Il a dit : « la puce est prette ».");
        assert_eq!(d.len(), 1, "{d:?}");
    }

    #[test]
    fn a_capital_at_sentence_start_is_still_checked() {
        let d = spelling("Finallement, la puce est prête.");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].suggestions[0].replacement, "Finalement");
    }

    #[test]
    fn parts_of_unknown_compounds_are_checked() {
        let d = spelling("Une puce ultra-performannte.");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("performannte"));
    }
}
