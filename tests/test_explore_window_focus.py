"""A focused Explore view under the time slider keeps what the window leaves linked to the focus: a cluster's
members by undated memberships, an organisation's cluster, the projects of those years; a member that joined after
the window and a project of other years leave, and the view counts what it left out (real embedded store)."""

from __future__ import annotations

from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from graph.views import store_views, store_window
from graph.views.filters import Filters

SOURCE = ("test:window",)


def _network(store) -> None:
    nodes = [NodeRecord("Cluster", "c", "Window Cluster", SOURCE, extra_labels=("Organisation",)),
             *(NodeRecord("Organisation", o, f"Member {o}", SOURCE) for o in ("a", "b", "late")),
             NodeRecord("Project", "p2022", "Project 2022", SOURCE, properties={"start_date": "2022-03-01",
                                                                                "end_date": "2023-02-28"}),
             NodeRecord("Project", "p2015", "Project 2015", SOURCE, properties={"start_date": "2015-01-01",
                                                                                "end_date": "2016-12-31"})]
    rels = [RelRecord("MEMBER_OF", "Organisation", o, "Cluster", "c", SOURCE) for o in ("a", "b")]
    rels.append(RelRecord("MEMBER_OF", "Organisation", "late", "Cluster", "c", SOURCE, properties={"since": "2025"}))
    rels += [RelRecord("PARTICIPATES_IN", "Organisation", "a", "Project", "p2022", SOURCE),
             RelRecord("PARTICIPATES_IN", "Organisation", "b", "Project", "p2015", SOURCE)]
    write_records(store, nodes, rels)


def test_a_cluster_keeps_its_members_of_the_window_and_counts_the_others(embedded_store):
    _network(embedded_store)
    window = Filters(kinds=("Cluster", "Organisation", "Project"), start="2022-01-01", end="2023-12-31")
    view = store_views.explore_view(embedded_store, window, ("Cluster:c",), depth=2)
    assert set(view) == {"Cluster:c", "Organisation:a", "Organisation:b", "Project:p2022"}
    assert store_window.left_out_by_window(view) == 1  # the member since 2025
    assert store_window.left_out_by_filters(view) == 1  # the project of 2015: counted, where it had left silently
    whole = store_views.explore_view(embedded_store, Filters(kinds=window.kinds), ("Cluster:c",), depth=2)
    assert "Organisation:late" in whole and "Project:p2015" in whole and store_window.left_out_by_window(whole) == 0
    assert store_window.left_out_by_filters(whole) == 0


def test_an_organisation_without_a_project_in_the_window_keeps_its_cluster(embedded_store):
    _network(embedded_store)
    window = Filters(kinds=("Cluster", "Organisation", "Project"), start="2022-01-01", end="2023-12-31")
    view = store_views.explore_view(embedded_store, window, ("Organisation:b",), depth=1)
    assert set(view) == {"Organisation:b", "Cluster:c"}  # its 2015 project is out of the window
