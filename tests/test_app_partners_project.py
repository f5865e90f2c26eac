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



def test_two_organisations_of_one_name_are_told_apart_by_country_and_projects(embedded_server, tmp_path):
    """CORDIS holds two RISE PICs named alike (144 projects and 1): the Partners page had offered them as two lines
    told apart by the case of their names alone."""
    import pytest
    import streamlit as st

    from graph.store.records import NodeRecord, RelRecord
    from graph.store.writer import write_records
    from tests.conftest import open_fixture_network

    store = open_fixture_network(embedded_server, "partners_namesakes")
    project = store.read("MATCH (p:Project) RETURN min(p.id)").rows[0][0]
    write_records(store, [*(NodeRecord("Organisation", f"twin-{n}", "Twin Institute AB", ("seed:000",),
                                       properties={"country": country}) for n, country in ((1, "SE"), (2, "NO"))),
                          NodeRecord("Cluster", "twin-cluster", "Twin Institute Cluster", ("seed:000",),
                                     properties={"country": "SE"})],
                  [RelRecord("PARTICIPATES_IN", "Organisation", "twin-1", "Project", project, ("seed:000",)),
                   *(RelRecord("MEMBER_OF", "Organisation", f"twin-{n}", "Cluster", "twin-cluster", ("seed:000",))
                     for n in (1, 2))])
    try:
        with pytest.MonkeyPatch.context() as env:
            env.delenv("NEO4J_URI", raising=False)
            env.setenv("CLUSTER_EXPLORER_DB", str(embedded_server))
            env.setenv("CLUSTER_EXPLORER_GRAPH", "partners_namesakes")
            env.setenv("CLUSTER_EXPLORER_QUERIES", str(tmp_path))
            st.cache_resource.clear()
            at = open_page("partners", partners_focal_search="Twin Institute")
            assert sorted(at.multiselect[0].options) == [
                "Twin Institute AB · Organisation · NO · 0 projects",
                "Twin Institute AB · Organisation · SE · 1 project",
                "Twin Institute Cluster · Cluster · SE · 0 projects · 2 members"]  # its members' projects aside
    finally:
        st.cache_resource.clear()
        store.clear()
        store.close()


def test_the_roles_to_fill_say_what_a_role_is(app_store):  # noqa: F811
    """A Basque cluster manager read "Find roles to fill: a name or code (2,612)" as 2,612 roles: the choices are the
    coordinator and the store's sectors, and the label (which the Find box above a long list repeats) says so."""
    at = open_page("partners", partners_focal="Cluster:iot-world")
    assert at.multiselect(key="partners_roles").label == "Roles to fill (coordinator, or a sector)"
