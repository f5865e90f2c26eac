"""What the CORDIS loader's tests share: the fixture folders, what the graph must hold computed from the files
with the csv module alone, a comparable form of a whole graph, and the fixtures loaded into a store."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from graph.store.reads import to_networkx
from loaders.cordis import load_cordis
from loaders.nuts import load_nuts
from tests.conftest import FIXTURES

CORDIS = FIXTURES / "cordis"
OFFICIAL = FIXTURES / "cordis_official"
NUTS = FIXTURES / "nuts"
BAD = FIXTURES / "bad"
H2020 = FIXTURES / "cordis_h2020"


def read_rows(path, delimiter=","):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def expected_counts(folder):
    """What the graph must hold, computed from the files with the csv module alone."""
    projects, parts = read_rows(folder / "projects.csv"), read_rows(folder / "organizations.csv")
    start = {p["id"]: p["startDate"] for p in projects}
    latest_sme: dict[str, tuple] = {}
    for r in parts:
        when = (start[r["projectID"]], int(r["projectID"]), int(r["order"]))
        if r["SME"] and when > latest_sme.get(r["organisationID"], ((), None))[0]:
            latest_sme[r["organisationID"]] = (when, r["SME"])
    pairs = Counter((r["projectID"], r["organisationID"]) for r in parts)
    return {"projects": len({p["id"] for p in projects}), "organisations": len({r["organisationID"] for r in parts}),
            "participations": len(parts), "sme": sum(v == "true" for _, v in latest_sme.values()),
            "repeated_pairs": sum(n > 1 for n in pairs.values())}


def canonical(store, drop=("sources",)):
    """Nodes and relationships (without Source and Load nodes, nor the `drop` properties), comparable with ==."""
    graph = to_networkx(store)
    nodes = {key: {k: v for k, v in data.items() if k not in drop} for key, data in graph.nodes(data=True)
             if data["kind"] not in ("Source", "Load")}
    edges = sorted((u, v, key, repr(sorted((k, x) for k, x in data.items() if k not in drop)))
                   for u, v, key, data in graph.edges(keys=True, data=True) if u in nodes and v in nodes)
    return nodes, edges


@pytest.fixture
def loaded(embedded_store):
    """The NUTS and CORDIS fixtures loaded, NUTS first (as the CLI does)."""
    load_nuts(embedded_store, NUTS)
    report = load_cordis(embedded_store, CORDIS)
    return embedded_store, report
