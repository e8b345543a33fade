//! The forms that create, change and delete a listing.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sc_domain::LocalizedText;
use sc_domain::listing::{Listing, ListingInput, ListingStatus, Owner};
use sc_domain::market::ListingKind;
use sc_web_ui::attrs::AttrField;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::views::*;
use sc_web_http::AppState;
use sc_web_http::FormData;
use sc_web_http::error::ApiError;
use sc_web_ui::Words;
use sc_web_ui::context::{Ctx, PageId, UiError};
use sc_web_ui::fields::*;
use sc_web_ui::present::*;
use sc_web_ui::views::*;

// ---- listings -----------------------------------------------------------------------------

#[derive(Deserialize, Default)]
pub struct NewListingQuery {
    organisation: Option<i64>,
    kind: Option<String>,
}

fn attribute_fields(kind: ListingKind, values: &Map<String, Value>, t: Words) -> Vec<AttrField> {
    sc_web_ui::attrs::fields(kind.schema(), values, t)
}

fn attributes_from(form: &FormData, kind: ListingKind) -> Map<String, Value> {
    sc_web_ui::attrs::values_from(form, kind.schema())
}

fn listing_input_from(form: &FormData, kind: ListingKind) -> ListingInput {
    ListingInput {
        kind,
        title: text_from(form, "title"),
        description: text_from(form, "description"),
        codes: form
            .get("codes")
            .split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        target_regions: locations_from(form, "target_regions"),
        attributes: attributes_from(form, kind),
        status: ListingStatus::parse(form.get("status")).unwrap_or(ListingStatus::Published),
    }
}

fn status_options(t: Words, selected: ListingStatus) -> Vec<Opt> {
    [
        ListingStatus::Published,
        ListingStatus::Draft,
        ListingStatus::Archived,
    ]
    .into_iter()
    .map(|s| Opt {
        value: s.code().into(),
        label: status_label(s, t).into(),
        selected: s == selected,
    })
    .collect()
}

fn listing_form(
    ctx: &Ctx,
    action: String,
    owner_name: String,
    input: &ListingInput,
    errors: Errors,
) -> ListingForm {
    let t = ctx.t();
    let delete_action = action
        .strip_suffix("/edit")
        .map(|base| format!("{base}/delete"));
    ListingForm {
        c: ctx.chrome("listings"),
        t,
        action,
        kind: input.kind.code(),
        kind_label: t.listing_kind(input.kind),
        owner_name,
        title: three(&input.title),
        description: three(&input.description),
        codes: input.codes.join(", "),
        code_scheme: input.kind.code_scheme(),
        regions: location_options(t.lang, &input.target_regions),
        attributes: attribute_fields(input.kind, &input.attributes, t),
        statuses: status_options(t, input.status),
        errors,
        delete_action,
    }
}

/// The owner a new listing is for, its display name and the query that keeps it.
async fn owner_for(
    s: &AppState,
    ctx: &Ctx,
    organisation: Option<i64>,
) -> Result<(Owner, String, String), UiError> {
    let owner = match s.app.new_listing_owner(&ctx.caller, organisation).await {
        // The organisation in the address does not exist: the page does not either.
        Err(sc_app::Error::Invalid(_)) => return Err(ApiError::NotFound.into()),
        other => other?,
    };
    Ok(match owner {
        Owner::Organisation(id) => (
            owner,
            s.app
                .organisation(&ctx.caller, id)
                .await?
                .name
                .best(ctx.lang)
                .to_string(),
            format!("organisation={id}&"),
        ),
        Owner::Person(_) => (
            owner,
            format!(
                "{} ({})",
                ctx.caller.account()?.display_name,
                ctx.t().t("listing-myself")
            ),
            String::new(),
        ),
    })
}

pub async fn new_listing_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewListingQuery>,
) -> Response {
    let r: Result<Response, UiError> = async {
        let (_, owner_name, owner_query) = owner_for(&s, &ctx, q.organisation).await?;
        let t = ctx.t();
        let Some(kind) = q.kind.as_deref().and_then(ListingKind::parse) else {
            let kinds = ListingKind::ALL
                .into_iter()
                .map(|k| {
                    (
                        k.code().to_string(),
                        t.listing_kind(k),
                        t.market(k.market()),
                    )
                })
                .collect();
            return Ok(ctx.page(ListingKindPicker {
                c: ctx.chrome("listings"),
                t,
                owner_query,
                owner_name,
                kinds,
            }));
        };
        let blank = ListingInput {
            kind,
            title: LocalizedText::default(),
            description: LocalizedText::default(),
            codes: vec![],
            target_regions: vec![],
            attributes: Map::new(),
            status: ListingStatus::Published,
        };
        Ok(ctx.page(listing_form(
            &ctx,
            format!("/listings/new?{owner_query}kind={}", kind.code()),
            owner_name,
            &blank,
            Errors::new(),
        )))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn create_listing(
    State(s): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewListingQuery>,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let (_, owner_name, owner_query) = owner_for(&s, &ctx, q.organisation).await?;
        let kind = ListingKind::parse(form.get("kind"))
            .or_else(|| q.kind.as_deref().and_then(ListingKind::parse))
            .ok_or(sc_web_http::error::ApiError::NotFound)?;
        let input = listing_input_from(&form, kind);
        match s
            .app
            .create_listing(&ctx.caller, q.organisation, input.clone())
            .await
        {
            Ok(l) => Ok(Redirect::to(&format!("/listings/{}", l.id)).into_response()),
            Err(sc_app::Error::Invalid(inv)) => Ok(ctx.page_with(
                StatusCode::UNPROCESSABLE_ENTITY,
                listing_form(
                    &ctx,
                    format!("/listings/new?{owner_query}kind={}", kind.code()),
                    owner_name,
                    &input,
                    form_errors(&inv, ctx.t()),
                ),
            )),
            Err(e) => Err(e.into()),
        }
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

fn input_of_listing(l: &Listing) -> ListingInput {
    ListingInput {
        kind: l.kind,
        title: l.title.clone(),
        description: l.description.clone(),
        codes: l.codes.clone(),
        target_regions: l.target_regions.clone(),
        attributes: l.attributes.clone(),
        status: l.status,
    }
}

async fn owner_name(s: &AppState, ctx: &Ctx, owner: Owner) -> Result<String, UiError> {
    Ok(match owner {
        Owner::Organisation(id) => s
            .app
            .organisation(&ctx.caller, id)
            .await?
            .name
            .best(ctx.lang)
            .to_string(),
        Owner::Person(id) => s.app.display_name(id).await?,
    })
}

pub async fn edit_listing_form(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
) -> Response {
    let r: Result<Response, UiError> = async {
        let l = s.app.listing_to_edit(&ctx.caller, id).await?;
        let name = owner_name(&s, &ctx, l.owner).await?;
        Ok(ctx.page(listing_form(
            &ctx,
            format!("/listings/{id}/edit"),
            name,
            &input_of_listing(&l),
            Errors::new(),
        )))
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}

pub async fn update_listing(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let l = s.app.listing_to_edit(&ctx.caller, id).await?;
        // The kind of an existing listing stays; its attributes belong to that kind.
        let input = listing_input_from(&form, l.kind);
        match s.app.update_listing(&ctx.caller, id, input.clone()).await {
            Ok(_) => Ok(Redirect::to(&format!("/listings/{id}")).into_response()),
            Err(e) => {
                let sc_app::Error::Invalid(inv) = e else {
                    return Err(e.into());
                };
                let name = owner_name(&s, &ctx, l.owner).await?;
                Ok(ctx.page_with(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    listing_form(
                        &ctx,
                        format!("/listings/{id}/edit"),
                        name,
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

// ---- deleting -----------------------------------------------------------------------------

/// Deletes a listing; the form must tick the confirmation box.
pub async fn delete_listing(
    State(s): State<AppState>,
    ctx: Ctx,
    PageId(id): PageId,
    form: FormData,
) -> Response {
    let r: Result<Response, UiError> = async {
        ctx.check_csrf(&form)?;
        let confirmed = form.get("confirm") == "yes";
        let l = s.app.delete_listing(&ctx.caller, id, confirmed).await?;
        if !confirmed {
            return Ok(Redirect::to(&format!("/listings/{id}/edit")).into_response());
        }
        Ok(Redirect::to(&match l.owner {
            Owner::Organisation(o) => format!("/organisations/{o}"),
            Owner::Person(_) => "/me".to_string(),
        })
        .into_response())
    }
    .await;
    r.unwrap_or_else(|e| ctx.error(e))
}
