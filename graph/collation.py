"""The one order names are listed in, where Python sorts them: as people read them, not byte by byte.

A byte-wise `sorted(names)` put every lower-case name after every capital (`alpha` after `Zug`) and Å, Ä, Ö, É, Ž
after Z, so Nordic try-outs looked for `Ålesund` and `Örebro` at the bottom of lists they read as alphabetical.
The rule is simple and the same in every language: accents and case set aside (`graph.store.search_text.fold`:
Å is A, Ø is O, Æ is AE, ß is SS), the name as written breaking ties, so two runs list the same names in the same
order. It is not a language's own alphabet (Swedish puts Å, Ä, Ö after Z): one list holds names of many countries.
The database sorts a query's `ORDER BY` itself, byte by byte; this order is the one Python gives.
"""

from __future__ import annotations

from typing import Any

from graph.store.search_text import fold

__all__ = ["reading_order"]


def reading_order(name: Any) -> tuple[str, str]:
    """The key that sorts `name` among others as read: accent-folded and case-folded, the name as written next.

    Examples
    --------
    >>> sorted(["Zug", "Örebro", "alpha", "Ålesund", "Beta", "Éire", "Alpha"], key=reading_order)
    ['Ålesund', 'Alpha', 'alpha', 'Beta', 'Éire', 'Örebro', 'Zug']
    """
    return fold(name), str(name)
