//! Every write the server acknowledged is still there after the process is killed with
//! SIGKILL in the middle of writing.

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::harness::{Server, org_body, product_body};

/// Starts the real binary on a free port; returns the process and its base URL.
async fn start(database: &str) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_superconnector"))
        .args(["serve", "--database", database, "--listen", "127.0.0.1:0"])
        .env("SC_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
        .await
        .expect("server announces its address in time")
        .unwrap()
        .unwrap();
    let base = line
        .strip_prefix("listening on ")
        .expect("first line names the address")
        .to_string();
    (child, base)
}

#[tokio::test]
async fn acknowledged_writes_survive_kill_9() {
    for (engine, url) in sc_storage::testing::database_urls().await {
        let (mut child, base) = start(&url).await;
        let store = sc_storage::Store::connect(&url).await.unwrap();
        let s = Server {
            search: None,
            base: base.clone(),
            store: store.clone(),
            engine,
        };
        let (_, token) = s.register("writer@example.com", "HK", "en").await;
        let org = s
            .post("/api/v1/organisations", Some(&token), org_body("Durable"))
            .await
            .json()["id"]
            .as_i64()
            .unwrap();

        let acked = Arc::new(Mutex::new(Vec::<i64>::new()));
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut writers = vec![];
        for w in 0..8 {
            let (acked, token, base) = (acked.clone(), token.clone(), base.clone());
            writers.push(tokio::spawn(async move {
                let c = reqwest::Client::new();
                for i in 0.. {
                    if Instant::now() > deadline {
                        break;
                    }
                    let r = c
                        .post(format!("{base}/api/v1/listings"))
                        .bearer_auth(&token)
                        .json(&product_body(
                            Some(org),
                            &format!("w{w} item {i}"),
                            "published",
                        ))
                        .send()
                        .await;
                    match r {
                        Ok(r) if r.status() == StatusCode::CREATED => {
                            let id = r
                                .json::<serde_json::Value>()
                                .await
                                .map(|v| v["id"].as_i64().unwrap());
                            // A reply cut off by the kill is not an acknowledgement.
                            if let Ok(id) = id {
                                acked.lock().unwrap().push(id);
                            }
                        }
                        _ => break,
                    }
                }
            }));
        }
        // Let writes pile up, then kill mid-stream.
        while acked.lock().unwrap().len() < 300 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        child.start_kill().unwrap();
        child.wait().await.unwrap();
        for w in writers {
            w.await.unwrap();
        }
        let acked = acked.lock().unwrap().clone();
        assert!(
            acked.len() >= 300,
            "[{engine}] only {} writes were acknowledged before the deadline",
            acked.len()
        );

        let (_child, base) = start(&url).await;
        let s = Server {
            search: None,
            base,
            store,
            engine,
        };
        let mut missing = vec![];
        for id in &acked {
            if s.get(&format!("/api/v1/listings/{id}"), None).await.status != StatusCode::OK {
                missing.push(*id);
            }
        }
        assert!(
            missing.is_empty(),
            "[{engine}] {} of {} acknowledged writes lost after kill -9: {:?}",
            missing.len(),
            acked.len(),
            &missing[..missing.len().min(10)]
        );
        let total = s
            .get(
                &format!("/api/v1/listings?organisation={org}&per_page=1"),
                None,
            )
            .await
            .json()["total"]
            .as_i64()
            .unwrap();
        assert!(total as usize >= acked.len());
    }
}
