"""The app says why a result is empty when its inputs are missing, and what a load enables (AppTest).

The app is pointed at a real embedded graph holding only the members example (clusters, members,
contacts; no project), through the environment variables a user sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store.falkordb_store import FalkorDBStore
from loaders.pipeline import run_load
from tests.app_graph import app_on_stores
from tests.conftest import FIXTURES
from tests.test_app import open_page, texts, upload

MEMBERS = Path(__file__).resolve().parents[1] / "examples" / "members" / "mapping.toml"


@pytest.fixture(scope="module")
def members_app(embedded_server, tmp_path_factory):
    store = FalkorDBStore(embedded_server, "app_contract")
    store.clear()
    store.setup_schema()
    run_load(store, "csv", MEMBERS)
    with app_on_stores(embedded_server, "app_contract", tmp_path_factory.mktemp("user_queries"), store,
                       cache_dir=str(tmp_path_factory.mktemp("cache"))):
        yield store


def warnings(at) -> str:
    """The warnings' text as the user reads it (the Markdown escapes of `common.md` taken out)."""
    return "\n".join(str(w.value) for w in at.warning).replace("\\", "")


def test_queries_page_says_which_inputs_an_empty_query_lacks(members_app):
    at = open_page("queries", queries_name="projects/coordinators")
    assert "projects/coordinators is empty because its inputs are missing" in warnings(at)
    assert "role" in warnings(at) and "coordinated" in warnings(at)


def test_a_node_parameter_whose_example_is_not_in_the_store_waits_for_a_choice(members_app):
    at = open_page("queries", queries_name="organisations/projects")  # its example is a CORDIS PIC
    assert not at.exception and not at.error
    assert at.selectbox(key="queries_organisations/projects:organisation").value is None
    assert "Search and choose organisation above to run this query." in [i.value for i in at.info]


def test_a_node_parameter_with_a_default_the_store_lacks_says_the_store_holds_none(members_app):
    at = open_page("queries", queries_name="projects/partners")  # default iot4industry; no Project at all
    assert not at.exception
    assert "no Project has the id or name 'iot4industry'. The store holds none: no Project node" in \
        warnings(at) + " ".join(e.value for e in at.error).replace("\\", "")


def test_queries_page_gives_no_warning_when_rows_come_back(members_app):
    at = open_page("queries", queries_name="provenance/loads")
    assert not at.warning


def test_metrics_page_says_why_the_projection_is_empty(members_app):
    at = open_page("metrics")
    at.button(key="metrics_compute").click().run()
    assert not at.exception
    assert "projection is empty because its inputs are missing" in warnings(at)
    assert "no Project node" in warnings(at)
    assert not at.dataframe and not at.get("download_button")  # the reason alone, no empty table under it


def test_partners_page_says_why_there_is_no_candidate(members_app):
    at = open_page("partners", partners_focal="Cluster:iot-world", partners_rank="organisations")
    assert "the recommendation is empty because its inputs are missing" in warnings(at)
    assert "no PARTICIPATES_IN relationship" in warnings(at)


def test_partners_page_says_why_no_one_fills_a_gap(members_app):
    at = open_page("partners", partners_focal="Organisation:556001-0001", partners_roles="coordinator",
                   partners_rank="organisations")
    assert not at.exception
    assert ("No organisation in the graph fills it (of those taking part in projects, the ones the ranking ranks)."
            in [c.value.replace("\\", "") for c in at.caption])  # shown Markdown-escaped
    assert "the role:coordinator gap's list of candidates is empty because its inputs are missing" in warnings(at)
    assert "no PARTICIPATES_IN relationship has `role`: map a column to `role`" in warnings(at)


def test_a_picker_with_nothing_to_offer_says_why(members_app):
    at = open_page("partners")  # the members example has no Sector
    sectors = at.multiselect(key="partners_sectors")
    assert sectors.options == [] and sectors.placeholder == "none in the store"
    assert sectors.help.startswith("The store holds none yet: load data that has them (docs/mapping.md).")
    assert at.multiselect(key="partners_roles").placeholder != "none in the store"  # "coordinator" is offered


def test_data_page_warns_of_near_misses_and_says_what_the_load_enables(members_app):
    at = upload(open_page("data"), FIXTURES / "contract_near_miss")
    assert not at.error and "Valid" in at.success[0].value
    assert "did you mean `start_date`?" in warnings(at)
    assert "mapping.toml:12" in warnings(at)
    at.button(key="data_load").click().run()
    assert not at.exception
    shown = texts(at).replace("\\", "")
    assert "features the data enables" in shown and "collaboration network" in shown
    assert "not enabled: time window" in shown
