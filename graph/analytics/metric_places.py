"""A node's place by each metric of a projection: where one's own cluster or member stands.

A cluster manager runs `metrics compute --projection cluster` to see where their cluster stands; the command
printed the top ten, so their own cluster's place was found only by printing all 151 and counting. The Metrics
page's *Find in the ranking* and the CLI's `--find` give the same answer from here (the page had its own pandas
version of it, which could drift). A tie shares the better place (1, 2, 2, 4), and says how many share it: a
betweenness of 0 shared by 130 of 151 clusters is "22 of 151, tied with 129", not a top place. Louvain's community
numbers are labels, not scores, and get no place.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from graph.countries import names_of
from graph.store.search_text import fold, same_punctuation, spellings

__all__ = ["UNRANKED", "place", "places", "matching_keys", "found_groups", "folded_only_said", "inside_words_said",
           "found_places", "find_lines", "graph_of", "left_out_why"]

SHOWN = 20  # nodes `find_lines` names
UNRANKED = ("community",)  # metrics whose values are labels


def places(values: dict[Any, float], keys: Iterable[Any]) -> dict[Any, str]:
    """Each of `keys`' place among `values` ("2 of 4, tied with 1"), "–" for a key without a value. One sort for
    all of them: a find that matches 500 of a bipartite graph's 27,000 nodes counted them 500 times over.

    >>> places({"a": 3.0, "b": 1.0, "c": 1.0, "d": 0.5}, ["a", "c", "d", "x"])
    {'a': '1 of 4', 'c': '2 of 4, tied with 1', 'd': '4 of 4', 'x': '–'}
    """
    ordered, alike = sorted(values.values()), Counter(values.values())
    return {key: "–" if key not in values else
            f"{len(ordered) - bisect_right(ordered, values[key]) + 1:,} of {len(ordered):,}"
            + (f", tied with {alike[values[key]] - 1:,}" if alike[values[key]] > 1 else "")
            for key in keys}


def place(values: dict[Any, float], key: Any) -> str:
    """`key`'s place among `values`, "–" when it has none.

    >>> place({"a": 3.0, "b": 1.0, "c": 1.0}, "b"), place({"a": 3.0}, "x")
    ('2 of 3, tied with 1', '–')
    """
    return places(values, [key])[key]


def _word_start(*needles: str) -> re.Pattern[str] | None:
    """What finds one of `needles` at the start of a word (the text's start, or after a space, `|`, `-`, `(` ...):
    `alo` finds ALOADED AB, not CATALONIA, as a saved query's sector search and a typed node name match
    (`graph.store.resolve`). Made once per search, not per name; None for an empty needle, which finds nothing."""
    if not all(needles):
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(needle) for needle in needles)})")


#: A node's names besides its shown one, as (what, name): `graph.analytics.metrics_disk.other_names`.
OtherNames = dict[Any, tuple[tuple[str, str], ...]]


def _searched(key: Any, name: str, whole_key: bool = False, others: tuple[tuple[str, str], ...] = ()) -> str:
    """What a find looks in for the node `key`: its names (a country: all of them; `others`: its short name, acronym,
    aliases) and its id, without the label its key starts with (`Cluster:pic:999...`: `--find cluster` had matched
    every node of the graph of clusters) unless `whole_key` (a text with a colon: a key as the app shows it).

    >>> _searched("Cluster:pic:999", "CLIC INNOVATION OY"), _searched("SE21", "Småland med öarna")
    ('CLIC INNOVATION OY|pic:999', 'Småland med öarna|SE21')
    >>> _searched("Organisation:pic:1", "COMMISSARIAT A L ENERGIE", others=(("short name", "CEA"),))
    'COMMISSARIAT A L ENERGIE|CEA|pic:1'
    """
    label, _, node_id = str(key).partition(":")
    return "|".join((*names_of(key, name), *(other for _, other in others),
                     str(key) if whole_key or not (node_id and label.isalpha()) else node_id))


def _as_typed(text: str) -> str:
    """`text` case-folded with its accents kept (NFC, so a typed `ö` and a stored `o` + diaeresis are one), its
    apostrophes and dashes as `fold` writes them (`same_punctuation`: `Côte d'Azur` is NUTS's `Côte d’Azur`)."""
    return same_punctuation(unicodedata.normalize("NFC", str(text)).casefold())


def _spelled(text: str) -> str:
    """`text` folded, and also with ä, ö, ü, ø, å written out when it holds them (`search_text.spellings`): what a
    find looks in, so `Muenchen` finds München as `München` finds CORDIS's MUENCHEN."""
    return "|".join(spellings(text))


def matching_keys(names: dict[Any, str], text: str, others: OtherNames | None = None) -> tuple[list[Any], list[Any]]:
    """The keys of `names` (key -> name) one of whose names (a country: any of them; `others`: its short name,
    acronym and aliases, `graph.analytics.metrics_disk.other_names`) or whose key has a word
    starting with `text`: first those that hold it as typed, case ignored, then those that match only with accents
    taken off (`graph.store.search_text.fold`: CORDIS writes Ålö AB as ALO AB) or with ä, ö, ü, ø, å written as
    ae, oe, ue, oe, aa on either side (`spellings`: CORDIS writes TECHNISCHE UNIVERSITAET MUENCHEN). A text of ASCII
    letters finds the names folding makes it as typed, those written with umlauts it spells out after them.

    >>> matching_keys({"a": "ALO AB", "b": "Ålö AB", "c": "ALOADED AB", "d": "CATALONIA"}, "Ålö")
    (['b'], ['a', 'c'])
    >>> matching_keys({"a": "ALO AB", "b": "Ålö AB", "c": "ALOADED AB", "d": "CATALONIA"}, "alo")
    (['a', 'b', 'c'], [])
    >>> matching_keys({"a": "Stadtwerke München", "b": "STADTWERKE MUENCHEN GMBH", "c": "MUNCHEN AG"}, "München")
    (['a'], ['b', 'c'])
    >>> matching_keys({"a": "Stadtwerke München", "b": "STADTWERKE MUENCHEN GMBH", "c": "MUNCHEN AG"}, "muenchen")
    (['b'], ['a'])
    """
    wanted, typed = _word_start(*(form.strip() for form in spellings(text))), _word_start(_as_typed(text).strip())
    if wanted is None or typed is None:
        return [], []
    whole, others = ":" in text, others or {}

    def searched(key: Any) -> str:
        return _searched(key, names[key], whole, others.get(key, ()))

    found = [key for key in names if wanted.search(_spelled(searched(key)))]
    # as typed: an ASCII text, the names that fold to hold it (ALO finds Ålö AB); then those it spells out
    written, typed = (fold, _word_start(fold(text).strip())) if text.isascii() else (_as_typed, typed)
    exact = [key for key in found if typed and typed.search(written(searched(key)))]
    held = set(exact)
    return exact, [key for key in found if key not in held]


def found_groups(names: dict[Any, str], text: str,
                 others: OtherNames | None = None) -> tuple[tuple[list[Any], list[Any]], bool]:
    """`matching_keys(names, text, others)`; when no word of any name starts with `text`, the keys holding it inside a
    word instead, and True: Nordic names are compounds (Bølgeteknikk AS, Kustenergi), and `--find teknikk` had said
    nothing matched.

    >>> found_groups({"a": "Bølgeteknikk AS", "b": "Teknikkfabrikken"}, "teknikk")
    ((['b'], []), False)
    >>> found_groups({"a": "Bølgeteknikk AS", "b": "Fjordlab AS"}, "teknikk")
    ((['a'], []), True)
    """
    groups, others = matching_keys(names, text, others), others or {}
    if groups[0] or groups[1] or not fold(text).strip():
        return groups, False
    forms = [form.strip() for form in spellings(text)]
    inside = [key for key, name in names.items()
              if any(form in _spelled(_searched(key, name, ":" in text, others.get(key, ()))) for form in forms)]
    return (inside, []), bool(inside)


def inside_words_said(text: str) -> str:
    """Why `found_groups`' matches inside words are listed, said one way by the CLI's `--find` and the Metrics page."""
    return (f"no name has a word starting with {text!r}; these hold it inside a word (a compound name: Bølgeteknikk "
            "holds teknikk)")


def found_places(names: dict[Any, str], results: dict[str, Any], text: str,
                 groups: tuple[list[Any], list[Any]] | None = None,
                 others: OtherNames | None = None) -> list[tuple[Any, str, dict[str, str]]]:
    """The nodes of a projection (`names`: key -> name) one of whose names or whose key has a word starting with
    `text` (`matching_keys`: those holding it as typed first, then those matching only without accents; a country
    by any of its names: "Sverige"; `others`: a node's short name, acronym and aliases), in each group those holding
    it as a whole word first (`--find CEA`: the CEA before CEATECH), then best first by the first metric, each node
    with its place by every metric of `results` (metric -> a result with `values`) but `community`, and named with
    the other name that matched when its shown name does not hold the text ("COMMISSARIAT ... (short name CEA)").
    `groups`: `matching_keys(names, text, others)` when the caller has it (it counts the matches without accents
    too), else found here.

    >>> class R:
    ...     def __init__(self, values): self.values = values
    >>> found_places({"Cluster:a": "Industrial Green Tech", "Cluster:b": "IoT World", "Cluster:c": "Green Valley"},
    ...              {"degree": R({"Cluster:a": 2, "Cluster:b": 5, "Cluster:c": 4})}, "green")
    [('Cluster:c', 'Green Valley', {'degree': '2 of 3'}), ('Cluster:a', 'Industrial Green Tech', {'degree': '3 of 3'})]
    """
    others = others or {}
    groups = matching_keys(names, text, others) if groups is None else groups
    ranked = [metric for metric in results if metric not in UNRANKED]
    first = results[ranked[0]].values if ranked else {}
    whole = _whole_word(text)
    for keys in groups:
        keys.sort(key=lambda key: (not whole(_searched(key, names[key], ":" in text, others.get(key, ()))),
                                   key not in first, -first.get(key, 0)))
    keys = [*groups[0], *groups[1]]
    by_metric = {metric: places(results[metric].values, keys) for metric in ranked}
    return [(key, names[key] + _other_name_said(key, names[key], others.get(key, ()), text),
             {metric: by_metric[metric][key] for metric in ranked}) for key in keys]


def _whole_word(text: str) -> Any:
    """What tells whether a node's names hold `text` (any of its `spellings`) as a whole word: `CEA`, not CEATECH."""
    forms = [form.strip() for form in spellings(text) if form.strip()]
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, forms))})(?!\w)") if forms else None
    return lambda searched: bool(pattern and pattern.search(_spelled(searched)))


def _other_name_said(key: Any, name: str, others: tuple[tuple[str, str], ...], text: str) -> str:
    """` (short name CEA)`: the first of the node's other names that holds `text` at a word's start (else inside a
    word), when neither its shown name nor its id does; "" otherwise. Asked only of the matches (a few)."""
    if not others:
        return ""
    forms = [form.strip() for form in spellings(text) if form.strip()]
    starts = _word_start(*forms)
    if starts is None or starts.search(_spelled(_searched(key, name, ":" in text))):
        return ""
    held = [(what, other) for what, other in others if starts.search(_spelled(other))] or [
        (what, other) for what, other in others if any(form in _spelled(other) for form in forms)]
    return f" ({held[0][0]} {held[0][1]})" if held else ""


#: A projection's kind as its graph's nodes are called ("this graph of clusters").
_PLURAL = {"organisation": "organisations", "cluster": "clusters", "region": "regions", "country": "countries",
           "bipartite": "organisations and projects"}


def graph_of(kind: str) -> str:
    """`kind` as the nodes of its graph are called: "clusters" ("this graph of cluster" had read oddly)."""
    return _PLURAL.get(kind, kind)


def left_out_why(kind: str) -> str:
    """Why a node of the store may be missing from a projection of `kind`: for organisations and clusters, their
    partners are still ranked by `recommend --for`; a region or a country is there through its organisations."""
    if kind in ("region", "country"):
        return (f"a {kind} is in it through its organisations' projects that count here (the chosen programme, "
                "sectors, countries, roles and years)")
    return ("it holds only what takes part in a project that counts here (a cluster through its CORDIS record or "
            "its members' projects): `recommend --for` still ranks its partners")


def folded_only_said(count: int) -> str:
    """How many matches of a text match it only without accents or with umlauts written out (`matching_keys`), said
    one way by the CLI's `--find` and the Metrics page: `Ålö` had listed ALOADED AB among its own without a word."""
    return (f"{count:,} of them match only without accents or with ä, ö, ü written as ae, oe, ue, listed after those "
            "written as typed (names written in ASCII, as CORDIS writes Ålö AB: ALO AB, München: MUENCHEN)")


def find_lines(found: Any, results: dict[str, Any], kind: str, text: str, places: tuple[str, ...] = (),
               placed: Callable[[], str | None] | None = None) -> list[str]:
    """What `metrics compute --find TEXT` prints: the matching nodes of the projection (`found`: its `names` and
    `number_of_nodes()`, as `graph.analytics.metrics_disk.KeptMetrics` has) with their place by each metric, the
    first `SHOWN`; when none, why a node of the store may have no place (never an empty answer), with the `places`
    the projection was limited to (`--region`, `--country`): a German table's organisations placed in DE alone are
    in no region of it, and `--find Nürnberger --region Bayern` had blamed the projects alone. `placed`: gives where
    the node the text names is placed (`graph.store.where_placed`), said instead of the usual reason when it says;
    called only when nothing matches."""
    others = getattr(found, "other_names", None) or {}
    groups, inside = found_groups(found.names, text, others)
    folded_only = len(groups[1])
    matches = found_places(found.names, results, text, groups, others)
    if not matches:
        where = placed() if placed and places else None
        why = (f"{where}, in none of them" if where else
               "an organisation placed in its country alone is in none of its regions")
        limited = (f"; and it holds only what is placed in {', '.join(places)}: {why} (run it without --region to "
                   "see)") if places else ""
        return [f"find {text!r}: nothing in this graph of {graph_of(kind)} is named or numbered like it; "
                + left_out_why(kind) + limited]
    more = [f"  ... and {len(matches) - SHOWN:,} more; give more of the name"] if len(matches) > SHOWN else []
    unaccented = [f"  ({folded_only_said(folded_only)})"] if folded_only else []
    within = [f"  ({inside_words_said(text)})"] if inside else []
    return [f"find {text!r}: {len(matches):,} node(s) of {found.number_of_nodes():,}", *unaccented, *within, *(
        f"  {name}  ({key}): " + "; ".join(f"{metric} {at}" for metric, at in places.items())
        for key, name, places in matches[:SHOWN]), *more]
