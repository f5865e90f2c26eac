"""The NUTS loader on real GISCO label points: both versions, one node per code, PART_OF up to the Country."""

from __future__ import annotations

import csv

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts, last_loads, to_networkx
from loaders.common import file_checksum
from loaders.nuts import country_name, load_nuts, nuts_files
from tests.conftest import FIXTURES

NUTS = FIXTURES / "nuts"
CORDIS = FIXTURES / "cordis"


def rows_of(folder):
    """Every label-point row of the folder's files, read with the csv module: (version, row)."""
    found = []
    for path in sorted(folder.glob("nuts*_label_points.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            found += [(path.name[4:8], row) for row in csv.DictReader(f)]
    return found


def node(store, kind, node_id):
    return to_networkx(store, labels=[kind]).nodes[f"{kind}:{node_id}"]


def test_counts_match_the_files(embedded_store):
    rows = rows_of(NUTS)
    countries = {r["NUTS_ID"] for _, r in rows if r["LEVL_CODE"] == "0"}
    regions = {r["NUTS_ID"] for _, r in rows if r["LEVL_CODE"] != "0"}
    load_nuts(embedded_store, NUTS)
    labels, types = counts(embedded_store)
    assert labels["Country"] == len(countries)
    assert labels["Region"] == len(regions)
    assert types["PART_OF"] == len(regions)


def test_a_code_in_both_versions_is_one_node_with_the_2024_name_and_point(embedded_store):
    rows = {(v, r["NUTS_ID"]): r for v, r in rows_of(NUTS)}
    load_nuts(embedded_store, NUTS)
    trondelag = node(embedded_store, "Region", "NO060")
    assert trondelag["nuts_versions"] == ["2021", "2024"]
    assert trondelag["name"] == rows[("2024", "NO060")]["NAME_LATN"] == "Trøndelag/Trööndelage"
    assert rows[("2021", "NO060")]["NAME_LATN"] == "Trøndelag"
    skane = node(embedded_store, "Region", "SE224")
    assert (skane["lat"], skane["lon"]) == (float(rows[("2024", "SE224")]["lat"]),
                                            float(rows[("2024", "SE224")]["lon"]))
    assert skane["level"] == 3 and skane["country"] == "SE"


def test_codes_of_one_version_only_keep_that_version(embedded_store):
    load_nuts(embedded_store, NUTS)
    assert node(embedded_store, "Region", "UKJ14")["nuts_versions"] == ["2021"]
    assert node(embedded_store, "Region", "NL32B")["nuts_versions"] == ["2024"]


def test_level_0_codes_are_countries_with_iso_codes(embedded_store):
    load_nuts(embedded_store, NUTS)
    graph = to_networkx(embedded_store, labels=["Country"])
    assert graph.nodes["Country:UK"]["iso_code"] == "GB"
    assert graph.nodes["Country:EL"]["iso_code"] == "GR"
    assert graph.nodes["Country:SE"]["iso_code"] == "SE"
    assert "Region:SE" not in to_networkx(embedded_store, labels=["Region"])


def test_countries_are_named_in_english_with_the_nuts_name_beside(embedded_store):
    local = {r["NUTS_ID"]: r["NAME_LATN"] for _, r in rows_of(NUTS) if r["LEVL_CODE"] == "0"}
    load_nuts(embedded_store, NUTS)
    graph = to_networkx(embedded_store, labels=["Country"])
    named = {key.split(":")[1]: (data["name"], data["local_name"]) for key, data in graph.nodes(data=True)}
    assert named.keys() == local.keys()
    assert {code: pair[1] for code, pair in named.items()} == local
    assert named["SE"] == ("Sweden", "Sverige") and named["DE"] == ("Germany", "Deutschland")
    assert named["EL"] == ("Greece", local["EL"]) and named["UK"] == ("United Kingdom", local["UK"])


def test_a_country_iso_lacks_keeps_its_nuts_name():
    assert country_name("XK", "Kosovo*") == "Kosovo*"
    assert country_name("EL", "Elláda") == "Greece"


def test_part_of_climbs_from_level_3_to_the_country(embedded_store):
    load_nuts(embedded_store, NUTS)
    graph = to_networkx(embedded_store, labels=["Region", "Country"], rel_types=["PART_OF"])
    chain, here = [], "Region:SE224"
    while graph.out_degree(here):
        here = next(iter(graph.successors(here)))
        chain.append(here)
    assert chain == ["Region:SE22", "Region:SE2", "Country:SE"]


def test_every_region_code_cordis_uses_resolves(embedded_store):
    load_nuts(embedded_store, NUTS)
    with open(CORDIS / "organizations.csv", newline="", encoding="utf-8") as f:
        codes = {r["nutsCode"] for r in csv.DictReader(f) if len(r["nutsCode"]) > 2}
    regions = set(to_networkx(embedded_store, labels=["Region"]).nodes)
    assert {f"Region:{c}" for c in codes} <= regions


def test_every_nuts_code_of_the_full_cordis_extract_resolves_but_fr615(embedded_store):
    """The bundled sample: its NUTS files, read compressed, against every code its CORDIS extract uses."""
    import lzma

    from loaders.sample import SAMPLE_CORDIS, SAMPLE_NUTS

    report = load_nuts(embedded_store, SAMPLE_NUTS)
    assert report.summary.by_label["Region"] + report.summary.by_label["Country"] == len(
        {r["NUTS_ID"] for y in ("2021", "2024")
         for r in csv.DictReader(lzma.open(SAMPLE_NUTS / f"nuts{y}_label_points.csv.xz", "rt", encoding="utf-8"))})
    with lzma.open(SAMPLE_CORDIS / "organizations.csv.xz", "rt", newline="", encoding="utf-8") as f:
        codes = {r["nutsCode"] for r in csv.DictReader(f) if len(r["nutsCode"]) > 2}
    regions = {key.split(":", 1)[1] for key in to_networkx(embedded_store, labels=["Region"]).nodes}
    assert codes - regions <= {"FR615"}


def test_a_single_file_loads_its_version_only(embedded_store):
    load_nuts(embedded_store, NUTS / "nuts2021_label_points.csv")
    assert node(embedded_store, "Region", "SE224")["nuts_versions"] == ["2021"]


def test_rerun_changes_nothing_and_says_so(embedded_store):
    load_nuts(embedded_store, NUTS)
    before = to_networkx(embedded_store, labels=["Region", "Country", "Source"])
    again = load_nuts(embedded_store, NUTS)
    after = to_networkx(embedded_store, labels=["Region", "Country", "Source"])
    assert again.summary.created == again.summary.updated == 0
    assert again.notes[-1].startswith("Nothing changed")
    assert dict(before.nodes(data=True)) == dict(after.nodes(data=True))
    assert sorted(before.edges(keys=True)) == sorted(after.edges(keys=True))


def test_sources_and_the_load_are_recorded(embedded_store):
    load_nuts(embedded_store, NUTS)
    graph = to_networkx(embedded_store)
    source_ids = {data["id"] for _, data in graph.nodes(data=True) if data["kind"] == "Source"}
    assert source_ids == {"nuts:nuts2021_label_points.csv", "nuts:nuts2024_label_points.csv"}
    for key, data in graph.nodes(data=True):
        if data["kind"] != "Load":
            assert data["sources"] and set(data["sources"]) <= source_ids, key
    assert all(set(data["sources"]) <= source_ids for *_, data in graph.edges(data=True))
    assert graph.nodes["Source:nuts:nuts2024_label_points.csv"]["attribution"].startswith("© EuroGeographics")
    loads = last_loads(embedded_store)
    assert loads[0]["source"] == "nuts" and loads[0]["checksum"] == file_checksum(nuts_files(NUTS))


def test_a_bad_file_is_rejected_with_file_line_and_column(embedded_store, tmp_path):
    lines = (NUTS / "nuts2024_label_points.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].replace(",2,", ",seven,", 1)
    lines[5] = lines[5].rsplit(",", 1)[0] + ",north\n"
    bad = tmp_path / "nuts2024_label_points.csv"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        load_nuts(embedded_store, bad)
    where = {(p.file, p.line, p.field) for p in caught.value.problems}
    assert where == {(str(bad), 5, "LEVL_CODE"), (str(bad), 6, "lat")}
    assert counts(embedded_store) == ({}, {})
