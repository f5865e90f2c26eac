"""A load is complete only once its derived facts are: killed while they are derived, it is interrupted.

A real process (`python -m cli load cordis`) is killed with SIGKILL as soon as the first derived fact
(the activity counts) is in the store, that is while the pipeline derives the others (SME shares,
clusters, entity resolution), before it marks the load complete; `status` names the load as
interrupted, and running it again gives exactly the graph of a load that was never interrupted,
derived facts included. Without the deferred completion mark, this test fails (checked by hand).
"""

from __future__ import annotations

from tests import killed_loads as loads
from tests.killed_loads import assert_same_graph, cli, graph_of, kill_when

# the fixtures of the killed-load tests: the generated CORDIS folder, its uninterrupted graph, a held store
generated, reference, keeper = loads.generated, loads.reference, loads.keeper


def test_a_load_killed_while_its_facts_are_derived_is_interrupted_and_the_next_run_completes_it(
        generated, reference, keeper):
    counted = "MATCH (o:Organisation) WHERE o.participations IS NOT NULL RETURN count(o) AS counted"
    kill_when(keeper, generated, lambda count: keeper.read(counted).rows[0][0] > 0)
    killed = graph_of(keeper)
    assert killed.number_of_edges() == reference.number_of_edges()  # every write was done: the kill came after
    status = cli(keeper.db_path, "status")
    assert "cordis                   started, not finished" in status.stdout
    assert "interrupted: the cordis load started at" in status.stdout

    again = cli(keeper.db_path, "load", "cordis", str(generated))
    assert again.returncode == 0, again.stderr
    assert_same_graph(graph_of(keeper), reference)
    assert any(data.get("coordinated_projects") for _, data in graph_of(keeper).nodes(data=True))
    status = cli(keeper.db_path, "status")
    assert "interrupted" not in status.stdout and "not finished" not in status.stdout
