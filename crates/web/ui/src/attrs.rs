//! Forms and API descriptions built from an attribute schema (a listing kind's, a buyer
//! profile's, an organisation's wishes): one code path for every market and profile, so adding
//! an attribute to a schema adds it to the form, the reader and the published schema.

use sc_domain::Location;
use sc_domain::market::{AttrSpec, AttrType};
use sc_web_http::FormData;
use serde_json::{Map, Value, json};

use crate::Words;
use crate::present::{location_options, sector_options};
use crate::views::Opt;

/// One attribute as a form field.
pub struct AttrField {
    pub key: String,
    pub label: &'static str,
    /// `text`, `number`, `integer`, `bool`, `select`, `multi` (checkboxes), `places` (a
    /// multiple select) or `codes` (comma-separated codes in a text box).
    pub input: &'static str,
    pub value: String,
    pub options: Vec<Opt>,
    pub required: bool,
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The form fields of `schema`, filled from `values`, labelled in `t`'s language.
pub fn fields(schema: &[AttrSpec], values: &Map<String, Value>, t: Words) -> Vec<AttrField> {
    schema
        .iter()
        .map(|spec| {
            let v = values.get(spec.key);
            let mut value = match v {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            let (input, options) = match spec.ty {
                AttrType::Text { .. } => ("text", vec![]),
                AttrType::Integer { .. } => ("integer", vec![]),
                AttrType::Number { .. } => ("number", vec![]),
                AttrType::Bool => (
                    "bool",
                    [("true", "word-yes", true), ("false", "word-no", false)]
                        .into_iter()
                        .map(|(val, key, b)| Opt {
                            value: val.into(),
                            label: t.t(key).into(),
                            selected: v == Some(&Value::Bool(b)),
                        })
                        .collect(),
                ),
                AttrType::OneOf(opts) => (
                    "select",
                    opts.iter()
                        .map(|o| Opt {
                            value: (*o).into(),
                            label: t.option(o).to_string(),
                            selected: v.and_then(Value::as_str) == Some(*o),
                        })
                        .collect(),
                ),
                AttrType::ManyOf(opts) => {
                    let chosen = strings(v);
                    (
                        "multi",
                        opts.iter()
                            .map(|o| Opt {
                                value: (*o).into(),
                                label: t.option(o).to_string(),
                                selected: chosen.iter().any(|c| c == o),
                            })
                            .collect(),
                    )
                }
                AttrType::Sectors => ("multi", sector_options(t.lang, &strings(v))),
                AttrType::Places => {
                    let chosen: Vec<Location> = strings(v)
                        .iter()
                        .filter_map(|c| Location::parse(c).ok())
                        .collect();
                    ("places", location_options(t.lang, &chosen))
                }
                AttrType::HsCodes { .. } => {
                    value = strings(v).join(", ");
                    ("codes", vec![])
                }
                AttrType::Names { .. } => {
                    value = strings(v).join("\n");
                    ("names", vec![])
                }
            };
            AttrField {
                key: spec.key.to_string(),
                label: t.attr(spec),
                input,
                value,
                options,
                required: spec.required,
            }
        })
        .collect()
}

/// Reads `attr_*` fields of `schema` into typed JSON; what does not parse is kept as text so
/// that the validator names the field and the reason.
pub fn values_from(form: &FormData, schema: &[AttrSpec]) -> Map<String, Value> {
    let mut m = Map::new();
    for spec in schema {
        let name = format!("attr_{}", spec.key);
        let raw = form.get(&name).trim();
        let value = match spec.ty {
            AttrType::ManyOf(_) | AttrType::Sectors | AttrType::Places => {
                let all = form.all(&name);
                if all.is_empty() {
                    continue;
                }
                Value::Array(all.into_iter().map(Value::String).collect())
            }
            AttrType::HsCodes { .. } => {
                let all: Vec<Value> = raw
                    .split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_string()))
                    .collect();
                if all.is_empty() {
                    continue;
                }
                Value::Array(all)
            }
            AttrType::Names { .. } => {
                // One per line (names may hold commas: "Foo, Inc.").
                let all: Vec<Value> = raw
                    .lines()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_string()))
                    .collect();
                if all.is_empty() {
                    continue;
                }
                Value::Array(all)
            }
            _ if raw.is_empty() => continue,
            AttrType::Integer { .. } => raw
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::String(raw.into())),
            AttrType::Number { .. } => raw
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .unwrap_or_else(|| Value::String(raw.into())),
            AttrType::Bool => match raw {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                other => Value::String(other.into()),
            },
            _ => Value::String(raw.into()),
        };
        m.insert(spec.key.to_string(), value);
    }
    m
}

/// A catalogue message in the three languages, as the API hands labels out.
pub fn labels(key: &str) -> Value {
    use sc_domain::Language;
    json!({
        "en": Words::new(Language::En).t(key),
        "zh-Hant": Words::new(Language::ZhHant).t(key),
        "zh-Hans": Words::new(Language::ZhHans).t(key),
    })
}

/// `schema` as the API publishes it: key, required, type with its range or options, label in
/// three languages.
pub fn schema_json(schema: &[AttrSpec]) -> Vec<Value> {
    schema
        .iter()
        .map(|a| {
            let ty = match a.ty {
                AttrType::Text { max } => json!({"type": "text", "max_length": max}),
                AttrType::Integer { min, max } => json!({"type": "integer", "min": min, "max": max}),
                AttrType::Number { min, max } => json!({"type": "number", "min": min, "max": max}),
                AttrType::Bool => json!({"type": "boolean"}),
                AttrType::OneOf(o) => json!({"type": "one_of", "options": o}),
                AttrType::ManyOf(o) => json!({"type": "many_of", "options": o}),
                AttrType::Sectors => {
                    json!({"type": "many_of", "options": sc_domain::sector::SECTORS})
                }
                AttrType::Places => json!({"type": "locations", "max_items": 50}),
                AttrType::HsCodes { max } => json!({"type": "hs_codes", "max_items": max}),
                AttrType::Names { max } => json!({"type": "names", "max_items": max, "max_length": 200}),
            };
            json!({"key": a.key, "required": a.required, "schema": ty, "label": labels(&a.label_key())})
        })
        .collect()
}
