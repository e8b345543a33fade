//! Public pages: home, fairs, organisations, listings.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use sc_access::Action;
use sc_app::{ListingFilter, OrganisationFilter, PageRequest};
use sc_domain::listing::Owner;
use sc_domain::market::{AttrType, Market};
use sc_domain::organisation::OrgKind;
use sc_domain::person::OrgRole;
use sc_domain::sector::is_sector;
use serde::Deserialize;
use serde_json::Value;

use super::context::{Ctx, PageId, UiError};
use super::present::*;
use super::views::*;
use crate::AppState;

/// Query parameters of list pages. All are text, read leniently: a mangled link shows the
/// first page, not an error.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    page: Option<String>,
    market: Option<String>,
    sector: Option<String>,
    kind: Option<String>,
    /// Outcome code of the last change, shown after a redirect.
    notice: Option<String>,
}

/// Owner names for a page of listings, fetched together.
async fn owner_names(
    s: &AppState,
    listings: &[sc_domain::listing::Listing],
) -> Result<(HashMap<i64, sc_domain::LocalizedText>, HashMap<i64, String>), UiError> {
    let orgs: Vec<i64> = listings
        .iter()
        .filter_map(|l| {
            if let Owner::Organisation(o) = l.owner {
                Some(o)
            } else {
                None
            }
        })
        .collect();
    let org_names = s.app.organisation_names(&orgs).await?;
    let mut people = HashMap::new();
    for l in listings {
        if let Owner::Person(p) = l.owner
            && !people.contains_key(&p)
        {
            people.insert(p, s.app.display_name(p).await?);
        }
    }
    Ok((org_names, people))
}

pub async fn home(State(s): State<AppState>, ctx: Ctx) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let fairs = s
            .app
            .fairs(&ctx.caller)
            .await?
            .iter()
            .map(|f| fair_card(f, t))
            .collect();
        let latest = s
            .app
            .listings(
                &ctx.caller,
                &ListingFilter::default(),
                PageRequest::new(None, Some(12)),
            )
            .await?;
        let (orgs, people) = owner_names(&s, &latest.items).await?;
        let listings = latest
            .items
            .iter()
            .map(|l| listing_card(l, t, &orgs, &people))
            .collect();
        let markets = Market::ALL
            .into_iter()
            .map(|m| Opt {
                value: m.code().into(),
                label: m.label(t.lang).into(),
                selected: false,
            })
            .collect();
        Ok(ctx.page(Home {
            c: ctx.chrome("home"),
            t,
            fairs,
            listings,
            markets,
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn fairs(State(s): State<AppState>, ctx: Ctx) -> Response {
    // With one fair (the usual case) its page is the list.
    match s.app.fairs(&ctx.caller).await {
        Ok(f) if f.len() == 1 => {
            axum::response::Redirect::to(&format!("/fairs/{}", f[0].id)).into_response()
        }
        Ok(_) => home(State(s), ctx).await,
        Err(e) => ctx.error(e.into()),
    }
}

pub async fn fair(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<ListQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let fair = s.app.fair(&ctx.caller, id).await?;
        let halls = s
            .app
            .halls(&ctx.caller, id)
            .await?
            .into_iter()
            .map(|h| Opt {
                value: h.code,
                label: h.name.best(t.lang).to_string(),
                selected: false,
            })
            .collect();
        let req = PageRequest::new(q.page.as_deref().and_then(|p| p.parse().ok()), Some(30));
        let page = s
            .app
            .organisations(
                &ctx.caller,
                &OrganisationFilter {
                    fair: Some(id),
                    ..Default::default()
                },
                req,
            )
            .await?;
        let all_booths = s.app.booths(&ctx.caller, Some(id), None).await?;
        let booths: HashMap<i64, String> = all_booths
            .iter()
            .filter_map(|b| b.booth.organisation_id.map(|o| (o, b.booth.code.clone())))
            .collect();
        let orgs = page
            .items
            .iter()
            .map(|o| org_card(o, t, booths.get(&o.id).cloned()))
            .collect();
        let mut my_exhibits = Vec::new();
        if let sc_access::Actor::User { memberships, .. } = &ctx.caller.actor {
            for (org, _) in memberships {
                if let Some(name) = booths_org_name(&all_booths, *org) {
                    my_exhibits.push((*org, name.best(t.lang).to_string()));
                }
            }
        }
        Ok(ctx.page(FairPage {
            c: ctx.chrome("fairs"),
            t,
            signed_in: ctx.caller.account.is_some(),
            can_manage: ctx.caller.allowed(Action::ManageFair),
            my_exhibits,
            online_until: fair.online_until.clone(),
            fair: fair_card(&fair, t),
            halls,
            orgs,
            pager: pager(page.total, req.page, req.per_page, &format!("/fairs/{id}?")),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

fn booths_org_name(booths: &[sc_app::BoothView], org: i64) -> Option<&sc_domain::LocalizedText> {
    booths
        .iter()
        .find(|b| b.booth.organisation_id == Some(org))
        .and_then(|b| b.organisation_name.as_ref())
}

pub async fn organisations(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let sector = q.sector.filter(|s| is_sector(s));
        let kind = q.kind.as_deref().and_then(OrgKind::parse);
        let req = PageRequest::new(q.page.as_deref().and_then(|p| p.parse().ok()), Some(30));
        let f = OrganisationFilter {
            sector: sector.clone(),
            kind,
            ..Default::default()
        };
        let page = s.app.organisations(&ctx.caller, &f, req).await?;
        let orgs = page.items.iter().map(|o| org_card(o, t, None)).collect();
        let mut base = "/organisations?".to_string();
        if let Some(sec) = &sector {
            base.push_str(&format!("sector={sec}&"));
        }
        if let Some(k) = kind {
            base.push_str(&format!("kind={}&", k.code()));
        }
        let base = base.trim_end_matches('&').to_string();
        Ok(ctx.page(OrgList {
            c: ctx.chrome("organisations"),
            t,
            orgs,
            pager: pager(page.total, req.page, req.per_page, &base),
            sectors: sector_options(t.lang, &sector.into_iter().collect::<Vec<_>>()),
            kinds: org_kind_options(t, kind),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn organisation(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<ListQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let o = s.app.organisation(&ctx.caller, id).await?;
        let owner = Owner::Organisation(id);
        let is_insider = ctx.caller.allowed(Action::UpdateListing { owner });
        let mut f = ListingFilter {
            owner: Some(owner),
            ..Default::default()
        };
        if is_insider {
            // Members see their drafts and archive here too.
            f.statuses = vec![
                sc_domain::listing::ListingStatus::Published,
                sc_domain::listing::ListingStatus::Draft,
                sc_domain::listing::ListingStatus::Archived,
            ];
        }
        let req = PageRequest::new(q.page.as_deref().and_then(|p| p.parse().ok()), Some(30));
        let page = s.app.listings(&ctx.caller, &f, req).await?;
        let names = HashMap::from([(id, o.name.clone())]);
        let listings = page
            .items
            .iter()
            .map(|l| listing_card(l, t, &names, &HashMap::new()))
            .collect();
        let booths = s
            .app
            .booths(&ctx.caller, None, Some(id))
            .await?
            .into_iter()
            .map(|b| {
                format!(
                    "{} {} ({})",
                    t.t("fair.booth"),
                    b.booth.code,
                    b.hall_name.best(t.lang)
                )
            })
            .collect();
        let members = if ctx.caller.allowed(Action::ListMembers { org: id }) {
            s.app
                .members(&ctx.caller, id)
                .await?
                .into_iter()
                .map(|m| MemberRow {
                    user_id: m.user_id,
                    role: t.t(if m.role == OrgRole::Admin {
                        "role.admin"
                    } else {
                        "role.member"
                    }),
                    is_admin: m.role == OrgRole::Admin,
                    removable: ctx.caller.allowed(Action::RemoveMember {
                        org: id,
                        user: m.user_id,
                    }),
                    name: m.display_name,
                })
                .collect()
        } else {
            vec![]
        };
        let notice = q.notice.as_deref().and_then(|n| notice_text(Some(n), t));
        let roles = [OrgRole::Member, OrgRole::Admin]
            .into_iter()
            .map(|r| Opt {
                value: r.code().into(),
                label: t
                    .t(if r == OrgRole::Admin {
                        "role.admin"
                    } else {
                        "role.member"
                    })
                    .into(),
                selected: r == OrgRole::Member,
            })
            .collect();
        Ok(ctx.page(OrgPage {
            c: ctx.chrome("organisations"),
            t,
            description: o.description.best(t.lang).to_string(),
            description_lang: o.description.best_lang(t.lang).code(),
            website: o.website.clone(),
            markets: o.markets_served.iter().map(|m| m.name(t.lang)).collect(),
            booths,
            listings,
            pager: pager(
                page.total,
                req.page,
                req.per_page,
                &format!("/organisations/{id}?"),
            ),
            can_edit: ctx.caller.allowed(Action::UpdateOrganisation { org: id }),
            can_add_listing: is_insider,
            members,
            can_manage_members: ctx.caller.allowed(Action::AddMember { org: id }),
            notice,
            roles,
            photos: s
                .app
                .photos(sc_app::ImageOwner::Organisation(id))
                .await?
                .iter()
                .map(super::photos::view)
                .collect(),
            photo_action: format!("/organisations/{id}/photos"),
            org: org_card(&o, t, None),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn listings(State(s): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let market = q.market.as_deref().and_then(Market::parse);
        let req = PageRequest::new(q.page.as_deref().and_then(|p| p.parse().ok()), Some(30));
        let page = s
            .app
            .listings(
                &ctx.caller,
                &ListingFilter {
                    market,
                    ..Default::default()
                },
                req,
            )
            .await?;
        let (orgs, people) = owner_names(&s, &page.items).await?;
        let listings = page
            .items
            .iter()
            .map(|l| listing_card(l, t, &orgs, &people))
            .collect();
        let mut markets = vec![Opt {
            value: String::new(),
            label: t.t("word.all").into(),
            selected: market.is_none(),
        }];
        markets.extend(Market::ALL.into_iter().map(|m| Opt {
            value: m.code().into(),
            label: m.label(t.lang).into(),
            selected: Some(m) == market,
        }));
        let base = match market {
            Some(m) => format!("/listings?market={}", m.code()),
            None => "/listings?".into(),
        };
        Ok(ctx.page(ListingList {
            c: ctx.chrome("listings"),
            t,
            listings,
            pager: pager(page.total, req.page, req.per_page, &base),
            markets,
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// An attribute value as a reader sees it.
fn show_value(ty: AttrType, v: &Value, t: super::i18n::I18n) -> String {
    match (ty, v) {
        (AttrType::Bool, Value::Bool(b)) => {
            t.t(if *b { "word.yes" } else { "word.no" }).to_string()
        }
        (_, Value::String(s)) => s.replace('_', " "),
        (_, Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().unwrap_or("").replace('_', " "))
            .collect::<Vec<_>>()
            .join(", "),
        (_, Value::Number(n)) => n.to_string(),
        (_, other) => other.to_string(),
    }
}

pub async fn listing(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<ListQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let l = s.app.listing(&ctx.caller, id).await?;
        let (orgs, people) = owner_names(&s, std::slice::from_ref(&l)).await?;
        let attributes = l
            .kind
            .schema()
            .iter()
            .filter_map(|spec| {
                let v = l.attributes.get(spec.key)?;
                let label = match t.lang {
                    sc_domain::Language::En => spec.label.0,
                    sc_domain::Language::ZhHant => spec.label.1,
                    sc_domain::Language::ZhHans => spec.label.2,
                };
                Some((label, show_value(spec.ty, v, t)))
            })
            .collect();
        Ok(ctx.page(ListingPage {
            c: ctx.chrome("listings"),
            t,
            market: l.market.label(t.lang),
            description: l.description.best(t.lang).to_string(),
            description_lang: l.description.best_lang(t.lang).code(),
            attributes,
            regions: l.target_regions.iter().map(|r| r.name(t.lang)).collect(),
            can_edit: ctx.caller.allowed(Action::UpdateListing { owner: l.owner }),
            photos: s
                .app
                .photos(sc_app::ImageOwner::Listing(id))
                .await?
                .iter()
                .map(super::photos::view)
                .collect(),
            notice: notice_text(q.notice.as_deref(), t),
            photo_action: format!("/listings/{id}/photos"),
            l: listing_card(&l, t, &orgs, &people),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
