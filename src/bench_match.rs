//! `superconnector bench match`: matching at fair scale. For each size, a synthetic fair whose
//! B side is the exhibitors' products (each carrying its exhibitor's wishes) is generated,
//! the engine is trained on the first events and replays the rest, then it times (1) one
//! buyer's top 20 through the inverted lists, beside a brute-force scan of the same scores
//! over every product in the same run (with how many of the brute-force top 20 the fast path
//! finds), and (2) the batch recompute for every buyer on all cores, with the peak memory.

use std::time::Instant;

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use sc_demo::matchlog::{Shape, generate};
use sc_match::log::{Files, Log};
use sc_match::{Engine, EntityId, Exposure, Options as EngineOptions, Side};

pub struct Options {
    /// (products, exhibitors, buyers) per size.
    pub sizes: Vec<(usize, usize, usize)>,
    pub queries: usize,
    pub brute: usize,
    pub train_events: usize,
    pub threads: usize,
}

const K: usize = 20;

fn bar(len: u64, msg: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg:34} [{bar:30}] {pos}/{len} {elapsed}")
            .expect("template")
            .progress_chars("=> "),
    );
    pb.set_message(msg.to_string());
    pb
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Peak resident memory of this process so far, in MiB (Linux).
fn peak_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn current_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(o: Options) -> Result<()> {
    if o.sizes.is_empty() {
        bail!("no sizes");
    }
    let mut lines = vec![
        "| products | exhibitors | buyers | events | top-20 fast p50 / p99 (ms) | brute force p50 / p99 (ms) | fast finds of brute top 20 (ids / score) | recompute all buyers (s) | buyers/s | RSS after load / peak (MiB) |".to_string(),
        "|---|---|---|---|---|---|---|---|---|---|".to_string(),
    ];
    for &(products, exhibitors, buyers) in &o.sizes {
        let per = products.div_ceil(exhibitors.max(1));
        let t = Instant::now();
        let log = generate(
            Shape {
                buyers,
                exhibitors,
                products_per_exhibitor: per,
                truth: false,
            },
            7,
        );
        eprintln!(
            "generated {} products of {exhibitors} exhibitors, {buyers} buyers, {} events in {:.1} s",
            exhibitors * per,
            log.events.lines().count() - 1,
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let parsed = Log::parse(Files {
            features: log.features.as_bytes(),
            kinds: log.kinds.as_bytes(),
            entities: log.entities.as_bytes(),
            events: log.events.as_bytes(),
        })
        .map_err(|p| anyhow::anyhow!("generated log has problems: {}", p[0]))?;
        drop(log);
        let (pool, mut events) = parsed.build();
        events.sort_by_key(|e| e.time);
        eprintln!("parsed and weighed in {:.1} s", t.elapsed().as_secs_f64());
        let mut engine = Engine::new(pool, parsed.spec.clone(), EngineOptions::default());
        drop(parsed);
        let t = Instant::now();
        let n_train = o.train_events.min(events.len());
        engine.train(&events[..n_train], 2026);
        for e in &events[n_train..] {
            engine.record(e);
        }
        engine.build_retrieval();
        eprintln!(
            "trained on {n_train} events, replayed {}, built the lists in {:.1} s",
            events.len() - n_train,
            t.elapsed().as_secs_f64()
        );
        let rss = current_mib();

        // One buyer at a time.
        let n_buyers = engine.pool.len(Side::A);
        let step = (n_buyers / o.queries.max(1)).max(1);
        let viewers: Vec<EntityId> = (0..n_buyers as EntityId)
            .step_by(step)
            .take(o.queries)
            .collect();
        let mut fast = Vec::new();
        let pb = bar(viewers.len() as u64, "top 20, fast path");
        for &v in &viewers {
            let t = Instant::now();
            let m = engine.recommend_fast(Side::A, v, K, None);
            fast.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(m);
            pb.inc(1);
        }
        pb.finish_and_clear();
        let mut brute = Vec::new();
        let mut found = 0usize;
        let mut wanted = 0usize;
        let (mut got, mut best) = (0.0f64, 0.0f64);
        let pb = bar(o.brute.min(viewers.len()) as u64, "top 20, brute force");
        for &v in viewers.iter().take(o.brute) {
            let t = Instant::now();
            let all = engine.candidates(Side::A, v);
            let b = engine.recommend(Side::A, v, &all, K, None);
            brute.push(t.elapsed().as_secs_f64() * 1000.0);
            let fm = engine.recommend_fast(Side::A, v, K, None);
            let f: Vec<EntityId> = fm.iter().map(|m| m.candidate).collect();
            found += b.iter().filter(|m| f.contains(&m.candidate)).count();
            wanted += b.len();
            // Many products tie (same exhibitor, same signals): the score the fast path's list
            // reaches against the brute-force list's says more than the ids.
            got += fm.iter().map(|m| m.score).sum::<f64>();
            best += b.iter().map(|m| m.score).sum::<f64>();
            pb.inc(1);
        }
        pb.finish_and_clear();
        fast.sort_by(f64::total_cmp);
        brute.sort_by(f64::total_cmp);

        // Every buyer, on all cores, with the exposure discount per shard.
        let threads = o.threads.max(1);
        let pb = bar(n_buyers as u64, "recompute every buyer");
        let t = Instant::now();
        let n_cands = engine.pool.len(Side::B);
        let total: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|shard| {
                    let engine = &engine;
                    let pb = pb.clone();
                    s.spawn(move || {
                        let mine: Vec<EntityId> = (0..n_buyers as EntityId)
                            .filter(|v| *v as usize % threads == shard)
                            .collect();
                        let mut exposure = Exposure::new(n_cands, mine.len(), K);
                        let mut n = 0;
                        for (i, v) in mine.iter().enumerate() {
                            n += engine
                                .recommend_fast(Side::A, *v, K, Some(&mut exposure))
                                .len();
                            if i % 256 == 255 {
                                pb.inc(256);
                            }
                        }
                        n
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a shard panicked"))
                .sum()
        });
        let secs = t.elapsed().as_secs_f64();
        pb.finish_and_clear();
        eprintln!(
            "recomputed {n_buyers} buyers ({total} matches) in {secs:.1} s on {threads} threads"
        );
        let f = |x: Option<f64>| x.map_or("?".into(), |x| format!("{x:.0}"));
        lines.push(format!(
            "| {} | {exhibitors} | {n_buyers} | {} | {:.2} / {:.2} | {:.1} / {:.1} | {:.1} % / {:.1} % | {secs:.1} | {:.0} | {} / {} |",
            n_cands,
            events.len(),
            percentile(&fast, 0.5),
            percentile(&fast, 0.99),
            percentile(&brute, 0.5),
            percentile(&brute, 0.99),
            100.0 * found as f64 / wanted.max(1) as f64,
            100.0 * got / best.max(f64::MIN_POSITIVE),
            n_buyers as f64 / secs,
            f(rss),
            f(peak_mib()),
        ));
    }
    println!("{}", lines.join("\n"));
    Ok(())
}
