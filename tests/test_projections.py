"""Projections of the store's graph: collaboration weights, filters and aggregates, on hand-built graphs."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from graph.analytics.projections import Projection, incidence, participations, project


def cordis_graph(organisations: dict[str, dict], projects: dict[str, dict], *, sectors: dict[str, str] | None = None,
                 programmes: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """A graph shaped like `to_networkx` of a CORDIS load.

    `organisations`: pic -> name, country, nuts, sme, cluster (bool). `projects`: grant -> acronym, start,
    end, programmes, sectors, partners [(pic, role), ...]. `sectors` / `programmes`: id -> parent id
    (or "") for the PART_OF hierarchy and names.
    """
    G = nx.MultiDiGraph()
    for pic, org in organisations.items():
        labels = ["Organisation"] + ["Cluster"] * bool(org.get("cluster")) + ["SME"] * bool(org.get("sme"))
        key = f"Organisation:pic:{pic}"
        G.add_node(key, id=f"pic:{pic}", kind="Organisation", labels=labels, name=org["name"],
                   country=org["country"], nuts_code=org.get("nuts"), sme=bool(org.get("sme")))
        place = org.get("nuts") or org["country"]
        kind = "Region" if len(place) > 2 else "Country"
        G.add_node(f"{kind}:{place}", id=place, kind=kind, name=org.get("place_name", place))
        G.add_edge(key, f"{kind}:{place}", type="LOCATED_IN")
    for kind, tree in (("Sector", sectors or {}), ("Programme", programmes or {})):
        for node_id, parent in tree.items():
            G.add_node(f"{kind}:{node_id}", id=node_id, kind=kind, name=node_id.rsplit("/", 1)[-1])
            if parent:
                G.add_edge(f"{kind}:{node_id}", f"{kind}:{parent}", type="PART_OF")
    for grant, p in projects.items():
        key = f"Project:cordis:{grant}"
        G.add_node(key, id=f"cordis:{grant}", kind="Project", name=p.get("acronym", grant),
                   acronym=p.get("acronym", grant), start_date=p.get("start"), end_date=p.get("end"))
        for order, (pic, role) in enumerate(p["partners"], start=1):
            G.add_edge(f"Organisation:pic:{pic}", key, key=f"PARTICIPATES_IN:{order}", type="PARTICIPATES_IN",
                       role=role, order=order, contribution=p.get("contribution", 1000.0))
        for programme in p.get("programmes", ()):
            G.add_edge(key, f"Programme:{programme}", type="FUNDED_BY")
        for sector in p.get("sectors", ()):
            G.add_edge(key, f"Sector:{sector}", type="ACTIVE_IN")
    return G


ORGS = {
    "1": {"name": "LUNDS UNIVERSITET", "country": "SE", "nuts": "SE224"},
    "2": {"name": "VTT", "country": "FI", "nuts": "FI1B1"},
    "3": {"name": "AALTO", "country": "FI", "nuts": "FI1B1"},
    "4": {"name": "SINTEF", "country": "NO", "nuts": "NO081"},
    "5": {"name": "MIT", "country": "US"},
}
PROJECTS = {
    "10": {"start": "2022-01-01", "end": "2024-12-31", "programmes": ["lb:HORIZON.2.5.1"],
           "sectors": ["esv:/25/67/425"],
           "partners": [("1", "coordinator"), ("2", "participant"), ("3", "participant")]},
    "11": {"start": "2024-03-01", "end": "2026-02-28", "programmes": ["lb:HORIZON.1.1"],
           "sectors": ["esv:/21/33"],
           "partners": [("2", "coordinator"), ("4", "participant"), ("5", "thirdParty")]},
    "12": {"start": "2023-06-01", "end": "2025-05-31", "programmes": ["lb:HORIZON.2.5"],
           "sectors": ["esv:/25/67"], "partners": [("1", "participant"), ("2", "participant"),
                                                   ("2", "associatedPartner")]},
}
SECTORS = {"esv:/25": "", "esv:/25/67": "esv:/25", "esv:/25/67/425": "esv:/25/67",
           "esv:/21": "", "esv:/21/33": "esv:/21"}
PROGRAMMES = {"fp:HORIZON": "", "lb:HORIZON.2.5": "fp:HORIZON", "lb:HORIZON.2.5.1": "lb:HORIZON.2.5",
              "lb:HORIZON.1.1": "fp:HORIZON"}


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return cordis_graph(ORGS, PROJECTS, sectors=SECTORS, programmes=PROGRAMMES)


def org(pic: str) -> str:
    return f"Organisation:pic:{pic}"


def test_organisation_weights_equal_networkx_bipartite_projections():
    rng = random.Random(4)
    orgs = {str(i): {"name": f"ORG {i}", "country": "SE"} for i in range(60)}
    projects = {str(100 + p): {"partners": [(pic, "participant")
                                            for pic in rng.sample(sorted(orgs), rng.randint(1, 12))]}
                for p in range(40)}
    ours = project(cordis_graph(orgs, projects))
    B = project(cordis_graph(orgs, projects), Projection(kind="bipartite"))
    nodes = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    newman = bipartite.collaboration_weighted_projected_graph(B, nodes)
    shared = bipartite.weighted_projected_graph(B, nodes)
    assert set(map(frozenset, ours.edges())) == set(map(frozenset, newman.edges()))
    for u, v, attrs in ours.edges(data=True):
        assert attrs["weight"] == shared.edges[u, v]["weight"]
        assert attrs["newman"] == pytest.approx(newman.edges[u, v]["weight"])


def test_an_organisation_listed_twice_in_a_project_counts_once_with_its_best_role(graph):
    members = participations(graph)["Project:cordis:12"]
    assert members[org("2")] == {"role": "participant", "contribution": 2000.0}
    assert project(graph).edges[org("1"), org("2")] == {"weight": 2, "newman": 1.5}


def test_time_window_keeps_projects_running_in_it(graph):
    assert sorted(participations(graph, Projection(end="2023-12-31"))) == ["Project:cordis:10", "Project:cordis:12"]
    assert sorted(participations(graph, Projection(start="2025-01-01"))) == ["Project:cordis:11", "Project:cordis:12"]
    assert sorted(participations(graph, Projection(start="2024-01-01", end="2024-02-01"))) == [
        "Project:cordis:10", "Project:cordis:12"]


def test_programme_filter_includes_sub_programmes(graph):
    kept = participations(graph, Projection(programmes=("lb:HORIZON.2.5",)))
    assert sorted(kept) == ["Project:cordis:10", "Project:cordis:12"]
    assert sorted(participations(graph, Projection(programmes=("Programme:fp:HORIZON",)))) == sorted(
        participations(graph))


def test_unknown_programme_is_an_error_that_names_it(graph):
    with pytest.raises(ValueError, match="lb:HORIZON.9"):
        participations(graph, Projection(programmes=("lb:HORIZON.9",)))


def test_sector_filter_includes_sub_fields(graph):
    assert sorted(participations(graph, Projection(sectors=("esv:/25",)))) == ["Project:cordis:10", "Project:cordis:12"]
    assert sorted(participations(graph, Projection(sectors=("esv:/25/67/425",)))) == ["Project:cordis:10"]


def test_country_filter_keeps_only_organisations_located_there(graph):
    finnish = project(graph, Projection(countries=("FI",)))
    assert sorted(finnish) == [org("2"), org("3")]
    assert finnish.edges[org("2"), org("3")]["weight"] == 1


def test_role_filter(graph):
    assert org("5") not in project(graph, Projection(roles=("coordinator", "participant")))


def test_country_aggregate_counts_collaborations_projects_and_internal_ties(graph):
    countries = project(graph, Projection(kind="country"))
    assert sorted(countries) == ["Country:FI", "Country:NO", "Country:SE", "Country:US"]
    # SE-FI: Lund with VTT in 10 and 12, with Aalto in 10: three collaborations in two projects, each
    # project joining two countries (Newman: 1 / (2 - 1) each).
    assert countries.edges["Country:SE", "Country:FI"] == {"weight": 3, "projects": 2, "newman": 2.0}
    assert countries.nodes["Country:FI"]["internal"] == 1  # VTT with Aalto in project 10
    assert countries.nodes["Country:FI"]["organisations"] == 2
    assert countries.nodes["Country:FI"]["projects"] == 3


def test_region_aggregate_cuts_nuts_codes_to_the_level_and_leaves_out_unplaced(graph):
    regions = project(graph, Projection(kind="region", region_level=2))
    assert sorted(regions) == ["Region:FI1B", "Region:NO08", "Region:SE22"]
    assert regions.edges["Region:FI1B", "Region:SE22"]["weight"] == 3


def test_cluster_aggregate_groups_members_and_seed_clusters():
    orgs = {**ORGS, "6": {"name": "OSLO CANCER CLUSTER", "country": "NO", "cluster": True}}
    projects = {"20": {"partners": [("6", "coordinator"), ("1", "participant")]},
                "21": {"partners": [("4", "participant"), ("2", "participant")]}}
    G = cordis_graph(orgs, projects)
    G.add_node("Cluster:occ", id="occ", kind="Cluster", name="Oslo Cancer Cluster")
    G.add_node("Cluster:nce", id="nce", kind="Cluster", name="NCE Seafood")
    G.add_edge("Cluster:occ", org("6"), type="SAME_AS")
    G.add_edge(org("4"), "Cluster:nce", type="MEMBER_OF")
    G.add_edge(org("1"), "Cluster:nce", type="MEMBER_OF")
    clusters = project(G, Projection(kind="cluster"))
    assert sorted(clusters) == ["Cluster:nce", "Cluster:occ"]
    assert clusters.nodes["Cluster:occ"]["name"] == "Oslo Cancer Cluster"
    assert clusters.edges["Cluster:occ", "Cluster:nce"] == {"weight": 1, "projects": 1, "newman": 1.0}


def test_bipartite_graph_carries_roles_and_contributions(graph):
    B = project(graph, Projection(kind="bipartite"))
    assert B.edges[org("1"), "Project:cordis:10"] == {"role": "coordinator", "contribution": 1000.0}
    assert B.nodes["Project:cordis:10"]["bipartite"] == 1 and B.nodes[org("1")]["bipartite"] == 0


def test_incidence_counts_coordinated_projects(graph):
    inc = incidence(graph)
    assert dict(zip(inc.organisations, inc.coordinated.tolist(), strict=True))[org("2")] == 1
    assert inc.matrix.shape == (5, 3)


def test_projection_spec_is_frozen_normalised_and_describable():
    spec = Projection(countries=["SE", "FI"], programmes="Programme:lb:HORIZON.2.5", end="2023-12-31")
    assert spec.countries == ("FI", "SE") and spec.programmes == ("lb:HORIZON.2.5",)
    assert spec.describe() == "organisation end=2023-12-31 programmes=lb:HORIZON.2.5 countries=FI,SE"
    with pytest.raises(AttributeError):
        spec.kind = "country"


@pytest.mark.parametrize("bad, message", [
    ({"kind": "city"}, "unknown projection"), ({"start": "2023-13-01"}, "month"),
    ({"roles": ("leader",)}, "unknown role"), ({"region_level": 4}, "NUTS level"),
])
def test_projection_spec_rejects_what_it_cannot_mean(bad, message):
    with pytest.raises(ValueError, match=message):
        Projection(**bad)


def test_projection_records_its_spec(graph):
    spec = Projection(end="2023-12-31")
    assert project(graph, spec).graph["projection"] == spec
