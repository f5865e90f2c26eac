"""The first visit of each analytics page after the app's warm-up (app_pages.startup): counts, never times.

The warm-up, after the default Explore view, makes what the Metrics, Partners and Map pages need first (the
analytics inputs and filter choices, the Map's aggregates of its first view, the recommender index and the cluster
profiles), so their first visits read nothing whole from the store and build nothing:

* on a small store with nothing kept on disk (the sample just loaded), each is made at the start and kept;
* on a store above `SMALL_STORE_NODES` no analytics page was used on, nothing is read or made at the start;
* after a restart, what the pages kept on disk is read back, not made again, whatever the store's size.

Each scenario is a fresh process (the warm-up runs once per process), as a real start is; its visits run in
`streamlit.testing` on the fixture network in a real embedded store.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import fixture_network

ROOT = Path(__file__).resolve().parents[1]
GRAPH = "first_visits_tests"
network = fixture_network(GRAPH, "network")

#: The app's start (`python -m app_pages.serve`: the warm-up, then the index's read-back), then one AppTest
#: visit per page, each counting the narrow reads of the whole graph, the Map's aggregates computed and the
#: recommender indexes and cluster profiles built during it.
PROBE = """
import json, sys
from app_pages import map_cache, serve, startup
from graph.analytics import inputs, kept_files
from graph.store import cypher
from graph.store.counting import reads_log
from streamlit.testing.v1 import AppTest

startup.SMALL_STORE_NODES = int(sys.argv[1])
computed = []
compute = map_cache._compute
map_cache._compute = lambda graph, level, only=None: computed.append(level) or compute(graph, level, only)
whole = {" ".join(cypher.narrow_nodes(inputs.NODE_PROPERTIES).split())[:200]}
whole |= {" ".join(cypher.narrow_relationships(t, p).split())[:200] for t, p in inputs.REL_PROPERTIES.items()}


def counted(before_reads, before_computed, before_built):
    return {"whole_reads": sum(r.query in whole for r in reads_log()[before_reads:]),
            "map_computed": len(computed) - before_computed,
            "built": sum(kept_files.builds().values()) - before_built}


views = startup.begin()
serve.settle_after(views)
report = {"warm_up": {"steps": sorted(startup.timings()), **counted(0, 0, 0)}}
from app_pages import common  # noqa: E402 - imported by the warm-up already
from graph.views.filters import Filters  # noqa: E402
view = common.view(Filters())  # the default Explore view (clusters), a small read: not the analytics inputs
focal = min(k for k, d in view.nodes(data=True) if d.get("kind") == "Cluster")
for name, page, params, button in (("metrics", "metrics", {}, "metrics_compute"), ("map", "map", {}, None),
                                    ("partners", "partners", {"partners_focal": focal}, None)):
    before = (len(reads_log()), len(computed), sum(kept_files.builds().values()))
    at = AppTest.from_file(sys.argv[2], default_timeout=300)
    at.switch_page(f"app_pages/{page}.py")
    at.query_params.update(params)
    at.run()
    if button:
        at.button(key=button).click().run()
    report[name] = {**counted(*before), "errors": [str(e.value) for e in at.exception],
                    "captions": [c.value for c in at.caption], "tables": len(at.dataframe)}
print(json.dumps(report))
"""


def start_and_visit(cache_dir: Path, small_store_nodes: int) -> dict:
    """A fresh process on the fixture network with this cache folder: the app's start, then the three visits."""
    run = subprocess.run([sys.executable, "-c", PROBE, str(small_store_nodes), str(ROOT / "app.py")], cwd=ROOT,
                         capture_output=True, text=True, timeout=600,
                         env={**__import__("os").environ, "CLUSTER_EXPLORER_CACHE_DIR": str(cache_dir)})
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def app_env(network, embedded_server, tmp_path_factory):
    with pytest.MonkeyPatch.context() as env:
        env.delenv("NEO4J_URI", raising=False)
        env.setenv("CLUSTER_EXPLORER_DB", str(embedded_server))
        env.setenv("CLUSTER_EXPLORER_GRAPH", GRAPH)
        env.setenv("CLUSTER_EXPLORER_QUERIES", str(tmp_path_factory.mktemp("user_queries")))
        yield tmp_path_factory.mktemp("caches")


@pytest.fixture(scope="module")
def first_start(app_env):
    """The small fixture network's first start with nothing on disk; the cache folder is kept for the restart."""
    folder = app_env / "kept"
    return folder, start_and_visit(folder, small_store_nodes=100_000)


def test_on_a_small_store_the_warm_up_makes_what_the_analytics_pages_need(first_start):
    folder, report = first_start
    assert {"inputs", "map", "partners"} <= set(report["warm_up"]["steps"])
    assert report["warm_up"]["whole_reads"] > 0 and report["warm_up"]["map_computed"] == 1  # made at the start
    kept = sorted(p.name.split("-", 1)[1].split(".")[-2] for p in folder.iterdir())  # kept for the next start
    assert {"inputs", "recommend", "clusters"} <= set(kept) and any("-map-" in p.name for p in folder.iterdir())


def test_after_the_warm_up_the_maps_first_visit_reads_and_computes_nothing(first_start):
    visit = first_start[1]["map"]
    assert visit["errors"] == []
    assert any("places at NUTS 2" in c for c in visit["captions"]), visit["captions"]
    assert (visit["whole_reads"], visit["map_computed"], visit["built"]) == (0, 0, 0)


def test_after_the_warm_up_partners_first_visit_reads_and_builds_nothing(first_start):
    visit = first_start[1]["partners"]
    assert visit["errors"] == [] and visit["tables"] >= 1  # the ranked partner clusters
    assert (visit["whole_reads"], visit["built"]) == (0, 0)


def test_after_the_warm_up_metrics_first_compute_reads_nothing_whole(first_start):
    visit = first_start[1]["metrics"]
    assert visit["errors"] == [] and visit["tables"] >= 1
    assert visit["whole_reads"] == 0
    assert visit["built"] == 1  # computed (the warm-up does not), and kept: the restart below reads it back


def test_a_large_store_no_analytics_page_was_used_on_is_not_read_whole_at_the_start(app_env):
    folder = app_env / "unused"
    report = start_and_visit(folder, small_store_nodes=10)  # the fixture's 445 nodes count as large here
    assert report["warm_up"]["whole_reads"] == 0 and report["warm_up"]["map_computed"] == 0
    assert "map" not in report["warm_up"]["steps"] and "partners" not in report["warm_up"]["steps"]
    assert report["map"]["errors"] == [] and report["map"]["map_computed"] == 1  # the visit still makes them


def test_after_a_restart_the_warm_up_reads_back_what_was_kept_whatever_the_size(first_start):
    folder, _ = first_start
    report = start_and_visit(folder, small_store_nodes=10)  # large, but the pages were used on it
    assert {"inputs", "map", "partners"} <= set(report["warm_up"]["steps"])
    assert (report["warm_up"]["whole_reads"], report["warm_up"]["map_computed"], report["warm_up"]["built"]) == \
        (0, 0, 0)
    for page in ("map", "partners", "metrics"):
        assert report[page]["errors"] == []
        assert (report[page]["whole_reads"], report[page]["map_computed"], report[page]["built"]) == (0, 0, 0), page
