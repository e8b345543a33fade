//! Signing up, in and out, choosing a language, and the account page.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use sc_app::AccountChange;
use sc_app::{OrganisationFilter, PageRequest, Session};
use sc_domain::ErrorCode;
use sc_domain::person::{ContactDetails, Registration};
use sc_domain::{Language, Location};
use serde::Deserialize;

use crate::views::*;
use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_http::caller::ClientAddr;
use sc_web_http::cookies;
use sc_web_http::error::ApiError;
use sc_web_ui::context::{Ctx, UiError, safe_next};
use sc_web_ui::present::*;
use sc_web_ui::views::*;

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
    saved: Option<String>,
}

fn lang_cookie(lang: Language, secure: bool) -> HeaderValue {
    cookies::set(
        cookies::LANG,
        lang.code(),
        365 * 86_400,
        secure,
        cookies::SameSite::Lax,
    )
}

/// Hands the browser its new session and goes on to `next`, remembering the account's
/// language here too.
fn signed_in_and_go(s: &AppState, session: &Session, lang: Language, next: &str) -> Response {
    let mut r = Redirect::to(&safe_next(next)).into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, s.session_cookie(&session.token));
    r.headers_mut()
        .append(header::SET_COOKIE, lang_cookie(lang, s.secure_cookies));
    r
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
            errors.insert("location".into(), t.t("err-unknown_code").into());
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
                match s.app.register(&ctx.caller, reg, "browser").await {
                    Ok((a, session)) => {
                        // A plain sign-up goes on to the (optional) buyer profile; one that
                        // came from a scan or a page goes back there (a first scan asks).
                        let next = if next == "/" {
                            "/me/buyer-profile?welcome=1".to_string()
                        } else {
                            next
                        };
                        return Ok(signed_in_and_go(&s, &session, a.preferred_language, &next));
                    }
                    Err(sc_app::Error::Conflict {
                        code: ErrorCode::EmailTaken,
                        ..
                    }) => {
                        errors.insert("email".into(), t.t("err-email_taken").into());
                        Ok(())
                    }
                    Err(sc_app::Error::Invalid(inv)) => {
                        errors.extend(form_errors(&inv, t));
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
    ClientAddr(client): ClientAddr,
    ctx: Ctx,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let t = ctx.t();
        let next = safe_next(form.get("next"));
        let attempt = s
            .app
            .sign_in(
                &ctx.caller,
                form.get("email"),
                form.get("password"),
                client,
                "browser",
            )
            .await;
        match attempt {
            Ok((a, session)) => Ok(signed_in_and_go(&s, &session, a.preferred_language, &next)),
            Err(e) => {
                let key = match e {
                    sc_app::Error::TooManyRequests { .. } => "err-too_many_requests",
                    sc_app::Error::Conflict { .. } => "auth-wrong",
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
        if ctx.caller.account.is_some() {
            s.app.sign_out(&ctx.caller).await?;
        }
        let mut r = Redirect::to("/").into_response();
        r.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(
                cookies::SESSION,
                "",
                0,
                s.secure_cookies,
                cookies::SameSite::Lax,
            ),
        );
        Ok(r)
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /lang/{code}`: for links without a form. It only sets this browser's cookie; a
/// signed-in account's preference changes through the form below, which carries the CSRF
/// token, so no other site can change it.
pub async fn switch_language(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<NextQuery>,
) -> Response {
    let Some(lang) = Language::from_tag(&code) else {
        return ctx.error(UiError::Api(ApiError::NotFound));
    };
    let mut r = Redirect::to(&safe_next(q.next.as_deref().unwrap_or("/"))).into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, lang_cookie(lang, s.secure_cookies));
    r
}

/// `POST /lang` (`lang`, `next`, `csrf`): the language switch on every page. Remembered in
/// this browser, and on the account when signed in.
pub async fn choose_language(State(s): State<AppState>, ctx: Ctx, form: FormData) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let lang = Language::from_tag(form.get("lang")).ok_or(ApiError::NotFound)?;
        if ctx
            .caller
            .account
            .as_ref()
            .is_some_and(|a| a.preferred_language != lang)
        {
            s.app.set_my_language(&ctx.caller, lang).await?;
        }
        let mut r = Redirect::to(&safe_next(form.get("next"))).into_response();
        r.headers_mut()
            .append(header::SET_COOKIE, lang_cookie(lang, s.secure_cookies));
        Ok(r)
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

async fn account_page(
    s: &AppState,
    ctx: &Ctx,
    saved: bool,
    errors: Errors,
    draft: Option<&FormData>,
) -> Result<Response, UiError> {
    let t = ctx.t();
    let a = s.app.me(&ctx.caller)?.clone();
    let contact = s.app.my_contact(&ctx.caller).await?;
    let orgs = s
        .app
        .organisations(
            &ctx.caller,
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
        let a = ctx.caller.account()?.clone();
        let t = ctx.t();
        let lang =
            Language::from_tag(form.get("preferred_language")).unwrap_or(a.preferred_language);
        let location = Location::parse(form.get("location")).unwrap_or(a.location);
        let contact = ContactDetails {
            phone: form.opt("phone"),
            wechat: form.opt("wechat"),
            whatsapp: form.opt("whatsapp"),
            postal_address: form.opt("postal_address"),
        };
        let change = AccountChange {
            display_name: Some(form.get("display_name").to_string()),
            preferred_language: Some(lang),
            location: Some(location),
        };
        match s.app.save_account(&ctx.caller, change, contact).await {
            Ok(_) => {}
            Err(sc_app::Error::Invalid(inv)) => {
                let errors = form_errors(&inv, t);
                return account_page(&s, &ctx, false, errors, Some(&form)).await;
            }
            Err(e) => return Err(e.into()),
        }
        let mut r = Redirect::to("/me?saved=1").into_response();
        r.headers_mut()
            .append(header::SET_COOKIE, lang_cookie(lang, s.secure_cookies));
        Ok(r)
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
