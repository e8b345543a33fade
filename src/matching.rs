//! `superconnector match …`: evaluate matching on an interaction log, write the synthetic fair's
//! log. The engine and the metrics are in `sc-match`; this is the files and the terminal.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use sc_match::eval::{self, Config, Ours, Popularity, Random, Row, Scorer, Task};
use sc_match::log::{Files, Log};
use sc_match::{Engine, Options, Side};

fn read(dir: &Path, name: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(dir.join(name)).with_context(|| format!("reading {}", dir.join(name).display()))
}

/// Reads and checks a log directory, printing every problem.
pub fn load(dir: &Path) -> anyhow::Result<Log> {
    let (features, kinds, entities, events) = (
        read(dir, "features.csv")?,
        read(dir, "kinds.csv")?,
        read(dir, "entities.csv")?,
        read(dir, "events.csv")?,
    );
    match Log::parse(Files {
        features: &features,
        kinds: &kinds,
        entities: &entities,
        events: &events,
    }) {
        Ok(log) => Ok(log),
        Err(problems) => {
            for p in &problems {
                eprintln!("{}: {p}", dir.display());
            }
            bail!(
                "{} problem(s) in the log; nothing evaluated",
                problems.len()
            )
        }
    }
}

fn bar(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg:28} [{bar:30}] {pos}/{len} {elapsed}")
            .expect("template")
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}

pub struct EvaluateArgs {
    pub dir: PathBuf,
    pub train_share: f64,
    pub k: usize,
    pub export: Option<PathBuf>,
    pub external: Vec<String>,
    pub seed: u64,
    /// Known preferences to judge by as well (`truth.csv` of the synthetic fair).
    pub truth: Option<PathBuf>,
}

/// Splits the log by time, trains every system on the past and measures it on the future;
/// prints a Markdown table.
pub fn evaluate(a: EvaluateArgs) -> anyhow::Result<()> {
    if !(a.train_share > 0.0 && a.train_share < 1.0) {
        bail!("--train-share must lie between 0 and 1");
    }
    let log = load(&a.dir)?;
    let config = Config {
        train_share: a.train_share,
        k: a.k,
        seed: a.seed,
    };
    let (pool, events) = log.build();
    eprintln!(
        "{}: {} entities of side a, {} of side b, {} events",
        a.dir.display(),
        pool.len(Side::A),
        pool.len(Side::B),
        events.len()
    );
    // The task takes the candidates' groups from an engine that has seen nothing; popularity
    // then counts what the training period shows.
    let mut base = Engine::new(log.build().0, log.spec.clone(), Options::default());
    let task = Task::new(&base, &events, &config);
    for e in &task.train {
        base.record(e);
    }
    eprintln!(
        "split at time {}: {} events to learn from, {} to predict; viewers with a future success: {} (a), {} (b)",
        task.at,
        task.train.len(),
        task.test.len(),
        task.viewers[0].len(),
        task.viewers[1].len()
    );
    if let Some(dir) = &a.export {
        std::fs::create_dir_all(dir)?;
        for (name, text) in eval::export(&log, &pool, &task) {
            std::fs::write(dir.join(name), text)?;
        }
        eprintln!("wrote the split for external systems to {}", dir.display());
    }

    let mut systems: Vec<Box<dyn Scorer>> = vec![
        Box::new(Random(config.seed)),
        Box::new(Popularity {
            engine: &base,
            seed: config.seed,
        }),
    ];
    let variants = [
        (
            "content only",
            Options {
                behaviour: false,
                ..Options::default()
            },
        ),
        (
            "one-sided",
            Options {
                reciprocal: false,
                ..Options::default()
            },
        ),
        (
            "ours, no capacity",
            Options {
                capacity: 0.0,
                ..Options::default()
            },
        ),
        ("ours", Options::default()),
    ];
    for (name, options) in variants {
        let pb = bar(1, &format!("training {name}"));
        let ours = Ours::train(name, &log, options, &task, config.seed);
        pb.finish_and_clear();
        for side in [Side::A, Side::B] {
            if let Some(m) = ours.engine.model(side) {
                eprintln!(
                    "{name}: side {} model from {} examples ({} positive); weights: {}",
                    side.code(),
                    m.examples.1,
                    m.examples.0,
                    m.names
                        .iter()
                        .zip(&m.weights)
                        .filter(|(_, w)| w.abs() > 0.05)
                        .map(|(n, w)| format!("{n} {w:+.2}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
        systems.push(Box::new(ours));
    }
    for spec in &a.external {
        let Some((name, file)) = spec.split_once('=') else {
            bail!("--external takes NAME=FILE, not {spec:?}");
        };
        let bytes = std::fs::read(file).with_context(|| format!("reading {file}"))?;
        let ext =
            eval::read_scores(name, &bytes, &pool).map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
        systems.push(Box::new(ext));
    }

    let judged = match &a.truth {
        Some(file) => {
            let bytes =
                std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
            let truth = eval::read_truth(&bytes, &pool)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            Some(task.judged_by(&truth))
        }
        None => None,
    };
    let mut tables = vec![("judged by the future events", &task)];
    if let Some(j) = &judged {
        tables.push(("judged by the hidden preferences", j));
    }
    for (title, task) in tables {
        let mut rows: Vec<Row> = Vec::new();
        for side in [Side::A, Side::B] {
            let n = task.viewers[side.ix()].len() as u64;
            if n == 0 {
                continue;
            }
            for s in systems.iter_mut() {
                let pb = bar(n, &format!("{} (side {})", s.name(), side.code()));
                if let Some(row) =
                    eval::measure(s.as_mut(), task, &pool, side, config.k, &mut |d, _| {
                        pb.set_position(d as u64)
                    })
                {
                    rows.push(row);
                }
                pb.finish_and_clear();
            }
        }
        println!(
            "{}, k = {}:\n\n{}",
            title,
            config.k,
            eval::table(&rows, config.k)
        );
    }
    Ok(())
}

/// Writes the synthetic fair's log into `out`.
pub fn synthetic(out: &Path, buyers: usize, exhibitors: usize, seed: u64) -> anyhow::Result<()> {
    let log = sc_demo::matchlog::synthetic(buyers, exhibitors, seed);
    std::fs::create_dir_all(out)?;
    for (name, text) in [
        ("features.csv", &log.features),
        ("kinds.csv", &log.kinds),
        ("entities.csv", &log.entities),
        ("events.csv", &log.events),
        ("truth.csv", &log.truth),
    ] {
        std::fs::write(out.join(name), text)?;
    }
    eprintln!(
        "wrote a synthetic fair of {buyers} buyers and {exhibitors} exhibitors ({} events) to {}",
        log.events.lines().count() - 1,
        out.display()
    );
    Ok(())
}

fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn texts(t: &sc_domain::LocalizedText) -> impl Iterator<Item = &str> {
    [&t.zh_hant, &t.zh_hans, &t.en]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// Writes a fair's history from the database as an interaction log (docs/MATCHING.md):
/// buyers who did anything there (side a: where they are, their language, and their buyer
/// profile: what they source in words and HS codes, sectors, target markets, kind of buyer,
/// order size), the exhibitors with a booth (side b: their names, descriptions and listings'
/// titles in every language given, HS codes, sectors, where they are and whom they serve,
/// the smallest MOQ, and their wishes: kinds and locations of buyers, smallest order, what
/// they look for), and the events: scans (exposure), bookmarks (the buyer's success), contact
/// requests, leads the exhibitor followed up (the exhibitor's success), and what was recorded
/// between the two (views and clicks as exposure, "more like this" as success, "not
/// interested" as refusal). The features are the platform's own (`people_spec`). A fair whose
/// exhibitors never follow up gives a one-sided log.
pub async fn export_log(
    store: &sc_storage::Store,
    fair: i64,
    out: &Path,
) -> anyhow::Result<String> {
    let activity = store.fair_activity(fair).await?;
    let exhibitors: std::collections::HashSet<i64> = activity.exhibitors.iter().copied().collect();
    let mut offers: std::collections::HashMap<i64, (Vec<String>, Vec<String>)> = Default::default();
    let mut moq: std::collections::HashMap<i64, f64> = Default::default();
    let mut after = 0;
    loop {
        let page = store.listings_after(after, 1000).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for l in page {
            let sc_domain::listing::Owner::Organisation(org) = l.owner else {
                continue;
            };
            if !exhibitors.contains(&org)
                || l.status != sc_domain::listing::ListingStatus::Published
            {
                continue;
            }
            let e = offers.entry(org).or_default();
            e.0.extend(texts(&l.title).map(str::to_string));
            e.1.extend(l.codes.iter().cloned());
            if let Some(m) = l.attributes.get("moq").and_then(serde_json::Value::as_f64) {
                let low = moq.entry(org).or_insert(m);
                *low = low.min(m);
            }
        }
    }
    use sc_domain::profile::ProfileKind;
    let profiles: std::collections::HashMap<i64, serde_json::Map<String, serde_json::Value>> =
        store
            .profiles(ProfileKind::Buyer)
            .await?
            .into_iter()
            .collect();
    let wishes: std::collections::HashMap<i64, serde_json::Map<String, serde_json::Value>> = store
        .profiles(ProfileKind::Wishes)
        .await?
        .into_iter()
        .collect();
    let list = |m: Option<&serde_json::Map<String, serde_json::Value>>, key: &str| -> String {
        m.and_then(|m| m.get(key))
            .and_then(serde_json::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .unwrap_or_default()
    };
    let one = |m: Option<&serde_json::Map<String, serde_json::Value>>, key: &str| -> String {
        match m.and_then(|m| m.get(key)) {
            Some(serde_json::Value::String(s)) => cell(s),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let mut entities = String::from(
        "side,id,group,location:set,language:set,offers:text,hs:codes,sectors:codes,serves:set,\
         sources:text,markets:set,type:set,order:num,moq:num,wants_types:set,wants_regions:set,\
         min_order:num,looking_for:text\n",
    );
    for b in &activity.buyers {
        let p = profiles.get(&b.id);
        entities.push_str(&format!(
            "a,u{},,{},{},,{},{},,{},{},{},{},,,,,\n",
            b.id,
            b.location.code(),
            b.language.code(),
            list(p, "hs_codes"),
            list(p, "sectors"),
            one(p, "sources"),
            list(p, "target_markets"),
            one(p, "buyer_type"),
            one(p, "order_size"),
        ));
    }
    for &org in &activity.exhibitors {
        let o = store.organisation(org).await?;
        let (titles, codes) = offers.remove(&org).unwrap_or_default();
        let text: Vec<&str> = texts(&o.name)
            .chain(texts(&o.description))
            .chain(titles.iter().map(String::as_str))
            .collect();
        let mut codes = codes;
        codes.sort();
        codes.dedup();
        let w = wishes.get(&org);
        let mut serves: Vec<&str> = o.markets_served.iter().map(|m| m.code()).collect();
        serves.push(o.location.code());
        entities.push_str(&format!(
            "b,o{org},,{},,{},{},{},{},,,,,{},{},{},{},{}\n",
            o.location.code(),
            cell(&text.join(" / ")),
            codes.join("|"),
            o.sectors.join("|"),
            serves.join("|"),
            moq.get(&org).map(|m| m.to_string()).unwrap_or_default(),
            list(w, "buyer_types"),
            list(w, "buyer_regions"),
            one(w, "min_order"),
            one(w, "looking_for"),
        ));
    }
    let mut events: Vec<(i64, String)> = Vec::new();
    let ours = |o: &i64| exhibitors.contains(o);
    for (at, u, o) in activity.scans.iter().filter(|(_, _, o)| ours(o)) {
        events.push((*at, format!("{at},a,u{u},o{o},scan")));
    }
    for (at, u, o) in activity.bookmarks.iter().filter(|(_, _, o)| ours(o)) {
        events.push((*at, format!("{at},a,u{u},o{o},bookmark")));
    }
    for l in activity.leads.iter().filter(|l| ours(&l.organisation)) {
        if l.messaged {
            events.push((
                l.last_at,
                format!("{},a,u{},o{},contact", l.last_at, l.user, l.organisation),
            ));
        }
        if l.followed_up {
            events.push((
                l.last_at,
                format!("{},b,o{},u{},follow_up", l.last_at, l.organisation, l.user),
            ));
        }
    }
    let buyers: std::collections::HashSet<i64> = activity.buyers.iter().map(|b| b.id).collect();
    let mut recorded = 0;
    for e in store.match_history().await? {
        let (Some(o), None, None, None) = (
            e.organisation_id,
            e.listing_id,
            e.for_listing_id,
            e.target_organisation_id,
        ) else {
            continue;
        };
        let kinds = [
            "view",
            "click",
            "more_like_this",
            "not_interested",
            "dismiss",
        ];
        if !ours(&o) || !buyers.contains(&e.user_id) || !kinds.contains(&e.kind.as_str()) {
            continue;
        }
        recorded += 1;
        events.push((
            e.at,
            match e.actor {
                sc_storage::EventActor::Person => {
                    format!("{},a,u{},o{o},{}", e.at, e.user_id, e.kind)
                }
                sc_storage::EventActor::Organisation => {
                    format!("{},b,o{o},u{},{}", e.at, e.user_id, e.kind)
                }
            },
        ));
    }
    events.sort();
    let mut ev = String::from("time,side,actor,target,kind\n");
    for (_, line) in &events {
        ev.push_str(line);
        ev.push('\n');
    }
    std::fs::create_dir_all(out)?;
    for (name, text) in [
        ("features.csv", features_csv(&sc_app::people_spec())),
        (
            "kinds.csv",
            "kind,side,meaning\nscan,a,exposure\nbookmark,a,success\ncontact,a,other\n\
             follow_up,b,success\nview,a,exposure\nclick,a,exposure\nmore_like_this,a,success\n\
             not_interested,a,refusal\ndismiss,a,exposure\nview,b,exposure\n\
             more_like_this,b,success\nnot_interested,b,refusal\ndismiss,b,exposure\n"
                .to_string(),
        ),
        ("entities.csv", entities),
        ("events.csv", ev),
    ] {
        std::fs::write(out.join(name), text)?;
    }
    let with_profile = activity
        .buyers
        .iter()
        .filter(|b| profiles.contains_key(&b.id))
        .count();
    let with_wishes = activity
        .exhibitors
        .iter()
        .filter(|o| wishes.contains_key(o))
        .count();
    Ok(format!(
        "wrote {} buyers ({with_profile} with a profile), {} exhibitors ({with_wishes} with wishes) \
         and {} events ({} scans, {} bookmarks, {recorded} recorded views and feedback) to {}",
        activity.buyers.len(),
        activity.exhibitors.len(),
        events.len(),
        activity.scans.len(),
        activity.bookmarks.len(),
        out.display()
    ))
}

/// A specification's features as the log format's `features.csv`.
fn features_csv(spec: &sc_match::Spec) -> String {
    let mut out = String::from("side,name,compare,wanting_field,wanted_field,weight_by\n");
    for f in &spec.features {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            match f.wanting {
                sc_match::Side::A => "a",
                sc_match::Side::B => "b",
            },
            f.name,
            f.compare.code(),
            f.wanting_field,
            f.wanted_field,
            f.weight_by.as_deref().unwrap_or("")
        ));
    }
    out
}

/// `recompute-matches`: the engines rebuilt from the database, every person ranked, with a
/// progress bar on a terminal; the lists as CSV when asked. Returns the summary line.
pub async fn recompute(
    app: &sc_app::App,
    k: usize,
    threads: usize,
    out: Option<&Path>,
) -> anyhow::Result<String> {
    use std::io::IsTerminal;
    let pb = bar(0, "loading");
    if !std::io::stderr().is_terminal() {
        pb.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let progress = |what: &str, done: u64, total: u64| {
        pb.set_message(what.to_string());
        pb.set_length(total);
        pb.set_position(done);
    };
    let started = std::time::Instant::now();
    let r = app.recompute_matches(k, threads, &progress).await?;
    pb.finish_and_clear();
    if let Some(path) = out {
        let mut w = csv::Writer::from_path(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        w.write_record(["person_id", "rank", "organisation_id", "score"])?;
        for (person, list) in &r.lists {
            for (rank, (org, score)) in list.iter().enumerate() {
                w.write_record([
                    person.to_string(),
                    (rank + 1).to_string(),
                    org.to_string(),
                    format!("{score:.6}"),
                ])?;
            }
        }
        w.flush()?;
    }
    let listed: usize = r.lists.iter().map(|(_, l)| l.len()).sum();
    Ok(format!(
        "ranked {} people against {} organisations ({listed} matches, top {k}) in {:.1} s on {threads} threads after building from {} events ({:.1} s in all); {} organisations in at least one list, exposure Gini {:.3}",
        r.report.people,
        r.report.organisations,
        r.seconds,
        r.report.events,
        started.elapsed().as_secs_f64(),
        r.coverage,
        r.gini
    ))
}
