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

/// What a token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A word as written (stemmed if English).
    Word,
    /// A shorter word inside a long Chinese word (index mode: `手表` in `智能手表`).
    Sub,
    /// Latin words joined by a hyphen or similar, run together: `usbc` for `USB-C`.
    Compound,
    /// Two Latin words written apart, run together (query mode only): `smartwatch` for
    /// `smart watch`, so a query written apart finds the word written as one. Not a word the
    /// query requires: an alternative for the two words it covers.
    Joined,
    /// One Chinese character (from [`Analyzer::characters`](crate::Analyzer::characters)).
    Char,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Word => "word",
            Kind::Sub => "sub",
            Kind::Compound => "compound",
            Kind::Joined => "joined",
            Kind::Char => "char",
        }
    }
}

/// One token: its folded text, where it came from, its position in the token stream
/// (sub-words and compounds share the position of the word they belong to) and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// Byte offsets into the original text.
    pub start: usize,
    pub end: usize,
    pub position: usize,
    pub kind: Kind,
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
    Space,
    Gap,
}

fn class(c: char) -> Class {
    if is_han(c) {
        Class::Han
    } else if c.is_alphanumeric() {
        Class::Word
    } else if c == '-' || c == '_' || c == '.' || c == '/' || c == '+' {
        Class::Joiner
    } else if c.is_whitespace() {
        Class::Space
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
    // The last plain Latin word when only spaces follow it, for offering `smart` `watch` run
    // together as `smartwatch` (query mode).
    let mut spaced: Option<(usize, usize, String)> = None;
    while i < chars.len() {
        match class(chars[i].0) {
            Class::Space => {
                last_word = None;
                i += 1;
            }
            Class::Gap => {
                last_word = None;
                spaced = None;
                i += 1;
            }
            Class::Joiner => {
                spaced = None;
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
                    spaced = None;
                    continue;
                }
                if joined_after_joiner && let Some((jfrom, jpos, prefix)) = last_word.take() {
                    let compound = format!("{prefix}{word}");
                    out.push(Token {
                        text: stemmed,
                        start: from,
                        end: to,
                        position,
                        kind: Kind::Word,
                    });
                    // The compound sits where its first part sits, so `usbc` and `usb c` both match.
                    out.push(Token {
                        text: compound.clone(),
                        start: jfrom,
                        end: to,
                        position: jpos,
                        kind: Kind::Compound,
                    });
                    last_word = Some((jfrom, jpos, compound));
                    spaced = None;
                } else {
                    out.push(Token {
                        text: stemmed,
                        start: from,
                        end: to,
                        position,
                        kind: Kind::Word,
                    });
                    if mode == Mode::Query
                        && let Some((sfrom, spos, before)) = spaced.take()
                        && let Some(joined) = a.joined(&before, &word)
                    {
                        out.push(Token {
                            text: joined,
                            start: sfrom,
                            end: to,
                            position: spos,
                            kind: Kind::Joined,
                        });
                    }
                    last_word = Some((from, position, word.clone()));
                    spaced = Some((from, position, word));
                }
                position += 1;
            }
            Class::Han => {
                last_word = None;
                spaced = None;
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
                    // Jieba gives the sub-words of a word before the word itself; a token is a
                    // sub-word when a longer token starting at or before it covers it.
                    let whole = words.iter().all(|o| {
                        !(o.start <= w.start && o.end >= w.end && o.end - o.start > w.end - w.start)
                    });
                    out.push(Token {
                        text: w.word.to_string(),
                        start: run[w.start].1.0,
                        end: run[w.end - 1].1.1,
                        position: pos,
                        kind: if whole { Kind::Word } else { Kind::Sub },
                    });
                }
            }
        }
    }
    out
}

/// Each Chinese character of `text` on its own, folded to Simplified, one position apart within
/// a run of Chinese and two apart across runs (so a phrase of characters never spans a gap).
pub(crate) fn characters(a: &Analyzer, text: &str) -> Vec<Token> {
    let chars = normalize(text);
    let mut out = Vec::new();
    let mut position = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_han(chars[i].0) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_han(chars[i].0) {
            i += 1;
        }
        let run = &chars[start..i];
        let original: String = run.iter().map(|(c, _)| *c).collect();
        let folded = a.convert(&original, Target::Simplified);
        let folded: Vec<char> = if folded.chars().count() == run.len() {
            folded.chars().collect()
        } else {
            run.iter()
                .map(|(c, _)| {
                    let one = a.convert(c.encode_utf8(&mut [0; 4]), Target::Simplified);
                    one.chars().next().unwrap_or(*c)
                })
                .collect()
        };
        for ((_, (from, to)), c) in run.iter().zip(folded) {
            out.push(Token {
                text: c.to_string(),
                start: *from,
                end: *to,
                position,
                kind: Kind::Char,
            });
            position += 1;
        }
        position += 1;
    }
    out
}
