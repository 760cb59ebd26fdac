#!/usr/bin/env python3
"""Builds the bilingual versions of the article in corpus/ from the English source and the
French machine translation (one paragraph per unit): an XLIFF 2.0 file and a PO file.

    python3 scripts/make-bilingual-corpus.py
"""
import os
from xml.sax.saxutils import escape

here = os.path.join(os.path.dirname(__file__), "..", "corpus")


def paragraphs(name):
    with open(os.path.join(here, name), encoding="utf-8") as f:
        return [p.strip() for p in f.read().split("\n") if p.strip()]


def po_string(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    # wrap long strings over continuation lines at spaces, as msgcat does
    parts, line = [], ""
    for word in s.split(" "):
        cand = (line + " " + word) if line else word
        if len(cand) > 70 and line:
            parts.append(line + " ")
            line = word
        else:
            line = cand
    parts.append(line)
    if len(parts) == 1:
        return f'"{parts[0]}"'
    return '""\n' + "\n".join(f'"{p}"' for p in parts)


def main():
    en = paragraphs("meta-puce-ia.en.txt")
    fr = paragraphs("meta-puce-ia.fr.txt")
    assert len(en) == len(fr), (len(en), len(fr))
    with open(os.path.join(here, "meta-puce-ia.fr.xlf"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">\n')
        f.write('  <file id="meta-puce-ia">\n')
        for i, (s, t) in enumerate(zip(en, fr), 1):
            f.write(f'    <unit id="p{i}">\n      <segment state="translated">\n')
            f.write(f"        <source>{escape(s)}</source>\n")
            f.write(f"        <target>{escape(t)}</target>\n")
            f.write("      </segment>\n    </unit>\n")
        f.write("  </file>\n</xliff>\n")
    with open(os.path.join(here, "meta-puce-ia.fr.po"), "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n')
        for i, (s, t) in enumerate(zip(en, fr), 1):
            f.write(f'#. Paragraphe {i}\nmsgctxt "p{i}"\nmsgid {po_string(s)}\nmsgstr {po_string(t)}\n\n')


if __name__ == "__main__":
    main()
