//! One-to-one meetings at a fair. The organiser sets up sessions (cut into slots in the fair's
//! time zone) and runs the scheduler (sc-schedule) over the accepted requests: a draft to
//! review, then published. People ask each other (or an exhibitor) for a meeting, with or
//! without a time; the other side accepts, declines or proposes another time; a request nobody
//! answers lapses after [`PENDING_HOURS`] so it does not hold a slot. Each person's published
//! meetings are an iCalendar feed with stable UIDs.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use sc_access::Action;
use sc_domain::ErrorCode;
use sc_domain::error::Problems;
use sc_domain::fair::FairId;
use sc_domain::meeting::{
    self as rules, MAX_CAP, MeetingStatus, PENDING_HOURS, RequestAction, RequestId, RequestStatus,
    SessionId, SessionInput, SlotId, hhmm,
};
use sc_domain::organisation::OrgId;
use sc_schedule::instance::{Fixed, Instance, Person, Request, Slot};
use sc_storage::{Invitee, MeetingRequest, MeetingSession, MeetingSlot, NewRequest, NewSlot};

use crate::{App, Caller, Error, Result, now_ms};

/// What scanning a meeting badge did.
#[derive(Debug, Clone)]
pub enum BadgeScan {
    /// The meeting under way with the badge's owner is checked in.
    CheckedIn {
        fair: FairId,
        with: String,
        request: MeetingRequest,
        slot: MeetingSlot,
    },
    /// A meeting with the owner, but none under way; the next one if any.
    NotNow {
        fair: FairId,
        with: String,
        next: Option<(MeetingRequest, MeetingSlot)>,
    },
    /// The scanner has no published meeting with the badge's owner at that fair.
    NotAPartner { fair: FairId },
    /// The scanner's own badge.
    Own { fair: FairId },
}

/// Why a person is not available in a slot.
pub const UNAVAILABLE_REASONS: [&str; 3] = ["booth", "talk", "other"];

/// What the organiser's scheduler did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScheduleSummary {
    /// `exact` (proven optimal) or `heuristic`.
    pub method: String,
    /// Draft meetings written.
    pub drafts: usize,
    /// Published meetings kept where they were.
    pub kept: usize,
    /// Accepted requests that found no slot.
    pub unscheduled: usize,
    pub weight: u64,
    /// No schedule could hold more weight than this.
    pub bound: u64,
    /// Idle slots between meetings, over everyone.
    pub gaps: u64,
    pub warnings: Vec<String>,
}

fn conflict(code: ErrorCode, detail: &str) -> Error {
    Error::Conflict {
        code,
        detail: detail.into(),
    }
}

/// The effective status: a pending request past its time has lapsed, swept or not.
pub fn status_now(r: &MeetingRequest, now: i64) -> RequestStatus {
    if r.status == RequestStatus::Pending && r.expires_at < now {
        RequestStatus::Expired
    } else {
        r.status
    }
}

/// The slots of a session as UTC instants, labelled in the fair's time zone.
pub fn session_slots(input: &SessionInput, time_zone: &str) -> Result<Vec<NewSlot>> {
    let tz = TimeZone::get(time_zone).unwrap_or(TimeZone::UTC);
    let day: jiff::civil::Date = input
        .day
        .parse()
        .map_err(|_| Error::Invalid(sc_domain::Invalid(vec![])))?;
    let at = |minutes: u32| -> Result<i64> {
        let t = DateTime::from_parts(day, jiff::civil::Time::midnight())
            + jiff::Span::new().minutes(i64::from(minutes));
        let z = t
            .to_zoned(tz.clone())
            .map_err(|e| Error::Internal(e.to_string()))?;
        Ok(z.timestamp().as_millisecond())
    };
    input
        .slots()
        .into_iter()
        .map(|(s, e)| {
            Ok(NewSlot {
                starts_at: at(s)?,
                ends_at: at(e)?,
                label: format!("{}–{}", hhmm(s), hhmm(e)),
            })
        })
        .collect()
}

impl App {
    /// Adds a meeting session to a fair: organisers.
    pub async fn add_meeting_session(
        &self,
        caller: &Caller,
        fair: FairId,
        input: &SessionInput,
    ) -> Result<SessionId> {
        caller.may(Action::ManageFair)?;
        let f = self.store.fair(fair).await?;
        input.validate(&f.starts_on, &f.ends_on)?;
        let slots = session_slots(input, &f.time_zone)?;
        Ok(self.store.add_meeting_session(fair, input, &slots).await?)
    }

    pub async fn meeting_sessions(
        &self,
        caller: &Caller,
        fair: FairId,
    ) -> Result<Vec<MeetingSession>> {
        caller.may(Action::ReadFair)?;
        self.store.fair(fair).await?;
        Ok(self.store.meeting_sessions(fair).await?)
    }

    pub async fn meeting_slots(&self, caller: &Caller, fair: FairId) -> Result<Vec<MeetingSlot>> {
        caller.may(Action::ReadFair)?;
        self.store.fair(fair).await?;
        Ok(self.store.meeting_slots(fair).await?)
    }

    /// Sets the slots the caller cannot meet in at a fair (booth duty, a talk…).
    pub async fn set_unavailable(
        &self,
        caller: &Caller,
        fair: FairId,
        slots: &[(SlotId, String)],
    ) -> Result<()> {
        caller.may(Action::UseMyFair)?;
        let me = caller.account()?.id;
        let known: std::collections::HashSet<SlotId> = self
            .store
            .meeting_slots(fair)
            .await?
            .iter()
            .map(|s| s.id)
            .collect();
        let mut p = Problems::new();
        for (i, (slot, reason)) in slots.iter().enumerate() {
            if !known.contains(slot) {
                p.push(
                    format!("unavailable[{i}].slot"),
                    ErrorCode::UnknownCode,
                    "not a slot of this fair",
                );
            }
            if !UNAVAILABLE_REASONS.contains(&reason.as_str()) {
                p.push(
                    format!("unavailable[{i}].reason"),
                    ErrorCode::UnknownCode,
                    "the reasons are booth, talk and other",
                );
            }
        }
        p.finish()?;
        Ok(self.store.set_unavailable(fair, me, slots).await?)
    }

    pub async fn unavailable(
        &self,
        caller: &Caller,
        fair: FairId,
    ) -> Result<Vec<(SlotId, String)>> {
        caller.may(Action::UseMyFair)?;
        Ok(self.store.unavailable(fair, caller.account()?.id).await?)
    }

    /// The most meetings the caller takes at a fair, if they set one.
    pub async fn meeting_cap(&self, caller: &Caller, fair: FairId) -> Result<Option<u32>> {
        caller.may(Action::UseMyFair)?;
        let cap = self.store.meeting_cap(fair, caller.account()?.id).await?;
        Ok(cap.map(|c| c.clamp(0, i64::from(MAX_CAP)) as u32))
    }

    /// Sets the most meetings the caller takes at a fair (`None`: no limit but the slots).
    pub async fn set_meeting_cap(
        &self,
        caller: &Caller,
        fair: FairId,
        cap: Option<u32>,
    ) -> Result<()> {
        caller.may(Action::UseMyFair)?;
        if let Some(c) = cap
            && (c == 0 || c > MAX_CAP)
        {
            let mut p = Problems::new();
            p.push("cap", ErrorCode::OutOfRange, format!("from 1 to {MAX_CAP}"));
            p.finish()?;
        }
        self.store.fair(fair).await?;
        Ok(self
            .store
            .set_meeting_cap(fair, caller.account()?.id, cap.map(i64::from))
            .await?)
    }

    /// Asks a person or an exhibitor for a meeting at a fair, at a slot or whenever the
    /// organiser's scheduler finds one.
    pub async fn request_meeting(
        &self,
        caller: &Caller,
        fair: FairId,
        to: Invitee,
        slot: Option<SlotId>,
        note: &str,
    ) -> Result<RequestId> {
        caller.may(Action::UseMyFair)?;
        let me = caller.account()?.id;
        rules::check_note(note)?;
        self.store.fair(fair).await?;
        match to {
            Invitee::Person(p) if p == me => {
                return Err(conflict(ErrorCode::OwnRequest, "you cannot meet yourself"));
            }
            Invitee::Person(p) => {
                self.store.account(p).await.map_err(|_| Error::NotFound)?;
            }
            Invitee::Organisation(o) => {
                self.store
                    .organisation(o)
                    .await
                    .map_err(|_| Error::NotFound)?;
                if caller.actor.role_in(o).is_some() {
                    return Err(conflict(
                        ErrorCode::OwnOrganisation,
                        "this is your own organisation",
                    ));
                }
            }
        }
        let now = now_ms();
        let mut starts = None;
        if let Some(s) = slot {
            let (slot_fair, slot) = self
                .store
                .meeting_slot(s)
                .await
                .map_err(|_| Error::NotFound)?;
            if slot_fair != fair {
                return Err(Error::NotFound);
            }
            not_begun(&slot, now)?;
            starts = Some(slot.starts_at);
        }
        let expires_at = pending_until(now, starts);
        Ok(self
            .store
            .request_meeting(&NewRequest {
                fair_id: fair,
                from: me,
                to,
                slot,
                note: note.to_string(),
                weight: 1,
                expires_at,
            })
            .await?)
    }

    /// A request the caller is part of.
    pub async fn meeting_request(&self, caller: &Caller, id: RequestId) -> Result<MeetingRequest> {
        let r = self.store.meeting_request(id).await?;
        caller.may(Action::Meet {
            from: r.from_id,
            to: r.to_id,
            org: r.organisation_id,
        })?;
        Ok(r)
    }

    /// The caller's requests and meetings (made, received, or received by their organisations).
    pub async fn my_meeting_requests(
        &self,
        caller: &Caller,
        fair: Option<FairId>,
    ) -> Result<Vec<MeetingRequest>> {
        caller.may(Action::UseMyFair)?;
        let me = caller.account()?.id;
        let orgs: Vec<OrgId> = caller.actor.organisations();
        Ok(self.store.meeting_requests_of(me, &orgs, fair).await?)
    }

    /// Accept, decline, propose another slot, or cancel.
    pub async fn answer_meeting_request(
        &self,
        caller: &Caller,
        id: RequestId,
        action: RequestAction,
        slot: Option<SlotId>,
    ) -> Result<MeetingRequest> {
        let r = self.meeting_request(caller, id).await?;
        let me = caller.account()?.id;
        let by_from = r.from_id == me;
        let asked_last = if by_from {
            r.from_asked_last
        } else {
            !r.from_asked_last
        };
        let now = now_ms();
        rules::may(status_now(&r, now), action, asked_last).map_err(|code| {
            conflict(
                code,
                if code == ErrorCode::OwnRequest {
                    "the other side answers"
                } else {
                    "closed"
                },
            )
        })?;
        let mut proposed_start = None;
        if action == RequestAction::Propose {
            let s = slot.ok_or_else(|| {
                let mut p = Problems::new();
                p.push("slot", ErrorCode::Required, "choose a slot to propose");
                Error::Invalid(p.finish().err().unwrap_or(sc_domain::Invalid(vec![])))
            })?;
            let (slot_fair, slot) = self
                .store
                .meeting_slot(s)
                .await
                .map_err(|_| Error::NotFound)?;
            if slot_fair != r.fair_id {
                return Err(Error::NotFound);
            }
            not_begun(&slot, now)?;
            proposed_start = Some(slot.starts_at);
        }
        self.store
            .answer_meeting_request(
                id,
                action,
                me,
                by_from,
                slot,
                pending_until(now, proposed_start),
            )
            .await?;
        Ok(self.store.meeting_request(id).await?)
    }

    /// Sweeps lapsed requests (the server calls this every minute).
    pub async fn expire_meeting_requests(&self) -> Result<u64> {
        Ok(self.store.expire_meeting_requests(now_ms()).await?)
    }

    /// The fair's meetings, drafts and published: organisers.
    pub async fn fair_meetings(
        &self,
        caller: &Caller,
        fair: FairId,
    ) -> Result<Vec<MeetingRequest>> {
        caller.may(Action::ManageFair)?;
        self.store.fair(fair).await?;
        Ok(self.store.fair_meetings(fair).await?)
    }

    /// The instance the scheduler sees for a fair, and the request behind each of its requests.
    pub async fn scheduling_instance(
        &self,
        caller: &Caller,
        fair: FairId,
    ) -> Result<(Instance, Vec<RequestId>)> {
        caller.may(Action::ManageFair)?;
        self.store.fair(fair).await?;
        let data = self.store.scheduling_data(fair).await?;
        // Only slots that have not begun are placed; meetings in earlier ones are history.
        let now = now_ms();
        let open: Vec<&MeetingSlot> = data.slots.iter().filter(|s| s.starts_at > now).collect();
        let open_ids: std::collections::HashSet<SlotId> = open.iter().map(|s| s.id).collect();
        let slot_ids: Vec<String> = open.iter().map(|s| s.id.to_string()).collect();
        let mut day_index = std::collections::HashMap::new();
        let slots: Vec<Slot> = open
            .iter()
            .map(|s| {
                let n = day_index.len() as u32;
                let day = *day_index.entry(s.day.clone()).or_insert(n);
                Slot {
                    id: s.id.to_string(),
                    day,
                    tables: Some(s.tables as u32),
                }
            })
            .collect();
        let mut people: std::collections::BTreeMap<i64, Person> = std::collections::BTreeMap::new();
        fn person(people: &mut std::collections::BTreeMap<i64, Person>, id: i64) {
            people.entry(id).or_insert_with(|| Person {
                id: id.to_string(),
                cap: None,
                unavailable: Vec::new(),
                available: None,
            });
        }
        let mut requests = Vec::new();
        let mut ids = Vec::new();
        for &(r, a, b, w) in &data.accepted {
            person(&mut people, a);
            person(&mut people, b);
            requests.push(Request {
                id: Some(r.to_string()),
                a: a.to_string(),
                b: b.to_string(),
                weight: w.clamp(1, 1000) as u32,
            });
            ids.push(r);
        }
        let published: std::collections::HashMap<i64, (i64, i64)> = data
            .published
            .iter()
            .map(|&(r, s, t)| (r, (s, t)))
            .collect();
        let mut fixed = Vec::new();
        // A published meeting already under way or over counts against both people's caps.
        let mut held: std::collections::HashMap<i64, u32> = std::collections::HashMap::new();
        for row in self.store.fair_meetings(fair).await? {
            if let (Some(m), Some(to)) = (&row.meeting, row.to_id)
                && m.status == MeetingStatus::Published
                && published.contains_key(&row.id)
                && !open_ids.contains(&m.slot_id)
            {
                *held.entry(row.from_id).or_default() += 1;
                *held.entry(to).or_default() += 1;
                continue;
            }
            if let (Some(m), Some(to)) = (&row.meeting, row.to_id)
                && m.status == MeetingStatus::Published
                && published.contains_key(&row.id)
            {
                person(&mut people, row.from_id);
                person(&mut people, to);
                requests.push(Request {
                    id: Some(row.id.to_string()),
                    a: row.from_id.to_string(),
                    b: to.to_string(),
                    weight: row.weight.clamp(1, 1000) as u32,
                });
                ids.push(row.id);
                fixed.push(Fixed {
                    request: row.id.to_string(),
                    slot: m.slot_id.to_string(),
                    table: m.table as u32,
                });
            }
        }
        for &(slot, p) in &data.unavailable {
            if let Some(x) = people.get_mut(&p) {
                x.unavailable.push(slot.to_string());
            }
        }
        for &(p, cap) in &data.caps {
            if let Some(x) = people.get_mut(&p) {
                x.cap = Some(cap.clamp(0, u32::MAX as i64) as u32);
            }
        }
        for (p, n) in held {
            if let Some(x) = people.get_mut(&p)
                && let Some(c) = x.cap.as_mut()
            {
                *c = c.saturating_sub(n);
            }
        }
        for x in people.values_mut() {
            x.unavailable.sort();
            x.unavailable.dedup();
            x.unavailable.retain(|s| slot_ids.contains(s));
        }
        let instance = Instance {
            slots,
            tables: 1,
            people: people.into_values().collect(),
            requests,
            fixed,
        };
        Ok((instance, ids))
    }

    /// Runs the scheduler over the fair's accepted requests and writes the result as drafts
    /// (replacing earlier drafts); published meetings stay unless `move_published`.
    pub async fn schedule_meetings(
        &self,
        caller: &Caller,
        fair: FairId,
        move_published: bool,
    ) -> Result<ScheduleSummary> {
        let (instance, ids) = self.scheduling_instance(caller, fair).await?;
        if instance.slots.is_empty() {
            return Err(conflict(
                ErrorCode::Unavailable,
                "the fair has no meeting sessions yet",
            ));
        }
        let (schedule, instance) = tokio::task::spawn_blocking(move || {
            let pr = sc_schedule::Problem::compile(&instance, !move_published)
                .map_err(|e| Error::Internal(e.to_string()))?;
            let s = sc_schedule::schedule(&pr);
            sc_schedule::check(&pr, &s).map_err(Error::Internal)?;
            Ok::<_, Error>((s, instance))
        })
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
        let kept: std::collections::HashSet<usize> = if move_published {
            Default::default()
        } else {
            instance
                .fixed
                .iter()
                .filter_map(|f| f.request.parse::<i64>().ok())
                .filter_map(|r| ids.iter().position(|&x| x == r))
                .collect()
        };
        let drafts: Vec<(RequestId, SlotId, i64)> = schedule
            .meetings
            .iter()
            .filter(|m| !kept.contains(&m.request))
            .map(|m| {
                let slot: i64 = instance.slots[m.slot].id.parse().unwrap_or_default();
                (ids[m.request], slot, i64::from(m.table))
            })
            .collect();
        self.store.save_schedule(fair, &drafts).await?;
        Ok(ScheduleSummary {
            method: match schedule.method {
                sc_schedule::Method::Exact => "exact".into(),
                sc_schedule::Method::Heuristic => "heuristic".into(),
            },
            drafts: drafts.len(),
            kept: kept.len(),
            unscheduled: ids.len() - schedule.meetings.len(),
            weight: schedule.weight,
            bound: schedule.bound,
            gaps: schedule.gaps,
            warnings: schedule.warnings,
        })
    }

    /// Publishes the drafts: they enter both people's schedules.
    pub async fn publish_meetings(&self, caller: &Caller, fair: FairId) -> Result<u64> {
        caller.may(Action::ManageFair)?;
        self.store.fair(fair).await?;
        Ok(self.store.publish_schedule(fair).await?)
    }

    /// A published meeting of the caller's, or any of a fair's for its organisers, with the
    /// slot it is in.
    async fn attended(
        &self,
        caller: &Caller,
        id: RequestId,
    ) -> Result<(MeetingRequest, MeetingSlot)> {
        let r = self.store.meeting_request(id).await?;
        let party = caller
            .may(Action::Meet {
                from: r.from_id,
                to: r.to_id,
                org: r.organisation_id,
            })
            .is_ok();
        if !party {
            caller.may(Action::ManageFair)?;
        }
        let Some(m) = r
            .meeting
            .as_ref()
            .filter(|m| m.status == MeetingStatus::Published)
        else {
            return Err(conflict(
                ErrorCode::RequestClosed,
                "not a published meeting",
            ));
        };
        let (_, slot) = self.store.meeting_slot(m.slot_id).await?;
        Ok((r, slot))
    }

    /// Records that a published meeting took place (either person, or the organiser's desk),
    /// from ten minutes before its slot; it clears any no-show mark.
    pub async fn check_in_meeting(&self, caller: &Caller, id: RequestId) -> Result<MeetingRequest> {
        let (r, slot) = self.attended(caller, id).await?;
        let now = now_ms();
        if now < slot.starts_at - 10 * 60_000 {
            return Err(conflict(
                ErrorCode::RequestClosed,
                "the meeting has not started",
            ));
        }
        let m = r.meeting.as_ref().map(|m| m.id).unwrap_or_default();
        self.store.check_in_meeting(m, now).await?;
        Ok(self.store.meeting_request(id).await?)
    }

    /// The caller's meeting badge at a fair: the token their QR code carries.
    pub async fn meeting_badge(&self, caller: &Caller, fair: FairId) -> Result<String> {
        caller.may(Action::UseMyFair)?;
        self.store.fair(fair).await?;
        Ok(self.store.meeting_badge(fair, caller.account()?.id).await?)
    }

    /// Revokes the caller's badge at a fair (a photo of it was shared) and issues a new one.
    pub async fn reissue_meeting_badge(&self, caller: &Caller, fair: FairId) -> Result<String> {
        caller.may(Action::UseMyFair)?;
        self.store.fair(fair).await?;
        Ok(self
            .store
            .reissue_meeting_badge(fair, caller.account()?.id)
            .await?)
    }

    /// The fair a live badge is for, without acting on it (the confirmation page).
    pub async fn scan_badge_fair(&self, caller: &Caller, token: &str) -> Result<Option<FairId>> {
        caller.may(Action::UseMyFair)?;
        Ok(self.store.badge_owner(token).await?.map(|(f, _)| f))
    }

    /// The caller scanned a badge: their published meeting with its owner that is under way
    /// (from ten minutes before the slot to its end) is checked in. The owner's name is told
    /// only to someone who has a meeting with them at that fair.
    pub async fn scan_badge(&self, caller: &Caller, token: &str) -> Result<BadgeScan> {
        caller.may(Action::UseMyFair)?;
        let me = caller.account()?.id;
        let Some((fair, owner)) = self.store.badge_owner(token).await? else {
            return Err(Error::NotFound);
        };
        if owner == me {
            return Ok(BadgeScan::Own { fair });
        }
        let orgs: Vec<OrgId> = caller.actor.organisations();
        let now = now_ms();
        let mut ours = Vec::new();
        for r in self
            .store
            .meeting_requests_of(me, &orgs, Some(fair))
            .await?
        {
            let other = if r.from_id == me {
                r.to_id
            } else {
                Some(r.from_id)
            };
            let published = r
                .meeting
                .as_ref()
                .is_some_and(|m| m.status == MeetingStatus::Published);
            if other == Some(owner) && published && (r.from_id == me || r.to_id == Some(me)) {
                let slot_id = r.meeting.as_ref().map(|m| m.slot_id).unwrap_or_default();
                let (_, slot) = self.store.meeting_slot(slot_id).await?;
                ours.push((r, slot));
            }
        }
        if ours.is_empty() {
            return Ok(BadgeScan::NotAPartner { fair });
        }
        let with = self.store.account(owner).await?.display_name;
        ours.sort_by_key(|(_, s)| s.starts_at);
        if let Some((r, slot)) = ours
            .iter()
            .find(|(_, s)| now >= s.starts_at - 10 * 60_000 && now < s.ends_at)
        {
            let m = r.meeting.as_ref().map(|m| m.id).unwrap_or_default();
            self.store.check_in_meeting(m, now).await?;
            let request = self.store.meeting_request(r.id).await?;
            return Ok(BadgeScan::CheckedIn {
                fair,
                with,
                request,
                slot: slot.clone(),
            });
        }
        let next = ours.into_iter().find(|(_, s)| s.starts_at > now);
        Ok(BadgeScan::NotNow { fair, with, next })
    }

    /// Marks a person as not having come to a published meeting, once its slot has begun and
    /// while nobody checked in. A person marks the other side; an organiser names the side
    /// (`requester`: the one who asked).
    pub async fn mark_no_show(
        &self,
        caller: &Caller,
        id: RequestId,
        requester: Option<bool>,
    ) -> Result<MeetingRequest> {
        let (r, slot) = self.attended(caller, id).await?;
        let me = caller.account()?.id;
        let side_a = if r.from_id == me {
            false
        } else if r.to_id == Some(me) {
            true
        } else {
            requester.ok_or_else(|| {
                let mut p = Problems::new();
                p.push(
                    "requester",
                    ErrorCode::Required,
                    "say which side did not come",
                );
                Error::Invalid(p.finish().err().unwrap_or(sc_domain::Invalid(vec![])))
            })?
        };
        let m = r
            .meeting
            .as_ref()
            .expect("attended returns published meetings");
        if now_ms() < slot.starts_at {
            return Err(conflict(
                ErrorCode::RequestClosed,
                "the meeting has not started",
            ));
        }
        if m.checked_in_at.is_some() {
            return Err(conflict(ErrorCode::RequestClosed, "the meeting took place"));
        }
        self.store.mark_no_show(m.id, side_a).await?;
        Ok(self.store.meeting_request(id).await?)
    }

    /// The caller's published meetings as an iCalendar document (RFC 5545), one event per
    /// The caller's calendar subscription token (for `/calendar/{token}.ics`).
    pub async fn calendar_feed(&self, caller: &Caller) -> Result<String> {
        caller.may(Action::UseMyFair)?;
        Ok(self.store.calendar_feed(caller.account()?.id).await?)
    }

    /// A new calendar address for the caller; the old one stops working.
    pub async fn reissue_calendar_feed(&self, caller: &Caller) -> Result<String> {
        caller.may(Action::UseMyFair)?;
        Ok(self
            .store
            .reissue_calendar_feed(caller.account()?.id)
            .await?)
    }

    /// The calendar a subscription token stands for: its owner's, as [`Self::meetings_calendar`]
    /// gives it to them. The token is the only authority (calendar applications do not sign in).
    pub async fn calendar_by_feed(&self, token: &str, host: &str) -> Result<String> {
        let Some(owner) = self.store.calendar_feed_owner(token).await? else {
            return Err(Error::NotFound);
        };
        let account = self.store.account(owner).await?;
        let caller = Caller {
            actor: sc_access::Actor::User {
                id: account.id,
                role: account.platform_role,
                memberships: self.store.memberships_of(account.id).await?,
            },
            account: Some(account),
            session_hash: None,
        };
        self.meetings_calendar(&caller, host).await
    }

    /// meeting with a UID that stays the same when the meeting moves.
    pub async fn meetings_calendar(&self, caller: &Caller, host: &str) -> Result<String> {
        let rows = self.my_meeting_requests(caller, None).await?;
        let me = caller.account()?.id;
        let mut fairs = std::collections::HashMap::new();
        let mut events = Vec::new();
        for r in rows {
            let (Some(m), Some(to)) = (&r.meeting, r.to_id) else {
                continue;
            };
            if m.status != MeetingStatus::Published || r.status != RequestStatus::Accepted {
                continue;
            }
            if r.from_id != me && to != me {
                continue;
            }
            let (slot_fair, slot) = self.store.meeting_slot(m.slot_id).await?;
            let fair_name = match fairs.get(&slot_fair) {
                Some(n) => n,
                None => {
                    let f = self.store.fair(slot_fair).await?;
                    fairs
                        .entry(slot_fair)
                        .or_insert(f.name.best(sc_domain::Language::En).to_string())
                }
            };
            let partner = if r.from_id == me {
                r.to_name.clone().unwrap_or_default()
            } else {
                r.from_name.clone()
            };
            events.push(Event {
                uid: rules::ical_uid(m.id, slot_fair, host),
                sequence: m.sequence,
                starts_at: slot.starts_at,
                ends_at: slot.ends_at,
                summary: format!("Meeting with {partner}"),
                location: format!("{fair_name}, table {}", m.table),
            });
        }
        Ok(calendar(&events, now_ms()))
    }
}

struct Event {
    uid: String,
    sequence: i64,
    starts_at: i64,
    ends_at: i64,
    summary: String,
    location: String,
}

fn utc(ms: i64) -> String {
    Timestamp::from_millisecond(ms)
        .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a character (RFC 5545 §3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// A slot can be asked for, or proposed, only before it begins.
fn not_begun(slot: &MeetingSlot, now: i64) -> Result<()> {
    if slot.starts_at <= now {
        return Err(conflict(ErrorCode::SlotPassed, "that slot has begun"));
    }
    Ok(())
}

/// A pending request lapses after [`PENDING_HOURS`], or when the slot it names begins,
/// whichever comes first: nobody accepts a meeting that is already under way.
fn pending_until(now: i64, slot_starts: Option<i64>) -> i64 {
    let lapse = now + PENDING_HOURS * 3_600_000;
    slot_starts.map_or(lapse, |s| lapse.min(s))
}

fn calendar(events: &[Event], now: i64) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//superconnector//meetings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        fold(line, &mut out);
    }
    for e in events {
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}", e.uid), &mut out);
        fold(&format!("SEQUENCE:{}", e.sequence), &mut out);
        fold(&format!("DTSTAMP:{}", utc(now)), &mut out);
        fold(&format!("DTSTART:{}", utc(e.starts_at)), &mut out);
        fold(&format!("DTEND:{}", utc(e.ends_at)), &mut out);
        fold(&format!("SUMMARY:{}", escape(&e.summary)), &mut out);
        fold(&format!("LOCATION:{}", escape(&e.location)), &mut out);
        fold("STATUS:CONFIRMED", &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_cut_in_the_fairs_time_zone() {
        let input = SessionInput {
            day: "2026-12-08".into(),
            starts: "09:00".into(),
            ends: "10:00".into(),
            slot_minutes: 30,
            tables: 5,
            breaks: vec![],
        };
        let slots = session_slots(&input, "Asia/Hong_Kong").unwrap();
        assert_eq!(slots.len(), 2);
        // 09:00 in Hong Kong is 01:00 UTC.
        assert_eq!(utc(slots[0].starts_at), "20261208T010000Z");
        assert_eq!(slots[1].label, "09:30–10:00");
    }

    #[test]
    fn calendar_lines_are_escaped_and_folded() {
        let e = Event {
            uid: "meeting-1-fair-2@example.com".into(),
            sequence: 3,
            starts_at: 1_796_000_000_000,
            ends_at: 1_796_001_200_000,
            summary: "Meeting with 陳大文, Acme; R&D".into(),
            location: "香港秋季採購交易會 ".repeat(6),
        };
        let ics = calendar(&[e], 1_796_000_000_000);
        assert!(ics.contains("SUMMARY:Meeting with 陳大文\\, Acme\\; R&D\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    }
}
