"""The Cypher of the app's views (graph/views/store_views.py): small reads that touch only what a view shows.

Built only from schema names (`check_label`), values always in parameters, in the subset FalkorDB and
Neo4j 5 both accept (FalkorDB refuses pattern comprehensions in WHERE, so conditions are traversals
from the chosen filter nodes outward, each returning internal node ids). `statements()` lists every
text the module can build, for the linter and the portability test.

Most reads name nodes by internal id (`UNWIND $nodes ... WHERE id(n) = wanted`, a seek): the ids found by
one read feed the next within one view, never kept across loads. Neo4j 5 marks `id()` deprecated (a
warning, not an error).
"""

from __future__ import annotations

from graph.store import cypher
from graph.store.cypher import each_label, fixed_statement, statement
from graph.store.load_files import of_load
from graph.store.schema import check_label
from graph.store.search_text import SEARCH_PROPERTY

__all__ = [
    "KIND_COUNTS", "NODES", "EDGES_AMONG", "DRAWN_NODE", "DRAWN_EDGE", "NODES_DRAWN", "EDGES_DRAWN", "NEIGHBOURS",
    "CLUSTER_PARTNERS", "YEARS", "ACTORS_BROUGHT_BY", "ACTIVITY", "PROJECTS_LINKING",
    "KINDS_BROUGHT_BY", "REGION_HOLDERS",
    "options_of", "search_in", "resolve", "of_kind", "of_label", "below", "details", "neighbours_of", "PROPERTY_KEYS",
    "SELECTIONS", "selection", "statements",
]

#: Why these reads may use id(), which Neo4j 5 deprecates (the only warning the lint accepts).
ID_SEEK = ("id() seeks nodes by internal id within one view (FalkorDB has no elementId()); Neo4j 5 deprecates "
           "id() but runs it")


#: Nodes per kind: every node once, whatever extra labels it carries (a Cluster is an Organisation too).
KIND_COUNTS = fixed_statement(__name__, "KIND_COUNTS", "MATCH (n) RETURN n.kind AS kind, count(n) AS nodes")
NODES = fixed_statement(__name__, "NODES", accepted_warning=ID_SEEK, text=(
    "UNWIND $nodes AS wanted MATCH (n) WHERE id(n) = wanted "  # a seek by id; `id(n) IN` scans on FalkorDB
    "RETURN id(n) AS node, n.kind AS kind, n.id AS id, labels(n) AS labels, properties(n) AS props"))
#: Relationships from `$starts` to any of `$nodes` (`$starts` = `$nodes` for all among them); `$kinds`,
#: the kinds among `$nodes`, skips most relationships before the slower test of membership.
EDGES_AMONG = fixed_statement(__name__, "EDGES_AMONG", accepted_warning=ID_SEEK, text=(
    "UNWIND $starts AS wanted MATCH (n) WHERE id(n) = wanted "
    "WITH n MATCH (n)-[r]->(b) WHERE b.kind IN $kinds AND id(b) IN $nodes "
    "RETURN id(n) AS start, type(r) AS type, id(b) AS end, properties(r) AS props LIMIT $limit"))
#: The properties a drawn view uses of its nodes (name, tooltip, the metrics it can be sized by) and of its
#: relationships (the key that tells parallel ones apart, tooltip, dates a time window tests): a view reads only
#: these (`NODES_DRAWN`, `EDGES_DRAWN`), its exports every one (`NODES`, `EDGES_AMONG`). Of the 6 MB a 5,000-node
#: view read with every property, 4.3 MB were projects' objectives that no drawing shows.
DRAWN_NODE = ("name", "acronym", "country", "city", "nuts_code", "level", "start_date", "end_date", "status",
              "activity_type", "role", "since", "awarded", "expires", "sources", "degree", "weighted_degree",
              "betweenness", "closeness", "eigenvector", "pagerank", "clustering", "core_number")
DRAWN_EDGE = ("key", "role", "since", "awarded", "expires", "status")
NODES_DRAWN = fixed_statement(__name__, "NODES_DRAWN", accepted_warning=ID_SEEK, text=(
    "UNWIND $nodes AS wanted MATCH (n) WHERE id(n) = wanted "
    "RETURN id(n) AS node, n.kind AS kind, n.id AS id, labels(n) AS labels, " +
    ", ".join(f"n.{p}" for p in DRAWN_NODE)))
EDGES_DRAWN = fixed_statement(__name__, "EDGES_DRAWN", accepted_warning=ID_SEEK, text=(
    "UNWIND $starts AS wanted MATCH (n) WHERE id(n) = wanted "
    "WITH n MATCH (n)-[r]->(b) WHERE b.kind IN $kinds AND id(b) IN $nodes "
    "RETURN id(n) AS start, type(r) AS type, id(b) AS end, " + ", ".join(f"r.{p}" for p in DRAWN_EDGE) +
    " LIMIT $limit"))
NEIGHBOURS = fixed_statement(__name__, "NEIGHBOURS", accepted_warning=ID_SEEK, text=(
    "UNWIND $nodes AS wanted MATCH (n) WHERE id(n) = wanted "
    "WITH n MATCH (n)--(m) WHERE m.kind IN $kinds AND NOT id(m) IN $seen "
    "RETURN DISTINCT id(m) AS node, m.kind AS kind LIMIT $limit"))
#: How active each of `$nodes` is (the counts `loaders.derived` stores on organisations; seed clusters have none):
#: a filtered view keeps the most active actors first (`graph.views.filtered_room`).
ACTIVITY = fixed_statement(__name__, "ACTIVITY", accepted_warning=ID_SEEK, text=(
    "UNWIND $nodes AS wanted MATCH (n) WHERE id(n) = wanted "
    "RETURN id(n) AS node, n.participations AS participations, n.projects AS projects"))
#: The projects the actors `$nodes` take part in, with how many of them take part in each: the projects that
#: link the most of a view's actors come first.
PROJECTS_LINKING = fixed_statement(__name__, "PROJECTS_LINKING", accepted_warning=ID_SEEK, text=(
    "UNWIND $nodes AS wanted MATCH (n) WHERE id(n) = wanted "
    "WITH n MATCH (n)-[:PARTICIPATES_IN]->(p:Project) RETURN DISTINCT id(p) AS node, id(n) AS actor"))
#: The default view: who the clusters work with most, by projects shared (cluster pairs come twice).
CLUSTER_PARTNERS = fixed_statement(__name__, "CLUSTER_PARTNERS", accepted_warning=ID_SEEK, text=(
    "MATCH (c:Cluster)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(o:Organisation) WHERE id(c) <> id(o) "
    "RETURN id(c) AS cluster, id(o) AS partner, count(DISTINCT p) AS shared ORDER BY shared DESC LIMIT $limit"))
YEARS = fixed_statement(__name__, "YEARS", "MATCH (p:Project) WHERE p.start_date IS NOT NULL "
                        "RETURN min(p.start_date) AS first, max(coalesce(p.end_date, p.start_date)) AS last")

_END = "coalesce(p.end_date, '9999')"
#: Whether `a` is an actor: a seed cluster is an Organisation too, a cluster a member list makes is a Cluster alone.
_ACTOR = "(a:Organisation OR a:Cluster)"


@statement(lambda: [(name,) for name in SELECTIONS], accepted_warning=ID_SEEK)
def selection(name: str) -> str:
    """A read that selects actors (clusters and organisations) or projects for a filter, by name. Each
    returns `node, kind` rows (labels: also `awarded, expires`), all from parameters."""
    return {
        "funded_by": "MATCH (p:Project)-[:FUNDED_BY]->(g:Programme) WHERE g.id IN $ids "
                     "RETURN DISTINCT id(p) AS node, p.kind AS kind",
        "project_in": "MATCH (p:Project)-[:ACTIVE_IN]->(s:Sector) WHERE s.id IN $ids "
                      "RETURN DISTINCT id(p) AS node, p.kind AS kind",
        "window": f"MATCH (p:Project) WHERE coalesce(p.start_date, '0000') <= $end "
                  f"AND {_END} + substring('-12-31', size({_END}) - 4) >= $start RETURN id(p) AS node, p.kind AS kind",
        # an actor is an Organisation or a Cluster: a cluster a member list makes (`add = true`) is a Cluster alone
        "in_region": f"MATCH (x:Region)<-[:LOCATED_IN]-(a) WHERE x.id IN $ids AND {_ACTOR} "
                     "RETURN DISTINCT id(a) AS node, a.kind AS kind",
        "in_country": f"MATCH (x:Country)<-[:LOCATED_IN]-(a) WHERE x.id IN $ids AND {_ACTOR} "
                      "RETURN DISTINCT id(a) AS node, a.kind AS kind",
        "country_is": "MATCH (a:Organisation) WHERE a.country IN $ids RETURN id(a) AS node, a.kind AS kind",
        "cluster_country_is": "MATCH (a:Cluster) WHERE a.country IN $ids AND NOT a:Organisation "
                              "RETURN id(a) AS node, a.kind AS kind",
        "labelled": "MATCH (a:Organisation)-[h:HAS_LABEL]->(q:QualityLabel) WHERE q.id IN $ids "
                    "RETURN id(a) AS node, a.kind AS kind, h.awarded AS awarded, h.expires AS expires",
        "member_of": "MATCH (a:Organisation)-[:MEMBER_OF]->(g:Programme) WHERE g.id IN $ids "
                     "RETURN DISTINCT id(a) AS node, a.kind AS kind",
        "active_in": "MATCH (a:Organisation)-[:ACTIVE_IN]->(s:Sector) WHERE s.id IN $ids "
                     "RETURN DISTINCT id(a) AS node, a.kind AS kind",
        "participants": "UNWIND $nodes AS wanted MATCH (n) WHERE id(n) = wanted "
                        "WITH n MATCH (n)<-[:PARTICIPATES_IN]-(a:Organisation) "
                        "RETURN DISTINCT id(a) AS node, a.kind AS kind",
        "projects_of": "UNWIND $nodes AS wanted MATCH (n) WHERE id(n) = wanted "
                       "WITH n MATCH (n)-[:PARTICIPATES_IN]->(p:Project) RETURN DISTINCT id(p) AS node, p.kind AS kind",
        # every node a load's files gave (`$prefix` and `$nested`: `load_files.of_load`, the rule of an unload)
        "brought_by": f"MATCH (n) WHERE any(s IN n.sources WHERE {of_load('s')}) RETURN id(n) AS node, n.kind AS kind",
    }[name]


#: The selections by name (see `selection`).
SELECTIONS: dict[str, str] = {name: selection(name) for name in (
    "funded_by", "project_in", "window", "in_region", "in_country", "country_is", "cluster_country_is", "labelled",
    "member_of", "active_in", "participants", "projects_of", "brought_by")}
#: The organisations and clusters a load's files gave (`load_files.of_load`), by kind and id: the Map
#: keeps these actors when "this load's nodes" is chosen (its aggregates are keyed `Kind:id`, not by internal id).
ACTORS_BROUGHT_BY = fixed_statement(__name__, "ACTORS_BROUGHT_BY", (
    f"MATCH (n) WHERE (n:Organisation OR n:Cluster) AND any(s IN n.sources WHERE {of_load('s')}) "
    "RETURN n.kind AS kind, n.id AS id"))
#: How many nodes of each kind a load's files gave: the Map says what a load without organisations holds (places
#: only, for NUTS), where it had said "0 organisations".
KINDS_BROUGHT_BY = fixed_statement(__name__, "KINDS_BROUGHT_BY", (
    f"MATCH (n) WHERE any(s IN n.sources WHERE {of_load('s')}) RETURN n.kind AS kind, count(n) AS nodes"))


@statement(each_label)
def options_of(label: str) -> str:
    """Id and name of every `label` node, by name (the choices of a filter)."""
    return f"MATCH (n:{check_label(label)}) RETURN n.id AS id, n.name AS name ORDER BY name LIMIT $limit"


@statement(each_label)
def examples_of(label: str) -> str:
    """Id and name of `label` nodes, the shortest names first: a message's examples (the sample's sectors by name
    began with call-topic titles of two lines each, "Combining state-of-the-art emission reduction ...")."""
    return (f"MATCH (n:{check_label(label)}) RETURN n.id AS id, n.name AS name "
            "ORDER BY size(coalesce(n.name, n.id)), name LIMIT $limit")


@statement(each_label)
def search_in(label: str) -> str:
    """`label` nodes whose folded search text contains `$text`, best first: exact (an id after its prefix too:
    `horizon.2.5` is `lb:horizon.2.5`, which had come sixth, after the shorter names of its sub-programmes), prefix,
    word, anywhere. The other names come along, so a hit found by one of them can say which
    (`graph.views.node_search`); a short name is an organisation's (the contract's `short_name`); a region's NUTS
    versions tell apart two of one name."""
    short_name = "n.short_name" if label in ("Organisation", "Cluster") else "null"
    versions = "n.nuts_versions" if label == "Region" else "null"  # two regions of one name: FI197 (2021), FI19B
    return (f"MATCH (n:{check_label(label)}) WHERE n.{SEARCH_PROPERTY} CONTAINS $text "
            f"WITH n, CASE WHEN (n.{SEARCH_PROPERTY} CONTAINS ('|' + $text + '|')) "
            f"OR (n.{SEARCH_PROPERTY} CONTAINS (':' + $text + '|')) THEN 0 "
            f"WHEN n.{SEARCH_PROPERTY} CONTAINS '|' + $text THEN 1 "
            f"WHEN n.{SEARCH_PROPERTY} CONTAINS ' ' + $text THEN 2 ELSE 3 END AS rank "
            "RETURN n.kind AS kind, n.id AS id, n.name AS name, rank, n.acronym AS acronym, "
            f"{short_name} AS short_name, n.aliases AS aliases, {versions} AS versions "
            "ORDER BY rank, size(n.name), name LIMIT $limit")


@statement(each_label, accepted_warning=ID_SEEK)
def resolve(label: str) -> str:
    """Internal id, kind and name of `label` nodes by their ids."""
    return (f"MATCH (n:{check_label(label)}) WHERE n.id IN $ids "
            "RETURN id(n) AS node, n.kind AS kind, n.id AS id, n.name AS name")


@statement(each_label, accepted_warning=ID_SEEK)
def of_kind(label: str) -> str:
    """Some nodes of one kind (`label` carries it; `$kind` tells a Cluster from an Organisation)."""
    return f"MATCH (n:{check_label(label)}) WHERE n.kind = $kind RETURN id(n) AS node, n.kind AS kind LIMIT $limit"


@statement(each_label, accepted_warning=ID_SEEK)
def of_label(label: str) -> str:
    """Some nodes carrying `label`, whatever their kind (clusters found in CORDIS are of kind Organisation)."""
    return f"MATCH (n:{check_label(label)}) RETURN id(n) AS node, n.kind AS kind LIMIT $limit"


@statement([("Programme", "Programme"), ("Region", "Country")])
def below(label: str, parent: str) -> str:
    """Ids of `label` nodes under `$ids` (`parent` nodes) through PART_OF: sub-programmes, sub-regions."""
    return (f"MATCH (c:{check_label(label)})-[:PART_OF*1..6]->(r:{check_label(parent)}) WHERE r.id IN $ids "
            "RETURN DISTINCT c.id AS id")


@statement(each_label)
def details(label: str) -> str:
    return f"MATCH (n:{check_label(label)} {{id: $id}}) RETURN labels(n) AS labels, properties(n) AS props"


@statement(lambda: [(label, outgoing) for (label,) in each_label() for outgoing in (True, False)])
def neighbours_of(label: str, outgoing: bool) -> str:
    """Relationships of one node, one direction, with the other end's kind, id and name."""
    arrow = "-[r]->(m)" if outgoing else "<-[r]-(m)"
    return (f"MATCH (n:{check_label(label)} {{id: $id}}){arrow} "
            "RETURN type(r) AS type, m.kind AS kind, m.id AS id, m.name AS name LIMIT $limit")


#: Every property name the graph uses (which metrics were written back, to size nodes by): one short read.
PROPERTY_KEYS = fixed_statement(__name__, "PROPERTY_KEYS",
                                "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey AS name")

#: How many organisations each region of `$ids` holds, and how many of them came from CORDIS: of two regions of one
#: name (Pirkanmaa, FI197 of NUTS 2021 and FI19B of 2024), which one CORDIS's organisations are in.
REGION_HOLDERS = fixed_statement(__name__, "REGION_HOLDERS", text=(
    "MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $ids "
    "RETURN r.id AS id, count(o) AS organisations, "
    "sum(CASE WHEN any(s IN coalesce(o.sources, []) WHERE s STARTS WITH 'cordis:') THEN 1 ELSE 0 END) AS cordis"))


def statements() -> list[str]:
    """Every statement this module can build (its part of the Cypher registry), for the portability test."""
    return cypher.all_statements(__name__)
