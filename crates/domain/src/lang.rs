//! The three languages of the platform and text that exists in up to all three.

use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::Problems;

/// A language the platform speaks. Chinese is split by script because a Hong Kong reader and a
/// Shenzhen reader want different characters for the same words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum Language {
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::ZhHant, Language::ZhHans, Language::En];

    /// The BCP 47 tag used in URLs, cookies, the database and `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhHant => "zh-Hant",
            Language::ZhHans => "zh-Hans",
            Language::En => "en",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::ZhHant => "繁體中文",
            Language::ZhHans => "简体中文",
            Language::En => "English",
        }
    }

    /// Exact codes as stored, plus the common regional tags browsers send.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let t = tag.trim().to_ascii_lowercase();
        match t.as_str() {
            "zh-hant" | "zh-hk" | "zh-tw" | "zh-mo" | "zh-hant-hk" | "zh-hant-tw"
            | "zh-hant-mo" | "yue" | "zh-yue" => Some(Language::ZhHant),
            "zh-hans" | "zh-cn" | "zh-sg" | "zh-hans-cn" | "zh-hans-sg" | "zh" => {
                Some(Language::ZhHans)
            }
            _ if t == "en" || t.starts_with("en-") => Some(Language::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an HTTP `Accept-Language` header, by q-value.
    pub fn from_accept_language(header: &str) -> Option<Language> {
        let mut best: Option<(f32, Language)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("");
            let q = it
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|v| v.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            if let Some(lang) = Language::from_tag(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    /// Order in which to fall back when text is missing in this language: the other Chinese
    /// script is closer to a Chinese reader than English is.
    pub fn fallbacks(self) -> [Language; 3] {
        match self {
            Language::ZhHant => [Language::ZhHant, Language::ZhHans, Language::En],
            Language::ZhHans => [Language::ZhHans, Language::ZhHant, Language::En],
            Language::En => [Language::En, Language::ZhHant, Language::ZhHans],
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::from_tag(s)
            .ok_or_else(|| format!("unknown language {s:?}; use zh-Hant, zh-Hans or en"))
    }
}

/// Text in up to three languages. Empty strings are treated as absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LocalizedText {
    #[serde(rename = "zh-Hant", default, skip_serializing_if = "Option::is_none")]
    pub zh_hant: Option<String>,
    #[serde(rename = "zh-Hans", default, skip_serializing_if = "Option::is_none")]
    pub zh_hans: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LocalizedText {
    pub fn new(zh_hant: &str, zh_hans: &str, en: &str) -> Self {
        let some = |s: &str| {
            if s.trim().is_empty() {
                None
            } else {
                Some(s.to_string())
            }
        };
        LocalizedText {
            zh_hant: some(zh_hant),
            zh_hans: some(zh_hans),
            en: some(en),
        }
    }

    pub fn in_lang(&self, lang: Language) -> Option<&str> {
        let v = match lang {
            Language::ZhHant => &self.zh_hant,
            Language::ZhHans => &self.zh_hans,
            Language::En => &self.en,
        };
        v.as_deref().filter(|s| !s.trim().is_empty())
    }

    pub fn set(&mut self, lang: Language, value: Option<String>) {
        let value = value.filter(|s| !s.trim().is_empty());
        match lang {
            Language::ZhHant => self.zh_hant = value,
            Language::ZhHans => self.zh_hans = value,
            Language::En => self.en = value,
        }
    }

    /// The text to show a reader of `lang`, falling back to the closest language present.
    pub fn best(&self, lang: Language) -> &str {
        lang.fallbacks()
            .into_iter()
            .find_map(|l| self.in_lang(l))
            .unwrap_or("")
    }

    /// The language actually shown by [`best`](Self::best), for the HTML `lang` attribute.
    pub fn best_lang(&self, lang: Language) -> Language {
        lang.fallbacks()
            .into_iter()
            .find(|l| self.in_lang(*l).is_some())
            .unwrap_or(lang)
    }

    pub fn is_empty(&self) -> bool {
        Language::ALL.iter().all(|l| self.in_lang(*l).is_none())
    }

    /// Drops empty strings and trims, so storage never holds `""` for "absent".
    pub fn normalized(mut self) -> Self {
        for l in Language::ALL {
            let v = self.in_lang(l).map(|s| s.trim().to_string());
            self.set(l, v);
        }
        self
    }

    /// Checks each language for length and control characters; `required` needs one language.
    pub fn validate(&self, field: &str, max: usize, required: bool, problems: &mut Problems) {
        if required && self.is_empty() {
            problems.push(
                field,
                ErrorCode::Required,
                "give the text in at least one of zh-Hant, zh-Hans, en",
            );
        }
        for l in Language::ALL {
            if let Some(v) = self.in_lang(l) {
                problems.text(&format!("{field}.{}", l.code()), v, max);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_highest_supported_tag() {
        assert_eq!(
            Language::from_accept_language("fr;q=1, zh-HK;q=0.8, en;q=0.5"),
            Some(Language::ZhHant)
        );
        assert_eq!(
            Language::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Some(Language::ZhHans)
        );
        assert_eq!(Language::from_accept_language("de, fr"), None);
        assert_eq!(Language::from_accept_language("en-GB"), Some(Language::En));
    }

    #[test]
    fn missing_text_falls_back_to_the_other_chinese_script_first() {
        let t = LocalizedText::new("", "电子", "Electronics");
        assert_eq!(t.best(Language::ZhHant), "电子");
        assert_eq!(t.best(Language::En), "Electronics");
        assert_eq!(t.best_lang(Language::ZhHant), Language::ZhHans);
        let only_en = LocalizedText::new(" ", "", "Only");
        assert_eq!(only_en.best(Language::ZhHans), "Only");
    }

    #[test]
    fn empty_text_is_rejected_when_required() {
        let mut p = Problems::new();
        LocalizedText::default().validate("name", 10, true, &mut p);
        let err = p.finish().unwrap_err();
        assert_eq!(err.0[0].field, "name");
        assert_eq!(err.0[0].code, ErrorCode::Required);
    }
}
