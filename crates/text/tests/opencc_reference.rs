//! The converter proven against outside references: OpenCC's own published test cases, and
//! OpenCC's command-line tool (Debian package `opencc`) on a corpus of real Traditional Chinese
//! text (the source paper in `../shared/seed/`).

use std::io::Write;
use std::process::{Command, Stdio};

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use sc_text::{Analyzer, Target};

/// Set by the README's test command, where the reference must be present.
fn required() -> bool {
    std::env::var("SC_REQUIRE_REFERENCES").is_ok_and(|v| v == "1")
}

#[test]
fn opencc_published_test_cases_pass() {
    let suite: serde_json::Value =
        serde_json::from_str(include_str!("data/opencc-testcases.json")).unwrap();
    let mut ran = 0;
    for case in suite["cases"].as_array().unwrap() {
        let input = case["input"].as_str().unwrap();
        for (config, expected) in case["expected"].as_object().unwrap() {
            // Japanese Shinjitai is outside this platform's three languages and not compiled in.
            if config.starts_with("jp") || config.ends_with("jp") {
                continue;
            }
            let converter = OpenCC::from_config(
                BuiltinConfig::from_filename(&format!("{config}.json")).unwrap(),
            )
            .unwrap();
            assert_eq!(
                converter.convert(input),
                expected.as_str().unwrap(),
                "case {} with {config}",
                case["id"]
            );
            // The two directions the platform itself uses go through its own entry point too.
            match config.as_str() {
                "hk2s" => assert_eq!(
                    Analyzer::shared().convert(input, Target::Simplified),
                    expected.as_str().unwrap()
                ),
                "s2hk" => assert_eq!(
                    Analyzer::shared().convert(input, Target::Traditional),
                    expected.as_str().unwrap()
                ),
                _ => {}
            }
            ran += 1;
        }
    }
    // 147 expectations in the suite, 8 of them Japanese.
    assert_eq!(ran, 139, "every non-Japanese case runs");
}

fn opencc_cli(config: &str, input: &str) -> Option<String> {
    let mut child = match Command::new("opencc")
        .args(["-c", config])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            assert!(
                !required(),
                "OpenCC's command-line tool is required here but could not start: {e}"
            );
            eprintln!(
                "note: `opencc` not installed; the comparison with it did not run (scripts/test installs it)"
            );
            return None;
        }
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "opencc -c {config} failed");
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Share of characters on which two conversions of the same text agree.
fn agreement(ours: &str, theirs: &str) -> f64 {
    let a: Vec<char> = ours.chars().collect();
    let b: Vec<char> = theirs.chars().collect();
    let same = a.iter().zip(&b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(b.len()).max(1) as f64
}

#[test]
fn the_source_paper_converts_as_opencc_converts_it() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/bpa-2024-third-plenum-proposals.zh-Hant.txt"
    );
    let corpus = match std::fs::read_to_string(path) {
        Ok(c) => c,
        Err(e) => {
            assert!(
                !required(),
                "the seed corpus is required here but unreadable at {path}: {e}"
            );
            eprintln!("note: seed corpus not found at {path}; comparison not run");
            return;
        }
    };
    assert!(corpus.chars().count() > 10_000);
    for (config, target) in [
        ("hk2s.json", Target::Simplified),
        ("t2s.json", Target::Simplified),
    ] {
        let Some(reference) = opencc_cli(config, &corpus) else {
            return;
        };
        let ours = Analyzer::shared().convert(&corpus, target);
        let share = agreement(&ours, &reference);
        eprintln!(
            "{config}: {:.4}% of {} characters agree with OpenCC's tool",
            share * 100.0,
            reference.chars().count()
        );
        assert!(share >= 0.995, "{config}: only {:.3}% agree", share * 100.0);
    }
    // And back: the Simplified text to Hong Kong Traditional.
    let simplified = Analyzer::shared().convert(&corpus, Target::Simplified);
    if let Some(reference) = opencc_cli("s2hk.json", &simplified) {
        let share = agreement(
            &Analyzer::shared().convert(&simplified, Target::Traditional),
            &reference,
        );
        eprintln!("s2hk.json: {:.4}% agree", share * 100.0);
        assert!(share >= 0.995, "s2hk: only {:.3}% agree", share * 100.0);
    }
}
