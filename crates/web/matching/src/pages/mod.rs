//! The matching pages: "Recommended for you", "Buyers to meet", a listing's matches, feedback
//! on a match, the buyer profile and an organisation's wishes.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sc_app::{Feedback, MatchFor};
use sc_domain::ErrorCode;
use sc_domain::profile::ProfileKind;
use sc_web_http::error::ApiError;
use sc_web_http::{AppState, FormData};
use sc_web_ui::context::{Ctx, PageId, UiError, safe_next};
use sc_web_ui::matches::cards;
use sc_web_ui::present::{form_errors, notice_text, shown};
use sc_web_ui::views::Errors;
use sc_web_ui::{Arg, attrs};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::views::{MatchesPage, ProfilePage};

/// How many recommendations a page shows.
const ON_A_PAGE: usize = 20;

#[derive(Deserialize, Default)]
pub struct MatchesQuery {
    fair: Option<i64>,
    notice: Option<String>,
    saved: Option<String>,
}

/// "Recommended for you": exhibitors and suppliers for the signed-in buyer (of one fair with
/// `?fair=`).
pub async fn mine(State(s): State<AppState>, ctx: Ctx, Query(q): Query<MatchesQuery>) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let recs = s
            .app
            .matches(&ctx.caller, MatchFor::Me, q.fair, ON_A_PAGE)
            .await?;
        let mut title = t.t("matches-title").to_string();
        if let Some(f) = q.fair {
            let fair = s.app.fair(&ctx.caller, f).await?;
            let name = shown(&fair.name, t.lang).text;
            title = format!(
                "{title} · {}",
                t.with("matches-at-fair", &[("fair", Arg::Text(&name))])
            );
        }
        Ok(ctx.page(MatchesPage {
            c: ctx.chrome("matches"),
            t,
            title,
            intro: t.t("matches-intro").into(),
            empty: t.t("matches-none").into(),
            notice: notice_text(q.notice.as_deref(), t),
            cards: cards(&recs, t),
            feedback_for: "me".into(),
            links: vec![(
                "/me/buyer-profile".into(),
                t.t("matches-profile-cta").into(),
            )],
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// "Buyers to meet", for an organisation's members.
pub async fn buyers(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<MatchesQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let recs = s
            .app
            .matches(&ctx.caller, MatchFor::Organisation(id), None, ON_A_PAGE)
            .await?;
        let org = s.app.organisation(&ctx.caller, id).await?;
        let name = shown(&org.name, t.lang).text;
        Ok(ctx.page(MatchesPage {
            c: ctx.chrome("matches"),
            t,
            title: format!("{} · {name}", t.t("matches-buyers-title")),
            intro: t.t("matches-buyers-intro").into(),
            empty: t.t("matches-buyers-none").into(),
            notice: notice_text(q.notice.as_deref(), t),
            cards: cards(&recs, t),
            feedback_for: format!("organisation:{id}"),
            links: vec![(
                format!("/organisations/{id}/wishes"),
                t.t("matches-wishes-cta").into(),
            )],
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// A listing's matches: offers for a request, requests for an offer. Feedback is for the
/// listing's own people.
pub async fn listing_matches(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<MatchesQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let recs = s
            .app
            .matches(&ctx.caller, MatchFor::Listing(id), None, ON_A_PAGE)
            .await?;
        let listing = s.app.listing(&ctx.caller, id).await?;
        let title = shown(&listing.title, t.lang).text;
        let owns = s
            .app
            .may_tell_matching(&ctx.caller, MatchFor::Listing(id))
            .await;
        Ok(ctx.page(MatchesPage {
            c: ctx.chrome("matches"),
            t,
            title: format!("{} · {title}", t.t("matches-listing-title")),
            intro: String::new(),
            empty: t.t("matches-listing-none").into(),
            notice: notice_text(q.notice.as_deref(), t),
            cards: cards(&recs, t),
            feedback_for: if owns {
                format!("listing:{id}")
            } else {
                String::new()
            },
            links: vec![(
                format!("/listings/{id}"),
                t.t("matches-back-to-listing").into(),
            )],
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// "Not interested" or "more like this" from a card; back to the page it came from.
pub async fn feedback(State(s): State<AppState>, ctx: Ctx, form: FormData) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let bad =
            |field: &str| ApiError::field(field, ErrorCode::NotAnOption, "not one of the choices");
        let of = MatchFor::parse(form.get("for")).ok_or_else(|| bad("for"))?;
        let feedback = Feedback::parse(form.get("feedback")).ok_or_else(|| bad("feedback"))?;
        let target: i64 = form.get("target").parse().map_err(|_| bad("target"))?;
        s.app
            .tell_matching(&ctx.caller, of, target, feedback)
            .await?;
        let next = safe_next(form.get("next"));
        let path = next.split('?').next().unwrap_or("/").to_string();
        Ok(Redirect::to(&format!("{path}?notice=match-{}", feedback.code())).into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

fn profile_page(
    ctx: &Ctx,
    kind: ProfileKind,
    title: String,
    action: String,
    values: &Map<String, Value>,
    errors: Errors,
    saved: bool,
    links: Vec<(String, String)>,
) -> ProfilePage {
    let t = ctx.t();
    ProfilePage {
        c: ctx.chrome("matches"),
        t,
        title,
        intro: t
            .t(match kind {
                ProfileKind::Buyer => "profile-buyer-intro",
                ProfileKind::Wishes => "profile-wishes-intro",
            })
            .into(),
        action,
        attributes: attrs::fields(kind.schema(), values, t),
        errors,
        saved,
        links,
    }
}

pub async fn buyer_profile_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<MatchesQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let (values, _) = s.app.profile(&ctx.caller, ProfileKind::Buyer, None).await?;
        let t = ctx.t();
        Ok(ctx.page(profile_page(
            &ctx,
            ProfileKind::Buyer,
            t.t("profile-buyer-title").into(),
            "/me/buyer-profile".into(),
            &values,
            Errors::new(),
            q.saved.is_some(),
            vec![("/matches".into(), t.t("matches-title").into())],
        )))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn save_buyer_profile(State(s): State<AppState>, ctx: Ctx, form: FormData) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let values = attrs::values_from(&form, ProfileKind::Buyer.schema());
        match s
            .app
            .save_profile(&ctx.caller, ProfileKind::Buyer, None, values.clone())
            .await
        {
            Ok(_) => Ok(Redirect::to("/me/buyer-profile?saved=1").into_response()),
            Err(sc_app::Error::Invalid(inv)) => {
                let t = ctx.t();
                Ok(ctx.page_with(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    profile_page(
                        &ctx,
                        ProfileKind::Buyer,
                        t.t("profile-buyer-title").into(),
                        "/me/buyer-profile".into(),
                        &values,
                        form_errors(&inv, t),
                        false,
                        vec![],
                    ),
                ))
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

async fn wishes_title(s: &AppState, ctx: &Ctx, id: i64) -> Result<String, UiError> {
    let org = s.app.organisation(&ctx.caller, id).await?;
    let t = ctx.t();
    let name = shown(&org.name, t.lang).text;
    Ok(t.with("profile-wishes-title", &[("org", Arg::Text(&name))]))
}

pub async fn wishes_form(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<MatchesQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let (values, _) = s
            .app
            .profile(&ctx.caller, ProfileKind::Wishes, Some(id))
            .await?;
        let title = wishes_title(&s, &ctx, id).await?;
        let t = ctx.t();
        Ok(ctx.page(profile_page(
            &ctx,
            ProfileKind::Wishes,
            title,
            format!("/organisations/{id}/wishes"),
            &values,
            Errors::new(),
            q.saved.is_some(),
            vec![(
                format!("/organisations/{id}/buyers"),
                t.t("matches-buyers-title").into(),
            )],
        )))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn save_wishes(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let values = attrs::values_from(&form, ProfileKind::Wishes.schema());
        match s
            .app
            .save_profile(&ctx.caller, ProfileKind::Wishes, Some(id), values.clone())
            .await
        {
            Ok(_) => {
                Ok(Redirect::to(&format!("/organisations/{id}/wishes?saved=1")).into_response())
            }
            Err(sc_app::Error::Invalid(inv)) => {
                let title = wishes_title(&s, &ctx, id).await?;
                let t = ctx.t();
                Ok(ctx.page_with(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    profile_page(
                        &ctx,
                        ProfileKind::Wishes,
                        title,
                        format!("/organisations/{id}/wishes"),
                        &values,
                        form_errors(&inv, t),
                        false,
                        vec![],
                    ),
                ))
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
