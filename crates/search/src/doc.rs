//! Turning organisations and listings into index documents.

use sc_domain::listing::{Listing, Owner};
use sc_domain::organisation::Organisation;
use sc_domain::{LocalizedText, Location};
use tantivy::TantivyDocument;
use tantivy::schema::Facet;

use crate::Fields;

/// What a listing's document needs from its owner.
pub struct OwnerInfo {
    pub name: LocalizedText,
    pub location: Option<Location>,
    pub sectors: Vec<String>,
    pub fairs: Vec<i64>,
}

fn texts(t: &LocalizedText) -> [Option<&str>; 3] {
    [t.zh_hant.as_deref(), t.zh_hans.as_deref(), t.en.as_deref()]
}

/// Adds each language's text to its field, and the Chinese texts to the character field too.
fn add_texts(
    d: &mut TantivyDocument,
    fields: [tantivy::schema::Field; 3],
    chars: tantivy::schema::Field,
    t: &LocalizedText,
) {
    for (f, v) in fields.into_iter().zip(texts(t)) {
        if let Some(v) = v {
            d.add_text(f, v);
        }
    }
    // Traditional and Simplified fold to the same characters: one of them is enough, unless the
    // writer said different things in each (told cheaply: a conversion keeps the length).
    match (t.zh_hant.as_deref(), t.zh_hans.as_deref()) {
        (Some(a), Some(b)) if a.chars().count() != b.chars().count() => {
            d.add_text(chars, a);
            d.add_text(chars, b);
        }
        (Some(a), _) | (None, Some(a)) => d.add_text(chars, a),
        (None, None) => {}
    }
}

fn facet(d: &mut TantivyDocument, f: &Fields, parts: &[&str]) {
    d.add_facet(f.facets, Facet::from_path(parts.iter().copied()));
}

/// HS codes as a hierarchy: `/hs/85/8504/850440`.
fn hs_facet(d: &mut TantivyDocument, f: &Fields, code: &str) {
    let parts: Vec<&str> = (1..=code.len() / 2).map(|i| &code[..i * 2]).collect();
    let mut path = vec!["hs"];
    path.extend(parts);
    facet(d, f, &path);
}

pub(crate) fn listing_key(id: i64) -> String {
    format!("l:{id}")
}

pub(crate) fn organisation_key(id: i64) -> String {
    format!("o:{id}")
}

pub(crate) fn listing(f: &Fields, l: &Listing, owner: Option<&OwnerInfo>) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.key, listing_key(l.id));
    d.add_text(f.entity, "listing");
    d.add_u64(f.id, l.id as u64);
    add_texts(&mut d, f.name, f.chars[0], &l.title);
    add_texts(&mut d, f.body, f.chars[1], &l.description);
    if let Some(o) = owner {
        // The owner's name is searchable with the listing ("Huanan charger"), weighted as body.
        add_texts(&mut d, f.body, f.chars[1], &o.name);
        if let Some(loc) = o.location {
            facet(&mut d, f, &["location", loc.code()]);
        }
        for s in &o.sectors {
            facet(&mut d, f, &["sector", s]);
        }
        for fair in &o.fairs {
            facet(&mut d, f, &["fair", &fair.to_string()]);
        }
    }
    for c in &l.codes {
        d.add_text(f.codes, c);
        if l.kind.code_scheme() == Some("hs") {
            hs_facet(&mut d, f, c);
        }
    }
    facet(&mut d, f, &["entity", "listing"]);
    facet(&mut d, f, &["market", l.market.code()]);
    facet(&mut d, f, &["kind", l.kind.code()]);
    for r in &l.target_regions {
        facet(&mut d, f, &["region", r.code()]);
    }
    if let Owner::Person(_) = l.owner {
        facet(&mut d, f, &["owner", "person"]);
    }
    d
}

pub(crate) fn organisation(f: &Fields, o: &Organisation, fairs: &[i64]) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.key, organisation_key(o.id));
    d.add_text(f.entity, "organisation");
    d.add_u64(f.id, o.id as u64);
    add_texts(&mut d, f.name, f.chars[0], &o.name);
    add_texts(&mut d, f.body, f.chars[1], &o.description);
    facet(&mut d, f, &["entity", "organisation"]);
    facet(&mut d, f, &["location", o.location.code()]);
    for s in &o.sectors {
        facet(&mut d, f, &["sector", s]);
    }
    for r in &o.markets_served {
        facet(&mut d, f, &["region", r.code()]);
    }
    for fair in fairs {
        facet(&mut d, f, &["fair", &fair.to_string()]);
    }
    d
}
