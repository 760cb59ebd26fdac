/*! The compiled form of a large glossary, kept on disk between runs.

Compiling a 100,000-concept termbase (every word expanded to its inflected forms) takes
about a second; reading back its compiled tables takes a few milliseconds. The cache holds
the compiled patterns only, never the entries themselves (the rules read those from the
glossary just loaded), in `$RELECTURE_CACHE_DIR`, else `$XDG_CACHE_HOME/relecture`, else
`~/.cache/relecture`; `RELECTURE_NO_CACHE` turns it off.

A cache must never change a result. The key is a 128-bit hash of everything compilation
reads in the glossary (every pattern, flag and context, in order), of the tool's version
and of the source of the code that compiles (matcher, inflection, tokenisation) and of
`Cargo.lock`; the file also carries a checksum of its content. Any mismatch, truncation or
unreadable file means compiling again, as if there were no cache. Small glossaries (the
tests') are never cached; the default glossaries are (compiling them takes about 10 ms,
reading them back well under 1 ms, which is most of a run on a small file). */

use super::{CtxIds, FormTable, Lists, Matcher, Target};
use crate::glossary::{Glossary, Scope};
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;

/// Entries from which a glossary is worth caching (the default glossaries hold about 650).
pub const MIN_ENTRIES: usize = 500;

const MAGIC: &[u8; 8] = b"RLCGv002";

/// What the cache holds: the matcher and the context tables compiled with it.
pub struct Compiled {
    pub matcher: Matcher,
    pub context_phrases: Vec<String>,
    pub variant_contexts: Vec<Vec<CtxIds>>,
    pub expression_contexts: Vec<CtxIds>,
    pub empty_patterns: Vec<String>,
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

struct KeyHasher([foldhash::fast::FoldHasher<'static>; 2]);

impl KeyHasher {
    fn new() -> KeyHasher {
        KeyHasher([
            foldhash::fast::FixedState::with_seed(0x243F_6A88_85A3_08D3).build_hasher(),
            foldhash::fast::FixedState::with_seed(0x1319_8A2E_0370_7344).build_hasher(),
        ])
    }
    fn bytes(&mut self, b: &[u8]) {
        for h in &mut self.0 {
            h.write_usize(b.len());
            h.write(b);
        }
    }
    fn num(&mut self, n: usize) {
        for h in &mut self.0 {
            h.write_usize(n);
        }
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
    fn finish(&self) -> u128 {
        ((self.0[0].finish() as u128) << 64) | self.0[1].finish() as u128
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
    for t in &g.terms {
        h.strs(&t.approved);
        h.num(t.forbidden.len());
        for v in &t.forbidden {
            h.bytes(v.term.as_bytes());
            h.num(v.inflect as usize);
            h.context(&v.context);
        }
        h.strs(&t.source);
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

/// The checksum is taken block by block, so that a reader can check a file as it streams
/// through it without holding it whole (a termbase's compiled form weighs 30 MB or more).
const BLOCK: usize = 1 << 20;

fn block_checksum(sum: u64, block: &[u8]) -> u64 {
    sum.rotate_left(7)
        ^ foldhash::fast::FixedState::with_seed(0xA409_3822_299F_31D0).hash_one(block)
}

fn checksum(b: &[u8]) -> u64 {
    b.chunks(BLOCK).fold(0, block_checksum)
}

// ---- writing -------------------------------------------------------------------------

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }
    fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        for &n in v {
            self.u32(n);
        }
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn strs(&mut self, v: &[String]) {
        self.len(v.len());
        for s in v {
            self.str(s);
        }
    }
    fn ctx(&mut self, c: &CtxIds) {
        self.u32s(&c.when);
        self.u32s(&c.unless);
        self.u32(matches!(c.scope, Scope::Paragraph) as u32);
    }
    fn lists(&mut self, l: &Lists<u32>) {
        self.u32s(&l.off);
        self.u32s(&l.items);
    }
}

fn encode_target(t: Target) -> [u32; 3] {
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

fn decode_target([tag, a, b]: [u32; 3]) -> Option<Target> {
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
    let m = &c.matcher;
    let mut w = Writer(Vec::new());
    w.str(&m.forms.arena);
    w.u32s(&m.forms.ends);
    w.lists(&m.form_lemmas);
    w.lists(&m.by_first);
    w.lists(&m.pattern_lemmas);
    w.u32s(&m.pattern_targets.off);
    w.len(m.pattern_targets.items.len());
    for &t in &m.pattern_targets.items {
        for n in encode_target(t) {
            w.u32(n);
        }
    }
    w.strs(&c.context_phrases);
    w.len(c.variant_contexts.len());
    for v in &c.variant_contexts {
        w.len(v.len());
        for x in v {
            w.ctx(x);
        }
    }
    w.len(c.expression_contexts.len());
    for x in &c.expression_contexts {
        w.ctx(x);
    }
    w.strs(&c.empty_patterns);
    let payload = w.0;
    let mut file = Vec::with_capacity(payload.len() + 40);
    file.extend_from_slice(MAGIC);
    file.extend_from_slice(&key.to_le_bytes());
    file.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    file.extend_from_slice(&checksum(&payload).to_le_bytes());
    file.extend_from_slice(&payload);
    let Some(parent) = path.parent() else { return };
    if std::fs::create_dir_all(parent).is_err() {
        return;
    }
    // Written aside, then renamed: a reader never sees half a file.
    let tmp = parent.join(format!(".glossary-{key:032x}.{}.tmp", std::process::id()));
    if std::fs::write(&tmp, &file).is_ok() && std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    prune(parent, "glossary-");
}

/// Keeps the few most recent compiled glossaries (older keys are older termbases or
/// older versions of the tool): of the files named `{prefix}*.bin`.
pub(crate) fn prune(dir: &std::path::Path, prefix: &str) {
    const KEEP: usize = 4;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".bin"))
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if files.len() > KEEP {
        files.sort();
        for (_, p) in &files[..files.len() - KEEP] {
            let _ = std::fs::remove_file(p);
        }
    }
}

// ---- reading -------------------------------------------------------------------------

/// Reads the payload of a cache file block by block, checking each block into the
/// checksum as it goes: the file is never held whole.
struct Reader {
    file: std::fs::File,
    block: Vec<u8>,
    /// Position in `block`.
    at: usize,
    /// Payload bytes not consumed yet.
    left: usize,
    /// Payload bytes not read from the file yet.
    unread: usize,
    sum: u64,
}

impl Reader {
    fn refill(&mut self) -> Option<()> {
        use std::io::Read;
        let n = self.unread.min(BLOCK);
        if n == 0 {
            return None;
        }
        self.block.resize(n, 0);
        self.file.read_exact(&mut self.block).ok()?;
        self.unread -= n;
        self.at = 0;
        self.sum = block_checksum(self.sum, &self.block);
        Some(())
    }
    /// Fills `out` with the next bytes of the payload.
    fn fill(&mut self, out: &mut [u8]) -> Option<()> {
        if out.len() > self.left {
            return None;
        }
        let mut done = 0;
        while done < out.len() {
            if self.at == self.block.len() {
                self.refill()?;
            }
            let k = (out.len() - done).min(self.block.len() - self.at);
            out[done..done + k].copy_from_slice(&self.block[self.at..self.at + k]);
            self.at += k;
            done += k;
        }
        self.left -= out.len();
        Some(())
    }
    fn u32(&mut self) -> Option<u32> {
        if let Some(b) = self.block.get(self.at..self.at + 4) {
            let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            self.at += 4;
            self.left -= 4;
            return Some(n);
        }
        let mut b = [0; 4];
        self.fill(&mut b)?;
        Some(u32::from_le_bytes(b))
    }
    fn len(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        // A length can never exceed what is left: no huge allocation on a bad file.
        (n <= self.left).then_some(n)
    }
    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len()?;
        if n.checked_mul(4)? > self.left {
            return None;
        }
        let mut v = Vec::with_capacity(n);
        let mut buf = [0u8; 4096];
        while v.len() < n {
            let k = (n - v.len()).min(buf.len() / 4);
            self.fill(&mut buf[..4 * k])?;
            v.extend(
                buf[..4 * k]
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
        }
        Some(v)
    }
    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        let mut v = vec![0; n];
        self.fill(&mut v)?;
        String::from_utf8(v).ok()
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
    fn ctx(&mut self) -> Option<CtxIds> {
        let when = self.u32s()?;
        let unless = self.u32s()?;
        let scope = match self.u32()? {
            0 => Scope::Sentence,
            1 => Scope::Paragraph,
            _ => return None,
        };
        Some(CtxIds {
            when,
            unless,
            scope,
        })
    }
    fn lists(&mut self) -> Option<Lists<u32>> {
        let off = self.u32s()?;
        let items = self.u32s()?;
        valid_offsets(&off, items.len()).then_some(Lists { off, items })
    }
}

/// Offsets that start at 0, never go down and end at the number of items.
fn valid_offsets(off: &[u32], items: usize) -> bool {
    off.first() == Some(&0)
        && off.windows(2).all(|w| w[0] <= w[1])
        && off.last().map(|&l| l as usize) == Some(items)
}

/// The compiled form of the glossary with this key, if a sound one is on disk.
pub fn load(key: u128) -> Option<Compiled> {
    use std::io::Read;
    let mut file = std::fs::File::open(path(key)?).ok()?;
    let size = file.metadata().ok()?.len();
    let mut head = [0u8; 40];
    file.read_exact(&mut head).ok()?;
    if &head[..8] != MAGIC || u128::from_le_bytes(head[8..24].try_into().ok()?) != key {
        return None;
    }
    let len = u64::from_le_bytes(head[24..32].try_into().ok()?);
    let sum = u64::from_le_bytes(head[32..40].try_into().ok()?);
    if size != len.checked_add(40)? {
        return None;
    }
    let len = usize::try_from(len).ok()?;
    let mut r = Reader {
        file,
        block: Vec::new(),
        at: 0,
        left: len,
        unread: len,
        sum: 0,
    };
    let arena = r.str()?;
    let ends = r.u32s()?;
    if ends.windows(2).any(|w| w[0] > w[1])
        || ends.last().is_some_and(|&e| e as usize > arena.len())
    {
        return None;
    }
    let mut forms = FormTable {
        arena,
        ends: Vec::with_capacity(ends.len()),
        table: hashbrown::HashTable::with_capacity(ends.len()),
    };
    for e in ends {
        forms.push_end(e)?;
    }
    let form_lemmas = r.lists()?;
    let by_first = r.lists()?;
    let pattern_lemmas = r.lists()?;
    let target_off = r.u32s()?;
    let n = r.len()?;
    let items = (0..n)
        .map(|_| decode_target([r.u32()?, r.u32()?, r.u32()?]))
        .collect::<Option<Vec<Target>>>()?;
    if !valid_offsets(&target_off, items.len()) || form_lemmas.off.len() != forms.len() + 1 {
        return None;
    }
    let lemmas = by_first.off.len().saturating_sub(1) as u32;
    let patterns = pattern_lemmas.off.len().saturating_sub(1) as u32;
    if form_lemmas
        .items
        .iter()
        .chain(
            pattern_lemmas
                .items
                .iter()
                .filter(|&&l| l != super::ANY_WORD),
        )
        .any(|&l| l >= lemmas)
        || by_first.items.iter().any(|&p| p >= patterns)
        || target_off.len() != pattern_lemmas.off.len()
        || (0..patterns).any(|p| pattern_lemmas.get(p).is_empty())
    {
        return None;
    }
    let matcher = Matcher {
        forms,
        form_lemmas,
        by_first,
        pattern_lemmas,
        pattern_targets: Lists {
            off: target_off,
            items,
        },
    };
    let context_phrases = r.strs()?;
    let nv = r.len()?;
    let variant_contexts = (0..nv)
        .map(|_| {
            let k = r.len()?;
            (0..k).map(|_| r.ctx()).collect::<Option<Vec<_>>>()
        })
        .collect::<Option<Vec<_>>>()?;
    let ne = r.len()?;
    let expression_contexts = (0..ne).map(|_| r.ctx()).collect::<Option<Vec<_>>>()?;
    let empty_patterns = r.strs()?;
    // Everything read, every block checked: the checksum decides.
    if r.left != 0 || r.unread != 0 || r.sum != sum {
        return None;
    }
    Some(Compiled {
        matcher,
        context_phrases,
        variant_contexts,
        expression_contexts,
        empty_patterns,
    })
}
