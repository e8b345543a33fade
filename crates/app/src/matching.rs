//! Click2Match on the platform: the engines that recommend, kept in step with the database,
//! and the use cases people call (their matches, "not interested", "more like this", profiles).
//!
//! Two engines, each one `sc_match::Engine` whose specification is data here:
//! - **people**: persons (side A: buyers, with their buyer profile) ↔ organisations (side B:
//!   exhibitors and suppliers, with their products and their wishes). Trained at start on the
//!   whole history (scans, bookmarks, contact requests, followed-up leads, recorded events).
//! - **listings**: what someone asks for (sourcing and service requests, talent profiles,
//!   investor mandates; side A) ↔ what someone offers (products, service offers, jobs, green
//!   projects; side B), within one market (the market is the group).
//! - **partners**: organisations ↔ organisations (an enterprise and the service firm or
//!   supplier it needs): what one needs (side A: its wishes' needs and services) against what
//!   the other offers (side B: its products and service offers), and back whether the other
//!   wants clients like it. Never offers against offers, so firms selling the same things are
//!   not put in front of each other; named competitors never are.
//!
//! Content follows the search change log (so imports from the command line arrive too);
//! events and profiles edited here are applied at once, so the next page sees them.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

use sc_access::{Action, MatchSubject};
use sc_domain::listing::{Listing, ListingStatus, Owner};
use sc_domain::market::ListingKind;
use sc_domain::organisation::{OrgId, Organisation};
use sc_domain::person::UserId;
use sc_domain::profile::ProfileKind;
use sc_domain::{ErrorCode, LocalizedText};
use sc_match::{
    Compare, Engine, EntityInput, Event, Feature, Meaning, Options, Pool, Reason, Side, Spec, Value,
};
use sc_storage::{Entity, EventActor, MatchEvent, MatchPerson, StorageError, Store, now_ms};
use serde_json::{Map, Value as Json};

use crate::{App, Caller, Error, Result};

/// The most matches one request returns.
pub const MAX_MATCHES: usize = 50;

/// Whom a recommendation points to.
#[derive(Debug, Clone)]
pub enum MatchTarget {
    Organisation {
        id: OrgId,
        name: LocalizedText,
        location: sc_domain::Location,
    },
    /// A buyer who lets exhibitors find them: name, company and what they source only (no
    /// contact detail; those pass through the governed reveal).
    Person {
        id: UserId,
        display_name: String,
        company: Option<String>,
        sources: Option<String>,
        location: sc_domain::Location,
    },
    Listing {
        id: i64,
        kind: ListingKind,
        title: LocalizedText,
        owner: Owner,
    },
}

/// One recommendation with the reasons the engine gives, strongest first.
#[derive(Debug, Clone)]
pub struct Recommendation {
    pub target: MatchTarget,
    /// P(both want it), or the viewer's wish where the other side has no say.
    pub score: f64,
    pub reasons: Vec<Reason>,
    /// The side the subject is on: a reason whose `wanting` is this side speaks for the
    /// subject's own wish, the other for the other side's.
    pub viewer: Side,
}

/// What the viewer says about a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feedback {
    /// Never shown again, and fewer like it.
    NotInterested,
    MoreLikeThis,
    /// Hidden for [`DISMISSED_FOR_MS`]; says nothing against it (counted as seen).
    Dismiss,
}

/// How long a dismissed recommendation stays hidden: 30 days.
pub const DISMISSED_FOR_MS: i64 = 30 * 86_400_000;

impl Feedback {
    pub fn code(self) -> &'static str {
        match self {
            Feedback::NotInterested => "not_interested",
            Feedback::MoreLikeThis => "more_like_this",
            Feedback::Dismiss => "dismiss",
        }
    }
    pub fn parse(s: &str) -> Option<Feedback> {
        match s {
            "not_interested" => Some(Feedback::NotInterested),
            "more_like_this" => Some(Feedback::MoreLikeThis),
            "dismiss" => Some(Feedback::Dismiss),
            _ => None,
        }
    }
}

/// What matches are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchFor {
    Me,
    /// Buyers to meet, for an organisation's members.
    Organisation(OrgId),
    /// Organisations to meet (suppliers, service firms, partners), for its members.
    Partners(OrgId),
    Listing(i64),
}

impl MatchFor {
    /// `me`, `organisation:ID`, `partners:ID`, `listing:ID`.
    /// The subject as `parse` reads it.
    pub fn code(self) -> String {
        match self {
            MatchFor::Me => "me".into(),
            MatchFor::Organisation(o) => format!("organisation:{o}"),
            MatchFor::Partners(o) => format!("partners:{o}"),
            MatchFor::Listing(l) => format!("listing:{l}"),
        }
    }

    pub fn parse(s: &str) -> Option<MatchFor> {
        let s = s.trim();
        if s == "me" {
            return Some(MatchFor::Me);
        }
        let (kind, id) = s.split_once(':')?;
        let id: i64 = id.parse().ok().filter(|&n| n > 0)?;
        match kind {
            "organisation" => Some(MatchFor::Organisation(id)),
            "partners" => Some(MatchFor::Partners(id)),
            "listing" => Some(MatchFor::Listing(id)),
            _ => None,
        }
    }
}

// ---- the specifications (data) -------------------------------------------------------------

fn feature(name: &str, wanting: Side, compare: Compare, a: &str, b: &str) -> Feature {
    Feature {
        name: name.into(),
        wanting,
        compare,
        wanting_field: a.into(),
        wanted_field: b.into(),
        weight_by: None,
    }
}

fn kinds(spec: &mut Spec, rows: &[(&str, Side, Meaning)]) {
    for (k, s, m) in rows {
        spec.kinds.insert((k.to_string(), *s), *m);
    }
}

/// Persons ↔ organisations. Feature names are the keys of their reasons
/// (`match-reason-NAME` in `locales/*/matching.ftl`).
pub fn people_spec() -> Spec {
    use Compare::*;
    use Side::*;
    let mut spec = Spec {
        features: vec![
            feature("words", A, Text, "sources", "offers"),
            feature("hs", A, Codes, "hs", "hs"),
            feature("sectors", A, Codes, "sectors", "sectors"),
            feature("markets", A, Overlap, "markets", "serves"),
            feature("moq", A, AtMost, "order", "moq"),
            feature("looking_for", B, Text, "looking_for", "sources"),
            feature("their_hs", B, Codes, "hs", "hs"),
            feature("buyer_type", B, Same, "wants_types", "type"),
            feature("buyer_region", B, Same, "wants_regions", "location"),
            feature("order", B, AtLeast, "min_order", "order"),
        ],
        ..Spec::default()
    };
    kinds(
        &mut spec,
        &[
            ("scan", A, Meaning::Success),
            ("bookmark", A, Meaning::Success),
            ("contact", A, Meaning::Success),
            ("message", A, Meaning::Success),
            ("more_like_this", A, Meaning::Success),
            ("view", A, Meaning::Exposure),
            ("click", A, Meaning::Exposure),
            ("not_interested", A, Meaning::Refusal),
            ("dismiss", A, Meaning::Exposure),
            ("follow_up", B, Meaning::Success),
            ("reply", B, Meaning::Success),
            ("more_like_this", B, Meaning::Success),
            ("view", B, Meaning::Exposure),
            ("not_interested", B, Meaning::Refusal),
            ("dismiss", B, Meaning::Exposure),
        ],
    );
    spec
}

/// Requests ↔ offers, every market in one specification (a field a market lacks is "not
/// stated" and weighs nothing).
pub fn listings_spec() -> Spec {
    use Compare::*;
    use Side::*;
    let mut spec = Spec {
        features: vec![
            feature("words", A, Text, "text", "text"),
            feature("hs", A, Codes, "codes", "codes"),
            feature("regions", A, Overlap, "regions", "regions"),
            feature("moq", A, AtMost, "quantity", "moq"),
            feature("category", A, Same, "category", "category"),
            feature("experience", A, AtMost, "years", "years"),
            feature("taxonomy", A, Same, "taxonomies", "taxonomy"),
            // Money, in Hong Kong dollars (`sc_domain::money`).
            feature("price", A, AtMost, "target_price", "price"),
            feature("budget", A, AtMost, "budget", "fee"),
            feature("salary", A, AtLeast, "salary_expected", "salary"),
            feature("ticket_min", A, AtLeast, "ticket_min", "amount"),
            feature("ticket_max", A, AtMost, "ticket_max", "amount"),
            feature("their_words", B, Text, "text", "text"),
            feature("their_hs", B, Codes, "codes", "codes"),
        ],
        ..Spec::default()
    };
    kinds(
        &mut spec,
        &[
            ("not_interested", A, Meaning::Refusal),
            ("more_like_this", A, Meaning::Success),
            ("dismiss", A, Meaning::Exposure),
            ("not_interested", B, Meaning::Refusal),
            ("more_like_this", B, Meaning::Success),
            ("dismiss", B, Meaning::Exposure),
        ],
    );
    spec
}

/// Organisations ↔ organisations: side A is an organisation as it looks for suppliers,
/// services and partners, side B as it offers them.
pub fn partners_spec() -> Spec {
    use Compare::*;
    use Side::*;
    let mut spec = Spec {
        features: vec![
            feature("words", A, Text, "needs", "offers"),
            feature("services", A, Same, "needs_services", "services"),
            feature("served", A, Overlap, "location", "serves"),
            feature("their_words", B, Text, "looking_for", "about"),
            feature("buyer_region", B, Same, "wants_regions", "location"),
        ],
        ..Spec::default()
    };
    kinds(
        &mut spec,
        &[
            ("not_interested", A, Meaning::Refusal),
            ("more_like_this", A, Meaning::Success),
            ("dismiss", A, Meaning::Exposure),
            ("view", A, Meaning::Exposure),
        ],
    );
    spec
}

fn strings(m: &Map<String, Json>, key: &str) -> Vec<String> {
    match m.get(key) {
        Some(Json::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(Json::String(s)) => vec![s.clone()],
        _ => vec![],
    }
}

fn text(m: &Map<String, Json>, key: &str) -> Option<String> {
    m.get(key).and_then(Json::as_str).map(str::to_string)
}

fn num(m: &Map<String, Json>, key: &str) -> Option<f64> {
    m.get(key).and_then(Json::as_f64)
}

fn all_languages(t: &LocalizedText) -> String {
    [&t.zh_hant, &t.zh_hans, &t.en]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

fn person_key(id: UserId) -> String {
    format!("u{id}")
}
fn org_key(id: OrgId) -> String {
    format!("o{id}")
}
fn listing_key(id: i64) -> String {
    format!("l{id}")
}
fn key_id(key: &str) -> i64 {
    key[1..].parse().unwrap_or(0)
}

fn person_entity(p: &MatchPerson) -> EntityInput {
    let m = &p.profile;
    let mut fields = vec![(
        "location".into(),
        Value::Set(vec![p.location.code().to_string()]),
    )];
    if let Some(s) = text(m, "sources") {
        fields.push(("sources".into(), Value::Text(s)));
    }
    fields.push(("hs".into(), Value::Codes(strings(m, "hs_codes"))));
    fields.push(("sectors".into(), Value::Codes(strings(m, "sectors"))));
    fields.push(("markets".into(), Value::Set(strings(m, "target_markets"))));
    fields.push(("type".into(), Value::Set(strings(m, "buyer_type"))));
    if let Some(n) = num(m, "order_size") {
        fields.push(("order".into(), Value::Num(n)));
    }
    EntityInput {
        key: person_key(p.id),
        side: Side::A,
        group: None,
        fields,
    }
}

fn organisation_entity(
    o: &Organisation,
    products: &[&Listing],
    wishes: &Map<String, Json>,
) -> EntityInput {
    let mut offers = vec![all_languages(&o.name), all_languages(&o.description)];
    let mut hs = vec![];
    let mut moq: Option<f64> = None;
    for l in products {
        offers.push(all_languages(&l.title));
        offers.push(all_languages(&l.description));
        hs.extend(l.codes.iter().cloned());
        if let Some(m) = num(&l.attributes, "moq").filter(|_| l.kind == ListingKind::Product) {
            moq = Some(moq.map_or(m, |x: f64| x.min(m)));
        }
    }
    hs.sort();
    hs.dedup();
    let mut serves: Vec<String> = o
        .markets_served
        .iter()
        .map(|l| l.code().to_string())
        .collect();
    serves.push(o.location.code().to_string());
    let mut fields = vec![
        ("offers".into(), Value::Text(offers.join(" \n "))),
        ("hs".into(), Value::Codes(hs)),
        ("sectors".into(), Value::Codes(o.sectors.clone())),
        ("serves".into(), Value::Set(serves)),
        (
            "wants_types".into(),
            Value::Set(strings(wishes, "buyer_types")),
        ),
        (
            "wants_regions".into(),
            Value::Set(strings(wishes, "buyer_regions")),
        ),
    ];
    if let Some(m) = moq {
        fields.push(("moq".into(), Value::Num(m)));
    }
    if let Some(n) = num(wishes, "min_order") {
        fields.push(("min_order".into(), Value::Num(n)));
    }
    if let Some(t) = text(wishes, "looking_for") {
        fields.push(("looking_for".into(), Value::Text(t)));
    }
    EntityInput {
        key: org_key(o.id),
        side: Side::B,
        group: None,
        fields,
    }
}

fn served(o: &Organisation) -> Vec<String> {
    let mut serves: Vec<String> = o
        .markets_served
        .iter()
        .map(|l| l.code().to_string())
        .collect();
    serves.push(o.location.code().to_string());
    serves
}

/// An organisation as it looks for others (the partners engine's side A).
fn seeker_entity(o: &Organisation, wishes: &Map<String, Json>) -> EntityInput {
    let mut fields = vec![
        (
            "location".into(),
            Value::Set(vec![o.location.code().to_string()]),
        ),
        (
            "needs_services".into(),
            Value::Set(strings(wishes, "needs_services")),
        ),
        (
            "about".into(),
            Value::Text(format!(
                "{} \n {}",
                all_languages(&o.name),
                all_languages(&o.description)
            )),
        ),
    ];
    if let Some(t) = text(wishes, "needs") {
        fields.push(("needs".into(), Value::Text(t)));
    }
    EntityInput {
        key: org_key(o.id),
        side: Side::A,
        group: None,
        fields,
    }
}

/// An organisation as it offers (the partners engine's side B): its products and service
/// offers, the services it provides, where it serves, whom it wants as clients.
fn provider_entity(
    o: &Organisation,
    offered: &[&Listing],
    wishes: &Map<String, Json>,
) -> EntityInput {
    let mut offers = vec![all_languages(&o.name), all_languages(&o.description)];
    let mut services = vec![];
    for l in offered {
        offers.push(all_languages(&l.title));
        offers.push(all_languages(&l.description));
        if l.kind == ListingKind::ServiceOffer {
            services.extend(strings(&l.attributes, "category"));
        }
    }
    services.sort();
    services.dedup();
    let mut fields = vec![
        ("offers".into(), Value::Text(offers.join(" \n "))),
        ("services".into(), Value::Set(services)),
        ("serves".into(), Value::Set(served(o))),
        (
            "wants_regions".into(),
            Value::Set(strings(wishes, "buyer_regions")),
        ),
    ];
    if let Some(t) = text(wishes, "looking_for") {
        fields.push(("looking_for".into(), Value::Text(t)));
    }
    EntityInput {
        key: org_key(o.id),
        side: Side::B,
        group: None,
        fields,
    }
}

/// A company name as competitors are compared: folded (case, width, script) and kept to its
/// letters and digits, so "Charge-Tech Ltd" and "charge tech ltd" are one name.
fn company_name(name: &str) -> String {
    sc_text::Analyzer::shared()
        .fold(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Words that name no company by themselves ("Ltd" must not make everyone a competitor).
const NOT_A_NAME: &[&str] = &[
    "ltd",
    "limited",
    "co",
    "company",
    "inc",
    "corp",
    "corporation",
    "group",
    "holdings",
    "hk",
    "有限公司",
    "公司",
    "集团",
    "控股",
    "香港",
];

/// Whether a listed competitor name and a company's name are the same company: one holds the
/// other (both folded), and the listed one says more than a legal form (at least two Han
/// characters or three letters).
fn same_company(listed: &str, name: &str) -> bool {
    let long_enough = |s: &str| {
        let han = s.chars().any(sc_text::is_han);
        s.chars().count() >= if han { 2 } else { 3 } && !NOT_A_NAME.contains(&s)
    };
    long_enough(listed) && long_enough(name) && (name.contains(listed) || listed.contains(name))
}

/// Which side of the listings engine a kind is on.
fn listing_side(kind: ListingKind) -> Side {
    match kind {
        ListingKind::SourcingRequest
        | ListingKind::ServiceRequest
        | ListingKind::TalentProfile
        | ListingKind::InvestorMandate => Side::A,
        ListingKind::Product
        | ListingKind::ServiceOffer
        | ListingKind::Job
        | ListingKind::GreenProject => Side::B,
    }
}

fn listing_entity(l: &Listing) -> EntityInput {
    let a = &l.attributes;
    let mut fields = vec![
        (
            "text".into(),
            Value::Text(format!(
                "{} \n {}",
                all_languages(&l.title),
                all_languages(&l.description)
            )),
        ),
        ("codes".into(), Value::Codes(l.codes.clone())),
        (
            "regions".into(),
            Value::Set(
                l.target_regions
                    .iter()
                    .map(|r| r.code().to_string())
                    .collect(),
            ),
        ),
        ("category".into(), Value::Set(strings(a, "category"))),
        ("taxonomies".into(), Value::Set(strings(a, "taxonomies"))),
        ("taxonomy".into(), Value::Set(strings(a, "taxonomy"))),
    ];
    for (field, attr) in [
        ("quantity", "quantity"),
        ("moq", "moq"),
        ("years", "years_experience"),
    ] {
        if let Some(n) = num(a, attr) {
            fields.push((field.into(), Value::Num(n)));
        }
    }
    let currency = text(a, "currency");
    for (field, attrs) in [
        ("price", &["unit_price"][..]),
        ("target_price", &["target_price"]),
        ("fee", &["fee_from"]),
        ("budget", &["budget"]),
        ("salary", &["salary_max", "salary_min"]),
        ("salary_expected", &["salary_expected"]),
        ("amount", &["amount_sought"]),
        ("ticket_min", &["ticket_min"]),
        ("ticket_max", &["ticket_max"]),
    ] {
        let amount = attrs.iter().find_map(|k| num(a, k));
        if let Some(hkd) = amount.and_then(|n| sc_domain::money::in_hkd(n, currency.as_deref())) {
            fields.push((field.into(), Value::Num(hkd)));
        }
    }
    EntityInput {
        key: listing_key(l.id),
        side: listing_side(l.kind),
        group: Some(l.market.code().to_string()),
        fields,
    }
}

// ---- the state -----------------------------------------------------------------------------

/// What the engines need beside themselves: hard exclusions and what a card shows.
#[derive(Default)]
struct Facts {
    person_location: HashMap<UserId, String>,
    /// Markets a buyer avoids: organisations located there are never recommended to them.
    person_avoids: HashMap<UserId, Vec<String>>,
    /// Buyers who let exhibitors find them.
    discoverable: HashSet<UserId>,
    people: HashMap<UserId, MatchPerson>,
    organisations: HashMap<OrgId, Organisation>,
    /// Regions an organisation avoids: buyers located there are never shown to it, nor it to them.
    org_avoids: HashMap<OrgId, Vec<String>>,
    listings: HashMap<i64, Listing>,
    /// An organisation's published products and service offers.
    products: HashMap<OrgId, Vec<i64>>,
    /// Competitors an organisation named, as [`company_name`]s.
    competitors: HashMap<OrgId, Vec<String>>,
    wishes: HashMap<OrgId, Map<String, Json>>,
    /// (subject key, target key) → when it was dismissed: hidden for [`DISMISSED_FOR_MS`].
    dismissed: HashMap<(String, String), i64>,
}

struct State {
    people: Engine,
    listings: Engine,
    partners: Engine,
    facts: Facts,
    /// The search change log's sequence number this state reflects.
    seq: i64,
}

/// The matching engines behind the use cases.
#[derive(Clone, Default)]
pub struct Matcher {
    state: Arc<RwLock<Option<State>>>,
    /// One catch-up at a time.
    catching_up: Arc<tokio::sync::Mutex<()>>,
}

/// How the engines were built, for the command line.
#[derive(Debug, Clone, Copy)]
pub struct BuildReport {
    pub people: usize,
    pub organisations: usize,
    pub listings: usize,
    pub events: usize,
}

/// What `recompute-matches` produced.
#[derive(Debug, Clone)]
pub struct Recomputed {
    pub report: BuildReport,
    /// (person, [(organisation, score)] best first), by person.
    pub lists: Vec<(UserId, Vec<(OrgId, f64)>)>,
    /// Organisations in at least one list.
    pub coverage: usize,
    /// Gini of how often each organisation is listed (0: evenly, 1: all in one).
    pub gini: f64,
    /// Time to rank everyone, after the build.
    pub seconds: f64,
}

fn engine_event(engine: &Engine, e: &MatchEvent) -> Option<Event> {
    if e.target_organisation_id.is_some() || e.for_listing_id.is_some() {
        return None;
    }
    let org = e.organisation_id?;
    let (side, actor, target) = match e.actor {
        EventActor::Person => (
            Side::A,
            engine.pool.id(Side::A, &person_key(e.user_id))?,
            engine.pool.id(Side::B, &org_key(org))?,
        ),
        EventActor::Organisation => (
            Side::B,
            engine.pool.id(Side::B, &org_key(org))?,
            engine.pool.id(Side::A, &person_key(e.user_id))?,
        ),
    };
    Some(Event {
        time: e.at,
        actor_side: side,
        actor,
        target,
        meaning: engine.spec.meaning(&e.kind, side),
    })
}

fn partner_event(engine: &Engine, e: &MatchEvent) -> Option<Event> {
    let (from, to) = (e.organisation_id?, e.target_organisation_id?);
    Some(Event {
        time: e.at,
        actor_side: Side::A,
        actor: engine.pool.id(Side::A, &org_key(from))?,
        target: engine.pool.id(Side::B, &org_key(to))?,
        meaning: engine.spec.meaning(&e.kind, Side::A),
    })
}

/// Whether a kind of listing is what an organisation offers others (its card in the people
/// and partners engines).
fn offered(kind: ListingKind) -> bool {
    matches!(kind, ListingKind::Product | ListingKind::ServiceOffer)
}

fn listing_event(engine: &Engine, e: &MatchEvent) -> Option<Event> {
    let (from, to) = (e.for_listing_id?, e.listing_id?);
    let (fs, f) = [Side::A, Side::B]
        .into_iter()
        .find_map(|s| engine.pool.id(s, &listing_key(from)).map(|id| (s, id)))?;
    let t = engine.pool.id(fs.other(), &listing_key(to))?;
    Some(Event {
        time: e.at,
        actor_side: fs,
        actor: f,
        target: t,
        meaning: engine.spec.meaning(&e.kind, fs),
    })
}

impl State {
    async fn load(
        store: &Store,
        progress: &(dyn Fn(&str, u64, u64) + Sync),
    ) -> Result<(State, BuildReport)> {
        let seq = store.last_change_seq().await?;
        let mut facts = Facts::default();
        let total_orgs = store.count_organisations().await? as u64;
        let mut after = 0;
        loop {
            let page = store.organisations_after(after, 2_000).await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for o in page {
                facts.organisations.insert(o.id, o);
            }
            progress(
                "organisations",
                facts.organisations.len() as u64,
                total_orgs,
            );
        }
        let total_listings = store.count_listings().await? as u64;
        let mut after = 0;
        loop {
            let page = store.listings_after(after, 5_000).await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for l in page {
                facts.listings.insert(l.id, l);
            }
            progress("listings", facts.listings.len() as u64, total_listings);
        }
        for (id, w) in store.profiles(ProfileKind::Wishes).await? {
            facts.wishes.insert(id, w);
        }
        for l in facts.listings.values() {
            if let (Owner::Organisation(o), ListingStatus::Published) = (l.owner, l.status) {
                if offered(l.kind) {
                    facts.products.entry(o).or_default().push(l.id);
                }
            }
        }
        let people = store.match_people().await?;
        progress("people", people.len() as u64, people.len() as u64);

        let mut pool = Pool::new();
        for p in &people {
            pool.add(person_entity(p));
        }
        let mut org_ids: Vec<OrgId> = facts.organisations.keys().copied().collect();
        org_ids.sort_unstable();
        for id in &org_ids {
            pool.add(facts.org_entity(*id));
        }
        pool.weigh();
        let mut people_engine = Engine::new(pool, people_spec(), Options::default());

        let mut ppool = Pool::new();
        for id in &org_ids {
            let (a, b) = facts.partner_entities(*id);
            ppool.add(a);
            ppool.add(b);
        }
        ppool.weigh();
        let mut partners_engine = Engine::new(ppool, partners_spec(), Options::default());

        let mut lpool = Pool::new();
        let mut listing_ids: Vec<i64> = facts.listings.keys().copied().collect();
        listing_ids.sort_unstable();
        let mut retired = vec![];
        for id in &listing_ids {
            let l = &facts.listings[id];
            let e = lpool.add(listing_entity(l));
            if l.status != ListingStatus::Published {
                retired.push((listing_side(l.kind), e));
            }
        }
        lpool.weigh();
        let mut listings_engine = Engine::new(lpool, listings_spec(), Options::default());
        for (s, e) in retired {
            listings_engine.retire(s, e);
        }
        for p in people {
            facts.remember_person(p);
        }
        for id in org_ids {
            facts.remember_org_avoids(id);
        }

        let history = store.match_history().await?;
        progress("events", history.len() as u64, history.len() as u64);
        let now = now_ms();
        for e in &history {
            facts.note_dismissal(e, now);
        }
        let events: Vec<Event> = history
            .iter()
            .filter_map(|e| engine_event(&people_engine, e))
            .collect();
        people_engine.train(&events, 1);
        people_engine.build_retrieval();
        let levents: Vec<Event> = history
            .iter()
            .filter_map(|e| listing_event(&listings_engine, e))
            .collect();
        listings_engine.train(&levents, 1);
        listings_engine.build_retrieval();
        let pevents: Vec<Event> = history
            .iter()
            .filter_map(|e| partner_event(&partners_engine, e))
            .collect();
        partners_engine.train(&pevents, 1);
        partners_engine.build_retrieval();
        let report = BuildReport {
            people: people_engine.pool.len(Side::A),
            organisations: people_engine.pool.len(Side::B),
            listings: listings_engine.pool.len(Side::A) + listings_engine.pool.len(Side::B),
            events: events.len() + levents.len() + pevents.len(),
        };
        Ok((
            State {
                people: people_engine,
                listings: listings_engine,
                partners: partners_engine,
                facts,
                seq,
            },
            report,
        ))
    }

    fn apply_listing(&mut self, l: Listing) {
        let id = l.id;
        let e = self.listings.upsert(listing_entity(&l));
        if l.status != ListingStatus::Published {
            self.listings.retire(listing_side(l.kind), e);
        }
        if let Owner::Organisation(o) = l.owner {
            let list = self.facts.products.entry(o).or_default();
            list.retain(|&x| x != id);
            if offered(l.kind) && l.status == ListingStatus::Published {
                list.push(id);
            }
            self.facts.listings.insert(id, l);
            self.refresh_org(o);
        } else {
            self.facts.listings.insert(id, l);
        }
    }

    fn remove_listing(&mut self, id: i64) {
        if let Some(l) = self.facts.listings.remove(&id) {
            if let Some(e) = self
                .listings
                .pool
                .id(listing_side(l.kind), &listing_key(id))
            {
                self.listings.retire(listing_side(l.kind), e);
            }
            if let Owner::Organisation(o) = l.owner {
                if let Some(list) = self.facts.products.get_mut(&o) {
                    list.retain(|&x| x != id);
                }
                self.refresh_org(o);
            }
        }
    }

    fn apply_org(&mut self, o: Organisation) {
        let id = o.id;
        self.facts.organisations.insert(id, o);
        self.facts.remember_org_avoids(id);
        self.refresh_org(id);
    }

    /// Puts an organisation's entities in the people and partners engines anew (after its
    /// products, service offers, wishes or own fields changed).
    fn refresh_org(&mut self, id: OrgId) {
        if !self.facts.organisations.contains_key(&id) {
            return;
        }
        let input = self.facts.org_entity(id);
        self.people.upsert(input);
        let (a, b) = self.facts.partner_entities(id);
        self.partners.upsert(a);
        self.partners.upsert(b);
    }

    fn remove_org(&mut self, id: OrgId) {
        self.facts.organisations.remove(&id);
        let key = org_key(id);
        if let Some(e) = self.people.pool.id(Side::B, &key) {
            self.people.retire(Side::B, e);
        }
        for side in [Side::A, Side::B] {
            if let Some(e) = self.partners.pool.id(side, &key) {
                self.partners.retire(side, e);
            }
        }
    }
}

/// (subject key, target key) of a feedback event: who said it, about whom.
fn feedback_keys(e: &MatchEvent) -> Option<(String, String)> {
    if let (Some(from), Some(to)) = (e.for_listing_id, e.listing_id) {
        return Some((listing_key(from), listing_key(to)));
    }
    let org = e.organisation_id?;
    if let Some(other) = e.target_organisation_id {
        return Some((org_key(org), org_key(other)));
    }
    Some(match e.actor {
        EventActor::Person => (person_key(e.user_id), org_key(org)),
        EventActor::Organisation => (org_key(org), person_key(e.user_id)),
    })
}

impl Facts {
    /// Remembers a dismissal (from the history or just now) while it still hides.
    fn note_dismissal(&mut self, e: &MatchEvent, now: i64) {
        if e.kind == Feedback::Dismiss.code() && e.at > now - DISMISSED_FOR_MS {
            if let Some(k) = feedback_keys(e) {
                let at = self.dismissed.entry(k).or_insert(e.at);
                *at = (*at).max(e.at);
            }
        }
    }

    /// Whether `subject` dismissed `target` less than [`DISMISSED_FOR_MS`] ago.
    fn hidden(&self, subject: &str, target: &str, now: i64) -> bool {
        self.dismissed
            .get(&(subject.to_string(), target.to_string()))
            .is_some_and(|at| *at > now - DISMISSED_FOR_MS)
    }

    fn org_entity(&self, id: OrgId) -> EntityInput {
        let o = &self.organisations[&id];
        let products: Vec<&Listing> = self
            .products
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|l| self.listings.get(l))
            .collect();
        let empty = Map::new();
        organisation_entity(o, &products, self.wishes.get(&id).unwrap_or(&empty))
    }

    /// An organisation's two entities in the partners engine: as it seeks, as it offers.
    fn partner_entities(&self, id: OrgId) -> (EntityInput, EntityInput) {
        let o = &self.organisations[&id];
        let offered: Vec<&Listing> = self
            .products
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|l| self.listings.get(l))
            .collect();
        let empty = Map::new();
        let w = self.wishes.get(&id).unwrap_or(&empty);
        (seeker_entity(o, w), provider_entity(o, &offered, w))
    }

    /// Whether `a` named `b` a competitor or `b` named `a`: they are never put in front of
    /// each other, nor their staff.
    fn rivals(&self, a: OrgId, b: OrgId) -> bool {
        let names = |id: OrgId| -> Vec<String> {
            self.organisations
                .get(&id)
                .map(|o| {
                    [&o.name.zh_hant, &o.name.zh_hans, &o.name.en]
                        .into_iter()
                        .flatten()
                        .map(|n| company_name(n))
                        .collect()
                })
                .unwrap_or_default()
        };
        let lists = |x: OrgId, y: OrgId| {
            self.competitors.get(&x).is_some_and(|listed| {
                let theirs = names(y);
                listed
                    .iter()
                    .any(|l| theirs.iter().any(|n| same_company(l, n)))
            })
        };
        a != b && (lists(a, b) || lists(b, a))
    }

    /// Whether a person is on the far side of `org`'s line: one of its own people, staff of a
    /// competitor (either way), or working for a company it named.
    fn rival_person(&self, org: OrgId, person: UserId) -> bool {
        let Some(p) = self.people.get(&person) else {
            return false;
        };
        if p.organisations
            .iter()
            .any(|&m| m == org || self.rivals(org, m))
        {
            return true;
        }
        let company = text(&p.profile, "company").map(|c| company_name(&c));
        company.is_some_and(|c| {
            self.competitors
                .get(&org)
                .is_some_and(|listed| listed.iter().any(|l| same_company(l, &c)))
        })
    }

    /// Whether two listings' owners may be matched (not rivals, not one's staff and the other).
    fn owners_may_meet(&self, a: Owner, b: Owner) -> bool {
        match (a, b) {
            (Owner::Organisation(x), Owner::Organisation(y)) => !self.rivals(x, y),
            (Owner::Organisation(o), Owner::Person(p))
            | (Owner::Person(p), Owner::Organisation(o)) => !self.rival_person(o, p),
            (Owner::Person(_), Owner::Person(_)) => true,
        }
    }

    /// Whether two organisations may be put in front of each other as partners: not the same,
    /// not rivals, neither avoids where the other is.
    fn partners_compatible(&self, a: OrgId, b: OrgId) -> bool {
        let (Some(x), Some(y)) = (self.organisations.get(&a), self.organisations.get(&b)) else {
            return false;
        };
        let avoids = |who: OrgId, at: &sc_domain::Location| {
            self.org_avoids
                .get(&who)
                .is_some_and(|v| v.iter().any(|c| c == at.code()))
        };
        a != b && !self.rivals(a, b) && !avoids(a, &y.location) && !avoids(b, &x.location)
    }

    fn remember_person(&mut self, p: MatchPerson) {
        self.person_location
            .insert(p.id, p.location.code().to_string());
        self.person_avoids
            .insert(p.id, strings(&p.profile, "avoid_markets"));
        if p.profile.get("discoverable") == Some(&Json::Bool(true)) {
            self.discoverable.insert(p.id);
        } else {
            self.discoverable.remove(&p.id);
        }
        self.people.insert(p.id, p);
    }

    fn remember_org_avoids(&mut self, id: OrgId) {
        let w = self.wishes.get(&id);
        let avoids = w.map(|w| strings(w, "avoid_regions")).unwrap_or_default();
        self.org_avoids.insert(id, avoids);
        let listed: Vec<String> = w
            .map(|w| strings(w, "competitors"))
            .unwrap_or_default()
            .iter()
            .map(|n| company_name(n))
            .collect();
        self.competitors.insert(id, listed);
    }

    /// Whether a person and an organisation may be put in front of each other: neither
    /// avoids where the other is.
    fn compatible(&self, person: UserId, org: OrgId) -> bool {
        let (Some(pl), Some(o)) = (
            self.person_location.get(&person),
            self.organisations.get(&org),
        ) else {
            return false;
        };
        let ol = o.location.code();
        !self
            .person_avoids
            .get(&person)
            .is_some_and(|a| a.iter().any(|x| x == ol))
            && !self
                .org_avoids
                .get(&org)
                .is_some_and(|a| a.iter().any(|x| x == pl))
            && !self.rival_person(org, person)
    }
}

impl Matcher {
    /// Builds both engines from the database (at start, and for `recompute-matches`).
    pub async fn build(
        &self,
        store: &Store,
        progress: &(dyn Fn(&str, u64, u64) + Sync),
    ) -> Result<BuildReport> {
        let _one = self.catching_up.lock().await;
        let (state, report) = State::load(store, progress).await?;
        *self.state.write().expect("matcher lock") = Some(state);
        Ok(report)
    }

    /// Applies the change log since the state was built or last caught up.
    async fn catch_up(&self, store: &Store) -> Result<()> {
        let _one = self.catching_up.lock().await;
        let seq = self
            .state
            .read()
            .expect("matcher lock")
            .as_ref()
            .map(|s| s.seq);
        let Some(seq) = seq else {
            // Not built yet (the first request after start): build it now, once.
            let (state, _) = State::load(store, &|_, _, _| {}).await?;
            *self.state.write().expect("matcher lock") = Some(state);
            return Ok(());
        };
        let changes = store.changes_since(seq, 10_000).await?;
        let Some(&(last, _)) = changes.last() else {
            return Ok(());
        };
        let mut seen = HashSet::new();
        let mut orgs = vec![];
        let mut listings = vec![];
        for (_, e) in changes {
            if !seen.insert(e) {
                continue;
            }
            match e {
                Entity::Organisation(id) => orgs.push((id, store.organisation(id).await)),
                Entity::Listing(id) => listings.push((id, store.listing(id).await)),
            }
        }
        let mut guard = self.state.write().expect("matcher lock");
        let Some(state) = guard.as_mut() else {
            return Ok(());
        };
        for (id, o) in orgs {
            match o {
                Ok(o) => state.apply_org(o),
                Err(StorageError::NotFound) => state.remove_org(id),
                Err(e) => return Err(e.into()),
            }
        }
        for (id, l) in listings {
            match l {
                Ok(l) => state.apply_listing(l),
                Err(StorageError::NotFound) => state.remove_listing(id),
                Err(e) => return Err(e.into()),
            }
        }
        state.seq = last;
        Ok(())
    }

    fn with<T>(&self, f: impl FnOnce(&State) -> T) -> Result<T> {
        let guard = self.state.read().expect("matcher lock");
        let state = guard
            .as_ref()
            .ok_or_else(|| Error::Internal("matching is not built yet".into()))?;
        Ok(f(state))
    }

    fn with_mut<T>(&self, f: impl FnOnce(&mut State) -> T) -> Option<T> {
        let mut guard = self.state.write().expect("matcher lock");
        guard.as_mut().map(f)
    }

    /// Records an event in the engine's behaviour state (after it is stored).
    fn learn(&self, e: &MatchEvent) {
        self.with_mut(|s| {
            if e.for_listing_id.is_some() {
                if let Some(ev) = listing_event(&s.listings, e) {
                    s.listings.record(&ev);
                }
            } else if e.target_organisation_id.is_some() {
                if let Some(ev) = partner_event(&s.partners, e) {
                    s.partners.record(&ev);
                }
            } else if let Some(ev) = engine_event(&s.people, e) {
                s.people.record(&ev);
            }
            s.facts.note_dismissal(e, now_ms());
        });
    }
}

/// Whether a partners reason speaks to what the seeker needs (not only where both are).
fn answers_a_need(r: &Reason) -> bool {
    use sc_match::Signal;
    match &r.signal {
        Signal::Words { .. } | Signal::Code { .. } | Signal::Fits { .. } => true,
        Signal::Shared { feature, .. } => feature == "services",
        Signal::Similar { .. } | Signal::InterestedInYou => true,
        Signal::Popular { .. } | Signal::Responsive => false,
    }
}

fn person_target(f: &Facts, id: UserId) -> Option<MatchTarget> {
    let p = f.people.get(&id)?;
    Some(MatchTarget::Person {
        id,
        display_name: p.display_name.clone(),
        company: text(&p.profile, "company"),
        sources: text(&p.profile, "sources"),
        location: p.location,
    })
}

fn org_target(f: &Facts, id: OrgId) -> Option<MatchTarget> {
    let o = f.organisations.get(&id)?;
    Some(MatchTarget::Organisation {
        id,
        name: o.name.clone(),
        location: o.location,
    })
}

fn listing_target(f: &Facts, id: i64) -> Option<MatchTarget> {
    let l = f.listings.get(&id)?;
    Some(MatchTarget::Listing {
        id,
        kind: l.kind,
        title: l.title.clone(),
        owner: l.owner,
    })
}

impl App {
    /// Builds the matching engines from the database; the server calls it at start.
    pub async fn build_matching(
        &self,
        progress: &(dyn Fn(&str, u64, u64) + Sync),
    ) -> Result<BuildReport> {
        self.matcher.build(&self.store, progress).await
    }

    async fn subject(&self, caller: &Caller, of: MatchFor) -> Result<MatchSubject> {
        Ok(match of {
            MatchFor::Me => MatchSubject::Me,
            MatchFor::Organisation(o) | MatchFor::Partners(o) => {
                // A missing organisation is a 404 for everyone allowed to ask.
                self.store.organisation(o).await?;
                MatchSubject::Organisation(o)
            }
            MatchFor::Listing(l) => {
                let l = self.store.listing(l).await?;
                let _ = caller;
                MatchSubject::Listing {
                    owner: l.owner,
                    status: l.status,
                }
            }
        })
    }

    /// The matches for the caller, one of their organisations, or a listing, best first.
    /// `fair` keeps only that fair's exhibitors (for a person).
    pub async fn matches(
        &self,
        caller: &Caller,
        of: MatchFor,
        fair: Option<sc_domain::fair::FairId>,
        limit: usize,
    ) -> Result<Vec<Recommendation>> {
        let subject = self.subject(caller, of).await?;
        caller.may(Action::ReadMatches { subject })?;
        let limit = limit.clamp(1, MAX_MATCHES);
        self.matcher.catch_up(&self.store).await?;
        let exhibitors: Option<HashSet<OrgId>> = match fair {
            Some(f) => {
                self.store.fair(f).await?;
                Some(
                    self.store
                        .fair_exhibitor_ids(f)
                        .await?
                        .into_iter()
                        .collect(),
                )
            }
            None => None,
        };
        match of {
            MatchFor::Me => {
                let me = caller.account()?.id;
                self.ensure_person(me).await?;
                self.matcher.with(|s| {
                    let Some(v) = s.people.pool.id(Side::A, &person_key(me)) else {
                        return vec![];
                    };
                    let pool = &s.people.pool;
                    let (now, mine) = (now_ms(), person_key(me));
                    s.people
                        .recommend_where(
                            Side::A,
                            v,
                            limit,
                            |c| {
                                let o = key_id(pool.key(Side::B, c));
                                s.facts.compatible(me, o)
                                    && exhibitors.as_ref().is_none_or(|e| e.contains(&o))
                                    && !s.facts.hidden(&mine, pool.key(Side::B, c), now)
                            },
                            None,
                        )
                        .into_iter()
                        .filter_map(|m| {
                            let o = key_id(pool.key(Side::B, m.candidate));
                            Some(Recommendation {
                                target: org_target(&s.facts, o)?,
                                score: m.score,
                                reasons: m.reasons,
                                viewer: Side::A,
                            })
                        })
                        .collect()
                })
            }
            MatchFor::Organisation(org) => self.matcher.with(|s| {
                let Some(v) = s.people.pool.id(Side::B, &org_key(org)) else {
                    return vec![];
                };
                let pool = &s.people.pool;
                let (now, mine) = (now_ms(), org_key(org));
                s.people
                    .recommend_where(
                        Side::B,
                        v,
                        limit,
                        |c| {
                            let u = key_id(pool.key(Side::A, c));
                            s.facts.discoverable.contains(&u)
                                && s.facts.compatible(u, org)
                                && !s.facts.hidden(&mine, pool.key(Side::A, c), now)
                        },
                        None,
                    )
                    .into_iter()
                    .filter_map(|m| {
                        let u = key_id(pool.key(Side::A, m.candidate));
                        Some(Recommendation {
                            target: person_target(&s.facts, u)?,
                            score: m.score,
                            reasons: m.reasons,
                            viewer: Side::B,
                        })
                    })
                    .collect()
            }),
            MatchFor::Partners(org) => self.matcher.with(|s| {
                let Some(v) = s.partners.pool.id(Side::A, &org_key(org)) else {
                    return vec![];
                };
                let pool = &s.partners.pool;
                let (now, mine) = (now_ms(), org_key(org));
                s.partners
                    .recommend_where(
                        Side::A,
                        v,
                        limit,
                        |c| {
                            let other = key_id(pool.key(Side::B, c));
                            s.facts.partners_compatible(org, other)
                                && !s.facts.hidden(&mine, pool.key(Side::B, c), now)
                        },
                        None,
                    )
                    .into_iter()
                    // Being in the same place is no reason to meet: a partner answers a need
                    // (words, services) or what people like them did.
                    .filter(|m| m.reasons.iter().any(answers_a_need))
                    .filter_map(|m| {
                        let o = key_id(pool.key(Side::B, m.candidate));
                        Some(Recommendation {
                            target: org_target(&s.facts, o)?,
                            score: m.score,
                            reasons: m.reasons,
                            viewer: Side::A,
                        })
                    })
                    .collect()
            }),
            MatchFor::Listing(id) => self.matcher.with(|s| {
                let Some(l) = s.facts.listings.get(&id) else {
                    return vec![];
                };
                let side = listing_side(l.kind);
                let Some(v) = s.listings.pool.id(side, &listing_key(id)) else {
                    return vec![];
                };
                if s.listings.is_retired(side, v) {
                    return vec![];
                }
                let pool = &s.listings.pool;
                let owner = l.owner;
                let (now, mine) = (now_ms(), listing_key(id));
                s.listings
                    .recommend_where(
                        side,
                        v,
                        limit,
                        |c| {
                            let other = key_id(pool.key(side.other(), c));
                            s.facts.listings.get(&other).is_some_and(|o| {
                                o.owner != owner && s.facts.owners_may_meet(owner, o.owner)
                            }) && !s.facts.hidden(&mine, pool.key(side.other(), c), now)
                        },
                        None,
                    )
                    .into_iter()
                    .filter_map(|m| {
                        let other = key_id(pool.key(side.other(), m.candidate));
                        Some(Recommendation {
                            target: listing_target(&s.facts, other)?,
                            score: m.score,
                            reasons: m.reasons,
                            viewer: side,
                        })
                    })
                    .collect()
            }),
        }
    }

    /// Offers in one market for the caller's own requests there (jobs for their talent
    /// profile, services for their service requests, projects for their mandates), merged,
    /// best first; `trade` is [`App::matches`] for `me` (exhibitors and suppliers).
    pub async fn matches_in_market(
        &self,
        caller: &Caller,
        market: sc_domain::market::Market,
        limit: usize,
    ) -> Result<Vec<Recommendation>> {
        if market == sc_domain::market::Market::Trade {
            return self.matches(caller, MatchFor::Me, None, limit).await;
        }
        caller.may(Action::ReadMatches {
            subject: MatchSubject::Me,
        })?;
        let me = caller.account()?.id;
        self.matcher.catch_up(&self.store).await?;
        let mine: Vec<i64> = self.matcher.with(|s| {
            let mut ids: Vec<i64> = s
                .facts
                .listings
                .values()
                .filter(|l| {
                    l.owner == Owner::Person(me)
                        && l.market == market
                        && l.status == ListingStatus::Published
                        && listing_side(l.kind) == Side::A
                })
                .map(|l| l.id)
                .collect();
            ids.sort_unstable();
            ids
        })?;
        let mut best: HashMap<i64, Recommendation> = HashMap::new();
        for id in mine {
            for r in self
                .matches(caller, MatchFor::Listing(id), None, limit)
                .await?
            {
                let MatchTarget::Listing { id: other, .. } = r.target else {
                    continue;
                };
                if best.get(&other).is_none_or(|b| b.score < r.score) {
                    best.insert(other, r);
                }
            }
        }
        let mut out: Vec<Recommendation> = best.into_values().collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        out.truncate(limit.clamp(1, MAX_MATCHES));
        Ok(out)
    }

    /// Makes sure a person who signed up after the engines were built is in them.
    async fn ensure_person(&self, id: UserId) -> Result<()> {
        let known = self
            .matcher
            .with(|s| s.people.pool.id(Side::A, &person_key(id)).is_some())?;
        if !known {
            self.refresh_person(id).await?;
        }
        Ok(())
    }

    async fn refresh_person(&self, id: UserId) -> Result<()> {
        let p = self.store.match_person(id).await?;
        self.matcher.with_mut(|s| {
            s.people.upsert(person_entity(&p));
            s.facts.remember_person(p);
        });
        Ok(())
    }

    /// The batch of recommendations for every person, as the operator recomputes them
    /// (`superconnector recompute-matches`): the engines rebuilt and retrained from the whole
    /// history, then `k` exhibitors for each person on `threads` threads, with the exposure
    /// discount so that popular exhibitors are not in every list. Avoided locations hold as
    /// on the pages. Runs as the machine's operator, like the other operator commands.
    pub async fn recompute_matches(
        &self,
        k: usize,
        threads: usize,
        progress: &(dyn Fn(&str, u64, u64) + Sync),
    ) -> Result<Recomputed> {
        let report = self.matcher.build(&self.store, progress).await?;
        let t = std::time::Instant::now();
        let lists = self.matcher.with(|s| {
            let engine = &s.people;
            let people = engine.pool.len(Side::A) as u32;
            let orgs = engine.pool.len(Side::B);
            let threads = threads.max(1);
            let done = std::sync::atomic::AtomicU64::new(0);
            let mut lists: Vec<(UserId, Vec<(OrgId, f64)>)> = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .map(|shard| {
                        let done = &done;
                        scope.spawn(move || {
                            let mine: Vec<u32> = (0..people)
                                .filter(|v| *v as usize % threads == shard)
                                .collect();
                            let mut exposure = sc_match::Exposure::new(orgs, mine.len(), k);
                            let mut out = Vec::with_capacity(mine.len());
                            for v in mine {
                                let me = key_id(engine.pool.key(Side::A, v));
                                let list = engine
                                    .recommend_where(
                                        Side::A,
                                        v,
                                        k,
                                        |c| {
                                            s.facts
                                                .compatible(me, key_id(engine.pool.key(Side::B, c)))
                                        },
                                        Some(&mut exposure),
                                    )
                                    .into_iter()
                                    .map(|m| {
                                        (key_id(engine.pool.key(Side::B, m.candidate)), m.score)
                                    })
                                    .collect();
                                out.push((me, list));
                                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                                if n % 64 == 0 || n == people as u64 {
                                    progress("recommendations", n, people as u64);
                                }
                            }
                            out
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().expect("a recompute shard panicked"))
                    .collect()
            });
            lists.sort_by_key(|(p, _)| *p);
            lists
        })?;
        let mut shown: HashMap<OrgId, u32> = HashMap::new();
        for (_, l) in &lists {
            for (o, _) in l {
                *shown.entry(*o).or_default() += 1;
            }
        }
        let counts: Vec<u32> = self.matcher.with(|s| {
            s.facts
                .organisations
                .keys()
                .map(|o| *shown.get(o).unwrap_or(&0))
                .collect()
        })?;
        Ok(Recomputed {
            report,
            coverage: counts.iter().filter(|&&c| c > 0).count(),
            gini: sc_match::eval::gini(&counts),
            seconds: t.elapsed().as_secs_f64(),
            lists,
        })
    }

    /// The baseline benchmarks compare `recompute_matches` with: the top `k` of every
    /// organisation's exact score (no inverted lists) for `sample` people spread evenly over
    /// the engine built last, on one thread. Returns (people ranked, seconds, share of the
    /// fast path's top `k` that the brute force also has).
    pub fn brute_force_sample(&self, sample: usize, k: usize) -> Result<(usize, f64, f64)> {
        self.matcher.with(|s| {
            let e = &s.people;
            let people = e.pool.len(Side::A);
            let step = (people / sample.max(1)).max(1);
            let (mut n, mut same, mut listed) = (0, 0, 0);
            let t = std::time::Instant::now();
            let mut elapsed = 0.0;
            for v in (0..people).step_by(step).take(sample) {
                let v = v as u32;
                let start = t.elapsed().as_secs_f64();
                let all = e.candidates(Side::A, v);
                let brute = e.recommend(Side::A, v, &all, k, None);
                elapsed += t.elapsed().as_secs_f64() - start;
                let fast = e.recommend_fast(Side::A, v, k, None);
                same += fast
                    .iter()
                    .filter(|f| brute.iter().any(|b| b.candidate == f.candidate))
                    .count();
                listed += fast.len();
                n += 1;
            }
            (n, elapsed, same as f64 / listed.max(1) as f64)
        })
    }

    /// Whether the caller may give feedback on the subject's matches (the page shows the
    /// buttons only then).
    pub async fn may_tell_matching(&self, caller: &Caller, of: MatchFor) -> bool {
        match self.subject(caller, of).await {
            Ok(subject) => caller.allowed(Action::TellMatching { subject }),
            Err(_) => false,
        }
    }

    /// "Not interested" or "more like this" on a recommendation: stored (fsynced) and
    /// applied before it returns, so the next page load shows its effect. `target` is an
    /// organisation for a person, a person for an organisation, a listing for a listing.
    pub async fn tell_matching(
        &self,
        caller: &Caller,
        of: MatchFor,
        target: i64,
        feedback: Feedback,
    ) -> Result<()> {
        let subject = self.subject(caller, of).await?;
        caller.may(Action::TellMatching { subject })?;
        let me = caller.account()?.id;
        self.matcher.catch_up(&self.store).await?;
        let event = match of {
            MatchFor::Me => {
                self.store.organisation(target).await.map_err(|e| match e {
                    StorageError::NotFound => {
                        Error::field("target", ErrorCode::NotFound, "no such organisation")
                    }
                    e => e.into(),
                })?;
                self.ensure_person(me).await?;
                MatchEvent {
                    at: now_ms(),
                    actor: EventActor::Person,
                    kind: feedback.code().into(),
                    user_id: me,
                    organisation_id: Some(target),
                    listing_id: None,
                    for_listing_id: None,
                    target_organisation_id: None,
                }
            }
            MatchFor::Organisation(org) => {
                self.store.account(target).await.map_err(|e| match e {
                    StorageError::NotFound => {
                        Error::field("target", ErrorCode::NotFound, "no such person")
                    }
                    e => e.into(),
                })?;
                self.ensure_person(target).await?;
                MatchEvent {
                    at: now_ms(),
                    actor: EventActor::Organisation,
                    kind: feedback.code().into(),
                    user_id: target,
                    organisation_id: Some(org),
                    listing_id: None,
                    for_listing_id: None,
                    target_organisation_id: None,
                }
            }
            MatchFor::Partners(org) => {
                if target == org {
                    return Err(Error::field(
                        "target",
                        ErrorCode::NotAnOption,
                        "an organisation is not its own match",
                    ));
                }
                self.store.organisation(target).await.map_err(|e| match e {
                    StorageError::NotFound => {
                        Error::field("target", ErrorCode::NotFound, "no such organisation")
                    }
                    e => e.into(),
                })?;
                MatchEvent {
                    at: now_ms(),
                    actor: EventActor::Organisation,
                    kind: feedback.code().into(),
                    user_id: me,
                    organisation_id: Some(org),
                    listing_id: None,
                    for_listing_id: None,
                    target_organisation_id: Some(target),
                }
            }
            MatchFor::Listing(l) => {
                let other = self.store.listing(target).await.map_err(|e| match e {
                    StorageError::NotFound => {
                        Error::field("target", ErrorCode::NotFound, "no such listing")
                    }
                    e => e.into(),
                })?;
                MatchEvent {
                    at: now_ms(),
                    actor: EventActor::Person,
                    kind: feedback.code().into(),
                    user_id: me,
                    organisation_id: match other.owner {
                        Owner::Organisation(o) => Some(o),
                        Owner::Person(_) => None,
                    },
                    listing_id: Some(target),
                    for_listing_id: Some(l),
                    target_organisation_id: None,
                }
            }
        };
        self.match_events.record(event.clone()).await?;
        self.matcher.catch_up(&self.store).await?;
        self.matcher.learn(&event);
        Ok(())
    }

    /// Notes that a person saw an organisation's page or opened it from search (batched; no
    /// waiting). Anonymous views are not recorded.
    pub fn note_view(&self, caller: &Caller, org: OrgId, kind: &'static str) {
        let Ok(a) = caller.account() else { return };
        // An exhibitor's own people looking at its page say nothing about what buyers want.
        if caller.allowed(Action::ReadLeads { org }) {
            return;
        }
        let event = MatchEvent {
            at: now_ms(),
            actor: EventActor::Person,
            kind: kind.into(),
            user_id: a.id,
            organisation_id: Some(org),
            listing_id: None,
            for_listing_id: None,
            target_organisation_id: None,
        };
        self.match_events.note(event.clone());
        self.matcher.learn(&event);
    }

    /// Tells the engine what a scan, a bookmark or a contact request just recorded.
    pub(crate) fn learn_activity(&self, user: UserId, org: OrgId, kind: &'static str) {
        self.matcher.learn(&MatchEvent {
            at: now_ms(),
            actor: EventActor::Person,
            kind: kind.into(),
            user_id: user,
            organisation_id: Some(org),
            listing_id: None,
            for_listing_id: None,
            target_organisation_id: None,
        });
    }

    /// Tells the engine an organisation answered a person in a conversation.
    pub(crate) fn learn_reply(&self, org: OrgId, user: UserId) {
        self.matcher.learn(&MatchEvent {
            at: now_ms(),
            actor: EventActor::Organisation,
            kind: "reply".into(),
            user_id: user,
            organisation_id: Some(org),
            listing_id: None,
            for_listing_id: None,
            target_organisation_id: None,
        });
    }

    /// Tells the engine an exhibitor followed a lead up (scored or noted it).
    pub(crate) fn learn_follow_up(&self, org: OrgId, user: UserId) {
        self.matcher.learn(&MatchEvent {
            at: now_ms(),
            actor: EventActor::Organisation,
            kind: "follow_up".into(),
            user_id: user,
            organisation_id: Some(org),
            listing_id: None,
            for_listing_id: None,
            target_organisation_id: None,
        });
    }

    /// A profile (the caller's buyer profile, or an organisation's wishes) and when it was saved.
    pub async fn profile(
        &self,
        caller: &Caller,
        kind: ProfileKind,
        org: Option<OrgId>,
    ) -> Result<(Map<String, Json>, Option<i64>)> {
        let subject = self.profile_subject(caller, kind, org).await?;
        caller.may(Action::TellMatching { subject: subject.1 })?;
        Ok(match self.store.profile(kind, subject.0).await? {
            Some((m, at)) => (m, Some(at)),
            None => (Map::new(), None),
        })
    }

    async fn profile_subject(
        &self,
        caller: &Caller,
        kind: ProfileKind,
        org: Option<OrgId>,
    ) -> Result<(i64, MatchSubject)> {
        match (kind, org) {
            (ProfileKind::Buyer, _) => Ok((caller.account()?.id, MatchSubject::Me)),
            (ProfileKind::Wishes, Some(o)) => {
                self.store.organisation(o).await?;
                Ok((o, MatchSubject::Organisation(o)))
            }
            (ProfileKind::Wishes, None) => Err(Error::field(
                "organisation",
                ErrorCode::Required,
                "whose wishes: name the organisation",
            )),
        }
    }

    /// Saves a profile whole (validated against its schema; every bad field named) and applies
    /// it to the engine before returning.
    pub async fn save_profile(
        &self,
        caller: &Caller,
        kind: ProfileKind,
        org: Option<OrgId>,
        attributes: Map<String, Json>,
    ) -> Result<Map<String, Json>> {
        let (subject, ms) = self.profile_subject(caller, kind, org).await?;
        caller.may(Action::TellMatching { subject: ms })?;
        let clean = kind.validated(attributes)?;
        self.store.save_profile(kind, subject, &clean).await?;
        match kind {
            ProfileKind::Buyer => self.refresh_person(subject).await?,
            ProfileKind::Wishes => {
                self.matcher.catch_up(&self.store).await?;
                let w = clean.clone();
                self.matcher.with_mut(|s| {
                    if s.facts.organisations.contains_key(&subject) {
                        s.facts.wishes.insert(subject, w);
                        s.facts.remember_org_avoids(subject);
                        s.refresh_org(subject);
                    }
                });
            }
        }
        Ok(clean)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_parse_and_refuse_what_is_not_one() {
        assert_eq!(MatchFor::parse("me"), Some(MatchFor::Me));
        assert_eq!(
            MatchFor::parse("organisation:12"),
            Some(MatchFor::Organisation(12))
        );
        assert_eq!(MatchFor::parse("listing:3"), Some(MatchFor::Listing(3)));
        assert_eq!(MatchFor::parse("partners:7"), Some(MatchFor::Partners(7)));
        for of in [
            MatchFor::Me,
            MatchFor::Organisation(2),
            MatchFor::Partners(3),
            MatchFor::Listing(4),
        ] {
            assert_eq!(MatchFor::parse(&of.code()), Some(of));
        }
        for bad in [
            "",
            "you",
            "organisation:",
            "organisation:-1",
            "listing:x",
            "fair:1",
        ] {
            assert_eq!(MatchFor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn competitors_are_one_company_across_case_script_and_legal_form() {
        let same = |a: &str, b: &str| same_company(&company_name(a), &company_name(b));
        assert!(same("Bottle Rival", "BOTTLE RIVAL Ltd."));
        assert!(same("Charge-Tech Limited", "charge tech"));
        assert!(same("安克創新", "安克创新科技股份有限公司"));
        assert!(same("ＡＮＫＥＲ", "Anker Innovations"));
        // A legal form or a fragment names nobody.
        assert!(!same("Ltd", "Bottle Rival Ltd"));
        assert!(!same("有限公司", "深圳電源有限公司"));
        assert!(!same("LG", "Bulgari"));
        assert!(!same("Green Bottles", "Bottle Rival"));
    }

    #[test]
    fn a_dismissal_hides_for_thirty_days_and_only_from_whoever_dismissed() {
        let mut f = Facts::default();
        let now = 100 * 86_400_000;
        let event = |at: i64, user: i64, org: i64, kind: &str| MatchEvent {
            at,
            actor: EventActor::Person,
            kind: kind.into(),
            user_id: user,
            organisation_id: Some(org),
            listing_id: None,
            for_listing_id: None,
            target_organisation_id: None,
        };
        f.note_dismissal(&event(now - 86_400_000, 1, 10, "dismiss"), now);
        f.note_dismissal(&event(now - 31 * 86_400_000, 1, 11, "dismiss"), now);
        f.note_dismissal(&event(now, 1, 12, "not_interested"), now);
        assert!(f.hidden("u1", "o10", now));
        assert!(!f.hidden("u2", "o10", now), "someone else's dismissal");
        assert!(!f.hidden("u1", "o11", now), "dismissed 31 days ago");
        assert!(!f.hidden("u1", "o12", now), "not a dismissal");
        assert!(
            !f.hidden("u1", "o10", now + DISMISSED_FOR_MS),
            "expired since"
        );
        let mut partner = event(now, 5, 20, "dismiss");
        partner.actor = EventActor::Organisation;
        partner.target_organisation_id = Some(21);
        f.note_dismissal(&partner, now);
        assert!(f.hidden("o20", "o21", now));
        assert!(!f.hidden("o20", "u5", now));
    }

    #[test]
    fn every_feature_has_fields_and_every_reason_a_name() {
        for spec in [people_spec(), listings_spec(), partners_spec()] {
            let mut names = HashSet::new();
            for f in &spec.features {
                assert!(
                    names.insert((f.name.clone(), f.wanting)),
                    "{} twice",
                    f.name
                );
            }
            assert!(spec.has_success(Side::A));
        }
    }
}
