//! The web UI through a cookie-keeping client, as a browser without JavaScript uses it.

use reqwest::StatusCode;
use serde_json::json;

use crate::harness::{Server, browser, csrf_of, page, servers};

async fn sign_up(c: &reqwest::Client, s: &Server, email: &str, lang: &str) {
    let (_, html) = page(c, s, "/signup").await;
    let r = c
        .post(s.url("/signup"))
        .form(&[
            ("csrf", csrf_of(&html).as_str()),
            ("email", email),
            ("password", "correct horse battery"),
            ("display_name", "Amy 陳"),
            ("location", "HK"),
            ("preferred_language", lang),
            ("next", "/me"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
}

#[tokio::test]
async fn signing_up_creating_an_organisation_and_a_listing_through_forms() {
    for s in servers().await {
        let c = browser();
        sign_up(&c, &s, "amy@example.com", "zh-Hant").await;
        let (status, me) = page(&c, &s, "/me").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            me.contains("我的帳戶"),
            "the account page speaks the chosen language"
        );

        let (_, form) = page(&c, &s, "/organisations/new").await;
        let r = c
            .post(s.url("/organisations/new"))
            .form(&[
                ("csrf", csrf_of(&form).as_str()),
                ("kind", "company"),
                ("name_zh_hant", "華南電子有限公司"),
                ("name_en", "Huanan Electronics"),
                ("sectors", "electronics"),
                ("sectors", "lighting"),
                ("location", "CN-GD-SZ"),
                ("markets_served", "HK"),
                ("markets_served", "SG"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let org_path = r.headers()["location"].to_str().unwrap().to_string();
        let org_id: i64 = org_path.rsplit('/').next().unwrap().parse().unwrap();
        let org = s.store.organisation(org_id).await.unwrap();
        assert_eq!(org.sectors, vec!["electronics", "lighting"]);
        assert_eq!(org.markets_served.len(), 2);

        let (_, form) = page(
            &c,
            &s,
            &format!("/listings/new?organisation={org_id}&kind=product"),
        )
        .await;
        // A bad number is named, and what was typed is kept.
        let bad = c
            .post(s.url(&format!("/listings/new?organisation={org_id}&kind=product")))
            .form(&[
                ("csrf", csrf_of(&form).as_str()),
                ("kind", "product"),
                ("title_zh_hant", "USB-C 充電器"),
                ("attr_moq", "lots"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let bad_html = bad.text().await.unwrap();
        assert!(bad_html.contains("請填寫整數") && bad_html.contains("USB-C 充電器"));
        let ok = c
            .post(s.url(&format!("/listings/new?organisation={org_id}&kind=product")))
            .form(&[
                ("csrf", csrf_of(&form).as_str()),
                ("kind", "product"),
                ("title_zh_hant", "USB-C 充電器"),
                ("title_en", "USB-C charger"),
                ("attr_moq", "500"),
                ("attr_currency", "HKD"),
                ("codes", "8504.40"),
                ("target_regions", "HK"),
                ("status", "published"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), StatusCode::SEE_OTHER);
        let listing_path = ok.headers()["location"].to_str().unwrap().to_string();
        let (_, hant) = page(&c, &s, &listing_path).await;
        assert!(
            hant.contains("USB-C 充電器") && hant.contains("最低訂購量") && hant.contains("850440")
        );
        // Switching to English shows the English title; the choice sticks for the account.
        choose_language(&c, &s, "en", &listing_path).await;
        let (_, en) = page(&c, &s, &listing_path).await;
        assert!(
            en.contains("USB-C charger")
                && en.contains("Minimum order quantity")
                && en.contains("<html lang=\"en\">")
        );
        let (_, hans) = page(
            &browser_with_lang(&c, &s, "zh-Hans").await,
            &s,
            &listing_path,
        )
        .await;
        assert!(
            hans.contains("最低订购量") && hans.contains("USB-C 充電器"),
            "Simplified readers fall back to the Traditional title"
        );
        let account = s
            .store
            .account_by_email("amy@example.com")
            .await
            .unwrap()
            .unwrap()
            .0;
        assert_eq!(
            account.preferred_language,
            sc_domain::Language::ZhHans,
            "the last choice is remembered on the account"
        );
    }
}

/// Switches the language of `c` (a signed-in browser) and returns it.
async fn browser_with_lang(c: &reqwest::Client, s: &Server, lang: &str) -> reqwest::Client {
    choose_language(c, s, lang, "/").await;
    c.clone()
}

/// The language switch at the top of every page: a form with the page's CSRF token.
async fn choose_language(c: &reqwest::Client, s: &Server, lang: &str, next: &str) {
    let (_, html) = page(c, s, next).await;
    let r = c
        .post(s.url("/lang"))
        .form(&[
            ("csrf", csrf_of(&html).as_str()),
            ("lang", lang),
            ("next", next),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], next);
}

#[tokio::test]
async fn another_site_cannot_change_an_accounts_language() {
    for s in servers().await {
        let c = browser();
        sign_up(&c, &s, "lang@example.com", "zh-Hant").await;
        let stored = |s: &Server| {
            let store = s.store.clone();
            async move {
                store
                    .account_by_email("lang@example.com")
                    .await
                    .unwrap()
                    .unwrap()
                    .0
                    .preferred_language
            }
        };
        // A link (or an image) pointing at the language switch only sets this browser's cookie.
        let r = c.get(s.url("/lang/en?next=/")).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            stored(&s).await,
            sc_domain::Language::ZhHant,
            "{}",
            s.engine
        );
        // A form posted from elsewhere has no token and changes nothing.
        let r = c
            .post(s.url("/lang"))
            .form(&[("lang", "en"), ("next", "/")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{}", s.engine);
        assert_eq!(stored(&s).await, sc_domain::Language::ZhHant);
        // The switch on our own page does.
        choose_language(&c, &s, "zh-Hans", "/").await;
        assert_eq!(
            stored(&s).await,
            sc_domain::Language::ZhHans,
            "{}",
            s.engine
        );
    }
}

#[tokio::test]
async fn text_users_typed_is_escaped_everywhere() {
    for s in servers().await {
        let (_, token) = s.register("mallory@example.com", "HK", "en").await;
        let evil = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
        let org = s.post("/api/v1/organisations", Some(&token), json!({"kind": "company", "name": {"en": evil}, "description": {"en": evil}, "location": "HK"})).await.json();
        let id = org["id"].as_i64().unwrap();
        let l = s
            .post(
                "/api/v1/listings",
                Some(&token),
                json!({"organisation_id": id, "kind": "product", "title": {"en": evil}}),
            )
            .await
            .json();
        for path in [
            format!("/organisations/{id}"),
            "/organisations".into(),
            format!("/listings/{}", l["id"]),
            "/listings".into(),
            "/".into(),
        ] {
            let (_, html) = page(&browser(), &s, &path).await;
            assert!(
                !html.contains("<script>alert") && !html.contains("<img src=x"),
                "unescaped user text on {path}"
            );
            assert!(
                html.contains("&lt;script&gt;")
                    || html.contains("&#60;script&#62;")
                    || html.contains("&lt;script"),
                "user text missing on {path}"
            );
        }
    }
}

#[tokio::test]
async fn form_posts_without_the_csrf_token_are_refused() {
    for s in servers().await {
        let c = browser();
        sign_up(&c, &s, "victim@example.com", "en").await;
        let r = c
            .post(s.url("/organisations/new"))
            .form(&[
                ("kind", "company"),
                ("name_en", "Forged"),
                ("location", "HK"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = c
            .post(s.url("/organisations/new"))
            .form(&[
                ("csrf", "0".repeat(64).as_str()),
                ("kind", "company"),
                ("name_en", "Forged"),
                ("location", "HK"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let orgs = s
            .store
            .list_organisations(
                &Default::default(),
                sc_storage::PageRequest::new(None, None),
            )
            .await
            .unwrap();
        assert_eq!(orgs.total, 0, "nothing was created by the forged posts");
        // A next= pointing off-site is not followed.
        let (_, html) = page(&c, &s, "/login").await;
        let r = c
            .post(s.url("/login"))
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("email", "victim@example.com"),
                ("password", "correct horse battery"),
                ("next", "//evil.example.com/"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["location"], "/");
    }
}

#[tokio::test]
async fn the_language_follows_the_browser_then_the_choice() {
    for s in servers().await {
        let c = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .unwrap();
        let r = c
            .get(s.url("/"))
            .header("accept-language", "zh-CN,zh;q=0.9")
            .send()
            .await
            .unwrap();
        assert!(r.text().await.unwrap().contains("<html lang=\"zh-Hans\">"));
        let r = c
            .get(s.url("/"))
            .header("accept-language", "en-GB")
            .send()
            .await
            .unwrap();
        assert!(r.text().await.unwrap().contains("<html lang=\"en\">"));
        let r = c
            .get(s.url("/lang/zh-Hant?next=/organisations"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["location"], "/organisations");
        let r = c
            .get(s.url("/"))
            .header("accept-language", "en-GB")
            .send()
            .await
            .unwrap();
        assert!(
            r.text().await.unwrap().contains("<html lang=\"zh-Hant\">"),
            "a chosen language beats the browser's default"
        );
        let (status, _) = page(&c, &s, "/lang/klingon").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, html) = page(&c, &s, "/no/such/page").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains("找不到此頁面"));
    }
}

#[tokio::test]
async fn pages_forbid_inline_scripts_framing_and_sniffing() {
    for s in servers().await {
        let r = browser().get(s.url("/")).send().await.unwrap();
        let h = r.headers();
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("script-src 'self'")
        );
        assert!(
            h["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
        assert_eq!(h["x-content-type-options"], "nosniff");
        let html = r.text().await.unwrap();
        // The one script is type-ahead, loaded from a file; search itself is a plain GET form.
        assert_eq!(html.matches("<script").count(), 1);
        assert!(html.contains("<script src=\"/static/suggest.js\" defer></script>"));
        assert!(
            html.contains(
                "<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\">"
            )
        );
    }
}

#[tokio::test]
async fn mangled_links_show_a_page_not_an_error() {
    for s in servers().await {
        for path in [
            "/listings?page=abc",
            "/listings?page=-3",
            "/organisations?page=99999999999&sector=%00",
            "/listings?market=moon",
            "/organisations/abc",
            "/listings/0",
        ] {
            let (status, html) = page(&browser(), &s, path).await;
            assert!(
                status == StatusCode::OK || status == StatusCode::NOT_FOUND,
                "{path}: {status}"
            );
            assert!(html.contains("<html"), "{path} answers with a page");
        }
    }
}

#[tokio::test]
async fn administrators_manage_members_and_delete_from_the_pages() {
    for s in servers().await {
        let admin = browser();
        sign_up(&admin, &s, "boss@example.com", "en").await;
        let colleague = browser();
        sign_up(&colleague, &s, "colleague@example.com", "en").await;
        let boss = s
            .store
            .account_by_email("boss@example.com")
            .await
            .unwrap()
            .unwrap()
            .0;
        let col = s
            .store
            .account_by_email("colleague@example.com")
            .await
            .unwrap()
            .unwrap()
            .0;
        let input: sc_domain::organisation::OrganisationInput =
            serde_json::from_value(crate::harness::org_body("Team")).unwrap();
        let org = s
            .store
            .create_organisation(&input, boss.id)
            .await
            .unwrap()
            .id;

        let (_, html) = page(&admin, &s, &format!("/organisations/{org}")).await;
        let token = csrf_of(&html);
        let add = |email: &'static str| {
            admin
                .post(s.url(&format!("/organisations/{org}/members")))
                .form(&[
                    ("csrf", token.as_str()),
                    ("email", email),
                    ("role", "member"),
                ])
                .send()
        };
        let r = add("nobody@example.com").await.unwrap();
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .contains("notice=no_such_account")
        );
        let r = add("colleague@example.com").await.unwrap();
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .contains("notice=member_added")
        );
        let (_, html) = page(
            &admin,
            &s,
            &format!("/organisations/{org}?notice=member_added"),
        )
        .await;
        assert!(
            html.contains("Member added."),
            "the page says what happened"
        );
        assert_eq!(
            html.matches("Amy 陳 · Member").count(),
            1,
            "the new member is listed as a member"
        );
        assert_eq!(html.matches("Amy 陳 · Administrator").count(), 1);
        assert_eq!(
            s.store.memberships_of(col.id).await.unwrap(),
            vec![(org, sc_domain::person::OrgRole::Member)]
        );

        // The last administrator cannot leave; the page says why.
        let r = admin
            .post(s.url(&format!("/organisations/{org}/members/{}/remove", boss.id)))
            .form(&[("csrf", token.as_str())])
            .send()
            .await
            .unwrap();
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .contains("notice=last_admin")
        );
        // A member may not remove others, but may leave.
        let (_, html) = page(&colleague, &s, &format!("/organisations/{org}")).await;
        let ctoken = csrf_of(&html);
        let r = colleague
            .post(s.url(&format!("/organisations/{org}/members/{}/remove", boss.id)))
            .form(&[("csrf", ctoken.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = colleague
            .post(s.url(&format!("/organisations/{org}/members/{}/remove", col.id)))
            .form(&[("csrf", ctoken.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["location"], "/me");
        assert!(s.store.memberships_of(col.id).await.unwrap().is_empty());

        // Deleting needs the confirmation box.
        let l: sc_domain::listing::ListingInput =
            serde_json::from_value(crate::harness::product_body(None, "To delete", "published"))
                .unwrap();
        let lid = s
            .store
            .create_listing(sc_domain::listing::Owner::Organisation(org), &l, boss.id)
            .await
            .unwrap()
            .id;
        let r = admin
            .post(s.url(&format!("/listings/{lid}/delete")))
            .form(&[("csrf", token.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(
            s.store.listing(lid).await.is_ok(),
            "no confirmation, no deletion"
        );
        let r = admin
            .post(s.url(&format!("/listings/{lid}/delete")))
            .form(&[("csrf", token.as_str()), ("confirm", "yes")])
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.headers()["location"].to_str().unwrap(),
            format!("/organisations/{org}")
        );
        assert!(s.store.listing(lid).await.is_err());
        let r = colleague
            .post(s.url(&format!("/organisations/{org}/delete")))
            .form(&[("csrf", ctoken.as_str()), ("confirm", "yes")])
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "a former member cannot delete the organisation"
        );
        let r = admin
            .post(s.url(&format!("/organisations/{org}/delete")))
            .form(&[("csrf", token.as_str()), ("confirm", "yes")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["location"], "/me");
        assert!(s.store.organisation(org).await.is_err());
    }
}

#[tokio::test]
async fn the_search_page_finds_across_scripts_with_facets_and_marks() {
    for s in servers().await {
        let (_, token) = s.register("seller@example.com", "HK", "zh-Hant").await;
        let org = s
            .post(
                "/api/v1/organisations",
                Some(&token),
                crate::harness::org_body("Seller"),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = s.post("/api/v1/listings", Some(&token), json!({"organisation_id": org, "kind": "product", "title": {"zh-Hant": "無線藍牙耳機"}, "description": {"zh-Hant": "降噪藍牙耳機，續航三十小時"}})).await;
        assert_eq!(r.status, StatusCode::CREATED);
        let c = browser();
        c.get(s.url("/lang/zh-Hans?next=/")).send().await.unwrap();
        // Written a moment ago: searchable once the index has applied it.
        s.searchable().await;
        let html = page(&c, &s, "/search?q=%E8%93%9D%E7%89%99%E8%80%B3%E6%9C%BA")
            .await
            .1;
        assert!(
            html.contains("<mark>蓝牙耳机</mark>") || html.contains("<mark>蓝牙</mark>"),
            "snippet in the reader's script, marked"
        );
        // The same Simplified query on a Traditional page reads in Traditional.
        c.get(s.url("/lang/zh-Hant?next=/")).send().await.unwrap();
        let hant = page(&c, &s, "/search?q=%E8%93%9D%E7%89%99%E8%80%B3%E6%9C%BA")
            .await
            .1;
        assert!(
            hant.contains("<mark>藍牙耳機</mark>") || hant.contains("<mark>藍牙</mark>"),
            "snippet in the reader's Traditional: {hant}"
        );
        assert!(!hant.contains("续航"), "no Simplified left in the snippet");
        c.get(s.url("/lang/zh-Hans?next=/")).send().await.unwrap();
        assert!(
            html.contains("貿易") || html.contains("贸易"),
            "the market facet is shown"
        );
        let (status, none) = page(&c, &s, "/search?q=%21%21%21").await;
        assert_eq!(status, StatusCode::OK);
        assert!(none.contains("找不到相符的结果"));
        let (status, _) = page(&c, &s, "/search?q=x&hs=8").await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "a malformed filter is a clear 400 page, not a 500"
        );
    }
}

#[tokio::test]
async fn every_form_refuses_a_post_without_its_token() {
    for s in servers().await {
        let c = browser();
        // Signed in, with this browser's CSRF cookie: only the form's token is missing or wrong,
        // as in a post forged by another site.
        sign_up(&c, &s, "forms@example.com", "en").await;
        let forms: Vec<String> = sc_web::route_table()
            .into_iter()
            .filter(|(m, p)| m == "POST" && !p.starts_with("/api/"))
            .map(|(_, p)| {
                p.split('/')
                    .map(|seg| if seg.starts_with('{') { "1" } else { seg })
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect();
        assert!(forms.len() >= 27, "{forms:?}");
        for path in &forms {
            for token in [None, Some("0".repeat(64))] {
                let mut fields: Vec<(&str, String)> = vec![("next", "/".into())];
                if let Some(t) = &token {
                    fields.push(("csrf", t.clone()));
                }
                let uploads = path.ends_with("/photos")
                    || path.ends_with("/manage/import")
                    || path.ends_with("/manage/plan")
                    || path == "/conversations"
                    || path == "/conversations/1";
                let req = c.post(s.url(path));
                let req = if uploads {
                    let mut form = reqwest::multipart::Form::new();
                    for (k, v) in &fields {
                        form = form.text(k.to_string(), v.clone());
                    }
                    req.multipart(form.part("file", reqwest::multipart::Part::bytes(b"x".to_vec())))
                } else {
                    req.form(&fields)
                };
                let r = req.send().await.unwrap();
                assert_eq!(
                    r.status(),
                    StatusCode::FORBIDDEN,
                    "[{}] POST {path} with token {token:?}",
                    s.engine
                );
            }
        }
        // And the session survived all of it (logout without a token did not sign it out).
        let (status, html) = page(&c, &s, "/me").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("forms@example.com"));
    }
}

#[tokio::test]
async fn text_written_only_in_the_other_script_is_converted_with_the_original_a_tap_away() {
    for s in servers().await {
        let (_, token) = s
            .register("mainland@example.com", "CN-GD-SZ", "zh-Hans")
            .await;
        let org = s
            .post(
                "/api/v1/organisations",
                Some(&token),
                json!({"kind": "company", "name": {"zh-Hans": "华南电器有限公司"},
                       "description": {"zh-Hans": "专业生产电动牙刷"}, "location": "CN-GD-SZ"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = s.post("/api/v1/listings", Some(&token), json!({"organisation_id": org, "kind": "product", "title": {"zh-Hans": "声波电动牙刷"}, "description": {"zh-Hans": "续航三十天"}})).await;
        assert_eq!(r.status, StatusCode::CREATED);
        let listing = r.json()["id"].as_i64().unwrap();
        s.searchable().await;
        let c = browser();
        c.get(s.url("/lang/zh-Hant?next=/")).send().await.unwrap();
        for path in [
            format!("/listings/{listing}"),
            format!("/organisations/{org}"),
        ] {
            let (st, html) = page(&c, &s, &path).await;
            assert_eq!(st, StatusCode::OK);
            // Shown in the reader's script, marked as such …
            assert!(
                html.contains("電動牙刷") && html.contains("lang=\"zh-Hant\""),
                "[{}] {path}: {html}",
                s.engine
            );
            // … the page says it was converted, and the original is one tap away.
            let at = html
                .find("<details class=\"converted\">")
                .unwrap_or_else(|| panic!("[{}] {path}: no note: {html}", s.engine));
            let note = &html[at..];
            assert!(note.contains("由簡體自動轉換"), "{note}");
            assert!(note.contains("lang=\"zh-Hans\""), "{note}");
            assert!(
                note.contains("声波电动牙刷") || note.contains("华南电器有限公司"),
                "{note}"
            );
        }
        let (_, results) = page(&c, &s, "/search?q=%E7%89%99%E5%88%B7").await;
        assert!(
            results.contains(">聲波電動牙刷</a>"),
            "[{}] a result's title in the reader's script: {results}",
            s.engine
        );
        // Read in the script it was written in, nothing is converted or noted.
        c.get(s.url("/lang/zh-Hans?next=/")).send().await.unwrap();
        let (_, html) = page(&c, &s, &format!("/listings/{listing}")).await;
        assert!(html.contains("声波电动牙刷") && !html.contains("class=\"converted\""));
        c.get(s.url("/lang/en?next=/")).send().await.unwrap();
        let (_, html) = page(&c, &s, &format!("/listings/{listing}")).await;
        assert!(html.contains("声波电动牙刷") && !html.contains("class=\"converted\""));
    }
}

#[tokio::test]
async fn a_plain_sign_up_offers_the_buyer_profile_as_a_step_one_may_skip() {
    for s in servers().await {
        let c = browser();
        let (_, html) = page(&c, &s, "/signup").await;
        let r = c
            .post(s.url("/signup"))
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("email", "welcome@example.com"),
                ("password", "correct horse battery"),
                ("display_name", "Wing 黃"),
                ("location", "HK"),
                ("preferred_language", "zh-Hant"),
                ("next", "/"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(to, "/me/buyer-profile?welcome=1");
        let (status, form) = page(&c, &s, &to).await;
        assert_eq!(status, StatusCode::OK);
        assert!(form.contains("歡迎。你採購甚麼？"), "{form}");
        assert!(form.contains("暫時略過"), "a way past it");
        assert!(form.contains(r#"action="/me/buyer-profile?welcome=1""#));
        // A mistake keeps the step and names the field.
        let r = c
            .post(s.url(&to))
            .form(&[
                ("csrf", csrf_of(&form).as_str()),
                ("attr_order_size", "many"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let again = r.text().await.unwrap();
        assert!(again.contains("暫時略過") && again.contains("class=\"error\""));
        let r = c
            .post(s.url(&to))
            .form(&[
                ("csrf", csrf_of(&form).as_str()),
                ("attr_sources", "充電器"),
                ("attr_order_size", "500"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            r.headers()["location"].to_str().unwrap(),
            "/matches?notice=profile-saved"
        );
        let (_, matches) = page(&c, &s, "/matches?notice=profile-saved").await;
        assert!(
            matches.contains("已儲存。以下是與你相符的推薦。"),
            "{matches}"
        );

        // Signing up from somewhere else goes back there (a first scan asks for the profile).
        let c = browser();
        let (_, html) = page(&c, &s, "/signup").await;
        let r = c
            .post(s.url("/signup"))
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("email", "elsewhere@example.com"),
                ("password", "correct horse battery"),
                ("display_name", "Ka"),
                ("location", "HK"),
                ("preferred_language", "en"),
                ("next", "/fairs"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["location"].to_str().unwrap(), "/fairs");
    }
}
