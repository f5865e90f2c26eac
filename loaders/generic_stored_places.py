"""One place per node: the places a table's rows give its nodes against those the store has them in already.

The more detailed place wins, and where the two are not one inside the other the store's stays:

* the rows' country, where the store has the node in a region of it: the region alone (`_kept_in_their_regions`);
* the rows' NUTS region, where the store has the node in a finer one inside it: the finer (`_kept_in_finer_regions`);
* the rows' region (NUTS or national), where the store has the node in another region, neither inside the other
  (CORDIS's FI1D9 Pohjois-Pohjanmaa, a Finnish table's Kainuu FI1D8): the store's (`_kept_in_their_own_region`);
* the rows' region, where the store has the node in its country alone or in a coarser NUTS region holding it: the
  rows' region, and the store's coarser link is taken off (`_placed_more_precisely`).

What a table does not write is kept on its load's entry (`data.held`, `graph.store.held_back`): an unload of the load
that gave the store's place writes it, and an unload of the table gives back a link it took off. A place only the
table's own earlier load gave is not the store's: a re-load places the node anew. Each rule's note names the nodes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from graph.store.contract import GraphStore
from graph.store.held_back import displaced_by, located_links
from graph.store.place_links import PlaceLink, country_of, nuts_inside, place_link
from graph.store.records import NodeRecord, RelRecord
from graph.wording import first_few
from loaders.generic_ends import own_files

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["kept_in_stored_places"]

#: What to do where the store's region and the rows' differ, said in the note.
_TO_CHANGE = ("to place one in your table's region, correct the region in the load that gives the store's (or unload "
              "it: the table's region is then written), or name the store's region in your row")
#: (label, node id) -> the places the store has the node in, given by other loads.
StoredPlaces = dict[tuple[str, str], list[PlaceLink]]


def kept_in_stored_places(store: GraphStore, data: GenericInput) -> None:
    """The rules above, from one read of the places the store has the table's nodes in, per label."""
    located = [r for r in data.places[1] if r.type == "LOCATED_IN" and r.end_label in ("Country", "Region")]
    if located:
        stored = _stored_places(store, data, located)
        _kept_in_their_regions(data, stored)
        _kept_in_finer_regions(data, stored)
        _kept_in_their_own_region(data, stored)
        _placed_more_precisely(store, data, stored)


def _stored_places(store: GraphStore, data: GenericInput, located: list[RelRecord]) -> StoredPlaces:
    """(label, node id) -> the places the store has the node in (a NUTS region's country is its code's first two
    letters). A place only this table's files gave is not the store's to keep: a re-load whose row no longer names
    it takes it off (or moves the node)."""
    by_label: dict[str, set[str]] = {}
    for rel in located:
        by_label.setdefault(rel.start_label, set()).add(rel.start_id)
    own = own_files(data.nodes)
    stored: StoredPlaces = {}
    for label, ids in sorted(by_label.items()):
        rows = store.read(located_links(label), {"ids": sorted(ids)}, row_cap=10**6).rows
        for node_id, *row in rows:
            if (link := place_link(*row)) is not None and not set(link.sources) <= own:
                stored.setdefault((label, node_id), []).append(link)
    return stored


def _leave_out(data: GenericInput, kept: list[RelRecord], properties: tuple[str, ...]) -> None:
    """Take the links `kept` out of what the table writes, hold them back, and the place properties they gave: every
    one of a node's (a node merged from rows of two provinces, `IT-MI` and `IT-PR`, had kept `region` IT-MI from its
    merged record while its only link stayed the store's IT-BO)."""
    ids = {id(r) for r in kept}
    for rels in (data.rels, data.places[1]):
        rels[:] = [r for r in rels if id(r) not in ids]
    data.held += [r for r in kept if r not in data.held]
    ends: dict[tuple[str, str], set[str]] = {}
    for r in kept:
        ends.setdefault((r.start_label, r.start_id), set()).add(r.end_id)

    def given(n: NodeRecord, key: str, value: object) -> bool:
        return key in properties and value in ends.get((n.label, n.id), ())

    data.nodes[:] = [dataclasses.replace(n, properties={k: v for k, v in n.properties.items() if not given(n, k, v)})
                     if any(given(n, k, v) for k, v in n.properties.items()) else n for n in data.nodes]


def _shown(data: GenericInput, said: Iterable[tuple[RelRecord, str]]) -> list[str]:
    """Each link's node by its name in the table, with what the note says of it: `'Otanmäki Mine Oy' (FI1D9, not
    FI1D8)`, sorted, each once (the four rules' notes name their nodes so)."""
    names = {(n.label, n.id): n.name for n in data.nodes}
    return sorted({f"{names.get((r.start_label, r.start_id), r.start_id)!r} ({detail})" for r, detail in said})


def _kept_in_their_regions(data: GenericInput, stored: StoredPlaces) -> None:
    """The table's `LOCATED_IN` of a node to its country left out where the store has the node in a region of that
    country, with a note: a row naming the seeds' IoT World (in SE123) with `Sverige` and no region put it in Sweden
    too, while a node with a region is in that region alone (`loaders.generic_places.most_precise` within a table)."""
    regions = {(label, node_id, p.country): p.place for (label, node_id), places in stored.items()
               for p in places if p.region}
    kept = {id(r): (r, regions[key]) for r in data.places[1] if r.type == "LOCATED_IN" and r.end_label == "Country"
            and (key := (r.start_label, r.start_id, r.end_id)) in regions}
    if not kept:
        return
    _leave_out(data, [r for r, _ in kept.values()], ())
    shown = _shown(data, kept.values())
    data.notes.append(f"{len(shown)} node(s) the store has in a region of the country their rows name stay in that "
                      f"region alone (no LOCATED_IN to the country is added): {first_few(shown, 5)}")


def _kept_in_finer_regions(data: GenericInput, stored: StoredPlaces) -> None:
    """The table's `LOCATED_IN` of a node to a NUTS region, and its `nuts_code`, left out where the store has the node
    in a more detailed NUTS region inside that one (CORDIS's DK031 inside `Syddanmark`, DK03), with a note: a Danish
    grants table matched by name had put CORDIS's Blue Ocean Robotics in DK031 and DK03 both, with `nuts_code` DK03,
    and `organisations/smes-in-region -p area=DK031` and the regions' ranking at level 3 lost it."""
    kept = {id(r): (r, place) for r in data.places[1] if r.type == "LOCATED_IN" and r.end_label == "Region"
            for place in sorted(p.place for p in stored.get((r.start_label, r.start_id), ()) if p.region)
            if nuts_inside(place, r.end_id)}
    if not kept:
        return
    _leave_out(data, [r for r, _ in kept.values()], ("nuts_code",))
    shown = _shown(data, ((r, f"{place}, not {r.end_id}") for r, place in kept.values()))
    data.notes.append(f"{len(shown)} node(s) the store has in a more detailed NUTS region inside the one their rows "
                      f"name stay there (their nuts_code and places are kept): {first_few(shown, 5)}")


def _kept_in_their_own_region(data: GenericInput, stored: StoredPlaces) -> None:
    """The table's `LOCATED_IN` of a node to a region, and its `nuts_code` or `region`, left out where the store has
    the node in another region, neither inside the other, with a note naming both: a Finnish funding table matched by
    name had put CORDIS's Otanmäki Mine Oy in FI1D9 and its own Kainuu (FI1D8) both, with `nuts_code` FI1D8, so
    `metrics compute --region` counted it in both regions and the SMEs of FI1D9 lost it. The region is held back, and
    is the node's place when the load that gave the store's region goes."""
    kept = {}
    for r in data.places[1]:
        if r.type == "LOCATED_IN" and r.end_label == "Region":
            other = sorted(p.place for p in stored.get((r.start_label, r.start_id), ()) if p.region and p.place
                           != r.end_id and not nuts_inside(p.place, r.end_id) and not nuts_inside(r.end_id, p.place))
            if other:
                kept[id(r)] = (r, other)
    if not kept:
        return
    _leave_out(data, [r for r, _ in kept.values()], ("nuts_code", "region"))
    shown = _shown(data, ((r, f"{' and '.join(other)}, not {r.end_id}") for r, other in kept.values()))
    data.notes.append(f"{len(shown)} node(s) the store has in another region than the one their rows name stay in the "
                      f"store's region (their nuts_code and places are kept; the table's region is not linked): "
                      f"{first_few(shown, 5)}; {_TO_CHANGE}")


def _placed_more_precisely(store: GraphStore, data: GenericInput, stored: StoredPlaces) -> None:
    """The store's `LOCATED_IN` of a node to its country alone, or to a NUTS region holding the table's region, taken
    off (after the write: `data.displaced`) and kept on the table's entry, with a note: a Finnish funding table
    matched by name had put CORDIS's TURUN YLIOPISTO, in Finland alone, in FI and FI1C1 both. Its earlier loads'
    such links are kept too (`displaced_by`): the store no longer shows them, and an unload of the table gives them
    back."""
    coarser = {}
    for r in data.places[1]:
        if r.type == "LOCATED_IN" and r.end_label == "Region":
            for p in stored.get((r.start_label, r.start_id), ()):
                if (not p.region and p.place == country_of(r.end_id)) or (p.region and nuts_inside(r.end_id, p.place)):
                    coarser[(r.start_label, r.start_id, p.place)] = (r, p.record(r.start_label, r.start_id))
    data.displaced = [link for _, link in coarser.values()]
    data.held += [r for r in data.displaced + displaced_by(store, f"user:{data.mapping.name}") if r not in data.held]
    if not coarser:
        return
    shown = _shown(data, ((r, f"{r.end_id}, not {link.end_id} alone") for r, link in coarser.values()))
    data.notes.append(f"{len(shown)} node(s) the store has in their country alone, or in a region holding the one "
                      f"their rows name, are placed in the region of their rows instead (the coarser place is taken "
                      f"off, and given back if this table is unloaded): {first_few(shown, 5)}")
