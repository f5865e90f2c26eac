"""JSON tables: a list of objects read as rows with the line each starts on, for the generic loader.

Users' own data comes as JSON as often as CSV; `read_json_rows` gives the same `Table` the CSV reader
(`loaders.csv_tables.read_rows`) gives, with the same cleaning of control characters, so the loader
treats both alike.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from graph.errors import Problem
from loaders.common import clean_text, read_text
from loaders.csv_tables import Table

__all__ = ["json_rows", "read_json_rows"]

_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def json_rows(text: str) -> list[tuple[int, Any]]:
    """The items of a JSON list, each with the line it starts on; raises `json.JSONDecodeError`.

    One pass: each item is decoded where it starts and lines are counted from the previous item only
    (slicing the rest of the text per item made a 3 MB file take half a minute).

    >>> json_rows('[{"a": 1},\\n {"a": 2}]')
    [(1, {'a': 1}), (2, {'a': 2})]
    """
    decoder, rows = json.JSONDecoder(), []
    at = _JSON_SPACE.match(text).end()
    if text[at:at + 1] != "[":
        raise json.JSONDecodeError("expected a list of objects: [ {...}, {...} ]", text, at)
    at = _JSON_SPACE.match(text, at + 1).end()
    line, counted = 1, 0
    while not (text[at:at + 1] == "]" and not rows):
        item, end = decoder.raw_decode(text, at)
        line, counted = line + text.count("\n", counted, at), at
        rows.append((line, item))
        at = _JSON_SPACE.match(text, end).end()
        if text[at:at + 1] == "]":
            break
        if text[at:at + 1] != ",":
            raise json.JSONDecodeError("expected ',' or ']'", text, at)
        at = _JSON_SPACE.match(text, at + 1).end()
    if _JSON_SPACE.match(text, at + 1).end() != len(text):
        raise json.JSONDecodeError("extra data after the list", text, at + 1)
    return rows


def read_json_rows(path: Path, encoding: str | None, name: str, problems: list[Problem]) -> Table | None:
    """A JSON list of objects as a `Table` (the keys are its columns), text cleaned as the CSV reader cleans
    it; None, with the problem, when it is not valid JSON. Problems name the file as `name`."""
    text, encoding = read_text(path, encoding, name=name)
    try:
        items = json_rows(text)
    except json.JSONDecodeError as e:
        problems.append(Problem(name, e.lineno, None, f"not valid JSON: {e.msg}"))
        return None
    table = Table(path, None, encoding, [], [], [])
    columns: dict[str, None] = {}
    for line, item in items:
        if not isinstance(item, dict):
            problems.append(Problem(name, line, None, 'each item of the list must be an object {"column": value}'))
            continue
        columns.update(dict.fromkeys(item))
        table.rows.append(item)
        table.lines.append(line)
    table.columns = list(columns)
    for row, line in zip(table.rows, table.lines, strict=True):  # the CSV reader does this as it reads
        for column, value in row.items():
            if isinstance(value, str):
                row[column], gone = clean_text(value, name, line, column, problems)
                table.removed, table.cleaned = table.removed + gone, table.cleaned + (gone > 0)
                table.first_removed = table.first_removed or ((line, column) if gone else None)
    return table
