"""Every shipped saved query runs on the seed data plus the CORDIS and NUTS fixtures with its example
parameters, returns what the data says, and passes Neo4j's Cypher linter."""

from __future__ import annotations

import pytest

from graph.errors import ParameterError
from graph.store import cypher
from queries.catalogue import load_catalogue
from queries.runner import run_saved
from tests.conftest import open_fixture_network
from tests.cypher_lint import assert_valid_neo4j_cypher

CATALOGUE = load_catalogue(None)


@pytest.fixture(scope="module")
def library_store(embedded_server):
    from loaders.entity_resolution import link_and_write

    store = open_fixture_network(embedded_server, "library")
    link_and_write(store)
    store.write(cypher.set_property("Organisation", "pagerank"),
                {"rows": [{"id": "pic:999977851", "value": 0.9}, {"id": "pic:998497922", "value": 0.4}]})
    yield store
    store.clear()
    store.close()


def _run(store, name):
    query = CATALOGUE.get(name)
    _, _, result = run_saved(store, CATALOGUE, name, query.example)
    return result.records()


# What each query must return on the seeds + fixtures, checked against the data by hand.
EXPECTED = {
    "clusters/in-projects": lambda rows: {r["cluster"] for r in rows} == {"EYDE-KLYNGEN", "OSLO CANCER CLUSTER SA"},
    "clusters/members": lambda rows: [(r["member"], r["id"], r["since"], r["projects"]) for r in rows] == [
        ("Mjärdevi Science Park", "mjardevi-science-park", None, 0)],
    "clusters/overview": lambda rows: len(rows) == 25 and {"IoT World", "Automation Småland", "CLUSTERS OF SWEDEN"}
    <= {r["cluster"] for r in rows},
    "collaboration/country-pairs": lambda rows: rows[0] == {"partner_country": "IT", "shared_projects": 3,
                                                            "partners": 3},
    "collaboration/cross-border": lambda rows: [r["acronym"] for r in rows] == ["InteractionSeeds", "CAFEIN"],
    "collaboration/path": lambda rows: rows[0]["steps"] == 2 and rows[0]["chain"] == [
        "MARINN - MARITIMNI INOVACIJSKI KLASTER", "MARBLE", "NORGES TEKNISK-NATURVITENSKAPELIGE UNIVERSITET NTNU",
        "ATLANTIS", "THE REGENTS OF THE UNIVERSITY OF CALIFORNIA"],
    "labels/expiring": lambda rows: rows == [{"cluster": "Automation Småland", "label": "ESCA Bronze",
                                              "awarded": "2018-09-24", "expires": "2020-09-24"}],
    "labels/holders": lambda rows: [(r["holder"], r["awarded"]) for r in rows] == [("IoT World", None)],
    "labels/valid-on": lambda rows: [(r["cluster"], r["status"]) for r in rows] == [
        ("Automation Småland", "valid"), ("IoT World", "expiry unknown")],
    "metrics/top-organisations": lambda rows: [r["id"] for r in rows] == ["pic:999977851", "pic:998497922"],
    "organisations/projects": lambda rows: {r["acronym"] for r in rows} == {"MARBLE", "ATLANTIS"},
    "organisations/shared-projects": lambda rows: [r["acronym"] for r in rows] == ["MARBLE"],
    "organisations/smes-in-region": lambda rows: len(rows) == 4 and "CLUSTERS OF SWEDEN" in {r["sme"] for r in rows},
    "programmes/eligible": lambda rows: len(rows) == 23 and {r["requires"] for r in rows} == {"ESCA Bronze"},
    "programmes/members-by-region": lambda rows: len({m for r in rows for m in r["members"]}) == 23
    and (rows[0]["nuts_code"], rows[0]["number"]) == ("SE332", 3),
    "programmes/projects": lambda rows: len(rows) == 10 and rows[0]["acronym"] == "CeRRA",
    "programmes/runners": lambda rows: {("Tillväxtverket", "S3 Cluster Pilot"),
                                        ("Innovasjon Norge", "Innovasjon Norge cluster programme")}
    <= {(r["organisation"], r["runs"]) for r in rows},
    "projects/coordinators": lambda rows: (rows[0]["coordinator"], rows[0]["partners"]) == (
        "BIOCAT LA FUNDACIO BIOREGIO DE CATALUNYA", 10),
    "projects/partners": lambda rows: len(rows) == 8 and rows[0]["role"] == "coordinator"
    and rows[0]["country"] == "HR",
    "provenance/loads": lambda rows: {r["source"] for r in rows} >= {"seeds", "nuts", "cordis"},
    "provenance/sources-of": lambda rows: [r["source_id"] for r in rows] == ["seed:001", "seed:004"],
    "regions/ranked-by-participations": lambda rows: (rows[0]["code"], rows[0]["participations"]) == ("NO08", 7),
    "sectors/active-in": lambda rows: [r["organisation"] for r in rows] == ["OULUN YLIOPISTO"],
}


def test_every_shipped_query_has_an_expectation():
    assert sorted(EXPECTED) == sorted(CATALOGUE.queries)


@pytest.mark.parametrize("name", sorted(CATALOGUE.queries))
def test_shipped_query_returns_what_the_data_says(library_store, name):
    rows = _run(library_store, name)
    assert rows, f"{name} returned no rows for its example"
    assert EXPECTED[name](rows), f"{name} returned {rows[:3]}"


def test_shipped_queries_and_their_suggestions_pass_the_neo4j_linter():
    statements = [q.cypher for q in CATALOGUE.queries.values()]
    statements += [p.suggest for q in CATALOGUE.queries.values() for p in q.params if p.suggest]
    assert_valid_neo4j_cypher(statements)


def test_suggestion_queries_run(library_store):
    from queries.runner import suggestions

    for query in CATALOGUE.queries.values():
        for param in query.params:
            if param.suggest:
                assert suggestions(library_store, param), f"{query.name}: no suggestions for {param.name}"


def test_a_path_runs_from_the_first_node_both_ways_and_one_node_twice_is_refused(library_store):
    """`path` ran from whichever end has fewer projects (`chain` was turned back, `path` was not); one node given
    twice made every pair query answer nonsense (all of NTNU's projects "shared" with NTNU)."""
    for start, end in (("pic:884723712", "pic:999467340"), ("pic:999467340", "pic:884723712")):
        row = run_saved(library_store, CATALOGUE, "collaboration/path", {"from": start, "to": end})[2].records()[0]
        assert row["path"][0].endswith(start) and row["path"][-1].endswith(end)
        assert len(row["path"]) == len(row["chain"])
    with pytest.raises(ParameterError, match="parameters 'first' and 'second' name the same node"):
        run_saved(library_store, CATALOGUE, "organisations/shared-projects",
                  {"first": "pic:999977851", "second": "pic:999977851"})
    with pytest.raises(ParameterError, match="parameters 'first' and 'second' name the same node"):
        run_saved(library_store, CATALOGUE, "collaboration/cross-border", {"first": "NO", "second": "Norway"})


def test_a_framework_finds_the_projects_of_its_parts_and_a_term_matches_word_starts(library_store):
    """`programmes/projects -p programme="Horizon Europe"` was empty: projects are linked to legal bases, which
    are PART_OF the framework; `sectors/active-in -p term=IoT` matched "antibiotics"."""
    framework = run_saved(library_store, CATALOGUE, "programmes/projects", {"programme": "fp:HORIZON"})[2].rows
    part = run_saved(library_store, CATALOGUE, "programmes/projects", {"programme": "lb:HORIZON.1.1"})[2].rows
    assert len(framework) > len(part) > 0 and {r[0] for r in part} <= {r[0] for r in framework}
    assert run_saved(library_store, CATALOGUE, "sectors/active-in", {"term": "photo"})[2].rows  # photovoltaic
    assert run_saved(library_store, CATALOGUE, "sectors/active-in", {"term": "voltaic"})[2].rows == []


def test_a_seed_clusters_projects_are_those_of_its_cordis_record(library_store):
    """`organisations/projects -p "organisation=Agro Väst"` said it takes part in no project: the seed's node has
    none, its CORDIS record (SAME_AS, one body) has them."""
    seed, record = library_store.read(
        "MATCH (s:Organisation)-[:SAME_AS]-(c:Organisation)-[:PARTICIPATES_IN]->(:Project) "
        "WHERE NOT (s)-[:PARTICIPATES_IN]->(:Project) RETURN s.id, c.id LIMIT 1").rows[0]
    projects = [run_saved(library_store, CATALOGUE, "organisations/projects", {"organisation": o})[2].rows
                for o in (seed, record)]
    assert projects[0] == projects[1] != []


def test_the_readme_lists_every_saved_query_by_its_title():
    """The README's table of the library had drifted from the titles `queries list` shows (five of them)."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([a-z-]+/[a-z-]+)` \| ([^|]+?) \|", readme, re.M))
    shipped = {q.name: q.title for q in CATALOGUE.queries.values()}
    assert listed == shipped


def test_the_readme_shows_the_shipped_text_of_labels_expiring():
    """The README's copy of `labels/expiring.cypher` lacked its range and empty lines."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    shipped = (root / "queries" / "labels" / "expiring.cypher").read_text(encoding="utf-8")
    assert f"```cypher\n{shipped}```" in (root / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["clusters/in-projects", "clusters/overview"])
@pytest.mark.parametrize("written", ["ANY", "Any", " any "])
def test_any_country_is_taken_in_any_case_and_with_spaces(library_store, name, written):
    """`country=ANY` (or `Any`, or ` any ` from a field) had been taken for a country: an empty answer, said to be
    for a missing `country` of the clusters."""
    every = run_saved(library_store, CATALOGUE, name, {"country": "any"})[2].rows
    assert every and run_saved(library_store, CATALOGUE, name, {"country": written})[2].rows == every
