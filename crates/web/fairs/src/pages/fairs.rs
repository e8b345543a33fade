//! The list of fairs and a fair's page (its exhibitors, by hall).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use sc_access::Action;
use sc_app::{OrganisationFilter, PageRequest};

use crate::views::*;
use sc_web_http::AppState;
use sc_web_ui::context::{Ctx, PageId, UiError};
use sc_web_ui::lists::*;
use sc_web_ui::present::*;
use sc_web_ui::views::*;

pub async fn fairs(State(s): State<AppState>, ctx: Ctx) -> Response {
    // With one fair (the usual case) its page is the list.
    match s.app.fairs(&ctx.caller).await {
        Ok(f) if f.len() == 1 => {
            axum::response::Redirect::to(&format!("/fairs/{}", f[0].id)).into_response()
        }
        Ok(fairs) => {
            let t = ctx.t();
            ctx.page(FairList {
                c: ctx.chrome("fairs"),
                t,
                fairs: fairs.iter().map(|f| fair_card(f, t)).collect(),
                can_create: ctx.caller.allowed(Action::ManageFair),
            })
        }
        Err(e) => ctx.error(e.into()),
    }
}

pub async fn fair(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<ListQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let fair = s.app.fair(&ctx.caller, id).await?;
        let halls = s
            .app
            .halls(&ctx.caller, id)
            .await?
            .into_iter()
            .map(|h| Opt {
                value: h.code,
                label: h.name.best(t.lang).to_string(),
                selected: false,
            })
            .collect();
        let req = PageRequest::new(q.page.as_deref().and_then(|p| p.parse().ok()), Some(30));
        let page = s
            .app
            .organisations(
                &ctx.caller,
                &OrganisationFilter {
                    fair: Some(id),
                    ..Default::default()
                },
                req,
            )
            .await?;
        let all_booths = s.app.booths(&ctx.caller, Some(id), None).await?;
        let booths: HashMap<i64, String> = all_booths
            .iter()
            .filter_map(|b| b.booth.organisation_id.map(|o| (o, b.booth.code.clone())))
            .collect();
        let orgs = page
            .items
            .iter()
            .map(|o| org_card(o, t, booths.get(&o.id).cloned()))
            .collect();
        let mut my_exhibits = Vec::new();
        if let sc_access::Actor::User { memberships, .. } = &ctx.caller.actor {
            for (org, _) in memberships {
                if let Some(name) = booths_org_name(&all_booths, *org) {
                    my_exhibits.push((*org, name.best(t.lang).to_string()));
                }
            }
        }
        Ok(ctx.page(FairPage {
            c: ctx.chrome("fairs"),
            t,
            signed_in: ctx.caller.account.is_some(),
            can_manage: ctx.caller.allowed(Action::ManageFair),
            my_exhibits,
            online_until: fair.online_until.clone(),
            fair: fair_card(&fair, t),
            halls,
            orgs,
            pager: pager(page.total, req.page, req.per_page, &format!("/fairs/{id}?")),
            cards: sc_web_ui::matches::recommended(&s, &ctx, Some(id), 4, None).await,
            feedback_for: "me".into(),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

fn booths_org_name(booths: &[sc_app::BoothView], org: i64) -> Option<&sc_domain::LocalizedText> {
    booths
        .iter()
        .find(|b| b.booth.organisation_id == Some(org))
        .and_then(|b| b.organisation_name.as_ref())
}
