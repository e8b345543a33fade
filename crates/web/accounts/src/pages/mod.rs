//! The account and organisation pages: sign-up, sign-in, the language, the account page, the
//! directory of organisations, an organisation's page, its form and its members.

pub mod account;
pub mod members;
pub mod organisation_edit;
pub mod organisations;
