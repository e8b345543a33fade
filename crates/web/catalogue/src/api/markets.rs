//! The market schemas: what a client needs to build a listing form.

use axum::Json;
use sc_domain::Language;
use sc_web_ui::Words;
use serde_json::{Value, json};

/// A catalogue message in the three languages, as the API hands labels out.
fn labels(key: &str) -> Value {
    json!({
        "en": Words::new(Language::En).t(key),
        "zh-Hant": Words::new(Language::ZhHant).t(key),
        "zh-Hans": Words::new(Language::ZhHans).t(key),
    })
}

/// The four markets, their listing kinds and each kind's attribute schema, with labels in
/// three languages: what a client needs to build a listing form.
#[utoipa::path(get, path = "/api/v1/markets", tag = "meta", responses((status = 200, body = Object)))]
pub async fn markets() -> Json<Value> {
    use sc_domain::market::{AttrType, ListingKind, Market};
    let markets: Vec<Value> = Market::ALL
        .into_iter()
        .map(|m| {
            let kinds: Vec<Value> = ListingKind::ALL
                .into_iter()
                .filter(|k| k.market() == m)
                .map(|k| {
                    let attrs: Vec<Value> = k
                        .schema()
                        .iter()
                        .map(|a| {
                            let ty = match a.ty {
                                AttrType::Text { max } => {
                                    json!({"type": "text", "max_length": max})
                                }
                                AttrType::Integer { min, max } => {
                                    json!({"type": "integer", "min": min, "max": max})
                                }
                                AttrType::Number { min, max } => {
                                    json!({"type": "number", "min": min, "max": max})
                                }
                                AttrType::Bool => json!({"type": "boolean"}),
                                AttrType::OneOf(o) => json!({"type": "one_of", "options": o}),
                                AttrType::ManyOf(o) => json!({"type": "many_of", "options": o}),
                            };
                            json!({"key": a.key, "required": a.required, "schema": ty,
                                   "label": labels(&a.label_key())})
                        })
                        .collect();
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
