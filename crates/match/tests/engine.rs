//! The engine's promises on small hand-made markets: reciprocity, exclusions, reasons,
//! behaviour moving the ranking, content for newcomers; the log format's errors; the metrics.

use sc_match::eval::{auc, gini};
use sc_match::log::{Files, Log};
use sc_match::{
    Compare, EntityInput, Event, Feature, Meaning, Options, Pool, Side, Signal, Spec, Value,
};

fn feature(name: &str, wanting: Side, compare: Compare, a: &str, b: &str) -> Feature {
    Feature {
        name: name.into(),
        wanting,
        compare,
        wanting_field: a.into(),
        wanted_field: b.into(),
        weight_by: None,
    }
}

fn trade_spec() -> Spec {
    let mut spec = Spec {
        features: vec![
            feature("topic", Side::A, Compare::Text, "sources", "offers"),
            feature("hs", Side::A, Compare::Codes, "hs", "hs"),
            feature(
                "region",
                Side::B,
                Compare::Overlap,
                "wants_regions",
                "location",
            ),
        ],
        ..Spec::default()
    };
    for (k, s, m) in [
        ("bookmark", Side::A, Meaning::Success),
        ("not_interested", Side::A, Meaning::Refusal),
        ("reply", Side::B, Meaning::Success),
    ] {
        spec.kinds.insert((k.into(), s), m);
    }
    spec
}

fn buyer(key: &str, sources: &str, hs: &[&str], location: &str) -> EntityInput {
    EntityInput {
        key: key.into(),
        side: Side::A,
        group: None,
        fields: vec![
            ("sources".into(), Value::Text(sources.into())),
            (
                "hs".into(),
                Value::Codes(hs.iter().map(|s| s.to_string()).collect()),
            ),
            ("location".into(), Value::Set(vec![location.into()])),
        ],
    }
}

fn exhibitor(key: &str, offers: &str, hs: &[&str], wants: &[&str]) -> EntityInput {
    EntityInput {
        key: key.into(),
        side: Side::B,
        group: None,
        fields: vec![
            ("offers".into(), Value::Text(offers.into())),
            (
                "hs".into(),
                Value::Codes(hs.iter().map(|s| s.to_string()).collect()),
            ),
            (
                "wants_regions".into(),
                Value::Set(wants.iter().map(|s| s.to_string()).collect()),
            ),
        ],
    }
}

/// A Hong Kong buyer of chargers; two charger makers, one wanting Hong Kong buyers and one
/// wanting only European ones; a tea merchant.
fn market() -> sc_match::Engine {
    let mut pool = Pool::new();
    pool.add(buyer("hk-buyer", "採購充電器和流動電源", &["8504"], "HK"));
    pool.add(exhibitor(
        "mutual",
        "USB-C 充电器 移动电源",
        &["850440"],
        &["HK", "SG"],
    ));
    pool.add(exhibitor(
        "one-sided",
        "USB-C 充电器 移动电源",
        &["850440"],
        &["DE", "FR"],
    ));
    pool.add(exhibitor("tea", "普洱茶 烏龍茶", &["090230"], &["HK"]));
    pool.weigh();
    sc_match::Engine::new(pool, trade_spec(), Options::default())
}

fn ranked(engine: &sc_match::Engine, viewer: &str) -> Vec<String> {
    let v = engine.pool.id(Side::A, viewer).unwrap();
    let cands = engine.candidates(Side::A, v);
    engine
        .recommend(Side::A, v, &cands, 10, None)
        .into_iter()
        .map(|m| engine.pool.key(Side::B, m.candidate).to_string())
        .collect()
}

#[test]
fn a_one_sided_match_ranks_below_a_mutual_one() {
    let engine = market();
    let order = ranked(&engine, "hk-buyer");
    let pos = |k: &str| order.iter().position(|x| x == k).unwrap();
    assert!(pos("mutual") < pos("one-sided"), "{order:?}");
    // The buyer's own wish alone cannot tell the two charger makers apart.
    let v = engine.pool.id(Side::A, "hk-buyer").unwrap();
    let (m, o) = (
        engine.pool.id(Side::B, "mutual").unwrap(),
        engine.pool.id(Side::B, "one-sided").unwrap(),
    );
    let fm = engine.wish(Side::A, v, m, None);
    let fo = engine.wish(Side::A, v, o, None);
    assert!((fm - fo).abs() < 1e-9, "{fm} {fo}");
    assert!(engine.wish(Side::B, m, v, None) > engine.wish(Side::B, o, v, None));
}

#[test]
fn text_matches_across_scripts_and_codes_by_hierarchy_with_reasons() {
    let engine = market();
    let order = ranked(&engine, "hk-buyer");
    assert_eq!(order[0], "mutual", "{order:?}");
    let v = engine.pool.id(Side::A, "hk-buyer").unwrap();
    let m = engine.pool.id(Side::B, "mutual").unwrap();
    let tea = engine.pool.id(Side::B, "tea").unwrap();
    // What the buyer wants: chargers, whatever the script, far above tea.
    assert!(engine.wish(Side::A, v, m, None) > 0.5);
    assert!(engine.wish(Side::A, v, tea, None) < 0.1);
    let nb = engine.neighbourhood(Side::A, v);
    let reasons = engine.reasons(Side::A, v, m, &nb);
    let words = reasons.iter().find_map(|r| match &r.signal {
        Signal::Words { words, .. } => Some(words.clone()),
        _ => None,
    });
    let words = words.expect("a reason naming shared words");
    // Traditional 充電器 in the buyer's text met Simplified 充电器 in the exhibitor's.
    assert!(words.iter().any(|w| w.contains("充")), "{words:?}");
    assert!(
        reasons.iter().any(|r| matches!(&r.signal,
        Signal::Code { code, .. } if code == "8504")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.wanting == Side::B
            && matches!(&r.signal,
        Signal::Shared { values, .. } if values == &["HK".to_string()])),
        "{reasons:?}"
    );
}

#[test]
fn a_refusal_is_never_recommended_again() {
    let mut engine = market();
    let v = engine.pool.id(Side::A, "hk-buyer").unwrap();
    let m = engine.pool.id(Side::B, "mutual").unwrap();
    assert_eq!(ranked(&engine, "hk-buyer")[0], "mutual");
    engine.record(&Event {
        time: 1,
        actor_side: Side::A,
        actor: v,
        target: m,
        meaning: Meaning::Refusal,
    });
    let order = ranked(&engine, "hk-buyer");
    assert!(!order.contains(&"mutual".to_string()), "{order:?}");
    assert_eq!(order.len(), 2);
}

/// Buyers who say nothing about themselves, and a history in which those who bookmarked the
/// same first exhibitor also bookmarked a second one.
fn behaviour_market() -> (sc_match::Engine, Vec<Event>) {
    let mut pool = Pool::new();
    for i in 0..40 {
        pool.add(EntityInput {
            key: format!("b{i}"),
            side: Side::A,
            group: None,
            fields: vec![],
        });
    }
    for i in 0..10 {
        pool.add(exhibitor(&format!("e{i}"), "gifts", &[], &[]));
    }
    pool.weigh();
    let mut events = Vec::new();
    let mut t = 0;
    let mut push = |a: u32, b: u32| {
        t += 1;
        events.push(Event {
            time: t,
            actor_side: Side::A,
            actor: a,
            target: b,
            meaning: Meaning::Success,
        });
    };
    // Buyers 0..30: those who want e0 also want e1; the others want e2..e9 at random-ish.
    for b in 0..30u32 {
        if b % 2 == 0 {
            push(b, 0);
            push(b, 1);
        } else {
            push(b, 2 + b % 8);
            push(b, 2 + (b / 2) % 8);
        }
    }
    (
        sc_match::Engine::new(pool, trade_spec(), Options::default()),
        events,
    )
}

#[test]
fn an_event_moves_the_ranking_as_expected() {
    let (mut engine, events) = behaviour_market();
    engine.train(&events, 1);
    let newcomer = engine.pool.id(Side::A, "b35").unwrap();
    let e0 = engine.pool.id(Side::B, "e0").unwrap();
    let e1 = engine.pool.id(Side::B, "e1").unwrap();
    let before = ranked(&engine, "b35");
    let rank_e1 = |order: &[String]| order.iter().position(|k| k == "e1").unwrap();
    engine.record(&Event {
        time: 1000,
        actor_side: Side::A,
        actor: newcomer,
        target: e0,
        meaning: Meaning::Success,
    });
    let after = ranked(&engine, "b35");
    assert_eq!(after[0], "e1", "before {before:?}, after {after:?}");
    assert!(rank_e1(&after) <= rank_e1(&before));
    let nb = engine.neighbourhood(Side::A, newcomer);
    let reasons = engine.reasons(Side::A, newcomer, e1, &nb);
    assert!(
        reasons
            .iter()
            .any(|r| matches!(r.signal, Signal::Similar { count } if count == 15)),
        "{reasons:?}"
    );
    // What the newcomer already wants stays out of its candidates' top (it is known).
    assert!(engine.behaviour.wanted(Side::A, newcomer, e0));
}

#[test]
fn a_newcomer_gets_content_matches() {
    let mut engine = market();
    let (_, events) = behaviour_market();
    // Train on nothing useful: the market's one buyer has no history; ranking is content.
    engine.train(&events[..0], 1);
    assert!(engine.model(Side::A).is_none());
    assert_eq!(ranked(&engine, "hk-buyer")[0], "mutual");
}

#[test]
fn the_models_learn_which_signal_matters_from_the_log() {
    // Buyers bookmark exhibitors whose text matches theirs; the region signal is noise.
    let mut pool = Pool::new();
    let words = ["tea", "toys", "lamps", "chargers", "watches"];
    for i in 0..100 {
        pool.add(buyer(&format!("b{i}"), words[i % 5], &[], "HK"));
    }
    for i in 0..25 {
        pool.add(exhibitor(&format!("e{i}"), words[i % 5], &[], &["HK"]));
    }
    pool.weigh();
    let mut engine = sc_match::Engine::new(pool, trade_spec(), Options::default());
    let mut events = Vec::new();
    for b in 0..100u32 {
        for k in 0..3u32 {
            let e = (b % 5) + 5 * ((b + k) % 5);
            events.push(Event {
                time: (b * 3 + k) as i64,
                actor_side: Side::A,
                actor: b,
                target: e,
                meaning: Meaning::Success,
            });
        }
    }
    engine.train(&events, 3);
    let m = engine.model(Side::A).expect("trained");
    let w = |name: &str| m.weights[m.names.iter().position(|n| n == name).unwrap()];
    assert!(w("topic") > 0.5, "{:?}", m.weights);
}

#[test]
fn log_problems_name_file_line_and_column() {
    let err = Log::parse(Files {
        features: b"side,name,compare,wanting_field,wanted_field\nc,topic,text,sources,offers\na,x,fuzzy,sources,offers\na,y,text,sources,nowhere\n",
        kinds: b"kind,side,meaning\nbookmark,a,success\nview,a,maybe\n",
        entities: "side,id,group,sources:text,offers:text,size:num,bad\na,b1,,採購,,12,\na,b1,,,,,\nb,e1,,,茶,x1,\nb,e2,,,茶,1e300,\n".as_bytes(),
        events: b"time,side,actor,target,kind\n1,a,b1,e1,bookmark\nsoon,a,b1,e1,bookmark\n2,a,b1,e9,bookmark\n",
    })
    .unwrap_err();
    let has = |file: &str, line: u64, column: Option<&str>| {
        err.iter()
            .any(|p| p.file == file && p.line == line && p.column.as_deref() == column)
    };
    assert!(has("features.csv", 2, Some("side")), "{err:#?}");
    assert!(has("features.csv", 3, Some("compare")), "{err:#?}");
    assert!(has("features.csv", 0, Some("wanted_field")), "{err:#?}");
    assert!(has("kinds.csv", 3, Some("meaning")), "{err:#?}");
    assert!(has("entities.csv", 1, Some("bad")), "{err:#?}");
    assert!(has("entities.csv", 3, Some("id")), "{err:#?}");
    assert!(has("entities.csv", 4, Some("size:num")), "{err:#?}");
    assert!(has("entities.csv", 5, Some("size:num")), "{err:#?}");
    assert!(has("events.csv", 3, Some("time")), "{err:#?}");
    assert!(has("events.csv", 4, Some("target")), "{err:#?}");
    assert!(err.iter().all(|p| !p.message.is_empty()));
}

#[test]
fn a_good_log_parses_and_builds() {
    let log = Log::parse(Files {
        features: b"side,name,compare,wanting_field,wanted_field,weight_by\na,topic,text,sources,offers,\n",
        kinds: b"kind,side,meaning\nbookmark,a,success\nview,a,exposure\n",
        entities: "\u{feff}side,id,group,sources:text,offers:text,v:vector\na,b1,f,採購茶葉,,x=1|y=2\nb,e1,f,,茶葉,\n".as_bytes(),
        events: b"time,side,actor,target,kind\n1,a,b1,e1,view\n2,a,b1,e1,bookmark\n",
    })
    .expect("parses");
    let (pool, events) = log.build();
    assert_eq!((pool.len(Side::A), pool.len(Side::B)), (1, 1));
    assert_eq!(
        events.iter().map(|e| e.meaning).collect::<Vec<_>>(),
        [Meaning::Exposure, Meaning::Success]
    );
}

#[test]
fn auc_and_gini_agree_with_hand_computed_values() {
    // Two positives, two negatives; one of the four (pos, neg) pairs is ordered wrongly.
    let a = auc(&[0.9, 0.4, 0.5, 0.1], &[true, true, false, false]).unwrap();
    assert!((a - 0.75).abs() < 1e-12);
    // Ties count half.
    assert_eq!(auc(&[1.0, 1.0], &[true, false]), Some(0.5));
    assert_eq!(auc(&[1.0, 2.0], &[true, true]), None);
    assert!(gini(&[5, 5, 5, 5]).abs() < 1e-12);
    // One of four has everything: (n-1)/n.
    assert!((gini(&[0, 0, 0, 8]) - 0.75).abs() < 1e-12);
}

#[test]
fn the_pruned_ranking_equals_scoring_every_candidate() {
    let (mut engine, events) = behaviour_market();
    engine.train(&events, 1);
    for v in 0..40u32 {
        let cands = engine.candidates(Side::A, v);
        let fast: Vec<(u32, f64)> = engine
            .recommend(Side::A, v, &cands, 4, None)
            .into_iter()
            .map(|m| (m.candidate, m.score))
            .collect();
        let mut all: Vec<(u32, f64)> = cands
            .iter()
            .map(|&c| (c, engine.pair_score(Side::A, v, c, None).0))
            .collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        all.truncate(4);
        assert_eq!(fast.len(), all.len());
        for (f, a) in fast.iter().zip(&all) {
            assert!(
                (f.1 - a.1).abs() < 1e-12,
                "viewer {v}: {fast:?} against {all:?}"
            );
        }
    }
}

#[test]
fn the_exposure_discount_spreads_a_batch() {
    let (mut engine, events) = behaviour_market();
    engine.train(&events, 1);
    let count = |capacity: f64, engine: &mut sc_match::Engine| {
        engine.options.capacity = capacity;
        let mut exposure = sc_match::Exposure::new(10, 40, 2);
        let mut listed = std::collections::HashSet::new();
        for v in 0..40u32 {
            let cands = engine.candidates(Side::A, v);
            for m in engine.recommend(Side::A, v, &cands, 2, Some(&mut exposure)) {
                listed.insert(m.candidate);
            }
        }
        (listed.len(), gini(&exposure.counts))
    };
    let (without, g0) = count(0.0, &mut engine);
    let (with, g1) = count(1.0, &mut engine);
    assert!(with >= without, "{with} vs {without}");
    assert!(g1 < g0, "{g1} vs {g0}");
}

#[test]
fn a_forgotten_account_no_longer_moves_anyone_s_ranking() {
    let (mut engine, events) = behaviour_market();
    engine.train(&events, 1);
    let newcomer = engine.pool.id(Side::A, "b35").unwrap();
    let e0 = engine.pool.id(Side::B, "e0").unwrap();
    let e1 = engine.pool.id(Side::B, "e1").unwrap();
    engine.record(&Event {
        time: 1000,
        actor_side: Side::A,
        actor: newcomer,
        target: e0,
        meaning: Meaning::Success,
    });
    let before = engine.neighbourhood(Side::A, newcomer).get(e1).1;
    assert_eq!(before, 15);
    // One of the fifteen who wanted e0 and e1 deletes their account.
    let gone = engine.pool.id(Side::A, "b0").unwrap();
    assert!(engine.behaviour.wanted(Side::A, gone, e1));
    let popular = engine.behaviour.popularity(Side::A, e1);
    engine.forget(Side::A, gone);
    assert!(!engine.behaviour.wanted(Side::A, gone, e1));
    assert_eq!(engine.behaviour.popularity(Side::A, e1), popular - 1);
    assert_eq!(engine.neighbourhood(Side::A, newcomer).get(e1).1, 14);
}

#[test]
fn replacing_an_entity_does_not_count_its_old_text_twice() {
    let mut a = Pool::new();
    a.add(exhibitor("x", "apple", &[], &[]));
    a.add(exhibitor("y", "banana", &[], &[]));
    a.add(exhibitor("z", "kiwi apple", &[], &[]));
    a.weigh();
    // x is edited, then everything is weighed again: the same as a pool that only ever saw the
    // new text.
    a.add(exhibitor("x", "cherry", &[], &[]));
    a.add(buyer("q", "apple banana", &[], "HK"));
    a.weigh();
    let mut b = Pool::new();
    b.add(exhibitor("x", "cherry", &[], &[]));
    b.add(exhibitor("y", "banana", &[], &[]));
    b.add(exhibitor("z", "kiwi apple", &[], &[]));
    b.add(buyer("q", "apple banana", &[], "HK"));
    b.weigh();
    let ea = sc_match::Engine::new(a, trade_spec(), Options::default());
    let eb = sc_match::Engine::new(b, trade_spec(), Options::default());
    let (qa, qb) = (
        ea.pool.id(Side::A, "q").unwrap(),
        eb.pool.id(Side::A, "q").unwrap(),
    );
    for k in ["y", "z"] {
        let (ca, cb) = (
            ea.pool.id(Side::B, k).unwrap(),
            eb.pool.id(Side::B, k).unwrap(),
        );
        let (sa, sb) = (
            ea.wish(Side::A, qa, ca, None),
            eb.wish(Side::A, qb, cb, None),
        );
        assert!((sa - sb).abs() < 1e-9, "{k}: {sa} vs {sb}");
    }
}

#[test]
fn entities_added_changed_or_retired_while_serving_are_seen_at_once() {
    let mut engine = market();
    engine.build_retrieval();
    let v = engine.pool.id(Side::A, "hk-buyer").unwrap();
    let keys = |engine: &sc_match::Engine| -> Vec<String> {
        engine
            .recommend_where(Side::A, v, 10, |_| true, None)
            .into_iter()
            .map(|m| engine.pool.key(Side::B, m.candidate).to_string())
            .collect()
    };
    assert!(!keys(&engine).contains(&"late".to_string()));
    // A charger maker that joins after the lists were built is retrieved and ranks first.
    engine.upsert(exhibitor(
        "late",
        "充電器 流動電源 USB-C 充電器",
        &["850440"],
        &["HK"],
    ));
    assert_eq!(keys(&engine)[0], "late", "{:?}", keys(&engine));
    // The tea merchant shares nothing with the buyer, so it is not even retrieved; once it
    // turns to chargers, it is, and above the maker that wants only European buyers.
    assert!(!keys(&engine).contains(&"tea".to_string()));
    engine.upsert(exhibitor("tea", "充電器 移動電源", &["850440"], &["HK"]));
    let order = keys(&engine);
    let pos = |k: &str| order.iter().position(|x| x == k).unwrap();
    assert!(pos("tea") < pos("one-sided"), "{order:?}");
    // Retired: never a candidate again, by either path.
    let late = engine.pool.id(Side::B, "late").unwrap();
    engine.retire(Side::B, late);
    assert!(!keys(&engine).contains(&"late".to_string()));
    assert!(!engine.candidates(Side::A, v).contains(&late));
    // A filter keeps only what the caller allows.
    let tea = engine.pool.id(Side::B, "tea").unwrap();
    let only_tea: Vec<_> = engine
        .recommend_where(Side::A, v, 10, |c| c == tea, None)
        .into_iter()
        .map(|m| m.candidate)
        .collect();
    assert_eq!(only_tea, vec![tea]);
}
