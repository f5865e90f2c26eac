"""The Cypher statements that write and read the store's nodes and relationships, built only from schema names;
the indexes and constraints `setup_schema` sends are in `graph.store.index_cypher`.

Both adapters send these same texts, so they stay in the openCypher subset that FalkorDB and Neo4j 5 both
accept. Each builder is registered where it is defined (`graph.store.registry`, re-exported here); the lint
test runs Neo4j's own linter over every registered text and scans the source for Cypher outside them.
"""

from __future__ import annotations

from graph.store.registry import (  # noqa: F401  (the registry's API, re-exported here)
    Statement,
    all_statements,
    fixed_statement,
    registered,
    statement,
)
from graph.store.schema import (
    NODE_LABELS,
    check_label,
    check_property,
    check_rel_type,
    each_label,
    each_rel_type,
    each_relationship,
)

__all__ = [
    "Statement",
    "statement",
    "fixed_statement",
    "registered",
    "all_statements",
    "each_label",
    "each_relationship",
    "upsert_nodes",
    "upsert_relationships",
    "count_label",
    "count_rel_type",
    "nodes_among_ids",
    "existing_ids",
    "export_nodes",
    "export_relationships",
    "clear_all",
    "node_states",
    "set_property",
    "resolve_node_keys",
    "organisation_activity",
    "logged_load",
    "narrow_nodes",
    "narrow_relationships",
    "ANALYTICS_NODE_PROPERTIES",
    "ANALYTICS_REL_PROPERTIES",
]

_MERGE_SOURCES = "[s IN row.sources WHERE NOT s IN coalesce({v}.sources, [])]"


@statement(lambda: [*each_label(), ("Organisation", ("SME", "Cluster"))])
def upsert_nodes(label: str, extra_labels: tuple[str, ...] = ()) -> str:
    """MERGE rows `{id, props, sources}` as `label` nodes; re-running it changes nothing.

    Sources accumulate: a node named by two documents lists both.
    """
    check_label(label)
    extra = "".join(f", n:{check_label(x)}" for x in extra_labels)
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{label} {{id: row.id}})\n"
        f"SET n += row.props{extra}\n"
        f"SET n.sources = coalesce(n.sources, []) + {_MERGE_SOURCES.format(v='n')}\n"
        "RETURN count(n) AS written"
    )


@statement(each_relationship)
def upsert_relationships(rel_type: str, start_label: str, end_label: str) -> str:
    """MERGE rows `{start, end, key, props, sources}` as relationships between existing nodes.

    Returns how many rows found both endpoints, so the writer can tell a missing endpoint.
    """
    check_rel_type(rel_type)
    check_label(start_label)
    check_label(end_label)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{start_label} {{id: row.start}})\n"
        f"MATCH (b:{end_label} {{id: row.end}})\n"
        f"MERGE (a)-[r:{rel_type} {{key: row.key}}]->(b)\n"
        "SET r += row.props\n"
        f"SET r.sources = coalesce(r.sources, []) + {_MERGE_SOURCES.format(v='r')}\n"
        "RETURN count(r) AS written"
    )


@statement(each_label)
def count_label(label: str) -> str:
    return f"MATCH (n:{check_label(label)}) RETURN count(n) AS count"


@statement(each_rel_type)
def count_rel_type(rel_type: str) -> str:
    return f"MATCH ()-[r:{check_rel_type(rel_type)}]->() RETURN count(r) AS count"


@statement(lambda: [(label, states) for (label,) in each_label() for states in (False, True)])
def nodes_among_ids(label: str, states: bool = False) -> str:
    """Ids of the `label` nodes among `$ids` (lets a loader check endpoints before writing); `states`: their
    properties and labels too (tells created from updated from unchanged)."""
    more = ", properties(n) AS props, labels(n) AS labels" if states else ""
    return f"MATCH (n:{check_label(label)}) WHERE n.id IN $ids RETURN n.id AS id{more}"


def existing_ids(label: str) -> str:
    """Which of `$ids` exist as `label` nodes."""
    return nodes_among_ids(label)


def node_states(label: str) -> str:
    """Properties and labels of `label` nodes among `$ids`."""
    return nodes_among_ids(label, states=True)


@statement()
def export_nodes() -> str:
    """Nodes carrying any of `$labels` (every node when `$labels` is null)."""
    return (
        "MATCH (n)\n"
        "WHERE $labels IS NULL OR any(l IN labels(n) WHERE l IN $labels)\n"
        "RETURN n.kind AS kind, n.id AS id, labels(n) AS labels, properties(n) AS props"
    )


@statement()
def export_relationships() -> str:
    """Relationships of `$types` (all when null) between nodes of `$labels` (all when null)."""
    return (
        "MATCH (a)-[r]->(b)\n"
        "WHERE ($types IS NULL OR type(r) IN $types)\n"
        "  AND ($labels IS NULL OR (any(l IN labels(a) WHERE l IN $labels)"
        " AND any(l IN labels(b) WHERE l IN $labels)))\n"
        "RETURN a.kind AS start_kind, a.id AS start_id, type(r) AS type,"
        " b.kind AS end_kind, b.id AS end_id, properties(r) AS props"
    )


@statement(embedded_only="FalkorDB returns a relationship's endpoints as internal ids, which only id() reaches "
                         "(elementId() is not in FalkorDB); the Neo4j adapter reads endpoints from the driver "
                         "and never sends it, and Neo4j 5 deprecates id()")
def resolve_node_keys() -> str:
    """Kind and id of nodes by internal id: turns relationship endpoints in results into node keys."""
    return "MATCH (n) WHERE id(n) IN $ids RETURN id(n) AS internal, n.kind AS kind, n.id AS id"


@statement()
def organisation_activity() -> str:
    """Every organisation's activity counts, recomputed from its `PARTICIPATES_IN` relationships.

    Participations (rows), distinct projects, coordinated projects (a role, in lower case, among
    `$coordinator_roles`), distinct partners in them and the sum of the contributions given. An organisation none
    of whose participations has a contribution gets no total (a national table's NOK amounts, or none at all, are
    "not given", not "no funding"); a total once written is taken off when its amounts are. Only counts that differ
    are written, so a re-run writes nothing; returns how many organisations changed.
    """
    return (
        "MATCH (o:Organisation)-[r:PARTICIPATES_IN]->(p:Project)\n"
        "WITH o, count(r) AS participations, count(DISTINCT p) AS projects,"
        " count(r.contribution) AS amounts, sum(r.contribution) AS summed,"
        " collect(DISTINCT CASE WHEN toLower(trim(r.role)) IN $coordinator_roles THEN p END) AS coordinated\n"
        "UNWIND CASE WHEN size(coordinated) = 0 THEN [null] ELSE coordinated END AS c\n"
        "OPTIONAL MATCH (c)<-[:PARTICIPATES_IN]-(partner:Organisation)\n"
        "WHERE partner <> o\n"
        "WITH o, participations, projects, CASE WHEN amounts = 0 THEN null ELSE toFloat(summed) END"
        " AS contribution_total, size(coordinated) AS coordinated_projects,"
        " count(DISTINCT partner) AS coordinated_partners\n"
        "WHERE o.participations IS NULL OR o.participations <> participations OR o.projects <> projects"
        " OR o.coordinated_projects <> coordinated_projects OR o.coordinated_partners <> coordinated_partners"
        " OR (o.contribution_total IS NULL) <> (contribution_total IS NULL)"
        " OR abs(o.contribution_total - contribution_total) > 0.001\n"
        "SET o.participations = participations, o.projects = projects,"
        " o.coordinated_projects = coordinated_projects, o.coordinated_partners = coordinated_partners,"
        " o.contribution_total = contribution_total\n"
        "RETURN count(o) AS changed"
    )


@statement()
def logged_load() -> str:
    """The logged loads of rows `{source, checksum}`: loads of the same files already in the store."""
    return ("UNWIND $rows AS row MATCH (l:Load) WHERE l.source = row.source AND l.checksum = row.checksum "
            "RETURN properties(l) AS props")


@statement()
def clear_all() -> str:
    return "MATCH (n) DETACH DELETE n"


#: The node properties the analytics read (graph.analytics.inputs), and the relationship types with theirs:
#: declared here so the registry enumerates exactly the texts the analytics send.
ANALYTICS_NODE_PROPERTIES = ("name", "acronym", "short_name", "aliases", "country", "nuts_code", "sme", "start_date",
                             "end_date", "level", "lat", "lon", "nuts_versions")
ANALYTICS_REL_PROPERTIES: dict[str, tuple[str, ...]] = {
    "PARTICIPATES_IN": ("role", "contribution"), "FUNDED_BY": (), "ACTIVE_IN": (), "PART_OF": (),
    "LOCATED_IN": (), "MEMBER_OF": ("since",), "SAME_AS": (), "HAS_LABEL": ("awarded", "expires"),  # time filter
}


@statement(lambda: [(ANALYTICS_NODE_PROPERTIES,)])
def narrow_nodes(properties: tuple[str, ...]) -> str:
    """Nodes carrying any of `$labels`: kind, id, labels and only the named `properties` (null when absent).

    The analytics read this instead of `export_nodes`: a few columns, not every property of every node.
    """
    columns = "".join(f", n.{check_property(p)} AS {p}" for p in properties)
    return ("MATCH (n)\n"
            "WHERE any(l IN labels(n) WHERE l IN $labels)\n"
            f"RETURN n.kind AS kind, n.id AS id, labels(n) AS labels{columns}")


@statement(lambda: list(ANALYTICS_REL_PROPERTIES.items()))
def narrow_relationships(rel_type: str, properties: tuple[str, ...] = ()) -> str:
    """Relationships of one type: both ends' kind and id, the `key` telling parallel ones apart, and `properties`."""
    columns = "".join(f", r.{check_property(p)} AS {p}" for p in properties)
    return (f"MATCH (a)-[r:{check_rel_type(rel_type)}]->(b)\n"
            f"RETURN a.kind AS start_kind, a.id AS start_id, b.kind AS end_kind, b.id AS end_id, r.key AS key{columns}")


@statement(lambda: [(label, "pagerank") for label in NODE_LABELS])
def set_property(label: str, prop: str) -> str:
    """Set one property on nodes by id from rows `{id, value}` (metrics written back, load records)."""
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (n:{check_label(label)} {{id: row.id}})\n"
        f"SET n.{check_property(prop)} = row.value\n"
        "RETURN count(n) AS written"
    )
