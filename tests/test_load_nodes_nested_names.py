"""A load's nodes in a store holding two loads whose names nest (`dk` and `dk/2024`, as versions before names with `/`
were refused wrote them): Explore's and the Map's "This load's nodes" for `user:dk` take `dk`'s files alone, by the
rule `unload user:dk` takes them by (`graph.store.load_files`). Real loads into the embedded store; choosing `dk` had
listed `dk/2024`'s Arla too."""

from __future__ import annotations

import pytest

from graph.views import load_nodes, store_views
from graph.views.filters import Filters
from loaders.pipeline import run_load
from tests.test_unload_nested_names import _load_as_older_versions_did, _mapping


@pytest.fixture
def nested(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _mapping(tmp_path, "dk", "1;Odense Maskin ApS;Odense\n2;Fjordlab;Aarhus\n"))
    _load_as_older_versions_did(embedded_store, _mapping(tmp_path, "later", "2;Fjordlab ApS;Aalborg\n3;Arla;Viby\n"),
                                "dk/2024")
    return embedded_store


def test_a_loads_nodes_leave_out_those_of_a_load_named_under_it(nested):
    assert load_nodes.actors_brought_by(nested, "user:dk") == {"Organisation:1", "Organisation:2"}
    assert load_nodes.kinds_brought_by(nested, "user:dk") == {"Organisation": 2}
    assert load_nodes.actors_brought_by(nested, "user:dk/2024") == {"Organisation:2", "Organisation:3"}


def test_explore_shows_the_chosen_loads_nodes_alone_when_another_is_named_under_it(nested):
    view = store_views.explore_view(nested, Filters(load="user:dk"), cap=100)
    assert {n for n in view if n.startswith("Organisation:")} == {"Organisation:1", "Organisation:2"}
    later = store_views.explore_view(nested, Filters(load="user:dk/2024"), cap=100)
    assert {n for n in later if n.startswith("Organisation:")} == {"Organisation:2", "Organisation:3"}


def test_the_rules_examples_hold():
    import doctest

    from graph.store import load_files

    found = doctest.testmod(load_files)
    assert found.failed == 0 and found.attempted >= 2
