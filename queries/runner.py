"""Run saved queries: bind typed parameters, run read-only with a time limit, cap or export the rows.

The cap is for display; exports are never capped. Both go down the store's read path, so the
database itself refuses writes and enforces the time limit. A parameter that names a node by its id
also takes its name (`resolve_node_params`): "Automation Småland" becomes `automation-smaland`.
"""

from __future__ import annotations

import csv
import json
import re
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from graph.errors import ClusterExplorerError, NotFound, ParameterError, ValidationFailed
from graph.store.contract import GraphStore, QueryResult
from graph.store.requirements import missing_inputs
from graph.store.resolve import AmbiguousName, resolve_node, some_nodes
from graph.store.search_text import fold
from graph.store.semantics import DOCS_ANCHOR
from graph.views.exports import SPREADSHEET_MARK
from queries.catalogue import SHIPPED_DIR, Catalogue, Param, SavedQuery, parse_query_file, render_query_file
from queries.choices import choice_as_written, meant_param, nearest_choice
from queries.params import convert, node_id_params

__all__ = ["bind_params", "bind_value", "resolve_node_params", "export_rows", "run_saved", "save_user_query",
           "query_name_problem", "suggestions", "limit_reached", "UNCAPPED", "NAME_PART_MAX"]

UNCAPPED = 10**9
#: The longest part of a saved query's name: a part is a folder or file name, and file systems stop at 255 bytes.
NAME_PART_MAX = 100
_NAME_PART = re.compile(r"[\w-]+")


def bind_params(query: SavedQuery, raw: dict[str, Any]) -> dict[str, Any]:
    """Typed values for every declared parameter: given values converted, the rest from defaults.

    Unknown names, values of the wrong type, values outside fixed choices and missing values
    without a default are all refused here, before the database sees anything.
    """
    unknown = sorted(set(raw) - {p.name for p in query.params})
    if unknown:
        declared = ", ".join(p.name for p in query.params) or "none"
        meant = [(name, hit) for name in unknown
                 if (hit := meant_param(name, {p.name: p.help for p in query.params}, query.title))]
        hints = "".join(f"; did you mean -p {param}={raw[name]} ({why})?" for name, (param, why) in meant)
        raise ParameterError(f"{query.name}: unknown parameter(s) {', '.join(unknown)}; declared: {declared}{hints}")
    bound: dict[str, Any] = {}
    for param in query.params:
        value = raw.get(param.name, param.default)
        if value is None:
            raise ParameterError(_needed(query, param))
        bound[param.name] = bind_value(query, param, value)
    return bound


def bind_value(query: SavedQuery, param: Param, value: Any) -> Any:
    """`value` (not None) converted by `param`'s type and checked against its choices and bounds; raises
    ParameterError naming the query and the parameter (the Queries page checks a link's values with it)."""
    try:
        value = convert(param.type, value)
    except ParameterError as e:
        raise ParameterError(f"{query.name}: parameter {param.name!r}: {e}") from None
    if param.choices and value not in param.choices:
        value = choice_as_written(value, param.choices)
    if param.choices and value not in param.choices:
        listed, hint = ", ".join(map(str, param.choices)), nearest_choice(value, param.choices)
        raise ParameterError(f"{query.name}: parameter {param.name!r} must be one of {listed}, not {value!r}{hint}")
    if (param.least is not None and value < param.least) or (param.most is not None and value > param.most):
        bounds = f"{'' if param.least is None else param.least}..{'' if param.most is None else param.most}"
        raise ParameterError(f"{query.name}: parameter {param.name!r} must be in {bounds}, not {value!r}")
    return value


def _needed(query: SavedQuery, param: Param) -> str:
    """A parameter without a default left out: how to give it, with the query's example value to try."""
    example = f", such as {query.example[param.name]!r} (the query's example)" if param.name in query.example else ""
    return (f"{query.name}: parameter {param.name!r} ({param.type}) needs a value: give it as -p {param.name}=VALUE "
            f"(the Queries page: its field){example}; `queries show {query.name}` says what it takes")


def limit_reached(bound: dict[str, Any], rows: int, raise_it: str = "-p limit=N raises it") -> str | None:
    """What to say when a query's own `limit` parameter was reached (more rows may answer), else None; `raise_it`
    says how, where the words are read (the CLI's option, the Queries page's field)."""
    limit = bound.get("limit")
    if isinstance(limit, int) and not isinstance(limit, bool) and rows >= limit:
        return f"the query's limit of {limit:,} row{'s' * (limit != 1)} was reached; more may answer: {raise_it}"
    return None


def resolve_node_params(store: GraphStore, query: SavedQuery, params: dict[str, Any],
                        taken: list[str] | None = None) -> dict[str, Any]:
    """`params` with each value of a parameter that names a node by id (`node_id_params`) turned into the
    id of the node it names: an existing id stays as it is, a unique name becomes its node's id.

    An ambiguous or unknown name is refused naming the query and the parameter, with candidates; `taken` gets
    one line per name that was not an id, saying which node it was taken as ("organisation 'Lund' is ...").
    """
    resolved = dict(params) | folded_params(query.cypher, params)
    named = node_id_params(query.cypher)
    for name, labels in named.items():
        value = resolved.get(name)
        if isinstance(value, str) and not value.strip():  # `-p from=`: the query would just find nothing
            raise ParameterError(f"{query.name}: parameter {name!r} needs a node: its id or its name")
        if not isinstance(value, str):
            continue
        try:
            node = resolve_node(store, value, labels)
            resolved[name] = node.id
            if taken is not None and node.id != value.strip():  # a name: which node it was taken as is said
                taken.append(node.taken_for(name, value))
        except AmbiguousName as e:
            if {node.id for node in e.candidates} == {value.strip()}:  # one id of several kinds: the query takes it
                resolved[name] = value.strip()
                continue
            raise AmbiguousName(f"{query.name}: parameter {name!r}: {e}", e.candidates) from None
        except NotFound as e:
            if (code := _country_without_node(value, labels)) is None:
                raise NotFound(_named_nothing(store, query, name, value, labels, e)) from None
            resolved[name] = code
        except ClusterExplorerError as e:
            raise type(e)(f"{query.name}: parameter {name!r}: {e}") from None
    _refuse_one_node_twice(query, named, resolved)
    return resolved


def _named_nothing(store: GraphStore, query: SavedQuery, name: str, value: str, labels: tuple[str, ...],
                   error: NotFound) -> str:
    """Why a node parameter named no node, saying what to do where no spelling would help: a query whose inputs
    the store lacks names them and how to add them; a default (the shipped ones name nodes of the bundled sample,
    `arena-pro`) that a store of other data lacks is said so, with some nodes of the kind the store does hold."""
    head, kinds, some = f"{query.name}: parameter {name!r}", " or ".join(labels), some_nodes(store, labels)
    if missing := missing_inputs(store, query.requires):  # the items that need no parameter's value
        none = "" if some else "; the store holds none of that kind"
        said = (str(error) if not some and "The store holds none" in str(error)  # and how to add them
                else f"no {kinds} has the id or name {value!r}{none}.")
        return "\n".join([f"{head}: {said} The query cannot answer on this store: its inputs are missing:",
                          *(f"  - {m.message}" for m in missing), f"  (what each feature reads: {DOCS_ANCHOR})"])
    if some and value == next((p.default for p in query.params if p.name == name), None):
        return (f"{head}: its default {value!r} (a node of the bundled sample) is no {kinds} of this "
                f"store; give one by its id or name, such as {some}")
    return f"{head}: {error}"


def _refuse_one_node_twice(query: SavedQuery, named: dict[str, tuple[str, ...]], resolved: dict[str, Any]) -> None:
    """Two node parameters of a query naming one node (`-p first=NTNU -p second=NTNU`): every pair query of the
    library then answered nonsense (all 253 of NTNU's projects as shared with NTNU, chains from NTNU back to it)."""
    seen: dict[tuple, str] = {}
    for name in named:
        value = resolved.get(name)
        if isinstance(value, str) and (other := seen.get((named[name], value))):
            raise ParameterError(f"{query.name}: parameters {other!r} and {name!r} name the same node ({value}); "
                                 "give two different ones")
        seen[(named[name], value)] = name


def folded_params(cypher: str, params: dict[str, Any]) -> dict[str, str]:
    """`$<name>_folded` for each text parameter `name` the query asks for it: the text as search texts hold names
    (`graph.store.search_text.fold`: accents and case removed), which Cypher cannot do (`toLower` keeps the accents,
    so "Västra Götaland" missed the region whose alias it is)."""
    return {f"{name}_folded": fold(value) for name, value in params.items()
            if isinstance(value, str) and re.search(rf"\${re.escape(name)}_folded\b", cypher)}


def _country_without_node(text: str, labels: tuple[str, ...]) -> str | None:
    """The country code `text` is when the parameter takes a Country and none stands for it in the store: a table
    mapped to `country` without `located_in` gives organisations codes that no Country node carries, and a query
    over `Organisation.country` or `Project.countries` still answers for them (a code no organisation has gets the
    query's own "empty" reasons). None for any other text: a name is found by its Country node only."""
    code = text.strip()
    return code.upper() if "Country" in labels and len(code) == 2 and code.isalpha() else None


def _timeout(query: SavedQuery, timeout_s: float | None, default_s: float) -> float:
    if timeout_s is not None:
        return timeout_s
    return query.timeout_s if query.timeout_s is not None else default_s


def run_saved(store: GraphStore, catalogue: Catalogue, name: str, raw: dict[str, Any] | None = None, *,
              timeout_s: float | None = None, row_cap: int | None = None, default_timeout_s: float = 10.0,
              taken: list[str] | None = None) -> tuple[SavedQuery, dict[str, Any], QueryResult]:
    """Run the saved query `name`; returns the query, the bound parameters and the (capped) result (`taken`:
    see `resolve_node_params`)."""
    query = catalogue.get(name)
    params = resolve_node_params(store, query, bind_params(query, raw or {}), taken)
    result = store.read(query.cypher, params, timeout_s=_timeout(query, timeout_s, default_timeout_s),
                        row_cap=row_cap)
    return query, params, result


def export_rows(store: GraphStore, query: SavedQuery, params: dict[str, Any], fmt: str, out: TextIO, *,
                timeout_s: float | None = None, default_timeout_s: float = 10.0, taken: list[str] | None = None) -> int:
    """Write every row (no cap) as CSV or JSON to `out`; returns the number of rows."""
    params = resolve_node_params(store, query, params, taken)
    result = store.read(query.cypher, params, timeout_s=_timeout(query, timeout_s, default_timeout_s),
                        row_cap=UNCAPPED)
    write_rows(result, fmt, out)
    return len(result.rows)


def write_rows(result: QueryResult, fmt: str, out: TextIO) -> None:
    """Rows as CSV (nested values as JSON text; the spreadsheets' byte-order mark first, in the CLI's `--out` file
    and the app's download alike) or as a JSON list of objects."""
    if fmt == "json":
        json.dump(result.records(), out, ensure_ascii=False, indent=1)
        return
    if fmt != "csv":
        raise ParameterError(f"unknown export format {fmt!r}; use csv or json")
    out.write(SPREADSHEET_MARK)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else
                         ("" if v is None else v) for v in row])


def suggestions(store: GraphStore, param: Param, limit: int = 200) -> list[Any]:
    """Values to offer for a parameter: its fixed choices, or the first column of its suggest query."""
    if param.choices:
        return list(param.choices)
    if not param.suggest:
        return []
    result = store.read(param.suggest, {}, timeout_s=5, row_cap=limit)
    return [row[0] for row in result.rows]


def query_name_problem(name: str) -> str | None:
    """What is wrong with `name` as a saved query's name, in one clause, or None when it is fine.

    A name becomes folders and a file under the user's folder, so it is words (letters, digits, `-`, `_`)
    separated by slashes, each part short enough for any file system: markup, dots and spaces would make
    odd files (`x/<script>alert(1)</script>` made a folder `x/<script>alert(1)<`), a long part an OSError.
    """
    if not name.strip():
        return "give the query a name, words separated by slashes, e.g. mine/partners"
    parts = name.split("/")
    if not all(_NAME_PART.fullmatch(part) for part in parts):
        shown = name if len(name) <= 60 else f"{name[:57]}..."
        return (f"{shown!r} is not a query name; use words (letters, digits, - and _) separated by slashes, "
                "e.g. mine/partners")
    if longest := max((part for part in parts if len(part) > NAME_PART_MAX), key=len, default=None):
        return (f"a query name's part is at most {NAME_PART_MAX} characters, and "
                f"'{longest[:20]}...' has {len(longest)}; choose a shorter name, e.g. mine/partners")
    return None


def save_user_query(user_dir: Path, name: str, cypher: str, title: str, description: str = "",
                    params: tuple[Param, ...] = (), tags: tuple[str, ...] = (),
                    shipped_dir: Path = SHIPPED_DIR) -> Path:
    """Save an ad-hoc query into the user's folder, after the same checks as a shipped file.

    A name a shipped query has is refused: the library keeps the shipped query (`load_catalogue`), so the saved
    file would never run and would be reported as a clash on every later load. A file that cannot be written (a
    folder without rights, a full disk) is refused as a ParameterError too, naming the file and the reason.
    """
    if problem := query_name_problem(name):
        raise ParameterError(problem)
    if (Path(shipped_dir) / f"{name}.cypher").is_file():
        raise ParameterError(f"{name!r} is the name of a shipped query, which the library would keep instead of "
                             f"yours; choose another name, e.g. mine/{name.rsplit('/', 1)[-1]}")
    path = Path(user_dir) / f"{name}.cypher"
    staged = path.with_suffix(".cypher.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staged.write_text(render_query_file(title, cypher, description, params, tags), encoding="utf-8")
        _, problems = parse_query_file(staged, name, "user")
        if problems:
            raise ValidationFailed([replace(p, file=str(path)) for p in problems])
        staged.replace(path)
    except OSError as e:
        raise ParameterError(f"{path} could not be written ({e.strerror or e}); check that the folder "
                             f"{user_dir} is writable and has room") from None
    finally:
        with suppress(OSError):  # a staged file left by a failed write or check; never the saved one
            staged.unlink()
    return path
