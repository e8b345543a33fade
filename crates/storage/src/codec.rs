//! Reading domain values out of rows: localized text from three columns, JSON from text
//! columns, enums from their codes. A value that does not parse is reported, never guessed.

use sc_domain::{LocalizedText, Location};
use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, StorageError};

pub(crate) fn text(row: &AnyRow, prefix: &str) -> Result<LocalizedText> {
    Ok(LocalizedText {
        zh_hant: row.try_get(format!("{prefix}_zh_hant").as_str())?,
        zh_hans: row.try_get(format!("{prefix}_zh_hans").as_str())?,
        en: row.try_get(format!("{prefix}_en").as_str())?,
    })
}

pub(crate) fn json<T: DeserializeOwned>(row: &AnyRow, col: &str) -> Result<T> {
    let s: String = row.try_get(col)?;
    serde_json::from_str(&s).map_err(|e| StorageError::Corrupt(format!("{col}: {e}")))
}

pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("domain values always serialise")
}

pub(crate) fn location(row: &AnyRow, col: &str) -> Result<Location> {
    let s: String = row.try_get(col)?;
    Location::parse(&s).map_err(StorageError::Corrupt)
}

pub(crate) fn parsed<T>(row: &AnyRow, col: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    let s: String = row.try_get(col)?;
    parse(&s).ok_or_else(|| StorageError::Corrupt(format!("{col}: unknown value {s:?}")))
}

/// The three language columns of a localized text, in column order `_zh_hant, _zh_hans, _en`.
pub(crate) fn columns(t: &LocalizedText) -> [Option<String>; 3] {
    [t.zh_hant.clone(), t.zh_hans.clone(), t.en.clone()]
}
