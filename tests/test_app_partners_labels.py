"""The Partners page's *Minimum quality label* offers the levels some organisation or cluster of the store holds
(AppTest, a real embedded store of the NUTS and CORDIS fixtures, no seeds): with none it is greyed out and says how
to add labels (it had offered all three on a store without one, each matching no candidate); with ESCA Bronze
alone, Bronze only. The seeds' store, whose clusters hold Bronze and Silver, offers those two
(tests/test_app_page_wording.py)."""

from __future__ import annotations

import pytest

from app_pages.widgets import NO_LABELS
from loaders.cordis import load_cordis
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from tests.app_graph import app_on_graph
from tests.conftest import FIXTURES
from tests.generic_files import write_files
from tests.test_app import open_page, texts

LABELS = {
    "mapping.toml": """
name = "labels"
[[nodes]]
file = "labels.csv"
label = "QualityLabel"
id = "level"
name = "level_name"

[[nodes]]
file = "clusters.csv"
label = "Cluster"
id = "id"
name = "name"

[[relationships]]
file = "clusters.csv"
type = "HAS_LABEL"
start = { label = "Cluster", column = "id" }
end = { label = "QualityLabel", column = "esca" }
""",
    "labels.csv": "level,level_name\nesca-bronze,ESCA Bronze\n",
    "clusters.csv": "id,name,esca\nbronze-cluster,Bronze Cluster,esca-bronze\n",
}


@pytest.fixture(scope="module")
def unlabelled(embedded_server, tmp_path_factory):
    """A store of CORDIS organisations, none holding a label; the app reads it."""
    from graph.store.falkordb_store import FalkorDBStore

    store = FalkorDBStore(embedded_server, "partners_labels_tests")
    store.clear()
    store.setup_schema()
    load_nuts(store, FIXTURES / "nuts")
    load_cordis(store, FIXTURES / "cordis")
    with app_on_graph(embedded_server, "partners_labels_tests", tmp_path_factory.mktemp("user_queries")):
        yield store
    store.clear()
    store.close()


def test_a_store_without_labels_greys_the_box_out_and_says_how_to_add_them(unlabelled):
    box = open_page("partners").selectbox(key="partners_label")
    assert box.options == ["none asked"] and box.disabled
    assert box.help == NO_LABELS and "docs/mapping.md" in NO_LABELS


def test_the_box_offers_the_levels_up_to_the_highest_held(unlabelled, tmp_path):
    run_load(unlabelled, "csv", write_files(tmp_path, LABELS))
    at = open_page("partners", partners_label="esca-gold")
    box = at.selectbox(key="partners_label")
    assert box.options == ["none asked", "ESCA Bronze"] and not box.disabled and not box.help
    assert box.value is None  # the link's Gold, which no one holds, is said, not taken
    assert "The link asked for “esca\\-gold”, which is not among the choices here: showing none asked." in texts(at)
