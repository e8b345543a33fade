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
                starts_on: "2030-12-08".into(),
                ends_on: "2030-12-09".into(),
                online_until: "2031-01-31".into(),
                time_zone: "Asia/Hong_Kong".into(),
            })
            .await
            .unwrap()
            .id;
        let session = SessionInput {
            day: "2030-12-08".into(),
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
            day: "2030-12-24".into(),
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

/// The whole path through the JSON API and the pages, on every engine: an organiser sets up a
/// session, a buyer asks an exhibitor, the exhibitor proposes another time, the buyer accepts;
/// A day of the fair relative to today in Hong Kong, so the test never ages.
fn day(offset: i64) -> String {
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Asia/Hong_Kong").unwrap())
        .date();
    today
        .checked_add(jiff::Span::new().days(offset))
        .unwrap()
        .to_string()
}

/// Slots that have begun are history: nobody asks for them or proposes them, a request naming
/// one lapses when it begins, and the scheduler leaves them (and the meetings held in them)
/// alone while counting those meetings against each person's cap.
#[tokio::test]
async fn slots_that_have_begun_are_history() {
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
                name: LocalizedText::new("今天展", "今天展", "Today Fair"),
                venue: LocalizedText::default(),
                starts_on: day(-1),
                ends_on: day(1),
                online_until: day(30),
                time_zone: "Asia/Hong_Kong".into(),
            })
            .await
            .unwrap()
            .id;
        for d in [day(-1), day(1)] {
            let session = SessionInput {
                day: d,
                starts: "09:00".into(),
                ends: "10:00".into(),
                slot_minutes: 30,
                tables: 2,
                breaks: vec![],
            };
            app.add_meeting_session(&organiser, fair, &session)
                .await
                .unwrap();
        }
        let buyer = caller(&store, person(&store, "buyer", PlatformRole::User).await).await;
        let mut sellers = Vec::new();
        for i in 0..3 {
            sellers.push(
                caller(
                    &store,
                    person(&store, &format!("seller{i}"), PlatformRole::User).await,
                )
                .await,
            );
        }
        let id = |c: &Caller| c.account.as_ref().unwrap().id;
        let slots = app.meeting_slots(&buyer, fair).await.unwrap();
        assert_eq!(slots.len(), 4, "[{engine}]");
        let (past, future) = (&slots[..2], &slots[2..]);
        assert!(past.iter().all(|s| s.starts_at < future[0].starts_at));

        let late = app
            .request_meeting(
                &buyer,
                fair,
                Invitee::Person(id(&sellers[0])),
                Some(past[0].id),
                "",
            )
            .await;
        assert!(
            matches!(
                late,
                Err(sc_app::Error::Conflict {
                    code: sc_domain::ErrorCode::SlotPassed,
                    ..
                })
            ),
            "[{engine}] {late:?}"
        );
        // A request for a slot to come lapses when that slot begins, not days later.
        let timed = app
            .request_meeting(
                &buyer,
                fair,
                Invitee::Person(id(&sellers[0])),
                Some(future[0].id),
                "",
            )
            .await
            .unwrap();
        let r = app.meeting_request(&buyer, timed).await.unwrap();
        assert_eq!(r.expires_at, future[0].starts_at, "[{engine}]");
        // Proposing a begun slot is refused too.
        let proposed = app
            .answer_meeting_request(&sellers[0], timed, RequestAction::Propose, Some(past[1].id))
            .await;
        assert!(
            matches!(
                proposed,
                Err(sc_app::Error::Conflict {
                    code: sc_domain::ErrorCode::SlotPassed,
                    ..
                })
            ),
            "[{engine}] {proposed:?}"
        );
        app.answer_meeting_request(&sellers[0], timed, RequestAction::Decline, None)
            .await
            .unwrap();

        // Yesterday the buyer met seller 0 (published then); today they accept two more
        // "any time" requests with a cap of two: one fits, in a slot still to come.
        app.set_meeting_cap(&buyer, fair, Some(2)).await.unwrap();
        let mut any = Vec::new();
        for s in &sellers {
            let r = app
                .request_meeting(&buyer, fair, Invitee::Person(id(s)), None, "")
                .await
                .unwrap();
            app.answer_meeting_request(s, r, RequestAction::Accept, None)
                .await
                .unwrap();
            any.push(r);
        }
        store
            .save_schedule(fair, &[(any[0], past[0].id, 1)])
            .await
            .unwrap();
        assert_eq!(store.publish_schedule(fair).await.unwrap(), 1);
        for move_published in [false, true] {
            let summary = app
                .schedule_meetings(&organiser, fair, move_published)
                .await
                .unwrap();
            assert_eq!(
                (summary.drafts, summary.unscheduled),
                (1, 1),
                "[{engine}] move_published={move_published}: {summary:?}"
            );
            let meetings = app.fair_meetings(&organiser, fair).await.unwrap();
            let held = meetings.iter().find(|r| r.id == any[0]).unwrap();
            let m = held.meeting.as_ref().unwrap();
            assert_eq!(
                (m.slot_id, m.status),
                (past[0].id, sc_domain::meeting::MeetingStatus::Published),
                "[{engine}] yesterday's meeting stays where it was"
            );
            let drafts: Vec<_> = meetings
                .iter()
                .filter_map(|r| r.meeting.as_ref())
                .filter(|m| m.status == sc_domain::meeting::MeetingStatus::Draft)
                .collect();
            assert_eq!(drafts.len(), 1, "[{engine}]");
            assert!(
                future.iter().any(|s| s.id == drafts[0].slot_id),
                "[{engine}] placed in a slot still to come"
            );
        }
    }
}

/// a second booking of the same person and slot is refused; availability is respected;
/// requests without a time go through the scheduler, are reviewed and published; each
/// person's calendar parses back with a strict iCalendar parser; the organiser never sees
/// the notes; the page shows it all in the reader's language.
#[tokio::test]
async fn meetings_through_the_api_and_the_pages() {
    use crate::harness::{org_body, page, servers, sign_in};
    use reqwest::StatusCode;
    use serde_json::{Value, json};
    for s in servers().await {
        let (organiser_id, _) = s.register("organiser@mtg.example.com", "HK", "en").await;
        s.store
            .set_platform_role(organiser_id, PlatformRole::Organiser)
            .await
            .unwrap();
        let organiser = s.login("organiser@mtg.example.com").await;
        let (_, buyer) = s
            .register("buyer@mtg.example.com", "CN-GD-SZ", "zh-Hant")
            .await;
        let (seller_id, seller) = s.register("seller@mtg.example.com", "HK", "en").await;
        let (_, late) = s.register("late@mtg.example.com", "MO", "en").await;
        let (busy_id, busy) = s.register("busy@mtg.example.com", "HK", "en").await;
        let r = s
            .post("/api/v1/organisations", Some(&seller), org_body("Sonic"))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let exhibitor = r.json()["id"].as_i64().unwrap();
        let r = s
            .post(
                "/api/v1/fairs",
                Some(&organiser),
                json!({"name": {"en": "Meeting Fair", "zh-Hant": "會面展"}, "starts_on": "2030-03-12", "ends_on": "2030-03-13", "online_until": "2030-04-30", "time_zone": "Asia/Hong_Kong"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let fair = r.json()["id"].as_i64().unwrap();

        // A session with a slot length the platform does not offer names the field.
        let bad = json!({"day": "2030-03-12", "starts": "10:00", "ends": "12:00", "slot_minutes": 25, "tables": 2});
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meeting-sessions"),
                Some(&organiser),
                bad,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("slot_minutes"), "{}", r.body);
        let session = json!({"day": "2030-03-12", "starts": "10:00", "ends": "12:00", "slot_minutes": 30, "tables": 2, "breaks": [{"starts": "11:00", "ends": "11:30"}]});
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meeting-sessions"),
                Some(&organiser),
                session,
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = s
            .get(&format!("/api/v1/fairs/{fair}/meeting-sessions"), None)
            .await;
        let slots: Vec<Value> = r.json()["items"][0]["slots"].as_array().unwrap().clone();
        let labels: Vec<&str> = slots.iter().map(|x| x["label"].as_str().unwrap()).collect();
        assert_eq!(labels, ["10:00–10:30", "10:30–11:00", "11:30–12:00"]);
        let slot = |i: usize| slots[i]["id"].as_i64().unwrap();

        // The buyer asks the exhibitor for 10:00; the exhibitor proposes 10:30; the buyer
        // accepts, and the meeting is booked at table 1.
        let note = "想了解 OEM 報價, 謝謝; see you";
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meeting-requests"),
                Some(&buyer),
                json!({"to": {"kind": "organisation", "id": exhibitor}, "slot": slot(0), "note": note}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let request = r.json();
        let rid = request["id"].as_i64().unwrap();
        assert_eq!(request["status"], "pending");
        assert_eq!(request["your_turn"], false);
        let r = s.get("/api/v1/me/meeting-requests", Some(&seller)).await;
        let theirs = &r.json()["items"][0];
        assert_eq!(theirs["id"], rid);
        assert_eq!(theirs["your_turn"], true);
        assert_eq!(theirs["note"], note);
        // A stranger cannot see it.
        assert_eq!(
            s.get(&format!("/api/v1/meeting-requests/{rid}"), Some(&late))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // The buyer cannot accept their own request.
        let r = s
            .post(
                &format!("/api/v1/meeting-requests/{rid}/answer"),
                Some(&buyer),
                json!({"action": "accept"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(r.json()["code"], "own_request");
        let r = s
            .post(
                &format!("/api/v1/meeting-requests/{rid}/answer"),
                Some(&seller),
                json!({"action": "propose", "slot": slot(1)}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["your_turn"], false);
        let r = s
            .post(
                &format!("/api/v1/meeting-requests/{rid}/answer"),
                Some(&buyer),
                json!({"action": "accept"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v = r.json();
        assert_eq!(v["status"], "accepted");
        assert_eq!(v["meeting"]["status"], "published");
        assert_eq!(v["meeting"]["table"], 1);
        assert_eq!(v["meeting"]["slot"]["id"], slot(1));
        assert_eq!(v["invitee"]["id"], seller_id);

        // Another buyer asks for the same time; the exhibitor's member is booked then.
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meeting-requests"),
                Some(&late),
                json!({"to": {"kind": "person", "id": seller_id}, "slot": slot(1)}),
            )
            .await;
        let clash = r.json()["id"].as_i64().unwrap();
        let r = s
            .post(
                &format!("/api/v1/meeting-requests/{clash}/answer"),
                Some(&seller),
                json!({"action": "accept"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(r.json()["code"], "double_booked");

        // Someone on booth duty at 11:30 cannot be booked then.
        let r = s
            .call(
                reqwest::Method::PUT,
                &format!("/api/v1/fairs/{fair}/my-availability"),
                Some(&busy),
                Some(json!({"unavailable": [{"slot": slot(2), "reason": "booth"}], "cap": 3})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["unavailable"][0]["reason"], "booth");
        let r = s
            .call(
                reqwest::Method::PUT,
                &format!("/api/v1/fairs/{fair}/my-availability"),
                Some(&busy),
                Some(json!({"unavailable": [{"slot": slot(2), "reason": "nap"}]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("unavailable[0].reason"), "{}", r.body);
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meeting-requests"),
                Some(&buyer),
                json!({"to": {"kind": "person", "id": busy_id}, "slot": slot(2)}),
            )
            .await;
        let to_busy = r.json()["id"].as_i64().unwrap();
        let r = s
            .post(
                &format!("/api/v1/meeting-requests/{to_busy}/answer"),
                Some(&busy),
                json!({"action": "accept"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(r.json()["code"], "unavailable");

        // Without a time: accepted, then placed by the organiser's scheduler, avoiding the
        // slot the seller already has.
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meeting-requests"),
                Some(&buyer),
                json!({"to": {"kind": "person", "id": busy_id}}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "an open request between the two: {}",
            r.body
        );
        let r = s
            .post(
                &format!("/api/v1/meeting-requests/{clash}/answer"),
                Some(&late),
                json!({"action": "cancel"}),
            )
            .await;
        assert_eq!(r.json()["status"], "cancelled");
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meeting-requests"),
                Some(&late),
                json!({"to": {"kind": "person", "id": seller_id}}),
            )
            .await;
        let open = r.json()["id"].as_i64().unwrap();
        let r = s
            .post(
                &format!("/api/v1/meeting-requests/{open}/answer"),
                Some(&seller),
                json!({"action": "accept"}),
            )
            .await;
        assert_eq!(r.json()["status"], "accepted");
        assert!(r.json()["meeting"].is_null());
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meetings/schedule"),
                Some(&seller),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meetings/schedule"),
                Some(&organiser),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let run = r.json();
        assert_eq!(run["drafts"], 1, "{run}");
        assert_eq!(run["kept"], 1, "{run}");
        assert_eq!(run["unscheduled"], 0, "{run}");
        assert_eq!(run["weight"], run["bound"], "{run}");
        // A draft is not in anyone's calendar yet; the organiser sees it without notes.
        let ics = s.get("/api/v1/me/meetings.ics", Some(&late)).await;
        assert!(!ics.body.contains("BEGIN:VEVENT"), "{}", ics.body);
        let r = s
            .get(&format!("/api/v1/fairs/{fair}/meetings"), Some(&organiser))
            .await;
        let items = r.json()["items"].as_array().unwrap().clone();
        assert!(items.iter().all(|x| x["note"].is_null()), "{items:?}");
        let draft = items.iter().find(|x| x["id"] == open).unwrap();
        assert_eq!(draft["meeting"]["status"], "draft");
        assert_ne!(
            draft["meeting"]["slot"]["id"],
            slot(1),
            "the seller is booked at 10:30"
        );
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meetings/publish"),
                Some(&organiser),
                json!({}),
            )
            .await;
        assert_eq!(r.json()["published"], 1, "{}", r.body);

        // Calendars: the seller has two events, each parsed back by a strict parser, with the
        // slot's instant in UTC and a UID that names the meeting.
        let r = s.get("/api/v1/me/meetings.ics", Some(&seller)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.content_type.starts_with("text/calendar"),
            "{}",
            r.content_type
        );
        let unfolded = icalendar::parser::unfold(&r.body);
        let cal = icalendar::parser::read_calendar(&unfolded)
            .unwrap_or_else(|e| panic!("{e}\n{}", r.body));
        let root = &cal.components;
        let events: Vec<_> = root
            .iter()
            .flat_map(|c| std::iter::once(c).chain(c.components.iter()))
            .filter(|c| c.name.as_str() == "VEVENT")
            .collect();
        assert_eq!(events.len(), 2, "{}", r.body);
        let prop = |e: &icalendar::parser::Component, name: &str| -> String {
            e.properties
                .iter()
                .find(|p| p.name.as_str() == name)
                .map(|p| p.val.as_str().to_string())
                .unwrap_or_default()
        };
        let starts: Vec<String> = events.iter().map(|e| prop(e, "DTSTART")).collect();
        // 10:30 in Hong Kong is 02:30 UTC.
        assert!(
            starts.contains(&"20300312T023000Z".to_string()),
            "{starts:?}"
        );
        let uids: Vec<String> = events.iter().map(|e| prop(e, "UID")).collect();
        assert!(uids.iter().all(|u| u.starts_with("meeting-")), "{uids:?}");
        assert_ne!(uids[0], uids[1]);
        // The UID stays when the calendar is fetched again.
        let again = s.get("/api/v1/me/meetings.ics", Some(&seller)).await.body;
        for u in &uids {
            assert!(again.contains(u.as_str()));
        }

        // Attendance waits for the meeting's time.
        let r = s
            .post(
                &format!("/api/v1/meeting-requests/{rid}/check-in"),
                Some(&buyer),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

        // The buyer's page, in their language: the meeting in the schedule with its table.
        let c = crate::harness::browser();
        sign_in(&c, &s, "buyer@mtg.example.com", "/").await;
        let (status, html) = page(&c, &s, &format!("/fairs/{fair}/meetings")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<h1>我的會面</h1>"), "{html}");
        assert!(html.contains("2030-03-12 10:30–11:00"), "{html}");
        assert!(html.contains("攤位當值"), "the availability form: {html}");
        assert!(!html.contains("??"), "a missing text: {html}");
        let (status, html) = page(&c, &s, "/meetings").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("會面展"),
            "the fair's name across fairs: {html}"
        );
    }
}

/// A meeting badge at the table: the partner's scan checks the meeting under way in, through
/// the API and the page; a stranger learns nothing, one's own badge says so, a visit from
/// another site asks first, and a reissued badge retires the old code.
#[tokio::test]
async fn a_partners_badge_checks_the_meeting_in() {
    use crate::harness::{browser, page, servers, sign_in};
    use reqwest::StatusCode;
    use serde_json::json;
    for s in servers().await {
        let (organiser_id, _) = s.register("organiser@badge.example.com", "HK", "en").await;
        s.store
            .set_platform_role(organiser_id, PlatformRole::Organiser)
            .await
            .unwrap();
        let organiser = s.login("organiser@badge.example.com").await;
        let (_, buyer) = s.register("buyer@badge.example.com", "HK", "en").await;
        let (seller_id, seller) = s.register("seller@badge.example.com", "HK", "en").await;
        let (_, stranger) = s.register("stranger@badge.example.com", "HK", "en").await;
        let r = s
            .post(
                "/api/v1/fairs",
                Some(&organiser),
                json!({"name": {"en": "Badge Fair"}, "starts_on": day(-1), "ends_on": day(1), "online_until": day(30), "time_zone": "Asia/Hong_Kong"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let fair = r.json()["id"].as_i64().unwrap();
        // A slot that starts in five minutes (or began 25 minutes ago, late in the evening):
        // either way the meeting can be checked in now.
        let hk = jiff::tz::TimeZone::get("Asia/Hong_Kong").unwrap();
        let now = jiff::Zoned::now().with_time_zone(hk);
        let minute = i64::from(now.hour()) * 60 + i64::from(now.minute());
        let start = if minute + 35 < 24 * 60 {
            minute + 5
        } else {
            minute - 25
        };
        let hhmm = |m: i64| format!("{:02}:{:02}", m / 60, m % 60);
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meeting-sessions"),
                Some(&organiser),
                json!({"day": day(0), "starts": hhmm(start), "ends": hhmm(start + 30), "slot_minutes": 30, "tables": 2}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = s
            .get(&format!("/api/v1/fairs/{fair}/meeting-sessions"), None)
            .await;
        let slot = r.json()["items"][0]["slots"][0]["id"].as_i64().unwrap();
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/meeting-requests"),
                Some(&buyer),
                json!({"to": {"kind": "person", "id": seller_id}, "note": ""}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let rid = r.json()["id"].as_i64().unwrap();
        let r = s
            .post(
                &format!("/api/v1/meeting-requests/{rid}/answer"),
                Some(&seller),
                json!({"action": "accept"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        s.store
            .save_schedule(fair, &[(rid, slot, 2)])
            .await
            .unwrap();
        s.store.publish_schedule(fair).await.unwrap();

        // The seller's badge: the same code until reissued.
        let r = s
            .get(&format!("/api/v1/fairs/{fair}/my-badge"), Some(&seller))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let token = r.json()["token"].as_str().unwrap().to_string();
        assert!(
            r.json()["url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/m/{token}"))
        );
        let again = s
            .get(&format!("/api/v1/fairs/{fair}/my-badge"), Some(&seller))
            .await;
        assert_eq!(again.json()["token"], token.as_str());

        let scan = |who: String| {
            let s = &s;
            let token = token.clone();
            async move {
                s.post(
                    &format!("/api/v1/meeting-badges/{token}/scan"),
                    Some(&who),
                    json!({}),
                )
                .await
            }
        };
        // A stranger is told nothing about whose badge it is.
        let r = scan(stranger.clone()).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["result"], "not_a_partner");
        assert!(r.json()["with"].is_null());
        assert!(!r.body.contains("seller"), "{}", r.body);
        let r = scan(seller.clone()).await;
        assert_eq!(r.json()["result"], "own");
        // The buyer's scan checks the meeting in.
        let r = scan(buyer.clone()).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["result"], "checked_in", "{}", r.body);
        assert_eq!(r.json()["meeting"]["id"], rid);
        let seen = s
            .get(&format!("/api/v1/meeting-requests/{rid}"), Some(&seller))
            .await;
        assert!(
            seen.json()["meeting"]["checked_in_at"].is_string()
                || seen.json()["meeting"]["checked_in_at"].is_number(),
            "{}",
            seen.body
        );

        // The page: the seller's fair page shows the badge; the buyer's scan page says who.
        let c = browser();
        sign_in(&c, &s, "seller@badge.example.com", "/").await;
        let (status, html) = page(&c, &s, &format!("/fairs/{fair}/meetings")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("id=\"badge\""), "{html}");
        assert!(
            html.contains(&format!("/m/{token}")) && html.contains("<svg"),
            "{html}"
        );
        let b = browser();
        sign_in(&b, &s, "buyer@badge.example.com", "/").await;
        let (status, html) = page(&b, &s, &format!("/m/{token}")).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(html.contains("Checked in: your meeting with"), "{html}");
        assert!(html.contains(&hhmm(start)), "{html}");
        // Sent from another site, the link asks before acting.
        let r = b
            .get(s.url(&format!("/m/{token}")))
            .header("sec-fetch-site", "cross-site")
            .send()
            .await
            .unwrap();
        let html = r.text().await.unwrap();
        assert!(html.contains(&format!("action=\"/m/{token}\"")), "{html}");
        assert!(!html.contains("Checked in:"), "{html}");
        // Signed out, the scan leads to the sign-in page and back.
        let anon = browser();
        let r = anon
            .get(s.url(&format!("/m/{token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        assert!(
            to.starts_with("/login?next=") && to.contains(&token),
            "{to}"
        );

        // The buyer's calendar subscription: no sign-in, the meeting in it, a new address
        // retires the old one.
        let r = s.get("/api/v1/me/calendar-feed", Some(&buyer)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let feed = r.json()["url"].as_str().unwrap().to_string();
        assert!(
            r.json()["webcal"]
                .as_str()
                .unwrap()
                .starts_with("webcal://")
        );
        let path = &feed[feed.find("/calendar/").unwrap()..];
        let ics = s.get(path, None).await;
        assert_eq!(ics.status, StatusCode::OK);
        assert!(
            ics.content_type.starts_with("text/calendar"),
            "{}",
            ics.content_type
        );
        assert!(
            ics.body.contains("UID:meeting-") && ics.body.contains("SUMMARY:"),
            "{}",
            ics.body
        );
        assert_eq!(ics.body.matches("BEGIN:VEVENT").count(), 1, "{}", ics.body);
        let r = s
            .post("/api/v1/me/calendar-feed", Some(&buyer), json!({}))
            .await;
        assert_ne!(r.json()["url"].as_str().unwrap(), feed);
        assert_eq!(s.get(path, None).await.status, StatusCode::NOT_FOUND);

        // A reissued badge retires the old code.
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/my-badge"),
                Some(&seller),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_ne!(r.json()["token"], token.as_str());
        let r = scan(buyer.clone()).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    }
}

/// Each person of a published meeting gets one reminder about an hour before it, in their
/// language, with the unsubscribe link; someone who unsubscribed gets none.
#[tokio::test]
async fn meeting_reminders_go_once_an_hour_before() {
    for (engine, url) in sc_storage::testing::database_urls().await {
        let store = Store::open(&url).await.unwrap();
        let search = std::sync::Arc::new(sc_search::SearchIndex::in_memory().unwrap());
        let dir =
            std::env::temp_dir().join(format!("sc-reminders-{engine}-{}", sc_storage::now_ms()));
        let mailer = sc_mail::Mailer::directory(
            dir.clone(),
            "superconnector <noreply@example.hk>",
            "https://fair.example.hk",
        )
        .unwrap();
        let app = App::new(store.clone(), search).with_mailer(std::sync::Arc::new(mailer));
        let organiser = caller(
            &store,
            person(&store, "organiser", PlatformRole::Organiser).await,
        )
        .await;
        let fair = store
            .create_fair(&FairInput {
                name: LocalizedText::new("提醒展", "提醒展", "Reminder Fair"),
                venue: LocalizedText::default(),
                starts_on: "2030-12-08".into(),
                ends_on: "2030-12-09".into(),
                online_until: "2031-01-31".into(),
                time_zone: "Asia/Hong_Kong".into(),
            })
            .await
            .unwrap()
            .id;
        let session = SessionInput {
            day: "2030-12-08".into(),
            starts: "10:00".into(),
            ends: "11:00".into(),
            slot_minutes: 30,
            tables: 2,
            breaks: vec![],
        };
        app.add_meeting_session(&organiser, fair, &session)
            .await
            .unwrap();
        let buyer = caller(&store, person(&store, "buyer", PlatformRole::User).await).await;
        let seller = caller(&store, person(&store, "seller", PlatformRole::User).await).await;
        let quiet = caller(&store, person(&store, "quiet", PlatformRole::User).await).await;
        let id = |c: &Caller| c.account.as_ref().unwrap().id;
        let slots = app.meeting_slots(&buyer, fair).await.unwrap();
        let mut placed = Vec::new();
        for (other, slot) in [(&seller, &slots[0]), (&quiet, &slots[1])] {
            let r = app
                .request_meeting(&buyer, fair, Invitee::Person(id(other)), None, "")
                .await
                .unwrap();
            app.answer_meeting_request(other, r, RequestAction::Accept, None)
                .await
                .unwrap();
            placed.push((r, slot.id, 1));
        }
        store.save_schedule(fair, &placed).await.unwrap();
        assert_eq!(store.publish_schedule(fair).await.unwrap(), 2);
        // "quiet" followed the unsubscribe link of an earlier mail.
        let token = store.mail_token(id(&quiet), "quiet-token").await.unwrap();
        assert!(
            store
                .set_mail_by_token(&token, false)
                .await
                .unwrap()
                .is_some()
        );

        let files = || -> Vec<String> {
            let mut v: Vec<String> = std::fs::read_dir(&dir)
                .map(|d| {
                    d.filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .filter(|n| n.ends_with(".eml"))
                        .collect()
                })
                .unwrap_or_default();
            v.sort();
            v
        };
        let first = slots[0].starts_at;
        // Two hours before: nothing yet.
        let r = app
            .send_meeting_reminders(first - 2 * 3_600_000)
            .await
            .unwrap();
        assert_eq!((r.sent, r.failed), (0, 0), "[{engine}]");
        // Half an hour before the first: its two people; the second meeting (30 minutes
        // later) is due too, but only the buyer wants mail.
        let r = app
            .send_meeting_reminders(first - 30 * 60_000)
            .await
            .unwrap();
        assert_eq!((r.sent, r.failed), (3, 0), "[{engine}]");
        let names = files();
        assert_eq!(names.len(), 3, "[{engine}] {names:?}");
        assert_eq!(
            names.iter().filter(|n| n.contains("buyer")).count(),
            2,
            "[{engine}] {names:?}"
        );
        assert_eq!(names.iter().filter(|n| n.contains("seller")).count(), 1);
        assert!(
            !names.iter().any(|n| n.contains("quiet")),
            "[{engine}] {names:?}"
        );
        let mail =
            std::fs::read_to_string(dir.join(names.iter().find(|n| n.contains("seller")).unwrap()))
                .unwrap();
        assert!(
            mail.contains("List-Unsubscribe: <https://fair.example.hk/unsubscribe/"),
            "{mail}"
        );
        // Once: a later round sends nothing more.
        let r = app
            .send_meeting_reminders(first - 10 * 60_000)
            .await
            .unwrap();
        assert_eq!((r.sent, r.failed), (0, 0), "[{engine}]");
        assert_eq!(files().len(), 3);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
