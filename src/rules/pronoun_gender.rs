//! `pronoun-gender`: a name taken up by « il » in one place and by « elle » in another
//! (« Meta a annoncé qu'il teste … Si Meta réussit, elle réduira … »).
//!
//! French takes up a company name in the feminine (« la société ») or the masculine (« le
//! groupe »); either may do, but one text must keep to one. Machine translation picks one
//! at random, sentence by sentence. The rule finds two clear constructions where a
//! subject pronoun takes up a name:
//! - the name, then a verb of saying and « qu'il / qu'elle » (« Meta a annoncé qu'elle
//!   testait »);
//! - « si / lorsque / quand / comme / puisque » + the name, then, after the clause's comma,
//!   « il / elle » (« Si Meta réussit, elle réduira ses coûts »).
//!
//! When one name is taken up both ways, the minority is reported (at a tie, the masculine:
//! a company is « la société »). Impersonal « il » (« qu'il faut », « qu'il y a ») is not a
//! taking up.

use super::{Context, Rule, RuleDoc, RuleMeta, WordList};
use crate::diagnostic::{Applicability, Category, Diagnostic, Severity, Span};
use crate::document::Document;
use crate::hint::prefetch;
use crate::lexicon::Pos;
use smallvec::SmallVec;
use std::collections::HashMap;

pub struct PronounGender;

static META: RuleMeta = RuleMeta {
    id: "pronoun-gender",
    category: Category::Grammar,
    severity: Severity::Warning,
    summary: "Même nom repris tantôt par « il », tantôt par « elle ».",
    doc: RuleDoc {
        what: "Signale un nom propre (société, organisme) repris par « il » à un endroit et par \
               « elle » à un autre : après un verbe de parole (« Meta a annoncé qu'il… ») ou \
               après une subordonnée (« Si Meta réussit, elle… »). La reprise minoritaire est \
               signalée (à égalité, le masculin : on reprend une société par « elle »). Le « il » \
               impersonnel (« qu'il faut », « qu'il y a ») n'est pas une reprise.",
        why: "Le genre d'un nom de société est libre (« la société », « le groupe »), mais il \
              doit rester le même dans un article ; la traduction automatique le choisit \
              phrase par phrase.",
        example: "Meta a annoncé qu'il teste une puce. Si Meta réussit, elle réduira ses coûts.",
        instead: "Meta a annoncé qu'elle teste une puce. Si Meta réussit, elle réduira ses coûts.",
    },
};

/// Verbs of saying or thinking that introduce « que » + a clause whose subject is often
/// the speaker (forms of the present, the past participle and the simple past). A
/// `WordList`: it is asked about the few words after every name, and a scan of the list
/// compared most of them with each of its words.
static SAYING: WordList = WordList::new(&[
    "annonce",
    "annoncé",
    "annonçait",
    "déclare",
    "déclaré",
    "indique",
    "indiqué",
    "affirme",
    "affirmé",
    "précise",
    "précisé",
    "explique",
    "expliqué",
    "estime",
    "estimé",
    "assure",
    "assuré",
    "confirme",
    "confirmé",
    "promet",
    "promis",
    "reconnaît",
    "reconnu",
    "souligne",
    "souligné",
    "dit",
    "ajoute",
    "ajouté",
    "espère",
    "espéré",
    "pense",
    "prévoit",
    "prévu",
    "savoir",
    "rappelle",
    "rappelé",
    "juge",
    "jugé",
    "considère",
    "considéré",
    "craint",
    "admet",
    "admis",
    "révèle",
    "révélé",
    "signale",
    "signalé",
    "prévient",
    "prévenu",
    "répète",
    "répété",
    "soutient",
    "soutenu",
    "insiste",
    "insisté",
    "communiqué",
    "fait",
]);

/// Subordinating words after which the name is the subject of a clause that ends at a
/// comma (« Si Meta réussit, elle … »). (A `match`: asked before most names.)
fn is_opener(w: &str) -> bool {
    matches!(w, "si" | "lorsque" | "quand" | "comme" | "puisque" | "tant")
}

/// Words after « il » that make it impersonal.
const IMPERSONAL: &[&str] = &[
    "y",
    "faut",
    "fallait",
    "faudra",
    "faudrait",
    "fallu",
    "s'agit",
    "s'agissait",
    "convient",
    "existe",
    "existait",
    "reste",
    "restait",
    "semble",
    "semblait",
    "suffit",
    "suffisait",
    "est",
    "était",
    "sera",
    "serait",
    "soit",
    "arrive",
    "paraît",
    "importe",
    "manque",
    "vaut",
    "pleut",
    "n'",
    "ne",
    "se",
    "s'",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gender {
    Masculine,
    Feminine,
}

struct Takeup {
    gender: Gender,
    /// The pronoun (« il » of « qu'il »).
    span: Span,
    /// The name it takes up.
    name: Span,
}

impl Rule for PronounGender {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let toks = &cx.doc.tokens;
        let words = cx.doc.vocabulary();
        let pronoun = |i: usize| -> Option<Gender> {
            let g = match toks.get(i)?.norm.as_str() {
                "il" => Gender::Masculine,
                "elle" => Gender::Feminine,
                _ => return None,
            };
            let next = toks.get(i + 1).map_or("", |t| t.norm.as_str());
            (!IMPERSONAL.contains(&next)).then_some(g)
        };
        let view = cx.doc.view.as_bytes();
        let gap_holds = |start: usize, end: usize, signs: &[u8]| gap_holds(view, start, end, signs);
        // Whether each distinct word is « qu' », which the first construction needs near
        // the name: looked for before the words between are read.
        let is_qu = super::per_form(cx.doc, |w| w == "qu'");
        let mut seen: HashMap<&str, Vec<Takeup>> = HashMap::new();
        each_name(cx.doc, |i, end, opened| {
            // Name + verb of saying + « qu' » + pronoun, within a few words.
            let mut found = None;
            if qu_near(&is_qu, &words.ids, end) {
                found = qu_after_saying(cx.doc, end, toks[i].sentence)
                    .and_then(|j| pronoun(j + 1).map(|g| (g, j + 1)));
            }
            // Opener + name … , pronoun.
            if found.is_none() && opened {
                let sentence = toks[i].sentence;
                for j in end + 1..(end + 40).min(toks.len()) {
                    if toks[j].sentence != sentence {
                        break;
                    }
                    let (start, end) = (toks[j - 1].end(), toks[j].start());
                    if gap_holds(start, end, b";:.") {
                        break;
                    }
                    // Only the first comma: the one that closes the clause.
                    if gap_holds(start, end, b",") {
                        found = pronoun(j).map(|g| (g, j));
                        break;
                    }
                }
            }
            if let Some((g, p)) = found {
                // The name's key is its first word.
                let key = toks[i].norm.as_str();
                seen.entry(key).or_default().push(Takeup {
                    gender: g,
                    span: Span::new(toks[p].start(), toks[p].end()),
                    name: Span::new(toks[i].start(), toks[end].end()),
                });
            }
        });
        for (_, takeups) in seen {
            let fem = takeups
                .iter()
                .filter(|t| t.gender == Gender::Feminine)
                .count();
            let masc = takeups.len() - fem;
            if fem == 0 || masc == 0 {
                continue;
            }
            let odd = if masc <= fem {
                Gender::Masculine
            } else {
                Gender::Feminine
            };
            let other = takeups.iter().find(|t| t.gender != odd).map(|t| t.span);
            for t in takeups.iter().filter(|t| t.gender == odd) {
                let word = cx.text(t.span);
                let want = match odd {
                    Gender::Masculine => "elle",
                    Gender::Feminine => "il",
                };
                let line = other.map_or(0, |s| cx.doc.lines.line_of(s.start) + 1);
                let name = cx.text(t.name);
                out.push(
                    Diagnostic::new(
                        META.id,
                        META.category,
                        META.severity,
                        t.span,
                        format!(
                            "« {word} » reprend « {name} », que le texte reprend aussi par \
                             « {want} » (ligne {line}) : garder le même genre partout."
                        ),
                    )
                    .with_replacements([super::match_case(&word, want)])
                    .with_applicability(Applicability::Unsafe),
                );
            }
        }
    }
}

/// Each name of the text, in order, whole (« Taiwan Semiconductor »): `f(first, last,
/// opened)`, its first and last tokens, and whether the word before it is in its sentence
/// and opens a clause (`is_opener`). A name is a word capitalised or in capitals inside a
/// sentence, or anywhere when the dictionary does not know it as a common word; the words
/// of a name are separated by a space.
///
/// Only the capitalised tokens are visited (`capitalized`), and most are turned away on
/// the list's flags and the words' ids, without reading the token: each read of a listed
/// token waited for the memory (a third of the rule's time on the man pages).
fn each_name(doc: &Document, mut f: impl FnMut(usize, usize, bool)) {
    let toks = &doc.tokens;
    let m = crate::lexicon::morphology();
    let words = doc.vocabulary();
    let capitalized = super::capitalized(doc);
    let list = &capitalized.tokens;
    // A listed word that may be a name where no name is known: capitalised or in capitals
    // but first in its sentence.
    let asks = |f: super::Capital| {
        f.is_word() && (f.capitalized() || f.all_caps()) && !f.inside_sentence()
    };
    let name_only = names_only(
        doc,
        m,
        (list.iter().zip(&capitalized.flags)).filter_map(|(&i, &f)| asks(f).then_some(i)),
    );
    // Whether the `k`th listed token is a name, on its flags. A token that is not listed
    // is no name.
    let listed_name = |k: usize| {
        let (i, f) = (list[k] as usize, capitalized.flags[k]);
        f.is_word()
            && (f.capitalized() || f.all_caps())
            && (f.inside_sentence() || name_only[words.ids[i] as usize])
    };
    // Whether each distinct word opens a clause, found at its first look-up.
    let opener = words.lazy();
    // (Whether the listed token before was a name: a token just before a name is a name
    // only when it is listed, as the one before in the list.)
    let mut name_before: Option<usize> = None;
    // What the names further on read first is asked of the memory ahead: the token of a
    // listed word that may be a name (on its flags alone) `AHEAD` entries on, and, half as
    // far, the view's byte after such a token when the next listed token follows it (the
    // join below reads both). Each was a cache miss waited for in turn: two fifths of the
    // rule's own samples on the PO text, on those two loads.
    const AHEAD: usize = 16;
    let view = doc.view.as_bytes();
    let may_be_name = |f: super::Capital| f.is_word() && (f.capitalized() || f.all_caps());
    for k in 0..list.len() {
        if let Some(&j) = list.get(k + AHEAD)
            && may_be_name(capitalized.flags[k + AHEAD])
        {
            prefetch(&toks[j as usize]);
        }
        let h = k + AHEAD / 2;
        if let [j, next, ..] = list[h.min(list.len())..]
            && next == j + 1
            && may_be_name(capitalized.flags[h])
        {
            view.get(toks[j as usize].end())
                .into_iter()
                .for_each(prefetch);
        }
        let i = list[k] as usize;
        let name = listed_name(k);
        let after_name = i > 0 && name_before == Some(i - 1);
        if name {
            name_before = Some(i);
        }
        if !name || after_name {
            continue;
        }
        // The name's next words are the next listed tokens.
        let (mut end, mut e) = (i, k);
        while e + 1 < list.len()
            && list[e + 1] as usize == end + 1
            && listed_name(e + 1)
            && doc.gap_is_space(toks[end].end(), toks[end + 1].start())
        {
            (end, e) = (end + 1, e + 1);
        }
        let opened = capitalized.flags[k].inside_sentence()
            && opener.get(i - 1, || is_opener(&toks[i - 1].norm));
        f(i, end, opened);
    }
}

/// Whether the dictionary knows each distinct word of `doc` as a name only (every reading
/// a name), by id: asked of the words of the tokens `asked` (false for the others).
/// Capitalised words open most sentences of a text, and each distinct one was looked up
/// in turn when first met, a cache miss in the dictionary's 8 MB table waited for before
/// the next (0.5 ms of a run on the PO text); here they are looked up 32 at a time
/// (`Morphology::analyses_of`), whose misses are in flight together.
fn names_only(
    doc: &Document,
    m: &'static crate::lexicon::Morphology,
    asked: impl Iterator<Item = u32>,
) -> Vec<bool> {
    const GROUP: usize = 32;
    let (toks, ids) = (&doc.tokens, &doc.vocabulary().ids);
    let mut name_only = vec![false; doc.vocabulary().len()];
    // (Each word once: `seen` by id.)
    let mut seen = vec![false; name_only.len()];
    let (mut group, mut readings) = (Vec::with_capacity(GROUP), Vec::with_capacity(GROUP));
    let mut settle = |group: &mut Vec<u32>, readings: &mut Vec<_>| {
        let forms: SmallVec<[&str; GROUP]> = group
            .iter()
            .map(|&i| toks[i as usize].norm.as_str())
            .collect();
        readings.clear();
        m.analyses_of(&forms, readings);
        for (&i, r) in group.iter().zip(readings.iter()) {
            let r: &[crate::lexicon::Analysis] = r;
            name_only[ids[i as usize] as usize] = r.iter().all(|a| a.pos.has(Pos::NAME));
        }
        group.clear();
    };
    for i in asked {
        let id = ids[i as usize] as usize;
        if !std::mem::replace(&mut seen[id], true) {
            group.push(i);
            if group.len() == GROUP {
                settle(&mut group, &mut readings);
            }
        }
    }
    settle(&mut group, &mut readings);
    name_only
}

/// True when the view between two words holds one of `signs` (ASCII: in UTF-8 their bytes
/// stand for them alone), on its bytes.
fn gap_holds(view: &[u8], start: usize, end: usize, signs: &[u8]) -> bool {
    view[start..end].iter().any(|b| signs.contains(b))
}

/// The first construction after a name that ends at token `end`, in sentence `sentence`: a
/// verb of saying, then « qu' », within six words and one clause (no « , », « ; » or « : »
/// between them). The index of « qu' ».
fn qu_after_saying(doc: &Document, end: usize, sentence: u32) -> Option<usize> {
    let toks = &doc.tokens;
    let mut saying = false;
    for j in end + 1..(end + 7).min(toks.len()) {
        let t = &toks[j];
        if t.sentence != sentence
            || gap_holds(doc.view.as_bytes(), toks[j - 1].end(), t.start(), b",;:")
        {
            return None;
        }
        if SAYING.contains(&t.norm) {
            saying = true;
        } else if saying && t.norm == "qu'" {
            return Some(j);
        }
    }
    None
}

/// False when `qu_after_saying` finds nothing after token `end`: no « qu' » (`is_qu`, by
/// word id) among the words it may be, which are read by their ids alone.
fn qu_near(is_qu: &[bool], ids: &[u32], end: usize) -> bool {
    (end + 2..(end + 7).min(ids.len())).any(|j| is_qu[ids[j] as usize])
}

#[cfg(test)]
mod tests {
    use super::{qu_after_saying, qu_near};
    use crate::document::Document;
    use crate::testing::{Rng, check_with};

    /// The look for « qu' » turns away only names after which the construction is not
    /// found, on random texts of names, verbs of saying, « qu' » and signs.
    #[test]
    fn no_saying_without_qu_near() {
        let pieces = [
            "Meta ",
            "a ",
            "annoncé ",
            "dit ",
            "qu'",
            "qu’",
            "Qu'",
            "il ",
            "elle ",
            ", ",
            "; ",
            ". ",
            "que ",
            "x ",
            "\n\n",
        ];
        let mut rng = Rng::new(0x9a_1e55);
        let mut found = 0;
        for _ in 0..2000 {
            let doc = Document::from_str(&rng.string(&pieces, 30));
            let words = doc.vocabulary();
            let is_qu = words.per_form(&doc.tokens, |t| t.norm == "qu'");
            for (end, t) in doc.tokens.iter().enumerate() {
                let after = qu_after_saying(&doc, end, t.sentence);
                found += usize::from(after.is_some());
                assert!(
                    after.is_none() || qu_near(&is_qu, &words.ids, end),
                    "{:?}",
                    doc.text
                );
            }
        }
        assert!(found > 100, "{found}");
    }

    /// The names found on the capitalised tokens' flags are those a pass over every token
    /// finds with the tokens' own, on random texts of names, capitals, openers and signs.
    #[test]
    fn names_are_those_of_every_token() {
        use crate::lexicon::Pos;
        let pieces = [
            "Meta ", "IBM ", "Taiwan ", "Paris ", "Le ", "Si ", "si ", "lorsque ", "x ", "X ",
            "iPhone ", "qu'", "il ", ", ", ". ", "\n\n", "1 ", "A ", "Été ", "Quand ",
        ];
        let mut rng = Rng::new(0x9a_0e55);
        let mut names = 0;
        for _ in 0..1000 {
            let doc = Document::from_str(&rng.string(&pieces, 40));
            let toks = &doc.tokens;
            let m = crate::lexicon::morphology();
            let is_name = |i: usize| {
                let t = &toks[i];
                t.is_word()
                    && (t.capitalized || t.all_caps)
                    && (i > 0 && toks[i - 1].sentence == t.sentence
                        || m.analyses(&t.norm).iter().all(|a| a.pos.has(Pos::NAME)))
            };
            let mut plain = Vec::new();
            for i in 0..toks.len() {
                if !is_name(i) || (i > 0 && is_name(i - 1)) {
                    continue;
                }
                let mut end = i;
                while end + 1 < toks.len()
                    && is_name(end + 1)
                    && doc.gap_is_space(toks[end].end(), toks[end + 1].start())
                {
                    end += 1;
                }
                let opened = i > 0
                    && toks[i - 1].sentence == toks[i].sentence
                    && super::is_opener(&toks[i - 1].norm);
                plain.push((i, end, opened));
            }
            let mut found = Vec::new();
            super::each_name(&doc, |i, end, opened| found.push((i, end, opened)));
            assert_eq!(found, plain, "{:?}", doc.text);
            names += plain.len();
        }
        assert!(names > 1000, "{names}");
    }

    /// The names known to the dictionary, looked up 32 words at a time (`names_only`), are
    /// those each token's own look-up gives, on random texts of many sentences opened by
    /// capitalised words (names, common words, unknown words), each of their words asked
    /// once or many times.
    #[test]
    fn names_only_are_each_words_own() {
        let pieces = [
            "Paris", "Marie", "Table", "Chose", "Meta", "Le", "Si", "Quand", "Été", "IBM", "X",
            "Xz", "Lyon", "Rouge", "Donc",
        ];
        let tails = ["", "", "", "a", "s", "on", "e", "ie", "x"];
        let mut rng = Rng::new(0x5a_e0f1);
        let m = crate::lexicon::morphology();
        let (mut yes, mut no) = (0, 0);
        for _ in 0..200 {
            let n = rng.below(150);
            let text: String = (0..n)
                .map(|_| {
                    let w = pieces[rng.below(pieces.len())];
                    let t = tails[rng.below(tails.len())];
                    format!("{w}{t} va. ")
                })
                .collect();
            let doc = Document::from_str(&text);
            let toks = &doc.tokens;
            let asked: Vec<u32> = (0..toks.len() as u32)
                .filter(|&i| rng.below(4) > 0 && toks[i as usize].is_word())
                .collect();
            let got = super::names_only(&doc, m, asked.iter().copied());
            let ids = &doc.vocabulary().ids;
            let mut want = vec![false; got.len()];
            for &i in &asked {
                let t = &toks[i as usize];
                want[ids[i as usize] as usize] = m
                    .analyses(&t.norm)
                    .iter()
                    .all(|a| a.pos.has(crate::lexicon::Pos::NAME));
            }
            assert_eq!(got, want, "{text}");
            yes += want.iter().filter(|&&b| b).count();
            no += want.iter().filter(|&&b| !b).count();
        }
        assert!(yes > 1000 && no > 1000, "{yes} {no}");
    }

    fn flagged(text: &str) -> Vec<String> {
        check_with("[glossary]\nname='t'\n", text)
            .iter()
            .filter(|d| d.rule == "pronoun-gender")
            .map(|d| format!("{}@{}", &text[d.span.start..d.span.end], d.span.start))
            .collect()
    }

    #[test]
    fn one_name_two_genders() {
        let t = "Meta a récemment annoncé qu'il teste une puce. Selon Reuters, la puce est prête. \
                 Si Meta peut réduire sa dépendance à l'égard de Nvidia, elle réduira ses coûts.";
        assert_eq!(flagged(t), ["il@30"]);
        let t = "Intel a déclaré qu'il investirait. Intel a précisé qu'il ouvrirait une usine. \
                 Lorsque Intel aura fini, elle recrutera.";
        assert_eq!(flagged(t).len(), 1);
        assert!(flagged(t)[0].starts_with("elle@"));
    }

    #[test]
    fn consistent_or_impersonal_is_quiet() {
        for ok in [
            "Meta a annoncé qu'elle teste une puce. Si Meta réussit, elle réduira ses coûts.",
            "Apple a annoncé qu'il lancera un casque. Si Apple réussit, il dominera le marché.",
            "Meta a annoncé qu'il faut attendre. Si Meta réussit, elle réduira ses coûts.",
            "Meta a expliqué qu'il y a un retard. Si Meta réussit, elle réduira ses coûts.",
            "Meta a annoncé qu'il est possible d'attendre. Si Meta réussit, elle gagnera.",
            "Jean a dit qu'il viendra. Si Marie vient, elle apportera le dessert.",
        ] {
            assert!(flagged(ok).is_empty(), "{ok}: {:?}", flagged(ok));
        }
    }
}
