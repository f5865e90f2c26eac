"""Nodes found by a name typed in a search box, said with their kind and, when found by another name, that name.

Explore's choices had shown names alone: "RISE" listed RISE (a project) above the institute, and "Chalmers" listed
ANYO LABS AB, found through its short name CHALMERS VENTURES AB, with nothing said of either. `choice_label` says
"ANYO LABS AB · Organisation (short name CHALMERS VENTURES AB)", as the Partners page's choices say the kind.
A NUTS region says its code and, when only one NUTS version holds it, that version: Pirkanmaa is FI197 in NUTS 2021
and FI19B in 2024, and both had been offered as "Pirkanmaa · Region".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.store import view_cypher as q
from graph.store.contract import GraphStore
from graph.store.schema import KIND_ORDER, node_key
from graph.store.search_text import fold, spellings
from graph.views.filters import DEFAULT_KINDS

__all__ = ["SearchHit", "search_hits", "choice_label", "hit_label", "kind_label"]


@dataclass(frozen=True)
class SearchHit:
    """A node `search_hits` found: its key, name and kind, and its other names as `(what, name)` pairs, in the
    order a match is said by (`("short name", "CHALMERS VENTURES AB")`), and a region's NUTS versions."""

    key: str
    name: str
    kind: str
    other_names: tuple[tuple[str, str], ...] = ()
    versions: tuple[str, ...] = ()


def _other_names(node_id: str, acronym, short_name, aliases) -> tuple[tuple[str, str], ...]:
    listed = aliases if isinstance(aliases, list) else [aliases]
    named = (("acronym", acronym), ("short name", short_name), *(("also", a) for a in listed), ("id", node_id))
    return tuple((what, str(name)) for what, name in named if name not in (None, ""))


def search_hits(store: GraphStore, text: str, limit: int = 20, kinds: Iterable[str] | None = None
                ) -> list[SearchHit]:
    """Nodes whose name, id, acronym or alias contains `text` (accents and case ignored), best first: exact
    matches, then names starting with the text, then words starting with it, then the rest."""
    if not fold(text):
        return []
    allowed = set(kinds or DEFAULT_KINDS)
    labels = [k for k in KIND_ORDER if k in allowed]  # both: a cluster a mapping made (`add = true`) is no Organisation
    order: dict[str, tuple[int, int, str]] = {}
    hits: dict[str, SearchHit] = {}
    for label, wanted in ((label, w) for label in labels for w in spellings(text)):  # CORDIS's clusters: both labels
        for kind, node_id, name, rank, *others, versions in store.read(q.search_in(label),
                                                                        {"text": wanted, "limit": limit}).rows:
            key = node_key(kind, node_id)
            if (kind in allowed or label == "Cluster") and key not in order:
                order[key] = (rank, len(str(name)), str(name or node_id))
                hits[key] = SearchHit(key, str(name or node_id), kind, _other_names(node_id, *others),
                                      tuple(versions or ()))
    return [hits[key] for key in sorted(order, key=order.get)[:limit]]


def kind_label(key: str, name: str) -> str:
    """`name · Kind`, the kind read off the key (`Organisation:pic:1` is an Organisation).

    >>> kind_label("Project:cordis:1", "RISE")
    'RISE · Project'
    """
    return f"{name} · {key.partition(':')[0]}"


def hit_label(hit: SearchHit) -> str:
    """`name · Kind`, and for a NUTS region its code and its one NUTS version (none when several hold the code).

    >>> hit_label(SearchHit("Region:FI197", "Pirkanmaa", "Region", versions=("2021",)))
    'Pirkanmaa · Region FI197 (NUTS 2021)'
    >>> hit_label(SearchHit("Region:SE224", "Skåne län", "Region", versions=("2021", "2024")))
    'Skåne län · Region SE224'
    """
    shown = kind_label(hit.key, hit.name)
    if not hit.versions:
        return shown
    return f"{shown} {hit.key.partition(':')[2]}" + (f" (NUTS {hit.versions[0]})" if len(hit.versions) == 1 else "")


def choice_label(hit: SearchHit, text: str) -> str:
    """How a search box offers `hit` for the `text` typed: its name and kind (`hit_label`), and the name it was found
    by when its shown name does not hold the text (an id only when nothing else does, and not a region's code shown).

    >>> anyo = SearchHit("Organisation:pic:1", "ANYO LABS AB", "Organisation",
    ...                  (("short name", "CHALMERS VENTURES AB"),))
    >>> choice_label(anyo, "Chalmers")
    'ANYO LABS AB · Organisation (short name CHALMERS VENTURES AB)'
    >>> choice_label(anyo, "anyo")
    'ANYO LABS AB · Organisation'
    """
    shown = hit_label(hit)
    wanted = spellings(text)
    if any(w in form for w in wanted for form in spellings(hit.name if not hit.versions else shown)):
        return shown
    matched = next(((what, name) for what, name in hit.other_names
                    if any(w in form for w in wanted for form in spellings(name))), None)
    return f"{shown} ({matched[0]} {matched[1]})" if matched else shown
