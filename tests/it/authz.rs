//! Every endpoint this issue adds, called by every role, with the status each must get.
//! Roles, in column order: anonymous, individual user, organisation member, organisation
//! administrator, organiser, platform administrator (the organisation is the target's).

use std::sync::atomic::{AtomicUsize, Ordering};

use reqwest::Method;
use sc_domain::listing::{ListingInput, ListingStatus, Owner};
use sc_domain::organisation::OrganisationInput;
use sc_domain::person::{OrgRole, PlatformRole};
use serde_json::{Value, json};

use crate::harness::{Server, org_body, product_body, servers};

const ROLES: [&str; 6] = [
    "anonymous",
    "individual",
    "org_member",
    "org_admin",
    "organiser",
    "platform_admin",
];

struct World {
    tokens: Vec<Option<String>>,
    emails: Vec<String>,
    ids: Vec<i64>,
    dummy_email: String,
    dummy_id: i64,
    fair: i64,
}

/// Fresh things to act on, so that one role's successful delete does not change another's case.
struct Target {
    org: i64,
    published: i64,
    draft: i64,
    personal: i64,
    /// The target organisation exhibits at the fair; this is its booth's QR token.
    token: String,
    booth: i64,
    /// A conversation between the individual (side A) and the organisation, with the
    /// organisation's message holding a file, and the individual's report of it.
    conversation: i64,
    message: i64,
    attachment: i64,
    report: i64,
    /// A pending meeting request from the individual to the organisation.
    request: i64,
    /// The individual's meeting badge at the fair.
    badge: String,
    /// The individual's calendar subscription token.
    feed: String,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

async fn world(s: &Server) -> World {
    let mut tokens = vec![None];
    let mut emails = vec![String::new()];
    let mut ids = vec![0];
    for role in &ROLES[1..] {
        let email = format!("{role}@authz.example.com");
        let (id, token) = s.register(&email, "HK", "en").await;
        tokens.push(Some(token));
        emails.push(email);
        ids.push(id);
    }
    s.store
        .set_platform_role(ids[4], PlatformRole::Organiser)
        .await
        .unwrap();
    s.store
        .set_platform_role(ids[5], PlatformRole::Admin)
        .await
        .unwrap();
    let (dummy_id, _) = s.register("dummy@authz.example.com", "SG", "en").await;
    let fair: sc_domain::fair::FairInput = serde_json::from_value(json!({"name": {"en": "Fair"}, "starts_on": "2030-12-01", "ends_on": "2030-12-03", "online_until": "2031-01-01"})).unwrap();
    let fair = s.store.create_fair(&fair).await.unwrap().id;
    let mut b = s.store.batch().await.unwrap();
    // H1 holds the targets' booths; H2 has none, for plan uploads.
    for code in ["H1", "H2"] {
        b.insert_hall(
            fair,
            &sc_storage::NewHall {
                code: code.into(),
                name: Default::default(),
            },
        )
        .await
        .unwrap();
    }
    b.commit().await.unwrap();
    // A meeting session on the fair's second day, for requests and the scheduler.
    let session = sc_domain::meeting::SessionInput {
        day: "2030-12-02".into(),
        starts: "09:00".into(),
        ends: "12:00".into(),
        slot_minutes: 30,
        tables: 3,
        breaks: vec![],
    };
    let slots = sc_app::meetings::session_slots(&session, "Asia/Hong_Kong").unwrap();
    s.store
        .add_meeting_session(fair, &session, &slots)
        .await
        .unwrap();
    World {
        tokens,
        emails,
        ids,
        dummy_email: "dummy@authz.example.com".into(),
        dummy_id,
        fair,
    }
}

async fn target(s: &Server, w: &World) -> Target {
    let input: OrganisationInput = serde_json::from_value(org_body("Target")).unwrap();
    let org = s
        .store
        .create_organisation(&input, w.ids[3])
        .await
        .unwrap()
        .id;
    s.store
        .add_member(org, w.ids[2], OrgRole::Member)
        .await
        .unwrap();
    let listing = |status: &str| -> ListingInput {
        serde_json::from_value(product_body(None, "Charger", status)).unwrap()
    };
    let published = s
        .store
        .create_listing(Owner::Organisation(org), &listing("published"), w.ids[3])
        .await
        .unwrap()
        .id;
    let draft = s
        .store
        .create_listing(Owner::Organisation(org), &listing("draft"), w.ids[3])
        .await
        .unwrap()
        .id;
    let job: ListingInput = serde_json::from_value(json!({"kind": "talent_profile", "title": {"en": "Analyst"}, "attributes": {"years_experience": 3}})).unwrap();
    let personal = s
        .store
        .create_listing(Owner::Person(w.ids[1]), &job, w.ids[1])
        .await
        .unwrap()
        .id;
    assert_eq!(
        s.store.listing(draft).await.unwrap().status,
        ListingStatus::Draft
    );
    let hall = s.store.halls(w.fair).await.unwrap()[0].id;
    let mut b = s.store.batch().await.unwrap();
    let booth = b
        .insert_booth(
            hall,
            &sc_storage::NewBooth {
                code: format!("B{}", COUNTER.fetch_add(1, Ordering::Relaxed)),
                organisation_id: Some(org),
            },
        )
        .await
        .unwrap();
    b.commit().await.unwrap();
    let token = s
        .store
        .booth_codes(w.fair)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.booth_id == booth)
        .unwrap()
        .token;
    let parties = sc_domain::conversation::Parties {
        a: w.ids[1],
        b: Owner::Organisation(org),
    };
    let msg = |side, author: i64, body: &str, file: bool| sc_storage::NewMessage {
        side,
        author,
        kind: sc_domain::conversation::MessageKind::Text,
        body: body.into(),
        folded: body.into(),
        data: json!({}),
        listing_id: None,
        attachments: if file {
            vec![sc_storage::NewAttachment {
                name: "price.pdf".into(),
                media_type: "application/pdf".into(),
                digest: "d".into(),
                bytes: b"%PDF-1.4".to_vec(),
            }]
        } else {
            vec![]
        },
    };
    use sc_domain::conversation::Side;
    let opened = s
        .store
        .start_conversation(
            &sc_storage::Opening {
                parties,
                topic: String::new(),
                listing_id: None,
                fair_id: Some(w.fair),
            },
            &msg(Side::A, w.ids[1], "Price, please", false),
        )
        .await
        .unwrap();
    let conversation = opened.conversation_id;
    let answer = s
        .store
        .post_message(conversation, &msg(Side::B, w.ids[3], "Attached", true))
        .await
        .unwrap();
    let attachment = s.store.messages(conversation, None, 10).await.unwrap()[1].attachments[0].id;
    let report = s
        .store
        .report_conversation(
            conversation,
            Some(answer.message_id),
            w.ids[1],
            Owner::Organisation(org),
            "spam",
            "Attached",
            Some(w.fair),
        )
        .await
        .unwrap();
    let request = s
        .store
        .request_meeting(&sc_storage::NewRequest {
            fair_id: w.fair,
            from: w.ids[1],
            to: sc_storage::Invitee::Organisation(org),
            slot: None,
            note: "Shall we meet?".into(),
            weight: 1,
            expires_at: sc_storage::now_ms() + 48 * 3_600_000,
        })
        .await
        .unwrap();
    let badge = s.store.meeting_badge(w.fair, w.ids[1]).await.unwrap();
    let feed = s.store.calendar_feed(w.ids[1]).await.unwrap();
    Target {
        request,
        badge,
        feed,
        org,
        published,
        draft,
        personal,
        token,
        booth,
        conversation,
        message: answer.message_id,
        attachment,
        report,
    }
}

type Body = fn(&World, &Target) -> Option<Value>;

struct Case {
    method: Method,
    /// Placeholders: {org} {published} {draft} {personal} {member} {dummy} {fair} {token} {booth},
    /// and {none} (an id nothing has), {digest}, {lang}, {hall} (the fair's empty hall).
    path: &'static str,
    body: Body,
    expect: [u16; 6],
    /// Use a throwaway session (for signing out), not the role's shared one.
    own_session: bool,
}

fn none(_: &World, _: &Target) -> Option<Value> {
    None
}

fn case(method: Method, path: &'static str, body: Body, expect: [u16; 6]) -> Case {
    Case {
        method,
        path,
        body,
        expect,
        own_session: false,
    }
}

fn cases() -> Vec<Case> {
    use Method as M;
    let all_ok = [200; 6];
    vec![
        case(M::GET, "/healthz", none, all_ok),
        case(M::GET, "/api/openapi.json", none, all_ok),
        case(M::GET, "/api/v1/markets", none, all_ok),
        case(
            M::GET,
            "/api/v1/text/analyze?text=%E9%A6%99%E6%B8%AF",
            none,
            all_ok,
        ),
        case(M::GET, "/api/v1/search?q=charger", none, all_ok),
        case(M::GET, "/api/v1/search/suggest?q=char", none, all_ok),
        case(M::GET, "/search?q=charger", none, all_ok),
        case(
            M::POST,
            "/api/v1/auth/register",
            |_, _| {
                let n = COUNTER.fetch_add(1, Ordering::Relaxed);
                Some(
                    json!({"email": format!("new{n}@authz.example.com"), "password": "correct horse battery", "display_name": "New", "location": "MO"}),
                )
            },
            [201; 6],
        ),
        case(
            M::POST,
            "/api/v1/auth/login",
            |w, _| Some(json!({"email": w.dummy_email, "password": "correct horse battery"})),
            all_ok,
        ),
        Case {
            method: M::POST,
            path: "/api/v1/auth/logout",
            body: none,
            expect: [401, 204, 204, 204, 204, 204],
            own_session: true,
        },
        case(M::GET, "/api/v1/me", none, [401, 200, 200, 200, 200, 200]),
        // Conversations: the individual is side A, the organisation's members side B; the
        // organiser and the administrator are neither and learn nothing (404).
        case(
            M::GET,
            "/api/v1/conversations",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/me/unread",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::POST,
            "/api/v1/conversations",
            |_, t| Some(json!({"to": {"kind": "organisation", "id": t.org}, "body": "Hello"})),
            [401, 200, 422, 422, 201, 201],
        ),
        case(
            M::GET,
            "/api/v1/conversations/{conversation}",
            none,
            [401, 200, 200, 200, 404, 404],
        ),
        case(
            M::POST,
            "/api/v1/conversations/{conversation}/messages",
            |_, _| Some(json!({"body": "More"})),
            [401, 201, 201, 201, 404, 404],
        ),
        case(
            M::GET,
            "/api/v1/conversations/{conversation}/attachments/{attachment}",
            none,
            [401, 200, 200, 200, 404, 404],
        ),
        case(
            M::PUT,
            "/api/v1/conversations/{conversation}/contact-sharing",
            |_, _| Some(json!({"share": true})),
            [401, 204, 403, 403, 404, 404],
        ),
        case(
            M::PUT,
            "/api/v1/conversations/{conversation}/assignee",
            |_, _| Some(json!({"user_id": null})),
            [401, 403, 204, 204, 404, 404],
        ),
        case(
            M::PUT,
            "/api/v1/conversations/{conversation}/block",
            |_, _| Some(json!({"blocked": false})),
            [401, 204, 204, 204, 404, 404],
        ),
        case(
            M::POST,
            "/api/v1/conversations/{conversation}/reports",
            |_, t| Some(json!({"message_id": t.message, "reason": "spam"})),
            [401, 201, 422, 422, 404, 404],
        ),
        case(
            M::GET,
            "/api/v1/reports",
            none,
            [401, 403, 403, 403, 200, 200],
        ),
        case(
            M::POST,
            "/api/v1/reports/{report}/close",
            none,
            [401, 403, 403, 403, 204, 204],
        ),
        case(
            M::GET,
            "/api/v1/organisations/{org}/inbox-rules",
            none,
            [401, 403, 200, 200, 403, 200],
        ),
        case(M::GET, "/static/messages.js", none, all_ok),
        case(
            M::PUT,
            "/api/v1/organisations/{org}/inbox-rules",
            |_, _| Some(json!({"first_contact": "known"})),
            [401, 403, 403, 204, 403, 204],
        ),
        // Meetings.
        case(
            M::GET,
            "/api/v1/fairs/{fair}/meeting-sessions",
            none,
            all_ok,
        ),
        case(
            M::POST,
            "/api/v1/fairs/{fair}/meeting-sessions",
            |_, _| {
                Some(
                    json!({"day": "2030-12-03", "starts": "14:00", "ends": "15:00", "slot_minutes": 20, "tables": 2}),
                )
            },
            [401, 403, 403, 403, 201, 201],
        ),
        case(
            M::GET,
            "/api/v1/fairs/{fair}/my-availability",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::PUT,
            "/api/v1/fairs/{fair}/my-availability",
            |_, _| Some(json!({"unavailable": [], "cap": 5})),
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::POST,
            "/api/v1/fairs/{fair}/meeting-requests",
            |w, _| Some(json!({"to": {"kind": "person", "id": w.dummy_id}, "note": "Hello"})),
            [401, 201, 201, 201, 201, 201],
        ),
        case(
            M::GET,
            "/api/v1/me/meeting-requests",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/meeting-requests/{request}",
            none,
            [401, 200, 200, 200, 404, 404],
        ),
        case(
            M::POST,
            "/api/v1/meeting-requests/{request}/answer",
            |_, _| Some(json!({"action": "decline"})),
            [401, 409, 200, 200, 404, 404],
        ),
        case(
            M::POST,
            "/api/v1/meeting-requests/{request}/check-in",
            none,
            [401, 409, 409, 409, 409, 409],
        ),
        case(
            M::POST,
            "/api/v1/meeting-requests/{request}/no-show",
            |_, _| Some(json!({})),
            [401, 409, 409, 409, 409, 409],
        ),
        case(
            M::GET,
            "/api/v1/fairs/{fair}/meetings",
            none,
            [401, 403, 403, 403, 200, 200],
        ),
        case(
            M::POST,
            "/api/v1/fairs/{fair}/meetings/schedule",
            |_, _| Some(json!({})),
            [401, 403, 403, 403, 200, 200],
        ),
        case(
            M::POST,
            "/api/v1/fairs/{fair}/meetings/publish",
            none,
            [401, 403, 403, 403, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/me/meetings.ics",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/fairs/{fair}/my-badge",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::POST,
            "/api/v1/fairs/{fair}/my-badge",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        // Anyone signed in may scan; what it does depends on their meetings (tested in meetings).
        case(
            M::POST,
            "/api/v1/meeting-badges/{badge}/scan",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::POST,
            "/api/v1/meeting-badges/AAAAAAAAAAAAAAAAAAAAAA/scan",
            none,
            [401, 404, 404, 404, 404, 404],
        ),
        case(M::GET, "/m/{badge}", none, [303, 200, 200, 200, 200, 200]),
        case(
            M::GET,
            "/m/AAAAAAAAAAAAAAAAAAAAAA",
            none,
            [303, 404, 404, 404, 404, 404],
        ),
        case(
            M::POST,
            "/m/{badge}",
            |_, _| Some(json!({})),
            [303, 200, 200, 200, 200, 200],
        ),
        case(
            M::POST,
            "/fairs/{fair}/meetings/badge",
            |_, _| Some(json!({})),
            [303, 303, 303, 303, 303, 303],
        ),
        case(
            M::GET,
            "/api/v1/me/calendar-feed",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::POST,
            "/api/v1/me/calendar-feed",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        // The address is the authority: calendar applications do not sign in.
        case(M::GET, "/calendar/{feed}.ics", none, all_ok),
        case(
            M::GET,
            "/calendar/AAAAAAAAAAAAAAAAAAAAAA.ics",
            none,
            [404; 6],
        ),
        case(
            M::POST,
            "/meetings/calendar-feed",
            |_, _| Some(json!({})),
            [303, 303, 303, 303, 303, 303],
        ),
        case(M::GET, "/meetings", none, [303, 200, 200, 200, 200, 200]),
        case(
            M::GET,
            "/fairs/{fair}/meetings",
            none,
            [303, 200, 200, 200, 200, 200],
        ),
        case(
            M::POST,
            "/fairs/{fair}/meetings/availability",
            |_, _| Some(json!({"cap": "4"})),
            [303, 303, 303, 303, 303, 303],
        ),
        case(
            M::GET,
            "/fairs/{fair}/meetings/new?to=organisation:{org}",
            none,
            [303, 200, 200, 200, 200, 200],
        ),
        case(
            M::POST,
            "/fairs/{fair}/meetings/requests",
            |w, _| Some(json!({"to": format!("person:{}", w.dummy_id), "note": "Hello"})),
            [303, 303, 303, 303, 303, 303],
        ),
        case(
            M::POST,
            "/meeting-requests/{request}",
            |_, _| Some(json!({"action": "decline"})),
            [303, 303, 303, 303, 404, 404],
        ),
        case(
            M::POST,
            "/meeting-requests/{request}/attendance",
            |w, _| Some(json!({"what": "met", "fair": w.fair.to_string()})),
            [303, 303, 303, 303, 303, 303],
        ),
        case(
            M::GET,
            "/fairs/{fair}/meetings/organise",
            none,
            [303, 403, 403, 403, 200, 200],
        ),
        case(
            M::POST,
            "/fairs/{fair}/meetings/sessions",
            |_, _| {
                Some(
                    json!({"day": "2030-12-03", "starts": "16:00", "ends": "17:00", "slot_minutes": "30", "tables": "2", "breaks": ""}),
                )
            },
            [303, 403, 403, 403, 303, 303],
        ),
        case(
            M::POST,
            "/fairs/{fair}/meetings/schedule",
            |_, _| Some(json!({})),
            [303, 403, 403, 403, 303, 303],
        ),
        case(
            M::POST,
            "/fairs/{fair}/meetings/publish",
            none,
            [303, 403, 403, 403, 303, 303],
        ),
        case(
            M::GET,
            "/conversations",
            none,
            [303, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/conversations/live",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/conversations/new?to=organisation:{org}",
            none,
            [303, 303, 200, 200, 200, 200],
        ),
        case(
            M::POST,
            "/conversations",
            |_, t| Some(json!({"to": format!("organisation:{}", t.org), "body": "Hello"})),
            [303, 303, 422, 422, 303, 303],
        ),
        case(
            M::GET,
            "/conversations/{conversation}",
            none,
            [303, 200, 200, 200, 404, 404],
        ),
        case(
            M::POST,
            "/conversations/{conversation}",
            |_, _| Some(json!({"body": "More"})),
            [303, 303, 303, 303, 404, 404],
        ),
        case(
            M::GET,
            "/conversations/{conversation}/attachments/{attachment}",
            none,
            [303, 200, 200, 200, 404, 404],
        ),
        case(
            M::POST,
            "/conversations/{conversation}/contact",
            |_, _| Some(json!({"share": "1"})),
            [303, 303, 403, 403, 404, 404],
        ),
        case(
            M::POST,
            "/conversations/{conversation}/assign",
            |_, _| Some(json!({"member": ""})),
            [303, 403, 303, 303, 404, 404],
        ),
        case(
            M::POST,
            "/conversations/{conversation}/block",
            |_, _| Some(json!({"block": "1"})),
            [303, 303, 303, 303, 404, 404],
        ),
        case(
            M::POST,
            "/conversations/{conversation}/report",
            |_, t| Some(json!({"message": t.message.to_string(), "reason": "spam"})),
            [303, 303, 303, 303, 404, 404],
        ),
        case(
            M::GET,
            "/organisations/{org}/inbox-rules",
            none,
            [303, 403, 403, 200, 403, 200],
        ),
        case(
            M::POST,
            "/organisations/{org}/inbox-rules",
            |_, _| Some(json!({"first_contact": "anyone"})),
            [303, 403, 403, 303, 403, 303],
        ),
        // The link in every mail: the token is the only authority; an unknown one is not found.
        case(M::GET, "/unsubscribe/{none}", none, all_ok),
        case(
            M::POST,
            "/unsubscribe/{none}",
            |_, _| Some(json!({"action": "stop"})),
            [404; 6],
        ),
        case(M::GET, "/reports", none, [303, 403, 403, 403, 200, 200]),
        case(
            M::POST,
            "/reports/{report}/close",
            none,
            [303, 403, 403, 403, 303, 303],
        ),
        case(
            M::PATCH,
            "/api/v1/me",
            |_, _| Some(json!({"preferred_language": "zh-Hans"})),
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/me/contact",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::PUT,
            "/api/v1/me/contact",
            |_, _| Some(json!({"phone": "+852 5555 1234"})),
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/users",
            none,
            [401, 403, 403, 403, 403, 200],
        ),
        case(
            M::PUT,
            "/api/v1/users/{dummy}/role",
            |_, _| Some(json!({"role": "user"})),
            [401, 403, 403, 403, 403, 200],
        ),
        case(M::GET, "/api/v1/organisations", none, all_ok),
        case(
            M::POST,
            "/api/v1/organisations",
            |_, _| Some(org_body("New")),
            [401, 201, 201, 201, 201, 201],
        ),
        case(M::GET, "/api/v1/organisations/{org}", none, all_ok),
        case(
            M::PUT,
            "/api/v1/organisations/{org}",
            |_, _| Some(org_body("Renamed")),
            [401, 403, 403, 200, 403, 200],
        ),
        case(
            M::DELETE,
            "/api/v1/organisations/{org}",
            none,
            [401, 403, 403, 204, 403, 204],
        ),
        case(
            M::PUT,
            "/api/v1/organisations/{org}/verified",
            |_, _| Some(json!({"verified": true})),
            [401, 403, 403, 403, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/organisations/{org}/members",
            none,
            [401, 403, 200, 200, 403, 200],
        ),
        case(
            M::POST,
            "/api/v1/organisations/{org}/members",
            |w, _| Some(json!({"email": w.dummy_email, "role": "member"})),
            [401, 403, 403, 201, 403, 201],
        ),
        case(
            M::PUT,
            "/api/v1/organisations/{org}/members/{member}",
            |_, _| Some(json!({"role": "admin"})),
            [401, 403, 403, 200, 403, 200],
        ),
        case(
            M::DELETE,
            "/api/v1/organisations/{org}/members/{member}",
            none,
            [401, 403, 204, 204, 403, 204],
        ),
        case(M::GET, "/api/v1/listings", none, all_ok),
        case(
            M::GET,
            "/api/v1/listings?organisation={org}&status=draft",
            none,
            [403, 403, 200, 200, 403, 200],
        ),
        case(
            M::POST,
            "/api/v1/listings",
            |_, t| Some(product_body(Some(t.org), "New charger", "published")),
            [401, 403, 201, 201, 403, 201],
        ),
        case(
            M::POST,
            "/api/v1/listings",
            |_, _| Some(product_body(None, "My own charger", "published")),
            [401, 201, 201, 201, 201, 201],
        ),
        case(M::GET, "/api/v1/listings/{published}", none, all_ok),
        case(
            M::GET,
            "/api/v1/listings/{draft}",
            none,
            [404, 404, 200, 200, 404, 200],
        ),
        case(
            M::PUT,
            "/api/v1/listings/{published}",
            |_, _| Some(product_body(None, "Edited", "published")),
            [401, 403, 200, 200, 403, 200],
        ),
        case(
            M::PUT,
            "/api/v1/listings/{draft}",
            |_, _| Some(product_body(None, "Edited", "draft")),
            [404, 404, 200, 200, 404, 200],
        ),
        case(
            M::PUT,
            "/api/v1/listings/{personal}",
            |_, _| {
                Some(
                    json!({"kind": "talent_profile", "title": {"en": "Senior analyst"}, "attributes": {"years_experience": 4}}),
                )
            },
            [401, 200, 403, 403, 403, 200],
        ),
        case(
            M::DELETE,
            "/api/v1/listings/{published}",
            none,
            [401, 403, 204, 204, 403, 204],
        ),
        case(
            M::DELETE,
            "/api/v1/listings/{draft}",
            none,
            [404, 404, 204, 204, 404, 204],
        ),
        case(M::GET, "/api/v1/fairs", none, all_ok),
        case(
            M::POST,
            "/api/v1/fairs",
            |_, _| {
                Some(
                    json!({"name": {"en": "Another fair"}, "starts_on": "2027-04-01", "ends_on": "2027-04-04", "online_until": "2027-05-01"}),
                )
            },
            [401, 403, 403, 403, 201, 201],
        ),
        case(M::GET, "/api/v1/fairs/{fair}", none, all_ok),
        case(M::GET, "/api/v1/fairs/{fair}/booths", none, all_ok),
        case(
            M::POST,
            "/api/v1/scans",
            |_, t| Some(json!({"token": t.token})),
            all_ok,
        ),
        case(M::GET, "/api/v1/fairs/{fair}/plan", none, all_ok),
        case(
            M::PUT,
            "/api/v1/fairs/{fair}/halls/{hall}/plan",
            |_, _| {
                Some(
                    json!({"width": 20, "height": 20, "booths": [{"booth": "Z1", "x": 1, "y": 1, "width": 3, "height": 3}]}),
                )
            },
            [401, 403, 403, 403, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/fairs/{fair}/bookmarks",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::PUT,
            "/api/v1/fairs/{fair}/bookmarks/{org}",
            |_, _| Some(json!({"note": "n"})),
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::DELETE,
            "/api/v1/fairs/{fair}/bookmarks/{org}",
            none,
            [401, 404, 404, 404, 404, 404],
        ),
        case(
            M::POST,
            "/api/v1/fairs/{fair}/exhibitors/{org}/contact-request",
            |_, _| Some(json!({"message": "Price list, please", "share_contact": false})),
            [401, 200, 422, 422, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/fairs/{fair}/leads/{org}",
            none,
            [401, 403, 200, 200, 403, 403],
        ),
        case(
            M::PATCH,
            "/api/v1/fairs/{fair}/leads/{org}/{dummy}",
            |_, _| Some(json!({"note": "n", "score": 3})),
            [401, 403, 404, 404, 403, 403],
        ),
        case(
            M::GET,
            "/api/v1/fairs/{fair}/booth-codes",
            none,
            [401, 403, 403, 403, 200, 200],
        ),
        case(
            M::POST,
            "/api/v1/fairs/{fair}/booths/{booth}/reissue-code",
            |_, _| Some(json!({})),
            [401, 403, 403, 403, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/fairs/{fair}/stats",
            none,
            [401, 403, 403, 403, 200, 200],
        ),
        // The UI: pages behave by the same rules (303 sends the anonymous to log in).
        case(M::GET, "/", none, all_ok),
        case(M::GET, "/fairs/{fair}", none, all_ok),
        case(M::GET, "/q/{token}", none, all_ok),
        case(M::GET, "/fairs/new", none, [303, 403, 403, 403, 200, 200]),
        case(
            M::GET,
            "/fairs/{fair}/manage/import",
            none,
            [303, 403, 403, 403, 200, 200],
        ),
        case(M::GET, "/fairs/{fair}/exhibitors/{org}", none, all_ok),
        case(M::GET, "/fairs/{fair}/plan", none, all_ok),
        case(
            M::GET,
            "/fairs/{fair}/my",
            none,
            [303, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/fairs/{fair}/my/bookmarks.csv",
            none,
            [303, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/fairs/{fair}/my/bookmarks.vcf",
            none,
            [303, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/fairs/{fair}/leads/{org}",
            none,
            [303, 403, 200, 200, 403, 403],
        ),
        case(
            M::GET,
            "/fairs/{fair}/leads/{org}/leads.csv",
            none,
            [303, 403, 200, 200, 403, 403],
        ),
        case(
            M::GET,
            "/fairs/{fair}/leads/{org}/leads.vcf",
            none,
            [303, 403, 200, 200, 403, 403],
        ),
        case(
            M::GET,
            "/fairs/{fair}/manage",
            none,
            [303, 403, 403, 403, 200, 200],
        ),
        case(
            M::GET,
            "/fairs/{fair}/manage/qr",
            none,
            [303, 403, 403, 403, 200, 200],
        ),
        case(
            M::GET,
            "/fairs/{fair}/manage/dashboard.csv",
            none,
            [303, 403, 403, 403, 200, 200],
        ),
        case(M::GET, "/organisations", none, all_ok),
        case(M::GET, "/organisations/{org}", none, all_ok),
        case(
            M::GET,
            "/organisations/new",
            none,
            [303, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/organisations/{org}/edit",
            none,
            [303, 403, 403, 200, 403, 200],
        ),
        case(M::GET, "/listings", none, all_ok),
        case(M::GET, "/listings/{published}", none, all_ok),
        case(
            M::GET,
            "/listings/{draft}",
            none,
            [404, 404, 200, 200, 404, 200],
        ),
        case(
            M::GET,
            "/listings/new?organisation={org}",
            none,
            [303, 403, 200, 200, 403, 200],
        ),
        case(
            M::GET,
            "/listings/new?organisation={org}&kind=product",
            none,
            [303, 403, 200, 200, 403, 200],
        ),
        case(
            M::GET,
            "/listings/new?kind=job",
            none,
            [303, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/listings/{published}/edit",
            none,
            [303, 403, 200, 200, 403, 200],
        ),
        case(
            M::GET,
            "/listings/{personal}/edit",
            none,
            [303, 200, 403, 403, 403, 200],
        ),
        case(M::GET, "/me", none, [303, 200, 200, 200, 200, 200]),
        case(M::GET, "/signup", none, all_ok),
        case(M::GET, "/login", none, all_ok),
        case(M::GET, "/fairs", none, all_ok),
        case(M::GET, "/static/app.css", none, all_ok),
        case(M::GET, "/static/plan.js", none, all_ok),
        case(M::GET, "/static/suggest.js", none, all_ok),
        case(M::GET, "/lang/{lang}?next=/", none, [303; 6]),
        // No such photo: nobody learns more than "not found".
        case(M::GET, "/images/{none}/{digest}", none, [404; 6]),
        case(M::GET, "/images/{none}/{digest}/thumb", none, [404; 6]),
        case(
            M::PUT,
            "/api/v1/fairs/{fair}/halls/{hall}/plan",
            |_, _| {
                Some(
                    json!({"width": 20, "height": 10, "entrance": {"x": 10, "y": 10}, "booths": [{"booth": "Z1", "x": 1, "y": 1, "width": 3, "height": 3}]}),
                )
            },
            [401, 403, 403, 403, 200, 200],
        ),
        // ---- forms of the pages (sent as a browser does: session cookie, CSRF token) ----
        // A signed-out visitor is sent to sign in (303), like any successful post.
        case(
            M::POST,
            "/signup",
            |_, _| {
                let n = COUNTER.fetch_add(1, Ordering::Relaxed);
                Some(
                    json!({"email": format!("form{n}@authz.example.com"), "password": "correct horse battery", "display_name": "Form", "location": "HK", "preferred_language": "en", "next": "/"}),
                )
            },
            [303; 6],
        ),
        case(
            M::POST,
            "/login",
            |w, _| {
                Some(
                    json!({"email": w.dummy_email, "password": "correct horse battery", "next": "/"}),
                )
            },
            [303; 6],
        ),
        Case {
            method: M::POST,
            path: "/logout",
            body: none,
            expect: [303; 6],
            own_session: true,
        },
        case(
            M::POST,
            "/lang",
            |_, _| Some(json!({"lang": "zh-Hans", "next": "/"})),
            [303; 6],
        ),
        case(
            M::POST,
            "/me",
            |_, _| {
                Some(
                    json!({"display_name": "Renamed", "preferred_language": "en", "location": "HK"}),
                )
            },
            [303; 6],
        ),
        case(
            M::POST,
            "/organisations/new",
            none,
            [303, 422, 422, 422, 422, 422],
        ),
        case(
            M::POST,
            "/organisations/{org}/edit",
            none,
            [303, 403, 403, 422, 403, 422],
        ),
        case(
            M::POST,
            "/organisations/{org}/delete",
            none,
            [303, 403, 403, 303, 403, 303],
        ),
        case(
            M::POST,
            "/organisations/{org}/members",
            |w, _| Some(json!({"email": w.dummy_email, "role": "member"})),
            [303, 403, 403, 303, 403, 303],
        ),
        case(
            M::POST,
            "/organisations/{org}/members/{member}/role",
            |_, _| Some(json!({"role": "admin"})),
            [303, 403, 403, 303, 403, 303],
        ),
        case(
            M::POST,
            "/organisations/{org}/members/{member}/remove",
            none,
            [303, 403, 303, 303, 403, 303],
        ),
        case(
            M::POST,
            "/organisations/{org}/photos",
            none,
            [303, 403, 403, 303, 403, 303],
        ),
        case(
            M::POST,
            "/listings/new?organisation={org}&kind=product",
            none,
            [303, 403, 422, 422, 403, 422],
        ),
        case(
            M::POST,
            "/listings/{published}/edit",
            none,
            [303, 403, 422, 422, 403, 422],
        ),
        case(
            M::POST,
            "/listings/{draft}/edit",
            none,
            [404, 404, 422, 422, 404, 422],
        ),
        case(
            M::POST,
            "/listings/{published}/delete",
            |_, _| Some(json!({"confirm": "yes"})),
            [303, 403, 303, 303, 403, 303],
        ),
        case(
            M::POST,
            "/listings/{personal}/delete",
            |_, _| Some(json!({"confirm": "yes"})),
            [303, 303, 403, 403, 403, 303],
        ),
        case(
            M::POST,
            "/listings/{published}/photos",
            none,
            [303, 403, 303, 303, 403, 303],
        ),
        case(M::POST, "/images/{none}/delete", none, [404; 6]),
        case(
            M::POST,
            "/fairs/new",
            |_, _| {
                Some(
                    json!({"name_en": "Form fair", "starts_on": "2026-12-01", "ends_on": "2026-12-02", "online_until": "2027-01-01", "time_zone": "Asia/Hong_Kong", "halls": "A"}),
                )
            },
            [303, 403, 403, 403, 303, 303],
        ),
        case(
            M::POST,
            "/fairs/{fair}/exhibitors/{org}/bookmark",
            |_, _| Some(json!({"action": "add"})),
            [303; 6],
        ),
        case(
            M::POST,
            "/fairs/{fair}/exhibitors/{org}/contact",
            |_, _| Some(json!({"message": "Hello", "share": "1"})),
            [303; 6],
        ),
        case(
            M::POST,
            "/fairs/{fair}/exhibitors/{org}/sharing",
            |_, _| Some(json!({"share": "1"})),
            [303, 404, 404, 404, 404, 404],
        ),
        case(
            M::POST,
            "/fairs/{fair}/my/{org}",
            |_, _| Some(json!({"note": "n", "tags": "a"})),
            [303; 6],
        ),
        case(
            M::POST,
            "/fairs/{fair}/leads/{org}/{member}",
            |_, _| Some(json!({"note": "n", "score": "3"})),
            [303, 403, 404, 404, 403, 403],
        ),
        case(
            M::POST,
            "/fairs/{fair}/manage/booths/{booth}/reissue",
            none,
            [303, 403, 403, 403, 303, 303],
        ),
        case(
            M::POST,
            "/fairs/{fair}/manage/plan",
            |_, _| Some(json!({"hall": "H2"})),
            [303, 403, 403, 403, 303, 303],
        ),
        case(
            M::POST,
            "/fairs/{fair}/manage/import",
            |_, _| Some(json!({"kind": "exhibitors"})),
            [303, 403, 403, 403, 200, 200],
        ),
        case(
            M::POST,
            "/fairs/{fair}/manage/import/confirm",
            |_, _| Some(json!({"token": "0"})),
            [303, 403, 403, 403, 303, 303],
        ),
        // ---- matching ----
        case(
            M::GET,
            "/api/v1/matches?for=me",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/matches?for=organisation:{org}",
            none,
            [401, 403, 200, 200, 403, 403],
        ),
        case(
            M::GET,
            "/api/v1/matches?for=partners:{org}",
            none,
            [401, 403, 200, 200, 403, 403],
        ),
        case(
            M::GET,
            "/api/v1/matches?for=listing:{published}",
            none,
            all_ok,
        ),
        case(
            M::GET,
            "/api/v1/matches?for=listing:{draft}",
            none,
            [404, 404, 200, 200, 404, 200],
        ),
        case(
            M::POST,
            "/api/v1/matches/feedback",
            |_, t| Some(json!({"for": "me", "target": t.org, "feedback": "not_interested"})),
            [401, 204, 204, 204, 204, 204],
        ),
        case(
            M::POST,
            "/api/v1/matches/feedback?as=organisation",
            |w, t| {
                Some(
                    json!({"for": format!("organisation:{}", t.org), "target": w.dummy_id, "feedback": "more_like_this"}),
                )
            },
            [401, 403, 204, 204, 403, 403],
        ),
        case(
            M::POST,
            "/api/v1/matches/feedback?as=partners",
            |_, t| {
                // Its own organisation is no match: refused after the right to ask is checked.
                Some(
                    json!({"for": format!("partners:{}", t.org), "target": t.org, "feedback": "dismiss"}),
                )
            },
            [401, 403, 422, 422, 403, 403],
        ),
        case(
            M::POST,
            "/api/v1/matches/feedback?as=listing",
            |_, t| {
                Some(
                    json!({"for": format!("listing:{}", t.personal), "target": t.published, "feedback": "not_interested"}),
                )
            },
            [401, 204, 403, 403, 403, 403],
        ),
        case(
            M::GET,
            "/api/v1/me/buyer-profile",
            none,
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::PUT,
            "/api/v1/me/buyer-profile",
            |_, _| {
                Some(
                    json!({"attributes": {"sources": "充電器", "hs_codes": ["8504"], "discoverable": true}}),
                )
            },
            [401, 200, 200, 200, 200, 200],
        ),
        case(
            M::GET,
            "/api/v1/organisations/{org}/wishes",
            none,
            [401, 403, 200, 200, 403, 403],
        ),
        case(
            M::PUT,
            "/api/v1/organisations/{org}/wishes",
            |_, _| Some(json!({"attributes": {"buyer_types": ["importer"], "min_order": 100}})),
            [401, 403, 200, 200, 403, 403],
        ),
        case(M::GET, "/api/v1/profiles", none, all_ok),
        case(M::GET, "/matches", none, [303, 200, 200, 200, 200, 200]),
        case(
            M::POST,
            "/matches/feedback",
            |_, t| {
                Some(
                    json!({"for": "me", "target": t.org, "feedback": "more_like_this", "next": "/matches"}),
                )
            },
            [303; 6],
        ),
        case(
            M::GET,
            "/me/buyer-profile",
            none,
            [303, 200, 200, 200, 200, 200],
        ),
        case(
            M::POST,
            "/me/buyer-profile",
            |_, _| Some(json!({"attr_sources": "chargers", "attr_order_size": "500"})),
            [303; 6],
        ),
        case(
            M::GET,
            "/organisations/{org}/buyers",
            none,
            [303, 403, 200, 200, 403, 403],
        ),
        case(
            M::GET,
            "/organisations/{org}/partners",
            none,
            [303, 403, 200, 200, 403, 403],
        ),
        case(
            M::GET,
            "/organisations/{org}/wishes",
            none,
            [303, 403, 200, 200, 403, 403],
        ),
        case(
            M::POST,
            "/organisations/{org}/wishes",
            |_, _| Some(json!({"attr_min_order": "100"})),
            [303, 403, 303, 303, 403, 403],
        ),
        case(M::GET, "/listings/{published}/matches", none, all_ok),
        case(
            M::GET,
            "/listings/{draft}/matches",
            none,
            [404, 404, 200, 200, 404, 200],
        ),
    ]
}

/// What a page's form carries for `path`: multipart for uploads, with a file of the kind the
/// route takes; url-encoded otherwise.
fn upload_file(path: &str) -> Option<(&'static str, Vec<u8>)> {
    if path.ends_with("/photos") {
        Some(("photo.jpg", b"not really a photo".to_vec()))
    } else if path.ends_with("/manage/import") {
        Some((
            "exhibitors.csv",
            "reference,booth,hall,name_en,location\nR1,Q1,H2,Form Ltd,HK\n"
                .as_bytes()
                .to_vec(),
        ))
    } else if path == "/conversations" || is_conversation(path) {
        Some(("notes.txt", "型號 A1".as_bytes().to_vec()))
    } else if path.ends_with("/manage/plan") {
        Some(("plan.json", br#"{"width": 20, "height": 10, "entrance": {"x": 10, "y": 10}, "booths": [{"booth": "P1", "x": 1, "y": 1, "width": 3, "height": 3}]}"#.to_vec()))
    } else {
        None
    }
}

/// `/conversations/ID`: answering in a conversation, a multipart form.
fn is_conversation(path: &str) -> bool {
    path.strip_prefix("/conversations/")
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// Posts a page's form as a browser does: the session in its cookie, the CSRF token in a
/// cookie and a field.
async fn post_form(
    s: &Server,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> crate::harness::Reply {
    let csrf = "ab".repeat(32);
    let mut cookie = format!("sc_csrf={csrf}");
    if let Some(t) = token {
        cookie.push_str(&format!("; sc_session={t}"));
    }
    let mut fields: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
    if let Some(Value::Object(m)) = body {
        for (k, v) in m {
            fields.push((
                k,
                v.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string()),
            ));
        }
    }
    let req = crate::harness::client()
        .post(s.url(path))
        .header(reqwest::header::COOKIE, cookie);
    let req = match upload_file(path) {
        Some((name, bytes)) => {
            let mut form = reqwest::multipart::Form::new();
            for (k, v) in fields {
                form = form.text(k, v);
            }
            req.multipart(form.part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            ))
        }
        None => req.form(&fields),
    };
    let resp = req.send().await.expect("request reaches the server");
    crate::harness::Reply {
        status: resp.status(),
        content_type: resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string(),
        body: resp.text().await.unwrap(),
    }
}

#[tokio::test]
async fn every_endpoint_answers_every_role_as_the_rules_say() {
    for s in servers().await {
        let w = world(&s).await;
        let mut failures = vec![];
        for c in cases() {
            for (i, role) in ROLES.iter().enumerate() {
                let t = target(&s, &w).await;
                let path = c
                    .path
                    .replace("{org}", &t.org.to_string())
                    .replace("{published}", &t.published.to_string())
                    .replace("{draft}", &t.draft.to_string())
                    .replace("{personal}", &t.personal.to_string())
                    .replace("{member}", &w.ids[2].to_string())
                    .replace("{dummy}", &w.dummy_id.to_string())
                    .replace("{fair}", &w.fair.to_string())
                    .replace("{token}", &t.token)
                    .replace("{booth}", &t.booth.to_string())
                    .replace("{none}", "999999")
                    .replace("{digest}", "abc")
                    .replace("{lang}", "en")
                    .replace("{hall}", "H2")
                    .replace("{conversation}", &t.conversation.to_string())
                    .replace("{attachment}", &t.attachment.to_string())
                    .replace("{report}", &t.report.to_string())
                    .replace("{request}", &t.request.to_string())
                    .replace("{badge}", &t.badge)
                    .replace("{feed}", &t.feed);
                let token = if c.own_session && i > 0 {
                    Some(s.login(&w.emails[i]).await)
                } else {
                    w.tokens[i].clone()
                };
                let body = (c.body)(&w, &t);
                let r = if path.ends_with("/live") {
                    // A stream that stays open: its status and type are the answer.
                    let mut req = crate::harness::client().get(s.url(&path));
                    if let Some(t) = token.as_deref() {
                        req = req.bearer_auth(t);
                    }
                    let resp = req.send().await.unwrap();
                    crate::harness::Reply {
                        status: resp.status(),
                        content_type: String::new(),
                        body: String::new(),
                    }
                } else if c.method == Method::POST && !path.starts_with("/api/") {
                    post_form(&s, &path, token.as_deref(), body).await
                } else {
                    s.call(c.method.clone(), &path, token.as_deref(), body)
                        .await
                };
                if r.status.as_u16() != c.expect[i] {
                    failures.push(format!(
                        "[{}] {} {} as {role}: expected {}, got {} {}",
                        s.engine,
                        c.method,
                        c.path,
                        c.expect[i],
                        r.status,
                        r.body.chars().take(200).collect::<String>()
                    ));
                }
                if r.status.is_client_error() && c.path.starts_with("/api/v1") {
                    assert_eq!(
                        r.content_type, "application/problem+json",
                        "{} {} as {role}",
                        c.method, c.path
                    );
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} authorisation mismatches:\n{}",
            failures.len(),
            failures.join("\n")
        );
        // The sessions used above still work: nothing signed the shared ones out.
        assert_eq!(
            s.get("/api/v1/me", w.tokens[1].as_deref()).await.status,
            200
        );
    }
}

/// A path with every `{placeholder}` alike and the query string dropped, so a case's path
/// (`/listings/{draft}?x=1`) and a route's (`/listings/{id}`) compare.
fn shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or("");
    path.split('/')
        .map(|seg| if seg.starts_with('{') { "{}" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_route_has_a_case() {
    let covered: std::collections::HashSet<(String, String)> = cases()
        .iter()
        .map(|c| (c.method.to_string(), shape(c.path)))
        .collect();
    let mut missing: Vec<String> = sc_web::route_table()
        .into_iter()
        .filter(|(m, p)| !covered.contains(&(m.clone(), shape(p))))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "routes without an authorisation case ({}):\n{}",
        missing.len(),
        missing.join("\n")
    );
}
