//! One behavioural story of the storage layer, run on every engine the environment has
//! (SQLite always; PostgreSQL under the README's test command, where it is required).

use sc_domain::ErrorCode;
use sc_domain::listing::{ListingInput, ListingStatus, Owner};
use sc_domain::market::{ListingKind, Market};
use sc_domain::organisation::{OrgKind, OrganisationInput};
use sc_domain::person::{ContactDetails, OrgRole, PlatformRole};
use sc_domain::{Language, LocalizedText, Location};
use sc_storage::testing::database_urls;
use sc_storage::{ListingFilter, NewUser, OrganisationFilter, PageRequest, StorageError, Store};
use serde_json::json;

fn user(email: &str) -> NewUser {
    NewUser {
        email: email.into(),
        password_hash: "$argon2id$not-a-real-hash".into(),
        display_name: format!("Person {email}"),
        preferred_language: Language::ZhHant,
        location: Location::HongKong,
        platform_role: PlatformRole::User,
    }
}

fn org(name: &str, sectors: &[&str]) -> OrganisationInput {
    OrganisationInput {
        kind: OrgKind::Company,
        name: LocalizedText::new(
            &format!("{name}有限公司"),
            &format!("{name}有限公司"),
            &format!("{name} Ltd"),
        ),
        description: LocalizedText::default(),
        sectors: sectors.iter().map(|s| s.to_string()).collect(),
        markets_served: vec![Location::parse("SG").unwrap()],
        location: Location::parse("CN-GD-SZ").unwrap(),
        website: Some("https://example.com".into()),
    }
}

fn product(title: &str, codes: &[&str], status: ListingStatus) -> ListingInput {
    serde_json::from_value(json!({
        "kind": "product",
        "title": {"zh-Hant": format!("{title}（繁）"), "en": title},
        "codes": codes,
        "target_regions": ["HK", "CN-GD-GZ"],
        "attributes": {"moq": 100, "currency": "HKD"},
        "status": status,
    }))
    .unwrap()
}

async fn each_engine<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for (engine, url) in database_urls().await {
        eprintln!("engine: {engine}");
        let store = Store::open(&url)
            .await
            .unwrap_or_else(|e| panic!("{engine}: open: {e}"));
        test(store.clone()).await;
        store.close().await;
    }
}

#[tokio::test]
async fn migrating_twice_changes_nothing() {
    each_engine(|s| async move {
        assert!(s.migrate().await.unwrap().is_empty());
        s.ping().await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn a_migration_edited_after_it_ran_stops_the_start_and_names_it() {
    each_engine(|s| async move {
        let e = s
            .migrate_edited(2, "CREATE TABLE sneaky (x TEXT);")
            .await
            .unwrap_err();
        assert!(e.to_string().contains("migration 2 was changed"), "{e}");
        // Nothing of the edited text ran.
        assert_eq!(
            s.applied_migrations().await.unwrap(),
            (1..=Store::latest_schema_version()).collect::<Vec<_>>()
        );
        assert!(s.migrate().await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_database_from_the_old_runner_is_taken_over_without_running_anything_again() {
    each_engine(|s| async move {
        let a = s.create_user(&user("kept@example.com")).await.unwrap();
        s.as_if_migrated_by_the_old_runner().await.unwrap();
        assert!(s.migrate().await.unwrap().is_empty(), "nothing re-run");
        assert_eq!(
            s.applied_migrations().await.unwrap(),
            (1..=Store::latest_schema_version()).collect::<Vec<_>>()
        );
        assert_eq!(s.account(a.id).await.unwrap().email, "kept@example.com");
    })
    .await;
}

#[tokio::test]
async fn accounts_are_unique_by_email_and_contacts_are_kept_apart() {
    each_engine(|s| async move {
        let a = s.create_user(&user("amy@example.com")).await.unwrap();
        assert_eq!(a.preferred_language, Language::ZhHant);
        let dup = s.create_user(&user("amy@example.com")).await.unwrap_err();
        assert!(
            matches!(
                dup,
                StorageError::Conflict {
                    code: ErrorCode::EmailTaken,
                    ..
                }
            ),
            "{dup:?}"
        );
        let (found, hash) = s
            .account_by_email("amy@example.com")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.id, a.id);
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            s.account_by_email("nobody@example.com")
                .await
                .unwrap()
                .is_none()
        );

        assert_eq!(
            s.contact_details(a.id).await.unwrap(),
            ContactDetails::default()
        );
        let c = ContactDetails {
            phone: Some("+852 5555 0000".into()),
            wechat: Some("amy_w".into()),
            ..Default::default()
        };
        s.put_contact_details(a.id, &c).await.unwrap();
        assert_eq!(s.contact_details(a.id).await.unwrap(), c);

        s.set_preferred_language(a.id, Language::ZhHans)
            .await
            .unwrap();
        assert_eq!(
            s.account(a.id).await.unwrap().preferred_language,
            Language::ZhHans
        );
    })
    .await;
}

#[tokio::test]
async fn sessions_resolve_until_deleted() {
    each_engine(|s| async move {
        let a = s.create_user(&user("sess@example.com")).await.unwrap();
        s.create_session("h1", a.id, "browser", sc_storage::now_ms() + 60_000)
            .await
            .unwrap();
        s.create_session("h2", a.id, "api", sc_storage::now_ms() - 1)
            .await
            .unwrap();
        assert_eq!(s.session_user("h1").await.unwrap(), Some(a.id));
        assert_eq!(
            s.session_user("h2").await.unwrap(),
            None,
            "expired sessions do not resolve"
        );
        s.delete_session("h1").await.unwrap();
        assert_eq!(s.session_user("h1").await.unwrap(), None);
    })
    .await;
}

#[tokio::test]
async fn a_code_prefix_is_answered_from_the_index_on_both_engines() {
    each_engine(|s| async move {
        let plan = s.code_prefix_plan("85").await.unwrap();
        match s.engine() {
            sc_storage::Engine::Sqlite => assert!(
                plan.contains("INDEX listing_codes_code (code>? AND code<?)"),
                "SQLite searches the index by range: {plan}"
            ),
            sc_storage::Engine::Postgres => assert!(
                plan.contains("listing_codes_code")
                    && plan.contains("Index Cond")
                    && plan.contains(">=")
                    && !plan.contains("Filter"),
                "PostgreSQL answers the range from the index: {plan}"
            ),
        }
    })
    .await;
}

#[tokio::test]
async fn regions_and_markets_served_are_answered_from_their_indexes_on_both_engines() {
    each_engine(|s| async move {
        let hk = sc_domain::Location::HongKong;
        for (plan, index) in [
            (s.region_plan(hk).await.unwrap(), "listing_regions_region"),
            (
                s.serves_plan(hk).await.unwrap(),
                "organisation_markets_market",
            ),
        ] {
            match s.engine() {
                sc_storage::Engine::Sqlite => assert!(
                    plan.contains(&format!("INDEX {index} (")) && !plan.contains("SCAN"),
                    "SQLite searches {index}: {plan}"
                ),
                sc_storage::Engine::Postgres => assert!(
                    plan.contains(index) && plan.contains("Index Cond") && !plan.contains("Filter"),
                    "PostgreSQL answers from {index}: {plan}"
                ),
            }
        }
    })
    .await;
}

#[tokio::test]
async fn listings_and_organisations_filter_by_region_and_market_served() {
    each_engine(|s| async move {
        let owner = s.create_user(&user("regions@example.com")).await.unwrap();
        let mut o = org("Serves Japan", &["electronics"]);
        o.markets_served = vec![sc_domain::Location::parse("JP").unwrap()];
        let org = s.create_organisation(&o, owner.id).await.unwrap();
        let mut hk = product("For Hong Kong", &["850760"], ListingStatus::Published);
        hk.target_regions = vec![sc_domain::Location::HongKong, sc_domain::Location::HongKong];
        let mut sg = product("For Singapore", &["850760"], ListingStatus::Published);
        sg.target_regions = vec![sc_domain::Location::parse("SG").unwrap()];
        let a = s
            .create_listing(Owner::Organisation(org.id), &hk, owner.id)
            .await
            .unwrap();
        let b = s
            .create_listing(Owner::Organisation(org.id), &sg, owner.id)
            .await
            .unwrap();
        let region = |r: sc_domain::Location| ListingFilter {
            target_region: Some(r),
            ..Default::default()
        };
        let page = PageRequest::new(None, None);
        let found = s
            .list_listings(&region(sc_domain::Location::HongKong), page)
            .await
            .unwrap();
        assert_eq!(found.items.iter().map(|l| l.id).collect::<Vec<_>>(), [a.id]);
        // A change of regions moves the listing between answers.
        let mut moved = sg.clone();
        moved.target_regions = vec![sc_domain::Location::HongKong];
        s.update_listing(b.id, &moved).await.unwrap();
        let found = s
            .list_listings(&region(sc_domain::Location::HongKong), page)
            .await
            .unwrap();
        assert_eq!(found.total, 2);
        let serves = |m: &str| OrganisationFilter {
            serves: Some(sc_domain::Location::parse(m).unwrap()),
            ..Default::default()
        };
        assert_eq!(
            s.list_organisations(&serves("JP"), page)
                .await
                .unwrap()
                .total,
            1
        );
        assert_eq!(
            s.list_organisations(&serves("SG"), page)
                .await
                .unwrap()
                .total,
            0
        );
        // Databases that had these rows before the side tables were filled from the JSON.
        s.rerun_side_table_backfill().await.unwrap();
        let found = s
            .list_listings(&region(sc_domain::Location::HongKong), page)
            .await
            .unwrap();
        assert_eq!(found.total, 2);
        assert_eq!(
            s.list_organisations(&serves("JP"), page)
                .await
                .unwrap()
                .total,
            1
        );
    })
    .await;
}

#[tokio::test]
async fn every_sqlite_connection_is_in_wal_mode_with_full_sync() {
    each_engine(|s| async move {
        let settings = s.sqlite_durability(8).await.unwrap();
        if s.engine() == sc_storage::Engine::Sqlite {
            assert_eq!(settings.len(), 8, "eight connections held at once");
            for (mode, sync) in settings {
                assert_eq!(mode, "wal");
                assert_eq!(sync, 2, "synchronous=FULL: every commit fsynced");
            }
        } else {
            assert!(settings.is_empty());
        }
    })
    .await;
}

#[tokio::test]
async fn signing_in_keeps_what_caches_hold_current() {
    each_engine(|s| async move {
        let a = s.create_user(&user("crowd@example.com")).await.unwrap();
        let before = s.epoch();
        for i in 0..20 {
            s.create_session(
                &format!("crowd{i}"),
                a.id,
                "browser",
                sc_storage::now_ms() + 60_000,
            )
            .await
            .unwrap();
        }
        assert_eq!(
            s.epoch(),
            before,
            "a crowd signing in at the entrance must not empty the booth and exhibitor caches"
        );
        s.delete_session("crowd0").await.unwrap();
        assert!(
            s.epoch() > before,
            "signing out ends the cached session at once"
        );
    })
    .await;
}

#[tokio::test]
async fn an_organisation_keeps_its_creator_as_admin_and_at_least_one_admin() {
    each_engine(|s| async move {
        let creator = s.create_user(&user("boss@example.com")).await.unwrap();
        let other = s.create_user(&user("staff@example.com")).await.unwrap();
        let o = s
            .create_organisation(&org("華南電子", &["electronics", "lighting"]), creator.id)
            .await
            .unwrap();
        assert_eq!(o.name.en.as_deref(), Some("華南電子 Ltd"));
        assert_eq!(
            s.memberships_of(creator.id).await.unwrap(),
            vec![(o.id, OrgRole::Admin)]
        );

        s.add_member(o.id, other.id, OrgRole::Member).await.unwrap();
        let again = s
            .add_member(o.id, other.id, OrgRole::Member)
            .await
            .unwrap_err();
        assert!(matches!(
            again,
            StorageError::Conflict {
                code: ErrorCode::AlreadyMember,
                ..
            }
        ));
        assert_eq!(s.members(o.id).await.unwrap().len(), 2);

        let last = s.remove_member(o.id, creator.id).await.unwrap_err();
        assert!(matches!(
            last,
            StorageError::Conflict {
                code: ErrorCode::LastAdmin,
                ..
            }
        ));
        assert_eq!(
            s.members(o.id).await.unwrap().len(),
            2,
            "the refused removal changed nothing"
        );
        s.change_member_role(o.id, other.id, OrgRole::Admin)
            .await
            .unwrap();
        s.remove_member(o.id, creator.id).await.unwrap();
        assert_eq!(s.memberships_of(creator.id).await.unwrap(), vec![]);
    })
    .await;
}

#[tokio::test]
async fn organisations_filter_by_sector_location_and_membership() {
    each_engine(|s| async move {
        let u = s.create_user(&user("f@example.com")).await.unwrap();
        let a = s
            .create_organisation(&org("甲", &["electronics"]), u.id)
            .await
            .unwrap();
        let mut hk = org("乙", &["fashion"]);
        hk.location = Location::HongKong;
        let b = s.create_organisation(&hk, u.id).await.unwrap();
        let page = PageRequest::new(None, None);
        let by_sector = s
            .list_organisations(
                &OrganisationFilter {
                    sector: Some("fashion".into()),
                    ..Default::default()
                },
                page,
            )
            .await
            .unwrap();
        assert_eq!(
            by_sector.items.iter().map(|o| o.id).collect::<Vec<_>>(),
            vec![b.id]
        );
        let by_place = s
            .list_organisations(
                &OrganisationFilter {
                    location: Some(Location::parse("CN-GD-SZ").unwrap()),
                    ..Default::default()
                },
                page,
            )
            .await
            .unwrap();
        assert_eq!(
            by_place.items.iter().map(|o| o.id).collect::<Vec<_>>(),
            vec![a.id]
        );
        assert_eq!(by_place.total, 1);

        let mut changed = org("甲", &["machinery"]);
        changed.name.en = Some("Renamed Ltd".into());
        let a2 = s.update_organisation(a.id, &changed).await.unwrap();
        assert_eq!(a2.name.en.as_deref(), Some("Renamed Ltd"));
        let by_old = s
            .list_organisations(
                &OrganisationFilter {
                    sector: Some("electronics".into()),
                    ..Default::default()
                },
                page,
            )
            .await
            .unwrap();
        assert_eq!(by_old.total, 0, "sectors are replaced, not appended");
        s.delete_organisation(b.id).await.unwrap();
        assert!(matches!(
            s.organisation(b.id).await,
            Err(StorageError::NotFound)
        ));
    })
    .await;
}

#[tokio::test]
async fn listings_page_and_filter_by_market_code_and_status() {
    each_engine(|s| async move {
        let u = s.create_user(&user("l@example.com")).await.unwrap();
        let o = s.create_organisation(&org("丙", &["electronics"]), u.id).await.unwrap();
        let owner = Owner::Organisation(o.id);
        for i in 0..25 {
            s.create_listing(owner, &product(&format!("Charger {i}"), &["850440"], ListingStatus::Published), u.id).await.unwrap();
        }
        let draft = s.create_listing(owner, &product("Secret", &["9503"], ListingStatus::Draft), u.id).await.unwrap();
        let job: ListingInput = serde_json::from_value(json!({"kind": "job", "title": {"en": "Engineer"}, "attributes": {"employment_type": "full_time"}})).unwrap();
        let personal = s.create_listing(Owner::Person(u.id), &job, u.id).await.unwrap();
        assert_eq!(personal.market, Market::Talent);

        let all_trade = ListingFilter { market: Some(Market::Trade), ..Default::default() };
        let p1 = s.list_listings(&all_trade, PageRequest::new(Some(1), Some(10))).await.unwrap();
        assert_eq!((p1.total, p1.items.len()), (25, 10), "drafts are not listed by default");
        let p3 = s.list_listings(&all_trade, PageRequest::new(Some(3), Some(10))).await.unwrap();
        assert_eq!(p3.items.len(), 5);
        assert!(p1.items[0].id > p1.items[1].id, "newest first");

        let by_code = ListingFilter { code_prefix: Some("85".into()), ..Default::default() };
        assert_eq!(s.list_listings(&by_code, PageRequest::new(None, None)).await.unwrap().total, 25);
        let drafts = ListingFilter { owner: Some(owner), statuses: vec![ListingStatus::Draft], ..Default::default() };
        let d = s.list_listings(&drafts, PageRequest::new(None, None)).await.unwrap();
        assert_eq!(d.items.iter().map(|l| l.id).collect::<Vec<_>>(), vec![draft.id]);
        let region = ListingFilter { target_region: Some(Location::parse("CN-GD-GZ").unwrap()), kind: Some(ListingKind::Product), ..Default::default() };
        assert_eq!(s.list_listings(&region, PageRequest::new(None, None)).await.unwrap().total, 25);

        let got = s.listing(draft.id).await.unwrap();
        assert_eq!(got.attributes["moq"], json!(100));
        assert_eq!(got.title.zh_hant.as_deref(), Some("Secret（繁）"));
        let mut edit = product("Public now", &["950300"], ListingStatus::Published);
        edit.attributes.insert("lead_time_days".into(), json!(30));
        let edited = s.update_listing(draft.id, &edit).await.unwrap();
        assert_eq!(edited.codes, vec!["950300"]);
        assert_eq!(edited.created_by, u.id);
        s.delete_listing(draft.id).await.unwrap();
        assert!(matches!(s.delete_listing(draft.id).await, Err(StorageError::NotFound)));
    })
    .await;
}

#[tokio::test]
async fn a_dropped_batch_leaves_nothing_behind() {
    each_engine(|s| async move {
        {
            let mut b = s.batch().await.unwrap();
            b.insert_user(&user("ghost@example.com")).await.unwrap();
            // dropped without commit
        }
        assert!(
            s.account_by_email("ghost@example.com")
                .await
                .unwrap()
                .is_none()
        );
        let mut b = s.batch().await.unwrap();
        let uid = b.insert_user(&user("real@example.com")).await.unwrap();
        let oid = b.insert_organisation(&org("丁", &[]), true).await.unwrap();
        b.insert_membership(oid, uid, OrgRole::Admin).await.unwrap();
        b.commit().await.unwrap();
        assert!(s.organisation(oid).await.unwrap().verified);
        assert_eq!(
            s.memberships_of(uid).await.unwrap(),
            vec![(oid, OrgRole::Admin)]
        );
    })
    .await;
}

#[tokio::test]
async fn profiles_and_match_events_are_kept_in_order_and_go_with_the_account() {
    use sc_domain::profile::ProfileKind;
    use sc_storage::{EventActor, EventRecorder, MatchEvent};
    each_engine(|s| async move {
        let buyer = s.create_user(&user("buyer@example.com")).await.unwrap();
        let owner = s.create_user(&user("owner@example.com")).await.unwrap();
        let o = s
            .create_organisation(&org("充電", &["electronics"]), owner.id)
            .await
            .unwrap();
        assert!(
            s.profile(ProfileKind::Buyer, buyer.id)
                .await
                .unwrap()
                .is_none()
        );
        let attrs = json!({"sources": "充電器", "hs_codes": ["8504"], "order_size": 500});
        let attrs = attrs.as_object().unwrap().clone();
        s.save_profile(ProfileKind::Buyer, buyer.id, &attrs)
            .await
            .unwrap();
        let again = json!({"sources": "流動電源"}).as_object().unwrap().clone();
        s.save_profile(ProfileKind::Buyer, buyer.id, &again)
            .await
            .unwrap();
        let (read, _) = s
            .profile(ProfileKind::Buyer, buyer.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(read, again, "saving replaces the whole profile");
        let wishes = json!({"buyer_types": ["importer"]})
            .as_object()
            .unwrap()
            .clone();
        s.save_profile(ProfileKind::Wishes, o.id, &wishes)
            .await
            .unwrap();
        assert_eq!(
            s.profiles(ProfileKind::Wishes).await.unwrap(),
            vec![(o.id, wishes)]
        );
        let people = s.match_people().await.unwrap();
        let me = people.iter().find(|p| p.id == buyer.id).unwrap();
        assert_eq!(me.profile, again);

        let recorder = EventRecorder::start(s.clone());
        let ev = |at, kind: &str, actor| MatchEvent {
            at,
            actor,
            kind: kind.into(),
            user_id: buyer.id,
            organisation_id: Some(o.id),
            listing_id: None,
            for_listing_id: None,
            target_organisation_id: None,
        };
        recorder
            .record(ev(20, "not_interested", EventActor::Person))
            .await
            .unwrap();
        s.record_match_events(&[
            ev(10, "view", EventActor::Person),
            ev(30, "more_like_this", EventActor::Organisation),
        ])
        .await
        .unwrap();
        let kinds: Vec<(String, EventActor)> = s
            .match_history()
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.kind, e.actor))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("view".to_string(), EventActor::Person),
                ("not_interested".to_string(), EventActor::Person),
                ("more_like_this".to_string(), EventActor::Organisation),
            ]
        );
        assert_eq!(s.match_events_of(buyer.id, 10).await.unwrap().len(), 3);

        s.delete_user(buyer.id).await.unwrap();
        assert!(
            s.match_history().await.unwrap().is_empty(),
            "events go with the account"
        );
        assert!(
            s.profile(ProfileKind::Buyer, buyer.id)
                .await
                .unwrap()
                .is_none()
        );
        assert!(matches!(
            s.delete_user(buyer.id).await,
            Err(StorageError::NotFound)
        ));
    })
    .await;
}
