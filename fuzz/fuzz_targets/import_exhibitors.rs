//! Organisers' spreadsheets are untrusted bytes: reading one must never panic, and every
//! problem it reports must name a line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = sc_import::exhibitors::parse(data) {
        for e in &parsed.errors {
            assert!(e.line >= 1 || e.code == "unreadable_row", "{e:?}");
        }
        for r in &parsed.rows {
            assert!(r.line >= 2, "data rows come after the header");
            assert!(!r.value.reference.is_empty() && !r.value.booth.is_empty());
        }
    }
});
