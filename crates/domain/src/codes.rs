//! Every reason the platform gives for refusing something, as one enum: the API sends its
//! `as_str` as the problem's `code` (and a field error's), the pages translate it through the
//! `err-CODE` message of the catalogues, and a test checks every code has a message in every
//! language. A code is never renamed once published; add one instead.

use serde::Serialize;

macro_rules! error_codes {
    ($($variant:ident = $code:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode {
            $($variant,)*
        }

        impl ErrorCode {
            /// Every code, for tests and for the OpenAPI document.
            pub const ALL: &[ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The stable text of the code, e.g. `booth_taken`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }
        }
    };
}

error_codes! {
    // Answers any request can get.
    InvalidInput = "invalid_input",
    Unauthenticated = "unauthenticated",
    Forbidden = "forbidden",
    NotFound = "not_found",
    UnsupportedMediaType = "unsupported_media_type",
    TooManyRequests = "too_many_requests",
    Internal = "internal",
    Csrf = "csrf",
    // Reasons found in the code (kept in order of discovery, grouped below).
    TooLong = "too_long",
    ControlCharacter = "control_character",
    BadHallCode = "bad_hall_code",
    HallNamesTooLong = "hall_names_too_long",
    UnknownHall = "unknown_hall",
    FileMissing = "file_missing",
    HallSize = "hall_size",
    EntranceOutside = "entrance_outside",
    BoothUnnamed = "booth_unnamed",
    BoothRepeated = "booth_repeated",
    BoothNoSize = "booth_no_size",
    BoothOutside = "booth_outside",
    BoothOverlap = "booth_overlap",
    PlanUnreadable = "plan_unreadable",
    NotALength = "not_a_length",
    PlanMissingColumns = "plan_missing_columns",
    BoothNotOnPlan = "booth_not_on_plan",
    BoothVacant = "booth_vacant",
    CodeRevoked = "code_revoked",
    File = "file",
    FileTooLarge = "file_too_large",
    TextTooLong = "text_too_long",
    BodyUnreadable = "body_unreadable",
    Unparseable = "unparseable",
    ImageDamaged = "image_damaged",
    NotAnImage = "not_an_image",
    ImageTooManyPixels = "image_too_many_pixels",
    BadCredentials = "bad_credentials",
    BadQuery = "bad_query",
    ImageTooLarge = "image_too_large",
    NoSuchAccount = "no_such_account",
    NoSuchOrganisation = "no_such_organisation",
    QueryTooLong = "query_too_long",
    BadBooth = "bad_booth",
    DuplicateBooth = "duplicate_booth",
    DuplicateReference = "duplicate_reference",
    NotANumber = "not_a_number",
    RaggedRow = "ragged_row",
    UnknownLocation = "unknown_location",
    UnreadableRow = "unreadable_row",
    AlreadyMember = "already_member",
    BoothCodeTaken = "booth_code_taken",
    BoothTaken = "booth_taken",
    EmailTaken = "email_taken",
    HallCodeTaken = "hall_code_taken",
    LastAdmin = "last_admin",
    SlugTaken = "slug_taken",
    TooManyImages = "too_many_images",
    UnknownExhibitor = "unknown_exhibitor",
    UnsupportedDatabase = "unsupported_database",
    NoConsent = "no_consent",
    BadCode = "bad_code",
    BeforeEnd = "before_end",
    BeforeStart = "before_start",
    NotADate = "not_a_date",
    NotATimeZone = "not_a_time_zone",
    NotAUrl = "not_a_url",
    NotAnEmail = "not_an_email",
    NotAnOption = "not_an_option",
    NotBoolean = "not_boolean",
    NotHsCode = "not_hs_code",
    NotInteger = "not_integer",
    NotNumber = "not_number",
    NotText = "not_text",
    OutOfRange = "out_of_range",
    Required = "required",
    TooMany = "too_many",
    TooShort = "too_short",
    UnknownAttribute = "unknown_attribute",
    UnknownCode = "unknown_code",
    NotAMember = "not_a_member",
    Blocked = "blocked",
    FirstContactLimit = "first_contact_limit",
    KnownContactsOnly = "known_contacts_only",
    OwnOrganisation = "own_organisation",
    FileType = "file_type",
    NotATime = "not_a_time",
    OwnRequest = "own_request",
    RequestClosed = "request_closed",
    DoubleBooked = "double_booked",
    PartnerBooked = "partner_booked",
    NoTableFree = "no_table_free",
    Unavailable = "unavailable",
    MeetingCap = "meeting_cap",
    PendingMeeting = "pending_meeting",
    SlotPassed = "slot_passed",
}

impl ErrorCode {
    /// The code whose text is `s`, if there is one.
    pub fn parse(s: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == s)
    }

    /// The catalogue key of this code's message for readers (`err-booth_taken`).
    pub fn message_key(self) -> String {
        format!("err-{}", self.as_str())
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl utoipa::PartialSchema for ErrorCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "Why the request was refused; stable, one of these values.",
            ))
            .enum_values(Some(ErrorCode::ALL.iter().map(|c| c.as_str())))
            .into()
    }
}

impl utoipa::ToSchema for ErrorCode {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            let s = c.as_str();
            assert!(seen.insert(s), "{s} twice");
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{s} is not snake_case"
            );
            assert_eq!(ErrorCode::parse(s), Some(*c));
        }
    }
}
