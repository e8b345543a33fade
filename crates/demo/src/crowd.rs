//! A crowd for benchmarks: many buyers with profiles, exhibitors with products and wishes,
//! and a history of views and "more like this" on both sides, written into a database as
//! the platform writes them (so `recompute-matches` reads what it would read at a real fair).
//! Deterministic for a seed; every account shares one password hash (hashing 100,000
//! passwords would take longer than everything else).

use serde_json::json;

use sc_domain::listing::{ListingInput, ListingStatus, Owner};
use sc_domain::market::ListingKind;
use sc_domain::organisation::{OrgKind, OrganisationInput};
use sc_domain::person::PlatformRole;
use sc_domain::profile::{BUYER_TYPES, ProfileKind};
use sc_domain::{LocalizedText, Location};
use sc_storage::{EventActor, MatchEvent, NewUser, StorageError, Store};

use crate::words::{BUYER_LOCATIONS, EXHIBITOR_LOCATIONS, SECTORS};
use crate::{Rng, obj};

/// How big a crowd.
#[derive(Debug, Clone, Copy)]
pub struct Crowd {
    pub buyers: usize,
    pub exhibitors: usize,
    pub products_per_exhibitor: usize,
}

/// What was written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    pub buyers: usize,
    pub exhibitors: usize,
    pub products: usize,
    pub events: usize,
}

fn loc(code: &str) -> Location {
    Location::parse(code).expect("word lists use valid location codes")
}

/// Writes the crowd into an empty database; `progress(what, done, total)` as it goes.
pub async fn load(
    store: &Store,
    crowd: Crowd,
    seed: u64,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<Written, StorageError> {
    let mut rng = Rng::new(seed);
    let hash = sc_access::password::hash("crowd-password-2026");
    let regions: Vec<&str> = BUYER_LOCATIONS.iter().map(|(l, _)| *l).collect();
    let mut w = Written::default();
    let mut b = store.batch().await?;
    let owner = b
        .insert_user(&NewUser {
            email: "owner@crowd.example.com".into(),
            password_hash: hash.clone(),
            display_name: "Crowd owner".into(),
            preferred_language: sc_domain::Language::En,
            location: Location::HongKong,
            platform_role: PlatformRole::User,
        })
        .await?;
    // Exhibitors by sector, for the buyers' history.
    let mut by_sector: Vec<Vec<i64>> = vec![vec![]; SECTORS.len()];
    for i in 0..crowd.exhibitors {
        let s = rng.below(SECTORS.len());
        let sector = &SECTORS[s];
        let n = i + 1;
        let name = LocalizedText::new(
            &format!("{}貿易{n}號", sector.trade.0),
            &format!("{}贸易{n}号", sector.trade.1),
            &format!("{} Trading {n}", sector.trade.2),
        );
        let markets: Vec<Location> = (0..1 + rng.below(3))
            .map(|_| loc(*rng.pick(&regions[..])))
            .collect();
        let org = OrganisationInput {
            kind: OrgKind::Company,
            name: name.clone(),
            description: name,
            sectors: vec![sector.code.to_string()],
            markets_served: markets,
            location: loc(rng.weighted(EXHIBITOR_LOCATIONS)),
            website: None,
        }
        .validated()
        .expect("crowd organisations are valid");
        let id = b.insert_organisation(&org, false).await?;
        by_sector[s].push(id);
        for _ in 0..crowd.products_per_exhibitor {
            let p = rng.pick(sector.products);
            let moq = [100, 500, 1000, 5000][rng.below(4)];
            let listing = ListingInput {
                kind: ListingKind::Product,
                title: LocalizedText::new(p.name.0, p.name.1, p.name.2),
                description: LocalizedText::default(),
                codes: vec![p.hs.to_string()],
                target_regions: vec![],
                attributes: obj(json!({"moq": moq, "unit_price": p.unit_price, "currency": "HKD"})),
                status: ListingStatus::Published,
            };
            b.insert_listing(Owner::Organisation(id), &listing, owner)
                .await?;
            w.products += 1;
        }
        if rng.chance(40) {
            let min_order = [200, 1000][rng.below(2)];
            let attrs = json!({
                "buyer_types": [BUYER_TYPES[rng.below(BUYER_TYPES.len())]],
                "buyer_regions": [*rng.pick(&regions[..]), *rng.pick(&regions[..])],
                "min_order": min_order,
            });
            let attrs = ProfileKind::Wishes
                .validated(obj(attrs))
                .expect("crowd wishes are valid");
            b.insert_profile(ProfileKind::Wishes, id, &attrs).await?;
        }
        w.exhibitors += 1;
        if n % 500 == 0 || n == crowd.exhibitors {
            progress("exhibitors", n as u64, crowd.exhibitors as u64);
        }
    }
    let mut buyers: Vec<(i64, usize)> = Vec::with_capacity(crowd.buyers);
    for i in 0..crowd.buyers {
        let place = rng.weighted(BUYER_LOCATIONS);
        let s = rng.below(SECTORS.len());
        let sector = &SECTORS[s];
        let p = rng.pick(sector.products);
        let lang = crate::preferred(place);
        let id = b
            .insert_user(&NewUser {
                email: format!("buyer{}@crowd.example.com", i + 1),
                password_hash: hash.clone(),
                display_name: format!("Buyer {}", i + 1),
                preferred_language: lang,
                location: loc(place),
                platform_role: PlatformRole::User,
            })
            .await?;
        if rng.chance(80) {
            let words = match lang {
                sc_domain::Language::ZhHant => p.name.0,
                sc_domain::Language::ZhHans => p.name.1,
                sc_domain::Language::En => p.name.2,
            };
            let order = [200, 500, 1000, 5000][rng.below(4)];
            let attrs = json!({
                "sources": words,
                "hs_codes": [&p.hs[..4]],
                "sectors": [sector.code],
                "buyer_type": BUYER_TYPES[rng.below(BUYER_TYPES.len())],
                "order_size": order,
                "target_markets": [place],
                "discoverable": rng.chance(50),
            });
            let attrs = ProfileKind::Buyer
                .validated(obj(attrs))
                .expect("crowd profiles are valid");
            b.insert_profile(ProfileKind::Buyer, id, &attrs).await?;
        }
        buyers.push((id, s));
        w.buyers += 1;
        if (i + 1) % 5_000 == 0 || i + 1 == crowd.buyers {
            progress("buyers", (i + 1) as u64, crowd.buyers as u64);
        }
    }
    b.commit().await?;

    // History: each buyer looks at a few exhibitors of their sector (sometimes another), says
    // "more like this" to some; exhibitors do so to a few buyers.
    let mut events = Vec::with_capacity(crowd.buyers * 4);
    let mut at = sc_storage::now_ms() - 30 * 86_400_000;
    let any: Vec<i64> = by_sector.iter().flatten().copied().collect();
    for (user, s) in &buyers {
        for k in 0..4 {
            let pool = if by_sector[*s].is_empty() || rng.chance(20) {
                &any
            } else {
                &by_sector[*s]
            };
            if pool.is_empty() {
                break;
            }
            let org = *rng.pick(pool);
            at += 1;
            let (actor, kind) = match (k, rng.below(10)) {
                (3, 0..=4) => (EventActor::Person, "more_like_this"),
                (3, 5) => (EventActor::Organisation, "more_like_this"),
                _ => (EventActor::Person, "view"),
            };
            events.push(MatchEvent {
                at,
                actor,
                kind: kind.into(),
                user_id: *user,
                organisation_id: Some(org),
                listing_id: None,
                for_listing_id: None,
                target_organisation_id: None,
            });
        }
    }
    let total = events.len() as u64;
    for (n, chunk) in events.chunks(20_000).enumerate() {
        store.record_match_events(chunk).await?;
        progress(
            "events",
            ((n * 20_000 + chunk.len()) as u64).min(total),
            total,
        );
    }
    w.events = events.len();
    Ok(w)
}
