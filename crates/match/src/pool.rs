//! The entities of both sides, prepared for comparison: texts as TF-IDF vectors over one
//! vocabulary (through the shared `sc-text` pipeline, so 充電器, 充电器 and a Simplified query meet
//! on one token), sets and vector names interned, codes kept as written.

use std::collections::HashMap;

use sc_text::{Analyzer, Mode};

use crate::{EntityInput, Side, Value};

/// An entity's index within its side.
pub type EntityId = u32;

#[derive(Debug, Clone)]
pub(crate) enum Prepared {
    /// (term, weight), sorted by term, unit length.
    Text(Vec<(u32, f32)>),
    /// Interned codes (the names table is small and stays in cache; one string per code per
    /// entity would cost a cache miss per comparison at half a million entities).
    Codes(Vec<u32>),
    /// Sorted interned values.
    Set(Vec<u32>),
    Num(f64),
    /// (interned name, value), sorted by name.
    Vector(Vec<(u32, f64)>),
}

/// (term, count) of one text field, sorted by term.
type TermCounts = Vec<(u32, u32)>;

#[derive(Default)]
struct SidePool {
    keys: Vec<String>,
    by_key: HashMap<String, EntityId>,
    groups: Vec<Option<u32>>,
    /// Per entity: (field, value) sorted by field.
    fields: Vec<Vec<(u16, Prepared)>>,
    /// Per entity: raw term counts of text fields, kept until the vocabulary is weighed.
    counts: Vec<Vec<(u16, TermCounts)>>,
}

/// Both sides' entities.
#[derive(Default)]
pub struct Pool {
    sides: [SidePool; 2],
    field_names: Vec<String>,
    field_ids: HashMap<String, u16>,
    values: Vec<String>,
    value_ids: HashMap<String, u32>,
    groups: HashMap<String, u32>,
    terms: HashMap<String, u32>,
    /// A term as first written (for reasons).
    display: Vec<String>,
    /// In how many text fields each term occurs.
    df: Vec<u32>,
    docs: u32,
    weighed: bool,
}

impl Pool {
    pub fn new() -> Pool {
        Pool::default()
    }

    pub fn len(&self, side: Side) -> usize {
        self.sides[side.ix()].keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len(Side::A) + self.len(Side::B) == 0
    }

    pub fn key(&self, side: Side, id: EntityId) -> &str {
        &self.sides[side.ix()].keys[id as usize]
    }

    pub fn id(&self, side: Side, key: &str) -> Option<EntityId> {
        self.sides[side.ix()].by_key.get(key).copied()
    }

    pub(crate) fn group(&self, side: Side, id: EntityId) -> Option<u32> {
        self.sides[side.ix()].groups[id as usize]
    }

    pub(crate) fn field_id(&self, name: &str) -> Option<u16> {
        self.field_ids.get(name).copied()
    }

    pub(crate) fn field(&self, side: Side, id: EntityId, field: Option<u16>) -> Option<&Prepared> {
        let field = field?;
        let fields = &self.sides[side.ix()].fields[id as usize];
        fields
            .binary_search_by_key(&field, |(f, _)| *f)
            .ok()
            .map(|i| &fields[i].1)
    }

    pub(crate) fn value_name(&self, v: u32) -> &str {
        &self.values[v as usize]
    }

    pub(crate) fn term_display(&self, t: u32) -> &str {
        &self.display[t as usize]
    }

    fn intern_field(&mut self, name: &str) -> u16 {
        if let Some(&f) = self.field_ids.get(name) {
            return f;
        }
        let f = self.field_names.len() as u16;
        self.field_names.push(name.to_string());
        self.field_ids.insert(name.to_string(), f);
        f
    }

    fn intern_value(&mut self, v: &str) -> u32 {
        if let Some(&i) = self.value_ids.get(v) {
            return i;
        }
        let i = self.values.len() as u32;
        self.values.push(v.to_string());
        self.value_ids.insert(v.to_string(), i);
        i
    }

    /// Adds (or replaces, by key) an entity. After [`Pool::weigh`], its texts are weighed at
    /// once with the vocabulary's current weights; before it, they wait for `weigh`.
    pub fn add(&mut self, input: EntityInput) -> EntityId {
        let analyzer = Analyzer::shared();
        let group = input.group.as_deref().map(|g| {
            let n = self.groups.len() as u32;
            *self.groups.entry(g.to_string()).or_insert(n)
        });
        let mut fields = Vec::new();
        let mut counts = Vec::new();
        for (name, value) in input.fields {
            let f = self.intern_field(&name);
            let prepared = match value {
                Value::Text(text) => {
                    let mut tf: HashMap<u32, u32> = HashMap::new();
                    for token in analyzer.tokens(&text, Mode::Index) {
                        let next = self.terms.len() as u32;
                        let t = *self.terms.entry(token.text.clone()).or_insert(next);
                        if t == next {
                            self.display.push(text[token.start..token.end].to_string());
                            self.df.push(0);
                        }
                        *tf.entry(t).or_default() += 1;
                    }
                    if tf.is_empty() {
                        continue;
                    }
                    let mut tf: Vec<(u32, u32)> = tf.into_iter().collect();
                    tf.sort_unstable();
                    for (t, _) in &tf {
                        self.df[*t as usize] += 1;
                    }
                    self.docs += 1;
                    counts.push((f, tf));
                    Prepared::Text(vec![])
                }
                Value::Codes(mut c) => {
                    c.retain(|c| !c.trim().is_empty());
                    if c.is_empty() {
                        continue;
                    }
                    Prepared::Codes(c.iter().map(|c| self.intern_value(c.trim())).collect())
                }
                Value::Set(s) => {
                    let mut v: Vec<u32> = s
                        .iter()
                        .map(|x| x.trim())
                        .filter(|x| !x.is_empty())
                        .map(|x| self.intern_value(x))
                        .collect();
                    if v.is_empty() {
                        continue;
                    }
                    v.sort_unstable();
                    v.dedup();
                    Prepared::Set(v)
                }
                Value::Num(n) if n.is_finite() => Prepared::Num(n),
                Value::Num(_) => continue,
                Value::Vector(items) => {
                    let mut v: Vec<(u32, f64)> = items
                        .iter()
                        .filter(|(_, x)| x.is_finite())
                        .map(|(k, x)| (self.intern_value(k), *x))
                        .collect();
                    if v.is_empty() {
                        continue;
                    }
                    v.sort_by_key(|(k, _)| *k);
                    v.dedup_by_key(|(k, _)| *k);
                    Prepared::Vector(v)
                }
            };
            fields.push((f, prepared));
        }
        fields.sort_by_key(|(f, _)| *f);
        fields.dedup_by_key(|(f, _)| *f);
        let side = &mut self.sides[input.side.ix()];
        let id = match side.by_key.get(&input.key) {
            Some(&id) => {
                // Replaced: its old texts leave the document frequencies.
                for (_, tf) in &side.counts[id as usize] {
                    for (t, _) in tf {
                        self.df[*t as usize] -= 1;
                    }
                    self.docs -= 1;
                }
                id
            }
            None => {
                let id = side.keys.len() as EntityId;
                side.keys.push(input.key.clone());
                side.by_key.insert(input.key, id);
                side.groups.push(None);
                side.fields.push(vec![]);
                side.counts.push(vec![]);
                id
            }
        };
        side.groups[id as usize] = group;
        side.fields[id as usize] = fields;
        side.counts[id as usize] = counts;
        if self.weighed {
            self.weigh_one(input.side, id);
        }
        id
    }

    /// Weighs every text with the whole vocabulary's document frequencies (call once after
    /// loading; later additions are weighed as they come).
    pub fn weigh(&mut self) {
        self.weighed = true;
        for side in [Side::A, Side::B] {
            for id in 0..self.len(side) as EntityId {
                self.weigh_one(side, id);
            }
        }
    }

    fn weigh_one(&mut self, side: Side, id: EntityId) {
        let docs = self.docs.max(1) as f32;
        let counts = std::mem::take(&mut self.sides[side.ix()].counts[id as usize]);
        for (f, tf) in &counts {
            let mut v: Vec<(u32, f32)> = tf
                .iter()
                .map(|&(t, n)| {
                    let idf = (1.0 + docs / (1.0 + self.df[t as usize] as f32)).ln();
                    (t, (1.0 + (n as f32).ln()) * idf)
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut v {
                    *w /= norm;
                }
            }
            let fields = &mut self.sides[side.ix()].fields[id as usize];
            if let Ok(i) = fields.binary_search_by_key(f, |(g, _)| *g) {
                fields[i].1 = Prepared::Text(v);
            }
        }
        self.sides[side.ix()].counts[id as usize] = counts;
    }
}
