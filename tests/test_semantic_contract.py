"""The semantic contract (graph/store/semantics.py) against what the code reads, the docs and the mappings.

Pure tests: the shipped queries and the registered statements are parsed, never run; the near-miss
warning is read off a real mapping file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph import values
from graph.store.requirements import Requirement
from graph.store.schema import NODE_LABELS, REL_TYPES
from graph.store.semantics import ANY_NODE, ANY_RELATIONSHIP, CONTRACT, FEATURES, lookup, property_reads
from loaders.mapping import read_mapping
from loaders.mapping_contract import contract_table, near_misses
from queries.catalogue import SHIPPED_DIR, load_catalogue, parse_query_file
from tests.conftest import FIXTURES
from tests.cypher_lint import registry_statements

ROOT = Path(__file__).resolve().parents[1]
NEAR_MISS = FIXTURES / "contract_near_miss"


def outside_the_contract(texts: dict[str, str]) -> dict[str, set[tuple[str | None, str]]]:
    """Name -> the (owner, property) reads of its Cypher the contract does not name."""
    found = {name: {read for read in property_reads(text) if lookup(*read) is None} for name, text in texts.items()}
    return {name: reads for name, reads in found.items() if reads}


def test_every_property_a_shipped_query_reads_is_in_the_contract():
    shipped = {path.relative_to(SHIPPED_DIR).as_posix(): path.read_text(encoding="utf-8")
               for path in sorted(SHIPPED_DIR.rglob("*.cypher"))}
    assert len(shipped) >= 20
    assert outside_the_contract(shipped) == {}


def test_every_property_a_registered_statement_reads_is_in_the_contract():
    statements = registry_statements()
    assert len(statements) > 250
    assert outside_the_contract({text: text for text in statements}) == {}


def test_the_check_catches_a_property_outside_the_contract():
    text = "MATCH (p:Project)<-[r:PARTICIPATES_IN]-(o) WHERE p.strat_date > $d RETURN o.name, r.rolle"
    assert outside_the_contract({"typo": text}) == {"typo": {("Project", "strat_date"), ("PARTICIPATES_IN", "rolle")}}


def test_reads_are_told_from_writes_parameters_and_bookkeeping():
    text = "UNWIND $rows AS row MATCH (n:Organisation {id: row.id}) SET n.pagerank = row.value, n._hash = 1 " \
           "RETURN n.name, n._search"
    assert property_reads(text) == {("Organisation", "id"), ("Organisation", "name")}


def test_a_cluster_reads_what_an_organisation_carries():
    assert lookup("Cluster", "country").owner == "Organisation"
    assert lookup("SME", "nuts_code").owner == "Organisation"
    assert lookup("Project", "name").owner == ANY_NODE
    assert lookup("HAS_LABEL", "key").owner == ANY_RELATIONSHIP
    assert lookup("Project", "country") is None


def test_every_entry_has_a_schema_owner_a_value_type_and_a_meaning():
    owners = set(NODE_LABELS) | set(REL_TYPES) | {ANY_NODE, ANY_RELATIONSHIP}
    assert all(p.owner in owners and p.type in values.KINDS and p.meaning and p.features for p in CONTRACT)
    assert len({(p.owner, p.name) for p in CONTRACT}) == len(CONTRACT)
    for rel_type in {p.owner for p in CONTRACT} & set(REL_TYPES):
        declared = set(REL_TYPES[rel_type].properties) | {"key", "sources"}
        assert {p.name for p in CONTRACT if p.owner == rel_type} <= declared, rel_type


def test_every_feature_requirement_parses():
    for feature in FEATURES.values():
        assert Requirement.parse(feature.requires).items, feature.name


def test_the_docs_table_is_the_contracts():
    docs = (ROOT / "docs" / "mapping.md").read_text(encoding="utf-8")
    written = re.search(r"<!-- contract table:[^\n]*-->\n(.*?)\n<!-- end of the contract table -->", docs, re.DOTALL)
    queries = {name: q.cypher for name, q in sorted(load_catalogue().queries.items())}
    assert written is not None
    assert written.group(1) == contract_table(queries), "regenerate it: python -m loaders.mapping_contract"


def test_the_docs_table_says_what_reads_start_date():
    row = next(line for line in contract_table().splitlines() if "`start_date`" in line)
    assert row.startswith("| Project | `start_date` | date |") and "time window" in row


def test_every_shipped_query_declares_what_it_requires():
    catalogue = load_catalogue()
    assert not catalogue.problems
    assert all(q.requires.items for q in catalogue.queries.values())
    coordinators = catalogue.get("projects/coordinators").requires
    assert ("Organisation.coordinated_projects",) in coordinators.items
    assert catalogue.get("metrics/top-organisations").requires.bind({"metric": "pagerank"}).items == \
        (("Organisation.pagerank",),)


@pytest.mark.parametrize(("line", "message"), [
    ("// requires: Project.strat_date", "'Project.strat_date' is not in the semantic contract"),
    ("// requires: Projekt", "'Projekt' is neither a node label nor a relationship type"),
    ("// requires: Organisation.$metric", "'Organisation.$metric' names no declared parameter"),
    ("// requires: Organisation.country=$country", "'Organisation.country=$country' names no declared parameter"),
    ("// requires: Organisation.country=SE", "a value is asked of a node label's property, as a parameter"),
])
def test_a_bad_requires_entry_is_a_problem_at_its_line(tmp_path, line, message):
    path = tmp_path / "mine.cypher"
    path.write_text(f"// title: Mine\n// tags: x\n{line}\nMATCH (p:Project) RETURN p.name AS name\n", encoding="utf-8")
    query, problems = parse_query_file(path, "mine", "user")
    assert query is None
    assert [(p.line, p.field) for p in problems] == [(3, "requires")]
    assert message in problems[0].message


def test_a_near_miss_is_a_warning_with_the_mapping_file_and_line():
    mapping = read_mapping(NEAR_MISS / "mapping.toml")
    lines = (NEAR_MISS / "mapping.toml").read_text(encoding="utf-8").splitlines()
    warnings = near_misses(mapping)
    assert len(warnings) == 3
    for warning, (prop, meant) in zip(warnings, [("start", "start_date"), ("acronymn", "acronym"),
                                                  ("Country", "country")], strict=True):
        where = re.match(r"mapping\.toml:(\d+) \[(\w+)\]: warning: ", warning)
        assert where and where.group(2) == prop
        assert lines[int(where.group(1)) - 1].startswith(f"{prop} =")
        assert f"did you mean `{meant}`?" in warning and "The load goes on" in warning


def test_names_that_are_not_near_misses_get_no_warning():
    mapping = read_mapping(ROOT / "examples" / "members" / "mapping.toml")
    assert near_misses(mapping) == []


def test_the_examples_in_the_docstrings_hold():
    import doctest

    from graph.store import requirements, semantics

    assert doctest.testmod(semantics).failed == 0 and doctest.testmod(requirements).failed == 0
    assert doctest.testmod(semantics).attempted >= 1 and doctest.testmod(requirements).attempted >= 1
