"""The consortium check on a national grants table beside CORDIS, as a programme officer's try-out had it: a role
named by the user's own sector, partners whose SME status the store does not know, and as many candidates per
gap as asked for. A real store (seeds, NUTS and CORDIS fixtures, and the table below, by the real loaders)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.analytics.consortium import CallRules, check_consortium
from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex, Requirements, recommend
from graph.store.falkordb_store import FalkorDBStore
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke
from tests.conftest import open_fixture_network
from tests.generic_files import write_preset

#: Nordlys (NO) and Svea (SE) are the consortium; Rhein (DE) is Nordlys's known partner and links it to Ruhr and
#: Elbe (both DE) and Jylland (DK), so the two best candidates of a new country are of one country. The countries
#: are names in the table's language, the sectors its own (`Laser`, which the sector bridge ties to CORDIS's field
#: `laser physics`; `Recycling`, also the name of a CORDIS field), and there is no SME column.
TABLE = """\
Prosjekt;Akronym;Orgnr;Navn;Land;Rolle;Tema
P1;LASERNORD;901;Nordlys AS;Norge;Koordinator;Laser
P1;LASERNORD;902;Svea Batteri AB;Sverige;Partner;Laser
P2;LASERRHEIN;901;Nordlys AS;NO;Koordinator;Laser
P2;LASERRHEIN;903;Rhein Optik GmbH;Deutschland;Partner;Laser
P3;RUHRLASER;903;Rhein Optik GmbH;Deutschland;Koordinator;Laser
P3;RUHRLASER;904;Ruhr Photonik GmbH;Tyskland;Partner;Laser
P3;RUHRLASER;905;Elbe Laser GmbH;Germany;Partner;Laser
P3;RUHRLASER;906;Jylland Lys ApS;Danmark;Partner;Laser
P4;GJENVINN;901;Nordlys AS;Norge;Koordinator;Recycling
P4;GJENVINN;907;Fjord Gjenvinning AS;Norge;Partner;Recycling
"""
GRAPH = "consortium_gaps"
NORDLYS, SVEA, CONSORTIUM = "Organisation:901", "Organisation:902", ["Organisation:901", "Organisation:902"]
#: CORDIS fixture organisations: one known as an SME, one known as not one.
OCEAN_VISUALS, OSLO = "Organisation:pic:924119292", "Organisation:pic:999975814"


def open_table_store(server: Path, graph_name: str, folder: Path) -> FalkorDBStore:
    """A fresh graph holding the fixture network and the table, loaded as a user loads it (`load csv`, with the
    derived facts); tests/test_recommend_names.py reads it too."""
    store = open_fixture_network(server, graph_name)
    run_load(store, "csv", write_preset(folder, TABLE, {"country": '"Land"', "role": '"Rolle"', "sector": '"Tema"'},
                                        'separator = ";"'))
    return store


@pytest.fixture(scope="module")
def table_store(embedded_server, tmp_path_factory):
    store = open_table_store(embedded_server, GRAPH, tmp_path_factory.mktemp("table"))
    yield store
    store.clear()
    store.close()


@pytest.fixture(scope="module")
def index(table_store) -> RecommenderIndex:
    return RecommenderIndex(read_inputs(table_store))


@pytest.fixture(scope="module")
def env(table_store, embedded_server):
    return cli_env(embedded_server, GRAPH)


@pytest.mark.parametrize("role", ["Laser", "Sector:Laser", "laser"])
def test_a_role_by_the_users_own_sector_is_that_sector(index, role):
    """`Laser` was bridged to CORDIS's `laser physics`, and the gap said no partner works in it, though Nordlys's
    two projects are Laser projects."""
    check = check_consortium(index, CONSORTIUM, CallRules(roles=(role, "Sector:Laser")))
    assert check.gaps == [] and check.met == ["works in Laser"]  # said once, however often the role is given


def test_a_gap_of_a_field_is_headed_by_the_fields_name_not_its_id(index):
    check = check_consortium(index, CONSORTIUM, CallRules(roles=("laser physics",)))
    gap, = check.gaps
    assert (gap.rule, gap.text) == ("role:laser physics", "no partner works in laser physics: 1 partner that does")


def test_the_exact_name_of_several_sectors_takes_them_all(index):
    """`recycling` names the table's sector and CORDIS's field: organisations of either fill the role (two of each,
    Nordlys of the consortium aside), as `metrics --sector` takes every sector of an exact name."""
    met, = check_consortium(index, CONSORTIUM, CallRules(roles=("recycling",))).met
    assert met.casefold() == "works in recycling"
    gap, = check_consortium(index, [SVEA], CallRules(roles=("recycling",))).gaps
    assert gap.pool == 4 and gap.rule.casefold() == "role:recycling"


def test_partners_of_unknown_sme_status_are_said_unknown_not_counted_as_non_smes(index):
    gap, = check_consortium(index, CONSORTIUM, CallRules(sme_share=0.3)).gaps
    assert gap.text == ("SME status unknown for 2 partners (Nordlys AS, Svea Batteri AB); the call asks for 30%, "
                        "judged on the partners whose status is known (none): 1 more SME")
    assert gap.missing == 1 and len(gap.candidates) == 5


def test_the_sme_share_is_judged_on_the_partners_whose_status_is_known(index):
    met = check_consortium(index, [NORDLYS, OCEAN_VISUALS], CallRules(sme_share=0.6))
    assert met.gaps == [] and met.met == [
        "1 SME of the 1 partner whose SME status is known; SME status unknown for 1 partner (Nordlys AS); the call "
        "asks for 60%, judged on the partners whose status is known: met (1 more SME if it is not one)"]
    gap, = check_consortium(index, [NORDLYS, SVEA, OSLO], CallRules(sme_share=0.3)).gaps
    assert gap.text == ("0 SMEs of the 1 partner whose SME status is known; SME status unknown for 2 partners "
                        "(Nordlys AS, Svea Batteri AB); the call asks for 30%, judged on the partners whose status is "
                        "known: 1 more SME (2 more SMEs if none of them is one)")


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_the_countries_gap_offers_k_candidates_of_new_countries(index, k):
    """The best of each new country was taken from the k best only: with Ruhr and Elbe (both DE) on top, `k` 2, 3, 4
    gave 1, 2, 3 candidates of a pool of dozens."""
    gap, = check_consortium(index, CONSORTIUM, CallRules(min_countries=3), k=k).gaps
    countries = [index.country[index.index[c.key]] for c in gap.candidates]
    assert len(gap.candidates) == k and gap.pool > k
    assert len(set(countries)) == k and not {"NO", "SE"} & set(countries)  # one of each new country first
    assert [c.score for c in gap.candidates] == sorted((c.score for c in gap.candidates), reverse=True)


def test_the_countries_gap_fills_up_with_a_second_of_a_country_when_countries_run_short(index):
    gap, = check_consortium(index, CONSORTIUM, CallRules(min_countries=3), k=40).gaps
    countries = {index.country[index.index[c.key]] for c in gap.candidates}
    assert len(gap.candidates) == 40 and len(countries) < 40


def test_cli_says_the_role_the_sme_status_and_k_candidates_per_gap(env):
    result = invoke(env, "recommend", "--for", "Nordlys AS", "--for", "Svea Batteri AB", "--min-countries", "3",
                    "--sme-share", "0.3", "--roles", "coordinator,Laser,laser physics", "-k", "3")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "met: works in Laser" in lines and "gap (role:laser physics): no partner works in laser physics: 1 " \
        "partner that does" in lines
    assert ("gap (sme_share): SME status unknown for 2 partners (Nordlys AS, Svea Batteri AB); the call asks for "
            "30%, judged on the partners whose status is known (none): 1 more SME") in lines
    heads = [i for i, line in enumerate(lines) if line.startswith("gap (")] + [len(lines)]
    counts = [sum(line.startswith(("   1.", "   2.", "   3.", "   4.")) for line in lines[a:b])
              for a, b in zip(heads, heads[1:], strict=False)]
    assert counts == [3, 3, 3]


def test_the_sme_share_as_a_weight_is_judged_on_the_partners_whose_status_is_known(index):
    """Without call rules, `--sme-share` only favours SMEs: with Ocean Visuals (an SME) beside Nordlys (unknown) the
    known share is 100%, and Nordlys counted as a non-SME had SMEs favoured all the same."""
    plain = recommend(index, [NORDLYS, OCEAN_VISUALS], k=10)
    asked = recommend(index, [NORDLYS, OCEAN_VISUALS], Requirements(sme_share=0.5), k=10)
    assert [c.key for c in asked] == [c.key for c in plain]
    assert not any(r.startswith("an SME") for c in asked for r in c.reasons)


def test_the_sme_weights_reason_names_the_partners_of_unknown_status(index):
    found = recommend(index, [NORDLYS, SVEA, OSLO], Requirements(sme_share=0.3), k=10)
    said = {r for c in found for r in c.reasons if r.startswith("an SME")}
    assert said == {"an SME (the consortium has 0 SMEs of the 1 partner whose SME status is known; SME status "
                    "unknown for 2 partners: Nordlys AS, Svea Batteri AB)"}


def test_an_sme_share_the_consortium_already_has_is_said_to_favour_no_sme(index):
    """A cluster of 5 SMEs among 12 asking for 30 % got the same big universities as without it, and nothing said
    why the wanted share changed nothing."""
    from graph.analytics.recommend_reasons import sme_note

    assert sme_note(index, [NORDLYS, OCEAN_VISUALS], Requirements(sme_share=0.5)) == (
        "the consortium already has 1 SME of the 1 partner whose SME status is known (100%), at least the 50% asked: "
        "SMEs are not favoured over the others")
    assert sme_note(index, [NORDLYS, SVEA, OSLO], Requirements(sme_share=0.3)) is None  # short of it: favoured
    assert sme_note(index, [NORDLYS, OCEAN_VISUALS], Requirements()) is None  # none asked


def test_cli_notes_an_sme_share_already_met(env):
    result = invoke(env, "recommend", "--for", "Nordlys AS", "--for", OCEAN_VISUALS, "--sme-share", "0.5", "-k", "2")
    assert result.exit_code == 0, result.stderr
    assert "note: the consortium already has 1 SME of the 1 partner whose SME status is known (100%)" in result.stderr
