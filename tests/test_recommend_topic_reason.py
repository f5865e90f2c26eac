"""A CORDIS call topic a candidate shares with the consortium is said as a call answered, not a field worked in:
"works in MSCA Doctoral Networks 2023, like the consortium" had read as if the call were a sector of work."""

from __future__ import annotations

from graph.analytics.recommend import RecommenderIndex, recommend
from graph.store.records import NodeRecord, RelRecord
from tests.test_projections import SOURCE, cordis_records, stored_graph

TOPIC = "topic:HORIZON-MSCA-2023-DN-01"
ORGS = {"1": {"name": "SOLAR AB", "country": "SE", "nuts": "SE110"},
        "2": {"name": "VTT", "country": "FI", "nuts": "FI1B1"},
        "3": {"name": "PHOTON OY", "country": "FI", "nuts": "FI1D9"}}
PROJECTS = {"1": {"acronym": "DOCNET", "start": "2023-01-01", "partners": [("1", "coordinator"), ("2", "participant")]},
            "2": {"acronym": "PHDNET", "start": "2023-06-01", "partners": [("2", "coordinator"), ("3", "participant")]}}


def test_a_shared_call_topic_is_said_as_a_call_answered(embedded_server):
    nodes, rels = cordis_records(ORGS, PROJECTS)
    nodes.append(NodeRecord("Sector", TOPIC, "MSCA Doctoral Networks 2023", SOURCE,
                            properties={"code": TOPIC.split(":", 1)[1], "vocabulary": "CORDIS topic"}))
    rels += [RelRecord("ACTIVE_IN", "Project", f"cordis:{grant}", "Sector", TOPIC, SOURCE) for grant in PROJECTS]
    found = recommend(RecommenderIndex(stored_graph(embedded_server, nodes, rels)), ["Organisation:pic:1"], k=3)
    photon = next(c for c in found if c.key == "Organisation:pic:3")
    assert "answered the call topic MSCA Doctoral Networks 2023, like the consortium" in photon.reasons
    assert not [r for r in photon.reasons if r.startswith("works in MSCA")]
