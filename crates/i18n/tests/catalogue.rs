//! The catalogues are complete: every file parses and is compiled in, every language has every
//! key, and every key the web edge's code and templates name exists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sc_domain::Language;
use sc_i18n::{FILES, Words, keys_of};

const LANGS: [Language; 3] = [Language::ZhHant, Language::ZhHans, Language::En];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

#[test]
fn every_file_under_locales_is_compiled_in() {
    let mut on_disk = vec![];
    files_under(&root().join("locales"), "ftl", &mut on_disk);
    let on_disk: BTreeSet<String> = on_disk
        .iter()
        .map(|p| {
            let lang = p.parent().unwrap().file_name().unwrap().to_string_lossy();
            format!("{lang}/{}", p.file_name().unwrap().to_string_lossy())
        })
        .collect();
    let listed: BTreeSet<String> = FILES
        .iter()
        .map(|(l, name, _)| format!("{}/{name}", l.code()))
        .collect();
    assert_eq!(on_disk, listed, "locales/ and sc_i18n::FILES differ");
}

#[test]
fn every_language_has_every_key_and_no_empty_text() {
    let all: BTreeSet<String> = LANGS.iter().flat_map(|l| keys_of(*l)).collect();
    assert!(all.len() > 250, "only {} keys", all.len());
    for lang in LANGS {
        let have = keys_of(lang);
        let missing: Vec<_> = all.difference(&have).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        let w = Words::new(lang);
        for key in &have {
            // Messages with arguments are formatted by `with`/`count`, and tested there.
            if let Some(text) = w.try_t(key) {
                assert!(!text.trim().is_empty(), "{}: {key} is empty", lang.code());
            }
        }
    }
}

#[test]
fn plurals_and_arguments_follow_each_language() {
    let en = Words::new(Language::En);
    assert_eq!(en.count("results-count", 1), "1 result");
    assert_eq!(en.count("results-count", 3), "3 results");
    assert_eq!(en.count("results-count", 0), "0 results");
    assert_eq!(
        Words::new(Language::ZhHant).count("results-count", 1),
        "1 項結果"
    );
    assert_eq!(
        Words::new(Language::ZhHans).count("results-count", 3),
        "3 项结果"
    );
    // No bidi isolation marks around arguments.
    assert!(!en.count("results-count", 3).contains('\u{2068}'));
    assert_eq!(en.t("no-such-key-anywhere"), "??");
}

/// The keys a source file names: `t.t("…")`, `t.try_t("…")`, `t.count("…"`, `t.with("…"`
/// in templates; in Rust, also any string literal shaped like a key of a known area
/// (`"err-forbidden"` handed to `t.t` later).
fn keys_named(text: &str, rust: bool, prefixes: &BTreeSet<String>) -> Vec<String> {
    let mut out = vec![];
    for call in [
        "t.t(\"",
        "t.try_t(\"",
        "t.count(\"",
        "t.with(\"",
        "t().t(\"",
    ] {
        for part in text.split(call).skip(1) {
            let key = part.split('"').next().unwrap();
            if !key.contains('{') {
                out.push(key.to_string());
            }
        }
    }
    if rust {
        for part in text.split('"').skip(1).step_by(2) {
            let Some((prefix, rest)) = part.split_once('-') else {
                continue;
            };
            let shaped = !rest.is_empty()
                && part.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-'
                });
            if shaped && prefixes.contains(prefix) {
                out.push(part.to_string());
            }
        }
    }
    out
}

#[test]
fn every_key_the_code_and_templates_name_exists() {
    let keys = keys_of(Language::En);
    let prefixes: BTreeSet<String> = keys
        .iter()
        .filter_map(|k| k.split_once('-').map(|(p, _)| p.to_string()))
        .collect();
    let mut files = vec![];
    files_under(&root().join("crates/web"), "html", &mut files);
    let templates = files.len();
    files_under(&root().join("crates/web"), "rs", &mut files);
    assert!(
        templates > 20 && files.len() > templates + 30,
        "sources not found"
    );
    let mut missing = vec![];
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let rust = path.extension().is_some_and(|e| e == "rs");
        for key in keys_named(&text, rust, &prefixes) {
            if !keys.contains(&key) {
                missing.push(format!("{}: {key}", path.display()));
            }
        }
    }
    assert!(missing.is_empty(), "keys with no message: {missing:#?}");
}

#[test]
fn every_error_code_has_a_message_in_every_language() {
    for lang in LANGS {
        let keys = keys_of(lang);
        let missing: Vec<_> = sc_domain::ErrorCode::ALL
            .iter()
            .map(|c| c.message_key())
            .filter(|k| !keys.contains(k))
            .collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
    }
    // And no message for a code that does not exist (a renamed code leaves one behind).
    let codes: BTreeSet<String> = sc_domain::ErrorCode::ALL
        .iter()
        .map(|c| c.message_key())
        .collect();
    let stale: Vec<_> = keys_of(Language::En)
        .into_iter()
        .filter(|k| k.starts_with("err-") && !codes.contains(k))
        .collect();
    assert!(stale.is_empty(), "messages for no code: {stale:?}");
}

#[test]
fn every_place_sector_market_kind_field_and_option_has_a_name() {
    use sc_domain::market::{AttrType, ListingKind, Market, option_key};
    let mut keys: Vec<String> = sc_domain::Location::all().map(|l| l.label_key()).collect();
    keys.extend(
        sc_domain::sector::SECTORS
            .iter()
            .map(|s| sc_domain::sector::sector_key(s)),
    );
    keys.extend(Market::ALL.iter().map(|m| m.label_key()));
    for k in ListingKind::ALL {
        keys.push(k.label_key());
        for spec in k.schema() {
            keys.push(spec.label_key());
            if let AttrType::OneOf(opts) | AttrType::ManyOf(opts) = spec.ty {
                keys.extend(opts.iter().map(|o| option_key(o)));
            }
        }
    }
    for lang in LANGS {
        let have = keys_of(lang);
        let missing: Vec<_> = keys.iter().filter(|k| !have.contains(*k)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
    }
    let jp = sc_domain::Location::parse("JP").unwrap();
    assert_eq!(Words::new(Language::En).place(&jp), "Japan");
    assert_eq!(Words::new(Language::ZhHant).place(&jp), "日本");
    let dg = sc_domain::Location::parse("CN-GD-DG").unwrap();
    assert_eq!(Words::new(Language::ZhHans).place(&dg), "东莞");
    assert_eq!(Words::new(Language::ZhHant).option("full_time"), "全職");
    assert_eq!(
        Words::new(Language::En).option("HKD"),
        "Hong Kong dollar (HKD)"
    );
}
