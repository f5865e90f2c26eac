"""Metrics' *Find in the ranking* on the graph of organisations, by AppTest on the real embedded store of
tests/test_app.py: a cluster is an organisation too (the seeds' and a user's member list's carry both labels), and
one without projects had been said to be nowhere in the store ("Nothing in this graph or the store is named or
numbered like “Kunststoff-Cluster”", of a user's own cluster): it is named as left out, with why."""

from __future__ import annotations

from tests.test_app import app_store, texts  # noqa: F401  (app_store is a fixture)
from tests.test_app_metrics_find import computed


def test_a_cluster_without_projects_is_said_to_be_left_out_of_the_organisations(app_store):  # noqa: F811
    at = computed(metrics_kind="organisation")
    at.text_input(key="metrics_find").input("smaland").run()
    said = texts(at)
    assert "Not in this graph of organisations: Automation Småland" in said
    assert "Nothing in this graph or the store" not in said
