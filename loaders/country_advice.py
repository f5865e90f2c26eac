"""What to do of a country cell no standard knows: the country whose name it nearly spells (a typo, `Danmak`), with
that country's code in the `values` recode that reads it.

The advice had been `values = { "Danmak" = "IN" }` for every cell, the example code of CORDIS's `XH`: copied as it
stood, a Danish table's rows went to India. A cell no name is near (`Atlantis`, `XH`) keeps that example.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pycountry

from graph.countries import country_code, spellings
from graph.nearest import nearest

__all__ = ["country_advice", "nearest_country"]


def country_advice(error: str, cell: str, recode: Callable[[str], str]) -> str:
    """`error` with what to do: `recode(code)` is the mapping's text that reads the cell as the country `code`.

    >>> print(country_advice("got 'Danmak'", "Danmak", lambda code: f'values = {{ "Danmak" = "{code}" }}'))
    got 'Danmak'; did you mean 'Danmark' (DK)? Fix the cell, or recode it in the mapping: values = { "Danmak" = "DK" }
    """
    near = nearest_country(cell)
    if near is None:
        return (f'{error} (if it is right, recode it in the mapping: {recode("IN")}, with its code, or "" for no '
                'country)')
    name, code = near
    return f"{error}; did you mean {name!r} ({code})? Fix the cell, or recode it in the mapping: {recode(code)}"


def nearest_country(cell: str) -> tuple[str, str] | None:
    """(the name of a country that `cell` nearly spells, in any language `graph.countries` reads, its store code);
    None when no name is near, or for a short code (`XH`).

    >>> nearest_country("Sweeden"), nearest_country("Atlantis"), nearest_country("XH")
    (('Sweden', 'SE'), None, None)
    """
    if len(cell.strip()) < 4:
        return None
    by_name = _country_names()
    found = nearest(cell, by_name, cutoff=0.8)  # country names are short: a looser cutoff finds wrong ones
    return (found[0].title(), by_name[found[0]]) if found else None


@functools.cache
def _country_names() -> dict[str, str]:
    """Every case-folded name of a country -> its store code (EL, UK for Greece and the United Kingdom)."""
    codes = {country_code(country.alpha_2) for country in pycountry.countries if country.alpha_2 != "XK"}
    return {name: code for code in sorted(codes) for name in spellings(code)}
