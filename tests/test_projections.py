"""Projections of the store's graph: collaboration weights, filters and aggregates.

Every graph here is the real `to_networkx` output of an embedded store: small hand-picked networks are
written through the one writer, and one test runs on the committed fixture network.
"""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from graph.analytics.projections import Projection, incidence, participations, project
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import to_networkx
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from tests.conftest import open_fixture_network

SOURCE = ("test:projections",)
_graphs = itertools.count()


def cordis_records(organisations: dict[str, dict], projects: dict[str, dict], *,
                   sectors: dict[str, str] | None = None,
                   programmes: dict[str, str] | None = None) -> tuple[list[NodeRecord], list[RelRecord]]:
    """Records of a network shaped like a CORDIS load (the loader's property names).

    `organisations`: pic -> name, country, nuts, sme, cluster (bool). `projects`: grant -> acronym, start,
    end, programmes, sectors, partners [(pic, role), ...]. `sectors` / `programmes`: id -> parent id
    (or "") for the PART_OF hierarchy and names.
    """
    nodes: dict[tuple[str, str], NodeRecord] = {}
    rels: list[RelRecord] = []

    def node(label: str, node_id: str, name: str, extra: tuple[str, ...] = (), **props) -> None:
        props = {k: v for k, v in props.items() if v is not None}
        nodes.setdefault((label, node_id), NodeRecord(label, node_id, name, SOURCE, extra, props))

    for pic, org in organisations.items():
        node("Organisation", f"pic:{pic}", org["name"], ("Cluster",) * bool(org.get("cluster")) +
             ("SME",) * bool(org.get("sme")), country=org["country"], nuts_code=org.get("nuts"),
             sme=bool(org.get("sme")))
        place = org.get("nuts") or org["country"]
        kind = "Region" if len(place) > 2 else "Country"
        node(kind, place, org.get("place_name", place))
        rels.append(RelRecord("LOCATED_IN", "Organisation", f"pic:{pic}", kind, place, SOURCE))
    for kind, tree in (("Sector", sectors or {}), ("Programme", programmes or {})):
        for node_id, parent in tree.items():
            node(kind, node_id, node_id.rsplit("/", 1)[-1])
            if parent:
                rels.append(RelRecord("PART_OF", kind, node_id, kind, parent, SOURCE))
    for grant, p in projects.items():
        node("Project", f"cordis:{grant}", p.get("acronym", grant), acronym=p.get("acronym", grant),
             start_date=p.get("start"), end_date=p.get("end"))
        for order, (pic, role) in enumerate(p["partners"], start=1):
            rels.append(RelRecord("PARTICIPATES_IN", "Organisation", f"pic:{pic}", "Project", f"cordis:{grant}",
                                  SOURCE, {"role": role, "order": order,
                                           "contribution": p.get("contribution", 1000.0)}, key=str(order)))
        rels += [RelRecord("FUNDED_BY", "Project", f"cordis:{grant}", "Programme", programme, SOURCE)
                 for programme in p.get("programmes", ())]
        rels += [RelRecord("ACTIVE_IN", "Project", f"cordis:{grant}", "Sector", sector, SOURCE)
                 for sector in p.get("sectors", ())]
    return list(nodes.values()), rels


def stored_graph(server_path, nodes: list[NodeRecord], rels: list[RelRecord]) -> nx.MultiDiGraph:
    """Write the records into a fresh graph of the embedded server; its `to_networkx`, the graph dropped."""
    store = FalkorDBStore(server_path, f"projections_{next(_graphs)}")
    try:
        store.setup_schema()
        write_records(store, nodes, rels)
        return to_networkx(store)
    finally:
        store.clear()
        store.close()


def cordis_graph(server_path, organisations: dict[str, dict], projects: dict[str, dict],
                 **trees: dict[str, str]) -> nx.MultiDiGraph:
    """`to_networkx` of a store holding `cordis_records(organisations, projects, **trees)`."""
    return stored_graph(server_path, *cordis_records(organisations, projects, **trees))


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


@pytest.fixture(scope="module")
def graph(embedded_server) -> nx.MultiDiGraph:
    return cordis_graph(embedded_server, ORGS, PROJECTS, sectors=SECTORS, programmes=PROGRAMMES)


def org(pic: str) -> str:
    return f"Organisation:pic:{pic}"


def assert_weights_are_networkx_bipartite_projections(G: nx.MultiDiGraph) -> None:
    ours = project(G)
    B = project(G, Projection(kind="bipartite"))
    nodes = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    newman = bipartite.collaboration_weighted_projected_graph(B, nodes)
    shared = bipartite.weighted_projected_graph(B, nodes)
    assert set(map(frozenset, ours.edges())) == set(map(frozenset, newman.edges()))
    for u, v, attrs in ours.edges(data=True):
        assert attrs["weight"] == shared.edges[u, v]["weight"]
        assert attrs["newman"] == pytest.approx(newman.edges[u, v]["weight"])


def test_organisation_weights_equal_networkx_bipartite_projections(embedded_server):
    rng = random.Random(4)
    orgs = {str(i): {"name": f"ORG {i}", "country": "SE"} for i in range(60)}
    projects = {str(100 + p): {"partners": [(pic, "participant")
                                            for pic in rng.sample(sorted(orgs), rng.randint(1, 12))]}
                for p in range(40)}
    assert_weights_are_networkx_bipartite_projections(cordis_graph(embedded_server, orgs, projects))


def test_the_fixture_network_projects_like_networkx(embedded_server):
    store = open_fixture_network(embedded_server, "projections_fixture")
    try:
        G = to_networkx(store)
    finally:
        store.clear()
        store.close()
    assert project(G).number_of_edges() > 100
    assert_weights_are_networkx_bipartite_projections(G)


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


def test_horizon_2020_partners_can_be_chosen_by_role(embedded_server):
    projects = {"30": {"partners": [("1", "coordinator"), ("2", "partner"), ("3", "partner"), ("4", "participant")]}}
    G = stored_graph(embedded_server, *cordis_records(ORGS, projects))
    assert sorted(project(G, Projection(roles=("partner",)))) == [org("2"), org("3")]


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


def test_cluster_aggregate_groups_members_and_seed_clusters(embedded_server):
    orgs = {**ORGS, "6": {"name": "OSLO CANCER CLUSTER", "country": "NO", "cluster": True}}
    projects = {"20": {"partners": [("6", "coordinator"), ("1", "participant")]},
                "21": {"partners": [("4", "participant"), ("2", "participant")]}}
    nodes, rels = cordis_records(orgs, projects)
    nodes += [NodeRecord("Cluster", "occ", "Oslo Cancer Cluster", SOURCE),
              NodeRecord("Cluster", "nce", "NCE Seafood", SOURCE)]
    rels += [RelRecord("SAME_AS", "Cluster", "occ", "Organisation", "pic:6", SOURCE),
             RelRecord("MEMBER_OF", "Organisation", "pic:4", "Cluster", "nce", SOURCE),
             RelRecord("MEMBER_OF", "Organisation", "pic:1", "Cluster", "nce", SOURCE)]
    G = stored_graph(embedded_server, nodes, rels)
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
