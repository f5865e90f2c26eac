"""`organisations/smes-in-region` says what it counts: projects of any programme, not EU projects alone.

A Finnish cluster manager's SME in two Business Finland and EAKR projects showed `projects 2` under a title saying
"SMEs of a region or country in EU projects" and a description of "their total EU contribution". The query counts
every project the store holds, CORDIS's and the user's own tables' alike, as a cluster manager wants of their SMEs;
its title and description now say so. A real load of a participation table through the CLI, in-process.
"""

from __future__ import annotations

import json

import pytest

from graph.store.falkordb_store import FalkorDBStore
from queries.catalogue import load_catalogue
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import write_files

GRAPH = "smes_in_region_programmes"
NAME = "organisations/smes-in-region"


@pytest.fixture(scope="module")
def env(embedded_server, tmp_path_factory):
    """Two national projects of one Finnish SME, loaded with the participation preset."""
    mapping = write_files(tmp_path_factory.mktemp("hankkeet"), {
        "hankkeet.toml": """
            name = "hankkeet"
            preset = "participation"
            file = "hankkeet.csv"

            [columns]
            project_id = "Hanke"
            project_title = "Hanke"
            organisation_id = "Y-tunnus"
            organisation_name = "Yritys"
            country = "Maa"
            sme = "PK-yritys"
            programme = "Rahoittaja"
            amount = "Budjetti"
            """,
        "hankkeet.csv": """
            Hanke,Y-tunnus,Yritys,Maa,PK-yritys,Rahoittaja,Budjetti
            RoboTampere,2259631-9,Cobotti Solutions Oy,FI,kyllä,Business Finland,485000
            Cobot-kokeiluympäristö,2259631-9,Cobotti Solutions Oy,FI,kyllä,EAKR,120000
            """})
    env = cli_env(embedded_server, GRAPH)
    loaded = invoke(env, "load", "csv", str(mapping))
    assert loaded.exit_code == 0, loaded.stderr
    yield env
    store = FalkorDBStore(embedded_server, GRAPH)
    store.clear()
    store.close()


def test_it_counts_national_projects_as_its_title_and_description_say(env):
    query = load_catalogue().queries[NAME]
    assert "EU projects" not in query.title and "any programme" in query.title
    said = " ".join(query.description.split())
    assert "of any programme the store holds" in said and "a national funder's amounts are not in it" in said
    ran = invoke(env, "queries", "run", NAME, "-p", "area=FI", "--format", "json")
    assert ran.exit_code == 0, ran.stderr
    assert [(row["sme"], row["projects"], row["contribution"]) for row in json.loads(ran.stdout)] == [
        ("Cobotti Solutions Oy", 2, None)]  # their amounts are a national funder's, not an EU contribution
