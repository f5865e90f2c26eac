"""A cell a message quotes shows its no-break spaces as the spaces they look like: Excel writes them between
thousands, and `expected a number, got '980\\xa0500,50'` sent a user looking for a character the cell does not show
(they read as spaces; the decimal comma was what the mapping missed). The table is
tests/fixtures/swedish_grants/vinnova_beviljade.csv, read by the real generic loader with its decimal line removed.
"""

from __future__ import annotations

import shutil

import pytest

from graph import values
from graph.errors import ValidationFailed
from loaders.generic import read_generic
from loaders.mapping_new.participation import participation_template
from tests.conftest import FIXTURES

TABLE = FIXTURES / "swedish_grants" / "vinnova_beviljade.csv"


def test_a_refused_amount_is_quoted_with_spaces_where_excel_wrote_no_break_spaces(tmp_path):
    shutil.copy(TABLE, tmp_path / TABLE.name)
    mapping = "\n".join(line for line in participation_template(TABLE).splitlines() if not line.startswith("decimal"))
    (tmp_path / "mapping.toml").write_text(mapping, encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_generic(tmp_path / "mapping.toml")
    said = [str(p) for p in caught.value.problems]
    assert "vinnova_beviljade.csv:4 [Beviljat belopp (SEK)]: expected a number, got '980 500,50'" in said
    assert not any("\\xa0" in line for line in said)


def test_a_whole_number_is_quoted_so_too():
    with pytest.raises(values.BadValue, match=r"got '1 250 st'"):
        values.as_int("1\u00a0250 st")
