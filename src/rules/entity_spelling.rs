//! `entity-spelling`: a name of the glossary written otherwise than its canonical spelling.

use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::glossary::{Entity, Target};

pub struct EntitySpelling;

static META: RuleMeta = RuleMeta {
    id: "entity-spelling",
    category: Category::Terminology,
    severity: Severity::Warning,
    summary: "Nom propre (société, produit, organisme) mal orthographié.",
    doc: RuleDoc {
        what: "Signale un nom du glossaire écrit autrement que sa graphie de référence : casse \
               différente (« NVIDIA » pour « Nvidia ») ou faute connue (« Open AI »).",
        why: "Les noms propres s'écrivent d'une seule façon dans une publication ; une graphie \
              fautive nuit à la crédibilité et gêne la recherche.",
        example: "Meta dépend encore de NVIDIA pour ses processeurs graphiques.",
        instead: "Meta dépend encore de Nvidia pour ses processeurs graphiques.",
    },
};

/// True when a text span is a spelling to judge: not all lower case (a common word such as
/// « meta »), not inside a sentence written all in capitals (a title).
pub fn is_judged_spelling(cx: &Context, span: Span, first_token: usize) -> bool {
    judged_in(cx.doc, span, first_token)
}

/// `is_judged_spelling` of a document. The capital is looked for in the view of the span,
/// not in its displayed text (`Document::display`): the two differ in white space alone,
/// and the display read the text too and compared it with the view, a cache miss a call at
/// a random place of the text (`entity-inconsistent` asks it of a capitalised word per
/// sentence: `display` was 0.4 ms of the PO text's run).
fn judged_in(doc: &crate::document::Document, span: Span, first_token: usize) -> bool {
    if !has_upper(&doc.view[span.start..span.end]) {
        return false;
    }
    let s = doc.tokens[first_token].sentence as usize;
    match doc.sentences.get(s) {
        Some(sent) => has_lower(&doc.view[sent.start..sent.end]),
        None => true,
    }
}

/// `s.chars().any(char::is_uppercase)`: an ASCII capital looked for on the bytes first,
/// the characters decoded only for a text beyond ASCII that has none.
fn has_upper(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_uppercase())
        || (!s.is_ascii() && s.chars().any(|c| !c.is_ascii() && c.is_uppercase()))
}

/// `s.chars().any(char::is_lowercase)`, as `has_upper`. (Asked of 21,000 sentences of the
/// man pages, whose first letters are often capitals: « NOM », « SYNOPSIS ».)
fn has_lower(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_lowercase())
        || (!s.is_ascii() && s.chars().any(|c| !c.is_ascii() && c.is_lowercase()))
}

/// True when the span is part of a hyphenated or dotted compound (« META-INF »,
/// « meta.json »): another word, not the name.
fn in_compound(cx: &Context, span: Span) -> bool {
    let v = &cx.doc.view;
    let before = v[..span.start].chars().next_back();
    let after = v[span.end..].chars().next();
    let glue = |c: Option<char>| matches!(c, Some('-' | '.' | '_' | '/'));
    (glue(after)
        && v[span.end + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric))
        || (glue(before)
            && v[..span.start - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric))
}

fn same_spelling(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .replace(['’', 'ʼ'], "'")
    };
    norm(a) == norm(b)
}

/// The canonical form a hit on an entity should have, if the hit is one of its forms.
pub fn expected_form(e: &Entity, target: Target) -> Option<&str> {
    match target {
        Target::EntityName { .. } => Some(&e.name),
        Target::EntityFullName { .. } => e.full_name.as_deref(),
        Target::EntityAlso { index, .. } => Some(&e.also[index as usize]),
        _ => None,
    }
}

impl Rule for EntitySpelling {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let entities = &cx.glossary.glossary.entities;
        for hit in &cx.hits {
            let (entity, wrong) = match hit.target {
                Target::EntityName { entity }
                | Target::EntityFullName { entity }
                | Target::EntityAlso { entity, .. } => (entity, false),
                Target::EntityWrong { entity, .. } => (entity, true),
                _ => continue,
            };
            let e = &entities[entity as usize];
            let found: &str = &cx.text(hit.span());
            let accepted = e.accepted().any(|a| same_spelling(a, found));
            if accepted {
                continue;
            }
            if !is_judged_spelling(cx, hit.span(), hit.first()) {
                continue;
            }
            if !wrong {
                let Some(expected) = expected_form(e, hit.target) else {
                    continue;
                };
                if same_spelling(expected, found) || in_compound(cx, hit.span()) {
                    continue;
                }
            }
            let expected = match hit.target {
                Target::EntityFullName { .. } => {
                    e.full_name.clone().unwrap_or_else(|| e.name.clone())
                }
                Target::EntityAlso { index, .. } => e.also[index as usize].clone(),
                _ => e.name.clone(),
            };
            let message = if wrong {
                format!("« {found} » : graphie fautive ; le nom s'écrit « {expected} ».")
            } else {
                format!("« {found} » : la graphie de référence est « {expected} ».")
            };
            out.push(
                Diagnostic::new(META.id, META.category, e.severity, hit.span(), message)
                    .with_replacements([expected])
                    .with_note(e.note.clone())
                    .with_entry(&e.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    /// `has_upper` and `has_lower` answer as `chars().any` does, on random texts of ASCII
    /// and other letters of both cases, signs and marks.
    #[test]
    fn cases_found_on_bytes_are_those_of_the_characters() {
        use super::{has_lower, has_upper};
        let pieces = [
            "a", "Z", "é", "É", "ǅ", "ǆ", "ß", "Σ", "ς", "1", " ", "-", "中", "\u{301}", "ª",
        ];
        let mut rng = crate::testing::Rng::new(0x000c_a5e5);
        let (mut upper, mut lower) = (0, 0);
        for _ in 0..5000 {
            let s = rng.string(&pieces, 6);
            assert_eq!(has_upper(&s), s.chars().any(char::is_uppercase), "{s:?}");
            assert_eq!(has_lower(&s), s.chars().any(char::is_lowercase), "{s:?}");
            upper += usize::from(has_upper(&s));
            lower += usize::from(has_lower(&s));
        }
        assert!(upper > 1000 && lower > 1000 && upper < 4900 && lower < 4900);
    }

    /// `judged_in` answers as the test on the displayed text did, on random Markdown texts
    /// that hold code, comments, links and emphasis (the view then differs from the text),
    /// for every span of one to four tokens.
    #[test]
    fn the_capital_looked_for_in_the_view_is_the_displayed_one() {
        use super::{has_lower, has_upper, judged_in};
        use crate::diagnostic::Span;
        use crate::document::Document;
        let pieces = [
            "Nvidia ",
            "NVIDIA ",
            "nvidia ",
            "`Code` ",
            "`x` ",
            "É",
            "é",
            "de ",
            "<!-- A -->",
            ". ",
            "Le ",
            "LE ",
            "**",
            "[Nvidia](http://x.fr) ",
            "  ",
            "\n",
        ];
        let mut rng = crate::testing::Rng::new(0x000c_a5e6);
        let (mut differ, mut judged, mut not) = (0, 0, 0);
        for _ in 0..400 {
            let text = rng.string(&pieces, 24);
            let doc = Document::new("t.md", text, crate::formats::Format::Markdown);
            for i in 0..doc.tokens.len() {
                for j in i..doc.tokens.len().min(i + 4) {
                    let span = Span::new(doc.tokens[i].start(), doc.tokens[j].end());
                    let shown = doc.display(span.start, span.end);
                    differ += usize::from(*shown != doc.text[span.start..span.end]);
                    let s = doc.tokens[i].sentence as usize;
                    let straight = has_upper(&shown)
                        && (doc.sentences.get(s))
                            .is_none_or(|t| has_lower(&doc.view[t.start..t.end]));
                    assert_eq!(judged_in(&doc, span, i), straight, "{:?}", doc.text);
                    (judged, not) = if straight {
                        (judged + 1, not)
                    } else {
                        (judged, not + 1)
                    };
                }
            }
        }
        assert!(
            differ > 100 && judged > 100 && not > 100,
            "{differ} {judged} {not}"
        );
    }

    const G: &str = r#"
[glossary]
name = "t"
[[entity]]
id = "nvidia"
name = "Nvidia"
wrong = ["Nvidea"]
[[entity]]
id = "openai"
name = "OpenAI"
wrong = ["Open AI"]
"#;

    #[test]
    fn case_variants_and_known_misspellings() {
        let d = check_with(G, "Meta dépend de NVIDIA et d'Open AI, pas de Nvidea.");
        let rules: Vec<_> = d
            .iter()
            .filter(|d| d.rule == "entity-spelling")
            .map(|d| d.suggestions[0].replacement.as_str())
            .collect();
        assert_eq!(rules, ["Nvidia", "OpenAI", "Nvidia"]);
    }

    #[test]
    fn lower_case_and_titles_are_not_judged() {
        assert!(check_with(G, "Les balises nvidia du fichier.").is_empty());
        assert!(check_with(G, "NVIDIA ANNONCE SES RÉSULTATS\nLe texte suit.").is_empty());
        assert!(check_with(G, "Nvidia et OpenAI.").is_empty());
        assert!(check_with(G, "le dossier NVIDIA-INF et x.NVIDIA").is_empty());
    }
}
