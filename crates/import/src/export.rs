//! Files people take away: CSV that Excel opens in any language (UTF-8 with a byte-order mark,
//! every cell neutralised against formulas) and vCards (RFC 6350) for address books.

use crate::cells::neutralise;

/// A CSV document: a header row, then `rows`; each cell made safe for spreadsheets.
pub fn csv_document(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(headers.iter().map(|h| neutralise(h)));
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| neutralise(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{FEFF}{}", String::from_utf8(bytes).unwrap_or_default())
}

/// One contact card.
#[derive(Debug, Default, Clone)]
pub struct Card {
    pub full_name: String,
    pub organisation: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub url: Option<String>,
    pub note: Option<String>,
    pub categories: Vec<String>,
    /// Other handles (WeChat, WhatsApp) as `X-` properties: (name, value).
    pub extra: Vec<(&'static str, String)>,
}

/// Escapes a property value: backslash, comma, semicolon and newlines.
fn escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

impl Card {
    pub fn render(&self, out: &mut String) {
        let mut line = |name: &str, value: &str| fold(&format!("{name}:{value}"), out);
        line("BEGIN", "VCARD");
        line("VERSION", "4.0");
        line("FN", &escape(&self.full_name));
        if let Some(o) = &self.organisation {
            line("ORG", &escape(o));
        }
        for e in &self.emails {
            line("EMAIL", &escape(e));
        }
        for p in &self.phones {
            line("TEL", &escape(p));
        }
        if let Some(u) = &self.url {
            line("URL", &escape(u));
        }
        if !self.categories.is_empty() {
            let cats: Vec<String> = self.categories.iter().map(|c| escape(c)).collect();
            line("CATEGORIES", &cats.join(","));
        }
        for (name, value) in &self.extra {
            line(name, &escape(value));
        }
        if let Some(n) = &self.note {
            line("NOTE", &escape(n));
        }
        line("END", "VCARD");
    }
}

/// Several cards in one `.vcf` file.
pub fn vcards(cards: &[Card]) -> String {
    let mut out = String::new();
    for c in cards {
        c.render(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_neutralised_and_quoted() {
        let doc = csv_document(
            &["name", "note"],
            &[vec![
                "=HYPERLINK(\"http://evil\",\"x\")".into(),
                "a, \"b\"\nc".into(),
            ]],
        );
        assert!(doc.starts_with('\u{FEFF}'));
        let mut r = csv::Reader::from_reader(doc.trim_start_matches('\u{FEFF}').as_bytes());
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[0], "'=HYPERLINK(\"http://evil\",\"x\")");
        assert_eq!(&row[1], "a, \"b\"\nc");
    }

    #[test]
    fn vcards_escape_and_fold() {
        let card = Card {
            full_name: "陳大文; Chan, Tai Man".into(),
            organisation: Some("深圳光明照明有限公司".repeat(4)),
            emails: vec!["tm@example.com".into()],
            note: Some("line one\nline two".into()),
            categories: vec!["LED".into(), "follow,up".into()],
            ..Default::default()
        };
        let v = vcards(&[card]);
        assert!(v.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
        assert!(v.contains("FN:陳大文\\; Chan\\, Tai Man\r\n"));
        assert!(v.contains("NOTE:line one\\nline two\r\n"));
        assert!(v.contains("CATEGORIES:LED,follow\\,up\r\n"));
        for line in v.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        // Unfolding gives the organisation back whole.
        let unfolded = v.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("ORG:{}", "深圳光明照明有限公司".repeat(4))));
        assert!(v.ends_with("END:VCARD\r\n"));
    }
}
