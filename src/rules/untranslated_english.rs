//! `untranslated-english`: an English term left in the French text where the glossary has
//! a French equivalent.

use super::{Context, Rule, RuleDoc, RuleMeta, match_case, quote_list};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::Token;
use crate::glossary::Target;

pub struct UntranslatedEnglish;

static META: RuleMeta = RuleMeta {
    id: "untranslated-english",
    category: Category::Untranslated,
    severity: Severity::Warning,
    summary: "Terme anglais resté tel quel alors que le glossaire donne son équivalent français.",
    doc: RuleDoc {
        what: "Signale un terme source anglais du glossaire (« AI », « machine learning ») trouvé \
               dans le texte français, sauf dans un nom de marque (« Meta AI », « Mistral AI »), \
               du code ou une adresse.",
        why: "Le lecteur francophone attend le terme français ; le terme anglais oublié trahit une \
              traduction inachevée.",
        example: "Meta a lancé des puces AI personnalisées.",
        instead: "Meta a lancé des puces d'IA personnalisées.",
    },
};

impl Rule for UntranslatedEnglish {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let toks = &cx.doc.tokens;
        let entity_spans = super::SpanSet::new(
            cx.hits
                .iter()
                .filter(|h| h.target.is_entity_form())
                .map(|h| h.span()),
        );
        // Reported spans never overlap each other: the one that starts last before a span
        // ends is the only one that can overlap it.
        let mut reported: std::collections::BTreeMap<usize, usize> =
            std::collections::BTreeMap::new();
        // Whether each sentence is English, found when a hit first asks (few get that far).
        let mut english: Vec<Option<bool>> = super::per_sentence(cx.doc);
        for hit in &cx.hits {
            let Target::Source { term, index } = hit.target else {
                continue;
            };
            let t = &cx.glossary.glossary.terms[term as usize];
            if !t.check_untranslated {
                continue;
            }
            let source = &t.source[index as usize];
            let found: &str = &cx.text(hit.span());
            // An English term that is also French for the glossary (« GPU ») is not untranslated.
            let norm_source = crate::document::normalize_word(source);
            if t.approved
                .iter()
                .any(|a| crate::document::normalize_word(a) == norm_source)
            {
                continue;
            }
            // Acronyms must match their case: « AI » yes, « ai » (avoir) never.
            let acronym = source.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !source.chars().any(char::is_lowercase);
            if acronym && found.chars().any(char::is_lowercase) && !found.ends_with('s') {
                continue;
            }
            // Part of a brand name (« Meta AI », « AI Act »), or inside a known entity.
            if super::beside_a_name(cx.doc, hit.first(), hit.last())
                || entity_spans.overlaps(&hit.span())
            {
                continue;
            }
            // A whole sentence in English is an untranslated segment, not a term left behind;
            // so is an English clause in a French sentence (« … enables a number of advanced
            // features, such as … »).
            if *english[toks[hit.first()].sentence as usize]
                .get_or_insert_with(|| sentence_is_english(toks, hit.first()))
                || english_around(cx, hit.first(), hit.last())
            {
                continue;
            }
            // An identifier: glued to an option or a path (« --allow-unsafe-features »,
            // « <features.h> »), or named as a field, an option, a variable (« le champ
            // features »).
            let view = &cx.doc.view;
            let glued = |c: Option<char>| c.is_some_and(|c| "-_<>/=[]".contains(c));
            // A call or a C declaration: « fabs(3) », « features; ».
            let call = |c: Option<char>| c.is_some_and(|c| "(;".contains(c));
            if glued(view[..hit.span().start].chars().next_back())
                || glued(view[hit.span().end..].chars().next())
                || call(view[hit.span().end..].chars().next())
                || hit.first() > 0
                    && IDENTIFIER_NOUNS.contains(&toks[hit.first() - 1].norm.as_str())
            {
                continue;
            }
            // One finding per span, whichever source term matched it.
            if reported
                .range(..hit.span().end)
                .next_back()
                .is_some_and(|(&s, &e)| Span::new(s, e).overlaps(&hit.span()))
            {
                continue;
            }
            reported.insert(hit.span().start, hit.span().end);
            let suggestions: Vec<String> =
                t.approved.iter().map(|a| match_case(found, a)).collect();
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    t.severity.min(Severity::Warning).max(META.severity),
                    hit.span(),
                    format!(
                        "« {found} » est resté en anglais : le glossaire donne {}.",
                        quote_list(&t.approved)
                    ),
                )
                .with_replacements(suggestions)
                .with_applicability(crate::diagnostic::Applicability::Unsafe)
                .with_note(t.note.clone())
                .with_entry(t.id.as_str()),
            );
        }
    }
}

/// True when the sentence of token `k` is English: `super::english_sentences` with these
/// words and share, on the words of that sentence alone.
fn sentence_is_english(toks: &[Token], k: usize) -> bool {
    let (mut en, mut all) = (0, 0);
    for t in super::sentence_tokens(toks, k)
        .iter()
        .filter(|t| t.is_word())
    {
        all += 1;
        en += usize::from(ENGLISH_WORDS.contains(&t.norm));
    }
    super::mostly_english(en, all, 4)
}

/// English words that French text does not use: two of them, making a quarter of a
/// sentence's words, make the sentence English.
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
    "on",
    "was",
    "were",
    "will",
    "can",
    "which",
    "has",
    "have",
    "an",
    "or",
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
    "such",
    "enables",
    "no",
    "then",
    "following",
    "defined",
]);

/// Nouns after which a word is the name of an identifier (« le champ features »).
const IDENTIFIER_NOUNS: &[&str] = &[
    "champ",
    "champs",
    "option",
    "options",
    "variable",
    "variables",
    "paramètre",
    "paramètres",
    "macro",
    "macros",
    "fonction",
    "attribut",
    "clé",
    "commande",
    "fichier",
    "drapeau",
];

/// French function words: one of them near a term says the clause is French.
const FRENCH_WORDS: &[&str] = &[
    "le", "la", "les", "l'", "de", "d'", "des", "du", "un", "une", "et", "est", "sont", "en",
    "pour", "dans", "sur", "par", "avec", "qui", "que", "qu'", "ne", "pas", "ce", "cette", "au",
    "aux", "à", "il", "elle", "se", "s'", "son", "sa", "ses", "ou", "plus", "leur", "leurs",
];

/// True when the words around a hit (five on each side, same sentence) hold at least two
/// English function words and no French one.
fn english_around(cx: &Context, first: usize, last: usize) -> bool {
    let toks = &cx.doc.tokens;
    let sentence = toks[first].sentence;
    let lo = first.saturating_sub(5);
    let hi = (last + 6).min(toks.len());
    let (mut en, mut fr) = (0, 0);
    for t in toks[lo..hi].iter().filter(|t| t.sentence == sentence) {
        let w = t.norm.as_str();
        if ENGLISH_WORDS.contains(w) {
            en += 1;
        } else if FRENCH_WORDS.contains(&w) {
            fr += 1;
        }
    }
    en >= 2 && fr == 0
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::testing::{Rng, check_with};

    /// A sentence is English by its own words as by `english_sentences` over the whole
    /// text, on random texts of English and French words.
    #[test]
    fn english_by_sentence_as_over_the_whole_text() {
        let pieces = [
            "the ",
            "and ",
            "of ",
            "to ",
            "is ",
            "le ",
            "de ",
            "features ",
            "fichier ",
            "2024 ",
            "The ",
            "l'",
            ". ",
            "! ",
            "\n\n",
            " ",
            "😀 ",
        ];
        let mut rng = Rng::new(0xe9e9);
        let mut english = 0;
        for _ in 0..400 {
            let doc = Document::from_str(&rng.string(&pieces, 60));
            let all: std::collections::HashSet<u32> =
                super::super::english_sentences(&doc, &super::ENGLISH_WORDS, 4).collect();
            for (k, t) in doc.tokens.iter().enumerate() {
                let is = all.contains(&t.sentence);
                assert_eq!(super::sentence_is_english(&doc.tokens, k), is, "{k}");
                english += usize::from(is);
            }
        }
        assert!(english > 100, "{english}");
    }

    const G: &str = r#"
[glossary]
name = "t"
[[term]]
id = "ai"
source = ["AI", "artificial intelligence"]
approved = ["IA", "intelligence artificielle"]
[[term]]
id = "gpu"
source = ["GPU"]
approved = ["processeur graphique", "GPU"]
[[term]]
id = "performance"
source = ["performance"]
approved = ["performance"]
check-untranslated = false
"#;

    #[test]
    fn english_left_in_french() {
        let d = check_with(G, "Meta a lancé des puces AI personnalisées.");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].rule, "untranslated-english");
        assert_eq!(d[0].suggestions[0].replacement, "IA");
    }

    #[test]
    fn brands_case_and_french_words_are_quiet() {
        assert!(check_with(G, "Meta AI et l'AI Act arrivent.").is_empty());
        assert_eq!(check_with(G, "Le AI de Meta.").len(), 1);
        assert!(check_with(G, "J'ai acheté des GPU. Leur performance est bonne.").is_empty());
        assert!(
            check_with(
                G,
                "Le texte dit : The AI is trained on the data of the web."
            )
            .is_empty()
        );
    }
}
