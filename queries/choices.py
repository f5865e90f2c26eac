"""A parameter's fixed choice as a person writes it: in another case or spelling, by a word of one choice alone, and
the one meant when a value names none (`queries.runner.bind_value` takes the first, says the second).

>>> choice_as_written("ESCA Gold", ("esca-silver", "esca-gold")), choice_as_written("gold", ("esca-gold",))
('esca-gold', 'esca-gold')
>>> nearest_choice("silvr", ("esca-silver", "esca-gold")), nearest_choice("esca", ("esca-silver", "esca-gold"))
(" (did you mean 'esca-silver'?)", '')
"""

from __future__ import annotations

import re
from typing import Any

from graph.nearest import nearest
from graph.store.search_text import fold

__all__ = ["choice_as_written", "nearest_choice", "meant_param"]


def choice_as_written(value: Any, choices: tuple) -> Any:
    """The choice `value` names in another case or spelling ("ESCA Silver" is esca-silver, "PageRank" pagerank), or
    by a word of one choice alone ("gold" is esca-gold, as `recommend --min-label gold` takes it), else `value`."""
    if not isinstance(value, str):
        return value
    wanted = fold(value).strip().replace(" ", "-")
    named = _folded(choices)
    if wanted in named:
        return named[wanted]
    holding = [c for f, c in named.items() if wanted and wanted in f.split("-")]
    return holding[0] if len(holding) == 1 else value


def nearest_choice(value: Any, choices: tuple) -> str:
    """" (did you mean 'esca-silver'?)" for a text that is part of one choice or nearly spells one or a word of one:
    "silvr" had been refused with the list alone. Nothing for a part of several (`esca`)."""
    if not isinstance(value, str) or not (wanted := fold(value).strip().replace(" ", "-")):
        return ""
    named = _folded(choices)
    parts = {part: c for f, c in named.items() for part in (f, *f.split("-"))}  # "silvr" is near silver
    near = [c for f, c in named.items() if wanted in f] or [parts[f] for f in nearest(wanted, parts)]
    return f" (did you mean {near[0]!r}?)" if len(near) == 1 else ""


def _folded(choices: tuple) -> dict[str, Any]:
    """Each text choice by its folded spelling, spaces as hyphens (`ESCA Gold` and `esca-gold` are one)."""
    return {fold(c).replace(" ", "-"): c for c in choices if isinstance(c, str)}


def meant_param(name: str, declared: dict[str, str], title: str) -> tuple[str, str] | None:
    """The declared parameter (name -> help) an unknown `name` means, and why: one it nearly spells ("close to"), the
    only one when the query's title says the word, else the one whose help says it. `-p region=Pirkanmaa` to
    "SMEs of a region or country" had been refused with "declared: area" alone.

    >>> meant_param("region", {"area": "a country or region: its code"}, "SMEs of a region or country")
    ('area', 'its title says "region"')
    >>> meant_param("region", {"area": "a region's code", "limit": "rows"}, "SMEs")
    ('area', 'its help says "region"')
    >>> meant_param("limt", {"limit": "", "area": ""}, ""), meant_param("year", {"area": ""}, "SMEs of a region")
    (('limit', 'close to "limt"'), None)
    """
    if close := nearest(name, declared):
        return close[0], f'close to "{name}"'
    said = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    if len(declared) == 1 and said.search(title):
        return next(iter(declared)), f'its title says "{name}"'
    by_help = [p for p, text in declared.items() if said.search(text)]
    return (by_help[0], f'its help says "{name}"') if len(by_help) == 1 else None
