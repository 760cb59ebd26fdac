//! `double-space`: two spaces between two words (« la  puce »).

use super::typography::Prose;
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};

pub struct DoubleSpace;

static META: RuleMeta = RuleMeta {
    id: "double-space",
    category: Category::Punctuation,
    severity: Severity::Info,
    summary: "Deux espaces de suite entre deux mots.",
    doc: RuleDoc {
        what: "Signale exactement deux espaces ordinaires de suite entre deux mots d'une ligne, \
               y compris après un point. Ne signale pas l'indentation en début de ligne, les \
               espaces de fin de ligne, les alignements en colonnes (trois espaces ou plus, \
               lignes indentées, plusieurs doubles espaces sur une ligne, aide d'options en \
               « -o, --option  texte »), ni le code.",
        why: "Une espace double est une coquille de saisie (ou l'usage des machines à écrire \
              après un point) ; elle se voit dans un texte justifié et gêne la recherche.",
        example: "Meta teste une  puce d'entraînement.  Elle sort en 2026.",
        instead: "Meta teste une puce d'entraînement. Elle sort en 2026.",
    },
};

/// The lines that hold two spaces in a row, in order: one search over the whole text,
/// which goes on from the next line once a line is found (a PO file's indented lines hold
/// many, each looked up by `LineIndex::lines_of`). Each line is found from the one after
/// the last (`LineIndex::line_of_from`): a bisection of all the lines for each was a third
/// of the rule's time on the PO text (4,600 lines).
fn doubled_lines(doc: &crate::document::Document) -> Vec<usize> {
    let finder = memchr::memmem::Finder::new(b"  ");
    let bytes = doc.text.as_bytes();
    let mut lines = Vec::new();
    let (mut from, mut next) = (0, 0);
    while let Some(k) = finder.find(&bytes[from..]) {
        let line = doc.lines.line_of_from(next, from + k);
        lines.push(line);
        if line + 1 == doc.lines.len() {
            break;
        }
        next = line + 1;
        from = doc.lines.line_start(next);
    }
    lines
}

impl Rule for DoubleSpace {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let doc = cx.doc;
        for line in doubled_lines(doc) {
            let text = doc.lines.line_text(&doc.text, line);
            let start = doc.lines.line_start(line);
            // (The line's facts asked by its index, where `is_code_at` and `is_listing_at`
            // found it again from its start, a bisection of all the lines; the doubled runs
            // counted as they come, where two lists were made a line; the view's line read
            // only for a line that gets that far. 4,600 lines on the PO text.)
            if text.starts_with([' ', '\t']) || p.line_is_code(line) || p.line_is_listing(line) {
                continue;
            }
            // More than one double space on a line: columns.
            let mut doubled = space_runs(text).filter(|r| r.1 - r.0 >= 2);
            let (Some((s, e)), None) = (doubled.next(), doubled.next()) else {
                continue;
            };
            if e - s != 2
                || e == text.len()
                || s == 0
                || !(start + s - 1..=start + e).all(|i| p.visible(i))
                || doc.lines.line_text(&doc.view, line)[..s].trim().is_empty()
            {
                continue;
            }
            // « -S, --split=S  traiter »: the help of a command's options.
            let first = text.split_whitespace().next().unwrap_or("");
            if first.starts_with('-')
                || text[..s]
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| w.starts_with('-'))
            {
                continue;
            }
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            if !before.is_some_and(|c| c.is_alphanumeric() || ".,;:!?»)…’\"".contains(c))
                || !after.is_some_and(|c| c.is_alphanumeric() || "«(\"".contains(c))
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    META.severity,
                    Span::new(start + s, start + e),
                    "deux espaces de suite : une seule suffit.",
                )
                .with_replacements([" "]),
            );
        }
    }
}

/// The runs of ordinary spaces of a line: (start, end) byte offsets.
fn space_runs(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && b[i] != b' ' {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let s = i;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        Some((s, i))
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::check_with;

    const G: &str = "[glossary]\nname='t'\n";

    /// `doubled_lines` finds the lines `LineIndex::lines_of` finds from every double space.
    #[test]
    fn doubled_lines_are_those_of_every_match() {
        let pieces = [" ", " ", "  ", "a", "\n", "\r\n", "é", "\t"];
        let mut rng = crate::testing::Rng::new(0x0d0b_1e55);
        for _ in 0..20_000 {
            let doc = crate::document::Document::from_str(&rng.string(&pieces, 24));
            let all = doc
                .lines
                .lines_of(memchr::memmem::find_iter(doc.text.as_bytes(), b"  "));
            assert_eq!(super::doubled_lines(&doc), all, "{:?}", doc.text);
            // (The rule asks a line's facts by its index: that of its start.)
            for &l in &all {
                assert_eq!(
                    doc.lines.line_of(doc.lines.line_start(l)),
                    l,
                    "{:?}",
                    doc.text
                );
            }
        }
    }

    fn doubles(text: &str) -> usize {
        check_with(G, text)
            .iter()
            .filter(|d| d.rule == "double-space")
            .count()
    }

    #[test]
    fn two_spaces_between_words() {
        let d = check_with(G, "Meta teste une  puce.");
        let d: Vec<_> = d.iter().filter(|d| d.rule == "double-space").collect();
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].span.start, d[0].span.end), (14, 16));
        assert_eq!(d[0].suggestions[0].replacement, " ");
        assert_eq!(doubles("Fin de la phrase.  Début de la suivante."), 1);
    }

    #[test]
    fn indentation_columns_and_code_are_not_judged() {
        assert_eq!(doubles("  Indenté au début de la ligne."), 0);
        assert_eq!(doubles("Espace en fin de ligne.  \nSuite."), 0);
        assert_eq!(doubles("Taille des pointeurs:     %d"), 0);
        assert_eq!(doubles("Nom  Valeur  Type"), 0);
        assert_eq!(
            doubles("-S, --split-string=S  traiter et scinder S en groupes"),
            0
        );
        assert_eq!(doubles("int  x = 1;"), 0);
        assert_eq!(doubles("La valeur\u{A0} est lue."), 0);
    }
}
