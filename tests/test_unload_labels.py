"""Unloading a table takes off the labels only it gave a node other loads give too (`graph.store.given`: each
`_given` entry names its load's labels).

A cluster list naming organisations another table loaded (`extra_labels = ["Cluster"]`) left them Clusters after
its unload: labels recorded no load that gave them, and the cluster detection then gave the kind back from the
label. Real loads and unloads of tmp tables into the session's server.
"""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import run_load, run_unload

NODE = "MATCH (o {id: '1'}) RETURN labels(o), o.kind, o.sources"


def _table(folder: Path, name: str, top: str = "") -> Path:
    """A mapping `name` of one Organisation table of one row, `1;Sensor AB`, with the lines `top` in its table."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orgs.csv").write_text("id;name\n1;Sensor AB\n", encoding="utf-8")
    (folder / "mapping.toml").write_text(f'name = "{name}"\n\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\n'
                                         f'id = "id"\nname = "name"\n{top}', encoding="utf-8")
    return folder / "mapping.toml"


def test_unloading_a_cluster_list_takes_its_label_off_the_organisation_another_table_gives(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path / "a", "orgs"))
    run_load(embedded_store, "csv", _table(tmp_path / "b", "clusterlist", 'extra_labels = ["Cluster"]\n'))
    assert embedded_store.read(NODE).rows == [[["Cluster", "Organisation"], "Cluster",
                                                ["user:orgs/orgs.csv", "user:clusterlist/orgs.csv"]]]
    summary, _ = run_unload(embedded_store, "user:clusterlist")
    assert "Cluster" in summary.removed and summary.values_restored == 1
    assert embedded_store.read(NODE).rows == [[["Organisation"], "Organisation", ["user:orgs/orgs.csv"]]]


def test_unloading_the_other_table_leaves_the_cluster_lists_label(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path / "a", "orgs"))
    run_load(embedded_store, "csv", _table(tmp_path / "b", "clusterlist", 'extra_labels = ["Cluster"]\n'))
    run_unload(embedded_store, "user:orgs")
    assert embedded_store.read(NODE).rows == [[["Cluster", "Organisation"], "Cluster", ["user:clusterlist/orgs.csv"]]]


def test_a_label_both_tables_give_stays(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path / "a", "orgs", 'extra_labels = ["Cluster"]\n'))
    run_load(embedded_store, "csv", _table(tmp_path / "b", "clusterlist", 'extra_labels = ["Cluster"]\n'))
    run_unload(embedded_store, "user:clusterlist")
    assert embedded_store.read(NODE).rows == [[["Cluster", "Organisation"], "Cluster", ["user:orgs/orgs.csv"]]]
