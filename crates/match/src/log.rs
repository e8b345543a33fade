//! The interaction-log format an organiser evaluates matching on (docs/MATCHING.md): four CSV
//! files, UTF-8, with a header row each.
//!
//! - `features.csv`: `side,name,compare,wanting_field,wanted_field,weight_by`: one content
//!   signal per row; `side` is the wanting side (`a` or `b`), `compare` one of `text`, `codes`,
//!   `overlap`, `same`, `at_least`, `at_most`, `near:SCALE`, `correlation`, `dot`, `own`,
//!   `their`.
//! - `kinds.csv`: `kind,side,meaning`: what an event kind means when a member of `side` acts:
//!   `success`, `exposure`, `refusal` or `other`. A one-sided log gives success kinds for one
//!   side only.
//! - `entities.csv`: `side,id,group` then one column per field, named `field:type` with type
//!   `text`, `codes`, `set`, `num` or `vector`; several values are separated by `|`, a vector's
//!   items are `name=value`; an empty cell says nothing.
//! - `events.csv`: `time,side,actor,target,kind`: `time` an integer that orders events
//!   (milliseconds since 1970, or any count), `side` the actor's side, `target` an entity of the
//!   other side.

use std::collections::HashMap;

use crate::{Compare, EntityInput, Event, Feature, Meaning, Pool, Side, Spec, Value};

/// One problem in a log, where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: &'static str,
    /// 1-based line (the header is line 1); 0 for the file as a whole.
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, " line {}", self.line)?;
        }
        if let Some(c) = &self.column {
            write!(f, " column {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// An event as the log writes it.
#[derive(Debug, Clone)]
pub struct RawEvent {
    pub time: i64,
    pub side: Side,
    pub actor: String,
    pub target: String,
    pub kind: String,
    pub line: u64,
}

/// A parsed log.
#[derive(Debug, Clone)]
pub struct Log {
    pub spec: Spec,
    pub entities: Vec<EntityInput>,
    pub events: Vec<RawEvent>,
}

/// The four files' contents.
pub struct Files<'a> {
    pub features: &'a [u8],
    pub kinds: &'a [u8],
    pub entities: &'a [u8],
    pub events: &'a [u8],
}

const MAX_PROBLEMS: usize = 50;
/// Numbers beyond this are refused: nothing a market states (a price, an order, a ticket) comes
/// near it, and the models' arithmetic stays finite.
const MAX_NUMBER: f64 = 1e12;

struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, file: &'static str, line: u64, column: Option<&str>, message: String) {
        if self.0.len() < MAX_PROBLEMS {
            self.0.push(Problem {
                file,
                line,
                column: column.map(str::to_string),
                message,
            });
        }
    }
}

fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new().flexible(false).from_reader(bytes)
}

/// Reads rows as maps of the named columns, reporting missing columns and bad rows.
fn rows(
    file: &'static str,
    bytes: &[u8],
    required: &[&str],
    p: &mut Problems,
) -> (Vec<String>, Vec<(u64, csv::StringRecord)>) {
    let mut r = reader(bytes);
    let headers: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            p.push(file, 1, None, format!("cannot read the header: {e}"));
            return (vec![], vec![]);
        }
    };
    for c in required {
        if !headers.iter().any(|h| h == c) {
            p.push(file, 1, Some(c), format!("missing column {c:?}"));
        }
    }
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i as u64 + 2;
        match rec {
            Ok(rec) => out.push((line, rec)),
            Err(e) => p.push(file, line, None, format!("unreadable row: {e}")),
        }
    }
    (headers, out)
}

fn col<'r>(headers: &[String], rec: &'r csv::StringRecord, name: &str) -> &'r str {
    headers
        .iter()
        .position(|h| h == name)
        .and_then(|i| rec.get(i))
        .map(str::trim)
        .unwrap_or("")
}

impl Log {
    /// Parses the four files, reporting every problem (up to fifty) with file, line and
    /// column.
    pub fn parse(files: Files<'_>) -> Result<Log, Vec<Problem>> {
        let mut p = Problems(vec![]);
        let mut spec = Spec::default();

        let (h, recs) = rows(
            "features.csv",
            files.features,
            &["side", "name", "compare", "wanting_field", "wanted_field"],
            &mut p,
        );
        for (line, r) in &recs {
            let side = col(&h, r, "side");
            let Some(wanting) = Side::parse(side) else {
                p.push(
                    "features.csv",
                    *line,
                    Some("side"),
                    format!("{side:?} is not a or b"),
                );
                continue;
            };
            let compare = col(&h, r, "compare");
            let Some(c) = Compare::parse(compare) else {
                p.push(
                    "features.csv",
                    *line,
                    Some("compare"),
                    format!("{compare:?} is not a comparison (text, codes, overlap, same, at_least, at_most, near:SCALE, correlation, dot, own, their)"),
                );
                continue;
            };
            let name = col(&h, r, "name");
            if name.is_empty() {
                p.push(
                    "features.csv",
                    *line,
                    Some("name"),
                    "a feature needs a name".into(),
                );
                continue;
            }
            let by = col(&h, r, "weight_by");
            spec.features.push(Feature {
                name: name.to_string(),
                wanting,
                compare: c,
                wanting_field: col(&h, r, "wanting_field").to_string(),
                wanted_field: col(&h, r, "wanted_field").to_string(),
                weight_by: (!by.is_empty()).then(|| by.to_string()),
            });
        }

        let (h, recs) = rows(
            "kinds.csv",
            files.kinds,
            &["kind", "side", "meaning"],
            &mut p,
        );
        for (line, r) in &recs {
            let side = col(&h, r, "side");
            let Some(s) = Side::parse(side) else {
                p.push(
                    "kinds.csv",
                    *line,
                    Some("side"),
                    format!("{side:?} is not a or b"),
                );
                continue;
            };
            let m = col(&h, r, "meaning");
            let Some(meaning) = Meaning::parse(m) else {
                p.push(
                    "kinds.csv",
                    *line,
                    Some("meaning"),
                    format!("{m:?} is not success, exposure, refusal or other"),
                );
                continue;
            };
            spec.kinds
                .insert((col(&h, r, "kind").to_string(), s), meaning);
        }
        if !spec.kinds.values().any(|m| *m == Meaning::Success) {
            p.push(
                "kinds.csv",
                0,
                None,
                "no kind counts as success for either side".into(),
            );
        }

        let (h, recs) = rows("entities.csv", files.entities, &["side", "id"], &mut p);
        let mut fields: Vec<(usize, String, &str)> = Vec::new();
        for (i, name) in h.iter().enumerate() {
            if matches!(name.as_str(), "side" | "id" | "group") {
                continue;
            }
            match name.rsplit_once(':') {
                Some((f, ty @ ("text" | "codes" | "set" | "num" | "vector"))) if !f.is_empty() => {
                    fields.push((i, f.to_string(), ty))
                }
                _ => p.push(
                    "entities.csv",
                    1,
                    Some(name),
                    format!(
                        "{name:?} should be FIELD:TYPE with TYPE text, codes, set, num or vector"
                    ),
                ),
            }
        }
        let mut entities = Vec::new();
        let mut seen: HashMap<(Side, String), u64> = HashMap::new();
        for (line, r) in &recs {
            let side = col(&h, r, "side");
            let Some(s) = Side::parse(side) else {
                p.push(
                    "entities.csv",
                    *line,
                    Some("side"),
                    format!("{side:?} is not a or b"),
                );
                continue;
            };
            let id = col(&h, r, "id");
            if id.is_empty() {
                p.push(
                    "entities.csv",
                    *line,
                    Some("id"),
                    "an entity needs an id".into(),
                );
                continue;
            }
            if let Some(first) = seen.insert((s, id.to_string()), *line) {
                p.push(
                    "entities.csv",
                    *line,
                    Some("id"),
                    format!("{id:?} of side {} is already on line {first}", s.code()),
                );
                continue;
            }
            let group = col(&h, r, "group");
            let mut values = Vec::new();
            for (i, name, ty) in &fields {
                let cell = r.get(*i).unwrap_or("").trim();
                if cell.is_empty() {
                    continue;
                }
                let items = || cell.split('|').map(str::trim).filter(|s| !s.is_empty());
                let column = format!("{name}:{ty}");
                let value = match *ty {
                    "text" => Value::Text(cell.to_string()),
                    "codes" => Value::Codes(items().map(str::to_string).collect()),
                    "set" => Value::Set(items().map(str::to_string).collect()),
                    "num" => match cell.parse::<f64>() {
                        Ok(n) if n.is_finite() && n.abs() <= MAX_NUMBER => Value::Num(n),
                        _ => {
                            p.push(
                                "entities.csv",
                                *line,
                                Some(&column),
                                format!("{cell:?} is not a number from -10^12 to 10^12"),
                            );
                            continue;
                        }
                    },
                    _ => {
                        let mut v = Vec::new();
                        for item in items() {
                            match item
                                .split_once('=')
                                .map(|(k, x)| (k.trim(), x.trim().parse::<f64>()))
                            {
                                Some((k, Ok(x)))
                                    if !k.is_empty() && x.is_finite() && x.abs() <= MAX_NUMBER =>
                                {
                                    v.push((k.to_string(), x))
                                }
                                _ => p.push(
                                    "entities.csv",
                                    *line,
                                    Some(&column),
                                    format!("{item:?} is not name=number (from -10^12 to 10^12)"),
                                ),
                            }
                        }
                        Value::Vector(v)
                    }
                };
                values.push((name.clone(), value));
            }
            entities.push(EntityInput {
                key: id.to_string(),
                side: s,
                group: (!group.is_empty()).then(|| group.to_string()),
                fields: values,
            });
        }
        for f in &spec.features {
            for (field, role) in [
                (&f.wanting_field, "wanting_field"),
                (&f.wanted_field, "wanted_field"),
            ] {
                let unused = matches!(
                    (f.compare, role),
                    (Compare::Own, "wanted_field") | (Compare::Their, "wanting_field")
                );
                if !unused && !fields.iter().any(|(_, n, _)| n == field) {
                    p.push(
                        "features.csv",
                        0,
                        Some(role),
                        format!("feature {:?} names field {field:?}, which entities.csv has no column for", f.name),
                    );
                }
            }
        }

        let (h, recs) = rows(
            "events.csv",
            files.events,
            &["time", "side", "actor", "target", "kind"],
            &mut p,
        );
        let mut events = Vec::with_capacity(recs.len());
        for (line, r) in &recs {
            let t = col(&h, r, "time");
            let Ok(time) = t.parse::<i64>() else {
                p.push(
                    "events.csv",
                    *line,
                    Some("time"),
                    format!("{t:?} is not a whole number"),
                );
                continue;
            };
            let side = col(&h, r, "side");
            let Some(s) = Side::parse(side) else {
                p.push(
                    "events.csv",
                    *line,
                    Some("side"),
                    format!("{side:?} is not a or b"),
                );
                continue;
            };
            let (actor, target) = (col(&h, r, "actor"), col(&h, r, "target"));
            if !seen.contains_key(&(s, actor.to_string())) {
                p.push(
                    "events.csv",
                    *line,
                    Some("actor"),
                    format!("no entity {actor:?} of side {}", s.code()),
                );
                continue;
            }
            if !seen.contains_key(&(s.other(), target.to_string())) {
                p.push(
                    "events.csv",
                    *line,
                    Some("target"),
                    format!("no entity {target:?} of side {}", s.other().code()),
                );
                continue;
            }
            events.push(RawEvent {
                time,
                side: s,
                actor: actor.to_string(),
                target: target.to_string(),
                kind: col(&h, r, "kind").to_string(),
                line: *line,
            });
        }
        if p.0.is_empty() {
            Ok(Log {
                spec,
                entities,
                events,
            })
        } else {
            Err(p.0)
        }
    }

    /// The pool (texts weighed) and the events resolved against it.
    pub fn build(&self) -> (Pool, Vec<Event>) {
        let mut pool = Pool::new();
        for e in &self.entities {
            pool.add(e.clone());
        }
        pool.weigh();
        let events = self
            .events
            .iter()
            .filter_map(|e| {
                Some(Event {
                    time: e.time,
                    actor_side: e.side,
                    actor: pool.id(e.side, &e.actor)?,
                    target: pool.id(e.side.other(), &e.target)?,
                    meaning: self.spec.meaning(&e.kind, e.side),
                })
            })
            .collect();
        (pool, events)
    }
}
