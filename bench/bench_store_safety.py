"""The adversarial probe of issue 11, re-run: cases tried and held per family, on the embedded store.

Each case uses real processes and files in a temporary folder (the seeds as data). "Held" means what
the README promises: one server per file; damaged files refused with the files' bytes unchanged;
a bad read refused, stopped or capped in one line with the server alive (or restarted by the watchdog, with
nothing lost) while a `load seeds` goes into the same fresh store beside it and completes exactly (the same
nodes and relationships as the load run alone); a killed server started again; a silent Neo4j port failing
in ~10 s; and the families of `bench/store_safety_kept.py` (store paths, killed starts and repairs, the cache
folder's faults, clocks) and of `bench/store_safety_gaps.py` (a moved store's runaway read, a start killed before
its note, a clock set back). Prints one table row per family, then the times measured and how many loads sat out
a restart.

    .venv/bin/python bench/bench_store_safety.py [--trials 3] [--only TEXT]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.store_safety_gaps import FAMILIES as GAPS  # noqa: E402
from bench.store_safety_kept import FAMILIES as KEPT_AND_STARTS  # noqa: E402
from bench.store_safety_reads import alive, bad_read, cli, huge_result, sat_out, times  # noqa: E402
from graph.errors import StoreUnavailable  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store.falkordb_server import StorePaths  # noqa: E402
from graph.store.falkordb_store import FalkorDBStore  # noqa: E402

OPENER = ("import sys; from graph.store.falkordb_store import FalkorDBStore; s = FalkorDBStore(sys.argv[1]); "
          "s.write('MERGE (:Award {id: $id})', {'id': sys.argv[2]}); print(s.server_pid); s.close()")


def fingerprint(db: Path) -> list[str]:
    files = [db, *sorted(StorePaths(db).aof_dir.glob("*"))]
    return [hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.exists()]


def concurrent_opens(folder: Path) -> bool:
    db = folder / "fresh.db"
    openers = [subprocess.Popen([sys.executable, "-c", OPENER, str(db), f"p{i}"], cwd=ROOT, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(6)]
    outs = [p.communicate()[0].strip() for p in openers]
    opened = all(p.returncode == 0 for p in openers)
    store = FalkorDBStore(db)
    try:
        return opened and len(outs) == 6 and store.read("MATCH (a:Award) RETURN count(a)").rows == [[6]]
    finally:
        store.close()


def _damage(kind: str, db: Path) -> None:
    paths = StorePaths(db)
    incr = next(paths.aof_dir.glob("*.incr.aof"))
    data = incr.read_bytes()
    if kind == "missing folder":
        os.rename(paths.aof_dir, db.with_name("moved-away"))
    elif kind == "missing manifest":
        paths.manifest.unlink()
    elif kind == "truncated":
        incr.write_bytes(data[:-7])
    elif kind == "corrupt command":
        at = data.index(b"\r\n*", 1) + 2  # the second logged command (the load ends compacted: the log is short)
        incr.write_bytes(data[:at] + b"#" + data[at + 1:])
    else:  # corrupt inside a value: passes the server's check, kills its start
        mid = len(data) // 2
        incr.write_bytes(data[:mid] + b"\x00garb\x00" + data[mid + 6:])


def damaged_files(folder: Path, kind: str) -> bool:
    db = folder / "store.db"
    cli(db, "load", "seeds")
    store = FalkorDBStore(db)
    store.write("MERGE (:Award {id: 'last'})")
    store.close()
    _damage(kind, db)
    before = fingerprint(db)
    status = cli(db, "status")
    refused = status.returncode == 1 and "damaged" in status.stderr and len(status.stderr.splitlines()) == 1
    return refused and fingerprint(db) == before and not StorePaths(db).note.exists()


def killed_server(folder: Path) -> bool:
    db = folder / "killed.db"
    cli(db, "load", "seeds")
    store = FalkorDBStore(db)
    try:
        before, pid = store.read("MATCH (n) RETURN count(n)").rows, store.server_pid
        os.kill(pid, signal.SIGKILL)
        while alive(pid):
            time.sleep(0.05)
        started = time.monotonic()
        status = cli(db, "status")
        times.setdefault("restart by the next command", []).append(time.monotonic() - started)
        return status.returncode == 0 and store.read("MATCH (n) RETURN count(n)").rows == before
    finally:
        store.close()


def silent_neo4j(_: Path) -> bool:
    from graph.store.neo4j_store import Neo4jStore

    server = socket.create_server(("127.0.0.1", 0))
    server.listen(64)
    started = time.monotonic()
    try:
        Neo4jStore(Settings(neo4j_uri=f"bolt://127.0.0.1:{server.getsockname()[1]}", neo4j_password="x"))
        return False
    except StoreUnavailable:
        took = time.monotonic() - started
        times.setdefault("silent Neo4j port fails after", []).append(took)
        return took < 15
    finally:
        server.close()


def two_loads_at_once(folder: Path) -> bool:
    """Two `load seeds` started together into a store whose server is not running: one server, a sound store."""
    db = folder / "two.db"
    env = os.environ | {"CLUSTER_EXPLORER_DB": str(db)}
    loads = [subprocess.Popen([sys.executable, "-m", "cli", "load", "seeds"], cwd=ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    done = all(load.wait() == 0 for load in loads)
    check = cli(db, "store", "check")
    status = cli(db, "status")
    return done and check.returncode == 0 and "Cluster" in status.stdout and "interrupted" not in status.stdout


def bad_cells(folder: Path, cell: str) -> bool:
    """A cell no store can hold (NUL, a lone surrogate, oversize text) in a mapped file: refused with file and
    line before any write, the store as it was. The surrogate travels as a JSON escape (UTF-8 cannot hold it)."""
    db = folder / "cells.db"
    cli(db, "load", "seeds")
    before = cli(db, "status").stdout.split("last loads:")[0]
    mapping = folder / "members"
    shutil.copytree(ROOT / "examples" / "members", mapping)
    if cell == "surrogate":
        target, where = mapping / "memberships.json", "memberships.json:2"
        text = target.read_text(encoding="utf-8").replace('"active"', '"act\\udc80ive"', 1)
    else:
        target, where = mapping / "members.csv", "members.csv:2"
        text = target.read_text(encoding="utf-8-sig").replace("Sensorbolaget", f"Sensor{cell}bolaget", 1)
    target.write_text(text, encoding="utf-8")
    load = cli(db, "load", "csv", str(mapping / "mapping.toml"))
    named = where in load.stderr and "nothing was written" in load.stderr
    return load.returncode == 1 and named and "Traceback" not in load.stderr and \
        cli(db, "status").stdout.split("last loads:")[0] == before


#: Bad values and files a careless user gives (issue 11's list): each one line (or a warning naming the file
#: and line), never a traceback.
def _bad_inputs(folder: Path) -> list[tuple[list[str], dict[str, str]]]:
    (folder / "utf8").mkdir()
    (folder / "utf8" / "bad.cypher").write_bytes(b"// title: bad\n\xff\xfe RETURN 1\n")
    (folder / "dir" / "x.cypher").mkdir(parents=True)
    mapping = folder / "rot13"
    shutil.copytree(ROOT / "examples" / "members", mapping)
    text = (mapping / "mapping.toml").read_text(encoding="utf-8")
    (mapping / "mapping.toml").write_text(text.replace("[[nodes]]", 'encoding = "rot13"\n[[nodes]]', 1))
    for name, source in (("cordis", ROOT / "tests" / "fixtures" / "cordis_official"),
                         ("nuts", ROOT / "tests" / "fixtures" / "nuts")):
        shutil.copytree(source, folder / name)
        target = folder / name / ("organization.csv" if name == "cordis" else "nuts2024_label_points.csv")
        data = target.read_bytes()
        target.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + data[data.index(b"\n"):])
    query = "MATCH (n) RETURN count(n)"
    return [(["query", "--timeout", "nan", query], {}), (["query", "--timeout", "inf", query], {}),
            (["query", "--limit", "-1", query], {}), (["status"], {"CLUSTER_EXPLORER_QUERY_TIMEOUT": "abc"}),
            (["status"], {"CLUSTER_EXPLORER_QUERY_TIMEOUT": "10s"}),
            (["--queries-dir", str(folder / "utf8"), "queries", "list"], {}),
            (["--queries-dir", str(folder / "dir"), "queries", "list"], {}),
            (["load", "csv", str(mapping / "mapping.toml")], {}), (["load", "cordis", str(folder / "cordis")], {}),
            (["load", "nuts", str(folder / "nuts" / "nuts2024_label_points.csv")], {})]


def bad_inputs(folder: Path) -> bool:
    db, held = folder / "inputs.db", []
    cli(db, "load", "seeds")
    for args, env in _bad_inputs(folder):
        result = cli(db, *args, env=env)
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        refused = result.returncode != 0 and len(errors) == 1  # one line (a load's problems follow it, listed)
        served = result.returncode == 0 and "clusters/overview" in result.stdout  # a bad query file: warned, skipped
        held.append("Traceback" not in result.stderr and (refused or served))
    return all(held)


FAMILIES = [
    ("six processes open one fresh store at once", concurrent_opens),
    *[(f"damaged files: {kind}", lambda f, k=kind: damaged_files(f, k))
      for kind in ("missing folder", "missing manifest", "truncated", "corrupt command", "corrupt value")],
    ("range(1,2000000000) beside a load", lambda f: bad_read(f, "UNWIND range(1,2000000000) AS x RETURN count(x)",
                                                            10, restart=False)),
    ("range over the query memory at run time, beside a load", lambda f: bad_read(
        f, "WITH 100000000 AS n UNWIND range(1, n) AS x RETURN collect(x)", 10, restart=True)),
    ("reduce growing a string past its limit, beside a load", lambda f: bad_read(
        f, "RETURN size(reduce(s = '', x IN range(1, 400000) | s + 'xxxxxxxxxxxxxxxxxxxx'))", 1, restart=True)),
    ("server killed, next command", killed_server),
    ("Neo4j port that accepts and never answers", silent_neo4j),
    ("two loads started together into a store not running", two_loads_at_once),
    *[(f"a cell no store holds ({what}) refused before any write", lambda f, c=cell: bad_cells(f, c))
      for what, cell in (("NUL", "\x00"), ("lone surrogate", "surrogate"), ("oversize text", "x" * 2_000_000))],
    ("bad values and files (10 kinds): one line, no traceback", bad_inputs),
    ("3,000,000-row result capped at 5, beside a load", huge_result),
    *KEPT_AND_STARTS,  # the second try-out's (bench/store_safety_kept.py)
    *GAPS,  # the gaps closed after it (bench/store_safety_gaps.py)
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--only", default="", help="run the families whose name contains this text")
    args = parser.parse_args()
    trials = args.trials
    print("| family | tried | held |\n|---|---|---|")
    for name, case in [(n, c) for n, c in FAMILIES if args.only in n]:
        held = 0
        for _ in range(trials):
            with tempfile.TemporaryDirectory() as folder:
                held += bool(case(Path(folder)))
        print(f"| {name} | {trials} | {held} |", flush=True)
    print()
    for what, seconds in times.items():
        print(f"{what}: {min(seconds):.1f}-{max(seconds):.1f} s")
    if sat_out:
        print(f"loads beside a bad read that lost their server to the watchdog and went on: {sum(sat_out)} of "
              f"{len(sat_out)}")


if __name__ == "__main__":
    main()
