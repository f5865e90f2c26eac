"""Take one load's data out of the store again: what only it brought goes, what others brought too stays.

Every node and relationship carries `sources`, the ids of the files that gave it (`seed:001`,
`cordis:projects.csv`, `user:grants/grants.csv`). Unloading a source removes the nodes and relationships
whose every source is one of its files, takes its files off the `sources` of the rest, and deletes its
`Source` records and its entries of the load log, last: a run stopped half-way leaves the load in the log,
and running the unload again finishes it (each step removes only what is still there). Properties a load
set on a node that another load brought too stay as they are (the store does not know which load set which
value). The derived facts are derived again by the caller (`loaders.pipeline.run_unload`).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import ClusterExplorerError
from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.reads import last_loads
from graph.store.writer import Progress

__all__ = ["UnloadSummary", "source_prefix", "unload_source"]

_BATCH = 20_000  # per statement: a step over a whole 10x store stays far from the store's time limit
#: The record sources of the built-in loaders (`loaders.seeds`, `loaders.nuts`, `loaders.cordis`).
_PREFIXES = {"seeds": "seed:", "nuts": "nuts:", "cordis": "cordis:"}


_KINDS = [("nodes",), ("relationships",)]


def _pattern(what: str) -> str:
    return {"nodes": "(x)", "relationships": "()-[x]->()"}[what]


@cypher.statement(_KINDS)
def only_from(what: str) -> str:
    """Up to `$batch` nodes or relationships whose every source starts with `$prefix`, deleted (nodes with their
    relationships)."""
    return (f"MATCH {_pattern(what)} WHERE size(x.sources) > 0 AND all(s IN x.sources WHERE s STARTS WITH $prefix)\n"
            f"WITH x LIMIT $batch {'DETACH ' if what == 'nodes' else ''}DELETE x RETURN count(*) AS done")


@cypher.statement(_KINDS)
def sources_without(what: str) -> str:
    """Up to `$batch` nodes or relationships with a source starting with `$prefix` (and others), that source
    taken off their `sources`."""
    return (f"MATCH {_pattern(what)} WHERE any(s IN x.sources WHERE s STARTS WITH $prefix)\n"
            "WITH x LIMIT $batch SET x.sources = [s IN x.sources WHERE NOT s STARTS WITH $prefix]\n"
            "RETURN count(*) AS done")


@cypher.statement()
def sources_of() -> str:
    """Up to `$batch` of the load's `Source` records (ids starting with `$prefix`), deleted."""
    return "MATCH (n:Source) WHERE n.id STARTS WITH $prefix WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS done"


@cypher.statement()
def log_entries_of() -> str:
    """Up to `$batch` of the load log's entries of `$source`, deleted: the source may be loaded again."""
    return "MATCH (l:Load) WHERE l.source = $source WITH l LIMIT $batch DETACH DELETE l RETURN count(*) AS done"


@cypher.statement()
def activity_without_participations() -> str:
    """Activity counts taken off up to `$batch` organisations left without any participation (they are
    recounted from `PARTICIPATES_IN`, which only an unload removes)."""
    return ("MATCH (o:Organisation) WHERE o.participations IS NOT NULL\n"
            "OPTIONAL MATCH (o)-[r:PARTICIPATES_IN]->()\n"
            "WITH o, count(r) AS left WHERE left = 0\n"
            "WITH o LIMIT $batch REMOVE o.participations, o.projects, o.coordinated_projects, o.coordinated_partners, "
            "o.contribution_total\n"
            "RETURN count(o) AS changed")


@dataclass
class UnloadSummary:
    """What one unload removed or changed."""

    source: str
    nodes_removed: int = 0
    relationships_removed: int = 0
    nodes_kept: int = 0  # brought by other loads too: only this load's files taken off their sources
    relationships_kept: int = 0


def source_prefix(source: str) -> str:
    """The start of the record sources of a load's files: `seed:` for "seeds", `user:grants/` for "user:grants"."""
    return _PREFIXES.get(source, f"{source}/")


def _repeat(store: GraphStore, statement: str, params: dict) -> int:
    """Run a batched statement until it finds nothing left; the total it did."""
    total = 0
    while True:
        done = store.write(statement, {**params, "batch": _BATCH}).rows[0][0]
        total += done
        if done < _BATCH:
            return total


def unload_source(store: GraphStore, source: str, progress: Progress | None = None) -> UnloadSummary:
    """Remove what load `source` (as the load log and `status` name it) brought; raises when the log holds no
    load of that name. The caller holds the store for it, as for a load. `progress(steps done, steps)` after each
    of its seven steps (at 10x a step over every relationship takes seconds)."""
    loaded = {load["source"] for load in last_loads(store, limit=10**6)}
    if source not in loaded:
        raise ClusterExplorerError(f"the load log holds no load {source!r}; loaded: {', '.join(sorted(loaded))}"
                                   if loaded else f"the load log holds no load {source!r}: nothing is loaded")
    params = {"prefix": source_prefix(source), "source": source}
    steps = [only_from("relationships"), sources_without("relationships"), only_from("nodes"),
             sources_without("nodes"), activity_without_participations(), sources_of(),
             log_entries_of()]  # last: until it runs the log still names the load
    done = []
    for step, statement in enumerate(steps, start=1):
        done.append(_repeat(store, statement, params))
        if progress is not None:
            progress(step, len(steps))
    summary = UnloadSummary(source)
    summary.relationships_removed, summary.relationships_kept, summary.nodes_removed, summary.nodes_kept = done[:4]
    return summary
