"""Every bench script still imports against the code as it is now.

The bench scripts run by hand, not in the suite, so a helper they import from the app or from another script
can disappear without a test noticing (bench_app_analytics had called a function of `app_pages.serve` that a
change had removed, and every visit it measured failed). Importing each one, the way it is run (`python
bench/x.py` puts bench/ first on the path; `python -m bench.x` imports the package), catches the names a
script takes at import; attribute reads inside functions are the scripts' own runs to catch.
"""
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
SCRIPTS = sorted(p.stem for p in BENCH.glob("*.py") if p.stem != "__init__")


def test_there_are_bench_scripts():
    assert {"bench_app", "bench_metrics", "bench_store_safety", "eval_recommend"} <= set(SCRIPTS)


@pytest.mark.parametrize("way", ["script", "module"])
def test_every_bench_script_imports(way):
    """One interpreter imports them all (a few seconds), by each way they are run."""
    if way == "script":
        code = f"import sys; sys.path.insert(0, {str(BENCH)!r})\n" + "".join(f"import {s}\n" for s in SCRIPTS)
    else:
        code = "".join(f"import bench.{s}\n" for s in SCRIPTS)  # bench/ is a namespace package
    done = subprocess.run([sys.executable, "-c", code], cwd=BENCH.parent, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
