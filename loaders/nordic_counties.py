"""Swedish län and Norwegian fylke numbers: a cell of a `county_numbers = "SE"` or `"NO"` region column, read as the
county's NUTS 3 region (`loaders.county_numbers`).

Registers write a county by its official number: Statistics Sweden's länskod, Statistics Norway's fylkesnummer.
Swedish län map one to one onto NUTS 2021 (and 2024) level 3. Norway's fylke numbers of 2024 map one to one onto
NUTS 2024; the three numbers of the 2020-2023 counties that 2024 split again (30 Viken, 38 Vestfold og Telemark, 54
Troms og Finnmark) are their NUTS 2021 regions. The numbers of before 2020 (01 Østfold ... 20 Finnmark, which older
register exports write) are the NUTS region of 2024 that holds their county: Hedmark and Oppland both Innlandet,
whose detail is lost, and the load's summary says which cells were read as a fylke of an earlier time. No number
names two fylker: 03, 11, 15, 18 and 50 are one county's in every era, and the numbers of 2020-2023 and of 2024 are
new ones. Every code and name is checked against the bundled GISCO NUTS files (tests/test_county_numbers.py).
"""

from __future__ import annotations

from collections import Counter

from loaders.county_scheme import CountyScheme, is_short_number

__all__ = ["COUNTY_NUMBERS", "EARLIER_COUNTIES", "SWEDEN", "NORWAY"]

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


def _numbered(country: str):
    """The reader of `country`'s numbers: a cell of one or two digits -> its county's NUTS 3 code, or None."""
    def region_of(cell: str) -> str | None:
        found = COUNTY_NUMBERS[country].get(int(cell)) if is_short_number(cell) else None
        return found[0] if found else None
    return region_of


def _merged(number: int) -> bool:
    """A fylke of an earlier time that is now part of a larger region (its name is not its region's)."""
    return EARLIER_COUNTIES[number][1] != COUNTY_NUMBERS["NO"][number][1]


def _read_as(number: int, cells: int) -> str:
    code, name = COUNTY_NUMBERS["NO"][number]
    return f"{number:02d} {EARLIER_COUNTIES[number][1]} as {code}{f' {name}' if _merged(number) else ''} ({cells:,})"


def _earlier_note(counted: Counter) -> str:
    """Which cells number a fylke of an earlier time, the era each was read as and its region; a fylke merged since
    (04 Hedmark) is the region that covers it, and said so once, as its detail is lost."""
    cells: Counter = Counter()
    for cell, count in counted.items():
        if is_short_number(cell) and int(cell) in EARLIER_COUNTIES:
            cells[int(cell)] += count
    if not cells:
        return ""
    by_era: dict[str, list[str]] = {}
    for number in sorted(cells):
        by_era.setdefault(EARLIER_COUNTIES[number][0], []).append(_read_as(number, cells[number]))
    read = "; ".join(f"{when}{' (NUTS 2021)' if when == '2020-2023' else ''}: {', '.join(numbers)}"
                     for when, numbers in by_era.items())
    merged = [f"{n:02d} {EARLIER_COUNTIES[n][1]}" for n in sorted(cells) if _merged(n)]
    lost = (f"; {', '.join(merged)}: merged since, each read as the region that covers it (its own detail is lost)"
            if merged else "")
    return (f"{cells.total():,} cell(s) are fylke numbers of an earlier time, each read as the NUTS region that holds "
            f"all or most of its fylke: {read}{lost} (a `values` recode on the column wins)")


def _earlier_hint(cells: list[str]) -> str:
    """`mapping new`'s words on fylke numbers of an earlier time (`of an earlier time: 04 Hedmark, ...`), or ""."""
    earlier = sorted({n for cell in cells if is_short_number(cell) and (n := int(cell)) in EARLIER_COUNTIES})
    if not earlier:
        return ""
    return (f"of an earlier time: {', '.join(f'{n:02d} {EARLIER_COUNTIES[n][1]}' for n in earlier)}, each read as "
            "the region that holds it")


def _numbers_read(country: str) -> str:
    return ", ".join(f"{n:02d}" for n in sorted(COUNTY_NUMBERS[country]))


SWEDEN = CountyScheme("SE", "län", "län number", "län numbers", _numbers_read("SE"), COUNTY_NUMBERS["SE"],
                      _numbered("SE"), letters=True)
NORWAY = CountyScheme("NO", "fylke", "fylke number", "fylke numbers", _numbers_read("NO"), COUNTY_NUMBERS["NO"],
                      _numbered("NO"), note=_earlier_note, hint=_earlier_hint)
