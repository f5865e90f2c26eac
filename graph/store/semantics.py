"""The semantic contract: per node label and relationship type, the properties the features read.

`graph.store.schema` says which names may appear in Cypher; this module says which of them the features
*read*, with the type and meaning of each, and which features read it. A user's mapping that fills
these names makes the features work on the user's data ("map a column to `start_date` and the time
filters work"). It is the one source for:

* docs/mapping.md's table "The semantic contract" (`loaders.mapping_contract.contract_table`, a test
  compares it with the page);
* the mapping checker's near-miss warning (`start` for `start_date`) and its summary of the features a
  load enables (`loaders.mapping_contract`);
* the requirements of saved queries, projections, metrics and the recommender, and the messages saying
  how to add a missing input (`graph.store.requirements`).

`property_reads` reads the `variable.property` of a Cypher text; tests/test_semantic_contract.py runs it
over every shipped query and every registered statement, so a feature cannot read a property the
contract does not name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.store.schema import NODE_LABELS, REL_TYPES

__all__ = ["Property", "Feature", "CONTRACT", "FEATURES", "ANY_NODE", "ANY_RELATIONSHIP", "DOCS_ANCHOR",
           "owners_of", "lookup", "property_reads"]

#: Owners of the properties every node / every relationship may carry.
ANY_NODE, ANY_RELATIONSHIP = "(any node)", "(any relationship)"
#: Where docs/mapping.md documents the contract (the messages point there).
DOCS_ANCHOR = "docs/mapping.md#the-semantic-contract-what-each-feature-reads"
#: A Cluster and an SME are Organisations too: they read what an Organisation carries.
_ALSO = {"Cluster": ("Organisation",), "SME": ("Organisation",)}


@dataclass(frozen=True)
class Property:
    """One property a feature reads: its owner (a label or relationship type), type and meaning.

    `derived` says how the tool itself sets it (then a mapping should not: the advice says what to load
    instead); empty for a property a mapping fills. `loaded` says what load fills it for some nodes (NUTS
    regions' coordinates), advised before mapping a column.
    """

    owner: str
    name: str
    type: str
    meaning: str
    features: tuple[str, ...]
    derived: str = ""
    loaded: str = ""


@dataclass(frozen=True)
class Feature:
    """A feature and the inputs it needs, in the `requires:` syntax of `graph.store.requirements`."""

    name: str
    what: str
    requires: str


_WRITER = "set by the writer"
_METRIC = "written by `metrics compute --write` or the Metrics page"
_COUNTED = "counted after every load from PARTICIPATES_IN"
_NUTS = "load NUTS regions (`cluster-explorer load sample`, or `load nuts` with GISCO's files) to place NUTS codes"
_COUNTRIES = "counted after every load from PARTICIPATES_IN and Organisation.country (loaders.derived_aggregates)"

#: The features whose inputs a load summary reports, best known first.
FEATURES: dict[str, Feature] = {f.name: f for f in (
    Feature("collaboration network", "organisation, cluster, region and country projections, metrics, "
            "the recommender, collaboration queries", "Organisation, Project, PARTICIPATES_IN"),
    Feature("time window", "time filters (Explore, Map), `--start` / `--end` of projections and metrics",
            "Project.start_date"),
    Feature("countries", "country filters and projection, `--country`, country queries, the recommender's "
            "new-country reason", "Organisation.country | LOCATED_IN"),
    Feature("regions", "region projection, NUTS-based queries, the recommender's places",
            "Organisation.nuts_code | LOCATED_IN"),
    Feature("clusters", "cluster projection, cluster queries and filters", "Cluster"),
    Feature("roles", "coordinator counts, `--role`, the recommender's experience", "PARTICIPATES_IN.role"),
    Feature("contributions", "EU contribution totals and columns", "PARTICIPATES_IN.contribution"),
    Feature("programmes", "`--programme`, programme queries and filters", "Programme, FUNDED_BY | MEMBER_OF"),
    Feature("sectors", "`--sector`, the recommender's thematic fit, sector queries and filters", "Sector, ACTIVE_IN"),
    Feature("SMEs", "SME queries, the recommender's SME share", "SME | Organisation.sme"),
    Feature("quality labels", "label queries and filters, the recommender's minimum label",
            "QualityLabel.level, HAS_LABEL"),
    Feature("map", "the Map page's places", "Region.lat | Country.lat | Organisation.lat"),
)}


def _props(owner: str, *rows: tuple) -> list[Property]:
    return [Property(owner, *row) for row in rows]


#: The contract, one `Property` per (owner, name).
CONTRACT: tuple[Property, ...] = tuple([
    *_props(ANY_NODE,
            ("id", "string", "the key, unique within the label (`id = \"column\"` in a mapping)", ("every feature",)),
            ("name", "string", "the display name (`name = \"column\"`)", ("every feature",)),
            ("kind", "string", "the node's primary label", ("every feature",), _WRITER),
            ("sources", "list", "ids of the Source nodes the node came from", ("provenance", "a load's nodes"),
             _WRITER),
            ("acronym", "string", "a short name, shown before the name and found by search",
             ("search", "names in results")),
            ("aliases", "list", "other names the node is found by; a Sector's, the EuroSciVoc field it is "
             "(`[\"machining\"]`: the partner rankings then count it)", ("search", "sectors")),
            ("own_ids", "list", "ids a table matched by name gave the node (its organisation numbers)", ("search",))),
    *_props(ANY_RELATIONSHIP,
            ("key", "string", "tells apart parallel relationships (`key = \"column\"`)", ("every feature",)),
            ("sources", "list", "ids of the Source nodes the relationship came from", ("provenance",), _WRITER)),
    *_props("Organisation",
            ("country", "string", "country code, EU style (SE, NO, EL, UK)", ("countries",)),
            ("short_name", "string", "short name or acronym (\"IoT World\"): read by cluster detection",
             ("cluster detection",)),
            ("nuts_code", "string", "NUTS code of where it sits (SE123)", ("regions",)),
            ("city", "string", "city or town (CORDIS's `city`, a member list's `Ort` / `Kommune`)", ("members",)),
            ("activity_type", "string", "the kind of organisation (CORDIS's HES higher education, REC research, PRC "
             "private, PUB public, OTH other)", ("Explore's tooltips",)),
            ("vat_number", "string", "VAT number (CORDIS's `vatNumber`, SE202100287401, FR75441133808): a table's "
             "organisation number it holds (Norwegian, Swedish, Danish, Finnish, a French SIREN or SIRET, an Italian "
             "partita IVA or a company's codice fiscale of 11 digits, a Polish NIP written `525-000-58-34`, "
             "`5250005834` or `PL5250005834`, ten digits told from a Swedish number by their check digit, a Spanish "
             "NIF without its `ES`, a CIF `F20165940` or a DNI or NIE, where its check character holds) is that "
             "organisation when the names share a word "
             "and the row's name names no other; so is a row whose own `vat_number` column gives it, of any label the "
             "stored organisation carries (a `Cluster` row: a CORDIS organisation detected as a cluster) "
             "(loaders/generic_vat_numbers.py)", ("match = \"name\"",)),
            ("region", "string", "a national region that is no NUTS code (NO-Hordaland; `located_in` sets it)",
             ("regions",)),
            ("sme", "bool", "a small or medium-sized enterprise (the SME label does the same)", ("SMEs",)),
            ("lat", "float", "latitude (WGS84) of the organisation itself", ("map",)),
            ("lon", "float", "longitude (WGS84)", ("map",)),
            ("participations", "int", "participation rows in projects", ("regions",), _COUNTED),
            ("projects", "int", "distinct projects taken part in", ("collaboration network",), _COUNTED),
            ("coordinated_projects", "int", "projects coordinated", ("roles",),
             _COUNTED + " with role = coordinator"),
            ("coordinated_partners", "int", "distinct partners in the projects coordinated", ("roles",),
             _COUNTED + " with role = coordinator"),
            ("contribution_total", "float", "sum of its EU contributions (EUR); absent (not 0) when none is given",
             ("contributions",),
             _COUNTED + " with contribution"),
            *((metric, "float", "a centrality of the organisation projection", ("metrics",), _METRIC)
              for metric in ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank",
                             "clustering", "core_number"))),
    *_props("Cluster",
            ("cluster_rule", "string", "the rule that recognised an organisation as a cluster", ("clusters",),
             "set by cluster detection after every load")),
    *_props("Project",
            ("start_date", "date", "first day (ISO YYYY-MM-DD)", ("time window",)),
            ("end_date", "date", "last day; a project without it counts as running from its start on",
             ("time window",)),
            ("title", "string", "the full title", ("names in results",)),
            ("ec_max_contribution", "float", "the EU's contribution to the whole project (EUR)", ("project grants",),
             "", "load CORDIS (`cluster-explorer load sample`)"),
            ("amount", "float", "the project's whole grant from another funder or in another currency than the EU's "
             "EUR: the participation preset's `project_amount` (`Tildelt (NOK)`)", ("project grants",)),
            ("currency", "string", "the currency of `amount` (NOK, SEK, EUR)", ("project grants",)),
            ("funder", "string", "whose money `amount` is (Forskningsrådet, Vinnova): the preset's `funder`",
             ("project grants",)),
            ("countries", "list", "the distinct countries of its participating organisations, sorted",
             ("countries",), _COUNTRIES),
            ("country_participants", "list", "how many distinct organisations of each of `countries` take part",
             ("countries",), _COUNTRIES)),
    *_props("Region",
            ("level", "int", "NUTS level 1-3 (else the code's length minus 2)", ("map", "regions")),
            ("country", "string", "country code the region belongs to", ("countries",)),
            ("lat", "float", "latitude (WGS84) of its label point", ("map",), "", _NUTS),
            ("lon", "float", "longitude (WGS84)", ("map",), "", _NUTS),
            ("nuts_versions", "list", "the NUTS versions that hold the region (2021, 2024); of two regions of one "
             "name a table's region is the newest version's", ("regions",), "", _NUTS),
            ("newer_twin", "string", "on a region a newer NUTS version recoded under its name (Zuid-Holland NL33), the "
             "newer code (NL36): the saved queries group `coalesce(r.newer_twin, r.id)` as one place",
             ("regions",), "", "load both NUTS versions (`cluster-explorer load sample`, or `load nuts` with GISCO's "
             "2021 and 2024 files)")),
    *_props("Country",
            ("local_name", "string", "its name in its own language (Sverige); a query's place parameter and the search "
             "take it, in its parts (Suomi of Suomi/Finland) and without accents",
             ("regions",), "", _NUTS),
            ("iso_code", "string", "its ISO 3166 code where NUTS's differs (GR for EL, GB for UK); a place parameter "
             "and the search take it", ("search",), "", _NUTS),
            ("nuts_versions", "list", "the NUTS versions that hold the country (2021, 2024)", ("regions",), "", _NUTS),
            ("lat", "float", "latitude (WGS84) of its label point", ("map",), "", _NUTS),
            ("lon", "float", "longitude (WGS84)", ("map",), "", _NUTS),
            ("partner_countries", "list", "the other countries whose organisations share projects with its own, "
             "sorted", ("countries",), _COUNTRIES),
            ("shared_projects", "list", "how many projects it shares with each of `partner_countries`",
             ("countries",), _COUNTRIES),
            ("partner_organisations", "list", "how many distinct organisations of each of `partner_countries` take "
             "part in its organisations' projects", ("countries",), _COUNTRIES)),
    *_props("QualityLabel",
            ("level", "int", "1 Bronze, 2 Silver, 3 Gold", ("quality labels",))),
    *_props("Source",
            ("file", "string", "the file name", ("provenance",), "set by every load")),
    *_props("Load", *((name, kind, meaning, ("provenance",), "set by every load") for name, kind, meaning in (
            ("source", "string", "what was loaded (seeds, nuts, cordis, csv)"),
            ("checksum", "string", "checksum of the files loaded"), ("status", "string", "started or complete"),
            ("started_at", "string", "when the load started"), ("loaded_at", "string", "when it completed"),
            ("seq", "int", "the log's sequence number of its last start, completion or unload mark (orders the log)"),
            ("nodes", "int", "nodes written"), ("created", "int", "nodes created"),
            ("updated", "int", "nodes updated"), ("unchanged", "int", "nodes unchanged"),
            ("relationships", "int", "relationships written"),
            ("derived_version", "int", "the version of the derived facts made after it (loaders.derived_version)"),
            ("unload_started_at", "string", "when an unload of it started (status `unloading` until it ends)"),
            ("records_version", "int", "how a user table's records were keyed (graph.store.load_log."
             "USER_RECORDS_VERSION): a re-run by a version that keys them otherwise takes the old keys' off"),
            ("reader_version", "int", "the version of the reader that read its files (loaders.reader_version): a "
             "skippable load of the same files read by another one is loaded again, once"),
            ("held_places", "list", "the LOCATED_IN to a country (or NUTS region) it held back, the node being in a "
             "region there (inside it) (graph.store.held_back)")))),
    *_props("PARTICIPATES_IN",
            ("role", "string", "coordinator, participant, associatedPartner, partner (Horizon 2020) or thirdParty",
             ("roles",)),
            ("order", "int", "position in the project's list of partners", ("names in results",)),
            ("contribution", "float", "EU contribution (EUR)", ("contributions",), "",
             "load CORDIS (`cluster-explorer load sample`), or say `funder = { value = \"EU\" }` under the [columns] "
             "of a participation table whose amounts are the EU's"),
            ("amount", "float", "a grant in another currency than EUR (`currency`), or not the EU's (`funder`), left "
             "out of the EU contribution totals", ("contributions",)),
            ("currency", "string", "the currency of `amount` (SEK, NOK, EUR)", ("contributions",)),
            ("funder", "string", "whose money the table's amounts are (EU, FFG): the preset's `funder`",
             ("contributions",))),
    *_props("HAS_LABEL",
            ("awarded", "date", "when the label was awarded (a year alone counts from that year)",
             ("quality labels", "time window")),
            ("expires", "date", "when it expires (absent: unknown)", ("quality labels", "time window")),
            ("issued_by", "string", "who issued it", ("quality labels",)),
            ("note", "string", "a free note", ("quality labels",))),
    *_props("MEMBER_OF",
            ("since", "date", "member since", ("time window",))),
])

_BY_KEY = {(p.owner, p.name): p for p in CONTRACT}


def owners_of(owner: str) -> tuple[str, ...]:
    """`owner` and the owners whose properties it carries too (a Cluster: Organisation; every node)."""
    common = ANY_RELATIONSHIP if owner in REL_TYPES else ANY_NODE
    return (owner, *_ALSO.get(owner, ()), common)


def lookup(owner: str | None, name: str) -> Property | None:
    """The contract's entry for `name` read on `owner` (None: on any owner), else None."""
    if owner is None:
        return next((p for p in CONTRACT if p.name == name), None)
    return next((_BY_KEY[o, name] for o in owners_of(owner) if (o, name) in _BY_KEY), None)


_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*")
_NODE_BINDING = re.compile(r"\(\s*([A-Za-z_]\w*)?\s*:\s*([A-Za-z_]\w*)(?:\s*:\s*\w+)*\s*(\{[^}]*\})?")
_REL_BINDING = re.compile(r"\[\s*([A-Za-z_]\w*)?\s*:\s*([A-Za-z_]\w*)[^\]]*?(\{[^}]*\})?\s*\]")
_UNTYPED_MAP = re.compile(r"\(\s*[A-Za-z_]\w*\s+(\{[^}]*\})")  # `(o {country: $c})`, not `f({a: 1})`
_MAP_KEY = re.compile(r"([A-Za-z_]\w*)\s*:")
_READ = re.compile(r"(?<![\w$.])([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b(?!\s*\()")
_ROW_ALIAS = re.compile(r"\bUNWIND\s+\$\w+\s+AS\s+([A-Za-z_]\w*)", re.IGNORECASE)
_SET_TARGET = re.compile(r"(?:\bSET\s+|,\s*)([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*=(?!=)", re.IGNORECASE)


def property_reads(cypher: str) -> set[tuple[str | None, str]]:
    """(owner, property) of every property the Cypher text reads; owner None when the variable has no label.

    Reads are `variable.property` and the keys of a pattern's property map (`(o:Organisation {country:
    $c})`); the targets of `SET` are writes, rows of `UNWIND $param AS row` are parameters, and names
    starting with `_` are the writer's bookkeeping. A variable bound with a schema label or type reads
    on that owner.

    Examples
    --------
    >>> sorted(property_reads("MATCH (p:Project)<-[r:PARTICIPATES_IN]-(o {country: $c}) RETURN p.acronym, r.role"),
    ...        key=str)
    [('PARTICIPATES_IN', 'role'), ('Project', 'acronym'), (None, 'country')]
    """
    text = _STRINGS_AND_COMMENTS.sub("''", cypher)
    owner_of: dict[str, str] = {}
    reads: set[tuple[str | None, str]] = set()
    for pattern, known in ((_NODE_BINDING, NODE_LABELS), (_REL_BINDING, REL_TYPES)):
        for var, owner, props in pattern.findall(text):
            if owner in known:
                if var:
                    owner_of.setdefault(var, owner)
                reads |= {(owner, key) for key in _MAP_KEY.findall(props)}
    reads |= {(None, key) for props in _UNTYPED_MAP.findall(text) for key in _MAP_KEY.findall(props)}
    rows = set(_ROW_ALIAS.findall(text))
    writes = set(_SET_TARGET.findall(text))
    for var, name in _READ.findall(text):
        if var in rows or (var, name) in writes or name.startswith("_"):
            continue
        reads.add((owner_of.get(var) or None, name))
    return reads
