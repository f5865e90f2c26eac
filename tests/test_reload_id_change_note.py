"""A row whose id changed is not said to stand "beside the store's" old node when the same re-load removes that node.

The try-out: X2 became X3 (same name, Yankee AB) in a table and was loaded again; the note said X3 was "beside the
store's X2; add match = "name" ...", while the re-load took X2 out. A namesake another load gives is still said.
"""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import run_load


def _table(folder: Path, name: str, rows: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orgs.csv").write_text("id;name\n" + rows, encoding="utf-8")
    (folder / "mapping.toml").write_text(f'name = "{name}"\n\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\n'
                                         'id = "id"\nname = "name"\n', encoding="utf-8")
    return folder / "mapping.toml"


def _notes(report) -> str:
    return " ".join(report.load.notes)


def test_an_id_changed_in_a_reload_is_no_namesake_of_the_node_it_replaces(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path / "v1", "orgs", "X2;Yankee AB\n"))
    report = run_load(embedded_store, "csv", _table(tmp_path / "v2", "orgs", "X3;Yankee AB\n"))
    assert "beside the store's" not in _notes(report)
    ids = embedded_store.read("MATCH (o:Organisation) RETURN o.id ORDER BY o.id").rows
    assert ids == [["X3"]]


def test_a_namesake_another_load_gives_is_still_said(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path / "register", "register", "R1;Yankee AB\n"))
    report = run_load(embedded_store, "csv", _table(tmp_path / "v1", "orgs", "X2;Yankee AB\n"))
    assert "Organisation 'Yankee AB' (row id 'X2', orgs.csv) beside the store's R1" in _notes(report)
