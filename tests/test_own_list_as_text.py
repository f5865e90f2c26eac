"""Your own Cypher that looks in a parameter as a list (`IN $ids`, `UNWIND $ids`) given as text (`-p ids=a,b`, the
CLI's text for anything that is not JSON; `{"ids": "a,b"}` on the Queries page) is refused with the JSON list to send:
the store had said only "Type mismatch: expected List or Null but was String". On the seeds, in the real embedded
store, the CLI in-process."""

from __future__ import annotations

import pytest

from graph.errors import QueryError
from queries.own import read_own
from tests.cli_invoke import cli_env, invoke

CYPHER = "MATCH (c:Cluster) WHERE c.id IN $ids RETURN c.name AS name"


def test_a_text_for_a_list_is_refused_with_the_list_to_send(seeded_store):
    with pytest.raises(QueryError) as refused:
        read_own(seeded_store, CYPHER, {"ids": "iot-world, automation-smaland"})
    assert str(refused.value).endswith(
        "; $ids was sent as the text 'iot-world, automation-smaland', not a list: send a JSON list, "
        "[\"iot-world\", \"automation-smaland\"] (-p 'ids=[\"iot-world\", \"automation-smaland\"]' on the command "
        "line, {\"ids\": [\"iot-world\", \"automation-smaland\"]} in Parameters as JSON)")


def test_the_list_the_cli_is_told_to_send_finds_the_nodes(embedded_server, seeded_store):
    env = cli_env(embedded_server, seeded_store.graph_name)
    as_text = invoke(env, "query", CYPHER, "-p", "ids=iot-world,automation-smaland")
    assert as_text.exit_code != 0
    assert "-p 'ids=[\"iot-world\", \"automation-smaland\"]'" in as_text.stderr
    as_list = invoke(env, "query", CYPHER, "-p", 'ids=["iot-world", "automation-smaland"]')
    assert as_list.exit_code == 0 and "IoT World" in as_list.stdout and "Automation Småland" in as_list.stdout


def test_a_number_for_a_list_is_left_as_the_store_says_it(seeded_store):
    with pytest.raises(QueryError) as refused:
        read_own(seeded_store, CYPHER, {"ids": 5})
    assert "expected List" in str(refused.value) and "sent as the text" not in str(refused.value)
