/*! Time spent per stage and per rule, for whoever tunes relecture: with `RELECTURE_TIMING=1`
in the environment, `relecture` prints on standard error, at exit, the CPU-thread time
summed over all files for building documents, matching the glossary and each rule (the
idea of ESLint's `TIMING=1`). Off by default: then a stage costs one relaxed load. */

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

static STATE: AtomicU8 = AtomicU8::new(0); // 0 unknown, 1 off, 2 on
static TOTALS: Mutex<Option<HashMap<&'static str, (Duration, u64)>>> = Mutex::new(None);

/// True when `RELECTURE_TIMING` is set to anything but `0` or nothing.
pub fn enabled() -> bool {
    match STATE.load(Ordering::Relaxed) {
        0 => {
            let on = std::env::var("RELECTURE_TIMING").is_ok_and(|v| !v.is_empty() && v != "0");
            STATE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
            on
        }
        s => s == 2,
    }
}

/// Runs `f`, adding its time to `stage` when timing is on.
pub fn time<T>(stage: &'static str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let r = f();
    let spent = start.elapsed();
    let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    let e = totals
        .get_or_insert_with(HashMap::new)
        .entry(stage)
        .or_default();
    e.0 += spent;
    e.1 += 1;
    r
}

/// The table of stages, slowest first, or None when timing is off or nothing was timed.
pub fn table() -> Option<String> {
    if !enabled() {
        return None;
    }
    let totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    let mut rows: Vec<_> = totals.as_ref()?.iter().map(|(k, v)| (*k, *v)).collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    let all: Duration = rows.iter().map(|r| r.1.0).sum();
    let mut out = format!("{:<28} {:>10} {:>7} {:>7}\n", "stage", "ms", "%", "calls");
    for (stage, (d, n)) in rows {
        let pct = 100.0 * d.as_secs_f64() / all.as_secs_f64().max(1e-9);
        out += &format!(
            "{stage:<28} {:>10.1} {pct:>6.1}% {n:>7}\n",
            d.as_secs_f64() * 1000.0
        );
    }
    out += &format!("{:<28} {:>10.1}\n", "total", all.as_secs_f64() * 1000.0);
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn off_unless_asked() {
        // The test environment does not set RELECTURE_TIMING.
        if std::env::var_os("RELECTURE_TIMING").is_none() {
            assert_eq!(super::time("x", || 2 + 2), 4);
            assert!(super::table().is_none());
        }
    }
}
