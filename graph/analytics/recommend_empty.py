"""Why a ranking of partner candidates came out empty, in words a user can act on.

`graph.analytics.recommend.recommend` ranks every organisation that takes part in a project, except the
consortium, its known partners (unless asked for) and those a requirement leaves out (a place to avoid, a
minimum label); so an empty list has one of three causes, and each has its own remedy. An organisation
sharing projects with every other one of its table was told "nothing links the focal nodes to others", the
opposite of the truth. The CLI (`recommend`) and the Partners page both say this sentence, each with its own
way to include known partners.
"""

from __future__ import annotations

import numpy as np

from graph.analytics.recommend import RecommenderIndex, Requirements
from graph.analytics.recommend_index import label_name

__all__ = ["no_candidate_reason"]


def _requirements_text(requirements: Requirements) -> str:
    """The requirements that leave candidates out, in words: places to avoid and a minimum label."""
    parts = [f"outside {', '.join(requirements.avoid_places)}"] if requirements.avoid_places else []
    if requirements.min_label:
        parts.append(f"labelled {label_name(requirements.min_label)} or better")
    return " and ".join(parts) or "the requirements"


def no_candidate_reason(index: RecommenderIndex, focal, requirements: Requirements | None = None, *,
                        exclude_existing: bool = True,
                        include_hint: str = "include known partners to rank them") -> str:
    """Why `recommend(index, focal, requirements, exclude_existing=...)` found no candidate.

    `include_hint` is how the caller's user includes known partners (the CLI's `--include-existing`, the
    Partners page's toggle); it is said when every organisation left is a known partner.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for org in "abc":
    ...     _ = G.add_edge(f"Organisation:{org}", "Project:p1", type="PARTICIPATES_IN", role="participant")
    >>> for key in G: G.nodes[key].update(kind=key.split(":")[0], name=key.split(":")[1].upper())
    >>> no_candidate_reason(RecommenderIndex(G), ["Organisation:a"])[:60]
    'every organisation linked to A is already its partner (2 kno'
    """
    requirements = requirements or Requirements()
    rows = index.resolve(list(focal))
    names = ", ".join(index.name(key) for key in focal)
    outside = np.ones(len(index.keys), dtype=bool)
    outside[rows] = False
    if not outside.any():
        return (f"the graph holds no organisation taking part in a project besides {names}: load more projects "
                "to rank partners from")
    partners = np.zeros(len(index.keys), dtype=bool)
    if rows:
        partners[index.adjacency[rows].indices] = True
    partners &= outside
    if exclude_existing and not (outside & ~partners).any():
        count = int(partners.sum())
        return (f"every organisation linked to {names} is already its partner ({count} known partner"
                f"{'' if count == 1 else 's'}, sharing projects with it); {include_hint}")
    left = int((outside & ~partners).sum()) if exclude_existing else int(outside.sum())
    beside = " and its known partners" if exclude_existing else ""
    return (f"none of the {left:,} organisation(s) outside the consortium{beside} is "
            f"{_requirements_text(requirements)}: ask for less")
