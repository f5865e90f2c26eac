"""`drop` in a nodes table names a label the table no longer gives (`extra_labels = ["Cluster"]` taken out of the
mapping had left every node of the table a Cluster): it is taken off the nodes only this file gives (a re-load
whose records changed does that by itself now), the nodes another load gives too keep it, and an unload of that
other load then takes it off (docs/mapping.md, `drop`)."""

from __future__ import annotations

from graph.store.reads import to_networkx
from loaders.pipeline import run_load, run_unload
from tests.generic_files import problems_of, write_files

TABLE = """
name = "{name}"

[[nodes]]
file = "{name}.csv"
label = "Organisation"
{labels}
id = "nr"
name = "navn"
"""
ROWS = "nr;navn\n1;Fjordlab AS\n2;Havbruk Norge AS\n"


def _mapping(tmp_path, name: str, labels: str, rows: str = ROWS):
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    return write_files(folder, {"mapping.toml": TABLE.format(name=name, labels=labels), f"{name}.csv": rows})


def _labels(store) -> dict[str, tuple[list[str], str]]:
    graph = to_networkx(store)
    return {data["id"]: (sorted(data["labels"]), data["kind"]) for _, data in graph.nodes(data=True)
            if data.get("id") in ("1", "2")}


def test_a_dropped_label_leaves_the_nodes_only_this_file_gives(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'extra_labels = ["Cluster"]'))
    only_two = "nr;navn\n2;Havbruk Norge AS\n"
    run_load(embedded_store, "csv", _mapping(tmp_path, "other", 'extra_labels = ["Cluster"]', only_two))
    report = run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'drop = ["Cluster"]'))
    # the re-load itself takes it off the node only its files give (`tests/test_reload_labels.py`); `drop` then
    # finds it only where another load gives it, and says so
    assert ("1 node(s) only this load's files give lost the label Cluster: its files gave it and give it no more."
            in report.load.notes)
    assert ("orgs.csv: label 'Cluster' stays on 1 Organisation node(s) other files or loads give too (drop in the "
            "mapping takes it off the nodes this file alone gives)") in report.load.notes
    assert _labels(embedded_store) == {"1": (["Organisation"], "Organisation"),
                                       "2": (["Cluster", "Organisation"], "Cluster")}
    again = run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'drop = ["Cluster"]'))
    assert ("orgs.csv: label 'Cluster' stays on 1 Organisation node(s) other files or loads give too (drop in the "
            "mapping takes it off the nodes this file alone gives)") in again.load.notes
    assert _labels(embedded_store)["1"] == (["Organisation"], "Organisation")
    run_unload(embedded_store, "user:other")  # the load that still gave node 2 its Cluster label
    assert _labels(embedded_store) == {"1": (["Organisation"], "Organisation"),
                                       "2": (["Organisation"], "Organisation")}


def test_a_label_the_table_still_gives_cannot_be_dropped(tmp_path):
    mapping = _mapping(tmp_path, "orgs", 'extra_labels = ["Cluster"]\ndrop = ["Cluster", "Organisation"]')
    said = [p.message for p in problems_of(mapping)]
    assert said == ["drop: label 'Cluster' is given by this table; drop only a label it no longer gives",
                    "drop: label 'Organisation' is given by this table; drop only a label it no longer gives"]


def test_a_label_the_derived_facts_give_from_a_property_goes_with_the_property(embedded_store, tmp_path):
    """`SME` is derived from `sme` after every load: dropped alone it comes back, dropped with `sme` it goes."""
    run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'extra_labels = ["SME"]'))
    assert _labels(embedded_store)["1"][0] == ["Organisation", "SME"]
    run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'drop = ["SME"]'))
    assert _labels(embedded_store)["1"][0] == ["Organisation", "SME"]
    report = run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'drop = ["SME", "sme"]'))
    assert _labels(embedded_store)["1"][0] == ["Organisation"]
    assert "orgs.csv: property 'sme' dropped from 2 Organisation node(s) (drop in the mapping)" in report.load.notes
