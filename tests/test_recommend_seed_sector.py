"""A seed sector asked for by name ranks partner organisations by the field of its name.

On the sample, `recommend --for "Furhat Robotics" --sector automation` (or `Automation`, `AUTOMATION`) stopped with
"sector 'automation' is in no project of the graph; its projects' sectors include esv:/25/73/451/...": the seeds'
sector `Sector:automation` is in no project (CORDIS tags its projects with the field `automation`), while the
partner-cluster ranking and the consortium's roles took the two as one (`index.same_sector`). The Partners page
said the same in a warning box for the seeds' Automation picked from its sector list. The network is
tests/test_cluster_partners.py's, with the seeds.
"""

from __future__ import annotations

import pytest

from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex, Requirements, recommend
from tests.cli_invoke import cli_env, invoke
from tests.test_cluster_partners import AUTOMATION, seeded_network


@pytest.fixture(scope="module")
def store(embedded_server):
    store = seeded_network(embedded_server, "recommend_seed_sector")
    yield store
    store.clear()
    store.close()


def test_the_seeds_sector_ranks_as_the_field_of_its_name(store):
    index = RecommenderIndex(read_inputs(store))
    by_seed = recommend(index, ["Organisation:pic:4"], Requirements(sectors=("automation",)), k=5)
    by_field = recommend(index, ["Organisation:pic:4"], Requirements(sectors=(AUTOMATION,)), k=5)
    assert [c.key for c in by_seed] == [c.key for c in by_field] != []
    assert "works in Automation, as asked" in by_seed[0].reasons


def test_cli_takes_the_sector_name_in_any_case(store, embedded_server):
    env = cli_env(embedded_server, "recommend_seed_sector")
    for given in ("automation", "AUTOMATION", "Sector:automation"):
        result = invoke(env, "recommend", "--for", "TEXTILE WORKS AB", "--sector", given, "-k", "3")
        assert result.exit_code == 0, result.stderr
        assert "is in no project of the graph" not in result.stderr
        assert "- works in Automation, as asked" in result.stdout
