//! "My fair": a buyer's bookmarks at one fair, with notes, tags and visited marks, a route
//! through them on the plan, and exports as CSV and vCards.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use sc_app::{Bookmark, BookmarkChange, Source, split_tags};
use sc_import::export::{Card, csv_document, vcards};
use serde::Deserialize;

use crate::views::*;
use sc_app::time::{local_time, venue_offset_ms};
use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_http::error::ApiError;
use sc_web_http::extract::Ids;
use sc_web_ui::context::{Ctx, PageId, UiError, encode};
use sc_web_ui::present::*;
use sc_web_ui::views::Opt;

#[derive(Deserialize, Default)]
pub struct MyQuery {
    tag: Option<String>,
    notice: Option<String>,
}

/// A file to save, named in ASCII (browsers differ on anything else).
pub fn download(name: &str, content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

fn booths_text(b: &Bookmark) -> String {
    b.booths
        .iter()
        .map(|(h, c)| format!("{h} · {c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(fair_id): PageId,
    Query(q): Query<MyQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let marks = s.app.bookmarks(&ctx.caller, fair_id).await?;
        let fair = s.app.fair(&ctx.caller, fair_id).await?;
        let (offset, _) = venue_offset_ms(&fair.time_zone);
        let tag = q.tag.clone().unwrap_or_default();
        let mut all_tags: Vec<String> = marks.iter().flat_map(|b| b.tags.clone()).collect();
        all_tags.sort();
        all_tags.dedup();
        let rows = marks
            .iter()
            .filter(|b| tag.is_empty() || b.tags.contains(&tag))
            .map(|b| {
                let name = sc_web_ui::present::shown(&b.organisation_name, t.lang);
                BookmarkRow {
                    org_id: b.organisation_id,
                    name: name.text,
                    name_lang: name.lang,
                    booths: booths_text(b),
                    plan_href: match b.booths.first() {
                        Some((h, c)) => {
                            format!("/fairs/{fair_id}/plan?hall={}&to={}", encode(h), encode(c))
                        }
                        None => format!("/fairs/{fair_id}/plan"),
                    },
                    note: b.note.clone(),
                    tags: b.tags.join(" "),
                    visited: b.visited_at.is_some(),
                    source: t.t(match b.source {
                        Source::Scan => "my-source_scan",
                        Source::Online => "my-source_online",
                    }),
                    created: local_time(b.created_at, offset),
                }
            })
            .collect();
        let notice = notice_text(q.notice.as_deref(), t);
        Ok(ctx.page(MyFairPage {
            c: ctx.chrome("fairs"),
            t,
            fair: fair_card(&fair, t),
            rows,
            tags: all_tags
                .into_iter()
                .map(|v| Opt {
                    selected: v == tag,
                    label: v.clone(),
                    value: v,
                })
                .collect(),
            tag,
            route_href: format!("/fairs/{fair_id}/plan?mine=1"),
            notice,
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{fair}/my/{org}`: note, tags and the visited mark of one bookmark.
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    ids: Result<Ids, ApiError>,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        let Ids(fair, org) = ids?;
        ctx.check_csrf(&form)?;
        let change = BookmarkChange {
            note: Some(form.get("note").to_string()),
            tags: Some(split_tags(form.get("tags"))),
            visited: Some(form.get("visited") == "1"),
        };
        match s.app.update_bookmark(&ctx.caller, fair, org, change).await {
            Ok(_) => {}
            Err(sc_app::Error::Invalid(_)) => {
                return Ok(
                    Redirect::to(&format!("/fairs/{fair}/my?notice=note_invalid")).into_response(),
                );
            }
            Err(e) => return Err(e.into()),
        }
        Ok(Redirect::to(&format!("/fairs/{fair}/my?notice=saved#b{org}")).into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /fairs/{fair}/my/bookmarks.csv`.
pub async fn export_csv(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    PageId(fair_id): PageId,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let marks = s.app.bookmarks(&ctx.caller, fair_id).await?;
        let fair = s.app.fair(&ctx.caller, fair_id).await?;
        let (offset, _) = venue_offset_ms(&fair.time_zone);
        let mut rows = Vec::with_capacity(marks.len());
        for b in &marks {
            let o = s.app.organisation(&ctx.caller, b.organisation_id).await?;
            rows.push(vec![
                b.organisation_name.best(t.lang).to_string(),
                booths_text(b),
                o.website.clone().unwrap_or_default(),
                b.note.clone(),
                b.tags.join(" "),
                b.visited_at
                    .map(|v| local_time(v, offset))
                    .unwrap_or_default(),
                b.source.code().to_string(),
                local_time(b.created_at, offset),
                format!(
                    "{}/fairs/{fair_id}/exhibitors/{}",
                    super::organiser::base_url(&s, &headers),
                    b.organisation_id
                ),
            ]);
        }
        let body = csv_document(
            &[
                "exhibitor",
                "booth",
                "website",
                "note",
                "tags",
                "visited",
                "source",
                "bookmarked",
                "page",
            ],
            &rows,
        );
        Ok(download(
            &format!("fair-{fair_id}-bookmarks.csv"),
            "text/csv; charset=utf-8",
            body,
        ))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /fairs/{fair}/my/bookmarks.vcf`: one card per bookmarked exhibitor.
pub async fn export_vcard(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(fair_id): PageId,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let marks = s.app.bookmarks(&ctx.caller, fair_id).await?;
        let mut cards = Vec::with_capacity(marks.len());
        for b in &marks {
            let o = s.app.organisation(&ctx.caller, b.organisation_id).await?;
            let name = b.organisation_name.best(t.lang).to_string();
            let booth = booths_text(b);
            let note = [booth, b.note.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            cards.push(Card {
                full_name: name.clone(),
                organisation: Some(name),
                url: o.website.clone(),
                note: (!note.is_empty()).then_some(note),
                categories: b.tags.clone(),
                ..Default::default()
            });
        }
        Ok(download(
            &format!("fair-{fair_id}-bookmarks.vcf"),
            "text/vcard; charset=utf-8",
            vcards(&cards),
        ))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
