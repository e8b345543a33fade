//! Who may do what. Every request handler states its [`Action`] and asks [`authorize`]; this is
//! the only place where roles are compared, so a rule changes here or nowhere.

pub mod password;

use sc_domain::listing::{ListingStatus, Owner};
use sc_domain::organisation::OrgId;
use sc_domain::person::{OrgRole, PlatformRole, UserId};

/// The caller of a request, with the memberships that decide organisation-level rights.
#[derive(Debug, Clone, PartialEq)]
pub enum Actor {
    Anonymous,
    User {
        id: UserId,
        role: PlatformRole,
        memberships: Vec<(OrgId, OrgRole)>,
    },
}

impl Actor {
    pub fn user_id(&self) -> Option<UserId> {
        match self {
            Actor::User { id, .. } => Some(*id),
            Actor::Anonymous => None,
        }
    }

    /// The organisations the caller belongs to.
    pub fn organisations(&self) -> Vec<OrgId> {
        match self {
            Actor::User { memberships, .. } => memberships.iter().map(|(o, _)| *o).collect(),
            Actor::Anonymous => Vec::new(),
        }
    }

    fn is_admin(&self) -> bool {
        matches!(
            self,
            Actor::User {
                role: PlatformRole::Admin,
                ..
            }
        )
    }

    fn is_organiser(&self) -> bool {
        matches!(
            self,
            Actor::User {
                role: PlatformRole::Organiser,
                ..
            }
        )
    }

    /// The caller's role in `org`, if any.
    pub fn role_in(&self, org: OrgId) -> Option<OrgRole> {
        match self {
            Actor::User { memberships, .. } => {
                memberships.iter().find(|(o, _)| *o == org).map(|(_, r)| *r)
            }
            Actor::Anonymous => None,
        }
    }

    /// May act for the owner of a listing: a member of the owning organisation, or the person.
    fn speaks_for(&self, owner: Owner) -> bool {
        match owner {
            Owner::Organisation(org) => self.role_in(org).is_some(),
            Owner::Person(uid) => self.user_id() == Some(uid),
        }
    }
}

/// Everything a caller can ask to do, with the facts about the target that the rule needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Action {
    Register,
    LogIn,
    LogOut,
    ReadOwnAccount,
    UpdateOwnAccount,
    ReadOwnContact,
    UpdateOwnContact,
    ListUsers,
    SetPlatformRole,
    CreateOrganisation,
    ReadOrganisation,
    UpdateOrganisation {
        org: OrgId,
    },
    DeleteOrganisation {
        org: OrgId,
    },
    VerifyOrganisation,
    ListMembers {
        org: OrgId,
    },
    AddMember {
        org: OrgId,
    },
    ChangeMemberRole {
        org: OrgId,
    },
    RemoveMember {
        org: OrgId,
        user: UserId,
    },
    CreateListing {
        owner: Owner,
    },
    ReadListing {
        owner: Owner,
        status: ListingStatus,
    },
    UpdateListing {
        owner: Owner,
    },
    DeleteListing {
        owner: Owner,
    },
    ReadFair,
    CreateFair,
    UpdateFair,
    /// Import exhibitors, draw floor plans, print and revoke QR codes, see the dashboard.
    ManageFair,
    /// Scan a booth's code: anyone (the bookmark needs someone signed in).
    ScanBooth,
    /// Keep one's own bookmarks, notes and contact requests at a fair.
    UseMyFair,
    /// See and annotate an exhibitor's leads, and export them.
    ReadLeads {
        org: OrgId,
    },
    /// See the matches made for one's self, an organisation (the buyers to meet) or a
    /// listing (suppliers for a request, requests for an offer).
    ReadMatches {
        subject: MatchSubject,
    },
    /// Tell the engine "not interested" or "more like this", or change what it is told about
    /// the subject (a buyer profile, an organisation's wishes).
    TellMatching {
        subject: MatchSubject,
    },
    /// Read a conversation, write in it, share one's contact there, block the other side or
    /// report it: only its two sides (for an organisation, its members). Nobody else, the
    /// organiser and the platform's administrators included, learns it exists.
    Converse {
        /// The person on side A.
        a: UserId,
        /// The organisation or person on side B.
        b: Owner,
    },
    /// List the conversations of `of` (one's self, or an organisation one belongs to).
    ReadInbox {
        of: Owner,
    },
    /// Write first to someone, speaking for `from` (one's self or one's organisation).
    StartConversation {
        from: Owner,
    },
    /// An organisation's inbox rules (who may write first): its administrators.
    SetInboxRules {
        org: OrgId,
    },
    /// Reports of abuse in conversations (never the conversations): organisers and
    /// administrators.
    ReadReports,
    /// See or answer a meeting request (accept, decline, propose, cancel, check in, mark a
    /// no-show): the person who asked, the person asked and, while nobody of an
    /// organisation has taken it, the organisation's members. The organiser schedules
    /// meetings through `ManageFair`, and never reads the requests' notes.
    Meet {
        from: UserId,
        to: Option<UserId>,
        org: Option<OrgId>,
    },
}

/// Whom matches are made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchSubject {
    /// The caller, as a buyer.
    Me,
    Organisation(OrgId),
    Listing {
        owner: Owner,
        status: ListingStatus,
    },
}

/// Why an action was refused. The HTTP edge maps these to 401, 403 or (for things the caller
/// may not know exist) 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Nobody is signed in, and the action needs someone.
    Unauthenticated,
    /// Signed in, but not allowed.
    Forbidden,
    /// Not allowed, and the caller must not learn the target exists (drafts of others).
    Hidden,
}

/// The single authorisation rule book.
pub fn authorize(actor: &Actor, action: Action) -> Result<(), Denied> {
    use Action::*;
    let signed_in = actor.user_id().is_some();
    let allowed = match action {
        Register | LogIn | ReadOrganisation | ReadFair | ScanBooth => true,
        ReadListing { owner, status } => {
            if status == ListingStatus::Published || actor.is_admin() || actor.speaks_for(owner) {
                true
            } else {
                return Err(Denied::Hidden);
            }
        }
        ReadMatches {
            subject: MatchSubject::Listing { owner, status },
        } => {
            if status == ListingStatus::Published || actor.is_admin() || actor.speaks_for(owner) {
                true
            } else {
                return Err(Denied::Hidden);
            }
        }
        _ if !signed_in => return Err(Denied::Unauthenticated),
        Converse { a, b } => {
            if actor.user_id() == Some(a) || actor.speaks_for(b) {
                true
            } else {
                return Err(Denied::Hidden);
            }
        }
        StartConversation { from } | ReadInbox { of: from } => actor.speaks_for(from),
        Meet { from, to, org } => {
            let me = actor.user_id();
            let member = to.is_none() && org.is_some_and(|o| actor.role_in(o).is_some());
            if me == Some(from) || (to.is_some() && me == to) || member {
                true
            } else {
                return Err(Denied::Hidden);
            }
        }
        SetInboxRules { org } => actor.is_admin() || actor.role_in(org) == Some(OrgRole::Admin),
        ReadReports => actor.is_admin() || actor.is_organiser(),
        LogOut | ReadOwnAccount | UpdateOwnAccount | ReadOwnContact | UpdateOwnContact
        | CreateOrganisation | UseMyFair => true,
        ListUsers | SetPlatformRole => actor.is_admin(),
        VerifyOrganisation | CreateFair | UpdateFair | ManageFair => {
            actor.is_admin() || actor.is_organiser()
        }
        ReadMatches {
            subject: MatchSubject::Me,
        }
        | TellMatching {
            subject: MatchSubject::Me,
        } => true,
        // Buyers to meet are people: only the exhibitor's own members see them (as leads).
        ReadMatches {
            subject: MatchSubject::Organisation(org),
        } => actor.role_in(org).is_some(),
        TellMatching {
            subject: MatchSubject::Organisation(org),
        } => actor.role_in(org).is_some(),
        TellMatching {
            subject: MatchSubject::Listing { owner, .. },
        } => actor.speaks_for(owner),
        // Leads hold buyers' personal data: only the exhibitor's own people see them, not the
        // organiser and not the platform's administrators.
        ReadLeads { org } => actor.role_in(org).is_some(),
        UpdateOrganisation { org }
        | DeleteOrganisation { org }
        | AddMember { org }
        | ChangeMemberRole { org } => {
            actor.is_admin() || actor.role_in(org) == Some(OrgRole::Admin)
        }
        ListMembers { org } => actor.is_admin() || actor.role_in(org).is_some(),
        RemoveMember { org, user } => {
            actor.is_admin()
                || actor.role_in(org) == Some(OrgRole::Admin)
                || actor.user_id() == Some(user)
        }
        CreateListing { owner } | UpdateListing { owner } | DeleteListing { owner } => {
            actor.is_admin() || actor.speaks_for(owner)
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORG: OrgId = 7;
    const OTHER_ORG: OrgId = 8;

    fn user(id: UserId, role: PlatformRole, memberships: Vec<(OrgId, OrgRole)>) -> Actor {
        Actor::User {
            id,
            role,
            memberships,
        }
    }

    /// The five roles of the platform, as they stand towards organisation `ORG`.
    fn roles() -> Vec<(&'static str, Actor)> {
        vec![
            ("anonymous", Actor::Anonymous),
            (
                "individual",
                user(1, PlatformRole::User, vec![(OTHER_ORG, OrgRole::Admin)]),
            ),
            (
                "org_member",
                user(2, PlatformRole::User, vec![(ORG, OrgRole::Member)]),
            ),
            (
                "org_admin",
                user(3, PlatformRole::User, vec![(ORG, OrgRole::Admin)]),
            ),
            ("organiser", user(4, PlatformRole::Organiser, vec![])),
            ("platform_admin", user(5, PlatformRole::Admin, vec![])),
        ]
    }

    #[test]
    fn every_action_for_every_role() {
        use Action::*;
        let draft = ListingStatus::Draft;
        // anonymous, individual, org_member, org_admin, organiser, platform_admin
        let o = |allowed: [bool; 6]| allowed;
        let table: Vec<(Action, [bool; 6])> = vec![
            (Register, o([true, true, true, true, true, true])),
            (ReadOrganisation, o([true, true, true, true, true, true])),
            (ReadFair, o([true, true, true, true, true, true])),
            (LogOut, o([false, true, true, true, true, true])),
            (ReadOwnContact, o([false, true, true, true, true, true])),
            (CreateOrganisation, o([false, true, true, true, true, true])),
            (ListUsers, o([false, false, false, false, false, true])),
            (
                SetPlatformRole,
                o([false, false, false, false, false, true]),
            ),
            (
                VerifyOrganisation,
                o([false, false, false, false, true, true]),
            ),
            (CreateFair, o([false, false, false, false, true, true])),
            (ManageFair, o([false, false, false, false, true, true])),
            (ScanBooth, o([true, true, true, true, true, true])),
            (UseMyFair, o([false, true, true, true, true, true])),
            (
                ReadLeads { org: ORG },
                o([false, false, true, true, false, false]),
            ),
            (
                UpdateOrganisation { org: ORG },
                o([false, false, false, true, false, true]),
            ),
            (
                DeleteOrganisation { org: ORG },
                o([false, false, false, true, false, true]),
            ),
            (
                AddMember { org: ORG },
                o([false, false, false, true, false, true]),
            ),
            (
                ListMembers { org: ORG },
                o([false, false, true, true, false, true]),
            ),
            (
                RemoveMember { org: ORG, user: 2 },
                o([false, false, true, true, false, true]),
            ),
            (
                CreateListing {
                    owner: Owner::Organisation(ORG),
                },
                o([false, false, true, true, false, true]),
            ),
            (
                UpdateListing {
                    owner: Owner::Organisation(ORG),
                },
                o([false, false, true, true, false, true]),
            ),
            (
                CreateListing {
                    owner: Owner::Person(1),
                },
                o([false, true, false, false, false, true]),
            ),
            (
                ReadListing {
                    owner: Owner::Organisation(ORG),
                    status: ListingStatus::Published,
                },
                o([true, true, true, true, true, true]),
            ),
            (
                ReadListing {
                    owner: Owner::Organisation(ORG),
                    status: draft,
                },
                o([false, false, true, true, false, true]),
            ),
            (
                ReadMatches {
                    subject: MatchSubject::Me,
                },
                o([false, true, true, true, true, true]),
            ),
            (
                TellMatching {
                    subject: MatchSubject::Me,
                },
                o([false, true, true, true, true, true]),
            ),
            (
                ReadMatches {
                    subject: MatchSubject::Organisation(ORG),
                },
                o([false, false, true, true, false, false]),
            ),
            (
                TellMatching {
                    subject: MatchSubject::Organisation(ORG),
                },
                o([false, false, true, true, false, false]),
            ),
            (
                ReadMatches {
                    subject: MatchSubject::Listing {
                        owner: Owner::Organisation(ORG),
                        status: ListingStatus::Published,
                    },
                },
                o([true, true, true, true, true, true]),
            ),
            (
                ReadMatches {
                    subject: MatchSubject::Listing {
                        owner: Owner::Organisation(ORG),
                        status: draft,
                    },
                },
                o([false, false, true, true, false, true]),
            ),
            (
                TellMatching {
                    subject: MatchSubject::Listing {
                        owner: Owner::Organisation(ORG),
                        status: ListingStatus::Published,
                    },
                },
                o([false, false, true, true, false, false]),
            ),
            (
                Converse {
                    a: 1,
                    b: Owner::Organisation(ORG),
                },
                o([false, true, true, true, false, false]),
            ),
            (
                Converse {
                    a: 4,
                    b: Owner::Person(1),
                },
                o([false, true, false, false, true, false]),
            ),
            (
                Converse {
                    a: 9,
                    b: Owner::Person(10),
                },
                o([false, false, false, false, false, false]),
            ),
            (
                Meet {
                    from: 1,
                    to: None,
                    org: Some(ORG),
                },
                o([false, true, true, true, false, false]),
            ),
            (
                Meet {
                    from: 1,
                    to: Some(3),
                    org: Some(ORG),
                },
                o([false, true, false, true, false, false]),
            ),
            (
                Meet {
                    from: 9,
                    to: Some(10),
                    org: None,
                },
                o([false, false, false, false, false, false]),
            ),
            (
                StartConversation {
                    from: Owner::Person(2),
                },
                o([false, false, true, false, false, false]),
            ),
            (
                StartConversation {
                    from: Owner::Organisation(ORG),
                },
                o([false, false, true, true, false, false]),
            ),
            (
                ReadInbox {
                    of: Owner::Organisation(ORG),
                },
                o([false, false, true, true, false, false]),
            ),
            (
                SetInboxRules { org: ORG },
                o([false, false, false, true, false, true]),
            ),
            (ReadReports, o([false, false, false, false, true, true])),
        ];
        for (action, expected) in table {
            for ((name, actor), want) in roles().into_iter().zip(expected) {
                assert_eq!(authorize(&actor, action).is_ok(), want, "{name} {action:?}");
            }
        }
    }

    #[test]
    fn anonymous_callers_are_asked_to_sign_in_and_drafts_stay_hidden() {
        assert_eq!(
            authorize(&Actor::Anonymous, Action::CreateOrganisation),
            Err(Denied::Unauthenticated)
        );
        let stranger = user(9, PlatformRole::User, vec![]);
        assert_eq!(
            authorize(&stranger, Action::UpdateOrganisation { org: ORG }),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(
                &stranger,
                Action::ReadListing {
                    owner: Owner::Organisation(ORG),
                    status: ListingStatus::Archived
                }
            ),
            Err(Denied::Hidden)
        );
    }
}
