//! Telling Traditional from Simplified Chinese and from Latin text, to pick the analyser and the
//! script to answer in.

use crate::{Analyzer, Target};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Chinese with characters only Traditional uses.
    Traditional,
    /// Chinese with characters only Simplified uses.
    Simplified,
    /// Chinese whose characters are the same in both scripts (香港, 中山).
    Chinese,
    /// Mostly Latin letters.
    Latin,
    /// Neither: digits, punctuation, emoji, other scripts.
    Other,
}

impl Script {
    pub fn code(self) -> &'static str {
        match self {
            Script::Traditional => "zh-Hant",
            Script::Simplified => "zh-Hans",
            Script::Chinese => "zh",
            Script::Latin => "latin",
            Script::Other => "other",
        }
    }
}

/// Whether `c` is a Chinese character (the CJK unified ideograph blocks and compatibility forms).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

pub(crate) fn detect(a: &Analyzer, text: &str) -> Script {
    let han: String = text.chars().filter(|c| is_han(*c)).collect();
    let latin = text
        .chars()
        .filter(|c| c.is_alphabetic() && !is_han(*c))
        .count();
    if han.is_empty() {
        return if latin > 0 {
            Script::Latin
        } else {
            Script::Other
        };
    }
    if latin > han.chars().count() * 2 {
        return Script::Latin;
    }
    // A character that changes on the way to Simplified is Traditional, and one that changes on
    // the way to Traditional is Simplified; count both and let the larger side win.
    let simplified = a.convert(&han, Target::Simplified);
    let traditional = a.convert(&han, Target::Traditional);
    let trad_only = han
        .chars()
        .zip(simplified.chars())
        .filter(|(x, y)| x != y)
        .count();
    let simp_only = han
        .chars()
        .zip(traditional.chars())
        .filter(|(x, y)| x != y)
        .count();
    match trad_only.cmp(&simp_only) {
        std::cmp::Ordering::Greater => Script::Traditional,
        std::cmp::Ordering::Less => Script::Simplified,
        std::cmp::Ordering::Equal => Script::Chinese,
    }
}
