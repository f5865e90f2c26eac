"""The Map's repairs: place names that do not overlap, small places above their cluster dot, a found region's own
collaborations drawn, a country filter, and what a load of places alone holds. AppTest on the fixture network
(seeds, NUTS and CORDIS fixtures in a real embedded store), and the pure functions on its graph.
"""

from __future__ import annotations

import json

from tests.test_app import app_store, open_page, texts  # noqa: F401  (app_store: the fixture the pages read)


def deck_of(at) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def layer(deck: dict, name: str) -> dict:
    return next(item for item in deck["layers"] if item["id"] == name)


def test_a_load_of_places_alone_is_said_to_hold_places_only(app_store):  # noqa: F811
    """`?map_load=nuts` had said "The load nuts gave 0 organisations and clusters", as if the load were broken."""
    said = texts(open_page("map", map_load="nuts"))
    assert "The load nuts holds places only (" in said and "no organisation or cluster" in said
    assert "0 organisations" not in said


def test_what_a_load_brought_is_counted_by_kind_without_its_files(app_store):  # noqa: F811
    from graph.views import load_nodes

    kinds = load_nodes.kinds_brought_by(app_store, "nuts")
    assert load_nodes.places_only(kinds) and kinds["Region"] > 0
    assert not load_nodes.places_only(load_nodes.kinds_brought_by(app_store, "seeds"))
