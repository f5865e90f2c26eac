"""The checks of a mapping's tables: each `[[nodes]]` / `[[relationships]]` table and its properties turned into a
`FileSpec`, with every problem found, each naming the mapping file and its line.

Labels, relationship types and property names end up in Cypher text, so each is checked against the schema here.
Apart from `loaders.mapping` (which reads the file and runs these) so each stays one topic; the options of a table
(reading, keys, places) are checked in `loaders.mapping_options`, presets expanded in `loaders.mapping_presets`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from graph.errors import Problem
from graph.store.schema import NODE_LABELS, REL_TYPES
from loaders.mapping_columns import COLUMN_KEYS, property_column
from loaders.mapping_ends import Endpoint, constant_end, endpoint_problem
from loaders.mapping_lines import MappingLines
from loaders.mapping_options import key_options, reading_options
from loaders.mapping_partner_amounts import AMOUNTS, listed_amount_problem, of_each_project, whole_amount_problem
from loaders.mapping_spec import Column, FileSpec, did_you_mean, node_keys

__all__ = ["KEYS", "MappingChecker"]

_TOOL_LABELS = {"Source", "Load"}
KEYS = {
    "top": {"name", "title", "separator", "encoding", "skip_lines", "nodes", "relationships"},
    "nodes": {"file", "label", "extra_labels", "label_if", "id", "name", "properties", "separator", "encoding",
              "skip_lines", "rows", "on_empty", "on_conflict", "split", "drop", "located_in", "match", "compact"},
    "relationships": {"file", "type", "start", "end", "key", "properties", "separator", "encoding", "skip_lines",
                      "rows", "on_empty", "on_conflict", "split", "drop", "compact"},
    "column": COLUMN_KEYS,
}

def _written(table: dict, props: Any, key: str) -> Any:
    """The column text a key names (to find its line where the key itself is not written, as in a preset)."""
    value = table[key] if key in table else props.get(key) if isinstance(props, dict) else None
    value = value[0] if isinstance(value, list) and value else value  # `name = ["Akronym", "Titel"]`: its first
    return value.get("column") if isinstance(value, dict) else value


def _as_a_column(key: str, value: Any) -> str:
    """How a table writes a key given the preset's way, `id = { column = "partita_iva", compact = true }` (an Italian
    agency's had been told only that id must be a non-empty text)."""
    if not isinstance(value, dict) or not isinstance(column := value.get("column"), str):
        return ""
    compact = f", and compact = [\"{column}\"] beside it" if value.get("compact") is True else ""
    return (f"{key} is a column's name here: write {key} = \"{column}\"{compact} (the {{ column = ... }} form is that "
            "of the participation preset's [columns])")


class MappingChecker:
    """Turns the raw tables of a mapping into specs, collecting every problem with its line."""

    def __init__(self, path: Path, lines: MappingLines):
        self.path, self.lines, self.problems = path, lines, []

    def problem(self, kind: str | None, index: int, message: str, key: str | None = None,
                value: Any = None, field: str | None = None) -> None:
        found = Problem(self.path.name, self.lines.find(kind, index, key, value), field or key, message)
        if found not in self.problems:  # a preset's one line serves several tables: say its problem once
            self.problems.append(found)

    def text(self, kind: str, index: int, table: dict, key: str, required: bool = True) -> str:
        if not isinstance(value := table.get(key, ""), str) or (required and not value.strip()):
            must = f"{key} must be {'a non-empty' if required else 'a'} text" if key in table else f"{key} is missing"
            self.problem(kind, index, _as_a_column(key, value) or must, key)
            return ""
        return value.strip()

    def names(self, kind: str, index: int, table: dict) -> dict[str, Any]:
        """A node table's `name`, a column or columns whose first non-empty cell names the node (`["Akronym",
        "Titel"]`: a project without an acronym had been refused), as the spec's `name` and `name_else`."""
        written = table.get("name")
        if isinstance(written, list) and written and all(isinstance(c, str) and c.strip() for c in written):
            return {"name": written[0].strip(), "name_else": tuple(c.strip() for c in written[1:])}
        if isinstance(written, list):
            self.problem(kind, index, "name must be a column, or a list of columns whose first non-empty cell names "
                         "the node: name = [\"Akronym\", \"Titel\"]", "name")
            return {"name": ""}
        return {"name": self.text(kind, index, table, "name")}

    def label(self, kind: str, index: int, label: Any, key: str, allowed: tuple[str, ...] = ()) -> str:
        if label not in NODE_LABELS or label in _TOOL_LABELS:
            usable = [x for x in NODE_LABELS if x not in _TOOL_LABELS]
            what = f"unknown node label {label!r}{did_you_mean(label, usable)}" if label else f"{key} is missing"
            self.problem(kind, index, f"{what}; use one of {', '.join(usable)}", key, label)
        elif allowed and label not in allowed:
            self.problem(kind, index, f"{key} must be one of {', '.join(allowed)}, not {label!r}", key, label)
        else:
            return label
        return ""

    def unknown_keys(self, kind: str | None, index: int, table: dict, allowed: set[str], what: str,
                     columns: Iterable[str] = ()) -> None:
        """A problem per key of `table` not `allowed`; a key that is one of the preset's `columns` (`funder` written
        at the top) says to move it under [columns], where a German try-out had looked for it in the known keys."""
        for key in table:
            if key in columns:
                self.problem(kind, index, f"{key!r} is a column of the preset: write it under [columns] ({key} = "
                             f"\"column\" or {key} = {{ value = \"...\" }}), not at the top of the mapping", key)
            elif key not in allowed:
                said = f"unknown key {key!r} in {what}{did_you_mean(key, allowed)}; known: {', '.join(sorted(allowed))}"
                self.problem(kind, index, said, key)

    def columns(self, kind: str, index: int, table: Any, rel_type: str) -> tuple[Column, ...]:
        if not isinstance(table, dict):
            self.problem(kind, index, "properties must be a table: property = \"column\"", "properties")
            return ()
        return tuple(column for prop, spec in table.items()
                     if (column := property_column(self, kind, index, prop, spec, rel_type)) is not None)

    def _amounts_of_partners(self, kind: str, index: int, spec: FileSpec) -> None:
        """A hand-written table of participations split over a JSON list of partner objects (an end column
        `partnere.cvr`) refuses an amount read from a column of each project, as the participation preset does
        (`loaders.mapping_partner_amounts`): it had loaded the whole grant as each partner's amount."""
        objects = spec.split[0] if spec.split and not spec.split[1] else None
        listed = spec.split[0] if spec.split and spec.split[1] else None  # a cell listing partners: "A GmbH; B AG"
        ends = [end.column for end in (spec.start, spec.end) if end is not None and end.column]
        if spec.type != "PARTICIPATES_IN" or (objects is None or all(of_each_project(c, objects) for c in ends)) and (
                listed not in ends):
            return
        for column in spec.properties:
            if column.property in AMOUNTS and not column.constant and objects and of_each_project(column.column,
                                                                                                 objects):
                self.problem(kind, index, whole_amount_problem(column.property, column.column, objects),
                             column.property, column.column)
            elif column.property in AMOUNTS and not column.constant and listed and column.column != listed:
                self.problem(kind, index, listed_amount_problem(column.property, column.column, listed),
                             column.property, column.column)

    def spec(self, kind: str, index: int, table: Any, defaults: dict[str, str | None]) -> FileSpec | None:
        if not isinstance(table, dict):
            self.problem(kind, index, f"each [[{kind}]] entry must be a table")
            return None
        before = len(self.problems)
        self.unknown_keys(kind, index, table, KEYS[kind], f"[[{kind}]]")
        file = self.text(kind, index, table, "file")
        if file and (PurePosixPath(file).is_absolute() or ".." in PurePosixPath(file).parts or ":" in file):
            self.problem(kind, index, f"file {file!r} must be a path inside the mapping's folder", "file")
        if PurePosixPath(file).suffix.lower() in (".xlsx", ".xls", ".ods", ".numbers"):
            self.problem(kind, index, f"{file!r} is a spreadsheet: save the sheet as CSV (UTF-8) and map that",
                         "file")
        reading = {k: v for k, v in reading_options(self, kind, index, table).items() if v is not None}
        props = table.get("properties")
        keys = ["id", "name", "key", "start", "end", "label_if", "on_empty", "on_conflict", "split",
                *(props if isinstance(props, dict) else {})]
        options = key_options(self, kind, index, table, set(props) if isinstance(props, dict) else set())
        line = self.lines.find(kind, index) or self.lines.find(kind, index, None, file)
        common = {"kind": kind, "file": file, "line": line, **{**defaults, **reading}, **options,
                  "lines": {key: self.lines.find(kind, index, key, _written(table, props, key)) for key in keys}}
        common["skip_lines"] = common.get("skip_lines") or 0  # not set here nor at the top: the header is line 1
        place = table.get("located_in") if isinstance(table.get("located_in"), dict) else {}
        common["lines"] |= {f"located_in.{k}": self.lines.find(kind, index, "located_in", place.get(k))
                            for k in ("region", "country")}
        if kind == "nodes":
            extra = table.get("extra_labels", [])
            extra = [extra] if isinstance(extra, str) else extra if isinstance(extra, list) else [None]
            label_if = table.get("label_if", {})
            if not isinstance(label_if, dict) or not all(isinstance(c, str) and c for c in label_if.values()):
                self.problem(kind, index, "label_if must be a table: Label = \"yes/no column\"", "label_if")
                label_if = {}
            spec = FileSpec(**common, label=self.label(kind, index, table.get("label"), "label"),
                            extra_labels=tuple(self.label(kind, index, x, "extra_labels") for x in extra),
                            label_if=tuple((self.label(kind, index, lb, "label_if"), c) for lb, c in label_if.items()),
                            **node_keys(self, kind, index, table),
                            properties=self.columns(kind, index, table.get("properties", {}), ""))
        else:
            rel_type = table.get("type")
            if rel_type not in REL_TYPES:
                self.problem(kind, index, f"unknown relationship type {rel_type!r}{did_you_mean(rel_type, REL_TYPES)}; "
                             f"use one of {', '.join(REL_TYPES)}", "type", rel_type)
            rel = REL_TYPES.get(rel_type)
            ends = {}
            for role in ("start", "end"):
                end = table.get(role)
                if (found := endpoint_problem(role, end)) is not None:
                    self.problem(kind, index, found, role)
                    continue
                self.unknown_keys(kind, index, end, {"label", "column", "value", "add", "country", "region"},
                                  role)
                allowed = (rel.starts if role == "start" else rel.ends) if rel else ()
                ends[role] = Endpoint(self.label(kind, index, end.get("label"), role, allowed),
                                      end.get("column", ""), constant_end(end), end.get("add") is True,
                                      str(end.get("country", "")).upper(), str(end.get("region", "")).strip())
            spec = FileSpec(**common, type=rel_type if rel else "", start=ends.get("start"), end=ends.get("end"),
                            key=self.text(kind, index, table, "key", required=False),
                            properties=self.columns(kind, index, table.get("properties", {}),
                                                    rel_type if rel else ""))
            self._amounts_of_partners(kind, index, spec)
        return spec if len(self.problems) == before else None
