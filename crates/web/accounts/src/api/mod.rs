//! The accounts area of the JSON API.

pub mod auth;
pub mod organisations;
pub mod users;
