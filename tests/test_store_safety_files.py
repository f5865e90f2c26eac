"""Fault injection on the embedded store's files: a missing folder or manifest, a truncated or corrupt
append-only file are refused (bytes untouched, no server started over them), then repaired; backup and
restore. Real processes and real files."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from graph.errors import StoreDamaged
from graph.store.falkordb_server import StorePaths
from graph.store.falkordb_store import FalkorDBStore
from tests import store_processes
from tests.store_processes import cli, fingerprint

loaded_store = store_processes.loaded_store  # a stopped store holding the seeds (a fixture)


def _refused(db: Path, expected: str) -> None:
    before = fingerprint(db)
    status = cli(db, "status")
    assert status.returncode == 1
    assert "is damaged and was not opened" in status.stderr and expected in status.stderr, status.stderr
    assert "Traceback" not in status.stderr and len(status.stderr.strip().splitlines()) == 1
    assert fingerprint(db) == before, "a refused store's files were changed"
    assert not StorePaths(db).note.exists(), "a server was started over damaged files"
    check = cli(db, "store", "check")
    assert check.returncode == 1 and expected in check.stdout


def test_a_db_without_its_append_only_folder_is_refused_then_rebuilt_from_the_snapshot(loaded_store):
    expected = cli(loaded_store, "status").stdout
    size = loaded_store.stat().st_size
    os.rename(StorePaths(loaded_store).aof_dir, loaded_store.with_name("elsewhere"))
    _refused(loaded_store, "append-only folder store.db.aof is missing")
    assert loaded_store.stat().st_size == size  # the old failure: 17.7 MB overwritten by an empty snapshot
    repaired = cli(loaded_store, "store", "repair")
    assert repaired.returncode == 0 and "rebuilt the append-only folder" in repaired.stdout
    assert cli(loaded_store, "status").stdout == expected


def test_a_missing_manifest_is_refused(loaded_store):
    StorePaths(loaded_store).manifest.unlink()
    _refused(loaded_store, "manifest store.db.aof/appendonly.aof.manifest is missing")


def _incr_file(db: Path) -> Path:
    return next(StorePaths(db).aof_dir.glob("*.incr.aof"))


def _add_award(db: Path, award_id: str) -> None:
    store = FalkorDBStore(db)
    try:
        store.write("MERGE (:Award {id: $id})", {"id": award_id})
    finally:
        store.close()


def test_a_truncated_append_only_file_is_refused_then_cut_to_its_last_whole_write(loaded_store):
    _add_award(loaded_store, "last")
    incr = _incr_file(loaded_store)
    with open(incr, "r+b") as f:
        f.truncate(incr.stat().st_size - 7)
    _refused(loaded_store, "is truncated")
    size = incr.stat().st_size
    repaired = cli(loaded_store, "store", "repair")
    assert repaired.returncode == 0 and "kept a copy of the append-only folder" in repaired.stdout
    assert re.search(rf"cut {incr.name} to its first [\d,]+ bytes of {size:,}: the writes in the rest are lost "
                     r"\(run the last load or `metrics compute --write` again\)", repaired.stdout), repaired.stdout
    assert cli(loaded_store, "store", "check").stdout.strip().endswith("sound")
    after = cli(loaded_store, "query", "MATCH (a:Award {id: 'last'}) RETURN count(a) AS n", "--format", "csv")
    assert after.stdout.split() == ["n", "0"]  # the cut write is gone, everything before it is there
    assert "Cluster" in cli(loaded_store, "status").stdout


def test_a_corrupt_append_only_file_is_refused(loaded_store):
    _add_award(loaded_store, "last")
    incr = _incr_file(loaded_store)
    data = incr.read_bytes()
    header = data.index(b"\r\n*", 1) + 2  # the start of the second command (the load left one snapshot)
    incr.write_bytes(data[:header] + b"#" + data[header + 1:])
    _refused(loaded_store, "is corrupt: only its first")


def test_a_write_corrupt_inside_is_refused_by_the_failed_start(loaded_store):
    """Bytes changed inside a write's value pass the server's check; the server then dies reading them."""
    _add_award(loaded_store, "last")
    incr = _incr_file(loaded_store)
    data = bytearray(incr.read_bytes())
    data[len(data) // 2: len(data) // 2 + 6] = b"\x00garb\x00"
    incr.write_bytes(bytes(data))
    before = fingerprint(loaded_store)
    status = cli(loaded_store, "status")
    assert status.returncode == 1 and "stopped while reading its append-only files" in status.stderr, status.stderr
    assert len(status.stderr.strip().splitlines()) == 1 and fingerprint(loaded_store) == before


def test_a_store_damaged_in_process_raises_store_damaged(loaded_store):
    StorePaths(loaded_store).manifest.unlink()
    with pytest.raises(StoreDamaged, match="manifest"):
        FalkorDBStore(loaded_store)


def test_restore_is_refused_while_the_store_is_in_use_and_brings_back_the_backup(loaded_store, tmp_path):
    store = FalkorDBStore(loaded_store)
    try:
        backup = cli(loaded_store, "store", "backup", str(tmp_path / "backup.rdb"))
        assert backup.returncode == 0, backup.stderr
        store.write("MERGE (:Award {id: 'after-backup'})")
        busy = cli(loaded_store, "store", "restore", str(tmp_path / "backup.rdb"))
        assert busy.returncode == 1 and "is in use" in busy.stderr
    finally:
        store.close()
    restored = cli(loaded_store, "store", "restore", str(tmp_path / "backup.rdb"))
    assert restored.returncode == 0, restored.stderr
    assert "kept the current store.db.aof" in restored.stdout
    after = cli(loaded_store, "query", "MATCH (a:Award {id: 'after-backup'}) RETURN count(a) AS n", "--format", "csv")
    assert after.stdout.split() == ["n", "0"]
    assert list(tmp_path.glob("store.db.aof.before-restore-*")), "the replaced files were not kept"


@pytest.mark.parametrize("manifest", ["missing", "damaged"])
def test_a_missing_manifest_is_written_again_from_the_folder_keeping_writes_the_snapshot_lacks(loaded_store, manifest):
    """The manifest gone after a server killed with -9: repair rebuilt the folder from the older `.db` snapshot and
    a whole load was lost (a store-safety try-out). The folder's own files are read first now. A garbled manifest
    was "cut to its first 0 bytes" as if it were an append-only file, and the store then checked sound and did
    not open: it is damage, mended the same way."""
    store = FalkorDBStore(loaded_store)
    try:
        store.write("MERGE (:Award {id: 'after the snapshot'})")
        os.kill(store.server_pid, 9)  # no shutdown: the .db snapshot stays without the award
    finally:
        store.close()
    StorePaths(loaded_store).note.unlink(missing_ok=True)
    if manifest == "missing":
        StorePaths(loaded_store).manifest.unlink()
    else:
        StorePaths(loaded_store).manifest.write_text("garbage line\n")
        checked = cli(loaded_store, "store", "check")
        assert checked.returncode == 1
        assert "the manifest store.db.aof/appendonly.aof.manifest names no file: it is damaged" in checked.stdout
    repaired = cli(loaded_store, "store", "repair")
    assert repaired.returncode == 0, repaired.stderr
    assert f"wrote its {manifest} manifest again from the files in store.db.aof" in repaired.stdout
    assert "snapshot" not in repaired.stdout
    store = FalkorDBStore(loaded_store)
    try:
        assert store.read("MATCH (a:Award {id: 'after the snapshot'}) RETURN count(a)").rows == [[1]]
        assert store.read("MATCH (c:Cluster) RETURN count(c)").rows == [[24]]
    finally:
        store.close()
    assert cli(loaded_store, "store", "check").returncode == 0


def test_a_store_of_its_append_only_folder_alone_is_checked_sound_not_called_new(loaded_store):
    """Without the `.db` snapshot (a full disk can leave that), `store check` said "no store yet (a load creates
    it)" of a store `status` showed whole: a user could take it for empty and delete it."""
    expected = cli(loaded_store, "status").stdout
    loaded_store.unlink()
    check = cli(loaded_store, "store", "check")
    assert check.returncode == 0 and check.stdout.strip() == f"{loaded_store}: sound"
    assert cli(loaded_store, "status").stdout == expected


def _corrupt_inside_a_value(incr: Path) -> None:
    """Overwrite 20 bytes in the middle of the largest bulk string of an append-only file: its framing stays
    whole (the server's checker passes it), its content is garbage (the server dies applying it)."""
    data = bytearray(incr.read_bytes())
    strings = [(int(m.group(1)), m.end()) for m in re.finditer(rb"\$(\d+)\r\n", bytes(data))]
    size, start = max(strings)
    assert size > 60, "no value large enough to corrupt inside"
    middle = start + size // 2 - 10
    data[middle:middle + 20] = b"X" * 20
    incr.write_bytes(bytes(data))


def test_a_write_corrupted_inside_its_value_is_repaired_from_the_snapshot(loaded_store):
    """Files that pass the server's checker but kill the server reading them ("Diverged applying GRAPH.EFFECT"):
    `status` said damaged, `store check` sound and `store repair` "nothing to repair", with the snapshot whole."""
    store = FalkorDBStore(loaded_store)
    try:
        (before,), = store.read("MATCH (a:Award) RETURN count(a)").rows
        store.write("UNWIND range(1, 50) AS i CREATE (:Award {id: 'award-' + toString(i), name: 'an award with a "
                    "name long enough to hold a corrupted middle'}) RETURN count(*)")
    finally:
        store.close()  # a clean stop: the snapshot holds the awards too
    incr = sorted(StorePaths(loaded_store).aof_dir.glob("*.incr.aof"))[-1]
    _corrupt_inside_a_value(incr)
    assert cli(loaded_store, "store", "check").returncode == 0  # the framing is whole
    said = cli(loaded_store, "status").stderr
    assert "damaged" in said and "`cluster-explorer store repair` rebuilds them from the snapshot" in said, said
    repaired = cli(loaded_store, "store", "repair")
    assert repaired.returncode == 0, repaired.stderr
    assert "the server could not read the append-only files, which pass its check (" in repaired.stdout
    assert "rebuilt the append-only folder from the snapshot in store.db (writes after it are lost)" in repaired.stdout
    counted = cli(loaded_store, "query", "MATCH (a:Award) RETURN count(a) AS n", "--format", "csv")
    assert counted.stdout.split() == ["n", str(before + 50)], counted.stderr


def test_the_servers_reason_is_cut_at_a_word(tmp_path):
    """"... A full resync can't repair already-loaded state, shuttin": the reason ended mid-word."""
    from graph.store.falkordb_check import server_log_reason

    log = tmp_path / "server.log"
    long = ("<graph> Diverged applying GRAPH.EFFECT on graph cluster_explorer: the effect does not match the state "
            "loaded so far. A full resync can't repair already-loaded state, shutting down to keep the files as "
            "they are")
    log.write_text(f"1:M 02 Dec 2026 03:00:00.000 # {long}\n")
    reason, while_loading = server_log_reason(log)
    assert while_loading and len(reason) <= 204 and reason.endswith(" ...")
    assert long.startswith(reason.removesuffix(" ...")) and long[len(reason) - 4] == " "


def test_a_repair_that_cannot_rebuild_from_the_snapshot_says_what_it_moved(loaded_store):
    """A garbled snapshot and a damaged folder: the repair moved the folder aside, failed, and said only "stopped
    while starting"; the next command then blamed the user ("its append-only folder is missing ... copy the
    folder with it"). The failure now names what the repair had moved and kept."""
    paths = StorePaths(loaded_store)
    paths.manifest.unlink()
    base = next(paths.aof_dir.glob("*.base.*"))
    base.write_bytes(base.read_bytes()[:40])
    loaded_store.write_bytes(b"REDIS0011" + b"\x00garbage" * 64)
    failed = cli(loaded_store, "store", "repair")
    assert failed.returncode == 1
    said = failed.stderr.strip()
    assert said.startswith(f"Error: the repair of {loaded_store} could not rebuild the append-only folder from the "
                           "snapshot ("), said
    assert re.search(r"it had moved the damaged append-only folder to store\.db\.aof\.before-repair-\S+; kept a copy "
                     r"of the snapshot as store\.db\.before-repair-\S+\. Restore a backup", said), said
    kept = re.search(r"folder to (store\.db\.aof\.before-repair-\S+);", said).group(1)
    assert (loaded_store.parent / kept / base.name).exists()
