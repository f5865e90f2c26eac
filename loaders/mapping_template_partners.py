"""A JSON table of projects whose partners are a list of objects in each project (`"partnere": [{"cvr": ...,
"navn": ..., "rolle": ...}]`), as project databases export them: `mapping new` reads the partners' columns from the
objects and writes the participation preset with `split = { column = "partnere" }`, one participation per object.
It had left `organisation_id` and `organisation_name` empty and said to map the list "with its own table", which the
preset refused ("unknown key 'split'"). See docs/mapping.md, "Tables as funders publish them"."""

from __future__ import annotations

from collections.abc import Callable

from loaders.json_tables import flat, objects_in
from loaders.table_cells import object_lists

__all__ = ["PARTNER_COLUMNS", "partner_list"]

#: The preset's columns a partner object holds: what is said of one organisation in one project.
PARTNER_COLUMNS = ("organisation_id", "organisation_name", "role", "amount", "country", "region", "city", "sme",
                   "participation_key")


def partner_list(rows: list[dict], lines: list[int], guessed: dict[str, str],
                 guess: Callable[[list[str]], dict[str, str]]) -> tuple[str, dict[str, str], list[dict], list[int]]:
    """(the list's column, the partner columns guessed in its objects, the rows and lines one per object) of the
    first list of objects that names an organisation, when the table's own header names none; else ("", {}, rows,
    lines) as given. `guess` is `guess_columns`."""
    if {"organisation_id", "organisation_name"} & set(guessed):
        return "", {}, rows, lines
    for column, items in object_lists(rows).items():
        found = {name: header for name, header in guess(items).items() if name in PARTNER_COLUMNS}
        if {"organisation_id", "organisation_name"} & set(found):
            per_object = [({**row, **{f"{column}.{k}": v for k, v in flat(item).items()}}, line)
                          for row, line in zip(rows, lines, strict=True)
                          for item in objects_in(row.get(column)) or [{}]]
            return column, found, [row for row, _ in per_object], [line for _, line in per_object]
    return "", {}, rows, lines
