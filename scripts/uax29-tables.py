#!/usr/bin/env python3
"""Prints the range table of src/document/uax29.rs: the UAX #29 word and sentence classes of
the code points the fast segmenter handles (U+0000-U+07FF, U+0E00-U+0E7F,
U+1E00-U+27FF), read from
the tables of the unicode-segmentation crate that the slow path uses, and whether each is
alphanumeric as Rust's `char::is_alphanumeric` says (Alphabetic or Numeric: the general
categories L*, Nl, Nd and No, and the circled letters, the only Other_Alphabetic characters
of these ranges that are not combining marks, which the fast path does not take; a test of
uax29.rs checks every character against Rust's).

  python3 scripts/uax29-tables.py ~/.cargo/registry/src/*/unicode-segmentation-1.13.3/src/tables.rs
"""
import re
import sys
import unicodedata

src = open(sys.argv[1]).read()

def table(name):
    m = re.search(r"const " + name + r": &\[\(char, char, \w+\)\] = &\[(.*?)\];", src, re.S)
    body = re.sub(r"\s+", " ", m.group(1))
    return [(int(a, 16), int(b, 16), c) for a, b, c in
            re.findall(r"\('\\u\{([0-9a-f]+)\}', '\\u\{([0-9a-f]+)\}', (\w+)\)", body)]

W, S = table("word_cat_table"), table("sentence_cat_table")

def cat(t, cp, default):
    for a, b, c in t:
        if a <= cp <= b:
            return c
    return default

WORD = {"WC_Any": "W_OTHER", "WC_Double_Quote": "W_OTHER", "WC_CR": "W_CR", "WC_LF": "W_LF",
        "WC_Newline": "W_NEWLINE", "WC_WSegSpace": "W_SPACE", "WC_ALetter": "W_LETTER",
        "WC_Numeric": "W_NUMERIC", "WC_ExtendNumLet": "W_EXTNUMLET", "WC_MidLetter": "W_MIDLETTER",
        "WC_MidNum": "W_MIDNUM", "WC_MidNumLet": "W_MIDNUMLET", "WC_Single_Quote": "W_MIDNUMLET"}
SENT = {"SC_Any": "S_OTHER", "SC_CR": "S_CR", "SC_LF": "S_LF", "SC_Sep": "S_SEP", "SC_Sp": "S_SP",
        "SC_Lower": "S_LOWER", "SC_Upper": "S_UPPER", "SC_OLetter": "S_OLETTER",
        "SC_Numeric": "S_NUMERIC", "SC_ATerm": "S_ATERM", "SC_STerm": "S_STERM",
        "SC_Close": "S_CLOSE", "SC_SContinue": "S_SCONTINUE"}
known = list(range(0, 0x800)) + list(range(0xE00, 0xE80)) + list(range(0x1E00, 0x2800))

def alphanumeric(cp):
    return (unicodedata.category(chr(cp)) in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Nd", "No")
            or 0x24B6 <= cp <= 0x24E9)

rows = []
for cp in known:
    w = WORD.get(cat(W, cp, "WC_Any"), "UNKNOWN")
    s = SENT.get(cat(S, cp, "SC_Any"), "UNKNOWN")
    a = "true" if alphanumeric(cp) else "false"
    if rows and rows[-1][1] == cp - 1 and tuple(rows[-1][2:]) == (w, s, a):
        rows[-1][1] = cp
    else:
        rows.append([cp, cp, w, s, a])
for a, b, w, s, al in rows:
    print(f"    (0x{a:04X}, 0x{b:04X}, {w}, {s}, {al}),")
