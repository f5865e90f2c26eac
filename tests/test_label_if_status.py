"""`label_if = { SME = "sme" }` says the status both ways: "nej" is a known non-SME, and a row changed from ja to nej
and loaded again loses the label. Real loads of a copy of examples/members/ (whose `sme` column is a `label_if`).

A "nej" had been an unknown status (the SME shares judge on known ones: a grants table loaded with the
participation preset had every "nei" organisation left out of them), and a row changed to "nej" kept its label.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from loaders.pipeline import run_load

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "members"
STATUS = "MATCH (o:Organisation) WHERE o.id IN ['556001-0001', '556001-0002'] RETURN o.id, o.sme, o:SME ORDER BY o.id"


def test_a_no_is_a_known_status_and_a_changed_row_loses_the_label(embedded_store, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "members")
    run_load(embedded_store, "csv", tmp_path / "members" / "mapping.toml")
    assert embedded_store.read(STATUS).rows == [["556001-0001", True, True], ["556001-0002", False, False]]
    members = tmp_path / "members" / "members.csv"
    text = members.read_text(encoding="utf-8-sig")
    members.write_text("\ufeff" + text.replace(";6,2;ja;", ";6,2;nej;"), encoding="utf-8")
    run_load(embedded_store, "csv", tmp_path / "members" / "mapping.toml")
    assert embedded_store.read(STATUS).rows == [["556001-0001", False, False], ["556001-0002", False, False]]
