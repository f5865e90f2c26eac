"""`recommend --for NAME` names the other organisations whose names begin with NAME, with their projects.

On the sample, `--for "RISE Research Institutes of Sweden"` took the organisation of exactly that name, in 1 project,
and said nothing of RISE RESEARCH INSTITUTES OF SWEDEN AB, in 144: the consortium's ranking rested on one project
(cli/recommend_names.py). The network is tests/test_cluster_partners.py's with the seeds, plus an organisation
named ROBOT FACTORY, in no project, beside ROBOT FACTORY AB, in two.
"""

from __future__ import annotations

import pytest

from graph.store.records import NodeRecord, RelRecord
from tests.cli_invoke import cli_env, invoke
from tests.test_cluster_partners import seeded_network

GRAPH = "recommend_namesakes"


@pytest.fixture(scope="module")
def env(embedded_server):
    store = seeded_network(embedded_server, GRAPH, nodes=(
        NodeRecord("Organisation", "pic:9", "ROBOT FACTORY", ("test:namesakes",), (), {"country": "SE"}),
        NodeRecord("Cluster", "robot-valley", "Robot Valley", ("test:namesakes",), (), {"country": "SE"}),
        NodeRecord("Organisation", "pic:10", "ROBOT VALLEY AB", ("test:namesakes",), (), {"country": "SE"}),
        NodeRecord("Organisation", "pic:11", "ROBOT VALLEY WORKS", ("test:namesakes",), (), {"country": "SE"})),
        rels=(RelRecord("SAME_AS", "Cluster", "robot-valley", "Organisation", "pic:10", ("test:namesakes",)),
              RelRecord("PARTICIPATES_IN", "Organisation", "pic:10", "Project", "cordis:1", ("test:namesakes",),
                        {"role": "participant", "order": 9}, key="9")))
    yield cli_env(embedded_server, GRAPH)
    store.clear()
    store.close()


def test_a_name_taken_as_written_names_the_others_that_begin_with_it(env):
    result = invoke(env, "recommend", "--for", "ROBOT FACTORY", "-k", "2")
    assert result.exit_code == 0, result.stderr
    assert ("note: --for 'ROBOT FACTORY' is ROBOT FACTORY (Organisation:pic:9), in 0 projects; other names begin "
            "with 'ROBOT FACTORY': ROBOT FACTORY AB (Organisation:pic:1), in 2 projects. To take another, give its "
            "id (Kind:id) to --for") in result.stderr


def test_an_id_or_a_name_no_other_begins_with_gets_no_note(env):
    for given in ("Organisation:pic:9", "ROBOT FACTORY AB"):
        result = invoke(env, "recommend", "--for", given, "-k", "2")
        assert result.exit_code == 0, result.stderr
        assert "other names begin with" not in result.stderr


def test_a_name_said_as_taken_is_not_said_twice(env):
    result = invoke(env, "recommend", "--for", "Robot Factory", "-k", "2")
    assert result.exit_code == 0, result.stderr
    assert "(--for 'Robot Factory' is ROBOT FACTORY (Organisation:pic:9))" in result.stderr
    assert ("note: ROBOT FACTORY, in 0 projects; other names begin with 'Robot Factory': ROBOT FACTORY AB "
            "(Organisation:pic:1), in 2 projects.") in result.stderr


def test_a_record_of_the_same_body_is_not_another_name_and_its_projects_count(env):
    """A seed cluster SAME_AS its CORDIS record is one body, whose projects the ranking takes together: the record had
    been named as another name to take, and the seed said to be in 0 projects."""
    result = invoke(env, "recommend", "--for", "Robot Valley", "-k", "2")
    assert result.exit_code == 0, result.stderr
    assert ("in 1 project with ROBOT VALLEY AB (Organisation:pic:10), the same body (SAME_AS); other names begin with "
            "'Robot Valley': ROBOT VALLEY WORKS (Organisation:pic:11), in 0 projects.") in result.stderr
    assert "ROBOT VALLEY AB (Organisation:pic:10), in" not in result.stderr
