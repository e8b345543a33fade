//! Product sheets are untrusted bytes: reading one must never panic, and every row kept must
//! name its exhibitor and product and pass the listing checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = sc_import::products::parse(data) {
        for r in &parsed.rows {
            assert!(r.line >= 2, "data rows come after the header");
            assert!(!r.value.exhibitor.is_empty() && !r.value.reference.is_empty());
            assert!(r.value.listing.clone().validated().is_ok());
        }
    }
});
