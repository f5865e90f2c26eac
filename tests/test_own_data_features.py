"""Every feature on a user's own table: the participation fixture loaded with its ~10-line preset mapping,
then every saved query, the metrics and a recommendation run on it through the CLI (in-process).

Each saved query either gives rows, or (where the table truly lacks what it reads: quality labels,
programme members and runners, sectors, SME flags) says which input is missing and how to add it; a
query added to the catalogue must be placed in one of the two lists.
"""

from __future__ import annotations

import json

import pytest

from queries.catalogue import load_catalogue
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES

MAPPING = FIXTURES / "participation" / "mapping.toml"
COORDINATOR, PARTNER = "912000227", "912000129"  # Sørlandet Batteri AS and Bølgeteknikk AS share project 320100

#: Saved queries that give rows on the table, with the parameters that fit it.
GIVES_ROWS = {
    "clusters/in-projects": {"country": "NO"},  # the two ...klyngen organisations cluster detection finds
    "clusters/overview": {"country": "NO"},
    "collaboration/country-pairs": {"country": "NO"},
    "collaboration/cross-border": {"first": "NO", "second": "DE"},
    "collaboration/path": {"from": COORDINATOR, "to": PARTNER},
    "metrics/top-organisations": {"metric": "pagerank"},
    "organisations/projects": {"organisation": COORDINATOR},
    "organisations/shared-projects": {"first": COORDINATOR, "second": PARTNER},
    "programmes/projects": {"programme": "ENERGIX"},
    "projects/coordinators": {},
    "projects/partners": {"project": "320100"},
    "provenance/loads": {},
    "provenance/sources-of": {"id": COORDINATOR},
    "regions/ranked-by-participations": {},
}
#: Saved queries whose input the table does not hold: the query -> its parameters and what the CLI says is
#: missing (after the empty result, or as the one error line when a parameter names a node not there).
LACKS_INPUT = {
    "clusters/members": ({"cluster": "iot-world"},
                         "Error: clusters/members: parameter 'cluster': no Cluster has the id or name"),
    "labels/expiring": ({}, "no HAS_LABEL relationship has `expires`"),
    "labels/holders": ({}, "Error: labels/holders: parameter 'label': no QualityLabel has the id or name"),
    "labels/valid-on": ({}, "no QualityLabel has `level`"),
    "organisations/smes-in-region": ({"area": "NO"}, "no SME node: mark SMEs with label_if"),
    "programmes/eligible": ({"programme": "ENERGIX"}, "no REQUIRES relationship"),
    "programmes/members-by-region": ({"programme": "ENERGIX"}, "no MEMBER_OF relationship"),
    "programmes/runners": ({}, "no RUNS relationship"),
    "sectors/active-in": ({}, "no Sector node"),
}


GRAPH = "own_data_features"


@pytest.fixture(scope="module")
def env(embedded_server):
    """The participation table loaded through the CLI, metrics written back, in a graph of its own."""
    env = cli_env(embedded_server, GRAPH)
    loaded = invoke(env, "load", "csv", str(MAPPING))
    assert loaded.exit_code == 0, loaded.stderr
    computed = invoke(env, "metrics", "compute", "--metric", "pagerank", "--write", "-k", "3")
    assert computed.exit_code == 0, computed.stderr
    return env


def _rows(env, name: str, params: dict[str, str]) -> list[dict]:
    args = [arg for key, value in params.items() for arg in ("-p", f"{key}={value}")]
    result = invoke(env, "queries", "run", name, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_every_saved_query_is_placed_in_one_list():
    assert set(load_catalogue().queries) == set(GIVES_ROWS) | set(LACKS_INPUT)


@pytest.mark.parametrize("name", sorted(GIVES_ROWS))
def test_a_saved_query_gives_rows_on_the_table(env, name):
    assert _rows(env, name, GIVES_ROWS[name])


@pytest.mark.parametrize("name", sorted(LACKS_INPUT))
def test_a_saved_query_without_its_input_says_what_is_missing(env, name):
    params, said = LACKS_INPUT[name]
    args = [arg for key, value in params.items() for arg in ("-p", f"{key}={value}")]
    result = invoke(env, "queries", "run", name, *args, "--format", "json")
    assert said in result.stderr and "Traceback" not in result.stderr
    if result.exit_code == 0:
        assert json.loads(result.stdout) == []
        assert f"{name} is empty because its inputs are missing from the store:" in result.stderr


def test_the_coordinators_are_counted_from_the_table(env):
    rows = _rows(env, "projects/coordinators", {"limit": "100"})
    assert sum(row["projects"] for row in rows) == 90  # one Prosjektansvarlig per project


def test_regions_are_the_counties(env):
    rows = _rows(env, "regions/ranked-by-participations", {"level": "3"})
    assert {row["code"] for row in rows} == {"NO020", "NO060", "NO071", "NO074", "NO081", "NO092", "NO0A1", "NO0A2",
                                             "NO0A3"}  # the counties, NUTS regions by their names


# the 9 counties, NUTS 3 regions, are the 6 NUTS 2 regions the region projection groups by (Vestland, Rogaland
# and Møre og Romsdal are all in NO0A Vestlandet)
@pytest.mark.parametrize("projection, nodes", [("organisation", "45 nodes"), ("country", "6 nodes"),
                                               ("region", "6 nodes")])
def test_metrics_run_on_each_projection(env, projection, nodes):
    computed = invoke(env, "metrics", "compute", "--projection", projection, "--metric", "degree", "-k", "2")
    assert computed.exit_code == 0, computed.stderr
    assert f"projection {projection}: {nodes}" in computed.stdout


def test_metrics_for_one_programme(env):
    computed = invoke(env, "metrics", "compute", "--programme", "ENERGIX", "--metric", "degree", "-k", "2")
    assert computed.exit_code == 0, computed.stderr
    assert "projection organisation: " in computed.stdout


def test_metrics_for_one_country(env):
    computed = invoke(env, "metrics", "compute", "--country", "NO", "--metric", "degree", "-k", "2")
    assert computed.exit_code == 0, computed.stderr
    assert "projection organisation: 38 nodes" in computed.stdout


def test_a_recommendation_ranks_partners_with_reasons(env):
    recommended = invoke(env, "recommend", "--for", f"Organisation:{COORDINATOR}", "-k", "3", "--format", "json")
    assert recommended.exit_code == 0, recommended.stderr
    candidates = json.loads(recommended.stdout)
    assert len(candidates) == 3 and all(c["reasons"] for c in candidates)
    assert f"Organisation:{COORDINATOR}" not in {c["key"] for c in candidates}


def test_a_project_named_by_its_title_shows_the_title_in_the_project_lists(embedded_server, tmp_path):
    """A mapping with `name = "title"` (no `title` property) left the title column of organisations/projects empty."""
    (tmp_path / "mapping.toml").write_text("""name = "titled"
[[nodes]]
file = "p.csv"
label = "Project"
id = "id"
name = "title"
[[nodes]]
file = "p.csv"
label = "Organisation"
id = "org"
name = "org"
[[relationships]]
file = "p.csv"
type = "PARTICIPATES_IN"
start = { label = "Organisation", column = "org" }
end = { label = "Project", column = "id" }
""")
    (tmp_path / "p.csv").write_text("id,title,org\nP1,Elektrifierad logistik,Volvo AB\n")
    env = cli_env(embedded_server, "own_titles")
    assert invoke(env, "load", "csv", str(tmp_path / "mapping.toml")).exit_code == 0
    ran = invoke(env, "queries", "run", "organisations/projects", "-p", "organisation=Volvo AB", "--format", "json")
    assert ran.exit_code == 0, ran.stderr
    assert [row["title"] for row in json.loads(ran.stdout)] == ["Elektrifierad logistik"]


def test_a_programmes_projects_are_named_by_their_titles_when_they_have_no_acronym(env):
    """`programmes/projects -p programme=ENERGIX` listed only project numbers: its acronym column was blank on every
    row of a national table (no acronyms), and the title was not shown."""
    rows = _rows(env, "programmes/projects", {"programme": "ENERGIX"})
    assert rows and all(row["acronym"] is None and row["title"] for row in rows)
