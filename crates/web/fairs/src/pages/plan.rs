//! The floor plan of a fair: one hall at a time, booths matching a search highlighted, and a
//! walking route from "you are here" (or the entrance) to a booth or through every bookmark.

use std::collections::HashSet;

use axum::extract::{Query, State};
use axum::response::Response;
use sc_floorplan::route::{Start, route};
use sc_floorplan::svg::Marks;
use serde::Deserialize;

use crate::views::*;
use sc_web_http::AppState;
use sc_web_ui::context::{Ctx, PageId, UiError, encode};
use sc_web_ui::present::*;

#[derive(Deserialize, Default)]
pub struct PlanQuery {
    hall: Option<String>,
    /// Search: booths whose exhibitor or products match are highlighted.
    q: Option<String>,
    /// Booth to find.
    to: Option<String>,
    /// "You are here": a booth code.
    from: Option<String>,
    /// `1`: route through the reader's bookmarks.
    mine: Option<String>,
}

pub async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(fair_id): PageId,
    Query(q): Query<PlanQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let layout = s.app.fair_layout(&ctx.caller, fair_id).await?;
        let fair = &layout.fair;
        let plans = &layout.plans;
        let booths = &layout.booths;
        let text = q.q.clone().unwrap_or_default();
        let to = q.to.clone().unwrap_or_default();
        let from = q.from.clone().unwrap_or_default();
        let mine = q.mine.as_deref() == Some("1");

        // Exhibitors matching the search, by organisation id.
        let mut matched_orgs: Vec<i64> = Vec::new();
        if !text.trim().is_empty() {
            for entity in ["organisation", "listing"] {
                let res = s
                    .app
                    .search(
                        &ctx.caller,
                        sc_app::SearchRequest {
                            q: text.clone(),
                            filters: sc_app::Filters {
                                entity: Some(entity.into()),
                                fair: Some(fair_id),
                                ..Default::default()
                            },
                            lang: t.lang,
                            offset: 0,
                            limit: 50,
                            facets: false,
                        },
                    )
                    .await?;
                for h in res.hits {
                    let org = if entity == "organisation" {
                        Some(h.id)
                    } else {
                        match s.app.listing(&ctx.caller, h.id).await {
                            Ok(l) => match l.owner {
                                sc_domain::listing::Owner::Organisation(o) => Some(o),
                                _ => None,
                            },
                            Err(_) => None,
                        }
                    };
                    if let Some(o) = org
                        && !matched_orgs.contains(&o)
                    {
                        matched_orgs.push(o);
                    }
                }
            }
        }
        let matched_booths: Vec<&sc_app::BoothView> = booths
            .iter()
            .filter(|b| {
                b.booth
                    .organisation_id
                    .is_some_and(|o| matched_orgs.contains(&o))
            })
            .collect();

        // Bookmarked booths, for "route through my bookmarks".
        let bookmarked: HashSet<(String, String)> = match (mine, ctx.caller.account.as_ref()) {
            (true, Some(_)) => s
                .app
                .bookmarks(&ctx.caller, fair_id)
                .await?
                .into_iter()
                .flat_map(|b| b.booths)
                .collect(),
            _ => HashSet::new(),
        };

        // Which hall: asked for, else the one holding the booth sought, the first match, the
        // first bookmark, or the first hall.
        let hall_of = |code: &str| {
            booths
                .iter()
                .find(|b| b.booth.code == code)
                .map(|b| b.hall_code.clone())
        };
        let hall_code = q
            .hall
            .clone()
            .filter(|h| plans.iter().any(|p| &p.hall.code == h))
            .or_else(|| hall_of(&to))
            .or_else(|| matched_booths.first().map(|b| b.hall_code.clone()))
            .or_else(|| bookmarked.iter().next().map(|(h, _)| h.clone()))
            .or_else(|| plans.first().map(|p| p.hall.code.clone()))
            .unwrap_or_default();
        let hall = plans.iter().find(|p| p.hall.code == hall_code);

        let mut route_steps = Vec::new();
        let mut unreachable = Vec::new();
        let mut plan_svg = String::new();
        if let Some(hall) = hall {
            let in_hall = |code: &str| hall.plan.booth(code).is_some();
            let mut stops: Vec<&str> = Vec::new();
            if !to.is_empty() {
                stops.push(to.as_str());
            }
            for (h, code) in &bookmarked {
                if *h == hall_code && !stops.contains(&code.as_str()) {
                    stops.push(code.as_str());
                }
            }
            let start = if !from.is_empty() && in_hall(&from) {
                Start::Booth(from.as_str())
            } else {
                Start::Entrance
            };
            let walk = if stops.is_empty() {
                None
            } else {
                route(&hall.plan, start, &stops)
            };
            if let Some(w) = &walk {
                for leg in &w.legs {
                    let name = booths
                        .iter()
                        .find(|b| b.booth.code == leg.to && b.hall_code == hall_code)
                        .and_then(|b| b.organisation_name.as_ref())
                        .map(|n| format!(" · {}", n.best(t.lang)))
                        .unwrap_or_default();
                    route_steps.push(format!(
                        "{} {}{} — {} m",
                        t.t("fair-booth"),
                        leg.to,
                        name,
                        (leg.length + 5) / 10
                    ));
                }
                unreachable = w.unreachable.clone();
            }
            let matches: Vec<&str> = matched_booths
                .iter()
                .filter(|b| b.hall_code == hall_code)
                .map(|b| b.booth.code.as_str())
                .collect();
            plan_svg = super::hall_svg(
                fair_id,
                hall,
                booths,
                t.lang,
                Marks {
                    matches,
                    targets: stops.clone(),
                    here: (!from.is_empty()).then_some(from.as_str()),
                    route: walk.as_ref(),
                    ..Default::default()
                },
            );
        }
        let halls = plans
            .iter()
            .map(|p| HallTab {
                code: p.hall.code.clone(),
                label: format!("{} {}", p.hall.code, p.hall.name.best(t.lang)),
                href: format!(
                    "/fairs/{fair_id}/plan?hall={}&q={}{}",
                    encode(&p.hall.code),
                    encode(&text),
                    if mine { "&mine=1" } else { "" }
                ),
                current: p.hall.code == hall_code,
            })
            .collect();
        let mut matches = Vec::new();
        for b in &matched_booths {
            if let Some(org) = b.booth.organisation_id
                && matches.len() < 30
            {
                let o = s.app.organisation(&ctx.caller, org).await?;
                matches.push(org_card(
                    &o,
                    t,
                    Some(format!("{} · {}", b.hall_code, b.booth.code)),
                ));
            }
        }
        Ok(ctx.page(PlanPage {
            c: ctx.chrome("fairs"),
            t,
            fair: fair_card(fair, t),
            halls,
            hall_code,
            plan_svg,
            q: text,
            to,
            from,
            matches,
            route_steps,
            unreachable,
            mine,
            drawn: hall.is_some_and(|h| h.drawn),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
