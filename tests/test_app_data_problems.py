"""The Data page's list of problems, by AppTest on the real embedded store of tests/test_app.py, with the Austrian
cluster programme of tests/fixtures/austrian_clusters/ (a user's own files, German headers): a mapping's typo
beside bad rows is fixed in both (the page had said "Fix the mapping" alone), a problem longer than its cell is
also written out in full (a missing column's hint had been cut at the page's width), and a problem naming no
column leaves the column blank (not a grey "None")."""

from __future__ import annotations

import pytest

from graph.store.reads import counts
from tests.conftest import FIXTURES
from tests.test_app import app_store, open_page, table, upload  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")
AUSTRIAN = FIXTURES / "austrian_clusters"


def test_problems_in_the_mapping_and_in_the_rows_ask_to_fix_both(app_store):  # noqa: F811
    before = counts(app_store)
    at = upload(open_page("data"), AUSTRIAN / "mapping_and_rows")
    said = at.error[0].value
    assert said.startswith("3 problem(s); nothing was written.")
    assert "Fix the mapping mapping.toml and the data files, and upload both again" in said
    assert counts(app_store) == before


def test_a_problem_longer_than_its_cell_is_also_written_in_full():
    at = upload(open_page("data"), AUSTRIAN / "mapping_and_rows")
    missing = [m for m in table(at, "problem")["problem"] if m.startswith("column 'Cluster_ID'")]
    assert len(missing) == 1 and len(missing[0]) > 90
    written = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert f"- cluster_mitglieder.csv:1 [Cluster_ID]: {missing[0]}" in written


def test_a_problem_naming_no_column_leaves_the_column_blank(tmp_path):
    (tmp_path / "mapping.toml").write_text('name = "ooe"\n[[nodes]]\nfile = "m.csv"\nlabel = "Cluster"\nid = "x\n')
    (tmp_path / "m.csv").write_text("x\n1\n")
    at = upload(open_page("data"), tmp_path)
    problems = table(at, "problem")
    assert problems.iloc[0]["file"] == "mapping.toml" and problems.iloc[0]["column"] == ""
