//! The market schemas: what a client needs to build a listing form.

use axum::Json;
use serde_json::{Value, json};

/// The four markets, their listing kinds and each kind's attribute schema, with labels in
/// three languages: what a client needs to build a listing form.
#[utoipa::path(get, path = "/api/v1/markets", tag = "meta", responses((status = 200, body = Object)))]
pub async fn markets() -> Json<Value> {
    use sc_domain::market::{ListingKind, Market};
    use sc_web_ui::attrs::labels;
    let markets: Vec<Value> = Market::ALL
        .into_iter()
        .map(|m| {
            let kinds: Vec<Value> = ListingKind::ALL
                .into_iter()
                .filter(|k| k.market() == m)
                .map(|k| {
                    let attrs = sc_web_ui::attrs::schema_json(k.schema());
                    json!({"kind": k.code(), "code_scheme": k.code_scheme(), "attributes": attrs,
                           "label": labels(&k.label_key())})
                })
                .collect();
            json!({"market": m.code(), "kinds": kinds,
                   "label": labels(&m.label_key())})
        })
        .collect();
    Json(json!({ "markets": markets }))
}
