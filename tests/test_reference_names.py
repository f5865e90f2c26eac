"""A column read as both a node's id and its name (a members table's cluster column of ids) leaves the name of a
node the store holds by that id: it renamed a user's clusters to `VG-C01` ..., and no unload gave the names back.
Real files and the real embedded store."""

from __future__ import annotations

from loaders.pipeline import run_load

MEMBERS = """[[nodes]]
file = "members.csv"
label = "Organisation"
id = "orgnr"
name = "name"

[[nodes]]
file = "members.csv"
label = "Cluster"
extra_labels = ["Organisation"]
id = "cluster"
name = "cluster"

[[relationships]]
file = "members.csv"
type = "MEMBER_OF"
start = { label = "Organisation", column = "orgnr" }
end = { label = "Cluster", column = "cluster" }
"""


def _members(folder, rows: str):
    (folder / "members.csv").write_text("cluster,orgnr,name\n" + rows, encoding="utf-8")
    mapping = folder / "members.toml"
    mapping.write_text('name = "members"\n' + MEMBERS, encoding="utf-8")
    return mapping


def _names(store) -> dict[str, str]:
    return dict(store.read("MATCH (c:Cluster) RETURN c.id, c.name").rows)


def test_a_cluster_named_by_its_id_keeps_its_name_and_a_new_one_takes_the_id(embedded_store, tmp_path):
    run_load(embedded_store, "seeds")
    mapping = _members(tmp_path, "automation-smaland,556001-0001,Sensorbolaget AB\n"
                                 "VG-C09,556001-0002,Maskin AB\n")
    report = run_load(embedded_store, "csv", mapping)
    names = _names(embedded_store)
    assert names["automation-smaland"] == "Automation Småland"  # the seeds' name, not its id
    assert names["VG-C09"] == "VG-C09"  # a cluster the store lacks: the cell is all the table knows
    assert ("1 node(s) of the store named by their id in a column read as both id and name keep their names: "
            "Cluster 'automation-smaland' ('Automation Småland')") in report.load.notes
    members = embedded_store.read("MATCH (o:Organisation {id: '556001-0001'})-[:MEMBER_OF]->(c) RETURN c.id").rows
    assert members == [["automation-smaland"]]
    again = run_load(embedded_store, "csv", mapping)
    assert again.summary.created == again.summary.updated == 0  # a re-run changes nothing
