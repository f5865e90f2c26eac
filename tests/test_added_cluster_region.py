"""A cluster made by a member list's mapping (`add = true`) placed by `region`, and the note on county numbers.

A Finnish cluster manager's list (30 of 45 members in Pirkanmaa) made its cluster with `add = true, country = "FI"`:
the cluster had no region, the Map drew it at Finland's centre and `--region Pirkanmaa` left it out. `region` beside
`add` places it (a NUTS code or a region's name, checked against the store); without it the note proposes the region
most members are in. And a `county_numbers` column had placed its rows without a word: a note now names each cell
and the region it became. Real files (tests/fixtures/cluster_member_region), the real embedded store.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import to_networkx
from graph.views.filters import Filters
from graph.views.load_nodes import actors_brought_by
from graph.views.store_selection import selected
from loaders.generic import read_generic
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES
from tests.generic_files import problems_of, snapshot

BUNDLED_NUTS = Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "gisco-nuts"
LISTS = FIXTURES / "cluster_member_region"
CLUSTER = "Cluster:Pirkanmaan Robotiikkaklusteri"
REGION_LINE = 'add = true, country = "FI", region = "Pirkanmaa" }'


def _mapping(tmp_path: Path, end: str = REGION_LINE) -> Path:
    """The Finnish list and its mapping in `tmp_path`, the cluster's end written `end`."""
    shutil.copy(LISTS / "jasenet.csv", tmp_path / "jasenet.csv")
    text = (LISTS / "mapping.toml").read_text(encoding="utf-8")
    (tmp_path / "mapping.toml").write_text(text.replace(REGION_LINE, end), encoding="utf-8")
    return tmp_path / "mapping.toml"


def _notes(report) -> list[str]:
    return [note for note in report.load.notes if "Pirkanmaan Robotiikkaklusteri" in note]


@pytest.mark.parametrize("region", ["Pirkanmaa", "FI19B"])
def test_region_beside_add_places_the_cluster_it_makes_in_that_region_of_the_store(embedded_store, tmp_path, region):
    load_nuts(embedded_store, BUNDLED_NUTS)
    mapping = _mapping(tmp_path, REGION_LINE.replace('"Pirkanmaa"', f'"{region}"'))
    report = run_load(embedded_store, "csv", mapping)
    graph = to_networkx(embedded_store)
    assert [b for a, b, data in graph.edges(data=True) if a == CLUSTER and data["type"] == "LOCATED_IN"] == [
        "Region:FI19B"]
    assert graph.nodes[CLUSTER]["nuts_code"] == "FI19B" and graph.nodes[CLUSTER]["country"] == "FI"
    assert _notes(report) == ["Cluster 'Pirkanmaan Robotiikkaklusteri' is in neither the files nor the store: made "
                              "from the mapping's value (add = true), its id and name, in FI, in Pirkanmaa (FI19B)"]


def test_without_region_the_note_proposes_the_members_region_and_the_cluster_is_not_placed(embedded_store, tmp_path):
    load_nuts(embedded_store, BUNDLED_NUTS)
    report = run_load(embedded_store, "csv", _mapping(tmp_path, 'add = true, country = "FI" }'))
    assert _notes(report) == ["Cluster 'Pirkanmaan Robotiikkaklusteri' is in neither the files nor the store: made "
                              "from the mapping's value (add = true), its id and name, in FI; 6 of its 8 members are "
                              'in Pirkanmaa (FI19B): write region = "FI19B" beside add = true to place it there']
    graph = to_networkx(embedded_store)
    assert not [b for a, b, data in graph.edges(data=True) if a == CLUSTER and data["type"] == "LOCATED_IN"]


def test_a_region_naming_no_region_of_the_store_names_the_mapping_line_and_writes_nothing(embedded_store, tmp_path):
    load_nuts(embedded_store, BUNDLED_NUTS)
    before = snapshot(embedded_store)
    problems = [str(p) for p in problems_of(_mapping(tmp_path, REGION_LINE.replace("Pirkanmaa", "Pirkanmo")),
                                            embedded_store)]
    assert problems == ["mapping.toml:21 [end.region]: region 'Pirkanmo' names no region of FI in the store, by NUTS "
                        "code or name: write the NUTS code or the name of the region the node is in (region = "
                        "\"FI19B\" or \"Pirkanmaa\")"]
    assert snapshot(embedded_store) == before


def test_region_goes_with_add(tmp_path):
    with pytest.raises(ValidationFailed) as failed:
        read_generic(_mapping(tmp_path, 'country = "FI", region = "Pirkanmaa" }'))
    assert [str(p) for p in failed.value.problems][0].startswith(
        "mapping.toml:21 [end]: end's country goes with add = true")
    with pytest.raises(ValidationFailed) as failed:
        read_generic(_mapping(tmp_path, 'region = "Pirkanmaa" }'))
    assert [str(p) for p in failed.value.problems] == [
        "mapping.toml:21 [end]: end's region goes with add = true: the NUTS code or the name of the region of the node "
        "it makes (region = \"FI19B\"), got 'Pirkanmaa'"]


def test_the_notes_say_where_maakunta_numbers_placed_the_rows():
    _, _, notes = read_generic(LISTS / "mapping.toml")
    assert "jasenet.csv: Maakunta read as county numbers (FI): 06 -> Pirkanmaa FI19B (6 rows), 01 -> " \
           "Helsinki-Uusimaa FI1B1 (1 row), 11 -> Pohjois-Savo FI1DB (1 row)" in notes


def test_the_notes_say_where_kommune_names_and_numbers_placed_the_rows_a_few_of_them():
    _, _, notes = read_generic(LISTS / "kommuner.toml")
    assert "kommuner.csv: Kommune read as county numbers (DK): Aarhus -> Østjylland DK042 (2 rows), Odense -> Fyn " \
           "DK031 (2 rows), 461 -> Fyn DK031 (1 row), 851 -> Nordjylland DK050 (1 row), Billund -> Sydjylland DK032 " \
           "(1 row), Gladsaxe -> Københavns omegn DK012 (1 row) and 2 more" in notes


def test_mapping_new_writes_the_region_most_members_are_in_beside_add(tmp_path):
    shutil.copy(LISTS / "jasenet.csv", tmp_path / "jasenet.csv")
    made = invoke(cli_env(tmp_path / "unused.db"), "mapping", "new", str(tmp_path / "jasenet.csv"))
    assert made.exit_code == 0, made.stderr
    assert '# end = { label = "Cluster", value = "the cluster\'s name", add = true, country = "FI", region = ' \
           '"FI19B" }  # add: made from this name if the store has no cluster so named  #? region: 6 of its 8 ' \
           "members are in Pirkanmaa (FI19B)\n" in made.stdout


def test_mapping_new_writes_no_region_where_no_region_holds_most_members(tmp_path):
    shutil.copy(LISTS / "kommuner.csv", tmp_path / "kommuner.csv")  # Fyn holds 4 of the 10
    made = invoke(cli_env(tmp_path / "unused.db"), "mapping", "new", str(tmp_path / "kommuner.csv"))
    assert made.exit_code == 0, made.stderr
    assert 'add = true, country = "DK" }  # add:' in made.stdout and "region = " not in made.stdout.split(
        "# the members of which cluster?")[1]


def _selected_names(store, places: tuple[str, ...]) -> list[str]:
    chosen = selected(store, Filters(places=places)) or {}
    rows = store.read("MATCH (c:Cluster) RETURN id(c) AS node, c.name AS name", {}).rows
    return sorted(name for node, name in rows if node in chosen)


@pytest.mark.parametrize("places", [("Region:FI19B",), ("Region:FI1",), ("Country:FI",)])
def test_explore_place_filter_selects_the_cluster_a_member_list_placed_though_it_is_no_organisation(
        embedded_store, tmp_path, places):
    load_nuts(embedded_store, BUNDLED_NUTS)
    run_load(embedded_store, "csv", _mapping(tmp_path))
    assert _selected_names(embedded_store, places) == ["Pirkanmaan Robotiikkaklusteri"]


def test_explore_country_filter_selects_a_cluster_made_with_only_its_country(embedded_store, tmp_path):
    load_nuts(embedded_store, BUNDLED_NUTS)
    run_load(embedded_store, "csv", _mapping(tmp_path, 'add = true, country = "FI" }'))
    assert _selected_names(embedded_store, ("Country:FI",)) == ["Pirkanmaan Robotiikkaklusteri"]
    assert _selected_names(embedded_store, ("Region:FI19B",)) == []


def test_the_maps_load_choice_counts_the_cluster_the_load_made(embedded_store, tmp_path):
    load_nuts(embedded_store, BUNDLED_NUTS)
    run_load(embedded_store, "csv", _mapping(tmp_path))
    assert CLUSTER in actors_brought_by(embedded_store, "user:jasenet")


def _other_load(tmp_path: Path, region: str) -> Path:
    """A second member list (another load: `name = "toinen"`) naming the same cluster with `region` beside add."""
    other = tmp_path / "toinen"
    other.mkdir()
    mapping = _mapping(other, REGION_LINE.replace('"Pirkanmaa"', f'"{region}"'))
    mapping.write_text(mapping.read_text(encoding="utf-8").replace('name = "jasenet"', 'name = "toinen"'),
                       encoding="utf-8")
    return mapping


def test_region_beside_add_naming_a_cluster_another_load_made_says_it_stays_where_that_load_placed_it(
        embedded_store, tmp_path):
    load_nuts(embedded_store, BUNDLED_NUTS)
    run_load(embedded_store, "csv", _mapping(tmp_path))
    report = run_load(embedded_store, "csv", _other_load(tmp_path, "Helsinki-Uusimaa"))
    assert _notes(report) == [
        "Cluster 'Pirkanmaan Robotiikkaklusteri' is already in the store, and the rows link to it; country = \"FI\", "
        "region = \"Helsinki-Uusimaa\" beside add = true place only a node the load makes: it stays in Pirkanmaa "
        "(FI19B), as the load that gave it (user:jasenet/jasenet.csv) placed it. To move it, give its place in that "
        "load's table or mapping and load it again; to make a node of this load's own, write another name"]
    graph = to_networkx(embedded_store)
    assert [b for a, b, data in graph.edges(data=True) if a == CLUSTER and data["type"] == "LOCATED_IN"] == [
        "Region:FI19B"]


def test_region_beside_add_naming_where_the_stored_cluster_already_is_needs_no_note(embedded_store, tmp_path):
    load_nuts(embedded_store, BUNDLED_NUTS)
    run_load(embedded_store, "csv", _mapping(tmp_path))
    assert _notes(run_load(embedded_store, "csv", _other_load(tmp_path, "FI19B"))) == []
