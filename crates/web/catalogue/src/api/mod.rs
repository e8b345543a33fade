//! The catalogue area of the JSON API: listings, search, the text analyser, market schemas.

pub mod listings;
pub mod markets;
pub mod search;
pub mod text;
