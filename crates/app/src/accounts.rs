//! A person's own account: profile, contact details, language; and the platform
//! administrator's view of every account.

use sc_access::Action;
use sc_domain::ErrorCode;
use sc_domain::error::Problems;
use sc_domain::person::{Account, ContactDetails, PlatformRole, UserId};
use sc_domain::{Language, Location};
use sc_storage::{Page, PageRequest};

use crate::{App, Caller, Result};

/// What a person may change of their own account; `None` keeps the current value.
#[derive(Debug, Default, Clone)]
pub struct AccountChange {
    pub display_name: Option<String>,
    pub preferred_language: Option<Language>,
    pub location: Option<Location>,
}

/// The display name a change leaves, checked (required, at most 100 characters).
fn checked_name(current: &Account, change: &AccountChange) -> (String, Problems) {
    let name = change
        .display_name
        .as_deref()
        .map(str::trim)
        .unwrap_or(&current.display_name)
        .to_string();
    let mut problems = Problems::new();
    if name.is_empty() {
        problems.push(
            "display_name",
            ErrorCode::Required,
            "give a name to show to others",
        );
    }
    problems.text("display_name", &name, 100);
    (name, problems)
}

impl App {
    pub fn me<'c>(&self, caller: &'c Caller) -> Result<&'c Account> {
        caller.may(Action::ReadOwnAccount)?;
        caller.account()
    }

    pub async fn update_me(&self, caller: &Caller, change: AccountChange) -> Result<Account> {
        caller.may(Action::UpdateOwnAccount)?;
        let a = caller.account()?;
        let (name, problems) = checked_name(a, &change);
        problems.finish()?;
        self.write_profile(a, &name, &change).await
    }

    /// Writes a checked name and the change's language and location (current ones kept).
    async fn write_profile(
        &self,
        a: &Account,
        name: &str,
        change: &AccountChange,
    ) -> Result<Account> {
        Ok(self
            .store
            .update_account(
                a.id,
                name,
                change.preferred_language.unwrap_or(a.preferred_language),
                change.location.unwrap_or(a.location),
            )
            .await?)
    }

    /// The caller's own contact details (nobody else reads them here).
    pub async fn my_contact(&self, caller: &Caller) -> Result<ContactDetails> {
        caller.may(Action::ReadOwnContact)?;
        Ok(self.store.contact_details(caller.account()?.id).await?)
    }

    pub async fn put_my_contact(
        &self,
        caller: &Caller,
        details: ContactDetails,
    ) -> Result<ContactDetails> {
        caller.may(Action::UpdateOwnContact)?;
        let details = details.validated()?;
        self.store
            .put_contact_details(caller.account()?.id, &details)
            .await?;
        Ok(details)
    }

    /// The account page's one form: profile and contact details, all checked (every fault of
    /// both reported together) before either is written.
    pub async fn save_account(
        &self,
        caller: &Caller,
        change: AccountChange,
        details: ContactDetails,
    ) -> Result<Account> {
        caller.may(Action::UpdateOwnAccount)?;
        caller.may(Action::UpdateOwnContact)?;
        let a = caller.account()?;
        let (name, problems) = checked_name(a, &change);
        let (profile, contact) = (problems.finish(), details.validated());
        let details = match (profile, contact) {
            (Ok(()), Ok(d)) => d,
            (p, c) => {
                let mut all = vec![];
                for inv in [p.err(), c.err()].into_iter().flatten() {
                    all.extend(inv.0);
                }
                return Err(sc_domain::Invalid(all).into());
            }
        };
        let account = self.write_profile(a, &name, &change).await?;
        self.store.put_contact_details(account.id, &details).await?;
        Ok(account)
    }

    /// Remembers the caller's language (nothing for someone not signed in).
    pub async fn set_my_language(&self, caller: &Caller, lang: Language) -> Result<()> {
        let Some(a) = caller.account.as_ref() else {
            return Ok(());
        };
        caller.may(Action::UpdateOwnAccount)?;
        Ok(self.store.set_preferred_language(a.id, lang).await?)
    }

    /// The name a person shows to others.
    pub async fn display_name(&self, user: UserId) -> Result<String> {
        Ok(self.store.public_profile(user).await?.display_name)
    }

    pub async fn accounts(&self, caller: &Caller, page: PageRequest) -> Result<Page<Account>> {
        caller.may(Action::ListUsers)?;
        Ok(self.store.list_accounts(page).await?)
    }

    pub async fn set_platform_role(
        &self,
        caller: &Caller,
        user: UserId,
        role: PlatformRole,
    ) -> Result<Account> {
        caller.may(Action::SetPlatformRole)?;
        Ok(self.store.set_platform_role(user, role).await?)
    }
}
