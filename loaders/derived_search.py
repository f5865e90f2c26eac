"""The search texts of the countries, of the regions named in several languages and of the organisations with a
short name, made again from what each node holds (run by `loaders.pipeline.derive_facts` after every load).

The writer stores a node's `_search` text when it writes the node (`graph.store.search_text`). A release that
finds a place by more of its names (a country by its local name and that name's parts, "osterreich", "suomi",
or its ISO code, "GR", or its name in another language, "tyskland";
a region by a part of its name in several languages, "trondelag" of "Trøndelag/Trööndelage", or by the names its
country's tables write, "pirkanmaan maakunta", "region syddanmark", `graph.region_spellings`) would not reach
a store loaded before it: a load already in the log is skipped; nor would an organisation's CORDIS short name
("KTH" for KUNGLIGA TEKNISKA HOEGSKOLAN). Those places are read each time, the organisations whose text lacks
their short name, and only the texts that differ are written (a re-run writes nothing). A store derived before a
name's umlauts were written out too (`WRITTEN_OUT_SINCE`) has its nodes named with them read once, and one derived
before apostrophes and dashes folded alike (`PUNCTUATION_SINCE`) its nodes whose texts hold one. A text made
again keeps the node's `own_ids` (a table's own numbers of a node it matched by name): it had dropped them, so
`recommend --for 12345678` found a Danish table's Blue Ocean Robotics, which CORDIS gives a short name, no more.
"""

from __future__ import annotations

from graph.region_spellings import OTHER_NAMES
from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.disk import write
from graph.store.schema import check_label
from graph.store.search_text import OWN_LETTERS, PUNCTUATION, SEARCH_PROPERTY, node_search_text
from loaders.derived_version import NEWEST_STAMP

__all__ = ["refresh_search_texts"]

_NAMES = (f"c.id AS id, c.name AS name, c.acronym AS acronym, c.aliases AS aliases, c.{SEARCH_PROPERTY} AS search, "
          "c.own_ids AS own_ids")
READS = {
    "Country": cypher.fixed_statement(__name__, "COUNTRIES",
                                      f"MATCH (c:Country)\nRETURN {_NAMES}, c.local_name AS local_name, "
                                      "c.iso_code AS iso_code, null AS short_name"),
    "Region": cypher.fixed_statement(__name__, "REGIONS_IN_LANGUAGES",  # a region has no local name
                                     f"MATCH (c:Region) WHERE c.name CONTAINS '/' OR c.name IN $names\n"
                                     f"RETURN {_NAMES}, null AS local_name, null AS iso_code, null AS short_name"),
}
READS["Organisation"] = cypher.fixed_statement(__name__, "SHORT_NAMES_NOT_FOUND", f"""\
MATCH (c:Organisation)
WHERE (c.short_name IS NOT NULL AND NOT c.{SEARCH_PROPERTY} CONTAINS ('|' + toLower(c.short_name) + '|'))
   OR any(own IN coalesce(c.own_ids, []) WHERE NOT c.{SEARCH_PROPERTY} CONTAINS ('|' + toLower(own) + '|'))
RETURN {_NAMES}, null AS local_name, null AS iso_code, c.short_name AS short_name""")
SET_SEARCH = {label: cypher.fixed_statement(__name__, f"SET_{label.upper()}_SEARCH", f"""\
UNWIND $rows AS row
MATCH (c:{label} {{id: row.id}})
SET c.{SEARCH_PROPERTY} = row.search
RETURN count(c) AS written""") for label in READS}

#: The derived version since which search texts fold `OWN_LETTERS` (`loaders.derived_version`).
FOLDED_SINCE = 6
#: Nodes of any kind whose search text still holds a letter that folding now writes in ASCII (ø: "miljø-og" found
#: nothing; `search_text.OWN_LETTERS`): stores written before, brought up by the derived version 6.
OWN_LETTERS_KEPT = cypher.fixed_statement(__name__, "OWN_LETTERS_KEPT", f"""\
MATCH (c) WHERE any(letter IN $letters WHERE c.{SEARCH_PROPERTY} CONTAINS letter)
RETURN labels(c) AS labels, {_NAMES}, c.local_name AS local_name, c.iso_code AS iso_code,
       c.short_name AS short_name""")
#: The derived version since which a search text holds a name with ä, ö, ü, ø, å also written out (ae, oe, ue, oe,
#: aa: `search_text.spellings`), so a German table's "Muenchen" finds a stored "München" as "München" finds CORDIS's
#: MUENCHEN.
WRITTEN_OUT_SINCE = 12
#: The derived version since which search texts write every apostrophe ' and every dash a space
#: (`search_text.PUNCTUATION`): NUTS's `Provence-Alpes-Côte d’Azur` had not been found by a table's `Provence-Alpes-Côte
#: d'Azur`, nor `Centre — Val de Loire` by `Centre-Val de Loire`. Texts holding a dash or another apostrophe are made
#: again (read by `OWN_LETTERS_KEPT`, which reads texts holding any of `$letters`).
PUNCTUATION_SINCE = 13
#: The letters `search_text.transliterated` writes out, as precomposed letters and as combining marks.
WRITTEN_OUT = sorted("äöüøåÄÖÜØÅ\u0308\u030a")
#: Nodes of any kind whose name or local name holds such a letter (their search texts may lack the written-out form).
WRITTEN_OUT_NAMES = cypher.fixed_statement(__name__, "WRITTEN_OUT_NAMES", f"""\
MATCH (c) WHERE any(letter IN $letters WHERE c.name CONTAINS letter OR c.local_name CONTAINS letter)
RETURN labels(c) AS labels, {_NAMES}, c.local_name AS local_name, c.iso_code AS iso_code,
       c.short_name AS short_name""")


@cypher.statement(cypher.each_label)
def set_search(label: str) -> str:
    """The search texts `$rows` ({id, search}) of `label` nodes."""
    return (f"UNWIND $rows AS row\nMATCH (c:{check_label(label)} {{id: row.id}})\n"
            f"SET c.{SEARCH_PROPERTY} = row.search\nRETURN count(c) AS written")


def refresh_search_texts(store: GraphStore) -> int:
    """Write the search text of every such node whose stored text is not the one this release makes; returns
    how many were written."""
    written = 0
    for label, read in READS.items():
        rows = []
        params = {"names": sorted({name for _, name in OTHER_NAMES})} if label == "Region" else None
        for node_id, name, acronym, aliases, stored, own_ids, local_name, iso_code, short in store.read(
                read, params).rows:
            text = node_search_text(node_id, {"kind": label, "name": name, "acronym": acronym, "aliases": aliases,
                                              "own_ids": own_ids, "local_name": local_name, "iso_code": iso_code,
                                              "short_name": short})
            if text != stored:
                rows.append({"id": node_id, "search": text})
        if rows:
            write(store, SET_SEARCH[label], {"rows": rows})
        written += len(rows)
    return (written + _written_again(store, FOLDED_SINCE, OWN_LETTERS_KEPT, sorted(chr(c) for c in OWN_LETTERS))
            + _written_again(store, WRITTEN_OUT_SINCE, WRITTEN_OUT_NAMES, WRITTEN_OUT)
            + _written_again(store, PUNCTUATION_SINCE, OWN_LETTERS_KEPT, sorted(chr(c) for c in PUNCTUATION)))


def _written_again(store: GraphStore, since: int, read: str, letters: list[str]) -> int:
    """Write the search text of the nodes `read` finds by `letters` (texts folded before `OWN_LETTERS` were; names
    whose text lacks their written-out spelling) where it differs: one read over every node (0.5-0.9 s at 10x), so
    only while the store's loads were derived by a version before `since` (or it has none)."""
    loads, newest = store.read(NEWEST_STAMP).rows[0]
    if loads and (newest or 0) >= since:
        return 0
    by_label: dict[str, list[dict]] = {}
    for labels, node_id, name, acronym, aliases, stored, own_ids, local, iso, short in store.read(
            read, {"letters": letters}, row_cap=10**7, timeout_s=300).rows:
        kind = "Country" if "Country" in labels else sorted(labels)[0]
        text = node_search_text(node_id, {"kind": kind, "name": name, "acronym": acronym, "aliases": aliases,
                                          "own_ids": own_ids, "local_name": local, "iso_code": iso,
                                          "short_name": short})
        if text != stored:
            by_label.setdefault(kind, []).append({"id": node_id, "search": text})
    for label, rows in by_label.items():
        write(store, set_search(label), {"rows": rows})
    return sum(len(rows) for rows in by_label.values())
