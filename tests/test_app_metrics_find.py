"""Metrics' *Find in the ranking*: a node's place by each metric, and a node the graph leaves out named with why.

A cluster manager computes the cluster graph to see where their cluster stands: the table had no places, and a
seed cluster without projects (Automation Småland) had no row, with nothing saying so.
"""

from __future__ import annotations

from tests.test_app import app_store, open_page, table, texts  # noqa: F401  (app_store is a fixture)


def computed(**query: str):
    at = open_page("metrics", **query)
    at.button(key="metrics_compute").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_table_gives_each_node_its_place_by_the_first_metric(app_store):  # noqa: F811
    ranked = table(computed(), "degree")
    assert ranked.columns[0] == "place by degree"
    assert ranked["place by degree"].iloc[0] == 1
    assert ranked["place by degree"].is_monotonic_increasing


def test_a_node_is_found_with_its_place_by_each_metric(app_store):  # noqa: F811
    at = computed()
    first = table(at, "degree")["name"].iloc[0]
    at.text_input(key="metrics_find").input(first.lower()[:12]).run()
    found = next(d.value for d in at.dataframe if "place by pagerank" in d.value.columns and "degree" not in d.value)
    row = found[found["name"] == first].iloc[0]
    assert row["place by degree"].startswith("1 of ")


def test_a_seed_cluster_without_projects_is_said_to_be_left_out(app_store):  # noqa: F811
    at = computed(metrics_kind="cluster")
    assert "Automation Småland" not in set(table(at, "degree")["name"])
    at.text_input(key="metrics_find").input("smaland").run()
    said = texts(at)
    assert "Not in this graph of clusters: Automation Småland" in said
    assert "takes part in a project" in said


def test_a_name_found_nowhere_says_so(app_store):  # noqa: F811
    at = computed()
    at.text_input(key="metrics_find").input("no such name zzz").run()
    assert "Nothing in this graph or the store is named or numbered like" in texts(at)


def test_a_shared_place_says_how_many_share_it(app_store):  # noqa: F811
    at = computed()
    ranked = table(at, "degree")
    last = ranked.iloc[-1]
    tied = int((ranked["degree"] == last["degree"]).sum())
    assert tied > 1  # the fixture network has several organisations of the lowest degree
    at.text_input(key="metrics_find").input(last["key"]).run()
    found = next(d.value for d in at.dataframe if "place by pagerank" in d.value.columns and "degree" not in d.value)
    first_place = int(ranked.index[ranked["degree"] == last["degree"]][0]) + 1
    assert found["place by degree"].iloc[0] == f"{first_place:,} of {len(ranked):,}, tied with {tied - 1:,}"


def test_a_text_held_only_inside_a_compound_name_finds_it_and_says_so(app_store):  # noqa: F811
    at = computed()
    at.text_input(key="metrics_find").input("sykehus").run()  # OSLO UNIVERSITETSSYKEHUS HF: no word starts with it
    found = next(d.value for d in at.dataframe if "place by pagerank" in d.value.columns and "degree" not in d.value)
    assert list(found["name"]) == ["OSLO UNIVERSITETSSYKEHUS HF"]
    assert "No name has a word starting with 'sykehus'; these hold it inside a word" in texts(at)
