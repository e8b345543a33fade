//! Domain types and rules of superconnector. Nothing here does I/O: storage and HTTP live at the
//! edges and call into this crate to validate and describe what they store and serve.

pub mod codes;
pub mod conversation;
pub mod error;
pub mod fair;
pub mod governance;
pub mod lang;
pub mod listing;
pub mod location;
pub mod market;
pub mod meeting;
pub mod money;
pub mod organisation;
pub mod person;
pub mod profile;
pub mod sector;

pub use codes::ErrorCode;
pub use error::{FieldError, Invalid};
pub use lang::{Language, LocalizedText};
pub use location::Location;

/// Milliseconds since the Unix epoch, UTC. Stored as a 64-bit integer on both engines.
pub type Timestamp = i64;
