//! Files sent in conversations are untrusted: recognising one must never panic, whatever the
//! bytes (a ZIP's directory is read from offsets the file itself gives), and what is accepted
//! really starts as its type says; text is valid UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first line is the file's name, the rest its bytes.
    let (name, bytes) = match data.iter().position(|b| *b == b'\n') {
        Some(i) => (String::from_utf8_lossy(&data[..i]).to_string(), &data[i + 1..]),
        None => (String::new(), data),
    };
    let name = sc_domain::conversation::clean_file_name(&name);
    assert!(!name.is_empty() && !name.contains(['/', '\\', '"']));
    if let Some(k) = sc_media::attachment::recognise(bytes, &name) {
        match k.extension {
            "pdf" => assert!(bytes.starts_with(b"%PDF-")),
            "jpg" => assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF])),
            "png" => assert!(bytes.starts_with(b"\x89PNG")),
            "webp" => assert!(bytes.starts_with(b"RIFF")),
            "docx" | "xlsx" | "pptx" => assert!(bytes.starts_with(b"PK\x03\x04")),
            "txt" | "csv" => {
                let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                assert!(std::str::from_utf8(b).is_ok());
            }
            other => panic!("unknown extension {other}"),
        }
    }
});
