"""An empty saved query's advice in the app points to the Data page, whose upload of a table alone makes the
mapping; the CLI keeps its own words (AppTest and CliRunner, real embedded store). The app had told a programme
officer to run `cluster-explorer mapping new TABLE` and to map a column in a [[nodes]] table."""

from __future__ import annotations

from tests.test_app import app_store, open_page, texts  # noqa: F401  (app_store is a fixture)


def warnings(at) -> str:
    return "\n".join(w.value for w in at.warning).replace("\\", "")  # as read, without Markdown's escapes


def test_an_empty_member_list_points_to_the_data_page(app_store):  # noqa: F811
    """INTERIOR CLUSTER SWEDEN AB, a cluster CORDIS lists, has no member in the store."""
    said = warnings(open_page("queries", queries_name="clusters/members",
                              **{"queries_clusters/members:cluster": "pic:891286441"}))
    assert "Data page" in said, said
    assert "cluster-explorer mapping" not in said


def test_a_country_no_cluster_has_points_to_the_data_page(app_store):  # noqa: F811
    said = warnings(open_page("queries", queries_name="clusters/in-projects",
                              **{"queries_clusters/in-projects:country": "XX"}))
    assert "Data page" in said, said
    assert "[[nodes]]" not in said


def test_the_cli_keeps_its_words(app_store, embedded_server):  # noqa: F811
    from tests.cli_invoke import cli_env, invoke

    said = invoke(cli_env(embedded_server, "app_tests"), "queries", "run", "clusters/in-projects", "-p", "country=XX")
    assert "in a [[nodes]] table of Cluster" in said.stdout + said.stderr
