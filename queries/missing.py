"""Why a saved query came out empty: the inputs its `requires:` header names that the store lacks, else what its
`empty:` header says an empty answer means.

The CLI (`queries run`) and the Queries page call `why_empty` after a run that returned no row; a query
whose inputs are all there and which says nothing of an empty answer returns None (the empty answer is then the
answer). `collaboration/path` came out empty for two organisations three projects apart, with no word that it
looks two apart at most. `why_adhoc_empty` does the same for your own Cypher: a label or relationship type it
names that the store does not hold (`organisation` for Organisation) is said, with the name it likely meant; else a
number it compares with equality (`-p pic=884696261`, which the CLI sends as a number) is said to be one, with how to
send it as text: a PIC, an id or a code stored as text equals no number, and the answer had been an empty table. So is
a list holding numbers that it looks in (`WHERE n.id IN $ids` with `-p 'ids=[123, 456]'`, `UNWIND $ids AS id`). Else a
text it matches a node's id with that is no id but names a node, as a saved query's node parameter would take it
(`NTNU`, `PIC:999977851`, ` pic:999977851`), is said with the node's id to send; else a text with spaces around it
that it compares (`-p "country= SE "`), with the text to send.
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

from graph.countries import country_code
from graph.errors import NotFound, ParameterError
from graph.nearest import nearest
from graph.store.contract import GraphStore
from graph.store.query_syntax import used_parameters, without_literals
from graph.store.reads import counts
from graph.store.requirements import explain, missing_inputs
from graph.store.resolve import ResolvedNode, resolve_node
from graph.values import BadValue
from queries.catalogue import SavedQuery
from queries.params import node_id_params

__all__ = ["why_empty", "why_adhoc_empty", "matched_nothing", "CLI_TEXT", "JSON_TEXT"]

#: How to send a value as text, where the words are read: the CLI's option, the Queries page's JSON field (`text`
#: is the value as JSON text: `"910945140"`, or `["123", "456"]` for a list).
CLI_TEXT = "-p '{name}={text}'"
JSON_TEXT = '{{"{name}": {text}}} in Parameters as JSON'

#: How many items of a list compared with ids are looked up by name when the answer is empty (each is a few reads).
_NAMES_CHECKED = 20
#: The first label of a node pattern, `(o:Organisation`, and the types of a relationship pattern, `[r:A|B`.
_NODE_LABEL = re.compile(r"\(\s*\w*\s*:\s*(\w+)")
_REL_TYPES = re.compile(r"\[\s*\w*\s*:\s*(\w+(?:\s*\|\s*:?\s*\w+)*)")


def why_empty(store: GraphStore, query: SavedQuery, params: dict[str, Any] | None = None) -> str | None:
    """The message saying which inputs of `query` are missing and how to add them; else which of its text parameters
    were given empty, with what to type; else what its `empty:` header says; else None."""
    missing = missing_inputs(store, query.requires, _countries_as_codes(query, params or {}))
    if missing:
        return explain(missing, f"{query.name}")
    return _blank_text(query, params or {}) or query.empty or None


def _countries_as_codes(query: SavedQuery, params: dict[str, Any]) -> dict[str, Any]:
    """`params` with each value a `requires:` item compares with a `country` (`Cluster.country=$country`) read as
    the code the store keeps (`Danmark`, `Denmark` -> DK), as the query itself reads it: `clusters/in-projects -p
    country=Denmark` had said no cluster has `country` = "Denmark", though its clusters are in DK. A text no country
    has stays as given, and is said so."""
    named = {item.partition("=$")[2] for alternatives in query.requires.items for item in alternatives
             if item.partition("=$")[0].endswith(".country")}
    codes = dict(params)
    for name in named:
        value = params.get(name)
        if isinstance(value, str) and value.strip().lower() != "any":
            with contextlib.suppress(BadValue):
                codes[name] = country_code(value.strip())
    return codes


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
    it compares with equality, and the lists of numbers it looks in, each with how to send it as text (`as_text`:
    CLI_TEXT or JSON_TEXT); else None."""
    text = without_literals(cypher)
    labels, types = counts(store)
    named_labels, named_types = _named(text)
    absent = [_absent("node labelled", name, labels) for name in named_labels if name not in labels]
    absent += [_absent("relationship of type", name, types) for name in named_types if name not in types]
    if not absent:
        return (_numbers_sent(text, params or {}, as_text) or _ids_as_written(store, text, params or {}, as_text)
                or _spaces_sent(text, params or {}, as_text))
    if not labels:
        return ("No row: the store holds nothing yet: run `cluster-explorer load sample` for the bundled real network, "
                "or load your own files (`cluster-explorer load --help`).")
    return (f"No row: the store holds no {'; no '.join(dict.fromkeys(absent))}. Its labels: "
            f"{', '.join(sorted(labels)) or 'none'}; its relationship types: {', '.join(sorted(types)) or 'none'}.")


def _named(text: str) -> tuple[list[str], list[str]]:
    """The labels and the relationship types the patterns of `text` (its literals taken out) name, each once."""
    types = [name for found in _REL_TYPES.findall(text) for name in re.split(r"\s*\|\s*:?\s*", found)]
    return list(dict.fromkeys(_NODE_LABEL.findall(text))), list(dict.fromkeys(types))


def matched_nothing(cypher: str) -> str:
    """What an own query's empty answer is when `why_adhoc_empty` finds no cause: it ran, and nothing in the store
    fits it as written, though the store holds every label and type it names (said, so "0 rows" alone is not read
    as a failed run or a query the store cannot answer).

    >>> matched_nothing("MATCH (o:Organisation)-[:PARTICIPATES_IN]->(p:Project) WHERE o.country = 'XX' RETURN o")
    'The query ran and matched nothing. The store holds every label (Organisation, Project) and relationship type \
(PARTICIPATES_IN) it names: no data fits its pattern and conditions as written.'
    """
    labels, types = _named(without_literals(cypher))
    held = " and ".join([*([f"every label ({', '.join(labels)})"] if labels else []),
                         *([f"relationship type ({', '.join(types)})"] if types else [])])
    return "The query ran and matched nothing." + (
        f" The store holds {held} it names: no data fits its pattern and conditions as written." if held else "")


def _numbers_sent(text: str, params: dict[str, Any], as_text: str) -> str | None:
    """The parameters sent as numbers that `text` matches with `=` or a map's `{key: $name}` (not `LIMIT $n`, not
    `<`), and the lists holding numbers it looks in (`IN $ids`, `UNWIND $ids`) or matches so, said with how to send
    each as text; None when there is none."""
    sent = {name: params.get(name) for name in used_parameters(text)}
    numbers = [name for name, value in sent.items() if _is_number(value) and _compared(text, name)]
    lists = [name for name, value in sent.items() if isinstance(value, list) and any(map(_is_number, value))
             and _compared(text, name, r"\bIN|\bUNWIND")]
    if not numbers and not lists:
        return None
    said = "; ".join([*(f"${name} was sent as the number {params[name]!r}" for name in numbers),
                      *(f"${name} was sent with numbers in its list "
                        f"({', '.join(repr(v) for v in params[name] if _is_number(v))})" for name in lists)])
    how = "; ".join(as_text.format(name=name, text=json.dumps(_as_text(params[name]), ensure_ascii=False))
                    for name in [*numbers, *lists])
    return (f"No row: {said}, and a value stored as text (an id, a PIC, a code) equals no number. To send it as "
            f"text: {how}.")


def _ids_as_written(store: GraphStore, text: str, params: dict[str, Any], as_text: str) -> str | None:
    """The text parameters `text` matches a node's id with (`{id: $id}`, `n.id = $id`, `n.id IN $ids`) that are no
    id but name a node as a saved query's node parameter would take them (`PIC:999977851`, ` pic:999977851`, `NTNU`):
    ids are compared exactly, and the answer had been an empty table. Said with the ids to send; else None."""
    kinds, said, how = node_id_params(text), [], []
    for name in used_parameters(text):
        value = params.get(name)
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(item, str) for item in items) or (
                name not in kinds and not re.search(rf"\.id\s*(?:=|\bIN\b)\s*\${name}\b|\${name}\b\s*=\s*\w+\.id\b",
                                                    text, re.I)):
            continue
        named = {item: node for item in items[:_NAMES_CHECKED]
                 if (node := _node_named(store, item, kinds.get(name))) is not None}
        if not named:
            continue
        said += [f"${name} {item!r} is no node's id but names {node.describe()}" for item, node in named.items()]
        ids = [named[item].id if item in named else item for item in items]
        how.append(as_text.format(name=name, text=json.dumps(ids if isinstance(value, list) else ids[0],
                                                             ensure_ascii=False)))
    if not said:
        return None
    return (f"No row: {'; '.join(said)}; an id is compared as written (case and spaces count). To send the id: "
            f"{'; '.join(how)}.")


def _spaces_sent(text: str, params: dict[str, Any], as_text: str) -> str | None:
    """The texts with spaces around them that `text` compares with `=`, `{key: $name}` or `IN` (` SE`, a value
    pasted with its cell's spaces), said with the text to send; None when there is none."""
    spaced = {name: value for name in used_parameters(text) if (value := params.get(name)) is not None
              and any(isinstance(item, str) and item != item.strip()
                      for item in (value if isinstance(value, list) else [value]))
              and _compared(text, name, r"\bIN")}
    if not spaced:
        return None
    said = "; ".join(f"${name} {value!r}" for name, value in spaced.items())
    how = "; ".join(as_text.format(name=name, text=json.dumps(
        [item.strip() if isinstance(item, str) else item for item in value] if isinstance(value, list)
        else value.strip(), ensure_ascii=False)) for name, value in spaced.items())
    return (f"No row: {said} has spaces around it, and a value stored without them does not equal it. To send it "
            f"without: {how}.")


def _node_named(store: GraphStore, text: str, kinds: tuple[str, ...] | None) -> ResolvedNode | None:
    """The one node `text` names when it is not its id as written, as a saved query's node parameter takes it; else
    None (an id as written, no node, several)."""
    try:
        node = resolve_node(store, text, kinds)
    except (NotFound, ParameterError):
        return None
    return None if node.id == text else node


def _compared(text: str, name: str, words: str = "") -> bool:
    """Whether `text` compares `$name` with `=` or a map's `{key: $name}` (not `<=`, `!=`, `=~`), or after one of
    `words` (alternatives of a pattern: `\\bIN|\\bUNWIND` for `IN $ids`, `UNWIND $ids`)."""
    before = "|".join([*([words] if words else []), r"(?<![<>!])[:=]"])
    return re.search(rf"(?:{before})\s*\${name}\b|\${name}\b\s*=(?![=~])", text, re.I) is not None


def _is_number(value: Any) -> bool:
    return type(value) in (int, float)


def _as_text(value: Any) -> Any:
    """`value` with its numbers as text (`910945140` is "910945140", `[123, "x"]` is ["123", "x"])."""
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    return str(value) if _is_number(value) else value


def _absent(what: str, name: str, held: dict[str, int]) -> str:
    same = [held_name for held_name in held if held_name.lower() == name.lower()]
    near = same or nearest(name, held)
    return f"{what} {name}" + (f" (did you mean {near[0]}?)" if near else "")
