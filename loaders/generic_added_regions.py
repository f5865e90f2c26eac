"""The region of a node an end with `add = true` makes: `region = "FI19B"` (or a region's name) beside `add`.

A Finnish cluster manager's member list made its cluster with `add = true, country = "FI"`: the cluster had its
country and no region, so the Map drew it at Finland's centre and `--region Pirkanmaa` left it out, though 30 of its
45 members are in Pirkanmaa. `region` names the region as a `located_in` region cell does, by NUTS code or by name
(read by `loaders.generic_regions`' rule: `Pirkanmaa`, `Pirkanmaan maakunta`), and must name one region the store
holds: else a problem at the mapping's line of that end, and nothing is written. The node is then `LOCATED_IN` it and
gets its `nuts_code`. Without `region` the node is not placed by its members (a cluster's seat is not always where
most members are): the note proposes the region a clear majority of the rows linked to it are in, to write.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from typing import TYPE_CHECKING

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord
from graph.wording import first_few
from loaders.generic_ends import held_ids
from loaders.generic_places import region_id
from loaders.generic_regions import candidate_regions, regions_taken
from loaders.region_countries import bundled_name

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["clear_majority", "region_named", "majority_region_note", "region_said", "held_place_note"]


def clear_majority(counts: Counter, total: int) -> Hashable | None:
    """The key of `counts` that holds more than half of `total`, or None: a region the draft and the note propose.

    >>> clear_majority(Counter({"FI19B": 30, "FI1B1": 10}), 45), clear_majority(Counter({"FI19B": 4, "FI1B1": 4}), 8)
    ('FI19B', None)
    """
    key, count = counts.most_common(1)[0] if counts else (None, 0)
    return key if count * 2 > total else None


def region_named(store: GraphStore, data: GenericInput, text: str, country: str) -> tuple[str, str]:
    """(the id of the store's region `text` names, "") or ("", why it names none): a NUTS code of the store, else
    the one NUTS region of the store (of `country` when given) its name names, as a region cell's name is read."""
    if (code := text.upper()) in held_ids(store, "Region", [code]):
        return code, ""
    national = NodeRecord("Region", region_id(country or "??", text), text, (), properties={"country": country})
    found, versions, stored = candidate_regions(store, [national])
    taken, _ = regions_taken(data, {national.id: national}, found, versions, stored)
    where = f" of {country}" if country else ""  # "names no region of FI in the store"
    if (nuts := taken.get(national.id)) and nuts in stored:
        return nuts, ""
    if nuts:
        return "", (f"region {text!r} is {nuts}, which the store lacks: load NUTS first (cluster-explorer load nuts), "
                    "or give a region the store holds")
    several = sorted(i for i in found.get(national.id, ()) if "-" not in i and i in stored)
    if several:
        return "", (f"region {text!r} names several regions{where} in the store ({', '.join(several[:5])}): give "
                    "the NUTS code")
    return "", (f"region {text!r} names no region{where} in the store, by NUTS code or name: write the NUTS code or "
                "the name of the region the node is in (region = \"FI19B\" or \"Pirkanmaa\")")


def majority_region_note(data: GenericInput, label: str, value: str) -> str:
    """`; 30 of its 45 members are in Pirkanmaa (FI19B): write region = "FI19B" beside add = true to place it
    there` when more than half the nodes the load links to (label, value) are in one region (each in its most
    detailed one), else ""."""
    linked = {(rel.start_label, rel.start_id) for rel in data.rels if (rel.end_label, rel.end_id) == (label, value)}
    deepest: dict[tuple[str, str], str] = {}
    for rel in data.rels:
        if rel.type == "LOCATED_IN" and rel.end_label == "Region" and (node := (rel.start_label, rel.start_id)) in \
                linked and len(rel.end_id) > len(deepest.get(node, "")):
            deepest[node] = rel.end_id
    if not (region := clear_majority(Counter(deepest.values()), len(linked))):
        return ""
    held = sum(1 for found in deepest.values() if found == region)
    return (f"; {held} of its {len(linked)} members are in {region_said(region)}: write region = \"{region}\" beside "
            "add = true to place it there")


def region_said(region: str) -> str:
    """`Pirkanmaa (FI19B)`: a NUTS region by its name and code; another region by its id."""
    return f"{name} ({region})" if (name := bundled_name(region)) else region


#: The labels a node of which has a country and a place (`LOCATED_IN`), as the schema says.
PLACED_LABELS = ("Cluster", "Organisation")


@cypher.statement(lambda: [(label,) for label in PLACED_LABELS])
def place_of_node(label: str) -> str:
    """Where the `label` node `$id` is: its `country`, its sources and the ids of the places it is `LOCATED_IN`."""
    return (f"MATCH (n:{cypher.check_label(label)} {{id: $id}}) OPTIONAL MATCH (n)-[:LOCATED_IN]->(p) "
            "RETURN n.country AS country, n.sources AS sources, collect(DISTINCT p.id) AS places")


def held_place_note(store: GraphStore, data: GenericInput, label: str, node_id: str, given: dict[str, str]) -> str:
    """`region = "FI1B1" beside add = true places only a node the load makes: it stays in ...` when `given`
    (`country`, `region` of the end, "" when not written) would place the store's node (label, node_id), which
    another load gave, elsewhere than it is; "" when nothing is given or the node is already there."""
    written = {key: text for key, text in given.items() if text}
    rows = store.read(place_of_node(label), {"id": node_id}).rows if written and label in PLACED_LABELS else []
    if not rows:
        return ""
    country, sources, places = rows[0]
    wanted = region_named(store, data, written["region"], written.get("country", ""))[0] if "region" in written else ""
    if ("region" not in written or wanted in places) and written.get("country", country) == country:
        return ""
    regions = [region_said(place) for place in sorted(places) if len(place) > 2]
    where = (f"in {', '.join(regions)}" if regions else f"in its country {country} alone" if country
             else "in no place")
    said = ", ".join(f'{key} = "{text}"' for key, text in written.items())
    return (f"{said} beside add = true {'places' if len(written) == 1 else 'place'} only a node the load makes: it "
            f"stays {where}, as the load that gave it ({first_few(sorted(sources or ()), 2)}) placed it. To move it, "
            "give its place in that load's table or mapping and load it again; to make a node of this load's own, "
            "write another name")
