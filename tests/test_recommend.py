"""Partner recommendation on a small graph shaped like CORDIS: top candidates, reasons, paths, filters."""

from __future__ import annotations

import random
from dataclasses import replace

import networkx as nx
import numpy as np
import pytest

from graph.analytics.projections import Projection, project
from graph.analytics.recommend import (
    Candidate,
    RecommenderIndex,
    Requirements,
    Weights,
    link_scores,
    places_note,
    recommend,
)
from graph.store.records import NodeRecord, RelRecord
from tests.test_projections import SOURCE, cordis_graph, cordis_records, stored_graph

PV, WIND, TEXTILES = "esv:/25/67/425/1169/1685", "esv:/25/67/425/2000", "esv:/25/70/500"
SECTORS = {"esv:/25": "", "esv:/25/67": "esv:/25", "esv:/25/67/425": "esv:/25/67",
           "esv:/25/67/425/1169": "esv:/25/67/425", PV: "esv:/25/67/425/1169", WIND: "esv:/25/67/425",
           "esv:/25/70": "esv:/25", TEXTILES: "esv:/25/70", "esv:/21": "", "esv:/21/40": "esv:/21"}
ORGS = {
    "1": {"name": "SOLAR AB", "country": "SE", "nuts": "SE110", "sme": True},
    "2": {"name": "LUNDS UNIVERSITET", "country": "SE", "nuts": "SE224"},
    "3": {"name": "VTT", "country": "FI", "nuts": "FI1B1"},
    "4": {"name": "PHOTON OY", "country": "FI", "nuts": "FI1D9", "sme": True},
    "5": {"name": "AALBORG UNIVERSITET", "country": "DK", "nuts": "DK050"},
    "6": {"name": "WIND GMBH", "country": "DE", "nuts": "DE300", "sme": True},
    "7": {"name": "HYDRO AS", "country": "NO", "nuts": "NO081"},
    "8": {"name": "TEXTILE CLUSTER", "country": "FR", "nuts": "FR101", "cluster": True},
}
PROJECTS = {
    "1": {"acronym": "SUNPOWER", "start": "2022-01-01", "sectors": [PV],
          "partners": [("1", "coordinator"), ("2", "participant"), ("3", "participant")]},
    "2": {"acronym": "PVSTORE", "start": "2023-02-01", "sectors": [PV],
          "partners": [("3", "coordinator"), ("4", "participant"), ("5", "participant")]},
    "3": {"acronym": "WINDY", "start": "2023-03-01", "sectors": [WIND],
          "partners": [("6", "coordinator"), ("5", "participant")]},
    "4": {"acronym": "WEAVE", "start": "2022-05-01", "sectors": [TEXTILES],
          "partners": [("8", "coordinator"), ("7", "participant"), ("6", "participant")]},
    "5": {"acronym": "SUNFI", "start": "2023-09-01", "sectors": [PV],
          "partners": [("3", "coordinator"), ("4", "participant")]},
    "6": {"acronym": "HYDRO", "start": "2022-03-01", "sectors": ["esv:/21/40"],
          "partners": [("7", "coordinator"), ("2", "participant")]},
}


def org(pic: str) -> str:
    return f"Organisation:pic:{pic}"


@pytest.fixture(scope="module")
def graph(embedded_server) -> nx.MultiDiGraph:
    """`to_networkx` of a store holding the network above, with named places, sectors and a labelled cluster."""
    nodes, rels = cordis_records(ORGS, PROJECTS, sectors=SECTORS)
    names = {("Region", "FI1D9"): "Pohjois-Pohjanmaa", ("Region", "DK050"): "Nordjylland",
             ("Region", "DE300"): "Berlin", ("Sector", PV): "photovoltaic", ("Sector", WIND): "wind power",
             ("Sector", TEXTILES): "textiles"}
    nodes = [replace(n, name=names.get((n.label, n.id), n.name)) for n in nodes]
    nodes += [NodeRecord("Region", "DE3", "Berlin", SOURCE),
              NodeRecord("Cluster", "smart-textiles", "Smart Textiles", SOURCE),
              NodeRecord("QualityLabel", "esca-gold", "ESCA Gold", SOURCE)]
    nodes += [NodeRecord("Country", code, name, SOURCE) for code, name in {
        "FI": "Finland", "DK": "Denmark", "DE": "Germany", "NO": "Norway", "FR": "France", "SE": "Sweden"}.items()]
    rels += [RelRecord("SAME_AS", "Cluster", "smart-textiles", "Organisation", "pic:8", SOURCE),
             RelRecord("HAS_LABEL", "Cluster", "smart-textiles", "QualityLabel", "esca-gold", SOURCE)]
    return stored_graph(embedded_server, nodes, rels)


@pytest.fixture(scope="module")
def index(graph) -> RecommenderIndex:
    return RecommenderIndex(graph)


def keys(candidates: list[Candidate]) -> list[str]:
    return [c.key for c in candidates]


def test_partners_of_partners_working_on_the_same_topic_come_first(index):
    found = recommend(index, [org("1")], k=3)
    assert keys(found) == [org("4"), org("5"), org("7")]
    assert found[0].reasons == ("works in photovoltaic, like the consortium", "adds Finland", "took part in 2 projects",
                                "recent tie: VTT worked with it in 2023",
                                "close tie: VTT links it to SOLAR AB through projects of at most 3 partners",
                                "2 projects started in the last year of the data",
                                "worked with VTT, a partner of SOLAR AB")


def test_score_is_the_sum_of_its_components(index):
    best = recommend(index, [org("1")], k=1)[0]
    assert best.score == pytest.approx(sum(best.components.values()))
    assert set(best.components) == {"adamic_adar", "resource_allocation", "pagerank", "thematic", "experience",
                                    "recent_ties", "small_projects", "recent_activity"}


def test_paths_go_through_the_shared_partner_and_name_the_projects(index):
    best = recommend(index, [org("1")], k=1)[0]
    assert best.paths[0].nodes == (org("1"), "Project:cordis:1", org("3"), "Project:cordis:5", org("4"))
    assert best.paths[0].text == "PHOTON OY and VTT both partners in SUNFI; VTT and SOLAR AB in SUNPOWER"


def test_existing_partners_are_left_out_unless_asked_for(index):
    assert not {org("1"), org("2"), org("3")} & set(keys(recommend(index, [org("1")], k=10)))
    found = recommend(index, [org("1")], k=10, exclude_existing=False)
    vtt = next(c for c in found if c.key == org("3"))
    assert org("1") not in keys(found)
    assert vtt.reasons[0] == "1 shared project with SOLAR AB"
    assert vtt.paths[0].text == "SOLAR AB and VTT both partners in SUNPOWER"
    assert "coordinated 2 projects" in vtt.reasons


def test_a_wanted_country_lifts_its_organisations_and_says_so(index):
    found = recommend(index, [org("1")], Requirements(add_places=("DK",)), k=1)
    assert keys(found) == [org("5")]
    assert "in Denmark, as asked" in found[0].reasons


def test_a_wanted_region_is_named(index):
    found = recommend(index, [org("1")], Requirements(add_places=("DE3",)), k=1)
    assert keys(found) == [org("6")]
    assert "in Berlin, as asked" in found[0].reasons


def test_a_wanted_place_no_candidate_shown_is_in_says_why(index):
    asked = Requirements(add_places=("DK",))
    found = recommend(index, [org("1")], asked, k=1)
    assert places_note(index, [org("1")], asked, found) is None  # AALBORG is shown, in Denmark
    known = Requirements(add_places=("FI",))  # VTT is a partner already, PHOTON OY ranks lower than k=0 allows
    assert places_note(index, [org("1")], known, []) == (
        "none of the 2 organisation(s) in FI is among these candidates: they are known partners of the consortium "
        "or fit less well (include known partners, or ask for more)")
    nowhere = Requirements(add_places=("PL", "DK"))
    assert places_note(index, [org("1")], nowhere, found) == \
        "no organisation of the graph outside the consortium is in PL"


def test_places_to_avoid_are_left_out(index):
    assert not {org("4"), org("3")} & set(keys(recommend(index, [org("1")], Requirements(avoid_places=("FI",)))))


def test_requested_sectors_pull_in_organisations_working_there(index):
    plain, found = recommend(index, [org("1")], k=10), recommend(index, [org("1")], Requirements(sectors=(WIND,)), k=10)
    # AALBORG (wind power and photovoltaic) gains on the thematic part and says why it fits
    aalborg = next(c for c in found if c.key == org("5"))
    assert "works in wind power, as asked" in aalborg.reasons
    before = next(c for c in plain if c.key == org("5"))
    assert aalborg.components["thematic"] > before.components["thematic"] and aalborg.score > before.score


def test_organisations_with_a_project_in_an_asked_sector_come_before_those_without(index):
    """`--sector robotics --country Germany` had ranked German organisations without a robotics project first
    ("works in genetics, like the consortium"): a close partner of partners in another field outranked those in
    the field asked. PHOTON OY (photovoltaic alone, a partner of SOLAR AB's partner) led without the request."""
    plain = recommend(index, [org("1")], k=10)
    assert keys(plain)[0] == org("4")
    found = recommend(index, [org("1")], Requirements(sectors=(WIND,)), k=10)
    assert keys(found)[0] == org("5")  # AALBORG: wind power, and a partner of a partner
    wind = {c.key: c for c in found if c.key in (org("5"), org("6"))}  # AALBORG and WIND GMBH
    assert all(c.components["asked_sector"] == pytest.approx(Weights().asked_sector) for c in wind.values())
    assert keys(found).index(org("6")) < keys(plain).index(org("6"))
    photon = next(c for c in found if c.key == org("4"))
    assert "asked_sector" not in photon.components
    assert "no project in wind power, the sector(s) asked" in photon.reasons
    assert not [r for c in wind.values() for r in c.reasons if r.startswith("no project in")]


def test_minimum_label_keeps_only_labelled_organisations_and_names_the_label(index):
    found = recommend(index, [org("1")], Requirements(min_label="esca-silver"), k=5)
    assert keys(found) == ["Cluster:pic:8"]  # a cluster organisation's key is Cluster:<id>
    assert "holds the ESCA Gold label" in found[0].reasons


def test_wanted_sme_share_favours_smes(index):
    plain = recommend(index, [org("2")], k=5)
    wanted = recommend(index, [org("2")], Requirements(sme_share=0.5), k=5)
    assert keys(wanted)[0] in (org("4"), org("6"))
    assert any(r.startswith("an SME (the consortium has 0 of 1)") for r in wanted[0].reasons)
    assert keys(plain) != keys(wanted)


def test_a_seed_cluster_stands_for_its_cordis_organisation(index):
    via_seed = recommend(index, ["Cluster:smart-textiles"], k=3)
    direct = recommend(index, ["Cluster:pic:8"], k=3)
    assert keys(via_seed) == keys(direct)
    assert "Cluster:pic:8" not in keys(via_seed) and org("6") not in keys(via_seed)


def test_a_draft_consortium_is_scored_as_a_whole(index):
    found = recommend(index, [org("1"), org("7")], k=10)
    # Aalborg is two steps from both members (via VTT and via Wind GmbH), Photon from one only.
    assert keys(found) == [org("5"), org("4")]
    # partners of partners come last, the strongest first: Wind GmbH has fewer partners than VTT
    assert found[0].reasons[-2:] == ("worked with WIND GMBH, a partner of HYDRO AS",
                                     "worked with VTT, a partner of SOLAR AB")
    assert len(found[0].paths) == 2


def test_unknown_keys_and_labels_are_errors_that_say_what_to_give(index):
    with pytest.raises(ValueError, match="node keys like Organisation:pic:"):
        recommend(index, ["pic:1"])
    with pytest.raises(ValueError, match="unknown label"):
        recommend(index, [org("1")], Requirements(min_label="platinum"))
    with pytest.raises(ValueError, match="esv:"):
        recommend(index, [org("1")], Requirements(sectors=("esv:/99",)))


@pytest.mark.parametrize("written", ["esca-gold", "ESCA Gold", "gold", " Gold ", "esca gold"])
def test_a_minimum_label_is_taken_as_a_person_writes_it(written):
    """`--min-label gold` and `ESCA Gold`, the name the page and the messages use, had been refused as unknown."""
    assert Requirements(min_label=written).min_label == "esca-gold"


def test_weights_change_the_order(index):
    experience_only = Weights(**dict.fromkeys(vars(Weights()), 0.0) | {"experience": 1.0})
    assert keys(recommend(index, [org("1")], k=1, weights=experience_only)) == [org("6")]  # coordinated WINDY


@pytest.mark.parametrize("method, reference", [
    ("adamic_adar", nx.adamic_adar_index),
    ("resource_allocation", nx.resource_allocation_index),
    ("preferential_attachment", nx.preferential_attachment),
    ("common_neighbours", lambda G, pairs: ((u, v, len(list(nx.common_neighbors(G, u, v)))) for u, v in pairs)),
])
def test_link_scores_are_networkx_link_prediction(graph, index, method, reference):
    P = project(graph, Projection())
    for focal in (org("1"), org("5")):
        ours = link_scores(index, [index.index[focal]], method)
        pairs = [(focal, other) for other in P if other != focal]
        for _, other, expected in reference(P, pairs):
            assert ours[index.index[other]] == pytest.approx(expected)


def test_pagerank_score_is_networkx_personalised_pagerank(graph, index):
    P = project(graph, Projection())
    expected = nx.pagerank(P, personalization={org("1"): 1, org("4"): 1}, weight="weight", tol=1e-12)
    ours = link_scores(index, [index.index[org("1")], index.index[org("4")]], "pagerank")
    assert [ours[index.index[k]] for k in P] == pytest.approx([expected[k] for k in P], abs=1e-7)


def test_index_respects_a_time_window(graph):
    early = RecommenderIndex(graph, Projection(end="2022-12-31"))
    assert org("4") not in early.index and org("1") in early.index


def test_a_request_on_a_larger_graph_ranks_ten_candidates(embedded_server):
    """2,000 organisations in 550 projects of up to 63 partners, 30 of them in many projects.

    A tenth of CORDIS, so the store writes it in a few seconds; speed at full size is bench/bench_metrics.py's.
    """
    rng = random.Random(0)
    orgs = {str(i): {"name": f"ORG {i}", "country": rng.choice(["SE", "FI", "DE", "FR", "IT"])}
            for i in range(2_000)}
    popular, everyone, fields = [str(i) for i in range(30)], sorted(orgs), [f"esv:/{i}" for i in range(200)]
    projects = {}
    for p in range(550):
        members = sorted(set(rng.sample(popular, 3) + rng.sample(everyone, rng.choice([3, 8, 12, 60]))))
        projects[str(p)] = {"start": "2023-01-01", "sectors": [fields[p % 200]],
                            "partners": [(pic, "participant") for pic in members]}
    big = RecommenderIndex(cordis_graph(embedded_server, orgs, projects, sectors=dict.fromkeys(fields, "")))
    found = recommend(big, [org("0"), org("1234")], Requirements(sectors=(fields[0],), add_places=("FI",)))
    assert len(found) == 10 and np.isfinite([c.score for c in found]).all()
    scores = [c.score for c in found]
    assert scores == sorted(scores, reverse=True) and not {org("0"), org("1234")} & {c.key for c in found}
