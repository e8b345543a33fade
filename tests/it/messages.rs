//! Conversations over HTTP on every engine: a contact request becomes the first message, the
//! organisation's members share the inbox, answer, assign and see who answered; read state
//! and unread counts; search across scripts; files checked by content; first-contact rules,
//! the daily limit, blocks and reports; contact details shared through the recorded reveal;
//! live delivery to an open page; nobody else reads a conversation.

use base64::Engine as _;
use reqwest::{Method, StatusCode};
use sc_domain::fair::FairInput;
use sc_domain::person::{OrgRole, PlatformRole};
use serde_json::{Value, json};

use crate::harness::{Server, browser, csrf_of, org_body, page, servers, sign_in};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

async fn new_fair(s: &Server, org: i64) -> i64 {
    let input = FairInput {
        name: sc_domain::LocalizedText::new("灣區博覽", "湾区博览", "Bay Expo"),
        venue: Default::default(),
        starts_on: "2026-12-01".into(),
        ends_on: "2026-12-03".into(),
        online_until: "2027-01-31".into(),
        time_zone: "Asia/Hong_Kong".into(),
    };
    let fair = s.store.create_fair(&input).await.unwrap().id;
    let mut b = s.store.batch().await.unwrap();
    let hall = b
        .insert_hall(
            fair,
            &sc_storage::NewHall {
                code: "1A".into(),
                name: sc_domain::LocalizedText::new("1A", "1A", "1A"),
            },
        )
        .await
        .unwrap();
    b.insert_booth(
        hall,
        &sc_storage::NewBooth {
            code: "A01".into(),
            organisation_id: Some(org),
        },
    )
    .await
    .unwrap();
    b.commit().await.unwrap();
    fair
}

async fn organisation(s: &Server, token: &str, name: &str) -> i64 {
    let r = s
        .post("/api/v1/organisations", Some(token), org_body(name))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

fn thread_of(s: &Server, id: i64) -> String {
    let _ = s;
    format!("/api/v1/conversations/{id}")
}

#[tokio::test]
async fn a_contact_request_becomes_a_conversation_the_members_share() {
    for s in servers().await {
        let (owner, otoken) = s.register("owner@msg.example.com", "HK", "zh-Hant").await;
        let org = organisation(&s, &otoken, "Lamps").await;
        let (colleague, ctoken) = s
            .register("colleague@msg.example.com", "CN-GD-SZ", "zh-Hans")
            .await;
        s.store
            .add_member(org, colleague, OrgRole::Member)
            .await
            .unwrap();
        let (buyer, btoken) = s.register("buyer@msg.example.com", "MO", "en").await;
        let (_, xtoken) = s.register("stranger@msg.example.com", "HK", "en").await;
        let (organiser, gtoken) = s.register("organiser@msg.example.com", "HK", "en").await;
        s.store
            .set_platform_role(organiser, PlatformRole::Organiser)
            .await
            .unwrap();
        let (admin, atoken) = s.register("admin@msg.example.com", "HK", "en").await;
        s.store
            .set_platform_role(admin, PlatformRole::Admin)
            .await
            .unwrap();
        let fair = new_fair(&s, org).await;

        // The buyer's contact request at the fair opens the conversation.
        let r = s
            .post(
                &format!("/api/v1/fairs/{fair}/exhibitors/{org}/contact-request"),
                Some(&btoken),
                json!({"message": "請報樣品價格，謝謝", "share_contact": false}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "[{}] {}", s.engine, r.body);
        let id = r.json()["conversation_id"].as_i64().unwrap();

        // Both members see it in the organisation's inbox, unread; the header counts it.
        for t in [&otoken, &ctoken] {
            let inbox = s
                .get(
                    &format!("/api/v1/conversations?organisation={org}"),
                    Some(t),
                )
                .await
                .json();
            assert_eq!(inbox["items"][0]["id"], id, "{inbox}");
            assert_eq!(inbox["items"][0]["unread"], 1);
            assert_eq!(
                inbox["items"][0]["with"],
                json!({"kind": "person", "id": buyer})
            );
            assert_eq!(
                s.get("/api/v1/me/unread", Some(t)).await.json()["messages"],
                1
            );
        }
        assert_eq!(
            s.get("/api/v1/me/unread", Some(&btoken)).await.json()["messages"],
            0
        );
        // Nobody else learns it exists: not a stranger, the organiser or an administrator.
        for t in [&xtoken, &gtoken, &atoken] {
            assert_eq!(
                s.get(&thread_of(&s, id), Some(t)).await.status,
                StatusCode::NOT_FOUND
            );
            let r = s
                .post(
                    &format!("/api/v1/conversations/{id}/messages"),
                    Some(t),
                    json!({"body": "hi"}),
                )
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND);
            assert_eq!(
                s.get("/api/v1/conversations", Some(t)).await.json()["items"],
                json!([])
            );
            let r = s
                .get(
                    &format!("/api/v1/conversations?organisation={org}"),
                    Some(t),
                )
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN);
        }
        assert_eq!(
            s.get(&thread_of(&s, id), None).await.status,
            StatusCode::UNAUTHORIZED
        );

        // The buyer has not been read yet; a colleague opens it: read for the whole inbox.
        let t = s.get(&thread_of(&s, id), Some(&btoken)).await.json();
        assert_eq!(t["read_by_other"], false);
        assert_eq!(t["messages"][0]["kind"], "contact");
        let t = s.get(&thread_of(&s, id), Some(&ctoken)).await.json();
        assert_eq!(t["conversation"]["side"], "b");
        assert_eq!(
            s.get("/api/v1/me/unread", Some(&otoken)).await.json()["messages"],
            0
        );
        assert_eq!(
            s.get(&thread_of(&s, id), Some(&btoken)).await.json()["read_by_other"],
            true
        );

        // The colleague takes it and answers; the buyer sees who answered, unread.
        let r = s
            .call(
                Method::PUT,
                &format!("/api/v1/conversations/{id}/assignee"),
                Some(&ctoken),
                Some(json!({"user_id": colleague})),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        let r = s
            .call(
                Method::PUT,
                &format!("/api/v1/conversations/{id}/assignee"),
                Some(&ctoken),
                Some(json!({"user_id": buyer})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.json()["code"], "not_a_member");
        let r = s
            .call(
                Method::PUT,
                &format!("/api/v1/conversations/{id}/assignee"),
                Some(&btoken),
                Some(json!({"user_id": null})),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "the buyer cannot assign");
        let r = s
            .post(
                &format!("/api/v1/conversations/{id}/messages"),
                Some(&ctoken),
                json!({"body": "Samples ship Monday: https://lamps.example.hk/catalogue"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(
            s.get("/api/v1/me/unread", Some(&btoken)).await.json()["messages"],
            1
        );
        let mine = s
            .get(
                &format!("/api/v1/conversations?organisation={org}&mine=true"),
                Some(&ctoken),
            )
            .await
            .json();
        assert_eq!(mine["items"].as_array().unwrap().len(), 1);
        let theirs = s
            .get(
                &format!("/api/v1/conversations?organisation={org}&mine=true"),
                Some(&otoken),
            )
            .await
            .json();
        assert_eq!(theirs["items"], json!([]));
        let t = s.get(&thread_of(&s, id), Some(&btoken)).await.json();
        assert_eq!(t["messages"][1]["author_id"], colleague);
        assert_eq!(t["messages"][1]["side"], "b");
        assert_eq!(
            s.get("/api/v1/me/unread", Some(&btoken)).await.json()["messages"],
            0
        );
        let _ = owner;

        // Search folds scripts: the buyer wrote Traditional, the colleague types Simplified.
        let found = s
            .get(
                &format!("/api/v1/conversations?q={}", "样品价格"),
                Some(&ctoken),
            )
            .await
            .json();
        assert_eq!(found["items"][0]["id"], id, "{found}");
        assert_eq!(found["items"][0]["hit"], "請報樣品價格，謝謝");
        let none = s
            .get(
                &format!("/api/v1/conversations?q={}", "100%_"),
                Some(&ctoken),
            )
            .await
            .json();
        assert_eq!(
            none["items"],
            json!([]),
            "LIKE wildcards are taken literally"
        );

        // The HTML side: the exhibitor's leads link the conversation; the page shows the
        // link clickable, the reply form, and the header count.
        let c = browser();
        sign_in(&c, &s, "colleague@msg.example.com", "/").await;
        let (st, html) = page(&c, &s, &format!("/fairs/{fair}/leads/{org}")).await;
        assert_eq!(st, StatusCode::OK);
        assert!(html.contains(&format!("/conversations/{id}")), "{html}");
        let (st, html) = page(&c, &s, &format!("/conversations/{id}")).await;
        assert_eq!(st, StatusCode::OK);
        assert!(
            html.contains("href=\"https://lamps.example.hk/catalogue\" rel=\"nofollow"),
            "{html}"
        );
        assert!(html.contains("請報樣品價格"));
        let (_, inbox) = page(&c, &s, "/conversations?q=样品").await;
        assert!(inbox.contains(&format!("/conversations/{id}\"")), "{inbox}");
    }
}

#[tokio::test]
async fn files_are_checked_by_content_and_only_its_sides_download_them() {
    for s in servers().await {
        let (_, otoken) = s.register("owner@files.example.com", "HK", "en").await;
        let org = organisation(&s, &otoken, "Docs").await;
        let (_, btoken) = s.register("buyer@files.example.com", "HK", "en").await;
        let (_, xtoken) = s.register("stranger@files.example.com", "HK", "en").await;
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n".to_vec();
        let r = s
            .post(
                "/api/v1/conversations",
                Some(&btoken),
                json!({
                    "to": {"kind": "organisation", "id": org},
                    "body": "Our specification",
                    "attachments": [{"name": "C:\\specs\\規格書", "content_base64": b64(&pdf)}]
                }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "[{}] {}", s.engine, r.body);
        let id = r.json()["conversation_id"].as_i64().unwrap();
        // Writing again to the same organisation joins the conversation.
        let again = s
            .post(
                "/api/v1/conversations",
                Some(&btoken),
                json!({
                "to": {"kind": "organisation", "id": org}, "body": "and one more thing"}),
            )
            .await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.json()["conversation_id"], id);
        let t = s
            .get(&format!("/api/v1/conversations/{id}"), Some(&otoken))
            .await
            .json();
        let file = &t["messages"][0]["attachments"][0];
        assert_eq!(file["name"], "規格書.pdf");
        assert_eq!(file["media_type"], "application/pdf");
        let url = file["url"].as_str().unwrap().to_string();
        let got = crate::harness::client()
            .get(s.url(&url))
            .bearer_auth(&otoken)
            .send()
            .await
            .unwrap();
        assert_eq!(got.status(), StatusCode::OK);
        assert_eq!(got.headers()["content-type"], "application/pdf");
        assert!(
            got.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(got.bytes().await.unwrap().to_vec(), pdf);
        assert_eq!(
            s.get(&url, Some(&xtoken)).await.status,
            StatusCode::NOT_FOUND
        );

        // An executable named .pdf, an HTML page named .txt, bad base64: refused, by field.
        for (name, bytes, code) in [
            (
                "invoice.pdf",
                b"MZ\x90\x00\x03\x00\x00\x00".to_vec(),
                "file_type",
            ),
            (
                "notes.txt",
                b"<html><script>alert(1)</script>".to_vec(),
                "file_type",
            ),
        ] {
            let r = s
                .post(&format!("/api/v1/conversations/{id}/messages"), Some(&btoken),
                    json!({"body": "see file", "attachments": [{"name": name, "content_base64": b64(&bytes)}]}))
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
            assert_eq!(r.json()["errors"][0]["field"], "attachments[0]");
            assert_eq!(r.json()["errors"][0]["code"], code);
        }
        let r = s
            .post(
                &format!("/api/v1/conversations/{id}/messages"),
                Some(&btoken),
                json!({"attachments": [{"name": "a.pdf", "content_base64": "***"}]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            r.json()["errors"][0]["field"],
            "attachments[0].content_base64"
        );
        let r = s
            .post(
                &format!("/api/v1/conversations/{id}/messages"),
                Some(&btoken),
                json!({"body": "  "}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "body");
        // Nothing of the refused messages was kept.
        let t = s
            .get(&format!("/api/v1/conversations/{id}"), Some(&btoken))
            .await
            .json();
        assert_eq!(t["messages"].as_array().unwrap().len(), 2);

        // Through the page: a file field in a multipart form, a refused one keeps the words.
        let c = browser();
        sign_in(&c, &s, "buyer@files.example.com", "/").await;
        let (_, html) = page(&c, &s, &format!("/conversations/{id}")).await;
        let csrf = csrf_of(&html);
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("body", "價目表見附件")
            .part(
                "files",
                reqwest::multipart::Part::bytes(b"MZ\x90\x00".to_vec()).file_name("price.pdf"),
            );
        let r = c
            .post(s.url(&format!("/conversations/{id}")))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("價目表見附件"), "the words are kept: {html}");
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf)
            .text("body", "價目表見附件")
            .part(
                "files",
                reqwest::multipart::Part::bytes("型號,價格\nA1,12\n".as_bytes().to_vec())
                    .file_name("prices.csv"),
            )
            .part(
                "files",
                reqwest::multipart::Part::bytes(Vec::new()).file_name(""),
            );
        let r = c
            .post(s.url(&format!("/conversations/{id}")))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let t = s
            .get(&format!("/api/v1/conversations/{id}"), Some(&otoken))
            .await
            .json();
        let last = t["messages"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["body"], "價目表見附件");
        assert_eq!(
            last["attachments"][0]["media_type"],
            "text/csv; charset=utf-8"
        );
        assert_eq!(last["attachments"].as_array().unwrap().len(), 1);
    }
}

#[tokio::test]
async fn unwanted_contact_is_limited_blocked_and_reported() {
    for s in servers().await {
        let (_, otoken) = s.register("owner@spam.example.com", "HK", "en").await;
        let org = organisation(&s, &otoken, "Careful").await;
        let (buyer, btoken) = s
            .register("buyer@spam.example.com", "CN-GD-GZ", "zh-Hans")
            .await;
        let (organiser, gtoken) = s.register("organiser@spam.example.com", "HK", "en").await;
        s.store
            .set_platform_role(organiser, PlatformRole::Organiser)
            .await
            .unwrap();
        let to_org =
            |o: i64, body: &str| json!({"to": {"kind": "organisation", "id": o}, "body": body});

        // Only people it knows may write first: the buyer is refused until they bookmark it.
        let r = s
            .call(
                Method::PUT,
                &format!("/api/v1/organisations/{org}/inbox-rules"),
                Some(&btoken),
                Some(json!({"first_contact": "known"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = s
            .call(
                Method::PUT,
                &format!("/api/v1/organisations/{org}/inbox-rules"),
                Some(&otoken),
                Some(json!({"first_contact": "known"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        let r = s
            .post("/api/v1/conversations", Some(&btoken), to_org(org, "hello"))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "[{}] {}", s.engine, r.body);
        assert_eq!(r.json()["code"], "known_contacts_only");
        let fair = new_fair(&s, org).await;
        s.store.add_bookmark(buyer, fair, org).await.unwrap();
        let r = s
            .post("/api/v1/conversations", Some(&btoken), to_org(org, "hello"))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id = r.json()["conversation_id"].as_i64().unwrap();
        // An accepted meeting counts as knowing each other too.
        let (visitor, vtoken) = s.register("visitor@spam.example.com", "MO", "en").await;
        let r = s
            .post("/api/v1/conversations", Some(&vtoken), to_org(org, "hi"))
            .await;
        assert_eq!(r.json()["code"], "known_contacts_only", "{}", r.body);
        let rid = s
            .store
            .request_meeting(&sc_storage::NewRequest {
                fair_id: fair,
                from: visitor,
                to: sc_storage::Invitee::Organisation(org),
                slot: None,
                note: String::new(),
                weight: 1,
                expires_at: sc_storage::now_ms() + 3_600_000,
            })
            .await
            .unwrap();
        let r = s
            .post("/api/v1/conversations", Some(&vtoken), to_org(org, "hi"))
            .await;
        assert_eq!(
            r.json()["code"],
            "known_contacts_only",
            "a pending request is not enough"
        );
        let r = s
            .post(
                &format!("/api/v1/meeting-requests/{rid}/answer"),
                Some(&otoken),
                json!({"action": "accept"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r = s
            .post("/api/v1/conversations", Some(&vtoken), to_org(org, "hi"))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "[{}] {}", s.engine, r.body);

        // The organisation answers; then blocks the buyer, who can no longer write.
        let r = s
            .post(
                &format!("/api/v1/conversations/{id}/messages"),
                Some(&otoken),
                json!({"body": "Buy our crypto now"}),
            )
            .await;
        let spam_id = r.json()["message_id"].as_i64().unwrap();
        // The buyer reports it: the organiser sees the reason and the message, not the
        // conversation; the organisation is blocked.
        let r = s
            .post(
                &format!("/api/v1/conversations/{id}/reports"),
                Some(&btoken),
                json!({"message_id": spam_id, "reason": "推销加密货币"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let rs = s.get("/api/v1/reports", Some(&gtoken)).await.json();
        assert_eq!(rs[0]["excerpt"], "Buy our crypto now", "{rs}");
        assert_eq!(rs[0]["reason"], "推销加密货币");
        assert_eq!(
            rs[0]["reported"],
            json!({"kind": "organisation", "id": org})
        );
        assert_eq!(
            s.get("/api/v1/reports", Some(&btoken)).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            s.get(&format!("/api/v1/conversations/{id}"), Some(&gtoken))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let r = s
            .post(
                &format!("/api/v1/conversations/{id}/messages"),
                Some(&otoken),
                json!({"body": "more"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.json()["code"], "blocked");
        // Reporting one's own message is refused.
        let mine = s
            .get(&format!("/api/v1/conversations/{id}"), Some(&btoken))
            .await
            .json()["messages"][0]["id"]
            .clone();
        let r = s
            .post(
                &format!("/api/v1/conversations/{id}/reports"),
                Some(&btoken),
                json!({"message_id": mine, "reason": "x"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = s
            .post(
                &format!("/api/v1/reports/{}/close", rs[0]["id"]),
                Some(&gtoken),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        assert_eq!(
            s.get("/api/v1/reports", Some(&gtoken)).await.json(),
            json!([])
        );
        // Unblocked, the organisation can answer again.
        let r = s
            .call(
                Method::PUT,
                &format!("/api/v1/conversations/{id}/block"),
                Some(&btoken),
                Some(json!({"blocked": false})),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let r = s
            .post(
                &format!("/api/v1/conversations/{id}/messages"),
                Some(&otoken),
                json!({"body": "sorry"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);

        // First contacts are limited per sender per day; answering is not.
        let (_, mtoken) = s.register("maker@spam.example.com", "HK", "en").await;
        let mut orgs = Vec::new();
        for i in 0..31 {
            orgs.push(organisation(&s, &mtoken, &format!("Target{i}")).await);
        }
        let (_, ptoken) = s.register("pusher@spam.example.com", "HK", "en").await;
        for (i, o) in orgs.iter().enumerate() {
            let r = s
                .post(
                    "/api/v1/conversations",
                    Some(&ptoken),
                    to_org(*o, "Great offer"),
                )
                .await;
            if i < 30 {
                assert_eq!(r.status, StatusCode::CREATED, "{i}: {}", r.body);
            } else {
                assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
                assert_eq!(r.json()["code"], "first_contact_limit");
            }
        }
        let r = s
            .post(
                "/api/v1/conversations",
                Some(&ptoken),
                to_org(orgs[0], "still here"),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "writing into an existing conversation: {}",
            r.body
        );
        // Writing to one's own organisation is refused.
        let r = s
            .post(
                "/api/v1/conversations",
                Some(&mtoken),
                to_org(orgs[0], "me"),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["code"], "own_organisation");
    }
}

#[tokio::test]
async fn contact_details_shared_in_a_conversation_are_revealed_and_recorded() {
    for s in servers().await {
        let (_, otoken) = s.register("owner@share.example.com", "HK", "en").await;
        let org = organisation(&s, &otoken, "Sharers").await;
        let (buyer, btoken) = s
            .register("buyer@share.example.com", "CN-GD-SZ", "zh-Hans")
            .await;
        let r = s
            .call(
                Method::PUT,
                "/api/v1/me/contact",
                Some(&btoken),
                Some(json!({"phone": "+86 138 0013 8000", "wechat": "buyer_sz"})),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.body);
        let r = s
            .post(
                "/api/v1/conversations",
                Some(&btoken),
                json!({"to": {"kind": "organisation", "id": org}, "body": "Hello"}),
            )
            .await;
        let id = r.json()["conversation_id"].as_i64().unwrap();
        let before = s.store.contact_reveal_count(buyer).await.unwrap();
        let t = s
            .get(&format!("/api/v1/conversations/{id}"), Some(&otoken))
            .await
            .json();
        assert_eq!(t["contact"], Value::Null, "not shared yet");
        let r = s
            .call(
                Method::PUT,
                &format!("/api/v1/conversations/{id}/contact-sharing"),
                Some(&btoken),
                Some(json!({"share": true})),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        let t = s
            .get(&format!("/api/v1/conversations/{id}"), Some(&otoken))
            .await
            .json();
        assert_eq!(t["contact"]["email"], "buyer@share.example.com", "{t}");
        assert_eq!(t["contact"]["phone"], "+86 138 0013 8000");
        assert_eq!(t["messages"][1]["kind"], "shared_contact");
        assert_eq!(
            s.store.contact_reveal_count(buyer).await.unwrap(),
            before + 1
        );
        // The page shows them as links.
        let c = browser();
        sign_in(&c, &s, "owner@share.example.com", "/").await;
        let (_, html) = page(&c, &s, &format!("/conversations/{id}")).await;
        assert!(
            html.contains("href=\"mailto:buyer@share.example.com\""),
            "{html}"
        );
        assert!(html.contains("href=\"tel:+8613800138000\""), "{html}");
        // The organisation side has no personal details to share.
        let r = s
            .call(
                Method::PUT,
                &format!("/api/v1/conversations/{id}/contact-sharing"),
                Some(&otoken),
                Some(json!({"share": true})),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // Withdrawn: at once.
        s.call(
            Method::PUT,
            &format!("/api/v1/conversations/{id}/contact-sharing"),
            Some(&btoken),
            Some(json!({"share": false})),
        )
        .await;
        let t = s
            .get(&format!("/api/v1/conversations/{id}"), Some(&otoken))
            .await
            .json();
        assert_eq!(t["contact"], Value::Null);
        assert_eq!(
            s.store.contact_reveal_count(buyer).await.unwrap(),
            before + 2
        );
    }
}

#[tokio::test]
async fn an_open_page_hears_of_a_new_message() {
    for s in servers().await {
        let (_, otoken) = s.register("owner@live.example.com", "HK", "en").await;
        let org = organisation(&s, &otoken, "Live").await;
        let (_, btoken) = s.register("buyer@live.example.com", "HK", "en").await;
        let r = s
            .post(
                "/api/v1/conversations",
                Some(&btoken),
                json!({"to": {"kind": "organisation", "id": org}, "body": "Are you at the booth?"}),
            )
            .await;
        let id = r.json()["conversation_id"].as_i64().unwrap();
        // The buyer's page listens; a stranger's listens too and must hear nothing of it.
        let listen = |token: String| {
            let url = s.url("/conversations/live");
            async move {
                crate::harness::client()
                    .get(url)
                    .bearer_auth(token)
                    .send()
                    .await
                    .unwrap()
            }
        };
        let (_, xtoken) = s.register("stranger@live.example.com", "HK", "en").await;
        let mut buyer_stream = listen(btoken.clone()).await;
        assert_eq!(buyer_stream.status(), StatusCode::OK);
        assert!(
            buyer_stream.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/event-stream")
        );
        let mut stranger_stream = listen(xtoken.clone()).await;
        let r = s
            .post(
                &format!("/api/v1/conversations/{id}/messages"),
                Some(&otoken),
                json!({"body": "Yes, hall 1A"}),
            )
            .await;
        let mid = r.json()["message_id"].as_i64().unwrap();
        let event = tokio::time::timeout(std::time::Duration::from_secs(30), async {
            let mut text = String::new();
            while let Some(chunk) = buyer_stream.chunk().await.unwrap() {
                text.push_str(&String::from_utf8_lossy(&chunk));
                if text.contains("\n\n") && text.contains("event: message") {
                    break;
                }
            }
            text
        })
        .await
        .expect("the event arrives");
        assert!(
            event.contains(&format!("\"conversation_id\":{id}")),
            "{event}"
        );
        assert!(event.contains(&format!("\"message_id\":{mid}")), "{event}");
        // The page brings the message in through the checked page.
        let c = browser();
        sign_in(&c, &s, "buyer@live.example.com", "/").await;
        let (st, frag) = page(&c, &s, &format!("/conversations/{id}?after={}", mid - 1)).await;
        assert_eq!(st, StatusCode::OK);
        assert!(
            frag.contains("Yes, hall 1A") && !frag.contains("Are you at the booth"),
            "{frag}"
        );
        // The stranger heard nothing: their next event is the one sent to them.
        let r = s
            .post(
                "/api/v1/conversations",
                Some(&otoken),
                json!({"to": {"kind": "organisation", "id": org}, "body": "x"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "own organisation"
        );
        let (_, ytoken) = s.register("third@live.example.com", "HK", "en").await;
        let r = s
            .post("/api/v1/conversations", Some(&ytoken),
                json!({"to": {"kind": "person", "id": s.get("/api/v1/me", Some(&xtoken)).await.json()["id"]}, "body": "ping stranger"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let sid = r.json()["conversation_id"].as_i64().unwrap();
        let event = tokio::time::timeout(std::time::Duration::from_secs(30), async {
            let mut text = String::new();
            while let Some(chunk) = stranger_stream.chunk().await.unwrap() {
                text.push_str(&String::from_utf8_lossy(&chunk));
                if text.contains("event: message") && text.contains("\n\n") {
                    break;
                }
            }
            text
        })
        .await
        .expect("the stranger's own event arrives");
        assert!(
            event.contains(&format!("\"conversation_id\":{sid}")),
            "{event}"
        );
        assert!(
            !event.contains(&format!("\"conversation_id\":{id}")),
            "{event}"
        );
    }
}

/// Where the test's mail goes: the SMTP server the test script starts (`SC_TEST_SMTP`,
/// `SC_TEST_SMTP_MAILDIR`), required under the README's test command; else a directory.
fn mail_target() -> (sc_mail::Mailer, std::path::PathBuf) {
    match (
        std::env::var("SC_TEST_SMTP"),
        std::env::var("SC_TEST_SMTP_MAILDIR"),
    ) {
        (Ok(addr), Ok(maildir)) => (
            sc_mail::Mailer::smtp(
                &format!("smtp://{addr}"),
                "superconnector <noreply@test.example>",
                "https://fair.example.hk",
            )
            .unwrap(),
            std::path::PathBuf::from(maildir).join("new"),
        ),
        _ => {
            assert!(
                std::env::var("SC_REQUIRE_SMTP").is_err(),
                "SC_REQUIRE_SMTP is set but SC_TEST_SMTP is not: the SMTP server did not start"
            );
            let dir = std::env::temp_dir().join(format!("sc-mail-{}", std::process::id()));
            (
                sc_mail::Mailer::directory(
                    dir.clone(),
                    "superconnector <noreply@test.example>",
                    "https://fair.example.hk",
                )
                .unwrap(),
                dir,
            )
        }
    }
}

/// The mails in `dir` sent to `to`, as text.
fn mails_to(dir: &std::path::Path, to: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    entries
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter(|m| m.contains(&format!("<{to}>")))
        .collect()
}

#[tokio::test]
async fn digests_of_unread_messages_go_through_a_real_mail_server_with_unsubscribe() {
    for (engine, url) in sc_storage::testing::database_urls().await {
        let store = sc_storage::Store::open(&url).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let search = std::sync::Arc::new(sc_search::SearchIndex::in_memory().unwrap());
        let (mailer, maildir) = mail_target();
        let app = sc_app::App::new(store.clone(), search.clone())
            .with_mailer(std::sync::Arc::new(mailer));
        tokio::spawn(sc_web::serve_until(
            listener,
            sc_web::AppState::new(app.clone(), false),
            std::future::pending(),
        ));
        let s = Server {
            base: format!("http://{addr}"),
            store,
            search: Some(search),
            engine,
        };

        let tag = format!("{engine}{}", std::process::id());
        let owner_email = format!("owner-{tag}@mail.example.com");
        let (_, otoken) = s.register(&owner_email, "HK", "en").await;
        let org = organisation(&s, &otoken, "Mailed").await;
        let (_, btoken) = s
            .register(
                &format!("buyer-{tag}@mail.example.com"),
                "CN-GD-SZ",
                "zh-Hans",
            )
            .await;
        let r = s
            .post("/api/v1/conversations", Some(&btoken),
                json!({"to": {"kind": "organisation", "id": org}, "body": "Do you have stock of model A1?"}))
            .await;
        let id = r.json()["conversation_id"].as_i64().unwrap();
        s.post(
            &format!("/api/v1/conversations/{id}/messages"),
            Some(&btoken),
            json!({"body": "And A2 too"}),
        )
        .await;

        // Not yet: the newest message is younger than the delay.
        let now = sc_app::now_ms();
        assert_eq!(app.send_digests(now).await.unwrap().sent, 0, "[{engine}]");
        assert!(mails_to(&maildir, &owner_email).is_empty());
        // Later: one mail for both messages, to the organisation's member only.
        let later = now + sc_app::DIGEST_DELAY_MS + 1_000;
        let r = app.send_digests(later).await.unwrap();
        assert_eq!((r.sent, r.failed), (1, 0), "[{engine}]");
        let mails = mails_to(&maildir, &owner_email);
        assert_eq!(mails.len(), 1, "[{engine}] {mails:?}");
        let m = &mails[0];
        assert!(
            m.contains("Subject: 2 new messages on superconnector"),
            "{m}"
        );
        assert!(
            m.contains(&format!("https://fair.example.hk/conversations/{id}")),
            "{m}"
        );
        assert!(m.contains("And A2 too"), "{m}");
        assert!(
            m.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            "{m}"
        );
        // Nothing twice: the same messages are not mailed again.
        let r = app
            .send_digests(later + 2 * sc_app::DIGEST_EVERY_MS)
            .await
            .unwrap();
        assert_eq!(r.sent, 0);

        // One click from the mail program stops them; the next message is not mailed.
        let at = m.find("/unsubscribe/").unwrap() + "/unsubscribe/".len();
        let token: String = m[at..]
            .chars()
            .take_while(|c| c.is_ascii_hexdigit())
            .collect();
        assert_eq!(token.len(), 64, "{m}");
        let r = crate::harness::client()
            .post(s.url(&format!("/unsubscribe/{token}")))
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        // A forged form (no one-click, no CSRF token) is refused; an unknown token is not found.
        let r = crate::harness::client()
            .post(s.url(&format!("/unsubscribe/{token}")))
            .form(&[("action", "resume")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = crate::harness::client()
            .post(s.url(&format!("/unsubscribe/{}", "0".repeat(64))))
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        s.post(
            &format!("/api/v1/conversations/{id}/messages"),
            Some(&btoken),
            json!({"body": "Hello?"}),
        )
        .await;
        let r = app
            .send_digests(sc_app::now_ms() + 3 * sc_app::DIGEST_EVERY_MS)
            .await
            .unwrap();
        assert_eq!(r.sent, 0, "unsubscribed");
        assert_eq!(mails_to(&maildir, &owner_email).len(), 1);
    }
}
