"""A `label_if` label other than SME is taken off when a re-load's rows no longer say yes to it, where only this
load gives the node (`loaders.generic_labels.unsaid`). It had stayed once given: a user who unticked a wrongly
marked cluster and loaded the table again still saw it in the Cluster filter. Real loads into the session's server.
"""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import run_load

LABELS = "MATCH (o:Organisation) WHERE o.id IN ['1', '2'] RETURN o.id, o:Cluster ORDER BY o.id"


def _table(folder: Path, name: str, rows: str) -> Path:
    """A mapping `name` of one Organisation table (`id;name;klynge`) whose `klynge` cell says Cluster."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orgs.csv").write_text("id;name;klynge\n" + rows, encoding="utf-8")
    (folder / "mapping.toml").write_text(
        f'name = "{name}"\n\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "id"\nname = "name"\n'
        'label_if = { Cluster = "klynge" }\n', encoding="utf-8")
    return folder / "mapping.toml"


def test_a_label_no_row_says_now_is_taken_off_and_a_rerun_changes_nothing(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path / "v1", "orgs", "1;Sensor AB;ja\n2;Robot AB;ja\n"))
    assert embedded_store.read(LABELS).rows == [["1", True], ["2", True]]
    run_load(embedded_store, "csv", _table(tmp_path / "v2", "orgs", "1;Sensor AB;nei\n2;Robot AB;ja\n"))
    assert embedded_store.read(LABELS).rows == [["1", False], ["2", True]]
    run_load(embedded_store, "csv", _table(tmp_path / "v3", "orgs", "1;Sensor AB;\n2;Robot AB;ja\n"))
    assert embedded_store.read(LABELS).rows == [["1", False], ["2", True]]
    again = run_load(embedded_store, "csv", tmp_path / "v3" / "mapping.toml")
    assert again.skipped or again.summary.updated == 0
    assert embedded_store.read(LABELS).rows == [["1", False], ["2", True]]


def test_a_node_another_load_gives_too_keeps_the_label(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path / "a", "orgs", "1;Sensor AB;ja\n"))
    run_load(embedded_store, "csv", _table(tmp_path / "b", "survey", "1;Sensor AB;\n"))
    assert embedded_store.read(LABELS).rows == [["1", True]]  # the other table said it is one; this says nothing
