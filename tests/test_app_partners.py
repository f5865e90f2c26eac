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


def test_a_gap_s_candidates_are_the_cli_s_for_the_same_rules(app_store, embedded_server):  # noqa: F811
    """The SME share is a rule of its own (its own gap), not a weight in every other gap's ranking: the app had
    listed only SMEs under the countries gap where the CLI, given the same rules, listed others."""
    from tests.cli_invoke import cli_env, invoke

    at = open_page("partners", partners_focal="Organisation:pic:999977851", partners_countries="9",
                   partners_sme="0.5")
    shown = list(table(at, "fills it")["fills it"])
    said = invoke(cli_env(embedded_server, "app_tests"), "recommend", "--for", "Organisation:pic:999977851",
                  "--min-countries", "9", "--sme-share", "0.5")
    assert said.exit_code == 0, said.stderr
    lines = said.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("gap (countries)"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("gap (")), len(lines))
    rows = lines[start + 1:end]  # "   9. ...", "  10. ...": ranks are right-aligned
    listed = [line.split(". ", 1)[1].split("  (")[0] for line in rows if line[:5].strip().rstrip(".").isdigit()]
    assert shown and shown == listed[:len(shown)]


def test_a_wanted_sme_share_the_consortium_already_has_is_said(app_store):  # noqa: F811
    """The slider at 30% for a consortium already over it changed no candidate, and the page did not say why."""
    at = open_page("partners", partners_focal="Organisation:pic:924119292", partners_sme="0.3")
    assert not at.exception, [e.value for e in at.exception]
    assert "The consortium already has 1 SME of 1 partner (100%), at least the 30% asked: SMEs are not favoured " \
           "over the others" in texts(at)
