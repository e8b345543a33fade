//! E-mail about messages: a digest per person of what waits for them, never one mail per
//! message. A digest goes once the newest waiting message is [`DIGEST_DELAY_MS`] old (a reply
//! read on the site in the meantime sends nothing), at most once per [`DIGEST_EVERY_MS`] per
//! person, and covers only what arrived since the last one. Every mail carries an unsubscribe
//! link; the link's token is the only authority the unsubscribe pages need.

use std::collections::BTreeMap;
use std::sync::Arc;

use sc_storage::Waiting;

use crate::{App, Result, random_token};

/// How old the newest waiting message must be before a digest mentions it.
pub const DIGEST_DELAY_MS: i64 = 10 * 60 * 1000;
/// The least time between two digests to one person.
pub const DIGEST_EVERY_MS: i64 = 60 * 60 * 1000;

/// How long before a meeting its reminder goes.
pub const REMIND_BEFORE_MS: i64 = 60 * 60 * 1000;

/// What one round of digests (or reminders) did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DigestReport {
    pub sent: usize,
    pub failed: usize,
}

/// Which people get a digest at `now`, and with which conversations: for each person not
/// unsubscribed and not mailed in the last [`DIGEST_EVERY_MS`], the conversations whose last
/// message came after their last digest.
pub fn due(waiting: Vec<Waiting>, now: i64) -> Vec<Vec<Waiting>> {
    let mut by_user: BTreeMap<i64, Vec<Waiting>> = BTreeMap::new();
    for w in waiting {
        if w.unsubscribed {
            continue;
        }
        if w.last_digest_at.is_some_and(|d| now - d < DIGEST_EVERY_MS) {
            continue;
        }
        if w.last_digest_at.is_some_and(|d| w.last_at <= d) {
            continue;
        }
        let list = by_user.entry(w.user_id).or_default();
        if !list.iter().any(|x| x.conversation_id == w.conversation_id) {
            list.push(w);
        }
    }
    by_user.into_values().collect()
}

impl App {
    /// Sets where mail goes.
    pub fn with_mailer(mut self, mailer: Arc<sc_mail::Mailer>) -> Self {
        self.mailer = Some(mailer);
        self
    }

    /// Sends the digests due at `now` (milliseconds); without a mailer, sends nothing. A
    /// digest that fails is tried again next round.
    pub async fn send_digests(&self, now: i64) -> Result<DigestReport> {
        let Some(mailer) = &self.mailer else {
            return Ok(DigestReport::default());
        };
        let waiting = self
            .store
            .waiting_conversations(now - DIGEST_DELAY_MS)
            .await?;
        let mut report = DigestReport::default();
        for group in due(waiting, now) {
            let first = &group[0];
            let token = self
                .store
                .mail_token(first.user_id, &random_token())
                .await?;
            let digest = sc_mail::Digest {
                to_email: first.email.clone(),
                to_name: first.display_name.clone(),
                language: first.language,
                items: group
                    .iter()
                    .map(|w| sc_mail::Item {
                        with: w.with.best(first.language).to_string(),
                        unread: w.unread,
                        excerpt: w.last_body.clone(),
                        path: format!("/conversations/{}", w.conversation_id),
                    })
                    .collect(),
                unsubscribe_token: token,
            };
            match mailer.send(&digest).await {
                Ok(()) => {
                    self.store.digest_sent(first.user_id, now).await?;
                    report.sent += 1;
                }
                Err(e) => {
                    tracing::warn!(error = %e, user = first.user_id, "digest not sent");
                    report.failed += 1;
                }
            }
        }
        Ok(report)
    }

    /// Reminds both people of each published meeting that begins within
    /// [`REMIND_BEFORE_MS`] of `now`, once; without a mailer, sends nothing. Someone who
    /// unsubscribed gets none. A meeting none of whose mails went is tried again next round.
    pub async fn send_meeting_reminders(&self, now: i64) -> Result<DigestReport> {
        let Some(mailer) = &self.mailer else {
            return Ok(DigestReport::default());
        };
        let mut report = DigestReport::default();
        for due in self
            .store
            .due_meeting_reminders(now, now + REMIND_BEFORE_MS)
            .await?
        {
            let mut sent = 0;
            let mut failed = 0;
            for (me, other) in [(0, 1), (1, 0)] {
                let p = &due.people[me];
                if p.unsubscribed {
                    continue;
                }
                let token = self.store.mail_token(p.user_id, &random_token()).await?;
                let r = sc_mail::Reminder {
                    to_email: p.email.clone(),
                    to_name: p.display_name.clone(),
                    language: p.language,
                    with: due.people[other].display_name.clone(),
                    fair: due.fair.best(p.language).to_string(),
                    when: format!("{} {}", due.day, due.label),
                    table: due.table,
                    path: format!("/fairs/{}/meetings", due.fair_id),
                    unsubscribe_token: token,
                };
                match mailer.send_reminder(&r).await {
                    Ok(()) => sent += 1,
                    Err(e) => {
                        tracing::warn!(error = %e, user = p.user_id, "meeting reminder not sent");
                        failed += 1;
                    }
                }
            }
            if sent > 0 || failed == 0 {
                self.store.meeting_reminded(due.meeting_id, now).await?;
            }
            report.sent += sent;
            report.failed += failed;
        }
        Ok(report)
    }

    /// Stops (or restarts) e-mail about messages for whoever holds the unsubscribe token;
    /// `false` when the token is nobody's.
    pub async fn set_mail_by_token(&self, token: &str, on: bool) -> Result<bool> {
        if token.is_empty() || token.len() > 128 {
            return Ok(false);
        }
        Ok(self.store.set_mail_by_token(token, on).await?.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sc_domain::{Language, LocalizedText};

    fn w(user: i64, conv: i64, last_at: i64, last_digest_at: Option<i64>, off: bool) -> Waiting {
        Waiting {
            user_id: user,
            email: format!("u{user}@example.com"),
            display_name: "U".into(),
            language: Language::En,
            conversation_id: conv,
            with: LocalizedText::default(),
            unread: 1,
            last_at,
            last_body: String::new(),
            unsubscribed: off,
            last_digest_at,
        }
    }

    #[test]
    fn one_digest_per_person_for_news_since_the_last_and_not_too_often() {
        let now = 10 * DIGEST_EVERY_MS;
        let got = due(
            vec![
                w(1, 10, now - 1, None, false),
                w(1, 11, now - 2, None, false),
                w(1, 11, now - 2, None, false),
                w(2, 12, now - 1, Some(now - DIGEST_EVERY_MS / 2), false),
                w(
                    3,
                    13,
                    now - 5 * DIGEST_EVERY_MS,
                    Some(now - 2 * DIGEST_EVERY_MS),
                    false,
                ),
                w(
                    3,
                    14,
                    now - DIGEST_EVERY_MS,
                    Some(now - 2 * DIGEST_EVERY_MS),
                    false,
                ),
                w(4, 15, now - 1, None, true),
            ],
            now,
        );
        let ids: Vec<Vec<i64>> = got
            .iter()
            .map(|g| g.iter().map(|x| x.conversation_id).collect())
            .collect();
        // 1: both (one person, one mail, a conversation once); 2: mailed too recently;
        // 3: only what came after the last digest; 4: unsubscribed.
        assert_eq!(ids, vec![vec![10, 11], vec![14]]);
    }
}
