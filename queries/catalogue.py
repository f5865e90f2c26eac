"""The saved-query catalogue: `.cypher` files with a `// key: value` header, folders as namespaces.

Queries are data (after Datasette's canned queries and aiosql's comment headers). A file looks like::

    // title: Clusters holding a label on a date
    // description: Which clusters held a valid quality label on the given day.
    // tags: labels, clusters
    // param on: date = 2020-01-01 -- the day to check
    // param level: string = esca-bronze
    // choices level: esca-bronze, esca-silver, esca-gold
    // range months: 0..1200
    // suggest country: MATCH (c:Country) RETURN c.id AS value ORDER BY value
    // example: {"on": "2019-06-01", "level": "esca-bronze"}
    // timeout: 5
    // requires: Cluster, HAS_LABEL, QualityLabel.level
    MATCH (c:Cluster)-[h:HAS_LABEL]->(q:QualityLabel {id: $level}) ...

A text parameter `x` is also given folded, as `$x_folded` (accents and case removed, as `_search` holds names:
`queries.runner.folded_params`). Loading checks each file and names `file:line` in every problem: a parameter
used but not declared,
declared but unused, an unknown type, a default or example of the wrong type, a write clause, a
`requires:` item that is not a schema label, relationship type or contract property (graph.store.requirements).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import ClusterExplorerError, NotFound, ParameterError, Problem, SettingError
from graph.nearest import nearest
from graph.settings import time_limit
from graph.store.query_syntax import used_parameters, without_literals
from graph.store.requirements import Requirement
from queries.params import PARAM_TYPES, convert

__all__ = ["Catalogue", "Param", "SavedQuery", "load_catalogue", "parse_query_file", "render_query_file"]

SHIPPED_DIR = Path(__file__).resolve().parent

_HEADER = re.compile(r"^\s*//\s*(?P<key>[a-z]+)(?:\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*))?\s*:\s?(?P<value>.*)$")
_PARAM_SPEC = re.compile(r"^(?P<type>[a-z]+)\s*(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<help>.*))?$")
_WRITE_CLAUSE = re.compile(r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|FOREACH|LOAD\s+CSV)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Param:
    """A typed parameter: its default, and either fixed choices or a read-only query suggesting values."""

    name: str
    type: str
    default: Any = None
    help: str = ""
    choices: tuple[Any, ...] = ()
    suggest: str | None = None
    least: Any = None  # `// range NAME: LEAST..MOST` (numbers): a value outside is refused before the database
    most: Any = None


@dataclass(frozen=True)
class SavedQuery:
    """One saved query as the catalogue yields it. `name` is its path without `.cypher` (`labels/expiring`)."""

    name: str
    title: str
    description: str
    cypher: str
    params: tuple[Param, ...] = ()
    tags: tuple[str, ...] = ()
    example: dict[str, Any] = field(default_factory=dict)
    timeout_s: float | None = None
    path: str = ""
    origin: str = "shipped"
    requires: Requirement = Requirement()
    empty: str = ""  # what an empty answer means when every input is there (`// empty: ...`)

    @property
    def namespace(self) -> str:
        return self.name.rpartition("/")[0]

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def _used_params(cypher: str) -> set[str]:
    return set(used_parameters(cypher))


def _write_clause(cypher: str) -> str | None:
    found = _WRITE_CLAUSE.search(without_literals(cypher))
    return found.group(1).upper() if found else None


def parse_query_file(path: Path, name: str, origin: str = "shipped") -> tuple[SavedQuery | None, list[Problem]]:
    """Parse and check one file; returns the query (None when it has problems) and its problems."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        return None, [Problem(str(path), line, None, f"byte {raw[e.start]:#04x} is not UTF-8 text; save the file "
                                                      "as UTF-8")]
    except OSError as e:
        return None, [Problem(str(path), None, None, f"cannot be read: {e.strerror or e}")]
    problems: list[Problem] = []
    meta: dict[str, str] = {}
    params: dict[str, dict[str, Any]] = {}
    lines_of: dict[str, int] = {}
    body_lines: list[str] = []
    in_header = True

    def problem(line: int | None, field_name: str | None, message: str) -> None:
        problems.append(Problem(str(path), line, field_name, message))

    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line) if in_header else None
        if match is None:
            if in_header and not line.strip():
                continue
            in_header = False
            body_lines.append(line)
            continue
        key, pname, value = match["key"], match["name"], match["value"].strip()
        if key in ("param", "choices", "suggest", "range"):
            if not pname:
                problem(number, key, f"`// {key} NAME: ...` needs a parameter name")
                continue
            entry = params.setdefault(pname, {})
            lines_of.setdefault(pname, number)
            entry[key] = (value, number)
        elif key in ("description", "empty") and key in meta:
            meta[key] += " " + value
        elif key in ("title", "description", "tags", "example", "timeout", "requires", "empty"):
            meta[key] = value
            lines_of[f"#{key}"] = number
        else:
            problem(number, key, f"unknown header key {key!r}")
    cypher = "\n".join(body_lines).strip()
    if not cypher:
        problem(None, None, "the file has no Cypher after its header")
    if "title" not in meta:
        problem(1, "title", "missing `// title: ...`")

    declared: list[Param] = []
    for pname, entry in params.items():
        if "param" not in entry:
            problem(lines_of[pname], pname, f"`{pname}` has choices, suggest or range but no `// param {pname}: TYPE`")
            continue
        spec, number = entry["param"]
        parsed = _PARAM_SPEC.match(spec)
        if parsed is None or parsed["type"] not in PARAM_TYPES:
            problem(number, pname, f"bad type in {spec!r}; use one of {', '.join(PARAM_TYPES)}")
            continue
        default = None
        if parsed["default"] not in (None, ""):
            try:
                default = convert(parsed["type"], parsed["default"])
            except ParameterError as e:
                problem(number, pname, f"default {parsed['default']!r}: {e}")
        choices: tuple[Any, ...] = ()
        if "choices" in entry:
            try:
                choices = tuple(convert(parsed["type"], c.strip()) for c in entry["choices"][0].split(","))
            except ParameterError as e:
                problem(entry["choices"][1], pname, f"choices: {e}")
        suggest = entry["suggest"][0] if "suggest" in entry else None
        if suggest and _write_clause(suggest):
            problem(entry["suggest"][1], pname, "a suggestion query must be read-only")
        least, most = _range(entry.get("range"), parsed["type"], pname, problem)
        declared.append(Param(pname, parsed["type"], default, (parsed["help"] or "").strip(), choices, suggest,
                              least, most))

    names = {p.name for p in declared}
    texts = {f"{p.name}_folded" for p in declared if p.type == "string"}  # given by the runner (`folded_params`)
    used = {name.removesuffix("_folded") if name in texts else name for name in _used_params(cypher)}
    for missing in sorted(used - names):
        problem(None, missing, f"parameter ${missing} used but not declared")
    for unused in sorted(names - used):
        problem(lines_of[unused], unused, f"parameter ${unused} declared but not used")
    clause = _write_clause(cypher)
    if clause:
        problem(None, None, f"{clause} is a write clause; saved queries are read-only")

    example: dict[str, Any] = {}
    if "example" in meta:
        try:
            raw = json.loads(meta["example"])
            by_name = {p.name: p for p in declared}
            example = {k: convert(by_name[k].type, v) for k, v in raw.items()}
        except (json.JSONDecodeError, KeyError, ParameterError, AttributeError) as e:
            problem(lines_of["#example"], "example", f"bad example {meta['example']!r}: {e}")
    timeout = None
    if "timeout" in meta:
        try:
            timeout = time_limit(meta["timeout"])
        except SettingError as e:
            problem(lines_of["#timeout"], "timeout", f"timeout {e}")
    requires = Requirement()
    try:
        requires = Requirement.parse(meta.get("requires", ""))
    except ClusterExplorerError as e:
        problem(lines_of["#requires"], "requires", str(e))
    for item in (a for alternatives in requires.items for a in alternatives if "$" in a):
        if item.rpartition("$")[2] not in names:
            problem(lines_of["#requires"], "requires", f"{item!r} names no declared parameter")
    if problems:
        return None, problems
    tags = tuple(t.strip() for t in meta.get("tags", "").split(",") if t.strip())
    return SavedQuery(name, meta["title"], meta.get("description", ""), cypher, tuple(declared), tags,
                      example, timeout, str(path), origin, requires, meta.get("empty", "")), []


@dataclass
class Catalogue:
    """The shipped library with the user's folder layered over it; clashes are problems, not shadows."""

    queries: dict[str, SavedQuery]
    problems: list[Problem]
    user_dir: Path | None = None

    def get(self, name: str) -> SavedQuery:
        if name not in self.queries:
            near = nearest(name, self.queries, cutoff=0.6, most=3)  # paths: long names, a looser cutoff
            hint = f"; did you mean {', '.join(near)}?" if near else "; `cluster-explorer queries list` shows them"
            raise NotFound(f"no saved query named {name!r}{hint}")
        return self.queries[name]


def _scan(folder: Path, origin: str) -> tuple[dict[str, SavedQuery], list[Problem]]:
    found: dict[str, SavedQuery] = {}
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*.cypher")):
        if path.is_dir():  # a folder named like a query is a namespace, not a query
            continue
        name = path.relative_to(folder).with_suffix("").as_posix()
        query, errs = parse_query_file(path, name, origin)
        problems += errs
        if query is not None:
            found[name] = query
    return found, problems


def load_catalogue(user_dir: Path | None = None, shipped_dir: Path = SHIPPED_DIR) -> Catalogue:
    """Every valid query of the shipped folder and of `user_dir`, with every problem found."""
    queries, problems = _scan(shipped_dir, "shipped")
    if user_dir is not None and Path(user_dir).is_dir():
        user_queries, user_problems = _scan(Path(user_dir), "user")
        problems += user_problems
        for name, query in user_queries.items():
            if name in queries:
                problems.append(Problem(query.path, None, None,
                                        f"{name!r} clashes with the shipped query of that name "
                                        f"({queries[name].path}); rename the file to use it"))
                continue
            queries[name] = query
    return Catalogue(queries, problems, Path(user_dir) if user_dir else None)


def _range(given: tuple[str, int] | None, kind: str, pname: str, problem) -> tuple[Any, Any]:
    """`LEAST..MOST` of a number parameter (either side may be left open), converted; a bad one is a problem."""
    if given is None:
        return None, None
    text, number = given
    least, dots, most = text.partition("..")
    try:
        if kind not in ("int", "float") or not dots:
            raise ParameterError(f"give a number parameter's range as LEAST..MOST, not {text!r}")
        return tuple(convert(kind, side.strip()) if side.strip() else None for side in (least, most))
    except ParameterError as e:
        problem(number, pname, f"range: {e}")
        return None, None


def render_query_file(title: str, cypher: str, description: str = "", params: tuple[Param, ...] = (),
                      tags: tuple[str, ...] = ()) -> str:
    """The text of a `.cypher` file, for saving an ad-hoc query into the user's folder."""
    lines = [f"// title: {title}"]
    if description:
        lines.append(f"// description: {description}")
    if tags:
        lines.append(f"// tags: {', '.join(tags)}")
    for p in params:
        default = "" if p.default is None else f" = {p.default}"
        lines.append(f"// param {p.name}: {p.type}{default}")
    return "\n".join(lines) + "\n" + cypher.strip() + "\n"
