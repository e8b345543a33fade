//! `superconnector bench import`: the organiser's bulk onboarding at fair scale. Writes an
//! exhibitor sheet and a product sheet (deterministic, mixed languages, as organisers send
//! them), then times the same code `superconnector import` runs: reading and checking each
//! sheet, then the all-or-nothing write; and a second product import (every row an update).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use sc_storage::Store;

pub struct Options {
    pub exhibitors: usize,
    pub products: usize,
    pub dir: PathBuf,
    pub database: Option<String>,
}

const HALLS: [&str; 10] = ["1A", "1B", "1C", "1D", "1E", "3A", "3B", "3C", "5A", "5B"];
const PLACES: [&str; 8] = [
    "香港",
    "深圳",
    "廣州",
    "東莞",
    "佛山",
    "澳門",
    "Singapore",
    "Germany",
];

/// CSV field quoting for generated text (commas and quotes in names).
fn q(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_sheets(o: &Options) -> Result<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(&o.dir)?;
    let ex_path = o.dir.join("bench-exhibitors.csv");
    let pr_path = o.dir.join("bench-products.csv");
    let mut ex = String::from("\u{FEFF}參考編號,展館,攤位,名稱（繁）,英文名稱,所在地,行業\n");
    for i in 0..o.exhibitors {
        let (l, t) = sc_demo::catalogue::listing(i as u64, 7);
        let sector = sc_demo::catalogue::product_types()[t].0;
        let hall = HALLS[i % HALLS.len()];
        let zh = l
            .title
            .zh_hant
            .clone()
            .or(l.title.zh_hans.clone())
            .unwrap_or_default();
        let en = l
            .title
            .en
            .clone()
            .unwrap_or_else(|| format!("Exhibitor {i}"));
        ex.push_str(&format!(
            "EX{i:05},{hall},{hall}-{i:05},{},{},{},{sector}\n",
            q(&format!("{zh}有限公司")),
            q(&format!("{en} Ltd")),
            PLACES[i % PLACES.len()]
        ));
    }
    std::fs::write(&ex_path, ex)?;
    let per = o.products.div_ceil(o.exhibitors.max(1));
    let mut pr = String::with_capacity(o.products * 160);
    pr.push_str("\u{FEFF}exhibitor,reference,name_zh_hant,name_zh_hans,name_en,description_en,hs,moq,unit_price,currency\n");
    for n in 0..o.products {
        let (l, _) = sc_demo::catalogue::listing(n as u64, 11);
        let ex = n / per;
        let t = &l.title;
        pr.push_str(&format!(
            "EX{ex:05},P{:04},{},{},{},{},{},{},{}.{:02},HKD\n",
            n % per,
            q(t.zh_hant.as_deref().unwrap_or("")),
            q(t.zh_hans.as_deref().unwrap_or("")),
            q(t.en.as_deref().unwrap_or("")),
            q(l.description.en.as_deref().unwrap_or("")),
            l.codes[0],
            [50, 100, 500, 1000][n % 4],
            1 + n % 500,
            n % 100
        ));
    }
    std::fs::write(&pr_path, pr)?;
    Ok((ex_path, pr_path))
}

pub async fn run(o: Options) -> Result<()> {
    let started = Instant::now();
    let (ex_path, pr_path) = write_sheets(&o)?;
    let size = |p: &PathBuf| {
        std::fs::metadata(p)
            .map(|m| m.len() as f64 / 1e6)
            .unwrap_or(0.0)
    };
    println!(
        "sheets: {} exhibitors ({:.1} MB), {} products ({:.1} MB), written in {:.1} s",
        o.exhibitors,
        size(&ex_path),
        o.products,
        size(&pr_path),
        started.elapsed().as_secs_f64()
    );
    let url = match &o.database {
        Some(u) => u.clone(),
        None => {
            let db = o.dir.join("bench-import-db");
            let _ = std::fs::remove_dir_all(&db);
            Store::sqlite_url_in(&db)?
        }
    };
    let store = Store::open(&url).await.context("opening the database")?;
    let fair = sc_domain::fair::FairInput {
        name: sc_domain::LocalizedText::new("匯入基準展", "导入基准展", "Import benchmark fair"),
        venue: Default::default(),
        starts_on: "2026-12-01".into(),
        ends_on: "2026-12-04".into(),
        online_until: "2027-01-31".into(),
        time_zone: "Asia/Hong_Kong".into(),
    };
    let fair = store.create_fair(&fair).await?.id.to_string();
    let mut rows = Vec::new();
    for (what, path) in [
        ("exhibitors", &ex_path),
        ("products", &pr_path),
        ("products again (updates)", &pr_path),
    ] {
        let t = Instant::now();
        if what == "exhibitors" {
            crate::import::exhibitors(&store, path, &fair, false).await?;
        } else {
            crate::import::products(&store, path, &fair, false).await?;
        }
        let secs = t.elapsed().as_secs_f64();
        rows.push((what, secs));
    }
    println!();
    println!(
        "engine: {}",
        if url.starts_with("sqlite") {
            "SQLite"
        } else {
            "PostgreSQL"
        }
    );
    println!("| step | seconds | rows/s |");
    println!("|---|---|---|");
    let n = [o.exhibitors, o.products, o.products];
    for ((what, secs), n) in rows.iter().zip(n) {
        println!("| import {what} | {secs:.1} | {:.0} |", n as f64 / secs);
    }
    println!(
        "| exhibitors + products (first import) | {:.1} | |",
        rows[0].1 + rows[1].1
    );
    store.close().await;
    Ok(())
}
