"""A graph of clusters that mixes a cluster with a member list and clusters known only by their own records says so:
a try-out's cluster of 40 members came first, degree 29 against 11, because its links count its members' projects
and CORDIS's clusters' only their own. Real parts: the fixture network (seeds, NUTS, the CORDIS fixture), a member
list loaded by the CLI's `load csv`, the analytics inputs, `metrics compute` computed and read back."""

from __future__ import annotations

import doctest

from graph.analytics import member_lists
from tests.cli_invoke import cli_env, invoke
from tests.conftest import fixture_network

GRAPH = "cluster_members_note"
network = fixture_network(GRAPH, "network")
MARINN = "pic:884723712"  # a cluster of the CORDIS fixture
_PARTNERS = ("MATCH (o:Organisation)-[:PARTICIPATES_IN]->(:Project) WHERE NOT o:Cluster "
             "RETURN DISTINCT o.id ORDER BY o.id LIMIT 3")


def test_the_examples_of_member_lists_hold():
    assert doctest.testmod(member_lists).failed == 0


def test_metrics_on_clusters_say_which_have_members(network, embedded_server, tmp_path):
    env = cli_env(embedded_server, GRAPH)
    before = invoke(env, "metrics", "compute", "--projection", "cluster", "--metric", "degree")
    assert before.exit_code == 0, before.stderr
    assert "members in the store" not in before.stdout  # no cluster of the fixture has members taking part
    members = [row[0] for row in network.read(_PARTNERS).rows]
    (tmp_path / "members.csv").write_text("pic\n" + "\n".join(members) + "\n", encoding="utf-8")
    (tmp_path / "mapping.toml").write_text(
        'name = "marinn-members"\n[[relationships]]\nfile = "members.csv"\ntype = "MEMBER_OF"\n'
        f'start = {{ label = "Organisation", column = "pic" }}\nend = {{ label = "Cluster", value = "{MARINN}" }}\n',
        encoding="utf-8")
    loaded = invoke(env, "load", "csv", str(tmp_path / "mapping.toml"))
    assert loaded.exit_code == 0, loaded.stderr
    for _ in ("computed", "read back"):
        said = invoke(env, "metrics", "compute", "--projection", "cluster", "--metric", "degree")
        assert said.exit_code == 0, said.stderr
        notes = [line for line in said.stdout.splitlines() if "members in the store" in line]
        assert len(notes) == 1 and "clusters has members in the store (MARINN" in notes[0], said.stdout
        assert notes[0].startswith("note: 1 of the ") and notes[0].endswith(
            ": its links count its members' projects, the others' only their own: compare like with like")
