"""NUTS regions known by their names in the bundled GISCO label points: the country of a table's regions, and the
regions a national table's region names name.

`mapping new` gives a table that names regions but no country a constant country: the one its region header implies
(`Län`: SE, `Bundesland`: DE or AT, `csv_header.REGION_COUNTRY`). A Danish member list's header is just `Region`,
so its Syddanmark, Midtjylland and Hovedstaden had been given `country = { value = "" }`, and the clusters it made no
country. The cells themselves say it: when the region names the table writes are NUTS names of one country alone,
that is the country.

A load reads the same files for the NUTS regions a region name names (`loaders.generic_regions`): a Swedish grants
table's `Västerbotten` had been the national region `SE-Västerbotten` unless NUTS was loaded before it, apart from
CORDIS's SE331 on the Map and in `metrics compute --region SE33`. The files are read once, for both uses.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable
from typing import NamedTuple

from graph.region_spellings import OTHER_NAMES
from graph.store.search_text import fold
from loaders.common import read_bytes
from loaders.sample import SAMPLE_NUTS

__all__ = ["BundledRegion", "country_of_regions", "bundled_regions_named", "bundled_regions_of", "bundled_name"]

#: Of the distinct region names a table writes, the share NUTS must know (a misspelt one or two may be among them).
KNOWN_SHARE = 0.8
_YEAR = re.compile(r"nuts(\d{4})")


class BundledRegion(NamedTuple):
    """One NUTS region (level 1 to 3) of one version of the bundled files, with its Latin and national names."""

    code: str
    level: int
    country: str
    version: str
    names: tuple[str, ...]

    @property
    def name(self) -> str:
        """The national spelling (NUTS_NAME), as the NUTS loader names the region."""
        return self.names[-1]


@functools.cache
def _bundled_regions() -> tuple[BundledRegion, ...]:
    """The NUTS regions of levels 1 to 3 of every bundled version: the one reading of the files."""
    found = []
    for path in sorted(SAMPLE_NUTS.glob("*.csv.xz")):
        version = _YEAR.search(path.name).group(1)  # type: ignore[union-attr]  # the bundled files are named so
        for row in csv.DictReader(io.StringIO(read_bytes(path).decode("utf-8"))):
            if row.get("LEVL_CODE") in ("1", "2", "3"):
                names = tuple(dict.fromkeys(n for n in (row.get("NAME_LATN"), row.get("NUTS_NAME")) if n))
                found.append(BundledRegion(row["NUTS_ID"], int(row["LEVL_CODE"]), row["CNTR_CODE"], version,
                                           names or (row["NUTS_ID"],)))
    return tuple(found)


@functools.cache
def _regions_by_name() -> dict[str, tuple[BundledRegion, ...]]:
    """Each NUTS region's name (folded; Latin and national spelling, and each part of a name in several languages:
    `Trøndelag` of `Trøndelag/Trööndelage`) -> the regions of that name, of every version."""
    found: dict[str, list[BundledRegion]] = {}
    for region in _bundled_regions():
        folded = {fold(name) for name in region.names}
        for name in folded | {part.strip() for whole in folded if "/" in whole for part in whole.split("/")}:
            found.setdefault(name, []).append(region)
    return {name: tuple(regions) for name, regions in found.items()}


@functools.cache
def _countries_by_name() -> dict[str, frozenset[str]]:
    """Each NUTS region's name (folded; Latin and national spelling, and the names its country's tables write:
    `graph.region_spellings`) -> the countries holding a region of that name."""
    found: dict[str, set[str]] = {}
    for region in _bundled_regions():
        for name in region.names:
            found.setdefault(fold(name), set()).add(region.country)
    for (country, _), names in OTHER_NAMES.items():
        for name in names:
            found.setdefault(fold(name), set()).add(country)
    return {name: frozenset(codes) for name, codes in found.items()}


def bundled_regions_named(name: str, country: str) -> list[BundledRegion]:
    """The bundled NUTS regions of `country` that `name` names (folded), of every version.

    >>> sorted({(r.code, r.version) for r in bundled_regions_named("trøndelag", "NO")})
    [('NO06', '2021'), ('NO06', '2024'), ('NO060', '2021'), ('NO060', '2024')]
    >>> bundled_regions_named("Vestland", "DE"), bundled_regions_named("Uusimaa", "FI")
    ([], [])
    """
    return [region for region in _regions_by_name().get(fold(name), ()) if region.country == country]


def bundled_regions_of(country: str) -> list[BundledRegion]:
    """The bundled NUTS regions of `country`, of the newest version that has any (for a note's example)."""
    regions = [region for region in _bundled_regions() if region.country == country]
    newest = max((region.version for region in regions), default="")
    return [region for region in regions if region.version == newest]


@functools.cache
def _names_by_code() -> dict[str, str]:
    """Each bundled NUTS code -> its name in the newest version that has the code."""
    return {region.code: region.name for region in sorted(_bundled_regions(), key=lambda region: region.version)}


def bundled_name(code: str) -> str | None:
    """The name NUTS gives `code` in the newest bundled version that has it, or None.

    >>> bundled_name("SE331"), bundled_name("NO082"), bundled_name("XX1")
    ('Västerbottens län', 'Viken', None)
    """
    return _names_by_code().get(code)


def country_of_regions(cells: Iterable[str]) -> str | None:
    """The one country (EU code) whose NUTS regions the `cells` name, when NUTS knows at least `KNOWN_SHARE` of the
    distinct names and all it knows are of that country; else None.

    >>> country_of_regions(["Syddanmark", "Midtjylland", "Hovedstaden", "Syddanmark"])
    'DK'
    >>> country_of_regions(["Syddanmark", "Stockholm"]), country_of_regions(["Nowhere", "Elsewhere"])
    (None, None)
    >>> country_of_regions(["Region Syddanmark", "Region Hovedstaden", "Midtjylland"])  # a Danish member list's
    'DK'
    >>> country_of_regions(["Pirkanmaan maakunta", "Uusimaa", "Österbotten"])
    'FI'
    """
    names = {fold(cell) for cell in cells if cell and cell.strip()}
    known = [_countries_by_name()[name] for name in names if name in _countries_by_name()]
    if not names or len(known) < KNOWN_SHARE * len(names):
        return None
    common = frozenset.intersection(*known)
    return next(iter(common)) if len(common) == 1 else None
