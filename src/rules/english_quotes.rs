//! `english-quotes`: quotation marks of English ("…", “…”) in French prose.

use super::typography::{Prose, is_plain_word};
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};

pub struct EnglishQuotes;

static META: RuleMeta = RuleMeta {
    id: "english-quotes",
    category: Category::LocaleConvention,
    severity: Severity::Warning,
    summary: "Guillemets anglais (\"…\", “…”) au lieu des guillemets français « … ».",
    doc: RuleDoc {
        what: "Signale une paire de guillemets droits (\"…\") ou anglais (“…”) ouverte et fermée \
               sur la même ligne autour de texte français : plusieurs mots dont un mot-outil \
               français ou une lettre accentuée (« \"la fin d'une époque\" »), ou un mot \
               accentué (« \"étape\" »). La correction (sûre) remplace la paire par « … » avec \
               des espaces insécables. Ne signale pas les guillemets à l'intérieur de « … » \
               (les guillemets anglais y sont les guillemets de second niveau), les valeurs, \
               commandes et identifiants cités (« \"git pull\" », « \"none\" », \
               « \"texinfo_documents\" », « \"%1\" », « \"--abort\" », « “EST” », usage \
               répandu et toléré dans les textes techniques), les chaînes d'un appel de fonction \
               (« f(\"…\") »), les phrases en anglais, le code ni une ligne où les guillemets ne \
               vont pas par paires.",
        why: "Le français cite entre guillemets en chevrons, « … », espacés par des espaces \
              insécables ; les guillemets droits ou anglais trahissent une traduction ou une \
              saisie non relue. Les guillemets anglais ne servent qu'au second niveau, à \
              l'intérieur d'une citation.",
        example: "Meta parle d'une \"étape importante\" pour ses puces.",
        instead: "Meta parle d'une «\u{A0}étape importante\u{A0}» pour ses puces.",
    },
};

impl Rule for EnglishQuotes {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let doc = cx.doc;
        // The lines that hold a « \" » or a « “ », found by two searches over the whole text
        // (memchr; « “ » by its last byte, see `char_offsets`), not two per line.
        let bytes = doc.text.as_bytes();
        let lines = doc.lines.lines_of(
            memchr::memchr_iter(b'"', bytes).chain(super::typography::char_offsets(bytes, '“')),
        );
        for line in lines {
            let text = doc.lines.line_text(&doc.text, line);
            let start = doc.lines.line_start(line);
            if p.is_code_at(start) {
                continue;
            }
            let straight: Vec<usize> = text
                .match_indices('"')
                .map(|(i, _)| i)
                .filter(|&i| p.visible(start + i))
                .collect();
            if straight.len().is_multiple_of(2) {
                for pair in straight.chunks(2) {
                    judge(&p, start, text, pair[0], pair[1], '"', '"', out);
                }
            }
            let opens: Vec<usize> = text.match_indices('“').map(|(i, _)| i).collect();
            let closes: Vec<usize> = text.match_indices('”').map(|(i, _)| i).collect();
            if opens.len() == closes.len() && opens.iter().zip(&closes).all(|(o, c)| o < c) {
                for (o, c) in opens.iter().zip(&closes) {
                    judge(&p, start, text, *o, *c, '“', '”', out);
                }
            }
        }
    }
}

/// Judges a pair of quotation marks at `o` and `c` (offsets in the line `text`).
#[allow(clippy::too_many_arguments)]
fn judge(
    p: &Prose,
    start: usize,
    text: &str,
    o: usize,
    c: usize,
    open: char,
    close: char,
    out: &mut Vec<Diagnostic>,
) {
    let inner = &text[o + open.len_utf8()..c];
    let end = c + close.len_utf8();
    if inner.is_empty()
        || inner.starts_with(char::is_whitespace)
        || inner.ends_with(char::is_whitespace)
    {
        return;
    }
    // Opening after a space or a bracket, closing before a space or a punctuation mark.
    let before = text[..o].chars().next_back();
    let after = text[end..].chars().next();
    if !before.is_none_or(|b| b.is_whitespace() || "(['’".contains(b))
        || !after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]»…".contains(a))
    {
        return;
    }
    // Inside « … »: second-level quotation marks.
    let opened = text[..o].matches('«').count();
    let closed = text[..o].matches('»').count();
    if opened > closed {
        return;
    }
    if !p.is_visible_french(start + o, start + end) {
        return;
    }
    // A function call: « f("…") ».
    if before == Some('(')
        && text[..o - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return;
    }
    if !is_french_text(inner) {
        return;
    }
    let replacement = format!("«\u{A0}{inner}\u{A0}»");
    out.push(
        Diagnostic::new(
            META.id,
            META.category,
            META.severity,
            Span::new(start + o, start + end),
            format!("guillemets anglais {open}…{close} : le français cite entre « … »."),
        )
        .with_replacements([replacement]),
    );
}

/// French words that show a quotation is French text, not a value or a command.
const FRENCH_WORDS: &[&str] = &[
    "le", "la", "les", "l", "de", "des", "du", "d", "un", "une", "et", "à", "au", "aux", "en",
    "pour", "par", "sur", "dans", "avec", "que", "qu", "qui", "est", "sont", "ce", "cette", "ne",
    "pas", "il", "elle", "nous", "vous", "on", "se", "son", "sa", "ses", "leur", "plus", "très",
    "c", "n", "s", "j",
];

/// True when quoted text reads as French: no code signs; one word with an accented letter,
/// or several words among which a French function word or an accented letter.
fn is_french_text(inner: &str) -> bool {
    if inner.contains(|c: char| "<>=/_%$@#*[]{}|\\~^`".contains(c)) {
        return false;
    }
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.iter().any(|w| {
        w.starts_with('-')
            || w.trim_end_matches(['.', ',', ':', ';', '!', '?', '…'])
                .contains(['.', ':'])
    }) {
        return false;
    }
    let accented = |w: &str| w.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    let plain = |w: &&str| is_plain_word(w.trim_end_matches(['.', ',', ':', ';', '!', '?', '…']));
    if words.len() == 1 {
        let w = words[0];
        return plain(&w) && accented(w) && w.chars().any(char::is_lowercase);
    }
    let function = words.iter().any(|w| {
        let w = w.to_lowercase();
        let w = w.trim_end_matches(['.', ',', ':', ';', '!', '?']);
        match w.split_once(['\'', '’']) {
            Some((elided, _)) => FRENCH_WORDS.contains(&elided),
            None => w.chars().count() > 1 && FRENCH_WORDS.contains(&w),
        }
    });
    (function || words.iter().any(|w| accented(w)))
        && words.iter().filter(|w| plain(w)).count() * 2 >= words.len()
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    const G: &str = "[glossary]\nname='t'\n";

    fn quotes(text: &str) -> Vec<String> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "english-quotes")
            .map(|d| d.suggestions[0].replacement.clone())
            .collect()
    }

    #[test]
    fn english_quotes_in_french_prose() {
        assert_eq!(
            quotes("Meta parle d'une \"étape importante\" pour ses puces."),
            ["«\u{A0}étape importante\u{A0}»"]
        );
        assert_eq!(
            quotes("Le mot “entraînement” convient."),
            ["«\u{A0}entraînement\u{A0}»"]
        );
        assert_eq!(
            quotes("Il a parlé de \"la fin d'une époque\"."),
            ["«\u{A0}la fin d'une époque\u{A0}»"]
        );
    }

    #[test]
    fn nested_technical_english_and_unbalanced_are_left() {
        for t in [
            "Il a dit : « c'est une “étape” importante ».",
            "aucune valeur de configuration \"texinfo_documents\" trouvée",
            "Le fichier \"%1\" existe déjà.",
            "Sélectionner le fichier \"a.txt\" puis \"HTTP\".",
            "acct(\"/var/log/pacct\");",
            "He said \"this is the end of it\" and left.",
            "Un seul \" guillemet ouvrant.",
            "printf(\"Erreur : %s\\n\", msg);",
            "(utilisez \"git cherry-pick --abort\" pour annuler) ou \"git pull\"",
            "la valeur \"noscroll\" ou \"none\" et la section \"CONFIGURATION FILE\"",
            "test_kcmp(\"Comparer les FDs dupliqués issus de processus différents :\",",
            "Dans “EST” ou “EDT”, la “variable part”.",
            "wget enverra une commande \"PROT C\" pour cela.",
        ] {
            assert!(quotes(t).is_empty(), "{t}");
        }
    }
}
