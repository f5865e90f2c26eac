"""The Data page's preview says what the CLI says of new organisations nearly named as the store's (AppTest on the
real embedded store of tests/test_app.py, CORDIS's Austrian rows of tests/fixtures/cordis_austria/ loaded into it):
an Austrian grants table naming `AVL` and `Keba` had been previewed and loaded beside `AVL LIST GMBH` in silence."""

from __future__ import annotations

import pytest

from graph.store.reads import counts
from loaders.cordis import load_cordis
from tests.conftest import FIXTURES
from tests.test_app import app_store, open_page, texts, upload  # noqa: F401  (app_store: a fixture)
from tests.test_near_names import short_names_table


@pytest.fixture(scope="module")
def austrian_records(app_store):  # noqa: F811
    load_cordis(app_store, FIXTURES / "cordis_austria")
    return app_store


def test_the_preview_names_the_new_organisations_nearly_named_as_the_stores(austrian_records, tmp_path):
    short_names_table(tmp_path)
    (tmp_path / "mapping.toml").write_bytes((tmp_path / "foerderungen.toml").read_bytes())
    (tmp_path / "foerderungen.toml").unlink()
    before = counts(austrian_records)
    shown = texts(upload(open_page("data"), tmp_path)).replace("\\", "")
    assert "new node(s) nearly share a name with a node of the store of their label and country" in shown
    assert ("Organisation 'AVL' (row id 'FN 678901f', foerderungen.csv) near the store's pic:999952243 'AVL LIST "
            "GMBH': match = \"name\" takes it") in shown
    assert "pic:969090238 'KEBA GROUP AG': 2 nodes, give the row the id of the one meant" in shown
    assert counts(austrian_records) == before  # a preview: nothing written
