//! The platform's text pipeline as a tantivy tokenizer, so the index and snippets see exactly
//! the tokens `superconnector text analyze` shows.

use sc_text::{Analyzer, Mode};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

#[derive(Clone)]
pub(crate) struct ScTokenizer;

/// Each Chinese character on its own, for the character fields.
#[derive(Clone)]
pub(crate) struct CharsTokenizer;

impl Tokenizer for CharsTokenizer {
    type TokenStream<'a> = ScTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ScTokenStream {
        ScTokenStream::of(Analyzer::shared().characters(text))
    }
}

/// For snippets: the words of a text and, when the query matched characters one by one, its
/// characters too, in the order they are written.
#[derive(Clone)]
pub(crate) struct SnippetTokenizer {
    pub(crate) with_chars: bool,
}

impl Tokenizer for SnippetTokenizer {
    type TokenStream<'a> = ScTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ScTokenStream {
        let a = Analyzer::shared();
        let mut tokens = a.tokens(text, Mode::Index);
        if self.with_chars {
            tokens.extend(a.characters(text));
            tokens.sort_by_key(|t| (t.start, t.end));
        }
        ScTokenStream::of(tokens)
    }
}

pub(crate) struct ScTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for ScTokenizer {
    type TokenStream<'a> = ScTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ScTokenStream {
        ScTokenStream::of(Analyzer::shared().tokens(text, Mode::Index))
    }
}

impl ScTokenStream {
    fn of(tokens: Vec<sc_text::Token>) -> ScTokenStream {
        let tokens = tokens
            .into_iter()
            .map(|t| Token {
                offset_from: t.start,
                offset_to: t.end,
                position: t.position,
                text: t.text,
                position_length: 1,
            })
            .collect();
        ScTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for ScTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
