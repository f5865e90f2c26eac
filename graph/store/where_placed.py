"""Where the organisation a text names is placed: what `metrics compute --find TEXT --region R` says when the
projection under the region holds nothing so named.

It had said "an organisation placed in its country alone is in none of its regions" for every miss, and an
Italian table's Meccanica Brianzola, placed in the national region IT-MB (a province NUTS does not name so), was
neither: the sentence now names the node's own places.
"""

from __future__ import annotations

from graph.errors import NotFound, ParameterError
from graph.store.contract import GraphStore
from graph.store.registry import fixed_statement
from graph.store.resolve import resolve_node

__all__ = ["where_placed"]

PLACES = fixed_statement(
    __name__, "PLACES",
    "MATCH (n:Organisation {id: $id}) OPTIONAL MATCH (n)-[:LOCATED_IN]->(p) "
    "RETURN n.country AS country, n.nuts_code AS nuts_code, collect(DISTINCT p.id) AS places")


def where_placed(store: GraphStore, text: str) -> str | None:
    """"NAME is placed in IT-MB (a national region, not a NUTS region)", "... in its country IT alone", "... nowhere"
    for the one organisation (or cluster) `text` names; None when it names none, or several."""
    try:
        node = resolve_node(store, text, ("Organisation",))
    except (NotFound, ParameterError):  # ParameterError: AmbiguousName too
        return None
    rows = store.read(PLACES, {"id": node.id}).rows
    if not rows:
        return None
    country, nuts_code, places = rows[0]
    regions = sorted(p for p in places or () if p and p != country and len(p) > 2)
    if regions or nuts_code:
        shown = regions or [nuts_code]
        national = [p for p in shown if "-" in p]
        return (f"{node.name} is placed in {', '.join(shown)}"
                + (" (a national region: a place NUTS does not name so, under no NUTS region)" if national else ""))
    if country or places:
        return f"{node.name} is placed in its country {country or places[0]} alone"
    return f"{node.name} is placed nowhere"
