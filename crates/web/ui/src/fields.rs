//! Reading the fields that several forms share (a text in three languages, locations).

use sc_domain::{LocalizedText, Location};
use sc_web_http::FormData;

pub fn three(t: &LocalizedText) -> [String; 3] {
    [
        t.zh_hant.clone().unwrap_or_default(),
        t.zh_hans.clone().unwrap_or_default(),
        t.en.clone().unwrap_or_default(),
    ]
}

pub fn text_from(form: &FormData, prefix: &str) -> LocalizedText {
    LocalizedText {
        zh_hant: form.opt(&format!("{prefix}_zh_hant")),
        zh_hans: form.opt(&format!("{prefix}_zh_hans")),
        en: form.opt(&format!("{prefix}_en")),
    }
}

pub fn locations_from(form: &FormData, name: &str) -> Vec<Location> {
    form.all(name)
        .iter()
        .filter_map(|c| Location::parse(c).ok())
        .collect()
}
