"""An SME cell emptied since the last load leaves the organisation's status unknown: no `sme`, no `SME` label.

The writer took the emptied `sme` off (the table fills it), but the label stayed, and the derived facts set `sme`
true again from the label: an organisation whose SME cell a user cleared stayed an SME. Where another load gives
the status, its value comes back and the label follows it. Real loads of tmp tables into the session's server.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.pipeline import run_load

STATUS = "MATCH (o:Organisation {id: '556001-0001'}) RETURN o.sme, o:SME"


#: The two ways a table gives the status: a `label_if`, or `sme` mapped as a yes / no column (as `mapping new` does).
LABEL_IF, COLUMN = 'label_if = { SME = "sme" }\n', '\n[nodes.properties]\nsme = { column = "sme", type = "bool" }\n'


def _table(folder: Path, name: str, sme: str, how: str = LABEL_IF) -> Path:
    """A mapping `name` of one Organisation table (`id;name;sme`) giving the status `how`, with one row."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orgs.csv").write_text(f"id;name;sme\n556001-0001;Sensor AB;{sme}\n", encoding="utf-8")
    (folder / "mapping.toml").write_text(
        f'name = "{name}"\n\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "id"\nname = "name"\n'
        + how, encoding="utf-8")
    return folder / "mapping.toml"


@pytest.mark.parametrize("how", [LABEL_IF, COLUMN])
def test_an_emptied_sme_cell_takes_the_status_and_the_label_off(embedded_store, tmp_path, how):
    run_load(embedded_store, "csv", _table(tmp_path / "v1", "survey", "ja", how))
    assert embedded_store.read(STATUS).rows == [[True, True]]
    run_load(embedded_store, "csv", _table(tmp_path / "v2", "survey", "", how))
    assert embedded_store.read(STATUS).rows == [[None, False]]
    run_load(embedded_store, "csv", _table(tmp_path / "v3", "survey", "ja", how))  # said again: an SME again
    assert embedded_store.read(STATUS).rows == [[True, True]]


def test_an_emptied_sme_cell_gives_back_the_status_another_load_gives(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path / "register", "register", "ja"))
    run_load(embedded_store, "csv", _table(tmp_path / "v1", "survey", "nej"))
    assert embedded_store.read(STATUS).rows == [[False, False]]
    run_load(embedded_store, "csv", _table(tmp_path / "v2", "survey", ""))
    assert embedded_store.read(STATUS).rows == [[True, True]]
