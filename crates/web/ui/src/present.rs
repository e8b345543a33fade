//! Turning domain values into what a reader of one language sees.

use std::collections::HashMap;

use sc_domain::fair::Fair;
use sc_domain::listing::{Listing, ListingStatus, Owner};
use sc_domain::organisation::{OrgKind, Organisation};
use sc_domain::sector::SECTORS;
use sc_domain::{Language, LocalizedText, Location};

use crate::views::{FairCard, ListingCard, Opt, OrgCard, Pager};
use sc_i18n::Words;

/// Text as a reader sees it. Written only in the other Chinese script, it is converted to the
/// reader's for display (Hong Kong forms for Traditional), and the original is kept for the
/// page to offer; otherwise it is shown as written, in the closest language present.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    pub text: String,
    /// The language of `text`, for the HTML `lang` attribute.
    pub lang: &'static str,
    /// When converted: the text as written, and its language.
    pub original: Option<(String, &'static str)>,
}

impl Shown {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// See [`Shown`].
pub fn shown(text: &LocalizedText, reader: Language) -> Shown {
    shown_as(text.best(reader), text.best_lang(reader), reader)
}

/// [`Shown`] for one text written in `written`.
pub fn shown_as(text: &str, written: Language, reader: Language) -> Shown {
    let target = match (reader, written) {
        (Language::ZhHant, Language::ZhHans) => Some(sc_text::Target::Traditional),
        (Language::ZhHans, Language::ZhHant) => Some(sc_text::Target::Simplified),
        _ => None,
    };
    let Some(to) = target else {
        return Shown {
            text: text.to_string(),
            lang: written.code(),
            original: None,
        };
    };
    let converted = sc_text::Analyzer::shared().convert(text, to);
    if converted == text {
        // The same in both scripts (智能音箱): nothing was converted.
        return Shown {
            text: converted,
            lang: written.code(),
            original: None,
        };
    }
    Shown {
        text: converted,
        lang: reader.code(),
        original: Some((text.to_string(), written.code())),
    }
}

/// What a page says when it shows text converted from the other script, with the original
/// one tap away (`_converted.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// Message key: which script the text was converted from.
    pub note: &'static str,
    pub lang: &'static str,
    /// The originals of the converted parts, in page order.
    pub parts: Vec<String>,
}

/// The note and originals for the parts of a page that were converted, if any was.
pub fn converted(parts: &[&Shown]) -> Option<Converted> {
    let originals: Vec<&(String, &'static str)> =
        parts.iter().filter_map(|p| p.original.as_ref()).collect();
    let lang = originals.first()?.1;
    Some(Converted {
        note: if lang == Language::ZhHans.code() {
            "text-converted_from_hans"
        } else {
            "text-converted_from_hant"
        },
        lang,
        parts: originals.into_iter().map(|o| o.0.clone()).collect(),
    })
}

pub fn kind_label(kind: OrgKind, t: Words) -> &'static str {
    t.t(match kind {
        OrgKind::Company => "kind-company",
        OrgKind::ChamberOfCommerce => "kind-chamber_of_commerce",
        OrgKind::SemiOfficialBody => "kind-semi_official_body",
        OrgKind::University => "kind-university",
        OrgKind::Investor => "kind-investor",
        OrgKind::ServiceFirm => "kind-service_firm",
    })
}

pub fn status_label(s: ListingStatus, t: Words) -> &'static str {
    t.t(match s {
        ListingStatus::Draft => "status-draft",
        ListingStatus::Published => "status-published",
        ListingStatus::Archived => "status-archived",
    })
}

pub fn org_card(o: &Organisation, t: Words, booth: Option<String>) -> OrgCard {
    let name = shown(&o.name, t.lang);
    OrgCard {
        id: o.id,
        name: name.text,
        name_lang: name.lang,
        kind: kind_label(o.kind, t),
        location: t.place(&o.location).to_string(),
        sectors: o.sectors.iter().filter_map(|s| t.sector(s)).collect(),
        verified: o.verified,
        booth,
    }
}

pub fn listing_card(
    l: &Listing,
    t: Words,
    org_names: &HashMap<i64, LocalizedText>,
    person_names: &HashMap<i64, String>,
) -> ListingCard {
    let (owner, owner_href) = match l.owner {
        Owner::Organisation(id) => (
            org_names
                .get(&id)
                .map(|n| shown(n, t.lang).text)
                .unwrap_or_default(),
            Some(format!("/organisations/{id}")),
        ),
        Owner::Person(id) => (person_names.get(&id).cloned().unwrap_or_default(), None),
    };
    let title = shown(&l.title, t.lang);
    ListingCard {
        id: l.id,
        thumb: None,
        title: title.text,
        title_lang: title.lang,
        kind: t.listing_kind(l.kind),
        owner,
        owner_href,
        codes: l.codes.join(", "),
        status: (l.status != ListingStatus::Published).then(|| status_label(l.status, t)),
    }
}

pub fn fair_card(f: &Fair, t: Words) -> FairCard {
    let name = shown(&f.name, t.lang);
    FairCard {
        id: f.id,
        name: name.text,
        name_lang: name.lang,
        dates: format!("{} – {}", f.starts_on, f.ends_on),
        venue: f.venue.best(t.lang).to_string(),
    }
}

/// Pager links keep the other query parameters of `base` (which must already hold a `?`).
pub fn pager(total: i64, page: u32, per_page: u32, base: &str) -> Pager {
    let pages = ((total.max(1) as u64).div_ceil(per_page as u64)) as u32;
    let sep = if base.ends_with('?') { "" } else { "&" };
    Pager {
        total,
        page,
        pages,
        prev: (page > 1).then(|| format!("{base}{sep}page={}", page - 1)),
        next: (page < pages).then(|| format!("{base}{sep}page={}", page + 1)),
    }
}

pub fn location_options(lang: Language, selected: &[Location]) -> Vec<Opt> {
    Location::all()
        .map(|l| Opt {
            value: l.code().to_string(),
            label: Words::new(lang).place(&l).to_string(),
            selected: selected.contains(&l),
        })
        .collect()
}

pub fn language_options(selected: Language) -> Vec<Opt> {
    [
        (Language::ZhHant, "繁體中文"),
        (Language::ZhHans, "简体中文"),
        (Language::En, "English"),
    ]
    .into_iter()
    .map(|(l, label)| Opt {
        value: l.code().into(),
        label: label.into(),
        selected: l == selected,
    })
    .collect()
}

pub fn sector_options(lang: Language, selected: &[String]) -> Vec<Opt> {
    SECTORS
        .iter()
        .map(|c| Opt {
            value: c.to_string(),
            label: Words::new(lang).sector(c).unwrap_or(c).to_string(),
            selected: selected.iter().any(|s| s == c),
        })
        .collect()
}

pub fn org_kind_options(t: Words, selected: Option<OrgKind>) -> Vec<Opt> {
    OrgKind::ALL
        .into_iter()
        .map(|k| Opt {
            value: k.code().into(),
            label: kind_label(k, t).into(),
            selected: Some(k) == selected,
        })
        .collect()
}

/// Translates field errors for a form: one message per top-level field.
pub fn form_errors(inv: &sc_domain::Invalid, t: Words) -> crate::views::Errors {
    let mut out = crate::views::Errors::new();
    for e in &inv.0 {
        let top = e.field.split(['.', '[']).next().unwrap_or("").to_string();
        // attributes.moq is shown beside the `moq` field.
        let key = if top == "attributes" {
            let rest = e.field.trim_start_matches("attributes.");
            rest.split('[').next().unwrap_or(rest).to_string()
        } else {
            top
        };
        let msg = t.t(&e.code.message_key()).to_string();
        out.entry(key)
            .and_modify(|m: &mut String| {
                if !m.contains(&msg) {
                    m.push(' ');
                    m.push_str(&msg);
                }
            })
            .or_insert(msg);
    }
    out
}

/// The translated outcome of the last change, from a page's `?notice=` code (a `notice.` or
/// `err.` key of the catalogue); unknown codes show nothing.
pub fn notice_text(code: Option<&str>, t: Words) -> Option<String> {
    code.and_then(|n| {
        t.try_t(&format!("notice-{n}"))
            .or_else(|| t.try_t(&format!("err-{n}")))
    })
    .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_only_in_the_other_script_is_converted_and_the_original_kept() {
        let hans = LocalizedText::new("", "电动牙刷 声波震动", "");
        let s = shown(&hans, Language::ZhHant);
        assert_eq!(s.text, "電動牙刷 聲波震動");
        assert_eq!(s.lang, "zh-Hant");
        assert_eq!(
            s.original,
            Some(("电动牙刷 声波震动".to_string(), "zh-Hans"))
        );
        let hant = LocalizedText::new("頭髮護理", "", "");
        let s = shown(&hant, Language::ZhHans);
        assert_eq!(s.text, "头发护理");
        assert_eq!(s.original, Some(("頭髮護理".to_string(), "zh-Hant")));
        let c = converted(&[&s, &shown(&LocalizedText::default(), Language::ZhHans)]).unwrap();
        assert_eq!(c.note, "text-converted_from_hant");
        assert_eq!(c.parts, vec!["頭髮護理".to_string()]);
    }

    #[test]
    fn text_in_the_readers_script_or_the_same_in_both_is_shown_as_written() {
        let both = LocalizedText::new("電動牙刷", "电动牙刷", "");
        assert_eq!(shown(&both, Language::ZhHant).text, "電動牙刷");
        assert_eq!(shown(&both, Language::ZhHant).original, None);
        // 智能音箱 is written the same in both scripts: nothing to say.
        let same = shown(&LocalizedText::new("", "智能音箱", ""), Language::ZhHant);
        assert_eq!(
            (same.text.as_str(), same.original.clone()),
            ("智能音箱", None)
        );
        // English readers read Chinese as written; an English text is never converted.
        let en = shown(&LocalizedText::new("", "电动牙刷", ""), Language::En);
        assert_eq!((en.text.as_str(), en.lang), ("电动牙刷", "zh-Hans"));
        let only_en = shown(&LocalizedText::new("", "", "Toothbrush"), Language::ZhHant);
        assert_eq!(
            (only_en.text.as_str(), only_en.original.clone()),
            ("Toothbrush", None)
        );
        assert_eq!(converted(&[&en, &only_en]), None);
    }
}

/// One line of revealed contact details: what it is, as shown, and where it leads (a
/// `mailto:`, `tel:` or WhatsApp link) when it can be followed.
#[derive(Debug, Clone)]
pub struct ContactLine {
    pub label: &'static str,
    pub text: String,
    pub href: Option<String>,
}

/// The digits of a phone number with its leading `+`, for `tel:` links.
fn dialable(p: &str) -> Option<String> {
    let mut out = String::new();
    for (i, c) in p.trim().chars().enumerate() {
        if c.is_ascii_digit() || (i == 0 && c == '+') {
            out.push(c);
        } else if !matches!(c, ' ' | '-' | '(' | ')' | '.') {
            return None;
        }
    }
    (out.trim_start_matches('+').len() >= 3).then_some(out)
}

/// Revealed contact details as lines with links: the e-mail a `mailto:` link, a phone a
/// `tel:` link, WhatsApp its `wa.me` link.
pub fn contact_lines(c: &sc_app::RevealedContact) -> Vec<ContactLine> {
    let d = &c.details;
    let mut v = vec![ContactLine {
        label: "E-mail",
        text: c.email.clone(),
        href: Some(format!("mailto:{}", c.email)),
    }];
    v.extend(d.phone.iter().map(|p| ContactLine {
        label: "☎",
        text: p.clone(),
        href: dialable(p).map(|n| format!("tel:{n}")),
    }));
    v.extend(d.whatsapp.iter().map(|p| ContactLine {
        label: "WhatsApp",
        text: p.clone(),
        href: dialable(p).map(|n| format!("https://wa.me/{}", n.trim_start_matches('+'))),
    }));
    v.extend(d.wechat.iter().map(|p| ContactLine {
        label: "WeChat",
        text: p.clone(),
        href: None,
    }));
    v.extend(d.postal_address.iter().map(|p| ContactLine {
        label: "✉",
        text: p.clone(),
        href: None,
    }));
    v
}

/// A piece of a message's text: words, or a link to follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Link(String),
}

/// Splits text into words and `http(s)://` links (ending at white space, or at closing
/// punctuation that ends a sentence), so a page can make the links clickable while
/// escaping everything.
pub fn linked(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest
        .find("https://")
        .into_iter()
        .chain(rest.find("http://"))
        .min()
    {
        let (before, from) = rest.split_at(at);
        let end = from
            .char_indices()
            .find(|(_, c)| c.is_whitespace() || "<>\"'，。、）】「」".contains(*c))
            .map(|(i, _)| i)
            .unwrap_or(from.len());
        let mut url = &from[..end];
        while let Some(c) = url.chars().last() {
            if ".,;:!?)]".contains(c) {
                url = &url[..url.len() - c.len_utf8()];
            } else {
                break;
            }
        }
        let scheme_only = url == "https://" || url == "http://";
        if !before.is_empty() {
            out.push(Piece::Text(before.to_string()));
        }
        if scheme_only {
            out.push(Piece::Text(url.to_string()));
        } else {
            out.push(Piece::Link(url.to_string()));
        }
        rest = &from[url.len()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    out
}

#[cfg(test)]
mod contact_tests {
    use super::*;

    #[test]
    fn links_are_found_and_end_where_a_sentence_does() {
        assert_eq!(
            linked("看 https://a.hk/x?q=1。然後"),
            vec![
                Piece::Text("看 ".into()),
                Piece::Link("https://a.hk/x?q=1".into()),
                Piece::Text("。然後".into())
            ]
        );
        assert_eq!(
            linked("(see http://b.com/p)."),
            vec![
                Piece::Text("(see ".into()),
                Piece::Link("http://b.com/p".into()),
                Piece::Text(").".into())
            ]
        );
        assert_eq!(linked("no link"), vec![Piece::Text("no link".into())]);
        assert_eq!(
            linked("https:// x"),
            vec![Piece::Text("https://".into()), Piece::Text(" x".into())]
        );
        assert_eq!(
            linked("javascript:alert(1) https://ok.hk"),
            vec![
                Piece::Text("javascript:alert(1) ".into()),
                Piece::Link("https://ok.hk".into())
            ]
        );
    }

    #[test]
    fn phones_become_tel_links_only_when_dialable() {
        assert_eq!(dialable("+852 2345-6789").as_deref(), Some("+85223456789"));
        assert_eq!(dialable("(020) 1234 5678").as_deref(), Some("02012345678"));
        assert_eq!(dialable("call me"), None);
        assert_eq!(dialable("1+2"), None);
    }
}
