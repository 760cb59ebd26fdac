/*! CSV and TSV glossaries, as DeepL and Xbench users keep them: one term a row, with the
English source, the French target, optionally forbidden variants and a note.

- `.csv`: the delimiter (comma, semicolon or tab) is the most frequent one in the first row;
  fields may be quoted (RFC 4180: `"a, b"`, `""` for a quote, line breaks inside quotes).
- `.tsv`: tab-separated, unquoted (the IANA definition, as DeepL and Xbench write it).
- A first row whose cells are column names (source/target/forbidden/note, en/fr,
  english/french, anglais/français, cible, interdit, remarque/commentaire...) is a header, and
  the columns may then come in any order; without it the order is source, target, forbidden,
  note. DeepL's four-column rows (`source,target,en,fr`) are recognised.
- Several terms in one cell are separated by `|` (and also `;` among forbidden variants).
- Empty rows and rows starting with `#` are skipped.

Fields are read by a small scanner rather than the `csv` crate so that every error names the
exact line and column of the cell. */

use super::GlossaryError;
use super::model::*;
use super::tbx::{place, slug};
use crate::diagnostic::Severity;
use std::collections::HashSet;
use std::sync::Arc;

/// The reason of a forbidden variant read from `file` (followed by the row's note, if any).
pub fn variant_reason(file: &str, note: Option<&str>) -> String {
    let name = std::path::Path::new(file)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(file);
    match note {
        Some(note) => format!("variante interdite par le glossaire {name} : {note}"),
        None => format!("variante interdite par le glossaire {name}"),
    }
}

/// Parses a CSV (`.csv`) or TSV (`.tsv`) glossary. `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Glossary, GlossaryError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tsv = file.to_ascii_lowercase().ends_with(".tsv");
    let ctx = Ctx {
        file: Arc::from(file),
        text,
    };
    let delimiter = if tsv { b'\t' } else { sniff(text) };
    let mut scanner = Scanner {
        text,
        pos: 0,
        line: 1,
        delimiter,
        quoting: !tsv,
    };
    let mut columns: Option<Columns> = None;
    let mut ids = HashSet::new();
    let mut g = Glossary::default();
    while let Some(row) = scanner.next_row().map_err(|(at, m)| ctx.err(at, m))? {
        if columns.is_none() {
            match header(&row).map_err(|(at, m)| ctx.err(at, m))? {
                Some(c) => {
                    columns = Some(c);
                    continue;
                }
                None => columns = Some(Columns::default_order()),
            }
        }
        let Some(cols) = &columns else { continue };
        g.terms.push(ctx.term(&row, cols, &mut ids)?);
    }
    Ok(g)
}

struct Ctx<'a> {
    file: Arc<str>,
    text: &'a str,
}

impl Ctx<'_> {
    fn err(&self, at: usize, message: impl Into<String>) -> GlossaryError {
        let (line, column) = place(self.text, at);
        GlossaryError {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    fn term(
        &self,
        row: &Row,
        cols: &Columns,
        ids: &mut HashSet<String>,
    ) -> Result<Term, GlossaryError> {
        let deepl = cols.deepl_langs && row.is_deepl();
        for (i, cell) in row.cells.iter().enumerate() {
            let known = cols.by_index.get(i).is_some_and(Option::is_some);
            if !known && !cell.value.is_empty() && !(deepl && (i == 2 || i == 3)) {
                return Err(self.err(
                    cell.at,
                    format!(
                        "colonne en trop « {} » (attendu : source, cible, interdit, note)",
                        cell.value
                    ),
                ));
            }
        }
        let get = |col: Col| -> Option<&Cell> {
            if deepl && matches!(col, Col::Forbidden | Col::Note) {
                return None;
            }
            let i = cols.by_index.iter().position(|c| *c == Some(col))?;
            row.cells.get(i)
        };
        let source = get(Col::Source).map_or_else(Vec::new, |c| split(&c.value, &['|']));
        let approved = match get(Col::Target) {
            Some(c) => {
                let terms = split(&c.value, &['|']);
                if terms.is_empty() {
                    return Err(self.err(c.at, "colonne cible manquante"));
                }
                terms
            }
            None => return Err(self.err(row.end, "colonne cible manquante")),
        };
        let note = get(Col::Note)
            .map(|c| c.value.clone())
            .filter(|n| !n.is_empty());
        let mut forbidden: Vec<Variant> = Vec::new();
        for term in get(Col::Forbidden).map_or_else(Vec::new, |c| split(&c.value, &['|', ';'])) {
            forbidden.push(Variant {
                term: term.into(),
                reason: variant_reason(&self.file, note.as_deref()).into(),
                suggest: Texts::new(),
                severity: None,
                context: Context::default(),
                inflect: true,
            });
        }
        let base = source
            .first()
            .map(|s| slug(s))
            .filter(|s| !s.is_empty())
            .or_else(|| approved.first().map(|s| slug(s)).filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "terme".to_string());
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.insert(id.clone());
        Ok(Term {
            id: id.into(),
            source: texts(source),
            approved: texts(approved),
            forbidden,
            domain: None,
            severity: Severity::Warning,
            note,
            check_untranslated: true,
            examples: Examples::default(),
            origin: Origin {
                file: self.file.clone(),
                line: row.line,
            },
        })
    }
}

/// The terms of a cell: split, trimmed, without duplicates; a piece with no letter or digit
/// (`-`, `—`, `n/a`'s slash...) stands for "none".
fn split(cell: &str, separators: &[char]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in cell.split(separators) {
        let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
        if piece.chars().any(char::is_alphanumeric) && !out.contains(&piece) {
            out.push(piece);
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Source,
    Target,
    Forbidden,
    Note,
}

impl Col {
    fn from_name(name: &str) -> Option<Col> {
        let s = slug(name);
        let lang =
            |p: &str| s == p || (s.len() == 5 && s.starts_with(p) && s.as_bytes()[2] == b'-');
        Some(match s.as_str() {
            "source" | "src" | "source-term" | "terme-source" | "english" | "anglais" => {
                Col::Source
            }
            "target" | "cible" | "target-term" | "terme-cible" | "french" | "francais"
            | "translation" | "traduction" | "approved" | "approuve" | "approuves" => Col::Target,
            "forbidden"
            | "interdit"
            | "interdits"
            | "interdite"
            | "interdites"
            | "forbidden-terms"
            | "variantes-interdites"
            | "deprecated"
            | "deconseille"
            | "deconseilles" => Col::Forbidden,
            "note" | "notes" | "remarque" | "remarques" | "commentaire" | "commentaires"
            | "comment" | "comments" => Col::Note,
            _ if lang("en") => Col::Source,
            _ if lang("fr") => Col::Target,
            _ => return None,
        })
    }
}

struct Columns {
    by_index: Vec<Option<Col>>,
    /// No header: a four-cell row `source,target,en,fr` is DeepL's format, not forbidden + note.
    deepl_langs: bool,
}

impl Columns {
    fn default_order() -> Columns {
        Columns {
            by_index: vec![
                Some(Col::Source),
                Some(Col::Target),
                Some(Col::Forbidden),
                Some(Col::Note),
            ],
            deepl_langs: true,
        }
    }
}

/// The columns named by `row` if it is a header: at least two column names, one of them the
/// source or the target. Then every cell must be a known, distinct name and a target is required.
fn header(row: &Row) -> Result<Option<Columns>, (usize, String)> {
    let names: Vec<Option<Col>> = row.cells.iter().map(|c| Col::from_name(&c.value)).collect();
    let known = names.iter().flatten().count();
    let main = names
        .iter()
        .flatten()
        .any(|c| matches!(c, Col::Source | Col::Target));
    // DeepL's `source,target,en,fr` rows name two languages but are data.
    let deepl = row.is_deepl() && (names[0].is_none() || names[1].is_none());
    if known < 2 || !main || deepl {
        return Ok(None);
    }
    for (i, (cell, name)) in row.cells.iter().zip(&names).enumerate() {
        if cell.value.is_empty() {
            continue;
        }
        let Some(name) = name else {
            return Err((
                cell.at,
                format!(
                    "colonne « {} » inconnue dans l'en-tête (attendu : source, target, forbidden, \
                     note, ou en, fr, interdit, remarque...)",
                    cell.value
                ),
            ));
        };
        if names[..i].contains(&Some(*name)) {
            return Err((
                cell.at,
                format!("colonne « {} » en double dans l'en-tête", cell.value),
            ));
        }
    }
    if !names.contains(&Some(Col::Target)) {
        return Err((
            row.end,
            "colonne cible manquante dans l'en-tête".to_string(),
        ));
    }
    Ok(Some(Columns {
        by_index: names,
        deepl_langs: false,
    }))
}

/// The delimiter of a `.csv` file: the most frequent of `,` `;` and tab in its first row
/// (outside quotes); comma when none.
fn sniff(text: &str) -> u8 {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in first.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b',', b';', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    delimiters[best]
}

struct Cell {
    value: String,
    /// Byte offset of the cell's first character.
    at: usize,
}

struct Row {
    cells: Vec<Cell>,
    line: usize,
    /// Byte offset of the end of the row (before its line break).
    end: usize,
}

impl Row {
    fn is_deepl(&self) -> bool {
        let lang = |i: usize, p: &str| {
            self.cells.get(i).is_some_and(|c| {
                let s = c.value.to_ascii_lowercase();
                s == p
                    || (s.len() == 5 && s.starts_with(p) && matches!(s.as_bytes()[2], b'-' | b'_'))
            })
        };
        self.cells.len() == 4 && lang(2, "en") && lang(3, "fr")
    }
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delimiter: u8,
    quoting: bool,
}

impl Scanner<'_> {
    /// The next row that is neither empty nor a comment.
    fn next_row(&mut self) -> Result<Option<Row>, (usize, String)> {
        let bytes = self.text.as_bytes();
        loop {
            if self.pos >= bytes.len() {
                return Ok(None);
            }
            let line = self.line;
            if bytes[self.pos] == b'#' {
                while self.pos < bytes.len() && !matches!(bytes[self.pos], b'\n' | b'\r') {
                    self.pos += 1;
                }
                self.newline();
                continue;
            }
            let mut cells = Vec::new();
            let end = loop {
                cells.push(self.cell()?);
                match bytes.get(self.pos) {
                    Some(&b) if b == self.delimiter => self.pos += 1,
                    _ => {
                        let end = self.pos;
                        self.newline();
                        break end;
                    }
                }
            };
            if cells.iter().all(|c| c.value.is_empty()) {
                continue;
            }
            return Ok(Some(Row { cells, line, end }));
        }
    }

    /// Consumes one line break (`\n`, `\r\n` or `\r`) if there is one.
    fn newline(&mut self) {
        let bytes = self.text.as_bytes();
        match bytes.get(self.pos) {
            Some(b'\r') => {
                self.pos += 1;
                if bytes.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                self.line += 1;
            }
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
            }
            _ => {}
        }
    }

    fn cell(&mut self) -> Result<Cell, (usize, String)> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        // Leading spaces before an opening quote are allowed: ` "a, b"`.
        let mut p = self.pos;
        while p < bytes.len() && matches!(bytes[p], b' ' | b'\t') && bytes[p] != self.delimiter {
            p += 1;
        }
        let mut value = String::new();
        if self.quoting && bytes.get(p) == Some(&b'"') {
            let quote = p;
            self.pos = p + 1;
            loop {
                let Some(off) = bytes[self.pos..].iter().position(|&b| b == b'"') else {
                    return Err((
                        quote,
                        "guillemet ouvrant sans guillemet fermant".to_string(),
                    ));
                };
                let chunk = &self.text[self.pos..self.pos + off];
                self.line += chunk.matches('\n').count() + chunk.matches('\r').count()
                    - chunk.matches("\r\n").count();
                value.push_str(chunk);
                self.pos += off + 1;
                if bytes.get(self.pos) == Some(&b'"') {
                    value.push('"');
                    self.pos += 1;
                } else {
                    break;
                }
            }
            // Anything after the closing quote, up to the delimiter, is kept as written.
            let rest = self.pos;
            while self.pos < bytes.len() && !self.ends_cell(bytes[self.pos]) {
                self.pos += 1;
            }
            value.push_str(&self.text[rest..self.pos]);
        } else {
            while self.pos < bytes.len() && !self.ends_cell(bytes[self.pos]) {
                self.pos += 1;
            }
            value.push_str(&self.text[start..self.pos]);
        }
        let trimmed = value.trim();
        let lead = self.text[start..].len() - self.text[start..].trim_start().len();
        Ok(Cell {
            at: if trimmed.is_empty() {
                start
            } else {
                start + lead
            },
            value: if trimmed.len() == value.len() {
                value
            } else {
                trimmed.to_string()
            },
        })
    }

    fn ends_cell(&self, b: u8) -> bool {
        b == self.delimiter || b == b'\n' || b == b'\r'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_without_header() {
        let text = "# glossaire IA\n\ntraining,entraînement,formation|apprentissage machine,Pour un modèle.\n\
                    chip,puce|puce électronique\n";
        let g = parse("ia.csv", text).unwrap();
        assert_eq!(g.terms.len(), 2);
        let t = &g.terms[0];
        assert_eq!((t.id.as_str(), t.origin.line), ("training", 3));
        assert_eq!(t.source[..], ["training"]);
        assert_eq!(t.approved[..], ["entraînement"]);
        assert_eq!(t.note.as_deref(), Some("Pour un modèle."));
        let f: Vec<_> = t.forbidden.iter().map(|v| v.term.as_str()).collect();
        assert_eq!(f, ["formation", "apprentissage machine"]);
        assert_eq!(
            t.forbidden[0].reason,
            "variante interdite par le glossaire ia.csv : Pour un modèle."
        );
        assert_eq!(g.terms[1].approved[..], ["puce", "puce électronique"]);
        assert!(g.terms[1].forbidden.is_empty() && g.terms[1].note.is_none());
    }

    #[test]
    fn header_in_any_order_with_semicolons_and_quotes() {
        let text = "Remarque;Français;Interdit;Anglais\r\n\
                    \"Sens « IA » ; pas « enseignement »\";entraînement;\"formation;dressage\";training\r\n\
                    ;\"puce \"\"électronique\"\"\";;\"chip\"\r\n\
                    ;\"sur\r\ndeux lignes\";-;Chip\r\n\
                    ;;;\r\n\
                    ;ordinateur;;\r\n";
        let g = parse("/tmp/x/glossaire.csv", text).unwrap();
        let ids: Vec<_> = g.terms.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["training", "chip", "chip-2", "ordinateur"]);
        let t = &g.terms[0];
        assert_eq!(t.source[..], ["training"]);
        assert_eq!(
            t.note.as_deref(),
            Some("Sens « IA » ; pas « enseignement »")
        );
        let f: Vec<_> = t.forbidden.iter().map(|v| v.term.as_str()).collect();
        assert_eq!(f, ["formation", "dressage"]);
        assert!(
            t.forbidden[0]
                .reason
                .starts_with("variante interdite par le glossaire glossaire.csv : Sens")
        );
        assert_eq!(g.terms[1].approved[..], ["puce \"électronique\""]);
        assert_eq!(g.terms[2].approved[..], ["sur deux lignes"]);
        assert!(g.terms[2].forbidden.is_empty());
        assert_eq!(g.terms[3].origin.line, 7);
        assert!(g.terms[3].source.is_empty());
    }

    #[test]
    fn tsv_and_deepl_formats() {
        let g = parse(
            "g.tsv",
            "source\ttarget\n\"AI\"\t\"IA\"\nGPU\tprocesseur graphique\n",
        )
        .unwrap();
        assert_eq!(g.terms[0].approved[..], ["\"IA\""]);
        assert_eq!(g.terms[1].id, "gpu");
        let g = parse("deepl.csv", "hello,bonjour,en,fr\nthanks,merci,EN-US,FR\n").unwrap();
        assert_eq!(g.terms.len(), 2);
        assert!(
            g.terms
                .iter()
                .all(|t| t.forbidden.is_empty() && t.note.is_none())
        );
    }

    #[test]
    fn missing_target_names_line_and_column() {
        let e = parse("g.csv", "source,target\ntraining,entraînement\nchip\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line, e.column), ("g.csv", 3, 5));
        assert_eq!(e.message, "colonne cible manquante");
        let e = parse("g.csv", "training;entraînement\nchip; ;puce\n").unwrap_err();
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (2, 6, "colonne cible manquante")
        );
        let e = parse("g.csv", "target,source,note\n\"x\ny\",\"\",n\n\"\",chip,\n").unwrap_err();
        assert_eq!((e.line, e.column), (4, 1));
    }

    #[test]
    fn header_and_quote_errors() {
        let e = parse("g.csv", "source,target,domaine\na,b,c\n").unwrap_err();
        assert!(
            e.message.contains("« domaine » inconnue") && e.line == 1 && e.column == 15,
            "{e}"
        );
        let e = parse("g.csv", "en,fr,french\n").unwrap_err();
        assert!(e.message.contains("en double"), "{e}");
        let e = parse("g.csv", "source,note\na,b\n").unwrap_err();
        assert!(e.message.contains("cible manquante"), "{e}");
        let e = parse("g.csv", "a,b\nc,\"d\n").unwrap_err();
        assert!(
            e.message.contains("guillemet") && (e.line, e.column) == (2, 3),
            "{e}"
        );
        let e = parse("g.csv", "a,b,c,d,e\n").unwrap_err();
        assert!(
            e.message.contains("colonne en trop") && e.column == 9,
            "{e}"
        );
    }
}
