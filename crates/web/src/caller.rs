//! Who is calling: resolved once per request from the session cookie (browsers) or a bearer
//! token (API clients), with the memberships authorisation needs.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use sc_access::{Action, Actor, authorize};
use sc_domain::person::Account;

use crate::AppState;
use crate::cookies;
use crate::error::ApiError;

#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    pub account: Option<Account>,
    /// Hash of the session token presented, for signing out.
    pub session_hash: Option<String>,
}

impl Caller {
    /// Asks the rule book; the one way a handler gets permission.
    pub fn may(&self, action: Action) -> Result<(), ApiError> {
        authorize(&self.actor, action).map_err(ApiError::from)
    }

    pub fn allowed(&self, action: Action) -> bool {
        authorize(&self.actor, action).is_ok()
    }

    /// The signed-in account, or 401.
    pub fn account(&self) -> Result<&Account, ApiError> {
        self.account.as_ref().ok_or(ApiError::Unauthenticated)
    }

    pub fn anonymous() -> Self {
        Caller {
            actor: Actor::Anonymous,
            account: None,
            session_hash: None,
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_string());
        let is_bearer = bearer.is_some();
        let token = bearer.or_else(|| cookies::get(&parts.headers, cookies::SESSION));
        let Some(token) = token.filter(|t| !t.is_empty() && t.len() <= 128) else {
            return Ok(Caller::anonymous());
        };
        let hash = cookies::token_hash(&token);
        let epoch = state.store.epoch();
        let info = match state.caches.sessions.get(&hash, epoch) {
            Some(info) => info,
            None => {
                let info = match state.store.session_user(&hash).await? {
                    None => None,
                    Some(user_id) => match state.store.account(user_id).await {
                        Ok(account) => Some(crate::cache::SessionInfo {
                            memberships: state.store.memberships_of(user_id).await?,
                            account,
                        }),
                        Err(sc_storage::StorageError::NotFound) => None,
                        Err(e) => return Err(e.into()),
                    },
                };
                state.caches.sessions.put(hash.clone(), epoch, info)
            }
        };
        let Some(info) = info.as_ref() else {
            if is_bearer {
                // A client that presents a token expects it to work: say so rather than
                // silently treating it as anonymous.
                return Err(ApiError::Unauthenticated);
            }
            return Ok(Caller::anonymous());
        };
        let account = info.account.clone();
        let memberships = info.memberships.clone();
        Ok(Caller {
            actor: Actor::User {
                id: account.id,
                role: account.platform_role,
                memberships,
            },
            account: Some(account),
            session_hash: Some(hash),
        })
    }
}

/// How long a sign-in lasts.
pub const SESSION_DAYS: i64 = 30;

/// Signs `user` in: records a new session and returns its token and the cookie that carries it.
pub async fn start_session(
    state: &AppState,
    user: i64,
    kind: &str,
) -> Result<(String, i64, axum::http::HeaderValue), ApiError> {
    let token = cookies::random_token();
    let expires_at = sc_storage::now_ms() + SESSION_DAYS * 86_400_000;
    state
        .store
        .create_session(&cookies::token_hash(&token), user, kind, expires_at)
        .await?;
    // Lax, not Strict: a link from an e-mail or a QR code must arrive signed in.
    let cookie = cookies::set(
        cookies::SESSION,
        &token,
        SESSION_DAYS * 86_400,
        state.secure_cookies,
        "Lax",
    );
    Ok((token, expires_at, cookie))
}

/// Checks an e-mail and password with throttling; the account on success.
pub async fn check_password(
    state: &AppState,
    email: &str,
    password: &str,
    ip: Option<std::net::IpAddr>,
) -> Result<Account, ApiError> {
    if let Err(retry_after_secs) = state.limiter.check(email, ip) {
        return Err(ApiError::TooManyRequests { retry_after_secs });
    }
    let email_n = sc_domain::person::normalize_email(email).unwrap_or_default();
    let found = state.store.account_by_email(&email_n).await?;
    // Hash even when the account does not exist, so timing does not reveal which e-mails exist.
    let (ok, account) = match found {
        Some((account, hash)) => {
            let password = password.to_string();
            let ok =
                tokio::task::spawn_blocking(move || sc_access::password::verify(&password, &hash))
                    .await
                    .unwrap_or(false);
            (ok, Some(account))
        }
        None => {
            let password = password.to_string();
            let _ = tokio::task::spawn_blocking(move || {
                sc_access::password::verify(&password, &DUMMY_HASH)
            })
            .await;
            (false, None)
        }
    };
    match (ok, account) {
        (true, Some(a)) => {
            state.limiter.succeeded(email);
            Ok(a)
        }
        _ => {
            state.limiter.failed(email, ip);
            Err(ApiError::Conflict {
                code: "bad_credentials",
                detail: "wrong e-mail address or password".into(),
            })
        }
    }
}

/// A real Argon2id hash, verified against when no account matches.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| sc_access::password::hash(&cookies::random_token()));

/// Hashes off the async threads: Argon2id takes tens of milliseconds by design.
pub async fn hash_password(password: &str) -> String {
    let p = password.to_string();
    tokio::task::spawn_blocking(move || sc_access::password::hash(&p))
        .await
        .expect("hashing does not panic")
}
