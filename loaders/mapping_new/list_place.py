"""Where a list's rows are: the `located_in` line `mapping new` writes for a list of organisations or clusters.

Apart from `loaders.mapping_new.lists` to keep that module within its size.
"""

from __future__ import annotations

from loaders.csv_header import ID_COUNTRY
from loaders.mapping_new.region_column import county_numbers_in, national_country, region_value, regions_said
from loaders.table_cells import as_toml, header_word, sample_cells

__all__ = ["list_place"]


def list_place(guessed: dict[str, str], rows: list[dict]) -> tuple[list[str], str | None]:
    """The `located_in` line: region and country columns, or a national list's country as a constant; a region
    column of county numbers read as such (`county_numbers`). With it, the one country it places every row in (None
    when a column gives each row's, or the line is left commented out)."""
    region, country = guessed.get("region"), guessed.get("country")
    numbers = county_numbers_in(guessed, rows) if region else None
    said = regions_said(guessed, rows, numbers) if region else ""
    if country:
        where = (f"region = {region_value(region, numbers)}, " if region else "") + f"country = {as_toml(country)}"
        return [f"located_in = {{ {where} }}  #? where each row is{said}"], None
    code = ID_COUNTRY.get(header_word(guessed.get("id", "")), "")  # a CIF's ES, a CVR's DK
    if not region:  # nothing says where: the Map, `--region` and the region queries would leave the rows out
        return [f"# located_in = {{ country = {{ value = {as_toml(code)} }} }}  #? no column says where the rows are"
                + (f"; their {guessed['id']} numbers are {code}'s" if code else ": write their country's code")
                + ", and uncomment (without it, the Map and the region queries leave them out)"], None
    code, comment = national_country(region, sample_cells(rows, region), code, numbers)
    return [f'located_in = {{ region = {region_value(region, numbers)}, country = {{ value = "{code}" }} }}  '
            f'{comment}{said}'], code or None
