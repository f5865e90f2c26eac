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

import ast
import copy
import fcntl
import importlib
import json
import pkgutil
import re
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


# -- the Cypher registry: every statement the code can send, and proof that none is left out ---------------

PROJECT = Path(__file__).resolve().parents[1]
#: Where the code that sends Cypher lives (tests/ and bench/ are not shipped and may hold their own).
SHIPPED_PACKAGES = ("graph", "loaders", "queries", "cli")
SCANNED = (*SHIPPED_PACKAGES, "app_pages", "app.py")
#: A Cypher clause in a string constant (upper case, as the project writes Cypher).
CYPHER_CLAUSE = re.compile(r"\b(MATCH|MERGE|UNWIND|RETURN|DETACH DELETE|CREATE (INDEX|CONSTRAINT)|CALL [a-z]+\.)\b")
#: Strings with Cypher words that are not statements the code sends: (path, start of the text) -> why.
NOT_STATEMENTS = {
    ("queries/catalogue.py", r"\b(CREATE|MERGE|SET"): "a regular expression of write clauses (saved queries)",
    ("app_pages/queries_adhoc.py", "MATCH (c:Cluster)-[:LOCATED_IN]"): "the editor's default text: the user's to "
                                                                   "change, linted by its own test",
}


def registry_statements(store: str | None = None) -> list[str]:
    """Import every shipped module (each registers its builders), then list what the registry builds."""
    from graph.store import cypher

    for package in SHIPPED_PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if not info.name.endswith(".__main__"):  # `python -m cli` would run the CLI
                importlib.import_module(info.name)
    return cypher.all_statements(store=store)


def _registers(node: ast.AST) -> bool:
    """A function decorated with `@statement(...)`, or a `fixed_statement(...)` call."""
    def named(call: ast.AST, name: str) -> bool:
        func = call.func if isinstance(call, ast.Call) else call
        return (isinstance(func, ast.Name) and func.id == name) or (isinstance(func, ast.Attribute)
                                                                   and func.attr == name)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return any(named(d, "statement") for d in node.decorator_list)
    return isinstance(node, ast.Call) and named(node, "fixed_statement")


def unregistered_cypher(source: str, path: str = "<source>") -> list[tuple[str, int, str]]:
    """(path, line, text) of every string constant holding a Cypher clause outside a registered builder.

    Docstrings are prose and skipped. An f-string's literal parts are constants too, so a builder that
    puts text together is found as well.
    """
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    docstrings = {id(body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and (body := node.body) and isinstance(body[0], ast.Expr)
                  and isinstance(body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # an f-string: its literal parts joined, `{}` for each value
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                and not isinstance(parents.get(node), ast.JoinedStr):
            text = node.value
        else:
            continue
        if not CYPHER_CLAUSE.search(text):
            continue
        ancestor = parents.get(node)
        while ancestor is not None and not _registers(ancestor):
            ancestor = parents.get(ancestor)
        if ancestor is None:
            found.append((path, node.lineno, text))
    return sorted(found)


def shipped_sources() -> dict[str, str]:
    """Relative path -> text of every Python file the scan covers."""
    files = []
    for entry in SCANNED:
        target = PROJECT / entry
        files += [target] if target.is_file() else sorted(target.rglob("*.py"))
    return {f.relative_to(PROJECT).as_posix(): f.read_text(encoding="utf-8") for f in files}
