"""National regions a table names that are NUTS regions, of the store or of the bundled NUTS files: the NUTS
region, not a region of its own.

A national table names regions as people do (`Telemark`, `Västmanlands län`), and `located_in` makes each a
`Region` of its own (`NO-Telemark`, `loaders.generic_places`). Where NUTS is loaded, most such names are a
NUTS region's name (`Telemark` is NO094, `Västmanlands län` SE125): a user's table then put its organisations
in `NO-Telemark` beside NUTS's `Telemark`, two regions of one name in every region list, and the one the
table used without a place on the Map. So before anything is written, a national region the store lacks whose
name is the name of a NUTS region of the same country (by the rule ends given by name follow:
`loaders.generic_ends`), or of the bundled NUTS files (`loaders.region_countries`: without NUTS loaded, a Swedish
grants table's `Västerbotten` had stayed `SE-Västerbotten`, apart from CORDIS's SE331 on the Map and in
`metrics compute --region SE33`) is that NUTS region: its rows are `LOCATED_IN` it, get its code as `nuts_code`,
the national region is not made, and a NUTS region the store lacks is made with its parents, as a NUTS code cell's
is. A name is also found as one part of a NUTS name in several languages
(`Trøndelag` of `Trøndelag/Trööndelage`), as an alias, and a Swedish county without its `län` (`Uppsala` is
`Uppsala län`, `Halland` `Hallands län`). Of several NUTS regions of that name at different
levels (`Nordjylland` is DK05 and DK050, `Innlandet` NO02 and NO020) the level of the column's other regions is taken
(a Danish `Region` column of Syddanmark, DK03, had put Nordjylland in DK050, with nothing said), the most detailed
when they give none, and a note says which was taken; of several at that level the store's, then the one of the
newest NUTS version (`Keski-Suomi` was FI193 in NUTS 2021 and is FI198 in 2024); a name of no NUTS region, or of
several at one level of one version, keeps its national region, and a note names those, with the regions a name
names when several (they have no place on the Map).
A national region the store already holds (an earlier load made it) stays what it is, so a re-run changes
nothing; when NUTS was loaded after that load, a note names those regions and how to move their rows (unload,
load again). A note counts the nodes placed by a name and lists the names taken.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import TYPE_CHECKING

from graph.region_spellings import nuts_name_of
from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord
from graph.store.search_text import SEARCH_PROPERTY, fold
from graph.wording import first_few
from loaders.generic_ends import held_ids, moved_ends, named_nodes
from loaders.nuts import place_records
from loaders.region_countries import bundled_name, bundled_regions_named, bundled_regions_of

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["national_regions_as_nuts", "candidate_regions", "regions_taken"]


#: Regions whose search text holds a name as one of its entries (`|name|`: the name, an alias, a part of a name
#: in several languages), with the NUTS versions each is in.
BY_SEARCH = cypher.fixed_statement(__name__, "BY_SEARCH", f"""\
UNWIND $needles AS needle
MATCH (r:Region) WHERE r.{SEARCH_PROPERTY} CONTAINS needle
RETURN needle, r.id AS id""")
VERSIONS = cypher.fixed_statement(__name__, "VERSIONS", """\
MATCH (r:Region) WHERE r.id IN $ids
RETURN r.id AS id, r.nuts_versions AS versions""")
#: The NUTS regions of a country (their codes start with its code and hold no hyphen): the example of a note.
NUTS_OF_COUNTRY = cypher.fixed_statement(__name__, "NUTS_OF_COUNTRY", """\
MATCH (r:Region) WHERE r.id STARTS WITH $country AND NOT r.id CONTAINS '-' AND r.name IS NOT NULL
RETURN r.id AS id, r.name AS name, coalesce(r.level, size(r.id) - 2) AS level""")


def _spellings(name: str, country: str) -> list[str]:
    """The names a table's region may have in NUTS: its own; the NUTS name of a name NUTS does not write
    (`graph.region_spellings`, one list for the loader and the search texts: Finland's `Pirkanmaan maakunta`,
    `Österbotten`, Denmark's `Region Syddanmark`, Sweden's `Region Skåne`, `Västra Götalandsregionen`); a Swedish
    county's with `län` (`Uppsala`). A name of that list is that region's alone: `Region Stockholm` is Stockholms län
    (SE110), not also the NUTS 2 region named Stockholm (SE11)."""
    if nuts_name := nuts_name_of(name, country):
        return [name, nuts_name]
    if country == "SE" and not fold(name).endswith(" lan"):
        return [name, f"{name} län", f"{name}s län"]
    return [name]


def _by_level(country: str, ids: set[str]) -> dict[int, list[str]]:
    """The NUTS regions of `country` among the candidate `ids`, by level. NUTS codes start with their country's and
    hold no hyphen (national regions' ids do: `NO-Telemark`); a code's level is its length less two."""
    levels: dict[int, list[str]] = {}
    for node_id in sorted(ids):
        if node_id.startswith(country) and "-" not in node_id:
            levels.setdefault(len(node_id) - 2, []).append(node_id)
    return levels


def _one_of(candidates: list[str], versions: dict[str, list], stored: set[str]) -> str | None:
    """The one of `candidates` (one level's), the store's when it holds some (the NUTS version its regions use: a
    store of NUTS 2021 keeps Keski-Suomi in FI193, not the bundled 2024's FI198), of the newest NUTS version when
    several, or None."""
    candidates = [node_id for node_id in candidates if node_id in stored] or candidates
    newest = max((str(v) for node_id in candidates for v in versions.get(node_id) or []), default=None)
    if len(candidates) > 1 and newest:
        candidates = [node_id for node_id in candidates if newest in map(str, versions.get(node_id) or [])]
    return candidates[0] if len(candidates) == 1 else None


def _column_levels(data: GenericInput, unambiguous: dict[str, str]) -> dict[str, Counter]:
    """Each national region's id -> how many of the regions its column (the rows of its table, by file and label)
    names are at each NUTS level: the codes its cells give and its names of one level (`unambiguous`: id -> code)."""
    columns: dict[str, set[tuple]] = {}
    levels: dict[tuple, Counter] = {}
    for rel in data.places[1]:
        if rel.type != "LOCATED_IN" or rel.end_label != "Region":
            continue
        column = (rel.sources, rel.start_label)
        columns.setdefault(rel.end_id, set()).add(column)
        if code := unambiguous.get(rel.end_id, rel.end_id if "-" not in rel.end_id else None):
            levels.setdefault(column, Counter())[len(code) - 2] += 1
    return {node_id: sum((levels.get(c, Counter()) for c in found), Counter()) for node_id, found in columns.items()}


def regions_taken(data: GenericInput, national: dict[str, NodeRecord], candidates: dict[str, set[str]],
           versions: dict[str, list], stored: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Each national region's id -> its NUTS region (see the module); and, of those a name of several levels gave,
    the note that says which was taken."""
    levels = {node_id: _by_level(str(national[node_id].properties["country"]), found)
              for node_id, found in candidates.items()}
    unambiguous = {node_id: nuts for node_id, by in levels.items()
                   if len(by) == 1 and (nuts := _one_of(next(iter(by.values())), versions, stored))}
    around = _column_levels(data, unambiguous)
    taken, said = dict(unambiguous), {}
    for node_id, by in levels.items():
        if len(by) < 2:
            continue
        others = around.get(node_id, Counter())
        level = max(by, key=lambda at: (others[at], at))  # the column's most frequent level, else the deepest
        if not (nuts := _one_of(by[level], versions, stored)):
            continue
        taken[node_id] = nuts
        named = [f"{_one_of(by[at], versions, stored) or ' or '.join(by[at])} (NUTS {at})" for at in sorted(by)]
        why = ("the level of the column's other regions" if others[level] else
               "the most detailed, as the column's other regions give no level")
        said[node_id] = (f"{national[node_id].name} names {'both ' if len(named) == 2 else ''}"
                         f"{', '.join(named[:-1])} and {named[-1]}; taken as {nuts}, {why}; give the code to choose")
    return taken, said


def candidate_regions(store: GraphStore, national: list[NodeRecord]
                ) -> tuple[dict[str, set[str]], dict[str, list], set[str]]:
    """Each national region's id -> the ids of the NUTS regions its name names: the store's (by name, then by search
    text, see the module) and the bundled NUTS files' of its country (`loaders.region_countries`), so that a table
    loaded before NUTS, or beside CORDIS alone, finds them too; the NUTS versions of those regions (the store's, else
    the files'); and which of them the store holds."""
    spellings = {n.id: _spellings(n.name, str(n.properties["country"])) for n in national}
    every = {name for names in spellings.values() for name in names}
    named, _ = named_nodes(store, "Region", every)
    needles = sorted({f"|{fold(name)}|" for name in every})
    searched: dict[str, set[str]] = {}
    for needle, node_id in store.read(BY_SEARCH, {"needles": needles}).rows:
        searched.setdefault(needle, set()).add(node_id)
    bundled_versions: dict[str, set[str]] = {}
    found: dict[str, set[str]] = {}
    for n in national:
        country = str(n.properties["country"])
        bundled = [region for name in spellings[n.id] for region in bundled_regions_named(name, country)]
        for region in bundled:
            bundled_versions.setdefault(region.code, set()).add(region.version)
        found[n.id] = {i for name in spellings[n.id] for i in [*(pair[0] for pair in named.get(name, [])),
                                                                *searched.get(f"|{fold(name)}|", ())]}
        found[n.id] |= {region.code for region in bundled}
    ids = sorted({i for candidates in found.values() for i in candidates})
    stored = dict(store.read(VERSIONS, {"ids": ids}).rows) if ids else {}
    versions = {i: stored.get(i) or sorted(bundled_versions.get(i, ())) for i in ids}
    return found, versions, set(stored)


def national_regions_as_nuts(store: GraphStore, data: GenericInput) -> None:
    """Give `data`'s rows the NUTS regions of the store their national regions' names name (see the module)."""
    national = {n.id: n for n in data.places[0] if n.label == "Region" and n.properties.get("scheme") == "national"}
    if not national:
        return
    held = held_ids(store, "Region", list(national))
    found_ids, versions, stored = candidate_regions(store, list(national.values()))
    nuts_of, levels_said = regions_taken(data, national, found_ids, versions, stored)
    kept = sorted(node_id for node_id in nuts_of if node_id in held)
    if kept:  # loaded before NUTS: said, so that the two regions of one name are no surprise
        data.notes.append(f"{len(kept)} national region(s) an earlier load made have the name of a NUTS region, and "
                          f"stay where their rows are: {first_few(kept, 5, lambda i: f'{i} ({nuts_of[i]})')}"
                          f"; to place the rows in the NUTS regions, take this load out (`cluster-explorer unload "
                          f"user:{data.mapping.name}`, or the Data page's Take a load out) and load it again")
    left = [n for n in national.values() if n.id not in nuts_of and n.id not in held]
    if left:  # a silent national region had no place on the Map, and a region list held it beside NUTS's
        data.notes.append(f"{len(left)} region name(s) of the table are not the name of one NUTS region (of the store "
                          "or of the bundled NUTS files) of their country, so each is made a region of its own, "
                          f"without a place on the Map: {first_few(sorted(_why_left(left, found_ids)), 10)}; to place "
                          "them, " + _advice(store, left))
    found = {node_id: nuts for node_id, nuts in nuts_of.items() if node_id not in held}
    if not found:
        return
    moved = {("Region", national_id): nuts for national_id, nuts in found.items()}
    dropped = {id(n) for n in national.values() if n.id in found}
    dropped |= {id(r) for r in data.places[1] if r.type == "PART_OF" and (r.start_label, r.start_id) in moved}
    new_of = {id(r): moved_ends(r, moved) for r in data.places[1] if id(r) not in dropped}
    placed = sum(1 for r in data.places[1] if r.type == "LOCATED_IN" and (r.end_label, r.end_id) in moved)
    data.places[0][:] = [n for n in data.places[0] if id(n) not in dropped]
    data.places[1][:] = [new_of[id(r)] for r in data.places[1] if id(r) not in dropped]
    data.rels[:] = [new_of.get(id(r), r) for r in data.rels if id(r) not in dropped]
    data.nodes[:] = [_placed(n, found) for n in data.nodes if id(n) not in dropped]
    _add_nuts_chains(data, {nuts: national[node_id] for node_id, nuts in found.items() if nuts not in stored})
    data.notes.append(f"{placed} node(s) are placed in the NUTS region their region cell names, as a NUTS code would "
                      f"place them ({len(found)} region name(s); no national region of that name is made): "
                      + first_few(sorted(found.items()), 10, lambda hit: f"{national[hit[0]].name} -> {hit[1]}"
                                  + (f" {name}" if (name := bundled_name(hit[1])) and fold(name) != fold(
                                      national[hit[0]].name) else "")))
    data.notes += [levels_said[node_id] for node_id in sorted(found) if node_id in levels_said]


def _why_left(left: list[NodeRecord], found_ids: dict[str, set[str]]) -> list[str]:
    """The `left` national regions by their ids, which hold their country (`IT-Cuneo`: a name alone left one of two
    countries' cells unknown), each with the NUTS regions of its country it names when there are several
    (`NO-Oslo (names NO081 and NO082)`): a user then knows to give the code."""
    shown = []
    for n in left:
        country = str(n.properties["country"])
        several = sorted(i for i in found_ids.get(n.id, ()) if i.startswith(country) and "-" not in i)
        shown.append(f"{n.id} (names {', '.join(several[:-1])} and {several[-1]})" if len(several) > 1 else n.id)
    return shown


def _add_nuts_chains(data: GenericInput, regions: dict[str, NodeRecord]) -> None:
    """The NUTS regions the store lacks that names took, with their parents up to the country and NUTS's names
    (from the bundled files), added to `data`'s places as a NUTS code cell's are (`loaders.generic_places`)."""
    have_nodes = {(n.label, n.id) for n in data.places[0]}
    have_rels = {(r.type, r.start_id, r.end_id) for r in data.places[1]}
    for code, national in sorted(regions.items()):
        source = national.sources[0]
        names = {prefix: name for prefix in {code[:n] for n in range(3, len(code) + 1)}
                 if (name := bundled_name(prefix))}
        nodes, rels = place_records({code}, names, source, source)
        nodes = [n for n in nodes if (n.label, n.id) not in have_nodes]
        rels = [r for r in rels if (r.type, r.start_id, r.end_id) not in have_rels]
        have_nodes |= {(n.label, n.id) for n in nodes}
        have_rels |= {(r.type, r.start_id, r.end_id) for r in rels}
        data.places[0].extend(nodes)
        data.places[1].extend(rels)
        data.nodes.extend(nodes)
        data.rels.extend(rels)


def _advice(store: GraphStore, made: list[NodeRecord]) -> str:
    """What places the rows of `made` regions: NUTS's name or code in the table, with an example of the rows' (most
    frequent) country, one holding a made name or a word of it where there is one (`Itä-Uusimaa`: Helsinki-Uusimaa,
    FI1B1), from the bundled NUTS files where the store holds no NUTS region of that country. (A Swedish example for
    Finnish rows, and "load NUTS first", which the bundled files' names made useless, sent users the wrong way.)"""
    country = Counter(str(n.properties["country"]) for n in made).most_common(1)[0][0]
    rows = store.read(NUTS_OF_COUNTRY, {"country": country}, row_cap=10**5).rows or [
        (region.code, region.name, region.level) for region in bundled_regions_of(country)]
    if not rows:
        return f"give a NUTS code in the table (NUTS knows no region of {country})"
    names = [fold(n.name) for n in made]
    words = {word for whole in names for word in re.split(r"[\s/-]+", whole) if len(word) >= 4}  # Itä-Uusimaa: uusimaa
    node_id, name, _ = min(rows, key=lambda row: (-int(row[2] or 0), not any(m in fold(str(row[1])) for m in names),
                                                  not any(w in fold(str(row[1])) for w in words), str(row[0])))
    return f"give NUTS's name or code in the table ({name}, {node_id})"


def _placed(node: NodeRecord, found: dict[str, str]) -> NodeRecord:
    """`node` with the NUTS code of its region in `nuts_code`, when its national region became a NUTS region."""
    region = node.properties.get("region")
    if not isinstance(region, str) or region not in found:
        return node
    properties = {k: v for k, v in node.properties.items() if k != "region"} | {"nuts_code": found[region]}
    return dataclasses.replace(node, properties=properties)
