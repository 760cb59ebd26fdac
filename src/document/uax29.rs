/*! UAX #29 word and sentence boundaries, fast on Latin text, with exactly the boundaries of
the `unicode-segmentation` crate.

Tokenising and sentence cutting ran at 20 to 30 MB/s with the crate's iterators. Here a line
of text whose characters all belong to the ranges below (every character of two bytes in
UTF-8, Thai, Latin Extended Additional, general punctuation, currency and letterlike signs,
arrows and technical signs: nearly every line of French, and the tables of other scripts in
man pages) is cut by small state machines over the classes of its bytes; any other line
(an emoji, a combining accent, a soft hyphen, a Hebrew letter, another script) is handed
to the crate. Lines are independent in
both algorithms (a boundary always follows a line feed, and no rule looks back or ahead
across one), so the result is the crate's, boundary for boundary: the tests compare the
two on generated strings and on every line of the corpora.

The classes come from the crate's own tables (`scripts/uax29-tables.py` prints the range
table from them). Word classes that only matter in scripts or sequences outside these ranges
(Hebrew letters, Katakana, regional indicators, Extend, Format, ZWJ) are never met on the
fast path: a character of those classes sends its line to the crate. */

use super::tokens::{BEYOND_ASCII, BYTE_COUNTS, NOT_COUNTED};
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

/// (first, last, word class, sentence class, alphanumeric) for every code point of the fast
/// path (alphanumeric: `char::is_alphanumeric`).
const RANGES: &[(u32, u32, u8, u8, bool)] = &[
    (0x0000, 0x0008, W_OTHER, S_OTHER, false),
    (0x0009, 0x0009, W_OTHER, S_SP, false),
    (0x000A, 0x000A, W_LF, S_LF, false),
    (0x000B, 0x000C, W_NEWLINE, S_SP, false),
    (0x000D, 0x000D, W_CR, S_CR, false),
    (0x000E, 0x001F, W_OTHER, S_OTHER, false),
    (0x0020, 0x0020, W_SPACE, S_SP, false),
    (0x0021, 0x0021, W_OTHER, S_STERM, false),
    (0x0022, 0x0022, W_OTHER, S_CLOSE, false),
    (0x0023, 0x0026, W_OTHER, S_OTHER, false),
    (0x0027, 0x0027, W_MIDNUMLET, S_CLOSE, false),
    (0x0028, 0x0029, W_OTHER, S_CLOSE, false),
    (0x002A, 0x002B, W_OTHER, S_OTHER, false),
    (0x002C, 0x002C, W_MIDNUM, S_SCONTINUE, false),
    (0x002D, 0x002D, W_OTHER, S_SCONTINUE, false),
    (0x002E, 0x002E, W_MIDNUMLET, S_ATERM, false),
    (0x002F, 0x002F, W_OTHER, S_OTHER, false),
    (0x0030, 0x0039, W_NUMERIC, S_NUMERIC, true),
    (0x003A, 0x003A, W_MIDLETTER, S_SCONTINUE, false),
    (0x003B, 0x003B, W_MIDNUM, S_SCONTINUE, false),
    (0x003C, 0x003E, W_OTHER, S_OTHER, false),
    (0x003F, 0x003F, W_OTHER, S_STERM, false),
    (0x0040, 0x0040, W_OTHER, S_OTHER, false),
    (0x0041, 0x005A, W_LETTER, S_UPPER, true),
    (0x005B, 0x005B, W_OTHER, S_CLOSE, false),
    (0x005C, 0x005C, W_OTHER, S_OTHER, false),
    (0x005D, 0x005D, W_OTHER, S_CLOSE, false),
    (0x005E, 0x005E, W_OTHER, S_OTHER, false),
    (0x005F, 0x005F, W_EXTNUMLET, S_OTHER, false),
    (0x0060, 0x0060, W_OTHER, S_OTHER, false),
    (0x0061, 0x007A, W_LETTER, S_LOWER, true),
    (0x007B, 0x007B, W_OTHER, S_CLOSE, false),
    (0x007C, 0x007C, W_OTHER, S_OTHER, false),
    (0x007D, 0x007D, W_OTHER, S_CLOSE, false),
    (0x007E, 0x0084, W_OTHER, S_OTHER, false),
    (0x0085, 0x0085, W_NEWLINE, S_SEP, false),
    (0x0086, 0x009F, W_OTHER, S_OTHER, false),
    (0x00A0, 0x00A0, W_OTHER, S_SP, false),
    (0x00A1, 0x00A9, W_OTHER, S_OTHER, false),
    (0x00AA, 0x00AA, W_LETTER, S_LOWER, true),
    (0x00AB, 0x00AB, W_OTHER, S_CLOSE, false),
    (0x00AC, 0x00AC, W_OTHER, S_OTHER, false),
    (0x00AD, 0x00AD, UNKNOWN, UNKNOWN, false),
    (0x00AE, 0x00B1, W_OTHER, S_OTHER, false),
    (0x00B2, 0x00B3, W_OTHER, S_OTHER, true),
    (0x00B4, 0x00B4, W_OTHER, S_OTHER, false),
    (0x00B5, 0x00B5, W_LETTER, S_LOWER, true),
    (0x00B6, 0x00B6, W_OTHER, S_OTHER, false),
    (0x00B7, 0x00B7, W_MIDLETTER, S_OTHER, false),
    (0x00B8, 0x00B8, W_LETTER, S_OTHER, false),
    (0x00B9, 0x00B9, W_OTHER, S_OTHER, true),
    (0x00BA, 0x00BA, W_LETTER, S_LOWER, true),
    (0x00BB, 0x00BB, W_OTHER, S_CLOSE, false),
    (0x00BC, 0x00BE, W_OTHER, S_OTHER, true),
    (0x00BF, 0x00BF, W_OTHER, S_OTHER, false),
    (0x00C0, 0x00D6, W_LETTER, S_UPPER, true),
    (0x00D7, 0x00D7, W_OTHER, S_OTHER, false),
    (0x00D8, 0x00DE, W_LETTER, S_UPPER, true),
    (0x00DF, 0x00F6, W_LETTER, S_LOWER, true),
    (0x00F7, 0x00F7, W_OTHER, S_OTHER, false),
    (0x00F8, 0x00FF, W_LETTER, S_LOWER, true),
    (0x0100, 0x0100, W_LETTER, S_UPPER, true),
    (0x0101, 0x0101, W_LETTER, S_LOWER, true),
    (0x0102, 0x0102, W_LETTER, S_UPPER, true),
    (0x0103, 0x0103, W_LETTER, S_LOWER, true),
    (0x0104, 0x0104, W_LETTER, S_UPPER, true),
    (0x0105, 0x0105, W_LETTER, S_LOWER, true),
    (0x0106, 0x0106, W_LETTER, S_UPPER, true),
    (0x0107, 0x0107, W_LETTER, S_LOWER, true),
    (0x0108, 0x0108, W_LETTER, S_UPPER, true),
    (0x0109, 0x0109, W_LETTER, S_LOWER, true),
    (0x010A, 0x010A, W_LETTER, S_UPPER, true),
    (0x010B, 0x010B, W_LETTER, S_LOWER, true),
    (0x010C, 0x010C, W_LETTER, S_UPPER, true),
    (0x010D, 0x010D, W_LETTER, S_LOWER, true),
    (0x010E, 0x010E, W_LETTER, S_UPPER, true),
    (0x010F, 0x010F, W_LETTER, S_LOWER, true),
    (0x0110, 0x0110, W_LETTER, S_UPPER, true),
    (0x0111, 0x0111, W_LETTER, S_LOWER, true),
    (0x0112, 0x0112, W_LETTER, S_UPPER, true),
    (0x0113, 0x0113, W_LETTER, S_LOWER, true),
    (0x0114, 0x0114, W_LETTER, S_UPPER, true),
    (0x0115, 0x0115, W_LETTER, S_LOWER, true),
    (0x0116, 0x0116, W_LETTER, S_UPPER, true),
    (0x0117, 0x0117, W_LETTER, S_LOWER, true),
    (0x0118, 0x0118, W_LETTER, S_UPPER, true),
    (0x0119, 0x0119, W_LETTER, S_LOWER, true),
    (0x011A, 0x011A, W_LETTER, S_UPPER, true),
    (0x011B, 0x011B, W_LETTER, S_LOWER, true),
    (0x011C, 0x011C, W_LETTER, S_UPPER, true),
    (0x011D, 0x011D, W_LETTER, S_LOWER, true),
    (0x011E, 0x011E, W_LETTER, S_UPPER, true),
    (0x011F, 0x011F, W_LETTER, S_LOWER, true),
    (0x0120, 0x0120, W_LETTER, S_UPPER, true),
    (0x0121, 0x0121, W_LETTER, S_LOWER, true),
    (0x0122, 0x0122, W_LETTER, S_UPPER, true),
    (0x0123, 0x0123, W_LETTER, S_LOWER, true),
    (0x0124, 0x0124, W_LETTER, S_UPPER, true),
    (0x0125, 0x0125, W_LETTER, S_LOWER, true),
    (0x0126, 0x0126, W_LETTER, S_UPPER, true),
    (0x0127, 0x0127, W_LETTER, S_LOWER, true),
    (0x0128, 0x0128, W_LETTER, S_UPPER, true),
    (0x0129, 0x0129, W_LETTER, S_LOWER, true),
    (0x012A, 0x012A, W_LETTER, S_UPPER, true),
    (0x012B, 0x012B, W_LETTER, S_LOWER, true),
    (0x012C, 0x012C, W_LETTER, S_UPPER, true),
    (0x012D, 0x012D, W_LETTER, S_LOWER, true),
    (0x012E, 0x012E, W_LETTER, S_UPPER, true),
    (0x012F, 0x012F, W_LETTER, S_LOWER, true),
    (0x0130, 0x0130, W_LETTER, S_UPPER, true),
    (0x0131, 0x0131, W_LETTER, S_LOWER, true),
    (0x0132, 0x0132, W_LETTER, S_UPPER, true),
    (0x0133, 0x0133, W_LETTER, S_LOWER, true),
    (0x0134, 0x0134, W_LETTER, S_UPPER, true),
    (0x0135, 0x0135, W_LETTER, S_LOWER, true),
    (0x0136, 0x0136, W_LETTER, S_UPPER, true),
    (0x0137, 0x0138, W_LETTER, S_LOWER, true),
    (0x0139, 0x0139, W_LETTER, S_UPPER, true),
    (0x013A, 0x013A, W_LETTER, S_LOWER, true),
    (0x013B, 0x013B, W_LETTER, S_UPPER, true),
    (0x013C, 0x013C, W_LETTER, S_LOWER, true),
    (0x013D, 0x013D, W_LETTER, S_UPPER, true),
    (0x013E, 0x013E, W_LETTER, S_LOWER, true),
    (0x013F, 0x013F, W_LETTER, S_UPPER, true),
    (0x0140, 0x0140, W_LETTER, S_LOWER, true),
    (0x0141, 0x0141, W_LETTER, S_UPPER, true),
    (0x0142, 0x0142, W_LETTER, S_LOWER, true),
    (0x0143, 0x0143, W_LETTER, S_UPPER, true),
    (0x0144, 0x0144, W_LETTER, S_LOWER, true),
    (0x0145, 0x0145, W_LETTER, S_UPPER, true),
    (0x0146, 0x0146, W_LETTER, S_LOWER, true),
    (0x0147, 0x0147, W_LETTER, S_UPPER, true),
    (0x0148, 0x0149, W_LETTER, S_LOWER, true),
    (0x014A, 0x014A, W_LETTER, S_UPPER, true),
    (0x014B, 0x014B, W_LETTER, S_LOWER, true),
    (0x014C, 0x014C, W_LETTER, S_UPPER, true),
    (0x014D, 0x014D, W_LETTER, S_LOWER, true),
    (0x014E, 0x014E, W_LETTER, S_UPPER, true),
    (0x014F, 0x014F, W_LETTER, S_LOWER, true),
    (0x0150, 0x0150, W_LETTER, S_UPPER, true),
    (0x0151, 0x0151, W_LETTER, S_LOWER, true),
    (0x0152, 0x0152, W_LETTER, S_UPPER, true),
    (0x0153, 0x0153, W_LETTER, S_LOWER, true),
    (0x0154, 0x0154, W_LETTER, S_UPPER, true),
    (0x0155, 0x0155, W_LETTER, S_LOWER, true),
    (0x0156, 0x0156, W_LETTER, S_UPPER, true),
    (0x0157, 0x0157, W_LETTER, S_LOWER, true),
    (0x0158, 0x0158, W_LETTER, S_UPPER, true),
    (0x0159, 0x0159, W_LETTER, S_LOWER, true),
    (0x015A, 0x015A, W_LETTER, S_UPPER, true),
    (0x015B, 0x015B, W_LETTER, S_LOWER, true),
    (0x015C, 0x015C, W_LETTER, S_UPPER, true),
    (0x015D, 0x015D, W_LETTER, S_LOWER, true),
    (0x015E, 0x015E, W_LETTER, S_UPPER, true),
    (0x015F, 0x015F, W_LETTER, S_LOWER, true),
    (0x0160, 0x0160, W_LETTER, S_UPPER, true),
    (0x0161, 0x0161, W_LETTER, S_LOWER, true),
    (0x0162, 0x0162, W_LETTER, S_UPPER, true),
    (0x0163, 0x0163, W_LETTER, S_LOWER, true),
    (0x0164, 0x0164, W_LETTER, S_UPPER, true),
    (0x0165, 0x0165, W_LETTER, S_LOWER, true),
    (0x0166, 0x0166, W_LETTER, S_UPPER, true),
    (0x0167, 0x0167, W_LETTER, S_LOWER, true),
    (0x0168, 0x0168, W_LETTER, S_UPPER, true),
    (0x0169, 0x0169, W_LETTER, S_LOWER, true),
    (0x016A, 0x016A, W_LETTER, S_UPPER, true),
    (0x016B, 0x016B, W_LETTER, S_LOWER, true),
    (0x016C, 0x016C, W_LETTER, S_UPPER, true),
    (0x016D, 0x016D, W_LETTER, S_LOWER, true),
    (0x016E, 0x016E, W_LETTER, S_UPPER, true),
    (0x016F, 0x016F, W_LETTER, S_LOWER, true),
    (0x0170, 0x0170, W_LETTER, S_UPPER, true),
    (0x0171, 0x0171, W_LETTER, S_LOWER, true),
    (0x0172, 0x0172, W_LETTER, S_UPPER, true),
    (0x0173, 0x0173, W_LETTER, S_LOWER, true),
    (0x0174, 0x0174, W_LETTER, S_UPPER, true),
    (0x0175, 0x0175, W_LETTER, S_LOWER, true),
    (0x0176, 0x0176, W_LETTER, S_UPPER, true),
    (0x0177, 0x0177, W_LETTER, S_LOWER, true),
    (0x0178, 0x0179, W_LETTER, S_UPPER, true),
    (0x017A, 0x017A, W_LETTER, S_LOWER, true),
    (0x017B, 0x017B, W_LETTER, S_UPPER, true),
    (0x017C, 0x017C, W_LETTER, S_LOWER, true),
    (0x017D, 0x017D, W_LETTER, S_UPPER, true),
    (0x017E, 0x0180, W_LETTER, S_LOWER, true),
    (0x0181, 0x0182, W_LETTER, S_UPPER, true),
    (0x0183, 0x0183, W_LETTER, S_LOWER, true),
    (0x0184, 0x0184, W_LETTER, S_UPPER, true),
    (0x0185, 0x0185, W_LETTER, S_LOWER, true),
    (0x0186, 0x0187, W_LETTER, S_UPPER, true),
    (0x0188, 0x0188, W_LETTER, S_LOWER, true),
    (0x0189, 0x018B, W_LETTER, S_UPPER, true),
    (0x018C, 0x018D, W_LETTER, S_LOWER, true),
    (0x018E, 0x0191, W_LETTER, S_UPPER, true),
    (0x0192, 0x0192, W_LETTER, S_LOWER, true),
    (0x0193, 0x0194, W_LETTER, S_UPPER, true),
    (0x0195, 0x0195, W_LETTER, S_LOWER, true),
    (0x0196, 0x0198, W_LETTER, S_UPPER, true),
    (0x0199, 0x019B, W_LETTER, S_LOWER, true),
    (0x019C, 0x019D, W_LETTER, S_UPPER, true),
    (0x019E, 0x019E, W_LETTER, S_LOWER, true),
    (0x019F, 0x01A0, W_LETTER, S_UPPER, true),
    (0x01A1, 0x01A1, W_LETTER, S_LOWER, true),
    (0x01A2, 0x01A2, W_LETTER, S_UPPER, true),
    (0x01A3, 0x01A3, W_LETTER, S_LOWER, true),
    (0x01A4, 0x01A4, W_LETTER, S_UPPER, true),
    (0x01A5, 0x01A5, W_LETTER, S_LOWER, true),
    (0x01A6, 0x01A7, W_LETTER, S_UPPER, true),
    (0x01A8, 0x01A8, W_LETTER, S_LOWER, true),
    (0x01A9, 0x01A9, W_LETTER, S_UPPER, true),
    (0x01AA, 0x01AB, W_LETTER, S_LOWER, true),
    (0x01AC, 0x01AC, W_LETTER, S_UPPER, true),
    (0x01AD, 0x01AD, W_LETTER, S_LOWER, true),
    (0x01AE, 0x01AF, W_LETTER, S_UPPER, true),
    (0x01B0, 0x01B0, W_LETTER, S_LOWER, true),
    (0x01B1, 0x01B3, W_LETTER, S_UPPER, true),
    (0x01B4, 0x01B4, W_LETTER, S_LOWER, true),
    (0x01B5, 0x01B5, W_LETTER, S_UPPER, true),
    (0x01B6, 0x01B6, W_LETTER, S_LOWER, true),
    (0x01B7, 0x01B8, W_LETTER, S_UPPER, true),
    (0x01B9, 0x01BA, W_LETTER, S_LOWER, true),
    (0x01BB, 0x01BB, W_LETTER, S_OLETTER, true),
    (0x01BC, 0x01BC, W_LETTER, S_UPPER, true),
    (0x01BD, 0x01BF, W_LETTER, S_LOWER, true),
    (0x01C0, 0x01C3, W_LETTER, S_OLETTER, true),
    (0x01C4, 0x01C5, W_LETTER, S_UPPER, true),
    (0x01C6, 0x01C6, W_LETTER, S_LOWER, true),
    (0x01C7, 0x01C8, W_LETTER, S_UPPER, true),
    (0x01C9, 0x01C9, W_LETTER, S_LOWER, true),
    (0x01CA, 0x01CB, W_LETTER, S_UPPER, true),
    (0x01CC, 0x01CC, W_LETTER, S_LOWER, true),
    (0x01CD, 0x01CD, W_LETTER, S_UPPER, true),
    (0x01CE, 0x01CE, W_LETTER, S_LOWER, true),
    (0x01CF, 0x01CF, W_LETTER, S_UPPER, true),
    (0x01D0, 0x01D0, W_LETTER, S_LOWER, true),
    (0x01D1, 0x01D1, W_LETTER, S_UPPER, true),
    (0x01D2, 0x01D2, W_LETTER, S_LOWER, true),
    (0x01D3, 0x01D3, W_LETTER, S_UPPER, true),
    (0x01D4, 0x01D4, W_LETTER, S_LOWER, true),
    (0x01D5, 0x01D5, W_LETTER, S_UPPER, true),
    (0x01D6, 0x01D6, W_LETTER, S_LOWER, true),
    (0x01D7, 0x01D7, W_LETTER, S_UPPER, true),
    (0x01D8, 0x01D8, W_LETTER, S_LOWER, true),
    (0x01D9, 0x01D9, W_LETTER, S_UPPER, true),
    (0x01DA, 0x01DA, W_LETTER, S_LOWER, true),
    (0x01DB, 0x01DB, W_LETTER, S_UPPER, true),
    (0x01DC, 0x01DD, W_LETTER, S_LOWER, true),
    (0x01DE, 0x01DE, W_LETTER, S_UPPER, true),
    (0x01DF, 0x01DF, W_LETTER, S_LOWER, true),
    (0x01E0, 0x01E0, W_LETTER, S_UPPER, true),
    (0x01E1, 0x01E1, W_LETTER, S_LOWER, true),
    (0x01E2, 0x01E2, W_LETTER, S_UPPER, true),
    (0x01E3, 0x01E3, W_LETTER, S_LOWER, true),
    (0x01E4, 0x01E4, W_LETTER, S_UPPER, true),
    (0x01E5, 0x01E5, W_LETTER, S_LOWER, true),
    (0x01E6, 0x01E6, W_LETTER, S_UPPER, true),
    (0x01E7, 0x01E7, W_LETTER, S_LOWER, true),
    (0x01E8, 0x01E8, W_LETTER, S_UPPER, true),
    (0x01E9, 0x01E9, W_LETTER, S_LOWER, true),
    (0x01EA, 0x01EA, W_LETTER, S_UPPER, true),
    (0x01EB, 0x01EB, W_LETTER, S_LOWER, true),
    (0x01EC, 0x01EC, W_LETTER, S_UPPER, true),
    (0x01ED, 0x01ED, W_LETTER, S_LOWER, true),
    (0x01EE, 0x01EE, W_LETTER, S_UPPER, true),
    (0x01EF, 0x01F0, W_LETTER, S_LOWER, true),
    (0x01F1, 0x01F2, W_LETTER, S_UPPER, true),
    (0x01F3, 0x01F3, W_LETTER, S_LOWER, true),
    (0x01F4, 0x01F4, W_LETTER, S_UPPER, true),
    (0x01F5, 0x01F5, W_LETTER, S_LOWER, true),
    (0x01F6, 0x01F8, W_LETTER, S_UPPER, true),
    (0x01F9, 0x01F9, W_LETTER, S_LOWER, true),
    (0x01FA, 0x01FA, W_LETTER, S_UPPER, true),
    (0x01FB, 0x01FB, W_LETTER, S_LOWER, true),
    (0x01FC, 0x01FC, W_LETTER, S_UPPER, true),
    (0x01FD, 0x01FD, W_LETTER, S_LOWER, true),
    (0x01FE, 0x01FE, W_LETTER, S_UPPER, true),
    (0x01FF, 0x01FF, W_LETTER, S_LOWER, true),
    (0x0200, 0x0200, W_LETTER, S_UPPER, true),
    (0x0201, 0x0201, W_LETTER, S_LOWER, true),
    (0x0202, 0x0202, W_LETTER, S_UPPER, true),
    (0x0203, 0x0203, W_LETTER, S_LOWER, true),
    (0x0204, 0x0204, W_LETTER, S_UPPER, true),
    (0x0205, 0x0205, W_LETTER, S_LOWER, true),
    (0x0206, 0x0206, W_LETTER, S_UPPER, true),
    (0x0207, 0x0207, W_LETTER, S_LOWER, true),
    (0x0208, 0x0208, W_LETTER, S_UPPER, true),
    (0x0209, 0x0209, W_LETTER, S_LOWER, true),
    (0x020A, 0x020A, W_LETTER, S_UPPER, true),
    (0x020B, 0x020B, W_LETTER, S_LOWER, true),
    (0x020C, 0x020C, W_LETTER, S_UPPER, true),
    (0x020D, 0x020D, W_LETTER, S_LOWER, true),
    (0x020E, 0x020E, W_LETTER, S_UPPER, true),
    (0x020F, 0x020F, W_LETTER, S_LOWER, true),
    (0x0210, 0x0210, W_LETTER, S_UPPER, true),
    (0x0211, 0x0211, W_LETTER, S_LOWER, true),
    (0x0212, 0x0212, W_LETTER, S_UPPER, true),
    (0x0213, 0x0213, W_LETTER, S_LOWER, true),
    (0x0214, 0x0214, W_LETTER, S_UPPER, true),
    (0x0215, 0x0215, W_LETTER, S_LOWER, true),
    (0x0216, 0x0216, W_LETTER, S_UPPER, true),
    (0x0217, 0x0217, W_LETTER, S_LOWER, true),
    (0x0218, 0x0218, W_LETTER, S_UPPER, true),
    (0x0219, 0x0219, W_LETTER, S_LOWER, true),
    (0x021A, 0x021A, W_LETTER, S_UPPER, true),
    (0x021B, 0x021B, W_LETTER, S_LOWER, true),
    (0x021C, 0x021C, W_LETTER, S_UPPER, true),
    (0x021D, 0x021D, W_LETTER, S_LOWER, true),
    (0x021E, 0x021E, W_LETTER, S_UPPER, true),
    (0x021F, 0x021F, W_LETTER, S_LOWER, true),
    (0x0220, 0x0220, W_LETTER, S_UPPER, true),
    (0x0221, 0x0221, W_LETTER, S_LOWER, true),
    (0x0222, 0x0222, W_LETTER, S_UPPER, true),
    (0x0223, 0x0223, W_LETTER, S_LOWER, true),
    (0x0224, 0x0224, W_LETTER, S_UPPER, true),
    (0x0225, 0x0225, W_LETTER, S_LOWER, true),
    (0x0226, 0x0226, W_LETTER, S_UPPER, true),
    (0x0227, 0x0227, W_LETTER, S_LOWER, true),
    (0x0228, 0x0228, W_LETTER, S_UPPER, true),
    (0x0229, 0x0229, W_LETTER, S_LOWER, true),
    (0x022A, 0x022A, W_LETTER, S_UPPER, true),
    (0x022B, 0x022B, W_LETTER, S_LOWER, true),
    (0x022C, 0x022C, W_LETTER, S_UPPER, true),
    (0x022D, 0x022D, W_LETTER, S_LOWER, true),
    (0x022E, 0x022E, W_LETTER, S_UPPER, true),
    (0x022F, 0x022F, W_LETTER, S_LOWER, true),
    (0x0230, 0x0230, W_LETTER, S_UPPER, true),
    (0x0231, 0x0231, W_LETTER, S_LOWER, true),
    (0x0232, 0x0232, W_LETTER, S_UPPER, true),
    (0x0233, 0x0239, W_LETTER, S_LOWER, true),
    (0x023A, 0x023B, W_LETTER, S_UPPER, true),
    (0x023C, 0x023C, W_LETTER, S_LOWER, true),
    (0x023D, 0x023E, W_LETTER, S_UPPER, true),
    (0x023F, 0x0240, W_LETTER, S_LOWER, true),
    (0x0241, 0x0241, W_LETTER, S_UPPER, true),
    (0x0242, 0x0242, W_LETTER, S_LOWER, true),
    (0x0243, 0x0246, W_LETTER, S_UPPER, true),
    (0x0247, 0x0247, W_LETTER, S_LOWER, true),
    (0x0248, 0x0248, W_LETTER, S_UPPER, true),
    (0x0249, 0x0249, W_LETTER, S_LOWER, true),
    (0x024A, 0x024A, W_LETTER, S_UPPER, true),
    (0x024B, 0x024B, W_LETTER, S_LOWER, true),
    (0x024C, 0x024C, W_LETTER, S_UPPER, true),
    (0x024D, 0x024D, W_LETTER, S_LOWER, true),
    (0x024E, 0x024E, W_LETTER, S_UPPER, true),
    (0x024F, 0x0293, W_LETTER, S_LOWER, true),
    (0x0294, 0x0295, W_LETTER, S_OLETTER, true),
    (0x0296, 0x02B8, W_LETTER, S_LOWER, true),
    (0x02B9, 0x02BF, W_LETTER, S_OLETTER, true),
    (0x02C0, 0x02C1, W_LETTER, S_LOWER, true),
    (0x02C2, 0x02C5, W_LETTER, S_OTHER, false),
    (0x02C6, 0x02D1, W_LETTER, S_OLETTER, true),
    (0x02D2, 0x02D7, W_LETTER, S_OTHER, false),
    (0x02D8, 0x02DD, W_OTHER, S_OTHER, false),
    (0x02DE, 0x02DF, W_LETTER, S_OTHER, false),
    (0x02E0, 0x02E4, W_LETTER, S_LOWER, true),
    (0x02E5, 0x02EB, W_LETTER, S_OTHER, false),
    (0x02EC, 0x02EC, W_LETTER, S_OLETTER, true),
    (0x02ED, 0x02ED, W_LETTER, S_OTHER, false),
    (0x02EE, 0x02EE, W_LETTER, S_OLETTER, true),
    (0x02EF, 0x02FF, W_LETTER, S_OTHER, false),
    (0x0300, 0x036F, UNKNOWN, UNKNOWN, false),
    (0x0370, 0x0370, W_LETTER, S_UPPER, true),
    (0x0371, 0x0371, W_LETTER, S_LOWER, true),
    (0x0372, 0x0372, W_LETTER, S_UPPER, true),
    (0x0373, 0x0373, W_LETTER, S_LOWER, true),
    (0x0374, 0x0374, W_LETTER, S_OLETTER, true),
    (0x0375, 0x0375, W_OTHER, S_OTHER, false),
    (0x0376, 0x0376, W_LETTER, S_UPPER, true),
    (0x0377, 0x0377, W_LETTER, S_LOWER, true),
    (0x0378, 0x0379, W_OTHER, S_OTHER, false),
    (0x037A, 0x037D, W_LETTER, S_LOWER, true),
    (0x037E, 0x037E, W_MIDNUM, S_SCONTINUE, false),
    (0x037F, 0x037F, W_LETTER, S_UPPER, true),
    (0x0380, 0x0385, W_OTHER, S_OTHER, false),
    (0x0386, 0x0386, W_LETTER, S_UPPER, true),
    (0x0387, 0x0387, W_MIDLETTER, S_OTHER, false),
    (0x0388, 0x038A, W_LETTER, S_UPPER, true),
    (0x038B, 0x038B, W_OTHER, S_OTHER, false),
    (0x038C, 0x038C, W_LETTER, S_UPPER, true),
    (0x038D, 0x038D, W_OTHER, S_OTHER, false),
    (0x038E, 0x038F, W_LETTER, S_UPPER, true),
    (0x0390, 0x0390, W_LETTER, S_LOWER, true),
    (0x0391, 0x03A1, W_LETTER, S_UPPER, true),
    (0x03A2, 0x03A2, W_OTHER, S_OTHER, false),
    (0x03A3, 0x03AB, W_LETTER, S_UPPER, true),
    (0x03AC, 0x03CE, W_LETTER, S_LOWER, true),
    (0x03CF, 0x03CF, W_LETTER, S_UPPER, true),
    (0x03D0, 0x03D1, W_LETTER, S_LOWER, true),
    (0x03D2, 0x03D4, W_LETTER, S_UPPER, true),
    (0x03D5, 0x03D7, W_LETTER, S_LOWER, true),
    (0x03D8, 0x03D8, W_LETTER, S_UPPER, true),
    (0x03D9, 0x03D9, W_LETTER, S_LOWER, true),
    (0x03DA, 0x03DA, W_LETTER, S_UPPER, true),
    (0x03DB, 0x03DB, W_LETTER, S_LOWER, true),
    (0x03DC, 0x03DC, W_LETTER, S_UPPER, true),
    (0x03DD, 0x03DD, W_LETTER, S_LOWER, true),
    (0x03DE, 0x03DE, W_LETTER, S_UPPER, true),
    (0x03DF, 0x03DF, W_LETTER, S_LOWER, true),
    (0x03E0, 0x03E0, W_LETTER, S_UPPER, true),
    (0x03E1, 0x03E1, W_LETTER, S_LOWER, true),
    (0x03E2, 0x03E2, W_LETTER, S_UPPER, true),
    (0x03E3, 0x03E3, W_LETTER, S_LOWER, true),
    (0x03E4, 0x03E4, W_LETTER, S_UPPER, true),
    (0x03E5, 0x03E5, W_LETTER, S_LOWER, true),
    (0x03E6, 0x03E6, W_LETTER, S_UPPER, true),
    (0x03E7, 0x03E7, W_LETTER, S_LOWER, true),
    (0x03E8, 0x03E8, W_LETTER, S_UPPER, true),
    (0x03E9, 0x03E9, W_LETTER, S_LOWER, true),
    (0x03EA, 0x03EA, W_LETTER, S_UPPER, true),
    (0x03EB, 0x03EB, W_LETTER, S_LOWER, true),
    (0x03EC, 0x03EC, W_LETTER, S_UPPER, true),
    (0x03ED, 0x03ED, W_LETTER, S_LOWER, true),
    (0x03EE, 0x03EE, W_LETTER, S_UPPER, true),
    (0x03EF, 0x03F3, W_LETTER, S_LOWER, true),
    (0x03F4, 0x03F4, W_LETTER, S_UPPER, true),
    (0x03F5, 0x03F5, W_LETTER, S_LOWER, true),
    (0x03F6, 0x03F6, W_OTHER, S_OTHER, false),
    (0x03F7, 0x03F7, W_LETTER, S_UPPER, true),
    (0x03F8, 0x03F8, W_LETTER, S_LOWER, true),
    (0x03F9, 0x03FA, W_LETTER, S_UPPER, true),
    (0x03FB, 0x03FC, W_LETTER, S_LOWER, true),
    (0x03FD, 0x042F, W_LETTER, S_UPPER, true),
    (0x0430, 0x045F, W_LETTER, S_LOWER, true),
    (0x0460, 0x0460, W_LETTER, S_UPPER, true),
    (0x0461, 0x0461, W_LETTER, S_LOWER, true),
    (0x0462, 0x0462, W_LETTER, S_UPPER, true),
    (0x0463, 0x0463, W_LETTER, S_LOWER, true),
    (0x0464, 0x0464, W_LETTER, S_UPPER, true),
    (0x0465, 0x0465, W_LETTER, S_LOWER, true),
    (0x0466, 0x0466, W_LETTER, S_UPPER, true),
    (0x0467, 0x0467, W_LETTER, S_LOWER, true),
    (0x0468, 0x0468, W_LETTER, S_UPPER, true),
    (0x0469, 0x0469, W_LETTER, S_LOWER, true),
    (0x046A, 0x046A, W_LETTER, S_UPPER, true),
    (0x046B, 0x046B, W_LETTER, S_LOWER, true),
    (0x046C, 0x046C, W_LETTER, S_UPPER, true),
    (0x046D, 0x046D, W_LETTER, S_LOWER, true),
    (0x046E, 0x046E, W_LETTER, S_UPPER, true),
    (0x046F, 0x046F, W_LETTER, S_LOWER, true),
    (0x0470, 0x0470, W_LETTER, S_UPPER, true),
    (0x0471, 0x0471, W_LETTER, S_LOWER, true),
    (0x0472, 0x0472, W_LETTER, S_UPPER, true),
    (0x0473, 0x0473, W_LETTER, S_LOWER, true),
    (0x0474, 0x0474, W_LETTER, S_UPPER, true),
    (0x0475, 0x0475, W_LETTER, S_LOWER, true),
    (0x0476, 0x0476, W_LETTER, S_UPPER, true),
    (0x0477, 0x0477, W_LETTER, S_LOWER, true),
    (0x0478, 0x0478, W_LETTER, S_UPPER, true),
    (0x0479, 0x0479, W_LETTER, S_LOWER, true),
    (0x047A, 0x047A, W_LETTER, S_UPPER, true),
    (0x047B, 0x047B, W_LETTER, S_LOWER, true),
    (0x047C, 0x047C, W_LETTER, S_UPPER, true),
    (0x047D, 0x047D, W_LETTER, S_LOWER, true),
    (0x047E, 0x047E, W_LETTER, S_UPPER, true),
    (0x047F, 0x047F, W_LETTER, S_LOWER, true),
    (0x0480, 0x0480, W_LETTER, S_UPPER, true),
    (0x0481, 0x0481, W_LETTER, S_LOWER, true),
    (0x0482, 0x0482, W_OTHER, S_OTHER, false),
    (0x0483, 0x0489, UNKNOWN, UNKNOWN, false),
    (0x048A, 0x048A, W_LETTER, S_UPPER, true),
    (0x048B, 0x048B, W_LETTER, S_LOWER, true),
    (0x048C, 0x048C, W_LETTER, S_UPPER, true),
    (0x048D, 0x048D, W_LETTER, S_LOWER, true),
    (0x048E, 0x048E, W_LETTER, S_UPPER, true),
    (0x048F, 0x048F, W_LETTER, S_LOWER, true),
    (0x0490, 0x0490, W_LETTER, S_UPPER, true),
    (0x0491, 0x0491, W_LETTER, S_LOWER, true),
    (0x0492, 0x0492, W_LETTER, S_UPPER, true),
    (0x0493, 0x0493, W_LETTER, S_LOWER, true),
    (0x0494, 0x0494, W_LETTER, S_UPPER, true),
    (0x0495, 0x0495, W_LETTER, S_LOWER, true),
    (0x0496, 0x0496, W_LETTER, S_UPPER, true),
    (0x0497, 0x0497, W_LETTER, S_LOWER, true),
    (0x0498, 0x0498, W_LETTER, S_UPPER, true),
    (0x0499, 0x0499, W_LETTER, S_LOWER, true),
    (0x049A, 0x049A, W_LETTER, S_UPPER, true),
    (0x049B, 0x049B, W_LETTER, S_LOWER, true),
    (0x049C, 0x049C, W_LETTER, S_UPPER, true),
    (0x049D, 0x049D, W_LETTER, S_LOWER, true),
    (0x049E, 0x049E, W_LETTER, S_UPPER, true),
    (0x049F, 0x049F, W_LETTER, S_LOWER, true),
    (0x04A0, 0x04A0, W_LETTER, S_UPPER, true),
    (0x04A1, 0x04A1, W_LETTER, S_LOWER, true),
    (0x04A2, 0x04A2, W_LETTER, S_UPPER, true),
    (0x04A3, 0x04A3, W_LETTER, S_LOWER, true),
    (0x04A4, 0x04A4, W_LETTER, S_UPPER, true),
    (0x04A5, 0x04A5, W_LETTER, S_LOWER, true),
    (0x04A6, 0x04A6, W_LETTER, S_UPPER, true),
    (0x04A7, 0x04A7, W_LETTER, S_LOWER, true),
    (0x04A8, 0x04A8, W_LETTER, S_UPPER, true),
    (0x04A9, 0x04A9, W_LETTER, S_LOWER, true),
    (0x04AA, 0x04AA, W_LETTER, S_UPPER, true),
    (0x04AB, 0x04AB, W_LETTER, S_LOWER, true),
    (0x04AC, 0x04AC, W_LETTER, S_UPPER, true),
    (0x04AD, 0x04AD, W_LETTER, S_LOWER, true),
    (0x04AE, 0x04AE, W_LETTER, S_UPPER, true),
    (0x04AF, 0x04AF, W_LETTER, S_LOWER, true),
    (0x04B0, 0x04B0, W_LETTER, S_UPPER, true),
    (0x04B1, 0x04B1, W_LETTER, S_LOWER, true),
    (0x04B2, 0x04B2, W_LETTER, S_UPPER, true),
    (0x04B3, 0x04B3, W_LETTER, S_LOWER, true),
    (0x04B4, 0x04B4, W_LETTER, S_UPPER, true),
    (0x04B5, 0x04B5, W_LETTER, S_LOWER, true),
    (0x04B6, 0x04B6, W_LETTER, S_UPPER, true),
    (0x04B7, 0x04B7, W_LETTER, S_LOWER, true),
    (0x04B8, 0x04B8, W_LETTER, S_UPPER, true),
    (0x04B9, 0x04B9, W_LETTER, S_LOWER, true),
    (0x04BA, 0x04BA, W_LETTER, S_UPPER, true),
    (0x04BB, 0x04BB, W_LETTER, S_LOWER, true),
    (0x04BC, 0x04BC, W_LETTER, S_UPPER, true),
    (0x04BD, 0x04BD, W_LETTER, S_LOWER, true),
    (0x04BE, 0x04BE, W_LETTER, S_UPPER, true),
    (0x04BF, 0x04BF, W_LETTER, S_LOWER, true),
    (0x04C0, 0x04C1, W_LETTER, S_UPPER, true),
    (0x04C2, 0x04C2, W_LETTER, S_LOWER, true),
    (0x04C3, 0x04C3, W_LETTER, S_UPPER, true),
    (0x04C4, 0x04C4, W_LETTER, S_LOWER, true),
    (0x04C5, 0x04C5, W_LETTER, S_UPPER, true),
    (0x04C6, 0x04C6, W_LETTER, S_LOWER, true),
    (0x04C7, 0x04C7, W_LETTER, S_UPPER, true),
    (0x04C8, 0x04C8, W_LETTER, S_LOWER, true),
    (0x04C9, 0x04C9, W_LETTER, S_UPPER, true),
    (0x04CA, 0x04CA, W_LETTER, S_LOWER, true),
    (0x04CB, 0x04CB, W_LETTER, S_UPPER, true),
    (0x04CC, 0x04CC, W_LETTER, S_LOWER, true),
    (0x04CD, 0x04CD, W_LETTER, S_UPPER, true),
    (0x04CE, 0x04CF, W_LETTER, S_LOWER, true),
    (0x04D0, 0x04D0, W_LETTER, S_UPPER, true),
    (0x04D1, 0x04D1, W_LETTER, S_LOWER, true),
    (0x04D2, 0x04D2, W_LETTER, S_UPPER, true),
    (0x04D3, 0x04D3, W_LETTER, S_LOWER, true),
    (0x04D4, 0x04D4, W_LETTER, S_UPPER, true),
    (0x04D5, 0x04D5, W_LETTER, S_LOWER, true),
    (0x04D6, 0x04D6, W_LETTER, S_UPPER, true),
    (0x04D7, 0x04D7, W_LETTER, S_LOWER, true),
    (0x04D8, 0x04D8, W_LETTER, S_UPPER, true),
    (0x04D9, 0x04D9, W_LETTER, S_LOWER, true),
    (0x04DA, 0x04DA, W_LETTER, S_UPPER, true),
    (0x04DB, 0x04DB, W_LETTER, S_LOWER, true),
    (0x04DC, 0x04DC, W_LETTER, S_UPPER, true),
    (0x04DD, 0x04DD, W_LETTER, S_LOWER, true),
    (0x04DE, 0x04DE, W_LETTER, S_UPPER, true),
    (0x04DF, 0x04DF, W_LETTER, S_LOWER, true),
    (0x04E0, 0x04E0, W_LETTER, S_UPPER, true),
    (0x04E1, 0x04E1, W_LETTER, S_LOWER, true),
    (0x04E2, 0x04E2, W_LETTER, S_UPPER, true),
    (0x04E3, 0x04E3, W_LETTER, S_LOWER, true),
    (0x04E4, 0x04E4, W_LETTER, S_UPPER, true),
    (0x04E5, 0x04E5, W_LETTER, S_LOWER, true),
    (0x04E6, 0x04E6, W_LETTER, S_UPPER, true),
    (0x04E7, 0x04E7, W_LETTER, S_LOWER, true),
    (0x04E8, 0x04E8, W_LETTER, S_UPPER, true),
    (0x04E9, 0x04E9, W_LETTER, S_LOWER, true),
    (0x04EA, 0x04EA, W_LETTER, S_UPPER, true),
    (0x04EB, 0x04EB, W_LETTER, S_LOWER, true),
    (0x04EC, 0x04EC, W_LETTER, S_UPPER, true),
    (0x04ED, 0x04ED, W_LETTER, S_LOWER, true),
    (0x04EE, 0x04EE, W_LETTER, S_UPPER, true),
    (0x04EF, 0x04EF, W_LETTER, S_LOWER, true),
    (0x04F0, 0x04F0, W_LETTER, S_UPPER, true),
    (0x04F1, 0x04F1, W_LETTER, S_LOWER, true),
    (0x04F2, 0x04F2, W_LETTER, S_UPPER, true),
    (0x04F3, 0x04F3, W_LETTER, S_LOWER, true),
    (0x04F4, 0x04F4, W_LETTER, S_UPPER, true),
    (0x04F5, 0x04F5, W_LETTER, S_LOWER, true),
    (0x04F6, 0x04F6, W_LETTER, S_UPPER, true),
    (0x04F7, 0x04F7, W_LETTER, S_LOWER, true),
    (0x04F8, 0x04F8, W_LETTER, S_UPPER, true),
    (0x04F9, 0x04F9, W_LETTER, S_LOWER, true),
    (0x04FA, 0x04FA, W_LETTER, S_UPPER, true),
    (0x04FB, 0x04FB, W_LETTER, S_LOWER, true),
    (0x04FC, 0x04FC, W_LETTER, S_UPPER, true),
    (0x04FD, 0x04FD, W_LETTER, S_LOWER, true),
    (0x04FE, 0x04FE, W_LETTER, S_UPPER, true),
    (0x04FF, 0x04FF, W_LETTER, S_LOWER, true),
    (0x0500, 0x0500, W_LETTER, S_UPPER, true),
    (0x0501, 0x0501, W_LETTER, S_LOWER, true),
    (0x0502, 0x0502, W_LETTER, S_UPPER, true),
    (0x0503, 0x0503, W_LETTER, S_LOWER, true),
    (0x0504, 0x0504, W_LETTER, S_UPPER, true),
    (0x0505, 0x0505, W_LETTER, S_LOWER, true),
    (0x0506, 0x0506, W_LETTER, S_UPPER, true),
    (0x0507, 0x0507, W_LETTER, S_LOWER, true),
    (0x0508, 0x0508, W_LETTER, S_UPPER, true),
    (0x0509, 0x0509, W_LETTER, S_LOWER, true),
    (0x050A, 0x050A, W_LETTER, S_UPPER, true),
    (0x050B, 0x050B, W_LETTER, S_LOWER, true),
    (0x050C, 0x050C, W_LETTER, S_UPPER, true),
    (0x050D, 0x050D, W_LETTER, S_LOWER, true),
    (0x050E, 0x050E, W_LETTER, S_UPPER, true),
    (0x050F, 0x050F, W_LETTER, S_LOWER, true),
    (0x0510, 0x0510, W_LETTER, S_UPPER, true),
    (0x0511, 0x0511, W_LETTER, S_LOWER, true),
    (0x0512, 0x0512, W_LETTER, S_UPPER, true),
    (0x0513, 0x0513, W_LETTER, S_LOWER, true),
    (0x0514, 0x0514, W_LETTER, S_UPPER, true),
    (0x0515, 0x0515, W_LETTER, S_LOWER, true),
    (0x0516, 0x0516, W_LETTER, S_UPPER, true),
    (0x0517, 0x0517, W_LETTER, S_LOWER, true),
    (0x0518, 0x0518, W_LETTER, S_UPPER, true),
    (0x0519, 0x0519, W_LETTER, S_LOWER, true),
    (0x051A, 0x051A, W_LETTER, S_UPPER, true),
    (0x051B, 0x051B, W_LETTER, S_LOWER, true),
    (0x051C, 0x051C, W_LETTER, S_UPPER, true),
    (0x051D, 0x051D, W_LETTER, S_LOWER, true),
    (0x051E, 0x051E, W_LETTER, S_UPPER, true),
    (0x051F, 0x051F, W_LETTER, S_LOWER, true),
    (0x0520, 0x0520, W_LETTER, S_UPPER, true),
    (0x0521, 0x0521, W_LETTER, S_LOWER, true),
    (0x0522, 0x0522, W_LETTER, S_UPPER, true),
    (0x0523, 0x0523, W_LETTER, S_LOWER, true),
    (0x0524, 0x0524, W_LETTER, S_UPPER, true),
    (0x0525, 0x0525, W_LETTER, S_LOWER, true),
    (0x0526, 0x0526, W_LETTER, S_UPPER, true),
    (0x0527, 0x0527, W_LETTER, S_LOWER, true),
    (0x0528, 0x0528, W_LETTER, S_UPPER, true),
    (0x0529, 0x0529, W_LETTER, S_LOWER, true),
    (0x052A, 0x052A, W_LETTER, S_UPPER, true),
    (0x052B, 0x052B, W_LETTER, S_LOWER, true),
    (0x052C, 0x052C, W_LETTER, S_UPPER, true),
    (0x052D, 0x052D, W_LETTER, S_LOWER, true),
    (0x052E, 0x052E, W_LETTER, S_UPPER, true),
    (0x052F, 0x052F, W_LETTER, S_LOWER, true),
    (0x0530, 0x0530, W_OTHER, S_OTHER, false),
    (0x0531, 0x0556, W_LETTER, S_UPPER, true),
    (0x0557, 0x0558, W_OTHER, S_OTHER, false),
    (0x0559, 0x0559, W_LETTER, S_OLETTER, true),
    (0x055A, 0x055C, W_LETTER, S_OTHER, false),
    (0x055D, 0x055D, W_OTHER, S_SCONTINUE, false),
    (0x055E, 0x055E, W_LETTER, S_OTHER, false),
    (0x055F, 0x055F, W_MIDLETTER, S_OTHER, false),
    (0x0560, 0x0588, W_LETTER, S_LOWER, true),
    (0x0589, 0x0589, W_MIDNUM, S_STERM, false),
    (0x058A, 0x058A, W_LETTER, S_OTHER, false),
    (0x058B, 0x0590, W_OTHER, S_OTHER, false),
    (0x0591, 0x05BD, UNKNOWN, UNKNOWN, false),
    (0x05BE, 0x05BE, W_OTHER, S_OTHER, false),
    (0x05BF, 0x05BF, UNKNOWN, UNKNOWN, false),
    (0x05C0, 0x05C0, W_OTHER, S_OTHER, false),
    (0x05C1, 0x05C2, UNKNOWN, UNKNOWN, false),
    (0x05C3, 0x05C3, W_OTHER, S_OTHER, false),
    (0x05C4, 0x05C5, UNKNOWN, UNKNOWN, false),
    (0x05C6, 0x05C6, W_OTHER, S_OTHER, false),
    (0x05C7, 0x05C7, UNKNOWN, UNKNOWN, false),
    (0x05C8, 0x05CF, W_OTHER, S_OTHER, false),
    (0x05D0, 0x05EA, UNKNOWN, S_OLETTER, true),
    (0x05EB, 0x05EE, W_OTHER, S_OTHER, false),
    (0x05EF, 0x05F2, UNKNOWN, S_OLETTER, true),
    (0x05F3, 0x05F3, W_LETTER, S_OLETTER, false),
    (0x05F4, 0x05F4, W_MIDLETTER, S_OTHER, false),
    (0x05F5, 0x05FF, W_OTHER, S_OTHER, false),
    (0x0600, 0x0605, W_NUMERIC, S_NUMERIC, false),
    (0x0606, 0x060B, W_OTHER, S_OTHER, false),
    (0x060C, 0x060D, W_MIDNUM, S_SCONTINUE, false),
    (0x060E, 0x060F, W_OTHER, S_OTHER, false),
    (0x0610, 0x061A, UNKNOWN, UNKNOWN, false),
    (0x061B, 0x061B, W_OTHER, S_OTHER, false),
    (0x061C, 0x061C, UNKNOWN, UNKNOWN, false),
    (0x061D, 0x061F, W_OTHER, S_STERM, false),
    (0x0620, 0x064A, W_LETTER, S_OLETTER, true),
    (0x064B, 0x065F, UNKNOWN, UNKNOWN, false),
    (0x0660, 0x0669, W_NUMERIC, S_NUMERIC, true),
    (0x066A, 0x066A, W_OTHER, S_OTHER, false),
    (0x066B, 0x066B, W_NUMERIC, S_NUMERIC, false),
    (0x066C, 0x066C, W_MIDNUM, S_NUMERIC, false),
    (0x066D, 0x066D, W_OTHER, S_OTHER, false),
    (0x066E, 0x066F, W_LETTER, S_OLETTER, true),
    (0x0670, 0x0670, UNKNOWN, UNKNOWN, false),
    (0x0671, 0x06D3, W_LETTER, S_OLETTER, true),
    (0x06D4, 0x06D4, W_OTHER, S_STERM, false),
    (0x06D5, 0x06D5, W_LETTER, S_OLETTER, true),
    (0x06D6, 0x06DC, UNKNOWN, UNKNOWN, false),
    (0x06DD, 0x06DD, W_NUMERIC, S_NUMERIC, false),
    (0x06DE, 0x06DE, W_OTHER, S_OTHER, false),
    (0x06DF, 0x06E4, UNKNOWN, UNKNOWN, false),
    (0x06E5, 0x06E6, W_LETTER, S_OLETTER, true),
    (0x06E7, 0x06E8, UNKNOWN, UNKNOWN, false),
    (0x06E9, 0x06E9, W_OTHER, S_OTHER, false),
    (0x06EA, 0x06ED, UNKNOWN, UNKNOWN, false),
    (0x06EE, 0x06EF, W_LETTER, S_OLETTER, true),
    (0x06F0, 0x06F9, W_NUMERIC, S_NUMERIC, true),
    (0x06FA, 0x06FC, W_LETTER, S_OLETTER, true),
    (0x06FD, 0x06FE, W_OTHER, S_OTHER, false),
    (0x06FF, 0x06FF, W_LETTER, S_OLETTER, true),
    (0x0700, 0x0702, W_OTHER, S_STERM, false),
    (0x0703, 0x070E, W_OTHER, S_OTHER, false),
    (0x070F, 0x070F, W_LETTER, UNKNOWN, false),
    (0x0710, 0x0710, W_LETTER, S_OLETTER, true),
    (0x0711, 0x0711, UNKNOWN, UNKNOWN, false),
    (0x0712, 0x072F, W_LETTER, S_OLETTER, true),
    (0x0730, 0x074A, UNKNOWN, UNKNOWN, false),
    (0x074B, 0x074C, W_OTHER, S_OTHER, false),
    (0x074D, 0x07A5, W_LETTER, S_OLETTER, true),
    (0x07A6, 0x07B0, UNKNOWN, UNKNOWN, false),
    (0x07B1, 0x07B1, W_LETTER, S_OLETTER, true),
    (0x07B2, 0x07BF, W_OTHER, S_OTHER, false),
    (0x07C0, 0x07C9, W_NUMERIC, S_NUMERIC, true),
    (0x07CA, 0x07EA, W_LETTER, S_OLETTER, true),
    (0x07EB, 0x07F3, UNKNOWN, UNKNOWN, false),
    (0x07F4, 0x07F5, W_LETTER, S_OLETTER, true),
    (0x07F6, 0x07F7, W_OTHER, S_OTHER, false),
    (0x07F8, 0x07F8, W_MIDNUM, S_SCONTINUE, false),
    (0x07F9, 0x07F9, W_OTHER, S_STERM, false),
    (0x07FA, 0x07FA, W_LETTER, S_OLETTER, true),
    (0x07FB, 0x07FC, W_OTHER, S_OTHER, false),
    (0x07FD, 0x07FD, UNKNOWN, UNKNOWN, false),
    (0x07FE, 0x07FF, W_OTHER, S_OTHER, false),
    (0x0E00, 0x0E00, W_OTHER, S_OTHER, false),
    (0x0E01, 0x0E30, W_OTHER, S_OLETTER, true),
    (0x0E31, 0x0E31, UNKNOWN, UNKNOWN, false),
    (0x0E32, 0x0E33, W_OTHER, S_OLETTER, true),
    (0x0E34, 0x0E3A, UNKNOWN, UNKNOWN, false),
    (0x0E3B, 0x0E3F, W_OTHER, S_OTHER, false),
    (0x0E40, 0x0E46, W_OTHER, S_OLETTER, true),
    (0x0E47, 0x0E4E, UNKNOWN, UNKNOWN, false),
    (0x0E4F, 0x0E4F, W_OTHER, S_OTHER, false),
    (0x0E50, 0x0E59, W_NUMERIC, S_NUMERIC, true),
    (0x0E5A, 0x0E7F, W_OTHER, S_OTHER, false),
    (0x1E00, 0x1E00, W_LETTER, S_UPPER, true),
    (0x1E01, 0x1E01, W_LETTER, S_LOWER, true),
    (0x1E02, 0x1E02, W_LETTER, S_UPPER, true),
    (0x1E03, 0x1E03, W_LETTER, S_LOWER, true),
    (0x1E04, 0x1E04, W_LETTER, S_UPPER, true),
    (0x1E05, 0x1E05, W_LETTER, S_LOWER, true),
    (0x1E06, 0x1E06, W_LETTER, S_UPPER, true),
    (0x1E07, 0x1E07, W_LETTER, S_LOWER, true),
    (0x1E08, 0x1E08, W_LETTER, S_UPPER, true),
    (0x1E09, 0x1E09, W_LETTER, S_LOWER, true),
    (0x1E0A, 0x1E0A, W_LETTER, S_UPPER, true),
    (0x1E0B, 0x1E0B, W_LETTER, S_LOWER, true),
    (0x1E0C, 0x1E0C, W_LETTER, S_UPPER, true),
    (0x1E0D, 0x1E0D, W_LETTER, S_LOWER, true),
    (0x1E0E, 0x1E0E, W_LETTER, S_UPPER, true),
    (0x1E0F, 0x1E0F, W_LETTER, S_LOWER, true),
    (0x1E10, 0x1E10, W_LETTER, S_UPPER, true),
    (0x1E11, 0x1E11, W_LETTER, S_LOWER, true),
    (0x1E12, 0x1E12, W_LETTER, S_UPPER, true),
    (0x1E13, 0x1E13, W_LETTER, S_LOWER, true),
    (0x1E14, 0x1E14, W_LETTER, S_UPPER, true),
    (0x1E15, 0x1E15, W_LETTER, S_LOWER, true),
    (0x1E16, 0x1E16, W_LETTER, S_UPPER, true),
    (0x1E17, 0x1E17, W_LETTER, S_LOWER, true),
    (0x1E18, 0x1E18, W_LETTER, S_UPPER, true),
    (0x1E19, 0x1E19, W_LETTER, S_LOWER, true),
    (0x1E1A, 0x1E1A, W_LETTER, S_UPPER, true),
    (0x1E1B, 0x1E1B, W_LETTER, S_LOWER, true),
    (0x1E1C, 0x1E1C, W_LETTER, S_UPPER, true),
    (0x1E1D, 0x1E1D, W_LETTER, S_LOWER, true),
    (0x1E1E, 0x1E1E, W_LETTER, S_UPPER, true),
    (0x1E1F, 0x1E1F, W_LETTER, S_LOWER, true),
    (0x1E20, 0x1E20, W_LETTER, S_UPPER, true),
    (0x1E21, 0x1E21, W_LETTER, S_LOWER, true),
    (0x1E22, 0x1E22, W_LETTER, S_UPPER, true),
    (0x1E23, 0x1E23, W_LETTER, S_LOWER, true),
    (0x1E24, 0x1E24, W_LETTER, S_UPPER, true),
    (0x1E25, 0x1E25, W_LETTER, S_LOWER, true),
    (0x1E26, 0x1E26, W_LETTER, S_UPPER, true),
    (0x1E27, 0x1E27, W_LETTER, S_LOWER, true),
    (0x1E28, 0x1E28, W_LETTER, S_UPPER, true),
    (0x1E29, 0x1E29, W_LETTER, S_LOWER, true),
    (0x1E2A, 0x1E2A, W_LETTER, S_UPPER, true),
    (0x1E2B, 0x1E2B, W_LETTER, S_LOWER, true),
    (0x1E2C, 0x1E2C, W_LETTER, S_UPPER, true),
    (0x1E2D, 0x1E2D, W_LETTER, S_LOWER, true),
    (0x1E2E, 0x1E2E, W_LETTER, S_UPPER, true),
    (0x1E2F, 0x1E2F, W_LETTER, S_LOWER, true),
    (0x1E30, 0x1E30, W_LETTER, S_UPPER, true),
    (0x1E31, 0x1E31, W_LETTER, S_LOWER, true),
    (0x1E32, 0x1E32, W_LETTER, S_UPPER, true),
    (0x1E33, 0x1E33, W_LETTER, S_LOWER, true),
    (0x1E34, 0x1E34, W_LETTER, S_UPPER, true),
    (0x1E35, 0x1E35, W_LETTER, S_LOWER, true),
    (0x1E36, 0x1E36, W_LETTER, S_UPPER, true),
    (0x1E37, 0x1E37, W_LETTER, S_LOWER, true),
    (0x1E38, 0x1E38, W_LETTER, S_UPPER, true),
    (0x1E39, 0x1E39, W_LETTER, S_LOWER, true),
    (0x1E3A, 0x1E3A, W_LETTER, S_UPPER, true),
    (0x1E3B, 0x1E3B, W_LETTER, S_LOWER, true),
    (0x1E3C, 0x1E3C, W_LETTER, S_UPPER, true),
    (0x1E3D, 0x1E3D, W_LETTER, S_LOWER, true),
    (0x1E3E, 0x1E3E, W_LETTER, S_UPPER, true),
    (0x1E3F, 0x1E3F, W_LETTER, S_LOWER, true),
    (0x1E40, 0x1E40, W_LETTER, S_UPPER, true),
    (0x1E41, 0x1E41, W_LETTER, S_LOWER, true),
    (0x1E42, 0x1E42, W_LETTER, S_UPPER, true),
    (0x1E43, 0x1E43, W_LETTER, S_LOWER, true),
    (0x1E44, 0x1E44, W_LETTER, S_UPPER, true),
    (0x1E45, 0x1E45, W_LETTER, S_LOWER, true),
    (0x1E46, 0x1E46, W_LETTER, S_UPPER, true),
    (0x1E47, 0x1E47, W_LETTER, S_LOWER, true),
    (0x1E48, 0x1E48, W_LETTER, S_UPPER, true),
    (0x1E49, 0x1E49, W_LETTER, S_LOWER, true),
    (0x1E4A, 0x1E4A, W_LETTER, S_UPPER, true),
    (0x1E4B, 0x1E4B, W_LETTER, S_LOWER, true),
    (0x1E4C, 0x1E4C, W_LETTER, S_UPPER, true),
    (0x1E4D, 0x1E4D, W_LETTER, S_LOWER, true),
    (0x1E4E, 0x1E4E, W_LETTER, S_UPPER, true),
    (0x1E4F, 0x1E4F, W_LETTER, S_LOWER, true),
    (0x1E50, 0x1E50, W_LETTER, S_UPPER, true),
    (0x1E51, 0x1E51, W_LETTER, S_LOWER, true),
    (0x1E52, 0x1E52, W_LETTER, S_UPPER, true),
    (0x1E53, 0x1E53, W_LETTER, S_LOWER, true),
    (0x1E54, 0x1E54, W_LETTER, S_UPPER, true),
    (0x1E55, 0x1E55, W_LETTER, S_LOWER, true),
    (0x1E56, 0x1E56, W_LETTER, S_UPPER, true),
    (0x1E57, 0x1E57, W_LETTER, S_LOWER, true),
    (0x1E58, 0x1E58, W_LETTER, S_UPPER, true),
    (0x1E59, 0x1E59, W_LETTER, S_LOWER, true),
    (0x1E5A, 0x1E5A, W_LETTER, S_UPPER, true),
    (0x1E5B, 0x1E5B, W_LETTER, S_LOWER, true),
    (0x1E5C, 0x1E5C, W_LETTER, S_UPPER, true),
    (0x1E5D, 0x1E5D, W_LETTER, S_LOWER, true),
    (0x1E5E, 0x1E5E, W_LETTER, S_UPPER, true),
    (0x1E5F, 0x1E5F, W_LETTER, S_LOWER, true),
    (0x1E60, 0x1E60, W_LETTER, S_UPPER, true),
    (0x1E61, 0x1E61, W_LETTER, S_LOWER, true),
    (0x1E62, 0x1E62, W_LETTER, S_UPPER, true),
    (0x1E63, 0x1E63, W_LETTER, S_LOWER, true),
    (0x1E64, 0x1E64, W_LETTER, S_UPPER, true),
    (0x1E65, 0x1E65, W_LETTER, S_LOWER, true),
    (0x1E66, 0x1E66, W_LETTER, S_UPPER, true),
    (0x1E67, 0x1E67, W_LETTER, S_LOWER, true),
    (0x1E68, 0x1E68, W_LETTER, S_UPPER, true),
    (0x1E69, 0x1E69, W_LETTER, S_LOWER, true),
    (0x1E6A, 0x1E6A, W_LETTER, S_UPPER, true),
    (0x1E6B, 0x1E6B, W_LETTER, S_LOWER, true),
    (0x1E6C, 0x1E6C, W_LETTER, S_UPPER, true),
    (0x1E6D, 0x1E6D, W_LETTER, S_LOWER, true),
    (0x1E6E, 0x1E6E, W_LETTER, S_UPPER, true),
    (0x1E6F, 0x1E6F, W_LETTER, S_LOWER, true),
    (0x1E70, 0x1E70, W_LETTER, S_UPPER, true),
    (0x1E71, 0x1E71, W_LETTER, S_LOWER, true),
    (0x1E72, 0x1E72, W_LETTER, S_UPPER, true),
    (0x1E73, 0x1E73, W_LETTER, S_LOWER, true),
    (0x1E74, 0x1E74, W_LETTER, S_UPPER, true),
    (0x1E75, 0x1E75, W_LETTER, S_LOWER, true),
    (0x1E76, 0x1E76, W_LETTER, S_UPPER, true),
    (0x1E77, 0x1E77, W_LETTER, S_LOWER, true),
    (0x1E78, 0x1E78, W_LETTER, S_UPPER, true),
    (0x1E79, 0x1E79, W_LETTER, S_LOWER, true),
    (0x1E7A, 0x1E7A, W_LETTER, S_UPPER, true),
    (0x1E7B, 0x1E7B, W_LETTER, S_LOWER, true),
    (0x1E7C, 0x1E7C, W_LETTER, S_UPPER, true),
    (0x1E7D, 0x1E7D, W_LETTER, S_LOWER, true),
    (0x1E7E, 0x1E7E, W_LETTER, S_UPPER, true),
    (0x1E7F, 0x1E7F, W_LETTER, S_LOWER, true),
    (0x1E80, 0x1E80, W_LETTER, S_UPPER, true),
    (0x1E81, 0x1E81, W_LETTER, S_LOWER, true),
    (0x1E82, 0x1E82, W_LETTER, S_UPPER, true),
    (0x1E83, 0x1E83, W_LETTER, S_LOWER, true),
    (0x1E84, 0x1E84, W_LETTER, S_UPPER, true),
    (0x1E85, 0x1E85, W_LETTER, S_LOWER, true),
    (0x1E86, 0x1E86, W_LETTER, S_UPPER, true),
    (0x1E87, 0x1E87, W_LETTER, S_LOWER, true),
    (0x1E88, 0x1E88, W_LETTER, S_UPPER, true),
    (0x1E89, 0x1E89, W_LETTER, S_LOWER, true),
    (0x1E8A, 0x1E8A, W_LETTER, S_UPPER, true),
    (0x1E8B, 0x1E8B, W_LETTER, S_LOWER, true),
    (0x1E8C, 0x1E8C, W_LETTER, S_UPPER, true),
    (0x1E8D, 0x1E8D, W_LETTER, S_LOWER, true),
    (0x1E8E, 0x1E8E, W_LETTER, S_UPPER, true),
    (0x1E8F, 0x1E8F, W_LETTER, S_LOWER, true),
    (0x1E90, 0x1E90, W_LETTER, S_UPPER, true),
    (0x1E91, 0x1E91, W_LETTER, S_LOWER, true),
    (0x1E92, 0x1E92, W_LETTER, S_UPPER, true),
    (0x1E93, 0x1E93, W_LETTER, S_LOWER, true),
    (0x1E94, 0x1E94, W_LETTER, S_UPPER, true),
    (0x1E95, 0x1E9D, W_LETTER, S_LOWER, true),
    (0x1E9E, 0x1E9E, W_LETTER, S_UPPER, true),
    (0x1E9F, 0x1E9F, W_LETTER, S_LOWER, true),
    (0x1EA0, 0x1EA0, W_LETTER, S_UPPER, true),
    (0x1EA1, 0x1EA1, W_LETTER, S_LOWER, true),
    (0x1EA2, 0x1EA2, W_LETTER, S_UPPER, true),
    (0x1EA3, 0x1EA3, W_LETTER, S_LOWER, true),
    (0x1EA4, 0x1EA4, W_LETTER, S_UPPER, true),
    (0x1EA5, 0x1EA5, W_LETTER, S_LOWER, true),
    (0x1EA6, 0x1EA6, W_LETTER, S_UPPER, true),
    (0x1EA7, 0x1EA7, W_LETTER, S_LOWER, true),
    (0x1EA8, 0x1EA8, W_LETTER, S_UPPER, true),
    (0x1EA9, 0x1EA9, W_LETTER, S_LOWER, true),
    (0x1EAA, 0x1EAA, W_LETTER, S_UPPER, true),
    (0x1EAB, 0x1EAB, W_LETTER, S_LOWER, true),
    (0x1EAC, 0x1EAC, W_LETTER, S_UPPER, true),
    (0x1EAD, 0x1EAD, W_LETTER, S_LOWER, true),
    (0x1EAE, 0x1EAE, W_LETTER, S_UPPER, true),
    (0x1EAF, 0x1EAF, W_LETTER, S_LOWER, true),
    (0x1EB0, 0x1EB0, W_LETTER, S_UPPER, true),
    (0x1EB1, 0x1EB1, W_LETTER, S_LOWER, true),
    (0x1EB2, 0x1EB2, W_LETTER, S_UPPER, true),
    (0x1EB3, 0x1EB3, W_LETTER, S_LOWER, true),
    (0x1EB4, 0x1EB4, W_LETTER, S_UPPER, true),
    (0x1EB5, 0x1EB5, W_LETTER, S_LOWER, true),
    (0x1EB6, 0x1EB6, W_LETTER, S_UPPER, true),
    (0x1EB7, 0x1EB7, W_LETTER, S_LOWER, true),
    (0x1EB8, 0x1EB8, W_LETTER, S_UPPER, true),
    (0x1EB9, 0x1EB9, W_LETTER, S_LOWER, true),
    (0x1EBA, 0x1EBA, W_LETTER, S_UPPER, true),
    (0x1EBB, 0x1EBB, W_LETTER, S_LOWER, true),
    (0x1EBC, 0x1EBC, W_LETTER, S_UPPER, true),
    (0x1EBD, 0x1EBD, W_LETTER, S_LOWER, true),
    (0x1EBE, 0x1EBE, W_LETTER, S_UPPER, true),
    (0x1EBF, 0x1EBF, W_LETTER, S_LOWER, true),
    (0x1EC0, 0x1EC0, W_LETTER, S_UPPER, true),
    (0x1EC1, 0x1EC1, W_LETTER, S_LOWER, true),
    (0x1EC2, 0x1EC2, W_LETTER, S_UPPER, true),
    (0x1EC3, 0x1EC3, W_LETTER, S_LOWER, true),
    (0x1EC4, 0x1EC4, W_LETTER, S_UPPER, true),
    (0x1EC5, 0x1EC5, W_LETTER, S_LOWER, true),
    (0x1EC6, 0x1EC6, W_LETTER, S_UPPER, true),
    (0x1EC7, 0x1EC7, W_LETTER, S_LOWER, true),
    (0x1EC8, 0x1EC8, W_LETTER, S_UPPER, true),
    (0x1EC9, 0x1EC9, W_LETTER, S_LOWER, true),
    (0x1ECA, 0x1ECA, W_LETTER, S_UPPER, true),
    (0x1ECB, 0x1ECB, W_LETTER, S_LOWER, true),
    (0x1ECC, 0x1ECC, W_LETTER, S_UPPER, true),
    (0x1ECD, 0x1ECD, W_LETTER, S_LOWER, true),
    (0x1ECE, 0x1ECE, W_LETTER, S_UPPER, true),
    (0x1ECF, 0x1ECF, W_LETTER, S_LOWER, true),
    (0x1ED0, 0x1ED0, W_LETTER, S_UPPER, true),
    (0x1ED1, 0x1ED1, W_LETTER, S_LOWER, true),
    (0x1ED2, 0x1ED2, W_LETTER, S_UPPER, true),
    (0x1ED3, 0x1ED3, W_LETTER, S_LOWER, true),
    (0x1ED4, 0x1ED4, W_LETTER, S_UPPER, true),
    (0x1ED5, 0x1ED5, W_LETTER, S_LOWER, true),
    (0x1ED6, 0x1ED6, W_LETTER, S_UPPER, true),
    (0x1ED7, 0x1ED7, W_LETTER, S_LOWER, true),
    (0x1ED8, 0x1ED8, W_LETTER, S_UPPER, true),
    (0x1ED9, 0x1ED9, W_LETTER, S_LOWER, true),
    (0x1EDA, 0x1EDA, W_LETTER, S_UPPER, true),
    (0x1EDB, 0x1EDB, W_LETTER, S_LOWER, true),
    (0x1EDC, 0x1EDC, W_LETTER, S_UPPER, true),
    (0x1EDD, 0x1EDD, W_LETTER, S_LOWER, true),
    (0x1EDE, 0x1EDE, W_LETTER, S_UPPER, true),
    (0x1EDF, 0x1EDF, W_LETTER, S_LOWER, true),
    (0x1EE0, 0x1EE0, W_LETTER, S_UPPER, true),
    (0x1EE1, 0x1EE1, W_LETTER, S_LOWER, true),
    (0x1EE2, 0x1EE2, W_LETTER, S_UPPER, true),
    (0x1EE3, 0x1EE3, W_LETTER, S_LOWER, true),
    (0x1EE4, 0x1EE4, W_LETTER, S_UPPER, true),
    (0x1EE5, 0x1EE5, W_LETTER, S_LOWER, true),
    (0x1EE6, 0x1EE6, W_LETTER, S_UPPER, true),
    (0x1EE7, 0x1EE7, W_LETTER, S_LOWER, true),
    (0x1EE8, 0x1EE8, W_LETTER, S_UPPER, true),
    (0x1EE9, 0x1EE9, W_LETTER, S_LOWER, true),
    (0x1EEA, 0x1EEA, W_LETTER, S_UPPER, true),
    (0x1EEB, 0x1EEB, W_LETTER, S_LOWER, true),
    (0x1EEC, 0x1EEC, W_LETTER, S_UPPER, true),
    (0x1EED, 0x1EED, W_LETTER, S_LOWER, true),
    (0x1EEE, 0x1EEE, W_LETTER, S_UPPER, true),
    (0x1EEF, 0x1EEF, W_LETTER, S_LOWER, true),
    (0x1EF0, 0x1EF0, W_LETTER, S_UPPER, true),
    (0x1EF1, 0x1EF1, W_LETTER, S_LOWER, true),
    (0x1EF2, 0x1EF2, W_LETTER, S_UPPER, true),
    (0x1EF3, 0x1EF3, W_LETTER, S_LOWER, true),
    (0x1EF4, 0x1EF4, W_LETTER, S_UPPER, true),
    (0x1EF5, 0x1EF5, W_LETTER, S_LOWER, true),
    (0x1EF6, 0x1EF6, W_LETTER, S_UPPER, true),
    (0x1EF7, 0x1EF7, W_LETTER, S_LOWER, true),
    (0x1EF8, 0x1EF8, W_LETTER, S_UPPER, true),
    (0x1EF9, 0x1EF9, W_LETTER, S_LOWER, true),
    (0x1EFA, 0x1EFA, W_LETTER, S_UPPER, true),
    (0x1EFB, 0x1EFB, W_LETTER, S_LOWER, true),
    (0x1EFC, 0x1EFC, W_LETTER, S_UPPER, true),
    (0x1EFD, 0x1EFD, W_LETTER, S_LOWER, true),
    (0x1EFE, 0x1EFE, W_LETTER, S_UPPER, true),
    (0x1EFF, 0x1F07, W_LETTER, S_LOWER, true),
    (0x1F08, 0x1F0F, W_LETTER, S_UPPER, true),
    (0x1F10, 0x1F15, W_LETTER, S_LOWER, true),
    (0x1F16, 0x1F17, W_OTHER, S_OTHER, false),
    (0x1F18, 0x1F1D, W_LETTER, S_UPPER, true),
    (0x1F1E, 0x1F1F, W_OTHER, S_OTHER, false),
    (0x1F20, 0x1F27, W_LETTER, S_LOWER, true),
    (0x1F28, 0x1F2F, W_LETTER, S_UPPER, true),
    (0x1F30, 0x1F37, W_LETTER, S_LOWER, true),
    (0x1F38, 0x1F3F, W_LETTER, S_UPPER, true),
    (0x1F40, 0x1F45, W_LETTER, S_LOWER, true),
    (0x1F46, 0x1F47, W_OTHER, S_OTHER, false),
    (0x1F48, 0x1F4D, W_LETTER, S_UPPER, true),
    (0x1F4E, 0x1F4F, W_OTHER, S_OTHER, false),
    (0x1F50, 0x1F57, W_LETTER, S_LOWER, true),
    (0x1F58, 0x1F58, W_OTHER, S_OTHER, false),
    (0x1F59, 0x1F59, W_LETTER, S_UPPER, true),
    (0x1F5A, 0x1F5A, W_OTHER, S_OTHER, false),
    (0x1F5B, 0x1F5B, W_LETTER, S_UPPER, true),
    (0x1F5C, 0x1F5C, W_OTHER, S_OTHER, false),
    (0x1F5D, 0x1F5D, W_LETTER, S_UPPER, true),
    (0x1F5E, 0x1F5E, W_OTHER, S_OTHER, false),
    (0x1F5F, 0x1F5F, W_LETTER, S_UPPER, true),
    (0x1F60, 0x1F67, W_LETTER, S_LOWER, true),
    (0x1F68, 0x1F6F, W_LETTER, S_UPPER, true),
    (0x1F70, 0x1F7D, W_LETTER, S_LOWER, true),
    (0x1F7E, 0x1F7F, W_OTHER, S_OTHER, false),
    (0x1F80, 0x1F87, W_LETTER, S_LOWER, true),
    (0x1F88, 0x1F8F, W_LETTER, S_UPPER, true),
    (0x1F90, 0x1F97, W_LETTER, S_LOWER, true),
    (0x1F98, 0x1F9F, W_LETTER, S_UPPER, true),
    (0x1FA0, 0x1FA7, W_LETTER, S_LOWER, true),
    (0x1FA8, 0x1FAF, W_LETTER, S_UPPER, true),
    (0x1FB0, 0x1FB4, W_LETTER, S_LOWER, true),
    (0x1FB5, 0x1FB5, W_OTHER, S_OTHER, false),
    (0x1FB6, 0x1FB7, W_LETTER, S_LOWER, true),
    (0x1FB8, 0x1FBC, W_LETTER, S_UPPER, true),
    (0x1FBD, 0x1FBD, W_OTHER, S_OTHER, false),
    (0x1FBE, 0x1FBE, W_LETTER, S_LOWER, true),
    (0x1FBF, 0x1FC1, W_OTHER, S_OTHER, false),
    (0x1FC2, 0x1FC4, W_LETTER, S_LOWER, true),
    (0x1FC5, 0x1FC5, W_OTHER, S_OTHER, false),
    (0x1FC6, 0x1FC7, W_LETTER, S_LOWER, true),
    (0x1FC8, 0x1FCC, W_LETTER, S_UPPER, true),
    (0x1FCD, 0x1FCF, W_OTHER, S_OTHER, false),
    (0x1FD0, 0x1FD3, W_LETTER, S_LOWER, true),
    (0x1FD4, 0x1FD5, W_OTHER, S_OTHER, false),
    (0x1FD6, 0x1FD7, W_LETTER, S_LOWER, true),
    (0x1FD8, 0x1FDB, W_LETTER, S_UPPER, true),
    (0x1FDC, 0x1FDF, W_OTHER, S_OTHER, false),
    (0x1FE0, 0x1FE7, W_LETTER, S_LOWER, true),
    (0x1FE8, 0x1FEC, W_LETTER, S_UPPER, true),
    (0x1FED, 0x1FF1, W_OTHER, S_OTHER, false),
    (0x1FF2, 0x1FF4, W_LETTER, S_LOWER, true),
    (0x1FF5, 0x1FF5, W_OTHER, S_OTHER, false),
    (0x1FF6, 0x1FF7, W_LETTER, S_LOWER, true),
    (0x1FF8, 0x1FFC, W_LETTER, S_UPPER, true),
    (0x1FFD, 0x1FFF, W_OTHER, S_OTHER, false),
    (0x2000, 0x2006, W_SPACE, S_SP, false),
    (0x2007, 0x2007, W_OTHER, S_SP, false),
    (0x2008, 0x200A, W_SPACE, S_SP, false),
    (0x200B, 0x200B, W_OTHER, UNKNOWN, false),
    (0x200C, 0x200F, UNKNOWN, UNKNOWN, false),
    (0x2010, 0x2012, W_OTHER, S_OTHER, false),
    (0x2013, 0x2014, W_OTHER, S_SCONTINUE, false),
    (0x2015, 0x2017, W_OTHER, S_OTHER, false),
    (0x2018, 0x2019, W_MIDNUMLET, S_CLOSE, false),
    (0x201A, 0x201F, W_OTHER, S_CLOSE, false),
    (0x2020, 0x2023, W_OTHER, S_OTHER, false),
    (0x2024, 0x2024, W_MIDNUMLET, S_ATERM, false),
    (0x2025, 0x2026, W_OTHER, S_OTHER, false),
    (0x2027, 0x2027, W_MIDLETTER, S_OTHER, false),
    (0x2028, 0x2029, W_NEWLINE, S_SEP, false),
    (0x202A, 0x202E, UNKNOWN, UNKNOWN, false),
    (0x202F, 0x202F, W_EXTNUMLET, S_SP, false),
    (0x2030, 0x2038, W_OTHER, S_OTHER, false),
    (0x2039, 0x203A, W_OTHER, S_CLOSE, false),
    (0x203B, 0x203B, W_OTHER, S_OTHER, false),
    (0x203C, 0x203D, W_OTHER, S_STERM, false),
    (0x203E, 0x203E, W_OTHER, S_OTHER, false),
    (0x203F, 0x2040, W_EXTNUMLET, S_OTHER, false),
    (0x2041, 0x2043, W_OTHER, S_OTHER, false),
    (0x2044, 0x2044, W_MIDNUM, S_OTHER, false),
    (0x2045, 0x2046, W_OTHER, S_CLOSE, false),
    (0x2047, 0x2049, W_OTHER, S_STERM, false),
    (0x204A, 0x2053, W_OTHER, S_OTHER, false),
    (0x2054, 0x2054, W_EXTNUMLET, S_OTHER, false),
    (0x2055, 0x205E, W_OTHER, S_OTHER, false),
    (0x205F, 0x205F, W_SPACE, S_SP, false),
    (0x2060, 0x2064, UNKNOWN, UNKNOWN, false),
    (0x2065, 0x2065, W_OTHER, S_OTHER, false),
    (0x2066, 0x206F, UNKNOWN, UNKNOWN, false),
    (0x2070, 0x2070, W_OTHER, S_OTHER, true),
    (0x2071, 0x2071, W_LETTER, S_LOWER, true),
    (0x2072, 0x2073, W_OTHER, S_OTHER, false),
    (0x2074, 0x2079, W_OTHER, S_OTHER, true),
    (0x207A, 0x207C, W_OTHER, S_OTHER, false),
    (0x207D, 0x207E, W_OTHER, S_CLOSE, false),
    (0x207F, 0x207F, W_LETTER, S_LOWER, true),
    (0x2080, 0x2089, W_OTHER, S_OTHER, true),
    (0x208A, 0x208C, W_OTHER, S_OTHER, false),
    (0x208D, 0x208E, W_OTHER, S_CLOSE, false),
    (0x208F, 0x208F, W_OTHER, S_OTHER, false),
    (0x2090, 0x209C, W_LETTER, S_LOWER, true),
    (0x209D, 0x20CF, W_OTHER, S_OTHER, false),
    (0x20D0, 0x20F0, UNKNOWN, UNKNOWN, false),
    (0x20F1, 0x2101, W_OTHER, S_OTHER, false),
    (0x2102, 0x2102, W_LETTER, S_UPPER, true),
    (0x2103, 0x2106, W_OTHER, S_OTHER, false),
    (0x2107, 0x2107, W_LETTER, S_UPPER, true),
    (0x2108, 0x2109, W_OTHER, S_OTHER, false),
    (0x210A, 0x210A, W_LETTER, S_LOWER, true),
    (0x210B, 0x210D, W_LETTER, S_UPPER, true),
    (0x210E, 0x210F, W_LETTER, S_LOWER, true),
    (0x2110, 0x2112, W_LETTER, S_UPPER, true),
    (0x2113, 0x2113, W_LETTER, S_LOWER, true),
    (0x2114, 0x2114, W_OTHER, S_OTHER, false),
    (0x2115, 0x2115, W_LETTER, S_UPPER, true),
    (0x2116, 0x2118, W_OTHER, S_OTHER, false),
    (0x2119, 0x211D, W_LETTER, S_UPPER, true),
    (0x211E, 0x2123, W_OTHER, S_OTHER, false),
    (0x2124, 0x2124, W_LETTER, S_UPPER, true),
    (0x2125, 0x2125, W_OTHER, S_OTHER, false),
    (0x2126, 0x2126, W_LETTER, S_UPPER, true),
    (0x2127, 0x2127, W_OTHER, S_OTHER, false),
    (0x2128, 0x2128, W_LETTER, S_UPPER, true),
    (0x2129, 0x2129, W_OTHER, S_OTHER, false),
    (0x212A, 0x212D, W_LETTER, S_UPPER, true),
    (0x212E, 0x212E, W_OTHER, S_OTHER, false),
    (0x212F, 0x212F, W_LETTER, S_LOWER, true),
    (0x2130, 0x2133, W_LETTER, S_UPPER, true),
    (0x2134, 0x2134, W_LETTER, S_LOWER, true),
    (0x2135, 0x2138, W_LETTER, S_OLETTER, true),
    (0x2139, 0x2139, W_LETTER, S_LOWER, true),
    (0x213A, 0x213B, W_OTHER, S_OTHER, false),
    (0x213C, 0x213D, W_LETTER, S_LOWER, true),
    (0x213E, 0x213F, W_LETTER, S_UPPER, true),
    (0x2140, 0x2144, W_OTHER, S_OTHER, false),
    (0x2145, 0x2145, W_LETTER, S_UPPER, true),
    (0x2146, 0x2149, W_LETTER, S_LOWER, true),
    (0x214A, 0x214D, W_OTHER, S_OTHER, false),
    (0x214E, 0x214E, W_LETTER, S_LOWER, true),
    (0x214F, 0x214F, W_OTHER, S_OTHER, false),
    (0x2150, 0x215F, W_OTHER, S_OTHER, true),
    (0x2160, 0x216F, W_LETTER, S_UPPER, true),
    (0x2170, 0x217F, W_LETTER, S_LOWER, true),
    (0x2180, 0x2182, W_LETTER, S_OLETTER, true),
    (0x2183, 0x2183, W_LETTER, S_UPPER, true),
    (0x2184, 0x2184, W_LETTER, S_LOWER, true),
    (0x2185, 0x2188, W_LETTER, S_OLETTER, true),
    (0x2189, 0x2189, W_OTHER, S_OTHER, true),
    (0x218A, 0x2307, W_OTHER, S_OTHER, false),
    (0x2308, 0x230B, W_OTHER, S_CLOSE, false),
    (0x230C, 0x2328, W_OTHER, S_OTHER, false),
    (0x2329, 0x232A, W_OTHER, S_CLOSE, false),
    (0x232B, 0x245F, W_OTHER, S_OTHER, false),
    (0x2460, 0x249B, W_OTHER, S_OTHER, true),
    (0x249C, 0x24B5, W_OTHER, S_OTHER, false),
    (0x24B6, 0x24CF, W_LETTER, S_UPPER, true),
    (0x24D0, 0x24E9, W_LETTER, S_LOWER, true),
    (0x24EA, 0x24FF, W_OTHER, S_OTHER, true),
    (0x2500, 0x275A, W_OTHER, S_OTHER, false),
    (0x275B, 0x2760, W_OTHER, S_CLOSE, false),
    (0x2761, 0x2767, W_OTHER, S_OTHER, false),
    (0x2768, 0x2775, W_OTHER, S_CLOSE, false),
    (0x2776, 0x2793, W_OTHER, S_OTHER, true),
    (0x2794, 0x27C4, W_OTHER, S_OTHER, false),
    (0x27C5, 0x27C6, W_OTHER, S_CLOSE, false),
    (0x27C7, 0x27E5, W_OTHER, S_OTHER, false),
    (0x27E6, 0x27EF, W_OTHER, S_CLOSE, false),
    (0x27F0, 0x27FF, W_OTHER, S_OTHER, false),
];

/// The classes of each code point of `base..base + N` (see `classes`).
const fn table<const N: usize>(base: u32) -> [u16; N] {
    let mut t = [0u16; N];
    let mut r = 0;
    while r < RANGES.len() {
        let (a, b, w, s, alphanumeric) = RANGES[r];
        let mut c = a;
        while c <= b {
            if c >= base && c < base + N as u32 && w != UNKNOWN && s != UNKNOWN {
                t[(c - base) as usize] = classes_of(w, s, alphanumeric);
            }
            c += 1;
        }
        r += 1;
    }
    t
}

/// Characters of one or two bytes in UTF-8: Latin, Greek, Cyrillic, Armenian, Arabic… (the
/// charsets' man pages list them, one line each).
static TWO_BYTES: [u16; 0x800] = table::<0x800>(0);
static THAI: [u16; 0x80] = table::<0x80>(0xE00);
/// Latin Extended Additional, Greek Extended, general punctuation, currency signs, letterlike
/// signs (« ™ »), arrows, mathematical and technical signs, box drawing, brackets ⟨ ⟩.
static SIGNS: [u16; 0xA00] = table::<0xA00>(0x1E00);

/// The word class (high nibble of the low byte), the sentence class (low nibble) and
/// whether the character is alphanumeric (bit 8) of a character of `RANGES`.
const fn classes_of(w: u8, s: u8, alphanumeric: bool) -> u16 {
    (alphanumeric as u16) << 8 | ((w << 4) | s) as u16
}

/// The classes of a character (`classes_of`); 0 when not on the fast path.
#[inline]
fn classes(c: u32) -> u16 {
    if c < 0x800 {
        TWO_BYTES[c as usize]
    } else if (0x1E00..0x2800).contains(&c) {
        SIGNS[(c - 0x1E00) as usize]
    } else if (0xE00..0xE80).contains(&c) {
        THAI[(c - 0xE00) as usize]
    } else {
        0
    }
}

/// The class of a continuation byte of UTF-8, in both nibbles: no class of its own, it
/// belongs to the character before it.
const CONT: u8 = 0xFF;

/// The letters of Latin-1 (U+00C0 to U+00FF but « × » and « ÷ ») and « Œ », « œ », that
/// have codes of their own (see `codes`): whether each is a capital, None for any other
/// character. (`counts_are_those_of_the_characters` checks them against Unicode's.)
const fn latin_letter(c: u32) -> Option<bool> {
    match c {
        0xD7 | 0xF7 => None,
        0xC0..0xDF | 0x152 => Some(true),
        0xDF..0x100 | 0x153 => Some(false),
        _ => None,
    }
}

/// The first character of `LETTER_CODE`.
const LETTER_BASE: u32 = 0xC0;

/// The code that `load` gives each byte of a line stands for the byte's classes
/// (`CLASSES`, `ALPHANUMERIC`): an ASCII byte is its own code (the line is copied as it
/// is), the first byte of a longer character gets the code of the character's classes
/// (from 0x80 up, one per triple of classes met beyond ASCII), a continuation byte `CONT`.
/// The letters of `latin_letter` (nearly every accented letter of French) have codes of
/// their own (`LETTER_CODE`), with their classes, so that the splitter adds up their
/// counts for the tokeniser as it does those of ASCII (`CODE_COUNTS`).
#[allow(clippy::type_complexity)]
const fn codes() -> ([u8; 256], [bool; 256], [u8; 512], [u8; 0xC0], [u64; 256]) {
    // (code → word and sentence classes, code → alphanumeric, classes → code of a longer
    // character)
    let (mut classes, mut alphanumeric, mut code_of) = ([0u8; 256], [false; 256], [0u8; 512]);
    let mut b = 0;
    while b < 0x80 {
        classes[b] = TWO_BYTES[b] as u8;
        alphanumeric[b] = TWO_BYTES[b] >> 8 != 0;
        b += 1;
    }
    // (Each byte of a longer character counts `BEYOND_ASCII`, and the first byte of any
    // but the letters of `latin_letter` `NOT_COUNTED`, as in `BYTE_COUNTS`.)
    let (mut letter_code, mut counts) = ([0u8; 0xC0], [BEYOND_ASCII; 256]);
    let mut b = 0;
    while b < 0x80 {
        counts[b] = BYTE_COUNTS[b];
        b += 1;
    }
    let mut next = 0x80;
    let mut r = 0;
    while r < RANGES.len() {
        let (_, last, w, s, a) = RANGES[r];
        let c = classes_of(w, s, a) as usize;
        if last >= 0x80 && w != UNKNOWN && s != UNKNOWN && code_of[c] == 0 {
            assert!(next < CONT as usize, "more codes than bytes");
            code_of[c] = next as u8;
            classes[next] = c as u8;
            alphanumeric[next] = a;
            counts[next] = BEYOND_ASCII | NOT_COUNTED;
            next += 1;
        }
        r += 1;
    }
    let mut c = LETTER_BASE;
    while c < LETTER_BASE + 0xC0 {
        if let Some(capital) = latin_letter(c) {
            assert!(next < CONT as usize, "more codes than bytes");
            letter_code[(c - LETTER_BASE) as usize] = next as u8;
            classes[next] = TWO_BYTES[c as usize] as u8;
            alphanumeric[next] = TWO_BYTES[c as usize] >> 8 != 0;
            // A letter, a capital, changed by lower case (as `tokens::LatinChar::counts`).
            let capital = capital as u64;
            counts[next] = BEYOND_ASCII | 1 | capital << 8 | capital << 16;
            next += 1;
        }
        c += 1;
    }
    classes[CONT as usize] = CONT;
    (classes, alphanumeric, code_of, letter_code, counts)
}

/// The word and sentence classes of each code (see `codes`).
static CLASSES: [u8; 256] = codes().0;

/// The codes of the characters that are alphanumeric (`char::is_alphanumeric`): a word
/// segment that starts with one is a word for the tokeniser (see `Sink::GAPS`).
static ALPHANUMERIC: [bool; 256] = codes().1;

/// The code of the classes of a character beyond ASCII (see `codes`).
static CODE_OF_CLASSES: [u8; 512] = codes().2;

/// The code of each letter of `latin_letter`, from `LETTER_BASE` (0 for other characters).
static LETTER_CODE: [u8; 0xC0] = codes().3;

/// What each code adds to the counts of a run of letters (see `Sink::word`): the
/// `BYTE_COUNTS` of an ASCII byte, those of a letter of `latin_letter`, `BEYOND_ASCII` for
/// a continuation byte, and `NOT_COUNTED` too for the first byte of any other character.
pub(super) static CODE_COUNTS: [u64; 256] = codes().4;

/// The code of each character of two bytes in UTF-8 (U+0080 to U+07FF; the first 0x80 are
/// left 0), as `code_of` gives it: one look-up for « é », where `code_of` looked up
/// `LETTER_CODE`, tested it and fell back to `CODE_OF_CLASSES` on a branch of its own.
static TWO_BYTE_CODE: [u8; 0x800] = {
    let mut t = [0u8; 0x800];
    let mut c = 0x80;
    while c < 0x800 {
        let letter = if c >= LETTER_BASE as usize && c < LETTER_BASE as usize + 0xC0 {
            LETTER_CODE[c - LETTER_BASE as usize]
        } else {
            0
        };
        t[c] = if letter != 0 {
            letter
        } else {
            CODE_OF_CLASSES[TWO_BYTES[c] as usize]
        };
        c += 1;
    }
    t
};

/// The code of a character beyond ASCII on the fast path (0 for another): its own for a
/// letter of `latin_letter`, else that of its classes. (`TWO_BYTE_CODE` holds those of
/// two bytes.)
#[cfg(test)]
fn code_of(c: u32) -> u8 {
    match LETTER_CODE.get(c.wrapping_sub(LETTER_BASE) as usize) {
        Some(&code) if code != 0 => code,
        _ => CODE_OF_CLASSES[classes(c) as usize],
    }
}

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

/// The codes that start a run of letters, digits and connectors (`RUN` without the
/// continuation bytes).
static STARTS_RUN: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = matches!(CLASSES[c] >> 4, W_LETTER | W_NUMERIC | W_EXTNUMLET);
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
/// none, or its sentences are not asked for.) The codes are in `cls`, or are the line
/// itself when it is ASCII (two lines in three of the man pages), not copied.
fn load<'a>(line: &'a str, no_cr: bool, cls: &'a mut Vec<u8>) -> Option<(&'a [u8], bool)> {
    let bytes = line.as_bytes();
    let mut plain = no_cr || memchr::memchr(b'\r', bytes).is_none();
    // ASCII bytes are their own codes.
    let mut i = ascii_end(bytes, 0);
    if i == bytes.len() {
        return Some((bytes, plain));
    }
    cls.clear();
    cls.extend_from_slice(bytes);
    while let Some(&b) = bytes.get(i) {
        // The first byte of a longer character (the line is valid UTF-8, so a
        // continuation byte is only met after one): decoded in place, its continuation
        // bytes marked. The fast path holds no character of four bytes.
        let cont = |k: usize| u32::from(bytes[i + k] & 0x3F);
        let (code, len) = match b {
            0xC0..0xE0 => (
                TWO_BYTE_CODE[(usize::from(b & 0x1F) << 6) | cont(1) as usize],
                2,
            ),
            0xE0..0xF0 => (
                CODE_OF_CLASSES
                    [classes((u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2)) as usize],
                3,
            ),
            _ => (0, 4),
        };
        if code == 0 {
            return None;
        }
        plain &= !DECISIVE[code as usize];
        cls[i] = code;
        // (Two or three bytes: written one by one, where `fill` called memset.)
        cls[i + 1] = CONT;
        if len == 3 {
            cls[i + 2] = CONT;
        }
        // (Then the ASCII bytes up to the next longer character.)
        i = ascii_end(bytes, i + len);
    }
    Some((cls, plain))
}

/// The index of the first byte beyond ASCII of `bytes` from `i` on (`bytes.len()` when
/// there is none), read eight bytes at a time (most of a line). The last bytes, fewer than
/// eight, are read in the line's last eight bytes, those before `i` shifted out, and a
/// mark put past the end: no loop over them, whose exit (after 0 to 7 bytes, called once
/// per character beyond ASCII) was mispredicted.
#[inline]
fn ascii_end(bytes: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let n = bytes.len();
    while i + 8 <= n {
        let high = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes")) & HIGH;
        if high != 0 {
            // (Little-endian: the first bytes are the low ones.)
            return i + high.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    let left = n - i;
    if left == 0 {
        return n;
    }
    if n < 8 {
        return i + bytes[i..].iter().take_while(|b| b.is_ascii()).count();
    }
    // (`left` is 1 to 7: the shifts stay below 64 bits.)
    let last = u64::from_le_bytes(bytes[n - 8..].try_into().expect("eight bytes")) & HIGH;
    let high = (last >> (8 * (8 - left))) | 0x80 << (8 * left);
    i + high.trailing_zeros() as usize / 8
}

/// Calls `f` on each line of `text` (each with its line feed), with its offset.
fn for_lines(text: &str, mut f: impl FnMut(usize, &str)) {
    let line_feed = LineFeed::new();
    let mut start = 0;
    while start < text.len() {
        let end = line_feed
            .find(&text.as_bytes()[start..])
            .map_or(text.len(), |i| start + i + 1);
        f(start, &text[start..end]);
        start = end;
    }
}

/// A search for the line feed. On x86-64, memchr's SSE2 searcher, called in place:
/// `memchr::memchr` chose its AVX2 routine through a pointer at each call and called it
/// out of line, about 100 instructions a line (46,000 lines on the PO text) for lines of
/// 60 bytes.
struct LineFeed {
    #[cfg(target_arch = "x86_64")]
    sse2: Option<memchr::arch::x86_64::sse2::memchr::One>,
}

impl LineFeed {
    fn new() -> LineFeed {
        LineFeed {
            #[cfg(target_arch = "x86_64")]
            sse2: memchr::arch::x86_64::sse2::memchr::One::new(b'\n'),
        }
    }

    /// The index of the first line feed of `bytes`, as `memchr::memchr`.
    #[inline(always)]
    fn find(&self, bytes: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(one) = &self.sse2 {
            return one.find(bytes);
        }
        memchr::memchr(b'\n', bytes)
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
    /// Every word segment is given. When false, only those whose first character is
    /// alphanumeric (`char::is_alphanumeric`): the tokeniser makes no token of the others.
    /// On the fast path the splitter knows them from the arm that cuts them (white space,
    /// line breaks) or from the code of their first character (`ALPHANUMERIC`), where the
    /// tokeniser read each segment's first byte again and looked up the first character
    /// of those beyond ASCII (« ─ », « » », « ’ », « é »…: 47,899 look-ups on the man
    /// pages).
    const GAPS: bool;
    /// A word segment `[start, end)` of the text, with the sum of the `CODE_COUNTS` of its
    /// codes when it is a run of letters, digits and connectors cut on the fast path (added
    /// up on the way, so that the words need not be read again for them), None otherwise.
    fn word(&mut self, _start: usize, _end: usize, _counts: Option<u64>) {}
    /// A sentence segment `[start, end)` of the text.
    fn sentence(&mut self, _start: usize, _end: usize) {}
    /// A sentence segment `[start, end)` that holds no full stop, `!` or `?` (a whole
    /// plain line without a terminator): `sentence` unless the sink has a cheaper way.
    fn plain_sentence(&mut self, start: usize, end: usize) {
        self.sentence(start, end);
    }
    /// A line `[start, end)` of the text, with its line feed, given before the segments
    /// within it (when `SENTENCES`).
    fn line(&mut self, _start: usize, _end: usize) {}
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
    // The next terminator of the text for the plain lines (see `Terminators`).
    let mut terminators = Terminators::new(if S::SENTENCES { text.as_bytes() } else { b"" });
    for_lines(text, |base, line| {
        if S::SENTENCES {
            sink.line(base, base + line.len());
        }
        if let Some((codes, plain)) = load(line, no_cr, &mut cls) {
            if S::WORDS {
                line_words(codes, base, sink);
            }
            if S::SENTENCES {
                line_sentences(codes, plain, base, &mut terminators, sink);
            }
        } else {
            if S::WORDS {
                for (i, w) in line.split_word_bound_indices() {
                    if S::GAPS || w.chars().next().is_some_and(char::is_alphanumeric) {
                        sink.word(base + i, base + i + w.len(), None);
                    }
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

/// The next full stop, `!` or `?` of a text from an offset on, found by one search over
/// the text that goes on past the line, kept until the lines pass it: most lines hold
/// none (on the PO text, 37,000 lines of 46,000), where a search within each line was a
/// call of `memchr3` per line (51,000 on the PO text) for one per terminator. The
/// offsets only grow, so no byte is searched twice. (A terminator is an ASCII byte: the
/// same in the text as in a line's codes, and no byte of a longer character.)
struct Terminators<'a> {
    text: &'a [u8],
    /// The first terminator at or after the offset of the last search (`text.len()` when
    /// there is none).
    next: usize,
}

impl<'a> Terminators<'a> {
    fn new(text: &'a [u8]) -> Terminators<'a> {
        Terminators {
            text,
            next: Self::search(text, 0),
        }
    }

    fn search(text: &[u8], from: usize) -> usize {
        memchr::memchr3(b'.', b'!', b'?', &text[from..]).map_or(text.len(), |j| from + j)
    }

    /// The offset of the first terminator at or after `from`, or `text.len()` (`from` at
    /// or after the offset asked for before).
    #[inline(always)]
    fn from(&mut self, from: usize) -> usize {
        if self.next < from {
            self.next = Self::search(self.text, from);
        }
        self.next
    }
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
/// per segment (but those whose first character is not alphanumeric when not
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
                let mut start = start;
                loop {
                    let mut counts = 0;
                    loop {
                        // Letters, digits and connectors run on (WB5, WB8 to WB10, WB13a,
                        // WB13b), with their continuation bytes. (An ASCII byte is its own code
                        // and any other code is above 0x7F, as any other byte: the counts of
                        // the codes are those of the bytes.)
                        counts += CODE_COUNTS[cls[i] as usize];
                        i += 1;
                        while i < n && RUN[cls[i] as usize] {
                            counts += CODE_COUNTS[cls[i] as usize];
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
                            (W_LETTER, W_MIDLETTER | W_MIDNUMLET)
                                | (W_NUMERIC, W_MIDNUM | W_MIDNUMLET)
                        );
                        if !(middle && j < n && word(j) == state) {
                            break;
                        }
                        counts += cls[i..j]
                            .iter()
                            .map(|&c| CODE_COUNTS[c as usize])
                            .sum::<u64>();
                        i = j;
                    }
                    // (« _ » and a few letters and digits beyond ASCII, such as « ˂ » or
                    // « ٫ », are not alphanumeric.)
                    if S::GAPS || ALPHANUMERIC[cls[start] as usize] {
                        sink.word(base + start, base + i, Some(counts));
                    }
                    // A single space, then a letter or a digit (most ends of words in prose):
                    // the next run is cut at once, without the match on the class of the space
                    // nor its own loop (WB3d) and the match on the class of the letter. (Without
                    // gaps only: the space's segment is not given.)
                    if !S::GAPS && i + 1 < n && cls[i] == b' ' && STARTS_RUN[cls[i + 1] as usize] {
                        i += 1;
                        start = i;
                        continue;
                    }
                    break;
                }
                continue;
            }
            // LF, Newline and everything else stand alone: signs, and a few alphanumeric
            // characters beyond ASCII (« ² », Thai letters).
            _ => {
                let code = cls[start];
                // (An ASCII character is followed by no continuation byte.)
                i = if code < 0x80 { i + 1 } else { next(cls, i) };
                if !S::GAPS && !ALPHANUMERIC[code as usize] {
                    continue;
                }
            }
        }
        sink.word(base + start, base + i, None);
    }
}

/// One part of the sentence state: the classes of the last characters, runs of Close and
/// of Sp collapsed (the same state as the crate's).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Part(u8);

impl Part {
    const SOT: Part = Part(0);
    const OTHER: Part = Part(1);
    const CR: Part = Part(2);
    const LF: Part = Part(3);
    const SEP: Part = Part(4);
    const ATERM: Part = Part(5);
    const UPPER_LOWER: Part = Part(6);
    const CLOSE_PLUS: Part = Part(7);
    const SP_PLUS: Part = Part(8);
    const STERM: Part = Part(9);
}

/// The sentence state: its last four parts, the last in the high byte, kept in one
/// integer. (As an array of four parts, the state set after a jump was stored a byte at a
/// time and read back whole by `is_quiet`: a failed store forward, about 2.6 % of the
/// splitter's samples on the man pages.)
#[derive(Clone, Copy, PartialEq, Eq)]
struct Parts(u32);

impl Parts {
    /// Four starts (`Part::SOT` is 0).
    const START: Parts = Parts(0);

    /// Part `i` (0 the oldest, 3 the last).
    #[inline(always)]
    fn at(self, i: usize) -> Part {
        Part((self.0 >> (8 * i)) as u8)
    }

    /// The state with `part` after the last three parts of this one.
    #[inline(always)]
    fn then(self, part: Part) -> Parts {
        Parts(self.0 >> 8 | u32::from(part.0) << 24)
    }

    /// Two starts, then `before` and `last`.
    #[inline(always)]
    fn after_starts(before: Part, last: Part) -> Parts {
        Parts(u32::from(before.0) << 16 | u32::from(last.0) << 24)
    }
}

fn part_of(c: u8) -> Part {
    match c {
        S_CR => Part::CR,
        S_LF => Part::LF,
        S_SEP => Part::SEP,
        S_ATERM => Part::ATERM,
        S_UPPER | S_LOWER => Part::UPPER_LOWER,
        S_CLOSE => Part::CLOSE_PLUS,
        S_SP => Part::SP_PLUS,
        S_STERM => Part::STERM,
        _ => Part::OTHER,
    }
}

fn is_saterm(p: Part) -> bool {
    matches!(p, Part::ATERM | Part::STERM)
}

/// True when no boundary can fall before any character up to the next terminator or
/// separator, nor before that one, after the state `p`: its last part is not a start (SB1)
/// nor a separator (SB4), and no terminator comes before its last runs of Sp and of Close
/// (SB6 to SB11 all need one there). A character that is neither a terminator nor a
/// separator keeps this true: a Sp or a Close puts its run after the same parts, any other
/// part ends them. (The machine jumped only when no terminator nor separator was among the
/// last four parts: it stepped through four characters after every full stop.)
fn is_quiet(p: Parts) -> bool {
    !matches!(p.at(3), Part::SOT | Part::SEP | Part::CR | Part::LF)
        && !is_saterm(p.at(before_close_sp(p)))
}

/// The sentence class of the byte at `i` (`CONT` gives 0xF, no class).
#[inline]
fn sentence(cls: &[u8], i: usize) -> u8 {
    class(cls, i) & 0xF
}

/// Index of the part before `Sp*` and `Close*` (SB8, SB8a, SB10).
fn before_close_sp(p: Parts) -> usize {
    let mut i = if p.at(3) == Part::SP_PLUS { 2 } else { 3 };
    if p.at(i) == Part::CLOSE_PLUS {
        i -= 1;
    }
    i
}

/// Sentence boundaries of one line already loaded, at `base` in the text: calls
/// `sink.sentence` per segment.
// The branches follow the rules of UAX #29 one by one (SB1…SB11), as the standard numbers
// them, even where two give the same answer.
#[allow(clippy::if_same_then_else)]
fn line_sentences(
    cls: &[u8],
    plain: bool,
    base: usize,
    terminators: &mut Terminators,
    sink: &mut impl Sink,
) {
    let n = cls.len();
    // A plain line without a terminator (most lines: 37,000 of the PO text's 46,000) is one
    // segment: a boundary at its start (SB1) and none before its end, where no separator
    // comes but the line feed that ends it (SB4). (The machine took its first character
    // through every rule, then jumped to the end.)
    if plain && terminators.from(base) >= base + n {
        sink.plain_sentence(base, base + n);
        return;
    }
    let mut p = Parts::START;
    let mut seg_start: Option<usize> = None;
    let mut i = 0;
    while i < n {
        // Without a start, a separator or a terminator where the rules look for them
        // (`is_quiet`), no boundary falls before any character up to the next terminator
        // or separator, nor before that one: the machine jumps over them and takes up its
        // state there.
        if is_quiet(p) {
            // (In a plain line (see `load`), the next of `.`, `!` and `?`, else the line
            // feed at the end: an ASCII byte is its own code.)
            let found = if plain {
                let next = terminators.from(base + i);
                if next < base + n {
                    Some(next - base - i)
                } else {
                    (cls[n - 1] == b'\n').then(|| n - 1 - i)
                }
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
            // The state through it: of its parts, only its own and the one before it can
            // be looked at again (SB7 looks at the part before a full stop, every other
            // rule at the terminator or after it, and a separator ends the line's
            // boundaries through SB4); the older ones stand as starts, which no rule looks
            // for there. (`state_through`, which read four parts back, took 134
            // instructions a jump.)
            let k = i + j;
            let before = if k > 0 {
                part_of(sentence(cls, prev(cls, k)))
            } else {
                Part::SOT
            };
            p = Parts::after_starts(before, part_of(sentence(cls, k)));
            i = next(cls, k);
            continue;
        }
        let c = sentence(cls, i);
        let before = p;
        // The state after this character.
        let part = part_of(c);
        if !((p.at(3) == Part::CLOSE_PLUS && c == S_CLOSE)
            || (p.at(3) == Part::SP_PLUS && c == S_SP))
        {
            p = p.then(part);
        }
        let brk = if before.at(3) == Part::SOT {
            true // SB1
        } else if c == S_LF && before.at(3) == Part::CR {
            false // SB3
        } else if matches!(before.at(3), Part::SEP | Part::CR | Part::LF) {
            true // SB4
        } else if c == S_NUMERIC && before.at(3) == Part::ATERM {
            false // SB6
        } else if c == S_UPPER && before.at(2) == Part::UPPER_LOWER && before.at(3) == Part::ATERM {
            false // SB7
        } else if before.at(before_close_sp(before)) == Part::ATERM && lower_ahead(&cls[i..]) {
            false // SB8
        } else if matches!(c, S_SCONTINUE | S_STERM | S_ATERM)
            && is_saterm(before.at(before_close_sp(before)))
        {
            false // SB8a
        } else if matches!(c, S_CLOSE | S_SP | S_SEP | S_CR | S_LF)
            && is_saterm(before.at(if before.at(3) == Part::CLOSE_PLUS {
                2
            } else {
                3
            }))
        {
            false // SB9
        } else if matches!(c, S_SP | S_SEP | S_CR | S_LF)
            && is_saterm(before.at(before_close_sp(before)))
        {
            false // SB10
        } else {
            // SB11: SATerm Close* Sp* ParaSep? ÷
            let mut k = if matches!(before.at(3), Part::SEP | Part::CR | Part::LF) {
                2
            } else {
                3
            };
            if before.at(k) == Part::SP_PLUS {
                k -= 1;
            }
            if before.at(k) == Part::CLOSE_PLUS {
                k -= 1;
            }
            is_saterm(before.at(k))
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
        counts_are_those_of_the_characters(t);
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
            t[b] = TWO_BYTES[b] as u8;
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
            // (The word and sentence classes: the low byte.)
            *c = match b {
                0xC0..0xE0 => classes((u32::from(b & 0x1F) << 6) | cont(1)) as u8,
                0xE0..0xF0 => classes((u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2)) as u8,
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
            let loaded = load(&t, false, &mut fast);
            assert_eq!(
                loaded.is_some(),
                reference_load(&t, &mut reference),
                "{t:?}"
            );
            if let Some((codes, _)) = loaded {
                let classes: Vec<u8> = codes.iter().map(|&c| CLASSES[c as usize]).collect();
                assert_eq!(classes, reference, "{t:?}");
            }
        }
    }

    #[test]
    fn two_byte_codes_are_those_of_code_of() {
        for c in 0x80..0x800 {
            assert_eq!(TWO_BYTE_CODE[c as usize], code_of(c), "U+{c:04X}");
        }
    }

    #[test]
    fn ascii_end_finds_the_first_byte_beyond_ascii() {
        let pieces = ["abcdefgh", "a", " ", "é", "’", "😀", "\n", "0123456"];
        let mut rng = crate::testing::Rng::new(0x5851_F42D_4C95_7F2D);
        for _ in 0..20_000 {
            let t = rng.string(&pieces, 12);
            let b = t.as_bytes();
            for i in 0..=b.len() {
                let expected = i + b[i..].iter().take_while(|b| b.is_ascii()).count();
                assert_eq!(ascii_end(b, i), expected, "{t:?} from {i}");
            }
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

    /// A sink without `GAPS` gets exactly the word segments whose first character is
    /// alphanumeric (the tokeniser makes no token of the others), with their counts, in
    /// order. Returns how many it missed.
    fn gaps_left_out_hold_no_word(t: &str) -> usize {
        let (mut all, mut some) = (Segments::<true>(Vec::new()), Segments::<false>(Vec::new()));
        bounds(t, &mut all);
        bounds(t, &mut some);
        let words: Vec<_> = all
            .0
            .iter()
            .filter(|seg| {
                t[seg.0..seg.1]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            })
            .copied()
            .collect();
        assert_eq!(some.0, words, "{t:?}");
        all.0.len() - some.0.len()
    }

    #[test]
    fn gaps_left_out() {
        let pieces = [
            "mot", "É", "é", "²", "½", " ", "\u{A0}", "\u{2003}", "\u{202F}", ".", ",", "-", "\n",
            "\r\n", "\r", "'", "’", "«", "─", "_", "3", "😀", "\u{301}", "ก", "ⓐ", "˂", "٫",
            "\u{66C}", "‿", "·",
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
    fn counts_are_those_of_the_characters(t: &str) {
        struct Counts<'a>(&'a str);
        impl Sink for Counts<'_> {
            const WORDS: bool = true;
            const SENTENCES: bool = false;
            const GAPS: bool = true;
            fn word(&mut self, s: usize, e: usize, counts: Option<u64>) {
                if let Some(counts) = counts {
                    // The ASCII bytes' `BYTE_COUNTS`; a letter of `latin_letter` counts as
                    // a letter, a capital and a character that lower case changes as
                    // Unicode says; any other character `NOT_COUNTED`; each byte beyond
                    // ASCII `BEYOND_ASCII`.
                    let expected: u64 = self.0[s..e]
                        .chars()
                        .map(|c| {
                            let beyond = BEYOND_ASCII * c.len_utf8() as u64;
                            if c.is_ascii() {
                                BYTE_COUNTS[c as usize]
                            } else if latin_letter(c as u32).is_some() {
                                let lower = c.to_lowercase().collect::<String>();
                                beyond
                                    + u64::from(c.is_alphabetic())
                                    + (u64::from(c.is_alphabetic() && c.is_uppercase()) << 8)
                                    + (u64::from(lower != c.to_string()) << 16)
                            } else {
                                beyond + NOT_COUNTED
                            }
                        })
                        .sum();
                    assert_eq!(counts, expected, "{:?} {s}..{e}", self.0);
                }
            }
        }
        bounds(t, &mut Counts(t));
    }

    /// `LineFeed::find` finds the first line feed of any slice (lengths around the
    /// searcher's 16 and 64 bytes, line feeds anywhere, none), as a byte loop does.
    #[test]
    fn line_feeds_are_found_as_by_a_byte_loop() {
        let line_feed = LineFeed::new();
        let mut rng = crate::testing::Rng::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let len = rng.below(200);
            let bytes: Vec<u8> = (0..len)
                .map(|_| match rng.below(40) {
                    0 => b'\n',
                    1 => 0x8A,
                    2 => b'\r',
                    _ => b'a' + rng.below(26) as u8,
                })
                .collect();
            for from in [0, len / 3, len.saturating_sub(1)] {
                let slice = &bytes[from.min(len)..];
                let expected = slice.iter().position(|&b| b == b'\n');
                assert_eq!(line_feed.find(slice), expected, "{slice:?}");
            }
        }
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
            assert_eq!(load(line, false, &mut cls).map(|l| l.1), plain, "{line:?}");
        }
    }

    /// Each code stands for its character's classes, and tells whether it is alphanumeric
    /// as `char::is_alphanumeric` does, for every character of the fast path.
    #[test]
    fn codes_stand_for_the_classes() {
        for b in 0..0x80 {
            assert_eq!(u16::from(CLASSES[b]), TWO_BYTES[b] & 0xFF, "{b}");
            assert_eq!(ALPHANUMERIC[b], (b as u8).is_ascii_alphanumeric(), "{b}");
        }
        assert_eq!(CLASSES[CONT as usize], CONT);
        assert!(!ALPHANUMERIC[CONT as usize]);
        let mut beyond = 0;
        for c in (0x80..0x10000).filter(|&c| classes(c) != 0) {
            let code = CODE_OF_CLASSES[classes(c) as usize];
            assert!((0x80..CONT).contains(&code), "{c:x}");
            assert_eq!(
                u16::from(CLASSES[code as usize]),
                classes(c) & 0xFF,
                "{c:x}"
            );
            let alphanumeric = char::from_u32(c).is_some_and(char::is_alphanumeric);
            assert_eq!(ALPHANUMERIC[code as usize], alphanumeric, "{c:x}");
            beyond += 1;
        }
        assert!(beyond > 4_000, "{beyond}");
    }

    #[test]
    fn generated_strings() {
        // Every fast-path character in random company, plus a few that take the slow path.
        let mut alphabet: Vec<char> = (0u32..0x800)
            .chain(0xE00..0xE80)
            .chain(0x1E00..0x2800)
            .filter_map(char::from_u32)
            .collect();
        alphabet.extend(['€', '😀', '\u{301}', '\u{5D0}', '\u{30A2}', '\u{1F1EB}']);
        // Classes that decide boundaries, often: letters, digits, mid punctuation, spaces.
        let frequent: Vec<char> = "aZé1 .,:;'’!?)(«»\"\n\r_\u{202F}\u{A0}Жжαก٣։;™"
            .chars()
            .collect();
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

    /// Texts of many lines, most without a terminator, some with several: the sentences
    /// found with the terminators searched past the lines (`Terminators`) are those of the
    /// crate, and those of each line searched on its own.
    #[test]
    fn terminators_searched_past_the_lines() {
        let pieces = [
            "mot ", "Le ", "été", " ", "  ", "a", ".", ". ", "! ", "?", "...", "\n", "\n\n", "M. ",
            "1.5 ", "« ", " »", ")", "é.", "\u{2028}", "\r\n", "etc. ", "Oui",
        ];
        let mut rng = crate::testing::Rng::new(0x9E37_79B9_7F4A_7C15);
        for case in 0..20_000 {
            let mut t = rng.string(&pieces, 40);
            if case % 2 == 0 {
                // (Without a carriage return, every line of the fast path is plain.)
                t = t.replace('\r', "");
            }
            assert_eq!(sentences(&t), crate_sentences(&t), "sentences of {t:?}");
            let mut by_line = Vec::new();
            let mut base = 0;
            for line in t.split_inclusive('\n') {
                by_line.extend(sentences(line).iter().map(|&(s, e)| (base + s, base + e)));
                base += line.len();
            }
            assert_eq!(sentences(&t), by_line, "lines of {t:?}");
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
