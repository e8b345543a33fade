//! Maximum-weight flow by the primal-dual method: shortest paths by Dijkstra on reduced costs,
//! then a blocking flow (Dinic) on the edges whose reduced cost is zero, until no path gains.
//! Weights are small integers (priorities), so the phases are few.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

const INF: i64 = i64::MAX / 4;

pub struct Flow {
    to: Vec<u32>,
    cap: Vec<i32>,
    cost: Vec<i64>,
    adj: Vec<Vec<u32>>,
}

impl Flow {
    pub fn new(nodes: usize) -> Flow {
        Flow {
            to: Vec::new(),
            cap: Vec::new(),
            cost: Vec::new(),
            adj: vec![Vec::new(); nodes],
        }
    }

    /// Adds an edge and returns its number (its residual twin is the number + 1).
    pub fn edge(&mut self, from: usize, to: usize, cap: i32, cost: i64) -> usize {
        let e = self.to.len();
        self.to.push(to as u32);
        self.cap.push(cap);
        self.cost.push(cost);
        self.adj[from].push(e as u32);
        self.to.push(from as u32);
        self.cap.push(0);
        self.cost.push(-cost);
        self.adj[to].push(e as u32 + 1);
        e
    }

    /// Flow on an edge added by [`Flow::edge`].
    pub fn flow(&self, e: usize) -> i32 {
        self.cap[e ^ 1]
    }

    /// Sends flow from `s` to `t` while a path of negative cost exists, so the result is the
    /// minimum-cost flow of any value (with costs the negated weights: the maximum weight).
    /// Returns the cost.
    pub fn min_cost(&mut self, s: usize, t: usize) -> i64 {
        let n = self.adj.len();
        let mut p = self.initial_potentials(s);
        let mut total = 0i64;
        let mut dist = vec![INF; n];
        let mut level = vec![-1i32; n];
        let mut it = vec![0usize; n];
        loop {
            // Dijkstra on reduced costs.
            dist.fill(INF);
            dist[s] = 0;
            let mut heap = BinaryHeap::new();
            heap.push(Reverse((0i64, s as u32)));
            while let Some(Reverse((d, v))) = heap.pop() {
                let v = v as usize;
                if d > dist[v] {
                    continue;
                }
                if v == t {
                    break;
                }
                for &e in &self.adj[v] {
                    let e = e as usize;
                    if self.cap[e] <= 0 {
                        continue;
                    }
                    let w = self.to[e] as usize;
                    let nd = d + self.cost[e] + p[v] - p[w];
                    if nd < dist[w] {
                        dist[w] = nd;
                        heap.push(Reverse((nd, w as u32)));
                    }
                }
            }
            if dist[t] >= INF {
                break;
            }
            let dt = dist[t];
            for v in 0..n {
                if p[v] < INF {
                    p[v] += dist[v].min(dt);
                }
            }
            if p[t] - p[s] >= 0 {
                break;
            }
            // Blocking flows on the admissible (zero reduced cost) edges.
            loop {
                if !self.levels(s, t, &p, &mut level) {
                    break;
                }
                it.fill(0);
                let mut pushed = false;
                while let Some(f) = self.augment(s, t, &p, &level, &mut it) {
                    total += f as i64 * (p[t] - p[s]);
                    pushed = true;
                }
                if !pushed {
                    break;
                }
            }
        }
        total
    }

    fn admissible(&self, e: usize, p: &[i64]) -> bool {
        let from = self.to[e ^ 1] as usize;
        self.cap[e] > 0 && self.cost[e] + p[from] - p[self.to[e] as usize] == 0
    }

    fn levels(&self, s: usize, t: usize, p: &[i64], level: &mut [i32]) -> bool {
        level.fill(-1);
        level[s] = 0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            for &e in &self.adj[v] {
                let e = e as usize;
                let w = self.to[e] as usize;
                if level[w] < 0 && self.admissible(e, p) {
                    level[w] = level[v] + 1;
                    queue.push_back(w);
                }
            }
        }
        level[t] >= 0
    }

    /// One augmenting path in the level graph (iterative, so long paths do not overflow the
    /// stack); returns the amount pushed.
    fn augment(
        &mut self,
        s: usize,
        t: usize,
        p: &[i64],
        level: &[i32],
        it: &mut [usize],
    ) -> Option<i32> {
        let mut path: Vec<usize> = Vec::new();
        let mut v = s;
        loop {
            if v == t {
                let f = path.iter().map(|&e| self.cap[e]).min().unwrap_or(0);
                for &e in &path {
                    self.cap[e] -= f;
                    self.cap[e ^ 1] += f;
                }
                return Some(f);
            }
            let mut advanced = false;
            while it[v] < self.adj[v].len() {
                let e = self.adj[v][it[v]] as usize;
                let w = self.to[e] as usize;
                if level[w] == level[v] + 1 && self.admissible(e, p) {
                    path.push(e);
                    v = w;
                    advanced = true;
                    break;
                }
                it[v] += 1;
            }
            if !advanced {
                // A dead end: retreat and skip the edge that led here.
                let e = path.pop()?;
                v = self.to[e ^ 1] as usize;
                it[v] += 1;
            }
        }
    }

    /// Shortest distances from `s` by Bellman–Ford over the edges with capacity (the graphs
    /// here are layered, so it settles in a few rounds); unreachable nodes get `INF`.
    fn initial_potentials(&self, s: usize) -> Vec<i64> {
        let n = self.adj.len();
        let mut d = vec![INF; n];
        d[s] = 0;
        for _ in 0..n {
            let mut changed = false;
            for v in 0..n {
                if d[v] >= INF {
                    continue;
                }
                for &e in &self.adj[v] {
                    let e = e as usize;
                    if self.cap[e] > 0 {
                        let w = self.to[e] as usize;
                        if d[v] + self.cost[e] < d[w] {
                            d[w] = d[v] + self.cost[e];
                            changed = true;
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_weight_matching_prefers_the_heavier_pair_of_edges() {
        // Left 0,1; right 2,3. Edges 0-2 (5), 0-3 (4), 1-2 (4). Best: 0-3 + 1-2 = 8 > 5.
        let (s, t) = (4, 5);
        let mut f = Flow::new(6);
        for v in [0, 1] {
            f.edge(s, v, 1, 0);
        }
        for v in [2, 3] {
            f.edge(v, t, 1, 0);
        }
        let e02 = f.edge(0, 2, 1, -5);
        let e03 = f.edge(0, 3, 1, -4);
        let e12 = f.edge(1, 2, 1, -4);
        assert_eq!(f.min_cost(s, t), -8);
        assert_eq!((f.flow(e02), f.flow(e03), f.flow(e12)), (0, 1, 1));
    }

    #[test]
    fn stops_when_no_path_gains() {
        // One unit through a zero-cost chain must not be sent; cost stays 0.
        let mut f = Flow::new(3);
        let e = f.edge(0, 1, 5, 0);
        f.edge(1, 2, 5, 0);
        assert_eq!(f.min_cost(0, 2), 0);
        assert_eq!(f.flow(e), 0);
    }
}
