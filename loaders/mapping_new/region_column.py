"""What `cluster-explorer mapping new` writes for a region column, in both templates: read as county numbers
(`county_numbers`, `loaders.county_numbers`) when its cells are (names beside them too), the country of a table that
names none, a French postcode column left unused when its cells are no postcodes, and a finer column than the region
one (a Danish `Kommune` beside its `Region`) taken when its cells are a country's county cells.
"""

from __future__ import annotations

from graph.countries import country_code
from graph.region_spellings import nuts_name_of
from graph.store.search_text import fold
from loaders.county_numbers import county_region, earlier_said, numbered_by, numbers_said, readers_of
from loaders.csv_header import COUNTY_CODE_HEADERS, ID_COUNTRY, POSTCODE_HEADERS, REGION_COUNTRY, REGION_COUNTRY_TOO
from loaders.mapping_new.county_country import FINER_HEADERS, SHARED_HEADERS, shared_readers, table_countries
from loaders.region_countries import bundled_regions_named, country_of_regions
from loaders.table_cells import as_toml, header_word, sample_cells

__all__ = ["county_numbers_in", "undecided_numbers", "regions_said", "region_guesses", "region_value",
           "national_country"]


def _word(column: str) -> str:
    """A region column's header word; of a JSON key path its last key (`sede.provincia`: `provincia`, whose
    country a register's clusters had been asked for)."""
    return header_word(next((key for key in reversed(column.split(".")) if key.strip()), column))  # `Prov.`: prov


def county_numbers_in(guessed: dict[str, str], rows: list[dict]) -> str | None:
    """The country whose county numbers the region column holds (`Län` of `14`, `07`: SE; a `Region` column in a
    table whose country column says Norge: NO), or None (`loaders.county_numbers`). A `Provincia` whose cells are
    two countries' alike (`BI`, `SS`: Spain's plates, Italy's sigle) is the one the table's other signals say
    (`county_country`), else None; of one country's alone (`MB`, `BG`: Italy's; `48`, `48001`: Spain's), that one."""
    cells = sample_cells(rows, guessed["region"])
    if shared := shared_readers(_word(guessed["region"]), cells):  # `48`, `48001`: Spain's alone
        said = [country for country in shared if country in table_countries(guessed, rows)]
        return shared[0] if len(shared) == 1 else said[0] if len(said) == 1 else None
    countries: list[str | None] = [REGION_COUNTRY.get(_word(guessed["region"]))]
    for cell in dict.fromkeys(sample_cells(rows, guessed["country"]) if "country" in guessed else []):
        try:
            countries.append(country_code(cell))
        except ValueError:
            continue
    return numbered_by(cells, countries)


def undecided_numbers(guessed: dict[str, str], rows: list[dict]) -> str:
    """What a template says of a region column whose cells are two countries' county cells alike when the table does
    not say which (`BI`, `SS`, `VI` in a `Provincia`, nothing else Spanish or Italian), or ""."""
    region = guessed.get("region", "")
    cells = sample_cells(rows, region) if region else []
    shared = shared_readers(_word(region), cells)
    if len(shared) < 2 or county_numbers_in(guessed, rows):
        return ""
    return (f"its cells ({', '.join(cells[:3])}{' ...' if len(cells) > 3 else ''}) are "
            f"{' and '.join(numbers_said(cells, c) for c in shared)} alike, and nothing else in the table says which: "
            f"write {' or '.join(f'county_numbers = {chr(34)}{c}{chr(34)}' for c in shared)} (region = {{ column = "
            f"{as_toml(region)}, county_numbers = ... }}) and the country")


def regions_said(guessed: dict[str, str], rows: list[dict], numbers: str | None) -> str:
    """A template comment's aside on a region column read as county cells (`(the regions are SE's län numbers)`), or
    left unread as two countries' alike (`undecided_numbers`); "" for other region columns."""
    cells = sample_cells(rows, guessed["region"])
    if numbers:
        earlier = earlier_said(cells, numbers)
        return f" (the regions are {numbers_said(cells, numbers)}{f'; {earlier}' if earlier else ''})"
    return f" ({undecided})" if (undecided := undecided_numbers(guessed, rows)) else ""


def region_guesses(guessed: dict[str, str], rows: list[dict]) -> dict[str, str]:
    """The guesses as a template places its rows by: by the finest column (`finest_region`), a French postcode
    header left unused when its cells are none (`without_unread_postcodes`)."""
    return without_unread_postcodes(finest_region(guessed, rows), rows)


def finest_region(guessed: dict[str, str], rows: list[dict]) -> dict[str, str]:
    """The guesses, their region the table's finer column when its cells are a country's county cells: a Danish
    member list's `Kommune` (Odense: Fyn, NUTS 3) rather than its `Region` (Syddanmark, NUTS 2), whose members had sat
    at NUTS 2 beside CORDIS's organisations at NUTS 3. A Norwegian `Kommune` (Bergen) is no Danish kommune's."""
    for header in rows[0] if rows else {}:
        if (word := header_word(header)) in FINER_HEADERS and shared_readers(word, sample_cells(rows, header)):
            return guessed | {"region": header}
    return guessed


def without_unread_postcodes(guessed: dict[str, str], rows: list[dict]) -> dict[str, str]:
    """The guesses, less a region guessed from a postcode header (`Code postal`, `CP`) whose cells are not French
    postcodes or département numbers: read as region names, each postcode would be a national region off the Map. A
    table whose ids are another country's (a CIF's ES) has that country's postcodes: a Spanish `CP` of 20500 (Gipuzkoa)
    had been read as Corse-du-Sud."""
    ids = ID_COUNTRY.get(header_word(guessed.get("id") or guessed.get("organisation_id") or ""), "FR")
    if "region" in guessed and _word(guessed["region"]) in POSTCODE_HEADERS and (ids != "FR" or not county_numbers_in(
            guessed, rows)):
        return {name: header for name, header in guessed.items() if name != "region"}
    return guessed


def region_value(column: str, numbers: str | None) -> str:
    """The region column as a mapping writes it: its header, or a table reading its county numbers."""
    return f"{{ column = {as_toml(column)}, county_numbers = \"{numbers}\" }}" if numbers else as_toml(column)


def national_country(region: str, cells: list[str] = (), ids_country: str = "",
                     numbers: str | None = None) -> tuple[str, str]:
    """The constant country of a table that names regions but no country, and the comment that goes with it:
    the code its region header implies (`Län`: SE; `Bundesland` AT where its `cells` name Austria's), else the one
    country whose NUTS regions its `cells` name (`loaders.region_countries`), else `ids_country`, the one its id
    header implies (a CIF's ES beside provinces named `Vizcaya`, `Guipúzcoa`), or "" and what to fill in. The county
    cells' country (`numbers`, `county_numbers_in`) comes first: a Spanish `Provincia` of `BI`, `SS` is Spain's."""
    code = numbers or REGION_COUNTRY.get(_word(region))
    if code and not numbers and _word(region) in COUNTY_CODE_HEADERS and cells and readers_of(
            list(cells), list(SHARED_HEADERS.get(_word(region), ())) or [code]) != [code]:
        code = None  # a code header's country only for its codes: a Spanish `Provincia` of Gipuzkoa is not Italy's
    other, names = REGION_COUNTRY_TOO.get(_word(region), ("", frozenset()))
    code = other if any(fold(cell) in names for cell in cells) else code
    if code:
        named = [cell for cell in cells if not (numbers and county_region(cell, numbers))]  # not `06`, `Odense`
        off = _not_nuts(named, code) if _word(region) not in COUNTY_CODE_HEADERS else ""
        return code, f"#? a {region} is a region of {code}; every row is placed there{off}"
    if code := country_of_regions(cells):  # a Danish list's `Region`: Syddanmark, Midtjylland ... are NUTS's
        if off := _not_nuts(cells, code):  # most are: `mazowieckie` beside them had been said to be one too
            return code, f"#? most regions in {region} are NUTS regions of {code}; every row is placed in {code}{off}"
        return code, f"#? the regions in {region} are NUTS regions of {code}; every row is placed there"
    if ids_country:
        off = _not_nuts(cells, ids_country)
        return ids_country, f"#? the ids are {ids_country}'s numbers, so every row is placed there{off}"
    return "", (f"# needed: the regions in {region} are in which country? Its code (NO, SE, DK ...), or a column "
                "holding it")


def _not_nuts(cells: list[str], code: str) -> str:
    """What a comment says of the region names in `cells` that name no NUTS region of `code` (in the bundled files,
    by NUTS's name or another spelling of it): each is made a region of its own, off the Map; "" when none is."""
    names = dict.fromkeys(cell.strip() for cell in cells if cell and cell.strip() and not cell.strip().startswith(code))
    off = [name for name in names if not bundled_regions_named(name, code)
           and not ((nuts := nuts_name_of(name, code)) and bundled_regions_named(nuts, code))]
    return (f"; but {', '.join(map(repr, off[:3]))}{' ...' if len(off) > 3 else ''} is no NUTS region's name: each is "
            "made a region of its own, off the Map, unless the load finds it in the store (write NUTS's name or code "
            "to place it)") if off else ""
