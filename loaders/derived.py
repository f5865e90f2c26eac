"""Facts derived from what the store holds, whichever loader wrote it (run by `loaders.pipeline` after a load).

Each step reads the whole store and writes only what differs, so a re-run writes nothing:

* activity counts: every organisation's participations, projects, coordinated projects, partners and
  contribution total, recounted from `PARTICIPATES_IN` (a role of `coordinator`, any case, or the same word
  in a few European languages, counts as coordinating);
* SMEs: the `SME` label follows the `sme` property both ways (a loader may give either), and every project
  gets `participants` (distinct organisations), `smes` and `sme_share` (none when no participant says whether
  it is an SME: an unknown share, not 0%);
* clusters: organisations that cluster detection marks (`loaders.cluster_detection`) carry the `Cluster`
  label and kind; a Cluster-labelled node whose kind says otherwise (written before kinds followed labels)
  is given its kind.

These writes bypass the writer on purpose and leave its digests alone: they add facts no loader writes, so
a re-load of the same records is still unchanged.
"""

from __future__ import annotations

from graph.store import cypher
from graph.store.contract import GraphStore
from loaders.cluster_detection import detect_cluster

__all__ = ["COORDINATOR_ROLES", "statements", "recount_activity", "derive_smes", "derive_clusters"]

#: The role values (folded to lower case) that count as coordinating a project.
COORDINATOR_ROLES = ("coordinator", "coordinating", "koordinator", "koordinaator", "coordinateur", "coordinatore",
                     "coordinador", "coordenador", "coördinator", "koordynator", "koordinátor")

SME_LABELS = cypher.fixed_statement(__name__, "SME_LABELS", """\
MATCH (o:Organisation)
WHERE (o.sme = true AND NOT o:SME) OR (o:SME AND o.sme IS NULL)
SET o:SME, o.sme = true
RETURN count(o) AS changed""")
NOT_SMES = cypher.fixed_statement(__name__, "NOT_SMES", """\
MATCH (o:SME)
WHERE o.sme = false
REMOVE o:SME
RETURN count(o) AS changed""")
PROJECT_SME_SHARES = cypher.fixed_statement(__name__, "PROJECT_SME_SHARES", """\
MATCH (p:Project)<-[:PARTICIPATES_IN]-(o:Organisation)
WITH p, count(DISTINCT o) AS participants, count(DISTINCT CASE WHEN o:SME THEN o END) AS smes,
     count(DISTINCT CASE WHEN o:SME OR o.sme IS NOT NULL THEN o END) AS known
WITH p, participants, smes, CASE WHEN known = 0 THEN NULL ELSE toFloat(smes) / participants END AS share
WHERE p.participants IS NULL OR p.participants <> participants OR p.smes <> smes
   OR (share IS NULL) <> (p.sme_share IS NULL)
SET p.participants = participants, p.smes = smes, p.sme_share = share
RETURN count(p) AS changed""")
UNMARKED_ORGANISATIONS = cypher.fixed_statement(__name__, "UNMARKED_ORGANISATIONS", """\
MATCH (o:Organisation)
WHERE NOT o:Cluster
RETURN o.id AS id, o.name AS name, o.short_name AS short_name, o.country AS country""")
MARK_CLUSTERS = cypher.fixed_statement(__name__, "MARK_CLUSTERS", """\
UNWIND $rows AS row
MATCH (o:Organisation {id: row.id})
SET o:Cluster, o.kind = 'Cluster', o.cluster_rule = row.rule
RETURN count(o) AS changed""")
CLUSTER_KINDS = cypher.fixed_statement(__name__, "CLUSTER_KINDS", """\
MATCH (o:Cluster)
WHERE o.kind IS NULL OR o.kind <> 'Cluster'
SET o.kind = 'Cluster'
RETURN count(o) AS changed""")


def statements() -> list[str]:
    """Every Cypher statement this module sends (its part of the Cypher registry)."""
    return cypher.all_statements(__name__)


def changed(store: GraphStore, statement: str, params: dict | None = None) -> int:
    """How many nodes a derived-fact write changed (its statements return `count(...) AS changed`)."""
    result = store.write(statement, params or {})
    return int(result.rows[0][0]) if result.rows else 0


def recount_activity(store: GraphStore) -> int:
    """Every organisation's participations, projects, coordinated projects and partners and contribution
    total, recounted in the store from `PARTICIPATES_IN` (whichever loader wrote them, every framework
    together). Writes only the counts that changed; returns how many organisations changed."""
    return changed(store, cypher.organisation_activity(), {"coordinator_roles": list(COORDINATOR_ROLES)})


def derive_smes(store: GraphStore) -> tuple[int, int]:
    """The SME label set from `sme` (and `sme` from the label), then each project's SME share; returns how
    many organisations and how many projects changed."""
    organisations = changed(store, SME_LABELS) + changed(store, NOT_SMES)
    return organisations, changed(store, PROJECT_SME_SHARES)


def derive_clusters(store: GraphStore) -> tuple[int, list[str]]:
    """Organisations that cluster detection marks, not yet Clusters, made Clusters (label, kind, rule); and
    Cluster nodes given their kind. Returns how many nodes changed, and the names of the organisations made
    Clusters (a user's "Bergen Maritime Cluster Services AS" became one silently)."""
    rows, names = [], []
    for org in store.read(UNMARKED_ORGANISATIONS, row_cap=10**8, timeout_s=300).records():
        country = org["country"] if isinstance(org["country"], str) else None
        short = org["short_name"] if isinstance(org["short_name"], str) else None
        rule = detect_cluster(str(org["name"] or ""), short, country)
        if rule:
            rows.append({"id": org["id"], "rule": rule})
            names.append(f"{org['name']} ({rule})")
    marked = changed(store, MARK_CLUSTERS, {"rows": rows}) if rows else 0
    return marked + changed(store, CLUSTER_KINDS), names
