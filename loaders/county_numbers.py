"""County numbers: a region column holding a Swedish län number (`12`, `07`), a Norwegian fylke number (`46`), a
French département number or postcode (`38`, `2A`, `38000`: `loaders.departements`) or an Italian province's sigla
(`MI`, `MB`: `loaders.province_sigle`), read as the county's NUTS 3 code.

Registers write a county by its official number: Statistics Sweden's länskod, Statistics Norway's fylkesnummer.
Read as a region name, `14` became the national region `SE-14`, off the Map, unless the mapping recoded every
number by hand. A mapping says `region = { column = "Län", county_numbers = "SE" }` (`loaders.mapping_options`;
`cluster-explorer mapping new` writes it for a column of such numbers) and each number is its NUTS 3 region, the
row's country that one when the row names none (`loaders.generic_places`). Swedish län map one to one onto NUTS
2021 (and 2024) level 3. Norway's fylke numbers of 2024 map one to one onto NUTS 2024; the three numbers of the
2020-2023 counties that 2024 split again (30 Viken, 38 Vestfold og Telemark, 54 Troms og Finnmark) are their NUTS
2021 regions. The numbers of before 2020 (01 Østfold ... 20 Finnmark, which older register exports write) are the
NUTS region of 2024 that holds their county: Hedmark and Oppland both Innlandet, whose detail is lost, and
`county_notes` says in the load's summary which cells were read as a fylke of an earlier time. No number names two
fylker: 03, 11, 15, 18 and 50 are one county's in every era, and the numbers of 2020-2023 and of 2024 are new ones.
Every code and name is checked against the bundled GISCO NUTS files (tests/test_county_numbers.py).
France's are keyed by INSEE's codes, `2A` among them, and Italy's by letters: each has a table and module of its own.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from graph.countries import subdivision_name
from loaders.departements import DEPARTEMENTS, FRENCH_NUMBERS_READ, departement_of, is_french_number
from loaders.province_sigle import SIGLE_READ, is_sigla, province_of

if TYPE_CHECKING:
    from loaders.csv_tables import Table
    from loaders.mapping_spec import FileSpec

__all__ = ["COUNTY_NUMBERS", "COUNTY_WORDS", "EARLIER_COUNTIES", "county_region", "county_letters", "is_county_number",
           "not_a_county", "numbered_by", "county_notes", "earlier_said", "known_numbers", "numbers_said"]

#: Norway's fylke numbers of an earlier time than 2024 -> (when, the fylke's name). Before 2020 each is read as the
#: NUTS 2024 region that holds it (a few municipalities moved across fylke borders in 2020: docs/mapping.md).
EARLIER_COUNTIES: dict[int, tuple[str, str]] = {
    1: ("before 2020", "Østfold"), 2: ("before 2020", "Akershus"), 4: ("before 2020", "Hedmark"),
    5: ("before 2020", "Oppland"), 6: ("before 2020", "Buskerud"), 7: ("before 2020", "Vestfold"),
    8: ("before 2020", "Telemark"), 9: ("before 2020", "Aust-Agder"), 10: ("before 2020", "Vest-Agder"),
    12: ("before 2020", "Hordaland"), 14: ("before 2020", "Sogn og Fjordane"), 16: ("before 2020", "Sør-Trøndelag"),
    17: ("before 2020", "Nord-Trøndelag"), 19: ("before 2020", "Troms"), 20: ("before 2020", "Finnmark"),
    30: ("2020-2023", "Viken"), 38: ("2020-2023", "Vestfold og Telemark"), 54: ("2020-2023", "Troms og Finnmark")}

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
           30: ("NO082", "Viken"), 38: ("NO091", "Vestfold og Telemark"), 54: ("NO074", "Troms og Finnmark"),
           # before 2020 (EARLIER_COUNTIES): the NUTS 2024 region that holds the fylke
           1: ("NO083", "Østfold"), 2: ("NO084", "Akershus"), 4: ("NO020", "Innlandet"), 5: ("NO020", "Innlandet"),
           6: ("NO085", "Buskerud"), 7: ("NO093", "Vestfold"), 8: ("NO094", "Telemark"), 9: ("NO092", "Agder"),
           10: ("NO092", "Agder"), 12: ("NO0A2", "Vestland"), 14: ("NO0A2", "Vestland"), 16: ("NO060", "Trøndelag"),
           17: ("NO060", "Trøndelag"), 19: ("NO072", "Troms"), 20: ("NO073", "Finnmark")},
}
#: What each country calls its counties, for messages.
COUNTY_WORDS = {"SE": "län", "NO": "fylke", "FR": "département", "IT": "province"}


def is_county_number(cell: str, numbers: str = "") -> bool:
    """A cell written as a county number is: one or two digits (`7`, `07`, `14`); of `numbers` FR, any digits or
    Corsica's `2A` / `2B` (a département's number or a postcode: `loaders.departements`); of IT, two letters, a
    province's sigla (`loaders.province_sigle`)."""
    if numbers == "FR":
        return is_french_number(cell)
    if numbers == "IT":
        return is_sigla(cell)
    return 1 <= len(cell) <= 2 and cell.isascii() and cell.isdigit()


def county_region(cell: str, country: str) -> str | None:
    """The NUTS 3 code of the county numbered `cell` in `country`, or None when it numbers none.

    >>> county_region("14", "SE"), county_region("07", "SE"), county_region("46", "NO"), county_region("02", "SE")
    ('SE232', 'SE212', 'NO0A2', None)
    >>> county_region("04", "NO"), county_region("05", "NO")  # Hedmark and Oppland, before 2020: Innlandet
    ('NO020', 'NO020')
    >>> county_region("38", "FR"), county_region("2B", "FR"), county_region("69007", "FR"), county_region("20", "FR")
    ('FRK24', 'FRM02', 'FRK26', None)
    >>> county_region("MI", "IT"), county_region("IT-RE", "IT"), county_region("OG", "IT"), county_region("EE", "IT")
    ('ITC4C', 'ITH53', 'ITG2E', None)
    """
    if country == "FR":
        return DEPARTEMENTS[number][0] if (number := departement_of(cell)) else None
    if country == "IT":
        return province_of(cell)
    if not is_county_number(cell):
        return None
    found = COUNTY_NUMBERS.get(country, {}).get(int(cell))
    return found[0] if found else None


def not_a_county(cell: str, country: str, numbers: str, column: str) -> str:
    """Why a cell of a `county_numbers` column places no row, and what fixes it."""
    what = {"FR": "département number or postcode", "IT": "province sigla"}.get(numbers,
                                                                              f"{COUNTY_WORDS[numbers]} number")
    known = {"FR": FRENCH_NUMBERS_READ, "IT": SIGLE_READ}.get(numbers) or ", ".join(
        f"{n:02d}" for n in sorted(COUNTY_NUMBERS[numbers]))
    if numbers == country == "IT" and cell.upper() == "EE":
        return f"{cell!r} (Escursionisti Esteri) is abroad, and the row's country is IT: give the row's own country"
    if country != numbers:
        return (f"{cell!r} is read as a {what} of {numbers} (county_numbers = \"{numbers}\"), but the row's "
                f"country is {country}: give the row's country, or the region's NUTS code or name in the cell")
    return (f"{cell!r} is no {what} of {numbers} (county_numbers = \"{numbers}\" reads {known}): fix the cell, "
            f"or recode it: region = {{ column = \"{column}\", county_numbers = \"{numbers}\", values = {{ \"{cell}\" "
            "= \"NUTS code or region name\" } }")


def county_letters(cell: str, country: str) -> str | None:
    """The NUTS 3 code of the county whose letter code `cell` is in `country` (Statistics Sweden's länsbokstav, the
    ISO 3166-2 code without its `SE-`: `AC` Västerbottens län, SE331), or None. A Länskod column of letters had
    placed its clusters nowhere: `AC` became the national region SE-AC, off the Map.

    >>> county_letters("AC", "SE"), county_letters("bd", "SE"), county_letters("AC", "NO"), county_letters("14", "SE")
    ('SE331', 'SE332', None, None)
    """
    if not (1 <= len(cell) <= 2 and cell.isascii() and cell.isalpha()) or country not in COUNTY_NUMBERS:
        return None
    name = subdivision_name(f"{country}-{cell.upper()}", country)
    return next((code for code, named in COUNTY_NUMBERS[country].values() if name and named.casefold() ==
                 name.casefold()), None)


def numbered_by(cells: list[str], countries: list[str | None]) -> str | None:
    """The first of `countries` whose county numbers (or letter codes, `county_letters`) every one of `cells` is (a
    region column of `14`, `07` or of `AC`, `BD` in a Swedish table: SE), or None (a column of names, a number no
    county has, no cells)."""
    if not cells:
        return None
    return next((c for c in countries if c in COUNTY_WORDS
                 and all(county_region(x, c) or county_letters(x, c) for x in cells)), None)


def county_notes(spec: FileSpec, table: Table) -> list[str]:
    """A note on the cells of a `county_numbers = "NO"` column that number a fylke of an earlier time: which era each
    number was read as and its region; a fylke merged since (04 Hedmark) is the region that covers it, and said so
    once, as its detail is lost. Cells the mapping's own `values` recode are the user's, and not counted."""
    place = spec.place
    if place is None or place.county_numbers != "NO" or not place.region:
        return []
    recoded = {cell for cell, _ in place.region_values}
    cells: Counter = Counter()  # earlier number -> cells
    for row in table.rows:
        cell = row.get(place.region)
        cell = str(cell).strip() if cell is not None and not isinstance(cell, (dict, list)) else ""
        if is_county_number(cell) and cell.casefold() not in recoded and int(cell) in EARLIER_COUNTIES:
            cells[int(cell)] += 1
    if not cells:
        return []
    by_era: dict[str, list[str]] = {}
    for number in sorted(cells):
        by_era.setdefault(EARLIER_COUNTIES[number][0], []).append(_read_as(number, cells[number]))
    read = "; ".join(f"{when}{' (NUTS 2021)' if when == '2020-2023' else ''}: {', '.join(numbers)}"
                     for when, numbers in by_era.items())
    merged = [f"{n:02d} {EARLIER_COUNTIES[n][1]}" for n in sorted(cells) if _merged(n)]
    lost = (f"; {', '.join(merged)}: merged since, each read as the region that covers it (its own detail is lost)"
            if merged else "")
    return [f"{spec.file} [{place.region}]: {cells.total():,} cell(s) are fylke numbers of an earlier time, each read "
            f"as the NUTS region that holds all or most of its fylke: {read}{lost} (a `values` recode on the column "
            "wins)"]


def _merged(number: int) -> bool:
    """A fylke of an earlier time that is now part of a larger region (its name is not its region's)."""
    return EARLIER_COUNTIES[number][1] != COUNTY_NUMBERS["NO"][number][1]


def _read_as(number: int, cells: int) -> str:
    code, name = COUNTY_NUMBERS["NO"][number]
    return f"{number:02d} {EARLIER_COUNTIES[number][1]} as {code}{f' {name}' if _merged(number) else ''} ({cells:,})"


def earlier_said(cells: list[str], numbers: str) -> str:
    """What `mapping new` adds to its comment on a column of fylke numbers some of which are of an earlier time
    (`of an earlier time: 04 Hedmark, ...`), or ""."""
    earlier = sorted({n for cell in cells if numbers == "NO" and is_county_number(cell)
                      and (n := int(cell)) in EARLIER_COUNTIES})
    if not earlier:
        return ""
    return (f"of an earlier time: {', '.join(f'{n:02d} {EARLIER_COUNTIES[n][1]}' for n in earlier)}, each read as "
            "the region that holds it")


def known_numbers() -> str:
    """The `county_numbers` a mapping may say, for its messages: `"SE" (län numbers), ...`."""
    return ", ".join(f'"{code}" (province sigle)' if code == "IT" else
                     f'"{code}" ({word} numbers{" or postcodes" if code == "FR" else ""})'
                     for code, word in COUNTY_WORDS.items())


def numbers_said(cells: list[str], numbers: str) -> str:
    """What `mapping new` calls a column of `numbers`'s county numbers: `SE's län numbers`, `FR's postcodes`."""
    if numbers == "IT":
        return "IT's province sigle"
    if numbers != "FR":
        return f"{numbers}'s {COUNTY_WORDS[numbers]} numbers"
    postcodes = sum(len(cell) >= 4 for cell in cells)
    return "FR's " + ("postcodes" if postcodes == len(cells) else "département numbers and postcodes" if postcodes
                      else "département numbers")
