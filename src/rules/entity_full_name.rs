//! `entity-full-name`: the full name written next to an acronym is not the entity's.

use super::{Context, Rule, RuleDoc, RuleMeta, quote_list};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::Document;
use crate::glossary::Target;

pub struct EntityFullName;

static META: RuleMeta = RuleMeta {
    id: "entity-full-name",
    category: Category::Mistranslation,
    severity: Severity::Error,
    summary: "Nom développé faux à côté d'un sigle : « X Y Z (TSMC) » où X Y Z n'est pas le nom de TSMC.",
    doc: RuleDoc {
        what: "Compare le nom écrit avant ou après un sigle entre parenthèses avec le nom complet \
               que le glossaire donne pour ce sigle.",
        why: "Une traduction automatique retraduit souvent le nom d'une société (depuis le chinois, \
              par exemple) ; le nom obtenu n'existe pas et induit le lecteur en erreur.",
        example: "La puce est produite avec Taiwan Integrated Circuit Manufacturing Corporation (TSMC).",
        instead: "La puce est produite avec Taiwan Semiconductor Manufacturing Company (TSMC).",
    },
};

/// Words that may sit inside a name without a capital. (A `match`: asked of most words
/// around a capitalised one.)
pub(super) fn is_joiner(w: &str) -> bool {
    matches!(
        w,
        "de" | "d'"
            | "du"
            | "des"
            | "la"
            | "le"
            | "l'"
            | "of"
            | "and"
            | "the"
            | "&"
            | "et"
            | "for"
            | "für"
            | "und"
            | "y"
    )
}

/// The run of name-like tokens (capitalised words and joiners) that ends at token `end`
/// (inclusive) and goes backwards, within one sentence; leading joiners are dropped.
pub fn name_run_before(doc: &Document, end: usize, max: usize) -> Option<(usize, usize)> {
    let toks = &doc.tokens;
    let mut start = end;
    let mut i = end as isize;
    while i >= 0 && end - (i as usize) < max {
        let t = &toks[i as usize];
        // (The sentence first: most runs stop at the start of theirs.)
        if t.sentence != toks[end].sentence
            || !(t.capitalized || is_joiner(&t.norm) || t.is_number())
        {
            break;
        }
        if (i as usize) < end && !doc.gap_is_joiner(t.end(), toks[i as usize + 1].start()) {
            break;
        }
        start = i as usize;
        i -= 1;
    }
    while start <= end && !toks[start].capitalized {
        start += 1;
    }
    (start <= end).then_some((start, end))
}

fn normalized(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('’', "'")
}

impl Rule for EntityFullName {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let toks = &doc.tokens;
        for hit in &cx.hits {
            let Target::EntityName { entity } = hit.target else {
                continue;
            };
            let e = &cx.glossary.glossary.entities[entity as usize];
            let Some(full) = &e.full_name else { continue };
            if cx.text(hit.span()) != e.name {
                continue;
            }
            // « Expansion (NAME) » or « NAME (Expansion) ».
            let before = doc.view[..hit.span().start].trim_end();
            let after = doc.view[hit.span().end..].trim_start();
            let run = if before.ends_with('(') && after.starts_with(')') && hit.first() > 0 {
                let paren = before.len() - 1;
                let last = toks[..hit.first()].iter().rposition(|t| t.end() <= paren);
                last.filter(|&l| doc.view[toks[l].end()..paren].trim().is_empty())
                    .and_then(|l| name_run_before(doc, l, 12))
            } else if after.starts_with('(') {
                let open = doc.view.len() - after.len();
                let close = doc.view[open..].find(')').map(|c| open + c);
                close.and_then(|close| {
                    let inside: Vec<usize> = (hit.last() + 1..toks.len())
                        .take_while(|&i| toks[i].end() <= close)
                        .collect();
                    let (&f, &l) = (inside.first()?, inside.last()?);
                    toks[f].capitalized.then_some((f, l))
                })
            } else {
                None
            };
            let Some((f, l)) = run else { continue };
            // A capital at the start of the sentence may belong to another word (« Selon »).
            let mut candidates = vec![(f, l)];
            if f == 0 || toks[f - 1].sentence != toks[f].sentence {
                candidates.push((f + 1, l));
            }
            let accepted: Vec<String> = e.accepted().map(normalized).collect();
            let text_of = |&(f, l): &(usize, usize)| {
                normalized(&cx.text(Span::new(toks[f].start(), toks[l].end())))
            };
            if candidates
                .iter()
                .filter(|c| c.0 <= c.1)
                .any(|c| accepted.contains(&text_of(c)))
            {
                continue;
            }
            // One word is a description (« le fondeur (TSMC) »), not a full name.
            if candidates.iter().any(|c| c.1 <= c.0) {
                continue;
            }
            let full_norm = normalized(full);
            let Some(&(f, l)) = candidates.iter().max_by(|a, b| {
                strsim::normalized_levenshtein(&text_of(a), &full_norm)
                    .total_cmp(&strsim::normalized_levenshtein(&text_of(b), &full_norm))
            }) else {
                continue;
            };
            let span = Span::new(toks[f].start(), toks[l].end());
            let written = cx.text(span);
            let mut names = vec![full.clone()];
            names.extend(e.also.iter().filter(|a| a.contains(' ')).cloned());
            let message = format!(
                "« {written} » n'est pas le nom de {} : son nom complet est {}.",
                e.name,
                quote_list(&names[..1])
            );
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    e.severity.max(META.severity),
                    span,
                    message,
                )
                .with_replacements([full.clone()])
                .with_note(e.note.clone())
                .with_entry(&e.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    const G: &str = r#"
[glossary]
name = "t"
[[entity]]
id = "tsmc"
name = "TSMC"
full-name = "Taiwan Semiconductor Manufacturing Company"
also = ["Taiwan Semiconductor Manufacturing Co."]
"#;

    #[test]
    fn wrong_expansion_before_or_after() {
        let d = check_with(
            G,
            "avec Taiwan Integrated Circuit Manufacturing Corporation (TSMC), une société",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].rule, "entity-full-name");
        assert_eq!(
            d[0].suggestions[0].replacement,
            "Taiwan Semiconductor Manufacturing Company"
        );
        let d = check_with(G, "TSMC (Taiwan Chip Corporation) produit la puce.");
        assert_eq!(d.len(), 1, "{d:?}");
    }

    #[test]
    fn right_expansion_or_description_is_quiet() {
        assert!(
            check_with(
                G,
                "avec Taiwan Semiconductor Manufacturing Company (TSMC), une société"
            )
            .is_empty()
        );
        assert!(check_with(G, "le fondeur taïwanais (TSMC) produit la puce.").is_empty());
        assert!(check_with(G, "Selon Reuters (TSMC) rien.").is_empty());
    }
}
