#!/usr/bin/env python3
"""Writes the Fisman-Iyengar speed-dating experiment as an interaction log in the format of
docs/MATCHING.md, for `superconnector match evaluate`.

    scripts/speed-dating-log.py ../shared/eval/speed-dating/fisman_iyengar_speed_dating.csv OUT

Only what was known before each meeting goes in: the sign-up survey (age, field, career, race,
goal, how often one dates and goes out, interests rated 1-10, what one looks for in a partner,
how one rates oneself) and each decision (`dec`) as an event at the meeting's time, so a model
may learn from earlier rounds and waves but never from the meeting it predicts. The ratings given
after a meeting (attr, sinc, intel, fun, amb, shar, like, prob and their _o forms), `match`,
`int_corr` (recomputed by the engine from the interests) and `dec_o` on the same row are not
written. Side a is the women (gender 0), side b the men; the group is the wave. An event's time
is wave * 1000 + the meeting's order that night (the later of the two people's `order` where
they disagree, so no decision is seen earlier than it could have been).

The data set is read from ../shared at evaluation time and never copied into the repository.
"""
import csv
import os
import sys

INTERESTS = ["sports", "tvsports", "exercise", "dining", "museums", "art", "hiking", "gaming",
             "clubbing", "reading", "tv", "theater", "movies", "concerts", "music", "shopping",
             "yoga"]
LOOKS = ["attr", "sinc", "intel", "fun", "amb", "shar"]
SELF = ["attr", "sinc", "intel", "fun", "amb"]


def num(s):
    s = (s or "").strip().replace(",", "")
    try:
        x = float(s)
    except ValueError:
        return None
    return x if x == x else None


def fmt(x):
    return "" if x is None else ("%g" % x)


def main(src, out):
    with open(src, encoding="latin-1", newline="") as f:
        rows = list(csv.DictReader(f))
    people = {}
    for r in rows:
        iid = r["iid"]
        if iid in people:
            continue
        looks = [(k, num(r[k + "1_1"])) for k in LOOKS]
        looks = [(k, v) for k, v in looks if v is not None]
        total = sum(v for _, v in looks)
        if total > 0:  # some waves rated 1-10 instead of sharing 100 points
            looks = [(k, 100 * v / total) for k, v in looks]
        def vec(items):
            return "|".join("%s=%s" % (k, fmt(v)) for k, v in items if v is not None)
        def cat(k):
            v = num(r[k])
            return "" if v is None else "%d" % v
        people[iid] = {
            "side": "a" if r["gender"] == "0" else "b",
            "id": iid,
            "group": r["wave"],
            "age:num": fmt(num(r["age"])),
            "field:set": cat("field_cd"),
            "career:set": cat("career_c"),
            "race:set": cat("race"),
            "goal:set": cat("goal"),
            "dates:num": fmt(num(r["date"])),
            "go_out:num": fmt(num(r["go_out"])),
            "imprace:num": fmt(num(r["imprace"])),
            "imprelig:num": fmt(num(r["imprelig"])),
            "exphappy:num": fmt(num(r["exphappy"])),
            "self_attr:num": fmt(num(r["attr3_1"])),
            "self_fun:num": fmt(num(r["fun3_1"])),
            "interests:vector": vec((k, num(r[k])) for k in INTERESTS),
            "looks_for:vector": vec(looks),
            "self:vector": vec((k, num(r[k + "3_1"])) for k in SELF),
        }
    order = {(r["iid"], r["pid"]): int(r["order"]) for r in rows if r["pid"] and r["order"]}
    os.makedirs(out, exist_ok=True)
    cols = ["side", "id", "group", "age:num", "field:set", "career:set", "race:set", "goal:set",
            "dates:num", "go_out:num", "imprace:num", "imprelig:num", "exphappy:num",
            "self_attr:num", "self_fun:num", "interests:vector", "looks_for:vector", "self:vector"]
    with open(os.path.join(out, "entities.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for p in people.values():
            w.writerow(p)
    events = []
    for r in rows:
        pid = r["pid"].strip()
        if not pid:
            continue
        pid = "%d" % float(pid)
        if pid not in people:
            continue
        side = people[r["iid"]]["side"]
        o = max(order.get((r["iid"], r["pid"]), 0), order.get((pid, r["iid"]), 0))
        t = int(r["wave"]) * 1000 + o
        events.append((t, side, r["iid"], pid, "met"))
        if r["dec"] == "1":
            events.append((t, side, r["iid"], pid, "yes"))
    events.sort(key=lambda e: (e[0], e[1], int(e[2]), int(e[3]), e[4]))
    with open(os.path.join(out, "events.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["time", "side", "actor", "target", "kind"])
        w.writerows(events)
    with open(os.path.join(out, "kinds.csv"), "w", newline="", encoding="utf-8") as f:
        f.write("kind,side,meaning\nmet,a,exposure\nmet,b,exposure\nyes,a,success\nyes,b,success\n")
    features = []
    for side in "ab":
        features += [
            (side, "shared_interests", "correlation", "interests", "interests", ""),
            (side, "what_they_look_for", "dot", "looks_for", "self", ""),
            (side, "age", "near:4", "age", "age", ""),
            (side, "same_race", "same", "race", "race", ""),
            (side, "same_race_weighted", "same", "race", "race", "imprace"),
            (side, "same_field", "same", "field", "field", ""),
            (side, "same_goal", "same", "goal", "goal", ""),
            (side, "same_career", "same", "career", "career", ""),
            (side, "their_looks", "their", "", "self_attr", ""),
            (side, "their_fun", "their", "", "self_fun", ""),
            (side, "own_dates", "own", "dates", "", ""),
            (side, "own_going_out", "own", "go_out", "", ""),
            (side, "own_expectation", "own", "exphappy", "", ""),
        ]
    with open(os.path.join(out, "features.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["side", "name", "compare", "wanting_field", "wanted_field", "weight_by"])
        w.writerows(features)
    print("%d people, %d events -> %s" % (len(people), len(events), out), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
