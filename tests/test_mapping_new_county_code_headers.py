"""A region column headed by the name of a county's official number, Statistics Sweden's `Länskod` (Norway's
`Fylkesnummer`), is the region column, read as county numbers: `mapping new` had left `Länskod` "not used" and the
officer's clusters were placed nowhere, although `county_numbers` reads such a column. The list is
tests/fixtures/swedish_grants/kluster_lanskod.csv, loaded by the real generic loader into the embedded store.
"""

from __future__ import annotations

import shutil
import tomllib

from loaders.generic import load_generic
from loaders.mapping_template import participation_template
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
