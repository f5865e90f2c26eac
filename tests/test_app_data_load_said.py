"""What the Data page says of a load of CORDIS, NUTS or the sample, by AppTest on an empty graph of the real embedded
store: the counts with thousands marks and each fact derived after the load on a line of its own. The sample's load
had said "cordis: 30,255 nodes, 123,600 relationships. 30255 nodes created, 0 updated, 0 unchanged; ... activity
counts: 21680 organisation(s) recounted ... SMEs: ..." in one paragraph."""

from __future__ import annotations

import pytest

from app_pages.data_loads import written
from graph.store.falkordb_store import FalkorDBStore
from graph.store.writer import WriteSummary
from tests.app_graph import app_on_stores
from tests.conftest import FIXTURES
from tests.test_app import open_page


@pytest.fixture(scope="module")
def empty_graph(embedded_server, tmp_path_factory):
    store = FalkorDBStore(embedded_server, "app_load_said")
    store.clear()
    store.setup_schema()
    with app_on_stores(embedded_server, "app_load_said", tmp_path_factory.mktemp("user_queries"), store):
        yield store


def test_a_loads_counts_have_thousands_marks():
    summary = WriteSummary(created=30_255, relationships=123_600, relationships_created=123_600)
    assert written(summary) == ("30,255 nodes (30,255 created, 0 updated, 0 unchanged), 123,600 relationships "
                                "(123,600 created, 0 updated, 0 unchanged)")


def test_each_fact_derived_after_a_cordis_load_is_a_line_of_its_own(empty_graph):
    at = open_page("data")
    at.text_input(key="data_CORDIS_path").input(str(FIXTURES / "cordis")).run()
    at = at.button(key="data_CORDIS_load").click().run()
    assert not at.exception
    said = [s.value for s in at.success if s.value.startswith("cordis:")]
    assert len(said) == 1 and " created, " in said[0] and "activity counts" not in said[0]
    assert any(c.value.replace("\\", "").startswith("activity counts: ") for c in at.caption)
