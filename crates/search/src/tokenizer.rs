//! The platform's text pipeline as a tantivy tokenizer, so the index and snippets see exactly
//! the tokens `superconnector text analyze` shows.

use sc_text::{Analyzer, Mode};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

#[derive(Clone)]
pub(crate) struct ScTokenizer;

pub(crate) struct ScTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for ScTokenizer {
    type TokenStream<'a> = ScTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ScTokenStream {
        let tokens = Analyzer::shared()
            .tokens(text, Mode::Index)
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
