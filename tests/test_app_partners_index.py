"""The Partners page's recommender index across restarts and loads (app_pages/partners_index.py; AppTest on a real
embedded store, as in tests/test_app.py): a restart with unchanged data reads the index from disk instead of
building it, and a load makes the router rebuild it in the background, so the next visit shows the new data."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest
import streamlit as st

from graph import memory
from graph.analytics import cache
from graph.analytics import recommend_index_disk as disk
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from tests.test_app import app_store, open_page, table, texts  # noqa: F401 - the fixture is used by name

FOCAL = "Organisation:pic:999977851"
NEWCOMER = "Organisation:pic:1"


def _index_files(store) -> list[Path]:
    return sorted(cache.cache_dir_for(store).glob(f"{disk.file_prefix(store)}*"))


def _restart() -> None:
    """What a restart forgets: everything the process held (the store's connection too); the files stay."""
    st.cache_resource.clear()


@pytest.fixture
def no_index(app_store):  # noqa: F811
    _restart()
    for old in _index_files(app_store):
        old.unlink()
    yield
    _restart()


def test_a_restart_reads_the_index_from_disk_and_does_not_build_it(app_store, no_index):  # noqa: F811
    first = table(open_page("partners", partners_focal=FOCAL), "candidate")
    (written,) = _index_files(app_store)
    stamp, builds = written.stat().st_mtime_ns, disk.builds()
    _restart()
    again = table(open_page("partners", partners_focal=FOCAL), "candidate")
    assert again.equals(first) and len(first) >= 1
    assert disk.builds() == builds and written.stat().st_mtime_ns == stamp
    clusters = open_page("partners", partners_focal="Cluster:iot-world")  # the profiles queued behind the index
    assert "Partner clusters" in [s.value for s in clusters.subheader] and disk.builds() == builds


def test_the_warm_up_reads_the_index_back_before_any_visit(app_store, no_index):  # noqa: F811
    from app_pages import partners_index

    assert partners_index.prepare(small=False) is None  # nothing on disk: nothing to read back, nothing built
    first = table(open_page("partners", partners_focal=FOCAL), "candidate")
    builds = disk.builds()
    _restart()
    loaded = partners_index.prepare(small=False).result()  # what the warm-up does after the first views
    assert loaded.source == "disk" and disk.builds() == builds
    memory.settled()
    tracked = {id(o) for o in gc.get_objects()}  # kept for every session: out of the collector's sight (graph.memory)
    assert id(loaded.index) not in tracked and id(loaded.index.G) not in tracked and gc.get_freeze_count() > 10_000
    assert table(open_page("partners", partners_focal=FOCAL), "candidate").equals(first)


def _wait_for(found, what: str, seconds: float = 120.0):
    deadline = time.monotonic() + seconds
    while not (result := found()):
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)
    return result


def test_a_load_rebuilds_the_index_in_the_background_and_the_next_visit_shows_it(app_store, no_index):  # noqa: F811
    assert len(table(open_page("partners", partners_focal=FOCAL), "candidate")) >= 1
    (old,) = _index_files(app_store)  # Partners was used: the router keeps its index up to date from now on
    before = open_page("partners", partners_focal=NEWCOMER)
    assert "Search for one or more organisations, clusters or projects" in texts(before)  # not in the graph yet
    builds = disk.builds()
    write_records(app_store, [NodeRecord("Organisation", "pic:1", "Newcomer Oy", ("test:1",),
                                         properties={"country": "FI"})],
                  [RelRecord("PARTICIPATES_IN", "Organisation", "pic:1", "Project", "cordis:101067654", ("test:1",),
                             properties={"role": "participant"})])
    try:
        open_page()  # any page: the router sees the index files of an older data version and starts the rebuild
        new = disk.index_file(app_store, cache.cache_dir_for(app_store), cache.data_version(app_store))
        _wait_for(new.is_file, "the index of the new data version")
        assert disk.builds() == builds + 1 and old.exists()
        after = open_page("partners", partners_focal=NEWCOMER, partners_rank="organisations")
        assert len(table(after, "candidate")) >= 1  # the newcomer's partners are ranked: the new data is there
        assert disk.builds() == builds + 1  # read from what the background made, not built again
    finally:
        app_store.write("MATCH (o:Organisation {id: 'pic:1'}) DETACH DELETE o")
