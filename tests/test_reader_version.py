"""A reader that changed reaches a store that loaded the same files before it: the load that would be skipped as
"already loaded" reads them again, once, saying why, replaces the values the old reader wrote, takes off what it
gave that the new one does not, and adds nothing twice; the next run skips again (real embedded store; the old
store is made by the loaders' own write path, `load_records`, as the previous version wrote it)."""

from __future__ import annotations

import dataclasses

import loaders.seeds
from graph.store.load_log import data_version
from loaders.common import load_records
from loaders.cordis import READER_VERSION, read_cordis
from loaders.cordis_files import cordis_files, cordis_inputs
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke
from tests.test_cordis_single_spaced_titles import SINGLE, TITLES, _as_written, doubled_cordis

COUNTS = "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r)"
READERS = "MATCH (l:Load) RETURN l.source, l.reader_version ORDER BY l.source"


def _counts(store) -> list:
    return store.read(COUNTS).rows[0]


def _as_the_previous_version_left_it(store, cordis, extra: tuple = ()) -> None:
    """The CORDIS files written as a version before reader versions wrote them: titles double-spaced as in the files,
    a load-log entry without `reader_version` (and the `extra` records an older reader also gave)."""
    nodes, rels, _ = read_cordis(cordis)
    as_written = [dataclasses.replace(n, name=_as_written(n.name), properties={
        k: _as_written(v) for k, v in n.properties.items()}) for n in nodes]
    load_records(store, "cordis", cordis_inputs(cordis_files(cordis)), as_written + list(extra), rels)


def test_each_load_logs_the_version_of_its_reader(embedded_store):
    run_load(embedded_store, "seeds")
    assert embedded_store.read(READERS).rows == [["seeds", loaders.seeds.READER_VERSION]]


def test_files_loaded_before_reader_versions_are_read_again_once(embedded_store, tmp_path):
    cordis = doubled_cordis(tmp_path)
    run_load(embedded_store, "cordis", cordis)
    loaded = _counts(embedded_store)
    _as_the_previous_version_left_it(embedded_store, cordis)
    assert embedded_store.read(TITLES).rows != SINGLE
    assert embedded_store.read(READERS).rows == [["cordis", None]]

    again = run_load(embedded_store, "cordis", cordis, skip_loaded=True)
    assert not again.skipped
    assert again.read_again == (f"{cordis}: read again: it was loaded before reader versions were logged (the CORDIS "
                                f"reader is version {READER_VERSION} now)")
    assert embedded_store.read(TITLES).rows == SINGLE
    assert _counts(embedded_store) == loaded
    assert embedded_store.read(READERS).rows == [["cordis", READER_VERSION]]

    current = data_version(embedded_store)
    third = run_load(embedded_store, "cordis", cordis, skip_loaded=True)
    assert third.skipped and third.read_again == ""
    assert data_version(embedded_store) == current


def test_what_the_old_reader_gave_and_the_new_one_does_not_is_taken_off(embedded_store, tmp_path):
    """An id the old reader spelled otherwise would have stayed beside the new one: a duplicate."""
    cordis = doubled_cordis(tmp_path)
    run_load(embedded_store, "cordis", cordis)
    loaded = _counts(embedded_store)
    topic = next(n for n in read_cordis(cordis)[0] if n.id == "topic:ERC-2021-STG")
    _as_the_previous_version_left_it(embedded_store, cordis, (dataclasses.replace(topic, id="topic:erc-2021-stg"),))
    assert _counts(embedded_store)[0] == loaded[0] + 1

    again = run_load(embedded_store, "cordis", cordis, skip_loaded=True)
    assert again.read_again
    assert _counts(embedded_store) == loaded
    assert embedded_store.read("MATCH (t {id: 'topic:erc-2021-stg'}) RETURN count(t)").rows == [[0]]


def test_a_reader_raised_since_the_load_reads_its_files_again_saying_from_which_version(embedded_store, monkeypatch):
    run_load(embedded_store, "seeds")
    loaded = _counts(embedded_store)
    monkeypatch.setattr(loaders.seeds, "READER_VERSION", loaders.seeds.READER_VERSION + 1)  # the next release

    again = run_load(embedded_store, "seeds", skip_loaded=True)
    assert not again.skipped
    assert again.read_again.endswith("knowledge_base.toml: read again: the seeds reader changed since it was loaded "
                                     f"(version {loaders.seeds.READER_VERSION - 1} -> {loaders.seeds.READER_VERSION})")
    assert _counts(embedded_store) == loaded
    assert embedded_store.read(READERS).rows == [["seeds", loaders.seeds.READER_VERSION]]
    assert run_load(embedded_store, "seeds", skip_loaded=True).skipped


def test_an_explicit_load_of_files_an_older_reader_read_says_it_reads_them_again(embedded_server, embedded_store,
                                                                                  monkeypatch):
    """`load seeds` (no skipping) had read them again as silently as any load; `load sample` said why."""
    env = cli_env(embedded_server, embedded_store.graph_name)
    assert "read again" not in invoke(env, "load", "seeds").stdout
    assert "read again" not in invoke(env, "load", "seeds").stdout  # the same reader: nothing to say
    monkeypatch.setattr(loaders.seeds, "READER_VERSION", loaders.seeds.READER_VERSION + 1)

    said = invoke(env, "load", "seeds").stdout.splitlines()
    assert said[0].endswith("knowledge_base.toml: read again: the seeds reader changed since it was loaded "
                            f"(version {loaders.seeds.READER_VERSION - 1} -> {loaders.seeds.READER_VERSION})")
    assert "read again" not in invoke(env, "load", "seeds").stdout


def test_status_says_a_source_an_older_reader_read_as_outdated(embedded_server, embedded_store, monkeypatch):
    """`status` had listed such a load as any other, until the next load read it again."""
    env = cli_env(embedded_server, embedded_store.graph_name)
    run_load(embedded_store, "seeds")
    assert "outdated" not in invoke(env, "status").stdout
    monkeypatch.setattr(loaders.seeds, "READER_VERSION", loaders.seeds.READER_VERSION + 1)

    said = [line for line in invoke(env, "status").stdout.splitlines() if line.startswith("outdated:")]
    assert said == [f"outdated: seeds was read by version {loaders.seeds.READER_VERSION - 1} of the seeds reader "
                    f"(version {loaders.seeds.READER_VERSION} now): run `cluster-explorer load sample` or `load seeds` "
                    "again; it reads those files again and writes only what differs"]
    run_load(embedded_store, "seeds", skip_loaded=True)
    assert "outdated" not in invoke(env, "status").stdout
