//! One text pipeline for Traditional Chinese, Simplified Chinese and English, used by search
//! (and, next, matching) so that a Shenzhen buyer typing Simplified, a Hong Kong exhibitor
//! writing Traditional and a Dubai buyer typing English meet on the same tokens.
//!
//! The pipeline, in order (charabia's shape): normalise each character (NFKC: full-width to
//! half-width, compatibility forms to plain ones; then lower case), fold Chinese to one script
//! (Simplified, through OpenCC's Hong Kong dictionaries, at phrase level), segment Chinese with
//! jieba, split Latin text into words (keeping hyphenated compounds such as `USB-C` whole as well
//! as in parts), stem English. Every token keeps the byte range it came from in the original
//! text, so highlighting shows the writer's own characters.

mod script;
mod tokens;

use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

pub use script::Script;
pub use tokens::{Mode, Token};

/// The converters and dictionaries, built once (jieba's dictionary takes ~0.4 s to load).
pub struct Analyzer {
    to_simplified: OpenCC,
    to_traditional: OpenCC,
    jieba: jieba_rs::Jieba,
    stemmer: rust_stemmers::Stemmer,
}

/// Which Chinese script to convert to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Simplified Chinese as used on the Mainland.
    Simplified,
    /// Traditional Chinese in Hong Kong's standard forms.
    Traditional,
}

impl Analyzer {
    /// The process-wide analyzer.
    pub fn shared() -> &'static Analyzer {
        static A: OnceLock<Analyzer> = OnceLock::new();
        A.get_or_init(Analyzer::new)
    }

    fn new() -> Analyzer {
        Analyzer {
            // Hong Kong variants first (HK is home), then standard Traditional → Simplified.
            to_simplified: OpenCC::from_config(BuiltinConfig::Hk2s)
                .expect("built-in OpenCC dictionaries load"),
            to_traditional: OpenCC::from_config(BuiltinConfig::S2hk)
                .expect("built-in OpenCC dictionaries load"),
            jieba: jieba_rs::Jieba::new(),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
        }
    }

    /// Converts Chinese text to one script at phrase level; other text passes unchanged.
    pub fn convert(&self, text: &str, to: Target) -> String {
        match to {
            Target::Simplified => self.to_simplified.convert(text),
            Target::Traditional => self.to_traditional.convert(text),
        }
    }

    /// The form every comparison uses: normalised characters, lower case, Simplified script.
    pub fn fold(&self, text: &str) -> String {
        let normal: String = tokens::normalize(text)
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        self.convert(&normal, Target::Simplified)
    }

    /// Which script a text is written in.
    pub fn script(&self, text: &str) -> Script {
        script::detect(self, text)
    }

    /// The tokens of `text`: [`Mode::Index`] also emits the sub-words of long Chinese words, so
    /// a short query finds a long word; [`Mode::Query`] keeps each word whole.
    pub fn tokens(&self, text: &str, mode: Mode) -> Vec<Token> {
        tokens::tokenize(self, text, mode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, mode: Mode) -> Vec<String> {
        Analyzer::shared()
            .tokens(text, mode)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn traditional_and_simplified_fold_to_the_same_tokens() {
        let a = words("無線藍牙耳機", Mode::Query);
        let b = words("无线蓝牙耳机", Mode::Query);
        assert_eq!(a, b);
        assert!(a.contains(&"耳机".to_string()), "{a:?}");
    }

    #[test]
    fn mixed_strings_split_into_latin_and_chinese_words() {
        let t = words("USB-C 充電器 65W", Mode::Index);
        for w in ["usb", "c", "usbc", "充电器", "65w"] {
            assert!(t.contains(&w.to_string()), "{w} missing from {t:?}");
        }
        let t = words("Type-C數據線", Mode::Index);
        for w in ["type", "c", "typec", "数据线"] {
            assert!(t.contains(&w.to_string()), "{w} missing from {t:?}");
        }
    }

    #[test]
    fn full_width_and_case_fold_away() {
        assert_eq!(
            words("ＵＳＢ充電器", Mode::Query),
            words("usb充电器", Mode::Query)
        );
        assert_eq!(Analyzer::shared().fold("ＡＢＣ　１２３"), "abc 123");
    }

    #[test]
    fn english_is_stemmed() {
        assert_eq!(
            words("Chargers charging", Mode::Query),
            vec!["charger", "charg"]
        );
        assert_eq!(words("lights", Mode::Query), words("light", Mode::Query));
    }

    #[test]
    fn index_mode_offers_sub_words_of_long_words() {
        let index = words("中華人民共和國", Mode::Index);
        let query = words("中華人民共和國", Mode::Query);
        assert!(index.len() > query.len(), "{index:?} vs {query:?}");
        assert!(
            index.contains(&"共和".to_string()) || index.contains(&"共和国".to_string()),
            "{index:?}"
        );
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "ＵＳＢ 充電器";
        for t in Analyzer::shared().tokens(text, Mode::Index) {
            assert!(
                text.is_char_boundary(t.start) && text.is_char_boundary(t.end) && t.start < t.end,
                "{t:?}"
            );
        }
        let t = Analyzer::shared().tokens(text, Mode::Query);
        assert_eq!(&text[t[0].start..t[0].end], "ＵＳＢ");
        assert_eq!(&text[t[1].start..t[1].end], "充電器");
    }

    #[test]
    fn scripts_are_told_apart() {
        let a = Analyzer::shared();
        assert_eq!(a.script("香港會議展覽中心"), Script::Traditional);
        assert_eq!(a.script("香港会议展览中心"), Script::Simplified);
        assert_eq!(a.script("Hong Kong Convention Centre"), Script::Latin);
        assert_eq!(
            a.script("香港"),
            Script::Chinese,
            "the same in both scripts"
        );
        assert_eq!(a.script("😀 !!"), Script::Other);
    }

    #[test]
    fn conversion_uses_phrases_and_hong_kong_forms() {
        let a = Analyzer::shared();
        assert_eq!(a.convert("头发", Target::Traditional), "頭髮");
        assert_eq!(a.convert("发展", Target::Traditional), "發展");
        assert_eq!(
            a.convert("香港會議展覽中心", Target::Simplified),
            "香港会议展览中心"
        );
    }

    #[test]
    fn hostile_input_is_handled() {
        let a = Analyzer::shared();
        for s in [
            "",
            "\0\u{7}",
            "!!!???",
            "😀😀",
            "\u{FEFF}",
            "\u{0301}\u{0301}",
            &"長".repeat(10_000),
            "a-",
            "-a",
            "--",
            "\u{10FFFF}",
        ] {
            let _ = a.tokens(s, Mode::Index);
            let _ = a.tokens(s, Mode::Query);
            let _ = a.fold(s);
            let _ = a.script(s);
        }
        assert!(a.tokens("!!!???", Mode::Query).is_empty());
    }
}
