"""The seed knowledge base as a whole: each text a source with its checksum and every fact naming one, regions
as NUTS 2024 names them, dates no more precise than stated; the reader is deterministic, uses schema names only,
names bad entries by line, and a second load changes nothing."""

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
from tests.seed_queries import one, rows

TEXTS = DEFAULT_PATH.parent / "texts"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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


def test_the_seeds_and_the_nuts_loader_give_shared_places_the_same_data(embedded_store):
    """Both write the seeds' 21 regions and countries. The seeds said `nuts_versions = ["2024"]` where NUTS says
    2021 and 2024, so `load seeds` after `load nuts` updated 20 nodes, and `load nuts` after it put them back:
    each re-run changed the store (found by running the README's commands)."""
    from loaders.nuts import load_nuts
    from loaders.sample import SAMPLE_NUTS

    load_seeds(embedded_store)
    load_nuts(embedded_store, SAMPLE_NUTS)
    again = load_seeds(embedded_store)
    assert (again.created, again.updated) == (0, 0)
    nuts_again = load_nuts(embedded_store, SAMPLE_NUTS)
    assert (nuts_again.summary.created, nuts_again.summary.updated) == (0, 0)


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
    assert second.describe() == (f"{first.created} nodes (0 created, 0 updated, {first.created} unchanged), "
                                 f"{first.relationships} relationships (0 created, 0 updated, "
                                 f"{first.relationships} unchanged)")  # as the CLI and the Data page say it
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
