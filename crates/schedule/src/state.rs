//! A schedule being built: who meets whom in which slot, with an undo log so a repair that
//! does not work out leaves everything as it was.

use crate::instance::Problem;

pub const NONE: u32 = u32::MAX;

pub struct State<'a> {
    pub pr: &'a Problem,
    /// `busy[p * slots + s]`: the request person `p` meets in slot `s`.
    busy: Vec<u32>,
    load: Vec<u32>,
    deg: Vec<u32>,
    /// Slot of each request, or `NONE`.
    pub slot_of: Vec<u32>,
    /// Kept meetings and, during a repair, the request being placed.
    pub pinned: Vec<bool>,
    in_slot: Vec<Vec<u32>>,
    pos: Vec<u32>,
    log: Vec<Op>,
    held: usize,
    weight: u64,
    /// Placement checks made: the searches stop on a budget of these, so the time a schedule
    /// takes is bounded and the same on every machine.
    pub work: u64,
}

#[derive(Clone, Copy)]
enum Op {
    Placed(u32),
    Removed(u32, u32),
}

impl<'a> State<'a> {
    pub fn new(pr: &'a Problem) -> State<'a> {
        let mut st = State {
            pr,
            busy: vec![NONE; pr.people * pr.slots],
            load: vec![0; pr.slots],
            deg: vec![0; pr.people],
            slot_of: vec![NONE; pr.requests.len()],
            pinned: vec![false; pr.requests.len()],
            in_slot: vec![Vec::new(); pr.slots],
            pos: vec![NONE; pr.requests.len()],
            log: Vec::new(),
            held: 0,
            weight: 0,
            work: 0,
        };
        for &(r, s, _) in &pr.fixed {
            st.place(r, s);
            st.pinned[r] = true;
        }
        st.log.clear();
        st
    }

    pub fn meets(&self, p: u32, s: usize) -> u32 {
        self.busy[p as usize * self.pr.slots + s]
    }

    pub fn load(&self, s: usize) -> u32 {
        self.load[s]
    }

    /// Meetings placed.
    pub fn held(&self) -> usize {
        self.held
    }

    /// Total weight placed.
    pub fn weight(&self) -> u64 {
        self.weight
    }

    pub fn placed(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.slot_of.len()).filter(|&r| self.slot_of[r] != NONE)
    }

    pub fn in_slot(&self, s: usize) -> &[u32] {
        &self.in_slot[s]
    }

    /// Whether request `r` can go into slot `s` as things stand.
    pub fn can_place(&mut self, r: usize, s: usize) -> bool {
        self.work += 1;
        let q = self.pr.requests[r];
        self.slot_of[r] == NONE
            && self.load[s] < self.pr.tables[s]
            && self.pr.available(q.a, s)
            && self.pr.available(q.b, s)
            && self.meets(q.a, s) == NONE
            && self.meets(q.b, s) == NONE
            && self.deg[q.a as usize] < self.pr.cap[q.a as usize]
            && self.deg[q.b as usize] < self.pr.cap[q.b as usize]
    }

    pub fn has_room(&self, p: u32) -> bool {
        self.deg[p as usize] < self.pr.cap[p as usize]
    }

    pub fn place(&mut self, r: usize, s: usize) {
        let q = self.pr.requests[r];
        let n = self.pr.slots;
        debug_assert_eq!(self.slot_of[r], NONE);
        self.busy[q.a as usize * n + s] = r as u32;
        self.busy[q.b as usize * n + s] = r as u32;
        self.load[s] += 1;
        self.deg[q.a as usize] += 1;
        self.deg[q.b as usize] += 1;
        self.slot_of[r] = s as u32;
        self.pos[r] = self.in_slot[s].len() as u32;
        self.in_slot[s].push(r as u32);
        self.held += 1;
        self.weight += u64::from(q.weight);
        self.log.push(Op::Placed(r as u32));
    }

    pub fn remove(&mut self, r: usize) {
        let q = self.pr.requests[r];
        let n = self.pr.slots;
        let s = self.slot_of[r] as usize;
        self.busy[q.a as usize * n + s] = NONE;
        self.busy[q.b as usize * n + s] = NONE;
        self.load[s] -= 1;
        self.deg[q.a as usize] -= 1;
        self.deg[q.b as usize] -= 1;
        self.slot_of[r] = NONE;
        let i = self.pos[r] as usize;
        self.in_slot[s].swap_remove(i);
        if let Some(&moved) = self.in_slot[s].get(i) {
            self.pos[moved as usize] = i as u32;
        }
        self.pos[r] = NONE;
        self.held -= 1;
        self.weight -= u64::from(q.weight);
        self.log.push(Op::Removed(r as u32, s as u32));
    }

    pub fn mark(&self) -> usize {
        self.log.len()
    }

    pub fn rollback(&mut self, mark: usize) {
        while self.log.len() > mark {
            let op = self.log.pop().expect("log is longer than the mark");
            match op {
                Op::Placed(r) => {
                    self.remove(r as usize);
                }
                Op::Removed(r, s) => {
                    self.place(r as usize, s as usize);
                }
            }
            // Undoing logs its own step: drop it.
            self.log.pop();
        }
    }

    pub fn commit(&mut self) {
        self.log.clear();
    }

    /// Idle slots between a person's first and last meeting, summed over days.
    pub fn gaps(&self, p: u32) -> u32 {
        let n = self.pr.slots;
        let row = &self.busy[p as usize * n..(p as usize + 1) * n];
        let mut total = 0;
        let mut s = 0;
        while s < n {
            let day = self.pr.day[s];
            let mut e = s;
            while e < n && self.pr.day[e] == day {
                e += 1;
            }
            let used: Vec<usize> = (s..e).filter(|&i| row[i] != NONE).collect();
            if let (Some(&first), Some(&last)) = (used.first(), used.last()) {
                total += (last - first + 1 - used.len()) as u32;
            }
            s = e;
        }
        total
    }

    /// Meetings of `p` in the slots next to `s` on the same day.
    pub fn neighbours(&self, p: u32, s: usize) -> u32 {
        let day = self.pr.day[s];
        let mut n = 0;
        if s > 0 && self.pr.day[s - 1] == day && self.meets(p, s - 1) != NONE {
            n += 1;
        }
        if s + 1 < self.pr.slots && self.pr.day[s + 1] == day && self.meets(p, s + 1) != NONE {
            n += 1;
        }
        n
    }
}
