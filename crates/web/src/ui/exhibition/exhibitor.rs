//! An exhibitor as a buyer meets it at a fair: from a scanned QR code (which bookmarks it) or
//! from the online fair. Profile, products, the booth on the plan, bookmark with undo, a
//! contact request, related exhibitors.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sc_access::Action;
use sc_domain::listing::Owner;
use sc_floorplan::svg::Marks;
use sc_storage::{
    ListingFilter, OrganisationFilter, PageRequest, Scan, TokenLookup, looks_like_token,
};
use serde::Deserialize;

use super::super::context::{Ctx, UiError, encode, safe_next};
use super::super::form::FormData;
use super::super::present::*;
use super::views::*;
use crate::AppState;
use crate::error::ApiError;
use crate::extract::Ids;

#[derive(Deserialize, Default)]
pub struct ExhibitorQuery {
    notice: Option<String>,
}

/// What the page says after a scan.
pub enum Scanned {
    No,
    /// Bookmarked by this scan (`new`) or already on the list; the visitor's standing with
    /// the exhibitor as the scan left it.
    SignedIn {
        new: bool,
        request_sent: bool,
        shares_contact: bool,
    },
    /// Not signed in: offer the quick sign-in that comes back here.
    Anonymous {
        token: String,
    },
}

/// `GET /q/{token}`: the URL in a booth's QR code. Records the scan (and, for someone signed
/// in, the bookmark) before answering, and shows the exhibitor in the same response.
pub async fn scan(State(s): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.caller.may(Action::ScanBooth)?;
        let lookup = if looks_like_token(&token) {
            super::lookup_token(&s, &token).await?
        } else {
            std::sync::Arc::new(TokenLookup::Unknown)
        };
        let target = match lookup.as_ref().clone() {
            TokenLookup::Live(t) => t,
            TokenLookup::Revoked { fair_id } => {
                return Ok(code_problem(
                    &ctx,
                    StatusCode::GONE,
                    "scan.revoked",
                    Some(fair_id),
                ));
            }
            TokenLookup::Unknown => {
                return Ok(code_problem(
                    &ctx,
                    StatusCode::NOT_FOUND,
                    "scan.unknown",
                    None,
                ));
            }
        };
        let Some(org) = target.organisation_id else {
            // A vacant booth: the plan is the useful answer.
            return Ok(Redirect::to(&format!(
                "/fairs/{}/plan?hall={}&to={}",
                target.fair_id,
                encode(&target.hall_code),
                encode(&target.booth_code)
            ))
            .into_response());
        };
        let user = ctx.caller.account.as_ref().map(|a| a.id);
        let outcome = s
            .scans
            .record(Scan {
                fair_id: target.fair_id,
                booth_id: target.booth_id,
                organisation_id: org,
                user_id: user,
                language: ctx.lang.code().into(),
            })
            .await?;
        let scanned = match user {
            Some(_) => Scanned::SignedIn {
                new: outcome.bookmarked_now,
                request_sent: outcome.request_sent,
                shares_contact: outcome.shares_contact,
            },
            None => Scanned::Anonymous { token },
        };
        page(
            &s,
            &ctx,
            target.fair_id,
            org,
            scanned,
            Some(&target.booth_code),
            None,
        )
        .await
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

fn code_problem(ctx: &Ctx, status: StatusCode, key: &'static str, fair: Option<i64>) -> Response {
    let t = ctx.t();
    ctx.page_with(
        status,
        ScanProblemPage {
            c: ctx.chrome("fairs"),
            t,
            message: t.t(key),
            fair,
        },
    )
}

/// `GET /fairs/{fair}/exhibitors/{org}`.
pub async fn exhibitor(
    State(s): State<AppState>,
    ctx: Ctx,
    ids: Result<Ids, ApiError>,
    Query(q): Query<ExhibitorQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let Ids(fair, org) = ids?;
        ctx.caller.may(Action::ReadFair)?;
        page(&s, &ctx, fair, org, Scanned::No, None, q.notice.as_deref()).await
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

async fn page(
    s: &AppState,
    ctx: &Ctx,
    fair_id: i64,
    org_id: i64,
    scanned: Scanned,
    here: Option<&str>,
    notice: Option<&str>,
) -> Result<Response, UiError> {
    let t = ctx.t();
    let layout = super::layout(s, fair_id).await?;
    let fair = &layout.fair;
    let fair_booths = &layout.booths;
    let mine: Vec<_> = fair_booths
        .iter()
        .filter(|b| b.booth.organisation_id == Some(org_id))
        .collect();
    if mine.is_empty() {
        // Not an exhibitor of this fair.
        return Err(ApiError::NotFound.into());
    }
    let content = exhibitor_content(s, fair_id, org_id).await?;
    let o = &content.organisation;
    let target_codes: Vec<&str> = mine.iter().map(|b| b.booth.code.as_str()).collect();
    let plan_svg = layout
        .plans
        .iter()
        .find(|h| h.hall.id == mine[0].booth.hall_id)
        .map(|h| {
            super::hall_svg(
                fair_id,
                h,
                fair_booths,
                t.lang,
                Marks {
                    targets: target_codes.clone(),
                    here,
                    ..Default::default()
                },
            )
        })
        .unwrap_or_default();
    let booths = mine
        .iter()
        .map(|b| BoothLink {
            label: format!(
                "{} {} · {}",
                t.t("fair.booth"),
                b.booth.code,
                b.hall_name.best(t.lang)
            ),
            href: format!(
                "/fairs/{fair_id}/plan?hall={}&to={}",
                encode(&b.hall_code),
                encode(&b.booth.code)
            ),
        })
        .collect();
    let names = HashMap::from([(org_id, o.name.clone())]);
    let products = content
        .products
        .iter()
        .map(|l| {
            let mut card = listing_card(l, t, &names, &HashMap::new());
            card.thumb = content.covers.get(&l.id).cloned();
            card
        })
        .collect();
    let related = content
        .related
        .iter()
        .map(|r| {
            let booth = fair_booths
                .iter()
                .find(|b| b.booth.organisation_id == Some(r.id))
                .map(|b| b.booth.code.clone());
            org_card(r, t, booth)
        })
        .collect();
    let (bookmarked, request_sent, shares_contact, has_lead) =
        match (&scanned, ctx.caller.account.as_ref()) {
            // The scan just wrote these: no need to read them back.
            (
                Scanned::SignedIn {
                    request_sent,
                    shares_contact,
                    ..
                },
                _,
            ) => (true, *request_sent, *shares_contact, true),
            (_, Some(a)) => {
                let lead = s.store.lead_of(org_id, fair_id, a.id).await?;
                (
                    s.store.bookmark(a.id, fair_id, org_id).await?.is_some(),
                    lead.as_ref().is_some_and(|l| !l.message.is_empty()),
                    lead.as_ref().is_some_and(|l| l.shares_contact),
                    lead.is_some(),
                )
            }
            (_, None) => (false, false, false, false),
        };
    let (scan_banner, quick_sign_in) = match &scanned {
        Scanned::No => (None, None),
        Scanned::SignedIn { new: true, .. } => (Some(t.t("scan.bookmarked")), None),
        Scanned::SignedIn { new: false, .. } => (Some(t.t("scan.already")), None),
        Scanned::Anonymous { token } => (None, Some(format!("/q/{token}"))),
    };
    let here_path = match &quick_sign_in {
        Some(p) => p.clone(),
        None => format!("/fairs/{fair_id}/exhibitors/{org_id}"),
    };
    let notice = notice_text(notice, t);
    Ok(ctx.page(ExhibitorPage {
        c: ctx.chrome("fairs"),
        t,
        fair: fair_card(fair, t),
        description: o.description.best(t.lang).to_string(),
        description_lang: o.description.best_lang(t.lang).code(),
        website: o.website.clone(),
        org: org_card(o, t, None),
        booths,
        plan_svg,
        listings: products,
        related,
        signed_in: ctx.caller.account.is_some(),
        bookmarked,
        scan_banner,
        quick_sign_in,
        next: encode(&here_path),
        request_sent,
        has_lead,
        shares_contact,
        notice,
    }))
}

/// An exhibitor's profile, products and related exhibitors at a fair, from the cache when it
/// is current.
async fn exhibitor_content(
    s: &AppState,
    fair_id: i64,
    org_id: i64,
) -> Result<std::sync::Arc<crate::cache::ExhibitorContent>, UiError> {
    let epoch = s.store.epoch();
    if let Some(c) = s.caches.exhibitors.get(&(fair_id, org_id), epoch) {
        return Ok(c);
    }
    let organisation = s.store.organisation(org_id).await?;
    let products = s
        .store
        .list_listings(
            &ListingFilter {
                owner: Some(Owner::Organisation(org_id)),
                kind: Some(sc_domain::market::ListingKind::Product),
                ..Default::default()
            },
            PageRequest::new(Some(1), Some(24)),
        )
        .await?
        .items;
    // Related: other exhibitors of this fair in the same first sector.
    let related = match organisation.sectors.first() {
        Some(sector) => s
            .store
            .list_organisations(
                &OrganisationFilter {
                    fair: Some(fair_id),
                    sector: Some(sector.clone()),
                    ..Default::default()
                },
                PageRequest::new(Some(1), Some(7)),
            )
            .await?
            .items
            .into_iter()
            .filter(|r| r.id != org_id)
            .take(6)
            .collect(),
        None => vec![],
    };
    Ok(s.caches.exhibitors.put(
        (fair_id, org_id),
        epoch,
        crate::cache::ExhibitorContent {
            covers: s
                .store
                .covers(&products.iter().map(|l| l.id).collect::<Vec<_>>())
                .await?
                .iter()
                .map(|(l, i)| (*l, super::super::photos::view(i).thumb))
                .collect(),
            organisation,
            products,
            related,
        },
    ))
}

/// Where a form on the exhibitor page sends the reader back to.
fn back(form: &FormData, fair: i64, org: i64, notice: &str) -> Redirect {
    let next = safe_next(form.get("next"));
    let base = if next == "/" {
        format!("/fairs/{fair}/exhibitors/{org}")
    } else {
        next
    };
    // A scan URL would record another scan: come back to the exhibitor page instead.
    let base = if base.starts_with("/q/") {
        format!("/fairs/{fair}/exhibitors/{org}")
    } else {
        base
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{base}{sep}notice={notice}"))
}

/// `POST /fairs/{fair}/exhibitors/{org}/bookmark`: `action=add` or `action=remove` (the undo).
pub async fn bookmark(
    State(s): State<AppState>,
    ctx: Ctx,
    ids: Result<Ids, ApiError>,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        let Ids(fair, org) = ids?;
        ctx.check_csrf(&form)?;
        ctx.caller.may(Action::UseMyFair)?;
        let user = ctx.caller.account()?.id;
        let notice = if form.get("action") == "remove" {
            match s.store.remove_bookmark(user, fair, org).await {
                Ok(()) | Err(sc_storage::StorageError::NotFound) => "bookmark_removed",
                Err(e) => return Err(e.into()),
            }
        } else {
            s.store.add_bookmark(user, fair, org).await?;
            "bookmark_added"
        };
        Ok(back(&form, fair, org, notice).into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{fair}/exhibitors/{org}/contact`: "message this exhibitor".
pub async fn contact(
    State(s): State<AppState>,
    ctx: Ctx,
    ids: Result<Ids, ApiError>,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        let Ids(fair, org) = ids?;
        ctx.check_csrf(&form)?;
        ctx.caller.may(Action::UseMyFair)?;
        let user = ctx.caller.account()?.id;
        let message = form.get("message").trim();
        let mut p = sc_domain::error::Problems::new();
        p.text("message", message, 2000);
        if message.is_empty() {
            p.push("message", "required", "write a message");
        }
        if p.finish().is_err() {
            return Ok(back(&form, fair, org, "message_invalid").into_response());
        }
        let share = form.get("share") == "1";
        s.store
            .request_contact(user, fair, org, message, share)
            .await?;
        Ok(back(&form, fair, org, "request_sent").into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{fair}/exhibitors/{org}/sharing`: the buyer shares or withdraws contact details.
pub async fn sharing(
    State(s): State<AppState>,
    ctx: Ctx,
    ids: Result<Ids, ApiError>,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        let Ids(fair, org) = ids?;
        ctx.check_csrf(&form)?;
        ctx.caller.may(Action::UseMyFair)?;
        let user = ctx.caller.account()?.id;
        let share = form.get("share") == "1";
        s.store.set_contact_sharing(user, fair, org, share).await?;
        Ok(back(
            &form,
            fair,
            org,
            if share { "sharing_on" } else { "sharing_off" },
        )
        .into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
