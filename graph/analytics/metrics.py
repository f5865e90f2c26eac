"""Node metrics of a projection: centralities, clustering, cores and communities, with their run record.

Every metric is networkx's definition and normalisation. On large graphs (more than
`IGRAPH_FROM_EDGES` edges) python-igraph computes it instead, rescaled to networkx's convention;
tests/test_metrics.py checks the two engines agree on mid-size graphs. Betweenness and closeness
need a shortest-path search from every node, which takes minutes on the CORDIS organisation graph,
so above `EXACT_MAX_NODES` nodes they are estimated from `sample_size` pivot nodes drawn with `seed`,
and the result says so (`estimate`, `sample_size`, `seed`): betweenness as networkx's
``betweenness_centrality(k=..., seed=...)`` (same pivots in both engines), closeness as Eppstein and
Wang's average distance to the pivots, with exact component sizes.

Weights: weighted degree, eigenvector, PageRank and communities use the edge `weight`; betweenness,
closeness, clustering and core number count hops and links.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import igraph as ig
import networkx as nx

from graph.analytics.centrality import IGraphCopy, betweenness, closeness, communities, eigenvector
from graph.analytics.projections_compact import CompactProjection
from graph.analytics.ungrouped import left_out_said
from graph.errors import ClusterExplorerError, MetricFailed, ParameterError

__all__ = ["METRICS", "MetricResult", "compute", "compute_all", "top", "notes",
           "largest_communities",
           "IGRAPH_FROM_EDGES", "EXACT_MAX_NODES", "PIVOTS", "PIVOT_LINK_BUDGET", "LOUVAIN_MAX_LINKS"]

METRICS = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank",
           "clustering", "core_number", "community")
#: The only property names metrics are written under (a metric's run record goes to `<name>_run`).
PROPERTIES = {m: m for m in METRICS}
IGRAPH_FROM_EDGES = 20_000
EXACT_MAX_NODES = 5_000
#: The most pivots for the two estimates (setting CLUSTER_EXPLORER_METRICS_PIVOTS).
PIVOTS = 256
#: Pivots x links an estimate may cost: fewer pivots than `PIVOTS` on larger graphs (a pivot is one search over
#: every link). The CORDIS extract (656,096 links) keeps 256; ten times it (8.0 M links) gets 33.
PIVOT_LINK_BUDGET = 2**28
MIN_PIVOTS = 16
#: Communities by Louvain up to this many links; above, by Leiden's modularity optimisation (igraph, seeded,
#: two iterations): Louvain's refinement, several times faster on the 10x projection's 8.0 M links.
LOUVAIN_MAX_LINKS = 2_000_000
_ALWAYS_NETWORKX = ("degree", "weighted_degree")  # linear time in networkx too
#: How the numerical libraries fail on a graph they cannot handle (ARPACK, LAPACK, power iterations, igraph's C core).
_LIBRARY_FAILURES = (ArithmeticError, ValueError, TypeError, RuntimeError, nx.NetworkXException, ig.InternalError)


@dataclass(frozen=True)
class MetricResult:
    """One metric for every node, and how it was obtained (engine, estimate, sample, seed, time)."""

    metric: str
    values: dict[Any, float]
    engine: str
    seconds: float
    estimate: bool = False
    sample_size: int | None = None
    seed: int | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def note(self, nodes: int, links: int, exact_max_nodes: int = EXACT_MAX_NODES) -> str | None:
        """For an estimate, one sentence saying so and why; None for an exact value.

        >>> MetricResult("betweenness", {}, "igraph", 1.0, True, 33, 0).note(220_030, 7_988_628)[:88]
        'betweenness estimated from k=33 pivots (seed 0) because the projection has 220,030 nodes'
        """
        if self.details.get("method") == "leiden":
            return (f"{self.metric} found by Leiden (modularity, seed {self.seed}, 2 iterations) instead of Louvain "
                    f"because the projection has {links:,} links (Louvain up to {LOUVAIN_MAX_LINKS:,})")
        if not self.estimate:
            return None
        return (f"{self.metric} estimated from k={self.sample_size} pivots (seed {self.seed}) because the projection "
                f"has {nodes:,} nodes (exact up to {exact_max_nodes:,}; fewer pivots above "
                f"{PIVOT_LINK_BUDGET // PIVOTS:,} links)")

    def describe(self) -> str:
        """A short record of the run, e.g. ``igraph estimate k=256 seed=0 1.8s``."""
        text = self.engine + (f" estimate k={self.sample_size}" if self.estimate else "")
        text += f" seed={self.seed}" if self.seed is not None else ""
        return f"{text} {self.seconds:.1f}s"



def pivot_count(links: int, sample_size: int = PIVOTS) -> int:
    """How many pivots an estimate uses on a graph of `links` links: `sample_size`, fewer past the budget.

    >>> pivot_count(656_096), pivot_count(7_988_628), pivot_count(10**9)
    (256, 33, 16)
    """
    return max(min(sample_size, MIN_PIVOTS), min(sample_size, PIVOT_LINK_BUDGET // max(links, 1)))


def compute(G: nx.Graph, metric: str, *, engine: str = "auto", seed: int = 0, sample_size: int = PIVOTS,
            exact_max_nodes: int = EXACT_MAX_NODES, weight: str = "weight", louvain_max_links: int = LOUVAIN_MAX_LINKS,
            _ig: IGraphCopy | None = None) -> MetricResult:
    """One metric of every node of the undirected graph `G` (a projection).

    Parameters
    ----------
    metric : one of `METRICS`.
    engine : "auto" (networkx, or igraph above `IGRAPH_FROM_EDGES` edges), "networkx" or "igraph".
    seed : drives the betweenness and closeness pivots and Louvain; same seed, same output.
    sample_size : the most pivots for betweenness and closeness when `G` has more than `exact_max_nodes`
        nodes; fewer when pivots x links would pass `PIVOT_LINK_BUDGET` (`pivot_count`).
    louvain_max_links : communities by Louvain up to this many links, by Leiden (igraph) above.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> compute(G, "betweenness").values
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    >>> compute(G, "core_number", engine="igraph").values
    {'a': 1.0, 'b': 1.0, 'c': 1.0}
    """
    if metric not in METRICS:
        raise ParameterError(f"unknown metric {metric!r}; choose from {', '.join(METRICS)}")
    compact = isinstance(G, CompactProjection)
    if engine == "auto":
        big = G.number_of_edges() > IGRAPH_FROM_EDGES and metric not in _ALWAYS_NETWORKX
        engine = "igraph" if big or compact else "networkx"
    if engine not in ("networkx", "igraph"):
        raise ParameterError(f"unknown engine {engine!r}; choose auto, networkx or igraph")
    if compact and engine == "networkx":
        raise ParameterError(f"the projection has {G.number_of_edges():,} links, kept as arrays: networkx is not "
                             "offered above that size; use the igraph engine (auto chooses it)")
    ig_graph = _ig or IGraphCopy(G, weight)
    estimated = metric in ("betweenness", "closeness") and len(G) > exact_max_nodes
    k = min(pivot_count(G.number_of_edges(), sample_size), len(G)) if estimated else None
    if k is not None and k < 2:
        raise ParameterError("sample_size must be at least 2")
    started = time.perf_counter()
    try:
        values, details = _values(G, metric, engine, ig_graph, k, seed, weight, louvain_max_links)
    except ClusterExplorerError:
        raise
    except _LIBRARY_FAILURES as e:
        reason = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise MetricFailed(f"{metric} could not be computed on this projection ({len(G):,} nodes, "
                           f"{G.number_of_edges():,} links; {engine}: {reason}); leave {metric} out of the metrics "
                           "chosen, or choose another projection") from e
    seconds = time.perf_counter() - started
    randomised = k is not None or metric == "community"
    return MetricResult(metric, values, engine, seconds, estimate=k is not None, sample_size=k,
                        seed=seed if randomised else None, details=details)


def _values(G: nx.Graph, metric: str, engine: str, ig_graph: IGraphCopy, k: int | None, seed: int, weight: str,
            louvain_max_links: int) -> tuple[dict, dict[str, Any]]:
    """The values of one metric by one engine, and the details of the run (communities' modularity)."""
    details: dict[str, Any] = {}
    nxg = engine == "networkx"
    if metric == "degree":
        values = dict(G.degree()) if nxg else ig_graph.values(ig_graph.graph.degree())
    elif metric == "weighted_degree":
        values = dict(G.degree(weight=weight)) if nxg else ig_graph.values(ig_graph.graph.strength(weights="weight"))
    elif metric == "betweenness":
        values = betweenness(G, ig_graph, engine, k, seed)
    elif metric == "closeness":
        values = closeness(G, ig_graph, engine, k, seed)
    elif metric == "eigenvector":
        values = eigenvector(G, ig_graph, engine, weight)
    elif metric == "pagerank":
        # networkx's default tolerance (1e-6 per node, summed) leaves errors of 5% on small components.
        values = nx.pagerank(G, weight=weight, tol=1e-10, max_iter=500) if nxg \
            else ig_graph.values(ig_graph.graph.pagerank(weights="weight"))
    elif metric == "clustering":
        values = nx.clustering(G) if nxg else ig_graph.values(ig_graph.graph.transitivity_local_undirected(mode="zero"))
    elif metric == "core_number":
        values = nx.core_number(G) if nxg else ig_graph.values(ig_graph.graph.coreness())
    else:
        method = "leiden" if engine == "igraph" and G.number_of_edges() > louvain_max_links else "louvain"
        values, details = communities(G, ig_graph, engine, seed, weight, method)
    return values, details


def compute_all(G: nx.Graph, metrics: Iterable[str] = METRICS, *, progress: Callable[[int, int], None] | None = None,
                **options: Any) -> dict[str, MetricResult]:
    """Several metrics (all by default) sharing one igraph copy of `G`; `progress(done, total)` after each.

    `options` are those of `compute`. The igraph copy is made once, inside the first metric that
    needs it, and its time counts there.
    """
    metrics = list(metrics)
    shared = IGraphCopy(G, options.get("weight", "weight"))
    results = {}
    for done, metric in enumerate(metrics, start=1):
        results[metric] = compute(G, metric, _ig=shared, **options)
        if progress:
            progress(done, len(metrics))
    return results


def notes(results: dict[str, MetricResult], G: Any, exact_max_nodes: int = EXACT_MAX_NODES) -> list[str]:
    """The sentences saying which results are estimates and why, when a projection has nodes but no link (every
    node then scores alike: the Metrics page showed four clusters of degree 0 without a word), and how many
    organisations taking part a region or country projection leaves out, for the CLI and the Metrics page."""
    found = [r.note(G.number_of_nodes(), G.number_of_edges(), exact_max_nodes) for r in results.values()]
    spec, left_out = _left_out(G)
    if spec is not None:
        found.append(left_out_said(spec, left_out))
    country_alone = _graph_attrs(G).get("country_alone")
    if G.number_of_nodes() and not G.number_of_edges():
        found.insert(0, f"no two of these {G.number_of_nodes():,} nodes share a project under these settings (a node "
                        "is in the projection when it takes part in one), so every node scores alike; "
                        + ("see below whom the region filter leaves out" if country_alone else
                           "widen the time window, the countries, regions, programmes, sectors or roles"))
    found += [country_alone, _graph_attrs(G).get("members_said")]
    return [text for text in found if text]


def _graph_attrs(G: Any) -> dict:
    """A projection's graph attributes (`projection`, `left_out`, `country_alone`), or what `metrics_disk.KeptMetrics`
    kept of them."""
    if isinstance(getattr(G, "graph", None), dict):  # a networkx graph, or a `CompactProjection`
        return G.graph
    return {"projection": getattr(G, "spec", None), "left_out": getattr(G, "left_out", None),
            "country_alone": getattr(G, "country_alone", None), "members_said": getattr(G, "members_said", None)}


def _left_out(G: Any) -> tuple[Any, tuple[int, int] | None]:
    """The projection's spec and how many organisations taking part it left out, of how many."""
    attrs = _graph_attrs(G)
    return attrs.get("projection"), attrs.get("left_out")


def top(result: MetricResult, n: int = 10, graph: nx.Graph | None = None, *,
        name: Callable[[Any], str] | None = None) -> list[tuple[Any, str, float]]:
    """The `n` highest nodes as (key, name, value), ties by key; names from `graph`, or `name(key)`, when given
    (the CLI's are kept with the results, `metrics_disk.KeptMetrics.full_name`, no projection derived for them).

    Examples
    --------
    >>> top(compute(nx.star_graph(3), "degree"), 2)
    [(0, '0', 3), (1, '1', 1)]
    """
    best = sorted(result.values.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]
    return [(key, name(key) if name else _name(graph, key), value) for key, value in best]


def _name(graph: nx.Graph | None, key: Any) -> str:
    """A node's name in `graph`, else its key."""
    return str((graph.nodes[key].get("name") if graph is not None and key in graph else None) or key)


def largest_communities(result: MetricResult, n: int = 10, graph: nx.Graph | None = None, named: int = 3, *,
                        name: Callable[[Any], str] | None = None,
                        degree: dict[Any, float] | None = None) -> list[tuple[Any, int, list[str]]]:
    """The `n` largest communities as (id, size, the names of its `named` highest-degree members): a community's id
    is a label, not a value to rank by. Names and degrees from `graph`, or from `name(key)` and `degree` (the
    degree metric's values: the CLI's kept results need no projection).

    >>> largest_communities(MetricResult("community", {"a": 0, "b": 1, "c": 1}, "networkx", 0.0), 1)
    [(1, 2, ['b', 'c'])]
    """
    members: dict[Any, list[Any]] = {}
    for key, community in result.values.items():
        members.setdefault(community, []).append(key)
    if degree is None:  # a DegreeView has no fast `in`: 54 s at 32,000 nodes
        degree = dict(graph.degree()) if graph is not None else {}
    biggest = sorted(members.items(), key=lambda item: (-len(item[1]), str(item[0])))[:n]
    named_by = name or (lambda key: _name(graph, key))
    return [(community, len(keys), [named_by(k) for k in sorted(keys, key=lambda k: (-degree.get(k, 0), str(k)))[
        :named]]) for community, keys in biggest]
