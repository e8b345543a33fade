//! Who is calling, and signing in and out. Adapters hand over the token they were given (a
//! session cookie or a bearer token); the use cases get back a [`Caller`] with the memberships
//! authorisation needs.

use sc_domain::ErrorCode;
use std::net::IpAddr;

use sc_access::{Action, Actor, authorize};
use sc_domain::person::{Account, PlatformRole, Registration};
use sc_storage::NewUser;

use crate::cache::SessionInfo;
use crate::error::{Error, Result};
use crate::{App, now_ms};

#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    pub account: Option<Account>,
    /// Hash of the session token presented, for signing out.
    pub session_hash: Option<String>,
}

impl Caller {
    /// Asks the rule book; the one way a use case gets permission.
    pub fn may(&self, action: Action) -> Result<()> {
        authorize(&self.actor, action).map_err(Error::from)
    }

    pub fn allowed(&self, action: Action) -> bool {
        authorize(&self.actor, action).is_ok()
    }

    /// The signed-in account, or `Unauthenticated`.
    pub fn account(&self) -> Result<&Account> {
        self.account.as_ref().ok_or(Error::Unauthenticated)
    }

    pub fn anonymous() -> Self {
        Caller {
            actor: Actor::Anonymous,
            account: None,
            session_hash: None,
        }
    }
}

/// A new sign-in: the token to hand to the client and when it stops working.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    /// Milliseconds since the epoch.
    pub expires_at: i64,
}

/// How long a sign-in lasts.
pub const SESSION_DAYS: i64 = 30;

/// A random token of 32 bytes of entropy, hex-encoded.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("the operating system's random source failed");
    hex::encode(b)
}

/// What the database stores for a token: its SHA-256, so a leaked table grants no sessions.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

impl App {
    /// The caller a token belongs to: `None` when the token names no live session.
    pub async fn caller(&self, token: &str) -> Result<Option<Caller>> {
        if token.is_empty() || token.len() > 128 {
            return Ok(None);
        }
        let hash = token_hash(token);
        let store = &self.store;
        let info = self
            .caches
            .sessions
            .get_or_load(hash.clone(), store.epoch(), async {
                let Some(user_id) = store.session_user(&hash).await? else {
                    return Ok(None);
                };
                match store.account(user_id).await {
                    Ok(account) => Ok(Some(SessionInfo {
                        memberships: store.memberships_of(user_id).await?,
                        account,
                    })),
                    Err(sc_storage::StorageError::NotFound) => Ok(None),
                    Err(e) => Err(e.into()),
                }
            })
            .await?;
        Ok(info.as_ref().as_ref().map(|info| Caller {
            actor: Actor::User {
                id: info.account.id,
                role: info.account.platform_role,
                memberships: info.memberships.clone(),
            },
            account: Some(info.account.clone()),
            session_hash: Some(hash),
        }))
    }

    /// Records a new session for `user`. Not counted as a change of what caches hold: a crowd
    /// signing in at a fair's entrance must not empty the booth and exhibitor caches.
    async fn start_session(&self, user: i64, kind: &str) -> Result<Session> {
        let token = random_token();
        let expires_at = now_ms() + SESSION_DAYS * 86_400_000;
        self.store
            .create_session(&token_hash(&token), user, kind, expires_at)
            .await?;
        Ok(Session { token, expires_at })
    }

    /// Creates an individual account and signs it in.
    pub async fn register(
        &self,
        caller: &Caller,
        reg: Registration,
        kind: &str,
    ) -> Result<(Account, Session)> {
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
        let account = self.store.create_user(&user).await?;
        let session = self.start_session(account.id, kind).await?;
        Ok((account, session))
    }

    /// Checks an e-mail and password (throttled per address and per client) and signs in.
    pub async fn sign_in(
        &self,
        caller: &Caller,
        email: &str,
        password: &str,
        client: Option<IpAddr>,
        kind: &str,
    ) -> Result<(Account, Session)> {
        caller.may(Action::LogIn)?;
        let account = self.check_password(email, password, client).await?;
        let session = self.start_session(account.id, kind).await?;
        Ok((account, session))
    }

    async fn check_password(
        &self,
        email: &str,
        password: &str,
        client: Option<IpAddr>,
    ) -> Result<Account> {
        if let Err(retry_after_secs) = self.limiter.check(email, client) {
            return Err(Error::TooManyRequests {
                code: ErrorCode::TooManyRequests,
                retry_after_secs,
            });
        }
        let email_n = sc_domain::person::normalize_email(email).unwrap_or_default();
        let found = self.store.account_by_email(&email_n).await?;
        // Hash even when the account does not exist, so timing does not reveal which e-mails exist.
        let password = password.to_string();
        let (ok, account) = match found {
            Some((account, hash)) => {
                let ok = tokio::task::spawn_blocking(move || {
                    sc_access::password::verify(&password, &hash)
                })
                .await
                .unwrap_or(false);
                (ok, Some(account))
            }
            None => {
                let _ = tokio::task::spawn_blocking(move || {
                    sc_access::password::verify(&password, &DUMMY_HASH)
                })
                .await;
                (false, None)
            }
        };
        match (ok, account) {
            (true, Some(a)) => {
                self.limiter.succeeded(email);
                Ok(a)
            }
            _ => {
                self.limiter.failed(email, client);
                Err(Error::Conflict {
                    code: ErrorCode::BadCredentials,
                    detail: "wrong e-mail address or password".into(),
                })
            }
        }
    }

    /// Ends the caller's session (the token presented stops working at once).
    pub async fn sign_out(&self, caller: &Caller) -> Result<()> {
        caller.may(Action::LogOut)?;
        if let Some(h) = &caller.session_hash {
            self.store.delete_session(h).await?;
        }
        Ok(())
    }
}

/// A real Argon2id hash, verified against when no account matches.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| sc_access::password::hash(&random_token()));

/// Hashes off the async threads: Argon2id takes tens of milliseconds by design.
pub async fn hash_password(password: &str) -> String {
    let p = password.to_string();
    tokio::task::spawn_blocking(move || sc_access::password::hash(&p))
        .await
        .expect("hashing does not panic")
}
