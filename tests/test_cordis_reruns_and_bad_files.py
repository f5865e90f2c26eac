"""The CORDIS loader refuses bad files with file, line and column and leaves the store unchanged; a re-run
changes nothing and says so, and the order of the NUTS and CORDIS loads does not change the graph."""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts, last_loads, to_networkx
from loaders.cordis import load_cordis
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from tests import cordis_expected
from tests.cordis_expected import BAD, CORDIS, NUTS, canonical

loaded = cordis_expected.loaded  # the NUTS and CORDIS fixtures loaded into a fresh graph (a fixture)


@pytest.mark.parametrize("case, where", [
    ("truncated_row", {("organizations.csv", 3, "country")}),
    ("missing_column", {("projects.csv", 1, "id"), ("organizations.csv", 1, "role")}),
    ("wrong_separator", {("organizations.csv", 3, "projectAcronym")}),
    ("tab_separated", {("projects.csv", 1, "id, acronym, title")}),
    ("duplicate_project", {("projects.csv", 5, "id")}),
    ("bad_values", {("projects.csv", 2, "startDate"), ("organizations.csv", 2, "ecContribution"),
                    ("organizations.csv", 3, "order")}),
])
def test_a_bad_file_is_rejected_and_the_store_is_unchanged(loaded, case, where):
    store, _ = loaded
    before = counts(store), canonical(store, drop=()), last_loads(store)
    with pytest.raises(ValidationFailed) as caught:
        load_cordis(store, BAD / case)
    found = {(p.file.rsplit("/", 1)[-1], p.line, p.field) for p in caught.value.problems}
    assert found == where
    assert all(str(BAD / case) in str(p) for p in caught.value.problems)
    assert (counts(store), canonical(store, drop=()), last_loads(store)) == before


def test_windows_1252_files_are_read_with_a_note(embedded_store):
    report = load_cordis(embedded_store, BAD / "latin1")
    assert any("organizations.csv is not UTF-8" in n and "cp1252" in n for n in report.notes)
    graph = to_networkx(embedded_store, labels=["Organisation"])
    assert graph.nodes["Organisation:pic:968639382"]["name"] == "STIFTELSEN INSTITUTET FÖR FRAMTIDSSTUDIER"
    assert graph.nodes["Organisation:pic:968639382"]["city"] == "Stockholm – Södermalm"


def test_rerun_changes_nothing_and_says_so(loaded):
    store, first = loaded
    before = counts(store), canonical(store, drop=())
    again = load_cordis(store, CORDIS)
    assert again.summary.created == again.summary.updated == 0
    places_made_first = first.summary.by_label.get("Country", 0) + first.summary.by_label.get("Region", 0)
    assert again.summary.unchanged == again.summary.nodes == first.summary.nodes - places_made_first
    assert again.notes[-1].startswith("Nothing changed")
    assert (counts(store), canonical(store, drop=())) == before


LOGGED = ("MATCH (l:Load {source: 'cordis'}) "
          "RETURN l.status, l.nodes, l.created, l.updated, l.unchanged, l.relationships")


def test_a_rerun_that_changes_nothing_keeps_the_logs_counts(loaded):
    """`load cordis` run again wrote its own counts, all "unchanged", over the entry: the Overview's log then said the
    CORDIS load had added nothing."""
    store, first = loaded
    logged = store.read(LOGGED).rows
    assert logged == [["complete", first.summary.nodes, first.summary.created, 0, 0, first.summary.relationships]]
    assert first.summary.created > 0
    load_cordis(store, CORDIS)
    assert store.read(LOGGED).rows == logged
    run_load(store, "cordis", CORDIS)  # the pipeline's way (the CLI's and the Data page's), completion deferred
    assert store.read(LOGGED).rows == logged


def test_a_rerun_that_writes_again_what_was_lost_logs_its_own_counts(loaded):
    store, first = loaded
    store.write("MATCH (p:Project) WITH p LIMIT 1 DETACH DELETE p")
    again = load_cordis(store, CORDIS)
    assert again.summary.created == 1
    assert store.read(LOGGED).rows == [["complete", again.summary.nodes, 1, again.summary.updated,
                                        again.summary.unchanged, again.summary.relationships]]


def test_load_order_does_not_change_the_graph(embedded_store, tmp_path):
    from graph.store.falkordb_store import FalkorDBStore

    other = FalkorDBStore(tmp_path / "reverse.db", "reverse")
    other.setup_schema()
    try:
        load_nuts(embedded_store, NUTS)
        load_cordis(embedded_store, CORDIS)
        alone = load_cordis(other, CORDIS)
        load_nuts(other, NUTS)
        assert canonical(other) == canonical(embedded_store)
    finally:
        other.close()
    assert "were created from the loader's own names" in " ".join(alone.notes)
