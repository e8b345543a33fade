//! A large, deterministic, mixed-language catalogue for benchmarks: listings built from the
//! demo's word lists, each in the one, two or three languages a real exhibitor would write, and
//! each labelled with the product type it is, so a benchmark knows which listings a query for
//! that product type should find.

use sc_domain::listing::{Listing, ListingStatus, Owner};
use sc_domain::market::ListingKind;
use sc_domain::{LocalizedText, Location};
use serde_json::Map;

use crate::Rng;
use crate::words::{BRANDS, MODIFIERS, SECTORS, Tri};

/// Every product type of the word lists, in a fixed order: (sector code, name, HS code).
pub fn product_types() -> Vec<(&'static str, Tri, &'static str)> {
    SECTORS
        .iter()
        .flat_map(|s| s.products.iter().map(move |p| (s.code, p.name, p.hs)))
        .collect()
}

/// The `i`-th listing of the catalogue with seed `seed`, and the index of its product type in
/// [`product_types`].
pub fn listing(i: u64, seed: u64) -> (Listing, usize) {
    let types = product_types();
    let mut rng = Rng::new(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let t = rng.below(types.len());
    let (_, name, hs) = types[t];
    let m = *rng.pick(MODIFIERS);
    let brand = *rng.pick(BRANDS);
    let model = format!(
        "{}{}",
        (b'A' + rng.below(26) as u8) as char,
        100 + rng.below(9900)
    );
    // Which languages: Hong Kong firms write zh-Hant + en, Mainland firms zh-Hans (+ en),
    // international firms en; a few write all three.
    let langs = match rng.below(10) {
        0..=2 => [true, false, true],
        3..=5 => [false, true, rng.chance(60)],
        6..=7 => [false, false, true],
        _ => [true, true, true],
    };
    let named = crate::words::modified(&m, &name);
    let title = LocalizedText {
        zh_hant: langs[0].then(|| format!("{}{} {model}", brand.0, named.0)),
        zh_hans: langs[1].then(|| format!("{}{} {model}", brand.1, named.1)),
        en: langs[2].then(|| format!("{} {} {model}", brand.2, named.2)),
    };
    let moq = [50, 100, 500, 1000][rng.below(4)];
    let description = LocalizedText {
        zh_hant: langs[0].then(|| format!("{}，最低訂購量{moq}件，可提供OEM服務。", name.0)),
        zh_hans: langs[1].then(|| format!("{}，最低订购量{moq}件，可提供OEM服务。", name.1)),
        en: langs[2].then(|| format!("{}, minimum order {moq} pieces, OEM available.", name.2)),
    };
    let regions = ["HK", "CN-GD-SZ", "SG", "AE", "DE", "US"];
    let listing = Listing {
        id: i as i64 + 1,
        owner: Owner::Organisation(1 + rng.below(10_000) as i64),
        kind: ListingKind::Product,
        market: ListingKind::Product.market(),
        title,
        description,
        codes: vec![hs.to_string()],
        target_regions: vec![Location::parse(regions[rng.below(regions.len())]).expect("valid")],
        attributes: Map::new(),
        status: ListingStatus::Published,
        created_by: 1,
        created_at: 0,
        updated_at: 0,
    };
    (listing, t)
}
