//! An exhibitor as a buyer meets it at a fair: from a scanned QR code (which bookmarks it) or
//! from the online fair. Profile, products, the booth on the plan, bookmark with undo, a
//! contact request, related exhibitors.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sc_app::{Arrival, ScanResult};
use sc_floorplan::svg::Marks;
use serde::Deserialize;

use crate::views::*;
use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_http::error::ApiError;
use sc_web_http::extract::Ids;
use sc_web_ui::context::{Ctx, UiError, encode, safe_next};
use sc_web_ui::present::*;

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

/// How a request for a booth's code arrived. A camera app opens the address directly
/// (`Sec-Fetch-Site: none`), and a link on our own pages is `same-origin`; a link or redirect on
/// another site is `cross-site` (or `same-site` from a sibling host), and must not make the
/// visitor a lead of an exhibitor they never visited. Browsers too old to send Fetch Metadata
/// send nothing, and are taken at their word: no current browser omits the header.
pub fn arrival(headers: &HeaderMap) -> Arrival {
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        None | Some("none") | Some("same-origin") => Arrival::Scanned,
        Some(_) => Arrival::Elsewhere,
    }
}

/// `GET /q/{token}`: the URL in a booth's QR code. A scan records the visit (and, for someone
/// signed in, the bookmark) before answering, and shows the exhibitor in the same response; a
/// visit sent from another site shows the same page with a bookmark button instead.
pub async fn scan(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let arrival = arrival(&headers);
        let (target, org, outcome) = match s
            .app
            .scan_booth(&ctx.caller, &token, ctx.lang, arrival)
            .await?
        {
            ScanResult::Exhibitor {
                booth,
                organisation_id,
                outcome,
            } => (booth, organisation_id, outcome),
            ScanResult::Revoked { fair_id } => {
                return Ok(code_problem(
                    &ctx,
                    StatusCode::GONE,
                    "scan-revoked",
                    Some(fair_id),
                ));
            }
            ScanResult::Unknown => {
                return Ok(code_problem(
                    &ctx,
                    StatusCode::NOT_FOUND,
                    "scan-unknown",
                    None,
                ));
            }
            ScanResult::Vacant(target) => {
                // A vacant booth: the plan is the useful answer.
                return Ok(Redirect::to(&format!(
                    "/fairs/{}/plan?hall={}&to={}",
                    target.fair_id,
                    encode(&target.hall_code),
                    encode(&target.booth_code)
                ))
                .into_response());
            }
        };
        let scanned = match (outcome, ctx.caller.account.is_some()) {
            (Some(outcome), true) => Scanned::SignedIn {
                new: outcome.bookmarked_now,
                request_sent: outcome.request_sent,
                shares_contact: outcome.shares_contact,
            },
            (_, false) => Scanned::Anonymous { token },
            // Sent here from elsewhere: nothing recorded; the page offers the bookmark.
            (None, true) => Scanned::No,
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
    let layout = s.app.fair_layout(&ctx.caller, fair_id).await?;
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
    let content = s
        .app
        .exhibitor_content(&ctx.caller, fair_id, org_id)
        .await?;
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
                t.t("fair-booth"),
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
            card.thumb = content
                .covers
                .get(&l.id)
                .map(|i| sc_web_ui::photos::view(i).thumb);
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
            (_, Some(_)) => {
                let st = s.app.standing(&ctx.caller, fair_id, org_id).await?;
                (
                    st.bookmarked,
                    st.request_sent,
                    st.shares_contact,
                    st.has_lead,
                )
            }
            (_, None) => (false, false, false, false),
        };
    let (scan_banner, quick_sign_in) = match &scanned {
        Scanned::No => (None, None),
        Scanned::SignedIn { new: true, .. } => (Some(t.t("scan-bookmarked")), None),
        Scanned::SignedIn { new: false, .. } => (Some(t.t("scan-already")), None),
        Scanned::Anonymous { token } => (None, Some(format!("/q/{token}"))),
    };
    let here_path = match &quick_sign_in {
        Some(p) => p.clone(),
        None => format!("/fairs/{fair_id}/exhibitors/{org_id}"),
    };
    if matches!(scanned, Scanned::No) {
        s.app.note_view(&ctx.caller, org_id, "view");
    }
    // The first scans are when a buyer's profile helps most: ask once they are bookmarked.
    let ask_profile = matches!(scanned, Scanned::SignedIn { .. })
        && s.app
            .profile(&ctx.caller, sc_domain::profile::ProfileKind::Buyer, None)
            .await
            .is_ok_and(|(_, saved)| saved.is_none());
    let notice = notice_text(notice, t);
    let name = shown(&o.name, t.lang);
    let description = shown(&o.description, t.lang);
    Ok(ctx.page(ExhibitorPage {
        c: ctx.chrome("fairs"),
        t,
        fair: fair_card(fair, t),
        converted: converted(&[&name, &description]),
        description: description.text,
        description_lang: description.lang,
        website: o.website.clone(),
        org: org_card(o, t, None),
        booths,
        plan_svg,
        listings: products,
        related,
        signed_in: ctx.caller.account.is_some(),
        own: ctx.caller.actor.role_in(org_id).is_some(),
        bookmarked,
        scan_banner,
        quick_sign_in,
        next: encode(&here_path),
        request_sent,
        has_lead,
        shares_contact,
        notice,
        cards: sc_web_ui::matches::recommended(s, ctx, Some(fair_id), 4, Some(org_id)).await,
        feedback_for: "me".into(),
        ask_profile,
    }))
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
        let notice = if form.get("action") == "remove" {
            // An undo may arrive twice: a bookmark already gone is what was asked for.
            match s.app.remove_bookmark(&ctx.caller, fair, org).await {
                Ok(()) | Err(sc_app::Error::NotFound) => "bookmark_removed",
                Err(e) => return Err(e.into()),
            }
        } else {
            s.app.add_bookmark(&ctx.caller, fair, org).await?;
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
        let share = form.get("share") == "1";
        match s
            .app
            .request_contact(&ctx.caller, fair, org, form.get("message"), share)
            .await
        {
            Ok(conversation) => Ok(Redirect::to(&format!(
                "/conversations/{conversation}?notice=request_sent"
            ))
            .into_response()),
            Err(sc_app::Error::Invalid(_)) => {
                Ok(back(&form, fair, org, "message_invalid").into_response())
            }
            Err(e) => Err(e.into()),
        }
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
        let share = form.get("share") == "1";
        s.app
            .set_contact_sharing(&ctx.caller, fair, org, share)
            .await?;
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
