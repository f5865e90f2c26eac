"""Facts derived after every load, whichever loader wrote the data (loaders.derived, via the load pipeline).

A user's own participation table, loaded by the generic loader, gets what the CORDIS loader's data gets:
activity counts (so `projects/coordinators` lists its coordinators, whatever the case or language of the
role), SME labels and projects' SME shares, and its cluster organisations made Clusters (label and kind),
which the Overview counts, the filters and the colours then see. A re-run derives nothing.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from graph.store.reads import to_networkx
from graph.views.filters import DEFAULT_KINDS, Filters, filter_graph
from graph.views.render import KIND_COLOURS, to_html
from graph.views.store_views import SHARED, explore_view, filter_options, is_clusters_view, names_of, node_counts
from loaders.pipeline import derive_facts, run_load
from queries.catalogue import load_catalogue
from queries.runner import run_saved

MAPPING = """
    name = "grants"

    [[nodes]]
    file = "projects.csv"
    label = "Project"
    id = "project"
    name = "title"

    [[nodes]]
    file = "organisations.csv"
    label = "Organisation"
    id = "org"
    name = "name"

    [nodes.properties]
    country = "country"
    sme = { column = "sme", type = "bool" }

    [[relationships]]
    file = "participations.csv"
    type = "PARTICIPATES_IN"
    start = { label = "Organisation", column = "org" }
    end = { label = "Project", column = "project" }

    [relationships.properties]
    role = "role"
    contribution = { column = "amount", type = "float" }
"""
FILES = {
    "projects.csv": """
        project,title
        p1,Ocean sensors
        p2,Cluster growth
    """,
    "organisations.csv": """
        org,name,country,sme
        o1,Vestlandsklyngen,NO,nei
        o2,Universitetet i Bergen,NO,nei
        o3,Fjord Sensor AS,NO,ja
        o4,Havbruk Data AS,NO,ja
    """,
    "participations.csv": """
        project,org,role,amount
        p1,o2,Koordinator,100
        p1,o3,partner,50
        p1,o4,partner,25
        p2,o1,COORDINATOR,80
        p2,o3,partner,20
    """,
}


def write_grants(folder: Path) -> Path:
    (folder / "mapping.toml").write_text(textwrap.dedent(MAPPING).lstrip(), encoding="utf-8")
    for name, text in FILES.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return folder / "mapping.toml"


@pytest.fixture
def grants(embedded_store, tmp_path):
    """A user's participation table loaded through the pipeline (as the CLI and the Data page load it)."""
    mapping = write_grants(tmp_path)
    report = run_load(embedded_store, "csv", mapping)
    return embedded_store, mapping, report


def nodes_of(store) -> dict[str, dict]:
    return dict(to_networkx(store).nodes(data=True))


def test_a_users_table_gets_activity_counts_and_its_coordinators_are_listed(grants):
    store, _, report = grants
    assert any(said.startswith("activity counts: 4 organisation(s)") for said in report.derived)
    _, _, result = run_saved(store, load_catalogue(None), "projects/coordinators", {})
    assert [(r["coordinator"], r["projects"], r["partners"]) for r in result.records()] == [
        ("Universitetet i Bergen", 1, 2), ("Vestlandsklyngen", 1, 1)]
    bergen = nodes_of(store)["Organisation:o2"]
    assert (bergen["participations"], bergen["projects"], bergen["contribution_total"]) == (1, 1, 100.0)


def test_smes_are_labelled_from_their_flag_and_projects_get_their_sme_share(grants):
    store, _, report = grants
    nodes = nodes_of(store)
    assert "SME" in nodes["Organisation:o3"]["labels"] and "SME" not in nodes["Organisation:o2"]["labels"]
    assert (nodes["Project:p1"]["participants"], nodes["Project:p1"]["smes"]) == (3, 2)
    assert nodes["Project:p1"]["sme_share"] == pytest.approx(2 / 3)
    assert nodes["Project:p2"]["sme_share"] == pytest.approx(1 / 2)
    assert any(said.startswith("SMEs: 2 organisation(s) labelled") for said in report.derived)


def test_a_users_table_opens_explore_on_the_clusters_view(grants):
    store, _, _ = grants
    options = filter_options(store)
    assert "QualityLabel" not in options.kinds and "Sector" not in options.kinds  # kinds the table lacks
    default = Filters(tuple(k for k in DEFAULT_KINDS if k in options.kinds))  # the sidebar's default
    assert is_clusters_view(store, default)
    view = explore_view(store, default)
    assert "Cluster:o1" in view and "Organisation:o3" in view  # the cluster and its partner
    assert [d["type"] for _, _, d in view.edges(data=True)].count(SHARED) == 1  # p2, shared by o1 and o3
    assert "Project:p1" not in view  # not every node: the clusters view
    assert not is_clusters_view(store, Filters(tuple(k for k in default.kinds if k != "Project")))
    assert not is_clusters_view(store, default, focus=("Organisation:o2",))


def test_a_project_whose_participants_say_nothing_of_sme_has_no_share(embedded_store, tmp_path):
    mapping = write_grants(tmp_path)  # and a project whose one participant leaves its sme cell empty
    with open(tmp_path / "projects.csv", "a", encoding="utf-8") as f:
        f.write("p3,Unknown sizes\n")
    with open(tmp_path / "organisations.csv", "a", encoding="utf-8") as f:
        f.write("o5,Ukjent AS,NO,\n")
    with open(tmp_path / "participations.csv", "a", encoding="utf-8") as f:
        f.write("p3,o5,partner,10\n")
    report = run_load(embedded_store, "csv", mapping)
    nodes = nodes_of(embedded_store)
    assert (nodes["Project:p3"]["participants"], nodes["Project:p3"]["smes"]) == (1, 0)
    assert "sme_share" not in nodes["Project:p3"]  # unknown, not 0%
    assert any(said.endswith("project(s) given their participant and SME counts (and their SME share where a "
                             "participant says whether it is one)") for said in report.derived)
    assert nodes["Project:p1"]["sme_share"] == pytest.approx(2 / 3)
    assert derive_facts(embedded_store) == []  # and a re-run derives nothing


def test_a_users_cluster_organisation_is_a_cluster_in_counts_filters_and_colours(grants):
    store, _, _ = grants
    klynge = nodes_of(store)["Cluster:o1"]  # its key follows its kind; merged by its id as an Organisation
    assert klynge["kind"] == "Cluster" and {"Cluster", "Organisation"} <= set(klynge["labels"])
    assert klynge["cluster_rule"] == "pattern:klynge"
    assert node_counts(store).kinds["Cluster"] == 1 and node_counts(store).kinds["Organisation"] == 3
    assert "Cluster" in filter_options(store).kinds
    graph = to_networkx(store)
    only_clusters = filter_graph(graph, Filters(kinds=("Cluster",)))
    assert list(only_clusters.nodes) == ["Cluster:o1"]
    assert KIND_COLOURS["Cluster"] in to_html(only_clusters)
    assert names_of(store, ["Organisation:o1"]) == {"Cluster:o1": "Vestlandsklyngen"}  # an old link still finds it


def test_running_the_same_load_again_writes_and_derives_nothing(grants):
    store, mapping, _ = grants
    before = nodes_of(store)
    again = run_load(store, "csv", mapping)
    assert again.derived == []
    assert (again.summary.created, again.summary.updated, again.summary.unchanged) == (0, 0, 9)  # 6 + 3 sources
    after = nodes_of(store)
    assert {k: v for k, v in after.items() if not k.startswith("Load:")} == \
        {k: v for k, v in before.items() if not k.startswith("Load:")}


def test_clusters_stored_with_another_kind_are_mended_by_the_next_derivation(grants):
    store, _, _ = grants
    store.write("MATCH (o:Cluster) SET o.kind = 'Organisation'")  # as loads before kinds followed labels left them
    store.write("MATCH (o:Organisation {id: 'o2'}) SET o.name = 'Bergen Havklynge'")  # renamed by hand
    said = derive_facts(store)
    assert said == ["cluster detection: 2 organisation(s) made Clusters (label and kind), by their names: Bergen "
                    "Havklynge (pattern:klynge) (the rules: docs/cluster_detection.md)"]  # one newly, one mended
    nodes = nodes_of(store)
    assert nodes["Cluster:o1"]["kind"] == nodes["Cluster:o2"]["kind"] == "Cluster"
    assert nodes["Cluster:o2"]["cluster_rule"] == "pattern:klynge"
    assert derive_facts(store) == []


def test_hand_checked_non_clusters_among_the_seeds_stay_organisations(embedded_store):
    run_load(embedded_store, "seeds")
    nodes = nodes_of(embedded_store)
    assert nodes["Organisation:esca"]["kind"] == "Organisation"  # it awards cluster labels; it is no cluster
    assert "Cluster" not in nodes["Organisation:eccp"]["labels"]
    assert all(d["kind"] == "Cluster" for d in nodes.values() if "Cluster" in d["labels"])
