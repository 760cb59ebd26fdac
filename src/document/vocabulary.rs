/*! The distinct words of a document. A text of a million words has some twenty thousand
distinct ones: what depends on a word alone (its forms in the glossary, whether it is in a
word list) is worked out once per distinct word, then read per token by its id. */

use super::Token;
use std::collections::HashMap;

/// Each token's id among the distinct normalised forms (`Token::norm`) of a document.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Per token: the id of its normalised form. Ids are given in order of first occurrence,
    /// from 0.
    pub ids: Vec<u32>,
    /// Per id: the index of the first token of that form.
    pub first: Vec<u32>,
}

impl Vocabulary {
    pub fn new(tokens: &[Token]) -> Vocabulary {
        // (A text's distinct words are a few per cent of its tokens.)
        let mut seen: HashMap<&str, u32, foldhash::fast::FixedState> =
            HashMap::with_capacity_and_hasher(tokens.len() / 16 + 16, Default::default());
        let mut first = Vec::new();
        let ids = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                *seen.entry(t.norm.as_str()).or_insert_with(|| {
                    first.push(i as u32);
                    first.len() as u32 - 1
                })
            })
            .collect();
        Vocabulary { ids, first }
    }

    /// The number of distinct forms.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// `f` of every token, called once per distinct form (on its first token): `f` must
    /// depend on the token's normalised form alone.
    pub fn per_token<T: Copy>(&self, tokens: &[Token], mut f: impl FnMut(&Token) -> T) -> Vec<T> {
        let by_id: Vec<T> = self.first.iter().map(|&i| f(&tokens[i as usize])).collect();
        self.ids.iter().map(|&id| by_id[id as usize]).collect()
    }

    /// `f` of every distinct form, by id (called on each form's first token).
    pub fn per_form<T>(&self, tokens: &[Token], f: impl FnMut(&Token) -> T) -> Vec<T> {
        self.first
            .iter()
            .map(|&i| &tokens[i as usize])
            .map(f)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_one_form_share_its_id() {
        let doc = crate::document::Document::from_str(
            "Le modèle et le Modèle : l'entraînement du modèle, L’entraînement.",
        );
        let v = Vocabulary::new(&doc.tokens);
        assert_eq!(v.ids.len(), doc.tokens.len());
        for (i, a) in doc.tokens.iter().enumerate() {
            // The first token of its id has its form, and comes first.
            let first = v.first[v.ids[i] as usize] as usize;
            assert_eq!(doc.tokens[first].norm, a.norm);
            assert!(first <= i);
            for (j, b) in doc.tokens.iter().enumerate() {
                assert_eq!(v.ids[i] == v.ids[j], a.norm == b.norm);
            }
        }
        // « le », « modèle », « et », « : »? (not a token), « l' », « entraînement », « du ».
        assert_eq!(v.len(), 6);
        let lengths = v.per_token(&doc.tokens, |t| t.norm.len());
        let direct: Vec<usize> = doc.tokens.iter().map(|t| t.norm.len()).collect();
        assert_eq!(lengths, direct);
        assert_eq!(v.per_form(&doc.tokens, |t| t.norm.to_string())[1], "modèle");
    }

    #[test]
    fn an_empty_text_has_no_forms() {
        let v = Vocabulary::new(&[]);
        assert!(v.is_empty() && v.ids.is_empty());
    }
}
