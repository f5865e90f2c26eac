"""County numbers: a region column holding a county's official number or code, read as its NUTS 3 region, by the
country its mapping names: `region = { column = "Län", county_numbers = "SE" }` (`loaders.mapping_options`;
`cluster-explorer mapping new` writes it for a column of such cells).

Read as a region name, Swedish län `14` became the national region `SE-14`, off the Map, unless the mapping recoded
every number by hand. Each country is one data module making a `CountyScheme` (`loaders.county_scheme`): Swedish län
and Norwegian fylke numbers (`loaders.nordic_counties`), French départements and postcodes (`loaders.departements`),
Italian province sigle (`loaders.province_sigle`), Spanish provinces by number, postcode or plate letters
(`loaders.provincias`), Finnish maakunta numbers (`loaders.maakunnat`), Danish kommuner by name or number, read as
their landsdel (`loaders.kommuner`). `SCHEMES` registers them; everything here asks the scheme, so the next country
needs only its module and its entry. The row's country is the scheme's when the row names none
(`loaders.generic_places`).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from graph.countries import subdivision_name
from loaders.county_scheme import CountyScheme
from loaders.departements import FRANCE
from loaders.kommuner import DENMARK
from loaders.maakunnat import FINLAND
from loaders.nordic_counties import COUNTY_NUMBERS, EARLIER_COUNTIES, NORWAY, SWEDEN
from loaders.province_sigle import ITALY
from loaders.provincias import SPAIN

if TYPE_CHECKING:
    from loaders.csv_tables import Table
    from loaders.mapping_spec import FileSpec

__all__ = ["SCHEMES", "COUNTY_NUMBERS", "EARLIER_COUNTIES", "county_region", "county_letters",
           "is_county_number", "not_a_county", "numbered_by", "readers_of", "county_notes", "earlier_said",
           "known_numbers", "numbers_said"]

#: Every country whose county cells a region column may read: `county_numbers = "XX"`.
SCHEMES: dict[str, CountyScheme] = {scheme.country: scheme for scheme in (SWEDEN, NORWAY, FRANCE, ITALY, SPAIN, FINLAND,
                                                                      DENMARK)}


def is_county_number(cell: str, numbers: str = "") -> bool:
    """Whether a cell is written as one of `numbers`'s county cells (of none named: one or two digits, a län's or
    fylke's number); a name (`Isère`, `Milano`) is read as a region name, as in any region column."""
    return SCHEMES[numbers].is_cell(cell) if numbers else SWEDEN.is_cell(cell)


def county_region(cell: str, country: str) -> str | None:
    """The NUTS code of the county `cell` numbers in `country`, or None when it numbers none.

    >>> county_region("14", "SE"), county_region("07", "SE"), county_region("46", "NO"), county_region("02", "SE")
    ('SE232', 'SE212', 'NO0A2', None)
    >>> county_region("04", "NO"), county_region("05", "NO")  # Hedmark and Oppland, before 2020: Innlandet
    ('NO020', 'NO020')
    >>> county_region("38", "FR"), county_region("2B", "FR"), county_region("69007", "FR"), county_region("20", "FR")
    ('FRK24', 'FRM02', 'FRK26', None)
    >>> county_region("MI", "IT"), county_region("IT-RE", "IT"), county_region("OG", "IT"), county_region("EE", "IT")
    ('ITC4C', 'ITH53', 'ITG2E', None)
    >>> county_region("BI", "ES"), county_region("20018", "ES"), county_region("7", "ES"), county_region("DK", "DK")
    ('ES213', 'ES212', 'ES53', None)
    >>> county_region("06", "FI"), county_region("FI-06", "FI"), county_region("Odense", "DK")
    ('FI19B', None, 'DK031')
    """
    scheme = SCHEMES.get(country)
    return scheme.region_of(cell) if scheme and scheme.is_cell(cell) else None


def not_a_county(cell: str, country: str, numbers: str, column: str) -> str:
    """Why a cell of a `county_numbers` column places no row, and what fixes it."""
    scheme = SCHEMES[numbers]
    if numbers == country and (own := scheme.refusal(cell)):
        return own
    if country != numbers:
        return (f"{cell!r} is read as a {scheme.cell_kind} of {numbers} (county_numbers = \"{numbers}\"), but the "
                f"row's country is {country}: give the row's country, or the region's NUTS code or name in the cell")
    return (f"{cell!r} is no {scheme.cell_kind} of {numbers} (county_numbers = \"{numbers}\" reads "
            f"{scheme.cells_read}): fix the cell, or recode it: region = {{ column = \"{column}\", county_numbers = "
            f"\"{numbers}\", values = {{ \"{cell}\" = \"NUTS code or region name\" }} }}")


def county_letters(cell: str, country: str) -> str | None:
    """The NUTS 3 code of the county whose letter code `cell` is in `country` (Statistics Sweden's länsbokstav, the
    ISO 3166-2 code without its `SE-`: `AC` Västerbottens län, SE331), or None. A Länskod column of letters had
    placed its clusters nowhere: `AC` became the national region SE-AC, off the Map.

    >>> county_letters("AC", "SE"), county_letters("bd", "SE"), county_letters("AC", "NO"), county_letters("14", "SE")
    ('SE331', 'SE332', None, None)
    """
    scheme = SCHEMES.get(country)
    if not (1 <= len(cell) <= 2 and cell.isascii() and cell.isalpha()) or not (scheme and scheme.letters):
        return None
    name = subdivision_name(f"{country}-{cell.upper()}", country)
    return next((code for code, named in scheme.table.values() if name and named.casefold() == name.casefold()),
                None)


def readers_of(cells: list[str], countries: list[str | None]) -> list[str]:
    """Those of `countries` whose county cells (or letter codes, `county_letters`) `cells` are, in order: a column of
    `BI`, `SS`, `VI` is Italy's sigle and Spain's plates alike; [] for no cells. A name among them (`Pirkanmaa` beside
    `06`, read as a region name by the loader) does not count against a country, so long as one cell is its county's:
    a Finnish Maakunta of both had been left unread, its numbers national regions off the Map."""
    return [c for c in dict.fromkeys(countries) if c in SCHEMES and _read_by(cells, c)]


def _read_by(cells: list[str], country: str) -> bool:
    read = {cell for cell in cells if county_region(cell, country) or county_letters(cell, country)}
    return bool(read) and all(cell in read or (not SCHEMES[country].is_cell(cell) and len(cell) > 2
                                               and any(ch.isalpha() for ch in cell)) for cell in cells)


def numbered_by(cells: list[str], countries: list[str | None]) -> str | None:
    """The first of `countries` whose county cells `cells` are (`readers_of`): SE for a region column of `14`, `07`
    or of `AC`, `BD` in a Swedish table; None for a column of names, a number no county has, no cells."""
    return next(iter(readers_of(cells, countries)), None)


def county_notes(spec: FileSpec, table: Table) -> list[str]:
    """The scheme's note on the cells of a `county_numbers` column the load's summary must mention (a fylke of an
    earlier time, a Spanish province NUTS splits by island). Cells the mapping's own `values` recode are the user's,
    and not counted."""
    place = spec.place
    if place is None or not place.county_numbers or not place.region:
        return []
    scheme, recoded = SCHEMES[place.county_numbers], {cell for cell, _ in place.region_values}
    cells: Counter = Counter()
    for row in table.rows:
        cell = row.get(place.region)
        cell = str(cell).strip() if cell is not None and not isinstance(cell, (dict, list)) else ""
        if cell and scheme.is_cell(cell) and cell.casefold() not in recoded:
            cells[cell] += 1
    note = scheme.note(cells) if cells else ""
    return [f"{spec.file} [{place.region}]: {note}"] if note else []


def earlier_said(cells: list[str], numbers: str) -> str:
    """What `mapping new` adds to its comment on a column of `numbers`'s cells (fylke numbers of an earlier time:
    `of an earlier time: 04 Hedmark, ...`), or ""."""
    return SCHEMES[numbers].hint(cells) if numbers in SCHEMES else ""


def known_numbers() -> str:
    """The `county_numbers` a mapping may say, for its messages: `"SE" (län numbers), ...`."""
    return ", ".join(f'"{code}" ({scheme.kinds})' for code, scheme in SCHEMES.items())


def numbers_said(cells: list[str], numbers: str) -> str:
    """What `mapping new` calls a column of `numbers`'s county cells: `SE's län numbers`, `FR's postcodes`; `FI's
    maakunta numbers and region names` where names are among them (`Pirkanmaa` beside `06`)."""
    scheme = SCHEMES[numbers]
    names = " and region names" if any(not scheme.is_cell(cell) for cell in cells) else ""
    return scheme.column_said([cell for cell in cells if scheme.is_cell(cell)]) + names
