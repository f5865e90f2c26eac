"""Spanish provinces: a cell of a `county_numbers = "ES"` region column, a province's INE number, a postcode or the
province's number-plate letters, read as the province's NUTS 3 region.

A Spanish member list writes each member's place as its province's INE number (`48`, `1`), its postcode (`48001`,
whose first two digits are the province's number) or the letters of the old provincial plates, still written in
registers and the same as ISO 3166-2:ES without `ES-` (`BI` Bizkaia, `SS` Gipuzkoa, `VI` Araba/Álava, `M` Madrid;
the older `IB`, `GE`, `OU` of Balears, Girona and Ourense too). Read as region names, they became national regions off
the Map. Spain's NUTS 3 regions are its provinces, Ceuta and Melilla, except the islands: NUTS splits Illes Balears
(ES53) into three island regions and both Canary provinces (ES70) into seven, and a province's number, postcode or
plate does not say which island, so such a cell is read as the NUTS 2 region that holds the province whole, and the
load's summary says which cells were. The codes and names are the same in NUTS 2021 and 2024; every one is checked
against the bundled GISCO NUTS files (tests/test_provincias.py).
"""

from __future__ import annotations

from collections import Counter

from loaders.county_scheme import CountyScheme

__all__ = ["PROVINCIAS", "PLATES", "SPLIT_BY_ISLAND", "SPAIN", "provincia_of"]

#: INE number -> NUTS code, plate letters (ISO 3166-2:ES's first), the name NUTS writes; one `; ` apart.
_TABLE = """01 ES211 VI Araba/Álava; 02 ES421 AB Albacete; 03 ES521 A Alicante/Alacant; 04 ES611 AL Almería;
05 ES411 AV Ávila; 06 ES431 BA Badajoz; 07 ES53 PM,IB Illes Balears; 08 ES511 B Barcelona; 09 ES412 BU Burgos;
10 ES432 CC Cáceres; 11 ES612 CA Cádiz; 12 ES522 CS Castellón/Castelló; 13 ES422 CR Ciudad Real; 14 ES613 CO Córdoba;
15 ES111 C A Coruña; 16 ES423 CU Cuenca; 17 ES512 GI,GE Girona; 18 ES614 GR Granada; 19 ES424 GU Guadalajara;
20 ES212 SS Gipuzkoa; 21 ES615 H Huelva; 22 ES241 HU Huesca; 23 ES616 J Jaén; 24 ES413 LE León; 25 ES513 L Lleida;
26 ES230 LO La Rioja; 27 ES112 LU Lugo; 28 ES300 M Madrid; 29 ES617 MA Málaga; 30 ES620 MU Murcia; 31 ES220 NA Navarra;
32 ES113 OR,OU Ourense; 33 ES120 O Asturias; 34 ES414 P Palencia; 35 ES70 GC Canarias; 36 ES114 PO Pontevedra;
37 ES415 SA Salamanca; 38 ES70 TF Canarias; 39 ES130 S Cantabria; 40 ES416 SG Segovia; 41 ES618 SE Sevilla;
42 ES417 SO Soria; 43 ES514 T Tarragona; 44 ES242 TE Teruel; 45 ES425 TO Toledo; 46 ES523 V Valencia/València;
47 ES418 VA Valladolid; 48 ES213 BI Bizkaia; 49 ES419 ZA Zamora; 50 ES243 Z Zaragoza; 51 ES630 CE Ceuta;
52 ES640 ML Melilla"""
_ROWS = [entry.split(" ", 3) for entry in " ".join(_TABLE.split()).split("; ")]
#: INE number -> (NUTS code, the name NUTS writes): a NUTS 2 code where NUTS splits the province by island.
PROVINCIAS: dict[str, tuple[str, str]] = {number: (code, name) for number, code, _, name in _ROWS}
#: Plate letters -> INE number.
PLATES: dict[str, str] = {plate: number for number, _, plates, _ in _ROWS for plate in plates.split(",")}
#: The provinces NUTS splits by island -> (the province's name, its islands' NUTS 3 codes).
SPLIT_BY_ISLAND = {"07": ("Illes Balears", ("ES531", "ES532", "ES533")),
                   "35": ("Las Palmas", ("ES704", "ES705", "ES708")),
                   "38": ("Santa Cruz de Tenerife", ("ES703", "ES706", "ES707", "ES709"))}
_READ = ("an INE province number, 01-52 (1-9 too), a postcode, 01000-52999, or a province's plate letters, A ... ZA "
         "as in ISO 3166-2:ES (with or without ES-; the older IB, GE, OU too)")


def _bare(cell: str) -> str:
    cell = cell.strip().upper()
    return cell[3:] if cell.startswith("ES-") else cell


def _is_cell(cell: str) -> bool:
    """Digits (a number or a postcode) or one or two letters (a plate); a name (`Bizkaia`) is a region name."""
    bare = _bare(cell)
    return bare.isascii() and (bare.isdigit() or (1 <= len(bare) <= 2 and bare.isalpha()))


def _number_of(cell: str) -> str | None:
    bare = _bare(cell) if _is_cell(cell) else ""
    if bare.isdigit():
        number = bare.zfill(2) if len(bare) <= 2 else bare.zfill(5)[:2] if len(bare) in (4, 5) else ""
    else:
        number = PLATES.get(bare, "")
    return number if number in PROVINCIAS else None


def provincia_of(cell: str) -> str | None:
    """The NUTS code of the province a cell names by number, postcode or plate (NUTS 2 for an island province).

    >>> [provincia_of(c) for c in ("48", "1", "48001", "20018", "1001", "BI", "ss", "ES-VI", "M", "PM", "38", "52")]
    ['ES213', 'ES211', 'ES213', 'ES212', 'ES211', 'ES213', 'ES212', 'ES211', 'ES300', 'ES53', 'ES70', 'ES640']
    >>> [provincia_of(c) for c in ("0", "53", "00100", "60001", "123", "XX", "Bizkaia")]
    [None, None, None, None, None, None, None]
    """
    number = _number_of(cell)
    return PROVINCIAS[number][0] if number else None


def _said(cells: list[str]) -> str:
    """`mapping new`'s words for a column: `ES's province plate letters`, `ES's postcodes` ..."""
    kinds = {"province plate letters" if _bare(c).isalpha() else "postcodes" if len(_bare(c)) >= 4
             else "province numbers" for c in cells}
    return "ES's " + " and ".join(sorted(kinds))


def _split(cells: Counter | list[str]) -> Counter:
    """INE number -> cells, of the provinces NUTS splits by island."""
    split: Counter = Counter()
    for cell in cells:
        if (number := _number_of(cell)) in SPLIT_BY_ISLAND:
            split[number] += cells[cell] if isinstance(cells, Counter) else 1
    return split


def _island_note(cells: Counter) -> str:
    """Which cells name a province NUTS splits by island, each read as the NUTS 2 region that holds it whole."""
    split = _split(cells)
    read = ", ".join(f"{n} {SPLIT_BY_ISLAND[n][0]} as {PROVINCIAS[n][0]} {PROVINCIAS[n][1]} ({split[n]:,})"
                     for n in sorted(split))
    return (f"{split.total():,} cell(s) name a province that NUTS splits by island, each read as the NUTS 2 region "
            f"that holds it whole (the island is not guessed): {read}; a `values` recode to the island's NUTS 3 code "
            "(ES531 Eivissa y Formentera ... ES709 Tenerife) places a row closer") if split else ""


def _island_hint(cells: list[str]) -> str:
    split = _split(cells)
    return (f"{', '.join(f'{n} {SPLIT_BY_ISLAND[n][0]}' for n in sorted(split))}: read as the NUTS 2 region of the "
            "islands, the island not guessed") if split else ""


SPAIN = CountyScheme("ES", "province", "province number, postcode or plate",
                     "province numbers, postcodes or plate letters", _READ, PROVINCIAS, provincia_of, _is_cell, _said,
                     _island_note, _island_hint, foreign_cells_are_theirs=True)
