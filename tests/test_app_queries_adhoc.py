"""The Queries page's own-Cypher editor, by AppTest on the real embedded store of tests/test_app.py: every row of
an ad-hoc result can be downloaded as a saved query's can, and a save under a shipped query's name is refused.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.test_app import app_store, open_page  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")
EVERY_NODE = "MATCH (n) RETURN n.id AS id ORDER BY id"


def run_adhoc(at, cypher: str):
    at.text_area(key="queries_adhoc").input(cypher).run()
    return at.button(key="queries_adhoc_run").click().run()


def adhoc_downloads(at) -> dict:
    return {b.proto.label: b.proto for b in at.get("download_button") if b.proto.id.endswith("queries_adhoc_csv")
            or b.proto.id.endswith("queries_adhoc_json")}


def test_an_adhoc_result_offers_every_row_for_download():
    at = run_adhoc(open_page("queries"), "MATCH (c:Cluster {id: 'iot-world'}) RETURN c.name AS name")
    buttons = adhoc_downloads(at)
    assert set(buttons) == {"All rows as CSV", "All rows as JSON"} and all(b.url for b in buttons.values())


def test_an_adhoc_result_cut_at_the_cap_reads_every_row_for_its_downloads(monkeypatch, app_store):  # noqa: F811
    monkeypatch.setenv("CLUSTER_EXPLORER_ROW_CAP", "2")
    at = run_adhoc(open_page("queries"), EVERY_NODE)
    shown = at.get("caption")
    assert any("2 rows (cut at the display cap; the downloads have all of them)" in c.value for c in shown)
    assert not adhoc_downloads(at)
    at.text_area(key="queries_adhoc").input("MATCH (n) RETURN count(n) AS n").run()  # edited, not run again
    at = at.button(key="queries_adhoc_prepare").click().run()
    assert not at.exception and set(adhoc_downloads(at)) == {"All rows as CSV", "All rows as JSON"}
    every = at.session_state["queries_adhoc_prepared"][1]  # what the buttons were prepared from: the query run
    assert not every.truncated and every.rows == app_store.read(EVERY_NODE, row_cap=10**6).rows
    assert len(every.rows) > 2 and json.loads(json.dumps(every.records()))[0].keys() == {"id"}


def test_a_save_under_a_shipped_querys_name_is_refused_and_names_the_clash():
    at = open_page("queries")
    at.text_input(key="queries_save_name").input("labels/expiring")
    at.button(key="FormSubmitter:queries_save-Save").click().run()
    assert not at.success and not at.exception
    message = at.error[-1].value
    assert message.startswith("Not saved: 'labels/expiring' is the name of a shipped query")
    assert "choose another name" in message
    at = open_page("queries", queries_name="labels/expiring")
    assert "one of your queries" not in " ".join(m.value for m in at.markdown)


def test_a_link_holds_the_adhoc_cypher_and_its_parameters():
    """A link to the page with a query typed in it opened on the example: the text and its parameters are now kept
    in the address, so a colleague who opens it sees the query (and runs it with one click)."""
    cypher = "MATCH (c:Cluster {id: $id}) RETURN c.name AS name"  # (the browser writes the address: e2e)
    linked = open_page("queries", queries_adhoc=cypher, queries_adhoc_params='{"id": "iot-world"}')
    assert linked.text_area(key="queries_adhoc").value == cypher
    ran = linked.button(key="queries_adhoc_run").click().run()
    assert any(c.value == "1 row" for c in ran.get("caption"))


def test_a_second_save_under_a_name_of_mine_asks_before_replacing_it(app_store):  # noqa: F811
    """The name field keeps its example name: two saves in a row had overwritten the first query without a word."""
    folder = Path(os.environ["CLUSTER_EXPLORER_QUERIES"])
    at = open_page("queries")
    at.text_area(key="queries_adhoc").input("MATCH (c:Cluster) RETURN c.name AS name").run()
    at.text_input(key="queries_save_name").input("mine/kept-once")
    at.button(key="FormSubmitter:queries_save-Save").click().run()
    assert any("mine/kept-once" in s.value for s in at.success)
    first = (folder / "mine" / "kept-once.cypher").read_text(encoding="utf-8")
    at.text_area(key="queries_adhoc").input("MATCH (r:Region) RETURN r.name AS name").run()
    at.button(key="FormSubmitter:queries_save-Save").click().run()
    assert at.error[-1].value.startswith("Not saved: mine/kept-once is already one of your queries")
    assert (folder / "mine" / "kept-once.cypher").read_text(encoding="utf-8") == first
    at.checkbox(key="queries_save_replace").check()
    at.button(key="FormSubmitter:queries_save-Save").click().run()
    assert "r:Region" in (folder / "mine" / "kept-once.cypher").read_text(encoding="utf-8")


def test_the_tags_are_in_the_address_and_those_of_the_namespace():
    """Every control is in the address bar, Tags had not been; and it offered every tag of the library whatever the
    namespace ("countries" under labels, which then listed no query)."""
    at = open_page("queries", queries_namespace="labels", queries_tags="clusters")
    tags = at.multiselect(key="queries_tags")
    assert tags.value == ["clusters"]
    assert "countries" not in tags.options and "labels" in tags.options
    assert all("·  labels/" in shown for shown in at.selectbox(key="queries_name").options)  # "Title  ·  name"


def test_an_empty_adhoc_result_names_the_label_it_likely_meant():
    """`(c:cluster)` found nothing without a word on the page (labels are case-sensitive)."""
    at = run_adhoc(open_page("queries"), "MATCH (c:cluster) RETURN c.name AS name")
    assert not at.exception
    said = [i.value for i in at.info if i.value.startswith("No row:")]
    assert said and said[0].startswith("No row: the store holds no node labelled cluster (did you mean Cluster?)")
    at = run_adhoc(at, "MATCH (c:Cluster {id: 'no-such-cluster'}) RETURN c.name AS name")
    assert not [i for i in at.info if i.value.startswith("No row:")]


def test_explain_shows_the_plan_and_profile_says_why_it_does_not_run():
    at = run_adhoc(open_page("queries"), "EXPLAIN MATCH (c:Cluster) RETURN c.name AS name")
    assert not at.exception and list(at.dataframe[-1].value.columns) == ["plan"]
    assert "IoT World" not in at.dataframe[-1].value["plan"].tolist()
    at = run_adhoc(at, "PROFILE MATCH (c:Cluster) RETURN c.name AS name")
    assert at.error[-1].value.startswith("PROFILE is not run here") and "queries_adhoc_result" not in at.session_state


def test_an_empty_answer_to_a_number_says_how_to_send_it_as_text():
    at = open_page("queries")
    at.text_input(key="queries_adhoc_params").input('{"id": 910945140}').run()
    at = run_adhoc(at, "MATCH (o:Organisation {id: $id}) RETURN o.name AS name")
    assert any("$id was sent as the number 910945140" in i.value and '{"id": "910945140"} in Parameters as JSON'
               in i.value for i in at.info)


def test_an_empty_answer_to_a_list_of_numbers_says_how_to_send_them_as_text():
    at = open_page("queries")
    at.text_input(key="queries_adhoc_params").input('{"ids": [910945140, 884723712]}').run()
    at = run_adhoc(at, "MATCH (o:Organisation) WHERE o.id IN $ids RETURN o.name AS name")
    assert any("$ids was sent with numbers in its list (910945140, 884723712)" in i.value
               and '{"ids": ["910945140", "884723712"]} in Parameters as JSON' in i.value for i in at.info)


def test_an_empty_answer_to_a_name_for_an_id_says_the_id_to_send():
    at = open_page("queries")
    at.text_input(key="queries_adhoc_params").input('{"id": "IoT World"}').run()
    at = run_adhoc(at, "MATCH (c:Cluster {id: $id}) RETURN c.name AS name")
    assert any("$id 'IoT World' is no node's id but names IoT World (Cluster:iot-world)" in i.value
               and '{"id": "iot-world"} in Parameters as JSON' in i.value for i in at.info)
