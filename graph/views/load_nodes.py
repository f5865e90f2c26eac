"""What one load brought, for the "this load's nodes" choice of Explore and the Map.

A node records the files that gave it in `sources` (`graph.store.writer`); a load's files are those an unload takes
back (`graph.store.load_files`: their ids start with `user:grants/` for the load `user:grants`, and `user:dk`'s leave
out those of a load `user:dk/2024` loaded before names with `/` were refused, which it had listed too). Explore
selects by internal id (`store_selection`, the `brought_by` read); the Map's aggregates are keyed `Kind:id`, so it
asks for the organisations and clusters by key here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.store import view_cypher as q
from graph.store.contract import GraphStore
from graph.store.load_files import params_of
from graph.store.load_log import UNLOADING
from graph.store.schema import node_key

__all__ = ["loads_offered", "actors_brought_by", "kinds_brought_by", "places_only"]


def loads_offered(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    """The loads of the log (`graph.store.reads.last_loads`, newest first) that one can choose: each source once,
    newest first, and none being unloaded (its nodes are on their way out).

    >>> loads_offered([{"source": "user:grants"}, {"source": "seeds"}, {"source": "user:grants"},
    ...                {"source": "user:old", "status": "unloading"}])
    ['user:grants', 'seeds']
    """
    return list(dict.fromkeys(str(e["source"]) for e in entries if e.get("source") and e.get("status") != UNLOADING))


def actors_brought_by(store: GraphStore, source: str) -> frozenset[str]:
    """The keys (`Cluster:id`, `Organisation:id`) of the organisations and clusters the load `source`'s files gave,
    whether other loads gave them too or not (a load named under its name, `user:dk/2024` under `user:dk`, is another
    load)."""
    rows = store.read(q.ACTORS_BROUGHT_BY, params_of(store, source), row_cap=10**8, timeout_s=60).rows
    return frozenset(node_key(kind, node_id) for kind, node_id in rows)


def kinds_brought_by(store: GraphStore, source: str) -> dict[str, int]:
    """How many nodes of each kind the load `source`'s files gave, most first; its files' own `Source` nodes (and the
    load log's) are bookkeeping, not counted."""
    rows = store.read(q.KINDS_BROUGHT_BY, params_of(store, source), timeout_s=60).rows
    return dict(sorted(((str(kind), int(nodes)) for kind, nodes in rows if kind and kind not in ("Source", "Load")),
                       key=lambda r: (-r[1], r[0])))


def places_only(kinds: Mapping[str, int]) -> bool:
    """Whether a load's nodes (`kinds_brought_by`) are places alone: regions and countries, as a NUTS load's.

    >>> places_only({"Region": 12, "Country": 3}), places_only({"Region": 1, "Organisation": 2}), places_only({})
    (True, False, False)
    """
    return bool(kinds) and set(kinds) <= {"Region", "Country"}
