//! The organiser's desk for one fair: the dashboard (scans, booths, buyers, on-site against
//! online) with CSV export, the printable QR sheet with revoke-and-reissue, and floor plans
//! (upload JSON or CSV of rectangles per hall, or keep the generated grid).

use axum::extract::{Multipart, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use sc_access::Action;
use sc_app::{FairStats, PlanError};
use sc_domain::ErrorCode;
use serde::Deserialize;

use super::charts::columns;
use super::myfair::download;
use crate::views::*;
use sc_app::time::{local_time, venue_offset_ms};
use sc_web_http::AppState;
use sc_web_http::error::ApiError;
use sc_web_http::extract::Ids;
use sc_web_ui::Words;
use sc_web_ui::context::{Ctx, PageId, UiError, encode};
use sc_web_ui::present::*;

#[derive(Deserialize, Default)]
pub struct ManageQuery {
    notice: Option<String>,
    /// Problems with the last plan upload, one per line.
    plan_errors: Option<String>,
}

fn bars(items: Vec<(String, i64)>) -> Vec<Bar> {
    let max = items.iter().map(|i| i.1).max().unwrap_or(0).max(1);
    items
        .into_iter()
        .map(|(label, value)| Bar {
            label,
            value,
            pct: value * 100 / max,
        })
        .collect()
}

/// Under an hourly axis, the date where each day begins.
fn day_ticks(hours: &[String]) -> Vec<String> {
    let mut last = "";
    hours
        .iter()
        .map(|h| {
            let day = &h[..5];
            if day == last {
                String::new()
            } else {
                last = day;
                day.to_string()
            }
        })
        .collect()
}

/// Under a daily axis, every label when few, else about eight of them.
fn every_nth(days: &[String]) -> Vec<String> {
    let step = days.len().div_ceil(8).max(1);
    days.iter()
        .enumerate()
        .map(|(i, d)| {
            if i % step == 0 {
                d[5..].to_string()
            } else {
                String::new()
            }
        })
        .collect()
}

fn hour_label(ms: i64, offset: i64) -> String {
    local_time(ms, offset)[5..].to_string()
}

pub async fn manage(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(fair_id): PageId,
    Query(q): Query<ManageQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let st: FairStats = s.app.fair_stats(&ctx.caller, fair_id).await?;
        let fair = s.app.fair(&ctx.caller, fair_id).await?;
        let (offset, zone) = venue_offset_ms(&fair.time_zone);
        // Up to the last five days with any scan (a fair's run), as a continuous axis of hours.
        let hours: Vec<(i64, i64)> = match (st.scans_by_hour.first(), st.scans_by_hour.last()) {
            (Some(first), Some(last)) => {
                let start = first.0.max(last.0 - 119 * 3_600_000);
                (0..)
                    .map(|k| start + k * 3_600_000)
                    .take_while(|h| *h <= last.0)
                    .map(|h| {
                        (
                            h,
                            st.scans_by_hour
                                .iter()
                                .find(|x| x.0 == h)
                                .map(|x| x.1)
                                .unwrap_or(0),
                        )
                    })
                    .collect()
            }
            _ => vec![],
        };
        let hour_labels: Vec<String> = hours.iter().map(|h| hour_label(h.0, offset)).collect();
        let hour_values: Vec<i64> = hours.iter().map(|h| h.1).collect();
        let day_labels: Vec<String> = st
            .bookmarks_by_day
            .iter()
            .map(|d| local_time(d.0, offset)[..10].to_string())
            .collect();
        let onsite: Vec<i64> = st.bookmarks_by_day.iter().map(|d| d.1).collect();
        let online: Vec<i64> = st.bookmarks_by_day.iter().map(|d| d.2).collect();
        let plans = &s.app.fair_layout(&ctx.caller, fair_id).await?.plans;
        let notice = notice_text(q.notice.as_deref(), t);
        Ok(ctx.page(ManagePage {
            c: ctx.chrome("fairs"),
            t,
            fair: fair_card(&fair, t),
            zone,
            scans: st.scans,
            visitors: st.scanning_visitors,
            contact_requests: st.contact_requests,
            bookmarks_scan: st.bookmarks.get("scan").copied().unwrap_or(0),
            bookmarks_online: st.bookmarks.get("online").copied().unwrap_or(0),
            hours_svg: if hours.is_empty() {
                String::new()
            } else {
                columns(
                    t.t("dash-scans_by_hour"),
                    &hour_labels,
                    &day_ticks(&hour_labels),
                    &[&hour_values],
                )
            },
            days_svg: if day_labels.is_empty() {
                String::new()
            } else {
                columns(
                    t.t("dash-onsite_online"),
                    &day_labels,
                    &every_nth(&day_labels),
                    &[&onsite, &online],
                )
            },
            top_booths: bars(
                st.top_booths
                    .iter()
                    .map(|b| {
                        let name = b
                            .organisation_name
                            .as_ref()
                            .map(|n| format!(" {}", n.best(t.lang)))
                            .unwrap_or_default();
                        (
                            format!("{} · {}{}", b.hall_code, b.booth_code, name),
                            b.scans,
                        )
                    })
                    .collect(),
            ),
            by_region: bars(
                st.buyers_by_location
                    .iter()
                    .map(|(l, n)| (t.place(l).to_string(), *n))
                    .collect(),
            ),
            by_language: bars(
                st.buyers_by_language
                    .iter()
                    .map(|(l, n)| (l.native_name().to_string(), *n))
                    .collect(),
            ),
            halls: plans
                .iter()
                .map(|p| HallTab {
                    code: p.hall.code.clone(),
                    label: format!("{} {}", p.hall.code, p.hall.name.best(t.lang)),
                    href: format!("/fairs/{fair_id}/plan?hall={}", encode(&p.hall.code)),
                    current: p.drawn,
                })
                .collect(),
            plan_errors: q
                .plan_errors
                .map(|e| decode_plan_errors(&e, t))
                .unwrap_or_default(),
            notice,
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /fairs/{fair}/manage/dashboard.csv`: the dashboard's figures as rows of
/// (figure, key, value).
pub async fn dashboard_csv(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(fair_id): PageId,
) -> Response {
    let r: Result<Response, UiError> = async {
        let st = s.app.fair_stats(&ctx.caller, fair_id).await?;
        let fair = s.app.fair(&ctx.caller, fair_id).await?;
        let (offset, _) = venue_offset_ms(&fair.time_zone);
        let mut rows: Vec<Vec<String>> = vec![
            vec!["scans".into(), String::new(), st.scans.to_string()],
            vec![
                "scanning_visitors".into(),
                String::new(),
                st.scanning_visitors.to_string(),
            ],
            vec![
                "contact_requests".into(),
                String::new(),
                st.contact_requests.to_string(),
            ],
        ];
        for (k, v) in &st.bookmarks {
            rows.push(vec!["bookmarks".into(), k.to_string(), v.to_string()]);
        }
        for (h, n) in &st.scans_by_hour {
            rows.push(vec![
                "scans_by_hour".into(),
                local_time(*h, offset),
                n.to_string(),
            ]);
        }
        for (d, a, b) in &st.bookmarks_by_day {
            let day = local_time(*d, offset)[..10].to_string();
            rows.push(vec![
                "bookmarks_onsite_by_day".into(),
                day.clone(),
                a.to_string(),
            ]);
            rows.push(vec!["bookmarks_online_by_day".into(), day, b.to_string()]);
        }
        for b in &st.top_booths {
            let name = b
                .organisation_name
                .as_ref()
                .map(|n| n.best(sc_domain::Language::En).to_string())
                .unwrap_or_default();
            rows.push(vec![
                "top_booths".into(),
                format!("{} {} {}", b.hall_code, b.booth_code, name),
                b.scans.to_string(),
            ]);
        }
        for (l, n) in &st.buyers_by_location {
            rows.push(vec![
                "buyers_by_location".into(),
                l.code().to_string(),
                n.to_string(),
            ]);
        }
        for (l, n) in &st.buyers_by_language {
            rows.push(vec![
                "buyers_by_language".into(),
                l.code().to_string(),
                n.to_string(),
            ]);
        }
        let body = sc_import::export::csv_document(&["figure", "key", "value"], &rows);
        Ok(download(
            &format!("fair-{fair_id}-dashboard.csv"),
            "text/csv; charset=utf-8",
            body,
        ))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub use sc_web_ui::qr::{base_url, qr_svg};

/// `GET /fairs/{fair}/manage/qr`: one code per booth, laid out for printing.
pub async fn qr_sheet(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    PageId(fair_id): PageId,
    Query(q): Query<ManageQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let codes = s.app.booth_codes(&ctx.caller, fair_id).await?;
        let fair = s.app.fair(&ctx.caller, fair_id).await?;
        let names = s
            .app
            .organisation_names(
                &codes
                    .iter()
                    .filter_map(|c| c.organisation_id)
                    .collect::<Vec<_>>(),
            )
            .await?;
        let base = base_url(&s, &headers);
        let rows = codes
            .iter()
            .map(|c| {
                let url = format!("{base}/q/{}", c.token);
                BoothCodeRow {
                    booth_id: c.booth_id,
                    hall: c.hall_code.clone(),
                    booth: c.booth_code.clone(),
                    exhibitor: c
                        .organisation_id
                        .and_then(|o| names.get(&o))
                        .map(|n| n.best(t.lang).to_string())
                        .unwrap_or_default(),
                    svg: qr_svg(&url),
                    url,
                }
            })
            .collect();
        let notice = notice_text(q.notice.as_deref(), t);
        Ok(ctx.page(QrSheetPage {
            c: ctx.chrome("fairs"),
            t,
            fair: fair_card(&fair, t),
            rows,
            notice,
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{fair}/manage/booths/{booth}/reissue`: revoke the booth's code, print anew.
pub async fn reissue(
    State(s): State<AppState>,
    ctx: Ctx,
    ids: Result<Ids, ApiError>,
    form: sc_web_http::FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        let Ids(fair, booth) = ids?;
        ctx.check_csrf(&form)?;
        s.app.reissue_booth_code(&ctx.caller, fair, booth).await?;
        Ok(Redirect::to(&format!(
            "/fairs/{fair}/manage/qr?notice=code_reissued#booth{booth}"
        ))
        .into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// Largest plan file accepted (a plan of 10,000 booths in CSV is well under 1 MB).
const MAX_PLAN_BYTES: usize = 2 * 1024 * 1024;

/// `POST /fairs/{fair}/manage/plan` (multipart): `hall`, `file` (JSON or CSV of rectangles in
/// metres), `csrf`. Saved all-or-nothing; problems come back listed on the desk.
/// A plan's problems carried to the manage page in its address, one per line: the code, the
/// row and the booths involved (tab-separated), so the page words them in its reader's language.
fn encode_plan_errors(errors: &[PlanError]) -> String {
    let clean = |s: &Option<String>| s.as_deref().unwrap_or("").replace(['\t', '\n'], " ");
    errors
        .iter()
        .take(50)
        .map(|e| {
            format!(
                "{}\t{}\t{}\t{}",
                e.code,
                e.row.map(|r| r.to_string()).unwrap_or_default(),
                clean(&e.booth),
                clean(&e.other)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The lines of [`encode_plan_errors`] as sentences; lines that are not (a hand-edited link)
/// are left out.
fn decode_plan_errors(text: &str, t: Words) -> Vec<String> {
    text.lines()
        .take(50)
        .filter_map(|line| {
            let mut parts = line.split('\t');
            let code = ErrorCode::parse(parts.next()?)?;
            let row = parts.next().unwrap_or("");
            let booth = parts.next().unwrap_or("");
            let other = parts.next().unwrap_or("");
            let reason = t.with(
                &code.message_key(),
                &[("booth", booth.into()), ("other", other.into())],
            );
            Some(match row.parse::<i64>() {
                Ok(r) => t.with(
                    "plan-row",
                    &[("row", r.into()), ("reason", (&reason).into())],
                ),
                Err(_) => reason,
            })
        })
        .collect()
}

pub async fn upload_plan(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(fair_id): PageId,
    mut multipart: Multipart,
) -> Response {
    let r: Result<Response, UiError> = async {
        let mut fields = sc_web_http::FormData(Vec::new());
        let mut file: Option<(String, Vec<u8>)> = None;
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| ApiError::BadRequest {
                code: ErrorCode::BodyUnreadable,
                detail: e.body_text(),
            })?
        {
            let name = field.name().unwrap_or("").to_string();
            if name == "file" {
                let fname = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(|e| ApiError::BadRequest {
                    code: ErrorCode::BodyUnreadable,
                    detail: e.body_text(),
                })?;
                if bytes.len() > MAX_PLAN_BYTES {
                    return Err(ApiError::BadRequest {
                        code: ErrorCode::FileTooLarge,
                        detail: format!("file: at most {MAX_PLAN_BYTES} bytes"),
                    }
                    .into());
                }
                file = Some((fname, bytes.to_vec()));
            } else {
                let v = field.text().await.unwrap_or_default();
                fields.0.push((name, v));
            }
        }
        ctx.check_csrf(&fields)?;
        ctx.caller.may(Action::ManageFair)?;
        let back = |errors: Vec<PlanError>| {
            Redirect::to(&format!(
                "/fairs/{fair_id}/manage?plan_errors={}#plans",
                encode(&encode_plan_errors(&errors))
            ))
            .into_response()
        };
        let fault =
            |code: ErrorCode, message: String| vec![PlanError::new(None, "file", code, message)];
        let layout = s.app.fair_layout(&ctx.caller, fair_id).await?;
        let Some(hall) = layout
            .plans
            .iter()
            .find(|p| p.hall.code == fields.get("hall"))
        else {
            return Ok(back(fault(
                ErrorCode::UnknownHall,
                format!("hall: {:?} is not a hall of this fair", fields.get("hall")),
            )));
        };
        let Some((fname, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
            return Ok(back(fault(
                ErrorCode::FileMissing,
                "file: choose a JSON or CSV file".into(),
            )));
        };
        let text = match sc_import::encoding::decode(&bytes) {
            Ok((text, _)) => text,
            Err(e) => return Ok(back(fault(ErrorCode::PlanUnreadable, e.to_string()))),
        };
        let is_json =
            fname.to_ascii_lowercase().ends_with(".json") || text.trim_start().starts_with('{');
        let parsed = if is_json {
            sc_floorplan::parse::json(&text)
        } else {
            sc_floorplan::parse::csv(&text)
        };
        let plan = match parsed {
            Ok(p) => p,
            Err(errs) => return Ok(back(errs)),
        };
        match s
            .app
            .save_hall_plan(&ctx.caller, fair_id, &hall.hall.code, Ok(plan))
            .await
        {
            Ok(_) => Ok(
                Redirect::to(&format!("/fairs/{fair_id}/manage?notice=plan_saved#plans"))
                    .into_response(),
            ),
            Err(sc_app::Error::Plan(errs)) => Ok(back(errs)),
            Err(e) => Err(e.into()),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
