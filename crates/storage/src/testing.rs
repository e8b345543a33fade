//! Databases for tests: a fresh SQLite file, and a fresh PostgreSQL database when the test
//! environment provides a server. The README's test command always provides one and sets
//! `SC_REQUIRE_POSTGRES=1`, so there a missing server fails the run instead of skipping.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::Store;

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_name(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}_{}_{}_{n}", std::process::id(), crate::now_ms())
}

/// A URL for an empty SQLite database in a fresh temporary directory (never deleted while the
/// process runs, so a test can reopen it).
pub fn sqlite_url() -> String {
    let dir = std::env::temp_dir().join(unique_name("sc_test"));
    Store::sqlite_url_in(&dir).expect("temporary directory is writable")
}

/// A URL for an empty PostgreSQL database, created on the server named by
/// `SC_TEST_POSTGRES_URL`; `None` when no server is configured and none is required.
pub async fn postgres_url() -> Option<String> {
    let Ok(admin_url) = std::env::var("SC_TEST_POSTGRES_URL") else {
        if std::env::var("SC_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
            panic!(
                "SC_REQUIRE_POSTGRES=1 but SC_TEST_POSTGRES_URL is not set: PostgreSQL tests cannot be skipped here"
            );
        }
        eprintln!(
            "note: SC_TEST_POSTGRES_URL not set; PostgreSQL half of this test not run (scripts/test always runs it)"
        );
        return None;
    };
    let name = unique_name("sc_test");
    let admin = Store::connect(&admin_url)
        .await
        .expect("connect to SC_TEST_POSTGRES_URL");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(admin.pool())
        .await
        .expect("create test database");
    admin.close().await;
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin_url);
    Some(format!("{base}/{name}"))
}

/// URLs of fresh databases on every engine the environment has: SQLite always, PostgreSQL when
/// configured (and then required).
pub async fn database_urls() -> Vec<(&'static str, String)> {
    let mut urls = vec![("sqlite", sqlite_url())];
    if let Some(pg) = postgres_url().await {
        urls.push(("postgres", pg));
    }
    urls
}
