"""The analysis commands at their edges, on a tiny table of one's own (no CORDIS): a consortium whose every
organisation is already its partner, sectors and programmes named as a person names them, and dates in the
spellings a query's date parameter takes. In-process CLI runs (and one Partners page run) on the embedded store.
"""

from __future__ import annotations

import json

import pytest
import streamlit as st

from graph.store.falkordb_store import FalkorDBStore
from tests.cli_invoke import cli_env, error_line, invoke

GRAPH = "cli_analysis_edges"
#: Three organisations sharing every project: each is every other's partner. P3 (2023 on) has two of them.
GRANTS = """project_id,title,org_id,org_name,role,start,end,sector
P1,Weave,o1,Alpha Väveri,coordinator,01.02.2021,31.01.2022,Textil
P1,Weave,o2,Beta Spinn,participant,01.02.2021,31.01.2022,Textil
P1,Weave,o3,Gamma Färg,participant,01.02.2021,31.01.2022,Textil
P2,Dye,o1,Alpha Väveri,participant,01.03.2022,31.12.2022,Färgteknik
P2,Dye,o2,Beta Spinn,coordinator,01.03.2022,31.12.2022,Färgteknik
P2,Dye,o3,Gamma Färg,participant,01.03.2022,31.12.2022,Färgteknik
P3,Bleach,o1,Alpha Väveri,coordinator,01.06.2023,01.06.2024,Kemi
P3,Bleach,o2,Beta Spinn,participant,01.06.2023,01.06.2024,Kemi
"""
MAPPING = """name = "grants"
preset = "participation"
file = "grants.csv"
date_format = "%d.%m.%Y"

[columns]
project_id = "project_id"
project_title = "title"
organisation_id = "org_id"
organisation_name = "org_name"
role = "role"
start_date = "start"
end_date = "end"
sector = "sector"
"""


@pytest.fixture(scope="module")
def env(embedded_server, tmp_path_factory):
    """A graph holding only the table above, loaded by `load csv` with the participation preset."""
    folder = tmp_path_factory.mktemp("grants")
    (folder / "grants.csv").write_text(GRANTS, encoding="utf-8")
    (folder / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    store = FalkorDBStore(embedded_server, GRAPH)
    store.clear()
    env = cli_env(embedded_server, GRAPH, tmp_path_factory.mktemp("queries"))
    loaded = invoke(env, "load", "csv", str(folder / "mapping.toml"))
    assert loaded.exit_code == 0, loaded.stderr
    yield env
    store.clear()
    store.close()


def projection_line(result) -> str:
    assert result.exit_code == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if line.startswith("projection "))


ALL_PARTNERS = ("no candidate: every organisation linked to Alpha Väveri is already its partner (2 known partners, "
                "sharing projects with it); `--include-existing` ranks them")


def test_recommend_says_every_organisation_linked_is_already_a_partner(env):
    result = invoke(env, "recommend", "--for", "Alpha Väveri")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == ALL_PARTNERS
    assert "nothing links" not in result.output


def test_the_known_partners_it_names_are_ranked_with_include_existing(env):
    result = invoke(env, "recommend", "--for", "Alpha Väveri", "--include-existing")
    assert result.exit_code == 0, result.stderr
    assert "Beta Spinn  (Organisation:o2)" in result.stdout and "Gamma Färg  (Organisation:o3)" in result.stdout


def test_with_json_the_reason_goes_to_stderr_and_stdout_stays_a_list(env):
    result = invoke(env, "recommend", "--for", "Alpha Väveri", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert ALL_PARTNERS in result.stderr


def test_a_requirement_that_leaves_no_one_is_named_as_the_reason(env):
    result = invoke(env, "recommend", "--for", "Alpha Väveri", "--include-existing", "--min-label", "esca-gold")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == ("no candidate: none of the 2 organisation(s) outside the consortium is labelled "
                                     "ESCA Gold or better: ask for less")


def test_the_partners_page_gives_the_same_reason(env, monkeypatch):
    from app_pages.common import md
    from tests.test_app import open_page

    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    st.cache_resource.clear()
    try:
        at = open_page("partners", partners_focal="Organisation:o1")
        said = [i.value for i in at.info]
    finally:
        st.cache_resource.clear()  # closes the store the app opened
    assert md("No candidate: every organisation linked to Alpha Väveri is already its partner (2 known partners, "
              "sharing projects with it); turn on Include known partners to rank them.") in said, said


@pytest.mark.parametrize("sector", ["Färgteknik", "FARGTEKNIK", "färgteknik", "Sector:Färgteknik"])
def test_a_sector_is_named_by_id_or_name_accents_and_case_ignored(env, sector):
    result = invoke(env, "metrics", "compute", "--metric", "degree", "--sector", sector)
    assert projection_line(result) == "projection organisation: 3 nodes, 3 edges"


def test_a_sector_filter_keeps_only_its_projects(env):
    result = invoke(env, "metrics", "top", "degree", "--sector", "kemi")
    assert result.exit_code == 0, result.stderr
    assert [line.split()[-1] for line in result.stdout.splitlines()[1:]] == ["(Organisation:o1)", "(Organisation:o2)"]


def test_a_sector_naming_nothing_gives_examples_from_this_store(env):
    result = invoke(env, "metrics", "compute", "--sector", "silk")
    line = error_line(result.exit_code, result.stderr)
    assert line.startswith("Error: no Sector has the id or name 'silk'.")
    assert line.endswith("Sectors of this store: Kemi, Textil, Färgteknik.")  # the shortest first: no call topic
    assert "esv:" not in line


def test_a_programme_on_a_store_without_any_gives_no_example(env):
    result = invoke(env, "metrics", "compute", "--programme", "arena pro")
    line = error_line(result.exit_code, result.stderr)
    assert line.startswith("Error: no Programme has the id or name 'arena pro'. The store holds none")
    assert "of this store:" not in line and "HORIZON" not in line


def test_recommend_takes_a_sector_by_name_too(env):
    result = invoke(env, "recommend", "--for", "Alpha Väveri", "--include-existing", "--sector", "KEMI", "-k", "1")
    assert result.exit_code == 0, result.stderr
    assert "works in Kemi, as asked" in result.stdout


@pytest.mark.parametrize("start", ["15/01/2023", "15.01.2023", "2023-01-15"])
def test_a_start_date_takes_the_spellings_of_a_date_parameter(env, start):
    result = invoke(env, "metrics", "compute", "--metric", "degree", "--start", start)
    assert projection_line(result) == "projection organisation: 2 nodes, 1 edges"  # P3 alone runs after it


def test_an_end_date_in_day_first_form_is_taken(env):
    result = invoke(env, "metrics", "top", "degree", "--end", "31/01/2022")
    assert result.exit_code == 0, result.stderr
    assert "(Organisation:o3)" in result.stdout  # P1 alone ended by then, and o3 is in it


def test_a_date_that_may_be_month_first_says_how_it_was_read(env):
    """`01/02/2022` is read day first, as in most of Europe; it may mean 2 January to a user used to month first,
    and had been read without a word. A date with one reading says nothing."""
    result = invoke(env, "metrics", "compute", "--metric", "degree", "--start", "01/02/2022")
    assert result.exit_code == 0, result.stderr
    assert ("(note: --start '01/02/2022' is read as 2022-02-01, day first; it could mean 2022-01-02 month first: "
            "write 2022-02-01 to be sure)") in result.stderr
    clear = invoke(env, "metrics", "compute", "--metric", "degree", "--start", "15/01/2023")
    assert "note:" not in clear.stderr


def test_a_saved_querys_date_that_may_be_month_first_says_how_it_was_read(env):
    result = invoke(env, "queries", "run", "labels/valid-on", "-p", "on=03/04/2024")
    assert result.exit_code == 0, result.stderr
    assert ("(note: -p on '03/04/2024' is read as 2024-04-03, day first; it could mean 2024-03-04 month first: "
            "write 2024-04-03 to be sure)") in result.stderr


@pytest.mark.parametrize(("command", "option", "value"), [
    (["metrics", "compute"], "--start", "2020-13-01"),
    (["metrics", "compute"], "--end", "31/02/2023"),
    (["metrics", "top", "degree"], "--start", "soon"),
])
def test_a_bad_date_is_one_line_naming_the_option(env, command, option, value):
    result = invoke(env, *command, option, value)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: Invalid value for '{option}': expected a date like 2024-12-31 or 31.12.2024 or 31/12/2024 "
        f"(format %Y-%m-%d or %d.%m.%Y or %d/%m/%Y), got {value!r}")
    assert "isoformat" not in result.stderr


def test_a_sector_read_from_part_of_its_name_says_which_it_was_taken_as(env):
    """One wording wherever a name is read as a node (the saved queries' "(from 'Lund' is ...)")."""
    result = invoke(env, "metrics", "compute", "--metric", "degree", "--sector", "färg")
    assert result.exit_code == 0, result.stderr
    assert "(sector 'färg' is Färgteknik (Sector:" in result.stderr


def test_find_prints_a_nodes_place_by_each_metric_a_tie_said_so(env):
    """One's own cluster or member had no place in the CLI's answer unless it was in the top k."""
    result = invoke(env, "metrics", "compute", "--metric", "degree", "--metric", "weighted_degree", "-k", "1",
                    "--find", "GAMMA farg")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == [
        "find 'GAMMA farg': 1 node(s) of 3",
        "  Gamma Färg  (Organisation:o3): degree 1 of 3, tied with 2; weighted_degree 3 of 3"]


def test_find_naming_nothing_in_the_graph_says_why(env):
    result = invoke(env, "metrics", "top", "degree", "--find", "Delta")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith(
        "find 'Delta': nothing in this graph of organisations is named or numbered like it; it holds only what takes "
        "part in a project that counts here")


def test_the_place_examples_hold():
    import doctest

    from graph.analytics import metric_places

    found = doctest.testmod(metric_places)
    assert found.attempted and found.failed == 0


def test_a_metric_is_taken_in_any_case_and_a_near_spelling_is_named(env):
    """`--metric PageRank` was refused as unknown, though the saved queries take a metric so; `betweeness` was refused
    with the list alone."""
    taken = invoke(env, "metrics", "compute", "--metric", "PageRank", "--metric", "Weighted degree", "-k", "1")
    assert taken.exit_code == 0, taken.stderr
    headed = [line.split(":")[0] for line in taken.stdout.splitlines()
              if ": " in line and not line.startswith((" ", "projection", "note"))]
    assert headed == ["pagerank", "weighted_degree"], taken.stdout
    refused = invoke(env, "metrics", "top", "betweeness")
    assert refused.exit_code == 2
    assert "unknown metric 'betweeness' (did you mean 'betweenness'?); choose from degree," in refused.stderr


def test_metrics_are_taken_separated_by_commas_too(env):
    """`--metric degree,pagerank` had been refused as one unknown metric; `--roles` takes a list so."""
    taken = invoke(env, "metrics", "compute", "--metric", "degree, PageRank", "-k", "1")
    assert taken.exit_code == 0, taken.stderr
    headed = [line.split(":")[0] for line in taken.stdout.splitlines()
              if ": " in line and not line.startswith((" ", "projection", "note"))]
    assert headed == ["degree", "pagerank"], taken.stdout


def test_a_sector_nearly_named_is_offered_without_examples_beside_it(env):
    """A Danish officer's `--region "Region Syddanmark"` was offered Syddanmark, then "Regions of this store: Ain
    (FRK21), Ave (PT119), Ege (TR3), ...": the shortest names of Europe, noise beside the one meant."""
    result = invoke(env, "metrics", "compute", "--sector", "Textill")
    line = error_line(result.exit_code, result.stderr)
    assert "Did you mean: Textil" in line and "of this store:" not in line
