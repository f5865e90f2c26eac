"""The consortium's own sectors that play no part in its partner ranking, said with how to bridge them.

A table's sectors are Sector nodes of their own: one counts in a ranking when projects are tagged with it, or when it
stands for the EuroSciVoc field of its name or alias (`graph.store.sector_fields.best_field`). A Basque cluster's
member list wrote its sectors in Spanish (Mecanizado, Máquina-herramienta ...): they named no field, the ranking ran on
the members' projects and places alone (Charité and polar institutes "work in sociology, like the consortium"), and
nothing said that the cluster's own sectors played no part.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from graph.analytics.recommend_cold import is_cold, with_clusters
from graph.analytics.recommend_index import RecommenderIndex, one_body
from graph.collation import reading_order
from graph.nearest import nearest
from graph.store.sector_fields import is_field

__all__ = ["unbridged_sectors", "unbridged_note", "members_sectors", "members_note", "HOW_TO_BRIDGE",
           "sector_of_no_project", "project_sectors_near"]

#: How a user bridges a sector of their own to a field (docs/mapping.md, "Sectors of your own").
HOW_TO_BRIDGE = ("give each Sector node an English name or an aliases property naming the field it is "
                 "(aliases = { column = \"...\", type = \"list\" } in the mapping: \"robotics\", "
                 "\"subtractive manufacturing\"; docs/mapping.md)")


def _read_by(index: RecommenderIndex, focal: list[str], clusters: list[str] | None) -> set[str]:
    """The nodes whose ACTIVE_IN sectors the ranking reads: for organisations, the consortium's nodes without
    projects of their own (`target_profile`; with their clusters when it has none: `consortium_profile`); for
    partner clusters, the bodies of the nodes `clusters` (`cluster_partners.known_by`) profiles."""
    if clusters is not None:
        return {node for key in clusters for node in one_body(index.G, key)}
    context = with_clusters(index, focal) if is_cold(index, index.resolve(focal)) else focal
    return {key for key in context if key in index.G and key not in index.index}


def _own_sectors(G, read: set[str]) -> set[str]:
    """The sectors the nodes `read` (`_read_by`) are ACTIVE_IN: the consortium's own, as both notes count them."""
    return {s for key in read for _, s, t in G.out_edges(key, data="type") if t == "ACTIVE_IN"}


def unbridged_sectors(index: RecommenderIndex, focal: list[str], clusters: list[str] | None = None
                      ) -> tuple[list[str], int]:
    """(the consortium's sectors that match no field and no project's sector, sorted by name; how many sectors the
    ranking reads of it). A sector other clusters work in still ranks partner clusters: it is not listed for them."""
    G, read = index.G, _read_by(index, focal, clusters)
    own = _own_sectors(G, read)
    shared = ({s for s in own for u, _, t in G.in_edges(s, data="type")
               if t == "ACTIVE_IN" and u not in read and G.nodes[u].get("kind") == "Cluster"}
              if clusters is not None else set())
    idle = [s for s in own - shared if _names_no_field(index, s)]
    return sorted(idle, key=lambda s: (reading_order(index.name(s)), s)), len(own)


def _names_no_field(index: RecommenderIndex, sector: str) -> bool:
    return not (is_field(sector) or sector.startswith("Sector:topic:") or sector in index.same_sector
                or sector in index.sector_index)


def _names(index: RecommenderIndex, keys: Iterable[str]) -> str:
    names = [index.name(k) for k in keys]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def unbridged_note(index: RecommenderIndex, focal: list[str], clusters: list[str] | None = None) -> str | None:
    """One sentence naming the consortium's sectors that play no part in the ranking (the first three, and how
    many) and how to bridge them; when none of its sectors plays a part, what the ranking stands on instead. None
    when each of its sectors plays a part (or it has none). `clusters`: the nodes a partner-cluster ranking profiles."""
    idle, read = unbridged_sectors(index, focal, clusters)
    if not idle:
        return None
    who, names, n = index.name(focal[0]) if len(focal) == 1 else "the consortium", _names(index, idle), len(idle)
    if n < read:
        return (f"{n} of {who}'s {read} sectors ({names}) {'match' if n > 1 else 'matches'} no EuroSciVoc field of "
                f"the store and no project's sector, so {'they play' if n > 1 else 'it plays'} no part in this "
                f"ranking: {HOW_TO_BRIDGE}")
    if clusters is not None:
        stands = "shared projects, programmes and places"
    elif is_cold(index, index.resolve(focal)):
        stands = "places and programmes"
    else:
        stands = "its projects (their partners and fields) and places"
    said = (f"{who}'s sector {names} matches no EuroSciVoc field of the store and no project's sector, so it plays"
            if n == 1 else f"none of {who}'s {n} sectors ({names}) matches a EuroSciVoc field of the store or a "
            "project's sector, so they play")
    return f"{said} no part in this ranking, which stands on {stands} alone: {HOW_TO_BRIDGE}"


def members_sectors(index: RecommenderIndex, focal: list[str], clusters: list[str] | None = None
                    ) -> tuple[list[str], list[str], list[str], int]:
    """(the nodes read whose members carry sectors it does not read, those members, their sectors, sorted by name;
    how many members those nodes have). Neither ranking reads a member's own sectors: a member list that puts its
    Sector column on the members (the Basque manager's mapping) leaves the cluster itself with none."""
    G, read = index.G, _read_by(index, focal, clusters)
    own = _own_sectors(G, read)
    members_of = {key: {u for u, _, t in G.in_edges(key, data="type") if t == "MEMBER_OF"} - read for key in read
                  if G.nodes[key].get("kind") in ("Cluster", "Organisation")}  # a programme's members are no body's
    carried = {m: {s for _, s, t in G.out_edges(m, data="type") if t == "ACTIVE_IN"} - own
               for found in members_of.values() for m in found}
    carriers = {m for m, sectors in carried.items() if sectors}
    hubs = [key for key in sorted(members_of) if members_of[key] & carriers]
    by_name = lambda key: (reading_order(index.name(key)), key)  # noqa: E731
    return (hubs, sorted(carriers, key=by_name), sorted(set().union(*carried.values()), key=by_name),
            len(set().union(*(members_of[key] for key in hubs))))


def members_note(index: RecommenderIndex, focal: list[str], clusters: list[str] | None = None) -> str | None:
    """One sentence: how many of the cluster's members carry sectors of their own and which, that the ranking does not
    read them, and how to make them count (the cluster ACTIVE_IN them in the mapping; an aliases column where they
    name no EuroSciVoc field). None when no member carries a sector the ranking does not read."""
    hubs, carriers, sectors, members = members_sectors(index, focal, clusters)
    if not carriers:
        return None
    hub, label = hubs[0], index.G.nodes[hubs[0]].get("kind") or hubs[0].split(":", 1)[0]
    who = index.name(hub) if len(hubs) == 1 else _names(index, hubs)
    idle = [s for s in sectors if _names_no_field(index, s)]  # Automaatio bridges (sector_words): not said of it
    some = (f"{len(idle)} of them {'name' if len(idle) > 1 else 'names'} no EuroSciVoc field ({_names(index, idle)})"
            if len(idle) < len(sectors) else f"{'they name' if len(idle) > 1 else 'it names'} no EuroSciVoc field")
    bridge = f"; as {some}, also {HOW_TO_BRIDGE}" if idle else ""
    kind = label.lower()
    return (f"{len(carriers)} of {who}'s {members} members carry sectors of their own ({_names(index, sectors)}), "
            f"which this ranking does not read (it reads the {kind}'s own sectors, not its members'): to make them "
            f"count, link the {kind} to its sectors in the mapping, a [[relationships]] table from the members' file "
            f"with type = \"ACTIVE_IN\" and start = {{ label = \"{label}\", value = \"{hub.split(':', 1)[1]}\" }}"
            f"{bridge}")


def project_sectors_near(index: RecommenderIndex, key: str) -> tuple[str, list[str]]:
    """(how they were found, up to three project sectors to ask for instead of `key`): those its name nearly spells
    (Automaatio: automation), else those the projects of its holders are most often in, fields before call topics."""
    by_name = {index.name(s): s for s in index.sector_index if not s.startswith("Sector:topic:")}
    if near := nearest(index.name(key), by_name, most=3):
        return "the nearest by name are", [by_name[name] for name in near]
    rows = [index.index[u] for u, _, t in index.G.in_edges(key, data="type") if t == "ACTIVE_IN" and u in index.index]
    counts = np.asarray(index.sector_counts[rows].sum(axis=0)).ravel().tolist() if rows else []
    best = sorted((j for j, n in enumerate(counts) if n), key=lambda j: (index.sector_keys[j].startswith(
        "Sector:topic:"), -counts[j], -len(index.sector_keys[j])))
    return "its organisations' projects are most often in", [index.sector_keys[j] for j in best[:3]]


def sector_of_no_project(index: RecommenderIndex, sector: str, key: str) -> str:
    """Why a sector asked for (`--sector`, the Partners page's sectors) ranks nothing: it is the sector of nodes of
    the store (a member list's Toimiala), but of no project, while only project sectors rank partners; with the
    project sectors nearest to it, by their names, and how to bridge it. A Finnish manager's `--sector Automaatio`
    had been told "is in no project of the graph; its projects' sectors include esv:/23/43/259/777, ..."."""
    holders: dict[str, int] = {}
    for u, _, t in index.G.in_edges(key, data="type") if key in index.G else ():
        if t == "ACTIVE_IN":
            kind = str(index.G.nodes[u].get("kind") or u.split(":", 1)[0]).lower()
            holders[kind] = holders.get(kind, 0) + 1
    whose = " and ".join(f"{n:,} {kind}{'s' * (n != 1)}" for kind, n in sorted(holders.items()))
    how, near = project_sectors_near(index, key)
    said = ", ".join(f"{index.name(s)!r} ({s.removeprefix('Sector:')})" for s in near)
    name = index.name(key) if key in index.G else sector
    return (f"sector {name!r} is the sector of {whose or 'no node'} of the store but of no project, and a sector asked "
            "for ranks partners only when projects are tagged with it (CORDIS's EuroSciVoc fields and call topics, or "
            f"your projects' own){f': {how} {said}' if said else ''}. To make {name} count as a field, {HOW_TO_BRIDGE}")
