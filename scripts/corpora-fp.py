#!/usr/bin/env python3
"""Measures relecture's findings on professional French (false-positive rate).

Runs `relecture check --format json` on the corpora built by
../shared/corpora/corpora.sh in /tmp/relecture-corpora, and prints findings per 1000 words
by corpus, severity and rule, then a random sample of findings to read.

    python3 scripts/corpora-fp.py [--bin target/release/relecture] [--sample 30] [--seed 1]
"""
import argparse
import json
import os
import random
import subprocess
import sys
from collections import Counter, defaultdict

C = "/tmp/relecture-corpora"
BILINGUAL = [
    ("django.po", f"{C}/src/django"),
    ("sphinx.po", f"{C}/src/sphinx"),
    ("wagtail.po", f"{C}/src/wagtail"),
    ("jupyterlab.po", f"{C}/src/jupyterlab"),
    ("debian.po", f"{C}/src/debian"),
]
CORPORA = [
    ("django", f"{C}/django.fr.txt"),
    ("sphinx", f"{C}/sphinx.fr.txt"),
    ("wagtail", f"{C}/wagtail.fr.txt"),
    ("jupyterlab", f"{C}/jupyterlab.fr.txt"),
    ("debian", f"{C}/debian.fr.txt"),
    ("ckeditor5", f"{C}/ckeditor5.fr.txt"),
    ("manpages-fr", f"{C}/manpages-fr"),
    ("manpages-fr-dev", f"{C}/manpages-fr-dev"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/relecture")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rule", help="sample only this rule")
    ap.add_argument("--min-severity", default="warning", choices=["info", "warning", "error"])
    ap.add_argument("--bilingual", action="store_true",
                    help="check the PO files themselves (source against target) instead of the French text")
    ap.add_argument("extra", nargs="*", help="more arguments for `relecture check` (after --)")
    args = ap.parse_args()
    if not os.path.isdir(C):
        sys.exit(f"{C} is missing: run bash ../shared/corpora/corpora.sh first")
    order = {"info": 0, "warning": 1, "error": 2}
    total_words = 0
    all_diags = []
    rows = []
    by_rule = Counter()
    for name, path in (BILINGUAL if args.bilingual else CORPORA):
        if not os.path.exists(path):
            print(f"skip {name}: {path} missing", file=sys.stderr)
            continue
        out = subprocess.run(
            [args.bin, "check", "--format", "json", "--fail-on", "never", *args.extra, path],
            capture_output=True, text=True,
        )
        if out.returncode not in (0, 1):
            print(f"{name}: exit {out.returncode}\n{out.stderr[:2000]}", file=sys.stderr)
        rep = json.loads(out.stdout)
        words = rep["summary"]["words"]
        total_words += words
        sev = Counter(d["severity"] for d in rep["diagnostics"])
        for d in rep["diagnostics"]:
            d["corpus"] = name
            by_rule[(d["rule"], d["severity"])] += 1
        all_diags += rep["diagnostics"]
        we = sev["warning"] + sev["error"]
        rows.append((name, words, sev["error"], sev["warning"], sev["info"], 1000 * we / max(words, 1)))
    print("| corpus | words | errors | warnings | infos | warning+error per 1000 words |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]:.3f} |")
    we = sum(r[2] + r[3] for r in rows)
    print(f"| **all** | {total_words} | {sum(r[2] for r in rows)} | {sum(r[3] for r in rows)} | "
          f"{sum(r[4] for r in rows)} | {1000 * we / max(total_words, 1):.3f} |")
    print()
    print("| rule | severity | findings | per 1000 words |")
    print("|---|---|---:|---:|")
    for (rule, sev), n in sorted(by_rule.items(), key=lambda x: -x[1]):
        print(f"| {rule} | {sev} | {n} | {1000 * n / max(total_words, 1):.3f} |")
    pool = [d for d in all_diags if order[d["severity"]] >= order[args.min_severity]
            and (not args.rule or d["rule"] == args.rule)]
    random.seed(args.seed)
    print(f"\nSample of {min(args.sample, len(pool))} of {len(pool)} findings:")
    for d in random.sample(pool, min(args.sample, len(pool))):
        text = " ".join(d["text"].replace('"\n"', "").split())[:120]
        print(f"- [{d['corpus']}] {d['rule']} ({d['severity']}) « {text} » — {d['message'][:200]}")
        if d.get("source"):
            print(f"    source: {' '.join(d['source'].split())[:200]}")
        ctx = "" if args.bilingual else context(d)
        if ctx:
            print(f"    {ctx}")


_cache = {}


def context(d):
    path = d["path"]
    if path not in _cache:
        try:
            _cache[path] = open(path, encoding="utf-8", newline="").read().split("\n")
        except OSError:
            return ""
    lines = _cache[path]
    line = lines[d["line"] - 1] if d["line"] - 1 < len(lines) else ""
    c = d["column"] - 1
    return line[max(0, c - 70): c + 90]


if __name__ == "__main__":
    main()
