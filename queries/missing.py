"""Why a saved query came out empty: the inputs its `requires:` header names that the store lacks, else what its
`empty:` header says an empty answer means.

The CLI (`queries run`) and the Queries page call `why_empty` after a run that returned no row; a query
whose inputs are all there and which says nothing of an empty answer returns None (the empty answer is then the
answer). `collaboration/path` came out empty for two organisations three projects apart, with no word that it
looks two apart at most. `why_adhoc_empty` does the same for your own Cypher: a label or relationship type it
names that the store does not hold (`organisation` for Organisation) is said, with the name it likely meant; else a
number it compares with equality (`-p pic=884696261`, which the CLI sends as a number) is said to be one, with how to
send it as text: a PIC, an id or a code stored as text equals no number, and the answer had been an empty table.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from graph.store.contract import GraphStore
from graph.store.query_syntax import used_parameters, without_literals
from graph.store.reads import counts
from graph.store.requirements import explain, missing_inputs
from queries.catalogue import SavedQuery

__all__ = ["why_empty", "why_adhoc_empty", "CLI_TEXT", "JSON_TEXT"]

#: How to send a value as text, where the words are read: the CLI's option, the Queries page's JSON field.
CLI_TEXT = "-p '{name}=\"{value}\"'"
JSON_TEXT = '{{"{name}": "{value}"}} in Parameters as JSON'

#: The first label of a node pattern, `(o:Organisation`, and the types of a relationship pattern, `[r:A|B`.
_NODE_LABEL = re.compile(r"\(\s*\w*\s*:\s*(\w+)")
_REL_TYPES = re.compile(r"\[\s*\w*\s*:\s*(\w+(?:\s*\|\s*:?\s*\w+)*)")


def why_empty(store: GraphStore, query: SavedQuery, params: dict[str, Any] | None = None) -> str | None:
    """The message saying which inputs of `query` are missing and how to add them; else which of its text parameters
    were given empty, with what to type; else what its `empty:` header says; else None."""
    missing = missing_inputs(store, query.requires, params or {})
    if missing:
        return explain(missing, f"{query.name}")
    return _blank_text(query, params or {}) or query.empty or None


def _blank_text(query: SavedQuery, params: dict[str, Any]) -> str | None:
    """The text parameters given empty (`-p term=`, an emptied field), each with what to type and an example: the
    query's `empty:` words ("No sector has a word starting with these words") had said nothing of an empty term."""
    blank = [p for p in query.params if isinstance(params.get(p.name), str) and not params[p.name].strip()]
    if not blank:
        return None
    said = []
    for param in blank:
        example = query.example.get(param.name) or param.default
        such = (f", such as {example!r} (the query's example; `-p {param.name}={example}` on the command line)"
                if isinstance(example, str) and example.strip() else "")
        said.append(f"{param.name} is empty. Type {param.help or 'a value'}{such}")
    return f"No row: {'; '.join(said)}."


def why_adhoc_empty(store: GraphStore, cypher: str, params: dict[str, Any] | None = None,
                    as_text: str = CLI_TEXT) -> str | None:
    """Why `cypher`, run by the user, may have found nothing: the labels and relationship types of its patterns the
    store holds none of, each with the name it likely meant (names are case-sensitive); else the numbers of `params`
    it compares with equality, each with how to send it as text (`as_text`: CLI_TEXT or JSON_TEXT); else None."""
    text = without_literals(cypher)
    labels, types = counts(store)
    absent = [_absent("node labelled", name, labels) for name in _NODE_LABEL.findall(text) if name not in labels]
    absent += [_absent("relationship of type", name, types) for found in _REL_TYPES.findall(text)
               for name in re.split(r"\s*\|\s*:?\s*", found) if name not in types]
    if not absent:
        return _numbers_sent(text, params or {}, as_text)
    if not labels:
        return ("No row: the store holds nothing yet: run `cluster-explorer load sample` for the bundled real network, "
                "or load your own files (`cluster-explorer load --help`).")
    return (f"No row: the store holds no {'; no '.join(dict.fromkeys(absent))}. Its labels: "
            f"{', '.join(sorted(labels)) or 'none'}; its relationship types: {', '.join(sorted(types)) or 'none'}.")


def _numbers_sent(text: str, params: dict[str, Any], as_text: str) -> str | None:
    """The parameters sent as numbers that `text` matches with `=` or a map's `{key: $name}` (not `LIMIT $n`, not
    `<`), said with how to send each as text; None when there is none."""
    numbers = [name for name in used_parameters(text) if type(params.get(name)) in (int, float)
               and re.search(rf"(?<![<>!])[:=]\s*\${name}\b|\${name}\s*=(?![=~])", text)]
    if not numbers:
        return None
    said = "; ".join(f"${name} was sent as the number {params[name]!r}" for name in numbers)
    how = "; ".join(as_text.format(name=name, value=params[name]) for name in numbers)
    return (f"No row: {said}, and a value stored as text (an id, a PIC, a code) equals no number. To send it as "
            f"text: {how}.")


def _absent(what: str, name: str, held: dict[str, int]) -> str:
    same = [held_name for held_name in held if held_name.lower() == name.lower()]
    near = same or difflib.get_close_matches(name.upper(), list(held), n=1, cutoff=0.75) or difflib.get_close_matches(
        name, list(held), n=1, cutoff=0.75)
    return f"{what} {name}" + (f" (did you mean {near[0]}?)" if near else "")
