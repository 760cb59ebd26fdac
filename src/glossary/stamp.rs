/*! What a file's metadata says of its content, and the cache files checked whole once.

A file's device, inode, size, and modification and change times (to the nanosecond) stand
for its content: writing to a file sets its change time to the present, and no tool can
set it back. Equal metadata then means the same content, unless the file changed again
within the clock's resolution of the moment its metadata was noted: metadata is noted only
for a file left unchanged for `SETTLED`, as git does for its index.

`defaults` uses this to find a user's termbase parsed before without reading it. This
module uses it for the cache files themselves: a cache file is mapped and its checksum
taken over every byte (a termbase's two files weigh 76 MB: a third of a run on a small
file, with the kernel's work of mapping every page at once). Once a run has found the
checksum right, it notes the file's metadata beside it (`NAME.ok`); a later run that finds
the same metadata skips the checksum and maps the file lazily, its pages read as the run
touches them (a small file touches few). A file replaced, rewritten, cut short or grown
has other metadata, and is checked whole again. What no metadata shows, bytes changed by a
failing disk after the check, is not seen; the tool's own binary is in the same case. */

use super::checksum::Checksum;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a file must have been left unchanged before its metadata stands for its
/// content.
pub(crate) const SETTLED: Duration = Duration::from_secs(2);

/// A file's device, inode, size, and modification and change times; `None` where there is
/// no such metadata (not Unix).
pub(crate) fn identity(meta: &std::fs::Metadata) -> Option<[i64; 7]> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some([
            meta.dev() as i64,
            meta.ino() as i64,
            meta.size() as i64,
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec(),
        ])
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Whether the file at `path` still has the metadata `then` and has been left unchanged
/// for `settled` (its modification and change times both that far in the past): only then
/// may a note of that metadata stand for its content.
pub(crate) fn settled_since(path: &Path, then: [i64; 7], settled: Duration) -> bool {
    let Ok(now) = std::fs::metadata(path) else {
        return false;
    };
    let old_enough = |t: Option<std::time::SystemTime>| {
        t.and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= settled)
    };
    let ctime = std::time::UNIX_EPOCH.checked_add(Duration::new(
        then[5].max(0) as u64,
        then[6].clamp(0, 999_999_999) as u32,
    ));
    identity(&now) == Some(then) && old_enough(now.modified().ok()) && old_enough(ctime)
}

/// Writes the small note `bytes` at `path`: aside, then renamed over it, so that a reader
/// never sees half of one. (The aside is named after the note and the process: two
/// processes never write the same one.) A note that cannot be written is no error: the
/// next run does the work again.
pub(crate) fn write_note(path: &Path, bytes: &[u8]) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

const MAGIC: &[u8; 8] = b"RLOKv001";

/// Files from this size on are mapped lazily once checked.
const LAZY_FROM: u64 = 4 << 20;

/// Where the metadata of the cache file at `path` is noted once its checksum was found
/// right.
pub(crate) fn note_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".ok");
    path.with_file_name(name)
}

/// A cache file mapped for reading.
pub(crate) struct Mapped {
    pub map: memmap2::Mmap,
    /// The file's metadata when it was opened.
    identity: Option<[i64; 7]>,
    /// True when an earlier run found the checksum right and the metadata is unchanged.
    checked: bool,
    path: PathBuf,
    settled: Duration,
}

impl Mapped {
    /// The cache file at `path`, mapped: lazily when it was checked whole before, else
    /// with every page brought in at once (the checksum reads them all).
    pub(crate) fn open(path: &Path) -> Option<Mapped> {
        Mapped::open_settled(path, SETTLED)
    }

    fn open_settled(path: &Path, settled: Duration) -> Option<Mapped> {
        let file = std::fs::File::open(path).ok()?;
        // The metadata of the file opened, not of whatever the path names by now.
        let identity = file.metadata().ok().as_ref().and_then(identity);
        let checked = identity.is_some() && read_note(&note_path(path)) == identity;
        let mut options = memmap2::MmapOptions::new();
        if !checked || file.metadata().is_ok_and(|m| m.len() < LAZY_FROM) {
            options.populate();
        }
        // SAFETY: a cache file is never written in place (written aside, then renamed over),
        // so the mapped bytes do not change while mapped; and they are checked (now, or by
        // an earlier run, the file unchanged since) before any use.
        let map = unsafe { options.map(&file) }.ok()?;
        Some(Mapped {
            map,
            identity,
            checked,
            path: path.to_path_buf(),
            settled,
        })
    }

    /// Whether `payload`, part of the map, has the checksum `sum`. Taken only when no earlier
    /// run found it so; when it is right, noted for the runs that follow.
    pub(crate) fn sum_is(&self, payload: &[u8], sum: u64) -> bool {
        if self.checked {
            return true;
        }
        if Checksum::of(payload) != sum {
            return false;
        }
        self.note();
        true
    }

    /// Notes the file's metadata beside it, if it is what it was when opened and has not
    /// changed for `settled` (a file just written could change again without its times
    /// moving).
    fn note(&self) {
        let Some(id) = self.identity else { return };
        if !settled_since(&self.path, id, self.settled) {
            return;
        }
        let mut b = MAGIC.to_vec();
        for n in id {
            b.extend_from_slice(&n.to_le_bytes());
        }
        write_note(&note_path(&self.path), &b);
    }
}

/// The metadata noted at `path`, if the note is whole.
fn read_note(path: &Path) -> Option<[i64; 7]> {
    let b = std::fs::read(path).ok()?;
    let (magic, rest) = b.split_at_checked(8)?;
    if magic != MAGIC || rest.len() != 7 * 8 {
        return None;
    }
    let mut id = [0i64; 7];
    for (n, c) in id.iter_mut().zip(rest.chunks_exact(8)) {
        *n = i64::from_le_bytes(c.try_into().ok()?);
    }
    Some(id)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A file found whole is noted, then trusted while unchanged; a file rewritten (same
    /// size, bytes changed) is checked again and its bad checksum seen.
    #[test]
    fn a_file_checked_once_is_trusted_until_it_changes() {
        let d = tempfile::tempdir().expect("a temporary folder");
        let path = d.path().join("glossary-1.bin");
        std::fs::write(&path, b"payload one").expect("write");
        let sum = Checksum::of(b"payload one");
        // Settled at once (zero): the test need not wait.
        let m = Mapped::open_settled(&path, Duration::ZERO).expect("open");
        assert!(!m.checked);
        assert!(!m.sum_is(&m.map, sum ^ 1), "a wrong sum is seen");
        assert!(!note_path(&path).exists(), "a wrong sum is not noted");
        assert!(m.sum_is(&m.map, sum));
        assert!(note_path(&path).exists());
        let m = Mapped::open_settled(&path, Duration::ZERO).expect("open");
        assert!(
            m.checked && m.sum_is(&m.map, sum ^ 1),
            "trusted: not summed"
        );
        // Rewritten in place with other bytes of the same length: other metadata.
        std::thread::sleep(Duration::from_millis(20));
        std::fs::write(&path, b"payload two").expect("write");
        let m = Mapped::open_settled(&path, Duration::ZERO).expect("open");
        assert!(!m.checked);
        assert!(!m.sum_is(&m.map, sum), "the change is seen");
        // Replaced by another file (rename): other inode.
        let other = d.path().join("other.bin");
        std::fs::write(&other, b"payload one").expect("write");
        std::fs::rename(&other, &path).expect("rename");
        let m = Mapped::open_settled(&path, Duration::ZERO).expect("open");
        assert!(!m.checked);
    }

    /// A large file found whole before is mapped lazily, its bytes read as they are.
    #[test]
    fn a_large_file_checked_before_reads_whole() {
        let d = tempfile::tempdir().expect("a temporary folder");
        let path = d.path().join("glossary-3.bin");
        let bytes: Vec<u8> = (0..LAZY_FROM as usize + 5000)
            .map(|i| (i % 251) as u8)
            .collect();
        std::fs::write(&path, &bytes).expect("write");
        let sum = Checksum::of(&bytes);
        let m = Mapped::open_settled(&path, Duration::ZERO).expect("open");
        assert!(!m.checked && m.sum_is(&m.map, sum));
        let m = Mapped::open_settled(&path, Duration::ZERO).expect("open");
        assert!(m.checked);
        assert!(m.map[..] == bytes[..]);
    }

    /// A file changed less than `settled` ago is not noted; a note that is cut short or
    /// not a note is ignored.
    #[test]
    fn a_recent_file_or_a_bad_note_is_not_trusted() {
        let d = tempfile::tempdir().expect("a temporary folder");
        let path = d.path().join("glossary-2.bin");
        std::fs::write(&path, b"bytes").expect("write");
        let sum = Checksum::of(b"bytes");
        let m = Mapped::open_settled(&path, Duration::from_secs(3600)).expect("open");
        assert!(m.sum_is(&m.map, sum));
        assert!(!note_path(&path).exists());
        let m = Mapped::open_settled(&path, Duration::ZERO).expect("open");
        assert!(m.sum_is(&m.map, sum));
        let note = std::fs::read(note_path(&path)).expect("noted");
        for bad in [&note[..note.len() - 1], b"RLOKv001", b""] {
            std::fs::write(note_path(&path), bad).expect("write");
            assert!(
                !Mapped::open_settled(&path, Duration::ZERO)
                    .expect("open")
                    .checked
            );
        }
    }
}
