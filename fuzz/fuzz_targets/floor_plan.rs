//! Uploaded floor plans (JSON or CSV) are untrusted: reading must never panic; a plan that is
//! accepted must pass its own checks, route without panicking and draw.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sc_floorplan::route::{Start, route};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for parsed in [sc_floorplan::parse::json(text), sc_floorplan::parse::csv(text)] {
        if let Ok(plan) = parsed {
            assert!(plan.check().is_ok());
            // Routing cost grows with the hall's area; keep the fuzzer fast on huge halls.
            if (plan.width as i64) * (plan.height as i64) <= 4_000_000 {
                let stops: Vec<&str> = plan.booths.iter().take(5).map(|b| b.code.as_str()).collect();
                let _ = route(&plan, Start::Entrance, &stops);
            }
            let svg = sc_floorplan::svg::render(&plan, &Default::default());
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        }
    }
});
