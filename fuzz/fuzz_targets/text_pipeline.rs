//! The text pipeline on arbitrary bytes: it must never panic, every token must point at a
//! real slice of the input, and folding must be stable (folding folded text changes nothing
//! more than once: the second fold equals the first).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sc_text::{Analyzer, Mode, Target};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = Analyzer::shared();
    for mode in [Mode::Index, Mode::Query] {
        for t in a.tokens(&text, mode) {
            assert!(t.start < t.end && t.end <= text.len(), "token {t:?} outside the input");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(!t.text.is_empty());
        }
    }
    let folded = a.fold(&text);
    assert_eq!(a.fold(&folded), a.fold(&a.fold(&folded)));
    let _ = a.script(&text);
    let _ = a.convert(&text, Target::Traditional);
    let _ = sc_domain::Language::from_accept_language(&text);
    let _ = sc_domain::Location::parse(&text);
});
