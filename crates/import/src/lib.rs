//! Reading organisers' spreadsheets into domain inputs, with every problem reported by line,
//! column and reason, and nothing written until the caller decides. (Issue 4 builds the
//! storage and command around this; this crate does no I/O.)

pub mod cells;
pub mod encoding;
pub mod exhibitors;
pub mod export;
pub mod products;
mod sheet;

use sc_domain::FieldError;

/// One problem in one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    /// The column's header as written in the file, when one column is at fault.
    pub column: Option<String>,
    /// Stable code the UI translates (`required`, `duplicate_booth`, `ragged_row`, …).
    pub code: sc_domain::ErrorCode,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, column {c}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// A whole file read: the rows that are good, and every problem found.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub rows: Vec<Row<T>>,
    pub errors: Vec<RowError>,
    /// The encoding the file was read in.
    pub encoding: &'static str,
}

impl<T> Parsed<T> {
    /// All-or-nothing imports go ahead only when this is true.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Row<T> {
    pub line: u64,
    pub value: T,
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FileError {
    #[error("the file is larger than {max} MB")]
    TooLarge { max: usize },
    #[error("the file is empty")]
    Empty,
    #[error("the file's text encoding is not UTF-8, UTF-16, Big5 or GB18030")]
    UnknownEncoding,
    #[error("the header row lacks required columns: {0}")]
    MissingColumns(String),
    #[error("the file is not CSV: {0}")]
    NotCsv(String),
}

pub(crate) fn field_errors(
    line: u64,
    header_of: impl Fn(&str) -> Option<String>,
    errs: Vec<FieldError>,
) -> Vec<RowError> {
    errs.into_iter()
        .map(|e| {
            let top = e.field.split(['.', '[']).next().unwrap_or("").to_string();
            RowError {
                line,
                column: header_of(&e.field)
                    .or_else(|| header_of(&top))
                    .or(Some(e.field.clone())),
                code: e.code,
                message: e.message,
            }
        })
        .collect()
}
