"""The Map at scale (app_pages/map_cache.py): its aggregates kept on disk per data version, so a restart with
unchanged data computes nothing, and at most `ORGANISATIONS_DRAWN` organisations drawn (at 10x all 219,027
made a 70 MB map description). AppTest on a real embedded store, as in tests/test_app.py."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages import map_cache
from graph.analytics import cache
from tests.test_app import app_store, open_page, texts  # noqa: F401 - the fixture is used by name


def _map_files(store) -> list[Path]:
    return sorted(Path(f"{store.db_path}.cache").glob("*-map-*.pickle"))


def test_the_maps_aggregates_are_read_from_disk_after_a_restart(app_store):  # noqa: F811
    first = texts(open_page("map", map_level="1"))
    files = _map_files(app_store)
    assert files, "the map's aggregates were not written beside the store"
    written = {f: f.stat().st_mtime_ns for f in files}
    map_cache.forget()  # what a restart forgets
    again = texts(open_page("map", map_level="1"))
    assert again == first
    assert {f: f.stat().st_mtime_ns for f in _map_files(app_store)} == written  # read, not computed again


def test_after_a_restart_the_map_reads_its_file_and_not_the_analytics_inputs(app_store, monkeypatch):  # noqa: F811
    first = texts(open_page("map", map_level="2"))
    assert _map_files(app_store)
    for index in Path(f"{app_store.db_path}.cache").glob("*-idx-*"):
        index.unlink()  # no Partners index of an older version to rebuild: nothing else reads the inputs
    st.cache_resource.clear()  # a restart: the inputs, the aggregates, the store's connection all forgotten
    reads = []
    monkeypatch.setattr(cache, "projection_inputs", lambda *args, **kwargs: reads.append(args) or 1 / 0)
    assert texts(open_page("map", map_level="2")) == first
    assert reads == []
    st.cache_resource.clear()


def test_a_map_not_kept_anywhere_is_computed_from_the_inputs(app_store):  # noqa: F811
    first = texts(open_page("map", map_level="3"))
    for old in _map_files(app_store):
        old.unlink()
    map_cache.forget()
    assert texts(open_page("map", map_level="3")) == first
    assert _map_files(app_store)  # computed again and written


def test_only_the_most_active_organisations_are_drawn(app_store, monkeypatch):  # noqa: F811
    monkeypatch.setattr(map_cache, "ORGANISATIONS_DRAWN", 2)
    map_cache.forget()
    for old in _map_files(app_store):
        old.unlink()
    at = open_page("map")
    assert "the 2 most active of " in texts(at)
    chart = at.get("deck_gl_json_chart")[0].proto.json
    assert '"id": "organisations"' in chart or '"id":"organisations"' in chart  # still drawn, with its two
    map_cache.forget()
    for written in _map_files(app_store):
        written.unlink()  # the next test must not read a map of two organisations
