"""The graph schema: the only source of labels, relationship types and property names used in Cypher.

Cypher text is built from these names and nothing else; user text only ever travels as a query
parameter. `check_label`, `check_rel_type` and `check_property` are the gate every builder passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import SchemaError

__all__ = [
    "NODE_LABELS",
    "REL_TYPES",
    "is_cluster",
    "cluster_records",
    "RelType",
    "KIND_ORDER",
    "check_label",
    "check_rel_type",
    "check_property",
    "node_key",
    "SEARCH_LABELS",
    "each_label",
    "each_rel_type",
    "each_search_label",
    "each_relationship",
]

#: Node labels and what they stand for. Every node carries `id` (stable key within its kind),
#: `name` (display), `kind` (its primary label) and `sources` (ids of the Source nodes it came from).
NODE_LABELS: dict[str, str] = {
    "Cluster": "A cluster organisation (also an Organisation): IoT World, Automation Småland, ...",
    "Organisation": "Any legal body: company, university, agency, cluster organisation",
    "SME": "Extra label on an Organisation that is a small or medium-sized enterprise",
    "Region": "A NUTS region (levels 1-3) or a named sub-national region",
    "Country": "A country, keyed by its EU-style code (SE, NO, EL, UK, ...)",
    "Programme": "A support or funding programme: S3 Cluster Pilot, ARENA, ARENA Pro, Horizon Europe, ...",
    "Project": "A partnership or research project: IoT4Industry, a CORDIS grant, ...",
    "QualityLabel": "A quality label level: ESCA Bronze, Silver, Gold",
    "Sector": "A sector, topic or field of science",
    "Source": "A document or data file that facts were taken from",
    "Person": "A named contact person",
    "Award": "A prize or recognition: European cluster partnership of the year 2020, ...",
    "Load": "One load into the store: source, checksum, status (started, complete), times and counts",
}

#: The label that names a node's kind when it carries several (a Cluster is also an Organisation).
KIND_ORDER: tuple[str, ...] = (
    "Cluster", "Organisation", "Region", "Country", "Programme", "Project",
    "QualityLabel", "Sector", "Person", "Award", "Source", "Load",
)


@dataclass(frozen=True)
class RelType:
    """A relationship type, the kinds it may join and the properties it may carry."""

    name: str
    starts: tuple[str, ...]
    ends: tuple[str, ...]
    properties: tuple[str, ...]
    description: str


_REL_LIST = [
    RelType("LOCATED_IN", ("Cluster", "Organisation", "Person"), ("Region", "Country"), (),
            "where an organisation sits"),
    RelType("PART_OF", ("Region", "Country", "Programme", "Sector"), ("Region", "Country", "Programme", "Sector"),
            (), "hierarchy: NUTS3 -> NUTS2 -> NUTS1 -> Country; sub-programme -> programme"),
    RelType("MEMBER_OF", ("Cluster", "Organisation"), ("Programme", "Cluster"),
            ("since", "status", "note"), "a cluster in a support programme; an organisation in a cluster"),
    RelType("PARTICIPATES_IN", ("Cluster", "Organisation"), ("Project",),
            ("role", "order", "contribution", "net_contribution", "total_cost", "terminated", "amount", "currency",
             "funder"),
            "an organisation in a project, with its role and EU contribution (EUR); a grant in another currency, "
            "or a funder's other than the EU's, as amount, currency and funder"),
    RelType("HAS_LABEL", ("Cluster", "Organisation"), ("QualityLabel",),
            ("awarded", "expires", "issued_by", "note"),
            "a quality label held, with award and expiry dates (ISO strings, absent when unknown)"),
    RelType("FUNDED_BY", ("Project", "Organisation"), ("Programme", "Organisation"),
            ("amount", "note"), "who paid for a project"),
    RelType("RUNS", ("Organisation",), ("Programme", "Project", "QualityLabel", "Award"),
            ("note",), "an agency that runs a programme, a label scheme or an award"),
    RelType("REQUIRES", ("Programme",), ("QualityLabel",), ("note",),
            "a programme that requires a label to apply (ARENA Pro requires Bronze)"),
    RelType("ACTIVE_IN", ("Cluster", "Organisation", "Project", "Programme"), ("Sector",), (),
            "sector, topic or field of an actor or project"),
    RelType("AWARDED", ("Project", "Cluster", "Organisation"), ("Award",),
            ("date", "event", "note"), "an award received"),
    RelType("COORDINATES", ("Person", "Organisation", "Cluster"), ("Project",), (),
            "a person or body that coordinates a project"),
    RelType("SAME_AS", ("Cluster", "Organisation"), ("Cluster", "Organisation"), ("rule", "note"),
            "two records of one body (a seed cluster and its CORDIS participant), linked by a stated rule"),
    RelType("WORKS_FOR", ("Person",), ("Organisation", "Cluster"), ("title",),
            "a named contact and the body they work for"),
]
REL_TYPES: dict[str, RelType] = {r.name: r for r in _REL_LIST}

#: Labels a node is searched and resolved by: every kind but the bookkeeping ones (SME nodes are Organisations).
SEARCH_LABELS: tuple[str, ...] = tuple(label for label in NODE_LABELS if label not in ("SME", "Source", "Load"))


# The argument tuples of every schema-valid instance of a per-label or per-type Cypher builder: the
# examples `graph.store.registry.statement` lints; one list each, so no builder enumerates its own.
def each_label() -> list[tuple[str]]:
    return [(label,) for label in NODE_LABELS]


def each_rel_type() -> list[tuple[str]]:
    return [(rel_type,) for rel_type in REL_TYPES]


def each_search_label() -> list[tuple[str]]:
    return [(label,) for label in SEARCH_LABELS]


def each_relationship() -> list[tuple[str, str, str]]:
    """(type, start label, end label) of every pair of labels the schema lets a relationship type join."""
    return [(rel.name, start, end) for rel in REL_TYPES.values() for start in rel.starts for end in rel.ends]


_PROPERTY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def check_label(label: str) -> str:
    """Return `label` if it is a schema label, else raise: the gate for labels in Cypher text."""
    if label not in NODE_LABELS:
        raise SchemaError(f"unknown node label {label!r}; known: {', '.join(NODE_LABELS)}")
    return label


def check_rel_type(rel_type: str) -> str:
    """Return `rel_type` if it is a schema relationship type, else raise."""
    if rel_type not in REL_TYPES:
        raise SchemaError(f"unknown relationship type {rel_type!r}; known: {', '.join(REL_TYPES)}")
    return rel_type


def check_property(name: str) -> str:
    """Return `name` if it is safe as a property name in Cypher text (letters, digits, underscore)."""
    if not isinstance(name, str) or not _PROPERTY_NAME.match(name):
        raise SchemaError(f"invalid property name {name!r}: use letters, digits and underscores")
    return name


def node_key(kind: str, node_id: str) -> str:
    """The key of a node outside the store (networkx, exports): ids are unique only within a kind."""
    return f"{kind}:{node_id}"


def is_cluster(attrs: dict) -> bool:
    """Whether a node's attributes (networkx, `graph.store.reads`) are a cluster's: its kind, or a `Cluster` label
    beside another kind (an organisation cluster detection marked keeps its kind in older stores)."""
    return attrs.get("kind") == "Cluster" or "Cluster" in (attrs.get("labels") or ())


def cluster_records(graph) -> dict[str, str]:
    """Each seed cluster's CORDIS record (the end of a `SAME_AS` from a cluster, in a networkx graph of the store) ->
    that cluster: one body, which the partner-cluster ranking and the Map count once, by the seed."""
    return {v: u for u, v, t in graph.edges(data="type") if t == "SAME_AS" and is_cluster(graph.nodes[u])}


def kind_of(labels: list[str] | tuple[str, ...]) -> str:
    """The primary label of a node that carries `labels`."""
    for label in KIND_ORDER:
        if label in labels:
            return label
    return labels[0] if labels else ""
