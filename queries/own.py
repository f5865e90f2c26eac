"""Your own Cypher, run read-only: the query's rows, or its plan when it starts with `EXPLAIN`.

The CLI's `query` and the Queries page's editor both run it here. `EXPLAIN` is not sent down the read path: the
embedded store took the prefix for nothing and ran the query (its rows came back, no plan), so the plan is asked of
the store's own `explain` (FalkorDB's `GRAPH.EXPLAIN`, Neo4j's `EXPLAIN` summary), which runs nothing. `PROFILE`
runs the query to measure it, and the embedded store's profile command (`GRAPH.PROFILE`) neither refuses writes nor
keeps the time limit: it is refused, saying so, rather than run as a plain read without a word.
"""

from __future__ import annotations

import json
import re
from typing import Any

from graph.errors import QueryError, QuerySyntaxError
from graph.store.contract import GraphStore, QueryResult
from graph.store.query_syntax import syntax_error, used_parameters, without_literals

__all__ = ["PLAN_COLUMN", "read_own"]

#: The one column of a plan's rows: one row per operation.
PLAN_COLUMN = "plan"
#: `EXPLAIN` or `PROFILE` first, after any blank or comment.
_PLAN_WORD = re.compile(r"\A(?:\s+|//[^\n]*|/\*.*?\*/)*(EXPLAIN|PROFILE)\b", re.I | re.S)


def read_own(store: GraphStore, cypher: str, params: dict[str, Any] | None = None, *,
             timeout_s: float | None = None, row_cap: int | None = None) -> QueryResult:
    """The rows of `cypher` (read-only, time-limited, capped as `store.read`), or its plan: one row per operation
    in the column `plan` when it starts with `EXPLAIN`. `PROFILE` raises QueryError saying why and what to use.

    Examples
    --------
    >>> _PLAN_WORD.match("// why slow?\\n explain MATCH (n) RETURN n")[1]
    'explain'
    """
    found = _PLAN_WORD.match(cypher)
    if found is None:
        try:
            return store.read(cypher, params, timeout_s=timeout_s, row_cap=row_cap)
        except QueryError as e:
            if "expected list" in str(e).lower() and (said := _texts_for_lists(cypher, params or {})):
                raise QueryError(f"{e}; {said}") from None
            raise
    if found[1].upper() == "PROFILE":
        raise QueryError("PROFILE is not run here: it runs the query to measure each step, and the embedded store's "
                         "profile does not refuse writes or keep the time limit. EXPLAIN in its place shows the plan "
                         "without running anything; the query alone gives its rows")
    blanked = cypher[:found.start(1)] + " " * len(found[1]) + cypher[found.end():]  # an error's column stays the same
    try:
        plan = store.explain(blanked, params)
    except QuerySyntaxError as e:  # its line as written, `EXPLAIN` included
        raise syntax_error(str(e).split(" could not parse", 1)[0], e.reason, cypher, e.line, e.column) from None
    return QueryResult(columns=[PLAN_COLUMN], rows=[[line] for line in plan])


def _texts_for_lists(cypher: str, params: dict[str, Any]) -> str | None:
    """The text parameters `cypher` looks in as lists (`IN $ids`, `UNWIND $ids`), each with the JSON list to send:
    `-p ids=a,b` is the text "a,b", and the store had said only "Type mismatch: expected List ... but was String".

    Examples
    --------
    >>> print(_texts_for_lists("MATCH (o) WHERE o.id IN $ids RETURN o", {"ids": "pic:1, pic:2"}))
    $ids was sent as the text 'pic:1, pic:2', not a list: send a JSON list, ["pic:1", "pic:2"] (-p 'ids=["pic:1", \
"pic:2"]' on the command line, {"ids": ["pic:1", "pic:2"]} in Parameters as JSON)
    """
    text = without_literals(cypher)
    said = []
    for name in used_parameters(text):
        value = params.get(name)
        if isinstance(value, str) and re.search(rf"\b(?:in|unwind)\s+\${name}\b", text, re.I):
            items = json.dumps([item.strip() for item in value.strip().strip("[]").split(",") if item.strip()],
                               ensure_ascii=False)
            said.append(f"${name} was sent as the text {value!r}, not a list: send a JSON list, {items} "
                        f"(-p '{name}={items}' on the command line, {{\"{name}\": {items}}} in Parameters as JSON)")
    return "; ".join(said) or None
