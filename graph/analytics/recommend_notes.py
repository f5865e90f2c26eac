"""Notes said above an organisation ranking: a consortium without history, and wanted places no candidate is in.

Split from graph/analytics/recommend.py: what a ranking says of itself, not how it scores.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from graph.analytics.recommend_cold import clusters_said, cold_note, is_cold
from graph.analytics.recommend_index import RecommenderIndex
from graph.analytics.ungrouped import countryless_said

if TYPE_CHECKING:
    from graph.analytics.recommend import Requirements

__all__ = ["history_note", "places_note"]


def history_note(index: RecommenderIndex, focal) -> str | None:
    """`COLD_START_NOTE` when no organisation `focal` stands for took part in a project, else None; when the graph
    lacks some of what a cold start ranks by (a sector, a place, a programme of the focal set), the note names
    what it has and what to add (Tillväxtverket, a place and no more, was told "ranked by sectors, region and
    programmes" above candidates listed for their country and their projects)."""
    if not is_cold(index, index.resolve(list(focal))):
        return None
    return cold_note(index, focal) + clusters_said(index, focal)


def places_note(index: RecommenderIndex, focal, requirements: Requirements, shown: list) -> str | None:
    """What a wanted place (`add_places`) got, when no candidate shown is there: that no organisation of the
    store is there, or that those there are the consortium or its known partners or ranked lower. None when
    every wanted place has a candidate shown (or none was asked for)."""
    rows = set(index.resolve(list(focal)))
    shown_places = [index.place[index.index[c.key]] for c in shown if c.key in index.index]
    said = []
    for place in requirements.add_places:
        if any(p.startswith(index.twins_of(place)) for p in shown_places):
            continue
        there = [i for i in np.flatnonzero(index.in_place(place)) if i not in rows]
        said.append(f"no organisation of the graph outside the consortium is in {place}"
                    + countryless_said(index.country) if not there else
                    f"none of the {len(there):,} organisation(s) in {place} is among these candidates: they are "
                    "known partners of the consortium or fit less well (include known partners, or ask for more)")
    return "; ".join(said) or None
