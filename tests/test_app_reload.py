"""The Data page says what a re-load of a changed table took off (`loaders.reload_gone`): the upload page had shown
only the load's counts, and a deleted member left the store without a word.

AppTest over the real app and the real embedded store (`tests.test_app.app_store`), the members example uploaded,
then a copy with one member deleted.
"""

from __future__ import annotations

from tests.test_app import app_store, open_page, upload  # noqa: F401  (app_store: a fixture)
from tests.test_reload_gone import _members


def test_the_data_page_says_what_a_reload_of_changed_files_took_off(app_store, tmp_path):  # noqa: F811
    first, changed = _members(tmp_path / "v1", changed=False), _members(tmp_path / "v2", changed=True)
    at = upload(open_page("data"), first.parent)
    at = at.button(key="data_load").click().run()
    assert not at.info or not any("no longer in" in i.value for i in at.info)
    at = upload(at, changed.parent)
    at = at.button(key="data_load").click().run()
    assert not at.exception
    said = [i.value.replace("\\", "") for i in at.info if "no longer in" in i.value]
    assert len(said) == 1 and "the earlier load gave are no longer in its files" in said[0]
    assert "members.csv: 1 node(s)" in said[0]
    assert not app_store.read("MATCH (o:Organisation {id: '556001-0003'}) RETURN o").rows
