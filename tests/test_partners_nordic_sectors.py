"""Sectors in the organisation ranking, as a Finnish and a Danish cluster manager met them.

- A sector asked for that is a member list's own (Toimiala, Branche: ACTIVE_IN from organisations, in no project)
  stopped `recommend --sector Automaatio` with "is in no project of the graph; its projects' sectors include
  esv:/23/43/259/777, ...": it now says whose sector it is, that only project sectors rank partners, the nearest
  project sectors by name (or those its organisations' projects are in), and how to bridge it.
- A consortium whose projects span many fields (a university's) ranked without a sector asked got partners "works in
  clinical medicine, like the consortium" with nothing said: a note now says so and suggests sectors to ask for.

Real CORDIS fixture, a real member-list load, the CLI in-process and the Partners page by AppTest.
"""

from __future__ import annotations

import pytest
import streamlit as st

from loaders.pipeline import run_load
from tests.app_graph import app_on_stores
from tests.cli_invoke import cli_env, invoke
from tests.conftest import open_fixture_network
from tests.generic_files import write_files
from tests.test_app import open_page

GRAPH = "partners_nordic_sectors"
MAPPING = """name = "medlemmer"

[[nodes]]
file = "medlemmer.csv"
label = "Organisation"
id = "CVR"
name = "Medlem"
match = "name"

[[nodes]]
file = "medlemmer.csv"
label = "Sector"
id = "Branche"
name = "Branche"

[[relationships]]
file = "medlemmer.csv"
type = "ACTIVE_IN"
start = { label = "Organisation", column = "CVR" }
end = { label = "Sector", column = "Branche" }
"""
#: Two universities: their projects span four of EuroSciVoc's six domains.
BROAD = ("NORGES TEKNISK-NATURVITENSKAPELIGE UNIVERSITET NTNU", "UNIVERSITETET I OSLO")


@pytest.fixture(scope="module")
def members(embedded_server, tmp_path_factory):
    """The CORDIS fixture and a member list whose sectors are the members' own: Oulun yliopisto (by its VAT) in
    Robotika (a word `graph.store.sector_words` lacks: its Robotik names robotics), which nearly spells the fixture's
    field robotics, and an SME in Yhteistyörobotit, which spells none."""
    store = open_fixture_network(embedded_server, GRAPH)
    write_files(folder := tmp_path_factory.mktemp("medlemmer"), {
        "medlemmer.csv": "Medlem,CVR,Branche\nOulun Yliopisto,FI02458955,Robotika\n"
                         "Cobotti Solutions Oy,2259631-9,Yhteistyörobotit\nOulun Yliopisto,FI02458955,Kemia\n",
        "mapping.toml": MAPPING})
    run_load(store, "csv", folder / "mapping.toml")
    with app_on_stores(embedded_server, GRAPH, tmp_path_factory.mktemp("user_queries"), store):
        yield cli_env(embedded_server, GRAPH)


def _said(result) -> str:
    return " ".join(result.stderr.split())


def test_a_members_sector_asked_says_only_project_sectors_rank_and_names_the_nearest(members):
    result = invoke(members, "recommend", "--for", "OULUN YLIOPISTO", "--sector", "Robotika", "-k", "3")
    assert result.exit_code != 0
    said = _said(result)
    assert "sector 'Robotika' is the sector of 1 organisation of the store but of no project" in said
    assert "ranks partners only when projects are tagged with it" in said
    assert "the nearest by name are 'robotics' (esv:/" in said
    assert "To make Robotika count as a field, give each Sector node an English name or an aliases property" in said


def test_a_sector_near_no_project_sector_by_name_names_its_organisations_fields(members):
    said = _said(invoke(members, "recommend", "--for", "OULUN YLIOPISTO", "--sector", "Kemia", "-k", "3"))
    assert "sector 'Kemia' is the sector of 1 organisation of the store but of no project" in said
    assert "its organisations' projects are most often in 'photovoltaic' (esv:/25/67/425/1169/1685/98939167)" in said


def test_the_partners_page_says_it_for_a_members_sector(members):
    st.cache_resource.clear()
    at = open_page("partners", partners_focal="Organisation:pic:999844670", partners_sectors="Sector:Robotika",
                   partners_rank="organisations")
    said = [w.value for w in at.warning]
    assert any("the nearest by name are 'robotics'" in w for w in said), said


def test_a_broad_consortium_ranked_without_a_sector_is_told_to_name_one(members):
    broad = invoke(members, "recommend", *(a for name in BROAD for a in ("--for", name)), "-k", "3")
    assert broad.exit_code == 0, broad.stderr
    said = _said(broad)
    assert "note: the consortium's projects span 4 of EuroSciVoc's 6 domains (" in said
    assert "so its partners are ranked for all of them" in said and '(e.g. --sector "' in said
    narrowed = invoke(members, "recommend", *(a for name in BROAD for a in ("--for", name)), "--sector", "robotics")
    one_field = invoke(members, "recommend", "--for", "OULUN YLIOPISTO", "-k", "3")
    assert "domains" not in narrowed.stderr + one_field.stderr  # a sector asked; a profile of two domains


def test_the_partners_page_says_it_for_a_broad_consortium(members):
    st.cache_resource.clear()
    at = open_page("partners", partners_focal=["Organisation:pic:999977851", "Organisation:pic:999975814"],
                   partners_rank="organisations")
    said = [i.value for i in at.info if "domains" in i.value]
    assert len(said) == 1 and said[0].startswith("The consortium's projects span 4 of EuroSciVoc's 6 domains"), said
    assert "(under Sectors, topics or fields, e.g. \"" in said[0]
