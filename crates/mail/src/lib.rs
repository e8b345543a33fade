//! E-mail out of superconnector. Two kinds: the digest of messages waiting for a person (one
//! mail for everything that arrived since the last, never one per message) and the reminder of
//! a meeting about to begin; each in the reader's language, with an unsubscribe link in the
//! body and the one-click `List-Unsubscribe` headers (RFC 8058). Sent over SMTP with lettre, or written as `.eml`
//! files to a directory for local use (each file fsynced before the send counts as done).

use std::path::PathBuf;

use lettre::message::Mailbox;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sc_domain::Language;
use sc_i18n::{Arg, Words};

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("bad mail setting: {0}")]
    Setting(String),
    #[error("the message could not be built: {0}")]
    Build(String),
    #[error("the mail server refused or could not be reached: {0}")]
    Send(String),
    #[error("the mail could not be written: {0}")]
    Write(#[from] std::io::Error),
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Directory(PathBuf),
}

/// Where mail goes and how it is signed.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    /// The platform's address, for links (`https://fair.example.hk`).
    public_url: String,
}

/// One conversation in a digest.
#[derive(Debug, Clone)]
pub struct Item {
    pub with: String,
    pub unread: i64,
    pub excerpt: String,
    /// The conversation's path (`/conversations/12`).
    pub path: String,
}

/// A digest for one person.
#[derive(Debug, Clone)]
pub struct Digest {
    pub to_email: String,
    pub to_name: String,
    pub language: Language,
    pub items: Vec<Item>,
    /// The person's unsubscribe token.
    pub unsubscribe_token: String,
}

/// A reminder of a meeting about to begin, to one of its two people.
#[derive(Debug, Clone)]
pub struct Reminder {
    pub to_email: String,
    pub to_name: String,
    pub language: Language,
    /// The other person.
    pub with: String,
    pub fair: String,
    /// Local date and time (`2026-12-11 10:00–10:30`).
    pub when: String,
    pub table: i64,
    /// The fair's meetings page (`/fairs/3/meetings`), where the badge is.
    pub path: String,
    pub unsubscribe_token: String,
}

#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.into()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}

impl Mailer {
    /// Mail through an SMTP server: `smtp://host:port` (plain, for a relay on the same
    /// network), `smtp://user:pass@host:587?tls=required` (STARTTLS) or `smtps://…` (TLS).
    pub fn smtp(url: &str, from: &str, public_url: &str) -> Result<Mailer, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Setting(format!("--smtp-url: {e}")))?
            .build();
        Self::with(Transport::Smtp(transport), from, public_url)
    }

    /// Mail written as `.eml` files into `dir` (made if missing), for local use.
    pub fn directory(dir: PathBuf, from: &str, public_url: &str) -> Result<Mailer, MailError> {
        std::fs::create_dir_all(&dir)?;
        Self::with(Transport::Directory(dir), from, public_url)
    }

    fn with(transport: Transport, from: &str, public_url: &str) -> Result<Mailer, MailError> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| MailError::Setting(format!("--mail-from {from:?}: {e}")))?;
        Ok(Mailer {
            transport,
            from,
            public_url: public_url.trim_end_matches('/').to_string(),
        })
    }

    /// The digest as a message, ready to send.
    pub fn compose(&self, d: &Digest) -> Result<Message, MailError> {
        let t = Words::new(d.language);
        let total: i64 = d.items.iter().map(|i| i.unread).sum();
        let unsubscribe = format!("{}/unsubscribe/{}", self.public_url, d.unsubscribe_token);
        let mut body = String::new();
        body.push_str(&t.with("mail-digest-hello", &[("name", Arg::Text(&d.to_name))]));
        body.push_str("\n\n");
        body.push_str(&t.count("mail-digest-intro", total));
        body.push_str("\n\n");
        for i in &d.items {
            body.push_str(&format!(
                "* {} ({})\n  {}\n  {}{}\n\n",
                i.with,
                i.unread,
                one_line(&i.excerpt, 160),
                self.public_url,
                i.path
            ));
        }
        body.push_str("-- \n");
        body.push_str(t.t("mail-digest-why"));
        body.push('\n');
        body.push_str(&t.with(
            "mail-digest-unsubscribe",
            &[("url", Arg::Text(&unsubscribe))],
        ));
        body.push('\n');
        let subject = t.count("mail-digest-subject", total);
        self.message(&d.to_name, &d.to_email, &subject, &unsubscribe, body)
    }

    /// The reminder as a message, ready to send.
    pub fn compose_reminder(&self, r: &Reminder) -> Result<Message, MailError> {
        let t = Words::new(r.language);
        let unsubscribe = format!("{}/unsubscribe/{}", self.public_url, r.unsubscribe_token);
        let table = r.table.to_string();
        let mut body = String::new();
        body.push_str(&t.with(
            "mail-digest-hello",
            &[("name", Arg::Text(&one_line(&r.to_name, 200)))],
        ));
        body.push_str("\n\n");
        body.push_str(&t.with(
            "mail-reminder-body",
            &[
                ("with", Arg::Text(&r.with)),
                ("fair", Arg::Text(&r.fair)),
                ("when", Arg::Text(&r.when)),
                ("table", Arg::Text(&table)),
            ],
        ));
        body.push_str("\n\n");
        body.push_str(t.t("mail-reminder-badge"));
        body.push_str(&format!("\n{}{}\n\n", self.public_url, r.path));
        body.push_str("-- \n");
        body.push_str(t.t("mail-reminder-why"));
        body.push('\n');
        body.push_str(&t.with(
            "mail-digest-unsubscribe",
            &[("url", Arg::Text(&unsubscribe))],
        ));
        body.push('\n');
        let subject = t.with(
            "mail-reminder-subject",
            &[("when", Arg::Text(&r.when)), ("with", Arg::Text(&r.with))],
        );
        self.message(&r.to_name, &r.to_email, &subject, &unsubscribe, body)
    }

    fn message(
        &self,
        name: &str,
        email: &str,
        subject: &str,
        unsubscribe: &str,
        body: String,
    ) -> Result<Message, MailError> {
        let to: Mailbox = format!("{} <{}>", quote_name(name), email)
            .parse()
            .or_else(|_| email.parse())
            .map_err(|e| MailError::Build(format!("recipient {email}: {e}")))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(one_line(subject, 200))
            .header(ContentType::TEXT_PLAIN)
            .header(ListUnsubscribe(format!("<{unsubscribe}>")))
            .header(ListUnsubscribePost)
            .body(body)
            .map_err(|e| MailError::Build(e.to_string()))
    }

    /// Sends the digest; returns once the server accepted it (or the file is on disk).
    pub async fn send(&self, d: &Digest) -> Result<(), MailError> {
        let m = self.compose(d)?;
        self.deliver(m, &d.to_email).await
    }

    /// Sends the reminder; returns once the server accepted it (or the file is on disk).
    pub async fn send_reminder(&self, r: &Reminder) -> Result<(), MailError> {
        let m = self.compose_reminder(r)?;
        self.deliver(m, &r.to_email).await
    }

    async fn deliver(&self, m: Message, to_email: &str) -> Result<(), MailError> {
        match &self.transport {
            Transport::Smtp(t) => t
                .send(m)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Send(e.to_string())),
            Transport::Directory(dir) => {
                let bytes = m.formatted();
                let dir = dir.clone();
                let name = format!(
                    "{}-{}.eml",
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_nanos())
                        .unwrap_or(0),
                    to_email.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
                );
                tokio::task::spawn_blocking(move || -> std::io::Result<()> {
                    use std::io::Write;
                    let tmp = dir.join(format!("{name}.tmp"));
                    let mut f = std::fs::File::create(&tmp)?;
                    f.write_all(&bytes)?;
                    f.sync_all()?;
                    std::fs::rename(&tmp, dir.join(&name))?;
                    std::fs::File::open(&dir)?.sync_all()
                })
                .await
                .map_err(|e| MailError::Send(e.to_string()))??;
                Ok(())
            }
        }
    }
}

/// A person's name as an address's display part: quotes and line breaks dropped.
fn quote_name(n: &str) -> String {
    let clean: String = n
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | '<' | '>'))
        .collect();
    format!("\"{clean}\"")
}

/// Text on one line, at most `max` characters.
fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > max {
        format!("{}…", flat.chars().take(max).collect::<String>())
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_reads_in_the_readers_language_with_unsubscribe() {
        let m = Mailer::directory(
            std::env::temp_dir().join("sc-mail-test"),
            "superconnector <noreply@example.hk>",
            "https://fair.example.hk/",
        )
        .unwrap();
        let d = Digest {
            to_email: "buyer@example.com".into(),
            to_name: "陳 \"大文\"\r\nBcc: x@evil".into(),
            language: Language::ZhHant,
            items: vec![Item {
                with: "燈飾有限公司".into(),
                unread: 2,
                excerpt: "樣品\n星期一寄出".into(),
                path: "/conversations/7".into(),
            }],
            unsubscribe_token: "tok".into(),
        };
        let text = String::from_utf8(m.compose(&d).unwrap().formatted()).unwrap();
        assert!(
            text.contains("List-Unsubscribe: <https://fair.example.hk/unsubscribe/tok>"),
            "{text}"
        );
        assert!(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(
            !text.contains("\r\nBcc:"),
            "no header injection through the name: {text}"
        );
    }

    #[test]
    fn a_reminder_names_the_partner_the_time_and_the_badge() {
        let m = Mailer::directory(
            std::env::temp_dir().join("sc-mail-test"),
            "superconnector <noreply@example.hk>",
            "https://fair.example.hk",
        )
        .unwrap();
        let r = Reminder {
            to_email: "buyer@example.com".into(),
            to_name: "Chan\r\nBcc: x@evil".into(),
            language: Language::En,
            with: "Wong".into(),
            fair: "Bay Fair".into(),
            when: "2026-12-11 10:00-10:30".into(),
            table: 4,
            path: "/fairs/3/meetings".into(),
            unsubscribe_token: "tok".into(),
        };
        let msg = m.compose_reminder(&r).unwrap();
        let text = String::from_utf8(msg.formatted()).unwrap();
        assert!(text.contains("List-Unsubscribe: <https://fair.example.hk/unsubscribe/tok>"));
        assert!(!text.contains("\r\nBcc:"), "{text}");
        // The body is quoted-printable: undo it (and any directional isolates) to read it.
        let raw = text.replace("=\r\n", "");
        let mut bytes = Vec::new();
        let b = raw.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'=' && i + 2 < b.len() {
                if let Ok(x) = u8::from_str_radix(&raw[i + 1..i + 3], 16) {
                    bytes.push(x);
                    i += 3;
                    continue;
                }
            }
            bytes.push(b[i]);
            i += 1;
        }
        let text: String = String::from_utf8(bytes)
            .unwrap()
            .chars()
            .filter(|c| !matches!(c, '\u{2068}' | '\u{2069}'))
            .collect();
        for part in [
            "Your meeting with Wong at Bay Fair is at 2026-12-11 10:00-10:30, table 4.",
            "https://fair.example.hk/fairs/3/meetings",
            "Subject: Meeting at 2026-12-11 10:00-10:30 with Wong",
        ] {
            assert!(text.contains(part), "{part}: {text}");
        }
    }
}
