"""A read that would exhaust the machine's memory is stopped at the server's memory limit: a cross product the
database does not count against its query capacity (`MATCH (a), (b) RETURN a, b`) grew the server to 22 GB until
the machine's out-of-memory killer ended it, and the read was then sent again to the restarted server. Now the
read's watchdog restarts the server once it passes `CLUSTER_EXPLORER_SERVER_MEMORY_MB`, the read says so in one
line and is not sent again, and the store is whole. Real server processes, a real store."""

from __future__ import annotations

import pytest

from graph.errors import QueryTooLarge
from graph.store.falkordb_server import ServerLimits, default_limits
from graph.store.falkordb_store import FalkorDBStore
from graph.store.falkordb_watchdog import why_restarted
from tests.store_processes import cli

LIMIT_MB = 400
CROSS = "MATCH (a), (b), (c) RETURN a, b, c"


@pytest.fixture
def small_server(tmp_path):
    """A store of 400 awards whose reads may take its server to 400 MiB."""
    limits = ServerLimits(query_memory=default_limits().query_memory, server_memory=LIMIT_MB * 2**20)
    store = FalkorDBStore(tmp_path / "memory.db", limits=limits)
    store.write("UNWIND range(1, 400) AS i CREATE (:Award {id: 'a' + toString(i), name: 'an award of some name'})")
    yield store
    store.close()


def test_a_read_past_the_servers_memory_restarts_it_once_and_says_so(small_server):
    pid = small_server.server_pid
    with pytest.raises(QueryTooLarge, match=rf"grow past the memory it may use \({LIMIT_MB:,} MiB, "
                                            r"CLUSTER_EXPLORER_SERVER_MEMORY_MB\), so the server was restarted"):
        small_server.read(CROSS, timeout_s=300, row_cap=1000)
    stopped = small_server.db_path.with_name("memory.db.stopped-servers").read_text().split()
    # stopped by memory (the reason the restart records), not by its time limit; one restart: not sent again
    assert stopped == [str(pid), "memory"]
    assert "made it grow past the memory it may use" in why_restarted(small_server.db_path, pid)
    assert small_server.read("MATCH (a:Award) RETURN count(a)").rows == [[400]]  # whole, on a new server
    assert small_server.server_pid != pid


def test_the_cli_says_it_in_one_line(small_server):
    done = cli(small_server.db_path, "query", CROSS, "--timeout", "300",
               env={"CLUSTER_EXPLORER_SERVER_MEMORY_MB": str(LIMIT_MB), "CLUSTER_EXPLORER_QUERY_MEMORY_MB": "64"})
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith(
        f"Error: the query made the store's server grow past the memory it may use ({LIMIT_MB:,} MiB")
    assert small_server.read("MATCH (a:Award) RETURN count(a)").rows == [[400]]
