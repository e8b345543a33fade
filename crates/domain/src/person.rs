//! People: accounts with a public profile, and contact details kept apart from it.

use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Timestamp;
use crate::error::{Invalid, Problems};
use crate::lang::Language;
use crate::location::Location;
use crate::organisation::OrgId;

pub type UserId = i64;

/// A role held across the whole platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlatformRole {
    /// Runs the platform: every organisation, every listing, every account.
    Admin,
    /// Runs fairs: creates fairs, halls and booths, verifies exhibitors.
    Organiser,
    /// Everyone else: a buyer, a job seeker, an investor, a member of organisations.
    User,
}

impl PlatformRole {
    pub fn code(self) -> &'static str {
        match self {
            PlatformRole::Admin => "admin",
            PlatformRole::Organiser => "organiser",
            PlatformRole::User => "user",
        }
    }
    pub fn parse(s: &str) -> Option<PlatformRole> {
        [
            PlatformRole::Admin,
            PlatformRole::Organiser,
            PlatformRole::User,
        ]
        .into_iter()
        .find(|r| r.code() == s)
    }
}

/// A person's role inside one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    Admin,
    Member,
}

impl OrgRole {
    pub fn code(self) -> &'static str {
        match self {
            OrgRole::Admin => "admin",
            OrgRole::Member => "member",
        }
    }
    pub fn parse(s: &str) -> Option<OrgRole> {
        [OrgRole::Admin, OrgRole::Member]
            .into_iter()
            .find(|r| r.code() == s)
    }
}

/// The public face of an account: no e-mail, no phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PublicProfile {
    pub id: UserId,
    pub display_name: String,
    pub location: Location,
}

/// The account as its owner sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Account {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub preferred_language: Language,
    pub location: Location,
    pub platform_role: PlatformRole,
    pub created_at: Timestamp,
}

/// Personal contact details, stored in their own table and returned only to their owner.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ContactDetails {
    pub phone: Option<String>,
    pub wechat: Option<String>,
    pub whatsapp: Option<String>,
    pub postal_address: Option<String>,
}

/// Sign-up data.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Registration {
    pub email: String,
    pub password: String,
    pub display_name: String,
    #[serde(default = "default_language")]
    pub preferred_language: Language,
    pub location: Location,
}

fn default_language() -> Language {
    Language::En
}

/// A membership of one person in one organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Membership {
    pub organisation_id: OrgId,
    pub user_id: UserId,
    pub role: OrgRole,
    pub display_name: String,
    pub created_at: Timestamp,
}

pub const MIN_PASSWORD_CHARS: usize = 10;

/// Lower-cases and trims an e-mail address and checks its shape (one `@`, a dot in the domain).
pub fn normalize_email(email: &str) -> Result<String, &'static str> {
    let e = email.trim().to_lowercase();
    let (local, domain) = e
        .split_once('@')
        .ok_or("expected an address like name@example.com")?;
    if local.is_empty()
        || domain.len() < 3
        || !domain.contains('.')
        || domain.contains('@')
        || e.len() > 254
        || e.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err("expected an address like name@example.com");
    }
    Ok(e)
}

impl Registration {
    pub fn validated(mut self) -> Result<Self, Invalid> {
        let mut p = Problems::new();
        match normalize_email(&self.email) {
            Ok(e) => self.email = e,
            Err(m) => p.push("email", ErrorCode::NotAnEmail, m),
        }
        if self.password.chars().count() < MIN_PASSWORD_CHARS {
            p.push(
                "password",
                ErrorCode::TooShort,
                format!("at least {MIN_PASSWORD_CHARS} characters"),
            );
        }
        if self.password.len() > 1024 {
            p.push("password", ErrorCode::TooLong, "at most 1024 bytes");
        }
        self.display_name = self.display_name.trim().to_string();
        if self.display_name.is_empty() {
            p.push(
                "display_name",
                ErrorCode::Required,
                "give a name to show to others",
            );
        }
        p.text("display_name", &self.display_name, 100);
        p.finish().map(|_| self)
    }
}

impl ContactDetails {
    pub fn validated(mut self) -> Result<Self, Invalid> {
        let mut p = Problems::new();
        for (name, v) in [
            ("phone", &mut self.phone),
            ("wechat", &mut self.wechat),
            ("whatsapp", &mut self.whatsapp),
            ("postal_address", &mut self.postal_address),
        ] {
            if let Some(s) = v {
                let t = s.trim().to_string();
                p.text(name, &t, 300);
                *v = if t.is_empty() { None } else { Some(t) };
            }
        }
        p.finish().map(|_| self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            normalize_email("  Amy.Chan@Example.COM "),
            Ok("amy.chan@example.com".into())
        );
        assert!(normalize_email("no-at-sign").is_err());
        assert!(normalize_email("a@b").is_err());
        assert!(normalize_email("a b@example.com").is_err());
    }

    #[test]
    fn short_passwords_and_blank_names_are_refused_together() {
        let r = Registration {
            email: "x@example.com".into(),
            password: "short".into(),
            display_name: "  ".into(),
            preferred_language: Language::En,
            location: Location::HongKong,
        };
        let fields: Vec<_> = r
            .validated()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["password", "display_name"]);
    }
}
