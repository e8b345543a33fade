//! Fairs at work: QR codes, scans, bookmarks, leads, contact reveals, floor plans and the
//! organiser's figures, on every engine the environment has.

use sc_domain::ErrorCode;
use sc_domain::conversation::{MessageKind, Parties, Side};
use sc_domain::fair::FairInput;
use sc_domain::governance::RevealPurpose;
use sc_domain::listing::Owner;
use sc_domain::organisation::{OrgKind, OrganisationInput};
use sc_domain::person::{ContactDetails, PlatformRole, UserId};
use sc_domain::{Language, LocalizedText, Location};
use sc_floorplan::{BoothShape, HallPlan, Point, Rect};
use sc_storage::testing::database_urls;
use sc_storage::{
    InboxFilter, NewAttachment, NewExhibitor, NewMessage, NewUser, Opening, SavePlanError, Scan,
    ScanRecorder, Source, StorageError, Store, TokenLookup, Viewer,
};

fn text_message(side: Side, author: UserId, kind: MessageKind, body: &str) -> NewMessage {
    NewMessage {
        side,
        author,
        kind,
        body: body.into(),
        folded: body.to_lowercase(),
        data: serde_json::json!({}),
        listing_id: None,
        attachments: Vec::new(),
    }
}

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

/// Hall names for halls an import creates (the app takes them from the catalogue).
fn hall_name(code: &str) -> sc_domain::LocalizedText {
    sc_domain::LocalizedText::new(
        &format!("展館 {code}"),
        &format!("展馆 {code}"),
        &format!("Hall {code}"),
    )
}

fn exhibitor(reference: &str, booth: &str) -> NewExhibitor {
    NewExhibitor {
        reference: reference.into(),
        hall: "1A".into(),
        booth: booth.into(),
        organisation: OrganisationInput {
            kind: OrgKind::Company,
            name: LocalizedText::new(&format!("{reference}公司"), "", &format!("{reference} Ltd")),
            description: LocalizedText::default(),
            sectors: vec![],
            markets_served: vec![],
            location: Location::HongKong,
            website: None,
        },
        contact_email: None,
    }
}

struct World {
    fair: i64,
    orgs: Vec<i64>,
    buyers: Vec<UserId>,
}

async fn world(s: &Store, buyers: usize) -> World {
    let fair = s
        .create_fair(&FairInput {
            name: LocalizedText::new("測試展", "测试展", "Test Fair"),
            venue: LocalizedText::default(),
            starts_on: "2026-12-01".into(),
            ends_on: "2026-12-03".into(),
            online_until: "2027-01-31".into(),
            time_zone: "Asia/Hong_Kong".into(),
        })
        .await
        .unwrap()
        .id;
    s.import_exhibitors(
        fair,
        &[exhibitor("E1", "A01"), exhibitor("E2", "A02")],
        &hall_name,
        false,
        |_| {},
    )
    .await
    .unwrap();
    let orgs = s
        .booths(Some(fair), None)
        .await
        .unwrap()
        .iter()
        .map(|b| b.booth.organisation_id.unwrap())
        .collect();
    let mut ids = Vec::new();
    for i in 0..buyers {
        let a = s
            .create_user(&NewUser {
                email: format!("buyer{i}@example.com"),
                password_hash: "x".into(),
                display_name: format!("Buyer {i}"),
                preferred_language: if i % 2 == 0 {
                    Language::En
                } else {
                    Language::ZhHans
                },
                location: if i % 2 == 0 {
                    Location::HongKong
                } else {
                    Location::parse("CN-GD-SZ").unwrap()
                },
                platform_role: PlatformRole::User,
            })
            .await
            .unwrap();
        ids.push(a.id);
    }
    World {
        fair,
        orgs,
        buyers: ids,
    }
}

#[tokio::test]
async fn codes_are_issued_once_reissued_and_revoked_codes_stop_working() {
    each_engine(|s| async move {
        let w = world(&s, 0).await;
        let codes = s.booth_codes(w.fair).await.unwrap();
        assert_eq!(codes.len(), 2);
        // Asking again prints the same codes.
        let again = s.booth_codes(w.fair).await.unwrap();
        assert_eq!(codes[0].token, again[0].token);
        let TokenLookup::Live(t) = s.lookup_token(&codes[0].token).await.unwrap() else {
            panic!("live token not found");
        };
        assert_eq!((t.booth_code.as_str(), t.fair_id), ("A01", w.fair));
        let new = s
            .reissue_booth_code(w.fair, codes[0].booth_id)
            .await
            .unwrap();
        assert_ne!(new, codes[0].token);
        assert_eq!(
            s.lookup_token(&codes[0].token).await.unwrap(),
            TokenLookup::Revoked { fair_id: w.fair }
        );
        assert!(matches!(
            s.lookup_token(&new).await.unwrap(),
            TokenLookup::Live(_)
        ));
        assert_eq!(
            s.lookup_token("AAAAAAAAAAAAAAAAAAAAAA").await.unwrap(),
            TokenLookup::Unknown
        );
        assert_eq!(
            s.lookup_token("' OR 1=1 --").await.unwrap(),
            TokenLookup::Unknown
        );
        // A booth of another fair cannot be reissued through this one.
        assert!(matches!(
            s.reissue_booth_code(w.fair + 1000, codes[0].booth_id).await,
            Err(StorageError::NotFound)
        ));
    })
    .await;
}

#[tokio::test]
async fn concurrent_scans_commit_together_without_duplicate_bookmarks() {
    each_engine(|s| async move {
        let w = world(&s, 10).await;
        let booths = s.booths(Some(w.fair), None).await.unwrap();
        let rec = ScanRecorder::start(s.clone());
        let mut tasks = Vec::new();
        // Every buyer scans each booth three times, all at once, plus anonymous scans.
        for round in 0..3 {
            for &buyer in &w.buyers {
                for b in &booths {
                    let rec = rec.clone();
                    let scan = Scan {
                        fair_id: w.fair,
                        booth_id: b.booth.id,
                        organisation_id: b.booth.organisation_id.unwrap(),
                        user_id: Some(buyer),
                        language: "en".into(),
                    };
                    tasks.push(tokio::spawn(async move {
                        (round, rec.record(scan).await.unwrap())
                    }));
                }
            }
        }
        for b in &booths {
            let rec = rec.clone();
            let scan = Scan {
                fair_id: w.fair,
                booth_id: b.booth.id,
                organisation_id: b.booth.organisation_id.unwrap(),
                user_id: None,
                language: "zh-Hant".into(),
            };
            tasks.push(tokio::spawn(
                async move { (9, rec.record(scan).await.unwrap()) },
            ));
        }
        let mut new = 0;
        for t in tasks {
            let (_, o) = t.await.unwrap();
            new += o.bookmarked_now as usize;
        }
        // One new bookmark per buyer and booth, however the scans interleaved.
        assert_eq!(new, 10 * 2);
        for &buyer in &w.buyers {
            let marks = s.bookmarks(buyer, w.fair).await.unwrap();
            assert_eq!(marks.len(), 2);
            assert!(
                marks
                    .iter()
                    .all(|m| m.source == Source::Scan && m.visited_at.is_some())
            );
        }
        let leads = s.leads(w.orgs[0], w.fair).await.unwrap();
        assert_eq!(leads.len(), 10);
        assert!(
            leads
                .iter()
                .all(|l| l.scans == 3 && l.bookmarked && !l.shares_contact)
        );
        let stats = s.fair_stats(w.fair, 8 * 3_600_000).await.unwrap();
        assert_eq!(stats.scans, 10 * 2 * 3 + 2);
        assert_eq!(stats.scanning_visitors, 10);
        assert_eq!(stats.scans_by_hour.iter().map(|h| h.1).sum::<i64>(), 62);
        assert_eq!(stats.top_booths.len(), 2);
        assert_eq!(stats.top_booths[0].scans, 31);
        assert_eq!(stats.bookmarks.get("scan"), Some(&20));
        assert_eq!(
            stats.buyers_by_location.iter().map(|l| l.1).sum::<i64>(),
            10
        );
        assert_eq!(stats.buyers_by_language.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn undo_removes_the_bookmark_and_the_lead_unless_a_request_was_sent() {
    each_engine(|s| async move {
        let w = world(&s, 2).await;
        let (a, b) = (w.buyers[0], w.buyers[1]);
        assert!(s.add_bookmark(a, w.fair, w.orgs[0]).await.unwrap());
        assert!(!s.add_bookmark(a, w.fair, w.orgs[0]).await.unwrap());
        s.update_bookmark(
            a,
            w.fair,
            w.orgs[0],
            "Ask about MOQ",
            &["lighting".into(), "follow-up".into()],
            true,
        )
        .await
        .unwrap();
        let m = s.bookmark(a, w.fair, w.orgs[0]).await.unwrap().unwrap();
        assert_eq!(m.note, "Ask about MOQ");
        assert_eq!(m.tags, ["lighting", "follow-up"]);
        assert!(m.visited_at.is_some());
        assert_eq!(m.booths, [("1A".to_string(), "A01".to_string())]);
        s.remove_bookmark(a, w.fair, w.orgs[0]).await.unwrap();
        assert!(s.leads(w.orgs[0], w.fair).await.unwrap().is_empty());
        assert!(matches!(
            s.remove_bookmark(a, w.fair, w.orgs[0]).await,
            Err(StorageError::NotFound)
        ));
        // A contact request keeps the lead when the bookmark goes.
        s.add_bookmark(b, w.fair, w.orgs[0]).await.unwrap();
        let posted = s
            .request_contact(
                b,
                w.fair,
                w.orgs[0],
                "Please send a price list",
                true,
                &text_message(Side::A, b, MessageKind::Contact, "Please send a price list"),
            )
            .await
            .unwrap();
        assert!(posted.created);
        let c = s.conversation(posted.conversation_id).await.unwrap();
        assert_eq!((c.b_unread, c.a_unread, c.fair_id), (1, 0, Some(w.fair)));
        s.remove_bookmark(b, w.fair, w.orgs[0]).await.unwrap();
        let leads = s.leads(w.orgs[0], w.fair).await.unwrap();
        assert_eq!(leads.len(), 1);
        assert_eq!(leads[0].message, "Please send a price list");
        assert!(!leads[0].bookmarked);
        // Only exhibitors of the fair can be bookmarked.
        let mut batch = s.batch().await.unwrap();
        let stranger = batch
            .insert_organisation(&exhibitor("X", "Z").organisation, false)
            .await
            .unwrap();
        batch.commit().await.unwrap();
        assert!(matches!(
            s.add_bookmark(a, w.fair, stranger).await,
            Err(StorageError::NotFound)
        ));
    })
    .await;
}

#[tokio::test]
async fn contact_details_are_revealed_only_with_consent_and_each_reveal_is_recorded() {
    each_engine(|s| async move {
        let w = world(&s, 3).await;
        let details = ContactDetails {
            phone: Some("+852 5555 0000".into()),
            ..Default::default()
        };
        for &b in &w.buyers {
            s.put_contact_details(b, &details).await.unwrap();
            s.add_bookmark(b, w.fair, w.orgs[0]).await.unwrap();
        }
        s.set_contact_sharing(w.buyers[1], w.fair, w.orgs[0], true)
            .await
            .unwrap();
        let viewer = Viewer {
            user_id: w.buyers[2],
            location: Location::HongKong,
            organisation_id: w.orgs[0],
        };
        let shown = s
            .reveal_lead_contacts(&viewer, w.fair, &[], RevealPurpose::LeadExportCsv)
            .await
            .unwrap();
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].user_id, w.buyers[1]);
        assert_eq!(shown[0].details.phone.as_deref(), Some("+852 5555 0000"));
        assert_eq!(shown[0].email, "buyer1@example.com");
        assert_eq!(s.contact_reveal_count(w.buyers[1]).await.unwrap(), 1);
        assert_eq!(s.contact_reveal_count(w.buyers[0]).await.unwrap(), 0);
        // Asking for someone who did not agree shows nothing and records nothing.
        let none = s
            .reveal_lead_contacts(&viewer, w.fair, &[w.buyers[0]], RevealPurpose::LeadView)
            .await
            .unwrap();
        assert!(none.is_empty());
        assert_eq!(s.contact_reveal_count(w.buyers[0]).await.unwrap(), 0);
        // Withdrawing consent stops further reveals.
        s.set_contact_sharing(w.buyers[1], w.fair, w.orgs[0], false)
            .await
            .unwrap();
        assert!(
            s.reveal_lead_contacts(&viewer, w.fair, &[], RevealPurpose::LeadView)
                .await
                .unwrap()
                .is_empty()
        );
        s.update_lead(w.orgs[0], w.fair, w.buyers[1], "Big buyer", 9)
            .await
            .unwrap();
        let l = s
            .lead_of(w.orgs[0], w.fair, w.buyers[1])
            .await
            .unwrap()
            .unwrap();
        assert_eq!((l.note.as_str(), l.score), ("Big buyer", 5));
    })
    .await;
}

#[tokio::test]
async fn a_hall_without_a_drawing_gets_a_grid_and_a_drawn_plan_is_checked_and_saved() {
    each_engine(|s| async move {
        let w = world(&s, 0).await;
        let plans = s.fair_plans(w.fair).await.unwrap();
        assert_eq!(plans.len(), 1);
        assert!(!plans[0].drawn);
        assert_eq!(plans[0].plan.booths.len(), 2);
        let hall = plans[0].hall.id;
        let shape = |code: &str, x| BoothShape {
            code: code.into(),
            rect: Rect {
                x,
                y: 30,
                w: 30,
                h: 30,
            },
        };
        let mut plan = HallPlan {
            width: 300,
            height: 200,
            entrance: Point { x: 150, y: 200 },
            booths: vec![shape("A01", 30), shape("A02", 60), shape("A03", 90)],
        };
        assert_eq!(s.save_hall_plan(hall, &plan).await.unwrap(), 1);
        let saved = &s.fair_plans(w.fair).await.unwrap()[0];
        assert!(saved.drawn);
        assert_eq!(saved.plan, plan);
        // Leaving out a booth with an exhibitor is refused, and nothing changes.
        plan.booths.remove(0);
        plan.width = 400;
        match s.save_hall_plan(hall, &plan).await {
            Err(SavePlanError::Invalid(e)) => assert!(e[0].message.contains("\"A01\""), "{e:?}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(s.fair_plans(w.fair).await.unwrap()[0].plan.width, 300);
        // Overlaps are refused before anything is written.
        plan.booths.push(shape("A04", 70));
        assert!(matches!(
            s.save_hall_plan(hall, &plan).await,
            Err(SavePlanError::Invalid(_))
        ));
    })
    .await;
}

#[tokio::test]
async fn photos_belong_to_their_owner_and_covers_come_in_one_query() {
    each_engine(|s| async move {
        let w = world(&s, 1).await;
        let product: sc_domain::listing::ListingInput = serde_json::from_value(serde_json::json!({
            "kind": "product", "title": {"en": "Lamp"}}))
        .unwrap();
        let mut ids = Vec::new();
        for _ in 0..3 {
            ids.push(
                s.create_listing(
                    sc_domain::listing::Owner::Organisation(w.orgs[0]),
                    &product,
                    w.buyers[0],
                )
                .await
                .unwrap()
                .id,
            );
        }
        let img = |d: &str| sc_storage::NewImage {
            width: 10,
            height: 5,
            digest: d.into(),
            display: vec![1, 2, 3],
            thumb: vec![4, 5],
        };
        let a = s
            .add_image(
                sc_storage::ImageOwner::Listing(ids[0]),
                &img("a"),
                w.buyers[0],
            )
            .await
            .unwrap();
        s.add_image(
            sc_storage::ImageOwner::Listing(ids[0]),
            &img("b"),
            w.buyers[0],
        )
        .await
        .unwrap();
        s.add_image(
            sc_storage::ImageOwner::Listing(ids[2]),
            &img("c"),
            w.buyers[0],
        )
        .await
        .unwrap();
        s.add_image(
            sc_storage::ImageOwner::Organisation(w.orgs[0]),
            &img("logo"),
            w.buyers[0],
        )
        .await
        .unwrap();
        let covers = s.covers(&ids).await.unwrap();
        assert_eq!(covers.len(), 2);
        assert_eq!(covers[&ids[0]].digest, "a", "the first photo is the cover");
        assert_eq!(covers[&ids[2]].digest, "c");
        assert_eq!(s.image_bytes(a.id, true).await.unwrap(), vec![4, 5]);
        assert_eq!(s.image_bytes(a.id, false).await.unwrap(), vec![1, 2, 3]);
        assert_eq!(
            s.images_of(sc_storage::ImageOwner::Organisation(w.orgs[0]))
                .await
                .unwrap()
                .len(),
            1
        );
        for i in 0..10 {
            s.add_image(
                sc_storage::ImageOwner::Listing(ids[1]),
                &img(&i.to_string()),
                w.buyers[0],
            )
            .await
            .unwrap();
        }
        s.add_image(
            sc_storage::ImageOwner::Listing(ids[1]),
            &img("x"),
            w.buyers[0],
        )
        .await
        .unwrap();
        s.add_image(
            sc_storage::ImageOwner::Listing(ids[1]),
            &img("y"),
            w.buyers[0],
        )
        .await
        .unwrap();
        assert!(matches!(
            s.add_image(
                sc_storage::ImageOwner::Listing(ids[1]),
                &img("z"),
                w.buyers[0]
            )
            .await,
            Err(StorageError::Conflict {
                code: ErrorCode::TooManyImages,
                ..
            })
        ));
        // Deleting the product deletes its photos.
        s.delete_listing(ids[0]).await.unwrap();
        assert!(matches!(s.image(a.id).await, Err(StorageError::NotFound)));
    })
    .await;
}

#[tokio::test]
async fn conversations_keep_counts_topics_files_and_blocks_on_every_engine() {
    each_engine(|s| async move {
        let w = world(&s, 3).await;
        let (buyer, other, member) = (w.buyers[0], w.buyers[1], w.buyers[2]);
        let org = w.orgs[0];
        let parties = Parties {
            a: buyer,
            b: Owner::Organisation(org),
        };
        let general = Opening {
            parties,
            topic: String::new(),
            listing_id: None,
            fair_id: Some(w.fair),
        };
        let first = s
            .start_conversation(
                &general,
                &text_message(Side::A, buyer, MessageKind::Text, "hello"),
            )
            .await
            .unwrap();
        assert!(first.created);
        // The same parties and topic: the same conversation; another topic: another.
        let again = s
            .start_conversation(
                &general,
                &text_message(Side::A, buyer, MessageKind::Text, "again"),
            )
            .await
            .unwrap();
        assert_eq!(
            (again.conversation_id, again.created),
            (first.conversation_id, false)
        );
        let about = Opening {
            topic: "listing:1".into(),
            ..general.clone()
        };
        let other_topic = s
            .start_conversation(
                &about,
                &text_message(Side::A, buyer, MessageKind::Text, "quote?"),
            )
            .await
            .unwrap();
        assert_ne!(other_topic.conversation_id, first.conversation_id);
        let id = first.conversation_id;
        let c = s.conversation(id).await.unwrap();
        assert_eq!((c.a_unread, c.b_unread), (0, 2));
        assert!(c.a_read_at.is_some() && c.b_read_at.is_none());
        // The organisation answers with a file: its unread count goes, the buyer's comes.
        let mut answer = text_message(Side::B, member, MessageKind::Text, "see attached");
        answer.attachments.push(NewAttachment {
            name: "q.pdf".into(),
            media_type: "application/pdf".into(),
            digest: "d".into(),
            bytes: b"%PDF-1.4 x".to_vec(),
        });
        let posted = s.post_message(id, &answer).await.unwrap();
        let c = s.conversation(id).await.unwrap();
        assert_eq!((c.a_unread, c.b_unread), (1, 0));
        assert_eq!(c.last_body, "see attached");
        let msgs = s.messages(id, None, 10).await.unwrap();
        assert_eq!(
            msgs.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(),
            ["hello", "again", "see attached"]
        );
        let file = &msgs[2].attachments[0];
        let (info, bytes) = s.attachment(id, file.id).await.unwrap();
        assert_eq!((info.size, bytes), (10, b"%PDF-1.4 x".to_vec()));
        assert!(matches!(
            s.attachment(other_topic.conversation_id, file.id).await,
            Err(StorageError::NotFound)
        ));
        let after = s.messages_after(id, msgs[0].id, 10).await.unwrap();
        assert_eq!(
            after.iter().map(|m| m.id).collect::<Vec<_>>(),
            [msgs[1].id, posted.message_id]
        );
        assert_eq!(
            s.messages(id, Some(msgs[2].id), 1).await.unwrap()[0].id,
            msgs[1].id
        );
        // Unread totals by person and by organisation membership.
        assert_eq!(s.unread_total(buyer, &[]).await.unwrap(), 1);
        assert_eq!(
            s.unread_total(member, &[org]).await.unwrap(),
            1,
            "the listing conversation"
        );
        assert_eq!(s.unread_total(other, &[]).await.unwrap(), 0);
        s.mark_read(id, Side::A).await.unwrap();
        assert_eq!(s.unread_total(buyer, &[]).await.unwrap(), 0);
        // The inbox: unread only, the organisation's, search with LIKE characters literal.
        let all = InboxFilter {
            limit: 50,
            ..Default::default()
        };
        assert_eq!(s.inbox(buyer, &[], &all).await.unwrap().len(), 2);
        assert_eq!(s.inbox(other, &[], &all).await.unwrap().len(), 0);
        let unread = InboxFilter {
            unread_only: true,
            organisation: Some(org),
            ..all.clone()
        };
        let found = s.inbox(member, &[org], &unread).await.unwrap();
        assert_eq!(
            found.iter().map(|c| c.id).collect::<Vec<_>>(),
            [other_topic.conversation_id]
        );
        let q = InboxFilter {
            folded_query: Some("attach".into()),
            ..all.clone()
        };
        let hit = s.inbox(buyer, &[], &q).await.unwrap();
        assert_eq!(hit.len(), 1);
        assert_eq!(hit[0].hit.as_deref(), Some("see attached"));
        let pct = InboxFilter {
            folded_query: Some("%".into()),
            ..all.clone()
        };
        assert!(s.inbox(buyer, &[], &pct).await.unwrap().is_empty());
        // Between two people: one conversation whoever starts, the smaller id on side A.
        let (p, side) = Parties::between(Owner::Person(other), Owner::Person(buyer)).unwrap();
        let pp = s
            .start_conversation(
                &Opening {
                    parties: p,
                    topic: String::new(),
                    listing_id: None,
                    fair_id: None,
                },
                &text_message(side, other, MessageKind::Text, "hi"),
            )
            .await
            .unwrap();
        assert_eq!(
            s.conversation_between(p, "").await.unwrap(),
            Some(pp.conversation_id)
        );
        assert_eq!(s.unread_total(buyer, &[]).await.unwrap(), 1);
        assert_eq!(s.conversations_started_since(other, 0).await.unwrap(), 1);
        assert_eq!(s.conversations_started_since(buyer, 0).await.unwrap(), 2);
        // Blocks are one way and undone.
        s.set_block(Owner::Organisation(org), Owner::Person(buyer), true)
            .await
            .unwrap();
        assert!(
            s.is_blocked(Owner::Organisation(org), Owner::Person(buyer))
                .await
                .unwrap()
        );
        assert!(
            !s.is_blocked(Owner::Person(buyer), Owner::Organisation(org))
                .await
                .unwrap()
        );
        s.set_block(Owner::Organisation(org), Owner::Person(buyer), false)
            .await
            .unwrap();
        assert!(
            !s.is_blocked(Owner::Organisation(org), Owner::Person(buyer))
                .await
                .unwrap()
        );
        // Assigning: only to a member of the organisation.
        assert!(matches!(
            s.assign_conversation(id, Some(other)).await,
            Err(StorageError::Conflict {
                code: ErrorCode::NotAMember,
                ..
            })
        ));
        // A deleted account takes its conversations with it.
        s.delete_user(buyer).await.unwrap();
        assert!(matches!(
            s.conversation(id).await,
            Err(StorageError::NotFound)
        ));
    })
    .await;
}
