//! `forbidden-term`: a forbidden or deprecated rendering of a glossary term.

use super::{Context, Rule, RuleDoc, RuleMeta, match_case, quote_list};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity};
use crate::glossary::Target;
use std::collections::HashMap;
use std::sync::Arc;

pub struct ForbiddenTerm;

static META: RuleMeta = RuleMeta {
    id: "forbidden-term",
    category: Category::Terminology,
    severity: Severity::Warning,
    summary: "Terme interdit ou déconseillé par le glossaire, avec le terme approuvé.",
    doc: RuleDoc {
        what: "Signale une traduction qu'une entrée du glossaire interdit ou déconseille, \
               dans le contexte où elle est fautive (mots requis ou exclus dans la même phrase).",
        why: "Un terme faux ou déconseillé trahit le sens de la source ou la terminologie \
              convenue avec le client ; le lecteur spécialiste le remarque aussitôt.",
        example: "Meta teste une puce conçue pour la formation de systèmes d'IA.",
        instead: "Meta teste une puce conçue pour l'entraînement de systèmes d'IA.",
    },
};

impl Rule for ForbiddenTerm {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        // The note and the id of a term, made once per term and shared by its findings: a
        // term is often found many times.
        let mut shared: HashMap<u32, (Arc<str>, Arc<str>), foldhash::fast::FixedState> =
            HashMap::default();
        // One finding per forbidden hit: room for them at once, and for a quarter more, the
        // later rules' (a tenth of a termbase's findings on the PO text): the list grown
        // by the next rule's first finding was copied whole (2 MB) into fresh memory.
        let places = HitPlaces::of(cx);
        let forbidden: Vec<&crate::glossary::Hit> =
            places.forbidden.iter().map(|&at| &cx.hits[at]).collect();
        let n = forbidden.len();
        out.reserve(n + n / 4);
        let pattern_words = PatternWords::of(cx);
        let mut pattern_words = pattern_words.lock();
        for (k, &hit) in forbidden.iter().enumerate() {
            if k % READ_AHEAD == 0 {
                read_ahead(cx, &forbidden[k..(k + READ_AHEAD).min(n)]);
            }
            let Target::Forbidden { term, index } = hit.target else {
                continue;
            };
            let t = &cx.glossary.glossary.terms[term as usize];
            let v = &t.forbidden[index as usize];
            let found: &str = &cx.text(hit.span());
            // The variant's own suggestions, or else the approved terms (as
            // `Term::suggestions_for`, without copying them first).
            let suggested = if v.suggest.is_empty() {
                &t.approved
            } else {
                &v.suggest
            };
            // « formation des modèles » for the pattern « formation du modèle »: the words
            // the suggestion shares with the pattern are taken as written.
            let mut carried = true;
            let suggestions = suggested
                .iter()
                .map(|s| match carry_inflection(found, &v.term, s) {
                    Some(c) => match_case(found, &c),
                    None => {
                        carried = false;
                        match_case(found, s)
                    }
                });
            let reason = v.reason.trim();
            let mut message = String::with_capacity(found.len() + reason.len() + 10);
            message.push_str("« ");
            message.push_str(found);
            message.push_str(" » : ");
            message.push_str(reason);
            let mut d = Diagnostic::new(
                META.id,
                META.category,
                v.severity.unwrap_or(t.severity),
                hit.span(),
                message,
            )
            .with_replacements(suggestions);
            let (note, id) = shared.entry(term).or_insert_with(|| {
                let note = match &t.note {
                    Some(note) => Arc::from(note.as_str()),
                    None => Arc::from(approved_note(&t.approved)),
                };
                (note, Arc::from(t.id.as_str()))
            });
            d = d
                .with_shared_note(note.clone())
                .with_shared_entry(id.clone());
            // An inflected form (« formations ») would get the suggestion as written (« entraînement »):
            // shown, never applied by --fix.
            if inflected_in(&mut pattern_words, cx, hit, &v.term) {
                d = d.with_applicability(if carried {
                    Applicability::Unsafe
                } else {
                    Applicability::DisplayOnly
                });
            }
            out.push(d);
        }
    }
}

/// The places among a document's hits of the forbidden variants' hits and of the
/// expressions' hits, found in one pass for `forbidden-term`, `term-inconsistency` and the
/// five expression rules: each read all the hits for its own (a termbase's hundreds of
/// thousands on the PO text, 14 MB: the five expression rules alone 9.0 M instructions and
/// 1.1 ms for 42 hits).
pub(super) struct HitPlaces {
    /// The context whose hits the places were found in (`Context::run`): a rule given
    /// other hits for the same document (another check, another glossary) finds its own.
    run: u64,
    pub(super) forbidden: Vec<usize>,
    pub(super) expression: Vec<usize>,
}

impl HitPlaces {
    pub(super) fn of(cx: &Context) -> Arc<HitPlaces> {
        let memo = cx.doc.memo.get_or_init(|| HitPlaces::find(cx));
        if memo.run == cx.run {
            memo
        } else {
            Arc::new(HitPlaces::find(cx))
        }
    }

    fn find(cx: &Context) -> HitPlaces {
        let mut places = HitPlaces {
            run: cx.run,
            forbidden: Vec::new(),
            expression: Vec::new(),
        };
        for (at, h) in cx.hits.iter().enumerate() {
            match h.target {
                Target::Forbidden { .. } => places.forbidden.push(at),
                Target::Expression { .. } => places.expression.push(at),
                _ => {}
            }
        }
        places
    }
}

/// Hits read ahead together (`read_ahead`).
const READ_AHEAD: usize = 16;

/// Reads, for each hit of `block`, the first of what its finding is made of: its first
/// token, its text in the text and in the view, its term and variant. The findings are
/// far apart in these (a termbase's 14,000 on the PO text, two or three cache misses
/// each, one after the other); these loads do not depend on one another, so their misses
/// are in flight together.
fn read_ahead(cx: &Context, block: &[&crate::glossary::Hit]) {
    let mut sum = 0usize;
    for h in block {
        let byte = |s: &str| usize::from(s.as_bytes().get(h.span().start).copied().unwrap_or(0));
        sum = sum
            .wrapping_add(cx.doc.tokens.get(h.first()).map_or(0, |t| t.norm.len()))
            .wrapping_add(byte(&cx.doc.text))
            .wrapping_add(byte(&cx.doc.view));
        if let Target::Forbidden { term, index } = h.target {
            let t = cx.glossary.glossary.terms.get(term as usize);
            let v = t.and_then(|t| t.forbidden.get(index as usize));
            sum = sum.wrapping_add(v.map_or(0, |v| v.term.len()));
        }
    }
    std::hint::black_box(sum);
}

/// « Terme approuvé : « a » ou « b ». », the note of a term that has none of its own.
fn approved_note(approved: &[crate::glossary::Text]) -> String {
    let list = quote_list(approved);
    let mut note = String::with_capacity(list.len() + 20);
    note.push_str("Terme approuvé : ");
    note.push_str(&list);
    note.push('.');
    note
}

/// The suggestion `suggestion` for the pattern `pattern`, found as `found`, with the words
/// it shares with the pattern written as found (« formation des modèles », pattern
/// « formation du modèle », suggestion « entraînement du modèle » → « entraînement des
/// modèles »). `None` when the three do not have the same number of words, or when a word
/// proper to the pattern was found inflected (its replacement would need inflecting too).
fn carry_inflection(found: &str, pattern: &str, suggestion: &str) -> Option<String> {
    let words = str::split_whitespace;
    // Counted first: most patterns are one word, and need nothing more.
    let n = words(pattern).count();
    if n < 2 || words(found).count() != n || words(suggestion).count() != n {
        return None;
    }
    let mut out = String::with_capacity(found.len() + suggestion.len());
    for (i, ((f, p), s)) in words(found)
        .zip(words(pattern))
        .zip(words(suggestion))
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        if s.to_lowercase() == p.to_lowercase() {
            out.push_str(f);
        } else if f.to_lowercase() == p.to_lowercase() {
            out.push_str(s);
        } else {
            return None;
        }
    }
    Some(out)
}

/// True when the words of a hit are not the pattern as written (an inflected form, another
/// function word of its class): a suggestion written for the pattern does not fit them.
/// `words` are the patterns' words, taken once per rule and document
/// (`PatternWords::of(cx).lock()`): a rule with many hits (a termbase's 14,000 findings on
/// the PO text) took the document's memo and its lock for each.
pub(super) fn inflected_in(
    words: &mut PatternMap,
    cx: &Context,
    hit: &crate::glossary::Hit,
    pattern: &str,
) -> bool {
    let found = cx.doc.tokens[hit.first()..=hit.last()]
        .iter()
        .map(|t| t.norm.as_str());
    if let Some(w) = words.get(pattern) {
        return !found.eq(w.iter().map(String::as_str));
    }
    let w = crate::document::tokenize_phrase(pattern);
    let differs = !found.eq(w.iter().map(String::as_str));
    words.insert(pattern.to_string(), w);
    differs
}

/// The words of the patterns met in a document, each pattern cut into words once however
/// many times it is found (see `inflected_in`), shared by the rules.
#[derive(Default)]
pub(super) struct PatternWords(std::sync::Mutex<PatternMap>);

type PatternMap = HashMap<String, Vec<String>, foldhash::fast::FixedState>;

impl PatternWords {
    pub(super) fn of(cx: &Context) -> Arc<PatternWords> {
        cx.doc.memo.get_or_init(PatternWords::default)
    }

    pub(super) fn lock(&self) -> std::sync::MutexGuard<'_, PatternMap> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    const G: &str = r#"
[glossary]
name = "t"
[[term]]
id = "training"
approved = ["entraînement"]
severity = "error"
[[term.forbidden]]
term = "formation"
reason = "pour un modèle d'IA, on parle d'entraînement."
when = ["IA", "modèle"]
unless = ["salarié"]
"#;

    #[test]
    fn flags_in_context_only() {
        let d = check_with(G, "La formation des modèles d'IA coûte cher.");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].rule, "forbidden-term");
        assert_eq!(d[0].suggestions[0].replacement, "entraînement");
        assert!(d[0].message.starts_with("« formation » : pour un modèle"));
        let d = check_with(G, "Formation des modèles : un coût.");
        assert_eq!(d[0].suggestions[0].replacement, "Entraînement");
        assert!(check_with(G, "La formation des salariés à l'IA est prévue.").is_empty());
        assert!(check_with(G, "Une formation en gestion.").is_empty());
    }

    #[test]
    fn shared_words_keep_their_inflection() {
        use super::carry_inflection as c;
        assert_eq!(
            c(
                "formation des modèles",
                "formation du modèle",
                "entraînement du modèle"
            )
            .as_deref(),
            Some("entraînement des modèles")
        );
        // The word replaced is itself inflected: no sure rewrite.
        assert_eq!(
            c(
                "formations du modèle",
                "formation du modèle",
                "entraînement du modèle"
            ),
            None
        );
        assert_eq!(c("formation", "formation", "entraînement"), None);
    }

    #[test]
    fn plural_matches() {
        let d = check_with(G, "Les formations de modèles se multiplient.");
        assert_eq!(d.len(), 1);
        // The suggestion is not inflected: shown, not applied.
        assert_eq!(
            d[0].suggestions[0].applicability,
            crate::diagnostic::Applicability::DisplayOnly
        );
        let d = check_with(G, "La formation des modèles d'IA coûte cher.");
        assert_eq!(
            d[0].suggestions[0].applicability,
            crate::diagnostic::Applicability::Safe
        );
    }
}
