"""A grants table saved from Excel ends in a total row (`;;;;Summa;24 000 000;;`): no project number, no
organisation number and no organisation name. `mapping new` had given the organisation number a placeholder
naming the row by its organisation name, and `load csv --check` then refused the mapping it had just written
("the id is empty, and so is Organisation, which its on_empty placeholder needs"). A row naming no organisation at
all is now skipped and reported; the table is tests/fixtures/swedish_grants (Windows-1252, Swedish headers), read
by the real generic loader and loaded into the embedded store.
"""

from __future__ import annotations

import shutil
import tomllib

from graph.store.reads import counts
from loaders.generic import load_generic
from loaders.mapping_new.participation import participation_template
from tests.conftest import FIXTURES

TABLE = FIXTURES / "swedish_grants" / "vinnova_beviljade.csv"
TOTAL_LINE = 25


def test_mapping_new_skips_a_row_that_names_no_organisation():
    text = participation_template(TABLE)
    assert tomllib.loads(text)["columns"]["organisation_id"] == {"column": "Organisationsnummer", "compact": True,
                                                                 "on_empty": "skip"}  # compact: 556051-4142
    assert f"1 row(s) have none (line {TOTAL_LINE}) and no organisation name either" in text


def test_the_mapping_mapping_new_writes_loads_the_table_without_its_total_row(tmp_path, embedded_store):
    shutil.copy(TABLE, tmp_path / TABLE.name)
    (tmp_path / "mapping.toml").write_text(participation_template(tmp_path / TABLE.name), encoding="utf-8")
    report = load_generic(embedded_store, tmp_path / "mapping.toml")
    labels, types = counts(embedded_store)
    assert types["PARTICIPATES_IN"] == 23 and labels["Project"] == 6 and labels["Organisation"] == 14
    assert any(note.startswith(f"vinnova_beviljade.csv: 1 total row(s) left out (line {TOTAL_LINE}: 'Summa'")
               for note in report.notes), report.notes
