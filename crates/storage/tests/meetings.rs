//! Meetings on every engine: the database refuses double booking under concurrent requests,
//! lapsed requests free their slot, and the scheduler's drafts replace each other but never a
//! published meeting.

use sc_domain::ErrorCode;
use sc_domain::fair::FairInput;
use sc_domain::meeting::{RequestAction, RequestStatus, SessionInput};
use sc_domain::person::{PlatformRole, UserId};
use sc_domain::{Language, LocalizedText, Location};
use sc_storage::testing::database_urls;
use sc_storage::{Invitee, NewRequest, NewSlot, NewUser, StorageError, Store, now_ms};

async fn each_engine<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for (engine, url) in database_urls().await {
        eprintln!("engine: {engine}");
        let store = Store::open(&url).await.unwrap();
        test(store.clone()).await;
        store.close().await;
    }
}

async fn people(s: &Store, n: usize) -> Vec<UserId> {
    let mut ids = Vec::new();
    for i in 0..n {
        ids.push(
            s.create_user(&NewUser {
                email: format!("p{i}@example.com"),
                password_hash: "x".into(),
                display_name: format!("Person {i}"),
                preferred_language: Language::En,
                location: Location::HongKong,
                platform_role: PlatformRole::User,
            })
            .await
            .unwrap()
            .id,
        );
    }
    ids
}

/// A fair with one session of `slots` slots and `tables` tables.
async fn make_fair(s: &Store, slots: usize, tables: u32) -> (i64, Vec<i64>) {
    let fair = s
        .create_fair(&FairInput {
            name: LocalizedText::new("測試展", "测试展", "Test Fair"),
            venue: LocalizedText::default(),
            starts_on: "2026-12-08".into(),
            ends_on: "2026-12-08".into(),
            online_until: "2027-01-31".into(),
            time_zone: "Asia/Hong_Kong".into(),
        })
        .await
        .unwrap()
        .id;
    let input = SessionInput {
        day: "2026-12-08".into(),
        starts: "09:00".into(),
        ends: "17:00".into(),
        slot_minutes: 20,
        tables,
        breaks: vec![],
    };
    let new: Vec<NewSlot> = (0..slots as i64)
        .map(|i| NewSlot {
            starts_at: 1_796_000_000_000 + i * 1_200_000,
            ends_at: 1_796_000_000_000 + (i + 1) * 1_200_000,
            label: format!("slot {i}"),
        })
        .collect();
    s.add_meeting_session(fair, &input, &new).await.unwrap();
    let slots = s
        .meeting_slots(fair)
        .await
        .unwrap()
        .into_iter()
        .map(|x| x.id)
        .collect();
    (fair, slots)
}

fn request(fair: i64, from: UserId, to: UserId, slot: Option<i64>) -> NewRequest {
    NewRequest {
        fair_id: fair,
        from,
        to: Invitee::Person(to),
        slot,
        note: String::new(),
        weight: 1,
        expires_at: now_ms() + 3_600_000,
    }
}

fn code(e: StorageError) -> ErrorCode {
    match e {
        StorageError::Conflict { code, .. } => code,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn concurrent_acceptances_never_double_book_a_person_or_a_table() {
    each_engine(|s| async move {
        // Twelve buyers ask one exhibitor for the same slot; all answers race.
        let p = people(&s, 13).await;
        let (fair, slots) = make_fair(&s, 2, 20).await;
        let exhibitor = p[0];
        let mut ids = Vec::new();
        for &buyer in &p[1..] {
            ids.push(
                s.request_meeting(&request(fair, buyer, exhibitor, Some(slots[0])))
                    .await
                    .unwrap(),
            );
        }
        let tasks: Vec<_> = ids
            .iter()
            .map(|&id| {
                let s = s.clone();
                tokio::spawn(async move {
                    s.answer_meeting_request(id, RequestAction::Accept, exhibitor, false, None, 0)
                        .await
                })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => ok += 1,
                Err(e) => assert_eq!(code(e), ErrorCode::DoubleBooked, "the exhibitor is booked"),
            }
        }
        assert_eq!(ok, 1, "exactly one meeting for the exhibitor in the slot");
        let held = s.fair_meetings(fair).await.unwrap();
        assert_eq!(held.len(), 1);
        // The refused acceptances left their requests pending, holding nothing but the buyers'
        // own seats.
        let pending = s
            .meeting_requests_of(exhibitor, &[], Some(fair))
            .await
            .unwrap();
        assert_eq!(
            pending
                .iter()
                .filter(|r| r.status == RequestStatus::Pending)
                .count(),
            11
        );

        // One table, many pairs racing for it: one wins.
        let (fair2, slots2) = make_fair(&s, 1, 1).await;
        let mut ids = Vec::new();
        for pair in 0..6 {
            ids.push(
                s.request_meeting(&request(
                    fair2,
                    p[1 + pair],
                    p[7 + pair.min(5)],
                    Some(slots2[0]),
                ))
                .await
                .unwrap(),
            );
        }
        let tasks: Vec<_> = ids
            .iter()
            .enumerate()
            .map(|(i, &id)| {
                let s = s.clone();
                let to = p[7 + i.min(5)];
                tokio::spawn(async move {
                    s.answer_meeting_request(id, RequestAction::Accept, to, false, None, 0)
                        .await
                })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => ok += 1,
                Err(e) => assert!(
                    matches!(code(e), ErrorCode::NoTableFree),
                    "a table conflict"
                ),
            }
        }
        assert_eq!(ok, 1);
        assert_eq!(s.fair_meetings(fair2).await.unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_person_cannot_hold_two_slots_at_once_and_a_lapsed_request_frees_its_slot() {
    each_engine(|s| async move {
        let p = people(&s, 3).await;
        let (fair, slots) = make_fair(&s, 2, 5).await;
        // p0 asks p1 for slot 0 (holding p0's seat) and then p2 for the same slot: refused.
        let r1 = s
            .request_meeting(&NewRequest {
                expires_at: now_ms() - 1,
                ..request(fair, p[0], p[1], Some(slots[0]))
            })
            .await
            .unwrap();
        // r1 has already lapsed, so its hold no longer counts.
        let r2 = s
            .request_meeting(&request(fair, p[0], p[2], Some(slots[0])))
            .await
            .unwrap();
        // But a live hold does: a third request for the same slot is refused.
        let e = s
            .request_meeting(&request(fair, p[1], p[0], Some(slots[0])))
            .await
            .unwrap_err();
        assert_eq!(
            code(e),
            ErrorCode::PendingMeeting,
            "p0 and p1 still have r1 open until it is swept"
        );
        assert_eq!(s.expire_meeting_requests(now_ms()).await.unwrap(), 1);
        assert_eq!(
            s.meeting_request(r1).await.unwrap().status,
            RequestStatus::Expired
        );
        let e = s
            .request_meeting(&request(fair, p[1], p[0], Some(slots[0])))
            .await
            .unwrap();
        // p1 holds slot 0 now; answering the lapsed r1 is refused.
        let err = s
            .answer_meeting_request(r1, RequestAction::Accept, p[1], false, None, 0)
            .await
            .unwrap_err();
        assert_eq!(code(err), ErrorCode::RequestClosed);
        // p2 accepts r2: p0 meets p2 in slot 0; p0 accepting p1's request for slot 0 is refused.
        s.answer_meeting_request(r2, RequestAction::Accept, p[2], false, None, 0)
            .await
            .unwrap();
        let err = s
            .answer_meeting_request(e, RequestAction::Accept, p[0], false, None, 0)
            .await
            .unwrap_err();
        assert_eq!(code(err), ErrorCode::DoubleBooked);
        // p1 proposes slot 1 instead; p0 accepts.
        s.answer_meeting_request(
            e,
            RequestAction::Propose,
            p[0],
            false,
            Some(slots[1]),
            now_ms() + 60_000,
        )
        .await
        .unwrap();
        // (Who may accept a proposal is the use case's rule, sc_domain::meeting::may.)
        let r = s.meeting_request(e).await.unwrap();
        assert!(!r.from_asked_last && r.status == RequestStatus::Pending);
        s.answer_meeting_request(e, RequestAction::Accept, p[1], true, None, 0)
            .await
            .unwrap();
        let m = s.meeting_request(e).await.unwrap().meeting.unwrap();
        assert_eq!(m.slot_id, slots[1]);
        // Cancelling frees both seats: p1 can meet p2 in slot 1 now.
        s.answer_meeting_request(e, RequestAction::Cancel, p[1], true, None, 0)
            .await
            .unwrap();
        assert!(s.meeting_request(e).await.unwrap().meeting.is_none());
        let again = s
            .request_meeting(&request(fair, p[1], p[2], Some(slots[1])))
            .await
            .unwrap();
        s.answer_meeting_request(again, RequestAction::Accept, p[2], false, None, 0)
            .await
            .unwrap();
    })
    .await;
}

#[tokio::test]
async fn drafts_replace_drafts_and_publishing_keeps_them() {
    each_engine(|s| async move {
        let p = people(&s, 4).await;
        let (fair, slots) = make_fair(&s, 2, 2).await;
        let mut ids = Vec::new();
        for (a, b) in [(0, 2), (1, 2), (0, 3)] {
            let id = s
                .request_meeting(&request(fair, p[a], p[b], None))
                .await
                .unwrap();
            s.answer_meeting_request(id, RequestAction::Accept, p[b], false, None, 0)
                .await
                .unwrap();
            ids.push(id);
        }
        let data = s.scheduling_data(fair).await.unwrap();
        assert_eq!(data.accepted.len(), 3);
        assert!(data.published.is_empty());
        s.save_schedule(fair, &[(ids[0], slots[0], 1), (ids[1], slots[1], 1)])
            .await
            .unwrap();
        // A draft that double-books p0 in slot 0 is refused as a whole: the earlier drafts stay.
        let err = s
            .save_schedule(fair, &[(ids[0], slots[0], 1), (ids[2], slots[0], 2)])
            .await
            .unwrap_err();
        assert_eq!(code(err), ErrorCode::DoubleBooked);
        assert_eq!(s.fair_meetings(fair).await.unwrap().len(), 2);
        assert_eq!(s.publish_schedule(fair).await.unwrap(), 2);
        let data = s.scheduling_data(fair).await.unwrap();
        assert_eq!(data.published.len(), 2);
        assert_eq!(
            data.accepted.len(),
            1,
            "only the unplaced request is left to schedule"
        );
        s.save_schedule(fair, &[(ids[2], slots[1], 2)])
            .await
            .unwrap();
        let all = s.fair_meetings(fair).await.unwrap();
        assert_eq!(all.len(), 3, "a new draft beside the published meetings");
    })
    .await;
}
