"""Metrics with Louvain's communities chosen first: the table is still ranked by a metric that ranks.

With `community` first in the Metrics box, the table was sorted by community number (a label, not a score) with
no place column, the chart opened on "Top 15 by community", and *Find in the ranking* listed its rows by degree:
two orders on one page (app_pages/metrics_rank.py `ranking`).
"""

from __future__ import annotations

from tests.test_app import app_store, open_page, table  # noqa: F401  (app_store is a fixture)


def computed_with(metrics: list[str]):
    at = open_page("metrics")
    at.multiselect(key="metrics_chosen").set_value(metrics).run()
    at.button(key="metrics_compute").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_communities_first_leave_the_table_ranked_by_degree(app_store):  # noqa: F811
    at = computed_with(["community", "degree"])
    ranked = table(at, "community")
    assert ranked.columns[0] == "place by degree"
    assert ranked["degree"].is_monotonic_decreasing
    assert ranked["place by degree"].iloc[0] == 1
    assert at.selectbox(key="metrics_chart").value == "degree"


def test_the_found_rows_come_in_the_tables_order(app_store):  # noqa: F811
    at = computed_with(["community", "degree"])
    ranked = table(at, "community")
    at.text_input(key="metrics_find").input("uni").run()  # no whole word: whole-word matches come first
    found = next(d.value for d in at.dataframe if "place by degree" in d.value.columns and "degree" not in d.value)
    assert list(found["key"]) == [key for key in ranked["key"] if key in set(found["key"])][:len(found)]


def test_communities_alone_are_listed_by_number_without_a_place(app_store):  # noqa: F811
    ranked = table(computed_with(["community"]), "community")
    assert not any(column.startswith("place by") for column in ranked.columns)
    assert ranked["community"].is_monotonic_increasing
