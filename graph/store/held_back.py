"""The places a load gave a node and did not write, because the store placed the node more precisely: kept on
the load's log entry, and written by an unload that takes that more precise place away.

A table naming an organisation with its country only gets no `LOCATED_IN` to that country when the store has the
organisation in a region of it (`loaders.generic_places.kept_in_their_regions`). Unloading the load that made
the region link took it, and the organisation was placed nowhere, where the table alone had put it in its
country. So the load's entry keeps each such link (`held_places`: JSON texts, neither store keeps a map), and an
unload (`give_back`), once the removed load's own links are gone, writes those of the loads left whose node is
now in no region of that country (a third load's region there keeps holding the country back, as at its load).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import RelRecord
from graph.store.schema import REL_TYPES, check_label

__all__ = ["HELD_PROPERTY", "held_entries", "held_places_of_others", "given_back", "give_back"]

#: The load log's property of the places a load held back.
HELD_PROPERTY = "held_places"


def held_entries(rels: Iterable[RelRecord]) -> list[str] | None:
    """The `held_places` of a load's log entry: the `LOCATED_IN` links to a country it held back (None: none)."""
    entries = [json.dumps({"label": r.start_label, "start": r.start_id, "end": r.end_id, "key": r.key,
                           "sources": list(r.sources)}, ensure_ascii=False, sort_keys=True)
               for r in rels if r.type == "LOCATED_IN" and r.end_label == "Country"]
    return sorted(set(entries)) or None


@cypher.statement()
def held_places_of_others() -> str:
    """The places held back by the logged loads other than `$source`'s, but for its load of `$checksum` (a re-load's
    own; "" for an unload)."""
    return (f"MATCH (l:Load) WHERE (l.source <> $source OR l.checksum = $checksum) AND l.{HELD_PROPERTY} IS NOT NULL "
            f"RETURN l.{HELD_PROPERTY} AS held")


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


def give_back(store: GraphStore, source: str, checksum: str = "") -> int:
    """Write the places the loads other than `source` held back (and its load of `checksum`: a re-load's new files)
    and that no region stands for any more; how many. Run after the unloaded load's own links are gone, before what
    only it brought is (a country only it brought is reached by the place written back, and stays)."""
    rows_of: dict[str, list[dict]] = {}
    params = {"source": source, "checksum": checksum}
    for (held,) in store.read(held_places_of_others(), params, row_cap=10**6).rows:
        for entry in map(json.loads, held):
            rows_of.setdefault(entry.pop("label"), []).append(entry)
    written = 0
    for label, rows in sorted(rows_of.items()):
        for start in range(0, len(rows), 2000):
            written += store.write(given_back(label), {"rows": rows[start:start + 2000]}).rows[0][0]
    return written
