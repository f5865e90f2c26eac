"""Country aggregates kept by the load pipeline, so the country queries read a few thousand nodes instead of
walking every participation (run by `loaders.pipeline.derive_facts` after every load).

* every project: `countries` (the distinct countries of its participating organisations, sorted) and
  `country_participants` (how many distinct organisations of each, in the same order): what
  `collaboration/cross-border` reads;
* every country: `partner_countries` (the other countries it shares projects with, sorted),
  `shared_projects` (how many projects with both) and `partner_organisations` (how many distinct
  organisations of that country take part in its projects), in the same order: what
  `collaboration/country-pairs` reads.

They are computed from one narrow read of the participations (project and organisation ids) and one of the
organisations' countries, in sparse matrices, and written only where they differ (a re-run writes nothing).
The load is logged complete only after them (`completion_deferred`), like the other derived facts. A country
that organisations name but no Country node stands for (only a mapping that sets `country` without
`located_in` makes one) has no place for its pairs: the count is reported.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from graph.store import cypher
from graph.store.contract import GraphStore
from loaders.derived import changed

__all__ = ["statements", "derive_country_aggregates", "CountryFacts", "country_facts"]

#: One row per participation, ungrouped: FalkorDB groups 700,000 rows by project in 6.7 s, walks them in 1.6.
PARTICIPATIONS = cypher.fixed_statement(__name__, "PARTICIPATIONS", """\
MATCH (o:Organisation)-[:PARTICIPATES_IN]->(p:Project)
WHERE o.country IS NOT NULL
RETURN p.id AS project, o.id AS organisation""")
ORGANISATION_COUNTRIES = cypher.fixed_statement(__name__, "ORGANISATION_COUNTRIES", """\
MATCH (o:Organisation)
WHERE o.country IS NOT NULL
RETURN o.id AS id, o.country AS country""")
PROJECTS_WITH_COUNTRIES = cypher.fixed_statement(__name__, "PROJECTS_WITH_COUNTRIES", """\
MATCH (p:Project)
WHERE p.countries IS NOT NULL
RETURN p.id AS id""")
SET_PROJECT_COUNTRIES = cypher.fixed_statement(__name__, "SET_PROJECT_COUNTRIES", """\
UNWIND $rows AS row
MATCH (p:Project {id: row.id})
WHERE p.countries IS NULL OR p.countries <> row.countries OR p.country_participants <> row.counts
SET p.countries = row.countries, p.country_participants = row.counts
RETURN count(p) AS changed""")
CLEAR_PROJECT_COUNTRIES = cypher.fixed_statement(__name__, "CLEAR_PROJECT_COUNTRIES", """\
UNWIND $ids AS gone
MATCH (p:Project {id: gone})
REMOVE p.countries, p.country_participants
RETURN count(p) AS changed""")
COUNTRY_IDS = cypher.fixed_statement(__name__, "COUNTRY_IDS", "MATCH (c:Country) RETURN c.id AS id")
SET_COUNTRY_PAIRS = cypher.fixed_statement(__name__, "SET_COUNTRY_PAIRS", """\
UNWIND $rows AS row
MATCH (c:Country {id: row.id})
WHERE c.partner_countries IS NULL OR c.partner_countries <> row.partners
 OR c.shared_projects <> row.projects OR c.partner_organisations <> row.organisations
SET c.partner_countries = row.partners, c.shared_projects = row.projects, c.partner_organisations = row.organisations
RETURN count(c) AS changed""")
#: Rows per write: the embedded store receives parameters inlined in the query text.
BATCH = 5000


def statements() -> list[str]:
    """Every Cypher statement this module sends (its part of the Cypher registry)."""
    return cypher.all_statements(__name__)


class CountryFacts:
    """The aggregates of one store's participations: per project its countries and organisations per country,
    per country its partner countries, shared projects and partner organisations."""

    def __init__(self, projects: dict[str, tuple[list, list[int]]], pairs: dict[object, tuple[list, list, list]],
                 countries: list):
        self.projects, self.pairs, self.countries = projects, pairs, countries


def country_facts(participations: list[tuple[str, str]], organisation_countries: dict[str, object]) -> CountryFacts:
    """The aggregates from the participations (project id, organisation id) and each organisation's country;
    organisations without a country are left out.

    >>> facts = country_facts([("p1", "a"), ("p1", "b"), ("p1", "c"), ("p1", "a"), ("p2", "a"), ("p2", "d")],
    ...                       {"a": "SE", "b": "NO", "c": "NO", "d": "FI"})
    >>> facts.projects["p1"], facts.pairs["SE"]
    ((['NO', 'SE'], [2, 1]), (['FI', 'NO'], [1, 1], [1, 2]))
    """
    countries = sorted(set(organisation_countries.values()), key=str)
    country_index = {c: k for k, c in enumerate(countries)}
    org_index = {o: n for n, o in enumerate(organisation_countries)}
    project_index: dict[str, int] = {}
    rows, cols = [], []
    for project, organisation in participations:
        if (n := org_index.get(organisation)) is not None:
            rows.append(project_index.setdefault(project, len(project_index)))
            cols.append(n)
    shape = (len(project_index), len(org_index))
    incidence = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)), shape=shape)
    incidence.data[:] = 1  # an organisation twice in a project (two roles) counts once
    located = sparse.csr_matrix((np.ones(len(org_index), dtype=np.int64), (
        np.arange(len(org_index)), [country_index[c] for c in organisation_countries.values()])),
        shape=(len(org_index), len(countries)))
    per_project = (incidence @ located).tocsr()  # project x country: distinct organisations
    per_project.sort_indices()
    present = (per_project > 0).astype(np.int64)
    shared = (present.T @ present).toarray()  # country x country: projects with both
    reached = ((incidence.T @ present) > 0).astype(np.int64)  # organisation x country: in a project with it
    partners = (reached.T @ located).toarray()  # [a, b]: organisations of b in a project with a
    indptr, indices, data = per_project.indptr, per_project.indices.tolist(), per_project.data.tolist()
    projects = {project: ([countries[k] for k in indices[indptr[p]:indptr[p + 1]]], data[indptr[p]:indptr[p + 1]])
                for project, p in project_index.items()}
    pairs = {}
    for k, country in enumerate(countries):
        others = [j for j in np.flatnonzero(shared[k]).tolist() if j != k]
        pairs[country] = ([countries[j] for j in others], [int(shared[k, j]) for j in others],
                          [int(partners[k, j]) for j in others])
    return CountryFacts(projects, pairs, countries)


def _changed(store: GraphStore, statement: str, key: str, rows: list) -> int:
    return sum(changed(store, statement, {key: rows[at:at + BATCH]}) for at in range(0, len(rows), BATCH))


def derive_country_aggregates(store: GraphStore) -> list[str]:
    """Every project's countries and every country's partner countries, recomputed from the participations and
    written where they differ. Returns one sentence per kind of node that changed (none on a re-run)."""
    participations = store.read(PARTICIPATIONS, row_cap=10**8, timeout_s=600).rows
    located = {o: c for o, c in store.read(ORGANISATION_COUNTRIES, row_cap=10**8, timeout_s=600).rows}
    facts = country_facts(participations, located)
    stale = [p for (p,) in store.read(PROJECTS_WITH_COUNTRIES, row_cap=10**8, timeout_s=600).rows
             if p not in facts.projects]
    projects = _changed(store, SET_PROJECT_COUNTRIES, "rows", [
        {"id": p, "countries": c, "counts": n} for p, (c, n) in facts.projects.items()])
    projects += _changed(store, CLEAR_PROJECT_COUNTRIES, "ids", stale)
    nodes = {c for (c,) in store.read(COUNTRY_IDS, row_cap=10**6).rows}
    countries = _changed(store, SET_COUNTRY_PAIRS, "rows", [
        dict(zip(("id", "partners", "projects", "organisations"), (c, *facts.pairs.get(c, ([], [], []))),
                 strict=True))
        for c in sorted(nodes, key=str)])
    said = []
    if projects:
        said.append(f"country aggregates: {projects} project(s) given their participants' countries")
    if countries:
        said.append(f"country aggregates: {countries} country(ies) given their partner countries")
    nameless = [c for c in facts.countries if c not in nodes and facts.pairs[c][0]]
    if nameless:
        said.append(f"country aggregates: {len(nameless)} country code(s) of organisations have no Country node "
                    f"({', '.join(map(str, nameless[:5]))}), so collaboration/country-pairs has no rows for them")
    return said
