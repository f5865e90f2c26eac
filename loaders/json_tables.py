"""JSON tables: a list of objects read as rows with the line each starts on, for the generic loader.

Users' own data comes as JSON as often as CSV; `read_json_rows` gives the same `Table` the CSV reader
(`loaders.csv_tables.read_rows`) gives, with the same cleaning of control characters, so the loader
treats both alike. Exports of web services wrap the list in an object (`{"count": 2, "data": [...]}`) and
nest objects in the rows (`"address": {"country": "SE"}`): the one list of objects in such an object is
the table (a note says under which key), and a nested object's values are columns named by their path
(`address.country`), so a mapping names them as they are, with no reshaping of the file first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from graph.errors import Problem
from loaders.common import clean_text, read_text
from loaders.csv_tables import Table

__all__ = ["NoTable", "json_rows", "read_json_rows", "flat", "objects_in", "item_columns", "object_lines", "per_object"]

_JSON_SPACE = re.compile(r"[ \t\n\r]*")


class NoTable(json.JSONDecodeError):
    """The text is JSON, but holds no one list of objects to read as rows (several, or none, or not the one named)."""


def json_rows(text: str, spans: list[tuple[int, int]] | None = None,
              key: str | None = None) -> tuple[list[tuple[int, Any]], str]:
    """The items of a JSON list, each with the line it starts on, and the key of the object that holds the list
    ("" for a file that is the list: `key`, when given, names the one meant of several); raises
    `json.JSONDecodeError`, `NoTable` when the text is JSON but no one list of objects. `spans`, when given, gets each
    item's start and end in `text`.

    One pass: each item is decoded where it starts and lines are counted from the previous item only
    (slicing the rest of the text per item made a 3 MB file take half a minute).

    >>> json_rows('[{"a": 1},\\n {"a": 2}]')
    ([(1, {'a': 1}), (2, {'a': 2})], '')
    >>> json_rows('{"count": 1, "data": [\\n {"a": 1}]}')
    ([(2, {'a': 1})], 'data')
    """
    at = _JSON_SPACE.match(text).end()
    if text[at:at + 1] == "{":
        return _wrapped(text, at, spans, key)
    if text[at:at + 1] != "[":
        raise json.JSONDecodeError("expected a list of objects [ {...}, {...} ], or an object holding one", text, at)
    rows, end = _items(text, at, 1, 0, spans)
    if _JSON_SPACE.match(text, end).end() != len(text):
        raise json.JSONDecodeError("extra data after the list", text, end)
    return rows, ""


def _items(text: str, at: int, line: int, counted: int,
           spans: list[tuple[int, int]] | None = None) -> tuple[list[tuple[int, Any]], int]:
    """The items of the list starting at `text[at]` ("["), each with its line (`line` is the line of
    `text[counted]`), and where the list ends."""
    decoder, rows = json.JSONDecoder(), []
    at = _JSON_SPACE.match(text, at + 1).end()
    while not (text[at:at + 1] == "]" and not rows):
        item, end = decoder.raw_decode(text, at)
        line, counted = line + text.count("\n", counted, at), at
        rows.append((line, item))
        if spans is not None:
            spans.append((at, end))
        at = _JSON_SPACE.match(text, end).end()
        if text[at:at + 1] == "]":
            break
        if text[at:at + 1] != ",":
            raise json.JSONDecodeError("expected ',' or ']'", text, at)
        at = _JSON_SPACE.match(text, at + 1).end()
    return rows, at + 1


def _wrapped(text: str, at: int, spans: list[tuple[int, int]] | None,
             key: str | None) -> tuple[list[tuple[int, Any]], str]:
    """The one list of objects among the values of the object starting at `text[at]`, and its key."""
    decoder, lists, spans_of = json.JSONDecoder(), {}, {}
    at = _JSON_SPACE.match(text, at + 1).end()
    while text[at:at + 1] != "}":
        name, at = decoder.raw_decode(text, at)
        at = _JSON_SPACE.match(text, at).end()
        if not isinstance(name, str) or text[at:at + 1] != ":":
            raise json.JSONDecodeError("expected a key and ':'", text, at)
        at = _JSON_SPACE.match(text, at + 1).end()
        if text[at:at + 1] == "[":
            rows, at = _items(text, at, 1 + text.count("\n", 0, at), at, spans_of.setdefault(name, []))
            if rows and all(isinstance(item, dict) for _, item in rows):
                lists[name] = rows
        else:
            at = decoder.raw_decode(text, at)[1]
        at = _JSON_SPACE.match(text, at).end()
        if text[at:at + 1] == ",":
            at = _JSON_SPACE.match(text, at + 1).end()
        elif text[at:at + 1] != "}":
            raise json.JSONDecodeError("expected ',' or '}'", text, at)
    if _JSON_SPACE.match(text, at + 1).end() != len(text):
        raise json.JSONDecodeError("extra data after the object", text, at + 1)
    held = ", ".join(map(repr, lists))
    if key is not None and key not in lists:
        raise NoTable(f"the file holds no list of objects under {key!r} (rows in the mapping); "
                      + (f"its lists of objects are under {held}" if lists else "it holds none"), text, 0)
    if key is None and len(lists) > 1:
        first = json.dumps(next(iter(lists)), ensure_ascii=False)
        raise NoTable(f"the file is an object holding lists of objects under {held}: name the one a table reads with "
                      f"rows = {first} in that table of the mapping", text, 0)
    if not lists:
        raise NoTable("the file is an object holding no list of objects: the rows must be one list of objects "
                      "[ {...}, {...} ]", text, 0)
    key = key if key is not None else next(iter(lists))
    if spans is not None:
        spans += spans_of[key]
    return lists[key], key


def flat(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A row with each nested object's values as columns named by their path: {"a": {"b": 1}} -> {"a.b": 1}."""
    row: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            row.update(flat(value, f"{prefix}{key}."))
        else:
            row[f"{prefix}{key}"] = value
    return row


def objects_in(cell: Any) -> list[dict[str, Any]]:
    """The objects of a cell holding a list of them (`"members": [{"orgnr": ...}, ...]`), else []: `split` on
    such a cell reads one row per object, its values as columns `members.orgnr` (`generic_rows`)."""
    return [item for item in cell if isinstance(item, dict)] if isinstance(cell, list) else []


def item_columns(row: dict[str, Any]) -> dict[str, str]:
    """The columns the objects of a row's lists give (`members.orgnr`), each -> its list's column (`members`)."""
    return {f"{column}.{key}": column for column, cell in row.items() for item in objects_in(cell)
            for key in flat(item)}


def read_json_rows(path: Path, encoding: str | None, name: str, problems: list[Problem],
                   rows_key: str | None = None) -> Table | None:
    """A JSON list of objects as a `Table` (the keys are its columns), text cleaned as the CSV reader cleans
    it; None, with the problem, when it is not valid JSON or holds no one list of rows (`rows_key`: the key of the
    list meant, in an object holding several). Problems name the file as `name`."""
    text, encoding = read_text(path, encoding, name=name)
    spans: list[tuple[int, int]] = []
    try:
        items, key = json_rows(text, spans, rows_key)
    except NoTable as e:
        problems.append(Problem(name, e.lineno, None, e.msg))
        return None
    except json.JSONDecodeError as e:
        problems.append(Problem(name, *_invalid(e)))
        return None
    table = Table(path, None, encoding, [], [], [])
    if key:
        table.notes.append(f"{path.name}: the rows are the {len(items)} objects of its list {key!r}.")
    columns: dict[str, None] = {}
    for (line, item), span in zip(items, spans, strict=True):
        if not isinstance(item, dict):
            problems.append(Problem(name, line, None, 'each item of the list must be an object {"column": value}'))
            continue
        if any(objects_in(value) for value in item.values()):
            table.object_lines[len(table.rows)] = object_lines(text, *span, line)
        item = flat(item) if any(isinstance(value, dict) for value in item.values()) else item
        columns.update(dict.fromkeys(item))
        columns.update(dict.fromkeys(item_columns(item)))
        table.rows.append(item)
        table.lines.append(line)
    table.columns = list(columns)
    for index, (row, line) in enumerate(zip(table.rows, table.lines, strict=True)):  # as the CSV reader reads
        lines_of = table.object_lines.get(index, {})
        for column, value in row.items():
            if column in lines_of:  # each object of the list on its own line
                at = iter(lines_of[column])
                row[column] = [_cleaned(item, table, name, next(at, line) if isinstance(item, dict) else line, column,
                                        problems) for item in value]
            else:
                row[column] = _cleaned(value, table, name, line, column, problems)
    return table


def _invalid(error: json.JSONDecodeError) -> tuple[int, None, str]:
    """Where and why the text is not JSON; a comma after a list's or an object's last item (editors and hand-made
    exports leave one) said as such, on the comma's line (Python's "Expecting value" named the bracket's)."""
    before, closing = error.doc[:error.pos].rstrip(), error.doc[error.pos:error.pos + 1]
    if closing and closing in "]}" and before.endswith(","):
        return (before.count("\n") + 1, None,
                f"not valid JSON: a comma after the last item, before {closing!r} (JSON allows none there: remove it)")
    return error.lineno, None, f"not valid JSON: {error.msg}"


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}\n]')  # a string, a bracket or a line break


def object_lines(text: str, start: int, end: int, line: int) -> dict[str, list[int]]:
    """The line of each object in the lists that are values of the object `text[start:end]` (which starts on
    `line`), by the list's key: `split` makes a row of each, and a problem in one names its line, not the line its
    list's row starts on (a member 20 lines below its cluster had been reported on the cluster's line).

    >>> object_lines('{"id": "k1", "members": [\\n {"nr": 1},\\n {"nr": 2}], "tags": ["a"]}', 0, 58, 1)
    {'members': [2, 3]}
    """
    found: dict[str, list[int]] = {}
    depth: list[str] = []
    key = ""
    for token in _TOKEN.finditer(text, start, end):
        mark = token.group()
        if mark == "\n":
            line += 1
        elif mark[0] == '"':
            key = mark if len(depth) == 1 else key  # in the row's object: the last text before a list is its key
        elif mark in "[{":
            if mark == "{" and depth == ["{", "["]:
                found.setdefault(json.loads(key), []).append(line)
            depth.append(mark)
        else:
            depth.pop()
    return found


def _cleaned(value: Any, table: Table, name: str, line: int, column: str, problems: list[Problem]) -> Any:
    """`value` with its text cleaned as a CSV cell is, counted in `table`: also the text inside a list
    (`"bransch": [...]`) and inside the objects of a list, which `split` makes rows of (their columns are
    `medlemmar.namn`); a control character there had reached the store, and a NUL the writer without a column."""
    if isinstance(value, str):
        text, gone = clean_text(value, name, line, column, problems)
        table.removed, table.cleaned = table.removed + gone, table.cleaned + (gone > 0)
        table.first_removed = table.first_removed or ((line, column) if gone else None)
        return text
    if isinstance(value, list):
        return [_cleaned(item, table, name, line, column, problems) for item in value]
    if isinstance(value, dict):
        return {key: _cleaned(item, table, name, line, f"{column}.{key}", problems) for key, item in value.items()}
    return value


def per_object(table: Table, index: int, row: dict[str, Any], line: int, column: str) -> list[tuple[dict, int]]:
    """Row `index` of `table` (`row`, on `line`) as one row per object of the JSON list of objects its `column` holds:
    the row's values, the object under `column` and its values as `column.key`, each on the object's own line where
    known; [] when the cell holds no such list. The loader's `split` (`generic_rows.split_rows`) and the role words
    (`role_words`) read a list of partner objects alike."""
    objects = objects_in(row.get(column))
    lines = table.object_lines.get(index, {}).get(column, []) if objects else []
    return [({**row, column: item, **{f"{column}.{k}": v for k, v in flat(item).items()}},
             lines[at] if at < len(lines) else line) for at, item in enumerate(objects or ())]
