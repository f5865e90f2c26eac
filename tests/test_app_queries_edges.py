"""The Queries page's edges a user found, by AppTest on the real embedded store of tests/test_app.py: an emptied
field runs what it shows (as the CLI does), a node parameter of organisations finds clusters and says when it
finds nothing, a bad name for a saved query is refused in one line, and a place is found with its accents left out.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from queries.catalogue import load_catalogue
from queries.runner import run_saved
from tests.cli_invoke import cli_env, invoke
from tests.test_app import app_store, open_page, table  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")
SMES = "organisations/smes-in-region"


def said(elements) -> str:
    """The text of these elements as the user reads it (the Markdown escapes of `common.md` taken out)."""
    return "\n".join(str(e.value) for e in elements).replace("\\", "")


def test_an_emptied_text_field_runs_empty_as_the_cli_does(embedded_server):
    at = open_page("queries", queries_name=SMES)
    by_default = sorted(table(at, "sme")["sme"])
    at.text_input(key=f"queries_{SMES}:area").input("")
    at = at.button(key="FormSubmitter:queries_form-Run").click().run()
    shown = sorted(table(at, "sme")["sme"])
    cli = invoke(cli_env(embedded_server, "app_tests"), "queries", "run", SMES, "-p", "area=", "--format", "json")
    assert cli.exit_code == 0, cli.stderr
    assert shown == sorted(row["sme"] for row in json.loads(cli.stdout))
    assert len(shown) > len(by_default) > 0, "the emptied field still ran the default SE"


@pytest.mark.parametrize(("typed", "found"), [("Automation Småland", "automation-smaland"),
                                              ("mobile heights", "mobile-heights"), ("marinn", "pic:884723712")])
def test_an_organisation_parameter_finds_clusters_by_name(typed, found):
    at = open_page("queries", queries_name="collaboration/path")
    at.text_input(key="queries_collaboration/path:from_search").input(typed).run()
    picker = at.selectbox(key="queries_collaboration/path:from")
    assert any(o.endswith(f"· {found}") for o in picker.options) and not at.exception
    at = picker.set_value(found).run()
    assert not at.exception and not at.error and at.query_params["queries_collaboration/path:from"] == found


def test_a_search_without_a_match_says_so_and_that_the_choice_stays():
    at = open_page("queries", queries_name="collaboration/path")
    at = at.text_input(key="queries_collaboration/path:from_search").input("xyzzy nothing").run()
    assert "No match for 'xyzzy nothing'; the choice stays MARINN" in said(at.caption)
    assert at.selectbox(key="queries_collaboration/path:from").value == "pic:884723712"


def _user_files() -> list[str]:
    return [str(p) for p in Path(os.environ["CLUSTER_EXPLORER_QUERIES"]).rglob("*")]


@pytest.mark.parametrize("name", ["mine/" + "a" * 300, "x/<script>alert(1)</script>", "mine/two words", "mine/a.b"])
def test_a_name_that_is_not_words_and_slashes_is_refused_in_one_line(name):
    before = _user_files()
    at = open_page("queries")
    at.text_input(key="queries_save_name").input(name)
    at = at.button(key="FormSubmitter:queries_save-Save").click().run()
    assert not at.exception and not at.success
    message = at.error[-1].value
    assert message.startswith("Not saved: ") and "\n" not in message and len(message) < 250, message
    assert _user_files() == before


def test_an_empty_name_and_an_empty_title_are_both_named():
    at = open_page("queries")
    at.text_input(key="queries_save_name").input("")
    at.text_input(key="queries_save_title").input("")
    at = at.button(key="FormSubmitter:queries_save-Save").click().run()
    message = at.error[-1].value
    assert message.startswith("Not saved: give the query a title; give the query a name"), message


@pytest.mark.parametrize(("written", "folded"), [("Skåne län", "skane lan"), ("Skåne", "skane"),  # an alias
                                                 ("Tübingen, Landkreis", "TUBINGEN, landkreis")])
def test_a_place_is_found_by_its_name_with_accents_and_case_ignored(app_store, written, folded):  # noqa: F811
    catalogue = load_catalogue(None)
    as_written, as_folded = (run_saved(app_store, catalogue, SMES, {"area": area})[2].rows
                             for area in (written, folded))
    assert as_folded == as_written != []


def test_a_reached_limit_is_said_on_the_page_as_on_the_command_line():
    at = open_page("queries", queries_name="regions/ranked-by-participations")
    at.number_input(key="queries_regions/ranked-by-participations:limit").set_value(1)
    at = at.button(key="FormSubmitter:queries_form-Run").click().run()
    assert len(table(at, "region")) == 1
    said = "The query's limit of 1 row was reached; more may answer: a larger limit above raises it."  # no CLI option
    assert any(said in c.value.replace("\\", "") for c in at.caption), [c.value for c in at.caption]


def test_a_link_to_a_saved_query_the_library_lacks_says_so():
    """A link to a query of someone else's folder had opened the first query of the list without a word."""
    at = open_page("queries", queries_name="mine/clusters-by-region")
    assert at.selectbox(key="queries_name").value == "clusters/in-projects"
    assert said(at.warning).startswith("The link's saved query 'mine/clusters-by-region' is not in the library")
    assert not [w for w in open_page("queries", queries_name=SMES).warning if "The link" in w.value]


@pytest.mark.parametrize("name, param, linked, reason", [
    ("regions/ranked-by-participations", "level", "9", "must be in 1..3, not 9"),
    ("collaboration/country-pairs", "limit", "abc", "expected a whole number, got 'abc'"),
    ("labels/holders", "label", "silvr", "must be one of esca-bronze, esca-silver, esca-gold, not 'silvr' (did you "
                                            "mean 'esca-silver'?)"),
])
def test_a_links_value_the_query_does_not_take_is_said_not_dropped(name, param, linked, reason):
    """Streamlit drops a bound field's URL value that it cannot show: the field had shown its default without a
    word, and the result was of another question than the link's."""
    at = open_page("queries", queries_name=name, **{f"queries_{name}:{param}": linked})
    warned = said(at.warning)
    assert f"The link's {param}={linked!r} is not used: {reason}" in warned, warned
    assert not [w for w in open_page("queries", queries_name=name).warning if "The link" in w.value]


def test_an_emptied_term_says_it_is_empty_and_what_to_type():
    at = open_page("queries", queries_name="sectors/active-in")
    at.text_input(key="queries_sectors/active-in:term").input("")
    at = at.button(key="FormSubmitter:queries_form-Run").click().run()
    assert "No row: term is empty. Type the start of words in the sector's or topic's name" in said(at.warning)
    assert "such as 'photovoltaic'" in said(at.warning)


def test_a_links_unused_value_stays_said_until_its_field_is_changed():
    """The warning had gone at the page's next run (Run pressed, the editor used), the field still showing the value
    put in the link's place and the result still of another question than the link's."""
    name = "regions/ranked-by-participations"
    at = open_page("queries", queries_name=name, **{f"queries_{name}:level": "9"})
    assert "The link's level='9' is not used" in said(at.warning)
    at.run()
    assert "The link's level='9' is not used" in said(at.warning)
    at = at.button(key="FormSubmitter:queries_form-Run").click().run()
    assert "The link's level='9' is not used" in said(at.warning)
    at.number_input(key=f"queries_{name}:level").set_value(3)
    at = at.button(key="FormSubmitter:queries_form-Run").click().run()
    assert "The link's" not in said(at.warning)
    at = at.button(key="FormSubmitter:queries_form-Run").click().run()
    assert "The link's" not in said(at.warning)
