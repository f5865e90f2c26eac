"""An unload killed half-way is named by `status` (and the app's Overview) until it is finished, and either
finishing it or loading the same files again leaves a whole store: before, `status` listed the load as if
nothing had happened while its participations were gone and the regions' counts still held them.

Real processes and real files: the generated CORDIS folder of tests/killed_loads.py, unloaded by the command
line and killed with SIGKILL once its participations start to go.
"""

from __future__ import annotations

from graph.store.load_log import unfinished_loads
from graph.store.reads import last_loads
from tests import killed_loads
from tests.killed_loads import assert_same_graph, cli, graph_of, kill_when

generated, reference, keeper = killed_loads.generated, killed_loads.reference, killed_loads.keeper

UNLOAD = ("unload", "cordis", "--yes")


def _killed_mid_unload(keeper, generated) -> None:
    loaded = cli(keeper.db_path, "load", "cordis", str(generated))
    assert loaded.returncode == 0, loaded.stderr
    full = keeper.read("MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r)").rows[0][0]
    kill_when(keeper, generated, lambda count: count("PARTICIPATES_IN") < full, command=UNLOAD)
    assert keeper.read("MATCH (p:Project) RETURN count(p)").rows[0][0] > 0  # stopped before the nodes went


def test_a_killed_unload_is_named_by_status_and_running_it_again_finishes_it(generated, keeper):
    _killed_mid_unload(keeper, generated)
    status = cli(keeper.db_path, "status")
    assert status.returncode == 0, status.stderr
    assert "cordis                   unload started, not finished" in status.stdout
    assert "interrupted: the unload of cordis started at" in status.stdout
    assert "run `cluster-explorer unload cordis` again to finish it" in status.stdout
    unfinished, running = unfinished_loads(keeper, last_loads(keeper, 50))
    assert [e["source"] for e in unfinished] == ["cordis"] and running == []  # what the Overview shows

    again = cli(keeper.db_path, *UNLOAD)
    assert again.returncode == 0, again.stderr
    assert keeper.read("MATCH (n) WHERE n:Project OR n:Organisation RETURN count(n)").rows == [[0]]
    status = cli(keeper.db_path, "status")
    assert "interrupted" not in status.stdout and "not finished" not in status.stdout


def test_loading_the_same_files_after_a_killed_unload_keeps_them_whole(generated, reference, keeper):
    _killed_mid_unload(keeper, generated)
    again = cli(keeper.db_path, "load", "cordis", str(generated))
    assert again.returncode == 0, again.stderr
    assert_same_graph(graph_of(keeper), reference)
    status = cli(keeper.db_path, "status")
    assert "interrupted" not in status.stdout and "not finished" not in status.stdout
