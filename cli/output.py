"""How the CLI prints a result: an aligned table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from graph.store.contract import QueryResult

#: The widest a table cell is printed; a longer one ends in "…" (CSV and JSON have every character).
CELL_WIDTH = 60


def render(result: QueryResult, fmt: str) -> str:
    """The rows of a result as an aligned text table (cells cut at `CELL_WIDTH`, marked), CSV or JSON."""
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2)

    def cell(value: Any) -> str:
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False)
        return "" if value is None else str(value)

    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[cell(v) for v in row] for row in result.rows])
        return buffer.getvalue().rstrip("\n")
    table = [result.columns] + [[cell(v) for v in row] for row in result.rows]
    table = [[v if len(v) <= CELL_WIDTH else v[:CELL_WIDTH - 1] + "…" for v in r] for r in table]  # cut, and shown
    widths = [max(len(r[i]) for r in table) for i in range(len(result.columns))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
