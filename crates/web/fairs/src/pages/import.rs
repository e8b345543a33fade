//! The organiser's spreadsheet import in the browser: upload, a dry run shown as a preview
//! (every bad row with line, column and reason; what would be created or updated), then
//! confirm. The upload waits in memory between preview and confirm (a restart asks for it
//! again); the confirmed import is one transaction, like the command line's.

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use sc_access::Action;
use sc_app::{Caller, NewExhibitor, NewProduct};
use sc_domain::ErrorCode;
use sc_import::{Parsed, RowError};

use crate::views::*;
use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_http::error::ApiError;
use sc_web_ui::context::{Ctx, PageId, UiError};
use sc_web_ui::present::*;

/// Largest sheet accepted through the browser (the command line takes up to 200 MB).
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;
use sc_app::ImportKind as Kind;

/// What a dry or real run found.
struct Outcome {
    encoding: &'static str,
    rows: usize,
    errors: Vec<RowError>,
    /// A problem only the database could find (a booth taken, an exhibitor never imported):
    /// its code and the English detail naming the rows.
    conflict: Option<(ErrorCode, String)>,
    created: usize,
    updated: usize,
    sample: Vec<Vec<String>>,
}

async fn run(
    s: &AppState,
    caller: &Caller,
    fair: i64,
    kind: Kind,
    bytes: &[u8],
    dry: bool,
) -> Result<Outcome, UiError> {
    fn base<T>(p: &Parsed<T>) -> Outcome {
        Outcome {
            encoding: p.encoding,
            rows: p.rows.len(),
            errors: p.errors.clone(),
            conflict: None,
            created: 0,
            updated: 0,
            sample: vec![],
        }
    }
    let file_error = |e: sc_import::FileError| Outcome {
        encoding: "",
        rows: 0,
        errors: vec![RowError {
            line: 0,
            column: None,
            code: ErrorCode::File,
            message: e.to_string(),
        }],
        conflict: None,
        created: 0,
        updated: 0,
        sample: vec![],
    };
    let conflict = |e: sc_app::Error, o: &mut Outcome| -> Result<(), UiError> {
        match e {
            sc_app::Error::Conflict { code, detail } => {
                o.conflict = Some((code, detail));
                Ok(())
            }
            other => Err(other.into()),
        }
    };
    match kind {
        Kind::Exhibitors => {
            let parsed = match sc_import::exhibitors::parse(bytes) {
                Ok(p) => p,
                Err(e) => return Ok(file_error(e)),
            };
            let mut o = base(&parsed);
            o.sample = parsed
                .rows
                .iter()
                .take(20)
                .map(|r| {
                    vec![
                        r.line.to_string(),
                        r.value.reference.clone(),
                        format!("{} · {}", r.value.hall, r.value.booth),
                        r.value
                            .organisation
                            .name
                            .best(sc_domain::Language::En)
                            .to_string(),
                    ]
                })
                .collect();
            if !parsed.is_clean() {
                return Ok(o);
            }
            let rows: Vec<NewExhibitor> = parsed
                .rows
                .into_iter()
                .map(|r| NewExhibitor {
                    reference: r.value.reference,
                    hall: r.value.hall,
                    booth: r.value.booth,
                    organisation: r.value.organisation,
                    contact_email: r.value.contact_email,
                })
                .collect();
            match s
                .app
                .import_exhibitors(caller, fair, &rows, dry, |_| {})
                .await
            {
                Ok(sum) => {
                    o.created = sum.created;
                    o.updated = sum.updated;
                }
                Err(e) => conflict(e, &mut o)?,
            }
            Ok(o)
        }
        Kind::Products => {
            let parsed = match sc_import::products::parse(bytes) {
                Ok(p) => p,
                Err(e) => return Ok(file_error(e)),
            };
            let mut o = base(&parsed);
            o.sample = parsed
                .rows
                .iter()
                .take(20)
                .map(|r| {
                    vec![
                        r.line.to_string(),
                        r.value.exhibitor.clone(),
                        r.value.reference.clone(),
                        r.value
                            .listing
                            .title
                            .best(sc_domain::Language::En)
                            .to_string(),
                    ]
                })
                .collect();
            if !parsed.is_clean() {
                return Ok(o);
            }
            let rows: Vec<NewProduct> = parsed
                .rows
                .into_iter()
                .map(|r| NewProduct {
                    line: r.line,
                    exhibitor: r.value.exhibitor,
                    reference: r.value.reference,
                    listing: r.value.listing,
                })
                .collect();
            match s
                .app
                .import_products(caller, fair, &rows, dry, |_| {})
                .await
            {
                Ok(sum) => {
                    o.created = sum.created;
                    o.updated = sum.updated;
                }
                Err(e) => conflict(e, &mut o)?,
            }
            Ok(o)
        }
    }
}

pub async fn form(State(s): State<AppState>, ctx: Ctx, PageId(fair_id): PageId) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.caller.may(Action::ManageFair)?;
        let t = ctx.t();
        let fair = s.app.fair(&ctx.caller, fair_id).await?;
        Ok(ctx.page(ImportPage {
            c: ctx.chrome("fairs"),
            t,
            fair: fair_card(&fair, t),
            preview: None,
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /fairs/{id}/manage/import` (multipart: csrf, kind, file): the dry run as a preview.
pub async fn upload(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(fair_id): PageId,
    mut multipart: Multipart,
) -> Response {
    let r: Result<Response, UiError> = async {
        let mut fields = FormData(Vec::new());
        let mut file: Option<Vec<u8>> = None;
        let unreadable = |e: axum::extract::multipart::MultipartError| ApiError::BadRequest {
            code: ErrorCode::BodyUnreadable,
            detail: e.body_text(),
        };
        while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
            let name = field.name().unwrap_or("").to_string();
            if name == "file" {
                file = Some(field.bytes().await.map_err(unreadable)?.to_vec());
            } else {
                fields
                    .0
                    .push((name, field.text().await.unwrap_or_default()));
            }
        }
        ctx.check_csrf(&fields)?;
        ctx.caller.may(Action::ManageFair)?;
        let t = ctx.t();
        let fair = s.app.fair(&ctx.caller, fair_id).await?;
        let kind = Kind::parse(fields.get("kind"));
        let bytes = file.unwrap_or_default();
        let outcome = run(&s, &ctx.caller, fair_id, kind, &bytes, true).await?;
        let clean = outcome.errors.is_empty() && outcome.conflict.is_none() && outcome.rows > 0;
        let token = match clean {
            true => Some(s.app.stage_import(&ctx.caller, fair_id, kind, bytes)?),
            false => None,
        };
        Ok(ctx.page(ImportPage {
            c: ctx.chrome("fairs"),
            t,
            fair: fair_card(&fair, t),
            preview: Some(preview(kind, outcome, token, t)),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

fn preview(kind: Kind, o: Outcome, token: Option<String>, t: sc_web_ui::Words) -> ImportPreview {
    ImportPreview {
        kind: kind.code(),
        encoding: o.encoding,
        rows: o.rows,
        created: o.created,
        updated: o.updated,
        errors: o
            .errors
            .iter()
            .take(500)
            .map(|e| {
                [
                    if e.line == 0 {
                        String::new()
                    } else {
                        e.line.to_string()
                    },
                    e.column.clone().unwrap_or_default(),
                    t.t(&e.code.message_key()).to_string(),
                    e.message.clone(),
                ]
            })
            .collect(),
        more_errors: o.errors.len().saturating_sub(500),
        conflict: o
            .conflict
            .map(|(code, detail)| (t.t(&code.message_key()).to_string(), detail)),
        sample_head: match kind {
            Kind::Exhibitors => vec![t.t("import-line"), "reference", "booth", "name"],
            Kind::Products => vec![t.t("import-line"), "exhibitor", "reference", "name"],
        },
        sample: o.sample,
        token,
    }
}

/// `POST /fairs/{id}/manage/import/confirm`: imports the previewed upload, all or nothing.
pub async fn confirm(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(fair_id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        ctx.caller.may(Action::ManageFair)?;
        let t = ctx.t();
        let Some((kind, bytes)) =
            s.app
                .take_staged_import(&ctx.caller, fair_id, form.get("upload"))?
        else {
            // Expired or already imported: start again rather than guess.
            return Ok(Redirect::to(&format!("/fairs/{fair_id}/manage/import")).into_response());
        };
        let outcome = run(&s, &ctx.caller, fair_id, kind, &bytes, false).await?;
        if outcome.errors.is_empty() && outcome.conflict.is_none() {
            return Ok(Redirect::to(&format!(
                "/fairs/{fair_id}/manage?notice=imported&created={}&updated={}",
                outcome.created, outcome.updated
            ))
            .into_response());
        }
        let fair = s.app.fair(&ctx.caller, fair_id).await?;
        Ok(ctx.page(ImportPage {
            c: ctx.chrome("fairs"),
            t,
            fair: fair_card(&fair, t),
            preview: Some(preview(kind, outcome, None, t)),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
