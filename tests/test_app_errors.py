"""The app shows the tool's own errors as one message, never a traceback: a bad setting, bad parameters.

Run by streamlit.testing.v1.AppTest on a real embedded store, pointed at it by environment variables.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.store.falkordb_store import FalkorDBStore

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def seeded_app(embedded_server, tmp_path, monkeypatch):
    """The seed data in a graph of its own, and the environment that points the app at it."""
    from loaders.seeds import load_seeds

    store = FalkorDBStore(embedded_server, "app_errors")
    store.setup_schema()
    load_seeds(store)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("CLUSTER_EXPLORER_DB", str(embedded_server))
    monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", "app_errors")
    monkeypatch.setenv("CLUSTER_EXPLORER_QUERIES", str(tmp_path / "queries"))
    yield store
    st.cache_resource.clear()  # closes the stores the app opened
    store.clear()
    store.close()


@pytest.mark.parametrize(("name", "value"), [("CLUSTER_EXPLORER_QUERY_TIMEOUT", "10s"),
                                             ("CLUSTER_EXPLORER_ROW_CAP", "-1")])
def test_a_bad_setting_is_one_message(monkeypatch, tmp_path, name, value):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("CLUSTER_EXPLORER_DB", str(tmp_path / "never-opened.db"))
    monkeypatch.setenv(name, value)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1 and at.error[0].value.startswith(f"{name}={value!r} is not a")
    assert not (tmp_path / "never-opened.db").exists()


@pytest.mark.parametrize(("params", "message"), [
    ('{"id": ', "the parameters are not JSON"),
    ('["SE"]', "the parameters must be a JSON object"),
])
def test_bad_adhoc_parameters_are_one_message(seeded_app, params, message):
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/queries.py").run()
    at.text_input(key="queries_adhoc_params").input(params).run()
    at.button(key="queries_adhoc_run").click().run()
    assert not at.exception
    assert [e.value for e in at.error if message in e.value]
    at.button(key="FormSubmitter:queries_save-Save").click().run()
    assert not at.exception
    assert len([e.value for e in at.error if message in e.value]) == 1
