"""A cluster's own sectors that name no EuroSciVoc field are said to play no part in its partner ranking, with how to
bridge them; an `aliases` column in the mapping bridges them, and the ranking then works in the field.

A Basque cluster manager's member list wrote its sectors in Spanish (Mecanizado, Máquina-herramienta ...): they became
Sector nodes linked to no CORDIS project, and the Partners page and `recommend` ranked Charité and polar institutes
"works in sociology, like the consortium" without saying that the cluster's sectors counted for nothing. Common sector
words in Spanish now name their field (`graph.store.sector_words`): the list here writes its sectors in Basque, which
the table lacks. Real CORDIS fixture, real mapping load, the CLI in-process and the page by AppTest.
"""

from __future__ import annotations

import pytest
import streamlit as st

from tests.cli_invoke import cli_env, invoke
from tests.member_list_graphs import member_list_graphs
from tests.test_app import open_page

CLUSTER = "Cluster de Fabricación Avanzada de Euskadi"
IDLE = ("sectors (Fotovoltaikoa, Robotika) matches a EuroSciVoc field of the store or a project's sector, so they "
        "play no ")
MAPPING = f"""name = "socios"

[[nodes]]
file = "cluster.csv"
label = "Cluster"
id = "Nombre"
name = "Nombre"

[[nodes]]
file = "socios.csv"
label = "Organisation"
id = "CIF"
name = "Razón social"
match = "name"

[[relationships]]
file = "socios.csv"
type = "MEMBER_OF"
start = {{ label = "Organisation", column = "CIF" }}
end = {{ label = "Cluster", value = "{CLUSTER}" }}

[[nodes]]
file = "sectores.csv"
label = "Sector"
id = "Sector"
name = "Sector"
[nodes.properties]
aliases = {{ column = "Campo", type = "list" }}

[[relationships]]
file = "sectores.csv"
type = "ACTIVE_IN"
start = {{ label = "Cluster", value = "{CLUSTER}" }}
end = {{ label = "Sector", column = "Sector" }}
"""


@pytest.fixture(scope="module")
def member_lists(embedded_server, tmp_path_factory):
    """{whether the sectors have aliases naming their fields: that load's graph}, each the CORDIS fixture and the
    member list; the app pointed at the server."""
    with member_list_graphs(embedded_server, tmp_path_factory, {aliased: (
            f"unbridged_{'aliased' if aliased else 'spanish'}", {
                "cluster.csv": f"Nombre,Provincia\n{CLUSTER},Gipuzkoa\n",
                "socios.csv": "Razón social,CIF\nOulun Yliopisto,FI02458955\n",  # a CORDIS organisation, by its VAT
                "sectores.csv": f"Sector,Campo\nRobotika,{fields[0]}\nFotovoltaikoa,{fields[1]}\n",
                "mapping.toml": MAPPING})
            for aliased, fields in ((False, ("", "")), (True, ("robotics", "photovoltaic")))}) as graphs:
        yield graphs


def test_recommend_says_which_sectors_play_no_part_until_aliases_bridge_them(member_lists, embedded_server):
    said = {}
    for aliased, graph in member_lists.items():
        env = cli_env(embedded_server, graph)
        said[aliased] = (invoke(env, "recommend", "--for", CLUSTER, "--candidates", "organisations", "-k", "5"),
                         invoke(env, "recommend", "--for", CLUSTER, "--candidates", "clusters", "-k", "3"))
        assert all(r.exit_code == 0 for r in said[aliased]), [r.stderr for r in said[aliased]]
    organisations, clusters = said[False]
    assert "works in robotics" not in organisations.stdout
    assert (f"note: none of {CLUSTER}'s 2 {IDLE}part in this ranking, which stands on its projects (their partners "
            "and fields) and places alone: give each Sector node an English name or an aliases property") \
        in " ".join(organisations.stderr.split())
    assert f"{IDLE}part in this ranking, which stands on shared projects, programmes and places alone" \
        in " ".join(clusters.stderr.split())
    organisations, clusters = said[True]
    assert "play no part" not in organisations.stderr + clusters.stderr
    assert "works in robotics, like the consortium" in organisations.stdout
    assert "both work in Robotika" in clusters.stdout  # MARINN, a CORDIS cluster with a robotics project


def test_the_partners_page_says_it_too(member_lists, monkeypatch):
    for aliased, graph in member_lists.items():
        monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", graph)
        st.cache_resource.clear()  # the app's store is kept across runs: this graph's
        at = open_page("partners", partners_focal=f"Cluster:{CLUSTER}", partners_rank="organisations")
        said = [i.value for i in at.info if "play no part" in i.value]
        reasons = " ".join(e.markdown[0].value for e in at.expander)
        assert ("works in robotics, like the consortium" in reasons) == aliased
        if aliased:
            assert not said
        else:
            assert len(said) == 1 and said[0].startswith(f"None of {CLUSTER}'s 2 {IDLE}part in this ranking")
            assert "aliases property naming the field" in said[0]
