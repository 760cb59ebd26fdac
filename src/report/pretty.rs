/*! Pretty-printed JSON written as it is made, for the reports built from `serde_json` trees
(SARIF, rdjson): the findings are serialized one by one into the frame of the report, byte
for byte as `serde_json::to_writer_pretty` writes the whole tree. A tree of every finding
of a large run weighed hundreds of megabytes (the man pages with a 100,000-concept
termbase: 15,000 findings, 343 MB at the peak for SARIF against 202 MB for JSON). */

use serde_json::Value;
use std::io::{self, Write};

/// The value that stands in a report's frame where its array of items goes (`HOLE` as a
/// JSON string): no report writes it, as it starts and ends with a NUL character.
pub const HOLE: &str = "\u{0}relecture-items\u{0}";

/// What is held before it is handed to the output.
const CHUNK: usize = 1 << 16;

/// Writes `frame` as `serde_json::to_writer_pretty` would, with its one string `HOLE`
/// replaced by the array of `items`, each serialized as it comes, then a line feed.
pub fn write_with_items(
    out: &mut dyn Write,
    frame: &Value,
    items: impl Iterator<Item = Value>,
) -> io::Result<()> {
    let text = serde_json::to_string_pretty(frame).map_err(io::Error::other)?;
    let hole = serde_json::to_string(HOLE).map_err(io::Error::other)?;
    let at = text
        .find(&hole)
        .ok_or_else(|| io::Error::other("report frame without its place for the items"))?;
    // The items go two spaces deeper than the line that holds the hole (a key's, or an
    // array element's), and the closing bracket at that line's depth. A JSON text holds
    // no raw line feed inside a string: each of an item's lines is indented as it stands.
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let depth = text[line_start..]
        .bytes()
        .take_while(|&b| b == b' ')
        .count();
    let mut w: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    w.extend_from_slice(&text.as_bytes()[..at]);
    w.push(b'[');
    let mut any = false;
    let mut item_text = Vec::new();
    for item in items {
        w.extend_from_slice(if any { b",\n" } else { b"\n" });
        any = true;
        item_text.clear();
        serde_json::to_writer_pretty(&mut item_text, &item).map_err(io::Error::other)?;
        for (k, line) in item_text.split(|&b| b == b'\n').enumerate() {
            if k > 0 {
                w.push(b'\n');
            }
            w.resize(w.len() + depth + 2, b' ');
            w.extend_from_slice(line);
        }
        if w.len() >= CHUNK {
            out.write_all(&w)?;
            w.clear();
        }
    }
    if any {
        w.push(b'\n');
        w.resize(w.len() + depth, b' ');
    }
    w.push(b']');
    w.extend_from_slice(&text.as_bytes()[at + hole.len()..]);
    w.push(b'\n');
    out.write_all(&w)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The frame with its hole filled by the items, as one tree.
    fn filled(frame: &Value, items: &[Value]) -> Value {
        match frame {
            Value::String(s) if s == HOLE => Value::Array(items.to_vec()),
            Value::Array(a) => Value::Array(a.iter().map(|v| filled(v, items)).collect()),
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, v)| (k.clone(), filled(v, items)))
                    .collect(),
            ),
            v => v.clone(),
        }
    }

    /// A random value of a few levels: every kind, empty and full containers, strings
    /// with escapes and line feeds.
    fn random_value(rng: &mut crate::testing::Rng, depth: usize) -> Value {
        let strings = [
            "",
            "a",
            "é « x »",
            "line\nfeed",
            "tab\t\"q\"",
            "\\",
            "\u{1}",
        ];
        match rng.below(if depth == 0 { 4 } else { 7 }) {
            0 => Value::Null,
            1 => json!(rng.below(2) == 1),
            2 => json!(rng.below(100_000) as i64 - 50_000),
            3 => json!(strings[rng.below(strings.len())]),
            4 => json!([]),
            5 => Value::Array(
                (0..rng.below(4))
                    .map(|_| random_value(rng, depth - 1))
                    .collect(),
            ),
            _ => Value::Object(
                (0..rng.below(4))
                    .map(|k| (format!("k{k}"), random_value(rng, depth - 1)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn items_are_written_as_the_whole_tree_is() {
        let mut rng = crate::testing::Rng::new(0x5a2f_0001);
        for round in 0..2_000 {
            // The hole at some depth of a random frame: as a key's value or an element.
            let mut frame = json!(HOLE);
            for _ in 0..rng.below(4) {
                frame = if rng.below(2) == 0 {
                    json!({"a": random_value(&mut rng, 1), "results": frame, "z": 1})
                } else {
                    json!([random_value(&mut rng, 1), frame])
                };
            }
            let items: Vec<Value> = (0..rng.below(4))
                .map(|_| random_value(&mut rng, 3))
                .collect();
            let mut streamed = Vec::new();
            write_with_items(&mut streamed, &frame, items.iter().cloned()).unwrap();
            let mut whole = serde_json::to_vec_pretty(&filled(&frame, &items)).unwrap();
            whole.push(b'\n');
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap(),
                "round {round}"
            );
        }
    }

    #[test]
    fn a_frame_without_its_hole_is_an_error() {
        let mut out = Vec::new();
        assert!(write_with_items(&mut out, &json!({"a": 1}), std::iter::empty()).is_err());
    }
}
