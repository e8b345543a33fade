//! EXHIBITION+ at work: scanning a booth's code, bookmarks, contact requests, an exhibitor's
//! leads (contact details only through the governed reveal), floor plans, booth codes, the
//! organiser's figures and imports.

use sc_domain::ErrorCode;
use std::sync::Arc;

use sc_access::Action;
use sc_domain::Language;
use sc_domain::conversation::{ConversationId, MessageKind, Parties, Side};
use sc_domain::error::Problems;
use sc_domain::fair::FairId;
use sc_domain::governance::RevealPurpose;
use sc_domain::listing::Owner;
use sc_domain::organisation::OrgId;
use sc_domain::person::UserId;
use sc_floorplan::{HallPlan, PlanError};
use sc_storage::{
    Bookmark, BoothCode, FairStats, ImportSummary, Lead, ListingFilter, NewExhibitor, NewMessage,
    NewProduct, OrganisationFilter, PageRequest, ProductSummary, RevealedContact, SavePlanError,
    Scan, ScanOutcome, TokenLookup, TokenTarget, Viewer, looks_like_token, split_tags,
};

use crate::cache::ExhibitorContent;
use crate::{App, Caller, Error, Result};

/// How a visit to a booth's code arrived, which decides whether it bookmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// Scanned at the booth (a camera app opens the address directly) or followed from this
    /// site: the visit bookmarks the exhibitor and makes the visitor a lead.
    Scanned,
    /// Sent from somewhere else (a link or a redirect on another site): the page is shown,
    /// and bookmarking waits for the visitor to ask.
    Elsewhere,
}

/// What a booth's code led to.
#[derive(Debug, Clone)]
pub enum ScanResult {
    Unknown,
    /// Withdrawn by the organiser.
    Revoked {
        fair_id: FairId,
    },
    /// A booth nobody occupies.
    Vacant(TokenTarget),
    Exhibitor {
        booth: TokenTarget,
        organisation_id: OrgId,
        /// The scan was recorded (and for someone signed in, bookmarked); `None` when the
        /// visit came from elsewhere and recorded nothing.
        outcome: Option<ScanOutcome>,
    },
}

/// The visitor's standing with an exhibitor, for the buttons on its page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Standing {
    pub bookmarked: bool,
    pub request_sent: bool,
    pub shares_contact: bool,
    pub has_lead: bool,
}

/// Changes to a bookmark; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct BookmarkChange {
    pub note: Option<String>,
    pub tags: Option<Vec<String>>,
    pub visited: Option<bool>,
}

fn viewer(caller: &Caller, org: OrgId) -> Result<Viewer> {
    let a = caller.account()?;
    Ok(Viewer {
        user_id: a.id,
        location: a.location,
        organisation_id: org,
    })
}

/// A plan's problems as fields of the request (`booths[3].x`).
pub fn plan_fields(errs: Vec<PlanError>) -> sc_domain::Invalid {
    sc_domain::Invalid(
        errs.into_iter()
            .map(|e| sc_domain::FieldError {
                field: match e.row {
                    Some(r) => format!("booths[{}].{}", r - 1, e.field),
                    None => e.field,
                },
                code: e.code,
                message: e.message,
            })
            .collect(),
    )
}

impl App {
    /// What a booth's token stands for, from the cache when it is current.
    async fn lookup_token(&self, token: &str) -> Result<Arc<TokenLookup>> {
        if !looks_like_token(token) {
            return Ok(Arc::new(TokenLookup::Unknown));
        }
        let store = &self.store;
        self.caches
            .tokens
            .get_or_load(token.to_string(), store.epoch(), async {
                Ok(store.lookup_token(token).await?)
            })
            .await
    }

    /// A visit to a booth's code: records the scan (and for someone signed in, the bookmark
    /// and the lead) before answering, when the visit is a scan.
    pub async fn scan_booth(
        &self,
        caller: &Caller,
        token: &str,
        language: Language,
        arrival: Arrival,
    ) -> Result<ScanResult> {
        caller.may(Action::ScanBooth)?;
        let booth = match self.lookup_token(token).await?.as_ref() {
            TokenLookup::Live(t) => t.clone(),
            TokenLookup::Revoked { fair_id } => {
                return Ok(ScanResult::Revoked { fair_id: *fair_id });
            }
            TokenLookup::Unknown => return Ok(ScanResult::Unknown),
        };
        let Some(org) = booth.organisation_id else {
            return Ok(ScanResult::Vacant(booth));
        };
        let outcome = match arrival {
            Arrival::Elsewhere => None,
            Arrival::Scanned => Some(
                self.scans
                    .record(Scan {
                        fair_id: booth.fair_id,
                        booth_id: booth.booth_id,
                        organisation_id: org,
                        user_id: caller.account.as_ref().map(|a| a.id),
                        language: language.code().into(),
                    })
                    .await?,
            ),
        };
        if let (Some(_), Some(a)) = (&outcome, caller.account.as_ref()) {
            self.learn_activity(a.id, org, "scan");
        }
        Ok(ScanResult::Exhibitor {
            booth,
            organisation_id: org,
            outcome,
        })
    }

    /// An exhibitor's profile, products and related exhibitors at a fair (404 when it does
    /// not exhibit there), from the cache when it is current.
    pub async fn exhibitor_content(
        &self,
        caller: &Caller,
        fair: FairId,
        org: OrgId,
    ) -> Result<Arc<ExhibitorContent>> {
        caller.may(Action::ReadFair)?;
        let store = &self.store;
        self.caches
            .exhibitors
            .get_or_load((fair, org), store.epoch(), async {
                let organisation = store.organisation(org).await?;
                let products = store
                    .list_listings(
                        &ListingFilter {
                            owner: Some(Owner::Organisation(org)),
                            kind: Some(sc_domain::market::ListingKind::Product),
                            ..Default::default()
                        },
                        PageRequest::new(Some(1), Some(24)),
                    )
                    .await?
                    .items;
                // Related: other exhibitors of this fair in the same first sector.
                let related = match organisation.sectors.first() {
                    Some(sector) => store
                        .list_organisations(
                            &OrganisationFilter {
                                fair: Some(fair),
                                sector: Some(sector.clone()),
                                ..Default::default()
                            },
                            PageRequest::new(Some(1), Some(7)),
                        )
                        .await?
                        .items
                        .into_iter()
                        .filter(|r| r.id != org)
                        .take(6)
                        .collect(),
                    None => vec![],
                };
                let ids: Vec<i64> = products.iter().map(|l| l.id).collect();
                Ok(ExhibitorContent {
                    covers: store.covers(&ids).await?.into_iter().collect(),
                    organisation,
                    products,
                    related,
                })
            })
            .await
    }

    /// The caller's bookmark, request and sharing with an exhibitor (nothing when signed out).
    pub async fn standing(&self, caller: &Caller, fair: FairId, org: OrgId) -> Result<Standing> {
        let Some(a) = caller.account.as_ref() else {
            return Ok(Standing::default());
        };
        let lead = self.store.lead_of(org, fair, a.id).await?;
        Ok(Standing {
            bookmarked: self.store.bookmark(a.id, fair, org).await?.is_some(),
            request_sent: lead.as_ref().is_some_and(|l| !l.message.is_empty()),
            shares_contact: lead.as_ref().is_some_and(|l| l.shares_contact),
            has_lead: lead.is_some(),
        })
    }

    /// The caller's bookmarks at a fair, newest first.
    pub async fn bookmarks(&self, caller: &Caller, fair: FairId) -> Result<Vec<Bookmark>> {
        caller.may(Action::UseMyFair)?;
        let user = caller.account()?.id;
        self.store.fair(fair).await?;
        Ok(self.store.bookmarks(user, fair).await?)
    }

    /// Bookmarks an exhibitor (idempotent); true when this made the bookmark.
    pub async fn add_bookmark(&self, caller: &Caller, fair: FairId, org: OrgId) -> Result<bool> {
        caller.may(Action::UseMyFair)?;
        let user = caller.account()?.id;
        let new = self.store.add_bookmark(user, fair, org).await?;
        self.learn_activity(user, org, "bookmark");
        Ok(new)
    }

    /// Removes a bookmark (the exhibitor's lead goes too, unless a contact request was sent);
    /// `NotFound` when there was none.
    pub async fn remove_bookmark(&self, caller: &Caller, fair: FairId, org: OrgId) -> Result<()> {
        caller.may(Action::UseMyFair)?;
        let user = caller.account()?.id;
        Ok(self.store.remove_bookmark(user, fair, org).await?)
    }

    /// Bookmarks the exhibitor if need be and changes the bookmark's note, tags and visited mark.
    pub async fn update_bookmark(
        &self,
        caller: &Caller,
        fair: FairId,
        org: OrgId,
        change: BookmarkChange,
    ) -> Result<Bookmark> {
        caller.may(Action::UseMyFair)?;
        let user = caller.account()?.id;
        self.store.add_bookmark(user, fair, org).await?;
        let current = self
            .store
            .bookmark(user, fair, org)
            .await?
            .ok_or(Error::NotFound)?;
        let note = change.note.unwrap_or(current.note);
        let tags = match change.tags {
            Some(t) => split_tags(&t.join(" ")),
            None => current.tags,
        };
        let mut p = Problems::new();
        p.text("note", &note, 2000);
        p.text("tags", &tags.join(" "), 300);
        p.finish()?;
        let visited = change.visited.unwrap_or(current.visited_at.is_some());
        self.store
            .update_bookmark(user, fair, org, note.trim(), &tags, visited)
            .await?;
        self.store
            .bookmark(user, fair, org)
            .await?
            .ok_or(Error::NotFound)
    }

    /// "Message this exhibitor": a contact request the exhibitor sees with the lead (sending
    /// again replaces it there), and a message in the buyer's conversation with the
    /// exhibitor, whose first message it is. Returns the conversation.
    pub async fn request_contact(
        &self,
        caller: &Caller,
        fair: FairId,
        org: OrgId,
        message: &str,
        share_contact: bool,
    ) -> Result<ConversationId> {
        caller.may(Action::UseMyFair)?;
        let user = caller.account()?.id;
        let message = message.trim();
        let mut p = Problems::new();
        p.text("message", message, 2000);
        if message.is_empty() {
            p.push("message", ErrorCode::Required, "write a message");
        }
        p.finish()?;
        let parties = Parties {
            a: user,
            b: Owner::Organisation(org),
        };
        if caller.actor.role_in(org).is_some() {
            return Err(Error::field(
                "message",
                ErrorCode::OwnOrganisation,
                "this is your own organisation",
            ));
        }
        if self
            .store
            .conversation_between(parties, "")
            .await?
            .is_none()
        {
            self.may_write_first(caller, Owner::Person(user), Owner::Organisation(org))
                .await?;
        } else if self
            .store
            .is_blocked(Owner::Organisation(org), Owner::Person(user))
            .await?
        {
            return Err(Error::Conflict {
                code: ErrorCode::Blocked,
                detail: "they do not accept your messages".into(),
            });
        }
        let first = NewMessage {
            side: Side::A,
            author: user,
            kind: MessageKind::Contact,
            body: message.to_string(),
            folded: sc_text::Analyzer::shared().fold(message),
            data: serde_json::json!({"shares_contact": share_contact, "fair_id": fair}),
            listing_id: None,
            attachments: Vec::new(),
        };
        let posted = self
            .store
            .request_contact(user, fair, org, message, share_contact, &first)
            .await?;
        self.learn_activity(user, org, "contact");
        self.publish(parties, Side::A, posted);
        Ok(posted.conversation_id)
    }

    /// The buyer shares or withdraws contact details with an exhibitor.
    pub async fn set_contact_sharing(
        &self,
        caller: &Caller,
        fair: FairId,
        org: OrgId,
        share: bool,
    ) -> Result<()> {
        caller.may(Action::UseMyFair)?;
        let user = caller.account()?.id;
        Ok(self
            .store
            .set_contact_sharing(user, fair, org, share)
            .await?)
    }

    /// An exhibitor's leads at a fair (its members only).
    pub async fn leads(&self, caller: &Caller, fair: FairId, org: OrgId) -> Result<Vec<Lead>> {
        caller.may(Action::ReadLeads { org })?;
        self.store.fair(fair).await?;
        Ok(self.store.leads(org, fair).await?)
    }

    /// Contact details of the leads who agreed (all of them when `users` is empty), each one
    /// recorded as revealed to the caller for `purpose`.
    pub async fn reveal_lead_contacts(
        &self,
        caller: &Caller,
        fair: FairId,
        org: OrgId,
        users: &[UserId],
        purpose: RevealPurpose,
    ) -> Result<Vec<RevealedContact>> {
        caller.may(Action::ReadLeads { org })?;
        Ok(self
            .store
            .reveal_lead_contacts(&viewer(caller, org)?, fair, users, purpose)
            .await?)
    }

    /// The exhibitor's note and score (0–5) on a lead.
    pub async fn update_lead(
        &self,
        caller: &Caller,
        fair: FairId,
        org: OrgId,
        user: UserId,
        note: &str,
        score: i64,
    ) -> Result<()> {
        caller.may(Action::ReadLeads { org })?;
        let mut p = Problems::new();
        p.text("note", note, 2000);
        if !(0..=5).contains(&score) {
            p.push("score", ErrorCode::OutOfRange, "between 0 and 5");
        }
        p.finish()?;
        self.store
            .update_lead(org, fair, user, note.trim(), score)
            .await?;
        if score > 0 || !note.trim().is_empty() {
            self.learn_follow_up(org, user);
        }
        Ok(())
    }

    /// Replaces a hall's plan (named by the hall's code) with a parsed plan, or reports the
    /// parser's problems once the hall is known to exist; the number of booths it created.
    pub async fn save_hall_plan(
        &self,
        caller: &Caller,
        fair: FairId,
        hall: &str,
        plan: std::result::Result<HallPlan, Vec<PlanError>>,
    ) -> Result<usize> {
        caller.may(Action::ManageFair)?;
        let plans = self.store.fair_plans(fair).await?;
        let hall = plans
            .iter()
            .find(|p| p.hall.code == hall)
            .ok_or(Error::NotFound)?;
        let plan = plan.map_err(Error::Plan)?;
        match self.store.save_hall_plan(hall.hall.id, &plan).await {
            Ok(n) => Ok(n),
            Err(SavePlanError::Invalid(e)) => Err(Error::Plan(e)),
            Err(SavePlanError::Storage(e)) => Err(e.into()),
        }
    }

    /// The live QR token of every booth (issued on first request).
    pub async fn booth_codes(&self, caller: &Caller, fair: FairId) -> Result<Vec<BoothCode>> {
        caller.may(Action::ManageFair)?;
        self.store.fair(fair).await?;
        Ok(self.store.booth_codes(fair).await?)
    }

    /// Revokes a booth's QR token and issues a new one.
    pub async fn reissue_booth_code(
        &self,
        caller: &Caller,
        fair: FairId,
        booth: i64,
    ) -> Result<String> {
        caller.may(Action::ManageFair)?;
        Ok(self.store.reissue_booth_code(fair, booth).await?)
    }

    /// The organiser's figures, with hours and days in the venue's time zone.
    pub async fn fair_stats(&self, caller: &Caller, fair: FairId) -> Result<FairStats> {
        caller.may(Action::ManageFair)?;
        let f = self.store.fair(fair).await?;
        let offset = crate::time::venue_offset_ms(&f.time_zone).0;
        Ok(self.store.fair_stats(fair, offset).await?)
    }

    /// Imports exhibitor rows (all or nothing; a dry run does the whole write and rolls back).
    pub async fn import_exhibitors(
        &self,
        caller: &Caller,
        fair: FairId,
        rows: &[NewExhibitor],
        dry_run: bool,
        progress: impl FnMut(usize),
    ) -> Result<ImportSummary> {
        caller.may(Action::ManageFair)?;
        Ok(self
            .store
            .import_exhibitors(fair, rows, &sc_i18n::default_hall_name, dry_run, progress)
            .await?)
    }

    /// Imports product rows, each naming its exhibitor by the organiser's reference.
    pub async fn import_products(
        &self,
        caller: &Caller,
        fair: FairId,
        rows: &[NewProduct],
        dry_run: bool,
        progress: impl FnMut(usize),
    ) -> Result<ProductSummary> {
        caller.may(Action::ManageFair)?;
        let by = caller.account()?.id;
        Ok(self
            .store
            .import_products(fair, rows, by, dry_run, progress)
            .await?)
    }
}
