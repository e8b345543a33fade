//! EXHIBITION+ end to end over HTTP: an organiser prints QR codes, a buyer scans one (signed
//! out, then through the quick sign-in), undoes and redoes the bookmark, asks for contact, and
//! the exhibitor sees the lead; revoked and forged codes; plans; exports; the JSON API.

use reqwest::StatusCode;
use sc_domain::fair::FairInput;
use sc_domain::listing::Owner;
use sc_domain::organisation::OrganisationInput;
use sc_domain::person::{ContactDetails, OrgRole, PlatformRole};
use sc_storage::NewExhibitor;
use serde_json::json;

use crate::harness::{Server, browser, csrf_of, org_body, page, product_body, servers, sign_in};

struct Fair {
    id: i64,
    /// Exhibitors at A01, A02, A03 (same sector, so related to each other).
    orgs: Vec<i64>,
}

async fn fair(s: &Server) -> Fair {
    let input = FairInput {
        name: sc_domain::LocalizedText::new("灣區博覽", "湾区博览", "Bay Expo"),
        venue: Default::default(),
        starts_on: "2026-12-01".into(),
        ends_on: "2026-12-03".into(),
        online_until: "2027-01-31".into(),
        time_zone: "Asia/Hong_Kong".into(),
    };
    let id = s.store.create_fair(&input).await.unwrap().id;
    let rows: Vec<NewExhibitor> = ["A01", "A02", "A03"]
        .iter()
        .enumerate()
        .map(|(i, booth)| {
            let mut o: OrganisationInput =
                serde_json::from_value(org_body(&format!("Exhibitor{i}"))).unwrap();
            o.sectors = vec!["electronics".into()];
            NewExhibitor {
                reference: format!("R{i}"),
                hall: "1A".into(),
                booth: booth.to_string(),
                organisation: o,
                contact_email: None,
            }
        })
        .collect();
    s.store
        .import_exhibitors(id, &rows, &sc_i18n::default_hall_name, false, |_| {})
        .await
        .unwrap();
    let mut orgs = Vec::new();
    for b in s.store.booths(Some(id), None).await.unwrap() {
        orgs.push(b.booth.organisation_id.unwrap());
    }
    Fair { id, orgs }
}

/// The `/q/…` paths on the organiser's printable sheet, in booth order.
fn scan_paths(sheet: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for rest in sheet.split("/q/").skip(1) {
        let p = format!("/q/{}", &rest[..22]);
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

#[tokio::test]
async fn the_whole_loop_from_printed_code_to_lead() {
    for s in servers().await {
        let f = fair(&s).await;
        let product: sc_domain::listing::ListingInput =
            serde_json::from_value(product_body(None, "Tungsten lamp", "published")).unwrap();
        let (organiser, _) = s.register("organiser@loop.example.com", "HK", "en").await;
        s.store
            .set_platform_role(organiser, PlatformRole::Organiser)
            .await
            .unwrap();
        let (staff, _) = s.register("staff@loop.example.com", "HK", "en").await;
        s.store
            .add_member(f.orgs[0], staff, OrgRole::Member)
            .await
            .unwrap();
        s.store
            .create_listing(Owner::Organisation(f.orgs[0]), &product, staff)
            .await
            .unwrap();
        let (buyer, _) = s
            .register("buyer@loop.example.com", "CN-GD-SZ", "zh-Hans")
            .await;
        s.store
            .put_contact_details(
                buyer,
                &ContactDetails {
                    phone: Some("+86 138 0000 0000".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();

        // The organiser prints the sheet: one code per booth.
        let org_c = browser();
        sign_in(&org_c, &s, "organiser@loop.example.com", "/").await;
        let (st, sheet) = page(&org_c, &s, &format!("/fairs/{}/manage/qr", f.id)).await;
        assert_eq!(st, StatusCode::OK, "{sheet}");
        let codes = scan_paths(&sheet);
        assert_eq!(codes.len(), 3, "{codes:?}");
        assert_eq!(sheet.matches("<svg").count(), 3, "one QR drawing per booth");

        // A buyer, signed out, scans A01: the exhibitor's page at once, with a quick sign-in.
        let c = browser();
        let (st, html) = page(&c, &s, &codes[0]).await;
        assert_eq!(st, StatusCode::OK);
        assert!(html.contains("Exhibitor0"), "the exhibitor's page");
        assert!(html.contains("Tungsten lamp"), "its products");
        assert!(
            html.contains(&format!("name=\"next\" value=\"{}\"", codes[0])),
            "quick sign-in comes back to the code"
        );
        // Signing in returns to the code, and the scan bookmarks.
        let back = sign_in(&c, &s, "buyer@loop.example.com", &codes[0]).await;
        assert_eq!(back, codes[0]);
        let (_, html) = page(&c, &s, &codes[0]).await;
        assert!(
            html.contains("已加入“我的展览”"),
            "bookmarked banner in the buyer's language"
        );
        assert!(
            html.contains("booth target here"),
            "the booth is marked on the plan"
        );
        assert_eq!(s.store.bookmarks(buyer, f.id).await.unwrap().len(), 1);
        // Scanning again does not duplicate.
        let (_, html) = page(&c, &s, &codes[0]).await;
        assert!(html.contains("已在你的收藏中"));
        assert_eq!(s.store.bookmarks(buyer, f.id).await.unwrap().len(), 1);
        // Undo, then bookmark online from the page.
        let token = csrf_of(&html);
        let r = c
            .post(s.url(&format!(
                "/fairs/{}/exhibitors/{}/bookmark",
                f.id, f.orgs[0]
            )))
            .form(&[("csrf", token.as_str()), ("action", "remove")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(s.store.bookmarks(buyer, f.id).await.unwrap().is_empty());
        assert!(
            s.store.leads(f.orgs[0], f.id).await.unwrap().is_empty(),
            "undo takes the lead away"
        );
        c.post(s.url(&format!(
            "/fairs/{}/exhibitors/{}/bookmark",
            f.id, f.orgs[1]
        )))
        .form(&[("csrf", token.as_str()), ("action", "add")])
        .send()
        .await
        .unwrap();
        page(&c, &s, &codes[0]).await;
        let marks = s.store.bookmarks(buyer, f.id).await.unwrap();
        assert_eq!(marks.len(), 2);

        // "Message this exhibitor", sharing contact details; a formula in the message.
        let r = c
            .post(s.url(&format!("/fairs/{}/exhibitors/{}/contact", f.id, f.orgs[0])))
            .form(&[
                ("csrf", token.as_str()),
                (
                    "message",
                    "=HYPERLINK(\"http://evil\",\"x\") price list please",
                ),
                ("share", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);

        // My fair: a note and tags, then the exports.
        let r = c
            .post(s.url(&format!("/fairs/{}/my/{}", f.id, f.orgs[0])))
            .form(&[
                ("csrf", token.as_str()),
                ("note", "样品很好"),
                ("tags", "灯具, follow-up"),
                ("visited", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, my) = page(&c, &s, &format!("/fairs/{}/my", f.id)).await;
        assert!(my.contains("样品很好") && my.contains("#灯具"), "{my}");
        let (st, csv) = page(&c, &s, &format!("/fairs/{}/my/bookmarks.csv", f.id)).await;
        assert_eq!(st, StatusCode::OK);
        assert!(
            csv.starts_with('\u{FEFF}')
                && csv.contains("样品很好")
                && csv.contains("灯具 follow-up")
        );
        assert!(
            csv.contains(&format!("{}/fairs/{}/exhibitors/", s.base, f.id)),
            "exhibitor pages as full addresses: {csv}"
        );
        let (_, vcf) = page(&c, &s, &format!("/fairs/{}/my/bookmarks.vcf", f.id)).await;
        assert_eq!(vcf.matches("BEGIN:VCARD").count(), 2);
        assert!(vcf.contains("CATEGORIES:灯具,follow-up"));

        // The route through bookmarks on the plan.
        let (_, plan) = page(&c, &s, &format!("/fairs/{}/plan?mine=1&from=A03", f.id)).await;
        assert!(plan.contains("<polyline class=\"route\""), "route drawn");
        assert!(plan.contains("booth here"), "you are here");
        assert_eq!(plan.matches("class=\"booth target").count(), 2);

        // The exhibitor's staff sees the lead; contact details only on request, recorded.
        let ex = browser();
        sign_in(&ex, &s, "staff@loop.example.com", "/").await;
        let (st, leads) = page(&ex, &s, &format!("/fairs/{}/leads/{}", f.id, f.orgs[0])).await;
        assert_eq!(st, StatusCode::OK);
        assert!(leads.contains("Tester buyer") && leads.contains("price list please"));
        assert!(!leads.contains("+86 138"), "no contact details until asked");
        assert_eq!(s.store.contact_reveal_count(buyer).await.unwrap(), 0);
        let (_, leads) = page(
            &ex,
            &s,
            &format!("/fairs/{}/leads/{}?reveal=1", f.id, f.orgs[0]),
        )
        .await;
        assert!(leads.contains("+86 138 0000 0000"));
        assert_eq!(s.store.contact_reveal_count(buyer).await.unwrap(), 1);
        let (_, csv) = page(
            &ex,
            &s,
            &format!("/fairs/{}/leads/{}/leads.csv", f.id, f.orgs[0]),
        )
        .await;
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\") price list please\""),
            "formula neutralised: {csv}"
        );
        assert!(csv.contains("+86 138 0000 0000"));
        assert_eq!(s.store.contact_reveal_count(buyer).await.unwrap(), 2);
        // Staff of another exhibitor may not see these leads.
        let (st, _) = page(&ex, &s, &format!("/fairs/{}/leads/{}", f.id, f.orgs[1])).await;
        assert_eq!(st, StatusCode::FORBIDDEN);

        // The organiser's dashboard counts the scans (one signed out, three signed in).
        let (_, desk) = page(&org_c, &s, &format!("/fairs/{}/manage", f.id)).await;
        assert!(desk.contains("id=\"fig-scans\">4<"), "scans counted");
        assert!(desk.contains("<svg class=\"chart\""));
        let (_, csv) = page(&org_c, &s, &format!("/fairs/{}/manage/dashboard.csv", f.id)).await;
        assert!(
            csv.contains("scans,,4") && csv.contains("bookmarks,online,1"),
            "{csv}"
        );

        // Revoke A01's code: the old one answers 410 and points to the fair; the new one works.
        let booth_a01 = s.store.booth_codes(f.id).await.unwrap()[0].booth_id;
        let (_, sheet) = page(&org_c, &s, &format!("/fairs/{}/manage/qr", f.id)).await;
        let r = org_c
            .post(s.url(&format!(
                "/fairs/{}/manage/booths/{booth_a01}/reissue",
                f.id
            )))
            .form(&[("csrf", csrf_of(&sheet).as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (st, html) = page(&c, &s, &codes[0]).await;
        assert_eq!(st, StatusCode::GONE);
        assert!(html.contains(&format!("href=\"/fairs/{}\"", f.id)));
        let (_, sheet) = page(&org_c, &s, &format!("/fairs/{}/manage/qr", f.id)).await;
        let fresh = scan_paths(&sheet);
        assert_ne!(fresh[0], codes[0]);
        assert_eq!(fresh[1..], codes[1..]);
        assert_eq!(page(&c, &s, &fresh[0]).await.0, StatusCode::OK);
        // Forged codes: not found, and nothing of the input echoed.
        for forged in [
            "/q/AAAAAAAAAAAAAAAAAAAAAA",
            "/q/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "/q/x",
        ] {
            let (st, html) = page(&c, &s, forged).await;
            assert_eq!(st, StatusCode::NOT_FOUND, "{forged}");
            assert!(!html.contains("<script>alert"));
        }
    }
}

#[tokio::test]
async fn search_highlights_booths_on_the_plan() {
    for s in servers().await {
        let f = fair(&s).await;
        let (staff, _) = s.register("staff@plan.example.com", "HK", "en").await;
        let product: sc_domain::listing::ListingInput =
            serde_json::from_value(product_body(None, "Quartzite countertop", "published"))
                .unwrap();
        s.store
            .create_listing(Owner::Organisation(f.orgs[2]), &product, staff)
            .await
            .unwrap();
        let c = browser();
        // The search index follows the database: wait until it has applied the write.
        s.searchable().await;
        let (_, html) = page(&c, &s, &format!("/fairs/{}/plan?q=quartzite", f.id)).await;
        assert!(
            html.contains("class=\"booth match\" id=\"booth-A03\""),
            "A03 highlighted: {html}"
        );
        assert!(!html.contains("class=\"booth match\" id=\"booth-A01\""));
    }
}

#[tokio::test]
async fn organisers_upload_plans_and_bad_ones_are_explained() {
    for s in servers().await {
        let f = fair(&s).await;
        let (organiser, _) = s.register("organiser@upload.example.com", "HK", "en").await;
        s.store
            .set_platform_role(organiser, PlatformRole::Organiser)
            .await
            .unwrap();
        let c = browser();
        sign_in(&c, &s, "organiser@upload.example.com", "/").await;
        let (_, desk) = page(&c, &s, &format!("/fairs/{}/manage", f.id)).await;
        let token = csrf_of(&desk);
        let upload = |csv: &'static str| {
            let form = reqwest::multipart::Form::new()
                .text("csrf", token.clone())
                .text("hall", "1A")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("plan.csv"),
                );
            c.post(s.url(&format!("/fairs/{}/manage/plan", f.id)))
                .multipart(form)
                .send()
        };
        // Overlap, a bad number, and an exhibitor's booth left off: all named, nothing saved.
        let r = upload("booth,x,y,width,height\nA01,3,3,3,3\nA02,4,4,3,3\nB9,x,1,1,1\n")
            .await
            .unwrap();
        let to = r.headers()["location"].to_str().unwrap().to_string();
        let (_, html) = page(&c, &s, &to).await;
        // Each problem worded for the reader (an English account here), with the booths named.
        assert!(
            html.contains("Row 2: Booth A02 overlaps booth A01."),
            "{html}"
        );
        assert!(html.contains("Row 3: Give a length in metres"), "{html}");
        assert!(!s.store.fair_plans(f.id).await.unwrap()[0].drawn);
        let r = upload("booth,x,y,width,height\nA01,3,3,3,3\nA02,6,3,3,3\n")
            .await
            .unwrap();
        let to = r.headers()["location"].to_str().unwrap().to_string();
        let (_, html) = page(&c, &s, &to).await;
        assert!(html.contains("A03"), "the booth left off is named: {html}");
        let r =
            upload("攤位,x,y,寬度,深度\nA01,3,3,3,3\nA02,6,3,3,3\nA03,12,3,3,3\nA04,15,3,3,3\n")
                .await
                .unwrap();
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .contains("notice=plan_saved")
        );
        let plans = s.store.fair_plans(f.id).await.unwrap();
        assert!(plans[0].drawn);
        assert_eq!(
            plans[0].plan.booths.len(),
            4,
            "the new booth A04 is created vacant"
        );
        // A non-plan file is refused with a reason, not an error page.
        let r = upload("\u{0}\u{1}garbage").await.unwrap();
        let to = r.headers()["location"].to_str().unwrap().to_string();
        assert!(to.contains("plan_errors="), "{to}");
    }
}

#[tokio::test]
async fn the_json_api_scans_bookmarks_leads_and_plans() {
    for s in servers().await {
        let f = fair(&s).await;
        let (organiser, otoken) = s.register("organiser@api.example.com", "HK", "en").await;
        s.store
            .set_platform_role(organiser, PlatformRole::Organiser)
            .await
            .unwrap();
        let (staff, stoken) = s.register("staff@api.example.com", "HK", "en").await;
        s.store
            .add_member(f.orgs[0], staff, OrgRole::Admin)
            .await
            .unwrap();
        let (_, btoken) = s.register("buyer@api.example.com", "MO", "zh-Hant").await;
        let codes = s
            .get(
                &format!("/api/v1/fairs/{}/booth-codes", f.id),
                Some(&otoken),
            )
            .await;
        assert_eq!(codes.status, StatusCode::OK);
        let token = codes.json()[0]["token"].as_str().unwrap().to_string();
        let scan = s
            .post("/api/v1/scans", Some(&btoken), json!({"token": token}))
            .await;
        assert_eq!(scan.status, StatusCode::OK, "{}", scan.body);
        assert_eq!(scan.json()["bookmarked_now"], true);
        assert_eq!(scan.json()["booth"], "A01");
        let again = s
            .post("/api/v1/scans", Some(&btoken), json!({"token": token}))
            .await;
        assert_eq!(again.json()["bookmarked_now"], false);
        assert_eq!(
            s.post(
                "/api/v1/scans",
                None,
                json!({"token": "AAAAAAAAAAAAAAAAAAAAAA"})
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        let booth = codes.json()[0]["booth_id"].as_i64().unwrap();
        let re = s
            .post(
                &format!("/api/v1/fairs/{}/booths/{booth}/reissue-code", f.id),
                Some(&otoken),
                json!({}),
            )
            .await;
        assert_eq!(re.status, StatusCode::OK);
        let gone = s
            .post("/api/v1/scans", Some(&btoken), json!({"token": token}))
            .await;
        assert_eq!(gone.status, StatusCode::GONE);
        assert_eq!(gone.json()["code"], "code_revoked");

        let put = s
            .call(
                reqwest::Method::PUT,
                &format!("/api/v1/fairs/{}/bookmarks/{}", f.id, f.orgs[1]),
                Some(&btoken),
                Some(json!({"note": "call back", "tags": ["hot"]})),
            )
            .await;
        assert_eq!(put.status, StatusCode::OK, "{}", put.body);
        assert_eq!(put.json()["source"], "online");
        let list = s
            .get(&format!("/api/v1/fairs/{}/bookmarks", f.id), Some(&btoken))
            .await
            .json();
        assert_eq!(list.as_array().unwrap().len(), 2);
        let bad = s
            .call(
                reqwest::Method::PUT,
                &format!("/api/v1/fairs/{}/bookmarks/{}", f.id, f.orgs[1]),
                Some(&btoken),
                Some(json!({"note": "x".repeat(2001)})),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json()["errors"][0]["field"], "note");

        // A contact request through the API, with contact details shared; empty ones refused.
        let path = format!(
            "/api/v1/fairs/{}/exhibitors/{}/contact-request",
            f.id, f.orgs[0]
        );
        let bad = s.post(&path, Some(&btoken), json!({"message": "  "})).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json()["errors"][0]["field"], "message");
        let ok = s
            .post(
                &path,
                Some(&btoken),
                json!({"message": "Samples, please", "share_contact": true}),
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert!(
            ok.json()["conversation_id"].as_i64().is_some(),
            "{}",
            ok.body
        );
        let leads = s
            .get(
                &format!("/api/v1/fairs/{}/leads/{}?reveal=true", f.id, f.orgs[0]),
                Some(&stoken),
            )
            .await;
        assert_eq!(leads.status, StatusCode::OK);
        assert_eq!(leads.json()[0]["scans"], 2);
        assert_eq!(leads.json()[0]["message"], "Samples, please");
        assert_eq!(
            leads.json()[0]["email"],
            "buyer@api.example.com",
            "shared with the request, so revealed on asking"
        );
        let plain = s
            .get(
                &format!("/api/v1/fairs/{}/leads/{}", f.id, f.orgs[0]),
                Some(&stoken),
            )
            .await;
        assert!(plain.json()[0]["email"].is_null(), "not without asking");
        let user = leads.json()[0]["user_id"].as_i64().unwrap();
        let patch = s
            .call(
                reqwest::Method::PATCH,
                &format!("/api/v1/fairs/{}/leads/{}/{user}", f.id, f.orgs[0]),
                Some(&stoken),
                Some(json!({"note": "hot", "score": 6})),
            )
            .await;
        assert_eq!(patch.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(patch.json()["errors"][0]["field"], "score");

        let plan = s
            .call(
                reqwest::Method::PUT,
                &format!("/api/v1/fairs/{}/halls/1A/plan", f.id),
                Some(&otoken),
                Some(json!({"width": 30, "height": 20, "booths": [
                    {"booth": "A01", "x": 3, "y": 3, "width": 3, "height": 3},
                    {"booth": "A02", "x": 4, "y": 3, "width": 3, "height": 3},
                    {"booth": "A03", "x": 40, "y": 3, "width": 3, "height": 3}]})),
            )
            .await;
        assert_eq!(plan.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = plan.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_string())
            .collect();
        assert!(
            fields.contains(&"booths[1].x".to_string())
                && fields.contains(&"booths[2].x".to_string()),
            "{fields:?}"
        );
        let got = s
            .get(&format!("/api/v1/fairs/{}/plan", f.id), None)
            .await
            .json();
        assert_eq!(got[0]["drawn"], false);
        assert_eq!(got[0]["booths"].as_array().unwrap().len(), 3);

        let stats = s
            .get(&format!("/api/v1/fairs/{}/stats", f.id), Some(&otoken))
            .await;
        assert_eq!(stats.status, StatusCode::OK);
        assert_eq!(stats.json()["scans"], 2);
        assert_eq!(stats.json()["buyers_by_location"][0]["key"], "MO");
    }
}

#[tokio::test]
async fn organisers_create_a_fair_and_import_through_preview_and_confirm() {
    for s in servers().await {
        let (organiser, _) = s.register("organiser@create.example.com", "HK", "en").await;
        s.store
            .set_platform_role(organiser, PlatformRole::Organiser)
            .await
            .unwrap();
        let c = browser();
        sign_in(&c, &s, "organiser@create.example.com", "/").await;
        let (st, form) = page(&c, &s, "/fairs/new").await;
        assert_eq!(st, StatusCode::OK);
        let token = csrf_of(&form);
        let fields = |ends: &'static str, halls: &'static str| {
            vec![
                ("csrf", token.clone()),
                ("name_zh_hant", "秋季電子展".to_string()),
                ("name_en", "Autumn Electronics Fair".to_string()),
                ("starts_on", "2027-10-13".to_string()),
                ("ends_on", ends.to_string()),
                ("online_until", "2027-11-30".to_string()),
                ("time_zone", "Asia/Hong_Kong".to_string()),
                ("halls", halls.to_string()),
            ]
        };
        // Ending before it starts, and a hall listed twice: both said, nothing created.
        let r = c
            .post(s.url("/fairs/new"))
            .form(&fields("2027-10-01", "1A\n1A"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Line 2: Two halls have the same code."),
            "{html}"
        );
        assert!(html.contains("秋季電子展"), "what was typed is kept");
        // A Chinese reader gets the same problems in Chinese, not in English.
        page(&c, &s, "/lang/zh-Hant").await;
        let r = c
            .post(s.url("/fairs/new"))
            .form(&fields("2027-10-01", "1A\n1A"))
            .send()
            .await
            .unwrap();
        let html = r.text().await.unwrap();
        assert!(html.contains("第 2 行：兩個展館用了相同的編號。"), "{html}");
        assert!(!html.contains("Line 2"), "{html}");
        page(&c, &s, "/lang/en").await;
        assert!(s.store.fairs().await.unwrap().is_empty());
        let r = c
            .post(s.url("/fairs/new"))
            .form(&fields("2027-10-16", "1A | 展館一 | 展馆一 | Hall One\n3C"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let fair = s.store.fairs().await.unwrap()[0].id;
        assert_eq!(
            r.headers()["location"],
            format!("/fairs/{fair}/manage").as_str()
        );
        let halls = s.store.halls(fair).await.unwrap();
        assert_eq!(
            halls.iter().map(|h| h.code.as_str()).collect::<Vec<_>>(),
            ["1A", "3C"]
        );

        // Import exhibitors: preview (nothing written), confirm, re-import updates.
        let (_, form) = page(&c, &s, &format!("/fairs/{fair}/manage/import")).await;
        let token = csrf_of(&form);
        let upload = |kind: &'static str, bytes: Vec<u8>| {
            let form = reqwest::multipart::Form::new()
                .text("csrf", token.clone())
                .text("kind", kind)
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(bytes).file_name("sheet.csv"),
                );
            c.post(s.url(&format!("/fairs/{fair}/manage/import")))
                .multipart(form)
                .send()
        };
        let sheet = "參考編號,攤位,名稱（繁）,英文名稱,所在地\nR1,1A-01,華南電子,Huanan,香港\nR2,3C-02,珠江燈飾,Pearl Lamps,廣州\n";
        let (big5, _, _) = encoding_rs::BIG5.encode(sheet);
        let html = upload("exhibitors", big5.to_vec())
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("<dd id=\"would-create\">2</dd>"), "{html}");
        assert!(html.contains("Big5") || html.contains("big5"));
        assert!(
            s.store.booths(Some(fair), None).await.unwrap().is_empty(),
            "a preview writes nothing"
        );
        let upload_id = {
            let at = html.find("name=\"upload\" value=\"").unwrap() + 21;
            html[at..at + 64].to_string()
        };
        let r = c
            .post(s.url(&format!("/fairs/{fair}/manage/import/confirm")))
            .form(&[("csrf", token.as_str()), ("upload", upload_id.as_str())])
            .send()
            .await
            .unwrap();
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .contains("notice=imported")
        );
        assert_eq!(s.store.booths(Some(fair), None).await.unwrap().len(), 2);
        // The same confirmation cannot run twice.
        let r = c
            .post(s.url(&format!("/fairs/{fair}/manage/import/confirm")))
            .form(&[("csrf", token.as_str()), ("upload", upload_id.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.headers()["location"],
            format!("/fairs/{fair}/manage/import").as_str()
        );
        let html = upload("exhibitors", big5.to_vec())
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("<dd id=\"would-create\">0</dd>"),
            "re-import updates"
        );

        // Products: a bad sheet is explained row by row, with no way to confirm it.
        let bad = "exhibitor,reference,name_en,hs,moq\nR1,P1,Lamp,850440,ten\nR1,P2,,850440,1\nR9,P3,Orphan,850440,1\n";
        let html = upload("products", bad.as_bytes().to_vec())
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("<td>2</td><td>moq</td>"), "{html}");
        assert!(html.contains("<td>3</td><td>name_en</td>"), "{html}");
        assert!(!html.contains("confirm-import"));
        let good = "exhibitor,reference,name_en,hs\nR1,P1,Lamp,850440\nR9,P3,Orphan,850440\n";
        let html = upload("products", good.as_bytes().to_vec())
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("line 3: &#34;R9&#34;") || html.contains("line 3: &quot;R9&quot;"),
            "the database's check shows in the preview: {html}"
        );
        assert!(!html.contains("confirm-import"));
        // Not a spreadsheet at all.
        let html = upload("products", vec![0xff, 0xfe, 0x00, 0xd8, 0x00])
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("import.nothing_written") || html.contains("Nothing was written"),
            "{html}"
        );
        // Far too large: refused before it is read.
        let r = upload("products", vec![b'a'; 65 * 1024 * 1024])
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

#[tokio::test]
async fn product_photos_are_checked_resized_and_shown_only_where_the_product_is() {
    for s in servers().await {
        let f = fair(&s).await;
        let (staff, _) = s.register("staff@photo.example.com", "HK", "en").await;
        s.store
            .add_member(f.orgs[0], staff, OrgRole::Admin)
            .await
            .unwrap();
        let mut product: sc_domain::listing::ListingInput =
            serde_json::from_value(product_body(None, "Desk lamp", "published")).unwrap();
        let lamp = s
            .store
            .create_listing(Owner::Organisation(f.orgs[0]), &product, staff)
            .await
            .unwrap()
            .id;
        product.status = sc_domain::listing::ListingStatus::Draft;
        let secret = s
            .store
            .create_listing(Owner::Organisation(f.orgs[0]), &product, staff)
            .await
            .unwrap()
            .id;
        let c = browser();
        sign_in(&c, &s, "staff@photo.example.com", "/").await;
        let (_, html) = page(&c, &s, &format!("/listings/{lamp}")).await;
        let token = csrf_of(&html);
        let upload = |listing: i64, bytes: Vec<u8>, name: &'static str| {
            let form = reqwest::multipart::Form::new()
                .text("csrf", token.clone())
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(bytes).file_name(name),
                );
            c.post(s.url(&format!("/listings/{listing}/photos")))
                .multipart(form)
                .send()
        };
        // Not an image, whatever its name says.
        let r = upload(
            lamp,
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".to_vec(),
            "lamp.png",
        )
        .await
        .unwrap();
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .contains("notice=not_an_image")
        );
        let r = upload(lamp, png(2000, 1000), "lamp.png").await.unwrap();
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .contains("notice=photo_added")
        );
        let (_, html) = page(&c, &s, &format!("/listings/{lamp}")).await;
        let at = html.find("src=\"/images/").expect("the photo is shown") + 5;
        let thumb = html[at..].split('"').next().unwrap().to_string();
        assert!(thumb.ends_with("/thumb"));
        let anon = browser();
        let r = anon.get(s.url(&thumb)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "image/jpeg");
        let t = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
        assert_eq!((t.width(), t.height()), (320, 160), "a thumbnail");
        let full = thumb.trim_end_matches("/thumb").to_string();
        let big = image::load_from_memory(
            &anon
                .get(s.url(&full))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            (big.width(), big.height()),
            (1600, 800),
            "resized to the display size"
        );
        // A wrong digest is not found (URLs name one version).
        let (st, _) = page(&anon, &s, &format!("{}0", full)).await;
        assert_eq!(st, StatusCode::NOT_FOUND);
        // The exhibitor page shows the cover on the product card.
        let (_, ex) = page(
            &anon,
            &s,
            &format!("/fairs/{}/exhibitors/{}", f.id, f.orgs[0]),
        )
        .await;
        assert!(
            ex.contains(&format!("class=\"cover\" src=\"{thumb}\"")),
            "cover on the card"
        );

        // A draft's photo is hidden from those who may not see the draft.
        upload(secret, png(50, 50), "x.png").await.unwrap();
        let img = &s
            .store
            .images_of(sc_storage::ImageOwner::Listing(secret))
            .await
            .unwrap()[0];
        let url = format!("/images/{}/{}", img.id, img.digest);
        assert_eq!(page(&anon, &s, &url).await.0, StatusCode::NOT_FOUND);
        assert_eq!(page(&c, &s, &url).await.0, StatusCode::OK);
        // Others cannot add or remove photos.
        s.register("other@photo.example.com", "HK", "en").await;
        let o = browser();
        sign_in(&o, &s, "other@photo.example.com", "/").await;
        let (_, html) = page(&o, &s, &format!("/listings/{lamp}")).await;
        let r = o
            .post(s.url(&format!("/images/{}/delete", img.id)))
            .form(&[("csrf", csrf_of(&html).as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = c
            .post(s.url(&format!("/images/{}/delete", img.id)))
            .form(&[("csrf", token.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(
            s.store
                .images_of(sc_storage::ImageOwner::Listing(secret))
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_link_from_another_site_shows_the_booth_but_makes_no_lead() {
    for s in servers().await {
        let f = fair(&s).await;
        let (organiser, _) = s.register("organiser@link.example.com", "HK", "en").await;
        s.store
            .set_platform_role(organiser, PlatformRole::Organiser)
            .await
            .unwrap();
        let org_c = browser();
        sign_in(&org_c, &s, "organiser@link.example.com", "/").await;
        let (_, sheet) = page(&org_c, &s, &format!("/fairs/{}/manage/qr", f.id)).await;
        let codes = scan_paths(&sheet);
        let (buyer, _) = s.register("visitor@link.example.com", "HK", "en").await;
        let c = browser();
        sign_in(&c, &s, "visitor@link.example.com", "/").await;

        // Another site links (or redirects) a signed-in visitor to a booth's code.
        for site in ["cross-site", "same-site"] {
            let r = c
                .get(s.url(&codes[0]))
                .header("sec-fetch-site", site)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{}", s.engine);
            let html = r.text().await.unwrap();
            assert!(html.contains("Exhibitor0"), "the same exhibitor page");
            assert!(
                html.contains("/bookmark\"") && html.contains("name=\"action\" value=\"add\""),
                "with a one-tap bookmark button"
            );
        }
        assert!(s.store.bookmarks(buyer, f.id).await.unwrap().is_empty());
        assert!(
            s.store
                .lead_of(f.orgs[0], f.id, buyer)
                .await
                .unwrap()
                .is_none(),
            "the exhibitor learns nothing of the visitor"
        );
        assert_eq!(
            s.store.fair_stats(f.id, 0).await.unwrap().scans,
            0,
            "and no scan is counted"
        );

        // The camera app opens the code directly: that is a scan, and it bookmarks.
        let r = c
            .get(s.url(&codes[0]))
            .header("sec-fetch-site", "none")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(s.store.bookmarks(buyer, f.id).await.unwrap().len(), 1);
        assert!(
            s.store
                .lead_of(f.orgs[0], f.id, buyer)
                .await
                .unwrap()
                .is_some()
        );
        // So does following the code from one of our own pages.
        let r = c
            .get(s.url(&codes[1]))
            .header("sec-fetch-site", "same-origin")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(s.store.bookmarks(buyer, f.id).await.unwrap().len(), 2);
    }
}

/// The calendar date `offset` days from today (UTC), `YYYY-MM-DD`.
fn day(offset: i64) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
    let z = secs.div_euclid(86_400) + offset + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[tokio::test]
async fn search_results_say_where_to_find_the_exhibitor_at_fairs_not_yet_over() {
    use sc_storage::{NewBooth, NewHall};
    for s in servers().await {
        let (user, _) = s.register("stands@example.com", "HK", "en").await;
        let mut b = s.store.batch().await.unwrap();
        let mut fairs = vec![];
        // On now, over last week, coming next month.
        for (slug, name, starts, ends) in [
            ("now", ("燈飾展", "灯饰展", "Lighting Fair"), -1, 2),
            ("old", ("舊展", "旧展", "Old Fair"), -9, -7),
            ("next", ("下屆展", "下届展", "Next Fair"), 30, 33),
        ] {
            let input = FairInput {
                name: sc_domain::LocalizedText::new(name.0, name.1, name.2),
                venue: Default::default(),
                starts_on: day(starts),
                ends_on: day(ends),
                online_until: day(ends + 30),
                time_zone: "Asia/Hong_Kong".into(),
            };
            let id = b.insert_fair(&input, slug).await.unwrap();
            let hall = b
                .insert_hall(
                    id,
                    &NewHall {
                        code: "1C".into(),
                        name: sc_domain::LocalizedText::new("1C館", "1C馆", "Hall 1C"),
                    },
                )
                .await
                .unwrap();
            fairs.push((id, hall));
        }
        let org =
            |name: &str| -> OrganisationInput { serde_json::from_value(org_body(name)).unwrap() };
        let lumen = b.insert_organisation(&org("Lumen"), true).await.unwrap();
        let nowhere = b.insert_organisation(&org("Nowhere"), true).await.unwrap();
        for ((_, hall), booth) in fairs.iter().zip(["1C-A12", "Z1", "N5"]) {
            b.insert_booth(
                *hall,
                &NewBooth {
                    code: booth.into(),
                    organisation_id: Some(lumen),
                },
            )
            .await
            .unwrap();
        }
        let product = |title: &str| -> sc_domain::listing::ListingInput {
            serde_json::from_value(product_body(None, title, "published")).unwrap()
        };
        let bulb = b
            .insert_listing(
                Owner::Organisation(lumen),
                &product("Tungsten filament bulb"),
                user,
            )
            .await
            .unwrap();
        let lamp = b
            .insert_listing(
                Owner::Organisation(nowhere),
                &product("Tungsten desk lamp"),
                user,
            )
            .await
            .unwrap();
        b.commit().await.unwrap();
        s.searchable().await;
        let (now, old, next) = (fairs[0].0, fairs[1].0, fairs[2].0);

        let r = s.get("/api/v1/search?q=tungsten&lang=en", None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v = r.json();
        let hit = |id: i64| {
            v["results"]
                .as_array()
                .unwrap()
                .iter()
                .find(|h| h["id"] == id && h["kind"] == "listing")
                .unwrap_or_else(|| panic!("[{}] {id} in {v}", s.engine))
                .clone()
        };
        let booths = hit(bulb)["booths"].clone();
        assert_eq!(
            booths,
            json!([
                {"fair_id": now, "fair": "Lighting Fair", "starts_on": day(-1), "ends_on": day(2),
                 "hall_code": "1C", "hall": "Hall 1C", "booth": "1C-A12",
                 "plan_url": format!("/fairs/{now}/plan?hall=1C&to=1C-A12")},
                {"fair_id": next, "fair": "Next Fair", "starts_on": day(30), "ends_on": day(33),
                 "hall_code": "1C", "hall": "Hall 1C", "booth": "N5",
                 "plan_url": format!("/fairs/{next}/plan?hall=1C&to=N5")},
            ]),
            "[{}] the fair on now and the next one, not the one that is over",
            s.engine
        );
        assert_eq!(hit(lamp)["booths"], json!([]), "no booth anywhere");

        // Narrowed to one fair, that fair's booth, over or not.
        let v = s
            .get(&format!("/api/v1/search?q=tungsten&fair={old}"), None)
            .await
            .json();
        let results = v["results"].as_array().unwrap();
        assert_eq!(results.len(), 1, "{v}");
        assert_eq!(results[0]["booths"][0]["booth"], "Z1");
        assert_eq!(results[0]["booths"].as_array().unwrap().len(), 1);

        // The exhibitor itself as a result.
        let v = s
            .get(
                "/api/v1/search?q=lumen&entity=organisation&lang=zh-Hant",
                None,
            )
            .await
            .json();
        assert_eq!(v["results"][0]["id"], lumen, "{v}");
        assert_eq!(v["results"][0]["booths"][0]["fair"], "燈飾展");
        assert_eq!(v["results"][0]["booths"][0]["hall"], "1C館");

        // The results page, in each language, names the booth and links to the way there.
        let c = browser();
        for (lang, says) in [
            ("zh-Hant", "燈飾展：1C館 1C-A12 號攤位"),
            ("zh-Hans", "灯饰展：1C馆 1C-A12 号展位"),
            ("en", "Lighting Fair: Hall 1C, booth 1C-A12"),
        ] {
            let r = c
                .get(s.url("/search?q=tungsten"))
                .header("accept-language", lang)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let html = r.text().await.unwrap();
            assert!(html.contains(says), "[{}] {lang}: {html}", s.engine);
            let href = format!("/fairs/{now}/plan?hall=1C&#38;to=1C-A12");
            assert!(html.contains(&href), "[{}] {lang}: {html}", s.engine);
        }
        let (st, plan) = page(&c, &s, &format!("/fairs/{now}/plan?hall=1C&to=1C-A12")).await;
        assert_eq!(st, StatusCode::OK);
        assert!(plan.contains("1C-A12"), "{plan}");
    }
}
