//! Registration, sign-in and the caller's own account.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sc_access::Action;
use sc_domain::error::Problems;
use sc_domain::person::{Account, ContactDetails, PlatformRole, Registration};
use sc_domain::{Language, Location};
use sc_storage::NewUser;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::caller::{Caller, check_password, hash_password, start_session};
use crate::cookies;
use crate::error::{ApiResult, Problem};
use crate::extract::ApiJson;

#[derive(Serialize, ToSchema)]
pub struct SignedIn {
    account: Account,
    /// Bearer token for API clients (`Authorization: Bearer …`); browsers get it as a cookie.
    token: String,
    /// Milliseconds since the epoch.
    expires_at: i64,
}

/// Creates an account and signs it in.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = Registration,
    responses((status = 201, body = SignedIn), (status = 409, body = Problem, description = "e-mail taken"), (status = 422, body = Problem)))]
pub async fn register(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(reg): ApiJson<Registration>,
) -> ApiResult<Response> {
    caller.may(Action::Register)?;
    let reg = reg.validated()?;
    let user = NewUser {
        email: reg.email.clone(),
        password_hash: hash_password(&reg.password).await,
        display_name: reg.display_name,
        preferred_language: reg.preferred_language,
        location: reg.location,
        platform_role: PlatformRole::User,
    };
    let account = s.store.create_user(&user).await?;
    let (token, expires_at, cookie) = start_session(&s, account.id, "api").await?;
    Ok((
        StatusCode::CREATED,
        [(header::SET_COOKIE, cookie)],
        Json(SignedIn {
            account,
            token,
            expires_at,
        }),
    )
        .into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct Credentials {
    email: String,
    password: String,
}

/// Signs in with e-mail and password. Throttled per account and per client address.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = Credentials,
    responses((status = 200, body = SignedIn), (status = 409, body = Problem, description = "wrong e-mail or password"), (status = 429, body = Problem)))]
pub async fn login(
    State(s): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    caller: Caller,
    ApiJson(c): ApiJson<Credentials>,
) -> ApiResult<Response> {
    caller.may(Action::LogIn)?;
    let account = check_password(&s, &c.email, &c.password, Some(addr.ip())).await?;
    let (token, expires_at, cookie) = start_session(&s, account.id, "api").await?;
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(SignedIn {
            account,
            token,
            expires_at,
        }),
    )
        .into_response())
}

/// Ends the session that made this request.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204), (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn logout(State(s): State<AppState>, caller: Caller) -> ApiResult<Response> {
    caller.may(Action::LogOut)?;
    if let Some(h) = &caller.session_hash {
        s.store.delete_session(h).await?;
    }
    let clear = cookies::set(cookies::SESSION, "", 0, s.secure_cookies, "Lax");
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Account), (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn me(caller: Caller) -> ApiResult<Json<Account>> {
    caller.may(Action::ReadOwnAccount)?;
    Ok(Json(caller.account()?.clone()))
}

#[derive(Deserialize, ToSchema)]
pub struct AccountPatch {
    display_name: Option<String>,
    preferred_language: Option<Language>,
    location: Option<Location>,
}

/// Changes the signed-in account's name, language or location.
#[utoipa::path(patch, path = "/api/v1/me", tag = "auth", request_body = AccountPatch,
    responses((status = 200, body = Account), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn update_me(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(p): ApiJson<AccountPatch>,
) -> ApiResult<Json<Account>> {
    caller.may(Action::UpdateOwnAccount)?;
    let a = caller.account()?;
    let name = p
        .display_name
        .map(|n| n.trim().to_string())
        .unwrap_or_else(|| a.display_name.clone());
    let mut problems = Problems::new();
    if name.is_empty() {
        problems.push("display_name", "required", "give a name to show to others");
    }
    problems.text("display_name", &name, 100);
    problems.finish()?;
    let updated = s
        .store
        .update_account(
            a.id,
            &name,
            p.preferred_language.unwrap_or(a.preferred_language),
            p.location.unwrap_or(a.location),
        )
        .await?;
    Ok(Json(updated))
}

/// The signed-in person's own contact details. No other endpoint returns them.
#[utoipa::path(get, path = "/api/v1/me/contact", tag = "auth", responses((status = 200, body = ContactDetails), (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn my_contact(
    State(s): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<ContactDetails>> {
    caller.may(Action::ReadOwnContact)?;
    Ok(Json(s.store.contact_details(caller.account()?.id).await?))
}

/// Replaces the signed-in person's contact details.
#[utoipa::path(put, path = "/api/v1/me/contact", tag = "auth", request_body = ContactDetails,
    responses((status = 200, body = ContactDetails), (status = 401, body = Problem), (status = 422, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn put_my_contact(
    State(s): State<AppState>,
    caller: Caller,
    ApiJson(c): ApiJson<ContactDetails>,
) -> ApiResult<Json<ContactDetails>> {
    caller.may(Action::UpdateOwnContact)?;
    let c = c.validated()?;
    let id = caller.account()?.id;
    s.store.put_contact_details(id, &c).await?;
    Ok(Json(c))
}
