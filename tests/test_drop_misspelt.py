"""A `drop` that removes nothing while the file's records hold a property it nearly spells says so
(`loaders/generic_drop.py`): a misspelt drop had done nothing without a word, and the old property stayed."""

from __future__ import annotations

from graph.store.reads import to_networkx
from loaders.generic import load_generic
from tests.test_mapping_features import ORGS, write_files


def test_a_misspelt_drop_is_said_with_the_property_it_nearly_spells(tmp_path, embedded_store):
    """`drop = ["starrt"]` removed nothing without a word, and `start` stayed on every node."""
    mapping = write_files(tmp_path, {"mapping.toml": ORGS + '[nodes.properties]\nstart = "start"\n',
                                     "orgs.csv": "nr;navn;start\n1;Fjordlab AS;2021\n"})
    load_generic(embedded_store, mapping)
    write_files(tmp_path, {"mapping.toml": ORGS.replace('name = "navn"', 'name = "navn"\ndrop = ["starrt"]')
                           + '[nodes.properties]\nstart_date = "start"\n'})
    report = load_generic(embedded_store, mapping)
    assert ("orgs.csv: drop 'starrt' removed nothing: none of this file's records holds it; they hold 'start' (did "
            "you mean that?)") in report.notes
    assert to_networkx(embedded_store).nodes["Organisation:1"]["start"] == "2021"  # nothing removed on a guess
