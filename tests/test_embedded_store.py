"""What only the embedded store must promise: durability, writes sent once, one server for two processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import counts
from graph.store.records import NodeRecord
from graph.store.writer import write_records

CLI = [sys.executable, "-m", "cli"]
ROOT = Path(__file__).resolve().parents[1]


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["CLUSTER_EXPLORER_DB"] = str(db)
    return subprocess.run(CLI + list(args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def wait_until_gone(pid: int, timeout_s: float = 30) -> None:
    """Wait (bounded) until process `pid` has ended, reaping it when it is our child."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:  # not our child: it is gone when signal 0 finds nothing
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} still runs {timeout_s:.0f} s after SIGKILL")


def test_an_acknowledged_load_survives_kill_9_of_the_server(tmp_path):
    from loaders.seeds import load_seeds

    store = FalkorDBStore(tmp_path / "durable.db")
    store.setup_schema()
    load_seeds(store)
    expected = counts(store)
    assert expected[0]["Cluster"] > 20
    os.kill(store.server_pid, signal.SIGKILL)
    wait_until_gone(store.server_pid)
    reopened = FalkorDBStore(tmp_path / "durable.db")
    try:
        assert counts(reopened) == expected
    finally:
        reopened.close()


def _held_writes(client) -> list[str]:
    """Ids of the connections the server holds blocked in a GRAPH.QUERY: writes sent, waiting for a pause to end."""
    return [c["id"] for c in client.client_list() if "b" in c["flags"] and c["cmd"].lower() == "graph.query"]


def test_a_write_held_past_the_clients_read_timeout_runs_exactly_once(embedded_store):
    """falkordblite's client gave up on a reply after 5 s and sent the write again, which then ran twice.

    The server holds the write (`CLIENT PAUSE WRITE`, seen in its client list) until the client has waited
    longer than its socket allows: no time at all when it has no read timeout (ours), its timeout and a second
    more when it has one. The write must still be waiting on the connection it was sent on (a client that gave
    up closes it and sends again on another), and run once when the pause ends.
    """
    client = embedded_store._db.connection  # the store's own client; CLIENT commands pass a write pause
    outcome: list = []

    def write() -> None:
        try:
            outcome.append(embedded_store.write("CREATE (:Award {id: 'once', name: 'written once'})"))
        except Exception as error:  # kept for the assertion below
            outcome.append(error)

    writer = threading.Thread(target=write)
    client.execute_command("CLIENT", "PAUSE", 600_000, "WRITE")
    try:
        writer.start()
        deadline = time.monotonic() + 60
        while not (held := _held_writes(client)):
            assert writer.is_alive() and time.monotonic() < deadline, f"the write was not held: {outcome}"
            time.sleep(0.05)  # polling the server's client list: the wait is on the condition
        read_timeout = client.connection_pool.connection_kwargs.get("socket_timeout")
        if read_timeout is not None:  # a client that gives up on a reply: hold the write until it has
            writer.join(read_timeout + 1)
        assert len(held) == 1 and writer.is_alive() and _held_writes(client) == held, \
            f"the client gave up on the write and sent it again: {outcome}"
    finally:
        client.execute_command("CLIENT", "UNPAUSE")
    writer.join(timeout=120)
    assert not writer.is_alive() and len(outcome) == 1 and not isinstance(outcome[0], Exception), outcome
    assert embedded_store.read("MATCH (a:Award {id: 'once'}) RETURN count(a)").rows == [[1]]


def test_two_processes_share_one_server_and_see_each_others_writes(tmp_path):
    db = tmp_path / "shared.db"
    app_side = FalkorDBStore(db)
    try:
        loaded = _cli(db, "load", "seeds")
        assert loaded.returncode == 0, loaded.stderr
        assert counts(app_side)[0]["Cluster"] > 20
        write_records(app_side, [NodeRecord("Award", "from-app", "Written by the app", ("test",))], [])
        seen = _cli(db, "query", "MATCH (a:Award {id: $id}) RETURN a.name AS name", "-p", "id=from-app",
                    "--format", "csv")
        assert seen.returncode == 0, seen.stderr
        assert seen.stdout.strip().splitlines() == ["name", "Written by the app"]
        assert counts(app_side)[0]["Award"] >= 2  # the CLI's exit did not stop the shared server
    finally:
        app_side.close()


def test_status_names_store_counts_and_last_loads(tmp_path):
    db = tmp_path / "status.db"
    assert _cli(db, "load", "seeds").returncode == 0
    status = _cli(db, "status")
    assert status.returncode == 0, status.stderr
    assert f"store: falkordb at {db}" in status.stdout
    assert "Cluster" in status.stdout and "HAS_LABEL" in status.stdout
    assert "seeds" in status.stdout.split("last loads:")[1]


def test_cli_errors_are_one_line_without_traceback(tmp_path):
    db = tmp_path / "errors.db"
    refused = _cli(db, "query", "CREATE (:Country {id: 'XX', name: 'x'})")
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines() == [
        "Error: this query writes to the graph; only read-only queries may run here "
        "(the database refused it and nothing changed)"]


def test_unreachable_neo4j_is_one_clear_line(tmp_path):
    env = dict(os.environ, NEO4J_URI="bolt://127.0.0.1:9", NEO4J_PASSWORD="wrong")
    result = subprocess.run(CLI + ["status"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot reach Neo4j at bolt://127.0.0.1:9")
    assert "Check NEO4J_URI" in lines[0]
