"""Which of the nodes Explore's filters select fill a view when more match than "Max nodes" holds.

The selection (`graph.views.store_selection`) comes as internal ids, unordered. Kept by id, the projects came
first (a CORDIS load writes them before the organisations): Sweden's view at 1,000 nodes held 720 projects and 2
organisations, when whoever filters by a country looks for its organisations and clusters. So the room (three
quarters of the cap; `graph.views.store_views` adds the places, programmes, labels and sectors in the rest) is filled:

1. the matching clusters, then organisations, most active first (participations, then projects: the counts
   `loaders.derived` stores), in at most half the cap when projects match too;
2. the matching projects that link those actors, chosen so that as many of them as the room allows are linked
   (each next project the one that links most actors not yet linked, ties by how many it links): ranked by how many
   actors each links alone, the 250 projects of Sweden's view had left 174 of its 472 organisations unlinked;
3. more actors, if the projects leave room; then a load's other nodes (*This load's nodes* alone selects any kind).

A part that fits whole costs no read; otherwise one read ranks it (`ACTIVITY`, `PROJECTS_LINKING`). `Kept` says how
many of each were kept, for the note that says the cap cut the view.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from graph.store import view_cypher as q
from graph.store.contract import GraphStore
from graph.views.filters import ACTOR_KINDS

__all__ = ["Kept", "KeptFirst", "fill_room", "KEPT"]

KEPT = "kept_first"  # the view graph's attribute (`graph.graph`): the `Kept` of a filtered view
_RANK_ROWS = 1_000_000  # as `store_selection.ID_ROWS`: one row per project of the kept actors


@dataclass(frozen=True)
class Kept:
    """How many actors and projects a filtered view kept, of how many matched."""

    actors: int
    actors_matching: int
    projects: int
    projects_matching: int

    def describe(self) -> str:
        """One sentence for the cut note: what the view kept first.

        >>> Kept(500, 809, 250, 2250).describe()
        'It keeps first the 500 most active of the 809 matching organisations and clusters (clusters first), then \
250 of the 2,250 matching projects, those linking most of them, then the places, programmes, labels and sectors \
these link to.'
        """
        actors = (f"all {self.actors_matching:,} matching organisations and clusters"
                  if self.actors == self.actors_matching else
                  f"the {self.actors:,} most active of the {self.actors_matching:,} matching organisations and "
                  "clusters (clusters first)")
        projects = "" if not self.projects_matching else (
            f", then all {self.projects_matching:,} matching projects" if self.projects == self.projects_matching else
            f", then {self.projects:,} of the {self.projects_matching:,} matching projects, those linking most of them")
        return f"It keeps first {actors}{projects}, then the places, programmes, labels and sectors these link to."


class KeptFirst(dict):
    """The nodes `fill_room` keeps (id -> kind), in that order, and how many of each part (`kept`)."""

    kept: Kept | None = None


def fill_room(store: GraphStore, matching: dict[int, str], cap: int) -> KeptFirst:
    """The nodes of `matching` (id -> kind) a view of `cap` nodes keeps first, in the order above."""
    room = max(cap * 3 // 4, 1)
    actors = [n for n, kind in matching.items() if kind in ACTOR_KINDS]
    projects = [n for n, kind in matching.items() if kind == "Project"]
    others = sorted(n for n, kind in matching.items() if kind not in ACTOR_KINDS and kind != "Project")
    actor_room = min(room, max(cap // 2, 1)) if projects else room
    ranked = _most_active(store, actors, matching) if len(actors) > actor_room else actors
    first = ranked[:actor_room]
    linking = _linking(store, first, projects, room - len(first))
    more = ranked[actor_room:actor_room + room - len(first) - len(linking)]
    rest = others[:room - len(first) - len(linking) - len(more)]
    room_kept = KeptFirst({n: matching[n] for n in (*first, *more, *linking, *rest)})
    room_kept.kept = Kept(len(first) + len(more), len(actors), len(linking), len(projects))
    return room_kept


def _most_active(store: GraphStore, actors: list[int], kinds: dict[int, str]) -> list[int]:
    activity = {node: (participations or 0, projects or 0) for node, participations, projects in
                store.read(q.ACTIVITY, {"nodes": actors}, row_cap=len(actors)).rows}
    return sorted(actors, key=lambda n: (kinds[n] != "Cluster", *(-count for count in activity.get(n, (0, 0))), n))


def _linking(store: GraphStore, actors: list[int], projects: list[int], room: int) -> list[int]:
    if len(projects) <= room:
        return projects
    matching = set(projects)
    rows = store.read(q.PROJECTS_LINKING, {"nodes": actors}, row_cap=_RANK_ROWS).rows if actors else []
    links: dict[int, set[int]] = {}
    for node, actor in rows:
        if node in matching:
            links.setdefault(node, set()).add(actor)
    chosen = linking_most(links, room)
    taken = set(chosen)
    return chosen + sorted((n for n in projects if n not in taken), key=lambda n: (-len(links.get(n, ())), n)
                           )[:room - len(chosen)]


def linking_most(links: dict[int, set[int]], room: int) -> list[int]:
    """At most `room` of `links` (project -> the actors it links), each next the one linking most actors the chosen
    ones do not (ties: most actors, then the smaller id): the greedy cover, with stale gains put back in the heap.

    >>> linking_most({1: {10, 11, 12}, 2: {10, 11}, 3: {13}, 4: {12, 13}}, 2)
    [1, 4]
    """
    heap = [(-len(actors), -len(actors), node) for node, actors in links.items()]
    heapq.heapify(heap)
    chosen: list[int] = []
    linked: set[int] = set()
    while heap and len(chosen) < room:
        gain, size, node = heapq.heappop(heap)
        now = len(links[node] - linked)
        if now == 0:
            continue
        if now < -gain:  # others were chosen since: ranked again by what it still adds
            heapq.heappush(heap, (-now, size, node))
            continue
        chosen.append(node)
        linked |= links[node]
    return chosen
