"""A member list placed by a national number of its region column (`county_numbers = "DK"`, `"FI"`), loaded onto the
bundled NUTS regions: the shared steps of the kommuner and maakunnat tests, whose assertions stay in their modules."""

from __future__ import annotations

import csv
import io
import lzma
import tomllib
from pathlib import Path

from graph.store.contract import GraphStore
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from tests.cli_invoke import mapping_new
from tests.generic_files import problems_of, snapshot, write_files

BUNDLED_NUTS = Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "gisco-nuts"


def level_3_rows(version: int, country: str) -> list[dict[str, str]]:
    """The NUTS 3 rows of `country` in the bundled label points of NUTS `version`."""
    text = lzma.decompress((BUNDLED_NUTS / f"nuts{version}_label_points.csv.xz").read_bytes()).decode("utf-8")
    return [row for row in csv.DictReader(io.StringIO(text))
            if row["NUTS_ID"].startswith(country) and len(row["NUTS_ID"]) == 5]


def placed_twice(store: GraphStore, folder: Path, files: dict[str, str]) -> tuple[dict, list, object, object]:
    """The mapping of `files` loaded onto the bundled NUTS, then again: the organisations' regions after the first
    load, the national regions it made, and both loads' reports."""
    mapping = write_files(folder, files)
    load_nuts(store, BUNDLED_NUTS)
    report = run_load(store, "csv", mapping)
    placed = dict(store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r) RETURN o.id, r.id").rows)
    national = store.read("MATCH (r:Region {scheme: 'national'}) RETURN r.id").rows
    return placed, national, report, run_load(store, "csv", mapping)


def refused(store: GraphStore, folder: Path, files: dict[str, str]) -> tuple[list[str], tuple, tuple]:
    """The problems a load of the mapping of `files` is refused with, and the store's snapshots before and after."""
    mapping = write_files(folder, files)
    before = snapshot(store)
    problems = [str(p) for p in problems_of(mapping, store)]
    return problems, before, snapshot(store)


def new_member_node(folder: Path, name: str, table: str) -> tuple[str, dict]:
    """The template `mapping new` writes for the table `name` holding `table`, and its first node."""
    template = mapping_new(folder, name, table)
    return template, tomllib.loads(template)["nodes"][0]
