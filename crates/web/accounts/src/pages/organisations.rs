//! The directory of organisations and an organisation's page.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::response::Response;
use sc_access::Action;
use sc_app::{ListingFilter, OrganisationFilter, PageRequest};
use sc_domain::listing::Owner;
use sc_domain::organisation::OrgKind;
use sc_domain::person::OrgRole;
use sc_domain::sector::is_sector;

use crate::views::*;
use sc_web_http::AppState;
use sc_web_ui::context::{Ctx, PageId, UiError};
use sc_web_ui::lists::*;
use sc_web_ui::present::*;
use sc_web_ui::views::*;

pub async fn organisations(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let sector = q.sector.filter(|s| is_sector(s));
        let kind = q.kind.as_deref().and_then(OrgKind::parse);
        let req = PageRequest::new(q.page.as_deref().and_then(|p| p.parse().ok()), Some(30));
        let f = OrganisationFilter {
            sector: sector.clone(),
            kind,
            ..Default::default()
        };
        let page = s.app.organisations(&ctx.caller, &f, req).await?;
        let orgs = page.items.iter().map(|o| org_card(o, t, None)).collect();
        let mut base = "/organisations?".to_string();
        if let Some(sec) = &sector {
            base.push_str(&format!("sector={sec}&"));
        }
        if let Some(k) = kind {
            base.push_str(&format!("kind={}&", k.code()));
        }
        let base = base.trim_end_matches('&').to_string();
        Ok(ctx.page(OrgList {
            c: ctx.chrome("organisations"),
            t,
            orgs,
            pager: pager(page.total, req.page, req.per_page, &base),
            sectors: sector_options(t.lang, &sector.into_iter().collect::<Vec<_>>()),
            kinds: org_kind_options(t, kind),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn organisation(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    Query(q): Query<ListQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let t = ctx.t();
        let o = s.app.organisation(&ctx.caller, id).await?;
        // A signed-in visitor's view teaches matching what they look at (batched, not waited for).
        let kind = if q.from.as_deref() == Some("search") {
            "click"
        } else {
            "view"
        };
        s.app.note_view(&ctx.caller, id, kind);
        let owner = Owner::Organisation(id);
        let is_insider = ctx.caller.allowed(Action::UpdateListing { owner });
        let mut f = ListingFilter {
            owner: Some(owner),
            ..Default::default()
        };
        if is_insider {
            // Members see their drafts and archive here too.
            f.statuses = vec![
                sc_domain::listing::ListingStatus::Published,
                sc_domain::listing::ListingStatus::Draft,
                sc_domain::listing::ListingStatus::Archived,
            ];
        }
        let req = PageRequest::new(q.page.as_deref().and_then(|p| p.parse().ok()), Some(30));
        let page = s.app.listings(&ctx.caller, &f, req).await?;
        let names = HashMap::from([(id, o.name.clone())]);
        let listings = page
            .items
            .iter()
            .map(|l| listing_card(l, t, &names, &HashMap::new()))
            .collect();
        let booths = s
            .app
            .booths(&ctx.caller, None, Some(id))
            .await?
            .into_iter()
            .map(|b| {
                format!(
                    "{} {} ({})",
                    t.t("fair-booth"),
                    b.booth.code,
                    b.hall_name.best(t.lang)
                )
            })
            .collect();
        let members = if ctx.caller.allowed(Action::ListMembers { org: id }) {
            s.app
                .members(&ctx.caller, id)
                .await?
                .into_iter()
                .map(|m| MemberRow {
                    user_id: m.user_id,
                    role: t.t(if m.role == OrgRole::Admin {
                        "role-admin"
                    } else {
                        "role-member"
                    }),
                    is_admin: m.role == OrgRole::Admin,
                    removable: ctx.caller.allowed(Action::RemoveMember {
                        org: id,
                        user: m.user_id,
                    }),
                    name: m.display_name,
                })
                .collect()
        } else {
            vec![]
        };
        let notice = q.notice.as_deref().and_then(|n| notice_text(Some(n), t));
        let roles = [OrgRole::Member, OrgRole::Admin]
            .into_iter()
            .map(|r| Opt {
                value: r.code().into(),
                label: t
                    .t(if r == OrgRole::Admin {
                        "role-admin"
                    } else {
                        "role-member"
                    })
                    .into(),
                selected: r == OrgRole::Member,
            })
            .collect();
        let name = shown(&o.name, t.lang);
        let description = shown(&o.description, t.lang);
        Ok(ctx.page(OrgPage {
            c: ctx.chrome("organisations"),
            t,
            converted: converted(&[&name, &description]),
            description: description.text,
            description_lang: description.lang,
            website: o.website.clone(),
            markets: o
                .markets_served
                .iter()
                .map(|m| t.place(m).to_string())
                .collect(),
            booths,
            listings,
            pager: pager(
                page.total,
                req.page,
                req.per_page,
                &format!("/organisations/{id}?"),
            ),
            can_edit: ctx.caller.allowed(Action::UpdateOrganisation { org: id }),
            can_add_listing: is_insider,
            members,
            can_manage_members: ctx.caller.allowed(Action::AddMember { org: id }),
            notice,
            roles,
            photos: s
                .app
                .photos(sc_app::ImageOwner::Organisation(id))
                .await?
                .iter()
                .map(sc_web_ui::photos::view)
                .collect(),
            photo_action: format!("/organisations/{id}/photos"),
            org: org_card(&o, t, None),
        }))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
