"""Shared fixtures: real stores only. The embedded FalkorDB always; Neo4j when NEO4J_URI is set."""

from __future__ import annotations

import gc
import itertools
import os
from pathlib import Path

import pytest

from graph.settings import Settings
from graph.store.falkordb_store import FalkorDBStore
from tests.server_sweep import stop_left_servers, store_servers

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

STORE_KINDS = [
    "falkordb",
    pytest.param("neo4j", marks=pytest.mark.skipif(
        not os.environ.get("NEO4J_URI"), reason="Neo4j tests run only when NEO4J_URI is set")),
]


_graph_numbers = itertools.count()
_servers_before: set[int] = set()
_servers_left: list[Path] = []


def pytest_sessionstart(session):
    _servers_before.update(store_servers())


def pytest_sessionfinish(session):
    """Stop the store servers the tests left running (see tests/server_sweep.py); the summary names them. The
    stores this process still holds open (the CLI's in-process runs close theirs at exit) are closed first, as
    at exit: a server they keep is not left behind, and the last one's close stops it."""
    for store in [obj for obj in gc.get_objects() if isinstance(obj, FalkorDBStore)]:
        store.close()
    _servers_left.extend(stop_left_servers(_servers_before, session.config._tmp_path_factory.getbasetemp()))


def pytest_terminal_summary(terminalreporter):
    if _servers_left:
        terminalreporter.write_line(f"{len(_servers_left)} embedded store server(s) left running by tests, stopped "
                                    "now: " + ", ".join(str(folder) for folder in _servers_left))


@pytest.fixture(scope="session")
def embedded_server(tmp_path_factory):
    """One embedded server for the session: starting and stopping one costs about 2 s.

    Tests get their own graph in it (see `embedded_store`), so they stay independent. The server
    stops when this keeper, its last client, closes.
    """
    path = tmp_path_factory.mktemp("embedded") / "store.db"
    keeper = FalkorDBStore(path, "keeper")
    yield path
    keeper.close()


def _open(kind: str, server_path: Path):
    if kind == "falkordb":
        return FalkorDBStore(server_path, f"test_{next(_graph_numbers)}")
    from graph.store.neo4j_store import Neo4jStore

    return Neo4jStore(Settings.from_env())


def open_fixture_network(server_path: Path, graph_name: str) -> FalkorDBStore:
    """A fresh graph holding the seeds and the committed NUTS and CORDIS fixtures (real loaders)."""
    from loaders.cordis import load_cordis
    from loaders.derived_aggregates import derive_country_aggregates
    from loaders.nuts import load_nuts
    from loaders.pipeline import recount_activity
    from loaders.seeds import load_seeds

    store = FalkorDBStore(server_path, graph_name)
    store.clear()
    store.setup_schema()
    load_seeds(store)
    load_nuts(store, FIXTURES / "nuts")
    load_cordis(store, FIXTURES / "cordis")
    recount_activity(store)  # what the load pipeline does after every load
    derive_country_aggregates(store)
    return store


def fixture_network(graph_name: str, name: str):
    """A module-scoped fixture `name`: `open_fixture_network` in graph `graph_name`, emptied and closed after the
    module (`network = fixture_network("my_tests", "network")` in a test module)."""

    @pytest.fixture(scope="module", name=name)
    def opened(embedded_server):
        store = open_fixture_network(embedded_server, graph_name)
        yield store
        store.clear()
        store.close()

    return opened


@pytest.fixture
def embedded_store(embedded_server):
    """A fresh, empty graph in the session's embedded FalkorDB server."""
    store = _open("falkordb", embedded_server)
    store.setup_schema()
    yield store
    store.clear()
    store.close()


@pytest.fixture
def seeded(embedded_store):
    """A fresh embedded graph with the seed knowledge base loaded (by its loader, no derived facts), for a test
    that writes to it."""
    from loaders.seeds import load_seeds

    load_seeds(embedded_store)
    return embedded_store


@pytest.fixture(params=STORE_KINDS)
def any_store(request, embedded_server):
    """Every available store, emptied: the contract tests run once per backend."""
    store = _open(request.param, embedded_server)
    store.clear()
    store.setup_schema()
    yield store
    store.clear()
    store.close()


@pytest.fixture(scope="session")
def seeded_store(embedded_server):
    """One embedded graph with the seed knowledge base loaded, shared by read-only tests."""
    from loaders.seeds import load_seeds

    store = FalkorDBStore(embedded_server, "seeded")
    store.setup_schema()
    load_seeds(store)
    yield store
    store.close()
