//! What every page needs: the caller, the reader's language, the CSRF token, and how to turn a
//! view or an error into a response.

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use sc_domain::Language;

use sc_app::Caller;
use sc_i18n::Words;
use sc_web_http::ApiError;
use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_http::cookies;

/// Shared by every template as `c`.
pub struct Chrome {
    pub lang: &'static str,
    pub user: Option<String>,
    pub csrf: String,
    /// The current path and query, percent-encoded, for "come back here" links.
    pub here: String,
    /// The current path and query as they are, for a form's `next` field.
    pub path: String,
    /// Which main navigation entry is current.
    pub nav: &'static str,
    /// The search box's text (the current query on the results page).
    pub q: String,
    /// Messages waiting for the reader (0 when signed out).
    pub unread: i64,
}

pub struct Ctx {
    pub caller: Caller,
    pub lang: Language,
    pub csrf: String,
    new_csrf: bool,
    pub path_and_query: String,
    secure: bool,
    /// Messages waiting for the reader, for the header.
    pub unread: i64,
}

/// The reader's language: the browser's remembered choice, else the account's, else what the
/// browser asks for, else Traditional Chinese (this is a Hong Kong platform).
pub fn pick_language(headers: &HeaderMap, caller: &Caller) -> Language {
    cookies::get(headers, cookies::LANG)
        .and_then(|c| Language::from_tag(&c))
        .or_else(|| caller.account.as_ref().map(|a| a.preferred_language))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::from_accept_language)
        })
        .unwrap_or(Language::ZhHant)
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = match Caller::from_request_parts(parts, state).await {
            Ok(c) => c,
            Err(ApiError::Unauthenticated) => Caller::anonymous(),
            Err(e) => return Err(e.into_response()),
        };
        let lang = pick_language(&parts.headers, &caller);
        let existing = cookies::get(&parts.headers, cookies::CSRF)
            .filter(|c| c.len() == 64 && c.bytes().all(|b| b.is_ascii_hexdigit()));
        let new_csrf = existing.is_none();
        let csrf = existing.unwrap_or_else(cookies::random_token);
        let path_and_query = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        // One indexed sum per page for someone signed in; a failure only hides the count.
        let unread = if caller.account.is_some() {
            state.app.unread_messages(&caller).await.unwrap_or(0)
        } else {
            0
        };
        Ok(Ctx {
            unread,
            caller,
            lang,
            csrf,
            new_csrf,
            path_and_query,
            secure: state.secure_cookies,
        })
    }
}

impl Ctx {
    pub fn t(&self) -> Words {
        Words::new(self.lang)
    }

    pub fn chrome(&self, nav: &'static str) -> Chrome {
        Chrome {
            lang: self.lang.code(),
            user: self.caller.account.as_ref().map(|a| a.display_name.clone()),
            csrf: self.csrf.clone(),
            here: encode(&self.path_and_query),
            path: self.path_and_query.clone(),
            nav,
            q: String::new(),
            unread: self.unread,
        }
    }

    /// Renders a view with status 200.
    pub fn page(&self, view: impl Template) -> Response {
        self.page_with(StatusCode::OK, view)
    }

    pub fn page_with(&self, status: StatusCode, view: impl Template) -> Response {
        match view.render() {
            Ok(html) => {
                let mut r = (
                    status,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    html,
                )
                    .into_response();
                self.add_cookies(&mut r);
                r.headers_mut().insert(
                    header::CACHE_CONTROL,
                    axum::http::HeaderValue::from_static("no-store"),
                );
                r
            }
            Err(e) => {
                tracing::error!(error = %e, "template failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
            }
        }
    }

    fn add_cookies(&self, r: &mut Response) {
        if self.new_csrf {
            // Strict: the token must never ride along on a cross-site request.
            r.headers_mut().append(
                header::SET_COOKIE,
                cookies::set(
                    cookies::CSRF,
                    &self.csrf,
                    86_400 * 30,
                    self.secure,
                    cookies::SameSite::Strict,
                ),
            );
        }
    }

    /// Refuses a form post whose token does not match this browser's cookie.
    pub fn check_csrf(&self, form: &FormData) -> Result<(), UiError> {
        let sent = form.get("csrf");
        if self.new_csrf
            || sent.is_empty()
            || !constant_time_eq(sent.as_bytes(), self.csrf.as_bytes())
        {
            return Err(UiError::Csrf);
        }
        Ok(())
    }

    /// Renders an error page in the reader's language (or sends them to log in).
    pub fn error(&self, e: UiError) -> Response {
        let (status, key) = match &e {
            UiError::Api(ApiError::Unauthenticated) => {
                return Redirect::to(&format!("/login?next={}", encode(&self.path_and_query)))
                    .into_response();
            }
            UiError::Api(ApiError::Forbidden) => (StatusCode::FORBIDDEN, "err-forbidden"),
            UiError::Api(ApiError::NotFound) => (StatusCode::NOT_FOUND, "err-not_found"),
            UiError::Api(ApiError::Internal(cause)) => {
                tracing::error!(%cause, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "err-internal")
            }
            // Every other refusal has a code with a message in every language.
            UiError::Api(other) => (other.status(), ""),
            UiError::Csrf => (StatusCode::FORBIDDEN, "err-csrf"),
        };
        let t = self.t();
        let message = match &e {
            UiError::Api(other) if key.is_empty() => t.t(&other.code().message_key()),
            _ => t.t(key),
        };
        self.page_with(
            status,
            crate::views::ErrorPage {
                c: self.chrome(""),
                t,
                message,
            },
        )
    }
}

#[derive(Debug)]
pub enum UiError {
    Api(ApiError),
    Csrf,
}

impl<E: Into<ApiError>> From<E> for UiError {
    fn from(e: E) -> Self {
        UiError::Api(e.into())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(b).into()
}

/// Everything but RFC 3986's unreserved characters (`1C-A12` stays readable in a link).
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a path or value for use inside a query parameter.
pub fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, QUERY_VALUE).to_string()
}

/// A `next=` target that stays on this site: a path, never `//host` or `scheme:`.
pub fn safe_next(next: &str) -> String {
    if next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains(['\r', '\n'])
    {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// A numeric id in a page's path; anything else gets the HTML "not found" page.
pub struct PageId(pub i64);

impl FromRequestParts<AppState> for PageId {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match sc_web_http::extract::Id::from_request_parts(parts, state).await {
            Ok(sc_web_http::extract::Id(id)) => Ok(PageId(id)),
            Err(_) => {
                let ctx = Ctx::from_request_parts(parts, state).await?;
                Err(ctx.error(UiError::Api(ApiError::NotFound)))
            }
        }
    }
}
