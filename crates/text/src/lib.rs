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

/// Longest run-together form offered for two words written apart, in characters.
const MAX_JOINED_CHARS: usize = 32;

use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

pub use script::{Script, is_han};
pub use tokens::{Kind, Mode, Token};

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

    /// Every Chinese character of `text` on its own ([`Kind::Char`]), folded to Simplified: what
    /// a one-character query (茶, 燈) or the start of a word still being typed (智) is looked up
    /// in, so it finds the longer words that contain it (普洱茶, LED燈泡, 智能).
    pub fn characters(&self, text: &str) -> Vec<Token> {
        tokens::characters(self, text)
    }

    /// Two Latin words written apart as one (`smart` `watch` → `smartwatch`, stemmed like a
    /// word), or `None` where running them together means nothing (no letter, too long).
    pub fn joined(&self, first: &str, second: &str) -> Option<String> {
        let raw = format!("{first}{second}");
        let ok = raw.chars().count() <= MAX_JOINED_CHARS
            && raw
                .chars()
                .all(|c| c.is_alphanumeric() && !script::is_han(c))
            && raw.chars().any(|c| c.is_alphabetic());
        ok.then(|| self.stem(&raw))
    }

    /// The ways one Latin word (as a token: folded, stemmed) may be two words written together
    /// (`smartwatch` → `smart` + `watch`, `powerbank` → `power` + `bank`), each half stemmed
    /// like a word and at least three letters long. Which of them are real is for the caller to
    /// decide (search asks its index whether both halves occur).
    pub fn splits(&self, word: &str) -> Vec<(String, String)> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 6
            || chars.len() > MAX_JOINED_CHARS
            || !chars.iter().all(|c| c.is_ascii_alphabetic())
        {
            return vec![];
        }
        (3..=chars.len() - 3)
            .map(|i| {
                let left: String = chars[..i].iter().collect();
                let right: String = chars[i..].iter().collect();
                (self.stem(&left), self.stem(&right))
            })
            .collect()
    }

    fn stem(&self, word: &str) -> String {
        if word.chars().all(|c| c.is_alphabetic()) {
            self.stemmer.stem(word).into_owned()
        } else {
            word.to_string()
        }
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
            words("Chargers, charging", Mode::Query),
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

    fn kinds(text: &str, mode: Mode) -> Vec<(String, Kind)> {
        Analyzer::shared()
            .tokens(text, mode)
            .into_iter()
            .map(|t| (t.text, t.kind))
            .collect()
    }

    #[test]
    fn words_written_apart_are_offered_run_together_in_queries() {
        let q = kinds("Smart Watches", Mode::Query);
        assert!(q.contains(&("smart".into(), Kind::Word)), "{q:?}");
        assert!(q.contains(&("watch".into(), Kind::Word)), "{q:?}");
        assert!(
            q.contains(&("smartwatch".into(), Kind::Joined)),
            "stemmed like the word written whole: {q:?}"
        );
        // The joined form covers both words and sits where the first one does.
        let t = Analyzer::shared().tokens("power bank", Mode::Query);
        let j = t.iter().find(|t| t.kind == Kind::Joined).expect("joined");
        assert_eq!(
            (j.text.as_str(), j.start, j.end, j.position),
            ("powerbank", 0, 10, 0)
        );
        // Documents keep their words as written; punctuation, stop words and Chinese break a pair.
        assert!(
            kinds("smart watch", Mode::Index)
                .iter()
                .all(|(_, k)| *k != Kind::Joined)
        );
        for apart in [
            "smart, watch",
            "power of bank",
            "smart 手錶 watch",
            "65 100",
        ] {
            assert!(
                kinds(apart, Mode::Query)
                    .iter()
                    .all(|(_, k)| *k != Kind::Joined),
                "{apart}"
            );
        }
        assert_eq!(
            Analyzer::shared().joined("iphone", "15").as_deref(),
            Some("iphone15")
        );
    }

    #[test]
    fn a_word_written_whole_offers_its_halves() {
        let a = Analyzer::shared();
        let s = a.splits("smartwatch");
        assert!(s.contains(&("smart".into(), "watch".into())), "{s:?}");
        assert!(a.splits("power").is_empty(), "too short to hold two words");
        assert!(a.splits("usb3charger1").is_empty(), "letters only");
        assert!(s.iter().all(|(l, r)| l.len() >= 3 && r.len() >= 3), "{s:?}");
    }

    #[test]
    fn characters_stand_alone_folded_and_placed() {
        let a = Analyzer::shared();
        let t = a.characters("LED燈泡 普洱茶");
        let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["灯", "泡", "普", "洱", "茶"]);
        assert!(t.iter().all(|t| t.kind == Kind::Char));
        let text = "LED燈泡 普洱茶";
        assert_eq!(
            &text[t[0].start..t[0].end],
            "燈",
            "offsets point at the writer's character"
        );
        assert_eq!(t[1].position, t[0].position + 1, "neighbours within a run");
        assert!(t[2].position > t[1].position + 1, "a gap between runs");
        assert!(a.characters("no chinese here").is_empty());
    }

    #[test]
    fn sub_words_are_marked() {
        let t = kinds("智能手錶", Mode::Index);
        assert!(
            t.contains(&("智能手表".into(), Kind::Word))
                || t.contains(&("智能".into(), Kind::Word)),
            "{t:?}"
        );
        if t.iter().any(|(w, _)| w == "智能手表") {
            assert!(t.contains(&("智能".into(), Kind::Sub)), "{t:?}");
        }
        assert!(
            kinds("智能手錶", Mode::Query)
                .iter()
                .all(|(_, k)| *k == Kind::Word)
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
            let _ = a.characters(s);
            let _ = a.splits(s);
        }
        assert!(a.tokens("!!!???", Mode::Query).is_empty());
    }
}
