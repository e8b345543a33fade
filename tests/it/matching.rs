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
