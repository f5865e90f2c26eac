"""County numbers: a region column holding a Swedish län number (`12`, `07`) or a Norwegian fylke number (`46`),
read as the county's NUTS 3 code.

Registers write a county by its official number: Statistics Sweden's länskod, Statistics Norway's fylkesnummer.
Read as a region name, `14` became the national region `SE-14`, off the Map, unless the mapping recoded every
number by hand. A mapping says `region = { column = "Län", county_numbers = "SE" }` (`loaders.mapping_options`;
`cluster-explorer mapping new` writes it for a column of such numbers) and each number is its NUTS 3 region, the
row's country that one when the row names none (`loaders.generic_places`). Swedish län map one to one onto NUTS
2021 (and 2024) level 3. Norway's fylke numbers of 2024 map one to one onto NUTS 2024; the three numbers of the
2020-2023 counties that 2024 split again (30 Viken, 38 Vestfold og Telemark, 54 Troms og Finnmark) are their NUTS
2021 regions. Every code and name is checked against the bundled GISCO NUTS files (tests/test_county_numbers.py).
"""

from __future__ import annotations

__all__ = ["COUNTY_NUMBERS", "COUNTY_WORDS", "county_region", "is_county_number", "not_a_county", "numbered_by"]

#: Country code -> county number -> (NUTS 3 code, the county's name as NUTS writes it).
COUNTY_NUMBERS: dict[str, dict[int, tuple[str, str]]] = {
    "SE": {1: ("SE110", "Stockholms län"), 3: ("SE121", "Uppsala län"), 4: ("SE122", "Södermanlands län"),
           5: ("SE123", "Östergötlands län"), 6: ("SE211", "Jönköpings län"), 7: ("SE212", "Kronobergs län"),
           8: ("SE213", "Kalmar län"), 9: ("SE214", "Gotlands län"), 10: ("SE221", "Blekinge län"),
           12: ("SE224", "Skåne län"), 13: ("SE231", "Hallands län"), 14: ("SE232", "Västra Götalands län"),
           17: ("SE311", "Värmlands län"), 18: ("SE124", "Örebro län"), 19: ("SE125", "Västmanlands län"),
           20: ("SE312", "Dalarnas län"), 21: ("SE313", "Gävleborgs län"), 22: ("SE321", "Västernorrlands län"),
           23: ("SE322", "Jämtlands län"), 24: ("SE331", "Västerbottens län"), 25: ("SE332", "Norrbottens län")},
    "NO": {3: ("NO081", "Oslo"), 11: ("NO0A1", "Rogaland"), 15: ("NO0A3", "Møre og Romsdal"),
           18: ("NO071", "Nordland"), 31: ("NO083", "Østfold"), 32: ("NO084", "Akershus"), 33: ("NO085", "Buskerud"),
           34: ("NO020", "Innlandet"), 39: ("NO093", "Vestfold"), 40: ("NO094", "Telemark"), 42: ("NO092", "Agder"),
           46: ("NO0A2", "Vestland"), 50: ("NO060", "Trøndelag"), 55: ("NO072", "Troms"), 56: ("NO073", "Finnmark"),
           # 2020-2023, split in 2024: NUTS 2021's regions
           30: ("NO082", "Viken"), 38: ("NO091", "Vestfold og Telemark"), 54: ("NO074", "Troms og Finnmark")},
}
#: What each country calls its counties, for messages.
COUNTY_WORDS = {"SE": "län", "NO": "fylke"}


def is_county_number(cell: str) -> bool:
    """A cell written as a county number is: one or two digits (`7`, `07`, `14`)."""
    return 1 <= len(cell) <= 2 and cell.isascii() and cell.isdigit()


def county_region(cell: str, country: str) -> str | None:
    """The NUTS 3 code of the county numbered `cell` in `country`, or None when it numbers none.

    >>> county_region("14", "SE"), county_region("07", "SE"), county_region("46", "NO"), county_region("02", "SE")
    ('SE232', 'SE212', 'NO0A2', None)
    """
    if not is_county_number(cell):
        return None
    found = COUNTY_NUMBERS.get(country, {}).get(int(cell))
    return found[0] if found else None


def not_a_county(cell: str, country: str, numbers: str, column: str) -> str:
    """Why a cell of a `county_numbers` column places no row, and what fixes it."""
    word = COUNTY_WORDS[numbers]
    known = ", ".join(f"{n:02d}" for n in sorted(COUNTY_NUMBERS[numbers]))
    if country != numbers:
        return (f"{cell!r} is read as a {word} number of {numbers} (county_numbers = \"{numbers}\"), but the row's "
                f"country is {country}: give the row's country, or the region's NUTS code or name in the cell")
    return (f"{cell!r} is no {word} number of {numbers} (county_numbers = \"{numbers}\" reads {known}): fix the cell, "
            f"or recode it: region = {{ column = \"{column}\", county_numbers = \"{numbers}\", values = {{ \"{cell}\" "
            "= \"NUTS code or region name\" } }")


def numbered_by(cells: list[str], countries: list[str | None]) -> str | None:
    """The first of `countries` whose county numbers every one of `cells` is (a region column of `14`, `07` in a
    Swedish table: SE), or None (a column of names, a number no county has, no cells)."""
    if not cells or not all(is_county_number(cell) for cell in cells):
        return None
    return next((c for c in countries if c in COUNTY_NUMBERS and all(county_region(x, c) for x in cells)), None)
