//! `superconnector bench messages-fixture`: the people and conversations the messaging
//! benchmark (`scripts/bench-messages`) talks through. For each pair a buyer, an organisation
//! with one member, and their conversation; every person gets a session, and the tokens are
//! written as JSON for the load generator. Everyone shares one password hash (hashing
//! thousands of passwords would take longer than the benchmark).

use std::path::Path;

use anyhow::{Context, Result};
use sc_domain::conversation::{MessageKind, Parties, Side};
use sc_domain::listing::Owner;
use sc_domain::organisation::{OrgKind, OrganisationInput};
use sc_domain::person::{OrgRole, PlatformRole};
use sc_domain::{Language, LocalizedText, Location};
use sc_storage::{NewMessage, NewUser, Opening, Store};
use serde_json::json;

pub async fn fixture(store: &Store, pairs: usize, out: &Path) -> Result<()> {
    let hash = sc_app::hash_password("bench-password-2026").await;
    let hk = Location::parse("HK").expect("HK is a place");
    let mut b = store.batch().await?;
    let mut people = Vec::with_capacity(pairs);
    for i in 0..pairs {
        let user = |who: &str| NewUser {
            email: format!("{who}{i}@bench.example.com"),
            password_hash: hash.clone(),
            display_name: format!("{who} {i}"),
            preferred_language: Language::En,
            location: hk,
            platform_role: PlatformRole::User,
        };
        let buyer = b.insert_user(&user("buyer")).await?;
        let member = b.insert_user(&user("member")).await?;
        let org = b
            .insert_organisation(
                &OrganisationInput {
                    kind: OrgKind::Company,
                    name: LocalizedText::new("", "", &format!("Bench Exhibitor {i}")),
                    description: LocalizedText::default(),
                    sectors: vec!["electronics".into()],
                    markets_served: vec![],
                    location: hk,
                    website: None,
                },
                false,
            )
            .await?;
        b.insert_membership(org, member, OrgRole::Admin).await?;
        people.push((buyer, member, org));
    }
    b.commit().await?;
    let mut rows = Vec::with_capacity(pairs);
    let expires = sc_app::now_ms() + 86_400_000;
    for (buyer, member, org) in people {
        let posted = store
            .start_conversation(
                &Opening {
                    parties: Parties {
                        a: buyer,
                        b: Owner::Organisation(org),
                    },
                    topic: String::new(),
                    listing_id: None,
                    fair_id: None,
                },
                &NewMessage {
                    side: Side::A,
                    author: buyer,
                    kind: MessageKind::Text,
                    body: "Hello".into(),
                    folded: "hello".into(),
                    data: json!({}),
                    listing_id: None,
                    attachments: vec![],
                },
            )
            .await?;
        let mut tokens = Vec::new();
        for user in [buyer, member] {
            let token = sc_app::random_token();
            store
                .create_session(&sc_app::token_hash(&token), user, "api", expires)
                .await?;
            tokens.push(token);
        }
        rows.push(json!({"conversation": posted.conversation_id, "buyer": tokens[0], "member": tokens[1]}));
    }
    std::fs::write(out, serde_json::to_vec(&rows)?)
        .with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "{pairs} conversations, {} people with sessions, written to {}",
        pairs * 2,
        out.display()
    );
    Ok(())
}
