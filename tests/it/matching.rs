//! Click2Match through the API, as buyers and exhibitors use it: a profile brings content
//! matches with reasons in the reader's language, both sides must fit, "not interested" and
//! avoided locations are never crossed, exhibitors see the buyers who let themselves be found,
//! a sourcing request finds the product that answers it.

use reqwest::Method;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::servers;

async fn exhibitor(
    s: &crate::harness::Server,
    token: &str,
    name: (&str, &str),
    location: &str,
    products: &[(&str, &str, &str)],
) -> i64 {
    let r = s
        .post(
            "/api/v1/organisations",
            Some(token),
            json!({"kind": "company", "name": {"zh-Hant": name.0, "en": name.1}, "sectors": ["electronics"],
                   "location": location, "markets_served": ["HK", "SG"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let org = r.json()["id"].as_i64().unwrap();
    for (zh, en, hs) in products {
        let r = s
            .post(
                "/api/v1/listings",
                Some(token),
                json!({"organisation_id": org, "kind": "product", "title": {"zh-Hant": zh, "en": en},
                       "codes": [hs], "target_regions": ["HK"], "attributes": {"moq": 100}, "status": "published"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    org
}

fn ids(v: &Value) -> Vec<i64> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_buyer_gets_fitting_exhibitors_with_reasons_and_feedback_holds() {
    for s in servers().await {
        let (_, owner) = s.register("maker@match.example.com", "HK", "zh-Hant").await;
        let chargers = exhibitor(
            &s,
            &owner,
            ("充電科技", "Charge Tech"),
            "HK",
            &[
                ("USB-C 充電器 65W", "USB-C charger 65W", "850440"),
                ("流動電源 20000mAh", "Power bank 20000mAh", "850760"),
            ],
        )
        .await;
        let shenzhen = exhibitor(
            &s,
            &owner,
            ("深圳電源", "Shenzhen Power"),
            "CN-GD-SZ",
            &[("充電器 快充", "Fast charger", "850440")],
        )
        .await;
        let tea = exhibitor(
            &s,
            &owner,
            ("茶莊", "Tea House"),
            "HK",
            &[("普洱茶", "Pu'er tea", "090230")],
        )
        .await;
        // The charger maker wants importers; the tea house wants nobody in particular.
        let r = s
            .call(Method::PUT, &format!("/api/v1/organisations/{chargers}/wishes"), Some(&owner),
                Some(json!({"attributes": {"buyer_types": ["importer"], "looking_for": "充電器 importers"}})))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);

        let (buyer_id, buyer) = s.register("buyer@match.example.com", "HK", "en").await;
        // A newcomer without a profile gets an answer (perhaps empty), never an error.
        let r = s.get("/api/v1/matches?for=me", Some(&buyer)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);

        // A bad profile names every field at fault and changes nothing.
        let r = s
            .call(Method::PUT, "/api/v1/me/buyer-profile", Some(&buyer),
                Some(json!({"attributes": {"hs_codes": ["85x"], "order_size": 0, "buyer_type": "pirate"}})))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let fields: Vec<String> = r.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_string())
            .collect();
        for f in [
            "attributes.hs_codes[0]",
            "attributes.order_size",
            "attributes.buyer_type",
        ] {
            assert!(fields.contains(&f.to_string()), "{f} in {fields:?}");
        }
        assert_eq!(
            s.get("/api/v1/me/buyer-profile", Some(&buyer)).await.json()["attributes"],
            json!({})
        );

        let r = s
            .call(Method::PUT, "/api/v1/me/buyer-profile", Some(&buyer),
                Some(json!({"attributes": {"company": "Importers Ltd", "sources": "充电器 移动电源 power banks",
                    "hs_codes": ["8504.40"], "buyer_type": "importer", "order_size": 500, "discoverable": true}})))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["attributes"]["hs_codes"], json!(["850440"]));

        let en = s
            .get("/api/v1/matches?for=me&lang=en", Some(&buyer))
            .await
            .json();
        let order = ids(&en);
        assert_eq!(order[0], chargers, "{en}");
        let pos = |id: i64| order.iter().position(|&x| x == id);
        assert!(pos(tea).is_none_or(|t| t > pos(shenzhen).unwrap()), "{en}");
        // Reasons, in the reader's language, from both sides' wishes.
        let first = &en["items"][0];
        let reasons: Vec<&str> = first["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["text"].as_str().unwrap())
            .collect();
        assert!(!reasons.is_empty(), "{first}");
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("HS 8504") || r.contains("look for")),
            "{reasons:?}"
        );
        assert!(
            first["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["wish"] == "them"),
            "{first}"
        );
        let zh = s
            .get("/api/v1/matches?for=me&lang=zh-Hant", Some(&buyer))
            .await
            .json();
        let zh_text = zh["items"][0]["reasons"].to_string();
        assert!(
            zh_text.contains("HS") || zh_text.contains("符合"),
            "{zh_text}"
        );
        assert!(!zh_text.contains("look for"), "{zh_text}");
        assert_eq!(zh["items"][0]["name"], "充電科技");

        // "Not interested" holds from the next request on.
        let r = s
            .post(
                "/api/v1/matches/feedback",
                Some(&buyer),
                json!({"for": "me", "target": chargers, "feedback": "not_interested"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        let after = ids(&s.get("/api/v1/matches?for=me", Some(&buyer)).await.json());
        assert!(!after.contains(&chargers), "{after:?}");
        // Avoided locations are never crossed.
        let r = s
            .call(Method::PUT, "/api/v1/me/buyer-profile", Some(&buyer),
                Some(json!({"attributes": {"sources": "充电器", "hs_codes": ["8504"], "avoid_markets": ["CN-GD-SZ"], "discoverable": true}})))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let after = ids(&s.get("/api/v1/matches?for=me", Some(&buyer)).await.json());
        assert!(
            !after.contains(&shenzhen) && !after.contains(&chargers),
            "{after:?}"
        );

        // The exhibitor's people see the buyer, who let themselves be found; a buyer who did
        // not is never shown.
        let (hidden_id, hidden) = s.register("hidden@match.example.com", "HK", "en").await;
        s.call(Method::PUT, "/api/v1/me/buyer-profile", Some(&hidden),
            Some(json!({"attributes": {"sources": "充電器", "hs_codes": ["850440"], "buyer_type": "importer"}}))).await;
        let buyers = s
            .get(
                &format!("/api/v1/matches?for=organisation:{chargers}&lang=zh-Hant"),
                Some(&owner),
            )
            .await;
        assert_eq!(buyers.status, StatusCode::OK, "{}", buyers.body);
        let buyers = buyers.json();
        assert!(ids(&buyers).contains(&buyer_id), "{buyers}");
        assert!(!ids(&buyers).contains(&hidden_id), "{buyers}");
        assert_eq!(buyers["items"][0]["kind"], "person");
        assert!(
            buyers["items"][0].get("email").is_none()
                && !buyers.to_string().contains("@match.example.com")
        );

        // A sourcing request finds the power bank; the power bank's maker sees the request.
        let r = s
            .post("/api/v1/listings", Some(&buyer),
                json!({"kind": "sourcing_request", "title": {"zh-Hans": "采购 移动电源 20000mAh"}, "codes": ["850760"],
                       "target_regions": ["HK"], "attributes": {"quantity": 1000}, "status": "published"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let request = r.json()["id"].as_i64().unwrap();
        let m = s
            .get(
                &format!("/api/v1/matches?for=listing:{request}&lang=zh-Hant"),
                None,
            )
            .await
            .json();
        assert_eq!(m["items"][0]["kind"], "listing", "{m}");
        let bank = m["items"][0]["id"].as_i64().unwrap();
        let bank_listing = s
            .get(&format!("/api/v1/listings/{bank}"), None)
            .await
            .json();
        assert_eq!(bank_listing["codes"], json!(["850760"]), "{m}");
        let back = s
            .get(&format!("/api/v1/matches?for=listing:{bank}"), None)
            .await
            .json();
        assert!(ids(&back).contains(&request), "{back}");

        // Another market: a job for the buyer's own talent profile.
        let r = s
            .post("/api/v1/listings", Some(&owner),
                json!({"organisation_id": chargers, "kind": "job", "title": {"en": "Firmware engineer, chargers"},
                       "description": {"zh-Hant": "充電器 韌體 工程師"}, "attributes": {"employment_type": "full_time", "years_experience": 3},
                       "status": "published"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let job = r.json()["id"].as_i64().unwrap();
        let r = s
            .post("/api/v1/listings", Some(&buyer),
                json!({"kind": "talent_profile", "title": {"en": "Firmware engineer"}, "description": {"en": "charger firmware, 5 years"},
                       "attributes": {"years_experience": 5}, "status": "published"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let jobs = s
            .get("/api/v1/matches?for=me&market=talent", Some(&buyer))
            .await;
        assert_eq!(jobs.status, StatusCode::OK, "{}", jobs.body);
        assert_eq!(ids(&jobs.json()), vec![job], "{}", jobs.body);
        let r = s
            .get("/api/v1/matches?for=me&market=stamps", Some(&buyer))
            .await;
        assert_eq!(r.status.as_u16() / 100, 4);
        assert!(r.body.contains("market"), "{}", r.body);

        // A signed-in visit to an exhibitor's page is recorded for matching, and one opened
        // from a search result as a click. Views are queued without waiting; an acknowledged
        // feedback goes through the same writer after them, so once it is answered they are
        // stored too.
        let page = s.get(&format!("/organisations/{tea}"), Some(&buyer)).await;
        assert_eq!(page.status, StatusCode::OK);
        let page = s
            .get(
                &format!("/organisations/{shenzhen}?from=search"),
                Some(&buyer),
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let r = s
            .post(
                "/api/v1/matches/feedback",
                Some(&buyer),
                json!({"for": "me", "target": tea, "feedback": "more_like_this"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        let events = s.store.match_events_of(buyer_id, 50).await.unwrap();
        let has = |kind: &str, org: i64| {
            events
                .iter()
                .any(|e| e.kind == kind && e.organisation_id == Some(org))
        };
        assert!(has("view", tea), "{events:?}");
        assert!(has("click", shenzhen), "{events:?}");
        assert!(has("more_like_this", tea), "{events:?}");

        // Bad subjects and limits are named.
        for (q, field) in [
            ("for=you", ""),
            ("for=me&limit=0", "limit"),
            ("for=me&lang=fr", "lang"),
        ] {
            let r = s.get(&format!("/api/v1/matches?{q}"), Some(&buyer)).await;
            assert_eq!(r.status.as_u16() / 100, 4, "{q}: {}", r.body);
            assert!(r.body.contains(field), "{q}: {}", r.body);
        }
    }
}

async fn organisation(
    s: &crate::harness::Server,
    token: &str,
    kind: &str,
    name: &str,
    listings: &[Value],
) -> i64 {
    let r = s
        .post(
            "/api/v1/organisations",
            Some(token),
            json!({"kind": kind, "name": {"en": name}, "location": "HK", "markets_served": ["HK", "SG"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let org = r.json()["id"].as_i64().unwrap();
    for l in listings {
        let mut l = l.clone();
        l["organisation_id"] = json!(org);
        l["status"] = json!("published");
        let r = s.post("/api/v1/listings", Some(token), l).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    org
}

async fn wishes(s: &crate::harness::Server, token: &str, org: i64, attributes: Value) {
    let r = s
        .call(
            Method::PUT,
            &format!("/api/v1/organisations/{org}/wishes"),
            Some(token),
            Some(json!({ "attributes": attributes })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

fn logistics(title: &str) -> Value {
    json!({"kind": "service_offer", "title": {"en": title}, "attributes": {"category": "logistics"}})
}

fn bottle(title: &str) -> Value {
    json!({"kind": "product", "title": {"en": title}, "codes": ["392330"]})
}

#[tokio::test]
async fn organisations_meet_the_firms_they_need_never_their_competitors() {
    for s in servers().await {
        let (_, owner) = s.register("owner@partners.example.com", "HK", "en").await;
        let green = organisation(
            &s,
            &owner,
            "company",
            "Green Bottles",
            &[bottle("Reusable water bottle")],
        )
        .await;
        let swift = organisation(
            &s,
            &owner,
            "service_firm",
            "Swift Logistics",
            &[logistics("Freight forwarding and warehousing to Singapore")],
        )
        .await;
        // A competitor: sells bottles, and forwards freight too, so it would fit what Green
        // Bottles needs; Green Bottles names it.
        let (rival_staff_id, rival_owner) = s.register("staff@rival.example.com", "HK", "en").await;
        let rival = organisation(
            &s,
            &rival_owner,
            "company",
            "Bottle Rival Limited",
            &[
                bottle("Water bottles"),
                logistics("Freight forwarding to Singapore"),
            ],
        )
        .await;
        // Sells what Green Bottles sells and nothing it needs.
        let same = organisation(
            &s,
            &owner,
            "company",
            "Other Bottles",
            &[bottle("Reusable water bottle, steel")],
        )
        .await;
        wishes(&s, &owner, green, json!({"needs": "freight forwarding warehousing Singapore",
            "needs_services": ["logistics"], "competitors": ["bottle rival", "  "], "looking_for": "water bottle buyers"})).await;
        wishes(
            &s,
            &rival_owner,
            rival,
            json!({"needs": "reusable water bottle supplier"}),
        )
        .await;
        let r = s
            .get(
                &format!("/api/v1/organisations/{green}/wishes"),
                Some(&owner),
            )
            .await;
        assert_eq!(
            r.json()["attributes"]["competitors"],
            json!(["bottle rival"])
        );

        let list = s
            .get(
                &format!("/api/v1/matches?for=partners:{green}&lang=en"),
                Some(&owner),
            )
            .await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let list = list.json();
        let order = ids(&list);
        assert_eq!(order.first(), Some(&swift), "{list}");
        assert!(!order.contains(&rival), "a named competitor: {list}");
        assert!(!order.contains(&green), "itself: {list}");
        let pos = |id: i64| order.iter().position(|&x| x == id);
        assert!(pos(same).is_none_or(|p| p > 0), "{list}");
        let reasons = list["items"][0]["reasons"].to_string();
        assert!(
            reasons.contains("services you need") || reasons.contains("Matches what you look for"),
            "{reasons}"
        );
        // Both ways: the competitor, who needs bottles, is never shown Green Bottles.
        let theirs = s
            .get(
                &format!("/api/v1/matches?for=partners:{rival}"),
                Some(&rival_owner),
            )
            .await
            .json();
        assert!(!ids(&theirs).contains(&green), "{theirs}");
        assert!(ids(&theirs).contains(&same), "{theirs}");

        // Nor are its staff, nor buyers working for it, among the buyers to meet.
        let profile = json!({"attributes": {"sources": "reusable water bottle", "hs_codes": ["392330"], "discoverable": true}});
        s.call(
            Method::PUT,
            "/api/v1/me/buyer-profile",
            Some(&rival_owner),
            Some(profile.clone()),
        )
        .await;
        let (says_id, says) = s.register("buyer@says-rival.example.com", "HK", "en").await;
        let mut p = profile.clone();
        p["attributes"]["company"] = json!("BOTTLE RIVAL Ltd.");
        s.call(
            Method::PUT,
            "/api/v1/me/buyer-profile",
            Some(&says),
            Some(p),
        )
        .await;
        let (fair_id, fair) = s.register("buyer@fair.example.com", "HK", "en").await;
        s.call(
            Method::PUT,
            "/api/v1/me/buyer-profile",
            Some(&fair),
            Some(profile),
        )
        .await;
        let buyers = s
            .get(
                &format!("/api/v1/matches?for=organisation:{green}"),
                Some(&owner),
            )
            .await
            .json();
        let b = ids(&buyers);
        assert!(b.contains(&fair_id), "{buyers}");
        assert!(
            !b.contains(&rival_staff_id) && !b.contains(&says_id),
            "{buyers}"
        );
        // And the buyer from the competitor is not shown Green Bottles.
        let mine = ids(&s.get("/api/v1/matches?for=me", Some(&says)).await.json());
        assert!(!mine.contains(&green), "{mine:?}");

        // "Hide for now" hides from the next request and is stored with its target.
        let r = s
            .post(
                "/api/v1/matches/feedback",
                Some(&owner),
                json!({"for": format!("partners:{green}"), "target": swift, "feedback": "dismiss"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        let after = ids(&s
            .get(
                &format!("/api/v1/matches?for=partners:{green}"),
                Some(&owner),
            )
            .await
            .json());
        assert!(!after.contains(&swift), "{after:?}");
        let events = s.store.match_history().await.unwrap();
        assert!(events.iter().any(|e| e.kind == "dismiss"
            && e.organisation_id == Some(green)
            && e.target_organisation_id == Some(swift)));
        // A buyer's dismissal hides an exhibitor from them, not from others.
        let before = ids(&s.get("/api/v1/matches?for=me", Some(&fair)).await.json());
        assert!(before.contains(&green), "{before:?}");
        s.post(
            "/api/v1/matches/feedback",
            Some(&fair),
            json!({"for": "me", "target": green, "feedback": "dismiss"}),
        )
        .await;
        assert!(!ids(&s.get("/api/v1/matches?for=me", Some(&fair)).await.json()).contains(&green));
        let (_, other) = s.register("other@fair.example.com", "HK", "en").await;
        s.call(
            Method::PUT,
            "/api/v1/me/buyer-profile",
            Some(&other),
            Some(
                json!({"attributes": {"sources": "reusable water bottle", "hs_codes": ["392330"]}}),
            ),
        )
        .await;
        assert!(ids(&s.get("/api/v1/matches?for=me", Some(&other)).await.json()).contains(&green));
    }
}

#[tokio::test]
async fn prices_budgets_salaries_and_tickets_compare_across_currencies() {
    for s in servers().await {
        let (_, owner) = s.register("seller@price.example.com", "HK", "en").await;
        let product = |price: f64, currency: &str| {
            json!({"kind": "product", "title": {"en": "Power bank 10000mAh"}, "codes": ["850760"],
                   "attributes": {"unit_price": price, "currency": currency}})
        };
        // HK$12 is about US$1.5, under the buyer's US$2; ¥40 is about US$5.5, over it.
        organisation(
            &s,
            &owner,
            "company",
            "Cheap Power",
            &[product(12.0, "HKD")],
        )
        .await;
        organisation(&s, &owner, "company", "Dear Power", &[product(40.0, "CNY")]).await;
        let (_, buyer) = s.register("buyer@price.example.com", "HK", "en").await;
        let r = s
            .post("/api/v1/listings", Some(&buyer),
                json!({"kind": "sourcing_request", "title": {"en": "Power bank 10000mAh"}, "codes": ["850760"],
                       "attributes": {"quantity": 1000, "target_price": 2, "currency": "USD"}, "status": "published"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let request = r.json()["id"].as_i64().unwrap();
        let m = s
            .get(
                &format!("/api/v1/matches?for=listing:{request}&lang=en"),
                None,
            )
            .await
            .json();
        let first = &m["items"][0];
        let cheap_id = first["id"].as_i64().unwrap();
        let cheap = s
            .get(&format!("/api/v1/listings/{cheap_id}"), None)
            .await
            .json();
        assert_eq!(cheap["attributes"]["currency"], "HKD", "{m}");
        assert!(
            first["reasons"]
                .to_string()
                .contains("Price within your target"),
            "{m}"
        );
        assert!(
            m["items"][0]["score"].as_f64() > m["items"][1]["score"].as_f64(),
            "{m}"
        );

        // A talent asking HK$30,000 a month: the job paying up to US$5,000 (HK$39,000) fits,
        // the one paying up to HK$20,000 does not.
        let job = |max: i64, currency: &str| {
            json!({"kind": "job", "title": {"en": "Embedded engineer"}, "organisation_id": 0,
                   "attributes": {"employment_type": "full_time", "salary_max": max, "currency": currency}})
        };
        let good = organisation(&s, &owner, "company", "Good Pay", &[job(5_000, "USD")]).await;
        organisation(&s, &owner, "company", "Low Pay", &[job(20_000, "HKD")]).await;
        let r = s
            .post("/api/v1/listings", Some(&buyer),
                json!({"kind": "talent_profile", "title": {"en": "Embedded engineer"},
                       "attributes": {"years_experience": 4, "salary_expected": 30000, "currency": "HKD"}, "status": "published"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let jobs = s
            .get(
                "/api/v1/matches?for=me&market=talent&lang=zh-Hant",
                Some(&buyer),
            )
            .await
            .json();
        let first = jobs["items"][0]["id"].as_i64().unwrap();
        let first = s
            .get(&format!("/api/v1/listings/{first}"), None)
            .await
            .json();
        assert_eq!(first["owner"]["organisation"], json!(good), "{jobs}");
        assert!(
            jobs["items"][0]["reasons"]
                .to_string()
                .contains("薪酬符合你的期望"),
            "{jobs}"
        );
    }
}
