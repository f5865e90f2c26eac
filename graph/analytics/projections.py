"""Projections: the plain graphs the metrics and the recommender work on, cut from the full graph.

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

import datetime as dt
from dataclasses import dataclass, fields

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.errors import NotFound, ParameterError
from graph.store.schema import node_key

__all__ = ["Projection", "Incidence", "KINDS", "project", "participations", "incidence", "organisation_groups"]

#: The graphs a projection can derive.
KINDS = ("organisation", "cluster", "region", "country", "bipartite")
#: Best first: when an organisation takes part in a project twice, its role is the best of the two.
ROLE_RANK = {"coordinator": 0, "participant": 1, "associatedPartner": 2, "thirdParty": 3}
_ID_PREFIX = {"programmes": "Programme:", "sectors": "Sector:"}


@dataclass(frozen=True)
class Projection:
    """Which graph to derive and which projects and organisations count.

    Parameters
    ----------
    kind : one of `KINDS`.
    start, end : ISO dates; a project counts when it runs at some time in [start, end]
        (``end_date >= start`` and ``start_date <= end``). Projects without dates count only when no
        window is given. ``end="2023-12-31"`` keeps exactly the projects started before 2024.
    programmes : FUNDED_BY ids ("lb:HORIZON.2.5", "scheme:HORIZON-RIA"); a project counts when funded
        by one of them or by a programme PART_OF one of them.
    sectors : ACTIVE_IN ids ("esv:/25/67/425", "topic:..."), sub-fields (PART_OF) included.
    countries : country codes (EU style, "SE", "EL"); only organisations located there are kept.
    roles : participation roles kept (coordinator, participant, associatedPartner, thirdParty); all
        when empty.
    region_level : NUTS level (1-3) of the region projection.
    """

    kind: str = "organisation"
    start: str | None = None
    end: str | None = None
    programmes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    region_level: int = 2

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ParameterError(f"unknown projection {self.kind!r}; choose one of {', '.join(KINDS)}")
        for name in ("start", "end"):
            value = getattr(self, name)
            if value is not None:
                try:
                    dt.date.fromisoformat(value)
                except ValueError as e:
                    raise ParameterError(f"{name} {value!r} is not a date ({e}); give YYYY-MM-DD") from None
        for f in ("programmes", "sectors", "countries", "roles"):
            values = getattr(self, f)
            values = (values,) if isinstance(values, str) else tuple(values)
            prefix = _ID_PREFIX.get(f, "")
            object.__setattr__(self, f, tuple(sorted(v.removeprefix(prefix) if prefix else v for v in values)))
        unknown = [r for r in self.roles if r not in ROLE_RANK]
        if unknown:
            raise ParameterError(f"unknown role {unknown[0]!r}; choose from {', '.join(ROLE_RANK)}")
        if self.region_level not in (1, 2, 3):
            raise ParameterError("region_level must be a NUTS level: 1, 2 or 3")

    def describe(self) -> str:
        """A short, stable text of the spec (recorded with metrics): only what differs from the default.

        Examples
        --------
        >>> Projection(end="2023-12-31", countries=("SE", "FI")).describe()
        'organisation end=2023-12-31 countries=FI,SE'
        """
        parts = [self.kind]
        for f in fields(self)[1:]:
            value = getattr(self, f.name)
            if value != f.default and value != ():
                parts.append(f"{f.name}={','.join(value) if isinstance(value, tuple) else value}")
        return " ".join(parts)


@dataclass(frozen=True)
class Incidence:
    """Organisation x project incidence (1 = took part), with the row and column keys."""

    organisations: list[str]
    projects: list[str]
    matrix: sp.csr_array
    coordinated: np.ndarray  # projects each organisation coordinated


def _with_parts(G: nx.MultiDiGraph, kind: str, ids: tuple[str, ...]) -> set[str]:
    """Node keys of `ids` and of everything PART_OF them, transitively (sub-programmes, sub-fields)."""
    found, todo = set(), [node_key(kind, i) for i in ids]
    while todo:
        key = todo.pop()
        if key in found or key not in G:
            continue
        found.add(key)
        todo += [u for u, _, t in G.in_edges(key, data="type") if t == "PART_OF"]
    return found


def _neighbours(G: nx.MultiDiGraph, key: str, rel_type: str) -> set[str]:
    return {v for _, v, t in G.out_edges(key, data="type") if t == rel_type}


def _in_window(attrs: dict, spec: Projection) -> bool:
    if spec.start is None and spec.end is None:
        return True
    start, end = attrs.get("start_date"), attrs.get("end_date") or attrs.get("start_date")
    if not start:
        return False
    return (spec.end is None or start[:10] <= spec.end) and (spec.start is None or end[:10] >= spec.start)


def _country(G: nx.MultiDiGraph, key: str) -> str | None:
    """An organisation's country: its `country` property, else where it is LOCATED_IN."""
    country = G.nodes[key].get("country")
    if country:
        return country
    place = next(iter(sorted(_neighbours(G, key, "LOCATED_IN"))), None)
    return place.split(":", 1)[1][:2] if place else None


def participations(G: nx.MultiDiGraph, spec: Projection = Projection()) -> dict[str, dict[str, dict]]:
    """Project key -> {organisation key -> {"role", "contribution"}} for the projects and organisations kept.

    An organisation listed twice in a project (another role, another order) counts once, with its best
    role and the sum of its contributions.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Project:p1", kind="Project", start_date="2022-01-01")
    >>> G.add_node("Organisation:a", kind="Organisation", country="SE")
    >>> _ = G.add_edge("Organisation:a", "Project:p1", type="PARTICIPATES_IN", role="coordinator")
    >>> participations(G)
    {'Project:p1': {'Organisation:a': {'role': 'coordinator', 'contribution': 0.0}}}
    >>> participations(G, Projection(start="2023-01-01"))
    {}
    """
    for kind, ids in (("Programme", spec.programmes), ("Sector", spec.sectors)):
        missing = [i for i in ids if node_key(kind, i) not in G]
        if missing:
            raise NotFound(f"no {kind} {missing[0]!r} in the graph; give ids as stored, e.g. "
                           + ("lb:HORIZON.2.5, scheme:HORIZON-RIA" if kind == "Programme" else "esv:/25/67/425"))
    programmes = _with_parts(G, "Programme", spec.programmes) if spec.programmes else None
    sectors = _with_parts(G, "Sector", spec.sectors) if spec.sectors else None
    countries = set(spec.countries)
    kept: dict[str, dict[str, dict]] = {}
    for key, attrs in G.nodes(data=True):
        if attrs.get("kind") != "Project" or not _in_window(attrs, spec):
            continue
        if programmes is not None and not _neighbours(G, key, "FUNDED_BY") & programmes:
            continue
        if sectors is not None and not _neighbours(G, key, "ACTIVE_IN") & sectors:
            continue
        members: dict[str, dict] = {}
        for org, _, edge in G.in_edges(key, data=True):
            role = edge.get("role") or "participant"
            if edge.get("type") != "PARTICIPATES_IN" or (spec.roles and role not in spec.roles):
                continue
            if countries and _country(G, org) not in countries:
                continue
            seen = members.setdefault(org, {"role": role, "contribution": 0.0})
            seen["contribution"] += edge.get("contribution") or 0.0
            if ROLE_RANK.get(role, 9) < ROLE_RANK.get(seen["role"], 9):
                seen["role"] = role
        if members:
            kept[key] = members
    return kept


def incidence(G: nx.MultiDiGraph, spec: Projection = Projection()) -> Incidence:
    """The organisation x project incidence of the kept participations, rows and columns sorted by key."""
    parts = participations(G, spec)
    projects = sorted(parts)
    organisations = sorted({org for members in parts.values() for org in members})
    row = {org: i for i, org in enumerate(organisations)}
    rows, cols, coordinated = [], [], np.zeros(len(organisations), dtype=np.int64)
    for j, p in enumerate(projects):
        for org, info in parts[p].items():
            rows.append(row[org])
            cols.append(j)
            coordinated[row[org]] += info["role"] == "coordinator"
    matrix = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(organisations), len(projects)))
    return Incidence(organisations, projects, matrix, coordinated)


def _collaboration(matrix: sp.csr_array) -> tuple[sp.coo_array, sp.csr_array]:
    """Upper-triangle pair counts (shared columns) and Newman weights sum(1 / (n_p - 1))."""
    size = np.asarray(matrix.sum(axis=0)).ravel()
    newman_scale = np.divide(1.0, size - 1, out=np.zeros_like(size, dtype=float), where=size > 1)
    shared = sp.triu(matrix @ matrix.T, k=1).tocoo()
    newman = sp.csr_array(matrix @ sp.diags_array(newman_scale) @ matrix.T)
    return shared, newman


def _graph_from(G: nx.MultiDiGraph, keys: list[str], matrix: sp.csr_array, spec: Projection,
                extra: dict[str, dict] | None = None) -> nx.Graph:
    shared, newman = _collaboration(matrix)
    graph = nx.Graph(projection=spec, projects=matrix.shape[1])
    graph.add_nodes_from((k, {**(dict(G.nodes[k]) if k in G else {}), **(extra or {}).get(k, {})}) for k in keys)
    weights = newman[shared.row, shared.col] if shared.nnz else np.zeros(0)
    graph.add_edges_from((keys[i], keys[j], {"weight": int(w), "newman": float(nw)})
                         for i, j, w, nw in zip(shared.row.tolist(), shared.col.tolist(), shared.data.tolist(),
                                                np.asarray(weights).ravel().tolist(), strict=True))
    return graph


def organisation_groups(G: nx.MultiDiGraph, organisations: list[str], spec: Projection) -> dict[str, list[str]]:
    """Group key -> the organisations (of `organisations`) it stands for, for the aggregate projections.

    Clusters: an organisation labelled Cluster is its own group, a MEMBER_OF a cluster joins that
    cluster's group, and a seed cluster SAME_AS a CORDIS organisation takes over that organisation's
    group. Regions: the NUTS code an organisation is LOCATED_IN (else its `nuts_code`), cut to
    `spec.region_level`; organisations placed less precisely are left out. Countries: `country`.
    """
    groups: dict[str, list[str]] = {}
    if spec.kind == "cluster":
        canonical = {v: u for u, v, t in G.edges(data="type") if t == "SAME_AS"}
        for org in organisations:
            own = {org} if "Cluster" in (G.nodes[org].get("labels") or ()) else set()
            own |= {c for c in _neighbours(G, org, "MEMBER_OF") if G.nodes[c].get("kind") == "Cluster"}
            own |= {u for u, _, t in G.in_edges(org, data="type") if t == "SAME_AS"}
            for group in {canonical.get(c, c) for c in own}:
                groups.setdefault(group, []).append(org)
        return groups
    for org in organisations:
        if spec.kind == "country":
            code = _country(G, org)
            group = node_key("Country", code) if code else None
        else:
            regions = sorted(r.split(":", 1)[1] for r in _neighbours(G, org, "LOCATED_IN") if r.startswith("Region:"))
            code = regions[0] if regions else G.nodes[org].get("nuts_code")
            group = node_key("Region", code[:2 + spec.region_level]) if code and len(code) >= 2 + spec.region_level \
                else None
        if group:
            groups.setdefault(group, []).append(org)
    return groups


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
    extra = {k: {"kind": k.split(":", 1)[0], "name": (G.nodes[k].get("name") if k in G else None) or k.split(":", 1)[1],
                 "organisations": len(groups[k]), "projects": int(projects[i]), "internal": int(within[i])}
             for i, k in enumerate(keys)}
    graph = _graph_from(G, keys, group_projects, spec, extra)
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


def project(G: nx.MultiDiGraph, spec: Projection = Projection()) -> nx.Graph:
    """The graph `spec` describes, derived from the store's graph `G` (see `to_networkx`).

    Organisation, cluster, region and country graphs link two nodes when their organisations share a
    project. Edge attributes: `weight`, the number of (organisation pair, project) collaborations
    (for two organisations: their shared projects); `newman`, Newman's collaboration weight, each
    shared project adding 1 / (partners - 1) (a project of 3 ties its partners more than one of 100);
    aggregates also carry `projects`, the distinct shared projects. Aggregate nodes carry
    `organisations`, `projects` and `internal` (collaborations inside the group). Node keys are the
    store's `Kind:id` keys; `graph.graph["projection"]` is the spec.

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
        return _bipartite(G, spec)
    if spec.kind != "organisation":
        return _aggregate(G, spec)
    inc = incidence(G, spec)
    return _graph_from(G, inc.organisations, inc.matrix, spec)
