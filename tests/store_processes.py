"""What the fault-injection tests of the embedded store share: the command line run on a store (waited for, or
running beside the test), a bounded wait on a condition, checksums of a store's files, a stopped store holding the
seeds, and a small file system of its own (a full disk, a read-only one)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from graph.store.falkordb_server import StorePaths

ROOT = Path(__file__).resolve().parents[1]


def cli(db: Path, *args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    environment.update({"CLUSTER_EXPLORER_DB": str(db), **(env or {})})
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=300, **kw)


def cli_process(db: Path, *args: str, stderr_file: Path) -> subprocess.Popen:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    environment["CLUSTER_EXPLORER_DB"] = str(db)
    return subprocess.Popen([sys.executable, "-m", "cli", *args], cwd=ROOT, env=environment,
                            stdout=subprocess.PIPE, stderr=stderr_file.open("w"), text=True)


def wait_for(condition, what: str, limit_s: float = 120) -> None:
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def fingerprint(db: Path) -> dict[str, str]:
    """Checksums of every file of the store (the .db and the append-only folder)."""
    files = [db, *sorted(StorePaths(db).aof_dir.glob("*"))] if StorePaths(db).aof_dir.exists() else [db]
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.exists()}


@pytest.fixture()
def loaded_store(tmp_path) -> Path:
    """A stopped store holding the seeds, its server stopped cleanly."""
    db = tmp_path / "store.db"
    assert cli(db, "load", "seeds").returncode == 0
    return db


def _load_beside(db: Path, tmp_path: Path) -> subprocess.Popen:
    return cli_process(db, "load", "seeds", stderr_file=tmp_path / "load.err")


@contextmanager
def tmpfs(folder: Path, size: str, case: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted at `folder` for the block (root may mount one, and CI runs as root); `case` is
    the words of the test's name that `-k` deselects it by elsewhere."""
    if os.geteuid() != 0:
        pytest.fail(f"this case mounts a tmpfs, which needs root: run the tests as root (as CI does), or deselect it "
                    f"with -k 'not {case}' and say so")
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def servers_in(folder: Path) -> list[int]:
    """The live redis-servers working in `folder` (a server works in its store's folder)."""
    from graph.store.falkordb_process import process_alive

    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and os.readlink(proc / "cwd") == str(folder) and process_alive(int(proc.name)) \
                    and b"redis-server" in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def daemon_in(folder: Path) -> int:
    """The server working in `folder` once it runs as a daemon (its title names its socket), else 0."""
    for pid in servers_in(folder):
        try:
            if "unixsocket:" in Path(f"/proc/{pid}/cmdline").read_bytes().decode():
                return pid
        except OSError:
            continue
    return 0


#: A command opening the store `sys.argv[1]`, held in its wait for the started server's answer, as while a large
#: store's files are read (seconds at 10x): the server is real and loads for real; only the command's readiness
#: check says "not yet".
HELD_OPEN = ("import sys\nfrom graph.store import falkordb_start_wait\n"
             "falkordb_start_wait._ready = lambda socket_path: False\n"
             "from graph.store.falkordb_store import FalkorDBStore\nFalkorDBStore(sys.argv[1])\n")
