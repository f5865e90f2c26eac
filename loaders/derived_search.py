"""The search texts of the countries, made again from what each Country node holds (run by
`loaders.pipeline.derive_facts` after every load).

The writer stores a node's `_search` text when it writes the node (`graph.store.search_text`). A release that
finds a node by more of its names (a country by its local name and that name's parts: "osterreich",
"suomi") would not reach a store loaded before it: a load already in the log is skipped. The few Country
nodes are read each time, and only those whose text differs are written (a re-run writes nothing).
"""

from __future__ import annotations

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.disk import write
from graph.store.search_text import SEARCH_PROPERTY, node_search_text

__all__ = ["refresh_country_search"]

COUNTRIES = cypher.fixed_statement(__name__, "COUNTRIES", f"""\
MATCH (c:Country)
RETURN c.id AS id, c.name AS name, c.acronym AS acronym, c.aliases AS aliases, c.local_name AS local_name,
       c.{SEARCH_PROPERTY} AS search""")
SET_SEARCH = cypher.fixed_statement(__name__, "SET_SEARCH", f"""\
UNWIND $rows AS row
MATCH (c:Country {{id: row.id}})
SET c.{SEARCH_PROPERTY} = row.search
RETURN count(c) AS written""")


def refresh_country_search(store: GraphStore) -> int:
    """Write the search text of every Country node whose stored text is not the one this release makes;
    returns how many were written."""
    rows = []
    for node_id, name, acronym, aliases, local_name, stored in store.read(COUNTRIES).rows:
        text = node_search_text(node_id, {"name": name, "acronym": acronym, "aliases": aliases,
                                          "local_name": local_name})
        if text != stored:
            rows.append({"id": node_id, "search": text})
    if rows:
        write(store, SET_SEARCH, {"rows": rows})
    return len(rows)
