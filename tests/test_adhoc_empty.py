"""Your own Cypher that finds nothing because it names a label or relationship type the store does not hold says
so, with the names it likely meant: `MATCH (o:organisation)` (labels are case-sensitive) had answered an empty
table without a word, as had a type misspelt; and one that compares a value with a number the CLI made of `-p
id=910945140` (stored as text) says so, with how to send it as text. On the seeds, in the real embedded store."""

from __future__ import annotations

import pytest

from graph.store.records import NodeRecord
from graph.store.writer import write_records
from queries.missing import JSON_TEXT, why_adhoc_empty
from tests.cli_invoke import cli_env, invoke


@pytest.fixture
def store(seeded_store):
    """The session's graph of the seeds (read only here)."""
    return seeded_store


def test_a_label_in_another_case_is_named_with_the_one_meant(store):
    said = why_adhoc_empty(store, "MATCH (o:organisation)-[:MEMBER_OF]->(c:Cluster) RETURN o.name")
    assert said.startswith("No row: the store holds no node labelled organisation (did you mean Organisation?")


def test_a_misspelt_relationship_type_is_named_with_the_one_meant(store):
    said = why_adhoc_empty(store, "MATCH (o:Organisation)-[m:MEMBEROF|RUNS]->(c) RETURN o.name")
    absent = said.split(". Its labels:")[0]
    assert absent == "No row: the store holds no relationship of type MEMBEROF (did you mean MEMBER_OF?)"


def test_a_query_naming_what_the_store_holds_gets_no_reason(store):
    assert why_adhoc_empty(store, "MATCH (c:Cluster {id: 'no-such-cluster'}) RETURN c.name") is None
    assert why_adhoc_empty(store, "MATCH (c:Cluster) WHERE c.name = 'x:Nope' RETURN c") is None  # a string's text


def test_the_cli_says_it_beside_the_empty_table(embedded_server, store):
    result = invoke(cli_env(embedded_server, "seeded"), "query", "MATCH (n:Nope) RETURN n")
    assert result.exit_code == 0
    assert "No row: the store holds no node labelled Nope" in result.stderr


def test_on_an_empty_store_it_says_to_load_something(embedded_store):
    said = why_adhoc_empty(embedded_store, "MATCH (o:Organisation) RETURN o.name")
    assert said.startswith("No row: the store holds nothing yet: run `cluster-explorer load sample`")


def test_a_number_compared_with_equality_is_said_with_how_to_send_it_as_text(store):
    said = why_adhoc_empty(store, "MATCH (c:Cluster {id: $id}) RETURN c.name", {"id": 910945140})
    assert said == ("No row: $id was sent as the number 910945140, and a value stored as text (an id, a PIC, a code) "
                    "equals no number. To send it as text: -p 'id=\"910945140\"'.")
    said = why_adhoc_empty(store, "MATCH (c:Cluster) WHERE $id = c.id RETURN c", {"id": 1.5}, JSON_TEXT)
    assert said.endswith('To send it as text: {"id": "1.5"} in Parameters as JSON.')


def test_a_number_for_a_limit_or_a_bound_gets_no_such_word(store):
    cypher = "MATCH (c:Cluster) WHERE c.founded < $year AND c.id = 'none' RETURN c LIMIT $n"
    assert why_adhoc_empty(store, cypher, {"year": 2000, "n": 5}) is None
    assert why_adhoc_empty(store, "MATCH (c:Cluster {id: $id}) RETURN c", {"id": "910945140"}) is None


def test_the_cli_says_a_number_was_sent_and_its_text_form_finds_the_node(embedded_store, embedded_server):
    write_records(embedded_store, [NodeRecord("Organisation", "910945140", "Numbered Oy", ("test",))], [])
    env, cypher = cli_env(embedded_server, embedded_store.graph_name), "MATCH (o:Organisation {id: $id}) RETURN o.name"
    as_number = invoke(env, "query", cypher, "-p", "id=910945140")
    assert as_number.exit_code == 0 and "Numbered Oy" not in as_number.stdout
    assert "$id was sent as the number 910945140" in as_number.stderr
    as_text = invoke(env, "query", cypher, "-p", 'id="910945140"')  # what the message says to give
    assert "Numbered Oy" in as_text.stdout and not as_text.stderr


@pytest.mark.parametrize("cypher", ["MATCH (c:Cluster) WHERE c.id IN $ids RETURN c.name",
                                    "UNWIND $ids AS id MATCH (c:Cluster {id: id}) RETURN c.name",
                                    "MATCH (c:Cluster) WHERE any(x IN $ids WHERE x = c.id) RETURN c"])
def test_a_list_of_numbers_looked_in_is_said_with_how_to_send_it_as_text(store, cypher):
    """`WHERE n.id IN $ids` with `-p 'ids=[123, 456]'` had answered an empty table without a word."""
    said = why_adhoc_empty(store, cypher, {"ids": [123, 456]})
    assert said == ("No row: $ids was sent with numbers in its list (123, 456), and a value stored as text (an id, a "
                    "PIC, a code) equals no number. To send it as text: -p 'ids=[\"123\", \"456\"]'.")


def test_a_list_with_some_numbers_names_those_and_keeps_its_texts(store):
    said = why_adhoc_empty(store, "MATCH (c:Cluster) WHERE c.id IN $ids RETURN c", {"ids": ["x", 910945140]},
                           JSON_TEXT)
    assert said.startswith("No row: $ids was sent with numbers in its list (910945140), ")
    assert said.endswith('To send it as text: {"ids": ["x", "910945140"]} in Parameters as JSON.')


def test_a_list_of_texts_or_of_numbers_in_no_comparison_gets_no_such_word(store):
    assert why_adhoc_empty(store, "MATCH (c:Cluster) WHERE c.id IN $ids RETURN c", {"ids": ["1", "2"]}) is None
    assert why_adhoc_empty(store, "MATCH (c:Cluster) WHERE c.id = 'none' RETURN c, $ids", {"ids": [1, 2]}) is None


def test_the_cli_says_a_list_of_numbers_was_sent_and_its_text_form_finds_the_node(embedded_store, embedded_server):
    write_records(embedded_store, [NodeRecord("Organisation", "910945140", "Numbered Oy", ("test",))], [])
    env, cypher = (cli_env(embedded_server, embedded_store.graph_name),
                   "MATCH (o:Organisation) WHERE o.id IN $ids RETURN o.name")
    as_numbers = invoke(env, "query", cypher, "-p", "ids=[910945140, 123]")
    assert as_numbers.exit_code == 0 and "Numbered Oy" not in as_numbers.stdout
    assert "$ids was sent with numbers in its list (910945140, 123)" in as_numbers.stderr
    as_text = invoke(env, "query", cypher, "-p", 'ids=["910945140", "123"]')  # what the message says to give
    assert "Numbered Oy" in as_text.stdout and not as_text.stderr


@pytest.mark.parametrize(("cypher", "written"), [("MATCH (c:Cluster {id: $id}) RETURN c.name", "IoT World"),
                                                 ("MATCH (c:Cluster) WHERE c.id = $id RETURN c", "IOT-WORLD"),
                                                 ("MATCH (c) WHERE $id = c.id RETURN c", " iot-world")])
def test_a_name_or_an_id_in_another_case_for_an_id_is_said_with_the_id(store, cypher, written):
    """A saved query's node parameter takes a name, an id in another case or with spaces; your own Cypher compares
    ids as written, and had answered an empty table without a word."""
    said = why_adhoc_empty(store, cypher, {"id": written})
    assert said == (f"No row: $id {written!r} is no node's id but names IoT World (Cluster:iot-world); an id is "
                    "compared as written (case and spaces count). To send the id: -p 'id=\"iot-world\"'.")


def test_a_list_of_ids_gets_the_ids_of_the_names_in_it(store):
    said = why_adhoc_empty(store, "MATCH (c:Cluster) WHERE c.id IN $ids RETURN c", {"ids": ["IoT World", "zzz-none"]},
                           JSON_TEXT)
    assert said.startswith("No row: $ids 'IoT World' is no node's id but names IoT World (Cluster:iot-world); ")
    assert said.endswith('To send the id: {"ids": ["iot-world", "zzz-none"]} in Parameters as JSON.')


def test_an_id_as_written_a_text_naming_nothing_or_a_name_compared_with_a_name_gets_no_such_word(store):
    assert why_adhoc_empty(store, "MATCH (c:Cluster {id: $id}) RETURN c", {"id": "iot-world"}) is None
    assert why_adhoc_empty(store, "MATCH (c:Cluster {id: $id}) RETURN c", {"id": "zzz-none"}) is None
    assert why_adhoc_empty(store, "MATCH (c:Cluster) WHERE c.name = $name RETURN c", {"name": "iot world"}) is None


def test_a_text_with_spaces_around_it_is_said_with_the_text_to_send(store):
    """A value pasted with its cell's spaces (`-p "country= SE "`) had answered an empty table without a word."""
    said = why_adhoc_empty(store, "MATCH (c:Cluster) WHERE c.country = $country RETURN c.name", {"country": " SE "})
    assert said == ("No row: $country ' SE ' has spaces around it, and a value stored without them does not equal "
                    "it. To send it without: -p 'country=\"SE\"'.")
    said = why_adhoc_empty(store, "MATCH (c:Cluster) WHERE c.country IN $in RETURN c", {"in": ["SE ", "NO"]}, JSON_TEXT)
    assert said.endswith('To send it without: {"in": ["SE", "NO"]} in Parameters as JSON.')
    assert why_adhoc_empty(store, "MATCH (c:Cluster) WHERE c.name STARTS WITH $s RETURN c", {"s": "Io "}) is None
