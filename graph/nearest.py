"""The one "did you mean" of the project: the known names a typed word nearly spells, in any case.

A misspelt metric, tag, query name, mapping key, column, country or property each got its hint from a
`difflib` call of its own, with its own folding of case and its own cutoff; the hints differed for the
same typo. Here the folding is one (case does not count, the known name is shown as it is written) and
the cutoff says how near is near (`NEAR`, or looser where the known names are few and long, like
query names).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["NEAR", "nearest", "did_you_mean"]

#: How alike a word and a known name must be (difflib's ratio) to be offered: a typo or two in a word.
NEAR = 0.75


def nearest(word: Any, known: Iterable[str], *, cutoff: float = NEAR, most: int = 1) -> list[str]:
    """Up to `most` known names `word` nearly spells, closest first, as they are written; case does not count.

    >>> nearest("betweeness", ["degree", "betweenness"]), nearest("Organization", ["Organisation"])
    (['betweenness'], ['Organisation'])
    >>> nearest("Atlantis", ["Cluster"]), nearest(None, ["Cluster"])
    ([], [])
    """
    if not isinstance(word, str) or not word.strip():
        return []
    by_fold: dict[str, str] = {}
    for name in known:
        by_fold.setdefault(name.casefold(), name)
    return [by_fold[f] for f in difflib.get_close_matches(word.strip().casefold(), list(by_fold), n=most,
                                                          cutoff=cutoff)]


def did_you_mean(word: Any, known: Iterable[str], *, cutoff: float = NEAR,
                 same_meaning: Mapping[str, str] | None = None) -> str:
    """` (did you mean 'X'?)` for the known name `word` nearly spells, or names in another tool's words
    (`same_meaning`: pandas' `delimiter` is our `separator`, which no spelling brings near); "" when none is near.

    >>> did_you_mean("Organization", ["Cluster", "Organisation"]), did_you_mean("Atlantis", ["Cluster"])
    (" (did you mean 'Organisation'?)", '')
    >>> did_you_mean("delimiter", ["separator"], same_meaning={"delimiter": "separator"})
    " (did you mean 'separator'?)"
    """
    known = list(known)
    same = (same_meaning or {}).get(word.strip().casefold()) if isinstance(word, str) else None
    near = [same] if same in known else nearest(word, known, cutoff=cutoff)
    return f" (did you mean {near[0]!r}?)" if near else ""
