#!/usr/bin/env python3
"""LightFM (hybrid matrix factorisation, WARP loss) on the split `superconnector match evaluate
--export DIR` wrote, so that it is measured on the same training period, features and pairs as
our engine:

    scripts/lightfm-eval.py DIR SCORES.csv        # then: match evaluate LOG --external lightfm=SCORES.csv

Every entity of both sides is a LightFM user and an item (ids `a:ID`, `b:ID`), with its own
features (the tokens of features.csv: text through the same sc-text pipeline, code prefixes,
set values, number deciles, weighted vector entries) plus an identity feature; the interactions
are the training period's successes of both sides, so one model serves a one-sided log and both
directions of a two-sided one. It scores every pair in pairs.csv. Settings: 32 components, WARP,
learning rate 0.05, 30 epochs, fixed seed, one thread (so a rerun gives the same scores).

Needs numpy, scipy and lightfm (scripts/match-evaluate installs them in a virtual environment;
lightfm 1.17 builds from source and needs `pip install --no-build-isolation`).
"""
import csv
import sys

import numpy as np
from lightfm import LightFM
from lightfm.data import Dataset


def main(split, out):
    def rows(name):
        with open(f"{split}/{name}", newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    feats = rows("features.csv")
    train = rows("train.csv")
    pairs = rows("pairs.csv")
    other = {"a": "b", "b": "a"}
    ents = sorted({f"{r['side']}:{r['id']}" for r in feats}
                  | {f"{r['side']}:{r['viewer']}" for r in train + pairs}
                  | {f"{other[r['side']]}:{r['candidate']}" for r in train + pairs})
    tokens = sorted({r["feature"] for r in feats})
    by_ent = {}
    for r in feats:
        by_ent.setdefault(f"{r['side']}:{r['id']}", {})[r["feature"]] = float(r["weight"])
    ds = Dataset()
    ds.fit(users=ents, items=ents, user_features=tokens, item_features=tokens)
    fl = [(e, by_ent.get(e, {})) for e in ents]
    uf = ds.build_user_features(fl, normalize=True)
    itf = ds.build_item_features(fl, normalize=True)
    inter, _ = ds.build_interactions(
        (f"{r['side']}:{r['viewer']}", f"{other[r['side']]}:{r['candidate']}") for r in train)
    model = LightFM(no_components=32, loss="warp", learning_rate=0.05, random_state=2026)
    model.fit(inter, user_features=uf, item_features=itf, epochs=30, num_threads=1)
    umap, _, imap, _ = ds.mapping()
    u = np.array([umap[f"{r['side']}:{r['viewer']}"] for r in pairs], dtype=np.int32)
    i = np.array([imap[f"{other[r['side']]}:{r['candidate']}"] for r in pairs], dtype=np.int32)
    scores = model.predict(u, i, user_features=uf, item_features=itf, num_threads=1)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["side", "viewer", "candidate", "score"])
        for r, s in zip(pairs, scores):
            w.writerow([r["side"], r["viewer"], r["candidate"], "%.6g" % s])
    print(f"lightfm: {len(ents)} entities, {len(tokens)} feature tokens, "
          f"{inter.nnz} training successes, {len(pairs)} pairs scored -> {out}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
