"""Danish municipalities (kommuner): a cell of a `county_numbers = "DK"` region column, a kommune's name or its
number, read as the NUTS 3 region (landsdel) that holds it (`loaders.county_numbers`).

A Danish member list writes each member's `Kommune` (Odense, Aarhus) beside its `Region` (Region Syddanmark, NUTS 2),
so its members had sat at NUTS 2 while CORDIS's organisations sit at NUTS 3. Each of the 98 kommuner of 2007 lies in
one of the 11 landsdele, NUTS 3 in NUTS 2021 and 2024 alike (Eurostat's correspondence of local administrative units).
A cell is a kommune's name (`Lyngby-Taarbæk`, `Odense Kommune`, `Københavns Kommune`, `Århus`) or its number (`461`,
`0461`); another name (`Region Syddanmark`, `Fyn`) is read as a region name, as in any region column. Every code and
name is checked against both bundled GISCO NUTS files (tests/test_kommuner.py).
"""

from __future__ import annotations

from graph.store.search_text import fold
from loaders.county_scheme import CountyScheme

__all__ = ["KOMMUNER", "LANDSDELE", "DENMARK", "kommune_of"]

_TABLE = """DK011 Byen København: 101 København, 147 Frederiksberg, 155 Dragør, 185 Tårnby;
DK012 Københavns omegn: 151 Ballerup, 153 Brøndby, 157 Gentofte, 159 Gladsaxe, 161 Glostrup, 163 Herlev,
165 Albertslund, 167 Hvidovre, 169 Høje-Taastrup, 173 Lyngby-Taarbæk, 175 Rødovre, 183 Ishøj, 187 Vallensbæk;
DK013 Nordsjælland: 190 Furesø, 201 Allerød, 210 Fredensborg, 217 Helsingør, 219 Hillerød, 223 Hørsholm,
230 Rudersdal, 240 Egedal, 250 Frederikssund, 260 Halsnæs, 270 Gribskov; DK014 Bornholm: 400 Bornholm;
DK021 Østsjælland: 253 Greve, 259 Køge, 265 Roskilde, 269 Solrød, 350 Lejre;
DK022 Vest- og Sydsjælland: 306 Odsherred, 316 Holbæk, 320 Faxe, 326 Kalundborg, 329 Ringsted, 330 Slagelse,
336 Stevns, 340 Sorø, 360 Lolland, 370 Næstved, 376 Guldborgsund, 390 Vordingborg;
DK031 Fyn: 410 Middelfart, 420 Assens, 430 Faaborg-Midtfyn, 440 Kerteminde, 450 Nyborg, 461 Odense, 479 Svendborg,
480 Nordfyns, 482 Langeland, 492 Ærø;
DK032 Sydjylland: 510 Haderslev, 530 Billund, 540 Sønderborg, 550 Tønder, 561 Esbjerg, 563 Fanø, 573 Varde, 575 Vejen,
580 Aabenraa, 607 Fredericia, 621 Kolding, 630 Vejle;
DK041 Vestjylland: 657 Herning, 661 Holstebro, 665 Lemvig, 671 Struer, 756 Ikast-Brande, 760 Ringkøbing-Skjern,
779 Skive, 791 Viborg;
DK042 Østjylland: 615 Horsens, 706 Syddjurs, 707 Norddjurs, 710 Favrskov, 727 Odder, 730 Randers, 740 Silkeborg,
741 Samsø, 746 Skanderborg, 751 Aarhus, 766 Hedensted;
DK050 Nordjylland: 773 Morsø, 787 Thisted, 810 Brønderslev, 813 Frederikshavn, 820 Vesthimmerlands, 825 Læsø,
840 Rebild, 846 Mariagerfjord, 849 Jammerbugt, 851 Aalborg, 860 Hjørring"""
_PARTS = [part.split(": ") for part in " ".join(_TABLE.split()).split("; ")]
#: Landsdel's NUTS 3 code -> the name NUTS writes.
LANDSDELE: dict[str, str] = dict(head.split(" ", 1) for head, _ in _PARTS)
#: Kommune number -> (its landsdel's NUTS 3 code, the kommune's name).
KOMMUNER: dict[str, tuple[str, str]] = {number: (head.split(" ")[0], name) for head, kommuner in _PARTS
                                        for number, name in (entry.split(" ", 1) for entry in kommuner.split(", "))}
#: Folded kommune name -> number; the older spellings with `å` (Århus) and English Copenhagen too.
_NAMED = {fold(name): number for number, (_, name) in KOMMUNER.items()} | {
    "arhus": "751", "alborg": "851", "abenra": "580", "copenhagen": "101"}


def _number_of(cell: str) -> str | None:
    """The kommune number a cell names: `461`, `0461`, `Odense`, `Odense Kommune`, `Københavns Kommune`, `Nordfyn`."""
    bare = cell.strip()
    if bare.isascii() and bare.isdigit():
        return bare[-3:] if len(bare) == 3 or (len(bare) == 4 and bare[0] == "0") else None
    name = fold(bare).removesuffix(" kommune")
    return _NAMED.get(name) or _NAMED.get(name.removesuffix("s")) or _NAMED.get(name + "s")


def _is_cell(cell: str) -> bool:
    """A number of three digits (a kommune's or not), or a kommune's name; other names are region names."""
    bare = cell.strip()
    return (bare.isascii() and bare.isdigit() and len(bare) in (3, 4)) or _number_of(cell) is not None


def kommune_of(cell: str) -> str | None:
    """The NUTS 3 code of the landsdel holding the kommune a cell names or numbers, or None.

    >>> [kommune_of(c) for c in ("Odense", "461", "0461", "Aarhus", "Århus", "Københavns Kommune", "Nordfyn", "Skive")]
    ['DK031', 'DK031', 'DK031', 'DK042', 'DK042', 'DK011', 'DK031', 'DK041']
    >>> [kommune_of(c) for c in ("999", "2800", "Region Syddanmark", "Fyn")]
    [None, None, None, None]
    """
    number = _number_of(cell)
    return KOMMUNER[number][0] if number in KOMMUNER else None


def _said(cells: list[str]) -> str:
    kinds = {"kommune numbers" if c.strip().isdigit() else "kommune names" for c in cells}
    return "DK's " + " and ".join(sorted(kinds))


DENMARK = CountyScheme("DK", "kommune", "kommune name or number", "kommune names or numbers",
                       "a kommune's name (Odense, Lyngby-Taarbæk) or number, 101-860", KOMMUNER, kommune_of, _is_cell,
                       _said)
