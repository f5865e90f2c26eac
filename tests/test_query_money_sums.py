"""Sums of contributions in saved queries come out in cents, as the amounts they add up were given.

A thousand participations of one SME in the region SE123, each with an amount in cents, summed by the database
in binary floating point, drift below the cent: `regions/ranked-by-participations` had shown 951319304.480001
for Hovedstaden (DK01) on the bundled sample, and `organisations/smes-in-region` summed the same way.
"""

from __future__ import annotations

import pytest

from graph.store.falkordb_store import FalkorDBStore
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import write_records
from loaders.pipeline import derive_facts
from queries.catalogue import load_catalogue
from queries.runner import run_saved

GRAPH = "query_money_sums"
AMOUNTS = [0.07] * 999 + [900_000_000.0]  # summed as the database adds them: 900000069.930052


@pytest.fixture(scope="module")
def store(embedded_server):
    store = FalkorDBStore(embedded_server, GRAPH)
    store.clear()
    store.setup_schema()
    nodes = [NodeRecord("Organisation", "pic:1", "Fjordlab AS", ("test",),
                        properties={"country": "SE", "nuts_code": "SE123", "sme": True})]
    nodes += [NodeRecord("Project", f"cordis:{n}", f"Project {n}", ("test",)) for n in range(len(AMOUNTS))]
    rels = [RelRecord("PARTICIPATES_IN", "Organisation", "pic:1", "Project", f"cordis:{n}", ("test",),
                      properties={"contribution": amount, "role": "participant"}, key=str(n))
            for n, amount in enumerate(AMOUNTS)]
    write_records(store, nodes, rels)
    derive_facts(store)
    yield store
    store.clear()
    store.close()


@pytest.mark.parametrize("name, params", [("organisations/smes-in-region", {"area": "SE"}),
                                          ("regions/ranked-by-participations", {"level": 3})])
def test_a_sum_of_amounts_in_cents_is_in_cents(store, name, params):
    _, _, result = run_saved(store, load_catalogue(), name, params)
    assert result.records()[0]["contribution"] == round(sum(AMOUNTS), 2)
