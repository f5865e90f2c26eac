"""Explore says when "Max nodes" cut its view: the store reads know whether more nodes answered than the view
shows (`store_views.was_cut`), and the page then says so and how to see the others. On the real fixture network
in a real embedded store (the graph of tests/test_app.py), the page through AppTest.
"""

from __future__ import annotations

import pytest

from graph.views import store_views
from graph.views.filters import DEFAULT_KINDS, Filters
from tests.test_app import app_store, open_page  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")
NOTE = "The view stops at Max nodes"


def notes(at) -> list[str]:
    return [i.value for i in at.info if NOTE in i.value]


@pytest.mark.parametrize(("filters", "focus", "depth"), [
    (Filters(), ("Cluster:iot-world",), 2),                # a focus and its neighbourhood
    (Filters(places=("Country:SE",)), (), 1),              # filters
    (Filters(kinds=("Cluster", "Organisation")), (), 1),   # kinds only
    (Filters(kinds=DEFAULT_KINDS), (), 1),                 # nothing chosen: the clusters and their partners
], ids=["focus", "filters", "kinds", "clusters"])
def test_a_view_the_cap_cuts_says_so_and_one_it_does_not_cut_does_not(app_store, filters, focus, depth):  # noqa: F811
    whole = store_views.explore_view(app_store, filters, focus, depth, cap=5000)
    assert not store_views.was_cut(whole)
    assert whole.number_of_nodes() > 12, "the case needs a view larger than the small cap below"
    small = store_views.explore_view(app_store, filters, focus, depth, cap=10)
    assert store_views.was_cut(small) and small.number_of_nodes() <= 10


def test_a_cap_the_view_just_fills_cuts_nothing_and_one_less_cuts_the_farthest(app_store):  # noqa: F811
    near = set(store_views.explore_view(app_store, focus=("Cluster:iot-world",), depth=1, cap=5000))
    exact = store_views.explore_view(app_store, focus=("Cluster:iot-world",), depth=1, cap=len(near))
    assert not store_views.was_cut(exact) and set(exact) == near
    assert store_views.was_cut(store_views.explore_view(app_store, focus=("Cluster:iot-world",), cap=len(near) - 1))
    deeper = store_views.explore_view(app_store, focus=("Cluster:iot-world",), depth=3, cap=len(near))
    assert store_views.was_cut(deeper) and set(deeper) == near  # the focus and its neighbours kept, not farther nodes


def test_explore_says_the_cap_cut_the_view_and_how_to_see_more():
    at = open_page("explore", explore_places="Sweden (SE)", explore_cap="10")
    assert len(at.multiselect(key="explore_places").value) == 1 and not at.exception
    (note,) = notes(at)
    assert "(10)" in note and "raise Max nodes (up to 5,000)" in note and "narrow the filters or the focus" in note
    at = open_page("explore", explore_focus="Cluster:iot-world", explore_depth="2", explore_cap="10")
    assert len(notes(at)) == 1


def test_explore_says_nothing_of_a_cap_that_cut_nothing():
    assert notes(open_page("explore", explore_places="Sweden (SE)", explore_cap="5000")) == []
    assert notes(open_page("explore", explore_focus="Cluster:iot-world")) == []
    assert notes(open_page("explore")) == []


def test_filters_selecting_more_than_a_read_holds_say_so_and_draw_no_part_as_the_whole(app_store, monkeypatch):  # noqa: F811
    """A time window over all of CORDIS selects 80,000 projects, past the 50,000 ids a selection read holds: the
    view was drawn from what the read kept, as if it were all. Now the page says to narrow the filters."""
    from graph.views import store_selection

    assert store_selection.selected(app_store, Filters(places=("Country:SE",))) is not None
    monkeypatch.setattr(store_selection, "ID_ROWS", 5)
    assert store_selection.selected(app_store, Filters(places=("Country:SE",))) is None
    at = open_page("explore", explore_places="Sweden (SE)")
    assert [e.value for e in at.error] == [
        "these filters select more than 5 nodes, too many to draw a view from; narrow them (a place, a programme, a "
        "sector, a shorter time window) or search a name to focus on it"]


def test_a_view_with_more_relationships_than_it_reads_says_so(app_store, monkeypatch):  # noqa: F811
    whole = store_views.explore_view(app_store, focus=("Cluster:iot-world",), depth=2, cap=5000)
    assert not store_views.edges_were_cut(whole) and whole.number_of_edges() > 20
    monkeypatch.setattr(store_views, "EDGE_LIMIT", 20)
    part = store_views.explore_view(app_store, focus=("Cluster:iot-world",), depth=2, cap=5000)
    assert store_views.edges_were_cut(part) and part.number_of_edges() <= 20
    at = open_page("explore", explore_focus="Cluster:iot-world", explore_depth="2", explore_cap="5000")
    assert "These nodes have more than 20 relationships among them; the view shows 20." in " ".join(
        i.value for i in at.info)


def test_a_focus_says_how_many_of_its_neighbours_the_filters_left_out():
    """A country filter on a focused view dropped the focus's members of other countries without a word."""
    at = open_page("explore", explore_focus="Cluster:iot-world")
    assert not [c.value for c in at.caption if "do not match the sidebar's filters" in c.value]
    at.multiselect(key="explore_places").select("Country:NO").run()
    said = [c.value for c in at.caption if "do not match the sidebar's filters" in c.value]
    assert len(said) == 1 and int(said[0].split(" ", 1)[0]) >= 1, said
