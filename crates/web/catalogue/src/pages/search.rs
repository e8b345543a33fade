//! The search results page: results with highlighted snippets, and facets to narrow them.

use axum::extract::State;
use axum::response::Response;
use sc_domain::Location;
use sc_domain::market::{ListingKind, Market};

use crate::api::search::{SearchQuery, booths, run, url_of};
use crate::views::{FacetGroup, FacetLink, SearchPage, SearchRow};
use sc_web_http::AppState;
use sc_web_http::extract::ApiQuery;
use sc_web_ui::Words;
use sc_web_ui::context::{Ctx, UiError, encode};
use sc_web_ui::present::{pager, shown_as};

/// The filters, in the order the page lists them.
const FILTERS: [&str; 8] = [
    "entity", "market", "kind", "sector", "location", "region", "fair", "hs",
];

/// The value of filter `key` in `q`.
fn filter_value(q: &SearchQuery, key: &str) -> Option<String> {
    match key {
        "entity" => q.entity.clone(),
        "market" => q.market.clone(),
        "kind" => q.kind.clone(),
        "sector" => q.sector.clone(),
        "region" => q.region.clone(),
        "location" => q.location.clone(),
        "fair" => q.fair.map(|f| f.to_string()),
        "hs" => q.hs.clone(),
        _ => None,
    }
}

/// The query string of `q` with one filter set (or cleared), page reset.
fn with(q: &SearchQuery, key: &str, value: Option<&str>) -> String {
    let mut pairs: Vec<(&str, String)> = vec![];
    if !q.q.is_empty() {
        pairs.push(("q", q.q.clone()));
    }
    for k in FILTERS {
        let v = if k == key {
            value.map(str::to_string)
        } else {
            filter_value(q, k)
        };
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            pairs.push((k, v));
        }
    }
    let qs: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", encode(&v)))
        .collect();
    format!("/search?{}", qs.join("&"))
}

fn facet_label(root: &str, value: &str, t: Words) -> String {
    match root {
        "entity" => t
            .t(if value == "organisation" {
                "nav-organisations"
            } else {
                "nav-listings"
            })
            .to_string(),
        "market" => Market::parse(value)
            .map(|m| t.market(m).to_string())
            .unwrap_or_else(|| value.to_string()),
        "kind" => ListingKind::parse(value)
            .map(|k| t.listing_kind(k).to_string())
            .unwrap_or_else(|| value.to_string()),
        "sector" => t.sector(value).unwrap_or(value).to_string(),
        "region" | "location" => Location::parse(value)
            .map(|l| t.place(&l).to_string())
            .unwrap_or_else(|_| value.to_string()),
        "hs" => format!("HS {value}"),
        _ => value.to_string(),
    }
}

pub async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    query: Result<ApiQuery<SearchQuery>, sc_web_http::error::ApiError>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let ApiQuery(q) = query?;
        let t = ctx.t();
        let (results, page, per_page) = run(&s, &ctx.caller, &q, ctx.lang).await?;
        let mut facets = vec![];
        let mut active = vec![];
        for root in FILTERS {
            let current = filter_value(&q, root);
            if let Some(v) = &current {
                active.push(FacetLink {
                    label: facet_label(root, v, t),
                    count: 0,
                    href: with(&q, root, None),
                    active: true,
                });
            }
            let values = results.facets.get(root).cloned().unwrap_or_default();
            if values.is_empty() {
                continue;
            }
            let mut links = vec![];
            for (value, count) in values.into_iter().take(10) {
                let label = if root == "fair" {
                    match value.parse::<i64>() {
                        Ok(id) => s
                            .app
                            .fair(&ctx.caller, id)
                            .await
                            .map(|f| f.name.best(t.lang).to_string())
                            .unwrap_or(value.clone()),
                        Err(_) => value.clone(),
                    }
                } else {
                    facet_label(root, &value, t)
                };
                let is_active = current.as_deref() == Some(value.as_str());
                links.push(FacetLink {
                    label,
                    count,
                    href: if is_active {
                        with(&q, root, None)
                    } else {
                        with(&q, root, Some(&value))
                    },
                    active: is_active,
                });
            }
            facets.push(FacetGroup {
                label: t.t(&format!("search-facet-{root}")),
                links,
            });
        }
        let mut stands = booths(&s, &ctx.caller, &q, &results, t.lang)
            .await?
            .into_iter();
        let rows = results
            .hits
            .into_iter()
            .map(|h| {
                // Written only in the other script: converted, like every name on a page.
                let title = shown_as(&h.title, h.title_lang, t.lang);
                SearchRow {
                    stands: stands
                        .next()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|b| {
                            let label = t.with(
                                "search-stand",
                                &[
                                    ("fair", (&b.fair).into()),
                                    ("hall", (&b.hall).into()),
                                    ("booth", (&b.booth).into()),
                                ],
                            );
                            (label, b.plan_url)
                        })
                        .collect(),
                    // Marked so the page it opens records a search click for matching.
                    url: format!("{}?from=search", url_of(&h.entity, h.id)),
                    kind: t.t(if h.entity == "organisation" {
                        "search-an_organisation"
                    } else {
                        "search-a_listing"
                    }),
                    title: title.text,
                    title_lang: title.lang,
                    snippet: h.snippet,
                }
            })
            .collect();
        let base = with(&q, "", None);
        let mut c = ctx.chrome("");
        c.q = q.q.clone();
        Ok(ctx.page(SearchPage {
            c,
            t,
            q: q.q.clone(),
            rows,
            facets,
            active,
            pager: pager(results.total as i64, page, per_page, &base),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
