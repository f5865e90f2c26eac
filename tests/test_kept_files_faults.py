"""Faults of the files kept beside the store (the analytics cache folder, `graph/analytics/cache.py` and
`graph/analytics/kept_files.py`), on a real embedded store and real file systems: a folder on a full disk or a
read-only one, and a writer killed while it writes (found by a store-safety try-out: a full or read-only cache
folder ended `recommend` and `metrics compute` in a traceback, and a killed writer's temporary file stayed for good)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from graph.analytics import cache
from tests.conftest import fixture_network
from tests.store_processes import tmpfs, wait_for

ROOT = Path(__file__).resolve().parents[1]
GRAPH = "kept_files_faults"
FOCAL = "Organisation:pic:999977851"

network = fixture_network(GRAPH, "network")


def _recommend(network, folder: Path) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
           "CLUSTER_EXPLORER_DB": str(network.db_path), "CLUSTER_EXPLORER_GRAPH": GRAPH,
           "CLUSTER_EXPLORER_CACHE_DIR": str(folder)}
    return subprocess.run([sys.executable, "-m", "cli", "recommend", "--for", FOCAL, "-k", "3", "--format", "json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False, env=env)


@pytest.mark.parametrize("how", ["full disk", "read-only"])
def test_a_cache_folder_that_cannot_be_written_says_so_once_and_the_answer_comes_from_memory(network, tmp_path, how):
    kept = _recommend(network, tmp_path / "writable")
    assert kept.returncode == 0, kept.stderr
    with tmpfs(tmp_path / "small", "64k", "cannot_be_written") as folder:
        if how == "full disk":
            (folder / "filler").write_bytes(b"\0" * 64 * 1024)
        else:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        refused = _recommend(network, folder)
        left = sorted(p.name for p in folder.iterdir())
    assert refused.returncode == 0, refused.stderr
    assert refused.stdout == kept.stdout  # the same ranking, from what was built in memory
    said = [line for line in refused.stderr.splitlines() if "could not be written" in line]
    assert len(said) == 1, refused.stderr  # once for the folder, not once per file (the inputs, the index)
    why = "No space left on device" if how == "full disk" else "Read-only file system"
    assert said[0].startswith(f"the analytics cache could not be written in {folder} ({why})"), said[0]
    assert "CLUSTER_EXPLORER_CACHE_DIR" in said[0] and "Traceback" not in refused.stderr
    assert left == (["filler"] if how == "full disk" else [])  # no half-written file left behind


_HELD_WRITER = """
import sys, time
from pathlib import Path
from graph.analytics.cache import write_pickle

class Held:
    def __reduce__(self):  # the writer is held in the middle of its write, its temporary file open
        print("writing", flush=True)
        time.sleep(600)

write_pickle(Path(sys.argv[1]), {"state": [Held()]})
"""


def test_a_writer_killed_while_it_writes_leaves_a_temporary_file_that_the_next_write_removes(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    writer = subprocess.Popen([sys.executable, "-c", _HELD_WRITER, str(folder / "a-met-1.met.pickle")], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "writing\n"
    (left,) = folder.glob(".*.tmp")
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    wait_for(lambda: not Path(f"/proc/{writer.pid}").exists(), "the killed writer to be gone")
    live = folder / f".b-inputs.pickle.{os.getpid()}.abcd1234.tmp"  # a writer that is still at work
    live.write_bytes(b"half")
    cache.write_pickle(folder / "b-inputs.pickle", {"format": 1})
    assert not left.exists()
    assert live.exists() and cache.read_pickle(folder / "b-inputs.pickle") == {"format": 1}
