//! Fairs, their halls and booths, and the layout every visitor's pages are drawn from.

use std::sync::Arc;

use sc_access::Action;
use sc_domain::fair::{Fair, FairId, FairInput, Hall};
use sc_storage::{BoothView, NewHall};

use crate::cache::FairLayout;
use crate::{App, Caller, Result};

impl App {
    pub async fn fairs(&self, caller: &Caller) -> Result<Vec<Fair>> {
        caller.may(Action::ReadFair)?;
        Ok(self.store.fairs().await?)
    }

    pub async fn fair(&self, caller: &Caller, id: FairId) -> Result<Fair> {
        caller.may(Action::ReadFair)?;
        Ok(self.store.fair(id).await?)
    }

    pub async fn halls(&self, caller: &Caller, fair: FairId) -> Result<Vec<Hall>> {
        caller.may(Action::ReadFair)?;
        Ok(self.store.halls(fair).await?)
    }

    /// Booths of a fair or of an organisation, with their halls and exhibitors.
    pub async fn booths(
        &self,
        caller: &Caller,
        fair: Option<FairId>,
        organisation: Option<i64>,
    ) -> Result<Vec<BoothView>> {
        caller.may(Action::ReadFair)?;
        if let Some(f) = fair {
            self.store.fair(f).await?;
        }
        Ok(self.store.booths(fair, organisation).await?)
    }

    /// A fair's halls, booths and plans, from the cache when it is current.
    pub async fn fair_layout(&self, caller: &Caller, fair: FairId) -> Result<Arc<FairLayout>> {
        caller.may(Action::ReadFair)?;
        let store = &self.store;
        self.caches
            .layouts
            .get_or_load(fair, store.epoch(), async {
                Ok(FairLayout {
                    fair: store.fair(fair).await?,
                    booths: store.booths(Some(fair), None).await?,
                    plans: store.fair_plans(fair).await?,
                })
            })
            .await
    }

    pub async fn create_fair(&self, caller: &Caller, input: FairInput) -> Result<Fair> {
        caller.may(Action::CreateFair)?;
        let input = input.validated()?;
        Ok(self.store.create_fair(&input).await?)
    }

    /// A fair with its halls, in one transaction.
    pub async fn create_fair_with_halls(
        &self,
        caller: &Caller,
        input: FairInput,
        halls: &[NewHall],
    ) -> Result<Fair> {
        caller.may(Action::CreateFair)?;
        let input = input.validated()?;
        Ok(self.store.create_fair_with_halls(&input, halls).await?)
    }
}
