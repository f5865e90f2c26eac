"""A place asked of the partner rankings takes in its NUTS 2021/2024 twin (real embedded store).

CORDIS places two Finnish organisations on Pirkanmaa's NUTS 2021 code FI197 and a member table naming `Pirkanmaa`
puts Cobotti Oy on the 2024 code FI19B. `recommend --country FI19B` had given the wanted place to Cobotti alone and
`--avoid FI19B` had still offered the FI197 two; a partner cluster in FI197 was "in another region" than one in FI19B.
"""

from __future__ import annotations

import pytest

from graph.analytics.cluster_partners import _place
from graph.analytics.cluster_profiles import Profile
from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import Requirements, limits, recommend
from graph.analytics.recommend_index import RecommenderIndex
from tests.test_app_region_twins import twins_graph

GRAPH = "partner_place_twins"
OULU = "Organisation:pic:999844670"  # UNIFY's partner in Oulu, FI1D9: the two FI197 organisations' fellow


@pytest.fixture(scope="module")
def index(embedded_server, tmp_path_factory):
    with twins_graph(embedded_server, GRAPH, tmp_path_factory.mktemp("partner_twins")) as store:
        yield RecommenderIndex(read_inputs(store))


def _names(index, mask) -> list[str]:
    return sorted(index.name(index.keys[i]) for i in mask.nonzero()[0])


@pytest.mark.parametrize("place", ["FI19B", "FI197"])
def test_either_code_of_pirkanmaa_holds_the_organisations_of_both(index, place):
    assert _names(index, index.in_place(place)) == ["Cobotti Oy", "NOKIA TAMPERE LAB OY", "TAMPERE ROBOTICS OY"]


def test_avoiding_the_newer_code_avoids_those_on_the_older(index):
    allowed = dict(limits(index, [], Requirements(avoid_places=("FI19B",)), exclude_existing=False))
    assert [name for name in ("Cobotti Oy", "NOKIA TAMPERE LAB OY", "TAMPERE ROBOTICS OY")
            if name in _names(index, allowed["places to avoid"])] == []


def test_a_candidate_on_the_older_code_is_in_the_place_asked(index):
    found = recommend(index, [OULU], Requirements(add_places=("FI19B",)), k=50, exclude_existing=False)
    tampere = next(c for c in found if c.name == "TAMPERE ROBOTICS OY")
    assert tampere.components["wanted_place"] > 0 and "in Pirkanmaa, as asked" in tampere.reasons


def test_a_partner_cluster_in_the_twin_is_in_the_same_region(index):
    older, newer = Profile("Cluster:a", [], regions={"FI197"}), Profile("Cluster:b", [], regions={"FI19B"})
    assert (_place(older, newer, index.twins_of), _place(newer, older, index.twins_of)) == (0.0, 0.0)
    elsewhere = Profile("Cluster:c", [], regions={"FI1D9"})
    assert _place(older, elsewhere, index.twins_of) == 0.5
