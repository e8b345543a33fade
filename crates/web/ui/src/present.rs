//! Turning domain values into what a reader of one language sees.

use std::collections::HashMap;

use sc_domain::fair::Fair;
use sc_domain::listing::{Listing, ListingStatus, Owner};
use sc_domain::organisation::{OrgKind, Organisation};
use sc_domain::sector::SECTORS;
use sc_domain::{Language, LocalizedText, Location};

use crate::views::{FairCard, ListingCard, Opt, OrgCard, Pager};
use sc_i18n::Words;

pub fn kind_label(kind: OrgKind, t: Words) -> &'static str {
    t.t(match kind {
        OrgKind::Company => "kind-company",
        OrgKind::ChamberOfCommerce => "kind-chamber_of_commerce",
        OrgKind::SemiOfficialBody => "kind-semi_official_body",
        OrgKind::University => "kind-university",
        OrgKind::Investor => "kind-investor",
        OrgKind::ServiceFirm => "kind-service_firm",
    })
}

pub fn status_label(s: ListingStatus, t: Words) -> &'static str {
    t.t(match s {
        ListingStatus::Draft => "status-draft",
        ListingStatus::Published => "status-published",
        ListingStatus::Archived => "status-archived",
    })
}

pub fn org_card(o: &Organisation, t: Words, booth: Option<String>) -> OrgCard {
    OrgCard {
        id: o.id,
        name: o.name.best(t.lang).to_string(),
        name_lang: o.name.best_lang(t.lang).code(),
        kind: kind_label(o.kind, t),
        location: t.place(&o.location).to_string(),
        sectors: o.sectors.iter().filter_map(|s| t.sector(s)).collect(),
        verified: o.verified,
        booth,
    }
}

pub fn listing_card(
    l: &Listing,
    t: Words,
    org_names: &HashMap<i64, LocalizedText>,
    person_names: &HashMap<i64, String>,
) -> ListingCard {
    let (owner, owner_href) = match l.owner {
        Owner::Organisation(id) => (
            org_names
                .get(&id)
                .map(|n| n.best(t.lang).to_string())
                .unwrap_or_default(),
            Some(format!("/organisations/{id}")),
        ),
        Owner::Person(id) => (person_names.get(&id).cloned().unwrap_or_default(), None),
    };
    ListingCard {
        id: l.id,
        thumb: None,
        title: l.title.best(t.lang).to_string(),
        title_lang: l.title.best_lang(t.lang).code(),
        kind: t.listing_kind(l.kind),
        owner,
        owner_href,
        codes: l.codes.join(", "),
        status: (l.status != ListingStatus::Published).then(|| status_label(l.status, t)),
    }
}

pub fn fair_card(f: &Fair, t: Words) -> FairCard {
    FairCard {
        id: f.id,
        name: f.name.best(t.lang).to_string(),
        name_lang: f.name.best_lang(t.lang).code(),
        dates: format!("{} – {}", f.starts_on, f.ends_on),
        venue: f.venue.best(t.lang).to_string(),
    }
}

/// Pager links keep the other query parameters of `base` (which must already hold a `?`).
pub fn pager(total: i64, page: u32, per_page: u32, base: &str) -> Pager {
    let pages = ((total.max(1) as u64).div_ceil(per_page as u64)) as u32;
    let sep = if base.ends_with('?') { "" } else { "&" };
    Pager {
        total,
        page,
        pages,
        prev: (page > 1).then(|| format!("{base}{sep}page={}", page - 1)),
        next: (page < pages).then(|| format!("{base}{sep}page={}", page + 1)),
    }
}

pub fn location_options(lang: Language, selected: &[Location]) -> Vec<Opt> {
    Location::all()
        .map(|l| Opt {
            value: l.code().to_string(),
            label: Words::new(lang).place(&l).to_string(),
            selected: selected.contains(&l),
        })
        .collect()
}

pub fn language_options(selected: Language) -> Vec<Opt> {
    [
        (Language::ZhHant, "繁體中文"),
        (Language::ZhHans, "简体中文"),
        (Language::En, "English"),
    ]
    .into_iter()
    .map(|(l, label)| Opt {
        value: l.code().into(),
        label: label.into(),
        selected: l == selected,
    })
    .collect()
}

pub fn sector_options(lang: Language, selected: &[String]) -> Vec<Opt> {
    SECTORS
        .iter()
        .map(|c| Opt {
            value: c.to_string(),
            label: Words::new(lang).sector(c).unwrap_or(c).to_string(),
            selected: selected.iter().any(|s| s == c),
        })
        .collect()
}

pub fn org_kind_options(t: Words, selected: Option<OrgKind>) -> Vec<Opt> {
    OrgKind::ALL
        .into_iter()
        .map(|k| Opt {
            value: k.code().into(),
            label: kind_label(k, t).into(),
            selected: Some(k) == selected,
        })
        .collect()
}

/// Translates field errors for a form: one message per top-level field.
pub fn form_errors(inv: &sc_domain::Invalid, t: Words) -> crate::views::Errors {
    let mut out = crate::views::Errors::new();
    for e in &inv.0 {
        let top = e.field.split(['.', '[']).next().unwrap_or("").to_string();
        // attributes.moq is shown beside the `moq` field.
        let key = if top == "attributes" {
            e.field.trim_start_matches("attributes.").to_string()
        } else {
            top
        };
        let msg = t.t(&e.code.message_key()).to_string();
        out.entry(key)
            .and_modify(|m: &mut String| {
                if !m.contains(&msg) {
                    m.push(' ');
                    m.push_str(&msg);
                }
            })
            .or_insert(msg);
    }
    out
}

/// The translated outcome of the last change, from a page's `?notice=` code (a `notice.` or
/// `err.` key of the catalogue); unknown codes show nothing.
pub fn notice_text(code: Option<&str>, t: Words) -> Option<String> {
    code.and_then(|n| {
        t.try_t(&format!("notice-{n}"))
            .or_else(|| t.try_t(&format!("err-{n}")))
    })
    .map(str::to_string)
}
