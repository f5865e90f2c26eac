"""Finnish regions (maakunta) by Statistics Finland's numbers: a cell of a `county_numbers = "FI"` region column,
read as the region's NUTS 3 code (`loaders.county_numbers`).

A Finnish member list writes a member's maakunta as its official number (`06` Pirkanmaa, `01` Uusimaa; Statistics
Finland's own tables write `MK06`); read as region names, they became national regions (`FI-06`) off the Map. Each
maakunta is one NUTS 3 region in NUTS 2021 and 2024. Its code is NUTS 2024's, the one a maakunta's name is read as;
nine changed from 2021 (Pirkanmaa FI197 is FI19B). `03` and `20` number no maakunta today and
are refused: one of them numbered Itä-Uusimaa (merged into Uusimaa in 2011), and which one was not confirmed from
Statistics Finland's own classification, so neither is read as Uusimaa by guess.
ISO 3166-2:FI numbers the regions alphabetically (`FI-06` is Kanta-Häme, `FI-11` Pirkanmaa): such a cell is read as
the ISO code it is, never as a maakunta number. Every code and name is checked against both bundled GISCO NUTS files
(tests/test_maakunnat.py).
"""

from __future__ import annotations

from loaders.county_scheme import CountyScheme, is_short_number

__all__ = ["MAAKUNNAT", "FINLAND", "maakunta_of"]

_TABLE = """01 FI1B1 Helsinki-Uusimaa; 02 FI1C1 Varsinais-Suomi; 04 FI196 Satakunta; 05 FI1C2 Kanta-Häme;
06 FI19B Pirkanmaa; 07 FI1C6 Päijät-Häme; 08 FI1C7 Kymenlaakso; 09 FI1C5 Etelä-Karjala; 10 FI1DA Etelä-Savo;
11 FI1DB Pohjois-Savo; 12 FI1DC Pohjois-Karjala; 13 FI198 Keski-Suomi; 14 FI199 Etelä-Pohjanmaa; 15 FI19A Pohjanmaa;
16 FI1D5 Keski-Pohjanmaa; 17 FI1D9 Pohjois-Pohjanmaa; 18 FI1D8 Kainuu; 19 FI1D7 Lappi; 21 FI200 Åland"""
#: Statistics Finland's maakunta number -> (NUTS 2024 code, the name NUTS writes).
MAAKUNNAT: dict[str, tuple[str, str]] = {number: (code, name) for number, code, name in (
    entry.split(" ", 2) for entry in " ".join(_TABLE.split()).split("; "))}


def _bare(cell: str) -> str:
    """The number of a cell written `06`, `6` or `MK06`, else ""."""
    cell = cell.strip().upper()
    cell = cell[2:] if cell.startswith("MK") else cell
    return cell.zfill(2) if is_short_number(cell) else ""


def _is_cell(cell: str) -> bool:
    return bool(_bare(cell))


def maakunta_of(cell: str) -> str | None:
    """The NUTS 3 code of the maakunta a cell numbers, or None.

    >>> [maakunta_of(c) for c in ("06", "6", "MK06", "mk01", "21", "03", "20", "FI-06", "Pirkanmaa")]
    ['FI19B', 'FI19B', 'FI19B', 'FI1B1', 'FI200', None, None, None, None]
    """
    found = MAAKUNNAT.get(_bare(cell))
    return found[0] if found else None


FINLAND = CountyScheme("FI", "maakunta", "maakunta number", "maakunta numbers",
                       "Statistics Finland's numbers, " + ", ".join(MAAKUNNAT) + " (or MK01 ...)", MAAKUNNAT,
                       maakunta_of, _is_cell)
