"""A `label_if` cell filled on one row of a node and empty on another is no conflict: an empty cell sets nothing.

An organisation's SME cell said "ja" on one participation and was empty on the next: the rows differ only by an
empty cell, yet the label the one row added made them "given twice with different data", which stopped a table
without `on_conflict = "merge"` (and was named a merge of different data where it merged). A yes against a no of
`SME` still differs (by `sme`). Real loads of tmp tables into the session's server.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from loaders.pipeline import run_load

ORGS = "MATCH (o:Organisation) RETURN o.id, o.city, o.sme, o:SME, o:Cluster ORDER BY o.id"


def _table(folder: Path, rows: str, on_conflict: str = "error") -> Path:
    """A mapping of one Organisation table (`id;name;city;sme;cluster`), `label_if` on sme and cluster."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orgs.csv").write_text("id;name;city;sme;cluster\n" + rows, encoding="utf-8")
    (folder / "mapping.toml").write_text(
        'name = "orgs"\n\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "id"\nname = "name"\n'
        f'on_conflict = "{on_conflict}"\nlabel_if = {{ SME = "sme", Cluster = "cluster" }}\n\n'
        '[nodes.properties]\ncity = "city"\n', encoding="utf-8")
    return folder / "mapping.toml"


@pytest.mark.parametrize("on_conflict", ["error", "merge"])
def test_a_label_cell_empty_on_one_row_of_a_node_is_no_conflict(embedded_store, tmp_path, on_conflict):
    rows = "A1;Alfa AS;Bergen;ja;\nA1;Alfa AS;;;ja\nB2;Beta AS;;;\nB2;Beta AS;Oslo;nej;\n"
    report = run_load(embedded_store, "csv", _table(tmp_path / "v1", rows, on_conflict))
    assert embedded_store.read(ORGS).rows == [["A1", "Bergen", True, True, True], ["B2", "Oslo", False, False, False]]
    assert not any("different data" in note for note in report.load.notes), report.load.notes
    # loaded again with the rows the other way round: the same node, the same values
    flipped = "A1;Alfa AS;;;ja\nA1;Alfa AS;Bergen;ja;\nB2;Beta AS;Oslo;nej;\nB2;Beta AS;;;\n"
    run_load(embedded_store, "csv", _table(tmp_path / "v2", flipped, on_conflict))
    assert embedded_store.read(ORGS).rows == [["A1", "Bergen", True, True, True], ["B2", "Oslo", False, False, False]]


def test_a_yes_and_a_no_of_sme_on_two_rows_still_differ(embedded_store, tmp_path):
    with pytest.raises(ValidationFailed, match="given twice with different data"):
        run_load(embedded_store, "csv", _table(tmp_path / "v1", "A1;Alfa AS;;ja;\nA1;Alfa AS;;nej;\n"))
