//! Accounts, their contact details and their sessions.

use sc_domain::ErrorCode;
use sc_domain::Language;
use sc_domain::organisation::OrgId;
use sc_domain::person::{Account, ContactDetails, OrgRole, PlatformRole, PublicProfile, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::codec::{location, parsed};
use crate::{Page, PageRequest, Result, StorageError, Store, WriteTx, now_ms, on_unique, touched};

/// An account to create. The password arrives already hashed: storage never sees it in clear.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub preferred_language: Language,
    pub location: sc_domain::Location,
    pub platform_role: PlatformRole,
}

/// Inserts an account inside an open write.
pub(crate) async fn insert_user(w: &mut WriteTx<'_>, u: &NewUser) -> Result<UserId> {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, preferred_language, location, platform_role, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(u.email.clone())
    .bind(u.password_hash.clone())
    .bind(u.display_name.clone())
    .bind(u.preferred_language.code())
    .bind(u.location.code())
    .bind(u.platform_role.code())
    .bind(now_ms())
    .fetch_one(&mut *w.tx)
    .await
    .map_err(on_unique(ErrorCode::EmailTaken, "an account with this e-mail address exists"))
}

const ACCOUNT_COLUMNS: &str =
    "id, email, display_name, preferred_language, location, platform_role, created_at";

fn account(row: &AnyRow) -> Result<Account> {
    Ok(Account {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        preferred_language: parsed(row, "preferred_language", Language::from_tag)?,
        location: location(row, "location")?,
        platform_role: parsed(row, "platform_role", PlatformRole::parse)?,
        created_at: row.try_get("created_at")?,
    })
}

impl Store {
    pub async fn create_user(&self, u: &NewUser) -> Result<Account> {
        let mut w = self.write().await?;
        let id = insert_user(&mut w, u).await?;
        w.commit().await?;
        self.account(id).await
    }

    pub async fn account(&self, id: UserId) -> Result<Account> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM users WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StorageError::NotFound)?;
        account(&row)
    }

    /// The account and its password hash, for signing in.
    pub async fn account_by_email(&self, email: &str) -> Result<Option<(Account, String)>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS}, password_hash FROM users WHERE email = $1");
        let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(email.to_string())
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        Ok(Some((account(&row)?, row.try_get("password_hash")?)))
    }

    pub async fn public_profile(&self, id: UserId) -> Result<PublicProfile> {
        let a = self.account(id).await?;
        Ok(PublicProfile {
            id: a.id,
            display_name: a.display_name,
            location: a.location,
        })
    }

    pub async fn list_accounts(&self, page: PageRequest) -> Result<Page<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM users ORDER BY id LIMIT $1 OFFSET $2");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(page.per_page as i64)
            .bind(page.offset())
            .fetch_all(self.pool())
            .await?;
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(self.pool())
            .await?;
        Ok(Page {
            items: rows.iter().map(account).collect::<Result<_>>()?,
            total,
        })
    }

    /// Changes the profile fields a person may change themself.
    pub async fn update_account(
        &self,
        id: UserId,
        display_name: &str,
        preferred_language: Language,
        location: sc_domain::Location,
    ) -> Result<Account> {
        let mut w = self.write().await?;
        let n = sqlx::query("UPDATE users SET display_name = $1, preferred_language = $2, location = $3 WHERE id = $4")
            .bind(display_name.to_string())
            .bind(preferred_language.code())
            .bind(location.code())
            .bind(id)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        touched(n)?;
        w.commit().await?;
        self.account(id).await
    }

    pub async fn set_preferred_language(&self, id: UserId, lang: Language) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("UPDATE users SET preferred_language = $1 WHERE id = $2")
            .bind(lang.code())
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await
    }

    pub async fn set_platform_role(&self, id: UserId, role: PlatformRole) -> Result<Account> {
        let mut w = self.write().await?;
        let n = sqlx::query("UPDATE users SET platform_role = $1 WHERE id = $2")
            .bind(role.code())
            .bind(id)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        touched(n)?;
        w.commit().await?;
        self.account(id).await
    }

    pub async fn set_password_hash(&self, id: UserId, password_hash: &str) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash.to_string())
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        // A new password ends every existing session.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await
    }

    pub async fn contact_details(&self, id: UserId) -> Result<ContactDetails> {
        let row = sqlx::query(
            "SELECT phone, wechat, whatsapp, postal_address FROM user_contacts WHERE user_id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        Ok(match row {
            None => ContactDetails::default(),
            Some(r) => ContactDetails {
                phone: r.try_get("phone")?,
                wechat: r.try_get("wechat")?,
                whatsapp: r.try_get("whatsapp")?,
                postal_address: r.try_get("postal_address")?,
            },
        })
    }

    pub async fn put_contact_details(&self, id: UserId, c: &ContactDetails) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM user_contacts WHERE user_id = $1")
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query("INSERT INTO user_contacts (user_id, phone, wechat, whatsapp, postal_address, updated_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(id)
            .bind(c.phone.clone())
            .bind(c.wechat.clone())
            .bind(c.whatsapp.clone())
            .bind(c.postal_address.clone())
            .bind(now_ms())
            .execute(&mut *w.tx)
            .await?;
        w.commit().await
    }

    /// The organisations a person belongs to, for authorisation.
    pub async fn memberships_of(&self, user: UserId) -> Result<Vec<(OrgId, OrgRole)>> {
        let rows = sqlx::query("SELECT organisation_id, role FROM memberships WHERE user_id = $1 ORDER BY organisation_id")
            .bind(user)
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("organisation_id")?,
                    parsed(r, "role", OrgRole::parse)?,
                ))
            })
            .collect()
    }

    /// Records a session under the hash of its token (the token itself is never stored).
    pub async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        kind: &str,
        expires_at: i64,
    ) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(token_hash.to_string())
            .bind(user)
            .bind(kind.to_string())
            .bind(now_ms())
            .bind(expires_at)
            .execute(&mut *w.tx)
            .await?;
        // A new session changes nothing a cache holds (its token was never seen before), so it
        // does not move the epoch: hundreds of sign-ins at a fair's entrance must not empty the
        // booth, layout and exhibitor caches.
        w.commit_untracked().await
    }

    /// The user a live session belongs to.
    pub async fn session_user(&self, token_hash: &str) -> Result<Option<UserId>> {
        Ok(sqlx::query_scalar(
            "SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash.to_string())
        .bind(now_ms())
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1 OR expires_at <= $2")
            .bind(token_hash.to_string())
            .bind(now_ms())
            .execute(&mut *w.tx)
            .await?;
        w.commit().await
    }
}
