"""Regions that share a name, told apart by their code, NUTS version and who is placed in them.

NUTS 2024 recoded some regions and kept their names: Pirkanmaa is FI197 in NUTS 2021 and FI19B in 2024. CORDIS places
organisations by the code its record gives (Finland's were 2021 codes), a member list read by the region's name lands
on the 2024 code, so one manager's cluster and its CORDIS partners can sit in two regions of one name. The Map's
*Find a place* had answered "Pirkanmaa (FI19B) is at NUTS 3; Pirkanmaa (FI197) is at NUTS 3" and said nothing more.
Which two codes are one place, so per-region figures count it once, is `graph/region_twin_pairs.py`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from graph.store import view_cypher as q
from graph.store.contract import GraphStore
from graph.views.node_search import SearchHit

__all__ = ["holders", "twin_names", "told_apart"]


def holders(store: GraphStore, codes: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Per region code: how many organisations are placed in it, and how many of those came from CORDIS."""
    rows = store.read(q.REGION_HOLDERS, {"ids": sorted(set(codes))}).rows
    return {code: (int(organisations), int(cordis)) for code, organisations, cordis in rows}


def twin_names(hits: Iterable[SearchHit]) -> set[str]:
    """The names two or more of the region `hits` share."""
    named = Counter(hit.name for hit in hits if hit.kind == "Region")
    return {name for name, count in named.items() if count > 1}


def told_apart(code: str, versions: Iterable[str], held: tuple[int, int]) -> str:
    """What tells a region apart from another of its name: its code, NUTS version, and who is placed in it.

    >>> told_apart("FI197", ["2021"], (12, 12))
    'FI197, NUTS 2021: 12 organisations, all from CORDIS'
    >>> told_apart("FI19B", ["2024"], (2, 0))
    'FI19B, NUTS 2024: 2 organisations, none from CORDIS'
    >>> told_apart("FI19B", ["2024"], (0, 0))
    'FI19B, NUTS 2024: no organisation placed there'
    """
    organisations, cordis = held
    version = " and ".join(versions)
    said = f"{code}, NUTS {version}" if version else code
    if not organisations:
        return f"{said}: no organisation placed there"
    of_cordis = "all" if cordis == organisations else "none" if not cordis else f"{cordis:,}"
    return f"{said}: {organisations:,} organisation{'s' * (organisations != 1)}, {of_cordis} from CORDIS"
