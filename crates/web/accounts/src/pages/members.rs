//! Managing an organisation's members from its page. Each change redirects back to the page
//! with a `notice` code that the page shows in the reader's language.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sc_app::Error;
use sc_domain::ErrorCode;
use sc_domain::person::OrgRole;

use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_ui::context::{Ctx, PageId, UiError};

fn back(org: i64, notice: &str) -> Response {
    Redirect::to(&format!("/organisations/{org}?notice={notice}#members")).into_response()
}

/// A refusal the page can explain (a conflict, a bad e-mail), or a real error.
fn explained(org: i64, e: Error) -> Result<Response, UiError> {
    match e {
        Error::Conflict { code, .. } => Ok(back(org, code.as_str())),
        Error::Invalid(inv) if inv.0.len() == 1 => Ok(back(org, inv.0[0].code.as_str())),
        e => Err(e.into()),
    }
}

pub async fn add(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(org): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let role = OrgRole::parse(form.get("role")).unwrap_or(OrgRole::Member);
        match s
            .app
            .add_member(&ctx.caller, org, form.get("email"), role)
            .await
        {
            Ok(()) => Ok(back(org, "member_added")),
            Err(e) => explained(org, e),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn change_role(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((org, user)): Path<(i64, i64)>,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let role = OrgRole::parse(form.get("role")).ok_or(sc_web_http::error::ApiError::field(
            "role",
            ErrorCode::NotAnOption,
            "admin or member",
        ))?;
        match s.app.change_member_role(&ctx.caller, org, user, role).await {
            Ok(()) => Ok(back(org, "role_changed")),
            Err(e) => explained(org, e),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn remove(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((org, user)): Path<(i64, i64)>,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        match s.app.remove_member(&ctx.caller, org, user).await {
            Ok(()) if ctx.caller.actor.user_id() == Some(user) => {
                Ok(Redirect::to("/me").into_response())
            }
            Ok(()) => Ok(back(org, "member_removed")),
            Err(e) => explained(org, e),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
