//! The scheduler against exhaustive search on small instances, and its rules on generated ones.

use sc_schedule::generate::{self, Spec};
use sc_schedule::instance::{Fixed, Instance, Person, Request, Slot};
use sc_schedule::{Method, Problem, check, schedule};

/// The best total weight by trying every assignment (tiny instances only).
fn brute_force(pr: &Problem) -> u64 {
    fn go(
        pr: &Problem,
        r: usize,
        busy: &mut Vec<bool>,
        load: &mut Vec<u32>,
        deg: &mut Vec<u32>,
    ) -> u64 {
        if r == pr.requests.len() {
            return 0;
        }
        let mut best = go(pr, r + 1, busy, load, deg);
        let q = pr.requests[r];
        let (a, b) = (q.a as usize, q.b as usize);
        if deg[a] < pr.cap[a] && deg[b] < pr.cap[b] {
            for s in 0..pr.slots {
                let (ia, ib) = (a * pr.slots + s, b * pr.slots + s);
                if load[s] < pr.tables[s] && !busy[ia] && !busy[ib] && pr.avail[ia] && pr.avail[ib]
                {
                    busy[ia] = true;
                    busy[ib] = true;
                    load[s] += 1;
                    deg[a] += 1;
                    deg[b] += 1;
                    best = best.max(u64::from(q.weight) + go(pr, r + 1, busy, load, deg));
                    busy[ia] = false;
                    busy[ib] = false;
                    load[s] -= 1;
                    deg[a] -= 1;
                    deg[b] -= 1;
                }
            }
        }
        best
    }
    go(
        pr,
        0,
        &mut vec![false; pr.people * pr.slots],
        &mut vec![0; pr.slots],
        &mut vec![0; pr.people],
    )
}

fn tiny(seed: u64, unavailable: f64, max_weight: u32) -> Instance {
    generate::instance(&Spec {
        people: 7,
        requests: 9,
        slots: 3,
        days: 1,
        tables: 2,
        unavailable,
        max_weight,
        seed,
    })
}

#[test]
fn without_unavailability_the_schedule_is_optimal_and_says_so() {
    for seed in 0..60 {
        let inst = tiny(seed, 0.0, 3);
        let pr = Problem::compile(&inst, true).unwrap();
        let s = schedule(&pr);
        check(&pr, &s).unwrap();
        assert_eq!(s.method, Method::Exact);
        assert_eq!(s.weight, brute_force(&pr), "seed {seed}");
        assert_eq!(s.bound, s.weight);
    }
}

#[test]
fn with_unavailability_the_bound_holds_and_the_gap_is_small() {
    let (mut ours, mut best) = (0, 0);
    for seed in 0..60 {
        let inst = tiny(seed, 0.6, 1);
        let pr = Problem::compile(&inst, true).unwrap();
        let s = schedule(&pr);
        check(&pr, &s).unwrap();
        let opt = brute_force(&pr);
        assert!(
            s.weight <= opt && opt <= s.bound,
            "seed {seed}: {} ≤ {opt} ≤ {}",
            s.weight,
            s.bound
        );
        ours += s.weight;
        best += opt;
    }
    assert!(ours * 100 >= best * 95, "{ours} of {best}");
}

#[test]
fn generated_fairs_obey_every_rule() {
    for (unavailable, weight) in [(0.0, 1), (0.0, 5), (0.4, 1), (0.4, 3)] {
        let inst = generate::instance(&Spec {
            people: 400,
            requests: 3000,
            slots: 12,
            days: 2,
            tables: 25,
            unavailable,
            max_weight: weight,
            seed: 9,
        });
        let pr = Problem::compile(&inst, true).unwrap();
        let s = schedule(&pr);
        check(&pr, &s).unwrap();
        assert!(s.weight <= s.bound);
        assert_eq!(s.method == Method::Exact, unavailable == 0.0);
    }
}

fn two_slot_instance() -> Instance {
    Instance {
        slots: vec![
            Slot {
                id: "s1".into(),
                day: 0,
                tables: None,
            },
            Slot {
                id: "s2".into(),
                day: 0,
                tables: None,
            },
        ],
        tables: 1,
        people: ["b1", "b2", "e1"]
            .iter()
            .map(|id| Person {
                id: (*id).into(),
                cap: None,
                unavailable: vec![],
                available: None,
            })
            .collect(),
        requests: vec![
            Request {
                id: Some("r1".into()),
                a: "b1".into(),
                b: "e1".into(),
                weight: 1,
            },
            Request {
                id: Some("r2".into()),
                a: "b2".into(),
                b: "e1".into(),
                weight: 1,
            },
        ],
        fixed: vec![],
    }
}

#[test]
fn published_meetings_stay_unless_the_organiser_asks() {
    let mut inst = two_slot_instance();
    inst.fixed = vec![Fixed {
        request: "r2".into(),
        slot: "s1".into(),
        table: 1,
    }];
    let pr = Problem::compile(&inst, true).unwrap();
    let s = schedule(&pr);
    check(&pr, &s).unwrap();
    let r2 = s.meetings.iter().find(|m| m.request == 1).unwrap();
    assert_eq!((r2.slot, r2.table), (0, 1));
    assert_eq!(s.meetings.len(), 2, "r1 goes to the other slot");
    // b1 now cannot meet in s2: r1 would need s1, which r2 keeps.
    inst.people[0].unavailable = vec!["s2".into()];
    let pr = Problem::compile(&inst, true).unwrap();
    let s = schedule(&pr);
    check(&pr, &s).unwrap();
    assert_eq!(s.meetings.len(), 1);
    assert_eq!(
        s.meetings[0].request, 1,
        "the published meeting is the one kept"
    );
    // Asked to move published meetings, both fit.
    let pr = Problem::compile(&inst, false).unwrap();
    let s = schedule(&pr);
    check(&pr, &s).unwrap();
    assert_eq!(s.meetings.len(), 2);
}

#[test]
fn bad_instances_are_refused_naming_the_entry_and_field() {
    let mut inst = two_slot_instance();
    inst.requests[1].b = "nobody".into();
    let e = Problem::compile(&inst, true).unwrap_err().to_string();
    assert_eq!(
        e,
        "request \"r2\": b names \"nobody\", which is not a person"
    );
    let mut inst = two_slot_instance();
    inst.requests[1].a = "b1".into();
    let e = Problem::compile(&inst, true).unwrap_err().to_string();
    assert_eq!(e, "request \"r2\": b repeats the pair of request \"r1\"");
    let mut inst = two_slot_instance();
    inst.fixed = vec![
        Fixed {
            request: "r1".into(),
            slot: "s1".into(),
            table: 1,
        },
        Fixed {
            request: "r2".into(),
            slot: "s1".into(),
            table: 2,
        },
    ];
    let e = Problem::compile(&inst, true).unwrap_err().to_string();
    assert_eq!(
        e,
        "fixed meeting of request \"r2\": table must be from 1 to 1 in slot \"s1\""
    );
    let mut inst = two_slot_instance();
    inst.requests[0].weight = 0;
    let e = Problem::compile(&inst, true).unwrap_err().to_string();
    assert_eq!(e, "request \"r1\": weight must be from 1 to 1000, not 0");
    let e =
        Instance::from_json(br#"{"slots":[],"people":[],"requests":[],"colour":1}"#).unwrap_err();
    assert!(e.to_string().contains("unknown field `colour`"), "{e}");
}

#[test]
fn days_are_kept_compact() {
    // One exhibitor, three buyers, six slots: the three meetings should sit side by side.
    let inst = Instance {
        slots: (1..=6)
            .map(|i| Slot {
                id: format!("s{i}"),
                day: 0,
                tables: None,
            })
            .collect(),
        tables: 1,
        people: ["e", "b1", "b2", "b3"]
            .iter()
            .map(|id| Person {
                id: (*id).into(),
                cap: None,
                unavailable: vec![],
                available: None,
            })
            .collect(),
        requests: (1..=3)
            .map(|i| Request {
                id: None,
                a: format!("b{i}"),
                b: "e".into(),
                weight: 1,
            })
            .collect(),
        fixed: vec![],
    };
    let pr = Problem::compile(&inst, true).unwrap();
    let s = schedule(&pr);
    check(&pr, &s).unwrap();
    assert_eq!(s.meetings.len(), 3);
    assert_eq!(s.gaps, 0);
}
