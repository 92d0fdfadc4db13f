//! The tokens of a text set: one boundary token (id 0: a document's start and end) and then
//! every character of its documents, sorted by code point (id 1, 2, ...), with how often each
//! is the token to predict in the training documents.

use crate::config::limits::MAX_VOCABULARY;
use crate::error::{Error, Result};

/// The id of the boundary token (before a document's first character, after its last).
pub const BOUNDARY: u32 = 0;

#[derive(Clone, Debug, PartialEq)]
pub struct Vocabulary {
    /// The characters of ids 1, 2, ..., sorted by code point.
    chars: Vec<char>,
    /// Per token id: how often it is a training example's target (each character of each
    /// training document, and each document's end).
    counts: Vec<u64>,
}

impl Vocabulary {
    /// The vocabulary of `documents` (both splits'), with the counts of `train`; refused past
    /// `MAX_VOCABULARY` tokens.
    pub fn of<'a>(documents: impl Iterator<Item = &'a str>, train: &[&str]) -> Result<Vocabulary> {
        let mut chars: Vec<char> = documents.flat_map(str::chars).collect();
        chars.sort_unstable();
        chars.dedup();
        if chars.len() + 1 > MAX_VOCABULARY {
            return Err(Error::invalid(
                "vocabulary",
                format!("at most {MAX_VOCABULARY} tokens (characters and the boundary)"),
                format!("{} tokens", chars.len() + 1),
            ));
        }
        let mut vocabulary = Vocabulary {
            counts: vec![0; chars.len() + 1],
            chars,
        };
        for document in train {
            for c in document.chars() {
                let id = vocabulary.id(c).unwrap_or(BOUNDARY);
                vocabulary.counts[id as usize] += 1;
            }
            vocabulary.counts[BOUNDARY as usize] += 1;
        }
        Ok(vocabulary)
    }

    /// Tokens, the boundary included.
    pub fn len(&self) -> usize {
        self.chars.len() + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// The id of a character, if the vocabulary has it.
    pub fn id(&self, c: char) -> Option<u32> {
        self.chars.binary_search(&c).ok().map(|i| i as u32 + 1)
    }

    /// The character of token `id` (None for the boundary and ids past the vocabulary).
    pub fn char_of(&self, id: u32) -> Option<char> {
        let i = (id as usize).checked_sub(1)?;
        self.chars.get(i).copied()
    }

    /// Each token as text: the boundary as the empty string, then the characters.
    pub fn tokens(&self) -> Vec<String> {
        std::iter::once(String::new())
            .chain(self.chars.iter().map(char::to_string))
            .collect()
    }

    /// Per token id: how often it is a training target.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// The ids of `text`'s characters; an error naming every character (once, in order) the
    /// vocabulary does not have.
    pub fn encode(&self, field: &str, text: &str) -> Result<Vec<u32>> {
        let mut unknown: Vec<char> = Vec::new();
        let ids = text
            .chars()
            .map(|c| {
                self.id(c).unwrap_or_else(|| {
                    if !unknown.contains(&c) {
                        unknown.push(c);
                    }
                    BOUNDARY
                })
            })
            .collect();
        if unknown.is_empty() {
            return Ok(ids);
        }
        let named: Vec<String> = unknown.iter().map(|c| format!("{c:?}")).collect();
        Err(Error::invalid(
            field,
            "text made of the vocabulary's characters",
            format!("characters it does not have: {}", named.join(", ")),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boundary_comes_first_then_the_characters_by_code_point_with_their_counts() {
        let v = Vocabulary::of(["cab", "ba", "d"].into_iter(), &["cab", "ba"]).unwrap();
        assert_eq!(v.tokens(), ["", "a", "b", "c", "d"]);
        // a: 2, b: 2, c: 1, d: 0 (test only), the boundary: one end per training document.
        assert_eq!(v.counts(), [2, 2, 2, 1, 0]);
        assert_eq!(v.encode("prompt", "dab").unwrap(), [4, 1, 2]);
        assert_eq!(v.char_of(3), Some('c'));
        assert_eq!(v.char_of(0), None);
    }

    #[test]
    fn a_prompt_with_unknown_characters_names_each_once() {
        let v = Vocabulary::of(["ab"].into_iter(), &["ab"]).unwrap();
        let e = v.encode("prompt", "aXbX!").unwrap_err();
        assert_eq!(e.path(), Some("prompt"));
        assert!(e.to_string().contains("'X', '!'"), "{e}");
    }
}
