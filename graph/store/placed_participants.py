"""Whether the organisations taking part in projects are placed, not only some node of the store.

A load summary's "countries" and "regions" were satisfied by any place in the store (`graph.store.requirements`),
and a cluster list placed by county is one; yet the projections and queries group participations, and a grants
table's partners may be placed nowhere. One read per kind, cached with the requirements' answers.
"""

from __future__ import annotations

from graph.store.contract import GraphStore
from graph.store.registry import statement
from graph.store.requirements import answers_of

__all__ = ["participant_placed", "placed_participant"]


#: What places an organisation taking part in a project, per kind of group: its own property, or a place of the kind.
_PLACED_BY = {"country": ("country", ""), "region": ("nuts_code", ":Region")}


@statement(lambda: [(kind,) for kind in _PLACED_BY])
def placed_participant(kind: str) -> str:
    """One organisation taking part in a project that has a `kind` ("country": its `country` or any place it is
    LOCATED_IN; "region": its `nuts_code` or a Region it is LOCATED_IN), if any (each part stops at the first)."""
    prop, place = _PLACED_BY[kind]
    return (f"MATCH (o:Organisation)-[:PARTICIPATES_IN]->() WHERE o.{prop} IS NOT NULL RETURN o.id AS id LIMIT 1 "
            f"UNION MATCH (o:Organisation)-[:PARTICIPATES_IN]->() MATCH (o)-[:LOCATED_IN]->({place}) "
            "RETURN o.id AS id LIMIT 1")


def participant_placed(store: GraphStore, kind: str, answers: dict[str, bool] | None = None) -> bool:
    """Whether some organisation taking part in a project has a `kind` ("country" or "region"): a place in the
    store may be a cluster list's alone, which groups no participation (`graph.analytics.ungrouped`). Cached with
    the other answers of the data version."""
    answers = answers_of(store) if answers is None else answers
    item = f"placed participant:{kind}"
    if item not in answers:
        answers[item] = bool(store.read(placed_participant(kind), row_cap=2).rows)
    return answers[item]
