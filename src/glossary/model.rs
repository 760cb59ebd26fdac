/*! The glossary as rules use it: terms (concepts), entities (names), expressions (calques,
anglicisms, false friends...) and overused constructions. Built by `load` from TOML, TBX or
CSV; merged so that a later entry with the same id replaces an earlier one. */

use crate::diagnostic::Severity;
use std::sync::Arc;

/// A string of a term: most are short enough to be held inline, without an allocation of
/// their own (a termbase holds hundreds of thousands of them).
pub type Text = compact_str::CompactString;

/// `s` as a `Text`. A long string that many entries share (the reason a termbase gives to
/// each deprecated term) points to one static copy: 150,000 variants take no allocation.
pub fn text(s: &str) -> Text {
    const SHARED: &[&str] = &[super::tbx::DEPRECATED_REASON, super::tbx::SUPERSEDED_REASON];
    match SHARED.iter().find(|r| **r == s) {
        Some(r) => Text::const_new(r),
        None => Text::from(s),
    }
}

/// Lists that are most often empty (contexts, examples): one pointer, no allocation when
/// empty, so that an entry of a termbase stays small.
pub type Words = thin_vec::ThinVec<String>;

/// The source or approved terms of an entry: most entries have one, held inline.
pub type Texts = smallvec::SmallVec<[Text; 1]>;

/// Owned strings as `Text`s.
pub fn texts(v: Vec<String>) -> Texts {
    v.into_iter().map(Text::from).collect()
}

/// Where an entry was defined, for error messages and `glossary test`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: Arc<str>,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Sentence,
    Paragraph,
}

/// When a variant is wrong: `when` (one must be present) and `unless` (none may be).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    pub when: Words,
    pub unless: Words,
    pub scope: Scope,
}

impl Context {
    pub fn is_empty(&self) -> bool {
        self.when.is_empty() && self.unless.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Examples {
    pub bad: Words,
    pub good: Words,
}

/// A forbidden or deprecated rendering of a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub term: Text,
    pub reason: Text,
    /// Replacements; empty means every approved term of the entry.
    pub suggest: Texts,
    pub severity: Option<Severity>,
    pub context: Context,
    pub inflect: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub id: Text,
    pub source: Texts,
    pub approved: Texts,
    pub forbidden: Vec<Variant>,
    pub domain: Option<String>,
    pub severity: Severity,
    pub note: Option<String>,
    pub check_untranslated: bool,
    pub examples: Examples,
    pub origin: Origin,
}

impl Term {
    pub fn suggestions_for(&self, variant: &Variant) -> Vec<String> {
        let from = if variant.suggest.is_empty() {
            &self.approved
        } else {
            &variant.suggest
        };
        from.iter().map(Text::to_string).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub full_name: Option<String>,
    pub also: Vec<String>,
    pub wrong: Vec<String>,
    pub source: Vec<String>,
    pub note: Option<String>,
    pub severity: Severity,
    pub examples: Examples,
    pub origin: Origin,
}

impl Entity {
    /// Every accepted spelling: the name, the full name and the `also` forms.
    pub fn accepted(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.full_name.as_deref())
            .chain(self.also.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExpressionKind {
    Calque,
    Anglicism,
    FalseFriend,
    Mistranslation,
    Awkward,
}

impl ExpressionKind {
    pub fn parse(s: &str) -> Option<ExpressionKind> {
        Some(match s {
            "calque" => ExpressionKind::Calque,
            "anglicism" => ExpressionKind::Anglicism,
            "false-friend" => ExpressionKind::FalseFriend,
            "mistranslation" => ExpressionKind::Mistranslation,
            "awkward" => ExpressionKind::Awkward,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ExpressionKind::Calque => "calque",
            ExpressionKind::Anglicism => "anglicism",
            ExpressionKind::FalseFriend => "false-friend",
            ExpressionKind::Mistranslation => "mistranslation",
            ExpressionKind::Awkward => "awkward",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expression {
    pub id: String,
    pub kind: ExpressionKind,
    pub patterns: Vec<String>,
    pub suggest: Vec<String>,
    pub reason: String,
    pub severity: Severity,
    pub context: Context,
    pub inflect: bool,
    pub examples: Examples,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overuse {
    pub id: String,
    pub patterns: Vec<String>,
    pub max: usize,
    pub window: usize,
    pub reason: String,
    pub suggest: Vec<String>,
    pub severity: Severity,
    pub examples: Examples,
    pub origin: Origin,
}

/// One entry of any kind, to iterate over a glossary uniformly.
#[derive(Debug, Clone, Copy)]
pub enum EntryRef<'a> {
    Term(&'a Term),
    Entity(&'a Entity),
    Expression(&'a Expression),
    Overuse(&'a Overuse),
}

impl<'a> EntryRef<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            EntryRef::Term(e) => &e.id,
            EntryRef::Entity(e) => &e.id,
            EntryRef::Expression(e) => &e.id,
            EntryRef::Overuse(e) => &e.id,
        }
    }
    pub fn examples(&self) -> &Examples {
        match self {
            EntryRef::Term(e) => &e.examples,
            EntryRef::Entity(e) => &e.examples,
            EntryRef::Expression(e) => &e.examples,
            EntryRef::Overuse(e) => &e.examples,
        }
    }
    pub fn origin(&self) -> &Origin {
        match self {
            EntryRef::Term(e) => &e.origin,
            EntryRef::Entity(e) => &e.origin,
            EntryRef::Expression(e) => &e.origin,
            EntryRef::Overuse(e) => &e.origin,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub terms: super::Terms,
    pub entities: Vec<Entity>,
    pub expressions: Vec<Expression>,
    pub overuses: Vec<Overuse>,
}

impl Glossary {
    pub fn len(&self) -> usize {
        self.terms.len() + self.entities.len() + self.expressions.len() + self.overuses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn entries(&self) -> impl Iterator<Item = EntryRef<'_>> {
        self.terms
            .iter()
            .map(EntryRef::Term)
            .chain(self.entities.iter().map(EntryRef::Entity))
            .chain(self.expressions.iter().map(EntryRef::Expression))
            .chain(self.overuses.iter().map(EntryRef::Overuse))
    }

    /// The id of every entry, without reading the terms kept on disk (see `Terms`).
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.terms
            .ids()
            .chain(self.entities.iter().map(|e| e.id.as_str()))
            .chain(self.expressions.iter().map(|e| e.id.as_str()))
            .chain(self.overuses.iter().map(|e| e.id.as_str()))
    }

    /// Adds `other`; an entry whose id is already present replaces the old one.
    pub fn merge(&mut self, other: Glossary) {
        // The ids of ours that `other` redefines, found without reading the ids of a
        // 100,000-concept termbase that redefines none (`Terms::ids_among`).
        type Set<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;
        let ours: Set<&str> = self.ids().collect();
        let others = (other.entities.iter().map(|e| e.id.as_str()))
            .chain(other.expressions.iter().map(|e| e.id.as_str()))
            .chain(other.overuses.iter().map(|e| e.id.as_str()));
        let ids: Set<String> = (other.terms.ids_among(&ours).into_iter())
            .chain(others.filter(|id| ours.contains(id)).map(str::to_string))
            .collect();
        if !ids.is_empty() {
            self.terms.retain_ids(|id| !ids.contains(id));
            self.entities.retain(|e| !ids.contains(&e.id));
            self.expressions.retain(|e| !ids.contains(&e.id));
            self.overuses.retain(|e| !ids.contains(&e.id));
        }
        self.terms.append(other.terms);
        append(&mut self.entities, other.entities);
        append(&mut self.expressions, other.expressions);
        append(&mut self.overuses, other.overuses);
    }

    /// A glossary holding only the entry with this id (for running its examples alone).
    pub fn only(&self, id: &str) -> Glossary {
        Glossary {
            terms: (self.terms.ids().enumerate())
                .filter(|(_, x)| *x == id)
                .map(|(i, _)| self.terms[i].clone())
                .collect(),
            entities: self
                .entities
                .iter()
                .filter(|e| e.id == id)
                .cloned()
                .collect(),
            expressions: self
                .expressions
                .iter()
                .filter(|e| e.id == id)
                .cloned()
                .collect(),
            overuses: self
                .overuses
                .iter()
                .filter(|e| e.id == id)
                .cloned()
                .collect(),
        }
    }
}

/// `mine` followed by `theirs`; when `theirs` is the longer (a termbase after the default
/// glossaries), `mine` is put in front of it rather than it copied after `mine`.
pub(super) fn append<T>(mine: &mut Vec<T>, theirs: Vec<T>) {
    if mine.len() >= theirs.len() {
        mine.extend(theirs);
    } else {
        let mut v = theirs;
        v.splice(0..0, mine.drain(..));
        *mine = v;
    }
}
