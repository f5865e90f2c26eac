"""Where a mapped node is (`located_in`): its country, and a NUTS region or a national region of its own.

National tables name regions as people do (`Vestland`, `Västra Götaland`), not by NUTS code. Such a
region becomes a `Region` whose id is the country code, a hyphen and the name with its spaces as
hyphens (`NO-Hordaland`, `NO-Sogn-og-Fjordane`): a NUTS code never holds a hyphen, so the two kinds of id
never meet. It carries `country` and `scheme = "national"`, and is `PART_OF` its `Country`, so queries by
country find it. A cell that is a NUTS code (`NO0A`, `SE224`) is that NUTS region, as CORDIS locates
organisations. A region column that says `county_numbers` reads a cell of one or two digits as that country's
county number, its NUTS 3 region (`loaders.county_numbers`: Swedish län `14` is SE232), and `"FR"` a département
number or postcode (`38`, `38000`: FRK24), `"IT"` a province's sigla (`MI`: ITC4C), except on a row of another
country, whose postcode (or `EE`, abroad) it is: that row is in its country alone. The node gets `country` (unless
the table maps it itself), `nuts_code` or `region`. A national region whose name NUTS knows (`Vestland` is NO0A2,
`Västerbotten` SE331) becomes that NUTS region before the load writes it (`loaders.generic_regions`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from graph.countries import country_code, subdivision_name
from graph.errors import Problem
from graph.store.records import NodeRecord, RelRecord
from loaders.country_advice import country_advice
from loaders.county_numbers import SCHEMES, county_letters, county_region, is_county_number, not_a_county
from loaders.generic_labels import STATUS_OF
from loaders.mapping_spec import FileSpec, Place
from loaders.nuts import country_name, iso_code, place_records

__all__ = ["spec_fills", "region_id", "country_cell", "region_cell", "locate", "most_precise"]

_NUTS = re.compile(r"^[A-Z]{2}[0-9A-Z]{1,3}$")


def region_id(country: str, name: str) -> str:
    """The id of a national region: `NO-Vestland`.

    >>> region_id("NO", "Møre og Romsdal")
    'NO-Møre-og-Romsdal'
    """
    return f"{country}-{'-'.join(name.split())}"


def _is_nuts(cell: str, country: str | None) -> bool:
    if not _NUTS.match(cell):
        return False
    return cell[:2] == country if country else any(c.isdigit() for c in cell)


def _cell(row: dict[str, Any], column: str) -> str:
    value = row.get(column) if column else None
    return " ".join(str(value).split()) if value is not None and not isinstance(value, (dict, list)) else ""


def _country(code: str, source: str) -> NodeRecord:
    return NodeRecord("Country", code, country_name(code, code), (source,), properties={"iso_code": iso_code(code)})


@functools.lru_cache(maxsize=64)
def _recoded(country_values: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """A place's recodes as a dict, made once per mapping rather than on every row (`Place` keeps a tuple: hashable)."""
    return dict(country_values)


@functools.lru_cache(maxsize=4096)
def _nuts_places(region: str, source: str) -> tuple[tuple[NodeRecord, ...], tuple[RelRecord, ...]]:
    """A NUTS region's chain up to its country, made once per code (a table repeats its regions on every row)."""
    nodes, rels = place_records({region}, {}, source, source)
    return tuple(nodes), tuple(rels)


def country_cell(place: Place, row: dict[str, Any]) -> str:
    """The row's country cell as the place reads it (its `values` recodes applied), "" for none."""
    cell = _cell(row, place.country) if place.country else ""
    return _recoded(place.country_values).get(cell.casefold(), cell) if place.country_values else cell


def region_cell(place: Place, row: dict[str, Any]) -> str:
    """The row's region cell as the place reads it (its `values` recodes applied), "" for none."""
    region = _cell(row, place.region)
    return _recoded(place.region_values).get(region.casefold(), region) if place.region_values else region


def locate(spec: FileSpec, row: dict[str, Any], node: NodeRecord, where: tuple[str, int], source: str,
           problems: list[Problem]) -> tuple[NodeRecord, list[NodeRecord], list[RelRecord]]:
    """The node with its place properties, and the place records: LOCATED_IN, the Region / Country, PART_OF."""
    place = spec.place
    country = place.country_value or None
    if cell := country_cell(place, row):
        try:
            country = country_code(cell)
        except ValueError as e:
            problems.append(Problem(*where, place.country, country_advice(str(e), cell, lambda code: (
                f'country = {{ column = "{place.country}", values = {{ "{cell}" = "{code}" }} }}')),
                                    mapping_can_fix=True))
            return node, [], []
    region = region_cell(place, row)
    if place.county_numbers and SCHEMES[place.county_numbers].foreign_cells_are_theirs and country and (
            country != place.county_numbers and is_county_number(region, place.county_numbers)):
        region = ""  # a Swiss member's postcode `1202` in a French table, `EE` (abroad) in an Italian: its country
    elif place.county_numbers and is_county_number(region, place.county_numbers):  # `14`: Västra Götalands län
        country = country or place.county_numbers
        if not (code := county_region(region, country) if country == place.county_numbers else None):
            problems.append(Problem(*where, place.region, not_a_county(region, country, place.county_numbers,
                                                                       place.region), mapping_can_fix=True))
            return node, [], []
        region = code
    elif place.county_numbers and (code := county_letters(region, country or place.county_numbers)):
        country, region = country or place.county_numbers, code  # `AC`: Västerbottens län, SE331
    region = country and subdivision_name(region, country) or region  # `SE-O`: Västra Götalands län
    properties = dict(node.properties)
    if country:
        properties.setdefault("country", country)
    nodes: list[NodeRecord] = [_country(country, source)] if country else []
    rels: list[RelRecord] = []
    if region and _is_nuts(region, country):
        properties["nuts_code"] = region
        region_nodes, region_rels = _nuts_places(region, source)
        nodes, rels, target = list(region_nodes), list(region_rels), region
    elif region:
        if not country:
            problems.append(Problem(*where, place.region, f"the region {region!r} is not a NUTS code, and the row "
                                    "names no country: give the table's country (participation preset: country = "
                                    "{ value = \"NO\" } under [columns]; a [[nodes]] table: located_in.country, a "
                                    "column or { value = \"NO\" })"))
            return node, [], []
        target = properties["region"] = region_id(country, region)
        nodes.append(NodeRecord("Region", target, region, (source,), properties={"country": country,
                                                                                "scheme": "national"}))
        rels.append(RelRecord("PART_OF", "Region", target, "Country", country, (source,)))
    elif country:
        target = country
    else:
        return node, [], []
    label = "Region" if region else "Country"
    rels.append(RelRecord("LOCATED_IN", node.label, node.id, label, target, (source,)))
    return dataclasses.replace(node, properties=properties), nodes, rels


def spec_fills(spec: FileSpec) -> frozenset[str]:
    """The node properties a table fills: its mapped columns, and the place's when it has one (an emptied country
    cell takes `country` off the node on a re-load, as the emptied city cell takes `city`)."""
    place = frozenset({"country", "nuts_code", "region"}) if spec.place else frozenset()
    statuses = frozenset(STATUS_OF[label] for label, _ in spec.label_if if label in STATUS_OF)
    return frozenset(column.property for column in spec.properties) | place | statuses


def most_precise(rels: list[RelRecord]) -> list[RelRecord]:
    """The generated places without the `LOCATED_IN` of a node to its country when another row places it in a
    region: an organisation on two rows, one without its county, was in both Sweden and Västra Götaland (the
    region is `PART_OF` its country, so queries by country still find it)."""
    in_region = {(r.start_label, r.start_id) for r in rels if r.type == "LOCATED_IN" and r.end_label == "Region"}
    return [r for r in rels if not (r.type == "LOCATED_IN" and r.end_label == "Country"
                                    and (r.start_label, r.start_id) in in_region)]
