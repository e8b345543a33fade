//! Click2Match: reciprocal, explainable matching for every market, learned from what people do.
//! No I/O: the callers hand in entities, a specification and events; this crate scores pairs,
//! ranks candidates, explains each match and measures itself.
//!
//! **One model for every market.** Two sides (`A`: buyers, talent, investors, enterprises
//! seeking a service; `B`: exhibitors and products, employers' jobs, green projects, service
//! firms) of entities with named fields. A market declares, as data ([`Spec`]), which field of
//! the wanting side is compared with which field of the wanted side and how ([`Compare`]), and
//! which kinds of event count as success, exposure or refusal for each side. The engine never
//! branches on the market.
//!
//! **Reciprocal.** Every pair is scored in both directions: `P(A wants B)` by the model of side
//! A's wishes, `P(B wants A)` by side B's. Their product, the chance that both want it, ranks;
//! a match only one side wants sinks.
//!
//! **Learned, and moved by behaviour.** Each direction is a logistic regression over the
//! content signals (text through the shared `sc-text` pipeline, classification codes by
//! hierarchy, sets, numbers against thresholds, stated preferences against what the other side
//! says of itself) and the behaviour signals ([`Behaviour`]: people who acted on the same
//! things, the other side's appeal and the viewer's own eagerness, whether the other side
//! already acted on the viewer). It is trained on the event log in time order: each example's
//! signals are what was known just before it happened. The behaviour state updates with every
//! recorded event, so a bookmark changes the next ranking; a newcomer without history still
//! gets the content part.
//!
//! **Capacity-aware and explained.** Batch rankings spread exposure ([`Exposure`]): a candidate
//! already shown to many is discounted, so popular exhibitors are not shown to everyone and the
//! rest are seen by those who fit. Every match carries the signals that raised it most, as
//! data ([`Reason`]) for the caller to put in the viewer's language.

mod behaviour;
pub mod eval;
mod features;
pub mod log;
mod model;
mod pool;
mod retrieval;

pub use behaviour::{Behaviour, Neighbourhood};
pub use features::{BEHAVIOUR_SIGNALS, Signals};
pub use model::Model;
pub use pool::{EntityId, Pool};
pub use retrieval::Retrieval;

use std::collections::HashMap;

/// One side of a market.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
    /// 0 for A, 1 for B.
    pub fn ix(self) -> usize {
        match self {
            Side::A => 0,
            Side::B => 1,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }
    pub fn parse(s: &str) -> Option<Side> {
        match s.trim() {
            "a" | "A" => Some(Side::A),
            "b" | "B" => Some(Side::B),
            _ => None,
        }
    }
}

/// What an entity says about itself or what it wants, in one field.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Words in any of the three languages (folded and segmented by `sc-text`).
    Text(String),
    /// Hierarchical classification codes (HS `850760`: chapter `85`, heading `8507`,
    /// subheading `850760`; or dotted sector codes).
    Codes(Vec<String>),
    /// Categorical values (regions, languages, a taxonomy, a field of study).
    Set(Vec<String>),
    /// A number (order size, price, age, ticket size).
    Num(f64),
    /// Named numbers (interests rated 1–10; points over what one looks for).
    Vector(Vec<(String, f64)>),
}

/// An entity as handed to the pool.
#[derive(Debug, Clone)]
pub struct EntityInput {
    pub key: String,
    pub side: Side,
    /// Candidates are drawn from the same group (a fair, a wave); `None` meets every group.
    pub group: Option<String>,
    pub fields: Vec<(String, Value)>,
}

/// How the wanting side's field is compared with the wanted side's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Compare {
    /// Cosine of the two texts' TF-IDF vectors.
    Text,
    /// Deepest shared prefix of two codes, as a share of the longer code (`85` of `850760`: ⅓).
    Codes,
    /// Share of the wanting side's values that the wanted side has.
    Overlap,
    /// 1 when the two share any value.
    Same,
    /// The wanted side's number is at least the wanting side's (a buyer's order size against an
    /// exhibitor's minimum order; a salary against what the talent asks): 1 when it is, else
    /// their ratio.
    AtLeast,
    /// The wanted side's number is at most the wanting side's (an MOQ against the buyer's order
    /// size; a unit price against the target price): 1 when it is, else their ratio.
    AtMost,
    /// Closeness of two numbers, `exp(-|a-b| / scale)`.
    Near(f64),
    /// Pearson correlation of two vectors over their shared names, in [-1, 1].
    Correlation,
    /// What the wanting side looks for (points per name) against what the wanted side says it
    /// is (ratings per name): `Σ a·b / (Σ a · max b)`, in [0, 1].
    Dot,
    /// The wanting side's own number, as is.
    Own,
    /// The wanted side's own number, as is.
    Their,
}

impl Compare {
    /// The name `parse` reads (`near:SCALE` for `Near`).
    pub fn code(self) -> String {
        match self {
            Compare::Text => "text".into(),
            Compare::Codes => "codes".into(),
            Compare::Overlap => "overlap".into(),
            Compare::Same => "same".into(),
            Compare::AtLeast => "at_least".into(),
            Compare::AtMost => "at_most".into(),
            Compare::Correlation => "correlation".into(),
            Compare::Dot => "dot".into(),
            Compare::Own => "own".into(),
            Compare::Their => "their".into(),
            Compare::Near(scale) => format!("near:{scale}"),
        }
    }

    pub fn parse(s: &str) -> Option<Compare> {
        let s = s.trim();
        Some(match s {
            "text" => Compare::Text,
            "codes" => Compare::Codes,
            "overlap" => Compare::Overlap,
            "same" => Compare::Same,
            "at_least" => Compare::AtLeast,
            "at_most" => Compare::AtMost,
            "correlation" => Compare::Correlation,
            "dot" => Compare::Dot,
            "own" => Compare::Own,
            "their" => Compare::Their,
            _ => {
                let scale: f64 = s.strip_prefix("near:")?.parse().ok()?;
                if !(scale.is_finite() && scale > 0.0) {
                    return None;
                }
                Compare::Near(scale)
            }
        })
    }
}

/// One content signal of one direction.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub name: String,
    /// Whose wish this signal measures.
    pub wanting: Side,
    pub compare: Compare,
    /// The field of the wanting side (ignored by [`Compare::Their`]).
    pub wanting_field: String,
    /// The field of the wanted side (ignored by [`Compare::Own`]).
    pub wanted_field: String,
    /// A number of the wanting side that scales the signal (how much they say it matters).
    pub weight_by: Option<String>,
}

/// What an event of one kind means for the side whose member acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// The actor wants the target (a bookmark, a yes, a reply, an accepted meeting).
    Success,
    /// The actor saw the target (a page view, a meeting that took place).
    Exposure,
    /// The actor does not want the target ("not interested", a dismissal, a no).
    Refusal,
    /// Recorded, not used by the engine.
    Other,
}

impl Meaning {
    pub fn parse(s: &str) -> Option<Meaning> {
        Some(match s.trim() {
            "success" => Meaning::Success,
            "exposure" => Meaning::Exposure,
            "refusal" => Meaning::Refusal,
            "other" => Meaning::Other,
            _ => return None,
        })
    }
}

/// A market's matching specification: its content signals and what its events mean.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    pub features: Vec<Feature>,
    /// (kind, actor's side) → meaning.
    pub kinds: HashMap<(String, Side), Meaning>,
}

impl Spec {
    pub fn meaning(&self, kind: &str, actor: Side) -> Meaning {
        self.kinds
            .get(&(kind.to_string(), actor))
            .copied()
            .unwrap_or(Meaning::Other)
    }
    /// Whether any kind counts as success for this side (a one-sided log has one such side).
    pub fn has_success(&self, side: Side) -> bool {
        self.kinds
            .iter()
            .any(|((_, s), m)| *s == side && *m == Meaning::Success)
    }
    pub fn has_exposure(&self, side: Side) -> bool {
        self.kinds
            .iter()
            .any(|((_, s), m)| *s == side && *m == Meaning::Exposure)
    }
}

/// One thing someone did to an entity of the other side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Event {
    pub time: i64,
    pub actor_side: Side,
    pub actor: EntityId,
    pub target: EntityId,
    pub meaning: Meaning,
}

/// Which parts of the engine are on (the baselines of the evaluation switch them off).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Rank by both directions' product rather than the viewer's wish alone.
    pub reciprocal: bool,
    /// Use the behaviour signals.
    pub behaviour: bool,
    /// Strength of the exposure discount in batch rankings (0 = off).
    pub capacity: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            reciprocal: true,
            behaviour: true,
            capacity: 1.0,
        }
    }
}

/// Why a match was made: one signal that raised it, for the caller to say in the viewer's
/// language.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// Whose wish the signal speaks for: the viewer's (they want it) or the other side's (they
    /// would want the viewer).
    pub wanting: Side,
    pub signal: Signal,
    /// The signal's share of the logit (for ordering reasons).
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Signal {
    /// Words both texts hold, as first written on the platform (in either script: the page
    /// shows them in the reader's).
    Words { feature: String, words: Vec<String> },
    /// The deepest classification code both hold.
    Code { feature: String, code: String },
    /// Values both hold (regions, languages, a taxonomy).
    Shared {
        feature: String,
        values: Vec<String>,
    },
    /// A number or a stated preference that fits (order size reaches the MOQ; price within
    /// budget; what they look for).
    Fits { feature: String },
    /// `count` people like the viewer acted on it.
    Similar { count: u32 },
    /// Many acted on it.
    Popular { count: u32 },
    /// The other side already acted on the viewer.
    InterestedInYou,
    /// The other side answers those who reach them (appeal, responsiveness).
    Responsive,
}

/// One recommended candidate.
#[derive(Debug, Clone)]
pub struct Match {
    pub candidate: EntityId,
    /// The ranking score: both directions' product (or the viewer's alone), before the
    /// exposure discount.
    pub score: f64,
    /// P(viewer wants candidate).
    pub forward: f64,
    /// P(candidate wants viewer).
    pub backward: f64,
    pub reasons: Vec<Reason>,
}

/// How often each candidate has been put in someone's list during one batch ranking, and how
/// often it may be before it is discounted.
#[derive(Debug, Clone)]
pub struct Exposure {
    pub counts: Vec<u32>,
    /// Fair share: lists × length / candidates.
    pub capacity: f64,
}

impl Exposure {
    pub fn new(candidates: usize, viewers: usize, k: usize) -> Exposure {
        Exposure {
            counts: vec![0; candidates],
            capacity: (viewers as f64 * k as f64 / candidates.max(1) as f64).max(1.0),
        }
    }
    fn discount(&self, c: u32, lambda: f64) -> f64 {
        let n = self.counts.get(c as usize).copied().unwrap_or(0) as f64;
        lambda * (1.0 + n / self.capacity).ln()
    }
}

/// The engine: entities, what they did, and the two directions' models.
pub struct Engine {
    pub pool: Pool,
    pub spec: Spec,
    pub behaviour: Behaviour,
    models: [Option<Model>; 2],
    pub options: Options,
    compiled: features::Compiled,
    retrieval: Option<Retrieval>,
    /// Entities withdrawn since they were added (a deleted listing, an organisation gone):
    /// never candidates again.
    retired: [std::collections::HashSet<EntityId>; 2],
}

impl Engine {
    pub fn new(pool: Pool, spec: Spec, options: Options) -> Engine {
        let compiled = features::Compiled::new(&pool, &spec);
        let behaviour = Behaviour::new(&pool);
        Engine {
            pool,
            spec,
            behaviour,
            models: [None, None],
            options,
            compiled,
            retrieval: None,
            retired: Default::default(),
        }
    }

    /// Adds an entity, or replaces one by key, while the engine serves: its texts are weighed
    /// with the vocabulary's current weights (the pool must have been weighed once), the
    /// behaviour state makes room for it, and it is retrieved at once. A retired entity
    /// that comes back is a candidate again.
    pub fn upsert(&mut self, input: EntityInput) -> EntityId {
        let side = input.side;
        let id = self.pool.add(input);
        self.behaviour.grow(&self.pool);
        self.compiled = features::Compiled::new(&self.pool, &self.spec);
        self.retired[side.ix()].remove(&id);
        if let Some(r) = &mut self.retrieval {
            r.freshen(side, id);
            if r.fresh_count() > 2_000 {
                self.build_retrieval();
            }
        }
        id
    }

    /// Withdraws an entity: it is never recommended again (until upserted) and what it did is
    /// forgotten.
    pub fn retire(&mut self, side: Side, id: EntityId) {
        if (id as usize) < self.pool.len(side) {
            self.retired[side.ix()].insert(id);
            self.behaviour.forget(side, id);
        }
    }

    pub fn is_retired(&self, side: Side, id: EntityId) -> bool {
        self.retired[side.ix()].contains(&id)
    }

    /// Builds the inverted lists that [`Engine::recommend_fast`] retrieves from (after the
    /// pool is loaded and the behaviour replayed; the most-wanted list is taken from it).
    pub fn build_retrieval(&mut self) {
        self.retrieval = Some(Retrieval::build(
            &self.pool,
            &self.compiled,
            &self.behaviour,
        ));
    }

    /// Whether `c` may be recommended to `v`: same group (or either has none), not refused,
    /// not already wanted.
    pub fn admissible(&self, side: Side, v: EntityId, c: EntityId) -> bool {
        let (vg, cg) = (self.pool.group(side, v), self.pool.group(side.other(), c));
        !self.retired[side.other().ix()].contains(&c)
            && (vg.is_none() || cg.is_none() || vg == cg)
            && self.behaviour.refused(side, v).binary_search(&c).is_err()
            && self
                .behaviour
                .wanted_list(side, v)
                .binary_search(&c)
                .is_err()
    }

    /// The candidates worth scoring for `v`, from the inverted lists, the neighbourhood and
    /// the most wanted (all of them when no lists were built).
    pub fn retrieve(&self, side: Side, v: EntityId, nb: &Neighbourhood) -> Vec<EntityId> {
        match &self.retrieval {
            Some(r) => {
                let mut c = r.retrieve(&self.pool, &self.compiled, side, v, nb);
                c.retain(|&c| self.admissible(side, v, c));
                c
            }
            None => self.candidates(side, v),
        }
    }

    /// [`Engine::recommend`] over the retrieved candidates.
    pub fn recommend_fast(
        &self,
        side: Side,
        v: EntityId,
        k: usize,
        exposure: Option<&mut Exposure>,
    ) -> Vec<Match> {
        let nb = self.neighbourhood(side, v);
        let c = self.retrieve(side, v, &nb);
        self.rank(side, v, &nb, &c, k, exposure)
    }

    /// [`Engine::recommend_fast`] among the retrieved candidates that `keep` accepts (those of
    /// one fair, those not excluded by the viewer's stated wishes).
    pub fn recommend_where(
        &self,
        side: Side,
        v: EntityId,
        k: usize,
        keep: impl Fn(EntityId) -> bool,
        exposure: Option<&mut Exposure>,
    ) -> Vec<Match> {
        let nb = self.neighbourhood(side, v);
        let mut c = self.retrieve(side, v, &nb);
        c.retain(|&c| keep(c));
        self.rank(side, v, &nb, &c, k, exposure)
    }

    /// The model of one side's wishes, once trained.
    pub fn model(&self, wanting: Side) -> Option<&Model> {
        self.models[wanting.ix()].as_ref()
    }

    /// Forgets what an entity did and what was done to it (its account was deleted).
    pub fn forget(&mut self, side: Side, id: EntityId) {
        self.behaviour.forget(side, id);
    }

    /// Records one event in the behaviour state (and nothing else): the next ranking sees it.
    pub fn record(&mut self, event: &Event) {
        self.behaviour.record(event);
    }

    /// The signals of one direction for a pair, given the wanting entity's neighbourhood.
    pub fn signals(
        &self,
        wanting: Side,
        w: EntityId,
        c: EntityId,
        nb: Option<&Neighbourhood>,
    ) -> Signals {
        features::signals(
            &self.compiled,
            &self.pool,
            &self.behaviour,
            wanting,
            w,
            c,
            nb,
            self.options.behaviour,
        )
    }

    /// The neighbourhood of `w` (people who acted on the same things) in the current state.
    pub fn neighbourhood(&self, side: Side, w: EntityId) -> Neighbourhood {
        if self.options.behaviour {
            self.behaviour.neighbourhood(side, w)
        } else {
            Neighbourhood::default()
        }
    }

    /// P(`w` of side `wanting` wants `c`); `nb` is `w`'s neighbourhood when ranking many
    /// candidates for it, `None` for one pair.
    pub fn wish(&self, wanting: Side, w: EntityId, c: EntityId, nb: Option<&Neighbourhood>) -> f64 {
        let s = self.signals(wanting, w, c, nb);
        match &self.models[wanting.ix()] {
            Some(m) => m.probability(&s.values),
            None => features::untrained(&self.compiled, wanting, &s.values),
        }
    }

    /// The ranking score of `c` for viewer `v`, with both wishes: their product when
    /// reciprocal, the viewer's alone otherwise.
    pub fn pair_score(
        &self,
        side: Side,
        v: EntityId,
        c: EntityId,
        nb_v: Option<&Neighbourhood>,
    ) -> (f64, f64, f64) {
        let f = self.wish(side, v, c, nb_v);
        if !self.options.reciprocal {
            return (f, f, f64::NAN);
        }
        let b = self.wish(side.other(), c, v, None);
        (f * b, f, b)
    }

    /// Trains both directions' models on `events` (any order; sorted here by time), replaying
    /// them from an empty behaviour state so that each example sees only what came before it.
    /// Leaves the behaviour state at the end of the events.
    pub fn train(&mut self, events: &[Event], seed: u64) {
        self.behaviour = Behaviour::new(&self.pool);
        let examples = model::examples(self, events, seed);
        for side in [Side::A, Side::B] {
            let (x, y) = &examples[side.ix()];
            self.models[side.ix()] = Model::fit(x, y, self.compiled.names(side));
        }
    }

    /// Candidates of the other side for viewer `v`: the same group (or every one when either
    /// has none), minus those `v` refused and those it already wants (they are in its list of
    /// bookmarks, not news).
    pub fn candidates(&self, side: Side, v: EntityId) -> Vec<EntityId> {
        let other = side.other();
        let vg = self.pool.group(side, v);
        let refused = self.behaviour.refused(side, v);
        let wanted = self.behaviour.wanted_list(side, v);
        (0..self.pool.len(other) as EntityId)
            .filter(|&c| {
                let cg = self.pool.group(other, c);
                !self.retired[other.ix()].contains(&c)
                    && (vg.is_none() || cg.is_none() || vg == cg)
                    && refused.binary_search(&c).is_err()
                    && wanted.binary_search(&c).is_err()
            })
            .collect()
    }

    /// The top `k` of `candidates` for viewer `v` of `side`, with reasons. With `exposure`, the
    /// capacity discount applies and the chosen candidates are counted.
    pub fn recommend(
        &self,
        side: Side,
        v: EntityId,
        candidates: &[EntityId],
        k: usize,
        exposure: Option<&mut Exposure>,
    ) -> Vec<Match> {
        let nb = self.neighbourhood(side, v);
        self.rank(side, v, &nb, candidates, k, exposure)
    }

    fn rank(
        &self,
        side: Side,
        v: EntityId,
        nb_v: &Neighbourhood,
        candidates: &[EntityId],
        k: usize,
        exposure: Option<&mut Exposure>,
    ) -> Vec<Match> {
        let lambda = self.options.capacity;
        let discount = |c: EntityId| exposure.as_deref().map_or(0.0, |e| e.discount(c, lambda));
        let order = |a: &(f64, EntityId, f64, f64, f64), b: &(f64, EntityId, f64, f64, f64)| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
        };
        // The viewer's wish first: since the other side's is at most 1, a candidate whose
        // wish alone cannot beat the k-th best so far is not scored further (exact).
        let mut first: Vec<(f64, EntityId, f64)> = candidates
            .iter()
            .map(|&c| {
                let f = self.wish(side, v, c, Some(nb_v));
                ((f + 1e-12).ln() - discount(c), c, f)
            })
            .collect();
        first.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut scored: Vec<(f64, EntityId, f64, f64, f64)> = Vec::with_capacity(k + 1);
        for (bound, c, f) in first {
            if scored.len() >= k && k > 0 && bound < scored[k - 1].0 {
                break;
            }
            let (s, b) = if self.options.reciprocal {
                let b = self.wish(side.other(), c, v, None);
                (f * b, b)
            } else {
                (f, f64::NAN)
            };
            let key = (s + 1e-12).ln() - discount(c);
            let item = (key, c, s, f, b);
            let at = scored.partition_point(|x| order(x, &item) == std::cmp::Ordering::Less);
            if at < k {
                scored.insert(at, item);
                scored.truncate(k);
            }
        }
        if let Some(e) = exposure {
            for s in &scored {
                if let Some(n) = e.counts.get_mut(s.1 as usize) {
                    *n += 1;
                }
            }
        }
        scored
            .into_iter()
            .map(|(_, c, s, f, b)| Match {
                candidate: c,
                score: s,
                forward: f,
                backward: b,
                reasons: self.reasons(side, v, c, nb_v),
            })
            .collect()
    }

    /// The signals that raised the pair most, from both directions, strongest first.
    pub fn reasons(
        &self,
        side: Side,
        v: EntityId,
        c: EntityId,
        nb_v: &Neighbourhood,
    ) -> Vec<Reason> {
        let mut out = Vec::new();
        let fwd = self.signals(side, v, c, Some(nb_v));
        out.extend(features::explain(
            &self.compiled,
            &self.pool,
            self.models[side.ix()].as_ref(),
            side,
            v,
            c,
            &fwd,
        ));
        if self.options.reciprocal {
            let bwd = self.signals(side.other(), c, v, None);
            out.extend(features::explain(
                &self.compiled,
                &self.pool,
                self.models[side.other().ix()].as_ref(),
                side.other(),
                c,
                v,
                &bwd,
            ));
        }
        out.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        out.truncate(4);
        out
    }
}
