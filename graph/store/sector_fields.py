"""Seed sectors bridged to the EuroSciVoc field of their name, in a graph held in Python and in the store.

Seed clusters name plain sectors (`Sector:automation`, "Automation"); CORDIS projects are tagged with
EuroSciVoc fields (`Sector:esv:/29/101/555/1359`, "automation"). Nothing in the data links the two, so a seed
sector stands for the field whose name is its name or one of its aliases (accents and case folded), else for
the field whose name starts with it ("Manufacturing" -> "manufacturing engineering"), the field with the most
tags winning. A name in another language (Automaatio, Robótica industrial) stands for the field its word in
`graph.store.sector_words` names, when its own name and aliases find none. Without the link a seed cluster shares
no sector with any CORDIS organisation, and a filter on the seeds' Automation keeps none of the 103 projects tagged
automation.

One rule (`best_field`) for the partner rankings and projections (`equivalent_sectors`, on the analytics
graph) and for Explore's sector filter (`equivalent_fields`, two small reads of the store), so the app's
views and its rankings agree on what a sector covers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from weakref import WeakKeyDictionary

import networkx as nx

from graph.store.contract import GraphStore
from graph.store.cypher import fixed_statement
from graph.store.search_text import fold
from graph.store.sector_words import SECTOR_WORDS

__all__ = ["equivalent_sectors", "equivalent_fields", "best_field", "translated", "is_field", "FIELD_OF_WORD",
           "FIELD_TAGS", "SECTOR_NAMES"]

#: Every EuroSciVoc field something is ACTIVE_IN, with its name and how many tags it has.
FIELD_TAGS = fixed_statement(__name__, "FIELD_TAGS", (
    "MATCH (x)-[:ACTIVE_IN]->(s:Sector) WHERE s.id STARTS WITH 'esv:' "
    "RETURN s.id AS id, s.name AS name, count(x) AS tags"))
#: The names and aliases of the sectors `$ids`.
SECTOR_NAMES = fixed_statement(__name__, "SECTOR_NAMES", (
    "MATCH (s:Sector) WHERE s.id IN $ids RETURN s.id AS id, s.name AS name, s.aliases AS aliases"))


def is_field(key: str) -> bool:
    """Whether the sector key is a EuroSciVoc field (the CORDIS projects' tags)."""
    return key.startswith("Sector:esv:")


def _is_seed(key: str) -> bool:
    return key.startswith("Sector:") and not is_field(key) and not key.startswith("Sector:topic:")


def _folded_names(name: object, aliases: object) -> set[str]:
    listed = aliases if isinstance(aliases, list | tuple) else [aliases] if aliases else []
    return {fold(n) for n in [name or "", *listed] if n}


#: A sector word of `SECTOR_WORDS`, folded -> the English field name it names.
FIELD_OF_WORD = {fold(word): field for field, words in SECTOR_WORDS.items() for word in words.split(", ")}


def translated(names: set[str]) -> set[str]:
    """The field names `FIELD_OF_WORD` gives the folded `names`: each name's longest word-prefix there (the whole
    name, else its first words: "robotica colaborativa" -> robotics); nothing is guessed beyond the table."""
    found = set()
    for name in names:
        words = name.split(" ")
        heads = (" ".join(words[:n]) for n in range(len(words), 0, -1))
        found.update(next(([FIELD_OF_WORD[head]] for head in heads if head in FIELD_OF_WORD), []))
    return found


def best_field(names: set[str], by_name: dict[str, list[str]], tags: dict[str, int]) -> str | None:
    """The field a sector of the folded `names` stands for: a field of one of those names, else one whose name
    starts with one of them and a space, the most tagged first (then the larger key); when none fits, the same for
    their English field names in `SECTOR_WORDS` (`translated`); None when no field fits."""
    return _best_field(names, by_name, tags) or _best_field(translated(names), by_name, tags)


def _best_field(names: set[str], by_name: dict[str, list[str]], tags: dict[str, int]) -> str | None:
    exact = [s for n in names for s in by_name.get(n, [])]
    starts = [s for f, fields in by_name.items() for n in names if f.startswith(n + " ") for s in fields]
    match = exact or starts
    return max(match, key=lambda s: (tags[s], s)) if match else None


def _by_name(names: dict[str, object]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for key, name in names.items():
        found[fold(name or "")].append(key)
    return found


def equivalent_sectors(G: nx.MultiDiGraph) -> dict[str, str]:
    """Seed sector key -> the field key it stands for, in the graph `G` (see the module docstring). Kept per graph
    (read-only by convention, as the analytics inputs are until the next load) while its node count is unchanged:
    a walk of every relationship took ~0.15 s on the sample and ~1 s at 10x for each projection with a seed sector."""
    kept = _KEPT.get(G)
    if kept is None or kept[0] != G.number_of_nodes():
        kept = _KEPT[G] = (G.number_of_nodes(), _equivalent_sectors(G))
    return dict(kept[1])


#: Each graph's `equivalent_sectors`, with the node count they were found at; gone with the graph.
_KEPT: WeakKeyDictionary[nx.Graph, tuple[int, dict[str, str]]] = WeakKeyDictionary()


def _equivalent_sectors(G: nx.MultiDiGraph) -> dict[str, str]:
    tags: dict[str, int] = defaultdict(int)
    for _, s, t in G.edges(data="type"):
        if t == "ACTIVE_IN" and is_field(s):
            tags[s] += 1
    by_name = _by_name({s: G.nodes[s].get("name") for s in tags})
    found = {}
    for key, attrs in G.nodes(data=True):
        if attrs.get("kind") == "Sector" and _is_seed(key):
            field = best_field(_folded_names(attrs.get("name"), attrs.get("aliases")), by_name, tags)
            if field:
                found[key] = field
    return found


def equivalent_fields(store: GraphStore, keys: Iterable[str]) -> dict[str, str]:
    """Seed sector key -> the field key it stands for, for the seed sectors among `keys`, read from the store."""
    seeds = [k.split(":", 1)[1] for k in keys if _is_seed(k)]
    if not seeds:
        return {}
    tagged = store.read(FIELD_TAGS, row_cap=1_000_000).rows
    tags = {f"Sector:{i}": n for i, _, n in tagged}
    by_name = _by_name({f"Sector:{i}": name for i, name, _ in tagged})
    found = {}
    for i, name, aliases in store.read(SECTOR_NAMES, {"ids": seeds}).rows:
        field = best_field(_folded_names(name, aliases), by_name, tags)
        if field:
            found[f"Sector:{i}"] = field
    return found
