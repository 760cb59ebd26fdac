/*! The program's memory allocator: the system's, asking the kernel for huge pages (2 MB)
for large blocks.

A large termbase and a large text make a few arrays of tens of megabytes (the terms, the
tokens, the glossary's hits). Touched page by page, each 4 KB page costs a page fault: on
the 100k termbase's load, 13,800 faults took about half of its time. Where transparent huge
pages are left to programs to ask for (`madvise`, Debian's default), one fault maps 2 MB.
Nothing changes where the kernel has no huge pages, or already gives them. */

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks from this size on are advised to use huge pages.
const LARGE: usize = 4 << 20;

pub struct Allocator;

// SAFETY: every call is the system allocator's; `madvise` only changes how the kernel
// backs pages of a block just allocated, never its content or its bounds.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on to the system allocator.
        let p = unsafe { System.alloc(layout) };
        advise(p, layout.size());
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.alloc_zeroed(layout) };
        advise(p, layout.size());
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size < LARGE || !cfg!(target_os = "linux") {
            // SAFETY: as above.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // A block grown to a large size is moved into a new block advised first: the
        // system would copy it into pages then touched one by one (a vector that doubles).
        // SAFETY: `new_size` is non-zero and, rounded up to the alignment, does not
        // overflow (the caller's contract); the old block is valid for `layout.size()`
        // bytes and the new one for `new_size`; they do not overlap.
        unsafe {
            let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
            let p = self.alloc(new_layout);
            if !p.is_null() {
                std::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                System.dealloc(ptr, layout);
            }
            p
        }
    }
}

/// Advises huge pages for the whole 2 MB pages inside a large block.
fn advise(p: *mut u8, size: usize) {
    #[cfg(target_os = "linux")]
    if size >= LARGE && !p.is_null() {
        const HUGE: usize = 2 << 20;
        let start = (p as usize).next_multiple_of(HUGE);
        let end = (p as usize + size) / HUGE * HUGE;
        if end > start {
            // SAFETY: [start, end) lies inside the block just allocated; the advice is
            // only a hint, and its failure is harmless.
            unsafe {
                libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (p, size);
}
