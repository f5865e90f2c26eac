"""Take one load's data out of the store again: what only it brought goes, what others brought too stays.

Every node and relationship carries `sources`, the ids of the files that gave it (`seed:001`,
`cordis:projects.csv`, `user:grants/grants.csv`). Unloading a source removes the nodes and relationships
whose every source is one of its files, takes its files off the `sources` of the rest, and deletes its
`Source` records and its entries of the load log, last: a run stopped half-way leaves the load in the log,
and running the unload again finishes it (each step removes only what is still there). A node other loads
wrote too gets the values they gave it (`graph.store.given`), and a country another load held back for a region
this load gave the node is written (`graph.store.held_back`): the store is as the loads left would have made it.
The derived facts are derived again by the caller (`loaders.pipeline.run_unload`).

A node only this load brought that another load's relationships reach stays, theirs now (`adopted`): a
grants table made the region `NO-Telemark`, an organisations table placed its own rows there without
bringing the region again, and unloading the grants took the region and, with it, the other table's
`LOCATED_IN`. The derived facts' relationships (sources `rule:...`) keep nothing: they are derived again.
Whatever the unload changes loses its digest (`_hash`), so loading the same files again compares it property
by property and gives the load's files back to it (with the digest kept, the values an unload leaves made
a re-load find it "unchanged", and its sources stayed short).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from graph.errors import ClusterExplorerError
from graph.store import cypher
from graph.store.contract import HASH_PROPERTY, GraphStore
from graph.store.given import Restored
from graph.store.given_rels import values_and_rels_without
from graph.store.held_back import give_back, give_back_codes, held_of_others
from graph.store.load_files import nested_prefixes, source_prefix
from graph.store.load_files import of_load as _mine  # the rule "This load's nodes" reads by too
from graph.store.load_log import UNLOADING, interrupted_loads, next_seq, now_stamp
from graph.store.reads import last_loads
from graph.store.writer import Progress

__all__ = ["UnloadSummary", "refuse_unlogged", "source_prefix", "nested_prefixes", "unload_source", "take_off"]

_BATCH = 20_000  # per statement: a step over a whole 10x store stays far from the store's time limit
#: The start of the sources of derived relationships (`rule:entity-resolution`): derived again after an unload.
_DERIVED = "rule:"


_KINDS = [("nodes",), ("relationships",)]


def _pattern(what: str) -> str:
    return {"nodes": "(x)", "relationships": "()-[x]->()", "links": "()-[x]->()"}[what]


@cypher.statement([*_KINDS, ("links",)])
def only_from(what: str) -> str:
    """Up to `$batch` nodes or relationships whose every source starts with `$prefix`, deleted (nodes with their
    relationships); `links`: the relationships but `PART_OF` (deleted first, so that looking for what other loads
    reach expands only what is left: 12 s less at 10x). `kinds`: the types of the relationships deleted, or the
    labels of the nodes deleted (lists): what the derived facts made again after the unload are chosen by
    (`loaders.unload_due`)."""
    where = ("type(x) <> 'PART_OF' AND " if what == "links" else "") + (
        f"size(x.sources) > 0 AND all(s IN x.sources WHERE {_mine('s')})")
    if what == "nodes":  # the relationships such a node still has are derived (`SAME_AS`, of an Organisation
        # or a Cluster, which its label names): looking at them doubled the step at 10x (4.3 s to 8.8 s)
        return (f"MATCH (x) WHERE {where}\nWITH x, labels(x) AS kinds LIMIT $batch DETACH DELETE x\n"
                "RETURN count(*) AS done, collect(DISTINCT kinds) AS kinds")
    return (f"MATCH ()-[x]->() WHERE {where}\nWITH x, type(x) AS kind LIMIT $batch DELETE x\n"
            "RETURN count(*) AS done, collect(DISTINCT kind) AS kinds")


@cypher.statement(_KINDS)
def sources_without(what: str) -> str:
    """Up to `$batch` nodes or relationships with a source starting with `$prefix` (and others), that source
    taken off their `sources`."""
    return (f"MATCH {_pattern(what)} WHERE any(s IN x.sources WHERE {_mine('s')})\n"
            f"WITH x LIMIT $batch SET x.sources = [s IN x.sources WHERE NOT {_mine('s')}], "
            f"x.{HASH_PROPERTY} = NULL\nRETURN count(*) AS done")


@cypher.statement()
def adopted() -> str:
    """Up to `$batch` nodes whose every source starts with `$prefix` that relationships of other loads reach
    (their sources, this load's and derived ones starting with `$derived` left out), given those loads' sources."""
    return (f"MATCH (x) WHERE size(x.sources) > 0 AND all(s IN x.sources WHERE {_mine('s')})\n"
            "MATCH (x)-[r]-()\n"
            f"WITH x, [s IN r.sources WHERE NOT s STARTS WITH $derived AND NOT {_mine('s')}] AS theirs\n"
            "WHERE size(theirs) > 0\n"
            "WITH x, collect(theirs) AS lists LIMIT $batch\n"
            "SET x.sources = reduce(acc = [], l IN lists | acc + [s IN l WHERE NOT s IN acc]), "
            f"x.{HASH_PROPERTY} = NULL\n"
            "RETURN count(*) AS done")


@cypher.statement()
def adopted_parents() -> str:
    """Up to `$batch` `PART_OF` relationships only this load brought from a node that stays (a source not this
    load's) and has no other `PART_OF` that stays, given that node's other sources, and so is the node they reach
    when only this load brought it: a region kept keeps its country, a sector its field (run until none is left:
    one level a run). A node with a parent of its own keeps no other: the seeds' link of NUTS region DE300 to
    Germany stayed after `unload seeds`, credited to NUTS, which links DE300 to DE30 only."""
    only_this = "size({0}.sources) > 0 AND all(s IN {0}.sources WHERE " + _mine("s") + ")"
    return (f"MATCH (x)-[r:PART_OF]->(p) WHERE {only_this.format('r')}\n"
            f"WITH x, r, p, [s IN x.sources WHERE NOT {_mine('s')}] AS theirs WHERE size(theirs) > 0\n"
            f"OPTIONAL MATCH (x)-[o:PART_OF]->() WHERE NOT ({only_this.format('o')})\n"
            "WITH x, r, p, theirs, count(o) AS kept WHERE kept = 0\n"
            f"WITH x, r, p, theirs, {only_this.format('p')} AS adopt LIMIT $batch\n"
            f"SET r.sources = theirs, r.{HASH_PROPERTY} = NULL,\n"
            "    p.sources = CASE WHEN adopt THEN theirs ELSE p.sources END,\n"
            f"    p.{HASH_PROPERTY} = CASE WHEN adopt THEN NULL ELSE p.{HASH_PROPERTY} END\n"
            "RETURN count(*) AS done, sum(CASE WHEN adopt THEN 1 ELSE 0 END) AS nodes")


@cypher.statement()
def sources_of() -> str:
    """Up to `$batch` of the load's `Source` records (ids starting with `$prefix`, not with one of `$nested`),
    deleted."""
    return (f"MATCH (n:Source) WHERE {_mine('n.id')} WITH n LIMIT $batch DETACH DELETE n "
            "RETURN count(*) AS done")


@cypher.statement()
def mark_unloading() -> str:
    """The load log's entries of `$source` marked as being unloaded (first: a run stopped half-way is named by
    `status` until a run of the unload finishes)."""
    return (f"MATCH (l:Load) WHERE l.source = $source SET l.status = '{UNLOADING}', l.unload_started_at = $now, "
            "l.seq = $seq RETURN count(l) AS done")


@cypher.statement()
def log_entries_of() -> str:
    """Up to `$batch` of the load log's entries of `$source`, deleted: the source may be loaded again."""
    return "MATCH (l:Load) WHERE l.source = $source WITH l LIMIT $batch DETACH DELETE l RETURN count(*) AS done"


#: The activity counts the derived facts give an organisation from its participations (`loaders.derived`).
ACTIVITY_PROPERTIES = ("participations", "projects", "coordinated_projects", "coordinated_partners",
                       "contribution_total")


@cypher.statement()
def activity_without_participations() -> str:
    """Activity counts taken off up to `$batch` organisations left without any participation (they are
    recounted from `PARTICIPATES_IN`, which only an unload removes)."""
    return ("MATCH (o:Organisation) WHERE o.participations IS NOT NULL\n"
            "OPTIONAL MATCH (o)-[r:PARTICIPATES_IN]->()\n"
            "WITH o, count(r) AS left WHERE left = 0\n"
            "WITH o LIMIT $batch REMOVE " + ", ".join(f"o.{name}" for name in ACTIVITY_PROPERTIES) + "\n"
            "RETURN count(o) AS changed")


@dataclass
class UnloadSummary:
    """What one unload removed or changed."""

    source: str
    nodes_removed: int = 0
    relationships_removed: int = 0
    nodes_kept: int = 0  # brought by other loads too, or reached by their relationships: only this load's files
    # taken off their sources
    relationships_kept: int = 0
    places_given_back: int = 0  # LOCATED_IN another load held back, written now that this load's region link is gone
    values_restored: int = 0  # nodes given the values the other loads gave them (`graph.store.given`)
    rel_values_restored: int = 0  # relationships given them (`graph.store.given_rels`)
    #: The labels of the nodes and the types of the relationships removed, and the labels taken off nodes that stay
    #: (`Restored.labels`)
    removed: set[str] = field(default_factory=set)
    #: The properties given back (`values_restored`), per label of the nodes (type of the relationships) given them
    restored: dict[str, set[str]] = field(default_factory=dict)
    #: The log named a load or an unload that did not finish when the unload began (this one's earlier run, say):
    #: what it removed or wrote is not in the counts above
    unfinished: bool = False

    def given_back(self) -> str:
        """What of other loads the unload wrote again, as a sentence ("" for nothing): the CLI and the Data page."""
        parts = [f"{count:,} {what}" for count, what in (
            (self.values_restored, "node(s) given back the values other loads gave them"),
            (self.rel_values_restored, "relationship(s) given back the values other loads gave them"),
            (self.places_given_back, "place(s) other loads gave and had held back written")) if count]
        return f"{'; '.join(parts)}." if parts else ""


def _repeat(store: GraphStore, statement: str, params: dict, until_none: bool = False) -> list:
    """Run a batched statement until it finds nothing left (a batch short of full; `until_none`: a run doing
    nothing, for a statement whose each run may make more to do); the totals of its columns (`done` first)."""
    totals: list = []
    while True:
        row = store.write(statement, {**params, "batch": _BATCH}).rows[0]
        totals = [_added(a, b) for a, b in zip(totals or [None] * len(row), row, strict=True)]
        if row[0] == 0 or (row[0] < _BATCH and not until_none):
            return totals


def _added(total: int | set[str] | None, value: object) -> int | set[str]:
    """A column's total over the batches: counts added (a sum() is a float), `kinds` (a list, of lists for
    nodes) gathered into one set."""
    if isinstance(value, list):
        return (total or set()) | {k for v in value for k in (v if isinstance(v, list) else [v])}
    return int(total or 0) + int(value or 0)


def refuse_unlogged(source: str, logged: list[str]) -> None:
    """Raise when the load log (its entries' sources, `logged`) holds no load `source`, naming those it holds and
    the load meant when only its `user:` was left out (`unload tildelinger`) or its case differs (`unload Cordis`,
    which had named the loads alone). An unload is not run on a guess: the user runs it again with the name."""
    loaded = sorted(set(logged))
    if source in loaded:
        return
    if not loaded:
        raise ClusterExplorerError(f"the load log holds no load {source!r}: nothing is loaded")
    near = [name for name in loaded if name.casefold() in (source.casefold(), f"user:{source}".casefold())]
    meant = f" (did you mean {near[0]}?)" if len(near) == 1 else ""
    raise ClusterExplorerError(f"the load log holds no load {source!r}{meant}; loaded: {', '.join(loaded)}")


def unload_source(store: GraphStore, source: str, progress: Progress | None = None) -> UnloadSummary:
    """Remove what load `source` (as the load log and `status` name it) brought; raises when the log holds no
    load of that name. The caller holds the store for it, as for a load. `progress(steps done, steps)` after each
    of its twelve steps (at 10x a step over every relationship takes seconds)."""
    loads = last_loads(store, limit=10**6)
    refuse_unlogged(source, [load["source"] for load in loads])
    summary = UnloadSummary(source, unfinished=bool(interrupted_loads(loads)))
    store.write(mark_unloading(), {"source": source, "now": now_stamp(), "seq": next_seq(store)})
    return take_off(store, summary, source_prefix(source), progress, last=(sources_of(), log_entries_of()),
                    nested=nested_prefixes(source, [load["source"] for load in loads]))


def take_off(store: GraphStore, summary: UnloadSummary, prefix: str, progress: Progress | None = None, *,
             last: tuple[str, ...] = (), checksum: str = "", nested: list[str] | tuple[str, ...] = ()) -> UnloadSummary:
    """The unload's steps over the files whose ids start with `prefix`, then the statements `last` (an unload's:
    its `Source` records and its log entries); `summary` filled in. A re-load runs them over what its new files no
    longer give (`graph.store.retire`), without `last`; the places the new load (of `checksum`) held back count
    among those of the other loads. Files whose ids start with one of `nested` (other loads' prefixes starting with
    `prefix`: `nested_prefixes`) are left alone."""
    source = summary.source
    params = {"prefix": prefix, "source": source, "derived": _DERIVED, "nested": list(nested)}
    # what stays with other loads is found while the PART_OF links that tell it are still there, after the load's
    # own other relationships are gone (each node of the load then has few left to look at)
    parents = adopted_parents()  # repeated until it finds none: each round climbs one PART_OF

    def activity() -> int:  # only where participations went or counts were given back: it reads every organisation
        gone = "PARTICIPATES_IN" in done[0][1] | done[4][1] | done[6][1]
        counted = (done[7][0].properties.get("Organisation", set()) & set(ACTIVITY_PROPERTIES)
                   or "PARTICIPATES_IN" in done[7][0].properties)  # a participation's role or amount given back
        return _repeat(store, activity_without_participations(), params)[0] if (
            gone or counted or summary.unfinished) else 0

    held: dict = {}  # the places other loads held back: read once, by the step giving them back

    def places() -> int:
        held.update(held_of_others(store, source, checksum))
        return give_back(store, held)

    def values() -> Restored:  # then the NUTS code of a region given back, where the values left none
        restored = values_and_rels_without(store, prefix, tuple(nested))
        give_back_codes(store, held)
        return restored

    # the places other loads held back are given back before `adopted` (a country only this load brought that they
    # reach stays), the values other loads gave shared nodes once the load's own nodes are gone
    steps: list[str | Callable[[], object]] = [
        only_from("links"), places, adopted(), parents,
        only_from("relationships"), sources_without("relationships"), only_from("nodes"),
        values, sources_without("nodes"), activity,
        *last]  # last: the log names it
    done: list[list] = []
    for step, statement in enumerate(steps, start=1):
        done.append([statement()] if callable(statement) else
                    _repeat(store, statement, params, until_none=statement == parents))
        if progress is not None:
            progress(step, len(steps))
    summary.relationships_removed, summary.nodes_removed = done[0][0] + done[4][0], done[6][0]
    summary.relationships_kept, summary.nodes_kept = done[3][0] + done[5][0], done[2][0] + done[3][1] + done[8][0]
    restored: Restored = done[7][0]
    summary.places_given_back, summary.values_restored = done[1][0], restored.nodes
    summary.rel_values_restored = restored.relationships
    summary.removed, summary.restored = done[0][1] | done[4][1] | done[6][1] | restored.labels, restored.properties
    return summary
