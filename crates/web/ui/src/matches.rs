//! Recommendations as cards, with their reasons in the reader's language: shared by the
//! matching area's pages and the blocks other pages show ("Recommended for you" on the home
//! and fair pages, "Exhibitors you may also like" after a scan).

use sc_app::{MatchTarget, Reason, Recommendation, Signal};
use sc_domain::{Language, Location};

use crate::present::shown_as;
use crate::{Arg, Words};

/// One recommendation as a card.
pub struct MatchCard {
    pub title: String,
    pub title_lang: &'static str,
    pub url: String,
    pub meta: String,
    /// Percent, rounded.
    pub score: u32,
    pub reasons: Vec<String>,
    /// What the feedback form posts as `target`.
    pub target: i64,
}

/// A word in the reader's script (a reason quotes words as first written on the platform).
fn in_script(word: &str, reader: Language) -> String {
    match reader {
        Language::ZhHant => shown_as(word, Language::ZhHans, reader).text,
        Language::ZhHans => shown_as(word, Language::ZhHant, reader).text,
        Language::En => word.to_string(),
    }
}

fn value_name(feature: &str, v: &str, t: Words) -> String {
    match feature {
        "markets" | "regions" | "buyer_region" | "served" => Location::parse(v)
            .map(|l| t.place(&l).to_string())
            .unwrap_or_else(|_| v.to_string()),
        _ => t.option(v).to_string(),
    }
}

/// A reason as a sentence for the reader; `viewer_wants` tells whose wish the reason speaks
/// for (the viewer's own, or the other side's wish for the viewer).
pub fn reason_text(r: &Reason, viewer_wants: bool, t: Words) -> String {
    let list = |feature: &str, values: &[String]| {
        values
            .iter()
            .map(|v| value_name(feature, v, t))
            .collect::<Vec<_>>()
            .join(if t.lang == Language::En { ", " } else { "、" })
    };
    match &r.signal {
        Signal::Words { words, .. } => {
            let words = words
                .iter()
                .map(|w| in_script(w, t.lang))
                .collect::<Vec<_>>()
                .join(if t.lang == Language::En { ", " } else { "、" });
            let key = if viewer_wants {
                "match-reason-words"
            } else {
                "match-reason-words-them"
            };
            t.with(key, &[("words", Arg::Text(&words))])
        }
        Signal::Code { feature, code } if feature == "sectors" => {
            let name = t.sector(code).unwrap_or(code).to_string();
            t.with("match-reason-sector", &[("sector", Arg::Text(&name))])
        }
        Signal::Code { code, .. } => t.with("match-reason-hs", &[("code", Arg::Text(code))]),
        Signal::Shared { feature, values } => {
            let key = match feature.as_str() {
                "markets" => "match-reason-markets",
                "regions" => "match-reason-regions",
                "buyer_region" => "match-reason-wants-region",
                "buyer_type" => "match-reason-wants-type",
                "served" => "match-reason-markets",
                "services" => "match-reason-services",
                _ => "match-reason-shared",
            };
            t.with(key, &[("values", Arg::Text(&list(feature, values)))])
        }
        Signal::Fits { feature } if viewer_wants => t
            .try_t(&format!("match-reason-fits-{feature}"))
            .unwrap_or_else(|| t.t("match-reason-fits"))
            .to_string(),
        Signal::Fits { .. } => t.t("match-reason-fits-them").to_string(),
        Signal::Similar { count } if viewer_wants => t.count("match-reason-similar", *count as i64),
        Signal::Similar { count } => t.count("match-reason-similar-them", *count as i64),
        Signal::Popular { count } => t.count("match-reason-popular", *count as i64),
        Signal::InterestedInYou => t.t("match-reason-interested").to_string(),
        Signal::Responsive => t.t("match-reason-responsive").to_string(),
    }
}

/// Cards for recommendations, reasons in the reader's language.
pub fn cards(recs: &[Recommendation], t: Words) -> Vec<MatchCard> {
    recs.iter()
        .map(|r| {
            let (title, title_lang, url, meta, target) = match &r.target {
                MatchTarget::Organisation { id, name, location } => {
                    let s = crate::present::shown(name, t.lang);
                    (
                        s.text,
                        s.lang,
                        format!("/organisations/{id}"),
                        t.place(location).to_string(),
                        *id,
                    )
                }
                MatchTarget::Person {
                    id,
                    display_name,
                    company,
                    sources,
                    location,
                } => {
                    let mut meta = vec![t.place(location).to_string()];
                    meta.extend(company.clone());
                    meta.extend(sources.clone());
                    (
                        display_name.clone(),
                        "",
                        String::new(),
                        meta.join(" · "),
                        *id,
                    )
                }
                MatchTarget::Listing {
                    id, kind, title, ..
                } => {
                    let s = crate::present::shown(title, t.lang);
                    (
                        s.text,
                        s.lang,
                        format!("/listings/{id}"),
                        t.listing_kind(*kind).to_string(),
                        *id,
                    )
                }
            };
            let mut reasons: Vec<String> = Vec::new();
            for reason in &r.reasons {
                let text = reason_text(reason, reason.wanting == r.viewer, t);
                if !reasons.contains(&text) {
                    reasons.push(text);
                }
            }
            MatchCard {
                title,
                title_lang,
                url,
                meta,
                score: (r.score * 100.0).round().clamp(0.0, 100.0) as u32,
                reasons,
                target,
            }
        })
        .collect()
}

/// Up to `k` recommendations for the signed-in reader (of one fair's exhibitors with `fair`),
/// without `except`, as cards; none for someone signed out. A block on another page: a failure
/// is logged and shows nothing rather than stopping the page.
pub async fn recommended(
    s: &sc_web_http::AppState,
    ctx: &crate::Ctx,
    fair: Option<i64>,
    k: usize,
    except: Option<i64>,
) -> Vec<MatchCard> {
    if ctx.caller.account.is_none() {
        return vec![];
    }
    match s
        .app
        .matches(&ctx.caller, sc_app::MatchFor::Me, fair, k + 1)
        .await
    {
        Ok(mut recs) => {
            recs.retain(
                |r| !matches!(r.target, MatchTarget::Organisation { id, .. } if Some(id) == except),
            );
            recs.truncate(k);
            let mut out = cards(&recs, ctx.t());
            // At a fair, an exhibitor opens on its fair page (booth, plan, bookmark).
            if let Some(f) = fair {
                for c in &mut out {
                    c.url = format!("/fairs/{f}/exhibitors/{}", c.target);
                }
            }
            out
        }
        Err(e) => {
            tracing::warn!(error = %e, "no recommendations for this page");
            vec![]
        }
    }
}
