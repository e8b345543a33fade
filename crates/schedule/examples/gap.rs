//! Development aid: schedules every `iN.json` in a directory and compares with `hN.json`
//! (the output of scripts/meetings-highs.py). `cargo run --release -p sc-schedule --example gap DIR`
fn main() {
    let dir = std::env::args().nth(1).expect("a directory");
    let (mut ours, mut best) = (0u64, 0u64);
    for i in 1.. {
        let Ok(bytes) = std::fs::read(format!("{dir}/i{i}.json")) else {
            break;
        };
        let inst = sc_schedule::Instance::from_json(&bytes).unwrap();
        let pr = sc_schedule::Problem::compile(&inst, true).unwrap();
        let t = std::time::Instant::now();
        let s = sc_schedule::schedule(&pr);
        sc_schedule::check(&pr, &s).unwrap();
        let h: serde_json::Value =
            serde_json::from_slice(&std::fs::read(format!("{dir}/h{i}.json")).unwrap()).unwrap();
        let opt = h["objective"].as_u64().unwrap();
        println!(
            "{i}: {} / {opt} (bound {}) {:.1} % {:.3}s",
            s.weight,
            s.bound,
            100.0 * s.weight as f64 / opt as f64,
            t.elapsed().as_secs_f64()
        );
        ours += s.weight;
        best += opt;
    }
    println!(
        "total {ours} / {best} = {:.2} %",
        100.0 * ours as f64 / best as f64
    );
}
