"""The Partners page (AppTest, real embedded store): partner clusters, the cold-start note, consortium gaps."""

from __future__ import annotations

from app_pages.common import md
from tests.test_app import app_store, open_page, table, texts  # noqa: F401  (app_store is a fixture)


def test_a_cluster_gets_partner_clusters_with_the_cold_start_note(app_store):  # noqa: F811
    at = open_page("partners", partners_focal="Cluster:automation-smaland")
    assert "Partner clusters" in [s.value for s in at.subheader]
    ranked = table(at, "candidate")
    assert ranked["candidate"][0] == "Automation Region"
    assert {"sectors", "programmes"} <= set(ranked.columns)
    assert "No shared projects yet: ranked by sectors, region and programmes." in [i.value for i in at.info]
    assert "both work in Automation" in at.expander[0].markdown[0].value
    assert "both members of S3 Cluster Pilot" in at.expander[0].markdown[0].value


def test_organisations_for_a_cluster_without_projects_carry_the_note_too(app_store):  # noqa: F811
    at = open_page("partners", partners_focal="Cluster:automation-smaland", partners_rank="organisations")
    assert "Partner clusters" not in [s.value for s in at.subheader]
    assert "No shared projects yet" in texts(at) or any("No shared projects yet" in i.value for i in at.info)
    assert len(table(at, "candidate")) >= 1


def test_an_organisation_with_history_has_no_note(app_store):  # noqa: F811
    at = open_page("partners", partners_focal="Organisation:pic:999977851")
    assert not any("No shared projects yet" in i.value for i in at.info)


def test_call_rules_show_each_gap_and_who_fills_it(app_store):  # noqa: F811
    at = open_page("partners", partners_focal="Organisation:pic:999977851", partners_countries="9",
                   partners_roles="coordinator")
    assert "What the call still needs" in [s.value for s in at.subheader]
    gaps = [w.value for w in at.warning if w.value.startswith("Gap:")]
    assert gaps == [f"Gap: {md('1 country (NO); the call asks for 9: 8 more')}"]
    assert "Met: a partner that has coordinated projects" in [s.value for s in at.success]
    fills = table(at, "fills it")
    assert len(fills) >= 1 and all("adds" in why and "adds Norway" not in why for why in fills["why"])
