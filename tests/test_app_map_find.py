"""The Map's *Find a place*: a place found by name or code is framed on the map and listed with its place among
all and its strongest collaborations; the tables say what they hold. The tables had listed the 50 most active
places with no heading, and a manager's own region was in neither table nor reachable but by panning.
"""

from __future__ import annotations

import json

from tests.test_app import app_store, open_page, table, texts  # noqa: F401  (app_store is a fixture)


def view_state(at) -> dict:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return spec["initialViewState"]


def test_a_place_found_by_name_is_framed_and_listed_with_its_place(app_store):  # noqa: F811
    whole = open_page("map", map_level="Countries")
    assert "most active of" in texts(whole)
    at = open_page("map", map_level="Countries", map_find="sverige")
    found = table(at, "place")
    assert found["name"].tolist() == ["Sweden"] and found["place"].iloc[0] >= 1
    assert "Found 1 of" in texts(at)
    links = table(at, "from_name")
    assert len(links) and all("Sweden" in (a, b) for a, b in zip(links["from_name"], links["to_name"], strict=True))
    framed, everywhere = view_state(at), view_state(whole)
    assert framed["zoom"] > everywhere["zoom"]  # closer in, on Sweden
    assert 55 < framed["latitude"] < 70 and 10 < framed["longitude"] < 25


def test_a_place_found_nowhere_says_so(app_store):  # noqa: F811
    at = open_page("map", map_level="Countries", map_find="qqqzzz")
    assert "No place at Countries is named or coded like" in texts(at)
    assert "most active of" in texts(at)  # the usual tables stay


def test_a_place_of_another_level_is_named_with_its_level(app_store):  # noqa: F811
    """A cluster manager in Telemark (a NUTS 3 region) searched it on the default NUTS 2 map and was told only to
    "try another level", not which one."""
    at = open_page("map", map_level="2", map_find="telemark")
    said = texts(at)
    assert "No place at NUTS 2 is named or coded like “telemark”; Telemark (NO094) is at NUTS 3: choose that level " \
           "of Places." in said



def test_a_place_without_collaborations_is_said_to_have_none():
    """Each place's own strongest collaborations are kept: a place with none listed has none (it had been said to
    have weaker ones, outside the level's 1,000 strongest, which were all the map kept)."""
    from app_pages.map_find import links_caption

    assert links_caption(0, 2) == "The places found share no project with another place of NUTS 2"
    assert links_caption(3, 0) == "Their 3 strongest collaborations at Countries (shared projects)"


def test_the_found_places_collaborations_say_what_they_are(app_store):  # noqa: F811
    at = open_page("map", map_level="Countries", map_find="sverige")
    assert "strongest collaborations at Countries (shared projects)" in texts(at)


def test_a_window_without_projects_says_why_the_map_is_empty(app_store):  # noqa: F811
    """Years before the first project (the slider starts at the labels' first year) drew every place at zero and
    said only "no collaboration arcs"."""
    at = open_page("map", map_level="Countries", time=["2018", "2018"])
    assert "No project of the data runs in the time slider's years (up to 2018), so no place has activity" in texts(at)
    assert "No project of the data runs" not in texts(open_page("map", map_level="Countries"))


def test_a_window_without_projects_lists_no_place_as_most_active(app_store):  # noqa: F811
    """The table under it had still read "The 50 most active of N places", listing places at 0."""
    at = open_page("map", map_level="Countries", time=["2018", "2018"])
    assert "None of the" in texts(at) and "places has a project participation in these years" in texts(at)
    assert "most active of" not in texts(at)
    assert "most active of" in texts(open_page("map", map_level="Countries"))
