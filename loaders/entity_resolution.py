"""Entity resolution: which CORDIS participant is which seed cluster.

`link_seed_clusters` pairs a seed Cluster node with a CORDIS Organisation (`pic:` id) only when a
normalised name or alias is *equal* and the country is the same: never a fuzzy guess. The names are
compared by `loaders.cluster_detection.name_key`, with the aliases its hand-checked list gives.
"""

from __future__ import annotations

import re

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.store.records import RelRecord
from graph.store.writer import WriteSummary, write_records
from loaders.cluster_detection import aliases_of, name_key
from loaders.common import source_record

__all__ = ["RULE_SOURCE_ID", "SEED_CLUSTERS", "CORDIS_ORGANISATIONS", "statements", "link_seed_clusters",
           "link_and_write"]

RULE_SOURCE_ID = "rule:entity-resolution"


#: Seed clusters (every Cluster not loaded from CORDIS) with the countries they are placed in, through
#: a Region's PART_OF chain, a Country they are LOCATED_IN, or a `country` property.
SEED_CLUSTERS = cypher.fixed_statement(__name__, "SEED_CLUSTERS", (
    "MATCH (c:Cluster)\n"
    "WHERE NOT c.id STARTS WITH 'pic:'\n"
    "OPTIONAL MATCH (c)-[:LOCATED_IN]->(place)\n"
    "OPTIONAL MATCH (place)-[:PART_OF*1..4]->(up:Country)\n"
    "RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.country AS country,\n"
    "       collect(DISTINCT place.id) AS places,\n"
    "       collect(DISTINCT CASE WHEN 'Country' IN labels(place) THEN place.id END) AS direct,\n"
    "       collect(DISTINCT up.id) AS countries"
))
#: CORDIS organisations (ids `pic:<PIC>`) in the given countries.
CORDIS_ORGANISATIONS = cypher.fixed_statement(__name__, "CORDIS_ORGANISATIONS", (
    "MATCH (o:Organisation)\n"
    "WHERE o.id STARTS WITH 'pic:' AND o.country IN $countries\n"
    "RETURN o.id AS id, o.name AS name, o.country AS country"
))
_NUTS = re.compile(r"^[A-Z]{2}[0-9][0-9A-Z]{0,2}$")  # SE/NO NUTS 1-3 codes start with the country code


def statements() -> list[str]:
    """Every Cypher statement this module sends (its part of the Cypher registry)."""
    return cypher.all_statements(__name__)


def _seed_names(name: str, aliases: list[str], countries: set[str]) -> dict[str, str]:
    """Keys of a seed's own names and aliases, plus the aliases `KNOWN_CLUSTERS` gives it: key -> rule."""
    keys = {name_key(name): "same-name+country"}
    for alias in aliases:
        keys.setdefault(name_key(alias), "seed-alias+country")
    for own in list(keys):
        for known in aliases_of(own):
            if known.country in countries:
                for alias in (known.name, *known.aliases):
                    keys.setdefault(name_key(alias), "known-alias+country")
    keys.pop("", None)
    return keys


def link_seed_clusters(store: GraphStore) -> list[RelRecord]:
    """SAME_AS relationships from seed Cluster nodes to the CORDIS Organisations that are the same body.

    A pair is linked only when a normalised name or alias is equal (`name_key`) and the CORDIS
    country is one of the seed's countries. A CORDIS organisation that would match two seeds is left
    unlinked. Each relationship's `rule` says which names matched; `note` gives the matched name.
    """
    seeds = []
    for row in store.read(SEED_CLUSTERS, row_cap=100_000, timeout_s=60).records():
        countries = {c.upper() for c in [*row["countries"], *row["direct"], row["country"]] if isinstance(c, str)}
        countries |= {p[:2] for p in row["places"] if isinstance(p, str) and _NUTS.match(p)}
        aliases = row["aliases"] if isinstance(row["aliases"], list) else [row["aliases"] or ""]
        seeds.append((row["id"], countries, _seed_names(row["name"] or "", aliases, countries)))
    all_countries = sorted(set().union(*(c for _, c, _ in seeds))) if seeds else []
    if not all_countries:
        return []
    found = store.read(CORDIS_ORGANISATIONS, {"countries": all_countries}, row_cap=10_000_000, timeout_s=300)
    matches: dict[str, list[tuple[str, str, str]]] = {}
    for org in found.records():
        key = name_key(org["name"])
        for seed_id, countries, keys in seeds:
            if key and key in keys and org["country"] in countries:
                matches.setdefault(org["id"], []).append((seed_id, keys[key], org["name"]))
    return [RelRecord("SAME_AS", "Cluster", seed_id, "Organisation", org_id, (RULE_SOURCE_ID,),
                      {"rule": rule, "note": f"{org_name} = seed {seed_id}"})
            for org_id, pairs in sorted(matches.items()) if len(pairs) == 1
            for seed_id, rule, org_name in pairs]


def link_and_write(store: GraphStore) -> WriteSummary:
    """Find the SAME_AS pairs and write them with their Source node `rule:entity-resolution`."""
    source = source_record(RULE_SOURCE_ID, "Entity resolution: seed clusters and CORDIS participants",
                           rule="equal normalised name or alias, and the same country",
                           module="loaders.entity_resolution")
    return write_records(store, [source], link_seed_clusters(store), origin=RULE_SOURCE_ID)
