/*! Hints to the processor, which change no result: only when memory is read. */

/// Asks the processor to bring the cache line of `x` in, and goes on without waiting.
/// For reads whose addresses are known ahead and which miss the caches one after the
/// other: a look-up in a termbase's tables (tens of megabytes, read at random), the first
/// tokens of `agreement`'s candidates, scattered over the token list. A no-op beyond
/// x86-64.
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint: it reads nothing the program sees and never faults (and
    // `x` is a reference, so its address is valid anyway).
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}
