//! What every organiser's sheet shares: the header row matched against known column names (in
//! any of the three languages, case and spaces ignored, unknown columns kept for the organiser's
//! own notes), and data rows with their line numbers, empty rows skipped and ragged ones
//! reported.

use sc_domain::ErrorCode;
use std::collections::HashMap;

use csv::StringRecord;

use crate::{FileError, RowError};

/// Known columns: (column, the names it may carry in a header).
pub(crate) type Columns = &'static [(&'static str, &'static [&'static str])];

fn normalise_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{FEFF}')
        .to_lowercase()
        .replace([' ', '\u{3000}'], "")
}

/// Where each known column is in this file, and its header as written.
pub(crate) struct Headers {
    at: HashMap<&'static str, (usize, String)>,
}

impl Headers {
    /// The header as the file writes it, for reports.
    pub fn header_of(&self, column: &str) -> Option<String> {
        self.at.get(column).map(|(_, h)| h.clone())
    }

    /// A row's cell in `column` ("" when the sheet has no such column).
    pub fn cell<'r>(&self, record: &'r StringRecord, column: &str) -> &'r str {
        self.at
            .get(column)
            .and_then(|(i, _)| record.get(*i))
            .unwrap_or("")
    }

    /// Refuses a sheet lacking a `required` column or every one of the `names` columns.
    pub fn require(&self, required: &[&str], names: [&str; 3]) -> Result<(), FileError> {
        let mut missing: Vec<String> = required
            .iter()
            .filter(|c| !self.at.contains_key(*c))
            .map(|c| c.to_string())
            .collect();
        if !names.iter().any(|c| self.at.contains_key(c)) {
            missing.push(format!("{}, {} or {}", names[0], names[1], names[2]));
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(FileError::MissingColumns(missing.join(", ")))
        }
    }
}

/// A data row with its 1-based line, or why it cannot be read.
pub(crate) type SheetRow = Result<(u64, StringRecord), RowError>;

/// Reads the header row of decoded `text`; returns the columns found and the data rows, each
/// with its 1-based line or the problem that makes it unreadable.
pub(crate) fn open(
    text: &str,
    columns: Columns,
) -> Result<(Headers, impl Iterator<Item = SheetRow> + '_), FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| FileError::NotCsv(e.to_string()))?
        .clone();
    let mut at = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let n = normalise_header(h);
        if let Some((col, _)) = columns
            .iter()
            .find(|(_, names)| names.iter().any(|name| normalise_header(name) == n))
        {
            at.entry(*col)
                .or_insert((i, h.trim_start_matches('\u{FEFF}').to_string()));
        }
    }
    let width = headers.len();
    let rows = reader.into_records().filter_map(move |record| {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                return Some(Err(RowError {
                    line: e.position().map(|p| p.line()).unwrap_or(0),
                    column: None,
                    code: ErrorCode::UnreadableRow,
                    message: e.to_string(),
                }));
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|c| c.is_empty()) {
            return None;
        }
        if record.len() != width {
            return Some(Err(RowError {
                line,
                column: None,
                code: ErrorCode::RaggedRow,
                message: format!("expected {width} columns, found {}", record.len()),
            }));
        }
        Some(Ok((line, record)))
    });
    Ok((Headers { at }, rows))
}
