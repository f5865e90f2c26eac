"""Explore's search choices say each hit's kind, and the name it was found by when that is not its shown name
(AppTest, real embedded store): "RISE" had listed a project above the institute, "Chalmers" ANYO LABS AB (found by
its short name CHALMERS VENTURES AB), with nothing said of either."""

from __future__ import annotations

from tests.test_app import app_store, open_page  # noqa: F401  (app_store is a fixture)


def choices(text: str) -> list[str]:
    return open_page("explore", explore_focus_search=text).multiselect(key="explore_focus").options


def test_each_hit_says_its_kind(app_store):  # noqa: F811
    offered = choices("Forest 4.0")
    assert "Forest 4.0 · Project" in offered
    assert "Viesoji istaiga Forest 4.0 · Organisation" in offered


def test_a_hit_by_another_name_says_the_name_it_was_found_by(app_store):  # noqa: F811
    assert "UNIVERSITETET I OSLO · Organisation (short name UNIVERSITY OF OSLO)" in choices("University of Oslo")


def test_a_chosen_node_says_its_kind_too(app_store):  # noqa: F811
    at = open_page("explore", explore_focus="Cluster:iot-world")
    assert at.multiselect(key="explore_focus").options == ["IoT World · Cluster"]
