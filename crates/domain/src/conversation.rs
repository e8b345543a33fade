//! Conversations: between a person and an organisation (whose members share one inbox) or
//! between two people. What a message may hold, who the two sides are, and the rules against
//! unwanted first contact. No I/O.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ErrorCode;
use crate::error::{Invalid, Problems};
use crate::listing::Owner;
use crate::organisation::OrgId;
use crate::person::UserId;

pub type ConversationId = i64;
pub type MessageId = i64;

/// Characters in one message.
pub const MAX_BODY_CHARS: usize = 5_000;
/// Files in one message, and bytes in one file.
pub const MAX_ATTACHMENTS: usize = 5;
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
/// Bytes of all the files of one message together.
pub const MAX_MESSAGE_BYTES: usize = 20 * 1024 * 1024;
/// Characters in an attachment's name.
pub const MAX_ATTACHMENT_NAME_CHARS: usize = 200;
/// New conversations one sender may start in a day (per person, whichever side they write
/// for): enough for a buyer working a fair, too few for a spammer.
pub const FIRST_CONTACTS_PER_DAY: usize = 30;
/// Characters in the reason of a report.
pub const MAX_REPORT_CHARS: usize = 1_000;
/// Messages on one page of a conversation.
pub const MESSAGES_PER_PAGE: usize = 100;

/// Which side of a conversation: `A` is always a person (who started it, or for two people
/// the one with the smaller id); `B` is an organisation or the second person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn code(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }
    pub fn parse(s: &str) -> Option<Side> {
        match s {
            "a" => Some(Side::A),
            "b" => Some(Side::B),
            _ => None,
        }
    }
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

/// The two parties of a conversation, in the order the table keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Parties {
    pub a: UserId,
    pub b: Owner,
}

impl Parties {
    /// The parties of a conversation between `from` and `to`, whoever writes first. A person
    /// and an organisation: the person is side A. Two people: the smaller id is side A. An
    /// organisation cannot talk to an organisation here (its members talk as people), nor a
    /// person to themself.
    pub fn between(from: Owner, to: Owner) -> Option<(Parties, Side)> {
        match (from, to) {
            (Owner::Person(p), Owner::Organisation(o)) => Some((
                Parties {
                    a: p,
                    b: Owner::Organisation(o),
                },
                Side::A,
            )),
            (Owner::Organisation(o), Owner::Person(p)) => Some((
                Parties {
                    a: p,
                    b: Owner::Organisation(o),
                },
                Side::B,
            )),
            (Owner::Person(x), Owner::Person(y)) if x != y => {
                let (a, b) = (x.min(y), x.max(y));
                Some((
                    Parties {
                        a,
                        b: Owner::Person(b),
                    },
                    if x == a { Side::A } else { Side::B },
                ))
            }
            _ => None,
        }
    }

    pub fn party(&self, side: Side) -> Owner {
        match side {
            Side::A => Owner::Person(self.a),
            Side::B => self.b,
        }
    }

    pub fn organisation(&self) -> Option<OrgId> {
        match self.b {
            Owner::Organisation(o) => Some(o),
            Owner::Person(_) => None,
        }
    }
}

/// A party as the block list writes it: `u:ID` or `o:ID`.
pub fn party_key(p: Owner) -> String {
    match p {
        Owner::Person(u) => format!("u:{u}"),
        Owner::Organisation(o) => format!("o:{o}"),
    }
}

/// What a message is. Typed messages carry their fields in `data`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// Words (and files, and a listing card).
    Text,
    /// A buyer's contact request at a fair: the first message of the conversation.
    Contact,
    /// The writer shares their contact details with the other side.
    SharedContact,
    /// The writer stops sharing them.
    WithdrewContact,
}

impl MessageKind {
    pub const ALL: [MessageKind; 4] = [
        MessageKind::Text,
        MessageKind::Contact,
        MessageKind::SharedContact,
        MessageKind::WithdrewContact,
    ];
    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Text => "text",
            MessageKind::Contact => "contact",
            MessageKind::SharedContact => "shared_contact",
            MessageKind::WithdrewContact => "withdrew_contact",
        }
    }
    pub fn parse(s: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// Who may write first to an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum FirstContact {
    /// Anyone signed in (within the daily limit).
    #[default]
    Anyone,
    /// Only people the organisation knows: who bookmarked or scanned it at a fair, whom it
    /// wrote to, or whom it met.
    Known,
}

impl FirstContact {
    pub const ALL: [FirstContact; 2] = [FirstContact::Anyone, FirstContact::Known];
    pub fn code(self) -> &'static str {
        match self {
            FirstContact::Anyone => "anyone",
            FirstContact::Known => "known",
        }
    }
    pub fn parse(s: &str) -> Option<FirstContact> {
        FirstContact::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// Checks a message's words: at most [`MAX_BODY_CHARS`], no control characters, and not
/// empty unless something else (a file, a card) is sent with it.
pub fn check_body(body: &str, has_more: bool) -> Result<(), Invalid> {
    let mut p = Problems::new();
    if body.trim().is_empty() && !has_more {
        p.push(
            "body",
            ErrorCode::Required,
            "write something or attach a file",
        );
    }
    p.text("body", body, MAX_BODY_CHARS);
    p.finish()
}

/// Checks a report's reason.
pub fn check_report(reason: &str) -> Result<(), Invalid> {
    let mut p = Problems::new();
    if reason.trim().is_empty() {
        p.push("reason", ErrorCode::Required, "say what is wrong");
    }
    p.text("reason", reason, MAX_REPORT_CHARS);
    p.finish()
}

/// An attachment's name as it will be stored and offered for download: the last path
/// component, control characters and quotes dropped, at most
/// [`MAX_ATTACHMENT_NAME_CHARS`] characters; `file` when nothing is left.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let kept: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | ':' | '*' | '?'))
        .take(MAX_ATTACHMENT_NAME_CHARS)
        .collect();
    let kept = kept.trim().trim_start_matches('.').trim().to_string();
    if kept.is_empty() { "file".into() } else { kept }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parties_are_ordered_whoever_writes_first() {
        let (p, s) = Parties::between(Owner::Person(5), Owner::Organisation(9)).unwrap();
        assert_eq!((p.a, p.b, s), (5, Owner::Organisation(9), Side::A));
        let (q, s) = Parties::between(Owner::Organisation(9), Owner::Person(5)).unwrap();
        assert_eq!((q, s), (p, Side::B));
        let (x, s) = Parties::between(Owner::Person(8), Owner::Person(3)).unwrap();
        assert_eq!((x.a, x.b, s), (3, Owner::Person(8), Side::B));
        let (y, s) = Parties::between(Owner::Person(3), Owner::Person(8)).unwrap();
        assert_eq!((y, s), (x, Side::A));
        assert!(Parties::between(Owner::Person(3), Owner::Person(3)).is_none());
        assert!(Parties::between(Owner::Organisation(1), Owner::Organisation(2)).is_none());
    }

    #[test]
    fn bodies_and_names_are_checked() {
        assert!(check_body("你好", false).is_ok());
        assert!(check_body("  ", true).is_ok());
        let e = check_body(" \n", false).unwrap_err();
        assert_eq!(e.0[0].code, ErrorCode::Required);
        let long = "長".repeat(MAX_BODY_CHARS + 1);
        assert_eq!(
            check_body(&long, false).unwrap_err().0[0].code,
            ErrorCode::TooLong
        );
        assert_eq!(
            check_body("a\u{0}b", false).unwrap_err().0[0].code,
            ErrorCode::ControlCharacter
        );
        assert_eq!(clean_file_name("C:\\Users\\me\\報價單.pdf"), "報價單.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b\r\n.pdf"), "ab.pdf");
        assert_eq!(clean_file_name("..."), "file");
        assert_eq!(clean_file_name(".htaccess"), "htaccess");
    }
}
