"""Validated records: what every loader produces and the one writer consumes.

A record names its kind by a schema label, carries plain property values (str, int, float, bool,
or lists of those; dates as ISO `YYYY-MM-DD` strings, so both stores compare them the same way) and
the ids of the sources it came from.

Text a store cannot hold is refused here, so a load fails before its first write rather than half-way:
a NUL character (FalkorDB ends a string at it), a lone surrogate (half of a UTF-16 pair, which is not
Unicode text; neither store's protocol can carry it) and a value longer than `MAX_TEXT` characters.
The readers find the same with file, line and column (`unstorable`), and remove other control
characters (`strip_controls`); records are the last line of defence for what reaches the writer
another way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.store.schema import NODE_LABELS, REL_TYPES, check_property, kind_of
from graph.store.search_text import SEARCH_PROPERTY, node_search_text

__all__ = ["NodeRecord", "RelRecord", "check_records", "relationships_with_problems", "MAX_TEXT", "unstorable",
           "strip_controls"]

_SCALARS = (str, int, float, bool)
_RESERVED = {"id", "kind", "sources"}
#: The longest text value a record may hold, in characters (1 MB of plain text). Longer is a mistake
#: (a wrong separator or an unclosed quote runs a file into one cell) and slows every read of the node.
MAX_TEXT = 1_000_000
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def unstorable(text: str) -> tuple[int, str] | None:
    """Where in `text` (a 0-based index) and why it cannot be stored; None when it can.

    Refused: a NUL character, a lone surrogate, more than `MAX_TEXT` characters.
    """
    if len(text) > MAX_TEXT:
        return MAX_TEXT, (f"is {len(text):,} characters long; at most {MAX_TEXT:,} are stored (a wrong separator "
                          "or an unclosed quote can run a file into one cell)")
    if text.isprintable():  # the fast path: printable text holds neither NUL nor a surrogate
        return None
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    char = found.group()
    what = "a NUL character (0x00)" if char == "\x00" else f"a lone surrogate (U+{ord(char):04X}), which is not text"
    return found.start(), f"holds {what} at character {found.start() + 1}; remove it and load again"


def strip_controls(text: str) -> tuple[str, int]:
    """`text` without control characters other than tab, line feed and carriage return; and how many went.

    They are invisible, so a name holding one (0x1A from an old export) is never found by a search.
    """
    if text.isprintable():
        return text, 0
    return _CONTROLS.subn("", text)


def _text_problems(what: str, value: Any) -> list[str]:
    """What makes `value` (text, or a list) unstorable, as `what ...`; a printable short text needs no look."""
    if type(value) is str and len(value) <= MAX_TEXT and value.isprintable():
        return []
    for v in value if isinstance(value, (list, tuple)) else (value,):
        if isinstance(v, str) and (problem := unstorable(v)):
            return [f"{what} {problem[1]}"]
    return []


#: Types of a value that needs no look: a number, a flag, nothing (text is looked at once, in `_value_problems`).
_PLAIN = frozenset({int, float, bool, type(None)})
#: Source tuples already found printable: a load gives every record of a file the same source.
_GOOD_SOURCES: set[tuple] = set()


def _value_problems(key: str, value: Any) -> list[str]:
    """What is wrong with the value of property `key`: an unsupported type, or unstorable text.

    Checks a million values a second or more: a load of the 10x set checks 7 million, before its first write."""
    kind = type(value)
    if kind in _PLAIN or (kind is str and len(value) <= MAX_TEXT and value.isprintable()):
        return []
    if not _check_value(value):
        return [f"property {key!r} has unsupported value {value!r}"]
    return _text_problems(f"property {key!r}", value)


def _source_problems(sources: tuple[str, ...]) -> list[str]:
    hashable = type(sources) is tuple  # a list given instead (no loader does) is checked, not remembered
    if hashable and sources in _GOOD_SOURCES:
        return []
    if all(type(s) is str and s.isprintable() for s in sources):
        if hashable and len(_GOOD_SOURCES) < 10_000:
            _GOOD_SOURCES.add(sources)
        return []
    return _text_problems("a source id", sources)


def _check_value(value: Any) -> bool:
    if value is None or isinstance(value, _SCALARS):
        return True
    if isinstance(value, (list, tuple)):
        return all(isinstance(v, _SCALARS) for v in value)
    return False


#: Node property names already found valid (`check_property`, not reserved): a load repeats a few dozen.
_GOOD_KEYS: set[str] = set()


def _key_problems(key: str) -> list[str]:
    """What is wrong with a node property name not yet in `_GOOD_KEYS` (the caller looks there first)."""
    found = []
    try:
        check_property(key)
    except ValueError as e:
        found.append(str(e))
    if key in _RESERVED:
        found.append(f"property {key!r} is reserved")
    if not found and len(_GOOD_KEYS) < 10_000:
        _GOOD_KEYS.add(key)
    return found


@dataclass(frozen=True)
class NodeRecord:
    """One node: the label it is merged by, its id, its display name and properties.

    Its kind (the `kind` property, the first part of its key `Kind:id`) is the first of its labels in
    `KIND_ORDER`: an Organisation record that also carries `Cluster` is a Cluster, merged by its id.
    `fills`: the properties its source fills for it (a user table's mapped columns); one it lacks (an empty cell)
    is taken off the node when a re-load of its files gives it no longer (`graph.store.changes`), or given back
    the value another load gives. Not part of the record's identity or digest.
    """

    label: str
    id: str
    name: str
    sources: tuple[str, ...]
    extra_labels: tuple[str, ...] = ()
    properties: dict[str, Any] = field(default_factory=dict)
    fills: frozenset[str] = field(default=frozenset(), compare=False)

    def problems(self) -> list[str]:
        """What is wrong with this record; empty when it can be written."""
        found: list[str] = []
        if self.label not in NODE_LABELS:
            found.append(f"unknown label {self.label!r}")
        found += [f"unknown extra label {x!r}" for x in self.extra_labels if x not in NODE_LABELS]
        if not isinstance(self.id, str) or not self.id.strip():
            found.append("empty id")
        if not isinstance(self.name, str) or not self.name.strip():
            found.append(f"empty name for id {self.id!r}")
        if not self.sources:
            found.append(f"no source for id {self.id!r}")
        for key, value in self.properties.items():
            if key not in _GOOD_KEYS:
                found += _key_problems(key)
            kind = type(value)  # `_value_problems`' fast path, inline: most values need no look
            if not (kind in _PLAIN or (kind is str and len(value) <= MAX_TEXT and value.isprintable())):
                found += _value_problems(key, value)
        if not (self.id.isprintable() and self.name.isprintable()) or len(self.id) + len(self.name) > MAX_TEXT:
            found += _text_problems("the id", self.id) + _text_problems("the name", self.name)
        return found + _source_problems(self.sources)

    def row(self) -> dict[str, Any]:
        """The parameter row the upsert statement expects."""
        props = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.properties.items()}
        props["name"] = self.name
        props["kind"] = kind_of((self.label, *self.extra_labels))  # an Organisation marked Cluster is a Cluster
        props[SEARCH_PROPERTY] = node_search_text(self.id, props)
        return {"id": self.id, "props": props, "sources": list(self.sources)}


@dataclass(frozen=True)
class RelRecord:
    """One relationship between two nodes named by (label, id). `key` tells parallel ones apart. `fills`: as a
    `NodeRecord`'s (an emptied cell's property is taken off when only this record's files give the relationship)."""

    type: str
    start_label: str
    start_id: str
    end_label: str
    end_id: str
    sources: tuple[str, ...]
    properties: dict[str, Any] = field(default_factory=dict)
    key: str = ""
    fills: frozenset[str] = field(default=frozenset(), compare=False)

    def problems(self) -> list[str]:
        found: list[str] = []
        rel = REL_TYPES.get(self.type)
        if rel is None:
            return [f"unknown relationship type {self.type!r}"]
        if self.start_label not in rel.starts:
            found.append(f"{self.type} cannot start at {self.start_label}")
        if self.end_label not in rel.ends:
            found.append(f"{self.type} cannot end at {self.end_label}")
        if not self.start_id or not self.end_id:
            found.append(f"{self.type} with an empty endpoint id")
        if not self.sources:
            found.append(f"{self.type} {self.start_id}->{self.end_id} has no source")
        for key, value in self.properties.items():
            if key not in rel.properties:
                found.append(f"{self.type} has no property {key!r}; allowed: {', '.join(rel.properties)}")
            found += _value_problems(key, value)  # the writer's bulk check (`relationships_with_problems`) inlines it
        if not (self.start_id.isprintable() and self.end_id.isprintable() and self.key.isprintable()):
            found += (_text_problems("the start id", self.start_id) + _text_problems("the end id", self.end_id)
                      + _text_problems("the key", self.key))
        return found + _source_problems(self.sources)

    def row(self) -> dict[str, Any]:
        props = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.properties.items()}
        return {"start": self.start_id, "end": self.end_id, "key": self.key, "props": props,
                "sources": list(self.sources)}


def relationships_with_problems(rels: Iterable[RelRecord]) -> Iterator[tuple[RelRecord, list[str]]]:
    """Each relationship that has a problem, with its problems (`RelRecord.problems`), in order.

    One loop with the common case inline: the type, endpoint labels and sources of a relationship found sound are
    remembered, so the next one of that shape needs a look at its ids and values only. A load of the 10x set
    checks 1.2 million relationships before its first write; `problems()` one by one took 4.2 s of it."""
    sound: set[tuple] = set()
    allowed = {name: frozenset(rel.properties) for name, rel in REL_TYPES.items()}
    for r in rels:
        shape = (r.type, r.start_label, r.end_label, r.sources) if type(r.sources) is tuple else None
        if shape in sound and r.start_id and r.end_id and r.start_id.isprintable() and r.end_id.isprintable() \
                and r.key.isprintable():
            names = allowed[r.type]
            for key, value in r.properties.items():
                kind = type(value)
                if key not in names or not (kind in _PLAIN or (kind is str and len(value) <= MAX_TEXT
                                                                 and value.isprintable())):
                    break
            else:
                continue
        found = r.problems()
        if found:
            yield r, found
        elif shape is not None:
            sound.add(shape)


def check_records(nodes: Iterable[NodeRecord], rels: Iterable[RelRecord]) -> list[str]:
    """Every problem of every record, each prefixed by what it is about."""
    found: list[str] = []
    for n in nodes:
        found += [f"node {n.label} {n.id!r}: {p}" for p in n.problems()]
    for r, problems in relationships_with_problems(rels):
        found += [f"relationship {r.type} {r.start_id!r}->{r.end_id!r}: {p}" for p in problems]
    return found

