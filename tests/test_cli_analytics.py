"""The analytics commands on a real store: metrics compute / top and recommend."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["CLUSTER_EXPLORER_DB"] = str(db)
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def test_metrics_and_recommendations_from_the_command_line(tmp_path):
    db = tmp_path / "analytics.db"
    assert _cli(db, "load", "cordis", str(FIXTURES / "cordis")).returncode == 0
    computed = _cli(db, "metrics", "compute", "--metric", "pagerank", "-k", "2", "--write")
    assert computed.returncode == 0, computed.stderr
    assert "projection organisation: 85 nodes" in computed.stdout
    assert "UNIVERSITETET I OSLO" in computed.stdout.split("pagerank")[1]
    ranked = _cli(db, "queries", "run", "metrics/top-organisations", "-p", "metric=pagerank", "-p", "limit=1",
                  "--format", "json")
    assert json.loads(ranked.stdout)[0]["organisation"] == "UNIVERSITETET I OSLO"
    recommended = _cli(db, "recommend", "--for", "Organisation:pic:999977851", "-k", "3", "--format", "json")
    assert recommended.returncode == 0, recommended.stderr
    candidates = json.loads(recommended.stdout)
    assert len(candidates) == 3 and all(c["reasons"] for c in candidates)
    assert "Organisation:pic:999977851" not in {c["key"] for c in candidates}
    unknown = _cli(db, "recommend", "--for", "Organisation:pic:nobody")
    assert unknown.returncode != 0 and "Traceback" not in unknown.stderr
