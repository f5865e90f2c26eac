"""The seed knowledge base holds what texts 002 to 004 state, no more: IoT4Industry, Industrial Green Tech and
Innovasjon Norge, the S3 pilot's contacts and websites. The reconciliations are explained in docs/seeds.md."""

from __future__ import annotations

from tests.seed_queries import label_edge, one, rows

# -- text 002: IoT4Industry -------------------------------------------------------------------------------

def test_iot4industry_figures_and_dates(seeded_store):
    project = one(seeded_store, "MATCH (p:Project {id: $id}) RETURN properties(p)", {"id": "iot4industry"})
    figures = {k: project[k] for k in ("smes_funded", "collaborative_projects", "funding_eur",
                                       "participating_entities", "sectors", "stakeholders_reached", "open_calls")}
    assert figures == {"smes_funded": 84, "collaborative_projects": 40, "funding_eur": 3700000,
                       "participating_entities": 112, "sectors": 20, "stakeholders_reached": 3000, "open_calls": 2}
    assert project["stakeholders_reached_qualifier"] == "more than"
    assert (project["start_date"], project["end_date"]) == ("2018", "2020-12-31")


def test_iot4industry_won_the_partnership_award_given_by_eccp(seeded_store):
    award = one(seeded_store, "MATCH (:Project {id: $id})-[r:AWARDED]->(a:Award)<-[:RUNS]-(o:Organisation) "
                "RETURN [a.name, r.date, r.event, o.id]", {"id": "iot4industry"})
    assert award == ["European cluster partnership of the year 2020", "2020-11-11",
                     "European Cluster Conference 2020", "eccp"]


def test_iot4industry_coordinator_and_funders(seeded_store):
    assert one(seeded_store, "MATCH (p:Person)-[:COORDINATES]->(:Project {id: $id}) RETURN p.name",
               {"id": "iot4industry"}) == "Marielle Campanella"
    funders = rows(seeded_store, "MATCH (:Project {id: $id})-[:FUNDED_BY]->(o) RETURN o.id ORDER BY o.id",
                   {"id": "iot4industry"})
    assert funders == [["easme"], ["european-commission"]]


# -- text 003: Industrial Green Tech, Innovasjon Norge --------------------------------------------------

def test_arena_pro_requires_bronze_and_belongs_to_innovasjon_norges_programme(seeded_store):
    assert one(seeded_store, "MATCH (:Programme {id: $id})-[:REQUIRES]->(l:QualityLabel) RETURN l.id",
               {"id": "arena-pro"}) == "esca-bronze"
    found = rows(seeded_store, "MATCH (o:Organisation)-[:RUNS]->(p:Programme)<-[:PART_OF]-(step:Programme) "
                 "WHERE o.id = $org RETURN step.id ORDER BY step.id", {"org": "innovasjon-norge"})
    assert found == [["arena"], ["arena-pro"]]


def test_igt_has_arena_status_and_applies_for_arena_pro(seeded_store):
    found = rows(seeded_store, "MATCH (:Cluster {id: $id})-[r:MEMBER_OF]->(p:Programme) RETURN p.id, r.status, r.since "
                 "ORDER BY p.id", {"id": "industrial-green-tech"})
    assert found == [["arena", "member", None], ["arena-pro", "applicant", "2021"]]


def test_igt_is_in_grenland_in_telemark(seeded_store):
    regions = rows(seeded_store, "MATCH (:Cluster {id: $id})-[:LOCATED_IN]->(r:Region) RETURN r.id ORDER BY r.id",
                   {"id": "industrial-green-tech"})
    assert regions == [["NO094"], ["grenland"]]
    assert one(seeded_store, "MATCH (:Region {id: $id})-[:PART_OF]->(t:Region)-[:PART_OF]->(c:Country) "
               "RETURN [t.name, c.id]", {"id": "grenland"}) == ["Telemark", "NO"]


def test_igt_bronze_has_no_invented_date(seeded_store):
    bronze = label_edge(seeded_store, "industrial-green-tech", "esca-bronze")
    assert "awarded" not in bronze and "36 indicators" in bronze["note"]


# -- text 004: contacts, websites -------------------------------------------------------------------------

def test_s3_pilot_contacts(seeded_store):
    assert one(seeded_store, "MATCH (p:Person)-[:WORKS_FOR]->(o {id: $id}) RETURN p.name",
               {"id": "tillvaxtverket"}) == "Ewa Andersson"
    assert one(seeded_store, "MATCH (p:Person {id: $id}) RETURN p.sources", {"id": "cecilia-johansson"}) == ["seed:004"]


def test_pilot_websites_are_kept_as_printed(seeded_store):
    websites = dict(rows(seeded_store, "MATCH (c:Cluster) WHERE c.website IS NOT NULL RETURN c.id, c.website"))
    assert websites["iot-world"] == "www.mjardevi.se"
    assert websites["compare"] == "wwwcompare.se"
    assert len(websites) == 22
