"""A relationship two loads give (one membership in a member list and in a cluster's own register) keeps what each
gave (`graph.store.given_rels`): an unload of the later load, its emptied cell and a re-load without its row give
the relationship back the values the other load gave, as a node's are (`graph.store.given`)."""

from __future__ import annotations

from graph.store.reads import to_networkx
from loaders.pipeline import run_load, run_unload
from tests.generic_files import snapshot, write_files

MEMBERS = """
name = "members"

[[nodes]]
file = "members.csv"
label = "Organisation"
id = "nr"
name = "navn"

[[nodes]]
file = "klynger.csv"
label = "Cluster"
id = "id"
name = "navn"

[[relationships]]
file = "members.csv"
type = "MEMBER_OF"
start = { label = "Organisation", column = "nr" }
end = { label = "Cluster", column = "klynge" }

[relationships.properties]
since = { column = "siden", format = "%Y" }  # a year, read as its 1 January
"""
REGISTER = """
name = "register"

[[relationships]]
file = "register.csv"
type = "MEMBER_OF"
start = { label = "Organisation", column = "nr" }
end = { label = "Cluster", column = "klynge" }

[relationships.properties]
since = { column = "siden", format = "%Y" }  # a year, read as its 1 January
"""
EDGE = ("Organisation:1", "Cluster:hav", "MEMBER_OF:")


def _load(store, folder, files: dict[str, str]):
    folder.mkdir(exist_ok=True)
    if files:
        write_files(folder, files)
    return run_load(store, "csv", folder / "mapping.toml")


def _membership(store) -> dict:
    return to_networkx(store).edges[EDGE]


def _both(store, tmp_path, register_rows: str):
    _load(store, tmp_path / "members", {"mapping.toml": MEMBERS, "klynger.csv": "id;navn\nhav;Havklyngen\n",
                                        "members.csv": "nr;navn;klynge;siden\n1;Fjordlab AS;hav;2019\n"})
    return _load(store, tmp_path / "register", {"mapping.toml": REGISTER, "register.csv": register_rows})


def test_an_unload_gives_a_membership_back_the_other_loads_value(embedded_store, tmp_path):
    _both(embedded_store, tmp_path, "nr;klynge;siden\n1;hav;2020\n")
    assert _membership(embedded_store)["since"] == "2020-01-01"  # the later load's value, as before
    # its start is marked, so the unload finds it without a scan of every relationship; the mark is internal
    marked, keys = embedded_store.read("MATCH (o:Organisation {id: '1'}) RETURN o._given_rels, keys(o)").rows[0]
    assert marked is True and "_given_rels" not in keys
    again = _load(embedded_store, tmp_path / "register", {"register.csv": "nr;klynge;siden\n1;hav;2020\n"})
    assert (again.load.summary.created, again.load.summary.updated) == (0, 0)  # a re-run changes nothing
    summary, _ = run_unload(embedded_store, "user:register")
    edge = _membership(embedded_store)
    assert (edge["since"], edge["sources"]) == ("2019-01-01", ["user:members/members.csv"])
    assert "1 relationship(s) given back the values other loads gave them" in summary.given_back()
    # one load's values left: no entries, and the mark goes too (a later unload does not look at the node again)
    assert embedded_store.read("MATCH (o:Organisation {id: '1'}) RETURN o._given_rels").rows == [[None]]


def test_an_emptied_cell_gives_the_other_loads_value_and_a_removed_row_leaves_it(embedded_store, tmp_path):
    _both(embedded_store, tmp_path, "nr;klynge;siden\n1;hav;2020\n")
    _load(embedded_store, tmp_path / "register", {"register.csv": "nr;klynge;siden\n1;hav;\n"})
    assert _membership(embedded_store)["since"] == "2019-01-01"
    _load(embedded_store, tmp_path / "register", {"register.csv": "nr;klynge;siden\n1;hav;2021\n"})
    assert _membership(embedded_store)["since"] == "2021-01-01"
    report = _load(embedded_store, tmp_path / "register", {"register.csv": "nr;klynge;siden\n"})
    edge = _membership(embedded_store)
    assert (edge["since"], edge["sources"]) == ("2019-01-01", ["user:members/members.csv"])
    assert any("no longer in it" in note for note in report.load.summary.retired)


def test_a_relationship_one_load_gives_keeps_no_record(embedded_store, tmp_path):
    """Only a relationship a second load writes gets entries: one load's re-run reads and writes nothing more."""
    _load(embedded_store, tmp_path / "members", {"mapping.toml": MEMBERS, "klynger.csv": "id;navn\nhav;Havklyngen\n",
                                                 "members.csv": "nr;navn;klynge;siden\n1;Fjordlab AS;hav;2019\n"})
    held = embedded_store.read("MATCH ()-[r:MEMBER_OF]->() RETURN r._given").rows
    assert held == [[None]]
    before = snapshot(embedded_store)
    _load(embedded_store, tmp_path / "members", {})
    assert snapshot(embedded_store)[2] == before[2]
