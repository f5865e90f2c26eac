"""The seed knowledge base holds what the five texts state, no more, and loads idempotently.

Each test names the text it checks. The reconciliations these tests pin down are explained in docs/seeds.md.
"""

from __future__ import annotations

import csv
import re

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts, to_networkx
from graph.store.schema import NODE_LABELS, REL_TYPES
from loaders.common import file_checksum
from loaders.nuts import country_name
from loaders.seeds import DATE_PROPERTIES, DEFAULT_PATH, load_seeds, read_seed_records
from tests.conftest import FIXTURES, SHARED_DATA

TEXTS = DEFAULT_PATH.parent / "texts"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def rows(store, query, params=None):
    return store.read(query, params or {}).rows


def one(store, query, params=None):
    found = rows(store, query, params)
    assert len(found) == 1, found
    return found[0][0] if len(found[0]) == 1 else found[0]


def label_edge(store, cluster, label):
    return one(store, "MATCH (:Cluster {id: $c})-[r:HAS_LABEL]->(:QualityLabel {id: $l}) RETURN properties(r)",
               {"c": cluster, "l": label})


# -- sources and provenance --------------------------------------------------------------------------------

def test_each_text_is_a_source_node_with_its_checksum(seeded_store):
    found = dict(rows(seeded_store, "MATCH (s:Source) RETURN s.file, s.checksum"))
    texts = sorted(TEXTS.glob("*.txt"))
    assert sorted(found) == [t.name for t in texts] and len(texts) == 5
    for text in texts:
        assert found[text.name] == file_checksum([text])


def test_every_node_and_relationship_names_a_known_source(seeded_store):
    sources = {r[0] for r in rows(seeded_store, "MATCH (s:Source) RETURN s.id")}
    assert sources == {f"seed:00{i}" for i in range(5)}
    node_sources = rows(seeded_store, "MATCH (n) WHERE NOT n:Load RETURN n.id, n.sources")
    rel_sources = rows(seeded_store, "MATCH ()-[r]->() RETURN type(r), r.sources")
    for what, found in node_sources + rel_sources:
        assert found and set(found) <= sources, what


def test_source_002_names_its_author_and_date(seeded_store):
    assert one(seeded_store, "MATCH (s:Source {id: $id}) RETURN s.author, s.published",
               {"id": "seed:002"}) == ["Guillaume Roux", "2020-11-16"]


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


# -- regions and dates -------------------------------------------------------------------------------------

def test_nuts_regions_match_the_2024_classification(seeded_store):
    table = SHARED_DATA / "gisco-nuts" / "nuts2024_label_points.csv"
    if not table.exists():  # the committed excerpt holds every code the seeds use
        table = FIXTURES / "nuts" / "nuts2024_label_points.csv"
    with table.open(encoding="utf-8") as f:
        nuts = {row["NUTS_ID"]: row for row in csv.DictReader(f)}
    found = rows(seeded_store, "MATCH (r) WHERE (r:Region OR r:Country) AND $v IN r.nuts_versions "
                 "RETURN r.id, coalesce(r.local_name, r.name), r.level", {"v": "2024"})
    assert len(found) == 21
    for code, name, level in found:
        assert (nuts[code]["NAME_LATN"], int(nuts[code]["LEVL_CODE"])) == (name, level)


def test_seed_countries_are_named_as_the_nuts_loader_names_them(seeded_store):
    found = rows(seeded_store, "MATCH (c:Country) RETURN c.id, c.name, c.local_name ORDER BY c.id")
    assert found == [["DE", "Germany", "Deutschland"], ["NO", "Norway", "Norge"], ["SE", "Sweden", "Sverige"]]
    assert [[code, country_name(code, "")] for code, _, _ in found] == [row[:2] for row in found]


def test_every_date_is_iso_and_no_more_precise_than_stated(seeded_store):
    graph = to_networkx(seeded_store)
    values = [(k, v) for _, d in graph.nodes(data=True) for k, v in d.items() if k in DATE_PROPERTIES]
    values += [(k, v) for *_, d in graph.edges(data=True) for k, v in d.items() if k in DATE_PROPERTIES]
    full_days = sorted(v for _, v in values if ISO_DAY.match(v))
    assert full_days == ["2018-09-24", "2020-09-24", "2020-11-11", "2020-11-16", "2020-12-31"]


# -- the reader and the load -------------------------------------------------------------------------------

def test_reading_is_deterministic():
    assert read_seed_records() == read_seed_records()


def test_only_schema_names_are_used():
    nodes, rels = read_seed_records()
    assert {n.label for n in nodes} <= set(NODE_LABELS) and {r.type for r in rels} <= set(REL_TYPES)


def _snapshot(store):
    graph = to_networkx(store, labels=[label for label in NODE_LABELS if label != "Load"])
    return (sorted((n, sorted(d.items(), key=str)) for n, d in graph.nodes(data=True)),
            sorted((a, b, k, sorted(d.items(), key=str)) for a, b, k, d in graph.edges(keys=True, data=True)))


def test_loading_twice_changes_nothing(embedded_store):
    first = load_seeds(embedded_store)
    before = (counts(embedded_store), _snapshot(embedded_store))
    second = load_seeds(embedded_store)
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    assert (counts(embedded_store), _snapshot(embedded_store)) == before
    assert counts(embedded_store)[0]["Load"] == 1


def test_bad_entries_are_reported_with_their_lines(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("A text.", encoding="utf-8")
    kb = tmp_path / "kb.toml"
    kb.write_text('[[source]]\nid = "s:a"\nfile = "a.txt"\ntitle = "A"\nlanguage = "en"\n\n'
                  '[[node]]\nlabel = "Cluster"\nid = "c"\nname = "C"\nsources = ["s:a"]\n\n'
                  '[[rel]]\ntype = "HAS_LABEL"\nfrom = "c"\nto = "gold"\nsources = ["s:a"]\n\n'
                  '[[rel]]\ntype = "LOCATED_IN"\nfrom = "c"\nto = "c"\nsources = ["s:b"]\n'
                  'properties = { since = "2018" }\n', encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:
        read_seed_records(kb)
    where = sorted((p.line, p.field or "", p.message) for p in failure.value.problems)
    assert [(line, field) for line, field, _ in where] == [(13, "to"), (19, ""), (19, ""), (19, "sources")]
    assert "cannot end at Cluster" in where[1][2] + where[2][2]
