//! Edge colouring of bipartite graphs: König's theorem says `Δ` colours suffice; the
//! alternating-path method finds such a colouring, and de Werra's swaps make the colour classes
//! equal in size to within one (so a slot never needs more tables than the average).

const NONE: u32 = u32::MAX;

/// Colours the edges of a bipartite graph (`edges` between `nodes` vertices, no vertex with
/// more than `k` edges) with `k` colours so that no two edges at a vertex share one.
///
/// # Panics
/// If a vertex has more than `k` edges, or the graph has an odd cycle (the alternating path
/// would come back to the edge's other end).
pub fn colour_bipartite(nodes: usize, edges: &[(u32, u32)], k: usize) -> Vec<u16> {
    assert!(k > 0 && k <= u16::MAX as usize);
    let mut at = vec![NONE; nodes * k];
    let mut colour = vec![0u16; edges.len()];
    let other = |e: u32, x: u32| {
        let (u, v) = edges[e as usize];
        if u == x { v } else { u }
    };
    let free = |at: &[u32], v: u32| {
        (0..k)
            .find(|&c| at[v as usize * k + c] == NONE)
            .expect("a vertex has more edges than colours")
    };
    let mut path: Vec<u32> = Vec::new();
    for (e, &(u, v)) in edges.iter().enumerate() {
        let alpha = free(&at, u);
        if at[v as usize * k + alpha] != NONE {
            let beta = free(&at, v);
            // Walk from v along edges coloured alpha, beta, alpha, … and swap the two colours.
            path.clear();
            let (mut x, mut c) = (v, alpha);
            loop {
                let f = at[x as usize * k + c];
                if f == NONE {
                    break;
                }
                path.push(f);
                x = other(f, x);
                assert!(x != u, "the request graph is not bipartite");
                c = if c == alpha { beta } else { alpha };
            }
            for &f in &path {
                let (a, b) = edges[f as usize];
                let c = colour[f as usize] as usize;
                at[a as usize * k + c] = NONE;
                at[b as usize * k + c] = NONE;
            }
            for &f in &path {
                let (a, b) = edges[f as usize];
                let c = if colour[f as usize] as usize == alpha {
                    beta
                } else {
                    alpha
                };
                colour[f as usize] = c as u16;
                at[a as usize * k + c] = f;
                at[b as usize * k + c] = f;
            }
        }
        colour[e] = alpha as u16;
        at[u as usize * k + alpha] = e as u32;
        at[v as usize * k + alpha] = e as u32;
    }
    colour
}

/// Makes every colour class hold at most `limit` edges (possible whenever the edges number at
/// most `k * limit`): a class with too many and one with too few form paths and even cycles;
/// swapping the two colours on a path with more edges of the large class moves one edge over.
pub fn balance(nodes: usize, edges: &[(u32, u32)], colour: &mut [u16], k: usize, limit: usize) {
    assert!(
        edges.len() <= k * limit,
        "more meetings than slots times tables"
    );
    let mut size = vec![0usize; k];
    for &c in colour.iter() {
        size[c as usize] += 1;
    }
    let mut at = vec![NONE; nodes * k];
    for (e, &(u, v)) in edges.iter().enumerate() {
        let c = colour[e] as usize;
        at[u as usize * k + c] = e as u32;
        at[v as usize * k + c] = e as u32;
    }
    let other = |e: u32, x: u32| {
        let (u, v) = edges[e as usize];
        if u == x { v } else { u }
    };
    let mut path: Vec<u32> = Vec::new();
    loop {
        let big = (0..k).max_by_key(|&c| size[c]).unwrap_or(0);
        if size[big] <= limit {
            return;
        }
        let small = (0..k).min_by_key(|&c| size[c]).unwrap_or(0);
        // Every path of the two colours that starts with `big` at a vertex without `small`
        // and ends with `big` has one edge more of `big`: swap such paths until even.
        let mut progressed = false;
        for e in 0..edges.len() {
            if size[big] <= size[small] + 1 {
                break;
            }
            if colour[e] as usize != big {
                continue;
            }
            let (u, _) = edges[e];
            // Start only at a path's end: the vertex has `big` but not `small`.
            for start in [u, edges[e].1] {
                if colour[e] as usize != big || at[start as usize * k + small] != NONE {
                    continue;
                }
                path.clear();
                let (mut x, mut c) = (start, big);
                loop {
                    let f = at[x as usize * k + c];
                    if f == NONE {
                        break;
                    }
                    path.push(f);
                    x = other(f, x);
                    c = if c == big { small } else { big };
                }
                if path.len() % 2 == 1 {
                    for &f in &path {
                        let (a, b) = edges[f as usize];
                        let c = colour[f as usize] as usize;
                        at[a as usize * k + c] = NONE;
                        at[b as usize * k + c] = NONE;
                    }
                    for &f in &path {
                        let (a, b) = edges[f as usize];
                        let c = if colour[f as usize] as usize == big {
                            small
                        } else {
                            big
                        };
                        colour[f as usize] = c as u16;
                        at[a as usize * k + c] = f;
                        at[b as usize * k + c] = f;
                    }
                    size[big] -= 1;
                    size[small] += 1;
                    progressed = true;
                    break;
                }
            }
        }
        assert!(progressed, "no path to swap: the colouring is not proper");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proper(nodes: usize, edges: &[(u32, u32)], colour: &[u16], k: usize) -> bool {
        let mut seen = vec![false; nodes * k];
        for (e, &(u, v)) in edges.iter().enumerate() {
            for x in [u, v] {
                let i = x as usize * k + colour[e] as usize;
                if seen[i] {
                    return false;
                }
                seen[i] = true;
            }
        }
        true
    }

    #[test]
    fn complete_bipartite_graphs_take_exactly_their_degree_and_balance() {
        for n in 1..8u32 {
            let edges: Vec<(u32, u32)> = (0..n)
                .flat_map(|a| (0..n).map(move |b| (a, n + b)))
                .collect();
            let mut colour = colour_bipartite(2 * n as usize, &edges, n as usize);
            assert!(proper(2 * n as usize, &edges, &colour, n as usize));
            balance(2 * n as usize, &edges, &mut colour, n as usize, n as usize);
            let mut size = vec![0; n as usize];
            for &c in &colour {
                size[c as usize] += 1;
            }
            assert!(size.iter().all(|&s| s == n as usize), "{size:?}");
        }
    }

    #[test]
    fn a_star_is_spread_over_colours_and_then_balanced() {
        // Two stars of 4 and a single edge: 9 edges, 4 colours, at most 3 each.
        let mut edges = vec![];
        for b in 0..4 {
            edges.push((0, 10 + b));
            edges.push((1, 10 + b));
        }
        edges.push((2, 14));
        let mut colour = colour_bipartite(15, &edges, 4);
        assert!(proper(15, &edges, &colour, 4));
        balance(15, &edges, &mut colour, 4, 3);
        assert!(proper(15, &edges, &colour, 4));
        let mut size = [0; 4];
        for &c in &colour {
            size[c as usize] += 1;
        }
        assert!(size.iter().all(|&s| s <= 3), "{size:?}");
    }
}
