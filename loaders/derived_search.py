"""The search texts of the countries and of the regions named in several languages, made again from what
each node holds (run by `loaders.pipeline.derive_facts` after every load).

The writer stores a node's `_search` text when it writes the node (`graph.store.search_text`). A release that
finds a place by more of its names (a country by its local name and that name's parts, "osterreich", "suomi",
or its ISO code, "GR";
a region by a part of its name in several languages, "trøndelag" of "Trøndelag/Trööndelage") would not reach
a store loaded before it: a load already in the log is skipped. Those few nodes are read each time, and only
those whose text differs are written (a re-run writes nothing).
"""

from __future__ import annotations

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.disk import write
from graph.store.search_text import SEARCH_PROPERTY, node_search_text

__all__ = ["refresh_place_search"]

_NAMES = f"c.id AS id, c.name AS name, c.acronym AS acronym, c.aliases AS aliases, c.{SEARCH_PROPERTY} AS search"
PLACES = {
    "Country": cypher.fixed_statement(__name__, "COUNTRIES",
                                      f"MATCH (c:Country)\nRETURN {_NAMES}, c.local_name AS local_name, "
                                      "c.iso_code AS iso_code"),
    "Region": cypher.fixed_statement(__name__, "REGIONS_IN_LANGUAGES",  # a region has no local name
                                     f"MATCH (c:Region) WHERE c.name CONTAINS '/'\n"
                                     f"RETURN {_NAMES}, null AS local_name, null AS iso_code"),
}
SET_SEARCH = {label: cypher.fixed_statement(__name__, f"SET_{label.upper()}_SEARCH", f"""\
UNWIND $rows AS row
MATCH (c:{label} {{id: row.id}})
SET c.{SEARCH_PROPERTY} = row.search
RETURN count(c) AS written""") for label in PLACES}


def refresh_place_search(store: GraphStore) -> int:
    """Write the search text of every such place whose stored text is not the one this release makes; returns
    how many were written."""
    written = 0
    for label, read in PLACES.items():
        rows = []
        for node_id, name, acronym, aliases, stored, local_name, iso_code in store.read(read).rows:
            text = node_search_text(node_id, {"name": name, "acronym": acronym, "aliases": aliases,
                                              "local_name": local_name, "iso_code": iso_code})
            if text != stored:
                rows.append({"id": node_id, "search": text})
        if rows:
            write(store, SET_SEARCH[label], {"rows": rows})
        written += len(rows)
    return written
