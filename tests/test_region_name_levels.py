"""A region name several NUTS regions of different levels carry (`Nordjylland` is DK05, NUTS 2, and DK050, NUTS 3):
taken at the level of the column's other regions, and the load's notes say which was taken (a Danish programme's
`Region` column had put Nordjylland in DK050 beside Syddanmark in DK03, with nothing said). Real NUTS fixture files
loaded by the NUTS loader, real tables loaded into the embedded store (`loaders.generic_regions`)."""

from __future__ import annotations

from graph.store.reads import to_networkx
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from tests.conftest import FIXTURES
from tests.generic_files import write_files

MAPPING = """
name = "bevillinger"
[[nodes]]
file = "orgs.csv"
label = "Organisation"
id = "cvr"
name = "navn"
located_in = { region = "Region", country = { value = "DK" } }
"""


def _load(store, folder, rows: str):
    load_nuts(store, FIXTURES / "nuts")
    table = "cvr;navn;Region\n" + rows
    return run_load(store, "csv", write_files(folder, {"mapping.toml": MAPPING, "orgs.csv": table}))


def _regions(store) -> dict[str, str]:
    graph = to_networkx(store)
    return {start: end for start, end, key in graph.edges(keys=True)
            if key.startswith("LOCATED_IN") and start.startswith("Organisation:")}


def test_a_name_of_two_levels_is_taken_at_the_level_of_the_columns_other_regions(embedded_store, tmp_path):
    report = _load(embedded_store, tmp_path, "34209936;Blue Ocean Robotics ApS;Syddanmark\n"
                                             "10403782;Vestas Wind Systems A/S;Nordjylland\n"
                                             "25313763;Arla Foods amba;Hovedstaden\n")
    assert _regions(embedded_store) == {"Organisation:34209936": "Region:DK03", "Organisation:10403782": "Region:DK05",
                                        "Organisation:25313763": "Region:DK01"}
    assert to_networkx(embedded_store).nodes["Organisation:10403782"]["nuts_code"] == "DK05"
    said = [note for note in report.load.notes if "names both" in note]
    assert said == ["Nordjylland names both DK05 (NUTS 2) and DK050 (NUTS 3); taken as DK05, the level of the "
                    "column's other regions; give the code to choose"]


def test_a_column_of_detailed_regions_takes_the_detailed_one(embedded_store, tmp_path):
    report = _load(embedded_store, tmp_path, "1;Sydlab ApS;Sydjylland\n2;Nordlab ApS;Nordjylland\n")
    assert _regions(embedded_store) == {"Organisation:1": "Region:DK032", "Organisation:2": "Region:DK050"}
    assert ("Nordjylland names both DK05 (NUTS 2) and DK050 (NUTS 3); taken as DK050, the level of the column's other "
            "regions; give the code to choose") in report.load.notes


def test_a_column_giving_no_other_level_keeps_the_detailed_one_and_says_so(embedded_store, tmp_path):
    report = _load(embedded_store, tmp_path, "1;Nordlab ApS;Nordjylland\n2;Aalborg Lab ApS;Nordjylland\n")
    assert _regions(embedded_store) == {"Organisation:1": "Region:DK050", "Organisation:2": "Region:DK050"}
    assert [note for note in report.load.notes if "names both" in note] == [
        "Nordjylland names both DK05 (NUTS 2) and DK050 (NUTS 3); taken as DK050, the most detailed, as the column's "
        "other regions give no level; give the code to choose"]
