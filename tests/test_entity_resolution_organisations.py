"""Seed organisations (not clusters) and their CORDIS records: linked by the entity-resolution rule, and a name
both carry resolved to the record, on a real embedded store."""

from __future__ import annotations

import pytest

from graph.store.records import NodeRecord, RelRecord
from graph.store.resolve import AmbiguousName, resolve_node
from graph.store.unload import unload_source
from graph.store.writer import write_records
from loaders.common import load_records
from loaders.entity_resolution import RULE_SOURCE_ID, link_and_write, link_seeds

SEED = ("seed:test",)  # a file of the seed load: its sources start with `seed:`
USER = ("user:bodies/bodies.csv",)
CORDIS = ("cordis:test/organization.csv",)
INNOVASJON_NORGE = "pic:996614570"  # as the bundled sample's CORDIS extract names it


def _same_as(store) -> list[tuple[str, str, str, list[str]]]:
    found = store.read("MATCH (a)-[r:SAME_AS]->(b) RETURN a.id, b.id, r.rule, r.sources ORDER BY a.id, b.id")
    return [tuple(row) for row in found.rows]


def _write_bodies(store) -> None:
    nodes = [
        NodeRecord("Source", "seed:test", "seed texts", SEED),
        NodeRecord("Source", "user:bodies/bodies.csv", "a user's table", USER),
        NodeRecord("Source", "cordis:test/organization.csv", "CORDIS extract", CORDIS),
        NodeRecord("Country", "SE", "Sweden", SEED),
        NodeRecord("Country", "NO", "Norway", SEED),
        NodeRecord("Region", "SE123", "Östergötlands län", SEED),
        NodeRecord("Organisation", "tillvaxtverket", "Tillväxtverket", SEED, (),
                   {"aliases": ["Swedish Agency for Economic and Regional Growth"]}),
        NodeRecord("Organisation", "mjardevi", "Mjärdevi Science Park", SEED),
        NodeRecord("Organisation", "own-body", "Norsk Forskningsråd", USER, (), {"country": "NO"}),
        NodeRecord("Organisation", "pic:1", "SWEDISH AGENCY FOR ECONOMIC AND REGIONAL GROWTH", CORDIS, (),
                   {"country": "SE"}),
        NodeRecord("Organisation", "pic:2", "MJARDEVI SCIENCE PARK AB", CORDIS, (), {"country": "SE"}),
        NodeRecord("Organisation", "pic:3", "MJARDEVI SCIENCE PARK AS", CORDIS, (), {"country": "NO"}),
        NodeRecord("Organisation", "pic:4", "TILLVAXTVERKET REGIONAL OFFICE", CORDIS, (), {"country": "SE"}),
        NodeRecord("Organisation", "pic:5", "NORSK FORSKNINGSRAD", CORDIS, (), {"country": "NO"}),
    ]
    rels = [
        RelRecord("PART_OF", "Region", "SE123", "Country", "SE", SEED),
        RelRecord("LOCATED_IN", "Organisation", "tillvaxtverket", "Country", "SE", SEED),  # a country
        RelRecord("LOCATED_IN", "Organisation", "mjardevi", "Region", "SE123", SEED),  # a region of it
    ]
    write_records(store, nodes, rels)


def test_a_seed_organisation_is_the_same_as_its_record_by_name_or_alias_in_its_country(embedded_store):
    _write_bodies(embedded_store)
    pairs = {(r.start_label, r.start_id, r.end_id, r.properties["rule"]) for r in link_seeds(embedded_store)}
    # the record points at the seed (it carries the projects); not the near name (pic:4), not another country
    # (pic:3), not a body of the user's own table (pic:5 and own-body)
    assert pairs == {
        ("Organisation", "pic:1", "tillvaxtverket", "seed-alias+country"),
        ("Organisation", "pic:2", "mjardevi", "same-name+country"),  # "AB" is a legal form; SE123 is in SE
    }


def test_the_links_are_written_once_with_the_rule_as_their_source(embedded_store):
    _write_bodies(embedded_store)
    assert link_and_write(embedded_store).relationships_created == 2
    again = link_and_write(embedded_store)
    assert again.changed == set()  # a re-run writes nothing
    assert _same_as(embedded_store) == [
        ("pic:1", "tillvaxtverket", "seed-alias+country", [RULE_SOURCE_ID]),
        ("pic:2", "mjardevi", "same-name+country", [RULE_SOURCE_ID]),
    ]


def test_a_record_two_seed_organisations_claim_is_left_unlinked(embedded_store):
    _write_bodies(embedded_store)
    write_records(embedded_store, [NodeRecord("Organisation", "mjardevi-2", "Mjärdevi Science Park", SEED, (),
                                              {"country": "SE"})], [])
    assert not any(r.start_id == "pic:2" for r in link_seeds(embedded_store))


def test_records_of_seed_clusters_and_records_marked_cluster_are_no_seed_organisations(embedded_store):
    _write_bodies(embedded_store)
    write_records(embedded_store, [
        NodeRecord("Cluster", "interior-cluster", "Interior Cluster", SEED, ("Organisation",), {"country": "SE"}),
        NodeRecord("Organisation", "interior-body", "Interior Cluster", SEED, (), {"country": "SE"}),
        NodeRecord("Organisation", "pic:6", "INTERIOR CLUSTER AB", CORDIS, (), {"country": "SE"}),
        NodeRecord("Organisation", "nordic-body", "Nordic Body Cluster", SEED, (), {"country": "SE"}),
        NodeRecord("Organisation", "pic:7", "NORDIC BODY CLUSTER", CORDIS, ("Cluster",), {"country": "SE"}),
    ], [])
    links = {(r.start_id, r.end_id) for r in link_seeds(embedded_store)}
    assert ("interior-cluster", "pic:6") in links  # the seed cluster keeps the record both claim
    assert not links & {("pic:6", "interior-body"), ("pic:7", "nordic-body")}  # pic:7 is a cluster's record


def _cordis_record(store, tmp_path) -> None:
    """Innovasjon Norge's CORDIS record, loaded as a `cordis` load (so it can be unloaded), in one project."""
    table = tmp_path / "organization.csv"
    table.write_text("projectID;organisationID;name;country\n1;996614570;Innovasjon Norge;NO\n", encoding="utf-8")
    nodes = [NodeRecord("Source", CORDIS[0], "CORDIS extract", CORDIS),
             NodeRecord("Organisation", INNOVASJON_NORGE, "Innovasjon Norge", CORDIS, (), {"country": "NO"}),
             NodeRecord("Project", "cordis:1", "A project", CORDIS)]
    rels = [RelRecord("PARTICIPATES_IN", "Organisation", INNOVASJON_NORGE, "Project", "cordis:1", CORDIS,
                      {"role": "participant"})]
    load_records(store, "cordis", [table], nodes, rels)


def test_the_seed_knowledge_base_links_innovasjon_norge_and_an_unload_leaves_no_link(seeded, tmp_path):
    _cordis_record(seeded, tmp_path)
    link_and_write(seeded)
    assert [row[:3] for row in _same_as(seeded)] == [(INNOVASJON_NORGE, "innovasjon-norge", "same-name+country")]
    unload_source(seeded, "cordis")
    assert _same_as(seeded) == []
    kept = seeded.read("MATCH (o:Organisation {id: 'innovasjon-norge'}) RETURN o.sources").rows
    assert [list(row) for row in kept] == [[["seed:003"]]]  # only its own source: the derived link adopts nothing
    assert link_and_write(seeded).relationships == 0


def test_a_name_of_one_body_resolves_to_the_record_that_takes_part_in_projects(seeded, tmp_path):
    _cordis_record(seeded, tmp_path)
    with pytest.raises(AmbiguousName):  # two nodes of the name, not yet known to be one body
        resolve_node(seeded, "Innovasjon Norge", ("Organisation", "Cluster"))
    link_and_write(seeded)
    for text in ("Innovasjon Norge", "innovasjon norge"):
        node = resolve_node(seeded, text, ("Organisation", "Cluster"))
        assert node.key == f"Organisation:{INNOVASJON_NORGE}"
        assert node.describe() == (f"Innovasjon Norge (Organisation:{INNOVASJON_NORGE}; the same body as "
                                   "Organisation:innovasjon-norge (SAME_AS), which takes part in no project)")
    assert resolve_node(seeded, "Organisation:innovasjon-norge").key == "Organisation:innovasjon-norge"  # a key wins


def test_one_body_with_no_projects_on_either_side_is_still_a_choice(seeded):
    write_records(seeded, [NodeRecord("Source", CORDIS[0], "CORDIS extract", CORDIS),
                           NodeRecord("Organisation", INNOVASJON_NORGE, "Innovasjon Norge", CORDIS, (),
                                      {"country": "NO"})], [])
    link_and_write(seeded)
    with pytest.raises(AmbiguousName, match="'Innovasjon Norge' matches 2 nodes"):
        resolve_node(seeded, "Innovasjon Norge", ("Organisation", "Cluster"))


def test_a_link_the_rule_no_longer_finds_is_taken_off_and_said(seeded, tmp_path):
    """A record re-written in another country is no longer the seed's body: its link had stayed for good (a new rule
    of names, re-derived at a new `DERIVED_VERSION`, kept every link the old rule had made)."""
    _cordis_record(seeded, tmp_path)
    link_and_write(seeded)
    assert [row[:2] for row in _same_as(seeded)] == [(INNOVASJON_NORGE, "innovasjon-norge")]
    write_records(seeded, [NodeRecord("Organisation", INNOVASJON_NORGE, "Innovasjon Norge", CORDIS, (),
                                      {"country": "SE"})], [])
    summary = link_and_write(seeded)
    assert _same_as(seeded) == []
    assert summary.retired == [f"1 SAME_AS link(s) from Organisation nodes that the rule no longer finds were taken "
                               f"off: {INNOVASJON_NORGE} -> innovasjon-norge"]
    assert link_and_write(seeded).retired == []  # a re-run takes off nothing more


def test_a_link_another_load_gives_too_stays(seeded, tmp_path):
    _cordis_record(seeded, tmp_path)
    link_and_write(seeded)
    write_records(seeded, [NodeRecord("Source", USER[0], "a user's table", USER),
                           NodeRecord("Organisation", INNOVASJON_NORGE, "Innovasjon Norge", CORDIS, (),
                                      {"country": "SE"})],
                  [RelRecord("SAME_AS", "Organisation", INNOVASJON_NORGE, "Organisation", "innovasjon-norge", USER)])
    assert link_and_write(seeded).retired == []
    assert [row[:2] for row in _same_as(seeded)] == [(INNOVASJON_NORGE, "innovasjon-norge")]
