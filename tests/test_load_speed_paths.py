"""The load's faster paths say the same as the slower ones they replace (issue 12's performance part).

* The writer reads what the store holds of a label or type once per load (`changes.held_records`), or batch by
  batch above `HELD_READ_MAX`: both give the same counts and the same store.
* The CSV reader looks cell by cell only at rows holding a control character or a huge cell: what it removes,
  counts and refuses is what it did when it looked at every cell of a big file.
* `load sample` parses the CORDIS files on another thread while the seeds and NUTS are written: a bad file is
  still refused with file, line and column before any CORDIS write.
"""

from __future__ import annotations

import csv
import shutil

import pytest

import loaders.sample
from graph.errors import ValidationFailed
from graph.store import changes
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from loaders import csv_tables
from loaders.csv_tables import read_rows
from loaders.pipeline import run_sample
from tests.conftest import FIXTURES


class ReadingStore:
    """The embedded store, keeping the read statements it is sent."""

    def __init__(self, store):
        self.store, self.kind, self.location, self.reads = store, store.kind, store.location, []

    def read(self, query, params=None, **kwargs):
        self.reads.append(query)
        return self.store.read(query, params, **kwargs)

    def write(self, query, params=None):
        return self.store.write(query, params)


def _organisations(n: int, renamed: int | None = None) -> tuple[list[NodeRecord], list[RelRecord]]:
    nodes = [NodeRecord("Organisation", f"pic:{i}", f"Org {i}{' AB' if i == renamed else ''}", ("t",),
                        properties={"city": "Lund"}) for i in range(n)]
    nodes.append(NodeRecord("Project", "p1", "Project one", ("t",)))
    rels = [RelRecord("PARTICIPATES_IN", "Organisation", f"pic:{i}", "Project", "p1", ("t",),
                      {"role": "coordinator" if i == renamed else "participant"}, str(i)) for i in range(n)]
    return nodes, rels


def _counts(summary):
    return (summary.created, summary.updated, summary.unchanged, summary.relationships_created,
            summary.relationships_updated, summary.relationships_unchanged)


@pytest.mark.parametrize("held_read_max", [changes.HELD_READ_MAX, 0], ids=["read once", "batch by batch"])
def test_both_ways_of_reading_the_store_count_and_write_alike(embedded_store, monkeypatch, held_read_max):
    monkeypatch.setattr("graph.store.writer.BATCH_SIZE", 3)
    monkeypatch.setattr("graph.store.changes.HELD_READ_MAX", held_read_max)
    write_records(embedded_store, *_organisations(4))
    summary = write_records(embedded_store, *_organisations(10, renamed=2))
    assert _counts(summary) == (6, 1, 4, 6, 1, 3)
    found = embedded_store.read("MATCH (o:Organisation)-[r:PARTICIPATES_IN]->() WHERE o.id = 'pic:2' "
                                "RETURN o.name, r.role")
    assert found.rows == [["Org 2 AB", "coordinator"]]
    assert _counts(write_records(embedded_store, *_organisations(10, renamed=2))) == (0, 0, 11, 0, 0, 10)


def test_a_label_the_store_holds_few_of_is_read_once_not_per_batch(embedded_store, monkeypatch):
    monkeypatch.setattr("graph.store.writer.BATCH_SIZE", 3)
    write_records(embedded_store, *_organisations(2))
    store = ReadingStore(embedded_store)
    write_records(store, *_organisations(12))
    held = [q for q in store.reads if q == changes.held_nodes("Organisation")]
    per_batch = [q for q in store.reads if q == changes.node_digests("Organisation")]
    assert (len(held), per_batch) == (1, [])
    assert [q for q in store.reads if q == changes.held_relationships("PARTICIPATES_IN", "Organisation", "Project")]


def test_above_the_limit_each_batch_reads_its_own(embedded_store, monkeypatch):
    monkeypatch.setattr("graph.store.writer.BATCH_SIZE", 3)
    monkeypatch.setattr("graph.store.changes.HELD_READ_MAX", 1)
    write_records(embedded_store, *_organisations(2))
    store = ReadingStore(embedded_store)
    write_records(store, *_organisations(12))
    assert len([q for q in store.reads if q == changes.node_digests("Organisation")]) == 4
    assert not [q for q in store.reads if q == changes.held_nodes("Organisation")]


def test_a_big_file_is_cleaned_only_where_a_row_holds_a_control_character(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_tables, "MAX_TEXT", 200)  # the file is "big": over the limit of one cell
    rows = [f"{i},name {i},city {i}" for i in range(40)]
    rows[7] = "7,na\x1ame 7,ci\x07ty 7"
    path = tmp_path / "big.csv"
    path.write_text("id,name,city\n" + "\n".join(rows) + "\n", encoding="utf-8")
    table = read_rows(path)
    assert (table.removed, table.cleaned, table.first_removed) == (2, 2, (9, "name"))
    assert table.rows[7] == {"id": "7", "name": "name 7", "city": "city 7"} and not table.problems
    assert table.rows[8] == {"id": "8", "name": "name 8", "city": "city 8"}


def test_a_huge_cell_in_a_big_file_without_control_characters_is_refused_where_it_is(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_tables, "MAX_TEXT", 50)
    monkeypatch.setattr("loaders.common.unstorable", _unstorable_over(50))
    path = tmp_path / "big.csv"
    path.write_text("id,name\n" + "".join(f"{i},name {i}\n" for i in range(20)) + f"20,{'x' * 60}\n",
                    encoding="utf-8")
    problems = read_rows(path).problems
    assert [(p.line, p.field) for p in problems] == [(22, "name")]


def _unstorable_over(limit: int):
    """`records.unstorable` with a smaller limit, so a test file need not be a megabyte."""
    from graph.store import records

    def unstorable(text: str):
        return (limit, "is too long") if len(text) > limit else records.unstorable(text)
    return unstorable


def test_load_sample_refuses_a_bad_cordis_file_parsed_beside_the_other_loads(embedded_store, tmp_path, monkeypatch):
    bad = tmp_path / "cordis"
    shutil.copytree(FIXTURES / "cordis", bad)
    with open(bad / "organizations.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[3][rows[0].index("order")] = "first"  # the third participation, on line 4
    with open(bad / "organizations.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    monkeypatch.setattr(loaders.sample, "SAMPLE_CORDIS", bad)
    monkeypatch.setattr(loaders.sample, "SAMPLE_NUTS", FIXTURES / "nuts")
    with pytest.raises(ValidationFailed) as refused:
        run_sample(embedded_store)
    assert any(p.file.endswith("organizations.csv") and p.line == 4 and p.field == "order"
               for p in refused.value.problems)
    loaded = embedded_store.read("MATCH (l:Load) RETURN l.source ORDER BY l.source").rows
    assert loaded == [["nuts"], ["seeds"]]  # the CORDIS load never began
    assert embedded_store.read("MATCH (p:Project) WHERE p.id STARTS WITH 'cordis:' RETURN count(p)").rows == [[0]]
