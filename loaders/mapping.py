"""The mapping format of the generic loader: which columns of a user's CSV or JSON file become which
nodes, relationships and properties (see docs/mapping.md).

`read_mapping` parses and checks a mapping before any data file is opened. Labels, relationship types
and property names end up in Cypher text, so each is checked against the schema (`loaders.mapping_checks`, which
checks each table), and every problem names the mapping file and the line it is on (`loaders.mapping_lines`).
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from graph.errors import Problem, ValidationFailed
from loaders import mapping_spec
from loaders.common import read_text
from loaders.mapping_checks import KEYS, MappingChecker
from loaders.mapping_lines import MappingLines
from loaders.mapping_options import reading_options
from loaders.mapping_presets import PARTICIPATION_COLUMNS, PRESET_KEYS, expand_preset
from loaders.mapping_spec import SEPARATORS, TYPES, Column, Endpoint, FileSpec, Mapping

__all__ = ["Column", "Endpoint", "FileSpec", "Mapping", "read_mapping", "TYPES", "SEPARATORS"]


def _a_table(path: Path) -> Problem:
    """A data table given where its mapping belongs: the usual first try, so say what to do instead."""
    return Problem(path.name, None, None, "this is a data table, not a mapping: `load csv` takes a mapping file that "
                   f"says what the table holds. Write one from the table with `cluster-explorer mapping new {path} "
                   "--out mapping.toml` (a table of participations, a cluster or member list), or see docs/mapping.md")


def read_mapping(path: Path | str) -> Mapping:
    """Parse and check a mapping file (TOML, or JSON when it ends in `.json`).

    Raises `ValidationFailed` with every problem found, each naming the mapping file and line.
    """
    path = Path(path)
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        raise ValidationFailed([_a_table(path)])
    try:
        text, _ = read_text(path)
    except OSError as e:
        raise ValidationFailed([Problem(path.name, None, None, f"cannot read the mapping: {e}")]) from e
    toml = path.suffix.lower() != ".json"
    try:
        raw = tomllib.loads(text) if toml else json.loads(text)
    except tomllib.TOMLDecodeError as e:
        line = re.search(r"line (\d+)", str(e))
        raise ValidationFailed([Problem(path.name, int(line.group(1)) if line else None, None,
                                        f"not valid TOML: {e}")]) from e
    except json.JSONDecodeError as e:
        raise ValidationFailed([Problem(path.name, e.lineno, None, f"not valid JSON: {e.msg}")]) from e
    check = MappingChecker(path, MappingLines(text, toml))
    if isinstance(raw, list) or (isinstance(raw, dict) and not toml and set(raw) - KEYS["top"]  # a JSON data file
                                 and not {"nodes", "relationships", "preset"} & set(raw)):  # {"count": 2, "data": []}
        raise ValidationFailed([_a_table(path)])
    if not isinstance(raw, dict):
        raise ValidationFailed([Problem(path.name, 1, None, "a mapping must be a table (a JSON object)")])
    top = KEYS["top"] | (set(PRESET_KEYS) if "preset" in raw else set())
    check.unknown_keys(None, 0, raw, top, "the mapping", set(PARTICIPATION_COLUMNS) - top if "preset" in raw else ())
    if "preset" in raw:
        raw = expand_preset(raw, check)
    name = raw.get("name", path.stem)
    if said := mapping_spec.name_problem(name):
        check.problem(None, 0, said, "name")
        name = path.stem
    defaults = reading_options(check, None, 0, raw)
    specs: list[FileSpec | None] = []
    for kind in ("nodes", "relationships"):
        tables = raw.get(kind, [])
        if not isinstance(tables, list):
            check.problem(None, 0, f"{kind} must be a list of tables: write [[{kind}]]", kind)
            continue
        specs += [check.spec(kind, index, table, defaults) for index, table in enumerate(tables)]
    if not specs and not check.problems:
        check.problem(None, 0, "the mapping names no file: add a [[nodes]] or [[relationships]] table")
    if check.problems:
        raise ValidationFailed(sorted(check.problems, key=lambda p: p.line or 0))  # by line, as an editor reads
    return Mapping(path, name.strip(), str(raw.get("title", "")).strip(), tuple(s for s in specs if s))
