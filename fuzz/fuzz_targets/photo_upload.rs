//! Uploaded photos are untrusted: checking one must never panic or allocate without bound,
//! and what is accepted is a JPEG within the display size.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = sc_media::prepare(data) {
        assert!(p.width <= sc_media::DISPLAY_SIDE && p.height <= sc_media::DISPLAY_SIDE);
        assert!(p.display.starts_with(&[0xFF, 0xD8]));
        assert!(p.thumb.starts_with(&[0xFF, 0xD8]));
    }
});
