"""The Cypher of metrics written back to the store, beside the writer's `cypher.set_property` that writes them.

Values of two runs are not comparable (each run normalises its own: PageRank over Norway's projection, then over
Iceland's, ranked Iceland's university above SINTEF), so a run first removes what an earlier one left.
"""

from __future__ import annotations

from graph.store.cypher import statement
from graph.store.schema import check_property

__all__ = ["clear_metric"]


@statement(lambda: [("pagerank",), ("community",)])
def clear_metric(prop: str) -> str:
    """Remove a metric and its run record (`<metric>_run`) from every node holding either; returns how many."""
    value, run = check_property(prop), check_property(f"{prop}_run")
    return (f"MATCH (n) WHERE n.{value} IS NOT NULL OR n.{run} IS NOT NULL\n"
            f"SET n.{value} = NULL, n.{run} = NULL\n"
            "RETURN count(n) AS cleared")
