"""Time limits that must hold without a database that answers: a Neo4j port that accepts and never answers,
and the error translation of writes (which have no time limit of ours) in both adapters."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from graph.errors import QueryTimeout, StoreUnavailable
from graph.settings import Settings
from graph.store.falkordb_errors import translate
from graph.store.falkordb_server import default_limits


@pytest.fixture()
def silent_port():
    """A local port that accepts connections and never says a word (a hung server, a wrong service)."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_a_neo4j_port_that_never_answers_fails_with_one_line_and_does_not_hang(silent_port, scheme):
    from graph.store.neo4j_store import CONNECT_TIMEOUT_S, Neo4jStore

    outcome: list[BaseException] = []

    def connect() -> None:
        try:
            Neo4jStore(Settings(neo4j_uri=f"{scheme}://127.0.0.1:{silent_port}", neo4j_password="x"))
        except BaseException as e:  # noqa: BLE001 - handed to the test thread
            outcome.append(e)

    attempt = threading.Thread(target=connect, daemon=True)
    attempt.start()
    attempt.join(CONNECT_TIMEOUT_S * 6)  # a bound for a hang (it was 29-61 s), not a speed figure
    assert not attempt.is_alive(), "connecting to a silent port hung"
    assert len(outcome) == 1 and isinstance(outcome[0], StoreUnavailable), outcome
    assert f"cannot reach Neo4j at {scheme}://127.0.0.1:{silent_port} within 10 s" in str(outcome[0])
    assert "\n" not in str(outcome[0])


def test_a_write_that_times_out_is_translated_without_a_time_limit_of_ours():
    error = translate(Exception("Query timed out"), Path("/tmp/x.db"), default_limits(), None)
    assert isinstance(error, QueryTimeout) and "the database's limit" in str(error)
