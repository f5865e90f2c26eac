"""What a feature needs from the store, and what is missing: no feature returns nothing without saying why.

A saved query declares its inputs in its header (`// requires: Cluster, PARTICIPATES_IN, Cluster.country`),
the analytics in `graph.analytics.needs`, the load summary's features in `graph.store.semantics.FEATURES`,
all in one syntax: a comma-separated list of items, each a node label, a relationship type, or
`Owner.property` (a property of the semantic contract); `a | b` is satisfied by either; `Owner.$param`
names the property a parameter chooses (`Organisation.$metric`); `Owner.property=$param` asks for a node
or relationship with the parameter's value there (`Organisation.country=$country`; the value `any`,
which the shipped queries read as "no filter", asks nothing); `Label>TYPE` asks for a node of the label with a
relationship of the type going out (`Cluster>LOCATED_IN`: some cluster is placed, which organisations placed
do not tell).

`missing_inputs` checks each item with one cheap read (a label or type is counted from the store's own
counts, no scan; a property stops at the first node carrying it) and caches the answers per data version
(`graph.store.load_log.data_version`), so a page that asks on every run reads the store again only after a
load. Each missing input comes with how to add it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.errors import SchemaError
from graph.store.contract import GraphStore
from graph.store.cypher import count_label, count_rel_type
from graph.store.load_log import data_version
from graph.store.registry import statement
from graph.store.schema import (
    NODE_LABELS,
    REL_TYPES,
    check_label,
    check_property,
    check_rel_type,
)
from graph.store.semantics import CONTRACT, DOCS_ANCHOR, lookup, owners_of

__all__ = ["Requirement", "Missing", "missing_inputs", "answers_of", "explain", "absent_countries", "present"]


@dataclass(frozen=True)
class Requirement:
    """Inputs a feature needs: each item a tuple of alternatives (`Project.start_date`, `SME | Organisation.sme`)."""

    items: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def parse(cls, text: str) -> Requirement:
        """Read the `requires:` syntax; raises `SchemaError` naming an item that is not a schema name.

        >>> Requirement.parse("Project, SME | Organisation.sme").items
        (('Project',), ('SME', 'Organisation.sme'))
        """
        items = []
        for raw in filter(None, (part.strip() for part in text.split(","))):
            alternatives = tuple(a.strip() for a in raw.split("|"))
            for alternative in alternatives:
                _check_item(alternative)
            items.append(alternatives)
        return cls(tuple(items))

    def __add__(self, other: Requirement) -> Requirement:
        return Requirement(self.items + tuple(i for i in other.items if i not in self.items))

    def bind(self, params: Mapping[str, Any]) -> Requirement:
        """The requirement with each `$param` replaced: `Owner.$param` by the property the parameter names,
        `Owner.property=$param` by the value (as JSON); an item whose parameter has no value stays as it is."""
        def one(item: str) -> str:
            owner, _, prop = item.partition(".")
            prop, equals, wanted = prop.partition("=$")
            value = params.get(wanted if equals else prop[1:])
            if value is None or not (equals or prop.startswith("$")):
                return item
            if equals:
                return f"{owner}.{prop}={json.dumps(value, ensure_ascii=False)}"
            return f"{owner}.{check_property(str(value))}"
        return Requirement(tuple(tuple(one(a) for a in alternatives) for alternatives in self.items))

    def text(self) -> str:
        return ", ".join(" | ".join(alternatives) for alternatives in self.items)


@dataclass(frozen=True)
class Missing:
    """A missing input: the item (its alternatives, as declared) and the sentence saying how to add it."""

    item: str
    message: str


def _check_item(item: str) -> None:
    label, out, rel_type = item.partition(">")
    if out:
        check_label(label)
        check_rel_type(rel_type)
        return
    owner, dot, prop = item.partition(".")
    prop, equals, param = prop.partition("=")
    if equals and (not param.startswith("$") or owner not in NODE_LABELS):
        raise SchemaError(f"requires: {item!r}: a value is asked of a node label's property, as a parameter: "
                          f"`Label.{prop}=$name`")
    if owner not in NODE_LABELS and owner not in REL_TYPES:
        raise SchemaError(f"requires: {owner!r} is neither a node label nor a relationship type of the schema")
    if dot and not prop.startswith("$") and lookup(owner, prop) is None:
        raise SchemaError(f"requires: {item!r} is not in the semantic contract (graph/store/semantics.py)")
    if dot and prop.startswith("$"):
        check_property(prop[1:])


def _one_property_per_label() -> list[tuple[str, str]]:
    """Lint examples: every label with one property (the text differs only by schema-checked names, as
    `cypher.set_property`'s examples); the first the contract names for it, else `name`."""
    return [(label, next((p.name for p in CONTRACT if p.owner in owners_of(label)[:-1]), "name"))
            for label in NODE_LABELS]


@statement(_one_property_per_label)
def any_node_with(label: str, prop: str) -> str:
    """One `label` node that has `prop`, if any (stops at the first)."""
    return f"MATCH (n:{check_label(label)}) WHERE n.{check_property(prop)} IS NOT NULL RETURN n.id AS id LIMIT 1"


@statement(lambda: [(t, next((p.name for p in CONTRACT if p.owner == t), "key")) for t in REL_TYPES])
def any_relationship_with(rel_type: str, prop: str) -> str:
    return (f"MATCH ()-[r:{check_rel_type(rel_type)}]->() WHERE r.{check_property(prop)} IS NOT NULL "
            "RETURN 1 AS found LIMIT 1")


@statement(lambda: [(label, "LOCATED_IN") for label in NODE_LABELS])
def any_node_from(label: str, rel_type: str) -> str:
    """One `label` node with a `rel_type` relationship going out, if any (stops at the first)."""
    return f"MATCH (n:{check_label(label)})-[:{check_rel_type(rel_type)}]->() RETURN n.id AS id LIMIT 1"


@statement(_one_property_per_label)
def any_node_valued(label: str, prop: str) -> str:
    """One `label` node whose `prop` is one of `$ids`, if any (a parameter's value, checked as data)."""
    return f"MATCH (n:{check_label(label)}) WHERE n.{check_property(prop)} IN $ids RETURN n.id AS id LIMIT 1"


@statement()
def countries_present() -> str:
    """Which of `$ids` (country codes) an organisation has as its `country`, or as the code its place starts with."""
    return ("MATCH (o:Organisation) WHERE o.country IN $ids RETURN DISTINCT o.country AS code "
            "UNION MATCH (o:Organisation)-[:LOCATED_IN]->(p) WHERE substring(p.id, 0, 2) IN $ids "
            "RETURN DISTINCT substring(p.id, 0, 2) AS code")


_CACHE: dict[tuple[str, str], dict[str, bool]] = {}


def _answers(store: GraphStore) -> dict[str, bool]:
    """The answers known for this store's current data version (older versions are dropped)."""
    where = f"{store.location}#{getattr(store, 'graph_name', '')}"
    version = data_version(store)
    for key in [k for k in _CACHE if k[0] == where and k[1] != version]:
        del _CACHE[key]
    return _CACHE.setdefault((where, version), {})


def present(store: GraphStore, item: str, answers: dict[str, bool] | None = None) -> bool:
    """Whether the store holds `item` (a label, a type, or `Owner.property`): one read, then cached."""
    answers = _answers(store) if answers is None else answers
    if item not in answers and ">" in item:
        label, _, rel_type = item.partition(">")
        answers[item] = bool(store.read(any_node_from(label, rel_type), row_cap=1).rows)
    if item not in answers:
        owner, _, prop = item.partition(".")
        prop, equals, value = prop.partition("=")
        if equals:
            found = store.read(any_node_valued(owner, prop), {"ids": [json.loads(value)]}, row_cap=1).rows
            answers[item] = bool(found)
            return answers[item]
        if not prop:  # both stores count a label or a type from their own counts, without a scan
            count = count_rel_type(owner) if owner in REL_TYPES else count_label(owner)
            answers[item] = store.read(count).rows[0][0] > 0
            return answers[item]
        text = any_relationship_with(owner, prop) if owner in REL_TYPES else any_node_with(owner, prop)
        answers[item] = bool(store.read(text, row_cap=1).rows)
    return answers[item]


#: The labels every load writes itself (a mapping with one of them is refused): what their absence means.
_WRITTEN_BY_LOADS = {"Load": "no load has been run on this store yet",
                     "Source": "no Source node (every load records the files it read as Source nodes)"}


#: How a cluster comes to take part in projects itself: a cluster list and its members' grants give it none, and
#: "map a [[relationships]] table ... from Cluster" had not told a programme officer that its members' projects are
#: elsewhere.
_TAKING_PART = ("a {kind} takes part in a project itself when a participation table names it as a partner (its id, "
                "or its name with match = \"name\"), or when CORDIS lists it (`load sample`); its members' projects "
                "are in `clusters/members` and `metrics compute --projection cluster`")


def _gap(item: str) -> tuple[str, str]:
    """What is missing, and how to add it, for one item."""
    label, out, rel_type = item.partition(">")
    if out:
        how = (f"map `located_in` (a country or region column) in a [[nodes]] table of {label}"
               if rel_type == "LOCATED_IN" else _TAKING_PART.format(label=label, kind=label.lower())
               if rel_type == "PARTICIPATES_IN" and label == "Cluster" else
               f"map a [[relationships]] table with type = \"{rel_type}\" from {label}")
        return f"no {label} has a {rel_type} relationship", how
    owner, _, prop = item.partition(".")
    if not prop:
        if owner in REL_TYPES:
            rel = REL_TYPES[owner]
            return (f"no {owner} relationship", f"map a [[relationships]] table with type = \"{owner}\" "
                    f"({' / '.join(rel.starts)} -> {' / '.join(rel.ends)})")
        if owner == "SME":
            return "no SME node", "mark SMEs with label_if = { SME = \"column\" } in a mapping"
        if owner == "Cluster":
            return ("no Cluster node", "load the seeds (`cluster-explorer load seeds`) or map clusters with "
                    "label = \"Cluster\"")
        if owner in _WRITTEN_BY_LOADS:  # the tool's own labels: a mapping may not write them
            return _WRITTEN_BY_LOADS[owner], "run `cluster-explorer load sample` or another load"
        return f"no {owner} node", f"map a [[nodes]] table with label = \"{owner}\""
    prop, equals, value = prop.partition("=")
    entry = lookup(owner, prop)
    what = f"no {owner} {'relationship ' if owner in REL_TYPES else ''}has `{prop}`" + (f" = {value}" if equals else "")
    if entry is not None and entry.derived:
        return what, f"it is {entry.derived}"
    kind = f" ({entry.type})" if entry is not None else ""
    table = f"a [[relationships]] table of type {owner}" if owner in REL_TYPES else f"a [[nodes]] table of {owner}"
    check = "check the value, or " if equals else ""
    loaded = f"{entry.loaded}, or " if entry is not None and entry.loaded else ""
    return what, f"{check}{loaded}map a column to `{prop}`{kind} in {table}"


def answers_of(store: GraphStore) -> dict[str, bool]:
    """The cached answers of the store's current data version: pass them to several `missing_inputs` calls
    to read the data version once."""
    return _answers(store)


def missing_inputs(store: GraphStore, requirement: Requirement | str, params: Mapping[str, Any] | None = None,
                   answers: dict[str, bool] | None = None) -> list[Missing]:
    """The items of `requirement` the store lacks (no alternative present), each with how to add it."""
    if isinstance(requirement, str):
        requirement = Requirement.parse(requirement)
    requirement = requirement.bind(params or {})
    answers = _answers(store) if answers is None else answers
    found = []
    for alternatives in requirement.items:
        if any(".$" in a or "=$" in a or a.endswith('="any"') or present(store, a, answers) for a in alternatives):
            continue
        gaps = [_gap(a) for a in alternatives]
        message = ", and ".join(what for what, _ in gaps) + ": " + _ways([how for _, how in gaps])
        found.append(Missing(" | ".join(alternatives), message))
    return found


def _ways(hows: list[str]) -> str:
    """The ways to add one of the alternatives, each said once: Region's, Country's and Organisation's `lat` had
    each said "load NUTS regions (...)", three times in one line."""
    said: set[str] = set()
    ways = []
    for how in hows:
        parts = [part for part in how.split(", or ") if part not in said]
        said.update(parts)
        ways += [", or ".join(parts)] if parts else []
    return "; or ".join(ways)


def explain(missing: list[Missing], what: str) -> str:
    """The lines a user reads when `what` came out empty: each missing input and how to add it."""
    lines = [f"{what} is empty because its inputs are missing from the store:"]
    lines += [f"  - {m.message}" for m in missing]
    return "\n".join(lines + [f"  (what each feature reads: {DOCS_ANCHOR})"])


def absent_countries(store: GraphStore, codes: list[str] | tuple[str, ...]) -> list[str]:
    """The codes of `codes` no organisation is in (neither its `country` nor where it is LOCATED_IN)."""
    if not codes:
        return []
    found = {row[0] for row in store.read(countries_present(), {"ids": list(codes)}, row_cap=len(codes) * 2).rows}
    return [code for code in codes if code not in found]
