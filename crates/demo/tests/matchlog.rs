//! The synthetic fair's log: it parses, it is the same every time, and on it the engine finds
//! mutual matches popularity does not, with exposure spread more evenly.

use sc_demo::matchlog::synthetic;
use sc_match::eval::{Config, Ours, Popularity, Task, measure, read_truth};
use sc_match::log::{Files, Log};
use sc_match::{Engine, Options, Side};

fn parse(log: &sc_demo::matchlog::MatchLog) -> Log {
    Log::parse(Files {
        features: log.features.as_bytes(),
        kinds: log.kinds.as_bytes(),
        entities: log.entities.as_bytes(),
        events: log.events.as_bytes(),
    })
    .unwrap_or_else(|p| panic!("{p:#?}"))
}

#[test]
fn the_synthetic_fair_is_reproducible_and_parses() {
    let a = synthetic(300, 40, 7);
    let b = synthetic(300, 40, 7);
    assert_eq!(a.entities, b.entities);
    assert_eq!(a.events, b.events);
    assert_ne!(a.events, synthetic(300, 40, 8).events);
    let log = parse(&a);
    assert_eq!(log.entities.len(), 340);
    // Profiles in all three languages.
    for probe in ["採購", "采购", "Sourcing"] {
        assert!(a.entities.contains(probe), "no {probe}");
    }
    let kinds: std::collections::HashSet<&str> =
        log.events.iter().map(|e| e.kind.as_str()).collect();
    for k in ["view", "bookmark", "lead_view", "reply"] {
        assert!(kinds.contains(k), "no {k} events");
    }
}

#[test]
fn the_engine_beats_popularity_on_mutual_matches_and_spreads_exposure() {
    let raw = synthetic(600, 80, 7);
    let log = parse(&raw);
    let config = Config::default();
    let (pool, events) = log.build();
    let task = Task::new(
        &Engine::new(log.build().0, log.spec.clone(), Options::default()),
        &events,
        &config,
    );
    let truth = read_truth(raw.truth.as_bytes(), &pool).unwrap();
    let judged = task.judged_by(&truth);
    let mut past = Engine::new(log.build().0, log.spec.clone(), Options::default());
    for e in &task.train {
        past.record(e);
    }
    let mut popularity = Popularity {
        engine: &past,
        seed: 1,
    };
    let mut ours = Ours::train("ours", &log, Options::default(), &task, 1);
    let pop = measure(&mut popularity, &judged, &pool, Side::A, 10, &mut |_, _| {}).unwrap();
    let us = measure(&mut ours, &judged, &pool, Side::A, 10, &mut |_, _| {}).unwrap();
    let (pm, um) = (pop.mutual.unwrap(), us.mutual.unwrap());
    assert!(um > 2.0 * pm, "mutual@10: ours {um:.3}, popularity {pm:.3}");
    assert!(
        us.gini < pop.gini,
        "Gini: ours {:.3}, popularity {:.3}",
        us.gini,
        pop.gini
    );
    assert!(us.auc.unwrap() > pop.auc.unwrap());
}
