"""Which organisations and clusters a load makes new, and which of them a stored name holds as whole words.

A Danish projects table's partner `DTU` and a Finnish one's coordinator `Business Tampere` became new organisations
beside CORDIS's DANMARKS TEKNISKE UNIVERSITET (short name "TECHNICAL UNIVERSITY OF DENMARK DTU") and TAMPEREEN
KAUPUNKISEUDUN ELINKEINOJA KEHITYSYHTIO BUSINESS TAMPERE OY, and neither the check nor the load said a word: it
listed the rows it matched, not those it would make new. These notes (part of the note on near names,
`loaders.generic_near_names`) name the new bodies, and those whose name a stored name, short name or alias holds as
whole words (a one-word name only when written as an acronym, `DTU`). They are not merged: a name inside another is
too often another body (`Tampere` is in a hundred names).

A new node whose name still holds a usual separator the table's `split` lacks (`;`, a line break, ` / `, `, `), and
whose parts name nodes of the load or the store, is a cell split wrongly: a Finnish partner cell `Ylöjärven Konepaja
Oy; Kangasalan Hitsaus ja Koneistus Oy; Lempäälän Levytyö Oy` under `separator = ", "` had become one organisation.
The note names file, line and column, and the list of separators that reads it (`separator = [", ", ";"]`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from graph.store.contract import GraphStore
from graph.store.records import NodeRecord
from graph.store.search_text import fold as search_fold
from graph.wording import first_few
from loaders.generic_ends import label_spellings

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["new_bodies"]

_USUAL_SEPARATORS = (";", "\n", " / ", ", ")

_BODIES = ("Organisation", "Cluster")
_SHOWN = 5
_HOLDERS_AT_MOST = 3  # a name more stored names hold says little


def _where(record: NodeRecord, data: GenericInput) -> str:
    """` (file:line)` of a `match = "name"` row, else ` (file)`."""
    if found := data.matchable.get((record.label, record.id)):
        return f" ({found[0]}:{found[1]})"
    return f" ({record.sources[0].split('/', 1)[-1]})" if record.sources else ""


def _holders(record: NodeRecord, words: dict[str, set[str]], parts: dict[str, list[tuple[str, str]]]) -> list:
    """The (id, name, the folded name holding it) of the stored nodes one of whose folded names (name, short name,
    alias) holds the record's name as whole words."""
    key = search_fold(record.name)
    if not key or (" " not in key and not (record.name.isupper() and 2 <= len(record.name) <= 6)):
        return []  # one word: only an acronym as written (`DTU`), else it is in too many names
    candidates = set.intersection(*(words.get(word, set()) for word in key.split()))
    found = {(*node, part) for part in candidates if part != key and f" {key} " in f" {part} " for node in parts[part]}
    return sorted(found)


def _split_leftovers(data: GenericInput, record: NodeRecord, spellings: dict[str, list]) -> str:
    """Where a new node's name holds a usual separator its table's `split` lacks and two of its parts name nodes
    of the load or the store: the file, line and column, and the separators that read it; else ""."""
    for spec in (spec for spec in data.mapping.files if spec.split and f"/{spec.file}" in "".join(record.sources)):
        column, given = spec.split
        given = (given,) if isinstance(given, str) else given
        for separator in (s for s in _USUAL_SEPARATORS if s.strip() not in {g.strip() for g in given}):
            parts = [part.strip() for part in record.name.split(separator.strip() or separator)]
            loaded = {r.name.lower() for r in data.nodes if r.label == record.label and r is not record}
            named = [part for part in parts if part.lower() in loaded or search_fold(part) in spellings]
            if len(parts) > 1 and len(named) >= 2:
                file, line, _ = data.matchable.get((record.label, record.id), (spec.file, None, column))
                listed = json.dumps([*given, separator.strip() or separator], ensure_ascii=False)
                return (f"{file}{f':{line}' if line else ''} [{column}]: the cell {record.name!r} holds "
                        f"{separator.strip() or separator!r}, which split's separator {json.dumps(list(given))} does "
                        f"not, so it made one {record.label} of its {len(parts)} names, {len(named)} of them nodes of "
                        f"the load or the store; to split at both, write separator = {listed} (in split, or on "
                        "the preset's column)")
    return ""


def new_bodies(store: GraphStore, data: GenericInput, new: dict[str, list[NodeRecord]], noted: set[int]) -> list[str]:
    """Notes on the load's new Organisation and Cluster nodes (`new`: label -> records whose ids the store lacks):
    how many, the first few, those a cell split wrongly, and those a stored name holds as whole words (`noted`:
    records the note on near names already names, left out)."""
    notes, leftovers, held = [], [], []
    for label in (label for label in _BODIES if new.get(label)):
        records = new[label]
        notes.append(f"{len(records)} {label} node(s) of the table are new, named by no node of the store (by id, "
                     "name or number): " + first_few(records, _SHOWN, lambda r: f"{r.name!r}{_where(r, data)}"))
        parts = label_spellings(store, label)
        leftovers += [leftover for record in records if (leftover := _split_leftovers(data, record, parts))]
        words: dict[str, set[str]] = defaultdict(set)
        for part in parts:
            for word in part.split():
                words[word].add(part)
        held += [(record, nodes) for record in records if id(record) not in noted
                 if 0 < len(nodes := _holders(record, words, parts)) <= _HOLDERS_AT_MOST]
    if held:
        notes.append(
            f"Of the new nodes, {len(held)} {'has' if len(held) == 1 else 'have'} a name that a stored name holds "
            "as whole words; not merged with it (a "
            "name inside another is too often another body): " + first_few(held, _SHOWN, lambda hit: (
                f"{hit[0].label} {hit[0].name!r}{_where(hit[0], data)} in " + " / ".join(
                    f"{node_id} {name!r}" + ("" if search_fold(name) == part else f" (as {part!r})")
                    for node_id, name, part in hit[1])))
            + "; where one is the same body, write the store's name (or its id) in the table's cell, so that "
            "match = \"name\" takes it")
    return notes + leftovers
