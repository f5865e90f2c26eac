"""Other organisations or clusters whose names start with the name given for `recommend --for`.

On the sample, `--for "RISE Research Institutes of Sweden"` is the organisation of exactly that name, in 1 project;
RISE RESEARCH INSTITUTES OF SWEDEN AB, in 144, was not mentioned, and the consortium's ranking rested on the one
project without a word. A name taken as it was written now names the others that begin with it, with their projects,
so the one meant can be given by its id.
"""

from __future__ import annotations

from typing import Any

from graph.store.contract import GraphStore
from graph.store.resolve import ResolvedNode, nodes_by_search_text
from graph.store.search_text import fold

__all__ = ["namesakes_note"]

SHOWN = 3


def _projects(index: Any, key: str) -> str:
    row = index.index.get(key)
    n = int(index.incidence[row].nnz) if row is not None else 0
    return f"in {n} project{'s' * (n != 1)}"


def namesakes_note(store: GraphStore, index: Any, text: str, node: ResolvedNode, said: bool = False) -> str | None:
    """A sentence naming the other organisations and clusters whose name begins with `text` (`node`, the one taken,
    left out), each with its projects in the ranking's graph; None when there is none or `text` is an id. `said`:
    which node `text` was taken as is said already ("(--for 'Sintef' is SINTEF AS ...)"), so not again."""
    folded = fold(text)
    if len(folded) < 4 or text.strip() in (node.key, node.id):
        return None
    others: dict[str, str] = {}
    for label in ("Organisation", "Cluster"):
        rows = store.read(nodes_by_search_text(label), {"needle": f"|{folded}", "limit": 20}).rows
        for kind, node_id, name, *_ in rows:
            key = f"{kind}:{node_id}"
            if key != node.key and key != node.same_as and fold(name or "").startswith(folded):
                others.setdefault(key, str(name))
    if not others:
        return None
    shown = "; ".join(f"{name} ({key}), {_projects(index, key)}" for key, name in list(others.items())[:SHOWN])
    more = f"; and {len(others) - SHOWN} more" if len(others) > SHOWN else ""
    taken = f"{node.name}, {_projects(index, node.key)}" if said else \
        f"--for {text.strip()!r} is {node.describe()}, {_projects(index, node.key)}"
    return f"{taken}; other names begin with {text.strip()!r}: {shown}{more}. To take another, give its id (Kind:id) " \
        "to --for"
