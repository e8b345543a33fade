//! The rule for showing one person's contact details to another. Every reveal in the platform
//! (a lead's details on screen, in a CSV or a vCard) is decided here and recorded by storage, so
//! the cross-boundary rules of the data-governance work have one place to live.

use crate::ErrorCode;
use crate::Location;

/// Why contact details are being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevealPurpose {
    LeadView,
    LeadExportCsv,
    LeadExportVcard,
    /// Shown in a conversation, where the person shared them.
    ConversationView,
}

impl RevealPurpose {
    pub fn code(self) -> &'static str {
        match self {
            RevealPurpose::LeadView => "lead_view",
            RevealPurpose::LeadExportCsv => "lead_export_csv",
            RevealPurpose::LeadExportVcard => "lead_export_vcard",
            RevealPurpose::ConversationView => "conversation_view",
        }
    }
}

/// Why a reveal was refused; `code` is stable for the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevealRefused {
    pub code: crate::ErrorCode,
}

/// Decides whether `viewer` may see `subject`'s contact details. Today: only with the subject's
/// consent. Where each stands is passed already so boundary rules can be added without touching
/// a caller.
pub fn may_reveal_contact(
    subject_consented: bool,
    _subject_location: &Location,
    _viewer_location: &Location,
    _purpose: RevealPurpose,
) -> Result<(), RevealRefused> {
    if subject_consented {
        Ok(())
    } else {
        Err(RevealRefused {
            code: ErrorCode::NoConsent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_decides() {
        let hk = Location::parse("HK").unwrap();
        let sz = Location::parse("CN-GD-SZ").unwrap();
        assert!(may_reveal_contact(true, &sz, &hk, RevealPurpose::LeadView).is_ok());
        assert_eq!(
            may_reveal_contact(false, &hk, &hk, RevealPurpose::LeadExportCsv),
            Err(RevealRefused {
                code: ErrorCode::NoConsent
            })
        );
    }
}
