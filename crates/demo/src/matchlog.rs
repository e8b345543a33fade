//! A synthetic fair for evaluating matching: buyers and exhibitors with hidden preferences,
//! their profiles in the three languages (saying only part of what they want), and ten days of
//! what they did, written as an interaction log in the documented CSV format
//! (docs/MATCHING.md), the same format an organiser uses for a past fair's history.
//!
//! What is hidden, and how it shows:
//! - each buyer wants one to three product types of one sector; its profile names each with
//!   some chance, in its own language, and sometimes an HS heading; a third say nothing;
//! - each buyer also belongs to one of eight hidden tastes (a cross-sector set of product types:
//!   a gift shop wants toys, tea and skin care); no profile says so, only behaviour shows it;
//! - exhibitors have a quality most lack (a few are popular), a price level, a minimum order
//!   and regions they want buyers from; they answer leads that fit those;
//! - a buyer bookmarks an exhibitor it views when its hidden utility (interest, taste, quality,
//!   price, noise) is high; the exhibitor replies to a lead when the buyer fits its wishes.
//!
//! Views come from browsing the popular, searching the relevant and wandering, so the log has
//! the exposure bias a real one has.

use crate::Rng;
use crate::words::{BUYER_LOCATIONS, EXHIBITOR_LOCATIONS, MODIFIERS, SECTORS, Tri};

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
const START_MS: i64 = 1_796_659_200_000;
const TASTES: usize = 8;

/// The log's four files.
pub struct MatchLog {
    pub features: String,
    pub kinds: String,
    pub entities: String,
    pub events: String,
    /// The hidden preferences: `side,viewer,candidate` for every pair whose noise-free
    /// utility clears the threshold (the buyer would bookmark it on seeing it; the exhibitor
    /// would answer the buyer's lead).
    pub truth: String,
}

impl Rng {
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

struct Product {
    sector: usize,
    name: Tri,
    hs: &'static str,
}

struct Exhibitor {
    products: Vec<usize>,
    quality: f64,
    price: f64,
    moq: f64,
    min_order: f64,
    location: &'static str,
    wants: Vec<&'static str>,
}

struct Buyer {
    sector: usize,
    interests: Vec<usize>,
    taste: usize,
    location: &'static str,
    order: f64,
    budget: f64,
    first_day: i64,
}

fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Which language a party from `loc` writes in: 0 zh-Hant, 1 zh-Hans, 2 en.
fn language(loc: &str, rng: &mut Rng) -> usize {
    match loc {
        "HK" => {
            if rng.chance(70) {
                0
            } else {
                2
            }
        }
        "MO" | "TW" => 0,
        l if l.starts_with("CN") => 1,
        _ => 2,
    }
}

fn word(t: &Tri, lang: usize) -> &'static str {
    match lang {
        0 => t.0,
        1 => t.1,
        _ => t.2,
    }
}

/// Generates the synthetic fair: `buyers` and `exhibitors`, from `seed`.
pub fn synthetic(buyers: usize, exhibitors: usize, seed: u64) -> MatchLog {
    let mut rng = Rng::new(seed);
    let products: Vec<Product> = SECTORS
        .iter()
        .enumerate()
        .flat_map(|(s, sec)| {
            sec.products.iter().map(move |p| Product {
                sector: s,
                name: p.name,
                hs: p.hs,
            })
        })
        .collect();
    let by_sector = |s: usize| -> Vec<usize> {
        (0..products.len())
            .filter(|&p| products[p].sector == s)
            .collect()
    };
    let tastes: Vec<Vec<usize>> = (0..TASTES)
        .map(|_| (0..6).map(|_| rng.below(products.len())).collect())
        .collect();
    let regions: Vec<&'static str> = BUYER_LOCATIONS.iter().map(|(l, _)| *l).collect();

    let ex: Vec<Exhibitor> = (0..exhibitors)
        .map(|_| {
            let home = rng.below(SECTORS.len());
            let own = by_sector(home);
            let mut ps: Vec<usize> = (0..2 + rng.below(3)).map(|_| *rng.pick(&own)).collect();
            if rng.chance(30) {
                ps.push(rng.below(products.len()));
            }
            ps.sort_unstable();
            ps.dedup();
            let u = rng.unit();
            let wants: Vec<&'static str> =
                (0..2 + rng.below(4)).map(|_| *rng.pick(&regions)).collect();
            Exhibitor {
                products: ps,
                quality: u * u * u,
                price: 0.6 + rng.unit(),
                moq: [100.0, 500.0, 1000.0, 5000.0][rng.below(4)],
                min_order: [0.0, 200.0, 1000.0, 3000.0][rng.below(4)],
                location: rng.weighted(EXHIBITOR_LOCATIONS),
                wants,
            }
        })
        .collect();
    let bs: Vec<Buyer> = (0..buyers)
        .map(|_| {
            let sector = rng.below(SECTORS.len());
            let own = by_sector(sector);
            let mut interests: Vec<usize> =
                (0..1 + rng.below(3)).map(|_| *rng.pick(&own)).collect();
            interests.sort_unstable();
            interests.dedup();
            Buyer {
                sector,
                interests,
                taste: rng.below(TASTES),
                location: rng.weighted(BUYER_LOCATIONS),
                order: [150.0, 600.0, 1500.0, 6000.0][rng.below(4)],
                budget: 0.7 + rng.unit(),
                first_day: rng.below(10) as i64,
            }
        })
        .collect();

    let relevance = |b: &Buyer, e: &Exhibitor| -> f64 {
        e.products
            .iter()
            .map(|&p| {
                if b.interests.contains(&p) {
                    1.0
                } else if tastes[b.taste].contains(&p) {
                    0.8
                } else if products[p].sector == b.sector {
                    0.45
                } else {
                    0.0
                }
            })
            .fold(0.0, f64::max)
    };
    let buyer_utility = |b: &Buyer, e: &Exhibitor, noise: f64| -> f64 {
        let price = if e.price <= b.budget { 0.15 } else { 0.0 };
        relevance(b, e) + 0.35 * e.quality + price + noise
    };
    let exhibitor_utility = |b: &Buyer, e: &Exhibitor, noise: f64| -> f64 {
        0.5 * f64::from(u8::from(e.wants.contains(&b.location)))
            + 0.4 * f64::from(u8::from(b.order >= e.min_order))
            + 0.4 * relevance(b, e)
            + noise
    };

    let mut entities = String::from(
        "side,id,group,sources:text,offers:text,hs:codes,location:set,markets:set,wants_regions:set,order_size:num,moq:num,min_order:num,target_price:num,unit_price:num\n",
    );
    for (i, b) in bs.iter().enumerate() {
        let lang = language(b.location, &mut rng);
        let stated: Vec<usize> = if rng.chance(33) {
            vec![]
        } else {
            b.interests
                .iter()
                .copied()
                .filter(|_| rng.chance(75))
                .collect()
        };
        let names: Vec<&str> = stated
            .iter()
            .map(|&p| word(&products[p].name, lang))
            .collect();
        let sources = if names.is_empty() {
            String::new()
        } else {
            match lang {
                0 => format!("採購{}", names.join("、")),
                1 => format!("采购{}", names.join("、")),
                _ => format!("Sourcing {}", names.join(", ")),
            }
        };
        let hs: Vec<&str> = stated
            .iter()
            .filter(|_| rng.chance(40))
            .map(|&p| &products[p].hs[..4])
            .collect();
        let says = !stated.is_empty();
        let num = |x: f64, known: bool| if known { format!("{x}") } else { String::new() };
        let mut markets = vec![b.location];
        if rng.chance(40) {
            markets.push(*rng.pick(&regions));
        }
        entities.push_str(&format!(
            "a,b{i},fair,{},,{},{},{},,{},,,{},\n",
            cell(&sources),
            hs.join("|"),
            b.location,
            markets.join("|"),
            num(b.order, says && rng.chance(70)),
            num(b.budget, says && rng.chance(50)),
        ));
    }
    for (i, e) in ex.iter().enumerate() {
        let lang = language(e.location, &mut rng);
        let names: Vec<String> = e
            .products
            .iter()
            .map(|&p| {
                if rng.chance(40) {
                    let m = rng.pick(MODIFIERS);
                    let (a, b, c) = crate::words::modified(m, &products[p].name);
                    [a, b, c][lang].clone()
                } else {
                    word(&products[p].name, lang).to_string()
                }
            })
            .collect();
        let sep = if lang == 2 { ", " } else { "、" };
        let mut offers = names.join(sep);
        if lang == 0 && rng.chance(40) {
            // Hong Kong exhibitors often add English.
            let en: Vec<&str> = e.products.iter().map(|&p| products[p].name.2).collect();
            offers = format!("{offers} / {}", en.join(", "));
        }
        let hs: Vec<&str> = e
            .products
            .iter()
            .filter(|_| rng.chance(80))
            .map(|&p| products[p].hs)
            .collect();
        let mut markets: Vec<&str> = (0..1 + rng.below(4)).map(|_| *rng.pick(&regions)).collect();
        markets.sort_unstable();
        markets.dedup();
        let wants = {
            let mut w = e.wants.clone();
            w.sort_unstable();
            w.dedup();
            w
        };
        entities.push_str(&format!(
            "b,e{i},fair,,{},{},{},{},{},,{},{},,{}\n",
            cell(&offers),
            hs.join("|"),
            e.location,
            markets.join("|"),
            wants.join("|"),
            e.moq,
            e.min_order,
            (e.price * 100.0).round() / 100.0,
        ));
    }

    // What happened: sessions of views, bookmarks, contacts; exhibitors reading and answering.
    let weights: Vec<f64> = ex.iter().map(|e| 0.05 + e.quality).collect();
    let total: f64 = weights.iter().sum();
    let mut events: Vec<(i64, String)> = Vec::new();
    for (i, b) in bs.iter().enumerate() {
        let relevant: Vec<usize> = (0..ex.len())
            .filter(|&e| relevance(b, &ex[e]) >= 0.8)
            .collect();
        let sessions = 1 + rng.below(4);
        for _ in 0..sessions {
            let day = b.first_day + rng.below((10 - b.first_day).max(1) as usize) as i64;
            let mut t = START_MS + day * DAY_MS + 9 * HOUR_MS + rng.below(9 * 3600) as i64 * 1000;
            for _ in 0..6 + rng.below(6) {
                t += 20_000 + rng.below(600) as i64 * 1000;
                let r = rng.unit();
                let e = if r < 0.4 {
                    let mut x = rng.unit() * total;
                    let mut pick = 0;
                    for (j, w) in weights.iter().enumerate() {
                        if x < *w {
                            pick = j;
                            break;
                        }
                        x -= w;
                    }
                    pick
                } else if r < 0.8 && !relevant.is_empty() {
                    *rng.pick(&relevant)
                } else {
                    rng.below(ex.len())
                };
                events.push((t, format!("{t},a,b{i},e{e},view")));
                let u = buyer_utility(b, &ex[e], 0.25 * rng.normal());
                if u > 1.0 {
                    events.push((t + 1000, format!("{},a,b{i},e{e},bookmark", t + 1000)));
                    if rng.chance(40) {
                        events.push((t + 2000, format!("{},a,b{i},e{e},contact", t + 2000)));
                    }
                    let seen = t + HOUR_MS + rng.below(20 * 3600) as i64 * 1000;
                    events.push((seen, format!("{seen},b,e{e},b{i},lead_view")));
                    if exhibitor_utility(b, &ex[e], 0.25 * rng.normal()) > 0.75 {
                        let replied = seen + 60_000;
                        events.push((replied, format!("{replied},b,e{e},b{i},reply")));
                    }
                } else if u < 0.3 && rng.chance(10) {
                    events.push((t + 1000, format!("{},a,b{i},e{e},not_interested", t + 1000)));
                }
            }
        }
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let mut truth = String::from("side,viewer,candidate\n");
    for (i, b) in bs.iter().enumerate() {
        for (j, e) in ex.iter().enumerate() {
            if buyer_utility(b, e, 0.0) > 1.0 {
                truth.push_str(&format!("a,b{i},e{j}\n"));
            }
        }
    }
    for (j, e) in ex.iter().enumerate() {
        for (i, b) in bs.iter().enumerate() {
            if exhibitor_utility(b, e, 0.0) > 0.75 {
                truth.push_str(&format!("b,e{j},b{i}\n"));
            }
        }
    }
    let mut ev = String::from("time,side,actor,target,kind\n");
    for (_, line) in events {
        ev.push_str(&line);
        ev.push('\n');
    }
    MatchLog {
        features: "side,name,compare,wanting_field,wanted_field,weight_by\n\
                   a,topic,text,sources,offers,\n\
                   a,hs,codes,hs,hs,\n\
                   a,markets,overlap,markets,markets,\n\
                   a,moq,at_most,order_size,moq,\n\
                   a,price,at_most,target_price,unit_price,\n\
                   b,region,overlap,wants_regions,location,\n\
                   b,order,at_least,min_order,order_size,\n\
                   b,topic,text,offers,sources,\n"
            .into(),
        kinds: "kind,side,meaning\n\
                view,a,exposure\n\
                bookmark,a,success\n\
                contact,a,other\n\
                not_interested,a,refusal\n\
                lead_view,b,exposure\n\
                reply,b,success\n"
            .into(),
        entities,
        events: ev,
        truth,
    }
}
