"""A link's metrics as a person writes them (`app_pages/linked_choices.py`, on the Metrics page).

Streamlit drops a bound multiselect's address value that is none of its options without a word:
`?metrics_chosen=PageRank&metrics_chosen=degree&metrics_chosen=fame` opened with `degree` alone.
"""

from __future__ import annotations

from tests.test_app import app_store, open_page, texts  # noqa: F401  (app_store is a fixture)

LEFT_OUT = "The link asked for “fame”, which is not among the metrics: left out."


def test_a_metric_in_another_case_is_taken_and_one_that_is_none_is_said(app_store):  # noqa: F811
    at = open_page("metrics", metrics_kind="cluster", metrics_chosen=["PageRank", "Weighted degree", "fame"])
    assert at.multiselect(key="metrics_chosen").value == ["pagerank", "weighted_degree"]
    assert LEFT_OUT in texts(at)
    at.multiselect(key="metrics_chosen").set_value(["degree"]).run()  # changed: the link's question is gone
    assert LEFT_OUT not in texts(at)


def test_a_link_of_no_metric_keeps_the_default_and_says_why(app_store):  # noqa: F811
    at = open_page("metrics", metrics_kind="cluster", metrics_chosen="fame")
    assert at.multiselect(key="metrics_chosen").value == ["degree", "weighted_degree", "pagerank", "betweenness"]
    assert LEFT_OUT in texts(at)


def test_a_link_of_metrics_as_written_says_nothing(app_store):  # noqa: F811
    at = open_page("metrics", metrics_kind="cluster", metrics_chosen=["degree", "pagerank"])
    assert at.multiselect(key="metrics_chosen").value == ["degree", "pagerank"]
    assert "The link asked for" not in texts(at)


def test_a_one_choice_box_takes_a_link_s_value_by_its_name_in_any_case(app_store):  # noqa: F811
    """`?partners_label=ESCA Silver`, the name the box shows, had been said to be no choice and the box left at none
    (the seeds' clusters hold Bronze and Silver, so the box offers those: tests/test_app_partners_labels.py)."""
    for linked in ("ESCA Silver", "Esca-SILVER"):
        at = open_page("partners", partners_focal="Cluster:automation-smaland", partners_label=linked)
        assert at.selectbox(key="partners_label").value == "esca-silver"
        assert at.query_params["partners_label"] in ("esca-silver", ["esca-silver"])
        assert "The link asked for" not in texts(at)
    at = open_page("partners", partners_focal="Cluster:automation-smaland", partners_label="platinum")
    assert at.selectbox(key="partners_label").value is None
    assert "The link asked for “platinum”, which is not among the choices here: showing none asked." in texts(at)
