"""The Cypher statements that set up the store's indexes and constraints (each adapter's `setup_schema`), built only
from schema names and registered like every statement (`graph.store.registry`).

The two databases declare these differently, so most are for one store only and say why: FalkorDB takes an unnamed
`CREATE INDEX` it refuses to repeat and constraints through GRAPH.CONSTRAINT, Neo4j named indexes `IF NOT EXISTS`,
a TEXT index for `CONTAINS` and uniqueness constraints. The statements both send are in `graph.store.cypher`.
"""

from __future__ import annotations

from graph.store.registry import statement
from graph.store.schema import NODE_LABELS, check_label, check_property, each_search_label
from graph.store.search_text import SEARCH_PROPERTY

__all__ = [
    "VIEW_INDEXES",
    "create_index",
    "create_index_if_missing",
    "create_text_index_if_missing",
    "unique_id_constraint",
    "falkordb_indexes",
]

#: What the app's views look nodes up by, beyond `id` (graph/views/store_views.py): the place filter
#: reads an organisation's `country`, the time window a project's dates. Every adapter's
#: `setup_schema` indexes these, FalkorDB with `create_index`, Neo4j with `create_index_if_missing`.
VIEW_INDEXES: tuple[tuple[str, str], ...] = (
    ("Organisation", "country"), ("Project", "start_date"), ("Project", "end_date"), ("Region", "level"),
)


@statement(lambda: [*((label, "id") for label in NODE_LABELS), *VIEW_INDEXES],
           embedded_only="FalkorDB's form of an index (no name, no IF NOT EXISTS); Neo4j gets "
                         "`unique_id_constraint` and `create_index_if_missing`")
def create_index(label: str, prop: str) -> str:
    """A range index on one property, FalkorDB's form (it refuses a repeat: the adapter checks first)."""
    return f"CREATE INDEX FOR (n:{check_label(label)}) ON (n.{check_property(prop)})"


@statement(lambda: VIEW_INDEXES, neo4j_only="FalkorDB refuses a named index and IF NOT EXISTS; it gets "
                                            "`create_index`, after checking `falkordb_indexes`")
def create_index_if_missing(label: str, prop: str) -> str:
    """A named range index on one property, Neo4j's form, safe to repeat."""
    return (f"CREATE INDEX {label.lower()}_{prop.strip('_')} IF NOT EXISTS "
            f"FOR (n:{check_label(label)}) ON (n.{check_property(prop)})")


@statement(each_search_label,
           neo4j_only="FalkorDB has no TEXT index for CONTAINS; it scans the label")
def create_text_index_if_missing(label: str) -> str:
    """Neo4j's TEXT index on the folded search text: it serves `CONTAINS` (FalkorDB scans the label:
    about 20 ms for 22,000 organisations)."""
    return (f"CREATE TEXT INDEX {label.lower()}_search IF NOT EXISTS "
            f"FOR (n:{check_label(label)}) ON (n.{SEARCH_PROPERTY})")


@statement(lambda: [(label,) for label in NODE_LABELS if label != "SME"],  # SME nodes are Organisations
           neo4j_only="FalkorDB declares constraints with GRAPH.CONSTRAINT, not Cypher; it gets `create_index`")
def unique_id_constraint(label: str) -> str:
    """Neo4j's uniqueness constraint on `id` for `label` (it also creates the index MERGE needs)."""
    return f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{check_label(label)}) REQUIRE n.id IS UNIQUE"


@statement(embedded_only="FalkorDB's list of indexes (Neo4j 5 has SHOW INDEXES, not db.indexes())")
def falkordb_indexes() -> str:
    return "CALL db.indexes() YIELD label, properties RETURN label, properties"
