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

/// What the B side of the log is: exhibitors (each offering a few product types), or their
/// products one by one (each carrying its exhibitor's wishes).
struct Item {
    types: Vec<usize>,
    owner: usize,
    price: f64,
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

/// The size and shape of a synthetic fair.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub buyers: usize,
    pub exhibitors: usize,
    /// 0: the B side is the exhibitors; otherwise each exhibitor's products, this many each.
    pub products_per_exhibitor: usize,
    /// Write the hidden preferences of every pair (buyers × B side: small fairs only).
    pub truth: bool,
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
        "HK" if rng.chance(70) => 0,
        "HK" => 2,
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

/// Generates the synthetic fair of `buyers` buyers and `exhibitors` exhibitors from `seed`,
/// with its hidden preferences (the B side is the exhibitors).
pub fn synthetic(buyers: usize, exhibitors: usize, seed: u64) -> MatchLog {
    generate(
        Shape {
            buyers,
            exhibitors,
            products_per_exhibitor: 0,
            truth: true,
        },
        seed,
    )
}

/// Generates a synthetic fair of any shape from `seed`.
pub fn generate(shape: Shape, seed: u64) -> MatchLog {
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

    let ex: Vec<Exhibitor> = (0..shape.exhibitors)
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
    let items: Vec<Item> = if shape.products_per_exhibitor == 0 {
        ex.iter()
            .enumerate()
            .map(|(i, e)| Item {
                types: e.products.clone(),
                owner: i,
                price: e.price,
            })
            .collect()
    } else {
        ex.iter()
            .enumerate()
            .flat_map(|(i, e)| {
                (0..shape.products_per_exhibitor)
                    .map(move |k| (i, e.products[k % e.products.len()], e.price))
            })
            .map(|(i, t, price)| Item {
                types: vec![t],
                owner: i,
                price,
            })
            .collect()
    };
    let mut items_of_type: Vec<Vec<usize>> = vec![vec![]; products.len()];
    for (j, it) in items.iter().enumerate() {
        for &t in &it.types {
            items_of_type[t].push(j);
        }
    }
    let bs: Vec<Buyer> = (0..shape.buyers)
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

    let relevance = |b: &Buyer, it: &Item| -> f64 {
        it.types
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
    let buyer_utility = |b: &Buyer, it: &Item, noise: f64| -> f64 {
        let price = if it.price <= b.budget { 0.15 } else { 0.0 };
        relevance(b, it) + 0.35 * ex[it.owner].quality + price + noise
    };
    let exhibitor_utility = |b: &Buyer, it: &Item, noise: f64| -> f64 {
        let e = &ex[it.owner];
        0.5 * f64::from(u8::from(e.wants.contains(&b.location)))
            + 0.4 * f64::from(u8::from(b.order >= e.min_order))
            + 0.4 * relevance(b, it)
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
    let langs: Vec<usize> = ex.iter().map(|e| language(e.location, &mut rng)).collect();
    let exports: Vec<String> = ex
        .iter()
        .map(|_| {
            let mut m: Vec<&str> = (0..1 + rng.below(4)).map(|_| *rng.pick(&regions)).collect();
            m.sort_unstable();
            m.dedup();
            m.join("|")
        })
        .collect();
    let prefix = if shape.products_per_exhibitor == 0 {
        "e"
    } else {
        "p"
    };
    for (j, it) in items.iter().enumerate() {
        let e = &ex[it.owner];
        let lang = langs[it.owner];
        let names: Vec<String> = it
            .types
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
            let en: Vec<&str> = it.types.iter().map(|&p| products[p].name.2).collect();
            offers = format!("{offers} / {}", en.join(", "));
        }
        let hs: Vec<&str> = it
            .types
            .iter()
            .filter(|_| rng.chance(80))
            .map(|&p| products[p].hs)
            .collect();
        let wants = {
            let mut w = e.wants.clone();
            w.sort_unstable();
            w.dedup();
            w
        };
        entities.push_str(&format!(
            "b,{prefix}{j},fair,,{},{},{},{},{},,{},{},,{}\n",
            cell(&offers),
            hs.join("|"),
            e.location,
            exports[it.owner],
            wants.join("|"),
            e.moq,
            e.min_order,
            (it.price * 100.0).round() / 100.0,
        ));
    }

    // What happened: sessions of views, bookmarks, contacts; exhibitors reading and answering.
    let mut cumulative: Vec<f64> = Vec::with_capacity(items.len());
    let mut total = 0.0;
    for it in &items {
        total += 0.05 + ex[it.owner].quality;
        cumulative.push(total);
    }
    let mut events: Vec<(i64, String)> = Vec::new();
    for (i, b) in bs.iter().enumerate() {
        let wanted_types: Vec<usize> = b
            .interests
            .iter()
            .chain(&tastes[b.taste])
            .copied()
            .filter(|&t| !items_of_type[t].is_empty())
            .collect();
        let sessions = 1 + rng.below(4);
        for _ in 0..sessions {
            let day = b.first_day + rng.below((10 - b.first_day).max(1) as usize) as i64;
            let mut t = START_MS + day * DAY_MS + 9 * HOUR_MS + rng.below(9 * 3600) as i64 * 1000;
            for _ in 0..6 + rng.below(6) {
                t += 20_000 + rng.below(600) as i64 * 1000;
                let r = rng.unit();
                let e = if r < 0.4 {
                    let x = rng.unit() * total;
                    cumulative.partition_point(|c| *c <= x).min(items.len() - 1)
                } else if r < 0.8 && !wanted_types.is_empty() {
                    let ty = *rng.pick(&wanted_types);
                    *rng.pick(&items_of_type[ty])
                } else {
                    rng.below(items.len())
                };
                let it = &items[e];
                events.push((t, format!("{t},a,b{i},{prefix}{e},view")));
                let u = buyer_utility(b, it, 0.25 * rng.normal());
                if u > 1.0 {
                    events.push((
                        t + 1000,
                        format!("{},a,b{i},{prefix}{e},bookmark", t + 1000),
                    ));
                    if rng.chance(40) {
                        events.push((t + 2000, format!("{},a,b{i},{prefix}{e},contact", t + 2000)));
                    }
                    let seen = t + HOUR_MS + rng.below(20 * 3600) as i64 * 1000;
                    events.push((seen, format!("{seen},b,{prefix}{e},b{i},lead_view")));
                    if exhibitor_utility(b, it, 0.25 * rng.normal()) > 0.75 {
                        let replied = seen + 60_000;
                        events.push((replied, format!("{replied},b,{prefix}{e},b{i},reply")));
                    }
                } else if u < 0.3 && rng.chance(10) {
                    events.push((
                        t + 1000,
                        format!("{},a,b{i},{prefix}{e},not_interested", t + 1000),
                    ));
                }
            }
        }
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let mut truth = String::from("side,viewer,candidate\n");
    if shape.truth {
        for (i, b) in bs.iter().enumerate() {
            for (j, it) in items.iter().enumerate() {
                if buyer_utility(b, it, 0.0) > 1.0 {
                    truth.push_str(&format!("a,b{i},{prefix}{j}\n"));
                }
            }
        }
        for (j, it) in items.iter().enumerate() {
            for (i, b) in bs.iter().enumerate() {
                if exhibitor_utility(b, it, 0.0) > 0.75 {
                    truth.push_str(&format!("b,{prefix}{j},b{i}\n"));
                }
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
