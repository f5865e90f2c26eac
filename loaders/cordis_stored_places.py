"""One place per organisation when CORDIS is loaded over places other loads gave: the rule a table's load follows
(`loaders.generic_stored_places`), from CORDIS's side.

A Finnish table had placed TURUN YLIOPISTO in FI1C1 in place of CORDIS's Finland alone; CORDIS loaded again (a newer
export, or another framework naming the PIC) linked it to FI again, and it was in both; where an unload of CORDIS
had given a node the table's region (Kainuu, FI1D8), CORDIS again put it in its FI1D9 too. Now, against the places
another load gave the organisation (a link with a source of another load):

* a place inside CORDIS's (a region of CORDIS's country, a NUTS region inside CORDIS's): the store's stays, CORDIS's
  is held back;
* a place neither inside CORDIS's nor holding it (another region, another country): the store's stays, CORDIS's is
  held back, and the note says how to change it;
* a coarser place only (the country alone, a NUTS region holding CORDIS's): CORDIS's region is written and the
  coarser link taken off after the write, kept on CORDIS's entry for its unload to write back.

What is held back goes on CORDIS's entry (`graph.store.held_back`): unloading the load that gave the store's place
writes it; CORDIS's `nuts_code` (and `country`, where the store's place is in another country) is left out with it.
A CORDIS link of an earlier load to a place now held back is taken off with the coarser ones (a store two loads had
left in two places is mended by the next CORDIS run). The store is read once (`placed_by_others`): the links of the
organisations another load placed, never per organisation.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from graph.store.contract import GraphStore
from graph.store.held_back import GIVES_CODE, displaced_by, placed_by_others
from graph.store.place_links import PlaceLink, country_of, nuts_inside, place_link
from graph.store.records import NodeRecord, RelRecord
from graph.wording import first_few

__all__ = ["Placed", "placed_against_others"]

#: What to do where the store's place and CORDIS's differ, said in the note.
_TO_CHANGE = ("to place one in CORDIS's, correct or unload the load that gave the store's (CORDIS's place is then "
              "written)")


@dataclass
class Placed:
    """CORDIS's records with the rule applied: what to write, what is held back (for its entry), the links to take
    off after the write, and the notes."""
    nodes: list[NodeRecord]
    rels: list[RelRecord]
    held: list[RelRecord] = field(default_factory=list)
    taken_off: list[RelRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _inside(finer: PlaceLink | RelRecord, coarser: PlaceLink | RelRecord) -> bool:
    """Whether place `finer` lies inside `coarser`: a region of its country, or a NUTS region inside its NUTS
    region (a national region's id holds a hyphen)."""
    f, c = _as_link(finer), _as_link(coarser)
    if not f.region:
        return False
    return f.country == c.place if not c.region else nuts_inside(f.place, c.place)


def _as_link(place: PlaceLink | RelRecord) -> PlaceLink:
    if isinstance(place, PlaceLink):
        return place
    region = place.end_label == "Region"
    return PlaceLink(place.end_id, country_of(place.end_id) if region else place.end_id, region, place.key,
                     place.sources)


def _store_links(store: GraphStore, prefix: str, ids: set[str]) -> dict[str, tuple[list[PlaceLink], list[PlaceLink]]]:
    """Organisation id -> (the places other loads gave it, CORDIS's own links), for the organisations among `ids`
    another load placed: one read."""
    found: dict[str, tuple[list[PlaceLink], list[PlaceLink]]] = {}
    rows = store.read(placed_by_others("Organisation"), {"prefix": prefix}, row_cap=10**7).rows
    for node_id, *row in rows:
        if node_id in ids and (link := place_link(*row)) is not None:
            own = all(s.startswith(prefix) for s in link.sources)
            found.setdefault(node_id, ([], []))[own].append(link)
    return found


def placed_against_others(store: GraphStore, nodes: list[NodeRecord], rels: list[RelRecord],
                          prefix: str = "cordis:", source: str = "cordis") -> Placed:
    """The rule above over CORDIS's `nodes` and `rels` (its files' ids start with `prefix`, its load is `source`)."""
    located = {r.start_id: r for r in rels if r.type == "LOCATED_IN" and r.start_label == "Organisation"}
    stored = _store_links(store, prefix, set(located))
    placed = Placed(nodes, rels)
    held: dict[int, tuple[RelRecord, list[PlaceLink]]] = {}
    kept_finer, kept_other, displaced = [], [], []
    for node_id, (others, own) in sorted(stored.items()):
        mine = located[node_id]
        if any(o.place == mine.end_id for o in others):
            continue  # another load gives CORDIS's place too
        finer = [o for o in others if _inside(o, mine)]
        unrelated = [o for o in others if not _inside(o, mine) and not _inside(mine, o)]
        if finer or unrelated:
            held[id(mine)] = (mine, finer or unrelated)
            (kept_finer if finer else kept_other).append((mine, finer or unrelated))
            placed.taken_off += [o.record(mine.start_label, mine.start_id) for o in own if o.place == mine.end_id]
        else:
            displaced += [(mine, o) for o in others]
    placed.taken_off += [o.record(mine.start_label, mine.start_id) for mine, o in displaced]
    _hold_back(placed, held)
    placed.held += [r for r in [o.record(m.start_label, m.start_id) for m, o in displaced] + displaced_by(store, source)
                    if r not in placed.held]
    placed.notes += _notes(nodes, kept_finer, kept_other, displaced)
    return placed


def _hold_back(placed: Placed, held: dict[int, tuple[RelRecord, list[PlaceLink]]]) -> None:
    """CORDIS's links in `held` out of what it writes and onto its entry, with the `nuts_code` they gave (and the
    `country`, where the store's place is in another country)."""
    placed.rels = [r for r in placed.rels if id(r) not in held]
    left_out = {r.start_id: (r, {o.country for o in kept}) for r, kept in held.values()}
    codes = {n.id for n in placed.nodes if n.label == "Organisation" and n.id in left_out
             and n.properties.get("nuts_code") == left_out[n.id][0].end_id}
    placed.held += [dataclasses.replace(r, properties={**r.properties, GIVES_CODE: True}) if r.start_id in codes
                    else r for r, _ in held.values()]

    def without(n: NodeRecord) -> NodeRecord:
        mine, countries = left_out[n.id]
        drop = {"nuts_code"} if n.properties.get("nuts_code") == mine.end_id else set()
        drop |= {"country"} if countries - {n.properties.get("country")} else set()
        return dataclasses.replace(n, properties={k: v for k, v in n.properties.items() if k not in drop})

    placed.nodes = [without(n) if n.label == "Organisation" and n.id in left_out else n for n in placed.nodes]


def _notes(nodes: list[NodeRecord], kept_finer, kept_other, displaced) -> list[str]:
    names = {n.id: n.name for n in nodes if n.label == "Organisation"}

    def shown(pairs) -> str:  # the place kept, not the one held back
        return first_few(sorted({f"{names.get(m.start_id, m.start_id)!r} "
                                 f"({' and '.join(sorted({o.place for o in kept}))}, not {m.end_id})"
                                 for m, kept in pairs}), 5)

    def given(pairs) -> str:
        return first_few(sorted({s for _, kept in pairs for o in kept for s in o.sources}), 3)

    notes = []
    if kept_finer:
        notes.append(f"{len(kept_finer)} organisation(s) another load placed in a more detailed place inside CORDIS's "
                     f"stay there (their nuts_code is kept; CORDIS's place is not linked, and is written if that load "
                     f"is unloaded; given by {given(kept_finer)}): {shown(kept_finer)}")
    if kept_other:
        notes.append(f"{len(kept_other)} organisation(s) another load placed elsewhere than CORDIS does stay in the "
                     f"store's place (their nuts_code is kept; CORDIS's place is not linked; given by "
                     f"{given(kept_other)}): {shown(kept_other)}; {_TO_CHANGE}")
    if displaced:
        taken = first_few(sorted({f"{names.get(m.start_id, m.start_id)!r} ({m.end_id}, not {o.place} alone)"
                                  for m, o in displaced}), 5)
        notes.append(f"{len({m.start_id for m, _ in displaced})} organisation(s) another load placed in their country "
                     f"alone, or in a region holding CORDIS's, are placed in CORDIS's region instead (the coarser "
                     f"place is taken off, and given back if CORDIS is unloaded): {taken}")
    return notes
