//! What e-mail about messages needs: who has unread messages waiting, each person's
//! unsubscribe token and choice, and when their last digest went.

use sc_domain::conversation::ConversationId;
use sc_domain::person::UserId;
use sc_domain::{Language, LocalizedText};
use sqlx::Row;

use crate::codec::{parsed, text};
use crate::{Result, Store, now_ms, touched};

/// One conversation waiting for one person, with what a digest says of it.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub language: Language,
    pub conversation_id: ConversationId,
    /// The other side, as the person sees it.
    pub with: LocalizedText,
    pub unread: i64,
    pub last_at: i64,
    pub last_body: String,
    pub unsubscribed: bool,
    pub last_digest_at: Option<i64>,
}

impl Store {
    /// Conversations with unread messages whose last message is older than `cutoff`, for
    /// each person who would read them: the person of side A, the second person, and the
    /// members of an organisation (all of them, or the one it is assigned to).
    pub async fn waiting_conversations(&self, cutoff: i64) -> Result<Vec<Waiting>> {
        let rows = sqlx::query(
            "SELECT w.user_id, w.conversation_id, w.unread, c.last_at, u.email, u.display_name, u.preferred_language,
                    w.w_zh_hant, w.w_zh_hans, w.w_en, m.body AS last_body,
                    s.unsubscribed_at, s.last_digest_at
             FROM (
               SELECT c.person_id AS user_id, c.id AS conversation_id, c.a_unread AS unread,
                      COALESCE(o.name_zh_hant, ub.display_name) AS w_zh_hant,
                      COALESCE(o.name_zh_hans, ub.display_name) AS w_zh_hans,
                      COALESCE(o.name_en, ub.display_name) AS w_en
                 FROM conversations c LEFT JOIN organisations o ON o.id = c.organisation_id
                 LEFT JOIN users ub ON ub.id = c.other_person_id
                WHERE c.a_unread > 0 AND c.last_at <= $1
               UNION ALL
               SELECT c.other_person_id, c.id, c.b_unread, ua.display_name, ua.display_name, ua.display_name
                 FROM conversations c JOIN users ua ON ua.id = c.person_id
                WHERE c.other_person_id IS NOT NULL AND c.b_unread > 0 AND c.last_at <= $1
               UNION ALL
               SELECT ms.user_id, c.id, c.b_unread, ua.display_name, ua.display_name, ua.display_name
                 FROM conversations c JOIN memberships ms ON ms.organisation_id = c.organisation_id
                 JOIN users ua ON ua.id = c.person_id
                WHERE c.b_unread > 0 AND c.last_at <= $1 AND (c.assigned_to IS NULL OR c.assigned_to = ms.user_id)
             ) w
             JOIN conversations c ON c.id = w.conversation_id
             JOIN users u ON u.id = w.user_id
             LEFT JOIN messages m ON m.id = c.last_message_id
             LEFT JOIN mail_settings s ON s.user_id = w.user_id
             ORDER BY w.user_id, c.last_at DESC",
        )
        .bind(cutoff)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Waiting {
                    user_id: r.try_get("user_id")?,
                    email: r.try_get("email")?,
                    display_name: r.try_get("display_name")?,
                    language: parsed(r, "preferred_language", Language::from_tag)?,
                    conversation_id: r.try_get("conversation_id")?,
                    with: text(r, "w")?,
                    unread: r.try_get("unread")?,
                    last_at: r.try_get("last_at")?,
                    last_body: r
                        .try_get::<Option<String>, _>("last_body")?
                        .unwrap_or_default(),
                    unsubscribed: r.try_get::<Option<i64>, _>("unsubscribed_at")?.is_some(),
                    last_digest_at: r.try_get("last_digest_at")?,
                })
            })
            .collect()
    }

    /// The person's unsubscribe token, made with `fresh` the first time.
    pub async fn mail_token(&self, user: UserId, fresh: &str) -> Result<String> {
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO mail_settings (user_id, unsubscribe_token) VALUES ($1, $2)
             ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(user)
        .bind(fresh.to_string())
        .execute(&mut *w.tx)
        .await?;
        let token: String =
            sqlx::query_scalar("SELECT unsubscribe_token FROM mail_settings WHERE user_id = $1")
                .bind(user)
                .fetch_one(&mut *w.tx)
                .await?;
        w.commit_untracked().await?;
        Ok(token)
    }

    /// A digest went to `user` at `at`.
    pub async fn digest_sent(&self, user: UserId, at: i64) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query("UPDATE mail_settings SET last_digest_at = $1 WHERE user_id = $2")
            .bind(at)
            .bind(user)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        touched(n)?;
        w.commit_untracked().await
    }

    /// Stops (or, with `on = true`, restarts) e-mail for whoever holds `token`; `None` when the
    /// token is nobody's. Returns the person.
    pub async fn set_mail_by_token(&self, token: &str, on: bool) -> Result<Option<UserId>> {
        let mut w = self.write().await?;
        let user: Option<UserId> =
            sqlx::query_scalar("SELECT user_id FROM mail_settings WHERE unsubscribe_token = $1")
                .bind(token.to_string())
                .fetch_optional(&mut *w.tx)
                .await?;
        if let Some(u) = user {
            sqlx::query("UPDATE mail_settings SET unsubscribed_at = $1 WHERE user_id = $2")
                .bind(if on { None } else { Some(now_ms()) })
                .bind(u)
                .execute(&mut *w.tx)
                .await?;
        }
        w.commit_untracked().await?;
        Ok(user)
    }

    /// Whether `user` receives e-mail about messages.
    pub async fn mail_wanted(&self, user: UserId) -> Result<bool> {
        let off: Option<Option<i64>> =
            sqlx::query_scalar("SELECT unsubscribed_at FROM mail_settings WHERE user_id = $1")
                .bind(user)
                .fetch_optional(self.pool())
                .await?;
        Ok(!matches!(off, Some(Some(_))))
    }
}
