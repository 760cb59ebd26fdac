/*! The default glossaries, compiled into the binary from the `glossary/` folder.

Parsing their TOML takes about 5 ms, a quarter of a run on a small file, and gives the same
glossary every time: the parsed glossary is kept on disk beside the compiled glossaries
(see `matcher::cache`: same folder, same switches), keyed by a hash of the embedded texts,
of the tool's version and of the code that parses them, with a checksum. A missing,
stale, truncated or altered file means parsing again. */

use super::matcher::{cache_dir, prune_cache};
use super::stamp::{Mapped, SETTLED, identity, settled_since, write_note};
use super::terms::Terms;
use super::{
    Context, Entity, Examples, Expression, ExpressionKind, Glossary, GlossaryError, Origin,
    Overuse, Scope, Term, Text, Texts, Variant, Words, parse,
};
use crate::diagnostic::Severity;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;

/// (file name, text) of every default glossary, in the order they are merged.
pub const FILES: &[(&str, &str)] = &[
    (
        "glossary/tech.toml",
        include_str!("../../glossary/tech.toml"),
    ),
    (
        "glossary/entities.toml",
        include_str!("../../glossary/entities.toml"),
    ),
    (
        "glossary/calques.toml",
        include_str!("../../glossary/calques.toml"),
    ),
];

/// The default glossaries merged into one.
pub fn load() -> Result<Glossary, GlossaryError> {
    let key = key();
    let path = cache_dir().map(|d| d.join(format!("defaults-{key:032x}.bin")));
    if let Some(g) = path.as_ref().and_then(|p| read(p, key)) {
        return Ok(g);
    }
    let g = parse_all()?;
    Ok(match path {
        Some(p) => write_and_read(&p, key, g, "defaults-"),
        None => g,
    })
}

/// Files from this size on are worth keeping parsed (a 100,000-concept TBX weighs 60 MB and
/// takes about 0.3 s to parse).
const KEEP_PARSED_FROM: usize = 1 << 20;

/// A user's glossary file (TOML, TBX, CSV) at `path`, shown as `file`, parsed; a large one
/// is kept parsed on disk the same way as the default glossaries, keyed by its name, its
/// content and the code that parses it. `read` gives its text (or the error to report).
///
/// The key is taken from the file streamed through a small buffer: when the parsed form is
/// on disk, the text is never held (a termbase's text weighs 60 MB, as much as its parsed
/// form). Errors are never kept: a file with an error is parsed, and reported, again.
///
/// Once the key of a file is known, it is noted under the file's metadata (see `seen_key`):
/// the next run finds it without reading the file (60 MB read and hashed: a tenth of
/// loading a termbase).
pub fn parse_file_cached(
    file: &str,
    path: &std::path::Path,
    read: impl FnOnce() -> Result<String, GlossaryError>,
) -> Result<Glossary, GlossaryError> {
    let meta = std::fs::metadata(path).ok();
    let large = meta
        .as_ref()
        .is_some_and(|m| m.len() >= KEEP_PARSED_FROM as u64);
    let Some(dir) = cache_dir().filter(|_| large) else {
        return parse(file, &read()?);
    };
    let stored = |key: u128| dir.join(format!("parsed-{key:032x}.bin"));
    let seen = meta
        .as_ref()
        .and_then(|m| seen_key(file, m))
        .map(|k| dir.join(format!("seen-{k:032x}.bin")));
    if let Some(g) = seen
        .as_deref()
        .and_then(read_seen)
        .and_then(|key| self::read(&stored(key), key))
    {
        return Ok(g);
    }
    if let Some(key) = std::fs::File::open(path)
        .ok()
        .and_then(|f| file_key_of_reader(file, f))
        && let Some(g) = self::read(&stored(key), key)
    {
        note_seen(seen.as_deref(), path, meta.as_ref(), key, SETTLED);
        return Ok(g);
    }
    // Parsed from the text read now, and kept under the key of that very text.
    let text = read()?;
    let key = file_key(file, text.as_bytes());
    let g = parse(file, &text)?;
    drop(text);
    let g = write_and_read(&stored(key), key, g, "parsed-");
    note_seen(seen.as_deref(), path, meta.as_ref(), key, SETTLED);
    Ok(g)
}

/// A key of what a file's metadata says of its content (see `stamp`), with its name and
/// the code that parses it. `None` where there is no such metadata (not Unix).
fn seen_key(file: &str, meta: &std::fs::Metadata) -> Option<u128> {
    let mut k = FileKey::new(file);
    k.chunk(b"seen");
    for n in identity(meta)? {
        k.chunk(&n.to_le_bytes());
    }
    Some(k.finish())
}

const SEEN_MAGIC: &[u8; 8] = b"RLSEv001";

/// The content key noted in a `seen-` file.
fn read_seen(path: &std::path::Path) -> Option<u128> {
    let b = std::fs::read(path).ok()?;
    let (magic, key) = b.split_at_checked(8)?;
    (magic == SEEN_MAGIC).then_some(u128::from_le_bytes(key.try_into().ok()?))
}

/// Notes `key` as the content of the file at `path` whose metadata was `meta` when its
/// content was read, if it still is and has not changed for `settled`: a file changed
/// during the read, or just before, could change again without its times moving.
fn note_seen(
    seen: Option<&std::path::Path>,
    path: &std::path::Path,
    meta: Option<&std::fs::Metadata>,
    key: u128,
    settled: std::time::Duration,
) {
    let (Some(seen), Some(then)) = (seen, meta.and_then(identity)) else {
        return;
    };
    if !settled_since(path, then, settled) {
        return;
    }
    let mut b = SEEN_MAGIC.to_vec();
    b.extend_from_slice(&key.to_le_bytes());
    write_note(seen, &b);
    if let Some(dir) = seen.parent() {
        prune_cache(dir, "seen-");
    }
}

/// `parse_file_cached` for a text already read (the tests').
pub fn parse_cached(file: &str, text: String) -> Result<Glossary, GlossaryError> {
    if text.len() < KEEP_PARSED_FROM {
        return parse(file, &text);
    }
    let key = file_key(file, text.as_bytes());
    let path = cache_dir().map(|d| d.join(format!("parsed-{key:032x}.bin")));
    if let Some(g) = path.as_deref().and_then(|p| read(p, key)) {
        return Ok(g);
    }
    let g = parse(file, &text)?;
    drop(text);
    Ok(match path {
        Some(p) => write_and_read(&p, key, g, "parsed-"),
        None => g,
    })
}

/// The content of a user file is hashed in chunks of this size, whether it is streamed
/// from the file or already in memory: both give the same key.
const CHUNK: usize = 1 << 20;

/// What a parsed user file depends on: its name (it is in the glossary's origins), its
/// bytes, the tool's version and the code that reads and parses it.
struct FileKey([foldhash::fast::FoldHasher<'static>; 2]);

impl FileKey {
    fn new(file: &str) -> FileKey {
        const CODE: &[&str] = &[
            include_str!("defaults.rs"),
            include_str!("toml.rs"),
            include_str!("tbx.rs"),
            include_str!("csv.rs"),
            include_str!("model.rs"),
            include_str!("mod.rs"),
            include_str!("../formats/mod.rs"),
            include_str!("../../Cargo.lock"),
        ];
        let mut k = FileKey([
            foldhash::fast::FixedState::with_seed(0x452_821E_638D_0137).build_hasher(),
            foldhash::fast::FixedState::with_seed(0xBE54_66CF_34E9_0C6C).build_hasher(),
        ]);
        let head = [
            std::str::from_utf8(MAGIC).unwrap_or(""),
            env!("CARGO_PKG_VERSION"),
            file,
        ];
        for part in head.into_iter().chain(CODE.iter().copied()) {
            k.chunk(part.as_bytes());
        }
        k
    }
    fn chunk(&mut self, b: &[u8]) {
        for h in &mut self.0 {
            h.write_usize(b.len());
            h.write(b);
        }
    }
    fn finish(&self) -> u128 {
        ((self.0[0].finish() as u128) << 64) | self.0[1].finish() as u128
    }
}

fn file_key(file: &str, bytes: &[u8]) -> u128 {
    let mut k = FileKey::new(file);
    for c in bytes.chunks(CHUNK) {
        k.chunk(c);
    }
    k.chunk(&[]);
    k.finish()
}

/// `file_key` of the bytes of `f`, read a chunk at a time.
fn file_key_of_reader(file: &str, mut f: impl std::io::Read) -> Option<u128> {
    let mut k = FileKey::new(file);
    let mut buf = vec![0u8; CHUNK];
    loop {
        // A chunk is filled whole (reads may come short) but at the end of the file.
        let mut n = 0;
        while n < CHUNK {
            match f.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return None,
            }
        }
        if n > 0 {
            k.chunk(&buf[..n]);
        }
        if n < CHUNK {
            break;
        }
    }
    k.chunk(&[]);
    Some(k.finish())
}

/// The default glossaries parsed from their TOML.
fn parse_all() -> Result<Glossary, GlossaryError> {
    let mut g = Glossary::default();
    for (file, text) in FILES {
        g.merge(parse(file, text)?);
    }
    Ok(g)
}

const MAGIC: &[u8; 8] = b"RLDGv007";

/// Everything the parsed glossary depends on: the texts and the code that reads them.
fn key() -> u128 {
    const CODE: &[&str] = &[
        include_str!("defaults.rs"),
        include_str!("toml.rs"),
        include_str!("model.rs"),
        include_str!("mod.rs"),
        include_str!("../../Cargo.lock"),
    ];
    let texts = FILES.iter().flat_map(|(f, t)| [*f, *t]);
    hash_all(
        [
            std::str::from_utf8(MAGIC).unwrap_or(""),
            env!("CARGO_PKG_VERSION"),
        ]
        .into_iter()
        .chain(texts)
        .chain(CODE.iter().copied()),
    )
}

/// A 128-bit hash of strings, each with its length.
fn hash_all<'a>(parts: impl Iterator<Item = &'a str>) -> u128 {
    let mut h = [
        foldhash::fast::FixedState::with_seed(0x452_821E_638D_0137).build_hasher(),
        foldhash::fast::FixedState::with_seed(0xBE54_66CF_34E9_0C6C).build_hasher(),
    ];
    for s in parts {
        for h in &mut h {
            h.write_usize(s.len());
            h.write(s.as_bytes());
        }
    }
    ((h[0].finish() as u128) << 64) | h[1].finish() as u128
}

fn checksum(b: &[u8]) -> u64 {
    super::checksum::Checksum::of(b)
}

/// The glossary stored at `path` under `key`. Its terms stay in the file, mapped, and are
/// read when first used (see `Terms`).
fn read(path: &std::path::Path, key: u128) -> Option<Glossary> {
    let mapped = Mapped::open(path)?;
    let (head, payload) = mapped.map.split_at_checked(24)?;
    let (magic, sum) = head.split_at(16);
    if &magic[..8] != MAGIC
        || u64::from_le_bytes(magic[8..].try_into().ok()?) != payload.len() as u64
        || !mapped.sum_is(payload, u64::from_le_bytes(sum.try_into().ok()?))
    {
        return None;
    }
    // The strings are at the end, in the order they are read, then their length: cut where
    // the numbers say, and each checked as UTF-8 when it is read (`Reader::string`). A run
    // reads a few of a termbase's 600,000 strings (those of its findings' terms): checking
    // all 12 MB at once took 10 M instructions and touched every page of them, on every
    // run.
    let (rest, n) = payload.split_at_checked(payload.len().checked_sub(8)?)?;
    let n = usize::try_from(u64::from_le_bytes(n.try_into().ok()?)).ok()?;
    let (nums, strings) = rest.split_at_checked(rest.len().checked_sub(n)?)?;
    // The numbers end with where each term starts, and where the terms end.
    let (nums, places) = nums.split_at_checked(nums.len().checked_sub(8)?)?;
    let places = usize::try_from(u64::from_le_bytes(places.try_into().ok()?)).ok()?;
    let (body, table) =
        nums.split_at_checked(nums.len().checked_sub(places.checked_mul(PLACE)?)?)?;
    let mut r = Reader {
        b: body,
        strings: Strings::Bytes(strings),
        files: &[],
    };
    let files = r.files()?;
    let mut r = Reader { files: &files, ..r };
    let terms = r.count()?;
    if places != terms + 1 {
        return None;
    }
    // Past the terms, to what follows them.
    let (end_nums, end_strs) = place(table, terms)?;
    let (at_nums, at_strs) = (body.len() - r.b.len(), strings.len() - r.strings.len());
    if end_nums < at_nums || end_strs < at_strs {
        return None;
    }
    r.b = body.get(end_nums..)?;
    // The strings of what follows the terms are all read, at once: they are checked as
    // UTF-8 in one pass (`Strings::Checked`). Checked one by one, their 7,738 short strings
    // cost 1.5 M instructions of `from_utf8` a run (0.3 ms of the PO text's).
    r.strings = Strings::Checked(simdutf8::basic::from_utf8(strings.get(end_strs..)?).ok()?);
    let mut g = r.rest()?;
    // The index of the approved terms: where each term's start, then where each lies.
    let index_at = body.len() - r.b.len();
    let firsts = (terms + 1).checked_mul(8)?;
    r.b = r.b.get(firsts..)?;
    let n = r.count()?;
    r.b = r.b.get(n.checked_mul(16)?..)?;
    let approved_end = body.len() - r.b.len();
    let n = r.count()?;
    if r.b.len() != n.checked_mul(8)? || !r.strings.is_empty() {
        return None;
    }
    let body = 24..24 + body.len();
    let first_approved = body.start + index_at..body.start + index_at + firsts;
    let approved = first_approved.end + 8..body.start + approved_end;
    let id_hashes = approved.end + 8..body.end;
    let stored = Stored {
        key,
        terms,
        first_approved,
        approved,
        id_hashes,
        places: body.end..body.end + table.len(),
        strings: body.end + table.len() + 8..payload.len() + 24 - 8,
        body,
        files,
        map: mapped.map,
    };
    g.terms = Terms::stored(Arc::new(stored));
    Some(g)
}

/// The hash of a term's id kept in a stored glossary (see `Stored::may_hold_id`).
fn id_hash(id: &str) -> u64 {
    foldhash::fast::FixedState::with_seed(0x2545_F491_4F6C_DD1D).hash_one(id)
}

/// The bytes of an entry of the table of places: the offsets of a term's numbers and of its
/// strings, and the length of its id (its first string), so that the ids of a termbase's
/// 100,000 terms are read from the table and the strings alone (reading each length from
/// the term's numbers missed the processor's caches every time: 3 ms a run).
const PLACE: usize = 24;

/// The place of term `i` in a table of places: the offsets of its numbers and its strings.
fn place(table: &[u8], i: usize) -> Option<(usize, usize)> {
    let (nums, strs, _) = place_and_id(table, i)?;
    Some((nums, strs))
}

/// The place of term `i` and the length of its id.
fn place_and_id(table: &[u8], i: usize) -> Option<(usize, usize, usize)> {
    let k = i.checked_mul(PLACE / 8)?;
    let n = |k: usize| usize::try_from(number_at(table, k)?).ok();
    Some((n(k)?, n(k + 1)?, n(k + 2)?))
}

/// The `k`-th number of an array of little-endian 64-bit numbers, if it holds one.
fn number_at(b: &[u8], k: usize) -> Option<u64> {
    let at = k.checked_mul(8)?;
    Some(u64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

/// Writes `g` to `path`, and gives it back as read from there, its terms already read (they
/// are `g`'s) but known as stored: the key of its compiled form is then the one later runs
/// find (see `Terms::key_parts`). `g` itself when the file cannot be written or read.
fn write_and_read(path: &std::path::Path, key: u128, g: Glossary, prefix: &str) -> Glossary {
    write(path, &g, prefix);
    match read(path, key) {
        Some(mut stored) => {
            stored.terms.adopt(g.terms);
            stored
        }
        None => g,
    }
}

/// A glossary file kept on disk, mapped, from which terms are read when first used.
///
/// Its terms are not checked when it is opened (that took as long as the rest of opening
/// it): its checksum (taken now, or by an earlier run and the file unchanged since: see
/// `stamp`) says that its bytes are those written by this very code (its key holds the
/// code), which reads back what it writes (see the tests). A term that could not be read
/// all the same would stand as an empty term (see `terms::unreadable`), never a panic.
pub(crate) struct Stored {
    /// The key it is stored under: everything its content depends on.
    pub(crate) key: u128,
    map: memmap2::Mmap,
    terms: usize,
    /// Where its numbers, its table of places and its strings lie in `map`.
    body: std::ops::Range<usize>,
    places: std::ops::Range<usize>,
    strings: std::ops::Range<usize>,
    /// Where the list of each term's approved terms starts in `approved` (one number per
    /// term, and where the last ends), and where each approved term lies in the strings
    /// (two numbers each): `each_approved` reads 100,000 terms' approved terms from these
    /// two arrays in order, where reading each term's numbers took 28 M instructions.
    first_approved: std::ops::Range<usize>,
    approved: std::ops::Range<usize>,
    /// The hashes of the terms' ids (`id_hash`), in order: whether the file may hold an id
    /// is known without reading its 100,000 ids (see `Terms::ids_among`).
    id_hashes: std::ops::Range<usize>,
    /// The file names of the origins.
    files: Vec<Arc<str>>,
}

impl Stored {
    /// The number of terms.
    pub(crate) fn len(&self) -> usize {
        self.terms
    }

    /// The bytes of the strings of all the terms, one after the other (each string is
    /// checked as UTF-8 when it is read).
    fn strings(&self) -> &[u8] {
        &self.map[self.strings.clone()]
    }

    /// A reader of term `i`.
    fn reader(&self, i: u32) -> Reader<'_> {
        let strings = self.strings();
        let body = &self.map[self.body.clone()];
        let (nums, strs) = place(&self.map[self.places.clone()], i as usize).unwrap_or_default();
        Reader {
            b: body.get(nums..).unwrap_or_default(),
            strings: Strings::Bytes(strings.get(strs..).unwrap_or_default()),
            files: &self.files,
        }
    }

    pub(crate) fn term(&self, i: u32) -> Term {
        self.reader(i)
            .term()
            .unwrap_or_else(|| super::terms::unreadable(self.id(i)))
    }

    pub(crate) fn id(&self, i: u32) -> &str {
        let strings = self.strings();
        place_and_id(&self.map[self.places.clone()], i as usize)
            .and_then(|(_, at, len)| strings.get(at..at.checked_add(len)?))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// False when no term of the file has the id `id`.
    pub(crate) fn may_hold_id(&self, id: &str) -> bool {
        let hashes = &self.map[self.id_hashes.clone()];
        let h = id_hash(id);
        // (A binary search over the numbers in place.)
        let (mut lo, mut hi) = (0, hashes.len() / 8);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match number_at(hashes, mid).cmp(&Some(h)) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// Calls `f` with each approved term of term `i`.
    pub(crate) fn approved(&self, i: u32, f: &mut impl FnMut(&str)) {
        let n = |b: &[u8], k: usize| usize::try_from(number_at(b, k)?).ok();
        let firsts = &self.map[self.first_approved.clone()];
        let places = &self.map[self.approved.clone()];
        let strings = self.strings();
        let (Some(a), Some(b)) = (n(firsts, i as usize), n(firsts, i as usize + 1)) else {
            return;
        };
        for k in a..b {
            let (Some(at), Some(len)) = (n(places, 2 * k), n(places, 2 * k + 1)) else {
                return;
            };
            // (A place that is not one, as only a fault of the writer could give, is passed
            // over: the term read whole says what it holds.)
            if let Some(s) = at
                .checked_add(len)
                .and_then(|end| strings.get(at..end))
                .and_then(|b| std::str::from_utf8(b).ok())
            {
                f(s);
            }
        }
    }
}

fn write(path: &std::path::Path, g: &Glossary, prefix: &str) {
    let mut w = Writer::default();
    w.glossary(g);
    let Writer {
        out: mut payload,
        strings,
        ..
    } = w;
    payload.extend_from_slice(strings.as_bytes());
    payload.extend_from_slice(&(strings.len() as u64).to_le_bytes());
    drop(strings);
    let mut head = Vec::with_capacity(24);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    head.extend_from_slice(&checksum(&payload).to_le_bytes());
    let Some(parent) = path.parent() else { return };
    if std::fs::create_dir_all(parent).is_err() {
        return;
    }
    // Written aside, then renamed: a reader never sees half a file.
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("defaults");
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    // The head, then the payload: not copied after the head (a termbase's weighs 35 MB).
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        use std::io::Write;
        f.write_all(&head)?;
        f.write_all(&payload)
    });
    drop(payload);
    if written.is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    prune_cache(parent, prefix);
}

// ---- encoding --------------------------------------------------------------------------

/// The numbers and string lengths, and apart the strings' bytes.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    strings: String,
    /// The origins' file names: written once, then referred to by their index.
    files: Vec<Arc<str>>,
}

impl Writer {
    fn num(&mut self, n: usize) {
        self.out.extend_from_slice(&(n as u64).to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.num(s.len());
        self.strings.push_str(s);
    }
    fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.num(v.len());
        for s in v {
            self.str(s.as_ref());
        }
    }
    fn opt(&mut self, s: &Option<String>) {
        match s {
            None => self.num(0),
            Some(s) => {
                self.num(1);
                self.str(s);
            }
        }
    }
    fn severity(&mut self, s: Severity) {
        self.num(match s {
            Severity::Info => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        });
    }
    /// A context, after a flag that says whether it is the default one (a termbase's
    /// always is: one number instead of five).
    fn context(&mut self, c: &Context) {
        let default = *c == Context::default();
        self.num(!default as usize);
        if !default {
            self.strs(&c.when);
            self.strs(&c.unless);
            self.num(matches!(c.scope, Scope::Paragraph) as usize);
        }
    }
    /// Examples, after a flag that says whether there are any.
    fn examples(&mut self, e: &Examples) {
        let none = e.bad.is_empty() && e.good.is_empty();
        self.num(!none as usize);
        if !none {
            self.strs(&e.bad);
            self.strs(&e.good);
        }
    }
    /// An origin: the index of its file in the table of files, and the line.
    fn origin(&mut self, o: &Origin) {
        let i = self.files.iter().position(|f| *f == o.file);
        self.num(i.unwrap_or(usize::MAX));
        self.num(o.line);
    }
    fn glossary(&mut self, g: &Glossary) {
        // The origins' file names first, once each (a glossary comes from a few files).
        for e in g.entries() {
            let file = &e.origin().file;
            if !self.files.contains(file) {
                self.files.push(file.clone());
            }
        }
        let files = std::mem::take(&mut self.files);
        self.strs(&files);
        self.files = files;
        self.num(g.terms.len());
        // Where each term starts, and where the terms end: written after all, so that a
        // term can be read alone (see `Stored`).
        let mut places = Vec::with_capacity(g.terms.len() + 1);
        // Where each term's approved terms lie in the strings (see `Stored::approved`).
        let mut first_approved = Vec::with_capacity(g.terms.len() + 1);
        let mut approved = Vec::new();
        for t in &g.terms {
            places.push((self.out.len(), self.strings.len(), t.id.len()));
            self.str(&t.id);
            self.strs(&t.source);
            first_approved.push(approved.len());
            self.num(t.approved.len());
            for a in &t.approved {
                approved.push((self.strings.len(), a.len()));
                self.str(a);
            }
            self.num(t.forbidden.len());
            for v in &t.forbidden {
                self.str(&v.term);
                self.str(&v.reason);
                self.strs(&v.suggest);
                match v.severity {
                    None => self.num(0),
                    Some(s) => {
                        self.num(1);
                        self.severity(s);
                    }
                }
                self.context(&v.context);
                self.num(v.inflect as usize);
            }
            self.opt(&t.domain);
            self.severity(t.severity);
            self.opt(&t.note);
            self.num(t.check_untranslated as usize);
            self.examples(&t.examples);
            self.origin(&t.origin);
        }
        places.push((self.out.len(), self.strings.len(), 0));
        first_approved.push(approved.len());
        self.num(g.entities.len());
        for e in &g.entities {
            self.str(&e.id);
            self.str(&e.name);
            self.opt(&e.full_name);
            self.strs(&e.also);
            self.strs(&e.wrong);
            self.strs(&e.source);
            self.opt(&e.note);
            self.severity(e.severity);
            self.examples(&e.examples);
            self.origin(&e.origin);
        }
        self.num(g.expressions.len());
        for x in &g.expressions {
            self.str(&x.id);
            self.str(x.kind.as_str());
            self.strs(&x.patterns);
            self.strs(&x.suggest);
            self.str(&x.reason);
            self.severity(x.severity);
            self.context(&x.context);
            self.num(x.inflect as usize);
            self.examples(&x.examples);
            self.origin(&x.origin);
        }
        self.num(g.overuses.len());
        for o in &g.overuses {
            self.str(&o.id);
            self.strs(&o.patterns);
            self.num(o.max);
            self.num(o.window);
            self.str(&o.reason);
            self.strs(&o.suggest);
            self.severity(o.severity);
            self.examples(&o.examples);
            self.origin(&o.origin);
        }
        for n in first_approved {
            self.num(n);
        }
        self.num(approved.len());
        for (at, len) in approved {
            self.num(at);
            self.num(len);
        }
        let mut hashes: Vec<u64> = g.terms.iter().map(|t| id_hash(&t.id)).collect();
        hashes.sort_unstable();
        self.num(hashes.len());
        for h in hashes {
            self.out.extend_from_slice(&h.to_le_bytes());
        }
        for &(nums, strs, id) in &places {
            self.num(nums);
            self.num(strs);
            self.num(id);
        }
        self.num(places.len());
    }
}

struct Reader<'a> {
    b: &'a [u8],
    /// The strings not yet read.
    strings: Strings<'a>,
    /// The origins' file names, shared as in a parsed glossary.
    files: &'a [Arc<str>],
}

/// The strings of a stored glossary not yet read: bytes, each string checked as UTF-8 when
/// it is read (a term's, of which a run reads few), or a text already checked as a whole,
/// cut where a string ends (`take`: `None` if that is not on a character, as the check of
/// the string alone would say).
#[derive(Clone, Copy)]
enum Strings<'a> {
    Bytes(&'a [u8]),
    Checked(&'a str),
}

impl<'a> Strings<'a> {
    /// The next `n` bytes as a string.
    fn take(&mut self, n: usize) -> Option<&'a str> {
        match self {
            Strings::Bytes(b) => {
                let s = b.get(..n)?;
                *b = &b[n..];
                std::str::from_utf8(s).ok()
            }
            Strings::Checked(t) => {
                let s = t.get(..n)?;
                *t = &t[n..];
                Some(s)
            }
        }
    }

    /// The number of bytes left.
    fn len(&self) -> usize {
        match self {
            Strings::Bytes(b) => b.len(),
            Strings::Checked(t) => t.len(),
        }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<'a> Reader<'a> {
    fn num(&mut self) -> Option<usize> {
        let (n, rest) = self.b.split_at_checked(8)?;
        self.b = rest;
        usize::try_from(u64::from_le_bytes(n.try_into().ok()?)).ok()
    }
    /// A count of items, each at least a byte long: never more than what is left.
    fn count(&mut self) -> Option<usize> {
        self.num().filter(|&n| n <= self.b.len())
    }
    /// The next string (`None` if its bytes are not UTF-8, as when its length does not end
    /// on a character).
    fn string(&mut self) -> Option<&'a str> {
        let n = self.num()?;
        self.strings.take(n)
    }
    fn str(&mut self) -> Option<String> {
        Some(self.string()?.to_owned())
    }
    /// A string as a `Text`: one of up to 24 bytes takes no allocation, nor the reason a
    /// termbase gives to all its deprecated terms.
    fn text(&mut self) -> Option<Text> {
        Some(super::text(self.string()?))
    }
    fn texts(&mut self) -> Option<Texts> {
        self.list(Texts::with_capacity, Texts::push, Self::text)
    }
    /// The table of the origins' file names (a few: read as strings, then shared).
    fn files(&mut self) -> Option<Vec<Arc<str>>> {
        Some(self.strs()?.into_iter().map(Arc::from).collect())
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        self.list(Vec::with_capacity, Vec::push, Self::str)
    }
    /// `strs` as `Words`, made as such: a `Vec` turned into one was allocated and copied
    /// again (906 lists of examples and contexts a run).
    fn words(&mut self) -> Option<Words> {
        self.list(Words::with_capacity, Words::push, Self::str)
    }
    /// A count, then that many items read by `item`, in a list made with room for them
    /// (`with_room`) and filled by `push`.
    fn list<L, T>(
        &mut self,
        with_room: fn(usize) -> L,
        push: fn(&mut L, T),
        item: fn(&mut Self) -> Option<T>,
    ) -> Option<L> {
        let n = self.count()?;
        let mut v = with_room(n);
        for _ in 0..n {
            push(&mut v, item(self)?);
        }
        Some(v)
    }
    fn flag(&mut self) -> Option<bool> {
        match self.num()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn opt(&mut self) -> Option<Option<String>> {
        Some(if self.flag()? {
            Some(self.str()?)
        } else {
            None
        })
    }
    fn severity(&mut self) -> Option<Severity> {
        Some(match self.num()? {
            0 => Severity::Info,
            1 => Severity::Warning,
            2 => Severity::Error,
            _ => return None,
        })
    }
    fn context(&mut self) -> Option<Context> {
        if !self.flag()? {
            return Some(Context::default());
        }
        Some(Context {
            when: self.words()?,
            unless: self.words()?,
            scope: if self.flag()? {
                Scope::Paragraph
            } else {
                Scope::Sentence
            },
        })
    }
    fn examples(&mut self) -> Option<Examples> {
        if !self.flag()? {
            return Some(Examples::default());
        }
        Some(Examples {
            bad: self.words()?,
            good: self.words()?,
        })
    }
    fn origin(&mut self) -> Option<Origin> {
        Some(Origin {
            file: self.files.get(self.num()?)?.clone(),
            line: self.num()?,
        })
    }
    /// A term, as `Writer::glossary` writes it.
    fn term(&mut self) -> Option<Term> {
        let id = self.text()?;
        let source = self.texts()?;
        let approved = self.texts()?;
        let variants = self.count()?;
        let mut forbidden = Vec::with_capacity(variants);
        for _ in 0..variants {
            forbidden.push(Variant {
                term: self.text()?,
                reason: self.text()?,
                suggest: self.texts()?,
                severity: if self.flag()? {
                    Some(self.severity()?)
                } else {
                    None
                },
                context: self.context()?,
                inflect: self.flag()?,
            });
        }
        Some(Term {
            id,
            source,
            approved,
            forbidden,
            domain: self.opt()?,
            severity: self.severity()?,
            note: self.opt()?,
            check_untranslated: self.flag()?,
            examples: self.examples()?,
            origin: self.origin()?,
        })
    }
    /// What follows the terms: the entities, expressions and overused constructions.
    fn rest(&mut self) -> Option<Glossary> {
        let mut g = Glossary::default();
        let entities = self.count()?;
        g.entities.reserve_exact(entities);
        for _ in 0..entities {
            g.entities.push(Entity {
                id: self.str()?,
                name: self.str()?,
                full_name: self.opt()?,
                also: self.strs()?,
                wrong: self.strs()?,
                source: self.strs()?,
                note: self.opt()?,
                severity: self.severity()?,
                examples: self.examples()?,
                origin: self.origin()?,
            });
        }
        for _ in 0..self.count()? {
            g.expressions.push(Expression {
                id: self.str()?,
                kind: ExpressionKind::parse(&self.str()?)?,
                patterns: self.strs()?,
                suggest: self.strs()?,
                reason: self.str()?,
                severity: self.severity()?,
                context: self.context()?,
                inflect: self.flag()?,
                examples: self.examples()?,
                origin: self.origin()?,
            });
        }
        for _ in 0..self.count()? {
            g.overuses.push(Overuse {
                id: self.str()?,
                patterns: self.strs()?,
                max: self.num()?,
                window: self.num()?,
                reason: self.str()?,
                suggest: self.strs()?,
                severity: self.severity()?,
                examples: self.examples()?,
                origin: self.origin()?,
            });
        }
        Some(g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn same(a: &Glossary, b: &Glossary) -> bool {
        a.terms == b.terms
            && a.entities == b.entities
            && a.expressions == b.expressions
            && a.overuses == b.overuses
    }

    #[test]
    fn the_stored_glossary_is_the_parsed_one() {
        let parsed = parse_all().expect("the default glossaries parse");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("defaults-test.bin");
        write(&path, &parsed, "defaults-");
        let read_back = read(&path, 1).expect("the file just written");
        assert!(same(&parsed, &read_back));
        assert!(parsed.terms.len() > 100 && parsed.expressions.len() > 100);
        // A truncated or altered file is not used.
        let bytes = std::fs::read(&path).expect("read");
        std::fs::write(&path, &bytes[..bytes.len() - 1]).expect("write");
        assert!(read(&path, 1).is_none());
        let mut altered = bytes.clone();
        let i = altered.len() / 2;
        altered[i] ^= 1;
        std::fs::write(&path, &altered).expect("write");
        assert!(read(&path, 1).is_none());
        // Terms are not checked when the file is opened: one that cannot be read (a place
        // out of the file, as only a fault of the writer could give) is an empty term with
        // its id (which the table of places gives apart).
        let mut wrong = bytes.clone();
        let u64_at = |b: &[u8], i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap());
        let strings = u64_at(&wrong, wrong.len() - 8) as usize;
        let count_at = wrong.len() - 8 - strings - 8;
        let first_place = count_at - PLACE * u64_at(&wrong, count_at) as usize;
        wrong[first_place..first_place + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        // The file written with its checksum made right, read back: its first term cannot
        // be read, the second is as it was.
        let first_unreadable = |mut b: Vec<u8>| {
            let sum = checksum(&b[24..]);
            b[16..24].copy_from_slice(&sum.to_le_bytes());
            std::fs::write(&path, &b).expect("write");
            let g = read(&path, 1).expect("a file with a right checksum");
            assert_eq!(
                (g.terms[0].id.as_str(), g.terms[0].approved.len()),
                (parsed.terms[0].id.as_str(), 0)
            );
            assert_eq!(g.terms[1], parsed.terms[1]);
            g
        };
        first_unreadable(wrong);
        // Strings are checked as UTF-8 when read, not when the file is opened: a term with
        // a string that is not (a byte changed, the checksum made right) reads as one that
        // cannot be read, and the others as they were.
        let mut not_utf8 = bytes.clone();
        let strings_at = bytes.len() - 8 - strings;
        let approved = parsed.terms[0].approved[0].as_bytes();
        let at = strings_at
            + bytes[strings_at..]
                .windows(approved.len())
                .position(|w| w == approved)
                .expect("the first approved term among the strings");
        not_utf8[at] = 0xFF;
        let g = first_unreadable(not_utf8);
        let mut approved = Vec::new();
        g.terms.each_approved(|a| approved.push(a.to_string()));
        assert!(!approved.contains(&parsed.terms[0].approved[0].to_string()));
        assert!(approved.contains(&parsed.terms[1].approved[0].to_string()));
    }

    /// Strings cut from a text checked as a whole are those checked one by one, and a cut
    /// that is not on a character fails in both, at the same string: random texts of
    /// characters of one to four bytes, cut at random lengths.
    #[test]
    fn strings_checked_at_once_are_those_checked_one_by_one() {
        let pieces = ["a", "é", "€", "𝄞", " ", "Z"];
        let mut rng = crate::testing::Rng::new(0x5717_1265);
        let (mut read, mut failed) = (0, 0);
        for _ in 0..3000 {
            let text = rng.string(&pieces, 20);
            let (mut bytes, mut checked) = (
                Strings::Bytes(text.as_bytes()),
                Strings::Checked(text.as_str()),
            );
            while !bytes.is_empty() {
                let n = rng.below(bytes.len().min(6) + 1);
                let (a, b) = (bytes.take(n), checked.take(n));
                assert_eq!(a, b, "{text:?}");
                if a.is_none() {
                    failed += 1;
                    break;
                }
                read += 1;
                assert_eq!(bytes.len(), checked.len());
            }
        }
        assert!(read > 3000 && failed > 300, "{read} {failed}");
    }

    /// A string of what follows the terms that is not UTF-8 (a byte changed, the checksum
    /// made right) makes the file unread, as each string checked alone did.
    #[test]
    fn a_stored_glossary_whose_entities_are_not_utf8_is_not_read() {
        let parsed = parse_all().expect("the default glossaries parse");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("defaults-test.bin");
        write(&path, &parsed, "defaults-");
        assert!(read(&path, 1).is_some());
        let mut bytes = std::fs::read(&path).expect("read");
        let name = parsed.entities.last().expect("entities").name.as_bytes();
        let at = (bytes.windows(name.len()).rposition(|w| w == name)).expect("the name");
        bytes[at] = 0xFF;
        let sum = checksum(&bytes[24..]);
        bytes[16..24].copy_from_slice(&sum.to_le_bytes());
        std::fs::write(&path, &bytes).expect("write");
        assert!(read(&path, 1).is_none());
    }

    #[test]
    fn stored_terms_are_read_when_used_and_merge_like_given_ones() {
        use crate::glossary::terms::KeyPart;
        let parsed = parse_all().expect("the default glossaries parse");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("defaults-test.bin");
        write(&path, &parsed, "defaults-");
        let stored = read(&path, 7).expect("the file just written");
        // Ids and approved terms come from the file without reading a term.
        assert!(
            stored
                .terms
                .ids()
                .eq(parsed.terms.iter().map(|t| t.id.as_str()))
        );
        let approved = |g: &Glossary| {
            let mut v = Vec::new();
            g.terms.each_approved(|a| v.push(a.to_string()));
            v
        };
        assert_eq!(approved(&stored), approved(&parsed));
        assert!(approved(&parsed).len() > parsed.terms.len());
        let key_of = super::super::matcher::compiled_key;
        let stored_key = key_of(&stored);
        assert!(matches!(
            stored.terms.key_parts()[..],
            [KeyPart::Stored { file: 7, first: 0, count }] if count as usize == parsed.terms.len()
        ));
        assert_eq!(stored.terms.read_so_far(), 0);
        // A term is read when asked for, and only it.
        let n = parsed.terms.len();
        assert_eq!(stored.terms[n - 1], parsed.terms[n - 1]);
        assert_eq!(stored.terms.read_so_far(), 1);
        assert_eq!(
            key_of(&stored),
            stored_key,
            "reading a term changes nothing"
        );

        // Merged after given terms, and a later file redefining one of its terms.
        let (first, last) = (parsed.terms[0].id.clone(), parsed.terms[n - 1].id.clone());
        let given = |id: &str| {
            crate::glossary::parse(
                "autre.toml",
                &format!(
                    "[glossary]\nname = \"autre\"\n[[term]]\nid = \"{id}\"\napproved = [\"autre chose\"]\n"
                ),
            )
            .expect("parses")
        };
        let mut g = given("nouveau");
        g.merge(stored.clone());
        g.merge(given(&last));
        assert_eq!(g.terms.len(), n + 1);
        let ids: Vec<&str> = g.terms.ids().collect();
        assert_eq!(
            (ids[0], ids[1], ids[n]),
            ("nouveau", first.as_str(), last.as_str())
        );
        assert_eq!(g.terms[n].approved[..], ["autre chose"]);
        assert_eq!(g.terms[1], parsed.terms[0]);
        // A stored file that redefines one of ours replaces it: its index of ids says it
        // may hold it, and says so of every id it holds and of no other here.
        let path = dir.path().join("third.bin");
        write(&path, &given(&first), "defaults-");
        let third = read(&path, 9).expect("the file just written");
        let file = &third.terms.files()[0];
        assert!(file.may_hold_id(&first));
        assert!(!file.may_hold_id(&last) && !file.may_hold_id("nouveau"));
        let mut redefined = stored.clone();
        redefined.merge(third);
        assert_eq!(redefined.terms.len(), n);
        assert_eq!(redefined.terms[n - 1].id, first);
        assert_eq!(redefined.terms[n - 1].approved[..], ["autre chose"]);
        assert_eq!(redefined.terms[0], parsed.terms[1]);
        // Two stored files merged: each term is read from its own.
        let path = dir.path().join("second.bin");
        write(&path, &given("seul"), "defaults-");
        let mut two = stored.clone();
        two.merge(read(&path, 8).expect("the file just written"));
        assert_eq!(two.terms.len(), n + 1);
        assert_eq!(two.terms[n].id, "seul");
        assert_eq!(two.terms[n].approved[..], ["autre chose"]);
        assert_eq!(two.terms[0], parsed.terms[0]);
        assert!(matches!(
            two.terms.key_parts()[..],
            [
                KeyPart::Stored { file: 7, .. },
                KeyPart::Stored {
                    file: 8,
                    first: 0,
                    count: 1
                }
            ]
        ));
        // A term changed in place counts as given: the key follows its content.
        let mut changed = stored.clone();
        for t in changed.terms.iter_mut().take(1) {
            t.approved = Texts::from_iter([Text::from("autre chose")]);
        }
        assert_eq!(changed.terms.read_so_far(), stored.terms.read_so_far() + 1);
        assert_ne!(key_of(&changed), stored_key);
        assert!(matches!(
            changed.terms.key_parts().first(),
            Some(KeyPart::Given(_))
        ));
    }

    #[test]
    fn a_large_user_file_is_kept_parsed_and_read_back_the_same() {
        // A TBX of some 1.3 MB, past the threshold.
        let mut tbx = String::from(
            "<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n",
        );
        let mut i = 0;
        while tbx.len() < KEEP_PARSED_FROM + 1000 {
            tbx.push_str(&format!(
                "<termEntry id=\"c{i}\"><langSet xml:lang=\"en\"><tig><term>word{i}</term></tig></langSet>\
                 <langSet xml:lang=\"fr\"><tig><term>mot{i}</term></tig><tig><term>vocable{i}</term>\
                 <termNote type=\"normativeAuthorization\">deprecatedTerm</termNote></tig></langSet></termEntry>\n"
            ));
            i += 1;
        }
        tbx.push_str("</body></text></martif>\n");
        let dir = tempfile::tempdir().expect("a temporary folder");
        // SAFETY of the environment: the variable is read by this process only.
        unsafe { std::env::set_var("RELECTURE_CACHE_DIR", dir.path()) };
        let first = parse_cached("big.tbx", tbx.clone()).expect("parses");
        let stored: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("parsed-"))
            .collect();
        assert_eq!(stored.len(), 1);
        let second = parse_cached("big.tbx", tbx.clone()).expect("read back");
        assert!(same(&first, &second));
        assert_eq!(first.terms.len(), i);
        // Another text is another key.
        let other = tbx.replace("mot0<", "mot0bis<");
        let third = parse_cached("big.tbx", other.clone()).expect("parses");
        assert!(!same(&first, &third));

        // From a file: its key is noted under its metadata only once the file has settled.
        let path = dir.path().join("big.tbx");
        std::fs::write(&path, &tbx).unwrap();
        let load = || {
            parse_file_cached("big.tbx", &path, || {
                Ok(std::fs::read_to_string(&path).expect("readable"))
            })
            .expect("parses")
        };
        assert!(same(&load(), &first));
        let seen = |p: &std::path::Path| {
            let m = std::fs::metadata(p).unwrap();
            dir.path().join(format!(
                "seen-{:032x}.bin",
                seen_key("big.tbx", &m).unwrap()
            ))
        };
        assert!(!seen(&path).exists(), "a file just written is not noted");
        // A note is trusted without reading the file: noted (as settled) with the key of
        // the other text, the file loads as the other text.
        let meta = std::fs::metadata(&path).unwrap();
        let other_key = file_key("big.tbx", other.as_bytes());
        note_seen(
            Some(&seen(&path)),
            &path,
            Some(&meta),
            other_key,
            Duration::ZERO,
        );
        assert_eq!(read_seen(&seen(&path)), Some(other_key));
        assert!(same(&load(), &third));
        // Written again, same size and modification time put back: its change time moves,
        // so the note no longer applies and the content is read.
        std::thread::sleep(Duration::from_millis(20));
        let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        use std::io::Write;
        (&f).write_all(tbx.as_bytes()).unwrap();
        f.set_modified(meta.modified().unwrap()).unwrap();
        drop(f);
        let now = std::fs::metadata(&path).unwrap();
        assert_eq!(
            (now.len(), now.modified().ok()),
            (meta.len(), meta.modified().ok())
        );
        assert!(!seen(&path).exists());
        assert!(same(&load(), &first));
        // A file changed less than the settling time ago is not noted.
        note_seen(Some(&seen(&path)), &path, Some(&now), 1, SETTLED);
        assert!(!seen(&path).exists());
    }
}
