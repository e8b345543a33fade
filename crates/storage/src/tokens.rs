//! The secrets printed in booths' QR codes. A token is 128 random bits (22 URL-safe
//! characters): unguessable, so a scan proves the visitor saw the code. The organiser can
//! revoke a token (a leaked or mis-printed sheet) and a fresh one is issued in its place.

use base64::Engine as _;
use sc_domain::fair::{BoothId, FairId};
use sc_domain::organisation::OrgId;
use sqlx::Row;

use crate::{Result, StorageError, Store, WriteTx, now_ms};

/// A fresh random token.
pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether text could be a token at all (checked before touching the database).
pub fn looks_like_token(s: &str) -> bool {
    s.len() == 22
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The booth a live token stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenTarget {
    pub booth_id: BoothId,
    pub booth_code: String,
    pub hall_code: String,
    pub fair_id: FairId,
    pub organisation_id: Option<OrgId>,
}

/// What a scanned token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenLookup {
    Live(TokenTarget),
    /// Withdrawn by the organiser; the fair is named so the visitor can look the exhibitor up.
    Revoked {
        fair_id: FairId,
    },
    Unknown,
}

/// One row of the printable sheet.
#[derive(Debug, Clone)]
pub struct BoothCode {
    pub booth_id: BoothId,
    pub booth_code: String,
    pub hall_code: String,
    pub organisation_id: Option<OrgId>,
    pub token: String,
}

async fn issue(w: &mut WriteTx<'_>, booth: BoothId) -> Result<String> {
    let token = new_token();
    sqlx::query("INSERT INTO booth_tokens (token, booth_id, created_at) VALUES ($1, $2, $3)")
        .bind(token.clone())
        .bind(booth)
        .bind(now_ms())
        .execute(&mut *w.tx)
        .await?;
    Ok(token)
}

impl Store {
    pub async fn lookup_token(&self, token: &str) -> Result<TokenLookup> {
        if !looks_like_token(token) {
            return Ok(TokenLookup::Unknown);
        }
        let row = sqlx::query(
            "SELECT t.revoked_at, b.id, b.code, b.organisation_id, h.code AS hall_code, h.fair_id
             FROM booth_tokens t JOIN booths b ON b.id = t.booth_id JOIN halls h ON h.id = b.hall_id
             WHERE t.token = $1",
        )
        .bind(token.to_string())
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = row else {
            return Ok(TokenLookup::Unknown);
        };
        let fair_id = r.try_get("fair_id")?;
        if r.try_get::<Option<i64>, _>("revoked_at")?.is_some() {
            return Ok(TokenLookup::Revoked { fair_id });
        }
        Ok(TokenLookup::Live(TokenTarget {
            booth_id: r.try_get("id")?,
            booth_code: r.try_get("code")?,
            hall_code: r.try_get("hall_code")?,
            fair_id,
            organisation_id: r.try_get("organisation_id")?,
        }))
    }

    /// The live code of every booth of a fair, issuing codes for booths that have none.
    pub async fn booth_codes(&self, fair: FairId) -> Result<Vec<BoothCode>> {
        self.fair(fair).await?;
        let mut w = self.write().await?;
        let without: Vec<i64> = sqlx::query_scalar(
            "SELECT b.id FROM booths b JOIN halls h ON h.id = b.hall_id
             WHERE h.fair_id = $1 AND NOT EXISTS
               (SELECT 1 FROM booth_tokens t WHERE t.booth_id = b.id AND t.revoked_at IS NULL)",
        )
        .bind(fair)
        .fetch_all(&mut *w.tx)
        .await?;
        for booth in without {
            issue(&mut w, booth).await?;
        }
        let rows = sqlx::query(
            "SELECT b.id, b.code, b.organisation_id, h.code AS hall_code, t.token
             FROM booths b JOIN halls h ON h.id = b.hall_id
             JOIN booth_tokens t ON t.booth_id = b.id AND t.revoked_at IS NULL
             WHERE h.fair_id = $1 ORDER BY h.code, b.code",
        )
        .bind(fair)
        .fetch_all(&mut *w.tx)
        .await?;
        w.commit().await?;
        rows.iter()
            .map(|r| {
                Ok(BoothCode {
                    booth_id: r.try_get("id")?,
                    booth_code: r.try_get("code")?,
                    hall_code: r.try_get("hall_code")?,
                    organisation_id: r.try_get("organisation_id")?,
                    token: r.try_get("token")?,
                })
            })
            .collect()
    }

    /// Revokes a booth's live code and issues a new one; returns the new token.
    pub async fn reissue_booth_code(&self, fair: FairId, booth: BoothId) -> Result<String> {
        let mut w = self.write().await?;
        let in_fair: Option<i64> = sqlx::query_scalar(
            "SELECT b.id FROM booths b JOIN halls h ON h.id = b.hall_id WHERE b.id = $1 AND h.fair_id = $2",
        )
        .bind(booth)
        .bind(fair)
        .fetch_optional(&mut *w.tx)
        .await?;
        if in_fair.is_none() {
            return Err(StorageError::NotFound);
        }
        sqlx::query(
            "UPDATE booth_tokens SET revoked_at = $1 WHERE booth_id = $2 AND revoked_at IS NULL",
        )
        .bind(now_ms())
        .bind(booth)
        .execute(&mut *w.tx)
        .await?;
        let token = issue(&mut w, booth).await?;
        w.commit().await?;
        Ok(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_22_url_safe_characters_and_differ() {
        let a = new_token();
        let b = new_token();
        assert!(looks_like_token(&a), "{a}");
        assert_ne!(a, b);
        assert!(!looks_like_token("short"));
        assert!(!looks_like_token("aaaaaaaaaaaaaaaaaaaaa/"));
    }
}
