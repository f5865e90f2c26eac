"""One place under its NUTS 2021 and 2024 codes is one row of the Map and of Metrics' regions (real embedded store).

CORDIS places two Finnish organisations on Pirkanmaa's NUTS 2021 code FI197 and a member table naming `Pirkanmaa` puts
Cobotti Oy on the 2024 code FI19B: the Map had drawn two Pirkanmaa bubbles (2 and 1 organisations) and Metrics' region
breakdown had two Pirkanmaa rows.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics.inputs import read_inputs
from graph.analytics.projections import Projection, project
from graph.region_twin_pairs import twin_keys
from graph.views.geography import geo_points
from graph.views.map_places import Placer
from tests.test_app_region_twins import twins_loaded

GRAPH = "region_twin_pairs"
PIRKANMAA = "Pirkanmaa FI19B (NUTS 2024) = FI197 (NUTS 2021)"


@pytest.fixture(scope="module")
def inputs(embedded_server, tmp_path_factory):
    store = twins_loaded(embedded_server, GRAPH, tmp_path_factory.mktemp("twin_pairs"))
    yield read_inputs(store)
    store.clear()
    store.close()


def test_the_bundled_nuts_files_make_fifty_twins_and_pirkanmaa_is_one(inputs):
    pairs = twin_keys(inputs.nodes(data=True))
    assert len(pairs) == 50
    assert pairs["Region:FI197"] == "Region:FI19B"
    assert (pairs["Region:NL31"], pairs["Region:NL310"]) == ("Region:NL35", "Region:NL350")  # level with level


def test_the_map_draws_one_pirkanmaa_bubble_with_both_codes_and_all_its_organisations(inputs):
    places = [p for p in geo_points(inputs, 3)[0] if p["name"].startswith("Pirkanmaa")]
    assert [(p["key"], p["name"], p["organisations"]) for p in places] == [("Region:FI19B", PIRKANMAA, 3)]


def test_metrics_region_breakdown_has_one_pirkanmaa_row(inputs):
    regions = project(inputs, Projection(kind="region", region_level=3))
    rows = [(key, data["name"], data["organisations"]) for key, data in regions.nodes(data=True)
            if data["name"].startswith("Pirkanmaa")]
    assert rows == [("Region:FI19B", PIRKANMAA, 3)]


def test_an_organisation_placed_in_both_twins_is_counted_once():
    graph = nx.MultiDiGraph()
    for code, versions, lat in (("FI197", ["2021"], 61.70), ("FI19B", ["2024"], 61.66)):
        graph.add_node(f"Region:{code}", kind="Region", id=code, name="Pirkanmaa", level=3, country="FI",
                       nuts_versions=versions, lat=lat, lon=23.6)
    graph.add_node("Organisation:1", kind="Organisation", id="1", name="Cobotti Oy")
    for code in ("FI197", "FI19B"):
        graph.add_edge("Organisation:1", f"Region:{code}", type="LOCATED_IN")
    places = geo_points(graph, 3, Placer(graph, 3))[0]
    assert [(p["name"], p["organisations"]) for p in places] == [(PIRKANMAA, 1)]
