/*! UAX #29 word and sentence boundaries, fast on Latin text, with exactly the boundaries of
the `unicode-segmentation` crate.

Tokenising and sentence cutting ran at 20 to 30 MB/s with the crate's iterators. Here a line
of text whose characters all belong to the ranges below (ASCII, Latin-1, Latin Extended-A,
general punctuation, €, arrows and technical signs: nearly every line of French) is cut by
small state machines over the classes of its bytes; any other line (an emoji, a combining
accent, a soft hyphen, another script) is handed to the crate. Lines are independent in
both algorithms (a boundary always follows a line feed, and no rule looks back or ahead
across one), so the result is the crate's, boundary for boundary: the tests compare the
two on generated strings and on every line of the corpora.

The classes come from the crate's own tables (`scripts/uax29-tables.py` prints the range
table from them). Word classes that only matter in scripts or sequences outside these ranges
(Hebrew letters, Katakana, regional indicators, Extend, Format, ZWJ) are never met on the
fast path: a character of those classes sends its line to the crate. */

use super::tokens::BYTE_COUNTS;
use unicode_segmentation::UnicodeSegmentation;

const UNKNOWN: u8 = 0;

// Word classes (Double_Quote behaves as Other and Single_Quote as MidNumLet outside Hebrew).
const W_OTHER: u8 = 1;
const W_CR: u8 = 2;
const W_LF: u8 = 3;
const W_NEWLINE: u8 = 4;
const W_SPACE: u8 = 5;
const W_LETTER: u8 = 6;
const W_NUMERIC: u8 = 7;
const W_EXTNUMLET: u8 = 8;
const W_MIDLETTER: u8 = 9;
const W_MIDNUM: u8 = 10;
const W_MIDNUMLET: u8 = 11;

// Sentence classes.
const S_OTHER: u8 = 1;
const S_CR: u8 = 2;
const S_LF: u8 = 3;
const S_SEP: u8 = 4;
const S_SP: u8 = 5;
const S_LOWER: u8 = 6;
const S_UPPER: u8 = 7;
const S_OLETTER: u8 = 8;
const S_NUMERIC: u8 = 9;
const S_ATERM: u8 = 10;
const S_STERM: u8 = 11;
const S_CLOSE: u8 = 12;
const S_SCONTINUE: u8 = 13;

/// (first, last, word class, sentence class) for every code point of the fast path.
const RANGES: &[(u32, u32, u8, u8)] = &[
    (0x0000, 0x0008, W_OTHER, S_OTHER),
    (0x0009, 0x0009, W_OTHER, S_SP),
    (0x000A, 0x000A, W_LF, S_LF),
    (0x000B, 0x000C, W_NEWLINE, S_SP),
    (0x000D, 0x000D, W_CR, S_CR),
    (0x000E, 0x001F, W_OTHER, S_OTHER),
    (0x0020, 0x0020, W_SPACE, S_SP),
    (0x0021, 0x0021, W_OTHER, S_STERM),
    (0x0022, 0x0022, W_OTHER, S_CLOSE),
    (0x0023, 0x0026, W_OTHER, S_OTHER),
    (0x0027, 0x0027, W_MIDNUMLET, S_CLOSE),
    (0x0028, 0x0029, W_OTHER, S_CLOSE),
    (0x002A, 0x002B, W_OTHER, S_OTHER),
    (0x002C, 0x002C, W_MIDNUM, S_SCONTINUE),
    (0x002D, 0x002D, W_OTHER, S_SCONTINUE),
    (0x002E, 0x002E, W_MIDNUMLET, S_ATERM),
    (0x002F, 0x002F, W_OTHER, S_OTHER),
    (0x0030, 0x0039, W_NUMERIC, S_NUMERIC),
    (0x003A, 0x003A, W_MIDLETTER, S_SCONTINUE),
    (0x003B, 0x003B, W_MIDNUM, S_SCONTINUE),
    (0x003C, 0x003E, W_OTHER, S_OTHER),
    (0x003F, 0x003F, W_OTHER, S_STERM),
    (0x0040, 0x0040, W_OTHER, S_OTHER),
    (0x0041, 0x005A, W_LETTER, S_UPPER),
    (0x005B, 0x005B, W_OTHER, S_CLOSE),
    (0x005C, 0x005C, W_OTHER, S_OTHER),
    (0x005D, 0x005D, W_OTHER, S_CLOSE),
    (0x005E, 0x005E, W_OTHER, S_OTHER),
    (0x005F, 0x005F, W_EXTNUMLET, S_OTHER),
    (0x0060, 0x0060, W_OTHER, S_OTHER),
    (0x0061, 0x007A, W_LETTER, S_LOWER),
    (0x007B, 0x007B, W_OTHER, S_CLOSE),
    (0x007C, 0x007C, W_OTHER, S_OTHER),
    (0x007D, 0x007D, W_OTHER, S_CLOSE),
    (0x007E, 0x0084, W_OTHER, S_OTHER),
    (0x0085, 0x0085, W_NEWLINE, S_SEP),
    (0x0086, 0x009F, W_OTHER, S_OTHER),
    (0x00A0, 0x00A0, W_OTHER, S_SP),
    (0x00A1, 0x00A9, W_OTHER, S_OTHER),
    (0x00AA, 0x00AA, W_LETTER, S_LOWER),
    (0x00AB, 0x00AB, W_OTHER, S_CLOSE),
    (0x00AC, 0x00AC, W_OTHER, S_OTHER),
    (0x00AD, 0x00AD, UNKNOWN, UNKNOWN),
    (0x00AE, 0x00B4, W_OTHER, S_OTHER),
    (0x00B5, 0x00B5, W_LETTER, S_LOWER),
    (0x00B6, 0x00B6, W_OTHER, S_OTHER),
    (0x00B7, 0x00B7, W_MIDLETTER, S_OTHER),
    (0x00B8, 0x00B8, W_LETTER, S_OTHER),
    (0x00B9, 0x00B9, W_OTHER, S_OTHER),
    (0x00BA, 0x00BA, W_LETTER, S_LOWER),
    (0x00BB, 0x00BB, W_OTHER, S_CLOSE),
    (0x00BC, 0x00BF, W_OTHER, S_OTHER),
    (0x00C0, 0x00D6, W_LETTER, S_UPPER),
    (0x00D7, 0x00D7, W_OTHER, S_OTHER),
    (0x00D8, 0x00DE, W_LETTER, S_UPPER),
    (0x00DF, 0x00F6, W_LETTER, S_LOWER),
    (0x00F7, 0x00F7, W_OTHER, S_OTHER),
    (0x00F8, 0x00FF, W_LETTER, S_LOWER),
    (0x0100, 0x0100, W_LETTER, S_UPPER),
    (0x0101, 0x0101, W_LETTER, S_LOWER),
    (0x0102, 0x0102, W_LETTER, S_UPPER),
    (0x0103, 0x0103, W_LETTER, S_LOWER),
    (0x0104, 0x0104, W_LETTER, S_UPPER),
    (0x0105, 0x0105, W_LETTER, S_LOWER),
    (0x0106, 0x0106, W_LETTER, S_UPPER),
    (0x0107, 0x0107, W_LETTER, S_LOWER),
    (0x0108, 0x0108, W_LETTER, S_UPPER),
    (0x0109, 0x0109, W_LETTER, S_LOWER),
    (0x010A, 0x010A, W_LETTER, S_UPPER),
    (0x010B, 0x010B, W_LETTER, S_LOWER),
    (0x010C, 0x010C, W_LETTER, S_UPPER),
    (0x010D, 0x010D, W_LETTER, S_LOWER),
    (0x010E, 0x010E, W_LETTER, S_UPPER),
    (0x010F, 0x010F, W_LETTER, S_LOWER),
    (0x0110, 0x0110, W_LETTER, S_UPPER),
    (0x0111, 0x0111, W_LETTER, S_LOWER),
    (0x0112, 0x0112, W_LETTER, S_UPPER),
    (0x0113, 0x0113, W_LETTER, S_LOWER),
    (0x0114, 0x0114, W_LETTER, S_UPPER),
    (0x0115, 0x0115, W_LETTER, S_LOWER),
    (0x0116, 0x0116, W_LETTER, S_UPPER),
    (0x0117, 0x0117, W_LETTER, S_LOWER),
    (0x0118, 0x0118, W_LETTER, S_UPPER),
    (0x0119, 0x0119, W_LETTER, S_LOWER),
    (0x011A, 0x011A, W_LETTER, S_UPPER),
    (0x011B, 0x011B, W_LETTER, S_LOWER),
    (0x011C, 0x011C, W_LETTER, S_UPPER),
    (0x011D, 0x011D, W_LETTER, S_LOWER),
    (0x011E, 0x011E, W_LETTER, S_UPPER),
    (0x011F, 0x011F, W_LETTER, S_LOWER),
    (0x0120, 0x0120, W_LETTER, S_UPPER),
    (0x0121, 0x0121, W_LETTER, S_LOWER),
    (0x0122, 0x0122, W_LETTER, S_UPPER),
    (0x0123, 0x0123, W_LETTER, S_LOWER),
    (0x0124, 0x0124, W_LETTER, S_UPPER),
    (0x0125, 0x0125, W_LETTER, S_LOWER),
    (0x0126, 0x0126, W_LETTER, S_UPPER),
    (0x0127, 0x0127, W_LETTER, S_LOWER),
    (0x0128, 0x0128, W_LETTER, S_UPPER),
    (0x0129, 0x0129, W_LETTER, S_LOWER),
    (0x012A, 0x012A, W_LETTER, S_UPPER),
    (0x012B, 0x012B, W_LETTER, S_LOWER),
    (0x012C, 0x012C, W_LETTER, S_UPPER),
    (0x012D, 0x012D, W_LETTER, S_LOWER),
    (0x012E, 0x012E, W_LETTER, S_UPPER),
    (0x012F, 0x012F, W_LETTER, S_LOWER),
    (0x0130, 0x0130, W_LETTER, S_UPPER),
    (0x0131, 0x0131, W_LETTER, S_LOWER),
    (0x0132, 0x0132, W_LETTER, S_UPPER),
    (0x0133, 0x0133, W_LETTER, S_LOWER),
    (0x0134, 0x0134, W_LETTER, S_UPPER),
    (0x0135, 0x0135, W_LETTER, S_LOWER),
    (0x0136, 0x0136, W_LETTER, S_UPPER),
    (0x0137, 0x0138, W_LETTER, S_LOWER),
    (0x0139, 0x0139, W_LETTER, S_UPPER),
    (0x013A, 0x013A, W_LETTER, S_LOWER),
    (0x013B, 0x013B, W_LETTER, S_UPPER),
    (0x013C, 0x013C, W_LETTER, S_LOWER),
    (0x013D, 0x013D, W_LETTER, S_UPPER),
    (0x013E, 0x013E, W_LETTER, S_LOWER),
    (0x013F, 0x013F, W_LETTER, S_UPPER),
    (0x0140, 0x0140, W_LETTER, S_LOWER),
    (0x0141, 0x0141, W_LETTER, S_UPPER),
    (0x0142, 0x0142, W_LETTER, S_LOWER),
    (0x0143, 0x0143, W_LETTER, S_UPPER),
    (0x0144, 0x0144, W_LETTER, S_LOWER),
    (0x0145, 0x0145, W_LETTER, S_UPPER),
    (0x0146, 0x0146, W_LETTER, S_LOWER),
    (0x0147, 0x0147, W_LETTER, S_UPPER),
    (0x0148, 0x0149, W_LETTER, S_LOWER),
    (0x014A, 0x014A, W_LETTER, S_UPPER),
    (0x014B, 0x014B, W_LETTER, S_LOWER),
    (0x014C, 0x014C, W_LETTER, S_UPPER),
    (0x014D, 0x014D, W_LETTER, S_LOWER),
    (0x014E, 0x014E, W_LETTER, S_UPPER),
    (0x014F, 0x014F, W_LETTER, S_LOWER),
    (0x0150, 0x0150, W_LETTER, S_UPPER),
    (0x0151, 0x0151, W_LETTER, S_LOWER),
    (0x0152, 0x0152, W_LETTER, S_UPPER),
    (0x0153, 0x0153, W_LETTER, S_LOWER),
    (0x0154, 0x0154, W_LETTER, S_UPPER),
    (0x0155, 0x0155, W_LETTER, S_LOWER),
    (0x0156, 0x0156, W_LETTER, S_UPPER),
    (0x0157, 0x0157, W_LETTER, S_LOWER),
    (0x0158, 0x0158, W_LETTER, S_UPPER),
    (0x0159, 0x0159, W_LETTER, S_LOWER),
    (0x015A, 0x015A, W_LETTER, S_UPPER),
    (0x015B, 0x015B, W_LETTER, S_LOWER),
    (0x015C, 0x015C, W_LETTER, S_UPPER),
    (0x015D, 0x015D, W_LETTER, S_LOWER),
    (0x015E, 0x015E, W_LETTER, S_UPPER),
    (0x015F, 0x015F, W_LETTER, S_LOWER),
    (0x0160, 0x0160, W_LETTER, S_UPPER),
    (0x0161, 0x0161, W_LETTER, S_LOWER),
    (0x0162, 0x0162, W_LETTER, S_UPPER),
    (0x0163, 0x0163, W_LETTER, S_LOWER),
    (0x0164, 0x0164, W_LETTER, S_UPPER),
    (0x0165, 0x0165, W_LETTER, S_LOWER),
    (0x0166, 0x0166, W_LETTER, S_UPPER),
    (0x0167, 0x0167, W_LETTER, S_LOWER),
    (0x0168, 0x0168, W_LETTER, S_UPPER),
    (0x0169, 0x0169, W_LETTER, S_LOWER),
    (0x016A, 0x016A, W_LETTER, S_UPPER),
    (0x016B, 0x016B, W_LETTER, S_LOWER),
    (0x016C, 0x016C, W_LETTER, S_UPPER),
    (0x016D, 0x016D, W_LETTER, S_LOWER),
    (0x016E, 0x016E, W_LETTER, S_UPPER),
    (0x016F, 0x016F, W_LETTER, S_LOWER),
    (0x0170, 0x0170, W_LETTER, S_UPPER),
    (0x0171, 0x0171, W_LETTER, S_LOWER),
    (0x0172, 0x0172, W_LETTER, S_UPPER),
    (0x0173, 0x0173, W_LETTER, S_LOWER),
    (0x0174, 0x0174, W_LETTER, S_UPPER),
    (0x0175, 0x0175, W_LETTER, S_LOWER),
    (0x0176, 0x0176, W_LETTER, S_UPPER),
    (0x0177, 0x0177, W_LETTER, S_LOWER),
    (0x0178, 0x0179, W_LETTER, S_UPPER),
    (0x017A, 0x017A, W_LETTER, S_LOWER),
    (0x017B, 0x017B, W_LETTER, S_UPPER),
    (0x017C, 0x017C, W_LETTER, S_LOWER),
    (0x017D, 0x017D, W_LETTER, S_UPPER),
    (0x017E, 0x017F, W_LETTER, S_LOWER),
    (0x2000, 0x2006, W_SPACE, S_SP),
    (0x2007, 0x2007, W_OTHER, S_SP),
    (0x2008, 0x200A, W_SPACE, S_SP),
    (0x200B, 0x200B, W_OTHER, UNKNOWN),
    (0x200C, 0x200F, UNKNOWN, UNKNOWN),
    (0x2010, 0x2012, W_OTHER, S_OTHER),
    (0x2013, 0x2014, W_OTHER, S_SCONTINUE),
    (0x2015, 0x2017, W_OTHER, S_OTHER),
    (0x2018, 0x2019, W_MIDNUMLET, S_CLOSE),
    (0x201A, 0x201F, W_OTHER, S_CLOSE),
    (0x2020, 0x2023, W_OTHER, S_OTHER),
    (0x2024, 0x2024, W_MIDNUMLET, S_ATERM),
    (0x2025, 0x2026, W_OTHER, S_OTHER),
    (0x2027, 0x2027, W_MIDLETTER, S_OTHER),
    (0x2028, 0x2029, W_NEWLINE, S_SEP),
    (0x202A, 0x202E, UNKNOWN, UNKNOWN),
    (0x202F, 0x202F, W_EXTNUMLET, S_SP),
    (0x2030, 0x2038, W_OTHER, S_OTHER),
    (0x2039, 0x203A, W_OTHER, S_CLOSE),
    (0x203B, 0x203B, W_OTHER, S_OTHER),
    (0x203C, 0x203D, W_OTHER, S_STERM),
    (0x203E, 0x203E, W_OTHER, S_OTHER),
    (0x203F, 0x2040, W_EXTNUMLET, S_OTHER),
    (0x2041, 0x2043, W_OTHER, S_OTHER),
    (0x2044, 0x2044, W_MIDNUM, S_OTHER),
    (0x2045, 0x2046, W_OTHER, S_CLOSE),
    (0x2047, 0x2049, W_OTHER, S_STERM),
    (0x204A, 0x2053, W_OTHER, S_OTHER),
    (0x2054, 0x2054, W_EXTNUMLET, S_OTHER),
    (0x2055, 0x205E, W_OTHER, S_OTHER),
    (0x205F, 0x205F, W_SPACE, S_SP),
    (0x2060, 0x2064, UNKNOWN, UNKNOWN),
    (0x2065, 0x2065, W_OTHER, S_OTHER),
    (0x2066, 0x206F, UNKNOWN, UNKNOWN),
    (0x20AC, 0x20AC, W_OTHER, S_OTHER),
    (0x2190, 0x2307, W_OTHER, S_OTHER),
    (0x2308, 0x230B, W_OTHER, S_CLOSE),
    (0x230C, 0x2328, W_OTHER, S_OTHER),
    (0x2329, 0x232A, W_OTHER, S_CLOSE),
    (0x232B, 0x24B5, W_OTHER, S_OTHER),
    (0x24B6, 0x24CF, W_LETTER, S_UPPER),
    (0x24D0, 0x24E9, W_LETTER, S_LOWER),
    (0x24EA, 0x275A, W_OTHER, S_OTHER),
    (0x275B, 0x2760, W_OTHER, S_CLOSE),
    (0x2761, 0x2767, W_OTHER, S_OTHER),
    (0x2768, 0x2775, W_OTHER, S_CLOSE),
    (0x2776, 0x27C4, W_OTHER, S_OTHER),
    (0x27C5, 0x27C6, W_OTHER, S_CLOSE),
    (0x27C7, 0x27E5, W_OTHER, S_OTHER),
    (0x27E6, 0x27EF, W_OTHER, S_CLOSE),
    (0x27F0, 0x27FF, W_OTHER, S_OTHER),
];

const fn table<const N: usize>(base: u32) -> [u8; N] {
    let mut t = [0u8; N];
    let mut r = 0;
    while r < RANGES.len() {
        let (a, b, w, s) = RANGES[r];
        let mut c = a;
        while c <= b {
            if c >= base && c < base + N as u32 && w != UNKNOWN && s != UNKNOWN {
                t[(c - base) as usize] = (w << 4) | s;
            }
            c += 1;
        }
        r += 1;
    }
    t
}

static LATIN: [u8; 0x180] = table::<0x180>(0);
static PUNCTUATION: [u8; 0x70] = table::<0x70>(0x2000);
static SYMBOLS: [u8; 0x670] = table::<0x670>(0x2190);

/// Word class (high nibble) and sentence class (low nibble); 0 when not on the fast path.
#[inline]
fn classes(c: u32) -> u8 {
    if c < 0x180 {
        LATIN[c as usize]
    } else if (0x2000..0x2070).contains(&c) {
        PUNCTUATION[(c - 0x2000) as usize]
    } else if (0x2190..0x2800).contains(&c) {
        // Arrows, mathematical and technical signs, box drawing, brackets ⟨ ⟩ (man pages).
        SYMBOLS[(c - 0x2190) as usize]
    } else if c == 0x20AC {
        (W_OTHER << 4) | S_OTHER
    } else {
        0
    }
}

/// The class of a continuation byte of UTF-8, in both nibbles: no class of its own, it
/// belongs to the character before it.
const CONT: u8 = 0xFF;

/// The code that `load` gives each byte of a line stands for the byte's classes
/// (`CLASSES`): an ASCII byte is its own code (the line is copied as it is), the first
/// byte of a longer character gets the code of the character's classes (from 0x80 up,
/// one per pair of classes met beyond ASCII), a continuation byte `CONT`.
const fn codes() -> ([u8; 256], [u8; 256]) {
    // (code → classes, classes → code of a longer character)
    let (mut classes, mut code_of) = ([0u8; 256], [0u8; 256]);
    let mut b = 0;
    while b < 0x80 {
        classes[b] = LATIN[b];
        b += 1;
    }
    let mut next = 0x80;
    let mut r = 0;
    while r < RANGES.len() {
        let (_, last, w, s) = RANGES[r];
        let c = ((w << 4) | s) as usize;
        if last >= 0x80 && w != UNKNOWN && s != UNKNOWN && code_of[c] == 0 {
            assert!(next < CONT as usize, "more codes than bytes");
            code_of[c] = next as u8;
            classes[next] = c as u8;
            next += 1;
        }
        r += 1;
    }
    classes[CONT as usize] = CONT;
    (classes, code_of)
}

/// The classes of each code (see `codes`).
static CLASSES: [u8; 256] = codes().0;

/// The code of the classes of a character beyond ASCII (see `codes`).
static CODE_OF_CLASSES: [u8; 256] = codes().1;

/// The codes that carry on a run of letters, digits and connectors: those of the three
/// classes, and continuation bytes.
static RUN: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = matches!(CLASSES[c] >> 4, 0xF | W_LETTER | W_NUMERIC | W_EXTNUMLET);
        c += 1;
    }
    t
};

/// The codes of the sentence classes after which a boundary may come soon (terminators,
/// separators).
static DECISIVE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = matches!(CLASSES[c] & 0xF, S_ATERM | S_STERM | S_SEP | S_CR | S_LF);
        c += 1;
    }
    t
};

/// The classes of the byte at `i` of a loaded line (`CONT` for a continuation byte).
#[inline]
fn class(cls: &[u8], i: usize) -> u8 {
    CLASSES[cls[i] as usize]
}

/// Fills `cls` with the codes of the bytes of `line` (see `codes`: the line itself, then
/// each character beyond ASCII marked); None when a character is not on the fast path.
/// Segments are then cut on bytes, continuation bytes skipped: offsets need no table.
/// Otherwise tells whether the line is plain: its only terminators and separators (see
/// `DECISIVE`) are `.`, `!`, `?` and the line feed that ends it.
/// (`no_cr`: carriage returns need not be looked for: the text around the line holds
/// none, or its sentences are not asked for.)
fn load(line: &str, no_cr: bool, cls: &mut Vec<u8>) -> Option<bool> {
    let bytes = line.as_bytes();
    cls.clear();
    cls.extend_from_slice(bytes);
    let mut plain = no_cr || memchr::memchr(b'\r', bytes).is_none();
    let mut i = 0;
    loop {
        // ASCII bytes are their own codes.
        i += ascii_len(&bytes[i..]);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        // The first byte of a longer character (the line is valid UTF-8, so a
        // continuation byte is only met after one): decoded in place, its continuation
        // bytes marked. The fast path holds no character of four bytes.
        let cont = |k: usize| u32::from(bytes[i + k] & 0x3F);
        let (c, len) = match b {
            0xC0..0xE0 => (classes((u32::from(b & 0x1F) << 6) | cont(1)), 2),
            0xE0..0xF0 => (
                classes((u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2)),
                3,
            ),
            _ => (0, 4),
        };
        if c == 0 {
            return None;
        }
        let code = CODE_OF_CLASSES[c as usize];
        plain &= !DECISIVE[code as usize];
        cls[i] = code;
        // (Two or three bytes: written one by one, where `fill` called memset.)
        cls[i + 1] = CONT;
        if len == 3 {
            cls[i + 2] = CONT;
        }
        i += len;
    }
    Some(plain)
}

/// The number of ASCII bytes `bytes` starts with, counted eight at a time (most of a line).
fn ascii_len(bytes: &[u8]) -> usize {
    let blocks = bytes.chunks_exact(8);
    let rest = blocks.remainder();
    let mut n = 0;
    for block in blocks {
        let high =
            u64::from_le_bytes(block.try_into().expect("eight bytes")) & 0x8080_8080_8080_8080;
        if high != 0 {
            // (Little-endian: the first bytes are the low ones.)
            return n + high.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    n + rest.iter().take_while(|b| b.is_ascii()).count()
}

/// Calls `f` on each line of `text` (each with its line feed), with its offset.
fn for_lines(text: &str, mut f: impl FnMut(usize, &str)) {
    let mut start = 0;
    while start < text.len() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i + 1);
        f(start, &text[start..end]);
        start = end;
    }
}

/// What `bounds` gives the boundaries it finds to. A type with methods, not closures: the
/// tokeniser's `word` (`tokens::Tokeniser`) is marked `#[inline(always)]`, where whether a
/// closure was inlined into `line_words` flipped with any change of that loop's shape
/// (3 to 59 M instructions on the man pages when it went out of line).
pub trait Sink {
    /// Word boundaries are worked out (`word` is called).
    const WORDS: bool;
    /// Sentence boundaries are worked out (`sentence` is called).
    const SENTENCES: bool;
    /// Every word segment is given. When false, those that cannot start a word may be
    /// left out: on the fast path, white space, line breaks and ASCII signs (their first
    /// character is not alphanumeric, and the tokeniser makes no token of them). The
    /// splitter knows them from the arm that cuts them, where the tokeniser read each
    /// segment's first byte again to turn it away.
    const GAPS: bool;
    /// A word segment `[start, end)` of the text, with the sum of the `BYTE_COUNTS` of its
    /// bytes when it is a run of letters, digits and connectors cut on the fast path (added
    /// up on the way, so that the words need not be read again for them), None otherwise.
    fn word(&mut self, _start: usize, _end: usize, _counts: Option<u64>) {}
    /// A sentence segment `[start, end)` of the text.
    fn sentence(&mut self, _start: usize, _end: usize) {}
}

/// Word boundaries: calls `f(start, end)` for every segment, exactly as
/// `text.split_word_bound_indices()` yields them.
#[cfg(test)]
pub fn word_bounds(text: &str, f: impl FnMut(usize, usize)) {
    struct Words<F>(F);
    impl<F: FnMut(usize, usize)> Sink for Words<F> {
        const WORDS: bool = true;
        const SENTENCES: bool = false;
        const GAPS: bool = true;
        fn word(&mut self, start: usize, end: usize, _: Option<u64>) {
            (self.0)(start, end);
        }
    }
    bounds(text, &mut Words(f));
}

/// Sentence boundaries: calls `f(start, end)` for every segment, exactly as
/// `text.split_sentence_bound_indices()` yields them.
pub fn sentence_bounds(text: &str, f: impl FnMut(usize, usize)) {
    struct Sentences<F>(F);
    impl<F: FnMut(usize, usize)> Sink for Sentences<F> {
        const WORDS: bool = false;
        const SENTENCES: bool = true;
        const GAPS: bool = true;
        #[inline(always)]
        fn sentence(&mut self, start: usize, end: usize) {
            (self.0)(start, end);
        }
    }
    bounds(text, &mut Sentences(f));
}

/// Word and sentence boundaries in one pass over the lines, given to `sink`: each line is
/// classified once for both (`word_bounds` and `sentence_bounds` give the same segments
/// alone). Only the boundaries asked for (`Sink::WORDS`, `Sink::SENTENCES`) are worked out.
pub fn bounds<S: Sink>(text: &str, sink: &mut S) {
    // The codes of the current line's bytes, reused from line to line.
    let mut cls = Vec::new();
    // (Most texts have no carriage return: their lines need not be searched for one.)
    let no_cr = !S::SENTENCES || memchr::memchr(b'\r', text.as_bytes()).is_none();
    for_lines(text, |base, line| {
        if let Some(plain) = load(line, no_cr, &mut cls) {
            if S::WORDS {
                line_words(&cls, base, sink);
            }
            if S::SENTENCES {
                line_sentences(&cls, plain, base, sink);
            }
        } else {
            if S::WORDS {
                for (i, w) in line.split_word_bound_indices() {
                    sink.word(base + i, base + i + w.len(), None);
                }
            }
            if S::SENTENCES {
                for (i, s) in line.split_sentence_bound_indices() {
                    sink.sentence(base + i, base + i + s.len());
                }
            }
        }
    });
}

/// The index of the character after the one at `i` (its continuation bytes skipped).
#[inline]
fn next(cls: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < cls.len() && cls[i] == CONT {
        i += 1;
    }
    i
}

/// The index of the character before the one at `i` (`i` > 0).
#[inline]
fn prev(cls: &[u8], mut i: usize) -> usize {
    i -= 1;
    while cls[i] == CONT {
        i -= 1;
    }
    i
}

/// Word boundaries of one line already loaded, at `base` in the text: calls `sink.word`
/// per segment (but those of white space, line breaks and ASCII signs when not
/// `Sink::GAPS`).
fn line_words<S: Sink>(cls: &[u8], base: usize, sink: &mut S) {
    let n = cls.len();
    let word = |i: usize| class(cls, i) >> 4;
    let mut i = 0;
    while i < n {
        let start = i;
        match word(i) {
            W_CR => {
                i += 1;
                if i < n && word(i) == W_LF {
                    i += 1;
                }
                if !S::GAPS {
                    continue;
                }
            }
            W_SPACE => {
                // (WB3d; a continuation byte here belongs to a space.)
                i += 1;
                while i < n && matches!(class(cls, i) >> 4, W_SPACE | 0xF) {
                    i += 1;
                }
                if !S::GAPS {
                    continue;
                }
            }
            W_LETTER | W_NUMERIC | W_EXTNUMLET => {
                let mut counts = 0;
                loop {
                    // Letters, digits and connectors run on (WB5, WB8 to WB10, WB13a,
                    // WB13b), with their continuation bytes. (An ASCII byte is its own code
                    // and any other code is above 0x7F, as any other byte: the counts of
                    // the codes are those of the bytes.)
                    counts += BYTE_COUNTS[cls[i] as usize];
                    i += 1;
                    while i < n && RUN[cls[i] as usize] {
                        counts += BYTE_COUNTS[cls[i] as usize];
                        i += 1;
                    }
                    if i == n {
                        break;
                    }
                    // One middle sign between two letters or two digits (WB6, WB7, WB11,
                    // WB12). (Most runs end on a space or a sign that is not a middle one:
                    // no look around them.)
                    if !matches!(word(i), W_MIDLETTER | W_MIDNUM | W_MIDNUMLET) {
                        break;
                    }
                    let state = word(prev(cls, i));
                    let j = next(cls, i);
                    let middle = matches!(
                        (state, word(i)),
                        (W_LETTER, W_MIDLETTER | W_MIDNUMLET) | (W_NUMERIC, W_MIDNUM | W_MIDNUMLET)
                    );
                    if !(middle && j < n && word(j) == state) {
                        break;
                    }
                    counts += cls[i..j]
                        .iter()
                        .map(|&c| BYTE_COUNTS[c as usize])
                        .sum::<u64>();
                    i = j;
                }
                sink.word(base + start, base + i, Some(counts));
                continue;
            }
            // LF, Newline and everything else stand alone. (An ASCII byte is its own
            // code, any other character's code is above 0x7F: « ² » is alphanumeric.)
            _ => {
                // (An ASCII character is followed by no continuation byte.)
                if !S::GAPS && cls[start] < 0x80 {
                    i += 1;
                    continue;
                }
                i = next(cls, i);
            }
        }
        sink.word(base + start, base + i, None);
    }
}

/// One part of the sentence state: the classes of the last characters, runs of Close and
/// of Sp collapsed (the same state as the crate's).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    Cr,
    Lf,
    Sep,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

fn part_of(c: u8) -> Part {
    match c {
        S_CR => Part::Cr,
        S_LF => Part::Lf,
        S_SEP => Part::Sep,
        S_ATERM => Part::ATerm,
        S_UPPER | S_LOWER => Part::UpperLower,
        S_CLOSE => Part::ClosePlus,
        S_SP => Part::SpPlus,
        S_STERM => Part::STerm,
        _ => Part::Other,
    }
}

fn is_saterm(p: Part) -> bool {
    matches!(p, Part::ATerm | Part::STerm)
}

/// The parts that may start a boundary soon after them (besides the start of the text as
/// the last part, SB1: no rule looks at a start further back).
fn is_decisive(p: Part) -> bool {
    matches!(
        p,
        Part::ATerm | Part::STerm | Part::Sep | Part::Cr | Part::Lf
    )
}

/// The sentence class of the byte at `i` (`CONT` gives 0xF, no class).
#[inline]
fn sentence(cls: &[u8], i: usize) -> u8 {
    class(cls, i) & 0xF
}

/// The state after the last character of `cls` (a line's start, ending with a whole
/// character): its last four parts, a run of Close or of Sp counting as one, read
/// backwards.
fn state_through(cls: &[u8]) -> [Part; 4] {
    let mut p = [Part::Sot; 4];
    let mut k = cls.len();
    for slot in p.iter_mut().rev() {
        if k == 0 {
            break;
        }
        k = prev(cls, k);
        let c = sentence(cls, k);
        if c == S_CLOSE || c == S_SP {
            while k > 0 && sentence(cls, prev(cls, k)) == c {
                k = prev(cls, k);
            }
        }
        *slot = part_of(c);
    }
    p
}

/// Index of the part before `Sp*` and `Close*` (SB8, SB8a, SB10).
fn before_close_sp(p: &[Part; 4]) -> usize {
    let mut i = if p[3] == Part::SpPlus { 2 } else { 3 };
    if p[i] == Part::ClosePlus {
        i -= 1;
    }
    i
}

/// Sentence boundaries of one line already loaded, at `base` in the text: calls
/// `sink.sentence` per segment.
// The branches follow the rules of UAX #29 one by one (SB1…SB11), as the standard numbers
// them, even where two give the same answer.
#[allow(clippy::if_same_then_else)]
fn line_sentences(cls: &[u8], plain: bool, base: usize, sink: &mut impl Sink) {
    let n = cls.len();
    let mut p = [Part::Sot; 4];
    let mut seg_start: Option<usize> = None;
    let mut i = 0;
    while i < n {
        // Only a start as the last part, or a separator or a terminator among the last
        // parts can make a boundary (SB1, SB4, SB11). Without one, no boundary falls
        // before any character up to the next terminator or separator, nor before that
        // one (the parts before it still hold none): the machine jumps over them and takes
        // up its state there.
        if p[3] != Part::Sot && !p.iter().any(|&q| is_decisive(q)) {
            // (In a plain line (see `load`), the next of `.`, `!` and `?`, else the line
            // feed at the end: an ASCII byte is its own code.)
            let found = if plain {
                memchr::memchr3(b'.', b'!', b'?', &cls[i..])
                    .or_else(|| (cls[n - 1] == b'\n').then(|| n - 1 - i))
            } else {
                cls[i..].iter().position(|&c| DECISIVE[c as usize])
            };
            let Some(j) = found else {
                break;
            };
            if i + j == n - 1 && cls[n - 1] == b'\n' {
                // The line feed that ends the line: no boundary before it either, and
                // none after it within the line.
                break;
            }
            let end = next(cls, i + j);
            p = state_through(&cls[..end]);
            i = end;
            continue;
        }
        let c = sentence(cls, i);
        let before = p;
        // The state after this character.
        let part = part_of(c);
        if !((p[3] == Part::ClosePlus && c == S_CLOSE) || (p[3] == Part::SpPlus && c == S_SP)) {
            p = [p[1], p[2], p[3], part];
        }
        let brk = if before[3] == Part::Sot {
            true // SB1
        } else if c == S_LF && before[3] == Part::Cr {
            false // SB3
        } else if matches!(before[3], Part::Sep | Part::Cr | Part::Lf) {
            true // SB4
        } else if c == S_NUMERIC && before[3] == Part::ATerm {
            false // SB6
        } else if c == S_UPPER && before[2] == Part::UpperLower && before[3] == Part::ATerm {
            false // SB7
        } else if before[before_close_sp(&before)] == Part::ATerm && lower_ahead(&cls[i..]) {
            false // SB8
        } else if matches!(c, S_SCONTINUE | S_STERM | S_ATERM)
            && is_saterm(before[before_close_sp(&before)])
        {
            false // SB8a
        } else if matches!(c, S_CLOSE | S_SP | S_SEP | S_CR | S_LF)
            && is_saterm(before[if before[3] == Part::ClosePlus { 2 } else { 3 }])
        {
            false // SB9
        } else if matches!(c, S_SP | S_SEP | S_CR | S_LF)
            && is_saterm(before[before_close_sp(&before)])
        {
            false // SB10
        } else {
            // SB11: SATerm Close* Sp* ParaSep? ÷
            let mut k = if matches!(before[3], Part::Sep | Part::Cr | Part::Lf) {
                2
            } else {
                3
            };
            if before[k] == Part::SpPlus {
                k -= 1;
            }
            if before[k] == Part::ClosePlus {
                k -= 1;
            }
            is_saterm(before[k])
        };
        if brk {
            if let Some(s) = seg_start {
                sink.sentence(base + s, base + i);
            }
            seg_start = Some(i);
        }
        i = next(cls, i);
    }
    if let Some(s) = seg_start {
        sink.sentence(base + s, base + n);
    }
}

/// SB8: ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower.
fn lower_ahead(cls: &[u8]) -> bool {
    for &c in cls {
        match CLASSES[c as usize] & 0xF {
            S_LOWER => return true,
            S_OLETTER | S_UPPER | S_SEP | S_CR | S_LF | S_STERM | S_ATERM => return false,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        word_bounds(t, |s, e| v.push((s, e)));
        v
    }

    fn sentences(t: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        sentence_bounds(t, |s, e| v.push((s, e)));
        v
    }

    fn crate_words(t: &str) -> Vec<(usize, usize)> {
        t.split_word_bound_indices()
            .map(|(i, w)| (i, i + w.len()))
            .collect()
    }

    fn crate_sentences(t: &str) -> Vec<(usize, usize)> {
        t.split_sentence_bound_indices()
            .map(|(i, s)| (i, i + s.len()))
            .collect()
    }

    fn same(t: &str) {
        assert_eq!(words(t), crate_words(t), "words of {t:?}");
        assert_eq!(sentences(t), crate_sentences(t), "sentences of {t:?}");
        counts_are_those_of_the_bytes(t);
    }

    #[test]
    fn examples() {
        for t in [
            "",
            "\n",
            "\r\n\r\n",
            "L’IA d'approvisionnement, jusqu'à 3,14 ou 1.000.000 (p. ex. M. Dupont) !",
            "Il a dit : « oui ». Puis… il est parti.\nLe lendemain ? Rien.",
            "a.b a:b 1:2 1,2, a,b a_b 1_a a\u{202F}b 100\u{202F}000 x\u{A0}: y",
            "Fin.\u{201D} Suite. etc. et 3. Deux. «\u{A0}Oui\u{A0}»",
            "e.g. this. And that.)  Next? yes! \"Quote.\" 'x'.",
            "emoji 😀 ici. Puis cafe\u{301} et soft\u{AD}hyphen.\nretour é.",
            "\u{2028}ligne\u{2029}para\u{85}nel\x0bvt",
        ] {
            same(t);
        }
    }

    /// The classes of a byte: those of its character for ASCII, `CONT` for a continuation
    /// byte, 0 for the first byte of a longer character (classified from the whole character).
    static BYTES: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 0x80 {
            t[b] = LATIN[b];
            b += 1;
        }
        while b < 0xC0 {
            t[b] = CONT;
            b += 1;
        }
        t
    };

    /// `load` as it was: one byte at a time.
    fn reference_load(line: &str, cls: &mut Vec<u8>) -> bool {
        let bytes = line.as_bytes();
        cls.clear();
        cls.resize(bytes.len(), 0);
        for (i, (c, &b)) in cls.iter_mut().zip(bytes).enumerate() {
            *c = BYTES[b as usize];
            if *c != 0 {
                continue;
            }
            let cont = |k: usize| bytes.get(i + k).map_or(0, |&b| u32::from(b & 0x3F));
            *c = match b {
                0xC0..0xE0 => classes((u32::from(b & 0x1F) << 6) | cont(1)),
                0xE0..0xF0 => classes((u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2)),
                _ => 0,
            };
            if *c == 0 {
                return false;
            }
        }
        true
    }

    #[test]
    fn eight_bytes_at_a_time_load_as_one_at_a_time() {
        let pieces = [
            "abcdefgh", "Ab1", " ", "\t", "\r\n", "é", "É", "’", "«\u{A0}", "─", "⟨", "→", "😀",
            "\u{AD}", "\u{301}", "中", ".", "3,14", "_",
        ];
        let mut rng = crate::testing::Rng::new(0x9E37_79B9_7F4A_7C15);
        let (mut fast, mut reference) = (Vec::new(), Vec::new());
        for _ in 0..20_000 {
            let t = rng.string(&pieces, 16);
            let ok = load(&t, false, &mut fast).is_some();
            assert_eq!(ok, reference_load(&t, &mut reference), "{t:?}");
            if ok {
                let classes: Vec<u8> = fast.iter().map(|&c| CLASSES[c as usize]).collect();
                assert_eq!(classes, reference, "{t:?}");
            }
        }
    }

    #[test]
    fn ascii_len_counts_the_leading_ascii_bytes() {
        let pieces = ["abcdefgh", "a", " ", "é", "’", "😀", "\n", "0123456"];
        let mut rng = crate::testing::Rng::new(0x5851_F42D_4C95_7F2D);
        for _ in 0..20_000 {
            let t = rng.string(&pieces, 12);
            let expected = t.bytes().take_while(u8::is_ascii).count();
            assert_eq!(ascii_len(t.as_bytes()), expected, "{t:?}");
        }
    }

    /// Every word segment with its counts, or (not `GAPS`) those `bounds` gives.
    struct Segments<const GAPS: bool>(Vec<(usize, usize, Option<u64>)>);
    impl<const GAPS: bool> Sink for Segments<GAPS> {
        const WORDS: bool = true;
        const SENTENCES: bool = false;
        const GAPS: bool = GAPS;
        fn word(&mut self, s: usize, e: usize, counts: Option<u64>) {
            self.0.push((s, e, counts));
        }
    }

    /// A sink without `GAPS` misses only word segments whose first character is not
    /// alphanumeric (the tokeniser makes no token of them), and gets the others with their
    /// counts, in order. Returns how many it missed.
    fn gaps_left_out_hold_no_word(t: &str) -> usize {
        let (mut all, mut some) = (Segments::<true>(Vec::new()), Segments::<false>(Vec::new()));
        bounds(t, &mut all);
        bounds(t, &mut some);
        let mut kept = some.0.iter().peekable();
        for seg in &all.0 {
            if kept.peek() == Some(&seg) {
                kept.next();
            } else {
                let c = t[seg.0..seg.1].chars().next();
                assert!(!c.is_some_and(char::is_alphanumeric), "{t:?} {seg:?}");
            }
        }
        assert_eq!(kept.next(), None, "{t:?}");
        all.0.len() - some.0.len()
    }

    #[test]
    fn gaps_left_out() {
        let pieces = [
            "mot", "É", "é", "²", "½", " ", "\u{A0}", "\u{2003}", "\u{202F}", ".", ",", "-", "\n",
            "\r\n", "\r", "'", "’", "«", "─", "_", "3", "😀", "\u{301}",
        ];
        let mut rng = crate::testing::Rng::new(0x6A09_E667_F3BC_C909);
        let mut left_out = 0;
        for _ in 0..20_000 {
            left_out += gaps_left_out_hold_no_word(&rng.string(&pieces, 12));
        }
        left_out += gaps_left_out_hold_no_word(include_str!("../../corpus/meta-puce-ia.fr.txt"));
        assert!(left_out > 20_000, "{left_out}");
    }

    /// The counts given with a word segment are those of its bytes.
    fn counts_are_those_of_the_bytes(t: &str) {
        struct Counts<'a>(&'a str);
        impl Sink for Counts<'_> {
            const WORDS: bool = true;
            const SENTENCES: bool = false;
            const GAPS: bool = true;
            fn word(&mut self, s: usize, e: usize, counts: Option<u64>) {
                if let Some(counts) = counts {
                    let bytes: u64 = self.0.as_bytes()[s..e]
                        .iter()
                        .map(|&b| BYTE_COUNTS[b as usize])
                        .sum();
                    assert_eq!(counts, bytes, "{:?} {s}..{e}", self.0);
                }
            }
        }
        bounds(t, &mut Counts(t));
    }

    #[test]
    fn plain_lines_end_sentences_on_these_bytes_only() {
        for b in 0..0x80u8 {
            assert_eq!(
                DECISIVE[b as usize],
                matches!(b, b'.' | b'!' | b'?' | b'\n' | b'\r'),
                "{b}"
            );
        }
        let mut cls = Vec::new();
        for (line, plain) in [
            ("Fin. Oui ! Non ?\n", Some(true)),
            ("a\rb\n", Some(false)),
            ("a\u{2028}b", Some(false)),
            ("a\u{85}b", Some(false)),
            ("a\u{2024}b", Some(false)),
            ("\u{203C} ", Some(false)),
            ("é « à » ─\n", Some(true)),
            ("😀.", None),
        ] {
            assert_eq!(load(line, false, &mut cls), plain, "{line:?}");
        }
    }

    #[test]
    fn codes_stand_for_the_classes() {
        for b in 0..0x80 {
            assert_eq!(CLASSES[b], LATIN[b], "{b}");
        }
        assert_eq!(CLASSES[CONT as usize], CONT);
        for c in (0x80..0x2800).filter(|&c| classes(c) != 0) {
            let code = CODE_OF_CLASSES[classes(c) as usize];
            assert!((0x80..CONT).contains(&code), "{c:x}");
            assert_eq!(CLASSES[code as usize], classes(c), "{c:x}");
        }
    }

    #[test]
    fn generated_strings() {
        // Every fast-path character in random company, plus a few that take the slow path.
        let mut alphabet: Vec<char> = (0u32..0x180)
            .chain(0x2000..0x2070)
            .chain(0x2190..0x2800)
            .filter_map(char::from_u32)
            .collect();
        alphabet.extend(['€', '😀', '\u{301}', '\u{5D0}', '\u{30A2}', '\u{1F1EB}']);
        // Classes that decide boundaries, often: letters, digits, mid punctuation, spaces.
        let frequent: Vec<char> = "aZé1 .,:;'’!?)(«»\"\n\r_\u{202F}\u{A0}".chars().collect();
        let mut rng = crate::testing::Rng::new(0x2545_F491_4F6C_DD1D);
        let mut next = |m: usize| rng.below(m);
        let cases = if cfg!(debug_assertions) {
            40_000
        } else {
            200_000
        };
        for _ in 0..cases {
            let len = next(14);
            let t: String = (0..len)
                .map(|_| {
                    if next(2) == 0 {
                        frequent[next(frequent.len())]
                    } else {
                        alphabet[next(alphabet.len())]
                    }
                })
                .collect();
            same(&t);
        }
    }

    #[test]
    fn corpora_lines() {
        // The real texts, when the corpora are there (`bash ../shared/corpora/corpora.sh`).
        for path in [
            "/tmp/relecture-corpora/manpages-fr.txt",
            "/tmp/relecture-corpora/debian.fr.txt",
        ] {
            if let Ok(t) = std::fs::read_to_string(path) {
                same(&t);
            }
        }
        same(include_str!("../../corpus/meta-puce-ia.fr.txt"));
    }
}
