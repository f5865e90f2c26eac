"""A relationship end given as a value with `add = true`: the one node made from the value where no one holds it.

A cluster's own member list names no cluster, so its mapping links every row to one (`end = { label = "Cluster",
value = "..." }`). A cluster CORDIS lacks had to come from a second file of one row, a [[nodes]] table for it (a
try-out's upload of that file ended in a crash). With `add = true` the value is that node's id and name: made when
neither the mapped files nor the store hold a node so named or numbered (else the end links to the store's, as any
end given by a value), and made again by a re-load that made it, so a re-run changes nothing. Its source is the
table's file: an unload takes it off with the links.

A value no node is named, whose name is one stored node's once case, legal forms and association words are set aside
(`graph.legal_forms`: `Odense Robotics`, CORDIS's `FORENINGEN ODENSE ROBOTICS`), is that node, as `match = "name"`
takes it, with a note: a second cluster beside the registered one had split its members from its projects. Several
such nodes: the node is made, and the note names them. `country = "FI"` beside `add` gives the made node its country
(the Map draws it there); without it, the note names the members' one country when they share one. `region = "FI19B"`
(or a region's name) places it in that region of the store (`loaders.generic_added_regions`); without it, the note
proposes the region most of its members are in.
"""

from __future__ import annotations

from graph.errors import Problem
from graph.names import name_key
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord, RelRecord
from graph.wording import first_few
from loaders.generic_added_regions import held_place_note, majority_region_note, region_named, region_said
from loaders.generic_ends import label_names, moved_ends, named_nodes, only_given_by, own_files, sources_of
from loaders.mapping_spec import Mapping

__all__ = ["added_ends", "add_constant_ends"]


def added_ends(mapping: Mapping) -> dict[tuple[str, str], str]:
    """(label, value) of each end given as a value with `add = true` -> the file of its table."""
    return {(end.label, end.value): spec.file for spec in mapping.files for end in (spec.start, spec.end)
            if end is not None and end.add}


def _given(mapping: Mapping, label: str, value: str, key: str) -> tuple[str, str, int | None]:
    """What the `add = true` end of (label, value) gives as `key` (`country = "FI"`, `region = "FI19B"`), else "";
    with that end's role (`end`) and its mapping line (a problem names them)."""
    return next(((getattr(end, key), role, spec.lines.get(role, spec.line)) for spec in mapping.files
                 for role, end in (("start", spec.start), ("end", spec.end))
                 if end is not None and end.add and (end.label, end.value) == (label, value) and getattr(end, key)),
                ("", "", None))


def _place_given(mapping: Mapping, label: str, value: str) -> dict[str, str]:
    """The `country` and `region` the `add = true` end of (label, value) gives, "" where it gives none."""
    return {key: _given(mapping, label, value, key)[0] for key in ("country", "region")}


def _members_country(data, label: str, value: str) -> str:
    """The one country of the load's nodes linked to the end (label, value), "" when they give none or several."""
    linked = {(rel.start_label, rel.start_id) for rel in data.rels if (rel.end_label, rel.end_id) == (label, value)}
    countries = {record.properties.get("country") for record in data.nodes if (record.label, record.id) in linked}
    return next(iter(countries)) if len(countries) == 1 and None not in countries else ""


def add_constant_ends(store: GraphStore, data) -> list[Problem]:
    """Make the nodes of `data`'s ends with `add = true` that only the load's own earlier files or no one holds (by
    id, or by one node's name; the one node named so but for legal forms and association words is that node): each
    goes into `data.nodes`, out of `data.unresolved`, with a note, and `LOCATED_IN` the region its `region` names.
    The problems: a `region` naming no region of the store, at the end's mapping line."""
    own, problems = own_files(data.nodes), []
    for (label, value), file in added_ends(data.mapping).items():
        if (label, value) not in data.unresolved:
            continue  # a node of the files
        held, given = sources_of(store, label, {value}), _place_given(data.mapping, label, value)
        named, folded = ({}, None) if held else named_nodes(store, label, {value})
        found = named.get(value, [])
        if len(found) > 1:
            continue  # several of that name: the check asks for the id
        if found:
            held = sources_of(store, label, {found[0][0]})
        if held and not only_given_by(held, own):  # another load's node: the end links to it
            if placing := held_place_note(store, data, label, next(iter(held)), given):
                data.notes.append(f"{label} {value!r} is already in the store, and the rows link to it; {placing}")
            continue
        near = [(i, n) for i, n in label_names(store, label) if i != value and name_key(n) == name_key(value)]
        if len(near) == 1 and not only_given_by(sources_of(store, label, {near[0][0]}), own):
            data.unresolved[(label, near[0][0])] = data.unresolved.pop((label, value))
            data.rels[:] = [moved_ends(rel, {(label, value): near[0][0]}) for rel in data.rels]
            data.notes.append(f"{label} {value!r} is the store's {near[0][1]} ({label}:{near[0][0]}), the one {label} "
                              "so named once case, legal forms and association words (Foreningen, ry, e.V. ...) are "
                              "set aside: the rows link to it (add = true makes no second one); to make a node of its "
                              "own instead, write another name")
            if placing := held_place_note(store, data, label, near[0][0], given):
                data.notes[-1] += f"; {placing}"
            continue
        del data.unresolved[(label, value)]
        country = _given(data.mapping, label, value, "country")[0]
        text, role, line = _given(data.mapping, label, value, "region")
        region, why = region_named(store, data, text, country) if text else ("", "")
        if why:
            problems.append(Problem(data.mapping.path.name, line, f"{role}.region", why))
        source = f"user:{data.mapping.name}/{file}"
        country = country or (region[:2] if "-" not in region else region.split("-")[0])
        placed = {"region" if "-" in region else "nuts_code": region} if region else {}
        data.nodes.append(NodeRecord(label, value, value, (source,),
                                     properties={**({"country": country} if country else {}), **placed}))
        data.rels.extend([RelRecord("LOCATED_IN", label, value, "Region", region, (source,))] if region else [])
        hint = folded.nearest(value).removesuffix(" Else ") if folded and not held and not near else ""
        common = "" if country else _members_country(data, label, value)
        data.notes.append(
            f"{label} {value!r} is in neither the files nor the store: made from the mapping's value (add = true), its "
            "id and name" + (f", in {country}" if country else "") + (f", in {region_said(region)}" if region else "")
            + (f"; {hint} If so, write that name" if hint else "")
            + (f"; the store holds {len(near)} {label} nodes so named once legal forms and association words are set "
               "aside (" + first_few(near, 3, lambda node: f"{node[1]} ({node[0]})") + "): write that name, or its "
                 "id, to use one" if near else "")
            + (f"; it has no country, while every row linked to it is in {common}: write country = \"{common}\" "
               "beside add = true to place it on the Map" if common else "")
            + ("" if text else majority_region_note(data, label, value)))
    return problems
