"""Temporal hold-out of the partner-cluster ranking: does a cluster's later partner cluster appear in its top 10?

Protocol (docs/analytics.md states it for users):

* The default data (seeds, NUTS, the bundled CORDIS sample, with cluster detection and entity
  resolution) is loaded by the load pipeline into a fresh embedded store and read back with the
  analytics' narrow read (`read_inputs`), as the app and the CLI see it.
* A split has a cut date. The recommender's index (`Projection(end=<day before cut>)`) and the cluster
  profiles (sectors and programmes of projects, shared projects) see only projects that started before
  it; what seed texts state (sectors, programmes, labels, regions) is undated and always seen.
* A cluster's organisations are itself, the CORDIS records it is SAME_AS and its members. Two clusters
  are *partners* when organisations of both take part in one project. A query is a cluster with at
  least one *new* partner cluster after the cut (partners from a project starting on or after it,
  never before); the answers are those new partners. Existing partner clusters are left out of every
  ranking, as are the cluster itself and its records.
* Every method ranks all remaining clusters; ties broken by one random order per query, the same for
  every method. Measures: hits@10 (an answer in the top 10) and MRR (1 / rank of the first answer),
  with a 95% paired bootstrap interval of ours minus each baseline (2,000 resamples of the queries).
* Methods: ours (`cluster_scores`, default `ClusterWeights`, set by hand, not tuned on any split); random;
  preferential attachment (projects of the candidate's organisations); Adamic-Adar between the two
  clusters' organisations (the network part alone); the sector part alone; the programme part alone.

Run: .venv/bin/python bench/eval_cluster_partners.py [--cache inputs.pkl] [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
from eval_common import cached_graph, first_rank, paired_interval, rank_measures

from graph.analytics.cluster_partners import ClusterIndex, ClusterWeights, cluster_scores
from graph.analytics.projections import Projection, participations
from graph.analytics.recommend import RecommenderIndex, link_scores

CUTS = ("2023-07-01", "2024-01-01", "2025-01-01")
METHODS = ("ours", "random", "preferential attachment", "Adamic-Adar", "sectors alone", "programmes alone")


def default_graph(cache: Path | None) -> nx.MultiDiGraph:
    """The default data as the analytics read it: `run_sample` into a temporary store, `read_inputs`."""
    from graph.analytics.inputs import read_inputs
    from loaders.pipeline import run_sample

    return cached_graph(cache, run_sample, read_inputs, timeout_s=900)


def partner_pairs(G: nx.MultiDiGraph, clusters: list[str], cut: str) -> tuple[dict, dict]:
    """Partner clusters of each cluster before the cut, and new ones from projects starting on or after it."""
    orgs_of = {}
    for c in clusters:
        linked = {c} | {v for _, v, t in G.out_edges(c, data="type") if t == "SAME_AS"}
        orgs_of[c] = linked | {u for u, _, t in G.in_edges(c, data="type") if t == "MEMBER_OF"}
    cluster_of: dict[str, set[str]] = {}
    for c, orgs in orgs_of.items():
        for o in orgs:
            cluster_of.setdefault(o, set()).add(c)
    before: dict[str, set[str]] = {c: set() for c in clusters}
    after: dict[str, set[str]] = {c: set() for c in clusters}
    for p, members in participations(G).items():
        inside = set().union(*(cluster_of.get(o, set()) for o in members))
        if len(inside) < 2:
            continue
        side = before if (G.nodes[p].get("start_date") or "")[:10] < cut else after
        for c in inside:
            side[c] |= inside - {c}
    return before, {c: after[c] - before[c] for c in clusters if after[c] - before[c]}


PARTS = ("sectors", "projects", "programmes", "places", "label")
GRID = {"sectors": (0.5, 1.0, 2.0), "projects": (1.0, 2.0, 4.0, 8.0), "programmes": (0.0, 0.5, 1.0)}


def queries(G: nx.MultiDiGraph, cut: str, seed: int) -> tuple[list[dict], int]:
    """Each query's candidates as arrays: our parts (candidates x PARTS, -inf rows for candidates linked
    by nothing), the baselines' scores, the answers and the tie order."""
    day_before = (dt.date.fromisoformat(cut) - dt.timedelta(days=1)).isoformat()
    index = RecommenderIndex(G, Projection(end=day_before))
    cindex = ClusterIndex(index)
    before, new = partner_pairs(G, cindex.keys, cut)
    rng = np.random.default_rng(seed)
    found = []
    for focal in sorted(new):
        candidates = [c for c in cindex.keys if c not in cindex.linked(focal) and c not in before[focal]]
        answers = [i for i, c in enumerate(candidates) if c in new[focal]]
        if not answers:
            continue
        _, scored = cluster_scores(cindex, [focal], exclude=before[focal])
        by_key = {key: parts for _, key, parts, *_ in scored}
        rows = index.resolve([focal])
        aa = link_scores(index, rows, "adamic_adar") if rows else np.zeros(len(index.keys))
        parts = np.array([[by_key[c][p] for p in PARTS] if c in by_key else [-np.inf] * len(PARTS)
                          for c in candidates])
        found.append({"answers": answers, "tiebreak": rng.permutation(len(candidates)), "parts": parts, "baselines": {
            "random": np.zeros(len(candidates)),
            "preferential attachment": np.array([index.n_projects[cindex.profile(c).rows].sum() for c in candidates]),
            "Adamic-Adar": np.array([aa[cindex.profile(c).rows].sum() for c in candidates]),
            "sectors alone": np.maximum(parts[:, 0], 0), "programmes alone": np.maximum(parts[:, 2], 0)}})
    print(f"\ncut {cut}: {len(cindex.keys)} clusters, {len(found)} queries (clusters with a new partner cluster "
          f"after the cut); index of {len(index.projects):,} projects")
    return found, len(cindex.keys)


def measures(sample: list[dict], score) -> dict[str, np.ndarray]:
    return rank_measures(np.array([first_rank(score(q), q["answers"], q["tiebreak"]) for q in sample]))


def ours(weights: ClusterWeights):
    w = np.array([getattr(weights, p) for p in PARTS])
    return lambda q: np.where(np.isfinite(q["parts"][:, 0]), np.nan_to_num(q["parts"], neginf=0.0) @ w, -np.inf)


def tune(sample: list[dict]) -> ClusterWeights:
    """Grid search on the validation cut, objective the mean of MRR and hits@10."""
    def objective(weights: ClusterWeights) -> float:
        m = measures(sample, ours(weights))
        return float((m["MRR"].mean() + m["hits@10"].mean()) / 2)

    trials = [ClusterWeights(sectors=s, projects=p, programmes=g) for s in GRID["sectors"]
              for p in GRID["projects"] for g in GRID["programmes"]]
    return max(trials, key=lambda w: (objective(w), w == ClusterWeights()))


def evaluate(sample: list[dict], weights: ClusterWeights) -> dict[str, dict[str, np.ndarray]]:
    results = {"ours": measures(sample, ours(weights))}
    for method in METHODS[1:]:
        results[method] = measures(sample, lambda q, m=method: q["baselines"][m])
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the narrow read, reused when present")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    G = default_graph(args.cache)
    weights = ClusterWeights()
    for number, cut in enumerate(CUTS):
        sample, _ = queries(G, cut, args.seed)
        if not sample:
            continue
        if number == 0:
            tuned = tune(sample)
            print(f"tuned on this validation cut: {tuned} (defaults: {weights})")
            rows = {"defaults": weights, "tuned": tuned}
        for how, chosen in rows.items():
            results = evaluate(sample, chosen)
            print(f"\nweights {how}\n| method | hits@10 | MRR | ours minus it: MRR | hits@10 |")
            print("|---|---:|---:|---|---|")
            for method, m in results.items():
                gaps = ["" if method == "ours" else
                        f"{(results['ours'][x] - m[x]).mean():+.3f} [{lo:+.3f}, {hi:+.3f}]"
                        for x in ("MRR", "hits@10")
                        for lo, hi in [paired_interval(results["ours"][x], m[x], args.seed)]]
                print(f"| {method} | {m['hits@10'].mean():.3f} | {m['MRR'].mean():.3f} | {gaps[0]} | {gaps[1]} |")
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
