"""A relationship two tables of one load give, one of them with its `since`, loses that `since` when its cell is
emptied: the record made of both rows fills what either table fills.

The first table's record was kept with the values the second gave, but with the first table's `fills` only (none):
the emptied `since` stayed after a re-load. Real loads of tmp tables into the session's server.
"""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import run_load

SINCE = "MATCH (:Organisation {id: 'M1'})-[r:MEMBER_OF]->(:Cluster {id: 'iot'}) RETURN r.since"
MAPPING = """name = "members"

[[nodes]]
file = "members.csv"
label = "Organisation"
id = "org"
name = "name"

[[nodes]]
file = "members.csv"
label = "Cluster"
id = "cluster"
name = "cluster"

[[relationships]]
file = "members.csv"
type = "MEMBER_OF"
start = { label = "Organisation", column = "org" }
end = { label = "Cluster", column = "cluster" }

[[relationships]]
file = "since.csv"
type = "MEMBER_OF"
start = { label = "Organisation", column = "org" }
end = { label = "Cluster", column = "cluster" }
[relationships.properties]
since = { column = "since", type = "date" }
"""


def _tables(folder: Path, since: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "members.csv").write_text("org,name,cluster\nM1,Mike AB,iot\n", encoding="utf-8")
    (folder / "since.csv").write_text(f"org,cluster,since\nM1,iot,{since}\n", encoding="utf-8")
    (folder / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    return folder / "mapping.toml"


def test_an_emptied_since_of_a_relationship_two_tables_give_is_taken_off(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _tables(tmp_path / "v1", "2020-01-01"))
    assert [str(v) for (v,) in embedded_store.read(SINCE).rows] == ["2020-01-01"]
    run_load(embedded_store, "csv", _tables(tmp_path / "v2", ""))
    assert embedded_store.read(SINCE).rows == [[None]]
