/*! The checksum of the files the glossary cache writes (`defaults` and `matcher::cache`):
it tells a file that is whole and unaltered from one that was cut short, overwritten in
part or corrupted on disk, which then means reading the glossary again, never a wrong
result. It is not a defence against someone who forges a file.

A termbase's two files weigh 60 MB and are checked on every run, so the sum is made for
speed: a Fletcher sum of 64-bit words (a running sum, and a sum of the running sums,
which sees words swapped or moved) in four lanes, which the compiler turns into vector
additions (a quarter of an instruction per byte, where a hash of the bytes took one),
then the lanes, the length and the last bytes mixed by a hash. */

use std::hash::{BuildHasher, Hasher};

/// Bytes taken at once: four lanes of a 64-bit word.
const STEP: usize = 32;

/// A checksum taken over bytes given in pieces of any length; `of` for all at once.
#[derive(Debug, Clone, Default)]
pub struct Checksum {
    sums: [u64; 4],
    sums_of_sums: [u64; 4],
    /// Bytes given but not yet summed (fewer than `STEP`).
    pending: Vec<u8>,
    len: u64,
}

impl Checksum {
    pub fn new() -> Checksum {
        Checksum::default()
    }

    pub fn add(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if !self.pending.is_empty() {
            let n = bytes.len().min(STEP - self.pending.len());
            self.pending.extend_from_slice(&bytes[..n]);
            bytes = &bytes[n..];
            if self.pending.len() < STEP {
                return;
            }
            let block = std::mem::take(&mut self.pending);
            self.sum(&block);
        }
        let whole = bytes.len() / STEP * STEP;
        self.sum(&bytes[..whole]);
        self.pending.extend_from_slice(&bytes[whole..]);
    }

    /// Sums `bytes`, a multiple of `STEP` long.
    fn sum(&mut self, bytes: &[u8]) {
        let (mut s, mut ss) = (self.sums, self.sums_of_sums);
        for block in bytes.chunks_exact(STEP) {
            for lane in 0..4 {
                let w = u64::from_le_bytes(
                    block[lane * 8..lane * 8 + 8]
                        .try_into()
                        .expect("eight bytes"),
                );
                s[lane] = s[lane].wrapping_add(w);
                ss[lane] = ss[lane].wrapping_add(s[lane]);
            }
        }
        (self.sums, self.sums_of_sums) = (s, ss);
    }

    pub fn finish(&self) -> u64 {
        let mut h = foldhash::fast::FixedState::with_seed(0x9E37_79B9_7F4A_7C15).build_hasher();
        for x in self.sums.iter().chain(&self.sums_of_sums) {
            h.write_u64(*x);
        }
        h.write_u64(self.len);
        h.write(&self.pending);
        h.finish()
    }

    /// The checksum of `bytes`.
    pub fn of(bytes: &[u8]) -> u64 {
        let mut c = Checksum::new();
        c.add(bytes);
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Checksum;

    fn bytes(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 7 + i / 253) as u8).collect()
    }

    /// Pieces of any length give the sum of the whole.
    #[test]
    fn pieces_sum_as_the_whole() {
        let b = bytes(1000);
        let whole = Checksum::of(&b);
        for cut in [1, 5, 31, 32, 33, 64, 100, 999] {
            let mut c = Checksum::new();
            for piece in b.chunks(cut) {
                c.add(piece);
            }
            assert_eq!(c.finish(), whole, "pieces of {cut}");
        }
    }

    /// A byte changed, two words swapped, a byte cut off or added: another sum.
    #[test]
    fn changes_change_the_sum() {
        let b = bytes(4096);
        let sum = Checksum::of(&b);
        for i in [0, 1, 31, 32, 1000, 4095] {
            let mut x = b.clone();
            x[i] ^= 0x10;
            assert_ne!(Checksum::of(&x), sum, "byte {i}");
        }
        let mut swapped = b.clone();
        swapped.copy_within(0..8, 64);
        swapped[..8].copy_from_slice(&b[64..72]);
        assert_ne!(Checksum::of(&swapped), sum);
        assert_ne!(Checksum::of(&b[..4095]), sum);
        let mut longer = b.clone();
        longer.push(0);
        assert_ne!(Checksum::of(&longer), sum);
        assert_ne!(Checksum::of(&[0; 64]), Checksum::of(&[0; 96]));
    }
}
