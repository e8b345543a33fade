//! The instance format (documented in docs/MEETINGS.md) and its compiled, index-based form.
//!
//! An instance is what the organiser's scheduler sees: the slots of a fair's meeting sessions
//! (in time order; breaks are simply not slots), the tables each slot has, the people with their
//! availability and caps, the requests with their weights, and the meetings already published
//! (kept where they are unless the organiser asks to move them).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

/// Most slots an instance may have (three days of twenty-minute slots fit many times over).
pub const MAX_SLOTS: usize = 1024;
/// Highest weight a request may carry: weights are priorities, not money.
pub const MAX_WEIGHT: u32 = 1000;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    /// The slots, in time order.
    pub slots: Vec<Slot>,
    /// Tables in every slot that does not name its own count.
    #[serde(default = "one")]
    pub tables: u32,
    pub people: Vec<Person>,
    pub requests: Vec<Request>,
    /// Meetings already published: kept in their slot and at their table.
    #[serde(default)]
    pub fixed: Vec<Fixed>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub id: String,
    /// Slots of one day form a person's day; gaps are counted within a day.
    #[serde(default)]
    pub day: u32,
    /// Tables in this slot (default: the instance's `tables`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tables: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    /// Most meetings this person takes (default: one per slot).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<u32>,
    /// Slots the person cannot meet in (booth duty, a talk). Exclusive with `available`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<String>,
    /// The only slots the person can meet in. Exclusive with `unavailable`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Names the request in the output and in `fixed` (default: its position, from 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub a: String,
    pub b: String,
    /// Priority, 1 to 1000 (default 1): the scheduler maximises the total.
    #[serde(default = "one")]
    pub weight: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixed {
    pub request: String,
    pub slot: String,
    /// Table number, from 1.
    pub table: u32,
}

fn one() -> u32 {
    1
}

/// Why an instance cannot be scheduled; every message names the entry and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstanceError {
    #[error("the instance is not valid JSON for the format: {0}")]
    Json(String),
    #[error("the instance has no slots")]
    NoSlots,
    #[error("the instance has {0} slots; at most {MAX_SLOTS} are allowed")]
    TooManySlots(usize),
    #[error("{what} \"{id}\" appears twice")]
    Duplicate { what: &'static str, id: String },
    #[error("{at}: {field} names \"{id}\", which is not a {what}")]
    Unknown {
        at: String,
        field: &'static str,
        id: String,
        what: &'static str,
    },
    #[error("{at}: {field} {why}")]
    Invalid {
        at: String,
        field: &'static str,
        why: String,
    },
}

impl Instance {
    pub fn from_json(bytes: &[u8]) -> Result<Instance, InstanceError> {
        serde_json::from_slice(bytes).map_err(|e| InstanceError::Json(e.to_string()))
    }

    /// The request's name: its `id`, or its position.
    pub fn request_id(&self, index: usize) -> String {
        self.requests[index]
            .id
            .clone()
            .unwrap_or_else(|| index.to_string())
    }
}

/// The instance by index, checked.
#[derive(Debug, Clone)]
pub struct Problem {
    pub people: usize,
    pub slots: usize,
    /// Day of each slot.
    pub day: Vec<u32>,
    /// Tables of each slot.
    pub tables: Vec<u32>,
    /// Cap of each person, at most the slot count.
    pub cap: Vec<u32>,
    /// `avail[p * slots + s]`.
    pub avail: Vec<bool>,
    pub requests: Vec<Req>,
    /// Kept meetings: (request, slot, table).
    pub fixed: Vec<(usize, usize, u32)>,
    /// Things the scheduler kept although they break a rule (a kept meeting in a slot its
    /// person is no longer available in, a cap exceeded by kept meetings).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Req {
    pub a: u32,
    pub b: u32,
    pub weight: u32,
}

impl Problem {
    pub fn available(&self, person: u32, slot: usize) -> bool {
        self.avail[person as usize * self.slots + slot]
    }

    /// Whether nobody is unavailable, every slot has the same tables and nothing is kept:
    /// the case with an exact answer (if the requests form a bipartite graph).
    pub fn is_uniform(&self) -> bool {
        self.fixed.is_empty()
            && self.avail.iter().all(|&a| a)
            && self.tables.iter().all(|&t| t == self.tables[0])
    }

    pub fn total_weight(&self, requests: impl IntoIterator<Item = usize>) -> u64 {
        requests
            .into_iter()
            .map(|r| u64::from(self.requests[r].weight))
            .sum()
    }

    /// Compiles an instance; `keep_fixed: false` treats published meetings as ordinary
    /// requests (the organiser asked to move them).
    pub fn compile(instance: &Instance, keep_fixed: bool) -> Result<Problem, InstanceError> {
        if instance.slots.is_empty() {
            return Err(InstanceError::NoSlots);
        }
        if instance.slots.len() > MAX_SLOTS {
            return Err(InstanceError::TooManySlots(instance.slots.len()));
        }
        let slots = instance.slots.len();
        let mut slot_index = HashMap::with_capacity(slots);
        let mut day = Vec::with_capacity(slots);
        let mut tables = Vec::with_capacity(slots);
        for (i, s) in instance.slots.iter().enumerate() {
            if slot_index.insert(s.id.as_str(), i).is_some() {
                return Err(InstanceError::Duplicate {
                    what: "slot",
                    id: s.id.clone(),
                });
            }
            day.push(s.day);
            tables.push(s.tables.unwrap_or(instance.tables));
        }
        let mut person_index = HashMap::with_capacity(instance.people.len());
        let mut cap = Vec::with_capacity(instance.people.len());
        let mut avail = vec![true; instance.people.len() * slots];
        for (p, person) in instance.people.iter().enumerate() {
            if person_index.insert(person.id.as_str(), p as u32).is_some() {
                return Err(InstanceError::Duplicate {
                    what: "person",
                    id: person.id.clone(),
                });
            }
            let at = || format!("person \"{}\"", person.id);
            if person.available.is_some() && !person.unavailable.is_empty() {
                return Err(InstanceError::Invalid {
                    at: at(),
                    field: "available",
                    why: "and unavailable cannot both be given".into(),
                });
            }
            let row = &mut avail[p * slots..(p + 1) * slots];
            let lookup = |id: &String, field| {
                slot_index
                    .get(id.as_str())
                    .copied()
                    .ok_or_else(|| InstanceError::Unknown {
                        at: at(),
                        field,
                        id: id.clone(),
                        what: "slot",
                    })
            };
            if let Some(only) = &person.available {
                row.fill(false);
                for id in only {
                    row[lookup(id, "available")?] = true;
                }
            }
            for id in &person.unavailable {
                row[lookup(id, "unavailable")?] = false;
            }
            cap.push(person.cap.unwrap_or(u32::MAX).min(slots as u32));
        }
        let mut requests = Vec::with_capacity(instance.requests.len());
        let mut request_index = HashMap::with_capacity(instance.requests.len());
        let mut pairs = HashMap::with_capacity(instance.requests.len());
        for (r, req) in instance.requests.iter().enumerate() {
            let id = instance.request_id(r);
            let at = || format!("request \"{id}\"");
            let person = |name: &String, field| {
                person_index
                    .get(name.as_str())
                    .copied()
                    .ok_or_else(|| InstanceError::Unknown {
                        at: at(),
                        field,
                        id: name.clone(),
                        what: "person",
                    })
            };
            let a = person(&req.a, "a")?;
            let b = person(&req.b, "b")?;
            if a == b {
                return Err(InstanceError::Invalid {
                    at: at(),
                    field: "b",
                    why: "is the same person as a".into(),
                });
            }
            if req.weight == 0 || req.weight > MAX_WEIGHT {
                return Err(InstanceError::Invalid {
                    at: at(),
                    field: "weight",
                    why: format!("must be from 1 to {MAX_WEIGHT}, not {}", req.weight),
                });
            }
            if let Some(first) = pairs.insert((a.min(b), a.max(b)), id.clone()) {
                return Err(InstanceError::Invalid {
                    at: at(),
                    field: "b",
                    why: format!("repeats the pair of request \"{first}\""),
                });
            }
            if request_index.insert(id.clone(), r).is_some() {
                return Err(InstanceError::Duplicate {
                    what: "request",
                    id,
                });
            }
            requests.push(Req {
                a,
                b,
                weight: req.weight,
            });
        }
        let mut fixed = Vec::new();
        let mut warnings = Vec::new();
        if keep_fixed {
            let mut seen_request = HashSet::new();
            let mut seen_table = HashSet::new();
            let mut busy = HashMap::new();
            let mut kept = vec![0u32; cap.len()];
            for f in &instance.fixed {
                let at = format!("fixed meeting of request \"{}\"", f.request);
                let r = *request_index
                    .get(&f.request)
                    .ok_or_else(|| InstanceError::Unknown {
                        at: at.clone(),
                        field: "request",
                        id: f.request.clone(),
                        what: "request",
                    })?;
                let s = *slot_index
                    .get(f.slot.as_str())
                    .ok_or_else(|| InstanceError::Unknown {
                        at: at.clone(),
                        field: "slot",
                        id: f.slot.clone(),
                        what: "slot",
                    })?;
                if f.table == 0 || f.table > tables[s] {
                    return Err(InstanceError::Invalid {
                        at,
                        field: "table",
                        why: format!("must be from 1 to {} in slot \"{}\"", tables[s], f.slot),
                    });
                }
                if !seen_request.insert(r) {
                    return Err(InstanceError::Duplicate {
                        what: "fixed meeting",
                        id: f.request.clone(),
                    });
                }
                if !seen_table.insert((s, f.table)) {
                    return Err(InstanceError::Invalid {
                        at,
                        field: "table",
                        why: format!("{} is already taken in slot \"{}\"", f.table, f.slot),
                    });
                }
                let Req { a, b, .. } = requests[r];
                for p in [a, b] {
                    let name = &instance.people[p as usize].id;
                    if let Some(other) = busy.insert((p, s), r) {
                        return Err(InstanceError::Invalid {
                            at,
                            field: "slot",
                            why: format!(
                                "double-books \"{name}\", who already meets in it (request \"{}\")",
                                instance.request_id(other)
                            ),
                        });
                    }
                    if !avail[p as usize * slots + s] {
                        warnings.push(format!(
                            "{at} is kept in slot \"{}\" although \"{name}\" is no longer available then",
                            f.slot
                        ));
                    }
                    kept[p as usize] += 1;
                }
                fixed.push((r, s, f.table));
            }
            for (p, &k) in kept.iter().enumerate() {
                if k > cap[p] {
                    warnings.push(format!(
                        "\"{}\" keeps {k} published meetings, more than the cap of {}",
                        instance.people[p].id, cap[p]
                    ));
                }
            }
        }
        Ok(Problem {
            people: instance.people.len(),
            slots,
            day,
            tables,
            cap,
            avail,
            requests,
            fixed,
            warnings,
        })
    }
}
