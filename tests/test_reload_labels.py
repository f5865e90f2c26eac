"""A re-load whose mapping no longer gives a label (`extra_labels = ["Cluster"]` taken out) takes it off the nodes
only its files give (`graph.store.given.own_labels_gone`) and off those other loads give too when none of them gives
it (`record_given`): it had stayed until the table was unloaded and loaded again, or named in `drop`. A label another
load still gives stays, and so does `SME` while the node's `sme` holds."""

from __future__ import annotations

from loaders.pipeline import run_load
from tests.test_drop_labels import _labels, _mapping


def test_a_label_the_reload_no_longer_gives_goes_where_no_other_load_gives_it(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'extra_labels = ["Cluster"]'))
    run_load(embedded_store, "csv", _mapping(tmp_path, "other", "", "nr;navn\n2;Havbruk Norge AS\n"))
    assert _labels(embedded_store)["2"] == (["Cluster", "Organisation"], "Cluster")
    report = run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", ""))
    assert ("1 node(s) other loads give too lost the label Cluster: this load's files gave it and give it no more, "
            "and no other load does.") in report.load.notes
    assert ("1 node(s) only this load's files give lost the label Cluster: its files gave it and give it no "
            "more.") in report.load.notes
    assert _labels(embedded_store) == {"1": (["Organisation"], "Organisation"), "2": (["Organisation"], "Organisation")}
    again = run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", ""))
    assert not [note for note in again.load.notes if "lost the label" in note]


def test_a_label_another_load_still_gives_stays(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'extra_labels = ["Cluster"]'))
    run_load(embedded_store, "csv", _mapping(tmp_path, "other", 'extra_labels = ["Cluster"]',
                                             "nr;navn\n2;Havbruk Norge AS\n"))
    report = run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", ""))
    assert [note for note in report.load.notes if "lost the label" in note] == [
        "1 node(s) only this load's files give lost the label Cluster: its files gave it and give it no more."]
    assert _labels(embedded_store) == {"1": (["Organisation"], "Organisation"),
                                       "2": (["Cluster", "Organisation"], "Cluster")}


def test_sme_made_from_the_property_stays_while_the_property_holds(embedded_store, tmp_path):
    """`SME` is derived from `sme` (`loaders.derived`): a mapping that no longer gives the label leaves it while the
    node's `sme` is true, and takes it off once `sme` is dropped too."""
    run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", 'extra_labels = ["SME", "Cluster"]'))
    report = run_load(embedded_store, "csv", _mapping(tmp_path, "orgs", ""))
    assert _labels(embedded_store)["1"][0] == ["Organisation", "SME"]
    assert [note for note in report.load.notes if "lost the label" in note] == [
        "2 node(s) only this load's files give lost the label Cluster: its files gave it and give it no more."]
