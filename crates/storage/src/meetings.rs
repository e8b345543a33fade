//! Meeting sessions and slots, availability, caps, requests and meetings. Double booking is
//! refused by the database itself: `meeting_seats` has one row per (slot, person) and
//! `meetings` one per (slot, table), so two racing bookings cannot both commit on either
//! engine; the loser's error is turned into a [`StorageError::Conflict`] naming the rule.

use sc_domain::ErrorCode;
use sc_domain::fair::FairId;
use sc_domain::meeting::{
    MeetingId, MeetingStatus, RequestAction, RequestId, RequestStatus, SessionId, SessionInput,
    SlotId,
};
use sc_domain::organisation::OrgId;
use sc_domain::person::UserId;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, StorageError, Store, WriteTx, now_ms, touched};

/// A slot of a fair's meeting sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSlot {
    pub id: SlotId,
    pub session_id: SessionId,
    pub starts_at: i64,
    pub ends_at: i64,
    /// `YYYY-MM-DD` in the fair's time zone.
    pub day: String,
    /// `HH:MM–HH:MM` in the fair's time zone.
    pub label: String,
    pub tables: i64,
}

/// A slot as a session produces it, before it has an id.
#[derive(Debug, Clone)]
pub struct NewSlot {
    pub starts_at: i64,
    pub ends_at: i64,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct MeetingSession {
    pub id: SessionId,
    pub fair_id: FairId,
    pub input: SessionInput,
    pub slots: i64,
}

/// Whom a request goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invitee {
    Person(UserId),
    /// An exhibitor: whichever member accepts meets.
    Organisation(OrgId),
}

#[derive(Debug, Clone)]
pub struct NewRequest {
    pub fair_id: FairId,
    pub from: UserId,
    pub to: Invitee,
    pub slot: Option<SlotId>,
    pub note: String,
    pub weight: i64,
    pub expires_at: i64,
}

/// A request with what the two sides see of it.
#[derive(Debug, Clone)]
pub struct MeetingRequest {
    pub id: RequestId,
    pub fair_id: FairId,
    pub from_id: UserId,
    pub from_name: String,
    pub to_id: Option<UserId>,
    pub to_name: Option<String>,
    pub organisation_id: Option<OrgId>,
    pub status: RequestStatus,
    pub slot: Option<MeetingSlot>,
    /// True when the requester asked last (the invitee answers).
    pub from_asked_last: bool,
    pub note: String,
    pub weight: i64,
    pub expires_at: i64,
    pub created_at: i64,
    pub meeting: Option<MeetingInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingInfo {
    pub id: MeetingId,
    pub slot_id: SlotId,
    pub table: i64,
    pub status: MeetingStatus,
    pub sequence: i64,
    pub checked_in_at: Option<i64>,
    pub a_no_show: bool,
    pub b_no_show: bool,
}

/// What the organiser's scheduler reads of a fair.
#[derive(Debug, Clone, Default)]
pub struct SchedulingData {
    pub slots: Vec<MeetingSlot>,
    /// (slot, person) pairs where the person cannot meet: marked unavailable, or held by a
    /// pending request of their own.
    pub unavailable: Vec<(SlotId, UserId)>,
    pub caps: Vec<(UserId, i64)>,
    /// Accepted requests between two known people: (request, a, b, weight).
    pub accepted: Vec<(RequestId, UserId, UserId, i64)>,
    /// Published meetings: (request, slot, table).
    pub published: Vec<(RequestId, SlotId, i64)>,
}

const REQUEST_COLUMNS: &str = "r.id, r.fair_id, r.from_id, fu.display_name AS from_name, r.to_id,
    tu.display_name AS to_name, r.organisation_id, r.status, r.slot_id, r.asked_by, r.note, r.weight,
    r.expires_at, r.created_at,
    s.session_id, s.starts_at, s.ends_at, s.day, s.label, s.tables,
    m.id AS meeting_id, m.slot_id AS m_slot, m.table_no, m.status AS m_status, m.sequence,
    m.checked_in_at, m.a_no_show, m.b_no_show";

const REQUEST_FROM: &str = "meeting_requests r
    JOIN users fu ON fu.id = r.from_id
    LEFT JOIN users tu ON tu.id = r.to_id
    LEFT JOIN meeting_slots s ON s.id = r.slot_id
    LEFT JOIN meetings m ON m.request_id = r.id";

fn request_row(row: &AnyRow) -> Result<MeetingRequest> {
    let status: String = row.try_get("status")?;
    let status = RequestStatus::parse(&status)
        .ok_or_else(|| StorageError::Corrupt(format!("request status {status}")))?;
    let slot_id: Option<i64> = row.try_get("slot_id")?;
    let slot = match slot_id {
        Some(id) => Some(MeetingSlot {
            id,
            session_id: row.try_get("session_id")?,
            starts_at: row.try_get("starts_at")?,
            ends_at: row.try_get("ends_at")?,
            day: row.try_get("day")?,
            label: row.try_get("label")?,
            tables: row.try_get("tables")?,
        }),
        None => None,
    };
    let meeting_id: Option<i64> = row.try_get("meeting_id")?;
    let meeting = match meeting_id {
        Some(id) => {
            let st: String = row.try_get("m_status")?;
            Some(MeetingInfo {
                id,
                slot_id: row.try_get("m_slot")?,
                table: row.try_get("table_no")?,
                status: MeetingStatus::parse(&st)
                    .ok_or_else(|| StorageError::Corrupt(format!("meeting status {st}")))?,
                sequence: row.try_get("sequence")?,
                checked_in_at: row.try_get("checked_in_at")?,
                a_no_show: row.try_get::<i64, _>("a_no_show")? != 0,
                b_no_show: row.try_get::<i64, _>("b_no_show")? != 0,
            })
        }
        None => None,
    };
    let asked_by: String = row.try_get("asked_by")?;
    Ok(MeetingRequest {
        id: row.try_get("id")?,
        fair_id: row.try_get("fair_id")?,
        from_id: row.try_get("from_id")?,
        from_name: row.try_get("from_name")?,
        to_id: row.try_get("to_id")?,
        to_name: row.try_get("to_name")?,
        organisation_id: row.try_get("organisation_id")?,
        status,
        slot,
        from_asked_last: asked_by == "from",
        note: row.try_get("note")?,
        weight: row.try_get("weight")?,
        expires_at: row.try_get("expires_at")?,
        created_at: row.try_get("created_at")?,
        meeting,
    })
}

fn slot_row(row: &AnyRow) -> Result<MeetingSlot> {
    Ok(MeetingSlot {
        id: row.try_get("id")?,
        session_id: row.try_get("session_id")?,
        starts_at: row.try_get("starts_at")?,
        ends_at: row.try_get("ends_at")?,
        day: row.try_get("day")?,
        label: row.try_get("label")?,
        tables: row.try_get("tables")?,
    })
}

fn conflict(code: ErrorCode, message: &str) -> StorageError {
    StorageError::Conflict {
        code,
        message: message.to_string(),
    }
}

/// A conditional update that found nothing: someone answered the request at the same moment.
fn still_open(n: u64) -> Result<()> {
    if n == 0 {
        Err(conflict(
            ErrorCode::RequestClosed,
            "the request was answered meanwhile",
        ))
    } else {
        Ok(())
    }
}

fn is_unique(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

fn pair_key(from: UserId, to: Invitee) -> String {
    match to {
        Invitee::Person(p) => format!("u:{}-u:{}", from.min(p), from.max(p)),
        Invitee::Organisation(o) => format!("o:{o}-u:{from}"),
    }
}

/// Removes holds of pending requests that have lapsed at (slot, person), so the seat is free.
async fn drop_lapsed_hold(
    w: &mut WriteTx<'_>,
    slot: SlotId,
    person: UserId,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "DELETE FROM meeting_seats WHERE slot_id = $1 AND person_id = $2 AND held_until IS NOT NULL AND held_until < $3",
    )
    .bind(slot)
    .bind(person)
    .bind(now)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

/// Takes the seat of `person` in `slot` for `request` (a hold until `held_until`, or a
/// meeting's seat when `None`); refuses with `code` if the person is taken or unavailable.
async fn take_seat(
    w: &mut WriteTx<'_>,
    slot: SlotId,
    person: UserId,
    request: RequestId,
    held_until: Option<i64>,
    code: ErrorCode,
    now: i64,
) -> Result<()> {
    let unavailable: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM meeting_unavailable WHERE slot_id = $1 AND person_id = $2",
    )
    .bind(slot)
    .bind(person)
    .fetch_one(&mut *w.tx)
    .await?;
    if unavailable > 0 {
        return Err(conflict(
            ErrorCode::Unavailable,
            "not available in that slot",
        ));
    }
    drop_lapsed_hold(w, slot, person, now).await?;
    sqlx::query(
        "INSERT INTO meeting_seats (slot_id, person_id, request_id, held_until) VALUES ($1, $2, $3, $4)",
    )
    .bind(slot)
    .bind(person)
    .bind(request)
    .bind(held_until)
    .execute(&mut *w.tx)
    .await
    .map_err(|e| {
        if is_unique(&e) {
            conflict(code, "already booked in that slot")
        } else {
            StorageError::Database(e)
        }
    })?;
    Ok(())
}

async fn meetings_of_person_at_fair(
    w: &mut WriteTx<'_>,
    fair: FairId,
    person: UserId,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM meetings WHERE fair_id = $1 AND (a_id = $2 OR b_id = $2)",
    )
    .bind(fair)
    .bind(person)
    .fetch_one(&mut *w.tx)
    .await?)
}

async fn cap_of(w: &mut WriteTx<'_>, fair: FairId, person: UserId) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT cap FROM meeting_caps WHERE fair_id = $1 AND person_id = $2")
            .bind(fair)
            .bind(person)
            .fetch_optional(&mut *w.tx)
            .await?,
    )
}

/// Books request `r` (between `a` and `b`) into `slot` at the lowest free table: both seats,
/// caps checked, the table unique per slot.
#[allow(clippy::too_many_arguments)]
async fn book(
    w: &mut WriteTx<'_>,
    fair: FairId,
    r: RequestId,
    a: UserId,
    b: UserId,
    slot: SlotId,
    status: MeetingStatus,
    actor: UserId,
    now: i64,
) -> Result<(MeetingId, i64)> {
    // The refusal speaks to the person acting: "you already have a meeting" or "they do".
    let code = |p: UserId| {
        if p == actor {
            ErrorCode::DoubleBooked
        } else {
            ErrorCode::PartnerBooked
        }
    };
    for p in [a, b] {
        if let Some(cap) = cap_of(w, fair, p).await?
            && meetings_of_person_at_fair(w, fair, p).await? >= cap
        {
            return Err(conflict(ErrorCode::MeetingCap, "cap reached"));
        }
    }
    take_seat(w, slot, a, r, None, code(a), now).await?;
    take_seat(w, slot, b, r, None, code(b), now).await?;
    let tables: i64 = sqlx::query_scalar("SELECT tables FROM meeting_slots WHERE id = $1")
        .bind(slot)
        .fetch_optional(&mut *w.tx)
        .await?
        .ok_or(StorageError::NotFound)?;
    let taken: Vec<i64> =
        sqlx::query_scalar("SELECT table_no FROM meetings WHERE slot_id = $1 ORDER BY table_no")
            .bind(slot)
            .fetch_all(&mut *w.tx)
            .await?;
    let table = (1..=tables)
        .find(|t| taken.binary_search(t).is_err())
        .ok_or_else(|| conflict(ErrorCode::NoTableFree, "every table is taken"))?;
    insert_meeting(w, fair, r, a, b, slot, table, status, now).await
}

#[allow(clippy::too_many_arguments)]
async fn insert_meeting(
    w: &mut WriteTx<'_>,
    fair: FairId,
    r: RequestId,
    a: UserId,
    b: UserId,
    slot: SlotId,
    table: i64,
    status: MeetingStatus,
    now: i64,
) -> Result<(MeetingId, i64)> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO meetings (request_id, fair_id, slot_id, table_no, a_id, b_id, status, sequence, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $8) RETURNING id",
    )
    .bind(r)
    .bind(fair)
    .bind(slot)
    .bind(table)
    .bind(a)
    .bind(b)
    .bind(status.code())
    .bind(now)
    .fetch_one(&mut *w.tx)
    .await
    .map_err(|e| {
        if is_unique(&e) {
            conflict(ErrorCode::NoTableFree, "the table was taken at the same moment")
        } else {
            StorageError::Database(e)
        }
    })?;
    Ok((id, table))
}

async fn drop_meeting(w: &mut WriteTx<'_>, r: RequestId) -> Result<()> {
    sqlx::query("DELETE FROM meeting_seats WHERE request_id = $1")
        .bind(r)
        .execute(&mut *w.tx)
        .await?;
    sqlx::query("DELETE FROM meetings WHERE request_id = $1")
        .bind(r)
        .execute(&mut *w.tx)
        .await?;
    Ok(())
}

/// One side of a meeting a reminder goes to.
#[derive(Debug, Clone)]
pub struct ReminderPerson {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub language: sc_domain::Language,
    pub unsubscribed: bool,
}

/// A published meeting about to begin whose people have not been reminded.
#[derive(Debug, Clone)]
pub struct DueReminder {
    pub meeting_id: MeetingId,
    pub fair_id: FairId,
    pub fair: sc_domain::LocalizedText,
    pub day: String,
    pub label: String,
    pub table: i64,
    /// Side a (who asked) and side b.
    pub people: [ReminderPerson; 2],
}

async fn issue_badge(w: &mut WriteTx<'_>, fair: FairId, person: UserId) -> Result<String> {
    let token = crate::tokens::new_token();
    sqlx::query(
        "INSERT INTO meeting_badges (token, fair_id, person_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token.clone())
    .bind(fair)
    .bind(person)
    .bind(now_ms())
    .execute(&mut *w.tx)
    .await?;
    Ok(token)
}

impl Store {
    /// The person's live calendar subscription token, issued on first use.
    pub async fn calendar_feed(&self, person: UserId) -> Result<String> {
        let live = "SELECT token FROM calendar_feeds WHERE person_id = $1 AND revoked_at IS NULL";
        if let Some(t) = sqlx::query_scalar::<_, String>(live)
            .bind(person)
            .fetch_optional(self.pool())
            .await?
        {
            return Ok(t);
        }
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO calendar_feeds (token, person_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (person_id) WHERE revoked_at IS NULL DO NOTHING",
        )
        .bind(crate::tokens::new_token())
        .bind(person)
        .bind(now_ms())
        .execute(&mut *w.tx)
        .await?;
        let token: String = sqlx::query_scalar(live)
            .bind(person)
            .fetch_one(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(token)
    }

    /// Revokes the person's calendar address and issues a new one.
    pub async fn reissue_calendar_feed(&self, person: UserId) -> Result<String> {
        let mut w = self.write().await?;
        let now = now_ms();
        sqlx::query(
            "UPDATE calendar_feeds SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(person)
        .execute(&mut *w.tx)
        .await?;
        let token = crate::tokens::new_token();
        sqlx::query(
            "INSERT INTO calendar_feeds (token, person_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(token.clone())
        .bind(person)
        .bind(now)
        .execute(&mut *w.tx)
        .await?;
        w.commit().await?;
        Ok(token)
    }

    /// Whose live calendar address a token is.
    pub async fn calendar_feed_owner(&self, token: &str) -> Result<Option<UserId>> {
        if !crate::looks_like_token(token) {
            return Ok(None);
        }
        Ok(sqlx::query_scalar(
            "SELECT person_id FROM calendar_feeds WHERE token = $1 AND revoked_at IS NULL",
        )
        .bind(token.to_string())
        .fetch_optional(self.pool())
        .await?)
    }

    /// Published meetings not yet reminded whose slot begins after `now` and no later than
    /// `until`, soonest first.
    pub async fn due_meeting_reminders(&self, now: i64, until: i64) -> Result<Vec<DueReminder>> {
        let rows = sqlx::query(
            "SELECT m.id, m.fair_id, m.table_no, s.day, s.label,
                    f.name_zh_hant AS f_zh_hant, f.name_zh_hans AS f_zh_hans, f.name_en AS f_en,
                    ua.id AS a_id, ua.email AS a_email, ua.display_name AS a_name, ua.preferred_language AS a_lang, sa.unsubscribed_at AS a_off,
                    ub.id AS b_id, ub.email AS b_email, ub.display_name AS b_name, ub.preferred_language AS b_lang, sb.unsubscribed_at AS b_off
             FROM meetings m JOIN meeting_slots s ON s.id = m.slot_id JOIN fairs f ON f.id = m.fair_id
             JOIN users ua ON ua.id = m.a_id JOIN users ub ON ub.id = m.b_id
             LEFT JOIN mail_settings sa ON sa.user_id = m.a_id LEFT JOIN mail_settings sb ON sb.user_id = m.b_id
             WHERE m.status = 'published' AND m.reminded_at IS NULL AND s.starts_at > $1 AND s.starts_at <= $2
             ORDER BY s.starts_at, m.id",
        )
        .bind(now)
        .bind(until)
        .fetch_all(self.pool())
        .await?;
        let person = |r: &AnyRow, side: &str| -> Result<ReminderPerson> {
            Ok(ReminderPerson {
                user_id: r.try_get(format!("{side}_id").as_str())?,
                email: r.try_get(format!("{side}_email").as_str())?,
                display_name: r.try_get(format!("{side}_name").as_str())?,
                language: crate::codec::parsed(
                    r,
                    &format!("{side}_lang"),
                    sc_domain::Language::from_tag,
                )?,
                unsubscribed: r
                    .try_get::<Option<i64>, _>(format!("{side}_off").as_str())?
                    .is_some(),
            })
        };
        rows.iter()
            .map(|r| {
                Ok(DueReminder {
                    meeting_id: r.try_get("id")?,
                    fair_id: r.try_get("fair_id")?,
                    fair: crate::codec::text(r, "f")?,
                    day: r.try_get("day")?,
                    label: r.try_get("label")?,
                    table: r.try_get("table_no")?,
                    people: [person(r, "a")?, person(r, "b")?],
                })
            })
            .collect()
    }

    /// The meeting's people were reminded at `at`.
    pub async fn meeting_reminded(&self, meeting: MeetingId, at: i64) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("UPDATE meetings SET reminded_at = $1 WHERE id = $2")
            .bind(at)
            .bind(meeting)
            .execute(&mut *w.tx)
            .await?;
        w.commit_untracked().await
    }

    /// The person's live meeting badge at a fair, issued on first use.
    pub async fn meeting_badge(&self, fair: FairId, person: UserId) -> Result<String> {
        let live = "SELECT token FROM meeting_badges WHERE fair_id = $1 AND person_id = $2 AND revoked_at IS NULL";
        if let Some(t) = sqlx::query_scalar::<_, String>(live)
            .bind(fair)
            .bind(person)
            .fetch_optional(self.pool())
            .await?
        {
            return Ok(t);
        }
        // Two first uses at once issue one badge: the second insert yields to the first.
        let mut w = self.write().await?;
        sqlx::query(
            "INSERT INTO meeting_badges (token, fair_id, person_id, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (fair_id, person_id) WHERE revoked_at IS NULL DO NOTHING",
        )
        .bind(crate::tokens::new_token())
        .bind(fair)
        .bind(person)
        .bind(now_ms())
        .execute(&mut *w.tx)
        .await?;
        let token: String = sqlx::query_scalar(live)
            .bind(fair)
            .bind(person)
            .fetch_one(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(token)
    }

    /// Revokes the person's badge at a fair and issues a new one.
    pub async fn reissue_meeting_badge(&self, fair: FairId, person: UserId) -> Result<String> {
        let mut w = self.write().await?;
        let now = now_ms();
        sqlx::query(
            "UPDATE meeting_badges SET revoked_at = $1 WHERE fair_id = $2 AND person_id = $3 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(fair)
        .bind(person)
        .execute(&mut *w.tx)
        .await?;
        let token = issue_badge(&mut w, fair, person).await?;
        w.commit().await?;
        Ok(token)
    }

    /// Whose live badge a token is, at which fair.
    pub async fn badge_owner(&self, token: &str) -> Result<Option<(FairId, UserId)>> {
        if !crate::looks_like_token(token) {
            return Ok(None);
        }
        let row = sqlx::query(
            "SELECT fair_id, person_id FROM meeting_badges WHERE token = $1 AND revoked_at IS NULL",
        )
        .bind(token.to_string())
        .fetch_optional(self.pool())
        .await?;
        row.map(|r| Ok((r.try_get("fair_id")?, r.try_get("person_id")?)))
            .transpose()
    }

    /// Adds a session and its slots (computed by the caller in the fair's time zone).
    pub async fn add_meeting_session(
        &self,
        fair: FairId,
        input: &SessionInput,
        slots: &[NewSlot],
    ) -> Result<SessionId> {
        let mut w = self.write().await?;
        let now = now_ms();
        let breaks = serde_json::to_string(&input.breaks)
            .map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO meeting_sessions (fair_id, day, starts, ends, slot_minutes, tables, breaks, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(fair)
        .bind(&input.day)
        .bind(&input.starts)
        .bind(&input.ends)
        .bind(i64::from(input.slot_minutes))
        .bind(i64::from(input.tables))
        .bind(breaks)
        .bind(now)
        .fetch_one(&mut *w.tx)
        .await?;
        for s in slots {
            sqlx::query(
                "INSERT INTO meeting_slots (session_id, fair_id, starts_at, ends_at, day, label, tables)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(fair)
            .bind(s.starts_at)
            .bind(s.ends_at)
            .bind(&input.day)
            .bind(&s.label)
            .bind(i64::from(input.tables))
            .execute(&mut *w.tx)
            .await?;
        }
        w.commit().await?;
        Ok(id)
    }

    pub async fn meeting_sessions(&self, fair: FairId) -> Result<Vec<MeetingSession>> {
        let rows = sqlx::query(
            "SELECT s.id, s.fair_id, s.day, s.starts, s.ends, s.slot_minutes, s.tables, s.breaks,
                    (SELECT COUNT(*) FROM meeting_slots x WHERE x.session_id = s.id) AS slots
             FROM meeting_sessions s WHERE s.fair_id = $1 ORDER BY s.day, s.starts, s.id",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let breaks: String = r.try_get("breaks")?;
                Ok(MeetingSession {
                    id: r.try_get("id")?,
                    fair_id: r.try_get("fair_id")?,
                    slots: r.try_get("slots")?,
                    input: SessionInput {
                        day: r.try_get("day")?,
                        starts: r.try_get("starts")?,
                        ends: r.try_get("ends")?,
                        slot_minutes: r.try_get::<i64, _>("slot_minutes")? as u32,
                        tables: r.try_get::<i64, _>("tables")? as u32,
                        breaks: serde_json::from_str(&breaks)
                            .map_err(|e| StorageError::Corrupt(e.to_string()))?,
                    },
                })
            })
            .collect()
    }

    /// The fair's slots in time order.
    pub async fn meeting_slots(&self, fair: FairId) -> Result<Vec<MeetingSlot>> {
        let rows = sqlx::query(
            "SELECT id, session_id, starts_at, ends_at, day, label, tables FROM meeting_slots
             WHERE fair_id = $1 ORDER BY starts_at, id",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(slot_row).collect()
    }

    pub async fn meeting_slot(&self, slot: SlotId) -> Result<(FairId, MeetingSlot)> {
        let row = sqlx::query(
            "SELECT id, session_id, fair_id, starts_at, ends_at, day, label, tables FROM meeting_slots WHERE id = $1",
        )
        .bind(slot)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StorageError::NotFound)?;
        Ok((row.try_get("fair_id")?, slot_row(&row)?))
    }

    /// Replaces the slots `person` cannot meet in at `fair`.
    pub async fn set_unavailable(
        &self,
        fair: FairId,
        person: UserId,
        slots: &[(SlotId, String)],
    ) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query(
            "DELETE FROM meeting_unavailable WHERE person_id = $1
             AND slot_id IN (SELECT id FROM meeting_slots WHERE fair_id = $2)",
        )
        .bind(person)
        .bind(fair)
        .execute(&mut *w.tx)
        .await?;
        for (slot, reason) in slots {
            sqlx::query(
                "INSERT INTO meeting_unavailable (slot_id, person_id, reason)
                 SELECT id, $2, $3 FROM meeting_slots WHERE id = $1 AND fair_id = $4
                 ON CONFLICT DO NOTHING",
            )
            .bind(slot)
            .bind(person)
            .bind(reason)
            .bind(fair)
            .execute(&mut *w.tx)
            .await?;
        }
        w.commit().await
    }

    /// The slots `person` cannot meet in at `fair`, with the reason.
    pub async fn unavailable(&self, fair: FairId, person: UserId) -> Result<Vec<(SlotId, String)>> {
        let rows = sqlx::query(
            "SELECT u.slot_id, u.reason FROM meeting_unavailable u JOIN meeting_slots s ON s.id = u.slot_id
             WHERE u.person_id = $1 AND s.fair_id = $2 ORDER BY s.starts_at",
        )
        .bind(person)
        .bind(fair)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("slot_id")?, r.try_get("reason")?)))
            .collect()
    }

    /// Sets (or with `None` removes) the most meetings `person` takes at `fair`.
    pub async fn set_meeting_cap(
        &self,
        fair: FairId,
        person: UserId,
        cap: Option<i64>,
    ) -> Result<()> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM meeting_caps WHERE fair_id = $1 AND person_id = $2")
            .bind(fair)
            .bind(person)
            .execute(&mut *w.tx)
            .await?;
        if let Some(cap) = cap {
            sqlx::query("INSERT INTO meeting_caps (fair_id, person_id, cap) VALUES ($1, $2, $3)")
                .bind(fair)
                .bind(person)
                .bind(cap)
                .execute(&mut *w.tx)
                .await?;
        }
        w.commit().await
    }

    pub async fn meeting_cap(&self, fair: FairId, person: UserId) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar(
                "SELECT cap FROM meeting_caps WHERE fair_id = $1 AND person_id = $2",
            )
            .bind(fair)
            .bind(person)
            .fetch_optional(self.pool())
            .await?,
        )
    }

    /// Asks for a meeting. With a slot, the requester's seat is held until the request lapses.
    pub async fn request_meeting(&self, req: &NewRequest) -> Result<RequestId> {
        let mut w = self.write().await?;
        let now = now_ms();
        let (to_id, org) = match req.to {
            Invitee::Person(p) => (Some(p), None),
            Invitee::Organisation(o) => (None, Some(o)),
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO meeting_requests (fair_id, from_id, to_id, organisation_id, pair, status, slot_id, asked_by, note, weight, expires_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, 'pending', $6, 'from', $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(req.fair_id)
        .bind(req.from)
        .bind(to_id)
        .bind(org)
        .bind(pair_key(req.from, req.to))
        .bind(req.slot)
        .bind(&req.note)
        .bind(req.weight)
        .bind(req.expires_at)
        .bind(now)
        .fetch_one(&mut *w.tx)
        .await
        .map_err(|e| {
            if is_unique(&e) {
                conflict(ErrorCode::PendingMeeting, "an open request exists between them")
            } else {
                StorageError::Database(e)
            }
        })?;
        if let Some(slot) = req.slot {
            take_seat(
                &mut w,
                slot,
                req.from,
                id,
                Some(req.expires_at),
                ErrorCode::DoubleBooked,
                now,
            )
            .await?;
        }
        w.commit().await?;
        Ok(id)
    }

    pub async fn meeting_request(&self, id: RequestId) -> Result<MeetingRequest> {
        let sql = format!("SELECT {REQUEST_COLUMNS} FROM {REQUEST_FROM} WHERE r.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StorageError::NotFound)?;
        request_row(&row)
    }

    /// Requests `person` is part of (made, received, or received by one of `orgs`), at
    /// `fair` or everywhere, newest first.
    pub async fn meeting_requests_of(
        &self,
        person: UserId,
        orgs: &[OrgId],
        fair: Option<FairId>,
    ) -> Result<Vec<MeetingRequest>> {
        let org_list = if orgs.is_empty() {
            "NULL".to_string()
        } else {
            orgs.iter()
                .map(|o| o.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM {REQUEST_FROM}
             WHERE (r.from_id = $1 OR r.to_id = $1 OR (r.to_id IS NULL AND r.organisation_id IN ({org_list})))
               AND ($2 IS NULL OR r.fair_id = $2)
             ORDER BY COALESCE(s.starts_at, 0), r.created_at DESC, r.id DESC LIMIT 1000"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(person)
            .bind(fair)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(request_row).collect()
    }

    /// Answers a request. `by` is the person acting (for an organisation's request, the member
    /// who accepts becomes the second person); `by_from` whether they made the request. The
    /// rule of who may do what has been checked by the caller; this checks the request is still
    /// in the state the caller saw, in the same transaction as the booking.
    pub async fn answer_meeting_request(
        &self,
        id: RequestId,
        action: RequestAction,
        by: UserId,
        by_from: bool,
        slot: Option<SlotId>,
        expires_at: i64,
    ) -> Result<()> {
        let mut w = self.write().await?;
        let now = now_ms();
        let row = sqlx::query(
            "SELECT fair_id, from_id, to_id, status, slot_id, expires_at FROM meeting_requests WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *w.tx)
        .await?
        .ok_or(StorageError::NotFound)?;
        let fair: i64 = row.try_get("fair_id")?;
        let from: i64 = row.try_get("from_id")?;
        let to: Option<i64> = row.try_get("to_id")?;
        let status: String = row.try_get("status")?;
        let current_slot: Option<i64> = row.try_get("slot_id")?;
        let lapse: i64 = row.try_get("expires_at")?;
        let mut status = RequestStatus::parse(&status)
            .ok_or_else(|| StorageError::Corrupt(format!("request status {status}")))?;
        if status == RequestStatus::Pending && lapse < now {
            status = RequestStatus::Expired;
        }
        // Move the request on only from the state read here; a racing answer fails.
        let moved = |to: &str| {
            format!(
                "UPDATE meeting_requests SET status = '{to}', updated_at = $1 WHERE id = $2 AND status = '{}'",
                status.code()
            )
        };
        match action {
            RequestAction::Accept => {
                if status != RequestStatus::Pending {
                    return Err(conflict(
                        ErrorCode::RequestClosed,
                        "the request is not pending",
                    ));
                }
                let n = sqlx::query(sqlx::AssertSqlSafe(moved("accepted")))
                    .bind(now)
                    .bind(id)
                    .execute(&mut *w.tx)
                    .await?
                    .rows_affected();
                still_open(n)?;
                if to.is_none() {
                    sqlx::query("UPDATE meeting_requests SET to_id = $1 WHERE id = $2")
                        .bind(by)
                        .bind(id)
                        .execute(&mut *w.tx)
                        .await?;
                }
                if let Some(slot) = current_slot {
                    sqlx::query("DELETE FROM meeting_seats WHERE request_id = $1")
                        .bind(id)
                        .execute(&mut *w.tx)
                        .await?;
                    let b = if by_from {
                        to.ok_or_else(|| conflict(ErrorCode::OwnRequest, "nobody to meet yet"))?
                    } else {
                        by
                    };
                    let a = from;
                    book(
                        &mut w,
                        fair,
                        id,
                        a,
                        b,
                        slot,
                        MeetingStatus::Published,
                        by,
                        now,
                    )
                    .await?;
                }
            }
            RequestAction::Decline | RequestAction::Cancel => {
                let closed = if action == RequestAction::Decline {
                    "declined"
                } else {
                    "cancelled"
                };
                if !status.is_open() {
                    return Err(conflict(ErrorCode::RequestClosed, "the request is closed"));
                }
                let n = sqlx::query(sqlx::AssertSqlSafe(moved(closed)))
                    .bind(now)
                    .bind(id)
                    .execute(&mut *w.tx)
                    .await?
                    .rows_affected();
                still_open(n)?;
                drop_meeting(&mut w, id).await?;
            }
            RequestAction::Propose => {
                if !status.is_open() {
                    return Err(conflict(ErrorCode::RequestClosed, "the request is closed"));
                }
                let slot =
                    slot.ok_or_else(|| conflict(ErrorCode::Unavailable, "a slot is needed"))?;
                drop_meeting(&mut w, id).await?;
                let asked = if by_from { "from" } else { "to" };
                let n = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE meeting_requests SET status = 'pending', slot_id = $1, asked_by = '{asked}',
                     expires_at = $2, updated_at = $3, to_id = COALESCE(to_id, $4)
                     WHERE id = $5 AND status = '{}'",
                    status.code()
                )))
                .bind(slot)
                .bind(expires_at)
                .bind(now)
                .bind(if by_from { to } else { Some(by) })
                .bind(id)
                .execute(&mut *w.tx)
                .await?
                .rows_affected();
                still_open(n)?;
                take_seat(
                    &mut w,
                    slot,
                    by,
                    id,
                    Some(expires_at),
                    ErrorCode::DoubleBooked,
                    now,
                )
                .await?;
            }
        }
        w.commit().await
    }

    /// Marks pending requests whose time is up as expired and frees what they held.
    pub async fn expire_meeting_requests(&self, now: i64) -> Result<u64> {
        let mut w = self.write().await?;
        sqlx::query("DELETE FROM meeting_seats WHERE held_until IS NOT NULL AND held_until < $1")
            .bind(now)
            .execute(&mut *w.tx)
            .await?;
        let n = sqlx::query(
            "UPDATE meeting_requests SET status = 'expired', updated_at = $1 WHERE status = 'pending' AND expires_at < $1",
        )
        .bind(now)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        w.commit().await?;
        Ok(n)
    }

    /// What the scheduler needs of a fair.
    pub async fn scheduling_data(&self, fair: FairId) -> Result<SchedulingData> {
        let now = now_ms();
        let slots = self.meeting_slots(fair).await?;
        let mut unavailable: Vec<(SlotId, UserId)> = Vec::new();
        for row in sqlx::query(
            "SELECT u.slot_id, u.person_id FROM meeting_unavailable u JOIN meeting_slots s ON s.id = u.slot_id WHERE s.fair_id = $1
             UNION SELECT x.slot_id, x.person_id FROM meeting_seats x JOIN meeting_slots s ON s.id = x.slot_id
               WHERE s.fair_id = $1 AND x.held_until IS NOT NULL AND x.held_until >= $2",
        )
        .bind(fair)
        .bind(now)
        .fetch_all(self.pool())
        .await?
        {
            unavailable.push((row.try_get("slot_id")?, row.try_get("person_id")?));
        }
        let mut caps = Vec::new();
        for row in sqlx::query("SELECT person_id, cap FROM meeting_caps WHERE fair_id = $1")
            .bind(fair)
            .fetch_all(self.pool())
            .await?
        {
            caps.push((row.try_get("person_id")?, row.try_get("cap")?));
        }
        let mut accepted = Vec::new();
        for row in sqlx::query(
            "SELECT r.id, r.from_id, r.to_id, r.weight FROM meeting_requests r
             LEFT JOIN meetings m ON m.request_id = r.id
             WHERE r.fair_id = $1 AND r.status = 'accepted' AND r.to_id IS NOT NULL
               AND (m.id IS NULL OR m.status = 'draft') ORDER BY r.id",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?
        {
            accepted.push((
                row.try_get("id")?,
                row.try_get("from_id")?,
                row.try_get("to_id")?,
                row.try_get("weight")?,
            ));
        }
        let mut published = Vec::new();
        for row in sqlx::query(
            "SELECT request_id, slot_id, table_no FROM meetings WHERE fair_id = $1 AND status = 'published' ORDER BY id",
        )
        .bind(fair)
        .fetch_all(self.pool())
        .await?
        {
            published.push((row.try_get("request_id")?, row.try_get("slot_id")?, row.try_get("table_no")?));
        }
        Ok(SchedulingData {
            slots,
            unavailable,
            caps,
            accepted,
            published,
        })
    }

    /// Replaces the fair's draft meetings with `drafts` (request, slot, table); with
    /// `moved_published`, published meetings the scheduler moved are updated too. All or
    /// nothing: if a booking made meanwhile conflicts, nothing changes and the conflict is
    /// returned (run the scheduler again).
    pub async fn save_schedule(
        &self,
        fair: FairId,
        drafts: &[(RequestId, SlotId, i64)],
    ) -> Result<()> {
        let mut w = self.write().await?;
        let now = now_ms();
        sqlx::query(
            "DELETE FROM meeting_seats WHERE request_id IN (SELECT request_id FROM meetings WHERE fair_id = $1 AND status = 'draft')",
        )
        .bind(fair)
        .execute(&mut *w.tx)
        .await?;
        sqlx::query("DELETE FROM meetings WHERE fair_id = $1 AND status = 'draft'")
            .bind(fair)
            .execute(&mut *w.tx)
            .await?;
        for &(r, slot, table) in drafts {
            let row = sqlx::query(
                "SELECT from_id, to_id FROM meeting_requests WHERE id = $1 AND fair_id = $2 AND status = 'accepted'",
            )
            .bind(r)
            .bind(fair)
            .fetch_optional(&mut *w.tx)
            .await?
            .ok_or_else(|| conflict(ErrorCode::RequestClosed, "a request changed meanwhile"))?;
            let (a, b): (i64, Option<i64>) = (row.try_get("from_id")?, row.try_get("to_id")?);
            let b = b.ok_or_else(|| conflict(ErrorCode::RequestClosed, "no second person"))?;
            // A published meeting of the same request moves (the organiser asked to move it).
            drop_meeting(&mut w, r).await?;
            take_seat(&mut w, slot, a, r, None, ErrorCode::DoubleBooked, now).await?;
            take_seat(&mut w, slot, b, r, None, ErrorCode::PartnerBooked, now).await?;
            insert_meeting(
                &mut w,
                fair,
                r,
                a,
                b,
                slot,
                table,
                MeetingStatus::Draft,
                now,
            )
            .await?;
        }
        w.commit().await
    }

    /// Publishes the fair's drafts; returns how many.
    pub async fn publish_schedule(&self, fair: FairId) -> Result<u64> {
        let mut w = self.write().await?;
        let n = sqlx::query(
            "UPDATE meetings SET status = 'published', sequence = sequence + 1, updated_at = $1 WHERE fair_id = $2 AND status = 'draft'",
        )
        .bind(now_ms())
        .bind(fair)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        w.commit().await?;
        Ok(n)
    }

    /// Every meeting of a fair with the people's names: (request, meeting), for the
    /// organiser's review (who meets whom, when, where; never what they wrote).
    pub async fn fair_meetings(&self, fair: FairId) -> Result<Vec<MeetingRequest>> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM meeting_requests r
             JOIN meetings m ON m.request_id = r.id
             JOIN users fu ON fu.id = r.from_id
             LEFT JOIN users tu ON tu.id = r.to_id
             LEFT JOIN meeting_slots s ON s.id = m.slot_id
             WHERE r.fair_id = $1 ORDER BY s.starts_at, m.table_no"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(fair)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(request_row).collect()
    }

    /// Records that the meeting took place (the partner's badge was scanned).
    pub async fn check_in_meeting(&self, meeting: MeetingId, at: i64) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query(
            "UPDATE meetings SET checked_in_at = COALESCE(checked_in_at, $1), a_no_show = 0, b_no_show = 0, updated_at = $1
             WHERE id = $2 AND status = 'published'",
        )
        .bind(at)
        .bind(meeting)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        touched(n)?;
        w.commit().await
    }

    /// Marks the person on side `a` (or b) of a meeting as not having come.
    pub async fn mark_no_show(&self, meeting: MeetingId, side_a: bool) -> Result<()> {
        let col = if side_a { "a_no_show" } else { "b_no_show" };
        let mut w = self.write().await?;
        let n = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE meetings SET {col} = 1, updated_at = $1 WHERE id = $2 AND status = 'published' AND checked_in_at IS NULL"
        )))
        .bind(now_ms())
        .bind(meeting)
        .execute(&mut *w.tx)
        .await?
        .rows_affected();
        touched(n)?;
        w.commit().await
    }
}
