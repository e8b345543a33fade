//! Parsers of untrusted text never panic, whatever bytes arrive: a deterministic stream of
//! hostile strings (control characters, lone combining marks, full-width forms, huge numbers,
//! emoji, mixed scripts) through every public parser and validator.

use sc_domain::fair::{FairInput, is_iso_date};
use sc_domain::listing::ListingInput;
use sc_domain::organisation::OrganisationInput;
use sc_domain::person::{Registration, normalize_email};
use sc_domain::{Language, Location};

/// The demo's generator (PCG from `rand_pcg`), seeded: the same hostile strings every run.
struct Rng(rand_pcg::Pcg64Mcg);
impl Rng {
    fn new(seed: u64) -> Self {
        use rand_pcg::rand_core::SeedableRng;
        Rng(rand_pcg::Pcg64Mcg::seed_from_u64(seed))
    }
    fn next(&mut self) -> u64 {
        use rand_pcg::rand_core::RngCore;
        self.0.next_u64()
    }
}

const PIECES: &[&str] = &[
    "",
    "HK",
    "hk",
    "CN-GD-",
    "CN-GD-SZ",
    "cn-gd-sz",
    "zh-Hant",
    "zh",
    "en-GB",
    ";q=",
    "0.5",
    ",",
    "=",
    "@",
    ".",
    "-",
    "\0",
    "\u{7}",
    "\r\n",
    "\u{FEFF}",
    "\u{0301}",
    "\u{200D}",
    "ＨＫ",
    "２０２４",
    "2024-02-29",
    "9999-99-99",
    "😀",
    "香港",
    "广州",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "1e309",
    "-0",
    "18446744073709551616",
    "<script>",
    "%00",
    "\u{10FFFF}",
];

fn hostile(rng: &mut Rng) -> String {
    let n = (rng.next() % 8) as usize;
    (0..n)
        .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
        .collect()
}

#[test]
fn text_parsers_accept_or_refuse_but_never_panic() {
    let mut rng = Rng::new(7);
    for _ in 0..20_000 {
        let s = hostile(&mut rng);
        if let Ok(l) = Location::parse(&s) {
            assert_eq!(Location::parse(l.code()), Ok(l));
        }
        let _ = Language::from_accept_language(&s);
        let _ = Language::from_tag(&s);
        if let Ok(e) = normalize_email(&s) {
            assert_eq!(
                normalize_email(&e),
                Ok(e.clone()),
                "normalising is idempotent"
            );
        }
        let _ = is_iso_date(&s);
    }
}

#[test]
fn json_inputs_deserialise_and_validate_without_panicking() {
    let mut rng = Rng::new(11);
    let kinds = [
        "product",
        "job",
        "green_project",
        "investor_mandate",
        "service_offer",
        "nonsense",
    ];
    for i in 0..5_000 {
        let v = |r: &mut Rng| serde_json::Value::String(hostile(r));
        let kind = kinds[i % kinds.len()];
        let listing = serde_json::json!({
            "kind": kind, "title": {"en": v(&mut rng), "zh-Hant": v(&mut rng)}, "codes": [v(&mut rng), v(&mut rng)],
            "target_regions": [v(&mut rng)], "attributes": {"moq": v(&mut rng), "currency": v(&mut rng), "remote": v(&mut rng)},
        });
        if let Ok(l) = serde_json::from_value::<ListingInput>(listing) {
            let _ = l.validated();
        }
        let org = serde_json::json!({"kind": "company", "name": {"en": v(&mut rng)}, "location": v(&mut rng), "website": v(&mut rng), "sectors": [v(&mut rng)]});
        if let Ok(o) = serde_json::from_value::<OrganisationInput>(org) {
            let _ = o.validated();
        }
        let fair = serde_json::json!({"name": {"en": v(&mut rng)}, "starts_on": v(&mut rng), "ends_on": v(&mut rng), "online_until": v(&mut rng), "time_zone": v(&mut rng)});
        if let Ok(f) = serde_json::from_value::<FairInput>(fair) {
            let _ = f.validated();
        }
        let reg = serde_json::json!({"email": v(&mut rng), "password": v(&mut rng), "display_name": v(&mut rng), "location": "HK"});
        if let Ok(r) = serde_json::from_value::<Registration>(reg) {
            let _ = r.validated();
        }
    }
}
