"""`match = "name"` in a `[[nodes]]` table: rows naming nodes the store holds update them instead of making a
second node of the same name (a cluster list naming the seeds' clusters, a table of sectors naming theirs)."""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts
from graph.store.resolve import resolve_node
from loaders.generic import check_generic, load_generic
from loaders.pipeline import run_unload
from tests.generic_files import write_files

MAPPING = """
    [[nodes]]
    file = "clusters.csv"
    label = "Cluster"
    extra_labels = ["Organisation"]
    id = "name"
    name = "name"
    match = "name"
    properties = { url = "web" }

    [[nodes]]
    file = "clusters.csv"
    label = "Sector"
    id = "sector"
    name = "sector"
    match = "name"

    [[relationships]]
    file = "clusters.csv"
    type = "ACTIVE_IN"
    start = { label = "Cluster", column = "name" }
    end = { label = "Sector", column = "sector" }
    """
TABLE = ("name,sector,web\nAutomation Region,Automation,https://automationregion.example\n"
         "Nordic Battery Cluster,Batterier,https://nbc.example\n")


def test_rows_naming_nodes_of_the_store_update_them_and_the_others_make_new_nodes(seeded, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "clusters.csv": TABLE})
    before = counts(seeded)[0]
    report = load_generic(seeded, mapping)
    assert ('2 row(s) of match = "name" tables name a node of the store, which they update (keeping its name): '
            "Cluster 'Automation Region' -> automation-region, Sector 'Automation' -> automation") in report.notes
    after = counts(seeded)[0]
    assert (after["Cluster"], after["Sector"]) == (before["Cluster"] + 1, before["Sector"] + 1)
    assert resolve_node(seeded, "Automation Region").key == "Cluster:automation-region"  # one node of that name
    row = seeded.read("MATCH (c:Cluster {id: 'automation-region'})-[:ACTIVE_IN]->(s:Sector) "
                      "RETURN c.name, c.url, s.id ORDER BY s.id").rows
    assert ("Automation Region", "https://automationregion.example", "automation") in [tuple(r) for r in row]
    new = seeded.read("MATCH (c:Cluster {id: 'Nordic Battery Cluster'})-[:ACTIVE_IN]->(s:Sector) "
                      "RETURN s.id, s.name").rows
    assert [tuple(r) for r in new] == [("Batterier", "Batterier")]
    again = load_generic(seeded, mapping).summary
    assert (again.created, again.updated, again.relationships_created, again.relationships_updated) == (0, 0, 0, 0)
    run_unload(seeded, "user:mapping")  # the matched nodes came from the seeds too: they stay, the rest goes
    left = counts(seeded)[0]
    assert (left["Cluster"], left["Sector"]) == (before["Cluster"], before["Sector"])
    assert not seeded.read("MATCH (n) WHERE any(s IN n.sources WHERE s STARTS WITH 'user:') RETURN n.id").rows
    assert resolve_node(seeded, "Automation Region").key == "Cluster:automation-region"


def test_a_name_without_accents_or_an_acronym_matches_and_two_rows_onto_one_node_need_the_same_data(seeded, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "clusters.csv": (
        "name,sector,web\nAutomation Smaland,automation,\n")})
    data = check_generic(seeded, mapping)
    assert {(n.label, n.id, n.name) for n in data.nodes if n.label == "Cluster"} == {
        ("Cluster", "automation-smaland", "Automation Småland")}
    (tmp_path / "clusters.csv").write_text("name,sector,web\nIGT,Energy,\nIndustrial Green Tech,Energy,\n",
                                           encoding="utf-8")  # two spellings of one cluster, the same data: one
    once = check_generic(seeded, mapping)
    assert [n.id for n in once.nodes if n.label == "Cluster"] == ["industrial-green-tech"]
    assert [(r.start_id, r.end_id) for r in once.rels] == [("industrial-green-tech", "Energy")]
    (tmp_path / "clusters.csv").write_text("name,sector,web\nIGT,Energy,https://a.example\n"
                                           "Industrial Green Tech,Energy,https://b.example\n", encoding="utf-8")
    before = counts(seeded)
    with pytest.raises(ValidationFailed) as refused:
        load_generic(seeded, mapping)
    assert [str(p) for p in refused.value.problems] == [
        f"clusters.csv:{line} [name]: Cluster {row!r} (match = \"name\") names the node 'industrial-green-tech' of "
        "the store, which another row of the mapping names too, with other data: give each row its own id, or leave "
        "one out" for line, row in ((2, "IGT"), (3, "Industrial Green Tech"))]
    assert counts(seeded) == before


def test_a_name_several_nodes_share_asks_for_the_id(seeded, tmp_path):
    write_files(tmp_path, {"field.toml": """
        [[nodes]]
        file = "s.csv"
        label = "Sector"
        id = "id"
        name = "name"
        """, "s.csv": "id,name\nesv:automation,automation\n"})
    load_generic(seeded, tmp_path / "field.toml")
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING,
                                     "clusters.csv": "name,sector,web\nIoT World,AUTOMATION,\n"})
    with pytest.raises(ValidationFailed) as refused:
        check_generic(seeded, mapping)
    assert [str(p) for p in refused.value.problems] == [
        "clusters.csv:2 [sector]: Sector 'AUTOMATION' (match = \"name\") is the name of 2 nodes of the store "
        "(automation, esv:automation): give the one meant as this row's id"]


def test_match_takes_id_or_name(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING.replace('match = "name"', 'match = "names"', 1),
                                     "clusters.csv": TABLE})
    with pytest.raises(ValidationFailed) as refused:
        check_generic(None, mapping)
    assert [str(p) for p in refused.value.problems] == [
        "mapping.toml:7 [match]: match must be \"id\" (the default: a new id makes a new node) or \"name\" (a row "
        "whose id the store lacks takes the node of the store its name names)"]


def test_a_matched_row_of_another_country_leaves_the_node_where_the_store_has_it(seeded, tmp_path):
    """A Norwegian cluster list (its `Fylke` header: every row in NO) naming the seeds' Automation Småland, which
    the seeds place in SE211: the cluster stays in Sweden, and the note names the row; a Norwegian row is placed."""
    mapping = write_files(tmp_path, {
        "mapping.toml": 'name = "klynger"\n[[nodes]]\nfile = "klynger.csv"\nlabel = "Cluster"\n'
                        'extra_labels = ["Organisation"]\nid = "navn"\nname = "navn"\nmatch = "name"\n'
                        'located_in = { region = "fylke", country = { value = "NO" } }\n',
        "klynger.csv": "navn;fylke\nAutomation Smaland;\nHavbruksklyngen;Hordaland\n"})
    report = load_generic(seeded, mapping)
    places = seeded.read("MATCH (c:Cluster)-[:LOCATED_IN]->(p) WHERE c.id IN ['automation-smaland', "
                         "'Havbruksklyngen'] RETURN c.id, p.id, c.country ORDER BY c.id, p.id").rows
    assert [tuple(r) for r in places] == [("Havbruksklyngen", "NO-Hordaland", "NO"),
                                          ("automation-smaland", "SE211", None)]
    assert any(note.startswith('1 row(s) of match = "name" tables place the node they name in another country') and
               "'Automation Smaland' (klynger.csv:2: the table NO, the store SE)" in note for note in report.notes)
