"""The note a load of the tool's own data (the seeds, CORDIS, `load sample`) gives when the store holds the user's own
tables: nodes it made that have the name of one of the user's nodes, and stay apart from it.

A cluster list loaded before `load sample` keeps its `ARENA` beside the seeds' `arena`, and its partners beside
CORDIS's organisations of the same name: two nodes a search finds twice, and a query by the seeds' id finds none of
the user's clusters. Only a re-run of the user's load said so (`loaders.generic_held_namesakes`); the load that made
the pairs said nothing. One read per label of the user's nodes, one of their names, only when a user's load is in the
store.
"""

from __future__ import annotations

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.wording import first_few

__all__ = ["own_namesakes", "USER_PREFIX"]

#: The sources of a user's load (`user:klynger/klynger.csv`), and the labels whose namesakes are worth a word:
#: projects and people share names by right, places are matched by their codes.
USER_PREFIX = "user:"
_LABELS = ("Programme", "Organisation", "Sector", "QualityLabel")
_ROWS = 10**7


USER_LOADS = cypher.fixed_statement(__name__, "USER_LOADS", """\
MATCH (n:Load) WHERE n.source STARTS WITH $prefix RETURN n.source AS source LIMIT 1""")


@cypher.statement(lambda: [(label,) for label in _LABELS])
def users_nodes(label: str) -> str:
    """The `label` nodes one of the user's loads gave (a source starting with `$prefix`)."""
    return (f"MATCH (n:{cypher.check_label(label)}) WHERE any(s IN n.sources WHERE s STARTS WITH $prefix) "
            "RETURN n.id AS id, n.name AS name, n.sources AS sources")


@cypher.statement(lambda: [(label,) for label in _LABELS])
def named_with_sources(label: str) -> str:
    """The `label` nodes whose name, in lower case, is among `$names`, with their sources."""
    return (f"MATCH (n:{cypher.check_label(label)}) WHERE toLower(n.name) IN $names "
            "RETURN toLower(n.name) AS name, n.id AS id, n.sources AS sources")


def _loads(sources: list[str] | None) -> set[str]:
    return {s.split("/")[0] for s in sources or [] if s.startswith(USER_PREFIX)}


def own_namesakes(store: GraphStore) -> list[str]:
    """One note on the nodes of the store that none of the user's loads gave and that have the name, in any case, of
    a node one gave (Programme `arena` of the seeds beside a cluster list's `ARENA`); [] when there is none, or no
    user's load is in the store."""
    if not store.read(USER_LOADS, {"prefix": USER_PREFIX}, row_cap=1).rows:
        return []
    found: list[tuple[str, str, str, list[str], set[str]]] = []  # label, user's id and name, other ids, user's loads
    for label in _LABELS:
        own = {node_id: (name, sources) for node_id, name, sources in store.read(
            users_nodes(label), {"prefix": USER_PREFIX}, row_cap=_ROWS).rows if name}
        if not own:
            continue
        others: dict[str, list[str]] = {}
        rows = store.read(named_with_sources(label), {"names": sorted({n.lower() for n, _ in own.values()})},
                          row_cap=_ROWS).rows
        for name, node_id, sources in rows:
            if node_id not in own and not _loads(sources):
                others.setdefault(name, []).append(node_id)
        found += [(label, node_id, name, sorted(others[name.lower()]), _loads(sources))
                  for node_id, (name, sources) in sorted(own.items()) if name.lower() in others]
    if not found:
        return []
    loads = sorted({load for *_, made_by in found for load in made_by})

    def shown(hit: tuple[str, str, str, list[str], set[str]]) -> str:
        label, node_id, name, ids, _ = hit
        return f"{label} {name!r} (id {node_id!r}, yours) beside {first_few(ids, 3, sep=' / ')}"

    return [f"{len(found)} node(s) of your own tables have the name of a node this load made, and stay apart from it "
            f"(a search finds both, each with its own links only): {first_few(found, 5, shown)}; to "
            f"make each pair one node, take out your load(s) ({', '.join(loads)}: `cluster-explorer unload SOURCE`, "
            "or the Data page's Take a load out) and load them again: a table mapped with match = \"name\" then "
            "takes the store's node of that name"]
