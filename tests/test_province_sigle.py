"""An Italian register places each member by its province's sigla (`MI`, `TO`, `MB`) when its region column says
`county_numbers = "IT"` (`loaders.province_sigle`), and by the usual short names NUTS writes otherwise (`Monza e
Brianza`, `Reggio Emilia`, `Bolzano`, `Città metropolitana di Milano`: `graph.region_spellings`). An Italian agency's
try-out had 24 national regions off the Map (`IT-MI`, `IT-BO` ...), shown as `AL, AT, BG` (read as Albania, Austria,
Bulgaria). Real parts: tables in tmp_path, the generic loader, the embedded store with the bundled NUTS files."""

from __future__ import annotations

import csv
import io
import lzma
import tomllib
from pathlib import Path

import pytest

from graph.store.reads import to_networkx
from graph.views.geo_countries import unplaced_by_country
from loaders.generic import read_generic
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from loaders.province_sigle import EARLIER_SIGLE, PROVINCES, province_of
from tests.cli_invoke import mapping_new
from tests.generic_files import problems_of, snapshot, write_files

BUNDLED_NUTS = Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "gisco-nuts"


def _italian_level_3(version: int) -> dict[str, str]:
    """Italy's NUTS 3 code -> name in the bundled file of `version`."""
    text = lzma.decompress((BUNDLED_NUTS / f"nuts{version}_label_points.csv.xz").read_bytes()).decode("utf-8")
    return {row["NUTS_ID"]: row["NAME_LATN"].strip() for row in csv.DictReader(io.StringIO(text))
            if row["NUTS_ID"].startswith("IT") and len(row["NUTS_ID"]) == 5}


def test_each_sigla_is_a_level_3_region_of_both_bundled_nuts_files_and_every_province_has_one():
    nuts_2021, nuts_2024 = _italian_level_3(2021), _italian_level_3(2024)
    assert {code: name for code, name in PROVINCES.values()} == nuts_2024
    assert sorted(nuts_2021) == sorted(nuts_2024)  # the same codes: Sardinia's five provinces in both
    assert {code: name for code, name in nuts_2021.items() if nuts_2024[code] != name} == {
        "ITF65": "Reggio di Calabria"}  # NUTS 2024: Reggio Calabria
    assert len(PROVINCES) == 107 and all(len(sigla) == 2 for sigla in PROVINCES)
    assert {sigla: province_of(sigla) for sigla in EARLIER_SIGLE} == {
        "OT": "ITG2D", "OG": "ITG2E", "CI": "ITG2H", "VS": "ITG2H", "FO": "ITH58", "PS": "ITI31"}


MEMBERS = ("partita_iva;ragione_sociale;provincia;paese\n1;Meccanica Brianzola;MB;IT\n2;Trasporti Bergamaschi;BG;IT\n"
           "3;Bioplastiche Emiliane;bo;IT\n4;Gallura Tech;OT;IT\n5;Torino Lab;IT-TO;IT\n6;Bolzano Lab;BZ;IT\n"
           "7;Ticino SA;EE;CH\n8;Milano Lab;MI;\n")


def _members(region: str) -> str:
    return ('name = "soci"\n[[nodes]]\nfile = "soci.csv"\nseparator = ";"\nlabel = "Organisation"\n'
            f'id = "partita_iva"\nname = "ragione_sociale"\n[nodes.located_in]\nregion = {region}\n'
            'country = "paese"\n')


def _placed(store) -> dict[str, str]:
    return dict(store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(p) RETURN o.id, p.id").rows)


def test_a_member_table_of_sigle_places_its_members_in_their_provinces(embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": _members('{ column = "provincia", county_numbers = "IT" }'),
                                     "soci.csv": MEMBERS})
    load_nuts(embedded_store, BUNDLED_NUTS)
    report = run_load(embedded_store, "csv", mapping)
    assert _placed(embedded_store) == {"1": "ITC4D", "2": "ITC46", "3": "ITH55", "4": "ITG2D", "5": "ITC11",
                                       "6": "ITH10", "7": "CH",  # abroad (EE): its country alone
                                       "8": "ITC4C"}  # no country: the sigla's, Italy
    assert embedded_store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows == []
    again = run_load(embedded_store, "csv", mapping)
    assert report.summary.created > 0 and again.summary.created == again.summary.updated == 0


def test_a_cell_that_is_no_sigla_names_file_line_and_column_and_writes_nothing(embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": _members('{ column = "provincia", county_numbers = "IT" }'),
                                     "soci.csv": "partita_iva;ragione_sociale;provincia;paese\n1;Uno;MI;IT\n"
                                                 "2;Due;XY;IT\n3;Tre;EE;IT\n"})
    before = snapshot(embedded_store)
    problems = [str(p) for p in problems_of(mapping, embedded_store)]
    assert problems[0].startswith("soci.csv:3 [provincia]: 'XY' is no province sigla of IT (county_numbers = \"IT\" "
                                  "reads a province's sigla, AG ... VV as in ISO 3166-2:IT")
    assert 'values = { "XY" = "NUTS code or region name" }' in problems[0]
    assert problems[1] == ("soci.csv:4 [provincia]: 'EE' (Escursionisti Esteri) is abroad, and the row's country is "
                           "IT: give the row's own country")
    assert snapshot(embedded_store) == before


def test_the_usual_short_names_of_provinces_are_their_nuts_regions(embedded_store, tmp_path):
    names = ("Monza e Brianza", "Reggio Emilia", "Bolzano", "Città metropolitana di Milano", "Provincia di Torino",
             "Provincia di Reggio Emilia", "Ogliastra")
    table = "partita_iva;ragione_sociale;provincia;paese\n" + "".join(
        f"{i};Socio {i};{name};IT\n" for i, name in enumerate(names, 1))
    mapping = write_files(tmp_path, {"mapping.toml": _members('"provincia"'), "soci.csv": table})
    run_load(embedded_store, "csv", mapping)
    assert _placed(embedded_store) == {"1": "ITC4D", "2": "ITH53", "3": "ITH10", "4": "ITC4C", "5": "ITC11",
                                       "6": "ITH53", "7": "ITG2E"}


@pytest.mark.parametrize("header", ["Provincia", "Prov.", "Sigla provincia"])
def test_mapping_new_writes_county_numbers_it_for_a_province_column_of_sigle(tmp_path, header):
    template = mapping_new(tmp_path, "soci.csv", f"Member;VAT number;{header}\nComau S.p.A.;00952120012;TO\n"
                           "Brembo S.p.A.;00222620163;BG\nMeccanica Brianzola S.r.l.;03456780961;MB\n")
    node = tomllib.loads(template)["nodes"][0]
    assert node["located_in"] == {"region": {"column": header, "county_numbers": "IT"}, "country": {"value": "IT"}}
    assert "(the regions are IT's province sigle)" in template
    (tmp_path / "mapping.toml").write_text(template, encoding="utf-8")
    nodes, _, _ = read_generic(tmp_path / "mapping.toml")
    assert sorted(n.properties["nuts_code"] for n in nodes if n.label == "Organisation") == ["ITC11", "ITC46", "ITC4D"]


def test_mapping_new_reads_a_province_column_of_a_participation_table_as_sigle(tmp_path):
    template = mapping_new(tmp_path, "progetti.csv", "Project number;Title;Name;Organisation number;Provincia\n"
                           "POR-1;SMART-FAB;Comau S.p.A.;00952120012;TO\n"
                           "POR-1;SMART-FAB;Brembo S.p.A.;00222620163;BG\n")
    assert tomllib.loads(template)["columns"]["region"] == {"column": "Provincia", "county_numbers": "IT"}
    assert "the cells are IT's province sigle, each read as its NUTS 3 region" in template


def test_the_map_names_a_national_region_with_its_country(embedded_store, tmp_path):
    """Sigle read as names (no `county_numbers`) stay national regions: the Map's note had listed `AL, AT, BG`."""
    mapping = write_files(tmp_path, {"mapping.toml": _members('"provincia"'), "soci.csv": (
        "partita_iva;ragione_sociale;provincia;paese\n1;Alessandria Lab;AL;IT\n2;Asti Lab;AT;IT\n")})
    run_load(embedded_store, "csv", mapping)
    assert unplaced_by_country(to_networkx(embedded_store), 3)[1] == {"Country:IT": ["IT-AL", "IT-AT"]}


def test_a_partner_cluster_in_a_national_region_is_said_to_be_there_with_its_country(embedded_server):
    """`recommend --for "Cluster Lombardo della Mobilità"` had said "in BO, another region"."""
    from graph.analytics.cluster_partners import ClusterIndex, partner_clusters
    from graph.analytics.inputs import read_inputs
    from graph.analytics.recommend import RecommenderIndex
    from graph.store.records import NodeRecord, RelRecord
    from tests.test_cluster_partners import AUTOMATION, seeded_network

    nodes = [NodeRecord("Country", "IT", "Italy", ("t",))]
    rels = []
    for sigla, cluster in (("MI", "Cluster Lombardo della Mobilità"), ("BO", "Clust-ER Energia")):
        nodes += [NodeRecord("Region", f"IT-{sigla}", sigla, ("t",),
                             properties={"country": "IT", "scheme": "national"}),
                  NodeRecord("Cluster", sigla.lower(), cluster, ("t",),
                             properties={"country": "IT", "region": f"IT-{sigla}"})]
        rels += [RelRecord("PART_OF", "Region", f"IT-{sigla}", "Country", "IT", ("t",)),
                 RelRecord("LOCATED_IN", "Cluster", sigla.lower(), "Region", f"IT-{sigla}", ("t",)),
                 RelRecord("ACTIVE_IN", "Cluster", sigla.lower(), "Sector", AUTOMATION, ("t",))]
    store = seeded_network(embedded_server, "italian_partners", tuple(nodes), tuple(rels))
    ranking = partner_clusters(ClusterIndex(RecommenderIndex(read_inputs(store))), ["Cluster:mi"])
    store.close()
    found = next(c for c in ranking.candidates if c.name == "Clust-ER Energia")
    assert "in IT-BO, another region" in found.reasons, found.reasons
