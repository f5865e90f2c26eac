"""The Partners page with a project picked (AppTest, real embedded store): it is found by its acronym, said to be
a project, and its partners are the consortium (a project's acronym had given "No results")."""

from __future__ import annotations

from tests.test_app import app_store, open_page, table, texts  # noqa: F401  (app_store is a fixture)


def test_a_project_is_found_by_its_acronym(app_store):  # noqa: F811
    at = open_page("partners", partners_focal_search="SAMVIND")
    assert at.multiselect[0].options == ["SAMVIND · Project"]


def test_a_project_picked_starts_from_its_partners_and_says_so(app_store):  # noqa: F811
    at = open_page("partners", partners_focal="Project:cordis:101061882")
    said = texts(at)
    assert "is a project: the consortium is its 3 partners" in said
    assert "UNIVERSITETET I OSLO" in said and "MULTICONSULT NORGE AS" in said
    assert len(table(at, "candidate")) >= 1
