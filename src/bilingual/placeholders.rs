/*! Placeholders of software strings (`%s`, `%(name)d`, `%1$s`, `{name}`, `{0}`, `{{x}}`,
`${var}`), which a translation must keep exactly, in any order. */

use regex::Regex;
use std::sync::LazyLock;

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)
        %%                                             # a literal percent sign (skipped)
        | %p[A-Z]                                      # kernel and binutils extensions (%pB, %pA)
        | %(?:\d+\$)?(?:\([A-Za-z_][\w.]*\))?[-+\x20\#0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn]
        | \{\{\s*[\w.|\s]+?\s*\}\}                   # {{ x }} (Jinja, Angular)
        | \$\{[\w.]+\}                                # ${var}
        | \{[A-Za-z_\d][\w.]*(?::[^{}]*)?\}            # {name}, {0}, {0:.2f}
    ").expect("valid regex")
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The placeholders of a string. `space_flag`: accept printf's space flag (`% d`); off for
/// French targets unless the source uses it, since « 50 % de » is not a placeholder. Even
/// with it, a `%` right after a figure is a percent sign: « 4% to » is not `% to`.
pub fn find(text: &str, space_flag: bool) -> Vec<Placeholder> {
    PLACEHOLDER
        .find_iter(text)
        .filter(|m| m.as_str() != "%%")
        .filter(|m| !m.as_str().starts_with("% ") || (space_flag && !after_figure(text, m.start())))
        .map(|m| Placeholder {
            text: m.as_str().to_string(),
            start: m.start(),
            end: m.end(),
        })
        .collect()
}

/// True when the text before `at` ends with a digit, spaces aside (« 4% », « 50 % »).
fn after_figure(text: &str, at: usize) -> bool {
    text[..at]
        .trim_end_matches([' ', '\u{A0}', '\u{202F}'])
        .ends_with(|c: char| c.is_ascii_digit())
}

/// The form compared: printf's argument position dropped (`%2$s` ≡ `%s`), since a
/// translation may reorder its arguments.
fn canonical(p: &str) -> String {
    let mut p = p.to_string();
    if let Some(rest) = p.strip_prefix('%') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with('$') {
            p = format!("%{}", &rest[digits + 1..]);
        }
    }
    // « %lf » prints a double exactly as « %f » does.
    if p.starts_with('%') && p.ends_with("lf") {
        p.replace_range(p.len() - 2.., "f");
    }
    p
}

/// Source placeholders missing from the target, and target placeholders the source does
/// not have (multisets: order may change).
pub fn diff<'a>(
    source: &'a [Placeholder],
    target: &'a [Placeholder],
) -> (Vec<&'a Placeholder>, Vec<&'a Placeholder>) {
    let mut used = vec![false; target.len()];
    let mut missing = Vec::new();
    for s in source {
        let key = canonical(&s.text);
        match (0..target.len()).find(|&i| !used[i] && canonical(&target[i].text) == key) {
            Some(i) => used[i] = true,
            None => missing.push(s),
        }
    }
    let added = target
        .iter()
        .enumerate()
        .filter(|&(i, _)| !used[i])
        .map(|(_, t)| t)
        .collect();
    (missing, added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str, space: bool) -> Vec<String> {
        find(s, space).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn kinds() {
        assert_eq!(
            texts(
                "%s and %(name)d, %1$s {name} {0} {{ user }} ${HOME} 100%%",
                false
            ),
            [
                "%s",
                "%(name)d",
                "%1$s",
                "{name}",
                "{0}",
                "{{ user }}",
                "${HOME}"
            ]
        );
    }

    #[test]
    fn french_percent_is_not_a_placeholder() {
        assert!(texts("50 % des utilisateurs", false).is_empty());
        assert_eq!(texts("% d", true), ["% d"]);
        assert!(texts("Revenue rose 4% to $39.2 billion, 50 % of it", true).is_empty());
    }

    #[test]
    fn renamed_and_reordered() {
        let s = find("%(count)d of %(total)d", false);
        let t = find("%(total)d : %(count)d", false);
        assert_eq!(diff(&s, &t), (vec![], vec![]));
        let t = find("%2$s créé le %1$u", false);
        assert_eq!(
            diff(&find("%u bits, created %s", false), &t),
            (vec![], vec![])
        );
        assert_eq!(
            diff(
                &find("Every %.1fs: %pB", false),
                &find("Toutes les %.1lf s : %pB", false)
            ),
            (vec![], vec![])
        );
        let t = find("%(nombre)d sur %(total)d", false);
        let (m, a) = diff(&s, &t);
        assert_eq!(m[0].text, "%(count)d");
        assert_eq!(a[0].text, "%(nombre)d");
    }
}
