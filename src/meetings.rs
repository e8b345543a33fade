//! `meetings schedule`, `meetings generate` and `bench meetings`: the scheduler on instance
//! files (docs/MEETINGS.md), so it can be checked against an exact solver on any instance.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use sc_schedule::generate::{self, Spec};
use sc_schedule::{Instance, Output, Problem, Step, check, schedule_with};

fn spinner() -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} {elapsed}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        b
    })
}

fn show(bar: &Option<indicatif::ProgressBar>, step: Step) {
    let Some(b) = bar else { return };
    match step {
        Step::Selecting => b.set_message("selecting"),
        Step::Placing { done, total } => {
            b.set_message("placing");
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
        Step::Compacting => b.set_message("compacting"),
    }
}

/// Reads an instance, schedules it and writes the schedule (to `out`, or standard output);
/// a summary goes to standard error.
pub fn schedule(instance: &Path, out: Option<&Path>, move_published: bool) -> Result<()> {
    let bytes =
        std::fs::read(instance).with_context(|| format!("reading {}", instance.display()))?;
    let inst =
        Instance::from_json(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", instance.display()))?;
    let pr = Problem::compile(&inst, !move_published)
        .map_err(|e| anyhow::anyhow!("{}: {e}", instance.display()))?;
    let bar = spinner();
    let started = Instant::now();
    let s = schedule_with(&pr, &mut |step| show(&bar, step));
    let took = started.elapsed();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    check(&pr, &s)
        .map_err(|e| anyhow::anyhow!("internal error, the schedule breaks a rule: {e}"))?;
    let json = serde_json::to_string_pretty(&Output::new(&inst, &s))?;
    match out {
        Some(path) => std::fs::write(path, json + "\n")
            .with_context(|| format!("writing {}", path.display()))?,
        None => println!("{json}"),
    }
    eprintln!(
        "{} meetings of {} requests, weight {} of at most {} ({:.2} %), {:?}, {} idle slots, {:.2} s",
        s.meetings.len(),
        pr.requests.len(),
        s.weight,
        s.bound,
        100.0 * s.share(),
        s.method,
        s.gaps,
        took.as_secs_f64()
    );
    for w in &s.warnings {
        eprintln!("warning: {w}");
    }
    Ok(())
}

pub fn generate(spec: &Spec, out: &Path) -> Result<()> {
    let inst = generate::instance(spec);
    std::fs::write(out, serde_json::to_vec(&inst)?)
        .with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "{} people, {} requests, {} slots, {} tables",
        inst.people.len(),
        inst.requests.len(),
        inst.slots.len(),
        inst.tables
    );
    Ok(())
}

/// Times the scheduler over sizes (people:requests:tables), with and without unavailability,
/// `runs` times each; prints a Markdown table.
pub fn bench(
    sizes: &[(usize, usize, u32)],
    slots: usize,
    unavailable: f64,
    runs: usize,
) -> Result<()> {
    println!(
        "| people | requests | slots × tables | unavailable | method | meetings | share of bound | gaps | time, s (median, min–max of {runs}) | first come first served: meetings, share, gaps | its time, s (median, min–max) |"
    );
    println!("|---:|---:|---:|---:|---|---:|---:|---:|---|---|---|");
    for &(people, requests, tables) in sizes {
        for u in [0.0, unavailable] {
            let spec = Spec {
                people,
                requests,
                slots,
                days: 2,
                tables,
                unavailable: u,
                max_weight: 1,
                seed: 2026,
            };
            let inst = generate::instance(&spec);
            let mut times = Vec::new();
            let mut base_times = Vec::new();
            let mut last = None;
            let mut base = None;
            for run in 0..runs {
                eprint!(
                    "\r{people} people, {requests} requests, unavailable {u}: run {}/{runs}   ",
                    run + 1
                );
                let started = Instant::now();
                let pr = Problem::compile(&inst, true)?;
                let s = schedule_with(&pr, &mut |_| {});
                times.push(started.elapsed().as_secs_f64());
                check(&pr, &s).map_err(|e| anyhow::anyhow!("the schedule breaks a rule: {e}"))?;
                last = Some(s);
                // The baseline in the same run: first come, first served.
                let started = Instant::now();
                let pr = Problem::compile(&inst, true)?;
                let b = sc_schedule::first_fit(&pr);
                base_times.push(started.elapsed().as_secs_f64());
                check(&pr, &b).map_err(|e| anyhow::anyhow!("the baseline breaks a rule: {e}"))?;
                base = Some(b);
            }
            eprintln!();
            let s = last.context("no run")?;
            let b = base.context("no run")?;
            times.sort_by(f64::total_cmp);
            base_times.sort_by(f64::total_cmp);
            println!(
                "| {people} | {requests} | {slots} × {tables} | {:.0} % | {:?} | {} | {:.4} | {} | {:.2} ({:.2}–{:.2}) | {}, {:.4}, {} | {:.3} ({:.3}–{:.3}) |",
                u * 100.0,
                s.method,
                s.meetings.len(),
                s.share(),
                s.gaps,
                times[times.len() / 2],
                times[0],
                times[times.len() - 1],
                b.meetings.len(),
                b.share(),
                b.gaps,
                base_times[base_times.len() / 2],
                base_times[0],
                base_times[base_times.len() - 1]
            );
        }
    }
    Ok(())
}
