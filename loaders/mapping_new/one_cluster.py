"""The MEMBER_OF table `mapping new` writes, commented out, for a list of organisations without a cluster column.

A cluster's own member list never names its cluster: every row is a member of the cluster that exported it
(`Virksomhed;CVR-nr.;...;Medlem siden`). No column can say which, so the table links every row to one cluster given
by its name (`end = { label = "Cluster", value = "...", add = true }`, `loaders.mapping_spec.Endpoint`: `add` makes
the cluster from the name when the store lacks it, `loaders.generic_added_ends`) and waits for the user to write that
name and uncomment it; the list's membership date (`Medlem siden`, `member since`, `joined`) is its
`since`, the property of MEMBER_OF the features read (`clusters/members`).
"""

from __future__ import annotations

from collections import Counter

from graph.store.search_text import fold
from loaders.county_numbers import county_region
from loaders.generic_added_regions import clear_majority, region_said
from loaders.mapping_new.nested_members import MEMBER_WORDS
from loaders.table_cells import as_toml, header_word

__all__ = ["CLUSTER_WORDS", "says_clusters", "majority_region", "members_of_one_cluster"]

#: Words in a file's name or header that make its rows clusters.
CLUSTER_WORDS = ("cluster", "kluster", "klynge", "pôle", "klaster", "clúster")

#: What the user writes in place of the cluster's name (`--check` names it as a cluster no store holds).
CLUSTER_NAME = "the cluster's name"
#: What `add = true` does, beside it: a cluster CORDIS lacks had to come from a second file of one row.
ADD_SAYS = "# add: made from this name if the store has no cluster so named"


def says_clusters(stem: str, headers: list[str]) -> bool:
    """Whether a list's file name (`stem`) or `headers` say its rows are clusters (`klynger.csv`, `Clustername`); a
    file name saying members too is one cluster's own member list (`socios_cluster.csv`, whose rows had been made
    clusters, SME column dropped).

    >>> says_clusters("klynger", ["Navn"]), says_clusters("socios_cluster", ["Razón social"])
    (True, False)
    """
    stem = "" if any(word in fold(header_word(stem)) for word in MEMBER_WORDS) else stem
    return any(word in header_word(text) for text in (stem, *headers) for word in CLUSTER_WORDS)


def majority_region(rows: list[dict], column: str | None, country: str | None) -> tuple[str, str]:
    """(the region cell more than half the rows hold, read as `region = ...` beside `add` reads it: a county number of
    `country` as its NUTS code, a name or code as written; the comment saying so), or ("", "")."""
    cells = Counter()
    for row in rows if column else []:
        cell = " ".join(str(row.get(column) or "").split())
        cells[(country and county_region(cell, country)) or cell] += 1 if cell else 0
    if not (region := clear_majority(+cells, len(rows))):
        return "", ""
    return region, f"  #? region: {cells[region]} of its {len(rows)} members are in {region_said(region)}"


def members_of_one_cluster(label: str, key: str, reading: list[str], since: str | None,
                           more: list[str] = (), country: str | None = None,
                           region: tuple[str, str] = ("", "")) -> list[str]:
    """The commented-out MEMBER_OF table from each row's `label` node (its id column `key`) to one cluster; `since`:
    the membership date's property line (`since = { column = "Medlem siden", ... }`), or None; `more`: the lines the
    table's start column needs (`compact`, `on_empty`) as the node table reads its ids; `country`: the one country
    the list places its rows in (its `located_in`), given to the cluster `add` makes so the Map draws it (a Finnish
    list's cluster had no place); `region`: the region most of its rows are in and why (`majority_region`), so that
    the Map and `--region` find the cluster there, not at the country's centre."""
    placed = (f", country = {as_toml(country)}" if country else "") + (f", region = {as_toml(region[0])}" * bool(
        region[0]))
    table = ["[[relationships]]", *reading, 'type = "MEMBER_OF"',
             f"start = {{ label = {as_toml(label)}, column = {as_toml(key)} }}",
             f'end = {{ label = "Cluster", value = {as_toml(CLUSTER_NAME)}, add = true{placed} }}  {ADD_SAYS}'
             + region[1], *more,
             *(["[relationships.properties]", since] if since else [])]
    return ["", "# the members of which cluster? write its name (or its id) in value below, and uncomment",
            *(f"# {line}" for line in table)]
