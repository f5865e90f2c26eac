"""A place filter that selects more than "Max nodes" holds keeps that place's organisations and clusters first,
the most active first, then the projects that link them (`graph.views.filtered_room`), and the cut note says so.

On the sample, Sweden at 1,000 nodes had shown 720 projects and 2 organisations: the selection was kept in the
order of internal ids, and a CORDIS load writes its projects before its organisations. Here the committed CORDIS
fixture (its Swedish and Norwegian rows, NUTS for their places) in a real embedded store, and the app's page on the
graph of tests/test_app.py through AppTest.
"""

from __future__ import annotations

import doctest

import pytest

from graph.store.falkordb_store import FalkorDBStore
from graph.views import store_selection, store_views
from graph.views.filters import ACTOR_KINDS, Filters
from loaders.cordis import load_cordis
from loaders.nuts import load_nuts
from loaders.pipeline import recount_activity
from tests.conftest import FIXTURES
from tests.test_app import app_store, open_page  # noqa: F401  (app_store: a fixture)


@pytest.fixture(scope="module")
def cordis_store(embedded_server):
    """The CORDIS fixture alone (no seed clusters, which a filter keeps before organisations), with its places."""
    store = FalkorDBStore(embedded_server, "country_first_tests")
    store.clear()
    store.setup_schema()
    load_nuts(store, FIXTURES / "nuts")
    load_cordis(store, FIXTURES / "cordis")
    recount_activity(store)
    yield store
    store.clear()
    store.close()


def activity(store, key: str) -> tuple[int, int]:
    node_id = key.split(":", 1)[1]
    (row,) = store.read("MATCH (o:Organisation {id: $id}) RETURN o.participations, o.projects", {"id": node_id}).rows
    return row[0] or 0, row[1] or 0


@pytest.mark.parametrize(("place", "cap"), [("Country:SE", 20), ("Country:NO", 16), ("Region:NO0", 12)])
def test_a_capped_place_view_holds_mostly_that_places_actors_the_most_active_first(cordis_store, place, cap):
    filters = Filters(places=(place,))
    matching = store_selection.selected(cordis_store, filters)
    actors = {n for n, kind in matching.items() if kind in ACTOR_KINDS}
    assert len(actors) > cap // 2 and len(matching) > cap, "the case needs more actors than half the cap"
    view = store_views.explore_view(cordis_store, filters, cap=cap)
    assert store_views.was_cut(view) and view.number_of_nodes() <= cap
    kinds = {key: data["kind"] for key, data in view.nodes(data=True)}
    shown = [key for key, kind in kinds.items() if kind in ACTOR_KINDS]
    projects = [key for key, kind in kinds.items() if kind == "Project"]
    assert len(shown) == cap // 2 > len(projects) > 0
    assert {view.nodes[key].get("country") for key in shown} == {place.split(":")[1][:2]}
    every = store_views.explore_view(cordis_store, filters, cap=5000)
    left_out = [key for key, data in every.nodes(data=True) if data["kind"] in ACTOR_KINDS and key not in view]
    assert min(activity(cordis_store, k) for k in shown) >= max(activity(cordis_store, k) for k in left_out)
    assert all(any(kinds.get(a) in ACTOR_KINDS for a in view.predecessors(p)) for p in projects), \
        "each project kept links actors kept"


def test_the_cut_note_says_what_the_view_kept_first(app_store):  # noqa: F811
    matching = store_selection.selected(app_store, Filters(places=("Country:SE",)))
    actors = sum(kind in ACTOR_KINDS for kind in matching.values())
    projects = sum(kind == "Project" for kind in matching.values())
    at = open_page("explore", explore_places="Sweden (SE)", explore_cap="10")
    (note,) = [i.value for i in at.info if "The view stops at Max nodes" in i.value]
    assert (f"out. It keeps first the 5 most active of the {actors} matching organisations and clusters (clusters "
            f"first), then 2 of the {projects} matching projects, those linking most of them, then the places, "
            "programmes, labels and sectors these link to. To see them, raise Max nodes") in note


def test_a_focus_or_kinds_alone_say_nothing_of_what_filters_keep_first(app_store):  # noqa: F811
    assert store_views.kept_first(store_views.explore_view(app_store, focus=("Cluster:iot-world",), cap=3)) == ""
    assert store_views.kept_first(store_views.explore_view(app_store, Filters(kinds=("Organisation",)), cap=3)) == ""
    uncut = store_views.explore_view(app_store, Filters(places=("Country:SE",)), cap=5000)
    assert not store_views.was_cut(uncut) and store_views.kept_first(uncut) == ""


def test_the_description_of_what_was_kept_reads_as_its_examples():
    from graph.views import filtered_room

    assert doctest.testmod(filtered_room).failed == 0 and doctest.testmod(filtered_room).attempted >= 1


@pytest.mark.parametrize(("place", "cap"), [("Country:SE", 20), ("Country:NO", 16)])
def test_the_projects_kept_link_as_many_of_the_actors_kept_as_the_room_allows(cordis_store, place, cap):
    """Ranked by how many kept actors each links, the 250 projects of Sweden's view on the sample had left 174 of its
    472 organisations without a project in the view; the projects are now chosen to link as many as they can (the
    greedy cover): no other choice of as many matching projects links more of the actors kept."""
    from itertools import combinations

    filters = Filters(places=(place,))
    view = store_views.explore_view(cordis_store, filters, cap=cap)
    kinds = {key: data["kind"] for key, data in view.nodes(data=True)}
    shown = {key for key, kind in kinds.items() if kind in ACTOR_KINDS}
    kept = [key for key, kind in kinds.items() if kind == "Project"]
    linked = {a for p in kept for a in view.predecessors(p) if a in shown}
    every = store_views.explore_view(cordis_store, filters, cap=5000)
    links = {p: {a for a in every.predecessors(p) if a in shown} for p, d in every.nodes(data=True)
             if d["kind"] == "Project"}
    candidates = [p for p, actors in links.items() if actors]
    best = max((len(set().union(*(links[p] for p in choice))) for choice in combinations(candidates, len(kept))
                if len(candidates) <= 18), default=None)
    assert len(linked) >= (best if best is not None else len(linked)) - 1  # the greedy cover: at best, or one short
    ranked = sorted(candidates, key=lambda p: -len(links[p]))[:len(kept)]
    assert len(linked) >= len(set().union(*(links[p] for p in ranked)))  # never fewer than the ranking had linked


def test_a_project_linking_an_actor_no_other_links_is_kept_before_a_second_linking_the_same(embedded_store):
    """Two projects of the same three partners and two of one partner each, room for two: ranked by partners, the
    view kept both projects of the three and left the fourth and fifth partners unlinked."""
    from graph.store.records import NodeRecord, RelRecord
    from graph.store.writer import write_records

    source = ("seed:000",)
    actors = [NodeRecord("Organisation", f"a{n}", f"Actor {n}", source, properties={"country": "SE"})
              for n in range(1, 6)]
    projects = {"big1": (1, 2, 3), "big2": (1, 2, 3), "four": (4,), "five": (5,)}
    write_records(embedded_store, [NodeRecord("Country", "SE", "Sweden", source), *actors,
                                   *(NodeRecord("Project", p, p, source) for p in projects)],
                  [*(RelRecord("LOCATED_IN", "Organisation", a.id, "Country", "SE", source) for a in actors),
                   *(RelRecord("PARTICIPATES_IN", "Organisation", f"a{n}", "Project", p, source)
                     for p, members in projects.items() for n in members)])
    view = store_views.explore_view(embedded_store, Filters(places=("Country:SE",)), cap=10)
    kept = [key for key, data in view.nodes(data=True) if data["kind"] == "Project"]
    linked = {a for p in kept for a in view.predecessors(p) if a.startswith("Organisation:")}
    assert len(kept) == 2 and len(linked) == 4, (kept, sorted(linked))
