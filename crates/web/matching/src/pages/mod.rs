//! The matching pages: "Recommended for you", "Buyers to meet", a listing's matches, feedback
//! on a match, the buyer profile and an organisation's wishes.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sc_app::{Feedback, MatchFor};
use sc_domain::ErrorCode;
use sc_domain::organisation::OrgId;
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
    /// Just signed up: the profile is offered as a step one may skip.
    welcome: Option<String>,
}

/// The words of one kind of match list: intro and empty keys, and the links under the list
/// (href, label key).
struct ListWords {
    intro: &'static str,
    empty: &'static str,
    links: Vec<(String, &'static str)>,
}

/// Renders the matches for `of` under `title`, with feedback buttons when the reader may
/// give feedback, and links under the list.
async fn list_page(
    s: &AppState,
    ctx: &Ctx,
    of: MatchFor,
    fair: Option<i64>,
    title: String,
    words: ListWords,
    notice: Option<&str>,
) -> Result<Response, UiError> {
    let t = ctx.t();
    let recs = s.app.matches(&ctx.caller, of, fair, ON_A_PAGE).await?;
    let feedback_for = if s.app.may_tell_matching(&ctx.caller, of).await {
        of.code()
    } else {
        String::new()
    };
    Ok(ctx.page(MatchesPage {
        c: ctx.chrome("matches"),
        t,
        title,
        intro: if words.intro.is_empty() {
            String::new()
        } else {
            t.t(words.intro).into()
        },
        empty: t.t(words.empty).into(),
        notice: notice_text(notice, t),
        cards: cards(&recs, t),
        feedback_for,
        links: words
            .links
            .into_iter()
            .map(|(href, key)| (href, t.t(key).to_string()))
            .collect(),
    }))
}

/// "Recommended for you": exhibitors and suppliers for the signed-in buyer (of one fair with
/// `?fair=`).
pub async fn mine(State(s): State<AppState>, ctx: Ctx, Query(q): Query<MatchesQuery>) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let mut title = t.t("matches-title").to_string();
        if let Some(f) = q.fair {
            let fair = s.app.fair(&ctx.caller, f).await?;
            let name = shown(&fair.name, t.lang).text;
            title = format!(
                "{title} · {}",
                t.with("matches-at-fair", &[("fair", Arg::Text(&name))])
            );
        }
        let words = ListWords {
            intro: "matches-intro",
            empty: "matches-none",
            links: vec![("/me/buyer-profile".into(), "matches-profile-cta")],
        };
        list_page(
            &s,
            &ctx,
            MatchFor::Me,
            q.fair,
            title,
            words,
            q.notice.as_deref(),
        )
        .await
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
        let org = s.app.organisation(&ctx.caller, id).await?;
        let title = format!(
            "{} · {}",
            t.t("matches-buyers-title"),
            shown(&org.name, t.lang).text
        );
        let words = ListWords {
            intro: "matches-buyers-intro",
            empty: "matches-buyers-none",
            links: vec![
                (format!("/organisations/{id}/wishes"), "matches-wishes-cta"),
                (
                    format!("/organisations/{id}/partners"),
                    "matches-partners-title",
                ),
            ],
        };
        list_page(
            &s,
            &ctx,
            MatchFor::Organisation(id),
            None,
            title,
            words,
            q.notice.as_deref(),
        )
        .await
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// "Organisations to meet": suppliers, service firms and partners for what an organisation
/// needs, for its members.
pub async fn partners(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<MatchesQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let org = s.app.organisation(&ctx.caller, id).await?;
        let title = format!(
            "{} · {}",
            t.t("matches-partners-title"),
            shown(&org.name, t.lang).text
        );
        let words = ListWords {
            intro: "matches-partners-intro",
            empty: "matches-partners-none",
            links: vec![
                (format!("/organisations/{id}/wishes"), "matches-needs-cta"),
                (
                    format!("/organisations/{id}/buyers"),
                    "matches-buyers-title",
                ),
            ],
        };
        list_page(
            &s,
            &ctx,
            MatchFor::Partners(id),
            None,
            title,
            words,
            q.notice.as_deref(),
        )
        .await
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
        let listing = s.app.listing(&ctx.caller, id).await?;
        let title = format!(
            "{} · {}",
            t.t("matches-listing-title"),
            shown(&listing.title, t.lang).text
        );
        let words = ListWords {
            intro: "",
            empty: "matches-listing-none",
            links: vec![(format!("/listings/{id}"), "matches-back-to-listing")],
        };
        list_page(
            &s,
            &ctx,
            MatchFor::Listing(id),
            None,
            title,
            words,
            q.notice.as_deref(),
        )
        .await
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

/// Where a profile's form lives, its title and the link under it.
async fn profile_place(
    s: &AppState,
    ctx: &Ctx,
    kind: ProfileKind,
    org: Option<OrgId>,
) -> Result<(String, String, (String, String)), UiError> {
    let t = ctx.t();
    Ok(match (kind, org) {
        (ProfileKind::Wishes, Some(id)) => {
            let o = s.app.organisation(&ctx.caller, id).await?;
            let name = shown(&o.name, t.lang).text;
            (
                format!("/organisations/{id}/wishes"),
                t.with("profile-wishes-title", &[("org", Arg::Text(&name))]),
                (
                    format!("/organisations/{id}/buyers"),
                    t.t("matches-buyers-title").into(),
                ),
            )
        }
        _ => (
            "/me/buyer-profile".into(),
            t.t("profile-buyer-title").into(),
            ("/matches".into(), t.t("matches-title").into()),
        ),
    })
}

fn profile_page(
    ctx: &Ctx,
    kind: ProfileKind,
    (action, title, link): (String, String, (String, String)),
    values: &Map<String, Value>,
    errors: Errors,
    saved: bool,
    welcome: bool,
) -> ProfilePage {
    let t = ctx.t();
    let intro = match kind {
        ProfileKind::Buyer if welcome => "profile-welcome-intro",
        ProfileKind::Buyer => "profile-buyer-intro",
        ProfileKind::Wishes => "profile-wishes-intro",
    };
    let (action, links) = if welcome && kind == ProfileKind::Buyer {
        (
            format!("{action}?welcome=1"),
            vec![("/".to_string(), t.t("profile-skip").to_string())],
        )
    } else {
        (action, vec![link])
    };
    ProfilePage {
        c: ctx.chrome("matches"),
        t,
        title: if welcome && kind == ProfileKind::Buyer {
            t.t("profile-welcome-title").into()
        } else {
            title
        },
        intro: t.t(intro).into(),
        action,
        attributes: attrs::fields(kind.schema(), values, t),
        errors,
        saved,
        links,
    }
}

async fn show_profile(
    s: AppState,
    ctx: Ctx,
    kind: ProfileKind,
    org: Option<OrgId>,
    saved: bool,
    welcome: bool,
) -> Response {
    let r: Result<Response, UiError> = async {
        let (values, _) = s.app.profile(&ctx.caller, kind, org).await?;
        let place = profile_place(&s, &ctx, kind, org).await?;
        Ok(ctx.page(profile_page(
            &ctx,
            kind,
            place,
            &values,
            Errors::new(),
            saved,
            welcome,
        )))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

async fn save_profile(
    s: AppState,
    ctx: Ctx,
    kind: ProfileKind,
    org: Option<OrgId>,
    form: FormData,
    welcome: bool,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let values = attrs::values_from(&form, kind.schema());
        match s
            .app
            .save_profile(&ctx.caller, kind, org, values.clone())
            .await
        {
            Ok(_) if welcome => Ok(Redirect::to("/matches?notice=profile-saved").into_response()),
            Ok(_) => {
                let (action, _, _) = profile_place(&s, &ctx, kind, org).await?;
                Ok(Redirect::to(&format!("{action}?saved=1")).into_response())
            }
            Err(sc_app::Error::Invalid(inv)) => {
                let place = profile_place(&s, &ctx, kind, org).await?;
                let page = profile_page(
                    &ctx,
                    kind,
                    place,
                    &values,
                    form_errors(&inv, ctx.t()),
                    false,
                    welcome,
                );
                Ok(ctx.page_with(StatusCode::UNPROCESSABLE_ENTITY, page))
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn buyer_profile_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<MatchesQuery>,
) -> Response {
    show_profile(
        s,
        ctx,
        ProfileKind::Buyer,
        None,
        q.saved.is_some(),
        q.welcome.is_some(),
    )
    .await
}

pub async fn save_buyer_profile(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<MatchesQuery>,
    form: FormData,
) -> Response {
    save_profile(s, ctx, ProfileKind::Buyer, None, form, q.welcome.is_some()).await
}

pub async fn wishes_form(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<MatchesQuery>,
) -> Response {
    show_profile(
        s,
        ctx,
        ProfileKind::Wishes,
        Some(id),
        q.saved.is_some(),
        false,
    )
    .await
}

pub async fn save_wishes(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    save_profile(s, ctx, ProfileKind::Wishes, Some(id), form, false).await
}
