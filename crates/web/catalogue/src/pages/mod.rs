//! The listing and search pages: lists and a listing's page, its forms, photos, search.

pub mod listing_edit;
pub mod listings;
pub mod photos;
pub mod search;
