"""CORDIS's titles and names are stored single-spaced: its official files write `HORIZON  Research and Innovation
Actions`, and the doubled space had been stored, shown and searched as written. A store an earlier version loaded
is updated by a re-run of the load, once. The CORDIS fixture is copied and given doubled spaces; loads go into the
real embedded store."""

from __future__ import annotations

import dataclasses
import shutil

from loaders.common import load_records
from loaders.cordis import load_cordis, read_cordis
from loaders.cordis_files import cordis_files, cordis_inputs
from tests.conftest import FIXTURES

#: (file, as the fixture writes it, as the official files write such a cell)
DOUBLED = [("projects.csv", "HORIZON ERC Grants", "HORIZON  ERC Grants"),
           ("projects.csv", "Unification of the best piezoelectric", "Unification of the  best piezoelectric"),
           ("organizations.csv", "OULUN YLIOPISTO", "OULUN  YLIOPISTO"),
           ("project_topics.csv", "ERC STARTING GRANTS", "ERC  STARTING GRANTS")]
TITLES = ("MATCH (n) WHERE n.id IN ['scheme:HORIZON-ERC', 'pic:999844670', 'topic:ERC-2021-STG', 'cordis:101039110'] "
          "RETURN n.id, coalesce(n.title, n.name) ORDER BY n.id")
SINGLE = [["cordis:101039110", "Unification of the best piezoelectric and photovoltaic properties in a single "
                               "photoferroelectric material"],
          ["pic:999844670", "OULUN YLIOPISTO"], ["scheme:HORIZON-ERC", "HORIZON ERC Grants"],
          ["topic:ERC-2021-STG", "ERC STARTING GRANTS"]]


def doubled_cordis(folder):
    cordis = folder / "cordis"
    shutil.copytree(FIXTURES / "cordis", cordis)
    for file, single, doubled in DOUBLED:
        text = (cordis / file).read_text(encoding="utf-8")
        assert single in text
        (cordis / file).write_text(text.replace(single, doubled), encoding="utf-8")
    return cordis


def test_a_load_stores_titles_and_names_single_spaced(embedded_store, tmp_path):
    load_cordis(embedded_store, doubled_cordis(tmp_path))
    assert embedded_store.read(TITLES).rows == SINGLE


def _as_written(value):
    """`value` as a version that kept CORDIS's doubled spaces wrote it."""
    for _, single, doubled in DOUBLED:
        if isinstance(value, str) and value.startswith(single):
            return value.replace(single, doubled, 1)
    return value


def test_a_re_run_over_a_store_with_doubled_spaces_updates_them_once(embedded_store, tmp_path):
    cordis = doubled_cordis(tmp_path)
    nodes, rels, _ = read_cordis(cordis)
    as_written = [dataclasses.replace(n, name=_as_written(n.name), properties={
        k: _as_written(v) for k, v in n.properties.items()}) for n in nodes]
    load_records(embedded_store, "cordis", cordis_inputs(cordis_files(cordis)), as_written, rels)
    assert embedded_store.read(TITLES).rows != SINGLE  # the store an earlier version left
    again = load_cordis(embedded_store, cordis)
    assert embedded_store.read(TITLES).rows == SINGLE
    assert (again.summary.created, again.summary.updated) == (0, 5)  # the four, and a second topic of that title
    third = load_cordis(embedded_store, cordis)
    assert (third.summary.created, third.summary.updated, third.summary.relationships_updated) == (0, 0, 0)
