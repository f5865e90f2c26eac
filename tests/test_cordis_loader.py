"""The CORDIS loader on real files: counts checked against the source files, both layouts, bad files, re-runs."""

from __future__ import annotations

import csv
import shutil
from collections import Counter

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts, last_loads, to_networkx
from loaders.common import file_checksum
from loaders.cordis import cordis_files, load_cordis
from loaders.nuts import load_nuts
from tests.conftest import FIXTURES

CORDIS = FIXTURES / "cordis"
OFFICIAL = FIXTURES / "cordis_official"
NUTS = FIXTURES / "nuts"
BAD = FIXTURES / "bad"


def read_rows(path, delimiter=","):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def expected_counts(folder):
    """What the graph must hold, computed from the files with the csv module alone."""
    projects, parts = read_rows(folder / "projects.csv"), read_rows(folder / "organizations.csv")
    start = {p["id"]: p["startDate"] for p in projects}
    latest_sme: dict[str, tuple] = {}
    for r in parts:
        when = (start[r["projectID"]], int(r["projectID"]), int(r["order"]))
        if r["SME"] and when > latest_sme.get(r["organisationID"], ((), None))[0]:
            latest_sme[r["organisationID"]] = (when, r["SME"])
    pairs = Counter((r["projectID"], r["organisationID"]) for r in parts)
    return {"projects": len({p["id"] for p in projects}), "organisations": len({r["organisationID"] for r in parts}),
            "participations": len(parts), "sme": sum(v == "true" for _, v in latest_sme.values()),
            "repeated_pairs": sum(n > 1 for n in pairs.values())}


def canonical(store, drop=("sources",)):
    """Nodes and relationships (without Source and Load nodes, nor the `drop` properties), comparable with ==."""
    graph = to_networkx(store)
    nodes = {key: {k: v for k, v in data.items() if k not in drop} for key, data in graph.nodes(data=True)
             if data["kind"] not in ("Source", "Load")}
    edges = sorted((u, v, key, repr(sorted((k, x) for k, x in data.items() if k not in drop)))
                   for u, v, key, data in graph.edges(keys=True, data=True) if u in nodes and v in nodes)
    return nodes, edges


@pytest.fixture
def loaded(embedded_store):
    """The NUTS and CORDIS fixtures loaded, NUTS first (as the CLI does)."""
    load_nuts(embedded_store, NUTS)
    report = load_cordis(embedded_store, CORDIS)
    return embedded_store, report


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


def test_the_official_layout_gives_the_same_graph(embedded_store, tmp_path):
    from graph.store.falkordb_store import FalkorDBStore

    other = FalkorDBStore(tmp_path / "official.db", "official")
    other.setup_schema()
    try:
        for store, folder in ((embedded_store, CORDIS), (other, OFFICIAL)):
            load_nuts(store, NUTS)
            load_cordis(store, folder)
        extract_nodes, extract_edges = canonical(embedded_store)
        official_nodes, official_edges = canonical(other)
    finally:
        other.close()
    assert official_edges == extract_edges
    assert official_nodes.keys() == extract_nodes.keys()
    in_nuts = {r["NUTS_ID"] for r in read_rows(NUTS / "nuts2024_label_points.csv")}
    for key, node in extract_nodes.items():
        theirs = official_nodes[key]
        if theirs != node:  # the official export names neither funding schemes nor non-NUTS countries
            assert {k for k in node if node[k] != theirs.get(k)} == {"name"}, key
            assert key.startswith("Programme:scheme:") or (key.startswith("Country:") and key[8:] not in in_nuts)
            assert theirs["name"] == node["id"].removeprefix("scheme:")


@pytest.mark.parametrize("case, where", [
    ("truncated_row", {("organizations.csv", 3, "country")}),
    ("missing_column", {("projects.csv", 1, "id"), ("organizations.csv", 1, "role")}),
    ("wrong_separator", {("organizations.csv", 3, "projectAcronym")}),
    ("tab_separated", {("projects.csv", 1, "id, acronym, title")}),
    ("duplicate_project", {("projects.csv", 5, "id")}),
    ("bad_values", {("projects.csv", 2, "startDate"), ("organizations.csv", 2, "ecContribution"),
                    ("organizations.csv", 3, "order")}),
])
def test_a_bad_file_is_rejected_and_the_store_is_unchanged(loaded, case, where):
    store, _ = loaded
    before = counts(store), canonical(store, drop=()), last_loads(store)
    with pytest.raises(ValidationFailed) as caught:
        load_cordis(store, BAD / case)
    found = {(p.file.rsplit("/", 1)[-1], p.line, p.field) for p in caught.value.problems}
    assert found == where
    assert all(str(BAD / case) in str(p) for p in caught.value.problems)
    assert (counts(store), canonical(store, drop=()), last_loads(store)) == before


def test_windows_1252_files_are_read_with_a_note(embedded_store):
    report = load_cordis(embedded_store, BAD / "latin1")
    assert any("organizations.csv is not UTF-8" in n and "cp1252" in n for n in report.notes)
    graph = to_networkx(embedded_store, labels=["Organisation"])
    assert graph.nodes["Organisation:pic:968639382"]["name"] == "STIFTELSEN INSTITUTET FÖR FRAMTIDSSTUDIER"
    assert graph.nodes["Organisation:pic:968639382"]["city"] == "Stockholm – Södermalm"


def test_rerun_changes_nothing_and_says_so(loaded):
    store, first = loaded
    before = counts(store), canonical(store, drop=())
    again = load_cordis(store, CORDIS)
    assert again.summary.created == again.summary.updated == 0
    places_made_first = first.summary.by_label.get("Country", 0) + first.summary.by_label.get("Region", 0)
    assert again.summary.unchanged == again.summary.nodes == first.summary.nodes - places_made_first
    assert again.notes[-1].startswith("Nothing changed")
    assert (counts(store), canonical(store, drop=())) == before


def test_load_order_does_not_change_the_graph(embedded_store, tmp_path):
    from graph.store.falkordb_store import FalkorDBStore

    other = FalkorDBStore(tmp_path / "reverse.db", "reverse")
    other.setup_schema()
    try:
        load_nuts(embedded_store, NUTS)
        load_cordis(embedded_store, CORDIS)
        alone = load_cordis(other, CORDIS)
        load_nuts(other, NUTS)
        assert canonical(other) == canonical(embedded_store)
    finally:
        other.close()
    assert "were created from the loader's own names" in " ".join(alone.notes)


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
    assert {pic: names[f"pic:{pic}"] for pic in HOSTILE} == HOSTILE
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


# -- official archives, several frameworks, activity counts recounted in the store ------------------------------

H2020 = FIXTURES / "cordis_h2020"


def zipped(folder, out, inside=""):
    """The CSV files of `folder` as CORDIS ships them: one zip archive (members under `inside`)."""
    import zipfile

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, inside + path.name)
    return out


def expected_activity(*participation_files):
    """Per PIC, the activity counts computed from the participation rows of every file, with csv alone."""
    rows = [r for path, delimiter in participation_files for r in read_rows(path, delimiter)]
    members: dict[str, set] = {}
    for r in rows:
        members.setdefault(r["projectID"], set()).add(r["organisationID"])
    found = {}
    for pic in {r["organisationID"] for r in rows}:
        mine = [r for r in rows if r["organisationID"] == pic]
        coordinated = {r["projectID"] for r in mine if r["role"] == "coordinator"}
        found[f"pic:{pic}"] = {
            "participations": len(mine), "projects": len({r["projectID"] for r in mine}),
            "coordinated_projects": len(coordinated),
            "coordinated_partners": len(set().union(*(members[p] for p in coordinated)) - {pic}),
            "contribution_total": sum(float((r["ecContribution"] or "0").replace(",", ".")) for r in mine)}
    return found


def stored_activity(store):
    rows = store.read("MATCH (o:Organisation) WHERE o.participations IS NOT NULL RETURN o.id, o.participations, "
                      "o.projects, o.coordinated_projects, o.coordinated_partners, o.contribution_total",
                      row_cap=10**6).rows
    keys = ("participations", "projects", "coordinated_projects", "coordinated_partners", "contribution_total")
    return {row[0]: dict(zip(keys, row[1:], strict=True)) for row in rows}


def assert_same_activity(store, expected):
    stored = stored_activity(store)
    assert stored.keys() == expected.keys()
    for pic, counts_ in expected.items():
        assert stored[pic] == pytest.approx(counts_), pic


def test_two_frameworks_from_their_archives_share_organisations(embedded_store, tmp_path):
    from loaders.pipeline import run_load

    h2020 = zipped(H2020, tmp_path / "cordis-h2020projects-csv.zip", inside="csv/")
    horizon = zipped(OFFICIAL, tmp_path / "cordis-HORIZONprojects-csv.zip")
    run_load(embedded_store, "nuts", NUTS)
    first = run_load(embedded_store, "cordis", h2020)
    second = run_load(embedded_store, "cordis", horizon)
    h2020_parts = read_rows(H2020 / "organization.csv", ";")
    he_parts = read_rows(OFFICIAL / "organization.csv", ";")
    labels, types = counts(embedded_store)
    projects = read_rows(H2020 / "project.csv", ";") + read_rows(OFFICIAL / "project.csv", ";")
    assert labels["Project"] == len(projects)
    assert labels["Organisation"] == len({r["organisationID"] for r in h2020_parts + he_parts})
    assert types["PARTICIPATES_IN"] == len(h2020_parts) + len(he_parts)
    graph = to_networkx(embedded_store, labels=["Project", "Programme"], rel_types=["FUNDED_BY", "PART_OF"])
    frameworks = {d["id"]: d["framework_programme"] for _, d in graph.nodes(data=True) if d["kind"] == "Project"}
    assert {frameworks[f"cordis:{p['id']}"] for p in read_rows(H2020 / "project.csv", ";")} == {"H2020"}
    assert {frameworks[f"cordis:{p['id']}"] for p in read_rows(OFFICIAL / "project.csv", ";")} == {"HORIZON"}
    import networkx as nx

    assert nx.has_path(graph, "Project:cordis:900000001", "Programme:fp:H2020")
    assert nx.has_path(graph, "Project:cordis:101039110", "Programme:fp:HORIZON")
    assert not nx.has_path(graph, "Project:cordis:900000001", "Programme:fp:HORIZON")
    assert_same_activity(embedded_store, expected_activity((H2020 / "organization.csv", ";"),
                                                           (OFFICIAL / "organization.csv", ";")))
    shared = {r["organisationID"] for r in h2020_parts} & {r["organisationID"] for r in he_parts}
    assert shared == {"888827588", "999844670", "999975814"}
    assert any("recounted" in line for line in first.derived) and any("recounted" in s for s in second.derived)
    sources = {d["id"] for _, d in to_networkx(embedded_store, labels=["Source"]).nodes(data=True)}
    assert {"cordis:cordis-h2020projects-csv.zip/project.csv", "cordis:cordis-HORIZONprojects-csv.zip/project.csv"} \
        <= sources
    loads = {(row["source"], row["checksum"]) for row in last_loads(embedded_store)}
    assert {("cordis", file_checksum([h2020])), ("cordis", file_checksum([horizon]))} <= loads


def test_an_archive_gives_the_same_graph_as_its_folder(embedded_store, tmp_path):
    from graph.store.falkordb_store import FalkorDBStore

    other = FalkorDBStore(tmp_path / "zip.db", "zip")
    other.setup_schema()
    try:
        for store, path in ((embedded_store, OFFICIAL), (other, zipped(OFFICIAL, tmp_path / "official.zip"))):
            load_nuts(store, NUTS)
            load_cordis(store, path)
        assert canonical(other) == canonical(embedded_store)
    finally:
        other.close()


def test_activity_counts_are_recounted_from_whatever_wrote_the_participations(embedded_store):
    from graph.store.records import RelRecord
    from graph.store.writer import write_records
    from loaders.pipeline import derive_facts, recount_activity, run_load

    run_load(embedded_store, "nuts", NUTS)
    run_load(embedded_store, "cordis", CORDIS)
    expected = expected_activity((CORDIS / "organizations.csv", ","))
    assert_same_activity(embedded_store, expected)
    assert recount_activity(embedded_store) == 0  # nothing changed: nothing written
    # another loader adds a coordination of a project the organisation was not in
    write_records(embedded_store, [], [RelRecord("PARTICIPATES_IN", "Organisation", "pic:888827588", "Project",
                                                 "cordis:101039110", ("cordis:organizations.csv",),
                                                 {"role": "coordinator", "contribution": 10.0}, key="99")])
    said = derive_facts(embedded_store)  # it and the project's coordinator, who gains a partner
    assert "activity counts: 2 organisation(s) recounted from their participations" in said
    partners = {r["organisationID"] for r in read_rows(CORDIS / "organizations.csv") if r["projectID"] == "101039110"}
    before, after = expected["pic:888827588"], stored_activity(embedded_store)["pic:888827588"]
    assert after["participations"] == before["participations"] + 1
    assert after["coordinated_projects"] == before["coordinated_projects"] + 1
    assert after["contribution_total"] == pytest.approx(before["contribution_total"] + 10.0)
    assert after["coordinated_partners"] >= len(partners)
