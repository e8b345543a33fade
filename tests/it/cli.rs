//! The binary's subcommands other than `serve`.

use std::process::Stdio;

use tokio::io::AsyncWriteExt;
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_superconnector");

async fn run(args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env("SC_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .await
        .unwrap();
    let out = child.wait_with_output().await.unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[tokio::test]
async fn migrate_and_create_the_first_administrator_from_stdin() {
    for (engine, url) in sc_storage::testing::database_urls().await {
        let (ok, out, err) = run(&["migrate", "--database", &url], "").await;
        assert!(ok, "[{engine}] migrate failed: {err}");
        assert!(out.contains("schema at version"), "{out}");
        let (ok, out, _) = run(&["migrate", "--database", &url], "").await;
        assert!(
            ok && out.contains("applied now: []"),
            "[{engine}] a second migrate applies nothing: {out}"
        );

        let (ok, out, err) = run(
            &[
                "admin",
                "create-user",
                "--database",
                &url,
                "--email",
                "Root@Example.com",
                "--name",
                "Root",
                "--location",
                "HK",
            ],
            "a long admin password\n",
        )
        .await;
        assert!(ok, "[{engine}] create-user failed: {err}");
        assert!(
            out.contains("root@example.com") && out.contains("role admin"),
            "{out}"
        );
        let store = sc_storage::Store::connect(&url).await.unwrap();
        let (account, hash) = store
            .account_by_email("root@example.com")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            account.platform_role,
            sc_domain::person::PlatformRole::Admin
        );
        assert!(
            sc_access::password::verify("a long admin password", &hash),
            "the password came from stdin, without its newline"
        );

        let (ok, _, err) = run(
            &[
                "admin",
                "create-user",
                "--database",
                &url,
                "--email",
                "short@example.com",
            ],
            "short\n",
        )
        .await;
        assert!(!ok && err.contains("at least 10 characters"), "{err}");
        let (ok, _, err) = run(
            &[
                "admin",
                "create-user",
                "--database",
                &url,
                "--email",
                "root@example.com",
            ],
            "another long password\n",
        )
        .await;
        assert!(!ok && err.contains("exists"), "{err}");
        let (ok, _, err) = run(
            &[
                "admin",
                "create-user",
                "--database",
                &url,
                "--email",
                "x@example.com",
                "--location",
                "Atlantis",
            ],
            "another long password\n",
        )
        .await;
        assert!(!ok && err.contains("--location"), "{err}");
    }
}

#[tokio::test]
async fn a_database_url_of_an_unknown_kind_is_refused_clearly() {
    let (ok, _, err) = run(&["migrate", "--database", "mysql://localhost/x"], "").await;
    assert!(!ok);
    assert!(
        err.contains("sqlite:") && err.contains("postgres://"),
        "{err}"
    );
}

#[tokio::test]
async fn text_analyze_writes_one_line_per_input_line() {
    let input = "USB-C 充電器 65W\n\n頭髮\r\n\u{FEFF}ＡＢＣ\nno newline at end";
    let (ok, out, err) = run(&["text", "analyze", "--tokens"], input).await;
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out:?}");
    assert!(lines[0].split(' ').any(|t| t == "usbc"));
    assert_eq!(lines[1], "");
    let (ok, out, err) = run(
        &["text", "analyze", "--tokens", "--query", "--kinds"],
        "power bank\n",
    )
    .await;
    assert!(ok, "{err}");
    assert!(
        out.split_whitespace().any(|t| t == "powerbank/joined"),
        "{out:?}"
    );
    assert!(out.split_whitespace().any(|t| t == "power/word"), "{out:?}");
    let (_, out, _) = run(&["text", "analyze", "--to", "zh-Hant"], "头发 发展\n").await;
    assert_eq!(out, "頭髮 發展\n");
    let (_, out, _) = run(&["text", "analyze"], "香港會議展覽中心 ＵＳＢ\n").await;
    assert_eq!(out, "香港会议展览中心 usb\n");
    let (ok, _, err) = run(&["text", "analyze", "--to", "klingon"], "x\n").await;
    assert!(!ok && err.contains("--to"));
}

#[tokio::test]
async fn reindex_rebuilds_the_search_index_from_the_database() {
    for (engine, url) in sc_storage::testing::database_urls().await {
        let store = sc_storage::Store::open(&url).await.unwrap();
        sc_demo_like_data(&store).await;
        let data = std::env::temp_dir().join(format!(
            "sc-reindex-{engine}-{}-{}",
            std::process::id(),
            sc_storage::now_ms()
        ));
        let data_arg = data.display().to_string();
        let (ok, out, err) = run(&["reindex", "--database", &url, "--data", &data_arg], "").await;
        assert!(ok, "[{engine}] {err}");
        assert!(
            out.starts_with("indexed 3 organisations and listings"),
            "{out}"
        );
        let index = sc_search::SearchIndex::open(&data.join("search")).unwrap();
        assert_eq!(index.num_docs(), 3);
        assert_eq!(
            index.applied_seq().unwrap(),
            Some(store.last_change_seq().await.unwrap()),
            "it records how far it got"
        );
    }
}

/// One organisation with one published and one draft listing, and a personal listing.
async fn sc_demo_like_data(store: &sc_storage::Store) {
    use sc_domain::listing::{ListingInput, Owner};
    let user = store
        .create_user(&sc_storage::NewUser {
            email: "r@example.com".into(),
            password_hash: "x".into(),
            display_name: "R".into(),
            preferred_language: sc_domain::Language::En,
            location: sc_domain::Location::HongKong,
            platform_role: sc_domain::person::PlatformRole::User,
        })
        .await
        .unwrap()
        .id;
    let org: sc_domain::organisation::OrganisationInput = serde_json::from_value(
        serde_json::json!({"kind": "company", "name": {"en": "R Ltd"}, "location": "HK"}),
    )
    .unwrap();
    let org = store.create_organisation(&org, user).await.unwrap().id;
    for (status, owner) in [
        ("published", Owner::Organisation(org)),
        ("draft", Owner::Organisation(org)),
        ("published", Owner::Person(user)),
    ] {
        let l: ListingInput = serde_json::from_value(serde_json::json!({"kind": "talent_profile", "title": {"en": "Analyst"}, "attributes": {"years_experience": 2}, "status": status})).unwrap();
        store.create_listing(owner, &l, user).await.unwrap();
    }
}

#[tokio::test]
async fn importing_exhibitors_is_all_or_nothing_and_repeatable() {
    for (engine, url) in sc_storage::testing::database_urls().await {
        let store = sc_storage::Store::open(&url).await.unwrap();
        let fair: sc_domain::fair::FairInput = serde_json::from_value(serde_json::json!({"name": {"en": "Import Fair"}, "starts_on": "2026-12-01", "ends_on": "2026-12-03", "online_until": "2027-01-01"})).unwrap();
        let fair = store.create_fair(&fair).await.unwrap().id.to_string();
        let dir = std::env::temp_dir().join(format!(
            "sc-import-{engine}-{}-{}",
            std::process::id(),
            sc_storage::now_ms()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        // As an older Hong Kong system writes it: Big5, headers in Traditional Chinese.
        let sheet = "參考編號,攤位,名稱（繁）,英文名稱,所在地,行業\n\
                     HK-001,1A-A01,華南電子有限公司,Huanan Electronics,香港,電子產品\n\
                     HK-002,1A-A02,明珠照明有限公司,Pearl Lighting,深圳,照明\n\
                     HK-003,1B-B01,海濱玩具有限公司,Seaside Toys,澳門,禮品及玩具\n";
        let (big5, _, _) = encoding_rs::BIG5.encode(sheet);
        let good = dir.join("exhibitors.csv");
        std::fs::write(&good, &big5).unwrap();
        let good_arg = good.display().to_string();
        let orgs = |store: sc_storage::Store| async move {
            store
                .list_organisations(
                    &Default::default(),
                    sc_storage::PageRequest::new(None, None),
                )
                .await
                .unwrap()
                .total
        };

        let (ok, out, err) = run(
            &[
                "import",
                "exhibitors",
                "--database",
                &url,
                &good_arg,
                "--fair",
                &fair,
                "--dry-run",
            ],
            "",
        )
        .await;
        assert!(ok, "[{engine}] {err}");
        assert!(
            out.contains("3 rows good, 0 problems (read as Big5)")
                && out.contains("nothing written"),
            "{out}"
        );
        assert_eq!(orgs(store.clone()).await, 0);

        let (ok, out, err) = run(
            &[
                "import",
                "exhibitors",
                "--database",
                &url,
                &good_arg,
                "--fair",
                &fair,
            ],
            "",
        )
        .await;
        assert!(ok, "[{engine}] {err}");
        assert!(
            out.contains("imported: 3 created, 0 updated, 2 halls created"),
            "{out}"
        );
        let booths = store
            .booths(Some(fair.parse().unwrap()), None)
            .await
            .unwrap();
        assert_eq!(
            booths
                .iter()
                .map(|b| b.booth.code.as_str())
                .collect::<Vec<_>>(),
            vec!["1A-A01", "1A-A02", "1B-B01"]
        );
        assert!(booths.iter().all(|b| b.booth.organisation_id.is_some()));

        let (ok, out, _) = run(
            &[
                "import",
                "exhibitors",
                "--database",
                &url,
                &good_arg,
                "--fair",
                &fair,
            ],
            "",
        )
        .await;
        assert!(
            ok && out.contains("imported: 0 created, 3 updated, 0 halls created"),
            "re-importing updates: {out}"
        );
        assert_eq!(orgs(store.clone()).await, 3, "never duplicates");

        let bad = dir.join("bad.csv");
        std::fs::write(&bad, "ref,booth,name_en,location\nN-1,2A-A01,New Co,HK\nN-2,2A-A02\nN-3,2A-A03,Third,Atlantis\n").unwrap();
        let (ok, out, err) = run(
            &[
                "import",
                "exhibitors",
                "--database",
                &url,
                &bad.display().to_string(),
                "--fair",
                &fair,
            ],
            "",
        )
        .await;
        assert!(!ok, "{out}");
        assert!(
            err.contains("line 3: expected 4 columns, found 2")
                && err.contains("line 4, column location"),
            "{err}"
        );
        assert!(err.contains("nothing imported"), "{err}");
        assert_eq!(
            orgs(store.clone()).await,
            3,
            "the good row of a bad file was not written either"
        );
    }
}

#[tokio::test]
async fn importing_products_checks_exhibitors_and_updates_on_reimport() {
    for (engine, url) in sc_storage::testing::database_urls().await {
        let store = sc_storage::Store::open(&url).await.unwrap();
        let fair: sc_domain::fair::FairInput = serde_json::from_value(serde_json::json!({"name": {"en": "Product Fair"}, "starts_on": "2026-12-01", "ends_on": "2026-12-03", "online_until": "2027-01-01"})).unwrap();
        let fair = store.create_fair(&fair).await.unwrap().id.to_string();
        let dir = std::env::temp_dir().join(format!(
            "sc-products-{engine}-{}-{}",
            std::process::id(),
            sc_storage::now_ms()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let ex = dir.join("exhibitors.csv");
        std::fs::write(
            &ex,
            "ref,booth,name_en,location\nE1,1A-A01,Lamp Co,HK\nE2,1A-A02,Cable Co,CN-GD-SZ\n",
        )
        .unwrap();
        let import = |kind: &'static str, file: std::path::PathBuf, dry: bool| {
            let url = url.clone();
            let fair = fair.clone();
            async move {
                let file = file.display().to_string();
                let mut args = vec!["import", kind, "--database", &url, &file, "--fair", &fair];
                if dry {
                    args.push("--dry-run");
                }
                run(&args, "").await
            }
        };
        let (ok, _, err) = import("exhibitors", ex, false).await;
        assert!(ok, "[{engine}] {err}");
        let products = |store: sc_storage::Store| async move {
            store
                .list_listings(
                    &Default::default(),
                    sc_storage::PageRequest::new(None, None),
                )
                .await
                .unwrap()
                .total
        };
        // As a Mainland system writes it: GB18030, Simplified headers, a formula in a cell.
        let sheet = "参展商编号,产品编号,产品名称,英文名称,HS编码,最低订购量,货币\n\
                     E1,P1,钨丝灯泡,Tungsten bulb,853929,500,CNY\n\
                     E2,P1,数据线,=HYPERLINK(\"http://evil\"),854442,1000,CNY\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(sheet);
        let good = dir.join("products.csv");
        std::fs::write(&good, &gb).unwrap();
        let (ok, out, err) = import("products", good.clone(), true).await;
        assert!(ok, "[{engine}] {err}");
        assert!(
            out.contains("read as gb18030") && out.contains("would import: 2 created"),
            "{out}"
        );
        assert_eq!(products(store.clone()).await, 0, "a dry run writes nothing");
        let (ok, out, err) = import("products", good.clone(), false).await;
        assert!(
            ok && out.contains("imported: 2 created, 0 updated"),
            "[{engine}] {out} {err}"
        );
        // Codes are indexed for filters, and later listings get fresh ids.
        let by_code = store
            .list_listings(
                &sc_storage::ListingFilter {
                    code_prefix: Some("8539".into()),
                    ..Default::default()
                },
                sc_storage::PageRequest::new(None, None),
            )
            .await
            .unwrap();
        assert_eq!(by_code.total, 1);
        assert_eq!(by_code.items[0].title.zh_hans.as_deref(), Some("钨丝灯泡"));
        let (ok, out, _) = import("products", good.clone(), false).await;
        assert!(
            ok && out.contains("imported: 0 created, 2 updated"),
            "{out}"
        );
        assert_eq!(products(store.clone()).await, 2, "never duplicates");
        // A changed row changes the product.
        let changed = dir.join("changed.csv");
        std::fs::write(
            &changed,
            "exhibitor,reference,name_en,hs\nE1,P1,Tungsten bulb 40W,853929\n",
        )
        .unwrap();
        let (ok, out, _) = import("products", changed, false).await;
        assert!(ok && out.contains("0 created, 1 updated"), "{out}");
        let renamed = store
            .list_listings(
                &sc_storage::ListingFilter {
                    code_prefix: Some("8539".into()),
                    ..Default::default()
                },
                sc_storage::PageRequest::new(None, None),
            )
            .await
            .unwrap();
        assert_eq!(
            renamed.items[0].title.en.as_deref(),
            Some("Tungsten bulb 40W")
        );
        assert_eq!(
            renamed.items[0].title.zh_hans, None,
            "the sheet is the whole truth for a row"
        );

        // A product of an exhibitor never imported: the whole file is refused, by line.
        let bad = dir.join("bad.csv");
        std::fs::write(
            &bad,
            "exhibitor,reference,name_en\nE1,P9,Good\nE9,P1,Orphan\n",
        )
        .unwrap();
        let (ok, _, err) = import("products", bad.clone(), true).await;
        assert!(
            !ok && err.contains("line 3: \"E9\""),
            "the dry run finds it too: {err}"
        );
        let (ok, _, err) = import("products", bad, false).await;
        assert!(!ok && err.contains("nothing imported"), "{err}");
        assert_eq!(products(store.clone()).await, 2);
    }
}

#[tokio::test]
async fn a_one_gigabyte_sheet_is_refused_before_it_is_read() {
    let (_, url) = sc_storage::testing::database_urls().await.remove(0);
    let dir = std::env::temp_dir().join(format!(
        "sc-huge-{}-{}",
        std::process::id(),
        sc_storage::now_ms()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let huge = dir.join("huge.csv");
    // Sparse: a 1 GiB file that takes no disk.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    for kind in ["exhibitors", "products"] {
        let (ok, _, err) = run(
            &[
                "import",
                kind,
                "--database",
                &url,
                &huge.display().to_string(),
                "--fair",
                "1",
            ],
            "",
        )
        .await;
        assert!(!ok);
        assert!(err.contains("is larger than 200 MB; split it"), "{err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The demo fair's history, read back from the database as an interaction log: every buyer who
/// did something (with their profile), every exhibitor with a booth (with its wishes), every
/// scan and bookmark; and `match evaluate`
/// measures the engine on it (a one-sided log: the demo's exhibitors never follow up).
#[tokio::test]
async fn a_fairs_history_exports_as_an_interaction_log_the_evaluation_reads() {
    for (engine, url) in sc_storage::testing::database_urls().await {
        let tmp = std::env::temp_dir().join(format!(
            "sc-match-log-{engine}-{}-{}",
            std::process::id(),
            sc_storage::now_ms()
        ));
        let data = tmp.join("data").display().to_string();
        let (ok, summary, err) = run(&["demo", "--database", &url, "--data", &data], "").await;
        assert!(ok, "[{engine}] {err}");
        // "… 500 buyers, 2345 booth scans (demo password: …)"
        let scans: usize = summary
            .split(" booth scans")
            .next()
            .and_then(|head| head.rsplit(", ").next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no scan count in {summary:?}"));
        let out_dir = tmp.join("log");
        let out_arg = out_dir.display().to_string();
        let (ok, out, err) = run(
            &[
                "match",
                "export-log",
                "--database",
                &url,
                "--fair",
                sc_demo::DEMO_SLUG,
                "--out",
                &out_arg,
            ],
            "",
        )
        .await;
        assert!(ok, "[{engine}] {err}");
        assert!(
            out.contains(&format!("{scans} scans")),
            "[{engine}] {out} against {summary}"
        );
        let read = |f: &str| std::fs::read(out_dir.join(f)).unwrap();
        let (features, kinds, entities, events) = (
            read("features.csv"),
            read("kinds.csv"),
            read("entities.csv"),
            read("events.csv"),
        );
        let log = sc_match::log::Log::parse(sc_match::log::Files {
            features: &features,
            kinds: &kinds,
            entities: &entities,
            events: &events,
        })
        .unwrap_or_else(|p| panic!("[{engine}] {p:#?}"));
        let count = |side: sc_match::Side| log.entities.iter().filter(|e| e.side == side).count();
        assert_eq!(count(sc_match::Side::B), sc_demo::EXHIBITORS, "[{engine}]");
        assert!(count(sc_match::Side::A) > 100, "[{engine}]");
        let kind = |k: &str| log.events.iter().filter(|e| e.kind == k).count();
        assert_eq!(kind("scan"), scans, "[{engine}]");
        assert!(kind("bookmark") > 0 && kind("contact") > 0, "[{engine}]");
        // Exhibitors' texts are in the log in the languages they were written in.
        let text = String::from_utf8(entities).unwrap();
        assert!(
            text.contains("充電器") || text.contains("充电器"),
            "[{engine}]"
        );
        // Buyers' profiles and exhibitors' wishes travel with them, compared as on the platform.
        assert!(
            out.contains("with a profile") && out.contains("with wishes"),
            "{out}"
        );
        let features = String::from_utf8(features).unwrap();
        for f in sc_app::people_spec().features {
            assert!(
                features.contains(&format!(",{},", f.name)),
                "{} in {features}",
                f.name
            );
        }
        let has = |side: sc_match::Side, field: &str| {
            log.entities.iter().any(|e| {
                e.side == side
                    && e.fields.iter().any(|(name, v)| {
                        name == field && !matches!(v, sc_match::Value::Set(s) if s.is_empty())
                    })
            })
        };
        assert!(
            has(sc_match::Side::A, "sources"),
            "[{engine}] buyers' words"
        );
        assert!(has(sc_match::Side::A, "order"), "[{engine}] order sizes");
        assert!(has(sc_match::Side::B, "wants_types"), "[{engine}] wishes");
        let (ok, table, err) = run(&["match", "evaluate", &out_arg], "").await;
        assert!(ok, "[{engine}] {err}");
        assert!(
            table.contains("| ours |") && table.contains("| popularity |"),
            "[{engine}] {table}"
        );
        let _ = std::fs::remove_dir_all(&tmp);
    }
}

#[tokio::test]
async fn recompute_matches_ranks_everyone_spreading_exposure_and_writes_the_lists() {
    for (engine, url) in sc_storage::testing::database_urls().await {
        let tmp = std::env::temp_dir().join(format!(
            "sc-recompute-{engine}-{}-{}",
            std::process::id(),
            sc_storage::now_ms()
        ));
        let data = tmp.join("data").display().to_string();
        let (ok, _, err) = run(&["demo", "--database", &url, "--data", &data], "").await;
        assert!(ok, "[{engine}] {err}");
        let csv_path = tmp.join("lists.csv");
        let out_arg = csv_path.display().to_string();
        let (ok, out, err) = run(
            &[
                "recompute-matches",
                "--database",
                &url,
                "--data",
                &data,
                "--k",
                "5",
                "--out",
                &out_arg,
            ],
            "",
        )
        .await;
        assert!(ok, "[{engine}] {err}");
        // "ranked N people against M organisations (… matches, top 5) …; C organisations in at
        // least one list, exposure Gini G"
        let number_after = |s: &str, before: &str| -> f64 {
            s.split(before)
                .next()
                .unwrap()
                .rsplit(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        let people = number_after(&out, " people against");
        let orgs = number_after(&out, " organisations (");
        let covered = number_after(&out, " organisations in at least one list");
        let gini: f64 = out.rsplit(' ').next().unwrap().trim().parse().unwrap();
        assert!(people > 100.0 && orgs > 50.0, "[{engine}] {out}");
        // Capacity-aware: most exhibitors are in someone's list, exposure far from one winner.
        assert!(covered / orgs > 0.5, "[{engine}] {out}");
        assert!(gini < 0.6, "[{engine}] {out}");
        let text = std::fs::read_to_string(&csv_path).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("person_id,rank,organisation_id,score"));
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        assert!(
            rows.len() as f64 > people * 4.0,
            "[{engine}] {} rows",
            rows.len()
        );
        // Each person's list is ranked 1..=k with no exhibitor twice.
        let mut by_person: std::collections::BTreeMap<&str, Vec<(&str, &str)>> = Default::default();
        for r in &rows {
            by_person.entry(r[0]).or_default().push((r[1], r[2]));
        }
        for (p, list) in by_person {
            let ranks: Vec<&str> = list.iter().map(|x| x.0).collect();
            let want: Vec<String> = (1..=list.len()).map(|i| i.to_string()).collect();
            assert_eq!(ranks, want, "[{engine}] person {p}");
            let mut orgs: Vec<&str> = list.iter().map(|x| x.1).collect();
            orgs.sort();
            orgs.dedup();
            assert_eq!(orgs.len(), list.len(), "[{engine}] person {p}");
        }
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
