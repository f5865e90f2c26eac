"""`programmes/members-by-region` of a programme that funds projects but has no members says why it is empty
(real embedded store): a grants table's programme (FUNDED_BY, tests/fixtures/participation's ENERGIX) beside a
member list's MEMBER_OF to clusters (examples/members) had given an empty table without a word, though the
Queries page offers such programmes for the parameter."""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import run_load
from queries.catalogue import load_catalogue
from queries.missing import why_empty
from queries.runner import run_saved
from tests.conftest import FIXTURES

MEMBERS = Path(__file__).resolve().parents[1] / "examples" / "members" / "mapping.toml"


def test_a_funding_programme_without_members_says_why_and_where_its_projects_are(embedded_store):
    run_load(embedded_store, "csv", FIXTURES / "participation" / "mapping.toml")
    run_load(embedded_store, "csv", MEMBERS)
    query, params, result = run_saved(embedded_store, load_catalogue(None), "programmes/members-by-region",
                                      {"programme": "ENERGIX"})
    assert result.rows == []
    said = why_empty(embedded_store, query, params)
    assert said is not None and "is a member of this programme" in said
    assert "`programmes/projects` lists its projects" in said
