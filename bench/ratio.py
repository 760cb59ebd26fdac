#!/usr/bin/env python3
"""The termbase's cost against the default glossary's, measured in alternation.

Usage: ratio.py RELECTURE_BIN CONFIG TERMBASE ROUNDS INPUT...

For each input, ROUNDS rounds each run `check -j 1` once with the default glossary and once
with the termbase, one after the other, so that both see the same moments of a shared
machine (single runs vary by 10-30 % on the benchmark's host, and two series timed one
after the other can differ by more than the ratio's margin). Each run's CPU time (user +
system, from the kernel's accounting of the child: microseconds, where /usr/bin/time gives
hundredths of a second) and wall time are kept; the medians and their ratio are printed as
rows of a Markdown table.
"""

import os
import statistics
import subprocess
import sys
import time


def run(cmd):
    """CPU seconds and wall seconds of one run of `cmd`, its output thrown away."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)}: exit code {proc.returncode}")
    return usage.ru_utime + usage.ru_stime, wall


def main():
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    binary, config, termbase, rounds = sys.argv[1:5]
    rounds = int(rounds)
    base = [binary, "check", "--config", config, "-j", "1", "--fail-on", "never", "--format", "json"]
    print("| input | default glossary (CPU, wall) | 100k termbase (CPU, wall) | ratio (CPU, wall) |")
    print("|---|---|---|---|")
    for path in sys.argv[5:]:
        default, with_termbase = base + [path], base + ["-g", termbase, path]
        # One run of each first: the caches of the file system and of relecture filled.
        run(default)
        run(with_termbase)
        d, t = [], []
        for _ in range(rounds):
            d.append(run(default))
            t.append(run(with_termbase))
        dc, dw = (statistics.median(x[i] for x in d) for i in (0, 1))
        tc, tw = (statistics.median(x[i] for x in t) for i in (0, 1))
        name = os.path.basename(path.rstrip("/"))
        print(
            f"| {name} | {dc * 1000:.1f} ms, {dw * 1000:.1f} ms | {tc * 1000:.1f} ms, "
            f"{tw * 1000:.1f} ms | **{tc / dc:.2f}×**, {tw / dw:.2f}× |"
        )


if __name__ == "__main__":
    main()
