"""Compaction after a load (`store.compact()`): the next start reads one snapshot, and a server killed while
it compacts leaves every write. Real CLI processes, a real server, real files."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.store.falkordb_compact import SMALL_LOG, persistence
from graph.store.falkordb_files import check_files
from graph.store.falkordb_server import StorePaths
from graph.store.falkordb_server import process_alive as alive
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import counts
from loaders.seeds import load_seeds
from tests.store_processes import cli, wait_for


def _manifest(db: Path) -> list[tuple[str, str]]:
    """(file, type) of every file the manifest names: `b` the base snapshot, `i` logged writes."""
    rows = [line.split() for line in StorePaths(db).manifest.read_text().splitlines()]
    return [(words[1], words[words.index("type") + 1]) for words in rows if words]


def _logged_bytes(db: Path) -> int:
    return sum((StorePaths(db).aof_dir / name).stat().st_size for name, kind in _manifest(db) if kind == "i")


def _base_bytes(db: Path) -> int:
    return sum((StorePaths(db).aof_dir / name).stat().st_size for name, kind in _manifest(db) if kind == "b")


def _opened_counts(db: Path) -> tuple[dict[str, int], dict[str, int]]:
    store = FalkorDBStore(db)
    try:
        return counts(store)
    finally:
        store.close()


def test_after_a_load_the_store_is_one_snapshot_with_nothing_left_to_replay(tmp_path):
    db = tmp_path / "store.db"
    loaded = cli(db, "load", "seeds")
    assert loaded.returncode == 0, loaded.stderr
    assert [kind for _, kind in _manifest(db)].count("b") == 1
    assert _logged_bytes(db) == 0
    nodes, relationships = _opened_counts(db)
    assert nodes["Cluster"] > 0 and sum(relationships.values()) > 0


def test_a_second_load_after_compaction_changes_nothing(tmp_path):
    db = tmp_path / "store.db"
    assert cli(db, "load", "seeds").returncode == 0
    before = _opened_counts(db)
    again = cli(db, "load", "seeds")
    assert again.returncode == 0, again.stderr
    assert "(0 created, 0 updated," in again.stdout
    assert _opened_counts(db) == before
    # nothing to replay worth a rewrite: compacted, or its completion marks alone logged, under SMALL_LOG of the
    # snapshot (the rule of `rewrite_append_only`; 323 bytes against a 32 KB snapshot had failed `== 0`)
    assert _logged_bytes(db) <= _base_bytes(db) * SMALL_LOG and check_files(db).sound


def test_compact_reports_its_progress_to_the_end(tmp_path):
    store = FalkorDBStore(tmp_path / "store.db")
    try:
        load_seeds(store)
        seen: list[tuple[int, int]] = []
        store.compact(lambda done, total: seen.append((done, total)))
        assert seen[-1] == (100, 100)
        assert persistence(store._db.connection)["aof_last_bgrewrite_status"] == "ok"
        base = _manifest(tmp_path / "store.db")[0]
        store.compact()  # nothing logged since: nothing is rewritten
        assert _manifest(tmp_path / "store.db")[0] == base
    finally:
        store.close()
    assert _logged_bytes(tmp_path / "store.db") == 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def test_a_server_killed_while_it_compacts_leaves_a_store_that_opens_with_every_write(tmp_path):
    db = tmp_path / "store.db"
    store = FalkorDBStore(db)
    store.setup_schema()
    load_seeds(store)
    store.write("MERGE (:Award {id: 'last'})")  # an acknowledged write, only in the logged writes
    before, files = counts(store), _manifest(db)
    connection, server = store._db.connection, store.server_pid
    connection.config_set("rdb-key-save-delay", 3_000_000)  # 3 s per key written: the rewrite is caught running
    failures: list[Exception] = []

    def compact() -> None:
        try:
            store.compact()
        except Exception as e:  # noqa: BLE001 - the test asserts which
            failures.append(e)

    compacting = threading.Thread(target=compact)
    compacting.start()
    wait_for(lambda: persistence(connection)["aof_rewrite_in_progress"] == 1, "the rewrite to start")
    rewriters = _children(server)
    assert rewriters, "the rewrite runs in a child of the server"
    for pid in (server, *rewriters):
        os.kill(pid, signal.SIGKILL)
    compacting.join(60)
    assert [type(e) for e in failures] == [StoreUnavailable]
    assert "compacting the store" in str(failures[0]) and "The data is kept" in str(failures[0])
    wait_for(lambda: not any(alive(pid) for pid in (server, *rewriters)), "the killed server to be gone")
    store.close()
    assert set(files) <= set(_manifest(db))  # the old files are still named (beside the rewrite's new log)
    assert check_files(db).sound
    assert _opened_counts(db) == before
    reopened = FalkorDBStore(db)
    try:
        assert reopened.read("MATCH (a:Award {id: 'last'}) RETURN count(a)").rows == [[1]]
    finally:
        reopened.close()


def test_compact_leaves_every_store_as_it_was(any_store):
    """On Neo4j a no-op (it checkpoints its own log); on the embedded store the data is the same after it."""
    load_seeds(any_store)
    before = counts(any_store)
    any_store.compact()
    assert counts(any_store) == before
