"""Whose county cells a region column holds when they are two countries' alike: a `Provincia` of `BI`, `SS`, `VI` is
Spain's plate letters (Bizkaia, Gipuzkoa, Araba/Álava) and Italy's sigle (Biella, Sassari, Vicenza) at once.

`mapping new` had written `county_numbers = "IT"` for a Basque member list, its members placed in Piedmont and
Sardinia. The header word is both countries' (`SHARED_HEADERS`), so the table's other signals decide: its country
column, its id header (`CIF`, `Partita IVA`) or id cells shaped as a Spanish CIF, the language of its other headers,
and a postcode column whose first two digits are the row's Spanish province. When they say one country it is
written; when they say none, or both, neither is, and the comment says which to choose.
"""

from __future__ import annotations

import re

from graph.countries import country_code
from loaders.county_numbers import SCHEMES, readers_of
from loaders.csv_header import ID_COUNTRY, header_word
from loaders.table_cells import sample_cells

__all__ = ["SHARED_HEADERS", "FINER_HEADERS", "table_countries", "shared_readers"]

#: Header words of a column finer than a region (a municipality's) whose cells may be a county scheme's: Danish
#: kommuner, read as their landsdel (`loaders.kommuner`); Norway's `Kommune` is not, its cells are no Danish kommune's.
FINER_HEADERS = {word: ("DK",) for word in ("kommune", "kommunenavn", "kommunenr", "kommunekode", "kommunenummer")}
#: Region header words that more than one country's county columns have -> those countries.
SHARED_HEADERS = {"provincia": ("IT", "ES"), "prov": ("IT", "ES"), **FINER_HEADERS}
#: Header words (`header_word`) only one of those countries' tables write, beside the region column.
_LANGUAGE = {"ES": frozenset({"empresa", "entidad", "razónsocial", "razonsocial", "nombre", "municipio", "localidad",
                              "población", "poblacion", "códigopostal", "codigopostal", "cp", "dirección", "direccion",
                              "país", "pais", "teléfono", "comunidadautónoma", "ccaa"}),
             "IT": frozenset({"ragionesociale", "denominazione", "impresa", "azienda", "comune", "cap", "indirizzo",
                              "paese", "partitaiva", "piva", "codicefiscale", "regione", "settore"})}
#: A Spanish company's CIF, with or without `ES`: its kind's letter, seven digits, a check digit or letter.
_CIF = re.compile(r"(ES)?[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]")


def shared_readers(region: str, cells: list[str]) -> list[str]:
    """The countries of a shared header (`Provincia`) whose county cells every one of `cells` is, in order."""
    return readers_of(cells, list(SHARED_HEADERS.get(region, ())))


def table_countries(guessed: dict[str, str], rows: list[dict]) -> set[str]:
    """The countries a table's signals other than its region column name: its country column's cells, its id
    header's country, id cells that are all CIFs, its other headers' language, postcodes of the rows' provinces."""
    said: set[str] = set()
    for cell in sample_cells(rows, guessed["country"]) if "country" in guessed else []:
        try:
            said.add(country_code(cell))
        except ValueError:
            continue
    ids = [guessed[name] for name in ("id", "organisation_id") if name in guessed]
    said |= {ID_COUNTRY[word] for column in ids if (word := header_word(column)) in ID_COUNTRY}
    if any((cells := sample_cells(rows, column)) and all(_CIF.fullmatch(c.upper().replace("-", "")) for c in cells)
           for column in ids):
        said.add("ES")
    words = {header_word(h) for h in (rows[0] if rows else {}) if h != guessed.get("region")}
    said |= {country for country, known in _LANGUAGE.items() if words & known}
    return said | _postcodes_agree(guessed, rows)


def _postcodes_agree(guessed: dict[str, str], rows: list[dict]) -> set[str]:
    """{"ES"} when another column holds, on every row with a region cell, a postcode of that cell's Spanish province
    (`48001` beside `BI`)."""
    region, spain = guessed.get("region", ""), SCHEMES["ES"]
    pairs = [(str(row.get(region) or "").strip(), row) for row in rows[:20] if str(row.get(region) or "").strip()]
    for column in (rows[0] if rows else {}):
        codes = [str(row.get(column) or "").strip() for _, row in pairs]
        if column != region and pairs and all(len(c) in (4, 5) and c.isdigit() for c in codes) and all(
                spain.region_of(code) == spain.region_of(cell) for code, (cell, _) in zip(codes, pairs, strict=True)):
            return {"ES"}
    return set()
