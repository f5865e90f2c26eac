"""The families of `bench_store_safety.py` found by the second try-out: paths, starts and clocks of the store, and the
files kept beside it (the analytics cache folder).

Held means: a store path that is a folder is refused as no store and nothing is made; a command killed while the
store's server reads its files leaves it noted, and the next command uses that one server, which then stops; a cache
folder on a full or read-only disk answers from memory and says why once; a cache writer killed mid-write leaves a
temporary file that the next write removes; a complete load stamped in the future hides no interrupted load; a
`store repair` killed at any point is finished by running it again, with every node; a store moved while a
process holds it is not made again, empty, where it was when its server dies; a file-size limit is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from bench.store_safety_reads import ROOT, cli
from tests.store_processes import HELD_OPEN, daemon_in, servers_in

__all__ = ["FAMILIES"]

_FIXTURES = ROOT / "tests" / "fixtures"


def _until(condition, limit_s: float = 60) -> bool:
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def folder_as_store(folder: Path) -> bool:
    (folder / "data.db").mkdir()
    status = cli(folder / "data.db", "status")  # the app takes CLUSTER_EXPLORER_DB as given; the CLI checks it too
    opened = subprocess.run([sys.executable, "-c", "import sys; from graph.store.falkordb_store import FalkorDBStore;"
                             " FalkorDBStore(sys.argv[1])", str(folder / "data.db")], cwd=ROOT, capture_output=True,
                            text=True)
    return status.returncode != 0 and "is a folder, not the file of a store" in opened.stderr and \
        sorted(p.name for p in folder.iterdir()) == ["data.db"]


def _noted_pid(db: Path) -> int:
    try:
        return int(json.loads(Path(f"{db}.server.json").read_text())["pid"])
    except (OSError, ValueError, KeyError):
        return 0


def killed_while_starting(folder: Path) -> bool:
    db = folder / "store.db"
    cli(db, "load", "seeds")
    command = subprocess.Popen([sys.executable, "-c", HELD_OPEN, str(db)], cwd=ROOT)
    try:
        started = daemon_in(folder) if _until(lambda: daemon_in(folder)) else 0
        noted = _until(lambda: started and _noted_pid(db) == started, 10)
    finally:
        command.kill()
        command.wait()
    status = cli(db, "status")
    return noted and status.returncode == 0 and _until(lambda: not servers_in(folder), 30)


@contextmanager
def _tmpfs(folder: Path, read_only: bool):
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], check=True)
    try:
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            (folder / "filler").write_bytes(b"\0" * 64 * 1024)
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def cache_cannot_be_written(folder: Path, read_only: bool) -> bool:
    db, small = folder / "store.db", folder / "small"
    cli(db, "load", "seeds")  # the clusters
    cli(db, "load", "nuts", str(_FIXTURES / "nuts"))
    cli(db, "load", "cordis", str(_FIXTURES / "cordis"))
    ask = ("recommend", "--for", "Cluster:iot-world", "-k", "3", "--format", "json")
    kept = cli(db, *ask, env={"CLUSTER_EXPLORER_CACHE_DIR": str(folder / "cache")})
    small.mkdir()
    with _tmpfs(small, read_only):
        refused = cli(db, *ask, env={"CLUSTER_EXPLORER_CACHE_DIR": str(small)})
    said = [line for line in refused.stderr.splitlines() if "could not be written" in line]
    return refused.returncode == 0 and refused.stdout == kept.stdout and len(said) == 1 and \
        "Traceback" not in refused.stderr


_HELD_WRITER = ("import sys, time\nfrom pathlib import Path\nfrom graph.analytics.cache import write_pickle\n"
                "class Held:\n    def __reduce__(self):\n        print('writing', flush=True)\n"
                "        time.sleep(600)\nwrite_pickle(Path(sys.argv[1]), [Held()])\n")


def killed_cache_writer(folder: Path) -> bool:
    from graph.analytics.cache import read_pickle, write_pickle

    writer = subprocess.Popen([sys.executable, "-c", _HELD_WRITER, str(folder / "a.pickle")], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    writer.stdout.readline()
    left = list(folder.glob(".*.tmp"))
    writer.kill()
    writer.wait()
    write_pickle(folder / "b.pickle", {"format": 1})
    return len(left) == 1 and not left[0].exists() and read_pickle(folder / "b.pickle") == {"format": 1}


_FUTURE = ("import sys; from graph.store.falkordb_store import FalkorDBStore; from graph.store import load_log; "
           "s = FalkorDBStore(sys.argv[1]); s.write(\"MATCH (l:Load) SET l.loaded_at = '2099-01-01T00:00:00+00:00'\");"
           " load_log.start_load(s, 'seeds', 'x' * 64); s.close()")


def future_stamp(folder: Path) -> bool:
    db = folder / "store.db"
    cli(db, "load", "seeds")
    subprocess.run([sys.executable, "-c", _FUTURE, str(db)], cwd=ROOT, check=True)
    return "interrupted: the seeds load started at" in cli(db, "status").stdout


def killed_repair(folder: Path, after_s: float) -> bool:
    db = folder / "store.db"
    cli(db, "load", "seeds")
    nodes = cli(db, "query", "MATCH (n) RETURN count(n)").stdout.split()[-1]
    shutil.rmtree(f"{db}.aof")  # repaired from the snapshot: a server is started, the folder written, stopped
    repair = subprocess.Popen([sys.executable, "-m", "cli", "store", "repair"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=os.environ | {"CLUSTER_EXPLORER_DB": str(db)})
    time.sleep(after_s)
    repair.kill()
    repair.wait()
    again = cli(db, "store", "repair")
    finished = again.returncode == 0 and cli(db, "query", "MATCH (n) RETURN count(n)").stdout.split()[-1] == nodes
    return finished and _until(lambda: not servers_in(folder), 30)


_MOVED = ("import json, os, signal, sys, time\nfrom pathlib import Path\nfrom graph.store.falkordb_store import "
          "FalkorDBStore\ndb = Path(sys.argv[1]); s = FalkorDBStore(db); os.rename(db.parent, sys.argv[2])\n"
          "pid = json.loads((Path(sys.argv[2]) / 'store.db.server.json').read_text())['pid']\n"
          "os.kill(pid, signal.SIGKILL)\nwhile os.path.exists(f'/proc/{pid}'): time.sleep(0.01)\n"
          "try:\n    s.write(\"MERGE (:Award {id: 'x'})\")\nexcept Exception as e:\n    print(e)\ns.close()\n")


def moved_while_in_use(folder: Path) -> bool:
    db, moved = folder / "a" / "store.db", folder / "b"
    cli(db, "load", "seeds")
    said = subprocess.run([sys.executable, "-c", _MOVED, str(db), str(moved)], cwd=ROOT, capture_output=True,
                          text=True).stdout
    kept = cli(moved / "store.db", "query", "MATCH (a:Award {id: 'x'}) RETURN count(a)").stdout.split()[-1:]
    return "are no longer there" in said and not db.exists() and not Path(f"{db}.aof").exists() and kept == ["0"]


def file_size_limit(folder: Path) -> bool:
    import resource

    db = folder / "store.db"
    cli(db, "load", "seeds")
    before = sorted((p.name, p.stat().st_size) for p in Path(f"{db}.aof").iterdir())
    limited = subprocess.run([sys.executable, "-m", "cli", "load", "seeds"], cwd=ROOT, capture_output=True, text=True,
                             env=os.environ | {"CLUSTER_EXPLORER_DB": str(db)},
                             preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000)))
    after = sorted((p.name, p.stat().st_size) for p in Path(f"{db}.aof").iterdir())
    return limited.returncode == 1 and "ulimit -f unlimited" in limited.stderr and after == before


FAMILIES = [
    ("a store path that is a folder: refused as no store, nothing made", folder_as_store),
    ("a command killed (-9) while the server reads its files: the next uses that one server", killed_while_starting),
    ("a store moved while in use, its server killed: refused, no empty store where it was", moved_while_in_use),
    ("a file-size limit (ulimit -f) the server would inherit: refused before the start", file_size_limit),
    ("cache folder on a full disk: answered from memory, said once", lambda f: cache_cannot_be_written(f, False)),
    ("cache folder read-only: answered from memory, said once", lambda f: cache_cannot_be_written(f, True)),
    ("a cache writer killed (-9) mid-write: its temporary file goes at the next write", killed_cache_writer),
    ("a complete load stamped in the future hides no interrupted load", future_stamp),
    *[(f"store repair killed (-9) after {s} s: run again, every node back", lambda f, s=s: killed_repair(f, s))
      for s in (0.3, 0.6, 0.9)],
]
