"""What the generic loader's tests share: the worked example, the bad-input fixtures, a snapshot of a
whole store, files written for one test and the problems a refused load gives."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts, to_networkx
from loaders.generic import load_generic, read_generic
from tests.conftest import FIXTURES

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "members" / "mapping.toml"
BAD = FIXTURES / "generic_bad"
EXAMPLE_LABELS = {"Cluster": 2, "Organisation": 8, "SME": 3, "Person": 4, "Source": 4, "Load": 1}
EXAMPLE_TYPES = {"MEMBER_OF": 7, "WORKS_FOR": 4}


def snapshot(store) -> tuple:
    """Counts plus every node and edge with its properties: equal snapshots mean an unchanged store."""
    graph = to_networkx(store)
    nodes = sorted(repr(item) for item in graph.nodes(data=True))
    edges = sorted(repr(item) for item in graph.edges(keys=True, data=True))
    return counts(store), nodes, edges


def write_preset(folder: Path, table: str, columns: dict[str, str], top: str = "") -> Path:
    """A participation-preset mapping of the table `t.csv` (its text): the project's number `Prosjekt` and
    acronym `Akronym`, the organisation's `Orgnr` and `Navn`, plus `columns` (name -> TOML value) and `top`
    (top-level lines); returns the mapping's path."""
    lines = ['preset = "participation"', 'file = "t.csv"', *filter(None, [top]), "[columns]",
             'project_id = "Prosjekt"', 'project_acronym = "Akronym"', 'organisation_id = "Orgnr"',
             'organisation_name = "Navn"', *(f"{name} = {value}" for name, value in columns.items())]
    return write_files(folder, {"mapping.toml": "\n".join(lines) + "\n", "t.csv": table})


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write a mapping and its data files; returns the mapping's path (the first file)."""
    for name, content in files.items():
        data = content if isinstance(content, bytes) else textwrap.dedent(content).lstrip("\n").encode()
        (folder / name).write_bytes(data)
    return folder / next(iter(files))


def problems_of(mapping: Path, store=None) -> list:
    with pytest.raises(ValidationFailed) as caught:
        load_generic(store, mapping) if store is not None else read_generic(mapping)
    return caught.value.problems


ORGS_MAPPING = """
    name = "orgs"

    [[nodes]]
    file = "orgs.csv"
    label = "Organisation"
    id = "id"
    name = "name"
"""


@pytest.fixture
def loaded_store(embedded_store):
    load_generic(embedded_store, EXAMPLE)
    return embedded_store
