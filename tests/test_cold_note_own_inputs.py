"""The cold-start note names what an organisation without projects has, and asks only for what it lacks.

In a try-out with a Danish cluster programme's own tables, `recommend --for "Nordbo Robotics A/S"` (a company of
the programme's register: a sector and a region, no project, no programme) was told to add ACTIVE_IN and
LOCATED_IN, which it had, besides MEMBER_OF (graph/analytics/recommend_cold.py `cold_note`). The tables are
tests/fixtures/danish_projects (its `tema` loaded as the projects' sector) and a register written here, loaded by
the real loader into the embedded store.
"""

from __future__ import annotations

from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex, history_note, recommend
from loaders.pipeline import run_load
from tests.conftest import FIXTURES
from tests.generic_files import write_files

PROJECTS = FIXTURES / "danish_projects"
NORDBO = "Organisation:38291847"
#: The fixture's projects with their `tema` as the projects' sector (`Robotteknologi`, `Energi`).
SECTORS = '''
[[nodes]]
file = "projekter.json"
label = "Sector"
id = "tema"
name = "tema"

[[relationships]]
file = "projekter.json"
type = "ACTIVE_IN"
start = { label = "Project", column = "sagsnr" }
end = { label = "Sector", column = "tema" }
'''


def load_projects(store, tmp_path) -> None:
    """The Danish programme's projects, each ACTIVE_IN its theme."""
    folder = tmp_path / "projekter"
    folder.mkdir()
    write_files(folder, {"projekter.json": (PROJECTS / "projekter.json").read_bytes(),
                         "mapping.toml": (PROJECTS / "mapping.toml").read_text() + SECTORS})
    run_load(store, "csv", folder / "mapping.toml")


def load_register(store, tmp_path, rows: str) -> None:
    """The programme's register of companies: number, name, NUTS region and sector (`branche`)."""
    folder = tmp_path / "register"
    folder.mkdir()
    write_files(folder, {"register.csv": "cvr;navn;region;branche\n" + rows, "mapping.toml": '''
        name = "register"
        [[nodes]]
        file = "register.csv"
        label = "Organisation"
        id = "cvr"
        name = "navn"
        located_in = { region = "region", country = { value = "DK" } }
        [[nodes]]
        file = "register.csv"
        label = "Sector"
        id = "branche"
        name = "branche"
        [[relationships]]
        file = "register.csv"
        type = "ACTIVE_IN"
        start = { label = "Organisation", column = "cvr" }
        end = { label = "Sector", column = "branche" }
        '''})
    run_load(store, "csv", folder / "mapping.toml")


def test_an_organisation_with_a_sector_and_a_region_is_asked_for_a_programme_only(embedded_store, tmp_path):
    load_projects(embedded_store, tmp_path)
    load_register(embedded_store, tmp_path, "38291847;Nordbo Robotics A/S;DK031;Robotteknologi\n")
    note = history_note(RecommenderIndex(read_inputs(embedded_store)), [NORDBO])
    assert note == (
        "no shared projects yet: ranked by its sector Robotteknologi (candidates working in it), its region DK03 "
        "(candidates there first, then in Denmark) and the candidates' own record; the graph knows no programme of it: "
        "add MEMBER_OF for programmes (docs/mapping.md)")


def test_a_sector_no_project_is_in_is_said_to_rank_no_one_and_not_asked_for(embedded_store, tmp_path):
    """A sector of the register's own words (`Cobotter`) is in no project: it is named as ranking no candidate,
    and ACTIVE_IN, which the organisation has, is not asked for."""
    load_projects(embedded_store, tmp_path)
    load_register(embedded_store, tmp_path, "38291847;Nordbo Robotics A/S;DK031;Cobotter\n")
    index = RecommenderIndex(read_inputs(embedded_store))
    note = history_note(index, [NORDBO])
    assert note == (
        "no shared projects yet: ranked by its region DK03 (candidates there first, then in Denmark) and the "
        "candidates' own record; its sector Cobotter is in no project of the graph, so it ranks no candidate; the "
        "graph knows no programme of it: add MEMBER_OF for programmes (docs/mapping.md)")
    assert not any(c.components.get("thematic") for c in recommend(index, [NORDBO], k=20))
