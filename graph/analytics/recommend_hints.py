"""The "did you mean" of a country or a sector typed for `recommend` (`--country`, `--avoid`, `--sector`).

`--country germny` was refused without naming Germany, and `--sector robtics` listed the store's first sectors, long
call-topic titles ("Combining state-of-the-art emission reduction ..."), after the substring matches. Both now ask
`graph.nearest` (the project's one near-miss rule) over what the graph holds: its countries by name and ISO code, and
its sectors' names, the short ones (seed sectors, EuroSciVoc fields) before the call topics' titles.
"""

from __future__ import annotations

import networkx as nx
import pycountry

from graph.collation import reading_order
from graph.countries import iso_code
from graph.nearest import nearest

__all__ = ["near_country", "near_sectors", "some_sectors", "near_choices", "SECTORS_SHOWN"]

#: How many sector names a hint offers, closest first.
SECTORS_SHOWN = 3


def near_country(G: nx.MultiDiGraph, text: str) -> str | None:
    """The graph's country `text` nearly spells, by name or ISO code (alpha-2 as the store keys it, or alpha-3),
    as "Germany (DE)"; None when none is near.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Country:DE", kind="Country", name="Germany")
    >>> near_country(G, "germny"), near_country(G, "DEUU"), near_country(G, "Narnia")
    ('Germany (DE)', 'Germany (DE)', None)
    """
    shown = {key: f"{attrs.get('name') or key.split(':', 1)[1]} ({key.split(':', 1)[1]})"
             for key, attrs in G.nodes(data=True) if attrs.get("kind") == "Country"}
    near = near_choices(text, shown, most=1)
    return shown[near[0]] if near else None


def _sector_names(G: nx.MultiDiGraph) -> tuple[list[str], list[str]]:
    """The graph's sector names: the short ones (seed sectors and EuroSciVoc fields) and the call topics' titles."""
    short, topics = [], []
    for key, attrs in G.nodes(data=True):
        if attrs.get("kind") == "Sector" and attrs.get("name"):
            (topics if key.startswith("Sector:topic:") else short).append(str(attrs["name"]))
    return short, topics


def some_sectors(G: nx.MultiDiGraph, most: int = 5) -> str:
    """A sentence of a few of the graph's short sector names, as examples where none is near what was typed.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Sector:topic:X", kind="Sector", name="A very long call topic (RIA)")
    >>> some_sectors(nx.MultiDiGraph()), some_sectors(G)
    ('The graph has no sector.', 'Some sectors of the graph: A very long call topic (RIA).')
    >>> G.add_node("Sector:esv:1", kind="Sector", name="robotics"); some_sectors(G, most=0)
    'Some sectors of the graph: ...'
    """
    short, topics = _sector_names(G)
    names = sorted(dict.fromkeys(short or topics), key=lambda n: (len(n), reading_order(n)))
    if not names:
        return "The graph has no sector."
    shown = [*names[:most], "..."] if len(names) > most else [*names[:-1], names[-1] + "."]
    return f"Some sectors of the graph: {', '.join(shown)}"


def near_sectors(G: nx.MultiDiGraph, text: str, most: int = SECTORS_SHOWN) -> list[str]:
    """Up to `most` sector names of the graph `text` nearly spells, closest first: the short names (seed sectors and
    EuroSciVoc fields) before the call topics' titles, which are offered only when no short name is near.

    >>> G = nx.MultiDiGraph()
    >>> for key, name in [("Sector:esv:1", "robotics"), ("Sector:topic:X", "Robotics for tomorrow (RIA)")]:
    ...     G.add_node(key, kind="Sector", name=name)
    >>> near_sectors(G, "robtics"), near_sectors(G, "robotics for tomorow (ria)"), near_sectors(G, "zzz")
    (['robotics'], ['Robotics for tomorrow (RIA)'], [])
    """
    short, topics = _sector_names(G)
    return nearest(text, short, most=most) or nearest(text, topics, most=most)


def near_choices(text: str, names: dict[str, str], most: int = SECTORS_SHOWN) -> list[str]:
    """The keys of up to `most` choices (`key -> label`, as a picker offers them) whose label, or for a country
    (`Country:DE`) its code, `text` nearly spells, closest first: what a Find box that found nothing offers
    (the Partners page's "Find places to add": "germny" found none, and said nothing of Germany).

    >>> near_choices("germny", {"Country:DE": "Germany (DE)", "Country:DK": "Denmark", "Region:DE1": "Baden"})
    ['Country:DE']
    >>> near_choices("DEUU", {"Country:DE": "Germany"}), near_choices("zzz", {"Country:DE": "Germany"})
    (['Country:DE'], [])
    """
    by_spelling: dict[str, str] = {}
    for key, label in names.items():
        by_spelling.setdefault(str(label).casefold(), key)
        if str(label).endswith(")"):  # "Germany (DE)": the name alone too
            by_spelling.setdefault(str(label).rsplit(" (", 1)[0].casefold(), key)
        if key.startswith("Country:"):
            code = key.split(":", 1)[1]
            found = pycountry.countries.get(alpha_2=iso_code(code))
            for spelling in (code, getattr(found, "alpha_3", None)):
                if spelling:
                    by_spelling.setdefault(spelling.casefold(), key)
    keys = [by_spelling[spelling] for spelling in nearest(text, by_spelling, most=most * 2)]
    return list(dict.fromkeys(keys))[:most]
