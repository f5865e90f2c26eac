"""The seed knowledge base holds what the five texts state, no more: texts 000 and 001, and ESCA's labels.

Each test names the text it checks. The reconciliations these tests pin down are explained in docs/seeds.md.
Texts 002 to 004: tests/test_seed_facts_002_to_004.py; sources, places, dates and the load itself:
tests/test_seed_load.py.
"""

from __future__ import annotations

from tests.seed_queries import label_edge, one, rows

# -- text 000: IoT World ----------------------------------------------------------------------------------

def test_iot_world_holds_bronze_from_2018_and_silver_without_a_date(seeded_store):
    bronze = label_edge(seeded_store, "iot-world", "esca-bronze")
    silver = label_edge(seeded_store, "iot-world", "esca-silver")
    assert bronze["awarded"] == "2018" and "expires" not in bronze
    assert "awarded" not in silver and "expires" not in silver
    assert "christmas" in silver["note"] and silver["issued_by"] == "esca"


def test_iot_world_project_managers(seeded_store):
    found = rows(seeded_store, "MATCH (p:Person)-[w:WORKS_FOR]->(:Cluster {id: $id}) RETURN p.name, w.title "
                 "ORDER BY p.name", {"id": "iot-world"})
    assert found == [["Daniel Kullgard", "Project Manager"], ["Ulrika Johansson", "Project Manager"]]


def test_iot_world_is_in_ostergotland_and_active_in_iot(seeded_store):
    assert one(seeded_store, "MATCH (:Cluster {id: $id})-[:LOCATED_IN]->(r:Region) RETURN r.id",
               {"id": "iot-world"}) == "SE123"
    sectors = {r[0] for r in rows(seeded_store, "MATCH (:Cluster {id: $id})-[:ACTIVE_IN]->(s) RETURN s.id",
                                  {"id": "iot-world"})}
    assert "internet-of-things" in sectors


# -- ESCA, the labels, the ECEI (000, 001, 003) ---------------------------------------------------------

def test_esca_runs_three_label_levels_from_berlin(seeded_store):
    found = rows(seeded_store, "MATCH (:Organisation {id: $id})-[:RUNS]->(l:QualityLabel) RETURN l.name, l.level "
                 "ORDER BY l.level", {"id": "esca"})
    assert found == [["ESCA Bronze", 1], ["ESCA Silver", 2], ["ESCA Gold", 3]]
    assert one(seeded_store, "MATCH (:Organisation {id: $id})-[:LOCATED_IN]->(r:Region)-[:PART_OF]->(c:Country) "
               "RETURN [r.id, c.id]", {"id": "esca"}) == ["DE300", "DE"]


def test_ecei_was_established_by_the_commission_in_2009(seeded_store):
    assert one(seeded_store, "MATCH (o:Organisation)-[:RUNS]->(p:Programme {id: $id}) RETURN [o.id, p.established]",
               {"id": "ecei"}) == ["european-commission", "2009"]


# -- text 001: Automation Småland and the S3 pilot -------------------------------------------------------

def test_automation_smaland_bronze_dates_and_issuer(seeded_store):
    bronze = label_edge(seeded_store, "automation-smaland", "esca-bronze")
    assert (bronze["awarded"], bronze["expires"], bronze["issued_by"]) == ("2018-09-24", "2020-09-24", "esca")
    assert sorted(bronze["sources"]) == ["seed:001", "seed:004"]


def test_tillvaxtverket_runs_the_s3_pilot_with_its_stated_figures(seeded_store):
    pilot = one(seeded_store, "MATCH (:Organisation {id: $org})-[:RUNS]->(p:Programme {id: $id}) RETURN properties(p)",
                {"org": "tillvaxtverket", "id": "s3-cluster-pilot"})
    assert (pilot["clusters"], pilot["organisations"], pilot["applicants"]) == (22, 2400, 40)
    assert (pilot["call_year"], pilot["workshops_from"], pilot["workshops_to"]) == ("2018", "2018", "2021")
    assert pilot["applicants_qualifier"] == "about" and pilot["organisations_qualifier"] == "around"


def test_s3_pilot_has_23_member_clusters_22_in_each_list(seeded_store):
    members = "MATCH (c:Cluster)-[r:MEMBER_OF]->(:Programme {id: $id}) "
    assert one(seeded_store, members + "RETURN count(c)", {"id": "s3-cluster-pilot"}) == 23
    for source in ("seed:001", "seed:004"):
        assert one(seeded_store, members + "WHERE $s IN r.sources RETURN count(c)",
                   {"id": "s3-cluster-pilot", "s": source}) == 22


def test_norrbotten_entries_that_differ_are_kept_apart(seeded_store):
    found = rows(seeded_store, "MATCH (c:Cluster)-[r:MEMBER_OF]->(:Programme {id: $id}) WHERE size(r.sources) = 1 "
                 "RETURN c.id, r.sources ORDER BY c.id", {"id": "s3-cluster-pilot"})
    assert found == [["ai-big-data-innovations", ["seed:004"]], ["datacenter-norrbotten", ["seed:001"]]]


def test_same_bodies_under_two_names_are_one_node_with_aliases(seeded_store):
    aliases = dict(rows(seeded_store, "MATCH (c:Cluster) WHERE c.aliases IS NOT NULL RETURN c.id, c.aliases"))
    assert "IUC Skåne" in aliases["iuc-syd"]
    assert "Techtank" in aliases["techtank"]
    assert "Aerospace Cluster" in aliases["aerospace-cluster-sweden"]
    assert "EntreprenörsdrivetFöretagsnav" in aliases["entreprenorsdrivet-foretagsnav"]


def test_mjardevi_science_park_is_iot_worlds_operator_not_a_second_member(seeded_store):
    assert one(seeded_store, "MATCH (o:Organisation {id: $o})-[r:MEMBER_OF]->(c:Cluster) RETURN [c.id, r.status]",
               {"o": "mjardevi-science-park"}) == ["iot-world", "operator"]
    assert rows(seeded_store, "MATCH (:Organisation {id: $o})-[:MEMBER_OF]->(p:Programme) RETURN p.id",
                {"o": "mjardevi-science-park"}) == []


def test_aerospace_cluster_sweden_is_located_in_each_of_its_three_regions(seeded_store):
    found = rows(seeded_store, "MATCH (:Cluster {id: $id})-[r:LOCATED_IN]->(g:Region) RETURN g.id, r.sources "
                 "ORDER BY g.id", {"id": "aerospace-cluster-sweden"})
    assert [g for g, _ in found] == ["SE123", "SE232", "SE332"]
    assert [sorted(s) for _, s in found] == [["seed:001", "seed:004"], ["seed:001"], ["seed:001"]]


def test_the_004_list_all_holds_bronze_and_only_stated_dates_appear(seeded_store):
    found = rows(seeded_store, "MATCH (c:Cluster)-[r:HAS_LABEL]->(:QualityLabel {id: $l}) WHERE $s IN r.sources "
                 "RETURN c.id, r.awarded", {"l": "esca-bronze", "s": "seed:004"})
    assert len(found) == 22
    dated = {c: awarded for c, awarded in found if awarded is not None}
    assert dated == {"iot-world": "2018", "automation-smaland": "2018-09-24"}
    assert rows(seeded_store, "MATCH (:Cluster {id: $id})-[r:HAS_LABEL]->() RETURN r",
                {"id": "datacenter-norrbotten"}) == []
