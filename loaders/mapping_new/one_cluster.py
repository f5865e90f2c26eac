"""The MEMBER_OF table `mapping new` writes, commented out, for a list of organisations without a cluster column.

A cluster's own member list never names its cluster: every row is a member of the cluster that exported it
(`Virksomhed;CVR-nr.;...;Medlem siden`). No column can say which, so the table links every row to one cluster given
by its name (`end = { label = "Cluster", value = "...", add = true }`, `loaders.mapping_spec.Endpoint`: `add` makes
the cluster from the name when the store lacks it, `loaders.generic_added_ends`) and waits for the user to write that
name and uncomment it; the list's membership date (`Medlem siden`, `member since`, `joined`) is its
`since`, the property of MEMBER_OF the features read (`clusters/members`).
"""

from __future__ import annotations

from loaders.table_cells import as_toml

__all__ = ["members_of_one_cluster"]

#: What the user writes in place of the cluster's name (`--check` names it as a cluster no store holds).
CLUSTER_NAME = "the cluster's name"
#: What `add = true` does, beside it: a cluster CORDIS lacks had to come from a second file of one row.
ADD_SAYS = "# add: made from this name if the store has no cluster so named"


def members_of_one_cluster(label: str, key: str, reading: list[str], since: str | None,
                           more: list[str] = ()) -> list[str]:
    """The commented-out MEMBER_OF table from each row's `label` node (its id column `key`) to one cluster; `since`:
    the membership date's property line (`since = { column = "Medlem siden", ... }`), or None; `more`: the lines the
    table's start column needs (`compact`, `on_empty`) as the node table reads its ids."""
    table = ["[[relationships]]", *reading, 'type = "MEMBER_OF"',
             f"start = {{ label = {as_toml(label)}, column = {as_toml(key)} }}",
             f'end = {{ label = "Cluster", value = {as_toml(CLUSTER_NAME)}, add = true }}  {ADD_SAYS}', *more,
             *(["[relationships.properties]", since] if since else [])]
    return ["", "# the members of which cluster? write its name (or its id) in value below, and uncomment",
            *(f"# {line}" for line in table)]
