"""The CORDIS loader on real files: counts checked against the source files, and what each record holds.

Bad files and re-runs: tests/test_cordis_reruns_and_bad_files.py; the official layout, archives and activity
counts: tests/test_cordis_layouts.py.
"""

from __future__ import annotations

import csv
import shutil

from graph.store.reads import counts, last_loads, to_networkx
from loaders.common import file_checksum
from loaders.cordis import cordis_files, load_cordis
from loaders.nuts import load_nuts
from tests import cordis_expected
from tests.cordis_expected import CORDIS, NUTS, expected_counts, read_rows

loaded = cordis_expected.loaded  # the NUTS and CORDIS fixtures loaded into a fresh graph (a fixture)


def test_counts_match_the_source_files(loaded):
    store, report = loaded
    expected = expected_counts(CORDIS)
    labels, types = counts(store)
    assert labels["Project"] == expected["projects"] == 32
    assert labels["Organisation"] == expected["organisations"]
    assert labels["SME"] == expected["sme"]
    assert types["PARTICIPATES_IN"] == expected["participations"]
    assert types["LOCATED_IN"] == expected["organisations"]
    assert any(n.startswith(f"{expected['repeated_pairs']} (project, organisation) pairs occur") for n in report.notes)


def test_repeated_pairs_stay_distinct_and_missing_money_stays_absent(loaded):
    store, _ = loaded
    graph = to_networkx(store, labels=["Organisation", "Project"], rel_types=["PARTICIPATES_IN"])
    rows = [r for r in read_rows(CORDIS / "organizations.csv")
            if (r["projectID"], r["organisationID"]) == ("101149113", "999997930")]
    pair = graph.get_edge_data("Organisation:pic:999997930", "Project:cordis:101149113")
    assert len(pair) == len(rows) == 2
    assert sorted(e["order"] for e in pair.values()) == sorted(int(r["order"]) for r in rows)
    partners = [d for *_, d in graph.edges(data=True) if d["role"] == "associatedPartner"]
    assert partners and all("contribution" not in d for d in partners)
    paid = [d for *_, d in graph.edges(data=True) if d["role"] == "coordinator"]
    assert all(isinstance(d["contribution"], float) and isinstance(d["terminated"], bool) for d in paid)


def test_organisations_merge_spellings_and_are_located(loaded):
    store, _ = loaded
    graph = to_networkx(store)
    nmbu = graph.nodes["Organisation:pic:999902967"]
    assert nmbu["name"] == "NORGES MILJO-OG BIOVITENSKAPLIGE UNIVERSITET"  # 2 rows against 1
    assert nmbu["aliases"] == ["NORGES MILJO-OG BIOVITENSKAPELIGE UNIVERSITET"]
    located = {u: v for u, v, d in graph.edges(data=True) if d["type"] == "LOCATED_IN"}
    assert located["Organisation:pic:999984350"] == "Region:UKJ14"  # Oxford, a NUTS 2021 code
    assert graph.nodes["Region:UKJ14"]["nuts_versions"] == ["2021"]
    assert located["Organisation:pic:998826946"] == "Country:CA"  # a bare non-European code
    empty = {r["organisationID"]: r["country"] for r in read_rows(CORDIS / "organizations.csv") if not r["nutsCode"]}
    assert empty and all(located[f"Organisation:pic:{pic}"] == f"Country:{c}" for pic, c in empty.items())
    assert graph.nodes["Country:UK"]["iso_code"] == "GB" and graph.nodes["Country:EL"]["iso_code"] == "GR"
    oxford = graph.nodes["Organisation:pic:999984350"]
    assert (oxford["lat"], oxford["lon"], oxford["country"]) == (51.7520131, -1.2578498, "UK")


def test_cluster_organisations_are_marked_with_their_rule(loaded):
    store, report = loaded
    graph = to_networkx(store, labels=["Organisation"])
    sweden = graph.nodes["Cluster:pic:888827588"]  # a detected cluster is a Cluster: label and kind
    assert "Cluster" in sweden["labels"] and sweden["cluster_rule"] == "alias:Clusters of Sweden"
    assert sweden["kind"] == "Cluster" and "Organisation" in sweden["labels"]
    interior = [d for _, d in graph.nodes(data=True) if d["name"] == "INTERIOR CLUSTER SWEDEN AB"]
    assert interior and "Cluster" in interior[0]["labels"] and interior[0]["kind"] == "Cluster"
    lunds = graph.nodes["Organisation:pic:999901318"]
    assert "Cluster" not in lunds["labels"] and "cluster_rule" not in lunds
    marked = sum("Cluster" in d["labels"] for _, d in graph.nodes(data=True))
    assert f"{marked} organisations are marked Cluster" in " ".join(report.notes)


def test_programmes_and_sectors(loaded):
    store, _ = loaded
    graph = to_networkx(store, labels=["Project", "Programme", "Sector"])
    funded = {v for _, v, d in graph.out_edges("Project:cordis:190138275", data=True) if d["type"] == "FUNDED_BY"}
    legal = [r["legalBasis"] for r in read_rows(CORDIS / "project_legal_basis.csv") if r["projectID"] == "190138275"]
    assert len(legal) > 1 and funded == {f"Programme:lb:{c}" for c in legal} | {"Programme:scheme:HORIZON-EIC-ACC-BF"}
    parent = {u: v for u, v, d in graph.edges(data=True) if d["type"] == "PART_OF"}
    assert parent["Programme:lb:HORIZON.1.1"] == "Programme:fp:HORIZON"
    assert all(parent[f"Programme:lb:{c}"].startswith(("Programme:lb:", "Programme:fp:")) for c in legal)
    assert graph.nodes["Programme:scheme:HORIZON-ERC"]["name"] == "HORIZON ERC Grants"
    assert graph.nodes["Sector:topic:ERC-2023-ADG"]["name"] == "ERC ADVANCED GRANTS"
    esv = [k for k in graph.nodes if k.startswith("Sector:esv:")]
    assert all(parent.get(k, "Sector:esv:" + k[11:].rsplit("/", 1)[0]) == "Sector:esv:" + k[11:].rsplit("/", 1)[0]
               for k in esv)


def test_objectives_keep_their_line_breaks(loaded):
    store, _ = loaded
    text = {p["id"]: p["objective"] for p in read_rows(CORDIS / "projects.csv")}
    graph = to_networkx(store, labels=["Project"])
    multi = [pid for pid, t in text.items() if "\n" in t]
    assert multi and all(graph.nodes[f"Project:cordis:{pid}"]["objective"] == text[pid] for pid in multi)


HOSTILE = {"999901318": 'x"}) DETACH DELETE n //', "999984350": "<img src=x onerror=alert(1)>",
           "888827588": "O'Brien \\ \"Clusters\" of Sweden\nsecond line"}


def test_names_holding_cypher_quotes_or_html_are_stored_verbatim(embedded_store, tmp_path):
    folder = tmp_path / "cordis"
    shutil.copytree(CORDIS, folder)
    rows = read_rows(folder / "organizations.csv")
    for r in rows:
        r["name"] = HOSTILE.get(r["organisationID"], r["name"])
    with open(folder / "organizations.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    load_nuts(embedded_store, NUTS)
    load_cordis(embedded_store, folder)
    graph = to_networkx(embedded_store, labels=["Organisation"])
    names = {data["id"]: data["name"] for _, data in graph.nodes(data=True)}  # detected clusters are keyed Cluster:
    # quotes, backslashes and markup verbatim; the line break one space, as every run of whitespace in a name
    single_spaced = {pic: " ".join(name.split()) for pic, name in HOSTILE.items()}
    assert {pic: names[f"pic:{pic}"] for pic in HOSTILE} == single_spaced
    assert counts(embedded_store)[0]["Organisation"] == expected_counts(CORDIS)["organisations"]


def test_every_record_has_sources_and_the_load_is_recorded(loaded):
    store, _ = loaded
    graph = to_networkx(store)
    source_ids = {d["id"] for _, d in graph.nodes(data=True) if d["kind"] == "Source"}
    assert {f"cordis:{p.name}" for p in cordis_files(CORDIS).values()} <= source_ids
    assert all(d["sources"] and set(d["sources"]) <= source_ids
               for _, d in graph.nodes(data=True) if d["kind"] != "Load")
    assert all(d["sources"] and set(d["sources"]) <= source_ids for *_, d in graph.edges(data=True))
    loads = {row["source"]: row for row in last_loads(store)}
    assert loads["cordis"]["checksum"] == file_checksum(cordis_files(CORDIS).values())
    assert loads["cordis"]["nodes"] > 0 and loads["cordis"]["relationships"] > 0
