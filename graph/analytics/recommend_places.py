"""The places a partner request names (`recommend --country`, `--avoid`): a country by code or name, a region.

The ranking matches a place as the start of an organisation's NUTS code or country code (`Requirements`), so the
text was taken as such a code: `--country Germany` (or Deutschland, Tyskland) matched no organisation and the
note said none of the graph is in Germany, `--country XX` passed unrefused, and `--avoid Germany` avoided no one.
A place is now read as `metrics --country` reads a country, with the reader of a table's country column (a
code or a name in any language the project knows: `graph.countries.country_code`), and a region of the graph by
its NUTS code as before.
"""

from __future__ import annotations

import numpy as np

from graph.analytics.recommend_index import RecommenderIndex
from graph.countries import country_code
from graph.errors import ParameterError

__all__ = ["place_codes"]

#: How many of the graph's countries a refusal gives as examples.
_EXAMPLES = 8


def _region(index: RecommenderIndex, text: str) -> str | None:
    """`text` as a region of the graph: a Region node's id (NO0A2, a national region's NO-Oslo), or the start of
    an organisation's NUTS code longer than a country's (NO0A); None otherwise."""
    for given in (text, text.upper()):
        if index.G.nodes.get(f"Region:{given}", {}).get("kind") == "Region":
            return given
    upper = text.upper()
    if len(upper) > 2 and np.char.startswith(index.place, upper).any():
        return upper
    return None


def _nuts_shaped(text: str) -> bool:
    """Whether `text` is written as a NUTS code (two letters, then one to three letters or digits, one a digit):
    such a code the graph lacks is kept, and the ranking's note says no organisation is there."""
    upper = text.upper()
    return 3 <= len(upper) <= 5 and upper[:2].isalpha() and upper.isalnum() and any(c.isdigit() for c in upper)


def _some_countries(index: RecommenderIndex) -> str:
    """The graph's countries holding the most organisations, as a refusal's examples."""
    codes, counts = np.unique(index.country[index.country != ""], return_counts=True)
    if not len(codes):
        return "the graph knows no organisation's country"
    most = [str(codes[i]) for i in np.argsort(-counts, kind="stable")[:_EXAMPLES]]
    more = f", ... ({len(codes)} in all)" if len(codes) > _EXAMPLES else ""
    return f"the graph's countries with the most organisations: {', '.join(most)}{more}"


def place_codes(index: RecommenderIndex, texts: tuple[str, ...], option: str = "--country") -> tuple[str, ...]:
    """The place codes the ranking matches, for `texts` as a user gives them (each once, in their order).

    A two-letter text is a country's code (`DE`, `de`; `GR` and `UK` as the store keys them); a longer one is a
    region of the graph when it is one (`NO0A2`), else a country by `country_code` (`Germany`, `Deutschland`,
    `Tyskland`, `DEU` -> `DE`), else a NUTS-shaped code kept as given. Anything else is refused naming `option`
    and some of the graph's countries (`ParameterError`).
    """
    found: list[str] = []
    for text in texts:
        given = text.strip()
        code = _region(index, given) if len(given) > 2 else None
        if code is None:
            try:
                code = country_code(given)
            except ValueError:  # graph.values.BadValue: not a country
                code = given.upper() if _nuts_shaped(given) else None
        if code is None:
            raise ParameterError(f"{option} {given!r} is neither a country nor a region of the graph: give a country's "
                                 "code or name in any language the project reads (DE, Germany, Deutschland, "
                                 f"Tyskland) or a region's NUTS code (NO0A2); {_some_countries(index)}")
        if code not in found:
            found.append(code)
    return tuple(found)
