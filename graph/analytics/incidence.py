"""Which organisations took part in which projects, as a `Projection` selects them, and how they group.

`participations` and `incidence` read the store's graph (`graph.store.reads.to_networkx`, or the
narrow `graph.analytics.inputs.read_inputs`: both give the same answers) and keep the projects and
organisations a `Projection` lets through; `organisation_groups` says which cluster, region or
country each organisation stands in for the aggregate projections.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.analytics.projection_spec import DEFAULT_PROJECTION, ROLE_RANK, Projection
from graph.errors import NotFound
from graph.region_twin_pairs import twin_keys
from graph.store.schema import node_key
from graph.store.sector_fields import equivalent_sectors

__all__ = ["Incidence", "participations", "incidence", "organisation_groups", "filters_matching_nothing", "country_of",
           "region_codes"]


@dataclass(frozen=True)
class Incidence:
    """Organisation x project incidence (1 = took part), with the row and column keys."""

    organisations: list[str]
    projects: list[str]
    matrix: sp.csr_array
    coordinated: np.ndarray  # projects each organisation coordinated


def _with_parts(G: nx.MultiDiGraph, kind: str, ids: tuple[str, ...]) -> set[str]:
    """Node keys of `ids` and of everything PART_OF them, transitively (sub-programmes, sub-fields). A sector of
    the seeds brings the EuroSciVoc field of its name, as in the partner rankings (`equivalent_sectors`): the seeds'
    Automation kept no CORDIS project, which are tagged with the field automation ("no project ... is active")."""
    found, todo = set(), [node_key(kind, i) for i in ids]
    if kind == "Sector" and any(not k.startswith(("Sector:esv:", "Sector:topic:")) for k in todo):
        same = equivalent_sectors(G)
        todo += [same[k] for k in todo if k in same]
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


def country_of(G: nx.MultiDiGraph, key: str) -> str | None:
    """An organisation's country: its `country` property, else where it is LOCATED_IN."""
    country = G.nodes[key].get("country")
    if country:
        return country
    place = next(iter(sorted(_neighbours(G, key, "LOCATED_IN"))), None)
    return place.split(":", 1)[1][:2] if place else None


def region_codes(G: nx.MultiDiGraph, key: str) -> list[str]:
    """The codes of the regions an organisation is LOCATED_IN, sorted, else its `nuts_code` (a table's NUTS code
    with no Region node): how both the region projection and the region filter place it."""
    regions = sorted(r.split(":", 1)[1] for r in _neighbours(G, key, "LOCATED_IN") if r.startswith("Region:"))
    nuts = G.nodes[key].get("nuts_code")
    return regions or ([nuts] if nuts else [])


def _regions_below(G: nx.MultiDiGraph, ids: tuple[str, ...]) -> tuple[set[str], tuple[str, ...]]:
    """The region codes `ids` take in (`--region SE21`): each and those PART_OF it, transitively (a national
    region's parts too: NO-Hordaland has no NUTS code to start), and the NUTS codes among `ids`, whose every longer
    code is under them (SE21 takes SE212 and SE213 even where a table's `nuts_code` has no Region node)."""
    below = {key.split(":", 1)[1] for key in _with_parts(G, "Region", ids)} | set(ids)
    return below, tuple(code for code in ids if "-" not in code)


def _in_regions(G: nx.MultiDiGraph, key: str, regions: tuple[set[str], tuple[str, ...]]) -> bool:
    """Whether the organisation `key` is placed in one of `regions` (`_regions_below`)."""
    below, nuts = regions
    return any(code in below or code.startswith(nuts) for code in region_codes(G, key))


def participations(G: nx.MultiDiGraph, spec: Projection = DEFAULT_PROJECTION) -> dict[str, dict[str, dict]]:
    """Project key -> {organisation key -> {"role", "contribution"}} for the projects and organisations kept.

    An organisation listed twice in a project (another role, another order) counts once, with its best
    role and the sum of its contributions. A participation without an amount (a national table without one)
    has no "contribution": not 0.0, which reads as "no funding", as the store's `contribution_total` does.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Project:p1", kind="Project", start_date="2022-01-01")
    >>> G.add_node("Organisation:a", kind="Organisation", country="SE")
    >>> _ = G.add_edge("Organisation:a", "Project:p1", type="PARTICIPATES_IN", role="coordinator")
    >>> participations(G)
    {'Project:p1': {'Organisation:a': {'role': 'coordinator'}}}
    >>> _ = G.add_edge("Organisation:a", "Project:p1", type="PARTICIPATES_IN", role="partner", contribution=500.0)
    >>> participations(G)
    {'Project:p1': {'Organisation:a': {'role': 'coordinator', 'contribution': 500.0}}}
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
    regions = _regions_below(G, spec.regions) if spec.regions else None
    placed: dict[str, bool] = {}  # organisation -> in `regions`, found once: it scans all its edges (10x: thousands)
    kept: dict[str, dict[str, dict]] = {}
    for key, attrs in G.nodes(data=True):
        if attrs.get("kind") != "Project" or not _in_window(attrs, spec):
            continue
        if programmes is not None and not _neighbours(G, key, "FUNDED_BY") & programmes:
            continue
        if sectors is not None and not _neighbours(G, key, "ACTIVE_IN") & sectors:
            continue
        members: dict[str, dict] = {}
        for org, edges in G.pred[key].items():  # in_edges(key, data=True) without its view's overhead (10x: 8%)
            for edge in edges.values():
                role = edge.get("role") or "participant"
                if edge.get("type") != "PARTICIPATES_IN" or (spec.roles and role not in spec.roles):
                    continue
                if countries and country_of(G, org) not in countries:
                    continue
                if regions and org not in placed:
                    placed[org] = _in_regions(G, org, regions)
                if regions and not placed[org]:
                    continue
                seen = members.setdefault(org, {"role": role})
                if edge.get("contribution") is not None:
                    seen["contribution"] = seen.get("contribution", 0.0) + edge["contribution"]
                if ROLE_RANK.get(role, 9) < ROLE_RANK.get(seen["role"], 9):
                    seen["role"] = role
        if members:
            kept[key] = members
    return kept


def incidence(G: nx.MultiDiGraph, spec: Projection = DEFAULT_PROJECTION) -> Incidence:
    """The organisation x project incidence of the kept participations, rows and columns sorted by key."""
    parts = participations(G, spec)
    projects = sorted(parts)
    organisations = sorted({org for members in parts.values() for org in members})
    row = {org: i for i, org in enumerate(organisations)}
    rows, cols, led = [], [], []
    for j, p in enumerate(projects):
        for org, info in parts[p].items():
            rows.append(row[org])
            cols.append(j)
            led.append(info["role"] == "coordinator")
    coordinated = np.bincount(np.array(rows, dtype=np.int64), weights=np.array(led, dtype=float),
                              minlength=len(organisations)).astype(np.int64)
    matrix = sp.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(organisations), len(projects)))
    return Incidence(organisations, projects, matrix, coordinated)


def organisation_groups(G: nx.MultiDiGraph, organisations: list[str], spec: Projection) -> dict[str, list[str]]:
    """Group key -> the organisations (of `organisations`) it stands for, for the aggregate projections.

    Clusters: an organisation labelled Cluster is its own group, a MEMBER_OF a cluster joins that
    cluster's group, and a seed cluster SAME_AS a CORDIS organisation takes over that organisation's
    group. Regions: the NUTS code an organisation is LOCATED_IN (else its `nuts_code`), cut to
    `spec.region_level`, a NUTS 2021 code that 2024 recoded under its name taken as its newer twin
    (`graph.region_twin_pairs`: Pirkanmaa FI197 is FI19B, one row); organisations placed less precisely are left
    out. Countries: `country`.
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
    twins = twin_keys(G.nodes(data=True)) if spec.kind == "region" else {}
    for org in organisations:
        if spec.kind == "country":
            code = country_of(G, org)
            group = node_key("Country", code) if code else None
        else:
            codes = region_codes(G, org)
            code = codes[0] if codes else None
            if code and "-" in code:  # a national region (NO-Hordaland, loaders.generic_places): no level to cut to
                group = node_key("Region", code)
            else:
                cut = 2 + spec.region_level
                group = node_key("Region", code[:cut]) if code and len(code) >= cut else None
                group = twins.get(group, group)
        if group:
            groups.setdefault(group, []).append(org)
    return groups


def filters_matching_nothing(G: nx.MultiDiGraph, spec: Projection) -> str | None:
    """Which filter of `spec` keeps no project of `G`: a programme or sector no project is linked to (nor to a
    part of it), or a time window no dated project falls in; None when each keeps some. Says why a projection
    is empty where `metrics compute --programme arena-pro` said only "the projection has no node"."""
    projects = [(key, attrs) for key, attrs in G.nodes(data=True) if attrs.get("kind") == "Project"]
    for kind, rel_type, ids, verb in (("Programme", "FUNDED_BY", spec.programmes, "funded by"),
                                      ("Sector", "ACTIVE_IN", spec.sectors, "active in")):
        for one in ids:
            parts = _with_parts(G, kind, (one,))
            if parts and not any(_neighbours(G, key, rel_type) & parts for key, _ in projects):
                return (f"no project of the store is {verb} {kind} {one!r} (nor a part of it): the projection keeps "
                        f"only such projects; choose another {kind.lower()}, or load projects {verb} it")
    if (spec.start or spec.end) and not any(_in_window(attrs, spec) for _, attrs in projects):
        return (f"no project of the store runs between {spec.start or 'any start'} and {spec.end or 'any end'} "
                "(or none has start_date and end_date): widen the time window")
    return None
