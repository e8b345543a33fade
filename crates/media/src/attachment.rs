//! Files sent in conversations. The type is recognised from the content (never the name or
//! the sender's claim) among the few kinds business people exchange: PDF, the Office Open XML
//! documents (Word, Excel, PowerPoint), JPEG, PNG and WebP images, and plain UTF-8 text (CSV
//! included). Anything else is refused, so an executable or an HTML page renamed `.pdf` never
//! reaches the other side.

/// A recognised attachment type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub media_type: &'static str,
    /// The extension the downloaded file gets.
    pub extension: &'static str,
}

const PDF: Kind = Kind {
    media_type: "application/pdf",
    extension: "pdf",
};
const DOCX: Kind = Kind {
    media_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
};
const XLSX: Kind = Kind {
    media_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
};
const PPTX: Kind = Kind {
    media_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extension: "pptx",
};
const JPEG: Kind = Kind {
    media_type: "image/jpeg",
    extension: "jpg",
};
const PNG: Kind = Kind {
    media_type: "image/png",
    extension: "png",
};
const WEBP: Kind = Kind {
    media_type: "image/webp",
    extension: "webp",
};
const TEXT: Kind = Kind {
    media_type: "text/plain; charset=utf-8",
    extension: "txt",
};
const CSV: Kind = Kind {
    media_type: "text/csv; charset=utf-8",
    extension: "csv",
};

/// Every type accepted, for documentation and forms.
pub const ACCEPTED: &[&str] = &[
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "image/jpeg",
    "image/png",
    "image/webp",
    "text/plain",
    "text/csv",
];

/// What `bytes` is, or `None` when it is none of the accepted types. `name` only chooses
/// between plain text and CSV once the content is known to be text.
pub fn recognise(bytes: &[u8], name: &str) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        return Some(PDF);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(JPEG);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(PNG);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(WEBP);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return office(bytes);
    }
    if is_text(bytes) {
        let csv = name.to_ascii_lowercase().ends_with(".csv");
        return Some(if csv { CSV } else { TEXT });
    }
    None
}

/// Text people write: valid UTF-8 (a BOM allowed), no NUL and no control characters other
/// than tab, line feed, carriage return and form feed; markup is refused so a page never
/// travels as "text".
fn is_text(bytes: &[u8]) -> bool {
    let Ok(s) = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) else {
        return false;
    };
    if s.trim().is_empty() {
        return false;
    }
    let head: String = s.chars().take(512).collect::<String>().to_ascii_lowercase();
    let head = head.trim_start();
    if head.starts_with("<!doctype") || head.starts_with("<html") || head.starts_with("<svg") {
        return false;
    }
    !s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
}

/// An Office Open XML document: a ZIP whose central directory lists `[Content_Types].xml` and
/// the part folder of Word, Excel or PowerPoint. Reads only the central directory, with every
/// offset and length bounded by the buffer.
fn office(bytes: &[u8]) -> Option<Kind> {
    let names = zip_names(bytes)?;
    if !names.iter().any(|n| *n == b"[Content_Types].xml") {
        return None;
    }
    let has = |prefix: &[u8]| names.iter().any(|n| n.starts_with(prefix));
    if has(b"word/") {
        Some(DOCX)
    } else if has(b"xl/") {
        Some(XLSX)
    } else if has(b"ppt/") {
        Some(PPTX)
    } else {
        None
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}
fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// The file names of a ZIP's central directory (at most 10,000 entries).
fn zip_names(b: &[u8]) -> Option<Vec<&[u8]>> {
    // The end-of-central-directory record: 22 bytes and a comment of at most 65,535.
    let min = b.len().saturating_sub(22 + 65_535);
    let end = (min..=b.len().checked_sub(22)?)
        .rev()
        .find(|&i| b[i..].starts_with(b"PK\x05\x06"))?;
    let count = u16_at(b, end + 10)?.min(10_000);
    let mut at = u32_at(b, end + 16)?;
    let mut names = Vec::with_capacity(count);
    for _ in 0..count {
        if !b.get(at..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let name_len = u16_at(b, at + 28)?;
        let extra = u16_at(b, at + 30)?;
        let comment = u16_at(b, at + 32)?;
        names.push(b.get(at + 46..at + 46 + name_len)?);
        at = at.checked_add(46 + name_len + extra + comment)?;
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZIP holding empty files with these names, stored uncompressed.
    fn zip(names: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for n in names {
            let offset = out.len() as u32;
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&[0; 12]);
            out.extend_from_slice(&(n.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(n.as_bytes());
            central.extend_from_slice(b"PK\x01\x02");
            central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&(n.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(n.as_bytes());
        }
        let start = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06");
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(names.len() as u16).to_le_bytes());
        out.extend_from_slice(&(names.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&start.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(recognise(b"%PDF-1.7\n...", "x.exe"), Some(PDF));
        assert_eq!(
            recognise(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0], "a.pdf"),
            Some(JPEG)
        );
        assert_eq!(recognise(b"\x89PNG\r\n\x1a\n\0\0", "a"), Some(PNG));
        assert_eq!(recognise(b"RIFF\0\0\0\0WEBPVP8 ", "a"), Some(WEBP));
        assert_eq!(recognise("報價,數量\n1,2\n".as_bytes(), "q.CSV"), Some(CSV));
        assert_eq!(recognise("價格表".as_bytes(), "notes"), Some(TEXT));
        assert_eq!(
            recognise(&zip(&["[Content_Types].xml", "word/document.xml"]), "a.zip"),
            Some(DOCX)
        );
        assert_eq!(
            recognise(
                &zip(&["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"]),
                "a"
            ),
            Some(XLSX)
        );
        assert_eq!(
            recognise(&zip(&["[Content_Types].xml", "ppt/presentation.xml"]), "a"),
            Some(PPTX)
        );
    }

    #[test]
    fn a_zip_written_by_another_tool_is_read() {
        // Python's zipfile wrote this one (deflated, with its own header layout).
        let raw = include_bytes!("../../../fuzz/corpus/message_attachment/docx");
        let at = raw.iter().position(|b| *b == b'\n').unwrap() + 1;
        assert_eq!(recognise(&raw[at..], "x"), Some(DOCX));
    }

    #[test]
    fn random_and_mangled_bytes_never_panic() {
        let z = zip(&["[Content_Types].xml", "xl/workbook.xml"]);
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut b = z.clone();
            let i = (state % b.len() as u64) as usize;
            b[i] = (state >> 32) as u8;
            let _ = recognise(&b, "a");
            let cut = (state >> 40) as usize % (b.len() + 1);
            let _ = recognise(&b[..cut], "a.csv");
        }
    }

    #[test]
    fn what_is_not_a_business_document_is_refused() {
        assert_eq!(recognise(b"MZ\x90\0\x03\0\0\0", "invoice.pdf"), None);
        assert_eq!(recognise(b"\x7fELF\x02\x01", "a.txt"), None);
        assert_eq!(recognise(b"<!DOCTYPE html><script>", "a.txt"), None);
        assert_eq!(recognise(b"  <html><body>", "a.txt"), None);
        assert_eq!(recognise(b"<svg onload=alert(1)>", "a.txt"), None);
        assert_eq!(recognise(b"a\0b", "a.txt"), None);
        assert_eq!(recognise(b"", "a.txt"), None);
        assert_eq!(recognise(&[0xC3, 0x28], "a.txt"), None);
        // A plain ZIP, a ZIP with only some Office parts, and a truncated one.
        assert_eq!(recognise(&zip(&["a.txt"]), "a.docx"), None);
        assert_eq!(recognise(&zip(&["word/document.xml"]), "a.docx"), None);
        let z = zip(&["[Content_Types].xml", "word/document.xml"]);
        for cut in [4, 30, z.len() - 30, z.len() - 1] {
            assert_eq!(recognise(&z[..cut], "a.docx"), None, "cut at {cut}");
        }
    }
}
