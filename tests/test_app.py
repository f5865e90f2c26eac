"""Every page of the Streamlit app, run by streamlit.testing.v1.AppTest on a real embedded store.

The app is pointed at its own graph in the session's embedded server through the same environment
variables a user sets (CLUSTER_EXPLORER_DB / _GRAPH / _QUERIES); nothing is mocked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import counts
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from tests.app_graph import app_on_stores
from tests.conftest import FIXTURES, open_fixture_network

APP = str(Path(__file__).resolve().parents[1] / "app.py")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "members"
XSS = "<img src=x onerror=alert(1)>"


def xss_records() -> tuple[list[NodeRecord], list[RelRecord]]:
    """An organisation whose name is markup, a member of IoT World: the escaping tests look for it."""
    node = NodeRecord("Organisation", "xss-test", XSS, ("seed:000",), properties={"country": "SE"})
    return [node], [RelRecord("MEMBER_OF", "Organisation", "xss-test", "Cluster", "iot-world", ("seed:000",))]


@pytest.fixture(scope="module")
def app_store(embedded_server, tmp_path_factory):
    """Seeds, the NUTS and CORDIS fixtures and the XSS node, in the graph the app is pointed at."""
    store = open_fixture_network(embedded_server, "app_tests")
    write_records(store, *xss_records())
    with app_on_stores(embedded_server, "app_tests", tmp_path_factory.mktemp("user_queries"), store):
        yield store


def open_page(page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py")
    at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def network_html(at: AppTest) -> str:
    """The page st.iframe embeds (its `srcdoc`)."""
    return at.get("iframe")[0].proto.srcdoc


def table(at: AppTest, column: str):
    """The first table (as a DataFrame) that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def texts(at: AppTest) -> str:
    parts = [*at.markdown, *at.caption, *at.info, *at.success, *at.warning, *at.error, *at.subheader]
    return "\n".join(str(p.value) for p in parts)


def test_overview_shows_counts_sources_and_the_store(app_store):
    at = open_page()
    assert [m.label for m in at.metric] == ["Nodes", "Relationships", "Organisations", "Projects", "Loads"]
    assert int(at.metric[4].value) == 3
    assert "falkordb" in at.sidebar.caption[0].value
    assert set(at.dataframe[0].value["source"]) == {"seeds", "nuts", "cordis"}


@pytest.fixture
def empty_graph(app_store, embedded_server, monkeypatch, request):
    """An empty graph of the test's own, the app pointed at it; cleared afterwards."""
    name = f"app_empty_{request.node.originalname}"
    monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", name)
    empty = FalkorDBStore(embedded_server, name)
    empty.clear()
    yield empty
    empty.clear()
    empty.close()


def test_an_empty_store_offers_the_seed_data(empty_graph):
    at = open_page()
    assert "store is empty" in at.info[0].value
    at.button(key="overview_load_seeds").click().run()
    assert not at.exception
    assert counts(empty_graph)[0]["Cluster"] >= 20
    assert [m.label for m in at.metric][:2] == ["Nodes", "Relationships"]


def test_an_empty_store_offers_the_bundled_sample(empty_graph):
    at = open_page()
    assert "Load the bundled real sample" in at.info[0].value
    at.button(key="overview_load_sample").click().run(timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    labels = counts(empty_graph)[0]
    assert labels["Project"] >= 5768 and labels["Organisation"] >= 21680  # the real network, not the seeds
    loads = at.dataframe[0].value
    assert set(loads["source"]) == {"seeds", "nuts", "cordis"}  # Sources loaded, after rerun
    assert loads["loaded_at"].nunique() == 1 and (loads["started_at"] <= loads["loaded_at"]).all()
    assert any("complete together" in c.value for c in at.caption)  # one completion time, said why


def test_an_unreachable_store_gives_one_message(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("CLUSTER_EXPLORER_DB", str(blocker / "store.db"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1 and "cannot be reached" in at.error[0].value
    assert "CLUSTER_EXPLORER_DB" in at.error[0].value


def test_neo4j_credentials_come_from_secrets(monkeypatch):
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["NEO4J_URI"] = f"bolt://127.0.0.1:{closed_port()}"
    at.secrets["NEO4J_PASSWORD"] = "from-secrets"
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and "cannot reach Neo4j at bolt://127.0.0.1" in at.error[0].value
    assert "from-secrets" not in at.error[0].value


def closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free now, and nothing listens on it once closed


def test_explore_draws_the_network_and_details(app_store):
    at = open_page("explore", explore_focus="Cluster:iot-world")
    assert at.multiselect(key="explore_focus").value == ["Cluster:iot-world"]
    html = network_html(at)
    assert "vis.Network" in html and "IoT World" in html
    assert at.subheader[0].value == "IoT World"
    assert at.selectbox(key="explore_details").placeholder == "IoT World, the focus; or choose another node"
    assert [b.label for b in at.get("download_button")] == ["GraphML", "Nodes CSV", "Edges CSV", "Network HTML"]


def test_explore_shows_markup_names_as_text(app_store):
    at = open_page("explore", explore_focus="Organisation:xss-test")
    html = network_html(at)
    assert XSS not in html and "onerror=alert(1)" in html  # present, but only as escaped JSON
    assert at.subheader[0].value.replace("\\", "") == XSS  # markdown-escaped, shown as typed


def test_explore_filters_by_place(app_store):
    at = open_page("explore")
    at.multiselect(key="explore_places").select("Country:NO").run()
    assert not at.exception
    html = network_html(at)
    assert "Industrial Green Tech" in html and "Automation Sm" not in html


def test_a_saved_query_runs_from_the_url(app_store):
    at = open_page("queries", queries_name="labels/valid-on")
    assert at.selectbox(key="queries_name").value == "labels/valid-on"
    rows = table(at, "cluster")
    assert len(rows) >= 1 and "label" in rows.columns
    assert {b.label for b in at.get("download_button")} >= {"All rows as CSV", "All rows as JSON"}
    # a label without an expiry date (IoT World's) shows a blank cell, not a grey "None" read as a value
    assert rows["expires"].isna().sum() == 0 and (rows["expires"] == "").any(), rows[["cluster", "expires"]]


def test_a_query_that_returns_nodes_is_drawn_as_a_network(app_store):
    at = open_page("queries")
    at.text_area(key="queries_adhoc").input(
        "MATCH (c:Cluster {id: 'iot-world'})-[h:HAS_LABEL]->(q:QualityLabel) RETURN c, h, q").run()
    at.button(key="queries_adhoc_run").click().run()
    assert not at.exception
    at.segmented_control(key="queries_adhoc_shown").set_value("Graph").run()
    html = at.get("iframe")[-1].proto.srcdoc
    assert "ESCA Silver" in html and "HAS_LABEL" in html


def test_adhoc_cypher_is_read_only_and_can_be_saved(app_store):
    at = open_page("queries")
    at.text_area(key="queries_adhoc").input("CREATE (c:Cluster {id: 'intruder'}) RETURN c").run()
    at.button(key="queries_adhoc_run").click().run()
    assert any("only read-only queries" in e.value for e in at.error)
    assert "intruder" not in {r[0] for r in app_store.read("MATCH (c:Cluster) RETURN c.id").rows}
    at.text_area(key="queries_adhoc").input("MATCH (c:Cluster {id: $id}) RETURN c.name AS name").run()
    at.text_input(key="queries_adhoc_params").input('{"id": "iot-world"}').run()
    at.button(key="queries_adhoc_run").click().run()
    assert at.dataframe[-1].value["name"].tolist() == ["IoT World"]
    at.text_input(key="queries_save_name").input("mine/one-cluster")  # in a form: sent by its submit button
    at.button(key="FormSubmitter:queries_save-Save").click().run()
    assert any("mine/one-cluster" in s.value for s in at.success)
    at = open_page("queries", queries_name="mine/one-cluster")
    assert at.dataframe[0].value["name"].tolist() == ["IoT World"]


def test_metrics_compute_chart_and_write_back(app_store):
    at = open_page("metrics")
    at.button(key="metrics_compute").click().run()
    assert not at.exception
    metrics = table(at, "pagerank")
    assert {"degree", "pagerank", "betweenness"} <= set(metrics.columns) and len(metrics) > 10
    assert len(at.get("arrow_vega_lite_chart")) == 2 or len(at.get("vega_lite_chart")) >= 2
    at.button(key="metrics_write").click().run()
    assert any("Wrote" in s.value for s in at.success)
    written = app_store.read("MATCH (o:Organisation) WHERE o.pagerank IS NOT NULL RETURN count(o)").rows[0][0]
    assert written > 10


def test_partners_recommends_with_reasons_and_paths(app_store):
    at = open_page("partners", partners_focal="Cluster:iot-world")
    ranked = table(at, "candidate")
    assert len(ranked) >= 1 and {"rank", "candidate", "score"} <= set(ranked.columns)
    assert len(at.expander) == len(ranked)
    assert "Partners" in at.title[0].value


def test_partners_asks_for_a_consortium_first(app_store):
    at = open_page("partners")
    assert "Search for one or more" in at.info[0].value


def test_map_draws_places_without_a_base_map(app_store):
    at = open_page("map", map_level="Countries")  # bound with labels: the URL holds what the slider shows
    assert at.select_slider(key="map_level").value == 0
    chart = at.get("deck_gl_json_chart")[0]
    assert "ScatterplotLayer" in chart.proto.json and "ArcLayer" in chart.proto.json
    assert "cartocdn" not in chart.proto.json and "mapbox" not in chart.proto.json.lower()
    assert "EuroGeographics" in texts(at)


def upload(at: AppTest, folder: Path, mapping: str = "mapping.toml") -> AppTest:
    data = [(p.name, p.read_bytes(), "text/plain") for p in sorted(folder.iterdir()) if p.name != mapping]
    at.file_uploader(key="data_mapping").set_value((mapping, (folder / mapping).read_bytes(), "text/plain"))
    at.file_uploader(key="data_files").set_value(data)
    return at.run()


def test_a_bad_upload_is_refused_with_its_problems(app_store):
    before = counts(app_store)
    at = upload(open_page("data"), FIXTURES / "generic_bad" / "bad_date")
    assert not at.exception
    assert "nothing was written" in at.error[0].value
    problems = table(at, "problem")
    assert list(problems.columns) == ["file", "line", "column", "problem"]
    assert problems.iloc[0]["file"] == "members.csv" and problems.iloc[0]["line"] >= 2
    assert problems.iloc[0]["column"]
    assert not [b for b in at.button if b.key == "data_load"]
    assert counts(app_store) == before


def test_the_data_page_loads_nuts_from_a_folder(app_store):
    at = open_page("data")
    assert at.text_input(key="data_CORDIS_path").placeholder.startswith("a path on this machine, e.g. ")
    assert at.text_input(key="data_CORDIS_path").placeholder.endswith("cordis-HORIZONprojects-csv.zip (where "
                                                                      "Download puts it)")
    at.text_input(key="data_NUTS_path").input(str(FIXTURES / "nuts")).run()
    at.button(key="data_NUTS_load").click().run()
    assert not at.exception
    assert any("unchanged" in s.value or "created" in s.value for s in at.success)


def test_a_good_upload_previews_then_loads(app_store):
    at = upload(open_page("data"), EXAMPLES)
    assert not at.error and "Valid" in at.success[0].value
    assert len(table(at, "label")) > 3
    at.button(key="data_load").click().run()
    assert not at.exception and any("Loaded" in s.value for s in at.success)
    names = {r[0] for r in app_store.read("MATCH (p:Person) RETURN p.name").rows}
    assert "Anna Lindqvist" in names


def test_a_path_step_that_no_relationship_holds_is_drawn_dashed_and_said(app_store):
    """A partner cluster's path from a seed sector to the CORDIS field of its name was drawn in pieces ("5 nodes,
    2 relationships"): a step that the store links by no relationship is now a dashed line, and the page says so."""
    from tests.test_render import data_of

    path = "Cluster:automation-smaland,Sector:automation,Cluster:iot-world"  # IoT World works in no Automation
    at = open_page("explore", path=path)
    nodes, edges = data_of(network_html(at))
    ids = {n["key"]: n["id"] for n in nodes}
    dashed = [(e["from"], e["to"]) for e in edges if e.get("dashes")]
    assert dashed == [(ids["Sector:automation"], ids["Cluster:iot-world"])]
    assert any(e["from"] == ids["Cluster:automation-smaland"] and e["to"] == ids["Sector:automation"]
               and not e.get("dashes") for e in edges)
    assert "(dashed: a sector of the seeds and the CORDIS field of its name" in at.info[0].value
    assert at.select_slider(key="explore_depth").disabled  # a path shows its own nodes, whatever the depth
