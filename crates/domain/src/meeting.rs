//! One-to-one meetings at a fair: the organiser's meeting sessions (a day, opening hours, slot
//! length, tables, breaks) cut into slots; requests between people, which expire if nobody
//! answers so they do not hold a slot for ever; meetings with a slot and a table, never two for
//! one person or one table in one slot (the database enforces it).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ErrorCode;
use crate::error::{Invalid, Problems};
use crate::fair::{FairId, is_iso_date};
use crate::person::UserId;

pub type SessionId = i64;
pub type SlotId = i64;
pub type RequestId = i64;
pub type MeetingId = i64;

/// Slot lengths an organiser can choose, in minutes.
pub const SLOT_MINUTES: [u32; 3] = [15, 20, 30];
/// Most tables (or rooms) a session can have.
pub const MAX_TABLES: u32 = 2000;
/// A pending request lapses after this long unless the fair says otherwise.
pub const PENDING_HOURS: i64 = 48;
/// Longest note with a request.
pub const MAX_NOTE_CHARS: usize = 1000;
/// Most meetings a person can set as their cap at one fair.
pub const MAX_CAP: u32 = 200;

/// A meeting session as the organiser defines it (times are the fair's local time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    /// `YYYY-MM-DD`, one of the fair's days.
    pub day: String,
    /// `HH:MM`.
    pub starts: String,
    /// `HH:MM`, after `starts`.
    pub ends: String,
    /// 15, 20 or 30.
    pub slot_minutes: u32,
    /// Tables or rooms: meetings held at once.
    #[schema(minimum = 1, maximum = 2000)]
    pub tables: u32,
    /// Times without meetings (lunch, a keynote).
    #[serde(default)]
    pub breaks: Vec<Break>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Break {
    /// `HH:MM`.
    pub starts: String,
    /// `HH:MM`.
    pub ends: String,
}

/// Minutes after midnight of `HH:MM` (00:00 to 24:00).
pub fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

/// `HH:MM` of minutes after midnight.
pub fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

impl SessionInput {
    /// Checks the session against the fair's days (`first`..=`last`, `YYYY-MM-DD`).
    pub fn validate(&self, first: &str, last: &str) -> Result<(), Invalid> {
        let mut p = Problems::new();
        if !is_iso_date(&self.day) {
            p.push("day", ErrorCode::NotADate, "write the day as YYYY-MM-DD");
        } else if self.day.as_str() < first || self.day.as_str() > last {
            p.push(
                "day",
                ErrorCode::OutOfRange,
                format!("the fair runs from {first} to {last}"),
            );
        }
        let starts = parse_hhmm(&self.starts);
        let ends = parse_hhmm(&self.ends);
        if starts.is_none() {
            p.push("starts", ErrorCode::NotATime, "write the time as HH:MM");
        }
        if ends.is_none() {
            p.push("ends", ErrorCode::NotATime, "write the time as HH:MM");
        }
        if let (Some(s), Some(e)) = (starts, ends)
            && e <= s
        {
            p.push(
                "ends",
                ErrorCode::OutOfRange,
                "the session must end after it starts",
            );
        }
        if !SLOT_MINUTES.contains(&self.slot_minutes) {
            p.push(
                "slot_minutes",
                ErrorCode::OutOfRange,
                "slots last 15, 20 or 30 minutes",
            );
        }
        if self.tables == 0 || self.tables > MAX_TABLES {
            p.push(
                "tables",
                ErrorCode::OutOfRange,
                format!("from 1 to {MAX_TABLES} tables"),
            );
        }
        for (i, b) in self.breaks.iter().enumerate() {
            let (bs, be) = (parse_hhmm(&b.starts), parse_hhmm(&b.ends));
            match (bs, be) {
                (Some(bs), Some(be)) if be > bs => {}
                (Some(_), Some(_)) => p.push(
                    format!("breaks[{i}].ends"),
                    ErrorCode::OutOfRange,
                    "a break must end after it starts",
                ),
                _ => p.push(
                    format!("breaks[{i}]"),
                    ErrorCode::NotATime,
                    "write the times as HH:MM",
                ),
            }
        }
        if p.is_empty() && self.slots().is_empty() {
            p.push(
                "ends",
                ErrorCode::OutOfRange,
                "no slot fits between the start, the end and the breaks",
            );
        }
        p.finish()
    }

    /// The slots, as (start, end) minutes after midnight: back to back from the start, a slot
    /// that would overlap a break starting after it instead.
    pub fn slots(&self) -> Vec<(u32, u32)> {
        let (Some(start), Some(end)) = (parse_hhmm(&self.starts), parse_hhmm(&self.ends)) else {
            return Vec::new();
        };
        let len = self.slot_minutes.max(5);
        let mut breaks: Vec<(u32, u32)> = self
            .breaks
            .iter()
            .filter_map(|b| Some((parse_hhmm(&b.starts)?, parse_hhmm(&b.ends)?)))
            .filter(|(s, e)| e > s)
            .collect();
        breaks.sort_unstable();
        let mut out = Vec::new();
        let mut t = start;
        while t + len <= end {
            if let Some(&(_, be)) = breaks.iter().find(|&&(bs, be)| bs < t + len && be > t) {
                t = be;
                continue;
            }
            out.push((t, t + len));
            t += len;
        }
        out
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Asked; the other side has not answered.
    Pending,
    /// Both want to meet: a meeting exists or the organiser's scheduler will make one.
    Accepted,
    Declined,
    /// Withdrawn by either side.
    Cancelled,
    /// Nobody answered in time.
    Expired,
}

impl RequestStatus {
    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Accepted => "accepted",
            RequestStatus::Declined => "declined",
            RequestStatus::Cancelled => "cancelled",
            RequestStatus::Expired => "expired",
        }
    }
    pub fn parse(s: &str) -> Option<RequestStatus> {
        [
            RequestStatus::Pending,
            RequestStatus::Accepted,
            RequestStatus::Declined,
            RequestStatus::Cancelled,
            RequestStatus::Expired,
        ]
        .into_iter()
        .find(|x| x.code() == s)
    }
    /// Still asks for or holds a meeting.
    pub fn is_open(self) -> bool {
        matches!(self, RequestStatus::Pending | RequestStatus::Accepted)
    }
}

/// What someone does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestAction {
    Accept,
    Decline,
    /// Propose another slot (the other side then accepts or declines).
    Propose,
    Cancel,
}

/// Whether `action` may be taken on a request in `status` by the side that `asked_last`
/// (made the request or the last proposal) or by the other side.
pub fn may(
    status: RequestStatus,
    action: RequestAction,
    asked_last: bool,
) -> Result<(), ErrorCode> {
    use RequestAction::*;
    use RequestStatus::*;
    match (status, action) {
        (Pending, Accept | Decline) if asked_last => Err(ErrorCode::OwnRequest),
        (Pending, Accept | Decline | Propose | Cancel) => Ok(()),
        (Accepted, Cancel | Propose) => Ok(()),
        _ => Err(ErrorCode::RequestClosed),
    }
}

/// Checks a request's note.
pub fn check_note(note: &str) -> Result<(), Invalid> {
    let mut p = Problems::new();
    p.text("note", note, MAX_NOTE_CHARS);
    p.finish()
}

/// A meeting's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// Placed by the scheduler, not yet shown to the two people.
    Draft,
    /// In both people's schedules.
    Published,
}

impl MeetingStatus {
    pub fn code(self) -> &'static str {
        match self {
            MeetingStatus::Draft => "draft",
            MeetingStatus::Published => "published",
        }
    }
    pub fn parse(s: &str) -> Option<MeetingStatus> {
        match s {
            "draft" => Some(MeetingStatus::Draft),
            "published" => Some(MeetingStatus::Published),
            _ => None,
        }
    }
}

/// A stable iCalendar UID for a meeting: updates to the meeting replace the event in a
/// calendar instead of adding a second one.
pub fn ical_uid(meeting: MeetingId, fair: FairId, host: &str) -> String {
    format!("meeting-{meeting}-fair-{fair}@{host}")
}

/// The other person of a meeting.
pub fn partner(a: UserId, b: UserId, me: UserId) -> UserId {
    if me == a { b } else { a }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(starts: &str, ends: &str, minutes: u32, breaks: &[(&str, &str)]) -> SessionInput {
        SessionInput {
            day: "2026-12-08".into(),
            starts: starts.into(),
            ends: ends.into(),
            slot_minutes: minutes,
            tables: 10,
            breaks: breaks
                .iter()
                .map(|(s, e)| Break {
                    starts: (*s).into(),
                    ends: (*e).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn slots_skip_breaks_and_stop_before_the_end() {
        let s = session("09:00", "12:10", 20, &[("10:10", "10:30")]);
        let got: Vec<String> = s
            .slots()
            .iter()
            .map(|&(a, b)| format!("{}-{}", hhmm(a), hhmm(b)))
            .collect();
        assert_eq!(
            got,
            [
                "09:00-09:20",
                "09:20-09:40",
                "09:40-10:00",
                "10:30-10:50",
                "10:50-11:10",
                "11:10-11:30",
                "11:30-11:50",
                "11:50-12:10"
            ]
        );
    }

    #[test]
    fn sessions_are_checked_field_by_field() {
        let bad = SessionInput {
            day: "2026-12-31".into(),
            starts: "9:00".into(),
            ends: "08:00".into(),
            slot_minutes: 25,
            tables: 0,
            breaks: vec![Break {
                starts: "12:00".into(),
                ends: "11:00".into(),
            }],
        };
        let e = bad.validate("2026-12-08", "2026-12-10").unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            ["day", "starts", "slot_minutes", "tables", "breaks[0].ends"]
        );
        assert!(
            session("09:00", "09:10", 15, &[])
                .validate("2026-12-08", "2026-12-08")
                .is_err()
        );
        assert!(
            session("09:00", "17:00", 15, &[])
                .validate("2026-12-08", "2026-12-08")
                .is_ok()
        );
    }

    #[test]
    fn who_may_do_what_to_a_request() {
        use RequestAction::*;
        use RequestStatus::*;
        assert_eq!(may(Pending, Accept, true), Err(ErrorCode::OwnRequest));
        assert_eq!(may(Pending, Accept, false), Ok(()));
        assert_eq!(may(Pending, Cancel, true), Ok(()));
        assert_eq!(may(Accepted, Cancel, false), Ok(()));
        assert_eq!(may(Declined, Accept, false), Err(ErrorCode::RequestClosed));
        assert_eq!(may(Expired, Propose, true), Err(ErrorCode::RequestClosed));
    }
}
