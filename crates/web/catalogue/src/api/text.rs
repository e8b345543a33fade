//! How the platform reads a piece of text: what a user consults when a search did or did not
//! match.

use axum::Json;
use sc_domain::ErrorCode;
use sc_text::{Analyzer, Mode, Target};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use sc_web_http::error::{ApiError, ApiResult, Problem};
use sc_web_http::extract::ApiQuery;

/// Longest text accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyzeQuery {
    /// The text to analyse (at most 10,000 characters).
    text: String,
    /// `zh-Hans` or `zh-Hant`: also convert to that script.
    to: Option<String>,
    /// `index` (as a document: sub-words too, the default) or `query` (whole words).
    mode: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct AnalyzedToken {
    /// The token as the index holds it.
    token: String,
    /// Byte offsets into `text`.
    start: usize,
    end: usize,
    position: usize,
    /// What the token stands for: `word` (as written, stemmed if English), `sub` (a shorter
    /// word inside a long Chinese word), `compound` (Latin words joined by a hyphen, run
    /// together), `joined` (two Latin words written apart, run together; query mode only: an
    /// alternative for the words it covers).
    kind: TokenKind,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Sub,
    Compound,
    Joined,
    /// One Chinese character (not produced here; search adds them beside the words).
    Char,
}

impl From<sc_text::Kind> for TokenKind {
    fn from(k: sc_text::Kind) -> Self {
        match k {
            sc_text::Kind::Word => TokenKind::Word,
            sc_text::Kind::Sub => TokenKind::Sub,
            sc_text::Kind::Compound => TokenKind::Compound,
            sc_text::Kind::Joined => TokenKind::Joined,
            sc_text::Kind::Char => TokenKind::Char,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Analysis {
    text: String,
    /// `zh-Hant`, `zh-Hans`, `zh` (same in both scripts), `latin` or `other`.
    script: &'static str,
    /// The form every comparison uses: normalised, lower case, Simplified.
    folded: String,
    /// The text in the script asked for with `to`.
    #[serde(skip_serializing_if = "Option::is_none")]
    converted: Option<String>,
    tokens: Vec<AnalyzedToken>,
}

/// Analyses text the way search does: script, folded form, conversion and tokens.
#[utoipa::path(get, path = "/api/v1/text/analyze", tag = "meta", params(AnalyzeQuery),
    responses((status = 200, body = Analysis), (status = 400, body = Problem)))]
pub async fn analyze(ApiQuery(q): ApiQuery<AnalyzeQuery>) -> ApiResult<Json<Analysis>> {
    if q.text.chars().count() > MAX_TEXT_CHARS {
        return Err(ApiError::BadRequest {
            code: ErrorCode::TextTooLong,
            detail: format!("text: at most {MAX_TEXT_CHARS} characters"),
        });
    }
    let target = match q.to.as_deref() {
        None | Some("") => None,
        Some(t) => match sc_domain::Language::from_tag(t) {
            Some(sc_domain::Language::ZhHans) => Some(Target::Simplified),
            Some(sc_domain::Language::ZhHant) => Some(Target::Traditional),
            _ => {
                return Err(ApiError::BadRequest {
                    code: ErrorCode::BadQuery,
                    detail: "to: use zh-Hans or zh-Hant".into(),
                });
            }
        },
    };
    let mode = match q.mode.as_deref() {
        None | Some("") | Some("index") => Mode::Index,
        Some("query") => Mode::Query,
        Some(_) => {
            return Err(ApiError::BadRequest {
                code: ErrorCode::BadQuery,
                detail: "mode: use index or query".into(),
            });
        }
    };
    let text = q.text;
    // Segmenting 10,000 characters takes milliseconds; keep it off the async threads anyway.
    let analysis = tokio::task::spawn_blocking(move || {
        let a = Analyzer::shared();
        Analysis {
            script: a.script(&text).code(),
            folded: a.fold(&text),
            converted: target.map(|t| a.convert(&text, t)),
            tokens: a
                .tokens(&text, mode)
                .into_iter()
                .map(|t| AnalyzedToken {
                    token: t.text,
                    start: t.start,
                    end: t.end,
                    position: t.position,
                    kind: t.kind.into(),
                })
                .collect(),
            text,
        }
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Json(analysis))
}
