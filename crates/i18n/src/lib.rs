//! The platform's words in Traditional Chinese, Simplified Chinese and English, kept as Fluent
//! files under `locales/{zh-Hant,zh-Hans,en}/` (one per area) that translators edit without
//! touching Rust. The files are compiled into the binary; nothing is read at run time.
//!
//! A message is looked up by key: [`Words::t`] for plain text, [`Words::count`] for a number
//! with its plural form ("1 result", "3 results"), [`Words::with`] for messages with named
//! arguments ("line { $line }"). Tests check that every file parses, that every language has
//! every key, and that every key the code and templates use exists.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use sc_domain::market::{AttrSpec, ListingKind, Market};
use sc_domain::{Language, Location};

macro_rules! files {
    ($lang:ident, $dir:literal) => {
        files!(@ $lang, $dir, [
            "common.ftl", "errors.ftl", "accounts.ftl", "catalogue.ftl", "fairs.ftl",
            "markets.ftl", "sectors.ftl", "places.ftl", "countries.ftl", "matching.ftl",
            "messages.ftl", "meetings.ftl"
        ])
    };
    (@ $lang:ident, $dir:literal, [$($file:literal),*]) => {
        [$((
            Language::$lang,
            $file,
            include_str!(concat!("../../../locales/", $dir, "/", $file)),
        )),*]
    };
}

/// Every Fluent file: (language, file name, text). A test checks this list against the
/// `locales/` directory, so a file added there and not here fails.
pub const FILES: &[(Language, &str, &str)] = [
    files!(ZhHant, "zh-Hant"),
    files!(ZhHans, "zh-Hans"),
    files!(En, "en"),
]
.as_flattened();

struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    /// Every message formatted once without arguments: the common case costs a hash lookup.
    plain: HashMap<String, &'static str>,
}

fn load(lang: Language) -> Catalogue {
    let id: unic_langid::LanguageIdentifier = lang
        .code()
        .parse()
        .expect("the language codes are valid tags");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) around arguments would end up inside CSV cells and
    // e-mail subjects; our texts do not mix directions.
    bundle.set_use_isolating(false);
    for (l, name, text) in FILES {
        if *l != lang {
            continue;
        }
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(_, e)| {
            panic!("locales/{}/{name} does not parse: {e:?}", lang.code())
        });
        bundle
            .add_resource(resource)
            .unwrap_or_else(|e| panic!("locales/{}/{name} repeats a key: {e:?}", lang.code()));
    }
    let mut plain = HashMap::new();
    for key in keys_of(lang) {
        let msg = bundle.get_message(&key).expect("listed keys exist");
        if let Some(pattern) = msg.value() {
            // A message that expects arguments is kept too, with its placeholders showing
            // (`{$booth}`): what `t` answers if one is called without them, never "??".
            let mut errors = vec![];
            let text = bundle.format_pattern(pattern, None, &mut errors);
            // Leaked once per message and language at start-up: a few hundred kilobytes.
            plain.insert(key, &*Box::leak(text.into_owned().into_boxed_str()));
        }
    }
    Catalogue { bundle, plain }
}

static CATALOGUES: LazyLock<[Catalogue; 3]> = LazyLock::new(|| {
    [
        load(Language::ZhHant),
        load(Language::ZhHans),
        load(Language::En),
    ]
});

fn catalogue(lang: Language) -> &'static Catalogue {
    &CATALOGUES[match lang {
        Language::ZhHant => 0,
        Language::ZhHans => 1,
        Language::En => 2,
    }]
}

/// The message keys the files of `lang` define.
pub fn keys_of(lang: Language) -> BTreeSet<String> {
    FILES
        .iter()
        .filter(|(l, _, _)| *l == lang)
        .flat_map(|(_, name, text)| {
            let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(_, e)| {
                panic!("locales/{}/{name} does not parse: {e:?}", lang.code())
            });
            resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The name a hall gets when nobody gave one ("展館 1A", "展馆 1A", "Hall 1A"), from the
/// catalogue's `fair-default_hall_name` in each language.
pub fn default_hall_name(code: &str) -> sc_domain::LocalizedText {
    let name = |lang| Words::new(lang).with("fair-default_hall_name", &[("code", code.into())]);
    sc_domain::LocalizedText::new(
        &name(Language::ZhHant),
        &name(Language::ZhHans),
        &name(Language::En),
    )
}

/// An argument of a message: a number (plural forms select on it) or a text.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Number(i64),
    Text(&'a str),
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Number(n as i64)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}

/// A number a message can count (templates hand over references, so those count too).
pub trait Count {
    fn value(&self) -> i64;
}

macro_rules! count {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn value(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
count!(i64, i32, u32, u64, usize);

impl<T: Count> Count for &T {
    fn value(&self) -> i64 {
        (**self).value()
    }
}

/// The words for one reader's language; handed to every template as `t`.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub lang: Language,
}

impl Words {
    pub fn new(lang: Language) -> Self {
        Words { lang }
    }

    /// The text of `key`; `??` if missing (visible in review, never a crash; a test keeps it
    /// from shipping).
    pub fn t(&self, key: &str) -> &'static str {
        self.try_t(key).unwrap_or_else(|| {
            tracing::warn!(key, lang = self.lang.code(), "missing UI text");
            "??"
        })
    }

    /// The text of `key`, if the catalogue has it.
    pub fn try_t(&self, key: &str) -> Option<&'static str> {
        catalogue(self.lang).plain.get(key).copied()
    }

    /// `key` with named arguments, e.g. `with("import-line", &[("line", 3.into())])`.
    pub fn with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let c = catalogue(self.lang);
        let Some(pattern) = c.bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = self.lang.code(), "missing UI text");
            return "??".into();
        };
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Number(n) => fa.set(*name, FluentValue::from(*n)),
                Arg::Text(s) => fa.set(*name, FluentValue::from(*s)),
            }
        }
        let mut errors = vec![];
        let text = c.bundle.format_pattern(pattern, Some(&fa), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, ?errors, "UI text lacks an argument");
        }
        text.into_owned()
    }

    /// A place's name (`locales/*/places.ftl`, `countries.ftl`).
    pub fn place(&self, l: &Location) -> &'static str {
        self.t(&l.label_key())
    }

    /// A sector's name; `None` for a code that is not a sector.
    pub fn sector(&self, code: &str) -> Option<&'static str> {
        self.try_t(&sc_domain::sector::sector_key(code))
    }

    pub fn market(&self, m: Market) -> &'static str {
        self.t(&m.label_key())
    }

    /// A kind of listing's name.
    pub fn listing_kind(&self, k: ListingKind) -> &'static str {
        self.t(&k.label_key())
    }

    /// A market field's label.
    pub fn attr(&self, spec: &AttrSpec) -> &'static str {
        self.t(&spec.label_key())
    }

    /// An option's label; the value itself where the catalogue has none (currency codes and
    /// the like read the same everywhere).
    pub fn option<'a>(&self, value: &'a str) -> &'a str {
        self.try_t(&sc_domain::market::option_key(value))
            .unwrap_or(value)
    }

    /// `key` with `$count`, in the plural form the language uses for that number.
    pub fn count(&self, key: &str, count: impl Count) -> String {
        self.with(key, &[("count", Arg::Number(count.value()))])
    }
}
