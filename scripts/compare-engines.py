#!/usr/bin/env python3
"""Compares relecture alone, Grammalecte alone and both on the annotated article.

For each error annotated in corpus/meta-puce-ia.annotations.toml, says which tool finds it
(a finding whose span overlaps the annotated text), then counts the findings that match
no annotation. Prints a Markdown table (the one in the README).

    python3 scripts/compare-engines.py [--bin target/release/relecture]

Grammalecte alone is relecture's `--with grammalecte` with every relecture rule turned
off (a configuration with `only = ["grammalecte"]`), so its findings are mapped onto the
file the same way and none is dropped as a duplicate.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib

ARTICLE = "corpus/meta-puce-ia.fr.txt"
ANNOTATIONS = "corpus/meta-puce-ia.annotations.toml"


def run(binary, extra, config=None):
    cmd = [binary, "check", "--format", "json", "--fail-on", "never", *extra, ARTICLE]
    cmd[2:2] = ["--config", config] if config else ["--no-config"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit {out.returncode}\n{out.stderr}")
    return json.loads(out.stdout)["diagnostics"]


def spans(text, annotations):
    """Byte spans of the annotated errors."""
    data = text.encode()
    out = []
    for a in annotations:
        needle = a["text"].encode()
        at = -1
        for _ in range(a.get("occurrence", 1)):
            at = data.find(needle, at + 1)
        out.append((at, at + len(needle)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/relecture")
    args = ap.parse_args()
    text = open(ARTICLE, encoding="utf-8").read()
    annotations = tomllib.load(open(ANNOTATIONS, "rb"))["error"]
    where = spans(text, annotations)
    with tempfile.TemporaryDirectory() as d:
        only = os.path.join(d, "relecture.toml")
        with open(only, "w") as f:
            f.write('[rules]\nonly = ["grammalecte"]\n')
        runs = {
            "relecture": run(args.bin, []),
            "Grammalecte": run(args.bin, ["--with", "grammalecte"], only),
            "both": run(args.bin, ["--with", "grammalecte"]),
        }

    found = {k: 0 for k in runs}
    rows = []
    for a, (s, e) in zip(annotations, where):
        cells = []
        for k, diags in runs.items():
            h = [x for x in diags if x["start"] < e and x["end"] > s]
            if h:
                found[k] += 1
                cells.append(", ".join(sorted({x["rule"] for x in h})))
            else:
                cells.append("—")
        rows.append((a["text"], a["rule"], cells))
    print("| error in the article | annotated as | relecture | Grammalecte | both |")
    print("|---|---|---|---|---|")
    for t, r, cells in rows:
        print(f"| « {t} » | {r} | " + " | ".join(cells) + " |")
    n = len(annotations)
    print("| **errors found** | | " + " | ".join(f"**{found[k]} / {n}**" for k in runs) + " |")
    extra = []
    for k, diags in runs.items():
        other = [x for x in diags
                 if not any(x["start"] < e and x["end"] > s for (s, e) in where)]
        extra.append(str(len(other)))
    print("| findings on no annotated error | | " + " | ".join(extra) + " |")


if __name__ == "__main__":
    main()
