/*! Markdown (CommonMark with tables and front matter, by pulldown-cmark): only text events
are prose; code, HTML, link targets and front matter are masked. */

use crate::document::{Mask, MaskKind};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub fn mask(text: &str, mask: &mut Mask) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut prose: Vec<(usize, usize)> = Vec::new();
    let mut content: Vec<(usize, usize)> = Vec::new();
    let mut skip_depth = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => {
                skip_depth += 1;
                content.push((range.start, range.end));
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            Event::Text(_) if skip_depth == 0 => prose.push((range.start, range.end)),
            Event::SoftBreak | Event::HardBreak if skip_depth == 0 => {
                prose.push((range.start, range.end))
            }
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => content.push((range.start, range.end)),
            _ => {}
        }
    }
    prose.sort_unstable();
    // Everything that is not prose is markup syntax...
    let mut pos = 0;
    for &(s, e) in &prose {
        if s > pos {
            mask.add(pos, s, MaskKind::Syntax);
        }
        pos = pos.max(e);
    }
    mask.add(pos, text.len(), MaskKind::Syntax);
    // ...except code and HTML, which break phrases.
    for (s, e) in content {
        mask.add(s, e, MaskKind::Content);
    }
    // Character references (&amp;) and bare URLs inside prose.
    for &(s, e) in &prose {
        super::text::mask_inline(&text[s..e], s, mask);
        mark_entities(&text[s..e], s, mask);
    }
}

fn mark_entities(text: &str, offset: usize, mask: &mut Mask) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'&'
            && let Some(len) = bytes[i + 1..].iter().take(10).position(|&b| b == b';')
        {
            let body = &text[i + 1..i + 1 + len];
            if !body.is_empty()
                && (body.chars().all(|c| c.is_ascii_alphanumeric()) || body.starts_with('#'))
            {
                mask.add(offset + i, offset + i + len + 2, MaskKind::Syntax);
                i += len + 2;
                continue;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::formats::Format;

    fn words(md: &str) -> Vec<String> {
        Document::new("t.md", md.to_string(), Format::Markdown)
            .tokens
            .into_iter()
            .map(|t| String::from(t.norm))
            .collect()
    }

    #[test]
    fn code_links_and_front_matter_are_not_prose() {
        let md = "---\ntitle: formation\n---\n\n# Titre\n\nVoir `formation` et [le lien](https://formation.example) ici.\n\n```\nformation\n```\n";
        assert_eq!(words(md), ["titre", "voir", "et", "le", "lien", "ici"]);
    }

    #[test]
    fn emphasis_keeps_phrases_together() {
        let md = "la *chaîne* d'approvisionnement";
        assert_eq!(words(md), ["la", "chaîne", "d'", "approvisionnement"]);
    }
}
