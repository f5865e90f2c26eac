"""The CORDIS loader on each way CORDIS ships its files: the official layout and the zip archives give the
graph of the extract, two frameworks share their organisations, and activity counts are recounted in the store.
"""

from __future__ import annotations

import pytest

from graph.store.reads import counts, last_loads, to_networkx
from loaders.common import file_checksum
from loaders.cordis import load_cordis
from loaders.nuts import load_nuts
from tests.cordis_expected import CORDIS, H2020, NUTS, OFFICIAL, canonical, read_rows


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


def zipped(folder, out, inside=""):
    """The CSV files of `folder` as CORDIS ships them: one zip archive (members under `inside`)."""
    import zipfile

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.csv")):
            archive.write(path, inside + path.name)
    return out


def _total(contributions: list[str]) -> float | None:
    """The sum of the contributions given; none (not 0) when none is: an amount not given is no funding known."""
    given = [float(c.replace(",", ".")) for c in contributions if c]
    return sum(given) if given else None


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
            "contribution_total": _total([r["ecContribution"] for r in mine])}
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
