//! The list of listings and a listing's page.

use axum::extract::{Query, State};
use axum::response::Response;
use sc_access::Action;
use sc_app::{ListingFilter, PageRequest};
use sc_domain::market::{AttrType, Market};
use serde_json::Value;

use crate::views::*;
use sc_web_http::AppState;
use sc_web_ui::context::{Ctx, PageId, UiError};
use sc_web_ui::lists::*;
use sc_web_ui::present::*;
use sc_web_ui::views::*;

pub async fn listings(State(s): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let market = q.market.as_deref().and_then(Market::parse);
        let req = PageRequest::new(q.page.as_deref().and_then(|p| p.parse().ok()), Some(30));
        let page = s
            .app
            .listings(
                &ctx.caller,
                &ListingFilter {
                    market,
                    ..Default::default()
                },
                req,
            )
            .await?;
        let (orgs, people) = owner_names(&s, &page.items).await?;
        let listings = page
            .items
            .iter()
            .map(|l| listing_card(l, t, &orgs, &people))
            .collect();
        let mut markets = vec![Opt {
            value: String::new(),
            label: t.t("word-all").into(),
            selected: market.is_none(),
        }];
        markets.extend(Market::ALL.into_iter().map(|m| Opt {
            value: m.code().into(),
            label: t.market(m).into(),
            selected: Some(m) == market,
        }));
        let base = match market {
            Some(m) => format!("/listings?market={}", m.code()),
            None => "/listings?".into(),
        };
        Ok(ctx.page(ListingList {
            c: ctx.chrome("listings"),
            t,
            listings,
            pager: pager(page.total, req.page, req.per_page, &base),
            markets,
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// An attribute value as a reader sees it.
fn show_value(ty: AttrType, v: &Value, t: sc_web_ui::Words) -> String {
    match (ty, v) {
        (AttrType::Bool, Value::Bool(b)) => {
            t.t(if *b { "word-yes" } else { "word-no" }).to_string()
        }
        // Options read in the reader's language; free text as written.
        (AttrType::OneOf(_), Value::String(s)) => t.option(s).to_string(),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Array(items)) => items
            .iter()
            .map(|i| t.option(i.as_str().unwrap_or("")).to_string())
            .collect::<Vec<_>>()
            .join(if t.lang == sc_domain::Language::En {
                ", "
            } else {
                "、"
            }),
        (_, Value::Number(n)) => n.to_string(),
        (_, other) => other.to_string(),
    }
}

pub async fn listing(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<ListQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let l = s.app.listing(&ctx.caller, id).await?;
        if let sc_domain::listing::Owner::Organisation(o) = l.owner {
            let kind = if q.from.as_deref() == Some("search") {
                "click"
            } else {
                "view"
            };
            s.app.note_view(&ctx.caller, o, kind);
        }
        let (orgs, people) = owner_names(&s, std::slice::from_ref(&l)).await?;
        let attributes = l
            .kind
            .schema()
            .iter()
            .filter_map(|spec| {
                let v = l.attributes.get(spec.key)?;
                Some((t.attr(spec), show_value(spec.ty, v, t)))
            })
            .collect();
        let title = shown(&l.title, t.lang);
        let description = shown(&l.description, t.lang);
        Ok(ctx.page(ListingPage {
            c: ctx.chrome("listings"),
            t,
            market: t.market(l.market),
            converted: converted(&[&title, &description]),
            description: description.text,
            description_lang: description.lang,
            attributes,
            regions: l
                .target_regions
                .iter()
                .map(|r| t.place(r).to_string())
                .collect(),
            can_edit: ctx.caller.allowed(Action::UpdateListing { owner: l.owner }),
            message_href: (l.status == sc_domain::listing::ListingStatus::Published
                && !ctx.caller.allowed(Action::UpdateListing { owner: l.owner }))
            .then(|| {
                let to = match l.owner {
                    sc_domain::listing::Owner::Organisation(o) => format!("organisation:{o}"),
                    sc_domain::listing::Owner::Person(u) => format!("person:{u}"),
                };
                format!("/conversations/new?to={to}&about=listing:{id}")
            }),
            photos: s
                .app
                .photos(sc_app::ImageOwner::Listing(id))
                .await?
                .iter()
                .map(sc_web_ui::photos::view)
                .collect(),
            notice: notice_text(q.notice.as_deref(), t),
            photo_action: format!("/listings/{id}/photos"),
            l: listing_card(&l, t, &orgs, &people),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
