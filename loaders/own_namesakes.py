"""The note a load of the tool's own data (the seeds, CORDIS, `load sample`) gives when the store holds the user's own
tables: nodes it made that have the name of one of the user's nodes, and stay apart from it.

A cluster list loaded before `load sample` keeps its `ARENA` beside the seeds' `arena`, and its partners beside
CORDIS's organisations of the same name: two nodes a search finds twice, and a query by the seeds' id finds none of
the user's clusters. Only a re-run of the user's load said so (`loaders.generic_held_namesakes`); the load that made
the pairs said nothing. Per label, one read of the user's nodes, then the name look-up and the sources of the loaders'
matching by name (`loaders.generic_ends`, in batches); only when a user's load is in the store.
"""

from __future__ import annotations

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.wording import first_few
from loaders.generic_ends import named_in_any_case, sources_of

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
        named = named_in_any_case(store, label, {name for name, _ in own.values()})
        given = sources_of(store, label, {node_id for hits in named.values() for node_id, _ in hits} - own.keys())
        others = {name: ids for name, hits in named.items()
                  if (ids := [node_id for node_id, _ in hits if node_id in given and not _loads(given[node_id])])}
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
