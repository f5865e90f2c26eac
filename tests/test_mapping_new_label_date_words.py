"""A Swedish cluster list heads the date its ESCA label was awarded `Märkning datum` (or `Märkningsdatum`): no
header word of `mapping new` knew it, the column was "not used", and `labels/holders` showed the officer's ESCA Gold
cluster without its award date. The list is tests/fixtures/swedish_grants/kluster.csv, its mapping loaded by the
real generic loader into the seeded embedded store and read back by the saved query.
"""

from __future__ import annotations

import shutil
import tomllib

from loaders.generic import load_generic
from loaders.mapping_new.participation import participation_template
from queries.catalogue import load_catalogue
from queries.runner import run_saved
from tests.conftest import FIXTURES

LIST = FIXTURES / "swedish_grants" / "kluster.csv"


def test_a_swedish_label_date_column_is_the_labels_award_date():
    made = tomllib.loads(participation_template(LIST))
    labels = next(t for t in made["relationships"] if t["type"] == "HAS_LABEL")
    assert labels["properties"] == {"awarded": {"column": "Märkning datum", "type": "date"}}


def test_the_award_date_reaches_the_label_holders_query(seeded, tmp_path):
    shutil.copy(LIST, tmp_path / LIST.name)
    (tmp_path / "mapping.toml").write_text(participation_template(tmp_path / LIST.name), encoding="utf-8")
    load_generic(seeded, tmp_path / "mapping.toml")
    _, _, result = run_saved(seeded, load_catalogue(None), "labels/holders", {"label": "esca-gold"})
    assert ("Umeå Life Science Kluster", "2021-03-15") in {tuple(row[:2]) for row in result.rows}
