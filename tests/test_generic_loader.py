"""The generic CSV/JSON loader on its worked example: exact counts, re-runs, sources, typed values, verbatim text.

Bad input: tests/test_generic_loader_errors.py; the mapping itself: tests/test_generic_mapping.py; reading
CSV and JSON: tests/test_generic_reading.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store.reads import counts, to_networkx
from loaders.generic import load_generic, read_generic
from tests import generic_files
from tests.generic_files import EXAMPLE, EXAMPLE_LABELS, EXAMPLE_TYPES, ORGS_MAPPING, snapshot, write_files

loaded_store = generic_files.loaded_store  # the worked example loaded into a fresh graph (a fixture)


def test_example_loads_on_an_empty_store_with_exact_counts(embedded_store):
    report = load_generic(embedded_store, EXAMPLE)
    assert counts(embedded_store) == (EXAMPLE_LABELS, EXAMPLE_TYPES)
    assert (report.summary.created, report.summary.updated, report.summary.relationships) == (16, 0, 11)
    assert report.source == "user:members"


def test_rerunning_the_example_changes_nothing(loaded_store):
    before = snapshot(loaded_store)
    report = load_generic(loaded_store, EXAMPLE)
    assert report.summary.unchanged == report.summary.nodes == 16
    assert report.summary.created == report.summary.updated == 0
    after = snapshot(loaded_store)
    assert after[0] == before[0]
    strip_time = [[n for n in s[1] if "'Load:" not in n] for s in (before, after)]
    assert strip_time[0] == strip_time[1]
    assert after[2] == before[2]


def test_every_record_names_its_source_file(loaded_store):
    graph = to_networkx(loaded_store)
    sources = {n for n in graph if n.startswith("Source:")}
    assert sources == {f"Source:user:members/{f}" for f in
                       ("clusters.csv", "members.csv", "memberships.json", "contacts.csv")}
    assert graph.nodes["Organisation:556001-0001"]["sources"] == ["user:members/members.csv"]
    assert graph.nodes["Person:p-002"]["sources"] == ["user:members/contacts.csv"]
    edges = [d for _, _, d in graph.edges(data=True)]
    assert all(d["sources"] for d in edges)
    assert {d["sources"][0] for d in edges if d["type"] == "WORKS_FOR"} == {"user:members/contacts.csv"}


def test_dates_are_parsed_per_mapping_into_iso_strings(loaded_store):
    graph = to_networkx(loaded_store)
    assert graph.nodes["Organisation:556001-0001"]["founded"] == "2009-03-12"  # 12.03.2009
    assert graph.nodes["Organisation:556001-0003"]["founded"] == "2015-06-30"  # second format, ISO
    since = graph.edges["Organisation:556001-0002", "Cluster:automation-smaland", "MEMBER_OF:"]["since"]
    assert since == "2016-09-01"  # 01.09.2016


def test_typed_columns_and_the_sme_flag(loaded_store):
    graph = to_networkx(loaded_store)
    alfa = graph.nodes["Organisation:556001-0001"]
    assert (alfa["employees"], alfa["turnover_meur"], alfa["sectors"]) == (45, 6.2, ["IoT", "sensors"])
    assert "SME" in alfa["labels"]
    assert "SME" not in graph.nodes["Organisation:556001-0002"]["labels"]
    empty = graph.nodes["Organisation:556001-0006"]
    assert "employees" not in empty and "founded" not in empty  # empty cells set nothing


def test_quotes_and_html_in_names_are_stored_verbatim(loaded_store):
    graph = to_networkx(loaded_store)
    assert graph.nodes["Organisation:556001-0002"]["name"] == 'Smålands "Smarta" Maskiner AB'
    assert graph.nodes["Organisation:556001-0003"]["name"] == "<b>Bold AB</b>"
    assert graph.nodes["Person:p-002"]["name"] == "Berg, Johan"


def test_cypher_and_html_in_values_are_stored_verbatim(loaded_store, tmp_path):
    hostile = ['x"}) DETACH DELETE n //', "<img src=x onerror=alert(1)>", "Robert'); DROP TABLE x;--"]
    rows = "".join(f'h{i};"{name.replace(chr(34), chr(34) * 2)}"\n' for i, name in enumerate(hostile))
    mapping = write_files(tmp_path, {"mapping.toml": ORGS_MAPPING, "orgs.csv": "id;name\n" + rows})
    load_generic(loaded_store, mapping)
    graph = to_networkx(loaded_store)
    assert [graph.nodes[f"Organisation:h{i}"]["name"] for i in range(3)] == hostile
    assert counts(loaded_store)[0]["Organisation"] == EXAMPLE_LABELS["Organisation"] + 3


def test_read_generic_needs_no_store_and_returns_a_preview():
    nodes, rels, notes = read_generic(EXAMPLE)
    assert len(nodes) == 16 and len(rels) == 11
    assert "members.csv: 6 row(s), read as UTF-8 with BOM, separator semicolon" in notes
    assert "memberships.json: 7 row(s), read as UTF-8, JSON" in notes


def test_relationships_to_nodes_already_in_the_store_load(loaded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[relationships]]
        file = "more.csv"
        type = "MEMBER_OF"
        start = { label = "Organisation", column = "org" }
        end = { label = "Cluster", column = "cluster" }
        """, "more.csv": "org,cluster\n556001-0003,automation-smaland\n"})
    load_generic(loaded_store, mapping)
    assert counts(loaded_store)[1]["MEMBER_OF"] == EXAMPLE_TYPES["MEMBER_OF"] + 1


def test_the_example_over_the_seed_clusters_only_adds_itself_to_their_sources(embedded_store):
    seeds = pytest.importorskip("loaders.seeds")
    seeds.load_seeds(embedded_store)
    seeded = to_networkx(embedded_store).nodes["Cluster:iot-world"]
    clusters_before = counts(embedded_store)[0]["Cluster"]
    report = load_generic(embedded_store, EXAMPLE)
    assert (report.summary.created, report.summary.updated) == (14, 2)  # the two clusters gain a source
    assert counts(embedded_store)[0]["Cluster"] == clusters_before
    merged = to_networkx(embedded_store).nodes["Cluster:iot-world"]
    assert merged["sources"] == [*seeded["sources"], "user:members/clusters.csv"]
    assert {k: v for k, v in merged.items() if k != "sources"} == {k: v for k, v in seeded.items() if k != "sources"}


@pytest.mark.parametrize("name", ["mapping.toml", "clusters.csv", "members.csv", "memberships.json", "contacts.csv"])
def test_the_user_guide_shows_each_example_file_as_it_is(name):
    guide = (Path(__file__).resolve().parents[1] / "docs" / "mapping.md").read_text(encoding="utf-8")
    text = (EXAMPLE.parent / name).read_text(encoding="utf-8-sig")
    assert f"`{name}`" in guide and text in guide
