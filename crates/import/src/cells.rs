//! Cells as spreadsheets will read them back: a value starting with `=`, `+`, `-`, `@`, a tab or
//! a carriage return is a formula to Excel (`=HYPERLINK(…)` can exfiltrate data), so exports
//! prefix it with an apostrophe, which Excel shows as text.

/// A cell value safe to open in a spreadsheet.
pub fn neutralise(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_become_text() {
        assert_eq!(
            super::neutralise("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(super::neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::neutralise("-1+1"), "'-1+1");
        assert_eq!(super::neutralise("香港"), "香港");
        assert_eq!(super::neutralise(""), "");
    }
}
