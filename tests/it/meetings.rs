//! Meetings through the use cases on every engine: sessions cut into slots, requests answered,
//! the organiser's scheduler writing drafts that respect availability, publishing, re-running
//! without moving published meetings, and each person's calendar with stable UIDs.

use sc_access::Actor;
use sc_app::{App, Caller};
use sc_domain::fair::FairInput;
use sc_domain::meeting::{Break, RequestAction, RequestStatus, SessionInput};
use sc_domain::person::{PlatformRole, UserId};
use sc_domain::{Language, LocalizedText, Location};
use sc_storage::{Invitee, NewUser, Store};

async fn caller(store: &Store, id: UserId) -> Caller {
    let account = store.account(id).await.unwrap();
    Caller {
        actor: Actor::User {
            id,
            role: account.platform_role,
            memberships: store.memberships_of(id).await.unwrap(),
        },
        account: Some(account),
        session_hash: None,
    }
}

async fn person(store: &Store, name: &str, role: PlatformRole) -> UserId {
    store
        .create_user(&NewUser {
            email: format!("{name}@meet.example.com"),
            password_hash: "x".into(),
            display_name: name.into(),
            preferred_language: Language::En,
            location: Location::HongKong,
            platform_role: role,
        })
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn the_organisers_schedule_respects_availability_and_keeps_published_meetings() {
    for (engine, url) in sc_storage::testing::database_urls().await {
        let store = Store::open(&url).await.unwrap();
        let search = std::sync::Arc::new(sc_search::SearchIndex::in_memory().unwrap());
        let app = App::new(store.clone(), search);
        let organiser = caller(
            &store,
            person(&store, "organiser", PlatformRole::Organiser).await,
        )
        .await;
        let fair = store
            .create_fair(&FairInput {
                name: LocalizedText::new("會面展", "会面展", "Meeting Fair"),
                venue: LocalizedText::default(),
                starts_on: "2026-12-08".into(),
                ends_on: "2026-12-09".into(),
                online_until: "2027-01-31".into(),
                time_zone: "Asia/Hong_Kong".into(),
            })
            .await
            .unwrap()
            .id;
        let session = SessionInput {
            day: "2026-12-08".into(),
            starts: "09:00".into(),
            ends: "11:00".into(),
            slot_minutes: 20,
            tables: 2,
            breaks: vec![Break {
                starts: "10:00".into(),
                ends: "10:20".into(),
            }],
        };
        // Only organisers set sessions up, and a day outside the fair is refused by field.
        let buyer0 = caller(&store, person(&store, "buyer0", PlatformRole::User).await).await;
        assert!(matches!(
            app.add_meeting_session(&buyer0, fair, &session).await,
            Err(sc_app::Error::Forbidden)
        ));
        let wrong_day = SessionInput {
            day: "2026-12-24".into(),
            ..session.clone()
        };
        match app.add_meeting_session(&organiser, fair, &wrong_day).await {
            Err(sc_app::Error::Invalid(e)) => assert_eq!(e.0[0].field, "day"),
            other => panic!("[{engine}] {other:?}"),
        }
        app.add_meeting_session(&organiser, fair, &session)
            .await
            .unwrap();
        let slots = app.meeting_slots(&buyer0, fair).await.unwrap();
        let labels: Vec<&str> = slots.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "09:00–09:20",
                "09:20–09:40",
                "09:40–10:00",
                "10:20–10:40",
                "10:40–11:00"
            ]
        );

        let mut buyers = vec![buyer0];
        for i in 1..4 {
            buyers.push(
                caller(
                    &store,
                    person(&store, &format!("buyer{i}"), PlatformRole::User).await,
                )
                .await,
            );
        }
        let exhibitor = caller(
            &store,
            person(&store, "exhibitor", PlatformRole::User).await,
        )
        .await;
        let ex_id = exhibitor.account.as_ref().unwrap().id;
        // The exhibitor is on booth duty in the first two slots.
        app.set_unavailable(
            &exhibitor,
            fair,
            &[(slots[0].id, "booth".into()), (slots[1].id, "booth".into())],
        )
        .await
        .unwrap();
        let mut requests = Vec::new();
        for b in &buyers {
            let id = app
                .request_meeting(
                    b,
                    fair,
                    Invitee::Person(ex_id),
                    None,
                    "About your LED panels",
                )
                .await
                .unwrap();
            requests.push(id);
        }
        // The requester cannot accept their own request; a stranger cannot see it.
        let own = app
            .answer_meeting_request(&buyers[0], requests[0], RequestAction::Accept, None)
            .await;
        assert!(
            matches!(
                own,
                Err(sc_app::Error::Conflict {
                    code: sc_domain::ErrorCode::OwnRequest,
                    ..
                })
            ),
            "{own:?}"
        );
        let stranger = caller(&store, person(&store, "stranger", PlatformRole::User).await).await;
        assert!(matches!(
            app.meeting_request(&stranger, requests[0]).await,
            Err(sc_app::Error::NotFound)
        ));
        for &id in &requests[..3] {
            let r = app
                .answer_meeting_request(&exhibitor, id, RequestAction::Accept, None)
                .await
                .unwrap();
            assert_eq!(r.status, RequestStatus::Accepted);
        }
        assert!(matches!(
            app.schedule_meetings(&buyers[1], fair, false).await,
            Err(sc_app::Error::Forbidden)
        ));
        let summary = app
            .schedule_meetings(&organiser, fair, false)
            .await
            .unwrap();
        assert_eq!(
            (summary.drafts, summary.unscheduled),
            (3, 0),
            "[{engine}] {summary:?}"
        );
        let drafts = app.fair_meetings(&organiser, fair).await.unwrap();
        for r in &drafts {
            let m = r.meeting.as_ref().unwrap();
            assert!(
                m.slot_id != slots[0].id && m.slot_id != slots[1].id,
                "booth duty is respected"
            );
        }
        // Drafts are not in anybody's calendar yet.
        let ics = app
            .meetings_calendar(&exhibitor, "meet.example.com")
            .await
            .unwrap();
        assert!(!ics.contains("BEGIN:VEVENT"));
        assert_eq!(app.publish_meetings(&organiser, fair).await.unwrap(), 3);
        let ics = app
            .meetings_calendar(&exhibitor, "meet.example.com")
            .await
            .unwrap();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
        let uids: Vec<String> = ics
            .lines()
            .filter(|l| l.starts_with("UID:"))
            .map(String::from)
            .collect();
        let before: Vec<_> = app
            .fair_meetings(&organiser, fair)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.id, r.meeting.unwrap()))
            .collect();

        // A late acceptance and a re-run: the published meetings do not move.
        app.answer_meeting_request(&exhibitor, requests[3], RequestAction::Accept, None)
            .await
            .unwrap();
        let summary = app
            .schedule_meetings(&organiser, fair, false)
            .await
            .unwrap();
        assert_eq!(
            (summary.drafts, summary.kept),
            (0, 3),
            "[{engine}] the exhibitor's free slots are full: {summary:?}"
        );
        assert_eq!(summary.unscheduled, 1);
        let after: Vec<_> = app
            .fair_meetings(&organiser, fair)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.id, r.meeting.unwrap()))
            .collect();
        for (id, m) in &before {
            let (_, now) = after.iter().find(|(x, _)| x == id).unwrap();
            assert_eq!(
                (now.slot_id, now.table, now.id),
                (m.slot_id, m.table, m.id),
                "[{engine}] published meetings stay"
            );
        }
        // The exhibitor's booth duty ends: the re-run finds a slot for the fourth meeting.
        app.set_unavailable(&exhibitor, fair, &[(slots[0].id, "booth".into())])
            .await
            .unwrap();
        let summary = app
            .schedule_meetings(&organiser, fair, false)
            .await
            .unwrap();
        assert_eq!(
            (summary.drafts, summary.kept, summary.unscheduled),
            (1, 3, 0),
            "[{engine}] {summary:?}"
        );
        app.publish_meetings(&organiser, fair).await.unwrap();
        let ics = app
            .meetings_calendar(&exhibitor, "meet.example.com")
            .await
            .unwrap();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 4);
        for uid in &uids {
            assert!(ics.contains(uid.as_str()), "[{engine}] {uid} kept");
        }
        // The buyer's own calendar has their one meeting.
        let mine = app
            .meetings_calendar(&buyers[3], "meet.example.com")
            .await
            .unwrap();
        assert_eq!(mine.matches("BEGIN:VEVENT").count(), 1);
        assert!(mine.contains("SUMMARY:Meeting with exhibitor"));
        store.close().await;
    }
}
