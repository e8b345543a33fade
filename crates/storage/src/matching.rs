//! What the matching engine learns from: profiles (a buyer's, an organisation's wishes), the
//! events people leave (views, clicks, "not interested", "more like this"), and the history the
//! fairs already record (scans, bookmarks, contact requests, followed-up leads), read in time
//! order to train the engine at start. Events are written by one group-committing writer, like
//! scans: many page views cost one transaction.

use sc_domain::organisation::OrgId;
use sc_domain::person::UserId;
use sc_domain::profile::ProfileKind;
use sc_domain::{Language, Location};
use serde_json::{Map, Value};
use sqlx::Row;
use tokio::sync::{mpsc, oneshot};

use crate::codec::{location, parsed};
use crate::{Result, StorageError, Store, now_ms};

/// Who acted in an event: the person, or the organisation (one of its members) on the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventActor {
    Person,
    Organisation,
}

impl EventActor {
    pub fn code(self) -> &'static str {
        match self {
            EventActor::Person => "person",
            EventActor::Organisation => "organisation",
        }
    }
    fn parse(s: &str) -> EventActor {
        if s == "organisation" {
            EventActor::Organisation
        } else {
            EventActor::Person
        }
    }
}

/// One thing that happened between a person and an organisation (or a listing).
#[derive(Debug, Clone, PartialEq)]
pub struct MatchEvent {
    pub at: i64,
    pub actor: EventActor,
    /// `view`, `click`, `scan`, `bookmark`, `contact`, `follow_up`, `not_interested`,
    /// `more_like_this`, `dismiss` (what each means is the engine's specification, not here).
    pub kind: String,
    pub user_id: UserId,
    pub organisation_id: Option<OrgId>,
    pub listing_id: Option<i64>,
    /// The listing a match was shown for (a sourcing request, when its suppliers are shown).
    pub for_listing_id: Option<i64>,
    /// The organisation `organisation_id` acted on (organisation ↔ organisation matching).
    pub target_organisation_id: Option<OrgId>,
}

/// A person as the engine sees them.
#[derive(Debug, Clone)]
pub struct MatchPerson {
    pub id: UserId,
    pub display_name: String,
    pub location: Location,
    pub language: Language,
    pub profile: Map<String, Value>,
    /// The organisations they belong to, by id (a competitor's staff is never matched).
    pub organisations: Vec<OrgId>,
}

pub(crate) fn profile_table(kind: ProfileKind) -> (&'static str, &'static str) {
    match kind {
        ProfileKind::Buyer => ("buyer_profiles", "user_id"),
        ProfileKind::Wishes => ("organisation_wishes", "organisation_id"),
    }
}

fn attributes(r: &sqlx::any::AnyRow) -> Result<Map<String, Value>> {
    let text: String = r.try_get("attributes")?;
    serde_json::from_str(&text).map_err(|e| StorageError::Corrupt(format!("profile: {e}")))
}

const PERSON: &str = "SELECT u.id, u.display_name, u.location, u.preferred_language, p.attributes
     FROM users u LEFT JOIN buyer_profiles p ON p.user_id = u.id";

fn person(r: &sqlx::any::AnyRow) -> Result<MatchPerson> {
    let profile = match r.try_get::<Option<String>, _>("attributes")? {
        Some(t) => {
            serde_json::from_str(&t).map_err(|e| StorageError::Corrupt(format!("profile: {e}")))?
        }
        None => Map::new(),
    };
    Ok(MatchPerson {
        id: r.try_get("id")?,
        display_name: r.try_get("display_name")?,
        location: location(r, "location")?,
        language: parsed(r, "preferred_language", Language::from_tag)?,
        profile,
        organisations: vec![],
    })
}

impl Store {
    /// A profile's attributes and when they were last saved; `None` when never saved.
    pub async fn profile(
        &self,
        kind: ProfileKind,
        subject: i64,
    ) -> Result<Option<(Map<String, Value>, i64)>> {
        let (t, key) = profile_table(kind);
        let sql = format!("SELECT attributes, updated_at FROM {t} WHERE {key} = $1");
        match sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(subject)
            .fetch_optional(self.pool())
            .await?
        {
            Some(r) => Ok(Some((attributes(&r)?, r.try_get("updated_at")?))),
            None => Ok(None),
        }
    }

    /// Saves a profile whole (validated by the caller); returns its time.
    pub async fn save_profile(
        &self,
        kind: ProfileKind,
        subject: i64,
        attrs: &Map<String, Value>,
    ) -> Result<i64> {
        let (t, key) = profile_table(kind);
        let at = now_ms();
        let sql = format!(
            "INSERT INTO {t} ({key}, attributes, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT ({key}) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at"
        );
        let mut w = self.write().await?;
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(subject)
            .bind(Value::Object(attrs.clone()).to_string())
            .bind(at)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(at)
    }

    /// Every saved profile of a kind, by subject.
    pub async fn profiles(&self, kind: ProfileKind) -> Result<Vec<(i64, Map<String, Value>)>> {
        let (t, key) = profile_table(kind);
        let sql = format!("SELECT {key} AS subject, attributes FROM {t} ORDER BY {key}");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|r| Ok((r.try_get("subject")?, attributes(r)?)))
            .collect()
    }

    /// Everyone who could be matched as a person (individual accounts), with their buyer
    /// profile when they saved one.
    pub async fn match_people(&self) -> Result<Vec<MatchPerson>> {
        let mut people: Vec<MatchPerson> =
            sqlx::query(sqlx::AssertSqlSafe(format!("{PERSON} ORDER BY u.id")))
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(person)
                .collect::<Result<_>>()?;
        let rows = sqlx::query(
            "SELECT user_id, organisation_id FROM memberships ORDER BY user_id, organisation_id",
        )
        .fetch_all(self.pool())
        .await?;
        for r in rows {
            let (u, o): (UserId, OrgId) = (r.try_get("user_id")?, r.try_get("organisation_id")?);
            if let Ok(i) = people.binary_search_by_key(&u, |p| p.id) {
                people[i].organisations.push(o);
            }
        }
        Ok(people)
    }

    /// One person as [`Store::match_people`] reads them.
    pub async fn match_person(&self, id: UserId) -> Result<MatchPerson> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!("{PERSON} WHERE u.id = $1")))
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StorageError::NotFound)?;
        let mut p = person(&r)?;
        p.organisations = sqlx::query_scalar(
            "SELECT organisation_id FROM memberships WHERE user_id = $1 ORDER BY organisation_id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        Ok(p)
    }

    /// Writes events in one transaction (fsynced before it returns).
    pub async fn record_match_events(&self, events: &[MatchEvent]) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let mut w = self.write().await?;
        for chunk in events.chunks(crate::rows_per_statement(w.engine, 8)) {
            let sql = format!(
                "INSERT INTO match_events (at, actor, kind, user_id, organisation_id, listing_id, for_listing_id, target_organisation_id) VALUES {}",
                crate::values_list(chunk.len(), 8, "")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for e in chunk {
                q = q
                    .bind(e.at)
                    .bind(e.actor.code())
                    .bind(e.kind.clone())
                    .bind(e.user_id)
                    .bind(e.organisation_id)
                    .bind(e.listing_id)
                    .bind(e.for_listing_id)
                    .bind(e.target_organisation_id);
            }
            q.execute(&mut *w.tx).await?;
        }
        w.commit_untracked().await
    }

    /// Everything the engine learns from, oldest first: the recorded events, and what the
    /// fairs record themselves (signed-in scans, bookmarks, contact requests, leads the
    /// exhibitor followed up by scoring or noting them) and what conversations show (a person
    /// writing to an organisation, the organisation answering: once per conversation).
    pub async fn match_history(&self) -> Result<Vec<MatchEvent>> {
        let rows = sqlx::query(
            "SELECT at, actor, kind, user_id, organisation_id, listing_id, for_listing_id, target_organisation_id
               FROM match_events
             UNION ALL SELECT at, 'person', 'scan', user_id, organisation_id, NULL, NULL, NULL
               FROM scans WHERE user_id IS NOT NULL
             UNION ALL SELECT created_at, 'person', 'bookmark', user_id, organisation_id, NULL, NULL, NULL
               FROM bookmarks
             UNION ALL SELECT last_at, 'person', 'contact', user_id, organisation_id, NULL, NULL, NULL
               FROM leads WHERE message <> ''
             UNION ALL SELECT last_at, 'organisation', 'follow_up', user_id, organisation_id, NULL, NULL, NULL
               FROM leads WHERE score > 0 OR note <> ''
             UNION ALL SELECT MIN(m.at), 'person', 'message', c.person_id, c.organisation_id, NULL, NULL, NULL
               FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.side = 'a' AND m.kind <> 'contact'
               WHERE c.organisation_id IS NOT NULL GROUP BY c.id, c.person_id, c.organisation_id
             UNION ALL SELECT MIN(m.at), 'organisation', 'reply', c.person_id, c.organisation_id, NULL, NULL, NULL
               FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.side = 'b'
               WHERE c.organisation_id IS NOT NULL GROUP BY c.id, c.person_id, c.organisation_id
             ORDER BY 1, 4, 5",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MatchEvent {
                    at: r.try_get(0)?,
                    actor: EventActor::parse(&r.try_get::<String, _>(1)?),
                    kind: r.try_get(2)?,
                    user_id: r.try_get(3)?,
                    organisation_id: r.try_get(4)?,
                    listing_id: r.try_get(5)?,
                    for_listing_id: r.try_get(6)?,
                    target_organisation_id: r.try_get(7)?,
                })
            })
            .collect()
    }

    /// Events recorded for a person (theirs and those about them), newest first.
    pub async fn match_events_of(&self, user: UserId, limit: i64) -> Result<Vec<MatchEvent>> {
        sqlx::query(
            "SELECT at, actor, kind, user_id, organisation_id, listing_id, for_listing_id, target_organisation_id
             FROM match_events WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(user)
        .bind(limit)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(MatchEvent {
                at: r.try_get("at")?,
                actor: EventActor::parse(&r.try_get::<String, _>("actor")?),
                kind: r.try_get("kind")?,
                user_id: r.try_get("user_id")?,
                organisation_id: r.try_get("organisation_id")?,
                listing_id: r.try_get("listing_id")?,
                for_listing_id: r.try_get("for_listing_id")?,
                target_organisation_id: r.try_get("target_organisation_id")?,
            })
        })
        .collect()
    }

    /// Deletes an account and, through the schema's cascades, everything that is only its
    /// own: sessions, contact details, profile, bookmarks, leads, match events.
    pub async fn delete_user(&self, id: UserId) -> Result<()> {
        let mut w = self.write().await?;
        let n = sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id)
            .execute(&mut *w.tx)
            .await?
            .rows_affected();
        crate::touched(n)?;
        w.commit().await
    }
}

type Job = (MatchEvent, Option<oneshot::Sender<Result<()>>>);

/// The group-committing writer of match events.
#[derive(Clone)]
pub struct EventRecorder {
    queue: mpsc::Sender<Job>,
}

impl EventRecorder {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(store: Store) -> EventRecorder {
        let (queue, mut rx) = mpsc::channel::<Job>(8192);
        tokio::spawn(async move {
            let mut jobs: Vec<Job> = Vec::with_capacity(512);
            while rx.recv_many(&mut jobs, 512).await > 0 {
                let batch = std::mem::take(&mut jobs);
                let events: Vec<MatchEvent> = batch.iter().map(|(e, _)| e.clone()).collect();
                let outcome = store.record_match_events(&events).await;
                if let Err(e) = &outcome {
                    tracing::warn!(error = %e, n = events.len(), "match events not written");
                }
                for (_, reply) in batch {
                    if let Some(reply) = reply {
                        let _ = reply.send(match &outcome {
                            Ok(()) => Ok(()),
                            Err(e) => Err(StorageError::Corrupt(e.to_string())),
                        });
                    }
                }
            }
        });
        EventRecorder { queue }
    }

    /// Records an event the caller acknowledges ("not interested"): returns once committed.
    pub async fn record(&self, event: MatchEvent) -> Result<()> {
        let (tx, rx) = oneshot::channel();
        let gone = || StorageError::Corrupt("the event writer has stopped".into());
        self.queue
            .send((event, Some(tx)))
            .await
            .map_err(|_| gone())?;
        rx.await.map_err(|_| gone())?
    }

    /// Queues an event nobody waits for (a page view); dropped, with a warning, when the
    /// writer is far behind, rather than slowing the page.
    pub fn note(&self, event: MatchEvent) {
        if self.queue.try_send((event, None)).is_err() {
            tracing::warn!("match event queue full; a view was not recorded");
        }
    }
}
