//! `ellipsis`: « etc. » followed by suspension points (« etc... »), and three full stops
//! written for the ellipsis character (« ... » for « … »).

use super::typography::{Prose, is_plain_word, merged};
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};

pub struct Ellipsis;

static META: RuleMeta = RuleMeta {
    id: "ellipsis",
    category: Category::Punctuation,
    severity: Severity::Warning,
    summary: "« etc... » pour « etc. », trois points pour les points de suspension « … ».",
    doc: RuleDoc {
        what: "Signale « etc. » suivi de points de suspension (« etc... », « etc… », « etc.. ») \
               : avertissement, correction sûre en « etc. ». Signale aussi trois points \
               « ... » collés à un mot au lieu du caractère « … » (info, correction sûre). Ne \
               signale pas les points entre crochets ou parenthèses (« [...] » d'une syntaxe de \
               commande), après une espace ou un mot en capitales (« FICHIER... »), ni dans le \
               code ou une phrase en anglais.",
        why: "« Etc. » signifie déjà « et le reste » : lui ajouter des points de suspension est \
              un pléonasme, et son point abréviatif suffit. Les points de suspension sont un \
              seul caractère, que la composition n'écarte ni ne coupe.",
        example: "Meta, Google, Amazon, etc... conçoivent leurs puces. Chargement...",
        instead: "Meta, Google, Amazon, etc. conçoivent leurs puces. Chargement…",
    },
};

/// The places the rule judges, in order, as (offset, points): each run of two points or
/// more, with its length, and each « … », with 0. (A lone point is a full stop, or part of
/// a path or a number: never suspension points nor three points.) Found by memmem: the
/// rest of the text is not read.
fn places(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    // Where the run of points found last ends (a run of four holds two « .. »).
    let mut judged = 0;
    merged(
        memchr::memmem::find_iter(bytes, ".."),
        // (« … » by its last byte: see `char_offsets`.)
        super::typography::char_offsets(bytes, '…'),
    )
    .filter_map(move |i| {
        if i < judged {
            return None;
        }
        let dots = if bytes[i] == b'.' {
            bytes[i..].iter().take_while(|&&b| b == b'.').count()
        } else {
            0
        };
        judged = i + dots.max(1);
        Some((i, dots))
    })
}

impl Rule for Ellipsis {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let text = &cx.doc.text;
        let bytes = text.as_bytes();
        for (i, dots) in places(bytes) {
            let len = if dots == 0 { '…'.len_utf8() } else { dots };
            let (start, end) = (i, i + len);
            // « etc... », « etc… », « etc.. », « etc ... ».
            let head = text[..start].trim_end_matches(' ');
            let etc = head.len() >= 3
                && head
                    .get(head.len() - 3..)
                    .is_some_and(|w| w.eq_ignore_ascii_case("etc"))
                && !head[..head.len() - 3]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let after_etc = etc && (dots == 0 || (2..=4).contains(&dots));
            // Only dots after « etc » and three dots are judged: the other points (most are
            // full stops) are left before their line is looked up.
            if (!after_etc && dots != 3)
                || !(start..end).all(|x| p.visible(x))
                || p.is_code_at(start)
            {
                continue;
            }
            if after_etc {
                let s = head.len() - 3;
                let found = &text[s..end];
                out.push(
                    Diagnostic::new(
                        META.id,
                        META.category,
                        Severity::Warning,
                        Span::new(s, end),
                        format!(
                            "« {found} » : « etc. » n'est jamais suivi de points de suspension."
                        ),
                    )
                    .with_replacements([format!("{}.", &text[s..s + 3])]),
                );
                continue;
            }
            if dots != 3 {
                continue;
            }
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            // The syntax of a command: « [ fichier... ] », « [-V] tâche... ».
            let line = cx
                .doc
                .lines
                .line_text(&cx.doc.view, cx.doc.lines.line_of(start));
            if text[end..].trim_start_matches(' ').starts_with(']')
                || line.contains("[-")
                || line.contains("[ -")
            {
                continue;
            }
            if !before.is_some_and(char::is_alphabetic)
                || after.is_some_and(|a| {
                    a.is_alphanumeric() || matches!(a, ']' | ')' | '_' | '/' | '.')
                })
                || !is_plain_word(
                    p.word_before(start)
                        .trim_start_matches(['(', '['].as_slice()),
                )
                || p.word_before(start).starts_with('[')
                || p.word_before(start)
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                || p.is_english_at(start)
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    META.id,
                    META.category,
                    Severity::Info,
                    Span::new(start, end),
                    "trois points : les points de suspension s'écrivent avec un seul caractère, « … ».",
                )
                .with_replacements(["…"]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::testing::check_with;

    const G: &str = "[glossary]\nname='t'\n";

    /// `places` finds every run of two points or more and every « … », as a plain scan does.
    #[test]
    fn places_are_those_of_a_plain_scan() {
        let pieces = [".", ".", "…", "a", " ", "etc", "é", "\n", "...", "....."];
        let mut rng = crate::testing::Rng::new(0x0e11_1951);
        for _ in 0..20_000 {
            let t = rng.string(&pieces, 16);
            let b = t.as_bytes();
            let mut plain = Vec::new();
            for i in 0..b.len() {
                if b[i] == b'.' && (i == 0 || b[i - 1] != b'.') {
                    let n = b[i..].iter().take_while(|&&x| x == b'.').count();
                    if n >= 2 {
                        plain.push((i, n));
                    }
                } else if b[i..].starts_with("…".as_bytes()) {
                    plain.push((i, 0));
                }
            }
            assert_eq!(super::places(b).collect::<Vec<_>>(), plain, "{t:?}");
        }
    }

    fn ellipses(text: &str) -> Vec<(Severity, String)> {
        check_with(G, text)
            .into_iter()
            .filter(|d| d.rule == "ellipsis")
            .map(|d| (d.severity, d.suggestions[0].replacement.clone()))
            .collect()
    }

    #[test]
    fn etc_with_suspension_points() {
        for t in [
            "Meta, Google, etc... conçoivent",
            "Meta, Google, etc… conçoivent",
            "Meta, Etc.. et",
            "Meta etc ...",
        ] {
            let d = ellipses(t);
            assert_eq!(d.len(), 1, "{t}");
            assert_eq!(d[0].0, Severity::Warning);
        }
        assert_eq!(ellipses("Meta, Google, Etc...")[0].1, "Etc.");
    }

    #[test]
    fn three_dots() {
        assert_eq!(
            ellipses("Chargement..."),
            [(Severity::Info, "…".to_string())]
        );
        assert_eq!(
            ellipses("Il hésita... puis partit."),
            [(Severity::Info, "…".to_string())]
        );
    }

    #[test]
    fn syntax_code_and_correct_forms_are_left() {
        for t in [
            "at -c tâche [...]",
            "Usage : sotruss [OPTION...] [--] EXECUTABLE",
            "atq [-V] [tâche ...]",
            "int printf(const char *format, ...);",
            "Meta, Google, etc. conçoivent… des puces.",
            "Voir le répertoire ../lib et le fichier a...b",
            "Loading the data...",
            "spécification_de_temps...",
            "filefrag [ -bblocksize ] [ files... ]",
        ] {
            assert!(ellipses(t).is_empty(), "{t}: {:?}", ellipses(t));
        }
    }
}
