"""Whether a graph of clusters mixes clusters known with their members and clusters known only by themselves.

A cluster is linked in the graph of clusters through the projects of its group (`incidence.organisation_groups`):
its own CORDIS record, and every organisation that is `MEMBER_OF` it. CORDIS gives no member lists, so a cluster
whose manager loaded one is linked through forty organisations' projects and one detected in CORDIS through its
own: a try-out's cluster came first, degree 29 against 11, by construction. The metrics say so beside the ranking.
"""

from __future__ import annotations

import networkx as nx

from graph.wording import first_few

__all__ = ["clusters_with_members", "members_said"]


def clusters_with_members(G: nx.MultiDiGraph, groups: dict[str, list[str]]) -> list[str]:
    """The cluster keys of `groups` whose group holds an organisation besides the cluster's own records (itself and
    those it is SAME_AS): one that is a member of it (the only other way into a cluster's group)."""
    def own_record(key: str, org: str) -> bool:
        return org == key or any(start == key and kind == "SAME_AS" for start, _, kind in G.in_edges(org, data="type"))

    return sorted(key for key, orgs in groups.items() if any(not own_record(key, org) for org in orgs))


def members_said(G: nx.MultiDiGraph, groups: dict[str, list[str]]) -> str | None:
    """One sentence when some clusters of the graph have members taking part and others have none, else None.

    >>> G = nx.MultiDiGraph()
    >>> for key, name in [("Cluster:mine", "Mine"), ("Cluster:a", "A"), ("Organisation:m", "M")]:
    ...     G.add_node(key, name=name)
    >>> _ = G.add_edge("Organisation:m", "Cluster:mine", type="MEMBER_OF")
    >>> members_said(G, {"Cluster:mine": ["Cluster:mine", "Organisation:m"], "Cluster:a": ["Cluster:a"]})
    "1 of the 2 clusters has members in the store (Mine): its links count its members' projects, the others' only \
their own: compare like with like"
    >>> members_said(G, {"Cluster:a": ["Cluster:a"]}) is None
    True
    """
    with_members = clusters_with_members(G, groups)
    if not with_members or len(with_members) == len(groups):
        return None
    one = len(with_members) == 1
    names = first_few(with_members, 3, lambda key: str(G.nodes[key].get("name") or key.split(":", 1)[1]))
    return (f"{len(with_members):,} of the {len(groups):,} clusters {'has' if one else 'have'} members in the store "
            f"({names}): {'its' if one else 'their'} links count {'its' if one else 'their'} members' projects, "
            "the others' only their own: compare like with like")
