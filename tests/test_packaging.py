"""A non-editable install works without a checkout: the wheel holds the saved queries, the seed data and the
app, `cluster-explorer queries list` runs from the installed copy, and no shipped module reads `../shared`.

The wheel is built from a copy of the project (so no `build/` is left in the checkout) without build
isolation, and installed with `--no-deps` into a fresh venv that borrows the test run's own site-packages
for the dependencies: nothing is downloaded.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("graph", "loaders", "queries", "cli", "app_pages", "app.py")
_NOT_SOURCE = shutil.ignore_patterns(".venv", ".git", "node_modules", "data", "build", "*.egg-info",
                                     "test-artifacts", "__pycache__", "tests", "bench", "tools")


def _run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "CLUSTER_EXPLORER_", "PYTHON"))}
    done = subprocess.run(command, cwd=cwd, env={**clean, **env}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source") / "cluster-explorer"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), "."],
         source)
    (built,) = out.glob("cluster_explorer-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding the wheel; the dependencies come from the running interpreter's site-packages."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=False)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(home), "platbase": str(home)}))
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    python = home / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)], home)
    return home


def test_the_wheel_holds_queries_seed_data_and_the_app(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_queries = {p.relative_to(ROOT).as_posix() for p in (ROOT / "queries").rglob("*.cypher")}
    seed_data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "loaders" / "seed_data").rglob("*")
                 if p.is_file()}
    pages = {p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py")}
    assert len(shipped_queries) >= 20 and shipped_queries <= names
    assert any(n.endswith("knowledge_base.toml") for n in seed_data) and seed_data <= names
    assert {"app.py", "cli/app.py", "graph/store/cypher.py"} | pages <= names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)  # MIT's text travels with the code


def test_the_installed_command_lists_the_saved_queries_outside_a_checkout(installed, tmp_path):
    listed = _run([str(installed / "bin" / "cluster-explorer"), "queries", "list"], tmp_path).stdout
    assert "labels/expiring" in listed and "programmes/eligible" in listed


def test_the_installed_package_runs_from_site_packages_and_keeps_data_in_the_working_directory(installed, tmp_path):
    probe = ("import cli.app, graph.settings as s, queries; "
             "print(cli.app.app_script()); print(s.DEFAULT_DB_PATH); print(queries.__file__)")
    app_py, db_path, queries_init = _run([str(installed / "bin" / "python"), "-c", probe], tmp_path).stdout.split()
    assert Path(app_py).parent == Path(queries_init).parent.parent  # both in the venv's site-packages
    assert str(installed) in app_py and str(ROOT) not in app_py
    assert db_path == "data/cluster-explorer.db"  # relative: the working directory's data/


def test_the_installed_app_runs_its_overview_outside_a_checkout(installed, tmp_path):
    """What `cluster-explorer app` serves: the installed app.py with its pages, on ./data of the working directory."""
    probe = ("from cli.app import app_script\n"
             "from streamlit.testing.v1 import AppTest\n"
             "at = AppTest.from_file(str(app_script()), default_timeout=90)\n"
             "at.run()\n"
             "assert not at.exception, at.exception\n"
             "print([t.value for t in at.title], [i.value[:20] for i in at.info])\n")
    shown = _run([str(installed / "bin" / "python"), "-c", probe], tmp_path).stdout
    assert "['Overview'] ['The store is empty. '" in shown
    assert (tmp_path / "data" / "cluster-explorer.db").exists()


_SHARED = re.compile(r"""\.\./shared|["']shared["']""")


def test_no_shipped_module_reads_the_shared_data_folder():
    files = [ROOT / entry for entry in SHIPPED if (ROOT / entry).is_file()]
    files += [path for entry in SHIPPED if (ROOT / entry).is_dir() for path in (ROOT / entry).rglob("*.py")]
    readers = [str(path.relative_to(ROOT)) for path in files if _SHARED.search(path.read_text(encoding="utf-8"))]
    assert len(files) > 40
    assert readers == []


def test_no_bench_or_evaluation_reads_the_shared_data_folder():
    """A fresh clone runs every bench and evaluation: their data is the bundled sample (`loaders/sample_data`),
    the synthetic sets they make, or a store given with `--db`."""
    scripts = sorted((ROOT / "bench").glob("*.py"))
    readers = [path.name for path in scripts if _SHARED.search(path.read_text(encoding="utf-8"))]
    assert len(scripts) > 10
    assert readers == []
