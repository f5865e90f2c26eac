"""What the project does with any store, written once over the store contract.

The one writer (`write_records`) validates everything first and then upserts in batches with
`UNWIND ... MERGE`, so a rejected input writes nothing and a re-run changes nothing. `counts`,
`to_networkx` and the load log serve the CLI, the app and the analytics.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph import cypher
from graph.errors import Problem, ValidationFailed
from graph.records import NodeRecord, RelRecord
from graph.schema import NODE_LABELS, REL_TYPES, check_label, check_rel_type, node_key
from graph.store import GraphStore

__all__ = ["WriteSummary", "write_records", "counts", "to_networkx", "record_load", "last_loads"]

BATCH_SIZE = 2000
#: Called as `progress(done, total)` with records written so far and in all (a CLI bar, st.progress).
Progress = Callable[[int, int], None]


@dataclass
class WriteSummary:
    """What a write did: nodes created / updated / unchanged and relationships written."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    relationships: int = 0
    by_label: dict[str, int] = field(default_factory=dict)

    @property
    def nodes(self) -> int:
        return self.created + self.updated + self.unchanged


def _batches(rows: list[Any], size: int = BATCH_SIZE) -> Iterable[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _validate(store: GraphStore, nodes: list[NodeRecord], rels: list[RelRecord], origin: str) -> None:
    problems = [Problem(origin, None, None, f"node {n.label} {n.id!r}: {p}") for n in nodes for p in n.problems()]
    problems += [Problem(origin, None, None, f"relationship {r.type} {r.start_id!r}->{r.end_id!r}: {p}")
                 for r in rels for p in r.problems()]
    seen: dict[tuple[str, str], NodeRecord] = {}
    for n in nodes:
        other = seen.get((n.label, n.id))
        if other is not None and other != n:
            problems.append(Problem(origin, None, "id", f"{n.label} {n.id!r} is given twice with different values"))
        seen[(n.label, n.id)] = n
    if problems:
        raise ValidationFailed(problems)
    known = defaultdict(set)
    for n in nodes:
        known[n.label].add(n.id)
        for extra in n.extra_labels:
            known[extra].add(n.id)
    wanted: dict[str, set[str]] = defaultdict(set)
    for r in rels:
        for label, node_id in ((r.start_label, r.start_id), (r.end_label, r.end_id)):
            if node_id not in known[label]:
                wanted[label].add(node_id)
    for label, ids in wanted.items():
        for batch in _batches(sorted(ids), 5000):
            found = store.read(cypher.existing_ids(label), {"ids": batch}, row_cap=len(batch) + 1)
            known[label].update(row[0] for row in found.rows)
        missing = ids - known[label]
        problems += [Problem(origin, None, None, f"a relationship points to {label} {m!r}, which does not exist")
                     for m in sorted(missing)[:100]]
    if problems:
        raise ValidationFailed(problems)


def _same(stored: Any, wanted: Any) -> bool:
    """Equal as stored: FalkorDB keeps 15 significant digits, so floats compare with a tiny tolerance."""
    if isinstance(stored, float) or isinstance(wanted, float):
        try:
            return math.isclose(float(stored), float(wanted), rel_tol=1e-12, abs_tol=1e-12)
        except (TypeError, ValueError):
            return False
    if isinstance(stored, list) and isinstance(wanted, (list, tuple)):
        return len(stored) == len(wanted) and all(_same(a, b) for a, b in zip(stored, wanted, strict=True))
    return stored == wanted


def _diff(store: GraphStore, label: str, batch: list[NodeRecord]) -> tuple[int, int, int]:
    """Created / updated / unchanged for a batch, by comparing with what the store holds now."""
    found = store.read(cypher.node_states(label), {"ids": [n.id for n in batch]}, row_cap=len(batch) + 1)
    before = {row[0]: (row[1], set(row[2])) for row in found.rows}
    created = updated = unchanged = 0
    for n in batch:
        if n.id not in before:
            created += 1
            continue
        props, labels = before[n.id]
        row = n.row()
        same = all(_same(props.get(k), v) for k, v in row["props"].items() if v is not None)
        same = same and set(n.sources) <= set(props.get("sources") or []) and set(n.extra_labels) <= labels
        unchanged, updated = (unchanged + 1, updated) if same else (unchanged, updated + 1)
    return created, updated, unchanged


def write_records(store: GraphStore, nodes: Iterable[NodeRecord], rels: Iterable[RelRecord], *,
                  origin: str = "input", progress: Progress | None = None) -> WriteSummary:
    """Validate all records, then upsert them in batches. Nothing is written if anything is wrong.

    `progress(done, total)` is called after every batch (for a progress bar).
    """
    nodes, rels = list(nodes), list(rels)
    _validate(store, nodes, rels, origin)
    summary = WriteSummary()
    total, done = len(nodes) + len(rels), 0
    groups: dict[tuple[str, tuple[str, ...]], list[NodeRecord]] = defaultdict(list)
    for n in {(n.label, n.id): n for n in nodes}.values():
        groups[(n.label, tuple(sorted(n.extra_labels)))].append(n)
    for (label, extra), group in groups.items():
        statement = cypher.upsert_nodes(label, extra)
        for batch in _batches(group):
            created, updated, unchanged = _diff(store, label, batch)
            summary.created += created
            summary.updated += updated
            summary.unchanged += unchanged
            store.write(statement, {"rows": [n.row() for n in batch]})
            summary.by_label[label] = summary.by_label.get(label, 0) + len(batch)
            done += len(batch)
            if progress:
                progress(done, total)
    rel_groups: dict[tuple[str, str, str], list[RelRecord]] = defaultdict(list)
    for r in rels:
        rel_groups[(r.type, r.start_label, r.end_label)].append(r)
    for (rel_type, start, end), group in rel_groups.items():
        statement = cypher.upsert_relationships(rel_type, start, end)
        for batch in _batches(group):
            store.write(statement, {"rows": [r.row() for r in batch]})
            summary.relationships += len(batch)
            done += len(batch)
            if progress:
                progress(done, total)
    return summary


def counts(store: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type (zeros left out)."""
    labels = {label: store.read(cypher.count_label(label)).rows[0][0] for label in NODE_LABELS}
    types = {t: store.read(cypher.count_rel_type(t)).rows[0][0] for t in REL_TYPES}
    return ({k: v for k, v in labels.items() if v}, {k: v for k, v in types.items() if v})


def to_networkx(store: GraphStore, labels: list[str] | None = None,
                rel_types: list[str] | None = None) -> nx.MultiDiGraph:
    """The whole graph, or the part with the given labels and relationship types, as networkx.

    Nodes are keyed `kind:id` and carry their properties plus `labels`; edges carry `type` and
    their properties. Only schema names are accepted as filters.
    """
    for label in labels or []:
        check_label(label)
    for rel_type in rel_types or []:
        check_rel_type(rel_type)
    params = {"labels": labels, "types": rel_types}
    graph = nx.MultiDiGraph()
    nodes = store.read(cypher.export_nodes(), params, row_cap=10**9, timeout_s=300)
    for kind, node_id, node_labels, props in nodes.rows:
        graph.add_node(node_key(kind, node_id), **{**props, "labels": node_labels})
    rels = store.read(cypher.export_relationships(), params, row_cap=10**9, timeout_s=300)
    for start_kind, start_id, rel_type, end_kind, end_id, props in rels.rows:
        attrs = {k: v for k, v in props.items() if k not in ("type", "key")}
        graph.add_edge(node_key(start_kind, start_id), node_key(end_kind, end_id),
                       key=f"{rel_type}:{props.get('key', '')}", type=rel_type, **attrs)
    return graph


def record_load(store: GraphStore, source: str, checksum: str, summary: WriteSummary) -> None:
    """Log a completed load as a `Load` node keyed by source and checksum (a re-run updates its time)."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    record = NodeRecord(
        label="Load", id=f"{source}@{checksum[:16]}", name=source, sources=(source,),
        properties={"source": source, "checksum": checksum, "loaded_at": now,
                    "nodes": summary.nodes, "created": summary.created, "updated": summary.updated,
                    "unchanged": summary.unchanged, "relationships": summary.relationships})
    store.write(cypher.upsert_nodes("Load"), {"rows": [record.row()]})


def last_loads(store: GraphStore, limit: int = 10) -> list[dict[str, Any]]:
    """The most recent completed loads, newest first."""
    return store.read(cypher.last_loads(), {"limit": limit}).records()
