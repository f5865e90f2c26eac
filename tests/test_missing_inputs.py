"""No silent empties: requirement checks on real stores missing inputs, and the messages the CLI prints.

Stores are real embedded graphs loaded by the real loaders: the members example (no projects at all),
the near-miss fixture (projects, but `start` instead of `start_date`, `Country` instead of `country`)
and the fixture network (seeds, NUTS and CORDIS fixtures).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.analytics.needs import (
    projection_needs,
    recommender_needs,
    why_empty_projection,
    why_gap_unfilled,
    why_no_candidates,
)
from graph.analytics.projection_spec import Projection
from graph.analytics.recommend import RecommenderIndex, recommend
from graph.errors import NotFound
from graph.store.falkordb_store import FalkorDBStore
from graph.store.requirements import Requirement, absent_countries, missing_inputs, present
from graph.store.resolve import resolve_node
from graph.store.writer import write_records
from loaders.mapping_contract import feature_report
from loaders.pipeline import run_load
from queries.catalogue import load_catalogue
from queries.missing import why_empty
from queries.runner import folded_params
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES, fixture_network

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = ROOT / "examples" / "members" / "mapping.toml"
NEAR_MISS = FIXTURES / "contract_near_miss" / "mapping.toml"


@pytest.fixture(scope="module")
def members_store(embedded_server):
    """The members example alone: clusters, organisations, people; no project."""
    store = FalkorDBStore(embedded_server, "contract_members")
    store.clear()
    store.setup_schema()
    run_load(store, "csv", MEMBERS)
    yield store
    store.clear()
    store.close()


@pytest.fixture(scope="module")
def near_miss_store(embedded_server):
    store = FalkorDBStore(embedded_server, "contract_near_miss")
    store.clear()
    store.setup_schema()
    run_load(store, "csv", NEAR_MISS)
    yield store
    store.clear()
    store.close()


network_store = fixture_network("contract_network", "network_store")


def test_a_missing_property_says_how_to_add_it(near_miss_store):
    (gap,) = missing_inputs(near_miss_store, "Project, PARTICIPATES_IN, Project.start_date")
    assert gap.item == "Project.start_date"
    assert gap.message == ("no Project has `start_date`: map a column to `start_date` (date) in a [[nodes]] "
                           "table of Project")


def test_places_without_coordinates_are_pointed_at_nuts_first(near_miss_store):
    (gap,) = missing_inputs(near_miss_store, "Region.lat | Country.lat | Organisation.lat")
    assert gap.message.startswith("no Region has `lat`, and no Country has `lat`, and no Organisation has `lat`: "
                                  "load NUTS regions (`cluster-explorer load sample`, or `load nuts` with GISCO's "
                                  "files) to place NUTS codes, or map a column to `lat` (float) in a [[nodes]] "
                                  "table of Region")
    assert "or map a column to `lat` (float) in a [[nodes]] table of Organisation" in gap.message
    assert gap.message.count("load NUTS regions") == 1, gap.message  # each way once: it had been said three times


def test_either_alternative_satisfies_an_item(near_miss_store, network_store):
    needs = "Organisation.country | LOCATED_IN"
    (gap,) = missing_inputs(near_miss_store, needs)
    assert "no Organisation has `country`, and no LOCATED_IN relationship" in gap.message
    assert missing_inputs(network_store, needs) == []


def test_a_relationship_of_a_label_is_asked_of_that_label(embedded_store, network_store):
    """Clusters placed nowhere while organisations are: `LOCATED_IN` alone was satisfied, and clusters/overview by
    country came out empty without a word (`Cluster>LOCATED_IN` asks it of a cluster)."""
    from graph.store.records import NodeRecord, RelRecord
    from graph.store.writer import write_records

    write_records(embedded_store, [NodeRecord("Cluster", "c1", "Unplaced Cluster", ("user:t/c.csv",)),
                                   NodeRecord("Organisation", "o1", "Placed AB", ("user:t/o.csv",)),
                                   NodeRecord("Country", "SE", "Sweden", ("user:t/o.csv",))],
                  [RelRecord("LOCATED_IN", "Organisation", "o1", "Country", "SE", ("user:t/o.csv",))])
    needs = "Cluster.country | Cluster>LOCATED_IN"
    (gap,) = missing_inputs(embedded_store, needs)
    assert gap.message == ("no Cluster has `country`, and no Cluster has a LOCATED_IN relationship: map a column to "
                           "`country` (string) in a [[nodes]] table of Cluster; or map `located_in` (a country or "
                           "region column) in a [[nodes]] table of Cluster")
    assert missing_inputs(network_store, needs) == []  # the seeds' clusters are placed
    query = load_catalogue().get("clusters/overview")
    assert "no Cluster has a LOCATED_IN relationship" in why_empty(embedded_store, query, {"country": "SE"})


def test_missing_labels_and_types_are_named(members_store):
    gaps = {g.item: g.message for g in missing_inputs(members_store, "Cluster, Project, PARTICIPATES_IN")}
    assert set(gaps) == {"Project", "PARTICIPATES_IN"}
    assert 'map a [[relationships]] table with type = "PARTICIPATES_IN" (Cluster / Organisation -> Project)' \
        in gaps["PARTICIPATES_IN"]


def test_a_derived_property_says_what_sets_it(members_store):
    (gap,) = missing_inputs(members_store, Requirement.parse("Organisation.$metric"), {"metric": "pagerank"})
    assert "no Organisation has `pagerank`: it is written by `metrics compute --write`" in gap.message


def test_answers_are_cached_per_data_version(embedded_server):
    store = FalkorDBStore(embedded_server, "contract_versions")
    store.clear()
    store.setup_schema()
    try:
        assert not present(store, "Sector")
        from graph.store.records import NodeRecord

        write_records(store, [NodeRecord("Sector", "iot", "Internet of things", ("test",))], [])
        assert present(store, "Sector")  # a write changes the data version: asked again, not the old answer
    finally:
        store.clear()
        store.close()


def test_every_saved_query_that_comes_out_empty_on_the_members_says_why(members_store):
    catalogue = load_catalogue()
    silent = []
    for name, query in sorted(catalogue.queries.items()):
        params = {**{p.name: p.default for p in query.params}, **query.example}
        params |= folded_params(query.cypher, params)  # the runner gives `$x_folded` too
        if members_store.read(query.cypher, params, row_cap=1).rows:
            continue
        if why_empty(members_store, query, params) is None:
            silent.append(name)
    assert silent == []


def test_a_value_no_node_has_is_named(network_store):
    query = load_catalogue().get("collaboration/cross-border")
    message = why_empty(network_store, query, {"first": "SE", "second": "XX"})
    assert 'no Organisation has `country` = "XX": check the value, or map a column to `country`' in message
    assert '= "SE"' not in message
    in_projects = load_catalogue().get("clusters/in-projects")
    assert missing_inputs(network_store, in_projects.requires, {"country": "any"}) == []



def test_the_features_a_store_enables(near_miss_store, network_store):
    enabled, missing = feature_report(near_miss_store)
    assert "collaboration network" in enabled and "roles" in enabled
    assert "time window" in missing and "countries" in missing
    enabled, missing = feature_report(network_store)
    assert {"time window", "countries", "regions", "clusters", "sectors", "quality labels"} <= set(enabled)


def test_each_projection_and_the_recommender_declare_their_inputs():
    assert projection_needs(Projection(kind="region", start="2020-01-01")).items == (
        ("Organisation",), ("Project",), ("PARTICIPATES_IN",), ("Organisation.nuts_code", "LOCATED_IN"),
        ("Project.start_date",))
    assert ("Sector",) in recommender_needs(sectors=True).items
    assert ("QualityLabel.level",) in recommender_needs(min_label=True).items


def test_a_country_no_organisation_is_in_is_named(network_store):
    assert absent_countries(network_store, ["SE", "XX"]) == ["XX"]
    message = why_empty_projection(network_store, Projection(countries=("XX",)))
    assert "no organisation is in XX" in message and "map a column to `country`" in message
    assert why_empty_projection(network_store, Projection(countries=("SE",))) is None


def test_no_candidates_for_lack_of_projects_says_so(members_store):
    message = why_no_candidates(members_store, recommender_needs())
    assert message.startswith("the recommendation is empty because its inputs are missing")
    assert "no Project node" in message


def test_a_candidate_of_unknown_country_never_gets_an_empty_reason():
    G = nx.MultiDiGraph()
    for org, country, projects in (("a", "SE", ["p1"]), ("b", None, ["p1", "p2"]), ("c", None, ["p2"])):
        G.add_node(f"Organisation:{org}", kind="Organisation", name=org.upper(), **({"country": country} if country
                                                                                   else {}))
        for p in projects:
            G.add_node(f"Project:{p}", kind="Project", name=p)
            G.add_edge(f"Organisation:{org}", f"Project:{p}", type="PARTICIPATES_IN", role="participant")
    (candidate,) = recommend(RecommenderIndex(G), ["Organisation:a"])
    assert candidate.key == "Organisation:c"
    assert candidate.reasons and all(r.strip() not in ("adds", "in , as asked") for r in candidate.reasons)
    assert not any(r.endswith("adds ") or r == "adds" for r in candidate.reasons)


# The CLI: the same messages on stderr, exit code 0.

def test_cli_queries_run_says_which_inputs_are_missing(members_store, embedded_server):
    result = invoke(cli_env(embedded_server, "contract_members"), "queries", "run", "projects/coordinators")
    assert result.exit_code == 0
    assert "projects/coordinators is empty because its inputs are missing" in result.stderr
    assert "no PARTICIPATES_IN relationship has `role`: map a column to `role`" in result.stderr
    assert "docs/mapping.md#the-semantic-contract-what-each-feature-reads" in result.stderr
    assert "is empty" not in result.stdout


def test_cli_queries_show_lists_what_a_query_requires(members_store, embedded_server):
    result = invoke(cli_env(embedded_server, "contract_members"), "queries", "show", "projects/coordinators")
    assert "requires: PARTICIPATES_IN.role, Organisation.coordinated_projects" in result.stdout


def test_cli_metrics_for_a_country_with_no_organisation(network_store, embedded_server):
    result = invoke(cli_env(embedded_server, "contract_network"), "metrics", "compute", "--country", "PT",
                    "--metric", "degree")
    assert result.exit_code == 0
    assert result.stdout == "projection organisation: 0 nodes, 0 edges; no metric to show\n"  # no empty tables
    assert "no organisation is in PT" in result.stderr


def test_cli_metrics_start_without_start_date(near_miss_store, embedded_server):
    result = invoke(cli_env(embedded_server, "contract_near_miss"), "metrics", "top", "degree", "--start",
                    "2020-01-01")
    assert result.exit_code == 0
    assert "no Project has `start_date`: map a column to `start_date` (date)" in result.stderr
    assert result.stdout == ""  # the reason alone, not an empty ranking after it


def test_cli_recommend_without_projects(members_store, embedded_server):
    result = invoke(cli_env(embedded_server, "contract_members"), "recommend", "--for", "Cluster:iot-world",
                    "--candidates", "organisations")  # a cluster alone would rank partner clusters
    assert result.exit_code == 0
    assert "no PARTICIPATES_IN relationship" in result.stderr


def test_cli_consortium_gap_says_why_no_one_fills_it(near_miss_store, network_store, embedded_server):
    result = invoke(cli_env(embedded_server, "contract_near_miss"), "recommend", "--for", "Fjordtech AS",
                    "--sme-share", "0.5", "--min-countries", "1")  # no organisation says whether it is an SME
    assert result.exit_code == 0, result.stderr
    assert ("gap (sme_share): SME status unknown for 1 partner (Fjordtech AS); the call asks for 50%, judged on the "
            "partners whose status is known (none): 1 more SME") in result.stdout
    assert "    no organisation in the graph fills it (of those taking part in projects" in result.stdout
    assert "the sme_share gap's list of candidates is empty because its inputs are missing" in result.stderr
    assert "no SME node, and no Organisation has `sme`" in result.stderr
    assert "no Organisation has `country`" in why_gap_unfilled(near_miss_store, "countries")  # `Country` mapped
    assert "no ACTIVE_IN relationship" in why_gap_unfilled(near_miss_store, "role:Sector:esv:/25/63")
    assert why_gap_unfilled(network_store, "sme_share") is None  # SMEs are known there: no reason to give
    assert why_gap_unfilled(network_store, "role:coordinator") is None


def test_a_name_of_a_kind_the_store_holds_none_of_says_so(near_miss_store, network_store, embedded_server):
    with pytest.raises(NotFound) as none:
        resolve_node(near_miss_store, "esca-bronze", ("QualityLabel",))
    assert str(none.value) == ("no QualityLabel has the id or name 'esca-bronze'. The store holds none: no "
                               'QualityLabel node: map a [[nodes]] table with label = "QualityLabel".')
    with pytest.raises(NotFound) as typo:  # the store holds labels: a spelling hint, not "none"
        resolve_node(network_store, "esca-bronzeish", ("QualityLabel",))
    assert "holds none" not in str(typo.value)
    result = invoke(cli_env(embedded_server, "contract_near_miss"), "queries", "run", "labels/holders")
    assert result.exit_code != 0 and "The store holds none: no QualityLabel node" in result.stderr


def test_cli_load_csv_warns_of_near_misses_and_says_what_the_data_enables(embedded_server):
    env = cli_env(embedded_server, "contract_cli_load")
    try:
        result = invoke(env, "load", "csv", str(NEAR_MISS))
        assert result.exit_code == 0, result.stderr
        assert "mapping.toml:12 [start]: warning: no feature reads `start`; did you mean `start_date`?" \
            in result.stdout
        assert "features the data enables (2 of 12): collaboration network, roles" in result.stdout
        assert "not enabled: time window" in result.stdout and "map a column to `start_date`" in result.stdout
    finally:
        written = FalkorDBStore(embedded_server, "contract_cli_load")
        written.clear()
        written.close()  # an open client keeps the session's server from stopping


def test_cli_status_of_an_empty_store_points_at_the_sample(embedded_server):
    result = invoke(cli_env(embedded_server, "never_loaded"), "status")
    assert result.exit_code == 0
    assert "nodes: none (run `cluster-explorer load sample` for the bundled real network" in result.stdout


def test_cli_a_sector_asked_of_a_graph_without_sectors_says_what_to_load(near_miss_store, embedded_server):
    result = invoke(cli_env(embedded_server, "contract_near_miss"), "recommend", "--for", "Fjordtech AS",
                    "--sector", "esv:/25")
    assert result.exit_code == 1
    assert "no project of the graph has a sector (no ACTIVE_IN); load CORDIS" in result.stderr
