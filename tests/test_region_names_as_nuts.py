"""A region cell that names one NUTS region of the row's country is that NUTS region, whether or not NUTS is loaded.

A Swedish grants table (tests/fixtures/swedish_grants/vinnova_beviljade.csv) writes its partners' county as
`Västerbotten`, `Norrbotten`: loaded beside CORDIS without the NUTS files, each became the national region
`SE-Västerbotten`, off the Map and outside `metrics compute --region SE33`, apart from CORDIS's SE331. The names are
now read against the bundled GISCO files (`loaders.region_countries`, `loaders.generic_regions`), a Swedish county
also without its `län`. The table is loaded through the CLI with the mapping `mapping new` drafts for it, into a real
embedded store holding the CORDIS fixture.
"""

from __future__ import annotations

import shutil

import pytest

from graph.store.falkordb_store import FalkorDBStore
from loaders.generic import load_generic
from loaders.mapping_new.participation import participation_template
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES
from tests.generic_files import write_preset

GRAPH = "region_names_as_nuts"
TABLE = FIXTURES / "swedish_grants" / "vinnova_beviljade.csv"
VASTERBOTTEN = {"Umeå universitet", "Boliden Mineral AB", "Skellefteå kommun", "Northvolt Revolt AB"}


@pytest.fixture(scope="module")
def loaded(embedded_server, tmp_path_factory):
    """The CORDIS fixture, then the Vinnova table with its drafted mapping: the CLI environment and the `--check`'s
    output before the load."""
    folder = tmp_path_factory.mktemp("vinnova")
    shutil.copy(TABLE, folder / TABLE.name)
    mapping = folder / "mapping.toml"
    mapping.write_text(participation_template(folder / TABLE.name), encoding="utf-8")
    env = cli_env(embedded_server, GRAPH)
    done = [invoke(env, "load", *args) for args in (("cordis", str(FIXTURES / "cordis")),
                                                    ("csv", str(mapping), "--check"), ("csv", str(mapping)))]
    assert [d.exit_code for d in done] == [0, 0, 0], [d.stderr for d in done]
    return env, done[1].stdout


def test_the_partners_of_a_county_named_by_its_name_are_in_its_nuts_region(loaded, embedded_server):
    store = FalkorDBStore(embedded_server, GRAPH)
    try:
        placed = dict(store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) WHERE o.name IN $names "
                                 "RETURN o.name, r.id", {"names": sorted(VASTERBOTTEN)}).rows)
        national = store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows
        chain = store.read("MATCH (:Region {id: 'SE331'})-[:PART_OF]->(p:Region)-[:PART_OF]->(q) "
                           "RETURN p.id, p.name, q.id").rows
    finally:
        store.close()
    assert placed == dict.fromkeys(VASTERBOTTEN, "SE331")
    assert national == []
    assert chain == [["SE33", "Övre Norrland", "SE3"]]


@pytest.mark.parametrize("region", ["SE33", "Övre Norrland", "SE331"])
def test_metrics_of_ovre_norrland_rank_them(loaded, region):
    env, _ = loaded
    computed = invoke(env, "metrics", "compute", "--metric", "degree", "-k", "50", "--region", region)
    assert computed.exit_code == 0, computed.stderr
    assert VASTERBOTTEN <= {line.strip().split("  ")[1] for line in computed.stdout.splitlines()
                            if line.startswith("   ")}


def test_the_check_says_how_many_were_read_by_their_name(loaded):
    _, checked = loaded
    assert ("14 node(s) are placed in the NUTS region their region cell names, as a NUTS code would place them (5 "
            "region name(s); no national region of that name is made): Norrbotten -> SE332 Norrbottens län, "
            "Uppsala -> SE121 Uppsala län, Västerbotten -> SE331 Västerbottens län") in checked


COUNTIES = ("Prosjekt;Akronym;Orgnr;Navn;Land;Region\n1;Vind;1;Stockholm Lab AB;SE;Stockholm\n"
            "1;Vind;2;Umeå Lab AB;SE;Västerbottens län\n1;Vind;3;Viken AS;NO;Viken\n1;Vind;4;Vestlab AS;NO;Vestland\n"
            "1;Vind;5;Bergen Lab AS;NO;Hordaland\n1;Vind;6;Wien Lab GmbH;AT;Wiener Umland\n")


def test_a_name_is_taken_at_the_column_level_in_the_newest_version_and_one_nuts_lacks_stays_national(
        embedded_store, tmp_path):
    """`Stockholm` names SE11 (NUTS 2) and SE110 (Stockholms län, NUTS 3): the column's counties are NUTS 3, so
    SE110. `Viken` is NUTS 2021's NO082 alone (Norway's 2024 split it); `Vestland` NO0A2 of both. Hordaland (a fylke
    of before 2020) is no NUTS name, and `Wiener Umland` names two regions: both stay national regions, said so."""
    report = load_generic(embedded_store, write_preset(tmp_path, COUNTIES, {"country": '"Land"',
                                                                            "region": '"Region"'}))
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.id, r.id").rows)
    assert placed == {"1": "SE110", "2": "SE331", "3": "NO082", "4": "NO0A2", "5": "NO-Hordaland",
                      "6": "AT-Wiener-Umland"}
    assert ("Stockholm names both SE11 (NUTS 2) and SE110 (NUTS 3); taken as SE110, the level of the column's other "
            "regions; give the code to choose") in report.notes
    assert any(note.startswith("2 region name(s) of the table are not the name of one NUTS region (of the store or "
                               "of the bundled NUTS files) of their country, so each is made a region of its own, "
                               "without a place on the Map: AT-Wiener-Umland (names AT126 and AT127), NO-Hordaland;")
               for note in report.notes), report.notes


def test_a_danish_or_swedish_region_named_with_region_is_its_nuts_region(embedded_store, tmp_path):
    """A Danish member list writes `Region Syddanmark` and a Swedish one `Region Skåne` (the county council's name):
    NUTS writes `Syddanmark` (DK03) and `Skåne län` (SE224); each had become a national region off the Map."""
    table = ("Prosjekt;Akronym;Orgnr;Navn;Land;Region\n1;Vind;1;Odense Lab ApS;DK;Region Syddanmark\n"
             "1;Vind;2;Aarhus Lab ApS;DK;Region Midtjylland\n1;Vind;3;Malmö Lab AB;SE;Region Skåne\n")
    load_generic(embedded_store, write_preset(tmp_path, table, {"country": '"Land"', "region": '"Region"'}))
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.id, r.id").rows)
    assert placed == {"1": "DK03", "2": "DK04", "3": "SE224"}
