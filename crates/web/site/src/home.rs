//! The home page: fairs on now and the newest listings.

use axum::extract::State;
use axum::response::Response;
use sc_app::{ListingFilter, PageRequest};
use sc_domain::market::Market;

use crate::views::*;
use sc_web_http::AppState;
use sc_web_ui::context::{Ctx, UiError};
use sc_web_ui::lists::*;
use sc_web_ui::present::*;
use sc_web_ui::views::*;

pub async fn home(State(s): State<AppState>, ctx: Ctx) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let fairs = s
            .app
            .fairs(&ctx.caller)
            .await?
            .iter()
            .map(|f| fair_card(f, t))
            .collect();
        let latest = s
            .app
            .listings(
                &ctx.caller,
                &ListingFilter::default(),
                PageRequest::new(None, Some(12)),
            )
            .await?;
        let (orgs, people) = owner_names(&s, &latest.items).await?;
        let listings = latest
            .items
            .iter()
            .map(|l| listing_card(l, t, &orgs, &people))
            .collect();
        let markets = Market::ALL
            .into_iter()
            .map(|m| Opt {
                value: m.code().into(),
                label: t.market(m).into(),
                selected: false,
            })
            .collect();
        Ok(ctx.page(Home {
            c: ctx.chrome("home"),
            t,
            fairs,
            listings,
            markets,
            cards: sc_web_ui::matches::recommended(&s, &ctx, None, 4, None).await,
            feedback_for: "me".into(),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
