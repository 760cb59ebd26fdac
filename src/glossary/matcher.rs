/*! The compiled glossary: every pattern of every entry, tokenised like a text and expanded
to its inflected forms, indexed by its first word. Matching is one hash look-up per token of
the text, then a check of the following tokens; no regular expression, no re-search. */

use super::inflect::{self, Mode};
use super::model::*;
use crate::diagnostic::Span;
use crate::document::{Document, tokenize_phrase};
use std::collections::HashMap;

/// What a pattern stands for in the glossary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Approved { term: u32, index: u32 },
    Forbidden { term: u32, index: u32 },
    Source { term: u32, index: u32 },
    Expression { expr: u32, index: u32 },
    Overuse { overuse: u32 },
    EntityName { entity: u32 },
    EntityAlso { entity: u32, index: u32 },
    EntityFullName { entity: u32 },
    EntityWrong { entity: u32, index: u32 },
    Context { phrase: u32 },
}

/// One occurrence of a pattern: tokens `first..=last` of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub first: usize,
    pub last: usize,
    pub span: Span,
}

/// Context phrases of a variant, as ids into the compiled context phrases.
#[derive(Debug, Clone, Default)]
pub struct CtxIds {
    pub when: Vec<u32>,
    pub unless: Vec<u32>,
    pub scope: Scope,
}

#[derive(Debug, Default)]
struct Pattern {
    lemmas: Vec<u32>,
    targets: Vec<Target>,
}

#[derive(Debug, Default)]
struct Matcher {
    /// Normalised form → the lemmas it is a form of.
    forms: HashMap<String, Vec<u32>>,
    lemma_ids: HashMap<(String, Mode), u32>,
    patterns: Vec<Pattern>,
    pattern_ids: HashMap<Vec<u32>, u32>,
    by_first: HashMap<u32, Vec<u32>>,
}

impl Matcher {
    fn lemma(&mut self, word: &str, mode: Mode) -> u32 {
        let (key, members): (String, Vec<String>) = match inflect::class_of(word) {
            Some(class) => (
                format!("@{class}"),
                inflect::class_members(class).iter().map(|s| s.to_string()).collect(),
            ),
            None => (word.to_string(), inflect::forms(word, mode)),
        };
        let mode = if key.starts_with('@') { Mode::Exact } else { mode };
        if let Some(&id) = self.lemma_ids.get(&(key.clone(), mode)) {
            return id;
        }
        let id = self.lemma_ids.len() as u32;
        self.lemma_ids.insert((key, mode), id);
        for f in members {
            let ids = self.forms.entry(f).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        id
    }

    /// Adds a phrase; returns false when it holds no word.
    fn add(&mut self, phrase: &str, mode: Mode, target: Target) -> bool {
        let words = tokenize_phrase(phrase);
        if words.is_empty() {
            return false;
        }
        let lemmas: Vec<u32> = words.iter().map(|w| self.lemma(w, mode)).collect();
        let id = match self.pattern_ids.get(&lemmas) {
            Some(&id) => id,
            None => {
                let id = self.patterns.len() as u32;
                self.by_first.entry(lemmas[0]).or_default().push(id);
                self.pattern_ids.insert(lemmas.clone(), id);
                self.patterns.push(Pattern {
                    lemmas,
                    targets: Vec::new(),
                });
                id
            }
        };
        let p = &mut self.patterns[id as usize];
        if !p.targets.contains(&target) {
            p.targets.push(target);
        }
        true
    }

    fn find(&self, doc: &Document) -> Vec<Hit> {
        let tokens = &doc.tokens;
        let mut out = Vec::new();
        for (i, tok) in tokens.iter().enumerate() {
            let Some(lemmas) = self.forms.get(&tok.norm) else {
                continue;
            };
            for lemma in lemmas {
                let Some(candidates) = self.by_first.get(lemma) else {
                    continue;
                };
                'pattern: for &pid in candidates {
                    let p = &self.patterns[pid as usize];
                    let last = i + p.lemmas.len() - 1;
                    if last >= tokens.len() {
                        continue;
                    }
                    for k in 1..p.lemmas.len() {
                        let (prev, t) = (&tokens[i + k - 1], &tokens[i + k]);
                        if t.sentence != tok.sentence
                            || !doc.gap_is_joiner(prev.end, t.start)
                            || !self
                                .forms
                                .get(&t.norm)
                                .is_some_and(|ls| ls.contains(&p.lemmas[k]))
                        {
                            continue 'pattern;
                        }
                    }
                    let span = Span::new(tok.start, tokens[last].end);
                    out.extend(p.targets.iter().map(|&target| Hit {
                        target,
                        first: i,
                        last,
                        span,
                    }));
                }
            }
        }
        out
    }
}

/// A glossary ready to match: the entries and their compiled patterns.
#[derive(Debug)]
pub struct CompiledGlossary {
    pub glossary: Glossary,
    matcher: Matcher,
    /// Context phrases, by id.
    pub context_phrases: Vec<String>,
    /// Per term, per forbidden variant.
    pub variant_contexts: Vec<Vec<CtxIds>>,
    /// Per expression.
    pub expression_contexts: Vec<CtxIds>,
    /// Patterns that hold no word (ignored), for `glossary test` to report.
    pub empty_patterns: Vec<String>,
    /// Multi-word entity names (name, full name, `also`): (spelling, words, entity index).
    pub multiword_names: Vec<(String, Vec<String>, usize)>,
    /// Accent-folded word → indices into `multiword_names` (for `near-miss`).
    pub name_index: HashMap<String, Vec<usize>>,
}

fn mode(inflect: bool) -> Mode {
    if inflect { Mode::French } else { Mode::Exact }
}

impl CompiledGlossary {
    pub fn new(glossary: Glossary) -> CompiledGlossary {
        let mut m = Matcher::default();
        let mut phrases: HashMap<String, u32> = HashMap::new();
        let mut empty = Vec::new();
        let note = |ok: bool, p: &str, empty: &mut Vec<String>| {
            if !ok {
                empty.push(p.to_string());
            }
        };
        let mut ctx_ids = |m: &mut Matcher, c: &Context| -> CtxIds {
            let mut id_of = |p: &String| -> u32 {
                let n = phrases.len() as u32;
                let id = *phrases.entry(p.clone()).or_insert(n);
                m.add(p, Mode::French, Target::Context { phrase: id });
                id
            };
            CtxIds {
                when: c.when.iter().map(&mut id_of).collect(),
                unless: c.unless.iter().map(&mut id_of).collect(),
                scope: c.scope,
            }
        };
        let mut variant_contexts = Vec::new();
        for (ti, t) in glossary.terms.iter().enumerate() {
            let term = ti as u32;
            for (i, a) in t.approved.iter().enumerate() {
                let ok = m.add(a, Mode::French, Target::Approved { term, index: i as u32 });
                note(ok, a, &mut empty);
            }
            let mut ctxs = Vec::new();
            for (i, v) in t.forbidden.iter().enumerate() {
                let ok = m.add(&v.term, mode(v.inflect), Target::Forbidden { term, index: i as u32 });
                note(ok, &v.term, &mut empty);
                ctxs.push(ctx_ids(&mut m, &v.context));
            }
            variant_contexts.push(ctxs);
            for (i, s) in t.source.iter().enumerate() {
                let is_acronym = s.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !s.chars().any(char::is_lowercase);
                let md = if is_acronym { Mode::Exact } else { Mode::English };
                m.add(s, md, Target::Source { term, index: i as u32 });
                if is_acronym {
                    m.add(&format!("{s}s"), Mode::Exact, Target::Source { term, index: i as u32 });
                }
            }
        }
        let mut expression_contexts = Vec::new();
        for (xi, x) in glossary.expressions.iter().enumerate() {
            for (i, p) in x.patterns.iter().enumerate() {
                let ok = m.add(p, mode(x.inflect), Target::Expression { expr: xi as u32, index: i as u32 });
                note(ok, p, &mut empty);
            }
            expression_contexts.push(ctx_ids(&mut m, &x.context));
        }
        for (oi, o) in glossary.overuses.iter().enumerate() {
            for p in &o.patterns {
                let ok = m.add(p, Mode::French, Target::Overuse { overuse: oi as u32 });
                note(ok, p, &mut empty);
            }
        }
        for (ei, e) in glossary.entities.iter().enumerate() {
            let entity = ei as u32;
            m.add(&e.name, Mode::Exact, Target::EntityName { entity });
            if let Some(f) = &e.full_name {
                m.add(f, Mode::Exact, Target::EntityFullName { entity });
            }
            for (i, a) in e.also.iter().enumerate() {
                m.add(a, Mode::Exact, Target::EntityAlso { entity, index: i as u32 });
            }
            for (i, w) in e.wrong.iter().enumerate() {
                m.add(w, Mode::Exact, Target::EntityWrong { entity, index: i as u32 });
            }
        }
        let mut multiword_names = Vec::new();
        let mut name_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in glossary.entities.iter().enumerate() {
            for n in e.accepted() {
                let w = tokenize_phrase(n);
                if w.len() >= 2 {
                    for x in &w {
                        name_index.entry(crate::document::fold_accents(x)).or_default().push(multiword_names.len());
                    }
                    multiword_names.push((n.to_string(), w, i));
                }
            }
        }
        let mut context_phrases = vec![String::new(); phrases.len()];
        for (p, id) in phrases {
            context_phrases[id as usize] = p;
        }
        CompiledGlossary {
            glossary,
            matcher: m,
            context_phrases,
            variant_contexts,
            expression_contexts,
            empty_patterns: empty,
            multiword_names,
            name_index,
        }
    }

    /// Every occurrence of every pattern in the document, in token order.
    pub fn find(&self, doc: &Document) -> Vec<Hit> {
        self.matcher.find(doc)
    }

    /// Number of distinct compiled patterns (for statistics and benchmarks).
    pub fn pattern_count(&self) -> usize {
        self.matcher.patterns.len()
    }

    /// True when `word` (normalised) is a form of an approved French term or of an
    /// entity name: such a word is never « untranslated English ».
    pub fn is_known_french(&self, word: &str) -> bool {
        self.matcher.forms.get(word).is_some_and(|lemmas| {
            lemmas.iter().any(|l| {
                self.matcher.by_first.get(l).is_some_and(|ps| {
                    ps.iter().any(|&p| {
                        self.matcher.patterns[p as usize].targets.iter().any(|t| {
                            matches!(t, Target::Approved { .. } | Target::EntityName { .. })
                        })
                    })
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse;

    fn compiled(toml: &str) -> CompiledGlossary {
        CompiledGlossary::new(parse("t.toml", toml).unwrap())
    }

    const G: &str = r#"
[glossary]
name = "t"
[[term]]
id = "supply-chain"
approved = ["chaîne d'approvisionnement mondiale"]
[[term.forbidden]]
term = "chaîne d'approvisionnement global"
reason = "r"
[[expression]]
id = "dev"
kind = "calque"
patterns = ["développé indépendamment", "réduire la dépendance à l'égard de"]
reason = "r"
"#;

    fn hits(g: &CompiledGlossary, text: &str) -> Vec<(Target, String)> {
        let doc = Document::from_str(text);
        g.find(&doc)
            .into_iter()
            .map(|h| (h.target, text[h.span.start..h.span.end].to_string()))
            .collect()
    }

    #[test]
    fn inflected_multi_word_matches() {
        let g = compiled(G);
        let h = hits(&g, "Les chaînes d’approvisionnement globales sont tendues.");
        assert_eq!(h, [(Target::Forbidden { term: 0, index: 0 }, "chaînes d’approvisionnement globales".into())]);
        let h = hits(&g, "des puces développées indépendamment ; il faut développer indépendamment");
        assert_eq!(h.len(), 2);
        let h = hits(&g, "Elle réduit sa dépendance à l'égard des fournisseurs.");
        assert!(h.is_empty(), "« sa » is not « la »: {h:?}");
        let h = hits(&g, "réduire la dépendance à l'égard d'Nvidia");
        assert_eq!(h.len(), 1);
    }

    #[test]
    fn phrases_do_not_cross_punctuation_or_sentences() {
        let g = compiled(G);
        assert!(hits(&g, "une puce développée. Indépendamment de cela").is_empty());
        assert!(hits(&g, "une puce développée, indépendamment de cela").is_empty());
    }
}
