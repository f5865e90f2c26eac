"""`store backup` and `store restore` given what users give them: the store's own files, a folder that does not
exist, a truncated backup, a backup during a load, two restores in one second. Each is refused in one line, or
done, and the store is left whole. Real processes and real files (a user try-out found tracebacks and a restore
that moved the store aside and then failed, saying nothing was changed)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from graph.store.falkordb_server import StorePaths
from graph.store.locks import file_lock
from tests import store_processes
from tests.store_processes import cli, fingerprint

loaded_store = store_processes.loaded_store  # a stopped store holding the seeds (a fixture)
NODES = "MATCH (n) RETURN count(n) AS n"


def _one_line_error(result, expected: str) -> None:
    assert result.returncode == 1, result.stdout
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


def _nodes(db: Path) -> str:
    result = cli(db, "query", NODES, "--format", "csv")
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[1]


@pytest.mark.parametrize("where", ["store.db", ".", "store.db.aof", "store.db.aof/appendonly.aof.manifest"])
def test_a_backup_onto_the_store_s_own_files_is_refused(loaded_store, where):
    before = fingerprint(loaded_store)
    result = cli(loaded_store, "store", "backup", str(loaded_store.parent / where))
    _one_line_error(result, "is one of the store's own files; back up to a file elsewhere")
    assert fingerprint(loaded_store) == before
    assert [p.name for p in StorePaths(loaded_store).aof_dir.iterdir() if p.name.endswith(".db")] == []


def test_a_backup_into_a_folder_that_does_not_exist_says_so(loaded_store, tmp_path):
    result = cli(loaded_store, "store", "backup", str(tmp_path / "nowhere" / "sub" / "b.rdb"))
    _one_line_error(result, f"no folder {tmp_path / 'nowhere' / 'sub'} to write the backup into; make it first")


def test_a_restore_from_the_store_s_own_file_is_refused_and_changes_nothing(loaded_store):
    nodes, before = _nodes(loaded_store), fingerprint(loaded_store)
    result = cli(loaded_store, "store", "restore", str(loaded_store))
    _one_line_error(result, "is one of the store's own files, not a backup")
    assert fingerprint(loaded_store) == before and _nodes(loaded_store) == nodes


def test_a_truncated_backup_is_refused_and_the_store_stays_as_it_was(loaded_store, tmp_path):
    nodes = _nodes(loaded_store)
    assert cli(loaded_store, "store", "backup", str(tmp_path / "good.rdb")).returncode == 0
    good = (tmp_path / "good.rdb").read_bytes()
    (tmp_path / "cut.rdb").write_bytes(good[: len(good) // 2])
    before = fingerprint(loaded_store)
    result = cli(loaded_store, "store", "restore", str(tmp_path / "cut.rdb"))
    _one_line_error(result, "cut.rdb cannot be restored: the server could not read it (Short read")
    assert f"the store {loaded_store} is as it was" in result.stderr
    assert fingerprint(loaded_store) == before
    assert not list(tmp_path.glob("*before-restore*")) and not list(tmp_path.glob(".store.db.*"))
    assert _nodes(loaded_store) == nodes and cli(loaded_store, "store", "check").returncode == 0


def test_two_restores_in_one_second_keep_both_stores_they_replaced(loaded_store, tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    assert cli(loaded_store, "store", "backup", str(backups)).returncode == 0  # a folder: backups/store.db
    kept = []
    for _ in range(2):
        restored = cli(loaded_store, "store", "restore", str(backups))  # the folder given to backup
        assert restored.returncode == 0, restored.stderr
        kept += [line.rsplit(" as ", 1)[1] for line in restored.stdout.splitlines() if " as " in line]
    assert len(set(kept)) == len(kept) == 4 and all((tmp_path / name).exists() for name in kept)
    assert cli(loaded_store, "store", "check").returncode == 0 and int(_nodes(loaded_store)) > 0


def test_a_backup_waits_for_the_load_running_into_the_store(loaded_store, tmp_path, capsys):
    """A snapshot between two of a load's batches would hold half a load: the backup waits for the load's lock."""
    from graph.store.falkordb_backup import backup

    done = []
    with file_lock(StorePaths(loaded_store).load_lock):  # what a running load holds
        worker = threading.Thread(target=lambda: done.append(backup(loaded_store, tmp_path / "b.rdb")))
        worker.start()
        time.sleep(1.5)
        assert worker.is_alive() and not (tmp_path / "b.rdb").exists()
    worker.join(120)
    assert done == [tmp_path / "b.rdb"] and done[0].read_bytes()[:5] == b"REDIS"
    assert "another load, unload or backup is using" in capsys.readouterr().err


def test_a_backup_onto_a_full_disk_says_so_and_leaves_no_half_copy(loaded_store, tmp_path):
    """A backup onto a full 10 MB disk said "No space left on device" and left a hidden `.bk.db.partial` filling it."""
    with store_processes.tmpfs(tmp_path / "small", "8k", "full_disk") as mount:
        assert loaded_store.stat().st_size > 8192
        result = cli(loaded_store, "store", "backup", str(mount / "bk.db"))
        assert result.returncode == 1
        assert result.stderr.strip() == f"Error: could not write the backup {mount / 'bk.db'}: No space left on device"
        assert list(mount.iterdir()) == []


def test_a_restore_killed_between_its_renames_is_said_not_opened_as_an_empty_store(loaded_store, tmp_path):
    """Killed after the current files were put aside and before the restored ones were in place, the store opened
    as a new, empty one ("nodes: none"), saying nothing of either. The process dies at its first rename of a
    restored file (`os._exit`, as a kill -9 there)."""
    import subprocess
    import sys

    backup, before = tmp_path / "backup.db", _nodes(loaded_store)
    assert cli(loaded_store, "store", "backup", str(backup)).returncode == 0
    killed = subprocess.run([sys.executable, "-c", (
        "import os, pathlib, sys\n"
        "from graph.store.falkordb_files import restore\n"
        "rename = pathlib.Path.rename\n"
        "def dying(self, target):\n"
        "    if '.restore-' in self.parent.name:\n"
        "        os._exit(9)\n"
        "    return rename(self, target)\n"
        "pathlib.Path.rename = dying\n"
        "restore(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))\n"), str(loaded_store), str(backup)],
        cwd=store_processes.ROOT, capture_output=True, text=True)
    assert killed.returncode == 9, killed.stderr
    assert not loaded_store.exists() and list(tmp_path.glob("store.db.before-restore-*"))
    status = cli(loaded_store, "status")
    assert status.returncode == 1
    assert "a restore into it stopped part-way: the restored files wait in .store.db.restore-" in status.stderr
    assert not loaded_store.exists() and not StorePaths(loaded_store).aof_dir.exists()  # nothing made
    again = cli(loaded_store, "store", "restore", str(backup))
    assert again.returncode == 0, again.stderr
    assert _nodes(loaded_store) == before != "0"
