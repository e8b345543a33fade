//! Search behaviour on a real store (SQLite here; the web tests run it on PostgreSQL too).

use std::sync::Arc;

use sc_domain::listing::{ListingInput, Owner};
use sc_domain::organisation::OrganisationInput;
use sc_domain::person::PlatformRole;
use sc_domain::{Language, Location};
use sc_search::sync::{catch_up, rebuild};
use sc_search::{Filters, SearchIndex, SearchRequest};
use sc_storage::{NewUser, Store};
use serde_json::json;

struct World {
    store: Store,
    user: i64,
    org: i64,
}

async fn world() -> World {
    let store = Store::open(&sc_storage::testing::sqlite_url())
        .await
        .unwrap();
    let user = store
        .create_user(&NewUser {
            email: "s@example.com".into(),
            password_hash: "x".into(),
            display_name: "S".into(),
            preferred_language: Language::En,
            location: Location::HongKong,
            platform_role: PlatformRole::User,
        })
        .await
        .unwrap()
        .id;
    let org: OrganisationInput = serde_json::from_value(json!({"kind": "company", "name": {"zh-Hant": "華南電子有限公司", "en": "Huanan Electronics Limited"}, "sectors": ["electronics"], "location": "CN-GD-SZ"})).unwrap();
    let org = store.create_organisation(&org, user).await.unwrap().id;
    World { store, user, org }
}

async fn add(w: &World, v: serde_json::Value) -> i64 {
    let l: ListingInput = serde_json::from_value(v).unwrap();
    w.store
        .create_listing(Owner::Organisation(w.org), &l.validated().unwrap(), w.user)
        .await
        .unwrap()
        .id
}

fn req(q: &str) -> SearchRequest {
    SearchRequest {
        q: q.into(),
        filters: Filters::default(),
        lang: Language::En,
        offset: 0,
        limit: 10,
        facets: true,
    }
}

fn ids(index: &SearchIndex, r: SearchRequest) -> Vec<i64> {
    index
        .search(&r)
        .unwrap()
        .hits
        .into_iter()
        .filter(|h| h.entity == "listing")
        .map(|h| h.id)
        .collect()
}

#[tokio::test]
async fn a_query_in_one_script_finds_text_in_the_other() {
    let w = world().await;
    let hant = add(&w, json!({"kind": "product", "title": {"zh-Hant": "無線藍牙耳機"}, "description": {"zh-Hant": "降噪無線藍牙耳機，續航三十小時"}, "codes": ["851830"]})).await;
    let hans = add(
        &w,
        json!({"kind": "product", "title": {"zh-Hans": "移动电源 20000毫安"}, "codes": ["850760"]}),
    )
    .await;
    let en = add(
        &w,
        json!({"kind": "product", "title": {"en": "Wireless Bluetooth earphones"}}),
    )
    .await;
    let index = Arc::new(SearchIndex::in_memory().unwrap());
    catch_up(&index, &w.store).await.unwrap();

    assert_eq!(
        ids(&index, req("蓝牙耳机")),
        vec![hant],
        "Simplified finds Traditional"
    );
    assert_eq!(
        ids(&index, req("行動電源")).len(),
        0,
        "a different word is not a match"
    );
    assert_eq!(
        ids(&index, req("移動電源")),
        vec![hans],
        "Traditional finds Simplified"
    );
    assert_eq!(
        ids(&index, req("bluetooth earphones")),
        vec![en],
        "English finds the English field"
    );
    assert_eq!(ids(&index, req("Bluetooth")), vec![en]);
    // Snippets come back in the query's script, with the match marked.
    let r = index.search(&req("降噪")).unwrap();
    assert!(
        r.hits[0].snippet.contains("<mark>降噪</mark>"),
        "{}",
        r.hits[0].snippet
    );
    let r = index.search(&req("续航")).unwrap();
    assert!(
        r.hits[0].snippet.contains("<mark>续航</mark>") && r.hits[0].snippet.contains("无线"),
        "snippet converted to Simplified: {}",
        r.hits[0].snippet
    );
    // A Traditional reader who types Simplified reads Traditional, the match still marked; a
    // Simplified reader the other way round.
    let r = index
        .search(&SearchRequest {
            lang: Language::ZhHant,
            ..req("续航")
        })
        .unwrap();
    assert!(
        r.hits[0].snippet.contains("<mark>續航</mark>") && r.hits[0].snippet.contains("無線"),
        "snippet in the reader's Traditional: {}",
        r.hits[0].snippet
    );
    let r = index
        .search(&SearchRequest {
            lang: Language::ZhHans,
            ..req("續航")
        })
        .unwrap();
    assert!(
        r.hits[0].snippet.contains("<mark>续航</mark>") && !r.hits[0].snippet.contains("續"),
        "snippet in the reader's Simplified: {}",
        r.hits[0].snippet
    );
}

#[tokio::test]
async fn names_rank_above_descriptions_and_typos_and_prefixes_are_forgiven() {
    let w = world().await;
    let in_body = add(&w, json!({"kind": "product", "title": {"en": "Travel adapter"}, "description": {"en": "Works with any charger"}})).await;
    let in_name = add(
        &w,
        json!({"kind": "product", "title": {"en": "GaN charger 65W"}}),
    )
    .await;
    let index = Arc::new(SearchIndex::in_memory().unwrap());
    catch_up(&index, &w.store).await.unwrap();
    assert_eq!(ids(&index, req("charger")), vec![in_name, in_body]);
    assert_eq!(
        ids(&index, req("chargr"))[0],
        in_name,
        "one typo in a Latin word"
    );
    assert_eq!(
        ids(&index, req("gan char")),
        vec![in_name],
        "the last word may be unfinished"
    );
    assert_eq!(ids(&index, req("65w gan")), vec![in_name]);
    assert!(ids(&index, req("xylophone")).is_empty());
}

#[tokio::test]
async fn filters_and_facets_narrow_and_count() {
    let w = world().await;
    add(&w, json!({"kind": "product", "title": {"en": "USB-C charger"}, "codes": ["850440"], "target_regions": ["HK"]})).await;
    add(
        &w,
        json!({"kind": "product", "title": {"en": "Desk lamp charger"}, "codes": ["940520"]}),
    )
    .await;
    add(&w, json!({"kind": "job", "title": {"en": "Charger design engineer"}, "attributes": {"employment_type": "full_time"}})).await;
    let index = Arc::new(SearchIndex::in_memory().unwrap());
    catch_up(&index, &w.store).await.unwrap();
    let all = index.search(&req("charger")).unwrap();
    assert_eq!(all.total, 3);
    assert!(
        all.facets["market"].contains(&("trade".into(), 2))
            && all.facets["market"].contains(&("talent".into(), 1))
    );
    assert_eq!(all.facets["location"], vec![("CN-GD-SZ".to_string(), 3)]);
    let mut r = req("charger");
    r.filters.market = Some("trade".into());
    assert_eq!(index.search(&r).unwrap().total, 2);
    r.filters.hs = Some("85".into());
    assert_eq!(index.search(&r).unwrap().total, 1);
    r.filters.hs = Some("8".into());
    assert!(
        index.search(&r).is_err(),
        "an odd-length HS prefix is refused"
    );
    let mut browse = req("");
    browse.filters.kind = Some("job".into());
    assert_eq!(
        index.search(&browse).unwrap().total,
        1,
        "filters alone browse"
    );
    assert_eq!(
        index.search(&req("")).unwrap().total,
        0,
        "nothing asked, nothing found"
    );
    let mut bad = req("x");
    bad.filters.market = Some("<script>".into());
    assert!(index.search(&bad).is_err());
    // Organisations are found by name in any script.
    let mut orgs = req("华南电子");
    orgs.filters.entity = Some("organisation".into());
    assert_eq!(
        index
            .search(&orgs)
            .unwrap()
            .hits
            .iter()
            .map(|h| h.id)
            .collect::<Vec<_>>(),
        vec![w.org]
    );
}

#[tokio::test]
async fn the_index_follows_writes_and_heals_after_a_crash() {
    let w = world().await;
    let dir = temp_index_dir("sc-search-test");
    let first = add(
        &w,
        json!({"kind": "product", "title": {"en": "Solar panel"}}),
    )
    .await;
    {
        let index = Arc::new(SearchIndex::open(&dir).unwrap());
        assert_eq!(index.applied_seq().unwrap(), None);
        catch_up(&index, &w.store).await.unwrap();
        assert_eq!(ids(&index, req("solar")), vec![first]);
        // Edits, drafts and deletions follow.
        let l: ListingInput = serde_json::from_value(
            json!({"kind": "product", "title": {"en": "Solar inverter"}, "status": "draft"}),
        )
        .unwrap();
        w.store.update_listing(first, &l).await.unwrap();
        catch_up(&index, &w.store).await.unwrap();
        assert!(
            ids(&index, req("inverter")).is_empty(),
            "drafts are not searchable"
        );
        // Writes the index never saw: the process "dies" here.
        add(
            &w,
            json!({"kind": "product", "title": {"en": "Wind turbine"}}),
        )
        .await;
    }
    let index = Arc::new(SearchIndex::open(&dir).unwrap());
    assert!(
        index.applied_seq().unwrap().unwrap() < w.store.last_change_seq().await.unwrap(),
        "it knows it is behind"
    );
    assert!(ids(&index, req("turbine")).is_empty());
    assert!(catch_up(&index, &w.store).await.unwrap() > 0);
    assert_eq!(ids(&index, req("turbine")).len(), 1, "caught up on start");
    // Deleting the organisation removes its listings from search too.
    w.store.delete_organisation(w.org).await.unwrap();
    catch_up(&index, &w.store).await.unwrap();
    assert!(ids(&index, req("turbine")).is_empty());
    assert_eq!(index.num_docs(), 0);
    // A rebuild from scratch gives the same answer as following.
    add_again_and_compare(&w, &index).await;
}

async fn add_again_and_compare(w: &World, followed: &Arc<SearchIndex>) {
    let org: OrganisationInput = serde_json::from_value(
        json!({"kind": "company", "name": {"en": "Second Ltd"}, "location": "HK"}),
    )
    .unwrap();
    let org = w.store.create_organisation(&org, w.user).await.unwrap().id;
    let l: ListingInput =
        serde_json::from_value(json!({"kind": "product", "title": {"en": "Solar lantern"}}))
            .unwrap();
    w.store
        .create_listing(Owner::Organisation(org), &l, w.user)
        .await
        .unwrap();
    catch_up(followed, &w.store).await.unwrap();
    let rebuilt = Arc::new(SearchIndex::in_memory().unwrap());
    rebuild(&rebuilt, &w.store, false).await.unwrap();
    assert_eq!(ids(followed, req("solar")), ids(&rebuilt, req("solar")));
    assert_eq!(followed.num_docs(), rebuilt.num_docs());
}

#[tokio::test]
async fn hostile_queries_return_an_answer_not_a_panic() {
    let w = world().await;
    add(&w, json!({"kind": "product", "title": {"en": "Charger"}})).await;
    let index = Arc::new(SearchIndex::in_memory().unwrap());
    catch_up(&index, &w.store).await.unwrap();
    let long = "充電器 ".repeat(2_000);
    for q in [
        "",
        "   ",
        "!!!",
        "😀",
        "\u{0}\u{7}",
        "\u{FEFF}",
        "\"",
        "AND OR NOT",
        "*",
        "a*b?",
        &long,
        "c",
        "-",
    ] {
        let _ = index.search(&req(q)).unwrap();
    }
}

#[tokio::test]
async fn one_character_and_the_start_of_a_word_find_the_words_containing_them() {
    let w = world().await;
    let tea = add(&w, json!({"kind": "product", "title": {"zh-Hant": "雲南普洱茶餅"}, "description": {"zh-Hant": "十年陳普洱茶"}})).await;
    let lamp = add(&w, json!({"kind": "product", "title": {"zh-Hans": "LED灯泡 9W"}, "description": {"zh-Hans": "节能LED灯泡"}})).await;
    let watch = add(
        &w,
        json!({"kind": "product", "title": {"zh-Hant": "智能手錶"}}),
    )
    .await;
    let whole = add(
        &w,
        json!({"kind": "product", "title": {"zh-Hant": "茶 禮盒"}}),
    )
    .await;
    let index = Arc::new(SearchIndex::in_memory().unwrap());
    catch_up(&index, &w.store).await.unwrap();

    // One character finds the compounds that contain it, in either script; the text with the
    // character as a word of its own ranks first.
    assert_eq!(ids(&index, req("茶")), vec![whole, tea]);
    assert_eq!(
        ids(&index, req("燈")),
        vec![lamp],
        "Traditional finds Simplified"
    );
    assert_eq!(ids(&index, req("灯")), vec![lamp]);
    // Latin run into Chinese is read as two words.
    assert_eq!(ids(&index, req("LED燈")), vec![lamp]);
    assert_eq!(ids(&index, req("led灯")), vec![lamp]);
    // The start of a word being typed.
    assert_eq!(ids(&index, req("智")), vec![watch]);
    assert_eq!(ids(&index, req("智能手")), vec![watch]);
    assert_eq!(ids(&index, req("普洱")), vec![tea]);
    // Characters must stand in a row, not merely both occur.
    assert!(ids(&index, req("茶普")).is_empty());
    // The matched character is marked in the snippet, in the writer's script for a Traditional
    // reader.
    let mut r = req("茶");
    r.lang = Language::ZhHant;
    let hits = index.search(&r).unwrap().hits;
    let snippet = &hits.iter().find(|h| h.id == tea).unwrap().snippet;
    assert!(snippet.contains("普洱<mark>茶</mark>"), "{snippet}");
}

#[tokio::test]
async fn english_compounds_match_written_apart_or_together() {
    let w = world().await;
    let whole = add(
        &w,
        json!({"kind": "product", "title": {"en": "Smartwatch with heart-rate sensor"}}),
    )
    .await;
    let apart = add(
        &w,
        json!({"kind": "product", "title": {"en": "Smart watch, steel strap"}}),
    )
    .await;
    let bank = add(
        &w,
        json!({"kind": "product", "title": {"en": "Slim powerbank 10000mAh"}}),
    )
    .await;
    let bank2 = add(&w, json!({"kind": "product", "title": {"en": "Power bank for laptops"}, "description": {"en": "Charges two laptops"}})).await;
    let unrelated = add(&w, json!({"kind": "product", "title": {"en": "Smart plug"}, "description": {"en": "Watch your power use"}})).await;
    let rolls = add(
        &w,
        json!({"kind": "product", "title": {"en": "Hand-made egg rolls"}}),
    )
    .await;
    let index = Arc::new(SearchIndex::in_memory().unwrap());
    catch_up(&index, &w.store).await.unwrap();
    let sorted = |mut v: Vec<i64>| {
        v.sort();
        v
    };
    assert_eq!(
        sorted(ids(&index, req("smart watch"))),
        sorted(vec![whole, apart, unrelated])
    );
    assert_eq!(
        sorted(ids(&index, req("smartwatch"))),
        sorted(vec![whole, apart])
    );
    assert_eq!(
        sorted(ids(&index, req("smartwatches"))),
        sorted(vec![whole, apart])
    );
    assert_eq!(
        sorted(ids(&index, req("power bank"))),
        sorted(vec![bank, bank2])
    );
    assert_eq!(
        sorted(ids(&index, req("powerbank"))),
        sorted(vec![bank, bank2])
    );
    // The word as typed is split, not its stem (`eggrolls` stems to `eggrol`).
    assert_eq!(ids(&index, req("eggrolls")), vec![rolls]);
    assert_eq!(ids(&index, req("egg rolls")), vec![rolls]);
    // Written apart, the names holding both words as written rank above the loose match.
    assert_ne!(ids(&index, req("smart watch"))[0], unrelated);
}

#[test]
fn an_index_of_another_shape_is_set_aside_for_a_rebuild() {
    let path = std::env::temp_dir().join(format!("sc-search-shape-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&path);
    struct Gone(std::path::PathBuf);
    impl Drop for Gone {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let dir = Gone(path);
    let dir = &dir.0;
    {
        let index = SearchIndex::open(dir.as_path()).unwrap();
        assert_eq!(index.applied_seq().unwrap(), None);
    }
    // The shape recorded in the directory is not this build's: opening starts empty.
    std::fs::write(dir.as_path().join("sc-format"), "1").unwrap();
    std::fs::write(dir.as_path().join("stale.idx"), "old segment").unwrap();
    let index = SearchIndex::open(dir.as_path()).unwrap();
    assert_eq!(
        index.applied_seq().unwrap(),
        None,
        "nothing of the old index is kept"
    );
    assert!(!dir.as_path().join("stale.idx").exists());
    assert_eq!(
        std::fs::read_to_string(dir.as_path().join("sc-format")).unwrap(),
        "2"
    );
}

#[tokio::test]
async fn a_rebuild_serves_from_one_segment_that_survives_a_restart() {
    let w = world().await;
    let dir = temp_index_dir("sc-search-compact");
    let index = Arc::new(SearchIndex::open(&dir).unwrap());
    // Each catch-up commits a segment of its own.
    let mut solar = vec![];
    for i in 0..3 {
        solar.push(
            add(
                &w,
                json!({"kind": "product", "title": {"en": format!("Solar lamp {i}")}}),
            )
            .await,
        );
        add(
            &w,
            json!({"kind": "product", "title": {"zh-Hant": format!("智能手錶 {i}")}}),
        )
        .await;
        catch_up(&index, &w.store).await.unwrap();
    }
    assert!(
        index.segment_count() > 1,
        "{} segments",
        index.segment_count()
    );
    let before = answers(&index);

    rebuild(&index, &w.store, false).await.unwrap();
    assert_eq!(index.segment_count(), 1);
    let seq = w.store.last_change_seq().await.unwrap();
    assert_eq!(
        index.applied_seq().unwrap(),
        Some(seq),
        "the merge keeps the recorded change"
    );
    assert_eq!(answers(&index), before);
    drop(index);

    let index = Arc::new(SearchIndex::open(&dir).unwrap());
    assert_eq!(
        index.segment_count(),
        1,
        "the merged segment is what was made durable"
    );
    assert_eq!(index.applied_seq().unwrap(), Some(seq));
    assert_eq!(answers(&index), before);
    // Following writes goes on after a compaction.
    let wind = add(
        &w,
        json!({"kind": "product", "title": {"en": "Wind turbine"}}),
    )
    .await;
    catch_up(&index, &w.store).await.unwrap();
    assert_eq!(ids(&index, req("turbine")), vec![wind]);
    assert_eq!(answers(&index).0, solar);
    let _ = std::fs::remove_dir_all(&dir);
}

/// What two queries find (as sets: equal scores may come in another order once segments are
/// merged) and how many documents there are.
fn answers(index: &SearchIndex) -> (Vec<i64>, Vec<i64>, u64) {
    let sorted = |mut v: Vec<i64>| {
        v.sort();
        v
    };
    (
        sorted(ids(index, req("solar"))),
        sorted(ids(index, req("智能"))),
        index.num_docs(),
    )
}

/// A fresh directory for an index on disk.
fn temp_index_dir(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "{name}-{}-{}",
        std::process::id(),
        sc_storage::now_ms()
    ))
}
