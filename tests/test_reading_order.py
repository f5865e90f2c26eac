"""Names listed where Python sorts them come in reading order: accents and case set aside, not byte by byte.

Nordic try-outs looked for `Ålesund` and `Örebro` at the top of lists they read as alphabetical and found them
after `Zug`, and every lower-case name after every capital (`graph.collation.reading_order`). The real embedded
store (whose ORDER BY is byte-wise), real query files, the CLI in-process.
"""

from __future__ import annotations

import networkx as nx

from graph.collation import reading_order
from graph.views import filters
from graph.views.store_views import filter_options
from tests.cli_invoke import cli_env, invoke

NAMES = ["Zug", "Örebro", "alpha", "Ålesund", "Beta", "Éire"]
READ = ["Ålesund", "alpha", "Beta", "Éire", "Örebro", "Zug"]


def test_names_sort_with_accents_and_case_set_aside_and_ties_broken_as_written():
    assert sorted(NAMES, key=reading_order) == READ
    assert sorted(["alpha", "Alpha"], key=reading_order) == sorted(["Alpha", "alpha"], key=reading_order) == \
        ["Alpha", "alpha"]


def test_a_filters_choices_from_the_store_come_in_reading_order(embedded_store):
    embedded_store.write("UNWIND $names AS name CREATE (:Sector {id: 'sector-' + toString(size(name)) + name, "
                         "name: name})", {"names": NAMES})
    assert embedded_store.read("MATCH (s:Sector) RETURN s.name ORDER BY s.name").rows[-1] == ["Örebro"]  # byte-wise
    assert [label.split(" (")[0] for _, label in filter_options(embedded_store).sectors] == READ


def test_a_filters_choices_from_a_graph_come_in_reading_order():
    graph = nx.MultiDiGraph()
    for name in NAMES:
        graph.add_node(f"Sector:{name}", kind="Sector", id=name, name=name)
    assert [label for _, label in filters.filter_options(graph).sectors] == READ


def test_queries_list_lists_your_queries_in_reading_order(tmp_path):
    mine = tmp_path / "queries" / "mine"
    mine.mkdir(parents=True)
    for name in NAMES:
        (mine / f"{name}.cypher").write_text(f"// title: {name}\nRETURN 1 AS one\n", encoding="utf-8")
    listed = invoke(cli_env(tmp_path / "store.db"), "queries", "list")
    assert listed.exit_code == 0, listed.stderr
    ours = [line.split()[0] for line in listed.stdout.splitlines() if line.startswith("mine/")]
    assert ours == [f"mine/{name}" for name in READ]
