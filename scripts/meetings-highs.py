#!/usr/bin/env python3
"""The exact answer to a meeting-scheduling instance (docs/MEETINGS.md), by HiGHS.

Builds the integer programme of the instance and solves it with HiGHS (PyPI `highspy`):

    maximise    sum over requests r and slots s of  weight(r) * x[r, s]
    subject to  sum over s of x[r, s]                     <= 1       each request held once
                sum over r involving p of x[r, s]         <= 1       each person, each slot
                sum over r of x[r, s]                     <= tables  each slot
                sum over r involving p, all s, of x[r, s] <= cap(p)  each person
                x[r, s] = 1 for published meetings (unless --move-published)
                x[r, s] exists only where both people are available in s

Tables are interchangeable, so a slot holding at most `tables` meetings can always seat them.
Prints one JSON line: status, objective (the optimum if status is "optimal"), the solver's
dual bound, the gap and the time taken.

Usage: scripts/meetings-highs.py INSTANCE.json [--time-limit SECONDS] [--move-published]
(scripts/bench-meetings-exact runs it in a virtualenv it makes itself.)
"""

import argparse
import json
import sys
import time

import highspy
import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("instance")
    ap.add_argument("--time-limit", type=float, default=300.0)
    ap.add_argument("--move-published", action="store_true")
    args = ap.parse_args()
    with open(args.instance, encoding="utf-8") as f:
        inst = json.load(f)

    slots = [s["id"] for s in inst["slots"]]
    slot_index = {s: i for i, s in enumerate(slots)}
    default_tables = inst.get("tables", 1)
    tables = [s.get("tables", default_tables) for s in inst["slots"]]
    people = inst["people"]
    person_index = {p["id"]: i for i, p in enumerate(people)}
    n_slots = len(slots)
    avail = np.ones((len(people), n_slots), dtype=bool)
    caps = []
    for i, p in enumerate(people):
        if p.get("available") is not None:
            avail[i, :] = False
            for s in p["available"]:
                avail[i, slot_index[s]] = True
        for s in p.get("unavailable", []):
            avail[i, slot_index[s]] = False
        caps.append(min(p.get("cap", n_slots), n_slots))

    requests = inst["requests"]
    req_ids = [r.get("id", str(i)) for i, r in enumerate(requests)]
    req_index = {rid: i for i, rid in enumerate(req_ids)}
    fixed = {}
    if not args.move_published:
        for f in inst.get("fixed", []):
            fixed[req_index[f["request"]]] = slot_index[f["slot"]]

    # Columns: (request, slot) pairs.
    col_req, col_slot, col_w = [], [], []
    for r, req in enumerate(requests):
        a, b = person_index[req["a"]], person_index[req["b"]]
        w = req.get("weight", 1)
        if r in fixed:
            ss = [fixed[r]]
        else:
            ss = np.nonzero(avail[a] & avail[b] & (np.array(tables) > 0))[0]
        for s in ss:
            col_req.append(r)
            col_slot.append(int(s))
            col_w.append(w)
    n_cols = len(col_req)
    req_a = np.array([person_index[q["a"]] for q in requests], dtype=np.int64)
    req_b = np.array([person_index[q["b"]] for q in requests], dtype=np.int64)
    col_req = np.array(col_req, dtype=np.int64)
    col_slot = np.array(col_slot, dtype=np.int64)

    kept = np.zeros(len(people), dtype=np.int64)
    for r in fixed:
        kept[req_a[r]] += 1
        kept[req_b[r]] += 1

    # Rows, as (row, column) entries: requests, then person×slot, then slots, then people.
    n_req = len(requests)
    ps_base = n_req
    slot_base = ps_base + len(people) * n_slots
    cap_base = slot_base + n_slots
    n_rows = cap_base + len(people)
    cols = np.arange(n_cols, dtype=np.int64)
    pa, pb = req_a[col_req], req_b[col_req]
    rows = np.concatenate([
        col_req,
        ps_base + pa * n_slots + col_slot,
        ps_base + pb * n_slots + col_slot,
        slot_base + col_slot,
        cap_base + pa,
        cap_base + pb,
    ])
    entries = np.concatenate([cols] * 6)
    upper = np.concatenate([
        np.ones(n_req),
        np.ones(len(people) * n_slots),
        np.array(tables, dtype=float),
        np.maximum(np.array(caps), kept).astype(float),
    ])
    # Column-wise sparse matrix.
    order = np.lexsort((rows, entries))
    rows, entries = rows[order], entries[order]
    starts = np.searchsorted(entries, np.arange(n_cols)).astype(np.int32)

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", args.time_limit)
    h.setOptionValue("mip_rel_gap", 0.0)
    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    lp.col_cost_ = np.array(col_w, dtype=float)
    lower = np.zeros(n_cols)
    for i in range(n_cols):
        if int(col_req[i]) in fixed:
            lower[i] = 1.0
    lp.col_lower_ = lower
    lp.col_upper_ = np.ones(n_cols)
    lp.row_lower_ = np.full(n_rows, -highspy.kHighsInf)
    lp.row_upper_ = upper
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.append(starts, len(rows)).astype(np.int32)
    lp.a_matrix_.index_ = rows.astype(np.int32)
    lp.a_matrix_.value_ = np.ones(len(rows))
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cols
    h.passModel(lp)
    started = time.monotonic()
    h.run()
    took = time.monotonic() - started
    status = h.modelStatusToString(h.getModelStatus()).lower()
    info = h.getInfo()
    out = {
        "status": "optimal" if status == "optimal" else status,
        "objective": round(info.objective_function_value),
        "dual_bound": info.mip_dual_bound,
        "gap": info.mip_gap,
        "columns": n_cols,
        "rows": n_rows,
        "seconds": round(took, 3),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
