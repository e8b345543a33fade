//! Photos of products and organisations: upload (checked and re-encoded by `sc_media`),
//! delete, and serving both renditions to whoever may see what they belong to.

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use sc_app::ImageOwner;
use sc_domain::ErrorCode;

use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_http::error::ApiError;
use sc_web_ui::context::{Ctx, PageId, UiError};

fn page_of(owner: ImageOwner) -> String {
    match owner {
        ImageOwner::Listing(id) => format!("/listings/{id}"),
        ImageOwner::Organisation(id) => format!("/organisations/{id}"),
    }
}

async fn upload(s: AppState, ctx: Ctx, owner: ImageOwner, mut multipart: Multipart) -> Response {
    let r: Result<Response, UiError> = async {
        let mut fields = FormData(Vec::new());
        let mut file: Vec<u8> = Vec::new();
        let unreadable = |e: axum::extract::multipart::MultipartError| ApiError::BadRequest {
            code: ErrorCode::BodyUnreadable,
            detail: e.body_text(),
        };
        while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
            if field.name() == Some("file") {
                file = field.bytes().await.map_err(unreadable)?.to_vec();
            } else {
                let name = field.name().unwrap_or("").to_string();
                fields
                    .0
                    .push((name, field.text().await.unwrap_or_default()));
            }
        }
        ctx.check_csrf(&fields)?;
        let back = page_of(owner);
        match s.app.add_photo(&ctx.caller, owner, file).await {
            Ok(_) => Ok(Redirect::to(&format!("{back}?notice=photo_added#photos")).into_response()),
            Err(sc_app::Error::Conflict { code, .. }) => {
                Ok(Redirect::to(&format!("{back}?notice={code}#photos")).into_response())
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `POST /listings/{id}/photos` (multipart: csrf, file).
pub async fn upload_for_listing(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    multipart: Multipart,
) -> Response {
    upload(s, ctx, ImageOwner::Listing(id), multipart).await
}

/// `POST /organisations/{id}/photos` (multipart: csrf, file).
pub async fn upload_for_organisation(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    multipart: Multipart,
) -> Response {
    upload(s, ctx, ImageOwner::Organisation(id), multipart).await
}

/// `POST /images/{id}/delete`.
pub async fn delete(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let owner = s.app.delete_photo(&ctx.caller, id).await?;
        Ok(
            Redirect::to(&format!("{}?notice=photo_removed#photos", page_of(owner)))
                .into_response(),
        )
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// `GET /images/{id}/{digest}` and `…/thumb`: the JPEG, to whoever may see its owner. The
/// digest in the path names this version, so the answer can be cached for long.
pub async fn serve(
    State(s): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(parts): Path<Vec<(String, String)>>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let id = parts
            .first()
            .and_then(|(_, v)| v.parse::<i64>().ok())
            .ok_or(ApiError::NotFound)?;
        let digest = parts.get(1).map(|(_, v)| v.as_str()).unwrap_or("");
        let img = s.app.photo_info(&ctx.caller, id, digest).await?;
        let etag = format!("\"{}\"", img.digest);
        if headers
            .get(header::IF_NONE_MATCH)
            .is_some_and(|v| v.as_bytes() == etag.as_bytes())
        {
            return Ok(StatusCode::NOT_MODIFIED.into_response());
        }
        let thumb = ctx.path_and_query.ends_with("/thumb");
        let (_, bytes) = s.app.photo(&ctx.caller, id, digest, thumb).await?;
        Ok((
            [
                (header::CONTENT_TYPE, sc_media::CONTENT_TYPE.to_string()),
                (header::CACHE_CONTROL, "private, max-age=86400".to_string()),
                (header::ETAG, etag),
            ],
            bytes,
        )
            .into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
