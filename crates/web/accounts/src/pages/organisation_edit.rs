//! The forms that create, change and delete an organisation.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sc_access::Action;
use sc_domain::organisation::{OrgKind, Organisation, OrganisationInput};
use sc_domain::{LocalizedText, Location};

use crate::views::*;
use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_ui::context::{Ctx, PageId, UiError};
use sc_web_ui::fields::*;
use sc_web_ui::present::*;
use sc_web_ui::views::*;

// ---- organisations ------------------------------------------------------------------------

fn org_form(
    ctx: &Ctx,
    action: String,
    heading: &'static str,
    o: &OrganisationInput,
    errors: Errors,
) -> OrgForm {
    let delete_action = action
        .strip_suffix("/edit")
        .map(|base| format!("{base}/delete"));
    let t = ctx.t();
    OrgForm {
        c: ctx.chrome("organisations"),
        t,
        action,
        heading,
        kinds: org_kind_options(t, Some(o.kind)),
        name: three(&o.name),
        description: three(&o.description),
        sectors: sector_options(t.lang, &o.sectors),
        locations: location_options(t.lang, &[o.location]),
        markets: location_options(t.lang, &o.markets_served),
        website: o.website.clone().unwrap_or_default(),
        errors,
        delete_action,
    }
}

fn org_input_from(form: &FormData) -> OrganisationInput {
    OrganisationInput {
        kind: OrgKind::parse(form.get("kind")).unwrap_or(OrgKind::Company),
        name: text_from(form, "name"),
        description: text_from(form, "description"),
        sectors: form.all("sectors"),
        markets_served: locations_from(form, "markets_served"),
        location: Location::parse(form.get("location")).unwrap_or(Location::HongKong),
        website: form.opt("website"),
    }
}

fn input_of(o: &Organisation) -> OrganisationInput {
    OrganisationInput {
        kind: o.kind,
        name: o.name.clone(),
        description: o.description.clone(),
        sectors: o.sectors.clone(),
        markets_served: o.markets_served.clone(),
        location: o.location,
        website: o.website.clone(),
    }
}

pub async fn new_organisation_form(ctx: Ctx) -> Response {
    if let Err(e) = ctx.caller.may(Action::CreateOrganisation) {
        return ctx.error(e.into());
    }
    let location = ctx
        .caller
        .account
        .as_ref()
        .map(|a| a.location)
        .unwrap_or(Location::HongKong);
    let blank = OrganisationInput {
        kind: OrgKind::Company,
        name: LocalizedText::default(),
        description: LocalizedText::default(),
        sectors: vec![],
        markets_served: vec![],
        location,
        website: None,
    };
    let heading = ctx.t().t("org-new");
    ctx.page(org_form(
        &ctx,
        "/organisations/new".into(),
        heading,
        &blank,
        Errors::new(),
    ))
}

pub async fn create_organisation(State(s): State<AppState>, ctx: Ctx, form: FormData) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let input = org_input_from(&form);
        match s.app.create_organisation(&ctx.caller, input.clone()).await {
            Ok(o) => Ok(Redirect::to(&format!("/organisations/{}", o.id)).into_response()),
            Err(e) => {
                let sc_app::Error::Invalid(inv) = e else {
                    return Err(e.into());
                };
                let heading = ctx.t().t("org-new");
                Ok(ctx.page_with(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    org_form(
                        &ctx,
                        "/organisations/new".into(),
                        heading,
                        &input,
                        form_errors(&inv, ctx.t()),
                    ),
                ))
            }
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn edit_organisation_form(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
) -> Response {
    let r: Result<Response, UiError> = async {
        let o = s.app.organisation_to_edit(&ctx.caller, id).await?;
        let heading = ctx.t().t("action-edit");
        Ok(ctx.page(org_form(
            &ctx,
            format!("/organisations/{id}/edit"),
            heading,
            &input_of(&o),
            Errors::new(),
        )))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn update_organisation(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let input = org_input_from(&form);
        match s
            .app
            .update_organisation(&ctx.caller, id, input.clone())
            .await
        {
            Ok(_) => Ok(Redirect::to(&format!("/organisations/{id}")).into_response()),
            Err(e) => {
                let sc_app::Error::Invalid(inv) = e else {
                    return Err(e.into());
                };
                let heading = ctx.t().t("action-edit");
                Ok(ctx.page_with(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    org_form(
                        &ctx,
                        format!("/organisations/{id}/edit"),
                        heading,
                        &input,
                        form_errors(&inv, ctx.t()),
                    ),
                ))
            }
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

/// Deletes an organisation with its listings; the form must tick the confirmation box.
pub async fn delete_organisation(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let confirmed = form.get("confirm") == "yes";
        s.app
            .delete_organisation(&ctx.caller, id, confirmed)
            .await?;
        if !confirmed {
            return Ok(Redirect::to(&format!("/organisations/{id}/edit")).into_response());
        }
        Ok(Redirect::to("/me").into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
