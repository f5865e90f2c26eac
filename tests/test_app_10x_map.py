"""The Map at scale (app_pages/map_cache.py): its aggregates kept on disk per data version, so a restart with
unchanged data computes nothing, and at most `ORGANISATIONS_DRAWN` organisations drawn (at 10x all 219,027
made a 70 MB map description). AppTest on a real embedded store, as in tests/test_app.py."""

from __future__ import annotations

from pathlib import Path

from app_pages import map_cache
from tests.test_app import app_store, open_page, texts  # noqa: F401 - the fixture is used by name


def _map_files(store) -> list[Path]:
    return sorted(Path(f"{store.db_path}.cache").glob("*-map-*.pickle"))


def test_the_maps_aggregates_are_read_from_disk_after_a_restart(app_store):  # noqa: F811
    first = texts(open_page("map", map_level="1"))
    files = _map_files(app_store)
    assert files, "the map's aggregates were not written beside the store"
    written = {f: f.stat().st_mtime_ns for f in files}
    map_cache.placed_activity.clear()  # what a restart forgets
    again = texts(open_page("map", map_level="1"))
    assert again == first
    assert {f: f.stat().st_mtime_ns for f in _map_files(app_store)} == written  # read, not computed again


def test_only_the_most_active_organisations_are_drawn(app_store, monkeypatch):  # noqa: F811
    monkeypatch.setattr(map_cache, "ORGANISATIONS_DRAWN", 2)
    map_cache.placed_activity.clear()
    for old in _map_files(app_store):
        old.unlink()
    at = open_page("map")
    assert "the 2 most active of " in texts(at)
    chart = at.get("deck_gl_json_chart")[0].proto.json
    assert '"id": "organisations"' in chart or '"id":"organisations"' in chart  # still drawn, with its two
    map_cache.placed_activity.clear()
    for written in _map_files(app_store):
        written.unlink()  # the next test must not read a map of two organisations
