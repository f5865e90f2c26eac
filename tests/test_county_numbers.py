"""A region column of county numbers (`Län` = `14`, `Fylke` = `46`) is read as the counties' NUTS 3 regions when the
mapping says `county_numbers` (`loaders.county_numbers`): the table of numbers is checked against the bundled NUTS
files, the `nordic_grants` fixture is placed in NUTS's regions on the embedded store, a number no county has is a
problem naming file, line and column (nothing written), and `mapping new` writes the option for such a column.
Norway's fylke numbers of before 2020 are read as the region of 2024 that holds each fylke, and the load says so."""

from __future__ import annotations

import csv
import io
import lzma
import re
import tomllib
from pathlib import Path

import pytest

from graph.store.reads import to_networkx
from loaders.county_numbers import COUNTY_NUMBERS, EARLIER_COUNTIES
from loaders.generic import read_generic
from loaders.mapping_new.participation import participation_template, template_shape
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from tests.conftest import FIXTURES
from tests.generic_files import problems_of, snapshot, write_files, write_preset

BUNDLED_NUTS = Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "gisco-nuts"
MAPPING = FIXTURES / "nordic_grants" / "mapping.toml"
NO_2020 = {30, 38, 54}  # the numbers of 2020-2023's counties that 2024 split: NUTS 2021's regions
NO_2024 = {3, 11, 15, 18, 31, 32, 33, 34, 39, 40, 42, 46, 50, 55, 56}  # Statistics Norway's fylkesnummer since 2024
NO_BEFORE_2020 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20}  # ... until 2019 (50: 2018-)


def _bundled(version: int) -> dict[str, str]:
    """NUTS code -> name (its first part, of a name in several languages) in the bundled file of `version`."""
    text = lzma.decompress((BUNDLED_NUTS / f"nuts{version}_label_points.csv.xz").read_bytes()).decode("utf-8")
    return {row["NUTS_ID"]: row["NAME_LATN"].split("/")[0] for row in csv.DictReader(io.StringIO(text))}


@pytest.mark.parametrize(("country", "number"), [(c, n) for c, numbers in COUNTY_NUMBERS.items() for n in numbers])
def test_each_county_number_is_a_level_3_region_of_the_bundled_nuts_files_by_code_and_name(country, number):
    code, name = COUNTY_NUMBERS[country][number]
    versions = (2021,) if country == "NO" and number in NO_2020 else (2024,) if country == "NO" else (2021, 2024)
    for version in versions:
        assert _bundled(version).get(code) == name, (version, code)
    assert len(code) == 5 and code.startswith(country)
    if versions == (2021,):
        assert code not in _bundled(2024)  # split in 2024: a number of its own only until then


def test_every_swedish_county_and_every_norwegian_county_of_2024_has_its_number():
    se = {code for code, name in _bundled(2021).items() if code.startswith("SE") and len(code) == 5}
    no = {code for code, name in _bundled(2024).items() if code.startswith("NO0") and len(code) == 5
          and code[:4] != "NO0B"}  # Svalbard and Jan Mayen are no fylke
    assert {code for code, _ in COUNTY_NUMBERS["SE"].values()} == se
    assert {code for n, (code, _) in COUNTY_NUMBERS["NO"].items() if n not in NO_2020} == no


def test_the_fixtures_county_numbers_place_its_organisations_in_nuts_regions(embedded_store):
    load_nuts(embedded_store, BUNDLED_NUTS)
    report = run_load(embedded_store, "csv", MAPPING)
    graph = to_networkx(embedded_store)
    placed = {a[len("Organisation:"):]: b for a, b, data in graph.edges(data=True)
              if data["type"] == "LOCATED_IN" and a.startswith("Organisation:")}
    assert placed == {
        "5561234567": "Region:SE212", "2021001234": "Region:SE212", "5569876543": "Region:SE232",  # 07 and 7
        "2021000779": "Region:SE232", "5565554443": "Region:SE224", "5562223334": "Region:SE332",
        "2021002801": "Region:SE332", "2021001040": "Region:SE110", "5569990001": "Country:SE",  # no län
        "912000227": "Region:NO092", "912000129": "Region:NO0A2", "913000001": "Region:NO0A2",
        "913000002": "Region:NO081", "913000003": "Region:NO060", "913000004": "Region:NO072",
        "913000005": "Region:NO082"}  # 30, Viken: NUTS 2021
    assert not [n for n in graph if n.startswith(("Region:SE-", "Region:NO-"))]  # no national region made
    assert graph.nodes["Organisation:913000004"]["country"] == "NO"  # the fylke gives the country
    assert graph.nodes["Organisation:5569876543"]["nuts_code"] == "SE232"
    assert graph.nodes["Region:SE232"]["lat"] is not None  # NUTS's region, on the Map
    assert {source for node in ("Region:SE232", "Region:SE23", "Region:NO0A2", "Country:NO")
            for source in graph.nodes[node]["sources"]} <= {"nuts:nuts2021_label_points.csv",
                                                             "nuts:nuts2024_label_points.csv"}  # left as NUTS made them
    assert not any("keep their names" in note for note in report.load.notes)
    assert report.summary.created > 0
    assert not any("region name(s) of the table are not" in note for note in report.load.notes)


def _orgs(located_in: str) -> str:
    """A mapping of the organisations of `orgs.csv` (`nr`, `namn`) placed by the `located_in` lines given."""
    return ('name = "orgs"\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "nr"\nname = "namn"\n'
            f"[nodes.located_in]\n{located_in}\n")


def test_a_number_no_county_has_names_file_line_and_column_and_writes_nothing(embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": _orgs(
        'region = { column = "Län", county_numbers = "SE", values = { "99" = "SE110" } }\ncountry = "land"'),
        "orgs.csv": "nr;namn;Län;land\n1;Ett AB;14;SE\n2;Två AB;02;SE\n3;Tre AS;46;NO\n4;Fyra AB;99;SE\n"})
    before = snapshot(embedded_store)
    problems = [str(p) for p in problems_of(mapping, embedded_store)]
    assert len(problems) == 2
    assert problems[0].startswith("orgs.csv:3 [Län]: '02' is no län number of SE (county_numbers = \"SE\" reads 01, "
                                  "03, 04,")
    assert 'values = { "02" = "NUTS code or region name" }' in problems[0]
    assert problems[1].startswith("orgs.csv:4 [Län]: '46' is read as a län number of SE (county_numbers = \"SE\"), "
                                  "but the row's country is NO")
    assert snapshot(embedded_store) == before
    (tmp_path / "orgs.csv").write_text("nr;namn;Län;land\n1;Ett AB;14;SE\n4;Fyra AB;99;SE\n", encoding="utf-8")
    nodes, _, _ = read_generic(mapping)  # the mapping's own recode wins: 99 is Stockholm
    assert {n.id: n.properties.get("nuts_code") for n in nodes if n.label == "Organisation"} == {
        "1": "SE232", "4": "SE110"}


def test_an_unknown_county_numbers_country_is_a_mapping_problem(tmp_path):
    mapping = write_preset(tmp_path, "Prosjekt;Akronym;Orgnr;Navn;Bezirk\n1;HAV;9;Fjordlab GmbH;84\n",
                           {"region": '{ column = "Bezirk", county_numbers = "AT" }', "country": '{ value = "AT" }'})
    problems = [str(p) for p in problems_of(mapping)]
    assert any("county_numbers = 'AT' is not known: write one of \"SE\" (län numbers), \"NO\" (fylke numbers)" in p
               for p in problems), problems


def test_the_preset_reads_county_numbers_in_its_columns(tmp_path):
    mapping = write_preset(tmp_path, "Prosjekt;Akronym;Orgnr;Navn;Rolle;Län\n1;HAV;9;Kust AB;Samordnare;12\n",
                           {"role": '"Rolle"', "region": '{ column = "Län", county_numbers = "SE" }'})
    nodes, rels, _ = read_generic(mapping)
    assert next(n for n in nodes if n.label == "Organisation").properties["nuts_code"] == "SE224"
    assert next(r for r in rels if r.type == "PARTICIPATES_IN").properties["role"] == "coordinator"


def test_mapping_new_writes_county_numbers_for_a_column_of_them_and_the_mapping_reads_it(tmp_path):
    (tmp_path / "bidrag.csv").write_bytes((FIXTURES / "nordic_grants" / "bidrag.csv").read_bytes())
    text = participation_template(tmp_path / "bidrag.csv")
    assert tomllib.loads(text)["columns"]["region"] == {"column": "Län", "county_numbers": "SE"}
    assert "the cells are SE's län numbers, each read as its NUTS 3 region" in text
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    nodes, _, _ = read_generic(tmp_path / "mapping.toml")
    codes = {n.properties.get("nuts_code") for n in nodes if n.label == "Organisation"}
    assert codes == {"SE212", "SE232", "SE224", "SE332", "SE110", None}


def test_mapping_new_keeps_a_column_of_names_as_it_is(tmp_path):
    (tmp_path / "t.csv").write_text("Diarienummer;Projekttitel;Organisation;Län\n1;A;Ett AB;Skåne län\n"
                                    "2;B;Två AB;Hallands län\n", encoding="utf-8")
    assert tomllib.loads(participation_template(tmp_path / "t.csv"))["columns"]["region"] == "Län"


def test_mapping_new_reads_the_numbers_of_a_column_of_names_and_numbers(tmp_path):
    # `14` beside `Skåne län` had been left a region name, a national region off the Map; a name is still read as one
    (tmp_path / "t.csv").write_text("Diarienummer;Projekttitel;Organisation;Län\n1;A;Ett AB;Skåne län\n"
                                    "2;B;Två AB;14\n", encoding="utf-8")
    assert tomllib.loads(participation_template(tmp_path / "t.csv"))["columns"]["region"] == {
        "column": "Län", "county_numbers": "SE"}


def test_the_users_guide_lists_every_county_number_with_its_region():
    text = (Path(__file__).resolve().parents[1] / "docs" / "mapping.md").read_text(encoding="utf-8")
    for country, numbers in COUNTY_NUMBERS.items():
        row = next(line for line in text.splitlines() if line.startswith(f'| `"{country}"` |'))
        for number, (code, _) in numbers.items():
            assert re.search(rf"\b{number:02d} [^,;]*? {code}\b", row), (country, number, code)


def test_no_fylke_number_names_two_fylker_of_different_eras():
    both = NO_BEFORE_2020 & NO_2024
    assert both == {3, 11, 15, 18}  # Oslo, Rogaland, Møre og Romsdal, Nordland kept their numbers
    assert not both & set(EARLIER_COUNTIES)  # one county's in every era: read as today's, no era to say
    assert not (NO_2020 | NO_2024) & (NO_BEFORE_2020 - both)
    assert set(COUNTY_NUMBERS["NO"]) == NO_BEFORE_2020 | NO_2020 | NO_2024 | {34, 42, 46, 50}  # 2020's kept in 2024
    assert {n for n, (when, _) in EARLIER_COUNTIES.items() if when == "before 2020"} == NO_BEFORE_2020 - both
    assert {n for n, (when, _) in EARLIER_COUNTIES.items() if when == "2020-2023"} == NO_2020


def test_each_fylke_before_2020_is_the_region_of_2024_that_holds_it_and_the_merged_ones_share_theirs():
    nuts2024 = _bundled(2024)
    region = {number: code for number, (code, _) in COUNTY_NUMBERS["NO"].items()}
    assert all(region[number] in nuts2024 for number in NO_BEFORE_2020)
    assert region[4] == region[5] == region[34] == "NO020"  # Hedmark, Oppland: Innlandet
    assert region[9] == region[10] == region[42] == "NO092"  # Aust-, Vest-Agder: Agder
    assert region[12] == region[14] == region[46] == "NO0A2"  # Hordaland, Sogn og Fjordane: Vestland
    assert region[16] == region[17] == region[50] == "NO060"  # Sør-, Nord-Trøndelag: Trøndelag
    same_name = {n for n, (when, name) in EARLIER_COUNTIES.items() if when == "before 2020"
                 and nuts2024[region[n]] == name}
    assert same_name == {1, 2, 6, 7, 8, 19, 20}  # today's fylker of their names; the other eight merged


OLD_FYLKER = "nr;namn;Fylke\n1;Hamar AS;04\n2;Gjøvik AS;05\n3;Elverum AS;4\n4;Bergen AS;12\n5;Moss AS;01\n" \
             "6;Viken AS;30\n7;Vestland AS;46\n8;Oslo AS;03\n9;Steinkjer AS;17\n"


def test_a_table_of_fylke_numbers_before_2020_is_placed_in_their_regions_and_the_summary_says_which_era(
        embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": _orgs('region = { column = "Fylke", county_numbers = "NO" }'),
                                     "orgs.csv": OLD_FYLKER})
    load_nuts(embedded_store, BUNDLED_NUTS)
    report = run_load(embedded_store, "csv", mapping)
    graph = to_networkx(embedded_store)
    placed = {a[len("Organisation:"):]: b[len("Region:"):] for a, b, data in graph.edges(data=True)
              if data["type"] == "LOCATED_IN" and a.startswith("Organisation:")}
    assert placed == {"1": "NO020", "2": "NO020", "3": "NO020", "4": "NO0A2", "5": "NO083", "6": "NO082",
                      "7": "NO0A2", "8": "NO081", "9": "NO060"}
    assert not [n for n in graph if n.startswith("Region:NO-")]  # no national region: every one on the Map
    assert [n for n in report.load.notes if "earlier time" in n] == [
        "orgs.csv [Fylke]: 7 cell(s) are fylke numbers of an earlier time, each read as the NUTS region that holds all "
        "or most of its fylke: before 2020: 01 Østfold as NO083 (1), 04 Hedmark as NO020 Innlandet (2), 05 Oppland as "
        "NO020 Innlandet (1), 12 Hordaland as NO0A2 Vestland (1), 17 Nord-Trøndelag as NO060 Trøndelag (1); "
        "2020-2023 (NUTS 2021): 30 Viken as NO082 (1); 04 Hedmark, 05 Oppland, 12 Hordaland, 17 Nord-Trøndelag: "
        "merged since, each read as the region that covers it (its own detail is lost) (a `values` recode on the "
        "column wins)"]
    again = run_load(embedded_store, "csv", mapping)
    assert again.summary.created == again.summary.updated == 0  # a re-run changes nothing


def test_a_recoded_fylke_number_is_the_users_and_not_said(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": _orgs(
        'region = { column = "Fylke", county_numbers = "NO", values = { "04" = "NO020" } }'),
        "orgs.csv": "nr;namn;Fylke\n1;Hamar AS;04\n2;Oslo AS;03\n"})
    nodes, _, notes = read_generic(mapping)
    assert {n.id: n.properties.get("nuts_code") for n in nodes if n.label == "Organisation"} == {"1": "NO020",
                                                                                                "2": "NO081"}
    assert not [n for n in notes if "earlier time" in n]


def test_mapping_new_reads_a_fylke_column_of_numbers_before_2020_and_says_their_era(tmp_path):
    (tmp_path / "t.csv").write_text("Prosjektnummer;Prosjekttittel;Organisasjonsnavn;Fylke\n1;A;Hamar AS;04\n"
                                    "2;B;Bergen AS;12\n3;C;Oslo AS;03\n", encoding="utf-8")
    text = participation_template(tmp_path / "t.csv")
    assert tomllib.loads(text)["columns"]["region"] == {"column": "Fylke", "county_numbers": "NO"}
    assert ("the cells are NO's fylke numbers, each read as its NUTS 3 region (of an earlier time: 04 Hedmark, 12 "
            "Hordaland, each read as the region that holds it)") in text
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    nodes, _, _ = read_generic(tmp_path / "mapping.toml")
    assert {n.properties.get("nuts_code") for n in nodes if n.label == "Organisation"} == {"NO020", "NO0A2", "NO081"}


def test_mapping_new_for_a_member_list_of_old_fylke_numbers_says_their_era_and_places_them(tmp_path):
    (tmp_path / "medlemmer.csv").write_text("Navn;Klynge;Fylke\nHamar AS;Innlandsklyngen;04\nBergen AS;Havklyngen;12\n",
                                            encoding="utf-8")
    text = participation_template(tmp_path / "medlemmer.csv")
    assert template_shape(text) == "organisation"
    assert ("(the regions are NO's fylke numbers; of an earlier time: 04 Hedmark, 12 Hordaland, each read as the "
            "region that holds it)") in text
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    nodes, _, notes = read_generic(tmp_path / "mapping.toml")
    assert {n.name: n.properties.get("nuts_code") for n in nodes if n.label == "Organisation"} == {
        "Hamar AS": "NO020", "Bergen AS": "NO0A2"}
    assert sum("earlier time" in n for n in notes) == 1
