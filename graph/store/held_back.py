"""The places a load gave a node and did not write, because the store placed the node more precisely: kept on
the load's log entry, and written by an unload that takes that more precise place away.

A table naming an organisation with its country only gets no `LOCATED_IN` to that country when the store has the
organisation in a region of it (`loaders.generic_stored_places`). Unloading the load that made
the region link took it, and the organisation was placed nowhere, where the table alone had put it in its
country. So the load's entry keeps each such link (`held_places`: JSON texts, neither store keeps a map), and an
unload (`give_back`), once the removed load's own links are gone, writes those of the loads left whose node is
now in no region of that country (a third load's region there keeps holding the country back, as at its load).

A table naming a NUTS region holding the finer one the store has the node in (Syddanmark, DK03, where CORDIS gave
DK031) is held back the same way (`loaders.generic_stored_places`): its entry names the region
(`"to": "Region"`; entries without `to`, as older versions wrote them, are links to a country), and an unload
writes it where the node is in no region inside it any more, and gives the node that region as its `nuts_code`
when it is left without one (`give_back_codes`, after the values other loads gave are set again).

A table placing a node more precisely than the store does (its region FI1C1 where CORDIS has the node in Finland
alone) takes the other load's coarser link off (`displaced_taken_off`) and keeps it on its own entry: an entry given
by no file of its own load. Unloading that table (or re-loading it without the region) writes it back by the same
rule (`held_of_others` reads such entries of the unloaded load too), and a re-load keeps them (`displaced_by`).

A CORDIS load follows the same rule against the places other loads gave (`loaders.cordis_stored_places`, one read:
`placed_by_others`); its held-back country carries `code` when CORDIS gave it as the `nuts_code` too (`FI`), which
an unload writing the country back gives back with it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.load_files import source_prefix
from graph.store.place_links import LINK_COLUMNS
from graph.store.records import RelRecord
from graph.store.schema import REL_TYPES, check_label

__all__ = ["HELD_PROPERTY", "GIVES_CODE", "held_entries", "held_places_of_others", "given_back", "given_back_region",
           "codes_given_back", "held_of_others", "give_back", "give_back_codes", "located_links", "displaced_taken_off",
           "displaced_by", "take_off_displaced", "placed_by_others"]

#: The load log's property of the places a load held back.
HELD_PROPERTY = "held_places"
#: A held-back link's property (not written): the load gave the node its place's id as `nuts_code` too, and an
#: unload writing the place back gives that code back (`give_back_codes`).
GIVES_CODE = "gives_code"


def held_entries(rels: Iterable[RelRecord]) -> list[str] | None:
    """The `held_places` of a load's log entry: the `LOCATED_IN` links to a country or a NUTS region it held back,
    `code` where it gave that place as the node's `nuts_code` too (None: none)."""
    entries = [json.dumps({"label": r.start_label, "start": r.start_id, "end": r.end_id, "key": r.key,
                           "sources": list(r.sources), **({"to": "Region"} if r.end_label == "Region" else {}),
                           **({"code": True} if r.properties.get(GIVES_CODE) else {})},
                          ensure_ascii=False, sort_keys=True)
               for r in rels if r.type == "LOCATED_IN" and r.end_label in ("Country", "Region")]
    return sorted(set(entries)) or None


@cypher.statement()
def held_places_of_others() -> str:
    """The places held back by the logged loads, each with its load's source and checksum (`held_of_others` and
    `displaced_by` take what each wants of them)."""
    return (f"MATCH (l:Load) WHERE l.{HELD_PROPERTY} IS NOT NULL "
            f"RETURN l.source AS source, l.checksum AS checksum, l.{HELD_PROPERTY} AS held")


@cypher.statement(lambda: [(label,) for label in REL_TYPES["LOCATED_IN"].starts])
def located_links(label: str) -> str:
    """The `LOCATED_IN` of the `label` nodes among `$ids`: place id, its labels and country, the link's key and the
    files that gave it."""
    return f"MATCH (n:{check_label(label)})-[r:LOCATED_IN]->(p) WHERE n.id IN $ids RETURN n.id AS id, {LINK_COLUMNS}"


@cypher.statement(lambda: [(label,) for label in REL_TYPES["LOCATED_IN"].starts])
def placed_by_others(label: str) -> str:
    """Every `LOCATED_IN` of the `label` nodes that another load than the one of files `$prefix...` placed (a link
    with a source of another load): as `located_links`. One read of the whole store, without the ids of a load's
    nodes (a CORDIS load's 220,000 at 10x), answered mostly from the loads' own links."""
    return (f"MATCH (n:{check_label(label)})-[f:LOCATED_IN]->() "
            "WHERE any(s IN f.sources WHERE NOT s STARTS WITH $prefix)\n"
            f"WITH DISTINCT n MATCH (n)-[r:LOCATED_IN]->(p) RETURN n.id AS id, {LINK_COLUMNS}")


@cypher.statement(lambda: [(label, to) for label in REL_TYPES["LOCATED_IN"].starts for to in ("Country", "Region")])
def displaced_taken_off(label: str, to: str) -> str:
    """Rows `{start, end, key}`: a `label` node's `LOCATED_IN` to `to` `end`, taken off as a table places the node
    inside it; how many."""
    return ("UNWIND $rows AS row\n"
            f"MATCH (a:{check_label(label)} {{id: row.start}})-[r:LOCATED_IN]->(:{check_label(to)} {{id: row.end}})\n"
            "WHERE coalesce(r.key, '') = row.key DELETE r RETURN count(*) AS done")


@cypher.statement(lambda: [(label,) for label in REL_TYPES["LOCATED_IN"].starts])
def given_back(label: str) -> str:
    """Rows `{start, end, key, sources}`: a `label` node's `LOCATED_IN` to country `end`, written when one of
    `sources` still gives the node and the node is in no region of that country (a region's `country`, a NUTS
    code's first two letters). Counts the links created or given a source: one an earlier unload wrote back is
    there already (every later unload had counted it again, and made the facts of places again)."""
    return ("UNWIND $rows AS row\n"
            f"MATCH (a:{check_label(label)} {{id: row.start}}) WHERE any(s IN row.sources WHERE s IN a.sources)\n"
            "MATCH (c:Country {id: row.end})\n"
            "OPTIONAL MATCH (a)-[:LOCATED_IN]->(p:Region) WHERE coalesce(p.country, substring(p.id, 0, 2)) = row.end\n"
            "WITH a, c, row, count(p) AS there WHERE there = 0\n"
            "MERGE (a)-[r:LOCATED_IN {key: row.key}]->(c)\n"
            "WITH r, [s IN row.sources WHERE NOT s IN coalesce(r.sources, [])] AS new\n"
            "SET r.sources = coalesce(r.sources, []) + new\n"
            "RETURN count(CASE WHEN size(new) > 0 THEN r END) AS done")


@cypher.statement(lambda: [(label,) for label in REL_TYPES["LOCATED_IN"].starts])
def given_back_region(label: str) -> str:
    """As `given_back`, for a `label` node's `LOCATED_IN` to region `end`: written when the node is in no other
    region but one holding it (a coarser NUTS code it starts with): not where a finer one inside it stays, nor another
    beside it (a re-load of a changed table had written the region it held back for CORDIS's ITH55 beside it)."""
    return ("UNWIND $rows AS row\n"
            f"MATCH (a:{check_label(label)} {{id: row.start}}) WHERE any(s IN row.sources WHERE s IN a.sources)\n"
            "MATCH (c:Region {id: row.end})\n"
            "OPTIONAL MATCH (a)-[:LOCATED_IN]->(p:Region) WHERE p.id <> row.end AND NOT row.end STARTS WITH p.id\n"
            "WITH a, c, row, count(p) AS there WHERE there = 0\n"
            "MERGE (a)-[r:LOCATED_IN {key: row.key}]->(c)\n"
            "WITH r, [s IN row.sources WHERE NOT s IN coalesce(r.sources, [])] AS new\n"
            "SET r.sources = coalesce(r.sources, []) + new\n"
            "RETURN count(CASE WHEN size(new) > 0 THEN r END) AS done")


@cypher.statement(lambda: [(label, to) for label in REL_TYPES["LOCATED_IN"].starts for to in ("Country", "Region")])
def codes_given_back(label: str, to: str) -> str:
    """Rows `{start, end}`: a `label` node in held-back NUTS region (or country) `end` and without a `nuts_code`
    given that code (the unload took the finer code the removed load gave)."""
    return ("UNWIND $rows AS row\n"
            f"MATCH (a:{check_label(label)} {{id: row.start}})-[:LOCATED_IN]->(:{check_label(to)} {{id: row.end}})\n"
            "WHERE a.nuts_code IS NULL AND NOT row.end CONTAINS '-' SET a.nuts_code = row.end\n"
            "RETURN count(a) AS done")


def held_of_others(store: GraphStore, source: str, checksum: str = "") -> dict[tuple[str, str], list[dict]]:
    """The held-back links of the loads other than `source` (and its load of `checksum`), per start label and kind
    of end (`Country`, `Region`): read once per unload, for `give_back` and `give_back_codes`."""
    rows_of: dict[tuple[str, str], list[dict]] = {}
    own = source_prefix(source)
    for logged, logged_checksum, held in store.read(held_places_of_others(), {}, row_cap=10**6).rows:
        for entry in map(json.loads, held):
            if logged == source and logged_checksum != checksum and _own(entry, own):
                continue  # the unloaded load's own place: it goes with it (another load's it took off comes back)
            rows_of.setdefault((entry.pop("label"), entry.pop("to", "Country")), []).append(entry)
    return rows_of


def _own(entry: dict, prefix: str) -> bool:
    return any(s.startswith(prefix) for s in entry["sources"])


def displaced_by(store: GraphStore, source: str) -> list[RelRecord]:
    """The links of other loads that `source`'s logged loads took off (`displaced_taken_off`): a re-load keeps them
    on its entry, so its unload still gives them back (the store no longer shows them)."""
    own = source_prefix(source)
    return [RelRecord("LOCATED_IN", entry["label"], entry["start"], entry.get("to", "Country"), entry["end"],
                      tuple(entry["sources"]), key=entry["key"])
            for logged, _, held in store.read(held_places_of_others(), {}, row_cap=10**6).rows if logged == source
            for entry in map(json.loads, held) if not _own(entry, own)]


def take_off_displaced(store: GraphStore, rels: Iterable[RelRecord]) -> int:
    """Take the other loads' `LOCATED_IN` links in `rels` off; how many."""
    done = 0
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rels:
        groups.setdefault((r.start_label, r.end_label), []).append({"start": r.start_id, "end": r.end_id,
                                                                     "key": r.key or ""})
    for (label, to), rows in sorted(groups.items()):
        done += store.write(displaced_taken_off(label, to), {"rows": rows}).rows[0][0]
    return done


def give_back(store: GraphStore, held: dict[tuple[str, str], list[dict]]) -> int:
    """Write the places the loads other than the unloaded one held back (`held_of_others`: and a re-load's new
    files') and that no region stands for any more; how many. Run after the unloaded load's own links are gone,
    before what only it brought is (a country or region only it brought is reached by the place written back, and
    stays)."""
    written = 0
    for (label, to), rows in sorted(held.items()):
        statement = given_back_region(label) if to == "Region" else given_back(label)
        for start in range(0, len(rows), 2000):
            written += store.write(statement, {"rows": rows[start:start + 2000]}).rows[0][0]
    return written


def give_back_codes(store: GraphStore, held: dict[tuple[str, str], list[dict]]) -> int:
    """Give the nodes in a held-back NUTS region written back, and left without a `nuts_code`, that region's code; how
    many; a country held back with the code the load gave it (`GIVES_CODE`: CORDIS's `nuts_code` FI for an
    organisation it places in Finland alone) likewise. Run after the values other loads gave are set again (they take
    off the code only the removed load gave)."""
    done = 0
    for (label, to), rows in sorted(held.items()):
        rows = [r for r in rows if to == "Region" or r.get("code")]  # a country: where the load gave it as the code
        for start in range(0, len(rows), 2000):
            done += store.write(codes_given_back(label, to), {"rows": [
                {"start": r["start"], "end": r["end"]} for r in rows[start:start + 2000]]}).rows[0][0]
    return done
