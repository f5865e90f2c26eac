"""`unload` asks first, naming each load of the source that goes: one that never finished is said to be so.

The try-out: a load killed before its end, then `unload user:x` without `--yes`, asked "The user:x load of None
wrote None nodes and None relationships."
"""

from __future__ import annotations

from graph.store.falkordb_store import FalkorDBStore
from graph.store.records import NodeRecord
from graph.store.writer import write_records
from tests.cli_invoke import cli_env, invoke


def _logged(store, *entries: dict) -> None:
    write_records(store, [NodeRecord("Load", f"user:x@{e['checksum']}", "user:x", ("user:x",),
                                     properties={"source": "user:x", **e}) for e in entries], [])


def test_a_load_that_never_finished_is_named_so_in_the_question(embedded_server):
    store = FalkorDBStore(embedded_server, "unload_question")
    try:
        store.clear()
        _logged(store, {"checksum": "a1", "status": "started", "started_at": "2026-03-01T09:00:00", "seq": 1})
        asked = invoke(cli_env(embedded_server, "unload_question"), "unload", "user:x")
        assert asked.exit_code == 1
        assert ("The user:x load started at 2026-03-01T09:00:00 did not finish (what it wrote is not counted). "
                "Remove what user:x brought") in asked.stderr
        assert "None" not in asked.stderr
        _logged(store, {"checksum": "b2", "status": "complete", "started_at": "2026-03-02T09:00:00",
                        "loaded_at": "2026-03-02T09:01:00", "nodes": 12, "relationships": 3, "seq": 2})
        asked = invoke(cli_env(embedded_server, "unload_question"), "unload", "user:x")
        assert ("The log holds 2 loads of user:x, and all of them go (2026-03-02T09:01:00: 12 nodes; started at "
                "2026-03-01T09:00:00 did not finish (what it wrote is not counted)).") in asked.stderr
    finally:
        store.clear()
        store.close()
