"""The store's server and the folder it serves: a copy of the folder is a store of its own, a folder that cannot be
written is said, and a server a killed command left is stopped before a restore. Real servers and processes."""

from __future__ import annotations

import pytest

from graph.store.falkordb_files import check_files
from graph.store.falkordb_server import StorePaths
from graph.store.falkordb_store import FalkorDBStore
from tests import store_processes
from tests.store_processes import HELD_OPEN, cli, daemon_in, fingerprint, servers_in

loaded_store = store_processes.loaded_store  # a stopped store holding the seeds (a fixture)


@pytest.mark.parametrize("older_note", [False, True])
def test_a_copy_of_a_store_folder_is_a_store_of_its_own_while_the_original_runs(tmp_path, older_note):
    """`cp -a` of a store folder copies the note of its running server: a command on the copy found that server
    answering and wrote into the original store (an unload of the copy took the seeds out of the original). The
    server's working directory is its store's folder, so an older note (without the store's name) is told too."""
    import json
    import shutil

    original = FalkorDBStore(tmp_path / "a" / "store.db")
    copy = None
    try:
        original.setup_schema()
        original.write("CREATE (:Cluster {id: 'before-the-copy'}) RETURN 1")
        shutil.copytree(tmp_path / "a", tmp_path / "b")  # the note names the original's server
        copied = StorePaths(tmp_path / "b" / "store.db").note
        note = json.loads(copied.read_text())
        assert note["pid"] == original.server_pid
        if older_note:
            copied.write_text(json.dumps({k: v for k, v in note.items() if k != "db"}))
        copy = FalkorDBStore(tmp_path / "b" / "store.db")
        copy.write("CREATE (:Cluster {id: 'only-in-the-copy'}) RETURN 1")
        ids = "MATCH (c:Cluster) RETURN c.id ORDER BY c.id"
        assert [r[0] for r in original.read(ids).rows] == ["before-the-copy"]
        assert [r[0] for r in copy.read(ids).rows] == ["before-the-copy", "only-in-the-copy"]
        assert copy.server_pid != original.server_pid
    finally:
        for store in (copy, original):
            if store is not None:
                store.close()


def test_a_store_folder_moved_while_its_server_runs_keeps_that_one_server(tmp_path):
    """`mv` of the folder while the app runs: the server follows its files (its working directory moves with
    them), so the store at the new place is served by it alone; a second server over those files would corrupt."""
    store = FalkorDBStore(tmp_path / "a" / "store.db")
    moved = None
    try:
        store.setup_schema()
        store.write("CREATE (:Cluster {id: 'before-the-move'}) RETURN 1")
        first = store.server_pid
        (tmp_path / "a").rename(tmp_path / "b")
        moved = FalkorDBStore(tmp_path / "b" / "store.db")
        assert moved.server_pid == first
        moved.write("CREATE (:Cluster {id: 'after-the-move'}) RETURN 1")
        assert [r[0] for r in store.read("MATCH (c:Cluster) RETURN c.id ORDER BY c.id").rows] == [
            "after-the-move", "before-the-move"]  # one server: the first store's connection sees the write
    finally:
        for each in (store, moved):  # the first at its old place, then the last client at the new one stops it
            if each is not None:
                each.close()


def test_the_last_client_closing_after_a_move_stops_the_server_and_makes_nothing_where_the_store_was(tmp_path):
    """The app held the store, its folder was moved (`mv`), and the app closed: the close looked for the server's note
    at the old path, found none and left the server running with no client (until a later command), and its lock
    made the old folder again, holding only `store.db.lock`."""
    from tests.store_processes import servers_in, wait_for

    store = FalkorDBStore(tmp_path / "a" / "store.db")
    store.write("CREATE (:Cluster {id: 'before-the-move'}) RETURN 1")
    (tmp_path / "a").rename(tmp_path / "b")
    store.close()
    wait_for(lambda: not servers_in(tmp_path / "b"), "the last client's close to stop the server", limit_s=30)
    assert not (tmp_path / "a").exists() and not StorePaths(tmp_path / "b" / "store.db").note.exists()
    counted = cli(tmp_path / "b" / "store.db", "query", "MATCH (c:Cluster) RETURN count(c)")
    assert counted.returncode == 0 and counted.stdout.split()[-1] == "1", counted.stderr


def test_a_store_in_a_folder_that_cannot_be_written_says_so_and_changes_nothing(tmp_path):
    """A store on a read-only file system: the server failed with "Can't open the temporary manifest file", the
    advice was to check the files (which `store check` called sound), and a load added "the load did not finish"."""
    import subprocess

    with store_processes.tmpfs(tmp_path / "ro", "64m", "cannot_be_written") as mount:
        db = mount / "store.db"
        made = cli(db, "load", "seeds")
        assert made.returncode == 0, made.stderr
        before = fingerprint(db)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        for args in (("status",), ("load", "seeds")):
            refused = cli(db, *args)
            assert refused.returncode == 1
            assert refused.stderr.strip() == (
                f"Error: the store {db} cannot be opened: its folder {mount} is not writable (Read-only file "
                "system), and the embedded store writes there even to read; give write permission, or copy the "
                "store's .db file and its .aof folder into a writable folder (nothing was changed)")
        subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True)
        assert fingerprint(db) == before


def test_restore_after_a_killed_command_stops_its_left_server_but_not_a_used_one(loaded_store, tmp_path):
    """A command killed with -9 leaves its server up (its last close never ran): `store restore` then said "in use
    (its server runs); stop the app and other commands" with nothing running. A server with a client stays."""
    import subprocess
    import sys

    from graph.store.falkordb_process import running_socket

    def killed_while_open() -> None:
        holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom graph.store.falkordb_store import "
                                   "FalkorDBStore\nFalkorDBStore(sys.argv[1]).read('RETURN 1')\nprint('open', "
                                   "flush=True)\ntime.sleep(600)", str(loaded_store)], cwd=store_processes.ROOT,
                                  stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "open"
        holder.kill()
        holder.wait()

    backup = tmp_path / "backup.db"
    assert cli(loaded_store, "store", "backup", str(backup)).returncode == 0
    killed_while_open()
    assert running_socket(loaded_store)  # left running by the killed command
    user = FalkorDBStore(loaded_store)
    try:
        refused = cli(loaded_store, "store", "restore", str(backup))
        assert refused.returncode == 1 and "is in use (its server runs)" in refused.stderr
    finally:
        user.close()
    killed_while_open()
    restored = cli(loaded_store, "store", "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert not running_socket(loaded_store)


def test_a_dead_servers_temporary_files_are_removed_at_the_next_start(loaded_store):
    """A server killed during a rewrite leaves `temp-rewriteaof-<pid>.aof` in the store's folder for good (3.5 MB at
    the sample's size). The next start removes those of dead processes; one of a live process stays."""
    import subprocess
    import sys

    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout.strip()
        left = loaded_store.parent / f"temp-rewriteaof-{dead}.aof"
        kept = loaded_store.parent / f"temp-rewriteaof-{alive.pid}.aof"
        for path in (left, kept):
            path.write_bytes(b"*1\r\n$5\r\nMULTI\r\n" * 1000)
        assert cli(loaded_store, "status").returncode == 0
        assert not left.exists() and kept.exists()
    finally:
        alive.kill()
        alive.wait()


def test_a_store_path_that_is_a_folder_is_refused_as_no_store_file_and_nothing_is_made(tmp_path):
    """`CLUSTER_EXPLORER_DB` naming a folder (the app takes it as given): it was called a damaged store whose
    append-only folder is missing, with `store repair` offered, which the CLI then refused for a folder."""
    from graph.errors import StoreUnavailable

    folder = tmp_path / "data.db"
    folder.mkdir()
    with pytest.raises(StoreUnavailable) as refused:
        FalkorDBStore(folder)
    assert str(refused.value) == (
        f"{folder} is a folder, not the file of a store; set CLUSTER_EXPLORER_DB (or --db) to the store's .db "
        f"file (a new store is made at a path where nothing is yet, such as {folder / 'cluster-explorer.db'}); "
        "nothing was changed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.db"] and not any(folder.iterdir())


def test_a_command_killed_while_it_starts_the_server_leaves_it_noted_and_the_next_one_uses_it(loaded_store):
    """A command killed (-9) between the server's start and its answer (seconds at 10x, while it reads the files)
    left the server running unnoted: the next command started a second server over the same files, and the first
    stayed for good, holding the store in memory (found by killing `store repair` in a try-out)."""
    import json
    import subprocess
    import sys

    from tests.store_processes import ROOT, wait_for

    folder, note = loaded_store.parent, StorePaths(loaded_store).note

    command = subprocess.Popen([sys.executable, "-c", HELD_OPEN, str(loaded_store)], cwd=ROOT)
    try:
        wait_for(lambda: daemon_in(folder), "the server to start")
        started = daemon_in(folder)
        wait_for(lambda: note.exists() and json.loads(note.read_text() or "{}").get("pid") == started,
                 "the command to note the server it started", limit_s=10)
    finally:
        command.kill()
        command.wait()
    assert servers_in(folder) == [started]
    status = cli(loaded_store, "status")
    assert status.returncode == 0, status.stderr
    assert "Cluster" in status.stdout
    wait_for(lambda: not servers_in(folder), "the last client's exit to stop the one server", limit_s=30)


def test_a_store_moved_while_in_use_is_not_made_again_empty_where_it_was_when_its_server_restarts(loaded_store):
    """The app holds a store whose folder is then moved (`mv`), and its server dies: the restart made a new, empty
    store at the old path, the next read failed with "Invalid graph operation on empty key" and the next write went
    into that empty store, not the moved one (found by a store-safety try-out)."""
    import json
    import os
    import signal

    from graph.errors import StoreUnavailable
    from tests.store_processes import wait_for

    store = FalkorDBStore(loaded_store)
    moved = loaded_store.parent.with_name(loaded_store.parent.name + "-moved")
    try:
        os.rename(loaded_store.parent, moved)
        assert store.read("MATCH (n:Cluster) RETURN count(n)").rows[0][0] > 0  # the same server, moved with it
        pid = json.loads(StorePaths(moved / loaded_store.name).note.read_text())["pid"]
        os.kill(pid, signal.SIGKILL)
        wait_for(lambda: not os.path.exists(f"/proc/{pid}"), "the killed server to be gone")
        gone = (f"the files of the store {loaded_store} are no longer there (its folder was moved or renamed, or "
                "they were deleted, while this process used it); nothing was written there: open the store where it "
                "is now (set CLUSTER_EXPLORER_DB or --db to it and restart the app or the command)")
        for call in (lambda: store.read("MATCH (n) RETURN count(n)"), lambda: store.write("MERGE (:Award {id: 'x'})")):
            with pytest.raises(StoreUnavailable) as refused:
                call()
            assert str(refused.value) == gone
        assert not loaded_store.exists() and not StorePaths(loaded_store).aof_dir.exists()
    finally:
        store.close()
    counted = cli(moved / loaded_store.name, "query", "MATCH (a:Award {id: 'x'}) RETURN count(a)")
    assert counted.returncode == 0 and counted.stdout.split()[-1] == "0", counted.stderr


def test_a_file_size_limit_the_server_would_inherit_is_refused_before_it_starts(loaded_store):
    """Under `ulimit -f` (inherited by the server) a load's append-only file was cut mid-write at the limit: the
    server died and the store was left damaged ("appendonly.aof.1.incr.aof is truncated"), needing a repair."""
    import resource

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    before = fingerprint(loaded_store)
    for db in (loaded_store, loaded_store.with_name("fresh.db")):
        refused = cli(db, "load", "seeds", preexec_fn=limited)
        assert refused.returncode == 1
        assert refused.stderr.strip() == (
            f"Error: the store {db} was not opened: this process may write files of at most 20,000 bytes (`ulimit "
            "-f`), a limit its server would inherit, cutting its append-only file mid-write and leaving the store "
            "damaged; run `ulimit -f unlimited` in this shell first (nothing was changed)"), refused.stderr
    assert fingerprint(loaded_store) == before and not StorePaths(loaded_store.with_name("fresh.db")).aof_dir.exists()


def test_a_soft_file_size_limit_under_no_hard_one_is_lifted_and_the_load_completes(loaded_store):
    """A soft limit alone (`ulimit -S -f`) can be raised by the process itself: it is, for the command and the
    server it starts, rather than refusing a store the machine could write."""
    import resource

    def soft() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, resource.RLIM_INFINITY))

    loaded = cli(loaded_store, "load", "seeds", preexec_fn=soft)
    assert loaded.returncode == 0, loaded.stderr
    assert check_files(loaded_store).sound
