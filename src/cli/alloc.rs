/*! The binary's allocator: the system's for small blocks; on Linux, blocks of 2 MB or
more mapped on their own and backed by transparent huge pages.

A check writes every page of its large arrays once (the text, the tokens, the lines'
codes, the glossary's hits, the diagnostics): on 4 KB pages each first write is a page
fault, and the run on the 2.7 MB of PO text took 10,800 of them, a sixth of its time
spent in the kernel. A large block is mapped at a 2 MB boundary and marked with
`madvise(MADV_HUGEPAGE)`, so that where the system leaves huge pages to the program's
choice (`madvise` in `/sys/kernel/mm/transparent_hugepage/enabled`, the usual default)
one fault brings 2 MB. A block that grows is moved by the kernel (`mremap`), its pages
with it, never copied. Where huge pages are off, the block is mapped all the same, as
the system allocator maps its own large blocks.

A large block made whole at once and never grown (a file's text, its view) can be asked
for in the heap instead (`in_heap`): a block mapped apart takes whole huge pages, and the
last one of each is zeroed by the kernel for the whole 2 MB however little of it the
block holds. */

use std::alloc::{GlobalAlloc, Layout, System};

/// The system allocator, with blocks of `HUGE` bytes or more mapped apart on Linux.
pub struct HugePages;

/// A huge page on x86-64 and most 64-bit Linux targets: the size from which a block is
/// mapped apart, and the boundary it is mapped at.
const HUGE: usize = 2 << 20;

#[cfg(target_os = "linux")]
mod map {
    use super::HUGE;

    /// The length mapped for a block of `size` bytes.
    pub fn length(size: usize) -> usize {
        size.next_multiple_of(HUGE)
    }

    /// A new mapping of `len` bytes (a multiple of `HUGE`) at a `HUGE` boundary, marked
    /// for huge pages, or null.
    pub fn new(len: usize) -> *mut u8 {
        // SAFETY: a fresh anonymous mapping, of which the parts past the aligned `len`
        // bytes are given back; nothing else is touched.
        unsafe {
            let Some(over) = len.checked_add(HUGE) else {
                return std::ptr::null_mut();
            };
            let p = libc::mmap(
                std::ptr::null_mut(),
                over,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            );
            if p == libc::MAP_FAILED {
                return std::ptr::null_mut();
            }
            let start = p as usize;
            let aligned = start.next_multiple_of(HUGE);
            if aligned > start {
                libc::munmap(p, aligned - start);
            }
            let tail = start + over - (aligned + len);
            if tail > 0 {
                libc::munmap((aligned + len) as *mut libc::c_void, tail);
            }
            // Advice only: without huge pages the block works all the same.
            libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
            aligned as *mut u8
        }
    }

    /// Gives back the mapping of `len` bytes at `p`.
    ///
    /// # Safety
    /// `p` and `len` are those of a mapping made by `new` (or `resize`), used no more.
    pub unsafe fn free(p: *mut u8, len: usize) {
        unsafe { libc::munmap(p.cast(), len) };
    }

    /// The mapping of `old` bytes at `p` made `new` bytes long (both multiples of `HUGE`):
    /// grown or shrunk where it is if the addresses after it are free, else moved by the
    /// kernel to a new mapping at a `HUGE` boundary, its pages with it. Null if neither
    /// can be done; the old mapping is then kept.
    ///
    /// # Safety
    /// `p` and `old` are those of a live mapping made by `new` (or `resize`).
    pub unsafe fn resize(p: *mut u8, old: usize, new: usize) -> *mut u8 {
        unsafe {
            let same = libc::mremap(p.cast(), old, new, 0);
            if same != libc::MAP_FAILED {
                if new > old {
                    libc::madvise(p.add(old).cast(), new - old, libc::MADV_HUGEPAGE);
                }
                return p;
            }
            let to = self::new(new);
            if to.is_null() {
                return to;
            }
            // Moving onto the fresh mapping replaces its first `old` bytes with the old
            // pages: both are aligned, so the kernel moves whole huge pages' tables.
            let moved = libc::mremap(
                p.cast(),
                old,
                old,
                libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED,
                to.cast::<libc::c_void>(),
            );
            if moved == libc::MAP_FAILED {
                free(to, new);
                return std::ptr::null_mut();
            }
            to
        }
    }
}

/// Sets the system allocator's thresholds for a run that makes many blocks under 2 MB
/// and frees most of them only at the end (glibc; elsewhere nothing is done):
/// - every block under 2 MB comes from the heap, none from a mapping of its own (above
///   that size, `HugePages` maps them, but those asked for `in_heap`, which glibc is
///   left to put in the heap): glibc's threshold starts at 128 KB and rises as
///   mapped blocks are freed, and each block mapped apart is written page by page, a fault
///   each time;
/// - the heap is given `HEAP_ROOM` bytes at once, marked for huge pages (`heap::reserve`),
///   keeps that much when blocks at its end are freed, and gives back only what lies
///   beyond, so that a block freed and made again is not faulted in again;
/// - every thread allocates from that heap: glibc gives each new thread an arena of its
///   own (a mapping of 64 MB written page by page): with two threads the 435 man pages
///   took 6,470 page faults, and take 900 with one arena (glibc's cache of small blocks
///   per thread serves most allocations without the arena's lock).
///
/// On the PO text the thresholds took the run from 4,650 page faults to 2,830; the heap
/// in huge pages took the man pages from 3,490 to 900, and a small file from 1,730 to
/// 780 (`-j 1`).
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets thresholds, and `heap::reserve` runs before any thread
    // starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, GLIBC_MMAP_THRESHOLD as libc::c_int);
        libc::mallopt(libc::M_TOP_PAD, HEAP_ROOM as libc::c_int);
        libc::mallopt(libc::M_TRIM_THRESHOLD, HEAP_ROOM as libc::c_int);
        libc::mallopt(libc::M_ARENA_MAX, 1);
        heap::reserve();
    }
}

/// glibc's threshold for mapping a block apart: its largest (32 MB on 64-bit targets),
/// above `HEAP_BLOCK_MAX`, so that the blocks `in_heap` asks for come from the heap; the
/// others of 2 MB or more never reach glibc (`HugePages` maps them).
const GLIBC_MMAP_THRESHOLD: usize = 32 << 20;

/// The room the heap is given at start, in huge pages where the system allows them.
const HEAP_ROOM: usize = 64 << 20;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod heap {
    use super::{HEAP_ROOM, HUGE};

    /// Grows glibc's heap by `HEAP_ROOM` bytes from a `HUGE` boundary and marks them for
    /// huge pages, none of them written yet.
    ///
    /// The heap is the program's break, which grows a page at a time from wherever the
    /// system put it; a part of it that grows later is a mapping of its own, not marked.
    /// glibc takes a break moved by someone else in its stride (it starts its next piece
    /// where the break is), so the break is first moved to a page below a boundary; one
    /// block of `HEAP_ROOM` bytes and a page then starts there, which has glibc grow the
    /// heap by that much (with no mapping apart allowed meanwhile), and writes its heads
    /// only in the pages below and past the room: a huge page the program has written
    /// into before it is marked is never made one. The block is freed at once.
    ///
    /// # Safety
    /// Called once, before any thread starts (no other allocation runs meanwhile).
    pub unsafe fn reserve() {
        const PAGE: usize = 4096;
        unsafe {
            let cur = libc::sbrk(0) as usize;
            let start = (cur + PAGE).next_multiple_of(HUGE);
            if libc::sbrk((start - PAGE - cur) as libc::intptr_t) as isize == -1 {
                return;
            }
            // No trimming meanwhile: glibc frees the heap's old end when it moves on, and
            // would give back the fresh room down to `M_TOP_PAD` before the block is
            // cut from it, failing the allocation.
            libc::mallopt(libc::M_TRIM_THRESHOLD, libc::c_int::MAX);
            libc::mallopt(libc::M_MMAP_MAX, 0);
            let p = libc::malloc(HEAP_ROOM + PAGE - 16);
            libc::mallopt(libc::M_MMAP_MAX, 65536);
            let at = p as usize;
            libc::free(p);
            libc::mallopt(libc::M_TRIM_THRESHOLD, HEAP_ROOM as libc::c_int);
            let end = (libc::sbrk(0) as usize).min(start + HEAP_ROOM);
            if at != 0 && at < start && end > start {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
        }
    }
}

thread_local! {
    /// True while `in_heap` runs on this thread.
    static IN_HEAP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The largest block that `in_heap` puts in the heap: a larger one is mapped apart all
/// the same (beyond glibc's largest threshold, 32 MB, glibc would map it itself, on 4 KB
/// pages).
const HEAP_BLOCK_MAX: usize = 16 << 20;

/// Runs `f`, whose blocks of 2 MB or more (up to `HEAP_BLOCK_MAX`) come from the heap,
/// not from mappings of their own: for blocks made at their full size that do not grow,
/// as a file's text (`fs::read`) and its view (`Mask::apply`).
///
/// Blocks mapped apart take whole huge pages: the 2.7 MB of PO text and its view took
/// two each, the last one 0.7 MB full, zeroed whole. In the heap (its room marked for
/// huge pages, `tune`), they lie end to end with the run's other blocks: the text, the
/// view and the heap took 9 huge pages, and take 7. (A block that grows is better mapped
/// apart, where the kernel moves it without a copy.)
pub fn in_heap<T>(f: impl FnOnce() -> T) -> T {
    /// Puts the flag back as it was, even when `f` panics.
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            IN_HEAP.with(|h| h.set(self.0));
        }
    }
    let _reset = Reset(IN_HEAP.with(|h| h.replace(true)));
    f()
}

/// True when a block of this layout, 2 MB or more, is to come from the heap: asked for in
/// `in_heap`, small enough, and aligned as `malloc` aligns.
fn to_heap(size: usize, align: usize) -> bool {
    size <= HEAP_BLOCK_MAX && align <= 16 && IN_HEAP.with(|h| h.get())
}

/// Blocks of 2 MB or more in the heap (`in_heap`), told from the blocks mapped apart by
/// their address: a mapped block starts at a `HUGE` boundary, a block in the heap never
/// does. It starts at a cache line's boundary (as a mapped block does: the view is read
/// 16 and 32 bytes at a time) at least 8 bytes into what `malloc` gives, past a word that
/// says how far.
mod heap_block {
    use super::HUGE;

    /// The alignment of a block: a cache line.
    const LINE: usize = 64;

    /// True when the block of 2 MB or more at `p` is one of the heap's.
    pub fn holds(p: *mut u8) -> bool {
        !(p as usize).is_multiple_of(HUGE)
    }

    /// A block of `size` bytes from the heap, aligned to `LINE` and not at a `HUGE`
    /// boundary, or null.
    pub fn new(size: usize) -> *mut u8 {
        let Some(over) = size.checked_add(2 * LINE) else {
            return std::ptr::null_mut();
        };
        // SAFETY: the block given is inside the `size + 2 * LINE` bytes `malloc` gave
        // (it starts less than `2 * LINE` bytes in), after the word written before it.
        unsafe {
            let p = libc::malloc(over).cast::<u8>();
            if p.is_null() {
                return p;
            }
            let mut off = (p as usize + 8).next_multiple_of(LINE) - p as usize;
            if (p as usize + off).is_multiple_of(HUGE) {
                off += LINE;
            }
            let q = p.add(off);
            q.cast::<usize>().sub(1).write(off);
            q
        }
    }

    /// Gives back the block at `q`.
    ///
    /// # Safety
    /// `q` is a block made by `new`, used no more.
    pub unsafe fn free(q: *mut u8) {
        unsafe {
            let off = q.cast::<usize>().sub(1).read();
            libc::free(q.sub(off).cast());
        }
    }
}

/// True when a block of this layout is mapped apart.
fn apart(size: usize, align: usize) -> bool {
    cfg!(target_os = "linux") && size >= HUGE && align <= HUGE
}

// SAFETY: a block is mapped apart exactly when `apart` holds for its layout, which the
// caller passes back unchanged to `dealloc` and `realloc`; every other block is the
// system allocator's, handled by it alone.
unsafe impl GlobalAlloc for HugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        #[cfg(target_os = "linux")]
        if apart(layout.size(), layout.align()) {
            if to_heap(layout.size(), layout.align()) {
                return heap_block::new(layout.size());
            }
            return map::new(map::length(layout.size()));
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // A fresh mapping reads as zeros.
        #[cfg(target_os = "linux")]
        if apart(layout.size(), layout.align()) {
            if to_heap(layout.size(), layout.align()) {
                let p = heap_block::new(layout.size());
                if !p.is_null() {
                    unsafe { std::ptr::write_bytes(p, 0, layout.size()) };
                }
                return p;
            }
            return map::new(map::length(layout.size()));
        }
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        #[cfg(target_os = "linux")]
        if apart(layout.size(), layout.align()) {
            if heap_block::holds(ptr) {
                unsafe { heap_block::free(ptr) };
            } else {
                unsafe { map::free(ptr, map::length(layout.size())) };
            }
            return;
        }
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let (was, will) = (
            apart(layout.size(), layout.align()),
            apart(new_size, layout.align()),
        );
        #[cfg(target_os = "linux")]
        if was && will && !heap_block::holds(ptr) {
            let (old, new) = (map::length(layout.size()), map::length(new_size));
            return if old == new {
                ptr
            } else {
                unsafe { map::resize(ptr, old, new) }
            };
        }
        if !was && !will {
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // From one kind of block to the other (or from a block of 2 MB or more in the
        // heap): a copy, as the system allocator does.
        // SAFETY: the new layout is valid (the caller guarantees `new_size` does not
        // overflow when rounded to the alignment); the smaller size is copied.
        unsafe {
            let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
            let p = self.alloc(new_layout);
            if !p.is_null() {
                std::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            p
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks on both sides of `HUGE`, grown and shrunk across it and within it, keep
    /// their bytes, and every block is aligned as asked.
    #[test]
    fn blocks_keep_their_bytes_across_sizes() {
        blocks_across_sizes();
    }

    /// The same, every block asked for `in_heap`: blocks of 2 MB or more up to
    /// `HEAP_BLOCK_MAX`, aligned as `malloc` aligns, come from the heap (never at a huge
    /// page's boundary, which is how they are told from mapped ones); the others are
    /// mapped as before. Blocks move between the kinds as they grow and shrink.
    #[test]
    fn blocks_in_the_heap_keep_their_bytes_across_sizes() {
        in_heap(blocks_across_sizes);
        assert!(!IN_HEAP.with(|h| h.get()));
    }

    fn blocks_across_sizes() {
        let a = HugePages;
        let heap = IN_HEAP.with(|h| h.get());
        // Where a new block of 2 MB or more is: in the heap or mapped. A mapped block
        // that stays 2 MB or more stays mapped (moved by the kernel).
        let kind = |p: *mut u8, size: usize, align: usize, mapped_before: bool| {
            if apart(size, align) {
                assert_eq!(
                    heap_block::holds(p),
                    heap && align <= 16 && size <= HEAP_BLOCK_MAX && !mapped_before,
                    "{size} {align}"
                );
                assert!((p as usize).is_multiple_of(64), "{size} {align}");
            }
        };
        let mapped =
            |p: *mut u8, size: usize, align: usize| apart(size, align) && !heap_block::holds(p);
        let sizes = [
            100,
            HUGE - 1,
            HUGE,
            HUGE + 1,
            3 * HUGE + 5,
            HUGE / 2,
            9 * HUGE,
            HUGE,
            17,
        ];
        for align in [1, 8, 64, 4096] {
            let layout = Layout::from_size_align(sizes[0], align).unwrap();
            let mut p = unsafe { a.alloc(layout) };
            let mut size = sizes[0];
            fill(p, size);
            for &next in &sizes[1..] {
                let layout = Layout::from_size_align(size, align).unwrap();
                let was_mapped = mapped(p, size, align);
                p = unsafe { a.realloc(p, layout, next) };
                assert!(!p.is_null());
                assert_eq!(p as usize % align, 0);
                kind(p, next, align, was_mapped);
                check(p, size, next);
                size = next;
                fill(p, size);
            }
            unsafe { a.dealloc(p, Layout::from_size_align(size, align).unwrap()) };
            let z = Layout::from_size_align(3 * HUGE, align).unwrap();
            let p = unsafe { a.alloc_zeroed(z) };
            kind(p, z.size(), align, false);
            assert!(
                unsafe { std::slice::from_raw_parts(p, z.size()) }
                    .iter()
                    .all(|&b| b == 0)
            );
            unsafe { a.dealloc(p, z) };
        }
    }

    /// The variable that has this test binary run `heap_probe` and exit.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    const PROBE: &str = "RELECTURE_TEST_HEAP_PROBE";

    /// `tune` gives the heap its room from a huge page's boundary, marked for huge pages,
    /// with no page of it written (a page written before the mark keeps its 2 MB from
    /// ever being a huge page), and blocks then come from that room. Checked in a fresh
    /// process of this test binary, where `heap_probe` runs `tune` on the main thread
    /// before the test harness starts, as `main` does: a test's own thread cannot, glibc
    /// gives it an arena apart from the heap.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn tune_gives_the_heap_an_unwritten_room_for_huge_pages() {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .env(PROBE, "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!(
                "room of {} kB at a 2 MB boundary, marked hg, 0 kB written; blocks in it\n",
                HEAP_ROOM >> 10
            )
        );
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[used]
    #[unsafe(link_section = ".init_array")]
    static HEAP_PROBE: extern "C" fn() = heap_probe;

    /// Run before `main` in every process of this test binary: with `PROBE` set, calls
    /// `tune`, reports the mapping of `HEAP_ROOM` bytes marked for huge pages from
    /// `/proc/self/smaps` (read without allocating, so that nothing is written into the
    /// heap before it is looked at), then allocates, and exits.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    extern "C" fn heap_probe() {
        if std::env::var_os(PROBE).is_none() {
            return;
        }
        // Made before `tune`: glibc maps a block this large apart from the heap.
        let mut smaps = vec![0u8; 8 << 20];
        tune();
        let mut len = 0;
        // SAFETY: reads into the vector's unused bytes.
        unsafe {
            let fd = libc::open(c"/proc/self/smaps".as_ptr(), libc::O_RDONLY);
            assert!(fd >= 0);
            loop {
                let n = libc::read(fd, smaps.as_mut_ptr().add(len).cast(), smaps.len() - len);
                if n <= 0 {
                    break;
                }
                len += n as usize;
            }
            libc::close(fd);
        }
        let text = String::from_utf8_lossy(&smaps[..len]).into_owned();
        let mut report = String::from("no room\n");
        // A mapping's header line (`start-end perms ...`), then its fields.
        let mut start = 0usize;
        let mut end = 0usize;
        for line in text.lines() {
            let first = line.split(' ').next().unwrap_or("");
            if let Some((a, b)) = first.split_once('-')
                && let (Ok(a), Ok(b)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16))
            {
                (start, end) = (a, b);
            } else if let Some(rss) = line.strip_prefix("Rss:")
                && end - start == HEAP_ROOM
            {
                let rss: usize = rss.trim().trim_end_matches("kB").trim().parse().unwrap();
                report = format!(
                    "room of {} kB at a {} boundary, ",
                    HEAP_ROOM >> 10,
                    if start.is_multiple_of(HUGE) {
                        "2 MB"
                    } else {
                        "page"
                    }
                ) + &format!("{rss} kB written");
            } else if let Some(flags) = line.strip_prefix("VmFlags:")
                && end - start == HEAP_ROOM
            {
                let hg = flags.split_whitespace().any(|f| f == "hg");
                report = report.replace(
                    ", ",
                    if hg {
                        ", marked hg, "
                    } else {
                        ", not marked, "
                    },
                );
                break;
            }
        }
        // Blocks under 2 MB come from the room (the first from the page below it, where
        // `heap::reserve` leaves glibc's heads, or from the heap's old end, which glibc
        // freed: room for one such block), and keep their bytes.
        let blocks: Vec<Box<[u8]>> = (0..16)
            .map(|i| vec![i as u8; 100_000].into_boxed_slice())
            .collect();
        let inside = blocks[2..]
            .iter()
            .all(|b| (start - 4096..end).contains(&(b.as_ptr() as usize)));
        let kept = blocks
            .iter()
            .enumerate()
            .all(|(i, b)| b.iter().all(|&x| x == i as u8));
        report = format!(
            "{report}; blocks {}{}\n",
            if inside { "in it" } else { "outside it" },
            if kept { "" } else { ", changed" }
        );
        print!("{report}");
        std::process::exit(0);
    }

    /// The bytes a test writes and reads back: every 1,021st and the last (a block of
    /// 18 MB written byte by byte made the test slow).
    fn sample(n: usize) -> impl Iterator<Item = usize> {
        (0..n).step_by(1021).chain(n.checked_sub(1))
    }

    fn fill(p: *mut u8, n: usize) {
        for i in sample(n) {
            unsafe { *p.add(i) = (i % 251) as u8 };
        }
    }

    /// Checks the bytes `fill` wrote in `written` bytes that lie in the first `kept`.
    fn check(p: *mut u8, written: usize, kept: usize) {
        for i in sample(written).filter(|&i| i < kept) {
            assert_eq!(unsafe { *p.add(i) }, (i % 251) as u8, "byte {i}");
        }
    }
}
