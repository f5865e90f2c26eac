"""Offline proof that Cypher we send to Neo4j is valid Neo4j 5 Cypher.

No Neo4j server runs in tests, so we lint with Neo4j's own parser and semantic
analysis (npm ``@neo4j-cypher/language-support``, driven by
``tools/cypher_lint/lint.mjs``). Usage::

    from tests.cypher_lint import assert_valid_neo4j_cypher
    assert_valid_neo4j_cypher([UPSERT_CLUSTERS, COUNT_CLUSTERS])

Parameters (``$rows``) are fine; labels, types and properties are not checked
(they live in the database). Only ``error`` diagnostics fail the assertion.
"""

from __future__ import annotations

import copy
import fcntl
import json
import shutil
import subprocess
from pathlib import Path

LINT_DIR = Path(__file__).resolve().parents[1] / "tools" / "cypher_lint"
_PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"
_cache: dict[str, list[dict]] = {}  # statement -> diagnostics; each node start costs ~1 s


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise RuntimeError(
            f"`{tool}` not found on PATH: the Cypher linter needs Node.js >= 20 and npm "
            f"(it runs {LINT_DIR / 'lint.mjs'})."
        )
    return path


def _ensure_installed() -> None:
    """Run `npm ci` once; the file lock keeps parallel test workers from racing."""
    if _PACKAGE.exists():
        return
    npm = _require("npm")
    with open(LINT_DIR / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _PACKAGE.exists():  # another process may have finished meanwhile
            proc = subprocess.run(
                [npm, "ci", "--no-audit", "--no-fund"], cwd=LINT_DIR, capture_output=True, text=True
            )
            if proc.returncode != 0:
                raise RuntimeError(f"npm ci failed in {LINT_DIR}:\n{proc.stdout}\n{proc.stderr}")


def lint_cypher(statements: list[str]) -> list[list[dict]]:
    """Diagnostics per statement (same order), each ``{severity, message, line, column}``.

    One ``node`` process lints the whole batch, because start-up dominates.
    """
    statements = list(statements)
    todo = list(dict.fromkeys(s for s in statements if s not in _cache))
    if todo:
        node = _require("node")
        _ensure_installed()
        proc = subprocess.run(
            [node, "lint.mjs"], cwd=LINT_DIR, input=json.dumps(todo),
            capture_output=True, text=True, timeout=600,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"cypher linter failed (exit {proc.returncode}):\n{proc.stderr}")
        _cache.update(zip(todo, json.loads(proc.stdout), strict=True))
    return [copy.deepcopy(_cache[s]) for s in statements]


def assert_valid_neo4j_cypher(statements: list[str] | str) -> list[list[dict]]:
    """Fail listing every statement that has errors; returns all diagnostics (warnings too)."""
    if isinstance(statements, str):
        statements = [statements]
    results = lint_cypher(statements)
    problems = []
    for stmt, diags in zip(statements, results, strict=True):
        errors = [d for d in diags if d["severity"] == "error"]
        if errors:
            lines = "\n".join(f"    {d['line']}:{d['column']}: {d['message']}" for d in errors)
            problems.append(f"  {stmt!r}\n{lines}")
    if problems:
        raise AssertionError(
            f"{len(problems)} of {len(statements)} statement(s) are not valid Neo4j 5 Cypher:\n"
            + "\n".join(problems)
        )
    return results
