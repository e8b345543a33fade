//! Signing up, in and out, choosing a language, and the account page.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use sc_access::Action;
use sc_domain::error::Problems;
use sc_domain::person::{ContactDetails, PlatformRole, Registration};
use sc_domain::{Language, Location};
use sc_storage::{NewUser, OrganisationFilter, PageRequest};
use serde::Deserialize;

use super::context::{Ctx, UiError, safe_next};
use super::form::FormData;
use super::present::*;
use super::views::*;
use crate::AppState;
use crate::caller::{check_password, hash_password, start_session};
use crate::cookies;
use crate::error::ApiError;

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
    saved: Option<String>,
}

fn lang_cookie(lang: Language, secure: bool) -> HeaderValue {
    cookies::set(cookies::LANG, lang.code(), 365 * 86_400, secure, "Lax")
}

/// Signs the browser in and goes on to `next`, remembering the account's language here too.
async fn sign_in_and_go(
    s: &AppState,
    user: i64,
    lang: Language,
    next: &str,
) -> Result<Response, UiError> {
    let (_, _, cookie) = start_session(s, user, "browser").await?;
    let mut r = Redirect::to(&safe_next(next)).into_response();
    r.headers_mut().append(header::SET_COOKIE, cookie);
    r.headers_mut()
        .append(header::SET_COOKIE, lang_cookie(lang, s.secure_cookies));
    Ok(r)
}

pub async fn signup_form(ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    let t = ctx.t();
    let next = safe_next(q.next.as_deref().unwrap_or("/"));
    let default_location = match ctx.lang {
        Language::ZhHans => Location::parse("CN-GD-SZ").expect("valid"),
        _ => Location::HongKong,
    };
    ctx.page(SignupPage {
        c: ctx.chrome(""),
        t,
        email: String::new(),
        display_name: String::new(),
        locations: location_options(t.lang, &[default_location]),
        languages: language_options(ctx.lang),
        next,
        errors: Errors::new(),
    })
}

pub async fn signup(State(s): State<AppState>, ctx: Ctx, form: FormData) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let t = ctx.t();
        let lang = Language::from_tag(form.get("preferred_language")).unwrap_or(ctx.lang);
        let location = Location::parse(form.get("location"));
        let next = safe_next(form.get("next"));
        let mut errors = Errors::new();
        if location.is_err() {
            errors.insert("location".into(), t.t("err.unknown_code").into());
        }
        let reg = Registration {
            email: form.get("email").into(),
            password: form.get("password").into(),
            display_name: form.get("display_name").into(),
            preferred_language: lang,
            location: location.clone().unwrap_or(Location::HongKong),
        };
        let result = match reg.validated() {
            Ok(reg) if errors.is_empty() => {
                let user = NewUser {
                    email: reg.email,
                    password_hash: hash_password(&reg.password).await,
                    display_name: reg.display_name,
                    preferred_language: reg.preferred_language,
                    location: reg.location,
                    platform_role: PlatformRole::User,
                };
                match s.store.create_user(&user).await {
                    Ok(a) => return sign_in_and_go(&s, a.id, a.preferred_language, &next).await,
                    Err(sc_storage::StorageError::Conflict {
                        code: "email_taken",
                        ..
                    }) => {
                        errors.insert("email".into(), t.t("err.email_taken").into());
                        Ok(())
                    }
                    Err(e) => Err(e),
                }
            }
            Ok(_) => Ok(()),
            Err(inv) => {
                errors.extend(form_errors(&inv, t));
                Ok(())
            }
        };
        result?;
        Ok(ctx.page_with(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            SignupPage {
                c: ctx.chrome(""),
                t,
                email: form.get("email").into(),
                display_name: form.get("display_name").into(),
                locations: location_options(t.lang, &location.into_iter().collect::<Vec<_>>()),
                languages: language_options(lang),
                next,
                errors,
            },
        ))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn login_form(ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    let next = safe_next(q.next.as_deref().unwrap_or("/"));
    ctx.page(LoginPage {
        c: ctx.chrome(""),
        t: ctx.t(),
        email: String::new(),
        next,
        error: None,
    })
}

pub async fn login(
    State(s): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    ctx: Ctx,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let t = ctx.t();
        let next = safe_next(form.get("next"));
        match check_password(&s, form.get("email"), form.get("password"), Some(addr.ip())).await {
            Ok(a) => sign_in_and_go(&s, a.id, a.preferred_language, &next).await,
            Err(e) => {
                let key = match e {
                    ApiError::TooManyRequests { .. } => "err.too_many_requests",
                    ApiError::Conflict { .. } => "auth.wrong",
                    other => return Err(other.into()),
                };
                Ok(ctx.page_with(
                    axum::http::StatusCode::UNAUTHORIZED,
                    LoginPage {
                        c: ctx.chrome(""),
                        t,
                        email: form.get("email").into(),
                        next,
                        error: Some(t.t(key)),
                    },
                ))
            }
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn logout(State(s): State<AppState>, ctx: Ctx, form: FormData) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        if let Some(h) = &ctx.caller.session_hash {
            s.store.delete_session(h).await?;
        }
        let mut r = Redirect::to("/").into_response();
        r.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(cookies::SESSION, "", 0, s.secure_cookies, "Lax"),
        );
        Ok(r)
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// Switches the language: remembered in this browser, and on the account when signed in.
pub async fn switch_language(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<NextQuery>,
) -> Response {
    let Some(lang) = Language::from_tag(&code) else {
        return ctx.error(UiError::Api(ApiError::NotFound));
    };
    if let Some(a) = &ctx.caller.account
        && a.preferred_language != lang
        && let Err(e) = s.store.set_preferred_language(a.id, lang).await
    {
        return ctx.error(e.into());
    }
    let mut r = Redirect::to(&safe_next(q.next.as_deref().unwrap_or("/"))).into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, lang_cookie(lang, s.secure_cookies));
    r
}

async fn account_page(
    s: &AppState,
    ctx: &Ctx,
    saved: bool,
    errors: Errors,
    draft: Option<&FormData>,
) -> Result<Response, UiError> {
    ctx.caller.may(Action::ReadOwnAccount)?;
    let t = ctx.t();
    let a = ctx.caller.account()?.clone();
    let contact = s.store.contact_details(a.id).await?;
    let orgs = s
        .store
        .list_organisations(
            &OrganisationFilter {
                member: Some(a.id),
                ..Default::default()
            },
            PageRequest::new(None, Some(100)),
        )
        .await?;
    let pick = |field: &str, stored: Option<String>| {
        draft
            .map(|f| f.get(field).to_string())
            .unwrap_or_else(|| stored.unwrap_or_default())
    };
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(ctx.page_with(
        status,
        AccountPage {
            c: ctx.chrome(""),
            t,
            email: a.email.clone(),
            display_name: pick("display_name", Some(a.display_name.clone())),
            languages: language_options(a.preferred_language),
            locations: location_options(t.lang, &[a.location]),
            phone: pick("phone", contact.phone),
            wechat: pick("wechat", contact.wechat),
            whatsapp: pick("whatsapp", contact.whatsapp),
            postal_address: pick("postal_address", contact.postal_address),
            orgs: orgs.items.iter().map(|o| org_card(o, t, None)).collect(),
            saved,
            errors,
        },
    ))
}

pub async fn account(State(s): State<AppState>, ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    account_page(&s, &ctx, q.saved.is_some(), Errors::new(), None)
        .await
        .unwrap_or_else(|e| ctx.error(e))
}

pub async fn save_account(State(s): State<AppState>, ctx: Ctx, form: FormData) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        ctx.caller.may(Action::UpdateOwnAccount)?;
        ctx.caller.may(Action::UpdateOwnContact)?;
        let a = ctx.caller.account()?.clone();
        let t = ctx.t();
        let name = form.get("display_name").trim().to_string();
        let mut p = Problems::new();
        if name.is_empty() {
            p.push("display_name", "required", "give a name to show to others");
        }
        p.text("display_name", &name, 100);
        let lang =
            Language::from_tag(form.get("preferred_language")).unwrap_or(a.preferred_language);
        let location = Location::parse(form.get("location")).unwrap_or(a.location);
        let contact = ContactDetails {
            phone: form.opt("phone"),
            wechat: form.opt("wechat"),
            whatsapp: form.opt("whatsapp"),
            postal_address: form.opt("postal_address"),
        };
        let contact = match (p.finish(), contact.validated()) {
            (Ok(()), Ok(c)) => c,
            (a_err, c_err) => {
                let mut errors = Errors::new();
                for inv in [a_err.err(), c_err.err()].into_iter().flatten() {
                    errors.extend(form_errors(&inv, t));
                }
                return account_page(&s, &ctx, false, errors, Some(&form)).await;
            }
        };
        s.store.update_account(a.id, &name, lang, location).await?;
        s.store.put_contact_details(a.id, &contact).await?;
        let mut r = Redirect::to("/me?saved=1").into_response();
        r.headers_mut()
            .append(header::SET_COOKIE, lang_cookie(lang, s.secure_cookies));
        Ok(r)
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
