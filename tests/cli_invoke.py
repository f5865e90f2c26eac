"""Running the CLI for tests: in-process with click's CliRunner (fast), or as a real `python -m cli` process.

Both point the CLI at a store through the environment variables a user sets; nothing is mocked. An
in-process run re-raises any exception that is not click's own exit, so a traceback a user would see
fails the test with that traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from cli import main

ROOT = Path(__file__).resolve().parents[1]
_OWN_SETTINGS = ("NEO4J_URI", "CLUSTER_EXPLORER_GRAPH", "CLUSTER_EXPLORER_QUERY_TIMEOUT", "CLUSTER_EXPLORER_ROW_CAP",
                 "CLUSTER_EXPLORER_QUERIES")


def cli_env(db: Path, graph: str | None = None, queries: Path | None = None, **settings: str) -> dict[str, str | None]:
    """The environment of one CLI run: this store file and graph, the developer's own settings left out."""
    env: dict[str, str | None] = dict.fromkeys(_OWN_SETTINGS)
    env["CLUSTER_EXPLORER_DB"] = str(db)
    if graph:
        env["CLUSTER_EXPLORER_GRAPH"] = graph
    if queries:
        env["CLUSTER_EXPLORER_QUERIES"] = str(queries)
    env.update(settings)
    return env


def invoke(env: dict[str, str | None], *args: str) -> Result:
    """`cluster-explorer ARGS` in this process; stdout and stderr apart (`result.stdout`, `result.stderr`)."""
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def loaded_env(db: Path, graph: str, *load: str) -> dict[str, str | None]:
    """The environment of a graph of its own into which `cluster-explorer load LOAD` ran, and succeeded."""
    env = cli_env(db, graph)
    loaded = invoke(env, "load", *load)
    assert loaded.exit_code == 0, loaded.stderr
    return env


def run(env: dict[str, str | None], *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m cli ARGS` as a separate process, as a user runs it."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    full.update({k: v for k, v in env.items() if v is not None})
    for name in (k for k, v in env.items() if v is None):
        full.pop(name, None)
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env=full, capture_output=True, text=True,
                          timeout=timeout, check=False)


def error_line(exit_code: int, stderr: str) -> str:
    """The one line an error gives; fails unless the exit is non-zero and stderr holds exactly that line."""
    lines = stderr.strip().splitlines()
    assert exit_code != 0, stderr
    assert "Traceback" not in stderr
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    return lines[0]


def mapping_new(folder: Path, name: str, table: str) -> str:
    """The mapping `cluster-explorer mapping new` prints for `table` written as `folder / name` (no store is read)."""
    (folder / name).write_text(table, encoding="utf-8")
    made = invoke(cli_env(folder / "unused.db"), "mapping", "new", str(folder / name))
    assert made.exit_code == 0, made.stderr
    return made.stdout
