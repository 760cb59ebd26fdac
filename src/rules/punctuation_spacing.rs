//! `punctuation-spacing`: the spaces French typography wants around « : ; ! ? » and inside
//! « », missing, breaking where they should not break, or put before « , » and « . ».

use super::typography::{
    BARRIER_CHAR, InOrder, Prose, Variant, is_breaking_space, is_nb_space, is_plain_word,
    variant_name,
};
use super::{Context, Rule, RuleDoc, RuleMeta};
use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::hint::prefetch;

pub struct PunctuationSpacing;

static META: RuleMeta = RuleMeta {
    id: "punctuation-spacing",
    category: Category::LocaleConvention,
    severity: Severity::Warning,
    summary: "Espace manquante, sécable ou fautive autour de la ponctuation (« mot: », « mot , »).",
    doc: RuleDoc {
        what: "Signale trois défauts d'espacement de la ponctuation. Espace manquante : « mot: », \
               « mot! », « «mot» » (avertissement). Espace ordinaire là où une espace insécable \
               est due, avant « : ; ! ? » et « » » ou après « « » (info : elle est invisible dans \
               la plupart des éditeurs et très répandue ; quand elle fait plus d'une espace sur \
               cinq devant ces signes, c'est une habitude du texte et non un oubli : elle n'est \
               signalée qu'une fois, à sa première occurrence, avec le compte). Dans un message \
               de programme (une ligne qui contient une variable « %s », « {nom} », « %1 »), \
               l'espace manquante n'est qu'une info : le format du message peut l'imposer. Espace fautive avant une virgule ou un \
               point : « mot , suite » (avertissement). L'espace insécable normale (U+00A0) et \
               l'espace fine insécable (U+202F) sont acceptées partout, sans préférence. \
               Variantes (réglage `variant`) : fr-FR et fr-BE (défaut) : insécable avant « : » et \
               à l'intérieur des guillemets, fine insécable ou insécable avant « ; ! ? » ; fr-CA \
               (usage de l'OQLF) : pas d'espace avant « ; ! ? » (une espace fine y est tolérée, \
               une espace ordinaire est signalée en info et sa suppression proposée), insécable \
               avant « : » et dans les guillemets ; fr-CH (usage romand) : espace fine insécable \
               avant « ; : ! ? » et dans les guillemets, que les corrections insèrent. Ne juge \
               pas le code ni ce qui est masqué (URL, balises), ni les heures et rapports \
               (« 10:30 », « 16:9 »), les doubles signes (« ?? », « ?! »), les émoticônes, les \
               identifiants (« Acquire::http », « serverSettings: »), les mots en capitales \
               (« NOTE: », souvent des clés) ni les phrases en anglais.",
        why: "En français, les signes doubles (« : ; ! ? ») et les guillemets sont séparés du mot \
              par une espace ; insécable, elle empêche le signe d'être rejeté seul en début de \
              ligne. Le signe collé est une convention anglaise qui trahit la traduction.",
        example: "Selon Reuters: la puce est « prête».",
        instead: "Selon Reuters\u{A0}: la puce est «\u{A0}prête\u{A0}».",
    },
};

/// Where a fix inserts a non-breaking space, and which: a sign « : » or « ; ! ? ».
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// « : », « « » and « » »: a full non-breaking space (fine in fr-CH).
    Colon,
    /// « ; ! ? »: a narrow one.
    Semi,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Missing,
    Breaking,
    /// A space before « ; ! ? » where fr-CA wants none.
    Superfluous,
    Wrong,
}

struct Finding {
    kind: Kind,
    span: Span,
    sign: char,
    class: Class,
    /// The replacement: the sign, and where the non-breaking space goes.
    before_sign: bool,
}

impl Rule for PunctuationSpacing {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let p = Prose::new(cx.doc);
        let variant = cx.settings.variant;
        let text = &cx.doc.text;
        let mut findings: Vec<Finding> = Vec::new();
        // Non-breaking spaces already used, per class: (U+00A0, U+202F).
        let mut used = [(0usize, 0usize); 2];
        let mut note_used = |class: Class, c: char| {
            let u = &mut used[class as usize];
            if c == '\u{202F}' { u.1 += 1 } else { u.0 += 1 }
        };
        let mut open: Vec<usize> = Vec::new();
        // The signs are found on bytes (« and » are C2 AB and C2 BB in UTF-8, and C2 is
        // never inside another character): no character is decoded; the line is followed
        // from sign to sign.
        let bytes = text.as_bytes();
        let lines = &cx.doc.lines;
        let mut line = 0;
        // (The signs come in order: the sentence of each is found by walking the sentences.)
        let mut english = p.in_order();
        let view = cx.doc.view.as_bytes();
        let signs = sign_offsets(&p);
        for (n, &i) in signs.iter().enumerate() {
            // (The signs lie far apart, and the pass that found them read their bytes long
            // before: the first read of each sign's byte missed the caches, 37 % of the
            // rule's time samples on the PO text. The bytes of the text and of the view a
            // few signs ahead are asked for now, read by `high`, `low` and `quote_pair`.)
            if let Some(&ahead) = signs.get(n + SIGNS_AHEAD) {
                prefetch(&bytes[ahead]);
                prefetch(&view[ahead]);
            }
            let c = match bytes[i] {
                b':' | b';' | b'!' | b'?' | b',' | b'.' => bytes[i] as char,
                0xC2 if bytes.get(i + 1) == Some(&0xAB) => '«',
                0xC2 if bytes.get(i + 1) == Some(&0xBB) => '»',
                _ => continue,
            };
            // « , » and « . » matter only after a space (`low`); most follow a letter.
            if matches!(c, ',' | '.') && ends_no_space_run(&bytes[..i]) {
                continue;
            }
            // (A quotation left open at the end of a line is dropped.)
            while line + 1 < lines.len() && lines.line_start(line + 1) <= i {
                line += 1;
                open.clear();
            }
            // (Every sign is one of `Prose::spacing_signs`, the view's: shown as written, as
            // masking writes no sign. Asked of each, `visible` read the view's byte, a cache
            // miss: 68 % of the rule's time on the man pages.)
            if p.line_is_code(line) {
                continue;
            }
            match c {
                '«' => open.push(i),
                '»' => {
                    if let Some(o) = open.pop() {
                        quote_pair(&p, o, i, &mut findings, &mut note_used);
                    }
                }
                ':' | ';' | '!' | '?' => high(
                    &p,
                    &mut english,
                    i,
                    c,
                    variant,
                    &mut findings,
                    &mut note_used,
                ),
                _ => low(&p, &mut english, i, c, &mut findings),
            }
        }
        let breaking = findings.iter().filter(|f| f.kind == Kind::Breaking).count();
        let nb_used: usize = used.iter().map(|u| u.0 + u.1).sum();
        // Breaking spaces are a habit of the text, not a slip: said once, with the count.
        let once = breaking >= 3 && breaking * 5 > breaking + nb_used;
        let mut said = false;
        for f in findings {
            let class_space = |class: Class| {
                let (full, narrow) = used[class as usize];
                if full + narrow > 0 {
                    if narrow > full { '\u{202F}' } else { '\u{A0}' }
                } else if class == Class::Semi || variant == Variant::FrCh {
                    p.nb_space(true)
                } else {
                    p.nb_space(false)
                }
            };
            let nb = class_space(f.class);
            let shown = |c: char| {
                if c == '\u{202F}' {
                    "fine insécable (U+202F)"
                } else {
                    "insécable (U+00A0)"
                }
            };
            let sign = f.sign;
            // (Made only for a finding that is reported: one left out, a breaking space of a
            // habit said once or of settings that want none, was formatted for nothing. With
            // `high`'s label test made without `format!` too, the rule's formats on the man
            // pages 5,413 -> 70.)
            let with_space = || {
                if f.before_sign {
                    format!("{nb}{sign}")
                } else {
                    format!("{sign}{nb}")
                }
            };
            let (severity, message, replacement) = match f.kind {
                Kind::Missing => (
                    // A program's message (« %s: erreur: ») may keep its format.
                    if p.has_placeholder_at(f.span.start) {
                        Severity::Info
                    } else {
                        Severity::Warning
                    },
                    if sign == '«' {
                        "« « » sans espace après : le français met une espace insécable à l'intérieur des guillemets.".to_string()
                    } else if sign == '»' {
                        "« » » sans espace avant : le français met une espace insécable à l'intérieur des guillemets.".to_string()
                    } else {
                        format!(
                            "« {sign} » collé au mot : le français met une espace {} avant ce signe.",
                            shown(nb)
                        )
                    },
                    with_space(),
                ),
                Kind::Breaking => {
                    let Some(severity) = cx.settings.breaking_space else {
                        continue;
                    };
                    if once && said {
                        continue;
                    }
                    said = true;
                    let place = if sign == '«' {
                        "après « « »".to_string()
                    } else {
                        format!("avant « {sign} »")
                    };
                    let mut m = format!(
                        "espace ordinaire {place} : une espace {} évite que le signe soit rejeté seul en début de ligne.",
                        shown(nb)
                    );
                    if once {
                        m.push_str(&format!(
                            " Le texte emploie l'espace ordinaire {breaking} fois devant les signes doubles ou dans les guillemets (l'insécable {nb_used} fois) : c'est une habitude, seule la première occurrence est signalée."
                        ));
                    }
                    (severity, m, with_space())
                }
                Kind::Superfluous => (
                    Severity::Info,
                    format!(
                        "espace avant « {sign} » : l'usage {} n'en met pas (une espace fine insécable est tolérée).",
                        variant_name(variant)
                    ),
                    sign.to_string(),
                ),
                Kind::Wrong => (
                    Severity::Warning,
                    format!("espace avant « {sign} » : ce signe se colle au mot qui le précède."),
                    sign.to_string(),
                ),
            };
            out.push(
                Diagnostic::new(META.id, META.category, severity, f.span, message)
                    .with_replacements([replacement]),
            );
        }
    }
}

/// The offsets of the bytes that may be a sign the rule judges, in order: the view's
/// « : ; ! ? », its « , » and « . » after a byte that may end a breaking space, and the
/// first byte of its « and » (`Prose::spacing_signs`, the visible ones of the text). (The
/// quotes were found by a search of the text for C2, merged with the others.)
fn sign_offsets<'p>(p: &'p Prose) -> &'p [usize] {
    p.spacing_signs()
}

/// How many signs ahead of the one judged `check` asks for the bytes of the text and the
/// view (`prefetch`).
const SIGNS_AHEAD: usize = 8;

/// The offsets the rule looked at before `Prose::spacing_signs`: « : ; ! ? , . » and C2 in
/// the text, by three memchr searches merged.
#[cfg(test)]
fn every_sign_offset(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    use super::typography::merged;
    merged(
        merged(
            memchr::memchr3_iter(b':', b';', b'!', bytes),
            memchr::memchr3_iter(b'?', b',', b'.', bytes),
        ),
        memchr::memchr_iter(0xC2, bytes),
    )
}

/// The run of breaking spaces that ends at `end` (same line); its start.
fn space_run_before(p: &Prose, end: usize) -> usize {
    let text = &p.doc.text[..end];
    if ends_no_space_run(text.as_bytes()) {
        return end;
    }
    text.char_indices()
        .rev()
        .take_while(|&(q, c)| is_breaking_space(c) && p.visible(q))
        .last()
        .map_or(end, |(q, _)| q)
}

/// True when `before` (the text before a sign) ends with no run of breaking spaces for
/// certain, read on its last byte: most signs follow a letter, and an ASCII byte that is not
/// a breaking space ends no run (a byte beyond ASCII needs its character decoded).
fn ends_no_space_run(before: &[u8]) -> bool {
    before
        .last()
        .is_none_or(|&b| b.is_ascii() && !matches!(b, b' ' | b'\t' | 0x0B | 0x0C))
}

fn space_run_after(p: &Prose, start: usize) -> usize {
    let text = &p.doc.text[start..];
    text.char_indices()
        .take_while(|&(q, c)| is_breaking_space(c) && p.visible(start + q))
        .last()
        .map_or(start, |(q, c)| start + q + c.len_utf8())
}

/// A character that may stand right before a spaced sign: the end of a word or a number,
/// or a closing bracket, quote or point.
fn ends_a_word(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(
            c,
            ')' | ']' | '»' | '"' | '”' | '’' | '.' | '…' | '%' | '°' | BARRIER_CHAR
        )
}

/// « : ; ! ? »
fn high(
    p: &Prose,
    english: &mut InOrder,
    i: usize,
    c: char,
    variant: Variant,
    out: &mut Vec<Finding>,
    used: &mut impl FnMut(Class, char),
) {
    let class = if c == ':' { Class::Colon } else { Class::Semi };
    let next = p.after(i).map(|x| x.1);
    let prev = p.before(i).map(|x| x.1);
    // Doubled signs (« ?? », « ?! », « :: »), emoticons (« :) »), times, ratios, keys.
    let doubled = |x: Option<char>| {
        x.is_some_and(|x| x == c || (matches!(c, '!' | '?') && matches!(x, '!' | '?')))
    };
    if doubled(next) || doubled(prev) {
        return;
    }
    let next_ok = match next {
        None => true,
        Some(n) => {
            n.is_whitespace()
                || (matches!(c, '!' | '?') && matches!(n, '»' | ')' | '"' | '”' | '’' | ']'))
        }
    };
    if !next_ok || english.is_english_at(i) {
        return;
    }
    let start = space_run_before(p, i);
    let end = i + c.len_utf8();
    if start < i {
        let Some((_, before)) = p.before(start) else {
            return;
        };
        if !ends_a_word(before) || before == BARRIER_CHAR {
            return;
        }
        // « 3 : 1 » is a score or a ratio.
        if c == ':'
            && before.is_ascii_digit()
            && next_word(p, end).starts_with(|x: char| x.is_ascii_digit())
        {
            return;
        }
        let kind = if variant == Variant::FrCa && class == Class::Semi {
            Kind::Superfluous
        } else {
            Kind::Breaking
        };
        out.push(Finding {
            kind,
            span: Span::new(start, end),
            sign: c,
            class,
            before_sign: true,
        });
        return;
    }
    let Some(prev) = prev else { return };
    if is_nb_space(prev) {
        used(class, prev);
        return;
    }
    if !prev.is_alphabetic() || (variant == Variant::FrCa && class == Class::Semi) {
        return;
    }
    let word = p.word_before(i);
    let letters: Vec<char> = word.chars().filter(|x| x.is_alphabetic()).collect();
    if !is_plain_word(word) || letters.iter().all(|x| x.is_uppercase()) {
        return;
    }
    // A line that is a single « mot: » is a label of code (« default: ») or of a listing.
    let line = p.doc.lines.line_of(i);
    let line_start = p.doc.lines.line_start(line);
    let text = p.doc.lines.line_text(&p.doc.view, line);
    let (head, tail) = text.split_at((i - line_start).min(text.len()));
    // A quoted literal of one token (« Préfixe « sof: » manquant »).
    if let (Some(open), Some(close)) = (head.rfind('«'), tail.find('»')) {
        let inner = format!("{}{}", &head[open + '«'.len_utf8()..], &tail[..close]);
        if !head[open..].contains('»') && !inner.trim().contains(char::is_whitespace) {
            return;
        }
    }
    // C declarations and shell commands (« u64 start; », « mkdir foo; cd .. »).
    if c == ';' {
        let before_word = head
            .trim_end_matches(|x: char| x.is_alphanumeric() || x == '_')
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        if C_TYPES.contains(&before_word) || SHELL_WORDS.contains(&next_word(p, end)) {
            return;
        }
    }
    // (Compared without making « {word}{c} »: an allocation per sign that got this far.)
    if p.doc
        .lines
        .line_text(&p.doc.view, line)
        .trim()
        .strip_suffix(c)
        .is_some_and(|t| t == word)
    {
        return;
    }
    // A key followed by a value: « enabled: true », « exemple: { », « Class: 0x02 »,
    // « release: stable » at the end of a line, a listing; a URI scheme (« about: »).
    if c == ':' {
        let after = next_word(p, end);
        let rest = p.doc.lines.line_text(&p.doc.view, p.doc.lines.line_of(i));
        let rest = &rest[end - p.doc.lines.line_start(p.doc.lines.line_of(i))..];
        if after.starts_with(['{', '[', '"', '\'', '<', '$', '%', '/', '-', '.', '#'])
            || after.starts_with(|x: char| x.is_ascii_digit())
            || matches!(
                after.trim_end_matches(','),
                "true" | "false" | "null" | "None" | "yes" | "no"
            )
            || (rest.split_whitespace().count() == 1
                && !is_plain_word(
                    rest.trim()
                        .trim_end_matches(['.', '!', '?'])
                        .trim_end_matches('-'),
                ))
            || (rest.split_whitespace().count() == 1 && rest.contains('-'))
            || p.is_listing_at(i)
            || URI_SCHEMES.contains(&word.to_lowercase().as_str())
        {
            return;
        }
    }
    out.push(Finding {
        kind: Kind::Missing,
        span: Span::new(i, end),
        sign: c,
        class,
        before_sign: true,
    });
}

/// Types of C declarations (« u64 start; »).
const C_TYPES: &[&str] = &[
    "int", "char", "long", "short", "unsigned", "signed", "void", "float", "double", "bool",
    "size_t", "ssize_t", "off_t", "pid_t", "uid_t", "gid_t", "u8", "u16", "u32", "u64", "s8",
    "s16", "s32", "s64", "__u8", "__u16", "__u32", "__u64", "__s32", "__s64", "uint8_t",
    "uint16_t", "uint32_t", "uint64_t", "int8_t", "int16_t", "int32_t", "int64_t", "struct",
];

/// Shell commands and keywords that follow « ; » in a command line (« mkdir foo; cd .. »).
const SHELL_WORDS: &[&str] = &[
    "cd", "ls", "echo", "mkdir", "chroot", "rm", "cp", "mv", "cat", "make", "export", "then", "do",
    "done", "fi", "else", "exit", "sudo", "chmod", "chown", "ln", "touch", "grep", "sed", "set",
    "unset", "return", "break", "continue", "esac", "true", "false", "sleep", "kill",
];

/// Written alone, these are URI schemes (« le préfixe memfd: »), not words.
const URI_SCHEMES: &[&str] = &[
    "about",
    "data",
    "file",
    "ftp",
    "git",
    "http",
    "https",
    "irc",
    "javascript",
    "mailto",
    "memfd",
    "news",
    "sftp",
    "ssh",
    "tel",
    "urn",
];

/// The first word after the white space that follows `at`.
fn next_word<'a>(p: &Prose<'a>, at: usize) -> &'a str {
    let rest = &p.doc.text[at..];
    let skip = rest.len()
        - rest
            .trim_start_matches([' ', '\t', '\u{A0}', '\u{202F}'])
            .len();
    if rest[skip..].starts_with('\n') {
        return "";
    }
    p.word_at(at + skip)
}

/// « , » and « . » after a space.
fn low(p: &Prose, english: &mut InOrder, i: usize, c: char, out: &mut Vec<Finding>) {
    let start = space_run_before(p, i);
    if start == i {
        return;
    }
    let end = i + 1;
    let next = p.after(i).map(|x| x.1);
    if !next.is_none_or(char::is_whitespace) {
        return;
    }
    let Some((_, before)) = p.before(start) else {
        return;
    };
    let word = p.word_before(start);
    // « l'opérateur , convertit » names the sign; « AB , VIRGULE » is a table.
    if !before.is_alphabetic()
        || !is_plain_word(word)
        || !word.chars().any(char::is_lowercase)
        || SIGN_NAMES.contains(&word.to_lowercase().as_str())
    {
        return;
    }
    if c == '.' {
        // « cd . », « find . -name »: a path; a sentence ends before a capital or a line end.
        let after = next_word(p, end);
        if !(after.is_empty() || after.starts_with(char::is_uppercase)) {
            return;
        }
        if english.is_english_at(i) && p.word_before(start).len() <= 3 {
            return;
        }
    }
    out.push(Finding {
        kind: Kind::Wrong,
        span: Span::new(start, end),
        sign: c,
        class: Class::Colon,
        before_sign: true,
    });
}

/// Words after which a sign is the subject of the sentence, not its punctuation.
const SIGN_NAMES: &[&str] = &[
    "opérateur",
    "caractère",
    "signe",
    "séparateur",
    "symbole",
    "délimiteur",
    "virgule",
    "point",
];

/// A pair « … » on one line.
fn quote_pair(
    p: &Prose,
    open: usize,
    close: usize,
    out: &mut Vec<Finding>,
    used: &mut impl FnMut(Class, char),
) {
    let after_open = open + '«'.len_utf8();
    // A quoted literal (« «;,» », « «aaa» », « «\ fin\ » ») keeps its exact characters.
    let inner = p.doc.text[after_open..close].trim_matches(|c: char| c.is_whitespace());
    if inner.contains('\\')
        || !inner.chars().any(char::is_alphabetic)
        || (inner.chars().count() <= 3 && !inner.contains(' '))
    {
        return;
    }
    match p.at(after_open) {
        Some((_, c)) if is_nb_space(c) => used(Class::Colon, c),
        Some((q, c)) if is_breaking_space(c) && q == after_open => {
            let end = space_run_after(p, after_open);
            if end < close {
                out.push(Finding {
                    kind: Kind::Breaking,
                    span: Span::new(open, end),
                    sign: '«',
                    class: Class::Colon,
                    before_sign: false,
                });
            }
        }
        Some((q, c)) if q < close && !c.is_whitespace() => {
            out.push(Finding {
                kind: Kind::Missing,
                span: Span::new(open, after_open),
                sign: '«',
                class: Class::Colon,
                before_sign: false,
            });
        }
        _ => {}
    }
    let end = close + '»'.len_utf8();
    let start = space_run_before(p, close);
    if start < close {
        if start > after_open && p.before(start).is_some_and(|(_, c)| !c.is_whitespace()) {
            out.push(Finding {
                kind: Kind::Breaking,
                span: Span::new(start, end),
                sign: '»',
                class: Class::Colon,
                before_sign: true,
            });
        }
        return;
    }
    match p.before(close) {
        Some((_, c)) if is_nb_space(c) => used(Class::Colon, c),
        Some((q, c)) if q >= after_open && !c.is_whitespace() => {
            out.push(Finding {
                kind: Kind::Missing,
                span: Span::new(close, end),
                sign: '»',
                class: Class::Colon,
                before_sign: true,
            });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Variant;
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::rules::RuleSettings;

    /// The offsets the rule reads (`sign_offsets`) hold every sign it judges: those of the
    /// three searches of the text it made before, once the signs that cannot give a finding
    /// are left out of both (a masked one; a « , » or « . » without a visible breaking
    /// space before it, where `low` returns at once). The rule asks no sign whether it is
    /// visible: `sign_offsets` is not filtered on visibility here, and holds no masked
    /// sign (« and » within masked code and comments among them).
    #[test]
    fn signs_of_the_view_are_those_of_the_text() {
        let pieces = [
            "a",
            "é",
            " ",
            "\t",
            "\u{B}",
            "\u{A0}",
            "\u{2009}",
            ",",
            ".",
            ":",
            ";",
            "!",
            "?",
            "«",
            "»",
            "\n",
            "\r\n",
            "http://a.b/c:d",
            "`x, y`",
            "<!-- a. -->",
            "`«x» y`",
            "<!-- «a» -->",
            "’",
            "1",
            "…",
            " .",
            " ,",
            "www.x.fr",
            "a@b.fr",
        ];
        let mut rng = crate::testing::Rng::new(0x5165_5ac1);
        for _ in 0..5_000 {
            let text = rng.string(&pieces, 30);
            let doc = crate::document::Document::from_str(&text);
            let p = super::Prose::new(&doc);
            let b = text.as_bytes();
            let sign = |&i: &usize| match b[i] {
                b',' | b'.' => super::space_run_before(&p, i) < i,
                b':' | b';' | b'!' | b'?' => true,
                0xC2 => matches!(b.get(i + 1), Some(0xAB | 0xBB)),
                _ => false,
            };
            let judged = |i: &usize| sign(i) && p.visible(*i);
            let before: Vec<usize> = super::every_sign_offset(b).filter(judged).collect();
            let now: Vec<usize> = super::sign_offsets(&p)
                .iter()
                .copied()
                .filter(sign)
                .collect();
            assert_eq!(now, before, "{text:?}");
        }
    }

    fn check_variant(text: &str, variant: Variant) -> Vec<Diagnostic> {
        let g = crate::glossary::parse("t.toml", "[glossary]\nname='t'\n").unwrap();
        let mut c = crate::check::Checker::new(g);
        c.settings = RuleSettings {
            variant,
            ..RuleSettings::default()
        };
        c.select_rules(|id| id == "punctuation-spacing");
        c.check(&crate::document::Document::from_str(text))
    }

    fn check(text: &str) -> Vec<Diagnostic> {
        check_variant(text, Variant::FrFr)
    }

    /// The text with every fix applied.
    fn fixed(text: &str) -> String {
        let mut t = text.to_string();
        let mut d = check(text);
        d.sort_by_key(|d| std::cmp::Reverse(d.span.start));
        for x in d {
            t.replace_range(x.span.start..x.span.end, &x.suggestions[0].replacement);
        }
        t
    }

    /// A « , » or « . » the loop passes over (no space ends before it, read on one byte) is
    /// one where `low` finds nothing either.
    #[test]
    fn points_passed_over_are_points_low_rejects() {
        let pieces = [
            "mot", "Mot", " ", "\t", "\u{A0}", "\u{202F}", "\u{2009}", ",", ".", "é", "\n", "cd",
            "«", "»", "1",
        ];
        let mut rng = crate::testing::Rng::new(0x90_1575);
        for _ in 0..3_000 {
            let t = rng.string(&pieces, 40);
            let doc = crate::document::Document::from_str(&t);
            let p = super::Prose::new(&doc);
            for (i, c) in t.char_indices().filter(|&(_, c)| matches!(c, ',' | '.')) {
                if super::ends_no_space_run(&t.as_bytes()[..i]) {
                    let mut found = Vec::new();
                    super::low(&p, &mut p.in_order(), i, c, &mut found);
                    assert!(found.is_empty(), "{t:?} at {i}");
                }
            }
        }
    }

    /// The ASCII signs' offsets (`Prose::spacing_signs`, which the rule takes as visible
    /// without asking `Prose::visible`) are visible, on random texts with masked code, URLs
    /// and addresses around and over signs.
    #[test]
    fn spacing_signs_are_visible() {
        use crate::document::Document;
        let pieces = [
            "a",
            " ",
            ":",
            ";",
            "!",
            "?",
            ",",
            ".",
            " ,",
            " .",
            "«",
            "»",
            "\u{A0}",
            "\n",
            "`",
            "`a ; b` ",
            "http://a.fr/?b;c:d ",
            "a.b@c.fr ",
            "<a:b> ",
            "é",
        ];
        let mut rng = crate::testing::Rng::new(0x5167_0b5e);
        let (mut masked, mut signs) = (0, 0);
        for _ in 0..3000 {
            let doc = Document::from_str(&rng.string(&pieces, 30));
            let p = super::Prose::new(&doc);
            for &i in p.spacing_signs() {
                assert!(p.visible(i), "{i} {:?}", doc.text);
                signs += 1;
            }
            masked += usize::from(doc.view.as_bytes() != doc.text.as_bytes());
        }
        assert!(masked > 1000 && signs > 10_000, "{masked} {signs}");
    }

    /// The merged searches find every byte that may be a sign, once, in order.
    #[test]
    fn sign_offsets_are_those_of_a_plain_scan() {
        let pieces = [
            "a",
            " ",
            ":",
            ";",
            "!",
            "?",
            ",",
            ".",
            "«",
            "»",
            "\u{A0}",
            "é",
            "\n",
            "abcdefghijklmnopqrstuvwxyz0123456789",
        ];
        let mut rng = crate::testing::Rng::new(0x5160_0ff5);
        for _ in 0..5_000 {
            let t = rng.string(&pieces, 80);
            let b = t.as_bytes();
            let plain: Vec<usize> = (0..b.len())
                .filter(|&i| b":;!?,.\xC2".contains(&b[i]))
                .collect();
            assert_eq!(
                super::every_sign_offset(b).collect::<Vec<_>>(),
                plain,
                "{t:?}"
            );
        }
    }

    #[test]
    fn missing_spaces_are_warnings() {
        let d = check("Selon Reuters: la puce est prête! Vraiment? Oui; «\u{A0}prête».");
        let sev: Vec<_> = d.iter().map(|d| d.severity).collect();
        assert_eq!(sev, [Severity::Warning; 5], "{d:#?}");
        assert_eq!(
            fixed("Selon Reuters: la puce est prête! «prête»"),
            "Selon Reuters\u{A0}: la puce est prête\u{202F}! «\u{A0}prête\u{A0}»"
        );
    }

    #[test]
    fn breaking_spaces_are_infos() {
        // The text uses non-breaking spaces: each breaking one is a slip.
        let t = "Il dit\u{A0}: oui\u{202F}! Puis : « jamais\u{A0}» et «\u{A0}toujours\u{A0}».";
        let d = check(t);
        assert_eq!(d.len(), 2, "{d:#?}");
        assert!(d.iter().all(|d| d.severity == Severity::Info));
        assert_eq!(d[0].suggestions[0].replacement, "\u{A0}:");
        assert_eq!(d[1].suggestions[0].replacement, "«\u{A0}");
    }

    #[test]
    fn breaking_spaces_as_a_convention_are_said_once() {
        let d = check("Il dit : oui ! Puis : « jamais » et ; enfin ?");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(d[0].message.contains("7 fois"), "{}", d[0].message);
    }

    #[test]
    fn wrong_space_before_comma_and_period() {
        let d = check("La puce , selon Meta , est prête . Elle sort.");
        assert_eq!(d.len(), 3, "{d:#?}");
        assert_eq!(fixed("La puce , dit-il ."), "La puce, dit-il.");
    }

    /// « and » within masked code are not judged (the same quotes shown are).
    #[test]
    fn masked_quotes_are_not_judged() {
        assert!(check("Selon lui, la puce est `«prête»` depuis hier.").is_empty());
        assert_eq!(
            check("Selon lui, la puce est «prête» depuis hier.").len(),
            2
        );
    }

    #[test]
    fn non_breaking_spaces_are_accepted() {
        assert!(check("Note\u{A0}: la puce\u{202F}; «\u{202F}prête\u{202F}» ! ").len() <= 1);
        assert!(check("Note\u{202F}: oui\u{A0}? «\u{A0}prête\u{A0}»").is_empty());
    }

    #[test]
    fn guards_from_real_text() {
        for t in [
            "La réunion commence à 10:30 et l'écran est en 16:9.",
            "Voir https://example.com/a:b et Acquire::http::Proxy pour le mandataire.",
            "Quoi ?? Vraiment ?! Super :) et ;-)",
            "La valeur par défaut est enabled: true dans le fichier.",
            "Le format de sortie est le suivant: {\"a\": 1}",
            "NOTE: le fichier pyls.plugins: est lu.",
            "char ac_flag; /* Attribut de comptabilité */",
            "$ find . -perm -a+r -perm /a+w \\! -perm /a+x",
            "Since Linux 2.6.8, the records are defined as follows:",
            "exécutez « cd . » puis « ls . » dans le répertoire .config",
            "Le score final est de 3 : 1 pour l'équipe locale.",
            "Erreur : %s",
            "La variable serverSettings: est lue et le lecteur C: aussi.",
            "Préfixe « sof: » manquant",
            "u64 start; (adresse 64 bits du début de fonction)",
            "mkdir foo; chroot foo; cd ..",
        ] {
            let d = check(t);
            assert!(
                d.iter().all(|d| d.severity == Severity::Info),
                "{t}: {d:#?}"
            );
        }
    }

    #[test]
    fn quebec_wants_no_space_before_semicolon_and_question_mark() {
        assert!(
            check_variant("Vraiment? Oui; c'est «\u{A0}prêt\u{A0}».", Variant::FrCa).is_empty()
        );
        let d = check_variant("Vraiment ? Oui.", Variant::FrCa);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].suggestions[0].replacement, "?");
        let d = check_variant("Selon Reuters: oui.", Variant::FrCa);
        assert_eq!(d[0].suggestions[0].replacement, "\u{A0}:");
    }

    #[test]
    fn switzerland_inserts_narrow_spaces() {
        let d = check_variant("Selon Reuters: oui.", Variant::FrCh);
        assert_eq!(d[0].suggestions[0].replacement, "\u{202F}:");
    }
}
