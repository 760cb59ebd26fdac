/*! The terms of a glossary. Terms parsed from a file kept on disk (see
`defaults::parse_file_cached`) are read from it one at a time, the first time they are
used: a 100,000-concept termbase holds 100,000 terms, and a run over an article meets a few
of them. Reading them all cost two thirds of loading the termbase, most of it in memory
allocated and touched for terms that nothing would look at. */

use super::Term;
use super::defaults::Stored;
use std::sync::{Arc, OnceLock};

#[derive(Clone)]
struct Slot {
    /// The term, once read (or as given, when it was not read from a stored file).
    term: OnceLock<Box<Term>>,
    /// The stored file (an index into `Terms::files`) and the term's index there; `None`
    /// once the term may have changed (see `iter_mut`).
    stored: Option<(u32, u32)>,
}

/// A list of terms, each given or read from a stored glossary when first used.
#[derive(Clone, Default)]
pub struct Terms {
    slots: Vec<Slot>,
    files: Vec<Arc<Stored>>,
}

/// What a term of a glossary is, as far as a key of its compiled form goes (see
/// `matcher::cache::key`).
pub(crate) enum KeyPart<'a> {
    /// Terms as stored, `count` of them from the `first`: the key of their stored file and
    /// their place there say all of them.
    Stored {
        file: u128,
        first: u32,
        count: u32,
    },
    Given(&'a Term),
}

impl Terms {
    pub fn new() -> Terms {
        Terms::default()
    }

    /// The terms of a stored glossary, none read yet.
    pub(crate) fn stored(file: Arc<Stored>) -> Terms {
        Terms {
            slots: (0..file.len() as u32)
                .map(|i| Slot {
                    term: OnceLock::new(),
                    stored: Some((0, i)),
                })
                .collect(),
            files: vec![file],
        }
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn reserve_exact(&mut self, n: usize) {
        self.slots.reserve_exact(n);
    }

    pub fn push(&mut self, term: Term) {
        self.slots.push(Slot {
            term: OnceLock::from(Box::new(term)),
            stored: None,
        });
    }

    pub fn get(&self, i: usize) -> Option<&Term> {
        self.slots.get(i).map(|s| self.term(s))
    }

    fn term<'a>(&'a self, s: &'a Slot) -> &'a Term {
        s.term.get_or_init(|| Box::new(read(&self.files, s)))
    }

    /// Takes the terms already read of `same`, a list of the same terms (those written to
    /// the stored file this list reads from).
    pub(crate) fn adopt(&mut self, same: Terms) {
        if same.len() == self.len() {
            for (mine, theirs) in self.slots.iter_mut().zip(same.slots) {
                if theirs.term.get().is_some() {
                    mine.term = theirs.term;
                }
            }
        }
    }

    /// How many terms have been read (or were given).
    #[cfg(test)]
    pub(crate) fn read_so_far(&self) -> usize {
        self.slots.iter().filter(|s| s.term.get().is_some()).count()
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            terms: self,
            slots: self.slots.iter(),
        }
    }

    /// The terms, to change: each is read if it was not, and from then on counts as given.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Term> {
        let files = &self.files;
        self.slots.iter_mut().flat_map(move |s| {
            let t = match s.term.take() {
                Some(t) => t,
                None => Box::new(read(files, s)),
            };
            s.term = OnceLock::from(t);
            s.stored = None;
            s.term.get_mut().map(|t| &mut **t)
        })
    }

    /// The id of each term, without reading the terms.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.slots.iter().map(|s| id(&self.files, s))
    }

    /// The stored files the terms are read from.
    #[cfg(test)]
    pub(crate) fn files(&self) -> &[Arc<Stored>] {
        &self.files
    }

    /// The ids of these terms that are in `ids`: the terms of a stored file that holds none
    /// of `ids` (its index of ids says so) are passed over without reading their ids. When
    /// the default glossaries' 700 ids are looked for in a termbase, that is 100,000 ids not
    /// read.
    pub(crate) fn ids_among<S: std::hash::BuildHasher>(
        &self,
        ids: &std::collections::HashSet<&str, S>,
    ) -> Vec<String> {
        let may: Vec<bool> = (self.files.iter())
            .map(|f| ids.iter().any(|id| f.may_hold_id(id)))
            .collect();
        self.slots
            .iter()
            .filter(|s| match (s.term.get(), s.stored) {
                (None, Some((f, _))) => may[f as usize],
                _ => true,
            })
            .map(|s| id(&self.files, s))
            .filter(|id| ids.contains(id))
            .map(str::to_string)
            .collect()
    }

    /// Calls `f` with every approved term of every entry, without reading the entries.
    pub fn each_approved(&self, mut f: impl FnMut(&str)) {
        for s in &self.slots {
            match (s.term.get(), s.stored) {
                (Some(t), _) => t.approved.iter().for_each(|a| f(a)),
                (None, Some((file, r))) => self.files[file as usize].approved(r, &mut f),
                (None, None) => {}
            }
        }
    }

    /// What the terms' compiled form depends on, in order; terms stored one after the other
    /// in the same file come as one part (a termbase's are one part, not 100,000).
    pub(crate) fn key_parts(&self) -> Vec<KeyPart<'_>> {
        let mut out = Vec::new();
        let mut run: Option<(u32, u32, u32)> = None;
        for s in &self.slots {
            match (s.stored, &mut run) {
                (Some((f, i)), Some((rf, first, count))) if f == *rf && i == *first + *count => {
                    *count += 1;
                }
                (stored, _) => {
                    if let Some((f, first, count)) = run.take() {
                        out.push(self.stored_part(f, first, count));
                    }
                    match stored {
                        Some((f, i)) => run = Some((f, i, 1)),
                        None => out.push(KeyPart::Given(self.term(s))),
                    }
                }
            }
        }
        if let Some((f, first, count)) = run {
            out.push(self.stored_part(f, first, count));
        }
        out
    }

    fn stored_part(&self, f: u32, first: u32, count: u32) -> KeyPart<'_> {
        KeyPart::Stored {
            file: self.files[f as usize].key,
            first,
            count,
        }
    }

    /// Keeps the terms whose id `keep` accepts.
    pub(crate) fn retain_ids(&mut self, mut keep: impl FnMut(&str) -> bool) {
        let files = &self.files;
        self.slots.retain(|s| keep(id(files, s)));
    }

    /// `self` followed by `other` (see `model::append`).
    pub(crate) fn append(&mut self, other: Terms) {
        let shift = self.files.len() as u32;
        self.files.extend(other.files);
        let mut theirs = other.slots;
        if shift > 0 {
            for (f, _) in theirs.iter_mut().filter_map(|s| s.stored.as_mut()) {
                *f += shift;
            }
        }
        super::model::append(&mut self.slots, theirs);
    }
}

/// The id of a slot's term, read from its stored file if the term was not read.
fn id<'a>(files: &'a [Arc<Stored>], s: &'a Slot) -> &'a str {
    match (s.term.get(), s.stored) {
        (Some(t), _) => t.id.as_str(),
        (None, Some((f, i))) => files[f as usize].id(i),
        // (Never met: a slot without a stored file holds its term from the start.)
        (None, None) => "",
    }
}

/// The term a slot stands for, read from its stored file.
fn read(files: &[Arc<Stored>], s: &Slot) -> Term {
    match s.stored {
        Some((f, r)) => files[f as usize].term(r),
        // (Never met: a slot without a stored file holds its term from the start.)
        None => unreadable(""),
    }
}

/// What stands for a term that cannot be read back. Never met: a stored file's checksum
/// says its bytes are those this code wrote (see `defaults::Stored`); it is there so that
/// nothing can panic if one were.
pub(crate) fn unreadable(id: &str) -> Term {
    Term {
        id: id.into(),
        source: Default::default(),
        approved: Default::default(),
        forbidden: Vec::new(),
        domain: None,
        severity: crate::diagnostic::Severity::Warning,
        note: None,
        check_untranslated: false,
        examples: Default::default(),
        origin: super::Origin {
            file: Arc::from(""),
            line: 0,
        },
    }
}

pub struct Iter<'a> {
    terms: &'a Terms,
    slots: std::slice::Iter<'a, Slot>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Term;
    fn next(&mut self) -> Option<&'a Term> {
        self.slots.next().map(|s| self.terms.term(s))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.slots.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Terms {
    type Item = &'a Term;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl std::ops::Index<usize> for Terms {
    type Output = Term;
    /// The term at `i`, read if it was not. Panics past the end, as a slice does.
    fn index(&self, i: usize) -> &Term {
        self.term(&self.slots[i])
    }
}

impl FromIterator<Term> for Terms {
    fn from_iter<I: IntoIterator<Item = Term>>(iter: I) -> Terms {
        let mut t = Terms::new();
        for term in iter {
            t.push(term);
        }
        t
    }
}

impl From<Vec<Term>> for Terms {
    fn from(v: Vec<Term>) -> Terms {
        v.into_iter().collect()
    }
}

impl PartialEq for Terms {
    fn eq(&self, other: &Terms) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Terms {}

impl std::fmt::Debug for Terms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
