"""Projections: the plain graphs the metrics and the recommender work on, cut from the full graph.

The spec lives in `graph.analytics.projection_spec`, the selection of participations in
`graph.analytics.incidence`; both are re-exported here.

The store's graph (`graph.store.reads.to_networkx`) mixes kinds: organisations take part in projects,
projects are funded by programmes and active in sectors. Centralities are meaningful on one kind of
node, so a `Projection` names which graph to derive (organisations, clusters, regions or countries
linked by shared projects, or the organisation-project graph itself) and which projects count (time
window, programme, sector, role) and which organisations (country). The spec is frozen and has a
short text form, so it can be recorded next to the metrics computed on it.

The organisation graph is computed with sparse matrices (``B @ B.T`` on the organisation x project
incidence): networkx's `bipartite.collaboration_weighted_projected_graph` gives the same weights (a
test checks it) but walks every pair of neighbours in Python: on CORDIS (21,680 organisations,
656,096 partner pairs, projects with up to 199 partners) it takes 10.5 s for the weights alone,
this 2.2 s from the full graph to the finished projection.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.analytics.incidence import Incidence, incidence, organisation_groups, participations
from graph.analytics.member_lists import members_said
from graph.analytics.projection_spec import DEFAULT_PROJECTION, KINDS, ROLE_RANK, Projection
from graph.analytics.projections_compact import COMPACT_FROM_EDGES, CompactProjection
from graph.analytics.ungrouped import country_alone_said
from graph.region_twin_pairs import joined_names

__all__ = ["Projection", "Incidence", "KINDS", "ROLE_RANK", "project", "participations", "incidence",
           "organisation_groups", "CompactProjection", "COMPACT_FROM_EDGES"]


def _collaboration(matrix: sp.csr_array) -> tuple[sp.coo_array, sp.csr_array]:
    """Upper-triangle pair counts (shared columns) and Newman weights sum(1 / (n_p - 1))."""
    size = np.asarray(matrix.sum(axis=0)).ravel()
    newman_scale = np.divide(1.0, size - 1, out=np.zeros_like(size, dtype=float), where=size > 1)
    pairs = sp.csr_array(matrix @ matrix.T)
    pairs.sort_indices()
    shared = sp.triu(pairs, k=1).tocoo()
    newman = sp.csr_array(matrix @ sp.diags_array(newman_scale) @ matrix.T)
    newman.sort_indices()
    return shared, newman


def _graph_from(G: nx.MultiDiGraph, keys: list[str], matrix: sp.csr_array, spec: Projection,
                extra: dict[str, dict] | None = None, pairs: tuple | None = None) -> nx.Graph:
    shared, newman = pairs or _collaboration(matrix)
    graph = nx.Graph(projection=spec, projects=matrix.shape[1])
    graph.add_nodes_from((k, {**(dict(G.nodes[k]) if k in G else {}), **(extra or {}).get(k, {})}) for k in keys)
    weights = newman[shared.row, shared.col] if shared.nnz else np.zeros(0)
    graph.add_edges_from((keys[i], keys[j], {"weight": int(w), "newman": float(nw)})
                         for i, j, w, nw in zip(shared.row.tolist(), shared.col.tolist(), shared.data.tolist(),
                                                np.asarray(weights).ravel().tolist(), strict=True))
    return graph



def _aggregate(G: nx.MultiDiGraph, spec: Projection) -> nx.Graph:
    inc = incidence(G, spec)
    row = {org: i for i, org in enumerate(inc.organisations)}
    groups = organisation_groups(G, inc.organisations, spec)
    keys = sorted(groups)
    rows = [g for g, key in enumerate(keys) for _ in groups[key]]
    cols = [row[org] for key in keys for org in groups[key]]
    member = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(keys), len(inc.organisations)))
    group_projects = sp.csr_array((member @ inc.matrix) > 0, dtype=float)
    org_pairs = inc.matrix @ inc.matrix.T
    pairs = sp.csr_array(member @ org_pairs @ member.T)
    within = (pairs.diagonal() - member @ org_pairs.diagonal()) / 2
    projects = np.asarray(group_projects.sum(axis=1)).ravel()
    joined = joined_names(G.nodes) if spec.kind == "region" else {}  # a region and its NUTS 2021 twin: both codes
    extra = {k: {"kind": k.split(":", 1)[0],
                 "name": joined.get(k) or (G.nodes[k].get("name") if k in G else None) or k.split(":", 1)[1],
                 "organisations": len(groups[k]), "projects": int(projects[i]), "internal": int(within[i])}
             for i, k in enumerate(keys)}
    graph = _graph_from(G, keys, group_projects, spec, extra)
    if spec.kind in ("region", "country"):  # said beside the metrics (`ungrouped.left_out_said`): none is silent
        grouped = len({org for members in groups.values() for org in members})
        graph.graph["left_out"] = (len(inc.organisations) - grouped, len(inc.organisations))
    if spec.kind == "cluster":  # said beside the metrics: a cluster with a member list is linked through its members
        graph.graph["members_said"] = members_said(G, groups)
    index = {k: i for i, k in enumerate(keys)}
    for u, v, attrs in graph.edges(data=True):
        attrs["projects"] = attrs["weight"]
        attrs["weight"] = int(pairs[index[u], index[v]])
    return graph


def _bipartite(G: nx.MultiDiGraph, spec: Projection) -> nx.Graph:
    parts = participations(G, spec)
    graph = nx.Graph(projection=spec, projects=len(parts))
    for p, members in parts.items():
        graph.add_node(p, **{k: v for k, v in G.nodes[p].items() if k != "objective"}, bipartite=1)
        for org, info in members.items():
            if org not in graph:
                graph.add_node(org, **G.nodes[org], bipartite=0)
            graph.add_edge(org, p, **info)
    return graph


def _organisations(G: nx.MultiDiGraph, keys: list[str], matrix: sp.csr_array, spec: Projection,
                   limit: int | None) -> nx.Graph | CompactProjection:
    """The organisation projection; as arrays when it has more than `limit` pairs (see projections_compact)."""
    shared, newman = _collaboration(matrix)
    if limit is None or shared.nnz <= limit:
        return _graph_from(G, keys, matrix, spec, pairs=(shared, newman))
    aligned = sp.triu(newman, k=1).tocoo()  # the same pairs as `shared`: read in step, not looked up one by one
    same = aligned.nnz == shared.nnz and np.array_equal(aligned.row, shared.row) \
        and np.array_equal(aligned.col, shared.col)
    weights = aligned.data if same else np.asarray(newman[shared.row, shared.col], dtype=float).ravel()
    attrs = [dict(G.nodes[k]) if k in G else {} for k in keys]
    return CompactProjection(keys, attrs, shared.row.astype(np.int64), shared.col.astype(np.int64),
                             shared.data.astype(np.int64), weights,
                             {"projection": spec, "projects": matrix.shape[1]})


def project(G: nx.MultiDiGraph, spec: Projection = DEFAULT_PROJECTION, *,
            compact_from_edges: int | None = COMPACT_FROM_EDGES) -> nx.Graph | CompactProjection:
    """The graph `spec` describes, derived from the store's graph `G` (see `to_networkx`).

    Organisation, cluster, region and country graphs link two nodes when their organisations share a
    project. Edge attributes: `weight`, the number of (organisation pair, project) collaborations
    (for two organisations: their shared projects); `newman`, Newman's collaboration weight, each
    shared project adding 1 / (partners - 1) (a project of 3 ties its partners more than one of 100);
    aggregates also carry `projects`, the distinct shared projects. Aggregate nodes carry
    `organisations`, `projects` and `internal` (collaborations inside the group). Node keys are the
    store's `Kind:id` keys; `graph.graph["projection"]` is the spec. An organisation projection with more
    than `compact_from_edges` pairs (None: never) comes as a `CompactProjection` (arrays, not networkx).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Project:p1", kind="Project")
    >>> for org, country in [("a", "SE"), ("b", "FI"), ("c", "FI")]:
    ...     G.add_node(f"Organisation:{org}", kind="Organisation", country=country)
    ...     _ = G.add_edge(f"Organisation:{org}", "Project:p1", type="PARTICIPATES_IN", role="participant")
    >>> sorted(project(G).edges(data=True))[0]
    ('Organisation:a', 'Organisation:b', {'weight': 1, 'newman': 0.5})
    >>> countries = project(G, Projection(kind="country"))
    >>> countries.edges["Country:FI", "Country:SE"]["weight"], countries.nodes["Country:FI"]["internal"]
    (2, 1)
    """
    if spec.kind == "bipartite":
        projected = _bipartite(G, spec)
    elif spec.kind != "organisation":
        projected = _aggregate(G, spec)
    else:
        inc = incidence(G, spec)
        projected = _organisations(G, inc.organisations, inc.matrix, spec, compact_from_edges)
    if spec.regions:  # said beside the metrics (`metrics.notes`): those `--region` cannot place are not silent
        projected.graph["country_alone"] = country_alone_said(G, spec)
    return projected
