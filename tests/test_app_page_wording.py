"""What Explore, Metrics and Partners say (AppTest, real embedded store, the graph of tests/test_app.py): the
Max nodes note and the view it describes, results computed for other settings, and Partners' labels and titles.
"""

from __future__ import annotations

import json

from app_pages import partners_index
from graph.analytics.recommend import LABEL_LEVELS
from graph.views import store_views
from graph.views.filters import Filters
from tests.test_app import app_store, open_page  # noqa: F401  (app_store is a fixture)
from tests.test_explore_polish import data_of, network_html

KINDS = ("Cluster", "Organisation")


def kinds_counts(store) -> tuple[int, int]:
    whole = store_views.explore_view(store, Filters(kinds=KINDS), cap=5000)
    assert not store_views.was_cut(whole)
    kinds = [k.split(":", 1)[0] for k in whole]
    return kinds.count("Cluster"), kinds.count("Organisation")


def test_a_kind_with_fewer_nodes_than_its_share_leaves_the_rest_to_the_others(app_store):  # noqa: F811
    clusters, organisations = kinds_counts(app_store)
    cap = max(2 * clusters + 2, 10)  # half the cap is more than the clusters there are
    assert organisations > cap - clusters, "the case needs more organisations than the clusters leave room for"
    view = store_views.explore_view(app_store, Filters(kinds=KINDS), cap=cap)
    assert store_views.was_cut(view) and view.number_of_nodes() == cap  # before: clusters + cap // 2
    assert sum(k.startswith("Cluster:") for k in view) == clusters


def test_the_max_nodes_note_gives_the_number_the_view_shows(app_store):  # noqa: F811
    clusters, _ = kinds_counts(app_store)
    cap = max(2 * clusters + 2, 10)
    at = open_page("explore", explore_kinds=list(KINDS), explore_cap=str(cap))
    nodes, _ = data_of(network_html(at))
    (note,) = [i.value for i in at.info if "Max nodes" in i.value]
    assert f"Max nodes ({cap:,}): it shows {len(nodes):,} nodes" in note and len(nodes) == cap


def test_metrics_computed_for_other_settings_say_so_until_computed_again(app_store):  # noqa: F811
    at = open_page("metrics", metrics_kind="cluster", metrics_chosen="degree")
    at.button(key="metrics_compute").click().run()
    assert not at.warning and at.caption[0].value.startswith("cluster: ")
    at.selectbox(key="metrics_kind").set_value("region").run()
    (stale,) = [w.value for w in at.warning]
    assert stale == "These results were computed for cluster; press Compute for region."
    assert at.caption[0].value.startswith("cluster: ")  # the figures say what they are of
    at.button(key="metrics_compute").click().run()
    assert not at.warning and at.caption[0].value.startswith("region: ")


def test_compute_waits_for_a_metric_to_be_chosen(app_store):  # noqa: F811
    at = open_page("metrics", metrics_kind="cluster", metrics_chosen="degree")
    assert not at.button(key="metrics_compute").disabled
    at.multiselect(key="metrics_chosen").set_value([]).run()
    assert at.button(key="metrics_compute").disabled and not at.exception
    assert at.button(key="metrics_compute").proto.help == "Choose at least one metric"


def test_a_link_holds_the_metrics_nuts_level(app_store):  # noqa: F811
    at = open_page("metrics", metrics_kind="region", metrics_level="3")
    assert at.select_slider(key="metrics_level").value == 3
    at.button(key="metrics_compute").click().run()
    assert at.caption[0].value.startswith("region region_level=3: ")  # computed on the level of the link


def test_the_minimum_label_shows_names_and_the_link_keeps_ids(app_store):  # noqa: F811
    at = open_page("partners", partners_focal="Cluster:automation-smaland", partners_label="esca-silver")
    label = at.selectbox(key="partners_label")
    assert label.options == ["none asked", "ESCA Bronze", "ESCA Silver"]  # the seeds' clusters hold no Gold
    assert label.value == "esca-silver" and len(LABEL_LEVELS) == 3
    label.set_value("esca-bronze").run()
    assert at.query_params["partners_label"] == "esca-bronze" and not at.exception


def test_the_partners_status_boxes_say_what_is_ready(app_store):  # noqa: F811
    partners_index.forget()  # as after a restart: the index and the profiles are read again, in status boxes
    at = open_page("partners", partners_focal="Cluster:automation-smaland")
    titles = [box.label for box in at.get("status")]
    assert "Ready" not in titles, titles
    assert {"Partner search ready", "Partner search ready (read from disk)"} & set(titles), titles


def test_the_call_check_says_the_chosen_nodes_are_the_consortium(app_store):  # noqa: F811
    at = open_page("partners", partners_focal="Cluster:automation-smaland", partners_sme="0.5",
                   partners_countries="3")
    gaps = [w.value for w in at.warning if w.value.startswith("Gap:")]
    assert any("for 1 partner" in g and "Automation Småland" in g for g in gaps), gaps  # the one chosen
    assert any(c.value.startswith("The consortium so far: the 1 organisation or cluster chosen above")
               for c in at.caption)


def test_each_gap_lists_as_many_candidates_as_the_page_asks(app_store):  # noqa: F811
    """The call check listed 5 candidates per gap whatever Candidates said (4 and 5 seen with Candidates = 3)."""
    for k in ("2", "3"):
        at = open_page("partners", partners_focal="Cluster:automation-smaland", partners_countries="3",
                       partners_k=k)
        gaps = [d.value for d in at.dataframe if "fills it" in d.value.columns]
        assert gaps and all(len(rows) == int(k) for rows in gaps), [len(rows) for rows in gaps]


def _headers(table) -> dict[str, dict]:
    """A shown table's column settings (st.column_config), by column: the header shown and its tooltip."""
    return json.loads(table.proto.columns or "{}")


def test_the_partner_scores_columns_say_in_words_what_each_part_means(app_store):  # noqa: F811
    """A cluster manager read the Partners table's `sectors 0.22, projects 2.44` and `pagerank` as codes."""
    at = open_page("partners", partners_focal="Cluster:automation-smaland")
    headers = {column: _headers(table)[column] for table in at.dataframe for column in _headers(table)}
    assert headers["score"]["label"] == "Score" and "higher is a better fit" in headers["score"]["help"]
    assert headers["sectors"]["label"] == "Same sectors", headers
    assert all(headers[part].get("help") for part in ("sectors", "programmes", "places", "label"))


def test_the_metrics_columns_say_in_words_what_each_measure_means_and_which_way_is_better(app_store):  # noqa: F811
    at = open_page("metrics")
    assert "**pagerank**: Influence (PageRank)" in at.multiselect(key="metrics_chosen").help
    at.button(key="metrics_compute").click().run()
    headers = _headers(at.dataframe[0])
    assert headers["pagerank"]["label"] == "Influence (PageRank)" and "higher is" in headers["pagerank"]["help"]
    assert headers["betweenness"]["label"] == "Bridge (betweenness)"
    assert headers["place by degree"]["help"] == "1 is the highest"
