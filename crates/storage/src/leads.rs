//! Exhibitors' leads: who scanned or bookmarked them at a fair, or asked to be contacted.
//! Contact details leave this module only through [`Store::reveal_lead_contacts`], which asks
//! the governance rule and records every reveal in the same transaction.

use sc_domain::fair::FairId;
use sc_domain::governance::{RevealPurpose, may_reveal_contact};
use sc_domain::organisation::OrgId;
use sc_domain::person::{ContactDetails, UserId};
use sc_domain::{Language, Location};
use sqlx::Row;

use crate::bookmarks::{Source, exhibits_in, touch_lead};
use crate::codec::{location, parsed};
use crate::conversations::{NewMessage, Opening, Posted, start_in};
use crate::{Result, Store, now_ms, touched};
use sc_domain::conversation::Parties;
use sc_domain::listing::Owner;

#[derive(Debug, Clone)]
pub struct Lead {
    pub user_id: UserId,
    pub display_name: String,
    pub location: Location,
    pub language: Language,
    pub source: Source,
    pub scans: i64,
    pub bookmarked: bool,
    pub shares_contact: bool,
    /// The buyer's contact request, if any.
    pub message: String,
    pub note: String,
    pub score: i64,
    pub first_at: i64,
    pub last_at: i64,
    /// The buyer's conversation with the exhibitor, if they have one.
    pub conversation_id: Option<i64>,
    /// Messages from the buyer the exhibitor has not read.
    pub unread: i64,
}

/// Contact details shown to an exhibitor, with the e-mail of the account.
#[derive(Debug, Clone)]
pub struct RevealedContact {
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    pub details: ContactDetails,
}

/// Who is asking to see contact details, and where they are.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user_id: UserId,
    pub location: Location,
    pub organisation_id: OrgId,
}

const LEAD_SQL: &str = "SELECT l.user_id, l.source, l.scans, l.shares_contact, l.message, l.note, l.score, l.first_at, l.last_at,
        u.display_name, u.location, u.preferred_language,
        (SELECT COUNT(*) FROM bookmarks k WHERE k.user_id = l.user_id AND k.fair_id = l.fair_id AND k.organisation_id = l.organisation_id) AS bookmarked,
        (SELECT MIN(c.id) FROM conversations c WHERE c.person_id = l.user_id AND c.organisation_id = l.organisation_id AND c.topic = '') AS conversation_id,
        (SELECT CAST(COALESCE(SUM(c.b_unread), 0) AS BIGINT) FROM conversations c WHERE c.person_id = l.user_id AND c.organisation_id = l.organisation_id) AS unread
 FROM leads l JOIN users u ON u.id = l.user_id
 WHERE l.organisation_id = $1 AND l.fair_id = $2";

fn lead(r: &sqlx::any::AnyRow) -> Result<Lead> {
    Ok(Lead {
        user_id: r.try_get("user_id")?,
        display_name: r.try_get("display_name")?,
        location: location(r, "location")?,
        language: parsed(r, "preferred_language", Language::from_tag)?,
        source: parsed(r, "source", Source::parse)?,
        scans: r.try_get("scans")?,
        bookmarked: r.try_get::<i64, _>("bookmarked")? > 0,
        shares_contact: r.try_get::<i64, _>("shares_contact")? != 0,
        message: r.try_get("message")?,
        note: r.try_get("note")?,
        score: r.try_get("score")?,
        first_at: r.try_get("first_at")?,
        last_at: r.try_get("last_at")?,
        conversation_id: r.try_get("conversation_id")?,
        unread: r.try_get("unread")?,
    })
}

/// Records that `subject`'s contact details were shown to `viewer`, inside the write that read
/// them: every governed reveal goes through here.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record_reveal(
    w: &mut crate::WriteTx<'_>,
    subject: UserId,
    viewer: UserId,
    viewer_organisation: Option<OrgId>,
    purpose: RevealPurpose,
    subject_location: &Location,
    viewer_location: &Location,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO contact_reveals (subject_user, viewer_user, viewer_organisation, purpose, subject_location, viewer_location, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(subject)
    .bind(viewer)
    .bind(viewer_organisation)
    .bind(purpose.code())
    .bind(subject_location.code())
    .bind(viewer_location.code())
    .bind(at)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

impl Store {
    /// An exhibitor's leads at a fair, most recent first.
    pub async fn leads(&self, org: OrgId, fair: FairId) -> Result<Vec<Lead>> {
        let sql = format!("{LEAD_SQL} ORDER BY l.last_at DESC, l.user_id");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(org)
            .bind(fair)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(lead)
            .collect()
    }

    /// The lead a buyer is to an exhibitor, as the buyer may see it (their sharing choice).
    pub async fn lead_of(&self, org: OrgId, fair: FairId, user: UserId) -> Result<Option<Lead>> {
        let sql = format!("{LEAD_SQL} AND l.user_id = $3");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(org)
            .bind(fair)
            .bind(user)
            .fetch_optional(self.pool())
            .await?
            .as_ref()
            .map(lead)
            .transpose()
    }

    /// The exhibitor's own note and score (0–5) on a lead.
    pub async fn update_lead(
        &self,
        org: OrgId,
        fair: FairId,
        user: UserId,
        note: &str,
        score: i64,
    ) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query("UPDATE leads SET note = $1, score = $2 WHERE organisation_id = $3 AND fair_id = $4 AND user_id = $5")
            .bind(note.to_string())
            .bind(score.clamp(0, 5))
            .bind(org)
            .bind(fair)
            .bind(user)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        touched(n)?;
        w.commit_untracked().await
    }

    /// The buyer's choice to share (or stop sharing) contact details with an exhibitor.
    pub async fn set_contact_sharing(
        &self,
        user: UserId,
        fair: FairId,
        org: OrgId,
        share: bool,
    ) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query("UPDATE leads SET shares_contact = $1 WHERE organisation_id = $2 AND fair_id = $3 AND user_id = $4")
            .bind(share as i64)
            .bind(org)
            .bind(fair)
            .bind(user)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        touched(n)?;
        w.commit_untracked().await
    }

    /// "Message this exhibitor": a contact request that the exhibitor sees with the lead, and
    /// the first message (`first`) of the buyer's conversation with the exhibitor, in one
    /// transaction.
    pub async fn request_contact(
        &self,
        user: UserId,
        fair: FairId,
        org: OrgId,
        message: &str,
        share: bool,
        first: &NewMessage,
    ) -> Result<Posted> {
        let mut w = self.write().await?;
        exhibits_in(&mut w, fair, org).await?;
        let at = now_ms();
        touch_lead(&mut w, org, fair, user, Source::Online, at, 0).await?;
        sqlx::query("UPDATE leads SET message = $1, shares_contact = $2 WHERE organisation_id = $3 AND fair_id = $4 AND user_id = $5")
            .bind(message.to_string())
            .bind(share as i64)
            .bind(org)
            .bind(fair)
            .bind(user)
            .execute(&mut *w.tx)
            .await?;
        let opening = Opening {
            parties: Parties {
                a: user,
                b: Owner::Organisation(org),
            },
            topic: String::new(),
            listing_id: None,
            fair_id: Some(fair),
        };
        let posted = start_in(&mut w, &opening, first, at).await?;
        w.commit_untracked().await?;
        Ok(posted)
    }

    /// The one way contact details reach an exhibitor: for each lead in `users` (all leads
    /// when empty) the governance rule decides, and each reveal is recorded in the same
    /// transaction as it is read. Leads the rule refuses are left out.
    pub async fn reveal_lead_contacts(
        &self,
        viewer: &Viewer,
        fair: FairId,
        users: &[UserId],
        purpose: RevealPurpose,
    ) -> Result<Vec<RevealedContact>> {
        let mut w = self.write().await?;
        let rows = sqlx::query(
            "SELECT l.user_id, l.shares_contact, u.display_name, u.email, u.location,
                    c.phone, c.wechat, c.whatsapp, c.postal_address
             FROM leads l JOIN users u ON u.id = l.user_id LEFT JOIN user_contacts c ON c.user_id = l.user_id
             WHERE l.organisation_id = $1 AND l.fair_id = $2 ORDER BY l.last_at DESC, l.user_id",
        )
        .bind(viewer.organisation_id)
        .bind(fair)
        .fetch_all(&mut *w.tx)
        .await?;
        let at = now_ms();
        let mut out = Vec::new();
        for r in &rows {
            let user: UserId = r.try_get("user_id")?;
            if !users.is_empty() && !users.contains(&user) {
                continue;
            }
            let subject_location = location(r, "location")?;
            let consented = r.try_get::<i64, _>("shares_contact")? != 0;
            if may_reveal_contact(consented, &subject_location, &viewer.location, purpose).is_err()
            {
                continue;
            }
            record_reveal(
                &mut w,
                user,
                viewer.user_id,
                Some(viewer.organisation_id),
                purpose,
                &subject_location,
                &viewer.location,
                at,
            )
            .await?;
            out.push(RevealedContact {
                user_id: user,
                display_name: r.try_get("display_name")?,
                email: r.try_get("email")?,
                details: ContactDetails {
                    phone: r.try_get("phone")?,
                    wechat: r.try_get("wechat")?,
                    whatsapp: r.try_get("whatsapp")?,
                    postal_address: r.try_get("postal_address")?,
                },
            });
        }
        w.commit_untracked().await?;
        Ok(out)
    }

    /// How many times `subject`'s contact details were revealed (for the person's own view and
    /// for audits).
    pub async fn contact_reveal_count(&self, subject: UserId) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM contact_reveals WHERE subject_user = $1")
                .bind(subject)
                .fetch_one(self.pool())
                .await?,
        )
    }
}
