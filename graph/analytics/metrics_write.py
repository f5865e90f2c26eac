"""Metrics written back to the store: each as a node property with its run record, so saved queries and Explore's
size-by read them. Not the computing (graph/analytics/metrics.py): its results are written here, and only here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from graph.analytics.metrics import PROPERTIES, MetricResult
from graph.errors import ParameterError
from graph.store import cypher
from graph.store.metric_cypher import clear_metric

__all__ = ["MetricsWritten", "write_metrics"]


def _plain(value: float) -> float | int | None:
    if isinstance(value, (int, np.integer)):
        return int(value)
    return None if value is None or math.isnan(value) else float(value)


@dataclass(frozen=True)
class MetricsWritten:
    """What `write_metrics` did: node properties written (values and run records), of how many metrics on how many
    nodes, and nodes whose values of an earlier run of those metrics were removed first."""

    properties: int
    cleared: int
    metrics: int = 0
    nodes: int = 0

    def describe(self) -> str:
        """In words; the metrics and nodes first ("1,208 node properties" for 4 metrics on 151 clusters had read as
        1,208 nodes)."""
        earlier = (f"; the earlier run's values of these metrics removed from {self.cleared:,} nodes first, so a "
                   "ranking reads one run" if self.cleared else "")
        return (f"wrote {self.metrics} metric{'s' * (self.metrics != 1)} on {self.nodes:,} node"
                f"{'s' * (self.nodes != 1)} ({self.properties:,} node properties: each value and its run){earlier}")


def write_metrics(store, results: dict[str, MetricResult] | Iterable[MetricResult], projection,
                  computed_at: dt.datetime | str, batch_size: int = 5000) -> MetricsWritten:
    """Write each metric as a node property, and its run record as `<metric>_run`, so queries rank by it.

    Values an earlier run left (on nodes of another projection: `--country NO`, then `--country IS`) are removed
    first: each run normalises its own values, so two runs' values side by side would rank wrongly.

    Node keys `Kind:id` name the label and id; names come from the fixed `PROPERTIES` allow-list and
    statements only from `graph.store.cypher.set_property`. The run record reads like
    ``organisation end=2023-12-31 | igraph estimate k=256 seed=0 1.8s | 2025-01-01T10:00:00+00:00``.
    """
    results = list(results.values()) if isinstance(results, dict) else list(results)
    when = computed_at.isoformat() if isinstance(computed_at, dt.datetime) else str(computed_at)
    spec = projection.describe() if hasattr(projection, "describe") else str(projection)
    for result in results:  # all checked before the first write
        if result.metric not in PROPERTIES:
            raise ParameterError(f"metric {result.metric!r} cannot be written; allowed: {', '.join(PROPERTIES)}")
        if any(":" not in str(key) for key in result.values):
            raise ParameterError("node keys are not Kind:id; metrics are written for store graphs only")
    written = cleared = 0
    for result in results:
        prop = PROPERTIES[result.metric]
        cleared = max(cleared, store.write(clear_metric(prop)).rows[0][0])
        run = f"{spec} | {result.describe()} | {when}"
        by_kind: dict[str, list[dict]] = {}
        for key, value in result.values.items():
            kind, _, node_id = str(key).partition(":")
            by_kind.setdefault(kind, []).append({"id": node_id, "value": _plain(value)})
        for kind, rows in sorted(by_kind.items()):
            for name, value_of in ((prop, None), (f"{prop}_run", run)):
                statement = cypher.set_property(kind, name)
                for start in range(0, len(rows), batch_size):
                    batch = rows[start:start + batch_size]
                    if value_of is not None:
                        batch = [{"id": r["id"], "value": value_of} for r in batch]
                    written += store.write(statement, {"rows": batch}).rows[0][0]
    nodes = {key for result in results for key in result.values}
    return MetricsWritten(written, cleared, len(results), len(nodes))
