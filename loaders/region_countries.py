"""The country of a table's regions, known by their names in NUTS (the bundled GISCO label points).

`mapping new` gives a table that names regions but no country a constant country: the one its region header implies
(`Län`: SE, `Bundesland`: DE or AT, `csv_header.REGION_COUNTRY`). A Danish member list's header is just `Region`,
so its Syddanmark, Midtjylland and Hovedstaden had been given `country = { value = "" }`, and the clusters it made no
country. The cells themselves say it: when the region names the table writes are NUTS names of one country alone,
that is the country.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable

from graph.store.search_text import fold
from loaders.common import read_bytes
from loaders.sample import SAMPLE_NUTS

__all__ = ["country_of_regions"]

#: Of the distinct region names a table writes, the share NUTS must know (a misspelt one or two may be among them).
KNOWN_SHARE = 0.8


@functools.cache
def _countries_by_name() -> dict[str, frozenset[str]]:
    """Each NUTS region's name (folded; Latin and national spelling) -> the countries holding a region of that name."""
    found: dict[str, set[str]] = {}
    for path in sorted(SAMPLE_NUTS.glob("*.csv.xz")):
        for row in csv.DictReader(io.StringIO(read_bytes(path).decode("utf-8"))):
            if row.get("LEVL_CODE") in ("1", "2", "3"):
                for name in {row.get("NAME_LATN") or "", row.get("NUTS_NAME") or ""} - {""}:
                    found.setdefault(fold(name), set()).add(row["CNTR_CODE"])
    return {name: frozenset(codes) for name, codes in found.items()}


def country_of_regions(cells: Iterable[str]) -> str | None:
    """The one country (EU code) whose NUTS regions the `cells` name, when NUTS knows at least `KNOWN_SHARE` of the
    distinct names and all it knows are of that country; else None.

    >>> country_of_regions(["Syddanmark", "Midtjylland", "Hovedstaden", "Syddanmark"])
    'DK'
    >>> country_of_regions(["Syddanmark", "Stockholm"]), country_of_regions(["Nowhere", "Elsewhere"])
    (None, None)
    """
    names = {fold(cell) for cell in cells if cell and cell.strip()}
    known = [_countries_by_name()[name] for name in names if name in _countries_by_name()]
    if not names or len(known) < KNOWN_SHARE * len(names):
        return None
    common = frozenset.intersection(*known)
    return next(iter(common)) if len(common) == 1 else None
