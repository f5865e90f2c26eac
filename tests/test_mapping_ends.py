"""Relationship ends a user's table gives by name (`ARENA`, `ESCA Gold`) instead of the store's id: one node of
that name is that node; a name several share, or none has, is a problem with the nearest names."""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts
from loaders.generic import check_generic, load_generic
from tests.generic_files import write_files

MAPPING = """
    [[nodes]]
    file = "clusters.csv"
    label = "Cluster"
    id = "id"
    name = "name"

    [[relationships]]
    file = "clusters.csv"
    type = "MEMBER_OF"
    start = { label = "Cluster", column = "id" }
    end = { label = "Programme", column = "programme" }

    [[relationships]]
    file = "clusters.csv"
    type = "HAS_LABEL"
    start = { label = "Cluster", column = "id" }
    end = { label = "QualityLabel", column = "esca" }
    """


def test_ends_given_by_name_link_to_the_nodes_of_that_name(seeded, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "clusters.csv": (
        "id;name;programme;esca\nnordic-battery;Nordic Battery Cluster;ARENA;ESCA Gold\n"
        "ocean-tech;Ocean Tech Cluster;arena pro;esca-silver\n")})
    data = check_generic(seeded, mapping)
    assert ("3 relationship end(s) given by name matched a node of the store: Programme 'ARENA' -> arena, "
            "Programme 'arena pro' -> arena-pro, QualityLabel 'ESCA Gold' -> esca-gold") in data.notes
    load_generic(seeded, mapping)
    linked = seeded.read("MATCH (c:Cluster)-[r:MEMBER_OF|HAS_LABEL]->(x) WHERE c.id IN ['nordic-battery', "
                         "'ocean-tech'] RETURN c.id, x.id ORDER BY c.id, x.id").rows
    assert [tuple(r) for r in linked] == [("nordic-battery", "arena"), ("nordic-battery", "esca-gold"),
                                          ("ocean-tech", "arena-pro"), ("ocean-tech", "esca-silver")]
    again = load_generic(seeded, mapping).summary
    assert (again.created, again.updated) == (0, 0)


def test_a_name_no_node_has_is_a_problem_with_the_nearest_name(seeded, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "clusters.csv": (
        "id;name;programme;esca\nnordic-battery;Nordic Battery Cluster;ARENA;ESCA Gld\n")})
    before = counts(seeded)
    with pytest.raises(ValidationFailed) as refused:
        check_generic(seeded, mapping)
    assert [str(p) for p in refused.value.problems] == [
        "clusters.csv:2 [esca]: QualityLabel 'ESCA Gld' is neither in the mapped files nor in the store (by id or "
        "name): did you mean 'ESCA Gold' (id 'esca-gold')? Else map a [[nodes]] table of QualityLabel from this "
        "column to make it"]
    assert counts(seeded) == before


def test_a_name_several_nodes_share_asks_for_the_id(seeded, tmp_path):
    twin = write_files(tmp_path, {"twin.toml": """
        [[nodes]]
        file = "p.csv"
        label = "Programme"
        id = "id"
        name = "name"
        """, "p.csv": "id,name\narena-2,ARENA\n"})
    load_generic(seeded, twin)
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "clusters.csv": (
        "id;name;programme;esca\nnordic-battery;Nordic Battery Cluster;Arena;esca-gold\n")})
    with pytest.raises(ValidationFailed) as refused:
        check_generic(seeded, mapping)
    assert [str(p) for p in refused.value.problems] == [
        "clusters.csv:2 [programme]: Programme 'Arena' is the name of 2 nodes of the store (arena, arena-2): give "
        "the id instead"]


def test_of_names_that_differ_in_case_the_one_spelled_exactly_so_is_taken(seeded, tmp_path):
    field = write_files(tmp_path, {"field.toml": """
        [[nodes]]
        file = "s.csv"
        label = "Sector"
        id = "id"
        name = "name"
        """, "s.csv": "id,name\nesv:automation,automation\n"})  # as EuroSciVoc spells its field
    load_generic(seeded, field)
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[relationships]]
        file = "active.csv"
        type = "ACTIVE_IN"
        start = { label = "Cluster", column = "cluster" }
        end = { label = "Sector", column = "sector" }
        """, "active.csv": "cluster,sector\niot-world,Automation\n"})
    data = check_generic(seeded, mapping)
    assert [(r.start_id, r.end_id) for r in data.rels if r.type == "ACTIVE_IN"] == [("iot-world", "automation")]
    (tmp_path / "active.csv").write_text("cluster,sector\niot-world,AUTOMATION\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        check_generic(seeded, mapping)
    assert "Sector 'AUTOMATION' is the name of 2 nodes of the store (automation, esv:automation)" in str(
        refused.value)


def test_a_name_without_its_accents_an_acronym_or_an_alias_finds_its_node_as_a_typed_name_does(seeded, tmp_path):
    """The rule of `graph.store.resolve` (name, acronym or alias; accents and case ignored) when no name is equal."""
    mapping = write_files(tmp_path, {"mapping.toml": """
        [[relationships]]
        file = "members.csv"
        type = "MEMBER_OF"
        start = { label = "Cluster", column = "cluster" }
        end = { label = "Programme", column = "programme" }
        """, "members.csv": "cluster,programme\nAutomation Smaland,S3-piloten\nIGT,s3 cluster pilot\n"})
    data = check_generic(seeded, mapping)
    assert sorted((r.start_id, r.end_id) for r in data.rels) == [
        ("automation-smaland", "s3-cluster-pilot"), ("industrial-green-tech", "s3-cluster-pilot")]
    assert ("4 relationship end(s) given by name matched a node of the store: Cluster 'Automation Smaland' -> "
            "automation-smaland, Cluster 'IGT' -> industrial-green-tech, Programme 'S3-piloten' -> s3-cluster-pilot, "
            "Programme 's3 cluster pilot' -> s3-cluster-pilot") in data.notes
    # `S3 piloten` is `S3-piloten` (a dash folds as a space); a folded name must be equal, not near
    (tmp_path / "members.csv").write_text("cluster,programme\nAutomation Smaland,S3 pilots\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        check_generic(seeded, mapping)
    assert [str(p) for p in refused.value.problems] == [
        "members.csv:2 [programme]: Programme 'S3 pilots' is neither in the mapped files nor in the store (by id "
        "or name): did you mean 'S3 Cluster Pilot' (id 's3-cluster-pilot')? Else map a [[nodes]] table of Programme "
        "from this column to make it"]


def test_a_labels_folded_names_are_read_once_per_check(seeded, tmp_path):
    """A table matching Programme rows by name and giving Programme ends by name, neither spelled as stored: the
    label's folded names (up to 300,000 rows) are read once for both, not once each."""
    from loaders.generic_ends import some_names

    mapping = write_files(tmp_path, {"mapping.toml": """
        [[nodes]]
        file = "t.csv"
        label = "Programme"
        id = "programme"
        name = "programme"
        match = "name"

        [[relationships]]
        file = "t.csv"
        type = "MEMBER_OF"
        start = { label = "Cluster", column = "cluster" }
        end = { label = "Programme", column = "other" }
        """, "t.csv": "programme;cluster;other\nS3-piloten;iot-world;Arena  Pro\n"})
    reads = []
    read = seeded.read
    seeded.read = lambda query, *a, **k: (reads.append(query), read(query, *a, **k))[1]
    try:
        data = check_generic(seeded, mapping)
    finally:
        del seeded.read
    assert reads.count(some_names("Programme")) == 1
    assert any("Programme 'Arena  Pro' -> arena-pro" in note for note in data.notes)
    assert any("Programme 'S3-piloten' -> s3-cluster-pilot" in note for note in data.notes)
