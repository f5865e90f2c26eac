"""Entity resolution: which CORDIS participant is which seed cluster or seed organisation.

`link_seeds` pairs a seed node with a CORDIS Organisation (`pic:` id) only when a normalised name or alias is
*equal* and the country is the same: never a fuzzy guess. The names are compared by
`loaders.cluster_detection.name_key`, a name with ä, ö, ü also as written out (Universität as UNIVERSITAET); a seed
cluster also by the aliases its hand-checked list gives.

* A seed Cluster (every Cluster not loaded from CORDIS) is `SAME_AS` its record: the cluster stands for the
  record, whose projects the cluster analytics fold into it (`graph.analytics.incidence`, `cluster_profiles`).
* A seed organisation (an Organisation, not a Cluster, that the seed knowledge base brought: a `seed:` source;
  organisations of your own tables are left out) is linked the other way round, its record `SAME_AS` it: the
  record carries the projects, so it is the node that stands for the body (the recommender ranks it, a name
  resolves to it, `graph.store.resolve`), and what folds a cluster's records into the cluster never sees it.
  Records a seed cluster claims, and records marked Cluster, are left to the seed clusters.

A record that two seeds (of one kind) claim is left unlinked. A re-run writes nothing; unloading CORDIS or the
seeds deletes the links with their nodes, and the next derivation finds what is left. A link this rule made alone
that it no longer finds (a record re-loaded with another country or name, a rule of names changed: a new
`loaders.derived_version` derives again) is taken off, and said; one that another load gives too stays.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import RelRecord
from graph.store.schema import check_label
from graph.store.search_text import transliterated
from graph.store.unload import source_prefix
from graph.store.writer import WriteSummary, write_records
from loaders.cluster_detection import aliases_of, name_key
from loaders.common import source_record

__all__ = ["RULE_SOURCE_ID", "seed_nodes", "SEED_CLUSTERS", "SEED_ORGANISATIONS", "CORDIS_ORGANISATIONS",
           "statements", "link_seeds", "link_seed_clusters", "link_and_write", "rule_links", "drop_rule_links"]

RULE_SOURCE_ID = "rule:entity-resolution"


@cypher.statement([("Cluster",), ("Organisation",)])
def seed_nodes(label: str) -> str:
    """Seed clusters (`Cluster`: every Cluster not loaded from CORDIS) or seed organisations (`Organisation`:
    those but Clusters that a file of the seed load brought, sources starting with `$prefix`), with the
    countries they are placed in: through a Region's PART_OF chain, a Country they are LOCATED_IN, or a
    `country` property."""
    seeds = "" if label == "Cluster" else (" AND NOT 'Cluster' IN labels(c)"
                                          " AND any(s IN coalesce(c.sources, []) WHERE s STARTS WITH $prefix)")
    return (f"MATCH (c:{check_label(label)})\n"
            f"WHERE NOT c.id STARTS WITH 'pic:'{seeds}\n"
            "OPTIONAL MATCH (c)-[:LOCATED_IN]->(place)\n"
            "OPTIONAL MATCH (place)-[:PART_OF*1..4]->(up:Country)\n"
            "RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.country AS country,\n"
            "       collect(DISTINCT place.id) AS places,\n"
            "       collect(DISTINCT CASE WHEN 'Country' IN labels(place) THEN place.id END) AS direct,\n"
            "       collect(DISTINCT up.id) AS countries")


#: The seed clusters and the seed organisations, with their places.
SEED_CLUSTERS = seed_nodes("Cluster")
SEED_ORGANISATIONS = seed_nodes("Organisation")
#: CORDIS organisations (ids `pic:<PIC>`) in the given countries; `cluster`: marked Cluster.
CORDIS_ORGANISATIONS = cypher.fixed_statement(__name__, "CORDIS_ORGANISATIONS", (
    "MATCH (o:Organisation)\n"
    "WHERE o.id STARTS WITH 'pic:' AND o.country IN $countries\n"
    "RETURN o.id AS id, o.name AS name, o.country AS country, 'Cluster' IN labels(o) AS cluster"
))


@cypher.statement([("Cluster",), ("Organisation",)])
def rule_links(start_label: str) -> str:
    """The SAME_AS links from `start_label` nodes that this rule (`$source`) alone gives."""
    return (f"MATCH (a:{check_label(start_label)})-[r:SAME_AS]->(b:Organisation)\n"
            "WHERE r.sources = [$source]\n"
            "RETURN a.id AS start, b.id AS end")


@cypher.statement([("Cluster",), ("Organisation",)])
def drop_rule_links(start_label: str) -> str:
    """Take off the links of `$rows` ({start, end}) that this rule (`$source`) alone gives."""
    return ("UNWIND $rows AS row\n"
            f"MATCH (a:{check_label(start_label)} {{id: row.start}})-[r:SAME_AS]->(b:Organisation {{id: row.end}})\n"
            "WHERE r.sources = [$source]\n"
            "DELETE r\n"
            "RETURN count(*) AS written")


_NUTS = re.compile(r"^[A-Z]{2}[0-9][0-9A-Z]{0,2}$")  # SE/NO NUTS 1-3 codes start with the country code


class _Seed(NamedTuple):
    id: str
    countries: set[str]
    keys: dict[str, str]  # name key -> rule


def statements() -> list[str]:
    """Every Cypher statement this module sends (its part of the Cypher registry)."""
    return cypher.all_statements(__name__)


def _keys(name: str | None) -> list[str]:
    """`name_key` of the name as written and, when it holds ä, ö, ü, ø, å, as written out (ae, oe, ue, oe, aa:
    `search_text.transliterated`): a seed's `Technische Universität München` is CORDIS's TECHNISCHE UNIVERSITAET
    MUENCHEN, whose key the plain folding (`munchen`) never gave."""
    name = name or ""
    return list(dict.fromkeys([name_key(name), *([] if name.isascii() else [name_key(transliterated(name))])]))


def _seed_names(name: str, aliases: list[str], countries: set[str], *, known: bool = True) -> dict[str, str]:
    """Keys of a seed's own names and aliases, plus (`known`) the aliases `KNOWN_CLUSTERS` gives it: key -> rule."""
    keys = dict.fromkeys(_keys(name), "same-name+country")
    for alias in aliases:
        for key in _keys(alias):
            keys.setdefault(key, "seed-alias+country")
    for own in list(keys) if known else []:
        for cluster in aliases_of(own):
            if cluster.country in countries:
                for alias in (cluster.name, *cluster.aliases):
                    for key in _keys(alias):
                        keys.setdefault(key, "known-alias+country")
    keys.pop("", None)
    return keys


def _seeds(store: GraphStore, statement: str, params: dict | None = None, *, known: bool = True) -> list[_Seed]:
    seeds = []
    for row in store.read(statement, params, row_cap=100_000, timeout_s=60).records():
        countries = {c.upper() for c in [*row["countries"], *row["direct"], row["country"]] if isinstance(c, str)}
        countries |= {p[:2] for p in row["places"] if isinstance(p, str) and _NUTS.match(p)}
        aliases = row["aliases"] if isinstance(row["aliases"], list) else [row["aliases"] or ""]
        seeds.append(_Seed(row["id"], countries, _seed_names(row["name"] or "", aliases, countries, known=known)))
    return seeds


def _claims(records: list[dict], seeds: list[_Seed]) -> dict[str, list[tuple[str, str, str]]]:
    """CORDIS id -> the seeds whose name keys hold its name key in its country: (seed id, rule, record name)."""
    claims: dict[str, list[tuple[str, str, str]]] = {}
    for org in records:
        keys = [key for key in _keys(org["name"]) if key]
        for seed in seeds:
            key = next((key for key in keys if key in seed.keys), None)
            if key and org["country"] in seed.countries:
                claims.setdefault(org["id"], []).append((seed.id, seed.keys[key], org["name"]))
    return claims


def _same_as(start: str, start_id: str, end: str, end_id: str, rule: str, note: str) -> RelRecord:
    return RelRecord("SAME_AS", start, start_id, end, end_id, (RULE_SOURCE_ID,), {"rule": rule, "note": note})


def link_seeds(store: GraphStore) -> list[RelRecord]:
    """SAME_AS relationships between seed nodes and the CORDIS Organisations that are the same body.

    A pair is linked only when a normalised name or alias is equal (`name_key`) and the CORDIS country is one
    of the seed's countries; a CORDIS organisation two seeds would match is left unlinked. Seed clusters point
    at their records; a seed organisation's record points at it (see the module docstring). Each relationship's
    `rule` says which names matched; `note` gives the matched name.
    """
    clusters = _seeds(store, SEED_CLUSTERS)
    organisations = _seeds(store, SEED_ORGANISATIONS, {"prefix": source_prefix("seeds")}, known=False)
    countries = sorted(set().union(*(seed.countries for seed in clusters + organisations)))
    if not countries:
        return []
    found = store.read(CORDIS_ORGANISATIONS, {"countries": countries}, row_cap=10_000_000, timeout_s=300)
    records = list(found.records())
    claimed = _claims(records, clusters)
    links = [_same_as("Cluster", seed_id, "Organisation", org_id, rule, f"{org_name} = seed {seed_id}")
             for org_id, pairs in sorted(claimed.items()) if len(pairs) == 1
             for seed_id, rule, org_name in pairs]
    free = [org for org in records if org["id"] not in claimed and not org["cluster"]]
    links += [_same_as("Organisation", org_id, "Organisation", seed_id, rule, f"{org_name} = seed {seed_id}")
              for org_id, pairs in sorted(_claims(free, organisations).items()) if len(pairs) == 1
              for seed_id, rule, org_name in pairs]
    return links


def link_seed_clusters(store: GraphStore) -> list[RelRecord]:
    """The links of `link_seeds` from seed Clusters to their CORDIS records."""
    return [link for link in link_seeds(store) if link.start_label == "Cluster"]


def link_and_write(store: GraphStore) -> WriteSummary:
    """Find the SAME_AS pairs and write them with their Source node `rule:entity-resolution`."""
    source = source_record(RULE_SOURCE_ID, "Entity resolution: seed clusters and organisations, CORDIS participants",
                           rule="equal normalised name or alias, and the same country",
                           module="loaders.entity_resolution")
    links = link_seeds(store)
    summary = write_records(store, [source], links, origin=RULE_SOURCE_ID)
    found = {(link.start_id, link.end_id) for link in links}  # a node may be Cluster and Organisation both
    for label in ("Cluster", "Organisation"):
        held = store.read(rule_links(label), {"source": RULE_SOURCE_ID}, row_cap=10_000_000, timeout_s=300).rows
        stale = [{"start": start, "end": end} for start, end in held if (start, end) not in found]
        if stale:
            store.write(drop_rule_links(label), {"rows": stale, "source": RULE_SOURCE_ID})
            summary.changed.add("SAME_AS")
            summary.retired.append(f"{len(stale)} SAME_AS link(s) from {label} nodes that the rule no longer finds "
                                   f"were taken off: " + ", ".join(f"{r['start']} -> {r['end']}" for r in stale[:5])
                                   + (" ..." if len(stale) > 5 else ""))
    return summary
