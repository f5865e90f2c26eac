"""What one country's county numbers are, for a region column that says `county_numbers = "XX"`: a `CountyScheme`.

Each country is a small data module (`loaders.nordic_counties`, `loaders.departements`, `loaders.province_sigle`,
`loaders.provincias`) that makes one scheme, registered in `loaders.county_numbers.SCHEMES`; the loader, its messages
and `mapping new` ask the scheme, never the country's code. France's three had each carried its own reader and
refusal wording behind the one option, tested by country in every caller: the next country needs only its module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["CountyScheme", "is_short_number"]


def is_short_number(cell: str) -> bool:
    """One or two digits (`7`, `07`, `14`): a Swedish län's or Norwegian fylke's number."""
    return 1 <= len(cell) <= 2 and cell.isascii() and cell.isdigit()


def _nothing(_: Any) -> str:
    return ""


@dataclass(frozen=True)
class CountyScheme:
    """One country's county cells: what they look like, how each is read to a NUTS code, and what is said of them.

    `region_of` returns a NUTS 3 code (a NUTS 2 one where NUTS splits the county, said by `note`), or None for a
    cell of the county's shape that names none. `note` gets the column's counted cells (the mapping's own `values`
    recodes left out) and says what the load's summary must (cells read as a county of an earlier time, as a
    province's whole), or "". `hint` is what `mapping new` adds to its comment on such cells.
    """

    country: str
    word: str  # what the country calls its counties: "län", "province"
    cell_kind: str  # what a cell is, for messages: "län number", "département number or postcode"
    kinds: str  # what the cells are, for the list of schemes: "län numbers", "province sigle"
    cells_read: str  # what a cell may look like, for messages
    table: Mapping[Any, tuple[str, str]]  # the county's key -> (NUTS code, its name as NUTS writes it)
    region_of: Callable[[str], str | None]
    is_cell: Callable[[str], bool] = is_short_number
    said: Callable[[list[str]], str] | None = None  # `mapping new`'s words for a column: "FR's postcodes"
    note: Callable[[Counter], str] = _nothing
    hint: Callable[[list[str]], str] = _nothing
    refusal: Callable[[str], str] = _nothing  # a cell's own refusal (Italy's `EE`, abroad), else ""
    foreign_cells_are_theirs: bool = False  # a foreign row's cell is its country's (a Swiss postcode): not read
    letters: bool = False  # ISO 3166-2 letters (Sweden's `AC`) name counties too (`county_numbers.county_letters`)

    def column_said(self, cells: list[str]) -> str:
        """What `mapping new` calls a column of these cells: `SE's län numbers`."""
        return self.said(cells) if self.said else f"{self.country}'s {self.word} numbers"
