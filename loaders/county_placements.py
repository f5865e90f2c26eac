"""The note on where a `county_numbers` column placed its rows: each distinct cell read and the region it became.

`county_numbers = "FI"` turns a Maakunta column of `06`, `11` into NUTS regions (`loaders.county_numbers`), and
`county_numbers = "DK"` a Kommune column of names or numbers into landsdele; the check and the load had said nothing
of it, so a user could not see that `06` became Pirkanmaa rather than ISO's Kanta-Häme, nor that Odense became Fyn.
One note per table names the cells read, the most frequent first, with the region each became and its row count.
Rows of another country are left out, as the loader does not read their cells as this country's counties.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from graph.countries import country_code
from graph.wording import counted, first_few
from loaders.county_numbers import county_letters, county_region, is_county_number
from loaders.generic_places import country_cell, region_cell
from loaders.region_countries import bundled_name

if TYPE_CHECKING:
    from loaders.csv_tables import Table
    from loaders.mapping_spec import FileSpec

__all__ = ["SHOWN", "county_placements"]

#: The cells a note names before " ... and N more".
SHOWN = 6


def _row_country(spec: FileSpec, row: dict) -> str | None:
    """The country the row names, or None when it names none or one no country code reads (a problem elsewhere)."""
    if spec.place.country_value:
        return spec.place.country_value
    try:
        return country_code(cell) if (cell := country_cell(spec.place, row)) else None
    except ValueError:
        return None


def county_placements(spec: FileSpec, table: Table) -> list[str]:
    """`jasenet.csv: Maakunta read as county numbers (FI): 06 -> Pirkanmaa FI19B (12 rows), 11 -> Pohjois-Savo FI1DB
    (3 rows)`: one note for a table whose region column says `county_numbers`, [] for another."""
    place = spec.place
    if place is None or not place.county_numbers or not place.region:
        return []
    numbers, read = place.county_numbers, Counter()
    for row in table.rows:
        cell, country = region_cell(place, row), _row_country(spec, row)
        if not cell or (country and country != numbers):
            continue
        code = county_region(cell, numbers) if is_county_number(cell, numbers) else county_letters(cell, numbers)
        if code:
            read[(cell, code)] += 1
    if not read:
        return []
    shown = sorted(read.items(), key=lambda hit: (-hit[1], hit[0]))
    more = f" and {len(shown) - SHOWN} more" if len(shown) > SHOWN else ""
    return [f"{spec.file}: {place.region} read as county numbers ({numbers}): "
            + first_few(shown[:SHOWN], SHOWN, lambda hit: f"{hit[0][0]} -> {bundled_name(hit[0][1]) or '?'} "
                        f"{hit[0][1]} ({counted(hit[1], 'row')})") + more]
