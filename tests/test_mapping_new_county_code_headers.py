"""A region column headed by the name of a county's official number, Statistics Sweden's `Länskod` (Norway's
`Fylkesnummer`), is the region column, read as county numbers: `mapping new` had left `Länskod` "not used" and the
officer's clusters were placed nowhere, although `county_numbers` reads such a column. The list is
tests/fixtures/swedish_grants/kluster_lanskod.csv, loaded by the real generic loader into the embedded store.
"""

from __future__ import annotations

import shutil
import tomllib

from loaders.generic import load_generic
from loaders.mapping_new.participation import participation_template
from tests.conftest import FIXTURES

LIST = FIXTURES / "swedish_grants" / "kluster_lanskod.csv"


def test_a_lanskod_column_places_the_clusters_by_their_county_numbers():
    clusters = tomllib.loads(participation_template(LIST))["nodes"][0]
    assert clusters["located_in"] == {"region": {"column": "Länskod", "county_numbers": "SE"},
                                      "country": {"value": "SE"}}


def test_the_clusters_are_in_their_lans_nuts_regions(tmp_path, embedded_store):
    shutil.copy(LIST, tmp_path / LIST.name)
    (tmp_path / "mapping.toml").write_text(participation_template(tmp_path / LIST.name), encoding="utf-8")
    load_generic(embedded_store, tmp_path / "mapping.toml")
    placed = embedded_store.read("MATCH (c:Cluster)-[:LOCATED_IN]->(r:Region) RETURN c.name, r.id").rows
    assert sorted(map(tuple, placed)) == [("Norrbottens Vätgaskluster", "SE332"),
                                          ("Skellefteå Batterikluster", "SE331"), ("Uppsala BIO", "SE121")]


def test_a_lanskod_column_of_letters_places_the_clusters_too(tmp_path, embedded_store):
    """Statistics Sweden's county letters (`AC` Västerbotten, `BD` Norrbotten, `C` Uppsala) had become national
    regions SE-AC, off the Map; they are the ISO 3166-2 codes without `SE-` (`county_numbers.county_letters`)."""
    letters = FIXTURES / "swedish_grants" / "kluster_lansbokstav.csv"
    shutil.copy(letters, tmp_path / letters.name)
    template = participation_template(tmp_path / letters.name)
    assert tomllib.loads(template)["nodes"][0]["located_in"]["region"] == {"column": "Länskod", "county_numbers": "SE"}
    (tmp_path / "mapping.toml").write_text(template, encoding="utf-8")
    load_generic(embedded_store, tmp_path / "mapping.toml")
    placed = embedded_store.read("MATCH (c:Cluster)-[:LOCATED_IN]->(r:Region) RETURN c.name, r.id").rows
    assert sorted(map(tuple, placed)) == [("Norrbottens Vätgaskluster", "SE332"),
                                          ("Skellefteå Batterikluster", "SE331"), ("Uppsala BIO", "SE121")]


def test_every_swedish_county_letter_is_its_own_lans_region():
    import doctest

    import pycountry

    from loaders import county_numbers

    assert doctest.testmod(county_numbers).failed == 0
    letters = [s.code[3:] for s in pycountry.subdivisions.get(country_code="SE")]
    codes = [county_numbers.county_letters(letter, "SE") for letter in letters]
    assert len(letters) == 21 and None not in codes and len(set(codes)) == 21
    assert set(codes) == {code for code, _ in county_numbers.COUNTY_NUMBERS["SE"].values()}
