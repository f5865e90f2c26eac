"""A cluster whose sectors are on its members, not on itself, is told that the partner rankings do not read members'
sectors, which members carry them, and how to make them count: the cluster ACTIVE_IN them in the mapping.

The Basque manager's mapping (tryout notes, finding 11) put its member list's Sector column on the members (an
ACTIVE_IN table from the organisation's CIF) and none on the cluster: the Partners page and `recommend` ranked Charité
and polar institutes for a manufacturing cluster, and no note said that its sectors counted for nothing. Real CORDIS
fixture, real mapping load mirroring that mapping, the CLI in-process and the page by AppTest.
"""

from __future__ import annotations

import pytest
import streamlit as st

from tests.cli_invoke import cli_env, invoke
from tests.member_list_graphs import member_list_graphs
from tests.test_app import open_page

CLUSTER = "Cluster de Fabricación Avanzada de Euskadi"
MEMBERS = ("Razón social,CIF,Provincia,Sector\n"
           "Oulun Yliopisto,FI02458955,Gipuzkoa,Mecanizado\n"  # a CORDIS organisation, with projects
           "Automatismos Bergara S.L.,B20890123,Gipuzkoa,Robótica\n"
           "Fundiciones Alfa S.A.,A20111222,Gipuzkoa,Fundición\n"
           "Talleres Beta S.L.,B48333444,Bizkaia,Máquina-herramienta\n"
           "Mecanizados Gamma S.L.,B01555666,Araba/Álava,Mecanizado\n")
MAPPING = f"""name = "socios-cluster"

[[nodes]]
file = "socios_cluster.csv"
separator = ","
label = "Organisation"
id = "CIF"
name = "Razón social"
match = "name"

[[nodes]]
file = "socios_cluster.csv"
separator = ","
label = "Sector"
id = "Sector"
name = "Sector"
match = "name"

[[relationships]]
file = "socios_cluster.csv"
separator = ","
type = "ACTIVE_IN"
start = {{ label = "Organisation", column = "CIF" }}
end = {{ label = "Sector", column = "Sector" }}

[[relationships]]
file = "socios_cluster.csv"
separator = ","
type = "MEMBER_OF"
start = {{ label = "Organisation", column = "CIF" }}
end = {{ label = "Cluster", value = "{CLUSTER}" }}

[[nodes]]
file = "mi_cluster.csv"
separator = ","
label = "Cluster"
extra_labels = ["Organisation"]
id = "Nombre"
name = "Nombre"
"""
#: The two lines the note shows, in a copy of the members' ACTIVE_IN table: the cluster itself ACTIVE_IN its sectors.
CLUSTER_ACTIVE_IN = f"""
[[relationships]]
file = "socios_cluster.csv"
type = "ACTIVE_IN"
start = {{ label = "Cluster", value = "{CLUSTER}" }}
end = {{ label = "Sector", column = "Sector" }}
"""
SAID = (f"5 of {CLUSTER}'s 5 members carry sectors of their own (Fundición, Máquina-herramienta, Mecanizado and 1 "
        "more), which this ranking does not read (it reads the cluster's own sectors, not its members'): to make them "
        "count, link the cluster to its sectors in the mapping")
TOML = f'type = "ACTIVE_IN" and start = {{ label = "Cluster", value = "{CLUSTER}" }}'


@pytest.fixture(scope="module")
def member_lists(embedded_server, tmp_path_factory):
    """{whether the mapping links the cluster itself to the sectors: that load's graph}, each the CORDIS fixture and
    the member list; the app pointed at the server."""
    with member_list_graphs(embedded_server, tmp_path_factory, {linked: (
            f"members_sectors_{'linked' if linked else 'basque'}", {
                "mi_cluster.csv": f"Nombre,Provincia,Sector\n{CLUSTER},Gipuzkoa,Fabricación avanzada\n",
                "socios_cluster.csv": MEMBERS, "mapping.toml": MAPPING + (CLUSTER_ACTIVE_IN if linked else "")})
            for linked in (False, True)}) as graphs:
        yield graphs


def test_recommend_says_the_members_sectors_are_not_read_and_how_to_make_them_count(member_lists, embedded_server):
    env = cli_env(embedded_server, member_lists[False])
    for wanted in ("organisations", "clusters"):
        result = invoke(env, "recommend", "--for", CLUSTER, "--candidates", wanted, "-k", "3")
        assert result.exit_code == 0, result.stderr
        said = " ".join(result.stderr.split())
        assert f"note: {SAID}" in said, wanted
        assert TOML in said and "also give each Sector node an English name or an aliases property" in said


def test_once_the_cluster_is_linked_to_them_the_note_goes_and_the_aliases_one_remains(member_lists, embedded_server):
    asked = ("recommend", "--for", CLUSTER, "--candidates", "organisations", "-k", "3")
    said = {linked: " ".join(invoke(cli_env(embedded_server, graph), *asked).stderr.split())
            for linked, graph in member_lists.items()}
    assert "members carry sectors of their own" in said[False]
    said = said[True]
    assert "members carry sectors of their own" not in said
    # Robótica names robotics (graph.store.sector_words); the fixture has no field for the other three's words
    assert f"3 of {CLUSTER}'s 4 sectors (Fundición, Máquina-herramienta, Mecanizado) match no EuroSciVoc" in said


def test_the_partners_page_says_it_too(member_lists, monkeypatch):
    monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", member_lists[False])
    st.cache_resource.clear()  # the app's store is kept across runs: this graph's
    at = open_page("partners", partners_focal=f"Cluster:{CLUSTER}", partners_rank="organisations")
    said = [i.value for i in at.info if "members carry sectors of their own" in i.value]
    assert len(said) == 1 and said[0].startswith(SAID) and TOML in said[0]


def test_the_aliases_clause_names_only_the_sectors_that_name_no_field(member_lists, embedded_server):
    """Robótica names robotics (graph.store.sector_words): "as they name no EuroSciVoc field" was said of all four."""
    result = invoke(cli_env(embedded_server, member_lists[False]), "recommend", "--for", CLUSTER, "-k", "3")
    said = " ".join(result.stderr.split())
    assert ("; as 3 of them name no EuroSciVoc field (Fundición, Máquina-herramienta, Mecanizado), also give each "
            "Sector node an English name") in said
