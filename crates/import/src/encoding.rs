//! Turning a spreadsheet's bytes into text: UTF-8 with or without the BOM Excel writes, UTF-16
//! with a BOM, or, without one, Big5 (Hong Kong and Taiwan systems) or GB18030 (Mainland ones).

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8};

use crate::FileError;

/// Larger files are refused before any decoding.
pub const MAX_BYTES: usize = 200 * 1024 * 1024;

/// Decodes the whole file, or says why it cannot. Line endings come back as `\n` whatever the
/// file used (Windows `\r\n`, or classic Mac `\r`, which older Excel for Mac still writes), so
/// line numbers in reports count the lines a person sees.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), FileError> {
    let (text, name) = decode_raw(bytes)?;
    Ok((normalise_line_endings(text), name))
}

fn normalise_line_endings(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn decode_raw(bytes: &[u8]) -> Result<(String, &'static str), FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge {
            max: MAX_BYTES / 1024 / 1024,
        });
    }
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors {
            Err(FileError::UnknownEncoding)
        } else {
            Ok((text.into_owned(), enc.name()))
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), UTF_8.name()));
    }
    // Both legacy encodings decode many byte strings; keep the readings that decode cleanly and
    // prefer the one that reads as ordinary Chinese (common ideographs, no private-use or rare
    // extension characters).
    let mut best: Option<(i64, String, &'static str)> = None;
    for enc in [BIG5, GB18030] {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            let score = plausibility(&text);
            if best.as_ref().is_none_or(|(s, ..)| score > *s) {
                best = Some((score, text.into_owned(), enc.name()));
            }
        }
    }
    best.map(|(_, t, n)| (t, n))
        .ok_or(FileError::UnknownEncoding)
}

/// Higher for text that looks like ordinary Chinese and spreadsheet punctuation.
fn plausibility(text: &str) -> i64 {
    text.chars()
        .map(|c| match c as u32 {
            0x4E00..=0x9FFF => 2,                      // common ideographs
            0x3000..=0x303F | 0xFF00..=0xFFEF => 1,    // CJK punctuation, full-width forms
            0x20..=0x7E | 0x0A | 0x0D | 0x09 => 0,     // ASCII
            0xE000..=0xF8FF => -10,                    // private use: a wrong guess
            0x3400..=0x4DBF | 0x20000..=0x2FFFF => -3, // rare extensions
            _ => -1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "參考編號,攤位,名稱（繁）\nHK-001,1A-A01,香港華南電子有限公司\n";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode(TEXT.as_bytes()).unwrap(),
            (TEXT.to_string(), "UTF-8")
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(TEXT.as_bytes());
        assert_eq!(
            decode(&bom).unwrap().0,
            TEXT,
            "Excel's BOM is not part of the first header"
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in TEXT.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap(), (TEXT.to_string(), "UTF-16LE"));
    }

    #[test]
    fn big5_and_gb18030_are_told_apart() {
        let (big5, _, _) = BIG5.encode(TEXT);
        assert_eq!(decode(&big5).unwrap(), (TEXT.to_string(), "Big5"));
        let simplified = "参考编号,展位,名称（简）\nCN-001,1B-A02,深圳华南电子有限公司\n";
        let (gb, _, _) = GB18030.encode(simplified);
        assert_eq!(decode(&gb).unwrap(), (simplified.to_string(), "gb18030"));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert_eq!(decode(b""), Err(FileError::Empty));
        assert!(decode(&[0xFF; 10]).is_err());
    }
}

#[cfg(test)]
mod line_endings {
    #[test]
    fn carriage_returns_become_newlines_so_lines_count_right() {
        let (t, _) = super::decode(b"a,b\r\n1,2\r3,4\n").unwrap();
        assert_eq!(t, "a,b\n1,2\n3,4\n");
        let p = crate::products::parse(b"exhibitor,reference,name_en\rE1,P1,Lamp\rE1,P2,Desk\r")
            .unwrap();
        assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]);
    }
}
