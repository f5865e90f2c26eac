"""The reads of `bench_store_safety.py` (issue 11's probe) that run beside a load, and what the probe shares.

Each bad read runs while `load seeds` goes into the same fresh store; held means the read is refused, stopped
or capped in one line, the server is the same one (or, where the database may not stop the read in time, was
restarted by the watchdog), and the load beside completed exactly: the same nodes and relationships as the
seeds loaded alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.errors import ClusterExplorerError, QueryTimeout, QueryTooLarge
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import counts

__all__ = ["ROOT", "cli", "alive", "bad_read", "huge_result", "times", "sat_out"]

ROOT = Path(__file__).resolve().parents[1]
NODE_IDS = "MATCH (n) WHERE NOT n:Load RETURN labels(n)[0] AS label, n.id AS id ORDER BY label, id"
times: dict[str, list[float]] = {}
sat_out: list[bool] = []  # per load beside a bad read: whether it lost its server to a watchdog and went on
_reference: list[tuple] = []


def cli(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")} | {"CLUSTER_EXPLORER_DB": str(db)} | (
        env or {})
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def contents(store: FalkorDBStore) -> tuple:
    """What a load of the seeds leaves: counts by label and type, and every node's label and id."""
    return counts(store), store.read(NODE_IDS, row_cap=10**6).rows


def reference() -> tuple:
    """The seeds loaded alone into a fresh store (once a run): what a load beside a bad read must leave."""
    if not _reference:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "alone.db"
            cli(db, "load", "seeds")
            store = FalkorDBStore(db)
            try:
                _reference.append(contents(store))
            finally:
                store.close()
    return _reference[0]


def load_beside(db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli", "load", "seeds"], cwd=ROOT, text=True,
                            env=os.environ | {"CLUSTER_EXPLORER_DB": str(db)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def load_completed(load: subprocess.Popen, store: FalkorDBStore) -> bool:
    """The load beside exited 0 in its own time and left exactly what the load alone leaves."""
    out, err = load.communicate()
    sat_out.append("restarted while this load ran" in out)
    return load.returncode == 0 and "Traceback" not in err and contents(store) == reference()


def bad_read(folder: Path, query: str, timeout_s: float, restart: bool) -> bool:
    """`query` read while `load seeds` goes into the same fresh store (its indexes made: the graph exists);
    `restart`: the watchdog may restart the server (a read the database may not stop in time), else the server
    must be the same one after. Held: the read refused or stopped (`QueryTooLarge`, `QueryTimeout`) in one line."""
    store = FalkorDBStore(folder / "reads.db")
    try:
        store.setup_schema()
        pid = store.server_pid
        load = load_beside(store.db_path)
        started = time.monotonic()
        try:
            store.read(query, timeout_s=timeout_s)
            return False
        except (QueryTimeout, QueryTooLarge) as e:
            times.setdefault(query[:40], []).append(time.monotonic() - started)
            one_line = "\n" not in str(e)
        except ClusterExplorerError as e:
            print(f"  {query[:40]}: {e}", file=sys.stderr)
            return False
        completed = load_completed(load, store)
        return one_line and completed and (restart or (alive(pid) and store.server_pid == pid))
    finally:
        store.close()


def huge_result(folder: Path) -> bool:
    """3,000,000 rows asked for, 5 shown, a load beside: the row cap bounds what crosses the wire; the server
    stays, the load completes exactly."""
    store = FalkorDBStore(folder / "huge.db")
    try:
        pid = store.server_pid
        load = load_beside(store.db_path)
        started = time.monotonic()
        result = cli(store.db_path, "query", "UNWIND range(1, 3000000) AS x RETURN x", "--limit", "5", "--format",
                     "csv")
        times.setdefault("3,000,000 rows capped at 5", []).append(time.monotonic() - started)
        shown = result.returncode == 0 and result.stdout.splitlines() == ["x", "1", "2", "3", "4", "5"]
        said = result.stderr.strip().splitlines() == ["(showing the first 5 rows; raise --limit to see more)"]
        return shown and said and load_completed(load, store) and alive(pid) and store.server_pid == pid
    finally:
        store.close()
