//! `--diff-base REV`: the lines added or changed since a git revision, from `git diff`.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// Changed line ranges (1-based, inclusive) of a file; `None` means every line (a file git
/// does not track yet).
pub type Changed = Option<Vec<(usize, usize)>>;

/// Checks that the revision exists; the error says why in French.
pub fn verify(rev: &str) -> Result<(), String> {
    let out = Command::new("git")
        .args([
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
        .output()
        .map_err(|e| format!("git introuvable : {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "la révision git « {rev} » n'existe pas (ou ce dossier n'est pas un dépôt git)"
        ))
    }
}

/// The lines of `path` added or changed since `rev`.
pub fn changed_lines(rev: &str, path: &Path) -> Result<Changed, String> {
    let tracked = Command::new("git")
        .args(["ls-files", "--error-unmatch", "--"])
        .arg(path)
        .output()
        .map_err(|e| format!("git introuvable : {e}"))?;
    if !tracked.status.success() {
        return Ok(None);
    }
    let out = Command::new("git")
        .args([
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            rev,
            "--",
        ])
        .arg(path)
        .output()
        .map_err(|e| format!("git introuvable : {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git diff a échoué : {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(Some(parse_hunks(&String::from_utf8_lossy(&out.stdout))))
}

/// The new-side line ranges of `@@ -a,b +c,d @@` hunk headers.
pub fn parse_hunks(diff: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for line in diff.lines().filter(|l| l.starts_with("@@")) {
        let Some(plus) = line.split_whitespace().find(|w| w.starts_with('+')) else {
            continue;
        };
        let mut parts = plus[1..].split(',');
        let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let count: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(1);
        if count > 0 {
            out.push((start, start + count - 1));
        }
    }
    out
}

/// Cache of changed lines per file for one run.
#[derive(Default)]
pub struct DiffFilter {
    pub rev: String,
    cache: HashMap<String, Changed>,
}

impl DiffFilter {
    pub fn new(rev: &str) -> DiffFilter {
        DiffFilter {
            rev: rev.to_string(),
            cache: HashMap::new(),
        }
    }

    pub fn changed(&mut self, path: &str) -> Result<&Changed, String> {
        if !self.cache.contains_key(path) {
            let c = changed_lines(&self.rev, Path::new(path))?;
            self.cache.insert(path.to_string(), c);
        }
        Ok(&self.cache[path])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks() {
        let d =
            "diff --git a/x b/x\n@@ -1,0 +2,3 @@\n+a\n@@ -10 +14 @@\n-x\n+y\n@@ -20,2 +25,0 @@\n";
        assert_eq!(parse_hunks(d), [(2, 4), (14, 14)]);
    }
}
