//! Organisations and their members.

use sc_domain::ErrorCode;
use std::collections::HashMap;

use sc_access::Action;
use sc_domain::LocalizedText;
use sc_domain::organisation::{OrgId, Organisation, OrganisationInput};
use sc_domain::person::{Membership, OrgRole, UserId};
use sc_storage::{OrganisationFilter, Page, PageRequest};

use crate::{App, Caller, Error, Result};

impl App {
    pub async fn organisations(
        &self,
        caller: &Caller,
        filter: &OrganisationFilter,
        page: PageRequest,
    ) -> Result<Page<Organisation>> {
        caller.may(Action::ReadOrganisation)?;
        Ok(self.store.list_organisations(filter, page).await?)
    }

    pub async fn organisation(&self, caller: &Caller, id: OrgId) -> Result<Organisation> {
        caller.may(Action::ReadOrganisation)?;
        Ok(self.store.organisation(id).await?)
    }

    /// Names of organisations, for cards that show who owns what.
    pub async fn organisation_names(&self, ids: &[OrgId]) -> Result<HashMap<OrgId, LocalizedText>> {
        Ok(self.store.organisation_names(ids).await?)
    }

    /// Creates an organisation with the caller as its administrator.
    pub async fn create_organisation(
        &self,
        caller: &Caller,
        input: OrganisationInput,
    ) -> Result<Organisation> {
        caller.may(Action::CreateOrganisation)?;
        let input = input.validated()?;
        Ok(self
            .store
            .create_organisation(&input, caller.account()?.id)
            .await?)
    }

    /// The organisation as its editor sees it (404 for a missing one, 403 for an outsider).
    pub async fn organisation_to_edit(&self, caller: &Caller, id: OrgId) -> Result<Organisation> {
        let o = self.store.organisation(id).await?;
        caller.may(Action::UpdateOrganisation { org: id })?;
        Ok(o)
    }

    pub async fn update_organisation(
        &self,
        caller: &Caller,
        id: OrgId,
        input: OrganisationInput,
    ) -> Result<Organisation> {
        self.store.organisation(id).await?;
        caller.may(Action::UpdateOrganisation { org: id })?;
        let input = input.validated()?;
        Ok(self.store.update_organisation(id, &input).await?)
    }

    /// Deletes an organisation with its listings once `confirmed`; unconfirmed, only checks
    /// that the caller may.
    pub async fn delete_organisation(
        &self,
        caller: &Caller,
        id: OrgId,
        confirmed: bool,
    ) -> Result<()> {
        self.store.organisation(id).await?;
        caller.may(Action::DeleteOrganisation { org: id })?;
        if confirmed {
            self.store.delete_organisation(id).await?;
        }
        Ok(())
    }

    pub async fn set_organisation_verified(
        &self,
        caller: &Caller,
        id: OrgId,
        verified: bool,
    ) -> Result<Organisation> {
        caller.may(Action::VerifyOrganisation)?;
        Ok(self.store.set_organisation_verified(id, verified).await?)
    }

    pub async fn members(&self, caller: &Caller, org: OrgId) -> Result<Vec<Membership>> {
        self.store.organisation(org).await?;
        caller.may(Action::ListMembers { org })?;
        Ok(self.store.members(org).await?)
    }

    /// Adds the account with this e-mail address to the organisation.
    pub async fn add_member(
        &self,
        caller: &Caller,
        org: OrgId,
        email: &str,
        role: OrgRole,
    ) -> Result<()> {
        self.store.organisation(org).await?;
        caller.may(Action::AddMember { org })?;
        let email = sc_domain::person::normalize_email(email)
            .map_err(|msg| Error::field("email", ErrorCode::NotAnEmail, msg))?;
        let Some((account, _)) = self.store.account_by_email(&email).await? else {
            return Err(Error::field(
                "email",
                ErrorCode::NoSuchAccount,
                "no account uses this e-mail address; ask them to sign up first",
            ));
        };
        Ok(self.store.add_member(org, account.id, role).await?)
    }

    pub async fn change_member_role(
        &self,
        caller: &Caller,
        org: OrgId,
        user: UserId,
        role: OrgRole,
    ) -> Result<()> {
        self.store.organisation(org).await?;
        caller.may(Action::ChangeMemberRole { org })?;
        Ok(self.store.change_member_role(org, user, role).await?)
    }

    pub async fn remove_member(&self, caller: &Caller, org: OrgId, user: UserId) -> Result<()> {
        self.store.organisation(org).await?;
        caller.may(Action::RemoveMember { org, user })?;
        Ok(self.store.remove_member(org, user).await?)
    }
}
