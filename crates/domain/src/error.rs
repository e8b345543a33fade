//! Validation errors that name the field and the reason, so the API and UI can say exactly what
//! to fix.

use serde::Serialize;
use utoipa::ToSchema;

pub use crate::codes::ErrorCode;

/// One problem with one field of the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// Path of the field, e.g. `name.en` or `attributes.moq` or `rows[12].booth`.
    pub field: String,
    /// Stable machine code, translated by the UI (e.g. `required`, `too_long`, `unknown_code`).
    pub code: ErrorCode,
    /// English explanation for logs and API clients.
    pub message: String,
}

/// Input rejected, with every problem found (not just the first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
pub struct Invalid(pub Vec<FieldError>);

/// Collects field errors while validating one input.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, field: impl Into<String>, code: ErrorCode, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            code,
            message: message.into(),
        });
    }
    pub fn extend(&mut self, other: Invalid) {
        self.0.extend(other.0);
    }
    /// Checks a free-text field: no control characters, at most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) {
        if value.chars().count() > max {
            self.push(
                field,
                ErrorCode::TooLong,
                format!("at most {max} characters"),
            );
        }
        if value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            self.push(
                field,
                ErrorCode::ControlCharacter,
                "contains control characters",
            );
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn finish(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Invalid(self.0))
        }
    }
}
