"""Partner clusters, consortium gaps and cold start on the seed knowledge base plus a small CORDIS-shaped network.

The network: Swedish, Danish and Finnish organisations in projects tagged with EuroSciVoc fields named
as CORDIS names them ("automation", "robotics", "internet of things", "textiles"); one of them a detected
cluster (the `Cluster` label on an Organisation). Automation Småland (a seed cluster, in no project)
must find the S3 Cluster Pilot clusters of its own and neighbouring sectors, and say its list rests on
sectors, region and programmes.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import networkx as nx
import pytest

from graph.analytics.cluster_partners import COLD_START_NOTE, ClusterIndex, partner_clusters
from graph.analytics.consortium import CallRules, Gap, check_consortium
from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex, Requirements, history_note, recommend
from graph.errors import NotFound
from graph.store.falkordb_store import FalkorDBStore
from graph.store.writer import write_records
from loaders.seeds import load_seeds
from tests.cli_invoke import cli_env, invoke
from tests.test_projections import cordis_records

AUTOMATION, ROBOTICS, IOT, TEXTILES = ("esv:/29/101/555/1359", "esv:/25/69/333", "esv:/23/47/305/967",
                                       "esv:/25/63/399")
SECTOR_NAMES = {AUTOMATION: "automation", ROBOTICS: "robotics", IOT: "internet of things", TEXTILES: "textiles"}
ORGS = {
    "1": {"name": "ROBOT FACTORY AB", "country": "SE", "nuts": "SE232"},
    "2": {"name": "ODENSE ROBOTICS", "country": "DK", "nuts": "DK031", "cluster": True},
    "3": {"name": "SENSOR OY", "country": "FI", "nuts": "FI1B1"},
    "4": {"name": "TEXTILE WORKS AB", "country": "SE", "nuts": "SE232"},
    "6": {"name": "DANISH AUTOMATION APS", "country": "DK", "nuts": "DK011", "sme": True},
    "7": {"name": "TEXTILE LAB OY", "country": "FI", "nuts": "FI1B1"},
    "8": {"name": "NEW ROBOTICS AB", "country": "SE", "nuts": "SE232"},  # no project: a cold start
}
PROJECTS = {
    "1": {"acronym": "ROBOFLEX", "start": "2023-01-01", "sectors": [AUTOMATION, ROBOTICS],
          "partners": [("1", "coordinator"), ("2", "participant")]},
    "2": {"acronym": "SMARTLINE", "start": "2023-03-01", "sectors": [AUTOMATION, IOT],
          "partners": [("1", "participant"), ("3", "coordinator")]},
    "3": {"acronym": "COBOTS", "start": "2024-01-01", "sectors": [AUTOMATION, ROBOTICS],
          "partners": [("2", "coordinator"), ("3", "participant"), ("6", "participant")]},
    "4": {"acronym": "WEAVE", "start": "2022-05-01", "sectors": [TEXTILES],
          "partners": [("4", "coordinator"), ("7", "participant")]},
}


def network_records() -> tuple[list, list]:
    """The network above as records, its fields named as CORDIS names them."""
    nodes, rels = cordis_records(ORGS, PROJECTS, sectors=dict.fromkeys(SECTOR_NAMES, ""))
    return [replace(n, name=SECTOR_NAMES.get(n.id, n.name)) if n.label == "Sector" else n for n in nodes], rels


def seeded_network(embedded_server, graph_name: str, nodes: tuple = (), rels: tuple = ()) -> FalkorDBStore:
    """A graph of the session's server holding the seeds, the network above and `nodes` and `rels`."""
    network_nodes, network_rels = network_records()
    store = FalkorDBStore(embedded_server, graph_name)
    store.clear()
    store.setup_schema()
    load_seeds(store)
    write_records(store, [*network_nodes, *nodes], [*network_rels, *rels])
    return store


@pytest.fixture(scope="module")
def graph(embedded_server) -> nx.MultiDiGraph:
    """The narrow analytics read of a store holding the seeds and the network above."""
    store = seeded_network(embedded_server, "cluster_partners")
    yield read_inputs(store)
    store.close()


@pytest.fixture(scope="module")
def index(graph) -> RecommenderIndex:
    return RecommenderIndex(graph)


@pytest.fixture(scope="module")
def clusters(index) -> ClusterIndex:
    return ClusterIndex(index)


def by_key(ranking) -> dict:
    return {c.key: (rank, c) for rank, c in enumerate(ranking.candidates, start=1)}


def test_seed_sectors_are_bridged_to_fields_of_the_same_name_and_neighbours_are_ochiai(clusters):
    neighbours = clusters.neighbours
    assert neighbours.canonical("Sector:automation") == f"Sector:{AUTOMATION}"
    assert neighbours.canonical("Sector:internet-of-things") == f"Sector:{IOT}"
    assert neighbours.canonical("Sector:railway") == "Sector:railway"  # no field of that name
    assert neighbours.closeness("Sector:automation", f"Sector:{ROBOTICS}") == pytest.approx(2 / 6 ** 0.5)
    assert neighbours.closeness("Sector:automation", "Sector:textiles") == 0.0
    assert neighbours.example("Sector:automation", "Sector:internet-of-things") == "Project:cordis:2"


def test_automation_smaland_gets_pilot_clusters_of_its_own_and_neighbouring_sectors(clusters, graph):
    ranking = partner_clusters(clusters, ["Cluster:automation-smaland"], k=25)
    found = by_key(ranking)
    first = ranking.candidates[0]
    assert first.key == "Cluster:automation-region"
    assert first.reasons[:2] == ("both work in Automation", "both members of S3 Cluster Pilot")
    assert "in Västmanlands län, another region" in first.reasons
    assert "holds the ESCA Bronze label" in first.reasons
    rank_iot, iot = found["Cluster:iot-world"]
    assert iot.reasons[0] == ("works in Internet of Things, a neighbouring sector of Automation "
                              "(1 project or cluster works in both)")
    assert "Project:cordis:2" in iot.paths[0].nodes  # SMARTLINE is tagged with both
    assert iot.paths[0].text == "Automation and Internet of Things meet in SMARTLINE"
    hops = list(itertools.pairwise(iot.paths[0].nodes))
    unlinked = [(a, b) for a, b in hops if not (graph.has_edge(a, b) or graph.has_edge(b, a))]
    assert unlinked == [("Sector:automation", "Sector:esv:/29/101/555/1359"),  # one sector by name, not linked:
                        ("Sector:esv:/23/47/305/967", "Sector:internet-of-things")]  # Explore draws them dashed
    rank_textiles, textiles = found["Cluster:smart-textiles"]
    assert rank_iot < rank_textiles  # textiles never meets automation: the shared programme alone
    assert textiles.reasons[0] == "both members of S3 Cluster Pilot"
    assert iot.components["sectors"] > 0 and "sectors" not in textiles.components


def test_a_detected_cluster_of_another_country_is_a_candidate(clusters):
    found = by_key(partner_clusters(clusters, ["Cluster:automation-smaland"], k=25))
    _, odense = found["Cluster:pic:2"]
    assert odense.reasons[0] == "both work in Automation"
    assert "in DK, another country" in odense.reasons  # no Country node for DK in this graph: its code


def test_a_cluster_without_projects_is_told_what_its_list_rests_on(clusters):
    assert partner_clusters(clusters, ["Cluster:automation-smaland"]).note == COLD_START_NOTE
    assert COLD_START_NOTE == "no shared projects yet: ranked by sectors, region and programmes"


def test_a_cluster_with_projects_ranks_by_them_too_without_the_note(clusters):
    ranking = partner_clusters(clusters, ["Cluster:pic:2"], k=25)
    assert ranking.note is None
    found = by_key(ranking)
    assert found["Cluster:automation-region"][1].reasons[0] == "both work in Automation"
    assert "Cluster:automation-smaland" in found


def test_a_cluster_the_graph_knows_nothing_about_says_what_to_add(clusters):
    ranking = partner_clusters(clusters, ["Cluster:mobile-heights"])  # a pilot member: the programme is known
    assert ranking.note == COLD_START_NOTE and ranking.candidates
    ranking = partner_clusters(clusters, ["Organisation:pic:8"])  # no project, sector or programme
    assert ranking.candidates == []
    assert ranking.note.startswith("the graph knows no sector, programme or project of NEW ROBOTICS AB")
    assert "add ACTIVE_IN (sectors), MEMBER_OF (programmes)" in ranking.note


def test_a_cluster_sharing_nothing_but_a_country_gets_that_country_s_clusters_and_says_why(graph, clusters):
    """Industrial Green Tech (seeds): its sector and programmes are its alone. It was given an empty list under
    the note that the list rests on sectors, region and programmes; now it gets the clusters of Norway, other
    regions first, and a note saying that nothing but the place links them and what to add."""
    alone = partner_clusters(clusters, ["Cluster:industrial-green-tech"])
    assert alone.candidates == []  # no other Norwegian cluster in this graph
    assert alone.note == ("no other cluster shares a sector, a neighbouring sector, a programme or projects with "
                          "Industrial Green Tech; add ACTIVE_IN (sectors) or MEMBER_OF (programmes) that other "
                          "clusters have, to rank by what they do (docs/mapping.md)")
    norway = graph.copy()
    for key, name, code in (("agder", "Agder cluster", "NO092"), ("coast", "Coast cluster", "NO"),
                            ("grenland", "Grenland cluster", "NO094")):
        norway.add_node(f"Cluster:{key}", kind="Cluster", labels=["Cluster"], name=name, country="NO",
                        nuts_code=code)
    ranking = partner_clusters(ClusterIndex(RecommenderIndex(norway)), ["Cluster:industrial-green-tech"])
    assert [(c.name, c.reasons) for c in ranking.candidates] == [
        ("Agder cluster", ("in NO092, another region",)),
        ("Coast cluster", ("in Norway too (its region is not known)",)),  # CORDIS's nuts code "NO": the country
        ("Grenland cluster", ("in Telemark too",))]  # the same region: last
    assert ranking.note.startswith("no other cluster shares a sector, a neighbouring sector, a programme or projects "
                                   "with Industrial Green Tech: these are the clusters of Norway, by place alone")


def test_an_unknown_focal_cluster_says_what_to_give(clusters):
    with pytest.raises(NotFound, match="Cluster:automation-smaland"):
        partner_clusters(clusters, ["Cluster:nowhere"])


def test_consortium_gaps_name_what_is_missing_and_who_fills_it(index):
    check = check_consortium(index, ["Organisation:pic:1"],
                             CallRules(min_countries=2, sme_share=0.5, roles=("coordinator", "textiles")))
    gaps = {g.rule: g for g in check.gaps}
    assert sorted(gaps) == ["countries", "role:Sector:textiles", "sme_share"]
    assert gaps["countries"].text == "1 country (SE); the call asks for 2: 1 more"
    assert [c.key for c in gaps["countries"].candidates][0] == "Organisation:pic:6"
    assert {index.country[index.index[c.key]] for c in gaps["countries"].candidates} <= {"DK", "FI"}
    assert gaps["sme_share"].text == "0 SMEs of 1 partner; the call asks for 50%: 1 more SME"
    assert [c.key for c in gaps["sme_share"].candidates] == ["Organisation:pic:6"]
    assert gaps["sme_share"].candidates[0].reasons[-1] == "also fills: a new country"
    assert {c.key for c in gaps["role:Sector:textiles"].candidates} == {"Organisation:pic:4", "Organisation:pic:7"}
    assert check.met == ["a partner that has coordinated projects"]
    assert check.note is None
    assert gaps["countries"].pool == sum(c not in ("SE", "") for c in index.country)  # who would fill it, ranked or not
    assert gaps["sme_share"].pool == int(index.sme.sum()) - int(index.sme[index.index["Organisation:pic:1"]])


def test_a_gap_without_candidates_says_whether_anyone_would_fill_it():
    assert Gap("countries", "", 1).unfilled() == ("no organisation in the graph fills it (of those taking part in "
                                                  "projects, the ones the ranking ranks)")
    assert Gap("countries", "", 1, pool=3, left_out="each of them is in a place to avoid (DK)").unfilled() == (
        "no candidate: 3 organisation(s) taking part in projects would fill it, but each of them is in a place to "
        "avoid (DK)")


@pytest.mark.parametrize(("requirements", "said"), [
    (Requirements(min_label="esca-gold"), "none of them holds ESCA Gold or a higher label, as asked"),
    (Requirements(avoid_places=("DK", "FI")), "each of them is in a place to avoid (DK, FI)")])
def test_a_gap_that_the_requirements_empty_says_which_one(index, requirements, said):
    """"The ranking finds nothing that links them to the consortium" was said when the label asked left out every
    organisation of another country: the ranking offers any it may, however weakly linked."""
    check = check_consortium(index, ["Organisation:pic:1"], CallRules(min_countries=2), requirements=requirements)
    gap, = check.gaps
    assert gap.candidates == () and gap.pool > 0
    assert gap.unfilled().endswith(f"would fill it, but {said}")


def test_a_consortium_meeting_every_rule_has_no_gap(index):
    check = check_consortium(index, ["Organisation:pic:1", "Organisation:pic:6"],
                             CallRules(min_countries=2, sme_share=0.5, roles=("automation",)))
    assert check.gaps == []
    assert check.met == ["2 countries (DK, SE), at least 2 asked", "1 SME of 2 partners; the call asks for 50%",
                         "works in Automation"]


def test_an_organisation_without_projects_gets_neighbours_of_its_region_and_the_note(index):
    assert history_note(index, ["Organisation:pic:8"]) == (  # a region, no sector or programme: it says so
        "no shared projects yet: ranked by its region SE23 (candidates there first, then in Sweden) and the "
        "candidates' own record; the graph knows no sector or programme of it: add ACTIVE_IN for sectors or MEMBER_OF "
        "for programmes (docs/mapping.md)")
    assert history_note(index, ["Cluster:automation-smaland"]) == COLD_START_NOTE  # sectors, region, programmes
    assert history_note(index, ["Organisation:pic:1"]) is None
    found = recommend(index, ["Organisation:pic:8"], k=3)
    assert {c.key for c in found[:2]} == {"Organisation:pic:1", "Organisation:pic:4"}  # both in SE232
    assert all("in the same region (SE23)" in c.reasons for c in found[:2])
    assert found[0].components["nearby"] > 0


def test_a_seed_cluster_without_projects_finds_organisations_by_its_bridged_sector(index):
    found = recommend(index, ["Cluster:automation-smaland"], k=3)
    assert "works in Automation, like the consortium" in found[0].reasons


@pytest.fixture(scope="module")
def env(graph, embedded_server):
    return cli_env(embedded_server, "cluster_partners")


def test_cli_ranks_partner_clusters_and_prints_the_cold_start_note(env):
    result = invoke(env, "recommend", "--for", "Cluster:automation-smaland", "-k", "3")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(" 1. Automation Region  (Cluster:automation-region)")
    assert "- both work in Automation" in result.stdout
    assert f"note: {COLD_START_NOTE}" in result.stderr


def test_cli_shows_consortium_gaps_and_candidates(env):
    result = invoke(env, "recommend", "--for", "Organisation:pic:1", "--min-countries", "2", "--sme-share", "0.5",
                    "--roles", "coordinator,textiles", "-k", "2")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "met: a partner that has coordinated projects" in lines
    assert "gap (countries): 1 country (SE); the call asks for 2: 1 more" in lines
    assert lines[lines.index("gap (sme_share): 0 SMEs of 1 partner; the call asks for 50%: 1 more SME") + 1] \
        .startswith("   1. DANISH AUTOMATION APS")


def test_cli_unknown_role_is_one_line(env):
    result = invoke(env, "recommend", "--for", "Organisation:pic:1", "--roles", "basket weaving")
    assert result.exit_code != 0
    assert "role 'basket weaving' is neither `coordinator` nor a sector" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_sme_wanted_by_a_consortium_without_projects_is_said_plainly(index):
    from graph.analytics.recommend import Requirements

    found = recommend(index, ["Organisation:pic:8"], requirements=Requirements(sme_share=0.5), k=10)
    smes = [c for c in found if any(r.startswith("an SME") for r in c.reasons)]
    assert smes and all("an SME (none of the consortium's partners is known as one)" in c.reasons for c in smes)


def test_a_sector_name_of_a_seed_sector_and_a_field_takes_both(env):
    """On the sample, `--sector Textiles` was refused: the seeds' sector and CORDIS's field have that name (one
    sector to the ranking). The exact name of several sectors now takes them all and says so."""
    result = invoke(env, "metrics", "top", "degree", "--sector", "Automation")
    assert result.exit_code == 0, result.stderr
    assert ("(sector 'Automation' is 2 nodes of that name, all taken: Automation (Sector:automation); automation "
            "(Sector:esv:/29/101/555/1359))") in result.stderr


def test_a_seed_sector_keeps_the_projects_of_the_field_of_its_name(env):
    """`--sector automation`, the seeds' sector, kept no CORDIS project (they are tagged with the field of that
    name): "no project of the store is active in Sector 'automation'", while the rankings take the two as one."""
    by_seed = invoke(env, "metrics", "top", "degree", "--sector", "automation")
    by_field = invoke(env, "metrics", "top", "degree", "--sector", AUTOMATION)
    assert by_seed.exit_code == 0, by_seed.stderr
    assert by_seed.stdout.splitlines()[1:] == by_field.stdout.splitlines()[1:] != []
