//! Listings of the four markets: what organisations and people offer or need.

use sc_access::Action;
use sc_domain::ErrorCode;
use sc_domain::listing::{Listing, ListingId, ListingInput, ListingStatus, Owner};
use sc_storage::{ListingFilter, Page, PageRequest};

use crate::{App, Caller, Error, Result};

impl App {
    /// Listings matching `filter`. Published ones are for everyone; drafts and archived
    /// listings only for one owner at a time, and only for who speaks for it.
    pub async fn listings(
        &self,
        caller: &Caller,
        filter: &ListingFilter,
        page: PageRequest,
    ) -> Result<Page<Listing>> {
        for status in &filter.statuses {
            match filter.owner {
                Some(owner) => caller
                    .may(Action::ReadListing {
                        owner,
                        status: *status,
                    })
                    // Asking for someone else's drafts by name is refused, not hidden.
                    .map_err(|e| match e {
                        Error::NotFound => Error::Forbidden,
                        e => e,
                    })?,
                None if *status != ListingStatus::Published => {
                    return Err(Error::BadRequest {
                        code: ErrorCode::BadQuery,
                        detail: "status other than published needs organisation or person".into(),
                    });
                }
                None => {}
            }
        }
        if let Some(c) = &filter.code_prefix
            && (c.is_empty() || c.len() > 40 || !c.chars().all(|ch| ch.is_ascii_alphanumeric()))
        {
            return Err(Error::BadRequest {
                code: ErrorCode::BadQuery,
                detail: "code: letters and digits only, at most 40".into(),
            });
        }
        Ok(self.store.list_listings(filter, page).await?)
    }

    /// One listing, if the caller may see it (others' drafts look absent).
    pub async fn listing(&self, caller: &Caller, id: ListingId) -> Result<Listing> {
        let l = self.store.listing(id).await?;
        caller.may(Action::ReadListing {
            owner: l.owner,
            status: l.status,
        })?;
        Ok(l)
    }

    /// The listing as its editor sees it.
    pub async fn listing_to_edit(&self, caller: &Caller, id: ListingId) -> Result<Listing> {
        let l = self.listing(caller, id).await?;
        caller.may(Action::UpdateListing { owner: l.owner })?;
        Ok(l)
    }

    /// Who a new listing would belong to: the named organisation, or the caller.
    pub async fn new_listing_owner(
        &self,
        caller: &Caller,
        organisation: Option<i64>,
    ) -> Result<Owner> {
        let me = caller.account()?.id;
        let owner = match organisation {
            Some(o) => {
                self.store.organisation(o).await.map_err(|e| match e {
                    sc_storage::StorageError::NotFound => Error::field(
                        "organisation_id",
                        ErrorCode::NoSuchOrganisation,
                        "no organisation has this id",
                    ),
                    e => e.into(),
                })?;
                Owner::Organisation(o)
            }
            None => Owner::Person(me),
        };
        caller.may(Action::CreateListing { owner })?;
        Ok(owner)
    }

    pub async fn create_listing(
        &self,
        caller: &Caller,
        organisation: Option<i64>,
        input: ListingInput,
    ) -> Result<Listing> {
        let owner = self.new_listing_owner(caller, organisation).await?;
        let input = input.validated()?;
        Ok(self
            .store
            .create_listing(owner, &input, caller.account()?.id)
            .await?)
    }

    pub async fn update_listing(
        &self,
        caller: &Caller,
        id: ListingId,
        input: ListingInput,
    ) -> Result<Listing> {
        self.listing_to_edit(caller, id).await?;
        let input = input.validated()?;
        Ok(self.store.update_listing(id, &input).await?)
    }

    /// Deletes a listing once `confirmed`; unconfirmed, only checks that the caller may.
    pub async fn delete_listing(
        &self,
        caller: &Caller,
        id: ListingId,
        confirmed: bool,
    ) -> Result<Listing> {
        let l = self.listing(caller, id).await?;
        caller.may(Action::DeleteListing { owner: l.owner })?;
        if confirmed {
            self.store.delete_listing(id).await?;
        }
        Ok(l)
    }
}
