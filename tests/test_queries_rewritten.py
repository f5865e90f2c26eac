"""The saved queries rewritten for speed at 10x (issue 13) return exactly the rows their earlier text returned,
on the seeds + NUTS + CORDIS fixtures, for many parameter values; and the country aggregates they read
(`loaders.derived_aggregates`) are kept right by a re-derive and written only when they change."""

from __future__ import annotations

import doctest
import itertools

import pytest

import loaders.derived_aggregates
from loaders.derived_aggregates import derive_country_aggregates
from queries.catalogue import load_catalogue
from tests.conftest import fixture_network, open_fixture_network

CATALOGUE = load_catalogue(None)

#: The texts as they were before the rewrite (main at 96db4aa): they walk the participations.
EARLIER = {
    "collaboration/country-pairs": (
        "MATCH (:Organisation {country: $country})-[:PARTICIPATES_IN]->(p:Project)\n"
        "WITH DISTINCT p\n"
        "MATCH (p)<-[:PARTICIPATES_IN]-(b:Organisation)\n"
        "WHERE b.country <> $country\n"
        "RETURN b.country AS partner_country, count(DISTINCT p) AS shared_projects, count(DISTINCT b) AS partners\n"
        "ORDER BY shared_projects DESC, partner_country\n"
        "LIMIT $limit"),
    "collaboration/cross-border": (
        "MATCH (a:Organisation {country: $first})-[:PARTICIPATES_IN]->(p:Project)\n"
        "WITH p, count(DISTINCT a) AS from_first\n"
        "MATCH (p)<-[:PARTICIPATES_IN]-(b:Organisation {country: $second})\n"
        "WITH p, from_first, count(DISTINCT b) AS from_second\n"
        "RETURN p.id AS project, p.acronym AS acronym, p.start_date AS start, from_first, from_second\n"
        "ORDER BY from_first + from_second DESC, acronym"),
}
#: The columns each query orders by: rows tied on them may come in any order, in either text.
ORDER_KEYS = {
    "collaboration/country-pairs": lambda r: (-r[1], r[0]),
    "collaboration/cross-border": lambda r: (-(r[3] + r[4]), r[1]),
}


network = fixture_network("rewritten", "network")  # derives the country aggregates


def _countries(store) -> list[str]:
    rows = store.read("MATCH (o:Organisation) WHERE o.country IS NOT NULL "
                      "RETURN o.country AS c, count(*) AS n ORDER BY n DESC, c", row_cap=1000).rows
    return [c for c, _ in rows]


def _parameters(store, name: str) -> list[dict]:
    countries = _countries(store)
    if name == "collaboration/country-pairs":
        return [{"country": c, "limit": limit} for c in [*countries, "XX"] for limit in (3, 1000)]
    busiest = countries[:8]
    # one country twice is no border: the query answers nothing (and the runner refuses it; test_query_library)
    return [{"first": a, "second": b} for a, b in itertools.product([*busiest, "XX"], busiest) if a != b]


def assert_same_rows(store, name: str, params: dict) -> None:
    earlier = [tuple(r) for r in store.read(EARLIER[name], params, row_cap=10**6).rows]
    now = [tuple(r) for r in store.read(CATALOGUE.get(name).cypher, params, row_cap=10**6).rows]
    key = ORDER_KEYS[name]
    assert [key(r) for r in now] == [key(r) for r in earlier], (name, params)
    assert sorted(now, key=repr) == sorted(earlier, key=repr), (name, params)


@pytest.mark.parametrize("name", sorted(EARLIER))
def test_the_rewritten_query_returns_the_earlier_rows(network, name):
    cases = _parameters(network, name)
    assert len(cases) > 10
    for params in cases:
        assert_same_rows(network, name, params)
    some = CATALOGUE.get(name).example
    assert network.read(CATALOGUE.get(name).cypher, some).rows, f"{name}: no rows for its example"


def test_a_rederive_after_a_change_keeps_the_rows_equal_and_a_rerun_writes_nothing(embedded_server):
    store = open_fixture_network(embedded_server, "rederived")
    try:
        assert derive_country_aggregates(store) == []  # nothing changed since the fixture derived them
        gone = store.write("MATCH (o:Organisation {country: 'IT'})-[r:PARTICIPATES_IN]->(p:Project) "
                           "WITH r, p ORDER BY p.id LIMIT 3 DELETE r RETURN count(*)").rows[0][0]
        moved = store.write("MATCH (o:Organisation {country: 'NO'}) WITH o ORDER BY o.id LIMIT 2 "
                            "SET o.country = 'SE' RETURN count(o)").rows[0][0]
        assert (gone, moved) == (3, 2)
        said = derive_country_aggregates(store)
        assert said and all(s.startswith("country aggregates:") for s in said)
        for name in EARLIER:
            for params in _parameters(store, name):
                assert_same_rows(store, name, params)
        assert derive_country_aggregates(store) == []
    finally:
        store.clear()
        store.close()


def test_a_project_that_lost_its_participants_loses_its_countries(embedded_server):
    store = open_fixture_network(embedded_server, "emptied")
    try:
        project = store.read("MATCH (p:Project) WHERE p.countries IS NOT NULL RETURN p.id ORDER BY p.id LIMIT 1"
                             ).rows[0][0]
        store.write("MATCH (:Organisation)-[r:PARTICIPATES_IN]->(:Project {id: $id}) DELETE r", {"id": project})
        derive_country_aggregates(store)
        assert store.read("MATCH (p:Project {id: $id}) RETURN p.countries, p.country_participants",
                          {"id": project}).rows == [[None, None]]
    finally:
        store.clear()
        store.close()


def test_the_aggregates_docstring_examples():
    assert doctest.testmod(loaders.derived_aggregates).failed == 0
