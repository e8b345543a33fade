//! Interaction logs (`match evaluate`, an organiser's past fair) are untrusted: four CSV files
//! cut from one input at NUL bytes. Parsing must never panic and every problem must name its
//! file; an accepted log must build, train, rank and be measured without panicking, every
//! event resolving to entities of the right sides and every score a probability.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sc_match::eval::{Config, Ours, Task, measure};
use sc_match::log::{Files, Log};
use sc_match::{Engine, Options, Side};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(4, |b| *b == 0);
    let (Some(features), Some(kinds), Some(entities), Some(events)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return;
    };
    let log = match Log::parse(Files { features, kinds, entities, events }) {
        Ok(log) => log,
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in problems {
                assert!(["features.csv", "kinds.csv", "entities.csv", "events.csv"].contains(&p.file));
                assert!(!p.message.is_empty());
            }
            return;
        }
    };
    let (pool, built) = log.build();
    assert_eq!(built.len(), log.events.len(), "every event resolves");
    let config = Config::default();
    let task = Task::new(&Engine::new(log.build().0, log.spec.clone(), Options::default()), &built, &config);
    let mut ours = Ours::train("ours", &log, Options::default(), &task, 1);
    for side in [Side::A, Side::B] {
        for v in 0..pool.len(side).min(3) as u32 {
            let cands = ours.engine.candidates(side, v);
            for m in ours.engine.recommend(side, v, &cands, 5, None) {
                assert!((0.0..=1.0).contains(&m.score), "{}", m.score);
            }
        }
        let _ = measure(&mut ours, &task, &pool, side, 10, &mut |_, _| {});
    }
});
