//! Registration, sign-in and the caller's own account.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sc_app::AccountChange;
use sc_domain::person::{Account, ContactDetails, Registration};
use sc_domain::{Language, Location};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use sc_web_http::AppState;
use sc_web_http::caller::{Caller, ClientAddr};
use sc_web_http::cookies;
use sc_web_http::error::{ApiResult, Problem};
use sc_web_http::extract::ApiJson;

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
    let (account, session) = s.app.register(&caller, reg, "api").await?;
    let cookie = session_cookie(&s, &session.token);
    Ok((
        StatusCode::CREATED,
        [(header::SET_COOKIE, cookie)],
        Json(SignedIn {
            account,
            token: session.token,
            expires_at: session.expires_at,
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
    ClientAddr(client): ClientAddr,
    caller: Caller,
    ApiJson(c): ApiJson<Credentials>,
) -> ApiResult<Response> {
    let (account, session) = s
        .app
        .sign_in(&caller, &c.email, &c.password, client, "api")
        .await?;
    let cookie = session_cookie(&s, &session.token);
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(SignedIn {
            account,
            token: session.token,
            expires_at: session.expires_at,
        }),
    )
        .into_response())
}

/// Ends the session that made this request.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204), (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn logout(State(s): State<AppState>, caller: Caller) -> ApiResult<Response> {
    s.app.sign_out(&caller).await?;
    let clear = cookies::set(
        cookies::SESSION,
        "",
        0,
        s.secure_cookies,
        cookies::SameSite::Lax,
    );
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = Account), (status = 401, body = Problem)),
    security(("bearer" = []), ("session_cookie" = [])))]
pub async fn me(State(s): State<AppState>, caller: Caller) -> ApiResult<Json<Account>> {
    Ok(Json(s.app.me(&caller)?.clone()))
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
    let updated = s
        .app
        .update_me(
            &caller,
            AccountChange {
                display_name: p.display_name,
                preferred_language: p.preferred_language,
                location: p.location,
            },
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
    Ok(Json(s.app.my_contact(&caller).await?))
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
    Ok(Json(s.app.put_my_contact(&caller, c).await?))
}

/// The session cookie for a new sign-in. Lax, not Strict: a link from an e-mail or a QR code
/// must arrive signed in.
pub fn session_cookie(s: &AppState, token: &str) -> axum::http::HeaderValue {
    cookies::set(
        cookies::SESSION,
        token,
        sc_app::SESSION_DAYS * 86_400,
        s.secure_cookies,
        cookies::SameSite::Lax,
    )
}
