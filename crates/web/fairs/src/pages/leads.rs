//! An exhibitor's leads at a fair: who scanned or bookmarked it, or asked to be contacted.
//! Contact details appear only where the buyer agreed, only on request, and only through
//! `Store::reveal_lead_contacts`, which records each reveal.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use sc_app::{RevealedContact, Source};
use sc_domain::governance::RevealPurpose;
use sc_import::export::{Card, csv_document, vcards};
use serde::Deserialize;

use super::myfair::download;
use crate::views::*;
use sc_app::time::{local_time, venue_offset_ms};
use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_http::error::ApiError;
use sc_web_http::extract::Ids;
use sc_web_ui::context::{Ctx, UiError};
use sc_web_ui::present::*;

#[derive(Deserialize, Default)]
pub struct LeadsQuery {
    reveal: Option<String>,
    notice: Option<String>,
}

pub async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    ids: Result<Ids, ApiError>,
    Query(q): Query<LeadsQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let Ids(fair_id, org) = ids?;
        let t = ctx.t();
        let leads = s.app.leads(&ctx.caller, fair_id, org).await?;
        let fair = s.app.fair(&ctx.caller, fair_id).await?;
        let o = s.app.organisation(&ctx.caller, org).await?;
        let (offset, _) = venue_offset_ms(&fair.time_zone);
        let revealed: HashMap<i64, Vec<sc_web_ui::present::ContactLine>> =
            if q.reveal.as_deref() == Some("1") {
                s.app
                    .reveal_lead_contacts(&ctx.caller, fair_id, org, &[], RevealPurpose::LeadView)
                    .await?
                    .iter()
                    .map(|c| (c.user_id, sc_web_ui::present::contact_lines(c)))
                    .collect()
            } else {
                HashMap::new()
            };
        let rows = leads
            .iter()
            .map(|l| LeadRow {
                user_id: l.user_id,
                name: l.display_name.clone(),
                location: t.place(&l.location).to_string(),
                language: l.language.native_name(),
                source: t.t(match l.source {
                    Source::Scan => "my-source_scan",
                    Source::Online => "my-source_online",
                }),
                scans: l.scans,
                bookmarked: l.bookmarked,
                first: local_time(l.first_at, offset),
                last: local_time(l.last_at, offset),
                message: l.message.clone(),
                note: l.note.clone(),
                score: l.score,
                contact: if l.shares_contact {
                    revealed.get(&l.user_id).cloned()
                } else {
                    None
                },
                conversation: match l.conversation_id {
                    Some(c) => format!("/conversations/{c}"),
                    None => format!(
                        "/conversations/new?to=person:{}&as={org}&fair={fair_id}",
                        l.user_id
                    ),
                },
                has_conversation: l.conversation_id.is_some(),
                unread: l.unread,
            })
            .collect();
        let notice = notice_text(q.notice.as_deref(), t);
        Ok(ctx.page(LeadsPage {
            c: ctx.chrome("fairs"),
            t,
            fair: fair_card(&fair, t),
            org: org_card(&o, t, None),
            org_id: o.id,
            rows,
            scores: (0..=5).collect(),
            notice,
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{fair}/leads/{org}/{user}`: the exhibitor's note and score.
pub async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    Path((fair, org, user)): Path<(String, String, String)>,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        let num = |v: &str| {
            v.parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or(ApiError::NotFound)
        };
        let (fair, org, user) = (num(&fair)?, num(&org)?, num(&user)?);
        ctx.check_csrf(&form)?;
        let note = form.get("note").trim();
        // Anything but a number is out of range; the use case says so after its check.
        let score = form.get("score").parse::<i64>().unwrap_or(-1);
        match s
            .app
            .update_lead(&ctx.caller, fair, org, user, note, score)
            .await
        {
            Ok(()) => {}
            Err(sc_app::Error::Invalid(_)) => {
                return Ok(
                    Redirect::to(&format!("/fairs/{fair}/leads/{org}?notice=note_invalid"))
                        .into_response(),
                );
            }
            Err(e) => return Err(e.into()),
        }
        Ok(Redirect::to(&format!("/fairs/{fair}/leads/{org}?notice=saved")).into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /fairs/{fair}/leads/{org}/leads.csv`: every lead; contact columns filled where the
/// buyer agreed (each such row is a recorded reveal).
pub async fn export_csv(
    State(s): State<AppState>,
    ctx: Ctx,
    ids: Result<Ids, ApiError>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let Ids(fair_id, org) = ids?;
        let leads = s.app.leads(&ctx.caller, fair_id, org).await?;
        let fair = s.app.fair(&ctx.caller, fair_id).await?;
        let (offset, _) = venue_offset_ms(&fair.time_zone);
        let contacts: HashMap<i64, RevealedContact> = s
            .app
            .reveal_lead_contacts(&ctx.caller, fair_id, org, &[], RevealPurpose::LeadExportCsv)
            .await?
            .into_iter()
            .map(|c| (c.user_id, c))
            .collect();
        let rows: Vec<Vec<String>> = leads
            .iter()
            .map(|l| {
                let c = contacts.get(&l.user_id);
                let d = c.map(|c| c.details.clone()).unwrap_or_default();
                vec![
                    l.display_name.clone(),
                    l.location.code().to_string(),
                    l.language.code().to_string(),
                    l.source.code().to_string(),
                    l.scans.to_string(),
                    l.bookmarked.to_string(),
                    local_time(l.first_at, offset),
                    local_time(l.last_at, offset),
                    l.message.clone(),
                    l.note.clone(),
                    l.score.to_string(),
                    c.map(|c| c.email.clone()).unwrap_or_default(),
                    d.phone.unwrap_or_default(),
                    d.whatsapp.unwrap_or_default(),
                    d.wechat.unwrap_or_default(),
                ]
            })
            .collect();
        let body = csv_document(
            &[
                "name",
                "location",
                "language",
                "source",
                "scans",
                "bookmarked",
                "first",
                "last",
                "message",
                "note",
                "score",
                "email",
                "phone",
                "whatsapp",
                "wechat",
            ],
            &rows,
        );
        Ok(download(
            &format!("fair-{fair_id}-leads-{org}.csv"),
            "text/csv; charset=utf-8",
            body,
        ))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /fairs/{fair}/leads/{org}/leads.vcf`: cards for the leads who share their details.
pub async fn export_vcard(
    State(s): State<AppState>,
    ctx: Ctx,
    ids: Result<Ids, ApiError>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let Ids(fair_id, org) = ids?;
        let leads = s.app.leads(&ctx.caller, fair_id, org).await?;
        let cards: Vec<Card> = s
            .app
            .reveal_lead_contacts(
                &ctx.caller,
                fair_id,
                org,
                &[],
                RevealPurpose::LeadExportVcard,
            )
            .await?
            .into_iter()
            .map(|c| {
                let l = leads.iter().find(|l| l.user_id == c.user_id);
                let mut extra = Vec::new();
                if let Some(w) = &c.details.wechat {
                    extra.push(("X-WECHAT", w.clone()));
                }
                if let Some(w) = &c.details.whatsapp {
                    extra.push(("X-WHATSAPP", w.clone()));
                }
                Card {
                    full_name: c.display_name.clone(),
                    emails: vec![c.email.clone()],
                    phones: c.details.phone.iter().cloned().collect(),
                    note: l
                        .map(|l| {
                            [l.message.clone(), l.note.clone()]
                                .into_iter()
                                .filter(|s| !s.is_empty())
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .filter(|n| !n.is_empty()),
                    extra,
                    ..Default::default()
                }
            })
            .collect();
        Ok(download(
            &format!("fair-{fair_id}-leads-{org}.vcf"),
            "text/vcard; charset=utf-8",
            vcards(&cards),
        ))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
