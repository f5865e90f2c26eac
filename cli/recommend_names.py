"""Other organisations or clusters whose names start with the name given for `recommend --for`.

On the sample, `--for "RISE Research Institutes of Sweden"` is the organisation of exactly that name, in 1 project;
RISE RESEARCH INSTITUTES OF SWEDEN AB, in 144, was not mentioned, and the consortium's ranking rested on the one
project without a word. A name taken as it was written now names the others that begin with it, with their projects,
so the one meant can be given by its id.
"""

from __future__ import annotations

from typing import Any

from graph.errors import NotFound
from graph.store.contract import GraphStore
from graph.store.resolve import ResolvedNode, nodes_by_search_text, resolve_node
from graph.store.search_text import fold

__all__ = ["namesakes_note", "focus_node"]

SHOWN = 3


def _projects(index: Any, keys: set[str]) -> str:
    """The projects of the records `keys` (one body), each once."""
    rows = [index.index[key] for key in keys if key in index.index]
    n = int((index.incidence[rows].sum(axis=0) > 0).sum()) if rows else 0
    return f"in {n} project{'s' * (n != 1)}"


def _one_body(index: Any, key: str) -> set[str]:
    """`key` and the records SAME_AS it (`recommend_index.one_body`): one body, whose projects the ranking takes
    together. A seed cluster's CORDIS record had been named as another name to take, and the seed said to be in 0
    projects."""
    from graph.analytics.recommend_index import one_body

    return one_body(index.G, key)


def namesakes_note(store: GraphStore, index: Any, text: str, node: ResolvedNode, said: bool = False) -> str | None:
    """A sentence naming the other organisations and clusters whose name begins with `text` (`node`, the one taken,
    left out), each with its projects in the ranking's graph; None when there is none or `text` is an id. `said`:
    which node `text` was taken as is said already ("(--for 'Sintef' is SINTEF AS ...)"), so not again."""
    folded = fold(text)
    if len(folded) < 4 or text.strip() in (node.key, node.id):
        return None
    body = _one_body(index, node.key)
    others: dict[str, str] = {}
    for label in ("Organisation", "Cluster"):
        rows = store.read(nodes_by_search_text(label), {"needle": f"|{folded}", "limit": 20}).rows
        for kind, node_id, name, *_ in rows:
            key = f"{kind}:{node_id}"
            if key not in body and key != node.same_as and fold(name or "").startswith(folded):
                others.setdefault(key, str(name))
    if not others:
        return None
    shown = "; ".join(f"{name} ({key}), {_projects(index, _one_body(index, key))}"
                      for key, name in list(others.items())[:SHOWN])
    more = f"; and {len(others) - SHOWN} more" if len(others) > SHOWN else ""
    also = "".join(f" with {index.name(key)} ({key}), the same body (SAME_AS)" for key in sorted(body - {node.key}))
    taken = f"{node.name}, {_projects(index, body)}{also}" if said else \
        f"--for {text.strip()!r} is {node.describe()}, {_projects(index, body)}{also}"
    return f"{taken}; other names begin with {text.strip()!r}: {shown}{more}. To take another, give its id (Kind:id) " \
        "to --for"


def focus_node(store: GraphStore, text: str) -> ResolvedNode:
    """The organisation or cluster `--for TEXT` names; a project named instead is refused naming its partners, each a
    `--for` of the consortium (the refusal had said no organisation has that name, as if it were misspelt)."""
    try:
        return resolve_node(store, text, ("Organisation", "Cluster"))
    except NotFound:
        try:
            project = resolve_node(store, text, ("Project",))
        except NotFound:
            project = None
        if project is None:
            raise
    from graph.views.store_views import node_details

    details = node_details(store, project.key) or {}
    partners = [n for n in details.get("neighbours", []) if n["type"] == "PARTICIPATES_IN"]
    given = " ".join(f"--for {n['key']!r}" for n in partners[:6]) + (" ..." if len(partners) > 6 else "")
    raise NotFound(f"{text!r} is the project {project.describe()}: recommend ranks partners for organisations or "
                   "clusters, so give the project's partners, each a --for: the consortium's candidates are ranked "
                   + (f"({given})" if partners else "(the project has no partner in the store)"))
