"""Syntax errors said where they are: line, column and a caret, from FalkorDB's shape and from Neo4j's.

The FalkorDB cases send real broken queries to the embedded database; the Neo4j shape is checked on
the message text its server sends (the adapter hands `e.message` over as is), and on a real Neo4j when
NEO4J_URI is set.
"""

from __future__ import annotations

import os

import pytest

from graph.errors import QueryError, QuerySyntaxError
from graph.store.query_syntax import caret_excerpt, from_falkordb, from_neo4j
from tests.cli_invoke import cli_env, invoke


def test_the_caret_sits_under_the_column():
    assert caret_excerpt("MATCH (n)\nRTURN n", 2, 2) == "RTURN n\n ^"
    assert caret_excerpt("RETURN 1", 1, 9) == "RETURN 1\n        ^"  # at the end of input
    assert caret_excerpt("RETURN 1", 3, 1) == ""  # a line the query does not have


def test_tabs_before_the_column_stay_tabs_so_the_caret_lines_up():
    assert caret_excerpt("\tMATCH (n) RTURN n", 1, 13) == "\tMATCH (n) RTURN n\n\t           ^"


def test_a_long_line_is_cut_around_the_column():
    line = "MATCH (n) WHERE " + " OR ".join(f"n.id = 'x{i}'" for i in range(40)) + " RTURN n"
    column = line.index("RTURN") + 2
    text, caret = caret_excerpt(line, 1, column, width=60).split("\n")
    assert text.startswith("…") and len(text) <= 62 and "RTURN" in text
    assert text[caret.index("^")] == "T"


def test_a_falkordb_syntax_error_names_line_column_and_points_at_the_text(seeded_store):
    query = "MATCH (c:Cluster)\nWHERE c.name = 'Småland'\nRTURN c"
    with pytest.raises(QuerySyntaxError) as raised:
        seeded_store.read(query)
    error = raised.value
    assert (error.line, error.column) == (3, 2) and error.reason.startswith("Invalid input 'T'")
    assert error.excerpt == "RTURN c\n ^"
    assert "errMsg" not in str(error) and "errCtxOffset" not in str(error)
    assert str(error).startswith("FalkorDB could not parse the query at line 3, column 2: Invalid input")


def test_falkordb_counts_bytes_the_error_counts_characters(seeded_store):
    query = "RETURN 'Småland', 'Öland' RTURN"  # two letters of two bytes each before the error
    with pytest.raises(QuerySyntaxError) as raised:
        seeded_store.read(query, {"unused": "ü"})  # a parameter header in front changes nothing
    error = raised.value
    assert error.column == query.index("RTURN") + 2
    text, caret = error.excerpt.split("\n")
    assert text[caret.index("^")] == "T"


def test_errors_that_are_not_syntax_stay_plain(seeded_store):
    with pytest.raises(QueryError) as raised:
        seeded_store.read("RETURN nosuchfunction(1)")
    assert not isinstance(raised.value, QuerySyntaxError) and "nosuchfunction" in str(raised.value)


def test_the_falkordb_message_shape_is_read_without_the_query_too():
    message = ("errMsg: Invalid input 'R': expected MATCH line: 1, column: 10, offset: 9 "
               "errCtx: OPTIONAL RETURN 1 errCtxOffset: 9")
    error = from_falkordb(message)
    assert (error.line, error.column, error.excerpt) == (1, 10, "")
    assert str(error) == "FalkorDB could not parse the query at line 1, column 10: Invalid input 'R': expected MATCH"
    assert from_falkordb("Unknown function 'foo'") is None


NEO4J_MESSAGE = ("Invalid input 'RTURN': expected 'FOREACH', 'MATCH' or 'RETURN' (line 2, column 1 (offset: 21))\n"
                 '"RTURN c"\n ^')


def test_a_neo4j_syntax_error_gets_the_same_shape():
    query = "MATCH (c:Cluster) // é\nRTURN c"
    error = from_neo4j(NEO4J_MESSAGE, query)
    assert (error.line, error.column) == (2, 1)
    assert error.reason == "Invalid input 'RTURN': expected 'FOREACH', 'MATCH' or 'RETURN'"
    assert str(error) == ("Neo4j could not parse the query at line 2, column 1: " + error.reason + "\nRTURN c\n^")
    assert from_neo4j("Variable `m` not defined", query) is None


def test_the_cli_shows_the_caret_too(embedded_server):
    result = invoke(cli_env(embedded_server, "cli_syntax"), "query", "MATCH (n)\nRTURN n")
    assert result.exit_code == 1
    assert "line 2, column 2" in result.stderr and "RTURN n\n ^" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="needs a Neo4j server: set NEO4J_URI")
def test_a_real_neo4j_syntax_error(any_store):
    with pytest.raises(QuerySyntaxError) as raised:
        any_store.read("MATCH (n)\nRTURN n")
    assert raised.value.line == 2 and raised.value.excerpt.startswith("RTURN n\n")
