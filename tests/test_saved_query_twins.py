"""One place under its NUTS 2021 and 2024 codes is one row of the saved queries (real embedded store).

The NUTS loader writes on a region NUTS 2024 recoded under its name its newer code (`newer_twin`): Pirkanmaa FI197
names FI19B. CORDIS places two Finnish organisations on FI197 and a member table naming `Pirkanmaa` puts Cobotti Oy
on FI19B; `regions/ranked-by-participations` had ranked two Pirkanmaa rows (2 and 1 organisations), and
`organisations/smes-in-region` for FI19B had left out FI197's organisations. A store loaded before the property
existed gets it from the next `load sample` (the NUTS reader's version went up).
"""

from __future__ import annotations

import dataclasses

import pytest

from loaders.common import load_records
from loaders.nuts import READER_VERSION, nuts_files, read_nuts
from loaders.pipeline import run_load
from loaders.sample import SAMPLE_NUTS
from queries.catalogue import load_catalogue
from queries.runner import run_saved
from tests.test_app_region_twins import twins_graph

GRAPH = "saved_query_twins"
NEWER_TWINS = "MATCH (r:Region) WHERE r.newer_twin IS NOT NULL RETURN r.id, r.newer_twin ORDER BY r.id"
PIRKANMAA = "Pirkanmaa FI19B (NUTS 2024) = FI197 (NUTS 2021)"


@pytest.fixture(scope="module")
def store(embedded_server, tmp_path_factory):
    with twins_graph(embedded_server, GRAPH, tmp_path_factory.mktemp("saved_query_twins")) as loaded:
        yield loaded


def _rows(store, name: str, params: dict) -> list[dict]:
    result = run_saved(store, load_catalogue(), name, params)[2]
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def test_the_nuts_loader_names_each_older_twins_newer_code(store):
    twins = dict(store.read(NEWER_TWINS).rows)
    assert len(twins) == 50
    assert (twins["FI197"], twins["NL33"], twins["NL332"], twins["PT16"]) == ("FI19B", "NL36", "NL361", "PT19")
    assert "FI19B" not in twins and "NL36" not in twins  # the newer twin names none


def test_regions_ranked_by_participations_has_one_pirkanmaa_row_with_both_codes(store):
    rows = [row for row in _rows(store, "regions/ranked-by-participations", {"level": 3, "limit": 1000})
            if row["code"] in ("FI197", "FI19B")]
    assert [(row["code"], row["region"], row["organisations"]) for row in rows] == [("FI19B", PIRKANMAA, 3)]


def test_a_region_without_a_twin_keeps_its_plain_name(store):
    rows = _rows(store, "regions/ranked-by-participations", {"level": 1, "limit": 1000})
    assert ("FI1", "Manner-Suomi") in [(row["code"], row["region"]) for row in rows]


@pytest.mark.parametrize("area", ["FI19B", "FI197", "Pirkanmaa"])
def test_smes_in_region_takes_both_twins_by_either_code_or_the_name(store, area):
    store.write("MATCH (o:Organisation) WHERE o.nuts_code IN ['FI197', 'FI19B'] SET o:SME")
    assert len(_rows(store, "organisations/smes-in-region", {"area": area})) == 3


def test_members_by_region_counts_a_cluster_placed_in_both_twins_once(store):
    store.write("MERGE (p:Programme {id: 'twin-pilot'}) SET p.name = 'Twin pilot', p.kind = 'Programme' "
                "WITH p MATCH (o:Organisation) WHERE o.nuts_code IN ['FI197', 'FI19B'] MERGE (o)-[:MEMBER_OF]->(p) "
                "WITH o MATCH (older:Region {id: 'FI197'}) MERGE (o)-[:LOCATED_IN]->(older)")
    rows = _rows(store, "programmes/members-by-region", {"programme": "twin-pilot"})
    assert [(row["nuts_code"], row["region"], row["number"]) for row in rows] == [("FI19B", "Pirkanmaa", 3)]


def test_a_store_loaded_before_the_twins_were_written_gets_them_from_the_next_load(embedded_store):
    files = nuts_files(SAMPLE_NUTS)
    nodes, rels, _ = read_nuts(files)
    as_before = [dataclasses.replace(n, properties={k: v for k, v in n.properties.items() if k != "newer_twin"})
                 for n in nodes]
    load_records(embedded_store, "nuts", files, as_before, rels, reader_version=READER_VERSION - 1)
    assert embedded_store.read(NEWER_TWINS).rows == []

    again = run_load(embedded_store, "nuts", SAMPLE_NUTS, skip_loaded=True)
    assert again.read_again.endswith(f"read again: the NUTS reader changed since it was loaded (version "
                                     f"{READER_VERSION - 1} -> {READER_VERSION})")
    assert len(embedded_store.read(NEWER_TWINS).rows) == 50
    assert run_load(embedded_store, "nuts", SAMPLE_NUTS, skip_loaded=True).skipped
