//! `superconnector bench recompute`: `recompute-matches` over a database of a fair's crowd.
//! Writes the crowd (`sc_demo::crowd`: buyers with profiles, exhibitors with products and
//! wishes, a history of views and "more like this") into an embedded database, then runs the
//! very code of `recompute-matches` (engines rebuilt from the database, every buyer ranked with
//! the exposure discount) `runs` times, with the memory it takes. The baseline in the same run
//! is the brute force: every organisation's exact score for a sample of buyers, on one thread,
//! extrapolated to everyone.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use sc_demo::crowd::{Crowd, load};
use sc_storage::Store;

pub struct Options {
    pub crowd: Crowd,
    pub dir: PathBuf,
    pub reuse: bool,
    pub runs: usize,
    pub threads: usize,
    pub brute: usize,
}

fn status(key: &str) -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub async fn run(o: Options) -> Result<()> {
    let c = o.crowd;
    let dir = o.dir.join(format!(
        "crowd-{}-{}-{}",
        c.buyers, c.exhibitors, c.products_per_exhibitor
    ));
    let fresh = !o.reuse || !dir.join("superconnector.db").exists();
    if fresh && dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("cannot empty {}", dir.display()))?;
    }
    let url =
        Store::sqlite_url_in(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let store = Store::open(&url).await?;
    let pb = ProgressBar::new(0);
    pb.set_style(
        ProgressStyle::with_template("{msg:16} [{bar:30}] {pos}/{len} {elapsed}")
            .expect("template")
            .progress_chars("=> "),
    );
    let progress = |what: &str, done: u64, total: u64| {
        pb.set_message(what.to_string());
        pb.set_length(total);
        pb.set_position(done);
    };
    if fresh {
        let t = Instant::now();
        let w = load(&store, c, 7, &progress).await?;
        pb.finish_and_clear();
        eprintln!(
            "wrote {} buyers, {} exhibitors, {} products, {} events in {:.1} s to {}",
            w.buyers,
            w.exhibitors,
            w.products,
            w.events,
            t.elapsed().as_secs_f64(),
            dir.display()
        );
    }
    let search = std::sync::Arc::new(sc_search::SearchIndex::open(&dir.join("search"))?);
    let app = sc_app::App::new(store.clone(), search);
    let rss_before = status("VmRSS:").unwrap_or(f64::NAN);
    println!(
        "| buyers / exhibitors / products | run | build from the database (s) | rank everyone (s) | buyers/s | brute force, extrapolated (s) | fast / brute | fast top 20 in brute top 20 | RSS after / peak (MiB) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for run in 1..=o.runs {
        let t = Instant::now();
        let r = app.recompute_matches(20, o.threads, &progress).await?;
        pb.finish_and_clear();
        let total = t.elapsed().as_secs_f64();
        let build = total - r.seconds;
        let (n, brute, same) = app.brute_force_sample(o.brute, 20)?;
        let people = r.report.people as f64;
        let brute_all = brute / n.max(1) as f64 * people / o.threads.max(1) as f64;
        println!(
            "| {} / {} / {} | {run} | {build:.1} | {:.1} | {:.0} | {brute_all:.0} | {:.3} | {:.1} % | {:.0} / {:.0} |",
            r.report.people,
            r.report.organisations,
            c.exhibitors * c.products_per_exhibitor,
            r.seconds,
            people / r.seconds,
            r.seconds / brute_all,
            same * 100.0,
            status("VmRSS:").unwrap_or(f64::NAN),
            status("VmHWM:").unwrap_or(f64::NAN),
        );
    }
    eprintln!(
        "RSS before the first build {rss_before:.0} MiB; the brute force ranks {} buyers on one thread, scaled to everyone on {} threads",
        o.brute, o.threads
    );
    store.close().await;
    Ok(())
}
