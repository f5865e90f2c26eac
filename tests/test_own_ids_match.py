"""A table keyed by an id a node of the store already holds as its own (`own_ids`) updates that node.

The try-out: a Danish member list loaded with `match = "name"` gave the CORDIS organisation BLUE OCEAN ROBOTICS APS
its CVR number 34209936; a grants table keyed by CVR numbers, loaded after it without `match`, made a second Blue
Ocean Robotics ApS, and `organisations/projects` then stopped with "matches 2 nodes". Real loads into the embedded
store, real files."""

from __future__ import annotations

from graph.store.records import NodeRecord
from graph.store.writer import write_records
from loaders.pipeline import run_load
from tests.generic_files import write_files, write_preset

MEMBERS = ('name = "medlemmer"\n\n[[nodes]]\nfile = "medlemmer.csv"\nlabel = "Organisation"\nid = "CVR"\n'
           'name = "Virksomhed"\nmatch = "name"\n')
BLUE = "MATCH (o:Organisation) WHERE toLower(o.name) STARTS WITH 'blue ocean' RETURN o.id, o.own_ids"


def test_a_row_keyed_by_an_id_a_node_holds_as_its_own_updates_that_node(embedded_store, tmp_path):
    write_records(embedded_store, [NodeRecord("Organisation", "pic:949746886", "BLUE OCEAN ROBOTICS APS",
                                              ("test:cordis",), (), {"country": "DK"})], [])
    (tmp_path / "members").mkdir()
    run_load(embedded_store, "csv", write_files(tmp_path / "members", {
        "mapping.toml": MEMBERS, "medlemmer.csv": "CVR;Virksomhed\n34209936;Blue Ocean Robotics ApS\n"}))
    assert embedded_store.read(BLUE).rows == [["pic:949746886", ["34209936"]]]
    (tmp_path / "grants").mkdir()
    report = run_load(embedded_store, "csv", write_preset(
        tmp_path / "grants", "Prosjekt;Akronym;Orgnr;Navn\nDK-7;ROBOFISH;34209936;Blue Ocean Robotics ApS\n", {},
        top='name = "bevillinger"'))
    assert embedded_store.read(BLUE).rows == [["pic:949746886", ["34209936"]]]  # one node, not two
    assert embedded_store.read("MATCH (o:Organisation)-[:PARTICIPATES_IN]->(p:Project) RETURN o.id, p.id").rows == \
        [["pic:949746886", "DK-7"]]
    assert ("1 row(s) give an id a node of the store holds as its own (a table matched by name gave it, an "
            "organisation number): they update that node, not a new one: Organisation '34209936' -> pic:949746886 "
            "(BLUE OCEAN ROBOTICS APS)") in report.load.notes
