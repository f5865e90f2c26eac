"""The notes every partner ranking says above its candidates about the consortium's own inputs, in one place.

The CLI's two rankings (organisations, partner clusters) and the Partners page each called `unbridged_note`,
`members_note` and `broad_profile_note` one by one, so a note added to one caller could be missed by another.
"""

from __future__ import annotations

from graph.analytics.recommend_breadth import broad_profile_note
from graph.analytics.recommend_index import RecommenderIndex
from graph.analytics.recommend_unbridged import members_note, unbridged_note

__all__ = ["ranking_notes"]


def ranking_notes(index: RecommenderIndex, focal: list[str], *, clusters: list[str] | None = None,
                  sectors: tuple[str, ...] | list[str] = (), ranked: bool = True, ask: str = "--sector") -> list[str]:
    """What the ranking for `focal` does not read of its inputs, and how to make it count: its own sectors that name
    no field, its members' sectors; for organisations (`clusters` None) with candidates (`ranked`), a broad profile
    with no sector asked (`ask`: the option or box to ask one with). `clusters`: the nodes a partner-cluster ranking
    profiles (`cluster_partners.known_by`)."""
    notes = [unbridged_note(index, focal, clusters), members_note(index, focal, clusters)]
    if clusters is None and ranked:
        notes.append(broad_profile_note(index, focal, sectors, ask))
    return [note for note in notes if note]
