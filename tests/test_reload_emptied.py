"""A cell emptied in a user's table is taken off the node when the table is loaded again.

A user who clears a wrong city in their table and loads it again had kept the old city: an empty cell sets nothing,
and a load only adds and updates. Now a property the table fills (a mapped column) that a row no longer gives is
taken off, when only that table gave the node; a node another load gives too gets that load's value back. What no
table fills (a metric written back, the derived facts) stays. Real loads of tmp tables into the session's server.
"""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import run_load

ORG = "MATCH (o:Organisation {id: '556001-0001'}) RETURN o.city, o.employees, o.degree_score"


def _table(folder: Path, name: str, rows: str) -> Path:
    """A mapping `name` of one Organisation table (`id;name;city;employees`) with `rows` under its header."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orgs.csv").write_text("id;name;city;employees\n" + rows, encoding="utf-8")
    (folder / "mapping.toml").write_text(
        f'name = "{name}"\n\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "id"\nname = "name"\n\n'
        '[nodes.properties]\ncity = "city"\nemployees = { column = "employees", type = "int" }\n', encoding="utf-8")
    return folder / "mapping.toml"


def test_an_emptied_cell_is_taken_off_and_what_no_table_fills_stays(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path / "v1", "orgs", "556001-0001;Sensor AB;Växjö;45\n"))
    embedded_store.write("MATCH (o:Organisation {id: '556001-0001'}) SET o.degree_score = 0.5")  # a metric written
    assert embedded_store.read(ORG).rows == [["Växjö", 45, 0.5]]
    report = run_load(embedded_store, "csv", _table(tmp_path / "v2", "orgs", "556001-0001;Sensor AB;;45\n"))
    assert embedded_store.read(ORG).rows == [[None, 45, 0.5]]
    assert report.summary.updated == 2, report.summary.describe()  # the organisation and its file's Source
    again = run_load(embedded_store, "csv", tmp_path / "v2" / "mapping.toml")
    assert again.skipped or again.summary.updated == 0  # a re-run changes nothing
    assert embedded_store.read(ORG).rows == [[None, 45, 0.5]]


def test_an_emptied_cell_gives_back_the_value_another_load_gives(embedded_store, tmp_path):
    """Two tables give the node: the later one's city wins; emptied there, the earlier one's comes back, and emptied
    in both, the node has none."""
    run_load(embedded_store, "csv", _table(tmp_path / "a1", "register", "556001-0001;Sensor AB;Växjö;45\n"))
    run_load(embedded_store, "csv", _table(tmp_path / "b1", "survey", "556001-0001;Sensor AB;Lund;50\n"))
    assert embedded_store.read(ORG).rows == [["Lund", 50, None]]
    run_load(embedded_store, "csv", _table(tmp_path / "b2", "survey", "556001-0001;Sensor AB;;50\n"))
    assert embedded_store.read(ORG).rows == [["Växjö", 50, None]]
    run_load(embedded_store, "csv", _table(tmp_path / "a2", "register", "556001-0001;Sensor AB;;45\n"))
    assert embedded_store.read(ORG).rows == [[None, 45, None]]


def _members(folder: Path, since: str) -> Path:
    """A mapping of one organisation and its membership of a cluster, `since` the membership's date cell."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orgs.csv").write_text("id;name;cluster;since\n556001-0001;Sensor AB;iot;" + since + "\n",
                                     encoding="utf-8")
    (folder / "clusters.csv").write_text("id;name\niot;IoT World\n", encoding="utf-8")
    (folder / "mapping.toml").write_text(
        'name = "members"\n\n[[nodes]]\nfile = "clusters.csv"\nlabel = "Cluster"\nid = "id"\nname = "name"\n\n'
        '[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "id"\nname = "name"\n\n'
        '[[relationships]]\nfile = "orgs.csv"\ntype = "MEMBER_OF"\nstart = { label = "Organisation", column = "id" }\n'
        'end = { label = "Cluster", column = "cluster" }\n\n[relationships.properties]\n'
        'since = { column = "since", type = "date" }\n', encoding="utf-8")
    return folder / "mapping.toml"


def test_an_emptied_cell_of_a_relationship_is_taken_off(embedded_store, tmp_path):
    since = "MATCH (:Organisation)-[r:MEMBER_OF]->(:Cluster) RETURN r.since"
    run_load(embedded_store, "csv", _members(tmp_path / "v1", "2019-01-01"))
    assert embedded_store.read(since).rows == [["2019-01-01"]]
    run_load(embedded_store, "csv", _members(tmp_path / "v2", ""))
    assert embedded_store.read(since).rows == [[None]]
