#!/usr/bin/env python3
"""Builds the benchmark inputs of relecture under an output folder (never in the repo).

  python3 bench/make_inputs.py OUT_DIR CORPORA_DIR

Writes:
  article-50mb.txt      corpus/meta-puce-ia.fr.txt replicated to >= 50 MB
  article-{1,5,20}mb.txt  the same, smaller (scaling with text size)
  termbase-100k.tbx     100,000 concepts (TBX v3): real French words from hunspell-fr,
                        one approved term and one or two deprecated (forbidden) variants
  termbase-{10k,30k}.tbx  the first 10,000 / 30,000 concepts (scaling with termbase size)
  prh-100k.yml          the same forbidden -> approved pairs as a prh dictionary (textlint)
  words-100k.txt        the forbidden variants, one a line (rg -F -f / rg -F -w -f)
  textlintrc.json       textlint configuration using prh-100k.yml
  manpages.txt, po.txt  the French corpora (man pages, PO French side) as single files
  po-files/             the corpora's PO files themselves, bilingual (msgid -> msgstr):
                        the source <-> translation rules run on each unit
Deterministic: a fixed seed, so every run measures the same inputs.
"""
import json
import os
import random
import re
import sys

out, corpora = sys.argv[1], sys.argv[2]
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.makedirs(out, exist_ok=True)

# ---- texts ---------------------------------------------------------------------------
article = open(os.path.join(repo, "corpus/meta-puce-ia.fr.txt"), encoding="utf-8").read()
block = article.rstrip("\n") + "\n\n"
for name, mb in [("article-1mb.txt", 1), ("article-5mb.txt", 5), ("article-20mb.txt", 20), ("article-50mb.txt", 50)]:
    n = (mb * 1_000_000) // len(block.encode()) + 1
    path = os.path.join(out, name)
    if not os.path.exists(path) or os.path.getsize(path) != n * len(block.encode()):
        with open(path, "w", encoding="utf-8") as f:
            f.write(block * n)

def concat(dst, srcs):
    path = os.path.join(out, dst)
    with open(path, "w", encoding="utf-8") as f:
        for s in srcs:
            with open(s, encoding="utf-8", errors="replace") as g:
                f.write(g.read())
concat("manpages.txt", [os.path.join(corpora, "manpages-fr.txt")])
concat("po.txt", [os.path.join(corpora, n + ".fr.txt") for n in ["debian", "django", "sphinx", "wagtail", "jupyterlab", "ckeditor5"]])
po_dir = os.path.join(out, "po-files")
os.makedirs(po_dir, exist_ok=True)
for root, _, files in sorted(os.walk(os.path.join(corpora, "src"))):
    for name in sorted(files):
        if name.endswith(".po"):
            # Named by their place in the corpora, so that two projects' « django.po » differ.
            rel = os.path.relpath(os.path.join(root, name), os.path.join(corpora, "src"))
            with open(os.path.join(root, name), "rb") as f, open(os.path.join(po_dir, rel.replace(os.sep, "--")), "wb") as g:
                g.write(f.read())

# ---- termbase ---------------------------------------------------------------------------
words = []
seen = set()
for line in open("/usr/share/hunspell/fr_FR.dic", encoding="utf-8"):
    w = line.split("/")[0].split("\t")[0].split(" ")[0].strip()
    if re.fullmatch(r"[a-zàâäçéèêëîïôöùûüÿœæ]{4,}", w) and w not in seen:
        seen.add(w)
        words.append(w)
rng = random.Random(20240611)
rng.shuffle(words)
# Words of the texts are frequent; a realistic termbase flags few of them alone: single-word
# forbidden variants are taken from the rarer half of the dictionary, multi-word variants
# combine any words (their first word is looked up for nearly every token of the text).
text_words = set(re.findall(r"[a-zàâäçéèêëîïôöùûüÿœæ]+", (article + open(os.path.join(out, "manpages.txt"), encoding="utf-8").read()).lower()))
rare = [w for w in words if w not in text_words]
common = [w for w in words if w in text_words]

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

N = 100_000
concepts = []
for i in range(N):
    approved = words[i % len(words)] if i % 3 else f"{words[i % len(words)]} {words[(i * 7 + 1) % len(words)]}"
    forbidden = []
    k = 1 + (i % 2)
    for j in range(k):
        if (i + j) % 5 == 0:
            forbidden.append(rare[(i * 2 + j) % len(rare)])
        else:
            first = common[(i * 13 + j) % len(common)] if (i + j) % 2 else rare[(i * 5 + j) % len(rare)]
            forbidden.append(f"{first} {words[(i * 11 + j * 3) % len(words)]}")
    english = f"term{i}"
    concepts.append((f"c{i}", english, approved, forbidden))

def write_tbx(path, cs):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write('<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n')
        f.write("  <tbxHeader><fileDesc><sourceDesc><p>Generated benchmark termbase.</p></sourceDesc></fileDesc></tbxHeader>\n")
        f.write("  <text><body>\n")
        for cid, en, ap, fb in cs:
            f.write(f'    <conceptEntry id="{cid}">\n      <langSec xml:lang="en">\n')
            f.write(f"        <termSec><term>{esc(en)}</term><termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></termSec>\n")
            f.write('      </langSec>\n      <langSec xml:lang="fr-FR">\n')
            f.write(f"        <termSec><term>{esc(ap)}</term><termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></termSec>\n")
            for b in fb:
                f.write(f"        <termSec><term>{esc(b)}</term><termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></termSec>\n")
            f.write("      </langSec>\n    </conceptEntry>\n")
        f.write("  </body></text>\n</tbx>\n")

write_tbx(os.path.join(out, "termbase-100k.tbx"), concepts)
write_tbx(os.path.join(out, "termbase-30k.tbx"), concepts[:30_000])
write_tbx(os.path.join(out, "termbase-10k.tbx"), concepts[:10_000])

# The same pairs for textlint-rule-prh and ripgrep.
with open(os.path.join(out, "prh-100k.yml"), "w", encoding="utf-8") as f:
    f.write("version: 1\nrules:\n")
    for cid, en, ap, fb in concepts:
        for b in fb:
            f.write(f"  - expected: {json.dumps(ap, ensure_ascii=False)}\n    pattern: {json.dumps(b, ensure_ascii=False)}\n")
with open(os.path.join(out, "words-100k.txt"), "w", encoding="utf-8") as f:
    for cid, en, ap, fb in concepts:
        for b in fb:
            f.write(b + "\n")
with open(os.path.join(out, "textlintrc.json"), "w") as f:
    json.dump({"rules": {"prh": {"rulePaths": [os.path.join(out, "prh-100k.yml")]}}}, f)
print(f"inputs in {out}: {len(words)} dictionary words, {len(rare)} absent from the texts")
