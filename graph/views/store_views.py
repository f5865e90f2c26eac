"""The app's views read from the store: counts, filter choices, search, a view's nodes, a node's details.

Opening the app no longer reads the whole graph into Python: each view asks the store for what it
shows, with the reads of `graph.store.view_cypher`, and gets back a small networkx graph in the same
shape as `graph.store.reads.to_networkx` (nodes keyed `Kind:id` with `labels` and the properties a drawing
uses, edges with `type`: `graph.views.store_graph`), so `graph.views.render` and `filters.cap_view` work on it
unchanged; `store_graph.with_all_properties` gives the same view with every property, for `exports`.

A view is at most `cap` nodes:
* **focus**: the focus nodes and their neighbourhood to `depth`, level by level, each level bounded;
* **filters** (place, programme, label, sector, years, load): the rule of `graph.views.filters` (actors, projects
  and a load's nodes are selected; context nodes come along), as ids (`store_selection`), the most active actors
  first, then the projects linking them (`filtered_room`), at most `cap` fetched;
* **kinds only**: some nodes of each chosen kind;
* **nothing chosen** (`is_clusters_view`): the clusters, whom they share most projects with (`SHARED_PROJECTS`
  edges, one per shared project, so the drawing makes the strongest thick) and their labels and programmes.

Each bounded read asks for one row more than the room left, so a view knows whether the cap cut it
(`was_cut`) at the cost of a row per read, never by counting what it left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.collation import reading_order
from graph.errors import ParameterError
from graph.store import view_cypher as q
from graph.store.contract import BOOKKEEPING, GraphStore
from graph.store.cypher import count_label
from graph.store.schema import KIND_ORDER, NODE_LABELS, node_key
from graph.views import filtered_room, store_selection, store_window
from graph.views.filters import ACTOR_KINDS, DEFAULT_KINDS, FilterOptions, Filters, display_name
from graph.views.formatting import choice_label
from graph.views.node_search import search_hits
from graph.views.store_graph import EDGES_CUT, nodes_by_key, view_graph

__all__ = ["NodeCounts", "node_counts", "filter_options", "project_years", "search", "names_of", "explore_view",
           "is_clusters_view", "was_cut", "kept_first", "edges_were_cut", "EDGE_LIMIT", "node_details",
           "present_properties", "SHARED"]

SHARED = "SHARED_PROJECTS"
CUT = "cut_at_cap"  # the view graph's attribute (`graph.graph`) saying more nodes answered than it shows
EDGE_LIMIT = 20_000  # the most relationships a view reads among its nodes (a 5,000-node view had 17,269)
_CORE = ACTOR_KINDS | {"Project"}


@dataclass(frozen=True)
class NodeCounts:
    """Nodes per kind (each node once) and the extra labels some carry (SME; a Cluster is an Organisation)."""

    kinds: dict[str, int]
    extra_labels: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


def node_counts(store: GraphStore) -> NodeCounts:
    kinds = {kind: n for kind, n in store.read(q.KIND_COUNTS).rows if kind}
    labelled = {label: store.read(count_label(label)).rows[0][0] for label in ("SME", "Cluster", "Organisation")}
    extra = {label: n - kinds.get(label, 0) for label, n in labelled.items()}  # carried beyond the node's kind
    return NodeCounts({k: kinds[k] for k in KIND_ORDER if kinds.get(k)}, {k: v for k, v in extra.items() if v})


def filter_options(store: GraphStore, limit: int = 10_000) -> FilterOptions:
    """Choices for the filter widgets, as `graph.views.filters.filter_options` gives them, from the store."""
    def pairs(label: str) -> list[tuple[str, str]]:  # by name as read: the store's ORDER BY is byte-wise (Å after Z)
        rows = store.read(q.options_of(label), {"limit": limit}, row_cap=limit).rows
        return sorted(((node_key(label, i), choice_label(name, i)) for i, name in rows),
                      key=lambda pair: reading_order(pair[1]))

    kinds = [k for k in node_counts(store).kinds if k]
    return FilterOptions(kinds=kinds, places=pairs("Country") + sorted(pairs("Region")),
                         programmes=pairs("Programme"), labels=pairs("QualityLabel"), sectors=pairs("Sector"),
                         years=project_years(store))


def project_years(store: GraphStore) -> tuple[int, int] | None:
    """The first year a project starts and the last it runs (the time slider's bounds); None without dates."""
    (first, last), = store.read(q.YEARS).rows or [(None, None)]
    return (int(str(first)[:4]), int(str(last)[:4])) if first and last else None


def search(store: GraphStore, text: str, limit: int = 20, kinds: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """`(key, name)` of nodes whose name, id, acronym or alias contains `text` (accents and case ignored), best
    first (`graph.views.node_search.search_hits`, which says their kinds and other names too)."""
    return [(hit.key, hit.name) for hit in search_hits(store, text, limit, kinds)]


def names_of(store: GraphStore, keys: Iterable[str]) -> dict[str, str]:
    """Key -> display name of the nodes named by `keys` that exist."""
    return dict(nodes_by_key(store, keys).values())


# -- which nodes a view shows ----------------------------------------------------------------------
def _expand(store: GraphStore, nodes: Iterable[int], kinds: Iterable[str], seen: Iterable[int],
            limit: int) -> dict[int, str]:
    if limit <= 0:
        return {}
    params = {"nodes": list(nodes), "kinds": list(kinds), "seen": list(seen), "limit": limit}
    return {row[0]: row[1] for row in store.read(q.NEIGHBOURS, params, row_cap=limit).rows}


def _chosen(store: GraphStore, filters: Filters, focus: dict[int, tuple[str, str]] | None, depth: int,
            cap: int) -> tuple[dict[int, str], bool]:
    """The nodes to show, nearest or most relevant first (at most `cap + 1`), and whether the cap cut them; `focus`:
    the focused nodes as `store_graph.nodes_by_key` gives them (None: no focus)."""
    kinds = list(filters.kinds) or list(DEFAULT_KINDS)
    if focus is not None:
        shown = {n: key.split(":", 1)[0] for n, (key, _) in focus.items()}
        centres, frontier = set(shown), list(shown)
        for _ in range(depth):
            frontier = list(_expand(store, frontier, kinds, shown, cap + 1 - len(shown)).items())
            shown.update(frontier)
            frontier = [n for n, _ in frontier]
        cut = len(shown) > cap
        if filters.restricts:  # a window keeps its projects; the other filters choose organisations and clusters
            shown = store_window.kept_around_focus(shown, centres, filters, lambda f: _selected(store, f))
        return shown, cut
    if filters.restricts:
        matching = {n: k for n, k in _selected(store, filters).items() if k in kinds}
        shown = filtered_room.fill_room(store, matching, cap)
        core = list(shown)
        alone = filters == Filters(filters.kinds, load=filters.load)  # a load alone: its whole neighbourhood
        context = kinds if alone else [k for k in kinds if k not in _CORE]
        chosen = nodes_by_key(store, filters.places + filters.programmes + filters.labels + filters.sectors)
        shown.update({n: key.split(":", 1)[0] for n, (key, _) in chosen.items() if key.split(":", 1)[0] in kinds})
        shown.update(_expand(store, core, context, shown, cap + 1 - len(shown)))
        return shown, len(matching) > len(core) or len(shown) > cap
    return _of_kinds(store, kinds, cap)


def _of_kinds(store: GraphStore, kinds: list[str], cap: int) -> tuple[dict[int, str], bool]:
    """Up to `cap` nodes of `kinds`, shared out evenly; a kind with fewer nodes than its share leaves the rest to
    the others (a round of reads more per kind that ran out), so the view holds `cap` nodes whenever it is cut."""
    rows_of: dict[str, list] = {}
    short = list(kinds)  # the kinds that filled their share: they may take more
    while short:
        room = max(cap - sum(len(rows_of[k]) for k in rows_of if k not in short), len(short))
        shares = {kind: room // len(short) + (i < room % len(short)) for i, kind in enumerate(short)}
        for kind, share in shares.items():
            label = "Organisation" if kind == "Cluster" else kind
            rows = store.read(q.of_kind(label), {"kind": kind, "limit": share + 1}, row_cap=share + 1).rows
            rows_of[kind] = rows
        still = [k for k in short if len(rows_of[k]) > shares[k]]
        for kind in short:
            rows_of[kind] = rows_of[kind][:shares[kind]]
        if len(still) == len(short):  # every kind left fills its share: the cap is reached
            return {row[0]: row[1] for kind in kinds for row in rows_of[kind]}, True
        short = still
    return {row[0]: row[1] for kind in kinds for row in rows_of[kind]}, False


def _selected(store: GraphStore, filters: Filters) -> dict[int, str]:
    found = store_selection.selected(store, filters)
    if found is None:
        raise ParameterError(f"these filters select more than {store_selection.ID_ROWS:,} nodes, too many to draw "
                             "a view from; narrow them (a place, a programme, a sector, a shorter time window) or "
                             "search a name to focus on it")
    return found


def _clusters_view(store: GraphStore, cap: int, partners: int) -> nx.MultiDiGraph:
    """The default view: clusters, their strongest collaborations, their labels and programmes."""
    shown = {row[0]: row[1] for row in store.read(q.of_label("Cluster"), {"limit": cap + 1}, row_cap=cap + 1).rows}
    pairs = store.read(q.CLUSTER_PARTNERS, {"limit": partners * 2}, row_cap=partners * 2).rows
    strongest: dict[frozenset[int], tuple[int, int, int]] = {}
    for cluster, partner, shared in pairs:
        strongest.setdefault(frozenset((cluster, partner)), (cluster, partner, shared))
    links = list(strongest.values())[:partners]
    clusters = list(shown)
    shown.update({p: "Organisation" for _, p, _ in links if p not in shown})
    shown.update(_expand(store, clusters, ["QualityLabel", "Programme"], shown, cap + 1 - len(shown)))
    graph, ids = view_graph(store, list(shown)[:cap], Filters(), EDGE_LIMIT, starts=clusters)
    graph.graph[CUT] = len(shown) > cap
    for cluster, partner, shared in links:
        if ids.get(cluster) in graph and ids.get(partner) in graph:
            for number in range(shared):
                graph.add_edge(ids[cluster], ids[partner], key=f"{SHARED}:{number}", type=SHARED)
    return graph


def is_clusters_view(store: GraphStore, filters: Filters, focus: tuple[str, ...] = ()) -> bool:
    """Whether Explore shows its default view, the clusters and their partners: nothing focused or filtered, and
    every default kind the store holds chosen (the sidebar's default; a user's own table lacks some kinds, and
    its default selection is still the default view). Reads only the counts of default kinds not chosen."""
    if focus or filters.restricts:
        return False
    chosen = set(filters.kinds)
    return all(store.read(count_label(kind)).rows[0][0] == 0 for kind in DEFAULT_KINDS if kind not in chosen)


def explore_view(store: GraphStore, filters: Filters | None = None, focus: tuple[str, ...] = (), depth: int = 1,
                 cap: int = 1000, partners: int = 150) -> nx.MultiDiGraph:
    """The Explore view (see the module docstring), at most `cap` nodes; `was_cut` says whether more answered."""
    filters = filters or Filters()
    if not 0 <= depth <= 3:
        raise ParameterError(f"depth must be between 0 and 3, not {depth}")
    if is_clusters_view(store, filters, focus):
        return _clusters_view(store, cap, partners)
    centres = nodes_by_key(store, focus) if focus else None
    chosen, cut = _chosen(store, filters, centres, depth, cap)
    graph = view_graph(store, list(chosen)[:cap], filters, EDGE_LIMIT)[0]
    graph.graph.update({CUT: cut, store_window.FILTERED_OUT: getattr(chosen, "dropped", 0),
                        filtered_room.KEPT: getattr(chosen, "kept", None)})
    if centres is not None and (filters.start or filters.end):
        graph = store_window.linked_to_focus(graph, [key for key, _ in centres.values()], depth)
    return graph


def was_cut(view: nx.Graph) -> bool:
    """Whether `explore_view` stopped at its cap: more nodes answered its reads than the view shows."""
    return bool(view.graph.get(CUT))


def kept_first(view: nx.Graph) -> str:
    """What a filtered view kept first when the cap cut it (`filtered_room.Kept.describe`), a sentence and a space
    to set before the cut note's last one; "" for other views (a focus, kinds alone) and views not cut."""
    kept = view.graph.get(filtered_room.KEPT)
    return f"{kept.describe()} " if kept and was_cut(view) else ""


def edges_were_cut(view: nx.Graph) -> bool:
    """Whether the view's nodes have more than `EDGE_LIMIT` relationships among them: it shows that many."""
    return bool(view.graph.get(EDGES_CUT))


# -- one node ------------------------------------------------------------------------------------
def node_details(store: GraphStore, key: str, limit: int = 500) -> dict[str, Any] | None:
    """What `graph.views.filters.node_details` gives, from the store; at most `limit` neighbours each way."""
    kind, _, node_id = key.partition(":")
    if kind not in NODE_LABELS:
        return None
    rows = store.read(q.details(kind), {"id": node_id}).rows
    if not rows:
        return None
    labels, props = rows[0]
    neighbours = []
    for direction in ("out", "in"):
        found = store.read(q.neighbours_of(kind, direction == "out"), {"id": node_id, "limit": limit}).rows
        neighbours += [{"direction": direction, "type": t, "key": node_key(k, i), "name": str(name or i), "kind": k}
                       for t, k, i, name in found]
    neighbours.sort(key=lambda n: (n["type"], n["name"].casefold()))
    hidden = {"name", "kind", "labels", "sources", *BOOKKEEPING}
    return {"key": key, "name": display_name(key, props), "kind": props.get("kind", kind), "labels": list(labels),
            "sources": list(props.get("sources") or []), "neighbours": neighbours,
            "properties": {k: v for k, v in sorted(props.items()) if k not in hidden}}


def present_properties(store: GraphStore, names: Iterable[str]) -> list[str]:
    """Which of `names` some node carries (the metrics written back, to size nodes by)."""
    present = {row[0] for row in store.read(q.PROPERTY_KEYS, row_cap=100_000).rows}
    return [name for name in names if name in present]
