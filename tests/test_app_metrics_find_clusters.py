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


def test_an_organisation_found_in_a_graph_of_clusters_is_said_to_be_one(app_store):  # noqa: F811
    """A try-out's "Tecnalia" in the graph of clusters had said "Nothing in this graph or the store is named ...", of
    an organisation the store holds: the graph of clusters cannot hold it, and the page says which graph does."""
    at = computed(metrics_kind="cluster")
    at.text_input(key="metrics_find").input("university of california").run()
    said = texts(at)
    assert "Nothing in this graph or the store" not in said
    assert "Not in this graph of clusters: THE REGENTS OF THE UNIVERSITY OF CALIFORNIA is an" in said
    assert "is an organisation, not a cluster: choose Graph of = organisation, or find the cluster it is a member of" \
        in said
