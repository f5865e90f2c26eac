"""The Data page's drafts of a mapping for tables uploaded alone, run by AppTest on the real embedded store of
tests/test_app.py: one file uploaded twice, and the caption that speaks of the draft."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.test_app import app_store, open_page  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")
TABLE = FIXTURES / "participation" / "tildelinger.csv"


def test_a_file_uploaded_twice_is_read_once_and_the_page_says_so():
    """A try-out added its file again while it was still listed: StreamlitDuplicateElementKey, a traceback."""
    at = open_page("data")
    data = TABLE.read_bytes()
    at.file_uploader(key="data_files").set_value([(TABLE.name, data, "text/plain"),
                                                  (TABLE.name, data + b"\n", "text/plain")])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.text_area) == 1
    assert any("tildelinger.csv is uploaded 2 times: the last one is read" in w.value.replace("\\", "")
               for w in at.warning)


def test_the_caption_speaks_of_the_draft_only_while_the_box_holds_it():
    at = open_page("data")
    at.file_uploader(key="data_files").set_value([(TABLE.name, TABLE.read_bytes(), "text/plain")])
    at.run()
    draft = "a mapping with 13 guesses from its header and cells"

    def said() -> str:
        return " ".join(c.value for c in at.caption).replace("\\", "")

    assert draft in said()
    at = at.text_area[0].input('name = "mine"\n[[nodes]]\nfile = "tildelinger.csv"\n').run()
    assert draft not in said() and "The mapping for tildelinger.csv as you wrote it" in said()


def test_a_member_list_with_its_cluster_made_from_the_mapping_loads_alone(tmp_path, app_store):  # noqa: F811
    """A cluster CORDIS lacks had needed a second file of one row (whose upload crashed the page): `add = true` on the
    MEMBER_OF table's end makes it, and the member list alone is checked and loaded."""
    from tests.test_app import upload
    from tests.test_members_of_one_cluster import _mapping

    name = "Cluster de Fabricación Avanzada de Euskadi"
    _mapping(tmp_path, name)
    at = upload(open_page("data"), tmp_path)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.success[0].value.startswith("Valid: ") and "Cluster 1" in at.success[0].value
    at = at.button(key="data_load").click().run()
    assert not at.exception and not at.error
    rows = app_store.read("MATCH (o:Organisation)-[:MEMBER_OF]->(c:Cluster {id: $id}) RETURN c.name, count(o)",
                          {"id": name}).rows
    assert [tuple(r) for r in rows] == [(name, 3)]
