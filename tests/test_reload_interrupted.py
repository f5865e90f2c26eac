"""A re-load of changed CORDIS files killed while it takes off what they no longer give is named by `status`, and
its next run ends with exactly the graph of the new files loaded alone (`loaders.reload_gone`).

Real processes and real files: the generated CORDIS folder of tests/killed_loads.py (1,000 projects), then the
same extract without its last 100 projects (800 participations, and the organisations only they named, gone),
loaded by the command line and killed with SIGKILL at a chosen point of the removal.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph.store.retire import RETIRED
from tests import killed_loads
from tests.killed_loads import assert_same_graph, cli, graph_of, graph_of_a_load, kill_when, write_cordis

generated, keeper = killed_loads.generated, killed_loads.keeper
MARKED = f"MATCH (x) WHERE any(s IN x.sources WHERE s STARTS WITH 'cordis:{RETIRED}') RETURN count(x)"


@pytest.fixture(scope="module")
def smaller(tmp_path_factory):
    return write_cordis(tmp_path_factory.mktemp("smaller") / "cordis", projects=900)


@pytest.fixture(scope="module")
def smaller_alone(smaller, tmp_path_factory) -> nx.MultiDiGraph:
    """The graph of the smaller extract loaded alone."""
    return graph_of_a_load(tmp_path_factory.mktemp("smaller_alone") / "store.db", smaller)


@pytest.mark.parametrize("point", ["once marked", "once its participations go"])
def test_a_killed_reload_shows_in_status_and_its_next_run_ends_as_the_new_files_alone(
        point, generated, smaller, smaller_alone, keeper):
    loaded = cli(keeper.db_path, "load", "cordis", str(generated))
    assert loaded.returncode == 0, loaded.stderr
    full = keeper.read("MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r)").rows[0][0]
    condition = ((lambda count: keeper.read(MARKED).rows[0][0] > 0) if point == "once marked" else
                 (lambda count: count("PARTICIPATES_IN") < full))
    kill_when(keeper, smaller, condition, command=("load", "cordis", str(smaller)))
    status = cli(keeper.db_path, "status")
    assert "interrupted: the cordis load started at" in status.stdout, status.stdout

    again = cli(keeper.db_path, "load", "cordis", str(smaller))
    assert again.returncode == 0, again.stderr
    assert keeper.read(MARKED).rows == [[0]]
    assert_same_graph(graph_of(keeper), smaller_alone)
    status = cli(keeper.db_path, "status")
    assert "interrupted" not in status.stdout and "not finished" not in status.stdout
