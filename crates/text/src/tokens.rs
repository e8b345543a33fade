//! Tokenisation with offsets into the original text.

use unicode_normalization::UnicodeNormalization;

use crate::script::is_han;
use crate::{Analyzer, Target};

/// How to segment Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// For documents: whole words plus their sub-words.
    Index,
    /// For queries: whole words only.
    Query,
}

/// One token: its folded text, where it came from, and its position in the token stream
/// (sub-words and compounds share the position of the word they belong to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// Byte offsets into the original text.
    pub start: usize,
    pub end: usize,
    pub position: usize,
}

/// Normalises character by character (NFKC, lower case), remembering each output character's
/// source byte range, so later steps can point back into the original.
pub(crate) fn normalize(text: &str) -> Vec<(char, (usize, usize))> {
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let span = (i, i + c.len_utf8());
        if c.is_ascii() {
            out.push((c.to_ascii_lowercase(), span));
            continue;
        }
        for n in std::iter::once(c).nfkc() {
            for l in n.to_lowercase() {
                out.push((l, span));
            }
        }
    }
    out
}

#[derive(PartialEq, Clone, Copy)]
enum Class {
    Han,
    Word,
    Joiner,
    Gap,
}

fn class(c: char) -> Class {
    if is_han(c) {
        Class::Han
    } else if c.is_alphanumeric() {
        Class::Word
    } else if c == '-' || c == '_' || c == '.' || c == '/' || c == '+' {
        Class::Joiner
    } else {
        Class::Gap
    }
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "by", "or", "at", "from",
];

pub(crate) fn tokenize(a: &Analyzer, text: &str, mode: Mode) -> Vec<Token> {
    let chars = normalize(text);
    let mut out: Vec<Token> = Vec::new();
    let mut position = 0;
    let mut i = 0;
    // The last Latin word, for joining `usb` `-` `c` into `usbc`.
    let mut last_word: Option<(usize, usize, String)> = None;
    while i < chars.len() {
        match class(chars[i].0) {
            Class::Gap => {
                last_word = None;
                i += 1;
            }
            Class::Joiner => {
                // A joiner between two words keeps `last_word` alive; anywhere else it is a gap.
                let next_is_word = chars
                    .get(i + 1)
                    .is_some_and(|(c, _)| class(*c) == Class::Word);
                if !next_is_word
                    || chars
                        .get(i.wrapping_sub(1))
                        .is_none_or(|(c, _)| class(*c) != Class::Word)
                {
                    last_word = None;
                }
                i += 1;
            }
            Class::Word => {
                let start = i;
                while i < chars.len() && class(chars[i].0) == Class::Word {
                    i += 1;
                }
                let word: String = chars[start..i].iter().map(|(c, _)| *c).collect();
                let (from, to) = (chars[start].1.0, chars[i - 1].1.1);
                let joined_after_joiner =
                    start > 0 && class(chars[start - 1].0) == Class::Joiner && last_word.is_some();
                let stemmed = if word.chars().all(|c| c.is_alphabetic()) {
                    a.stemmer.stem(&word).into_owned()
                } else {
                    word.clone()
                };
                if STOP_WORDS.contains(&word.as_str()) {
                    last_word = None;
                    continue;
                }
                if joined_after_joiner && let Some((jfrom, jpos, prefix)) = last_word.take() {
                    let compound = format!("{prefix}{word}");
                    out.push(Token {
                        text: stemmed,
                        start: from,
                        end: to,
                        position,
                    });
                    // The compound sits where its first part sits, so `usbc` and `usb c` both match.
                    out.push(Token {
                        text: compound.clone(),
                        start: jfrom,
                        end: to,
                        position: jpos,
                    });
                    last_word = Some((jfrom, jpos, compound));
                } else {
                    out.push(Token {
                        text: stemmed,
                        start: from,
                        end: to,
                        position,
                    });
                    last_word = Some((from, position, word));
                }
                position += 1;
            }
            Class::Han => {
                last_word = None;
                let start = i;
                while i < chars.len() && class(chars[i].0) == Class::Han {
                    i += 1;
                }
                let run = &chars[start..i];
                let original: String = run.iter().map(|(c, _)| *c).collect();
                let mut folded = a.convert(&original, Target::Simplified);
                if folded.chars().count() != run.len() {
                    // A phrase that changed length cannot be mapped back character by
                    // character; convert each character on its own instead.
                    folded = run
                        .iter()
                        .map(|(c, _)| a.convert(&c.to_string(), Target::Simplified))
                        .map(|s| s.chars().next().unwrap_or(' '))
                        .collect();
                }
                let jieba_mode = match mode {
                    Mode::Index => jieba_rs::TokenizeMode::Search,
                    Mode::Query => jieba_rs::TokenizeMode::Default,
                };
                let words = a.jieba.tokenize(&folded, jieba_mode, true);
                // Search mode emits sub-words before the word that contains them; a word and its
                // sub-words share one position: the position of the word's first character.
                let mut first_position_of_char: Vec<Option<usize>> = vec![None; run.len()];
                for w in &words {
                    let pos = match first_position_of_char[w.start] {
                        Some(p) => p,
                        None => {
                            let p = position;
                            position += 1;
                            first_position_of_char[w.start] = Some(p);
                            p
                        }
                    };
                    if w.word.trim().is_empty() {
                        continue;
                    }
                    out.push(Token {
                        text: w.word.to_string(),
                        start: run[w.start].1.0,
                        end: run[w.end - 1].1.1,
                        position: pos,
                    });
                }
            }
        }
    }
    out
}
