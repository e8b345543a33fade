//! Managing an organisation's members from its page. Each change redirects back to the page
//! with a `notice` code that the page shows in the reader's language.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sc_access::Action;
use sc_domain::person::OrgRole;
use sc_storage::StorageError;

use super::context::{Ctx, PageId, UiError};
use super::form::FormData;
use crate::AppState;

fn back(org: i64, notice: &str) -> Response {
    Redirect::to(&format!("/organisations/{org}?notice={notice}#members")).into_response()
}

/// A refusal the page can explain (conflicts), or a real error.
fn explained(org: i64, e: StorageError) -> Result<Response, UiError> {
    match e {
        StorageError::Conflict { code, .. } => Ok(back(org, code)),
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
        s.store.organisation(org).await?;
        ctx.caller.may(Action::AddMember { org })?;
        let Ok(email) = sc_domain::person::normalize_email(form.get("email")) else {
            return Ok(back(org, "not_an_email"));
        };
        let role = OrgRole::parse(form.get("role")).unwrap_or(OrgRole::Member);
        let Some((account, _)) = s.store.account_by_email(&email).await? else {
            return Ok(back(org, "no_such_account"));
        };
        match s.store.add_member(org, account.id, role).await {
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
        s.store.organisation(org).await?;
        ctx.caller.may(Action::ChangeMemberRole { org })?;
        let role = OrgRole::parse(form.get("role")).ok_or(crate::error::ApiError::field(
            "role",
            "not_an_option",
            "admin or member",
        ))?;
        match s.store.change_member_role(org, user, role).await {
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
        s.store.organisation(org).await?;
        ctx.caller.may(Action::RemoveMember { org, user })?;
        match s.store.remove_member(org, user).await {
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
