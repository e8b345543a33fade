//! Creating a fair: names and venue in three languages, on-site dates and the online period
//! that runs on after them, the venue's time zone, and the halls.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use sc_access::Action;
use sc_app::NewHall;
use sc_domain::fair::FairInput;
use sc_domain::{ErrorCode, LocalizedText};

use crate::views::*;
use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_ui::Words;
use sc_web_ui::context::{Ctx, UiError};
use sc_web_ui::present::form_errors;
use sc_web_ui::views::Errors;

/// Time zones offered (the venues this platform serves); any IANA name is accepted by the API.
const ZONES: &[&str] = &[
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Taipei",
    "UTC",
];

/// A line of the halls box that cannot be read: its number and why.
#[derive(Debug, PartialEq, Eq)]
pub struct HallLineError {
    pub line: usize,
    pub code: ErrorCode,
}

impl HallLineError {
    fn words(&self, t: Words) -> String {
        t.with(
            "fair-hall_line",
            &[
                ("line", self.line.into()),
                ("reason", t.t(&self.code.message_key()).into()),
            ],
        )
    }
}

/// Reads the halls box: one hall per line, `code | 繁體名 | 简体名 | English name` (names
/// optional). Problems are reported against the `halls` field with the line number.
pub fn parse_halls(text: &str) -> Result<Vec<NewHall>, Vec<HallLineError>> {
    let mut halls: Vec<NewHall> = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split(['|', '｜']).map(str::trim).collect();
        let code = parts[0];
        if code.is_empty()
            || code.chars().count() > 16
            || code.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            errors.push(HallLineError {
                line: i + 1,
                code: ErrorCode::BadHallCode,
            });
            continue;
        }
        if halls.iter().any(|h| h.code == code) {
            errors.push(HallLineError {
                line: i + 1,
                code: ErrorCode::HallCodeTaken,
            });
            continue;
        }
        if parts.len() > 4 || parts.iter().any(|p| p.chars().count() > 100) {
            errors.push(HallLineError {
                line: i + 1,
                code: ErrorCode::HallNamesTooLong,
            });
            continue;
        }
        let name = |k: usize, default: String| {
            parts
                .get(k)
                .filter(|s| !s.is_empty())
                .map(|s| s.to_string())
                .unwrap_or(default)
        };
        // Names left out are the catalogue's "Hall {code}" in each language.
        let default = sc_i18n::default_hall_name(code);
        halls.push(NewHall {
            code: code.to_string(),
            name: LocalizedText::new(
                &name(1, default.zh_hant.unwrap_or_default()),
                &name(2, default.zh_hans.unwrap_or_default()),
                &name(3, default.en.unwrap_or_default()),
            ),
        });
    }
    if errors.is_empty() {
        Ok(halls)
    } else {
        Err(errors)
    }
}

fn page(ctx: &Ctx, form: &FormData, errors: Errors, hall_errors: Vec<HallLineError>) -> Response {
    let t = ctx.t();
    let hall_errors = hall_errors.iter().map(|e| e.words(t)).collect();
    let v = |k: &str| form.get(k).to_string();
    let zone = if form.get("time_zone").is_empty() {
        "Asia/Hong_Kong".to_string()
    } else {
        v("time_zone")
    };
    ctx.page(NewFairPage {
        c: ctx.chrome("fairs"),
        t,
        name: [v("name_zh_hant"), v("name_zh_hans"), v("name_en")],
        venue: [v("venue_zh_hant"), v("venue_zh_hans"), v("venue_en")],
        starts_on: v("starts_on"),
        ends_on: v("ends_on"),
        online_until: v("online_until"),
        zones: ZONES
            .iter()
            .map(|z| sc_web_ui::views::Opt {
                value: z.to_string(),
                label: z.to_string(),
                selected: *z == zone,
            })
            .collect(),
        halls: v("halls"),
        errors,
        hall_errors,
    })
}

pub async fn form(ctx: Ctx) -> Response {
    if let Err(e) = ctx.caller.may(Action::CreateFair) {
        return ctx.error(e.into());
    }
    page(
        &ctx,
        &FormData(vec![("halls".into(), "1A\n1B".into())]),
        Errors::new(),
        vec![],
    )
}

pub async fn create(State(s): State<AppState>, ctx: Ctx, form: FormData) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        ctx.caller.may(Action::CreateFair)?;
        let input = FairInput {
            name: LocalizedText::new(
                form.get("name_zh_hant"),
                form.get("name_zh_hans"),
                form.get("name_en"),
            ),
            venue: LocalizedText::new(
                form.get("venue_zh_hant"),
                form.get("venue_zh_hans"),
                form.get("venue_en"),
            ),
            starts_on: form.get("starts_on").trim().into(),
            ends_on: form.get("ends_on").trim().into(),
            online_until: form.get("online_until").trim().into(),
            time_zone: form.get("time_zone").trim().into(),
        };
        let halls = parse_halls(form.get("halls"));
        // Hall lines are the form's own syntax, read here; the fair is checked by the use case,
        // and both sets of problems are shown together.
        let outcome = match halls {
            Ok(halls) => s
                .app
                .create_fair_with_halls(&ctx.caller, input, &halls)
                .await
                .map_err(|e| (e, vec![])),
            Err(hall_errors) => Err((
                match input.validated() {
                    Ok(_) => sc_app::Error::Invalid(sc_domain::Invalid(vec![])),
                    Err(inv) => inv.into(),
                },
                hall_errors,
            )),
        };
        match outcome {
            Ok(fair) => Ok(Redirect::to(&format!("/fairs/{}/manage", fair.id)).into_response()),
            Err((sc_app::Error::Invalid(inv), hall_errors)) => {
                let errors = form_errors(&inv, ctx.t());
                let mut r = page(&ctx, &form, errors, hall_errors);
                *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
                Ok(r)
            }
            Err((e, _)) => Err(e.into()),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

#[cfg(test)]
mod tests {
    use sc_domain::ErrorCode;

    #[test]
    fn halls_read_one_per_line_with_optional_names() {
        let h = super::parse_halls("1A | 展館一 | 展馆一 | Hall One\n\n1B\n").unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].name.en.as_deref(), Some("Hall One"));
        assert_eq!(h[1].name.zh_hant.as_deref(), Some("展館 1B"));
        let e = super::parse_halls("1A\n1A\nbad code\n").unwrap_err();
        let found: Vec<_> = e.iter().map(|e| (e.line, e.code)).collect();
        assert_eq!(
            found,
            [(2, ErrorCode::HallCodeTaken), (3, ErrorCode::BadHallCode)]
        );
        let zh = e[1].words(sc_web_ui::Words::new(sc_domain::Language::ZhHant));
        assert!(zh.starts_with("第 3 行") && !zh.contains("line"), "{zh}");
    }
}
