//! `elision`: a word that French elides before a vowel, written in full (« de OpenAI »,
//! « que Apple », « la IA », « si il ») — a slip machine translation makes before names.

use super::typography::{FORM_MAY_ELIDE, FORM_MAY_FOLLOW, Prose};
use super::{Context, Rule, RuleDoc, RuleMeta, match_case};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::lexicon::{Number, Pos};
use std::collections::HashSet;

pub struct Elision;

static META: RuleMeta = RuleMeta {
    id: "elision",
    category: Category::Grammar,
    severity: Severity::Warning,
    summary: "Élision oubliée devant une voyelle (« de OpenAI » pour « d'OpenAI »).",
    doc: RuleDoc {
        what: "Signale (avertissement devant un pronom, un déterminant ou un nom connu, info \
               devant un autre mot, qui peut être un identifiant) « de », « que », « le », « la », « je », « me », « te », « se », « ne », \
               « jusque », « lorsque », « puisque » écrits en entier devant un mot qui commence \
               par une voyelle (« de OpenAI », « que Apple », « la IA »), « si » devant « il » \
               ou « ils », « ce » devant « est » ou « était » ; la correction sûre élide \
               (« d'OpenAI », « qu'Apple », « l'IA », « s'il », « c'est »). Ne signale rien \
               devant un h (muet ou aspiré, le dictionnaire ne le dit pas), devant « oui », \
               « onze », « ouate », « un » ou « une » comptés (« de un à dix »), dans le code ni \
               dans les phrases en anglais.",
        why: "L'élision est obligatoire devant une voyelle ; la traduction automatique \
              l'oublie surtout devant les noms propres et les sigles.",
        example: "La puce de OpenAI sera gravée par TSMC, a indiqué la société, qui précise que Apple reste son premier client.",
        instead: "La puce d'OpenAI sera gravée par TSMC, a indiqué la société, qui précise qu'Apple reste son premier client.",
    },
};

/// Words elided before a vowel, and their elided form.
const ELIDED: &[(&str, &str)] = &[
    ("de", "d'"),
    ("que", "qu'"),
    ("le", "l'"),
    ("la", "l'"),
    ("je", "j'"),
    ("me", "m'"),
    ("te", "t'"),
    ("se", "s'"),
    ("ne", "n'"),
    ("jusque", "jusqu'"),
    ("lorsque", "lorsqu'"),
    ("puisque", "puisqu'"),
];

/// Words after which a vowel does not call for elision.
const NO_ELISION: &[&str] = &[
    "oui",
    "onze",
    "onzième",
    "onzièmes",
    "ouate",
    "ouistiti",
    "uhlan",
    "ululement",
    "ouaté",
    "ouf",
    "ohm",
    "ohms",
];

/// Words before which a missing elision is a sure slip (pronouns, determiners).
const SURE_AFTER: &[&str] = &[
    "il", "ils", "elle", "elles", "on", "un", "une", "en", "y", "eux", "aucun", "aucune", "autre",
    "autres", "à", "au", "aux", "abord", "ailleurs", "après", "avant", "entre", "est", "était",
    "a", "avait", "ont", "avaient", "ai", "es", "être", "avoir", "ici",
];

fn starts_with_vowel(w: &str) -> bool {
    // (An ASCII first byte is tested as it is: nearly every word.)
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => {
            matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u')
        }
        _ => starts_with_vowel_char(w),
    }
}

/// `starts_with_vowel` on the first character, whatever it is.
fn starts_with_vowel_char(w: &str) -> bool {
    w.chars().next().is_some_and(|c| {
        matches!(
            c.to_lowercase().next().unwrap_or(c),
            'a' | 'e' | 'i' | 'o' | 'u' | 'à' | 'â' | 'é' | 'è' | 'ê' | 'ë' | 'î' | 'ï' | 'ô' | 'û'
        )
    })
}

/// The elided form of `aw` before `bw` when French elides it there: before a vowel, or
/// before the few words after which « si », « ce », « lorsque », « puisque », « jusque »
/// elide.
fn elided_form(aw: &str, bw: &str) -> Option<&'static str> {
    match aw {
        "si" if matches!(bw, "il" | "ils") => Some("s'"),
        "ce" if matches!(bw, "est" | "était" | "étaient") => Some("c'"),
        // « lorsque », « puisque » elide before a few words only, « jusque » before
        // « à », « où », « ici »…
        "lorsque" | "puisque"
            if !matches!(
                bw,
                "il" | "ils" | "elle" | "elles" | "on" | "en" | "un" | "une" | "ainsi"
            ) =>
        {
            None
        }
        "jusque" if !matches!(bw, "à" | "au" | "aux" | "alors" | "ici" | "où") => None,
        // (The vowel first: a cheap test, false for most words after « de ».)
        _ if !starts_with_vowel(bw) => None,
        _ => ELIDED.iter().find(|(w, _)| *w == aw).map(|(_, e)| *e),
    }
}

/// The words `elided_form` may elide: « si », « ce » and those of `ELIDED`, compared
/// byte by byte (most words of a text are none of these, and are turned away on their
/// length or first bytes).
pub(super) fn may_elide(aw: &str) -> bool {
    match *aw.as_bytes() {
        [x, b'e'] => matches!(x, b'c' | b'd' | b'j' | b'l' | b'm' | b'n' | b's' | b't'),
        [b'l', b'a'] | [b's', b'i'] | [b'q', b'u', b'e'] => true,
        [b'j' | b'l' | b'p', ..] => matches!(aw, "jusque" | "lorsque" | "puisque"),
        _ => false,
    }
}

/// True when `bw` may follow a word that `elided_form` elides, and the rule's next tests
/// may keep it: it starts with a vowel (every word `elided_form` elides before does,
/// « il », « est », « à », « où » included) and is none of the words after which the
/// rule never reports. Asked once per distinct word, so that a token of « de » followed
/// by a consonant (nearly all of them in French) is turned away on the next token's id.
pub(super) fn may_follow(bw: &str) -> bool {
    starts_with_vowel(bw) && !NO_ELISION.contains(&bw) && !matches!(bw, "ou" | "où" | "et")
}

impl Rule for Elision {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let toks = &cx.doc.tokens;
        let view = &cx.doc.view;
        let mut p: Option<Prose> = None;
        let mut entity_starts: Option<HashSet<usize>> = None;
        // (Most words are none of the elided ones: only the tokens of those that are, found
        // by a flag worked out once per distinct word, are visited.)
        let words = cx.doc.vocabulary();
        // (Both flags read from the bits the typography view shares, worked out in one pass
        // over the forms' first tokens, each a cache miss.)
        let flags = super::typography::form_flags(cx.doc);
        let flags = &flags.0;
        let may: Vec<bool> = flags.iter().map(|&f| f & FORM_MAY_ELIDE != 0).collect();
        for k in super::occurrences(cx.doc).of_words(&may) {
            let k = k as usize;
            // (The last token has no word after it.) The next word is tested on its id
            // before either token is read: reading them cost a cache miss per « de », and
            // few are followed by a vowel.
            if k + 1 >= toks.len() || flags[words.ids[k + 1] as usize] & FORM_MAY_FOLLOW == 0 {
                continue;
            }
            let a = &toks[k];
            let aw = a.norm.as_str();
            let b = &toks[k + 1];
            // One space between the two (`view[a.end..b.start] == " "`, on bytes).
            if a.sentence != b.sentence
                || b.start() != a.end() + 1
                || view.as_bytes()[a.end()] != b' '
                || !b.is_word()
            {
                continue;
            }
            let bw = b.norm.as_str();
            // (`may_follow(bw)` holds: its other tests were made on the id.)
            let Some(elided) = elided_form(aw, bw) else {
                continue;
            };
            // « le/la afin »: a choice of words, not an article.
            if view[..a.start()].ends_with('/') || view[a.end()..].starts_with('/') {
                continue;
            }
            // A name: only those the glossary or the dictionary knows (« OpenAI », « Apple »,
            // « AMD »); the others may be a label, a macro or a metavariable of a man page
            // (« de EAGAIN », « de EXPRESSION », « autres que Ajout »).
            if b.capitalized || b.all_caps {
                let entities = entity_starts.get_or_insert_with(|| {
                    cx.hits
                        .iter()
                        .filter(|h| h.target.is_entity_form())
                        .map(|h| h.span().start)
                        .collect()
                });
                let readings = crate::lexicon::morphology().analyses(bw);
                let known_name = !readings.is_empty()
                    && readings.iter().all(|r| {
                        r.pos.has(Pos::NAME)
                            || (b.all_caps && r.pos.has(Pos::NOUN) && r.number == Number::Either)
                    });
                if !entities.contains(&b.start()) && !known_name {
                    continue;
                }
            }
            // A counted « un » (« de un à dix », « le un pour cent »), « la une » (the front
            // page), « le à » (a sign named).
            let after = toks.get(k + 2).filter(|t| t.sentence == b.sentence);
            if matches!(bw, "un" | "une")
                && (aw == "la"
                    || aw == "le"
                    || after.is_none_or(|t| {
                        !t.is_word() || matches!(t.norm.as_str(), "à" | "ou" | "et" | "sur")
                    }))
            {
                continue;
            }
            // A word glued to code or a path (« de ./a.out », « le -e »), a one-letter
            // word or variable (« de a », « le i »), an unknown lower-case identifier
            // (« de argv »).
            let next_text = &view[b.start()..b.end()];
            let mut rest = view[b.end()..].chars();
            let glued_after = match rest.next() {
                Some(c) if "_(=/[-".contains(c) => true,
                // « a.out », « std::cout », not the end of a sentence or a colon.
                Some('.' | ':') => rest.next().is_some_and(|c| c.is_alphanumeric() || c == ':'),
                _ => false,
            };
            if glued_after || bw.chars().count() < 2 && !b.all_caps {
                continue;
            }
            // The word before, as written: « De » at the start of a sentence.
            if k > 0
                && toks[k - 1].sentence == a.sentence
                && view[toks[k - 1].end()..a.start()].contains(['-', '\'', '’'])
            {
                continue;
            }
            let p = p.get_or_insert_with(|| Prose::new(cx.doc));
            if !p.is_visible_french(a.start(), b.end()) {
                continue;
            }
            // An unknown lower-case word: an identifier (« de offset »). Known means in the
            // morphology or the plain word list; Hunspell's compounds are not asked for (its
            // parse costs more than the rest of the rule, and the corpora read the same).
            if !b.capitalized
                && !b.all_caps
                && crate::lexicon::morphology().analyses(bw).is_empty()
                && !crate::lexicon::plain_word(next_text)
            {
                continue;
            }
            let written = cx.text(Span::new(a.start(), a.end()));
            let apostrophe = if cx.doc.text.contains('’') && !cx.doc.text.contains('\'') {
                elided.replace('\'', "’")
            } else {
                elided.to_string()
            };
            let replacement = match_case(&written, &apostrophe);
            // Before a pronoun, a determiner or a known name the slip is sure; before
            // another word it may be an identifier of technical prose written in italics
            // (« la valeur de offset »): an information.
            let sure = b.capitalized
                || b.all_caps
                || matches!(aw, "si" | "ce")
                || SURE_AFTER.contains(&bw);
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    if sure { META.severity } else { Severity::Info },
                    Span::new(a.start(), b.start()),
                    format!(
                        "« {written} {} » : élision obligatoire devant une voyelle (« {replacement}{} »).",
                        cx.text(Span::new(b.start(), b.end())),
                        cx.text(Span::new(b.start(), b.end())),
                    ),
                )
                .with_replacements([replacement]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ELIDED, elided_form, may_elide, starts_with_vowel, starts_with_vowel_char};
    use crate::testing::check_with;

    #[test]
    fn may_elide_turns_away_only_words_never_elided() {
        // Elided words, their neighbours, accents, capitals, apostrophes, digits, emoji.
        let words: Vec<&str> = "de d' que qu' le la les l' je me te se ne si s' ce c' cet \
            jusque lorsque puisque quoique presque un à où il ils est était étaient ainsi \
            alors ici au aux elle on en une openai apple ia été écrit œuvre Île île è ë x 2024 \
            1er 😀 de😀 dé lé sì hôtel ulysse yeux thé que’ jusqu'à lorsqu' puisqu'il é dès \
            tel sa ta ma mes nos qui De LA Si CE Apple IA Œuvre Été ÉTÉ Ulysse Yeux Écrit"
            .split(' ')
            .chain(["", "ce\u{a0}", "de\u{202f}"])
            .collect();
        for &w in &words {
            assert_eq!(starts_with_vowel(w), starts_with_vowel_char(w), "{w}");
        }
        for (w, _) in ELIDED.iter().chain([&("si", ""), &("ce", "")]) {
            assert!(may_elide(w), "{w}");
        }
        for &aw in &words {
            if !may_elide(aw) {
                for &bw in &words {
                    assert_eq!(elided_form(aw, bw), None, "{aw} {bw}");
                }
            }
        }
    }

    #[test]
    fn may_follow_keeps_every_word_the_rule_may_report_before() {
        // The tests `may_follow` makes on the next word's id, against those the rule made
        // on its tokens: the same on every pair of sample and random words.
        use super::{NO_ELISION, may_follow};
        let mut rng = crate::testing::Rng::new(11);
        let pieces = [
            "a", "e", "i", "o", "u", "y", "h", "d", "l", "s", "t", "q", "é", "è", "ê", "à", "â",
            "î", "ï", "ô", "û", "ù", "ë", "É", "À", "Œ", "œ", "A", "I", "'", "’", "1", "-", "ou",
            "où", "et", "il", "est", "était", "ici", "oui", "onze", "ohm", "😀",
        ];
        let mut bws: Vec<String> = (0..3000).map(|_| rng.string(&pieces, 3)).collect();
        bws.extend(NO_ELISION.iter().map(|w| w.to_string()));
        bws.extend(
            "il ils elle on en un une ainsi est était étaient à au aux alors ici où ou et \
             oui ouate Apple IA OpenAI été écrit œuvre Île île ulysse yeux hôtel"
                .split_whitespace()
                .map(str::to_string),
        );
        let aws = ELIDED
            .iter()
            .map(|(w, _)| *w)
            .chain(["si", "ce", "les", "du"]);
        let mut reported = 0;
        for aw in aws {
            for bw in &bws {
                let bw = bw.as_str();
                let before = elided_form(aw, bw).is_some()
                    && !(NO_ELISION.contains(&bw) || matches!(bw, "ou" | "où" | "et"));
                let now = may_follow(bw) && elided_form(aw, bw).is_some();
                assert_eq!(before, now, "{aw} {bw}");
                reported += usize::from(now);
            }
        }
        assert!(reported > 100, "{reported}");
    }

    const G: &str = "[glossary]\nname='t'\n[[entity]]\nid='openai'\nname='OpenAI'\n";

    fn fixed(text: &str) -> Vec<String> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "elision")
            .map(|d| {
                format!(
                    "{}→{}",
                    &text[d.span.start..d.span.end],
                    d.suggestions[0].replacement
                )
            })
            .collect()
    }

    #[test]
    fn missing_elisions() {
        assert_eq!(
            fixed("La puce de OpenAI est prête et il précise que Apple reste client."),
            ["de →d'", "que →qu'"]
        );
        assert_eq!(fixed("Si il pleut, la IA attendra."), ["Si →S'", "la →l'"]);
        assert_eq!(fixed("Ce est une puce de AMD."), ["Ce →C'", "de →d'"]);
    }

    #[test]
    fn no_elision_where_french_keeps_the_word() {
        for t in [
            "La puce d'OpenAI est prête et il précise qu'Apple reste client.",
            "Il a répondu que oui, de onze à douze heures, le onzième jour.",
            "Comptez de un à dix, puis de une à trois fois ; à la une du journal.",
            "La taille de huit octets et le héros de Hugo.",
            "La valeur de argv et de ./a.out ou de i.",
            "The value of le in the example is a string.",
            "Utilisez `de OpenAI` dans le code.",
            "La valeur de EAGAIN, de EXPRESSION et de AF_INET ; les modes autres que Ajout.",
            "Le ou les signaux, plus de, moins de ou précisément n ; verrouillez le/la afin de.",
            "Lorsque indiqué, puisque alors.",
        ] {
            assert!(fixed(t).is_empty(), "{t}: {:?}", fixed(t));
        }
    }
}
