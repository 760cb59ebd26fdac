#!/usr/bin/env bash
# Whole-process benchmarks of relecture: throughput, termbase load, start-up, memory,
# scaling, and the same glossary work done by textlint + textlint-rule-prh, ripgrep and
# Grammalecte. One command, from the repository:   bash bench/run.sh
#
# Inputs are built under $RELECTURE_BENCH_DIR (default /tmp/relecture-bench), never in the
# repository: the corpora by ../shared/corpora/corpora.sh (into /tmp/relecture-corpora), the
# article replicated to 50 MB, a generated 100,000-concept TBX termbase and the same
# forbidden -> approved pairs for prh and ripgrep (bench/make_inputs.py).
# Results: $RELECTURE_BENCH_DIR/results.md (the table of docs/benchmarks.md) and *.json.
# QUICK=1 runs each command once, without warm-up (the whole run then takes about 30 min
# on 2 cores, most of it in the spelling rule on the man pages).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="${RELECTURE_BENCH_DIR:-/tmp/relecture-bench}"
C=/tmp/relecture-corpora
mkdir -p "$B"
runs=${QUICK:+1}; runs=${runs:-5}
warm=${QUICK:+0}; warm=${warm:-1}

# ---- tools ---------------------------------------------------------------------------
missing=()
for p in hyperfine ripgrep hunspell-fr time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if apt-cache show grammalecte-cli >/dev/null 2>&1 && ! command -v grammalecte-cli >/dev/null; then
  missing+=(grammalecte-cli)
fi
if ((${#missing[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -x "$B/node_modules/.bin/textlint" ] && command -v npm >/dev/null; then
  npm install --silent --prefix "$B" textlint textlint-rule-prh >/dev/null
fi
[ -f "$C/manpages-fr.txt" ] || bash "$repo/../shared/corpora/corpora.sh"
python3 "$repo/bench/make_inputs.py" "$B" "$C"

# ---- relecture -------------------------------------------------------------------------
# RELECTURE_BIN=path measures another build (a baseline, say) instead of this tree's.
if [ -z "${RELECTURE_BIN:-}" ]; then
  ( cd "$repo" && cargo build --release --quiet )
fi
target="${CARGO_TARGET_DIR:-$repo/target}"
R="${RELECTURE_BIN:-$target/release/relecture}"
TB="$B/termbase-100k.tbx"
export NO_COLOR=1
cd "$B"
# Runs use no configuration file, or this one (every rule but the Hunspell spelling rule).
printf '[rules]\ndisable = ["spelling"]\n' > "$B/nospell.toml"
# The caches filled first (the parsed and compiled termbases, the default glossaries), so
# that a single run (QUICK=1) measures a cached load. A termbase is always named by the
# same path: the path is part of its parsed form (origins), and the cache keeps the four
# compiled glossaries used last (the default and the three termbases).
for k in 10k 30k 100k; do
  "$R" check --no-config -g "$B/termbase-$k.tbx" --fail-on never "$repo/corpus/meta-puce-ia.fr.txt" >/dev/null
done

out="$B/results.md"
: > "$out"
row() { printf '%s\n' "$*" | tee -a "$out"; }
mb() { python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) if os.path.isfile(sys.argv[1]) else sum(os.path.getsize(os.path.join(d,f)) for d,_,fs in os.walk(sys.argv[1]) for f in fs if f.endswith(('.txt', '.po'))))" "$1"; }
words() { "$R" check --config "$B/nospell.toml" "$@" --format json --fail-on never 2>/dev/null | python3 -c "import json,sys; print(json.load(sys.stdin)['summary']['words'])"; }
# Mean seconds of a command (hyperfine). On a busy machine wall time overstates the
# cost: with BENCH_CPU=1 (the default) a single-threaded run is timed by its CPU time
# (user + system), a multi-threaded one by wall time.
mean() {
  local name="$1"; shift
  hyperfine --style none --warmup "$warm" --runs "$runs" --export-json "$B/$name.json" "$@" >/dev/null 2>&1 || { echo nan; return; }
  python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['results'][0]
cpu = r['user'] + r['system']
single = ' -j 1 ' in r['command'] or sys.argv[2] == '1'
print(cpu if (single and sys.argv[3] == '1') else r['mean'])" "$B/$name.json" "${FORCE_SINGLE:-0}" "${BENCH_CPU:-1}"
}
rate() { python3 -c "import sys; b,w,s=float(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print(f'{b/s/1e6:.1f} MB/s | {w/s/1e6:.2f} M words/s | {s:.3f} s')" "$@"; }

row "## relecture $("$R" --version | cut -d' ' -f2) — $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
row ""
row "### Throughput (\`check --format json > /dev/null\`, every rule but \`spelling\`)"
row ""
row "| input | size | glossary | threads | throughput | words/s | mean time |"
row "|---|---|---|---|---|---|---|"
man_dir="$C/manpages-fr"
# po-files: the corpora's PO files as they are, bilingual (the source <-> translation rules
# run on each unit), where po.txt is their French side as plain text.
for input in article-50mb.txt manpages.txt "$man_dir" po.txt po-files; do
  size=$(mb "$input"); w=$(words "$input")
  for g in default 100k; do
    gl=(--config "$B/nospell.toml")
    [ "$g" = 100k ] && gl=(--config "$B/nospell.toml" -g "$TB")
    for j in 1 "$(nproc)"; do
      s=$(mean "tp-$(basename "$input")-$g-$j" "$R check -j $j ${gl[*]} --fail-on never --format json $input > /dev/null")
      row "| $(basename "$input") | $((size / 1000000)) MB | $g | $j | $(rate "$size" "$w" "$s") |"
    done
  done
done

row ""
# The target « the termbase at most 1.5× the default's time » is checked in alternation: a
# run with each glossary in turn, so that both see the same moments of the machine
# (bench/ratio.py; CPU time of each run, 1 thread). RATIO_ROUNDS (7 with QUICK=1, else 15).
rounds=${RATIO_ROUNDS:-$([ -n "${QUICK:-}" ] && echo 7 || echo 15)}
row "The 100k termbase against the default glossary, in alternation ($rounds rounds, 1 thread, medians):"
row ""
python3 "$repo/bench/ratio.py" "$R" "$B/nospell.toml" "$TB" "$rounds" manpages.txt po.txt "$man_dir" | tee -a "$out"

row ""
row "With the \`spelling\` rule (Hunspell dictionary and suggestions), default glossary:"
row ""
row "| input | threads | throughput | words/s | mean time |"
row "|---|---|---|---|---|"
for input in article-50mb.txt manpages.txt; do
  size=$(mb "$input"); w=$(words "$input")
  s=$(runs=1 warm=0 mean "tp-spell-$input" "$R check --no-config -j 1 --fail-on never --format json $input > /dev/null")
  row "| $input | 1 | $(rate "$size" "$w" "$s") |"
done

row ""
row "### Start-up, termbase load, memory"
row ""
row "| what | time | peak memory |"
row "|---|---|---|"
small="$repo/corpus/meta-puce-ia.fr.txt"
peak() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f MB", $1/1024}'; }
s=$(hyperfine --style none -N --warmup 5 --runs 50 --export-json "$B/startup.json" "$R check --no-config --fail-on never $small" >/dev/null 2>&1; python3 -c "import json; r=json.load(open('$B/startup.json'))['results'][0]; print(f\"{r['mean']*1000:.1f} ms wall (min {r['min']*1000:.1f}), {(r['user']+r['system'])*1000:.1f} ms CPU\")")
row "| start-up, one small file (article, default glossary) | $s | $(peak "$R" check --no-config --fail-on never "$small") |"
# A large termbase is read and compiled on all the threads: wall time is what a user waits;
# with one thread (`-j 1`), CPU time.
s=$(mean load-cold "env RELECTURE_NO_CACHE=1 $R check --no-config -g $TB --fail-on never $small")
s1=$(mean load-cold-1 "env RELECTURE_NO_CACHE=1 $R check -j 1 --no-config -g $TB --fail-on never $small")
row "| load + compile 100k termbase, no cache (small file): all threads (wall) / 1 thread | $(python3 -c "print(f'{$s:.2f} s / {$s1:.2f} s')") | $(RELECTURE_NO_CACHE=1 peak "$R" check --no-config -g "$TB" --fail-on never "$small") |"
"$R" check --no-config -g "$TB" --fail-on never "$small" >/dev/null   # fills the cache
s=$(FORCE_SINGLE=1 mean load-warm "$R check --no-config -g $TB --fail-on never $small")
row "| load 100k termbase from the compiled cache (small file) | $(python3 -c "print(f'{$s:.2f} s')") | $(peak "$R" check --no-config -g "$TB" --fail-on never "$small") |"
row "| check article-50mb.txt, default glossary, 1 thread | | $(peak "$R" check --config "$B/nospell.toml" -j 1 --fail-on never --format json article-50mb.txt) |"
row "| check man pages (435 files), 100k termbase, all threads | | $(peak "$R" check --config "$B/nospell.toml" -g "$TB" --fail-on never --format json "$man_dir") |"

row ""
row "### Scaling"
row ""
row "| text size (article replicated, default glossary, 1 thread, no spelling) | time | MB/s |"
row "|---|---|---|"
for n in 1 5 20 50; do
  f="article-${n}mb.txt"; size=$(mb "$f")
  s=$(mean "scale-text-$n" "$R check --config $B/nospell.toml -j 1 --fail-on never --format json $f > /dev/null")
  row "| $n MB | $(python3 -c "print(f'{$s:.3f} s')") | $(python3 -c "print(f'{$size/$s/1e6:.1f}')") |"
done
row ""
row "| termbase size (man pages, one file, 1 thread, no spelling) | load only (small file) | check | MB/s |"
row "|---|---|---|---|"
size=$(mb manpages.txt)
for k in 10k 30k 100k; do
  l=$(FORCE_SINGLE=1 mean "scale-load-$k" "$R check --no-config -g $B/termbase-$k.tbx --fail-on never $small")
  s=$(mean "scale-tb-$k" "$R check --config $B/nospell.toml -j 1 -g $B/termbase-$k.tbx --fail-on never --format json manpages.txt > /dev/null")
  row "| $k concepts | $(python3 -c "print(f'{$l:.3f} s')") | $(python3 -c "print(f'{$s:.3f} s')") | $(python3 -c "print(f'{$size/$s/1e6:.1f}')") |"
done

row ""
row "### Against other tools (same forbidden -> approved pairs, 1 thread where it applies)"
row ""
row "| tool | input | time | MB/s | relecture is |"
row "|---|---|---|---|---|"
cmp_row() {  # name input seconds relecture_seconds
  if [ "$3" = nan ]; then row "| $1 | $2 | did not finish in ${LIMIT}s | | faster |"; return; fi
  row "| $1 | $2 | $(python3 -c "print(f'{$3:.3f} s')") | $(python3 -c "print(f'{$(mb "$2")/$3/1e6:.2f}')") | $(python3 -c "r=$3/$4; print(f'{r:.1f}× faster' if r>=1 else f'{1/r:.1f}× slower')") |"
}
rl=$(mean cmp-rl-man "$R check --config $B/nospell.toml -j 1 -g $TB --fail-on never --format json manpages.txt > /dev/null")
row "| relecture (every rule but spelling, 100k termbase) | manpages.txt | $(python3 -c "print(f'{$rl:.3f} s')") | $(python3 -c "print(f'{$(mb manpages.txt)/$rl/1e6:.2f}')") | — |"
# rg -F -w with 150,000 patterns leaves its fast literal search: it is stopped at LIMIT.
LIMIT=${LIMIT:-120}
s=$(FORCE_SINGLE=1 mean cmp-rgw "timeout $LIMIT rg -F -w -c -f words-100k.txt manpages.txt; test \$? -ne 124"); cmp_row 'rg -F -w -f (whole words)' manpages.txt "$s" "$rl"
s=$(FORCE_SINGLE=1 mean cmp-rg "rg -F -c -f words-100k.txt manpages.txt"); cmp_row 'rg -F -f' manpages.txt "$s" "$rl"
if [ -x "$B/node_modules/.bin/textlint" ]; then
  # textlint with 150,000 prh patterns is slow: measured on the article (3 KB) and 1 MB of it.
  head -c 30000 article-1mb.txt > article-30k.txt
  rl_small=$(mean cmp-rl-30k "$R check --config $B/nospell.toml -j 1 -g $TB --fail-on never --format json article-30k.txt > /dev/null")
  s=$(runs=1 FORCE_SINGLE=1 mean cmp-textlint "$B/node_modules/.bin/textlint -c textlintrc.json -f json article-30k.txt > /dev/null || true")
  cmp_row 'textlint + textlint-rule-prh (150k patterns)' article-30k.txt "$s" "$rl_small"
fi
if command -v grammalecte-cli >/dev/null; then
  head -c 300000 manpages.txt > man-300k.txt
  rl_g=$(mean cmp-rl-300k "$R check --config $B/nospell.toml -j 1 --fail-on never --format json man-300k.txt > /dev/null")
  s=$(runs=1 FORCE_SINGLE=1 mean cmp-grammalecte "grammalecte-cli -f man-300k.txt -j > /dev/null")
  cmp_row 'grammalecte-cli (grammar, no glossary)' man-300k.txt "$s" "$rl_g"
fi
echo "results in $out"
