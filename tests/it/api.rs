//! Behaviour of the JSON API beyond who may call it.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{client, org_body, page, product_body, servers};

#[tokio::test]
async fn health_says_ok_and_the_openapi_document_names_every_promised_path() {
    for s in servers().await {
        let h = s.get("/healthz", None).await;
        assert_eq!(
            (h.status, h.json()),
            (StatusCode::OK, json!({"status": "ok"}))
        );
        let doc = s.get("/api/openapi.json", None).await.json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for path in [
            "/healthz",
            "/api/v1/auth/register",
            "/api/v1/auth/login",
            "/api/v1/organisations",
            "/api/v1/organisations/{id}",
            "/api/v1/listings",
            "/api/v1/listings/{id}",
        ] {
            assert!(
                doc["paths"].get(path).is_some(),
                "{path} missing from the OpenAPI document"
            );
        }
        assert!(doc["components"]["schemas"].get("Problem").is_some());
        s.store.close().await;
        let down = s.get("/healthz", None).await;
        assert_eq!(
            down.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "health must fail when the database does not answer"
        );
    }
}

#[tokio::test]
async fn bad_input_gets_problem_json_naming_each_field() {
    for s in servers().await {
        let (_, token) = s.register("bad@example.com", "HK", "en").await;
        let t = Some(token.as_str());
        // Several field problems at once, each named.
        let r = s.post("/api/v1/listings", t, json!({"kind": "green_project", "title": {"en": ""}, "attributes": {"taxonomy": "vibes", "colour": 1}})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.content_type, "application/problem+json");
        let p = r.json();
        assert_eq!(p["code"], "invalid_input");
        let fields: Vec<&str> = p["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        for f in [
            "title",
            "attributes.taxonomy",
            "attributes.colour",
            "attributes.amount_sought",
            "attributes.currency",
        ] {
            assert!(fields.contains(&f), "{f} not named in {fields:?}");
        }
        // A wrong type deep in the body names its path.
        let r = s
            .post(
                "/api/v1/organisations",
                t,
                json!({"kind": "company", "name": {"en": "X"}, "location": "Atlantis"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["errors"][0]["field"], "location");
        // Not JSON at all, or not declared as JSON.
        let raw = client()
            .post(s.url("/api/v1/organisations"))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(raw.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let form = client()
            .post(s.url("/api/v1/organisations"))
            .bearer_auth(&token)
            .body("kind=company")
            .send()
            .await
            .unwrap();
        assert_eq!(form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
        // Ids that are not ids, and query parameters of the wrong type.
        assert_eq!(
            s.get("/api/v1/listings/abc", None).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            s.get("/api/v1/listings/-1", None).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            s.get("/api/v1/listings/99999999999999999999", None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let q = s.get("/api/v1/listings?market=moon", None).await;
        assert_eq!(q.status, StatusCode::BAD_REQUEST);
        assert!(
            q.json()["detail"].as_str().unwrap().contains("market"),
            "{}",
            q.body
        );
        assert_eq!(
            s.get("/api/v1/listings?code=85%25", None).await.status,
            StatusCode::BAD_REQUEST
        );
        // A duplicate e-mail is a conflict, not a crash.
        let dup = s.post("/api/v1/auth/register", None, json!({"email": "BAD@example.com", "password": "correct horse battery", "display_name": "Dup", "location": "HK"})).await;
        assert_eq!(
            (dup.status, dup.json()["code"].clone()),
            (StatusCode::CONFLICT, json!("email_taken"))
        );
        // A forged bearer token is refused outright.
        assert_eq!(
            s.get("/api/v1/me", Some("forged")).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn organisations_and_listings_round_trip_with_paging_and_filters() {
    for s in servers().await {
        let (_, token) = s.register("owner@example.com", "CN-GD-SZ", "zh-Hans").await;
        let t = Some(token.as_str());
        let org = s
            .post("/api/v1/organisations", t, org_body("華南電子"))
            .await;
        assert_eq!(org.status, StatusCode::CREATED, "{}", org.body);
        let org_id = org.json()["id"].as_i64().unwrap();
        for i in 0..23 {
            let r = s
                .post(
                    "/api/v1/listings",
                    t,
                    product_body(Some(org_id), &format!("Charger {i}"), "published"),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        }
        let job = s.post("/api/v1/listings", t, json!({"organisation_id": org_id, "kind": "job", "title": {"zh-Hans": "出口业务经理"}, "attributes": {"employment_type": "full_time", "remote": true}})).await;
        assert_eq!(job.status, StatusCode::CREATED, "{}", job.body);
        let page2 = s
            .get(
                &format!("/api/v1/listings?organisation={org_id}&market=trade&per_page=10&page=3"),
                None,
            )
            .await
            .json();
        assert_eq!(
            (
                page2["total"].as_i64(),
                page2["items"].as_array().unwrap().len()
            ),
            (Some(23), 3)
        );
        let talent = s.get("/api/v1/listings?market=talent", None).await.json();
        assert_eq!(talent["total"], 1);
        assert_eq!(talent["items"][0]["title"]["zh-Hans"], "出口业务经理");
        let by_code = s.get("/api/v1/listings?code=8504", None).await.json();
        assert_eq!(by_code["total"], 23);
        let by_sector = s
            .get("/api/v1/organisations?sector=electronics&location=HK", None)
            .await
            .json();
        assert_eq!(by_sector["total"], 1);
        let members = s
            .get(&format!("/api/v1/organisations/{org_id}/members"), t)
            .await
            .json();
        assert_eq!(members[0]["role"], "admin");
        let gone = s
            .call(
                Method::DELETE,
                &format!("/api/v1/organisations/{org_id}"),
                t,
                None,
            )
            .await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT);
        assert_eq!(
            s.get("/api/v1/listings?market=trade", None).await.json()["total"],
            0,
            "an organisation's listings go with it"
        );
    }
}

#[tokio::test]
async fn contact_details_never_appear_in_public_answers() {
    for s in servers().await {
        let (uid, token) = s.register("private@example.com", "HK", "zh-Hant").await;
        let t = Some(token.as_str());
        let secret_phone = "+852 9876 5432";
        let put = s
            .call(
                Method::PUT,
                "/api/v1/me/contact",
                t,
                Some(json!({"phone": secret_phone, "wechat": "secret_wechat_id"})),
            )
            .await;
        assert_eq!(put.status, StatusCode::OK);
        let org = s
            .post("/api/v1/organisations", t, org_body("Private"))
            .await
            .json();
        let org_id = org["id"].as_i64().unwrap();
        let listing = s.post("/api/v1/listings", t, json!({"kind": "talent_profile", "title": {"en": "Me"}, "attributes": {"years_experience": 5}})).await.json();
        let mut seen = String::new();
        for path in [
            "/api/v1/organisations".to_string(),
            format!("/api/v1/organisations/{org_id}"),
            "/api/v1/listings".to_string(),
            format!("/api/v1/listings/{}", listing["id"]),
            format!("/api/v1/listings?person={uid}"),
            format!("/organisations/{org_id}"),
            format!("/listings/{}", listing["id"]),
        ] {
            seen.push_str(&s.get(&path, None).await.body);
        }
        assert!(
            !seen.contains(secret_phone)
                && !seen.contains("secret_wechat_id")
                && !seen.contains("private@example.com")
        );
        // The owner, and only the owner, reads them back.
        assert_eq!(
            s.get("/api/v1/me/contact", t).await.json()["phone"],
            secret_phone
        );
    }
}

#[tokio::test]
async fn sign_in_is_throttled_after_repeated_failures() {
    for s in servers().await {
        s.register("target@example.com", "HK", "en").await;
        let mut statuses = vec![];
        for _ in 0..11 {
            let r = s
                .post(
                    "/api/v1/auth/login",
                    None,
                    json!({"email": "target@example.com", "password": "wrong password!"}),
                )
                .await;
            statuses.push(r.status.as_u16());
        }
        assert_eq!(&statuses[..10], &[409; 10]);
        assert_eq!(statuses[10], 429);
        let r = s
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": "target@example.com", "password": "correct horse battery"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "even the right password waits out the window"
        );
        // Signing out ends the token.
        let (_, token) = s.register("leaver@example.com", "HK", "en").await;
        assert_eq!(
            s.post("/api/v1/auth/logout", Some(&token), Value::Null)
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            s.get("/api/v1/me", Some(&token)).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn an_organisation_cannot_lose_its_last_administrator() {
    for s in servers().await {
        let (uid, token) = s.register("solo@example.com", "HK", "en").await;
        let org = s
            .post("/api/v1/organisations", Some(&token), org_body("Solo"))
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = s
            .call(
                Method::DELETE,
                &format!("/api/v1/organisations/{org}/members/{uid}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (StatusCode::CONFLICT, json!("last_admin"))
        );
        let r = s
            .call(
                Method::PUT,
                &format!("/api/v1/organisations/{org}/members/{uid}"),
                Some(&token),
                Some(json!({"role": "member"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        let add = s
            .post(
                &format!("/api/v1/organisations/{org}/members"),
                Some(&token),
                json!({"email": "nobody@example.com", "role": "member"}),
            )
            .await;
        assert_eq!(
            (add.status, add.json()["errors"][0]["field"].clone()),
            (StatusCode::UNPROCESSABLE_ENTITY, json!("email"))
        );
    }
}

#[tokio::test]
async fn the_analyzer_explains_how_text_is_read_and_refuses_what_it_cannot() {
    for s in servers().await {
        let r = s
            .get(
                "/api/v1/text/analyze?text=USB-C%20%E5%85%85%E9%9B%BB%E5%99%A8&to=zh-Hans",
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let v = r.json();
        assert_eq!(v["script"], "zh-Hant");
        assert_eq!(v["converted"], "USB-C 充电器");
        assert_eq!(v["folded"], "usb-c 充电器");
        let tokens: Vec<&str> = v["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["token"].as_str().unwrap())
            .collect();
        assert!(
            tokens.contains(&"usbc") && tokens.contains(&"充电器"),
            "{tokens:?}"
        );
        let kind_of = |v: &Value, token: &str| {
            v["tokens"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["token"] == token)
                .map(|t| t["kind"].as_str().unwrap().to_string())
        };
        assert_eq!(kind_of(&v, "usbc").as_deref(), Some("compound"));
        assert_eq!(kind_of(&v, "充电器").as_deref(), Some("word"));
        // As a query, words written apart are also offered run together.
        let q = s
            .get("/api/v1/text/analyze?text=smart%20watch&mode=query", None)
            .await
            .json();
        assert_eq!(kind_of(&q, "smartwatch").as_deref(), Some("joined"), "{q}");
        assert_eq!(kind_of(&q, "smart").as_deref(), Some("word"));
        let long = "a".repeat(10_001);
        let r = s
            .get(&format!("/api/v1/text/analyze?text={long}"), None)
            .await;
        assert_eq!(
            (r.status, r.json()["code"].clone()),
            (StatusCode::BAD_REQUEST, json!("text_too_long"))
        );
        assert_eq!(
            s.get("/api/v1/text/analyze?text=%FF%FE", None).await.status,
            StatusCode::BAD_REQUEST,
            "invalid UTF-8 is refused"
        );
        assert_eq!(
            s.get("/api/v1/text/analyze", None).await.status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            s.get("/api/v1/text/analyze?text=x&to=fr", None)
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
        let empty = s
            .get("/api/v1/text/analyze?text=%21%21%3F%F0%9F%98%80", None)
            .await
            .json();
        assert_eq!(
            empty["tokens"],
            json!([]),
            "punctuation and emoji make no tokens"
        );
    }
}

#[tokio::test]
async fn search_finds_across_scripts_once_indexed_and_refuses_bad_input_clearly() {
    for s in servers().await {
        let (_, token) = s.register("searcher@example.com", "HK", "en").await;
        let t = Some(token.as_str());
        let org = s.post("/api/v1/organisations", t, json!({"kind": "company", "name": {"zh-Hans": "深圳华南电子有限公司", "en": "Huanan Electronics"}, "location": "CN-GD-SZ", "sectors": ["electronics"]})).await.json()["id"].as_i64().unwrap();
        let hant = s.post("/api/v1/listings", t, json!({"organisation_id": org, "kind": "product", "title": {"zh-Hant": "氮化鎵充電器 65W"}, "codes": ["850440"]})).await.json()["id"].as_i64().unwrap();
        let hans = s.post("/api/v1/listings", t, json!({"organisation_id": org, "kind": "product", "title": {"zh-Hans": "移动电源"}, "codes": ["850760"]})).await.json()["id"].as_i64().unwrap();
        let en = s.post("/api/v1/listings", t, json!({"organisation_id": org, "kind": "product", "title": {"en": "Solar garden light"}, "codes": ["940540"]})).await.json()["id"].as_i64().unwrap();
        let find = |q: &'static str| {
            let s = &s;
            async move {
                s.get(&format!("/api/v1/search?q={q}&lang=en"), None)
                    .await
                    .json()
            }
        };
        // Each write becomes findable once the index has applied it (the follower takes a
        // fraction of a second; the test waits for the event, not for a time).
        s.searchable().await;
        let first = find("%E5%85%85%E7%94%B5%E5%99%A8").await; // 充电器 (Simplified)
        assert_eq!(
            first["results"][0]["id"], hant,
            "a Simplified query finds a Traditional listing: {first}"
        );
        assert_eq!(first["results"][0]["url"], format!("/listings/{hant}"));
        let back = find("%E7%A7%BB%E5%8B%95%E9%9B%BB%E6%BA%90").await; // 移動電源 (Traditional)
        assert_eq!(back["results"][0]["id"], hans, "and the reverse");
        let english = find("solar%20light").await;
        assert_eq!(english["results"][0]["id"], en);
        assert_eq!(english["results"][0]["title"], "Solar garden light");
        let org_hit = find("%E8%8F%AF%E5%8D%97%E9%9B%BB%E5%AD%90&entity=organisation").await; // 華南電子
        assert_eq!(org_hit["results"][0]["id"], org);
        assert_eq!(
            org_hit["results"][0]["title"], "Huanan Electronics",
            "titles in the requested language"
        );
        let facets = find("%E5%85%85%E7%94%B5%E5%99%A8").await["facets"].clone();
        assert_eq!(facets["location"][0]["value"], "CN-GD-SZ");
        let suggest = s.get("/api/v1/search/suggest?q=sol", None).await.json();
        assert_eq!(suggest[0]["id"], en, "type-ahead completes a prefix");

        for (path, code) in [
            ("/api/v1/search?q=%FF%FE", 400u16),
            ("/api/v1/search?q=x&hs=8", 400),
            ("/api/v1/search?q=x&market=%3Cscript%3E", 400),
            ("/api/v1/search?q=x&lang=fr", 400),
            ("/api/v1/search?q=x&page=abc", 400),
        ] {
            let r = s.get(path, None).await;
            assert_eq!(
                (r.status.as_u16(), r.content_type.as_str()),
                (code, "application/problem+json"),
                "{path}"
            );
        }
        let long = "a".repeat(1_001);
        assert_eq!(
            s.get(&format!("/api/v1/search?q={long}"), None)
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
        for empty in ["", "%21%21%21", "%F0%9F%98%80", "%00%07", "%20%20"] {
            let r = s.get(&format!("/api/v1/search?q={empty}"), None).await;
            assert_eq!(
                (r.status, r.json()["total"].clone()),
                (StatusCode::OK, json!(0)),
                "{empty}"
            );
        }
    }
}

/// `q=…` with the text percent-encoded.
fn q_param(text: &str) -> String {
    reqwest::Url::parse_with_params("http://x/", &[("q", text)])
        .unwrap()
        .query()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn search_finds_what_buyers_type_partial_chinese_mixed_and_compounds_in_both_scripts() {
    for s in servers().await {
        let (_, token) = s.register("typist@example.com", "HK", "en").await;
        let t = Some(token.as_str());
        let org = s.post("/api/v1/organisations", t, json!({"kind": "company", "name": {"zh-Hant": "雲嶺貿易", "en": "Yunling Trading"}, "location": "CN-GD-GZ", "sectors": ["electronics"]})).await.json()["id"].as_i64().unwrap();
        let add = async |title: Value| -> i64 {
            let r = s
                .post(
                    "/api/v1/listings",
                    t,
                    json!({"organisation_id": org, "kind": "product", "title": title}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
            r.json()["id"].as_i64().unwrap()
        };
        let tea = add(json!({"zh-Hant": "雲南普洱茶餅"})).await;
        let lamp = add(json!({"zh-Hans": "LED灯泡 9W"})).await;
        let watch = add(json!({"zh-Hant": "智能手錶"})).await;
        let cable = add(json!({"zh-Hans": "USB-C充电线 1米"})).await;
        let smartwatch = add(json!({"en": "Smartwatch, steel"})).await;
        let bank = add(json!({"en": "Power bank 10000mAh"})).await;
        s.searchable().await;
        let ids = |v: &Value| -> Vec<i64> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|h| h["id"].as_i64().unwrap())
                .collect()
        };
        for (typed, expect) in [
            // One character, in each script.
            ("茶", tea),
            ("燈", lamp),
            ("灯", lamp),
            // The start of a word still being typed, in each script.
            ("智", watch),
            ("智能手", watch),
            ("智能手表", watch),
            // Latin run into Chinese, in each script.
            ("LED燈", lamp),
            ("led灯", lamp),
            ("USB-C充電", cable),
            ("usb-c充电线", cable),
            // English compounds both ways.
            ("smart watch", smartwatch),
            ("smartwatches", smartwatch),
            ("powerbank", bank),
        ] {
            let q = q_param(typed);
            let found = s
                .get(&format!("/api/v1/search?{q}&entity=listing"), None)
                .await
                .json();
            assert_eq!(
                ids(&found["results"]),
                vec![expect],
                "[{}] search {typed}: {found}",
                s.engine
            );
            let suggested = s
                .get(&format!("/api/v1/search/suggest?{q}"), None)
                .await
                .json();
            assert!(
                ids(&suggested).contains(&expect),
                "[{}] type-ahead {typed}: {suggested}",
                s.engine
            );
        }
        // The page a phone shows: the match is there and its character marked.
        let (status, html) = page(&client(), &s, &format!("/search?{}", q_param("茶"))).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(&format!("/listings/{tea}")), "{html}");
    }
}
