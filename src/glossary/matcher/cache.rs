/*! The compiled form of a large glossary, kept on disk between runs.

Compiling a 100,000-concept termbase (every word expanded to its inflected forms) takes
about a second; its compiled tables (45 MB) are mapped from the file and used in place,
which costs a check of their sizes and offsets (see `valid_offsets`), and the checksum of
the file unless an earlier run took it and the file is unchanged since (see `stamp`). The cache holds
the compiled patterns only, never the entries themselves (the rules read those from the
glossary just loaded), but for the few approved terms that `agreement` reads as « N de N »
compounds (`de_phrases`), in `$RELECTURE_CACHE_DIR`, else `$XDG_CACHE_HOME/relecture`, else
`~/.cache/relecture`; `RELECTURE_NO_CACHE` turns it off.

A cache must never change a result. The key is a 128-bit hash of everything compilation
reads in the glossary (every pattern, flag and context, in order), of the tool's version
and of the source of the code that compiles (matcher, inflection, tokenisation) and of
`Cargo.lock`; the file also carries a checksum of its content. Any mismatch, truncation or
unreadable file means compiling again, as if there were no cache. Small glossaries (the
tests') are never cached; the default glossaries are (compiling them takes about 10 ms,
reading them back well under 1 ms, which is most of a run on a small file). */

use super::{CtxIds, FormTable, Lists, Matcher, Target, VariantContexts, Words};
use crate::glossary::checksum::Checksum;
use crate::glossary::stamp::{Mapped, note_path};
use crate::glossary::terms::KeyPart;
use crate::glossary::{Glossary, Scope};
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;

/// Entries from which a glossary is worth caching (the default glossaries hold about 650).
pub const MIN_ENTRIES: usize = 500;

const MAGIC: &[u8; 8] = b"RLCGv007";

/// What the cache holds: the matcher and the context tables compiled with it.
pub struct Compiled {
    pub matcher: Matcher,
    pub context_phrases: Vec<String>,
    pub variant_contexts: VariantContexts,
    pub expression_contexts: Vec<CtxIds>,
    pub empty_patterns: Vec<String>,
    pub de_phrases: Vec<String>,
}

/// The source whose behaviour decides the compiled tables.
const CODE: &[&str] = &[
    include_str!("../matcher.rs"),
    include_str!("cache.rs"),
    include_str!("../inflect.rs"),
    include_str!("../../document/tokens.rs"),
    include_str!("../../document/uax29.rs"),
    include_str!("../../../Cargo.lock"),
];

/// Two 64-bit hashes of what is written: each string with its length, gathered in blocks
/// of `KEY_BLOCK` bytes that are hashed whole (a termbase writes 600,000 short strings:
/// hashing each on its own took three times as long).
struct KeyHasher {
    h: [foldhash::fast::FoldHasher<'static>; 2],
    block: Vec<u8>,
}

const KEY_BLOCK: usize = 1 << 16;

impl KeyHasher {
    fn new() -> KeyHasher {
        KeyHasher {
            h: [
                foldhash::fast::FixedState::with_seed(0x243F_6A88_85A3_08D3).build_hasher(),
                foldhash::fast::FixedState::with_seed(0x1319_8A2E_0370_7344).build_hasher(),
            ],
            block: Vec::with_capacity(KEY_BLOCK),
        }
    }
    fn bytes(&mut self, b: &[u8]) {
        self.num(b.len());
        if self.block.len() + b.len() > KEY_BLOCK {
            self.flush();
        }
        if b.len() > KEY_BLOCK {
            for h in &mut self.h {
                h.write(b);
            }
        } else {
            self.block.extend_from_slice(b);
        }
    }
    fn num(&mut self, n: usize) {
        if self.block.len() + 8 > KEY_BLOCK {
            self.flush();
        }
        self.block.extend_from_slice(&(n as u64).to_le_bytes());
    }
    fn flush(&mut self) {
        for h in &mut self.h {
            h.write(&self.block);
        }
        self.block.clear();
    }
    fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.num(v.len());
        for s in v {
            self.bytes(s.as_ref().as_bytes());
        }
    }
    fn context(&mut self, c: &crate::glossary::Context) {
        self.strs(&c.when);
        self.strs(&c.unless);
        self.num(matches!(c.scope, Scope::Paragraph) as usize);
    }
    fn finish(mut self) -> u128 {
        self.flush();
        ((self.h[0].finish() as u128) << 64) | self.h[1].finish() as u128
    }
}

/// The key of a glossary's compiled form: all that compilation reads, and the code.
pub fn key(g: &Glossary) -> u128 {
    let mut h = KeyHasher::new();
    h.bytes(MAGIC);
    h.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    for c in CODE {
        h.bytes(c.as_bytes());
    }
    h.num(g.terms.len());
    for part in g.terms.key_parts() {
        match part {
            // Terms as stored: their file's key and their place (a termbase's are not read).
            KeyPart::Stored { file, first, count } => {
                h.num(0);
                h.bytes(&file.to_le_bytes());
                h.num(first as usize);
                h.num(count as usize);
            }
            KeyPart::Given(t) => {
                h.num(1);
                h.strs(&t.approved);
                h.num(t.forbidden.len());
                for v in &t.forbidden {
                    h.bytes(v.term.as_bytes());
                    h.num(v.inflect as usize);
                    h.context(&v.context);
                }
                h.strs(&t.source);
            }
        }
    }
    h.num(g.expressions.len());
    for x in &g.expressions {
        h.strs(&x.patterns);
        h.num(x.inflect as usize);
        h.context(&x.context);
    }
    h.num(g.overuses.len());
    for o in &g.overuses {
        h.strs(&o.patterns);
    }
    h.num(g.entities.len());
    for e in &g.entities {
        h.bytes(e.name.as_bytes());
        h.strs(e.full_name.as_slice());
        h.strs(&e.also);
        h.strs(&e.wrong);
    }
    h.finish()
}

/// The cache folder, or `None` when caching is off.
pub(crate) fn dir() -> Option<PathBuf> {
    if std::env::var_os("RELECTURE_NO_CACHE").is_some() {
        return None;
    }
    if let Some(d) = std::env::var_os("RELECTURE_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("relecture"))
}

fn path(key: u128) -> Option<PathBuf> {
    Some(dir()?.join(format!("glossary-{key:032x}.bin")))
}

/// The payload is written a block of this many bytes at a time.
const BLOCK: usize = 1 << 20;

// ---- writing -------------------------------------------------------------------------

/// The payload is a run of sections, each its length in bytes (8 bytes) and its bytes,
/// padded to a multiple of 8: a section of numbers starts aligned in the file, and so in
/// memory when the file is mapped, and is used in place.
///
/// The payload is written to the file as it is made, a block at a time, its checksum taken
/// on the way: never held whole in memory (it weighs 45 MB for a 100,000-concept termbase).
struct Writer {
    file: std::fs::File,
    /// The block being filled (checksummed and written when full).
    block: Vec<u8>,
    sum: Checksum,
    /// Payload bytes so far.
    len: u64,
    failed: bool,
}

impl Writer {
    fn new(file: std::fs::File) -> Writer {
        Writer {
            file,
            block: Vec::with_capacity(BLOCK),
            sum: Checksum::new(),
            len: 0,
            failed: false,
        }
    }

    fn put(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        while !bytes.is_empty() {
            let n = bytes.len().min(BLOCK - self.block.len());
            self.block.extend_from_slice(&bytes[..n]);
            bytes = &bytes[n..];
            if self.block.len() == BLOCK {
                self.flush();
            }
        }
    }

    fn flush(&mut self) {
        use std::io::Write;
        if self.block.is_empty() {
            return;
        }
        self.sum.add(&self.block);
        self.failed |= self.file.write_all(&self.block).is_err();
        self.block.clear();
    }

    fn head(&mut self, n: usize) {
        self.put(&(n as u64).to_le_bytes());
    }

    fn pad(&mut self) {
        let n = self.len.next_multiple_of(8) - self.len;
        self.put(&[0; 8][..n as usize]);
    }

    fn section(&mut self, bytes: &[u8]) {
        self.head(bytes.len());
        self.put(bytes);
        self.pad();
    }

    /// Numbers, little-endian, converted a chunk at a time.
    fn u32s_from(&mut self, n: usize, numbers: impl IntoIterator<Item = u32>) {
        self.head(n * 4);
        let mut buf = [0u8; 4096];
        let mut at = 0;
        for x in numbers {
            buf[at..at + 4].copy_from_slice(&x.to_le_bytes());
            at += 4;
            if at == buf.len() {
                self.put(&buf);
                at = 0;
            }
        }
        self.put(&buf[..at]);
        self.pad();
    }

    fn u32s(&mut self, v: &[u32]) {
        self.u32s_from(v.len(), v.iter().copied());
    }

    fn lists(&mut self, l: &Lists<u32>) {
        self.u32s(&l.off);
        self.u32s(&l.items);
    }

    /// Strings: their lengths, then their bytes.
    fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.u32s_from(v.len(), v.iter().map(|s| s.as_ref().len() as u32));
        self.head(v.iter().map(|s| s.as_ref().len()).sum());
        for s in v {
            self.put(s.as_ref().as_bytes());
        }
        self.pad();
    }

    /// Writes the last block and the file's head; false if anything failed.
    fn finish(mut self, key: u128) -> bool {
        use std::io::{Seek, Write};
        self.flush();
        let mut head = Vec::with_capacity(40);
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&key.to_le_bytes());
        head.extend_from_slice(&self.len.to_le_bytes());
        head.extend_from_slice(&self.sum.finish().to_le_bytes());
        !self.failed
            && self.file.seek(std::io::SeekFrom::Start(0)).is_ok()
            && self.file.write_all(&head).is_ok()
    }
}

/// Context ids, flat: per context, the number of `when` and `unless` phrases, the scope,
/// then the phrases.
fn push_ctx(out: &mut Vec<u32>, c: &CtxIds) {
    out.push(c.when.len() as u32);
    out.push(c.unless.len() as u32);
    out.push(matches!(c.scope, Scope::Paragraph) as u32);
    out.extend_from_slice(&c.when);
    out.extend_from_slice(&c.unless);
}

pub(super) fn encode_target(t: Target) -> [u32; 3] {
    match t {
        Target::Approved { term, index } => [0, term, index],
        Target::Forbidden { term, index } => [1, term, index],
        Target::Source { term, index } => [2, term, index],
        Target::Expression { expr, index } => [3, expr, index],
        Target::Overuse { overuse } => [4, overuse, 0],
        Target::EntityName { entity } => [5, entity, 0],
        Target::EntityAlso { entity, index } => [6, entity, index],
        Target::EntityFullName { entity } => [7, entity, 0],
        Target::EntityWrong { entity, index } => [8, entity, index],
        Target::Context { phrase } => [9, phrase, 0],
    }
}

pub(super) fn decode_target([tag, a, b]: [u32; 3]) -> Option<Target> {
    Some(match tag {
        0 => Target::Approved { term: a, index: b },
        1 => Target::Forbidden { term: a, index: b },
        2 => Target::Source { term: a, index: b },
        3 => Target::Expression { expr: a, index: b },
        4 => Target::Overuse { overuse: a },
        5 => Target::EntityName { entity: a },
        6 => Target::EntityAlso {
            entity: a,
            index: b,
        },
        7 => Target::EntityFullName { entity: a },
        8 => Target::EntityWrong {
            entity: a,
            index: b,
        },
        9 => Target::Context { phrase: a },
        _ => return None,
    })
}

/// Writes the compiled form (best effort: a cache that cannot be written is no error).
pub fn store(key: u128, c: &Compiled) {
    let Some(path) = path(key) else { return };
    let Some(parent) = path.parent() else { return };
    if std::fs::create_dir_all(parent).is_err() {
        return;
    }
    // Written aside, then renamed: a reader never sees half a file.
    let tmp = parent.join(format!(".glossary-{key:032x}.{}.tmp", std::process::id()));
    let Ok(file) = std::fs::File::create(&tmp) else {
        return;
    };
    let mut w = Writer::new(file);
    // Room for the head, written last.
    w.failed |= std::io::Write::write_all(&mut w.file, &[0; 40]).is_err();
    let m = &c.matcher;
    w.section(&m.forms.arena);
    w.u32s(&m.forms.ends);
    w.section(&m.forms.tags);
    w.u32s(&m.forms.ids);
    w.lists(&m.form_lemmas);
    w.lists(&m.by_first);
    w.u32s(&m.by_first_second);
    w.lists(&m.pattern_lemmas);
    w.u32s(&m.pattern_targets.off);
    let targets = &m.pattern_targets.items;
    w.u32s_from(targets.len() * 3, targets.iter().flatten().copied());
    w.lists(&m.phrase_patterns);
    w.strs(&c.context_phrases);
    let v = &c.variant_contexts;
    w.u32s(&v.first);
    w.u32s(&v.of);
    let mut ctx = vec![v.contexts.len() as u32 - 1];
    for x in &v.contexts[1..] {
        push_ctx(&mut ctx, x);
    }
    ctx.push(c.expression_contexts.len() as u32);
    for x in &c.expression_contexts {
        push_ctx(&mut ctx, x);
    }
    w.u32s(&ctx);
    drop(ctx);
    w.strs(&c.empty_patterns);
    w.strs(&c.de_phrases);
    if !w.finish(key) || std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    prune(parent, "glossary-");
}

/// Keeps the few most recent compiled glossaries (older keys are older termbases or
/// older versions of the tool): of the files named `{prefix}*.bin`. A file's note of a
/// checksum taken (`stamp`) goes with it, and a note left without its file (by a version
/// of the tool that did not know them) goes too.
pub(crate) fn prune(dir: &std::path::Path, prefix: &str) {
    const KEEP: usize = 4;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name();
        let Some(name) = name.to_str().filter(|n| n.starts_with(prefix)) else {
            continue;
        };
        if let Some(file) = name.strip_suffix(".ok")
            && file.ends_with(".bin")
            && !dir.join(file).exists()
        {
            let _ = std::fs::remove_file(e.path());
        } else if name.ends_with(".bin")
            && let Some(t) = e.metadata().ok().and_then(|m| m.modified().ok())
        {
            files.push((t, e.path()));
        }
    }
    if files.len() > KEEP {
        files.sort();
        for (_, p) in &files[..files.len() - KEEP] {
            let _ = std::fs::remove_file(p);
            let _ = std::fs::remove_file(note_path(p));
        }
    }
}

// ---- reading -------------------------------------------------------------------------

/// The payload of the compiled file with this key, mapped, if its head and checksum are
/// right. A sound file stays mapped for the rest of the process, since the tables read
/// from it point into it (a process maps one or two: the default glossaries, a termbase).
fn mapped(key: u128) -> Option<&'static [u8]> {
    static MAPS: std::sync::Mutex<Vec<(u128, &'static memmap2::Mmap)>> =
        std::sync::Mutex::new(Vec::new());
    let mut maps = MAPS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, m)) = maps.iter().find(|(k, _)| *k == key) {
        return Some(&m[40..]);
    }
    let mapped = Mapped::open(&path(key)?)?;
    let (head, payload) = mapped.map.split_at_checked(40)?;
    if &head[..8] != MAGIC || u128::from_le_bytes(head[8..24].try_into().ok()?) != key {
        return None;
    }
    let len = u64::from_le_bytes(head[24..32].try_into().ok()?);
    let sum = u64::from_le_bytes(head[32..40].try_into().ok()?);
    if payload.len() as u64 != len || !mapped.sum_is(payload, sum) {
        return None;
    }
    let map: &'static memmap2::Mmap = Box::leak(Box::new(mapped.map));
    maps.push((key, map));
    Some(&map[40..])
}

/// Numbers that can be used in place: a little-endian machine and a slice whose start is
/// aligned for them (always so in a mapped file, whose sections are aligned).
fn in_place<T: Copy + Default + 'static, const W: usize>(
    bytes: &'static [u8],
    from: fn([u8; W]) -> T,
) -> Option<Words<T>> {
    if !bytes.len().is_multiple_of(W) {
        return None;
    }
    if cfg!(target_endian = "little") {
        // SAFETY: every bit pattern is a valid u32, u64 or array of u32 (the only types
        // used here);
        // `align_to` puts in `mid` only what is properly aligned.
        let (pre, mid, post) = unsafe { bytes.align_to::<T>() };
        if pre.is_empty() && post.is_empty() {
            return Some(Words::Borrowed(mid));
        }
    }
    Some(Words::Owned(
        bytes
            .chunks_exact(W)
            .map(|c| from(c.try_into().expect("W bytes")))
            .collect(),
    ))
}

/// A cursor over the sections of a payload.
struct Reader {
    b: &'static [u8],
}

impl Reader {
    fn section(&mut self) -> Option<&'static [u8]> {
        let (n, rest) = self.b.split_at_checked(8)?;
        let n = usize::try_from(u64::from_le_bytes(n.try_into().ok()?)).ok()?;
        let padded = n.checked_next_multiple_of(8)?;
        let (s, rest) = rest.split_at_checked(padded)?;
        self.b = rest;
        Some(&s[..n])
    }
    fn u32s(&mut self) -> Option<Words<u32>> {
        in_place(self.section()?, u32::from_le_bytes)
    }
    fn lists(&mut self) -> Option<Lists<u32>> {
        let off = self.u32s()?;
        let items = self.u32s()?;
        valid_offsets(&off, items.len()).then_some(Lists { off, items })
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let lens = self.u32s()?;
        let mut bytes = self.section()?;
        let mut out = Vec::with_capacity(lens.len());
        for &n in lens.iter() {
            let (s, rest) = bytes.split_at_checked(n as usize)?;
            out.push(std::str::from_utf8(s).ok()?.to_string());
            bytes = rest;
        }
        bytes.is_empty().then_some(out)
    }
}

/// Reads flat context ids (see `push_ctx`).
struct Ctx<'a>(&'a [u32]);

impl Ctx<'_> {
    fn num(&mut self) -> Option<u32> {
        let (&n, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(n)
    }
    fn ids(&mut self, n: u32) -> Option<Vec<u32>> {
        let (ids, rest) = self.0.split_at_checked(n as usize)?;
        self.0 = rest;
        Some(ids.to_vec())
    }
    fn ctx(&mut self) -> Option<CtxIds> {
        let (when, unless) = (self.num()?, self.num()?);
        let scope = match self.num()? {
            0 => Scope::Sentence,
            1 => Scope::Paragraph,
            _ => return None,
        };
        Some(CtxIds {
            when: self.ids(when)?,
            unless: self.ids(unless)?,
            scope,
        })
    }
    /// A count of items, each at least a number long.
    fn count(&mut self) -> Option<usize> {
        self.num()
            .map(|n| n as usize)
            .filter(|&n| n <= self.0.len())
    }
}

/// Offsets that start at 0, never go down and end at the number of items: every list of
/// a table then lies in it.
///
/// The other tables are not scanned: the file's checksum says that its bytes are those
/// this code wrote (its key holds the code), and checking every lemma and pattern id of a
/// termbase cost 40 M instructions a run. Whatever they held, reading them would not
/// panic: a list that does not exist is empty (`Lists::range`), a form id out of range has
/// no bytes, a look-up visits each slot at most once, a pattern without lemmas is skipped.
pub(super) fn valid_offsets(off: &[u32], items: usize) -> bool {
    // (Without early exit, the compiler compares eight offsets at a time.)
    let rising = off
        .iter()
        .zip(&off[1.min(off.len())..])
        .fold(true, |ok, (a, b)| ok & (a <= b));
    off.first() == Some(&0) && rising && off.last().map(|&l| l as usize) == Some(items)
}

/// The compiled form of the glossary with this key, if a sound one is on disk.
pub fn load(key: u128) -> Option<Compiled> {
    let mut r = Reader { b: mapped(key)? };
    let arena = Words::Borrowed(r.section()?);
    let ends = r.u32s()?;
    let tags = Words::Borrowed(r.section()?);
    let ids = r.u32s()?;
    let forms = FormTable::from_parts(arena, ends, tags, ids)?;
    let form_lemmas = r.lists()?;
    let by_first = r.lists()?;
    let by_first_second = r.u32s()?;
    let pattern_lemmas = r.lists()?;
    let target_off = r.u32s()?;
    // (Targets are used in place, three numbers each: see `Matcher::pattern_targets`.)
    let items = in_place(r.section()?, |b: [u8; 12]| {
        let n = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        [n(0), n(4), n(8)]
    })?;
    let phrase_patterns = r.lists()?;
    // (Beyond their offsets, the tables are not scanned: see `valid_offsets`; a pattern id
    // out of range reads as a pattern without lemmas nor targets.)
    if !valid_offsets(&target_off, items.len())
        || form_lemmas.off.len() != forms.len() + 1
        || by_first_second.len() != by_first.items.len()
        || target_off.len() != pattern_lemmas.off.len()
    {
        return None;
    }
    let matcher = Matcher {
        forms,
        form_lemmas,
        by_first,
        by_first_second,
        pattern_lemmas,
        pattern_targets: Lists {
            off: target_off,
            items,
        },
        phrase_patterns,
    };
    let context_phrases = r.strs()?;
    // The variants' contexts: per term and per variant an index, used in place; the
    // contexts that are not empty (a termbase has none), after the empty one.
    let (first, of) = (r.u32s()?, r.u32s()?);
    let ctx = r.u32s()?;
    let mut c = Ctx(&ctx);
    let nv = c.count()?;
    let mut contexts = Vec::with_capacity(nv + 1);
    contexts.push(CtxIds::default());
    for _ in 0..nv {
        contexts.push(c.ctx()?);
    }
    let variant_contexts = VariantContexts::from_parts(first, of, contexts)?;
    let ne = c.count()?;
    let expression_contexts = (0..ne).map(|_| c.ctx()).collect::<Option<Vec<_>>>()?;
    if !c.0.is_empty() {
        return None;
    }
    let empty_patterns = r.strs()?;
    let de_phrases = r.strs()?;
    if !r.b.is_empty() {
        return None;
    }
    Some(Compiled {
        matcher,
        context_phrases,
        variant_contexts,
        expression_contexts,
        empty_patterns,
        de_phrases,
    })
}

#[cfg(test)]
mod tests {
    /// The oldest files past the fourth go with their notes, and notes without a file go;
    /// other files are left alone.
    #[test]
    fn old_files_and_stray_notes_are_removed() {
        let d = tempfile::tempdir().expect("a temporary folder");
        let dir = d.path();
        let at = |secs: u64| std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        for k in 0..6u64 {
            let f = dir.join(format!("glossary-{k}.bin"));
            std::fs::write(&f, b"x").expect("write");
            std::fs::File::options()
                .write(true)
                .open(&f)
                .and_then(|f| f.set_modified(at(1_000_000 + k)))
                .expect("set the time");
            std::fs::write(dir.join(format!("glossary-{k}.bin.ok")), b"n").expect("write");
        }
        for name in ["glossary-9.bin.ok", "seen-1.bin", "parsed-1.bin.ok"] {
            std::fs::write(dir.join(name), b"n").expect("write");
        }
        super::prune(dir, "glossary-");
        let mut left: Vec<String> = std::fs::read_dir(dir)
            .expect("read")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> = (2..6)
            .flat_map(|k| [format!("glossary-{k}.bin"), format!("glossary-{k}.bin.ok")])
            .chain(["parsed-1.bin.ok".to_string(), "seen-1.bin".to_string()])
            .collect();
        expected.sort();
        assert_eq!(left, expected);
    }
}
