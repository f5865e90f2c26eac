"""`load csv MAPPING --check`: every problem a load would raise, or what it would write, and nothing written.

In-process CLI runs on graphs of the session's embedded server; the store is asserted unchanged after each check.
"""

from __future__ import annotations

import re

import pytest

from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import counts
from tests.cli_invoke import cli_env, error_line, invoke
from tests.conftest import FIXTURES
from tests.generic_files import snapshot, write_files

PARTICIPATION = FIXTURES / "participation" / "mapping.toml"


@pytest.fixture
def graph(embedded_server, request):
    """A fresh graph of its own (named after the test) and the CLI environment pointing at it."""
    name = f"load_check_{request.node.name[:40]}"
    store = FalkorDBStore(embedded_server, name)
    store.clear()
    store.setup_schema()
    yield store, cli_env(embedded_server, name)
    store.clear()
    store.close()


def _said_counts(line: str, what: str) -> dict[str, int]:
    """`Project 90, Organisation 45` after `N nodes (` or `N relationships (` -> {label: count}."""
    inside = re.search(rf"[\d,]+ {what} \(([^)]*)\)", line).group(1)
    return {name: int(n.replace(",", "")) for name, n in (part.rsplit(" ", 1) for part in inside.split(", "))}


def test_a_check_says_what_a_load_writes_and_writes_nothing(graph):
    store, env = graph
    before = snapshot(store)
    checked = invoke(env, "load", "csv", str(PARTICIPATION), "--check")
    assert checked.exit_code == 0, checked.stderr
    first = checked.stdout.splitlines()[0]
    assert first.startswith(f"{PARTICIPATION}: valid; a load would write ") and "Nothing was written" in first
    assert "row(s) given a placeholder id for their empty key" in checked.stdout  # the notes a load gives
    assert snapshot(store) == before

    assert invoke(env, "load", "csv", str(PARTICIPATION)).exit_code == 0
    labels, types = counts(store)
    said_labels, said_types = _said_counts(first, "nodes"), _said_counts(first, "relationships")
    assert said_labels == {label: labels[label] for label in said_labels}  # the places it made are new here
    assert said_types == {kind: types[kind] for kind in said_types}
    assert said_labels["Project"] == 90 and said_types["PARTICIPATES_IN"] == 248  # the fixture's own count


def test_a_check_gives_the_loads_error_for_an_end_in_neither_files_nor_store(graph, tmp_path):
    store, env = graph
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[relationships]]
        file = "more.csv"
        type = "MEMBER_OF"
        start = { label = "Organisation", column = "org" }
        end = { label = "Cluster", column = "cluster" }
        """, "more.csv": "org,cluster\n556001-0003,automation-smaland\n"})
    before = snapshot(store)
    checked = invoke(env, "load", "csv", str(mapping), "--check")
    assert checked.exit_code == 1
    assert "more.csv:2 [org]: Organisation '556001-0003' is neither in the mapped files nor in the store" \
        in checked.stderr
    loaded = invoke(env, "load", "csv", str(mapping))
    assert loaded.stderr == checked.stderr  # the very problems a load refuses with
    assert snapshot(store) == before


def test_a_check_of_a_file_missing_a_column_is_one_error_line_and_nothing_written(graph, tmp_path):
    store, env = graph
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[nodes]]
        file = "orgs.csv"
        label = "Organisation"
        id = "number"
        name = "nmae"
        """, "orgs.csv": "number,name\n1,Acme AB\n"})
    checked = invoke(env, "load", "csv", str(mapping), "--check")
    first = checked.stderr.split("\n  - ")[0]
    assert error_line(checked.exit_code, first) == "Error: 1 problem(s); nothing was written:"
    assert "column 'nmae'" in checked.stderr and "did you mean 'name'?" in checked.stderr
    assert counts(store)[0] == {}


@pytest.mark.parametrize(("name", "text"), [("grants.csv", "a;b\n1;2\n"), ("rows.json", '[{"a": 1}]')])
def test_a_data_table_given_as_the_mapping_says_how_to_get_one(graph, tmp_path, name, text):
    store, env = graph
    (tmp_path / name).write_text(text, encoding="utf-8")
    for args in (["load", "csv", str(tmp_path / name)], ["load", "csv", str(tmp_path / name), "--check"]):
        result = invoke(env, *args)
        assert result.exit_code == 1 and "Traceback" not in result.stderr
        assert (f"{name}: this is a data table, not a mapping: `load csv` takes a mapping file that says what the "
                f"table holds. Write one from the table with `cluster-explorer mapping new {tmp_path / name} --out "
                "mapping.toml`") in result.stderr
    assert counts(store)[0] == {}
