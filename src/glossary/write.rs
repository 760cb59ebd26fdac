/*! Writers: a glossary back to TOML, to TBX v3 and to CSV/TSV, and `convert` from one format
to another.

TOML holds everything: `toml::parse(to_toml(g))` gives `g` back, origins aside.

TBX and CSV/TSV hold terms only:
- TBX keeps the id, the English sources, the approved terms (the first as `preferredTerm`,
  the others as `admittedTerm`), the forbidden variants (`deprecatedTerm`, or
  `supersededTerm` when read as such, with the reason in a `note`), the note and the domain
  (`subjectField`). Read back, a reason starts with « terme déconseillé par la base
  terminologique : ».
- CSV/TSV keeps the sources, the approved terms, the forbidden variants and the note; the id
  is rebuilt from the source and the reasons from the file name and the note.
- Neither keeps the severities, the `suggest` lists or the examples (`bad`, `good`).

`convert` refuses, rather than lose them, the entries TBX and CSV cannot hold: entities,
expressions and overused constructions, and the terms that would flag other words once
converted (a forbidden variant with a `when`/`unless` context or `inflect = false`, or
`check-untranslated = false`). */

use super::GlossaryError;
use super::model::*;
use super::tbx::{DEPRECATED_REASON, SUPERSEDED_REASON};
use crate::diagnostic::Severity;
use std::fmt::Write;

/// The formats `convert` writes, from the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Tbx,
    Csv,
    Tsv,
}

impl Format {
    pub fn of(file: &str) -> Option<Format> {
        let ext = std::path::Path::new(file)
            .extension()
            .and_then(|e| e.to_str())?
            .to_ascii_lowercase();
        Some(match ext.as_str() {
            "toml" => Format::Toml,
            "tbx" => Format::Tbx,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            _ => return None,
        })
    }
    fn ext(self) -> &'static str {
        match self {
            Format::Toml => ".toml",
            Format::Tbx => ".tbx",
            Format::Csv => ".csv",
            Format::Tsv => ".tsv",
        }
    }
    pub fn write(self, g: &Glossary) -> String {
        match self {
            Format::Toml => to_toml(g),
            Format::Tbx => to_tbx(g),
            Format::Csv => to_csv(g),
            Format::Tsv => to_tsv(g),
        }
    }
}

/// Reads `in_text` in the format of `in_file`'s extension and writes it in the format of
/// `out_file`'s (`.toml`, `.tbx`, `.csv`, `.tsv`). Refuses, naming how many entries and the
/// first one, when the output format cannot hold every entry (see the module documentation).
pub fn convert(in_file: &str, in_text: &str, out_file: &str) -> Result<String, GlossaryError> {
    let g = super::parse(in_file, in_text)?;
    let Some(format) = Format::of(out_file) else {
        let ext = std::path::Path::new(out_file)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        return Err(GlossaryError {
            file: out_file.to_string(),
            line: 1,
            column: 1,
            message: format!(
                "format de sortie inconnu « .{ext} » (attendu : .toml, .tbx, .csv ou .tsv)"
            ),
        });
    };
    if format != Format::Toml {
        refuse_losses(&g, in_file, format)?;
    }
    Ok(format.write(&g))
}

/// Why an entry cannot go into a terms-only format, singular and plural.
const LOSSES: [(&str, &str); 6] = [
    ("entité", "entités"),
    ("expression", "expressions"),
    (
        "tournure surveillée (overuse)",
        "tournures surveillées (overuse)",
    ),
    (
        "terme à variante contextuelle (when/unless)",
        "termes à variante contextuelle (when/unless)",
    ),
    (
        "terme à variante sans flexion (inflect = false)",
        "termes à variante sans flexion (inflect = false)",
    ),
    (
        "terme avec check-untranslated = false",
        "termes avec check-untranslated = false",
    ),
];

fn refuse_losses(g: &Glossary, in_file: &str, format: Format) -> Result<(), GlossaryError> {
    let mut lost: Vec<(usize, &str, usize)> = Vec::new(); // (kind, id, line)
    for t in &g.terms {
        let kind = if t.forbidden.iter().any(|v| !v.context.is_empty()) {
            3
        } else if t.forbidden.iter().any(|v| !v.inflect) {
            4
        } else if !t.check_untranslated {
            5
        } else {
            continue;
        };
        lost.push((kind, &t.id, t.origin.line));
    }
    lost.extend(g.entities.iter().map(|e| (0, e.id.as_str(), e.origin.line)));
    lost.extend(
        g.expressions
            .iter()
            .map(|e| (1, e.id.as_str(), e.origin.line)),
    );
    lost.extend(g.overuses.iter().map(|e| (2, e.id.as_str(), e.origin.line)));
    let Some(&(_, first, line)) = lost.iter().min_by_key(|l| l.2) else {
        return Ok(());
    };
    let mut counts = [0usize; 6];
    for (kind, ..) in &lost {
        counts[*kind] += 1;
    }
    let details: Vec<String> = counts
        .iter()
        .zip(LOSSES)
        .filter(|(n, _)| **n > 0)
        .map(|(&n, (one, many))| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    let n = lost.len();
    let ext = format.ext();
    let entries = if n == 1 {
        "1 entrée ne peut pas y être représentée"
    } else {
        "entrées ne peuvent pas y être représentées"
    };
    let count = if n == 1 {
        String::new()
    } else {
        format!("{n} ")
    };
    Err(GlossaryError {
        file: in_file.to_string(),
        line,
        column: 1,
        message: format!(
            "conversion vers {ext} refusée : {count}{entries} sans perte ({}) ; le format {ext} ne \
             contient que des termes sans contexte. Première : « {first} ». Le format .toml garde tout.",
            details.join(", ")
        ),
    })
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c < ' ' || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct TomlOut(String);

impl TomlOut {
    fn str(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key} = {}", toml_str(value));
    }
    fn opt(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.str(key, v);
        }
    }
    /// `key = [...]` when not empty: on one line if short, else one value a line.
    fn list<S: AsRef<str>>(&mut self, key: &str, values: &[S]) {
        if values.is_empty() {
            return;
        }
        let items: Vec<String> = values.iter().map(|v| toml_str(v.as_ref())).collect();
        let inline = format!("{key} = [{}]", items.join(", "));
        if inline.chars().count() <= 100 {
            self.0.push_str(&inline);
            self.0.push('\n');
        } else {
            let _ = writeln!(self.0, "{key} = [");
            for item in items {
                let _ = writeln!(self.0, "    {item},");
            }
            self.0.push_str("]\n");
        }
    }
    fn severity(&mut self, severity: Severity) {
        if severity != Severity::Warning {
            self.str("severity", severity.as_str());
        }
    }
    fn context(&mut self, c: &Context, inflect: bool) {
        self.list("when", &c.when);
        self.list("unless", &c.unless);
        if c.scope == Scope::Paragraph {
            self.str("scope", "paragraph");
        }
        if !inflect {
            self.0.push_str("inflect = false\n");
        }
    }
    fn examples(&mut self, e: &Examples) {
        self.list("bad", &e.bad);
        self.list("good", &e.good);
    }
}

/// The glossary as TOML (see glossary/README.md), every field of every entry.
pub fn to_toml(g: &Glossary) -> String {
    let name = g
        .entries()
        .next()
        .and_then(|e| {
            let file = e.origin().file.clone();
            std::path::Path::new(&*file)
                .file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "glossaire".to_string());
    let mut o = TomlOut(String::new());
    o.0.push_str("[glossary]\n");
    o.str("name", &name);
    for t in &g.terms {
        o.0.push_str("\n[[term]]\n");
        o.str("id", &t.id);
        o.list("source", &t.source);
        o.list("approved", &t.approved);
        o.opt("domain", t.domain.as_deref());
        o.severity(t.severity);
        o.opt("note", t.note.as_deref());
        if !t.check_untranslated {
            o.0.push_str("check-untranslated = false\n");
        }
        o.examples(&t.examples);
        for v in &t.forbidden {
            o.0.push_str("\n[[term.forbidden]]\n");
            o.str("term", &v.term);
            o.str("reason", &v.reason);
            o.list("suggest", &v.suggest);
            if let Some(s) = v.severity {
                o.str("severity", s.as_str());
            }
            o.context(&v.context, v.inflect);
        }
    }
    for e in &g.entities {
        o.0.push_str("\n[[entity]]\n");
        o.str("id", &e.id);
        o.str("name", &e.name);
        o.opt("full-name", e.full_name.as_deref());
        o.list("also", &e.also);
        o.list("wrong", &e.wrong);
        if e.source.len() != 1 || e.source[0] != e.name {
            o.list("source", &e.source);
        }
        o.opt("note", e.note.as_deref());
        o.severity(e.severity);
        o.examples(&e.examples);
    }
    for x in &g.expressions {
        o.0.push_str("\n[[expression]]\n");
        o.str("id", &x.id);
        o.str("kind", x.kind.as_str());
        o.list("patterns", &x.patterns);
        o.list("suggest", &x.suggest);
        o.str("reason", &x.reason);
        o.severity(x.severity);
        o.context(&x.context, x.inflect);
        o.examples(&x.examples);
    }
    for u in &g.overuses {
        o.0.push_str("\n[[overuse]]\n");
        o.str("id", &u.id);
        o.list("patterns", &u.patterns);
        let _ = writeln!(o.0, "max = {}", u.max);
        if u.window != 1000 {
            let _ = writeln!(o.0, "window = {}", u.window);
        }
        o.str("reason", &u.reason);
        o.list("suggest", &u.suggest);
        o.severity(u.severity);
        o.examples(&u.examples);
    }
    o.0
}

/// Text or attribute value escaped for XML; `\r` and other control characters as references.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\t' => out.push(c),
            c if c < ' ' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The status and the note of a forbidden variant in TBX: the reason without the prefix
/// `tbx::parse` adds, so that reading and writing again changes nothing.
fn tbx_status(reason: &str) -> (&'static str, Option<&str>) {
    for (base, status) in [
        (SUPERSEDED_REASON, "supersededTerm-admn-sts"),
        (DEPRECATED_REASON, "deprecatedTerm-admn-sts"),
    ] {
        if let Some(rest) = reason.strip_prefix(base) {
            if rest.trim().is_empty() {
                return (status, None);
            }
            if let Some(note) = rest.strip_prefix(" : ") {
                return (status, Some(note));
            }
        }
    }
    (
        "deprecatedTerm-admn-sts",
        Some(reason).filter(|r| !r.trim().is_empty()),
    )
}

/// The terms as a TBX v3 (TBX-Basic, DCA style) termbase; other entries are left out
/// (`convert` refuses them).
pub fn to_tbx(g: &Glossary) -> String {
    let mut o = String::new();
    o.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"fr\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n",
        "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n",
        "        <p>Glossaire exporté par relecture</p>\n",
        "      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n",
        "  <text>\n    <body>\n",
    ));
    let term_sec = |o: &mut String, term: &str, status: Option<&str>, note: Option<&str>| {
        let _ = writeln!(
            o,
            "          <termSec>\n            <term>{}</term>",
            xml(term)
        );
        if let Some(s) = status {
            let _ = writeln!(
                o,
                "            <termNote type=\"administrativeStatus\">{s}</termNote>"
            );
        }
        if let Some(n) = note {
            let _ = writeln!(o, "            <note>{}</note>", xml(n));
        }
        o.push_str("          </termSec>\n");
    };
    for t in &g.terms {
        // An XML id starts with a letter or `_`; `tbx::parse` drops the `_` again.
        let id = if t.id.starts_with(|c: char| c.is_ascii_digit()) {
            format!("_{}", t.id)
        } else {
            t.id.to_string()
        };
        let _ = writeln!(o, "      <conceptEntry id=\"{}\">", xml(&id));
        if let Some(d) = &t.domain {
            let _ = writeln!(
                o,
                "        <descrip type=\"subjectField\">{}</descrip>",
                xml(d)
            );
        }
        if let Some(n) = &t.note {
            let _ = writeln!(o, "        <note>{}</note>", xml(n));
        }
        if !t.source.is_empty() {
            o.push_str("        <langSec xml:lang=\"en\">\n");
            for s in &t.source {
                term_sec(&mut o, s, None, None);
            }
            o.push_str("        </langSec>\n");
        }
        o.push_str("        <langSec xml:lang=\"fr\">\n");
        for (i, a) in t.approved.iter().enumerate() {
            let status = if i == 0 {
                "preferredTerm-admn-sts"
            } else {
                "admittedTerm-admn-sts"
            };
            term_sec(&mut o, a, Some(status), None);
        }
        for v in &t.forbidden {
            let (status, note) = tbx_status(&v.reason);
            term_sec(&mut o, &v.term, Some(status), note);
        }
        o.push_str("        </langSec>\n      </conceptEntry>\n");
    }
    o.push_str("    </body>\n  </text>\n</tbx>\n");
    o
}

/// A CSV cell, quoted when it must be: a delimiter, a quote, a line break, a leading `#`.
fn csv_cell(s: &str) -> String {
    if s.contains([',', ';', '\t', '"', '\n', '\r']) || s.starts_with('#') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A TSV cell: tabs and line breaks cannot be written, they become spaces.
fn tsv_cell(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn table(g: &Glossary, delimiter: &str, cell: fn(&str) -> String) -> String {
    let mut o = ["source", "target", "forbidden", "note"].join(delimiter);
    o.push('\n');
    for t in &g.terms {
        let forbidden: Vec<&str> = t.forbidden.iter().map(|v| v.term.as_str()).collect();
        let cells = [
            cell(&t.source.join("|")),
            cell(&t.approved.join("|")),
            cell(&forbidden.join("|")),
            cell(t.note.as_deref().unwrap_or("")),
        ];
        let mut row = cells.join(delimiter);
        // A row starting with `#` would be read as a comment.
        if row.starts_with('#') {
            row.insert(0, ' ');
        }
        o.push_str(&row);
        o.push('\n');
    }
    o
}

/// The terms as CSV (`source,target,forbidden,note`, several values joined with `|`); other
/// entries are left out (`convert` refuses them).
pub fn to_csv(g: &Glossary) -> String {
    table(g, ",", csv_cell)
}

/// The terms as TSV, like [`to_csv`] with tabs.
pub fn to_tsv(g: &Glossary) -> String {
    table(g, "\t", tsv_cell)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{csv, defaults, tbx};
    use std::sync::Arc;

    /// The glossary with every origin set to the same value, for comparisons.
    fn without_origins(g: &Glossary) -> Glossary {
        let o = Origin {
            file: Arc::from(""),
            line: 0,
        };
        let mut g = g.clone();
        g.terms.iter_mut().for_each(|e| e.origin = o.clone());
        g.entities.iter_mut().for_each(|e| e.origin = o.clone());
        g.expressions.iter_mut().for_each(|e| e.origin = o.clone());
        g.overuses.iter_mut().for_each(|e| e.origin = o.clone());
        g
    }

    fn assert_same(a: &Glossary, b: &Glossary) {
        let (a, b) = (without_origins(a), without_origins(b));
        assert_eq!(a.terms, b.terms);
        assert_eq!(a.entities, b.entities);
        assert_eq!(a.expressions, b.expressions);
        assert_eq!(a.overuses, b.overuses);
    }

    fn toml_round_trip(file: &str, g: &Glossary) {
        let text = to_toml(g);
        let back = crate::glossary::parse(file, &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_same(g, &back);
        assert_eq!(to_toml(&back), text);
    }

    #[test]
    fn toml_round_trip_of_the_default_glossaries() {
        let mut entries = 0;
        for (file, text) in defaults::FILES {
            if text.trim().is_empty() {
                continue;
            }
            let g = crate::glossary::parse(file, text).unwrap();
            entries += g.len();
            toml_round_trip(file, &g);
        }
        assert!(entries > 0);
    }

    const FULL: &str = r#"
[glossary]
name = "essai"
description = "Toutes les clés"

[[term]]
id = "training"
source = ["training", "model training"]
approved = ["entraînement", "apprentissage"]
domain = "ia"
severity = "error"
note = "Pour un modèle d'IA.\nAvec \"guillemets\", \\ et\ttabulation \u0001."
check-untranslated = false
bad = ["La puce sert à la formation des modèles d'IA.", "Une formation de modèle très longue, très très longue."]
good = ["Un programme de formation des salariés."]

[[term.forbidden]]
term = "formation"
reason = "Un modèle s'entraîne."
suggest = ["entraînement"]
severity = "info"
when = ["IA", "modèle"]
unless = ["salarié"]
scope = "paragraph"
inflect = false

[[term.forbidden]]
term = "dressage"
reason = "r2"

[[term]]
id = "5g"
approved = ["5G"]

[[entity]]
id = "tsmc"
name = "TSMC"
full-name = "Taiwan Semiconductor Manufacturing Company"
also = ["Taiwan Semiconductor"]
wrong = ["T.S.M.C."]
source = ["TSMC", "Taiwan Semi"]
note = "Fondeur."
severity = "error"
bad = ["La puce est gravée par Tsmc."]
good = ["La puce est gravée par TSMC."]

[[entity]]
id = "meta"
name = "Meta"

[[expression]]
id = "il-est-entendu-que"
kind = "calque"
patterns = ["il est entendu que"]
suggest = ["selon nos informations", "on sait que"]
reason = "Calque."
severity = "info"
when = ["a"]
unless = ["b"]
scope = "paragraph"
inflect = false
bad = ["Il est entendu que Meta a connu des difficultés."]
good = ["Il est entendu entre les parties que le contrat prend fin."]

[[expression]]
id = "eventuellement"
kind = "false-friend"
patterns = ["éventuellement"]
reason = "r"

[[overuse]]
id = "non-seulement-mais"
patterns = ["non seulement"]
max = 1
window = 500
reason = "r"
suggest = ["Varier."]
severity = "error"
bad = ["b"]
good = ["g"]

[[overuse]]
id = "o2"
patterns = ["p"]
max = 0
reason = "r"
"#;

    #[test]
    fn toml_round_trip_of_every_field() {
        let g = crate::glossary::parse("essai.toml", FULL).unwrap();
        assert_eq!(g.len(), 8);
        toml_round_trip("essai.toml", &g);
        let text = to_toml(&g);
        assert!(text.starts_with("[glossary]\nname = \"essai\"\n"), "{text}");
        assert!(text.contains("bad = [\n    \"La puce"), "{text}");
    }

    const TERMS: &str = r##"
[glossary]
name = "t"

[[term]]
id = "training"
source = ["training", "model training"]
approved = ["entraînement", "apprentissage"]
domain = "ia"
note = "Pour un modèle d'IA : <entraînement> & \"apprentissage\"."

[[term.forbidden]]
term = "formation"
reason = "Désigne l'enseignement."

[[term.forbidden]]
term = "dressage"
reason = "terme remplacé (superseded)"

[[term]]
id = "5g"
approved = ["5G"]

[[term]]
id = "hashtag"
source = ["#hashtag"]
approved = ["mot-dièse", "#mot-dièse"]
note = "a, b ; c"
"##;

    #[test]
    fn tbx_round_trip_of_terms() {
        let g = crate::glossary::parse("t.toml", TERMS).unwrap();
        let text = convert("t.toml", TERMS, "t.tbx").unwrap();
        let back = tbx::parse("t.tbx", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(back.terms.len(), 3);
        for (a, b) in g.terms.iter().zip(&back.terms) {
            assert_eq!(
                (&a.id, &a.source, &a.approved),
                (&b.id, &b.source, &b.approved)
            );
            assert_eq!((&a.note, &a.domain), (&b.note, &b.domain));
            let terms = |t: &Term| {
                t.forbidden
                    .iter()
                    .map(|v| v.term.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(terms(a), terms(b));
        }
        let reasons: Vec<_> = back.terms[0]
            .forbidden
            .iter()
            .map(|v| v.reason.as_str())
            .collect();
        assert_eq!(
            reasons,
            [
                "terme déconseillé par la base terminologique : Désigne l'enseignement.",
                "terme remplacé (superseded)"
            ]
        );
        // Reading and writing again changes nothing.
        let again = tbx::parse("t.tbx", &to_tbx(&back)).unwrap();
        assert_same(&back, &again);
        assert_eq!(to_tbx(&again), to_tbx(&back));
    }

    #[test]
    fn csv_and_tsv_round_trip_of_terms() {
        let g = crate::glossary::parse("t.toml", TERMS).unwrap();
        for out in ["t.csv", "t.tsv"] {
            let text = convert("t.toml", TERMS, out).unwrap();
            let back = csv::parse(out, &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(back.terms.len(), 3, "{text}");
            for (a, b) in g.terms.iter().zip(&back.terms) {
                assert_eq!((&a.source, &a.approved), (&b.source, &b.approved), "{text}");
                let terms = |t: &Term| {
                    t.forbidden
                        .iter()
                        .map(|v| v.term.clone())
                        .collect::<Vec<_>>()
                };
                assert_eq!(terms(a), terms(b));
            }
            let ids: Vec<_> = back.terms.iter().map(|t| t.id.as_str()).collect();
            assert_eq!(ids, ["training", "5g", "hashtag"]);
            assert_eq!(back.terms[0].note, g.terms[0].note);
            let again = csv::parse(out, &Format::of(out).unwrap().write(&back)).unwrap();
            assert_same(&back, &again);
        }
        let csv_text = to_csv(&g);
        assert!(
            csv_text.starts_with("source,target,forbidden,note\n"),
            "{csv_text}"
        );
        assert!(
            csv_text.contains("\n\"#hashtag\",mot-dièse|#mot-dièse,,\"a, b ; c\"\n"),
            "{csv_text}"
        );
        assert!(to_tsv(&g).contains("\n #hashtag\tmot-dièse|#mot-dièse\t\ta, b ; c\n"));
    }

    #[test]
    fn conversion_between_formats() {
        let csv_text = "source;target;forbidden\ntraining;entraînement;formation\n";
        let tbx_text = convert("g.csv", csv_text, "g.tbx").unwrap();
        let toml_text = convert("g.tbx", &tbx_text, "g.toml").unwrap();
        let g = crate::glossary::parse("g.toml", &toml_text).unwrap();
        assert_eq!(g.terms[0].approved[..], ["entraînement"]);
        assert_eq!(
            g.terms[0].forbidden[0].reason,
            "terme déconseillé par la base terminologique : variante interdite par le glossaire g.csv"
        );
        let e = convert("g.csv", csv_text, "g.xlsx").unwrap_err();
        assert!(e.message.contains("« .xlsx »") && e.file == "g.xlsx", "{e}");
    }

    #[test]
    fn conversion_refuses_what_the_format_cannot_hold() {
        let e = convert("essai.toml", FULL, "essai.tbx").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("essai.toml", 7));
        assert!(
            e.message.starts_with(
                "conversion vers .tbx refusée : 7 entrées ne peuvent pas y être représentées sans \
                 perte (2 entités, 2 expressions, 2 tournures surveillées (overuse), 1 terme à \
                 variante contextuelle (when/unless))"
            ),
            "{e}"
        );
        assert!(e.message.contains("« training »"), "{e}");
        let one =
            "[glossary]\nname='x'\n[[term]]\nid='a'\napproved=['b']\ncheck-untranslated=false\n";
        let e = convert("x.toml", one, "x.csv").unwrap_err();
        assert!(
            e.message.contains("1 entrée ne peut pas") && e.line == 4,
            "{e}"
        );
        let (file, text) = defaults::FILES
            .iter()
            .find(|(_, t)| t.contains("[[entity]]"))
            .unwrap();
        let e = convert(file, text, "out.csv").unwrap_err();
        assert!(e.message.contains("entités"), "{e}");
        assert!(convert(file, text, "out.toml").is_ok());
    }
}
