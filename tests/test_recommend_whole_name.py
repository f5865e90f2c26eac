"""A name that names no node gets the nodes whose whole name it nearly spells (`graph.store.resolve`, through
`graph.nearest`), before the names holding one of its words: `recommend --for "fiber optic valey"` offered FIBERWOOD
OY and other short names holding "fiber", never Fiber Optic Valley. A real store: the fixture network (whose seeds
hold the cluster Fiber Optic Valley) and a table of organisations whose shorter names hold "fiber", as on the sample."""

from __future__ import annotations

import pytest

from graph.errors import NotFound
from graph.store.resolve import resolve_node
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, error_line, invoke
from tests.conftest import open_fixture_network
from tests.generic_files import write_preset

GRAPH = "recommend_whole_name"
TABLE = """\
Prosjekt;Akronym;Orgnr;Navn
F1;FIBRE;801;FIBERWOOD OY
F1;FIBRE;802;WOODFIBER APS
F1;FIBRE;803;FIBERCRYST SAS
F1;FIBRE;804;FiberCop S.p.A.
F1;FIBRE;805;Hunton Fiber As
F1;FIBRE;806;Fiber Valley AB
F1;FIBRE;807;Optic Fiber Lab
"""


@pytest.fixture(scope="module")
def store(embedded_server, tmp_path_factory):
    opened = open_fixture_network(embedded_server, GRAPH)
    run_load(opened, "csv", write_preset(tmp_path_factory.mktemp("fiber"), TABLE, {}, 'separator = ";"'))
    yield opened
    opened.clear()
    opened.close()


def test_cli_a_misspelt_name_of_several_words_is_compared_whole(store, embedded_server):
    result = invoke(cli_env(embedded_server, GRAPH), "recommend", "--for", "fiber optic valey")
    assert error_line(result.exit_code, result.stderr) == (
        "Error: no Organisation or Cluster has the id or name 'fiber optic valey'. Did you mean: Fiber Optic Valley "
        "(Cluster:fiber-optic-valley)?")


def test_a_name_near_no_whole_name_still_gets_the_names_holding_its_words(store):
    with pytest.raises(NotFound) as refused:
        resolve_node(store, "fiber qqqqqqqqqq", ("Organisation", "Cluster"))
    assert "Did you mean: FIBERWOOD OY (Organisation:801)" in str(refused.value)
