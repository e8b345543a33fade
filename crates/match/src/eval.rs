//! Measuring matching on an interaction log: split by time, train on the past, measure on the
//! future, beside baselines and any external system's scores for the same pairs
//! (docs/MATCHING.md says what each number means).

use std::collections::{HashMap, HashSet};

use sc_text::{Analyzer, Mode};

use crate::log::Log;
use crate::{Engine, EntityId, Event, Exposure, Meaning, Options, Pool, Side, Value};

/// How to evaluate.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Share of the events (in time order) the systems learn from; the rest is the future.
    pub train_share: f64,
    /// List length of the ranking metrics.
    pub k: usize,
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            train_share: 0.7,
            k: 10,
            seed: 2026,
        }
    }
}

/// One system's figures for the viewers of one side.
#[derive(Debug, Clone)]
pub struct Row {
    pub system: String,
    pub side: Side,
    pub viewers: usize,
    pub precision: f64,
    pub recall: f64,
    pub ndcg: f64,
    /// Share of the list's mutual successes found, over viewers with one (two-sided logs).
    pub mutual: Option<f64>,
    /// AUC of mutual success over the test pairs, scored as the split left things.
    pub auc: Option<f64>,
    /// The same AUC with each pair scored just before it happened, every earlier event seen
    /// (systems that learn as events arrive).
    pub auc_online: Option<f64>,
    /// Share of the other side's entities in at least one list.
    pub coverage: f64,
    /// Gini coefficient of how often each of the other side's entities is listed.
    pub gini: f64,
}

/// What the split leaves to predict.
pub struct Task {
    pub at: i64,
    pub train: Vec<Event>,
    pub test: Vec<Event>,
    /// Per side: viewers with a success in the test period.
    pub viewers: [Vec<EntityId>; 2],
    /// Per side, per viewer: the candidates to rank.
    pub candidates: [HashMap<EntityId, Vec<EntityId>>; 2],
    /// Per side: (time, viewer, candidate) pairs the AUC is taken over.
    pub pairs: [Vec<(i64, EntityId, EntityId)>; 2],
    wanted_test: [HashMap<EntityId, HashSet<EntityId>>; 2],
    wanted_any: [HashSet<(EntityId, EntityId)>; 2],
    two_sided: bool,
}

impl Task {
    /// Splits `events` by time and works out what each viewer is to be asked about. `engine`
    /// gives the candidates (its groups); its behaviour state is not read.
    pub fn new(engine: &Engine, events: &[Event], config: &Config) -> Task {
        let mut sorted = events.to_vec();
        sorted.sort_by_key(|e| e.time);
        let cut = ((sorted.len() as f64 * config.train_share) as usize)
            .min(sorted.len().saturating_sub(1));
        let at = sorted.get(cut).map_or(0, |e| e.time);
        let (train, test): (Vec<Event>, Vec<Event>) = sorted.into_iter().partition(|e| e.time < at);
        let spec = &engine.spec;
        let two_sided = spec.has_success(Side::A) && spec.has_success(Side::B);
        let mut wanted_test: [HashMap<EntityId, HashSet<EntityId>>; 2] = Default::default();
        let mut wanted_any: [HashSet<(EntityId, EntityId)>; 2] = Default::default();
        let mut wanted_train: [HashSet<(EntityId, EntityId)>; 2] = Default::default();
        let mut refused_train: [HashSet<(EntityId, EntityId)>; 2] = Default::default();
        for e in &train {
            if e.meaning == Meaning::Refusal {
                refused_train[e.actor_side.ix()].insert((e.actor, e.target));
            }
            if e.meaning == Meaning::Success {
                wanted_train[e.actor_side.ix()].insert((e.actor, e.target));
                wanted_any[e.actor_side.ix()].insert((e.actor, e.target));
            }
        }
        for e in &test {
            if e.meaning == Meaning::Success
                && !wanted_train[e.actor_side.ix()].contains(&(e.actor, e.target))
            {
                wanted_test[e.actor_side.ix()]
                    .entry(e.actor)
                    .or_default()
                    .insert(e.target);
                wanted_any[e.actor_side.ix()].insert((e.actor, e.target));
            }
        }
        let mut viewers: [Vec<EntityId>; 2] = Default::default();
        let mut candidates: [HashMap<EntityId, Vec<EntityId>>; 2] = Default::default();
        let mut pairs: [Vec<(i64, EntityId, EntityId)>; 2] = Default::default();
        for side in [Side::A, Side::B] {
            let mut vs: Vec<EntityId> = wanted_test[side.ix()].keys().copied().collect();
            vs.sort_unstable();
            for &v in &vs {
                let c: Vec<EntityId> = engine
                    .candidates(side, v)
                    .into_iter()
                    .filter(|c| {
                        !wanted_train[side.ix()].contains(&(v, *c))
                            && !refused_train[side.ix()].contains(&(v, *c))
                    })
                    .collect();
                candidates[side.ix()].insert(v, c);
            }
            let mut exposed: Vec<(i64, EntityId, EntityId)> = Vec::new();
            let mut seen = HashSet::new();
            for e in &test {
                if e.actor_side == side
                    && e.meaning == Meaning::Exposure
                    && !wanted_train[side.ix()].contains(&(e.actor, e.target))
                    && seen.insert((e.actor, e.target))
                {
                    exposed.push((e.time, e.actor, e.target));
                }
            }
            pairs[side.ix()] = if !exposed.is_empty() {
                exposed
            } else {
                vs.iter()
                    .flat_map(|&v| candidates[side.ix()][&v].iter().map(move |&c| (at, v, c)))
                    .collect()
            };
            viewers[side.ix()] = vs;
        }
        Task {
            at,
            train,
            test,
            viewers,
            candidates,
            pairs,
            wanted_test,
            wanted_any,
            two_sided,
        }
    }

    /// The same viewers and candidates judged by known preferences instead of the future
    /// events: `truth[side]` holds (x, y) where x of `side` wants y (a synthetic log's hidden
    /// preferences). The AUC is then taken over every viewer's candidates.
    pub fn judged_by(&self, truth: &[HashSet<(EntityId, EntityId)>; 2]) -> Task {
        let mut wanted_test: [HashMap<EntityId, HashSet<EntityId>>; 2] = Default::default();
        let mut pairs: [Vec<(i64, EntityId, EntityId)>; 2] = Default::default();
        for side in [Side::A, Side::B] {
            for &v in &self.viewers[side.ix()] {
                let cands = &self.candidates[side.ix()][&v];
                let wanted: HashSet<EntityId> = cands
                    .iter()
                    .copied()
                    .filter(|c| truth[side.ix()].contains(&(v, *c)))
                    .collect();
                wanted_test[side.ix()].insert(v, wanted);
                pairs[side.ix()].extend(cands.iter().map(|&c| (self.at, v, c)));
            }
        }
        Task {
            at: self.at,
            train: self.train.clone(),
            test: self.test.clone(),
            viewers: self.viewers.clone(),
            candidates: self.candidates.clone(),
            pairs,
            wanted_test,
            wanted_any: truth.clone(),
            two_sided: !truth[0].is_empty() && !truth[1].is_empty(),
        }
    }

    fn relevant(&self, side: Side, v: EntityId, c: EntityId) -> bool {
        self.wanted_test[side.ix()]
            .get(&v)
            .is_some_and(|s| s.contains(&c))
    }

    /// The viewer wanted it in the test period and the other side wanted the viewer, then or
    /// before.
    pub fn mutual(&self, side: Side, v: EntityId, c: EntityId) -> bool {
        self.relevant(side, v, c) && self.wanted_any[side.other().ix()].contains(&(c, v))
    }
}

/// Anything that ranks and scores pairs.
pub trait Scorer {
    fn name(&self) -> String;
    /// Starts a batch of rankings for one side (the exposure discount counts within it).
    fn start(&mut self, _side: Side, _viewers: usize, _candidates: usize, _k: usize) {}
    /// The top `k` of `candidates` for `v`; by default the `k` best by [`Scorer::score`].
    fn rank(
        &mut self,
        side: Side,
        v: EntityId,
        candidates: &[EntityId],
        k: usize,
    ) -> Vec<EntityId> {
        let scored = candidates
            .iter()
            .map(|&c| (self.score(side, v, c), c))
            .collect();
        top_by(scored, k)
    }
    fn score(&mut self, side: Side, v: EntityId, c: EntityId) -> f64;
    /// Scores for `pairs` of `side`, each just before its time, having seen every earlier test
    /// event; `None` for systems that do not learn as events arrive.
    fn online(
        &mut self,
        _side: Side,
        _test: &[Event],
        _pairs: &[(i64, EntityId, EntityId)],
    ) -> Option<Vec<f64>> {
        None
    }
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51afd7ed558ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ceb9fe1a85ec53);
    x ^ (x >> 33)
}

fn jitter(seed: u64, side: Side, v: EntityId, c: EntityId) -> f64 {
    let h = mix(seed ^ mix(((side.ix() as u64) << 62) ^ ((v as u64) << 31) ^ c as u64));
    (h >> 11) as f64 / (1u64 << 53) as f64
}

fn top_by(mut scored: Vec<(f64, EntityId)>, k: usize) -> Vec<EntityId> {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(k).map(|(_, c)| c).collect()
}

/// Uniformly random order.
pub struct Random(pub u64);

impl Scorer for Random {
    fn name(&self) -> String {
        "random".into()
    }
    fn score(&mut self, side: Side, v: EntityId, c: EntityId) -> f64 {
        jitter(self.0, side, v, c)
    }
}

/// Most wanted first (by the viewer's side, in the training period), ties at random.
pub struct Popularity<'a> {
    pub engine: &'a Engine,
    pub seed: u64,
}

impl Scorer for Popularity<'_> {
    fn name(&self) -> String {
        "popularity".into()
    }
    fn score(&mut self, side: Side, v: EntityId, c: EntityId) -> f64 {
        self.engine.behaviour.popularity(side, c) as f64 + 0.5 * jitter(self.seed, side, v, c)
    }
}

/// Our engine with the given options, trained on the task's past.
pub struct Ours {
    pub name: String,
    pub engine: Engine,
    exposure: Option<Exposure>,
}

impl Ours {
    pub fn train(name: &str, log: &Log, options: Options, task: &Task, seed: u64) -> Ours {
        let (pool, _) = log.build();
        let mut engine = Engine::new(pool, log.spec.clone(), options);
        engine.train(&task.train, seed);
        Ours {
            name: name.into(),
            engine,
            exposure: None,
        }
    }
}

impl Scorer for Ours {
    fn name(&self) -> String {
        self.name.clone()
    }
    fn start(&mut self, _side: Side, viewers: usize, candidates: usize, k: usize) {
        self.exposure =
            (self.engine.options.capacity > 0.0).then(|| Exposure::new(candidates, viewers, k));
    }
    fn rank(
        &mut self,
        side: Side,
        v: EntityId,
        candidates: &[EntityId],
        k: usize,
    ) -> Vec<EntityId> {
        self.engine
            .recommend(side, v, candidates, k, self.exposure.as_mut())
            .into_iter()
            .map(|m| m.candidate)
            .collect()
    }
    fn score(&mut self, side: Side, v: EntityId, c: EntityId) -> f64 {
        self.engine.pair_score(side, v, c, None).0
    }
    fn online(
        &mut self,
        side: Side,
        test: &[Event],
        pairs: &[(i64, EntityId, EntityId)],
    ) -> Option<Vec<f64>> {
        let saved = self.engine.behaviour.clone();
        let mut order: Vec<usize> = (0..pairs.len()).collect();
        order.sort_by_key(|&i| pairs[i].0);
        let mut out = vec![0.0; pairs.len()];
        let mut next = 0;
        for &i in &order {
            let (t, v, c) = pairs[i];
            while next < test.len() && test[next].time < t {
                self.engine.record(&test[next]);
                next += 1;
            }
            out[i] = self.engine.pair_score(side, v, c, None).0;
        }
        self.engine.behaviour = saved;
        Some(out)
    }
}

/// Scores given by another system for (side, viewer, candidate), by the log's ids.
pub struct External {
    pub name: String,
    pub scores: HashMap<(Side, EntityId, EntityId), f64>,
    pub missing: usize,
}

impl Scorer for External {
    fn name(&self) -> String {
        self.name.clone()
    }
    fn score(&mut self, side: Side, v: EntityId, c: EntityId) -> f64 {
        match self.scores.get(&(side, v, c)) {
            Some(s) => *s,
            None => {
                self.missing += 1;
                f64::NEG_INFINITY
            }
        }
    }
}

/// Area under the ROC curve of `scores` for `labels` (ties count half); `None` without both.
pub fn auc(scores: &[f64], labels: &[bool]) -> Option<f64> {
    let pos = labels.iter().filter(|&&l| l).count();
    let neg = labels.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && scores[idx[j + 1]] == scores[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            if labels[k] {
                rank_sum += avg;
            }
        }
        i = j + 1;
    }
    Some((rank_sum - (pos * (pos + 1)) as f64 / 2.0) / (pos as f64 * neg as f64))
}

/// Gini coefficient of non-negative counts (0: all equal; near 1: one has all).
pub fn gini(counts: &[u32]) -> f64 {
    let mut x: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
    x.sort_by(f64::total_cmp);
    let n = x.len() as f64;
    let total: f64 = x.iter().sum();
    if n == 0.0 || total == 0.0 {
        return 0.0;
    }
    let weighted: f64 = x
        .iter()
        .enumerate()
        .map(|(i, v)| (i as f64 + 1.0) * v)
        .sum();
    2.0 * weighted / (n * total) - (n + 1.0) / n
}

/// Measures one system on the viewers of one side.
pub fn measure(
    scorer: &mut dyn Scorer,
    task: &Task,
    pool: &Pool,
    side: Side,
    k: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Option<Row> {
    let viewers = &task.viewers[side.ix()];
    if viewers.is_empty() {
        return None;
    }
    let other = side.other();
    let n_cands = pool.len(other);
    scorer.start(side, viewers.len(), n_cands, k);
    let mut listed = vec![0u32; n_cands];
    let mut in_play = vec![false; n_cands];
    let (mut p, mut r, mut g) = (0.0, 0.0, 0.0);
    let (mut mutual_sum, mut mutual_n) = (0.0, 0usize);
    // A fixed shuffle, so the exposure discount favours no id.
    let mut order = viewers.clone();
    order.sort_by_key(|&v| mix(v as u64 ^ 0x5eed));
    for (i, &v) in order.iter().enumerate() {
        let cands = &task.candidates[side.ix()][&v];
        for &c in cands {
            in_play[c as usize] = true;
        }
        let list = scorer.rank(side, v, cands, k);
        let rel = task.wanted_test[side.ix()][&v]
            .iter()
            .filter(|c| cands.contains(c))
            .count();
        let mut hits = 0;
        let mut dcg = 0.0;
        let mut mutual_hits = 0;
        for (pos, &c) in list.iter().enumerate() {
            listed[c as usize] += 1;
            if task.relevant(side, v, c) {
                hits += 1;
                dcg += 1.0 / (pos as f64 + 2.0).log2();
            }
            if task.mutual(side, v, c) {
                mutual_hits += 1;
            }
        }
        let ideal: f64 = (0..rel.min(k))
            .map(|pos| 1.0 / (pos as f64 + 2.0).log2())
            .sum();
        p += hits as f64 / k as f64;
        if rel > 0 {
            r += hits as f64 / rel as f64;
            g += dcg / ideal;
        }
        let mutual_total = cands.iter().filter(|&&c| task.mutual(side, v, c)).count();
        if mutual_total > 0 {
            mutual_sum += mutual_hits as f64 / mutual_total.min(k) as f64;
            mutual_n += 1;
        }
        progress(i + 1, order.len());
    }
    let n = order.len() as f64;
    let pairs = &task.pairs[side.ix()];
    let labels: Vec<bool> = pairs
        .iter()
        .map(|&(_, v, c)| task.mutual(side, v, c))
        .collect();
    let scores: Vec<f64> = pairs
        .iter()
        .map(|&(_, v, c)| scorer.score(side, v, c))
        .collect();
    let auc_static = if task.two_sided {
        auc(&scores, &labels)
    } else {
        None
    };
    let auc_online = if task.two_sided {
        scorer
            .online(side, &task.test, pairs)
            .and_then(|s| auc(&s, &labels))
    } else {
        None
    };
    let counts: Vec<u32> = listed
        .iter()
        .zip(&in_play)
        .filter(|(_, p)| **p)
        .map(|(c, _)| *c)
        .collect();
    let covered = counts.iter().filter(|&&c| c > 0).count();
    Some(Row {
        system: scorer.name(),
        side,
        viewers: order.len(),
        precision: p / n,
        recall: r / n,
        ndcg: g / n,
        mutual: (task.two_sided && mutual_n > 0).then(|| mutual_sum / mutual_n as f64),
        auc: auc_static,
        auc_online,
        coverage: covered as f64 / counts.len().max(1) as f64,
        gini: gini(&counts),
    })
}

/// The files an external system (scripts/lightfm-eval.py) reads to learn and score the same
/// split: `train.csv` (the training period's successes), `pairs.csv` (every pair a ranking or
/// the AUC needs), `features.csv` (each entity's features as weighted tokens). Ids are the
/// log's own.
pub fn export(log: &Log, pool: &Pool, task: &Task) -> Vec<(&'static str, String)> {
    let mut train = String::from("side,viewer,candidate\n");
    let mut seen = HashSet::new();
    for e in &task.train {
        if e.meaning == Meaning::Success && seen.insert((e.actor_side, e.actor, e.target)) {
            train.push_str(&format!(
                "{},{},{}\n",
                e.actor_side.code(),
                csv_cell(pool.key(e.actor_side, e.actor)),
                csv_cell(pool.key(e.actor_side.other(), e.target))
            ));
        }
    }
    let mut pairs = String::from("side,viewer,candidate\n");
    for side in [Side::A, Side::B] {
        let mut need: HashSet<(EntityId, EntityId)> = HashSet::new();
        for (v, cands) in &task.candidates[side.ix()] {
            for c in cands {
                need.insert((*v, *c));
            }
        }
        for (_, v, c) in &task.pairs[side.ix()] {
            need.insert((*v, *c));
        }
        let mut need: Vec<_> = need.into_iter().collect();
        need.sort_unstable();
        for (v, c) in need {
            pairs.push_str(&format!(
                "{},{},{}\n",
                side.code(),
                csv_cell(pool.key(side, v)),
                csv_cell(pool.key(side.other(), c))
            ));
        }
    }
    let mut features = String::from("side,id,feature,weight\n");
    // Numbers become their decile within the field (LightFM takes tokens).
    let mut nums: HashMap<&str, Vec<f64>> = HashMap::new();
    for e in &log.entities {
        for (f, v) in &e.fields {
            if let Value::Num(n) = v {
                nums.entry(f.as_str()).or_default().push(*n);
            }
        }
    }
    for v in nums.values_mut() {
        v.sort_by(f64::total_cmp);
    }
    let analyzer = Analyzer::shared();
    for e in &log.entities {
        let (side, id) = (e.side.code(), csv_cell(&e.key));
        let mut tokens: Vec<(String, f64)> = Vec::new();
        for (f, v) in &e.fields {
            match v {
                Value::Text(t) => {
                    let mut words: Vec<String> = analyzer
                        .tokens(t, Mode::Index)
                        .into_iter()
                        .map(|t| format!("{f}:{}", t.text))
                        .collect();
                    words.sort();
                    words.dedup();
                    tokens.extend(words.into_iter().map(|w| (w, 1.0)));
                }
                Value::Codes(cs) => {
                    for c in cs {
                        let mut len = 2;
                        while len <= c.len() {
                            tokens.push((format!("{f}:{}", &c[..len]), 1.0));
                            len += 2;
                        }
                        if c.len() % 2 == 1 || !c.bytes().all(|b| b.is_ascii_digit()) {
                            tokens.push((format!("{f}:{c}"), 1.0));
                        }
                    }
                }
                Value::Set(s) => tokens.extend(s.iter().map(|x| (format!("{f}:{x}"), 1.0))),
                Value::Num(n) => {
                    let all = &nums[f.as_str()];
                    let below = all.partition_point(|x| x < n);
                    let decile = (below * 10 / all.len().max(1)).min(9);
                    tokens.push((format!("{f}:d{decile}"), 1.0));
                }
                Value::Vector(items) => {
                    let max = items.iter().map(|(_, x)| x.abs()).fold(0.0f64, f64::max);
                    if max > 0.0 {
                        tokens.extend(items.iter().map(|(k, x)| (format!("{f}.{k}"), x / max)));
                    }
                }
            }
        }
        for (t, w) in tokens {
            features.push_str(&format!("{side},{id},{},{w}\n", csv_cell(&t)));
        }
    }
    vec![
        ("train.csv", train),
        ("pairs.csv", pairs),
        ("features.csv", features),
    ]
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Rows of `side,viewer,candidate,…` resolved against the pool: (line, side, viewer, candidate,
/// the row).
fn read_pairs(
    bytes: &[u8],
    pool: &Pool,
) -> Result<Vec<(usize, Side, EntityId, EntityId, csv::StringRecord)>, String> {
    let mut r = csv::Reader::from_reader(bytes);
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| format!("line {line}: {e}"))?;
        let side = rec
            .get(0)
            .and_then(Side::parse)
            .ok_or(format!("line {line}: side is not a or b"))?;
        let v = rec
            .get(1)
            .and_then(|k| pool.id(side, k))
            .ok_or(format!("line {line}: unknown viewer"))?;
        let c = rec
            .get(2)
            .and_then(|k| pool.id(side.other(), k))
            .ok_or(format!("line {line}: unknown candidate"))?;
        out.push((line, side, v, c, rec));
    }
    Ok(out)
}

/// Reads an external system's `side,viewer,candidate,score` file against the pool.
pub fn read_scores(name: &str, bytes: &[u8], pool: &Pool) -> Result<External, String> {
    let mut scores = HashMap::new();
    for (line, side, v, c, rec) in read_pairs(bytes, pool)? {
        let s: f64 = rec
            .get(3)
            .and_then(|s| s.trim().parse().ok())
            .ok_or(format!("line {line}: score is not a number"))?;
        scores.insert((side, v, c), s);
    }
    Ok(External {
        name: name.into(),
        scores,
        missing: 0,
    })
}

/// Reads known preferences, `side,viewer,candidate` (the viewer of `side` wants the
/// candidate), against the pool.
pub fn read_truth(bytes: &[u8], pool: &Pool) -> Result<[HashSet<(EntityId, EntityId)>; 2], String> {
    let mut out: [HashSet<(EntityId, EntityId)>; 2] = Default::default();
    for (_, side, v, c, _) in read_pairs(bytes, pool)? {
        out[side.ix()].insert((v, c));
    }
    Ok(out)
}

/// The table of rows, as Markdown.
pub fn table(rows: &[Row], k: usize) -> String {
    let f = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.3}"));
    let mut out = format!(
        "| system | viewers (side) | P@{k} | R@{k} | NDCG@{k} | mutual@{k} | AUC mutual | AUC mutual, online | coverage | exposure Gini |\n|---|---|---|---|---|---|---|---|---|---|\n"
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} ({}) | {:.3} | {:.3} | {:.3} | {} | {} | {} | {:.3} | {:.3} |\n",
            r.system,
            r.viewers,
            r.side.code(),
            r.precision,
            r.recall,
            r.ndcg,
            f(r.mutual),
            f(r.auc),
            f(r.auc_online),
            r.coverage,
            r.gini
        ));
    }
    out
}
