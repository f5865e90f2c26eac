"""A read asked for while the interpreter shuts down (an app stopping while its warm-up thread still reads).

Each read runs under a watchdog thread; at shutdown Python refuses to start threads. That read must end in one
of our errors, saying why, not in an `UnboundLocalError` from the read's own bookkeeping (seen when a second
`./dev run` found its port taken and exited while its warm-up read the store).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import atexit, sys
from graph.store.falkordb_store import FalkorDBStore

store = FalkorDBStore(sys.argv[1])
store.write("MERGE (:Award {id: 'kept'})")

def read_at_shutdown():
    try:
        store.read("MATCH (a:Award) RETURN count(a)")
        print("read ran")
    except Exception as e:
        print(type(e).__name__, "|", e)

atexit.register(read_at_shutdown)  # runs before the store's own close (registered earlier: atexit is LIFO)
"""


def test_a_read_at_interpreter_shutdown_says_the_process_is_stopping(tmp_path: Path):
    db = tmp_path / "store.db"
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(db)], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    kind, _, message = done.stdout.strip().partition(" | ")
    assert kind == "StoreUnavailable", done.stdout + done.stderr
    assert "shutting down" in message and str(db) in message
    assert "UnboundLocalError" not in done.stderr


def test_the_store_keeps_what_was_written_before_the_shutdown(tmp_path: Path):
    from graph.store.falkordb_store import FalkorDBStore

    db = tmp_path / "store.db"
    subprocess.run([sys.executable, "-c", SCRIPT, str(db)], capture_output=True, text=True, timeout=120, check=True,
                   cwd=Path(__file__).resolve().parents[1])
    store = FalkorDBStore(db)
    try:
        assert store.read("MATCH (a:Award) RETURN a.id").rows == [["kept"]]
    finally:
        store.close()
